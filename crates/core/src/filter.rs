//! Which claims the reader wants to see: by relation kind, by stance and by
//! who makes the claim. A filter lists what is *hidden*, so the default (show
//! everything) is empty and short in a URL.

use crate::model::{ActorId, Claim};
use crate::vocab::{Relation, Stance};

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    hidden_relations: u16,
    hidden_stances: u8,
    /// Sorted, without duplicates.
    hidden_claimants: Vec<ActorId>,
}

impl Filter {
    pub fn fits(&self, claim: &Claim) -> bool {
        self.shows_relation(claim.relation)
            && self.shows_stance(claim.stance)
            && self.shows_claimant(claim.attributed_to)
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn shows_relation(&self, relation: Relation) -> bool {
        self.hidden_relations & (1 << relation.index()) == 0
    }

    pub fn shows_stance(&self, stance: Stance) -> bool {
        self.hidden_stances & (1 << stance.index()) == 0
    }

    pub fn shows_claimant(&self, claimant: ActorId) -> bool {
        self.hidden_claimants.binary_search(&claimant).is_err()
    }

    pub fn toggle_relation(&mut self, relation: Relation) {
        self.hidden_relations ^= 1 << relation.index();
    }

    pub fn toggle_stance(&mut self, stance: Stance) {
        self.hidden_stances ^= 1 << stance.index();
    }

    pub fn toggle_claimant(&mut self, claimant: ActorId) {
        match self.hidden_claimants.binary_search(&claimant) {
            Ok(at) => {
                self.hidden_claimants.remove(at);
            }
            Err(at) => self.hidden_claimants.insert(at, claimant),
        }
    }

    pub fn hide_relation(&mut self, relation: Relation) {
        self.hidden_relations |= 1 << relation.index();
    }

    pub fn hide_stance(&mut self, stance: Stance) {
        self.hidden_stances |= 1 << stance.index();
    }

    pub fn hide_claimant(&mut self, claimant: ActorId) {
        if let Err(at) = self.hidden_claimants.binary_search(&claimant) {
            self.hidden_claimants.insert(at, claimant);
        }
    }

    pub fn show_all_relations(&mut self) {
        self.hidden_relations = 0;
    }

    pub fn show_all_stances(&mut self) {
        self.hidden_stances = 0;
    }

    pub fn show_all_claimants(&mut self) {
        self.hidden_claimants.clear();
    }

    pub fn hidden_relations(&self) -> impl Iterator<Item = Relation> + '_ {
        Relation::ALL
            .iter()
            .copied()
            .filter(|r| !self.shows_relation(*r))
    }

    pub fn hidden_stances(&self) -> impl Iterator<Item = Stance> + '_ {
        Stance::ALL
            .iter()
            .copied()
            .filter(|s| !self.shows_stance(*s))
    }

    pub fn hidden_claimants(&self) -> &[ActorId] {
        &self.hidden_claimants
    }

    /// How many things are hidden, for a "2 filters on" badge.
    pub fn hidden_count(&self) -> usize {
        self.hidden_relations.count_ones() as usize
            + self.hidden_stances.count_ones() as usize
            + self.hidden_claimants.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_twice_restores_the_empty_filter() {
        let mut filter = Filter::default();
        filter.toggle_relation(Relation::Training);
        filter.toggle_stance(Stance::Neutral);
        filter.toggle_claimant(ActorId(3));
        filter.toggle_claimant(ActorId(1));
        assert_eq!(filter.hidden_count(), 4);
        assert!(!filter.shows_relation(Relation::Training));
        assert!(filter.shows_relation(Relation::Sanctions));
        assert_eq!(filter.hidden_claimants(), &[ActorId(1), ActorId(3)]);
        filter.toggle_relation(Relation::Training);
        filter.toggle_stance(Stance::Neutral);
        filter.toggle_claimant(ActorId(3));
        filter.toggle_claimant(ActorId(1));
        assert!(filter.is_empty());
    }
}
