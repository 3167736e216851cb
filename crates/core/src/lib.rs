//! The pure core of who-backs-whom.
//!
//! Everything the card knows and decides lives here as plain Rust: the dataset
//! [`model`], its [`vocab`]ulary and [`date`]s, the [`query`]s the card asks
//! (who backs X, whom X backs, timeline, …), [`filter`]s, the network
//! [`layout`], the card's [`state`] reducer, its options language
//! ([`fragment`]), the publisher's [`story`]s, the compiled dataset file ([`codec`]) and
//! which editions a build writes ([`edition`]).
//!
//! Architecture invariant: no browser, DOM, Yew or wasm-bindgen types, and no
//! I/O outside the build-time [`load`] module (feature `load`), which never
//! ships in the wasm.

pub mod codec;
pub mod date;
pub mod edition;
pub mod filter;
pub mod fragment;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod query;
pub mod state;
pub mod story;
pub mod vocab;

#[cfg(feature = "load")]
pub mod load;

pub use date::PartialDate;
pub use filter::Filter;
pub use model::{Actor, ActorId, Claim, ContextItem, Dataset, Meta, Source, SourceId};
pub use vocab::{ActorKind, Hedge, Relation, RelationFamily, SourceKind, Stance, Status};
