//! The list view: the focus actor's neighbourhood as headed lists, each actor
//! a button with its claims summarised beneath: the network view's text
//! equivalent for screen readers and readers who prefer text.

use std::rc::Rc;

use who_backs_whom_core::model::Field;
use who_backs_whom_core::query::Neighbourhood;
use who_backs_whom_core::state::Action;
use who_backs_whom_core::ActorId;
use yew::prelude::*;

use super::card::use_title_level;
use super::i18n::{source_lang, use_lang, DataText};
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
    let lang = use_lang();
    let m = lang.catalogue();
    // Two levels below the card's title, under the focus heading.
    let heading = use_title_level().below(2);
    let focus_name = dataset.actor_name(props.neighbourhood.focus, lang);
    html! {
        <div class="wbw-list">
            { for props.neighbourhood.groups.iter().map(|group| html! {
                <section class={format!("wbw-group wbw-group-{}", group.kind.id())}>
                    <@{heading.clone()}>{ m.group(group.kind, focus_name) }</@>
                    <ul>
                        { for group.ties.iter().map(|tie| {
                            let actor = tie.actor;
                            let record = dataset.actor(actor);
                            let name = dataset.localized(lang, Field::ActorName, &record.id, &record.name);
                            html! {
                                <li key={actor.0}>
                                    <button type="button" class="wbw-actor" aria-pressed={(props.selected == Some(actor)).to_string()}
                                        onclick={props.dispatch.reform(move |_| Action::Select(actor))}>
                                        <span lang={source_lang(lang, name)}>{ name.text().to_string() }</span>
                                        <span class="wbw-count">{ format!(" · {}", m.count(tie.count, m.claims)) }</span>
                                    </button>
                                    <ul class="wbw-summaries">
                                        { for tie.claims.iter().map(|&c| {
                                            let claim = &dataset.claims[c];
                                            html! {
                                                <li key={c}>
                                                    <DataText field={Field::ClaimSummary} id={claim.id.to_string()} original={claim.summary.to_string()} />
                                                    <span class="wbw-by">{ format!(" — {}.", m.attribution_line(claim.status,
                                                        &dataset.claimant_name_in(claim.attributed_to, lang), claim.date,
                                                        claim.sources.first().map(|s| dataset.source(*s).display_title()).as_deref())) }</span>
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
