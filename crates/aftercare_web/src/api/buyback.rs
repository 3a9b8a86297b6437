//! The buyback program: the application with its quote, parcels that arrived without an RMA, and
//! each step of the case from grading to payment. Which role may take a step, and in which
//! state, is the buyback machine's.

use aftercare_app::{BuybackAction, BuybackRequest};
use aftercare_core::Percent;
use aftercare_core::cases::rma::ReturnLine;
use aftercare_core::facts::Condition;
use aftercare_store::CaseKind;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;

use super::types::{Address, CaseId, CaseOut, SubmittedOut, Tracking};
use crate::auth::Caller;
use crate::extract::{ApiJson, Nothing, StepBody};
use crate::{ApiError, Web};

/// Apply for buyback: answers the decision and quote at once.
///
/// 201 with the case when the program applies, 200 with the decision alone (a return may be
/// recommended instead). Who: the customer, for their own order.
#[utoipa::path(post, path = "/api/v1/buyback", tag = "buyback", request_body(content = BuybackRequest),
    responses(
        (status = 201, description = "The case is open with its quote", body = SubmittedOut),
        (status = 200, description = "No case: the decision says why", body = SubmittedOut),
    ),
    security(("session" = [])))]
pub(crate) async fn create(
    State(web): State<Web>,
    caller: Caller,
    ApiJson(request): ApiJson<BuybackRequest>,
) -> Result<Response, ApiError> {
    let submitted = web.app.apply_for_buyback(&caller.actor, &request).await?;
    Ok(SubmittedOut::response(&web.app, submitted))
}

/// A parcel that arrived without an RMA (III.2).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Parcel {
    order_number: String,
    #[schema(min_items = 1)]
    lines: Vec<ReturnLine>,
    /// Ids of photos from `POST /api/v1/evidence`.
    #[serde(default)]
    photos: Vec<String>,
}

/// A parcel arrived without an RMA: open a buyback case.
///
/// Who: warehouse.
#[utoipa::path(post, path = "/api/v1/buyback/parcels", tag = "buyback", request_body(content = Parcel),
    responses((status = 201, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn parcel_without_rma(
    State(web): State<Web>,
    caller: Caller,
    ApiJson(parcel): ApiJson<Parcel>,
) -> Result<Response, ApiError> {
    let case = web
        .app
        .open_buyback_for_parcel(
            &caller.actor,
            &parcel.order_number,
            parcel.lines,
            parcel.photos,
        )
        .await?;
    Ok((StatusCode::CREATED, CaseOut::json(&web.app, &case)).into_response())
}

/// A buyback case.
///
/// Who: the customer whose case it is, staff.
#[utoipa::path(get, path = "/api/v1/buyback/{id}", tag = "buyback", params(CaseId),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn get(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
) -> Result<Json<CaseOut>, ApiError> {
    super::cases::of_kind(&web, &caller, &id, CaseKind::Buyback).await
}

/// Takes a step on the buyback the path names.
async fn step<T>(
    web: &Web,
    caller: &Caller,
    id: &str,
    body: StepBody<T>,
    action: BuybackAction,
) -> Result<Json<CaseOut>, ApiError> {
    let case = web
        .app
        .act_on_buyback(&caller.actor, id, body.version, action, body.note)
        .await?;
    Ok(CaseOut::json(&web.app, &case))
}

/// The condition the warehouse found.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GradeIn {
    condition: Condition,
}

/// Grade goods the warehouse holds.
///
/// A parcel without RMA, or a return's goods: the policy's grading becomes the suggested quote.
/// Who: warehouse.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/grade", tag = "buyback", params(CaseId),
    request_body(content = StepBody<GradeIn>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn grade(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<GradeIn>,
) -> Result<Json<CaseOut>, ApiError> {
    let condition = body.fields.condition;
    step(&web, &caller, &id, body, BuybackAction::Grade { condition }).await
}

/// The percentage an agent quotes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuoteIn {
    /// A percentage of the price paid; absent: the evaluator's. One outside the usual range
    /// needs a `note` saying why.
    #[serde(default)]
    percent: Option<Percent>,
}

/// Quote: the evaluator's percentage, or another with a note.
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/quote", tag = "buyback", params(CaseId),
    request_body(content = StepBody<QuoteIn>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn quote(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<QuoteIn>,
) -> Result<Json<CaseOut>, ApiError> {
    // The step's note is the quote's reason, as in the console.
    let action = BuybackAction::Quote {
        percent: body.fields.percent,
        note: body.note.clone(),
    };
    step(&web, &caller, &id, body, action).await
}

/// Accept the quote.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/accept", tag = "buyback", params(CaseId),
    request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn accept(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    step(&web, &caller, &id, body, BuybackAction::Accept).await
}

/// Decline the quote.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/decline", tag = "buyback", params(CaseId),
    request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn decline(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    step(&web, &caller, &id, body, BuybackAction::Decline).await
}

/// Expire an unanswered quote.
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/expire", tag = "buyback", params(CaseId),
    request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn expire(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    step(&web, &caller, &id, body, BuybackAction::Expire).await
}

/// The customer's tracking number.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/ship", tag = "buyback", params(CaseId),
    request_body(content = StepBody<Tracking>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn ship(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    mut body: StepBody<Tracking>,
) -> Result<Json<CaseOut>, ApiError> {
    let tracking_number = std::mem::take(&mut body.fields.tracking_number);
    let action = BuybackAction::MarkShipped { tracking_number };
    step(&web, &caller, &id, body, action).await
}

/// The goods arrived.
///
/// Who: warehouse.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/receive", tag = "buyback", params(CaseId),
    request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn receive(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    step(&web, &caller, &id, body, BuybackAction::Receive).await
}

/// Inspection confirms the quote.
///
/// Who: warehouse.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/confirm", tag = "buyback", params(CaseId),
    request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn confirm(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    step(&web, &caller, &id, body, BuybackAction::Confirm).await
}

/// A revised offer after inspection.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Revise {
    /// The new amount, as text in the order's currency ("85.00").
    amount: String,
    reasons: Vec<String>,
    /// Ids of photos from `POST /api/v1/evidence`.
    #[serde(default)]
    photos: Vec<String>,
}

/// Revise the offer after inspection.
///
/// Who: warehouse.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/revise", tag = "buyback", params(CaseId),
    request_body(content = StepBody<Revise>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn revise(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    mut body: StepBody<Revise>,
) -> Result<Json<CaseOut>, ApiError> {
    let action = BuybackAction::Revise {
        amount: std::mem::take(&mut body.fields.amount),
        reasons: std::mem::take(&mut body.fields.reasons),
        photos: std::mem::take(&mut body.fields.photos),
    };
    step(&web, &caller, &id, body, action).await
}

/// Accept the revised offer.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/accept-revision", tag = "buyback",
    params(CaseId), request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn accept_revision(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    step(&web, &caller, &id, body, BuybackAction::AcceptRevision).await
}

/// Decline the revised offer and have the goods sent back.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/ask-for-item-back", tag = "buyback",
    params(CaseId), request_body(content = StepBody<Address>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn ask_for_item_back(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    mut body: StepBody<Address>,
) -> Result<Json<CaseOut>, ApiError> {
    let address = std::mem::take(&mut body.fields.address);
    let action = BuybackAction::AskForItemBack { address };
    step(&web, &caller, &id, body, action).await
}

/// Record the payout.
///
/// Who: finance.
#[utoipa::path(post, path = "/api/v1/buyback/{id}/mark-paid", tag = "buyback", params(CaseId),
    request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn mark_paid(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    step(&web, &caller, &id, body, BuybackAction::MarkPaid).await
}
