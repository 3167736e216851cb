//! Stories: reading and checking `[[stories]]` (one bad fixture per error
//! code), the compiled dataset's `Y`/`Z` records, the `story` and `step`
//! keys of the options language, and the reducer's story actions. Driven on
//! `tests/fixtures/story` (the valid fixture with one story of three steps)
//! and on the shipped dataset's story.

mod common;

use who_backs_whom_core::codec::{self, DecodeError};
use who_backs_whom_core::fragment::{Change, NoticeKind, Options, View};
use who_backs_whom_core::load::{self, Diagnostic, Loaded};
use who_backs_whom_core::query;
use who_backs_whom_core::state::{Action, CardState};
use who_backs_whom_core::story::StoryAt;
use who_backs_whom_core::{Dataset, Stance};

fn story_fixture() -> Loaded {
    let path = common::fixtures().join("story/dataset.toml");
    load::load(&path).unwrap_or_else(|d| panic!("{}", all(&d)))
}

fn dataset() -> Dataset {
    story_fixture().dataset
}

fn all(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

/// The diagnostics of `bad/<name>.toml`, which must fail with only `name`.
fn bad(name: &str) -> (String, Vec<Diagnostic>) {
    let path = common::fixtures().join("bad").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let diagnostics = load::load(&path).expect_err("the fixture must not load");
    let others: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code != name).collect();
    assert!(
        others.is_empty(),
        "only `{name}` expected, got:\n{}",
        all(&diagnostics)
    );
    assert!(!diagnostics.is_empty());
    (text, diagnostics)
}

/// 1-based line and column of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the fixture"));
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..byte].matches('\n').count() + 1,
        text[line_start..byte].chars().count() + 1,
    )
}

/// `diagnostic` is at `at` in `path`, names `id` and shows as `file:line:col`.
fn assert_at(d: &Diagnostic, name: &str, at: (usize, usize), id: &str) {
    assert_eq!((d.line, d.column), at, "{d}");
    assert_eq!(d.id.as_deref(), Some(id), "{d}");
    let shown = d.to_string();
    let file = common::fixtures().join("bad").join(format!("{name}.toml"));
    let prefix = format!("{}:{}:{}: error[{name}]", file.display(), at.0, at.1);
    assert!(
        shown.starts_with(&prefix),
        "`{shown}` should start with `{prefix}`"
    );
    assert!(!d.hint.is_empty());
}

// ---------------------------------------------------------------------------
// Reading and checking
// ---------------------------------------------------------------------------

#[test]
fn the_story_fixture_loads_its_steps_in_order_with_their_states() {
    let d = dataset();
    assert_eq!(d.stories.len(), 1);
    let story = &d.stories[0];
    assert_eq!(story.id, "beta-and-alpha");
    assert_eq!(story.steps.len(), 3);
    let second = &story.steps[1].state;
    assert_eq!(second.focus, d.actor_by_id("beta-leader").unwrap());
    assert_eq!(second.selected, d.actor_by_id("gamma-group"));
    assert_eq!(second.view, View::List);
    assert!(!second.filter.shows_stance(Stance::Neutral));
    assert!(second.filter.shows_stance(Stance::Opposes));
    assert_eq!(story.steps[2].state.view, View::Timeline);
    assert_eq!(story.steps[2].claims, vec!["beta-visits-alpha"]);
}

#[test]
fn a_step_naming_an_unknown_claim_is_reported_at_the_id_with_a_suggestion() {
    let (text, diagnostics) = bad("unknown-claim");
    let d = &diagnostics[0];
    assert_at(
        d,
        "unknown-claim",
        position(&text, "\"alpha-back-beta\""),
        "beta-and-alpha, step 1",
    );
    assert!(d.hint.contains("`alpha-backs-beta`"), "{d}");
}

#[test]
fn a_step_pointing_to_no_claim_is_reported_at_the_step() {
    let (text, diagnostics) = bad("step-without-claims");
    assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    let step = position(&text, "[[stories.steps]]");
    assert_at(
        &diagnostics[0],
        "step-without-claims",
        (step.0, step.1),
        "beta-and-alpha, step 1",
    );
}

#[test]
fn a_step_pointing_to_a_claim_its_filters_hide_is_reported_at_the_claim() {
    let (text, diagnostics) = bad("claim-not-shown");
    let at = position(&text, "\"gamma-criticises-beta\"]");
    assert_at(
        &diagnostics[0],
        "claim-not-shown",
        at,
        "beta-and-alpha, step 2",
    );
    assert!(
        diagnostics[0].message.contains("filters"),
        "{}",
        diagnostics[0]
    );
}

#[test]
fn a_claim_about_neither_the_focus_nor_the_selection_is_not_shown() {
    let path = common::fixtures().join("story/dataset.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // Step 3 centres Alpha State; the criticism is between Gamma and Beta.
    let edited = text.replacen(
        "claims = [\"beta-visits-alpha\"]",
        "claims = [\"beta-visits-alpha\", \"gamma-criticises-beta\"]",
        1,
    );
    let dir = path.parent().unwrap();
    let diagnostics = load::load_str(&dir.join("edited.toml"), &edited, |r| {
        std::fs::read_to_string(dir.join(r)).map_err(|e| e.to_string())
    })
    .expect_err("must fail");
    assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    assert_eq!(diagnostics[0].code, "claim-not-shown");
    assert!(
        diagnostics[0].message.contains("neither"),
        "{}",
        diagnostics[0]
    );
}

#[test]
fn a_story_without_steps_is_reported_at_the_story() {
    let (text, diagnostics) = bad("story-without-steps");
    assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    assert_at(
        &diagnostics[0],
        "story-without-steps",
        position(&text, "[[stories]]"),
        "beta-and-alpha",
    );
}

#[test]
fn a_caption_over_280_characters_is_reported_at_the_caption() {
    let (text, diagnostics) = bad("caption-length");
    let at = position(
        &text,
        "\"Delta Watch says Alpha State backs Beta Leader. It says",
    );
    assert_at(
        &diagnostics[0],
        "caption-length",
        at,
        "beta-and-alpha, step 1",
    );
}

#[test]
fn a_caption_naming_an_actor_beyond_its_claims_is_reported() {
    let (text, diagnostics) = bad("caption-beyond-claims");
    assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    let at = position(
        &text,
        "\"Delta Watch says Alpha State backs Beta Leader, as Epsilon",
    );
    assert_at(
        &diagnostics[0],
        "caption-beyond-claims",
        at,
        "beta-and-alpha, step 1",
    );
    assert!(
        diagnostics[0].message.contains("Epsilon Island"),
        "{}",
        diagnostics[0]
    );
}

#[test]
fn a_caption_naming_a_year_no_claim_of_its_step_gives_is_reported() {
    let dir = common::fixtures().join("story");
    let text = std::fs::read_to_string(dir.join("dataset.toml")).unwrap();
    let edited = text.replacen("backs Beta Leader.\"", "backs Beta Leader since 2019.\"", 1);
    let diagnostics = load::load_str(&dir.join("edited.toml"), &edited, |r| {
        std::fs::read_to_string(dir.join(r)).map_err(|e| e.to_string())
    })
    .expect_err("must fail");
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["caption-beyond-claims"]);
    assert!(diagnostics[0].message.contains("2019"));
    // The year of the claim (2025-03) or of its source is fine.
    let fine = text.replacen("backs Beta Leader.\"", "backs Beta Leader in 2025.\"", 1);
    assert!(load::load_str(&dir.join("edited.toml"), &fine, |r| {
        std::fs::read_to_string(dir.join(r)).map_err(|e| e.to_string())
    })
    .is_ok());
}

#[test]
fn a_step_selecting_its_own_focus_is_reported() {
    let (text, diagnostics) = bad("select-is-focus");
    assert_eq!(diagnostics.len(), 1, "{}", all(&diagnostics));
    let step = text.match_indices("[[stories.steps]]").nth(1).unwrap().0;
    let line = text[..step].matches('\n').count() + 1;
    assert_at(
        &diagnostics[0],
        "select-is-focus",
        (line, 1),
        "beta-and-alpha, step 2",
    );
}

#[test]
fn unknown_actors_and_views_in_a_step_are_reported_like_any_other() {
    let dir = common::fixtures().join("story");
    let text = std::fs::read_to_string(dir.join("dataset.toml")).unwrap();
    let edited = text
        .replacen("focus = \"alpha-state\"", "focus = \"alpha-sate\"", 1)
        .replacen("view = \"timeline\"", "view = \"grid\"", 1)
        .replacen(
            "title = \"Beta Leader, his",
            "tittle = \"Beta Leader, his",
            1,
        );
    let diagnostics = load::load_str(&dir.join("edited.toml"), &edited, |r| {
        std::fs::read_to_string(dir.join(r)).map_err(|e| e.to_string())
    })
    .expect_err("must fail");
    let mut codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    codes.sort();
    assert_eq!(
        codes,
        vec![
            "missing-field",
            "unknown-actor",
            "unknown-field",
            "unknown-vocabulary"
        ],
        "{}",
        all(&diagnostics)
    );
}

#[test]
fn the_shipped_story_has_six_steps_each_showing_the_claims_it_points_to() {
    let d = common::shipped().dataset;
    assert_eq!(d.stories.len(), 1);
    let story = &d.stories[0];
    assert_eq!(story.steps.len(), 6);
    for (n, step) in story.steps.iter().enumerate() {
        let claims = step.claims_in(&d);
        assert_eq!(claims.len(), step.claims.len(), "step {}", n + 1);
        let s = &step.state;
        let shown: Vec<&str> = [Some(s.focus), s.selected]
            .into_iter()
            .flatten()
            .flat_map(|a| query::claims_involving(&d, a, &s.filter))
            .map(|i| d.claims[i].id.as_ref())
            .collect();
        for claim in claims {
            assert!(
                shown.contains(&claim.id.as_ref()),
                "step {} hides {}",
                n + 1,
                claim.id
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The compiled dataset
// ---------------------------------------------------------------------------

#[test]
fn stories_round_trip_through_the_compiled_dataset() {
    for d in [dataset(), common::shipped().dataset] {
        let decoded = codec::decode(&codec::encode(&d)).expect("decodes");
        assert_eq!(decoded.stories, d.stories);
        assert_eq!(decoded, d);
    }
}

#[test]
fn stories_travel_in_the_index_of_a_dataset_in_parts() {
    let d = dataset();
    let split = codec::encode_parts(&d);
    let index = codec::decode(&split.index).expect("decodes");
    assert_eq!(index.stories, d.stories);
}

/// `file` with its body edited by `edit` and the header's hash made right again.
fn rehashed(file: &str, edit: impl Fn(&str) -> String) -> String {
    let (header, body) = file.split_once('\n').unwrap();
    let body = edit(body);
    let mut fields: Vec<&str> = header.split('\t').collect();
    let hash = format!("{:016x}", codec::fnv1a(body.as_bytes()));
    fields[2] = &hash;
    format!("{}\n{body}", fields.join("\t"))
}

#[test]
fn a_step_without_its_story_or_pointing_to_a_missing_claim_is_refused() {
    let file = codec::encode(&dataset());
    let orphan = rehashed(&file, |body| {
        body.lines()
            .filter(|l| !l.starts_with('Y'))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    assert!(matches!(
        codec::decode(&orphan),
        Err(DecodeError::Corrupt { .. })
    ));
    let missing = rehashed(&file, |body| {
        body.replace("\tbeta-visits-alpha\n", "\tno-such-claim\n")
    });
    assert_ne!(missing, file);
    assert!(matches!(
        codec::decode(&missing),
        Err(DecodeError::Corrupt { .. })
    ));
    let no_claims = rehashed(&file, |body| body.replace("\tbeta-visits-alpha\n", "\t\n"));
    assert!(matches!(
        codec::decode(&no_claims),
        Err(DecodeError::Corrupt { .. })
    ));
    let bad_focus = rehashed(&file, |body| {
        body.lines()
            .map(|l| match l.strip_prefix('Z') {
                Some(rest) => {
                    let mut f: Vec<&str> = rest.split('\t').collect();
                    f[2] = "999";
                    format!("Z{}\n", f.join("\t"))
                }
                None => format!("{l}\n"),
            })
            .collect()
    });
    assert!(matches!(
        codec::decode(&bad_focus),
        Err(DecodeError::Corrupt { .. })
    ));
}

// ---------------------------------------------------------------------------
// Links: `story` and `step`
// ---------------------------------------------------------------------------

fn parse(d: &Dataset, link: &str) -> Options {
    let (options, notices) = Options::parse(d, link);
    assert!(notices.is_empty(), "`{link}`: {notices:?}");
    options
}

#[test]
fn a_link_to_a_step_opens_that_steps_state_and_formats_as_the_step_alone() {
    let d = dataset();
    for (n, step) in d.stories[0].steps.iter().enumerate() {
        let link = format!("story=beta-and-alpha&step={}", n + 1);
        let options = parse(&d, &link);
        assert_eq!(
            options.story,
            Some(StoryAt {
                story: 0,
                step: n as u16
            })
        );
        assert_eq!(options.snapshot, step.state);
        assert_eq!(options.format(&d), link);
        assert_eq!(parse(&d, &options.format(&d)), options);
    }
}

#[test]
fn the_step_sets_the_state_first_whatever_the_order_of_the_keys() {
    let d = dataset();
    let a = parse(&d, "view=network&step=2&story=beta-and-alpha");
    let b = parse(&d, "story=beta-and-alpha&step=2&view=network");
    assert_eq!(a, b);
    assert_eq!(a.snapshot.view, View::Network);
    assert_eq!(a.snapshot.selected, d.actor_by_id("gamma-group"));
    assert_eq!(a.format(&d), "story=beta-and-alpha&step=2&view=network");
    // Closing the selection the step made is said with an empty `select`.
    let closed = parse(&d, "story=beta-and-alpha&step=2&select=");
    assert_eq!(closed.snapshot.selected, None);
    assert_eq!(closed.format(&d), "story=beta-and-alpha&step=2&select=");
    assert_eq!(parse(&d, &closed.format(&d)), closed);
    // `step` alone goes to a step of the first story; `story` alone to its first step.
    assert_eq!(
        parse(&d, "step=3").story,
        Some(StoryAt { story: 0, step: 2 })
    );
    assert_eq!(
        parse(&d, "story=beta-and-alpha").story,
        Some(StoryAt { story: 0, step: 0 })
    );
}

#[test]
fn a_state_the_keys_cannot_say_over_the_step_is_linked_without_the_story() {
    let d = dataset();
    let mut options = parse(&d, "story=beta-and-alpha&step=2");
    // The reader shows the contacts again, which step 2 hides.
    options.snapshot.filter = Default::default();
    let link = options.format(&d);
    assert!(!link.contains("story="), "{link}");
    let again = parse(&d, &link);
    assert_eq!(again.snapshot, options.snapshot);
    assert_eq!(again.story, None);
}

#[test]
fn bad_story_and_step_values_are_notices_naming_what_would_work() {
    let d = dataset();
    for (link, expected) in [
        ("story=nope", "beta-and-alpha"),
        ("step=0", "1 to 3"),
        ("step=4", "1 to 3"),
        ("step=two", "1 to 3"),
    ] {
        let (options, notices) = Options::parse(&d, link);
        assert_eq!(options, Options::defaults(&d), "{link}");
        assert_eq!(notices.len(), 1, "{link}");
        assert_eq!(notices[0].kind, NoticeKind::BadValue);
        assert!(
            notices[0].expected.contains(expected),
            "{link}: {:?}",
            notices[0]
        );
    }
    let plain = common::valid().dataset;
    let (_, notices) = Options::parse(&plain, "story=any&step=1");
    assert_eq!(notices.len(), 2);
    assert!(
        notices[0].expected.contains("no stories"),
        "{:?}",
        notices[0]
    );
}

// ---------------------------------------------------------------------------
// The reducer
// ---------------------------------------------------------------------------

#[test]
fn steps_go_forward_and_back_clamped_keeping_the_trail_and_announcing_the_caption() {
    let d = dataset();
    let start = CardState::initial(&d);
    let one = start.reduce(&d, Action::OpenStory(0));
    assert_eq!(one.story, Some(StoryAt { story: 0, step: 0 }));
    assert_eq!(
        one.announcement,
        "Step 1 of 3. Editors’ note: Delta Watch says Alpha State backs Beta Leader."
    );
    let three = one.reduce(&d, Action::Step(2));
    assert_eq!(three.snapshot(), d.stories[0].steps[2].state);
    assert!(
        three.trail.is_empty(),
        "a step is not a place Back returns to"
    );
    assert!(three.announcement.starts_with("Step 3 of 3."));
    let still_three = three.reduce(&d, Action::Step(7));
    assert_eq!(still_three.story, three.story);
    let two = three.reduce(&d, Action::Step(1));
    assert_eq!(two.snapshot(), d.stories[0].steps[1].state);
    // The reader explores from the step; the story stays open.
    let explored = two.reduce(&d, Action::SetView(View::Network));
    assert_eq!(explored.story, two.story);
    let closed = explored.reduce(&d, Action::CloseStory);
    assert_eq!(
        (closed.story, closed.snapshot()),
        (None, explored.snapshot())
    );
}

#[test]
fn a_host_sets_a_step_with_apply_and_the_link_follows() {
    let d = dataset();
    let s = CardState::initial(&d).reduce(&d, Action::Apply(vec![Change::Step(1)]));
    assert_eq!(s.story, Some(StoryAt { story: 0, step: 1 }));
    assert_eq!(s.snapshot(), d.stories[0].steps[1].state);
    assert!(
        s.announcement.starts_with("Step 2 of 3."),
        "{}",
        s.announcement
    );
    assert_eq!(s.options().format(&d), "story=beta-and-alpha&step=2");
    let reset = s.reduce(
        &d,
        Action::Reset(Options::parse(&d, "story=beta-and-alpha&step=3").0),
    );
    assert_eq!(reset.snapshot(), d.stories[0].steps[2].state);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any mix of story, step and state keys formats to a link that parses
    /// back to the same options, with no notice.
    #[test]
    fn links_with_steps_format_then_parse_to_the_same_options(
        pairs in proptest::collection::vec(story_pair(), 0..8)
    ) {
        let d = dataset();
        let (options, _) = Options::parse(&d, &pairs.join("&"));
        let formatted = options.format(&d);
        let (again, notices) = Options::parse(&d, &formatted);
        proptest::prop_assert_eq!(&again, &options, "formatted as {:?}", formatted);
        proptest::prop_assert!(notices.is_empty(), "{:?} gave {:?}", formatted, notices);
    }
}

fn story_pair() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const ACTORS: [&str; 5] = [
        "alpha-state",
        "beta-leader",
        "gamma-group",
        "delta-watch",
        "",
    ];
    let actors: &'static [&'static str] = &ACTORS;
    let pick = |ids: &'static [&'static str]| prop::sample::select(ids);
    prop_oneof![
        pick(&["beta-and-alpha", ""]).prop_map(|v| format!("story={v}")),
        (1u8..4).prop_map(|n| format!("step={n}")),
        pick(&actors[..4]).prop_map(|a| format!("focus={a}")),
        pick(actors).prop_map(|a| format!("select={a}")),
        pick(&["network", "list", "timeline"]).prop_map(|v| format!("view={v}")),
        pick(&["neutral", "backs", "opposes", "neutral,opposes"])
            .prop_map(|v| format!("hide-stance={v}")),
        pick(&["training", "criticism"]).prop_map(|v| format!("hide-relation={v}")),
        pick(&actors[..4]).prop_map(|a| format!("hide-claimant={a}")),
    ]
}
