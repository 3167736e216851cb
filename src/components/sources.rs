//! The sources panel: every document the card cites, with how many claims
//! come from it, the background it gives, and the data downloads. For a
//! dataset in parts the index carries none of these (only their number):
//! the panel fetches the sources file the first time it opens.

use std::rc::Rc;

use who_backs_whom_core::codec;
use who_backs_whom_core::i18n::fill;
use who_backs_whom_core::model::{Field, SourceId};
use yew::prelude::*;

use super::i18n::{use_lang, DataText};

use crate::context::{use_card_context, CardContext, DatasetRef};

/// The panel in the card: its content is built when a reader opens it (the
/// prerendered page carries the same content in its static block, see
/// `all_claims.rs`), so hydration does not walk it.
#[component]
pub fn SourcesPanel() -> Html {
    let card = use_card_context();
    let data = card.dataset.clone();
    let m = use_lang().catalogue();
    let (open, ontoggle) = super::disclosure::use_details_open();
    let (sources, retry) = use_sources_file(open);
    html! {
        <details class="wbw-sources" {ontoggle}>
            <summary>{ fill(m.sources_heading, &[("n", &m.number(data.sources.len()))]) }</summary>
            if open {
                { match sources {
                    SourcesFile::Ready(dataset) => {
                        let context = CardContext { dataset, asset_base: card.asset_base.clone() };
                        html! {
                            <ContextProvider<CardContext> {context}>
                                <SourcesList />
                            </ContextProvider<CardContext>>
                        }
                    }
                    SourcesFile::Failed => html! {
                        <div class="wbw-notice wbw-part-failed" role="alert">
                            <p>{ m.sources_failed }</p>
                            <button type="button" onclick={retry}>{ m.try_again }</button>
                        </div>
                    },
                    SourcesFile::Wanted | SourcesFile::Loading => html! {
                        <p class="wbw-loading" role="status">{ m.loading_sources }</p>
                    },
                } }
            }
        </details>
    }
}

/// Where the sources panel's content stands.
#[derive(Clone, PartialEq)]
enum SourcesFile {
    /// To fetch, once the panel is open.
    Wanted,
    Loading,
    /// The dataset with every source and context item in.
    Ready(DatasetRef),
    /// The fetch or the file failed: a retry notice.
    Failed,
}

/// The dataset the panel lists: the card's own when it has every source
/// (a dataset in one piece), else the card's with the sources file merged,
/// fetched from the card's own origin the first time the panel opens (the
/// service worker keeps it, as it keeps the parts) and again on "Try again".
#[hook]
fn use_sources_file(open: bool) -> (SourcesFile, Callback<MouseEvent>) {
    let context = use_card_context();
    let state = use_state_eq(|| SourcesFile::Wanted);
    let file = context.dataset.missing_sources().map(str::to_string);
    {
        let state = state.clone();
        let (dataset, base) = (context.dataset.clone(), context.asset_base.clone());
        let wanted = open && *state == SourcesFile::Wanted;
        use_effect_with((wanted, file.clone()), move |(wanted, file)| {
            if let (true, Some(file)) = (*wanted, file) {
                state.set(SourcesFile::Loading);
                fetch_sources(format!("{base}{file}"), move |text| {
                    let merged = text.and_then(|t| codec::decode_sources(&dataset, &t).ok());
                    state.set(match merged {
                        Some(d) => SourcesFile::Ready(DatasetRef(Rc::new(d))),
                        None => SourcesFile::Failed,
                    });
                });
            }
        });
    }
    let retry = {
        let state = state.clone();
        Callback::from(move |_| state.set(SourcesFile::Wanted))
    };
    match file {
        None => (SourcesFile::Ready(context.dataset), retry),
        Some(_) => ((*state).clone(), retry),
    }
}

/// GETs `url` and hands over its text (`None` on any failure), as the card
/// fetches a part.
fn fetch_sources(url: String, done: impl FnOnce(Option<String>) + 'static) {
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        done(crate::context::fetch_text(&url).await);
    });
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = url;
        done(None);
    }
}

#[derive(Properties, PartialEq, Clone, Default)]
pub struct SourcesListProps {
    /// The static list of a page: the sources and context items it names
    /// (for a large dataset those its claims cite and the items capped:
    /// [`who_backs_whom_core::Dataset::static_sources`], `static_context`,
    /// which the prerenderer alone calls), with a line for how many more
    /// there are and where. `None` in the card's panel: everything.
    #[prop_or_default]
    pub shown: Option<Rc<(Vec<SourceId>, Vec<usize>)>>,
}

/// The sources with their claim counts, the background items and the downloads.
#[component]
pub fn SourcesList(props: &SourcesListProps) -> Html {
    let context = use_card_context();
    let data = context.dataset;
    let dataset: &who_backs_whom_core::Dataset = &data;
    let lang = use_lang();
    let m = lang.catalogue();
    let counts = dataset.claims_per_source();
    let base = &context.asset_base;
    let (sources, items): (Vec<SourceId>, Vec<usize>) = match &props.shown {
        Some(shown) => (**shown).clone(),
        None => (
            (0..dataset.sources.len())
                .map(|s| SourceId(s as u16))
                .collect(),
            (0..dataset.context.len()).collect(),
        ),
    };
    let more_sources = dataset.sources.len() - sources.len();
    let more_items = dataset.context.len() - items.len();
    html! {
        <>
            <ul>
                { for sources.iter().map(|&id| {
                    let source = dataset.source(id);
                    let count = counts.get(usize::from(id.0)).copied().unwrap_or(0);
                    html! {
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
                    }
                }) }
            </ul>
            if more_sources > 0 {
                <p class="wbw-meta">{ m.count(more_sources, m.more_sources) }</p>
            }
            if !items.is_empty() {
                <h4>{ m.background }</h4>
                <ul class="wbw-context">
                    { for items.iter().map(|&at| {
                        let item = &dataset.context[at];
                        html! {
                            <li>
                                <DataText field={Field::ContextSummary} id={item.id.to_string()} original={item.summary.to_string()} />
                                <span class="wbw-by">{ format!(" — {}.", m.attribution_line(item.status,
                                    &dataset.claimant_name_in(item.attributed_to, lang), item.date,
                                    item.sources.first().map(|s| dataset.source(*s).display_title()).as_deref())) }</span>
                                <q class="wbw-quote-inline" lang="en">{ item.quote.to_string() }</q>
                            </li>
                        }
                    }) }
                </ul>
            }
            if more_items > 0 {
                <p class="wbw-meta">{ m.count(more_items, m.more_background) }</p>
            }
            <p class="wbw-downloads">
                { m.download }
                <a href={format!("{base}claims.json")} download="claims.json">{ "claims.json" }</a>{ " · " }
                <a href={format!("{base}claims.csv")} download="claims.csv">{ "claims.csv" }</a>
            </p>
        </>
    }
}
