//! Printed documents as PDF, made in-process: the commercial invoice that travels with each
//! parcel (II: "an accurate commercial invoice with the package, the amount is the actual
//! payment amount of the goods").
//!
//! Text is set in WenQuanYi Micro Hei, one font that covers Latin scripts and Chinese, Japanese
//! and Korean characters, so a buyer's name prints whatever script it is in; the PDF embeds only
//! the glyphs it uses.

use std::sync::OnceLock;

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

mod pdf;

/// The font, embedded in the program so documents print the same everywhere: WenQuanYi Micro
/// Hei, Latin and CJK, prepared for PDFs as `fonts/README.md` says (without the glyph names
/// that every subset walked, the hinting and the tables nothing here reads).
static FONT_BYTES: &[u8] = include_bytes!("../../fonts/wqy-microhei.ttf");

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the document font cannot be read")]
    Font,
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// One line of goods on a commercial invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine {
    pub description: String,
    pub sku: String,
    /// The customs tariff number, when the shop gave it for the product.
    pub hs_code: Option<String>,
    /// The country of origin (ISO 3166-1 alpha-2), when given.
    pub origin: Option<String>,
    pub quantity: u32,
    /// Each as paid, in the order's currency, such as "120.00".
    pub unit_price: String,
    pub amount: String,
}

/// What a commercial invoice says: who sells to whom, what is in the parcel at the price
/// actually paid, and the parcel it goes with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommercialInvoice {
    pub number: String,
    pub date: jiff::civil::Date,
    pub order_number: String,
    pub seller: Vec<String>,
    pub buyer: Vec<String>,
    pub carrier: String,
    pub tracking_number: String,
    pub currency: String,
    pub lines: Vec<InvoiceLine>,
    pub goods_total: String,
    pub shipping: String,
    pub duties: Option<String>,
    pub total_paid: String,
    /// Where the goods leave from (ISO 3166-1 alpha-2).
    pub ships_from: String,
    /// The clause the invoice is made under, for its footer.
    pub clause: String,
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 40.0;
const BODY: f32 = 9.0;

/// What measuring text needs from the font, read once: `wrap` measures every candidate line.
struct Measure {
    charmap: skrifa::charmap::Charmap<'static>,
    advances: skrifa::metrics::GlyphMetrics<'static>,
    units_per_em: f32,
    /// The glyph and advance of each character below U+0180 (Basic Latin, Latin-1, Latin
    /// Extended-A), looked up once: most of what documents print, and the character map's
    /// search was a quarter of drawing an RMA slip.
    latin: Vec<(u32, f32)>,
}

fn measure() -> Option<&'static Measure> {
    static MEASURE: OnceLock<Option<Measure>> = OnceLock::new();
    MEASURE
        .get_or_init(|| {
            let font = skrifa::FontRef::from_index(FONT_BYTES, 0).ok()?;
            let mut m = Measure {
                charmap: font.charmap(),
                advances: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
                units_per_em: f32::from(
                    font.metrics(Size::unscaled(), LocationRef::default())
                        .units_per_em,
                ),
                latin: Vec::new(),
            };
            m.latin = ('\0'..LATIN_END).map(|c| looked_up(&m, c)).collect();
            Some(m)
        })
        .as_ref()
}

/// A character's glyph in the font and its advance in ems; a character the font lacks is its
/// missing glyph, half an em wide.
fn glyph(m: &Measure, c: char) -> (u32, f32) {
    match m.latin.get(c as usize) {
        Some(&known) => known,
        None => looked_up(m, c),
    }
}

/// Where `Measure::latin` ends.
const LATIN_END: char = '\u{180}';

fn looked_up(m: &Measure, c: char) -> (u32, f32) {
    m.charmap
        .map(c)
        .and_then(|g| Some((g.to_u32(), m.advances.advance_width(g)? / m.units_per_em)))
        .unwrap_or((0, 0.5))
}

/// The width of a text in points, from the font's advances: the widths the text is drawn with,
/// so right-aligned columns end exactly at their edge.
fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(|c| advance(c, size)).sum()
}

/// How far a character moves the pen at `size` points.
fn advance(c: char, size: f32) -> f32 {
    measure().map_or(0.0, |m| glyph(m, c).1 * size)
}

/// A text broken into lines no wider than `width`: at spaces, and anywhere in a run without
/// spaces (Chinese and Japanese are written without them).
fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    // Each word's characters with their advances, measured once.
    let mut word_glyphs: Vec<(char, f32)> = Vec::new();
    for word in text.split_inclusive(' ') {
        word_glyphs.clear();
        word_glyphs.extend(word.chars().map(|c| (c, advance(c, size))));
        let solid = word.trim_end().chars().count();
        // The line with the word, its trailing spaces left out, measured by adding on to the
        // line's own width, in the order `text_width` adds: measuring each candidate afresh
        // made a paragraph's wrapping quadratic in its length.
        let candidate = if solid == 0 {
            line.solid
        } else {
            word_glyphs
                .iter()
                .take(solid)
                .fold(line.full, |width, (_, advance)| width + advance)
        };
        if candidate <= width {
            for &(c, advance) in &word_glyphs {
                line.push(c, advance);
            }
            continue;
        }
        if !line.text.is_empty() {
            lines.push(line.text.trim_end().to_owned());
            line = Line::default();
        }
        for &(c, advance) in &word_glyphs {
            let candidate = if c.is_whitespace() {
                line.solid
            } else {
                line.full + advance
            };
            if candidate > width && !line.text.is_empty() {
                lines.push(line.text.trim_end().to_owned());
                line = Line::default();
            }
            line.push(c, advance);
        }
    }
    if !line.text.trim().is_empty() {
        lines.push(line.text.trim_end().to_owned());
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A line being wrapped, with its width in points as `text_width` measures it: `full` with its
/// trailing whitespace, `solid` without.
#[derive(Default)]
struct Line {
    text: String,
    full: f32,
    solid: f32,
}

impl Line {
    fn push(&mut self, c: char, advance: f32) {
        self.text.push(c);
        self.full += advance;
        if !c.is_whitespace() {
            self.solid = self.full;
        }
    }
}

/// Where a column's text sits in its cell.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// Draws pages top to bottom, starting a new page when the next block does not fit.
struct Writer {
    /// The pages finished.
    pages: Vec<pdf::Page>,
    /// What the current page shows.
    ops: Vec<Op>,
    y: f32,
    /// A QR code to draw on the first page: its text, left, top and side.
    qr: Option<(String, f32, f32, f32)>,
}

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        grey: bool,
    },
    Rule {
        y: f32,
    },
}

impl Writer {
    fn text(&mut self, x: f32, size: f32, text: &str, align: Align, width: f32) {
        let x = match align {
            Align::Left => x,
            Align::Right => x + width - text_width(text, size),
        };
        self.ops.push(Op::Text {
            x,
            y: self.y,
            size,
            text: text.to_owned(),
            grey: false,
        });
    }

    fn grey(&mut self, x: f32, size: f32, text: &str) {
        self.ops.push(Op::Text {
            x,
            y: self.y,
            size,
            text: text.to_owned(),
            grey: true,
        });
    }

    fn rule(&mut self) {
        self.ops.push(Op::Rule { y: self.y });
    }

    /// Two labelled blocks of lines side by side (seller and buyer, sender and warehouse), each
    /// wrapped to its column; the writer goes on below the longer one.
    fn two_blocks(&mut self, left: (&str, &[String]), right: (&str, &[String]), size: f32) {
        let top = self.y;
        let mut bottom = top;
        for (x, (label, lines)) in [(MARGIN, left), (MARGIN + 270.0, right)] {
            self.y = top;
            self.grey(x, BODY, label);
            self.y += BODY + 5.0;
            for line in lines {
                for part in wrap(line, size, 240.0) {
                    self.text(x, size, &part, Align::Left, 240.0);
                    self.y += size + 4.0;
                }
            }
            bottom = bottom.max(self.y);
        }
        self.y = bottom;
    }

    /// A paragraph across the page, grey or not, going on to the next page when it must.
    fn paragraph(&mut self, text: &str, size: f32, grey: bool) {
        for part in wrap(text, size, PAGE_W - 2.0 * MARGIN) {
            self.room(size + 4.0);
            if grey {
                self.grey(MARGIN, size, &part);
            } else {
                self.text(MARGIN, size, &part, Align::Left, PAGE_W - 2.0 * MARGIN);
            }
            self.y += size + 4.0;
        }
    }

    /// Room for `height` more points on this page, or a new page.
    fn room(&mut self, height: f32) -> bool {
        if self.y + height <= PAGE_H - MARGIN {
            return false;
        }
        self.finish_page();
        self.y = MARGIN + 12.0;
        true
    }

    fn finish_page(&mut self) {
        self.pages.push(pdf::Page {
            ops: std::mem::take(&mut self.ops),
            qr: self.qr.take(),
        });
    }
}

/// The QR code of an RMA number: error correction M (15 % of the code can be lost), the level
/// readers assume, which keeps an RMA number in a 21-module code. `None` only for a text too long
/// for any QR code.
///
/// fast_qr rather than the `qrcode` crate: both choose the mask with the least penalty, as ISO
/// 18004 asks, but `qrcode` took 150 µs for an RMA number's code, a fifth of drawing the slip
/// that every RMA e-mail carries, and fast_qr 30 µs.
pub fn rma_qr(text: &str) -> Option<fast_qr::QRCode> {
    fast_qr::QRBuilder::new(text.as_bytes())
        .ecl(fast_qr::ECL::M)
        .build()
        .ok()
}

/// The QR code's dark modules as rectangles (column, row, width, height, in modules): each
/// row's runs, a run joined with the same run of the rows below it: fewer than half as many
/// rectangles as dark modules.
fn dark_rects(code: &fast_qr::QRCode) -> Vec<(usize, usize, usize, usize)> {
    let modules = code.size;
    let mut done = Vec::new();
    // Rectangles that reach the row above, which the same run in this row makes taller.
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
    for row in 0..modules {
        let mut reaching = Vec::new();
        let mut column = 0;
        while column < modules {
            let start = column;
            while column < modules && code[row][column].value() {
                column += 1;
            }
            if column == start {
                column += 1;
                continue;
            }
            let width = column - start;
            match open.iter().position(|r| r.0 == start && r.2 == width) {
                Some(at) => {
                    let mut taller = open.swap_remove(at);
                    taller.3 += 1;
                    reaching.push(taller);
                }
                None => reaching.push((start, row, width, 1)),
            }
        }
        done.append(&mut open);
        open = reaching;
    }
    done.append(&mut open);
    done
}

/// A document titled `title`, drawn by `draw` from the top of its first page.
fn render(title: String, draw: impl FnOnce(&mut Writer)) -> Result<Vec<u8>, DocumentError> {
    let mut w = Writer {
        pages: Vec::new(),
        ops: Vec::new(),
        y: MARGIN + 18.0,
        qr: None,
    };
    draw(&mut w);
    w.finish_page();
    pdf::write(&title, &w.pages)
}

/// The columns of the table of goods: title, left edge, width, alignment.
const COLUMNS: [(&str, f32, f32, Align); 7] = [
    ("Description", MARGIN, 170.0, Align::Left),
    ("SKU", 214.0, 62.0, Align::Left),
    ("HS code", 280.0, 58.0, Align::Left),
    ("Origin", 342.0, 36.0, Align::Left),
    ("Qty", 380.0, 30.0, Align::Right),
    ("Unit price", 414.0, 66.0, Align::Right),
    ("Amount", 484.0, PAGE_W - MARGIN - 484.0, Align::Right),
];

fn table_header(w: &mut Writer) {
    for (title, x, width, align) in COLUMNS {
        w.text(x, BODY, title, align, width);
    }
    w.y += 5.0;
    w.rule();
    w.y += BODY + 6.0;
}

/// The commercial invoice as a PDF (A4), with its text as text, so that customs' and carriers'
/// systems can read it and a test can read it back.
pub fn commercial_invoice_pdf(invoice: &CommercialInvoice) -> Result<Vec<u8>, DocumentError> {
    render(format!("Commercial invoice {}", invoice.number), |w| {
        draw_invoice(w, invoice)
    })
}

fn draw_invoice(w: &mut Writer, invoice: &CommercialInvoice) {
    w.text(MARGIN, 18.0, "COMMERCIAL INVOICE", Align::Left, 300.0);
    let right = PAGE_W - MARGIN - 200.0;
    for (label, value) in [
        ("Invoice", invoice.number.as_str()),
        ("Date", &invoice.date.to_string()),
        ("Order", invoice.order_number.as_str()),
        ("Carrier", invoice.carrier.as_str()),
        ("Tracking number", invoice.tracking_number.as_str()),
        ("Currency", invoice.currency.as_str()),
    ] {
        w.grey(right, BODY, label);
        w.text(right + 80.0, BODY, value, Align::Left, 120.0);
        w.y += BODY + 4.0;
    }
    w.y += 10.0;
    w.two_blocks(
        ("Seller / exporter", &invoice.seller),
        ("Buyer / consignee", &invoice.buyer),
        BODY + 1.0,
    );
    w.y += 14.0;
    table_header(w);
    for line in &invoice.lines {
        let description = wrap(&line.description, BODY, COLUMNS[0].2);
        let height = description.len() as f32 * (BODY + 4.0) + 6.0;
        if w.room(height) {
            table_header(w);
        }
        let cells = [
            line.sku.clone(),
            line.hs_code.clone().unwrap_or_else(|| "—".into()),
            line.origin.clone().unwrap_or_else(|| "—".into()),
            line.quantity.to_string(),
            line.unit_price.clone(),
            line.amount.clone(),
        ];
        for ((_, x, width, align), cell) in COLUMNS.iter().skip(1).zip(cells) {
            w.text(*x, BODY, &cell, *align, *width);
        }
        for part in &description {
            w.text(MARGIN, BODY, part, Align::Left, COLUMNS[0].2);
            w.y += BODY + 4.0;
        }
        w.y += 2.0;
    }
    w.y -= BODY;
    w.rule();
    w.y += BODY + 10.0;
    let mut totals = vec![
        ("Goods, as paid", invoice.goods_total.clone()),
        ("International shipping", invoice.shipping.clone()),
    ];
    if let Some(duties) = &invoice.duties {
        totals.push(("Duties and taxes paid", duties.clone()));
    }
    totals.push(("Total paid", invoice.total_paid.clone()));
    w.room(totals.len() as f32 * (BODY + 6.0) + 80.0);
    let (label_x, amount_x, amount_w) = (PAGE_W - MARGIN - 250.0, PAGE_W - MARGIN - 110.0, 110.0);
    for (label, amount) in totals {
        let size = if label == "Total paid" {
            BODY + 2.0
        } else {
            BODY + 1.0
        };
        w.text(label_x, size, label, Align::Left, 140.0);
        w.text(
            amount_x,
            size,
            &format!("{amount} {}", invoice.currency),
            Align::Right,
            amount_w,
        );
        w.y += size + 6.0;
    }
    w.y += 16.0;
    let declaration = format!(
        "The amounts above are the amounts actually paid for the goods ({}). Goods shipped from {}. We declare that the information on this invoice is true and correct.",
        invoice.clause, invoice.ships_from
    );
    w.paragraph(&declaration, BODY, true);
}

/// The RMA slip as a PDF (A4) to tape on the box (III.2): the RMA number large and as a QR code,
/// the sender and the return warehouse, the items in the parcel, and the returned-goods
/// declaration customs read on a parcel going back to China.
pub fn rma_slip_pdf(
    slip: &crate::RmaSlip,
    shop: &str,
    ships_from: &str,
) -> Result<Vec<u8>, DocumentError> {
    render(format!("RMA slip {}", slip.rma), |w| {
        draw_slip(w, slip, shop, ships_from)
    })
}

fn draw_slip(w: &mut Writer, slip: &crate::RmaSlip, shop: &str, ships_from: &str) {
    w.y = MARGIN + 14.0;
    w.grey(
        MARGIN,
        BODY + 1.0,
        &format!("{shop} · return slip · order {}", slip.order_number),
    );
    w.y += 34.0;
    w.text(MARGIN, 30.0, &slip.rma, Align::Left, 360.0);
    w.y += 14.0;
    w.grey(
        MARGIN,
        BODY,
        "Write this RMA number on the outside of the box, or tape this slip on it.",
    );
    // The QR code sits at the right of the number, as wide as three lines of it.
    w.qr = Some((slip.rma.clone(), PAGE_W - MARGIN - 110.0, MARGIN, 110.0));
    w.y = MARGIN + 130.0;
    w.two_blocks(
        ("From", &slip.sender),
        ("Send to", std::slice::from_ref(&slip.return_address)),
        BODY + 3.0,
    );
    w.y += 16.0;
    let columns = [
        ("SKU", MARGIN, 100.0, Align::Left),
        ("Item", MARGIN + 110.0, 330.0, Align::Left),
        ("Units", PAGE_W - MARGIN - 60.0, 60.0, Align::Right),
    ];
    for (title, x, width, align) in columns {
        w.text(x, BODY, title, align, width);
    }
    w.y += 5.0;
    w.rule();
    w.y += BODY + 6.0;
    for (sku, name, units) in &slip.items {
        let names = wrap(name, BODY + 1.0, columns[1].2);
        if w.room(names.len() as f32 * (BODY + 5.0) + 4.0) {
            w.y += 4.0;
        }
        w.text(columns[0].1, BODY + 1.0, sku, Align::Left, columns[0].2);
        w.text(
            columns[2].1,
            BODY + 1.0,
            &units.to_string(),
            Align::Right,
            columns[2].2,
        );
        for part in names {
            w.text(columns[1].1, BODY + 1.0, &part, Align::Left, columns[1].2);
            w.y += BODY + 5.0;
        }
    }
    w.y -= BODY;
    w.rule();
    w.y += BODY + 14.0;
    if let Some(instructions) = &slip.instructions {
        w.paragraph(instructions, BODY + 1.0, false);
        w.y += 10.0;
    }
    w.room(90.0);
    w.text(
        MARGIN,
        BODY + 3.0,
        "RETURNED GOODS - NOT A SALE",
        Align::Left,
        300.0,
    );
    w.y += BODY + 8.0;
    let declaration = format!(
        "The goods in this parcel were bought from {shop} (order {}) and exported from {ships_from}. They are returned to the seller under RMA {} for inspection and refund of the price paid: they are not sold and have no new commercial value. Their value is the one on the original commercial invoice. Parcels without an RMA number cannot be refunded; they go to the buyback program.",
        slip.order_number, slip.rma
    );
    w.paragraph(&declaration, BODY, true);
}

impl<S: aftercare_store::Store> crate::App<S> {
    /// The commercial invoice of an order's `shipment`-th parcel (from 1; a reshipped order
    /// has two): the goods that went in it at the price paid, shipping and the total, with the
    /// shop as seller and the customer as buyer. Staff only.
    pub async fn commercial_invoice(
        &self,
        actor: &aftercare_core::cases::Actor,
        number: &str,
        shipment: usize,
    ) -> Result<CommercialInvoice, crate::AppError> {
        use aftercare_store::CaseKind;

        use crate::{AppError, CaseMachine};
        if !crate::is_staff(actor) {
            return Err(AppError::Refused(aftercare_core::cases::Refusal::only(
                "staff",
                "doing-print-invoice",
            )));
        }
        let (order, cases) = self.order_with_cases(actor, number).await?;
        let fulfilment = cases
            .iter()
            .find(|c| c.kind == CaseKind::Order)
            .ok_or(AppError::NotFound("shipment"))?;
        let Some(CaseMachine::Order(machine)) = CaseMachine::of(fulfilment)? else {
            return Err(AppError::NotFound("shipment"));
        };
        let events = self.store.events(&fulfilment.id).await?;
        let shipped_at = shipment
            .checked_sub(1)
            .and_then(|i| events.iter().filter(|e| e.kind == "shipped").nth(i))
            .map_or(order.placed_at, |e| e.at);
        let version = self
            .policy
            .version(&order.policy_version)
            .ok_or_else(|| AppError::UnknownPolicyVersion(order.policy_version.clone()))?;
        invoice_for(
            &order,
            &machine,
            shipment,
            shipped_at,
            version,
            &self.shop_profile(),
        )
    }

    /// The documents the e-mails of a step carry: the "shipped" e-mail of an order's parcel
    /// its commercial invoice (II), the "approved" e-mail of a return its RMA slip (III.2).
    pub(crate) fn attach_documents(
        &self,
        order: &aftercare_store::OrderRecord,
        case: &aftercare_store::CaseRecord,
        version: &aftercare_core::policy::PolicyVersion,
        events: &mut [aftercare_store::NewEvent],
    ) -> Result<(), crate::AppError> {
        if case.kind == aftercare_store::CaseKind::Return {
            for event in events.iter_mut().filter(|e| e.kind == "approved") {
                let Some(mail) = event.mail.as_mut() else {
                    continue;
                };
                // Drawn when the outbox delivers the e-mail (`draw_in_turn`): the RMA
                // number, address and items it shows do not change after the approval, and the
                // approval answers without the PDF's 1.5 ms of drawing.
                mail.drawn.push(RMA_SLIP.into());
            }
        }
        if case.kind != aftercare_store::CaseKind::Order {
            return Ok(());
        }
        for event in events.iter_mut().filter(|e| e.kind == "shipped") {
            let Some(mail) = event.mail.as_mut() else {
                continue;
            };
            let Some(crate::CaseMachine::Order(machine)) = crate::CaseMachine::of(case)? else {
                continue;
            };
            let invoice = invoice_for(
                order,
                &machine,
                machine.shipments.len(),
                event.at,
                version,
                &self.shop_profile(),
            )?;
            let pdf = commercial_invoice_pdf(&invoice).map_err(|e| {
                crate::AppError::Store(aftercare_store::StoreError::Corrupt(e.to_string()))
            })?;
            mail.attachments.push(aftercare_store::MailAttachment {
                name: format!("commercial-invoice-{}.pdf", invoice.number),
                content_type: "application/pdf".into(),
                data: pdf,
            });
        }
        Ok(())
    }
}

/// The key of an e-mail's RMA slip, drawn by the outbox from the e-mail's return case.
const RMA_SLIP: &str = "rma-slip";

impl<S: aftercare_store::Store> crate::App<S> {
    /// The documents an e-mail names, to be drawn from its case as it is stored (`read`: the
    /// cases of the outbox's batch with their orders, read once for the batch).
    pub(crate) fn documents_to_draw(
        &self,
        mail: &aftercare_store::MailRecord,
        read: &[(aftercare_store::CaseRecord, aftercare_store::OrderRecord)],
    ) -> Result<Vec<ToDraw>, crate::AppError> {
        use crate::AppError;
        let corrupt = |what: String| AppError::Store(aftercare_store::StoreError::Corrupt(what));
        if let Some(unknown) = mail.drawn.iter().find(|d| *d != RMA_SLIP) {
            return Err(corrupt(format!(
                "e-mail {}: unknown document {unknown}",
                mail.id
            )));
        }
        if mail.drawn.is_empty() {
            return Ok(Vec::new());
        }
        let case_id = mail.case_id.as_deref().ok_or(AppError::NotFound("case"))?;
        let (case, order) = read
            .iter()
            .find(|(case, _)| case.id == case_id)
            .ok_or(AppError::NotFound("case"))?;
        let Some(crate::CaseMachine::Return(r)) = crate::CaseMachine::of(case)? else {
            return Err(corrupt(format!(
                "e-mail {}: case {case_id} is no return",
                mail.id
            )));
        };
        let details = crate::NewOrder::from_record(order)?;
        let slip = crate::views::slip_of(&order.number, &r, &details)
            .ok_or(AppError::NotFound("RMA slip"))?;
        let ships_from = self
            .policy
            .version(&order.policy_version)
            .ok_or_else(|| AppError::UnknownPolicyVersion(order.policy_version.clone()))?
            .order
            .ships_from
            .clone();
        Ok(mail
            .drawn
            .iter()
            .map(|_| ToDraw {
                slip: slip.clone(),
                shop: self.shop_name(),
                ships_from: ships_from.clone(),
            })
            .collect())
    }
}

/// A document the outbox draws: an RMA slip.
pub(crate) struct ToDraw {
    slip: crate::RmaSlip,
    shop: String,
    ships_from: String,
}

impl ToDraw {
    fn draw(&self) -> Result<aftercare_store::MailAttachment, DocumentError> {
        Ok(aftercare_store::MailAttachment {
            name: self.slip.file_name(),
            content_type: "application/pdf".into(),
            data: rma_slip_pdf(&self.slip, &self.shop, &self.ships_from)?,
        })
    }
}

/// Starts drawing a batch's documents (each e-mail's, or why they cannot be drawn) on one
/// blocking thread, one at a time in the batch's order, each e-mail's answered as soon as they
/// are drawn. Drawn all at once they took both cores from the requests (p99 16 ms instead of 8
/// at one client); one at a time the outbox keeps up at the same sustained rate, and past it the
/// e-mails wait, not the requests.
pub(crate) fn draw_in_turn(batch: Vec<Result<Vec<ToDraw>, String>>) -> Vec<Drawing> {
    let mut drawings = Vec::with_capacity(batch.len());
    let mut work = Vec::new();
    for planned in batch {
        let (answer, drawing) = tokio::sync::oneshot::channel();
        drawings.push(Drawing(drawing));
        match planned {
            Ok(documents) if !documents.is_empty() => work.push((documents, answer)),
            // Nobody has the receiver yet, so the answer is kept.
            Ok(_) => drop(answer.send(Ok(Vec::new()))),
            Err(why) => drop(answer.send(Err(why))),
        }
    }
    if !work.is_empty() {
        drop(tokio::task::spawn_blocking(move || {
            for (documents, answer) in work {
                // The outbox left this e-mail to its lease: nobody waits for its documents.
                if answer.is_closed() {
                    continue;
                }
                let files = documents
                    .iter()
                    .map(ToDraw::draw)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| e.to_string());
                drop(answer.send(files));
            }
        }));
    }
    drawings
}

/// The documents of one e-mail being drawn.
pub(crate) struct Drawing(
    tokio::sync::oneshot::Receiver<Result<Vec<aftercare_store::MailAttachment>, String>>,
);

impl Drawing {
    /// The documents, in the order the e-mail names them.
    pub(crate) async fn finish(self) -> Result<Vec<aftercare_store::MailAttachment>, String> {
        self.0
            .await
            .unwrap_or_else(|_| Err("drawing stopped".into()))
    }
}

/// A commercial invoice from what is stored: the order as placed, its fulfilment (the parcel,
/// a line the customer dropped for a missing accessory), the moment the parcel left.
fn invoice_for(
    order: &aftercare_store::OrderRecord,
    machine: &aftercare_core::cases::order::OrderCase,
    shipment: usize,
    shipped_at: jiff::Timestamp,
    version: &aftercare_core::policy::PolicyVersion,
    profile: &crate::ShopProfile,
) -> Result<CommercialInvoice, crate::AppError> {
    use aftercare_core::cases::order::ShortageAnswer;
    use aftercare_core::{Currency, Money};

    use crate::AppError;
    let corrupt = |e: &dyn std::fmt::Display| {
        AppError::Store(aftercare_store::StoreError::Corrupt(format!(
            "order {}: {e}",
            order.number
        )))
    };
    let parcel = shipment
        .checked_sub(1)
        .and_then(|i| machine.shipments.get(i))
        .ok_or(AppError::NotFound("shipment"))?;
    let placed = crate::NewOrder::from_record(order)?;
    let currency = Currency::parse(&placed.currency).map_err(|e| corrupt(&e))?;
    let money = |text: &str| Money::parse(text, currency).map_err(|e| corrupt(&e));
    let dropped: Vec<&str> = match &machine.shortage_answer {
        Some(ShortageAnswer::DropLine { sku }) => vec![sku.as_str()],
        _ => Vec::new(),
    };
    let mut goods = Money::zero(currency);
    let mut lines = Vec::new();
    for l in placed
        .lines
        .iter()
        .filter(|l| !dropped.contains(&l.sku.as_str()))
    {
        let unit = money(&l.unit_price)?;
        let amount = unit.times(l.quantity).map_err(|e| corrupt(&e))?;
        goods = goods.checked_add(amount).map_err(|e| corrupt(&e))?;
        lines.push(InvoiceLine {
            description: if l.name.is_empty() {
                l.sku.clone()
            } else {
                l.name.clone()
            },
            sku: l.sku.clone(),
            hs_code: l.hs_code.clone(),
            origin: l.origin.clone(),
            quantity: l.quantity,
            unit_price: unit.amount_text(),
            amount: amount.amount_text(),
        });
    }
    let shipping = money(&placed.shipping_paid)?;
    let duties = placed
        .duties_paid
        .as_deref()
        .map(money)
        .transpose()?
        .filter(|d| !d.is_zero());
    let total = [Some(shipping), duties]
        .into_iter()
        .flatten()
        .try_fold(goods, |sum, m| sum.checked_add(m))
        .map_err(|e| corrupt(&e))?;
    let a = &placed.address;
    Ok(CommercialInvoice {
        number: format!("CI-{}-{shipment}", order.number),
        date: shipped_at.to_zoned(version.time_zone.clone()).date(),
        order_number: order.number.clone(),
        seller: vec![
            profile.name.clone(),
            profile.return_address.clone(),
            profile.contact_email.clone(),
        ],
        buyer: [
            a.full_name.clone(),
            a.street.clone(),
            format!("{} {}", a.postal_code, a.city).trim().to_owned(),
            a.country.clone(),
            a.phone.clone(),
            a.email.clone(),
        ]
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect(),
        carrier: parcel.carrier.clone(),
        tracking_number: parcel.tracking_number.clone(),
        currency: placed.currency.clone(),
        lines,
        goods_total: goods.amount_text(),
        shipping: shipping.amount_text(),
        duties: duties.map(|d| d.amount_text()),
        total_paid: total.amount_text(),
        ships_from: version.order.ships_from.clone(),
        clause: version.customs.invoice_clause.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice(lines: usize) -> CommercialInvoice {
        CommercialInvoice {
            number: "CI-LM-1-1".into(),
            date: jiff::civil::date(2026, 3, 2),
            order_number: "LM-1".into(),
            seller: vec![
                "LocksMall".into(),
                "Warehouse 3, 88 Haigang Road, Beilun District, Ningbo, Zhejiang 315800, China"
                    .into(),
            ],
            buyer: vec![
                "王小明".into(),
                "1-2-3 Shibuya, 150-0002 Tokyo".into(),
                "JP".into(),
            ],
            carrier: "DHL".into(),
            tracking_number: "JD014600".into(),
            currency: "USD".into(),
            lines: (0..lines)
                .map(|i| InvoiceLine {
                    description: format!("Smart door lock, assembled, with keypad number {i}"),
                    sku: format!("LK-{i}"),
                    hs_code: Some("8301.40".into()),
                    origin: Some("CN".into()),
                    quantity: 2,
                    unit_price: "120.00".into(),
                    amount: "240.00".into(),
                })
                .collect(),
            goods_total: "240.00".into(),
            shipping: "30.00".into(),
            duties: None,
            total_paid: "270.00".into(),
            ships_from: "CN".into(),
            clause: "II".into(),
        }
    }

    #[test]
    fn the_invoice_reads_back_as_text_with_chinese_names() {
        let pdf = commercial_invoice_pdf(&invoice(2)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        for expected in [
            "COMMERCIAL INVOICE",
            "CI-LM-1-1",
            "王小明",
            "8301.40",
            "LK-1",
            "240.00",
            "270.00 USD",
            "JD014600",
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
    }

    #[test]
    fn a_long_invoice_goes_on_over_pages_and_stays_small() {
        let pdf = commercial_invoice_pdf(&invoice(80)).unwrap();
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        assert!(text.contains("LK-79") && text.contains("Total paid"));
        // Only the glyphs used are embedded, not the 5 MB font.
        assert!(pdf.len() < 200_000, "{} bytes", pdf.len());
    }

    #[test]
    fn the_rma_slip_reads_back_with_its_number_items_and_declaration() {
        let slip = crate::RmaSlip {
            rma: "RMA-20260320-0001".into(),
            order_number: "LM-1".into(),
            items: vec![("LK-100".into(), "智能门锁 Smart lock".into(), 1)],
            sender: vec![
                "Ana Lima".into(),
                "Rua das Flores 12".into(),
                "1200-195 Lisboa".into(),
            ],
            return_address: "LocksMall Returns, Warehouse 3, 88 Haigang Road, Ningbo".into(),
            instructions: Some("Pack the lock in its original box.".into()),
        };
        let pdf = rma_slip_pdf(&slip, "LocksMall", "CN").unwrap();
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        for expected in [
            "RMA-20260320-0001",
            "Ana Lima",
            "Haigang Road",
            "LK-100",
            "智能门锁",
            "original box",
            "RETURNED GOODS",
            "not sold",
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
    }

    #[test]
    fn the_qr_code_rectangles_cover_exactly_its_dark_modules() {
        for text in ["RMA-20260320-0001", "RMA-LM-100234-12", "R"] {
            let code = rma_qr(text).unwrap();
            let mut drawn = std::collections::BTreeSet::new();
            let rects = dark_rects(&code);
            for &(column, row, width, height) in &rects {
                assert!(width > 0 && height > 0);
                for x in column..column + width {
                    for y in row..row + height {
                        assert!(drawn.insert((x, y)), "({x}, {y}) drawn twice in {text}");
                    }
                }
            }
            let modules = code.size;
            let dark: std::collections::BTreeSet<_> = (0..modules)
                .flat_map(|y| (0..modules).map(move |x| (x, y)))
                .filter(|&(x, y)| code[y][x].value())
                .collect();
            assert_eq!(drawn, dark, "{text}");
            assert!(rects.len() * 2 < dark.len(), "{} rectangles", rects.len());
        }
    }

    #[test]
    fn the_drawn_qr_code_reads_back_as_the_rma_number() {
        for text in ["RMA-20260320-0001", "RMA-LM-100234-12", "R", "rma-小明-7"] {
            let code = rma_qr(text).unwrap();
            let rects = dark_rects(&code);
            // The rectangles painted as a scanner would see them: 4 pixels a module, with the
            // quiet zone of four modules the slip leaves around the code.
            let side = (code.size + 8) * 4;
            let dark = |x: usize, y: usize| {
                let (column, row) = ((x / 4).wrapping_sub(4), (y / 4).wrapping_sub(4));
                rects
                    .iter()
                    .any(|&(c, r, w, h)| (c..c + w).contains(&column) && (r..r + h).contains(&row))
            };
            let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
                if dark(x, y) { 0 } else { 255 }
            });
            let grids = image.detect_grids();
            assert_eq!(grids.len(), 1, "{text}");
            let (meta, content) = grids[0].decode().unwrap();
            assert_eq!(content, text);
            // Error correction M, which keeps an RMA number in the smallest code.
            assert_eq!(meta.ecc_level, 0, "{text}");
        }
    }

    #[test]
    fn each_character_is_drawn_with_its_own_glyph_and_advance() {
        let m = measure().unwrap();
        let [w, i, lock, missing] = ['W', 'i', '锁', '\u{10FFFF}'].map(|c| glyph(m, c));
        // The font's glyphs, not its missing glyph, and each its own.
        assert!(w.0 != 0 && i.0 != 0 && lock.0 != 0);
        assert!(w.0 != i.0 && i.0 != lock.0);
        // Proportional Latin, a full em for a Chinese character.
        assert!(w.1 > i.1 && i.1 > 0.0, "{} {}", w.1, i.1);
        assert!((lock.1 - 1.0).abs() < 0.05, "{}", lock.1);
        // A character the font lacks: its missing glyph, half an em.
        assert_eq!(missing, (0, 0.5));
    }

    /// `fonts/README.md` prepared the font: if it is ever replaced by upstream's file, every
    /// document again reads 49,531 glyph names and copies the hinting.
    #[test]
    fn the_font_is_the_prepared_one() {
        use skrifa::raw::TableProvider;
        let font = skrifa::FontRef::from_index(FONT_BYTES, 0).unwrap();
        let post = font.post().unwrap();
        assert_eq!(
            post.version(),
            skrifa::raw::types::Version16Dot16::VERSION_3_0
        );
        for dropped in [
            "fpgm", "prep", "cvt ", "vmtx", "vhea", "GPOS", "GSUB", "GDEF", "FFTM",
        ] {
            let tag = skrifa::Tag::new_checked(dropped.as_bytes()).unwrap();
            assert!(
                font.table_data(tag).is_none(),
                "{dropped} is still in the font"
            );
        }
        // Every glyph is kept: the character map still reaches CJK.
        assert!(font.maxp().unwrap().num_glyphs() > 40_000);
        assert_ne!(font.charmap().map('锁'), None);
    }

    #[test]
    fn words_wrap_at_spaces_and_chinese_anywhere() {
        let lines = wrap("Smart door lock assembled with keypad", BODY, 60.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| text_width(l, BODY) <= 60.0));
        let lines = wrap("智能门锁已组装好并附带密码键盘和说明书", BODY, 40.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), "智能门锁已组装好并附带密码键盘和说明书");
    }

    /// Wrapping as it was first written: every candidate line measured afresh.
    fn wrap_measuring_each_candidate(text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_inclusive(' ') {
            let candidate = format!("{line}{word}");
            if text_width(candidate.trim_end(), size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(line.trim_end().to_owned());
                line = String::new();
            }
            for c in word.chars() {
                let candidate = format!("{line}{c}");
                if text_width(candidate.trim_end(), size) > width && !line.is_empty() {
                    lines.push(line.trim_end().to_owned());
                    line = c.to_string();
                } else {
                    line = candidate;
                }
            }
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_owned());
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    proptest::proptest! {
        /// Measuring a line by adding on to its width breaks every text exactly where measuring
        /// each candidate afresh did: Latin, CJK, runs of spaces, tabs and line breaks.
        #[test]
        fn wrapping_adds_widths_as_measuring_afresh_did(
            text in "[a-zA-Z0-9 \t\n智能门锁已组装好,.·-]{0,120}",
            width in 0.0f32..300.0,
            size in proptest::sample::select(vec![BODY, BODY + 1.0, 30.0]),
        ) {
            proptest::prop_assert_eq!(
                wrap(&text, size, width),
                wrap_measuring_each_candidate(&text, size, width)
            );
        }
    }
}
