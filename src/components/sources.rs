//! The sources panel: every document the card cites, with how many claims
//! come from it, the background it gives, and the data downloads.

use who_backs_whom_core::state::plural;
use yew::prelude::*;

use crate::context::{use_card_context, use_dataset};

/// The panel in the card: its content is built when a reader opens it (the
/// prerendered page carries the same content in its static block, see
/// `all_claims.rs`), so hydration does not walk it.
#[component]
pub fn SourcesPanel() -> Html {
    let data = use_dataset();
    let (open, ontoggle) = super::disclosure::use_details_open();
    html! {
        <details class="wbw-sources" {ontoggle}>
            <summary>{ format!("Sources, background and data ({})", data.sources.len()) }</summary>
            if open {
                <SourcesList />
            }
        </details>
    }
}

/// Every source with its claim count, the background items and the downloads.
#[component]
pub fn SourcesList() -> Html {
    let context = use_card_context();
    let data = context.dataset;
    let dataset: &who_backs_whom_core::Dataset = &data;
    let counts = dataset.claims_per_source();
    let base = &context.asset_base;
    html! {
        <>
            <ul>
                { for dataset.sources.iter().zip(counts).map(|(source, count)| html! {
                    <li>
                        <cite>{ source.display_title() }</cite>
                        { format!(" — {}{}{}: {} {}. ", source.kind.label(),
                            source.publisher.as_ref().map(|p| format!(", {p}")).unwrap_or_default(),
                            source.date.map(|d| format!(", {d}")).unwrap_or_default(),
                            count, plural(count, "claim", "claims")) }
                        if source.title_supplied { { "(The document has no title of its own; the bracketed title is the editors’.) " } }
                        if source.publisher.is_none() { { "(The document does not name its publisher.) " } }
                        <a href={format!("{base}sources/{}.txt", source.id)}>{ "Full text" }</a>
                    </li>
                }) }
            </ul>
            if !dataset.context.is_empty() {
                <h4>{ "Background" }</h4>
                <ul class="wbw-context">
                    { for dataset.context.iter().map(|item| html! {
                        <li>
                            { item.summary.to_string() }
                            <span class="wbw-by">{ format!(" — {}.", dataset.attribution_line(item.status,
                                item.attributed_to, item.date, &item.sources)) }</span>
                            <q class="wbw-quote-inline">{ item.quote.to_string() }</q>
                        </li>
                    }) }
                </ul>
            }
            <p class="wbw-downloads">
                { "Download the data: " }
                <a href={format!("{base}claims.json")} download="claims.json">{ "claims.json" }</a>{ " · " }
                <a href={format!("{base}claims.csv")} download="claims.csv">{ "claims.csv" }</a>
            </p>
        </>
    }
}
