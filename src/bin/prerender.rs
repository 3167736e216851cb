//! Renders the card's initial state to HTML at build time (Yew SSR), from a
//! compiled dataset read at run time: a new dataset needs no Rust compilation.
//!
//! Usage: `prerender DATASET_FILE` prints the card's default state (hydrated
//! later), a line `<!--wbw-split-->`, then every claim about the focus as
//! static HTML (for readers without the wasm; never hydrated).

use who_backs_whom::components::all_claims::AllClaims;
use who_backs_whom::context::{CardContext, DatasetRef};
use who_backs_whom::{Page, PageProps};
use yew::prelude::*;

/// Separates the card from the static claims in the output.
pub const SPLIT: &str = "<!--wbw-split-->";

#[derive(Properties, PartialEq)]
struct StaticProps {
    dataset: DatasetRef,
}

#[component]
fn Static(props: &StaticProps) -> Html {
    let context = CardContext {
        dataset: props.dataset.clone(),
        asset_base: AttrValue::default(),
    };
    html! {
        <ContextProvider<CardContext> {context}>
            <AllClaims focus={None} />
        </ContextProvider<CardContext>>
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: prerender DATASET_FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("prerender: cannot read {path}: {e}");
        std::process::exit(1);
    });
    let dataset = DatasetRef::decode(&text).unwrap_or_else(|e| {
        eprintln!("prerender: {path}: {}", e.message());
        std::process::exit(1);
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let (card, claims) = runtime.block_on(async move {
        let card = yew::LocalServerRenderer::<Page>::with_props(PageProps {
            dataset: dataset.clone(),
            fragment: AttrValue::default(),
            hydrated: true,
        })
        .render()
        .await;
        let claims = yew::LocalServerRenderer::<Static>::with_props(StaticProps { dataset })
            .hydratable(false)
            .render()
            .await;
        (card, claims)
    });
    print!("{card}\n{SPLIT}\n{claims}");
}
