//! The standalone page's JSON-LD (`load::jsonld`): valid JSON, only the
//! schema.org names listed in `tests/schema-org/vocabulary.txt` (each on a
//! type it belongs to), one `Claim` per claim and context item, attributed,
//! never a rating, and safe inside a `<script>` element.

mod common;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use common::Builder;
use serde_json::Value;
use who_backs_whom_core::load::jsonld::jsonld;
use who_backs_whom_core::{Dataset, Relation, Stance};

const URL: &str = "https://card.example/who-backs-whom/";

/// schema.org as far as the export uses it: each type's supertype, and the
/// types each property is used on.
struct Vocabulary {
    parent: HashMap<String, String>,
    domains: HashMap<String, Vec<String>>,
}

impl Vocabulary {
    fn load() -> Vocabulary {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/schema-org/vocabulary.txt"
        );
        let text = std::fs::read_to_string(path).expect("tests/schema-org/vocabulary.txt");
        let mut vocabulary = Vocabulary {
            parent: HashMap::new(),
            domains: HashMap::new(),
        };
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let words: Vec<String> = line.split_whitespace().map(String::from).collect();
            match words[0].as_str() {
                "type" => {
                    vocabulary.parent.insert(words[1].clone(), words[2].clone());
                }
                "property" => {
                    vocabulary
                        .domains
                        .insert(words[1].clone(), words[2..].to_vec());
                }
                other => panic!("vocabulary.txt: unknown line kind {other}"),
            }
        }
        vocabulary
    }

    fn is_a(&self, kind: &str, ancestor: &str) -> bool {
        let mut current = kind;
        loop {
            if current == ancestor {
                return true;
            }
            match self.parent.get(current) {
                Some(parent) if parent != current => current = parent,
                _ => return false,
            }
        }
    }

    /// Problems of one node and everything nested in it.
    fn check(&self, node: &Value, problems: &mut Vec<String>) {
        match node {
            Value::Array(items) => items.iter().for_each(|i| self.check(i, problems)),
            Value::Object(map) => {
                if let Some(kind) = map.get("@type").and_then(Value::as_str) {
                    self.check_node(kind, map, problems);
                }
                map.values().for_each(|v| self.check(v, problems));
            }
            _ => {}
        }
    }

    fn check_node(
        &self,
        kind: &str,
        map: &serde_json::Map<String, Value>,
        problems: &mut Vec<String>,
    ) {
        if !self.parent.contains_key(kind) {
            problems.push(format!("unknown type {kind}"));
        }
        for key in map.keys().filter(|k| !k.starts_with('@')) {
            match self.domains.get(key) {
                None => problems.push(format!("unknown property {key} on {kind}")),
                Some(domains) if !domains.iter().any(|d| self.is_a(kind, d)) => {
                    problems.push(format!("{key} is not used on {kind}"))
                }
                _ => {}
            }
        }
    }
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the JSON-LD is JSON")
}

fn graph(document: &Value) -> &Vec<Value> {
    document["@graph"].as_array().expect("an @graph")
}

fn nodes_of<'a>(document: &'a Value, kind: &str) -> Vec<&'a Value> {
    graph(document)
        .iter()
        .filter(|n| n["@type"] == kind)
        .collect()
}

#[test]
fn uses_only_listed_schema_org_types_and_properties_on_their_types() {
    let vocabulary = Vocabulary::load();
    let document = parse(&jsonld(&common::shipped().dataset, URL));
    assert_eq!(document["@context"], "https://schema.org");
    let mut problems = Vec::new();
    vocabulary.check(&document, &mut problems);
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn the_vocabulary_check_catches_an_unknown_or_misplaced_name() {
    let vocabulary = Vocabulary::load();
    let mut problems = Vec::new();
    let bad = serde_json::json!([
        { "@type": "ClaimReview", "reviewRating": 1 },
        { "@type": "Person", "appearance": { "@id": "_:x" } },
    ]);
    vocabulary.check(&bad, &mut problems);
    assert_eq!(
        problems,
        [
            "unknown type ClaimReview",
            "unknown property reviewRating on ClaimReview",
            "appearance is not used on Person"
        ]
    );
}

#[test]
fn every_claim_and_context_item_is_one_attributed_claim() {
    let d = common::shipped().dataset;
    let document = parse(&jsonld(&d, URL));
    let claims = nodes_of(&document, "Claim");
    assert_eq!(claims.len(), d.claims.len() + d.context.len());
    let ids: HashSet<&str> = claims
        .iter()
        .map(|c| c["identifier"].as_str().unwrap())
        .collect();
    assert!(d.claims.iter().all(|c| ids.contains(c.id.as_ref())));
    assert!(d.context.iter().all(|c| ids.contains(c.id.as_ref())));
    let declared: HashMap<&str, &Value> = graph(&document)
        .iter()
        .filter_map(|n| Some((n["@id"].as_str()?, n)))
        .collect();
    for claim in &claims {
        let author = declared[claim["author"]["@id"].as_str().expect("an author")];
        assert!(
            author["@type"] == "Person" || author["@type"] == "Organization",
            "{claim}"
        );
        for reference in claim["about"]
            .as_array()
            .unwrap()
            .iter()
            .chain(claim["appearance"].as_array().unwrap())
        {
            assert!(
                declared.contains_key(reference["@id"].as_str().unwrap()),
                "{reference} in {claim}"
            );
        }
    }
}

#[test]
fn a_claim_is_its_claimants_words_in_its_document() {
    let d = common::shipped().dataset;
    let document = parse(&jsonld(&d, URL));
    let claim = nodes_of(&document, "Claim")
        .into_iter()
        .find(|c| c["identifier"] == "dmd-condemns-lukashenko-assisting-junta")
        .expect("the worked example is there");
    assert_eq!(claim["author"]["@id"], "_:actor-naw-aung");
    assert_eq!(
        claim["text"],
        "We condemn Lukashenko for assisting the criminal junta."
    );
    assert_eq!(claim["appearance"][0]["@id"], "_:source-dmd-2025-03-14");
    assert_eq!(claim["datePublished"], "2025-03-14");
    let about: Vec<&str> = claim["about"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["@id"].as_str().unwrap())
        .collect();
    assert_eq!(
        about,
        [
            "_:actor-defend-myanmar-democracy",
            "_:actor-alexander-lukashenko"
        ]
    );
    let naw_aung = nodes_of(&document, "Person")
        .into_iter()
        .find(|p| p["@id"] == "_:actor-naw-aung")
        .unwrap();
    assert_eq!(
        naw_aung["memberOf"]["@id"],
        "_:actor-defend-myanmar-democracy"
    );
}

#[test]
fn the_dataset_node_names_its_downloads_sources_and_date_and_nothing_it_does_not_give() {
    let d = common::shipped().dataset;
    let document = parse(&jsonld(&d, URL));
    let dataset = nodes_of(&document, "Dataset")[0];
    assert_eq!(dataset["name"], d.meta.title.as_ref());
    assert_eq!(dataset["dateModified"], "2025");
    let downloads: Vec<&str> = dataset["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["contentUrl"].as_str().unwrap())
        .collect();
    assert_eq!(
        downloads,
        [format!("{URL}claims.json"), format!("{URL}claims.csv")]
    );
    assert_eq!(
        dataset["isBasedOn"].as_array().unwrap().len(),
        d.sources.len()
    );
    if d.meta.publisher.is_none() {
        assert!(dataset.get("publisher").is_none());
    }
    let report = graph(&document)
        .iter()
        .find(|n| n["@id"] == "_:source-news-report-lukashenko-2025")
        .unwrap();
    assert!(
        report.get("publisher").is_none() && report.get("url").is_none(),
        "{report}"
    );
    assert_eq!(report["datePublished"], "2025");
}

#[test]
fn a_publisher_and_licence_the_dataset_gives_are_named() {
    let mut d = small("A quote.");
    d.meta.publisher = Some(Cow::Borrowed("Example Newsroom"));
    d.meta.license = Some(Cow::Borrowed("CC-BY-4.0"));
    let document = parse(&jsonld(&d, URL));
    let dataset = nodes_of(&document, "Dataset")[0];
    assert_eq!(dataset["publisher"]["name"], "Example Newsroom");
    assert_eq!(dataset["license"], "CC-BY-4.0");
}

#[test]
fn nothing_in_it_can_close_the_script_element() {
    let d = small("He said </script><script>alert(1)</script> & <!-- left -->");
    let text = jsonld(&d, URL);
    assert!(!text.contains('<') && !text.contains('>'), "{text}");
    assert!(text.contains(r"\u003c/script\u003e"));
    let document = parse(&text);
    let claim = &nodes_of(&document, "Claim")[0]["text"];
    assert_eq!(
        claim, "He said </script><script>alert(1)</script> & <!-- left -->",
        "same text once parsed"
    );
}

#[test]
fn no_claim_is_stated_as_a_fact_between_actors() {
    let document = parse(&jsonld(&common::shipped().dataset, URL));
    for node in graph(&document) {
        if node["@type"] == "Person" || node["@type"] == "Organization" {
            let keys: HashSet<&str> = node
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let allowed = HashSet::from([
                "@type",
                "@id",
                "name",
                "description",
                "alternateName",
                "memberOf",
            ]);
            assert!(
                keys.is_subset(&allowed),
                "an actor asserts more than its identity: {node}"
            );
        }
    }
    let text = document.to_string();
    assert!(!text.contains("ClaimReview") && !text.contains("reviewRating"));
}

fn small(quote: &str) -> Dataset {
    let mut b = Builder::new();
    let a = b.actor("a", "Actor A");
    let c = b.actor("c", "Actor C");
    b.claim_full(a, Relation::GeneralBacking, Stance::Backs, c, None, quote);
    b.build(a)
}

#[test]
fn a_large_dataset_puts_at_most_max_claims_in_the_page_and_only_the_actors_they_name() {
    let mut b = Builder::new();
    let actors: Vec<_> = (0..400)
        .map(|i| b.actor(&format!("a{i}"), &format!("Actor {i}")))
        .collect();
    for i in 0..(who_backs_whom_core::load::jsonld::MAX_CLAIMS + 50) {
        b.claim(actors[i % 100], Stance::Backs, actors[(i + 1) % 100], None);
    }
    let mut d = b.build(actors[0]);
    // A source no claim in the page cites gets no node either.
    let mut uncited = d.sources[0].clone();
    uncited.title = "A source nothing in the page cites".into();
    d.sources.to_mut().push(uncited);
    let document = parse(&jsonld(&d, "https://card.example/"));
    assert_eq!(
        nodes_of(&document, "Claim").len(),
        who_backs_whom_core::load::jsonld::MAX_CLAIMS
    );
    assert!(document.to_string().contains("A test source"));
    assert!(!document.to_string().contains("nothing in the page cites"));
    // The dataset is based on the documents that have a node, and only those.
    let based_on = nodes_of(&document, "Dataset")[0]["isBasedOn"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(based_on, nodes_of(&document, "CreativeWork").len());
    // Actors 100..400 are in no claim: no node for them.
    let named = nodes_of(&document, "Organization").len() + nodes_of(&document, "Person").len();
    assert_eq!(named, 100);
    // The downloads still name where all of them are.
    let dataset = &nodes_of(&document, "Dataset")[0];
    assert!(dataset["distribution"].to_string().contains("claims.json"));
}
