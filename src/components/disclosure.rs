//! A `<details>` whose content is built only while it is open (filters,
//! sources, embed): nothing in it is rendered, hydrated or kept up to date
//! while it is closed. It must not hold any other state.

use yew::prelude::*;

/// Whether the `<details>` is open, and the `ontoggle` handler that keeps
/// that in step with the element.
#[hook]
pub fn use_details_open() -> (bool, Callback<Event>) {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(details_open(&e)))
    };
    (*open, ontoggle)
}

/// Whether the `<details>` that sent a `toggle` event is now open.
fn details_open(event: &Event) -> bool {
    event
        .target()
        .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
