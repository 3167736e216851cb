//! Build time only (feature `load`): read a TOML dataset, check it strictly,
//! and turn it into a [`Dataset`] plus the artefacts built from it (the Rust
//! compiled dataset is [`crate::codec`]'s; here, the JSON and CSV exports).
//!
//! Every problem in a file is reported at once, each as a [`Diagnostic`] with
//! `file:line:column`, the id at fault and a one-line fix hint; a dataset with
//! any problem yields no `Dataset` at all.
//!
//! Architecture invariant: this module never ships in the wasm; the card only
//! ever sees the compiled dataset ([`crate::codec`]).

mod check;
pub mod export;
pub mod ftm;
pub mod jsonld;
pub mod oembed;
mod read;
mod stories;
mod translate;

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

/// Prints as `file:line:column: error[code] in `id`: message` and a hint
/// line. Every part can hold dataset values, so characters a terminal would
/// act on (control characters and ESC sequences, bidi overrides, zero-width
/// and line-separator characters) are printed as their escapes (`\n`,
/// `\u{1b}`), never as themselves.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn escaped(text: &str) -> String {
            text.chars()
                .map(|c| match c {
                    '\n' | '\r' | '\t' => c.escape_debug().to_string(),
                    c if c.is_control()
                        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
                            | '\u{2060}'..='\u{2069}' | '\u{feff}') =>
                    {
                        c.escape_unicode().to_string()
                    }
                    c => c.to_string(),
                })
                .collect()
        }
        write!(
            f,
            "{}:{}:{}: error[{}]",
            escaped(&self.file.display().to_string()),
            self.line,
            self.column,
            escaped(self.code)
        )?;
        if let Some(id) = &self.id {
            write!(f, " in `{}`", escaped(id))?;
        }
        write!(
            f,
            ": {}\n    hint: {}",
            escaped(&self.message),
            escaped(&self.hint)
        )
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

/// Reads and checks the dataset at `path`; source texts are read relative to
/// it and must stay inside its folder (no absolute path, no `..` or symlink
/// that leads out). The dataset and its texts must be UTF-8.
pub fn load(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let unreadable = |line, column, code, message: String, hint: &str| Diagnostic {
        file: path.to_path_buf(),
        line,
        column,
        code,
        id: None,
        message,
        hint: hint.into(),
    };
    let bytes = std::fs::read(path).map_err(|e| {
        let hint = "check the path (set WBW_DATASET to use another dataset file)";
        vec![unreadable(
            1,
            1,
            "unreadable-file",
            format!("cannot read the dataset: {e}"),
            hint,
        )]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = read::utf8_error_at(e.as_bytes(), e.utf8_error());
        let message = format!("the dataset is not UTF-8: {}", e.utf8_error());
        vec![unreadable(
            line,
            column,
            "invalid-utf8",
            message,
            "save the file as UTF-8",
        )]
    })?;
    let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut files = vec![path.to_path_buf()];
    let mut loaded = check::run(path, &text, |relative| {
        files.push(base.join(relative));
        read::read_inside(&base, relative)
    })?;
    loaded.files = files;
    Ok(loaded)
}

/// Checks dataset `text` (reported as `file`), reading source texts with
/// `read_source` (its error is reported as `source-text-missing`).
pub fn load_str(
    file: &Path,
    text: &str,
    mut read_source: impl FnMut(&str) -> Result<String, String>,
) -> Result<Loaded, Vec<Diagnostic>> {
    check::run(file, text, |relative| {
        read_source(relative).map_err(check::SourceError::Unreadable)
    })
}
