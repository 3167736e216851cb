//! The closed vocabularies of the dataset: actor kinds, relation kinds,
//! hedges, stances, statuses and source kinds.
//!
//! Each value has a stable kebab-case `id` (used in the data file, the URL
//! fragment and the exports: never rename one) and a reader-facing `label`.

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            /// Every value, in the documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable id used in data files, URLs and exports.
            pub const fn id(self) -> &'static str {
                match self { $($name::$variant => $id),* }
            }

            /// The reader-facing label.
            pub const fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            /// Parses a stable id; `None` for anything outside the vocabulary.
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($id => Some($name::$variant),)* _ => None }
            }

            /// The ids, comma-separated, for error messages and notices.
            pub fn ids() -> String {
                Self::ALL.iter().map(|v| v.id()).collect::<Vec<_>>().join(", ")
            }

            /// Position in [`Self::ALL`], for bit sets.
            pub const fn index(self) -> usize { self as usize }
        }
    };
}

vocabulary! {
    /// What kind of actor something is.
    ActorKind {
        State = "state", "State";
        Person = "person", "Person";
        Government = "government", "Government";
        ArmedForces = "armed-forces", "Armed forces";
        Organisation = "organisation", "Organisation";
        Media = "media", "Media";
        /// A group of actors such as "Western countries".
        Group = "group", "Group of actors";
    }
}

vocabulary! {
    /// The kind of relation a claim asserts between its subject and object.
    Relation {
        ElectionObservers = "election-observers", "Election observers";
        ElectionSupport = "election-support", "Election support";
        ArmsAndMilitaryAid = "arms-and-military-aid", "Arms and military aid";
        Training = "training", "Training";
        DiplomaticVisit = "diplomatic-visit", "Diplomatic visit";
        CooperationAgreements = "cooperation-agreements", "Cooperation agreements";
        GeneralBacking = "general-backing", "General backing";
        Sanctions = "sanctions", "Sanctions";
        Condemnation = "condemnation", "Condemnation";
        Solidarity = "solidarity", "Solidarity";
        Criticism = "criticism", "Criticism";
        ThreatToDisrupt = "threat-to-disrupt", "Threat to disrupt";
    }
}

vocabulary! {
    /// How the source hedges a claim, carried into the card's relation line
    /// so that it never reads as a plain fact ("set to sign" is `expected`).
    Hedge {
        Expected = "expected", "expected";
        SeenAs = "seen-as", "seen as";
        Symbolic = "symbolic", "symbolic";
        BothSides = "both-sides", "both sides";
    }
}

vocabulary! {
    /// The subject's stance towards the object, as the claim states it.
    Stance {
        Backs = "backs", "Backs";
        Opposes = "opposes", "Opposes";
        /// Contact without a stated stance: visits, invitations, receptions.
        Neutral = "neutral", "Contact";
    }
}

vocabulary! {
    /// How a claim stands.
    Status {
        /// Made by the subject itself, or its leader, member or spokesperson.
        Stated = "stated", "Stated";
        /// Reported as fact by a media outlet or organisation.
        Reported = "reported", "Reported";
        /// Asserted by a third party and not confirmed in the sources.
        Alleged = "alleged", "Alleged";
        /// The sources say it is disputed.
        Disputed = "disputed", "Disputed";
    }
}

vocabulary! {
    /// What kind of document a source is.
    SourceKind {
        MediaRelease = "media-release", "Media release";
        NewsReport = "news-report", "News report";
        Report = "report", "Report";
        Statement = "statement", "Statement";
        Article = "article", "Article";
        Other = "other", "Document";
    }
}

impl Status {
    /// The verb that introduces who makes the claim: "stated by", "reported by", …
    pub const fn by_phrase(self) -> &'static str {
        match self {
            Status::Stated => "Stated by",
            Status::Reported => "Reported by",
            Status::Alleged => "Alleged by",
            Status::Disputed => "Disputed; claimed by",
        }
    }
}

/// How the network view draws a tie: the weightiest kind of relation among
/// its claims sets the line's width (stance sets its pattern).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationFamily {
    /// Visits, agreements, general backing, sanctions, condemnation, …
    Political,
    /// Election observers and election support.
    Electoral,
    /// Arms and military aid, training.
    Military,
}

impl RelationFamily {
    /// Weakest first: a tie's family is the strongest of its claims'.
    pub const ALL: [RelationFamily; 3] = [
        RelationFamily::Political,
        RelationFamily::Electoral,
        RelationFamily::Military,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            RelationFamily::Political => "political",
            RelationFamily::Electoral => "electoral",
            RelationFamily::Military => "military",
        }
    }
}

impl Relation {
    pub const fn family(self) -> RelationFamily {
        match self {
            Relation::ArmsAndMilitaryAid | Relation::Training => RelationFamily::Military,
            Relation::ElectionObservers | Relation::ElectionSupport => RelationFamily::Electoral,
            _ => RelationFamily::Political,
        }
    }
}

impl Stance {
    /// The label in running text: "backs", "opposes", "contact".
    pub const fn label_lowercase(self) -> &'static str {
        match self {
            Stance::Backs => "backs",
            Stance::Opposes => "opposes",
            Stance::Neutral => "contact",
        }
    }

    /// Heading for the actors taking this stance towards the focus.
    pub const fn towards_heading(self) -> &'static str {
        match self {
            Stance::Backs => "Backs",
            Stance::Opposes => "Opposes",
            Stance::Neutral => "Contacts with",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_stance_labels_are_the_labels_in_lowercase() {
        for stance in Stance::ALL {
            assert_eq!(stance.label_lowercase(), stance.label().to_lowercase());
        }
    }

    #[test]
    fn ids_round_trip_and_are_kebab_case() {
        for r in Relation::ALL {
            assert_eq!(Relation::from_id(r.id()), Some(*r));
            assert!(r.id().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
        for s in Stance::ALL {
            assert_eq!(Stance::from_id(s.id()), Some(*s));
        }
        assert_eq!(Status::from_id("rumoured"), None);
        assert_eq!(Relation::ALL.len(), 12);
        assert_eq!(Relation::Training.index(), 3);
    }

    #[test]
    fn ids_lists_every_value() {
        assert_eq!(Stance::ids(), "backs, opposes, neutral");
    }
}
