//! who-backs-whom: an embeddable card that shows who backs whom, from any
//! compiled dataset of attributed claims (`who_backs_whom_core::codec`).
//!
//! - [`Card`]: the card as a controlled Yew function component (its state
//!   from [`components::card::use_card`]), inside a [`context::CardContext`].
//! - [`Page`]: the standalone page; [`entry`]: the wasm entry point of the
//!   card's own pages, and [`embed`]: the JS API for host pages (both behind
//!   `csr` / `hydration`).
//!
//! Architecture invariant: components render state and dispatch
//! [`who_backs_whom_core::state::Action`]s; every decision and query lives in
//! `who_backs_whom_core`. The same wasm shows every dataset: no data is
//! compiled in.

pub mod components;
pub mod context;
#[cfg(all(target_arch = "wasm32", any(feature = "csr", feature = "hydration")))]
pub mod embed;
#[cfg(any(feature = "csr", feature = "hydration"))]
pub mod entry;
pub mod page;

pub use components::card::{use_card, Card, CardControl, CardProps};
pub use context::{CardContext, DatasetRef};
pub use page::{Page, PageProps};
pub use who_backs_whom_core as core;
