//! Refunds (III.3): an agent grants what a case's result gives, finance sends it to the original
//! payment method and records whether it arrived. Every step moves money, so each carries an
//! `Idempotency-Key`: a retry answers the first answer and never pays twice.

use aftercare_app::CaseView;
use aftercare_store::CaseKind;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;

use super::types::{CaseId, CaseOut};
use crate::auth::Caller;
use crate::extract::{ApiJson, IdempotencyKey, StepBody};
use crate::{ApiError, Web};

/// The case whose result a refund pays.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Grant {
    /// The return or buyback case whose result the refund pays.
    source_case: String,
}

/// Grant the refund (or payout) a case's result gives.
///
/// A return's passed inspection or a buyback's confirmation. Who: agent.
#[utoipa::path(post, path = "/api/v1/refunds", tag = "refunds", params(IdempotencyKey),
    request_body(content = Grant),
    responses((status = 201, description = "The refund case", body = CaseView)),
    security(("session" = [])))]
pub(crate) async fn grant(
    State(web): State<Web>,
    caller: Caller,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(grant): ApiJson<Grant>,
) -> Result<Response, ApiError> {
    let view = web
        .app
        .grant_refund(&caller.actor, &grant.source_case, &key)
        .await?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// A refund case.
///
/// Who: the customer whose case it is, staff.
#[utoipa::path(get, path = "/api/v1/refunds/{id}", tag = "refunds", params(CaseId),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn get(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
) -> Result<Json<CaseOut>, ApiError> {
    super::cases::of_kind(&web, &caller, &id, CaseKind::Refund).await
}

/// How the refund is paid.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Send {
    /// The reference of a payment made by hand (PayPal, a bank transfer). Absent or empty to
    /// refund through the payment provider the order was paid through (Stripe, when the server
    /// is connected to it and the order carries its `payment_id`): the refund is then settled,
    /// failed or refused by the provider's answer.
    #[serde(default)]
    payment_reference: Option<String>,
}

/// Send the money to the original payment method.
///
/// Who: finance.
#[utoipa::path(post, path = "/api/v1/refunds/{id}/send", tag = "refunds",
    params(CaseId, IdempotencyKey), request_body(content = Send),
    responses(
        (status = 200, body = CaseView),
        (status = 502, description = "The payment provider did not answer: nothing is recorded, and sending again cannot pay twice",
            body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("session" = [])))]
pub(crate) async fn send(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(send): ApiJson<Send>,
) -> Result<Json<CaseView>, ApiError> {
    let view = web
        .app
        .send_refund(&caller.actor, &id, send.payment_reference.as_deref(), &key)
        .await?;
    Ok(Json(view))
}

/// How a sent refund ended.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settle {
    /// Why the payment failed; absent when the money arrived.
    #[serde(default)]
    failure: Option<String>,
}

/// The money arrived, or the payment failed.
///
/// Who: finance.
#[utoipa::path(post, path = "/api/v1/refunds/{id}/settle", tag = "refunds",
    params(CaseId, IdempotencyKey), request_body(content = StepBody<Settle>),
    responses((status = 200, body = CaseView)), security(("session" = [])))]
pub(crate) async fn settle(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    IdempotencyKey(key): IdempotencyKey,
    body: StepBody<Settle>,
) -> Result<Json<CaseView>, ApiError> {
    let view = web
        .app
        .settle_refund(&caller.actor, &id, body.fields.failure, &key)
        .await?;
    Ok(Json(view))
}
