//! The network layout (`layout.rs`): geometry checked for every actor of the
//! shipped dataset as focus, and the node cap on a dataset built in code.

mod common;

use std::collections::HashSet;

use common::Builder;
use who_backs_whom_core::layout::{
    self, Band, NetworkLayout, Node, LINE_CHARS, MAX_LINES, MAX_PER_SIDE, WIDTH,
};
use who_backs_whom_core::query::{self, GroupKind, Neighbourhood};
use who_backs_whom_core::{ActorId, Dataset, Filter, Stance};

fn layouts(d: &Dataset) -> Vec<(Neighbourhood, NetworkLayout)> {
    d.actor_ids()
        .map(|focus| {
            let n = query::neighbourhood(d, focus, &Filter::default());
            let l = layout::layout(d, &n);
            (n, l)
        })
        .collect()
}

fn all_nodes(l: &NetworkLayout) -> impl Iterator<Item = &Node> {
    std::iter::once(&l.focus).chain(&l.nodes)
}

fn overlap(a: (f32, f32, f32, f32), b: (f32, f32, f32, f32)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn name(d: &Dataset, a: ActorId) -> &str {
    &d.actor(a).id
}

#[test]
fn no_two_nodes_overlap_for_any_focus() {
    let d = common::shipped().dataset;
    for (n, l) in layouts(&d) {
        let nodes: Vec<&Node> = all_nodes(&l).collect();
        for (i, a) in nodes.iter().enumerate() {
            for b in &nodes[i + 1..] {
                assert!(
                    !overlap(a.bounds(), b.bounds()),
                    "focus {}: {} {:?} overlaps {} {:?}",
                    name(&d, n.focus),
                    name(&d, a.actor),
                    a.bounds(),
                    name(&d, b.actor),
                    b.bounds()
                );
            }
        }
    }
}

#[test]
fn every_node_lies_inside_the_drawing_for_any_focus() {
    let d = common::shipped().dataset;
    for (n, l) in layouts(&d) {
        assert_eq!(l.width, WIDTH);
        for node in all_nodes(&l) {
            let (left, top, right, bottom) = node.bounds();
            assert!(
                left >= 0.0 && right <= WIDTH && top >= 0.0 && bottom <= l.height,
                "focus {}: {} at {:?} is outside {}x{}",
                name(&d, n.focus),
                name(&d, node.actor),
                node.bounds(),
                WIDTH,
                l.height
            );
            // The circle itself, too.
            assert!(node.x - node.radius >= 0.0 && node.x + node.radius <= WIDTH);
        }
        for heading in &l.headings {
            assert!(heading.y > 0.0 && heading.y < l.height);
        }
    }
}

#[test]
fn every_label_line_fits_the_line_budget_for_any_focus() {
    let d = common::shipped().dataset;
    for (_, l) in layouts(&d) {
        for node in all_nodes(&l) {
            assert!(
                !node.label.is_empty() && node.label.len() <= MAX_LINES,
                "{:?}",
                node.label
            );
            let budget = if node.actor == l.focus.actor {
                layout::FOCUS_LINE_CHARS
            } else {
                LINE_CHARS
            };
            for line in &node.label {
                assert!(
                    line.chars().count() <= budget,
                    "`{line}` is longer than {budget}"
                );
            }
        }
    }
}

#[test]
fn labels_keep_the_whole_name_when_it_fits() {
    let d = common::shipped().dataset;
    for (_, l) in layouts(&d) {
        for node in all_nodes(&l) {
            let full = d.actor(node.actor).name.to_string();
            if !node.label.last().is_some_and(|line| line.ends_with('…')) {
                assert_eq!(node.label.join(" "), full);
            }
        }
    }
}

#[test]
fn layout_is_deterministic() {
    let d = common::shipped().dataset;
    assert_eq!(layouts(&d), layouts(&d));
}

#[test]
fn each_linked_actor_is_drawn_exactly_once_and_the_focus_only_in_the_centre() {
    let d = common::shipped().dataset;
    for (n, l) in layouts(&d) {
        let drawn: Vec<ActorId> = l.nodes.iter().map(|node| node.actor).collect();
        let unique: HashSet<ActorId> = drawn.iter().copied().collect();
        assert_eq!(
            unique.len(),
            drawn.len(),
            "focus {}: an actor is drawn twice",
            name(&d, n.focus)
        );
        assert!(!unique.contains(&n.focus));
        assert_eq!(l.focus.actor, n.focus);
        let linked: HashSet<ActorId> = n.actors().into_iter().collect();
        assert_eq!(unique, linked, "focus {}", name(&d, n.focus));
        assert_eq!(l.not_drawn, 0);
    }
}

#[test]
fn one_edge_per_drawn_actor_and_group() {
    let d = common::shipped().dataset;
    for (n, l) in layouts(&d) {
        let drawn: HashSet<ActorId> = l.nodes.iter().map(|node| node.actor).collect();
        let mut pairs: Vec<(ActorId, GroupKind)> = n
            .groups
            .iter()
            .flat_map(|g| g.ties.iter().map(move |t| (t.actor, g.kind)))
            .filter(|(a, _)| drawn.contains(a))
            .collect();
        let mut edges: Vec<(ActorId, GroupKind)> =
            l.edges.iter().map(|e| (e.actor, e.group)).collect();
        pairs.sort();
        edges.sort();
        assert_eq!(edges, pairs, "focus {}", name(&d, n.focus));
        for edge in &l.edges {
            let tie = n
                .group(edge.group)
                .iter()
                .find(|t| t.actor == edge.actor)
                .expect("tie");
            assert_eq!(edge.claims, tie.claims.len());
            // From inside its node to the border of the focus box.
            let node = l
                .nodes
                .iter()
                .find(|node| node.actor == edge.actor)
                .expect("node");
            let (x, y) = edge.from();
            assert!(
                (x - node.x).hypot(y - node.y) < node.radius,
                "focus {}: the edge of {} starts outside its circle",
                name(&d, n.focus),
                name(&d, edge.actor)
            );
            let (left, top, right, bottom) = l.focus.bounds();
            let (x, y) = edge.to();
            let on_border = ((x - left).abs() < 2.0 || (x - right).abs() < 2.0)
                && (top - 2.0..=bottom + 2.0).contains(&y)
                || ((y - top).abs() < 2.0 || (y - bottom).abs() < 2.0)
                    && (left - 2.0..=right + 2.0).contains(&x);
            assert!(
                on_border,
                "focus {}: the edge of {} ends at ({x}, {y}), not on the focus box",
                name(&d, n.focus),
                name(&d, edge.actor)
            );
        }
    }
}

#[test]
fn bands_stand_above_and_below_the_focus() {
    let d = common::shipped().dataset;
    for (n, l) in layouts(&d) {
        for node in &l.nodes {
            let groups: Vec<GroupKind> = n
                .groups
                .iter()
                .filter(|g| g.ties.iter().any(|t| t.actor == node.actor))
                .map(|g| g.kind)
                .collect();
            // The first band that applies.
            let band = groups
                .iter()
                .map(|g| Band::of(*g))
                .min()
                .expect("in a group");
            assert_eq!(node.band, band);
            match node.band {
                Band::Backing => assert!(node.y < l.focus.y),
                Band::Opposing | Band::Contacts => assert!(node.y > l.focus.y),
            }
        }
        let opposing = l
            .nodes
            .iter()
            .filter(|x| x.band == Band::Opposing)
            .map(|x| x.y)
            .fold(f32::MIN, f32::max);
        let contacts = l
            .nodes
            .iter()
            .filter(|x| x.band == Band::Contacts)
            .map(|x| x.y)
            .fold(f32::MAX, f32::min);
        assert!(
            opposing < contacts,
            "focus {}: contacts are below the opposing band",
            name(&d, n.focus)
        );
    }
}

#[test]
fn an_actor_with_several_edges_gets_them_bent_apart() {
    let mut b = Builder::new();
    let focus = b.actor("focus", "Focus");
    let other = b.actor("other", "Other");
    b.claim(other, Stance::Backs, focus, None);
    b.claim(focus, Stance::Opposes, other, None);
    let d = b.build(focus);
    let l = layout::layout(&d, &query::neighbourhood(&d, focus, &Filter::default()));
    assert_eq!(l.nodes.len(), 1);
    assert_eq!(l.nodes[0].band, Band::Backing, "backing comes first");
    assert_eq!(l.edges.len(), 2);
    // Parallel and apart all along.
    for i in 0..=20 {
        let t = i as f32 / 20.0;
        let (a, b) = (l.edges[0].point_at(t), l.edges[1].point_at(t));
        let gap = (a.0 - b.0).hypot(a.1 - b.1);
        assert!(gap > 4.0, "the two edges are {gap} apart at {t}");
    }
}

fn many_backers(count: usize) -> (Dataset, ActorId) {
    let mut b = Builder::new();
    let focus = b.actor("focus", "Focus");
    for i in 0..count {
        let backer = b.actor(&format!("backer-{i}"), &format!("Backer number {i}"));
        b.claim(backer, Stance::Backs, focus, None);
        // Every third also opposed by the focus: two groups, one node.
        if i % 3 == 0 {
            b.claim(focus, Stance::Opposes, backer, None);
        }
    }
    (b.build(focus), focus)
}

#[test]
fn more_linked_actors_than_a_side_holds_are_counted_as_not_drawn() {
    let count = MAX_PER_SIDE + 7;
    let (d, focus) = many_backers(count);
    let n = query::neighbourhood(&d, focus, &Filter::default());
    assert_eq!(n.actors().len(), count);
    let l = layout::layout(&d, &n);
    assert_eq!(l.nodes.len(), MAX_PER_SIDE);
    assert_eq!(l.not_drawn, count - MAX_PER_SIDE);
    // The nodes drawn are the first in neighbourhood order.
    let drawn: Vec<ActorId> = l.nodes.iter().map(|node| node.actor).collect();
    let mut first: Vec<ActorId> = n.actors()[..MAX_PER_SIDE].to_vec();
    first.sort();
    let mut sorted = drawn.clone();
    sorted.sort();
    assert_eq!(sorted, first);
    // Edges only for drawn actors.
    assert!(l.edges.iter().all(|e| drawn.contains(&e.actor)));
    let nodes: Vec<&Node> = all_nodes(&l).collect();
    for (i, a) in nodes.iter().enumerate() {
        let (left, top, right, bottom) = a.bounds();
        assert!(left >= 0.0 && right <= WIDTH && top >= 0.0 && bottom <= l.height);
        assert!(nodes[i + 1..]
            .iter()
            .all(|b| !overlap(a.bounds(), b.bounds())));
    }
}

#[test]
fn exactly_a_side_full_is_all_drawn() {
    let (d, focus) = many_backers(MAX_PER_SIDE);
    let l = layout::layout(&d, &query::neighbourhood(&d, focus, &Filter::default()));
    assert_eq!((l.nodes.len(), l.not_drawn), (MAX_PER_SIDE, 0));
}

#[test]
fn a_focus_with_no_claims_is_drawn_alone() {
    let d = common::valid().dataset;
    let lonely = common::actor(&d, "epsilon-island");
    let l = layout::layout(&d, &query::neighbourhood(&d, lonely, &Filter::default()));
    assert!(l.nodes.is_empty() && l.edges.is_empty() && l.headings.is_empty());
    assert_eq!(l.focus.actor, lonely);
    assert!(l.focus.bounds().3 <= l.height);
}

#[test]
fn svg_numbers_have_at_most_one_decimal_and_keep_the_sign() {
    use who_backs_whom_core::layout::svg_number;
    assert_eq!(svg_number(12.0), "12");
    assert_eq!(svg_number(12.34), "12.3");
    assert_eq!(svg_number(12.36), "12.4");
    assert_eq!(svg_number(-0.5), "-0.5");
    assert_eq!(svg_number(-3.0), "-3");
    assert_eq!(svg_number(0.04), "0");
    for tenths in -5000..5000 {
        let value = tenths as f32 / 10.0;
        assert_eq!(svg_number(value), format!("{value}"), "for {value}");
    }
}

#[test]
fn an_edge_takes_the_weightiest_relation_family_of_its_claims() {
    use who_backs_whom_core::{query, Filter, RelationFamily};
    let d = common::shipped().dataset;
    let junta = common::actor(&d, "myanmar-junta");
    let drawing = who_backs_whom_core::layout::layout(
        &d,
        &query::neighbourhood(&d, junta, &Filter::default()),
    );
    for edge in &drawing.edges {
        let ties = query::neighbourhood(&d, junta, &Filter::default());
        let group = ties.groups.iter().find(|g| g.kind == edge.group).unwrap();
        let tie = group.ties.iter().find(|t| t.actor == edge.actor).unwrap();
        let expected = tie
            .claims
            .iter()
            .map(|&c| d.claims[c].relation.family())
            .max()
            .unwrap();
        assert_eq!(edge.family, expected);
    }
    // Belarus's backing includes arms transfers: its edge is drawn as military.
    let belarus = common::actor(&d, "belarus");
    let edge = drawing
        .edges
        .iter()
        .find(|e| e.actor == belarus && e.family == RelationFamily::Military);
    assert!(
        edge.is_some(),
        "Belarus → junta arms claims make a military edge"
    );
}

/// The closest the drawn curve of `edge` comes to the centre of `node`.
fn closest_approach(edge: &layout::Edge, node: &Node) -> f32 {
    (0..=200)
        .map(|i| {
            let (x, y) = edge.point_at(i as f32 / 200.0);
            ((x - node.x).powi(2) + (y - node.y).powi(2)).sqrt()
        })
        .fold(f32::MAX, f32::min)
}

/// Half the widest edge (5.5) and half the circle's outline (1.5), rounded up.
const CLEAR: f32 = 3.5;

/// Every edge keeps `margin` units clear of every circle but its own two: a
/// line through a node would read as a tie with it.
fn assert_edges_clear_of_other_nodes(d: &Dataset, l: &NetworkLayout, margin: f32) {
    for edge in &l.edges {
        for node in &l.nodes {
            if node.actor == edge.actor {
                continue;
            }
            let gap = closest_approach(edge, node);
            assert!(
                gap >= node.radius + margin,
                "focus {}: the edge of {} passes {gap:.1} units from the centre of {}",
                name(d, l.focus.actor),
                name(d, edge.actor),
                name(d, node.actor)
            );
        }
    }
}

#[test]
fn no_edge_crosses_another_node_for_any_focus() {
    let d = common::shipped().dataset;
    for (_, l) in layouts(&d) {
        assert_edges_clear_of_other_nodes(&d, &l, CLEAR);
    }
}

/// However many actors a side has (the rest are not drawn), every edge
/// stays clear of the other circles.
#[test]
fn no_edge_crosses_another_node_with_many_rows() {
    for count in 1..=MAX_PER_SIDE + 3 {
        let (d, focus) = many_backers(count);
        let l = layout::layout(&d, &query::neighbourhood(&d, focus, &Filter::default()));
        assert_edges_clear_of_other_nodes(&d, &l, CLEAR);
    }
}

/// A focus with `backers`, `opponents` and `contacts` (distinct actors).
fn both_sides(backers: usize, opponents: usize, contacts: usize) -> (Dataset, ActorId) {
    let mut b = Builder::new();
    let focus = b.actor("focus", "Focus");
    for (prefix, count, stance) in [
        ("backer", backers, Stance::Backs),
        ("opponent", opponents, Stance::Opposes),
        ("contact", contacts, Stance::Neutral),
    ] {
        for i in 0..count {
            let actor = b.actor(&format!("{prefix}-{i}"), &format!("{prefix} {i}"));
            b.claim(actor, stance, focus, None);
        }
    }
    (b.build(focus), focus)
}

#[test]
fn each_side_holds_its_own_share_opponents_before_contacts() {
    let (d, focus) = both_sides(MAX_PER_SIDE + 3, MAX_PER_SIDE - 3, 6);
    let l = layout::layout(&d, &query::neighbourhood(&d, focus, &Filter::default()));
    let count = |band: Band| l.nodes.iter().filter(|n| n.band == band).count();
    assert_eq!(count(Band::Backing), MAX_PER_SIDE);
    assert_eq!(
        count(Band::Opposing),
        MAX_PER_SIDE - 3,
        "every opponent is drawn"
    );
    // 8 opponents take the row next to the focus and three more (2, 2, 1):
    // one row is left, for two contacts.
    assert_eq!(
        count(Band::Contacts),
        2,
        "contacts fill the rows the opponents leave"
    );
    assert_eq!(l.not_drawn, 3 + 4);
}

#[test]
fn no_edge_crosses_another_node_whatever_the_mix_below_the_focus() {
    for opponents in 0..=MAX_PER_SIDE + 1 {
        for contacts in 0..=MAX_PER_SIDE + 1 {
            let (d, focus) = both_sides(2, opponents, contacts);
            let l = layout::layout(&d, &query::neighbourhood(&d, focus, &Filter::default()));
            assert_edges_clear_of_other_nodes(&d, &l, CLEAR);
            let drawn = l.nodes.len() + l.not_drawn;
            assert_eq!(
                drawn,
                2 + opponents + contacts,
                "every actor drawn or counted"
            );
        }
    }
}

/// Where `node`'s label is drawn, about: each character at most 7 units wide.
fn label_box(node: &Node) -> (f32, f32, f32, f32) {
    let widest = node
        .label
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0) as f32;
    let half = widest * 7.0 / 2.0;
    let top = node.label_y - layout::FONT_SIZE;
    let bottom = node.label_y + layout::LINE_HEIGHT * (node.label.len() as f32 - 1.0) + 3.0;
    (node.label_x - half, top, node.label_x + half, bottom)
}

#[test]
fn no_edge_crosses_its_own_label_for_any_focus() {
    let d = common::shipped().dataset;
    let (many, _) = both_sides(MAX_PER_SIDE, MAX_PER_SIDE - 4, 4);
    let cases = layouts(&d)
        .into_iter()
        .map(|(_, l)| (&d, l))
        .chain(std::iter::once((&many, {
            let focus = many.meta.focus;
            layout::layout(
                &many,
                &query::neighbourhood(&many, focus, &Filter::default()),
            )
        })))
        .collect::<Vec<_>>();
    for (d, l) in &cases {
        for edge in &l.edges {
            let node = l.nodes.iter().find(|n| n.actor == edge.actor).unwrap();
            let (left, top, right, bottom) = label_box(node);
            for i in 0..=100 {
                let (x, y) = edge.point_at(i as f32 / 100.0);
                assert!(
                    !(left < x && x < right && top < y && y < bottom),
                    "focus {}: the edge of {} crosses its label at ({x:.1}, {y:.1})",
                    name(d, l.focus.actor),
                    name(d, edge.actor)
                );
            }
        }
    }
}

fn circles_overlap((x1, y1, r1): (f32, f32, f32), (x2, y2, r2): (f32, f32, f32)) -> bool {
    (x1 - x2).powi(2) + (y1 - y2).powi(2) < (r1 + r2).powi(2)
}

fn circle_meets_box(
    (x, y, r): (f32, f32, f32),
    (left, top, right, bottom): (f32, f32, f32, f32),
) -> bool {
    let nearest = (x.clamp(left, right), y.clamp(top, bottom));
    (x - nearest.0).powi(2) + (y - nearest.1).powi(2) < r * r
}

/// Badges: one per drawn actor, counting the claims of all its edges, and
/// clear of every circle and label, of the band headings (about 8 units a
/// capital) and of each other.
fn assert_badges_clear(d: &Dataset, l: &NetworkLayout) {
    let focus = name(d, l.focus.actor);
    let mut actors: Vec<ActorId> = l.badges.iter().map(|b| b.actor).collect();
    actors.sort();
    let mut drawn: Vec<ActorId> = l.nodes.iter().map(|n| n.actor).collect();
    drawn.sort();
    assert_eq!(actors, drawn, "focus {focus}: one badge per drawn actor");
    for (i, badge) in l.badges.iter().enumerate() {
        let who = name(d, badge.actor);
        let total: usize = l
            .edges
            .iter()
            .filter(|e| e.actor == badge.actor)
            .map(|e| e.claims)
            .sum();
        assert_eq!(
            badge.claims, total,
            "focus {focus}: the badge of {who} counts all its edges"
        );
        let circle = (badge.x, badge.y, layout::BADGE_RADIUS);
        // On the rim of its own node: touching it, its centre (and number)
        // outside the circle.
        let own = l.nodes.iter().find(|n| n.actor == badge.actor).unwrap();
        let reach = (badge.x - own.x).hypot(badge.y - own.y);
        assert!(
            reach > own.radius + 2.0 && reach < own.radius + layout::BADGE_RADIUS,
            "focus {focus}: the badge of {who} is not on its rim"
        );
        for edge in &l.edges {
            for i in 0..=200 {
                let (x, y) = edge.point_at(i as f32 / 200.0);
                let inside = (x - own.x).hypot(y - own.y) < own.radius;
                assert!(
                    inside || (x - badge.x).hypot(y - badge.y) >= layout::BADGE_RADIUS + 1.0,
                    "focus {focus}: the edge of {} crosses the badge of {who}",
                    name(d, edge.actor)
                );
            }
        }
        assert!(
            !circle_meets_box(circle, l.focus.bounds()),
            "focus {focus}: the badge of {who} covers the focus box"
        );
        for node in l.nodes.iter().filter(|n| n.actor != badge.actor) {
            assert!(
                !circles_overlap(circle, (node.x, node.y, node.radius)),
                "focus {focus}: the badge of {who} covers the circle of {}",
                name(d, node.actor)
            );
        }
        for node in all_nodes(l) {
            assert!(
                !circle_meets_box(circle, label_box(node)),
                "focus {focus}: the badge of {who} covers the label of {}",
                name(d, node.actor)
            );
        }
        for heading in &l.headings {
            let width = heading.band.heading().chars().count() as f32 * 8.0;
            let text = (4.0, heading.y - 10.0, 4.0 + width, heading.y + 3.0);
            assert!(
                !circle_meets_box(circle, text),
                "focus {focus}: the badge of {who} covers the heading {:?}",
                heading.band.heading()
            );
        }
        for other in &l.badges[i + 1..] {
            assert!(
                !circles_overlap(circle, (other.x, other.y, layout::BADGE_RADIUS)),
                "focus {focus}: the badges of {who} and {} overlap",
                name(d, other.actor)
            );
        }
    }
}

#[test]
fn badges_are_clear_for_any_focus_and_crowded_neighbourhoods() {
    let d = common::shipped().dataset;
    for (_, l) in layouts(&d) {
        assert_badges_clear(&d, &l);
    }
    for (backers, opponents, contacts) in [(11, 11, 0), (11, 6, 5), (4, 0, 9), (0, 3, 3)] {
        let (d, focus) = both_sides(backers, opponents, contacts);
        let l = layout::layout(&d, &query::neighbourhood(&d, focus, &Filter::default()));
        assert_badges_clear(&d, &l);
    }
}

/// Crowded synthetic neighbourhoods: one side filled row by row (every third
/// actor in two groups), both sides in many mixes, and long names.
fn crowded() -> Vec<(Dataset, NetworkLayout)> {
    let mut cases: Vec<(Dataset, ActorId)> = (1..=MAX_PER_SIDE + 3).map(many_backers).collect();
    for (backers, opponents, contacts) in [
        (11, 11, 0),
        (11, 6, 5),
        (4, 0, 9),
        (0, 3, 3),
        (3, 1, 1),
        (5, 0, 0),
        (0, 2, 4),
        (2, 8, 3),
    ] {
        cases.push(both_sides(backers, opponents, contacts));
    }
    let mut b = Builder::new();
    let focus = b.actor("focus", "The Very Long Named Focus Actor Of Many Words");
    for i in 0..MAX_PER_SIDE {
        let name = format!("Wwwwwwwwwwwww Mmmmmmmmmmmmm Wwwwwwwwww {i}");
        let backer = b.actor(&format!("b-{i}"), &name);
        b.claim(backer, Stance::Backs, focus, None);
        let opponent = b.actor(&format!("o-{i}"), &name);
        b.claim(opponent, Stance::Opposes, focus, None);
        b.claim(focus, Stance::Neutral, opponent, None);
        for _ in 0..i {
            b.claim(backer, Stance::Backs, focus, None);
        }
    }
    cases.push((b.build(focus), focus));
    cases
        .into_iter()
        .map(|(d, focus)| {
            let l = layout::layout(&d, &query::neighbourhood(&d, focus, &Filter::default()));
            (d, l)
        })
        .collect()
}

/// Every layout to check: each focus of the shipped dataset, then the
/// crowded synthetic ones.
fn every_case() -> Vec<(Dataset, NetworkLayout)> {
    let d = common::shipped().dataset;
    let mut cases: Vec<(Dataset, NetworkLayout)> = layouts(&d)
        .into_iter()
        .map(|(_, l)| (d.clone(), l))
        .collect();
    cases.extend(crowded());
    cases
}

/// Half the widest edge (5.5 units).
const HALF_EDGE: f32 = 2.75;

fn inside(
    (x, y): (f32, f32),
    (left, top, right, bottom): (f32, f32, f32, f32),
    margin: f32,
) -> bool {
    left - margin < x && x < right + margin && top - margin < y && y < bottom + margin
}

fn samples(edge: &layout::Edge) -> impl Iterator<Item = (f32, f32)> + '_ {
    (0..=400).map(move |i| edge.point_at(i as f32 / 400.0))
}

#[test]
fn no_edge_enters_the_focus_box_so_none_crosses_its_name() {
    for (d, l) in every_case() {
        let focus = l.focus.bounds();
        // The box holds the whole name and the glyph.
        assert!(inside(
            (l.focus.glyph.0, l.focus.glyph.1),
            focus,
            -l.focus.glyph.2 / 2.0
        ));
        let label = label_box(&l.focus);
        assert!(
            label.0 >= focus.0 && label.2 <= focus.2 && label.1 >= focus.1 && label.3 <= focus.3,
            "focus {}: its name {label:?} is not inside its box {focus:?}",
            name(&d, l.focus.actor)
        );
        for edge in &l.edges {
            for point in samples(edge) {
                assert!(
                    !inside(point, focus, -0.5),
                    "focus {}: the edge of {} enters the focus box at {point:?}",
                    name(&d, l.focus.actor),
                    name(&d, edge.actor)
                );
            }
        }
    }
}

#[test]
fn no_edge_crosses_any_label_for_any_focus_and_crowded_neighbourhoods() {
    for (d, l) in every_case() {
        for edge in &l.edges {
            for node in all_nodes(&l) {
                let label = label_box(node);
                if let Some(point) = samples(edge).find(|p| inside(*p, label, HALF_EDGE)) {
                    panic!(
                        "focus {}: the edge of {} crosses the label {:?} of {} at {point:?}",
                        name(&d, l.focus.actor),
                        name(&d, edge.actor),
                        node.label,
                        name(&d, node.actor)
                    );
                }
            }
        }
    }
}

#[test]
fn no_edge_crosses_another_node_or_a_heading_in_crowded_neighbourhoods() {
    for (d, l) in every_case() {
        assert_edges_clear_of_other_nodes(&d, &l, CLEAR);
        for heading in &l.headings {
            let width = heading.band.heading().chars().count() as f32 * 8.0;
            let text = (4.0, heading.y - 10.0, 4.0 + width, heading.y + 3.0);
            for edge in &l.edges {
                if let Some(point) = samples(edge).find(|p| inside(*p, text, HALF_EDGE)) {
                    panic!(
                        "focus {}: the edge of {} crosses the heading {:?} at {point:?}",
                        name(&d, l.focus.actor),
                        name(&d, edge.actor),
                        heading.band.heading()
                    );
                }
            }
        }
    }
}

#[test]
fn no_two_nodes_overlap_and_all_lie_inside_in_crowded_neighbourhoods() {
    for (d, l) in crowded() {
        let nodes: Vec<&Node> = all_nodes(&l).collect();
        for (i, a) in nodes.iter().enumerate() {
            let (left, top, right, bottom) = a.bounds();
            assert!(left >= 0.0 && right <= WIDTH && top >= 0.0 && bottom <= l.height);
            let label = label_box(a);
            assert!(
                label.0 >= 0.0 && label.2 <= WIDTH,
                "{:?} is cut off",
                a.label
            );
            for b in &nodes[i + 1..] {
                assert!(
                    !overlap(a.bounds(), b.bounds()),
                    "focus {}: {} overlaps {}",
                    name(&d, l.focus.actor),
                    name(&d, a.actor),
                    name(&d, b.actor)
                );
            }
        }
        assert_badges_clear(&d, &l);
    }
}

#[test]
fn node_size_grows_with_the_claims_linking_it_to_the_focus() {
    assert_eq!(layout::node_radius(1), layout::RADIUS);
    for claims in 1..30 {
        assert!(layout::node_radius(claims + 1) >= layout::node_radius(claims));
    }
    assert!(layout::node_radius(4) > layout::node_radius(1) + 3.0);
    assert_eq!(layout::node_radius(9), layout::MAX_RADIUS);
    assert_eq!(layout::node_radius(50), layout::MAX_RADIUS);
    for (d, l) in every_case() {
        for node in &l.nodes {
            let badge = l.badges.iter().find(|b| b.actor == node.actor).unwrap();
            assert_eq!(node.claims, badge.claims);
            assert_eq!(
                node.radius,
                layout::node_radius(node.claims),
                "focus {}: {}",
                name(&d, l.focus.actor),
                name(&d, node.actor)
            );
        }
    }
    // The junta's neighbourhood: Alexander Lukashenko (9 claims) is drawn
    // larger than China (1).
    let d = common::shipped().dataset;
    let junta = common::actor(&d, "myanmar-junta");
    let l = layout::layout(&d, &query::neighbourhood(&d, junta, &Filter::default()));
    let radius = |id: &str| {
        let a = common::actor(&d, id);
        l.nodes.iter().find(|n| n.actor == a).unwrap().radius
    };
    assert!(radius("alexander-lukashenko") > radius("belarus"));
    assert!(radius("belarus") > radius("china"));
}

#[test]
fn every_kind_has_its_own_glyph_drawn_inside_its_node() {
    use who_backs_whom_core::ActorKind;
    let glyphs: HashSet<&str> = ActorKind::ALL.iter().map(|k| layout::glyph(*k)).collect();
    assert_eq!(glyphs.len(), ActorKind::ALL.len(), "one glyph per kind");
    for path in &glyphs {
        // Absolute coordinates stay in the 24-unit box (the paths' relative
        // steps are checked by the browser suite, which measures them).
        assert!(path.starts_with('M'), "{path}");
    }
    for (d, l) in every_case() {
        for node in &l.nodes {
            assert_eq!(node.kind, d.actor(node.actor).kind);
            let (x, y, size) = node.glyph;
            assert_eq!((x, y), (node.x, node.y));
            // The glyph's 21-unit square, scaled to `size`, inside the circle.
            let half_diagonal = size / 24.0 * 10.5 * std::f32::consts::SQRT_2;
            assert!(half_diagonal < node.radius, "{size} in {}", node.radius);
        }
    }
}
