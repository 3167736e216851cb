//! The JS API for host pages (used by `web/element.js`, the `<who-backs-whom>`
//! element): mount a card into an element, change its options, unmount it;
//! the card's changes go out as DOM events.
//!
//! Architecture invariant: a thin layer. Options are turned into the link
//! language (`who_backs_whom_core::fragment`) and handed to [`Card`]; nothing
//! here decides what the card shows.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use who_backs_whom_core::fragment::{canonical_key, merge, Options};
use yew::prelude::*;
use yew::AppHandle;

use crate::components::card::{Card, DatasetRef};

/// The prefix of every event the card dispatches.
const EVENT_PREFIX: &str = "who-backs-whom:";

/// What the host gave and what the card last reported.
#[derive(Default)]
struct Shared {
    /// The card's state in the link language, as of its last change.
    current: String,
    ready: bool,
    selected: Option<String>,
}

#[derive(Properties, Clone)]
struct EmbeddedProps {
    config: AttrValue,
    revision: u32,
    asset_base: AttrValue,
    events: web_sys::EventTarget,
    shared: Rc<RefCell<Shared>>,
}

impl PartialEq for EmbeddedProps {
    fn eq(&self, other: &Self) -> bool {
        self.config == other.config
            && self.revision == other.revision
            && self.asset_base == other.asset_base
            && self.events == other.events
            && Rc::ptr_eq(&self.shared, &other.shared)
    }
}

fn set(target: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

fn dispatch(events: &web_sys::EventTarget, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) =
        web_sys::CustomEvent::new_with_event_init_dict(&format!("{EVENT_PREFIX}{name}"), &init)
    {
        let _ = events.dispatch_event(&event);
    }
}

#[component]
fn Embedded(props: &EmbeddedProps) -> Html {
    let dataset = DatasetRef::default();
    let on_change = {
        let events = props.events.clone();
        let shared = props.shared.clone();
        Callback::from(move |options: Options| {
            let d = dataset.0;
            let snapshot = &options.snapshot;
            let fragment = options.format(d);
            let selected = snapshot.selected.map(|a| d.actor(a).id.to_string());
            let detail = js_sys::Object::new();
            set(&detail, "options", &JsValue::from_str(&fragment));
            set(
                &detail,
                "focus",
                &JsValue::from_str(&d.actor(snapshot.focus).id),
            );
            set(
                &detail,
                "selected",
                &selected.as_deref().map_or(JsValue::NULL, JsValue::from_str),
            );
            set(&detail, "view", &JsValue::from_str(snapshot.view.id()));
            let (first, selection_changed) = {
                let mut shared = shared.borrow_mut();
                shared.current = fragment;
                let first = !std::mem::replace(&mut shared.ready, true);
                let changed = shared.selected != selected;
                shared.selected = selected;
                (first, changed)
            };
            if first {
                dispatch(&events, "ready", &detail);
            }
            dispatch(&events, "change", &detail);
            if selection_changed && !first {
                dispatch(&events, "select", &detail);
            }
        })
    };
    html! {
        <Card config={props.config.clone()} revision={props.revision}
            asset_base={props.asset_base.clone()} {on_change} />
    }
}

/// Options from a host: a string in the link language, or an object with the
/// same keys (`{focus: "belarus", hideRelation: ["training"], header: false}`).
fn options_to_link(options: &JsValue) -> String {
    if let Some(text) = options.as_string() {
        return text;
    }
    if !options.is_object() {
        return String::new();
    }
    let mut pairs = Vec::new();
    for entry in js_sys::Object::entries(options.unchecked_ref()).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let Some(key) = entry.get(0).as_string() else {
            continue;
        };
        let value = entry.get(1);
        let text = if let Some(b) = value.as_bool() {
            (if b { "1" } else { "0" }).to_string()
        } else if value.as_f64().is_some() {
            // JavaScript's own number text: Rust's float formatting would add
            // about 8 KB to the wasm for this one line.
            value
                .unchecked_ref::<js_sys::Number>()
                .to_string_with_radix(10)
                .map(String::from)
                .unwrap_or_default()
        } else if js_sys::Array::is_array(&value) {
            let items: js_sys::Array = value.unchecked_into();
            items
                .iter()
                .filter_map(|v| v.as_string())
                .collect::<Vec<_>>()
                .join(",")
        } else if value.is_null() || value.is_undefined() {
            String::new()
        } else {
            value.as_string().unwrap_or_default()
        };
        pairs.push(format!("{}={text}", canonical_key(&key)));
    }
    pairs.join("&")
}

/// A mounted card, returned by [`mount`].
#[wasm_bindgen]
pub struct CardHandle {
    app: Option<AppHandle<Embedded>>,
    props: EmbeddedProps,
}

#[wasm_bindgen]
impl CardHandle {
    /// Applies `options` (same forms as [`mount`]) over the card's current state.
    pub fn set(&mut self, options: JsValue) {
        let current = self.props.shared.borrow().current.clone();
        self.props.config = merge(&current, &options_to_link(&options)).into();
        self.props.revision += 1;
        if let Some(app) = self.app.as_mut() {
            app.update(self.props.clone());
        }
    }

    /// The card's current state in the link language ("" = the defaults).
    pub fn options(&self) -> String {
        self.props.shared.borrow().current.clone()
    }

    /// Removes the card from its element.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Renders a card into `container` with `options`; events go to `events`
/// (or `container`); links to the data and sources start with `asset_base`
/// (the card's own URL, so that they work on a host page).
#[wasm_bindgen]
pub fn mount(
    container: web_sys::Element,
    options: JsValue,
    events: Option<web_sys::EventTarget>,
    asset_base: Option<String>,
) -> CardHandle {
    let props = EmbeddedProps {
        config: options_to_link(&options).into(),
        revision: 0,
        asset_base: asset_base.unwrap_or_default().into(),
        events: events.unwrap_or_else(|| container.clone().unchecked_into()),
        shared: Rc::default(),
    };
    let app = yew::Renderer::<Embedded>::with_root_and_props(container, props.clone()).render();
    CardHandle {
        app: Some(app),
        props,
    }
}
