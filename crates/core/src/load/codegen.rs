//! Writes a checked [`Dataset`] as Rust source for a `static`, so the card
//! carries its data as constants: no parser in the wasm, nothing to decode
//! at start-up.

use std::fmt::Write;

use crate::date::PartialDate;
use crate::model::{ActorId, Dataset, SourceId};

/// Rust source defining `pub static DATASET: Dataset` (paths relative to the
/// core crate, imported as `who_backs_whom_core`).
pub fn to_rust(dataset: &Dataset) -> String {
    let mut out = String::from(
        "// Generated at build time from the checked dataset. Do not edit.\n\
         #[allow(clippy::all)]\n\
         pub static DATASET: who_backs_whom_core::Dataset = {\n\
         use std::borrow::Cow::Borrowed as B;\n\
         use who_backs_whom_core::*;\n\
         who_backs_whom_core::Dataset {\n",
    );
    let m = &dataset.meta;
    let _ = writeln!(
        out,
        "meta: Meta {{ title: B({:?}), description: B({:?}), focus: {}, as_of: {}, version: B({:?}) }},",
        m.title, m.description, actor(m.focus), date(m.as_of), m.version
    );
    out.push_str("actors: B(&[\n");
    for a in dataset.actors.iter() {
        let aliases: Vec<String> = a.aliases.iter().map(|s| format!("B({s:?})")).collect();
        let _ = writeln!(
            out,
            "Actor {{ id: B({:?}), name: B({:?}), kind: ActorKind::{:?}, description: B({:?}), aliases: B(&[{}]), leads: {}, member_of: {} }},",
            a.id, a.name, a.kind, a.description, aliases.join(", "), option(a.leads.map(actor)), option(a.member_of.map(actor))
        );
    }
    out.push_str("]),\nsources: B(&[\n");
    for s in dataset.sources.iter() {
        let _ = writeln!(
            out,
            "Source {{ id: B({:?}), title: B({:?}), title_supplied: {}, publisher: {}, kind: SourceKind::{:?}, date: {}, url: {} }},",
            s.id, s.title, s.title_supplied, option(s.publisher.as_deref().map(text)), s.kind, option(s.date.map(date)), option(s.url.as_deref().map(text))
        );
    }
    out.push_str("]),\nclaims: B(&[\n");
    for c in dataset.claims.iter() {
        let _ = writeln!(
            out,
            "Claim {{ id: B({:?}), subject: {}, relation: Relation::{:?}, stance: Stance::{:?}, object: {}, date: {}, summary: B({:?}), attributed_to: {}, sources: B(&[{}]), quote: B({:?}), status: Status::{:?}, note: {} }},",
            c.id, actor(c.subject), c.relation, c.stance, actor(c.object), option(c.date.map(date)), c.summary, actor(c.attributed_to), sources(&c.sources), c.quote, c.status, option(c.note.as_deref().map(text))
        );
    }
    out.push_str("]),\ncontext: B(&[\n");
    for c in dataset.context.iter() {
        let about: Vec<String> = c.about.iter().map(|a| actor(*a)).collect();
        let _ = writeln!(
            out,
            "ContextItem {{ id: B({:?}), about: B(&[{}]), date: {}, summary: B({:?}), attributed_to: {}, sources: B(&[{}]), quote: B({:?}), status: Status::{:?}, note: {} }},",
            c.id, about.join(", "), option(c.date.map(date)), c.summary, actor(c.attributed_to), sources(&c.sources), c.quote, c.status, option(c.note.as_deref().map(text))
        );
    }
    out.push_str("]),\n}\n};\n");
    out
}

fn actor(id: ActorId) -> String {
    format!("ActorId({})", id.0)
}

fn sources(ids: &[SourceId]) -> String {
    ids.iter()
        .map(|s| format!("SourceId({})", s.0))
        .collect::<Vec<_>>()
        .join(", ")
}

fn date(d: PartialDate) -> String {
    format!(
        "PartialDate {{ year: {}, month: {}, day: {} }}",
        d.year, d.month, d.day
    )
}

fn text(s: &str) -> String {
    format!("B({s:?})")
}

fn option(value: Option<String>) -> String {
    value.map_or("None".into(), |v| format!("Some({v})"))
}
