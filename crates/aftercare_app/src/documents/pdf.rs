//! A document's pages written as a PDF: text set in the one font, rules and a QR code, written
//! with `pdf-writer`, the font subset by `subsetter`.
//!
//! Written here rather than through a general PDF library (krilla, until December 2026): every
//! RMA e-mail carries a slip, and krilla subset, deflated and measured the font anew for each
//! one, with no way to keep a subset from one document for the next: most of the slip's time,
//! and a fifth of the server's CPU in the return flow. Here the glyphs of the Latin scripts are
//! subset and deflated once per process, and every document whose text they cover embeds those
//! same bytes; a document with other characters (a Chinese name) gets a subset of exactly the
//! glyphs it uses, as before.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::OnceLock;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::writers::WMode;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::{DocumentError, FONT_BYTES, MARGIN, Op, PAGE_H, PAGE_W, dark_rects, glyph, measure};

/// A page as `Writer` laid it out, in points from its top-left corner.
#[derive(Default)]
pub(super) struct Page {
    pub(super) ops: Vec<Op>,
    /// A QR code: its text, left, top and side.
    pub(super) qr: Option<(String, f32, f32, f32)>,
}

/// The characters the shared subset holds: the Latin scripts of Western and Central Europe and
/// the Americas (Basic Latin, Latin-1, Latin Extended-A) and the punctuation documents and
/// addresses use. 380 glyphs, 30 KB deflated, embedded whole in every document they cover.
fn shared_characters() -> impl Iterator<Item = char> {
    (' '..='~')
        .chain('\u{a0}'..='\u{17f}')
        .chain("‐‑‒–—―‘’‚“”„•…‰‹›€™·№".chars())
}

const CMAP_NAME: &[u8] = b"Aftercare-UTF16";

const SYSTEM_INFO: SystemInfo<'static> = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// The font as one document embeds it: the glyphs it holds, numbered afresh (the CIDs a page
/// shows), and its objects (the font, its widths, characters and deflated subset) written once,
/// at the numbers `FONT` gives them in every document.
struct Embedded {
    /// The font's glyph id and its CID, sorted by the former.
    cids: Vec<(u16, u16)>,
    objects: pdf_writer::Chunk,
}

/// The numbers of the font's objects, the same in every document: the document's catalog, page
/// tree and information come before them, its pages after.
const FONT: Ref = Ref::new(4);
const CID_FONT: Ref = Ref::new(5);
const DESCRIPTOR: Ref = Ref::new(6);
const TO_UNICODE: Ref = Ref::new(7);
const FONT_FILE: Ref = Ref::new(8);
const FIRST_PAGE: i32 = 9;

impl Embedded {
    /// A subset of the font with `glyphs` (glyph id and the character it draws).
    fn of(glyphs: &BTreeMap<u16, char>) -> Result<Embedded, DocumentError> {
        let m = measure().ok_or(DocumentError::Font)?;
        let mut remapper = subsetter::GlyphRemapper::new();
        for &g in glyphs.keys() {
            remapper.remap(g);
        }
        let subset = subsetter::subset(FONT_BYTES, 0, &remapper)
            .map_err(|e| DocumentError::Pdf(format!("font subset: {e}")))?;
        let cids: Vec<(u16, u16)> = glyphs
            .keys()
            .filter_map(|&g| Some((g, remapper.get(g)?)))
            .collect();
        // The missing glyph is measured as half an em (`glyph`), so it is drawn as wide.
        let mut widths = vec![500.0; usize::from(remapper.num_gids())];
        let mut to_unicode = UnicodeCmap::new(Name(CMAP_NAME), SYSTEM_INFO);
        for (&g, &c) in glyphs {
            let Some(cid) = remapper.get(g) else { continue };
            if g == 0 {
                continue;
            }
            // The advance text is measured with (`glyph`), so that what is drawn is exactly as
            // wide as what was laid out, and right-aligned columns end at their edge.
            if let Some(width) = widths.get_mut(usize::from(cid)) {
                *width = glyph(m, c).1 * 1000.0;
            }
            to_unicode.pair(cid, c);
        }
        let mut deflate = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(subset.len() / 2),
            flate2::Compression::default(),
        );
        deflate
            .write_all(&subset)
            .map_err(|e| DocumentError::Pdf(format!("deflate: {e}")))?;
        let file = deflate
            .finish()
            .map_err(|e| DocumentError::Pdf(format!("deflate: {e}")))?;
        let base_font = format!("{}+WenQuanYiMicroHei", subset_tag(&cids));
        let metrics = metrics().ok_or(DocumentError::Font)?;
        let mut objects = pdf_writer::Chunk::with_capacity(file.len() + 8_000);
        objects
            .type0_font(FONT)
            .base_font(Name(base_font.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(CID_FONT)
            .to_unicode(TO_UNICODE);
        let mut cid = objects.cid_font(CID_FONT);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(base_font.as_bytes()))
            .system_info(SYSTEM_INFO)
            .font_descriptor(DESCRIPTOR)
            .default_width(500.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();
        objects
            .font_descriptor(DESCRIPTOR)
            .name(Name(base_font.as_bytes()))
            .flags(FontFlags::SYMBOLIC)
            .bbox(metrics.bbox)
            .italic_angle(0.0)
            .ascent(metrics.ascent)
            .descent(metrics.descent)
            .cap_height(metrics.cap_height)
            .stem_v(80.0)
            .font_file2(FONT_FILE);
        objects
            .cmap(TO_UNICODE, &to_unicode.finish())
            .name(Name(CMAP_NAME))
            .system_info(SYSTEM_INFO)
            .writing_mode(WMode::Horizontal);
        objects
            .stream(FONT_FILE, &file)
            .filter(Filter::FlateDecode)
            .pair(
                Name(b"Length1"),
                i32::try_from(subset.len()).unwrap_or(i32::MAX),
            );
        Ok(Embedded { cids, objects })
    }

    /// The subset of the Latin scripts, made once per process.
    fn shared() -> Option<&'static Embedded> {
        static SHARED: OnceLock<Option<Embedded>> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                let m = measure()?;
                let glyphs = shared_characters()
                    .map(|c| (glyph(m, c).0, c))
                    .filter_map(|(g, c)| Some((u16::try_from(g).ok()?, c)))
                    .filter(|&(g, _)| g != 0)
                    .fold(BTreeMap::new(), |mut glyphs, (g, c)| {
                        glyphs.entry(g).or_insert(c);
                        glyphs
                    });
                Embedded::of(&glyphs).ok()
            })
            .as_ref()
    }

    fn cid(&self, glyph: u16) -> Option<u16> {
        self.cids
            .binary_search_by_key(&glyph, |&(g, _)| g)
            .ok()
            .and_then(|at| self.cids.get(at))
            .map(|&(_, cid)| cid)
    }
}

/// Six capitals that name a subset by the glyphs it holds (ISO 32000-1, 9.6.4).
fn subset_tag(cids: &[(u16, u16)]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    cids.hash(&mut hasher);
    let mut h = Hasher::finish(&hasher);
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            letter
        })
        .collect()
}

/// The font's size and shape for its descriptor, read once, in thousandths of an em.
struct Metrics {
    bbox: Rect,
    ascent: f32,
    descent: f32,
    cap_height: f32,
}

fn metrics() -> Option<&'static Metrics> {
    static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
    METRICS
        .get_or_init(|| {
            let font = skrifa::FontRef::from_index(FONT_BYTES, 0).ok()?;
            let m = font.metrics(Size::unscaled(), LocationRef::default());
            let em = |v: f32| v / f32::from(m.units_per_em) * 1000.0;
            let bounds = m.bounds?;
            Some(Metrics {
                bbox: Rect::new(
                    em(bounds.x_min),
                    em(bounds.y_min),
                    em(bounds.x_max),
                    em(bounds.y_max),
                ),
                ascent: em(m.ascent),
                descent: em(m.descent),
                cap_height: em(m.cap_height.unwrap_or(m.ascent)),
            })
        })
        .as_ref()
}

/// The PDF of `pages`, titled `title`.
pub(super) fn write(title: &str, pages: &[Page]) -> Result<Vec<u8>, DocumentError> {
    let m = measure().ok_or(DocumentError::Font)?;
    let shared = Embedded::shared().ok_or(DocumentError::Font)?;
    let mut glyphs = BTreeMap::new();
    for text in pages.iter().flat_map(|p| &p.ops).filter_map(|op| match op {
        Op::Text { text, .. } => Some(text),
        Op::Rule { .. } => None,
    }) {
        for c in text.chars() {
            let g = u16::try_from(glyph(m, c).0).unwrap_or(0);
            glyphs.entry(g).or_insert(c);
        }
    }
    let own;
    let font = if glyphs.keys().all(|&g| g == 0 || shared.cid(g).is_some()) {
        shared
    } else {
        own = Embedded::of(&glyphs)?;
        &own
    };

    let (catalog, tree, info) = (Ref::new(1), Ref::new(2), Ref::new(3));
    let page_ids: Vec<(Ref, Ref)> = (FIRST_PAGE..)
        .step_by(2)
        .zip(pages)
        .map(|(n, _)| (Ref::new(n), Ref::new(n + 1)))
        .collect();

    let mut pdf = Pdf::with_capacity(font.objects.len() + 8_000 * pages.len() + 2_000);
    pdf.catalog(catalog).pages(tree);
    pdf.document_info(info)
        .title(TextStr(title))
        .creator(TextStr("Aftercare"));
    pdf.pages(tree)
        .kids(page_ids.iter().map(|&(page, _)| page))
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    for (page, &(page_id, content_id)) in pages.iter().zip(&page_ids) {
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(content_id);
        p.resources().fonts().pair(Name(b"F0"), FONT);
        p.finish();
        let content = content_of(page, font, m);
        pdf.stream(content_id, &content);
    }

    pdf.extend(&font.objects);
    Ok(pdf.finish())
}

/// What a page draws, as PDF operators (PDF's origin is the bottom-left corner). Pages are
/// written as they are, not deflated: deflating an RMA slip's page was a third of drawing it,
/// for 10 KB less in each e-mail.
fn content_of(page: &Page, font: &Embedded, m: &super::Measure) -> Vec<u8> {
    let mut content = Content::new();
    let rules = page.ops.iter().filter_map(|op| match op {
        Op::Rule { y } => Some(*y),
        Op::Text { .. } => None,
    });
    let mut any_rule = false;
    for y in rules {
        if !any_rule {
            content.set_stroke_rgb(160.0 / 255.0, 160.0 / 255.0, 160.0 / 255.0);
            content.set_line_width(0.6);
            any_rule = true;
        }
        content.move_to(MARGIN, PAGE_H - y);
        content.line_to(PAGE_W - MARGIN, PAGE_H - y);
        content.stroke();
    }
    content.begin_text();
    let (mut shade, mut font_size) = (None, None);
    let mut shown = Vec::new();
    for op in &page.ops {
        let Op::Text {
            x,
            y,
            size,
            text,
            grey,
        } = op
        else {
            continue;
        };
        let this_shade = if *grey { 90.0 / 255.0 } else { 20.0 / 255.0 };
        if shade != Some(this_shade) {
            content.set_fill_rgb(this_shade, this_shade, this_shade);
            shade = Some(this_shade);
        }
        if font_size != Some(*size) {
            content.set_font(Name(b"F0"), *size);
            font_size = Some(*size);
        }
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, PAGE_H - y]);
        shown.clear();
        for c in text.chars() {
            let g = u16::try_from(glyph(m, c).0).unwrap_or(0);
            let cid = font.cid(g).unwrap_or(0);
            shown.extend(cid.to_be_bytes());
        }
        content.show(Str(&shown));
    }
    content.end_text();
    if let Some((text, x, top, side)) = &page.qr
        && let Some(code) = super::rma_qr(text)
    {
        // Four modules of quiet zone on each side, as readers expect; drawn in modules, scaled
        // once: whole numbers are a few bytes each in the page, where points took nine.
        let cell = side / (code.size + 8) as f32;
        content.save_state();
        content.transform([cell, 0.0, 0.0, -cell, *x, PAGE_H - top]);
        content.set_fill_rgb(0.0, 0.0, 0.0);
        for (column, row, width, height) in dark_rects(&code) {
            content.rect(
                (column + 4) as f32,
                (row + 4) as f32,
                width as f32,
                height as f32,
            );
        }
        content.fill_nonzero();
        content.restore_state();
    }
    content.finish().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::BODY;

    fn page(text: &str) -> Page {
        Page {
            ops: vec![Op::Text {
                x: MARGIN,
                y: 100.0,
                size: BODY,
                text: text.into(),
                grey: false,
            }],
            qr: None,
        }
    }

    fn holds(pdf: &[u8], part: &[u8]) -> bool {
        pdf.windows(part.len()).any(|w| w == part)
    }

    #[test]
    fn latin_documents_share_one_subset_and_others_embed_their_own() {
        let shared = Embedded::shared().unwrap();
        let latin = ["Ana Lima, Rua das Flores 12", "Zoë Müller · Łódź — 12 €"];
        let drawn = latin.map(|text| write(text, &[page(text)]).unwrap());
        for (pdf, text) in drawn.iter().zip(latin) {
            assert!(holds(pdf, shared.objects.as_bytes()), "{text}");
            let read = pdf_extract::extract_text_from_mem(pdf).unwrap();
            assert!(read.contains(text), "{text} in {read}");
        }
        // A Chinese name: a subset of its own glyphs, which reads back and is smaller.
        let chinese = write("王小明", &[page("王小明 Ana")]).unwrap();
        assert!(!holds(&chinese, shared.objects.as_bytes()));
        assert!(chinese.len() < drawn[0].len());
        let read = pdf_extract::extract_text_from_mem(&chinese).unwrap();
        assert!(read.contains("王小明 Ana"), "{read}");
        // Every character of the shared subset that the font has is in it.
        let m = measure().unwrap();
        for c in shared_characters() {
            let g = u16::try_from(glyph(m, c).0).unwrap();
            assert!(g == 0 || shared.cid(g).is_some(), "{c:?}");
        }
        // The subset is what most documents weigh: it must stay small.
        assert!(
            shared.objects.len() < 60_000,
            "{} bytes",
            shared.objects.len()
        );
    }
}
