//! Filter controls: by stance, relation kind and who makes the claim, with
//! the count of claims shown and a way to clear.

use who_backs_whom_core::state::Action;
use who_backs_whom_core::{Filter, Stance};
use yew::prelude::*;

use super::disclosure::use_details_open;
use crate::context::use_dataset;

#[derive(Properties, PartialEq, Clone)]
pub struct FiltersProps {
    pub filter: Filter,
    pub shown: usize,
    pub total: usize,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Filters(props: &FiltersProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let filter = &props.filter;
    let check = |label: String, checked: bool, action: Action| {
        let onchange = props.dispatch.reform(move |_| action.clone());
        html! {
            <label class="wbw-check"><input type="checkbox" {checked} {onchange} />{ label }</label>
        }
    };
    let hidden = filter.hidden_count();
    // The checkboxes exist only while the panel is open: they do nothing
    // without the wasm, and hydration need not walk them (hundreds, for a
    // large dataset).
    let (open, ontoggle) = use_details_open();
    html! {
        <details class="wbw-filters" {ontoggle}>
            <summary>
                { "Filters" }
                if hidden > 0 { <span class="wbw-badge">{ format!(" ({hidden} hidden)") }</span> }
                <span class="wbw-filter-count">{ format!(" · {} of {} claims", props.shown, props.total) }</span>
            </summary>
            if open {
            <fieldset>
                <legend>{ "Stance" }</legend>
                { for Stance::ALL.iter().map(|&s| check(s.label().to_string(), filter.shows_stance(s), Action::ToggleStance(s))) }
            </fieldset>
            <fieldset>
                <legend>{ "Kind of relation" }</legend>
                { for dataset.relations_used().into_iter().map(|r| check(r.label().to_string(), filter.shows_relation(r), Action::ToggleRelation(r))) }
            </fieldset>
            <fieldset>
                <legend>{ "Who makes the claim" }</legend>
                { for dataset.claimants().into_iter().map(|a| check(dataset.claimant_name(a), filter.shows_claimant(a), Action::ToggleClaimant(a))) }
            </fieldset>
            <button type="button" class="wbw-clear" disabled={filter.is_empty()}
                onclick={props.dispatch.reform(|_| Action::ClearFilters)}>{ "Clear filters" }</button>
            }
        </details>
    }
}
