//! The card's state as a URL fragment, and back.
//!
//! `#focus=belarus&select=russia&view=list&hide-relation=training,sanctions&hide-stance=neutral&hide-claimant=junta-propaganda-media&theme=dark&header=0`
//!
//! Values equal to the defaults are left out. Parsing never fails: an unknown
//! key or value is ignored and reported as a [`Notice`] the card shows, so a
//! mistyped link still opens a working card. The same keys name the embed
//! options (element attributes, JS API), so they are spelt once, here.

use crate::filter::Filter;
use crate::model::{ActorId, Dataset};
use crate::state::{Snapshot, View};
use crate::vocab::{Relation, Stance};

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

/// Everything a link or an embed can set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub snapshot: Snapshot,
    pub theme: Theme,
    pub show_header: bool,
}

/// Something in a link or an embed option that the card ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub key: String,
    pub value: String,
    /// The values that would have worked.
    pub expected: String,
}

impl Notice {
    /// One sentence for the reader and the console.
    pub fn message(&self) -> String {
        if !KEYS.contains(&self.key.as_str()) {
            format!(
                "Ignored unknown option “{}”; valid options: {}.",
                self.key, self.expected
            )
        } else {
            format!(
                "Ignored “{}” for “{}”; valid values: {}.",
                self.value, self.key, self.expected
            )
        }
    }
}

pub const KEYS: [&str; 8] = [
    "focus",
    "select",
    "view",
    "hide-relation",
    "hide-stance",
    "hide-claimant",
    "theme",
    "header",
];

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
        }
    }

    /// Applies one `key=value` option; an unknown key or value leaves the
    /// options as they were and returns a [`Notice`].
    pub fn set(&mut self, dataset: &Dataset, key: &str, value: &str) -> Result<(), Notice> {
        let notice = |expected: String| Notice {
            key: key.to_string(),
            value: value.to_string(),
            expected,
        };
        let actor = |id: &str| dataset.actor_by_id(id);
        let actor_hint = || "an actor id such as ".to_string() + &example_actor_ids(dataset);
        let snapshot = &mut self.snapshot;
        match key {
            "focus" => snapshot.focus = actor(value).ok_or_else(|| notice(actor_hint()))?,
            "select" => snapshot.selected = Some(actor(value).ok_or_else(|| notice(actor_hint()))?),
            "view" => snapshot.view = View::from_id(value).ok_or_else(|| notice(view_ids()))?,
            "theme" => self.theme = Theme::from_id(value).ok_or_else(|| notice(theme_ids()))?,
            "header" => {
                self.show_header = match value {
                    "1" | "true" | "yes" | "" => true,
                    "0" | "false" | "no" => false,
                    _ => return Err(notice("1 or 0".into())),
                }
            }
            "hide-relation" | "hide-stance" | "hide-claimant" => {
                let mut filter = snapshot.filter.clone();
                for item in value.split(',').filter(|v| !v.is_empty()) {
                    match key {
                        // Hide, never toggle: a value listed twice stays hidden.
                        "hide-relation" => Relation::from_id(item)
                            .map(|r| {
                                if filter.shows_relation(r) {
                                    filter.toggle_relation(r)
                                }
                            })
                            .ok_or_else(|| notice(Relation::ids()))?,
                        "hide-stance" => Stance::from_id(item)
                            .map(|s| {
                                if filter.shows_stance(s) {
                                    filter.toggle_stance(s)
                                }
                            })
                            .ok_or_else(|| notice(Stance::ids()))?,
                        _ => actor(item)
                            .map(|a| {
                                if filter.shows_claimant(a) {
                                    filter.toggle_claimant(a)
                                }
                            })
                            .ok_or_else(|| notice(actor_hint()))?,
                    }
                }
                snapshot.filter = filter;
            }
            _ => {
                return Err(Notice {
                    key: key.to_string(),
                    value: String::new(),
                    expected: KEYS.join(", "),
                })
            }
        }
        Ok(())
    }

    /// Parses a fragment (with or without the leading `#`) over the defaults.
    pub fn parse(dataset: &Dataset, fragment: &str) -> (Options, Vec<Notice>) {
        let mut options = Options::defaults(dataset);
        let mut notices = Vec::new();
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        for pair in fragment.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if let Err(notice) = options.set(dataset, key, value) {
                notices.push(notice);
            }
        }
        if options.snapshot.selected == Some(options.snapshot.focus) {
            options.snapshot.selected = None;
        }
        (options, notices)
    }

    /// The fragment for these options, without `#`; "" when all are defaults.
    pub fn format(&self, dataset: &Dataset) -> String {
        let snapshot = &self.snapshot;
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let id = |a: ActorId| dataset.actor(a).id.to_string();
        if snapshot.focus != dataset.meta.focus {
            pairs.push(("focus", id(snapshot.focus)));
        }
        if let Some(selected) = snapshot.selected {
            pairs.push(("select", id(selected)));
        }
        if snapshot.view != View::default() {
            pairs.push(("view", snapshot.view.id().into()));
        }
        let filter = &snapshot.filter;
        let relations: Vec<&str> = filter.hidden_relations().map(Relation::id).collect();
        let stances: Vec<&str> = filter.hidden_stances().map(Stance::id).collect();
        let claimants: Vec<String> = filter.hidden_claimants().iter().map(|a| id(*a)).collect();
        for (key, list) in [
            ("hide-relation", relations.join(",")),
            ("hide-stance", stances.join(",")),
            ("hide-claimant", claimants.join(",")),
        ] {
            if !list.is_empty() {
                pairs.push((key, list));
            }
        }
        if self.theme != Theme::default() {
            pairs.push(("theme", self.theme.id().into()));
        }
        if !self.show_header {
            pairs.push(("header", "0".into()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }
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
    format!("{} (see claims.json for all)", ids.join(", "))
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

/// `base` with the keys of `overrides` replaced by their values there: what a
/// host's `set(options)` means. A key given in `overrides` drops every pair of
/// that key from `base`, so `hide-relation=` clears that filter.
pub fn merge(base: &str, overrides: &str) -> String {
    let pairs = |s: &str| -> Vec<(String, String)> {
        s.trim_start_matches('#')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_string(), v.to_string())
            })
            .collect()
    };
    let overrides = pairs(overrides);
    let mut merged: Vec<(String, String)> = pairs(base)
        .into_iter()
        .filter(|(k, _)| !overrides.iter().any(|(o, _)| o == k))
        .collect();
    merged.extend(overrides);
    merged
        .iter()
        .filter(|(k, v)| !(v.is_empty() && k.starts_with("hide-")))
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}
