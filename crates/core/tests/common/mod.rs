//! Helpers shared by the integration tests: fixture paths, loading, and a
//! small builder for datasets made in code.

#![allow(dead_code)]

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use who_backs_whom_core::load::{self, Loaded};
use who_backs_whom_core::{
    Actor, ActorId, ActorKind, Claim, Dataset, Meta, PartialDate, Relation, Source, SourceId,
    SourceKind, Stance, Status,
};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn shipped_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/dataset.toml")
}

fn load_ok(path: &Path) -> Loaded {
    match load::load(path) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            panic!("{} should load, but:\n{}", path.display(), all.join("\n"))
        }
    }
}

/// The small valid fixture (`tests/fixtures/valid/dataset.toml`).
pub fn valid() -> Loaded {
    load_ok(&fixtures().join("valid/dataset.toml"))
}

/// The valid fixture after `edits` (each `from` must occur once); panics
/// with the diagnostics when it does not load.
pub fn valid_edited(edits: &[(&str, &str)]) -> Loaded {
    let dir = fixtures().join("valid");
    let mut text = std::fs::read_to_string(dir.join("dataset.toml")).expect("fixture exists");
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "`{from}` should occur once");
        text = text.replacen(from, to, 1);
    }
    let loaded = load::load_str(&dir.join("edited.toml"), &text, |relative| {
        std::fs::read_to_string(dir.join(relative)).map_err(|e| e.to_string())
    });
    loaded.unwrap_or_else(|diagnostics| {
        let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!("the edited fixture should load, but:\n{}", all.join("\n"))
    })
}

/// The dataset the card ships with (`data/dataset.toml`).
pub fn shipped() -> Loaded {
    load_ok(&shipped_path())
}

/// The actor with this id; panics with the id when there is none.
pub fn actor(dataset: &Dataset, id: &str) -> ActorId {
    dataset
        .actor_by_id(id)
        .unwrap_or_else(|| panic!("no actor `{id}` in the dataset"))
}

/// The index of the claim with this id.
pub fn claim(dataset: &Dataset, id: &str) -> usize {
    dataset
        .claims
        .iter()
        .position(|c| c.id == id)
        .unwrap_or_else(|| panic!("no claim `{id}` in the dataset"))
}

/// The ids of claims given by index, for readable assertions.
pub fn claim_ids(dataset: &Dataset, indices: &[usize]) -> Vec<String> {
    indices
        .iter()
        .map(|&i| dataset.claims[i].id.to_string())
        .collect()
}

/// Builds a dataset in code (`Cow::Owned`), with one source and no context.
/// Every claim is attributed to its subject and `stated`, since the queries
/// and the layout do not look at attribution.
pub struct Builder {
    actors: Vec<Actor>,
    claims: Vec<Claim>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            actors: Vec::new(),
            claims: Vec::new(),
        }
    }

    pub fn actor(&mut self, id: &str, name: &str) -> ActorId {
        self.actors.push(Actor {
            id: Cow::Owned(id.to_string()),
            name: Cow::Owned(name.to_string()),
            kind: ActorKind::State,
            description: Cow::Borrowed("built in a test"),
            aliases: Cow::Owned(Vec::new()),
            leads: None,
            member_of: None,
        });
        ActorId(self.actors.len() as u16 - 1)
    }

    /// Adds a claim and returns its index.
    pub fn claim(
        &mut self,
        subject: ActorId,
        stance: Stance,
        object: ActorId,
        date: Option<&str>,
    ) -> usize {
        let relation = match stance {
            Stance::Backs => Relation::GeneralBacking,
            Stance::Opposes => Relation::Criticism,
            Stance::Neutral => Relation::DiplomaticVisit,
        };
        self.claim_full(subject, relation, stance, object, date, "A quote.")
    }

    pub fn claim_full(
        &mut self,
        subject: ActorId,
        relation: Relation,
        stance: Stance,
        object: ActorId,
        date: Option<&str>,
        quote: &str,
    ) -> usize {
        let index = self.claims.len();
        self.claims.push(Claim {
            id: Cow::Owned(format!("claim-{index}")),
            subject,
            relation,
            stance,
            hedges: Cow::Owned(Vec::new()),
            object,
            date: date.map(|d| PartialDate::parse(d).expect("test dates are valid")),
            summary: Cow::Owned(format!("Claim number {index}.")),
            attributed_to: subject,
            sources: Cow::Owned(vec![SourceId(0)]),
            quote: Cow::Owned(quote.to_string()),
            status: Status::Stated,
            note: None,
            date_basis: None,
        });
        index
    }

    pub fn build(self, focus: ActorId) -> Dataset {
        Dataset {
            meta: Meta {
                title: Cow::Borrowed("Built in a test"),
                description: Cow::Borrowed("A dataset built in code"),
                focus,
                as_of: PartialDate::year(2025),
                version: Cow::Borrowed("0.0.0"),
                short_title: None,
                publisher: None,
                license: None,
                lang: None,
            },
            actors: Cow::Owned(self.actors),
            sources: Cow::Owned(vec![Source {
                id: Cow::Borrowed("test-source"),
                title: Cow::Borrowed("A test source"),
                title_supplied: false,
                publisher: None,
                kind: SourceKind::Other,
                date: Some(PartialDate::year(2025)),
                url: None,
            }]),
            claims: Cow::Owned(self.claims),
            context: Cow::Owned(Vec::new()),
            parts: None,
            translations: Cow::Owned(Vec::new()),
            stories: Cow::Owned(Vec::new()),
        }
    }
}

/// For a dataset in parts: every loaded claim is the whole dataset's, has
/// its sources and the whole dataset's attribution line (a shown claim never
/// shows a blank source).
pub fn assert_claims_have_their_sources(d: &Dataset, full: &Dataset) {
    let order = &d.parts.as_ref().expect("in parts").order;
    assert_eq!(order.len(), d.claims.len());
    for (claim, &at) in d.claims.iter().zip(order) {
        let whole = &full.claims[at as usize];
        assert_eq!(claim, whole);
        for &s in claim.sources.iter() {
            assert!(d.has_source(s), "{} without source {}", claim.id, s.0);
            assert_eq!(d.source(s), full.source(s));
        }
        assert_eq!(
            d.attribution_line(
                claim.status,
                claim.attributed_to,
                claim.date,
                &claim.sources
            ),
            full.attribution_line(
                whole.status,
                whole.attributed_to,
                whole.date,
                &whole.sources
            )
        );
    }
}
