//! FollowTheMoney export (`claims.ftm.json`): the dataset as line-delimited
//! FtM entities, for Aleph, OpenSanctions' tools and the `ftm` command line.
//!
//! Actors become `Person`, `Organization`, `PublicBody` or `LegalEntity`
//! (by kind, see `data/README.md`), sources `Document`s with their text,
//! claims `UnknownLink`s whose `publisher` is the claimant and whose `proof`
//! is the source document, and context items `Note`s on the actors they are
//! about. Entity ids are derived from ours (`wbw-actor-<id>`, …) so they are
//! stable across builds. Every property is a list of strings, as FtM wants.
//! `tests/ftm/validate.py` checks the output with the `followthemoney` package.

use serde_json::{json, Map, Value};

use crate::model::{Actor, ActorId, Claim, ContextItem, Dataset, Source, SourceId};
use crate::vocab::ActorKind;

/// The FtM entities of `dataset`, one JSON object per line.
/// `source_texts` are the sources' full texts, indexed like `dataset.sources`.
pub fn to_ftm(dataset: &Dataset, source_texts: &[String]) -> String {
    let mut entities: Vec<Value> = Vec::new();
    for actor in dataset.actors.iter() {
        entities.push(actor_entity(actor));
        entities.extend(structure_links(dataset, actor));
    }
    for (i, source) in dataset.sources.iter().enumerate() {
        entities.push(document(source, source_texts.get(i).map(String::as_str)));
    }
    entities.extend(dataset.claims.iter().map(|c| claim_link(dataset, c)));
    entities.extend(dataset.context.iter().map(|c| context_note(dataset, c)));
    entities
        .iter()
        .map(|e| serde_json::to_string(e).expect("JSON values always serialise") + "\n")
        .collect()
}

/// The FtM schema for an actor kind (reasons in `data/README.md`).
pub fn schema_for(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "Person",
        ActorKind::Government | ActorKind::ArmedForces => "PublicBody",
        ActorKind::Organisation | ActorKind::Media => "Organization",
        ActorKind::State | ActorKind::Group => "LegalEntity",
    }
}

/// The FtM id of an actor.
pub fn actor_id(actor: &Actor) -> String {
    format!("wbw-actor-{}", actor.id)
}

/// The FtM id of a source document.
pub fn source_id(source: &Source) -> String {
    format!("wbw-source-{}", source.id)
}

/// The FtM id of a claim's link.
pub fn claim_id(claim: &Claim) -> String {
    format!("wbw-claim-{}", claim.id)
}

/// The FtM id of a context item's note.
pub fn context_id(item: &ContextItem) -> String {
    format!("wbw-context-{}", item.id)
}

/// Builds entities property by property, leaving out empty values.
struct Entity {
    id: String,
    schema: &'static str,
    properties: Map<String, Value>,
}

impl Entity {
    fn new(id: String, schema: &'static str) -> Self {
        Entity {
            id,
            schema,
            properties: Map::new(),
        }
    }

    fn set<S: AsRef<str>>(mut self, property: &str, values: impl IntoIterator<Item = S>) -> Self {
        let values: Vec<Value> = values
            .into_iter()
            .filter(|v| !v.as_ref().is_empty())
            .map(|v| Value::String(v.as_ref().to_string()))
            .collect();
        if !values.is_empty() {
            self.properties
                .insert(property.to_string(), Value::Array(values));
        }
        self
    }

    fn build(self) -> Value {
        json!({ "id": self.id, "schema": self.schema, "properties": self.properties })
    }
}

fn actor_entity(actor: &Actor) -> Value {
    Entity::new(actor_id(actor), schema_for(actor.kind))
        .set("name", [&actor.name])
        .set("alias", actor.aliases.iter())
        .set("description", [&actor.description])
        .build()
}

/// The dataset's own `leads` and `member_of` fields, as links from the
/// person: a `Membership` where the body is an organisation in FtM's sense,
/// an `UnknownLink` otherwise (FtM's `Membership` and `Directorship` need an
/// `Organization`; a state is a `LegalEntity` here).
fn structure_links(dataset: &Dataset, actor: &Actor) -> Vec<Value> {
    let mut links = Vec::new();
    if let Some(state) = actor.leads {
        let target = dataset.actor(state);
        links.push(
            Entity::new(format!("wbw-leads-{}", actor.id), "UnknownLink")
                .set("subject", [actor_id(actor)])
                .set("object", [actor_id(target)])
                .set("role", ["leads"])
                .set(
                    "summary",
                    [format!("{} leads {}.", actor.name, target.name)],
                )
                .build(),
        );
    }
    if let Some(body) = actor.member_of {
        let target = dataset.actor(body);
        let organisation = matches!(schema_for(target.kind), "Organization" | "PublicBody");
        let (schema, from, to) = if organisation {
            ("Membership", "member", "organization")
        } else {
            ("UnknownLink", "subject", "object")
        };
        links.push(
            Entity::new(format!("wbw-member-of-{}", actor.id), schema)
                .set(from, [actor_id(actor)])
                .set(to, [actor_id(target)])
                .set("role", ["member or spokesperson"])
                .set(
                    "summary",
                    [format!(
                        "{} belongs to or speaks for {}.",
                        actor.name, target.name
                    )],
                )
                .build(),
        );
    }
    links
}

/// A source as a `Document`: its title (in [brackets] when the editors
/// supplied it), its text, and only the publisher, date and URL it gives.
fn document(source: &Source, text: Option<&str>) -> Value {
    let date = source.date.map(|d| d.iso());
    Entity::new(source_id(source), "Document")
        .set("title", [source.display_title()])
        .set("bodyText", text)
        .set("publisher", source.publisher.iter())
        .set("date", date.iter())
        .set("publishedAt", date.iter())
        .set("sourceUrl", source.url.iter())
        .set("mimeType", text.map(|_| "text/plain"))
        .set("description", [source.kind.label()])
        .build()
}

fn documents(dataset: &Dataset, sources: &[SourceId]) -> Vec<String> {
    sources
        .iter()
        .map(|s| source_id(dataset.source(*s)))
        .collect()
}

/// The quote, then the editors' note where there is one: FtM links have no
/// `notes`, and a `Note` cannot point at a link (its `entity` must be a Thing).
fn description(quote: &str, note: Option<&str>) -> Vec<String> {
    let mut values = vec![quote.to_string()];
    values.extend(note.map(|n| format!("Editors' note: {n}")));
    values
}

/// A claim as an `UnknownLink` from subject to object: who makes it in
/// `publisher`, the documents in `proof`, the quote (and any editors' note)
/// in `description`.
fn claim_link(dataset: &Dataset, claim: &Claim) -> Value {
    let actor = |a: ActorId| actor_id(dataset.actor(a));
    let date = claim.date.map(|d| d.iso());
    Entity::new(claim_id(claim), "UnknownLink")
        .set("subject", [actor(claim.subject)])
        .set("object", [actor(claim.object)])
        // The card's relation line: hedges ("expected", "seen as") kept.
        .set("role", [claim.relation_line()])
        .set("summary", [&claim.summary])
        .set(
            "description",
            description(&claim.quote, claim.note.as_deref()),
        )
        .set("date", date.iter())
        .set("publisher", [dataset.claimant_name(claim.attributed_to)])
        .set("status", [claim.status.id()])
        .set("proof", documents(dataset, &claim.sources))
        .set("recordId", [&claim.id])
        .build()
}

/// A context item as a `Note` on the actors it is about; FtM notes have no
/// date property, so the date (when the document gives one) goes in `notes`.
fn context_note(dataset: &Dataset, item: &ContextItem) -> Value {
    let about: Vec<String> = item
        .about
        .iter()
        .map(|a| actor_id(dataset.actor(*a)))
        .collect();
    let mut notes = vec![format!("Status: {}", item.status.id())];
    if let Some(date) = item.date {
        notes.push(format!("Date: {}", date.iso()));
    }
    if let Some(note) = &item.note {
        notes.push(format!("Editors' note: {note}"));
    }
    Entity::new(context_id(item), "Note")
        .set("entity", about)
        .set("summary", [&item.summary])
        .set("description", [&item.quote])
        .set("publisher", [dataset.claimant_name(item.attributed_to)])
        .set("notes", notes)
        .set("proof", documents(dataset, &item.sources))
        .build()
}
