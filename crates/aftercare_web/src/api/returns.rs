//! Returns (III): the request with its decision, and each step of the case from review to the
//! choice after a failed inspection. Which role may take a step, and in which state, is the
//! return machine's.

use aftercare_app::{ReturnAction, ReturnRequest};
use aftercare_core::cases::rma::{ReceivedLine, ReceptionOutcome, ReturnLine};
use aftercare_store::CaseKind;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use utoipa::ToSchema;

use super::types::{Address, CaseId, CaseOut, Reasons, SubmittedOut, Tracking};
use crate::auth::Caller;
use crate::extract::{ApiJson, Nothing, StepBody};
use crate::{ApiError, Web};

/// Request a return: answers the decision at once and opens the case when eligible.
///
/// The answer carries the policy's outcome, reasons, clauses, refund estimate and deadlines;
/// 201 with the case when one was opened, 200 with the decision alone. Who: the customer, for
/// their own order.
#[utoipa::path(post, path = "/api/v1/returns", tag = "returns",
    request_body(content = ReturnRequest),
    responses(
        (status = 201, description = "Eligible: the case is open", body = SubmittedOut),
        (status = 200, description = "Not eligible: the decision says why", body = SubmittedOut),
    ),
    security(("session" = [])))]
pub(crate) async fn create(
    State(web): State<Web>,
    caller: Caller,
    ApiJson(request): ApiJson<ReturnRequest>,
) -> Result<Response, ApiError> {
    let submitted = web.app.submit_return(&caller.actor, &request).await?;
    Ok(SubmittedOut::response(&web.app, submitted))
}

/// A return case.
///
/// Who: the customer whose case it is, staff.
#[utoipa::path(get, path = "/api/v1/returns/{id}", tag = "returns", params(CaseId),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn get(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
) -> Result<Json<CaseOut>, ApiError> {
    super::cases::of_kind(&web, &caller, &id, CaseKind::Return).await
}

/// Takes a step on the return the path names.
async fn step<T>(
    web: &Web,
    caller: &Caller,
    id: &str,
    body: StepBody<T>,
    action: ReturnAction,
) -> Result<Json<CaseOut>, ApiError> {
    let case = web
        .app
        .act_on_return(&caller.actor, id, body.version, action, body.note)
        .await?;
    Ok(CaseOut::json(&web.app, &case))
}

/// Approve: issues the RMA number, return address and instructions.
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/returns/{id}/approve", tag = "returns", params(CaseId),
    request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn approve(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    step(&web, &caller, &id, body, ReturnAction::Approve).await
}

/// Reject with reasons.
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/returns/{id}/reject", tag = "returns", params(CaseId),
    request_body(content = StepBody<Reasons>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn reject(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Reasons>,
) -> Result<Json<CaseOut>, ApiError> {
    let reasons = body.fields.reasons.clone();
    step(&web, &caller, &id, body, ReturnAction::Reject { reasons }).await
}

/// Send to the buyback program, with reasons.
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/returns/{id}/send-to-buyback", tag = "returns",
    params(CaseId), request_body(content = StepBody<Reasons>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn send_to_buyback(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Reasons>,
) -> Result<Json<CaseOut>, ApiError> {
    let reasons = body.fields.reasons.clone();
    let action = ReturnAction::SendToBuyback { reasons };
    step(&web, &caller, &id, body, action).await
}

/// The customer's return tracking number.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/returns/{id}/ship", tag = "returns", params(CaseId),
    request_body(content = StepBody<Tracking>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn ship(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Tracking>,
) -> Result<Json<CaseOut>, ApiError> {
    let tracking_number = body.fields.tracking_number.clone();
    let action = ReturnAction::MarkShipped { tracking_number };
    step(&web, &caller, &id, body, action).await
}

/// What arrived of a returned parcel.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Receive {
    /// Units received and damaged, per line.
    lines: Vec<ReceivedLine>,
    outcome: ReceptionOutcome,
}

/// The parcel arrived: quantities received and damaged.
///
/// Who: warehouse.
#[utoipa::path(post, path = "/api/v1/returns/{id}/receive", tag = "returns", params(CaseId),
    request_body(content = StepBody<Receive>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn receive(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    mut body: StepBody<Receive>,
) -> Result<Json<CaseOut>, ApiError> {
    let action = ReturnAction::Receive {
        lines: std::mem::take(&mut body.fields.lines),
        outcome: body.fields.outcome,
    };
    step(&web, &caller, &id, body, action).await
}

/// What a passed inspection found.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Inspected {
    /// The return costs the warehouse confirms from the customer's receipt (III.2), as text in
    /// the order's currency ("18.50"); none when absent. Capped by the policy.
    #[serde(default)]
    return_costs: Option<String>,
    /// Units the inspection found damaged, per line, where it judges otherwise than the
    /// reception; damaged units go where the policy sends them (a buyback case).
    #[serde(default)]
    damaged: Vec<ReturnLine>,
}

/// Inspection passed: the refund follows the policy.
///
/// The return costs are confirmed from the receipt; units found damaged go to buyback. Who:
/// warehouse.
#[utoipa::path(post, path = "/api/v1/returns/{id}/pass-inspection", tag = "returns",
    params(CaseId), request_body(content = StepBody<Inspected>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn pass_inspection(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    mut body: StepBody<Inspected>,
) -> Result<Json<CaseOut>, ApiError> {
    let action = ReturnAction::PassInspection {
        return_costs: body.fields.return_costs.take(),
        damaged: std::mem::take(&mut body.fields.damaged),
    };
    step(&web, &caller, &id, body, action).await
}

/// Why an inspection failed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Failed {
    reasons: Vec<String>,
    /// Ids of photos from `POST /api/v1/evidence`.
    #[serde(default)]
    photos: Vec<String>,
}

/// Inspection failed, with reasons and photos.
///
/// Who: warehouse.
#[utoipa::path(post, path = "/api/v1/returns/{id}/fail-inspection", tag = "returns",
    params(CaseId), request_body(content = StepBody<Failed>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn fail_inspection(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    mut body: StepBody<Failed>,
) -> Result<Json<CaseOut>, ApiError> {
    let action = ReturnAction::FailInspection {
        reasons: std::mem::take(&mut body.fields.reasons),
        photos: std::mem::take(&mut body.fields.photos),
    };
    step(&web, &caller, &id, body, action).await
}

/// After a failed inspection: send the goods back to the address given.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/returns/{id}/choose-send-back", tag = "returns",
    params(CaseId), request_body(content = StepBody<Address>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn choose_send_back(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Address>,
) -> Result<Json<CaseOut>, ApiError> {
    let address = body.fields.address.clone();
    let action = ReturnAction::ChooseSendBack { address };
    step(&web, &caller, &id, body, action).await
}

/// After a failed inspection: go to buyback.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/returns/{id}/choose-buyback", tag = "returns",
    params(CaseId), request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn choose_buyback(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    step(&web, &caller, &id, body, ReturnAction::ChooseBuyback).await
}
