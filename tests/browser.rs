//! The card rendered by the real wasm in headless Chromium
//! (`cargo xtask test` runs this with wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use who_backs_whom::{Card, CardProps};

wasm_bindgen_test_configure!(run_in_browser);

fn mount(config: &str) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = yew::props!(CardProps {
        config: config.to_string()
    });
    yew::Renderer::<Card>::with_root_and_props(root.clone(), props).render();
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

#[wasm_bindgen_test]
async fn renders_the_question_and_attributed_claims() {
    let root = mount("view=list&select=belarus");
    settle().await;
    let text = root.text_content().unwrap();
    assert!(
        text.contains("Who backs Myanmar's junta and its election?"),
        "{text}"
    );
    assert!(
        text.contains("Backing Myanmar"),
        "the list groups backers: {text}"
    );
    // The detail panel of Belarus shows who claims what, and the quote.
    let detail = root
        .query_selector(".wbw-detail")
        .unwrap()
        .expect("Belarus is selected");
    let detail = detail.text_content().unwrap();
    assert!(
        detail.contains("Alleged by") && detail.contains("Justice For Myanmar"),
        "{detail}"
    );
    assert!(
        detail.contains("air defense command systems"),
        "the verbatim quote: {detail}"
    );
}

#[wasm_bindgen_test]
async fn selecting_an_actor_in_the_network_opens_its_claims() {
    let root = mount("");
    settle().await;
    assert!(root.query_selector(".wbw-detail").unwrap().is_none());
    let node = root
        .query_selector(".wbw-node[role=button]")
        .unwrap()
        .expect("a node to tap");
    let name = node.get_attribute("aria-label").unwrap();
    // An SVG <g> has no click(): dispatch the event a tap produces.
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    node.dispatch_event(&click).unwrap();
    settle().await;
    let detail = root
        .query_selector(".wbw-detail")
        .unwrap()
        .expect("the detail panel opens");
    let heading = detail
        .query_selector("h3")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(name.starts_with(&heading), "{name} / {heading}");
    assert!(
        detail.text_content().unwrap().contains("by"),
        "claims say who makes them"
    );
}

#[wasm_bindgen_test]
async fn a_wrong_option_shows_a_notice_and_falls_back() {
    let root = mount("focus=atlantis&view=grid");
    settle().await;
    let notice = root
        .query_selector(".wbw-notice")
        .unwrap()
        .expect("a notice")
        .text_content()
        .unwrap();
    assert!(
        notice.contains("atlantis") && notice.contains("grid"),
        "{notice}"
    );
    assert!(
        root.text_content()
            .unwrap()
            .contains("Who backs Myanmar's military junta"),
        "falls back to the default focus"
    );
}

/// The compiled dataset with the claims about each of `actors` repeated
/// until each has at least `count`: lists longer than the card renders at once.
fn crowded(actors: &[&str], count: usize) -> who_backs_whom::DatasetRef {
    let mut dataset = who_backs_whom::DatasetRef::default().0.clone();
    let mut claims = dataset.claims.to_vec();
    for id in actors {
        let actor = dataset.actor_by_id(id).unwrap();
        let about: Vec<_> = dataset
            .claims
            .iter()
            .filter(|c| c.subject == actor || c.object == actor)
            .cloned()
            .collect();
        for n in about.len()..count {
            let mut copy = about[n % about.len()].clone();
            copy.id = format!("{}-copy-{id}-{n}", copy.id).into();
            claims.push(copy);
        }
    }
    dataset.claims = claims.into();
    who_backs_whom::DatasetRef(Box::leak(Box::new(dataset)))
}

fn mount_with(dataset: who_backs_whom::DatasetRef, config: &str) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = yew::props!(CardProps {
        dataset,
        config: config.to_string()
    });
    yew::Renderer::<Card>::with_root_and_props(root.clone(), props).render();
    root
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn a_long_claim_list_grows_by_fifty_and_starts_again_for_another_actor() {
    let root = mount_with(crowded(&["belarus", "russia"], 120), "select=belarus");
    settle().await;
    let claims = ".wbw-detail article.wbw-claim";
    let more = || {
        root.query_selector(".wbw-detail .wbw-more")
            .unwrap()
            .map(|b| b.unchecked_into::<web_sys::HtmlElement>())
    };
    let total = count(&root, ".wbw-detail article.wbw-claim") as usize;
    assert_eq!(total, 50, "the first 50 claims");
    let button = more().expect("a button for the rest");
    let text = button.text_content().unwrap();
    assert!(text.starts_with("Show 50 more claims ("), "{text}");
    button.click();
    settle().await;
    assert_eq!(count(&root, claims), 100);
    while let Some(button) = more() {
        button.click();
        settle().await;
    }
    assert!(count(&root, claims) >= 120, "all of them, then no button");

    // Another actor's list starts again at 50.
    let russia = root
        .query_selector(".wbw-node[role=button][aria-label^=\"Russia.\"]")
        .unwrap()
        .expect("Russia's node");
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    russia.dispatch_event(&click).unwrap();
    settle().await;
    let heading = root.query_selector(".wbw-detail h3").unwrap().unwrap();
    assert_eq!(heading.text_content().unwrap(), "Russia");
    assert_eq!(count(&root, claims), 50, "a new list starts at 50");
    assert!(more().is_some());
}
