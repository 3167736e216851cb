//! The standalone page's wasm entry point: take over the prerendered
//! [`Page`] (hydration) or render it into an empty root.
//!
//! Architecture invariant: only wiring to the browser.

use yew::prelude::*;

use crate::page::{current_fragment, Page, PageProps};

/// Id of the element the standalone page renders the card into.
pub const ROOT_ID: &str = "wbw-root";

/// Starts the card on the standalone page.
pub fn start() {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a window has a document");
    // A host page (the script embed) has no root: it calls `embed::mount`.
    let Some(root) = document.get_element_by_id(ROOT_ID) else {
        return;
    };
    let fragment: AttrValue = current_fragment().into();
    #[cfg(feature = "hydration")]
    if root.child_element_count() > 0 {
        yew::Renderer::<Page>::with_root_and_props(
            root,
            PageProps {
                fragment,
                hydrated: true,
            },
        )
        .hydrate();
        return;
    }
    yew::Renderer::<Page>::with_root_and_props(
        root,
        PageProps {
            fragment,
            hydrated: false,
        },
    )
    .render();
}
