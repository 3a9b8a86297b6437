//! Orders as CSV, the way shop platforms export them: one row per order line, the order's own
//! columns repeated on each of its rows. Import groups the rows by order number and reports
//! every refused row with its line number; export writes the same format back.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::orders::{NewOrder, NewOrderLine, OrderAddress};

/// The columns, in order.
pub const COLUMNS: [&str; 23] = [
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

/// Reads orders from CSV. Only an unreadable header is fatal; a bad row refuses its order.
pub fn read_orders(mut input: impl Read) -> Result<CsvOrders, csv::Error> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    // The reader's own line count slips by one with CRLF endings: lines are counted here from
    // the byte where each record starts.
    let newlines: Vec<u64> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i as u64)
        .collect();
    let line_at = |position: Option<&csv::Position>| -> u64 {
        position.map_or(0, |p| {
            // A record's position can be the end of the line before it (the `\n` of a CRLF).
            let mut start = p.byte();
            while bytes
                .get(usize::try_from(start).unwrap_or(usize::MAX))
                .is_some_and(|b| *b == b'\r' || *b == b'\n')
            {
                start += 1;
            }
            let before = newlines.partition_point(|&n| n < start);
            before as u64 + 1
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());
    let headers = reader.headers()?.clone();
    let mut groups: BTreeMap<String, (usize, Vec<u64>, Vec<Row>)> = BTreeMap::new();
    let mut refused = Vec::new();
    let mut bad_orders: BTreeMap<String, ()> = BTreeMap::new();
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = line_at(e.position());
                refused.push(RowError {
                    line,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let line = line_at(record.position());
        let number = record.get(0).unwrap_or("").trim().to_owned();
        match record.deserialize::<Row>(Some(&headers)) {
            Ok(row) => {
                let group = groups
                    .entry(number)
                    .or_insert_with(|| (index, Vec::new(), Vec::new()));
                group.1.push(line);
                group.2.push(row);
            }
            Err(e) => {
                refused.push(RowError {
                    line,
                    message: describe(&e, &headers),
                });
                bad_orders.insert(number, ());
            }
        }
    }
    let mut orders: Vec<(usize, CsvOrder)> = Vec::new();
    for (number, (first, lines, rows)) in groups {
        if bad_orders.contains_key(&number) {
            for line in lines {
                refused.push(RowError {
                    line,
                    message: format!("order {number} skipped: another of its rows is refused"),
                });
            }
            continue;
        }
        let Some(head) = rows.first() else { continue };
        let mut order = head.order();
        let mut consistent = true;
        for (row, line) in rows.iter().zip(&lines) {
            if row.order() != head.order() {
                refused.push(RowError {
                    line: *line,
                    message: format!(
                        "order {number}: the order's columns differ from its first row (line {})",
                        lines[0]
                    ),
                });
                consistent = false;
            }
            order.lines.push(row.line());
        }
        if consistent {
            orders.push((first, CsvOrder { lines, order }));
        }
    }
    orders.sort_by_key(|(first, _)| *first);
    refused.sort_by_key(|r| r.line);
    Ok(CsvOrders {
        orders: orders.into_iter().map(|(_, o)| o).collect(),
        refused,
    })
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
            "{HEADER}{}{}{}{}",
            row("LM-1", "LK-100", "120.00", "2"),
            row("LM-2", "LK-200", "60.00", "x"),
            row("LM-1", "LK-200", "60.00", "1"),
            row("LM-3", "LK-100", "120.00", "1"),
        );
        let read = read_orders(text.as_bytes()).unwrap();
        let numbers: Vec<&str> = read
            .orders
            .iter()
            .map(|o| o.order.number.as_str())
            .collect();
        assert_eq!(numbers, vec!["LM-1", "LM-3"]);
        assert_eq!(read.orders[0].lines, vec![2, 4]);
        assert_eq!(read.orders[0].order.lines.len(), 2);
        assert_eq!(read.refused.len(), 1);
        assert_eq!(read.refused[0].line, 3);
        assert!(
            read.refused[0].message.starts_with("quantity:"),
            "{:?}",
            read.refused
        );
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
            row("LM-2", "LK-200", "60.00", "x"),
            row("LM-1", "LK-200", "60.00", "1"),
        )
        .replace('\n', "\r\n");
        let read = read_orders(text.as_bytes()).unwrap();
        assert_eq!(read.refused[0].line, 3);
        assert_eq!(read.orders[0].lines, vec![2, 4]);
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

impl<S: aftercare_store::Store> crate::App<S> {
    /// Imports the orders read from a CSV file: bad rows are reported with their line numbers
    /// and skipped, good ones kept; an order already stored identically is left alone.
    /// `progress` is told after each order (done, total), for a progress bar.
    pub async fn import_csv(
        &self,
        actor: &aftercare_core::cases::Actor,
        read: &CsvOrders,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<ImportReport, crate::AppError> {
        use aftercare_store::PutOrder;
        let mut report = ImportReport {
            problems: read.refused.clone(),
            ..ImportReport::default()
        };
        let total = read.orders.len();
        for (done, csv_order) in read.orders.iter().enumerate() {
            match self.import_order(actor, &csv_order.order).await {
                Ok(PutOrder::Inserted) => report.inserted += 1,
                Ok(PutOrder::Unchanged) => report.unchanged += 1,
                Ok(PutOrder::Differs) => {
                    report.differs += 1;
                    report.problems.push(RowError {
                        line: csv_order.lines.first().copied().unwrap_or_default(),
                        message: format!(
                            "order {} is already stored with other details; kept as stored",
                            csv_order.order.number
                        ),
                    });
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
            progress(done + 1, total);
        }
        report
            .problems
            .sort_by(|a, b| (a.line, &a.message).cmp(&(b.line, &b.message)));
        Ok(report)
    }
}
