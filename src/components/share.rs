//! "Embed this card": the two embed snippets for the card's current state,
//! with copy buttons, and the single-file edition to save for offline (when
//! the build writes one: `edition::single_file`).
//! Its content is built when a reader opens it, in the browser (it needs the
//! card's own address): the prerendered card carries the closed panel only,
//! so hydration takes it over without a second render.
//!
//! Architecture invariant: the snippets are built from the link language
//! (`Options::format`), the same one the iframe, the element and the JS API read.

use wasm_bindgen::{JsCast, JsValue};
use who_backs_whom_core::fragment::Options;
use yew::prelude::*;

use super::disclosure::use_details_open;
use super::i18n::use_messages;
use crate::context::use_card_context;
use who_backs_whom_core::i18n::Catalogue;

/// `-my` when `fragment` asks for a language other than English: its own
/// pages (`embed-my.html`, `index-my.html`) and image (`card-my.png`) are
/// prerendered in it, so an embed reads in it before and without the wasm.
fn lang_suffix(fragment: &str) -> String {
    fragment
        .split('&')
        .find_map(|p| p.strip_prefix("lang="))
        .filter(|code| {
            *code != "en" && !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase())
        })
        .map_or_else(String::new, |code| format!("-{code}"))
}

/// The snippets for a card at `base` (absolute, ending in `/`) in state `fragment`.
pub fn snippets(base: &str, fragment: &str, title: &str) -> (String, String) {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    let hash = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    let lang = lang_suffix(fragment);
    let page = if lang.is_empty() {
        String::new()
    } else {
        format!("index{lang}.html")
    };
    let iframe = format!(
        "<iframe src=\"{base}embed{lang}.html{hash}\" title=\"{}\" data-who-backs-whom width=\"100%\" height=\"760\" loading=\"lazy\" referrerpolicy=\"no-referrer\" style=\"border:0;width:100%\"></iframe>\n<script src=\"{base}embed-loader.js\" defer></script>",
        escape(title)
    );
    let attributes: String = fragment
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            format!(" {k}=\"{}\"", escape(v))
        })
        .collect();
    let element = format!(
        "<script type=\"module\" src=\"{base}element.js\"></script>\n<who-backs-whom{attributes}><a href=\"{base}{page}{hash}\">{t}</a><noscript><a href=\"{base}{page}{hash}\"><img src=\"{base}card{lang}.png\" alt=\"{t}\" width=\"600\"></a></noscript></who-backs-whom>",
        t = escape(title)
    );
    (iframe, element)
}

/// Copies `text` with the asynchronous clipboard API, where the page allows it.
fn copy(text: &str) -> bool {
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &key.into()).ok();
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = get(&window.into(), "navigator").and_then(|n| get(&n, "clipboard"));
    let write = clipboard
        .as_ref()
        .and_then(|c| get(c, "writeText"))
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match (clipboard, write) {
        (Some(clipboard), Some(write)) => write.call1(&clipboard, &text.into()).is_ok(),
        _ => false,
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct ShareProps {
    /// The card's state, for the snippets.
    pub options: Options,
}

/// The card's absolute base URL (ending in `/`): `asset_base` when a host gave
/// an absolute one, else the page's directory; `None` off the web (file://,
/// prerendering), where no snippet could work.
fn card_base(asset_base: &str) -> Option<String> {
    if asset_base.starts_with("http://") || asset_base.starts_with("https://") {
        return Some(asset_base.to_string());
    }
    let href = web_sys::window()?.location().href().ok()?;
    let href = href.split(['#', '?']).next()?;
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href[..=href.rfind('/')?].to_string());
    }
    None
}

#[derive(Properties, PartialEq, Clone)]
struct SnippetProps {
    m: &'static Catalogue,
    label: AttrValue,
    code: AttrValue,
}

#[component]
fn Snippet(props: &SnippetProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let onclick = {
        let copied = copied.clone();
        let code = props.code.clone();
        Callback::from(move |_| copied.set(Some(copy(&code))))
    };
    let status = match *copied {
        Some(true) => props.m.copied,
        Some(false) => props.m.copy_by_hand,
        None => "",
    };
    html! {
        <div class="wbw-snippet">
            <label>{ props.label.clone() }
                <textarea readonly=true spellcheck="false" value={props.code.clone()} />
            </label>
            <button type="button" {onclick}>{ props.m.copy }</button>
            <span class="wbw-copied" role="status">{ status }</span>
        </div>
    }
}

#[component]
pub fn SharePanel(props: &ShareProps) -> Html {
    let (open, ontoggle) = use_details_open();
    let m = use_messages();
    let context = use_card_context();
    let dataset: &who_backs_whom_core::Dataset = &context.dataset;
    let content = if !open {
        Html::default()
    } else if let Some(base) = card_base(&context.asset_base) {
        // A card too large for one file has none to link to.
        let offline = who_backs_whom_core::edition::single_file(dataset).map(|offline| {
            html! {
                <p>
                    <a href={format!("{base}{offline}")} download={offline.clone()}>
                        { m.save_offline }</a>
                    { m.save_offline_what }
                </p>
            }
        });
        let (iframe, element) =
            snippets(&base, &props.options.format(dataset), &dataset.meta.title);
        html! {
            <>
                { for offline }
                <p>{ m.snippets_what }</p>
                <Snippet {m} label={m.embed_iframe} code={iframe} />
                <Snippet {m} label={m.embed_script} code={element} />
            </>
        }
    } else {
        html! {
            <p>{ m.from_file }</p>
        }
    };
    html! {
        <details class="wbw-embed" {ontoggle}>
            <summary>{ m.embed_summary }</summary>
            { content }
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::snippets;

    #[test]
    fn snippets_carry_the_state_as_fragment_and_as_attributes() {
        let (iframe, element) = snippets(
            "https://card.example/wbw/",
            "focus=belarus&view=list",
            "Who backs \"X\"?",
        );
        assert!(
            iframe.contains(r#"src="https://card.example/wbw/embed.html#focus=belarus&view=list""#)
        );
        assert!(iframe.contains(r#"title="Who backs &quot;X&quot;?""#));
        assert!(iframe.contains(r#"<script src="https://card.example/wbw/embed-loader.js" defer>"#));
        assert!(
            element.contains(r#"<script type="module" src="https://card.example/wbw/element.js">"#)
        );
        assert!(element.contains(r#"<who-backs-whom focus="belarus" view="list">"#));
        assert!(element.contains(r#"<a href="https://card.example/wbw/#focus=belarus&view=list">"#));
        assert!(element.contains(r#"<noscript><a href="https://card.example/wbw/#focus=belarus&view=list"><img src="https://card.example/wbw/card.png""#));
    }

    #[test]
    fn a_language_picks_its_own_pages_and_image() {
        let (iframe, element) = snippets("https://c.example/", "focus=russia&lang=my", "T");
        assert!(iframe.contains(r#"src="https://c.example/embed-my.html#focus=russia&lang=my""#));
        assert!(element.contains(r#"<who-backs-whom focus="russia" lang="my">"#));
        assert!(
            element.contains(r#"<a href="https://c.example/index-my.html#focus=russia&lang=my">"#)
        );
        assert!(element.contains(r#"<img src="https://c.example/card-my.png""#));
        let (iframe, _) = snippets("https://c.example/", "lang=en", "T");
        assert!(iframe.contains(r#"src="https://c.example/embed.html#lang=en""#));
    }

    #[test]
    fn default_state_gives_bare_snippets() {
        let (iframe, element) = snippets("https://c.example/", "", "T");
        assert!(iframe.contains(r#"src="https://c.example/embed.html""#));
        assert!(element.contains("<who-backs-whom><a href=\"https://c.example/\">T</a>"));
    }
}
