//! The checks a dataset must pass, and its conversion into the model.
//!
//! Structure first (ids, references, vocabularies, dates, URLs, limits,
//! source paths that stay inside the dataset's folder), then attribution:
//! every claim has a source, a claimant and a quote found verbatim in its
//! source (NFC, whole words; an elision keeps real stretches of one
//! paragraph, close together, and drops no negation), a summary that names
//! the claimant (reported speech stays reported speech), a status consistent
//! with who makes it, and a date no later and no more precise than its source
//! supports.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Component, Path};

use unicode_normalization::UnicodeNormalization;

use super::read::{self, Raw, Record, Sink, Str};
use super::{Diagnostic, Loaded};
use crate::date::PartialDate;
use crate::model::{Actor, ActorId, Claim, ContextItem, Dataset, Meta, Source, SourceId};
use crate::vocab::{ActorKind, Hedge, Relation, SourceKind, Stance, Status};

/// A quote longer than this many words is not an excerpt.
pub const MAX_QUOTE_WORDS: usize = 45;
/// The elision mark allowed inside quotes.
pub const ELISION: char = '…';
/// Each part of an elided quote is at least this many words.
pub const MIN_PART_WORDS: usize = 3;
/// At most this many words of the source lie between two parts of an elided quote.
pub const MAX_GAP_WORDS: usize = 30;
/// Words an elision may not leave out (nor any word ending in n't).
pub const NEGATIONS: &[&str] = &[
    "not", "never", "no", "nobody", "nothing", "neither", "nor", "without", "none", "cannot",
];
/// Aliases and names are at least this many characters: a shorter one would
/// "name" the claimant in almost any summary.
pub const MIN_NAME_CHARS: usize = 2;
/// Actor and source ids are `u16` indices.
pub const MAX_RECORDS: usize = u16::MAX as usize;

pub(super) struct Index {
    pub(super) actors: HashMap<String, ActorId>,
    sources: HashMap<String, SourceId>,
}

struct SourceFacts {
    date: Option<PartialDate>,
    /// False when the source's own date is malformed (already reported): its
    /// claims' dates are then not checked against it.
    date_valid: bool,
    /// The full text, prepared for matching quotes; `None` when it could not be read.
    text: Option<SourceText>,
}

/// Why a source's text could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceError {
    /// It cannot be read (missing, a folder, no permission, …).
    Unreadable(String),
    /// It lies outside the dataset's folder (through a symlink, say).
    Outside(String),
    /// It is not UTF-8; the message says where.
    NotUtf8(String),
}

/// Reads, checks and converts dataset `text` (reported as `file`).
pub fn run(
    file: &Path,
    text: &str,
    read_source: impl FnMut(&str) -> Result<String, SourceError>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut sink = Sink::new(file, text);
    let document = read::parse(&mut sink, text);
    let raw = read::records(&mut sink, &document);
    match check(&mut sink, &raw, read_source) {
        Some((dataset, source_texts)) if sink.diagnostics.is_empty() => Ok(Loaded {
            dataset,
            source_texts,
            files: vec![file.to_path_buf()],
        }),
        _ => Err(sink.diagnostics),
    }
}

fn check(
    sink: &mut Sink,
    raw: &Raw<'_, '_>,
    mut read_source: impl FnMut(&str) -> Result<String, SourceError>,
) -> Option<(Dataset, Vec<String>)> {
    check_ids(sink, raw);
    check_limits(sink, raw);
    let index = Index {
        actors: ids(&raw.actors, ActorId),
        sources: ids(&raw.sources, SourceId),
    };

    let actors: Vec<Option<Actor>> = raw.actors.iter().map(|r| actor(sink, r, &index)).collect();
    let mut source_texts = Vec::new();
    let mut facts = Vec::new();
    let sources: Vec<Option<Source>> = raw
        .sources
        .iter()
        .map(|r| {
            let (source, date, text) = source(sink, r, &mut read_source);
            facts.push(SourceFacts {
                date: date.flatten(),
                date_valid: date.is_some(),
                text: text.as_deref().map(SourceText::new),
            });
            source_texts.push(text.unwrap_or_default());
            source
        })
        .collect();
    let meta = raw
        .dataset
        .as_ref()
        .and_then(|r| meta(sink, r, &index, &facts));
    let claims: Vec<Option<Claim>> = raw
        .claims
        .iter()
        .map(|r| claim(sink, r, &index, &facts, &actors))
        .collect();
    let context: Vec<Option<ContextItem>> = raw
        .context
        .iter()
        .map(|r| context_item(sink, r, &index, &facts, &actors))
        .collect();
    let translations = super::translate::check(sink, raw);
    let stories = stories(sink, raw, &index, &actors, &claims, &sources);

    if !sink.diagnostics.is_empty() {
        return None;
    }
    Some((
        Dataset {
            meta: meta?,
            actors: Cow::Owned(all(actors)?),
            sources: Cow::Owned(all(sources)?),
            claims: Cow::Owned(all(claims)?),
            context: Cow::Owned(all(context)?),
            parts: None,
            translations: Cow::Owned(translations),
            stories: Cow::Owned(stories?),
        },
        source_texts,
    ))
}

/// The `[[stories]]` ([`super::stories`]), checked against the records above.
fn stories(
    sink: &mut Sink,
    raw: &Raw<'_, '_>,
    index: &Index,
    actors: &[Option<Actor>],
    claims: &[Option<Claim>],
    sources: &[Option<Source>],
) -> Option<Vec<crate::story::Story>> {
    let claim_ids = raw
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((r.id.clone()?, i)))
        .collect();
    let known = super::stories::Known {
        index,
        actors,
        claim_ids: &claim_ids,
        claims,
        sources,
    };
    super::stories::check(sink, &raw.stories, &known)
}

/// Each record's id and its `u16` index; records past the limit get none
/// (they are reported by [`check_limits`]), so no index wraps round.
fn ids<T>(records: &[Record<'_, '_>], make: fn(u16) -> T) -> HashMap<String, T> {
    records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((r.id.clone()?, make(u16::try_from(i).ok()?))))
        .collect()
}

/// At most [`MAX_RECORDS`] actors and sources: their ids are `u16`.
fn check_limits(sink: &mut Sink, raw: &Raw<'_, '_>) {
    for (records, noun) in [(&raw.actors, "actors"), (&raw.sources, "sources")] {
        if let Some(first_over) = records.get(MAX_RECORDS) {
            sink.error(
                first_over.at,
                "too-many-records",
                first_over.id.as_deref(),
                format!(
                    "the dataset has {} {noun}; at most {MAX_RECORDS}",
                    records.len()
                ),
                format!("split the dataset: a card holds at most {MAX_RECORDS} {noun}"),
            );
        }
    }
}

fn all<T>(items: Vec<Option<T>>) -> Option<Vec<T>> {
    items.into_iter().collect()
}

/// An optional field: absent is fine (`Some(None)`), present but invalid is not (`None`).
fn optional<T>(field: Option<Option<T>>) -> Option<Option<T>> {
    match field {
        None => Some(None),
        Some(value) => value.map(Some),
    }
}

/// Ids are kebab-case and unique across actors, sources, claims and context.
fn check_ids(sink: &mut Sink, raw: &Raw<'_, '_>) {
    let mut first_seen: HashMap<&str, (&str, usize)> = HashMap::new();
    let records = raw
        .actors
        .iter()
        .chain(&raw.sources)
        .chain(&raw.claims)
        .chain(&raw.context)
        .chain(raw.stories.iter().map(|s| &s.record));
    for record in records {
        let Some(id) = record.id.as_deref() else {
            continue;
        };
        if !is_kebab_case(id) {
            sink.error(
                record.at,
                "malformed-id",
                Some(id),
                format!("`{id}` is not a valid id"),
                "use lowercase letters, digits and single hyphens, e.g. `belarus-arms-transfers`",
            );
        }
        match first_seen.get(id) {
            Some((kind, _)) => {
                let kind = *kind;
                sink.error(
                    record.at,
                    "duplicate-id",
                    Some(id),
                    format!("the id `{id}` is already used by another {kind}"),
                    "give this entry an id of its own",
                );
            }
            None => {
                first_seen.insert(id, (record.kind, record.at));
            }
        }
    }
}

pub fn is_kebab_case(id: &str) -> bool {
    id.len() <= 64
        && !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn actor(sink: &mut Sink, r: &Record<'_, '_>, index: &Index) -> Option<Actor> {
    let name = r.string(sink, "name", true);
    let kind = r
        .string(sink, "kind", true)
        .and_then(|k| vocabulary(sink, r, "kind", &k, ActorKind::from_id, ActorKind::ids()));
    let description = r.string(sink, "description", true);
    let aliases = r.strings(sink, "aliases");
    let leads = r
        .string(sink, "leads", false)
        .map(|s| actor_ref(sink, r, "leads", &s, index));
    let member_of = r
        .string(sink, "member_of", false)
        .map(|s| actor_ref(sink, r, "member_of", &s, index));
    let short = |n: &Str| n.value.trim().chars().count() < MIN_NAME_CHARS;
    if let Some(name) = name.as_ref().filter(|n| short(n)) {
        sink.error(
            name.span.start,
            "name-too-short",
            r.id.as_deref(),
            format!(
                "the name `{}` is shorter than {MIN_NAME_CHARS} characters",
                name.value
            ),
            "give the actor's name as the documents write it",
        );
    }
    for alias in aliases.iter().flat_map(|a| &a.value).filter(|a| short(a)) {
        sink.error(
            alias.span.start,
            "alias-too-short",
            r.id.as_deref(),
            format!(
                "the alias `{}` is shorter than {MIN_NAME_CHARS} characters",
                alias.value
            ),
            "an alias is another name the documents use; remove this one",
        );
    }
    Some(Actor {
        id: r.id.clone()?.into(),
        name: name?.value.into(),
        kind: kind?,
        description: description?.value.into(),
        aliases: Cow::Owned(aliases?.value.into_iter().map(|a| a.value.into()).collect()),
        leads: optional(leads)?,
        member_of: optional(member_of)?,
    })
}

fn source(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    read_source: &mut impl FnMut(&str) -> Result<String, SourceError>,
) -> (Option<Source>, Option<Option<PartialDate>>, Option<String>) {
    let title = r.string(sink, "title", true);
    let title_supplied = r.bool(sink, "title_supplied").unwrap_or(false);
    let publisher = r.string(sink, "publisher", false);
    let kind = r
        .string(sink, "kind", true)
        .and_then(|k| vocabulary(sink, r, "kind", &k, SourceKind::from_id, SourceKind::ids()));
    let date = optional(r.string(sink, "date", false).map(|d| date(sink, r, &d)));
    let url = r.string(sink, "url", false).map(|u| url(sink, r, u));
    let text = r
        .string(sink, "text", true)
        .and_then(|path| source_text(sink, r, &path, read_source));
    let source = (|| {
        Some(Source {
            id: r.id.clone()?.into(),
            title: title?.value.into(),
            title_supplied,
            publisher: publisher.map(|p| p.value.into()),
            kind: kind?,
            date: date?,
            url: optional(url)?.map(Into::into),
        })
    })();
    (source, date, text)
}

/// An http(s) URL, or `None` (reported).
fn url(sink: &mut Sink, r: &Record<'_, '_>, u: Str) -> Option<String> {
    let ok = (u.value.starts_with("https://") || u.value.starts_with("http://"))
        && u.value.len() > "https://".len()
        && !u.value.contains(char::is_whitespace);
    if !ok {
        sink.error(
            u.span.start,
            "bad-url",
            r.id.as_deref(),
            format!("`{}` is not an http(s) URL", u.value),
            "give the document's own http:// or https:// address, or leave `url` out",
        );
    }
    ok.then_some(u.value)
}

/// The text at `path`, which must stay inside the dataset's folder.
fn source_text(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    path: &Str,
    read_source: &mut impl FnMut(&str) -> Result<String, SourceError>,
) -> Option<String> {
    let outside = "give a path relative to the dataset file that stays inside its folder";
    let (code, message, hint) = if !stays_inside(&path.value) {
        let message = format!("`{}` leads outside the dataset's folder", path.value);
        ("source-path-outside", message, outside)
    } else {
        match read_source(&path.value) {
            Ok(text) => return Some(text),
            Err(SourceError::Unreadable(e)) => (
                "source-text-missing",
                format!("cannot read the source's text: {e}"),
                "put the document's full text at this path, relative to the dataset file",
            ),
            Err(SourceError::Outside(e)) => ("source-path-outside", e, outside),
            Err(SourceError::NotUtf8(e)) => (
                "invalid-utf8",
                format!("the source's text is not UTF-8: {e}"),
                "save the text file as UTF-8",
            ),
        }
    };
    sink.error(path.span.start, code, r.id.as_deref(), message, hint);
    None
}

/// True for a relative path whose `..`s never climb above where it starts.
pub fn stays_inside(path: &str) -> bool {
    let mut depth = 0usize;
    !path.is_empty()
        && !path.starts_with(['/', '\\'])
        && Path::new(path).components().all(|c| match c {
            Component::Normal(_) => {
                depth += 1;
                true
            }
            Component::CurDir => true,
            Component::ParentDir => depth.checked_sub(1).map(|d| depth = d).is_some(),
            Component::RootDir | Component::Prefix(_) => false,
        })
}

fn meta(sink: &mut Sink, r: &Record<'_, '_>, index: &Index, facts: &[SourceFacts]) -> Option<Meta> {
    let title = r.string(sink, "title", true);
    let description = r.string(sink, "description", true);
    let focus = r
        .string(sink, "focus", true)
        .map(|f| actor_ref(sink, r, "focus", &f, index));
    let version = r.string(sink, "version", true);
    let optional = |sink: &mut Sink, key| r.string(sink, key, false).map(|s| s.value.into());
    let short_title = optional(sink, "short_title");
    let publisher = optional(sink, "publisher");
    let license = optional(sink, "license");
    let lang = r.string(sink, "lang", false).and_then(|l| {
        let lang = crate::i18n::Lang::from_tag(&l.value);
        if lang.is_none() {
            sink.error(
                l.span.start,
                "unknown-lang",
                None,
                format!(
                    "`lang` is `{}`, which the card has no catalogue for",
                    l.value
                ),
                format!("use one of: {}", crate::i18n::Lang::codes()),
            );
        }
        lang
    });
    let as_of = r.string(sink, "as_of", true).and_then(|d| {
        let date = date(sink, r, &d)?;
        if let Some(later) = facts
            .iter()
            .filter_map(|f| f.date)
            .find(|s| s.is_after(date))
        {
            sink.error(
                d.span.start,
                "as-of-too-early",
                None,
                format!(
                    "`as_of` is {} but a source is dated {}",
                    date.iso(),
                    later.iso()
                ),
                "set `as_of` to the latest source date",
            );
        }
        Some(date)
    });
    Some(Meta {
        title: title?.value.into(),
        description: description?.value.into(),
        focus: focus??,
        as_of: as_of?,
        version: version?.value.into(),
        short_title,
        publisher,
        license,
        lang,
    })
}

/// The fields claims and context items share, checked the same way.
struct Attribution {
    date: Option<PartialDate>,
    summary: Cow<'static, str>,
    attributed_to: ActorId,
    sources: Vec<SourceId>,
    quote: Cow<'static, str>,
    status: Status,
    date_basis: Option<Cow<'static, str>>,
}

fn attribution(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    index: &Index,
    facts: &[SourceFacts],
    actors: &[Option<Actor>],
) -> Option<Attribution> {
    let summary = r.string(sink, "summary", true);
    let attributed_to = r
        .string_as(sink, "attributed_to", true, "no-attribution")
        .and_then(|a| actor_ref(sink, r, "attributed_to", &a, index));
    let status = r
        .string(sink, "status", true)
        .and_then(|s| vocabulary(sink, r, "status", &s, Status::from_id, Status::ids()));
    let quote = r.string_as(sink, "quote", true, "no-quote");
    let sources = attribution_sources(sink, r, index);
    let first = sources.as_ref().map(|s| &facts[usize::from(s[0].0)]);
    if let Some(quote) = &quote {
        check_quote(sink, r, quote, first.and_then(|f| f.text.as_ref()));
    }
    let claimed_date = r
        .string(sink, "date", false)
        .and_then(|d| Some((date(sink, r, &d)?, d)));
    let basis = r.string(sink, "date_basis", false);
    if let (Some(claimed), Some(first)) = (&claimed_date, first.filter(|f| f.date_valid)) {
        check_date(sink, r, claimed, basis.as_ref(), first);
    }
    if let (Some(summary), Some(claimant)) = (&summary, attributed_to) {
        if let Some(Some(actor)) = actors.get(usize::from(claimant.0)) {
            check_summary(sink, r, summary, actor);
        }
    }
    Some(Attribution {
        date: claimed_date.map(|(d, _)| d),
        summary: summary?.value.into(),
        attributed_to: attributed_to?,
        sources: sources?,
        quote: quote?.value.into(),
        status: status?,
        date_basis: basis.map(|b| b.value.into()),
    })
}

/// The `sources` list: at least one, each a known source.
fn attribution_sources(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    index: &Index,
) -> Option<Vec<SourceId>> {
    let list = r.strings(sink, "sources")?;
    if list.value.is_empty() {
        sink.error(
            r.at,
            "no-source",
            r.id.as_deref(),
            format!("this {} names no source", r.kind),
            "add `sources = [\"source-id\"]` naming the document it comes from",
        );
        return None;
    }
    list.value
        .iter()
        .map(|s| source_ref(sink, r, s, index))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The quote is not empty, not too long, and an honest excerpt of `text`.
fn check_quote(sink: &mut Sink, r: &Record<'_, '_>, quote: &Str, text: Option<&SourceText>) {
    let id = r.id.as_deref();
    let words = quote
        .value
        .split_whitespace()
        .filter(|w| *w != ELISION.to_string())
        .count();
    if quote.value.replace(ELISION, "").trim().is_empty() {
        sink.error(
            quote.span.start,
            "no-quote",
            id,
            "the quote is empty",
            "copy the sentence that makes this claim from the source, word for word",
        );
        return;
    }
    if words > MAX_QUOTE_WORDS {
        sink.error(
            quote.span.start,
            "quote-too-long",
            id,
            format!("the quote has {words} words; at most {MAX_QUOTE_WORDS}"),
            format!("shorten it, or leave out a passage with ` {ELISION} `"),
        );
    }
    if let Some(Err(mismatch)) = text.map(|t| match_quote(&quote.value, t)) {
        let (code, message, hint) = mismatch_text(mismatch);
        sink.error(quote.span.start, code, id, message, hint);
    }
}

/// Code, message and hint for each way a quote can miss its source.
fn mismatch_text(mismatch: Mismatch) -> (&'static str, String, String) {
    let (code, message, hint) = match mismatch {
        Mismatch::NotFound => (
            "quote-not-found",
            "the quote is not found word for word in its first source".to_string(),
            "copy it exactly from the source text (same apostrophes and quotation marks; \
             compared after Unicode NFC normalisation, white space collapsed); \
             mark left-out passages with …",
        ),
        Mismatch::PartTooShort => (
            "elision-part-too-short",
            format!("a part of this elided quote has fewer than {MIN_PART_WORDS} words"),
            "each part around ` … ` must be a real stretch of the source: quote more words, or no elision",
        ),
        Mismatch::AcrossParagraphs => (
            "elision-across-paragraphs",
            "the parts of this elided quote are not in one paragraph of the source".to_string(),
            "an elision stays inside one paragraph: quote one paragraph, or make two claims",
        ),
        Mismatch::GapTooLong => (
            "elision-gap-too-long",
            format!("more than {MAX_GAP_WORDS} words of the source are left out between two parts"),
            "quote a shorter passage, or the words between the parts",
        ),
        Mismatch::DropsNegation => (
            "elision-drops-negation",
            "the words left out between two parts hold a negation (not, never, no, n't, …)"
                .to_string(),
            "an elision may not drop a negation: quote it, or quote less",
        ),
    };
    (code, message, hint.to_string())
}

/// The date is no later than the first source's, and no more precise unless
/// `date_basis` quotes the words that give it.
fn check_date(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    (date, at): &(PartialDate, Str),
    basis: Option<&Str>,
    first: &SourceFacts,
) {
    let id = r.id.as_deref();
    if let Some(source_date) = first.date.filter(|s| date.is_after(*s)) {
        sink.error(
            at.span.start,
            "date-after-source",
            id,
            format!(
                "dated {} but its source is dated {}",
                date.iso(),
                source_date.iso()
            ),
            "a source cannot report what happened after it; check the date",
        );
    }
    let more_precise = first.date.is_none_or(|s| date.precision() > s.precision());
    match basis {
        None if more_precise => sink.error(
            at.span.start,
            "date-too-precise",
            id,
            format!(
                "`{}` is more precise than its source's date ({})",
                date.iso(),
                first.date.map_or("none".into(), |d| d.iso())
            ),
            "cut the date to what the source allows, or add `date_basis`: the source's words that give this date",
        ),
        Some(basis) => {
            if let Some(Err(mismatch)) = first.text.as_ref().map(|t| match_quote(&basis.value, t)) {
                let (_, why, _) = mismatch_text(mismatch);
                sink.error(
                    basis.span.start,
                    "date-basis-not-found",
                    id,
                    format!("`date_basis` is not found word for word in the first source ({why})"),
                    "copy the words that give the date exactly from the source",
                );
            }
        }
        None => {}
    }
}

/// The summary names who makes the claim, by name or alias, as whole words.
fn check_summary(sink: &mut Sink, r: &Record<'_, '_>, summary: &Str, actor: &Actor) {
    let named = std::iter::once(&actor.name)
        .chain(actor.aliases.iter())
        .any(|n| names(&summary.value, n));
    if !named {
        sink.error(
            summary.span.start,
            "summary-unattributed",
            r.id.as_deref(),
            format!(
                "the summary does not say who makes the claim ({})",
                actor.name
            ),
            format!(
                "write it as reported speech, e.g. \"{} says …\"",
                actor.name
            ),
        );
    }
}

fn claim(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    index: &Index,
    facts: &[SourceFacts],
    actors: &[Option<Actor>],
) -> Option<Claim> {
    let id = r.id.as_deref();
    let subject = r
        .string(sink, "subject", true)
        .and_then(|a| actor_ref(sink, r, "subject", &a, index));
    let object = r
        .string(sink, "object", true)
        .and_then(|a| actor_ref(sink, r, "object", &a, index));
    let relation = r
        .string(sink, "relation", true)
        .and_then(|v| vocabulary(sink, r, "relation", &v, Relation::from_id, Relation::ids()));
    let stance = r
        .string(sink, "stance", true)
        .and_then(|v| vocabulary(sink, r, "stance", &v, Stance::from_id, Stance::ids()));
    let note = r.string(sink, "note", false);
    let hedges = hedges(sink, r);
    let attribution = attribution(sink, r, index, facts, actors);
    if let (Some(s), Some(o)) = (subject, object) {
        if s == o {
            sink.error(r.at, "self-relation", id, "the subject and the object are the same actor", "a claim links two different actors; use a [[context]] item for background about one");
        }
    }
    if let (Some(a), Some(s)) = (&attribution, subject) {
        let claimant = actors
            .get(usize::from(a.attributed_to.0))
            .and_then(Option::as_ref);
        let speaks_for_subject = a.attributed_to == s
            || claimant.is_some_and(|c| c.member_of == Some(s) || c.leads == Some(s));
        if a.status == Status::Stated && !speaks_for_subject {
            sink.error(r.at, "status-mismatch", id, "status is `stated`, but the claimant is not the subject (nor its leader or member)", "use `reported` or `alleged` for what others say about the subject");
        }
    }
    let a = attribution?;
    Some(Claim {
        id: r.id.clone()?.into(),
        subject: subject?,
        relation: relation?,
        stance: stance?,
        hedges: Cow::Owned(hedges?),
        object: object?,
        date: a.date,
        summary: a.summary,
        attributed_to: a.attributed_to,
        sources: Cow::Owned(a.sources),
        quote: a.quote,
        status: a.status,
        note: note.map(|n| n.value.into()),
        date_basis: a.date_basis,
    })
}

/// `hedges = ["expected"]`: optional, each from the [`Hedge`] vocabulary.
fn hedges(sink: &mut Sink, r: &Record<'_, '_>) -> Option<Vec<Hedge>> {
    let list = r.strings(sink, "hedges")?;
    list.value
        .iter()
        .map(|h| vocabulary(sink, r, "hedges", h, Hedge::from_id, Hedge::ids()))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

fn context_item(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    index: &Index,
    facts: &[SourceFacts],
    actors: &[Option<Actor>],
) -> Option<ContextItem> {
    let about = r.strings(sink, "about").map(|list| {
        list.value
            .iter()
            .map(|s| actor_ref(sink, r, "about", s, index))
            .collect::<Vec<_>>()
    });
    let note = r.string(sink, "note", false);
    let a = attribution(sink, r, index, facts, actors)?;
    Some(ContextItem {
        id: r.id.clone()?.into(),
        about: Cow::Owned(about?.into_iter().collect::<Option<Vec<_>>>()?),
        date: a.date,
        summary: a.summary,
        attributed_to: a.attributed_to,
        sources: Cow::Owned(a.sources),
        quote: a.quote,
        status: a.status,
        note: note.map(|n| n.value.into()),
        date_basis: a.date_basis,
    })
}

/// What a reference points at, for its error.
struct Target {
    code: &'static str,
    noun: &'static str,
    section: &'static str,
}

const ACTOR: Target = Target {
    code: "unknown-actor",
    noun: "actor",
    section: "an [[actors]]",
};
const SOURCE: Target = Target {
    code: "unknown-source",
    noun: "source",
    section: "a [[sources]]",
};

pub(super) fn actor_ref(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    field: &str,
    value: &Str,
    index: &Index,
) -> Option<ActorId> {
    reference(sink, r, field, value, &index.actors, &ACTOR)
}

fn source_ref(sink: &mut Sink, r: &Record<'_, '_>, value: &Str, index: &Index) -> Option<SourceId> {
    reference(sink, r, "sources", value, &index.sources, &SOURCE)
}

/// Resolves an id to its index, or reports it unknown (with "did you mean" for a near typo).
fn reference<T: Copy>(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    field: &str,
    value: &Str,
    known: &HashMap<String, T>,
    target: &Target,
) -> Option<T> {
    let found = known.get(&value.value).copied();
    if found.is_none() {
        let hint = match nearest(&value.value, known.keys()) {
            Some(near) => format!(
                "did you mean `{near}`? Or add {} entry with this id",
                target.section
            ),
            None => format!(
                "add {} entry with this id, or fix the spelling",
                target.section
            ),
        };
        sink.error(
            value.span.start,
            target.code,
            r.id.as_deref(),
            format!("`{field}` names unknown {} `{}`", target.noun, value.value),
            hint,
        );
    }
    found
}

pub(super) fn vocabulary<T>(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    field: &str,
    value: &Str,
    parse: fn(&str) -> Option<T>,
    ids: String,
) -> Option<T> {
    let parsed = parse(&value.value);
    if parsed.is_none() {
        sink.error(
            value.span.start,
            "unknown-vocabulary",
            r.id.as_deref(),
            format!("`{}` is not a known {field}", value.value),
            format!("use one of: {ids}"),
        );
    }
    parsed
}

fn date(sink: &mut Sink, r: &Record<'_, '_>, value: &Str) -> Option<PartialDate> {
    match PartialDate::parse(&value.value) {
        Ok(date) => Some(date),
        Err(message) => {
            sink.error(
                value.span.start,
                "malformed-date",
                r.id.as_deref(),
                message,
                "write \"2025\", \"2025-03\" or \"2025-03-14\", only as precise as the source",
            );
            None
        }
    }
}

/// Collapses every run of white space to one space.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Unicode NFC, so that a quote typed with composed characters matches a
/// source that uses decomposed ones (and the other way round). A text that
/// is NFC already (all ASCII, or as the quick check finds) is copied as it
/// stands: composing it again, once per source and per quote, summary and
/// name of every claim, took a quarter of the check at 100,000 claims.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text.to_string();
    }
    text.nfc().collect()
}

/// A source text prepared for matching quotes: NFC, white space collapsed,
/// as a whole and paragraph by paragraph (paragraphs end at a blank line).
#[derive(Clone, Debug, Default)]
pub struct SourceText {
    pub whole: String,
    pub paragraphs: Vec<String>,
}

impl SourceText {
    pub fn new(text: &str) -> SourceText {
        let text = nfc(text.strip_prefix('\u{feff}').unwrap_or(text));
        let mut paragraphs = Vec::new();
        let mut current = String::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                paragraphs.push(collapse(&current));
                current.clear();
            } else {
                current.push_str(line);
                current.push('\n');
            }
        }
        paragraphs.push(collapse(&current));
        paragraphs.retain(|p| !p.is_empty());
        SourceText {
            whole: collapse(&text),
            paragraphs,
        }
    }
}

/// Why a quote is not an honest excerpt of its source, from the worst miss
/// to the nearest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// A part is not in the source word for word, or the parts are out of order.
    NotFound,
    /// An elided quote has a part of fewer than [`MIN_PART_WORDS`] words.
    PartTooShort,
    /// The parts are in the source, in order, but not within one paragraph.
    AcrossParagraphs,
    /// More than [`MAX_GAP_WORDS`] words lie between two parts.
    GapTooLong,
    /// The words left out hold a negation.
    DropsNegation,
}

/// The parts of a quote between elision marks: NFC, white space collapsed.
fn parts(quote: &str) -> Vec<String> {
    nfc(quote)
        .split(ELISION)
        .map(collapse)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Words (runs with a letter or digit) in `text`.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Checks `quote` against its source: each part word for word, on word
/// boundaries, in order; when elided, parts of at least [`MIN_PART_WORDS`]
/// words, in one paragraph, at most [`MAX_GAP_WORDS`] words apart, and no
/// negation left out between them.
pub fn match_quote(quote: &str, source: &SourceText) -> Result<(), Mismatch> {
    let parts = parts(quote);
    if parts.len() > 1 && parts.iter().any(|p| word_count(p) < MIN_PART_WORDS) {
        return Err(Mismatch::PartTooShort);
    }
    let loose = Rules {
        max_gap: None,
        keep_negations: false,
    };
    if !in_order(&source.whole, &parts, loose) {
        return Err(Mismatch::NotFound);
    }
    let in_a_paragraph =
        |rules: Rules| source.paragraphs.iter().any(|p| in_order(p, &parts, rules));
    let near = Rules {
        max_gap: Some(MAX_GAP_WORDS),
        ..loose
    };
    let strict = Rules {
        keep_negations: true,
        ..near
    };
    if !in_a_paragraph(loose) {
        Err(Mismatch::AcrossParagraphs)
    } else if !in_a_paragraph(near) {
        Err(Mismatch::GapTooLong)
    } else if !in_a_paragraph(strict) {
        Err(Mismatch::DropsNegation)
    } else {
        Ok(())
    }
}

/// What may lie between two parts of an elided quote.
#[derive(Clone, Copy)]
struct Rules {
    max_gap: Option<usize>,
    /// The gap may not hold a negation.
    keep_negations: bool,
}

impl Rules {
    fn allow(self, gap: &str) -> bool {
        self.max_gap.is_none_or(|max| word_count(gap) <= max)
            && !(self.keep_negations && has_negation(gap))
    }
}

/// True when the parts occur in `text` in order, each on word boundaries,
/// with every gap allowed by `rules`. Keeps, part after part, every end
/// position some valid placing reaches, so no placing is missed.
fn in_order(text: &str, parts: &[String], rules: Rules) -> bool {
    let mut ends: Vec<usize> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let from = ends.first().copied().unwrap_or(0);
        let next: Vec<usize> = occurrences(text, part, from)
            .filter(|&start| {
                i == 0
                    || ends
                        .iter()
                        .any(|&end| end <= start && rules.allow(&text[end..start]))
            })
            .map(|start| start + part.len())
            .collect();
        if next.is_empty() {
            return false;
        }
        ends = next;
    }
    true
}

/// Start offsets of `part` in `text` from `from` on, overlapping ones
/// included, that begin and end on word boundaries.
fn occurrences<'a>(text: &'a str, part: &'a str, from: usize) -> impl Iterator<Item = usize> + 'a {
    let mut at = from;
    std::iter::from_fn(move || loop {
        let start = at + text.get(at..)?.find(part)?;
        at = start + part.chars().next().map_or(1, char::len_utf8);
        if on_word_boundaries(text, start, start + part.len()) {
            return Some(start);
        }
    })
}

/// `text[start..end]` neither starts nor ends inside a word.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let inner = &text[start..end];
    let joins = |a: Option<char>, b: Option<char>| {
        a.is_some_and(char::is_alphanumeric) && b.is_some_and(char::is_alphanumeric)
    };
    !joins(text[..start].chars().next_back(), inner.chars().next())
        && !joins(inner.chars().next_back(), text[end..].chars().next())
}

/// True when `gap` holds a negation: one of [`NEGATIONS`], or a word ending in n't.
fn has_negation(gap: &str) -> bool {
    gap.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(str::to_lowercase)
        .any(|w| {
            NEGATIONS.contains(&w.trim_matches(['\'', '’']))
                || w.ends_with("n't")
                || w.ends_with("n’t")
        })
}

/// True when `name` occurs in `text` as whole words, ignoring case (both NFC).
pub fn names(text: &str, name: &str) -> bool {
    let (text, name) = (
        collapse(&nfc(text).to_lowercase()),
        collapse(&nfc(name).to_lowercase()),
    );
    !name.is_empty() && occurrences(&text, &name, 0).next().is_some()
}

/// The known id closest to `wanted`, if it is close (a typo).
pub(super) fn nearest<'a>(
    wanted: &str,
    known: impl Iterator<Item = &'a String>,
) -> Option<&'a str> {
    known
        .map(|k| (edit_distance(wanted, k), k))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| k.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(quote: &str, text: &str) -> Result<(), Mismatch> {
        match_quote(quote, &SourceText::new(text))
    }

    #[test]
    fn quotes_match_across_line_breaks_and_elisions_in_order() {
        let text = "One two\n three four.   Five six seven.";
        assert_eq!(quote("two three", text), Ok(()));
        assert_eq!(quote("One two three … Five six seven.", text), Ok(()));
        assert_eq!(
            quote("Five six seven. … One two three", text),
            Err(Mismatch::NotFound)
        );
        assert_eq!(quote("two  four", text), Err(Mismatch::NotFound));
    }

    #[test]
    fn parts_match_whole_words_only() {
        let text = "Alphabet soup is served to the whole team today.";
        assert_eq!(quote("Alpha", text), Err(Mismatch::NotFound));
        assert_eq!(quote("lphabet soup", text), Err(Mismatch::NotFound));
        assert_eq!(quote("Alphabet so", text), Err(Mismatch::NotFound));
        assert_eq!(quote("Alphabet soup is … the whole team", text), Ok(()));
        // A part found only inside a word is not found, though a later whole one is.
        assert_eq!(
            quote("the whole team", "the wholesale, then the whole team"),
            Ok(())
        );
    }

    #[test]
    fn elided_parts_are_real_stretches_close_together_in_one_paragraph() {
        let text = "Nobody said that Russia will never send any troops to Beta Leader at all.";
        let russia = "Russia … will … send … troops … to Beta Leader";
        assert_eq!(quote(russia, text), Err(Mismatch::PartTooShort));
        assert_eq!(
            quote("A … l … p … h … a", "Alpha"),
            Err(Mismatch::PartTooShort)
        );
        let two = "one two three four.\n\nfive six seven eight.";
        assert_eq!(
            quote("two three four. … five six seven", two),
            Err(Mismatch::AcrossParagraphs)
        );
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let long = words.join(" ");
        let gap = |from: usize| format!("w0 w1 w2 … w{from} w{} w{}", from + 1, from + 2);
        assert_eq!(quote(&gap(3 + MAX_GAP_WORDS), &long), Ok(()));
        assert_eq!(
            quote(&gap(4 + MAX_GAP_WORDS), &long),
            Err(Mismatch::GapTooLong)
        );
    }

    #[test]
    fn an_elision_may_not_drop_a_negation() {
        let text = "Alpha State will not, they said, send its troops to Beta Leader.";
        let elided = "Alpha State will … send its troops to Beta Leader.";
        assert_eq!(quote(elided, text), Err(Mismatch::DropsNegation));
        let text = "Alpha State says it won’t, for now, send its troops anywhere.";
        let elided = "Alpha State says … send its troops anywhere.";
        assert_eq!(quote(elided, text), Err(Mismatch::DropsNegation));
        // A negation inside a part is quoted, not dropped; "note" is no negation.
        let text = "Alpha State will not send troops, the note says, to Beta Leader.";
        assert_eq!(
            quote("Alpha State will not send troops, … to Beta Leader.", text),
            Ok(())
        );
    }

    #[test]
    fn quotes_compare_after_nfc() {
        // "é" composed in the quote, decomposed in the source, and the other way round.
        assert_eq!(
            quote("the caf\u{e9} is open", "So the cafe\u{301} is open."),
            Ok(())
        );
        assert_eq!(
            quote("the cafe\u{301} is open", "So the caf\u{e9} is open."),
            Ok(())
        );
    }

    #[test]
    fn names_match_on_word_boundaries_ignoring_case() {
        assert!(names("Delta Watch says so.", "delta watch"));
        assert!(names("According to DW, it did.", "dw"));
        assert!(!names("The Deltawatchers say so.", "Delta Watch"));
        assert!(!names("Showdown at noon.", "dw"));
        assert!(!names("Anything at all.", ""));
        assert!(!names("Anything at all.", "  "));
    }

    #[test]
    fn paths_stay_inside_the_folder() {
        for ok in [
            "doc.txt",
            "sources/doc.txt",
            "./a/../doc.txt",
            "a/b/../../doc.txt",
        ] {
            assert!(stays_inside(ok), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../doc.txt",
            "a/../../doc.txt",
            "../../../../etc/passwd",
            "\\\\server\\x",
        ] {
            assert!(!stays_inside(bad), "{bad}");
        }
    }

    #[test]
    fn kebab_case_ids() {
        assert!(is_kebab_case("belarus-2020"));
        for bad in [
            "Belarus",
            "belarus_2020",
            "-belarus",
            "belarus--x",
            "belarus-",
            "",
            "bélarus",
        ] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn suggests_near_ids() {
        let known = ["belarus".to_string(), "russia".to_string()];
        assert_eq!(nearest("belaruss", known.iter()), Some("belarus"));
        assert_eq!(nearest("china", known.iter()), None);
    }
}
