//! The card's state reducer (`state.rs`) and its URL fragment (`fragment.rs`),
//! driven on the valid fixture (focus: Beta Leader; see `queries.rs` for its
//! three claims).

mod common;

use common::actor;
use who_backs_whom_core::fragment::{
    self, canonical_key, Change, Key, NoticeKind, Options, Theme, KEYS,
};
use who_backs_whom_core::state::{Action, CardState, View};
use who_backs_whom_core::{Dataset, Filter, Relation, Stance};

fn dataset() -> Dataset {
    common::valid().dataset
}

fn parse(d: &Dataset, fragment: &str) -> Options {
    let (options, notices) = Options::parse(d, fragment);
    assert!(
        notices.is_empty(),
        "`{fragment}` should parse cleanly: {notices:?}"
    );
    options
}

// ---------------------------------------------------------------------------
// Reducer
// ---------------------------------------------------------------------------

#[test]
fn initial_state_shows_the_dataset_focus_with_nothing_else_set() {
    let d = dataset();
    let s = CardState::initial(&d);
    assert_eq!(s.focus, d.meta.focus);
    assert_eq!(s.selected, None);
    assert_eq!(s.view, View::Network);
    assert!(s.filter.is_empty());
    assert!(s.trail.is_empty());
    assert_eq!((s.theme, s.show_header), (Theme::Auto, true));
    assert_eq!(s.announcement, "");
}

#[test]
fn select_sets_the_selection_and_announces_the_actor_and_its_claims() {
    let d = dataset();
    let alpha = actor(&d, "alpha-state");
    let s = CardState::initial(&d).reduce(&d, Action::Select(alpha));
    assert_eq!(s.selected, Some(alpha));
    assert_eq!(s.focus, d.meta.focus, "selecting does not refocus");
    // Alpha State is in the backing claim and the visit.
    assert_eq!(s.announcement, "Alpha State selected: 2 claims.");
    let s = s.reduce(&d, Action::Select(actor(&d, "gamma-group")));
    assert_eq!(s.announcement, "Gamma Group selected: 1 claim.");
}

#[test]
fn select_counts_claims_under_the_current_filter() {
    let d = dataset();
    let s = CardState::initial(&d)
        .reduce(&d, Action::ToggleStance(Stance::Neutral))
        .reduce(&d, Action::Select(actor(&d, "alpha-state")));
    assert!(
        s.announcement.starts_with("Alpha State selected: 1 claim"),
        "{}",
        s.announcement
    );
}

#[test]
fn deselect_clears_the_selection_silently() {
    let d = dataset();
    let s = CardState::initial(&d)
        .reduce(&d, Action::Select(actor(&d, "alpha-state")))
        .reduce(&d, Action::Deselect);
    assert_eq!(s.selected, None);
    assert_eq!(s.announcement, "");
}

#[test]
fn refocus_pushes_the_trail_and_clears_the_selection() {
    let d = dataset();
    let (alpha, beta, gamma) = (
        actor(&d, "alpha-state"),
        actor(&d, "beta-leader"),
        actor(&d, "gamma-group"),
    );
    let s = CardState::initial(&d)
        .reduce(&d, Action::Select(gamma))
        .reduce(&d, Action::Refocus(alpha));
    assert_eq!(s.focus, alpha);
    assert_eq!(s.trail, [beta]);
    assert_eq!(s.selected, None);
    // Seen from Alpha State: Beta Leader, in two claims.
    assert_eq!(
        s.announcement,
        "Now showing Alpha State: 1 linked actor, 2 claims."
    );
}

#[test]
fn refocus_on_the_current_focus_changes_nothing() {
    let d = dataset();
    let alpha = actor(&d, "alpha-state");
    let before = CardState::initial(&d).reduce(&d, Action::Select(alpha));
    let after = before.reduce(&d, Action::Refocus(d.meta.focus));
    assert_eq!(after.focus, before.focus);
    assert_eq!(after.selected, Some(alpha));
    assert!(after.trail.is_empty());
    assert_eq!(after.announcement, "");
}

#[test]
fn back_returns_to_the_previous_focus_and_selects_where_it_came_from() {
    let d = dataset();
    let (alpha, beta, gamma) = (
        actor(&d, "alpha-state"),
        actor(&d, "beta-leader"),
        actor(&d, "gamma-group"),
    );
    let s = CardState::initial(&d)
        .reduce(&d, Action::Refocus(alpha))
        .reduce(&d, Action::Refocus(gamma));
    assert_eq!(s.trail, [beta, alpha]);
    let s = s.reduce(&d, Action::Back);
    assert_eq!((s.focus, s.selected), (alpha, Some(gamma)));
    assert_eq!(s.trail, [beta]);
    assert!(
        s.announcement.starts_with("Now showing Alpha State"),
        "{}",
        s.announcement
    );
    let s = s.reduce(&d, Action::Back);
    assert_eq!((s.focus, s.selected), (beta, Some(alpha)));
    assert!(s.trail.is_empty());
}

#[test]
fn back_with_an_empty_trail_does_nothing() {
    let d = dataset();
    let alpha = actor(&d, "alpha-state");
    let before = CardState::initial(&d).reduce(&d, Action::Select(alpha));
    let after = before.reduce(&d, Action::Back);
    assert_eq!(
        after,
        CardState {
            announcement: String::new(),
            ..before
        }
    );
}

#[test]
fn set_view_changes_the_view_and_announces_it() {
    let d = dataset();
    let s = CardState::initial(&d).reduce(&d, Action::SetView(View::List));
    assert_eq!(
        (s.view, s.announcement.as_str()),
        (View::List, "List view.")
    );
    let s = s.reduce(&d, Action::SetView(View::Timeline));
    assert_eq!(
        (s.view, s.announcement.as_str()),
        (View::Timeline, "Timeline view.")
    );
}

#[test]
fn filter_toggles_hide_then_show_again() {
    let d = dataset();
    let delta = actor(&d, "delta-watch");
    let s = CardState::initial(&d)
        .reduce(&d, Action::ToggleRelation(Relation::Criticism))
        .reduce(&d, Action::ToggleStance(Stance::Neutral))
        .reduce(&d, Action::ToggleClaimant(delta));
    assert!(!s.filter.shows_relation(Relation::Criticism));
    assert!(!s.filter.shows_stance(Stance::Neutral));
    assert!(!s.filter.shows_claimant(delta));
    assert_eq!(s.filter.hidden_count(), 3);
    let s = s
        .reduce(&d, Action::ToggleRelation(Relation::Criticism))
        .reduce(&d, Action::ToggleStance(Stance::Neutral))
        .reduce(&d, Action::ToggleClaimant(delta));
    assert!(s.filter.is_empty());
}

#[test]
fn filter_announcement_counts_shown_of_total_claims_about_the_focus() {
    let d = dataset();
    let s = CardState::initial(&d).reduce(&d, Action::ToggleStance(Stance::Backs));
    assert_eq!(s.announcement, "Showing 2 of 3 claims.");
    let s = s.reduce(&d, Action::ToggleRelation(Relation::Criticism));
    assert_eq!(s.announcement, "Showing 1 of 3 claims.");
}

#[test]
fn clear_filters_shows_everything_again() {
    let d = dataset();
    let s = CardState::initial(&d)
        .reduce(&d, Action::ToggleStance(Stance::Backs))
        .reduce(&d, Action::ToggleRelation(Relation::Training))
        .reduce(&d, Action::ClearFilters);
    assert!(s.filter.is_empty());
    assert_eq!(s.announcement, "Showing 3 of 3 claims.");
}

#[test]
fn filter_that_hides_everything_says_no_claims_match() {
    let d = dataset();
    let mut s = CardState::initial(&d);
    for stance in Stance::ALL {
        s = s.reduce(&d, Action::ToggleStance(*stance));
    }
    assert_eq!(s.announcement, "No claims match these filters.");
    let s = CardState::initial(&d).reduce(&d, Action::ToggleClaimant(actor(&d, "delta-watch")));
    assert!(
        s.announcement.starts_with("No claims match"),
        "{}",
        s.announcement
    );
}

#[test]
fn restore_takes_everything_a_link_carries() {
    let d = dataset();
    let (alpha, gamma) = (actor(&d, "alpha-state"), actor(&d, "gamma-group"));
    let link = parse(&d, "focus=alpha-state&select=gamma-group&view=timeline&hide-stance=neutral&theme=dark&header=0");
    let s = CardState::initial(&d).reduce(&d, Action::Restore(link.clone()));
    assert_eq!(
        (s.focus, s.selected, s.view),
        (alpha, Some(gamma), View::Timeline)
    );
    assert!(!s.filter.shows_stance(Stance::Neutral));
    assert_eq!((s.theme, s.show_header), (Theme::Dark, false));
    assert_eq!(s.options(), link);
}

#[test]
fn restore_of_a_new_focus_pushes_the_trail() {
    let d = dataset();
    let (alpha, beta) = (actor(&d, "alpha-state"), actor(&d, "beta-leader"));
    let s = CardState::initial(&d).reduce(&d, Action::Restore(parse(&d, "focus=alpha-state")));
    assert_eq!((s.focus, s.trail.clone()), (alpha, vec![beta]));
}

#[test]
fn restore_of_the_previous_focus_pops_the_trail_like_browser_back() {
    let d = dataset();
    let beta = actor(&d, "beta-leader");
    let start = CardState::initial(&d);
    let there = start.reduce(&d, Action::Refocus(actor(&d, "alpha-state")));
    let back = there.reduce(&d, Action::Restore(start.options()));
    assert_eq!(back.focus, beta);
    assert!(back.trail.is_empty());
    // And forward again pushes it back.
    let forward = back.reduce(&d, Action::Restore(there.options()));
    assert_eq!(forward.trail, [beta]);
}

#[test]
fn restore_of_the_same_focus_leaves_the_trail() {
    let d = dataset();
    let s = CardState::initial(&d).reduce(&d, Action::Refocus(actor(&d, "alpha-state")));
    let restored = s.reduce(
        &d,
        Action::Restore(parse(&d, "focus=alpha-state&view=list")),
    );
    assert_eq!(restored.trail, s.trail);
    assert_eq!(restored.view, View::List);
    assert_eq!(restored.announcement, "");
}

#[test]
fn state_options_round_trip_through_a_link() {
    let d = dataset();
    let s = CardState::initial(&d)
        .reduce(&d, Action::Refocus(actor(&d, "gamma-group")))
        .reduce(&d, Action::Select(actor(&d, "beta-leader")))
        .reduce(&d, Action::SetView(View::List))
        .reduce(&d, Action::ToggleRelation(Relation::Sanctions))
        .reduce(&d, Action::ToggleClaimant(actor(&d, "delta-watch")));
    let link = s.options().format(&d);
    assert_eq!(parse(&d, &link), s.options());
    assert_eq!(parse(&d, &format!("#{link}")), s.options());
}

// ---------------------------------------------------------------------------
// Fragment
// ---------------------------------------------------------------------------

#[test]
fn defaults_format_to_an_empty_fragment_and_back() {
    let d = dataset();
    let defaults = Options::defaults(&d);
    assert_eq!(defaults.format(&d), "");
    assert_eq!(parse(&d, ""), defaults);
    assert_eq!(parse(&d, "#"), defaults);
    assert_eq!(CardState::initial(&d).options(), defaults);
}

#[test]
fn every_key_round_trips_and_appears_in_the_fragment() {
    let d = dataset();
    let cases = [
        ("focus", "alpha-state"),
        ("select", "gamma-group"),
        ("view", "list"),
        ("view", "timeline"),
        ("hide-relation", "training,sanctions"),
        ("hide-stance", "neutral"),
        ("hide-stance", "backs,opposes"),
        ("hide-claimant", "delta-watch"),
        ("hide-claimant", "alpha-state,delta-watch"),
        ("theme", "light"),
        ("theme", "dark"),
        ("header", "0"),
        ("lang", "my"),
    ];
    // `story` and `step` need a dataset with stories: tests/stories.rs.
    for key in KEYS.into_iter().filter(|k| !["story", "step"].contains(k)) {
        assert!(cases.iter().any(|(k, _)| *k == key), "no case for `{key}`");
    }
    for (key, value) in cases {
        let fragment = format!("{key}={value}");
        let options = parse(&d, &fragment);
        assert_ne!(
            options,
            Options::defaults(&d),
            "`{fragment}` should change something"
        );
        assert_eq!(options.format(&d), fragment);
        assert_eq!(parse(&d, &options.format(&d)), options);
    }
}

#[test]
fn each_key_sets_what_it_names() {
    let d = dataset();
    let o = parse(&d, "focus=alpha-state&select=gamma-group&view=list&hide-relation=training&hide-stance=neutral&hide-claimant=delta-watch&theme=dark&header=0");
    assert_eq!(o.snapshot.focus, actor(&d, "alpha-state"));
    assert_eq!(o.snapshot.selected, Some(actor(&d, "gamma-group")));
    assert_eq!(o.snapshot.view, View::List);
    assert_eq!(
        o.snapshot.filter.hidden_relations().collect::<Vec<_>>(),
        [Relation::Training]
    );
    assert_eq!(
        o.snapshot.filter.hidden_stances().collect::<Vec<_>>(),
        [Stance::Neutral]
    );
    assert_eq!(
        o.snapshot.filter.hidden_claimants(),
        [actor(&d, "delta-watch")]
    );
    assert_eq!((o.theme, o.show_header), (Theme::Dark, false));
}

#[test]
fn format_writes_keys_in_a_fixed_order_whatever_the_link_order() {
    let d = dataset();
    let o = parse(
        &d,
        "header=0&theme=dark&hide-stance=neutral&view=list&focus=alpha-state",
    );
    assert_eq!(
        o.format(&d),
        "focus=alpha-state&view=list&hide-stance=neutral&theme=dark&header=0"
    );
}

#[test]
fn values_equal_to_the_defaults_are_left_out() {
    let d = dataset();
    let o = parse(
        &d,
        "focus=beta-leader&view=network&theme=auto&header=1&hide-relation=",
    );
    assert_eq!(o, Options::defaults(&d));
    assert_eq!(o.format(&d), "");
}

#[test]
fn header_accepts_the_documented_spellings() {
    let d = dataset();
    for on in ["header", "header=", "header=1", "header=true", "header=yes"] {
        assert!(parse(&d, &format!("header=0&{on}")).show_header, "{on}");
    }
    for off in ["header=0", "header=false", "header=no"] {
        assert!(!parse(&d, off).show_header, "{off}");
    }
}

#[test]
fn unknown_key_is_ignored_with_a_notice_naming_the_valid_keys() {
    let d = dataset();
    let (options, notices) = Options::parse(&d, "colour=red&view=list");
    assert_eq!(
        options.snapshot.view,
        View::List,
        "the known key still applies"
    );
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].key, "colour");
    let message = notices[0].message();
    assert!(message.contains("colour"), "{message}");
    for key in KEYS {
        assert!(message.contains(key), "{message} should name `{key}`");
    }
}

#[test]
fn unknown_values_are_ignored_with_a_notice_naming_the_valid_values() {
    let d = dataset();
    let cases = [
        ("focus", "nope", "alpha-state"),
        ("select", "nope", "alpha-state"),
        ("view", "grid", "network, list, timeline"),
        ("hide-relation", "training,bogus", "election-observers"),
        ("hide-stance", "maybe", "backs, opposes, neutral"),
        ("hide-claimant", "nobody", "alpha-state"),
        ("theme", "pink", "auto, light, dark"),
        ("header", "maybe", "1 or 0"),
    ];
    for (key, value, expected) in cases {
        let (options, notices) = Options::parse(&d, &format!("{key}={value}"));
        assert_eq!(
            options,
            Options::defaults(&d),
            "`{key}={value}` should leave the defaults"
        );
        assert_eq!(notices.len(), 1, "{key}={value}");
        let notice = &notices[0];
        assert_eq!((notice.key.as_str(), notice.value.as_str()), (key, value));
        let message = notice.message();
        assert!(
            message.contains(value) && message.contains(key),
            "{message}"
        );
        assert!(
            message.contains(expected),
            "{message} should name {expected}"
        );
    }
}

#[test]
fn empty_value_for_a_known_key_is_reported_as_a_bad_value_not_an_unknown_key() {
    let d = dataset();
    let (options, notices) = Options::parse(&d, "view=");
    assert_eq!(options, Options::defaults(&d));
    let message = notices[0].message();
    assert!(!message.contains("unknown option"), "{message}");
    assert!(message.contains("network, list, timeline"), "{message}");
}

#[test]
fn a_bad_value_leaves_the_earlier_value_of_the_same_key() {
    let d = dataset();
    let (options, notices) = Options::parse(&d, "view=list&view=grid");
    assert_eq!(options.snapshot.view, View::List);
    assert_eq!(notices.len(), 1);
}

#[test]
fn hide_lists_hide_even_when_a_value_is_repeated() {
    let d = dataset();
    let o = parse(&d, "hide-relation=training,training&hide-stance=neutral&hide-stance=neutral&hide-claimant=delta-watch,delta-watch");
    assert!(!o.snapshot.filter.shows_relation(Relation::Training));
    assert!(!o.snapshot.filter.shows_stance(Stance::Neutral));
    assert!(!o.snapshot.filter.shows_claimant(actor(&d, "delta-watch")));
    assert_eq!(o.snapshot.filter.hidden_count(), 3);
}

#[test]
fn options_set_on_existing_options_keeps_hidden_values_hidden() {
    let d = dataset();
    let mut o = parse(&d, "hide-relation=training");
    o.set(&d, "hide-relation", "training,sanctions")
        .expect("valid");
    let hidden: Vec<Relation> = o.snapshot.filter.hidden_relations().collect();
    assert_eq!(hidden, [Relation::Training, Relation::Sanctions]);
}

#[test]
fn select_equal_to_the_focus_is_dropped() {
    let d = dataset();
    assert_eq!(parse(&d, "select=beta-leader").snapshot.selected, None);
    let o = parse(&d, "select=alpha-state&focus=alpha-state");
    assert_eq!(
        (o.snapshot.focus, o.snapshot.selected),
        (actor(&d, "alpha-state"), None)
    );
}

#[test]
fn filter_from_a_link_equals_the_same_filter_built_by_toggles() {
    let d = dataset();
    let mut filter = Filter::default();
    filter.toggle_claimant(actor(&d, "delta-watch"));
    filter.toggle_claimant(actor(&d, "alpha-state"));
    filter.toggle_relation(Relation::Sanctions);
    let o = parse(
        &d,
        "hide-claimant=delta-watch,alpha-state&hide-relation=sanctions",
    );
    assert_eq!(o.snapshot.filter, filter);
    // Claimants are written in dataset order.
    assert_eq!(
        o.format(&d),
        "hide-relation=sanctions&hide-claimant=alpha-state,delta-watch"
    );
}

// ---------------------------------------------------------------------------
// Host options (element attributes, JS API)
// ---------------------------------------------------------------------------

#[test]
fn camel_case_names_from_a_host_map_to_link_keys() {
    assert_eq!(canonical_key("hideRelation"), "hide-relation");
    assert_eq!(canonical_key("hideClaimant"), "hide-claimant");
    assert_eq!(canonical_key("hide-stance"), "hide-stance");
    assert_eq!(canonical_key("focus"), "focus");
    for key in KEYS {
        assert_eq!(canonical_key(key), key, "link keys pass through");
    }
}

// ---------------------------------------------------------------------------
// Typed changes (a host's `set`), the tokeniser and the limits
// ---------------------------------------------------------------------------

fn changes(d: &Dataset, link: &str) -> Vec<Change> {
    let (changes, notices) = fragment::changes(d, fragment::pairs(link));
    assert!(notices.is_empty(), "{notices:?}");
    changes
}

#[test]
fn apply_replaces_the_keys_it_is_given_and_keeps_the_others() {
    let d = dataset();
    let s = CardState::new(parse(&d, "select=alpha-state&view=list&theme=dark"));
    let s = s.reduce(&d, Action::Apply(changes(&d, "view=timeline")));
    assert_eq!(s.view, View::Timeline);
    assert_eq!(s.selected, Some(actor(&d, "alpha-state")));
    assert_eq!(s.theme, Theme::Dark);
}

#[test]
fn apply_of_a_hide_list_replaces_that_list_and_an_empty_one_clears_it() {
    let d = dataset();
    let s = CardState::new(parse(&d, "hide-relation=training&hide-stance=neutral"));
    let s = s.reduce(&d, Action::Apply(changes(&d, "hide-relation=sanctions")));
    assert_eq!(
        s.filter.hidden_relations().collect::<Vec<_>>(),
        [Relation::Sanctions]
    );
    let s = s.reduce(&d, Action::Apply(changes(&d, "hide-relation=")));
    assert_eq!(s.filter.hidden_relations().count(), 0);
    assert!(
        !s.filter.shows_stance(Stance::Neutral),
        "the other list stays"
    );
}

#[test]
fn apply_of_a_new_focus_keeps_the_trail_like_a_restore() {
    let d = dataset();
    let s = CardState::initial(&d).reduce(&d, Action::Apply(changes(&d, "focus=alpha-state")));
    assert_eq!(s.focus, actor(&d, "alpha-state"));
    assert_eq!(s.trail, [d.meta.focus]);
}

#[test]
fn an_empty_select_closes_the_selection() {
    let d = dataset();
    let s = CardState::new(parse(&d, "select=alpha-state"));
    let s = s.reduce(&d, Action::Apply(changes(&d, "select=")));
    assert_eq!(s.selected, None);
}

#[test]
fn reset_starts_over_without_a_trail() {
    let d = dataset();
    let s = CardState::initial(&d).reduce(&d, Action::Refocus(actor(&d, "alpha-state")));
    assert!(!s.trail.is_empty());
    let s = s.reduce(&d, Action::Reset(parse(&d, "focus=gamma-group")));
    assert_eq!(s.focus, actor(&d, "gamma-group"));
    assert!(s.trail.is_empty());
}

#[test]
fn values_are_percent_decoded_so_an_encoded_value_cannot_set_another_key() {
    let d = dataset();
    // `%26` is `&` and `%3D` is `=`: inside a value they stay part of it.
    let (options, notices) = Options::parse(&d, "view=list%26focus%3Dalpha-state");
    assert_eq!(options.snapshot.focus, d.meta.focus);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].value, "list&focus=alpha-state");
    assert_eq!(parse(&d, "view=%6Cist").snapshot.view, View::List);
    assert_eq!(fragment::percent_decode("100%"), "100%", "a lone % stays");
    assert_eq!(
        fragment::percent_decode("%E1%80%99"),
        "မ",
        "UTF-8 sequences decode"
    );
}

#[test]
fn a_very_long_link_is_cut_with_a_notice_and_its_start_still_applies() {
    let d = dataset();
    let link = format!("view=list&{}", "x".repeat(fragment::MAX_LINK_CHARS * 100));
    let started = std::time::Instant::now();
    let (options, notices) = Options::parse(&d, &link);
    assert_eq!(options.snapshot.view, View::List);
    assert_eq!(notices[0].kind, NoticeKind::TooLong);
    assert!(
        notices[0].message().contains("cut"),
        "{}",
        notices[0].message()
    );
    assert!(started.elapsed().as_millis() < 500, "a long link is cheap");
}

#[test]
fn thousands_of_unknown_keys_give_a_few_notices_and_a_count() {
    let d = dataset();
    let link: Vec<String> = (0..3000).map(|i| format!("k{i}=v")).collect();
    let (_, notices) = Options::parse(&d, &link.join("&"));
    // The link is also longer than MAX_LINK_CHARS: that notice comes first.
    assert_eq!(notices[0].kind, NoticeKind::TooLong);
    assert_eq!(notices.len(), 1 + fragment::MAX_NOTICES + 1);
    let NoticeKind::More(more) = notices.last().unwrap().kind else {
        panic!("the last notice counts the rest: {notices:?}");
    };
    // Only what fits in MAX_LINK_CHARS is read, all of it unknown.
    assert!(more > 100, "{more}");
    assert!(notices
        .last()
        .unwrap()
        .message()
        .contains(&more.to_string()));
}

#[test]
fn the_key_list_is_the_typed_keys_ids_in_format_order() {
    assert_eq!(KEYS.to_vec(), Key::ALL.map(Key::id).to_vec());
    assert_eq!(Key::from_name("hideClaimant"), Some(Key::HideClaimant));
    assert_eq!(Key::from_name("colour"), None);
}
