//! The project's task runner (`cargo xtask <command>`). Every command
//! installs what it needs first (see `tools`), so the README's two commands
//! work on a fresh machine:
//!
//! - `cargo xtask serve [--port N] [--no-build]`: build and serve the card at http://127.0.0.1:8080/
//! - `cargo xtask test`: every check and test (format, lints, native, wasm in
//!   headless Chromium, end-to-end in Chromium)
//! - `cargo xtask build`: the release build into `dist/`, with sizes
//! - `cargo xtask check-data`: check the dataset only (`WBW_DATASET` picks another)
//! - `cargo xtask sizes`: compressed sizes of `dist/`
//! - `cargo xtask bench [--quick] [--scale]`: the benchmarks of BENCHMARKS.md

mod bench;
mod dist;
mod image;
mod serve;
mod sizes;
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T = ()> = std::result::Result<T, String>;

pub fn fail<T>(message: impl Into<String>) -> Result<T> {
    Err(message.into())
}

/// Runs a command, echoing it; a failure names the command.
pub fn run(command: &mut Command) -> Result {
    let shown = format!("{:?}", command).replace('"', "");
    let status = command
        .status()
        .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        fail(format!("`{shown}` failed ({status})"))
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ is inside the project")
        .to_path_buf()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(
            &root,
            port_arg(&args).unwrap_or(8080),
            !args.iter().any(|a| a == "--no-build"),
        ),
        Some("build") => dist::build(&root, &dist::Build::from_env(&root)),
        Some("test") => test(&root),
        Some("check-data") => dist::check_data(&dist::dataset_path(&root)).map(|l| {
            println!(
                "check-data: {} is valid: {} actors, {} sources, {} claims, {} context items",
                dist::dataset_path(&root).display(),
                l.dataset.actors.len(),
                l.dataset.sources.len(),
                l.dataset.claims.len(),
                l.dataset.context.len()
            )
        }),
        Some("sizes") => sizes::print(&root.join("dist")),
        Some("bench") => bench::bench(&root, &args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <serve [--port N] [--no-build] | test | build | check-data | sizes | bench [--quick] [--scale] [--no-build]>"
            );
            std::process::exit(2);
        }
    };
    if let Err(message) = result {
        eprintln!("\nxtask: error: {message}");
        std::process::exit(1);
    }
}

fn port_arg(args: &[String]) -> Option<u16> {
    let at = args.iter().position(|a| a == "--port")?;
    args.get(at + 1)?.parse().ok()
}

fn serve(root: &Path, port: u16, build: bool) -> Result {
    if build {
        dist::build(root, &dist::Build::from_env(root))?;
    }
    let listener = serve::bind(port)?;
    println!("serve: the card is at http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    serve::serve(listener, root.join("dist"));
    Ok(())
}

/// One step of the test command.
struct Steps {
    passed: usize,
}

impl Steps {
    fn run(&mut self, name: &str, command: &mut Command) -> Result {
        println!("\n=== test: {name}");
        run(command).map_err(|e| format!("test step `{name}` failed: {e}"))?;
        self.passed += 1;
        Ok(())
    }
}

fn cargo(root: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command.args(args).current_dir(root);
    command
}

/// A newsroom's own dataset (WBW_DATASET) is checked, compiled in and rendered.
fn second_dataset(root: &Path) -> Result {
    println!("\n=== test: a second dataset builds its own card");
    let output = cargo(
        root,
        &["run", "--quiet", "--features", "ssr", "--bin", "prerender"],
    )
    .env("WBW_DATASET", "tests/fixtures/second-dataset/dataset.toml")
    .env("CARGO_TARGET_DIR", root.join("target/second-dataset"))
    .output()
    .map_err(|e| format!("cannot run the prerender binary: {e}"))?;
    let html = String::from_utf8_lossy(&output.stdout).replace("&#x27;", "'");
    let expected = [
        "Whom does Defend Myanmar Democracy condemn?",
        "People of Belarus",
    ];
    let own =
        expected.iter().all(|e| html.contains(e)) && !html.contains("Who backs Myanmar's junta");
    if !output.status.success() || !own {
        return fail(format!(
            "the card built from tests/fixtures/second-dataset does not show its own title and actors\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    println!("ok: the second dataset's card shows its own title and actors");
    Ok(())
}

fn test(root: &Path) -> Result {
    tools::ensure_build_tools(root)?;
    tools::ensure_chromium()?;
    let path = tools::path_with_tools(root);
    let mut steps = Steps { passed: 0 };
    steps.run("format", &mut cargo(root, &["fmt", "--all", "--check"]))?;
    steps.run(
        "lints (native)",
        &mut cargo(
            root,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--features",
                "ssr",
                "--",
                "-D",
                "warnings",
            ],
        ),
    )?;
    steps.run(
        "lints (wasm)",
        &mut cargo(
            root,
            &[
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "--lib",
                "--bins",
                "--features",
                "hydration",
                "--",
                "-D",
                "warnings",
            ],
        ),
    )?;
    steps.run("native tests", &mut cargo(root, &["test", "--workspace"]))?;
    steps.run(
        "wasm tests in headless Chromium",
        cargo(
            root,
            &[
                "test",
                "--target",
                "wasm32-unknown-unknown",
                "--features",
                "csr",
                "--test",
                "browser",
            ],
        )
        .env("PATH", &path)
        .env("CHROMEDRIVER", tools::CHROMEDRIVER),
    )?;
    second_dataset(root)?;
    steps.passed += 1;
    dist::build(root, &dist::Build::from_env(root))?;
    let listener = serve::bind(0)?;
    let url = format!(
        "http://127.0.0.1:{}/",
        listener.local_addr().map_err(|e| e.to_string())?.port()
    );
    let dist = root.join("dist");
    std::thread::spawn(move || serve::serve(listener, dist));
    steps.run(
        "end-to-end in Chromium",
        Command::new("node")
            .args(["--test", "--test-reporter=spec", "tests/e2e/"])
            .current_dir(root)
            .env("PATH", &path)
            .env("WBW_URL", &url)
            .env("CHROMIUM", tools::CHROMIUM),
    )?;
    println!("\n=== test: benchmark, quick mode (fails only if it cannot measure)");
    bench::quick(root, &url).map_err(|e| format!("test step `benchmark` failed: {e}"))?;
    steps.passed += 1;
    println!("\nsteps: {} passed, 0 failed", steps.passed);
    Ok(())
}
