//! The oEmbed response (`load::oembed`), against the oEmbed 1.0 spec
//! (https://oembed.com/, section 2.3.4): `type` and `version` "1.0" always;
//! for type `rich`, `html`, `width` and `height` (pixels, integers);
//! thumbnail URL, width and height all together or not at all.

mod common;

use serde_json::Value;
use who_backs_whom_core::load::oembed::{oembed, HEIGHT, WIDTH};

const URL: &str = "https://card.example/who-backs-whom";

fn response(focus: Option<&str>, thumbnail: Option<(u32, u32)>) -> Value {
    let d = common::shipped().dataset;
    serde_json::from_str(&oembed(&d, URL, "embed.html", focus, thumbnail)).expect("JSON")
}

#[test]
fn has_the_fields_the_spec_requires_for_a_rich_embed() {
    let r = response(None, Some((1200, 900)));
    assert_eq!(r["type"], "rich");
    assert_eq!(r["version"], "1.0", "a string, not a number");
    assert!(r["html"].as_str().is_some_and(|h| !h.is_empty()));
    assert_eq!(
        r["width"].as_u64(),
        Some(u64::from(WIDTH)),
        "an integer width"
    );
    assert_eq!(
        r["height"].as_u64(),
        Some(u64::from(HEIGHT)),
        "an integer height"
    );
    let known = [
        "type",
        "version",
        "title",
        "author_name",
        "author_url",
        "provider_name",
        "provider_url",
        "cache_age",
        "thumbnail_url",
        "thumbnail_width",
        "thumbnail_height",
        "html",
        "width",
        "height",
    ];
    for key in r.as_object().unwrap().keys() {
        assert!(
            known.contains(&key.as_str()),
            "{key} is not an oEmbed 1.0 field"
        );
    }
}

#[test]
fn the_html_is_the_readmes_iframe_snippet() {
    let r = response(None, None);
    let html = r["html"].as_str().unwrap();
    let title = common::shipped().dataset.meta.title.replace('"', "&quot;");
    assert!(
        html.starts_with(&format!(
            r#"<iframe src="{URL}/embed.html" title="{title}" "#
        )),
        "{html}"
    );
    for attribute in [
        "data-who-backs-whom",
        r#"width="100%""#,
        r#"height="760""#,
        r#"loading="lazy""#,
        r#"referrerpolicy="no-referrer""#,
        r#"style="border:0;width:100%""#,
    ] {
        assert!(html.contains(attribute), "{attribute} missing from {html}");
    }
    assert!(html.ends_with(&format!(
        r#"<script src="{URL}/embed-loader.js" defer></script>"#
    )));
    assert_eq!(r["title"], common::shipped().dataset.meta.title.as_ref());
    assert_eq!(r["provider_url"], format!("{URL}/"));
    assert_eq!(r["provider_name"], "card.example");
}

#[test]
fn a_focus_goes_into_the_fragment_and_the_default_focus_does_not() {
    let belarus = response(Some("belarus"), None);
    assert!(belarus["html"]
        .as_str()
        .unwrap()
        .contains(r#"src="https://card.example/who-backs-whom/embed.html#focus=belarus""#));
    for focus in [Some("myanmar-junta"), Some("no-such-actor"), None] {
        let html = response(focus, None)["html"].as_str().unwrap().to_string();
        assert!(html.contains(r#"embed.html" title"#), "{focus:?}: {html}");
    }
}

#[test]
fn thumbnail_fields_come_all_together_or_not_at_all() {
    let with = response(None, Some((1200, 905)));
    assert_eq!(with["thumbnail_url"], format!("{URL}/card.png"));
    assert_eq!(with["thumbnail_width"], 1200);
    assert_eq!(with["thumbnail_height"], 905);
    let without = response(None, None);
    for key in ["thumbnail_url", "thumbnail_width", "thumbnail_height"] {
        assert!(without.get(key).is_none(), "{key} without a size");
    }
}

#[test]
fn a_title_with_markup_cannot_break_out_of_its_attribute() {
    let mut d = common::shipped().dataset;
    d.meta.title = "Who backs \"X\" <b>&</b>?".to_string().into();
    let r: Value = serde_json::from_str(&oembed(&d, URL, "embed.html", None, None)).unwrap();
    let html = r["html"].as_str().unwrap();
    assert!(
        html.contains(r#"title="Who backs &quot;X&quot; &lt;b&gt;&amp;&lt;/b&gt;?""#),
        "{html}"
    );
    assert_eq!(r["title"], "Who backs \"X\" <b>&</b>?");
}
