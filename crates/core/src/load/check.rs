//! The checks a dataset must pass, and its conversion into the model.
//!
//! Structure first (ids, references, vocabularies, dates, URLs), then
//! attribution: every claim has a source, a claimant and a quote found
//! verbatim in its source, a summary that names the claimant (reported speech
//! stays reported speech), a status consistent with who makes it, and a date
//! no later and no more precise than its source supports.

use std::borrow::Cow;
use std::collections::HashMap;

use super::read::{Raw, Record, Sink, Str};
use crate::date::PartialDate;
use crate::model::{Actor, ActorId, Claim, ContextItem, Dataset, Meta, Source, SourceId};
use crate::vocab::{ActorKind, Relation, SourceKind, Stance, Status};

/// A quote longer than this many words is not an excerpt.
pub const MAX_QUOTE_WORDS: usize = 45;
/// The elision mark allowed inside quotes.
pub const ELISION: char = '…';

struct Index {
    actors: HashMap<String, ActorId>,
    sources: HashMap<String, SourceId>,
}

struct SourceFacts {
    date: Option<PartialDate>,
    /// False when the source's own date is malformed (already reported): its
    /// claims' dates are then not checked against it.
    date_valid: bool,
    /// Whitespace-collapsed full text, `None` when it could not be read.
    text: Option<String>,
}

pub fn check(
    sink: &mut Sink,
    raw: &Raw<'_, '_>,
    mut read_source: impl FnMut(&str) -> Result<String, String>,
) -> Option<(Dataset, Vec<String>)> {
    check_ids(sink, raw);
    let index = Index {
        actors: raw
            .actors
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((r.id.clone()?, ActorId(i as u16))))
            .collect(),
        sources: raw
            .sources
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((r.id.clone()?, SourceId(i as u16))))
            .collect(),
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
                text: text.as_deref().map(collapse),
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
        },
        source_texts,
    ))
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
        .chain(&raw.context);
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
    read_source: &mut impl FnMut(&str) -> Result<String, String>,
) -> (Option<Source>, Option<Option<PartialDate>>, Option<String>) {
    let title = r.string(sink, "title", true);
    let title_supplied = r.bool(sink, "title_supplied").unwrap_or(false);
    let publisher = r.string(sink, "publisher", false);
    let kind = r
        .string(sink, "kind", true)
        .and_then(|k| vocabulary(sink, r, "kind", &k, SourceKind::from_id, SourceKind::ids()));
    let date = optional(r.string(sink, "date", false).map(|d| date(sink, r, &d)));
    let url = r.string(sink, "url", false).map(|u| {
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
    });
    let text = r
        .string(sink, "text", true)
        .and_then(|path| match read_source(&path.value) {
            Ok(text) => Some(text),
            Err(e) => {
                sink.error(
                    path.span.start,
                    "source-text-missing",
                    r.id.as_deref(),
                    format!("cannot read the source's text: {e}"),
                    "put the document's full text at this path, relative to the dataset file",
                );
                None
            }
        });
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

fn meta(sink: &mut Sink, r: &Record<'_, '_>, index: &Index, facts: &[SourceFacts]) -> Option<Meta> {
    let title = r.string(sink, "title", true);
    let description = r.string(sink, "description", true);
    let focus = r
        .string(sink, "focus", true)
        .map(|f| actor_ref(sink, r, "focus", &f, index));
    let version = r.string(sink, "version", true);
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
}

fn attribution(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    index: &Index,
    facts: &[SourceFacts],
    actors: &[Option<Actor>],
) -> Option<Attribution> {
    let id = r.id.as_deref();
    let summary = r.string(sink, "summary", true);
    let attributed_to = r
        .string_as(sink, "attributed_to", true, "no-attribution")
        .and_then(|a| actor_ref(sink, r, "attributed_to", &a, index));
    let status = r
        .string(sink, "status", true)
        .and_then(|s| vocabulary(sink, r, "status", &s, Status::from_id, Status::ids()));
    let quote = r.string_as(sink, "quote", true, "no-quote");
    let sources = r.strings(sink, "sources").and_then(|list| {
        if list.value.is_empty() {
            sink.error(
                r.at,
                "no-source",
                id,
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
            .collect::<Option<Vec<_>>>()
    });
    let first = sources.as_ref().map(|s| &facts[usize::from(s[0].0)]);

    if let Some(quote) = &quote {
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
        } else if words > MAX_QUOTE_WORDS {
            sink.error(
                quote.span.start,
                "quote-too-long",
                id,
                format!("the quote has {words} words; at most {MAX_QUOTE_WORDS}"),
                format!("shorten it, or leave out a passage with ` {ELISION} `"),
            );
        }
        if let Some(SourceFacts {
            text: Some(text), ..
        }) = first
        {
            if !quote.value.trim().is_empty() && !quote_found(&quote.value, text) {
                sink.error(quote.span.start, "quote-not-found", id, "the quote is not found word for word in its first source", "copy it exactly from the source text (same apostrophes and quotation marks); mark left-out passages with …");
            }
        }
    }

    let claimed_date = r
        .string(sink, "date", false)
        .and_then(|d| Some((date(sink, r, &d)?, d)));
    let basis = r.string(sink, "date_basis", false);
    if let (Some((date, at)), Some(first)) = (&claimed_date, first.filter(|f| f.date_valid)) {
        match first.date {
            Some(source_date) if date.is_after(source_date) => sink.error(
                at.span.start,
                "date-after-source",
                id,
                format!(
                    "dated {} but its source is dated {}",
                    date.iso(),
                    source_date.iso()
                ),
                "a source cannot report what happened after it; check the date",
            ),
            _ => {}
        }
        let more_precise = first.date.is_none_or(|s| date.precision() > s.precision());
        match (&basis, more_precise) {
            (None, true) => sink.error(at.span.start, "date-too-precise", id, format!("`{}` is more precise than its source's date ({})", date.iso(), first.date.map_or("none".into(), |d| d.iso())), "cut the date to what the source allows, or add `date_basis`: the source's words that give this date"),
            (Some(basis), _) => {
                if let Some(text) = &first.text {
                    if !quote_found(&basis.value, text) {
                        sink.error(basis.span.start, "date-basis-not-found", id, "`date_basis` is not found word for word in the first source", "copy the words that give the date exactly from the source");
                    }
                }
            }
            _ => {}
        }
    }

    if let (Some(summary), Some(claimant)) = (&summary, attributed_to) {
        if let Some(Some(actor)) = actors.get(usize::from(claimant.0)) {
            let lower = summary.value.to_lowercase();
            let named = std::iter::once(&actor.name)
                .chain(actor.aliases.iter())
                .any(|n| lower.contains(&n.to_lowercase()));
            if !named {
                sink.error(
                    summary.span.start,
                    "summary-unattributed",
                    id,
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
    }

    Some(Attribution {
        date: claimed_date.map(|(d, _)| d),
        summary: summary?.value.into(),
        attributed_to: attributed_to?,
        sources: sources?,
        quote: quote?.value.into(),
        status: status?,
    })
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
        object: object?,
        date: a.date,
        summary: a.summary,
        attributed_to: a.attributed_to,
        sources: Cow::Owned(a.sources),
        quote: a.quote,
        status: a.status,
        note: note.map(|n| n.value.into()),
    })
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

fn actor_ref(
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

fn vocabulary<T>(
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

/// True when every part of `quote` between elision marks appears in
/// `collapsed_text`, in order.
pub fn quote_found(quote: &str, collapsed_text: &str) -> bool {
    let mut rest = collapsed_text;
    for part in quote.split(ELISION).map(collapse).filter(|p| !p.is_empty()) {
        match rest.find(&part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// The known id closest to `wanted`, if it is close (a typo).
fn nearest<'a>(wanted: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a str> {
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

    #[test]
    fn quotes_match_across_line_breaks_and_elisions_in_order() {
        let text = collapse("One two\n three four.   Five six.");
        assert!(quote_found("two three", &text));
        assert!(quote_found("One … Five six.", &text));
        assert!(!quote_found("Five six. … One", &text));
        assert!(!quote_found("two  four", &text));
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
