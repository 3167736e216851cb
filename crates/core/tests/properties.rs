//! Property tests: the dataset checker and the link-option parser never
//! panic, whatever they are given; honest quotes are accepted and a dropped
//! negation is not; `format` then `parse` gives the same options back; CSV
//! cells come back from [`export::restore_cell`] exactly as they were.
//!
//! 256 cases per property; set `WBW_PROPTEST_CASES` for a longer run.

mod common;

use std::path::Path;

use proptest::prelude::*;
use who_backs_whom_core::fragment::Options;
use who_backs_whom_core::load::{self, export, Diagnostic, Loaded};
use who_backs_whom_core::{Relation, Stance};

fn config() -> ProptestConfig {
    let cases = std::env::var("WBW_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        // No regression files in the source tree: a failure prints its case.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn valid_text() -> String {
    std::fs::read_to_string(common::fixtures().join("valid/dataset.toml")).expect("fixture")
}

fn valid_source() -> String {
    std::fs::read_to_string(common::fixtures().join("valid/doc.txt")).expect("fixture")
}

fn check(text: &str, source: String) -> Result<Loaded, Vec<Diagnostic>> {
    load::load_str(Path::new("prop.toml"), text, move |path| {
        if path == "doc.txt" {
            Ok(source.clone())
        } else {
            Err(format!("no file {path}"))
        }
    })
}

/// Lines that look like a dataset: headers, known keys with strange values,
/// and any text at all.
fn toml_line() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "[dataset]",
        "[[actors]]",
        "[[sources]]",
        "[[claims]]",
        "[[context]]",
        "[[bogus]]",
        "[dataset",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        header,
        (toml_key(), toml_value()).prop_map(|(k, v)| format!("{k} = {v}")),
        any::<String>()
    ]
}

fn toml_key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "id",
        "name",
        "kind",
        "title",
        "focus",
        "as_of",
        "version",
        "description",
        "aliases",
        "text",
        "subject",
        "object",
        "relation",
        "stance",
        "date",
        "date_basis",
        "summary",
        "attributed_to",
        "sources",
        "quote",
        "status",
        "about",
        "leads",
        "member_of",
        "url",
    ])
}

/// Strings (with quotes, elisions, escapes, odd characters), lists of them,
/// known ids and values, and junk.
fn toml_value() -> impl Strategy<Value = String> {
    let word = "[a-zA-Z0-9 …’'\\-\\\\\u{202e}\u{200b}\u{7}\u{301}é]{0,24}";
    let quoted = |ws: Vec<String>| ws.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>();
    prop_oneof![
        word.prop_map(|w| format!("\"{w}\"")),
        prop::collection::vec(word, 0..4)
            .prop_map(move |ws| format!("[{}]", quoted(ws).join(", "))),
        prop::sample::select(vec![
            "\"doc.txt\"",
            "\"../x\"",
            "\"/etc/passwd\"",
            "\"2025\"",
            "\"2025-03\"",
            "\"2025-13-40\"",
            "\"alpha-state\"",
            "\"beta-leader\"",
            "\"delta-watch\"",
            "\"doc-2025\"",
            "\"stated\"",
            "\"backs\"",
            "\"general-backing\"",
            "true",
            "1",
            "{}",
            "\"\"\"multi\nline\"\"\"",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

/// The valid fixture with a slice cut out and something else put in, so the
/// checks deep inside the checker see broken input too.
fn mutated_valid() -> impl Strategy<Value = String> {
    let text = valid_text();
    let len = text.len();
    (0..=len, 0..64usize, toml_line()).prop_map(move |(at, cut, insert)| {
        let mut start = at.min(len);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + cut).min(len);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}{insert}{}", &text[..start], &text[end..])
    })
}

/// Words with no negation among them.
fn plain_word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "alpha",
        "state",
        "backs",
        "leader",
        "group",
        "said",
        "the",
        "report",
        "Friday",
        "of",
        "troops",
        "visit",
        "and",
        "a",
        "plan",
        "2025",
        "observers",
        "election",
    ])
}

/// The valid fixture with `quote` as the quote of its claim `beta-visits-alpha`.
fn one_claim(quote: &str) -> String {
    let text = valid_text();
    let from = "quote = \"Beta Leader visited Alpha State in 2024, according to officials.\"";
    assert_eq!(text.matches(from).count(), 1);
    text.replacen(from, &format!("quote = \"{quote}\""), 1)
}

/// The codes the valid fixture gets with `quote` as the quote of
/// `beta-visits-alpha`, and `extra_source` as a last paragraph of its source
/// (so the fixture's other quotes still match).
fn quote_codes(quote: &str, extra_source: &str) -> Vec<&'static str> {
    let source = format!("{}\n\n{extra_source}\n", valid_source());
    match check(&one_claim(quote), source) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(|d| d.code).collect(),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_checker_never_panics_on_toml_ish_text(lines in prop::collection::vec(toml_line(), 0..40)) {
        let _ = check(&lines.join("\n"), valid_source());
    }

    #[test]
    fn the_checker_never_panics_on_a_broken_valid_dataset(text in mutated_valid()) {
        let _ = check(&text, valid_source());
    }

    #[test]
    fn the_checker_never_panics_on_any_source_text(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let source = String::from_utf8_lossy(&bytes).into_owned();
        let result = check(&valid_text(), source);
        // The fixture's quotes are not in random bytes (almost surely), and
        // whatever fails is reported, never a panic.
        if let Err(diagnostics) = result {
            prop_assert!(diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1));
        }
    }

    #[test]
    fn any_run_of_whole_words_from_the_source_is_a_valid_quote(
        words in prop::collection::vec(plain_word(), 1..60),
        from in 0..60usize,
        len in 1..45usize,
    ) {
        let from = from % words.len();
        let to = (from + len).min(words.len());
        let quote = words[from..to].join(" ");
        prop_assert_eq!(quote_codes(&quote, &words.join(" ")), Vec::<&str>::new());
    }

    #[test]
    fn an_honest_elision_is_accepted_and_one_that_drops_a_negation_is_not(
        words in prop::collection::vec(plain_word(), 12..60),
        first in 0..60usize,
        gap in 0..30usize,
        negation in prop::sample::select(vec!["not", "never", "no", "won't", "nobody", "without"]),
    ) {
        // Numbered words, so that each part occurs once in the source.
        let words: Vec<String> = words.iter().enumerate().map(|(i, w)| format!("{w}{i}")).collect();
        let first = first % (words.len() - 6);
        let second = (first + 3 + gap).min(words.len() - 3);
        let quote = format!(
            "{} … {}",
            words[first..first + 3].join(" "),
            words[second..second + 3].join(" ")
        );
        prop_assert_eq!(quote_codes(&quote, &words.join(" ")), Vec::<&str>::new());
        // The same source with a negation among the words left out.
        let mut negated = words.clone();
        negated.insert(first + 3, negation.to_string());
        let codes = quote_codes(&quote, &negated.join(" "));
        prop_assert_eq!(codes, vec!["elision-drops-negation"]);
    }

    #[test]
    fn options_parse_never_panics(link in any::<String>()) {
        let dataset = common::valid().dataset;
        let _ = Options::parse(&dataset, &link);
    }

    #[test]
    fn options_format_then_parse_gives_the_same_options(pairs in prop::collection::vec(option_pair(), 0..10)) {
        let dataset = common::valid().dataset;
        let (options, _) = Options::parse(&dataset, &pairs.join("&"));
        let formatted = options.format(&dataset);
        let (again, notices) = Options::parse(&dataset, &formatted);
        prop_assert_eq!(&again, &options, "formatted as {:?}", formatted);
        prop_assert!(notices.is_empty(), "{:?} gave {:?}", formatted, notices);
    }

    #[test]
    fn restore_cell_undoes_neutralise_cell(cell in "['=+\\-@\t\ra-z ]{0,8}", any_cell in any::<String>()) {
        for cell in [cell, any_cell] {
            let neutral = export::neutralise_cell(&cell);
            prop_assert!(!neutral.starts_with(export::FORMULA_STARTS), "{:?}", neutral);
            prop_assert_eq!(export::restore_cell(&neutral), cell.as_str());
        }
    }
}

/// A `key=value` option: the link language's keys with valid and invalid values.
fn option_pair() -> impl Strategy<Value = String> {
    let dataset = common::valid().dataset;
    let actors: Vec<String> = dataset.actors.iter().map(|a| a.id.to_string()).collect();
    let relations: Vec<&str> = Relation::ALL.iter().map(|r| r.id()).collect();
    let stances: Vec<&str> = Stance::ALL.iter().map(|s| s.id()).collect();
    let list = |ids: Vec<String>| {
        prop::collection::vec(prop::sample::select(ids), 0..4).prop_map(|v| v.join(","))
    };
    let owned = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let junk = "[a-z=,&#%0-9-]{0,8}";
    prop_oneof![
        prop::sample::select(actors.clone()).prop_map(|a| format!("focus={a}")),
        prop::sample::select(actors.clone()).prop_map(|a| format!("select={a}")),
        prop::sample::select(owned(&["network", "list", "timeline", "grid"]))
            .prop_map(|v| format!("view={v}")),
        list(owned(&relations)).prop_map(|v| format!("hide-relation={v}")),
        list(owned(&stances)).prop_map(|v| format!("hide-stance={v}")),
        list(actors).prop_map(|v| format!("hide-claimant={v}")),
        prop::sample::select(owned(&["auto", "light", "dark", "sepia"]))
            .prop_map(|v| format!("theme={v}")),
        prop::sample::select(owned(&["0", "1", "no"])).prop_map(|v| format!("header={v}")),
        (junk, junk).prop_map(|(k, v)| format!("{k}={v}")),
    ]
}
