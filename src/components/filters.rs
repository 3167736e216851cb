//! Filter controls: by stance, relation kind and who makes the claim, with
//! the count of claims shown and a way to clear.

use std::rc::Rc;

use who_backs_whom_core::state::Action;
use who_backs_whom_core::{ActorId, Filter, Stance};
use yew::prelude::*;

use super::disclosure::use_details_open;
use super::i18n::use_lang;
use crate::context::use_dataset;
use who_backs_whom_core::i18n::fill;

#[derive(Properties, PartialEq, Clone)]
pub struct FiltersProps {
    pub filter: Filter,
    pub shown: usize,
    pub total: usize,
    /// Instead of the counts while the focus's claims are loading.
    #[prop_or_default]
    pub loading: Option<AttrValue>,
    pub dispatch: Callback<Action>,
}

#[derive(Properties, Clone)]
struct ClaimantProps {
    /// The claimants hidden (sorted), all the fieldset depends on.
    hidden: Rc<Vec<ActorId>>,
    dispatch: Callback<Action>,
}

/// Equal when the same claimants are hidden: the card's dispatcher is made
/// again on each render, but every one sends a toggle into the same card
/// (and a toggle moves neither focus nor scroll), so an older one serves.
impl PartialEq for ClaimantProps {
    fn eq(&self, other: &Self) -> bool {
        self.hidden == other.hidden
    }
}

/// One checkbox per claimant: thousands, for a large dataset, so a
/// component of its own that a stance or relation toggle does not render
/// again (its props do not change).
#[component]
fn ClaimantChecks(props: &ClaimantProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let lang = use_lang();
    let m = lang.catalogue();
    let claimants = use_memo(data.clone(), |d| d.claimants());
    html! {
        <fieldset>
            <legend>{ m.claimant_legend }</legend>
            { for claimants.iter().map(|&a| {
                let onchange = props.dispatch.reform(move |_| Action::ToggleClaimant(a));
                let checked = props.hidden.binary_search(&a).is_err();
                html! {
                    <label class="wbw-check"><input type="checkbox" {checked} {onchange} />{ dataset.claimant_name_in(a, lang) }</label>
                }
            }) }
        </fieldset>
    }
}

#[component]
pub fn Filters(props: &FiltersProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let lang = use_lang();
    let m = lang.catalogue();
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
                { m.filters }
                if hidden > 0 { <span class="wbw-badge">{ fill(m.hidden_count, &[("n", &m.number(hidden))]) }</span> }
                <span class="wbw-filter-count">{ match &props.loading {
                    Some(loading) => loading.to_string(),
                    None => fill(m.shown_of, &[("shown", &m.number(props.shown)), ("total", &m.number(props.total))]),
                } }</span>
            </summary>
            if open {
            <fieldset>
                <legend>{ m.stance_legend }</legend>
                { for Stance::ALL.iter().map(|&s| check(m.stance(s).to_string(), filter.shows_stance(s), Action::ToggleStance(s))) }
            </fieldset>
            <fieldset>
                <legend>{ m.relation_legend }</legend>
                { for dataset.relations_used().into_iter().map(|r| check(m.relation(r).to_string(), filter.shows_relation(r), Action::ToggleRelation(r))) }
            </fieldset>
            <ClaimantChecks hidden={Rc::new(filter.hidden_claimants().to_vec())}
                dispatch={props.dispatch.clone()} />
            <button type="button" class="wbw-clear" disabled={filter.is_empty()}
                onclick={props.dispatch.reform(|_| Action::ClearFilters)}>{ m.clear_filters }</button>
            }
        </details>
    }
}
