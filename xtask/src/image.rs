//! The card as a still image (`card.svg`, `card.png`), drawn at build time from
//! the same layout the network view uses: the social preview (`og:image`) and
//! the fallback where no script runs (newsletters, AMP, the script embed's
//! `<noscript>`). The PNG is rasterised with resvg from the SVG, with the
//! machine's fonts; nothing is fetched.

use std::fmt::Write;

use who_backs_whom_core::i18n::{fill, Lang};
use who_backs_whom_core::layout::{self, svg_number as n};
use who_backs_whom_core::query::{self, GroupKind};
use who_backs_whom_core::{Dataset, Filter, RelationFamily};

use crate::Result;

/// Image width in SVG units; the drawing (360 wide) is scaled to fit.
const WIDTH: f32 = 1200.0;
const MARGIN: f32 = 48.0;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn band_colour(band: layout::Band) -> &'static str {
    match band {
        layout::Band::Backing => "#0b6b3a",
        layout::Band::Opposing => "#a3122b",
        layout::Band::Contacts => "#4a5560",
    }
}

fn edge_style(group: GroupKind) -> (&'static str, &'static str) {
    match group {
        GroupKind::Backers | GroupKind::BackedByFocus => ("#0b6b3a", ""),
        GroupKind::Opponents | GroupKind::OpposedByFocus => ("#a3122b", "7 4"),
        GroupKind::Contacts => ("#4a5560", "1.5 4"),
    }
}

/// The default view of the card (its focus, backers and opponents) as SVG, in English.
pub fn card_svg(dataset: &Dataset) -> String {
    card_svg_in(dataset, Lang::EN)
}

/// The image's fonts: Latin ones for English; for another language, the
/// Burmese fonts Debian has (fonts-sil-padauk, fonts-noto-core) first, so
/// that resvg shapes its text with them (it does not fall back per
/// character from a Latin font), Padauk first since it has Latin letters,
/// digits and punctuation too.
fn fonts(lang: Lang) -> &'static str {
    if lang == Lang::EN {
        "DejaVu Sans, Liberation Sans, Arial, sans-serif"
    } else {
        "Padauk, Noto Sans Myanmar, DejaVu Sans, Liberation Sans, Arial, sans-serif"
    }
}

/// [`card_svg`] in `lang`: every word from its catalogue, the actors' names
/// and the dataset's title from the dataset's translation (else the originals).
pub fn card_svg_in(dataset: &Dataset, lang: Lang) -> String {
    let m = lang.catalogue();
    let focus = dataset.meta.focus;
    let neighbourhood = query::neighbourhood(dataset, focus, &Filter::default());
    let drawing = layout::layout_in(dataset, &neighbourhood, lang);
    let title = dataset.localized(
        lang,
        who_backs_whom_core::model::Field::Title,
        "",
        &dataset.meta.title,
    );
    let scale = (WIDTH - 2.0 * MARGIN) / drawing.width;
    let top = 150.0;
    let height = top + drawing.height * scale + 110.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{f}">"##,
        w = n(WIDTH),
        h = n(height.ceil()),
        f = fonts(lang)
    );
    let _ = write!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/><text x="{m}" y="78" font-size="44" font-weight="700" fill="#1a1a1a">{title}</text><text x="{m}" y="122" font-size="24" fill="#555b62">{sub}</text>"##,
        m = n(MARGIN),
        title = escape(title.text()),
        sub = escape(&fill(
            m.header_meta,
            &[
                (
                    "claims",
                    &m.count(dataset.claim_count(), m.attributed_claims)
                ),
                ("sources", &m.count(dataset.sources.len(), m.sources_count)),
                ("date", &m.date(dataset.meta.as_of)),
            ]
        ))
    );
    let _ = write!(
        svg,
        r#"<g transform="translate({} {top}) scale({})">"#,
        n(MARGIN),
        scale
    );
    for edge in &drawing.edges {
        let (colour, dash) = edge_style(edge.group);
        let width = match edge.family {
            RelationFamily::Military => "5.5",
            RelationFamily::Electoral => "3.5",
            RelationFamily::Political => "2",
        };
        let _ = write!(
            svg,
            r#"<path d="{}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-linejoin="round" stroke-dasharray="{dash}"/>"#,
            edge.path()
        );
    }
    for heading in &drawing.headings {
        let _ = write!(
            svg,
            r##"<text x="4" y="{}" font-size="11" font-weight="700" fill="{}">{}</text>"##,
            n(heading.y),
            band_colour(heading.band),
            escape(&m.bands[heading.band as usize].to_uppercase())
        );
    }
    // Nodes as the card draws them (components/network.rs, styles/card.css,
    // light theme): ringed and tinted by band, a glyph for the kind, the
    // claim count on the rim; the focus in a dark box.
    let node = |svg: &mut String, node: &layout::Node, is_focus: bool| {
        let colour = band_colour(node.band);
        let (glyph_fill, text_fill) = if is_focus {
            let (left, top, right, bottom) = node.bounds();
            let _ = write!(
                svg,
                r##"<rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="#1a1a1a"/>"##,
                n(left),
                n(top),
                n(right - left),
                n(bottom - top)
            );
            ("#ffffff", "#ffffff")
        } else {
            let _ = write!(
                svg,
                r##"<circle cx="{}" cy="{}" r="{}" fill="#ffffff" stroke="{colour}" stroke-width="2"/>"##,
                n(node.x),
                n(node.y),
                n(node.radius)
            );
            (colour, "#1a1a1a")
        };
        let (gx, gy, size) = node.glyph;
        let _ = write!(
            svg,
            r#"<path d="{}" fill="{glyph_fill}" fill-rule="evenodd" transform="translate({} {}) scale({})"/>"#,
            layout::glyph(node.kind),
            n(gx),
            n(gy),
            size / 24.0
        );
        for (i, line) in node.label.iter().enumerate() {
            let _ = write!(
                svg,
                r##"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="{text_fill}" font-weight="{}" stroke="{}" stroke-width="3" paint-order="stroke">{}</text>"##,
                n(node.label_x),
                n(node.label_y + i as f32 * layout::LINE_HEIGHT),
                n(layout::FONT_SIZE),
                if is_focus { 700 } else { 400 },
                if is_focus { "none" } else { "#ffffff" },
                escape(line)
            );
        }
        if let Some(badge) = drawing.badges.iter().find(|b| b.actor == node.actor) {
            let _ = write!(
                svg,
                r##"<circle cx="{x}" cy="{y}" r="{r}" fill="#ffffff" stroke="#555b62" stroke-width="1.5"/><text x="{x}" y="{ty}" font-size="12" font-weight="700" text-anchor="middle" fill="#1a1a1a">{count}</text>"##,
                x = n(badge.x),
                y = n(badge.y),
                r = n(layout::BADGE_RADIUS),
                ty = n(badge.y + 4.0),
                count = m.number(badge.claims)
            );
        }
    };
    node(&mut svg, &drawing.focus, true);
    for each in &drawing.nodes {
        node(&mut svg, each, false);
    }
    let _ = write!(
        svg,
        r##"</g><text x="{m}" y="{y}" font-size="22" fill="#555b62">{legend}</text><text x="{m}" y="{y2}" font-size="22" fill="#555b62">{open}</text></svg>"##,
        m = n(MARGIN),
        y = n(height - 60.0),
        y2 = n(height - 28.0),
        legend = escape(m.image_legend),
        open = escape(m.image_open)
    );
    svg
}

/// Rasterises `svg` at its own size, with the system's fonts.
pub fn png(svg: &str) -> Result<Vec<u8>> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    if options.fontdb.is_empty() {
        eprintln!("build: warning: no system fonts found; card.png will have no text (install fonts-dejavu-core)");
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| format!("card.svg: {e}"))?;
    let size = tree.size().to_int_size();
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("card.png size")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| format!("card.png: {e}"))
}
