//! The card's queries (`query.rs`) on the valid fixture, on datasets built in
//! code to pin the documented orders, and on the shipped dataset.
//!
//! The valid fixture has three claims, all attributed to Delta Watch:
//! - `alpha-backs-beta`: Alpha State backs Beta Leader, dated 2025-03;
//! - `gamma-criticises-beta`: Gamma Group opposes Beta Leader, undated;
//! - `beta-visits-alpha`: Beta Leader visits Alpha State (neutral), dated 2024.
//!
//! Epsilon Island is in no claim; Delta Watch only makes claims.

mod common;

use common::{actor, claim_ids, Builder};
use who_backs_whom_core::query::{self, GroupKind, Neighbourhood, Tie};
use who_backs_whom_core::{ActorId, Dataset, Filter, Relation, Stance, Status};

fn tie_ids(dataset: &Dataset, ties: &[Tie]) -> Vec<String> {
    ties.iter()
        .map(|t| dataset.actor(t.actor).id.to_string())
        .collect()
}

fn kinds(n: &Neighbourhood) -> Vec<GroupKind> {
    n.groups.iter().map(|g| g.kind).collect()
}

/// The documented order of ties: most claims first, then by name, then by dataset order.
fn assert_tie_order(dataset: &Dataset, ties: &[Tie]) {
    for pair in ties.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let key = |t: &Tie| {
            (
                std::cmp::Reverse(t.claims.len()),
                dataset.actor(t.actor).name.to_string(),
                t.actor,
            )
        };
        assert!(key(a) < key(b), "{:?} should come after {:?}", a, b);
    }
}

/// `claims` come in the timeline's order. The timeline's own order is pinned
/// by hand-written expectations below (`date_order_…`), so every other list
/// is checked against it rather than against a copy of the sort.
fn assert_timeline_order(dataset: &Dataset, claims: &[usize]) {
    let timeline = query::timeline(dataset, &Filter::default());
    let kept: Vec<usize> = timeline
        .into_iter()
        .filter(|c| claims.contains(c))
        .collect();
    assert_eq!(
        claim_ids(dataset, claims),
        claim_ids(dataset, &kept),
        "not in timeline order"
    );
}

// ---------------------------------------------------------------------------
// The valid fixture
// ---------------------------------------------------------------------------

#[test]
fn actor_by_id_finds_known_ids_only() {
    let d = common::valid().dataset;
    assert_eq!(d.actor(actor(&d, "alpha-state")).name, "Alpha State");
    assert_eq!(d.actor_by_id("nope"), None);
    assert_eq!(d.actor_by_id(""), None);
    assert_eq!(d.actor_by_id("Alpha State"), None, "names are not ids");
}

#[test]
fn backers_of_lists_subjects_of_backing_claims_towards_the_actor() {
    let d = common::valid().dataset;
    let ties = query::backers_of(&d, actor(&d, "beta-leader"));
    assert_eq!(tie_ids(&d, &ties), ["alpha-state"]);
    assert_eq!(claim_ids(&d, &ties[0].claims), ["alpha-backs-beta"]);
    // Beta Leader's visit to Alpha State is neutral: it makes no backer.
    assert!(query::backers_of(&d, actor(&d, "alpha-state")).is_empty());
}

#[test]
fn backed_by_lists_objects_of_the_actors_backing_claims() {
    let d = common::valid().dataset;
    assert_eq!(
        tie_ids(&d, &query::backed_by(&d, actor(&d, "alpha-state"))),
        ["beta-leader"]
    );
    assert!(query::backed_by(&d, actor(&d, "beta-leader")).is_empty());
}

#[test]
fn opponents_of_and_opposed_by_are_the_two_ends_of_opposing_claims() {
    let d = common::valid().dataset;
    assert_eq!(
        tie_ids(&d, &query::opponents_of(&d, actor(&d, "beta-leader"))),
        ["gamma-group"]
    );
    assert_eq!(
        tie_ids(&d, &query::opposed_by(&d, actor(&d, "gamma-group"))),
        ["beta-leader"]
    );
    assert!(query::opponents_of(&d, actor(&d, "gamma-group")).is_empty());
    assert!(query::opposed_by(&d, actor(&d, "beta-leader")).is_empty());
}

#[test]
fn claims_between_two_actors_go_both_ways_in_date_order() {
    let d = common::valid().dataset;
    let (alpha, beta) = (actor(&d, "alpha-state"), actor(&d, "beta-leader"));
    // The 2024 visit comes before the 2025-03 backing.
    let expected = ["beta-visits-alpha", "alpha-backs-beta"];
    assert_eq!(
        claim_ids(&d, &query::claims_between(&d, alpha, beta)),
        expected
    );
    assert_eq!(
        claim_ids(&d, &query::claims_between(&d, beta, alpha)),
        expected
    );
}

#[test]
fn claims_between_an_actor_and_itself_or_an_unlinked_actor_are_empty() {
    let d = common::valid().dataset;
    let (alpha, beta, gamma) = (
        actor(&d, "alpha-state"),
        actor(&d, "beta-leader"),
        actor(&d, "gamma-group"),
    );
    assert!(query::claims_between(&d, beta, beta).is_empty());
    assert!(query::claims_between(&d, alpha, gamma).is_empty());
}

#[test]
fn claims_involving_an_actor_without_a_filter() {
    let d = common::valid().dataset;
    let beta = actor(&d, "beta-leader");
    assert_eq!(
        claim_ids(&d, &query::claims_involving(&d, beta, &Filter::default())),
        [
            "beta-visits-alpha",
            "alpha-backs-beta",
            "gamma-criticises-beta"
        ]
    );
}

#[test]
fn claims_involving_an_actor_under_a_filter() {
    let d = common::valid().dataset;
    let beta = actor(&d, "beta-leader");
    let mut filter = Filter::default();
    filter.toggle_stance(Stance::Opposes);
    assert_eq!(
        claim_ids(&d, &query::claims_involving(&d, beta, &filter)),
        ["beta-visits-alpha", "alpha-backs-beta"]
    );
    filter.toggle_relation(Relation::DiplomaticVisit);
    assert_eq!(
        claim_ids(&d, &query::claims_involving(&d, beta, &filter)),
        ["alpha-backs-beta"]
    );
    let mut by_claimant = Filter::default();
    by_claimant.toggle_claimant(actor(&d, "delta-watch"));
    assert!(query::claims_involving(&d, beta, &by_claimant).is_empty());
}

#[test]
fn claims_involving_ignores_who_makes_the_claim() {
    let d = common::valid().dataset;
    // Delta Watch makes every claim but is in none of them.
    assert!(query::claims_involving(&d, actor(&d, "delta-watch"), &Filter::default()).is_empty());
}

#[test]
fn claims_with_relation_and_with_stance() {
    let d = common::valid().dataset;
    assert_eq!(
        claim_ids(&d, &query::claims_with_relation(&d, Relation::Criticism)),
        ["gamma-criticises-beta"]
    );
    assert!(query::claims_with_relation(&d, Relation::Training).is_empty());
    assert_eq!(
        claim_ids(&d, &query::claims_with_stance(&d, Stance::Neutral)),
        ["beta-visits-alpha"]
    );
    assert_eq!(
        claim_ids(&d, &query::claims_with_stance(&d, Stance::Backs)),
        ["alpha-backs-beta"]
    );
}

#[test]
fn claims_attributed_to_the_claimant_only() {
    let d = common::valid().dataset;
    let all = query::claims_attributed_to(&d, actor(&d, "delta-watch"));
    assert_eq!(
        claim_ids(&d, &all),
        [
            "beta-visits-alpha",
            "alpha-backs-beta",
            "gamma-criticises-beta"
        ]
    );
    // Being the subject of a claim is not making it.
    assert!(query::claims_attributed_to(&d, actor(&d, "alpha-state")).is_empty());
}

#[test]
fn timeline_is_in_date_order_with_undated_claims_last() {
    let d = common::valid().dataset;
    let timeline = query::timeline(&d, &Filter::default());
    assert_eq!(
        claim_ids(&d, &timeline),
        [
            "beta-visits-alpha",
            "alpha-backs-beta",
            "gamma-criticises-beta"
        ]
    );
    let mut filter = Filter::default();
    filter.toggle_stance(Stance::Neutral);
    assert_eq!(
        claim_ids(&d, &query::timeline(&d, &filter)),
        ["alpha-backs-beta", "gamma-criticises-beta"]
    );
}

#[test]
fn an_actor_in_no_claim_gets_empty_results_everywhere() {
    let d = common::valid().dataset;
    let epsilon = actor(&d, "epsilon-island");
    let beta = actor(&d, "beta-leader");
    assert!(query::backers_of(&d, epsilon).is_empty());
    assert!(query::backed_by(&d, epsilon).is_empty());
    assert!(query::opponents_of(&d, epsilon).is_empty());
    assert!(query::opposed_by(&d, epsilon).is_empty());
    assert!(query::claims_between(&d, epsilon, beta).is_empty());
    assert!(query::claims_involving(&d, epsilon, &Filter::default()).is_empty());
    assert!(query::claims_attributed_to(&d, epsilon).is_empty());
}

#[test]
fn neighbourhood_groups_the_focus_counterparts_in_group_order() {
    let d = common::valid().dataset;
    let n = query::neighbourhood(&d, actor(&d, "beta-leader"), &Filter::default());
    assert_eq!(
        kinds(&n),
        [
            GroupKind::Backers,
            GroupKind::Opponents,
            GroupKind::Contacts
        ]
    );
    assert_eq!(tie_ids(&d, n.group(GroupKind::Backers)), ["alpha-state"]);
    assert_eq!(tie_ids(&d, n.group(GroupKind::Opponents)), ["gamma-group"]);
    assert_eq!(tie_ids(&d, n.group(GroupKind::Contacts)), ["alpha-state"]);
    assert!(n.group(GroupKind::BackedByFocus).is_empty());
    assert_eq!((n.shown_claims, n.total_claims), (3, 3));
    // Alpha State is in two groups but listed once.
    let actors: Vec<String> = n
        .actors()
        .iter()
        .map(|a| d.actor(*a).id.to_string())
        .collect();
    assert_eq!(actors, ["alpha-state", "gamma-group"]);
}

#[test]
fn neighbourhood_seen_from_the_subject_side() {
    let d = common::valid().dataset;
    let n = query::neighbourhood(&d, actor(&d, "alpha-state"), &Filter::default());
    // Alpha backs Beta (backed by focus); Beta visits Alpha (contact).
    assert_eq!(kinds(&n), [GroupKind::BackedByFocus, GroupKind::Contacts]);
    assert_eq!((n.shown_claims, n.total_claims), (2, 2));
    let n = query::neighbourhood(&d, actor(&d, "gamma-group"), &Filter::default());
    assert_eq!(kinds(&n), [GroupKind::OpposedByFocus]);
}

#[test]
fn neighbourhood_under_a_filter_counts_shown_and_total_and_drops_empty_groups() {
    let d = common::valid().dataset;
    let mut filter = Filter::default();
    filter.toggle_stance(Stance::Backs);
    let n = query::neighbourhood(&d, actor(&d, "beta-leader"), &filter);
    assert_eq!(kinds(&n), [GroupKind::Opponents, GroupKind::Contacts]);
    assert_eq!((n.shown_claims, n.total_claims), (2, 3));
    filter.toggle_claimant(actor(&d, "delta-watch"));
    let n = query::neighbourhood(&d, actor(&d, "beta-leader"), &filter);
    assert!(n.groups.is_empty());
    assert_eq!((n.shown_claims, n.total_claims), (0, 3));
}

#[test]
fn neighbourhood_of_an_actor_in_no_claim_is_empty() {
    let d = common::valid().dataset;
    for id in ["epsilon-island", "delta-watch"] {
        let n = query::neighbourhood(&d, actor(&d, id), &Filter::default());
        assert!(n.groups.is_empty(), "{id}");
        assert!(n.actors().is_empty(), "{id}");
        assert_eq!((n.shown_claims, n.total_claims), (0, 0), "{id}");
        for kind in GroupKind::ALL {
            assert!(n.group(kind).is_empty());
        }
    }
}

// ---------------------------------------------------------------------------
// Documented orders, on datasets built in code
// ---------------------------------------------------------------------------

#[test]
fn date_order_puts_coarse_dates_first_undated_last_and_ties_in_dataset_order() {
    let mut b = Builder::new();
    let (x, y) = (b.actor("x", "X"), b.actor("y", "Y"));
    let undated_first = b.claim(x, Stance::Backs, y, None);
    let month = b.claim(x, Stance::Backs, y, Some("2025-03"));
    let year_a = b.claim(x, Stance::Backs, y, Some("2025"));
    let older = b.claim(x, Stance::Backs, y, Some("2024-12-31"));
    let year_b = b.claim(x, Stance::Backs, y, Some("2025"));
    let undated_last = b.claim(x, Stance::Backs, y, None);
    let d = b.build(x);
    assert_eq!(
        query::timeline(&d, &Filter::default()),
        // 2024-12-31 < 2025 (twice, in dataset order) < 2025-03 < undated (in dataset order)
        [older, year_a, year_b, month, undated_first, undated_last]
    );
}

#[test]
fn every_claim_list_is_in_date_order() {
    let mut b = Builder::new();
    let (x, y, z) = (b.actor("x", "X"), b.actor("y", "Y"), b.actor("z", "Z"));
    let undated = b.claim(x, Stance::Backs, y, None);
    let day = b.claim(y, Stance::Opposes, x, Some("2025-03-14"));
    let month = b.claim(x, Stance::Backs, y, Some("2025-03"));
    let other = b.claim(z, Stance::Backs, y, Some("2020"));
    let year = b.claim(y, Stance::Opposes, x, Some("2025"));
    let older = b.claim(x, Stance::Backs, y, Some("2024"));
    let d = b.build(x);
    // 2024 < 2025 < 2025-03 < 2025-03-14 < undated.
    assert_eq!(
        query::claims_between(&d, x, y),
        [older, year, month, day, undated]
    );
    assert_eq!(
        query::claims_with_stance(&d, Stance::Backs),
        [other, older, month, undated]
    );
    assert_eq!(
        query::claims_with_relation(&d, Relation::Criticism),
        [year, day]
    );
    assert_eq!(query::backers_of(&d, y)[0].claims, [older, month, undated]);
    assert_eq!(query::opponents_of(&d, x)[0].claims, [year, day]);
    let mut hide_opposes = Filter::default();
    hide_opposes.toggle_stance(Stance::Opposes);
    assert_eq!(
        query::claims_involving(&d, y, &hide_opposes),
        [other, older, month, undated]
    );
}

#[test]
fn ties_are_ordered_by_claim_count_then_name_then_dataset_order() {
    let mut b = Builder::new();
    let focus = b.actor("focus", "Focus");
    let zulu = b.actor("zulu", "Zulu");
    let same_first = b.actor("same-1", "Same");
    let bravo = b.actor("bravo", "Bravo");
    let same_second = b.actor("same-2", "Same");
    // Every one backs the focus once; Zulu twice.
    b.claim(same_second, Stance::Backs, focus, None);
    b.claim(bravo, Stance::Backs, focus, Some("2020"));
    b.claim(zulu, Stance::Backs, focus, None);
    b.claim(same_first, Stance::Backs, focus, None);
    b.claim(zulu, Stance::Backs, focus, Some("2021"));
    let d = b.build(focus);
    let ties = query::backers_of(&d, focus);
    let order: Vec<_> = ties.iter().map(|t| t.actor).collect();
    assert_eq!(order, [zulu, bravo, same_first, same_second]);
    // A tie's claims are in date order too: Zulu's dated claim first.
    assert_eq!(ties[0].claims, [4, 2]);
    let n = query::neighbourhood(&d, focus, &Filter::default());
    assert_eq!(n.group(GroupKind::Backers), ties.as_slice());
}

#[test]
fn an_actor_in_several_groups_has_a_tie_in_each_and_is_listed_once() {
    let mut b = Builder::new();
    let focus = b.actor("focus", "Focus");
    let other = b.actor("other", "Other");
    b.claim(other, Stance::Backs, focus, None);
    b.claim(focus, Stance::Opposes, other, None);
    b.claim(other, Stance::Neutral, focus, None);
    b.claim(focus, Stance::Neutral, other, None);
    let d = b.build(focus);
    let n = query::neighbourhood(&d, focus, &Filter::default());
    assert_eq!(
        kinds(&n),
        [
            GroupKind::Backers,
            GroupKind::OpposedByFocus,
            GroupKind::Contacts
        ]
    );
    // Contacts count both directions.
    assert_eq!(n.group(GroupKind::Contacts)[0].claims, [2, 3]);
    assert_eq!(n.actors(), [other]);
}

// ---------------------------------------------------------------------------
// The shipped dataset
// ---------------------------------------------------------------------------

#[test]
fn shipped_backers_of_the_junta_in_documented_order() {
    let d = common::shipped().dataset;
    let junta = actor(&d, "myanmar-junta");
    let ties = query::backers_of(&d, junta);
    // Counted in data/dataset.toml: Lukashenko backs the junta in 7 claims
    // (observers ×2 + earlier cooperation + agreements + election support +
    // symbolic backing + "assisting"), Belarus in 5 (strongest supporter,
    // arms ×2, training, election involvement), Russia in 3 (election support
    // as junta media put it and as DMD alleges, strongest supporter), China in 1.
    assert_eq!(
        tie_ids(&d, &ties),
        ["alexander-lukashenko", "belarus", "russia", "china"]
    );
    let counts: Vec<usize> = ties.iter().map(|t| t.claims.len()).collect();
    assert_eq!(counts, [7, 5, 3, 1]);
    // Read off data/dataset.toml: dated 2025 (dataset order), then 2025-03
    // (dataset order), then undated (dataset order).
    assert_eq!(
        claim_ids(&d, &ties[0].claims),
        [
            "lukashenko-symbolic-backing-opponents",
            "lukashenko-junta-agreements-gnlm",
            "lukashenko-accepts-observer-invitation-dmd",
            "lukashenko-pledges-election-support-news-report",
            "lukashenko-to-send-observers-news-report",
            "lukashenko-junta-earlier-election-cooperation-dmd",
            "lukashenko-assists-junta-naw-aung",
        ]
    );
    assert_eq!(
        claim_ids(&d, &ties[2].claims),
        [
            "russia-to-support-junta-election-junta-media",
            "russia-involved-in-junta-election-dmd",
            "russia-strongest-supporter-news-report",
        ]
    );
    for tie in &ties {
        for &c in &tie.claims {
            let claim = &d.claims[c];
            assert_eq!(
                (claim.subject, claim.stance, claim.object),
                (tie.actor, Stance::Backs, junta)
            );
        }
    }
}

#[test]
fn shipped_neighbourhoods_keep_every_documented_invariant() {
    let d = common::shipped().dataset;
    let mut hide_news_report = Filter::default();
    hide_news_report.toggle_claimant(actor(&d, "news-report"));
    for focus in d.actor_ids() {
        for filter in [Filter::default(), hide_news_report.clone()] {
            let n = query::neighbourhood(&d, focus, &filter);
            let name = &d.actor(focus).id;
            assert!(
                n.groups.windows(2).all(|g| g[0].kind < g[1].kind),
                "{name}: groups out of order"
            );
            assert!(
                n.groups.iter().all(|g| !g.ties.is_empty()),
                "{name}: an empty group"
            );
            let in_ties: usize = n
                .groups
                .iter()
                .flat_map(|g| &g.ties)
                .map(|t| t.claims.len())
                .sum();
            assert_eq!(in_ties, n.shown_claims, "{name}");
            // No claim links an actor to itself, so every claim involving the focus counts.
            assert_eq!(
                n.total_claims,
                query::claims_involving(&d, focus, &Filter::default()).len(),
                "{name}"
            );
            assert_eq!(
                n.shown_claims,
                query::claims_involving(&d, focus, &filter).len(),
                "{name}"
            );
            for group in &n.groups {
                assert_tie_order(&d, &group.ties);
                for tie in &group.ties {
                    assert_timeline_order(&d, &tie.claims);
                    for &c in &tie.claims {
                        assert_eq!(GroupKind::of(&d.claims[c], focus), Some(group.kind));
                        assert_eq!(d.claims[c].counterpart(focus), Some(tie.actor));
                    }
                }
            }
        }
    }
}

#[test]
fn shipped_neighbourhood_of_the_junta_under_a_claimant_filter() {
    let d = common::shipped().dataset;
    let junta = actor(&d, "myanmar-junta");
    let news_report = actor(&d, "news-report");
    let mut filter = Filter::default();
    filter.toggle_claimant(news_report);
    let all = query::neighbourhood(&d, junta, &Filter::default());
    let filtered = query::neighbourhood(&d, junta, &filter);
    let by_news_report = query::claims_involving(&d, junta, &Filter::default())
        .into_iter()
        .filter(|&c| d.claims[c].attributed_to == news_report)
        .count();
    assert!(by_news_report > 0);
    assert_eq!(filtered.total_claims, all.total_claims);
    assert_eq!(filtered.shown_claims, all.shown_claims - by_news_report);
    // China is a backer only on the news report's word.
    let china = actor(&d, "china");
    assert!(all
        .group(GroupKind::Backers)
        .iter()
        .any(|t| t.actor == china));
    assert!(!filtered.actors().contains(&china));
}

#[test]
fn shipped_query_results_are_in_timeline_order() {
    let d = common::shipped().dataset;
    let timeline = query::timeline(&d, &Filter::default());
    // The ends of the timeline, read off data/dataset.toml: the 2022 visit
    // first; the undated Justice For Myanmar claims, last in the file, last.
    assert_eq!(
        claim_ids(&d, &timeline[..1]),
        ["hun-sen-visit-2022-news-report"]
    );
    assert_eq!(
        claim_ids(&d, &timeline[timeline.len() - 3..]),
        [
            "belarus-arms-equipment-jfm",
            "belarus-training-jfm",
            "belarus-air-defence-transfers-jfm"
        ]
    );
    for relation in Relation::ALL {
        assert_timeline_order(&d, &query::claims_with_relation(&d, *relation));
    }
    for stance in Stance::ALL {
        assert_timeline_order(&d, &query::claims_with_stance(&d, *stance));
    }
    let total: usize = Stance::ALL
        .iter()
        .map(|s| query::claims_with_stance(&d, *s).len())
        .sum();
    assert_eq!(total, d.claims.len());
    assert_eq!(
        query::timeline(&d, &Filter::default()).len(),
        d.claims.len()
    );
}

#[test]
fn claims_about_puts_claims_with_the_focus_first() {
    let loaded = common::valid();
    let d = &loaded.dataset;
    let beta = actor(d, "beta-leader");
    let gamma = actor(d, "gamma-group");
    let all = query::claims_involving(d, beta, &Filter::default());
    let about = query::claims_about(d, beta, gamma, &Filter::default());
    assert_eq!(about.len(), all.len(), "the same claims, reordered");
    assert_eq!(
        claim_ids(d, &about),
        [
            "gamma-criticises-beta",
            // Then the rest in date order: 2024, then 2025-03.
            "beta-visits-alpha",
            "alpha-backs-beta"
        ]
    );
}

#[test]
fn by_year_groups_in_order_with_undated_last() {
    let loaded = common::shipped();
    let d = &loaded.dataset;
    let claims = query::timeline(d, &Filter::default());
    let years = query::by_year(d, &claims);
    let flat: Vec<usize> = years.iter().flat_map(|(_, c)| c.clone()).collect();
    assert_eq!(flat, claims, "grouping keeps every claim once, in order");
    let keys: Vec<Option<u16>> = years.iter().map(|(y, _)| *y).collect();
    let mut dated: Vec<u16> = keys.iter().flatten().copied().collect();
    dated.dedup();
    assert_eq!(
        dated.len(),
        keys.iter().flatten().count(),
        "one group per year"
    );
    assert!(dated.windows(2).all(|w| w[0] < w[1]));
    if keys.contains(&None) {
        assert_eq!(keys.last(), Some(&None), "undated claims come last");
    }
    for (year, group) in &years {
        assert!(group
            .iter()
            .all(|&c| d.claims[c].date.map(|x| x.year) == *year));
    }
}

#[test]
fn attribution_line_says_who_when_and_where() {
    let loaded = common::shipped();
    let d = &loaded.dataset;
    let jfm = actor(d, "justice-for-myanmar");
    let index = query::claims_attributed_to(d, jfm)[0];
    let c = &d.claims[index];
    let line = d.attribution_line(c.status, c.attributed_to, c.date, &c.sources);
    assert!(line.starts_with("alleged by Justice For Myanmar"), "{line}");
    assert!(
        line.ends_with(&format!("in {}", d.source(c.sources[0]).display_title())),
        "{line}"
    );
}

#[test]
fn by_relation_groups_in_order_of_first_claim_and_keeps_every_claim_once() {
    let mut b = Builder::new();
    let (a, x) = (b.actor("a", "A"), b.actor("x", "X"));
    let arms = b.claim_full(
        a,
        Relation::ArmsAndMilitaryAid,
        Stance::Backs,
        x,
        Some("2024"),
        "q",
    );
    let visit = b.claim_full(
        a,
        Relation::DiplomaticVisit,
        Stance::Neutral,
        x,
        Some("2023"),
        "q",
    );
    let arms2 = b.claim_full(
        a,
        Relation::ArmsAndMilitaryAid,
        Stance::Backs,
        x,
        Some("2022"),
        "q",
    );
    let d = b.build(x);
    let groups = query::by_relation(&d, &[visit, arms, arms2]);
    assert_eq!(
        groups,
        vec![
            (Relation::DiplomaticVisit, vec![visit]),
            (Relation::ArmsAndMilitaryAid, vec![arms, arms2]),
        ],
        "groups follow their first claim; claims keep the order they were given in"
    );
    assert!(query::by_relation(&d, &[]).is_empty());
}

#[test]
fn by_relation_on_the_shipped_dataset_partitions_each_actors_claims() {
    let loaded = common::shipped();
    let d = &loaded.dataset;
    for (i, _) in d.actors.iter().enumerate() {
        let about = query::claims_about(d, ActorId(i as u16), d.meta.focus, &Filter::default());
        let groups = query::by_relation(d, &about);
        let flat: Vec<usize> = groups.iter().flat_map(|(_, c)| c.clone()).collect();
        let (mut sorted, mut want) = (flat.clone(), about.clone());
        sorted.sort_unstable();
        want.sort_unstable();
        assert_eq!(sorted, want, "every claim once");
        let relations: Vec<Relation> = groups.iter().map(|(r, _)| *r).collect();
        let mut unique = relations.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), relations.len(), "one group per relation");
        for (relation, claims) in &groups {
            assert!(claims.iter().all(|&c| d.claims[c].relation == *relation));
        }
    }
}

#[test]
fn status_counts_count_each_status() {
    let mut b = Builder::new();
    let (a, x) = (b.actor("a", "A"), b.actor("x", "X"));
    let claims: Vec<usize> = (0..6).map(|_| b.claim(a, Stance::Backs, x, None)).collect();
    let mut d = b.build(x);
    let statuses = [
        Status::Alleged,
        Status::Alleged,
        Status::Alleged,
        Status::Stated,
        Status::Reported,
        Status::Disputed,
    ];
    let mut edited = d.claims.to_vec();
    for (claim, status) in claims.iter().zip(statuses) {
        edited[*claim].status = status;
    }
    d.claims = edited.into();
    let counts = query::status_counts(&d, &claims);
    assert_eq!(counts[Status::Stated.index()], 1);
    assert_eq!(counts[Status::Reported.index()], 1);
    assert_eq!(counts[Status::Alleged.index()], 3);
    assert_eq!(counts[Status::Disputed.index()], 1);
    assert_eq!(
        query::status_counts(&d, &claims[..3]),
        [0, 0, 3, 0],
        "only the claims given"
    );
}
