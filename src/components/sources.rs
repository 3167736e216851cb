//! The sources panel: every document the card cites, with how many claims
//! come from it, the background it gives, and the data downloads.

use who_backs_whom_core::state::plural;
use yew::prelude::*;

use super::card::DatasetRef;

#[derive(Properties, PartialEq, Clone)]
pub struct SourcesProps {
    pub dataset: DatasetRef,
    #[prop_or_default]
    pub asset_base: AttrValue,
}

#[component]
pub fn SourcesPanel(props: &SourcesProps) -> Html {
    let dataset = props.dataset.0;
    let counts = dataset.claims_per_source();
    let base = &props.asset_base;
    html! {
        <details class="wbw-sources">
            <summary>{ format!("Sources, background and data ({})", dataset.sources.len()) }</summary>
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
        </details>
    }
}
