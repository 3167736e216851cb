//! The build-time validator: one fixture per error code under
//! `tests/fixtures/bad/`, each with exactly one kind of problem, plus the valid
//! fixture and a few in-memory variations of it.
//!
//! Positions are not copied from the output: each test finds, in the fixture's
//! own text, the value (or the `[[table]]` header) the error must point at.

mod common;

use std::path::{Path, PathBuf};

use who_backs_whom_core::load::{self, Diagnostic, Loaded};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

struct Bad {
    path: PathBuf,
    text: String,
    diagnostics: Vec<Diagnostic>,
}

/// Loads `bad/<name>.toml`, which must fail.
fn bad(name: &str) -> Bad {
    let path = common::fixtures().join("bad").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let diagnostics = match load::load(&path) {
        Ok(_) => panic!("{} should not load", path.display()),
        Err(diagnostics) => diagnostics,
    };
    Bad {
        path,
        text,
        diagnostics,
    }
}

/// 1-based line and column (in characters) of where `value` starts on the one
/// line of `text` that contains `line_marker`.
fn value_at(text: &str, line_marker: &str, value: &str) -> (usize, usize) {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(line_marker))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "`{line_marker}` should be on exactly one line"
    );
    let (index, line) = lines[0];
    let byte = line
        .find(value)
        .unwrap_or_else(|| panic!("`{value}` is not on line `{line}`"));
    (index + 1, line[..byte].chars().count() + 1)
}

/// Line and column of the `[[…]]` header of the record whose `id = "…"` line
/// starts `id_lines` (which may go on over the next lines, to tell records apart).
fn header_of(text: &str, id_lines: &str) -> (usize, usize) {
    assert_eq!(
        text.matches(id_lines).count(),
        1,
        "`{id_lines}` should occur once"
    );
    let byte = text.find(id_lines).expect("counted above");
    let line = text[..byte].matches('\n').count() + 1;
    let header = text.lines().nth(line - 2).expect("a line before the id");
    assert!(
        header.starts_with("[["),
        "the line before `{id_lines}` should be a header: {header}"
    );
    (line - 1, 1)
}

/// Finds the diagnostic with `code` at `at`, and checks the parts every
/// diagnostic must have: the id at fault, a hint, and the `file:line:column` form.
fn reported<'d>(bad: &'d Bad, code: &str, at: (usize, usize), id: Option<&str>) -> &'d Diagnostic {
    let found = bad
        .diagnostics
        .iter()
        .find(|d| d.code == code && (d.line, d.column) == at);
    let Some(diagnostic) = found else {
        panic!(
            "no `{code}` at {at:?} in {}; got:\n{}",
            bad.path.display(),
            all(&bad.diagnostics)
        )
    };
    check_form(diagnostic, &bad.path, id);
    diagnostic
}

fn check_form(diagnostic: &Diagnostic, path: &Path, id: Option<&str>) {
    assert_eq!(diagnostic.file, path);
    assert_eq!(diagnostic.id.as_deref(), id, "id of {diagnostic}");
    assert!(
        !diagnostic.hint.trim().is_empty(),
        "{diagnostic} has no hint"
    );
    assert!(
        !diagnostic.message.trim().is_empty(),
        "{diagnostic} has no message"
    );
    let prefix = format!(
        "{}:{}:{}: error[{}]",
        path.display(),
        diagnostic.line,
        diagnostic.column,
        diagnostic.code
    );
    let shown = diagnostic.to_string();
    assert!(
        shown.starts_with(&prefix),
        "`{shown}` should start with `{prefix}`"
    );
    if let Some(id) = id {
        assert!(
            shown.contains(&format!("`{id}`")),
            "`{shown}` should name `{id}`"
        );
    }
    assert!(
        shown.contains(&diagnostic.hint),
        "`{shown}` should show the hint"
    );
}

/// Every diagnostic of a single-problem fixture has that problem's code:
/// one mistake must not cascade into unrelated errors.
fn only(bad: &Bad, code: &str) {
    let others: Vec<&Diagnostic> = bad.diagnostics.iter().filter(|d| d.code != code).collect();
    assert!(
        others.is_empty(),
        "only `{code}` expected in {}; also got:\n{}",
        bad.path.display(),
        all(&bad.diagnostics)
    );
}

fn all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Loads the valid fixture's text after `edits` (each `from` must occur once),
/// reading source texts from the valid fixture's directory.
fn valid_with(edits: &[(&str, &str)]) -> Result<Loaded, Vec<Diagnostic>> {
    edited("valid/dataset.toml", edits)
}

/// Loads `fixture` (under `tests/fixtures/`) after `edits`, reading source
/// texts from its directory.
fn edited(fixture: &str, edits: &[(&str, &str)]) -> Result<Loaded, Vec<Diagnostic>> {
    let path = common::fixtures().join(fixture);
    let dir = path
        .parent()
        .expect("a fixture is in a folder")
        .to_path_buf();
    let mut text = std::fs::read_to_string(&path).expect("fixture exists");
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` should occur once in {fixture}"
        );
        text = text.replacen(from, to, 1);
    }
    load::load_str(&dir.join("edited.toml"), &text, |relative| {
        std::fs::read_to_string(dir.join(relative)).map_err(|e| e.to_string())
    })
}

fn codes(result: Result<Loaded, Vec<Diagnostic>>) -> Vec<&'static str> {
    match result {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(|d| d.code).collect(),
    }
}

// ---------------------------------------------------------------------------
// The valid fixture
// ---------------------------------------------------------------------------

#[test]
fn valid_fixture_loads_every_record() {
    let loaded = common::valid();
    let d = &loaded.dataset;
    assert_eq!(
        (
            d.actors.len(),
            d.sources.len(),
            d.claims.len(),
            d.context.len()
        ),
        (5, 1, 3, 1)
    );
    assert_eq!(d.actor(d.meta.focus).id, "beta-leader");
    assert_eq!(d.meta.as_of.iso(), "2025-03-14");
}

#[test]
fn valid_fixture_reads_its_source_text_relative_to_the_dataset() {
    let loaded = common::valid();
    let doc = common::fixtures().join("valid/doc.txt");
    assert_eq!(
        loaded.source_texts,
        vec![std::fs::read_to_string(&doc).unwrap()]
    );
    assert_eq!(
        loaded.files,
        vec![common::fixtures().join("valid/dataset.toml"), doc]
    );
}

#[test]
fn quote_written_across_a_line_break_is_accepted_verbatim() {
    let loaded = common::valid();
    let claim = &loaded.dataset.claims[common::claim(&loaded.dataset, "alpha-backs-beta")];
    // The quote keeps its own line break; it is matched with whitespace collapsed.
    assert_eq!(
        claim.quote,
        "Alpha State has given\nstrong backing to Beta Leader"
    );
}

#[test]
fn quote_with_an_elision_is_accepted() {
    let loaded = common::valid();
    let claim = &loaded.dataset.claims[common::claim(&loaded.dataset, "gamma-criticises-beta")];
    assert!(claim.quote.contains(" … "));
}

#[test]
fn elided_parts_out_of_order_are_not_found() {
    let swapped = "quote = \"an empty promise. … The Gamma Group has criticised Beta Leader\"";
    let result = valid_with(&[(
        "quote = \"The Gamma Group has criticised Beta Leader, calling his plan … an empty promise.\"",
        swapped,
    )]);
    assert_eq!(codes(result), vec!["quote-not-found"]);
}

// ---------------------------------------------------------------------------
// One fixture per error code
// ---------------------------------------------------------------------------

#[test]
fn syntax_error_points_at_the_bad_value() {
    let bad = bad("syntax");
    let at = value_at(&bad.text, "name = Alpha State", "Alpha");
    reported(&bad, "syntax", at, None);
    only(&bad, "syntax");
}

#[test]
fn missing_field_points_at_the_record() {
    let bad = bad("missing-field");
    let d = reported(
        &bad,
        "missing-field",
        header_of(&bad.text, "id = \"beta-leader\""),
        Some("beta-leader"),
    );
    assert!(d.message.contains("`name`"), "{d}");
    only(&bad, "missing-field");
}

#[test]
fn missing_dataset_section_is_a_missing_field_at_the_start() {
    let text = "[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"state\"\ndescription = \"d\"\n";
    let path = Path::new("no-dataset.toml");
    let diagnostics = load::load_str(path, text, |_| Ok(String::new())).unwrap_err();
    let d = diagnostics
        .iter()
        .find(|d| d.code == "missing-field")
        .expect("missing-field");
    assert_eq!((d.line, d.column), (1, 1));
    check_form(d, path, None);
    assert!(d.message.contains("[dataset]"));
}

#[test]
fn wrong_type_points_at_the_value() {
    let bad = bad("wrong-type");
    let at = value_at(&bad.text, "aliases = \"Alpha\"", "\"Alpha\"");
    reported(&bad, "wrong-type", at, Some("alpha-state"));
    only(&bad, "wrong-type");
}

#[test]
fn unknown_field_points_at_the_key_and_lists_the_fields() {
    let bad = bad("unknown-field");
    let at = value_at(&bad.text, "colour = ", "colour");
    let d = reported(&bad, "unknown-field", at, Some("alpha-state"));
    assert!(d.hint.contains("name") && d.hint.contains("aliases"), "{d}");
    only(&bad, "unknown-field");
}

#[test]
fn unknown_section_is_an_unknown_field() {
    let result = valid_with(&[("[[context]]", "[[contexts]]")]);
    assert_eq!(codes(result), vec!["unknown-field"]);
}

#[test]
fn malformed_id_points_at_the_record() {
    let bad = bad("malformed-id");
    let at = header_of(&bad.text, "id = \"Alpha_Backs_Beta\"");
    reported(&bad, "malformed-id", at, Some("Alpha_Backs_Beta"));
    only(&bad, "malformed-id");
}

#[test]
fn duplicate_ids_are_reported_within_and_across_kinds() {
    let bad = bad("duplicate-id");
    let second_actor = header_of(
        &bad.text,
        "id = \"alpha-state\"\nname = \"Alpha State again\"",
    );
    let d = reported(&bad, "duplicate-id", second_actor, Some("alpha-state"));
    assert!(d.message.contains("actor"), "{d}");
    let claim = header_of(&bad.text, "id = \"doc-2025\"\nsubject");
    let d = reported(&bad, "duplicate-id", claim, Some("doc-2025"));
    assert!(d.message.contains("source"), "{d}");
    assert_eq!(
        bad.diagnostics
            .iter()
            .filter(|d| d.code == "duplicate-id")
            .count(),
        2
    );
    only(&bad, "duplicate-id");
}

#[test]
fn unknown_actor_suggests_a_near_id() {
    let bad = bad("unknown-actor");
    let at = value_at(&bad.text, "subject = ", "\"alpah-state\"");
    let d = reported(&bad, "unknown-actor", at, Some("alpha-backs-beta"));
    assert!(d.hint.contains("did you mean `alpha-state`"), "{d}");
    only(&bad, "unknown-actor");
}

#[test]
fn unknown_actor_far_from_every_id_gets_no_suggestion() {
    let bad = bad("unknown-actor");
    let at = value_at(&bad.text, "object = ", "\"zeta-nowhere\"");
    let d = reported(&bad, "unknown-actor", at, Some("alpha-backs-beta"));
    assert!(!d.hint.contains("did you mean"), "{d}");
}

#[test]
fn unknown_actor_in_a_context_item_is_reported() {
    let result = valid_with(&[("about = [\"alpha-state\"]", "about = [\"alpha-stat\"]")]);
    let diagnostics = result.unwrap_err();
    assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    assert_eq!(diagnostics[0].code, "unknown-actor");
    assert_eq!(
        diagnostics[0].id.as_deref(),
        Some("region-tense-since-floods")
    );
    assert!(diagnostics[0].hint.contains("`alpha-state`"));
}

#[test]
fn unknown_source_suggests_a_near_id() {
    let bad = bad("unknown-source");
    let at = value_at(&bad.text, "sources = ", "\"doc-2052\"");
    let d = reported(&bad, "unknown-source", at, Some("alpha-backs-beta"));
    assert!(d.hint.contains("did you mean `doc-2025`"), "{d}");
    only(&bad, "unknown-source");
}

#[test]
fn empty_sources_list_is_no_source() {
    let bad = bad("no-source");
    reported(
        &bad,
        "no-source",
        header_of(&bad.text, "id = \"alpha-backs-beta\""),
        Some("alpha-backs-beta"),
    );
    only(&bad, "no-source");
}

#[test]
fn missing_sources_key_is_no_source() {
    let result = valid_with(&[(
        "sources = [\"doc-2025\"]\nquote = \"Beta Leader visited",
        "quote = \"Beta Leader visited",
    )]);
    assert_eq!(codes(result), vec!["no-source"]);
}

#[test]
fn claim_without_attribution_is_no_attribution() {
    let bad = bad("no-attribution");
    reported(
        &bad,
        "no-attribution",
        header_of(&bad.text, "id = \"alpha-backs-beta\""),
        Some("alpha-backs-beta"),
    );
    only(&bad, "no-attribution");
}

#[test]
fn claim_without_quote_is_no_quote() {
    let bad = bad("no-quote");
    reported(
        &bad,
        "no-quote",
        header_of(&bad.text, "id = \"alpha-backs-beta\""),
        Some("alpha-backs-beta"),
    );
    only(&bad, "no-quote");
}

#[test]
fn blank_quote_is_no_quote() {
    let result = valid_with(&[(
        "quote = \"Beta Leader visited Alpha State in 2024, according to officials.\"",
        "quote = \"   \"",
    )]);
    assert_eq!(codes(result), vec!["no-quote"]);
}

#[test]
fn quote_not_in_the_source_is_reported_at_the_quote() {
    let bad = bad("quote-not-found");
    let at = value_at(&bad.text, "quote = ", "\"Alpha State has given weak");
    reported(&bad, "quote-not-found", at, Some("alpha-backs-beta"));
    only(&bad, "quote-not-found");
}

#[test]
fn quote_of_46_words_is_too_long_even_when_found() {
    let bad = bad("quote-too-long");
    let at = value_at(&bad.text, "quote = ", "\"one two");
    let d = reported(&bad, "quote-too-long", at, Some("alpha-backs-beta"));
    assert!(d.message.contains("46 words"), "{d}");
    only(&bad, "quote-too-long");
}

#[test]
fn quote_of_45_words_and_elision_marks_is_not_too_long() {
    let words: Vec<&str> = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen \
        sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five \
        twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one thirty-two thirty-three thirty-four \
        thirty-five thirty-six thirty-seven thirty-eight thirty-nine forty forty-one forty-two forty-three \
        forty-four forty-five forty-six"
        .split_whitespace()
        .collect();
    assert_eq!(words.len(), 46);
    let source = words.join(" ");
    let check = |quote: &str| {
        let text =
            std::fs::read_to_string(common::fixtures().join("bad/quote-too-long.toml")).unwrap();
        let start = text.find("quote = ").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        let text = format!("{}quote = \"{quote}\"{}", &text[..start], &text[end..]);
        let source = source.clone();
        codes(load::load_str(Path::new("q.toml"), &text, move |_| {
            Ok(source.clone())
        }))
    };
    assert_eq!(check(&words[..45].join(" ")), Vec::<&str>::new());
    // 44 words and one elision mark: the mark is not a word.
    let elided = format!("{} … {}", words[..22].join(" "), words[24..].join(" "));
    assert_eq!(check(&elided), Vec::<&str>::new());
    assert_eq!(check(&words.join(" ")), vec!["quote-too-long"]);
}

#[test]
fn malformed_date_points_at_the_date() {
    let bad = bad("malformed-date");
    let at = value_at(&bad.text, "date = \"2025-3\"", "\"2025-3\"");
    reported(&bad, "malformed-date", at, Some("alpha-backs-beta"));
    only(&bad, "malformed-date");
}

#[test]
fn date_more_precise_than_the_source_needs_a_basis() {
    let bad = bad("date-too-precise");
    let at = value_at(&bad.text, "date = \"2025-03\"", "\"2025-03\"");
    let d = reported(&bad, "date-too-precise", at, Some("alpha-backs-beta"));
    assert!(
        d.message.contains("(2025)"),
        "the message gives the source's date: {d}"
    );
    only(&bad, "date-too-precise");
}

#[test]
fn date_basis_found_in_the_source_allows_a_more_precise_date() {
    // The source says "the backing continued in March 2025"; undated claims can
    // be given a month date when the basis quotes those words.
    let result = valid_with(&[
        ("date = \"2025-03-14\"\ntext", "date = \"2025\"\ntext"),
        (
            "date = \"2025-03\"\nsummary",
            "date = \"2025-03\"\ndate_basis = \"continued in March 2025\"\nsummary",
        ),
    ]);
    assert_eq!(codes(result), Vec::<&str>::new());
}

#[test]
fn date_after_the_source_is_reported() {
    let bad = bad("date-after-source");
    let at = value_at(&bad.text, "date = \"2025-04\"", "\"2025-04\"");
    let d = reported(&bad, "date-after-source", at, Some("alpha-backs-beta"));
    assert!(d.message.contains("2025-03-14"), "{d}");
    only(&bad, "date-after-source");
}

#[test]
fn date_basis_not_in_the_source_is_reported_at_the_basis() {
    let bad = bad("date-basis-not-found");
    let at = value_at(&bad.text, "date_basis = ", "\"in early March\"");
    reported(&bad, "date-basis-not-found", at, Some("alpha-backs-beta"));
    only(&bad, "date-basis-not-found");
}

#[test]
fn values_outside_each_vocabulary_are_reported_with_the_valid_values() {
    let bad = bad("unknown-vocabulary");
    let cases = [
        (
            "kind = \"country\"",
            "\"country\"",
            "alpha-state",
            "organisation",
        ),
        ("kind = \"blog\"", "\"blog\"", "doc-2025", "media-release"),
        (
            "relation = \"supports\"",
            "\"supports\"",
            "alpha-backs-beta",
            "general-backing",
        ),
        (
            "stance = \"backing\"",
            "\"backing\"",
            "alpha-backs-beta",
            "backs, opposes, neutral",
        ),
        (
            "status = \"rumoured\"",
            "\"rumoured\"",
            "alpha-backs-beta",
            "stated, reported, alleged, disputed",
        ),
    ];
    for (line, value, id, valid) in cases {
        let d = reported(
            &bad,
            "unknown-vocabulary",
            value_at(&bad.text, line, value),
            Some(id),
        );
        assert!(d.hint.contains(valid), "{d} should list {valid}");
    }
    assert_eq!(
        bad.diagnostics.len(),
        cases.len(),
        "{}",
        all(&bad.diagnostics)
    );
}

#[test]
fn url_without_http_is_a_bad_url() {
    let bad = bad("bad-url");
    let at = value_at(&bad.text, "url = ", "\"www.example.org/report\"");
    reported(&bad, "bad-url", at, Some("doc-2025"));
    only(&bad, "bad-url");
}

#[test]
fn https_url_is_accepted_and_kept() {
    let loaded = valid_with(&[(
        "text = \"doc.txt\"",
        "url = \"https://example.org/report\"\ntext = \"doc.txt\"",
    )])
    .expect("loads");
    assert_eq!(
        loaded.dataset.sources[0].url.as_deref(),
        Some("https://example.org/report")
    );
    assert_eq!(
        codes(valid_with(&[(
            "text = \"doc.txt\"",
            "url = \"https://\"\ntext = \"doc.txt\""
        )])),
        vec!["bad-url"]
    );
    assert_eq!(
        codes(valid_with(&[(
            "text = \"doc.txt\"",
            "url = \"https://example.org/a report\"\ntext = \"doc.txt\""
        )])),
        vec!["bad-url"]
    );
}

#[test]
fn summary_that_does_not_name_the_claimant_is_unattributed() {
    let bad = bad("summary-unattributed");
    let at = value_at(&bad.text, "summary = ", "\"Alpha State");
    let d = reported(&bad, "summary-unattributed", at, Some("alpha-backs-beta"));
    assert!(d.hint.contains("Delta Watch"), "{d}");
    only(&bad, "summary-unattributed");
}

#[test]
fn summary_may_name_the_claimant_by_an_alias_in_any_case() {
    let result = valid_with(&[
        (
            "aliases = []\n\n[[actors]]\nid = \"epsilon-island\"",
            "aliases = [\"DW\"]\n\n[[actors]]\nid = \"epsilon-island\"",
        ),
        (
            "summary = \"Delta Watch says Beta Leader visited",
            "summary = \"dw says Beta Leader visited",
        ),
    ]);
    assert_eq!(codes(result), Vec::<&str>::new());
}

#[test]
fn stated_by_someone_other_than_the_subject_is_a_status_mismatch() {
    let bad = bad("status-mismatch");
    reported(
        &bad,
        "status-mismatch",
        header_of(&bad.text, "id = \"alpha-backs-beta\""),
        Some("alpha-backs-beta"),
    );
    only(&bad, "status-mismatch");
}

#[test]
fn stated_by_a_member_of_the_subject_is_accepted() {
    // Make Delta Watch a member of the Gamma Group: its claim about the group
    // may then be `stated`.
    let result = valid_with(&[
        ("description = \"The organisation whose report is the fixture's only source\"",
         "description = \"The organisation whose report is the fixture's only source\"\nmember_of = \"gamma-group\""),
        ("status = \"reported\"\n\n[[claims]]\nid = \"beta-visits-alpha\"", "status = \"stated\"\n\n[[claims]]\nid = \"beta-visits-alpha\""),
    ]);
    assert_eq!(codes(result), Vec::<&str>::new());
    let not_member = valid_with(&[(
        "status = \"reported\"\n\n[[claims]]\nid = \"beta-visits-alpha\"",
        "status = \"stated\"\n\n[[claims]]\nid = \"beta-visits-alpha\"",
    )]);
    assert_eq!(codes(not_member), vec!["status-mismatch"]);
}

#[test]
fn claim_linking_an_actor_to_itself_is_a_self_relation() {
    let bad = bad("self-relation");
    reported(
        &bad,
        "self-relation",
        header_of(&bad.text, "id = \"alpha-backs-beta\""),
        Some("alpha-backs-beta"),
    );
    only(&bad, "self-relation");
}

#[test]
fn missing_source_text_is_reported_at_its_path() {
    let bad = bad("source-text-missing");
    let at = value_at(&bad.text, "text = ", "\"missing.txt\"");
    let d = reported(&bad, "source-text-missing", at, Some("doc-2025"));
    assert!(d.message.contains("missing.txt"), "{d}");
    only(&bad, "source-text-missing");
}

#[test]
fn as_of_earlier_than_a_source_is_reported() {
    let bad = bad("as-of-too-early");
    let at = value_at(&bad.text, "as_of = ", "\"2024\"");
    let d = reported(&bad, "as-of-too-early", at, None);
    assert!(d.message.contains("2025-03-14"), "{d}");
    only(&bad, "as-of-too-early");
}

#[test]
fn unreadable_dataset_file_is_reported_at_its_start() {
    let path = common::fixtures().join("bad/does-not-exist.toml");
    let diagnostics = load::load(&path).unwrap_err();
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    assert_eq!((d.code, d.line, d.column), ("unreadable-file", 1, 1));
    check_form(d, &path, None);
}

// ---------------------------------------------------------------------------
// Cascades and several problems at once
// ---------------------------------------------------------------------------

#[test]
fn a_broken_source_does_not_make_its_claims_dates_look_too_precise() {
    // The source's kind and url are wrong, but its date (2025-03-14) is fine:
    // the claim dated 2025-03 must not be reported as more precise than it.
    for edit in [
        ("kind = \"report\"", "kind = \"blog\""),
        (
            "text = \"doc.txt\"",
            "url = \"ftp://x\"\ntext = \"doc.txt\"",
        ),
    ] {
        let diagnostics = valid_with(&[edit]).unwrap_err();
        assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    }
}

#[test]
fn a_malformed_source_date_is_reported_once() {
    let diagnostics =
        valid_with(&[("date = \"2025-03-14\"\ntext", "date = \"14.03.2025\"\ntext")]).unwrap_err();
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["malformed-date"], "{}", all(&diagnostics));
    assert_eq!(diagnostics[0].id.as_deref(), Some("doc-2025"));
}

#[test]
fn every_problem_in_a_file_is_reported_at_once() {
    let bad = bad("several");
    let expected = [
        (
            "unknown-field",
            value_at(&bad.text, "colour = ", "colour"),
            "alpha-state",
        ),
        (
            "duplicate-id",
            header_of(
                &bad.text,
                "id = \"beta-leader\"\nname = \"Beta Leader again\"",
            ),
            "beta-leader",
        ),
        (
            "unknown-vocabulary",
            value_at(&bad.text, "relation = \"support\"", "\"support\""),
            "alpha-backs-beta",
        ),
        (
            "malformed-date",
            value_at(&bad.text, "date = \"March 2025\"", "\"March 2025\""),
            "alpha-backs-beta",
        ),
        (
            "unknown-actor",
            value_at(&bad.text, "object = \"beta-leeder\"", "\"beta-leeder\""),
            "gamma-criticises-beta",
        ),
        (
            "quote-not-found",
            value_at(&bad.text, "quote = \"Gamma Group praised", "\"Gamma"),
            "gamma-criticises-beta",
        ),
        (
            "summary-unattributed",
            value_at(&bad.text, "summary = \"Beta Leader visited", "\"Beta"),
            "beta-visits-alpha",
        ),
        (
            "self-relation",
            header_of(&bad.text, "id = \"beta-visits-alpha\""),
            "beta-visits-alpha",
        ),
    ];
    for (code, at, id) in expected {
        reported(&bad, code, at, Some(id));
    }
    assert_eq!(
        bad.diagnostics.len(),
        expected.len(),
        "{}",
        all(&bad.diagnostics)
    );
}

// ---------------------------------------------------------------------------
// Elided quotes: real stretches of text, close together, no negation dropped
// ---------------------------------------------------------------------------

#[test]
fn elided_parts_of_single_words_are_too_short() {
    // "Russia … will … send … troops … to Beta Leader" is in elision.txt in
    // order, inside "Nobody said that Russia will never send any troops".
    let bad = bad("elision-part-too-short");
    let at = value_at(&bad.text, "quote = ", "\"Russia");
    let d = reported(&bad, "elision-part-too-short", at, Some("alpha-backs-beta"));
    assert!(d.message.contains("3 words"), "{d}");
    only(&bad, "elision-part-too-short");
}

#[test]
fn elided_parts_in_two_paragraphs_are_refused() {
    let bad = bad("elision-across-paragraphs");
    let at = value_at(&bad.text, "quote = ", "\"send troops");
    reported(
        &bad,
        "elision-across-paragraphs",
        at,
        Some("alpha-backs-beta"),
    );
    only(&bad, "elision-across-paragraphs");
}

#[test]
fn elided_parts_more_than_30_words_apart_are_refused() {
    let bad = bad("elision-gap-too-long");
    let at = value_at(&bad.text, "quote = ", "\"One two three");
    let d = reported(&bad, "elision-gap-too-long", at, Some("alpha-backs-beta"));
    assert!(d.message.contains("30 words"), "{d}");
    only(&bad, "elision-gap-too-long");
}

#[test]
fn elided_parts_exactly_30_words_apart_are_accepted() {
    let from = "quote = \"One two three … thirty-six thirty-seven thirty-eight.\"";
    // "four" … "thirty-three" is 30 words.
    let to =
        "quote = \"One two three … thirty-four thirty-five thirty-six thirty-seven thirty-eight.\"";
    assert_eq!(
        codes(edited("bad/elision-gap-too-long.toml", &[(from, to)])),
        Vec::<&str>::new()
    );
}

#[test]
fn an_elision_that_drops_a_negation_is_refused() {
    let bad = bad("elision-drops-negation");
    let at = value_at(&bad.text, "quote = ", "\"Alpha State will");
    let d = reported(&bad, "elision-drops-negation", at, Some("alpha-backs-beta"));
    assert!(d.message.contains("negation"), "{d}");
    only(&bad, "elision-drops-negation");
    // Quoting the negation makes it honest.
    let from = "quote = \"Alpha State will … send troops to Beta Leader.\"";
    let to = "quote = \"Alpha State will not, … send troops to Beta Leader.\"";
    assert_eq!(
        codes(edited("bad/elision-drops-negation.toml", &[(from, to)])),
        Vec::<&str>::new()
    );
}

#[test]
fn a_quote_that_starts_inside_a_word_is_not_found() {
    let bad = bad("quote-inside-word");
    let at = value_at(&bad.text, "quote = ", "\"lpha");
    let d = reported(&bad, "quote-not-found", at, Some("alpha-backs-beta"));
    assert!(
        d.hint.contains("NFC"),
        "the hint says how quotes are compared: {d}"
    );
    only(&bad, "quote-not-found");
}

#[test]
fn quotes_are_compared_after_nfc_normalisation() {
    // The quote writes "é" as e + combining acute; the source as one character.
    let text = std::fs::read_to_string(common::fixtures().join("valid/dataset.toml")).unwrap();
    let from = "quote = \"The region has been tense since the floods of 2023.\"";
    let to = "quote = \"The re\u{301}gion has been tense since the floods of 2023.\"";
    let text = text.replacen(from, to, 1);
    let source = std::fs::read_to_string(common::fixtures().join("valid/doc.txt")).unwrap();
    let source = source.replace("The region has", "The r\u{e9}gion has");
    let load = |source: String| {
        codes(load::load_str(Path::new("nfc.toml"), &text, move |_| {
            Ok(source.clone())
        }))
    };
    assert_eq!(load(source.clone()), Vec::<&str>::new());
    assert_eq!(load(source.replace('\u{e9}', "e")), vec!["quote-not-found"]);
}

// ---------------------------------------------------------------------------
// Names and aliases
// ---------------------------------------------------------------------------

#[test]
fn empty_and_one_letter_aliases_are_refused() {
    let bad = bad("alias-too-short");
    let line = "aliases = [\"\", \"D\"]";
    for value in ["\"\"", "\"D\""] {
        reported(
            &bad,
            "alias-too-short",
            value_at(&bad.text, line, value),
            Some("delta-watch"),
        );
    }
    assert_eq!(bad.diagnostics.len(), 2, "{}", all(&bad.diagnostics));
}

#[test]
fn a_one_letter_name_is_refused() {
    let bad = bad("name-too-short");
    let at = value_at(&bad.text, "name = \"A\"", "\"A\"");
    reported(&bad, "name-too-short", at, Some("alpha-state"));
    only(&bad, "name-too-short");
}

#[test]
fn an_empty_alias_no_longer_names_the_claimant_in_every_summary() {
    let bad = bad("summary-empty-alias");
    let alias = value_at(&bad.text, "aliases = [\"\"]", "\"\"");
    reported(&bad, "alias-too-short", alias, Some("delta-watch"));
    let summary = value_at(&bad.text, "summary = ", "\"Alpha State");
    reported(
        &bad,
        "summary-unattributed",
        summary,
        Some("alpha-backs-beta"),
    );
    assert_eq!(bad.diagnostics.len(), 2, "{}", all(&bad.diagnostics));
}

#[test]
fn a_name_inside_a_longer_word_does_not_name_the_claimant() {
    let bad = bad("summary-inside-word");
    let at = value_at(&bad.text, "summary = ", "\"The Delta");
    reported(&bad, "summary-unattributed", at, Some("alpha-backs-beta"));
    only(&bad, "summary-unattributed");
}

#[test]
fn a_context_item_summary_must_name_its_claimant_too() {
    let bad = bad("summary-unattributed-context");
    let at = value_at(&bad.text, "summary = \"The region", "\"The region");
    reported(&bad, "summary-unattributed", at, Some("region-tense"));
    only(&bad, "summary-unattributed");
}

// ---------------------------------------------------------------------------
// Status: `stated` only from the subject, its leader or its member
// ---------------------------------------------------------------------------

#[test]
fn stated_by_the_leader_of_the_object_is_a_status_mismatch() {
    let bad = bad("status-mismatch-leader-of-object");
    reported(
        &bad,
        "status-mismatch",
        header_of(&bad.text, "id = \"alpha-backs-beta\""),
        Some("alpha-backs-beta"),
    );
    only(&bad, "status-mismatch");
}

#[test]
fn stated_by_the_leader_of_the_subject_is_accepted() {
    let status = "status = \"reported\"\n\n[[claims]]\nid = \"beta-visits-alpha\"";
    let stated = "status = \"stated\"\n\n[[claims]]\nid = \"beta-visits-alpha\"";
    let description =
        "description = \"The organisation whose report is the fixture's only source\"";
    let leads = |body: &str| format!("{description}\nleads = \"{body}\"");
    let leader = leads("gamma-group");
    assert_eq!(
        codes(valid_with(&[(description, &leader), (status, stated)])),
        Vec::<&str>::new()
    );
    // Leading the object (Beta Leader) is not speaking for the subject.
    let wrong = leads("beta-leader");
    assert_eq!(
        codes(valid_with(&[(description, &wrong), (status, stated)])),
        vec!["status-mismatch"]
    );
}

// ---------------------------------------------------------------------------
// Source paths stay inside the dataset's folder
// ---------------------------------------------------------------------------

#[test]
fn source_paths_that_lead_out_of_the_folder_are_refused() {
    let bad = bad("source-path-outside");
    let dotdot = value_at(&bad.text, "text = \"../", "\"../");
    reported(&bad, "source-path-outside", dotdot, Some("doc-2025"));
    let absolute = value_at(&bad.text, "text = \"/etc", "\"/etc");
    reported(&bad, "source-path-outside", absolute, Some("doc-absolute"));
    assert_eq!(bad.diagnostics.len(), 2, "{}", all(&bad.diagnostics));
}

/// A fresh folder for one test, under Cargo's temporary directory for tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("validation-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch folder");
    dir
}

#[cfg(unix)]
#[test]
fn a_symlink_that_leads_out_of_the_folder_is_refused() {
    use std::os::unix::fs::symlink;
    let root = scratch("symlink");
    let (data, outside) = (root.join("data"), root.join("outside"));
    std::fs::create_dir_all(data.join("sources")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    let valid = common::fixtures().join("valid");
    std::fs::copy(valid.join("doc.txt"), outside.join("doc.txt")).unwrap();
    std::fs::copy(valid.join("doc.txt"), data.join("sources/real.txt")).unwrap();
    let dataset = std::fs::read_to_string(valid.join("dataset.toml")).unwrap();
    let with =
        |text: &str| dataset.replacen("text = \"doc.txt\"", &format!("text = \"{text}\""), 1);
    std::fs::write(data.join("out.toml"), with("doc.txt")).unwrap();
    std::fs::write(data.join("in.toml"), with("inside.txt")).unwrap();
    symlink(outside.join("doc.txt"), data.join("doc.txt")).unwrap();
    symlink("sources/real.txt", data.join("inside.txt")).unwrap();

    let diagnostics = load::load(&data.join("out.toml")).unwrap_err();
    assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    assert_eq!(diagnostics[0].code, "source-path-outside");
    assert_eq!(diagnostics[0].id.as_deref(), Some("doc-2025"));
    // A symlink to a file inside the folder is fine.
    assert!(load::load(&data.join("in.toml")).is_ok());
}

// ---------------------------------------------------------------------------
// Characters that hide or reorder text, and text that is not UTF-8
// ---------------------------------------------------------------------------

#[test]
fn control_characters_are_refused_where_they_stand() {
    let bad = bad("control-character");
    // Written as an escape: reported at the value.
    let escaped = value_at(&bad.text, "name = \"Alpha\\u0007", "\"Alpha");
    let d = reported(&bad, "control-character", escaped, Some("alpha-state"));
    assert!(d.message.contains("U+0007"), "{d}");
    // Written as is: reported at the character itself.
    let tab = value_at(&bad.text, "title = \"Backing", "\t");
    reported(&bad, "control-character", tab, Some("doc-2025"));
    assert_eq!(bad.diagnostics.len(), 2, "{}", all(&bad.diagnostics));
}

#[test]
fn bidi_overrides_are_refused_where_they_stand() {
    let bad = bad("bidi-control");
    let at = value_at(&bad.text, "name = \"Alpha ", "\u{202e}");
    let d = reported(&bad, "bidi-control", at, Some("alpha-state"));
    assert!(d.message.contains("U+202E"), "{d}");
    only(&bad, "bidi-control");
}

#[test]
fn zero_width_characters_are_refused_where_they_stand() {
    let bad = bad("invisible-character");
    let at = value_at(&bad.text, "name = \"Alpha", "\u{200b}");
    reported(&bad, "invisible-character", at, Some("alpha-state"));
    only(&bad, "invisible-character");
}

#[test]
fn line_breaks_and_tabs_are_allowed_in_multi_line_fields_only() {
    let summary = "summary = \"Delta Watch says the region";
    let tabbed = "summary = \"Delta Watch says\\tthe region";
    assert_eq!(codes(valid_with(&[(summary, tabbed)])), Vec::<&str>::new());
    let name = "name = \"Epsilon Island\"";
    assert_eq!(
        codes(valid_with(&[(name, "name = \"Epsilon\\nIsland\"")])),
        vec!["control-character"]
    );
}

/// Line and column (in characters) of the first byte of `bytes` that is not UTF-8,
/// found by decoding lossily and looking for the replacement character.
fn first_bad_byte(bytes: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(bytes);
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains('\u{fffd}'))
        .expect("a byte that is not UTF-8");
    let byte = line.find('\u{fffd}').unwrap();
    (index + 1, line[..byte].chars().count() + 1)
}

#[test]
fn a_dataset_that_is_not_utf8_is_reported_at_the_bad_byte() {
    let path = common::fixtures().join("bad/invalid-utf8.toml");
    let bytes = std::fs::read(&path).unwrap();
    let diagnostics = load::load(&path).unwrap_err();
    assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    let d = &diagnostics[0];
    assert_eq!((d.code, d.line, d.column), ("invalid-utf8", 15, 20));
    assert_eq!((d.line, d.column), first_bad_byte(&bytes));
    check_form(d, &path, None);
}

#[test]
fn a_source_text_that_is_not_utf8_is_reported_with_where() {
    let bad = bad("invalid-utf8-source");
    let at = value_at(&bad.text, "text = ", "\"not-utf8.txt\"");
    let d = reported(&bad, "invalid-utf8", at, Some("doc-2025"));
    let txt = std::fs::read(common::fixtures().join("bad/not-utf8.txt")).unwrap();
    let (line, column) = first_bad_byte(&txt);
    assert!(
        d.message.contains(&format!("not-utf8.txt:{line}:{column}")),
        "{d}"
    );
    only(&bad, "invalid-utf8");
}

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

/// A dataset of `actors` actors and `sources` sources, and no claims.
fn many(actors: usize, sources: usize) -> String {
    use std::fmt::Write;
    let mut text = String::from(
        "[dataset]\ntitle = \"Many\"\nfocus = \"a0\"\nas_of = \"2025\"\nversion = \"0.1.0\"\ndescription = \"Many records\"\n",
    );
    for i in 0..actors {
        write!(text, "\n[[actors]]\nid = \"a{i}\"\nname = \"Actor {i}\"\nkind = \"state\"\ndescription = \"An actor\"\n").unwrap();
    }
    for i in 0..sources {
        write!(text, "\n[[sources]]\nid = \"s{i}\"\ntitle = \"Source {i}\"\nkind = \"report\"\ndate = \"2025\"\ntext = \"doc.txt\"\n").unwrap();
    }
    text
}

#[test]
fn more_than_65535_actors_or_sources_is_an_error() {
    let check = |text: String| load::load_str(Path::new("many.toml"), &text, |_| Ok(String::new()));
    assert!(check(many(65_535, 1)).is_ok());
    for (text, id) in [(many(65_536, 1), "a65535"), (many(1, 65_536), "s65535")] {
        let diagnostics = check(text.clone()).unwrap_err();
        assert_eq!(
            diagnostics.len(),
            1,
            "{}",
            all(&diagnostics[..3.min(diagnostics.len())])
        );
        let d = &diagnostics[0];
        assert_eq!(d.code, "too-many-records");
        assert_eq!(d.id.as_deref(), Some(id));
        let at = header_of(&text, &format!("id = \"{id}\"\n"));
        assert_eq!((d.line, d.column), at);
    }
}

// ---------------------------------------------------------------------------
// What reaches the terminal
// ---------------------------------------------------------------------------

/// Nothing a terminal acts on: no control character but the one newline
/// before the hint, no bidi override, zero-width or line-separator character.
fn terminal_safe(shown: &str) -> bool {
    let (head, hint) = shown.split_once("\n    hint: ").unwrap_or((shown, ""));
    [head, hint].iter().all(|part| {
        !part.chars().any(|c| {
            c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
        })
    })
}

#[test]
fn dataset_values_reach_the_terminal_escaped() {
    let hostile = "x\u{1b}]0;owned\u{7}\u{1b}[2J\u{202e}\u{200b}\r\n\u{9b}31m";
    let d = Diagnostic {
        file: PathBuf::from(format!("data/{hostile}.toml")),
        line: 3,
        column: 7,
        code: "unknown-actor",
        id: Some(hostile.to_string()),
        message: format!("no actor `{hostile}`"),
        hint: format!("did you mean `{hostile}`?"),
    };
    let shown = d.to_string();
    assert!(terminal_safe(&shown), "{shown:?}");
    let escaped = r"x\u{1b}]0;owned\u{7}\u{1b}[2J\u{202e}\u{200b}\r\n\u{9b}31m";
    assert_eq!(
        shown,
        format!("data/{escaped}.toml:3:7: error[unknown-actor] in `{escaped}`: no actor `{escaped}`\n    hint: did you mean `{escaped}`?")
    );
    // Ordinary text, quotes and letters of any script print as they are.
    let plain = Diagnostic {
        id: Some("ထိုင်း “Thai”".into()),
        ..d
    };
    assert!(plain.to_string().contains(" in `ထိုင်း “Thai”`: "));
}

#[test]
fn a_hostile_id_in_a_dataset_prints_escaped() {
    let text = "[dataset]\ntitle = \"T\"\nfocus = \"a\u{1b}[2J\u{202e}\"\nas_of = \"2025\"\nversion = \"0.1.0\"\ndescription = \"D\"\n\n[[actors]]\nid = \"b\u{1b}]0;x\u{7}\"\nname = \"Beta\"\nkind = \"state\"\ndescription = \"An actor\"\n";
    let diagnostics =
        load::load_str(Path::new("hostile.toml"), text, |_| Ok(String::new())).unwrap_err();
    assert!(!diagnostics.is_empty());
    for d in &diagnostics {
        let shown = d.to_string();
        assert!(terminal_safe(&shown), "{shown:?}");
    }
    let all = all(&diagnostics);
    assert!(all.contains(r"\u{1b}"), "the escapes are shown: {all}");
}

// ---------------------------------------------------------------------------
// Hedges: the source's "expected", "seen as" … on the card's relation line
// ---------------------------------------------------------------------------

#[test]
fn hedges_are_read_in_order_and_shown_on_the_relation_line() {
    let loaded = valid_with(&[(
        "stance = \"backs\"",
        "stance = \"backs\"\nhedges = [\"seen-as\", \"symbolic\"]",
    )])
    .expect("hedges are a valid field");
    let claim = &loaded.dataset.claims[0];
    assert_eq!(
        claim.hedges.as_ref(),
        [
            who_backs_whom_core::Hedge::SeenAs,
            who_backs_whom_core::Hedge::Symbolic
        ]
    );
    assert_eq!(
        claim.relation_line(),
        "General backing (backs; seen as, symbolic)"
    );
    // Without hedges the line is the relation and the stance alone.
    let plain = valid_with(&[]).unwrap();
    assert_eq!(
        plain.dataset.claims[0].relation_line(),
        "General backing (backs)"
    );
}

#[test]
fn an_unknown_hedge_is_refused_at_its_value_with_the_known_ones() {
    let result = valid_with(&[(
        "stance = \"backs\"",
        "stance = \"backs\"\nhedges = [\"probably\"]",
    )]);
    let diagnostics = result.expect_err("an unknown hedge is an error");
    assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    let d = &diagnostics[0];
    assert_eq!(d.code, "unknown-vocabulary");
    assert_eq!((d.line, d.column), (61, 11), "{d}");
    assert!(
        d.hint.contains("expected, seen-as, symbolic, both-sides"),
        "{d}"
    );
}
