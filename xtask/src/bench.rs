//! `cargo xtask bench [--quick] [--scale [--claims 20000,100000]] [--no-build] [--skip-shipped] | bench --fuzz [CASES]`: the benchmarks of
//! BENCHMARKS.md. Builds the card, serves it compressed on loopback and runs
//! `tests/bench/bench.mjs` (transfer, Lighthouse against the no-script floor
//! and the static-list and D3 peers, long tasks and the first tap at start-up,
//! selection and filter latency, memory). With `--scale`, also generates
//! synthetic datasets (`tests/bench/generate.mjs`), builds a card from each
//! and measures build time, size and the same interaction figures.
//!
//! A missed goal never fails a benchmark; only a figure that cannot be
//! measured does (so the quick run in `cargo xtask test` cannot rot).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::dist::{self, Build};
use crate::{run, serve, tools, Result};

/// Synthetic dataset sizes: (actors, claims).
const SCALES: [(usize, usize); 3] = [(100, 1_000), (1_000, 20_000), (10_000, 100_000)];

/// Serves `dir` on a free loopback port for the rest of the process.
fn serve_in_background(dir: &Path) -> Result<String> {
    let listener = serve::bind(0)?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || serve::serve(listener, dir));
    Ok(format!("http://127.0.0.1:{port}/"))
}

fn bench_page(root: &Path, url: &str, label: &str, extra: &[&str]) -> Result {
    let path = tools::path_with_tools(root);
    let json = root.join(format!("target/bench/{label}.json"));
    std::fs::create_dir_all(root.join("target/bench")).map_err(|e| e.to_string())?;
    run(Command::new("node")
        .arg("tests/bench/bench.mjs")
        .args(["--url", url, "--label", label])
        .arg("--json")
        .arg(&json)
        .args(extra)
        .current_dir(root)
        .env("PATH", &path)
        .env("CHROMIUM", tools::CHROMIUM))
}

/// The quick benchmark of an already built and served card (for `cargo xtask test`).
pub fn quick(root: &Path, url: &str) -> Result {
    bench_page(root, url, "quick", &["--quick"])
}

/// The long run of the property tests (the checker, the option parser and
/// CSV cells never panic; see crates/core/tests/properties.rs): the test
/// command runs 256 cases of each; this runs `cases`.
fn fuzz(root: &Path, cases: &str) -> Result {
    println!("\n=== bench: property tests, {cases} cases each (optimised build)");
    let started = Instant::now();
    run(Command::new("cargo")
        .args([
            "test",
            "--release",
            "-p",
            "who-backs-whom-core",
            "--test",
            "properties",
        ])
        .current_dir(root)
        .env("WBW_PROPTEST_CASES", cases))?;
    println!(
        "bench: property tests: {cases} cases each in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub fn bench(root: &Path, args: &[String]) -> Result {
    let flag = |f: &str| args.iter().any(|a| a == f);
    if let Some(at) = args.iter().position(|a| a == "--fuzz") {
        let cases = args.get(at + 1).map_or("100000", String::as_str);
        return fuzz(root, cases);
    }
    let quick = flag("--quick");
    tools::ensure_build_tools(root)?;
    tools::ensure_chromium()?;
    let build = Build::from_env(root);
    if !flag("--no-build") {
        dist::build(root, &build)?;
    }
    if !flag("--skip-shipped") {
        let url = serve_in_background(&build.out)?;
        println!("\n=== bench: the shipped card at {url}");
        bench_page(
            root,
            &url,
            "shipped",
            if quick { &["--quick"] } else { &[] },
        )?;
    }
    if flag("--scale") {
        // `--claims 20000,100000`: only those of the sizes.
        let only: Option<Vec<usize>> = args
            .iter()
            .position(|a| a == "--claims")
            .and_then(|at| args.get(at + 1))
            .map(|v| v.split(',').filter_map(|n| n.parse().ok()).collect());
        for (actors, claims) in SCALES {
            if only.as_ref().is_none_or(|o| o.contains(&claims)) {
                scale(root, actors, claims)?;
            }
        }
    }
    Ok(())
}

/// Generates a dataset of `actors` and `claims`, builds a card from it and measures it.
fn scale(root: &Path, actors: usize, claims: usize) -> Result {
    let name = format!("scale-{actors}-{claims}");
    println!("\n=== bench: {name}");
    let data = root.join("target/bench-data").join(&name);
    run(Command::new("node")
        .arg("tests/bench/generate.mjs")
        .args([
            "--actors",
            &actors.to_string(),
            "--claims",
            &claims.to_string(),
        ])
        .arg("--out")
        .arg(&data)
        .current_dir(root))?;
    let build = Build {
        dataset: data.join("dataset.toml"),
        out: root.join("target/bench-dist").join(&name),
        cargo_target: root.join("target"),
    };
    let started = Instant::now();
    let checked = Instant::now();
    dist::check_data(&build.dataset)?;
    let check_seconds = checked.elapsed().as_secs_f64();
    dist::build(root, &build)?;
    println!(
        "bench: {name}: dataset check {check_seconds:.1} s, whole build {:.1} s (the engine is the shipped card's: no Rust is compiled for a dataset)",
        started.elapsed().as_secs_f64()
    );
    let engine = crate::same_engine(&Build::from_env(root).out, &build.out)?;
    println!(
        "bench: {name}: engine byte-identical to the shipped card's ({})",
        engine.join(", ")
    );
    let url = serve_in_background(&build.out)?;
    bench_page(
        root,
        &url,
        &name,
        &[
            "--quick",
            "--pages",
            "index.html,embed.html",
            "--no-floor",
            "--no-peers",
            // The start-up goals are the shipped card's (a hub's part is
            // still loading when the start-up measure looks for nodes).
            "--no-startup",
        ],
    )
}
