//! The detail panel of the selected actor: who it is, how many of the claims
//! about it are stated, reported, alleged or disputed, and every claim about
//! it grouped by relation (the relations with the focus first), each claim
//! compact with its quote one tap away; a button puts the actor in the centre.

use who_backs_whom_core::i18n::fill;
use who_backs_whom_core::model::Field;
use who_backs_whom_core::query;
use who_backs_whom_core::state::Action;
use who_backs_whom_core::{ActorId, Filter};
use yew::prelude::*;

use super::claim::ClaimItem;
use super::i18n::{use_lang, DataText};
use crate::context::use_dataset;

#[derive(Properties, PartialEq, Clone)]
pub struct DetailProps {
    pub actor: ActorId,
    pub focus: ActorId,
    pub filter: Filter,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let data = use_dataset();
    let dataset: &who_backs_whom_core::Dataset = &data;
    let lang = use_lang();
    let m = lang.catalogue();
    let actor = dataset.actor(props.actor);
    let name = dataset.actor_name(props.actor, lang);
    let claims = query::claims_about(dataset, props.actor, props.focus, &props.filter);
    let shown = super::more::use_shown((props.actor, props.focus, props.filter.clone()));
    let groups = query::by_relation(dataset, &claims[..claims.len().min(shown.count)]);
    let who_says = m.who_says_line(&query::status_counts(dataset, &claims));
    let actor_id = props.actor;
    let refocus = props.dispatch.reform(move |_| Action::Refocus(actor_id));
    let close = props.dispatch.reform(|_| Action::Deselect);
    html! {
        <section class="wbw-detail" aria-labelledby="wbw-detail-title">
            <div class="wbw-detail-head">
                <h3 id="wbw-detail-title" class="wbw-detail-title" tabindex="-1">{ name.to_string() }</h3>
                <button type="button" class="wbw-close" onclick={close} aria-label={fill(m.close_details, &[("name", name)])}>{ "×" }</button>
            </div>
            <p class="wbw-detail-desc">
                { fill(m.kind_and_description, &[("kind", m.actor_kind(actor.kind)), ("description", "")]) }
                <DataText field={Field::ActorDescription} id={actor.id.to_string()} original={actor.description.to_string()} />
            </p>
            if props.actor != props.focus {
                <button type="button" class="wbw-refocus" onclick={refocus}>
                    { fill(m.show_who_backs, &[("name", name)]) }
                </button>
            }
            <p class="wbw-count">{ m.count_with(claims.len(), m.claims_about, &[("name", name)]) }</p>
            { who_says.map(|line| html! { <p class="wbw-who-says">{ line }</p> }) }
            { for groups.iter().map(|(relation, claims)| html! {
                <section class="wbw-relation" key={relation.id()}>
                    <h4>{ fill(m.relation_group, &[
                        ("relation", m.relation(*relation)),
                        ("claims", &m.count(claims.len(), m.claims)),
                    ]) }</h4>
                    <ol class="wbw-claims">
                        { for claims.iter().map(|&claim| html! {
                            <li key={claim}><ClaimItem {claim} /></li>
                        }) }
                    </ol>
                </section>
            }) }
            { super::more::more_button(m, &shown, claims.len()) }
        </section>
    }
}
