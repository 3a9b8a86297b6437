//! Refunds through the payment provider (III.3: refunds go "to the original payment method").
//!
//! A refund whose order was paid through Stripe goes back against the order's payment intent or
//! charge, in the order's currency and its minor units. Its idempotency key is derived from the
//! refund's own id and version: a retry after a timeout, a crash or a double click sends the same
//! request, which Stripe answers with the same refund, so it never pays twice. Stripe forgets a
//! key after 24 hours, so a refund it already made for this key is looked up by the metadata it
//! carries before a new one is asked for. Its final state comes back through Stripe's signed
//! webhook, or by polling the refunds still on their way. Other payment methods (PayPal, bank
//! transfers) are paid by hand, and finance types the payment's reference, as before.

use std::time::Duration;

use aftercare_core::Money;
use aftercare_core::cases::refund::{RefundCase, RefundCommand, RefundState};
use aftercare_core::cases::{Actor, Role};
use aftercare_store::{CaseKind, CaseRecord, QueueQuery, Store, StoreError};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::orders::NewOrder;
use crate::{App, AppError, CaseView};

/// The connection's name on the admin page and in the logs.
pub const STRIPE: &str = "stripe";

/// How long Stripe has to answer one request, unless configured otherwise.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// How old a signed webhook may be: Stripe's own libraries allow five minutes.
const SIGNATURE_TOLERANCE: i64 = 300;

/// How Stripe is reached, from the server's configuration.
#[derive(Clone)]
pub struct StripeSettings {
    /// `https://api.stripe.com`, or a local fake in tests.
    pub base_url: String,
    pub secret_key: String,
    /// The signing secret (`whsec_...`) of the webhook endpoint registered at Stripe.
    pub webhook_secret: Option<String>,
    /// The payment methods, as orders name them, whose refunds go through Stripe.
    pub methods: Vec<String>,
    /// How long Stripe has to answer one request.
    pub timeout: Duration,
}

// Secrets never reach a log line.
impl std::fmt::Debug for StripeSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StripeSettings")
            .field("base_url", &self.base_url)
            .field("secret_key", &"(hidden)")
            .field(
                "webhook_secret",
                &self.webhook_secret.as_ref().map(|_| "(hidden)"),
            )
            .field("methods", &self.methods)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Stripe, ready to be called.
#[derive(Debug, Clone)]
pub struct Stripe {
    settings: StripeSettings,
    client: reqwest::Client,
}

/// Why Stripe did not make a refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderError {
    /// It answered no: the request as made will not succeed if sent again.
    Refused(String),
    /// No answer, or one that says to try again (a timeout, a 5xx, a 429): what happened is
    /// unknown, and the same request (same idempotency key) may be sent again.
    Unreachable(String),
}

impl std::fmt::Display for ProviderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProviderError::Refused(why) | ProviderError::Unreachable(why) => f.write_str(why),
        }
    }
}

/// A refund as Stripe describes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ProviderRefund {
    pub id: String,
    /// `pending`, `requires_action`, `succeeded`, `failed` or `canceled`.
    pub status: String,
    pub amount: i64,
    pub currency: String,
    #[serde(default)]
    pub failure_reason: Option<String>,
    #[serde(default)]
    pub metadata: std::collections::BTreeMap<String, String>,
}

impl ProviderRefund {
    /// The refund case it pays, by the metadata Aftercare gave it.
    pub fn refund_case(&self) -> Option<&str> {
        self.metadata.get("aftercare_refund").map(String::as_str)
    }
}

#[derive(Debug, Deserialize)]
struct Payment {
    currency: String,
}

#[derive(Debug, Deserialize)]
struct RefundList {
    data: Vec<ProviderRefund>,
}

/// A payment id as Stripe writes them; anything else never reaches a URL.
fn stripe_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 255 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Stripe {
    pub fn new(settings: StripeSettings) -> Result<Stripe, String> {
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .user_agent(concat!("aftercare/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the Stripe client: {e}"))?;
        Ok(Stripe { settings, client })
    }

    pub fn settings(&self) -> &StripeSettings {
        &self.settings
    }

    /// The order's payment at Stripe, when its refunds go through Stripe.
    pub fn payment_of<'a>(&self, order: &'a NewOrder) -> Option<&'a str> {
        let method = order.payment_method.trim();
        let routed = self
            .settings
            .methods
            .iter()
            .any(|m| m.eq_ignore_ascii_case(method));
        order
            .payment_id
            .as_deref()
            .filter(|id| routed && (id.starts_with("pi_") || id.starts_with("ch_")))
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.settings.base_url.trim_end_matches('/'))
    }

    async fn call<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, ProviderError> {
        let response = request
            .bearer_auth(&self.settings.secret_key)
            .send()
            .await
            .map_err(|e| ProviderError::Unreachable(format!("no answer from Stripe: {e}")))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| ProviderError::Unreachable(format!("Stripe's answer broke off: {e}")))?;
        if status.is_success() {
            return serde_json::from_slice(&body).map_err(|e| {
                ProviderError::Unreachable(format!("Stripe's answer is not what it documents: {e}"))
            });
        }
        // Stripe writes why in `error.message`, with a `code` such as `charge_already_refunded`.
        let error: Value = serde_json::from_slice(&body).unwrap_or_default();
        let message = error["error"]["message"]
            .as_str()
            .unwrap_or("no reason given");
        let why = match error["error"]["code"].as_str() {
            Some(code) => format!("{message} ({code})"),
            None => message.to_owned(),
        };
        let why: String = why.chars().take(500).collect();
        // 409 is a request still running under the same key, 429 a rate limit, 5xx Stripe's own
        // trouble: the same request may be sent again.
        if status.is_server_error() || status.as_u16() == 429 || status.as_u16() == 409 {
            Err(ProviderError::Unreachable(format!(
                "Stripe answered {status}: {why}"
            )))
        } else {
            Err(ProviderError::Refused(format!(
                "Stripe refused it ({status}): {why}"
            )))
        }
    }

    /// Refunds `amount` of the payment `payment_id` for the refund case `refund_id`, under the
    /// idempotency key `key`, or finds the refund already made under that key.
    pub async fn refund(
        &self,
        payment_id: &str,
        amount: Money,
        order_number: &str,
        refund_id: &str,
        key: &str,
    ) -> Result<ProviderRefund, ProviderError> {
        if !stripe_id(payment_id) {
            return Err(ProviderError::Refused(format!(
                "the order's payment id `{payment_id}` is not a Stripe id"
            )));
        }
        let (payment_path, field) = if payment_id.starts_with("ch_") {
            ("/v1/charges/", "charge")
        } else {
            ("/v1/payment_intents/", "payment_intent")
        };
        // The money goes back in the currency it was paid in; an order that says otherwise is
        // refused before anything moves (WooPayments #5215 refunded in the wrong currency).
        let payment: Payment = self
            .call(
                self.client
                    .get(self.url(&format!("{payment_path}{payment_id}"))),
            )
            .await?;
        let currency = amount.currency().to_string();
        if !payment.currency.eq_ignore_ascii_case(&currency) {
            return Err(ProviderError::Refused(format!(
                "the payment at Stripe is in {} but the refund is in {currency}",
                payment.currency.to_uppercase()
            )));
        }
        let made: RefundList = self
            .call(
                self.client
                    .get(self.url("/v1/refunds"))
                    .query(&[(field, payment_id), ("limit", "100")]),
            )
            .await?;
        if let Some(refund) = made
            .data
            .into_iter()
            .find(|r| r.metadata.get("aftercare_key").map(String::as_str) == Some(key))
        {
            return Ok(refund);
        }
        let minor = amount.minor().to_string();
        self.call(
            self.client
                .post(self.url("/v1/refunds"))
                .header("Idempotency-Key", key)
                .form(&[
                    (field, payment_id),
                    ("amount", &minor),
                    ("reason", "requested_by_customer"),
                    ("metadata[aftercare_refund]", refund_id),
                    ("metadata[aftercare_key]", key),
                    ("metadata[order_number]", order_number),
                ]),
        )
        .await
    }

    /// A refund as Stripe has it now.
    pub async fn refund_now(&self, id: &str) -> Result<ProviderRefund, ProviderError> {
        if !stripe_id(id) {
            return Err(ProviderError::Refused(format!("`{id}` is not a Stripe id")));
        }
        self.call(self.client.get(self.url(&format!("/v1/refunds/{id}"))))
            .await
    }

    /// Checks a webhook's `Stripe-Signature` header (`t=...,v1=...`): HMAC-SHA256, under the
    /// endpoint's signing secret, of the timestamp, a dot and the body, at most five minutes old.
    pub fn verify(&self, header: &str, body: &[u8], now: Timestamp) -> Result<(), String> {
        let secret = self
            .settings
            .webhook_secret
            .as_deref()
            .ok_or("no Stripe webhook secret is configured")?;
        verify_signature(secret, header, body, now)
    }
}

/// The check of a `Stripe-Signature` header, as Stripe's libraries make it.
pub fn verify_signature(
    secret: &str,
    header: &str,
    body: &[u8],
    now: Timestamp,
) -> Result<(), String> {
    use hmac::Mac;
    let mut at = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => at = t.parse::<i64>().ok(),
            Some(("v1", s)) => signatures.push(s),
            _ => {}
        }
    }
    let at = at.ok_or("the signature has no timestamp")?;
    if (now.as_second() - at).abs() > SIGNATURE_TOLERANCE {
        return Err("the signature is too old or from the future".into());
    }
    for signature in signatures {
        let Ok(expected) = hex::decode(signature) else {
            continue;
        };
        if signed_payload(secret, at, body)?
            .verify_slice(&expected)
            .is_ok()
        {
            return Ok(());
        }
    }
    Err("no signature matches".into())
}

/// HMAC-SHA256, under the secret's own bytes, of the timestamp, a dot and the body: what
/// Stripe signs.
fn signed_payload(secret: &str, at: i64, body: &[u8]) -> Result<hmac::Hmac<sha2::Sha256>, String> {
    use hmac::{KeyInit, Mac};
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes())
        .map_err(|e| format!("the secret cannot key HMAC: {e}"))?;
    mac.update(format!("{at}.").as_bytes());
    mac.update(body);
    Ok(mac)
}

/// The `Stripe-Signature` header of a body, as Stripe writes it: for tests and fakes.
pub fn sign(secret: &str, body: &[u8], at: i64) -> Result<String, String> {
    use hmac::Mac;
    let mac = signed_payload(secret, at, body)?;
    Ok(format!(
        "t={at},v1={}",
        hex::encode(mac.finalize().into_bytes())
    ))
}

/// What Stripe's state of a refund did to its case: the case as moved, or why nothing moved.
enum Applied {
    Moved(Box<CaseRecord>),
    NoChange(String),
}

impl From<Applied> for StripeEventOutcome {
    fn from(applied: Applied) -> Self {
        match applied {
            Applied::Moved(case) => StripeEventOutcome::Moved(case.state),
            Applied::NoChange(why) => StripeEventOutcome::NoChange(why),
        }
    }
}

/// What a Stripe webhook did here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StripeEventOutcome {
    /// The refund case it named moved to this state.
    Moved(String),
    /// Nothing to change: another event type, a refund Aftercare did not make, or a state the
    /// case already has (a repeated or late event).
    NoChange(String),
}

impl<S: Store> App<S> {
    /// Stripe, when it is configured.
    pub fn stripe(&self) -> Option<&Stripe> {
        self.stripe.as_ref()
    }

    /// Checks a webhook's `Stripe-Signature` against the configured secret, at the app's time.
    pub fn check_stripe_signature(&self, header: &str, body: &[u8]) -> Result<(), String> {
        match &self.stripe {
            Some(stripe) => stripe.verify(header, body, self.now()),
            None => Err("Stripe is not connected".into()),
        }
    }

    /// The actor of steps Stripe's answers make.
    fn stripe_actor() -> Actor {
        Actor {
            id: STRIPE.into(),
            roles: vec![Role::System],
        }
    }

    /// Finance sends a granted (or failed) refund through Stripe, when the order was paid
    /// through it. Idempotent by `key`; the request to Stripe is idempotent by the refund's id
    /// and version. A refusal is recorded on the refund with Stripe's reason and answered as
    /// the failed refund; no answer from Stripe records nothing.
    pub(crate) async fn send_refund_through_provider(
        &self,
        actor: &Actor,
        refund_id: &str,
        key: &str,
    ) -> Result<CaseView, AppError> {
        let fingerprint = json!({"refund": refund_id, "send_through": "provider"}).to_string();
        if let Some(first) = self.replayed(key, &fingerprint).await? {
            return Ok(first);
        }
        let case = self.case(actor, refund_id).await?;
        if case.kind != CaseKind::Refund {
            return Err(AppError::NotFound("refund"));
        }
        let order_record = self
            .store
            .order(&case.order_id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        let order = NewOrder::from_record(&order_record)?;
        // The machine judges first (who may send, from which state, not the person who
        // granted it): nothing goes to Stripe that it would refuse.
        self.prepare::<RefundCase>(
            actor,
            &order_record,
            case.clone(),
            &RefundCommand::Send {
                payment_reference: STRIPE.into(),
            },
            None,
            |_, _| {},
        )?;
        let route = self
            .stripe
            .as_ref()
            .and_then(|stripe| Some((stripe, stripe.payment_of(&order)?)));
        let Some((stripe, payment_id)) = route else {
            return Err(AppError::Invalid {
                field: "payment_reference".into(),
                message: format!(
                    "this order's payment ({}) is not refunded through a connected payment provider: pay the refund there and type the payment's reference",
                    order.payment_method
                )
.into(),
            });
        };
        let refund: RefundCase = case
            .data
            .typed()
            .map_err(|e| StoreError::Corrupt(format!("case {}: {e}", case.id)))?;
        let amount = refund
            .amount
            .ok_or_else(|| StoreError::Corrupt(format!("refund {} has no amount", case.id)))?;
        let provider_key = format!("aftercare-refund-{}-v{}", case.id, case.version);
        let answer = stripe
            .refund(payment_id, amount, &order.number, &case.id, &provider_key)
            .await;
        let command = match &answer {
            Ok(made) => RefundCommand::Send {
                payment_reference: made.id.clone(),
            },
            Err(ProviderError::Refused(why)) => RefundCommand::RecordRefusal {
                reason: why.clone(),
            },
            Err(ProviderError::Unreachable(why)) => {
                self.connection_seen(STRIPE, Some(why)).await;
                tracing::warn!(refund = %case.id, error = %why, "Stripe did not answer a refund");
                return Err(AppError::ProviderUnavailable(format!(
                    "{why}. Nothing is recorded; sending it again asks Stripe with the same idempotency key, so it cannot pay twice"
                )));
            }
        };
        self.connection_seen(
            STRIPE,
            answer.as_ref().err().map(ToString::to_string).as_deref(),
        )
        .await;
        let sent = match self
            .write_refund_step(actor, case, &command, key, &fingerprint)
            .await?
        {
            Ok(record) => record,
            Err(first) => return Ok(first),
        };
        // A card refund Stripe finished at once settles now; one still on its way is settled
        // by the webhook or the poll.
        match answer {
            Ok(made) => match self.apply_provider_refund(sent.clone(), &made).await {
                Ok(Applied::Moved(next)) => Ok(CaseView::from(next.as_ref())),
                Ok(Applied::NoChange(_)) => Ok(CaseView::from(&sent)),
                Err(e) => {
                    tracing::warn!(refund = %sent.id, error = %e, "cannot record Stripe's state of a refund now; the poll will");
                    Ok(CaseView::from(&sent))
                }
            },
            Err(_) => Ok(CaseView::from(&sent)),
        }
    }

    /// Moves a sent refund case to what Stripe says of its refund: settled when it succeeded,
    /// failed (with Stripe's reason) when it failed or was canceled; nothing otherwise.
    async fn apply_provider_refund(
        &self,
        case: CaseRecord,
        made: &ProviderRefund,
    ) -> Result<Applied, AppError> {
        let refund: RefundCase = case
            .data
            .typed()
            .map_err(|e| StoreError::Corrupt(format!("case {}: {e}", case.id)))?;
        if refund.state != RefundState::Sent
            || refund.payment_reference.as_deref() != Some(made.id.as_str())
        {
            return Ok(Applied::NoChange(format!(
                "the refund is {}",
                refund.state.name()
            )));
        }
        let command = match made.status.as_str() {
            "succeeded" => RefundCommand::Settle,
            "failed" | "canceled" => RefundCommand::Fail {
                reason: format!(
                    "Stripe: the refund {} ({})",
                    made.status,
                    made.failure_reason.as_deref().unwrap_or("no reason given")
                ),
            },
            other => return Ok(Applied::NoChange(format!("Stripe says {other}"))),
        };
        match self
            .run::<RefundCase>(&Self::stripe_actor(), case, &command, None, None, |_, _| {})
            .await
        {
            Ok(next) => Ok(Applied::Moved(Box::new(next))),
            // Someone (the webhook, the poll, finance) moved it in the meantime.
            Err(AppError::Conflict) => Ok(Applied::NoChange(
                "the refund changed in the meantime".into(),
            )),
            Err(e) => Err(e),
        }
    }

    /// A webhook from Stripe, its signature already checked: a refund's new state moves the
    /// refund case it names. Repeated and late events change nothing twice.
    pub async fn receive_stripe_event(
        &self,
        event: &Value,
    ) -> Result<StripeEventOutcome, AppError> {
        let kind = event["type"].as_str().unwrap_or_default();
        if !matches!(
            kind,
            "refund.created" | "refund.updated" | "refund.failed" | "charge.refund.updated"
        ) {
            return Ok(StripeEventOutcome::NoChange(format!(
                "{kind} is not an event about refunds"
            )));
        }
        let made: ProviderRefund = serde_json::from_value(event["data"]["object"].clone())
            .map_err(|e| AppError::Invalid {
                field: "data.object".into(),
                message: format!("is not a refund: {e}").into(),
            })?;
        let outcome = self.apply_refund_news(&made).await;
        self.connection_seen(
            STRIPE,
            outcome.as_ref().err().map(ToString::to_string).as_deref(),
        )
        .await;
        outcome
    }

    async fn apply_refund_news(
        &self,
        made: &ProviderRefund,
    ) -> Result<StripeEventOutcome, AppError> {
        let Some(case_id) = made.refund_case() else {
            return Ok(StripeEventOutcome::NoChange(
                "a refund Aftercare did not make".into(),
            ));
        };
        match self.store.case(case_id).await? {
            Some(case) if case.kind == CaseKind::Refund => {
                Ok(self.apply_provider_refund(case, made).await?.into())
            }
            _ => Ok(StripeEventOutcome::NoChange(format!(
                "no refund case {case_id}"
            ))),
        }
    }

    /// Asks Stripe about every refund still on its way, in case a webhook was lost; answers
    /// how many moved.
    pub async fn poll_provider_refunds(&self) -> Result<usize, AppError> {
        let Some(stripe) = self.stripe.as_ref() else {
            return Ok(0);
        };
        let mut query = QueueQuery {
            kind: Some(CaseKind::Refund),
            state: Some(RefundState::Sent.name().into()),
            limit: 100,
            ..QueueQuery::default()
        };
        let mut moved = 0;
        loop {
            let page = self.store.queue(&query).await?;
            for case in &page {
                let Some(reference) = case.data["payment_reference"].as_str() else {
                    continue;
                };
                if !reference.starts_with("re_") {
                    continue;
                }
                match stripe.refund_now(reference).await {
                    Ok(made) => {
                        self.connection_seen(STRIPE, None).await;
                        if let Applied::Moved(_) =
                            self.apply_provider_refund(case.clone(), &made).await?
                        {
                            moved += 1;
                        }
                    }
                    Err(e) => {
                        self.connection_seen(STRIPE, Some(&e.to_string())).await;
                        tracing::warn!(refund = %case.id, error = %e, "cannot ask Stripe about a refund");
                    }
                }
            }
            match page.last() {
                Some(last) if page.len() == query.limit as usize => {
                    query.after = Some(aftercare_store::QueueCursor::after(last));
                }
                _ => break,
            }
        }
        Ok(moved)
    }
}

/// Polls Stripe for refunds still on their way until `shutdown` resolves.
pub async fn run_poller<S: Store + 'static>(
    app: std::sync::Arc<App<S>>,
    every: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    crate::jobs::repeat(every, None, shutdown, || async {
        match app.poll_provider_refunds().await {
            Ok(0) => {}
            Ok(moved) => tracing::info!(moved, "refunds settled or failed by polling Stripe"),
            Err(e) => tracing::warn!(error = %e, "cannot poll Stripe's refunds"),
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_test_secret";

    #[test]
    fn a_signature_made_with_the_secret_is_accepted_within_five_minutes() {
        let body = br#"{"id":"evt_1","type":"refund.updated"}"#;
        let now = Timestamp::from_second(1_700_000_000).unwrap();
        let header = sign(SECRET, body, 1_700_000_000 - 299).unwrap();
        assert_eq!(verify_signature(SECRET, &header, body, now), Ok(()));
        // Stripe sends several v1 signatures while a secret is rolled: any one may match.
        let (at, signature) = header.split_once(',').unwrap();
        let rolled = format!("{at},v1=00ff,{signature},v0=abc");
        assert_eq!(verify_signature(SECRET, &rolled, body, now), Ok(()));
    }

    #[test]
    fn a_wrong_secret_body_or_time_is_refused() {
        let body = br#"{"id":"evt_1"}"#;
        let now = Timestamp::from_second(1_700_000_000).unwrap();
        let header = sign(SECRET, body, 1_700_000_000).unwrap();
        assert!(verify_signature("whsec_other", &header, body, now).is_err());
        assert!(verify_signature(SECRET, &header, br#"{"id":"evt_2"}"#, now).is_err());
        let late = Timestamp::from_second(1_700_000_301).unwrap();
        assert!(verify_signature(SECRET, &header, body, late).is_err());
        for garbage in ["", "t=", "v1=zz", "t=1700000000", "t=x,v1=00"] {
            assert!(
                verify_signature(SECRET, garbage, body, now).is_err(),
                "{garbage}"
            );
        }
    }

    /// The example of Stripe's documentation of manual verification, recomputed: HMAC-SHA256
    /// in lowercase hex of `{t}.{body}` under the secret's own bytes.
    #[test]
    fn the_signature_is_hex_hmac_sha256_of_the_timestamp_dot_body() {
        use hmac::{KeyInit, Mac};
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(b"whsec_abc").unwrap();
        mac.update(b"1492774577.{}");
        let expected = hex::encode(mac.finalize().into_bytes());
        assert_eq!(
            sign("whsec_abc", b"{}", 1_492_774_577).unwrap(),
            format!("t=1492774577,v1={expected}")
        );
    }

    #[test]
    fn only_stripe_ids_reach_a_url() {
        for good in ["pi_3MtwBwLkdIwHu7ix28a3tqPa", "ch_1", "re_abc_DEF"] {
            assert!(stripe_id(good), "{good}");
        }
        for bad in ["", "pi_1/../../v1/charges", "pi 1", "pi_1?x=y", "ch_é"] {
            assert!(!stripe_id(bad), "{bad}");
        }
    }
}
