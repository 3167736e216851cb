//! Geometry of the network view, computed from a [`Neighbourhood`] in one
//! pass with no iteration or simulation: the same data always gives the same
//! picture, and nothing moves on the reader's phone.
//!
//! The focus actor sits in the centre. Actors that back it (or that it backs)
//! stand in rows above; actors that oppose it (or that it opposes) in rows
//! below; contacts without a stated stance in rows at the bottom. Each actor
//! appears once, in the first of those bands that applies, with one edge per
//! group it is in. Nodes stand on a fixed grid of [`COLUMNS`] cells across
//! [`WIDTH`] units, with labels wrapped to fit their cell, so labels cannot
//! overlap at any width the SVG is scaled to. Only the row next to the focus
//! uses the middle column, and a side holds at most [`ROWS_PER_SIDE`] rows,
//! so no edge runs through another actor's circle; labels stand on the side
//! of the circle away from the focus, so no edge runs through its own label.
//! Both are tested for every focus of the shipped dataset and for crowded
//! synthetic ones.
//!
//! Labels wrap at spaces and, in scripts written without spaces (Burmese),
//! at syllable boundaries ([`break_before`]); never inside a cluster of a
//! base character and its combining marks.
//!
//! Architecture invariant: pure arithmetic on the query result; no text
//! measuring (label widths are bounded by a count of [`width`] units).

use crate::i18n::Lang;
use crate::model::{ActorId, Dataset};
use crate::query::{GroupKind, Neighbourhood};
use crate::vocab::{RelationFamily, Stance};

/// Width of the drawing, in SVG user units.
pub const WIDTH: f32 = 360.0;
/// Grid cells per row.
pub const COLUMNS: usize = 3;
/// Node radius.
pub const RADIUS: f32 = 15.0;

/// A coordinate for SVG markup with one decimal ("12.3", "-0.5"). Integer
/// arithmetic only, so the wasm carries no float-formatting code for it.
pub fn svg_number(value: f32) -> String {
    let tenths = (value * 10.0).round() as i32;
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.unsigned_abs();
    if tenths % 10 == 0 {
        format!("{sign}{}", tenths / 10)
    } else {
        format!("{sign}{}.{}", tenths / 10, tenths % 10)
    }
}
/// Label font size and line height.
pub const FONT_SIZE: f32 = 12.0;
pub const LINE_HEIGHT: f32 = 14.0;
/// Characters per label line: a cell is 120 units, and 16 characters of a
/// 12-unit sans-serif font stay under ~110 even in wide glyphs on average.
pub const LINE_CHARS: usize = 16;
/// Lines per label at most; longer names end in "…" (the full name is in the
/// node's accessible name and in the list view).
pub const MAX_LINES: usize = 3;
/// Rows of nodes at most on each side of the focus (above it the backing
/// band; below it the opposing band, then the contacts): the row next to the
/// focus and four farther rows. Deeper, the edges of the farthest rows would
/// run onto the circles of the nearer. Actors beyond are counted in
/// [`NetworkLayout::not_drawn`] (the list view has them all).
pub const ROWS_PER_SIDE: usize = 5;
/// Nodes drawn at most on one side: three next to the focus, two in each
/// farther row.
pub const MAX_PER_SIDE: usize = COLUMNS + 2 * (ROWS_PER_SIDE - 1);

const BAND_HEADING: f32 = 30.0;
const CELL_PADDING: f32 = 10.0;
const FOCUS_RADIUS: f32 = 24.0;

/// Which band of the picture an actor stands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Backing,
    Opposing,
    Contacts,
}

impl Band {
    pub const fn of(group: GroupKind) -> Band {
        match group {
            GroupKind::Backers | GroupKind::BackedByFocus => Band::Backing,
            GroupKind::Opponents | GroupKind::OpposedByFocus => Band::Opposing,
            GroupKind::Contacts => Band::Contacts,
        }
    }

    pub const fn heading(self) -> &'static str {
        match self {
            Band::Backing => "Backing ties",
            Band::Opposing => "Opposing ties",
            Band::Contacts => "Contacts",
        }
    }

    pub const fn stance(self) -> Stance {
        match self {
            Band::Backing => Stance::Backs,
            Band::Opposing => Stance::Opposes,
            Band::Contacts => Stance::Neutral,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub actor: ActorId,
    pub band: Band,
    /// Centre of the circle.
    pub x: f32,
    pub y: f32,
    pub radius: f32,
    /// Label lines, drawn centred from the baseline `label_y` on: above the
    /// circle in the backing band, below it elsewhere, so that the node's
    /// own edges, which leave towards the focus, never cross its label.
    pub label: Vec<String>,
    /// Per line: whether the name had a space where the line ends (so the
    /// drawn text keeps words apart, and a syllable break adds no space).
    pub label_spaced: Vec<bool>,
    pub label_y: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub actor: ActorId,
    pub group: GroupKind,
    pub claims: usize,
    /// The weightiest kind of relation among the edge's claims.
    pub family: RelationFamily,
    /// From the node's centre to the focus's centre, bent by `bend` units
    /// sideways when an actor has several edges, so they stay apart.
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub bend: f32,
}

/// The number of claims between an actor and the focus, in a small circle
/// on its edge: one per actor, over all its edges.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub actor: ActorId,
    pub claims: usize,
    pub x: f32,
    pub y: f32,
}

/// Radius of a [`Badge`].
pub const BADGE_RADIUS: f32 = 9.5;

#[derive(Clone, Debug, PartialEq)]
pub struct BandHeading {
    pub band: Band,
    pub y: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NetworkLayout {
    pub width: f32,
    pub height: f32,
    pub focus: Node,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub headings: Vec<BandHeading>,
    pub badges: Vec<Badge>,
    /// Linked actors left out because of [`MAX_PER_SIDE`].
    pub not_drawn: usize,
}

impl Edge {
    /// The control point of the quadratic curve the edge is drawn as: the
    /// midpoint of `from`–`to`, moved `bend` units sideways.
    pub fn control(&self) -> (f32, f32) {
        let ((x1, y1), (x2, y2)) = (self.from, self.to);
        let (dx, dy) = (x2 - x1, y2 - y1);
        let length = (dx * dx + dy * dy).sqrt().max(1.0);
        (
            (x1 + x2) / 2.0 - dy / length * self.bend,
            (y1 + y2) / 2.0 + dx / length * self.bend,
        )
    }

    /// The point of the drawn curve at `t` (0 at `from`, 1 at `to`).
    pub fn point_at(&self, t: f32) -> (f32, f32) {
        let ((x1, y1), (x2, y2), (cx, cy)) = (self.from, self.to, self.control());
        let u = 1.0 - t;
        (
            u * u * x1 + 2.0 * u * t * cx + t * t * x2,
            u * u * y1 + 2.0 * u * t * cy + t * t * y2,
        )
    }
}

impl Node {
    /// The node's bounding box (circle and label): (left, top, right, bottom).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        let half = (WIDTH / COLUMNS as f32) / 2.0 - 2.0;
        let label_top = self.label_y - FONT_SIZE;
        let label_bottom = self.label_y + LINE_HEIGHT * (self.label.len() as f32 - 1.0) + 4.0;
        (
            self.x - half,
            (self.y - self.radius).min(label_top),
            self.x + half,
            (self.y + self.radius).max(label_bottom),
        )
    }
}

/// Lays out `neighbourhood` for drawing, with the names in English.
pub fn layout(dataset: &Dataset, neighbourhood: &Neighbourhood) -> NetworkLayout {
    layout_in(dataset, neighbourhood, Lang::EN)
}

/// Lays out `neighbourhood` with the actors' names in `lang`.
pub fn layout_in(dataset: &Dataset, neighbourhood: &Neighbourhood, lang: Lang) -> NetworkLayout {
    // Each actor once, in the first band that applies.
    let mut placed: Vec<(ActorId, Band)> = Vec::new();
    for group in &neighbourhood.groups {
        for tie in &group.ties {
            let band = Band::of(group.kind);
            match placed.iter_mut().find(|(a, _)| *a == tie.actor) {
                Some((_, existing)) => *existing = (*existing).min(band),
                None => placed.push((tie.actor, band)),
            }
        }
    }
    // At most ROWS_PER_SIDE rows above and below: bands in order, each
    // taking its actors in tie order while rows are left on its side.
    let has_opposing = placed.iter().any(|(_, b)| *b == Band::Opposing);
    let mut not_drawn = 0;
    let mut rows_left = [ROWS_PER_SIDE; 2];
    let [backing, opposing, contacts] =
        [Band::Backing, Band::Opposing, Band::Contacts].map(|band| {
            let rows = &mut rows_left[usize::from(band != Band::Backing)];
            let nearest = nearest_row(band, has_opposing);
            let mut members: Vec<ActorId> = placed
                .iter()
                .filter(|(_, b)| *b == band)
                .map(|(a, _)| *a)
                .collect();
            let take = members.len().min(match (*rows, nearest) {
                (0, _) => 0,
                (rows, Nearest::None) => 2 * rows,
                (rows, _) => COLUMNS + 2 * (rows - 1),
            });
            *rows -= row_sizes(take, nearest).len();
            not_drawn += members.len() - take;
            members.truncate(take);
            members
        });

    let cell = WIDTH / COLUMNS as f32;
    let mut y = 0.0;
    let mut nodes = Vec::new();
    let mut headings = Vec::new();
    // Rows of one node away from the focus alternate between the outer
    // columns, so that neither side carries them all.
    let mut lone_rows = 0;
    let mut place_band = |band: Band, members: &[ActorId], y: &mut f32, nodes: &mut Vec<Node>| {
        if members.is_empty() {
            return;
        }
        headings.push(BandHeading { band, y: *y + 15.0 });
        *y += BAND_HEADING;
        let mut rest = members;
        for (size, next_to_focus) in row_sizes(members.len(), nearest_row(band, has_opposing)) {
            let (row, later) = rest.split_at(size);
            rest = later;
            let labels: Vec<Label> = row
                .iter()
                .map(|a| wrap(dataset.actor_name(*a, lang)))
                .collect();
            let lines = labels.iter().map(|l| l.0.len()).max().unwrap_or(1) as f32;
            let above = band == Band::Backing;
            let centre_y = if above {
                *y + CELL_PADDING + lines * LINE_HEIGHT + 4.0 + RADIUS
            } else {
                *y + CELL_PADDING + RADIUS
            };
            for (i, (actor, (label, label_spaced))) in row.iter().zip(labels).enumerate() {
                let column = match (row.len(), next_to_focus) {
                    (1, true) => 1,
                    (1, false) => {
                        lone_rows += 1;
                        if lone_rows % 2 == 1 {
                            0
                        } else {
                            2
                        }
                    }
                    (2, _) => 2 * i,
                    _ => i,
                };
                let label_y = if above {
                    // The last line's descenders clear the circle.
                    centre_y - RADIUS - 6.0 - (label.len() as f32 - 1.0) * LINE_HEIGHT
                } else {
                    centre_y + RADIUS + FONT_SIZE + 2.0
                };
                nodes.push(Node {
                    actor: *actor,
                    band,
                    x: cell * (column as f32 + 0.5),
                    y: centre_y,
                    radius: RADIUS,
                    label,
                    label_spaced,
                    label_y,
                });
            }
            *y += CELL_PADDING * 2.0 + RADIUS * 2.0 + 4.0 + lines * LINE_HEIGHT;
        }
    };

    place_band(Band::Backing, &backing, &mut y, &mut nodes);
    let (focus_label, focus_spaced) = wrap(dataset.actor_name(neighbourhood.focus, lang));
    let focus_y = y + CELL_PADDING + FOCUS_RADIUS + 6.0;
    let focus = Node {
        actor: neighbourhood.focus,
        band: Band::Backing,
        x: WIDTH / 2.0,
        y: focus_y,
        radius: FOCUS_RADIUS,
        label_y: focus_y + FOCUS_RADIUS + FONT_SIZE + 2.0,
        label: focus_label,
        label_spaced: focus_spaced,
    };
    y = focus.bounds().3 + CELL_PADDING + 6.0;
    place_band(Band::Opposing, &opposing, &mut y, &mut nodes);
    place_band(Band::Contacts, &contacts, &mut y, &mut nodes);

    let mut edges = Vec::new();
    for node in &nodes {
        let groups: Vec<(GroupKind, usize, RelationFamily)> = neighbourhood
            .groups
            .iter()
            .filter_map(|g| {
                g.ties.iter().find(|t| t.actor == node.actor).map(|t| {
                    let family = t
                        .claims
                        .iter()
                        .map(|&c| dataset.claims[c].relation.family())
                        .max()
                        .unwrap_or(RelationFamily::Political);
                    (g.kind, t.claims.len(), family)
                })
            })
            .collect();
        let spread = groups.len() as f32 - 1.0;
        for (i, (group, claims, family)) in groups.into_iter().enumerate() {
            edges.push(Edge {
                actor: node.actor,
                group,
                claims,
                family,
                from: (node.x, node.y),
                to: (focus.x, focus.y),
                bend: (i as f32 - spread / 2.0) * 18.0,
            });
        }
    }

    let badges = badges(&nodes, &edges);
    NetworkLayout {
        width: WIDTH,
        height: y.max(focus.bounds().3) + CELL_PADDING,
        focus,
        nodes,
        badges,
        edges,
        headings,
        not_drawn,
    }
}

/// One badge per drawn actor, on its first edge, clear of its circle and
/// label: where the edge runs down to the focus, below the node's box;
/// otherwise just past the circle. With several edges, on the straight line
/// between them.
fn badges(nodes: &[Node], edges: &[Edge]) -> Vec<Badge> {
    let mut badges: Vec<Badge> = Vec::new();
    for edge in edges {
        if badges.iter().any(|b| b.actor == edge.actor) {
            continue;
        }
        let (count, claims) = edges
            .iter()
            .filter(|o| o.actor == edge.actor)
            .fold((0, 0), |(n, t), o| (n + 1, t + o.claims));
        let ((x1, y1), (x2, y2)) = (edge.from, edge.to);
        let length = ((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt().max(1.0);
        let bottom = nodes
            .iter()
            .find(|n| n.actor == edge.actor)
            .map_or(y1 + RADIUS, |n| n.bounds().3);
        let t = if y2 > y1 + 1.0 {
            ((bottom + 10.0 - y1) / (y2 - y1)).clamp(0.0, 0.6)
        } else {
            ((RADIUS + 12.0) / length).min(0.6)
        };
        let bend = if count > 1 { 0.0 } else { edge.bend * 0.3 };
        badges.push(Badge {
            actor: edge.actor,
            claims,
            x: x1 + (x2 - x1) * t + bend,
            y: y1 + (y2 - y1) * t,
        });
    }
    badges
}

/// Which row of a band stands next to the focus.
#[derive(Clone, Copy, PartialEq)]
enum Nearest {
    First,
    Last,
    /// Another band is between this one and the focus.
    None,
}

/// Where `band`'s row next to the focus is: backing stands above the focus,
/// the others below it, contacts after the opposing band if there is one.
fn nearest_row(band: Band, opposing: bool) -> Nearest {
    match band {
        Band::Backing => Nearest::Last,
        Band::Contacts if opposing => Nearest::None,
        _ => Nearest::First,
    }
}

// `row_sizes` and the columns in `layout` are written for three columns.
const _: () = assert!(COLUMNS == 3);

/// The rows of a band of `count` actors, in drawing order: how many nodes
/// each holds, and whether it is the row next to the focus. Only that row
/// uses the middle column (one node stands there, three fill the row): every
/// edge from a farther row runs to the focus through the middle, and a node
/// on it would read as part of that tie. Farther rows hold two, in the outer
/// columns, which those edges pass between.
fn row_sizes(count: usize, nearest: Nearest) -> Vec<(usize, bool)> {
    let near = match nearest {
        Nearest::None => 0,
        _ => count.min(COLUMNS),
    };
    let far = count - near;
    let far_rows = (0..far).step_by(2).map(|i| ((far - i).min(2), false));
    let near_row = (near > 0).then_some((near, true));
    match nearest {
        Nearest::Last => far_rows.chain(near_row).collect(),
        _ => near_row.into_iter().chain(far_rows).collect(),
    }
}

/// Width units per label line: a Latin letter is 2, a Burmese base
/// character 3 (its glyphs are wider), a combining mark 0.
pub const LINE_WIDTH: usize = 2 * LINE_CHARS;

/// A mark that belongs to the character before it (Burmese vowel signs,
/// medials, tone marks, asat, virama; Unicode combining marks; joiners).
pub fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{102B}'..='\u{103E}' | '\u{1056}'..='\u{1059}' | '\u{105E}'..='\u{1060}'
        | '\u{1062}'..='\u{1064}' | '\u{1067}'..='\u{106D}' | '\u{1071}'..='\u{1074}'
        | '\u{1082}'..='\u{108D}' | '\u{108F}' | '\u{109A}'..='\u{109D}'
        | '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// How wide `c` draws, in [`LINE_WIDTH`] units.
pub fn width(c: char) -> usize {
    match c {
        c if is_mark(c) => 0,
        '\u{1000}'..='\u{109F}' => 3,
        _ => 2,
    }
}

const ASAT: char = '\u{103A}';
const VIRAMA: char = '\u{1039}';

/// Whether a line may break before `chars[i]` inside a run without spaces:
/// before a Burmese consonant (U+1000–U+1021) that starts a syllable, i.e.
/// not stacked under a virama and not closed by an asat or virama among
/// its own marks; never before a mark.
pub fn break_before(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if i == 0 || !('\u{1000}'..='\u{1021}').contains(&c) || chars[i - 1] == VIRAMA {
        return false;
    }
    !chars[i + 1..]
        .iter()
        .take_while(|m| is_mark(**m))
        .any(|m| *m == ASAT || *m == VIRAMA)
}

/// The clusters (a base and its marks) of `word`, as byte ranges, with
/// whether a syllable may start at each.
fn clusters(word: &str) -> Vec<(usize, usize, bool)> {
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    let mut at = 0;
    for (i, c) in chars.iter().enumerate() {
        let len = c.len_utf8();
        match out.last_mut() {
            Some(last) if is_mark(*c) || chars[i - 1] == VIRAMA => last.1 = at + len,
            _ => out.push((at, at + len, i > 0 && break_before(&chars, i))),
        }
        at += len;
    }
    out
}

fn text_width(text: &str) -> usize {
    text.chars().map(width).sum()
}

/// The pieces a word may be cut into: syllables in Burmese, the whole word
/// elsewhere; a piece wider than a line is cut between clusters.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut current = 0;
    for (from, to, syllable) in clusters(word) {
        let too_wide = current + text_width(&word[from..to]) > LINE_WIDTH;
        if from > start && (syllable || too_wide) {
            out.push(&word[start..from]);
            start = from;
            current = 0;
        }
        current += text_width(&word[from..to]);
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// A wrapped label: its lines, and per line whether a space followed it.
type Label = (Vec<String>, Vec<bool>);

/// Wraps a name into at most [`MAX_LINES`] lines of [`LINE_WIDTH`] units,
/// breaking at spaces, then at syllables, then between clusters; a longer
/// name ends in "…".
fn wrap(name: &str) -> Label {
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    for word in name.split_whitespace() {
        let mut first = true;
        for piece in pieces(word) {
            let gap = usize::from(first && !current.is_empty()) * 2;
            if !current.is_empty() && text_width(&current) + gap + text_width(piece) > LINE_WIDTH {
                lines.push((std::mem::take(&mut current), first));
            } else if first && !current.is_empty() {
                current.push(' ');
            }
            current.push_str(piece);
            first = false;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push((current, false));
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = &mut lines[MAX_LINES - 1];
        let mut keep = String::new();
        for (from, to, _) in clusters(&last.0) {
            if text_width(&keep) + text_width(&last.0[from..to]) + 2 > LINE_WIDTH {
                break;
            }
            keep.push_str(&last.0[from..to]);
        }
        *last = (keep + "…", false);
    }
    lines.into_iter().unzip()
}

/// Wraps a name into at most [`MAX_LINES`] lines of at most [`LINE_WIDTH`]
/// units ([`LINE_CHARS`] Latin letters), breaking at spaces, at Burmese
/// syllables, or between clusters inside a word longer than a line.
pub fn wrap_label(name: &str) -> Vec<String> {
    wrap(name).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_within_the_line_budget() {
        assert_eq!(wrap_label("Belarus"), vec!["Belarus"]);
        assert_eq!(
            wrap_label("Defend Myanmar Democracy"),
            vec!["Defend Myanmar", "Democracy"]
        );
        let long = wrap_label("Credible international election monitors of many lands and seas");
        assert_eq!(long.len(), MAX_LINES);
        assert!(long.iter().all(|l| l.chars().count() <= LINE_CHARS));
        assert!(long[MAX_LINES - 1].ends_with('…'));
        let unbroken = wrap_label("Supercalifragilisticexpialidocious");
        assert!(
            unbroken.iter().all(|l| l.chars().count() <= LINE_CHARS),
            "{unbroken:?}"
        );
    }
}
