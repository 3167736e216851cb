//! The card's language for its components: provided once by the card as a
//! context ([`LangContext`]), read with [`use_lang`]; and [`DataText`], the
//! one place a text of the dataset is drawn in the reader's language, with
//! its "translation" or "in English" mark and the original one tap away.

use who_backs_whom_core::i18n::{Catalogue, Lang};
use who_backs_whom_core::model::{Field, Localized};
use yew::prelude::*;

use crate::context::use_dataset;

/// The language of one card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LangContext(pub Lang);

/// The card's language: its context, else the dataset's default (the
/// no-JS list beside the card has no card around it).
#[hook]
pub fn use_lang() -> Lang {
    let dataset = use_dataset();
    use_context::<LangContext>().map_or_else(|| dataset.default_lang(), |c| c.0)
}

/// The card's catalogue.
#[hook]
pub fn use_messages() -> &'static Catalogue {
    use_lang().catalogue()
}

/// `lang="en"` for a text left in the dataset's language inside a card in another.
pub fn source_lang(lang: Lang, text: Localized<'_>) -> Option<&'static str> {
    (lang != Lang::EN && text.in_original_language()).then_some("en")
}

/// `template` with its `{hole}` filled by `text`, a dataset text that stays
/// in the dataset's language: the hole carries `lang="en"` in a card in
/// another language (a story's title, a translator's name).
pub fn fill_source(lang: Lang, template: &str, hole: &str, text: &str) -> Html {
    let (before, after) = who_backs_whom_core::i18n::around(template, hole);
    let text_lang = (lang != Lang::EN).then_some("en");
    html! { <>{ before }<span lang={text_lang}>{ text.to_string() }</span>{ after }</> }
}

#[derive(Properties, PartialEq, Clone)]
pub struct DataTextProps {
    pub field: Field,
    /// The record's id ("" for the dataset's own texts).
    pub id: AttrValue,
    /// The dataset's own text.
    pub original: AttrValue,
}

/// A dataset text in the card's language: a translation carries a button
/// that shows the original (and back); an untranslated text says it is in
/// English. Both keep `lang` right for screen readers and fonts.
#[component]
pub fn DataText(props: &DataTextProps) -> Html {
    let dataset = use_dataset();
    let lang = use_lang();
    let m = lang.catalogue();
    let show_original = use_state(|| false);
    match dataset.localized(lang, props.field, &props.id, &props.original) {
        Localized::Original(text) => html! { <>{ text.to_string() }</> },
        Localized::Untranslated(text) => html! {
            <><span lang="en">{ text.to_string() }</span>{ " " }<span class="wbw-mark">{ m.in_original }</span></>
        },
        Localized::Translated { text, original, .. } => {
            let toggle = {
                let show_original = show_original.clone();
                Callback::from(move |_| show_original.set(!*show_original))
            };
            let (shown, shown_lang, label) = if *show_original {
                (original, Some("en"), m.show_translation)
            } else {
                (text, None, m.show_original)
            };
            html! {
                <>
                    <span lang={shown_lang}>{ shown.to_string() }</span>{ " " }
                    // Where no script runs the button would do nothing: a plain mark stands in.
                    <span class="wbw-mark wbw-mark-static">{ m.translated }</span>
                    <button type="button" class="wbw-mark wbw-mark-button" onclick={toggle}
                        aria-pressed={(*show_original).to_string()}>
                        { if *show_original { m.in_original } else { m.translated } }{ " · " }{ label }
                    </button>
                </>
            }
        }
    }
}
