//! The list view: the focus actor's neighbourhood as headed lists, each actor
//! a button with its claims summarised beneath: the network view's text
//! equivalent for screen readers and readers who prefer text.

use std::rc::Rc;

use who_backs_whom_core::query::Neighbourhood;
use who_backs_whom_core::state::{plural, Action};
use who_backs_whom_core::ActorId;
use yew::prelude::*;

use crate::context::use_dataset;

#[derive(Properties, PartialEq, Clone)]
pub struct ListProps {
    pub neighbourhood: Rc<Neighbourhood>,
    pub selected: Option<ActorId>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn ListView(props: &ListProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let focus_name = &dataset.actor(props.neighbourhood.focus).name;
    html! {
        <div class="wbw-list">
            { for props.neighbourhood.groups.iter().map(|group| html! {
                <section class={format!("wbw-group wbw-group-{}", group.kind.id())}>
                    <h4>{ group.kind.heading(focus_name) }</h4>
                    <ul>
                        { for group.ties.iter().map(|tie| {
                            let actor = tie.actor;
                            let name = &dataset.actor(actor).name;
                            html! {
                                <li key={actor.0}>
                                    <button type="button" class="wbw-actor" aria-pressed={(props.selected == Some(actor)).to_string()}
                                        onclick={props.dispatch.reform(move |_| Action::Select(actor))}>
                                        { name.to_string() }
                                        <span class="wbw-count">{ format!(" · {} {}", tie.claims.len(), plural(tie.claims.len(), "claim", "claims")) }</span>
                                    </button>
                                    <ul class="wbw-summaries">
                                        { for tie.claims.iter().map(|&c| {
                                            let claim = &dataset.claims[c];
                                            html! {
                                                <li key={c}>
                                                    { claim.summary.to_string() }
                                                    <span class="wbw-by">{ format!(" — {}.", dataset.attribution_line(claim.status,
                                                        claim.attributed_to, claim.date, &claim.sources)) }</span>
                                                </li>
                                            }
                                        }) }
                                    </ul>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
        </div>
    }
}
