//! Cases of every kind: one case, its history, and the staff's queue of open cases.

use aftercare_app::AppError;
use aftercare_store::{CaseKind, EventRecord, QueueCursor, QueueQuery};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

use super::types::{CaseId, CaseOut, Items, Page};
use super::{bad_cursor, bad_query, page_limit};
use crate::auth::{Caller, require_staff};
use crate::extract::invalid;
use crate::{ApiError, Web};

/// The case, when it is of `kind`: a return's id under `/buyback/` is not found.
pub(crate) async fn of_kind(
    web: &Web,
    caller: &Caller,
    id: &str,
    kind: CaseKind,
) -> Result<Json<CaseOut>, ApiError> {
    let case = web.app.case(&caller.actor, id).await?;
    if case.kind != kind {
        return Err(ApiError::App(AppError::NotFound("case")));
    }
    Ok(CaseOut::json(&web.app, &case))
}

/// Any case.
///
/// Who: the customer whose case it is, staff.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases", params(CaseId),
    responses((status = 200, body = CaseOut)), security(("session" = [])))]
pub(crate) async fn get(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
) -> Result<Json<CaseOut>, ApiError> {
    Ok(CaseOut::json(
        &web.app,
        &web.app.case(&caller.actor, &id).await?,
    ))
}

/// One entry of a case's history.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct EventOut {
    seq: i64,
    /// What happened: `requested`, `approved`, `received`...
    kind: String,
    at: Timestamp,
    /// Who acted: staff see the person's id and roles, customers the roles only.
    #[schema(value_type = Object)]
    actor: Value,
    /// Why, in the words of whoever acted.
    reason: Option<String>,
    /// The step's details as recorded.
    data: Value,
}

/// A case's history, oldest first: who, when, why.
///
/// Customers see who acted by role only; staff see the person's id. Who: the customer whose
/// case it is, staff.
#[utoipa::path(get, path = "/api/v1/cases/{id}/timeline", tag = "cases", params(CaseId),
    responses((status = 200, body = Items<EventOut>)), security(("session" = [])))]
pub(crate) async fn timeline(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
) -> Result<Json<Items<EventOut>>, ApiError> {
    let events = web.app.timeline(&caller.actor, &id).await?;
    let staff = caller.is_staff();
    let items = events
        .into_iter()
        .map(|e: EventRecord| EventOut {
            seq: e.seq,
            kind: e.kind,
            at: e.at,
            actor: if staff {
                e.actor
            } else {
                json!({"roles": e.actor.get("roles").cloned().unwrap_or(Value::Null)})
            },
            reason: e.reason,
            data: e.data,
        })
        .collect();
    Ok(Json(Items { items }))
}

/// Which open cases, and which page of them.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct QueueParams {
    /// order, return, buyback, refund or appeal.
    #[serde(default)]
    kind: Option<String>,
    /// The step cases are at (`requested`, `received`...).
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    order_number: Option<String>,
    #[serde(default)]
    rma: Option<String>,
    /// The customer's e-mail.
    #[serde(default)]
    email: Option<String>,
    /// Order number, RMA number, e-mail or part of the customer's name.
    #[serde(default)]
    q: Option<String>,
    /// The `next_cursor` of the page before.
    #[serde(default)]
    cursor: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    #[serde(default)]
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// An open case in the queue: what a list shows, without the case's decision and history
/// (`GET /api/v1/cases/{id}` has them), so that a page stays light.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct QueueRow {
    id: String,
    /// `order`, `return`, `refund`, `buyback`, `appeal` or `parcel`.
    kind: &'static str,
    order_number: String,
    customer_email: String,
    /// The step the case waits at.
    state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rma: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tracking_number: Option<String>,
    /// A refund's amount, in the order currency's minor units.
    #[serde(skip_serializing_if = "Option::is_none")]
    amount_minor: Option<i64>,
    deadline: Option<jiff::civil::Date>,
    /// The deadline was counted through a year whose official holiday notice is not in the
    /// calendar yet: it may still move.
    deadline_provisional: bool,
    is_open: bool,
    /// The case's version, for a step's `version`.
    version: i64,
    created_at: Timestamp,
    updated_at: Timestamp,
    /// The deadline has passed.
    overdue: bool,
    /// What the carrier said, when the newest tracking event of the case's parcel is an
    /// exception or a return to sender (I.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    carrier_problem: Option<String>,
}

/// Open cases, oldest deadline first, with overdue marks.
///
/// Filters by kind, state, order number, RMA, e-mail and `q` (order number, RMA, e-mail or part
/// of the name); `cursor` from `next_cursor`. Who: staff.
#[utoipa::path(get, path = "/api/v1/queue", tag = "cases", params(QueueParams),
    responses((status = 200, body = Page<QueueRow>)), security(("session" = [])))]
pub(crate) async fn queue(
    State(web): State<Web>,
    caller: Caller,
    params: Result<Query<QueueParams>, QueryRejection>,
) -> Result<Json<Page<QueueRow>>, ApiError> {
    require_staff(&caller)?;
    let Query(p) = params.map_err(bad_query)?;
    let kind = match p.kind.as_deref() {
        None | Some("") => None,
        Some(k) => Some(
            CaseKind::parse(k)
                .ok_or_else(|| invalid("kind", "one of order, return, buyback, refund, appeal"))?,
        ),
    };
    let after = match p.cursor.as_deref() {
        None | Some("") => None,
        Some(c) => {
            let (deadline, id) = c.split_once('_').ok_or_else(bad_cursor)?;
            let deadline = match deadline {
                "none" => None,
                d => Some(d.parse().map_err(|_| bad_cursor())?),
            };
            Some(QueueCursor {
                deadline,
                id: id.to_owned(),
            })
        }
    };
    let limit = page_limit(p.limit)?;
    let query = QueueQuery {
        kind,
        state: p.state.filter(|s| !s.is_empty()),
        customer_email: p
            .email
            .filter(|s| !s.is_empty())
            .map(|e| e.trim().to_ascii_lowercase()),
        order_number: p.order_number.filter(|s| !s.is_empty()),
        rma: p.rma.filter(|s| !s.is_empty()),
        search: p.q.filter(|s| !s.trim().is_empty()),
        after,
        limit,
        without_data: true,
        ..QueueQuery::default()
    };
    let rows = web.app.queue(&caller.actor, &query).await?;
    let next_cursor = (rows.len() == limit as usize)
        .then(|| rows.last())
        .flatten()
        .map(|r| {
            format!(
                "{}_{}",
                r.case
                    .deadline
                    .map_or_else(|| "none".to_owned(), |d| d.to_string()),
                r.case.id
            )
        });
    let items = rows
        .iter()
        .map(|r| QueueRow {
            id: r.case.id.clone(),
            kind: r.case.kind.as_str(),
            order_number: r.case.order_number.clone(),
            customer_email: r.case.customer_email.clone(),
            state: r.case.state.clone(),
            rma: r.case.rma.clone(),
            tracking_number: r.case.tracking_number.clone(),
            amount_minor: r.case.amount_minor,
            deadline: r.case.deadline,
            deadline_provisional: web.app.deadline_provisional(&r.case),
            is_open: r.case.is_open,
            version: r.case.version,
            created_at: r.case.created_at,
            updated_at: r.case.updated_at,
            overdue: r.overdue,
            carrier_problem: r.carrier_problem.clone(),
        })
        .collect();
    Ok(Json(Page { items, next_cursor }))
}
