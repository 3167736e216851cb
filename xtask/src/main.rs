//! The project's task runner (`cargo xtask <command>`). Every command
//! installs what it needs first (see `tools`), so the README's two commands
//! work on a fresh machine:
//!
//! - `cargo xtask serve [--port N] [--no-build]`: build and serve the card at http://127.0.0.1:8080/
//! - `cargo xtask test`: every check and test (format, lints, native, wasm in
//!   headless Chromium, end-to-end in Chromium)
//! - `cargo xtask build [--dataset PATH] [--out DIR]`: the release build into
//!   `dist/` (or DIR) for the shipped dataset (or PATH), with sizes; the engine
//!   is built once and reused for every dataset
//! - `cargo xtask check-data`: check the dataset only (`WBW_DATASET` picks another)
//! - `cargo xtask sizes`: compressed sizes of `dist/`
//! - `cargo xtask bench [--quick] [--scale]`: the benchmarks of BENCHMARKS.md
//! - `cargo xtask import claims.csv [--actors F] [--sources F] [--dataset F] [--write]`:
//!   spreadsheet rows into the dataset (see `import`)
//! - `cargo xtask trunk <args>`: Trunk (`serve`, `build --release`) with the
//!   pinned tools; `cargo xtask trunk-hook` is its post-build hook (see `trunk`)

mod bench;
mod dist;
mod image;
mod import;
mod serve;
mod sizes;
mod tools;
mod trunk;

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
            dir_arg(&root, &args),
        ),
        Some("build") => {
            dist::Build::from_args(&root, &args[1..]).and_then(|b| dist::build(&root, &b))
        }
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
        Some("import") => import::run(&root, &args[1..]),
        Some("trunk") => trunk::run(&root, &args[1..]),
        Some("trunk-hook") => trunk::hook(&root),
        _ => {
            eprintln!(
                "usage: cargo xtask <serve [--port N] [--no-build] [--dir DIR] | test | build | check-data | sizes | bench [--quick] [--scale] [--no-build] | import claims.csv [--actors F] [--sources F] [--dataset F] [--write] | trunk <args>>"
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

/// `--dir DIR`: serve that built directory (with `--no-build`) instead of `dist/`.
fn dir_arg(root: &Path, args: &[String]) -> Option<PathBuf> {
    let at = args.iter().position(|a| a == "--dir")?;
    args.get(at + 1).map(|d| root.join(d))
}

fn serve(root: &Path, port: u16, build: bool, dir: Option<PathBuf>) -> Result {
    if build {
        dist::build(root, &dist::Build::from_env(root))?;
    }
    let listener = serve::bind(port)?;
    println!("serve: the card is at http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    serve::serve(listener, dir.unwrap_or_else(|| root.join("dist")));
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

/// A newsroom's own dataset builds its own card with the same engine: the
/// second dataset's dist shows its own title, manifest name and actors, and
/// its wasm and JS glue are byte for byte those of the shipped card.
fn second_dataset(root: &Path) -> Result {
    println!("\n=== test: a second dataset builds its own card with the same engine");
    let out = root.join("target/dist-second");
    let build = dist::Build {
        dataset: root.join("tests/fixtures/second-dataset/dataset.toml"),
        out: out.clone(),
        cargo_target: root.join("target"),
    };
    let started = std::time::Instant::now();
    dist::build(root, &build)?;
    println!("ok: built in {:.1} s", started.elapsed().as_secs_f64());
    let text = |dir: &Path, name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let html = text(&out, "index.html").replace("&#x27;", "'");
    let manifest = text(&out, "manifest.webmanifest");
    let own = [
        "Whom does Defend Myanmar Democracy condemn?",
        "People of Belarus",
    ]
    .iter()
    .all(|e| html.contains(e))
        && manifest.contains("Whom does Defend Myanmar Democracy condemn?")
        && !html.contains("Who backs Myanmar's junta")
        && !manifest.contains("Who backs Myanmar's junta");
    if !own {
        return fail("the card built from tests/fixtures/second-dataset does not show its own title, manifest name and actors");
    }
    println!("ok: the second dataset's card shows its own title, manifest name and actors");
    let engine = same_engine(&root.join("dist"), &out)?;
    println!(
        "ok: the wasm and JS glue are byte-identical for both datasets ({})",
        engine.join(", ")
    );
    Ok(())
}

/// The engine files (the wasm and its JS glue, `who-backs-whom-*`) of two
/// builds: the same names and the same bytes, or an error naming them. The
/// card is one engine for every dataset; this is what proves it.
pub(crate) fn same_engine(ours: &Path, theirs: &Path) -> Result<Vec<String>> {
    let engine = |dir: &Path| -> Vec<String> {
        dist::files_under(dir)
            .into_iter()
            .filter(|f| f.starts_with("who-backs-whom-") && !f.ends_with(".br"))
            .collect()
    };
    let (a, b) = (engine(ours), engine(theirs));
    let identical = !a.is_empty()
        && a == b
        && a.iter()
            .all(|f| std::fs::read(ours.join(f)).ok() == std::fs::read(theirs.join(f)).ok());
    if !identical {
        return Err(format!(
            "the engine differs between {} and {}: {a:?} against {b:?}",
            ours.display(),
            theirs.display()
        ));
    }
    Ok(a)
}

/// A card from a synthetic dataset of `actors` and `claims` over the parts
/// threshold (an index and per-actor parts), served for
/// `tests/e2e/parts.test.mjs` (400 claims: the focus's part is inlined) and
/// `tests/e2e/busy.test.mjs` (2,000: the focus's part is too large to
/// inline, its network comes from the index); returns its URL.
fn parts_card(root: &Path, actors: u32, claims: u32) -> Result<String> {
    println!("\n=== test: a dataset of {claims} claims builds as an index and parts");
    let data = root.join(format!("target/bench-data/parts-{actors}-{claims}"));
    run(Command::new("node")
        .args(["tests/bench/generate.mjs", "--actors"])
        .arg(actors.to_string())
        .arg("--claims")
        .arg(claims.to_string())
        .arg("--out")
        .arg(&data)
        .current_dir(root))?;
    let out = root.join(format!("target/dist-parts-{claims}"));
    dist::build(
        root,
        &dist::Build {
            dataset: data.join("dataset.toml"),
            out: out.clone(),
            cargo_target: root.join("target"),
        },
    )?;
    if !out.join("parts").is_dir() {
        return fail(format!("a {claims}-claim dataset was not split into parts"));
    }
    same_engine(&root.join("dist"), &out)?;
    println!("ok: the card in parts runs the shipped card's wasm and JS glue, byte for byte");
    let listener = serve::bind(0)?;
    let url = format!(
        "http://127.0.0.1:{}/",
        listener.local_addr().map_err(|e| e.to_string())?.port()
    );
    std::thread::spawn(move || serve::serve(listener, out));
    Ok(url)
}

fn test(root: &Path) -> Result {
    // Trunk's first install takes minutes: it runs while the other steps do.
    let trunk_install = trunk::install_in_background();
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
    // The wasm tests read the shipped dataset in its compiled form, as the card does.
    let test_data = root.join("target/wbw-test/dataset.txt");
    let loaded = dist::check_data(&root.join("data/dataset.toml"))?;
    std::fs::create_dir_all(test_data.parent().expect("a folder")).map_err(|e| e.to_string())?;
    std::fs::write(
        &test_data,
        who_backs_whom_core::codec::encode(&loaded.dataset),
    )
    .map_err(|e| format!("{}: {e}", test_data.display()))?;
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
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env("WBW_TEST_DATASET", &test_data),
    )?;
    // The end-to-end suites read dist/ at the address the server below gives it,
    // and oEmbed (discovery and its JSON) needs absolute URLs: bind first, then
    // build with that address as WBW_PUBLIC_URL, then serve.
    let listener = serve::bind(0)?;
    let url = format!(
        "http://127.0.0.1:{}/",
        listener.local_addr().map_err(|e| e.to_string())?.port()
    );
    let public_url = std::env::var_os("WBW_PUBLIC_URL");
    std::env::set_var("WBW_PUBLIC_URL", &url);
    let built = dist::build(root, &dist::Build::from_env(root));
    match public_url {
        Some(value) => std::env::set_var("WBW_PUBLIC_URL", value),
        None => std::env::remove_var("WBW_PUBLIC_URL"),
    }
    built?;
    let ftm_python = tools::ensure_followthemoney()?;
    steps.run(
        "FollowTheMoney export validated by followthemoney",
        Command::new(&ftm_python)
            .arg("tests/ftm/validate.py")
            .arg("dist/claims.ftm.json")
            .current_dir(root),
    )?;
    second_dataset(root)?;
    steps.passed += 1;
    trunk::test(root, trunk_install)?;
    steps.passed += 2;
    let parts_url = parts_card(root, 40, 400)?;
    let busy_url = parts_card(root, 40, 2000)?;
    let dist = root.join("dist");
    std::thread::spawn(move || serve::serve(listener, dist));
    steps.run(
        "end-to-end in Chromium",
        Command::new("node")
            .args(["--test", "--test-reporter=spec", "tests/e2e/"])
            .current_dir(root)
            .env("PATH", &path)
            .env("WBW_URL", &url)
            .env("WBW_PARTS_URL", &parts_url)
            .env("WBW_BUSY_URL", &busy_url)
            .env("CHROMIUM", tools::CHROMIUM),
    )?;
    println!("\n=== test: benchmark, quick mode (fails only if it cannot measure)");
    bench::quick(root, &url).map_err(|e| format!("test step `benchmark` failed: {e}"))?;
    steps.passed += 1;
    println!("\nsteps: {} passed, 0 failed", steps.passed);
    Ok(())
}
