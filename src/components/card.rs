//! The card: header, focus bar, view switch, filters, the chosen view, the
//! detail panel, sources and the live region. A controlled component: its
//! state (and the dataset, which grows as parts load) lives in a
//! [`CardControl`] that its owner makes with [`use_card`] (the standalone
//! page, the embed, an app) and steers with actions. The card provides the
//! [`CardContext`] its components read, and loads the parts of a large
//! dataset as a reader reaches them.

use std::rc::Rc;

use who_backs_whom_core::fragment::{Change, Notice, NoticeKind, Options, Theme, MAX_LINK_CHARS};
use who_backs_whom_core::i18n::{fill, Catalogue, Lang};
use who_backs_whom_core::model::Field;
use who_backs_whom_core::query::{self, Neighbourhood};
use who_backs_whom_core::state::{Action, CardState, View};
use who_backs_whom_core::{codec, ActorId, Dataset};
use yew::prelude::*;

use super::detail::Detail;
use super::filters::Filters;
use super::i18n::{DataText, LangContext};
use super::list::ListView;
use super::network::NetworkView;
use super::reveal;
use super::share::SharePanel;
use super::sources::SourcesPanel;
use super::timeline::TimelineView;
use crate::context::{CardContext, DatasetRef};

/// Where the claims about an actor stand, for a dataset in parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartStatus {
    Ready,
    Loading,
    Failed,
}

/// The reducer's state with the dataset it reads.
#[derive(Clone, PartialEq)]
pub struct CardModel {
    dataset: DatasetRef,
    state: CardState,
    loading: Vec<ActorId>,
    failed: Vec<ActorId>,
}

/// What changes a card: a reader's or host's action, or a part arriving.
pub enum CardMsg {
    Act(Action),
    Loading(ActorId),
    Loaded(ActorId, Rc<str>),
    Failed(ActorId),
    Retry(ActorId),
}

impl Reducible for CardModel {
    type Action = CardMsg;

    fn reduce(self: Rc<Self>, msg: CardMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            CardMsg::Act(action) => next.state = self.state.reduce(&self.dataset, action),
            CardMsg::Loading(actor) => next.loading.push(actor),
            CardMsg::Loaded(actor, text) => {
                next.loading.retain(|a| *a != actor);
                match codec::decode_part(&self.dataset, actor, &text) {
                    Ok(dataset) => next.dataset = DatasetRef(Rc::new(dataset)),
                    Err(_) => next.failed.push(actor),
                }
            }
            CardMsg::Failed(actor) => {
                next.loading.retain(|a| *a != actor);
                next.failed.push(actor);
            }
            CardMsg::Retry(actor) => next.failed.retain(|a| *a != actor),
        }
        Rc::new(next)
    }
}

/// The one owner of a card's state: read it with [`CardControl::state`],
/// change it with [`CardControl::dispatch`].
#[derive(Clone, PartialEq)]
pub struct CardControl(UseReducerHandle<CardModel>);

impl CardControl {
    pub fn state(&self) -> &CardState {
        &self.0.state
    }

    /// The dataset as loaded so far.
    pub fn dataset(&self) -> &DatasetRef {
        &self.0.dataset
    }

    pub fn dispatch(&self, action: Action) {
        self.0.dispatch(CardMsg::Act(action));
    }

    /// Whether the claims about `actor` can be shown.
    pub fn part_status(&self, actor: ActorId) -> PartStatus {
        if self.0.dataset.has_claims_of(actor) {
            PartStatus::Ready
        } else if self.0.failed.contains(&actor) {
            PartStatus::Failed
        } else {
            PartStatus::Loading
        }
    }
}

/// A card's state over `dataset`, starting from `initial`.
#[hook]
pub fn use_card(dataset: DatasetRef, initial: impl FnOnce() -> Options) -> CardControl {
    CardControl(use_reducer(move || CardModel {
        dataset,
        state: CardState::new(initial()),
        loading: Vec::new(),
        failed: Vec::new(),
    }))
}

/// Fetches the parts the card needs ([`CardState::claims_needed`])
/// from the card's own origin, once each; a failure waits for a retry.
#[hook]
fn use_parts(card: &CardControl, asset_base: &AttrValue) {
    let wanted: Vec<ActorId> = card
        .state()
        .claims_needed(card.dataset())
        .into_iter()
        .filter(|a| card.part_status(*a) == PartStatus::Loading && !card.0.loading.contains(a))
        .collect();
    let (handle, base) = (card.0.clone(), asset_base.clone());
    use_effect_with(wanted, move |wanted| {
        for &actor in wanted {
            let Some(file) = handle.dataset.missing_part(actor) else {
                continue;
            };
            let url = format!("{base}{file}");
            handle.dispatch(CardMsg::Loading(actor));
            let handle = handle.clone();
            fetch_part(url, move |text| {
                handle.dispatch(match text {
                    Some(text) => CardMsg::Loaded(actor, text),
                    None => CardMsg::Failed(actor),
                })
            });
        }
    });
}

/// GETs `url` and hands over its text (`None` on any failure).
fn fetch_part(url: String, done: impl FnOnce(Option<Rc<str>>) + 'static) {
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        done(crate::context::fetch_text(&url).await.map(Rc::from));
    });
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = url;
        done(None);
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct CardProps {
    /// The card's state, from [`use_card`].
    pub card: CardControl,
    /// What was wrong with the options the card was given (shown, and logged once).
    #[prop_or_default]
    pub notices: Rc<Vec<Notice>>,
    /// Base URL of the data downloads, source copies and parts ("" = beside the page).
    #[prop_or_default]
    pub asset_base: AttrValue,
    /// The card is its page's main content (the standalone and embed pages):
    /// its title is the page's `h1`. On a host page it is an `h2`.
    #[prop_or_default]
    pub page: bool,
}

/// The level of the card's title, for the headings of its parts: 1 on the
/// card's own page, 2 on a host page (under the host's `h1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TitleLevel(pub u8);

impl TitleLevel {
    /// The tag of a heading `depth` levels below the title: `"h3"`.
    pub fn below(self, depth: u8) -> String {
        format!("h{}", (self.0 + depth).min(6))
    }
}

/// The title level the card provides (2 outside a card).
#[hook]
pub fn use_title_level() -> TitleLevel {
    use_context::<TitleLevel>().unwrap_or(TitleLevel(2))
}

#[component]
pub fn Card(props: &CardProps) -> Html {
    use_parts(&props.card, &props.asset_base);
    use_effect_with(props.notices.clone(), |notices| {
        // One console line per configuration, for the editor who wrote it.
        #[cfg(not(target_arch = "wasm32"))]
        let _ = notices;
        #[cfg(target_arch = "wasm32")]
        if !notices.is_empty() {
            let all: Vec<String> = notices.iter().map(|n| n.message()).collect();
            gloo_console::warn!(format!("who-backs-whom: {}", all.join(" ")));
        }
    });
    let context = CardContext {
        dataset: props.card.dataset().clone(),
        asset_base: props.asset_base.clone(),
    };
    let lang = LangContext(props.card.state().language(props.card.dataset()));
    let level = TitleLevel(if props.page { 1 } else { 2 });
    html! {
        <ContextProvider<CardContext> {context}>
            <ContextProvider<LangContext> context={lang}>
                <ContextProvider<TitleLevel> context={level}>
                    <CardBody card={props.card.clone()} notices={props.notices.clone()} />
                </ContextProvider<TitleLevel>>
            </ContextProvider<LangContext>>
        </ContextProvider<CardContext>>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct BodyProps {
    card: CardControl,
    notices: Rc<Vec<Notice>>,
}

/// What the card does with scroll and focus once a reader's action has rendered.
#[derive(Clone, Copy, PartialEq)]
enum After {
    /// An actor was chosen: bring its claims into view (`reveal`).
    Reveal,
    /// The details closed: back to where the reader was, else the question.
    Return,
    /// A new centre: keyboard focus to the question.
    Title,
}

/// Tap and see: choosing an actor brings its claims into view (and, on a
/// phone, keyboard focus to their heading); closing them, with the card's
/// control or the browser's Back, returns the reader to where they were.
/// When the control a reader used goes away (a new centre, the last step
/// back), keyboard focus moves to the question instead of falling to the
/// page. Returns the dispatcher, the title's ref and the stage's ref.
#[hook]
fn use_dispatch(card: &CardControl) -> (Callback<Action>, NodeRef, NodeRef) {
    let title_ref = use_node_ref();
    let stage_ref = use_node_ref();
    let moves = use_state(|| 0u32);
    let after = use_mut_ref(|| None::<After>);
    let origin = use_mut_ref(|| None::<reveal::Origin>);
    {
        let (title_ref, stage_ref) = (title_ref.clone(), stage_ref.clone());
        let (after, origin) = (after.clone(), origin.clone());
        let selected = card.state().selected;
        use_effect_with((*moves, selected), move |(_, selected)| {
            let focus_title = || {
                if let Some(title) = title_ref.cast::<web_sys::HtmlElement>() {
                    let _ = title.focus();
                }
            };
            let next = after.borrow_mut().take();
            match next {
                Some(After::Reveal) => {
                    if let Some(stage) = stage_ref.cast::<web_sys::Element>() {
                        reveal::reveal(&stage);
                    }
                }
                Some(After::Title) => focus_title(),
                // The details closed: by the card's control (Return) or the
                // browser's Back (a Restore that clears the selection).
                _ if selected.is_none() => {
                    let back = origin.borrow_mut().take().is_some_and(reveal::restore);
                    if !back && next == Some(After::Return) {
                        focus_title();
                    }
                }
                _ => {}
            }
        });
    }
    let (card, stage) = (card.clone(), stage_ref.clone());
    let dispatch = Callback::from(move |action: Action| {
        let next = match action {
            Action::Select(_) => {
                let card_root = stage
                    .cast::<web_sys::Element>()
                    .and_then(|s| s.closest(".wbw").ok().flatten());
                *origin.borrow_mut() = card_root.as_ref().and_then(reveal::remember);
                Some(After::Reveal)
            }
            Action::Deselect => Some(After::Return),
            Action::Refocus(_) | Action::Back => {
                *origin.borrow_mut() = None;
                Some(After::Title)
            }
            _ => None,
        };
        card.dispatch(action);
        if let Some(next) = next {
            *after.borrow_mut() = Some(next);
            moves.set(*moves + 1);
        }
    });
    (dispatch, title_ref, stage_ref)
}

#[component]
fn CardBody(props: &BodyProps) -> Html {
    let card = &props.card;
    let data = card.dataset().clone();
    let state = card.state();
    let neighbourhood: Rc<Neighbourhood> = use_memo(
        (data.clone(), state.focus, state.filter.clone()),
        |(data, focus, filter)| query::neighbourhood(data, *focus, filter),
    );
    let (dispatch, title_ref, stage_ref) = use_dispatch(card);
    let level = use_title_level();
    let dataset: &Dataset = &data;
    let theme = match state.theme {
        Theme::Auto => None,
        theme => Some(theme.id()),
    };
    let lang = state.language(dataset);
    let m = lang.catalogue();
    html! {
        <section class="wbw" data-theme={theme} aria-labelledby="wbw-title"
            lang={m.code} dir={m.dir} data-failed={m.could_not_start}>
            { language_bar(dataset, lang, &dispatch) }
            { header(dataset, lang, state.show_header, level) }
            { notices(m, &props.notices) }
            <super::story::StoryBar at={state.story} dispatch={dispatch.clone()} />
            { focus_bar(dataset, lang, state, &dispatch, (title_ref, level)) }
            <div class="wbw-toolbar">
                <div class="wbw-tabs" role="group" aria-label={m.view_group}>
                    { for View::ALL.into_iter().map(|view| view_button(m, state, view, &dispatch)) }
                </div>
                <Filters filter={state.filter.clone()}
                    shown={neighbourhood.shown_claims} total={neighbourhood.total_claims}
                    loading={neighbourhood.waiting.then(|| AttrValue::from(
                        fill(m.loading, &[("name", dataset.actor_name(state.focus, lang))])))}
                    dispatch={dispatch.clone()} />
            </div>
            // The view and the chosen actor's claims: side by side on a wide card.
            <div class="wbw-stage" ref={stage_ref}>
                { view(card, &neighbourhood, &dispatch) }
                { detail(card, &dispatch) }
            </div>
            <SourcesPanel />
            <SharePanel options={state.options()} />
            <p class="wbw-live wbw-visually-hidden" aria-live="polite">{ &state.announcement }</p>
        </section>
    }
}

/// The language switch (each language named in itself), the hint for
/// phones that render the script wrongly, and whether the dataset's texts
/// in this language were reviewed.
fn language_bar(dataset: &Dataset, lang: Lang, dispatch: &Callback<Action>) -> Html {
    let m = lang.catalogue();
    let switch = (Lang::all().count() > 1).then(|| {
        html! {
            <div class="wbw-langs" role="group" aria-label={m.language}>
                { for Lang::all().map(|l| html! {
                    <button type="button" class="wbw-lang" lang={l.code()} aria-pressed={(l == lang).to_string()}
                        onclick={dispatch.reform(move |_| Action::Apply(vec![Change::Lang(Some(l))]))}>
                        { l.catalogue().name }
                    </button>
                }) }
            </div>
        }
    });
    let review = dataset.translation(lang).filter(|t| !t.reviewed).map(|t| {
        let by = super::i18n::fill_source(lang, m.translated_by, "translator", &t.translator);
        html! { <p class="wbw-translation-note">{ format!("{}: {}. ", m.translated, m.not_reviewed) }{ by }</p> }
    });
    let hint =
        (!m.font_hint.is_empty()).then(|| html! { <p class="wbw-font-hint">{ m.font_hint }</p> });
    html! { <>{ switch }{ hint }{ review }</> }
}

fn header(dataset: &Dataset, lang: Lang, shown: bool, level: TitleLevel) -> Html {
    let m = lang.catalogue();
    let meta = &dataset.meta;
    let title = dataset.localized(lang, Field::Title, "", &meta.title);
    let title_lang = super::i18n::source_lang(lang, title);
    let tag = level.below(0);
    if !shown {
        return html! { <@{tag} id="wbw-title" class="wbw-visually-hidden" lang={title_lang}>{ title.text().to_string() }</@> };
    }
    html! {
        <header class="wbw-header">
            <@{tag} id="wbw-title" class="wbw-title" lang={title_lang}>{ title.text().to_string() }</@>
            <p class="wbw-meta">
                { fill(m.header_meta, &[
                    ("claims", &m.count(dataset.claim_count(), m.attributed_claims)),
                    ("sources", &m.count(dataset.sources.len(), m.sources_count)),
                    ("date", &m.date(meta.as_of)),
                ]) }
            </p>
        </header>
    }
}

/// A notice in the card's language.
fn notice_text(m: &Catalogue, n: &Notice) -> String {
    let args = [
        ("key", n.key.as_str()),
        ("value", n.value.as_str()),
        ("expected", n.expected.as_str()),
    ];
    match n.kind {
        NoticeKind::UnknownKey => fill(m.notice_unknown_key, &args),
        NoticeKind::BadValue => fill(m.notice_bad_value, &args),
        NoticeKind::TooLong => fill(m.notice_too_long, &[("n", &m.number(MAX_LINK_CHARS))]),
        NoticeKind::More(more) => fill(m.notice_more, &[("n", &m.number(more))]),
    }
}

fn notices(m: &Catalogue, notices: &[Notice]) -> Html {
    if notices.is_empty() {
        return Html::default();
    }
    html! {
        <div class="wbw-notice" role="status">
            <p>{ m.notices_intro }</p>
            <ul>{ for notices.iter().map(|n| html! { <li>{ notice_text(m, n) }</li> }) }</ul>
        </div>
    }
}

fn focus_bar(
    dataset: &Dataset,
    lang: Lang,
    state: &CardState,
    dispatch: &Callback<Action>,
    (title_ref, level): (NodeRef, TitleLevel),
) -> Html {
    let m = lang.catalogue();
    let focus = dataset.actor(state.focus);
    let name = dataset.actor_name(state.focus, lang);
    // Under the dataset's own title, which asks the question about its
    // focus, the focus is named, not asked about a second time.
    let heading = if state.show_header && state.focus == dataset.meta.focus {
        name.to_string()
    } else {
        fill(m.question, &[("name", name)])
    };
    let back = state.trail.last().map(|previous| {
        html! {
            <button type="button" class="wbw-back" onclick={dispatch.reform(|_| Action::Back)}>
                { fill(m.back_to, &[("name", dataset.actor_name(*previous, lang))]) }
            </button>
        }
    });
    html! {
        <div class="wbw-focusbar">
            { back.unwrap_or_default() }
            <@{level.below(1)} class="wbw-focus-title" tabindex="-1" ref={title_ref}>{ heading }</@>
            <p class="wbw-focus-desc">
                <DataText field={Field::ActorDescription} id={focus.id.to_string()} original={focus.description.to_string()} />
            </p>
        </div>
    }
}

fn view_button(m: &Catalogue, state: &CardState, view: View, dispatch: &Callback<Action>) -> Html {
    let onclick = dispatch.reform(move |_| Action::SetView(view));
    html! {
        <button type="button" class="wbw-tab" aria-pressed={(state.view == view).to_string()} {onclick}>
            { m.views[view as usize] }
        </button>
    }
}

/// "Loading claims" while a part is on its way, a retry when it failed.
fn part_placeholder(card: &CardControl, actor: ActorId) -> Html {
    let lang = card.state().language(card.dataset());
    let m = lang.catalogue();
    let name = card.dataset().actor_name(actor, lang).to_string();
    match card.part_status(actor) {
        PartStatus::Ready => Html::default(),
        PartStatus::Loading => html! {
            <p class="wbw-loading" role="status">{ fill(m.loading, &[("name", &name)]) }</p>
        },
        PartStatus::Failed => {
            let handle = card.0.clone();
            let retry = Callback::from(move |_| handle.dispatch(CardMsg::Retry(actor)));
            html! {
                <div class="wbw-notice wbw-part-failed" role="alert">
                    <p>{ fill(m.part_failed, &[("name", &name)]) }</p>
                    <button type="button" onclick={retry}>{ m.try_again }</button>
                </div>
            }
        }
    }
}

fn view(
    card: &CardControl,
    neighbourhood: &Rc<Neighbourhood>,
    dispatch: &Callback<Action>,
) -> Html {
    let state = card.state();
    if card.part_status(state.focus) != PartStatus::Ready
        && state.claims_needed(card.dataset()).contains(&state.focus)
    {
        return part_placeholder(card, state.focus);
    }
    let lang = state.language(card.dataset());
    let m = lang.catalogue();
    let empty = neighbourhood.shown_claims == 0;
    if empty && neighbourhood.total_claims > 0 {
        return html! {
            <div class="wbw-empty">
                <p>{ m.no_match }</p>
                <button type="button" onclick={dispatch.reform(|_| Action::ClearFilters)}>{ m.clear_filters }</button>
            </div>
        };
    }
    if empty {
        let name = card.dataset().actor_name(state.focus, lang);
        return html! { <p class="wbw-empty">{ fill(m.no_claims, &[("name", name)]) }</p> };
    }
    html! {
        <div class="wbw-view">
            { match state.view {
                View::Network => html! { <NetworkView neighbourhood={neighbourhood.clone()}
                    selected={state.selected} dispatch={dispatch.clone()} /> },
                View::List => html! { <ListView neighbourhood={neighbourhood.clone()}
                    selected={state.selected} dispatch={dispatch.clone()} /> },
                View::Timeline => html! { <TimelineView filter={state.filter.clone()}
                    focus={state.focus} /> },
            } }
        </div>
    }
}

fn detail(card: &CardControl, dispatch: &Callback<Action>) -> Html {
    let state = card.state();
    let Some(selected) = state.selected else {
        if state.view != View::Network {
            return Html::default();
        }
        let m = state.language(card.dataset()).catalogue();
        return html! { <p class="wbw-detail-hint">{ m.choose_actor }</p> };
    };
    if card.part_status(selected) != PartStatus::Ready {
        let lang = state.language(card.dataset());
        let name = card.dataset().actor_name(selected, lang).to_string();
        return html! {
            <section class="wbw-detail" aria-labelledby="wbw-detail-title">
                <div class="wbw-detail-head"><h3 id="wbw-detail-title" class="wbw-detail-title" tabindex="-1">{ name }</h3></div>
                { part_placeholder(card, selected) }
            </section>
        };
    }
    html! {
        <Detail actor={selected} focus={state.focus}
            filter={state.filter.clone()} dispatch={dispatch.clone()} />
    }
}
