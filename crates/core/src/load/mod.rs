//! Build time only (feature `load`): read a TOML dataset, check it strictly,
//! and turn it into a [`Dataset`] plus the artefacts built from it (the Rust
//! source of the compiled-in `static`, and the JSON and CSV exports).
//!
//! Every problem in a file is reported at once, each as a [`Diagnostic`] with
//! `file:line:column`, the id at fault and a one-line fix hint; a dataset with
//! any problem yields no `Dataset` at all.
//!
//! Architecture invariant: this module never ships in the wasm; the card only
//! ever sees the generated `static`.

mod check;
pub mod codegen;
pub mod export;
pub mod ftm;
pub mod jsonld;
pub mod oembed;
mod read;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Dataset;

/// One problem in a dataset, located in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// Stable name of the kind of problem, e.g. `quote-not-found`.
    pub code: &'static str,
    /// The id of the record at fault, when it has one.
    pub id: Option<String>,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error[{}]",
            self.file.display(),
            self.line,
            self.column,
            self.code
        )?;
        if let Some(id) = &self.id {
            write!(f, " in `{id}`")?;
        }
        write!(f, ": {}\n    hint: {}", self.message, self.hint)
    }
}

/// A dataset that passed every check, with what it was read from.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    /// Full text of each source, indexed like `dataset.sources`.
    pub source_texts: Vec<String>,
    /// Every file read (the dataset and its source texts), for rebuild tracking.
    pub files: Vec<PathBuf>,
}

/// Reads and checks the dataset at `path`; source texts are read relative to it.
pub fn load(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![Diagnostic {
            file: path.to_path_buf(),
            line: 1,
            column: 1,
            code: "unreadable-file",
            id: None,
            message: format!("cannot read the dataset: {e}"),
            hint: "check the path (set WBW_DATASET to use another dataset file)".into(),
        }]
    })?;
    let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut files = vec![path.to_path_buf()];
    let mut loaded = load_str(path, &text, |relative| {
        let full = base.join(relative);
        files.push(full.clone());
        std::fs::read_to_string(&full).map_err(|e| format!("{}: {e}", full.display()))
    })?;
    loaded.files = files;
    Ok(loaded)
}

/// Checks dataset `text` (reported as `file`), reading source texts with `read_source`.
pub fn load_str(
    file: &Path,
    text: &str,
    read_source: impl FnMut(&str) -> Result<String, String>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut sink = read::Sink::new(file, text);
    let document = read::parse(&mut sink, text);
    let raw = read::records(&mut sink, &document);
    let checked = check::check(&mut sink, &raw, read_source);
    match checked {
        Some((dataset, source_texts)) if sink.diagnostics.is_empty() => Ok(Loaded {
            dataset,
            source_texts,
            files: vec![file.to_path_buf()],
        }),
        _ => Err(sink.diagnostics),
    }
}
