//! One attributed claim as a reader sees it: what is claimed, who claims it,
//! when, in which source, and the verbatim quote. Every place that shows a
//! claim uses this component, so no view can drop the attribution.

use who_backs_whom_core::model::ClaimIndex;
use yew::prelude::*;

use crate::context::use_card_context;

#[derive(Properties, PartialEq, Clone)]
pub struct ClaimProps {
    pub claim: ClaimIndex,
}

#[component]
pub fn ClaimItem(props: &ClaimProps) -> Html {
    let context = use_card_context();
    let data = context.dataset;
    let dataset: &who_backs_whom_core::Dataset = &data;
    let claim = &dataset.claims[props.claim];
    let subject = &dataset.actor(claim.subject).name;
    let object = &dataset.actor(claim.object).name;
    let claimant = dataset.claimant_name(claim.attributed_to);
    let source = dataset.source(claim.sources[0]);
    let stance_class = format!("wbw-claim wbw-stance-{}", claim.stance.id());
    let cited = {
        let mut parts = vec![source.kind.label().to_string()];
        if let Some(publisher) = &source.publisher {
            parts.push(publisher.to_string());
        }
        if let Some(date) = source.date {
            parts.push(date.to_string());
        }
        parts.join(", ")
    };
    let full_text = format!("{}sources/{}.txt", context.asset_base, source.id);
    html! {
        <article class={stance_class} data-claim={claim.id.to_string()}>
            <p class="wbw-claim-relation">
                <span class="wbw-stance-mark" aria-hidden="true"></span>
                { format!("{subject} → {object}: {}", claim.relation_line()) }
            </p>
            <p class="wbw-claim-summary">{ claim.summary.to_string() }</p>
            <p class="wbw-claim-by">
                <span class="wbw-status">{ claim.status.by_phrase() }</span>{ " " }
                <strong>{ claimant }</strong>
                { claim.date.map(|d| html! { <>{ " · " }<time datetime={d.iso()}>{ d.to_string() }</time></> }) }
            </p>
            <blockquote class="wbw-quote">
                <p>{ format!("“{}”", claim.quote) }</p>
                <footer>
                    { "— " }<cite>{ source.display_title() }</cite>{ format!(" ({cited}). ") }
                    <a href={full_text} class="wbw-source-link">{ "Full text" }</a>
                    { source.url.as_ref().map(|url| html! {
                        <>{ " · " }<a href={url.to_string()} rel="noopener noreferrer" target="_blank">{ "Original" }</a></>
                    }) }
                </footer>
            </blockquote>
            { claim.note.as_ref().map(|note| html! { <p class="wbw-note">{ format!("Editors’ note: {note}") }</p> }) }
        </article>
    }
}
