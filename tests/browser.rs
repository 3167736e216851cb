//! The card rendered by the real wasm in headless Chromium
//! (`cargo xtask test` runs this with wasm-bindgen-test, reading the shipped
//! dataset in its compiled form from `$WBW_TEST_DATASET`).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;
use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use who_backs_whom::core::fragment::Options;
use who_backs_whom::{use_card, Card, DatasetRef};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn shipped() -> DatasetRef {
    DatasetRef::decode(include_str!(env!("WBW_TEST_DATASET")))
        .expect("the compiled shipped dataset")
}

#[derive(Properties, PartialEq)]
struct TestCardProps {
    dataset: DatasetRef,
    config: AttrValue,
}

/// A card owned the way an app owns one: its state from `use_card`.
#[component]
fn TestCard(props: &TestCardProps) -> Html {
    let (options, notices) = Options::parse(&props.dataset, &props.config);
    let card = use_card(props.dataset.clone(), move || options);
    html! { <Card {card} notices={Rc::new(notices)} /> }
}

fn mount_with(dataset: DatasetRef, config: &str) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = TestCardProps {
        dataset,
        config: config.to_string().into(),
    };
    yew::Renderer::<TestCard>::with_root_and_props(root.clone(), props).render();
    root
}

fn mount(config: &str) -> web_sys::Element {
    mount_with(shipped(), config)
}

/// Waits until `condition` holds (Yew renders asynchronously); fails after 2 s.
async fn until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..200 {
        if condition() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

fn find(root: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).unwrap()
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn tap(element: &web_sys::Element) {
    // An SVG <g> has no click(): dispatch the event a tap produces.
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    element.dispatch_event(&click).unwrap();
}

#[wasm_bindgen_test]
async fn renders_the_question_and_attributed_claims() {
    let root = mount("view=list&select=belarus");
    until("the detail panel", || find(&root, ".wbw-detail").is_some()).await;
    let all = root.text_content().unwrap();
    assert!(
        all.contains("Who backs Myanmar's junta and its election?"),
        "{all}"
    );
    assert!(
        all.contains("Backing Myanmar"),
        "the list groups backers: {all}"
    );
    // The detail panel of Belarus shows who claims what, and the quote.
    let detail = text(&root, ".wbw-detail");
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
    until("the network", || {
        find(&root, ".wbw-node[role=button]").is_some()
    })
    .await;
    assert!(find(&root, ".wbw-detail").is_none());
    let node =
        find(&root, ".wbw-node[role=button][aria-label^=\"Belarus.\"]").expect("Belarus's node");
    tap(&node);
    until("the detail panel", || find(&root, ".wbw-detail").is_some()).await;
    assert_eq!(text(&root, ".wbw-detail h3"), "Belarus");
    // Every claim in the panel says who makes it: a status phrase and a claimant.
    let claims = root
        .query_selector_all(".wbw-detail .wbw-claim-by")
        .unwrap();
    assert!(claims.length() > 0);
    for i in 0..claims.length() {
        let by = claims.item(i).unwrap().text_content().unwrap();
        let status = ["Stated by", "Reported by", "Alleged by", "Disputed by"];
        assert!(status.iter().any(|s| by.starts_with(s)), "{by}");
        assert!(
            by.len() > "Reported by ".len() + 2,
            "names the claimant: {by}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_wrong_option_shows_a_notice_and_falls_back() {
    let root = mount("focus=atlantis&view=grid");
    until("a notice", || find(&root, ".wbw-notice").is_some()).await;
    let notice = text(&root, ".wbw-notice");
    assert!(
        notice.contains("atlantis") && notice.contains("grid"),
        "{notice}"
    );
    assert!(
        text(&root, ".wbw-focus-title").contains("Myanmar's military junta"),
        "falls back to the default focus"
    );
}

/// The shipped dataset with the claims about each of `actors` repeated
/// until each has at least `count`: lists longer than the card renders at once.
fn crowded(actors: &[&str], count: usize) -> DatasetRef {
    let mut dataset = (*shipped().0).clone();
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
    DatasetRef(Rc::new(dataset))
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn a_long_claim_list_grows_by_fifty_and_starts_again_for_another_actor() {
    let root = mount_with(crowded(&["belarus", "russia"], 120), "select=belarus");
    let claims = ".wbw-detail article.wbw-claim";
    until("the first claims", || count(&root, claims) > 0).await;
    let more =
        || find(&root, ".wbw-detail .wbw-more").map(|b| b.unchecked_into::<web_sys::HtmlElement>());
    assert_eq!(count(&root, claims), 50, "the first 50 claims");
    let button = more().expect("a button for the rest");
    let label = button.text_content().unwrap();
    assert!(label.starts_with("Show 50 more claims ("), "{label}");
    button.click();
    until("100 claims", || count(&root, claims) == 100).await;
    while let Some(button) = more() {
        let before = count(&root, claims);
        button.click();
        until("more claims", || count(&root, claims) > before).await;
    }
    assert!(count(&root, claims) >= 120, "all of them, then no button");

    // Another actor's list starts again at 50.
    let russia =
        find(&root, ".wbw-node[role=button][aria-label^=\"Russia.\"]").expect("Russia's node");
    tap(&russia);
    until("Russia's claims", || {
        text(&root, ".wbw-detail h3") == "Russia"
    })
    .await;
    assert_eq!(count(&root, claims), 50, "a new list starts at 50");
    assert!(more().is_some());
}
