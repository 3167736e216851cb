//! One attributed claim as a reader sees it: what is claimed, who claims it
//! with its status, when, and in which source, always on view; the relation,
//! the verbatim quote, the full citation and the editors' note one tap away
//! (a `<details>` that print opens). Every place that shows a
//! claim uses this component, so no view can drop the attribution. The
//! quote is never translated: it stays in the source's words, marked
//! `lang="en"`; the summary and note are shown in the card's language where
//! the dataset has them, with the original one tap away.

use who_backs_whom_core::i18n::fill;
use who_backs_whom_core::model::{ClaimIndex, Field};
use yew::prelude::*;

use super::i18n::{use_lang, DataText};
use crate::context::use_card_context;

#[derive(Properties, PartialEq, Clone)]
pub struct ClaimProps {
    pub claim: ClaimIndex,
}

#[component]
pub fn ClaimItem(props: &ClaimProps) -> Html {
    let context = use_card_context();
    let lang = use_lang();
    let m = lang.catalogue();
    let data = context.dataset;
    let dataset: &who_backs_whom_core::Dataset = &data;
    let claim = &dataset.claims[props.claim];
    let subject = dataset.actor_name(claim.subject, lang);
    let object = dataset.actor_name(claim.object, lang);
    let claimant = dataset.claimant_name_in(claim.attributed_to, lang);
    let source = dataset.source(claim.sources[0]);
    let stance_class = format!("wbw-claim wbw-stance-{}", claim.stance.id());
    let cited = {
        let mut parts = vec![m.source_kind(source.kind).to_string()];
        if let Some(publisher) = &source.publisher {
            parts.push(publisher.to_string());
        }
        if let Some(date) = source.date {
            parts.push(m.date(date));
        }
        parts.join(m.list_sep)
    };
    let (by_before, by_after) = m.attributed_parts(claim.status);
    let full_text = format!("{}sources/{}.txt", context.asset_base, source.id);
    let id = claim.id.to_string();
    let (in_before, in_after) = m
        .in_source_short
        .split_once("{source}")
        .unwrap_or((m.in_source_short, ""));
    html! {
        <article class={stance_class} data-claim={id.clone()}>
            <p class="wbw-claim-summary">
                <span class="wbw-stance-mark" aria-hidden="true"></span>
                <DataText field={Field::ClaimSummary} id={id.clone()} original={claim.summary.to_string()} />
            </p>
            <p class="wbw-claim-by">
                <span class="wbw-status">{ by_before }</span>
                <strong>{ claimant }</strong>
                <span class="wbw-status">{ by_after }</span>
                { claim.date.map(|d| html! { <>{ " · " }<time datetime={d.iso()}>{ m.date(d) }</time></> }) }
                { " · " }{ in_before }<cite class="wbw-claim-source" lang="en">{ source.display_title() }</cite>{ in_after }
            </p>
            <details class="wbw-claim-more">
                <summary>{ m.quote_and_source }</summary>
                <p class="wbw-claim-relation">
                    { format!("{subject} → {object}: {}", m.relation_line(claim.relation, claim.stance, &claim.hedges)) }
                </p>
                <blockquote class="wbw-quote" lang="en">
                    <p>{ format!("“{}”", claim.quote) }</p>
                    <footer lang={m.code}>
                        { "— " }<cite lang="en">{ source.display_title() }</cite>{ format!(" ({cited}). ") }
                        <a href={full_text} class="wbw-source-link">{ m.full_text }</a>
                        { source.url.as_ref().map(|url| html! {
                            <>{ " · " }<a href={url.to_string()} rel="noopener noreferrer" target="_blank">{ m.original_link }</a></>
                        }) }
                    </footer>
                </blockquote>
                { claim.note.as_ref().map(|note| html! {
                    <p class="wbw-note">
                        { fill(m.editors_note, &[("note", "")]) }
                        <DataText field={Field::ClaimNote} id={id.clone()} original={note.to_string()} />
                    </p>
                }) }
            </details>
        </article>
    }
}
