//! The JS API for host pages (used by `web/element.js`, the `<who-backs-whom>`
//! element): mount a card into an element, change its options, unmount it;
//! the card's changes go out as DOM events.
//!
//! The host's options, a string in the link language or an object, become
//! typed [`Change`]s (`who_backs_whom_core::fragment`), applied by the card's
//! own reducer ([`Action::Apply`]); nothing here decides what the card shows.
//!
//! Values cross the boundary through serde-wasm-bindgen: each option's
//! value is read into [`HostValue`] (a visitor of the few forms an option
//! takes), and each event's `detail` is written from [`Detail`].
//!
//! Architecture invariant: a thin layer, and one that survives odd hosts:
//! the options object's keys and getters are read with `Reflect`, one key
//! at a time (a throwing getter becomes a notice for that key, not an
//! exception through the card, as reading the whole object with serde
//! would be), a bad value is a notice for its key alone, and no value can
//! set another key.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use who_backs_whom_core::fragment::{self, Change, Notice, NoticeKind, Options};
use who_backs_whom_core::state::Action;
use yew::prelude::*;
use yew::AppHandle;

use crate::components::card::{use_card, Card};
use crate::context::{CardContext, DatasetRef};

/// The prefix of every event the card dispatches.
const EVENT_PREFIX: &str = "who-backs-whom:";

thread_local! {
    /// Decoded datasets by header line (format and content hash): cards of
    /// one page share one copy.
    static DATASETS: RefCell<Vec<(String, DatasetRef)>> = const { RefCell::new(Vec::new()) };
}

fn dataset_for(text: &str) -> Result<DatasetRef, String> {
    let header = text.lines().next().unwrap_or_default().to_string();
    if let Some(hit) = DATASETS.with(|d| {
        d.borrow()
            .iter()
            .find(|(h, _)| *h == header)
            .map(|(_, d)| d.clone())
    }) {
        return Ok(hit);
    }
    let dataset = DatasetRef::decode(text).map_err(|e| e.message())?;
    DATASETS.with(|d| d.borrow_mut().push((header, dataset.clone())));
    Ok(dataset)
}

/// What a host sends the running card.
type HostChange = (Vec<Change>, Vec<Notice>);

/// Between the handle (outside Yew) and the mounted card.
#[derive(Default)]
struct Shared {
    /// The card's state in the link language, as of its last change.
    current: String,
    ready: bool,
    selected: Option<String>,
    /// The story step as last reported (`step` events when it changes).
    step: Option<who_backs_whom_core::story::StoryAt>,
    /// Set once the card has rendered; until then changes wait in `queued`.
    control: Option<Callback<HostChange>>,
    queued: Vec<HostChange>,
}

#[derive(Properties, Clone)]
struct EmbeddedProps {
    context: CardContext,
    initial: Rc<(Options, Vec<Notice>)>,
    events: web_sys::EventTarget,
    shared: Rc<RefCell<Shared>>,
}

impl PartialEq for EmbeddedProps {
    fn eq(&self, other: &Self) -> bool {
        self.context == other.context
            && Rc::ptr_eq(&self.initial, &other.initial)
            && self.events == other.events
            && Rc::ptr_eq(&self.shared, &other.shared)
    }
}

#[component]
fn Embedded(props: &EmbeddedProps) -> Html {
    let dataset = props.context.dataset.clone();
    let card = {
        let initial = props.initial.0.clone();
        use_card(dataset.clone(), move || initial)
    };
    let notices = use_state(|| Rc::new(props.initial.1.clone()));
    {
        let (card, notices, shared) = (card.clone(), notices.clone(), props.shared.clone());
        use_effect_with((), move |_| {
            let control = Callback::from(move |(changes, new_notices): HostChange| {
                card.dispatch(Action::Apply(changes));
                if !new_notices.is_empty() {
                    notices.set(Rc::new(new_notices));
                }
            });
            let queued = {
                let mut shared = shared.borrow_mut();
                shared.control = Some(control.clone());
                std::mem::take(&mut shared.queued)
            };
            queued.into_iter().for_each(|change| control.emit(change));
        });
    }
    {
        let (events, shared, dataset) =
            (props.events.clone(), props.shared.clone(), dataset.clone());
        use_effect_with(card.state().options(), move |options| {
            report(&events, &shared, &dataset, options);
        });
    }
    html! { <Card card={card} notices={(*notices).clone()} asset_base={props.context.asset_base.clone()} /> }
}

/// The `detail` of every event: the card's state in the link language and
/// what a host most often wants from it; `null` for what is not there.
#[derive(Serialize)]
struct Detail<'a> {
    options: &'a str,
    focus: &'a str,
    selected: Option<&'a str>,
    view: &'a str,
    /// The story's id and the step, counted from 1; outside a story `null`.
    story: Option<&'a str>,
    step: Option<u32>,
}

/// Writes a [`Detail`] as a plain object, `None` as `null` (not `undefined`).
const DETAIL: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);

/// Tells the host what changed: `ready` once, `change` every time, `select`
/// when the selected actor changed.
fn report(
    events: &web_sys::EventTarget,
    shared: &RefCell<Shared>,
    d: &DatasetRef,
    options: &Options,
) {
    let snapshot = &options.snapshot;
    let fragment = options.format(d);
    let selected = snapshot.selected.map(|a| d.actor(a).id.to_string());
    let story = options
        .story
        .and_then(|at| d.stories.get(usize::from(at.story)));
    let detail = Detail {
        options: &fragment,
        focus: &d.actor(snapshot.focus).id,
        selected: selected.as_deref(),
        view: snapshot.view.id(),
        story: story.map(|s| &*s.id),
        step: options.story.map(|at| u32::from(at.step) + 1),
    }
    .serialize(&DETAIL)
    .unwrap_or(JsValue::NULL);
    let step_changed =
        std::mem::replace(&mut shared.borrow_mut().step, options.story) != options.story;
    let (first, selection_changed) = {
        let mut shared = shared.borrow_mut();
        shared.current = fragment;
        let first = !std::mem::replace(&mut shared.ready, true);
        let changed = shared.selected != selected;
        shared.selected = selected;
        (first, changed)
    };
    if first {
        dispatch(events, "ready", &detail);
    }
    dispatch(events, "change", &detail);
    if selection_changed && !first {
        dispatch(events, "select", &detail);
    }
    if step_changed && !first {
        dispatch(events, "step", &detail);
    }
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

/// What a host value can be.
const EXPECTED: &str = "a string, a number, true or false, or a list of strings";

/// The most items of a list a host value keeps.
const MAX_LIST_ITEMS: usize = 256;

/// A notice for a host value the card could not read at all.
fn unreadable(key: &str, what: &str) -> Notice {
    Notice {
        key: key.chars().take(40).collect(),
        value: what.to_string(),
        expected: EXPECTED.into(),
        kind: NoticeKind::BadValue,
    }
}

/// The `key=value` pairs of a host's options: a string in the link language,
/// or an object (`{focus: "belarus", hideRelation: ["training"], header: false}`).
fn host_pairs(options: &JsValue) -> (Vec<(String, String)>, Vec<Notice>) {
    if let Some(text) = options.as_string() {
        let pairs = fragment::pairs(&text)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        return (pairs, Vec::new());
    }
    let mut pairs = Vec::new();
    let mut notices = Vec::new();
    if !options.is_object() {
        return (pairs, notices);
    }
    let Ok(keys) = js_sys::Reflect::own_keys(options) else {
        return (
            pairs,
            vec![unreadable("options", "an object whose keys cannot be read")],
        );
    };
    for key in keys.iter().filter_map(|k| k.as_string()).take(64) {
        match js_sys::Reflect::get(options, &JsValue::from_str(&key)) {
            Ok(value) => match serde_wasm_bindgen::from_value::<HostValue>(value) {
                Ok(HostValue(text)) => pairs.push((key, text)),
                Err(_) => notices.push(unreadable(&key, "a value of another type")),
            },
            Err(_) => notices.push(unreadable(&key, "a value that cannot be read")),
        }
    }
    (pairs, notices)
}

/// A host value as link-language text, read by serde-wasm-bindgen: a
/// string, a number (as JavaScript writes it), true or false (`1`, `0`),
/// `null` or `undefined` (the option's default), or a list of strings
/// (comma-separated). Anything else (an object, a function, a list holding
/// something other than strings) is an error, and the caller's notice.
struct HostValue(String);

impl<'de> Deserialize<'de> for HostValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(HostValueVisitor)
    }
}

struct HostValueVisitor;

impl<'de> Visitor<'de> for HostValueVisitor {
    type Value = HostValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E>(self, v: &str) -> Result<HostValue, E> {
        Ok(HostValue(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<HostValue, E> {
        Ok(HostValue(v))
    }

    fn visit_bool<E>(self, v: bool) -> Result<HostValue, E> {
        Ok(HostValue((if v { "1" } else { "0" }).to_string()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<HostValue, E> {
        Ok(HostValue(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<HostValue, E> {
        Ok(HostValue(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<HostValue, E> {
        // JavaScript's own number text: Rust's float formatting is not
        // otherwise in the wasm.
        let text = JsValue::from_f64(v)
            .unchecked_ref::<js_sys::Number>()
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default();
        Ok(HostValue(text))
    }

    fn visit_unit<E>(self) -> Result<HostValue, E> {
        Ok(HostValue(String::new()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HostValue, A::Error> {
        let mut items: Vec<String> = Vec::new();
        while let Some(item) = seq.next_element::<String>()? {
            if items.len() < MAX_LIST_ITEMS {
                items.push(item);
            }
        }
        Ok(HostValue(items.join(",")))
    }
}

/// The typed changes a host's options ask for, with notices for the rest.
fn host_changes(dataset: &DatasetRef, options: &JsValue) -> HostChange {
    let (pairs, mut notices) = host_pairs(options);
    let (changes, more) = fragment::changes(
        dataset,
        pairs
            .iter()
            .map(|(k, v)| (Cow::Borrowed(k.as_str()), Cow::Borrowed(v.as_str()))),
    );
    notices.extend(more);
    (changes, notices)
}

/// A mounted card, returned by [`mount`].
#[wasm_bindgen]
pub struct CardHandle {
    app: Option<AppHandle<Embedded>>,
    dataset: DatasetRef,
    shared: Rc<RefCell<Shared>>,
}

#[wasm_bindgen]
impl CardHandle {
    /// Applies `options` (same forms as [`mount`]) over the card's current
    /// state; a list given replaces that list (`hideRelation: []` clears it).
    pub fn set(&mut self, options: JsValue) {
        let change = host_changes(&self.dataset, &options);
        let control = self.shared.borrow().control.clone();
        match control {
            Some(control) => control.emit(change),
            None => self.shared.borrow_mut().queued.push(change),
        }
    }

    /// The card's current state in the link language ("" = the defaults).
    pub fn options(&self) -> String {
        self.shared.borrow().current.clone()
    }

    /// Removes the card from its element.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Renders a card of the compiled dataset `data` into `container` with
/// `options`; events go to `events` (or `container`); links to the data and
/// sources start with `asset_base` (the card's own URL, so that they work on
/// a host page). A dataset that cannot be read is an error with a sentence
/// for the reader.
#[wasm_bindgen]
pub fn mount(
    container: web_sys::Element,
    options: JsValue,
    events: Option<web_sys::EventTarget>,
    asset_base: Option<String>,
    data: String,
) -> Result<CardHandle, JsError> {
    let dataset = dataset_for(&data).map_err(|e| JsError::new(&e))?;
    let (changes, notices) = host_changes(&dataset, &options);
    let mut initial = Options::defaults(&dataset);
    initial.apply_all(&dataset, &changes, false);
    let shared: Rc<RefCell<Shared>> = Rc::default();
    let props = EmbeddedProps {
        context: CardContext {
            dataset: dataset.clone(),
            asset_base: asset_base.unwrap_or_default().into(),
        },
        initial: Rc::new((initial, notices)),
        events: events.unwrap_or_else(|| container.clone().unchecked_into()),
        shared: shared.clone(),
    };
    let app = yew::Renderer::<Embedded>::with_root_and_props(container, props).render();
    Ok(CardHandle {
        app: Some(app),
        dataset,
        shared,
    })
}
