//! Long lists of claims grow by steps: the first [`STEP`] render at once and
//! a button adds the next ones. A dataset of 20,000 claims can put thousands
//! under one actor; rendering them all at once froze the page for seconds.

use who_backs_whom_core::i18n::Catalogue;
use yew::prelude::*;

/// Claims rendered at first, and added by each press of the button.
pub const STEP: usize = 50;

/// How many claims of a list to render now, and how to ask for more.
pub struct Shown {
    pub count: usize,
    more: Callback<MouseEvent>,
}

/// For the list named by `list` (whose claims, under which filter): [`STEP`]
/// for a list the reader has not grown, more once they ask. The count is
/// derived while rendering, so another list starts at [`STEP`] in its first
/// render, not after an effect has reset it.
#[hook]
pub fn use_shown<K: PartialEq + Clone + 'static>(list: K) -> Shown {
    let grown = use_state(|| None::<(K, usize)>);
    let count = match &*grown {
        Some((grown_list, count)) if *grown_list == list => *count,
        _ => STEP,
    };
    let more = Callback::from(move |_| grown.set(Some((list.clone(), count + STEP))));
    Shown { count, more }
}

/// "Show 50 more claims (120 not shown yet)", or nothing when all are shown.
pub fn more_button(m: &Catalogue, shown: &Shown, total: usize) -> Html {
    more_button_of(m, m.show_more, shown, total)
}

/// The same button with another message (`{n}` more, `{hidden}` left).
pub fn more_button_of(
    m: &Catalogue,
    message: who_backs_whom_core::i18n::Plural,
    shown: &Shown,
    total: usize,
) -> Html {
    if shown.count >= total {
        return Html::default();
    }
    let hidden = total - shown.count;
    let next = hidden.min(STEP);
    html! {
        <button type="button" class="wbw-more" onclick={shown.more.clone()}>
            { m.count_with(next, message, &[("hidden", &m.number(hidden))]) }
        </button>
    }
}
