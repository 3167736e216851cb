//! The dataset's public exports, `claims.json` and `claims.csv`: a data
//! contract documented in `data/README.md`. Fields may be added; none may be
//! renamed or removed. CSV cells that a spreadsheet would run as a formula
//! are neutralised ([`neutralise_cell`]); [`restore_cell`] undoes it.

use std::borrow::Cow;

use serde_json::{json, Value};

use crate::model::{ActorId, Claim, ContextItem, Dataset};

/// `claims.json`: dataset, actors, sources, claims and context, with ids.
pub fn to_json(dataset: &Dataset) -> String {
    let id = |a: ActorId| dataset.actor(a).id.to_string();
    let source_ids = |ids: &[crate::SourceId]| -> Vec<String> {
        ids.iter()
            .map(|s| dataset.source(*s).id.to_string())
            .collect()
    };
    let value = json!({
        "dataset": {
            "title": dataset.meta.title,
            "description": dataset.meta.description,
            "as_of": dataset.meta.as_of.iso(),
            "version": dataset.meta.version,
            "focus": id(dataset.meta.focus),
        },
        "actors": dataset.actors.iter().map(|a| json!({
            "id": a.id, "name": a.name, "kind": a.kind.id(), "description": a.description,
            "aliases": a.aliases, "leads": a.leads.map(id), "member_of": a.member_of.map(id),
        })).collect::<Vec<Value>>(),
        "sources": dataset.sources.iter().map(|s| json!({
            "id": s.id, "title": s.title, "title_supplied": s.title_supplied, "publisher": s.publisher,
            "kind": s.kind.id(), "date": s.date.map(|d| d.iso()), "url": s.url,
        })).collect::<Vec<Value>>(),
        "claims": dataset.claims.iter().map(|c| json!({
            "id": c.id, "subject": id(c.subject), "relation": c.relation.id(), "object": id(c.object),
            "stance": c.stance.id(), "hedges": c.hedges.iter().map(|h| h.id()).collect::<Vec<_>>(),
            "date": c.date.map(|d| d.iso()), "summary": c.summary,
            "attributed_to": id(c.attributed_to), "sources": source_ids(&c.sources), "quote": c.quote,
            "status": c.status.id(), "note": c.note, "date_basis": c.date_basis,
        })).collect::<Vec<Value>>(),
        "context": dataset.context.iter().map(|c| json!({
            "id": c.id, "about": c.about.iter().map(|a| id(*a)).collect::<Vec<_>>(), "date": c.date.map(|d| d.iso()),
            "summary": c.summary, "attributed_to": id(c.attributed_to), "sources": source_ids(&c.sources),
            "quote": c.quote, "status": c.status.id(), "note": c.note, "date_basis": c.date_basis,
        })).collect::<Vec<Value>>(),
    });
    serde_json::to_string_pretty(&value).expect("JSON values always serialise") + "\n"
}

/// The columns of `claims.csv`, in order. Later columns are only ever
/// appended.
pub const CSV_COLUMNS: [&str; 20] = [
    "id",
    "subject",
    "subject_name",
    "relation",
    "stance",
    "object",
    "object_name",
    "date",
    "summary",
    "attributed_to",
    "attributed_to_name",
    "sources",
    "source_titles",
    "quote",
    "status",
    "note",
    "date_basis",
    "record",
    "about",
    "hedges",
];

/// `claims.csv`: one row per claim, then one per context item (`record` is
/// `claim` or `context`); names resolved, lists joined with `;`, every cell
/// neutralised against formula injection.
pub fn to_csv(dataset: &Dataset) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS).expect("writing to memory");
    let rows = dataset
        .claims
        .iter()
        .map(|c| claim_row(dataset, c))
        .chain(dataset.context.iter().map(|c| context_row(dataset, c)));
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| neutralise_cell(cell).into_owned()))
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("flushing to memory"))
        .expect("CSV of UTF-8 is UTF-8")
}

/// The cells of a claim's row, in [`CSV_COLUMNS`] order.
fn claim_row(dataset: &Dataset, c: &Claim) -> Vec<String> {
    let actor = |a: ActorId| dataset.actor(a);
    let mut row = vec![
        c.id.to_string(),
        actor(c.subject).id.to_string(),
        actor(c.subject).name.to_string(),
        c.relation.id().to_string(),
        c.stance.id().to_string(),
        actor(c.object).id.to_string(),
        actor(c.object).name.to_string(),
    ];
    row.extend(shared_cells(dataset, Shared::of_claim(c)));
    let hedges: Vec<&str> = c.hedges.iter().map(|h| h.id()).collect();
    row.extend(["claim".to_string(), String::new(), hedges.join(";")]);
    row
}

/// The cells of a context item's row: no subject, relation, stance or
/// object; `about` lists its actors' ids.
fn context_row(dataset: &Dataset, c: &ContextItem) -> Vec<String> {
    let mut row = vec![c.id.to_string()];
    row.extend(std::iter::repeat_n(String::new(), 6));
    row.extend(shared_cells(dataset, Shared::of_context(c)));
    let about: Vec<&str> = c
        .about
        .iter()
        .map(|a| dataset.actor(*a).id.as_ref())
        .collect();
    row.extend(["context".to_string(), about.join(";"), String::new()]);
    row
}

/// What claims and context items share, borrowed from either.
struct Shared<'d> {
    date: Option<crate::PartialDate>,
    summary: &'d str,
    attributed_to: ActorId,
    sources: &'d [crate::SourceId],
    quote: &'d str,
    status: crate::Status,
    note: Option<&'d str>,
    date_basis: Option<&'d str>,
}

impl<'d> Shared<'d> {
    fn of_claim(c: &'d Claim) -> Shared<'d> {
        Shared {
            date: c.date,
            summary: &c.summary,
            attributed_to: c.attributed_to,
            sources: &c.sources,
            quote: &c.quote,
            status: c.status,
            note: c.note.as_deref(),
            date_basis: c.date_basis.as_deref(),
        }
    }

    fn of_context(c: &'d ContextItem) -> Shared<'d> {
        Shared {
            date: c.date,
            summary: &c.summary,
            attributed_to: c.attributed_to,
            sources: &c.sources,
            quote: &c.quote,
            status: c.status,
            note: c.note.as_deref(),
            date_basis: c.date_basis.as_deref(),
        }
    }
}

/// The cells from `date` to `date_basis`, in [`CSV_COLUMNS`] order.
fn shared_cells(dataset: &Dataset, s: Shared<'_>) -> Vec<String> {
    let sources: Vec<&str> = s
        .sources
        .iter()
        .map(|x| dataset.source(*x).id.as_ref())
        .collect();
    let titles: Vec<String> = s
        .sources
        .iter()
        .map(|x| dataset.source(*x).display_title())
        .collect();
    vec![
        s.date.map(|d| d.iso()).unwrap_or_default(),
        s.summary.to_string(),
        dataset.actor(s.attributed_to).id.to_string(),
        dataset.claimant_name(s.attributed_to),
        sources.join(";"),
        titles.join(";"),
        s.quote.to_string(),
        s.status.id().to_string(),
        s.note.unwrap_or_default().to_string(),
        s.date_basis.unwrap_or_default().to_string(),
    ]
}

/// First characters that make a spreadsheet read a cell as a formula
/// (OWASP, "CSV Injection").
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when `cell`, after any leading `'`s, starts with one of [`FORMULA_STARTS`].
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell a spreadsheet will show as text: one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`. So that
/// [`restore_cell`] undoes it for every cell, a cell of `'`s followed by one
/// of those gets one more `'` too.
pub fn neutralise_cell(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before [`neutralise_cell`]: one leading `'` is
/// dropped when what follows it, after any further `'`s, starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return.
pub fn restore_cell(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}
