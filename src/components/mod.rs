//! The card's Yew components, one per file. They render state and dispatch
//! actions; queries and decisions come from `who_backs_whom_core`.

pub mod all_claims;
pub mod card;
pub mod claim;
pub mod detail;
pub mod disclosure;
pub mod filters;
pub mod i18n;
pub mod list;
pub mod more;
pub mod network;
pub mod reveal;
pub mod share;
pub mod sources;
pub mod story;
pub mod timeline;
