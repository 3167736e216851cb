//! `[[translations]]`: the dataset's own texts in another language of the
//! card, read with their positions and checked against the records they
//! translate. One entry per language:
//!
//! ```toml
//! [[translations]]
//! lang = "my"
//! translator = "who-backs-whom maintainers, machine-assisted; not reviewed"
//! reviewed = false
//!
//! [translations.dataset]
//! title = "…"
//! description = "…"
//!
//! [translations.actor_names]
//! min-aung-hlaing = "မင်းအောင်လှိုင်"
//! ```
//!
//! and likewise `actor_descriptions`, `claim_summaries`, `claim_notes`,
//! `context_summaries` and `context_notes`, each a table of record id → text.
//!
//! Must not: translate a quote (there is no table for quotes: a quote is the
//! source's own words), or let a translation name a record, a note or a
//! language that does not exist.

use std::collections::{HashMap, HashSet};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::read::{self, Located, Raw, Record, Sink, Str};
use crate::i18n::Lang;
use crate::model::{Field, Text, Translation};

/// The keys of one `[[translations]]` entry.
pub const TRANSLATION_FIELDS: &[&str] = &[
    "lang",
    "translator",
    "reviewed",
    "dataset",
    "actor_names",
    "actor_descriptions",
    "claim_summaries",
    "claim_notes",
    "context_summaries",
    "context_notes",
];

/// The tables of record id → text, and the text each stands for.
const TABLES: [(&str, Field); 6] = [
    ("actor_names", Field::ActorName),
    ("actor_descriptions", Field::ActorDescription),
    ("claim_summaries", Field::ClaimSummary),
    ("claim_notes", Field::ClaimNote),
    ("context_summaries", Field::ContextSummary),
    ("context_notes", Field::ContextNote),
];

/// The keys of `[translations.dataset]`.
const DATASET_TEXTS: [(&str, Field); 2] =
    [("title", Field::Title), ("description", Field::Description)];

/// One `[[translations]]` entry as written.
pub struct RawTranslation<'t, 'i> {
    pub record: Record<'t, 'i>,
    /// (field, record id where it is written, text); the dataset's own
    /// texts have the key `title` or `description` as their "id".
    pub texts: Vec<(Field, Str, Str)>,
}

/// The entries of `[[translations]]`; what is not a table, a string or a
/// known key is reported.
pub fn read<'t, 'i>(
    sink: &mut Sink,
    value: &'t Spanned<DeValue<'i>>,
) -> Vec<RawTranslation<'t, 'i>> {
    let mut out = Vec::new();
    for (table, at) in read::tables(sink, "translations", value) {
        let mut record = Record::new(table, at, "translation", TRANSLATION_FIELDS);
        let lang = record.string(sink, "lang", true);
        record.id = lang.map(|l| l.value);
        record.finish(sink);
        let mut texts = Vec::new();
        if let Some(dataset) = subtable(sink, &record, "dataset") {
            for (key, value) in dataset.iter() {
                let name = key.get_ref().as_ref();
                let Some((_, field)) = DATASET_TEXTS.iter().find(|(k, _)| *k == name) else {
                    sink.error(
                        key.span().start,
                        "unknown-field",
                        record.id.as_deref(),
                        format!("`[translations.dataset]` has no field `{name}`"),
                        "use one of: title, description",
                    );
                    continue;
                };
                texts.extend(text(sink, &record, *field, key, value));
            }
        }
        for (name, field) in TABLES {
            if let Some(table) = subtable(sink, &record, name) {
                for (key, value) in table.iter() {
                    texts.extend(text(sink, &record, field, key, value));
                }
            }
        }
        out.push(RawTranslation { record, texts });
    }
    out
}

/// The table `[translations.<name>]`, if the entry has it (reported when it is not a table).
fn subtable<'t, 'i>(
    sink: &mut Sink,
    record: &Record<'t, 'i>,
    name: &str,
) -> Option<&'t DeTable<'i>> {
    let value = record.get(name)?;
    match value.get_ref() {
        DeValue::Table(table) => Some(table),
        _ => {
            sink.error(
                value.span().start,
                "wrong-type",
                record.id.as_deref(),
                format!("`{name}` must be a table of record id = \"text\""),
                format!("write it as a `[translations.{name}]` section"),
            );
            None
        }
    }
}

/// One `id = "text"` line of a translation table.
fn text(
    sink: &mut Sink,
    record: &Record<'_, '_>,
    field: Field,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
) -> Option<(Field, Str, Str)> {
    let DeValue::String(s) = value.get_ref() else {
        sink.error(
            value.span().start,
            "wrong-type",
            record.id.as_deref(),
            format!(
                "the translation of `{}` must be a string in quotes",
                key.get_ref()
            ),
            format!("write `{} = \"…\"`", key.get_ref()),
        );
        return None;
    };
    let multiline = !matches!(field, Field::Title | Field::ActorName);
    if let Some((c, (code, what))) = s
        .chars()
        .find_map(|c| Some((c, read::forbidden(c, multiline)?)))
    {
        sink.error(
            value.span().start,
            code,
            record.id.as_deref(),
            format!("the translation of `{}` holds {what} (U+{:04X})", key.get_ref(), u32::from(c)),
            "delete it: such characters hide or reorder text (retype the value if unsure where it is)",
        );
        return None;
    }
    Some((
        field,
        Located {
            value: key.get_ref().to_string(),
            span: key.span(),
        },
        Located {
            value: s.to_string(),
            span: value.span(),
        },
    ))
}

/// What a translation may name: every record id of each kind, and the
/// claims and context items that have a note.
struct Targets<'r> {
    actors: HashSet<&'r str>,
    claims: HashMap<&'r str, bool>,
    context: HashMap<&'r str, bool>,
}

impl<'r> Targets<'r> {
    fn of(raw: &'r Raw<'_, '_>) -> Targets<'r> {
        let with_note = |records: &'r [Record<'_, '_>]| {
            records
                .iter()
                .filter_map(|r| Some((r.id.as_deref()?, r.get("note").is_some())))
                .collect()
        };
        Targets {
            actors: raw.actors.iter().filter_map(|r| r.id.as_deref()).collect(),
            claims: with_note(&raw.claims),
            context: with_note(&raw.context),
        }
    }

    /// `None` when `id` is a record with this text; else the noun of the
    /// record kind and whether the record exists (without this text).
    fn missing(&self, field: Field, id: &str) -> Option<(&'static str, bool)> {
        let (noun, found) = match field {
            Field::Title | Field::Description => return None,
            Field::ActorName | Field::ActorDescription => {
                ("actor", self.actors.contains(id).then_some(true))
            }
            Field::ClaimSummary => ("claim", self.claims.get(id).map(|_| true)),
            Field::ClaimNote => ("claim", self.claims.get(id).copied()),
            Field::ContextSummary => ("context item", self.context.get(id).map(|_| true)),
            Field::ContextNote => ("context item", self.context.get(id).copied()),
        };
        match found {
            Some(true) => None,
            Some(false) => Some((noun, true)),
            None => Some((noun, false)),
        }
    }

    fn ids(&self, field: Field) -> Vec<&'r str> {
        let mut ids: Vec<&str> = match field {
            Field::ActorName | Field::ActorDescription => self.actors.iter().copied().collect(),
            Field::ClaimSummary | Field::ClaimNote => self.claims.keys().copied().collect(),
            _ => self.context.keys().copied().collect(),
        };
        ids.sort_unstable();
        ids
    }
}

/// Checks every `[[translations]]` entry: a language of this build other
/// than the dataset's own (English), once each; a translator and the
/// reviewed flag; each text names an existing record (and a note it has)
/// and is not empty. Texts come out sorted by field and id.
pub fn check(sink: &mut Sink, raw: &Raw<'_, '_>) -> Vec<Translation> {
    let targets = Targets::of(raw);
    let mut seen: HashMap<Lang, ()> = HashMap::new();
    let mut out = Vec::new();
    for t in &raw.translations {
        let r = &t.record;
        let lang = r
            .string(sink, "lang", false)
            .and_then(|value| language(sink, r, &value, &mut seen));
        let translator = r.string(sink, "translator", true);
        let reviewed = reviewed(sink, r);
        let texts = texts(sink, r, &t.texts, &targets);
        if let (Some(lang), Some(translator), Some(reviewed)) = (lang, translator, reviewed) {
            out.push(Translation {
                lang,
                translator: Text::Owned(translator.value),
                reviewed,
                texts,
            });
        }
    }
    out
}

/// The language an entry names, or `None` (reported): not a catalogue of
/// this build, English (the dataset's own language), or named twice.
fn language(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    value: &Str,
    seen: &mut HashMap<Lang, ()>,
) -> Option<Lang> {
    let found = Lang::all().find(|l| l.code() == value.value);
    let problem = match found {
        None => Some((
            "unknown-language",
            format!("`{}` is not a language of the card", value.value),
            format!(
                "use one of: {} (a new language needs its catalogue file first, crates/core/src/i18n/lang/<code>.rs)",
                Lang::all().filter(|l| *l != Lang::EN).map(Lang::code).collect::<Vec<_>>().join(", ")
            ),
        )),
        Some(Lang::EN) => Some((
            "unknown-language",
            "English is the dataset's own language: its texts are the originals".to_string(),
            "translate into another language, or edit the original texts".to_string(),
        )),
        Some(lang) if seen.insert(lang, ()).is_some() => Some((
            "duplicate-language",
            format!("`{}` is translated in an earlier `[[translations]]` entry already", value.value),
            "keep one entry per language: merge this one into the first".to_string(),
        )),
        Some(_) => None,
    };
    if let Some((code, message, hint)) = problem {
        sink.error(value.span.start, code, r.id.as_deref(), message, hint);
        return None;
    }
    found
}

/// The `reviewed` flag, required: a reader is told when nobody has checked a translation.
fn reviewed(sink: &mut Sink, r: &Record<'_, '_>) -> Option<bool> {
    if r.get("reviewed").is_none() {
        sink.error(
            r.at,
            "missing-field",
            r.id.as_deref(),
            "this translation has no `reviewed`",
            "add `reviewed = false` until a native speaker has checked every text (then `true`)",
        );
        return None;
    }
    r.bool(sink, "reviewed")
}

/// The texts that name a record with that text, not empty, sorted by field and id.
fn texts(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    raw: &[(Field, Str, Str)],
    targets: &Targets<'_>,
) -> Vec<(Field, Text, Text)> {
    let mut out = Vec::new();
    for (field, id, text) in raw {
        if let Some((noun, exists)) = targets.missing(*field, &id.value) {
            let (code, message, hint) = if exists {
                (
                    "translation-without-original",
                    format!(
                        "{noun} `{}` has no {} to translate",
                        id.value,
                        note_or(*field)
                    ),
                    "delete this line, or add the original to the record first".to_string(),
                )
            } else {
                let known: Vec<String> = targets
                    .ids(*field)
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                let hint = match super::check::nearest(&id.value, known.iter()) {
                    Some(near) => format!(
                        "did you mean `{near}`? A translation names the id of an existing {noun}"
                    ),
                    None => format!("use the id of an existing {noun}"),
                };
                (
                    "unknown-translation-id",
                    format!("there is no {noun} `{}` to translate", id.value),
                    hint,
                )
            };
            sink.error(id.span.start, code, r.id.as_deref(), message, hint);
            continue;
        }
        if text.value.trim().is_empty() {
            sink.error(
                text.span.start,
                "empty-translation",
                r.id.as_deref(),
                format!("the translation of `{}` is empty", id.value),
                "write the translation, or delete the line (the card then shows the original, marked)",
            );
            continue;
        }
        let record_id = match field {
            Field::Title | Field::Description => String::new(),
            _ => id.value.clone(),
        };
        out.push((
            *field,
            Text::Owned(record_id),
            Text::Owned(text.value.clone()),
        ));
    }
    out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    out
}

fn note_or(field: Field) -> &'static str {
    match field {
        Field::ClaimNote | Field::ContextNote => "note",
        _ => "text",
    }
}
