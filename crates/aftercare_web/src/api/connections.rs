//! What the shop's outside services send in on their own terms, signed with a shared secret
//! instead of an API key: Stripe's webhooks about refunds, and the Shopify store's orders and
//! fulfilments.

use aftercare_app::connections::Connection;
use aftercare_app::payments::StripeEventOutcome;
use aftercare_app::shopify::ShopifyOutcome;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Serialize;
use utoipa::ToSchema;

use super::types::Items;
use crate::auth::Caller;
use crate::{ApiError, Web};

/// What a received webhook did.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Received {
    /// Stripe: `moved` or `no_change`. Shopify: `imported`, `unchanged`, `shipped`,
    /// `payment_linked`, `repeated`, `no_change` or `refused`. AfterShip: `applied` or `no_change`.
    outcome: &'static str,
    /// The state the case moved to, or why nothing changed.
    detail: String,
}

/// Receive a Stripe event.
///
/// Register this address at Stripe for `refund.created`, `refund.updated`, `refund.failed`
/// and `charge.refund.updated`. A refund Aftercare sent is settled when it succeeded and
/// failed, with Stripe's reason, when it failed or was canceled; other events, refunds made in
/// Stripe's dashboard and events sent again change nothing. Authenticated by the
/// `Stripe-Signature` header under the configured webhook secret, not by an API key.
#[utoipa::path(post, path = "/api/v1/stripe/events", tag = "connections",
    request_body(content = Object, description = "A Stripe event object"),
    responses((status = 200, body = Received)),
    security(("stripeSignature" = [])))]
pub(crate) async fn stripe_events(
    State(web): State<Web>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Received>, ApiError> {
    let signature = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Err(why) = web.app.check_stripe_signature(signature, &body) {
        tracing::warn!(reason = %why, "a Stripe webhook with a bad signature was refused");
        return Err(ApiError::BadSignature(why));
    }
    let event: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let received = match web.app.receive_stripe_event(&event).await? {
        StripeEventOutcome::Moved(state) => Received {
            outcome: "moved",
            detail: state,
        },
        StripeEventOutcome::NoChange(why) => Received {
            outcome: "no_change",
            detail: why,
        },
    };
    Ok(Json(received))
}

/// Receive a Shopify webhook.
///
/// Subscribe this address, in the store's app, to `orders/create`, `orders/paid`,
/// `order_transactions/create`, `fulfillments/create` and `fulfillments/update`. A paid order
/// becomes an order here by the rules of the push API (its address rules included), in the
/// currency the customer paid in and at the prices actually paid; a successful sale through the
/// shop's Stripe gives the order its payment (refunds then go back through Stripe), and one
/// that comes before its order is answered 503 for Shopify to send again; a fulfilment with a
/// tracking number ships the order's parcel.
/// Each `X-Shopify-Webhook-Id` is applied once. What cannot be taken is answered 200 with
/// `refused` and the reason (shown on the admin page), so that Shopify does not retry it for
/// ever. Authenticated by `X-Shopify-Hmac-Sha256` under the configured secret.
#[utoipa::path(post, path = "/api/v1/shopify/webhooks", tag = "connections",
    request_body(content = Object, description = "A Shopify order or fulfilment"),
    params(
        ("X-Shopify-Topic" = String, Header, description = "`orders/create`, `orders/paid`, `fulfillments/create` or `fulfillments/update`"),
        ("X-Shopify-Webhook-Id" = String, Header, description = "The delivery's id; a delivery sent again is applied once"),
    ),
    responses(
        (status = 200, body = Received),
        (status = 503, description = "A transaction came before its order: Shopify sends it again later",
            body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("shopifyHmac" = [])))]
pub(crate) async fn shopify_webhooks(
    State(web): State<Web>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Received>, ApiError> {
    let header = |name: &'static str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    if let Err(why) = web
        .app
        .check_shopify_signature(header("x-shopify-hmac-sha256"), &body)
    {
        tracing::warn!(reason = %why, "a Shopify webhook with a bad signature was refused");
        return Err(ApiError::BadSignature(why));
    }
    let topic = header("x-shopify-topic");
    if topic.is_empty() {
        return Err(ApiError::MissingHeader("X-Shopify-Topic"));
    }
    let webhook_id = header("x-shopify-webhook-id");
    if webhook_id.is_empty() {
        return Err(ApiError::MissingHeader("X-Shopify-Webhook-Id"));
    }
    let payload: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let (outcome, detail) = match web
        .app
        .receive_shopify_webhook(topic, webhook_id, &payload)
        .await?
    {
        ShopifyOutcome::Imported(number) => ("imported", format!("order {number}")),
        ShopifyOutcome::Unchanged(number) => ("unchanged", format!("order {number}")),
        ShopifyOutcome::Shipped(tracking) => ("shipped", tracking),
        ShopifyOutcome::PaymentLinked(number) => ("payment_linked", format!("order {number}")),
        ShopifyOutcome::NotYet(why) => return Err(ApiError::Unavailable(why)),
        ShopifyOutcome::Repeated => ("repeated", "this webhook id was applied before".into()),
        ShopifyOutcome::NoChange(why) => ("no_change", why),
        ShopifyOutcome::Refused { field, message } => ("refused", format!("{field}: {message}")),
    };
    Ok(Json(Received { outcome, detail }))
}

/// The connections and how each stands.
///
/// Stripe, Shopify and tracking events in: whether each is configured, what it does, and its
/// last success, last error and counts. Secrets are never shown. Who: admin.
#[utoipa::path(get, path = "/api/v1/connections", tag = "connections",
    responses((status = 200, body = Items<Connection>)), security(("session" = [])))]
pub(crate) async fn list(
    State(web): State<Web>,
    caller: Caller,
) -> Result<Json<Items<Connection>>, ApiError> {
    let items = web.app.connections(&caller.actor).await?;
    Ok(Json(Items { items }))
}

/// Receive an AfterShip tracking webhook.
///
/// Register this address in AfterShip's webhook settings (`tracking_update`). The newest
/// checkpoint is applied as a tracking event (see `/api/v1/tracking-events`): `Delivered`
/// records an order's signing, `Exception_004` a customs hold, `Exception_010`/`_011` a return
/// to sender, other exceptions and failed attempts tell the customer to contact customer
/// service; each `event_id` once. Authenticated by `aftership-hmac-sha256` under the
/// configured secret.
#[utoipa::path(post, path = "/api/v1/aftership/events", tag = "connections",
    request_body(content = Object, description = "An AfterShip webhook body"),
    responses((status = 200, body = Received)),
    security(("aftershipHmac" = [])))]
pub(crate) async fn aftership_events(
    State(web): State<Web>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Received>, ApiError> {
    let signature = headers
        .get("aftership-hmac-sha256")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Err(why) = web.app.check_aftership_signature(signature, &body) {
        tracing::warn!(reason = %why, "an AfterShip webhook with a bad signature was refused");
        return Err(ApiError::BadSignature(why));
    }
    let payload: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let received = match web.app.receive_aftership(&payload).await? {
        Some(outcome) => Received {
            outcome: if outcome.outcome == "no_change" || outcome.outcome == "duplicate" {
                "no_change"
            } else {
                "applied"
            },
            detail: match outcome.detail {
                Some(detail) => format!("{}: {detail}", outcome.outcome),
                None => outcome.outcome,
            },
        },
        None => Received {
            outcome: "no_change",
            detail: "nothing about the parcel's way".into(),
        },
    };
    Ok(Json(received))
}
