//! The sources panel: every document the card cites, with how many claims
//! come from it, the background it gives, and the data downloads.

use who_backs_whom_core::i18n::fill;
use who_backs_whom_core::model::Field;
use yew::prelude::*;

use super::i18n::{use_lang, DataText};

use crate::context::{use_card_context, use_dataset};

/// The panel in the card: its content is built when a reader opens it (the
/// prerendered page carries the same content in its static block, see
/// `all_claims.rs`), so hydration does not walk it.
#[component]
pub fn SourcesPanel() -> Html {
    let data = use_dataset();
    let m = use_lang().catalogue();
    let (open, ontoggle) = super::disclosure::use_details_open();
    html! {
        <details class="wbw-sources" {ontoggle}>
            <summary>{ fill(m.sources_heading, &[("n", &m.number(data.sources.len()))]) }</summary>
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
    let lang = use_lang();
    let m = lang.catalogue();
    let counts = dataset.claims_per_source();
    let base = &context.asset_base;
    html! {
        <>
            <ul>
                { for dataset.sources.iter().zip(counts).map(|(source, count)| html! {
                    <li>
                        <cite lang="en">{ source.display_title() }</cite>
                        { format!(" — {}{}{}: {}. ", m.source_kind(source.kind),
                            source.publisher.as_ref().map(|p| format!("{}{p}", m.list_sep)).unwrap_or_default(),
                            source.date.map(|d| format!("{}{}", m.list_sep, m.date(d))).unwrap_or_default(),
                            m.count(count, m.claims)) }
                        if source.title_supplied { { m.title_supplied } }
                        if source.publisher.is_none() { { m.no_publisher } }
                        <a href={format!("{base}sources/{}.txt", source.id)}>{ m.full_text }</a>
                    </li>
                }) }
            </ul>
            if !dataset.context.is_empty() {
                <h4>{ m.background }</h4>
                <ul class="wbw-context">
                    { for dataset.context.iter().map(|item| html! {
                        <li>
                            <DataText field={Field::ContextSummary} id={item.id.to_string()} original={item.summary.to_string()} />
                            <span class="wbw-by">{ format!(" — {}.", m.attribution_line(item.status,
                                &dataset.claimant_name_in(item.attributed_to, lang), item.date,
                                item.sources.first().map(|s| dataset.source(*s).display_title()).as_deref())) }</span>
                            <q class="wbw-quote-inline" lang="en">{ item.quote.to_string() }</q>
                        </li>
                    }) }
                </ul>
            }
            <p class="wbw-downloads">
                { m.download }
                <a href={format!("{base}claims.json")} download="claims.json">{ "claims.json" }</a>{ " · " }
                <a href={format!("{base}claims.csv")} download="claims.csv">{ "claims.csv" }</a>
            </p>
        </>
    }
}
