//! Outbound webhooks, as the Standard Webhooks specification writes them: admins register the
//! endpoints of the shop's other systems and the event types each wants; every case event of
//! those types is queued for each endpoint in the transaction that records it (see the store's
//! `append_events`), delivered by a worker with `webhook-id`, `webhook-timestamp` and
//! `webhook-signature` (HMAC-SHA256 under the endpoint's `whsec_` secret), retried on the
//! specification's schedule, and given up after the last retry, which disables the endpoint and
//! tells the admins. Internal notes are never sent.

use std::sync::Arc;
use std::time::Duration;

use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_store::{
    CaseKind, NewMail, Store, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookSummary,
};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jiff::SignedDuration;
use serde_json::json;

use crate::{App, AppError, new_id};

/// How long after each failed attempt the next comes, as Standard Webhooks suggests: 5 s,
/// 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. After the last one fails the delivery is given up and
/// its endpoint disabled (about 28 hours after the event).
pub const RETRIES: [SignedDuration; 7] = [
    SignedDuration::from_secs(5),
    SignedDuration::from_mins(5),
    SignedDuration::from_mins(30),
    SignedDuration::from_hours(2),
    SignedDuration::from_hours(5),
    SignedDuration::from_hours(10),
    SignedDuration::from_hours(10),
];

/// How long a claimed delivery stays with its worker before another may take it.
pub const LEASE: SignedDuration = SignedDuration::from_mins(1);

/// How long a receiver has to answer one attempt.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Most bytes of a receiver's answer kept in the delivery log.
const KEPT_ANSWER: usize = 500;

/// An endpoint just registered, with its secret: shown this once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWebhookEndpoint {
    pub endpoint: WebhookEndpoint,
    pub secret: String,
}

/// A new signing secret: `whsec_` and 32 random bytes in base64.
fn new_secret() -> String {
    let mut key = [0u8; 32];
    key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    format!("whsec_{}", STANDARD.encode(key))
}

/// The `webhook-signature` of a message: `v1,` and the base64 HMAC-SHA256, under the secret's
/// bytes, of `{id}.{timestamp}.{payload}`.
pub fn signature(secret: &str, id: &str, timestamp: i64, payload: &str) -> Result<String, String> {
    use hmac::{KeyInit, Mac};
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .map_err(|e| format!("the secret is not base64: {e}"))?;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key)
        .map_err(|e| format!("the secret cannot key HMAC: {e}"))?;
    mac.update(format!("{id}.{timestamp}.{payload}").as_bytes());
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The event types as typed: `*`, or `{case kind}.{event kind}` with a known case kind.
fn checked_events(events: &[String]) -> Result<Vec<String>, AppError> {
    let mut out: Vec<String> = Vec::new();
    for event in events.iter().flat_map(|e| e.split([',', ' ', '\n'])) {
        let event = event.trim();
        if event.is_empty() {
            continue;
        }
        let known = event == "*"
            || event.split_once('.').is_some_and(|(kind, what)| {
                CaseKind::parse(kind).is_some()
                    && !what.is_empty()
                    && what.len() <= 60
                    && what.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            });
        if !known {
            return Err(AppError::invalid(
                "events",
                format!(
                    "`{}` is not an event type: give `*` or types like return.approved (order, return, refund, buyback, appeal, parcel)",
                    event.chars().take(60).collect::<String>()
                ),
            ));
        }
        if !out.iter().any(|e| e == event) {
            out.push(event.to_owned());
        }
    }
    if out.is_empty() || out.len() > 100 {
        return Err(AppError::invalid(
            "events",
            "choose 1 to 100 event types, or `*`",
        ));
    }
    Ok(out)
}

fn checked_url(url: &str) -> Result<String, AppError> {
    let url = url.trim();
    let parsed = reqwest::Url::parse(url).ok().filter(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some() && u.password().is_none()
    });
    match parsed {
        Some(_) if url.len() <= 2000 => Ok(url.to_owned()),
        _ => Err(AppError::invalid(
            "url",
            "must be an http:// or https:// address of at most 2,000 characters, without a password",
        )),
    }
}

fn only_admins(actor: &Actor) -> Result<(), AppError> {
    if actor.has(Role::Admin) {
        Ok(())
    } else {
        Err(AppError::Refused(Refusal::only(
            "admin",
            "doing-manage-webhooks",
        )))
    }
}

/// The HTTP client deliveries go out with: a timeout, and no redirects (a receiver that moved
/// must be registered again, so a signed message never lands somewhere nobody chose).
pub fn client() -> Result<reqwest::Client, AppError> {
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Aftercare-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| AppError::invalid("webhooks", format!("cannot start the HTTP client: {e}")))
}

impl<S: Store> App<S> {
    /// An admin registers an endpoint for the event types it wants; the secret is answered
    /// once and never shown again.
    pub async fn create_webhook_endpoint(
        &self,
        actor: &Actor,
        url: &str,
        events: &[String],
        description: &str,
    ) -> Result<NewWebhookEndpoint, AppError> {
        only_admins(actor)?;
        let url = checked_url(url)?;
        let events = checked_events(events)?;
        let description = description.trim();
        if description.chars().count() > 200 {
            return Err(AppError::invalid("description", "at most 200 characters"));
        }
        let secret = new_secret();
        let endpoint = WebhookEndpoint {
            id: new_id(),
            url,
            secret: secret.clone(),
            events,
            description: description.to_owned(),
            created_by: actor.id.clone(),
            created_at: self.now(),
            disabled_at: None,
            disabled_reason: None,
        };
        self.store.create_webhook_endpoint(&endpoint).await?;
        tracing::info!(by = %actor.id, endpoint = %endpoint.id, "webhook endpoint registered");
        Ok(NewWebhookEndpoint {
            endpoint: WebhookEndpoint {
                secret: String::new(),
                ..endpoint
            },
            secret,
        })
    }

    /// Every endpoint, without its secret, for admins.
    pub async fn webhook_endpoints(&self, actor: &Actor) -> Result<Vec<WebhookEndpoint>, AppError> {
        only_admins(actor)?;
        Ok(self
            .store
            .webhook_endpoints()
            .await?
            .into_iter()
            .map(|e| WebhookEndpoint {
                secret: String::new(),
                ..e
            })
            .collect())
    }

    /// One endpoint, without its secret, for admins.
    pub async fn webhook_endpoint(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<WebhookEndpoint, AppError> {
        only_admins(actor)?;
        self.store
            .webhook_endpoint(id)
            .await?
            .map(|e| WebhookEndpoint {
                secret: String::new(),
                ..e
            })
            .ok_or(AppError::NotFound("webhook endpoint"))
    }

    /// Every endpoint, without its secret, with how its deliveries stand, for admins.
    pub async fn webhook_endpoints_with_status(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(WebhookEndpoint, WebhookSummary)>, AppError> {
        let endpoints = self.webhook_endpoints(actor).await?;
        let mut summaries = self.store.webhook_summaries().await?;
        Ok(endpoints
            .into_iter()
            .map(|e| {
                let summary = summaries
                    .iter()
                    .position(|(id, _)| *id == e.id)
                    .map(|i| summaries.swap_remove(i).1)
                    .unwrap_or_default();
                (e, summary)
            })
            .collect())
    }

    /// An admin disables an endpoint (nothing more is sent to it) or enables it again; events
    /// while it was disabled are not queued for it.
    pub async fn set_webhook_endpoint_enabled(
        &self,
        actor: &Actor,
        id: &str,
        enabled: bool,
    ) -> Result<(), AppError> {
        only_admins(actor)?;
        let reason = format!("disabled by {}", actor.id);
        let disabled = (!enabled).then(|| (self.now(), reason.as_str()));
        if !self
            .store
            .set_webhook_endpoint_disabled(id, disabled, &[])
            .await?
        {
            return Err(AppError::NotFound("webhook endpoint"));
        }
        Ok(())
    }

    /// An endpoint's last deliveries, newest first, for admins.
    pub async fn webhook_deliveries(
        &self,
        actor: &Actor,
        endpoint_id: &str,
        limit: u32,
    ) -> Result<Vec<WebhookDelivery>, AppError> {
        only_admins(actor)?;
        Ok(self
            .store
            .webhook_deliveries(endpoint_id, limit.clamp(1, 200))
            .await?)
    }

    /// An admin sends a delivery again now, with its message id, so a receiver that kept it
    /// drops the repeat.
    pub async fn resend_webhook(&self, actor: &Actor, delivery_id: &str) -> Result<(), AppError> {
        only_admins(actor)?;
        if !self.store.resend_webhook(delivery_id, self.now()).await? {
            return Err(AppError::NotFound("webhook delivery"));
        }
        self.webhooks_queued.notify_one();
        Ok(())
    }

    /// Wakes the webhook worker: a resend, or events just recorded.
    pub fn webhooks_queued(&self) -> Arc<tokio::sync::Notify> {
        self.webhooks_queued.clone()
    }

    /// The message a delivery sends: its type, the event's time, and the case and event.
    async fn webhook_payload(&self, delivery: &WebhookDelivery) -> Result<String, AppError> {
        let case = self
            .store
            .case(&delivery.case_id)
            .await?
            .ok_or(AppError::NotFound("case"))?;
        let event = self
            .store
            .event(&delivery.case_id, delivery.seq)
            .await?
            .ok_or(AppError::NotFound("event"))?;
        let body = json!({
            "type": delivery.event_type,
            "timestamp": event.at,
            "data": {
                "case": {
                    "id": case.id,
                    "kind": case.kind.as_str(),
                    "order_number": case.order_number,
                    "rma_number": case.rma,
                },
                "event": {
                    "seq": event.seq,
                    "kind": event.kind,
                    "at": event.at,
                    "reason": event.reason,
                    "data": event.data,
                },
            },
        });
        Ok(body.to_string())
    }

    /// Sends every delivery due now, one at a time; answers how many were delivered.
    pub async fn deliver_due_webhooks(&self, client: &reqwest::Client) -> Result<usize, AppError> {
        let mut delivered = 0;
        while let Some(delivery) = self.store.claim_webhook(self.now(), LEASE).await? {
            let endpoint = self.store.webhook_endpoint(&delivery.endpoint_id).await?;
            let Some(endpoint) = endpoint.filter(|e| e.disabled_at.is_none()) else {
                let stopped = WebhookAttempt {
                    at: self.now(),
                    status: None,
                    error: Some("the endpoint is disabled".into()),
                    delivered: false,
                    retry_at: None,
                };
                self.store.webhook_attempted(&delivery.id, &stopped).await?;
                continue;
            };
            let attempt = self.attempt(client, &endpoint, &delivery).await?;
            self.store.webhook_attempted(&delivery.id, &attempt).await?;
            if attempt.delivered {
                delivered += 1;
            } else if attempt.retry_at.is_none() {
                self.give_up(&endpoint, &delivery, &attempt).await?;
            }
        }
        Ok(delivered)
    }

    async fn attempt(
        &self,
        client: &reqwest::Client,
        endpoint: &WebhookEndpoint,
        delivery: &WebhookDelivery,
    ) -> Result<WebhookAttempt, AppError> {
        let payload = self.webhook_payload(delivery).await?;
        let now = self.now();
        let timestamp = now.as_second();
        let signed = signature(&endpoint.secret, &delivery.id, timestamp, &payload);
        let sent = match signed {
            Ok(signature) => client
                .post(&endpoint.url)
                .header("content-type", "application/json")
                .header("webhook-id", &delivery.id)
                .header("webhook-timestamp", timestamp.to_string())
                .header("webhook-signature", signature)
                .body(payload)
                .send()
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        let (status, error) = match sent {
            Ok(response) => {
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                let kept: String = text.chars().take(KEPT_ANSWER).collect();
                let error = (!status.is_success()).then(|| format!("HTTP {status}: {kept}"));
                (Some(i64::from(status.as_u16())), error)
            }
            Err(e) => (None, Some(e)),
        };
        let delivered = error.is_none();
        // `attempts` already counts this one; the first attempt is not a retry.
        let retries_done = usize::try_from(delivery.attempts - 1).unwrap_or(0);
        let retry_at = (!delivered)
            .then(|| RETRIES.get(retries_done).map(|delay| now + *delay))
            .flatten();
        if let Some(error) = &error {
            tracing::warn!(delivery = %delivery.id, endpoint = %endpoint.id, attempts = delivery.attempts, %error, "webhook delivery failed");
        }
        Ok(WebhookAttempt {
            at: now,
            status,
            error,
            delivered,
            retry_at,
        })
    }

    /// The last retry failed: the endpoint is disabled and every active admin is told, in one
    /// transaction.
    async fn give_up(
        &self,
        endpoint: &WebhookEndpoint,
        delivery: &WebhookDelivery,
        attempt: &WebhookAttempt,
    ) -> Result<(), AppError> {
        let reason = format!(
            "a delivery ({}, {}) failed {} times: {}",
            delivery.id,
            delivery.event_type,
            delivery.attempts,
            attempt.error.as_deref().unwrap_or("no answer")
        );
        let profile = self.shop_profile();
        let mails: Vec<NewMail> = self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.disabled_at.is_none() && u.roles.iter().any(|r| r == "admin"))
            .map(|admin| NewMail {
                id: new_id(),
                recipient: admin.email,
                subject: format!("Webhook endpoint disabled: {}", endpoint.url),
                text_body: format!(
                    "Hello {},\n\nThe webhook endpoint {} ({}) is disabled: {reason}.\n\nNothing more is sent to it. Once the receiver works again, enable it on the console's admin page and send the failed deliveries again from its log.\n\n{} · Aftercare\n",
                    admin.name, endpoint.url, endpoint.id, profile.name
                ),
                html_body: String::new(),
                reply_to: None,
                attachments: Vec::new(),
                drawn: Vec::new(),
            })
            .collect();
        self.store
            .set_webhook_endpoint_disabled(&endpoint.id, Some((attempt.at, &reason)), &mails)
            .await?;
        self.mail_queued.notify_one();
        tracing::warn!(endpoint = %endpoint.id, %reason, "webhook endpoint disabled");
        Ok(())
    }
}

/// Runs the webhook deliveries until `shutdown` resolves: sends what is due, then waits `every`
/// (or until `wake` is notified). What is not sent stays queued in the database for the next
/// start.
pub async fn run_worker<S: Store + 'static>(
    app: Arc<App<S>>,
    client: reqwest::Client,
    every: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let wake = app.webhooks_queued();
    crate::jobs::repeat(every, Some(wake), shutdown, || async {
        if let Err(e) = app.deliver_due_webhooks(&client).await {
            tracing::warn!(error = %e, "webhook worker could not read its queue");
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Standard Webhooks specification's own example.
    #[test]
    fn signatures_match_the_specifications_example() {
        let signed = signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            r#"{"test": 2432232314}"#,
        )
        .unwrap();
        assert_eq!(signed, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn secrets_are_whsec_and_32_random_bytes() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        let bytes = STANDARD.decode(a.strip_prefix("whsec_").unwrap()).unwrap();
        assert_eq!(bytes.len(), 32);
    }

    #[test]
    fn event_types_are_star_or_a_case_kind_and_an_event_kind() {
        let typed =
            |t: &[&str]| checked_events(&t.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(
            typed(&["return.approved, refund.sent", "return.approved"]).unwrap(),
            ["return.approved", "refund.sent"]
        );
        assert_eq!(typed(&["*"]).unwrap(), ["*"]);
        for bad in [
            &[][..],
            &["returns.approved"],
            &["return."],
            &["return.Approved"],
            &["approved"],
        ] {
            assert!(typed(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn urls_must_be_http_without_a_password() {
        assert!(checked_url("https://erp.example/hooks").is_ok());
        assert!(checked_url("http://127.0.0.1:9000/in").is_ok());
        for bad in [
            "ftp://x.example",
            "https://user:pw@x.example/",
            "not a url",
            "",
        ] {
            assert!(checked_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn retries_follow_the_specifications_schedule() {
        let total: i64 = RETRIES.iter().map(|d| d.as_secs()).sum();
        assert_eq!(RETRIES[0].as_secs(), 5);
        assert_eq!(total, 5 + 300 + 1800 + 7200 + 18000 + 36000 + 36000);
    }
}
