//! The options language: what a link, an embed or a host can ask of the card.
//!
//! `#story=march-visit&step=3`, or
//! `#focus=belarus&select=russia&view=list&hide-relation=training,sanctions&hide-stance=neutral&hide-claimant=junta-propaganda-media&theme=dark&header=0&lang=my`
//!
//! One list of typed keys ([`Key`]), one tokeniser ([`pairs`], which decodes
//! percent-encoding), and typed values ([`Change`]): the URL fragment, the
//! element's attributes and the JS API all go through them, and the build
//! writes [`Key::ALL`] for `element.js`. Values equal to the defaults are
//! left out of [`Options::format`]. Parsing never fails: an unknown key or
//! value is ignored and reported as a [`Notice`] the card shows, so a
//! mistyped link still opens a working card; a link too long or too full of
//! mistakes is cut, with a notice, before it can cost the reader time.
//!
//! A story step (`story=<id>&step=<n>`, counted from 1) sets the card to
//! that step's state first, whatever the keys' order; the other keys then
//! change it, so [`Options::format`] writes only what differs from the step.
//!
//! Architecture invariant: this module imports neither the reducer
//! ([`crate::state`]) nor anything of the browser.

use std::borrow::Cow;

use crate::filter::Filter;
use crate::i18n::Lang;
use crate::model::{ActorId, Dataset};
use crate::story::StoryAt;
use crate::vocab::{Relation, Stance};

/// How the card shows the focus actor's neighbourhood.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    Network,
    List,
    Timeline,
}

impl View {
    pub const ALL: [View; 3] = [View::Network, View::List, View::Timeline];

    pub const fn id(self) -> &'static str {
        match self {
            View::Network => "network",
            View::List => "list",
            View::Timeline => "timeline",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            View::Network => "Network",
            View::List => "List",
            View::Timeline => "Timeline",
        }
    }

    pub fn from_id(id: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.id() == id)
    }
}

/// Colour scheme: follow the reader's system, or force one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    pub const fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_id(id: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// The part of the card's state that a link can carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub focus: ActorId,
    pub selected: Option<ActorId>,
    pub view: View,
    pub filter: Filter,
}

/// Everything a link or an embed can set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub snapshot: Snapshot,
    pub theme: Theme,
    pub show_header: bool,
    /// The language a link or host asked for; `None` follows the reader's
    /// browser (the page), the host page (the element) or the dataset.
    pub lang: Option<Lang>,
    /// The story step the card is at, if any ([`crate::story`]).
    pub story: Option<StoryAt>,
}

/// An option key: the same names in links, attributes and the JS API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Story,
    Step,
    Focus,
    Select,
    View,
    HideRelation,
    HideStance,
    HideClaimant,
    Theme,
    Header,
    Lang,
}

impl Key {
    /// In the order [`Options::format`] writes them.
    pub const ALL: [Key; 11] = [
        Key::Story,
        Key::Step,
        Key::Focus,
        Key::Select,
        Key::View,
        Key::HideRelation,
        Key::HideStance,
        Key::HideClaimant,
        Key::Theme,
        Key::Header,
        Key::Lang,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            Key::Story => "story",
            Key::Step => "step",
            Key::Focus => "focus",
            Key::Select => "select",
            Key::View => "view",
            Key::HideRelation => "hide-relation",
            Key::HideStance => "hide-stance",
            Key::HideClaimant => "hide-claimant",
            Key::Theme => "theme",
            Key::Header => "header",
            Key::Lang => "lang",
        }
    }

    /// A key as a link or a host names it (`hideRelation` is `hide-relation`).
    pub fn from_name(name: &str) -> Option<Key> {
        let key = canonical_key(name);
        Key::ALL.into_iter().find(|k| k.id() == key)
    }
}

/// The option keys as the link language spells them.
pub const KEYS: [&str; Key::ALL.len()] = {
    let mut ids = [""; Key::ALL.len()];
    let mut i = 0;
    while i < Key::ALL.len() {
        ids[i] = Key::ALL[i].id();
        i += 1;
    }
    ids
};

/// One typed option value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Opens this story (index in [`Dataset::stories`]) at its first step;
    /// `None` closes the story, leaving the card as it is.
    Story(Option<u16>),
    /// Goes to this step (0-based) of the open story, or of the first one.
    Step(u16),
    Focus(ActorId),
    /// `None` closes the selected actor's claims.
    Select(Option<ActorId>),
    View(View),
    HideRelations(Vec<Relation>),
    HideStances(Vec<Stance>),
    HideClaimants(Vec<ActorId>),
    Theme(Theme),
    Header(bool),
    /// `None`: no language asked for (the value `*`, or only `*` known).
    Lang(Option<Lang>),
}

/// Longer links are cut here (a crafted link of megabytes must not freeze the tab).
pub const MAX_LINK_CHARS: usize = 4096;
/// Notices shown one by one; the rest are counted in one more.
pub const MAX_NOTICES: usize = 5;
/// Items one hide list may name (the largest vocabulary has well under this).
const MAX_LIST_ITEMS: usize = 256;

/// Something in a link or an embed option that the card ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub key: String,
    pub value: String,
    /// The values that would have worked.
    pub expected: String,
    pub kind: NoticeKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    UnknownKey,
    BadValue,
    /// The link was longer than [`MAX_LINK_CHARS`] and was cut.
    TooLong,
    /// This many more notices were left out.
    More(usize),
}

impl Notice {
    fn bad(key: Key, value: &str, expected: String) -> Notice {
        Notice {
            key: key.id().to_string(),
            value: shorten(value),
            expected,
            kind: NoticeKind::BadValue,
        }
    }

    /// One sentence for the reader and the console.
    pub fn message(&self) -> String {
        match self.kind {
            NoticeKind::UnknownKey => format!(
                "Ignored unknown option “{}”; valid options: {}.",
                self.key, self.expected
            ),
            NoticeKind::BadValue => format!(
                "Ignored “{}” for “{}”; valid values: {}.",
                self.value, self.key, self.expected
            ),
            NoticeKind::TooLong => {
                format!("The link's options were cut to their first {MAX_LINK_CHARS} characters.")
            }
            NoticeKind::More(n) => format!("…and {n} more options were not understood."),
        }
    }
}

/// At most 40 characters of what a reader or host wrote, for a notice.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Notices as the card shows them: at most [`MAX_NOTICES`], then a count.
fn capped(mut notices: Vec<Notice>) -> Vec<Notice> {
    if notices.len() > MAX_NOTICES + 1 {
        let more = notices.len() - MAX_NOTICES;
        notices.truncate(MAX_NOTICES);
        notices.push(Notice {
            key: String::new(),
            value: String::new(),
            expected: String::new(),
            kind: NoticeKind::More(more),
        });
    }
    notices
}

/// The `key=value` pairs of a link (with or without `#`), percent-decoded;
/// a pair without `=` has an empty value.
pub fn pairs(link: &str) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
    link.strip_prefix('#')
        .unwrap_or(link)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
}

/// `%XX` sequences decoded as UTF-8; malformed ones are kept as written.
pub fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// The typed value of `key=value`, or why it is not one.
pub fn change(dataset: &Dataset, key: Key, value: &str) -> Result<Change, Notice> {
    let bad = |expected: String| Notice::bad(key, value, expected);
    let actor = |id: &str| {
        dataset
            .actor_by_id(id)
            .ok_or_else(|| bad(example_actor_ids(dataset)))
    };
    let items = || {
        value
            .split(',')
            .filter(|v| !v.is_empty())
            .take(MAX_LIST_ITEMS)
    };
    Ok(match key {
        Key::Story if value.is_empty() => Change::Story(None),
        Key::Story => Change::Story(Some(
            dataset
                .story_by_id(value)
                .ok_or_else(|| bad(story_ids(dataset)))?,
        )),
        Key::Step => Change::Step(
            value
                .parse::<u16>()
                .ok()
                .filter(|n| (1..=dataset.most_steps()).contains(&usize::from(*n)))
                .ok_or_else(|| bad(step_numbers(dataset)))?
                - 1,
        ),
        Key::Focus => Change::Focus(actor(value)?),
        Key::Select if value.is_empty() => Change::Select(None),
        Key::Select => Change::Select(Some(actor(value)?)),
        Key::View => Change::View(View::from_id(value).ok_or_else(|| bad(view_ids()))?),
        Key::Theme => Change::Theme(Theme::from_id(value).ok_or_else(|| bad(theme_ids()))?),
        Key::Header => Change::Header(match value {
            "1" | "true" | "yes" | "" => true,
            "0" | "false" | "no" => false,
            _ => return Err(bad("1 or 0".into())),
        }),
        Key::HideRelation => Change::HideRelations(
            items()
                .map(|i| Relation::from_id(i).ok_or_else(|| bad(Relation::ids())))
                .collect::<Result<_, _>>()?,
        ),
        Key::HideStance => Change::HideStances(
            items()
                .map(|i| Stance::from_id(i).ok_or_else(|| bad(Stance::ids())))
                .collect::<Result<_, _>>()?,
        ),
        Key::HideClaimant => Change::HideClaimants(items().map(actor).collect::<Result<_, _>>()?),
        // Tags in order of preference (`my-MM,en`), the first the card has
        // wins; `*` stands for "the card's own choice" (`fr,*` on a French
        // host page gives the default, with no notice).
        Key::Lang => match value.split(',').find_map(|t| {
            (t.trim() == "*")
                .then_some(None)
                .or_else(|| Lang::from_tag(t).map(Some))
        }) {
            Some(lang) => Change::Lang(lang),
            None => return Err(bad(Lang::codes())),
        },
    })
}

/// The typed changes named by `pairs` (keys as a link or a host spells
/// them), and notices for the rest.
pub fn changes<'a>(
    dataset: &Dataset,
    pairs: impl IntoIterator<Item = (Cow<'a, str>, Cow<'a, str>)>,
) -> (Vec<Change>, Vec<Notice>) {
    let mut changes = Vec::new();
    let mut notices = Vec::new();
    for (name, value) in pairs {
        match Key::from_name(&name) {
            Some(key) => match change(dataset, key, &value) {
                Ok(c) => changes.push(c),
                Err(n) => notices.push(n),
            },
            None => notices.push(Notice {
                key: shorten(&name),
                value: String::new(),
                expected: KEYS.join(", "),
                kind: NoticeKind::UnknownKey,
            }),
        }
    }
    (changes, capped(notices))
}

impl Options {
    pub fn defaults(dataset: &Dataset) -> Options {
        Options {
            snapshot: Snapshot {
                focus: dataset.meta.focus,
                selected: None,
                view: View::default(),
                filter: Filter::default(),
            },
            theme: Theme::default(),
            show_header: true,
            lang: None,
            story: None,
        }
    }

    /// Applies one change. A hide list adds to what is hidden; with
    /// `replace_lists` (a host's `set`) it replaces that list, so an empty
    /// list shows everything of that kind again.
    pub fn apply(&mut self, dataset: &Dataset, change: &Change, replace_lists: bool) {
        match *change {
            Change::Story(None) => self.story = None,
            Change::Story(Some(story)) if self.story.map(|at| at.story) != Some(story) => {
                self.go_to(dataset, story, 0);
            }
            Change::Story(Some(_)) => {}
            Change::Step(step) => {
                let story = self.story.map_or(0, |at| at.story);
                self.go_to(dataset, story, usize::from(step));
            }
            _ => {}
        }
        let snapshot = &mut self.snapshot;
        let filter = &mut snapshot.filter;
        match change {
            Change::Focus(a) => snapshot.focus = *a,
            Change::Select(a) => snapshot.selected = *a,
            Change::View(v) => snapshot.view = *v,
            Change::Theme(t) => self.theme = *t,
            Change::Header(h) => self.show_header = *h,
            Change::Lang(l) => self.lang = *l,
            Change::Story(_) | Change::Step(_) => {}
            Change::HideRelations(list) => {
                if replace_lists {
                    filter.show_all_relations();
                }
                list.iter().for_each(|r| filter.hide_relation(*r));
            }
            Change::HideStances(list) => {
                if replace_lists {
                    filter.show_all_stances();
                }
                list.iter().for_each(|s| filter.hide_stance(*s));
            }
            Change::HideClaimants(list) => {
                if replace_lists {
                    filter.show_all_claimants();
                }
                list.iter().for_each(|a| filter.hide_claimant(*a));
            }
        }
    }

    /// Puts the card at `step` of `story` (clamped to its last step), in
    /// that step's state; nothing changes when the story does not exist.
    fn go_to(&mut self, dataset: &Dataset, story: u16, step: usize) {
        if let Some(at) = dataset.story_at(story, step) {
            if let Some((_, step)) = dataset.story_step(at) {
                self.snapshot = step.state.clone();
            }
            self.story = Some(at);
        }
    }

    /// Applies `changes` in order, except that the story and the step come
    /// first (a link's keys change the step's state, in whatever order
    /// they are written), then settles.
    pub fn apply_all(&mut self, dataset: &Dataset, changes: &[Change], replace_lists: bool) {
        let story_first = |c: &&Change| matches!(c, Change::Story(_) | Change::Step(_));
        let (story, rest): (Vec<&Change>, Vec<&Change>) = changes.iter().partition(story_first);
        let mut ordered: Vec<&Change> = story;
        ordered.sort_by_key(|c| matches!(c, Change::Step(_)));
        for change in ordered.into_iter().chain(rest) {
            self.apply(dataset, change, replace_lists);
        }
        self.settle();
    }

    /// A selection equal to the focus means none (the focus's claims are the card itself).
    pub fn settle(&mut self) {
        if self.snapshot.selected == Some(self.snapshot.focus) {
            self.snapshot.selected = None;
        }
    }

    /// Applies one `key=value` option; an unknown key or value leaves the
    /// options as they were and returns a [`Notice`].
    pub fn set(&mut self, dataset: &Dataset, key: &str, value: &str) -> Result<(), Notice> {
        let (changes, mut notices) = changes(dataset, [(key.into(), value.into())]);
        match notices.pop() {
            Some(notice) => Err(notice),
            None => {
                self.apply_all(dataset, &changes, false);
                Ok(())
            }
        }
    }

    /// Parses a link (with or without the leading `#`) over the defaults.
    pub fn parse(dataset: &Dataset, link: &str) -> (Options, Vec<Notice>) {
        let mut options = Options::defaults(dataset);
        let (link, cut) = match link.char_indices().nth(MAX_LINK_CHARS) {
            Some((at, _)) => (&link[..at], true),
            None => (link, false),
        };
        let (changes, mut notices) = changes(dataset, pairs(link));
        options.apply_all(dataset, &changes, false);
        if cut {
            notices.insert(
                0,
                Notice {
                    key: String::new(),
                    value: String::new(),
                    expected: String::new(),
                    kind: NoticeKind::TooLong,
                },
            );
        }
        (options, notices)
    }

    /// The link for these options, without `#`; "" when all are defaults.
    /// At a story step, the link names the step and what differs from it;
    /// when the reader has shown again what the step hides (which no key
    /// can say over a step), it names the state alone.
    pub fn format(&self, dataset: &Dataset) -> String {
        let snapshot = &self.snapshot;
        let at_step = self
            .story
            .and_then(|at| Some((at, &dataset.story_step(at)?.1.state)))
            .filter(|(_, state)| adds_to(&snapshot.filter, &state.filter));
        let defaults = Options::defaults(dataset).snapshot;
        let base = at_step.map_or(&defaults, |(_, state)| state);
        let id = |a: ActorId| dataset.actor(a).id.to_string();
        let value = |key: Key| -> Option<String> {
            let hidden = &snapshot.filter;
            let shown_in_base = &base.filter;
            let text = match key {
                Key::Story => id_of_story(dataset, at_step?.0),
                Key::Step => (at_step?.0.step + 1).to_string(),
                Key::Focus if snapshot.focus != base.focus => id(snapshot.focus),
                Key::Select if snapshot.selected != base.selected => {
                    return Some(snapshot.selected.map(id).unwrap_or_default())
                }
                Key::View if snapshot.view != base.view => snapshot.view.id().into(),
                Key::HideRelation => join(
                    hidden
                        .hidden_relations()
                        .filter(|r| shown_in_base.shows_relation(*r))
                        .map(Relation::id),
                ),
                Key::HideStance => join(
                    hidden
                        .hidden_stances()
                        .filter(|s| shown_in_base.shows_stance(*s))
                        .map(Stance::id),
                ),
                Key::HideClaimant => join(
                    hidden
                        .hidden_claimants()
                        .iter()
                        .filter(|a| shown_in_base.shows_claimant(**a))
                        .map(|a| id(*a)),
                ),
                Key::Theme if self.theme != Theme::default() => self.theme.id().into(),
                Key::Header if !self.show_header => "0".into(),
                Key::Lang => match self.lang {
                    Some(lang) if lang != dataset.default_lang() => lang.code().into(),
                    _ => String::new(),
                },
                _ => String::new(),
            };
            (!text.is_empty()).then_some(text)
        };
        let mut out = String::new();
        for key in Key::ALL {
            if let Some(value) = value(key) {
                if !out.is_empty() {
                    out.push('&');
                }
                out.push_str(key.id());
                out.push('=');
                out.push_str(&value);
            }
        }
        out
    }
}

/// `filter` hides at least what `base` hides (so keys can say it over `base`).
fn adds_to(filter: &Filter, base: &Filter) -> bool {
    base.hidden_relations().all(|r| !filter.shows_relation(r))
        && base.hidden_stances().all(|s| !filter.shows_stance(s))
        && base
            .hidden_claimants()
            .iter()
            .all(|a| !filter.shows_claimant(*a))
}

fn id_of_story(dataset: &Dataset, at: StoryAt) -> String {
    dataset
        .stories
        .get(usize::from(at.story))
        .map(|s| s.id.to_string())
        .unwrap_or_default()
}

fn story_ids(dataset: &Dataset) -> String {
    if dataset.stories.is_empty() {
        return "none: this dataset has no stories".into();
    }
    let ids: Vec<&str> = dataset.stories.iter().map(|s| s.id.as_ref()).collect();
    ids.join(", ")
}

fn step_numbers(dataset: &Dataset) -> String {
    match dataset.most_steps() {
        0 => "none: this dataset has no stories".into(),
        1 => "1".into(),
        n => format!("1 to {n}"),
    }
}

fn join<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let mut out = String::new();
    for item in items {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(item.as_ref());
    }
    out
}

fn view_ids() -> String {
    View::ALL.map(View::id).join(", ")
}

fn theme_ids() -> String {
    Theme::ALL.map(Theme::id).join(", ")
}

fn example_actor_ids(dataset: &Dataset) -> String {
    let ids: Vec<&str> = dataset
        .actors
        .iter()
        .take(4)
        .map(|a| a.id.as_ref())
        .collect();
    format!(
        "an actor id such as {} (see claims.json for all)",
        ids.join(", ")
    )
}

/// The option key for a name a host page may use: `hideRelation` → `hide-relation`.
/// Keys of the link language pass through unchanged.
pub fn canonical_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() + 2);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            key.push('-');
            key.push(c.to_ascii_lowercase());
        } else {
            key.push(c);
        }
    }
    key
}
