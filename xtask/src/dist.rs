//! Builds `dist/`: Trunk's release build of the page, the prerendered card
//! put into it, the data exports and the source texts, then prints sizes.

use std::path::{Path, PathBuf};
use std::process::Command;

use who_backs_whom_core::load;

use crate::{fail, run, tools, Result};

/// The element the prerendered card goes into (see index.html and src/entry.rs).
const ROOT_ELEMENT: &str = r#"<main id="wbw-root"></main>"#;

/// The dataset file: `$WBW_DATASET` (relative to the project root) or data/dataset.toml.
pub fn dataset_path(root: &Path) -> PathBuf {
    match std::env::var("WBW_DATASET") {
        Ok(p) if !p.is_empty() => root.join(p),
        _ => root.join("data/dataset.toml"),
    }
}

/// Checks the dataset and prints every problem; the same checks `build.rs` runs.
pub fn check_data(root: &Path) -> Result<load::Loaded> {
    let path = dataset_path(root);
    load::load(&path).or_else(|diagnostics| {
        for d in &diagnostics {
            eprintln!("{d}\n");
        }
        fail(format!(
            "the dataset {} has {} problem(s); see above",
            path.display(),
            diagnostics.len()
        ))
    })
}

pub fn build(root: &Path) -> Result {
    let loaded = check_data(root)?;
    tools::ensure_build_tools(root)?;
    let path = tools::path_with_tools(root);
    println!("build: trunk build --release");
    run(Command::new("trunk")
        .args(["build", "--release"])
        .current_dir(root)
        .env("PATH", &path))?;

    println!("build: prerendering the card");
    let output = Command::new("cargo")
        .args(["run", "--quiet", "--features", "ssr", "--bin", "prerender"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run the prerender binary: {e}"))?;
    if !output.status.success() {
        return fail(format!(
            "prerender failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let card =
        String::from_utf8(output.stdout).map_err(|_| "prerender printed non-UTF-8".to_string())?;
    let dist = root.join("dist");
    let index = dist.join("index.html");
    let page = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    if !page.contains(ROOT_ELEMENT) {
        return fail(format!(
            "{} has no {ROOT_ELEMENT} to prerender into",
            index.display()
        ));
    }
    let page = page.replacen(
        ROOT_ELEMENT,
        &format!(r#"<main id="wbw-root">{card}</main>"#),
        1,
    );
    write(&index, page)?;

    write(
        &dist.join("claims.json"),
        load::export::to_json(&loaded.dataset),
    )?;
    write(
        &dist.join("claims.csv"),
        load::export::to_csv(&loaded.dataset),
    )?;
    let sources = dist.join("sources");
    std::fs::create_dir_all(&sources).map_err(|e| format!("{}: {e}", sources.display()))?;
    for (source, text) in loaded.dataset.sources.iter().zip(&loaded.source_texts) {
        write(&sources.join(format!("{}.txt", source.id)), text.clone())?;
    }
    println!("build: dist/ is ready");
    crate::sizes::print(&dist)
}

fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result {
    std::fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
