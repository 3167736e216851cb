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

/// Claims summarised under each actor; the rest are one tap away, in the
/// actor's own claims (a hub's tie can hold thousands).
pub const SUMMARIES_PER_TIE: usize = 5;

#[component]
pub fn ListView(props: &ListProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let lang = use_lang();
    let m = lang.catalogue();
    // Two levels below the card's title, under the focus heading.
    let heading = use_title_level().below(2);
    let n = &props.neighbourhood;
    let focus_name = dataset.actor_name(n.focus, lang);
    let ties: usize = n.groups.iter().map(|g| g.ties.len()).sum();
    let shown = super::more::use_shown((n.focus, n.shown_claims, ties));
    // The first `shown.count` ties, in group order: each group's share.
    let mut left = shown.count;
    let groups: Vec<_> = n
        .groups
        .iter()
        .map(|group| {
            let take = group.ties.len().min(left);
            left -= take;
            (group, &group.ties[..take])
        })
        .filter(|(_, ties)| !ties.is_empty())
        .collect();
    html! {
        <div class="wbw-list">
            { for groups.into_iter().map(|(group, ties)| html! {
                <section class={format!("wbw-group wbw-group-{}", group.kind.id())}>
                    <@{heading.clone()}>{ m.group(group.kind, focus_name) }</@>
                    <ul>
                        { for ties.iter().map(|tie| {
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
                                        { for tie.claims.iter().take(SUMMARIES_PER_TIE).map(|&c| {
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
                                        if tie.count > SUMMARIES_PER_TIE {
                                            <li class="wbw-more-claims">{ m.count_with(tie.count - SUMMARIES_PER_TIE,
                                                m.more_claims_of, &[("name", name.text())]) }</li>
                                        }
                                    </ul>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
            { super::more::more_button_of(m, m.show_more_actors, &shown, ties) }
        </div>
    }
}
