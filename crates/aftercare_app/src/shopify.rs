//! The shop's Shopify store in: its `orders/create`, `orders/paid`, `fulfillments/create` and
//! `fulfillments/update` webhooks, checked by `X-Shopify-Hmac-Sha256` and applied once per
//! `X-Shopify-Webhook-Id`. A paid order becomes an order here by the same rules as one pushed or
//! imported (the address rules of I.3 included), in the currency the customer paid in
//! (Shopify's presentment money) and at the prices actually paid (discounts taken off each
//! line); a fulfilment with a tracking number ships the order's parcel. What Shopify sends that
//! Aftercare cannot take is answered, counted as the connection's error and logged, never
//! retried for ever: Shopify drops a subscription whose deliveries keep failing.

use aftercare_core::cases::order::{OrderCommand, Shipment};
use aftercare_core::cases::{Actor, Role};
use aftercare_core::money::{Currency, Money};
use aftercare_store::{PutOrder, Store};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::orders::{NewOrder, NewOrderLine, OrderAddress};
use crate::{App, AppError};

/// The connection's name on the admin page and in the logs.
pub const SHOPIFY: &str = "shopify";

/// The topics applied; Shopify may send others to the same address, which change nothing.
pub const TOPICS: [&str; 5] = [
    "orders/create",
    "orders/paid",
    "order_transactions/create",
    "fulfillments/create",
    "fulfillments/update",
];

/// Checks `X-Shopify-Hmac-Sha256`: the base64 HMAC-SHA256 of the raw body under the app's
/// client secret, compared in constant time.
pub fn verify_hmac(secret: &str, header: &str, body: &[u8]) -> Result<(), String> {
    use hmac::{KeyInit, Mac};
    let expected = STANDARD
        .decode(header.trim())
        .map_err(|_| "the HMAC header is not base64".to_owned())?;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes())
        .map_err(|e| format!("the secret cannot key HMAC: {e}"))?;
    mac.update(body);
    mac.verify_slice(&expected)
        .map_err(|_| "the HMAC does not match".to_owned())
}

/// The `X-Shopify-Hmac-Sha256` of a body: for tests and fakes.
pub fn hmac_of(secret: &str, body: &[u8]) -> Result<String, String> {
    use hmac::{KeyInit, Mac};
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes())
        .map_err(|e| format!("the secret cannot key HMAC: {e}"))?;
    mac.update(body);
    Ok(STANDARD.encode(mac.finalize().into_bytes()))
}

/// A Shopify id, a number in its JSON, as text.
fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// What a Shopify webhook did here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShopifyOutcome {
    /// A new order, by its number.
    Imported(String),
    /// The order was already here as sent.
    Unchanged(String),
    /// The order's parcel was shipped with this tracking number.
    Shipped(String),
    /// The order, by its number, learnt its payment at Stripe from a transaction.
    PaymentLinked(String),
    /// It is about an order not here yet (a transaction before its paid order): Shopify is
    /// to send it again later.
    NotYet(String),
    /// This webhook id was applied before.
    Repeated,
    /// Nothing to do: an order not paid yet, a fulfilment without tracking, another topic.
    NoChange(String),
    /// What Shopify sent cannot be taken as it is: the field and why.
    Refused { field: String, message: String },
}

fn text<'a>(value: &'a Value, field: &str) -> &'a str {
    value[field].as_str().map(str::trim).unwrap_or_default()
}

/// An amount of a Shopify money set in the presentment currency (what the customer paid in),
/// or the plain field in the shop's currency when the order has no presentment money.
fn amount(
    value: &Value,
    field: &str,
    currency: Currency,
    presentment: bool,
) -> Result<Money, AppError> {
    let set = &value[format!("{field}_set")]["presentment_money"];
    let raw = if presentment && set.is_object() {
        &set["amount"]
    } else {
        &value[field]
    };
    let text = match raw {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Null => return Ok(Money::zero(currency)),
        _ => return Err(AppError::invalid(field, "is not an amount")),
    };
    Money::parse(&text, currency).map_err(|e| AppError::invalid(field, e.to_string()))
}

/// Shopify's gateway, as orders here name payment methods: card payments through the shop's
/// own Stripe are `card`, so that their refunds can go through it; Shopify Payments stays
/// `shopify_payments` (refunded in Shopify's admin, and the reference typed), since the shop's
/// Stripe key cannot refund what Shopify collected.
fn payment_method(order: &Value) -> String {
    let gateway = order["payment_gateway_names"]
        .as_array()
        .and_then(|names| names.first())
        .and_then(Value::as_str)
        .or_else(|| order["gateway"].as_str())
        .unwrap_or("unknown")
        .trim()
        .to_lowercase();
    match gateway.as_str() {
        "stripe" => "card".into(),
        "paypal" | "paypal express checkout" => "paypal".into(),
        other => other.replace(' ', "_"),
    }
}

/// The payment at the provider: Shopify's order webhook carries no transaction ids, so a
/// checkout that pays through Stripe writes the payment intent into a note attribute
/// (`payment_id`, or `stripe_payment_intent`).
fn payment_id(order: &Value) -> Option<String> {
    order["note_attributes"]
        .as_array()?
        .iter()
        .find(|a| {
            matches!(
                a["name"].as_str(),
                Some("payment_id" | "stripe_payment_intent")
            )
        })
        .and_then(|a| a["value"].as_str())
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty())
}

/// A Shopify order's number as customers see it (`#1001`), without the `#`.
fn number_of(name: &str) -> String {
    name.trim().trim_start_matches('#').trim().to_owned()
}

/// The lines at the unit prices actually paid: each line's discounts are taken off its
/// quantity, and when they do not divide evenly the last unit carries the remainder as a line
/// of its own, so the lines add up to the cent to what was paid.
fn lines(
    order: &Value,
    currency: Currency,
    presentment: bool,
) -> Result<Vec<NewOrderLine>, AppError> {
    let items = order["line_items"]
        .as_array()
        .filter(|items| !items.is_empty())
        .ok_or_else(|| AppError::invalid("line_items", "the order has no lines"))?;
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = |name: &str| format!("line_items[{i}].{name}");
        let quantity = item["quantity"]
            .as_u64()
            .and_then(|q| u32::try_from(q).ok())
            .filter(|q| *q > 0)
            .ok_or_else(|| {
                AppError::invalid(field("quantity"), "is not a positive whole number")
            })?;
        let price = amount(item, "price", currency, presentment)
            .map_err(|_| AppError::invalid(field("price"), "is not an amount"))?;
        let mut discount = Money::zero(currency);
        for allocation in item["discount_allocations"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let part = amount(allocation, "amount", currency, presentment).map_err(|_| {
                AppError::invalid(field("discount_allocations"), "is not an amount")
            })?;
            discount = discount
                .checked_add(part)
                .map_err(|e| AppError::invalid(field("discount_allocations"), e.to_string()))?;
        }
        let paid = price
            .times(quantity)
            .and_then(|total| total.checked_sub(discount))
            .map_err(|e| AppError::invalid(field("price"), e.to_string()))?;
        if paid.is_negative() {
            return Err(AppError::invalid(
                field("discount_allocations"),
                "are more than the line's price",
            ));
        }
        let sku = match text(item, "sku") {
            "" => match &item["variant_id"] {
                Value::Number(id) => format!("variant-{id}"),
                _ => format!("line-{}", i + 1),
            },
            sku => sku.to_owned(),
        };
        let name = match text(item, "name") {
            "" => text(item, "title").to_owned(),
            name => name.to_owned(),
        };
        let each = paid.minor() / i64::from(quantity);
        let rest = paid.minor() - each * i64::from(quantity);
        let line = |minor: i64, quantity: u32| NewOrderLine {
            sku: sku.clone(),
            name: name.clone(),
            unit_price: Money::from_minor(minor, currency).amount_text(),
            quantity,
            hs_code: None,
            origin: None,
        };
        if rest == 0 {
            lines.push(line(each, quantity));
        } else {
            if quantity > 1 {
                lines.push(line(each, quantity - 1));
            }
            lines.push(line(each + rest, 1));
        }
    }
    Ok(lines)
}

/// A Shopify order (the `orders/create` and `orders/paid` payload) as an order here.
pub fn order_from_shopify(order: &Value) -> Result<NewOrder, AppError> {
    let number = number_of(text(order, "name"));
    if number.is_empty() {
        return Err(AppError::invalid("name", "the order has no name"));
    }
    let presentment_code = text(order, "presentment_currency");
    let presentment = !presentment_code.is_empty();
    let code = if presentment {
        presentment_code
    } else {
        text(order, "currency")
    };
    let currency =
        Currency::parse(code).map_err(|e| AppError::invalid("currency", e.to_string()))?;
    let placed_at = [text(order, "processed_at"), text(order, "created_at")]
        .into_iter()
        .find_map(|t| t.parse::<jiff::Timestamp>().ok())
        .ok_or_else(|| AppError::invalid("created_at", "is not a time"))?;
    let lines = lines(order, currency, presentment)?;
    let mut shipping = Money::zero(currency);
    for line in order["shipping_lines"].as_array().into_iter().flatten() {
        let paid = if line["discounted_price"].is_null() && line["discounted_price_set"].is_null() {
            amount(line, "price", currency, presentment)?
        } else {
            amount(line, "discounted_price", currency, presentment)?
        };
        shipping = shipping
            .checked_add(paid)
            .map_err(|e| AppError::invalid("shipping_lines", e.to_string()))?;
    }
    let duties_set = ["current_total_duties_set", "original_total_duties_set"]
        .into_iter()
        .map(|f| &order[f])
        .find(|set| set.is_object());
    let duties = match duties_set {
        Some(set) => {
            let money = if presentment {
                &set["presentment_money"]
            } else {
                &set["shop_money"]
            };
            Some(amount(money, "amount", currency, false)?.amount_text())
        }
        None => None,
    };
    let address = &order["shipping_address"];
    if !address.is_object() {
        return Err(AppError::invalid(
            "shipping_address",
            "the order has no delivery address",
        ));
    }
    let customer = &order["customer"];
    let email = [
        text(order, "email"),
        text(order, "contact_email"),
        text(customer, "email"),
    ]
    .into_iter()
    .find(|e| !e.is_empty())
    .unwrap_or_default()
    .to_owned();
    let full_name = match text(address, "name") {
        "" => format!(
            "{} {}",
            text(address, "first_name"),
            text(address, "last_name")
        )
        .trim()
        .to_owned(),
        name => name.to_owned(),
    };
    let customer_name = match format!(
        "{} {}",
        text(customer, "first_name"),
        text(customer, "last_name")
    )
    .trim()
    {
        "" => full_name.clone(),
        name => name.to_owned(),
    };
    let street = [text(address, "address1"), text(address, "address2")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let phone = [
        text(address, "phone"),
        text(order, "phone"),
        text(customer, "phone"),
    ]
    .into_iter()
    .find(|p| !p.is_empty())
    .unwrap_or_default()
    .to_owned();
    let country = match text(address, "country_code") {
        "" => text(address, "country"),
        code => code,
    };
    Ok(NewOrder {
        number,
        placed_at,
        customer_email: email.clone(),
        customer_name,
        currency: currency.code().to_owned(),
        lines,
        shipping_paid: shipping.amount_text(),
        duties_paid: duties,
        payment_method: payment_method(order),
        payment_id: payment_id(order),
        address: OrderAddress {
            full_name,
            street,
            postal_code: text(address, "zip").to_owned(),
            city: text(address, "city").to_owned(),
            country: country.to_owned(),
            phone,
            email,
        },
        signed_at: None,
        damage_noted_at_signing: false,
        time_zone: None,
    })
}

/// Whether Shopify says the order is paid: only paid orders are orders here (the documents'
/// steps start at payment).
fn is_paid(order: &Value, topic: &str) -> bool {
    topic == "orders/paid"
        || matches!(
            text(order, "financial_status"),
            "paid" | "partially_refunded"
        )
}

impl<S: Store> App<S> {
    /// The actor of what Shopify's webhooks do.
    fn shopify_actor() -> Actor {
        Actor {
            id: SHOPIFY.into(),
            roles: vec![Role::System],
        }
    }

    /// Applies a Shopify webhook, its HMAC already checked, once per webhook id: a delivery
    /// Shopify sends again is answered without being applied twice. What cannot be taken is
    /// answered as `Refused` (and counted as the connection's error), not as a failure Shopify
    /// would retry; a failure of Aftercare's own (the database) is an error, and the webhook id
    /// is forgotten so that Shopify's retry applies it.
    pub async fn receive_shopify_webhook(
        &self,
        topic: &str,
        webhook_id: &str,
        body: &Value,
    ) -> Result<ShopifyOutcome, AppError> {
        if webhook_id.trim().is_empty() || webhook_id.len() > 255 {
            return Err(AppError::invalid(
                "X-Shopify-Webhook-Id",
                "must be 1 to 255 characters",
            ));
        }
        if !TOPICS.contains(&topic) {
            return Ok(ShopifyOutcome::NoChange(format!(
                "the topic {} is not one Aftercare applies",
                topic.chars().take(64).collect::<String>()
            )));
        }
        if !self
            .store
            .receive_webhook_once(SHOPIFY, webhook_id, topic, self.now())
            .await?
        {
            return Ok(ShopifyOutcome::Repeated);
        }
        let outcome = self.apply_shopify(topic, body).await;
        match &outcome {
            Ok(ShopifyOutcome::NotYet(why)) => {
                tracing::info!(
                    topic,
                    webhook_id,
                    why,
                    "a Shopify webhook came before its order"
                );
                if let Err(forget) = self.store.forget_webhook(SHOPIFY, webhook_id).await {
                    tracing::error!(error = %forget, webhook_id, "cannot forget a Shopify webhook to be sent again");
                }
            }
            Ok(ShopifyOutcome::Refused { field, message }) => {
                tracing::warn!(
                    topic,
                    webhook_id,
                    field,
                    message,
                    "a Shopify webhook was refused"
                );
                self.connection_seen(SHOPIFY, Some(&format!("{topic}: {field}: {message}")))
                    .await;
            }
            Ok(_) => self.connection_seen(SHOPIFY, None).await,
            Err(e) => {
                self.connection_seen(SHOPIFY, Some(&format!("{topic}: {e}")))
                    .await;
                if let Err(forget) = self.store.forget_webhook(SHOPIFY, webhook_id).await {
                    tracing::error!(error = %forget, webhook_id, "cannot forget a failed Shopify webhook; its retry will be taken as applied");
                }
            }
        }
        outcome
    }

    /// A successful sale or capture through the shop's Stripe gives its order the payment
    /// (`authorization`, a `pi_` or `ch_`) that refunds go back against.
    async fn shopify_transaction(&self, body: &Value) -> Result<ShopifyOutcome, AppError> {
        let (kind, status) = (text(body, "kind"), text(body, "status"));
        if !matches!(kind, "sale" | "capture") || status != "success" {
            return Ok(ShopifyOutcome::NoChange(format!(
                "a {kind} transaction that is {status}"
            )));
        }
        let payment = text(body, "authorization");
        if !(payment.starts_with("pi_") || payment.starts_with("ch_")) || payment.len() > 255 {
            return Ok(ShopifyOutcome::NoChange(format!(
                "a payment through {} that is not the shop's Stripe: refunded by hand",
                text(body, "gateway")
            )));
        }
        let Some(store_id) = id_text(&body["order_id"]) else {
            return Ok(ShopifyOutcome::Refused {
                field: "order_id".into(),
                message: "is missing".into(),
            });
        };
        let Some(number) = self.store.store_order_number(SHOPIFY, &store_id).await? else {
            return Ok(ShopifyOutcome::NotYet(format!(
                "no order here has Shopify's id {store_id} yet"
            )));
        };
        let Some(order) = self.store.order_by_number(&number).await? else {
            return Ok(ShopifyOutcome::NotYet(format!(
                "order {number} is not here"
            )));
        };
        if self.store.set_order_payment_id(&order.id, payment).await? {
            Ok(ShopifyOutcome::PaymentLinked(number))
        } else {
            Ok(ShopifyOutcome::Refused {
                field: "authorization".into(),
                message: format!("order {number} has another payment at the provider"),
            })
        }
    }

    async fn apply_shopify(&self, topic: &str, body: &Value) -> Result<ShopifyOutcome, AppError> {
        let actor = Self::shopify_actor();
        let refused = |e: AppError| match e {
            AppError::Invalid { field, message } => Ok(ShopifyOutcome::Refused {
                field,
                message: message.to_string(),
            }),
            AppError::Refused(refusal) => Ok(ShopifyOutcome::Refused {
                field: "step".into(),
                message: refusal.to_string(),
            }),
            AppError::NotFound(what) => Ok(ShopifyOutcome::Refused {
                field: "order".into(),
                message: format!("{what} not found"),
            }),
            other => Err(other),
        };
        if topic == "order_transactions/create" {
            return self.shopify_transaction(body).await;
        }
        if topic.starts_with("orders/") {
            if !is_paid(body, topic) {
                return Ok(ShopifyOutcome::NoChange("the order is not paid yet".into()));
            }
            let mut order = match order_from_shopify(body) {
                Ok(order) => order,
                Err(e) => return refused(e),
            };
            // A payment learnt from a transaction stays when the order is sent again.
            if order.payment_id.is_none()
                && let Some(stored) = self.store.order_by_number(&order.number).await?
            {
                order.payment_id = stored
                    .data
                    .get("payment_id")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
            }
            let imported = self.import_order(&actor, &order).await;
            if matches!(imported, Ok(PutOrder::Inserted | PutOrder::Unchanged))
                && let Some(store_id) = id_text(&body["id"])
            {
                self.store
                    .link_store_order(SHOPIFY, &store_id, &order.number)
                    .await?;
            }
            return match imported {
                Ok(PutOrder::Inserted) => Ok(ShopifyOutcome::Imported(order.number)),
                Ok(PutOrder::Unchanged) => Ok(ShopifyOutcome::Unchanged(order.number)),
                Ok(PutOrder::Differs) => Ok(ShopifyOutcome::Refused {
                    field: "name".into(),
                    message: format!(
                        "order {} is already here with other details; it was left as it is",
                        order.number
                    ),
                }),
                Err(e) => refused(e),
            };
        }
        // A fulfilment: its name is the order's and a sequence ("#1001.1").
        let name = text(body, "name");
        let number = number_of(name.rsplit_once('.').map_or(name, |(order, _)| order));
        let tracking = body["tracking_numbers"]
            .as_array()
            .and_then(|numbers| numbers.first())
            .and_then(Value::as_str)
            .unwrap_or_else(|| text(body, "tracking_number"))
            .trim()
            .to_owned();
        if tracking.is_empty() || number.is_empty() {
            return Ok(ShopifyOutcome::NoChange(
                "the fulfilment has no tracking number yet".into(),
            ));
        }
        if matches!(text(body, "status"), "cancelled" | "error" | "failure") {
            return Ok(ShopifyOutcome::NoChange(format!(
                "the fulfilment is {}",
                text(body, "status")
            )));
        }
        // Already shipped with this number: a fulfilment update that only repeats it.
        if let Some(case) = self.store.case_by_tracking_number(&tracking).await?
            && case.order_number == number
        {
            return Ok(ShopifyOutcome::NoChange(format!(
                "order {number} already ships with {tracking}"
            )));
        }
        let url = body["tracking_urls"]
            .as_array()
            .and_then(|urls| urls.first())
            .and_then(Value::as_str)
            .unwrap_or_else(|| text(body, "tracking_url"))
            .trim()
            .to_owned();
        let carrier = match text(body, "tracking_company") {
            "" => "unknown carrier".to_owned(),
            carrier => carrier.to_owned(),
        };
        let command = OrderCommand::Ship(Shipment {
            carrier,
            tracking_number: tracking.clone(),
            tracking_url: url,
        });
        match self
            .act_on_order(&actor, &number, None, command, None)
            .await
        {
            Ok(_) => Ok(ShopifyOutcome::Shipped(tracking)),
            Err(e) => refused(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An order of the shape Shopify's `orders/create` documents, trimmed to what is read.
    fn shopify_order() -> Value {
        json!({
            "id": 820982911946154508u64,
            "name": "#1001",
            "email": "Jon@Example.com",
            "created_at": "2026-03-01T10:00:00-05:00",
            "processed_at": "2026-03-01T10:00:05-05:00",
            "currency": "USD",
            "presentment_currency": "EUR",
            "financial_status": "paid",
            "payment_gateway_names": ["shopify_payments"],
            "note_attributes": [{"name": "payment_id", "value": "pi_3Mtw"}],
            "line_items": [
                {"sku": "CHAIR-1", "name": "Chair - oak", "quantity": 3, "price": "110.00",
                 "price_set": {"shop_money": {"amount": "110.00", "currency_code": "USD"},
                               "presentment_money": {"amount": "100.00", "currency_code": "EUR"}},
                 "discount_allocations": [{"amount": "11.00",
                    "amount_set": {"presentment_money": {"amount": "10.00", "currency_code": "EUR"}}}]},
                {"sku": "", "variant_id": 447654529, "title": "Cushion", "name": "", "quantity": 1, "price": "22.00",
                 "price_set": {"presentment_money": {"amount": "20.00", "currency_code": "EUR"}},
                 "discount_allocations": []}
            ],
            "shipping_lines": [{"price": "16.50", "discounted_price": "16.50",
                "discounted_price_set": {"presentment_money": {"amount": "15.00", "currency_code": "EUR"}}}],
            "current_total_duties_set": {"shop_money": {"amount": "8.80", "currency_code": "USD"},
                                         "presentment_money": {"amount": "8.00", "currency_code": "EUR"}},
            "shipping_address": {"name": "Jon Snow", "address1": "1 Rue de Rivoli", "address2": "Apt 4",
                "city": "Paris", "zip": "75001", "country": "France", "country_code": "FR", "phone": "+33 1 23 45 67 89"},
            "customer": {"email": "jon@example.com", "first_name": "Jon", "last_name": "Snow"}
        })
    }

    #[test]
    fn a_shopify_order_is_read_in_the_money_the_customer_paid_at_the_prices_paid() {
        let order = order_from_shopify(&shopify_order()).unwrap();
        assert_eq!(order.number, "1001");
        assert_eq!(order.currency, "EUR");
        assert_eq!(order.placed_at.to_string(), "2026-03-01T15:00:05Z");
        // 3 x 100.00 less 10.00 of discount is 290.00: 96.66 twice and 96.68 once.
        let lines: Vec<(&str, &str, u32)> = order
            .lines
            .iter()
            .map(|l| (l.sku.as_str(), l.unit_price.as_str(), l.quantity))
            .collect();
        assert_eq!(
            lines,
            [
                ("CHAIR-1", "96.66", 2),
                ("CHAIR-1", "96.68", 1),
                ("variant-447654529", "20.00", 1)
            ]
        );
        assert_eq!(order.lines[2].name, "Cushion");
        assert_eq!(
            (order.shipping_paid.as_str(), order.duties_paid.as_deref()),
            ("15.00", Some("8.00"))
        );
        assert_eq!(
            (order.payment_method.as_str(), order.payment_id.as_deref()),
            ("shopify_payments", Some("pi_3Mtw"))
        );
        assert_eq!(order.address.street, "1 Rue de Rivoli, Apt 4");
        assert_eq!(order.address.country, "FR");
        assert_eq!(order.customer_name, "Jon Snow");
    }

    #[test]
    fn without_presentment_money_the_shops_currency_is_read() {
        let mut body = shopify_order();
        body.as_object_mut().unwrap().remove("presentment_currency");
        let order = order_from_shopify(&body).unwrap();
        assert_eq!(order.currency, "USD");
        assert_eq!(order.lines[0].unit_price, "106.33");
        assert_eq!(order.lines[1].unit_price, "106.34");
        assert_eq!(order.shipping_paid, "16.50");
        assert_eq!(order.duties_paid.as_deref(), Some("8.80"));
    }

    #[test]
    fn what_cannot_be_an_order_names_its_field() {
        let cases: [(&str, Value, &str); 5] = [
            ("name", json!(""), "name"),
            ("line_items", json!([]), "line_items"),
            ("presentment_currency", json!("XX"), "currency"),
            ("shipping_address", json!(null), "shipping_address"),
            (
                "line_items",
                json!([{"sku": "A", "quantity": 0, "price": "1.00"}]),
                "line_items[0].quantity",
            ),
        ];
        for (key, value, field) in cases {
            let mut body = shopify_order();
            body[key] = value;
            match order_from_shopify(&body) {
                Err(AppError::Invalid { field: got, .. }) => assert_eq!(got, field, "{key}"),
                other => panic!("{key}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_hmac_is_base64_hmac_sha256_of_the_body() {
        let body = br#"{"id":1}"#;
        let header = hmac_of("shpss_secret", body).unwrap();
        assert_eq!(verify_hmac("shpss_secret", &header, body), Ok(()));
        assert!(verify_hmac("shpss_other", &header, body).is_err());
        assert!(verify_hmac("shpss_secret", &header, br#"{"id":2}"#).is_err());
        assert!(verify_hmac("shpss_secret", "not base64!", body).is_err());
        assert!(verify_hmac("shpss_secret", "", body).is_err());
    }

    #[test]
    fn gateways_become_payment_methods() {
        for (gateway, method) in [
            ("shopify_payments", "shopify_payments"),
            ("stripe", "card"),
            ("paypal", "paypal"),
            ("Bank Deposit", "bank_deposit"),
        ] {
            assert_eq!(
                payment_method(&json!({"payment_gateway_names": [gateway]})),
                method
            );
        }
        assert_eq!(payment_method(&json!({})), "unknown");
    }
}
