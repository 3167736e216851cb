//! "Tap and see": the browser calls that bring a chosen actor's claims into
//! view and, on Back, return the reader to where they were (the scroll
//! position and the control they used). Called from the card's effects
//! only, never while rendering.
//!
//! Must not scroll a host page from inside an iframe: there the card scrolls
//! only its own document and dispatches `who-backs-whom:scroll-request` on
//! it, which `web/embed-frame.js` turns into a checked message that
//! `web/embed-loader.js` on the host may act on. Smooth scrolling only
//! without `prefers-reduced-motion: reduce`.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The event the card dispatches on its document, inside an iframe, to ask
/// the host (through embed-frame.js) to scroll a point of it into view.
pub const SCROLL_REQUEST: &str = "who-backs-whom:scroll-request";

/// Room left above the claims' heading when it is scrolled to the top, px.
const MARGIN: f64 = 8.0;

/// Where the reader was when they chose an actor.
pub struct Origin {
    control: Option<web_sys::Element>,
    scroll_y: f64,
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(target, &args).ok()
}

fn number(target: &JsValue, key: &str) -> f64 {
    Reflect::get(target, &key.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

/// The element's top and left relative to the viewport.
fn rect(el: &web_sys::Element) -> (f64, f64) {
    call(el, "getBoundingClientRect", &[])
        .map(|r| (number(&r, "top"), number(&r, "left")))
        .unwrap_or_default()
}

fn reduced_motion(window: &web_sys::Window) -> bool {
    window
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

fn in_frame(window: &web_sys::Window) -> bool {
    window
        .parent()
        .ok()
        .flatten()
        .is_some_and(|parent| parent != *window)
}

/// Scrolls this document (never an ancestor's) to `top`.
fn scroll_to(window: &web_sys::Window, top: f64) {
    let behavior = if reduced_motion(window) {
        "auto"
    } else {
        "smooth"
    };
    let options = object(&[("top", top.max(0.0).into()), ("behavior", behavior.into())]);
    call(window, "scrollTo", &[options]);
}

/// Focuses `el` without the browser's own scrolling (which would scroll a host
/// page around an iframe).
fn focus(el: &JsValue) {
    call(el, "focus", &[object(&[("preventScroll", true.into())])]);
}

/// Inside an iframe: asks the host, through embed-frame.js, to bring the
/// point `top` (px from the top of this document) into view.
fn request_host_scroll(window: &web_sys::Window, top: f64) {
    let Some(document) = window.document() else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&object(&[("top", top.max(0.0).round().into())]));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(SCROLL_REQUEST, &init) {
        let _ = document.dispatch_event(&event);
    }
}

/// The control the reader used (if it is in the card) and the scroll position.
pub fn remember(card: &web_sys::Element) -> Option<Origin> {
    let window = window()?;
    let control = window
        .document()
        .and_then(|d| d.active_element())
        .filter(|el| card.contains(Some(el)));
    Some(Origin {
        control,
        scroll_y: window.scroll_y().unwrap_or(0.0),
    })
}

/// Brings the top of the claims in `stage` into view. Beside the network
/// (wide screens) the panel is scrolled to its start and the page only if
/// the panel's top is out of view; below it (phones) the heading goes to the
/// top of the screen and takes keyboard focus.
pub fn reveal(stage: &web_sys::Element) {
    let Some(window) = window() else {
        return;
    };
    let (Ok(Some(detail)), Ok(Some(heading))) = (
        stage.query_selector(".wbw-detail"),
        stage.query_selector(".wbw-detail-title"),
    ) else {
        return;
    };
    detail.set_scroll_top(0);
    let (top, left) = rect(&heading);
    let beside = stage
        .query_selector(".wbw-view")
        .ok()
        .flatten()
        .is_some_and(|view| rect(&view).1 + 16.0 < left);
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let scroll_y = window.scroll_y().unwrap_or(0.0);
    if !beside {
        focus(&heading);
    }
    let out_of_view = top < 0.0 || top > height - 48.0;
    if !beside || out_of_view {
        scroll_to(&window, scroll_y + top - MARGIN);
    }
    if in_frame(&window) {
        request_host_scroll(&window, scroll_y + top - MARGIN);
    }
}

/// Returns the reader to `origin`: the scroll position, and focus on the
/// control they used if it is still there (else the card keeps its own
/// fallback).
pub fn restore(origin: Origin) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let now = window.scroll_y().unwrap_or(0.0);
    scroll_to(&window, origin.scroll_y);
    let Some(control) = origin.control.filter(|c| c.is_connected()) else {
        return false;
    };
    focus(&control);
    if in_frame(&window) {
        let (top, _) = rect(&control);
        request_host_scroll(&window, now + top - MARGIN);
    }
    true
}
