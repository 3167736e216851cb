//! The card's own pages' wasm entry point: read the compiled dataset the page
//! carries inline, then take over the prerendered [`Page`] (hydration) or
//! render it into an empty root.
//!
//! Architecture invariant: only wiring to the browser. A dataset that cannot
//! be read leaves the prerendered card as it is, with a notice; never a blank box.

use crate::context::DatasetRef;
use crate::page::{current_fragment, Page, PageProps};

/// The wasm's allocator: talc, 2.4 KB brotli smaller than the standard
/// library's dlmalloc (BENCHMARKS.md); single-threaded, it grows the
/// memory as needed.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Id of the element the standalone page renders the card into.
pub const ROOT_ID: &str = "wbw-root";
/// Id of the page's inline copy of the compiled dataset (`<script type="text/plain">`).
pub const DATA_ID: &str = "wbw-data";
/// The root's attribute naming the state the page was prerendered in (a focus's own page).
pub const PRERENDERED_ATTR: &str = "data-prerendered";
/// Id of the inline part of the page's focus, for a dataset in parts.
pub const PART_ID: &str = "wbw-part";

/// The User Timing measures of taking the inline dataset's text out of the
/// page, and of decoding it (the benchmark reads them with
/// `performance.getEntriesByName`).
pub const READ_MEASURE: &str = "wbw-read";
pub const DECODE_MEASURE: &str = "wbw-decode";

/// Starts the card on the standalone page.
pub fn start() {
    let document = gloo_utils::document();
    // A host page (the script embed) has no root: it calls `embed::mount`.
    let Some(root) = document.get_element_by_id(ROOT_ID) else {
        return;
    };
    let block = |id| {
        document
            .get_element_by_id(id)
            .and_then(|e| e.text_content())
    };
    let prerendered = root.get_attribute(PRERENDERED_ATTR).unwrap_or_default();
    let performance = web_sys::window().and_then(|w| w.performance());
    let measure = |name: &str, since: &str| {
        if let Some(p) = &performance {
            let _ = p.measure_with_start_mark(name, since);
            let _ = p.mark(name);
        }
    };
    if let Some(p) = &performance {
        let _ = p.mark("wbw-start");
    }
    let (data, part) = (block(DATA_ID), block(PART_ID));
    measure(READ_MEASURE, "wbw-start");
    let decoded = inline_dataset(data, part, &prerendered);
    measure(DECODE_MEASURE, READ_MEASURE);
    let dataset = match decoded {
        Ok(dataset) => dataset,
        Err(error) => return unavailable(&document, &root, &error.message()),
    };
    let props = PageProps {
        dataset,
        fragment: current_fragment().into(),
        hydrated: root.child_element_count() > 0,
        prerendered: prerendered.into(),
    };
    #[cfg(feature = "hydration")]
    if props.hydrated {
        yew::Renderer::<Page>::with_root_and_props(root, props).hydrate();
        return;
    }
    yew::Renderer::<Page>::with_root_and_props(root, props).render();
}

/// The page's dataset: whole, or an index with the part of the focus the
/// page shows (so that the first render equals the prerendered one without
/// a fetch).
fn inline_dataset(
    data: Option<String>,
    part: Option<String>,
    prerendered: &str,
) -> Result<DatasetRef, who_backs_whom_core::codec::DecodeError> {
    let dataset = who_backs_whom_core::codec::decode(&data.unwrap_or_default())?;
    let Some(part) = part else {
        return Ok(DatasetRef(std::rc::Rc::new(dataset)));
    };
    let (shown, _) = who_backs_whom_core::fragment::Options::parse(&dataset, prerendered);
    let focus = shown.snapshot.focus;
    let whole = who_backs_whom_core::codec::decode_part(&dataset, focus, &part)?;
    Ok(DatasetRef(std::rc::Rc::new(whole)))
}

/// The prerendered card stays readable; a notice says why it is not interactive.
fn unavailable(document: &web_sys::Document, root: &web_sys::Element, reason: &str) {
    let card = root.query_selector(".wbw").ok().flatten();
    let target = card.as_ref().unwrap_or(root);
    target.set_class_name(&format!("{} wbw-static", target.class_name()));
    if let Ok(notice) = document.create_element("div") {
        notice.set_class_name("wbw-notice wbw-unavailable");
        let _ = notice.set_attribute("role", "status");
        notice.set_text_content(Some(&format!(
            "The interactive parts of this card could not start. {reason} Everything below can still be read."
        )));
        let _ = target.prepend_with_node_1(&notice);
    }
    gloo_console::warn!(format!("who-backs-whom: {reason}"));
}
