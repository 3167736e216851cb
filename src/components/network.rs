//! The network view: an SVG drawn from the core's precomputed layout (nodes
//! sized by their claims, a glyph for each kind of actor, edges patterned by
//! stance), with a two-line key under it. Nodes are keyboard-operable
//! buttons; the list view is its text equivalent. Computes no geometry.

use std::rc::Rc;

use who_backs_whom_core::i18n::{fill, Catalogue};
use who_backs_whom_core::layout::{
    self, svg_number as n, Band, NetworkLayout, Node, FONT_SIZE, LINE_HEIGHT,
};
use who_backs_whom_core::model::Field;
use who_backs_whom_core::query::{GroupKind, Neighbourhood};
use who_backs_whom_core::state::Action;
use who_backs_whom_core::{ActorId, ActorKind};
use yew::prelude::*;

use super::i18n::{source_lang, use_lang};
use crate::context::use_dataset;

#[derive(Properties, PartialEq, Clone)]
pub struct NetworkProps {
    pub neighbourhood: Rc<Neighbourhood>,
    pub selected: Option<ActorId>,
    pub dispatch: Callback<Action>,
}

fn stance_class(group: GroupKind) -> &'static str {
    match group {
        GroupKind::Backers | GroupKind::BackedByFocus => "wbw-edge wbw-edge-backs",
        GroupKind::Opponents | GroupKind::OpposedByFocus => "wbw-edge wbw-edge-opposes",
        GroupKind::Contacts => "wbw-edge wbw-edge-neutral",
    }
}

fn band_class(band: Band) -> &'static str {
    match band {
        Band::Backing => "wbw-band-backs",
        Band::Opposing => "wbw-band-opposes",
        Band::Contacts => "wbw-band-neutral",
    }
}

/// A scale factor with two decimals ("0.62").
fn factor(value: f32) -> String {
    let hundredths = (value * 100.0).round().max(0.0) as u32;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The kind's glyph centred on `(x, y)`, `size` units across.
fn glyph(kind: ActorKind, (x, y, size): (f32, f32, f32)) -> Html {
    html! {
        <path class={format!("wbw-glyph wbw-glyph-{}", kind.id())} fill-rule="evenodd" d={layout::glyph(kind)}
            transform={format!("translate({} {}) scale({})", n(x), n(y), factor(size / 24.0))} />
    }
}

fn label(node: &Node, lang: Option<&'static str>) -> Html {
    html! {
        <text x={n(node.label_x)} y={n(node.label_y)} text-anchor="middle" font-size={n(FONT_SIZE)} {lang}>
            { for node.label.iter().enumerate().map(|(i, line)| html! {
                // The trailing space keeps wrapped words apart in the text
                // content, so the accessible name contains the visible label.
                <tspan x={n(node.label_x)} dy={if i == 0 { "0".to_string() } else { n(LINE_HEIGHT) }}>{ if node.label_spaced.get(i).copied().unwrap_or(false) { format!("{line} ") } else { line.clone() } }</tspan>
            }) }
        </text>
    }
}

/// A line of the key: a swatch drawn with the edges' own classes.
fn line_key(class: &'static str, text: &'static str) -> Html {
    html! {
        <span class="wbw-key">
            <svg class="wbw-swatch" viewBox="0 0 24 8" aria-hidden="true"><path class={class} d="M1 4H23" /></svg>
            { text }
        </span>
    }
}

/// The key: what the lines say, then what the nodes say (size and number,
/// and the glyph of each kind drawn).
fn legend(m: &Catalogue, drawing: &NetworkLayout) -> Html {
    let mut kinds: Vec<ActorKind> = std::iter::once(&drawing.focus)
        .chain(&drawing.nodes)
        .map(|node| node.kind)
        .collect();
    kinds.sort();
    kinds.dedup();
    html! {
        <figcaption class="wbw-legend">
            <span class="wbw-legend-row">
                { line_key("wbw-edge wbw-edge-backs", m.legend[0]) }
                { line_key("wbw-edge wbw-edge-opposes", m.legend[1]) }
                { line_key("wbw-edge wbw-edge-neutral", m.legend[2]) }
                { line_key("wbw-edge wbw-edge-key wbw-family-military", m.legend[3]) }
                { line_key("wbw-edge wbw-edge-key wbw-family-electoral", m.legend[4]) }
            </span>
            <span class="wbw-legend-row">
                <span class="wbw-key">
                    // A small node, a larger one with a count badge on its rim.
                    <svg class="wbw-swatch wbw-swatch-sizes" viewBox="0 0 34 18" aria-hidden="true">
                        <circle cx="5" cy="12" r="4" /><circle cx="22" cy="10" r="7" />
                        <circle class="wbw-swatch-badge" cx="29" cy="4" r="3.5" />
                    </svg>
                    { m.legend[5] }
                </span>
                { for kinds.iter().map(|kind| html! {
                    <span class="wbw-key">
                        <svg class="wbw-swatch wbw-swatch-glyph" viewBox="-12 -12 24 24" aria-hidden="true">
                            <path class="wbw-glyph" fill-rule="evenodd" d={layout::glyph(*kind)} />
                        </svg>
                        { m.actor_kind(*kind) }
                    </span>
                }) }
            </span>
            if drawing.not_drawn > 0 {
                <span class="wbw-legend-row">{ m.count(drawing.not_drawn, m.not_drawn) }</span>
            }
        </figcaption>
    }
}

#[component]
pub fn NetworkView(props: &NetworkProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let lang = use_lang();
    let m = lang.catalogue();
    let drawing = layout::layout_in(dataset, &props.neighbourhood, lang);
    let focus_name = dataset.actor_name(props.neighbourhood.focus, lang);
    let name_lang = |actor: ActorId| -> Option<&'static str> {
        let record = dataset.actor(actor);
        source_lang(
            lang,
            dataset.localized(lang, Field::ActorName, &record.id, &record.name),
        )
    };
    let groups_of = |actor: ActorId| -> String {
        props
            .neighbourhood
            .groups
            .iter()
            .filter_map(|g| {
                let tie = g.ties.iter().find(|t| t.actor == actor)?;
                Some(fill(
                    m.node_group,
                    &[
                        ("heading", &m.group(g.kind, focus_name)),
                        ("claims", &m.count(tie.count, m.claims)),
                    ],
                ))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let node = |node: &Node| {
        let actor = node.actor;
        let selected = props.selected == Some(actor);
        let name = dataset.actor_name(actor, lang);
        let (left, top, right, bottom) = node.bounds();
        let onclick = props.dispatch.reform(move |_| Action::Select(actor));
        let onkeydown = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    dispatch.emit(Action::Select(actor));
                }
            })
        };
        html! {
            <g key={actor.0} class={classes!("wbw-node", band_class(node.band), selected.then_some("wbw-selected"))} role="button" tabindex="0"
                aria-pressed={selected.to_string()} aria-label={format!("{name}. {}. {}", m.actor_kind(node.kind), groups_of(actor))} {onclick} {onkeydown}>
                // The whole box (circle, gap and label) takes the tap: a large target.
                <rect class="wbw-hit" x={n(left)} y={n(top)}
                    width={n(right - left)} height={n(bottom - top)} />
                <circle class="wbw-disc" cx={n(node.x)} cy={n(node.y)} r={n(node.radius)} />
                { glyph(node.kind, node.glyph) }
                { label(node, name_lang(actor)) }
            </g>
        }
    };
    let focus = &drawing.focus;
    let (left, top, right, bottom) = focus.bounds();
    html! {
        <figure class="wbw-network">
            <svg viewBox={format!("0 0 {} {}", n(drawing.width), n(drawing.height.ceil()))} role="group"
                aria-label={fill(m.network_label, &[("name", focus_name)])}>
                <g class="wbw-edges" aria-hidden="true">
                    { for drawing.edges.iter().map(|e| html! {
                        <path class={format!("{} wbw-family-{}", stance_class(e.group), e.family.id())} d={e.path()} />
                    }) }
                </g>
                { for drawing.headings.iter().map(|h| html! {
                    <text class={classes!("wbw-band", band_class(h.band))} x="4" y={n(h.y)} aria-hidden="true">{ m.bands[h.band as usize] }</text>
                }) }
                <g class="wbw-node wbw-focus" aria-hidden="true">
                    <rect class="wbw-disc" x={n(left)} y={n(top)} width={n(right - left)} height={n(bottom - top)} rx="8" />
                    { glyph(focus.kind, focus.glyph) }
                    { label(focus, name_lang(focus.actor)) }
                </g>
                { for drawing.nodes.iter().map(node) }
                // On the nodes' rims, over them; outside the buttons, whose
                // names then hold their visible labels only (the count is in
                // the name in words). A tap on a badge goes to the node.
                { for drawing.badges.iter().map(|badge| html! {
                    <g class="wbw-badge" aria-hidden="true">
                        <circle cx={n(badge.x)} cy={n(badge.y)} r={n(layout::BADGE_RADIUS)} />
                        <text x={n(badge.x)} y={n(badge.y + 4.0)} text-anchor="middle" font-size="12">{ m.number(badge.claims) }</text>
                    </g>
                }) }
            </svg>
            { legend(m, &drawing) }
        </figure>
    }
}
