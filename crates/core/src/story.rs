//! Stories: a publisher's ordered walk through the card. Each [`Step`] is a
//! card state (focus, selected actor, view, filters) with the claims it
//! points to and a short caption, which is the publisher's own editorial
//! text and is always shown as such, next to those claims.
//!
//! Architecture invariant: a step never stands without claims (validation
//! refuses a step that points to none, or to a claim its state does not
//! show); this module only describes stories and where a card is in one,
//! it decides nothing about rendering.

use crate::fragment::Snapshot;
use crate::model::{Claim, Dataset, Text};

/// One story of a dataset (`[[stories]]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// Stable id, as in links (`story=<id>`).
    pub id: Text,
    /// The publisher's title for the story.
    pub title: Text,
    /// At least one.
    pub steps: Vec<Step>,
}

/// One step: a card state, the claims it points to, and the caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The publisher's editorial text (shown labelled as an editors' note).
    pub caption: Text,
    /// What the card shows at this step.
    pub state: Snapshot,
    /// Ids of the claims the step points to (at least one), in the
    /// publisher's order; each is shown in `state`.
    pub claims: Vec<Text>,
}

/// Where a card is in a story: indices into [`Dataset::stories`] and the
/// story's steps (0-based; links and the JS API count steps from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StoryAt {
    pub story: u16,
    pub step: u16,
}

impl Dataset {
    /// The story with this id.
    pub fn story_by_id(&self, id: &str) -> Option<u16> {
        self.stories
            .iter()
            .position(|s| s.id == id)
            .and_then(|i| u16::try_from(i).ok())
    }

    /// The story and step at `at`, if they exist.
    pub fn story_step(&self, at: StoryAt) -> Option<(&Story, &Step)> {
        let story = self.stories.get(usize::from(at.story))?;
        Some((story, story.steps.get(usize::from(at.step))?))
    }

    /// `at` moved to step `step` of its story, clamped to the story's last step.
    pub fn story_at(&self, story: u16, step: usize) -> Option<StoryAt> {
        let steps = self.stories.get(usize::from(story))?.steps.len();
        let step = step.min(steps.checked_sub(1)?);
        Some(StoryAt {
            story,
            step: u16::try_from(step).ok()?,
        })
    }

    /// The most steps any story has (for the `step` option's notice).
    pub fn most_steps(&self) -> usize {
        self.stories
            .iter()
            .map(|s| s.steps.len())
            .max()
            .unwrap_or(0)
    }
}

impl Step {
    /// The claims this step points to that are loaded (all of them, for a
    /// dataset in one piece), in the step's order.
    pub fn claims_in<'d>(&self, dataset: &'d Dataset) -> Vec<&'d Claim> {
        self.claims
            .iter()
            .filter_map(|id| dataset.claims.iter().find(|c| c.id == *id))
            .collect()
    }
}
