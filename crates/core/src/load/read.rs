//! Reads the TOML document into raw records that keep every value's position,
//! reporting syntax errors, missing fields, wrong types, unknown fields and
//! characters that hide or reorder text; and reads source texts (inside the
//! dataset's folder, UTF-8 only).

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::check::SourceError;
use super::Diagnostic;

/// A value with the byte range it came from.
#[derive(Clone, Debug, Default)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

pub type Str = Located<String>;

/// Collects diagnostics and turns byte offsets into line:column.
pub struct Sink {
    file: PathBuf,
    line_starts: Vec<usize>,
    text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(file: &Path, text: &str) -> Sink {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Sink {
            file: file.to_path_buf(),
            line_starts,
            text: text.to_string(),
            diagnostics: Vec::new(),
        }
    }

    pub fn error(
        &mut self,
        at: usize,
        code: &'static str,
        id: Option<&str>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let line = self
            .line_starts
            .partition_point(|&start| start <= at)
            .max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..at.min(self.text.len()))
            .map_or(1, |s| s.chars().count() + 1);
        self.diagnostics.push(Diagnostic {
            file: self.file.clone(),
            line,
            column,
            code,
            id: id.map(str::to_string),
            message: message.into(),
            hint: hint.into(),
        });
    }
}

/// 1-based line and column (in characters) of the byte where `error` found
/// `bytes` not to be UTF-8.
pub fn utf8_error_at(bytes: &[u8], error: std::str::Utf8Error) -> (usize, usize) {
    let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
    let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
    (
        valid.matches('\n').count() + 1,
        valid[line_start..].chars().count() + 1,
    )
}

/// Reads the source text at `relative` to `base`, refusing a path that
/// leads outside `base` once symlinks are resolved, and text that is not UTF-8.
pub fn read_inside(base: &Path, relative: &str) -> Result<String, SourceError> {
    let full = base.join(relative);
    let unreadable =
        |e: std::io::Error| SourceError::Unreadable(format!("{}: {e}", full.display()));
    let root = base.canonicalize().map_err(unreadable)?;
    let real = full.canonicalize().map_err(unreadable)?;
    if !real.starts_with(&root) {
        return Err(SourceError::Outside(format!(
            "`{relative}` leads outside the dataset's folder (to {})",
            real.display()
        )));
    }
    let bytes = std::fs::read(&real).map_err(unreadable)?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = utf8_error_at(e.as_bytes(), e.utf8_error());
        SourceError::NotUtf8(format!(
            "{}:{line}:{column}: {}",
            full.display(),
            e.utf8_error()
        ))
    })
}

/// One `[table]` or `[[array]]` entry, with its position and id.
pub struct Record<'t, 'i> {
    pub table: &'t DeTable<'i>,
    pub at: usize,
    pub kind: &'static str,
    pub id: Option<String>,
    allowed: &'static [&'static str],
}

impl<'t, 'i> Record<'t, 'i> {
    /// A record of a kind read outside this module (`[[translations]]`), without an id yet.
    pub fn new(
        table: &'t DeTable<'i>,
        at: usize,
        kind: &'static str,
        allowed: &'static [&'static str],
    ) -> Record<'t, 'i> {
        Record {
            table,
            at,
            kind,
            id: None,
            allowed,
        }
    }

    pub fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    /// A string field; reports it as missing (with `missing_code`) when `required`.
    pub fn string_as(
        &self,
        sink: &mut Sink,
        key: &str,
        required: bool,
        missing_code: &'static str,
    ) -> Option<Str> {
        match self.get(key) {
            None if required => {
                sink.error(
                    self.at,
                    missing_code,
                    self.id.as_deref(),
                    format!("this {} has no `{key}`", self.kind),
                    format!("add `{key} = \"…\"`"),
                );
                None
            }
            None => None,
            Some(value) => match value.get_ref() {
                DeValue::String(s) => Some(Located {
                    value: s.to_string(),
                    span: value.span(),
                }),
                _ => {
                    self.wrong_type(sink, key, value, "a string in quotes");
                    None
                }
            },
        }
    }

    pub fn string(&self, sink: &mut Sink, key: &str, required: bool) -> Option<Str> {
        self.string_as(sink, key, required, "missing-field")
    }

    pub fn bool(&self, sink: &mut Sink, key: &str) -> Option<bool> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(sink, key, value, "true or false");
                None
            }
        }
    }

    /// A list of strings; a missing list is empty.
    pub fn strings(&self, sink: &mut Sink, key: &str) -> Option<Located<Vec<Str>>> {
        let Some(value) = self.get(key) else {
            return Some(Located {
                value: Vec::new(),
                span: self.at..self.at,
            });
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(sink, key, value, "a list of strings, like [\"a\", \"b\"]");
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push(Located {
                    value: s.to_string(),
                    span: item.span(),
                }),
                _ => self.wrong_type(sink, key, item, "a list of strings, like [\"a\", \"b\"]"),
            }
        }
        Some(Located {
            value: out,
            span: value.span(),
        })
    }

    fn wrong_type(&self, sink: &mut Sink, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        sink.error(
            value.span().start,
            "wrong-type",
            self.id.as_deref(),
            format!("`{key}` must be {expected}"),
            format!("write `{key}` as {expected}"),
        );
    }

    /// Refuses control characters (newline and tab only in [`MULTILINE_FIELDS`]),
    /// bidi overrides and isolates, and zero-width characters in every string
    /// value, at the character itself when it is written as is.
    fn check_text(&self, sink: &mut Sink) {
        for (key, value) in self.table.iter() {
            let multiline = MULTILINE_FIELDS.contains(&key.get_ref().as_ref());
            let items = match value.get_ref() {
                DeValue::Array(items) => items.iter().collect(),
                _ => vec![value],
            };
            for item in items {
                let DeValue::String(text) = item.get_ref() else {
                    continue;
                };
                let Some((c, (code, what))) = text
                    .chars()
                    .find_map(|c| Some((c, forbidden(c, multiline)?)))
                else {
                    continue;
                };
                let span = item.span();
                let raw = sink.text.get(span.clone()).unwrap_or_default();
                let at = span.start + raw.find(c).unwrap_or(0);
                sink.error(
                    at,
                    code,
                    self.id.as_deref(),
                    format!("`{}` holds {what} (U+{:04X})", key.get_ref(), u32::from(c)),
                    "delete it: such characters hide or reorder text (retype the value if unsure where it is)",
                );
            }
        }
    }

    /// Reports every key this kind of record does not know, and bad characters in its values.
    pub fn finish(&self, sink: &mut Sink) {
        self.check_text(sink);
        for (key, _) in self.table.iter() {
            if !self.allowed.contains(&key.get_ref().as_ref()) {
                sink.error(
                    key.span().start,
                    "unknown-field",
                    self.id.as_deref(),
                    format!("this {} has no field `{}`", self.kind, key.get_ref()),
                    format!("use one of: {}", self.allowed.join(", ")),
                );
            }
        }
    }
}

pub const DATASET_FIELDS: &[&str] = &[
    "title",
    "description",
    "focus",
    "as_of",
    "version",
    "short_title",
    "publisher",
    "license",
    "lang",
];
/// Fields whose values may run over several lines (and hold tabs).
pub const MULTILINE_FIELDS: &[&str] = &["quote", "summary", "description", "note", "date_basis"];

/// The code and a description of a character no value may hold.
pub fn forbidden(c: char, multiline: bool) -> Option<(&'static str, &'static str)> {
    match c {
        '\n' | '\t' | '\r' if multiline => None,
        c if c.is_control() => Some(("control-character", "a control character")),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(("bidi-control", "a bidi override or isolate"))
        }
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {
            Some(("invisible-character", "a zero-width character"))
        }
        _ => None,
    }
}

pub const ACTOR_FIELDS: &[&str] = &[
    "id",
    "name",
    "kind",
    "description",
    "aliases",
    "leads",
    "member_of",
];
pub const SOURCE_FIELDS: &[&str] = &[
    "id",
    "title",
    "title_supplied",
    "publisher",
    "kind",
    "date",
    "url",
    "text",
];
pub const CLAIM_FIELDS: &[&str] = &[
    "id",
    "subject",
    "relation",
    "stance",
    "hedges",
    "object",
    "date",
    "date_basis",
    "summary",
    "attributed_to",
    "sources",
    "quote",
    "status",
    "note",
];
pub const CONTEXT_FIELDS: &[&str] = &[
    "id",
    "about",
    "date",
    "date_basis",
    "summary",
    "attributed_to",
    "sources",
    "quote",
    "status",
    "note",
];
const TOP_LEVEL: &[&str] = &[
    "dataset",
    "actors",
    "sources",
    "claims",
    "context",
    "translations",
    "stories",
];

/// The parsed document.
pub struct Document<'i> {
    pub root: Spanned<DeTable<'i>>,
}

pub struct Raw<'t, 'i> {
    pub dataset: Option<Record<'t, 'i>>,
    pub actors: Vec<Record<'t, 'i>>,
    pub sources: Vec<Record<'t, 'i>>,
    pub claims: Vec<Record<'t, 'i>>,
    pub context: Vec<Record<'t, 'i>>,
    pub translations: Vec<super::translate::RawTranslation<'t, 'i>>,
    pub stories: Vec<super::stories::RawStory<'t, 'i>>,
}

/// Parses the text; syntax errors are reported and what could be read is kept.
pub fn parse<'i>(sink: &mut Sink, text: &'i str) -> Document<'i> {
    let (root, errors) = DeTable::parse_recoverable(text);
    for error in errors {
        let at = error.span().map_or(0, |s| s.start);
        sink.error(
            at,
            "syntax",
            None,
            error.message().trim().to_string(),
            "fix the TOML syntax here (strings in double quotes, one `key = value` per line)",
        );
    }
    Document { root }
}

/// Finds the record tables of each kind and reads their ids.
pub fn records<'t, 'i>(sink: &mut Sink, document: &'t Document<'i>) -> Raw<'t, 'i> {
    let mut raw = Raw {
        dataset: None,
        actors: vec![],
        sources: vec![],
        claims: vec![],
        context: vec![],
        translations: vec![],
        stories: vec![],
    };
    for (key, value) in document.root.get_ref().iter() {
        let name = key.get_ref().as_ref();
        let (list, kind, allowed) = match name {
            "dataset" => {
                if let Some(record) = dataset_record(sink, key.span().start, value) {
                    raw.dataset = Some(record);
                }
                continue;
            }
            "actors" => (&mut raw.actors, "actor", ACTOR_FIELDS),
            "sources" => (&mut raw.sources, "source", SOURCE_FIELDS),
            "claims" => (&mut raw.claims, "claim", CLAIM_FIELDS),
            "context" => (&mut raw.context, "context item", CONTEXT_FIELDS),
            "translations" => {
                raw.translations = super::translate::read(sink, value);
                continue;
            }
            "stories" => {
                raw.stories = super::stories::read(sink, value);
                continue;
            }
            _ => {
                sink.error(
                    key.span().start,
                    "unknown-field",
                    None,
                    format!("unknown section `{name}`"),
                    format!("use one of: {}", TOP_LEVEL.join(", ")),
                );
                continue;
            }
        };
        list.extend(array_records(sink, name, value, kind, allowed));
    }
    if raw.dataset.is_none() {
        sink.error(
            0,
            "missing-field",
            None,
            "the file has no `[dataset]` section",
            "add `[dataset]` with title, description, focus, as_of and version",
        );
    }
    raw
}

/// The `[dataset]` table (its header at `at`), or `None` (reported) when it is not a table.
fn dataset_record<'t, 'i>(
    sink: &mut Sink,
    at: usize,
    value: &'t Spanned<DeValue<'i>>,
) -> Option<Record<'t, 'i>> {
    let DeValue::Table(table) = value.get_ref() else {
        sink.error(
            value.span().start,
            "wrong-type",
            None,
            "`dataset` must be a table",
            "write it as a `[dataset]` section",
        );
        return None;
    };
    let record = Record {
        table,
        at,
        kind: "dataset",
        id: None,
        allowed: DATASET_FIELDS,
    };
    record.finish(sink);
    Some(record)
}

/// The entries of a `[[name]]` list, each with its id; what is not a table is reported.
fn array_records<'t, 'i>(
    sink: &mut Sink,
    name: &str,
    value: &'t Spanned<DeValue<'i>>,
    kind: &'static str,
    allowed: &'static [&'static str],
) -> Vec<Record<'t, 'i>> {
    let mut records = Vec::new();
    for (table, at) in tables(sink, name, value) {
        let mut record = Record {
            table,
            at,
            kind,
            id: None,
            allowed,
        };
        record.id = record.string(sink, "id", true).map(|s| s.value);
        record.finish(sink);
        records.push(record);
    }
    records
}

/// The tables of a `[[name]]` list with where each starts; what is not a
/// list of tables is reported.
pub(super) fn tables<'t, 'i>(
    sink: &mut Sink,
    name: &str,
    value: &'t Spanned<DeValue<'i>>,
) -> Vec<(&'t toml::de::DeTable<'i>, usize)> {
    let DeValue::Array(items) = value.get_ref() else {
        sink.error(
            value.span().start,
            "wrong-type",
            None,
            format!("`{name}` must be a list of tables"),
            format!("write each entry as a `[[{name}]]` section"),
        );
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item.get_ref() {
            DeValue::Table(table) => Some((table, item.span().start)),
            _ => {
                sink.error(
                    item.span().start,
                    "wrong-type",
                    None,
                    format!("each entry of `{name}` must be a table"),
                    format!("write each entry as a `[[{name}]]` section"),
                );
                None
            }
        })
        .collect()
}
