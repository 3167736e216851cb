//! The dataset's translations (`[[translations]]`): read and checked with
//! `file:line:column` (one bad fixture per error code under
//! `tests/fixtures/bad/`), carried by the compiled dataset, and shown per
//! item in the reader's language or marked as the original.
//!
//! Positions are found in each fixture's own text, never copied from the output.

mod common;

use std::path::PathBuf;

use who_backs_whom_core::codec::{decode, encode};
use who_backs_whom_core::i18n::Lang;
use who_backs_whom_core::load::{self, Diagnostic, Loaded};
use who_backs_whom_core::model::{Field, Localized};

fn my() -> Lang {
    Lang::from_tag("my").expect("this build has Burmese")
}

struct Bad {
    path: PathBuf,
    text: String,
    diagnostics: Vec<Diagnostic>,
}

fn bad(name: &str) -> Bad {
    let path = common::fixtures().join("bad").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let Err(diagnostics) = load::load(&path) else {
        panic!("{} should not load", path.display())
    };
    Bad {
        path,
        text,
        diagnostics,
    }
}

/// Line and column of the `occurrence`-th (0-based) `needle` in `text`.
fn position(text: &str, needle: &str, occurrence: usize) -> (usize, usize) {
    let byte = text
        .match_indices(needle)
        .nth(occurrence)
        .unwrap_or_else(|| panic!("`{needle}` #{occurrence} is not in the fixture"))
        .0;
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..byte].matches('\n').count() + 1,
        text[line_start..byte].chars().count() + 1,
    )
}

/// The one diagnostic of the fixture: `code` at `at`, in the entry of
/// `lang`, shown as `file:line:column: error[code] in `lang``.
fn only_one<'b>(bad: &'b Bad, code: &str, at: (usize, usize)) -> &'b Diagnostic {
    let all: Vec<String> = bad.diagnostics.iter().map(ToString::to_string).collect();
    let found: Vec<&Diagnostic> = bad.diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(
        bad.diagnostics.len(),
        found.len(),
        "only `{code}` expected:\n{}",
        all.join("\n")
    );
    let d = found
        .iter()
        .find(|d| (d.line, d.column) == at)
        .unwrap_or_else(|| panic!("no `{code}` at {at:?}:\n{}", all.join("\n")));
    let shown = d.to_string();
    let prefix = format!("{}:{}:{}: error[{code}]", bad.path.display(), at.0, at.1);
    assert!(
        shown.starts_with(&prefix),
        "`{shown}` should start with `{prefix}`"
    );
    assert!(!d.hint.trim().is_empty(), "{shown} has no hint");
    d
}

#[test]
fn a_language_without_a_catalogue_is_refused_at_its_code() {
    let bad = bad("unknown-language");
    let d = only_one(&bad, "unknown-language", position(&bad.text, "\"xx\"", 0));
    assert_eq!(d.id.as_deref(), Some("xx"));
    assert!(d.hint.contains("my"), "the hint names the languages: {d}");
}

#[test]
fn english_is_the_original_and_not_a_translation() {
    let result =
        with_translations("[[translations]]\nlang = \"en\"\ntranslator = \"T\"\nreviewed = true\n");
    let diagnostics = result.unwrap_err();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].code, "unknown-language");
    assert!(
        diagnostics[0].message.contains("English"),
        "{}",
        diagnostics[0]
    );
}

#[test]
fn a_language_translated_twice_is_refused_at_the_second() {
    let bad = bad("duplicate-language");
    let d = only_one(&bad, "duplicate-language", position(&bad.text, "\"my\"", 1));
    assert_eq!(d.id.as_deref(), Some("my"));
}

#[test]
fn a_translation_of_no_record_is_refused_at_its_id_with_a_suggestion() {
    let bad = bad("unknown-translation-id");
    let typo = position(&bad.text, "delta-wacth =", 0);
    let nothing = position(&bad.text, "no-such-claim =", 0);
    assert_eq!(bad.diagnostics.len(), 2, "{:?}", bad.diagnostics);
    let near = bad
        .diagnostics
        .iter()
        .find(|d| (d.line, d.column) == typo)
        .expect("the typo");
    assert_eq!(near.code, "unknown-translation-id");
    assert!(near.hint.contains("did you mean `delta-watch`"), "{near}");
    let far = bad
        .diagnostics
        .iter()
        .find(|d| (d.line, d.column) == nothing)
        .expect("the claim");
    assert_eq!(far.code, "unknown-translation-id");
    assert!(far.message.contains("claim `no-such-claim`"), "{far}");
    assert!(!far.hint.contains("did you mean"), "{far}");
    assert!(far.to_string().starts_with(&format!(
        "{}:{}:{}: error[unknown-translation-id] in `my`",
        bad.path.display(),
        nothing.0,
        nothing.1
    )));
}

#[test]
fn a_translated_note_needs_a_note_to_translate() {
    let bad = bad("translation-without-original");
    let d = only_one(
        &bad,
        "translation-without-original",
        position(&bad.text, "alpha-backs-beta = ", 0),
    );
    assert!(d.message.contains("has no note"), "{d}");
}

#[test]
fn an_empty_translation_is_refused_at_its_text() {
    let bad = bad("empty-translation");
    only_one(&bad, "empty-translation", position(&bad.text, "\"  \"", 0));
}

/// The valid fixture with `toml` appended.
fn with_translations(toml: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let dir = common::fixtures().join("valid");
    let text = std::fs::read_to_string(dir.join("dataset.toml")).expect("fixture exists");
    load::load_str(
        &dir.join("edited.toml"),
        &format!("{text}\n{toml}"),
        |relative| std::fs::read_to_string(dir.join(relative)).map_err(|e| e.to_string()),
    )
}

fn codes(result: Result<Loaded, Vec<Diagnostic>>) -> Vec<&'static str> {
    result
        .err()
        .unwrap_or_default()
        .iter()
        .map(|d| d.code)
        .collect()
}

const BURMESE: &str = r#"
[[translations]]
lang = "my"
translator = "Fixture translator"
reviewed = false

[translations.dataset]
title = "ဘီတာ ခေါင်းဆောင်ကို မည်သူ ထောက်ခံသနည်း။"

[translations.claim_summaries]
alpha-backs-beta = "ဒယ်လ်တာ ဝေါ့ချ်က အယ်လ်ဖာ နိုင်ငံသည် ဘီတာ ခေါင်းဆောင်ကို ပြင်းပြင်းထန်ထန် ထောက်ခံခဲ့သည်ဟု ဆိုသည်။"

[translations.actor_names]
beta-leader = "ဘီတာ ခေါင်းဆောင်"
alpha-state = "အယ်လ်ဖာ နိုင်ငံ"
"#;

#[test]
fn a_translation_is_read_sorted_and_shown_per_item() {
    let loaded = with_translations(BURMESE).unwrap_or_else(|d| panic!("{d:?}"));
    let d = &loaded.dataset;
    let t = d.translation(my()).expect("the Burmese translation");
    assert_eq!(
        (t.translator.as_ref(), t.reviewed),
        ("Fixture translator", false)
    );
    let keys: Vec<(Field, &str)> = t.texts.iter().map(|(f, id, _)| (*f, id.as_ref())).collect();
    assert_eq!(
        keys,
        [
            (Field::Title, ""),
            (Field::ActorName, "alpha-state"),
            (Field::ActorName, "beta-leader"),
            (Field::ClaimSummary, "alpha-backs-beta"),
        ]
    );
    let beta = common::actor(d, "beta-leader");
    let gamma = common::actor(d, "gamma-group");
    assert_eq!(d.actor_name(beta, my()), "ဘီတာ ခေါင်းဆောင်");
    // No translation of this name: the original, marked as untranslated.
    assert_eq!(
        d.localized(my(), Field::ActorName, "gamma-group", "Gamma Group"),
        Localized::Untranslated("Gamma Group")
    );
    assert_eq!(d.actor_name(gamma, my()), "Gamma Group");
    assert!(matches!(
        d.localized(my(), Field::Title, "", &d.meta.title),
        Localized::Translated {
            reviewed: false,
            original: "Who backs Beta Leader?",
            ..
        }
    ));
    // English readers see the originals, unmarked.
    assert_eq!(d.actor_name(beta, Lang::EN), "Beta Leader");
    assert!(matches!(
        d.localized(Lang::EN, Field::Title, "", &d.meta.title),
        Localized::Original(_)
    ));
    // The quote is never among the translated texts.
    let claim = &d.claims[common::claim(d, "alpha-backs-beta")];
    assert!(t.texts.iter().all(|(_, _, text)| *text != claim.quote));
}

#[test]
fn the_entry_needs_a_translator_and_the_reviewed_flag() {
    let no_translator = BURMESE.replace("translator = \"Fixture translator\"\n", "");
    assert_eq!(codes(with_translations(&no_translator)), ["missing-field"]);
    let no_flag = BURMESE.replace("reviewed = false\n", "");
    assert_eq!(codes(with_translations(&no_flag)), ["missing-field"]);
    let bad_flag = BURMESE.replace("reviewed = false", "reviewed = \"no\"");
    assert_eq!(codes(with_translations(&bad_flag)), ["wrong-type"]);
}

#[test]
fn unknown_tables_keys_and_non_strings_are_reported() {
    let quotes = BURMESE.replace("[translations.claim_summaries]", "[translations.quotes]");
    assert_eq!(codes(with_translations(&quotes)), ["unknown-field"]);
    let subtitle = BURMESE.replace("title = \"ဘီတာ", "subtitle = \"ဘီတာ");
    assert_eq!(codes(with_translations(&subtitle)), ["unknown-field"]);
    let number = BURMESE.replace("alpha-state = \"အယ်လ်ဖာ နိုင်ငံ\"", "alpha-state = 7");
    assert_eq!(codes(with_translations(&number)), ["wrong-type"]);
    let hidden = BURMESE.replace("alpha-state = \"အယ်လ်ဖာ", "alpha-state = \"\u{202e}အယ်လ်ဖာ");
    assert_eq!(codes(with_translations(&hidden)), ["bidi-control"]);
}

#[test]
fn translations_travel_in_the_compiled_dataset() {
    let loaded = with_translations(BURMESE).unwrap_or_else(|d| panic!("{d:?}"));
    let file = encode(&loaded.dataset);
    assert!(file.contains("\nL\tmy\tFixture translator\t0\n"), "{file}");
    assert_eq!(decode(&file).as_ref(), Ok(&loaded.dataset));
}

/// `file` with its body replaced by `edit(body)` under a correct header.
fn rehashed(file: &str, edit: impl Fn(&str) -> String) -> String {
    let (header, body) = file.split_once('\n').expect("a header");
    let body = edit(body);
    let mut parts: Vec<&str> = header.split('\t').collect();
    let hash = format!(
        "{:016x}",
        who_backs_whom_core::codec::fnv1a(body.as_bytes())
    );
    parts[2] = &hash;
    format!("{}\n{body}", parts.join("\t"))
}

#[test]
fn a_language_this_build_lacks_is_skipped_and_bad_translations_are_refused() {
    let loaded = with_translations(BURMESE).unwrap_or_else(|d| panic!("{d:?}"));
    let file = encode(&loaded.dataset);
    // A build without Burmese reads the dataset without its texts.
    let other = rehashed(&file, |b| b.replace("L\tmy\t", "L\tzz\t"));
    let decoded = decode(&other).expect("an unknown language is skipped");
    assert!(decoded.translations.is_empty());
    assert_eq!(decoded.claims, loaded.dataset.claims);
    // A text before any language, texts out of order, an unknown field: refused.
    let orphan = rehashed(&file, |b| {
        let at = b.find("L\tmy").unwrap();
        let end = at + b[at..].find('\n').unwrap() + 1;
        format!("{}{}", &b[..at], &b[end..])
    });
    assert!(decode(&orphan).is_err());
    let swapped = rehashed(&file, |b| {
        b.replace("T\tactor-name\talpha-state", "T\tactor-name\tzz-last")
    });
    assert!(decode(&swapped).is_err(), "out of order");
    let field = rehashed(&file, |b| b.replace("T\ttitle", "T\tquote"));
    assert!(decode(&field).is_err());
    let twice = rehashed(&file, |b| format!("{b}L\tmy\tX\t0\n"));
    assert!(decode(&twice).is_err());
}

/// Claims about these actors are translated in the shipped dataset.
const TRANSLATED_ABOUT: [&str; 3] = ["belarus", "russia", "china"];

#[test]
fn the_shipped_dataset_speaks_burmese_not_yet_reviewed() {
    let d = common::shipped().dataset;
    let t = d
        .translation(my())
        .expect("the shipped dataset has Burmese");
    assert!(
        !t.reviewed,
        "nobody has reviewed it yet: the card must say so"
    );
    assert!(t.translator.contains("not reviewed"), "{}", t.translator);
    for (field, original) in [
        (Field::Title, &d.meta.title),
        (Field::Description, &d.meta.description),
    ] {
        assert!(
            !d.localized(my(), field, "", original)
                .in_original_language(),
            "{field:?} is translated"
        );
    }
    for a in d.actors.iter() {
        for (field, original) in [
            (Field::ActorName, &a.name),
            (Field::ActorDescription, &a.description),
        ] {
            assert!(
                !d.localized(my(), field, &a.id, original)
                    .in_original_language(),
                "{field:?} of `{}` is translated",
                a.id
            );
        }
    }
    for id in TRANSLATED_ABOUT {
        let actor = common::actor(&d, id);
        let about: Vec<_> = d
            .claims
            .iter()
            .filter(|c| c.counterpart(actor).is_some())
            .collect();
        assert!(!about.is_empty(), "claims about `{id}`");
        for c in about {
            assert!(
                !d.localized(my(), Field::ClaimSummary, &c.id, &c.summary)
                    .in_original_language(),
                "the summary of `{}` is translated",
                c.id
            );
        }
    }
}

#[test]
fn every_shipped_burmese_name_wraps_between_clusters() {
    use who_backs_whom_core::layout::{is_mark, wrap_label};
    let d = common::shipped().dataset;
    for a in d.actor_ids() {
        let name = d.actor_name(a, my());
        let lines = wrap_label(name);
        for pair in lines.windows(2) {
            let (before, after) = (&pair[0], pair[1].trim_end_matches('…'));
            assert!(
                name.contains(before.as_str()) && name.contains(after),
                "{name}: {lines:?}"
            );
            let first = after.chars().next().expect("no empty line");
            let last = before.chars().last().expect("no empty line");
            assert!(
                !is_mark(first) && last != '\u{1039}',
                "{name}: {lines:?} splits a cluster"
            );
        }
    }
}

/// The hedge rule of data/README.md ("Translating the dataset"): a hedge of
/// the original summary, and the word that stands for it in the shipped
/// Burmese (the forms listed above `claim_summaries` in data/dataset.toml).
const HEDGES: [(&str, &str); 7] = [
    ("alleges", "စွပ်စွဲ"),
    ("according to", "အရ"),
    ("infers", "ကောက်ချက်"),
    ("expected", "မျှော်မှန်း"),
    ("set to", "စီစဉ်"),
    ("so-called", "အမည်ခံ"),
    (" see ", "ရှုမြင်"),
];
/// Words that attribute a Burmese summary to someone: says, tells, reports,
/// alleges, infers, urges, calls, sees, according to, refers to.
const ATTRIBUTING: [&str; 10] = [
    "ဆို",
    "ပြော",
    "ဖော်ပြ",
    "စွပ်စွဲ",
    "ကောက်ချက်",
    "တိုက်တွန်း",
    "ခေါ်",
    "ရှုမြင်",
    "အရ",
    "ရည်ညွှန်း",
];

#[test]
fn shipped_burmese_summaries_keep_their_hedges_and_attribution() {
    let d = common::shipped().dataset;
    let summaries = d
        .claims
        .iter()
        .map(|c| (Field::ClaimSummary, &c.id, &c.summary))
        .chain(
            d.context
                .iter()
                .map(|x| (Field::ContextSummary, &x.id, &x.summary)),
        );
    let mut checked = 0;
    for (field, id, original) in summaries {
        let Localized::Translated { text, .. } = d.localized(my(), field, id, original) else {
            continue;
        };
        checked += 1;
        let english = original.to_lowercase();
        for (hedge, burmese) in HEDGES {
            assert!(
                !english.contains(hedge) || text.contains(burmese),
                "`{id}`: the original says \"{hedge}\", the Burmese has no {burmese}: {text}"
            );
        }
        assert!(
            ATTRIBUTING.iter().any(|w| text.contains(w)),
            "`{id}`: the Burmese summary attributes nothing: {text}"
        );
    }
    assert_eq!(
        checked,
        d.claims.len() + d.context.len(),
        "every summary is translated"
    );
}
