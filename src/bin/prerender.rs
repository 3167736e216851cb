//! Renders the card's initial state to HTML at build time (Yew SSR), from a
//! compiled dataset read at run time: a new dataset needs no Rust compilation.
//!
//! Usage: `prerender DATASET_FILE [--pages DIR] [FOCUS_ID | STATE …]` prints, for the dataset's
//! default focus and then for each FOCUS_ID (or STATE, a link-language state
//! with `=`, such as `lang=my`), the card in that state (hydrated
//! later), a line `<!--wbw-split-->`, every claim about that focus as static
//! HTML (for readers without the wasm; never hydrated), and a line
//! `<!--wbw-page-->` after each page. For a dataset in parts, DIR holds what
//! the pages carry (`index.txt`, and `part-<actor index>.txt` for each page
//! that inlines its actor's part): the card is rendered from exactly that,
//! so that its take-over in the browser matches; the static claims come from
//! the whole dataset.

use who_backs_whom::components::all_claims::AllClaims;
use who_backs_whom::components::i18n::LangContext;
use who_backs_whom::context::{CardContext, DatasetRef};
use who_backs_whom::{Page, PageProps};
use yew::prelude::*;

/// Separates the card from the static claims in the output.
pub const SPLIT: &str = "<!--wbw-split-->";

#[derive(Properties, PartialEq)]
struct StaticProps {
    dataset: DatasetRef,
    focus: Option<who_backs_whom::core::ActorId>,
    lang: who_backs_whom::core::i18n::Lang,
    /// The dataset's stories as numbered lists (the default page, and a state that names a story).
    stories: bool,
}

#[component]
fn Static(props: &StaticProps) -> Html {
    let context = CardContext {
        dataset: props.dataset.clone(),
        asset_base: AttrValue::default(),
    };
    html! {
        <ContextProvider<CardContext> {context}>
            <ContextProvider<LangContext> context={LangContext(props.lang)}>
                if props.stories {
                    <who_backs_whom::components::story::StoryList />
                }
                <AllClaims focus={props.focus} />
            </ContextProvider<LangContext>>
        </ContextProvider<CardContext>>
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: prerender DATASET_FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("prerender: cannot read {path}: {e}");
        std::process::exit(1);
    });
    let dataset = DatasetRef::decode(&text).unwrap_or_else(|e| {
        eprintln!("prerender: {path}: {}", e.message());
        std::process::exit(1);
    });
    let mut args: Vec<String> = std::env::args().skip(2).collect();
    let pages = match args.iter().position(|a| a == "--pages") {
        Some(at) if at + 1 < args.len() => args.drain(at..at + 2).nth(1),
        _ => None,
    };
    let foci = args;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let mut out = String::new();
    for focus in std::iter::once(None).chain(foci.iter().map(Some)) {
        let id = focus.map(String::as_str);
        let shown = page_dataset(&dataset, pages.as_deref(), id);
        let (card, claims) = runtime.block_on(render(shown, dataset.clone(), id));
        out.push_str(&format!("{card}\n{SPLIT}\n{claims}\n{PAGE_END}\n"));
    }
    print!("{out}");
}

/// Ends each page's output.
pub const PAGE_END: &str = "<!--wbw-page-->";

/// What the page showing `focus` carries: the whole dataset, or (with
/// `--pages`) the index with that actor's part if the page inlines it.
fn page_dataset(whole: &DatasetRef, pages: Option<&str>, focus: Option<&str>) -> DatasetRef {
    let Some(dir) = pages else {
        return whole.clone();
    };
    let read = |name: String| std::fs::read_to_string(std::path::Path::new(dir).join(name)).ok();
    let index = read("index.txt".into()).and_then(|t| DatasetRef::decode(&t).ok());
    let Some(index) = index else {
        eprintln!("prerender: {dir}/index.txt is not a dataset index");
        std::process::exit(1);
    };
    let actor = focus
        .and_then(|id| index.actor_by_id(id))
        .unwrap_or(index.meta.focus);
    match read(format!("part-{}.txt", actor.0)) {
        Some(part) => match who_backs_whom::core::codec::decode_part(&index, actor, &part) {
            Ok(d) => DatasetRef(std::rc::Rc::new(d)),
            Err(e) => {
                eprintln!(
                    "prerender: the part of {}: {}",
                    index.actor(actor).id,
                    e.message()
                );
                std::process::exit(1);
            }
        },
        None => index,
    }
}

/// The link-language state a page argument stands for: an actor id is
/// `focus=ID`, anything with `=` is a state as it is ("" = the defaults).
fn state_of(arg: Option<&str>) -> String {
    match arg {
        Some(state) if state.contains('=') => state.to_string(),
        Some(id) => format!("focus={id}"),
        None => String::new(),
    }
}

/// The card in the state `arg` stands for (or the defaults), from `shown`,
/// and that focus's static claims in the state's language, from `whole`.
async fn render(shown: DatasetRef, whole: DatasetRef, arg: Option<&str>) -> (String, String) {
    let prerendered = state_of(arg);
    let (options, _) = who_backs_whom::core::fragment::Options::parse(&whole, &prerendered);
    let actor = arg.is_some().then_some(options.snapshot.focus);
    let lang = options.lang.unwrap_or_else(|| whole.default_lang());
    let card = yew::LocalServerRenderer::<Page>::with_props(PageProps {
        dataset: shown,
        fragment: AttrValue::default(),
        hydrated: true,
        prerendered: prerendered.into(),
    })
    .render()
    .await;
    let claims = yew::LocalServerRenderer::<Static>::with_props(StaticProps {
        dataset: whole,
        focus: actor,
        lang,
        stories: arg.is_none() || options.story.is_some(),
    })
    .hydratable(false)
    .render()
    .await;
    (card, claims)
}
