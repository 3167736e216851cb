//! Checks the dataset and compiles it into the card as a `static`.
//!
//! The dataset is `data/dataset.toml`, or the file named by `WBW_DATASET`
//! (relative to this crate). Any problem fails the build with
//! `file:line:column`, the id at fault and a hint, all problems at once.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=WBW_DATASET");
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let path = match std::env::var("WBW_DATASET") {
        Ok(p) if !p.is_empty() => manifest_dir.join(p),
        _ => manifest_dir.join("data/dataset.toml"),
    };
    println!("cargo:rerun-if-changed={}", path.display());
    match who_backs_whom_core::load::load(&path) {
        Ok(loaded) => {
            for file in &loaded.files {
                println!("cargo:rerun-if-changed={}", file.display());
            }
            let out =
                PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("dataset.rs");
            std::fs::write(
                &out,
                who_backs_whom_core::load::codegen::to_rust(&loaded.dataset),
            )
            .expect("OUT_DIR is writable");
        }
        Err(diagnostics) => {
            eprintln!("\nThe dataset has {} problem(s):\n", diagnostics.len());
            for d in &diagnostics {
                eprintln!("{d}\n");
            }
            eprintln!("Fix them and build again (see data/README.md).");
            std::process::exit(1);
        }
    }
}
