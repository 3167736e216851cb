//! who-backs-whom: an embeddable card that shows who backs whom, from
//! attributed claims compiled into the card.
//!
//! - [`data::DATASET`]: the dataset, checked and compiled in at build time
//!   (`build.rs`; pick another file with `WBW_DATASET`).
//! - [`Card`]: the card as a Yew function component, for any Yew app.
//! - [`entry`]: the wasm entry point of the card's own pages, and [`embed`]:
//!   the JS API for host pages (both behind `csr` / `hydration`).
//!
//! Architecture invariant: components render state and dispatch
//! [`who_backs_whom_core::state::Action`]s; every decision and query lives in
//! `who_backs_whom_core`.

pub mod components;
pub mod data;
#[cfg(all(target_arch = "wasm32", any(feature = "csr", feature = "hydration")))]
pub mod embed;
#[cfg(any(feature = "csr", feature = "hydration"))]
pub mod entry;
pub mod page;

pub use components::card::{Card, CardProps, DatasetRef};
pub use page::{Page, PageProps};
pub use who_backs_whom_core as core;
