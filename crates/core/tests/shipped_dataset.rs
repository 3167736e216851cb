//! Invariants of the dataset the card ships with (`data/dataset.toml`), beyond
//! what the validator checks: the editorial rules of `data/README.md`.
//!
//! Rules the validator enforces (the summary names its claimant, `stated`
//! only from who speaks for the subject, quotes, dates, …) are not copied
//! here: the shipped dataset must load with no diagnostic, and each rule has
//! bad fixtures that break it (`tests/validation.rs`).

mod common;

use common::actor;
use who_backs_whom_core::load;
use who_backs_whom_core::query;
use who_backs_whom_core::{Dataset, Status};

fn dataset() -> Dataset {
    common::shipped().dataset
}

#[test]
fn loads_with_no_diagnostics() {
    let path = common::shipped_path();
    if let Err(diagnostics) = load::load(&path) {
        let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!("data/dataset.toml has problems:\n{}", all.join("\n"));
    }
}

#[test]
fn reads_both_documents_next_to_the_dataset() {
    let loaded = common::shipped();
    assert_eq!(loaded.files.len(), 1 + loaded.dataset.sources.len());
    assert!(loaded.source_texts.iter().all(|t| !t.trim().is_empty()));
}

#[test]
fn focus_is_the_junta() {
    let d = dataset();
    assert_eq!(d.actor(d.meta.focus).id, "myanmar-junta");
}

#[test]
fn no_source_has_a_url() {
    let d = dataset();
    for source in d.sources.iter() {
        assert_eq!(
            source.url, None,
            "{} has a url the documents do not give",
            source.id
        );
    }
}

#[test]
fn no_publisher_is_invented_for_an_untitled_document() {
    let d = dataset();
    let supplied: Vec<_> = d.sources.iter().filter(|s| s.title_supplied).collect();
    assert!(
        !supplied.is_empty(),
        "the news report's title is supplied by the editors"
    );
    for source in supplied {
        assert_eq!(
            source.publisher, None,
            "{} names a publisher the document does not",
            source.id
        );
        assert!(source.display_title().starts_with('['));
    }
}

#[test]
fn the_news_report_is_dated_to_the_year_only_and_has_no_publisher() {
    let d = dataset();
    let news = d
        .sources
        .iter()
        .find(|s| s.id == "news-report-lukashenko-2025")
        .expect("the news report");
    assert_eq!(news.date.map(|x| x.iso()).as_deref(), Some("2025"));
    assert_eq!(news.publisher, None);
    assert!(news.title_supplied);
}

#[test]
fn belarus_russia_and_china_back_the_junta() {
    let d = dataset();
    let backers: Vec<_> = query::backers_of(&d, actor(&d, "myanmar-junta"))
        .iter()
        .map(|t| t.actor)
        .collect();
    for id in ["belarus", "russia", "china"] {
        assert!(
            backers.contains(&actor(&d, id)),
            "{id} should be among the junta's backers"
        );
    }
}

#[test]
fn junta_propaganda_media_claims_are_never_stated() {
    let d = dataset();
    let media = actor(&d, "junta-propaganda-media");
    let claims = query::claims_attributed_to(&d, media);
    assert!(!claims.is_empty());
    for c in claims {
        assert_ne!(d.claims[c].status, Status::Stated, "{}", d.claims[c].id);
    }
}

#[test]
fn justice_for_myanmar_claims_are_alleged() {
    let d = dataset();
    let claims = query::claims_attributed_to(&d, actor(&d, "justice-for-myanmar"));
    assert!(!claims.is_empty());
    for c in claims {
        assert_eq!(d.claims[c].status, Status::Alleged, "{}", d.claims[c].id);
    }
}

#[test]
fn every_actor_is_referenced_somewhere() {
    let d = dataset();
    for a in d.actor_ids() {
        let used = d
            .claims
            .iter()
            .any(|c| c.subject == a || c.object == a || c.attributed_to == a)
            || d.context
                .iter()
                .any(|c| c.about.contains(&a) || c.attributed_to == a)
            || d.actors
                .iter()
                .any(|x| x.leads == Some(a) || x.member_of == Some(a))
            || d.meta.focus == a;
        assert!(
            used,
            "{} is in no claim, context item or relation",
            d.actor(a).id
        );
    }
}

#[test]
fn every_source_is_cited() {
    let d = dataset();
    for (source, count) in d.sources.iter().zip(d.claims_per_source()) {
        assert!(count > 0, "{} is cited by no claim", source.id);
    }
}

#[test]
fn as_of_is_the_latest_source_date() {
    let d = dataset();
    let latest = d
        .sources
        .iter()
        .filter_map(|s| s.date)
        .max()
        .expect("dated sources");
    assert!(!latest.is_after(d.meta.as_of) && !d.meta.as_of.is_after(latest));
    assert_eq!(d.meta.as_of.iso(), "2025");
}

#[test]
fn the_filter_offers_exactly_the_relations_the_claims_use_in_vocabulary_order() {
    use who_backs_whom_core::Relation;
    // The shipped data uses every relation; the two-claim fixture does not,
    // so the check can tell a missing relation from an extra one.
    let fixture = common::valid().dataset;
    assert!(fixture.relations_used().len() < Relation::ALL.len());
    for d in [dataset(), fixture] {
        let used = d.relations_used();
        for relation in Relation::ALL {
            let in_claims = d.claims.iter().any(|c| c.relation == *relation);
            assert_eq!(used.contains(relation), in_claims, "{relation:?}");
        }
        let positions: Vec<usize> = used
            .iter()
            .map(|r| Relation::ALL.iter().position(|x| x == r).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{used:?}");
    }
}
