//! Orders as CSV, the way shop platforms export them: one row per order line, the order's own
//! columns repeated on each of its rows. Import groups the rows by order number and reports
//! every refused row with its line number; export writes the same format back.

use std::io::{Read, Write};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::orders::{NewOrder, NewOrderLine, OrderAddress};

/// The columns, in order.
pub const COLUMNS: [&str; 25] = [
    "order_number",
    "placed_at",
    "customer_email",
    "customer_name",
    "currency",
    "shipping_paid",
    "duties_paid",
    "payment_method",
    "full_name",
    "street",
    "postal_code",
    "city",
    "country",
    "phone",
    "address_email",
    "signed_at",
    "damage_noted_at_signing",
    "sku",
    "name",
    "unit_price",
    "quantity",
    "time_zone",
    "payment_id",
    "hs_code",
    "origin",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    order_number: String,
    placed_at: Timestamp,
    customer_email: String,
    customer_name: String,
    currency: String,
    shipping_paid: String,
    duties_paid: Option<String>,
    payment_method: String,
    full_name: String,
    street: String,
    postal_code: String,
    city: String,
    country: String,
    phone: String,
    address_email: String,
    signed_at: Option<Timestamp>,
    damage_noted_at_signing: Option<bool>,
    sku: String,
    name: Option<String>,
    unit_price: String,
    quantity: u32,
    /// Last and optional, so files written before it existed still import.
    #[serde(default)]
    time_zone: Option<String>,
    /// Later still, and as optional.
    #[serde(default)]
    payment_id: Option<String>,
    /// The line's product attributes for the commercial invoice; optional like the two before.
    #[serde(default)]
    hs_code: Option<String>,
    #[serde(default)]
    origin: Option<String>,
}

/// Characters a spreadsheet reads as the start of a formula (`=HYPERLINK(...)` runs when the
/// export is opened): such a cell is written with a leading apostrophe, which spreadsheets show
/// as text, and read back without it.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as the export writes it.
fn cell(text: &str) -> String {
    if text.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A text cell as the import reads it: the export's apostrophe before a formula start removed.
fn uncell(text: &str) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest.to_owned(),
        _ => text.to_owned(),
    }
}

impl Row {
    fn order(&self) -> NewOrder {
        NewOrder {
            number: uncell(self.order_number.trim()),
            placed_at: self.placed_at,
            customer_email: uncell(&self.customer_email),
            customer_name: uncell(&self.customer_name),
            currency: self.currency.clone(),
            lines: Vec::new(),
            shipping_paid: self.shipping_paid.clone(),
            duties_paid: self.duties_paid.clone(),
            payment_method: uncell(&self.payment_method),
            address: OrderAddress {
                full_name: uncell(&self.full_name),
                street: uncell(&self.street),
                postal_code: uncell(&self.postal_code),
                city: uncell(&self.city),
                country: uncell(&self.country),
                phone: uncell(&self.phone),
                email: uncell(&self.address_email),
            },
            signed_at: self.signed_at,
            damage_noted_at_signing: self.damage_noted_at_signing.unwrap_or(false),
            time_zone: self
                .time_zone
                .as_deref()
                .map(str::trim)
                .filter(|z| !z.is_empty())
                .map(str::to_owned),
            payment_id: self
                .payment_id
                .as_deref()
                .map(uncell)
                .filter(|id| !id.trim().is_empty()),
        }
    }

    fn line(&self) -> NewOrderLine {
        NewOrderLine {
            sku: uncell(&self.sku),
            name: self.name.as_deref().map(uncell).unwrap_or_default(),
            unit_price: self.unit_price.clone(),
            quantity: self.quantity,
            hs_code: self
                .hs_code
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
            origin: self
                .origin
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
        }
    }
}

/// A refused row: its line in the file and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

/// An order read from CSV with the file lines it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOrder {
    pub lines: Vec<u64>,
    pub order: NewOrder,
}

/// What a CSV file held: the orders that could be read, and the rows that could not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvOrders {
    pub orders: Vec<CsvOrder>,
    pub refused: Vec<RowError>,
}

/// Reads orders from CSV into memory. Only an unreadable header is fatal; a bad row refuses
/// its order. See [`OrderReader`] for a file of any size.
pub fn read_orders(input: impl Read) -> Result<CsvOrders, csv::Error> {
    let mut read = CsvOrders::default();
    for item in OrderReader::new(input)? {
        match item? {
            CsvItem::Order(order) => read.orders.push(*order),
            CsvItem::Refused(row) => read.refused.push(row),
        }
    }
    read.refused.sort_by_key(|r| r.line);
    Ok(read)
}

/// What the reader gives, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvItem {
    Order(Box<CsvOrder>),
    Refused(RowError),
}

/// Where the reader's input has its line breaks: the offsets of each `\r` and `\n` read and not
/// yet passed, so that memory stays bounded by what the CSV reader holds in its buffer.
#[derive(Debug, Default)]
struct Breaks {
    /// (offset, is a `\n`), in order.
    ahead: std::collections::VecDeque<(u64, bool)>,
    /// `\n`s before the first of `ahead`.
    passed: u64,
    /// Bytes read so far.
    read: u64,
}

impl Breaks {
    /// The line (from 1) of a record starting at byte `start`: a record's position can be the
    /// end of the line before it (the `\n` of a CRLF), so line breaks right at it are skipped.
    fn line_at(&mut self, start: u64) -> u64 {
        let mut start = start;
        while let Some(&(at, newline)) = self.ahead.front() {
            if at < start {
                self.passed += u64::from(newline);
                self.ahead.pop_front();
            } else if at == start {
                self.passed += u64::from(newline);
                self.ahead.pop_front();
                start += 1;
            } else {
                break;
            }
        }
        self.passed + 1
    }
}

/// The input, noting its line breaks as the CSV reader pulls it.
struct Counting<R> {
    input: R,
    breaks: std::sync::Arc<std::sync::Mutex<Breaks>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.input.read(buf)?;
        let mut breaks = self
            .breaks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let base = breaks.read;
        for (i, b) in buf.iter().take(n).enumerate() {
            if *b == b'\n' || *b == b'\r' {
                breaks.ahead.push_back((base + i as u64, *b == b'\n'));
            }
        }
        breaks.read += n as u64;
        Ok(n)
    }
}

/// The rows of one order read so far: an order's rows follow each other, as shop platforms
/// export them.
struct Group {
    number: String,
    lines: Vec<u64>,
    rows: Vec<Row>,
    /// One of its rows was refused: the order is skipped.
    bad: bool,
}

/// Reads orders from CSV as a stream, an order at a time, so a file of any size is read in
/// bounded memory. An order's rows must follow each other; the same order number again
/// further down is read as another order (which the import finds already stored).
pub struct OrderReader<R: Read> {
    reader: csv::Reader<Counting<R>>,
    headers: csv::StringRecord,
    breaks: std::sync::Arc<std::sync::Mutex<Breaks>>,
    group: Option<Group>,
    out: std::collections::VecDeque<CsvItem>,
    done: bool,
}

impl<R: Read> std::fmt::Debug for OrderReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrderReader")
            .field("bytes_read", &self.bytes_read())
            .finish_non_exhaustive()
    }
}

impl<R: Read> OrderReader<R> {
    /// Reads the header; an unreadable one is the only fatal error.
    pub fn new(input: R) -> Result<Self, csv::Error> {
        let breaks = std::sync::Arc::new(std::sync::Mutex::new(Breaks::default()));
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(Counting {
                input,
                breaks: breaks.clone(),
            });
        let headers = reader.headers()?.clone();
        Ok(OrderReader {
            reader,
            headers,
            breaks,
            group: None,
            out: std::collections::VecDeque::new(),
            done: false,
        })
    }

    /// How many bytes of the input were read: the progress through a file of known size.
    pub fn bytes_read(&self) -> u64 {
        self.breaks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .read
    }

    fn line_at(&self, position: Option<&csv::Position>) -> u64 {
        position.map_or(0, |p| {
            self.breaks
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .line_at(p.byte())
        })
    }

    /// Ends the order read so far: it, or why its rows are refused.
    fn close_group(&mut self) {
        let Some(group) = self.group.take() else {
            return;
        };
        let number = group.number;
        if group.bad {
            for line in group.lines {
                self.out.push_back(CsvItem::Refused(RowError {
                    line,
                    message: format!("order {number} skipped: another of its rows is refused"),
                }));
            }
            return;
        }
        let Some(head) = group.rows.first() else {
            return;
        };
        let first = head.order();
        let mut order = first.clone();
        let mut consistent = true;
        for (row, line) in group.rows.iter().zip(&group.lines) {
            if row.order() != first {
                self.out.push_back(CsvItem::Refused(RowError {
                    line: *line,
                    message: format!(
                        "order {number}: the order's columns differ from its first row (line {})",
                        group.lines[0]
                    ),
                }));
                consistent = false;
            }
            order.lines.push(row.line());
        }
        if consistent {
            self.out.push_back(CsvItem::Order(Box::new(CsvOrder {
                lines: group.lines,
                order,
            })));
        }
    }

    /// Reads one record into the current order, or ends it; false at the end of the input.
    fn read_record(&mut self) -> Result<bool, csv::Error> {
        let mut record = csv::StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(false) => return Ok(false),
            Ok(true) => {}
            // An I/O error ends the file; a malformed record refuses its row.
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => return Err(e),
            Err(e) => {
                let line = self.line_at(e.position());
                self.out.push_back(CsvItem::Refused(RowError {
                    line,
                    message: e.to_string(),
                }));
                return Ok(true);
            }
        }
        let line = self.line_at(record.position());
        let number = record.get(0).unwrap_or("").trim().to_owned();
        if self.group.as_ref().is_some_and(|g| g.number != number) {
            self.close_group();
        }
        let group = self.group.get_or_insert_with(|| Group {
            number,
            lines: Vec::new(),
            rows: Vec::new(),
            bad: false,
        });
        match record.deserialize::<Row>(Some(&self.headers)) {
            Ok(row) => {
                group.lines.push(line);
                group.rows.push(row);
            }
            Err(e) => {
                group.bad = true;
                let message = describe(&e, &self.headers);
                self.out
                    .push_back(CsvItem::Refused(RowError { line, message }));
            }
        }
        Ok(true)
    }
}

impl<R: Read> Iterator for OrderReader<R> {
    type Item = Result<CsvItem, csv::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.out.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            match self.read_record() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    self.close_group();
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

fn describe(e: &csv::Error, headers: &csv::StringRecord) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(i) => format!(
                "{}: {}",
                headers
                    .get(usize::try_from(i).unwrap_or(usize::MAX))
                    .unwrap_or("?"),
                err.kind()
            ),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

/// Writes orders as CSV, one row per order line, header first; orders can be added a page at a time.
#[derive(Debug)]
pub struct OrdersWriter<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> OrdersWriter<W> {
    /// Starts the file with its header.
    pub fn new(output: W) -> Result<Self, csv::Error> {
        // The header is written here, not by `serialize`, so that an empty export has one too.
        let mut writer = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(output);
        writer.write_record(COLUMNS)?;
        Ok(OrdersWriter { writer })
    }

    /// Goes on with a file whose header was written before (an export sent a page at a time).
    pub fn continuing(output: W) -> Self {
        OrdersWriter {
            writer: csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(output),
        }
    }

    /// Adds an order's rows.
    pub fn write(&mut self, o: &NewOrder) -> Result<(), csv::Error> {
        for l in &o.lines {
            self.writer.serialize(Row {
                order_number: cell(&o.number),
                placed_at: o.placed_at,
                customer_email: cell(&o.customer_email),
                customer_name: cell(&o.customer_name),
                currency: o.currency.clone(),
                shipping_paid: o.shipping_paid.clone(),
                duties_paid: o.duties_paid.clone(),
                payment_method: cell(&o.payment_method),
                full_name: cell(&o.address.full_name),
                street: cell(&o.address.street),
                postal_code: cell(&o.address.postal_code),
                city: cell(&o.address.city),
                country: cell(&o.address.country),
                phone: cell(&o.address.phone),
                address_email: cell(&o.address.email),
                signed_at: o.signed_at,
                damage_noted_at_signing: Some(o.damage_noted_at_signing),
                sku: cell(&l.sku),
                name: Some(cell(&l.name)).filter(|n| !n.is_empty()),
                unit_price: l.unit_price.clone(),
                quantity: l.quantity,
                time_zone: o.time_zone.clone(),
                payment_id: o.payment_id.as_deref().map(cell),
                hs_code: l.hs_code.clone(),
                origin: l.origin.clone(),
            })?;
        }
        Ok(())
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> Result<(), csv::Error> {
        self.writer.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "order_number,placed_at,customer_email,customer_name,currency,shipping_paid,duties_paid,payment_method,full_name,street,postal_code,city,country,phone,address_email,signed_at,damage_noted_at_signing,sku,name,unit_price,quantity\n";

    fn row(number: &str, sku: &str, price: &str, quantity: &str) -> String {
        format!(
            "{number},2026-03-01T10:00:00+08:00,ana@example.com,Ana Lima,USD,30.00,,card,Ana Lima,Rua 1,1200,Lisboa,PT,+351 1,ana@example.com,2026-03-10T15:00:00+08:00,false,{sku},Lock,{price},{quantity}\n"
        )
    }

    #[test]
    fn rows_of_one_order_are_grouped_and_bad_rows_named_by_line() {
        let text = format!(
            "{HEADER}{}{}{}{}{}{}",
            row("LM-1", "LK-100", "120.00", "2"),
            row("LM-1", "LK-200", "60.00", "1"),
            row("LM-2", "LK-200", "60.00", "x"),
            row("LM-2", "LK-100", "120.00", "1"),
            row("LM-3", "LK-100", "120.00", "1"),
            row("LM-1", "LK-300", "10.00", "1"),
        );
        let read = read_orders(text.as_bytes()).unwrap();
        let numbers: Vec<(&str, &[u64])> = read
            .orders
            .iter()
            .map(|o| (o.order.number.as_str(), o.lines.as_slice()))
            .collect();
        // An order's rows follow each other; its number again further down is another order
        // (which the import finds already stored with other details).
        assert_eq!(
            numbers,
            vec![
                ("LM-1", &[2, 3][..]),
                ("LM-3", &[6][..]),
                ("LM-1", &[7][..])
            ]
        );
        assert_eq!(read.orders[0].order.lines.len(), 2);
        let refused: Vec<(u64, &str)> = read
            .refused
            .iter()
            .map(|r| (r.line, r.message.as_str()))
            .collect();
        assert_eq!(refused.len(), 2, "{refused:?}");
        assert_eq!(refused[0].0, 4);
        assert!(refused[0].1.starts_with("quantity:"), "{refused:?}");
        assert_eq!(
            refused[1],
            (5, "order LM-2 skipped: another of its rows is refused")
        );
    }

    /// A file larger than the reader's buffer, read in small pieces: every order and line
    /// number comes out as from memory.
    #[test]
    fn a_stream_read_in_small_pieces_gives_the_same_orders_and_lines() {
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = buf.len().min(7).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut text = HEADER.to_owned();
        for n in 0..2000 {
            text.push_str(&row(&format!("LM-{n}"), "LK-100", "120.00", "1"));
            text.push_str(&row(&format!("LM-{n}"), "LK-200", "60.00", "2"));
        }
        let text = text.replace('\n', "\r\n");
        let mut reader = OrderReader::new(Trickle(text.as_bytes())).unwrap();
        let mut count = 0;
        for item in reader.by_ref() {
            let CsvItem::Order(order) = item.unwrap() else {
                panic!("no row is refused");
            };
            assert_eq!(order.lines, vec![2 + 2 * count, 3 + 2 * count]);
            count += 1;
        }
        assert_eq!(count, 2000);
        assert_eq!(reader.bytes_read(), text.len() as u64);
        let breaks = reader.breaks.lock().unwrap();
        assert!(breaks.ahead.len() < 64, "line breaks passed are forgotten");
    }

    #[test]
    fn export_then_import_gives_the_same_orders() {
        let text = format!(
            "{HEADER}{}{}",
            row("LM-1", "LK-100", "120.00", "2"),
            row("LM-1", "LK-200", "60.00", "1")
        );
        let first = read_orders(text.as_bytes()).unwrap();
        let mut out = Vec::new();
        let mut writer = OrdersWriter::new(&mut out).unwrap();
        for o in &first.orders {
            writer.write(&o.order).unwrap();
        }
        writer.finish().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out)
                .matches("order_number,")
                .count(),
            1,
            "one header"
        );
        let second = read_orders(out.as_slice()).unwrap();
        assert_eq!(
            first.orders.iter().map(|o| &o.order).collect::<Vec<_>>(),
            second.orders.iter().map(|o| &o.order).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_invoice_attributes_of_a_line_are_read_and_exported_again() {
        let header = HEADER.replace(
            "quantity\n",
            "quantity,time_zone,payment_id,hs_code,origin\n",
        );
        let text = format!(
            "{header}{}{}",
            row("LM-1", "LK-100", "120.00", "2").replace('\n', ",,,8301.40,CN\n"),
            row("LM-1", "LK-200", "60.00", "1").replace('\n', ",,, ,\n")
        );
        let first = read_orders(text.as_bytes()).unwrap();
        let lines = &first.orders[0].order.lines;
        assert_eq!(
            (lines[0].hs_code.as_deref(), lines[0].origin.as_deref()),
            (Some("8301.40"), Some("CN"))
        );
        assert_eq!(
            (lines[1].hs_code.as_deref(), lines[1].origin.as_deref()),
            (None, None)
        );
        let mut out = Vec::new();
        let mut writer = OrdersWriter::new(&mut out).unwrap();
        writer.write(&first.orders[0].order).unwrap();
        writer.finish().unwrap();
        let second = read_orders(out.as_slice()).unwrap();
        assert_eq!(first.orders[0].order, second.orders[0].order);
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_written_as_text_and_read_back_as_they_were() {
        let text = format!("{HEADER}{}", row("LM-1", "LK-100", "120.00", "2"))
            .replace("Ana Lima,USD", "\"=HYPERLINK(\"\"http://x\"\")\",USD");
        let first = read_orders(text.as_bytes()).unwrap();
        assert_eq!(
            first.orders[0].order.customer_name,
            "=HYPERLINK(\"http://x\")"
        );
        let mut out = Vec::new();
        let mut writer = OrdersWriter::new(&mut out).unwrap();
        writer.write(&first.orders[0].order).unwrap();
        writer.finish().unwrap();
        let exported = String::from_utf8(out.clone()).unwrap();
        assert!(
            exported.contains("\"'=HYPERLINK(") && !exported.contains(",=HYPERLINK"),
            "{exported}"
        );
        let second = read_orders(out.as_slice()).unwrap();
        assert_eq!(second.orders[0].order, first.orders[0].order);
    }

    #[test]
    fn lines_are_counted_the_same_with_crlf_endings() {
        let text = format!(
            "{HEADER}{}{}{}",
            row("LM-1", "LK-100", "120.00", "2"),
            row("LM-1", "LK-200", "60.00", "1"),
            row("LM-2", "LK-200", "60.00", "x"),
        )
        .replace('\n', "\r\n");
        let read = read_orders(text.as_bytes()).unwrap();
        assert_eq!(read.refused[0].line, 4);
        assert_eq!(read.orders[0].lines, vec![2, 3]);
    }

    #[test]
    fn an_order_whose_rows_disagree_is_refused() {
        let mut other = row("LM-1", "LK-200", "60.00", "1");
        other = other.replace("Ana Lima,USD", "Ana Lima,EUR");
        let text = format!("{HEADER}{}{other}", row("LM-1", "LK-100", "120.00", "2"));
        let read = read_orders(text.as_bytes()).unwrap();
        assert!(read.orders.is_empty());
        assert_eq!(read.refused[0].line, 3);
    }
}

/// What an import did: counts, and every refused row with its line number, in line order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub inserted: u64,
    pub unchanged: u64,
    pub differs: u64,
    pub problems: Vec<RowError>,
}

/// How many orders an import writes in one transaction: large enough that the commits' cost
/// is spread thin, small enough that a refused batch is quick to redo.
pub const IMPORT_BATCH: usize = 1000;

/// After importing at least this many orders, the planner's statistics are refreshed.
const BULK: u64 = 1000;

impl<S: aftercare_store::Store> crate::App<S> {
    /// Imports the orders read from a CSV file, [`IMPORT_BATCH`] to a transaction: bad rows
    /// are reported with their line numbers and skipped, good orders kept; an order already
    /// stored identically is left alone. `progress` hears the orders done and the total.
    pub async fn import_csv(
        &self,
        actor: &aftercare_core::cases::Actor,
        read: &CsvOrders,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<ImportReport, crate::AppError> {
        self.may_import(actor)?;
        let mut report = ImportReport {
            problems: read.refused.clone(),
            ..ImportReport::default()
        };
        let total = read.orders.len();
        let mut done = 0;
        for batch in read.orders.chunks(IMPORT_BATCH) {
            self.import_batch(batch, &mut report).await?;
            done += batch.len();
            progress(done, total);
        }
        self.after_bulk_import(&report).await;
        report
            .problems
            .sort_by(|a, b| (a.line, &a.message).cmp(&(b.line, &b.message)));
        Ok(report)
    }

    /// Imports a CSV file of any size as it is read, [`IMPORT_BATCH`] orders to a transaction,
    /// in memory bounded by a batch. `progress` hears the report so far and the bytes read.
    /// A file that breaks off (an I/O error) keeps what was imported before it.
    pub async fn import_csv_stream(
        &self,
        actor: &aftercare_core::cases::Actor,
        input: impl Read,
        mut progress: impl FnMut(&ImportReport, u64),
    ) -> Result<ImportReport, crate::AppError> {
        self.may_import(actor)?;
        let unreadable = |e: csv::Error| crate::AppError::Invalid {
            field: "file".into(),
            message: e.to_string().into(),
        };
        let mut reader = OrderReader::new(input).map_err(unreadable)?;
        let mut report = ImportReport::default();
        let mut batch = Vec::with_capacity(IMPORT_BATCH);
        loop {
            let item = reader.next().transpose().map_err(unreadable)?;
            let end = item.is_none();
            match item {
                Some(CsvItem::Order(order)) => batch.push(*order),
                Some(CsvItem::Refused(row)) => report.problems.push(row),
                None => {}
            }
            if batch.len() == IMPORT_BATCH || (end && !batch.is_empty()) {
                self.import_batch(&batch, &mut report).await?;
                batch.clear();
                progress(&report, reader.bytes_read());
            }
            if end {
                break;
            }
        }
        self.after_bulk_import(&report).await;
        report
            .problems
            .sort_by(|a, b| (a.line, &a.message).cmp(&(b.line, &b.message)));
        Ok(report)
    }

    fn may_import(&self, actor: &aftercare_core::cases::Actor) -> Result<(), crate::AppError> {
        use aftercare_core::cases::Role;
        if actor.has(Role::System) || actor.has(Role::Admin) {
            Ok(())
        } else {
            Err(crate::AppError::Refused(
                aftercare_core::cases::Refusal::only("store-or-admin", "doing-import-orders"),
            ))
        }
    }

    /// Checks and writes one batch in one transaction, and counts what it did.
    async fn import_batch(
        &self,
        batch: &[CsvOrder],
        report: &mut ImportReport,
    ) -> Result<(), crate::AppError> {
        use aftercare_store::PutOrder;
        let now = self.now();
        let mut writes = Vec::with_capacity(batch.len());
        let mut written = Vec::with_capacity(batch.len());
        for csv_order in batch {
            match self.order_write(&csv_order.order, now) {
                Ok(write) => {
                    writes.push(write);
                    written.push(csv_order);
                }
                Err(crate::AppError::Invalid { field, message }) => {
                    for line in &csv_order.lines {
                        report.problems.push(RowError {
                            line: *line,
                            message: format!(
                                "order {}: {field}: {message}",
                                csv_order.order.number
                            ),
                        });
                    }
                }
                Err(e) => return Err(e),
            }
        }
        let puts = self.store.put_orders(&writes).await?;
        for (put, csv_order) in puts.into_iter().zip(written) {
            match put {
                PutOrder::Inserted => report.inserted += 1,
                PutOrder::Unchanged => report.unchanged += 1,
                PutOrder::Differs => {
                    report.differs += 1;
                    report.problems.push(RowError {
                        line: csv_order.lines.first().copied().unwrap_or_default(),
                        message: format!(
                            "order {} is already stored with other details; kept as stored",
                            csv_order.order.number
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// A bulk import changes the tables' shape: the planner's statistics are refreshed, or
    /// PostgreSQL keeps planning the queues as for a small database. A failure is logged: the
    /// orders are in.
    async fn after_bulk_import(&self, report: &ImportReport) {
        if report.inserted >= BULK
            && let Err(e) = self.store.refresh_statistics().await
        {
            tracing::warn!(error = %e, "cannot refresh the planner's statistics after an import");
        }
    }
}
