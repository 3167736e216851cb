//! The network view: an SVG drawn from the core's precomputed layout. Nodes
//! are keyboard-operable buttons; the list view is its text equivalent.

use std::rc::Rc;

use who_backs_whom_core::i18n::fill;
use who_backs_whom_core::layout::{self, svg_number as n, Edge, Node, FONT_SIZE, LINE_HEIGHT};
use who_backs_whom_core::model::Field;
use who_backs_whom_core::query::{GroupKind, Neighbourhood};
use who_backs_whom_core::state::Action;
use who_backs_whom_core::ActorId;
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

fn edge_path(edge: &Edge) -> String {
    let ((x1, y1), (x2, y2)) = (edge.from, edge.to);
    let (cx, cy) = edge.control();
    format!(
        "M{} {}Q{} {} {} {}",
        n(x1),
        n(y1),
        n(cx),
        n(cy),
        n(x2),
        n(y2)
    )
}

fn label(node: &Node, lang: Option<&'static str>) -> Html {
    html! {
        <text x={n(node.x)} y={n(node.label_y)} text-anchor="middle" font-size={n(FONT_SIZE)} {lang}>
            { for node.label.iter().enumerate().map(|(i, line)| html! {
                // The trailing space keeps wrapped words apart in the text
                // content, so the accessible name contains the visible label.
                <tspan x={n(node.x)} dy={if i == 0 { "0".to_string() } else { n(LINE_HEIGHT) }}>{ if node.label_spaced.get(i).copied().unwrap_or(false) { format!("{line} ") } else { line.clone() } }</tspan>
            }) }
        </text>
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
                        ("claims", &m.count(tie.claims.len(), m.claims)),
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
            <g key={actor.0} class={classes!("wbw-node", selected.then_some("wbw-selected"))} role="button" tabindex="0"
                aria-pressed={selected.to_string()} aria-label={format!("{name}. {}", groups_of(actor))} {onclick} {onkeydown}>
                // The whole box (circle, gap and label) takes the tap: a large target.
                <rect class="wbw-hit" x={n(left)} y={n(top)}
                    width={n(right - left)} height={n(bottom - top)} />
                <circle cx={n(node.x)} cy={n(node.y)} r={n(node.radius)} />
                { label(node, name_lang(actor)) }
            </g>
        }
    };
    let badge = |badge: &layout::Badge| {
        html! {
            <g class="wbw-badge" aria-hidden="true">
                <circle cx={n(badge.x)} cy={n(badge.y)} r={n(layout::BADGE_RADIUS)} />
                <text x={n(badge.x)} y={n(badge.y + 4.0)} text-anchor="middle" font-size="12">{ m.number(badge.claims) }</text>
            </g>
        }
    };
    html! {
        <figure class="wbw-network">
            <svg viewBox={format!("0 0 {} {}", n(drawing.width), n(drawing.height.ceil()))} role="group"
                aria-label={fill(m.network_label, &[("name", focus_name)])}>
                <g class="wbw-edges" aria-hidden="true">
                    { for drawing.edges.iter().map(|e| html! {
                        <path class={format!("{} wbw-family-{}", stance_class(e.group), e.family.id())} d={edge_path(e)} />
                    }) }
                </g>
                { for drawing.headings.iter().map(|h| html! {
                    <text class="wbw-band" x="4" y={n(h.y)} aria-hidden="true">{ m.bands[h.band as usize] }</text>
                }) }
                { for drawing.badges.iter().map(badge) }
                <g class="wbw-node wbw-focus" aria-hidden="true">
                    <circle cx={n(drawing.focus.x)} cy={n(drawing.focus.y)} r={n(drawing.focus.radius)} />
                    { label(&drawing.focus, name_lang(drawing.focus.actor)) }
                </g>
                { for drawing.nodes.iter().map(node) }
            </svg>
            <figcaption class="wbw-legend">
                <span class="wbw-key wbw-key-backs">{ m.legend[0] }</span>
                <span class="wbw-key wbw-key-opposes">{ m.legend[1] }</span>
                <span class="wbw-key wbw-key-neutral">{ m.legend[2] }</span>
                <span class="wbw-key wbw-key-military">{ m.legend[3] }</span>
                <span class="wbw-key wbw-key-electoral">{ m.legend[4] }</span>
                <span class="wbw-key">{ m.legend[5] }</span>
                if drawing.not_drawn > 0 {
                    <span>{ m.count(drawing.not_drawn, m.not_drawn) }</span>
                }
            </figcaption>
        </figure>
    }
}
