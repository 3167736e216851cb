//! Installs what the build and the tests need, once, and finds it again:
//! the wasm32 target (rustup), wasm-bindgen-cli at its pinned version
//! in a per-user cache outside the work tree (so fresh clones reuse them),
//! npm packages from the committed lockfile, and Debian's Chromium for tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{fail, run, Result};

/// Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// `$WBW_TOOLS_DIR`, else `$XDG_CACHE_HOME/who-backs-whom/tools`, else `~/.cache/who-backs-whom/tools`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("WBW_TOOLS_DIR") {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    cache.join("who-backs-whom").join("tools")
}

/// The PATH with the pinned tools and node_modules/.bin first.
pub fn path_with_tools(root: &Path) -> String {
    let cache = cache_dir();
    let mut parts = vec![
        cache.join(format!("wasm-bindgen-cli-{WASM_BINDGEN_VERSION}/bin")),
        root.join("node_modules/.bin"),
    ];
    parts.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(parts)
        .expect("paths without separators")
        .to_string_lossy()
        .into_owned()
}

pub fn ensure_wasm_target() -> Result {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match installed {
        Ok(out) if String::from_utf8_lossy(&out.stdout).contains("wasm32-unknown-unknown") => {
            Ok(())
        }
        Ok(_) => {
            println!("setup: adding the wasm32-unknown-unknown target");
            run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])).map_err(
                |e| format!("{e}\n  fix: run `rustup target add wasm32-unknown-unknown` by hand"),
            )
        }
        Err(e) => fail(format!(
            "rustup is not available ({e}); install Rust with rustup"
        )),
    }
}

/// Installs `krate` at `version` into the cache unless its binary is there.
fn ensure_cargo_tool(krate: &str, version: &str, binary: &str, locked: bool) -> Result {
    let root = cache_dir().join(format!("{krate}-{version}"));
    if root.join("bin").join(binary).is_file() {
        return Ok(());
    }
    println!(
        "setup: installing {krate} {version} into {} (once; a few minutes)",
        root.display()
    );
    let mut cmd = Command::new("cargo");
    cmd.args(["install", krate, "--version", version, "--root"])
        .arg(&root);
    if locked {
        cmd.arg("--locked");
    }
    run(&mut cmd).map_err(|e| {
        format!("{e}\n  fix: check the network to crates.io, then run the command again (or install {krate} {version} into {} yourself)", root.display())
    })
}

pub fn ensure_build_tools(root: &Path) -> Result {
    ensure_wasm_target()?;
    // wasm-bindgen-cli does not install with --locked (a locked dependency is gone from the registry).
    ensure_cargo_tool(
        "wasm-bindgen-cli",
        WASM_BINDGEN_VERSION,
        "wasm-bindgen",
        false,
    )?;
    ensure_npm(root)
}

/// `npm ci` unless node_modules was installed from this very package-lock.json
/// (a copy of the lockfile is kept beside it as a stamp).
pub fn ensure_npm(root: &Path) -> Result {
    let lock = std::fs::read(root.join("package-lock.json"))
        .map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = root.join("node_modules/.wbw-installed-lock.json");
    if std::fs::read(&stamp).is_ok_and(|installed| installed == lock) {
        return Ok(());
    }
    println!("setup: installing npm packages from package-lock.json");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(root))
    .map_err(|e| {
        format!(
            "{e}\n  fix: install Node.js 20+ and npm, and check the network to the npm registry"
        )
    })?;
    std::fs::write(&stamp, lock).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// The `followthemoney` package that validates the FtM export, pinned.
pub const FOLLOWTHEMONEY_VERSION: &str = "4.11.2";

/// A per-user virtual environment with `followthemoney` at its pinned
/// version (created once, reused by every clone); returns its python.
pub fn ensure_followthemoney() -> Result<PathBuf> {
    let venv = cache_dir().join(format!("ftm-venv-{FOLLOWTHEMONEY_VERSION}"));
    let python = venv.join("bin/python");
    let stamp = venv.join(".wbw-installed");
    if stamp.is_file() {
        return Ok(python);
    }
    println!(
        "setup: installing followthemoney {FOLLOWTHEMONEY_VERSION} into {} (once; a few minutes)",
        venv.display()
    );
    run(Command::new("python3").arg("-m").arg("venv").arg(&venv))
        .map_err(|e| format!("{e}\n  fix: install python3 with its venv module"))?;
    run(Command::new(venv.join("bin/pip")).args([
        "install",
        "--quiet",
        &format!("followthemoney=={FOLLOWTHEMONEY_VERSION}"),
    ]))
    .map_err(|e| format!("{e}\n  fix: check the network to PyPI, then run the command again"))?;
    std::fs::write(&stamp, FOLLOWTHEMONEY_VERSION)
        .map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(python)
}

/// Debian's Chromium and ChromeDriver, for the browser tests.
pub fn ensure_chromium() -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false);
    if !is_root {
        return fail(format!(
            "the browser tests need {CHROMIUM} and {CHROMEDRIVER}\n  fix: sudo apt-get install chromium chromium-driver"
        ));
    }
    println!("setup: installing Debian's chromium and chromium-driver");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .map_err(|e| format!("{e}\n  fix: apt-get install chromium chromium-driver"))
}
