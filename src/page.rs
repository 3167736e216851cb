//! The standalone page: the card wired to the page URL, so its state lives
//! in the fragment and links and the browser's Back button work. Rendered at
//! build time by the `prerender` binary and taken over by [`crate::entry`].
//!
//! Architecture invariant: browser calls only inside effects and callbacks
//! (never while rendering), so the same component renders on the server.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use who_backs_whom_core::fragment::Options;
use yew::prelude::*;

use crate::components::card::{Card, DatasetRef};

fn window() -> web_sys::Window {
    web_sys::window().expect("the card runs in a browser window")
}

pub fn current_fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Writes `options` into the URL: a new history entry when the focus changes
/// (so Back returns to the previous focus), otherwise in place.
fn write_url(dataset: DatasetRef, options: &Options, new_entry: bool) {
    let fragment = options.format(dataset.0);
    let current = current_fragment();
    if current.trim_start_matches('#') == fragment {
        return;
    }
    let location = window().location();
    let url = if fragment.is_empty() {
        location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
    } else {
        format!("#{fragment}")
    };
    if let Ok(history) = window().history() {
        let _ = if new_entry {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// How long a change waits before it is written into the URL.
const URL_WRITE_DELAY_MS: i32 = 100;

#[derive(Properties, PartialEq)]
pub struct PageProps {
    /// The fragment the page was opened with.
    #[prop_or_default]
    pub fragment: AttrValue,
    /// The markup was prerendered with the defaults: apply `fragment` after take-over.
    #[prop_or_default]
    pub hydrated: bool,
}

/// The card wired to the page URL.
#[component]
pub fn Page(props: &PageProps) -> Html {
    let dataset = DatasetRef::default();
    // A prerendered page shows the defaults; a deep link is applied once the
    // wasm has taken over, so hydration always matches the markup.
    let config = use_state(|| {
        if props.hydrated {
            AttrValue::default()
        } else {
            props.fragment.clone()
        }
    });
    let revision = use_state(|| 0u32);
    // Bumped once when a deep link replaces the prerendered defaults: a fresh
    // card in that state (no back trail), not a step from the defaults.
    let generation = use_state(|| 0u8);
    let last_focus = use_mut_ref(|| None);
    {
        let config = config.clone();
        let revision = revision.clone();
        let generation = generation.clone();
        let fragment = props.fragment.clone();
        let hydrated = props.hydrated;
        use_effect_with((), move |_| {
            if hydrated && !fragment.is_empty() {
                config.set(fragment);
                generation.set(1);
            }
            let count = std::cell::Cell::new(*revision);
            let on_popstate = Closure::<dyn Fn()>::new(move || {
                config.set(current_fragment().into());
                count.set(count.get() + 1);
                revision.set(count.get());
            });
            let _ = window()
                .add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
            move || {
                let _ = window().remove_event_listener_with_callback(
                    "popstate",
                    on_popstate.as_ref().unchecked_ref(),
                );
            }
        });
    }
    // The URL is written a moment after the change, not while the reader
    // waits for it: a history call costs milliseconds in Chromium, which the
    // panel they asked for would otherwise wait for. Changes in between are
    // written together (a new entry if any of them asked for one).
    let pending = use_mut_ref(|| None::<(Options, bool)>);
    let on_change = Callback::from(move |options: Options| {
        let focus = options.snapshot.focus;
        let previous = last_focus.replace(Some(focus));
        let new_entry = previous.is_some_and(|p| p != focus);
        let scheduled = {
            let mut slot = pending.borrow_mut();
            let scheduled = slot.is_some();
            let earlier_new_entry = slot.as_ref().is_some_and(|(_, new)| *new);
            *slot = Some((options, new_entry || earlier_new_entry));
            scheduled
        };
        if !scheduled {
            let pending = pending.clone();
            let write = Closure::once_into_js(move || {
                if let Some((options, new_entry)) = pending.borrow_mut().take() {
                    write_url(dataset, &options, new_entry);
                }
            });
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
                write.unchecked_ref(),
                URL_WRITE_DELAY_MS,
            );
        }
    });
    // Back/Forward restores the linked state in the running card.
    html! { <Card key={*generation} config={(*config).clone()} revision={*revision} {on_change} /> }
}
