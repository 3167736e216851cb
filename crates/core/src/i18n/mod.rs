//! The card's words in every language it speaks: one [`Catalogue`] per
//! language, one file each under `src/i18n/lang/` (`en.rs`, `my.rs`, …),
//! found by the crate's build script. A catalogue is a struct literal, so a
//! missing message is a compile error naming the field and the file.
//!
//! Messages are templates with named holes (`"Backing {name}"`), filled by
//! [`fill`]; counts go through [`Catalogue::count`] (plural forms) and
//! [`Catalogue::number`] (the language's digits), dates through
//! [`Catalogue::date`]. Vocabulary labels are arrays indexed like the
//! vocabulary's `ALL`, so their length is checked by the compiler too.
//!
//! Architecture invariant: no browser types; the card, the prerender and the
//! no-JS page all read the same catalogue.

use crate::date::{PartialDate, Precision};
use crate::query::GroupKind;
use crate::vocab::{ActorKind, Hedge, Relation, SourceKind, Stance, Status};

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// One message with a form for one item and a form for any other count
/// (a language without plurals gives the same text twice). `{n}` is the count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

/// Every string a reader sees, in one language.
#[derive(Debug)]
pub struct Catalogue {
    /// BCP 47 primary language subtag: `en`, `my`.
    pub code: &'static str,
    /// The language's own name, for the language switch.
    pub name: &'static str,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The digit zero of the language's numerals ('0', '၀'); the others follow it in Unicode.
    pub zero: char,
    /// Whether `n` takes the `one` form of a [`Plural`].
    pub is_one: fn(usize) -> bool,
    /// January to December.
    pub months: [&'static str; 12],
    /// A date known to the day: `{day}`, `{month}`, `{year}`.
    pub date_day: &'static str,
    /// A date known to the month: `{month}`, `{year}`.
    pub date_month: &'static str,
    /// Separates items of a list in running text (", ", "၊ ").
    pub list_sep: &'static str,

    // Vocabulary labels, in the order of each vocabulary's `ALL`.
    pub actor_kinds: [&'static str; ActorKind::ALL.len()],
    pub relations: [&'static str; Relation::ALL.len()],
    pub hedges: [&'static str; Hedge::ALL.len()],
    pub stances: [&'static str; Stance::ALL.len()],
    /// The stance in running text (the relation line): "backs".
    pub stances_inline: [&'static str; Stance::ALL.len()],
    pub statuses: [&'static str; Status::ALL.len()],
    /// Who makes a claim, per status: "Reported by {claimant}".
    pub attributed: [&'static str; Status::ALL.len()],
    /// The same in running text: "reported by {claimant}".
    pub attributed_inline: [&'static str; Status::ALL.len()],
    pub source_kinds: [&'static str; SourceKind::ALL.len()],
    /// Network, list, timeline.
    pub views: [&'static str; 3],
    /// The network's band headings: backing, opposing, contacts.
    pub bands: [&'static str; 3],
    /// Group headings (`{name}`: the focus): backers, opponents, backed by
    /// the focus, opposed by the focus, contacts.
    pub groups: [&'static str; 5],

    // The card.
    pub question: &'static str,
    pub attributed_claims: Plural,
    pub sources_count: Plural,
    /// `{claims}`, `{sources}`, `{date}`.
    pub header_meta: &'static str,
    pub view_group: &'static str,
    pub back_to: &'static str,
    pub loading: &'static str,
    pub part_failed: &'static str,
    pub try_again: &'static str,
    pub no_match: &'static str,
    pub clear_filters: &'static str,
    pub no_claims: &'static str,
    pub notices_intro: &'static str,
    /// `{key}`, `{expected}`.
    pub notice_unknown_key: &'static str,
    /// `{value}`, `{key}`, `{expected}`.
    pub notice_bad_value: &'static str,
    pub notice_too_long: &'static str,
    pub notice_more: &'static str,
    pub could_not_start: &'static str,

    // A claim.
    /// `{relation}`, `{stance}`, `{hedges}` (the hedges, each after `hedge_sep`).
    pub relation_line: &'static str,
    pub hedge_sep: &'static str,
    pub full_text: &'static str,
    pub original_link: &'static str,
    pub editors_note: &'static str,
    /// `{date}` in the attribution line.
    pub on_date: &'static str,
    /// `{source}` in the attribution line.
    pub in_source: &'static str,
    pub claims: Plural,
    pub claims_about: Plural,
    pub date_not_given: &'static str,

    // Details.
    pub close_details: &'static str,
    pub show_who_backs: &'static str,
    /// `{kind}`, `{description}`.
    pub kind_and_description: &'static str,
    /// A relation's heading in the details: `{relation}`, `{claims}` (a count).
    pub relation_group: &'static str,
    /// How many claims have each status, in the order of `Status::ALL`
    /// (stated by the actors themselves, reported, alleged by third parties, disputed).
    pub status_counts: [Plural; 4],
    /// `{counts}`: the non-zero `status_counts`, joined by `list_sep`.
    pub who_says: &'static str,
    /// The claim's disclosure of its quote and full citation.
    pub quote_and_source: &'static str,
    /// `{source}` after the claimant and date in a claim's compact line.
    pub in_source_short: &'static str,
    /// Beside the network on a wide screen, until an actor is chosen.
    pub choose_actor: &'static str,

    // Filters.
    pub filters: &'static str,
    pub hidden_count: &'static str,
    /// `{shown}`, `{total}`.
    pub shown_of: &'static str,
    pub stance_legend: &'static str,
    pub relation_legend: &'static str,
    pub claimant_legend: &'static str,

    // Sources.
    pub sources_heading: &'static str,
    pub title_supplied: &'static str,
    pub no_publisher: &'static str,
    pub background: &'static str,
    pub download: &'static str,

    // Embed and offline.
    pub embed_summary: &'static str,
    pub save_offline: &'static str,
    pub save_offline_what: &'static str,
    pub snippets_what: &'static str,
    pub embed_iframe: &'static str,
    pub embed_script: &'static str,
    pub from_file: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_by_hand: &'static str,

    // The network.
    /// `{heading}`, `{claims}`.
    pub node_group: &'static str,
    pub network_label: &'static str,
    /// The network's key, beside its swatches: backs (solid line), opposes
    /// (dashed), contact (dotted), the thickest line, the medium line, and
    /// what a node's size and its badge's number count (beside a swatch of
    /// two nodes and a badge).
    pub legend: [&'static str; 6],
    pub not_drawn: Plural,

    // Long lists and the no-JS page.
    /// `{more}` (a [`Catalogue::claims`]), `{hidden}`.
    pub show_more: Plural,
    /// The list view: `{n}` more actors, `{hidden}` not shown yet.
    pub show_more_actors: Plural,
    /// The list view under an actor: `{n}` more claims, `{name}` the actor.
    pub more_claims_of: Plural,
    pub all_claims: Plural,
    /// `{shown}`, `{total}`, `{name}`.
    pub some_claims: &'static str,
    pub static_intro: &'static str,
    pub more_elsewhere: Plural,
    /// The static list of a large dataset: the sources and background items
    /// it leaves out (`{n}`), and where they are.
    pub more_sources: Plural,
    pub more_background: Plural,
    /// The sources panel of a dataset in parts, while its sources file loads
    /// and when it failed.
    pub loading_sources: &'static str,
    pub sources_failed: &'static str,

    // Announcements.
    /// `{name}`, `{claims}`.
    pub announce_selected: &'static str,
    pub announce_view: &'static str,
    /// `{name}`, `{actors}`, `{claims}`.
    pub announce_focus: &'static str,
    pub linked_actors: Plural,
    pub announce_shown: &'static str,

    // Stories (the publisher's steps through the card).
    /// The story bar's label: `{title}`.
    pub story_label: &'static str,
    /// The button that opens a story: `{title}`.
    pub story_start: &'static str,
    /// `{n}`, `{total}`.
    pub story_step_of: &'static str,
    pub story_previous: &'static str,
    pub story_next: &'static str,
    pub story_close: &'static str,
    /// Labels a caption: the publisher's own text, not a claim.
    pub story_caption: &'static str,
    /// Heads the claims a step points to.
    pub story_claims: &'static str,
    /// How to move between steps (keys and swipe).
    pub story_hint: &'static str,
    /// The no-JS list's introduction: `{title}`, `{steps}`.
    pub story_static_intro: &'static str,
    pub steps: Plural,
    /// `{n}`, `{total}`, `{caption}`.
    pub announce_step: &'static str,

    // Languages and translations.
    pub language: &'static str,
    /// Marks dataset text shown in its original language.
    pub in_original: &'static str,
    /// Marks dataset text shown in translation.
    pub translated: &'static str,
    pub not_reviewed: &'static str,
    pub show_original: &'static str,
    pub show_translation: &'static str,
    /// `{translator}`.
    pub translated_by: &'static str,
    /// Shown only in languages whose script old phones render wrongly ("" for none).
    pub font_hint: &'static str,

    // The card image (card.png, card-my.png).
    /// The key under the drawing: what each kind of line and a node's size mean.
    pub image_legend: &'static str,
    /// The image's last line: where the claims are.
    pub image_open: &'static str,
    /// After the title, the image's text alternative (`og:image:alt`).
    pub image_alt: &'static str,
}

/// Catalogues are one per language: equal when they are the same language.
impl PartialEq for Catalogue {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

/// A language of this build: an index into [`CATALOGUES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(u8);

impl Lang {
    /// English, the fallback.
    pub const EN: Lang = Lang(0);

    /// Every language of this build, English first.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..CATALOGUES.len()).map(|i| Lang(i as u8))
    }

    pub fn catalogue(self) -> &'static Catalogue {
        CATALOGUES[usize::from(self.0)]
    }

    pub fn code(self) -> &'static str {
        self.catalogue().code
    }

    /// The language of a BCP 47 tag (`my`, `my-MM`, `EN-gb`), if the card has it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::all().find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The first of `tags` (a reader's browser languages, in order) the card has.
    pub fn first_known<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        tags.into_iter().find_map(Lang::from_tag)
    }

    /// The codes, comma-separated, for notices.
    pub fn codes() -> String {
        Lang::all().map(Lang::code).collect::<Vec<_>>().join(", ")
    }
}

/// `template` with each `{key}` replaced by its value; unknown holes stay as written.
/// `template` cut around its one `{hole}`: the text before and after it (the
/// whole template and "" if it has none), for a filled text whose hole is
/// in another language and needs its own `lang`.
pub fn around<'a>(template: &'a str, hole: &str) -> (&'a str, &'a str) {
    let marker = format!("{{{hole}}}");
    template
        .split_once(marker.as_str())
        .unwrap_or((template, ""))
}

pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(k, _)| *k == &after[..close])?)));
        match value {
            Some((close, (_, value))) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Catalogue {
    /// `n` in the language's digits.
    pub fn number(&self, n: usize) -> String {
        let zero = self.zero as u32;
        n.to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| char::from_u32(zero + d))
                    .unwrap_or(c)
            })
            .collect()
    }

    /// The plural form for `n`, with `{n}` filled in.
    pub fn count(&self, n: usize, message: Plural) -> String {
        let form = if (self.is_one)(n) {
            message.one
        } else {
            message.other
        };
        fill(form, &[("n", &self.number(n))])
    }

    /// A count with more holes: `{n}` and `args`.
    pub fn count_with(&self, n: usize, message: Plural, args: &[(&str, &str)]) -> String {
        fill(&self.count(n, message), args)
    }

    /// A date with its own precision: "2025", "March 2025", "14 March 2025".
    pub fn date(&self, date: PartialDate) -> String {
        let year = self.number(usize::from(date.year));
        let month = self
            .months
            .get(usize::from(date.month).wrapping_sub(1))
            .copied();
        match (date.precision(), month) {
            (Precision::Day, Some(month)) => fill(
                self.date_day,
                &[
                    ("day", &self.number(usize::from(date.day))),
                    ("month", month),
                    ("year", &year),
                ],
            ),
            (Precision::Month, Some(month)) => {
                fill(self.date_month, &[("month", month), ("year", &year)])
            }
            _ => year,
        }
    }

    pub fn actor_kind(&self, kind: ActorKind) -> &'static str {
        self.actor_kinds[kind.index()]
    }

    pub fn relation(&self, relation: Relation) -> &'static str {
        self.relations[relation.index()]
    }

    pub fn stance(&self, stance: Stance) -> &'static str {
        self.stances[stance.index()]
    }

    pub fn status(&self, status: Status) -> &'static str {
        self.statuses[status.index()]
    }

    pub fn source_kind(&self, kind: SourceKind) -> &'static str {
        self.source_kinds[kind.index()]
    }

    /// The heading of a group of ties around the focus `name`.
    pub fn group(&self, kind: GroupKind, name: &str) -> String {
        let i = match kind {
            GroupKind::Backers => 0,
            GroupKind::Opponents => 1,
            GroupKind::BackedByFocus => 2,
            GroupKind::OpposedByFocus => 3,
            GroupKind::Contacts => 4,
        };
        fill(self.groups[i], &[("name", name)])
    }

    /// "Cooperation agreements (backs; expected)": the hedges are never dropped.
    pub fn relation_line(&self, relation: Relation, stance: Stance, hedges: &[Hedge]) -> String {
        let mut list = String::new();
        for (i, hedge) in hedges.iter().enumerate() {
            list.push_str(if i == 0 {
                self.hedge_sep
            } else {
                self.list_sep
            });
            list.push_str(self.hedges[hedge.index()]);
        }
        fill(
            self.relation_line,
            &[
                ("relation", self.relation(relation)),
                ("stance", self.stances_inline[stance.index()]),
                ("hedges", &list),
            ],
        )
    }

    /// The attribution of `status`, split around the claimant's name (so the
    /// card can set the name in bold): ("Reported by ", "").
    pub fn attributed_parts(&self, status: Status) -> (&'static str, &'static str) {
        let template = self.attributed[status.index()];
        template.split_once("{claimant}").unwrap_or((template, ""))
    }

    /// "reported by Justice For Myanmar, 2025, in [News report …]".
    pub fn attribution_line(
        &self,
        status: Status,
        claimant: &str,
        date: Option<PartialDate>,
        source: Option<&str>,
    ) -> String {
        let mut line = fill(
            self.attributed_inline[status.index()],
            &[("claimant", claimant)],
        );
        if let Some(date) = date {
            line += &fill(self.on_date, &[("date", &self.date(date))]);
        }
        if let Some(source) = source {
            line += &fill(self.in_source, &[("source", source)]);
        }
        line
    }

    /// "Who says so: 1 stated by the actor itself, 13 alleged by third
    /// parties.": `counts` by status (`query::status_counts`), the zero ones
    /// left out; `None` when there is no claim.
    pub fn who_says_line(&self, counts: &[usize; Status::ALL.len()]) -> Option<String> {
        let parts: Vec<String> = Status::ALL
            .iter()
            .filter(|s| counts[s.index()] > 0)
            .map(|s| self.count(counts[s.index()], self.status_counts[s.index()]))
            .collect();
        (!parts.is_empty()).then(|| fill(self.who_says, &[("counts", &parts.join(self.list_sep))]))
    }
}
