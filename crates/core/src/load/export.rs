//! The dataset's public exports, `claims.json` and `claims.csv`: a data
//! contract documented in `data/README.md`. Fields may be added; none may be
//! renamed or removed.

use serde_json::{json, Value};

use crate::model::{ActorId, Dataset};

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
            "stance": c.stance.id(), "date": c.date.map(|d| d.iso()), "summary": c.summary,
            "attributed_to": id(c.attributed_to), "sources": source_ids(&c.sources), "quote": c.quote,
            "status": c.status.id(), "note": c.note,
        })).collect::<Vec<Value>>(),
        "context": dataset.context.iter().map(|c| json!({
            "id": c.id, "about": c.about.iter().map(|a| id(*a)).collect::<Vec<_>>(), "date": c.date.map(|d| d.iso()),
            "summary": c.summary, "attributed_to": id(c.attributed_to), "sources": source_ids(&c.sources),
            "quote": c.quote, "status": c.status.id(), "note": c.note,
        })).collect::<Vec<Value>>(),
    });
    serde_json::to_string_pretty(&value).expect("JSON values always serialise") + "\n"
}

/// The columns of `claims.csv`, in order.
pub const CSV_COLUMNS: [&str; 15] = [
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
];

/// `claims.csv`: one row per claim, names resolved, lists joined with `;`.
pub fn to_csv(dataset: &Dataset) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS).expect("writing to memory");
    for c in dataset.claims.iter() {
        let actor = |a: ActorId| dataset.actor(a);
        let sources: Vec<&str> = c
            .sources
            .iter()
            .map(|s| dataset.source(*s).id.as_ref())
            .collect();
        let titles: Vec<String> = c
            .sources
            .iter()
            .map(|s| dataset.source(*s).display_title())
            .collect();
        writer
            .write_record([
                c.id.as_ref(),
                &actor(c.subject).id,
                &actor(c.subject).name,
                c.relation.id(),
                c.stance.id(),
                &actor(c.object).id,
                &actor(c.object).name,
                &c.date.map(|d| d.iso()).unwrap_or_default(),
                &c.summary,
                &actor(c.attributed_to).id,
                &dataset.claimant_name(c.attributed_to),
                &sources.join(";"),
                &titles.join(";"),
                &c.quote,
                c.status.id(),
            ])
            .expect("writing to memory");
    }
    String::from_utf8(writer.into_inner().expect("flushing to memory"))
        .expect("CSV of UTF-8 is UTF-8")
}
