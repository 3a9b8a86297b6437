//! Case facts: what the evaluator is asked about, parsed from the public JSON contract into
//! checked domain values. Every refusal names the JSON field it is about.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;

use crate::money::{Currency, Money, MoneyError};
use crate::policy::{Grade, ReturnReason};

/// A refused input: the JSON path of the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FactsError {
    /// Dotted path such as `request.lines[0].quantity`; empty for the document itself.
    pub field: String,
    pub message: String,
}

impl FactsError {
    fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FactsError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FactsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// A line of an order, as paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    pub sku: String,
    pub unit_price: Money,
    pub quantity: u32,
}

/// The order a request is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub placed_at: Timestamp,
    pub currency: Currency,
    pub lines: Vec<OrderLine>,
    /// The order's international shipping.
    pub shipping_paid: Money,
    /// Duties and taxes included in the order total (zero when paid at customs).
    pub duties_paid: Money,
}

impl Order {
    /// The line with this SKU.
    pub fn line(&self, sku: &str) -> Option<&OrderLine> {
        self.lines.iter().find(|l| l.sku == sku)
    }

    /// The price paid for every product of the order.
    pub fn products_total(&self) -> Result<Money, MoneyError> {
        self.lines
            .iter()
            .try_fold(Money::zero(self.currency), |sum, l| {
                sum.checked_add(l.unit_price.times(l.quantity)?)
            })
    }

    /// The price paid for some units of the order's lines (unknown SKUs count nothing).
    pub fn paid_for(&self, lines: &[RequestLine]) -> Result<Money, MoneyError> {
        lines.iter().try_fold(Money::zero(self.currency), |sum, l| {
            let unit = self
                .line(&l.sku)
                .map_or(Money::zero(self.currency), |o| o.unit_price);
            sum.checked_add(unit.times(l.quantity)?)
        })
    }

    /// Everything paid: products, international shipping, and duties included in the order.
    pub fn total_paid(&self) -> Result<Money, MoneyError> {
        self.products_total()?
            .checked_add(self.shipping_paid)?
            .checked_add(self.duties_paid)
    }
}

/// Units of one order line that a request (a return, a buyback, an exchange) is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestLine {
    pub sku: String,
    pub quantity: u32,
}

/// The condition a buyback applicant reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub grade: Grade,
    pub missing_accessories: u32,
    pub original_packaging: bool,
}

/// What the customer or the shop asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Return {
        reason: ReturnReason,
        /// Absent: the evaluator judges the request as if made at `now`.
        submitted_at: Option<Timestamp>,
        lines: Vec<RequestLine>,
        evidence: bool,
        /// Return costs the shop confirmed and compensates (III.2); zero before the goods arrive.
        return_costs: Money,
        /// What the customer says the return costs them: a claim, never paid as such.
        return_costs_claimed: Option<Money>,
    },
    Buyback {
        submitted_at: Option<Timestamp>,
        lines: Vec<RequestLine>,
        condition: Condition,
        defect: Option<ReturnReason>,
        /// Whether photos of the current state came with the application, when the caller says.
        evidence: Option<bool>,
    },
    Exchange {
        submitted_at: Option<Timestamp>,
        lines: Vec<RequestLine>,
        reason: Option<ReturnReason>,
        evidence: bool,
    },
    Undeliverable {
        returned_at: Timestamp,
        return_processing_fee: Money,
    },
    CustomsDestroyed {
        goods_returned: bool,
    },
}

/// Everything the evaluator needs to know about a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub order: Order,
    pub signed_at: Option<Timestamp>,
    pub damage_noted_at_signing: bool,
    pub request: Request,
    /// The customer's own calendar: the local dates of signing and of the request, as the
    /// timestamps were given (their offsets). A window in days is met by these dates or by the
    /// shop's, whichever is later, so no customer is worse off for their time zone.
    pub customer_dates: CustomerDates,
}

/// The customer's local dates of signing and of the request, when the facts give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CustomerDates {
    pub signed_on: Option<Date>,
    pub submitted_on: Option<Date>,
}

/// A timestamp as written, with the local date its offset gives ("2026-03-24T13:00:00-04:00" is
/// on the 24th wherever it is read). `Z` says the local offset is unknown (RFC 9557), so it
/// gives no local date; "+00:00" is a local time that happens to be UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct GivenTime {
    at: Timestamp,
    local_date: Option<Date>,
}

impl<'de> Deserialize<'de> for GivenTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use jiff::fmt::temporal::{Pieces, PiecesOffset};
        let text = String::deserialize(d)?;
        let at: Timestamp = text.parse().map_err(serde::de::Error::custom)?;
        let pieces = Pieces::parse(text.as_str()).map_err(serde::de::Error::custom)?;
        let local_date = match pieces.offset() {
            Some(PiecesOffset::Numeric(_)) => Some(pieces.date()),
            _ => None,
        };
        Ok(GivenTime { at, local_date })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsJson {
    order: OrderJson,
    signed_at: Option<GivenTime>,
    #[serde(default)]
    damage_noted_at_signing: bool,
    request: RequestJson,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrderJson {
    placed_at: Timestamp,
    currency: String,
    lines: Vec<OrderLineJson>,
    shipping_paid: String,
    #[serde(default)]
    duties_paid: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrderLineJson {
    sku: String,
    unit_price: String,
    quantity: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestLineJson {
    sku: String,
    quantity: u32,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum RequestType {
    Return,
    Buyback,
    Exchange,
    Undeliverable,
    CustomsDestroyed,
}

impl RequestType {
    fn name(self) -> &'static str {
        match self {
            RequestType::Return => "return",
            RequestType::Buyback => "buyback",
            RequestType::Exchange => "exchange",
            RequestType::Undeliverable => "undeliverable",
            RequestType::CustomsDestroyed => "customs_destroyed",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeesJson {
    return_processing: String,
}

// One flat shape for every request type, so that a misplaced field is reported with its own
// path and the type's name instead of serde's "data did not match any variant".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestJson {
    #[serde(rename = "type")]
    kind: RequestType,
    reason: Option<ReturnReason>,
    submitted_at: Option<GivenTime>,
    lines: Option<Vec<RequestLineJson>>,
    evidence: Option<bool>,
    return_costs: Option<String>,
    return_costs_claimed: Option<String>,
    condition: Option<Condition>,
    defect: Option<ReturnReason>,
    returned_at: Option<Timestamp>,
    fees: Option<FeesJson>,
    goods_returned: Option<bool>,
}

/// Largest quantity on one line; a guard against typos and overflow, far above any real order.
const MAX_QUANTITY: u32 = 100_000;

impl Facts {
    /// Parses facts from JSON.
    pub fn from_json(json: &str) -> Result<Facts, FactsError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let raw: FactsJson = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            let field = if field == "." { String::new() } else { field };
            FactsError::new(field, strip_position(&e.inner().to_string()))
        })?;
        raw.check()
    }
}

/// serde_json appends " at line L column C"; the field path already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn money(field: &str, text: &str, currency: Currency) -> Result<Money, FactsError> {
    let m = Money::parse(text, currency).map_err(|e| FactsError::new(field, e.to_string()))?;
    if m.is_negative() {
        return Err(FactsError::new(field, "must not be negative"));
    }
    Ok(m)
}

impl Order {
    /// Parses an order on its own (as the shop's store sends it); fields are named relative to it.
    pub fn from_json(json: &str) -> Result<Order, FactsError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let raw: OrderJson = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            let field = if field == "." { String::new() } else { field };
            FactsError::new(field, strip_position(&e.inner().to_string()))
        })?;
        check_order(raw, "")
    }
}

fn check_order(raw: OrderJson, prefix: &str) -> Result<Order, FactsError> {
    let path = |f: &str| format!("{prefix}{f}");
    let currency = Currency::parse(&raw.currency)
        .map_err(|e| FactsError::new(path("currency"), e.to_string()))?;
    if raw.lines.is_empty() {
        return Err(FactsError::new(
            path("lines"),
            "an order needs at least one line",
        ));
    }
    let mut lines: Vec<OrderLine> = Vec::with_capacity(raw.lines.len());
    for (i, line) in raw.lines.into_iter().enumerate() {
        let at = |f: &str| path(&format!("lines[{i}].{f}"));
        if line.sku.trim().is_empty() {
            return Err(FactsError::new(at("sku"), "must not be empty"));
        }
        if lines.iter().any(|l| l.sku == line.sku) {
            return Err(FactsError::new(
                at("sku"),
                format!("`{}` appears on two lines; merge them into one", line.sku),
            ));
        }
        if line.quantity == 0 || line.quantity > MAX_QUANTITY {
            return Err(FactsError::new(
                at("quantity"),
                format!("must be 1 to {MAX_QUANTITY}"),
            ));
        }
        let unit_price = money(&at("unit_price"), &line.unit_price, currency)?;
        unit_price
            .times(line.quantity)
            .map_err(|e| FactsError::new(at("quantity"), e.to_string()))?;
        lines.push(OrderLine {
            sku: line.sku,
            unit_price,
            quantity: line.quantity,
        });
    }
    let order = Order {
        placed_at: raw.placed_at,
        currency,
        lines,
        shipping_paid: money(&path("shipping_paid"), &raw.shipping_paid, currency)?,
        duties_paid: match &raw.duties_paid {
            Some(text) => money(&path("duties_paid"), text, currency)?,
            None => Money::zero(currency),
        },
    };
    if order.total_paid().is_err() {
        return Err(FactsError::new(
            prefix.trim_end_matches('.'),
            "the order total is too large",
        ));
    }
    Ok(order)
}

impl FactsJson {
    fn check(self) -> Result<Facts, FactsError> {
        let order = check_order(self.order, "order.")?;
        let signed_at = self.signed_at.map(|g| g.at);
        if let Some(signed) = signed_at
            && signed < order.placed_at
        {
            return Err(FactsError::new("signed_at", "is before order.placed_at"));
        }
        let customer_dates = CustomerDates {
            signed_on: self.signed_at.and_then(|g| g.local_date),
            submitted_on: self.request.submitted_at.and_then(|g| g.local_date),
        };
        let request = check_request(self.request, &order, signed_at)?;
        Ok(Facts {
            order,
            signed_at,
            damage_noted_at_signing: self.damage_noted_at_signing,
            request,
            customer_dates,
        })
    }
}

fn check_request(
    r: RequestJson,
    order: &Order,
    signed_at: Option<Timestamp>,
) -> Result<Request, FactsError> {
    let kind = r.kind;
    let type_name = kind.name();
    let unused = |field: &str, present: bool| -> Result<(), FactsError> {
        if present {
            Err(FactsError::new(
                format!("request.{field}"),
                format!("is not used by a {type_name} request"),
            ))
        } else {
            Ok(())
        }
    };
    let required = |field: &str| {
        FactsError::new(
            format!("request.{field}"),
            format!("is required for a {type_name} request"),
        )
    };
    let needs_signing = matches!(
        kind,
        RequestType::Return | RequestType::Buyback | RequestType::Exchange
    );
    if needs_signing && signed_at.is_none() {
        return Err(FactsError::new(
            "signed_at",
            format!("is required for a {type_name} request: its windows count from signing"),
        ));
    }
    if !needs_signing && signed_at.is_some() {
        return Err(FactsError::new(
            "signed_at",
            format!(
                "must be absent for a {type_name} request: the parcel never reached the customer"
            ),
        ));
    }
    let submitted_at = |submitted: Option<GivenTime>| -> Result<Option<Timestamp>, FactsError> {
        let submitted = submitted.map(|g| g.at);
        match (submitted, signed_at) {
            (Some(at), Some(signed)) if at < signed => Err(FactsError::new(
                "request.submitted_at",
                "is before signed_at",
            )),
            _ => Ok(submitted),
        }
    };
    let lines = |lines: Option<Vec<RequestLineJson>>| -> Result<Vec<RequestLine>, FactsError> {
        let lines = lines.ok_or_else(|| required("lines"))?;
        if lines.is_empty() {
            return Err(FactsError::new("request.lines", "needs at least one line"));
        }
        let mut checked: Vec<RequestLine> = Vec::with_capacity(lines.len());
        for (i, line) in lines.into_iter().enumerate() {
            let at = |f: &str| format!("request.lines[{i}].{f}");
            let Some(ordered) = order.line(&line.sku) else {
                return Err(FactsError::new(
                    at("sku"),
                    format!("`{}` is not a line of the order", line.sku),
                ));
            };
            if checked.iter().any(|l| l.sku == line.sku) {
                return Err(FactsError::new(
                    at("sku"),
                    format!("`{}` is listed twice", line.sku),
                ));
            }
            if line.quantity == 0 || line.quantity > ordered.quantity {
                return Err(FactsError::new(
                    at("quantity"),
                    format!("must be 1 to {} (the quantity ordered)", ordered.quantity),
                ));
            }
            checked.push(RequestLine {
                sku: line.sku,
                quantity: line.quantity,
            });
        }
        Ok(checked)
    };
    match kind {
        RequestType::Return => {
            unused("condition", r.condition.is_some())?;
            unused("defect", r.defect.is_some())?;
            unused("returned_at", r.returned_at.is_some())?;
            unused("fees", r.fees.is_some())?;
            unused("goods_returned", r.goods_returned.is_some())?;
            Ok(Request::Return {
                reason: r.reason.ok_or_else(|| required("reason"))?,
                submitted_at: submitted_at(r.submitted_at)?,
                lines: lines(r.lines)?,
                evidence: r.evidence.ok_or_else(|| required("evidence"))?,
                return_costs: match &r.return_costs {
                    Some(text) => money("request.return_costs", text, order.currency)?,
                    None => Money::zero(order.currency),
                },
                return_costs_claimed: match &r.return_costs_claimed {
                    Some(text) => {
                        Some(money("request.return_costs_claimed", text, order.currency)?)
                    }
                    None => None,
                },
            })
        }
        RequestType::Buyback => {
            unused("reason", r.reason.is_some())?;
            unused("return_costs", r.return_costs.is_some())?;
            unused("return_costs_claimed", r.return_costs_claimed.is_some())?;
            unused("returned_at", r.returned_at.is_some())?;
            unused("fees", r.fees.is_some())?;
            unused("goods_returned", r.goods_returned.is_some())?;
            let condition = r.condition.ok_or_else(|| required("condition"))?;
            if condition.missing_accessories > MAX_QUANTITY {
                return Err(FactsError::new(
                    "request.condition.missing_accessories",
                    format!("must be 0 to {MAX_QUANTITY}"),
                ));
            }
            Ok(Request::Buyback {
                submitted_at: submitted_at(r.submitted_at)?,
                lines: lines(r.lines)?,
                condition,
                defect: r.defect,
                evidence: r.evidence,
            })
        }
        RequestType::Exchange => {
            unused("condition", r.condition.is_some())?;
            unused("defect", r.defect.is_some())?;
            unused("return_costs", r.return_costs.is_some())?;
            unused("return_costs_claimed", r.return_costs_claimed.is_some())?;
            unused("returned_at", r.returned_at.is_some())?;
            unused("fees", r.fees.is_some())?;
            unused("goods_returned", r.goods_returned.is_some())?;
            Ok(Request::Exchange {
                submitted_at: submitted_at(r.submitted_at)?,
                lines: lines(r.lines)?,
                reason: r.reason,
                evidence: r.evidence.unwrap_or(false),
            })
        }
        RequestType::Undeliverable => {
            for (field, present) in [
                ("reason", r.reason.is_some()),
                ("lines", r.lines.is_some()),
                ("evidence", r.evidence.is_some()),
                ("return_costs", r.return_costs.is_some()),
                ("return_costs_claimed", r.return_costs_claimed.is_some()),
                ("condition", r.condition.is_some()),
                ("defect", r.defect.is_some()),
                ("goods_returned", r.goods_returned.is_some()),
            ] {
                unused(field, present)?;
            }
            let returned_at = r.returned_at.ok_or_else(|| required("returned_at"))?;
            if returned_at < order.placed_at {
                return Err(FactsError::new(
                    "request.returned_at",
                    "is before order.placed_at",
                ));
            }
            let fees = r.fees.ok_or_else(|| required("fees"))?;
            Ok(Request::Undeliverable {
                returned_at,
                return_processing_fee: money(
                    "request.fees.return_processing",
                    &fees.return_processing,
                    order.currency,
                )?,
            })
        }
        RequestType::CustomsDestroyed => {
            for (field, present) in [
                ("reason", r.reason.is_some()),
                ("lines", r.lines.is_some()),
                ("evidence", r.evidence.is_some()),
                ("return_costs", r.return_costs.is_some()),
                ("return_costs_claimed", r.return_costs_claimed.is_some()),
                ("condition", r.condition.is_some()),
                ("defect", r.defect.is_some()),
                ("returned_at", r.returned_at.is_some()),
                ("fees", r.fees.is_some()),
            ] {
                unused(field, present)?;
            }
            Ok(Request::CustomsDestroyed {
                goods_returned: r.goods_returned.unwrap_or(false),
            })
        }
    }
}
