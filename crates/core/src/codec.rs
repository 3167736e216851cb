//! The compiled dataset: a checked [`Dataset`] as one small text file that
//! the engine reads at run time, so the same wasm shows any dataset.
//!
//! The file is UTF-8 text, one record a line, fields separated by tabs:
//!
//! ```text
//! who-backs-whom dataset<TAB>1<TAB>9f3c…(16 hex digits)
//! M<TAB>title<TAB>description<TAB>focus<TAB>as_of<TAB>version<TAB>short_title<TAB>publisher<TAB>license<TAB>lang
//! A<TAB>id<TAB>name<TAB>kind<TAB>description<TAB>alias;alias<TAB>leads<TAB>member_of
//! S<TAB>id<TAB>title<TAB>title_supplied<TAB>publisher<TAB>kind<TAB>date<TAB>url
//! C<TAB>id<TAB>subject<TAB>relation<TAB>stance<TAB>hedge;hedge<TAB>object<TAB>date<TAB>summary<TAB>attributed_to<TAB>sources<TAB>quote<TAB>status<TAB>note<TAB>date_basis
//! X<TAB>id<TAB>about<TAB>date<TAB>summary<TAB>attributed_to<TAB>sources<TAB>quote<TAB>status<TAB>note<TAB>date_basis
//! L<TAB>lang<TAB>translator<TAB>reviewed
//! T<TAB>field<TAB>record id<TAB>text
//! Y<TAB>story id<TAB>title
//! Z<TAB>caption<TAB>focus<TAB>selected<TAB>view<TAB>hidden relations<TAB>hidden stances<TAB>hidden claimants<TAB>claim id;claim id
//! ```
//!
//! The header names the format, its [`FORMAT_VERSION`] and the FNV-1a hash of
//! everything after the header line, which the decoder checks. References are
//! indices (actors and sources in file order), vocabularies their stable ids,
//! dates `YYYY[-MM[-DD]]`, lists `;`-separated, an absent value `\-`. Inside a
//! field `\` escapes `\\`, tab `\t`, newline `\n`, carriage return `\r`, `;`
//! `\s` and `<` `\l`, so the file can stand as it is inside an HTML
//! `<script type="text/plain">` block (no `</script>`, no `<!--`, nothing the
//! HTML parser rewrites) and still compresses as the text it is.
//!
//! A dataset over [`PARTS_ABOVE_BYTES`] is written by [`encode_parts`] as an
//! index (the records above but `C`, `S` and `X`; an `N` record of the counts
//! over all claims, the number of sources and context items and the sources
//! file's name; and `I<TAB>parts/part-<hash>.txt<TAB>actor runs` per part,
//! e.g. `3;7-12`), part files (`who-backs-whom part` header, then
//! `D<TAB>actor<TAB>description<TAB>alias;alias` for the actors it is for,
//! whose index records leave these out,
//! `S<TAB>position in the whole dataset<TAB>the S fields` for each source its
//! claims cite, and `P<TAB>position in the whole dataset<TAB>the C fields`
//! per claim), and one sources file (`parts/sources-<hash>.txt`,
//! `who-backs-whom sources` header: every `S` and `X` record, then
//! `K<TAB>claims per source`), which the sources panel fetches. A claim
//! is read only with its sources ([`decode_part`] refuses a part that cites
//! a source it neither brings nor finds loaded).
//!
//! Why text and not postcard or JSON: no serde in the wasm (the decoder is a
//! few hundred bytes of `split` and `parse`), no base64 when it is inlined in
//! a page, and brotli compresses it as well as the source TOML.
//!
//! Architecture invariant: [`decode`] never panics and never returns a
//! dataset whose references point outside it; anything else is a
//! [`DecodeError`] the card shows as a notice.

use std::borrow::Cow;
use std::fmt::Write;

use crate::date::PartialDate;
use crate::model::{
    Actor, ActorId, Claim, ContextItem, Dataset, Meta, Source, SourceId, Summary, SummaryTie, Text,
};
use crate::vocab::{ActorKind, Hedge, Relation, RelationFamily, SourceKind, Stance, Status};

/// The first field of the header line.
pub const MAGIC: &str = "who-backs-whom dataset";
/// Bumped whenever a change to the format would make an old engine misread a file.
pub const FORMAT_VERSION: u32 = 5;
/// The file name of the compiled dataset, before its content hash is added.
pub const FILE_STEM: &str = "dataset";
/// The first field of a part's header line.
pub const PART_MAGIC: &str = "who-backs-whom part";
/// The first field of the sources file's header line (a dataset in parts).
pub const SOURCES_MAGIC: &str = "who-backs-whom sources";
/// A compiled dataset larger than this is written as an index and parts
/// (see BENCHMARKS.md: at the shipped dataset's density, about 170 claims;
/// the shipped 41 claims are 23 KB, and 62 KB with their Burmese
/// translation and story, and stay whole: about 18 KB of brotli inline).
pub const PARTS_ABOVE_BYTES: usize = 96 * 1024;
/// About how large a part is: actors with fewer claims share one (a few KB
/// brotli, one quick fetch); an actor with more has its own.
pub const PART_BYTES: usize = 32 * 1024;
/// A page carries the part of the actor it shows only up to this size; a
/// larger part (an actor at the centre of a very large dataset) is fetched
/// once the card runs, and until then the card shows its loading state,
/// with the page's static list of that actor's first claims below it.
pub const INLINE_PART_BYTES: usize = 192 * 1024;

/// Why a compiled dataset was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The text is not a compiled dataset at all.
    NotADataset,
    /// A compiled dataset of another format version.
    Version { found: String },
    /// The content does not match the hash in the header: damaged in transit.
    Damaged,
    /// A record that cannot be read, on this 1-based line.
    Corrupt { line: usize },
}

impl DecodeError {
    /// One sentence for the reader and the console.
    pub fn message(&self) -> String {
        match self {
            DecodeError::NotADataset => "The card's data is missing or is not a who-backs-whom dataset.".into(),
            DecodeError::Version { found } => format!(
                "The card's data is in format {found}, and this card reads format {FORMAT_VERSION}: it needs to be built again."
            ),
            DecodeError::Damaged => "The card's data arrived damaged; reload to try again.".into(),
            DecodeError::Corrupt { line } => format!("The card's data cannot be read (line {line})."),
        }
    }
}

/// FNV-1a, 64 bits: the content hash in the header (not a security measure:
/// it tells a damaged or truncated file from a whole one).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The compiled form of `dataset`, in one piece.
pub fn encode(dataset: &Dataset) -> String {
    let mut body = String::new();
    encode_head(&mut body, dataset);
    for c in dataset.claims.iter() {
        encode_claim(&mut body, c);
    }
    with_header(MAGIC, &body)
}

fn with_header(magic: &str, body: &str) -> String {
    format!(
        "{magic}\t{FORMAT_VERSION}\t{:016x}\n{body}",
        fnv1a(body.as_bytes())
    )
}

/// Everything but the claims: meta, actors, sources, context.
fn encode_head(body: &mut String, dataset: &Dataset) {
    encode_meta(body, &dataset.meta);
    for a in dataset.actors.iter() {
        encode_actor(body, a);
    }
    for s in dataset.sources.iter() {
        encode_source(body, s);
    }
    for x in dataset.context.iter() {
        encode_context(body, x);
    }
    encode_translations(body, dataset);
    encode_stories(body, dataset);
}

/// One `Y` record per story, each followed by its steps' `Z` records; a
/// step's claims go by id, so an index of parts carries them too.
fn encode_stories(out: &mut String, d: &Dataset) {
    for story in d.stories.iter() {
        record(out, 'Y', &[text(&story.id), text(&story.title)]);
        for step in &story.steps {
            let state = &step.state;
            record(
                out,
                'Z',
                &[
                    text(&step.caption),
                    actor(Some(state.focus)),
                    actor(state.selected),
                    state.view.id().into(),
                    list(state.filter.hidden_relations().map(|r| r.id().to_string())),
                    list(state.filter.hidden_stances().map(|s| s.id().to_string())),
                    list(
                        state
                            .filter
                            .hidden_claimants()
                            .iter()
                            .map(|a| a.0.to_string()),
                    ),
                    list(step.claims.iter().map(|c| text(c))),
                ],
            );
        }
    }
}

/// One `L` record per language, each followed by its `T` texts (sorted by
/// field and id, as the model keeps them).
fn encode_translations(out: &mut String, d: &Dataset) {
    for t in d.translations.iter() {
        record(
            out,
            'L',
            &[
                t.lang.code().into(),
                text(&t.translator),
                u8::from(t.reviewed).to_string(),
            ],
        );
        for (field, id, translated) in &t.texts {
            record(out, 'T', &[field.id().into(), text(id), text(translated)]);
        }
    }
}

/// A dataset written as an index and parts: the index has everything but
/// the claims, with the counts the card shows for all of them; a part has
/// every claim about the actors it is for (a claim between two of them once).
/// An actor with at least [`PART_BYTES`] of claims has a part of its own;
/// the others share parts of about that size, in dataset order, so that
/// 10,000 actors do not mean 10,000 files and 10,000 file names in the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub index: String,
    /// (file name, text), one per part, and last the sources file
    /// ([`encode_sources_file`]): every file that goes under `parts/`.
    pub parts: Vec<(String, String)>,
}

/// Where a part is, beside the card's pages: named by its content.
pub fn part_file_name(text: &str) -> String {
    format!("parts/part-{:016x}.txt", fnv1a(text.as_bytes()))
}

/// `dataset` as an index and one part per actor (see [`Split`]).
pub fn encode_parts(dataset: &Dataset) -> Split {
    let mut about: Vec<Vec<usize>> = vec![Vec::new(); dataset.actors.len()];
    for (i, c) in dataset.claims.iter().enumerate() {
        about[usize::from(c.subject.0)].push(i);
        about[usize::from(c.object.0)].push(i);
    }
    let lines: Vec<String> = dataset
        .claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            let mut line = format!("P\t{i}");
            encode_claim_fields(&mut line, claim);
            line
        })
        .collect();
    let mut parts = Vec::new();
    let mut body = String::new();
    encode_head(&mut body, &index_of(dataset, &about));
    let sources = encode_sources_file(dataset);
    encode_totals(&mut body, dataset, &sources.0);
    let mut busy = Vec::new();
    for (actors, claims) in pack(&about, &lines) {
        let mut part_body = String::new();
        for &a in &actors {
            encode_actor_text(&mut part_body, a, &dataset.actors[a]);
        }
        encode_part_sources(&mut part_body, dataset, &claims);
        part_body.extend(claims.iter().map(|&i| lines[i].as_str()));
        let part = with_header(PART_MAGIC, &part_body);
        let name = part_file_name(&part);
        record(&mut body, 'I', &[text(&name), ranges(&actors)]);
        if part.len() > INLINE_PART_BYTES {
            busy.extend(actors);
        }
        parts.push((name, part));
    }
    parts.push(sources);
    busy.sort_unstable();
    for actor in busy {
        encode_summary(&mut body, dataset, ActorId(actor as u16));
    }
    Split {
        index: with_header(MAGIC, &body),
        parts,
    }
}

/// What the index carries of `dataset`: no claims, and for an actor with a
/// part neither its description nor its aliases (the network and the lists
/// need only names and kinds; the part brings the rest with the claims).
fn index_of(dataset: &Dataset, about: &[Vec<usize>]) -> Dataset {
    let actors = dataset
        .actors
        .iter()
        .zip(about)
        .map(|(a, claims)| match claims.is_empty() {
            true => a.clone(),
            false => Actor {
                description: Cow::Borrowed(""),
                aliases: Cow::Borrowed(&[]),
                ..a.clone()
            },
        })
        .collect();
    Dataset {
        meta: dataset.meta.clone(),
        actors: Cow::Owned(actors),
        sources: Cow::Borrowed(&[]),
        claims: Cow::Borrowed(&[]),
        context: Cow::Borrowed(&[]),
        parts: None,
        translations: dataset.translations.clone(),
        stories: dataset.stories.clone(),
    }
}

/// A part's `D` record: what the index leaves out of an actor it is for.
fn encode_actor_text(out: &mut String, at: usize, a: &Actor) {
    if a.description.is_empty() && a.aliases.is_empty() {
        return;
    }
    record(
        out,
        'D',
        &[
            at.to_string(),
            text(&a.description),
            list(a.aliases.iter().map(|s| text(s))),
        ],
    );
}

/// Which actors share which part: (actors, the claims about any of them,
/// ascending), filled in dataset order up to about [`PART_BYTES`].
fn pack(about: &[Vec<usize>], lines: &[String]) -> Vec<(Vec<usize>, Vec<usize>)> {
    let size = |claims: &[usize]| claims.iter().map(|&i| lines[i].len()).sum::<usize>();
    let mut packed = Vec::new();
    let mut open: (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for (actor, claims) in about.iter().enumerate() {
        if claims.is_empty() {
            continue;
        }
        if size(claims) >= PART_BYTES {
            packed.push((vec![actor], claims.clone()));
            continue;
        }
        open.0.push(actor);
        open.1.extend(claims);
        open.1.sort_unstable();
        open.1.dedup();
        if size(&open.1) >= PART_BYTES {
            packed.push(std::mem::take(&mut open));
        }
    }
    if !open.0.is_empty() {
        packed.push(open);
    }
    packed
}

/// Ascending actor positions as `;`-separated runs (`3;7-12`).
fn ranges(actors: &[usize]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < actors.len() {
        let mut j = i;
        while j + 1 < actors.len() && actors[j + 1] == actors[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            actors[i].to_string()
        } else {
            format!("{}-{}", actors[i], actors[j])
        });
        i = j + 1;
    }
    out.join(";")
}

/// A `G` record: the index's [`Summary`] of the network around `actor`,
/// whose part is too large to inline: `G`, the actor, its claims, the
/// actors and tie claims left out, then the drawn ties as
/// `group,actor,claims,family` separated by `;`.
fn encode_summary(out: &mut String, dataset: &Dataset, actor: ActorId) {
    let around = crate::query::neighbourhood(dataset, actor, &crate::filter::Filter::default());
    let summary = crate::query::summary_of(&around, &crate::layout::drawn_actors(&around));
    let ties = summary.ties.iter().map(|t| {
        let family = RelationFamily::ALL.iter().position(|f| *f == t.family);
        format!(
            "{},{},{},{}",
            t.group,
            t.actor.0,
            t.claims,
            family.unwrap_or_default()
        )
    });
    record(
        out,
        'G',
        &[
            actor.0.to_string(),
            summary.total_claims.to_string(),
            summary.left_out_actors.to_string(),
            summary.left_out_claims.to_string(),
            list(ties),
        ],
    );
}

/// The `N` record: what the card shows about all claims, loaded or not,
/// and how many sources and context items the sources file `sources` has.
fn encode_totals(out: &mut String, d: &Dataset, sources: &str) {
    record(
        out,
        'N',
        &[
            d.claim_count().to_string(),
            d.sources.len().to_string(),
            d.context.len().to_string(),
            text(sources),
            // As runs: at 100,000 claims 9,309 of the 10,000 actors make
            // one, 45 KB as a list and a few hundred bytes as runs.
            ranges(
                &d.claimants()
                    .iter()
                    .map(|a| usize::from(a.0))
                    .collect::<Vec<_>>(),
            ),
            list(d.relations_used().iter().map(|r| r.id().to_string())),
        ],
    );
}

fn encode_meta(out: &mut String, m: &Meta) {
    record(
        out,
        'M',
        &[
            text(&m.title),
            text(&m.description),
            actor(Some(m.focus)),
            m.as_of.iso(),
            text(&m.version),
            opt(&m.short_title),
            opt(&m.publisher),
            opt(&m.license),
            m.lang.map_or(NONE.into(), |l| l.code().to_string()),
        ],
    );
}

/// The id an actor's name spells (`Government of Telren` →
/// `government-of-telren`): ASCII letters and digits, lower case, other runs
/// as one `-`. An `A` record leaves out an id equal to it (an empty field:
/// no id is empty), which most ids are (at 100,000 claims 9,114 of 10,000
/// actors, 25 KB of the index's brotli).
fn id_of_name(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    id
}

fn encode_actor(out: &mut String, a: &Actor) {
    let spelled = a.id == id_of_name(&a.name);
    record(
        out,
        'A',
        &[
            if spelled { String::new() } else { text(&a.id) },
            text(&a.name),
            a.kind.id().into(),
            text(&a.description),
            list(a.aliases.iter().map(|s| text(s))),
            actor(a.leads),
            actor(a.member_of),
        ],
    );
}

/// Where the sources file is, beside the card's pages: named by its content.
pub fn sources_file_name(text: &str) -> String {
    format!("parts/sources-{:016x}.txt", fnv1a(text.as_bytes()))
}

/// The sources file of a dataset in parts, (name, text): every `S` record in
/// order, every `X` record, and a `K` record of how many claims cite each
/// source; the index has none of these, a part the `S` records it cites.
fn encode_sources_file(d: &Dataset) -> (String, String) {
    let mut body = String::new();
    for s in d.sources.iter() {
        encode_source(&mut body, s);
    }
    for x in d.context.iter() {
        encode_context(&mut body, x);
    }
    record(
        &mut body,
        'K',
        &[list(d.claims_per_source().iter().map(usize::to_string))],
    );
    let file = with_header(SOURCES_MAGIC, &body);
    (sources_file_name(&file), file)
}

/// A part's `S` records: each source its `claims` cite, ascending, with its
/// position in the whole dataset, so that a claim never arrives without them.
fn encode_part_sources(out: &mut String, d: &Dataset, claims: &[usize]) {
    let mut cited: Vec<u16> = claims
        .iter()
        .flat_map(|&i| d.claims[i].sources.iter().map(|s| s.0))
        .collect();
    cited.sort_unstable();
    cited.dedup();
    for at in cited {
        let mut fields = vec![at.to_string()];
        fields.extend(source_fields(d.source(SourceId(at))));
        record(out, 'S', &fields);
    }
}

fn encode_source(out: &mut String, s: &Source) {
    record(out, 'S', &source_fields(s));
}

fn source_fields(s: &Source) -> Vec<String> {
    vec![
        text(&s.id),
        text(&s.title),
        u8::from(s.title_supplied).to_string(),
        opt(&s.publisher),
        s.kind.id().into(),
        date(s.date),
        opt(&s.url),
    ]
}

fn encode_claim(out: &mut String, c: &Claim) {
    out.push('C');
    encode_claim_fields(out, c);
}

/// A claim's fields, each after a tab, and the end of its line.
fn encode_claim_fields(out: &mut String, c: &Claim) {
    fields(
        out,
        &[
            text(&c.id),
            actor(Some(c.subject)),
            c.relation.id().into(),
            c.stance.id().into(),
            list(c.hedges.iter().map(|h| h.id().to_string())),
            actor(Some(c.object)),
            date(c.date),
            text(&c.summary),
            actor(Some(c.attributed_to)),
            list(c.sources.iter().map(|s| s.0.to_string())),
            text(&c.quote),
            c.status.id().into(),
            opt(&c.note),
            opt(&c.date_basis),
        ],
    );
}

fn encode_context(out: &mut String, x: &ContextItem) {
    record(
        out,
        'X',
        &[
            text(&x.id),
            list(x.about.iter().map(|a| a.0.to_string())),
            date(x.date),
            text(&x.summary),
            actor(Some(x.attributed_to)),
            list(x.sources.iter().map(|s| s.0.to_string())),
            text(&x.quote),
            x.status.id().into(),
            opt(&x.note),
            opt(&x.date_basis),
        ],
    );
}

fn record(out: &mut String, tag: char, values: &[String]) {
    out.push(tag);
    fields(out, values);
}

fn fields(out: &mut String, values: &[String]) {
    for field in values {
        out.push('\t');
        out.push_str(field);
    }
    out.push('\n');
}

const NONE: &str = "\\-";

fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            ';' => out.push_str("\\s"),
            '<' => out.push_str("\\l"),
            c => out.push(c),
        }
    }
    out
}

fn opt(s: &Option<Text>) -> String {
    s.as_deref().map_or(NONE.into(), text)
}

fn actor(id: Option<ActorId>) -> String {
    id.map_or(NONE.into(), |a| a.0.to_string())
}

fn date(d: Option<PartialDate>) -> String {
    d.map_or(NONE.into(), PartialDate::iso)
}

fn list(items: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(';');
        }
        let _ = write!(out, "{item}");
    }
    out
}

/// Reads a compiled dataset; refuses anything else without panicking.
pub fn decode(file: &str) -> Result<Dataset, DecodeError> {
    let body = check_header(file, MAGIC)?;
    let mut reader = Reader {
        counts: count_records(body),
        line: 1,
    };
    let mut read = Read {
        meta: None,
        lang: None,
        dataset: Dataset {
            meta: placeholder_meta(),
            actors: Cow::Owned(Vec::new()),
            sources: Cow::Owned(Vec::new()),
            claims: Cow::Owned(Vec::new()),
            context: Cow::Owned(Vec::new()),
            parts: None,
            translations: Cow::Owned(Vec::new()),
            stories: Cow::Owned(Vec::new()),
        },
        files: Vec::new(),
    };
    for line in body.split_terminator('\n') {
        reader.line += 1;
        reader
            .record(&mut read, line)
            .ok_or(DecodeError::Corrupt { line: reader.line })?;
    }
    let Read {
        meta,
        mut dataset,
        files,
        ..
    } = read;
    let whole = dataset.actors.len() == reader.counts.actors
        && dataset.sources.len() == reader.counts.sources
        && stories_hold(&dataset)
        && attach_files(&mut dataset, files);
    dataset.meta = meta
        .filter(|_| whole)
        .ok_or(DecodeError::Corrupt { line: reader.line })?;
    Ok(dataset)
}

/// What [`decode`] has read so far.
struct Read {
    meta: Option<Meta>,
    /// After an `L` record: whether this build has its language (its `T`
    /// texts are then kept, else read and dropped).
    lang: Option<bool>,
    dataset: Dataset,
    /// Each part's file and the actors it is for.
    files: Vec<(Text, Vec<u16>)>,
}

/// Puts the index's part files in place; false for an index that does not add up.
fn attach_files(dataset: &mut Dataset, files: Vec<(Text, Vec<u16>)>) -> bool {
    let actors = dataset.actors.len();
    let Some(parts) = dataset.parts.as_mut() else {
        return files.is_empty();
    };
    parts.files = vec![None; actors];
    parts.loaded = vec![false; actors];
    for (file, actors) in files {
        for actor in actors {
            parts.files[usize::from(actor)] = Some(file.clone());
        }
    }
    // The index has no claim, source or context item: the sources are
    // blank stand-ins until a part or the sources file brings them.
    let whole =
        dataset.claims.is_empty() && dataset.sources.is_empty() && dataset.context.is_empty();
    dataset.sources = Cow::Owned(vec![unloaded_source(); parts.sources_loaded.len()]);
    whole
}

/// What stands for a source not loaded yet ([`crate::model::Parts::sources_loaded`]).
fn unloaded_source() -> Source {
    Source {
        id: Cow::Borrowed(""),
        title: Cow::Borrowed(""),
        title_supplied: false,
        publisher: None,
        kind: SourceKind::Other,
        date: None,
        url: None,
    }
}

/// Adds the part `file` (the claims about `actor`) to `dataset`, an index
/// read by [`decode`]; a part already loaded changes nothing.
pub fn decode_part(dataset: &Dataset, actor: ActorId, file: &str) -> Result<Dataset, DecodeError> {
    let body = check_header(file, PART_MAGIC)?;
    let parts = dataset.parts.as_ref().ok_or(DecodeError::NotADataset)?;
    let reader = Reader {
        counts: Counts {
            actors: dataset.actors.len(),
            sources: dataset.sources.len(),
        },
        line: 1,
    };
    let mut incoming = Vec::new();
    let mut texts = Vec::new();
    let mut cited: Vec<(u16, Source)> = Vec::new();
    for (i, line) in body.split_terminator('\n').enumerate() {
        let corrupt = DecodeError::Corrupt { line: i + 2 };
        if line.starts_with("D\t") && incoming.is_empty() {
            texts.push(reader.part_actor(line).ok_or(corrupt)?);
            continue;
        }
        if line.starts_with("S\t") && incoming.is_empty() {
            let source = reader.part_source(line);
            let source = source.filter(|(at, _)| cited.last().is_none_or(|(last, _)| last < at));
            cited.push(source.ok_or(corrupt)?);
            continue;
        }
        // A claim comes only with its sources: loaded, or in this part.
        let claim = reader
            .part_claim(line, parts.total_claims)
            .filter(|(_, c)| {
                c.sources.iter().all(|s| {
                    dataset.has_source(*s)
                        || cited.binary_search_by_key(&s.0, |(at, _)| *at).is_ok()
                })
            });
        incoming.push(claim.ok_or(corrupt)?);
    }
    let mut whole = merged(dataset, actor, incoming);
    with_sources(&mut whole, cited);
    if !texts.is_empty() {
        let actors = whole.actors.to_mut();
        for (at, description, aliases) in texts {
            let a = &mut actors[usize::from(at)];
            a.description = description;
            a.aliases = Cow::Owned(aliases);
        }
    }
    Ok(whole)
}

/// `dataset` with the sources a part brings (by position) in place of
/// their stand-ins; a source already loaded stays as it is.
fn with_sources(dataset: &mut Dataset, cited: Vec<(u16, Source)>) {
    let Some(parts) = dataset.parts.as_mut() else {
        return;
    };
    let sources = dataset.sources.to_mut();
    for (at, source) in cited {
        let at = usize::from(at);
        if !parts.sources_loaded[at] {
            sources[at] = source;
            parts.sources_loaded[at] = true;
        }
    }
}

/// Adds the sources file (`parts/sources-<hash>.txt`) to `dataset`, an
/// index read by [`decode`]: every source, every context item and the claims
/// per source, for the sources panel. A file that does not add up to the
/// index's counts is refused.
pub fn decode_sources(dataset: &Dataset, file: &str) -> Result<Dataset, DecodeError> {
    let body = check_header(file, SOURCES_MAGIC)?;
    let parts = dataset.parts.as_ref().ok_or(DecodeError::NotADataset)?;
    let reader = Reader {
        counts: Counts {
            actors: dataset.actors.len(),
            sources: dataset.sources.len(),
        },
        line: 1,
    };
    let (mut sources, mut context, mut counts) = (Vec::new(), Vec::new(), None);
    let mut line = 1;
    for text in body.split_terminator('\n') {
        line += 1;
        let f = &mut Fields {
            fields: text.split('\t'),
        };
        let read = match f.raw() {
            Some("S") if context.is_empty() && counts.is_none() => {
                reader.source(f).map(|s| sources.push(s))
            }
            Some("X") if counts.is_none() => reader.context(f).map(|x| context.push(x)),
            Some("K") if counts.is_none() => numbers(f).map(|k| counts = Some(k)),
            _ => None,
        };
        read.and_then(|()| f.end())
            .ok_or(DecodeError::Corrupt { line })?;
    }
    let counts = counts
        .filter(|k| k.len() == dataset.sources.len() && sources.len() == k.len())
        .filter(|_| context.len() == parts.context_items)
        .ok_or(DecodeError::Corrupt { line })?;
    let mut next = dataset.clone();
    next.sources = Cow::Owned(sources);
    next.context = Cow::Owned(context);
    if let Some(parts) = next.parts.as_mut() {
        parts.claims_per_source = counts;
        parts.sources_loaded.iter_mut().for_each(|l| *l = true);
        parts.sources_file_loaded = true;
    }
    Ok(next)
}

/// A `;`-separated list of numbers (possibly empty).
fn numbers(f: &mut Fields) -> Option<Vec<usize>> {
    let raw = f.raw()?;
    if raw.is_empty() {
        return Some(Vec::new());
    }
    raw.split(';').map(|n| n.parse().ok()).collect()
}

/// `dataset` with `incoming` claims (by their position in the whole
/// dataset) merged in order, and `actor`'s part marked loaded.
fn merged(dataset: &Dataset, actor: ActorId, mut incoming: Vec<(u32, Claim)>) -> Dataset {
    let mut next = dataset.clone();
    let Some(parts) = next.parts.as_mut() else {
        return next;
    };
    let loaded: Vec<(u32, Claim)> = parts
        .order
        .iter()
        .copied()
        .zip(dataset.claims.iter().cloned())
        .collect();
    incoming.extend(loaded);
    incoming.sort_by_key(|(at, _)| *at);
    incoming.dedup_by_key(|(at, _)| *at);
    parts.order = incoming.iter().map(|(at, _)| *at).collect();
    next.claims = Cow::Owned(incoming.into_iter().map(|(_, c)| c).collect());
    // Every actor the same file is for is loaded with it.
    let file = parts.files.get(usize::from(actor.0)).cloned().flatten();
    for (at, flag) in parts.loaded.iter_mut().enumerate() {
        if at == usize::from(actor.0) || (file.is_some() && parts.files[at] == file) {
            *flag = true;
        }
    }
    next
}

/// The body after a header of the right magic, version and hash.
fn check_header<'a>(file: &'a str, magic: &str) -> Result<&'a str, DecodeError> {
    let (header, body) = file.split_once('\n').ok_or(DecodeError::NotADataset)?;
    let mut parts = header.split('\t');
    if parts.next() != Some(magic) {
        return Err(DecodeError::NotADataset);
    }
    let version = parts.next().unwrap_or_default();
    if version != FORMAT_VERSION.to_string() {
        return Err(DecodeError::Version {
            found: version.chars().take(12).collect(),
        });
    }
    let hash = parts.next().and_then(|h| u64::from_str_radix(h, 16).ok());
    if hash != Some(fnv1a(body.as_bytes())) || parts.next().is_some() {
        return Err(DecodeError::Damaged);
    }
    Ok(body)
}

/// How many actors and sources the file holds: references are checked
/// against these before the records they point at are read.
#[derive(Default)]
struct Counts {
    actors: usize,
    sources: usize,
}

fn count_records(body: &str) -> Counts {
    let mut counts = Counts::default();
    for line in body.split_terminator('\n') {
        match line.as_bytes().first() {
            Some(b'A') => counts.actors += 1,
            Some(b'S') => counts.sources += 1,
            _ => {}
        }
    }
    counts
}

fn placeholder_meta() -> Meta {
    Meta {
        title: Cow::Borrowed(""),
        description: Cow::Borrowed(""),
        focus: ActorId(0),
        as_of: PartialDate::year(0),
        version: Cow::Borrowed(""),
        short_title: None,
        publisher: None,
        license: None,
        lang: None,
    }
}

struct Reader {
    counts: Counts,
    line: usize,
}

/// The fields of one record, read in order.
struct Fields<'a> {
    fields: std::str::Split<'a, char>,
}

impl<'a> Fields<'a> {
    fn corrupt<T>(&self) -> Option<T> {
        None
    }

    fn raw(&mut self) -> Option<&'a str> {
        self.fields.next()
    }

    fn end(&mut self) -> Option<()> {
        match self.fields.next() {
            None => Some(()),
            Some(_) => None,
        }
    }

    fn text(&mut self) -> Option<Text> {
        let raw = self.raw()?;
        unescape(raw)
    }

    fn opt_text(&mut self) -> Option<Option<Text>> {
        let raw = self.raw()?;
        if raw == NONE {
            return Some(None);
        }
        unescape(raw).map(Some)
    }

    fn vocab<T>(&mut self, from_id: fn(&str) -> Option<T>) -> Option<T> {
        let raw = self.raw()?;
        from_id(raw)
    }

    fn date(&mut self) -> Option<Option<PartialDate>> {
        match self.raw()? {
            NONE => Some(None),
            raw => PartialDate::parse(raw).map(Some).ok(),
        }
    }

    fn index(&mut self, below: usize) -> Option<u16> {
        let raw = self.raw()?;
        parse_index(raw, below)
    }

    fn opt_index(&mut self, below: usize) -> Option<Option<u16>> {
        match self.raw()? {
            NONE => Some(None),
            raw => parse_index(raw, below).map(Some),
        }
    }

    /// Runs of indices below `below` (`3;7-12`; see [`ranges`]), ascending, not empty.
    fn ranges(&mut self, below: usize) -> Option<Vec<u16>> {
        parse_ranges(self.raw()?, below)
    }

    /// A `;`-separated list of indices below `below` (non-empty unless `may_be_empty`).
    fn indices(&mut self, below: usize, may_be_empty: bool) -> Option<Vec<u16>> {
        let raw = self.raw()?;
        if raw.is_empty() && may_be_empty {
            return Some(Vec::new());
        }
        let items: Option<Vec<u16>> = raw.split(';').map(|i| parse_index(i, below)).collect();
        items
    }

    fn texts(&mut self) -> Option<Vec<Text>> {
        let raw = self.raw()?;
        if raw.is_empty() {
            return Some(Vec::new());
        }
        let items: Option<Vec<Text>> = raw.split(';').map(unescape).collect();
        items
    }
}

impl Fields<'_> {
    fn hedges(&mut self) -> Option<Vec<Hedge>> {
        let raw = self.raw()?;
        if raw.is_empty() {
            return Some(Vec::new());
        }
        let items: Option<Vec<Hedge>> = raw.split(';').map(Hedge::from_id).collect();
        items
    }
}

/// Runs of indices below `below` (`3;7-12`), ascending, not empty.
fn parse_ranges(raw: &str, below: usize) -> Option<Vec<u16>> {
    let mut out: Vec<u16> = Vec::new();
    for run in raw.split(';') {
        let (first, last) = run.split_once('-').unwrap_or((run, run));
        let (first, last) = (parse_index(first, below)?, parse_index(last, below)?);
        if first > last || out.last().is_some_and(|&l| l >= first) {
            return None;
        }
        out.extend(first..=last);
    }
    Some(out)
}

fn parse_index(raw: &str, below: usize) -> Option<u16> {
    raw.parse::<u16>().ok().filter(|i| usize::from(*i) < below)
}

impl Reader {
    /// One line of a dataset file into `read`.
    fn record(&self, read: &mut Read, line: &str) -> Option<()> {
        let mut fields = line.split('\t');
        let tag = fields.next()?;
        let f = &mut Fields { fields };
        let d = &mut read.dataset;
        match tag {
            "M" if read.meta.is_none() => read.meta = Some(self.meta(f)?),
            "A" => d.actors.to_mut().push(self.actor(f)?),
            "S" => d.sources.to_mut().push(self.source(f)?),
            "C" => d.claims.to_mut().push(self.claim(f)?),
            "X" => d.context.to_mut().push(self.context(f)?),
            "N" if d.parts.is_none() => d.parts = Some(self.totals(f)?),
            "G" => {
                let summary = self.summary(f)?;
                let summaries = &mut d.parts.as_mut()?.summaries;
                // Ascending and once each, so that lookups can bisect.
                if summaries.last().is_some_and(|s| s.actor >= summary.actor) {
                    return None;
                }
                summaries.push(summary);
            }
            "I" => read.files.push((f.text()?, f.ranges(self.counts.actors)?)),
            "L" => read.lang = Some(translation(f, &mut d.translations)?),
            "T" => translated_text(f, read.lang?, &mut d.translations)?,
            "Y" => d.stories.to_mut().push(story(f)?),
            "Z" => {
                let step = self.step(f)?;
                d.stories.to_mut().last_mut()?.steps.push(step);
            }
            _ => return None,
        }
        f.end()
    }

    /// A part's `D` line: an actor's description and aliases.
    fn part_actor(&self, line: &str) -> Option<(u16, Text, Vec<Text>)> {
        let f = &mut Fields {
            fields: line.split('\t'),
        };
        f.raw()?;
        let at = f.index(self.counts.actors)?;
        let text = (at, f.text()?, f.texts()?);
        f.end()?;
        Some(text)
    }

    /// A part's `S` line: a source's position in the whole dataset, the source.
    fn part_source(&self, line: &str) -> Option<(u16, Source)> {
        let f = &mut Fields {
            fields: line.split('\t'),
        };
        f.raw()?;
        let at = f.index(self.counts.sources)?;
        let source = self.source(f)?;
        f.end()?;
        Some((at, source))
    }

    /// One line of a part: `P`, the claim's position in the whole dataset, the claim.
    fn part_claim(&self, line: &str, total: usize) -> Option<(u32, Claim)> {
        let f = &mut Fields {
            fields: line.split('\t'),
        };
        if f.raw()? != "P" {
            return None;
        }
        let at = f
            .raw()?
            .parse::<u32>()
            .ok()
            .filter(|g| (*g as usize) < total)?;
        let claim = self.claim(f)?;
        f.end()?;
        Some((at, claim))
    }

    fn meta(&self, f: &mut Fields) -> Option<Meta> {
        Some(Meta {
            title: f.text()?,
            description: f.text()?,
            focus: ActorId(f.index(self.counts.actors)?),
            as_of: f.date()??,
            version: f.text()?,
            short_title: f.opt_text()?,
            publisher: f.opt_text()?,
            license: f.opt_text()?,
            // A language this build lacks falls back to English.
            lang: f
                .opt_text()?
                .and_then(|code| crate::i18n::Lang::from_tag(&code)),
        })
    }

    fn actor(&self, f: &mut Fields) -> Option<Actor> {
        let actors = self.counts.actors;
        let id = f.text()?;
        let name = f.text()?;
        Some(Actor {
            id: match id.is_empty() {
                true => Cow::Owned(Some(id_of_name(&name)).filter(|i| !i.is_empty())?),
                false => id,
            },
            name,
            kind: f.vocab(ActorKind::from_id)?,
            description: f.text()?,
            aliases: Cow::Owned(f.texts()?),
            leads: f.opt_index(actors)?.map(ActorId),
            member_of: f.opt_index(actors)?.map(ActorId),
        })
    }

    fn source(&self, f: &mut Fields) -> Option<Source> {
        Some(Source {
            id: f.text()?,
            title: f.text()?,
            title_supplied: match f.raw()? {
                "0" => false,
                "1" => true,
                _ => return f.corrupt(),
            },
            publisher: f.opt_text()?,
            kind: f.vocab(SourceKind::from_id)?,
            date: f.date()?,
            url: f.opt_text()?,
        })
    }

    fn claim(&self, f: &mut Fields) -> Option<Claim> {
        let actors = self.counts.actors;
        Some(Claim {
            id: f.text()?,
            subject: ActorId(f.index(actors)?),
            relation: f.vocab(Relation::from_id)?,
            stance: f.vocab(Stance::from_id)?,
            hedges: Cow::Owned(f.hedges()?),
            object: ActorId(f.index(actors)?),
            date: f.date()?,
            summary: f.text()?,
            attributed_to: ActorId(f.index(actors)?),
            sources: Cow::Owned(self.sources(f)?),
            quote: f.text()?,
            status: f.vocab(Status::from_id)?,
            note: f.opt_text()?,
            date_basis: f.opt_text()?,
        })
    }

    fn context(&self, f: &mut Fields) -> Option<ContextItem> {
        let actors = self.counts.actors;
        Some(ContextItem {
            id: f.text()?,
            about: Cow::Owned(f.indices(actors, true)?.into_iter().map(ActorId).collect()),
            date: f.date()?,
            summary: f.text()?,
            attributed_to: ActorId(f.index(actors)?),
            sources: Cow::Owned(self.sources(f)?),
            quote: f.text()?,
            status: f.vocab(Status::from_id)?,
            note: f.opt_text()?,
            date_basis: f.opt_text()?,
        })
    }

    fn totals(&self, f: &mut Fields) -> Option<crate::model::Parts> {
        let total = f.raw()?.parse::<usize>().ok()?;
        // A source is a `SourceId`: no more than a u16 can point at.
        let sources = f
            .raw()?
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= usize::from(u16::MAX) + 1)?;
        let context_items = f.raw()?.parse::<usize>().ok()?;
        let sources_file = f.text()?;
        let claimants = match f.raw()? {
            "" => Vec::new(),
            runs => parse_ranges(runs, self.counts.actors)?,
        };
        let relations = f.raw()?;
        let relations: Option<Vec<Relation>> = if relations.is_empty() {
            Some(Vec::new())
        } else {
            relations.split(';').map(Relation::from_id).collect()
        };
        Some(crate::model::Parts {
            total_claims: total,
            sources_loaded: vec![false; sources],
            sources_file,
            context_items,
            claimants: claimants.into_iter().map(ActorId).collect(),
            relations_used: relations?,
            ..Default::default()
        })
    }

    fn summary(&self, f: &mut Fields) -> Option<Summary> {
        let mut summary = Summary {
            actor: ActorId(f.index(self.counts.actors)?),
            total_claims: f.raw()?.parse().ok()?,
            left_out_actors: f.raw()?.parse().ok()?,
            left_out_claims: f.raw()?.parse().ok()?,
            ties: Vec::new(),
        };
        let ties = f.raw()?;
        for tie in ties.split(';').filter(|t| !t.is_empty()) {
            let mut n = tie.split(',');
            let group = n.next()?.parse::<u8>().ok()?;
            let actor = parse_index(n.next()?, self.counts.actors)?;
            let claims = n.next()?.parse().ok()?;
            let family = *RelationFamily::ALL.get(n.next()?.parse::<usize>().ok()?)?;
            if n.next().is_some() || usize::from(group) >= crate::query::GroupKind::ALL.len() {
                return None;
            }
            summary.ties.push(SummaryTie {
                group,
                actor: ActorId(actor),
                claims,
                family,
            });
        }
        Some(summary)
    }

    fn sources(&self, f: &mut Fields) -> Option<Vec<SourceId>> {
        Some(
            f.indices(self.counts.sources, false)?
                .into_iter()
                .map(SourceId)
                .collect(),
        )
    }
}

/// A `Y` record: a story, whose steps follow.
fn story(f: &mut Fields) -> Option<crate::story::Story> {
    Some(crate::story::Story {
        id: f.text()?,
        title: f.text()?,
        steps: Vec::new(),
    })
}

/// Every story has a step and every step a claim; in a dataset in one
/// piece, each claim a step points to is there.
fn stories_hold(d: &Dataset) -> bool {
    d.stories.iter().all(|story| {
        !story.steps.is_empty()
            && story.steps.iter().all(|step| {
                !step.claims.is_empty()
                    && (d.parts.is_some()
                        || step
                            .claims
                            .iter()
                            .all(|id| d.claims.iter().any(|c| c.id == *id)))
            })
    })
}

impl Reader {
    /// A `Z` record: one step of the last story.
    fn step(&self, f: &mut Fields) -> Option<crate::story::Step> {
        let actors = self.counts.actors;
        let caption = f.text()?;
        let focus = ActorId(f.index(actors)?);
        let selected = f.opt_index(actors)?.map(ActorId);
        let view = f.vocab(crate::fragment::View::from_id)?;
        let mut filter = crate::filter::Filter::default();
        for relation in f.vocab_list(Relation::from_id)? {
            filter.hide_relation(relation);
        }
        for stance in f.vocab_list(Stance::from_id)? {
            filter.hide_stance(stance);
        }
        for claimant in f.indices(actors, true)? {
            filter.hide_claimant(ActorId(claimant));
        }
        Some(crate::story::Step {
            caption,
            state: crate::fragment::Snapshot {
                focus,
                selected,
                view,
                filter,
            },
            claims: f.texts()?,
        })
    }
}

impl Fields<'_> {
    /// A `;`-separated list of vocabulary ids (possibly empty).
    fn vocab_list<T>(&mut self, from_id: fn(&str) -> Option<T>) -> Option<Vec<T>> {
        let raw = self.raw()?;
        if raw.is_empty() {
            return Some(Vec::new());
        }
        raw.split(';').map(from_id).collect()
    }
}

/// An `L` record: starts a translation when this build has its language
/// (`Some(true)`); a language it lacks is skipped with its texts (`Some(false)`).
fn translation(
    f: &mut Fields,
    translations: &mut Cow<'static, [crate::model::Translation]>,
) -> Option<bool> {
    let code = f.raw()?;
    let translator = f.text()?;
    let reviewed = match f.raw()? {
        "0" => false,
        "1" => true,
        _ => return None,
    };
    let Some(lang) = crate::i18n::Lang::from_tag(code).filter(|l| l.code() == code) else {
        return Some(false);
    };
    if lang == crate::i18n::Lang::EN || translations.iter().any(|t| t.lang == lang) {
        return None;
    }
    translations.to_mut().push(crate::model::Translation {
        lang,
        translator,
        reviewed,
        texts: Vec::new(),
    });
    Some(true)
}

/// A `T` record, into the translation its `L` started (`keep`), in order:
/// texts out of order are refused, so the card's binary search holds.
fn translated_text(
    f: &mut Fields,
    keep: bool,
    translations: &mut Cow<'static, [crate::model::Translation]>,
) -> Option<()> {
    let field = f.vocab(crate::model::Field::from_id)?;
    let id = f.text()?;
    let text = f.text()?;
    if !keep {
        return Some(());
    }
    let texts = &mut translations.to_mut().last_mut()?.texts;
    if texts
        .last()
        .is_some_and(|(f, i, _)| (*f, i.as_ref()) >= (field, id.as_ref()))
    {
        return None;
    }
    texts.push((field, id, text));
    Some(())
}

/// The text of an escaped field; `None` for a malformed escape.
fn unescape(raw: &str) -> Option<Text> {
    if !raw.contains('\\') {
        return Some(Cow::Owned(raw.to_owned()));
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            's' => ';',
            'l' => '<',
            _ => return None,
        });
    }
    Some(Cow::Owned(out))
}
