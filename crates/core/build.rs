//! Finds the card's languages: every `src/i18n/lang/<code>.rs` is one
//! catalogue, so a newsroom adds a language by adding one file. English
//! comes first (the fallback); `WBW_LANGS=en,my` keeps only those (to
//! measure what a language adds to the wasm).

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/lang");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-env-changed=WBW_LANGS");
    let only: Option<Vec<String>> = env::var("WBW_LANGS")
        .ok()
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect());
    let mut codes: Vec<String> = fs::read_dir(&dir)
        .expect("src/i18n/lang/ exists")
        .filter_map(|e| {
            let path = e.ok()?.path();
            if path.extension()? != "rs" {
                return None;
            }
            path.file_stem()?.to_str().map(str::to_string)
        })
        .filter(|code| code == "en" || only.as_ref().is_none_or(|o| o.contains(code)))
        .collect();
    codes.sort_by_key(|c| (c != "en", c.clone()));
    assert!(
        codes.first().map(String::as_str) == Some("en"),
        "src/i18n/lang/en.rs is the fallback catalogue and must exist"
    );
    let mut out = String::new();
    for code in &codes {
        assert!(
            code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "catalogue file names are language codes: {code}.rs"
        );
        let path = dir.join(format!("{code}.rs"));
        out += &format!("#[path = {:?}]\nmod {code};\n", path.display().to_string());
    }
    out += "/// Every catalogue of this build, English first.\npub const CATALOGUES: &[&Catalogue] = &[";
    for code in &codes {
        out += &format!("&{code}::CATALOGUE, ");
    }
    out += "];\n";
    let target = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("languages.rs");
    fs::write(target, out).expect("write languages.rs");
}
