//! Trunk at the top level (`Trunk.toml`, `index.html`), over the one xtask
//! pipeline: Trunk watches, serves and reloads; its post-build hook
//! ([`hook`], `cargo xtask trunk-hook`) runs [`dist::build`] into Trunk's
//! staging folder, so `trunk build --release` gives what `cargo xtask
//! build` gives.
//!
//! - [`ensure`]: Trunk at its pinned version in the per-user tool cache
//!   (`cargo install --locked`, once per machine, keyed by version);
//!   [`install_in_background`] starts that early.
//! - [`run`]: `cargo xtask trunk <args>`, Trunk with the pinned tools on PATH.
//! - [`test`]: the test command's Trunk step (build equals xtask build; the
//!   `trunk serve` reload loop in Chromium, `tests/e2e/trunk.test.mjs`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::JoinHandle;

use crate::{dist, fail, tools, Result};

/// Trunk's version; 0.22 needs a newer rustc than the project's.
pub const TRUNK_VERSION: &str = "0.21.14";
/// The marker of Trunk's live-reload script (`trunk serve` only).
const RELOAD_MARKER: &str = ".well-known/trunk/ws";

/// Where the pinned Trunk goes: `<tools>/trunk-<version>/bin/trunk`.
fn install_root() -> Result<PathBuf> {
    Ok(tools::cache_dir()?.join(format!("trunk-{TRUNK_VERSION}")))
}

/// The pinned Trunk, installed once per machine (with the versions of its
/// published Cargo.lock); returns its binary. The install goes to a folder
/// of its own that is renamed into place, so a cut install is never taken
/// for a finished one.
pub fn ensure() -> Result<PathBuf> {
    let root = install_root()?;
    let bin = root.join("bin/trunk");
    if bin.is_file() {
        return Ok(bin);
    }
    let partial = root.with_extension(format!("partial-{}", std::process::id()));
    println!(
        "setup: installing trunk {TRUNK_VERSION} into {} (once per machine; about 11 minutes on two cores)",
        root.display()
    );
    crate::run(
        Command::new("cargo")
            .args(["install", "trunk", "--locked", "--version"])
            .arg(format!("={TRUNK_VERSION}"))
            .arg("--root")
            .arg(&partial),
    )
    .map_err(|e| {
        format!(
            "{e}\n  fix: check the network to crates.io, then run the command again (or install trunk {TRUNK_VERSION} into {} yourself)",
            root.display()
        )
    })?;
    if std::fs::rename(&partial, &root).is_err() {
        // Another run put the same version in place first.
        let _ = std::fs::remove_dir_all(&partial);
    }
    match bin.is_file() {
        true => Ok(bin),
        false => fail(format!(
            "trunk {TRUNK_VERSION} installed no {}",
            bin.display()
        )),
    }
}

/// Starts [`ensure`] on a thread, so the long first install overlaps the
/// steps that do not need Trunk.
pub fn install_in_background() -> JoinHandle<Result<PathBuf>> {
    std::thread::spawn(ensure)
}

/// Trunk in the project root with the pinned wasm-bindgen, npm's wasm-opt
/// and cargo on PATH (Trunk.toml says `offline`: it never downloads them).
fn trunk(root: &Path, bin: &Path) -> Command {
    let mut command = Command::new(bin);
    command
        .current_dir(root)
        .env("PATH", tools::path_with_tools(root));
    command
}

/// `cargo xtask trunk <args>`: installs what is missing, then runs Trunk
/// (`serve`: the edit-and-reload loop at http://127.0.0.1:8080/).
pub fn run(root: &Path, args: &[String]) -> Result {
    tools::ensure_build_tools(root)?;
    let bin = ensure()?;
    crate::run(trunk(root, &bin).args(args))
}

/// Trunk's post-build hook: the xtask build into `$TRUNK_STAGING_DIR`. Under
/// `trunk serve` the staged index.html carries Trunk's reload script, which
/// goes over into the card's page. The engine is always the release one
/// (`$TRUNK_PROFILE` is only reported): one pipeline, one wasm.
pub fn hook(root: &Path) -> Result {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("trunk-hook runs as Trunk's post_build hook (no TRUNK_STAGING_DIR)")?;
    let profile = std::env::var("TRUNK_PROFILE").unwrap_or_default();
    let staged = std::fs::read_to_string(staging.join("index.html")).unwrap_or_default();
    let reload = reload_script(&staged).map(str::to_string);
    println!(
        "trunk-hook: building the card into {} (Trunk profile {profile}; the engine is the release build)",
        staging.display()
    );
    let build = dist::Build {
        out: staging.clone(),
        ..dist::Build::from_env(root)
    };
    dist::build(root, &build)?;
    if let Some(script) = reload {
        let page = staging.join("index.html");
        let html =
            std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        let html = html.replacen("</body>", &format!("{script}\n</body>"), 1);
        std::fs::write(&page, html).map_err(|e| format!("{}: {e}", page.display()))?;
        // The brotli copy has no reload script; Trunk's server sends the page itself.
        let _ = std::fs::remove_file(staging.join("index.html.br"));
        println!("trunk-hook: index.html carries Trunk's reload script (trunk serve)");
    }
    Ok(())
}

/// Trunk's reload `<script …>…</script>` in a page it staged, if any.
fn reload_script(html: &str) -> Option<&str> {
    let marker = html.find(RELOAD_MARKER)?;
    let start = html[..marker].rfind("<script")?;
    let end = marker + html[marker..].find("</script>")? + "</script>".len();
    Some(&html[start..end])
}

/// The test command's Trunk step: `trunk build --release` gives the files
/// `cargo xtask build` gives, byte for byte, with no inline script in the
/// pages; then `trunk serve` rebuilds and reloads in Chromium.
pub fn test(root: &Path, install: JoinHandle<Result<PathBuf>>) -> Result {
    println!("\n=== test: trunk build --release gives the card that cargo xtask build gives");
    let bin = install
        .join()
        .map_err(|_| "the trunk install thread panicked".to_string())??;
    let compare = root.join("target/trunk-compare");
    let (ours, theirs) = (compare.join("xtask"), compare.join("trunk"));
    let public_url = std::env::var_os("WBW_PUBLIC_URL");
    std::env::remove_var("WBW_PUBLIC_URL");
    let built = dist::build(
        root,
        &dist::Build {
            out: ours.clone(),
            ..dist::Build::from_env(root)
        },
    )
    .and_then(|()| {
        crate::run(
            trunk(root, &bin)
                .args(["build", "--release", "--dist"])
                .arg(&theirs),
        )
    });
    if let Some(value) = public_url {
        std::env::set_var("WBW_PUBLIC_URL", value);
    }
    built?;
    same_card(&ours, &theirs)?;
    println!("\n=== test: trunk serve rebuilds and reloads the page (tests/e2e/trunk.test.mjs)");
    crate::run(
        Command::new("node")
            .args(["--test", "--test-reporter=spec", "tests/e2e/trunk.test.mjs"])
            .current_dir(root)
            .env("PATH", tools::path_with_tools(root))
            .env("WBW_TRUNK", &bin)
            .env("CHROMIUM", tools::CHROMIUM),
    )
    .map_err(|e| format!("test step `trunk serve` failed: {e}"))
}

/// The two builds hold the same files with the same bytes, and their pages
/// run no inline script.
fn same_card(ours: &Path, theirs: &Path) -> Result {
    let (a, b) = (dist::files_under(ours), dist::files_under(theirs));
    if a != b {
        let only = |x: &[String], y: &[String]| -> Vec<String> {
            x.iter().filter(|f| !y.contains(f)).cloned().collect()
        };
        return fail(format!(
            "trunk build and cargo xtask build differ in files: only xtask {:?}, only trunk {:?}",
            only(&a, &b),
            only(&b, &a)
        ));
    }
    let differ: Vec<&String> = a
        .iter()
        .filter(|f| std::fs::read(ours.join(f)).ok() != std::fs::read(theirs.join(f)).ok())
        .collect();
    if !differ.is_empty() {
        return fail(format!(
            "trunk build and cargo xtask build differ in {differ:?}"
        ));
    }
    for page in ["index.html", "embed.html"] {
        let html =
            std::fs::read_to_string(theirs.join(page)).map_err(|e| format!("{page}: {e}"))?;
        if let Some(script) = inline_script(&html) {
            return fail(format!(
                "trunk build's {page} runs an inline script: {script}"
            ));
        }
    }
    println!(
        "ok: {} files, byte for byte the same; index.html and embed.html run no inline script",
        a.len()
    );
    Ok(())
}

/// The first `<script>` that would run inline (no `src`, not data).
fn inline_script(html: &str) -> Option<&str> {
    html.match_indices("<script").find_map(|(at, _)| {
        let tag = &html[at..at + html[at..].find('>')? + 1];
        let data =
            tag.contains("type=\"text/plain\"") || tag.contains("type=\"application/ld+json\"");
        (!data && !tag.contains(" src=")).then_some(tag)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_is_found_and_nothing_else() {
        let staged = "<html><body><p>x</p><script nonce=\"n\">const u = base + '.well-known/trunk/ws';</script></body></html>";
        assert_eq!(
            reload_script(staged),
            Some("<script nonce=\"n\">const u = base + '.well-known/trunk/ws';</script>")
        );
        assert_eq!(
            reload_script("<html><body><script src=\"a.js\"></script></body></html>"),
            None
        );
    }

    #[test]
    fn inline_scripts_are_told_from_data_and_files() {
        let page = r#"<script type="module" src="boot-1.js" fetchpriority="low"></script><script type="application/ld+json">{}</script><script type="text/plain" id="wbw-data">x</script>"#;
        assert_eq!(inline_script(page), None);
        assert_eq!(
            inline_script("<script type=\"module\">go()</script>"),
            Some("<script type=\"module\">")
        );
    }
}
