//! The questions the card asks of a dataset.
//!
//! Every query is a pure function of the dataset (and a [`Filter`]), linear in
//! the number of claims, and returns results in a stable, documented order:
//! - claims: in date order (undated claims last), ties in dataset order;
//! - actors ([`Tie`]s): most claims first, ties by name, then by dataset order.
//!
//! Unknown ids cannot reach these functions: they take [`ActorId`]s, which
//! only [`Dataset::actor_by_id`] makes from text.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::filter::Filter;
use crate::model::{ActorId, Claim, ClaimIndex, Dataset, Summary, SummaryTie};
use crate::vocab::{Relation, RelationFamily, Stance, Status};

/// An actor linked to the focus, with the claims that link them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tie {
    pub actor: ActorId,
    /// Claim indices, in date order (empty in a neighbourhood built from a
    /// [`Summary`]: the claims are not loaded).
    pub claims: Vec<ClaimIndex>,
    /// How many claims link them.
    pub count: usize,
    /// The strongest relation family among those claims.
    pub family: RelationFamily,
}

/// How the actors of a [`Group`] relate to the focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKind {
    /// They back the focus.
    Backers,
    /// They oppose the focus.
    Opponents,
    /// The focus backs them.
    BackedByFocus,
    /// The focus opposes them.
    OpposedByFocus,
    /// Contact without a stated stance, either way.
    Contacts,
}

impl GroupKind {
    pub const ALL: [GroupKind; 5] = [
        GroupKind::Backers,
        GroupKind::Opponents,
        GroupKind::BackedByFocus,
        GroupKind::OpposedByFocus,
        GroupKind::Contacts,
    ];

    /// Which group a claim puts its counterpart in, seen from `focus`.
    pub fn of(claim: &Claim, focus: ActorId) -> Option<GroupKind> {
        let towards_focus = claim.object == focus && claim.subject != focus;
        let from_focus = claim.subject == focus && claim.object != focus;
        Some(match (claim.stance, towards_focus, from_focus) {
            (Stance::Neutral, true, _) | (Stance::Neutral, _, true) => GroupKind::Contacts,
            (Stance::Backs, true, _) => GroupKind::Backers,
            (Stance::Opposes, true, _) => GroupKind::Opponents,
            (Stance::Backs, _, true) => GroupKind::BackedByFocus,
            (Stance::Opposes, _, true) => GroupKind::OpposedByFocus,
            _ => return None,
        })
    }

    /// The group's heading, e.g. "Backs Myanmar's military government".
    pub fn heading(self, focus_name: &str) -> String {
        match self {
            GroupKind::Backers => format!("Backing {focus_name}"),
            GroupKind::Opponents => format!("Opposing {focus_name}"),
            GroupKind::BackedByFocus => format!("Backed by {focus_name}"),
            GroupKind::OpposedByFocus => format!("Opposed by {focus_name}"),
            GroupKind::Contacts => format!("Contacts with {focus_name}"),
        }
    }

    /// The stable id used in the DOM and tests.
    pub const fn id(self) -> &'static str {
        match self {
            GroupKind::Backers => "backers",
            GroupKind::Opponents => "opponents",
            GroupKind::BackedByFocus => "backed-by-focus",
            GroupKind::OpposedByFocus => "opposed-by-focus",
            GroupKind::Contacts => "contacts",
        }
    }
}

/// Actors of one kind of relation to the focus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub kind: GroupKind,
    pub ties: Vec<Tie>,
}

/// Everything the card shows around one focus actor, under one filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbourhood {
    pub focus: ActorId,
    /// Non-empty groups, in [`GroupKind::ALL`] order.
    pub groups: Vec<Group>,
    /// Claims about the focus shown, after the filter.
    pub shown_claims: usize,
    /// Claims about the focus before the filter.
    pub total_claims: usize,
    /// Built from the index's [`Summary`] of a focus whose claims are not
    /// loaded: only the ties the network draws, with counts and no claims.
    pub from_summary: bool,
    /// Linked actors left out of a summary, and their ties' claims.
    pub left_out_actors: usize,
    pub left_out_claims: usize,
    /// The focus's claims are not loaded and no summary answers: nothing
    /// is counted (a count of the claims loaded so far would be wrong).
    pub waiting: bool,
}

impl Neighbourhood {
    pub fn group(&self, kind: GroupKind) -> &[Tie] {
        self.groups
            .iter()
            .find(|g| g.kind == kind)
            .map_or(&[], |g| &g.ties)
    }

    /// Each linked actor once, in group order (an actor may be in several groups).
    pub fn actors(&self) -> Vec<ActorId> {
        let mut out: Vec<ActorId> = Vec::new();
        for tie in self.groups.iter().flat_map(|g| &g.ties) {
            if !out.contains(&tie.actor) {
                out.push(tie.actor);
            }
        }
        out
    }
}

/// The focus actor's neighbourhood: its backers, opponents, whom it backs and
/// opposes, and its contacts, each grouped by counterpart actor. For a
/// focus whose claims are not loaded, unfiltered, it is the index's
/// [`Summary`] of it, when it has one (see [`Neighbourhood::from_summary`]).
pub fn neighbourhood(dataset: &Dataset, focus: ActorId, filter: &Filter) -> Neighbourhood {
    if !dataset.has_claims_of(focus) {
        if let Some(summary) = dataset.summary(focus).filter(|_| filter.is_empty()) {
            return from_summary(summary);
        }
        return Neighbourhood {
            focus,
            groups: Vec::new(),
            shown_claims: 0,
            total_claims: 0,
            from_summary: false,
            left_out_actors: 0,
            left_out_claims: 0,
            waiting: true,
        };
    }
    let mut per_group: Vec<TieBuilder> = GroupKind::ALL
        .iter()
        .map(|_| TieBuilder::default())
        .collect();
    let mut shown_claims = 0;
    let mut total_claims = 0;
    for index in in_date_order(dataset, |c| c.counterpart(focus).is_some()) {
        let claim = &dataset.claims[index];
        let Some(kind) = GroupKind::of(claim, focus) else {
            continue;
        };
        total_claims += 1;
        if !filter.fits(claim) {
            continue;
        }
        shown_claims += 1;
        let counterpart = claim.counterpart(focus).expect("claim involves the focus");
        per_group[kind as usize].add(counterpart, index);
    }
    let groups = GroupKind::ALL
        .iter()
        .zip(per_group)
        .filter(|(_, builder)| !builder.ties.is_empty())
        .map(|(kind, builder)| Group {
            kind: *kind,
            ties: builder.finish(dataset),
        })
        .collect();
    Neighbourhood {
        focus,
        groups,
        shown_claims,
        total_claims,
        from_summary: false,
        left_out_actors: 0,
        left_out_claims: 0,
        waiting: false,
    }
}

/// The neighbourhood a [`Summary`] describes.
fn from_summary(summary: &Summary) -> Neighbourhood {
    let groups = GroupKind::ALL
        .iter()
        .enumerate()
        .map(|(at, kind)| Group {
            kind: *kind,
            ties: summary
                .ties
                .iter()
                .filter(|t| usize::from(t.group) == at)
                .map(|t| Tie {
                    actor: t.actor,
                    claims: Vec::new(),
                    count: t.claims,
                    family: t.family,
                })
                .collect(),
        })
        .filter(|g| !g.ties.is_empty())
        .collect();
    Neighbourhood {
        focus: summary.actor,
        groups,
        shown_claims: summary.total_claims,
        total_claims: summary.total_claims,
        from_summary: true,
        left_out_actors: summary.left_out_actors,
        left_out_claims: summary.left_out_claims,
        waiting: false,
    }
}

/// What the index keeps of `neighbourhood` (computed from every claim)
/// when `drawn` are the actors its network draws: their ties, and how many
/// actors and claims are left out.
pub fn summary_of(neighbourhood: &Neighbourhood, drawn: &[ActorId]) -> Summary {
    let mut summary = Summary {
        actor: neighbourhood.focus,
        total_claims: neighbourhood.total_claims,
        ..Summary::default()
    };
    for group in &neighbourhood.groups {
        for tie in &group.ties {
            if drawn.contains(&tie.actor) {
                summary.ties.push(SummaryTie {
                    group: group.kind as u8,
                    actor: tie.actor,
                    claims: tie.count,
                    family: tie.family,
                });
            } else {
                summary.left_out_claims += tie.count;
            }
        }
    }
    summary.left_out_actors = neighbourhood
        .actors()
        .iter()
        .filter(|a| !drawn.contains(a))
        .count();
    summary
}

/// Who backs `actor`: subjects of "backs" claims whose object is `actor`.
pub fn backers_of(dataset: &Dataset, actor: ActorId) -> Vec<Tie> {
    ties_where(dataset, |c| {
        (c.object == actor && c.stance == Stance::Backs).then_some(c.subject)
    })
}

/// Whom `actor` backs: objects of its "backs" claims.
pub fn backed_by(dataset: &Dataset, actor: ActorId) -> Vec<Tie> {
    ties_where(dataset, |c| {
        (c.subject == actor && c.stance == Stance::Backs).then_some(c.object)
    })
}

/// Who opposes `actor`.
pub fn opponents_of(dataset: &Dataset, actor: ActorId) -> Vec<Tie> {
    ties_where(dataset, |c| {
        (c.object == actor && c.stance == Stance::Opposes).then_some(c.subject)
    })
}

/// Whom `actor` opposes.
pub fn opposed_by(dataset: &Dataset, actor: ActorId) -> Vec<Tie> {
    ties_where(dataset, |c| {
        (c.subject == actor && c.stance == Stance::Opposes).then_some(c.object)
    })
}

/// Claims between two actors, in either direction.
pub fn claims_between(dataset: &Dataset, a: ActorId, b: ActorId) -> Vec<ClaimIndex> {
    in_date_order(dataset, |c| c.counterpart(a) == Some(b) && a != b)
}

/// Claims in which `actor` is the subject or the object, under `filter`.
pub fn claims_involving(dataset: &Dataset, actor: ActorId, filter: &Filter) -> Vec<ClaimIndex> {
    in_date_order(dataset, |c| {
        c.counterpart(actor).is_some() && filter.fits(c)
    })
}

/// Claims of one relation kind.
pub fn claims_with_relation(dataset: &Dataset, relation: Relation) -> Vec<ClaimIndex> {
    in_date_order(dataset, |c| c.relation == relation)
}

/// Claims of one stance.
pub fn claims_with_stance(dataset: &Dataset, stance: Stance) -> Vec<ClaimIndex> {
    in_date_order(dataset, |c| c.stance == stance)
}

/// Claims that `claimant` makes.
pub fn claims_attributed_to(dataset: &Dataset, claimant: ActorId) -> Vec<ClaimIndex> {
    in_date_order(dataset, |c| c.attributed_to == claimant)
}

/// The timeline: every claim that fits `filter`, in date order.
pub fn timeline(dataset: &Dataset, filter: &Filter) -> Vec<ClaimIndex> {
    in_date_order(dataset, |c| filter.fits(c))
}

/// Claims that satisfy `keep`, in date order (undated last), ties in dataset order.
pub fn in_date_order(dataset: &Dataset, keep: impl Fn(&Claim) -> bool) -> Vec<ClaimIndex> {
    let mut indices: Vec<ClaimIndex> = dataset
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| keep(c))
        .map(|(i, _)| i)
        .collect();
    sort_by_date(dataset, &mut indices);
    indices
}

/// Not generic, so that the wasm carries one copy of the sorting code for
/// every caller of [`in_date_order`]. The order is total (dataset order
/// breaks ties), so an unstable sort gives the stable result.
fn sort_by_date(dataset: &Dataset, indices: &mut [ClaimIndex]) {
    indices.sort_unstable_by(|&a, &b| {
        compare_dates(&dataset.claims[a], &dataset.claims[b]).then(a.cmp(&b))
    });
}

fn compare_dates(a: &Claim, b: &Claim) -> Ordering {
    match (a.date, b.date) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn ties_where(dataset: &Dataset, counterpart: impl Fn(&Claim) -> Option<ActorId>) -> Vec<Tie> {
    let mut builder = TieBuilder::default();
    for index in in_date_order(dataset, |c| counterpart(c).is_some()) {
        builder.add(
            counterpart(&dataset.claims[index]).expect("kept above"),
            index,
        );
    }
    builder.finish(dataset)
}

/// Collects claims per counterpart actor in O(1) per claim.
#[derive(Default)]
struct TieBuilder {
    ties: Vec<Tie>,
    position: HashMap<ActorId, usize>,
}

impl TieBuilder {
    fn add(&mut self, actor: ActorId, claim: ClaimIndex) {
        let at = *self.position.entry(actor).or_insert_with(|| {
            self.ties.push(Tie {
                actor,
                claims: Vec::new(),
                count: 0,
                family: RelationFamily::Political,
            });
            self.ties.len() - 1
        });
        self.ties[at].claims.push(claim);
    }

    /// The ties, most claims first, then by name, then by dataset order.
    fn finish(mut self, dataset: &Dataset) -> Vec<Tie> {
        for tie in &mut self.ties {
            tie.count = tie.claims.len();
            tie.family = tie
                .claims
                .iter()
                .map(|&c| dataset.claims[c].relation.family())
                .max()
                .unwrap_or(RelationFamily::Political);
        }
        // Total order (actor id last), so unstable is as good as stable.
        self.ties.sort_unstable_by(|a, b| {
            b.claims
                .len()
                .cmp(&a.claims.len())
                .then_with(|| {
                    dataset
                        .actor(a.actor)
                        .name
                        .cmp(&dataset.actor(b.actor).name)
                })
                .then(a.actor.cmp(&b.actor))
        });
        self.ties
    }
}

/// Claims about `actor` under `filter` for its detail panel: those between it
/// and `focus` first, then the rest, each part in date order.
pub fn claims_about(
    dataset: &Dataset,
    actor: ActorId,
    focus: ActorId,
    filter: &Filter,
) -> Vec<ClaimIndex> {
    // A stable partition keeps the date order inside each part.
    let (mut claims, rest): (Vec<ClaimIndex>, Vec<ClaimIndex>) =
        claims_involving(dataset, actor, filter)
            .into_iter()
            .partition(|&c| dataset.claims[c].counterpart(actor) == Some(focus));
    claims.extend(rest);
    claims
}

/// `claims` (in date order) grouped by year, for the timeline; undated claims
/// form the last group, under `None`. No claim is placed more precisely than
/// its date.
pub fn by_year(dataset: &Dataset, claims: &[ClaimIndex]) -> Vec<(Option<u16>, Vec<ClaimIndex>)> {
    let mut years: Vec<(Option<u16>, Vec<ClaimIndex>)> = Vec::new();
    for &claim in claims {
        let year = dataset.claims[claim].date.map(|d| d.year);
        match years.last_mut() {
            Some((y, list)) if *y == year => list.push(claim),
            _ => years.push((year, vec![claim])),
        }
    }
    years
}

/// `claims` grouped by relation, for the detail panel: the groups in the
/// order of their first claim in `claims`, each keeping the claims' order
/// (so with [`claims_about`]'s order, the relations with the focus lead).
/// Every claim is in exactly one group.
pub fn by_relation(dataset: &Dataset, claims: &[ClaimIndex]) -> Vec<(Relation, Vec<ClaimIndex>)> {
    let mut groups: Vec<(Relation, Vec<ClaimIndex>)> = Vec::new();
    for &claim in claims {
        let relation = dataset.claims[claim].relation;
        match groups.iter_mut().find(|(r, _)| *r == relation) {
            Some((_, list)) => list.push(claim),
            None => groups.push((relation, vec![claim])),
        }
    }
    groups
}

/// How many of `claims` have each status, indexed by [`Status::index`]:
/// how many the actors state themselves, how many are reported, alleged by
/// third parties or disputed.
pub fn status_counts(dataset: &Dataset, claims: &[ClaimIndex]) -> [usize; Status::ALL.len()] {
    let mut counts = [0; Status::ALL.len()];
    for &claim in claims {
        counts[dataset.claims[claim].status.index()] += 1;
    }
    counts
}
