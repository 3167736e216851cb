//! `[[stories]]`: the publisher's walks through the card, read with their
//! positions and checked against the actors and claims they point to.
//!
//! ```toml
//! [[stories]]
//! id = "march-visit"
//! title = "From the March visit to Lukashenko's"
//!
//! [[stories.steps]]
//! caption = "Defend Myanmar Democracy says Min Aung Hlaing went to Russia and Belarus in March."
//! focus = "min-aung-hlaing"
//! select = "belarus"                 # optional
//! view = "list"                      # optional: network (default), list, timeline
//! hide_relation = ["training"]       # optional, like hide_stance and hide_claimant
//! claims = ["min-aung-hlaing-visits-belarus-dmd"]
//! ```
//!
//! Must not: let a caption stand alone as a fact. Every step points to at
//! least one claim, each claim is shown in the step's state (about the focus
//! or the selected actor, and not hidden by its filters), and a caption
//! names no actor and no year that the step's claims (their parties,
//! claimants, dates and sources) do not.

use std::collections::HashMap;

use toml::de::DeValue;
use toml::Spanned;

use super::check::{self, Index};
use super::read::{self, Record, Sink, Str};
use crate::filter::Filter;
use crate::fragment::{Snapshot, View};
use crate::model::{Actor, ActorId, Claim, Source};
use crate::story::{Step, Story};
use crate::vocab::{Relation, Stance};

/// The keys of one `[[stories]]` entry.
pub const STORY_FIELDS: &[&str] = &["id", "title", "steps"];
/// The keys of one `[[stories.steps]]` entry.
pub const STEP_FIELDS: &[&str] = &[
    "caption",
    "focus",
    "select",
    "view",
    "hide_relation",
    "hide_stance",
    "hide_claimant",
    "claims",
];
/// A caption is short: a sentence or two beside the claims, not an article.
pub const MAX_CAPTION_CHARS: usize = 280;

/// One `[[stories]]` entry as written, with its steps.
pub struct RawStory<'t, 'i> {
    pub record: Record<'t, 'i>,
    pub steps: Vec<Record<'t, 'i>>,
}

/// The entries of `[[stories]]`; what is not a list of tables is reported.
pub fn read<'t, 'i>(sink: &mut Sink, value: &'t Spanned<DeValue<'i>>) -> Vec<RawStory<'t, 'i>> {
    let mut stories = Vec::new();
    for (table, at) in read::tables(sink, "stories", value) {
        let mut record = Record::new(table, at, "story", STORY_FIELDS);
        record.id = record.string(sink, "id", true).map(|s| s.value);
        record.finish(sink);
        let name = record.id.clone().unwrap_or_else(|| "story".into());
        let steps = match record.get("steps") {
            Some(steps) => read::tables(sink, "stories.steps", steps)
                .into_iter()
                .enumerate()
                .map(|(n, (table, at))| {
                    let mut step = Record::new(table, at, "step", STEP_FIELDS);
                    step.id = Some(format!("{name}, step {}", n + 1));
                    step.finish(sink);
                    step
                })
                .collect(),
            None => Vec::new(),
        };
        stories.push(RawStory { record, steps });
    }
    stories
}

/// What the steps are checked against.
pub struct Known<'a> {
    pub index: &'a Index,
    pub actors: &'a [Option<Actor>],
    /// Every claim id written, valid or not (an invalid one is reported already).
    pub claim_ids: &'a HashMap<String, usize>,
    pub claims: &'a [Option<Claim>],
    pub sources: &'a [Option<Source>],
}

/// Checks every story; `None` when one has a problem (reported).
pub fn check(sink: &mut Sink, raw: &[RawStory<'_, '_>], known: &Known<'_>) -> Option<Vec<Story>> {
    let stories: Vec<Option<Story>> = raw.iter().map(|s| story(sink, s, known)).collect();
    stories.into_iter().collect()
}

fn story(sink: &mut Sink, raw: &RawStory<'_, '_>, known: &Known<'_>) -> Option<Story> {
    let r = &raw.record;
    let title = r.string(sink, "title", true);
    if raw.steps.is_empty() {
        sink.error(
            r.at,
            "story-without-steps",
            r.id.as_deref(),
            "this story has no steps",
            "add at least one `[[stories.steps]]` with a caption, a focus and the claims it points to",
        );
    }
    let steps: Vec<Option<Step>> = raw.steps.iter().map(|s| step(sink, s, known)).collect();
    let steps: Option<Vec<Step>> = steps.into_iter().collect();
    Some(Story {
        id: r.id.clone()?.into(),
        title: title?.value.into(),
        steps: steps.filter(|s| !s.is_empty())?,
    })
}

fn step(sink: &mut Sink, r: &Record<'_, '_>, known: &Known<'_>) -> Option<Step> {
    let caption = r.string(sink, "caption", true);
    let focus = r
        .string(sink, "focus", true)
        .and_then(|a| check::actor_ref(sink, r, "focus", &a, known.index));
    let selected = match r.string(sink, "select", false) {
        None => Some(None),
        Some(a) => check::actor_ref(sink, r, "select", &a, known.index).map(Some),
    };
    let view = match r.string(sink, "view", false) {
        None => Some(View::default()),
        Some(v) => check::vocabulary(sink, r, "view", &v, View::from_id, view_ids()),
    };
    let filter = filter(sink, r, known);
    let claims = claims(sink, r, known);
    let state = Snapshot {
        focus: focus?,
        selected: selected?,
        view: view?,
        filter: filter?,
    };
    if state.selected == Some(state.focus) {
        sink.error(
            r.at,
            "select-is-focus",
            r.id.as_deref(),
            "`select` names the focus itself",
            "leave `select` out (the focus's claims are the card itself) or select another actor",
        );
        return None;
    }
    let claims = claims?;
    let caption = caption?;
    let pointed: Vec<&Claim> = claims
        .iter()
        .filter_map(|(_, i)| known.claims.get(*i)?.as_ref())
        .collect();
    for (id, i) in &claims {
        if let Some(claim) = known.claims.get(*i).and_then(Option::as_ref) {
            check_shown(sink, r, &state, id, claim);
        }
    }
    check_caption(sink, r, &caption, &pointed, known);
    Some(Step {
        caption: caption.value.into(),
        state,
        claims: claims.into_iter().map(|(id, _)| id.value.into()).collect(),
    })
}

fn view_ids() -> String {
    View::ALL.map(View::id).join(", ")
}

/// `hide_relation`, `hide_stance`, `hide_claimant`, each optional.
fn filter(sink: &mut Sink, r: &Record<'_, '_>, known: &Known<'_>) -> Option<Filter> {
    let mut filter = Filter::default();
    let mut ok = true;
    for v in r.strings(sink, "hide_relation")?.value {
        match check::vocabulary(
            sink,
            r,
            "hide_relation",
            &v,
            Relation::from_id,
            Relation::ids(),
        ) {
            Some(relation) => filter.hide_relation(relation),
            None => ok = false,
        }
    }
    for v in r.strings(sink, "hide_stance")?.value {
        match check::vocabulary(sink, r, "hide_stance", &v, Stance::from_id, Stance::ids()) {
            Some(stance) => filter.hide_stance(stance),
            None => ok = false,
        }
    }
    for v in r.strings(sink, "hide_claimant")?.value {
        match check::actor_ref(sink, r, "hide_claimant", &v, known.index) {
            Some(actor) => filter.hide_claimant(actor),
            None => ok = false,
        }
    }
    ok.then_some(filter)
}

/// The claims a step points to (ids with their record's position); at
/// least one, each a claim of the dataset.
fn claims(sink: &mut Sink, r: &Record<'_, '_>, known: &Known<'_>) -> Option<Vec<(Str, usize)>> {
    let list = r.strings(sink, "claims")?;
    if list.value.is_empty() {
        sink.error(
            r.at,
            "step-without-claims",
            r.id.as_deref(),
            "this step points to no claim",
            "add `claims = [\"…\"]` with the ids of the claims that support its caption: a caption never stands alone",
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for id in list.value {
        match known.claim_ids.get(&id.value) {
            Some(&i) => out.push((id, i)),
            None => {
                let hint = match check::nearest(&id.value, known.claim_ids.keys()) {
                    Some(near) => {
                        format!("did you mean `{near}`? Or add a [[claims]] entry with this id")
                    }
                    None => "name the id of a [[claims]] entry, or fix the spelling".into(),
                };
                sink.error(
                    id.span.start,
                    "unknown-claim",
                    r.id.as_deref(),
                    format!("`claims` names unknown claim `{}`", id.value),
                    hint,
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// A claim the step points to is shown in its state: about the focus or
/// the selected actor, and not hidden by the step's filters.
fn check_shown(sink: &mut Sink, r: &Record<'_, '_>, state: &Snapshot, id: &Str, claim: &Claim) {
    let about = |a: ActorId| claim.subject == a || claim.object == a;
    let involved = about(state.focus) || state.selected.is_some_and(about);
    if !involved || !state.filter.fits(claim) {
        let why = if involved {
            "the step's filters hide it"
        } else {
            "it is about neither the step's focus nor its selected actor"
        };
        sink.error(
            id.span.start,
            "claim-not-shown",
            r.id.as_deref(),
            format!("the step points to `{}`, but {why}", id.value),
            "point only to claims the step shows: change `focus` or `select`, or the `hide_…` lists",
        );
    }
}

/// A caption is short and names no actor or year beyond its step's claims.
fn check_caption(
    sink: &mut Sink,
    r: &Record<'_, '_>,
    caption: &Str,
    pointed: &[&Claim],
    known: &Known<'_>,
) {
    let length = caption.value.chars().count();
    if caption.value.trim().is_empty() || length > MAX_CAPTION_CHARS {
        sink.error(
            caption.span.start,
            "caption-length",
            r.id.as_deref(),
            format!("the caption has {length} characters; a caption has 1 to {MAX_CAPTION_CHARS}"),
            "write a sentence or two: the claims the step points to say the rest",
        );
    }
    let mut parties: Vec<ActorId> = Vec::new();
    for c in pointed {
        parties.extend([c.subject, c.object, c.attributed_to]);
    }
    for (i, actor) in known.actors.iter().enumerate() {
        let (Some(actor), Ok(id)) = (actor, u16::try_from(i)) else {
            continue;
        };
        let named = std::iter::once(&actor.name)
            .chain(actor.aliases.iter())
            .find(|name| check::names(&caption.value, name));
        if let Some(name) = named {
            let member = |p: &ActorId| {
                *p == ActorId(id)
                    || known
                        .actors
                        .get(usize::from(p.0))
                        .and_then(Option::as_ref)
                        .is_some_and(|a| {
                            a.member_of == Some(ActorId(id)) || a.leads == Some(ActorId(id))
                        })
            };
            if !parties.iter().any(member) {
                sink.error(
                    caption.span.start,
                    "caption-beyond-claims",
                    r.id.as_deref(),
                    format!("the caption names {name}, but no claim of the step is by or about {}", actor.id),
                    "point the step to a claim about that actor, or leave the name out of the caption",
                );
            }
        }
    }
    let years: Vec<u16> = pointed
        .iter()
        .flat_map(|c| {
            let sources = c
                .sources
                .iter()
                .filter_map(|s| known.sources.get(usize::from(s.0))?.as_ref()?.date);
            c.date.into_iter().chain(sources).map(|d| d.year)
        })
        .collect();
    for word in caption.value.split(|c: char| !c.is_ascii_digit()) {
        let Ok(year) = word.parse::<u16>() else {
            continue;
        };
        if word.len() == 4 && !years.contains(&year) {
            sink.error(
                caption.span.start,
                "caption-beyond-claims",
                r.id.as_deref(),
                format!("the caption names the year {year}, which no claim of the step (nor its sources) is dated"),
                "leave the year out, or point the step to the claim that gives it",
            );
        }
    }
}
