//! The story bar: where the card is in a publisher's story, the step's
//! caption labelled as the editors' note, the claims the step points to
//! (drawn by [`ClaimItem`], with their attribution), and the way through:
//! previous and next buttons, the arrow keys while the bar has focus, and a
//! horizontal swipe on a touch screen. Outside a story it offers to start
//! one. It renders and dispatches; the step's state comes from the reducer.

use std::cell::Cell;
use std::rc::Rc;

use who_backs_whom_core::i18n::fill;
use who_backs_whom_core::state::Action;
use who_backs_whom_core::story::StoryAt;
use yew::prelude::*;

use super::claim::ClaimItem;
use super::i18n::{fill_source, use_lang};
use crate::context::use_dataset;

/// A swipe is a horizontal move of at least this many CSS pixels, more
/// sideways than up or down.
const SWIPE_PX: i32 = 48;

#[derive(Properties, PartialEq, Clone)]
pub struct StoryBarProps {
    pub at: Option<StoryAt>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn StoryBar(props: &StoryBarProps) -> Html {
    let data = use_dataset();
    let lang = use_lang();
    let m = lang.catalogue();
    let start: Rc<Cell<Option<(i32, i32)>>> = use_mut_ref_cell();
    let Some(at) = props.at else {
        return html! {
            <div class="wbw-story-start">
                { for data.stories.iter().enumerate().map(|(i, story)| {
                    let open = props.dispatch.reform(move |_| Action::OpenStory(i as u16));
                    html! {
                        <button type="button" class="wbw-story-open" onclick={open}>
                            { fill_source(lang, m.story_start, "title", &story.title) }
                        </button>
                    }
                }) }
            </div>
        };
    };
    let Some((story, step)) = data.story_step(at) else {
        return Html::default();
    };
    let n = usize::from(at.step);
    let total = story.steps.len();
    let go = |to: Option<usize>| {
        let dispatch = props.dispatch.clone();
        move || {
            if let Some(to) = to.filter(|t| *t < total) {
                dispatch.emit(Action::Step(to));
            }
        }
    };
    let (previous, next) = (go(n.checked_sub(1)), go(Some(n + 1)));
    let onkeydown = {
        let (previous, next) = (previous.clone(), next.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowLeft" | "ArrowUp" => {
                e.prevent_default();
                previous();
            }
            "ArrowRight" | "ArrowDown" => {
                e.prevent_default();
                next();
            }
            _ => {}
        })
    };
    let onpointerdown = {
        let start = start.clone();
        Callback::from(move |e: PointerEvent| {
            let touch = matches!(e.pointer_type().as_str(), "touch" | "pen");
            start.set(touch.then(|| (e.client_x(), e.client_y())));
        })
    };
    let onpointerup = {
        let (previous, next) = (previous.clone(), next.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((x, y)) = start.take() else {
                return;
            };
            let (dx, dy) = (e.client_x() - x, e.client_y() - y);
            if dx.abs() >= SWIPE_PX && dx.abs() > 2 * dy.abs() {
                if dx < 0 {
                    next();
                } else {
                    previous();
                }
            }
        })
    };
    let button = |label: &'static str, class: &'static str, enabled: bool, act: Rc<dyn Fn()>| {
        let onclick = Callback::from(move |_: MouseEvent| act());
        html! {
            <button type="button" class={class} aria-disabled={(!enabled).then_some("true")} {onclick}>
                { label }
            </button>
        }
    };
    let close = props.dispatch.reform(|_| Action::CloseStory);
    let claims: Vec<usize> = step
        .claims
        .iter()
        .filter_map(|id| data.claims.iter().position(|c| c.id == *id))
        .collect();
    html! {
        <section class="wbw-story" aria-labelledby="wbw-story-title" aria-describedby="wbw-story-hint"
            data-step={(n + 1).to_string()} {onkeydown} {onpointerdown} {onpointerup}>
            <div class="wbw-story-head">
                <p id="wbw-story-title" class="wbw-story-title">
                    { fill_source(lang, m.story_label, "title", &story.title) }
                </p>
                <p class="wbw-story-count">
                    { fill(m.story_step_of, &[("n", &m.number(n + 1)), ("total", &m.number(total))]) }
                </p>
            </div>
            <div class="wbw-story-nav">
                { button(m.story_previous, "wbw-story-prev", n > 0, Rc::new(previous)) }
                { button(m.story_next, "wbw-story-next", n + 1 < total, Rc::new(next)) }
                <button type="button" class="wbw-story-close" onclick={close}>{ m.story_close }</button>
            </div>
            <div class="wbw-story-caption">
                <p class="wbw-story-label">{ m.story_caption }</p>
                <p class="wbw-story-text" lang="en">{ step.caption.to_string() }</p>
            </div>
            <p id="wbw-story-claims" class="wbw-story-claims-title">{ m.story_claims }</p>
            <ul class="wbw-story-claims" aria-labelledby="wbw-story-claims">
                { for claims.into_iter().map(|claim| html! { <li><ClaimItem {claim} /></li> }) }
            </ul>
            <p id="wbw-story-hint" class="wbw-story-hint">{ m.story_hint }</p>
        </section>
    }
}

/// Where a touch started, kept across renders without causing one.
#[hook]
fn use_mut_ref_cell() -> Rc<Cell<Option<(i32, i32)>>> {
    (*use_memo((), |_| Rc::new(Cell::new(None)))).clone()
}

/// Every story as a numbered list of its steps, each caption (labelled as
/// the editors' note) with the claims it points to: for readers without
/// the wasm, rendered at build time beside the card and never hydrated.
#[component]
pub fn StoryList() -> Html {
    let data = use_dataset();
    let lang = use_lang();
    let m = lang.catalogue();
    html! {
        { for data.stories.iter().enumerate().map(|(i, story)| {
            let title_id = format!("wbw-story-list-{i}");
            html! {
                <section class="wbw wbw-story-list" aria-labelledby={title_id.clone()} lang={m.code} dir={m.dir}>
                    <h2 id={title_id}>{ fill_source(lang, m.story_label, "title", &story.title) }</h2>
                    <p class="wbw-meta">{ fill(m.story_static_intro, &[
                        ("title", &story.title),
                        ("steps", &m.count(story.steps.len(), m.steps)),
                    ]) }</p>
                    <ol class="wbw-story-steps">
                        { for story.steps.iter().map(|step| html! {
                            <li>
                                <p class="wbw-story-label">{ m.story_caption }</p>
                                <p class="wbw-story-text" lang="en">{ step.caption.to_string() }</p>
                                <ul class="wbw-story-claims" aria-label={m.story_claims}>
                                    { for step.claims.iter()
                                        .filter_map(|id| data.claims.iter().position(|c| c.id == *id))
                                        .map(|claim| html! { <li><ClaimItem {claim} /></li> }) }
                                </ul>
                            </li>
                        }) }
                    </ol>
                </section>
            }
        }) }
    }
}
