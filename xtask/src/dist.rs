//! Builds `dist/`: the release wasm (cargo, wasm-bindgen, wasm-opt), content-
//! hashed assets, the pages from `web/` with the card prerendered into them,
//! the single-file edition, the service worker's precache list, icons, data
//! exports and source texts; then precompresses and prints sizes.
//!
//! What goes where is in README.md ("What `dist/` holds"); the placeholders
//! the `web/` templates use are listed in [`Assets::substitute`].

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use sha2::{Digest, Sha256};
use who_backs_whom_core::i18n::Lang;
use who_backs_whom_core::load;

use crate::{fail, run, tools, Result};

/// The element the prerendered card goes into (see web/index.html and src/entry.rs).
const ROOT_ELEMENT: &str = r#"<div id="wbw-root"></div>"#;
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Where the page carries its inline copy of the compiled dataset (src/entry.rs reads it).
const DATA_BLOCK: &str = r#"<script type="text/plain" id="wbw-data">"#;
/// Where a page in parts carries its focus's part (src/entry.rs reads it).
const PART_BLOCK: &str = r#"<script type="text/plain" id="wbw-part">"#;
/// Pages made from `web/` templates, with the card prerendered into them.
const PAGES: [&str; 2] = ["index.html", "embed.html"];
/// Plain files copied from `web/` as they are.
const COPIED: [&str; 3] = ["embed-loader.js", "embed-frame.js", "icon.svg"];
/// Templates copied from `web/` with placeholders filled in.
const TEMPLATED: [&str; 2] = ["element.js", "manifest.webmanifest"];

/// One build: which dataset, and where the output goes. The engine (wasm,
/// glue, prerenderer) is the same for every dataset and is built once.
pub struct Build {
    pub dataset: PathBuf,
    pub out: PathBuf,
    pub cargo_target: PathBuf,
}

impl Build {
    /// `$WBW_DATASET` (or data/dataset.toml) into dist/.
    pub fn from_env(root: &Path) -> Build {
        Build {
            dataset: dataset_path(root),
            out: root.join("dist"),
            cargo_target: root.join("target"),
        }
    }

    /// `--dataset PATH` and `--out DIR` (relative to the current directory)
    /// over [`Build::from_env`].
    pub fn from_args(root: &Path, args: &[String]) -> Result<Build> {
        let mut build = Build::from_env(root);
        let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .map(|v| cwd.join(v))
                    .ok_or(format!("`{arg}` needs a value"))
            };
            match arg.as_str() {
                "--dataset" => build.dataset = value()?,
                "--out" => build.out = value()?,
                other => {
                    return fail(format!(
                        "unknown build option `{other}` (use --dataset PATH, --out DIR)"
                    ))
                }
            }
        }
        Ok(build)
    }
}

/// The dataset file: `$WBW_DATASET` (relative to the project root) or data/dataset.toml.
pub fn dataset_path(root: &Path) -> PathBuf {
    match std::env::var("WBW_DATASET") {
        Ok(p) if !p.is_empty() => root.join(p),
        _ => root.join("data/dataset.toml"),
    }
}

/// Checks the dataset and prints every problem; the same checks `build.rs` runs.
pub fn check_data(path: &Path) -> Result<load::Loaded> {
    load::load(path).or_else(|diagnostics| {
        for d in &diagnostics {
            eprintln!("{d}\n");
        }
        fail(format!(
            "the dataset {} has {} problem(s); see above",
            path.display(),
            diagnostics.len()
        ))
    })
}

/// 16 hex digits of SHA-256: names that change exactly when the content does.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The hashed file names of one build, and the page metadata.
#[derive(Clone)]
struct Assets {
    glue: String,
    wasm: String,
    css: String,
    /// The stylesheet for readers without JavaScript (inside `<noscript>`).
    nojs_css: String,
    boot: String,
    /// The compiled dataset's file, for host pages (element.js fetches it).
    data: String,
    /// The single-file edition's name, from the dataset.
    offline: String,
    title: String,
    short_name: String,
    description: String,
    /// The schema.org JSON-LD block of the standalone page.
    jsonld: String,
    /// The oEmbed discovery link (only with a public URL: oEmbed needs absolute URLs).
    oembed_link: String,
    /// `$WBW_PUBLIC_URL`: where the card will be served, for absolute links
    /// that must be absolute (og:image); "" leaves them relative.
    public_url: String,
    /// The page's language and direction (`<html lang dir>`).
    lang: String,
    dir: String,
    /// The card image of the page's language (`card.png`, `card-my.png`).
    image: String,
    /// The image's text alternative after the title, in the page's language.
    image_alt: String,
    /// The standalone page in each language, as `hreflang` links (head) and
    /// as visible links for readers without JavaScript (body).
    alternates: String,
    lang_links: String,
}

impl Assets {
    /// Fills the placeholders of a `web/` template.
    fn substitute(&self, template: &str) -> String {
        template
            .replace("__WBW_GLUE__", &self.glue)
            .replace("__WBW_WASM__", &self.wasm)
            .replace("__WBW_CSS__", &self.css)
            .replace("__WBW_NOJS_CSS__", &self.nojs_css)
            .replace("__WBW_BOOT__", &self.boot)
            .replace("__WBW_DATA__", &self.data)
            .replace("__WBW_OFFLINE__", &self.offline)
            .replace("__WBW_KEYS__", &keys_json())
            .replace("__WBW_JSON_TITLE__", &json_string(&self.title))
            .replace("__WBW_JSON_SHORT_NAME__", &json_string(&self.short_name))
            .replace("__WBW_JSON_DESCRIPTION__", &json_string(&self.description))
            .replace("__WBW_TITLE__", &escape_html(&self.title))
            .replace("__WBW_DESCRIPTION__", &escape_html(&self.description))
            .replace("__WBW_JSONLD__", &self.jsonld)
            .replace("__WBW_OEMBED_LINK__", &self.oembed_link)
            .replace("__WBW_PUBLIC_URL__", &escape_html(&self.public_url))
            .replace("__WBW_LANG__", &self.lang)
            .replace("__WBW_DIR__", &self.dir)
            .replace("__WBW_IMAGE__", &self.image)
            .replace("__WBW_IMAGE_ALT__", &escape_html(&self.image_alt))
            .replace("__WBW_ALTERNATES__", &self.alternates)
            .replace("__WBW_LANG_LINKS__", &self.lang_links)
    }

    /// These assets for the pages in `lang`: the dataset's title and
    /// description in it (the originals where it has none), its image, and
    /// which of the language links is the current page.
    fn in_lang(&self, dataset: &who_backs_whom_core::Dataset, lang: Lang) -> Assets {
        use who_backs_whom_core::model::Field;
        let meta = &dataset.meta;
        let mut own = self.clone();
        own.title = dataset
            .localized(lang, Field::Title, "", &meta.title)
            .text()
            .to_string();
        own.description = dataset
            .localized(lang, Field::Description, "", &meta.description)
            .text()
            .to_string();
        own.lang = lang.code().to_string();
        own.dir = lang.catalogue().dir.to_string();
        own.image = image_name(lang);
        own.image_alt = lang.catalogue().image_alt.to_string();
        own.lang_links = lang_links(lang);
        own
    }
}

/// The languages that get pages of their own (`index-my.html`,
/// `embed-my.html`, `card-my.png`): every catalogue of this build but
/// English, and of those only the ones `$WBW_LANGS` keeps when it is set
/// (as the core's build script does for the wasm), so no page speaks a
/// language the engine lacks.
fn page_langs() -> Vec<Lang> {
    let only = std::env::var("WBW_LANGS").ok();
    Lang::all()
        .filter(|l| *l != Lang::EN)
        .filter(|l| {
            only.as_deref()
                .is_none_or(|o| o.split(',').any(|c| c.trim() == l.code()))
        })
        .collect()
}

/// The standalone page in `lang`: `index.html` for English, `index-my.html`.
pub fn lang_page_names(lang: Lang) -> [String; 2] {
    if lang == Lang::EN {
        return ["index.html".into(), "embed.html".into()];
    }
    let code = lang.code();
    [format!("index-{code}.html"), format!("embed-{code}.html")]
}

fn image_name(lang: Lang) -> String {
    if lang == Lang::EN {
        "card.png".into()
    } else {
        format!("card-{}.png", lang.code())
    }
}

/// `<link rel="alternate" hreflang>` for each language's standalone page,
/// English as the default.
fn alternates(public_url: &str, langs: &[Lang]) -> String {
    // hreflang takes absolute URLs only (search engines ignore, and
    // Lighthouse fails, relative ones): none without WBW_PUBLIC_URL, as
    // for oEmbed. The visible language links work either way.
    if public_url.is_empty() {
        return String::new();
    }
    let link = |tag: &str, lang: Lang| {
        format!(
            r#"<link rel="alternate" hreflang="{tag}" href="{}{}">"#,
            escape_html(public_url),
            lang_page_names(lang)[0]
        )
    };
    let mut out = link("x-default", Lang::EN);
    for lang in std::iter::once(Lang::EN).chain(langs.iter().copied()) {
        out.push_str(&link(lang.code(), lang));
    }
    out
}

/// The other languages' standalone pages as links, shown only without
/// JavaScript (the card has its own language switch), each named in its
/// own language; the current one is marked.
fn lang_links(current: Lang) -> String {
    let langs = page_langs();
    if langs.is_empty() {
        return String::new();
    }
    let links: Vec<String> = std::iter::once(Lang::EN)
        .chain(langs)
        .map(|l| {
            let here = if l == current {
                r#" aria-current="page""#
            } else {
                ""
            };
            format!(
                r#"<a href="{}" hreflang="{code}" lang="{code}"{here}>{}</a>"#,
                lang_page_names(l)[0],
                escape_html(l.catalogue().name),
                code = l.code()
            )
        })
        .collect();
    format!(
        r#"<noscript><p class="wbw-page-langs">{}</p></noscript>"#,
        links.join(" · ")
    )
}

/// The option keys as a JSON array, for element.js's observed attributes.
fn keys_json() -> String {
    let keys: Vec<String> = who_backs_whom_core::fragment::KEYS
        .iter()
        .map(|k| json_string(k))
        .collect();
    format!("[{}]", keys.join(", "))
}

/// A JSON string literal (also safe inside HTML: `<` is escaped).
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// wasm-opt's flags. `--converge` repeats -Oz while it still shrinks the
/// module (-269 B brotli), `--strip-producers` drops the toolchain's names
/// (-122 B); BENCHMARKS.md has the flags measured and not kept.
const WASM_OPT_FLAGS: [&str; 9] = [
    "-Oz",
    "--converge",
    "--strip-producers",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// cargo → wasm-bindgen → wasm-opt; returns (glue JS, optimised wasm). The
/// wasm is the same for every dataset: its bound and optimised form is kept
/// under `target/wbw-engine/<hash of cargo's wasm and wasm-opt's flags>/`,
/// so a build of another dataset, or of an edited one, only asks cargo
/// whether anything changed, and other flags optimise it again.
fn compile_wasm(root: &Path, build: &Build, path: &str) -> Result<(String, Vec<u8>)> {
    println!("build: compiling the wasm (release)");
    run(Command::new("cargo")
        .args([
            "build",
            "--release",
            "--target",
            WASM_TARGET,
            "--bin",
            "who-backs-whom",
            "--features",
            "hydration",
        ])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &build.cargo_target))?;
    let wasm = build
        .cargo_target
        .join(WASM_TARGET)
        .join("release/who-backs-whom.wasm");
    let key = [read(&wasm)?, WASM_OPT_FLAGS.join(" ").into_bytes()].concat();
    let engine = build
        .cargo_target
        .join("wbw-engine")
        .join(content_hash(&key));
    if let (Ok(glue), Ok(optimised)) = (
        read_text(&engine.join("card.js")),
        read(&engine.join("card_opt.wasm")),
    ) {
        println!("build: the engine is unchanged ({})", engine.display());
        return Ok((glue, optimised));
    }
    // Per process: two builds of the same engine may run at once.
    let bindgen_out = engine.with_extension(format!("partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&bindgen_out);
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-name", "card"])
        .arg("--out-dir")
        .arg(&bindgen_out)
        .arg(&wasm)
        .env("PATH", path))?;
    let optimised = bindgen_out.join("card_opt.wasm");
    run(Command::new("wasm-opt")
        .args(WASM_OPT_FLAGS)
        .arg(bindgen_out.join("card_bg.wasm"))
        .arg("-o")
        .arg(&optimised)
        .env("PATH", path))?;
    if std::fs::rename(&bindgen_out, &engine).is_err() {
        // Another build put the same engine in place first.
        let _ = std::fs::remove_dir_all(&bindgen_out);
    }
    Ok((
        read_text(&engine.join("card.js"))?,
        read(&engine.join("card_opt.wasm"))?,
    ))
}

/// The prerendered HTML: the card's initial state (hydrated later) followed
/// by every claim about the focus as static HTML (removed once the card runs).
struct Prerendered {
    card: String,
    claims: String,
    /// The compiled dataset (or its index), inlined into the page.
    data: String,
    /// For a dataset in parts: the default focus's part, inlined too.
    focus_part: Option<String>,
    /// The whole compiled dataset, for the single-file edition.
    whole: String,
    /// The state the markup shows, in the link language ("" = the defaults).
    prerendered: String,
}

/// Builds the prerenderer (once; it reads the dataset at run time) and
/// renders, from the compiled dataset file, the card and the static claims
/// of the default page and of each of `foci`'s own pages, in that order.
fn prerender(
    root: &Path,
    build: &Build,
    data_file: &Path,
    args: &[String],
) -> Result<Vec<Prerendered>> {
    let foci: Vec<&String> = match args.first().map(String::as_str) {
        Some("--pages") => args.iter().skip(2).collect(),
        _ => args.iter().collect(),
    };
    println!("build: prerendering the card ({} pages)", 1 + foci.len());
    run(Command::new("cargo")
        .args([
            "build",
            "--quiet",
            "--features",
            "ssr",
            "--bin",
            "prerender",
        ])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &build.cargo_target))?;
    let output = Command::new(build.cargo_target.join("debug/prerender"))
        .arg(data_file)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run the prerender binary: {e}"))?;
    if !output.status.success() {
        return fail(format!(
            "prerender failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let html =
        String::from_utf8(output.stdout).map_err(|_| "prerender printed non-UTF-8".to_string())?;
    let pages: Vec<&str> = html.split_terminator("<!--wbw-page-->\n").collect();
    if pages.len() != 1 + foci.len() {
        return fail("prerender printed another number of pages than asked for");
    }
    // As the prerenderer reads them: an id is its focus, a state with `=` stands as it is.
    let links = std::iter::once(String::new()).chain(foci.iter().map(|arg| {
        if arg.contains('=') {
            arg.to_string()
        } else {
            format!("focus={arg}")
        }
    }));
    pages
        .iter()
        .zip(links)
        .map(|(page, prerendered)| {
            let (card, claims) = page
                .split_once("\n<!--wbw-split-->\n")
                .ok_or("prerender printed no split between the card and the claims")?;
            Ok(Prerendered {
                card: card.to_string(),
                claims: claims.trim_end().to_string(),
                data: String::new(),
                focus_part: None,
                whole: String::new(),
                prerendered,
            })
        })
        .collect()
}

fn page(template: &str, assets: &Assets, html: &Prerendered) -> Result<String> {
    let page = assets.substitute(template);
    if !page.contains(ROOT_ELEMENT) {
        return fail(format!(
            "a web/ page has no {ROOT_ELEMENT} to prerender into"
        ));
    }
    if !page.contains("</body>") {
        return fail("a web/ page has no </body> to put the dataset before");
    }
    let attribute = if html.prerendered.is_empty() {
        String::new()
    } else {
        format!(r#" data-prerendered="{}""#, escape_html(&html.prerendered))
    };
    Ok(page
        .replacen(
            ROOT_ELEMENT,
            &format!(
                r#"<div id="wbw-root"{attribute}>{}</div><div id="wbw-static">{}</div>"#,
                html.card, html.claims
            ),
            1,
        )
        .replacen(
            "</body>",
            &data_blocks(&html.data, html.focus_part.as_deref()),
            1,
        ))
}

/// The inline dataset (and focus part) before `</body>`.
fn data_blocks(data: &str, part: Option<&str>) -> String {
    let part = part.map_or(String::new(), |p| format!("{PART_BLOCK}{p}</script>\n"));
    format!("{DATA_BLOCK}{data}</script>\n{part}</body>")
}

/// The single-file edition's script, before it starts the wasm: the data
/// downloads (claims.json, claims.csv) come from the copies inside the file
/// (`<script type="text/plain" data-wbw-file>`, `&` and `<` as entities),
/// as blob links, wherever the file is. The sources' full texts are not
/// inside: when the file is not served beside them (a lone file on disk, or
/// on a host without `sources/`), their "Full text" links are hidden and a
/// note says so. Then, as web/boot.js does, it starts the wasm and leaves the
/// prerendered card readable with a notice when the wasm cannot run.
const SINGLE_FILE_START: &str = r#"{
  const files = new Map();
  for (const block of document.querySelectorAll('script[type="text/plain"][data-wbw-file]')) {
    const text = block.textContent.replace(/&(lt|amp);/g, (_, e) => (e === 'lt' ? '<' : '&'));
    files.set(block.dataset.wbwFile, new Blob([text], { type: block.dataset.type }));
  }
  const here = new URL('./', location.href);
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement && node.hasAttribute('href'));
    if (!link) return;
    const target = new URL(link.href, location.href);
    const name = target.href.startsWith(here.href) ? target.pathname.slice(here.pathname.length) : '';
    const blob = files.get(name);
    if (!blob) return;
    event.preventDefault();
    const save = document.createElement('a');
    save.href = URL.createObjectURL(blob);
    save.download = link.getAttribute('download') || name;
    save.hidden = true;
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(save.href), 60000);
  }, true);
  const withoutFullTexts = () => {
    document.documentElement.classList.add('wbw-lone-file');
    const note = document.createElement('p');
    note.className = 'wbw-lone-note';
    note.setAttribute('role', 'note');
    note.textContent = 'This copy of the card is a single file: the full texts of its sources are not inside it, so their links are hidden. The data downloads (claims.json, claims.csv) are inside and work.';
    document.getElementById('wbw-root')?.after(note);
  };
  const first = document.querySelector('a[href^="sources/"][href$=".txt"]');
  if (!/^https?:$/.test(location.protocol)) withoutFullTexts();
  else if (first) {
    fetch(first.href, { method: 'HEAD', credentials: 'omit' })
      .then((r) => { if (!r.ok) withoutFullTexts(); }, withoutFullTexts);
  }
}
await (async (wasm64) => {
  try {
    const bytes = Uint8Array.from(atob(wasm64), (c) => c.charCodeAt(0));
    await __wbg_init({ module_or_path: bytes });
    document.getElementById('wbw-static')?.remove();
  } catch (error) {
    const card = document.querySelector('#wbw-root .wbw');
    if (!card || card.querySelector('.wbw-unavailable')) return;
    card.classList.add('wbw-static');
    const notice = document.createElement('div');
    notice.className = 'wbw-notice wbw-unavailable';
    notice.setAttribute('role', 'status');
    const text = document.createElement('p');
    text.textContent = 'The interactive parts of this card could not start in this browser. Everything below can still be read.';
    notice.append(text);
    card.prepend(notice);
    console.warn('who-backs-whom: the card could not start:', error);
  }
})"#;

/// One HTML file with the CSS, the JS glue, the wasm (base64) and the data
/// downloads inside: opened from disk, with no network, it hydrates like the
/// standalone page and its downloads work. It states its own
/// Content-Security-Policy (a `<meta>`, with the hashes of its inline script
/// and styles), which the card's server also sends as the header.
fn single_file(template: &str, assets: &Assets, card: &Prerendered, code: &Code) -> Result<String> {
    let Code {
        css,
        nojs_css,
        glue,
        wasm,
    } = *code;
    use base64::engine::general_purpose::STANDARD as BASE64;
    let whole = Prerendered {
        card: card.card.clone(),
        claims: card.claims.clone(),
        data: card.whole.clone(),
        focus_part: None,
        whole: String::new(),
        prerendered: String::new(),
    };
    // A lone file has no other pages beside it to link to.
    let lone = Assets {
        alternates: String::new(),
        lang_links: String::new(),
        ..assets.clone()
    };
    let page = page(template, &lone, &whole)?;
    let head_end = page
        .find("<link rel=\"stylesheet\"")
        .ok_or("web/index.html: no stylesheet link")?;
    let body = page.find("</head>").ok_or("web/index.html: no </head>")?;
    if !glue.contains("async function __wbg_init(") {
        return fail("the wasm-bindgen glue has no __wbg_init: the single-file edition needs updating for this wasm-bindgen version");
    }
    let dataset = who_backs_whom_core::codec::decode(&card.whole).map_err(|e| e.message())?;
    let inline_file = |name: &str, kind: &str, text: &str| {
        let text = text.replace('&', "&amp;").replace('<', "&lt;");
        format!("<script type=\"text/plain\" data-wbw-file=\"{name}\" data-type=\"{kind}\">{text}</script>\n")
    };
    let downloads = inline_file(
        "claims.json",
        "application/json",
        &load::export::to_json(&dataset),
    ) + &inline_file("claims.csv", "text/csv", &load::export::to_csv(&dataset));
    let wasm64 = BASE64.encode(wasm);
    // The glue is an ES module; as an inline module its `export`s are inert,
    // and `__wbg_init` (its default export) accepts the wasm bytes.
    let script = format!("\n{glue}\n{SINGLE_FILE_START}(\"{wasm64}\");\n");
    let style = format!("\n{css}\n.wbw-lone-file a[href^=\"sources/\"][href$=\".txt\"] {{ display: none; }}\n.wbw-lone-note {{ max-width: 40rem; margin: 1rem auto; padding: 0 1rem; font: 0.875rem/1.4 system-ui, sans-serif; }}\n");
    let nojs_style = format!("\n{nojs_css}\n");
    let hash = |text: &str| {
        format!(
            "'sha256-{}'",
            BASE64.encode(Sha256::digest(text.as_bytes()))
        )
    };
    let policy = format!(
        "default-src 'self'; script-src {} 'wasm-unsafe-eval'; style-src {} {}; img-src 'self' data: blob:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'",
        hash(&script),
        hash(&style),
        hash(&nojs_style)
    );
    if !page[..head_end].contains("<head>") {
        return fail("web/index.html: no <head> for the single-file edition's policy");
    }
    // A lone file has no icon or manifest beside it: no links to them (an
    // empty icon, so that no browser asks for /favicon.ico either).
    let head = page[..head_end]
        .lines()
        .filter(|line| !line.contains("<link rel=\"manifest\""))
        .map(|line| match line.contains("<link rel=\"icon\"") {
            true => "  <link rel=\"icon\" href=\"data:,\">",
            false => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let head = head.replacen(
        "<head>",
        &format!("<head>\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"),
        1,
    );
    let page_body = page[body..].replacen("</body>", &format!("{downloads}</body>"), 1);
    Ok(format!(
        "{head}<style>{style}</style>\n<noscript><style>{nojs_style}</style></noscript>\n<script type=\"module\">{script}</script>\n{page_body}"
    ))
}

/// Every file under `dir`, relative, sorted, with `/` separators.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else if let Ok(relative) = path.strip_prefix(base) {
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// What the service worker precaches: what a reader needs offline, not the
/// host-side scripts, the demo pages, the image or the single-file edition.
/// For a dataset `in_parts`, not the downloads and source texts either: at
/// 100,000 claims they are 20 MB of brotli (claims.json, claims.csv and
/// 5,000 texts) that every reader's phone would fetch in the background; they
/// stay a tap away online, and the card's claims (parts, cached as they are
/// read) still open offline.
fn precached(file: &str, offline: &str, in_parts: bool) -> bool {
    let bulky = file.starts_with("sources/") || file == "claims.json" || file == "claims.csv";
    !((in_parts && bulky)
        || file.starts_with("demo/")
        || file.starts_with("parts/")
        || file.starts_with("focus-")
        || file.starts_with("embed-focus-")
        || file.starts_with("oembed-focus-")
        || file.ends_with(".br")
        || file.starts_with('.')
        || file == offline
        || matches!(
            file,
            "sw.js"
                | "element.js"
                | "embed-loader.js"
                | "card.png"
                | "card.svg"
                | "claims.ftm.json"
                | OEMBED
        ))
}

/// Renders `svg` to a `size`×`size` PNG (icons have no text, so no fonts).
fn png_icon(svg: &[u8], size: u32) -> Result<Vec<u8>> {
    let tree = resvg::usvg::Tree::from_data(svg, &resvg::usvg::Options::default())
        .map_err(|e| format!("web/icon.svg: {e}"))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size, size).ok_or("icon size")?;
    let scale = size as f32 / tree.size().width().max(tree.size().height());
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| format!("icon PNG: {e}"))
}

/// Builds `dist/` (or `--out`) for one dataset, into a folder beside it that
/// replaces it only when every step has succeeded: a failed build never
/// leaves half a site.
pub fn build(root: &Path, build: &Build) -> Result {
    let mut laps = Laps::start();
    let loaded = check_data(&build.dataset)?;
    laps.lap("check");
    tools::ensure_build_tools(root)?;
    let path = tools::path_with_tools(root);
    let out = build.out.with_extension("building");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;

    let (glue, wasm) = compile_wasm(root, build, &path)?;
    laps.lap("engine");
    let whole = who_backs_whom_core::codec::encode(&loaded.dataset);
    let (data, part_of) = split_if_large(&out, &loaded, &whole)?;
    let foci = focus_pages(&loaded.dataset, data.len());
    let (assets, css, nojs_css) = write_assets(root, &out, &loaded, &glue, &wasm, &data)?;
    laps.lap("encode");
    let ids: Vec<String> = foci
        .iter()
        .map(|a| loaded.dataset.actor(*a).id.to_string())
        .collect();
    let langs = page_langs();
    let actors: Vec<_> = std::iter::once(loaded.dataset.meta.focus)
        .chain(foci.iter().copied())
        .chain(langs.iter().map(|_| loaded.dataset.meta.focus))
        .collect();
    let inline = inline_parts(&part_of, &actors);
    // Each focus's page, then each language's default page (`lang=my`).
    let states: Vec<String> = ids
        .iter()
        .cloned()
        .chain(langs.iter().map(|l| format!("lang={}", l.code())))
        .collect();
    let mut pages = prerender_pages(root, build, &whole, &data, &inline, &states)?;
    for (page, part) in pages.iter_mut().zip(inline) {
        page.data = data.clone();
        page.focus_part = part.map(|(_, text)| text);
    }
    pages[0].whole = whole;
    laps.lap("prerender");
    let code = Code {
        css: &css,
        nojs_css: &nojs_css,
        glue: &glue,
        wasm: &wasm,
    };
    write_pages(root, &out, &assets, &pages[0])?;
    write_single_file(root, &out, &assets, &pages[0], &code, &loaded.dataset)?;
    let (focus_html, lang_html) = pages[1..].split_at(foci.len());
    write_focus_pages(root, &out, &assets, &loaded.dataset, &foci, focus_html)?;
    write_lang_pages(root, &out, &assets, &loaded.dataset, &langs, lang_html)?;
    write_images(root, &out, &loaded, &build.cargo_target.join("wbw-images"))?;
    write_oembed(&out, &loaded, &assets.public_url, &ids)?;
    laps.lap("pages and images");
    write_data(&out, &loaded)?;
    write_service_worker(root, &out, &assets.offline)?;
    laps.lap("exports and worker");
    let brotli = crate::sizes::precompress(&out, &build.cargo_target.join("wbw-brotli"))?;
    write(&out.join(".contract-ready"), "")?;
    laps.lap("brotli");
    println!(
        "build: brotli compressed {} files ({} MB), {} more from its cache",
        brotli.compressed,
        brotli.compressed_bytes / 1_000_000,
        brotli.cached
    );
    println!("build: took {}", laps.report());

    let _ = std::fs::remove_dir_all(&build.out);
    std::fs::rename(&out, &build.out).map_err(|e| {
        format!(
            "cannot move {} to {}: {e}",
            out.display(),
            build.out.display()
        )
    })?;
    println!("build: {} is ready", build.out.display());
    crate::sizes::print(&build.out)
}

/// How long each step of a build took, for the figures in BENCHMARKS.md.
struct Laps {
    at: std::time::Instant,
    laps: Vec<(&'static str, f64)>,
}

impl Laps {
    fn start() -> Laps {
        Laps {
            at: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        self.laps.push((name, self.at.elapsed().as_secs_f64()));
        self.at = std::time::Instant::now();
    }

    fn report(&self) -> String {
        let total: f64 = self.laps.iter().map(|(_, s)| s).sum();
        let steps: Vec<String> = self
            .laps
            .iter()
            .map(|(name, s)| format!("{name} {s:.1} s"))
            .collect();
        format!("{total:.1} s ({})", steps.join(", "))
    }
}

/// A compiled dataset over [`who_backs_whom_core::codec::PARTS_ABOVE_BYTES`]
/// is written as an index (what the pages carry and the element fetches)
/// and one part per actor under `parts/`; returns the index, or the whole
/// dataset, and the focus's part to inline.
fn split_if_large(out: &Path, loaded: &load::Loaded, whole: &str) -> Result<(String, PartOf)> {
    use who_backs_whom_core::codec;
    if whole.len() <= codec::PARTS_ABOVE_BYTES {
        return Ok((whole.to_string(), Vec::new()));
    }
    let split = codec::encode_parts(&loaded.dataset);
    let index = codec::decode(&split.index).map_err(|e| e.message())?;
    let files = index.parts.map(|p| p.files).unwrap_or_default();
    let part_of: PartOf = files
        .iter()
        .map(|file| {
            let file = file.as_deref()?;
            split
                .parts
                .iter()
                .find(|(name, _)| name == file)
                .map(|(_, t)| t.clone())
        })
        .collect();
    for (name, text) in &split.parts {
        write(&out.join(name), text)?;
    }
    println!(
        "build: the dataset is {} KB compiled, over {} KB: an index and {} parts",
        whole.len() / 1024,
        codec::PARTS_ABOVE_BYTES / 1024,
        split.parts.len()
    );
    Ok((split.index, part_of))
}

/// The part each page carries inline (by the actor it shows): none for a
/// dataset in one piece, and none for a part over
/// [`who_backs_whom_core::codec::INLINE_PART_BYTES`].
fn inline_parts(
    part_of: &PartOf,
    actors: &[who_backs_whom_core::ActorId],
) -> Vec<Option<(usize, String)>> {
    actors
        .iter()
        .map(|a| {
            let at = usize::from(a.0);
            let part = part_of.get(at).cloned().flatten()?;
            (part.len() <= who_backs_whom_core::codec::INLINE_PART_BYTES).then_some((at, part))
        })
        .collect()
}

/// Prerenders every page from what it carries: the whole dataset, or for a
/// dataset in parts the index and the page's inline part (in a folder of
/// this process's own, as the prerenderer's `--pages` reads it).
fn prerender_pages(
    root: &Path,
    build: &Build,
    whole: &str,
    data: &str,
    inline: &[Option<(usize, String)>],
    ids: &[String],
) -> Result<Vec<Prerendered>> {
    // Per process: builds of other datasets may run at the same time.
    let dir = build
        .cargo_target
        .join(format!("wbw-prerender-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write(&dir.join("whole.txt"), whole)?;
    let mut args: Vec<String> = Vec::new();
    if data != whole {
        write(&dir.join("index.txt"), data)?;
        for (at, text) in inline.iter().flatten() {
            write(&dir.join(format!("part-{at}.txt")), text)?;
        }
        args.extend(["--pages".to_string(), dir.to_string_lossy().into_owned()]);
    }
    args.extend(ids.iter().cloned());
    let pages = prerender(root, build, &dir.join("whole.txt"), &args);
    let _ = std::fs::remove_dir_all(&dir);
    pages.and_then(|pages| {
        if pages.len() == inline.len() {
            Ok(pages)
        } else {
            fail("prerender printed another number of pages than asked for")
        }
    })
}

/// For a dataset in parts, each actor's part (by actor index); empty for a
/// dataset in one piece.
type PartOf = Vec<Option<String>>;

/// Actors that get prerendered pages of their own (`focus-<id>.html`,
/// `embed-focus-<id>.html`), so that a link or an embed to them shows their
/// state from the first paint and without JavaScript: every actor some claim
/// is about, most claims first, at most this many (above it, the others'
/// links open the default page, which applies the link once the card runs).
pub const MAX_FOCUS_PAGES: usize = 100;

/// All focus pages together carry at most about this much inline data: each
/// carries the whole index, so a dataset whose index is large gets fewer
/// (100 at 20,000 claims, about 20 at 100,000) instead of hundreds of
/// megabytes of pages to write and compress.
pub const FOCUS_PAGES_DATA_BYTES: usize = 96 * 1024 * 1024;

/// The actors with pages of their own, in the order their pages are made:
/// those with most claims, at most [`MAX_FOCUS_PAGES`] and as many as
/// [`FOCUS_PAGES_DATA_BYTES`] allows for an index of `index_bytes` (plus its
/// inline part) on each of an actor's two pages.
fn focus_pages(
    dataset: &who_backs_whom_core::Dataset,
    index_bytes: usize,
) -> Vec<who_backs_whom_core::ActorId> {
    let per_actor = 2 * (index_bytes + who_backs_whom_core::codec::INLINE_PART_BYTES / 2);
    let most = (FOCUS_PAGES_DATA_BYTES / per_actor.max(1)).min(MAX_FOCUS_PAGES);
    let mut counts = vec![0usize; dataset.actors.len()];
    for c in dataset.claims.iter() {
        counts[usize::from(c.subject.0)] += 1;
        counts[usize::from(c.object.0)] += 1;
    }
    let mut actors: Vec<_> = dataset
        .actor_ids()
        .filter(|a| *a != dataset.meta.focus && counts[usize::from(a.0)] > 0)
        .collect();
    actors.sort_by_key(|a| std::cmp::Reverse(counts[usize::from(a.0)]));
    actors.truncate(most);
    actors
}

/// The page names of a focus's own pages: standalone and embed.
pub fn focus_page_names(id: &str) -> [String; 2] {
    [format!("focus-{id}.html"), format!("embed-focus-{id}.html")]
}

/// The content-hashed code, style, boot script and dataset, and the names
/// the templates use for them.
fn write_assets(
    root: &Path,
    out: &Path,
    loaded: &load::Loaded,
    glue: &str,
    wasm: &[u8],
    data: &str,
) -> Result<(Assets, String, String)> {
    let css = read_text(&root.join("styles/card.css"))?;
    let nojs_css = read_text(&root.join("styles/nojs.css"))?;
    let hash = content_hash(wasm);
    let meta = &loaded.dataset.meta;
    let mut assets = Assets {
        glue: format!("who-backs-whom-{hash}.js"),
        wasm: format!("who-backs-whom-{hash}_bg.wasm"),
        css: format!("card-{}.css", content_hash(css.as_bytes())),
        nojs_css: format!("card-nojs-{}.css", content_hash(nojs_css.as_bytes())),
        boot: String::new(),
        data: format!(
            "{}-{}.txt",
            who_backs_whom_core::codec::FILE_STEM,
            content_hash(data.as_bytes())
        ),
        offline: meta.offline_file_name(),
        title: meta.title.to_string(),
        short_name: meta.short_name().to_string(),
        description: meta.description.to_string(),
        jsonld: String::new(),
        oembed_link: String::new(),
        public_url: public_url(),
        lang: "en".into(),
        dir: "ltr".into(),
        image: image_name(Lang::EN),
        image_alt: Lang::EN.catalogue().image_alt.to_string(),
        alternates: String::new(),
        lang_links: lang_links(Lang::EN),
    };
    assets.alternates = alternates(&assets.public_url, &page_langs());
    assets.jsonld = format!(
        r#"<script type="application/ld+json">{}</script>"#,
        load::jsonld::jsonld(&loaded.dataset, &assets.public_url)
    );
    if !assets.public_url.is_empty() {
        assets.oembed_link = format!(
            r#"<link rel="alternate" type="application/json+oembed" href="{}{OEMBED}" title="{}">"#,
            escape_html(&assets.public_url),
            escape_html(&assets.title)
        );
    }
    let boot = assets.substitute(&read_text(&root.join("web/boot.js"))?);
    assets.boot = format!("boot-{}.js", content_hash(boot.as_bytes()));
    write(&out.join(&assets.glue), glue)?;
    write(&out.join(&assets.wasm), wasm)?;
    write(&out.join(&assets.css), &css)?;
    write(&out.join(&assets.nojs_css), &nojs_css)?;
    write(&out.join(&assets.boot), &boot)?;
    write(&out.join(&assets.data), data)?;
    Ok((assets, css, nojs_css))
}

/// The card's code and style as the single-file edition carries them.
#[derive(Clone, Copy)]
struct Code<'a> {
    css: &'a str,
    nojs_css: &'a str,
    glue: &'a str,
    wasm: &'a [u8],
}

/// The single-file edition, unless the dataset is too large for one
/// ([`who_backs_whom_core::edition::single_file`], which the card's "Save for
/// offline" link follows too).
fn write_single_file(
    root: &Path,
    out: &Path,
    assets: &Assets,
    card: &Prerendered,
    code: &Code,
    dataset: &who_backs_whom_core::Dataset,
) -> Result {
    use who_backs_whom_core::edition;
    let Some(name) = edition::single_file(dataset) else {
        println!(
            "build: the single-file edition left out: {} claims, over {} (it would carry them all, and both downloads, in one HTML file); the standalone page still works offline through the service worker",
            dataset.claim_count(),
            edition::SINGLE_FILE_MAX_CLAIMS
        );
        return Ok(());
    };
    let index = read_text(&root.join("web/index.html"))?;
    write(&out.join(name), single_file(&index, assets, card, code)?)
}

/// The two pages, the copied and templated files and the demo pages.
fn write_pages(root: &Path, out: &Path, assets: &Assets, card: &Prerendered) -> Result {
    let web = root.join("web");
    for name in PAGES {
        write(
            &out.join(name),
            page(&read_text(&web.join(name))?, assets, card)?,
        )?;
    }
    for name in COPIED {
        write(&out.join(name), read(&web.join(name))?)?;
    }
    for name in TEMPLATED {
        write(
            &out.join(name),
            assets.substitute(&read_text(&web.join(name))?),
        )?;
    }
    for file in files_under(&web.join("demo")) {
        let source = web.join("demo").join(&file);
        let target = out.join("demo").join(&file);
        if file.ends_with(".html") {
            let html = assets.substitute(&read_text(&source)?);
            write(&target, html.replace("__WBW_CARD__", ".."))?;
        } else {
            write(&target, read(&source)?)?;
        }
    }
    Ok(())
}

/// `$WBW_PUBLIC_URL` with one trailing slash, or "".
fn public_url() -> String {
    match std::env::var("WBW_PUBLIC_URL") {
        Ok(url) if !url.is_empty() && !url.ends_with('/') => url + "/",
        Ok(url) => url,
        Err(_) => String::new(),
    }
}

/// The oEmbed response's file name (beside the pages).
const OEMBED: &str = "oembed.json";

/// The width and height a PNG's header gives.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    let word = |at: usize| Some(u32::from_be_bytes(png.get(at..at + 4)?.try_into().ok()?));
    Some((word(16)?, word(20)?))
}

/// `oembed.json` for the standalone page, when the public URL is known.
fn write_oembed(out: &Path, loaded: &load::Loaded, public_url: &str, foci: &[String]) -> Result {
    if public_url.is_empty() {
        println!(
            "build: oembed.json left out: oEmbed needs absolute URLs; set WBW_PUBLIC_URL to the card's public address"
        );
        return Ok(());
    }
    let thumbnail = png_size(&read(&out.join("card.png"))?);
    let json = load::oembed::oembed(&loaded.dataset, public_url, "embed.html", None, thumbnail);
    write(&out.join(OEMBED), json)?;
    for id in foci {
        let [_, embed] = focus_page_names(id);
        let json = load::oembed::oembed(&loaded.dataset, public_url, &embed, None, thumbnail);
        write(&out.join(focus_oembed_name(id)), json)?;
    }
    Ok(())
}

/// The oEmbed response of a focus's own page.
fn focus_oembed_name(id: &str) -> String {
    format!("oembed-focus-{id}.json")
}

/// The standalone and the embed page's templates (`web/index.html`, `web/embed.html`).
fn page_templates(root: &Path) -> Result<[String; 2]> {
    let web = root.join("web");
    Ok([
        read_text(&web.join("index.html"))?,
        read_text(&web.join("embed.html"))?,
    ])
}

/// One state's standalone and embed page, named `names`, filled from `assets`.
fn write_pair(
    out: &Path,
    templates: &[String; 2],
    names: &[String; 2],
    assets: &Assets,
    html: &Prerendered,
) -> Result {
    for (name, template) in names.iter().zip(templates) {
        write(&out.join(name), page(template, assets, html)?)?;
    }
    Ok(())
}

/// Each focus's own standalone and embed pages, titled with its name and
/// prerendered in its state (with its part inline, for a dataset in parts).
fn write_focus_pages(
    root: &Path,
    out: &Path,
    assets: &Assets,
    dataset: &who_backs_whom_core::Dataset,
    foci: &[who_backs_whom_core::ActorId],
    pages: &[Prerendered],
) -> Result {
    let templates = page_templates(root)?;
    for (actor, html) in foci.iter().zip(pages) {
        let a = dataset.actor(*actor);
        let mut own = assets.clone();
        own.title = format!("{} · {}", a.name, assets.title);
        // The dataset's JSON-LD stands once, on the main page.
        own.jsonld = String::new();
        if !own.oembed_link.is_empty() {
            own.oembed_link = assets
                .oembed_link
                .replace(OEMBED, &focus_oembed_name(&a.id));
        }
        write_pair(out, &templates, &focus_page_names(&a.id), &own, html)?;
    }
    Ok(())
}

/// Each language's standalone and embed page (`index-my.html`,
/// `embed-my.html`), prerendered in it: readable in that language without
/// JavaScript, and what the embed snippets and the language links point at.
fn write_lang_pages(
    root: &Path,
    out: &Path,
    assets: &Assets,
    dataset: &who_backs_whom_core::Dataset,
    langs: &[Lang],
    pages: &[Prerendered],
) -> Result {
    let templates = page_templates(root)?;
    for (lang, html) in langs.iter().zip(pages) {
        let mut own = assets.in_lang(dataset, *lang);
        // The dataset's JSON-LD stands once, on the main page.
        own.jsonld = String::new();
        write_pair(out, &templates, &lang_page_names(*lang), &own, html)?;
    }
    Ok(())
}

/// The bytes kept at `key`, or those `make` gives (then kept there): for
/// renderings that depend only on what their key hashes.
fn cached(key: &Path, make: impl FnOnce() -> Result<Vec<u8>>) -> Result<Vec<u8>> {
    if let Ok(bytes) = read(key) {
        return Ok(bytes);
    }
    let bytes = make()?;
    write(key, &bytes)?;
    Ok(bytes)
}

/// The card as an image (from the core's layout) and the app icons.
fn write_images(root: &Path, out: &Path, loaded: &load::Loaded, cache: &Path) -> Result {
    let card_svg = crate::image::card_svg(&loaded.dataset);
    // Rendering takes a second or two; an edit that leaves the drawing as it
    // was (most edits of a claim) reuses the last rendering of that drawing.
    let key = cache.join(format!("card-{}.png", content_hash(card_svg.as_bytes())));
    write(
        &out.join("card.png"),
        cached(&key, || crate::image::png(&card_svg))?,
    )?;
    write(&out.join("card.svg"), card_svg)?;
    for lang in page_langs() {
        let svg = crate::image::card_svg_in(&loaded.dataset, lang);
        let key = cache.join(format!("card-{}.png", content_hash(svg.as_bytes())));
        write(
            &out.join(image_name(lang)),
            cached(&key, || crate::image::png(&svg))?,
        )?;
    }
    let icon = read(&root.join("web/icon.svg"))?;
    for size in [192, 512] {
        let key = cache.join(format!("icon-{size}-{}.png", content_hash(&icon)));
        let png = cached(&key, || png_icon(&icon, size))?;
        write(&out.join(format!("icon-{size}.png")), png)?;
    }
    Ok(())
}

/// The downloads and the full text of each source.
fn write_data(out: &Path, loaded: &load::Loaded) -> Result {
    write(
        &out.join("claims.json"),
        load::export::to_json(&loaded.dataset),
    )?;
    write(
        &out.join("claims.csv"),
        load::export::to_csv(&loaded.dataset),
    )?;
    write(
        &out.join("claims.ftm.json"),
        load::ftm::to_ftm(&loaded.dataset, &loaded.source_texts),
    )?;
    for (source, text) in loaded.dataset.sources.iter().zip(&loaded.source_texts) {
        write(&out.join(format!("sources/{}.txt", source.id)), text)?;
    }
    Ok(())
}

/// The service worker: one cache per build, named by the hash of everything in it.
fn write_service_worker(root: &Path, out: &Path, offline: &str) -> Result {
    let mut precache = vec!["./".to_string()];
    let mut version = Sha256::new();
    let in_parts = out.join("parts").is_dir();
    for file in files_under(out)
        .into_iter()
        .filter(|f| precached(f, offline, in_parts))
    {
        version.update(file.as_bytes());
        version.update(read(&out.join(&file))?);
        precache.push(file);
    }
    let version = content_hash(&version.finalize());
    let list: Vec<String> = precache.iter().map(|f| json_string(f)).collect();
    let worker = read_text(&root.join("web/sw.js"))?
        .replace("__WBW_VERSION__", &version)
        .replace("__WBW_PRECACHE__", &format!("[{}]", list.join(",")));
    write(&out.join("sw.js"), worker)
}
