//! Every claim about the focus, as plain HTML for readers without the wasm:
//! rendered at build time beside the card (not inside it, so hydration has
//! less to walk), and removed by `web/boot.js` once the card runs, where
//! tapping an actor or the list view reads the same claims.

use who_backs_whom_core::query;
use who_backs_whom_core::state::plural;
use who_backs_whom_core::{ActorId, Filter};
use yew::prelude::*;

use super::card::DatasetRef;
use super::claim::ClaimItem;

#[derive(Properties, PartialEq, Clone)]
pub struct AllClaimsProps {
    #[prop_or_default]
    pub dataset: DatasetRef,
    /// The actor whose claims are listed; the dataset's focus when `None`.
    #[prop_or_default]
    pub focus: Option<ActorId>,
}

#[component]
pub fn AllClaims(props: &AllClaimsProps) -> Html {
    let dataset = props.dataset.0;
    let focus = props.focus.unwrap_or(dataset.meta.focus);
    let claims = query::claims_involving(dataset, focus, &Filter::default());
    let name = &dataset.actor(focus).name;
    html! {
        <section class="wbw wbw-all-claims" aria-labelledby="wbw-all-title">
            <h2 id="wbw-all-title">{ format!("All {} {} about {name}", claims.len(), plural(claims.len(), "claim", "claims")) }</h2>
            <p class="wbw-meta">{ "Each with who makes it, when, the source and a verbatim quote." }</p>
            <ol class="wbw-claims">
                { for claims.iter().map(|&claim| html! {
                    <li key={claim}><ClaimItem dataset={props.dataset} {claim} /></li>
                }) }
            </ol>
        </section>
    }
}
