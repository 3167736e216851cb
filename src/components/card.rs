//! The card: header, focus bar, view switch, filters, the chosen view, the
//! detail panel, sources and the live region. A controlled component: its
//! state lives in a [`CardControl`] that its owner makes with [`use_card`]
//! (the standalone page, the embed, an app) and steers with actions.

use std::rc::Rc;

use who_backs_whom_core::fragment::{Notice, Options, Theme};
use who_backs_whom_core::query::{self, Neighbourhood};
use who_backs_whom_core::state::{plural, Action, CardState, View};
use yew::prelude::*;

use super::detail::Detail;
use super::filters::Filters;
use super::list::ListView;
use super::network::NetworkView;
use super::share::SharePanel;
use super::sources::SourcesPanel;
use super::timeline::TimelineView;
use crate::context::{use_dataset, DatasetRef};

/// The reducer's state with the dataset it reads.
#[derive(Clone, PartialEq)]
pub struct CardModel {
    dataset: DatasetRef,
    pub state: CardState,
}

impl Reducible for CardModel {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = self.state.reduce(&self.dataset, action);
        Rc::new(CardModel {
            dataset: self.dataset.clone(),
            state,
        })
    }
}

/// The one owner of a card's state: read `handle.state`, change it with
/// `handle.dispatch(action)`.
pub type CardControl = UseReducerHandle<CardModel>;

/// A card's state, starting from `initial` (options over the dataset of the
/// surrounding context).
#[hook]
pub fn use_card(initial: impl FnOnce() -> Options) -> CardControl {
    let dataset = use_dataset();
    use_reducer(move || CardModel {
        dataset,
        state: CardState::new(initial()),
    })
}

#[derive(Properties, PartialEq, Clone)]
pub struct CardProps {
    /// The card's state, from [`use_card`].
    pub card: CardControl,
    /// What was wrong with the options the card was given (shown, and logged once).
    #[prop_or_default]
    pub notices: Rc<Vec<Notice>>,
}

#[component]
pub fn Card(props: &CardProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let notices = props.notices.clone();
    let model = props.card.clone();
    use_effect_with(notices.clone(), |notices| {
        // One console line per configuration, for the editor who wrote it.
        #[cfg(not(target_arch = "wasm32"))]
        let _ = notices;
        #[cfg(target_arch = "wasm32")]
        if !notices.is_empty() {
            let all: Vec<String> = notices.iter().map(|n| n.message()).collect();
            web_sys::console::warn_1(&format!("who-backs-whom: {}", all.join(" ")).into());
        }
    });
    let state = &model.state;
    let neighbourhood: Rc<Neighbourhood> =
        use_memo((state.focus, state.filter.clone()), |(focus, filter)| {
            query::neighbourhood(dataset, *focus, filter)
        });
    // When the control a reader used goes away (closing the details, a new
    // centre, the last step back), keyboard focus moves to the question
    // instead of falling to the page.
    let title_ref = use_node_ref();
    let focus_moves = use_state(|| 0u32);
    {
        let title_ref = title_ref.clone();
        use_effect_with(*focus_moves, move |moves| {
            if *moves > 0 {
                if let Some(title) = title_ref.cast::<web_sys::HtmlElement>() {
                    let _ = title.focus();
                }
            }
        });
    }
    let dispatch = {
        let model = model.clone();
        let focus_moves = focus_moves.clone();
        Callback::from(move |action: Action| {
            let removes_control =
                matches!(action, Action::Deselect | Action::Refocus(_) | Action::Back);
            model.dispatch(action);
            if removes_control {
                focus_moves.set(*focus_moves + 1);
            }
        })
    };

    let focus_name = &dataset.actor(state.focus).name;
    let theme = match state.theme {
        Theme::Auto => None,
        theme => Some(theme.id()),
    };
    let view_button = |view: View| {
        let onclick = dispatch.reform(move |_| Action::SetView(view));
        html! {
            <button type="button" class="wbw-tab" aria-pressed={(state.view == view).to_string()} {onclick}>
                { view.label() }
            </button>
        }
    };
    let back = state.trail.last().map(|previous| {
        let onclick = dispatch.reform(|_| Action::Back);
        html! {
            <button type="button" class="wbw-back" {onclick}>
                { format!("← Back to {}", dataset.actor(*previous).name) }
            </button>
        }
    });
    let empty = neighbourhood.shown_claims == 0;
    html! {
        <section class="wbw" data-theme={theme} aria-labelledby="wbw-title">
            if state.show_header {
                <header class="wbw-header">
                    <h2 id="wbw-title" class="wbw-title">{ dataset.meta.title.to_string() }</h2>
                    <p class="wbw-meta">
                        { format!("{} attributed claims from {} {}, dated up to {}. Every claim says who makes it.",
                            dataset.claims.len(), dataset.sources.len(),
                            plural(dataset.sources.len(), "source", "sources"), dataset.meta.as_of) }
                    </p>
                </header>
            } else {
                <h2 id="wbw-title" class="wbw-visually-hidden">{ dataset.meta.title.to_string() }</h2>
            }
            if !notices.is_empty() {
                <div class="wbw-notice" role="status">
                    <p>{ "Some options were not understood, so the card uses its defaults for them:" }</p>
                    <ul>{ for notices.iter().map(|n| html! { <li>{ n.message() }</li> }) }</ul>
                </div>
            }
            <div class="wbw-focusbar">
                { back.unwrap_or_default() }
                <h3 class="wbw-focus-title" tabindex="-1" ref={title_ref}>{ format!("Who backs {focus_name}, and who opposes it?") }</h3>
                <p class="wbw-focus-desc">{ dataset.actor(state.focus).description.to_string() }</p>
            </div>
            <div class="wbw-toolbar">
                <div class="wbw-tabs" role="group" aria-label="View">
                    { for View::ALL.into_iter().map(view_button) }
                </div>
                <Filters filter={state.filter.clone()}
                    shown={neighbourhood.shown_claims} total={neighbourhood.total_claims}
                    dispatch={dispatch.clone()} />
            </div>
            if empty && neighbourhood.total_claims > 0 {
                <div class="wbw-empty">
                    <p>{ "No claims match these filters." }</p>
                    <button type="button" onclick={dispatch.reform(|_| Action::ClearFilters)}>{ "Clear filters" }</button>
                </div>
            } else if empty {
                <p class="wbw-empty">{ format!("The sources make no claims about {focus_name}.") }</p>
            } else {
                <div class="wbw-view">
                    { match state.view {
                        View::Network => html! { <NetworkView neighbourhood={neighbourhood.clone()}
                            selected={state.selected} dispatch={dispatch.clone()} /> },
                        View::List => html! { <ListView neighbourhood={neighbourhood.clone()}
                            selected={state.selected} dispatch={dispatch.clone()} /> },
                        View::Timeline => html! { <TimelineView filter={state.filter.clone()}
                            focus={state.focus} /> },
                    } }
                </div>
            }
            if let Some(selected) = state.selected {
                <Detail actor={selected} focus={state.focus}
                    filter={state.filter.clone()} dispatch={dispatch.clone()} />
            }
            <SourcesPanel />
            <SharePanel options={state.options()} />
            <p class="wbw-live wbw-visually-hidden" aria-live="polite">{ &state.announcement }</p>
        </section>
    }
}
