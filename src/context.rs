//! What every component of a card shares, handed down as a Yew context
//! rather than through props or a parent's module: the dataset the card
//! shows and where its files (data downloads, source texts) live.
//!
//! Architecture invariant: a component imports this module, never its
//! parent; the context is provided once per card, by [`crate::Card`] itself
//! (from the dataset its [`crate::CardControl`] holds, which grows as the
//! parts of a large dataset load).

use std::ops::Deref;
use std::rc::Rc;

use who_backs_whom_core::codec::{self, DecodeError};
use who_backs_whom_core::Dataset;
use yew::prelude::*;

/// A dataset shared by every component of a card; equal when it is the same dataset.
#[derive(Clone, Debug)]
pub struct DatasetRef(pub Rc<Dataset>);

impl PartialEq for DatasetRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for DatasetRef {
    type Target = Dataset;

    fn deref(&self) -> &Dataset {
        &self.0
    }
}

impl DatasetRef {
    /// Reads a compiled dataset (`dataset-<hash>.txt`, or the page's inline copy).
    pub fn decode(file: &str) -> Result<DatasetRef, DecodeError> {
        codec::decode(file).map(|d| DatasetRef(Rc::new(d)))
    }
}

/// The context of one card.
#[derive(Clone, Debug, PartialEq)]
pub struct CardContext {
    pub dataset: DatasetRef,
    /// Base URL of the data downloads and source copies ("" = beside the page).
    pub asset_base: AttrValue,
}

/// The card's context; a component outside a card is a programming error.
#[hook]
pub fn use_card_context() -> CardContext {
    use_context::<CardContext>()
        .expect("a card component is rendered inside a card's ContextProvider<CardContext>")
}

/// The dataset of the card this component belongs to.
#[hook]
pub fn use_dataset() -> DatasetRef {
    use_card_context().dataset
}

/// GETs `url` from the card's own origin (no credentials) and returns its
/// text; `None` for a network failure or a status other than 2xx.
#[cfg(target_arch = "wasm32")]
pub async fn fetch_text(url: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::Omit);
    let promise = web_sys::window()?.fetch_with_str_and_init(url, &init);
    let response: web_sys::Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}
