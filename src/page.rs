//! The standalone page: the card wired to the page URL, so its state lives
//! in the fragment and links and the browser's Back button work. Rendered at
//! build time by the `prerender` binary and taken over by [`crate::entry`].
//!
//! The page owns the card's state ([`use_card`]): a link is applied with
//! [`Action::Reset`] once the card has taken over the prerendered markup,
//! Back and Forward with [`Action::Restore`], and each change is written to
//! the URL a moment later.
//!
//! Architecture invariant: browser calls only inside effects and callbacks
//! (never while rendering), so the same component renders on the server.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use gloo_utils::{history, window};
use who_backs_whom_core::fragment::Options;
use who_backs_whom_core::i18n::Lang;
use who_backs_whom_core::state::Action;
use yew::prelude::*;

use crate::components::card::{use_card, Card};
use crate::context::DatasetRef;

pub fn current_fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Writes `fragment` into the URL: a new history entry when the focus
/// changed (so Back returns to the previous focus), otherwise in place.
fn write_url(fragment: &str, new_entry: bool) {
    if current_fragment().trim_start_matches('#') == fragment {
        return;
    }
    let location = window().location();
    let url = if fragment.is_empty() {
        location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
    } else {
        format!("#{fragment}")
    };
    let history = history();
    if new_entry {
        // Back to an entry the card made is the card's to scroll (tap and
        // see returns the reader to the node they tapped); the browser would
        // restore the position it noted at this push, a moment into the
        // smooth scroll to the claims, after the card's.
        let _ = js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
    }
    let _ = if new_entry {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

/// The first of the reader's browser languages (`navigator.languages`,
/// else `navigator.language`) that the card has.
fn browser_lang() -> Option<Lang> {
    let window: wasm_bindgen::JsValue = window().into();
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).ok()?;
    let get = |key: &str| js_sys::Reflect::get(&navigator, &key.into()).ok();
    let mut tags: Vec<String> = get("languages")
        .filter(|v| v.is_object())
        .map(|list| {
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|t| t.as_string())
                .collect()
        })
        .unwrap_or_default();
    tags.extend(get("language").and_then(|t| t.as_string()));
    Lang::first_known(tags.iter().map(String::as_str))
}

/// How long a change waits before it is written into the URL.
const URL_WRITE_DELAY_MS: u32 = 100;

#[derive(Properties, PartialEq, Clone)]
pub struct PageProps {
    pub dataset: DatasetRef,
    /// The fragment the page was opened with.
    #[prop_or_default]
    pub fragment: AttrValue,
    /// The markup was prerendered: a link that asks for another state is
    /// applied after take-over.
    #[prop_or_default]
    pub hydrated: bool,
    /// The state the page itself shows, in the link language ("" = the
    /// dataset's defaults; `focus=belarus` on that actor's own page): the
    /// fragment applies over it.
    #[prop_or_default]
    pub prerendered: AttrValue,
}

/// The page's own state with the URL fragment over it.
fn page_link(prerendered: &str, fragment: &str) -> String {
    let fragment = fragment.trim_start_matches('#');
    match (prerendered.is_empty(), fragment.is_empty()) {
        (true, _) => fragment.to_string(),
        (false, true) => prerendered.to_string(),
        (false, false) => format!("{prerendered}&{fragment}"),
    }
}

/// The card wired to the page URL.
#[component]
pub fn Page(props: &PageProps) -> Html {
    let dataset = props.dataset.clone();
    let prerendered = props.prerendered.to_string();
    let (link, link_notices) = Options::parse(&dataset, &page_link(&prerendered, &props.fragment));
    let (shown, _) = Options::parse(&dataset, &prerendered);
    // A prerendered page shows its own state; a link to another is applied
    // once the wasm has taken over, so hydration always matches the markup.
    // (Its notices too: the markup has none.)
    let deferred = props.hydrated && (link != shown || !link_notices.is_empty());
    let card = {
        let link = link.clone();
        use_card(dataset.clone(), move || if deferred { shown } else { link })
    };
    let notices = use_state(|| {
        Rc::new(if deferred {
            Vec::new()
        } else {
            link_notices.clone()
        })
    });
    {
        let (card, notices, dataset) = (card.clone(), notices.clone(), dataset.clone());
        use_effect_with((), move |_| {
            if deferred {
                card.dispatch(Action::Reset(link));
                notices.set(Rc::new(link_notices));
            }
            // The browser's languages, read once the card runs (never while
            // rendering: the prerender has none); a link's `lang` still wins.
            card.dispatch(Action::Prefer(browser_lang()));
            let listener = gloo_events::EventListener::new(&window(), "popstate", move |_| {
                let link = page_link(&prerendered, &current_fragment());
                let (options, _) = Options::parse(&dataset, &link);
                card.dispatch(Action::Restore(options));
            });
            move || drop(listener)
        });
    }
    use_url_writer(card.state().options(), &dataset);
    html! { <Card card={card} notices={(*notices).clone()} page=true /> }
}

/// Writes the card's options into the URL a moment after they change, not
/// while the reader waits for the change: a history call costs milliseconds
/// in Chromium, which the panel they asked for would otherwise wait for.
/// Changes in between are written together (a new entry if any of them
/// changed the focus). The first options are the URL's own: nothing to write.
#[hook]
fn use_url_writer(options: Options, dataset: &DatasetRef) {
    let written = use_mut_ref(|| None::<Options>);
    let pending = use_mut_ref(|| None::<(String, bool)>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let dataset = dataset.clone();
    use_effect_with(options, move |options| {
        let Some(previous) = written.replace(Some(options.clone())) else {
            return;
        };
        // A new centre, or details opened where none were, is a step the
        // browser's Back undoes (it closes the details, returning the
        // reader to the actor they chose).
        let focus_changed = previous.snapshot.focus != options.snapshot.focus
            || (previous.snapshot.selected.is_none() && options.snapshot.selected.is_some());
        let earlier_new_entry = pending.borrow().as_ref().is_some_and(|(_, new)| *new);
        *pending.borrow_mut() =
            Some((options.format(&dataset), focus_changed || earlier_new_entry));
        // Replacing the timer cancels the one still waiting.
        *timer.borrow_mut() = Some(Timeout::new(URL_WRITE_DELAY_MS, move || {
            if let Some((fragment, new_entry)) = pending.borrow_mut().take() {
                write_url(&fragment, new_entry);
            }
        }));
    });
}
