//! Orders pushed or imported from the shop's store.

use aftercare_core::Facts;
use aftercare_core::cases::order::{OrderCase, OrderState};
use aftercare_core::cases::{Actor, Role};
use aftercare_core::facts::Order;
use aftercare_core::policy::AddressField;
use aftercare_store::{CaseKind, CaseRecord, OrderRecord, PutOrder, Store, StoreError};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::{App, AppError, new_id, to_json, visible};

/// A delivery address (I.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderAddress {
    pub full_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
}

impl OrderAddress {
    fn get(&self, field: AddressField) -> &str {
        match field {
            AddressField::FullName => &self.full_name,
            AddressField::Street => &self.street,
            AddressField::PostalCode => &self.postal_code,
            AddressField::City => &self.city,
            AddressField::Country => &self.country,
            AddressField::Phone => &self.phone,
            AddressField::Email => &self.email,
        }
    }
}

/// One line of an order as the store sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewOrderLine {
    pub sku: String,
    #[serde(default)]
    pub name: String,
    pub unit_price: String,
    pub quantity: u32,
    /// The product's customs tariff number (HS code, 6 to 10 digits), for the commercial
    /// invoice (II).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    /// The product's country of origin (ISO 3166-1 alpha-2, "CN"), for the commercial invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// An order as the shop's store sends it (API or CSV import).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewOrder {
    pub number: String,
    pub placed_at: Timestamp,
    pub customer_email: String,
    pub customer_name: String,
    pub currency: String,
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub lines: Vec<NewOrderLine>,
    pub shipping_paid: String,
    #[serde(default)]
    pub duties_paid: Option<String>,
    /// The original payment method ("card", "paypal"...): refunds go back through it (III.3).
    pub payment_method: String,
    /// The payment at the provider, for refunds sent through it: a Stripe payment intent
    /// (`pi_...`) or charge (`ch_...`). Absent for payments refunded by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<String>,
    pub address: OrderAddress,
    #[serde(default)]
    pub signed_at: Option<Timestamp>,
    #[serde(default)]
    pub damage_noted_at_signing: bool,
    /// The delivery destination's IANA time zone ("America/New_York"): return windows are also
    /// met by the customer's own local dates there (the policy's `windows_in_customer_dates`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

impl NewOrder {
    /// The destination's time zone, when the order names a known one.
    pub fn customer_zone(&self) -> Option<jiff::tz::TimeZone> {
        self.time_zone
            .as_deref()
            .and_then(|name| jiff::tz::TimeZone::get(name).ok())
    }

    /// A moment written with the destination's offset at that moment, so that the evaluator
    /// reads the customer's local date from it; in UTC when the zone is unknown.
    fn as_given(&self, at: Timestamp) -> String {
        match self.customer_zone() {
            Some(zone) => at.display_with_offset(zone.to_offset(at)).to_string(),
            None => at.to_string(),
        }
    }

    /// The `order` object of the evaluator's facts.
    fn facts_order(&self) -> Value {
        json!({
            "placed_at": self.placed_at,
            "currency": self.currency,
            "lines": self.lines.iter().map(|l| json!({"sku": l.sku, "unit_price": l.unit_price, "quantity": l.quantity})).collect::<Vec<_>>(),
            "shipping_paid": self.shipping_paid,
            "duties_paid": self.duties_paid.clone().unwrap_or_else(|| "0".into()),
        })
    }

    /// The evaluator's facts for a request about this order.
    pub(crate) fn facts(&self, request: Value) -> Result<Facts, AppError> {
        let mut facts = json!({
            "order": self.facts_order(),
            "damage_noted_at_signing": self.damage_noted_at_signing,
            "request": request,
        });
        if let Some(signed) = self.signed_at {
            facts["signed_at"] = json!(self.as_given(signed));
        }
        if let Some(submitted) = facts["request"]["submitted_at"]
            .as_str()
            .and_then(|t| t.parse::<Timestamp>().ok())
        {
            facts["request"]["submitted_at"] = json!(self.as_given(submitted));
        }
        Ok(Facts::from_json(&facts.to_string())?)
    }

    /// The order as the evaluator reads it; fields are named relative to the order.
    pub(crate) fn checked(&self) -> Result<Order, AppError> {
        Ok(Order::from_json(&self.facts_order().to_string())?)
    }

    pub(crate) fn from_record(order: &OrderRecord) -> Result<NewOrder, AppError> {
        serde::Deserialize::deserialize(&order.data).map_err(|e| {
            aftercare_store::StoreError::Corrupt(format!("order {}: {e}", order.number)).into()
        })
    }
}

/// A post office box in the street line, however the destination writes it: the documents refuse
/// them (I.3). Matched on words, not letters, so "Tempo Boxing Rd" is a street: "P.O. Box",
/// "POB", "GPO Box", "Post Office Box", "PMB" (US private mailbox), "Postfach" (DE, AT, CH),
/// "Postbus" (NL), "Apartado" and "Casilla" (ES, LatAm) and "BP" (FR) before a number or
/// their usual words, "Boîte postale", "Caixa Postal" (BR, PT), "邮政信箱" (CN).
fn is_po_box(street: &str) -> bool {
    let lower = street.to_lowercase();
    if lower.contains("邮政信箱") || lower.contains("郵政信箱") {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let numeric =
        |w: Option<&&str>| w.is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()));
    words.iter().enumerate().any(|(i, w)| {
        let next = words.get(i + 1);
        let then = |options: &[&str]| next.is_some_and(|n| options.contains(n));
        match *w {
            "pobox" | "pmb" => true,
            "po" | "gpo" => then(&["box"]),
            "p" => then(&["o"]) && words.get(i + 2) == Some(&"box"),
            "pob" => numeric(next),
            "post" => then(&["office"]) && words.get(i + 2) == Some(&"box"),
            "apartado" | "casilla" => numeric(next) || then(&["postal", "de", "aereo", "aéreo"]),
            "bp" => numeric(next),
            "boite" | "boîte" => then(&["postale"]),
            "caixa" => then(&["postal"]),
            w if w.starts_with("postfach") || w.starts_with("postbus") => true,
            _ => false,
        }
    })
}

impl<S: Store> App<S> {
    /// Stores an order from the shop's store once; sending the same order again changes nothing.
    pub async fn import_order(
        &self,
        actor: &Actor,
        order: &NewOrder,
    ) -> Result<PutOrder, AppError> {
        if !(actor.has(Role::System) || actor.has(Role::Admin)) {
            return Err(AppError::Refused(aftercare_core::cases::Refusal::only(
                "store-or-admin",
                "doing-import-orders",
            )));
        }
        let write = self.order_write(order, self.now())?;
        let put = self.store.put_orders(std::slice::from_ref(&write)).await?;
        put.into_iter()
            .next()
            .ok_or_else(|| StoreError::Corrupt("an order written without an answer".into()).into())
    }

    /// A checked order as it is stored, with the fulfilment case it opens (written together, so
    /// that no order is ever stored without it): an order the store sends before signing is
    /// fulfilled here; one imported already signed (history from before Aftercare) has nothing
    /// left to fulfil.
    pub(crate) fn order_write(
        &self,
        order: &NewOrder,
        now: Timestamp,
    ) -> Result<aftercare_store::NewOrderWrite, AppError> {
        let order = self.check_order(order)?;
        let version = self
            .policy
            .version_at(order.placed_at)
            .ok_or_else(|| AppError::invalid("placed_at", "no policy version is loaded"))?;
        let record = OrderRecord {
            id: new_id(),
            number: order.number.clone(),
            customer_email: order.customer_email.clone(),
            customer_name: order.customer_name.clone(),
            currency: order.currency.clone(),
            placed_at: order.placed_at,
            policy_version: version.id.clone(),
            data: to_json(&order)?,
            created_at: now,
            language: None,
        };
        let opens = match order.signed_at {
            None => Some(crate::fulfilment::fulfilment_case(&record, now)?),
            Some(_) => None,
        };
        Ok(aftercare_store::NewOrderWrite {
            order: record,
            opens,
        })
    }

    /// Validates an order and normalises what has one right spelling (trimmed text, e-mail case).
    fn check_order(&self, order: &NewOrder) -> Result<NewOrder, AppError> {
        let mut o = order.clone();
        o.number = o.number.trim().to_owned();
        o.customer_email = o.customer_email.trim().to_lowercase();
        o.customer_name = o.customer_name.trim().to_owned();
        // The store keeps times to the microsecond: a finer time would not compare equal with
        // itself after a round trip (an export imported back would differ).
        o.placed_at = to_micros(o.placed_at);
        o.signed_at = o.signed_at.map(to_micros);
        o.payment_id = o
            .payment_id
            .map(|id| id.trim().to_owned())
            .filter(|id| !id.is_empty());
        if o.number.is_empty() || o.number.len() > 64 {
            return Err(AppError::invalid("number", "must be 1 to 64 characters"));
        }
        if !looks_like_email(&o.customer_email) {
            return Err(AppError::invalid(
                "customer_email",
                "is not an e-mail address",
            ));
        }
        if o.customer_name.is_empty() {
            return Err(AppError::invalid("customer_name", "must not be empty"));
        }
        if o.payment_method.trim().is_empty() {
            return Err(AppError::invalid(
                "payment_method",
                "name the payment method, e.g. card or paypal",
            ));
        }
        // Every text the store sends is bounded where the order is built.
        use aftercare_core::cases::limits::{LINE, SHORT};
        let a = &o.address;
        let mut texts: Vec<(String, &str, usize)> = vec![
            ("customer_email".into(), &o.customer_email, SHORT),
            ("customer_name".into(), &o.customer_name, SHORT),
            ("payment_method".into(), &o.payment_method, SHORT),
            (
                "payment_id".into(),
                o.payment_id.as_deref().unwrap_or_default(),
                SHORT,
            ),
            ("address.full_name".into(), &a.full_name, SHORT),
            ("address.street".into(), &a.street, LINE),
            ("address.postal_code".into(), &a.postal_code, SHORT),
            ("address.city".into(), &a.city, SHORT),
            ("address.country".into(), &a.country, SHORT),
            ("address.phone".into(), &a.phone, SHORT),
            ("address.email".into(), &a.email, SHORT),
        ];
        for (i, l) in o.lines.iter().enumerate() {
            texts.push((format!("lines[{i}].sku"), &l.sku, SHORT));
            texts.push((format!("lines[{i}].name"), &l.name, SHORT));
        }
        for (i, l) in o.lines.iter().enumerate() {
            if let Some(code) = &l.hs_code {
                let digits: String = code.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
                if !(6..=10).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit())
                {
                    return Err(AppError::invalid(
                        format!("lines[{i}].hs_code"),
                        "must be an HS code of 6 to 10 digits, such as 8301.40",
                    ));
                }
            }
            if let Some(origin) = &l.origin
                && !(origin.len() == 2 && origin.bytes().all(|b| b.is_ascii_uppercase()))
            {
                return Err(AppError::invalid(
                    format!("lines[{i}].origin"),
                    "must be a country code of two capital letters (ISO 3166-1), such as CN",
                ));
            }
        }
        if let Some((field, _, max)) = texts
            .into_iter()
            .find(|(_, value, max)| value.chars().count() > *max)
        {
            return Err(AppError::invalid(
                field,
                format!("must be at most {max} characters"),
            ));
        }
        // The evaluator's own checks name the amount and line fields.
        o.checked()?;
        let version = self
            .policy
            .version_at(o.placed_at)
            .ok_or_else(|| AppError::invalid("placed_at", "no policy version is loaded"))?;
        let rules = &version.address;
        for field in &rules.required {
            if o.address.get(*field).trim().is_empty() {
                let name = serde_json::to_value(field)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                return Err(AppError::invalid(
                    format!("address.{name}"),
                    format!("is required ({})", rules.clause),
                ));
            }
        }
        if !rules.po_box_allowed && is_po_box(&o.address.street) {
            return Err(AppError::invalid(
                "address.street",
                format!(
                    "we cannot deliver to P.O. boxes; give a street address ({})",
                    rules.clause
                ),
            ));
        }
        if !o.address.email.trim().is_empty() && !looks_like_email(o.address.email.trim()) {
            return Err(AppError::invalid(
                "address.email",
                "is not an e-mail address",
            ));
        }
        if let Some(signed) = o.signed_at
            && signed < o.placed_at
        {
            return Err(AppError::invalid("signed_at", "is before placed_at"));
        }
        if let Some(name) = &o.time_zone
            && (name.chars().count() > SHORT || jiff::tz::TimeZone::get(name).is_err())
        {
            return Err(AppError::invalid(
                "time_zone",
                "is not a known IANA time zone (such as \"America/New_York\")",
            ));
        }
        Ok(o)
    }

    /// A page of orders for export, by placing time, and the cursor of the next page.
    pub async fn export_page(
        &self,
        actor: &Actor,
        after: Option<(Timestamp, String)>,
        limit: u32,
    ) -> Result<(Vec<NewOrder>, Option<(Timestamp, String)>), AppError> {
        if !(actor.has(Role::System) || actor.has(Role::Admin)) {
            return Err(AppError::Refused(aftercare_core::cases::Refusal::only(
                "store-or-admin",
                "doing-export-orders",
            )));
        }
        let records = self.store.orders_page(after, limit).await?;
        let next = records.last().map(|o| (o.placed_at, o.id.clone()));
        let orders = records
            .iter()
            .map(NewOrder::from_record)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((orders, next))
    }

    /// A page of every order by placing time, for staff.
    pub async fn orders_page(
        &self,
        actor: &Actor,
        after: Option<(Timestamp, String)>,
        limit: u32,
    ) -> Result<Vec<OrderRecord>, AppError> {
        if !crate::is_staff(actor) {
            return Err(AppError::Refused(aftercare_core::cases::Refusal::only(
                "staff",
                "doing-list-orders",
            )));
        }
        Ok(self.store.orders_page(after, limit.clamp(1, 200)).await?)
    }

    /// A customer's own orders, newest first (at most 200).
    pub async fn customer_orders(&self, actor: &Actor) -> Result<Vec<OrderRecord>, AppError> {
        if !actor.has(Role::Customer) {
            return Err(AppError::Refused(aftercare_core::cases::Refusal::role(
                "refused-staff-use-order-list",
            )));
        }
        Ok(self
            .store
            .orders_of_customer(&actor.id.to_ascii_lowercase(), 200)
            .await?)
    }

    /// Keeps the language a customer chose in the portal with their orders: the e-mails about
    /// them are written in it from now on. Staff have no orders to keep it with.
    pub async fn choose_language(
        &self,
        actor: &Actor,
        lang: aftercare_core::i18n::Lang,
    ) -> Result<(), AppError> {
        if !actor.has(Role::Customer) {
            return Err(AppError::Refused(aftercare_core::cases::Refusal::only(
                "customer",
                "doing-choose-email-language",
            )));
        }
        self.store
            .set_customer_language(&actor.id.to_ascii_lowercase(), lang.tag())
            .await?;
        Ok(())
    }

    /// An order the actor may see and every case it has.
    pub async fn order_with_cases(
        &self,
        actor: &Actor,
        number: &str,
    ) -> Result<(OrderRecord, Vec<CaseRecord>), AppError> {
        let order = self.order(actor, number).await?;
        let cases = self.cases_of(actor, &order).await?;
        Ok((order, cases))
    }

    /// Every case of an order already read, when the actor may see the order.
    pub async fn cases_of(
        &self,
        actor: &Actor,
        order: &OrderRecord,
    ) -> Result<Vec<CaseRecord>, AppError> {
        if !visible(actor, &order.customer_email) {
            return Err(AppError::NotFound("order"));
        }
        Ok(self.store.cases_of_order(&order.id).await?)
    }

    /// When the order was signed for: from its fulfilment case, or as the store imported it.
    pub fn signed_at(
        &self,
        order: &OrderRecord,
        cases: &[CaseRecord],
    ) -> Result<Option<Timestamp>, AppError> {
        Ok(details_with(order, cases)?.signed_at)
    }

    /// The order's return windows as they stand now, once it is signed: what the customer can
    /// still ask for, and until when. Empty before signing.
    pub fn return_windows(
        &self,
        order: &OrderRecord,
        cases: &[CaseRecord],
    ) -> Result<Vec<aftercare_core::evaluate::ReturnWindow>, AppError> {
        let details = details_with(order, cases)?;
        Ok(match details.signed_at {
            Some(signed) => aftercare_core::evaluate::return_windows(
                &self.policy,
                order.placed_at,
                signed,
                details.damage_noted_at_signing,
                details.customer_zone().as_ref(),
                self.now(),
            ),
            None => Vec::new(),
        })
    }

    /// An order the actor may see, by its number.
    pub async fn order(&self, actor: &Actor, number: &str) -> Result<OrderRecord, AppError> {
        match self.store.order_by_number(number.trim()).await? {
            Some(order) if visible(actor, &order.customer_email) => Ok(order),
            _ => Err(AppError::NotFound("order")),
        }
    }
}

/// The time without its sub-microsecond part (toward the past, as the store's integer
/// microseconds do).
fn to_micros(at: Timestamp) -> Timestamp {
    let micros = at.as_microsecond();
    Timestamp::from_microsecond(micros).unwrap_or(at)
}

pub(crate) fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// The order's details with the signing recorded by its fulfilment case, from cases already
/// loaded.
pub(crate) fn details_with(
    order: &OrderRecord,
    cases: &[CaseRecord],
) -> Result<NewOrder, AppError> {
    let mut details = NewOrder::from_record(order)?;
    if let Some(case) = cases.iter().find(|c| c.kind == CaseKind::Order) {
        let machine: OrderCase = case
            .data
            .typed()
            .map_err(|e| StoreError::Corrupt(format!("order case {}: {e}", case.id)))?;
        if machine.state == OrderState::Signed || machine.signed_at.is_some() {
            details.signed_at = machine.signed_at;
            details.damage_noted_at_signing = machine.damage_noted_at_signing;
        }
    }
    Ok(details)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_office_boxes_are_recognised_however_they_are_written() {
        for street in [
            "P.O. Box 12",
            "PO BOX 7",
            "p o box 3",
            "P.O.Box 5",
            "POBox 5",
            "POB 77",
            "GPO Box 1234",
            "Post Office Box 9",
            "1234 Main St PMB 56",
            "Postfach 1234",
            "Postfach123",
            "Postbus 45",
            "Apartado 1234",
            "Apartado de Correos 77",
            "Casilla 12",
            "Casilla de Correo 450",
            "BP 45",
            "Boîte postale 12",
            "Caixa Postal 1000",
            "北京市朝阳区邮政信箱 100",
        ] {
            assert!(is_po_box(street), "{street}");
        }
        for street in [
            "12 Boxwood Lane",
            "1 Post Road",
            "8 Office Park, Box Hill",
            "Tempo Boxing Rd 4",
            "Calle Apartadó 3",
            "BP Station, 5 Main St",
            "Postbridge Road 2",
        ] {
            assert!(!is_po_box(street), "{street}");
        }
    }

    #[test]
    fn e_mail_addresses_need_a_local_part_and_a_domain() {
        assert!(looks_like_email("ana@example.com"));
        for bad in [
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "a na@example.com",
            "ana@.com",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
