//! Geometry of the network view, computed from a [`Neighbourhood`] in one
//! pass with no iteration or simulation: the same data always gives the same
//! picture, and nothing moves on the reader's phone.
//!
//! The focus actor stands in the centre, in a box that holds its name. Actors
//! that back it (or that it backs) stand in rows above; actors that oppose it
//! (or that it opposes) in rows below; contacts without a stated stance in
//! rows at the bottom. Each actor appears once, in the first of those bands
//! that applies, with one edge per group it is in. Nodes stand on a fixed
//! grid of [`COLUMNS`] cells across [`WIDTH`] units, with labels wrapped to
//! fit inside their cell, so labels cannot overlap at any width the SVG is
//! scaled to. A node's size tells how many claims link it to the focus
//! ([`node_radius`]), and a glyph inside it its kind ([`glyph`]).
//!
//! Edges: only the row next to the focus uses the middle column, and its
//! edge runs straight to the focus box. Edges from the outer columns leave
//! their node sideways into one of the two gutters between the columns, run
//! along it past the nearer rows (whose labels are narrower than a cell, so
//! the gutters stay free), and turn to the focus at the row next to it.
//! Every edge ends on the focus box's border. So no edge runs through another
//! actor's circle or label, through its own label, or through the focus's
//! name; labels stand on the side of the circle away from the focus. All of
//! this is tested for every focus of the shipped dataset and for crowded
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
use crate::vocab::{ActorKind, RelationFamily, Stance};

/// Width of the drawing, in SVG user units.
pub const WIDTH: f32 = 360.0;
/// Grid cells per row.
pub const COLUMNS: usize = 3;
/// Radius of a node with one claim; more claims draw it larger, up to
/// [`MAX_RADIUS`].
pub const RADIUS: f32 = 13.0;
/// Radius of the largest node.
pub const MAX_RADIUS: f32 = 22.0;

/// The radius of a node linked to the focus by `claims` claims: it grows
/// with the square root of the count (so the area grows with it, the
/// perception of size), from [`RADIUS`] for one claim to [`MAX_RADIUS`] at
/// nine or more.
pub fn node_radius(claims: usize) -> f32 {
    let extra = (claims.max(1) as f32).sqrt() - 1.0;
    (RADIUS + extra * (MAX_RADIUS - RADIUS) / 2.0).min(MAX_RADIUS)
}

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
/// Characters per label line: a cell is 120 units, and 14 characters of a
/// 12-unit sans-serif font stay under ~98 even in wide glyphs on average,
/// which leaves the gutters between cells free for the edges of far rows.
pub const LINE_CHARS: usize = 14;
/// Lines per label at most; longer names end in "…" (the full name is in the
/// node's accessible name and in the list view).
pub const MAX_LINES: usize = 3;
/// Rows of nodes at most on each side of the focus (above it the backing
/// band; below it the opposing band, then the contacts): the row next to the
/// focus and four farther rows. Actors beyond are counted in
/// [`NetworkLayout::not_drawn`] (the list view has them all).
pub const ROWS_PER_SIDE: usize = 5;
/// Nodes drawn at most on one side: three next to the focus, two in each
/// farther row.
pub const MAX_PER_SIDE: usize = COLUMNS + 2 * (ROWS_PER_SIDE - 1);

/// Height of a band's heading row.
const BAND_HEADING: f32 = 40.0;
const CELL_PADDING: f32 = 10.0;
/// Half the width of the focus box.
pub const FOCUS_HALF_WIDTH: f32 = 84.0;
/// Characters per line of the focus's name, beside its glyph in the box.
pub const FOCUS_LINE_CHARS: usize = 18;
/// Size of the glyph in the focus box.
pub const FOCUS_GLYPH: f32 = 20.0;
/// Distance between the lanes of far edges sharing a gutter, and the most
/// the lanes of one gutter spread in all.
const LANE: f32 = 4.0;
const LANES_SPREAD: f32 = 16.0;
/// Distance between parallel edges of one actor in several groups.
const PARALLEL: f32 = 5.0;

/// A glyph for each kind of actor, as SVG path data in a 24-unit box centred
/// on (0, 0), filled (with `fill-rule="evenodd"`): drawn in the node, scaled
/// to its size, and in the legend. A flag for a state, a person, a building
/// with columns for a government, a star for armed forces, an office block
/// for an organisation, a loudspeaker for media, three people for a group.
pub const fn glyph(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "M-7 -10h2.4v20h-2.4zM-4.6 -10h11.6l-3 4.2 3 4.2h-11.6z",
        ActorKind::Person => {
            "M0 -10.5a4.6 4.6 0 1 1 0 9.2a4.6 4.6 0 1 1 0-9.2zM-8.5 10v-2a6.5 6.5 0 0 1 6.5-6.5h4a6.5 6.5 0 0 1 6.5 6.5v2z"
        }
        ActorKind::Government => {
            "M0 -10.5l10.5 5.5v2h-21v-2zM-8.5 -1.5h3.4v7.5h-3.4zM-1.7 -1.5h3.4v7.5h-3.4zM5.1 -1.5h3.4v7.5h-3.4zM-10.5 7h21v3.5h-21z"
        }
        ActorKind::ArmedForces => {
            "M0 -9.5L2.5 -2.5L10 -2.2L4.1 2.3L6.2 9.5L0 5.3L-6.2 9.5L-4.1 2.3L-10 -2.2L-2.5 -2.5Z"
        }
        ActorKind::Organisation => {
            "M-7.5 -10.5h15v21h-15zM-4.5 -7.5v3h3v-3zM1.5 -7.5v3h3v-3zM-4.5 -1.5v3h3v-3zM1.5 -1.5v3h3v-3zM-1.5 4.5v6h3v-6z"
        }
        ActorKind::Media => "M-10.5 -4h5l10 -6.5v21l-10 -6.5h-5zM7 -5h3v10h-3z",
        ActorKind::Group => {
            "M-7.5 -7a2.8 2.8 0 1 1 0 5.6a2.8 2.8 0 1 1 0-5.6zM-11.1 7v-2.9a3.6 3.6 0 0 1 7.2 0v2.9zM0 -7a2.8 2.8 0 1 1 0 5.6a2.8 2.8 0 1 1 0-5.6zM-3.6 7v-2.9a3.6 3.6 0 0 1 7.2 0v2.9zM7.5 -7a2.8 2.8 0 1 1 0 5.6a2.8 2.8 0 1 1 0-5.6zM3.9 7v-2.9a3.6 3.6 0 0 1 7.2 0v2.9z"
        }
    }
}

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
    pub kind: ActorKind,
    pub band: Band,
    /// Claims linking the actor and the focus, over all its edges (for the
    /// focus: every claim drawn).
    pub claims: usize,
    /// Centre of the circle (of the box, for the focus).
    pub x: f32,
    pub y: f32,
    /// The circle's radius; for the focus, half the height of its box.
    pub radius: f32,
    /// Half the width of the node's cell (of the box, for the focus).
    pub half_width: f32,
    /// Centre of the glyph and its size (the side of its 24-unit box).
    pub glyph: (f32, f32, f32),
    /// Label lines, drawn centred on `label_x` from the baseline `label_y`
    /// on: above the circle in the backing band, below it elsewhere, so that
    /// the node's own edges, which leave towards the focus, never cross its
    /// label; inside the box for the focus.
    pub label: Vec<String>,
    /// Per line: whether the name had a space where the line ends (so the
    /// drawn text keeps words apart, and a syllable break adds no space).
    pub label_spaced: Vec<bool>,
    pub label_x: f32,
    pub label_y: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub actor: ActorId,
    pub group: GroupKind,
    pub claims: usize,
    /// The weightiest kind of relation among the edge's claims.
    pub family: RelationFamily,
    /// The line drawn, from the node (inside its circle) to the border of
    /// the focus box: two points for the row next to the focus, four for
    /// farther rows (into a gutter, along it, then to the focus).
    pub points: Vec<(f32, f32)>,
}

/// The number of claims between an actor and the focus, in a small circle
/// on the rim of its node, on the side away from its edges: one per actor.
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
    /// Where the edge starts, inside its node.
    pub fn from(&self) -> (f32, f32) {
        self.points[0]
    }

    /// Where the edge ends, on the focus box's border.
    pub fn to(&self) -> (f32, f32) {
        self.points[self.points.len() - 1]
    }

    /// SVG path data of the drawn line.
    pub fn path(&self) -> String {
        let mut d = String::new();
        for (i, (x, y)) in self.points.iter().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&svg_number(*x));
            d.push(' ');
            d.push_str(&svg_number(*y));
        }
        d
    }

    /// The point of the drawn line at `t` of its length (0 at the node, 1
    /// on the focus box).
    pub fn point_at(&self, t: f32) -> (f32, f32) {
        let lengths: Vec<f32> = self
            .points
            .windows(2)
            .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
            .collect();
        let mut along = t.clamp(0.0, 1.0) * lengths.iter().sum::<f32>();
        for (w, length) in self.points.windows(2).zip(&lengths) {
            if along <= *length && *length > 0.0 {
                let f = along / length;
                return (
                    w[0].0 + (w[1].0 - w[0].0) * f,
                    w[0].1 + (w[1].1 - w[0].1) * f,
                );
            }
            along -= length;
        }
        self.to()
    }
}

impl Node {
    /// The node's bounding box (circle and label, or the focus box): (left,
    /// top, right, bottom).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        let label_top = self.label_y - FONT_SIZE;
        let label_bottom = self.label_y + LINE_HEIGHT * (self.label.len() as f32 - 1.0) + 4.0;
        (
            self.x - self.half_width,
            (self.y - self.radius).min(label_top),
            self.x + self.half_width,
            (self.y + self.radius).max(label_bottom),
        )
    }
}

/// Lays out `neighbourhood` for drawing, with the names in English.
pub fn layout(dataset: &Dataset, neighbourhood: &Neighbourhood) -> NetworkLayout {
    layout_in(dataset, neighbourhood, Lang::EN)
}

/// Lays out `neighbourhood` with the actors' names in `lang`, in named
/// steps: place each actor in its band, the bands in rows around the focus
/// box, then the edges and the badges.
pub fn layout_in(dataset: &Dataset, neighbourhood: &Neighbourhood, lang: Lang) -> NetworkLayout {
    let (bands, not_drawn) = bands(neighbourhood);
    let claims_of = |actor: ActorId| -> usize {
        neighbourhood
            .groups
            .iter()
            .filter_map(|g| g.ties.iter().find(|t| t.actor == actor))
            .map(|t| t.count)
            .sum()
    };
    let has_opposing = !bands[1].is_empty();
    let mut rows = Rows {
        dataset,
        lang,
        y: 0.0,
        nodes: Vec::new(),
        headings: Vec::new(),
        lone_rows: 0,
        near: [0.0; 2],
    };
    rows.place(Band::Backing, &bands[0], has_opposing, &claims_of);
    let focus = focus_node(dataset, neighbourhood, lang, rows.y);
    rows.y = focus.bounds().3 + CELL_PADDING + 6.0;
    rows.near[1] = f32::MAX;
    rows.place(Band::Opposing, &bands[1], has_opposing, &claims_of);
    rows.place(Band::Contacts, &bands[2], has_opposing, &claims_of);
    let Rows {
        y,
        nodes,
        headings,
        near,
        ..
    } = rows;
    let edges = edges(neighbourhood, &nodes, &focus, near);
    let badges = badges(&nodes, &edges, focus.x);
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

/// Each linked actor once, in the first band that applies, and at most
/// [`ROWS_PER_SIDE`] rows above and below: bands in order, each taking its
/// actors in tie order while rows are left on its side. Also how many are
/// left out.
fn bands(neighbourhood: &Neighbourhood) -> ([Vec<ActorId>; 3], usize) {
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
    let has_opposing = placed.iter().any(|(_, b)| *b == Band::Opposing);
    let mut not_drawn = 0;
    let mut rows_left = [ROWS_PER_SIDE; 2];
    let bands = [Band::Backing, Band::Opposing, Band::Contacts].map(|band| {
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
    (bands, not_drawn + neighbourhood.left_out_actors)
}

/// The actors the network draws around `neighbourhood`'s focus, in band
/// order (what the index's summary of a busy actor keeps).
pub fn drawn_actors(neighbourhood: &Neighbourhood) -> Vec<ActorId> {
    bands(neighbourhood).0.concat()
}

/// The focus box, its top `CELL_PADDING` below `top`: the glyph on the left,
/// the name beside it.
fn focus_node(dataset: &Dataset, neighbourhood: &Neighbourhood, lang: Lang, top: f32) -> Node {
    let (label, label_spaced) = wrap_to(
        dataset.actor_name(neighbourhood.focus, lang),
        2 * FOCUS_LINE_CHARS,
    );
    let height = 28.0 + (label.len() as f32 - 1.0) * LINE_HEIGHT;
    let y = top + CELL_PADDING + height / 2.0;
    let x = WIDTH / 2.0;
    let glyph_x = x - FOCUS_HALF_WIDTH + 8.0 + FOCUS_GLYPH / 2.0;
    let text_left = glyph_x + FOCUS_GLYPH / 2.0 + 4.0;
    Node {
        actor: neighbourhood.focus,
        kind: dataset.actor(neighbourhood.focus).kind,
        band: Band::Backing,
        claims: neighbourhood
            .groups
            .iter()
            .flat_map(|g| &g.ties)
            .map(|t| t.count)
            .sum::<usize>()
            + neighbourhood.left_out_claims,
        x,
        y,
        radius: height / 2.0,
        half_width: FOCUS_HALF_WIDTH,
        glyph: (glyph_x, y, FOCUS_GLYPH),
        label_x: (text_left + x + FOCUS_HALF_WIDTH - 8.0) / 2.0,
        label_y: y - height / 2.0 + 19.0,
        label,
        label_spaced,
    }
}

/// The rows of nodes, placed from the top down.
struct Rows<'a> {
    dataset: &'a Dataset,
    lang: Lang,
    /// Where the next band starts.
    y: f32,
    nodes: Vec<Node>,
    headings: Vec<BandHeading>,
    /// Rows of one node away from the focus alternate between the outer
    /// columns, so that neither side carries them all.
    lone_rows: usize,
    /// The centre line of the row next to the focus above it and below it.
    near: [f32; 2],
}

impl Rows<'_> {
    fn place(
        &mut self,
        band: Band,
        members: &[ActorId],
        has_opposing: bool,
        claims_of: &dyn Fn(ActorId) -> usize,
    ) {
        if members.is_empty() {
            return;
        }
        self.headings.push(BandHeading {
            band,
            y: self.y + 14.0,
        });
        self.y += BAND_HEADING;
        let mut rest = members;
        for (size, next_to_focus) in row_sizes(members.len(), nearest_row(band, has_opposing)) {
            let (row, later) = rest.split_at(size);
            rest = later;
            self.row(band, row, next_to_focus, claims_of);
        }
    }

    fn row(
        &mut self,
        band: Band,
        row: &[ActorId],
        next_to_focus: bool,
        claims_of: &dyn Fn(ActorId) -> usize,
    ) {
        let cell = WIDTH / COLUMNS as f32;
        let labels: Vec<Label> = row
            .iter()
            .map(|a| wrap(self.dataset.actor_name(*a, self.lang)))
            .collect();
        let lines = labels.iter().map(|l| l.0.len()).max().unwrap_or(1) as f32;
        let radius = row
            .iter()
            .map(|a| node_radius(claims_of(*a)))
            .fold(RADIUS, f32::max);
        let above = band == Band::Backing;
        let centre_y = if above {
            self.y + CELL_PADDING + lines * LINE_HEIGHT + 4.0 + radius
        } else {
            self.y + CELL_PADDING + radius
        };
        if next_to_focus {
            self.near[usize::from(!above)] = centre_y;
        }
        for (i, (actor, (label, label_spaced))) in row.iter().zip(labels).enumerate() {
            let column = match (row.len(), next_to_focus) {
                (1, true) => 1,
                (1, false) => {
                    self.lone_rows += 1;
                    if self.lone_rows % 2 == 1 {
                        0
                    } else {
                        2
                    }
                }
                (2, _) => 2 * i,
                _ => i,
            };
            let claims = claims_of(*actor);
            let r = node_radius(claims);
            let label_y = if above {
                // The last line's descenders clear the circle.
                centre_y - r - 6.0 - (label.len() as f32 - 1.0) * LINE_HEIGHT
            } else {
                centre_y + r + FONT_SIZE + 2.0
            };
            let x = cell * (column as f32 + 0.5);
            self.nodes.push(Node {
                actor: *actor,
                kind: self.dataset.actor(*actor).kind,
                band,
                claims,
                x,
                y: centre_y,
                radius: r,
                half_width: cell / 2.0 - 2.0,
                glyph: (x, centre_y, r * 1.15),
                label,
                label_spaced,
                label_x: x,
                label_y,
            });
        }
        self.y += CELL_PADDING * 2.0 + radius * 2.0 + 4.0 + lines * LINE_HEIGHT;
    }
}

/// Where the line from `from` towards `aim` (inside the focus box) meets the
/// box's border, 1 unit outside it.
fn on_focus_box(focus: &Node, from: (f32, f32), aim: (f32, f32)) -> (f32, f32) {
    let (dx, dy) = (from.0 - aim.0, from.1 - aim.1);
    let across = (focus.half_width + 1.0 - (aim.0 - focus.x).abs()) / dx.abs().max(1e-3);
    let down = (focus.radius + 1.0 - (aim.1 - focus.y).abs()) / dy.abs().max(1e-3);
    let u = across.min(down).min(1.0);
    (aim.0 + dx * u, aim.1 + dy * u)
}

/// One edge per drawn actor and group. The middle column (only in the row
/// next to the focus): straight to the focus box (an actor in several
/// groups gets parallel lines). The outer columns: sideways into the gutter
/// on their side, each edge in a lane of its own (the farthest innermost,
/// so that no edge crosses another in the gutter), along it to the row next
/// to the focus, then to the focus box. So the edges of the row next to the
/// focus also keep clear of the band headings at the left and right.
fn edges(neighbourhood: &Neighbourhood, nodes: &[Node], focus: &Node, near: [f32; 2]) -> Vec<Edge> {
    let mut edges = Vec::new();
    // (edge index, gutter, side, distance from the focus) of far edges.
    let mut far: Vec<(usize, usize, usize, f32)> = Vec::new();
    for node in nodes {
        let groups: Vec<(GroupKind, usize, RelationFamily)> = neighbourhood
            .groups
            .iter()
            .filter_map(|g| {
                g.ties
                    .iter()
                    .find(|t| t.actor == node.actor)
                    .map(|t| (g.kind, t.count, t.family))
            })
            .collect();
        let side = usize::from(node.y > focus.y);
        let middle = (node.x - focus.x).abs() < 1.0;
        let spread = groups.len() as f32 - 1.0;
        for (i, (group, claims, family)) in groups.into_iter().enumerate() {
            let offset = (i as f32 - spread / 2.0) * PARALLEL;
            let points = if middle {
                let (dx, dy) = (focus.x - node.x, focus.y - node.y);
                let length = (dx * dx + dy * dy).sqrt().max(1.0);
                let (px, py) = (-dy / length * offset, dx / length * offset);
                let from = (node.x + px, node.y + py);
                vec![from, on_focus_box(focus, from, (focus.x + px, focus.y))]
            } else {
                let gutter = usize::from(node.x > focus.x);
                far.push((edges.len(), gutter, side, (node.y - focus.y).abs()));
                vec![(node.x, node.y + offset)]
            };
            edges.push(Edge {
                actor: node.actor,
                group,
                claims,
                family,
                points,
            });
        }
    }
    route_far_edges(&mut edges, &far, focus, near);
    edges
}

/// Gives each far edge its lane in its gutter and its last three points.
fn route_far_edges(
    edges: &mut [Edge],
    far: &[(usize, usize, usize, f32)],
    focus: &Node,
    near: [f32; 2],
) {
    let cell = WIDTH / COLUMNS as f32;
    for gutter in 0..2 {
        for (side, &near) in near.iter().enumerate() {
            let mut lane: Vec<&(usize, usize, usize, f32)> = far
                .iter()
                .filter(|f| f.1 == gutter && f.2 == side)
                .collect();
            // Nearest first: the outermost lane.
            lane.sort_by(|a, b| a.3.total_cmp(&b.3).then(a.0.cmp(&b.0)));
            let count = lane.len() as f32;
            let step = if count > 1.0 {
                LANE.min(LANES_SPREAD / (count - 1.0))
            } else {
                0.0
            };
            let inward = if gutter == 0 { 1.0 } else { -1.0 };
            let gx = cell * (gutter as f32 + 1.0);
            for (j, &&(index, ..)) in lane.iter().enumerate() {
                let shift = (j as f32 - (count - 1.0) / 2.0) * step * inward;
                let x = gx + shift;
                let start = edges[index].points[0];
                let turn = (x, near);
                let end = on_focus_box(focus, turn, (focus.x + shift, focus.y));
                edges[index].points = vec![start, (x, start.1), turn, end];
            }
        }
    }
}

/// One badge per drawn actor, on the rim of its circle on the side away
/// from its edges and the focus: below and outwards above the focus, above
/// and outwards below it; beside the circle in the middle column.
fn badges(nodes: &[Node], edges: &[Edge], centre: f32) -> Vec<Badge> {
    nodes
        .iter()
        .map(|node| {
            let claims = edges
                .iter()
                .filter(|e| e.actor == node.actor)
                .map(|e| e.claims)
                .sum();
            let reach = node.radius + BADGE_RADIUS - 3.0;
            let (dx, dy) = if (node.x - centre).abs() < 1.0 {
                (-1.0, 0.0)
            } else {
                let out = if node.x < centre { -1.0 } else { 1.0 };
                let away = if node.band == Band::Backing {
                    1.0
                } else {
                    -1.0
                };
                let d = std::f32::consts::FRAC_1_SQRT_2;
                (out * d, away * d)
            };
            Badge {
                actor: node.actor,
                claims,
                x: node.x + dx * reach,
                y: node.y + dy * reach,
            }
        })
        .collect()
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
fn pieces(word: &str, line_width: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut current = 0;
    for (from, to, syllable) in clusters(word) {
        let too_wide = current + text_width(&word[from..to]) > line_width;
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
    wrap_to(name, LINE_WIDTH)
}

/// Wraps a name as [`wrap`] does, into lines of `line_width` units.
fn wrap_to(name: &str, line_width: usize) -> Label {
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    for word in name.split_whitespace() {
        let mut first = true;
        for piece in pieces(word, line_width) {
            let gap = usize::from(first && !current.is_empty()) * 2;
            if !current.is_empty() && text_width(&current) + gap + text_width(piece) > line_width {
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
            if text_width(&keep) + text_width(&last.0[from..to]) + 2 > line_width {
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
