//! The card's state and its reducer: every change a reader can make
//! (select, refocus, back, view, filters) is one [`Action`], applied by the
//! pure [`CardState::reduce`], so tests drive the card without a browser.
//!
//! The reducer also words the live-region [`CardState::announcement`] for
//! screen readers, so what is announced is tested with what changed.
//!
//! Architecture invariant: no browser types; the options language lives in
//! [`crate::fragment`], which does not import this module; the Yew wrapper
//! only forwards actions.

use crate::filter::Filter;
use crate::fragment::{Change, Options, Theme};
pub use crate::fragment::{Snapshot, View};
use crate::i18n::{fill, Catalogue, Lang};
use crate::model::{ActorId, Dataset};
use crate::query;
use crate::story::StoryAt;
use crate::vocab::{Relation, Stance};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardState {
    pub focus: ActorId,
    pub selected: Option<ActorId>,
    pub view: View,
    pub filter: Filter,
    pub theme: Theme,
    pub show_header: bool,
    /// The language a link, a host or the reader's switch chose.
    pub lang: Option<Lang>,
    /// The language the reader's browser prefers (the page reads it once it
    /// runs); used when `lang` is `None`, never written into a link.
    pub preferred: Option<Lang>,
    /// Earlier foci, most recent last: what "Back" returns to.
    pub trail: Vec<ActorId>,
    /// What the live region says after the last action ("" for nothing).
    pub announcement: String,
    /// The story step the card is at; the reader may explore from it, and
    /// the story stays open until closed.
    pub story: Option<StoryAt>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Select(ActorId),
    Deselect,
    /// Put another actor in the centre.
    Refocus(ActorId),
    /// Return to the previous focus.
    Back,
    SetView(View),
    ToggleRelation(Relation),
    ToggleStance(Stance),
    ToggleClaimant(ActorId),
    ClearFilters,
    /// Take the state a link, an embed option or the browser's history carries.
    Restore(Options),
    /// A host's changes over the current state (`card.set({ view: "list" })`).
    Apply(Vec<Change>),
    /// Start over in this state, with no trail (a link applied once the card has started).
    Reset(Options),
    /// The reader's browser prefers this language (not an explicit choice).
    Prefer(Option<Lang>),
    /// Go to this step (0-based, clamped) of the open story, or of the first.
    Step(usize),
    /// Open this story at its first step.
    OpenStory(u16),
    /// Leave the story; the card stays as it is.
    CloseStory,
}

impl CardState {
    pub fn new(options: Options) -> Self {
        let snapshot = options.snapshot;
        CardState {
            focus: snapshot.focus,
            selected: snapshot.selected,
            view: snapshot.view,
            filter: snapshot.filter,
            theme: options.theme,
            show_header: options.show_header,
            lang: options.lang,
            preferred: None,
            trail: Vec::new(),
            announcement: String::new(),
            story: options.story,
        }
    }

    /// The state a dataset opens with.
    pub fn initial(dataset: &Dataset) -> Self {
        CardState::new(Options::defaults(dataset))
    }

    /// Everything a link carries, to format with [`Options::format`].
    pub fn options(&self) -> Options {
        Options {
            snapshot: self.snapshot(),
            theme: self.theme,
            show_header: self.show_header,
            lang: self.lang,
            story: self.story,
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            focus: self.focus,
            selected: self.selected,
            view: self.view,
            filter: self.filter.clone(),
        }
    }

    /// The language the card speaks: the one chosen, else the browser's,
    /// else the dataset's, else English.
    /// The actors whose claims this state shows, for a dataset in parts:
    /// the selected actor's, and the focus's unless its network draws from
    /// the index's summary (the network view, unfiltered). A busy actor's
    /// large part is fetched only when a reader asks for its claims.
    pub fn claims_needed(&self, dataset: &Dataset) -> Vec<ActorId> {
        let drawn_from_index = self.view == View::Network
            && self.filter.is_empty()
            && dataset.summary(self.focus).is_some();
        let focus = (!drawn_from_index).then_some(self.focus);
        focus.into_iter().chain(self.selected).collect()
    }

    pub fn language(&self, dataset: &Dataset) -> Lang {
        self.lang
            .or(self.preferred)
            .unwrap_or_else(|| dataset.default_lang())
    }

    /// Applies one action; pure.
    pub fn reduce(&self, dataset: &Dataset, action: Action) -> CardState {
        let mut next = self.clone();
        let m = self.language(dataset).catalogue();
        let name = |id: ActorId| dataset.actor_name(id, self.language(dataset)).to_string();
        next.announcement = match action {
            Action::Select(actor) => {
                next.selected = Some(actor);
                let count = query::claims_involving(dataset, actor, &next.filter).len();
                fill(
                    m.announce_selected,
                    &[
                        ("name", &name(actor)),
                        ("claims", &m.count(count, m.claims)),
                    ],
                )
            }
            Action::Deselect => {
                next.selected = None;
                String::new()
            }
            Action::Refocus(actor) if actor == self.focus => String::new(),
            Action::Refocus(actor) => {
                next.trail.push(self.focus);
                next.focus = actor;
                next.selected = None;
                focus_announcement(dataset, &next, m)
            }
            Action::Back => match next.trail.pop() {
                Some(previous) => {
                    next.selected = Some(self.focus).filter(|_| previous != self.focus);
                    next.focus = previous;
                    focus_announcement(dataset, &next, m)
                }
                None => String::new(),
            },
            Action::SetView(view) => {
                next.view = view;
                fill(m.announce_view, &[("view", m.views[view as usize])])
            }
            Action::ToggleRelation(relation) => {
                next.filter.toggle_relation(relation);
                filter_announcement(dataset, &next, m)
            }
            Action::ToggleStance(stance) => {
                next.filter.toggle_stance(stance);
                filter_announcement(dataset, &next, m)
            }
            Action::ToggleClaimant(claimant) => {
                next.filter.toggle_claimant(claimant);
                filter_announcement(dataset, &next, m)
            }
            Action::ClearFilters => {
                next.filter = Filter::default();
                filter_announcement(dataset, &next, m)
            }
            Action::Apply(changes) => {
                let mut options = self.options();
                options.apply_all(dataset, &changes, true);
                let mut next = self.reduce(dataset, Action::Restore(options));
                if next.story != self.story {
                    next.announcement = step_announcement(dataset, &next, m);
                }
                return next;
            }
            Action::Reset(options) => {
                return CardState {
                    preferred: self.preferred,
                    ..CardState::new(options)
                }
            }
            Action::Step(step) => {
                let story = self.story.map_or(0, |at| at.story);
                return self.go_to(dataset, story, step);
            }
            Action::OpenStory(story) => return self.go_to(dataset, story, 0),
            Action::CloseStory => {
                next.story = None;
                String::new()
            }
            Action::Prefer(lang) => {
                next.preferred = lang;
                String::new()
            }
            Action::Restore(options) => {
                let snapshot = options.snapshot;
                next.theme = options.theme;
                next.show_header = options.show_header;
                next.lang = options.lang;
                next.story = options.story;
                if snapshot.focus != self.focus {
                    if next.trail.last() == Some(&snapshot.focus) {
                        next.trail.pop();
                    } else {
                        next.trail.push(self.focus);
                    }
                }
                next.focus = snapshot.focus;
                next.selected = snapshot.selected;
                next.view = snapshot.view;
                next.filter = snapshot.filter;
                String::new()
            }
        };
        next
    }
}

impl CardState {
    /// At `step` of `story`, in that step's state; the trail is kept as it
    /// is (a step is not a place "Back" returns to).
    fn go_to(&self, dataset: &Dataset, story: u16, step: usize) -> CardState {
        let Some(at) = dataset.story_at(story, step) else {
            return self.clone();
        };
        let mut options = self.options();
        options.apply_all(
            dataset,
            &[Change::Story(Some(story)), Change::Step(at.step)],
            true,
        );
        let mut next = self.reduce(dataset, Action::Restore(options));
        next.trail = self.trail.clone();
        let m = next.language(dataset).catalogue();
        next.announcement = step_announcement(dataset, &next, m);
        next
    }

    /// The step the card is at, with its number and the story's length.
    pub fn step<'d>(
        &self,
        dataset: &'d Dataset,
    ) -> Option<(&'d crate::story::Story, &'d crate::story::Step)> {
        dataset.story_step(self.story?)
    }
}

/// "Step 2 of 6. Defend Myanmar Democracy says …" ("" outside a story).
fn step_announcement(dataset: &Dataset, state: &CardState, m: &Catalogue) -> String {
    let (Some(at), Some((story, step))) = (state.story, state.step(dataset)) else {
        return String::new();
    };
    fill(
        m.announce_step,
        &[
            ("n", &m.number(usize::from(at.step) + 1)),
            ("total", &m.number(story.steps.len())),
            ("caption", &step.caption),
        ],
    )
}

fn focus_announcement(dataset: &Dataset, state: &CardState, m: &Catalogue) -> String {
    let n = query::neighbourhood(dataset, state.focus, &state.filter);
    let lang = state.language(dataset);
    if n.waiting {
        return fill(
            m.loading,
            &[("name", dataset.actor_name(state.focus, lang))],
        );
    }
    fill(
        m.announce_focus,
        &[
            ("name", dataset.actor_name(state.focus, lang)),
            ("actors", &m.count(n.actors().len(), m.linked_actors)),
            ("claims", &m.count(n.shown_claims, m.claims)),
        ],
    )
}

fn filter_announcement(dataset: &Dataset, state: &CardState, m: &Catalogue) -> String {
    let n = query::neighbourhood(dataset, state.focus, &state.filter);
    if n.waiting {
        let name = dataset.actor_name(state.focus, state.language(dataset));
        return fill(m.loading, &[("name", name)]);
    }
    if n.shown_claims == 0 && n.total_claims > 0 {
        return m.no_match.to_string();
    }
    fill(
        m.announce_shown,
        &[
            ("shown", &m.number(n.shown_claims)),
            ("total", &m.number(n.total_claims)),
        ],
    )
}

/// "1 claim", "2 claims".
pub fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 {
        one
    } else {
        many
    }
}
