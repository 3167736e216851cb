//! Long lists of claims grow by steps: the first [`STEP`] render at once and
//! a button adds the next ones. A dataset of 20,000 claims can put thousands
//! under one actor; rendering them all at once froze the page for seconds.

use who_backs_whom_core::state::plural;
use yew::prelude::*;

/// Claims rendered at first, and added by each press of the button.
pub const STEP: usize = 50;

/// How many of a list's items to render now, and a setter for more.
#[hook]
pub fn use_shown(total_key: usize) -> UseStateHandle<usize> {
    let shown = use_state(|| STEP);
    {
        // A different list (another actor, other filters) starts again.
        let shown = shown.clone();
        use_effect_with(total_key, move |_| shown.set(STEP));
    }
    shown
}

/// "Show 50 more claims (120 not shown)", or nothing when all are shown.
pub fn more_button(shown: &UseStateHandle<usize>, total: usize) -> Html {
    if **shown >= total {
        return Html::default();
    }
    let hidden = total - **shown;
    let next = hidden.min(STEP);
    let onclick = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(*shown + STEP))
    };
    html! {
        <button type="button" class="wbw-more" {onclick}>
            { format!("Show {next} more {} ({hidden} not shown yet)", plural(next, "claim", "claims")) }
        </button>
    }
}
