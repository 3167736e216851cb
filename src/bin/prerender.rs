//! Renders the card's initial state to HTML at build time (Yew SSR), for the
//! built page's `<main id="wbw-root">`: content on screen before the wasm
//! arrives, and for readers without JavaScript.
//!
//! Usage: `prerender`; prints the HTML of the page's default state.

use who_backs_whom::{Page, PageProps};

fn main() {
    let config = String::new();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let html = runtime.block_on(async move {
        yew::ServerRenderer::<Page>::with_props(move || PageProps {
            fragment: config.into(),
            hydrated: true,
        })
        .render()
        .await
    });
    print!("{html}");
}
