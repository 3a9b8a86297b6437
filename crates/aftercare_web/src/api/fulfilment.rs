//! The order's fulfilment (I, II, III.5): each step from verifying the payment to signing, a
//! parcel returned to sender, customs, cancelling. Staff take them with a session; the shop's
//! store reports its own with its key. Which role may take a step, and in which state, is the
//! order machine's.

use aftercare_core::Money;
use aftercare_core::cases::order::{OrderCommand, ReturnedReason, Shipment, ShortageAnswer};
use axum::Json;
use axum::extract::{Path, State};
use jiff::Timestamp;
use serde::Deserialize;
use utoipa::ToSchema;

use super::types::{CaseOut, OrderNumber};
use crate::auth::{Caller, StoreCaller};
use crate::extract::{Nothing, StepBody};
use crate::{ApiError, Web};

/// Takes a step on the fulfilment of the order the path names.
async fn step<T>(
    web: &Web,
    caller: &Caller,
    number: &str,
    body: StepBody<T>,
    command: OrderCommand,
) -> Result<Json<CaseOut>, ApiError> {
    let case = web
        .app
        .act_on_order(&caller.actor, number, body.version, command, body.note)
        .await?;
    Ok(CaseOut::json(&web.app, &case))
}

/// What the customer is asked about a missing accessory.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Message {
    message: String,
}

/// Photos or videos of the assembled product.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Media {
    /// Ids from `POST /api/v1/evidence`.
    media: Vec<String>,
}

/// What the customer would like changed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Comment {
    comment: String,
}

/// The signing, as the carrier reports it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Sign {
    signed_at: Timestamp,
    /// Damage was recorded with the carrier at signing (I.6).
    #[serde(default)]
    damage_noted: bool,
    /// Ids of photos of the damage from `POST /api/v1/evidence`.
    #[serde(default)]
    evidence: Vec<String>,
}

/// Why the parcel came back.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Returned {
    reason: ReturnedReason,
}

/// A returned parcel shipped again: the second international shipping fee the customer paid
/// (III.5).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReshipIn {
    second_shipping_fee: Money,
}

/// A returned parcel refunded: the return processing fee deducted (III.5).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settlement {
    return_processing_fee: Money,
}

/// The body of a step whose `note` is its text, and so required.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(
    dead_code,
    reason = "describes the body for the document; it is read as a StepBody"
)]
pub(crate) struct Explained {
    /// The case's version as the caller last read it.
    #[schema(minimum = 1)]
    version: Option<i64>,
    /// What happened, in the words of whoever reports it.
    #[schema(min_length = 1, max_length = 2000)]
    note: String,
}

/// Why the order is cancelled.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CancelIn {
    reason: String,
}

/// Verify the payment.
///
/// Who: agent, the store's key.
#[utoipa::path(post, path = "/api/v1/orders/{number}/verify-payment", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn verify_payment(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::VerifyPayment;
    step(&web, &caller, &number, body, command).await
}

/// Ask the customer about a missing accessory (I.1).
///
/// Who: agent, warehouse.
#[utoipa::path(post, path = "/api/v1/orders/{number}/report-shortage", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Message>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn report_shortage(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    mut body: StepBody<Message>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::ReportShortage {
        message: std::mem::take(&mut body.fields.message),
    };
    step(&web, &caller, &number, body, command).await
}

/// Answer the accessory-shortage question.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/answer-shortage", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<ShortageAnswer>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn answer_shortage(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<ShortageAnswer>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::AnswerShortage(body.fields.clone());
    step(&web, &caller, &number, body, command).await
}

/// Start assembly.
///
/// Who: warehouse, agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/start-assembly", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn start_assembly(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::StartAssembly;
    step(&web, &caller, &number, body, command).await
}

/// Send photos or videos of the assembled product for approval (I.2).
///
/// Who: warehouse, agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/submit-assembly-media", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Media>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn submit_assembly_media(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    mut body: StepBody<Media>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::SubmitAssemblyMedia {
        media: std::mem::take(&mut body.fields.media),
    };
    step(&web, &caller, &number, body, command).await
}

/// The customer approves the assembly photos.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/approve-photos", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn approve_photos(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::ApprovePhotos;
    step(&web, &caller, &number, body, command).await
}

/// The customer questions the assembly photos.
///
/// Who: customer, agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/request-changes", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Comment>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn request_changes(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    mut body: StepBody<Comment>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::RequestChanges {
        comment: std::mem::take(&mut body.fields.comment),
    };
    step(&web, &caller, &number, body, command).await
}

/// Pack.
///
/// Who: warehouse.
#[utoipa::path(post, path = "/api/v1/orders/{number}/pack", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn pack(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::Pack;
    step(&web, &caller, &number, body, command).await
}

/// Ship with carrier and tracking.
///
/// Who: warehouse, the store's key.
#[utoipa::path(post, path = "/api/v1/orders/{number}/ship", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Shipment>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn ship(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Shipment>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::Ship(body.fields.clone());
    step(&web, &caller, &number, body, command).await
}

/// Record the signing, and damage noted at signing.
///
/// Who: the store's key, agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/sign", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Sign>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn sign(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    mut body: StepBody<Sign>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::Sign {
        signed_at: body.fields.signed_at,
        damage_noted: body.fields.damage_noted,
        evidence: std::mem::take(&mut body.fields.evidence),
    };
    step(&web, &caller, &number, body, command).await
}

/// The parcel came back undelivered (III.5).
///
/// Who: warehouse, agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/returned-to-sender", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Returned>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn returned_to_sender(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Returned>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::ReturnedToSender {
        reason: body.fields.reason,
    };
    step(&web, &caller, &number, body, command).await
}

/// Ship a returned parcel again, for the second shipping fee the customer paid (III.5).
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/reship", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<ReshipIn>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn reship(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<ReshipIn>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::Reship {
        second_shipping_fee: body.fields.second_shipping_fee,
    };
    step(&web, &caller, &number, body, command).await
}

/// Refund a returned parcel after deductions (III.5).
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/settle-returned-parcel", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Settlement>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn settle_returned_parcel(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Settlement>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::SettleReturnedParcel {
        return_processing_fee: body.fields.return_processing_fee,
    };
    step(&web, &caller, &number, body, command).await
}

/// Customs holds the parcel; the `note` says why.
///
/// Who: agent, the store's key.
#[utoipa::path(post, path = "/api/v1/orders/{number}/hold-at-customs", tag = "fulfilment",
    params(OrderNumber), request_body(content = Explained),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn hold_at_customs(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::HoldAtCustoms {
        note: body.required_note()?,
    };
    step(&web, &caller, &number, body, command).await
}

/// Customs released the parcel.
///
/// Who: agent, the store's key.
#[utoipa::path(post, path = "/api/v1/orders/{number}/release-from-customs", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<Nothing>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn release_from_customs(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::ReleaseFromCustoms;
    step(&web, &caller, &number, body, command).await
}

/// Customs destroyed the parcel; the `note` says why (II).
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/destroyed-at-customs", tag = "fulfilment",
    params(OrderNumber), request_body(content = Explained),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn destroyed_at_customs(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    body: StepBody<Nothing>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::DestroyedAtCustoms {
        note: body.required_note()?,
    };
    step(&web, &caller, &number, body, command).await
}

/// Cancel the order.
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/orders/{number}/cancel", tag = "fulfilment",
    params(OrderNumber), request_body(content = StepBody<CancelIn>),
    responses((status = 200, body = CaseOut)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn cancel(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    mut body: StepBody<CancelIn>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = OrderCommand::Cancel {
        reason: std::mem::take(&mut body.fields.reason),
    };
    step(&web, &caller, &number, body, command).await
}
