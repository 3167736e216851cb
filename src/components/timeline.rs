//! The timeline: the focus actor's claims in date order, grouped by year,
//! each date shown with the precision its source gives (never invented).

use who_backs_whom_core::query;
use who_backs_whom_core::{ActorId, Filter};
use yew::prelude::*;

use super::card::use_title_level;
use super::claim::ClaimItem;
use super::i18n::use_messages;
use crate::context::use_dataset;

#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    pub filter: Filter,
    pub focus: ActorId,
}

#[component]
pub fn TimelineView(props: &TimelineProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let m = use_messages();
    // Two levels below the card's title, under the focus heading.
    let heading = use_title_level().below(2);
    let claims = query::claims_involving(dataset, props.focus, &props.filter);
    let shown = super::more::use_shown((props.focus, props.filter.clone()));
    let years = query::by_year(dataset, &claims[..claims.len().min(shown.count)]);
    html! {
        <>
        <ol class="wbw-timeline">
            { for years.into_iter().map(|(year, claims)| html! {
                <li class="wbw-year">
                    <@{heading.clone()}>{ year.map_or(m.date_not_given.to_string(), |y| m.number(usize::from(y))) }</@>
                    <ol class="wbw-claims">
                        { for claims.into_iter().map(|claim| html! { <li key={claim}><ClaimItem {claim} /></li> }) }
                    </ol>
                </li>
            }) }
        </ol>
        { super::more::more_button(m, &shown, claims.len()) }
        </>
    }
}
