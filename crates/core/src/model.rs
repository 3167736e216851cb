//! The dataset model: actors, sources, claims and context items.
//!
//! The same types serve the build-time loader and the card, which reads the
//! compiled dataset ([`crate::codec`]). References between records are
//! indices ([`ActorId`], [`SourceId`]) that validation has already checked.
//!
//! Architecture invariant: a `Dataset` is valid by construction; only
//! [`crate::load`] builds one from text, after validation passes, and
//! [`crate::codec::decode`] reads back only what the loader wrote, refusing
//! any reference that points outside the dataset.

use std::borrow::Cow;

use crate::date::PartialDate;
use crate::i18n::Lang;
use crate::vocab::{ActorKind, Hedge, Relation, RelationFamily, SourceKind, Stance, Status};

/// Text that is either compiled in or owned.
pub type Text = Cow<'static, str>;
/// A list that is either compiled in or owned.
pub type List<T> = Cow<'static, [T]>;

/// Index of an actor in [`Dataset::actors`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(pub u16);

/// Index of a source in [`Dataset::sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub u16);

#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub meta: Meta,
    pub actors: List<Actor>,
    pub sources: List<Source>,
    /// The claims the card has: all of them, or those of the parts loaded so far.
    pub claims: List<Claim>,
    pub context: List<ContextItem>,
    /// `Some` when the dataset comes in parts (a large dataset): what the
    /// index says about every claim, and which parts are loaded.
    pub parts: Option<Parts>,
    /// The dataset's texts in other languages (`[[translations]]`).
    pub translations: List<Translation>,
    /// The publisher's stories through the card (`[[stories]]`, [`crate::story`]).
    pub stories: List<crate::story::Story>,
}

/// Which text of a record a translation stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Description,
    ActorName,
    ActorDescription,
    ClaimSummary,
    ClaimNote,
    ContextSummary,
    ContextNote,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Title,
        Field::Description,
        Field::ActorName,
        Field::ActorDescription,
        Field::ClaimSummary,
        Field::ClaimNote,
        Field::ContextSummary,
        Field::ContextNote,
    ];

    /// The stable id in the compiled dataset.
    pub const fn id(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Description => "description",
            Field::ActorName => "actor-name",
            Field::ActorDescription => "actor-description",
            Field::ClaimSummary => "claim-summary",
            Field::ClaimNote => "claim-note",
            Field::ContextSummary => "context-summary",
            Field::ContextNote => "context-note",
        }
    }

    pub fn from_id(id: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// The dataset's texts in one other language, with who translated them.
/// Quotes are never translated: a quote is the source's own words.
#[derive(Clone, Debug, PartialEq)]
pub struct Translation {
    pub lang: Lang,
    pub translator: Text,
    /// Reviewed by a native speaker; the card says so when not.
    pub reviewed: bool,
    /// (field, record id ("" for the dataset's own title and description),
    /// text), sorted by field and id.
    pub texts: Vec<(Field, Text, Text)>,
}

/// A text of the dataset as the card shows it in a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Localized<'a> {
    /// The dataset's own text, and the reader's language is the dataset's.
    Original(&'a str),
    /// A translation, with the original one tap away.
    Translated {
        text: &'a str,
        original: &'a str,
        reviewed: bool,
    },
    /// No translation of this text: the original, marked as such.
    Untranslated(&'a str),
}

impl<'a> Localized<'a> {
    /// The text to show.
    pub fn text(self) -> &'a str {
        match self {
            Localized::Original(t) | Localized::Untranslated(t) => t,
            Localized::Translated { text, .. } => text,
        }
    }

    /// The text is in the dataset's own language (English).
    pub fn in_original_language(self) -> bool {
        !matches!(self, Localized::Translated { .. })
    }
}

/// What the index of a dataset in parts knows about all its claims
/// ([`crate::codec::encode_parts`]): one part per actor with every claim
/// about that actor, loaded when the card needs it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parts {
    pub total_claims: usize,
    /// Filled from the sources file; empty until it is loaded.
    pub claims_per_source: Vec<usize>,
    pub claimants: Vec<ActorId>,
    pub relations_used: Vec<Relation>,
    /// Per actor: the file of its part (`None`: no claim is about it).
    pub files: Vec<Option<Text>>,
    /// Per actor: its part is loaded.
    pub loaded: Vec<bool>,
    /// Per source (sized to the whole dataset's, like [`Dataset::sources`],
    /// where a source not loaded yet is a blank stand-in): it is loaded,
    /// with a part that cites it or with the sources file. A claim is loaded
    /// only with its sources, so a shown claim always has them.
    pub sources_loaded: Vec<bool>,
    /// The file with every source, the context items and the claims per
    /// source (`parts/sources-<hash>.txt`), for the sources panel.
    pub sources_file: Text,
    /// How many context items the sources file has.
    pub context_items: usize,
    /// The sources file is merged: every source, the context and
    /// [`Parts::claims_per_source`] are in.
    pub sources_file_loaded: bool,
    /// The position in the whole dataset of each loaded claim, parallel to
    /// [`Dataset::claims`] and ascending, so loaded claims keep their order.
    pub order: Vec<u32>,
    /// The network around each actor whose part is too large to inline
    /// ([`crate::codec::INLINE_PART_BYTES`]), ascending by actor, so that
    /// its network draws before (or without) its part.
    pub summaries: Vec<Summary>,
}

/// What the index says of the network around one actor, unfiltered: the
/// ties the network draws (all groups of each drawn counterpart, in the
/// neighbourhood's order) with their counts, and how many actors and tie
/// claims were left out. [`crate::query::neighbourhood`] builds the same
/// drawing from it as from the claims.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub actor: ActorId,
    /// Claims about the actor.
    pub total_claims: usize,
    pub ties: Vec<SummaryTie>,
    /// Linked actors the network does not draw, and their ties' claims.
    pub left_out_actors: usize,
    pub left_out_claims: usize,
}

/// One tie of a [`Summary`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SummaryTie {
    /// Position of its group in [`crate::query::GroupKind::ALL`].
    pub group: u8,
    pub actor: ActorId,
    pub claims: usize,
    pub family: RelationFamily,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// The card's question, e.g. "Who backs Myanmar's junta and its election?".
    pub title: Text,
    pub description: Text,
    /// The actor in the centre when no other is asked for.
    pub focus: ActorId,
    /// The latest date the sources speak for, with its precision.
    pub as_of: PartialDate,
    pub version: Text,
    /// A short name for a phone's home screen (the manifest's `short_name`).
    pub short_title: Option<Text>,
    /// Who publishes the dataset, as it names itself (schema.org, FtM).
    pub publisher: Option<Text>,
    /// The dataset's licence, as a URL or an SPDX id, only where it gives one.
    pub license: Option<Text>,
    /// The card's language when neither the link nor the reader's browser
    /// or host page names one (`[dataset] lang`); English when `None`.
    pub lang: Option<Lang>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: Text,
    pub name: Text,
    pub kind: ActorKind,
    pub description: Text,
    pub aliases: List<Text>,
    /// The state or body this person leads.
    pub leads: Option<ActorId>,
    /// The body this person belongs to or speaks for.
    pub member_of: Option<ActorId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: Text,
    pub title: Text,
    /// The document has no title of its own; the editors wrote this one (shown in brackets).
    pub title_supplied: bool,
    /// Only when the document names it.
    pub publisher: Option<Text>,
    pub kind: SourceKind,
    pub date: Option<PartialDate>,
    /// Only where the document gives one; always http(s).
    pub url: Option<Text>,
}

/// One attributed claim: `attributed_to` says that `subject` `stance`s `object`.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub id: Text,
    pub subject: ActorId,
    pub relation: Relation,
    pub stance: Stance,
    /// The source's hedges on the relation ("expected", "seen as"), in the data's order.
    pub hedges: List<Hedge>,
    pub object: ActorId,
    pub date: Option<PartialDate>,
    /// Plain language, and itself reported speech: it names who makes the claim.
    pub summary: Text,
    /// Who makes the claim.
    pub attributed_to: ActorId,
    /// Where it appears; the quote is from the first.
    pub sources: List<SourceId>,
    /// Verbatim excerpt of the first source.
    pub quote: Text,
    pub status: Status,
    pub note: Option<Text>,
    /// The source's words that give `date`, when the date is more precise than the source's own.
    pub date_basis: Option<Text>,
}

/// Attributed background that is not a relation between two actors.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextItem {
    pub id: Text,
    pub about: List<ActorId>,
    pub date: Option<PartialDate>,
    pub summary: Text,
    pub attributed_to: ActorId,
    pub sources: List<SourceId>,
    pub quote: Text,
    pub status: Status,
    pub note: Option<Text>,
    /// The source's words that give `date`, as for [`Claim::date_basis`].
    pub date_basis: Option<Text>,
}

/// Identifies a claim by its index in [`Dataset::claims`].
pub type ClaimIndex = usize;

/// A page's static list (for readers without the wasm) names every source
/// up to this many; past it, only the sources of the claims it shows.
pub const MAX_STATIC_SOURCES: usize = 60;
/// A page's static list shows at most this many context items.
pub const MAX_STATIC_CONTEXT: usize = 20;

impl Dataset {
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[usize::from(id.0)]
    }

    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[usize::from(id.0)]
    }

    /// Looks an actor up by its stable id (as in URLs and the JS API).
    pub fn actor_by_id(&self, id: &str) -> Option<ActorId> {
        self.actors
            .iter()
            .position(|a| a.id == id)
            .map(|i| ActorId(i as u16))
    }

    pub fn actor_ids(&self) -> impl Iterator<Item = ActorId> + '_ {
        (0..self.actors.len()).map(|i| ActorId(i as u16))
    }

    /// Who makes a claim, as a reader should see it: "Naw Aung (Defend Myanmar Democracy)".
    pub fn claimant_name(&self, id: ActorId) -> String {
        let actor = self.actor(id);
        match actor.member_of {
            Some(body) => format!("{} ({})", actor.name, self.actor(body).name),
            None => actor.name.to_string(),
        }
    }

    /// Who makes a claim, when, and where, in one line:
    /// "alleged by Justice For Myanmar, 2025, in [News report …]".
    pub fn attribution_line(
        &self,
        status: Status,
        claimant: ActorId,
        date: Option<PartialDate>,
        sources: &[SourceId],
    ) -> String {
        let mut line = format!(
            "{} {}",
            status.by_phrase().to_lowercase(),
            self.claimant_name(claimant)
        );
        if let Some(date) = date {
            line += &format!(", {date}");
        }
        if let Some(first) = sources.first() {
            line += &format!(", in {}", self.source(*first).display_title());
        }
        line
    }

    /// The translation into `lang`, if the dataset has one.
    pub fn translation(&self, lang: Lang) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }

    /// `original` (the text `field` of record `id`) as the card shows it in `lang`.
    pub fn localized<'a>(
        &'a self,
        lang: Lang,
        field: Field,
        id: &str,
        original: &'a str,
    ) -> Localized<'a> {
        if lang == Lang::EN {
            return Localized::Original(original);
        }
        let Some(translation) = self.translation(lang) else {
            return Localized::Untranslated(original);
        };
        match translation
            .texts
            .binary_search_by(|(f, i, _)| (*f, i.as_ref()).cmp(&(field, id)))
        {
            Ok(at) => Localized::Translated {
                text: &translation.texts[at].2,
                original,
                reviewed: translation.reviewed,
            },
            Err(_) => Localized::Untranslated(original),
        }
    }

    /// An actor's name in `lang` (the original where it has no translation).
    pub fn actor_name(&self, id: ActorId, lang: Lang) -> &str {
        let actor = self.actor(id);
        self.localized(lang, Field::ActorName, &actor.id, &actor.name)
            .text()
    }

    /// [`Dataset::claimant_name`] in `lang`.
    pub fn claimant_name_in(&self, id: ActorId, lang: Lang) -> String {
        match self.actor(id).member_of {
            Some(body) => format!(
                "{} ({})",
                self.actor_name(id, lang),
                self.actor_name(body, lang)
            ),
            None => self.actor_name(id, lang).to_string(),
        }
    }

    /// The language the card speaks when nobody asks for another.
    pub fn default_lang(&self) -> Lang {
        self.meta.lang.unwrap_or(Lang::EN)
    }

    /// How many claims the dataset has, loaded or not.
    pub fn claim_count(&self) -> usize {
        self.parts
            .as_ref()
            .map_or(self.claims.len(), |p| p.total_claims)
    }

    /// Every claim about `actor` is loaded (always, for a dataset in one piece).
    pub fn has_claims_of(&self, actor: ActorId) -> bool {
        self.parts.as_ref().is_none_or(|p| {
            p.loaded.get(usize::from(actor.0)).copied().unwrap_or(false)
                || p.files
                    .get(usize::from(actor.0))
                    .is_none_or(Option::is_none)
        })
    }

    /// The index's summary of the network around `actor`, if it has one.
    pub fn summary(&self, actor: ActorId) -> Option<&Summary> {
        let summaries = &self.parts.as_ref()?.summaries;
        summaries
            .binary_search_by_key(&actor, |s| s.actor)
            .ok()
            .map(|at| &summaries[at])
    }

    /// The source `id` is loaded (always, for a dataset in one piece): a
    /// source not loaded yet is a blank stand-in that nothing may show.
    pub fn has_source(&self, id: SourceId) -> bool {
        self.parts.as_ref().is_none_or(|p| {
            p.sources_loaded
                .get(usize::from(id.0))
                .copied()
                .unwrap_or(false)
        })
    }

    /// The sources file, when the dataset is in parts and it is not loaded
    /// yet: every source and context item are in only once it is.
    pub fn missing_sources(&self) -> Option<&str> {
        let parts = self.parts.as_ref()?;
        (!parts.sources_file_loaded).then_some(&*parts.sources_file)
    }

    /// How many context items the dataset has, loaded or not.
    pub fn context_count(&self) -> usize {
        self.parts
            .as_ref()
            .map_or(self.context.len(), |p| p.context_items)
    }

    /// The file of `actor`'s part, when it is not loaded yet.
    pub fn missing_part(&self, actor: ActorId) -> Option<&str> {
        if self.has_claims_of(actor) {
            return None;
        }
        self.parts
            .as_ref()?
            .files
            .get(usize::from(actor.0))?
            .as_deref()
    }

    /// The actors that make at least one claim, in dataset order.
    pub fn claimants(&self) -> Vec<ActorId> {
        if let Some(parts) = &self.parts {
            return parts.claimants.clone();
        }
        let mut seen = vec![false; self.actors.len()];
        for claim in self.claims.iter() {
            seen[usize::from(claim.attributed_to.0)] = true;
        }
        self.actor_ids()
            .filter(|a| seen[usize::from(a.0)])
            .collect()
    }

    /// The kinds of relation some claim has, in vocabulary order: the
    /// filter offers only these.
    pub fn relations_used(&self) -> Vec<Relation> {
        if let Some(parts) = &self.parts {
            return parts.relations_used.clone();
        }
        Relation::ALL
            .iter()
            .copied()
            .filter(|r| self.claims.iter().any(|c| c.relation == *r))
            .collect()
    }

    /// The sources a page's static list names beside `claims` (the claims it
    /// shows): every source up to [`MAX_STATIC_SOURCES`], else those `claims`
    /// cite; in dataset order.
    pub fn static_sources(&self, claims: &[ClaimIndex]) -> Vec<SourceId> {
        let all = self.sources.len();
        if all <= MAX_STATIC_SOURCES {
            return (0..all).map(|s| SourceId(s as u16)).collect();
        }
        let mut cited: Vec<SourceId> = claims
            .iter()
            .flat_map(|&c| self.claims[c].sources.iter().copied())
            .collect();
        cited.sort_unstable();
        cited.dedup();
        cited
    }

    /// The context items (indices into [`Dataset::context`]) a page's static
    /// list shows: every one up to [`MAX_STATIC_CONTEXT`], else that many,
    /// those about `focus` first; in dataset order.
    pub fn static_context(&self, focus: ActorId) -> Vec<usize> {
        let all = self.context.len();
        if all <= MAX_STATIC_CONTEXT {
            return (0..all).collect();
        }
        let about = |i: &usize| self.context[*i].about.contains(&focus);
        let mut shown: Vec<usize> = (0..all).filter(about).take(MAX_STATIC_CONTEXT).collect();
        let rest = MAX_STATIC_CONTEXT - shown.len();
        shown.extend((0..all).filter(|i| !about(i)).take(rest));
        shown.sort_unstable();
        shown
    }

    /// How many claims cite each source, indexed like [`Dataset::sources`]
    /// (for a dataset in parts, empty until the sources file is loaded).
    pub fn claims_per_source(&self) -> Vec<usize> {
        if let Some(parts) = &self.parts {
            return parts.claims_per_source.clone();
        }
        let mut counts = vec![0; self.sources.len()];
        for claim in self.claims.iter() {
            for source in claim.sources.iter() {
                counts[usize::from(source.0)] += 1;
            }
        }
        counts
    }
}

impl Meta {
    /// The name on a phone's home screen: `short_title`, else the title.
    pub fn short_name(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// A name for files made from this dataset: the short name in lower
    /// case, ASCII letters and digits joined by `-` ("who-backs-myanmars-junta").
    pub fn slug(&self) -> String {
        let mut slug = String::new();
        for word in self
            .short_name()
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'' && c != '’')
        {
            let word: String = word
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if !word.is_empty() {
                if !slug.is_empty() {
                    slug.push('-');
                }
                slug.push_str(&word);
            }
        }
        if slug.is_empty() {
            slug.push_str("who-backs-whom");
        }
        slug
    }

    /// The single-file edition's name ("Save for offline").
    pub fn offline_file_name(&self) -> String {
        format!("{}-offline.html", self.slug())
    }
}

impl Source {
    /// The title as a reader sees it: a supplied title stands in [brackets].
    pub fn display_title(&self) -> String {
        if self.title_supplied {
            format!("[{}]", self.title)
        } else {
            self.title.to_string()
        }
    }
}

impl Claim {
    /// The relation as the card's English line states it (the catalogue's
    /// own wording): "Cooperation agreements (backs; expected)". Hedges are
    /// never dropped. For the exports; the card words it in its language.
    pub fn relation_line(&self) -> String {
        crate::i18n::Lang::EN
            .catalogue()
            .relation_line(self.relation, self.stance, &self.hedges)
    }

    /// The other end of the claim, seen from `actor`; `None` if `actor` is neither end.
    pub fn counterpart(&self, actor: ActorId) -> Option<ActorId> {
        if self.subject == actor {
            Some(self.object)
        } else if self.object == actor {
            Some(self.subject)
        } else {
            None
        }
    }
}
