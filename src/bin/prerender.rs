//! Renders the card's initial state to HTML at build time (Yew SSR), for the
//! built page's `<main id="wbw-root">`: content on screen before the wasm
//! arrives, and for readers without JavaScript.
//!
//! Usage: `prerender` prints the HTML of the page's default state (the
//! card, hydrated later); `prerender claims` prints every claim about the
//! focus as static HTML (for readers without the wasm; never hydrated).

use who_backs_whom::components::all_claims::{AllClaims, AllClaimsProps};
use who_backs_whom::{Page, PageProps};
use yew::AttrValue;

fn main() {
    let claims = std::env::args().nth(1).as_deref() == Some("claims");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let html = runtime.block_on(async move {
        if claims {
            yew::ServerRenderer::<AllClaims>::with_props(|| AllClaimsProps {
                dataset: Default::default(),
                focus: None,
            })
            .hydratable(false)
            .render()
            .await
        } else {
            yew::ServerRenderer::<Page>::with_props(|| PageProps {
                fragment: AttrValue::default(),
                hydrated: true,
            })
            .render()
            .await
        }
    });
    print!("{html}");
}
