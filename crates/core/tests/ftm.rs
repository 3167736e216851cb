//! The FollowTheMoney export (`load::ftm`): shape, ids, references and
//! attribution, natively. The test `shipped_export_is_written_for_the_ftm_validator`
//! also writes the shipped dataset's export to
//! `$CARGO_TARGET_TMPDIR/shipped.ftm.json` (or `$WBW_FTM_OUT`), which
//! `tests/ftm/validate.py` then checks with the `followthemoney` package.

mod common;

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use who_backs_whom_core::load::ftm;
use who_backs_whom_core::load::Loaded;

fn entities(loaded: &Loaded) -> Vec<Value> {
    let text = ftm::to_ftm(&loaded.dataset, &loaded.source_texts);
    assert!(text.ends_with('\n'), "one entity per line, each ended");
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn by_id(entities: &[Value]) -> HashMap<&str, &Value> {
    entities
        .iter()
        .map(|e| (e["id"].as_str().expect("id is a string"), e))
        .collect()
}

fn values<'a>(entity: &'a Value, property: &str) -> Vec<&'a str> {
    entity["properties"][property]
        .as_array()
        .map(|list| list.iter().map(|v| v.as_str().expect("a string")).collect())
        .unwrap_or_default()
}

#[test]
fn every_line_is_an_entity_with_lists_of_strings_and_a_unique_id() {
    let all = entities(&common::shipped());
    let mut seen = HashSet::new();
    for entity in &all {
        let object = entity.as_object().expect("an object");
        let keys: HashSet<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            HashSet::from(["id", "schema", "properties"]),
            "{entity}"
        );
        assert!(
            seen.insert(entity["id"].as_str().unwrap()),
            "duplicate id: {entity}"
        );
        for (name, list) in entity["properties"].as_object().unwrap() {
            let list = list
                .as_array()
                .unwrap_or_else(|| panic!("{name} is not a list"));
            assert!(!list.is_empty(), "{name} is an empty list in {entity}");
            assert!(list.iter().all(Value::is_string), "{name}: {entity}");
        }
    }
}

#[test]
fn actors_sources_claims_and_context_each_have_their_entity() {
    let loaded = common::shipped();
    let d = &loaded.dataset;
    let all = entities(&loaded);
    let index = by_id(&all);
    for actor in d.actors.iter() {
        let entity = index[ftm::actor_id(actor).as_str()];
        assert_eq!(
            entity["schema"],
            ftm::schema_for(actor.kind),
            "{}",
            actor.id
        );
        assert_eq!(values(entity, "name"), [actor.name.as_ref()]);
    }
    for (source, text) in d.sources.iter().zip(&loaded.source_texts) {
        let entity = index[ftm::source_id(source).as_str()];
        assert_eq!(entity["schema"], "Document");
        assert_eq!(values(entity, "bodyText"), [text.as_str()]);
        assert_eq!(values(entity, "title"), [source.display_title()]);
        let publisher: Vec<&str> = source.publisher.iter().map(|p| p.as_ref()).collect();
        assert_eq!(
            values(entity, "publisher"),
            publisher,
            "only a publisher the document names"
        );
    }
    let links = all
        .iter()
        .filter(|e| !values(e, "recordId").is_empty())
        .count();
    assert_eq!(links, d.claims.len(), "one link per claim");
    for item in d.context.iter() {
        assert_eq!(index[ftm::context_id(item).as_str()]["schema"], "Note");
    }
}

#[test]
fn a_claim_keeps_who_makes_it_its_document_and_its_words() {
    let loaded = common::shipped();
    let d = &loaded.dataset;
    let all = entities(&loaded);
    let index = by_id(&all);
    let claim = &d.claims[common::claim(d, "dmd-condemns-lukashenko-assisting-junta")];
    let link = index[ftm::claim_id(claim).as_str()];
    assert_eq!(link["schema"], "UnknownLink");
    assert_eq!(
        values(link, "subject"),
        ["wbw-actor-defend-myanmar-democracy"]
    );
    assert_eq!(values(link, "object"), ["wbw-actor-alexander-lukashenko"]);
    assert_eq!(
        values(link, "publisher"),
        ["Naw Aung (Defend Myanmar Democracy)"]
    );
    assert_eq!(values(link, "proof"), ["wbw-source-dmd-2025-03-14"]);
    assert_eq!(
        values(link, "description"),
        [claim.quote.as_ref()],
        "no note on this one"
    );
    assert_eq!(values(link, "summary"), [claim.summary.as_ref()]);
    assert_eq!(values(link, "date"), ["2025-03-14"]);
    assert_eq!(values(link, "status"), ["stated"]);
    assert_eq!(values(link, "role"), ["Condemnation (opposes)"]);
}

#[test]
fn an_editors_note_follows_the_quote_on_its_link() {
    let loaded = common::shipped();
    let d = &loaded.dataset;
    let all = entities(&loaded);
    let index = by_id(&all);
    let claim = d
        .claims
        .iter()
        .find(|c| c.note.is_some())
        .expect("the shipped dataset has notes");
    let note = format!("Editors' note: {}", claim.note.as_ref().unwrap());
    let link = index[ftm::claim_id(claim).as_str()];
    assert_eq!(
        values(link, "description"),
        [claim.quote.as_ref(), note.as_str()]
    );
}

#[test]
fn an_undated_claim_has_no_date_and_an_unnamed_publisher_stays_unnamed() {
    let loaded = common::shipped();
    let d = &loaded.dataset;
    let all = entities(&loaded);
    let index = by_id(&all);
    let undated = d.claims.iter().find(|c| c.date.is_none());
    if let Some(claim) = undated {
        assert!(values(index[ftm::claim_id(claim).as_str()], "date").is_empty());
    }
    let report = index["wbw-source-news-report-lukashenko-2025"];
    assert!(values(report, "publisher").is_empty(), "{report}");
    assert_eq!(
        values(report, "date"),
        ["2025"],
        "the year only, as the document gives it"
    );
}

#[test]
fn every_entity_reference_resolves() {
    let all = entities(&common::shipped());
    let index = by_id(&all);
    let references = [
        "subject",
        "object",
        "proof",
        "entity",
        "member",
        "organization",
    ];
    let mut checked = 0;
    for entity in &all {
        for property in references {
            for target in values(entity, property) {
                assert!(
                    index.contains_key(target),
                    "{property} → {target} in {entity}"
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked > 100,
        "the references were actually checked ({checked})"
    );
}

#[test]
fn leads_and_member_of_become_links_from_the_person() {
    let all = entities(&common::shipped());
    let index = by_id(&all);
    let member = index["wbw-member-of-naw-aung"];
    assert_eq!(member["schema"], "Membership", "DMD is an Organization");
    assert_eq!(values(member, "member"), ["wbw-actor-naw-aung"]);
    assert_eq!(
        values(member, "organization"),
        ["wbw-actor-defend-myanmar-democracy"]
    );
    let leads = index["wbw-leads-alexander-lukashenko"];
    assert_eq!(
        leads["schema"], "UnknownLink",
        "a state is a LegalEntity, not an Organization"
    );
    assert_eq!(values(leads, "object"), ["wbw-actor-belarus"]);
}

#[test]
fn ids_are_stable_across_exports() {
    let loaded = common::shipped();
    let first = ftm::to_ftm(&loaded.dataset, &loaded.source_texts);
    let again = common::shipped();
    assert_eq!(first, ftm::to_ftm(&again.dataset, &again.source_texts));
    assert!(first.contains(r#""id":"wbw-actor-myanmar-junta""#));
}

/// Writes the shipped export for `tests/ftm/validate.py` (see tests/ftm/README.md).
#[test]
fn shipped_export_is_written_for_the_ftm_validator() {
    let loaded = common::shipped();
    let path = std::env::var_os("WBW_FTM_OUT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("shipped.ftm.json")
        });
    let text = ftm::to_ftm(&loaded.dataset, &loaded.source_texts);
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
