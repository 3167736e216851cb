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
//! overlap at any width the SVG is scaled to.
//!
//! Architecture invariant: pure arithmetic on the query result; no text
//! measuring (label widths are bounded by a character count).

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
/// Nodes drawn at most; the rest are counted in [`NetworkLayout::not_drawn`].
pub const MAX_NODES: usize = 24;

const BAND_HEADING: f32 = 22.0;
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
    /// Label lines, drawn centred below the circle from `label_y` on.
    pub label: Vec<String>,
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
    /// Linked actors left out because of [`MAX_NODES`].
    pub not_drawn: usize,
}

impl Node {
    /// The node's bounding box (circle and label): (left, top, right, bottom).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        let half = (WIDTH / COLUMNS as f32) / 2.0 - 2.0;
        let bottom = self.label_y + LINE_HEIGHT * (self.label.len() as f32 - 1.0) + 4.0;
        (self.x - half, self.y - self.radius, self.x + half, bottom)
    }
}

/// Lays out `neighbourhood` for drawing.
pub fn layout(dataset: &Dataset, neighbourhood: &Neighbourhood) -> NetworkLayout {
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
    let not_drawn = placed.len().saturating_sub(MAX_NODES);
    placed.truncate(MAX_NODES);

    let cell = WIDTH / COLUMNS as f32;
    let mut y = 0.0;
    let mut nodes = Vec::new();
    let mut headings = Vec::new();
    let mut place_band = |band: Band, y: &mut f32, nodes: &mut Vec<Node>| {
        let members: Vec<ActorId> = placed
            .iter()
            .filter(|(_, b)| *b == band)
            .map(|(a, _)| *a)
            .collect();
        if members.is_empty() {
            return;
        }
        headings.push(BandHeading { band, y: *y + 15.0 });
        *y += BAND_HEADING;
        for row in members.chunks(COLUMNS) {
            let labels: Vec<Vec<String>> = row
                .iter()
                .map(|a| wrap_label(&dataset.actor(*a).name))
                .collect();
            let lines = labels.iter().map(Vec::len).max().unwrap_or(1) as f32;
            let centre_y = *y + CELL_PADDING + RADIUS;
            // Centre short rows: 1 node in the middle cell, 2 around it.
            let offset = (COLUMNS - row.len()) as f32 * cell / 2.0;
            for (i, (actor, label)) in row.iter().zip(labels).enumerate() {
                nodes.push(Node {
                    actor: *actor,
                    band,
                    x: offset + cell * (i as f32 + 0.5),
                    y: centre_y,
                    radius: RADIUS,
                    label,
                    label_y: centre_y + RADIUS + FONT_SIZE + 2.0,
                });
            }
            *y += CELL_PADDING * 2.0 + RADIUS * 2.0 + 4.0 + lines * LINE_HEIGHT;
        }
    };

    place_band(Band::Backing, &mut y, &mut nodes);
    let focus_label = wrap_label(&dataset.actor(neighbourhood.focus).name);
    let focus_y = y + CELL_PADDING + FOCUS_RADIUS + 6.0;
    let focus = Node {
        actor: neighbourhood.focus,
        band: Band::Backing,
        x: WIDTH / 2.0,
        y: focus_y,
        radius: FOCUS_RADIUS,
        label_y: focus_y + FOCUS_RADIUS + FONT_SIZE + 2.0,
        label: focus_label,
    };
    y = focus.bounds().3 + CELL_PADDING + 6.0;
    place_band(Band::Opposing, &mut y, &mut nodes);
    place_band(Band::Contacts, &mut y, &mut nodes);

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

    NetworkLayout {
        width: WIDTH,
        height: y.max(focus.bounds().3) + CELL_PADDING,
        focus,
        nodes,
        edges,
        headings,
        not_drawn,
    }
}

/// Wraps a name into at most [`MAX_LINES`] lines of [`LINE_CHARS`] characters,
/// breaking at spaces (or inside a word longer than a line).
pub fn wrap_label(name: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in name.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > LINE_CHARS {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            lines.push(word.drain(..LINE_CHARS).collect());
        }
        let word: String = word.into_iter().collect();
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if needed > LINE_CHARS && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = &mut lines[MAX_LINES - 1];
        let keep: String = last.chars().take(LINE_CHARS - 1).collect();
        *last = keep + "…";
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
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
