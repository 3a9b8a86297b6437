//! Outbound webhooks: the endpoints of the shop's other systems, and each one's deliveries.

use aftercare_store::{WebhookDelivery, WebhookEndpoint, WebhookSummary};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::types::Items;
use crate::auth::Caller;
use crate::extract::ApiJson;
use crate::{ApiError, Web};

/// A new endpoint.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewEndpoint {
    /// Where messages are posted: an `http://` or `https://` address.
    #[schema(min_length = 1, max_length = 2000)]
    url: String,
    /// The event types it wants: `{case kind}.{event kind}` (`return.approved`,
    /// `refund.sent`, `order.shipped`), or `*` for every one.
    #[schema(min_items = 1, max_items = 100)]
    events: Vec<String>,
    /// What the endpoint is, for the admins.
    #[serde(default)]
    #[schema(max_length = 200)]
    description: String,
}

/// An endpoint, without its secret.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct EndpointOut {
    id: String,
    url: String,
    events: Vec<String>,
    description: String,
    created_at: Timestamp,
    /// When it stopped receiving messages; absent while it receives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    disabled_at: Option<Timestamp>,
    /// Why: an admin, or deliveries that kept failing.
    #[serde(skip_serializing_if = "Option::is_none")]
    disabled_reason: Option<String>,
    /// How its deliveries stand; in lists only.
    #[serde(skip_serializing_if = "Option::is_none")]
    deliveries: Option<DeliveryCounts>,
}

/// How an endpoint's deliveries stand.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DeliveryCounts {
    delivered: i64,
    /// Waiting for their next attempt.
    waiting: i64,
    /// Given up after the last retry, or stopped when the endpoint was disabled.
    given_up: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_delivered_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_failed_at: Option<Timestamp>,
}

impl From<WebhookSummary> for DeliveryCounts {
    fn from(s: WebhookSummary) -> Self {
        DeliveryCounts {
            delivered: s.delivered,
            waiting: s.waiting,
            given_up: s.given_up,
            last_delivered_at: s.last_delivered_at,
            last_failed_at: s.last_failed_at,
        }
    }
}

impl From<WebhookEndpoint> for EndpointOut {
    fn from(e: WebhookEndpoint) -> Self {
        EndpointOut {
            id: e.id,
            url: e.url,
            events: e.events,
            description: e.description,
            created_at: e.created_at,
            disabled_at: e.disabled_at,
            disabled_reason: e.disabled_reason,
            deliveries: None,
        }
    }
}

/// An endpoint as registered, with its signing secret: in this answer and nowhere else.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CreatedEndpoint {
    endpoint: EndpointOut,
    /// `whsec_...`: verifies the `webhook-signature` of every message (Standard Webhooks).
    secret: String,
}

/// One message to an endpoint, and how its delivery went.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DeliveryOut {
    /// The message id, `webhook-id`: the same at every attempt.
    id: String,
    event_type: String,
    case_id: String,
    seq: i64,
    created_at: Timestamp,
    attempts: i64,
    /// When it is tried next; absent once delivered or given up.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_attempt_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delivered_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_attempt_at: Option<Timestamp>,
    /// The receiver's HTTP status at the last attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    last_status: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_error: Option<String>,
}

impl From<WebhookDelivery> for DeliveryOut {
    fn from(d: WebhookDelivery) -> Self {
        DeliveryOut {
            id: d.id,
            event_type: d.event_type,
            case_id: d.case_id,
            seq: d.seq,
            created_at: d.created_at,
            attempts: d.attempts,
            next_attempt_at: d.next_attempt_at,
            delivered_at: d.delivered_at,
            last_attempt_at: d.last_attempt_at,
            last_status: d.last_status,
            last_error: d.last_error,
        }
    }
}

/// Register a webhook endpoint; its secret is in this answer only.
///
/// Who: admin.
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "admin", request_body(content = NewEndpoint),
    responses((status = 201, body = CreatedEndpoint)), security(("session" = [])))]
pub(crate) async fn create_endpoint(
    State(web): State<Web>,
    caller: Caller,
    ApiJson(new): ApiJson<NewEndpoint>,
) -> Result<Response, ApiError> {
    let created = web
        .app
        .create_webhook_endpoint(&caller.actor, &new.url, &new.events, &new.description)
        .await?;
    let out = CreatedEndpoint {
        endpoint: created.endpoint.into(),
        secret: created.secret,
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// Webhook endpoints, newest first, each with how its deliveries stand.
///
/// Who: admin.
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "admin",
    responses((status = 200, body = Items<EndpointOut>)), security(("session" = [])))]
pub(crate) async fn list_endpoints(
    State(web): State<Web>,
    caller: Caller,
) -> Result<Json<Items<EndpointOut>>, ApiError> {
    let items = web
        .app
        .webhook_endpoints_with_status(&caller.actor)
        .await?
        .into_iter()
        .map(|(e, summary)| EndpointOut {
            deliveries: Some(summary.into()),
            ..EndpointOut::from(e)
        })
        .collect();
    Ok(Json(Items { items }))
}

/// The endpoint a path names, and what to do with it.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct EndpointChange {
    /// The endpoint's id.
    id: String,
    /// `disable` (nothing more is sent) or `enable`.
    #[param(pattern = "^(disable|enable)$")]
    change: String,
}

/// Disable an endpoint, or enable it again.
///
/// Events recorded while it is disabled are not queued for it.
///
/// Who: admin.
#[utoipa::path(post, path = "/api/v1/webhooks/{id}/{change}", tag = "admin", params(EndpointChange),
    responses((status = 204, description = "Done")), security(("session" = [])))]
pub(crate) async fn change_endpoint(
    State(web): State<Web>,
    caller: Caller,
    Path(EndpointChange { id, change }): Path<EndpointChange>,
) -> Result<StatusCode, ApiError> {
    let enabled = match change.as_str() {
        "enable" => true,
        "disable" => false,
        _ => return Err(ApiError::NoRoute),
    };
    web.app
        .set_webhook_endpoint_enabled(&caller.actor, &id, enabled)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The endpoint a path names.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct EndpointId {
    /// The endpoint's id.
    id: String,
}

/// An endpoint's last 200 deliveries, newest first.
///
/// Who: admin.
#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", tag = "admin", params(EndpointId),
    responses((status = 200, body = Items<DeliveryOut>)), security(("session" = [])))]
pub(crate) async fn deliveries(
    State(web): State<Web>,
    caller: Caller,
    Path(EndpointId { id }): Path<EndpointId>,
) -> Result<Json<Items<DeliveryOut>>, ApiError> {
    let items = web
        .app
        .webhook_deliveries(&caller.actor, &id, 200)
        .await?
        .into_iter()
        .map(DeliveryOut::from)
        .collect();
    Ok(Json(Items { items }))
}

/// The delivery a path names.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct DeliveryId {
    /// The message id (`msg_...`).
    id: String,
}

/// Send a delivery again now, with the same message id.
///
/// Who: admin.
#[utoipa::path(post, path = "/api/v1/webhook-deliveries/{id}/resend", tag = "admin", params(DeliveryId),
    responses((status = 202, description = "Queued")), security(("session" = [])))]
pub(crate) async fn resend(
    State(web): State<Web>,
    caller: Caller,
    Path(DeliveryId { id }): Path<DeliveryId>,
) -> Result<StatusCode, ApiError> {
    web.app.resend_webhook(&caller.actor, &id).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Tracking events, as a sender posts them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TrackingEvents {
    /// 1 to 100 events; handled oldest first.
    #[schema(min_items = 1, max_items = 100)]
    events: Vec<aftercare_app::tracking::TrackingUpdate>,
}

/// Send tracking events of parcels.
///
/// Each event is matched by its tracking number to the case whose parcel it is: an order's
/// outbound parcel, a return's or a buyback's parcel back. `delivered` on an order's parcel
/// records its signing, which starts the return windows; every event is kept on its case. An
/// event sent again (the same `id` from the same key) changes nothing; one that comes after a
/// later one changes nothing the case is past.
///
/// Who: a system with an API key carrying `tracking:write`.
#[utoipa::path(post, path = "/api/v1/tracking-events", tag = "connections",
    request_body(content = TrackingEvents),
    responses((status = 200, body = Items<aftercare_app::tracking::TrackingOutcome>)),
    security(("apiKey" = ["tracking:write"])))]
pub(crate) async fn tracking_events(
    State(web): State<Web>,
    crate::auth::TrackingCaller(caller): crate::auth::TrackingCaller,
    ApiJson(body): ApiJson<TrackingEvents>,
) -> Result<Json<Items<aftercare_app::tracking::TrackingOutcome>>, ApiError> {
    let items = web
        .app
        .receive_tracking(&caller.actor, &body.events)
        .await?;
    Ok(Json(Items { items }))
}
