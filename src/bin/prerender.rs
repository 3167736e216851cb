//! Renders the card's initial state to HTML at build time (Yew SSR), from a
//! compiled dataset read at run time: a new dataset needs no Rust compilation.
//!
//! Usage: `prerender DATASET_FILE [FOCUS_ID …]` prints, for the dataset's
//! default focus and then for each FOCUS_ID, the card in that state (hydrated
//! later), a line `<!--wbw-split-->`, every claim about that focus as static
//! HTML (for readers without the wasm; never hydrated), and a line
//! `<!--wbw-page-->` after each page.

use who_backs_whom::components::all_claims::AllClaims;
use who_backs_whom::context::{CardContext, DatasetRef};
use who_backs_whom::{Page, PageProps};
use yew::prelude::*;

/// Separates the card from the static claims in the output.
pub const SPLIT: &str = "<!--wbw-split-->";

#[derive(Properties, PartialEq)]
struct StaticProps {
    dataset: DatasetRef,
    focus: Option<who_backs_whom::core::ActorId>,
}

#[component]
fn Static(props: &StaticProps) -> Html {
    let context = CardContext {
        dataset: props.dataset.clone(),
        asset_base: AttrValue::default(),
    };
    html! {
        <ContextProvider<CardContext> {context}>
            <AllClaims focus={props.focus} />
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
    let foci: Vec<String> = std::env::args().skip(2).collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let mut out = String::new();
    for focus in std::iter::once(None).chain(foci.iter().map(Some)) {
        let (card, claims) = runtime.block_on(render(dataset.clone(), focus.map(String::as_str)));
        out.push_str(&format!("{card}\n{SPLIT}\n{claims}\n{PAGE_END}\n"));
    }
    print!("{out}");
}

/// Ends each page's output.
pub const PAGE_END: &str = "<!--wbw-page-->";

/// The card in the state `focus=ID` (or the defaults) and that focus's static claims.
async fn render(dataset: DatasetRef, focus: Option<&str>) -> (String, String) {
    let prerendered = focus.map(|id| format!("focus={id}")).unwrap_or_default();
    let actor = focus.and_then(|id| dataset.actor_by_id(id));
    let card = yew::LocalServerRenderer::<Page>::with_props(PageProps {
        dataset: dataset.clone(),
        fragment: AttrValue::default(),
        hydrated: true,
        prerendered: prerendered.into(),
    })
    .render()
    .await;
    let claims = yew::LocalServerRenderer::<Static>::with_props(StaticProps {
        dataset,
        focus: actor,
    })
    .hydratable(false)
    .render()
    .await;
    (card, claims)
}
