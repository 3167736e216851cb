//! The sources and context of a dataset in parts (`codec.rs`): the index
//! carries only their numbers, each part the sources its claims cite, the
//! sources file all of them; and what a page's static list names of them
//! (`Dataset::static_sources`, `static_context`).

mod common;

use std::borrow::Cow;

use who_backs_whom_core::codec::{decode, decode_part, decode_sources, encode_parts, Split};
use who_backs_whom_core::model::{
    ContextItem, Source, SourceId, MAX_STATIC_CONTEXT, MAX_STATIC_SOURCES,
};
use who_backs_whom_core::{query, ActorId, Dataset, Filter};

const SOURCES: usize = 5000;
const CONTEXT: usize = 70;

/// The shipped dataset with every claim 40 times, `SOURCES` sources (each
/// claim cites two of them, the first varying claim by claim) and `CONTEXT`
/// context items: parts of several sizes that cite different sources.
fn many_sources() -> Dataset {
    let mut d = common::shipped().dataset;
    let base = d.sources[0].clone();
    d.sources = Cow::Owned(
        (0..SOURCES)
            .map(|i| Source {
                id: Cow::Owned(format!("source-{i}")),
                title: Cow::Owned(format!("Document number {i}")),
                publisher: (i % 3 != 0).then(|| Cow::Owned(format!("Publisher {}", i % 11))),
                ..base.clone()
            })
            .collect(),
    );
    let claims: Vec<_> = (0..40)
        .flat_map(|_| d.claims.iter().cloned())
        .enumerate()
        .map(|(i, mut c)| {
            let first = (i * 7) % SOURCES;
            c.id = Cow::Owned(format!("claim-{i}"));
            c.sources = Cow::Owned(vec![
                SourceId(first as u16),
                SourceId(((first + 1 + i % 5) % SOURCES) as u16),
            ]);
            c
        })
        .collect();
    d.claims = Cow::Owned(claims);
    let item = d.context[0].clone();
    let actors = d.actors.len();
    d.context = Cow::Owned(
        (0..CONTEXT)
            .map(|i| ContextItem {
                id: Cow::Owned(format!("context-{i}")),
                about: Cow::Owned(vec![ActorId((i % actors) as u16)]),
                sources: Cow::Owned(vec![SourceId(((i * 13) % SOURCES) as u16)]),
                ..item.clone()
            })
            .collect(),
    );
    d.translations = Cow::Owned(Vec::new());
    d.stories = Cow::Owned(Vec::new());
    d
}

fn file<'a>(split: &'a Split, name: &str) -> &'a str {
    &split
        .parts
        .iter()
        .find(|(n, _)| n == name)
        .expect("a file of the split")
        .1
}

#[test]
fn the_index_has_no_source_and_each_part_only_those_its_claims_cite() {
    let full = many_sources();
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    assert_eq!(index.sources.len(), SOURCES);
    assert!((0..SOURCES).all(|s| !index.has_source(SourceId(s as u16))));
    assert!(index.context.is_empty());
    assert_eq!(index.context_count(), CONTEXT);
    assert!(!split.index.contains("Document number"));
    // The claimants travel as runs of actors, and read back the same.
    assert_eq!(index.claimants(), full.claimants());
    let n = split.index.lines().find(|l| l.starts_with("N\t")).unwrap();
    let runs = n.split('\t').nth(5).unwrap();
    assert!(
        runs.contains('-') && runs.len() < 2 * full.claimants().len(),
        "{runs}"
    );
    let (_, parts) = split.parts.split_last().unwrap();
    assert!(parts.len() > 2, "{} parts", parts.len());
    for (_, text) in parts {
        let mut cited: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("P\t"))
            .flat_map(|l| l.split('\t').nth(11).unwrap().split(';'))
            .collect();
        cited.sort_unstable_by_key(|s| s.parse::<usize>().unwrap());
        cited.dedup();
        let carried: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("S\t"))
            .map(|l| l.split('\t').nth(1).unwrap())
            .collect();
        assert_eq!(
            carried, cited,
            "a part carries exactly the sources it cites"
        );
        assert!(carried.len() < SOURCES);
    }
}

#[test]
fn index_and_every_part_and_the_sources_file_are_the_whole_dataset() {
    let full = many_sources();
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    let sources = index.missing_sources().unwrap().to_string();
    let actors: Vec<ActorId> = full.actor_ids().collect();
    // The sources file first, last, or half way: the same dataset.
    for when in [0, actors.len() / 2, actors.len()] {
        let mut d = index.clone();
        for (i, &actor) in actors.iter().enumerate() {
            if i == when {
                d = decode_sources(&d, file(&split, &sources)).unwrap();
            }
            if let Some(part) = d.missing_part(actor) {
                d = decode_part(&d, actor, file(&split, part)).unwrap();
                common::assert_claims_have_their_sources(&d, &full);
                // Every query about an actor whose part is in answers as
                // over the whole dataset.
                let ids = |d: &Dataset| -> Vec<String> {
                    query::claims_involving(d, actor, &Filter::default())
                        .iter()
                        .map(|&c| d.claims[c].id.to_string())
                        .collect()
                };
                assert_eq!(ids(&d), ids(&full));
            }
        }
        if when == actors.len() {
            d = decode_sources(&d, file(&split, &sources)).unwrap();
        }
        assert_eq!(d.claims, full.claims);
        assert_eq!(d.sources, full.sources);
        assert_eq!(d.context, full.context);
        assert_eq!(d.claims_per_source(), full.claims_per_source());
        assert_eq!(d.missing_sources(), None);
        assert!((0..SOURCES).all(|s| d.has_source(SourceId(s as u16))));
    }
}

#[test]
fn a_part_loaded_alone_brings_only_the_sources_its_claims_cite() {
    let full = many_sources();
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    let focus = full.meta.focus;
    let one = decode_part(
        &index,
        focus,
        file(&split, index.missing_part(focus).unwrap()),
    )
    .unwrap();
    common::assert_claims_have_their_sources(&one, &full);
    let loaded = (0..SOURCES)
        .filter(|&s| one.has_source(SourceId(s as u16)))
        .count();
    let cited: std::collections::BTreeSet<u16> = one
        .claims
        .iter()
        .flat_map(|c| c.sources.iter().map(|s| s.0))
        .collect();
    assert_eq!(loaded, cited.len());
    // A source not loaded is a blank stand-in: nothing shows it.
    let missing = (0..SOURCES as u16).find(|s| !cited.contains(s)).unwrap();
    assert!(one.source(SourceId(missing)).title.is_empty());
}

#[test]
fn the_static_list_names_every_source_and_item_of_a_small_dataset() {
    let d = common::shipped().dataset;
    assert!(d.sources.len() <= MAX_STATIC_SOURCES && d.context.len() <= MAX_STATIC_CONTEXT);
    let claims = query::claims_involving(&d, d.meta.focus, &Filter::default());
    assert_eq!(d.static_sources(&claims[..1]).len(), d.sources.len());
    assert_eq!(
        d.static_context(d.meta.focus),
        (0..d.context.len()).collect::<Vec<_>>()
    );
}

#[test]
fn the_static_list_of_a_large_dataset_names_the_sources_of_its_claims_and_the_first_items() {
    let d = many_sources();
    let focus = d.meta.focus;
    let claims = query::claims_involving(&d, focus, &Filter::default());
    let shown = &claims[..10];
    let sources = d.static_sources(shown);
    let mut cited: Vec<SourceId> = shown
        .iter()
        .flat_map(|&c| d.claims[c].sources.iter().copied())
        .collect();
    cited.sort_unstable();
    cited.dedup();
    assert_eq!(
        sources, cited,
        "the shown claims' sources, in dataset order"
    );
    let items = d.static_context(focus);
    assert_eq!(items.len(), MAX_STATIC_CONTEXT);
    assert!(items.windows(2).all(|w| w[0] < w[1]));
    // Those about the focus first: every item about it fits here.
    let about: Vec<usize> = (0..CONTEXT)
        .filter(|&i| d.context[i].about.contains(&focus))
        .collect();
    assert!(!about.is_empty() && about.len() < MAX_STATIC_CONTEXT);
    assert!(about.iter().all(|i| items.contains(i)));
    // An actor with more items about it than fit gets only those.
    let mut crowded = d.clone();
    for item in crowded
        .context
        .to_mut()
        .iter_mut()
        .take(MAX_STATIC_CONTEXT + 5)
    {
        item.about = Cow::Owned(vec![focus]);
    }
    assert_eq!(
        crowded.static_context(focus),
        (0..MAX_STATIC_CONTEXT).collect::<Vec<_>>()
    );
}
