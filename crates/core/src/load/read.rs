//! Reads the TOML document into raw records that keep every value's position,
//! reporting syntax errors, missing fields, wrong types and unknown fields.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

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

/// One `[table]` or `[[array]]` entry, with its position and id.
pub struct Record<'t, 'i> {
    pub table: &'t DeTable<'i>,
    pub at: usize,
    pub kind: &'static str,
    pub id: Option<String>,
    allowed: &'static [&'static str],
}

impl<'t, 'i> Record<'t, 'i> {
    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
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

    /// Reports every key this kind of record does not know.
    pub fn finish(&self, sink: &mut Sink) {
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

pub const DATASET_FIELDS: &[&str] = &["title", "description", "focus", "as_of", "version"];
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
const TOP_LEVEL: &[&str] = &["dataset", "actors", "sources", "claims", "context"];

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
    };
    for (key, value) in document.root.get_ref().iter() {
        let name = key.get_ref().as_ref();
        let (list, kind, allowed) = match name {
            "dataset" => {
                match value.get_ref() {
                    DeValue::Table(table) => {
                        let record = Record {
                            table,
                            at: key.span().start,
                            kind: "dataset",
                            id: None,
                            allowed: DATASET_FIELDS,
                        };
                        record.finish(sink);
                        raw.dataset = Some(record);
                    }
                    _ => sink.error(
                        value.span().start,
                        "wrong-type",
                        None,
                        "`dataset` must be a table",
                        "write it as a `[dataset]` section",
                    ),
                }
                continue;
            }
            "actors" => (&mut raw.actors, "actor", ACTOR_FIELDS),
            "sources" => (&mut raw.sources, "source", SOURCE_FIELDS),
            "claims" => (&mut raw.claims, "claim", CLAIM_FIELDS),
            "context" => (&mut raw.context, "context item", CONTEXT_FIELDS),
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
        let DeValue::Array(items) = value.get_ref() else {
            sink.error(
                value.span().start,
                "wrong-type",
                None,
                format!("`{name}` must be a list of tables"),
                format!("write each entry as a `[[{name}]]` section"),
            );
            continue;
        };
        for item in items {
            let DeValue::Table(table) = item.get_ref() else {
                sink.error(
                    item.span().start,
                    "wrong-type",
                    None,
                    format!("each entry of `{name}` must be a table"),
                    format!("write each entry as a `[[{name}]]` section"),
                );
                continue;
            };
            let mut record = Record {
                table,
                at: item.span().start,
                kind,
                id: None,
                allowed,
            };
            record.id = record.string(sink, "id", true).map(|s| s.value);
            record.finish(sink);
            list.push(record);
        }
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
