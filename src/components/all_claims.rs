//! Every claim about the focus (and the sources panel's content: for a large
//! dataset, the sources those claims cite and the first context items, with
//! how many more there are and where), as plain HTML for readers without the wasm:
//! rendered at build time beside the card (not inside it, so hydration has
//! less to walk), and removed by `web/boot.js` once the card runs, where
//! tapping an actor or the list view reads the same claims.

use std::rc::Rc;

use who_backs_whom_core::i18n::fill;
use who_backs_whom_core::query;
use who_backs_whom_core::{ActorId, Filter};
use yew::prelude::*;

use super::claim::ClaimItem;
use super::i18n::use_lang;
use super::sources::SourcesList;
use crate::context::use_dataset;

/// At most this many claims go into the page: past that the static list
/// costs more bytes than it helps (a dataset of 20,000 claims would put
/// thousands into every page); the rest are in the card and `claims.json`.
pub const MAX_STATIC_CLAIMS: usize = 60;

#[derive(Properties, PartialEq, Clone)]
pub struct AllClaimsProps {
    /// The actor whose claims are listed; the dataset's focus when `None`.
    #[prop_or_default]
    pub focus: Option<ActorId>,
}

#[component]
pub fn AllClaims(props: &AllClaimsProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let focus = props.focus.unwrap_or(dataset.meta.focus);
    let claims = query::claims_involving(dataset, focus, &Filter::default());
    let lang = use_lang();
    let m = lang.catalogue();
    let name = dataset.actor_name(focus, lang);
    let shown = &claims[..claims.len().min(MAX_STATIC_CLAIMS)];
    let more = claims.len() - shown.len();
    html! {
        <section class="wbw wbw-all-claims" aria-labelledby="wbw-all-title" lang={m.code} dir={m.dir}>
            <h2 id="wbw-all-title">{ if more == 0 {
                m.count_with(claims.len(), m.all_claims, &[("name", name)])
            } else {
                fill(m.some_claims, &[("shown", &m.number(shown.len())), ("total", &m.number(claims.len())), ("name", name)])
            } }</h2>
            <p class="wbw-meta">{ m.static_intro }</p>
            <ol class="wbw-claims">
                { for shown.iter().map(|&claim| html! {
                    <li key={claim}><ClaimItem {claim} /></li>
                }) }
            </ol>
            if more > 0 {
                <p class="wbw-meta">{ m.count(more, m.more_elsewhere) }</p>
            }
            <h3>{ fill(m.sources_heading, &[("n", &m.number(dataset.sources.len()))]) }</h3>
            <div class="wbw-sources"><SourcesList shown={Some(Rc::new((dataset.static_sources(shown), dataset.static_context(focus))))} /></div>
        </section>
    }
}
