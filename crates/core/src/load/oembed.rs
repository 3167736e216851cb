//! The card's oEmbed response (oEmbed 1.0, type `rich`): what a CMS that
//! speaks oEmbed (WordPress, Ghost, Medium via embed.ly, iframely) reads to
//! turn a link to the card into the card's iframe.
//!
//! The `html` is the README's iframe snippet (the same attributes) followed
//! by the optional height loader. Written at build time, served as a static
//! file: it names only what the build knows, never fetches anything.

use serde_json::{json, Map, Value};

use crate::fragment::Options;
use crate::model::Dataset;

/// The iframe's fixed height without the loader, as in the README's snippet.
pub const HEIGHT: u32 = 760;
/// The card's widest layout (`max-width` of `.wbw` in `styles/card.css`);
/// the iframe itself is `width="100%"`.
pub const WIDTH: u32 = 736;

/// The oEmbed response for the card at `public_url` (its directory, e.g.
/// `https://card.example/who-backs-whom/`), showing `page` (`embed.html`)
/// centred on `focus` (an actor id; the dataset's own focus, an unknown id
/// or `None` give the default card). `thumbnail` is the size of `card.png`
/// in pixels; without it the thumbnail fields are left out, as the spec
/// requires all three or none.
pub fn oembed(
    dataset: &Dataset,
    public_url: &str,
    page: &str,
    focus: Option<&str>,
    thumbnail: Option<(u32, u32)>,
) -> String {
    let base = directory(public_url);
    let src = format!("{base}{page}{}", fragment(dataset, focus));
    let title = dataset.meta.title.as_ref();
    let mut response = json!({
        "type": "rich",
        "version": "1.0",
        "title": title,
        "provider_name": provider_name(&base),
        "provider_url": base,
        "html": snippet(&src, title, &base),
        "width": WIDTH,
        "height": HEIGHT,
    });
    if let (Some((width, height)), Value::Object(fields)) = (thumbnail, &mut response) {
        add_thumbnail(fields, &base, width, height);
    }
    serde_json::to_string_pretty(&response).expect("JSON values always serialise") + "\n"
}

/// `public_url` with exactly one trailing slash.
fn directory(public_url: &str) -> String {
    format!("{}/", public_url.trim_end_matches('/'))
}

/// `#focus=…` in the link language, or "" for the default card.
fn fragment(dataset: &Dataset, focus: Option<&str>) -> String {
    let mut options = Options::defaults(dataset);
    if let Some(id) = focus {
        // An unknown id is not an error here: the default card is shown.
        let _ = options.set(dataset, "focus", id);
    }
    match options.format(dataset) {
        text if text.is_empty() => String::new(),
        text => format!("#{text}"),
    }
}

/// The host part of the card's address: who serves it, as far as the build knows.
fn provider_name(base: &str) -> String {
    let rest = base.split_once("://").map_or(base, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest).to_string()
}

/// The README's iframe snippet, then the loader that lets it follow the card's height.
fn snippet(src: &str, title: &str, base: &str) -> String {
    format!(
        r#"<iframe src="{src}" title="{title}" data-who-backs-whom width="100%" height="{HEIGHT}" loading="lazy" referrerpolicy="no-referrer" style="border:0;width:100%"></iframe>
<script src="{loader}" defer></script>"#,
        src = attribute(src),
        title = attribute(title),
        loader = attribute(&format!("{base}embed-loader.js")),
    )
}

fn add_thumbnail(fields: &mut Map<String, Value>, base: &str, width: u32, height: u32) {
    fields.insert("thumbnail_url".into(), json!(format!("{base}card.png")));
    fields.insert("thumbnail_width".into(), json!(width));
    fields.insert("thumbnail_height".into(), json!(height));
}

/// Text made safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}
