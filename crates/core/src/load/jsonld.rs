//! The standalone page's JSON-LD: the dataset as a schema.org `Dataset`,
//! and every claim (and context item) as a schema.org `Claim` made by its
//! claimant in its source documents.
//!
//! It never states a claim as a fact: there is no `ClaimReview`, no rating,
//! and no property between two actors; who backs whom appears only as the
//! claim's text (the verbatim quote) and its reported-speech description.
//! Nodes refer to each other by blank-node ids (`_:actor-<id>`, …), so no
//! address is made up. The output is safe inside
//! `<script type="application/ld+json">`: `<`, `>` and `&` are `\u` escapes.

use serde_json::{json, Map, Value};

use crate::model::{Actor, ActorId, Dataset, Source, SourceId};
use crate::vocab::ActorKind;
use crate::PartialDate;

/// At most this many claims (and context items) go into the page's JSON-LD:
/// a page must not carry a large dataset twice; the rest are in the
/// `distribution` downloads, which the `Dataset` node names.
pub const MAX_CLAIMS: usize = 200;

/// The JSON-LD for the card's page at `public_url` (its directory, where
/// `claims.json` and `claims.csv` are published).
pub fn jsonld(dataset: &Dataset, public_url: &str) -> String {
    let dataset = &limited(dataset);
    let base = format!("{}/", public_url.trim_end_matches('/'));
    let cited = cited_sources(dataset);
    let mut graph = vec![dataset_node(dataset, &base, &cited)];
    let named = named_actors(dataset);
    graph.extend(
        dataset
            .actors
            .iter()
            .enumerate()
            .filter(|(i, _)| named[*i])
            .map(|(_, a)| actor_node(dataset, a)),
    );
    graph.extend(
        dataset
            .sources
            .iter()
            .enumerate()
            .filter(|(i, _)| cited[*i])
            .map(|(_, s)| source_node(s)),
    );
    graph.extend(claim_nodes(dataset));
    let document = json!({ "@context": "https://schema.org", "@graph": graph });
    script_safe(&serde_json::to_string_pretty(&document).expect("JSON values always serialise"))
}

/// `dataset` with at most [`MAX_CLAIMS`] claims and context items, in order.
fn limited(dataset: &Dataset) -> Dataset {
    let mut d = dataset.clone();
    let claims = d.claims.len().min(MAX_CLAIMS);
    d.claims.to_mut().truncate(claims);
    d.context.to_mut().truncate(MAX_CLAIMS - claims);
    d
}

/// The sources the graph's claims and context items cite (at 100,000
/// claims, 200 claims cite a few hundred of 5,000 sources: the page had
/// carried all of them, 2 MB).
fn cited_sources(dataset: &Dataset) -> Vec<bool> {
    let mut cited = vec![false; dataset.sources.len()];
    let claims = dataset.claims.iter().map(|c| &c.sources);
    let context = dataset.context.iter().map(|x| &x.sources);
    for source in claims.chain(context).flat_map(|s| s.iter()) {
        cited[usize::from(source.0)] = true;
    }
    cited
}

/// The actors a node of the graph refers to: claimants, what claims are
/// about, and the bodies claimants belong to.
fn named_actors(dataset: &Dataset) -> Vec<bool> {
    let mut named = vec![false; dataset.actors.len()];
    let mut referred: Vec<ActorId> = Vec::new();
    for c in dataset.claims.iter() {
        referred.extend([c.subject, c.object, c.attributed_to]);
    }
    for x in dataset.context.iter() {
        referred.extend(x.about.iter().copied());
        referred.push(x.attributed_to);
    }
    let members: Vec<ActorId> = referred
        .iter()
        .filter_map(|a| dataset.actor(*a).member_of)
        .collect();
    for a in referred.into_iter().chain(members) {
        named[usize::from(a.0)] = true;
    }
    named
}

/// The `Dataset` node: what the dataset names about itself, its downloads,
/// the documents it is based on (those the page's claims cite: each has its
/// node) and its claims.
fn dataset_node(dataset: &Dataset, base: &str, cited: &[bool]) -> Value {
    let meta = &dataset.meta;
    let download = |file: &str, format: &str| {
        json!({ "@type": "DataDownload", "name": file, "encodingFormat": format,
                "contentUrl": format!("{base}{file}") })
    };
    let claims = dataset.claims.iter().map(|c| c.id.as_ref());
    let context = dataset.context.iter().map(|c| c.id.as_ref());
    let mut node = object(json!({
        "@type": "Dataset",
        "@id": "_:dataset",
        "name": meta.title,
        "description": meta.description,
        "version": meta.version,
        "dateModified": meta.as_of.iso(),
        "url": base,
        "distribution": [download("claims.json", "application/json"), download("claims.csv", "text/csv")],
        "isBasedOn": dataset.sources.iter().zip(cited).filter(|(_, c)| **c)
            .map(|(s, _)| reference("source", &s.id)).collect::<Vec<_>>(),
        "hasPart": claims.chain(context).map(|id| reference("claim", id)).collect::<Vec<_>>(),
    }));
    // Only what the dataset says about itself; absent fields stay absent.
    if let Some(publisher) = &meta.publisher {
        node.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": publisher }),
        );
    }
    if let Some(license) = &meta.license {
        node.insert("license".into(), json!(license));
    }
    Value::Object(node)
}

/// An actor as a `Person` or, for every other kind, an `Organization`
/// (states, governments, armed forces, media and groups alike: schema.org's
/// `author` takes only these two).
fn actor_node(dataset: &Dataset, actor: &Actor) -> Value {
    let kind = match actor.kind {
        ActorKind::Person => "Person",
        _ => "Organization",
    };
    let mut node = object(json!({
        "@type": kind,
        "@id": format!("_:actor-{}", actor.id),
        "name": actor.name,
        "description": actor.description,
    }));
    if !actor.aliases.is_empty() {
        node.insert("alternateName".into(), json!(actor.aliases));
    }
    if let Some(body) = actor.member_of {
        node.insert(
            "memberOf".into(),
            reference("actor", &dataset.actor(body).id),
        );
    }
    Value::Object(node)
}

/// A source document as a `CreativeWork`, with only what it gives: its
/// title (in [brackets] when the editors supplied it), publisher, date, URL.
fn source_node(source: &Source) -> Value {
    let mut node = object(json!({
        "@type": "CreativeWork",
        "@id": format!("_:source-{}", source.id),
        "name": source.display_title(),
    }));
    if let Some(publisher) = &source.publisher {
        node.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": publisher }),
        );
    }
    if let Some(date) = source.date {
        node.insert("datePublished".into(), json!(date.iso()));
    }
    if let Some(url) = &source.url {
        node.insert("url".into(), json!(url));
    }
    Value::Object(node)
}

/// What a claim and a context item share, borrowed from either.
struct Attributed<'a> {
    id: &'a str,
    about: Vec<ActorId>,
    date: Option<PartialDate>,
    summary: &'a str,
    claimant: ActorId,
    sources: &'a [SourceId],
    quote: &'a str,
}

fn claim_nodes(dataset: &Dataset) -> Vec<Value> {
    let claims = dataset.claims.iter().map(|c| Attributed {
        id: &c.id,
        about: vec![c.subject, c.object],
        date: c.date,
        summary: &c.summary,
        claimant: c.attributed_to,
        sources: &c.sources,
        quote: &c.quote,
    });
    let context = dataset.context.iter().map(|c| Attributed {
        id: &c.id,
        about: c.about.to_vec(),
        date: c.date,
        summary: &c.summary,
        claimant: c.attributed_to,
        sources: &c.sources,
        quote: &c.quote,
    });
    claims
        .chain(context)
        .map(|c| claim_node(dataset, &c))
        .collect()
}

/// One `Claim`: its claimant as `author`, its documents as `appearance`,
/// published when its first document was (where known); the event's own
/// date, when the document gives one, as `temporalCoverage`.
fn claim_node(dataset: &Dataset, claim: &Attributed) -> Value {
    let actor = |a: &ActorId| reference("actor", &dataset.actor(*a).id);
    let mut node = object(json!({
        "@type": "Claim",
        "@id": format!("_:claim-{}", claim.id),
        "identifier": claim.id,
        "author": actor(&claim.claimant),
        "text": claim.quote,
        "description": claim.summary,
        "about": claim.about.iter().map(actor).collect::<Vec<_>>(),
        "appearance": claim.sources.iter()
            .map(|s| reference("source", &dataset.source(*s).id))
            .collect::<Vec<_>>(),
    }));
    let first = claim.sources.first().map(|s| dataset.source(*s));
    if let Some(date) = first.and_then(|s| s.date) {
        node.insert("datePublished".into(), json!(date.iso()));
    }
    if let Some(date) = claim.date {
        node.insert("temporalCoverage".into(), json!(date.iso()));
    }
    Value::Object(node)
}

fn reference(kind: &str, id: &str) -> Value {
    json!({ "@id": format!("_:{kind}-{id}") })
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("json!({{…}}) is an object"),
    }
}

/// JSON that cannot end its `<script>` element or open a comment in it:
/// the characters can only occur inside strings, where `\u` escapes mean the same.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
