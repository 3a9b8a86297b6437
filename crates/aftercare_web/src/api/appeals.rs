//! Appeals (IV): a customer appeals against a result within its deadline; an agent rechecks and
//! gives the final opinion, or records a mediation.

use aftercare_app::AppealRequest;
use aftercare_core::cases::appeal::AppealCommand;
use aftercare_store::CaseKind;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::types::{CaseId, CaseOut};
use crate::auth::Caller;
use crate::extract::{ApiJson, StepBody};
use crate::{ApiError, Web};

/// Appeal against a result within the appeal window.
///
/// Who: the customer, for their own case.
#[utoipa::path(post, path = "/api/v1/appeals", tag = "appeals", request_body(content = AppealRequest),
    responses((status = 201, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn create(
    State(web): State<Web>,
    caller: Caller,
    ApiJson(request): ApiJson<AppealRequest>,
) -> Result<Response, ApiError> {
    let case = web.app.file_appeal(&caller.actor, &request).await?;
    Ok((StatusCode::CREATED, CaseOut::json(&web.app, &case)).into_response())
}

/// An appeal case.
///
/// Who: the customer whose case it is, staff.
#[utoipa::path(get, path = "/api/v1/appeals/{id}", tag = "appeals", params(CaseId),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn get(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
) -> Result<Json<CaseOut>, ApiError> {
    super::cases::of_kind(&web, &caller, &id, CaseKind::Appeal).await
}

/// Decides the appeal the path names. An appeal's note is its opinion, so the step's `note`
/// is not kept apart.
async fn decide<T>(
    web: &Web,
    caller: &Caller,
    id: &str,
    body: &StepBody<T>,
    command: AppealCommand,
) -> Result<Json<CaseOut>, ApiError> {
    let case = web
        .app
        .act_on_appeal(&caller.actor, id, body.version, command)
        .await?;
    Ok(CaseOut::json(&web.app, &case))
}

/// The recheck's final opinion.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Opinion {
    opinion: String,
}

/// Uphold the result with a final opinion.
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/appeals/{id}/uphold", tag = "appeals", params(CaseId),
    request_body(content = StepBody<Opinion>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn uphold(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    mut body: StepBody<Opinion>,
) -> Result<Json<CaseOut>, ApiError> {
    let opinion = std::mem::take(&mut body.fields.opinion);
    decide(&web, &caller, &id, &body, AppealCommand::Uphold { opinion }).await
}

/// A changed result: the opinion and what it corrects.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Change {
    opinion: String,
    /// What the recheck corrects: `{"refund": "45.00"}` (the corrected total of a return's
    /// refund, in the order's currency) or `{"quote_percent": "60"}` for a buyback quote.
    correction: Value,
}

/// Change the result: a refund or quote correction.
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/appeals/{id}/change", tag = "appeals", params(CaseId),
    request_body(content = StepBody<Change>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn change(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    mut body: StepBody<Change>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = AppealCommand::Change {
        opinion: std::mem::take(&mut body.fields.opinion),
        correction: body.fields.correction.take(),
    };
    decide(&web, &caller, &id, &body, command).await
}

/// A mediation's record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Mediation {
    mediator: String,
    notes: String,
}

/// Record a mediation.
///
/// Who: agent.
#[utoipa::path(post, path = "/api/v1/appeals/{id}/mediation", tag = "appeals", params(CaseId),
    request_body(content = StepBody<Mediation>),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn mediation(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    mut body: StepBody<Mediation>,
) -> Result<Json<CaseOut>, ApiError> {
    let command = AppealCommand::RecordMediation {
        mediator: std::mem::take(&mut body.fields.mediator),
        notes: std::mem::take(&mut body.fields.notes),
    };
    decide(&web, &caller, &id, &body, command).await
}
