//! Installs what the build and the tests need, once, and finds it again:
//! the wasm32 target (rustup), wasm-bindgen-cli at its pinned version
//! in a per-user cache outside the work tree (so fresh clones reuse them),
//! npm packages from the committed lockfile, and Debian's Chromium for tests.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{fail, run, Result};

/// Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// `$WBW_TOOLS_DIR`, else `$XDG_CACHE_HOME/who-backs-whom/tools`, else
/// `~/.cache/who-backs-whom/tools`, created private to the current user;
/// refused when another user owns it or can write to it. With none of the
/// three variables set there is no per-user place to trust: no shared
/// fallback such as /tmp, where another user could plant the binaries.
pub fn cache_dir() -> Result<PathBuf> {
    let dir = cache_dir_from(
        std::env::var_os("WBW_TOOLS_DIR"),
        std::env::var_os("XDG_CACHE_HOME"),
        std::env::var_os("HOME"),
    )?;
    private_dir(&dir)?;
    Ok(dir)
}

/// Where the tools go, from the three variables (in [`cache_dir`]'s order).
fn cache_dir_from(
    tools: Option<OsString>,
    xdg_cache: Option<OsString>,
    home: Option<OsString>,
) -> Result<PathBuf> {
    let set = |v: Option<OsString>| v.filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set(tools) {
        return Ok(dir);
    }
    match set(xdg_cache).or_else(|| set(home).map(|h| h.join(".cache"))) {
        Some(cache) => Ok(cache.join("who-backs-whom").join("tools")),
        None => fail(
            "no per-user folder for the pinned tools: HOME, XDG_CACHE_HOME and WBW_TOOLS_DIR are all unset\n  \
             fix: set HOME (or WBW_TOOLS_DIR to a folder only you can write to); a shared folder such as /tmp is never used",
        ),
    }
}

/// Creates `dir` (mode 0700 for what is created) and checks that it, and the
/// folder above it that this project created, belong to the current user and
/// that nobody else can write to them.
fn private_dir(dir: &Path) -> Result {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| format!("cannot create the tools folder {}: {e}", dir.display()))?;
    let ours = dir
        .parent()
        .filter(|p| p.file_name().is_some_and(|n| n == "who-backs-whom"));
    for path in std::iter::once(dir).chain(ours) {
        private(path)?;
    }
    Ok(())
}

/// `path` belongs to the current user and is writable by nobody else.
fn private(path: &Path) -> Result {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let me = current_uid()?;
    if meta.uid() != me || meta.mode() & 0o022 != 0 {
        return fail(format!(
            "{} belongs to user {} (mode {:o}), not only to you (user {me}): its binaries cannot be trusted\n  \
             fix: set WBW_TOOLS_DIR (or HOME) to a folder only you own and can write to",
            path.display(),
            meta.uid(),
            meta.mode() & 0o7777
        ));
    }
    Ok(())
}

/// The effective user id (Linux: the owner of `/proc/self`; else `id -u`).
fn current_uid() -> Result<u32> {
    use std::os::unix::fs::MetadataExt;
    if let Ok(meta) = std::fs::metadata("/proc/self") {
        return Ok(meta.uid());
    }
    let out = Command::new("id")
        .arg("-u")
        .output()
        .map_err(|e| format!("id -u: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| "id -u printed no user id".to_string())
}

/// The PATH with the pinned tools and node_modules/.bin first (the tools'
/// folder only when [`cache_dir`] trusts it: [`ensure_build_tools`] says why not).
pub fn path_with_tools(root: &Path) -> String {
    let mut parts = Vec::new();
    if let Ok(cache) = cache_dir() {
        parts.push(cache.join(format!("wasm-bindgen-cli-{WASM_BINDGEN_VERSION}/bin")));
    }
    parts.push(root.join("node_modules/.bin"));
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

/// Installs `krate` at exactly `version` into the cache unless its binary is
/// there (and private to the current user). First with `--locked`, the
/// dependency versions the crate was published with; when the registry can
/// no longer give one of them, once more without, resolving the newest
/// compatible ones (printed, so a run says which it did).
fn ensure_cargo_tool(krate: &str, version: &str, binary: &str) -> Result {
    let root = cache_dir()?.join(format!("{krate}-{version}"));
    let bin = root.join("bin").join(binary);
    if bin.is_file() {
        return [root.as_path(), &root.join("bin"), &bin]
            .into_iter()
            .try_for_each(private);
    }
    println!(
        "setup: installing {krate} {version} into {} (once; a few minutes)",
        root.display()
    );
    let install = |locked: bool| {
        let mut cmd = Command::new("cargo");
        cmd.args([
            "install",
            krate,
            "--version",
            &format!("={version}"),
            "--root",
        ])
        .arg(&root);
        if locked {
            cmd.arg("--locked");
        }
        run(&mut cmd)
    };
    install(true)
        .or_else(|e| {
            println!("setup: {krate} {version} does not install with its own Cargo.lock ({e}); resolving its dependencies again");
            install(false)
        })
        .map_err(|e| {
            format!("{e}\n  fix: check the network to crates.io, then run the command again (or install {krate} {version} into {} yourself)", root.display())
        })
}

pub fn ensure_build_tools(root: &Path) -> Result {
    ensure_wasm_target()?;
    ensure_cargo_tool("wasm-bindgen-cli", WASM_BINDGEN_VERSION, "wasm-bindgen")?;
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
    let venv = cache_dir()?.join(format!("ftm-venv-{FOLLOWTHEMONEY_VERSION}"));
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

/// Debian's Chromium and ChromeDriver, for the browser tests, and the fonts
/// Burmese is read in on phones (Noto Sans Myanmar, Padauk), so that the
/// tests and their screenshots render it as readers see it.
const BROWSER_FILES: [(&str, &str); 4] = [
    (CHROMIUM, "chromium"),
    (CHROMEDRIVER, "chromium-driver"),
    (
        "/usr/share/fonts/truetype/noto/NotoSansMyanmar-Regular.ttf",
        "fonts-noto-core",
    ),
    (
        "/usr/share/fonts/truetype/padauk/Padauk-Regular.ttf",
        "fonts-sil-padauk",
    ),
];

pub fn ensure_chromium() -> Result {
    let missing: Vec<&str> = BROWSER_FILES
        .iter()
        .filter(|(file, _)| !Path::new(file).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let packages = missing.join(" ");
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false);
    if !is_root {
        return fail(format!(
            "the browser tests need Debian's {packages}\n  fix: sudo apt-get install {packages}"
        ));
    }
    println!("setup: installing Debian's {packages}");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .map_err(|e| format!("{e}\n  fix: apt-get install {packages}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(s: &str) -> Option<OsString> {
        Some(OsString::from(s))
    }

    #[test]
    fn the_tools_folder_is_per_user_or_nothing() {
        let dir = |t, x, h| cache_dir_from(t, x, h).map_err(|e| e.to_string());
        assert_eq!(
            dir(None, None, os("/home/a")).unwrap(),
            PathBuf::from("/home/a/.cache/who-backs-whom/tools")
        );
        assert_eq!(
            dir(None, os("/c"), os("/home/a")).unwrap(),
            PathBuf::from("/c/who-backs-whom/tools")
        );
        assert_eq!(dir(os("/t"), os("/c"), None).unwrap(), PathBuf::from("/t"));
        // Neither HOME nor XDG_CACHE_HOME (nor WBW_TOOLS_DIR): no shared /tmp.
        for (t, x, h) in [(None, None, None), (os(""), os(""), os(""))] {
            let error = dir(t, x, h).unwrap_err();
            assert!(
                error.contains("HOME") && error.contains("WBW_TOOLS_DIR"),
                "{error}"
            );
        }
    }

    #[test]
    fn a_folder_others_can_write_to_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let base = std::env::temp_dir().join(format!("wbw-tools-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let tools = base.join("who-backs-whom").join("tools");
        private_dir(&tools).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&tools), 0o700, "created private");
        for shared in [tools.clone(), base.join("who-backs-whom")] {
            std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
            let error = private_dir(&tools).unwrap_err().to_string();
            assert!(error.contains("cannot be trusted"), "{error}");
            std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        private_dir(&tools).unwrap();
        std::fs::remove_dir_all(&base).unwrap();
    }
}
