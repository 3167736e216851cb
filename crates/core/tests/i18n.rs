//! The catalogues (every language has every message, with the same holes),
//! Myanmar digits and dates, the `lang` option, and Burmese label wrapping
//! (never inside a cluster, only at syllables) on every shipped actor and a
//! list of hard names.

mod common;

use who_backs_whom_core::date::PartialDate;
use who_backs_whom_core::fragment::Options;
use who_backs_whom_core::i18n::{fill, Catalogue, Lang, CATALOGUES};
use who_backs_whom_core::layout::{break_before, is_mark, wrap_label, LINE_WIDTH, MAX_LINES};
use who_backs_whom_core::state::{Action, CardState};
use who_backs_whom_core::vocab::{Relation, Stance, Status};

fn my() -> Lang {
    Lang::from_tag("my").expect("this build has Burmese")
}

/// Every template of a catalogue with its name, for comparing holes.
fn templates(m: &Catalogue) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = vec![
        ("question".into(), m.question),
        ("header_meta".into(), m.header_meta),
        ("back_to".into(), m.back_to),
        ("loading".into(), m.loading),
        ("part_failed".into(), m.part_failed),
        ("no_claims".into(), m.no_claims),
        ("notice_unknown_key".into(), m.notice_unknown_key),
        ("notice_bad_value".into(), m.notice_bad_value),
        ("notice_too_long".into(), m.notice_too_long),
        ("notice_more".into(), m.notice_more),
        ("could_not_start".into(), m.could_not_start),
        ("relation_line".into(), m.relation_line),
        ("editors_note".into(), m.editors_note),
        ("on_date".into(), m.on_date),
        ("in_source".into(), m.in_source),
        ("close_details".into(), m.close_details),
        ("show_who_backs".into(), m.show_who_backs),
        ("kind_and_description".into(), m.kind_and_description),
        ("relation_group".into(), m.relation_group),
        ("who_says".into(), m.who_says),
        ("quote_and_source".into(), m.quote_and_source),
        ("in_source_short".into(), m.in_source_short),
        ("choose_actor".into(), m.choose_actor),
        ("hidden_count".into(), m.hidden_count),
        ("shown_of".into(), m.shown_of),
        ("sources_heading".into(), m.sources_heading),
        ("node_group".into(), m.node_group),
        ("network_label".into(), m.network_label),
        ("some_claims".into(), m.some_claims),
        ("announce_selected".into(), m.announce_selected),
        ("announce_view".into(), m.announce_view),
        ("announce_focus".into(), m.announce_focus),
        ("announce_shown".into(), m.announce_shown),
        ("translated_by".into(), m.translated_by),
        ("date_day".into(), m.date_day),
        ("date_month".into(), m.date_month),
    ];
    for (name, p) in [
        ("attributed_claims", m.attributed_claims),
        ("sources_count", m.sources_count),
        ("claims", m.claims),
        ("claims_about", m.claims_about),
        ("not_drawn", m.not_drawn),
        ("all_claims", m.all_claims),
        ("more_elsewhere", m.more_elsewhere),
        ("linked_actors", m.linked_actors),
        ("show_more", m.show_more),
    ] {
        out.push((format!("{name}.one"), p.one));
        out.push((format!("{name}.other"), p.other));
    }
    for (i, t) in m.attributed.iter().chain(&m.attributed_inline).enumerate() {
        out.push((format!("attributed[{i}]"), t));
    }
    for (i, t) in m.groups.iter().enumerate() {
        out.push((format!("groups[{i}]"), t));
    }
    for (i, p) in m.status_counts.iter().enumerate() {
        out.push((format!("status_counts[{i}].one"), p.one));
        out.push((format!("status_counts[{i}].other"), p.other));
    }
    out
}

fn holes(template: &str) -> Vec<String> {
    let mut holes: Vec<String> = template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(h, _)| h.to_string()))
        .collect();
    holes.sort();
    holes
}

#[test]
fn every_catalogue_has_every_message_with_the_holes_of_english() {
    let en = templates(Lang::EN.catalogue());
    assert!(CATALOGUES.len() >= 2, "English and Burmese at least");
    for m in CATALOGUES {
        for ((name, english), (_, text)) in en.iter().zip(templates(m)) {
            assert!(!text.trim().is_empty(), "`{name}` is empty in `{}`", m.code);
            assert_eq!(
                holes(english),
                holes(text),
                "`{name}` in `{}` must keep the holes of English",
                m.code
            );
        }
        for (name, list) in [
            ("months", &m.months[..]),
            ("relations", &m.relations[..]),
            ("statuses", &m.statuses[..]),
            ("views", &m.views[..]),
            ("bands", &m.bands[..]),
            ("legend", &m.legend[..]),
            ("actor_kinds", &m.actor_kinds[..]),
            ("source_kinds", &m.source_kinds[..]),
        ] {
            assert!(
                list.iter().all(|t| !t.trim().is_empty()),
                "an empty entry in `{name}` of `{}`",
                m.code
            );
        }
        assert_eq!(Lang::from_tag(m.code).map(Lang::catalogue), Some(*m));
    }
}

#[test]
fn english_labels_are_the_vocabulary_labels() {
    let en = Lang::EN.catalogue();
    for r in Relation::ALL {
        assert_eq!(en.relation(*r), r.label());
    }
    for s in Stance::ALL {
        assert_eq!(en.stance(*s), s.label());
    }
    for s in Status::ALL {
        assert_eq!(en.status(*s), s.label());
    }
}

#[test]
fn burmese_uses_myanmar_digits_and_day_month_year() {
    let m = my().catalogue();
    assert_eq!(m.number(0), "၀");
    assert_eq!(m.number(2025), "၂၀၂၅");
    assert_eq!(m.number(1_234_567_890), "၁၂၃၄၅၆၇၈၉၀");
    let date = |s| m.date(PartialDate::parse(s).unwrap());
    assert_eq!(date("2025-03-14"), "၁၄ မတ် ၂၀၂၅");
    assert_eq!(date("2025-12"), "ဒီဇင်ဘာ ၂၀၂၅");
    assert_eq!(date("2025"), "၂၀၂၅");
    assert_eq!(m.count(1, m.claims), "ပြောဆိုချက် ၁ ခု");
    assert_eq!(m.count(40, m.claims), "ပြောဆိုချက် ၄၀ ခု");
    let en = Lang::EN.catalogue();
    assert_eq!(
        en.date(PartialDate::parse("2025-03-14").unwrap()),
        "14 March 2025"
    );
    assert_eq!(en.count(1, en.claims), "1 claim");
    assert_eq!(en.count(2, en.claims), "2 claims");
}

#[test]
fn fill_replaces_named_holes_and_keeps_the_rest() {
    assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
    assert_eq!(fill("{a} {zz} {", &[("a", "x")]), "x {zz} {");
}

#[test]
fn lang_tags_pick_a_language_of_the_build() {
    assert_eq!(Lang::from_tag("en-GB"), Some(Lang::EN));
    assert_eq!(Lang::from_tag("MY-mm"), Some(my()));
    assert_eq!(Lang::from_tag("fr"), None);
    assert_eq!(Lang::first_known(["fr-FR", "my", "en"]), Some(my()));
}

#[test]
fn the_lang_option_chooses_the_language_and_the_state_speaks_it() {
    let d = common::valid().dataset;
    let (options, notices) = Options::parse(&d, "lang=my");
    assert!(notices.is_empty());
    assert_eq!(options.lang, Some(my()));
    assert_eq!(options.format(&d), "lang=my");
    // A host page's language the card lacks keeps the default, silently.
    let (options, notices) = Options::parse(&d, "lang=fr,*");
    assert!(notices.is_empty() && options.lang.is_none());
    // A typo is a notice naming the languages.
    let (_, notices) = Options::parse(&d, "lang=xx");
    assert!(notices[0].expected.contains("my"), "{notices:?}");
    // The browser's preference applies when the link names none, and is never written.
    let state = CardState::initial(&d).reduce(&d, Action::Prefer(Some(my())));
    assert_eq!(state.language(&d), my());
    assert_eq!(state.options().format(&d), "");
    let actor = d.actor_ids().nth(1).unwrap();
    let selected = state.reduce(&d, Action::Select(actor));
    assert!(
        selected.announcement.contains("ပြောဆိုချက်"),
        "{}",
        selected.announcement
    );
    let (english, _) = Options::parse(&d, "lang=en");
    let state = state.reduce(&d, Action::Restore(english));
    assert_eq!(state.language(&d), Lang::EN);
}

/// Names that are hard to wrap: long ones without spaces, stacked
/// consonants (virama), kinzi, asat after a medial, and mixed scripts.
const HARD_NAMES: &[&str] = &[
    "ပြည်ထောင်စုကြံ့ခိုင်ရေးနှင့်ဖွံ့ဖြိုးရေးပါတီ",
    "ဗိုလ်ချုပ်မှူးကြီးမင်းအောင်လှိုင်",
    "နိုင်ငံတော်စီမံအုပ်ချုပ်ရေးကောင်စီ",
    "အမျိုးသားညီညွတ်ရေးအစိုးရ",
    "မန္တလေးတိုင်းဒေသကြီး",
    "သင်္ချိုင်းကုန်းဘုရားကျောင်းဝင်းအတွင်း",
    "ဗိုလ်ချုပ်ကြီး မင်းအောင်လှိုင် (Min Aung Hlaing)",
    "ဘယ်လာရုစ်သမ္မတ အလက်ဇန္ဒား လူကာရှန်ကို",
    "ကမ္ဘာ့ကုလသမဂ္ဂလုံခြုံရေးကောင်စီ",
];

/// The line cut `name` into `lines` only where a space was, or before a
/// character that may start a syllable: never inside a cluster.
fn assert_cuts_at_syllables(name: &str, lines: &[String]) {
    let chars: Vec<char> = name.chars().collect();
    let mut at = 0; // position in `chars`
    for (n, line) in lines.iter().enumerate() {
        let line = line.strip_suffix('…').unwrap_or(line);
        for c in line.chars() {
            while chars[at] != c && chars[at].is_whitespace() {
                at += 1;
            }
            assert_eq!(
                chars[at], c,
                "{name:?} → {lines:?}: line {n} is not the name's text"
            );
            at += 1;
        }
        if n + 1 == lines.len() || at >= chars.len() {
            break;
        }
        let next = chars[at];
        assert!(
            !is_mark(next),
            "{name:?} → {lines:?}: line {n} ends before a mark"
        );
        assert!(
            chars[at - 1].is_whitespace()
                || next.is_whitespace()
                || break_before(&chars, at)
                || !('\u{1000}'..='\u{109F}').contains(&next),
            "{name:?} → {lines:?}: line {n} ends inside a syllable"
        );
    }
}

#[test]
fn burmese_labels_wrap_only_at_syllables_and_fit_the_line() {
    let width = |l: &str| {
        l.chars()
            .map(who_backs_whom_core::layout::width)
            .sum::<usize>()
    };
    for name in HARD_NAMES {
        let lines = wrap_label(name);
        assert!(lines.len() <= MAX_LINES, "{name}: {lines:?}");
        assert!(
            lines.iter().all(|l| width(l) <= LINE_WIDTH),
            "{name}: {lines:?}"
        );
        assert_cuts_at_syllables(name, &lines);
    }
    // The syllable rule itself: a break before မ of "မင်း" but not before
    // the asat-closed န, nor before a consonant stacked under a virama.
    let chars: Vec<char> = "မင်းအောင်".chars().collect();
    assert!(!break_before(&chars, 1), "င is closed by asat");
    assert!(break_before(&chars, 4), "အ starts a syllable");
    let stacked: Vec<char> = "မန္တလေး".chars().collect();
    assert!(!break_before(&stacked, 3), "တ is stacked under the virama");
    assert!(break_before(&stacked, 4), "လ starts a syllable");
}

#[test]
fn english_labels_wrap_as_before() {
    assert_eq!(
        wrap_label("Defend Myanmar Democracy"),
        vec!["Defend Myanmar", "Democracy"]
    );
    assert_eq!(wrap_label("Belarus"), vec!["Belarus"]);
}

#[test]
fn who_says_line_names_each_status_present_and_leaves_out_the_rest() {
    let en = Lang::EN.catalogue();
    assert_eq!(
        en.who_says_line(&[1, 0, 13, 0]).as_deref(),
        Some("Who says so: 1 stated by the actor itself, 13 alleged by third parties.")
    );
    assert_eq!(
        en.who_says_line(&[2, 1, 0, 1]).as_deref(),
        Some("Who says so: 2 stated by the actors themselves, 1 reported by media or organisations, 1 disputed.")
    );
    assert_eq!(en.who_says_line(&[0, 0, 0, 0]), None);
    let line = my()
        .catalogue()
        .who_says_line(&[0, 0, 3, 0])
        .expect("a line");
    assert!(line.contains('၃'), "Burmese digits: {line}");
}
