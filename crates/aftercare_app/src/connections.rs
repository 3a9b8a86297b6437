//! How each connection stands, for the admin page: whether it is configured, what it does, and
//! its last success, last error and counts (kept by the store, so they survive a restart).
//! Secrets are never part of it.

use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_store::Store;
use jiff::Timestamp;
use serde::Serialize;

use crate::{App, AppError};

/// Tracking events in, through the API: the connection's name.
pub const TRACKING: &str = "tracking";

/// AfterShip's tracking webhooks: the connection's name.
pub const AFTERSHIP: &str = "aftership";

/// A secret an outside service signs its webhooks with; never printed.
#[derive(Clone)]
pub struct WebhookSecret(pub String);

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(hidden)")
    }
}

/// One connection as admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Connection {
    /// `stripe`, `shopify` or `tracking`.
    pub name: &'static str,
    pub title: &'static str,
    pub configured: bool,
    /// What it does and how it is set up.
    pub how: String,
    pub successes: i64,
    pub failures: i64,
    pub last_success_at: Option<Timestamp>,
    pub last_error_at: Option<Timestamp>,
    pub last_error: Option<String>,
}

impl<S: Store> App<S> {
    /// Counts a connection's success or failure for the admin page; a failure to count is
    /// logged, never the caller's failure.
    pub(crate) async fn connection_seen(&self, name: &str, error: Option<&str>) {
        if let Err(e) = self.store.record_connection(name, self.now(), error).await {
            tracing::warn!(connection = name, error = %e, "cannot record the connection's status");
        }
    }

    /// Every connection, configured or not, with its status. Admins only.
    pub async fn connections(&self, actor: &Actor) -> Result<Vec<Connection>, AppError> {
        if !actor.has(Role::Admin) {
            return Err(AppError::Refused(Refusal::only(
                "admin",
                "doing-see-connections",
            )));
        }
        let seen = self.store.connections().await?;
        let stripe = match &self.stripe {
            Some(stripe) => format!(
                "Refunds of orders paid by {} with a Stripe payment id go through Stripe at {}; {}",
                stripe.settings().methods.join(", "),
                stripe.settings().base_url,
                if stripe.settings().webhook_secret.is_some() {
                    "its webhooks at /api/v1/stripe/events and a poll settle them."
                } else {
                    "a poll settles them (no webhook secret is configured)."
                }
            ),
            None => "Not configured (AFTERCARE_STRIPE_SECRET_KEY): finance types the reference of every refund paid by hand.".into(),
        };
        let shopify = if self.shopify_secret.is_some() {
            "Orders and fulfilments from the Shopify store's webhooks at /api/v1/shopify/webhooks."
                .to_owned()
        } else {
            "Not configured (AFTERCARE_SHOPIFY_WEBHOOK_SECRET): orders come by the push API or CSV."
                .to_owned()
        };
        let aftership = if self.aftership_secret.is_some() {
            "Carriers' events through AfterShip's tracking webhooks at /api/v1/aftership/events."
                .to_owned()
        } else {
            "Not configured (AFTERCARE_AFTERSHIP_WEBHOOK_SECRET).".to_owned()
        };
        let rows = [
            (crate::payments::STRIPE, "Stripe", self.stripe.is_some(), stripe),
            (crate::shopify::SHOPIFY, "Shopify", self.shopify_secret.is_some(), shopify),
            (
                AFTERSHIP,
                "AfterShip",
                self.aftership_secret.is_some(),
                aftership,
            ),
            (
                TRACKING,
                "Tracking events",
                true,
                "Carriers' and tracking services' events at /api/v1/tracking-events, with an API key carrying tracking:write.".to_owned(),
            ),
        ];
        Ok(rows
            .into_iter()
            .map(|(name, title, configured, how)| {
                let status = seen.iter().find(|s| s.name == name);
                Connection {
                    name,
                    title,
                    configured,
                    how,
                    successes: status.map_or(0, |s| s.successes),
                    failures: status.map_or(0, |s| s.failures),
                    last_success_at: status.and_then(|s| s.last_success_at),
                    last_error_at: status.and_then(|s| s.last_error_at),
                    last_error: status.and_then(|s| s.last_error.clone()),
                }
            })
            .collect())
    }
}
