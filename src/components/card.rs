//! The card: header, focus bar, view switch, filters, the chosen view, the
//! detail panel, sources and the live region. Owns the reducer.

use std::rc::Rc;

use who_backs_whom_core::fragment::{Notice, Options, Theme};
use who_backs_whom_core::query::{self, Neighbourhood};
use who_backs_whom_core::state::{plural, Action, CardState, View};
use who_backs_whom_core::Dataset;
use yew::prelude::*;

use super::detail::Detail;
use super::filters::Filters;
use super::list::ListView;
use super::network::NetworkView;
use super::share::SharePanel;
use super::sources::SourcesPanel;
use super::timeline::TimelineView;

/// A dataset compiled into the program; compared by address.
#[derive(Clone, Copy, Debug)]
pub struct DatasetRef(pub &'static Dataset);

impl PartialEq for DatasetRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Default for DatasetRef {
    /// The dataset this build compiled in.
    fn default() -> Self {
        DatasetRef(&crate::data::DATASET)
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct CardProps {
    /// The dataset to show; defaults to the one compiled into this build.
    #[prop_or_default]
    pub dataset: DatasetRef,
    /// Initial options in the link/embed language, e.g. `"focus=belarus&view=list"`
    /// (see `who_backs_whom_core::fragment`). Unknown values show a notice.
    #[prop_or_default]
    pub config: AttrValue,
    /// Overrides `focus` in `config`: an actor id.
    #[prop_or_default]
    pub focus: Option<AttrValue>,
    /// Overrides `view` in `config`.
    #[prop_or_default]
    pub view: Option<View>,
    /// Overrides `theme` in `config`.
    #[prop_or_default]
    pub theme: Option<Theme>,
    /// Called with the new options after every change (for URL sync and host events).
    #[prop_or_default]
    pub on_change: Option<Callback<Options>>,
    /// Base URL of the data downloads and source copies ("" = beside the page).
    #[prop_or_default]
    pub asset_base: AttrValue,
    /// Bump to apply `config` again even when its text is unchanged (a host's
    /// `set`, the browser's Back to the same link). A new `config` or
    /// `revision` restores that state in the running card, keeping its trail.
    #[prop_or_default]
    pub revision: u32,
}

/// The reducer's state with the dataset it reads.
#[derive(Clone, PartialEq)]
struct Model {
    dataset: DatasetRef,
    state: CardState,
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = self.state.reduce(self.dataset.0, action);
        Rc::new(Model {
            dataset: self.dataset,
            state,
        })
    }
}

/// The options `props` ask for, and what was wrong with them.
pub fn initial_options(props: &CardProps) -> (Options, Vec<Notice>) {
    let dataset = props.dataset.0;
    let (mut options, mut notices) = Options::parse(dataset, &props.config);
    let overrides = [
        ("focus", props.focus.as_ref().map(|f| f.to_string())),
        ("view", props.view.map(|v| v.id().to_string())),
        ("theme", props.theme.map(|t| t.id().to_string())),
    ];
    for (key, value) in overrides {
        if let Some(value) = value {
            if let Err(notice) = options.set(dataset, key, &value) {
                notices.push(notice);
            }
        }
    }
    if options.snapshot.selected == Some(options.snapshot.focus) {
        options.snapshot.selected = None;
    }
    (options, notices)
}

#[component]
pub fn Card(props: &CardProps) -> Html {
    let dataset = props.dataset.0;
    let notices = use_memo(props.clone(), |props| initial_options(props).1);
    let model = {
        let props = props.clone();
        use_reducer(move || Model {
            dataset: props.dataset,
            state: CardState::new(initial_options(&props).0),
        })
    };
    {
        // A later config (not the first) is restored into the running card.
        let model = model.clone();
        let props = props.clone();
        let first = use_mut_ref(|| true);
        use_effect_with((props.config.clone(), props.revision), move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                model.dispatch(Action::Restore(initial_options(&props).0));
            }
        });
    }
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
    {
        let on_change = props.on_change.clone();
        use_effect_with(state.options(), move |options| {
            if let Some(on_change) = on_change {
                on_change.emit(options.clone());
            }
        });
    }
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
                <Filters dataset={props.dataset} filter={state.filter.clone()}
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
                        View::Network => html! { <NetworkView dataset={props.dataset} neighbourhood={neighbourhood.clone()}
                            selected={state.selected} dispatch={dispatch.clone()} /> },
                        View::List => html! { <ListView dataset={props.dataset} neighbourhood={neighbourhood.clone()}
                            selected={state.selected} dispatch={dispatch.clone()} /> },
                        View::Timeline => html! { <TimelineView dataset={props.dataset} filter={state.filter.clone()}
                            focus={state.focus} /> },
                    } }
                </div>
            }
            if let Some(selected) = state.selected {
                <Detail dataset={props.dataset} actor={selected} focus={state.focus}
                    filter={state.filter.clone()} dispatch={dispatch.clone()} asset_base={props.asset_base.clone()} />
            }
            <SourcesPanel dataset={props.dataset} asset_base={props.asset_base.clone()} />
            <SharePanel dataset={props.dataset} options={state.options()} asset_base={props.asset_base.clone()} />
            <p class="wbw-live wbw-visually-hidden" aria-live="polite">{ &state.announcement }</p>
        </section>
    }
}
