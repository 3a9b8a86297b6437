//! The JSON API for people and systems: orders and their fulfilment steps, returns, buyback,
//! refunds, appeals, queues and timelines. Each action is its own endpoint; which roles may take
//! it, and in which state, is decided by the app and the core's case machines, never here.

use aftercare_app::{
    AppError, AppealRequest, BuybackAction, BuybackRequest, CaseView, ReturnAction, ReturnRequest,
    Submitted,
};
use aftercare_core::Money;
use aftercare_core::Percent;
use aftercare_core::cases::appeal::AppealCommand;
use aftercare_core::cases::order::{OrderCommand, ReturnedReason, Shipment, ShortageAnswer};
use aftercare_core::cases::rma::{ReceivedLine, ReceptionOutcome, ReturnLine};
use aftercare_store::{CaseKind, CaseRecord, EventRecord, OrderRecord, QueueCursor, QueueQuery};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::auth::{Caller, Credentials, StoreCaller, require_staff};
use crate::store_api::parse_json;
use crate::{ApiError, ServerApp, Web};

/// Longest idempotency key accepted.
const MAX_KEY_LEN: usize = 200;

/// The `Idempotency-Key` header a money-moving request must carry.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .ok_or(ApiError::MissingHeader("Idempotency-Key"))?;
    if key.len() > MAX_KEY_LEN {
        return Err(ApiError::App(AppError::Invalid {
            field: "Idempotency-Key".into(),
            message: format!("at most {MAX_KEY_LEN} characters"),
        }));
    }
    Ok(key.to_owned())
}

/// An action's body: the action's own fields plus the optional `version` the caller last saw
/// (a stale one is refused with 409) and a `note` kept in the history with the step.
struct ActionBody {
    version: Option<i64>,
    note: Option<String>,
    rest: Value,
}

fn action_body(body: Result<Bytes, BytesRejection>) -> Result<ActionBody, ApiError> {
    let body = body.map_err(|r| ApiError::Status(r.status()))?;
    let mut value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        parse_json(Ok(body))?
    };
    let Some(object) = value.as_object_mut() else {
        return Err(ApiError::App(AppError::Invalid {
            field: String::new(),
            message: "the body must be a JSON object".into(),
        }));
    };
    let version = match object.remove("version") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_i64().is_some_and(|v| v > 0) => n.as_i64(),
        Some(_) => {
            return Err(ApiError::App(AppError::Invalid {
                field: "version".into(),
                message: "must be the case's version, a positive whole number".into(),
            }));
        }
    };
    let note = match object.remove("note") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.chars().count() <= 2000 => Some(s),
        Some(_) => {
            return Err(ApiError::App(AppError::Invalid {
                field: "note".into(),
                message: "must be text of at most 2000 characters".into(),
            }));
        }
    };
    Ok(ActionBody {
        version,
        note,
        rest: value,
    })
}

impl ActionBody {
    /// The note, for steps where it is required (it is then both the step's text and the
    /// history's reason).
    fn required_note(&self) -> Result<String, ApiError> {
        self.fields::<Nothing>()?;
        self.note
            .clone()
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| {
                ApiError::App(AppError::Invalid {
                    field: "note".into(),
                    message: "say what happened".into(),
                })
            })
    }

    /// The action's own fields as `T`, naming the offending field on failure.
    fn fields<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        let bytes =
            serde_json::to_vec(&self.rest).map_err(|e| ApiError::Malformed(e.to_string()))?;
        parse_json(Ok(Bytes::from(bytes)))
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Nothing {}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Reasons {
    reasons: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tracking {
    tracking_number: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Inspected {
    /// The return costs the warehouse confirms from the customer's receipt (III.2), as text in
    /// the order's currency ("18.50"); none when absent. Capped by the policy.
    #[serde(default)]
    return_costs: Option<String>,
    /// Units the inspection found damaged, per line (`quantity`), where it judges otherwise
    /// than the reception; damaged units go where the policy sends them (a buyback case).
    #[serde(default)]
    #[schema(value_type = Vec<crate::openapi::LineDoc>)]
    damaged: Vec<aftercare_core::cases::rma::ReturnLine>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Receive {
    #[schema(value_type = Vec<crate::openapi::ReceivedLineDoc>)]
    lines: Vec<ReceivedLine>,
    #[schema(value_type = crate::openapi::ReceptionOutcomeDoc)]
    outcome: ReceptionOutcome,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Failed {
    reasons: Vec<String>,
    #[serde(default)]
    photos: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Address {
    address: String,
}

/// A case as the API answers it.
#[derive(Serialize)]
pub(crate) struct CaseOut {
    #[serde(flatten)]
    case: CaseView,
    customer_email: String,
    is_open: bool,
    deadline_provisional: bool,
    created_at: Timestamp,
    updated_at: Timestamp,
}

/// A case as the API answers it. `deadline_provisional` says its deadline was counted through a
/// year whose official holiday notice is not in the calendar yet: it may still move.
fn case_out(app: &ServerApp, c: &CaseRecord) -> CaseOut {
    CaseOut {
        case: CaseView::from(c),
        customer_email: c.customer_email.clone(),
        is_open: c.is_open,
        deadline_provisional: app.deadline_provisional(c),
        created_at: c.created_at,
        updated_at: c.updated_at,
    }
}

fn case_json(app: &ServerApp, c: &CaseRecord) -> Json<CaseOut> {
    Json(case_out(app, c))
}

fn submitted(app: &ServerApp, s: &Submitted) -> Response {
    let status = if s.case.is_some() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    (
        status,
        Json(json!({
            "decision": s.decision,
            "case": s.case.as_ref().map(|c| case_out(app, c)),
        })),
    )
        .into_response()
}

// ----- returns ---------------------------------------------------------------------------------

/// `POST /api/v1/returns`: asks the policy and, when eligible, opens the return case. The answer
/// carries the decision at once: outcome, reasons, clauses, refund estimate, deadlines.
pub(crate) async fn create_return(
    State(web): State<Web>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request: ReturnRequest = parse_json(body)?;
    Ok(submitted(
        &web.app,
        &web.app.submit_return(&caller.actor, &request).await?,
    ))
}

/// `POST /api/v1/returns/{id}/{action}`.
pub(crate) async fn return_action(
    State(web): State<Web>,
    caller: Caller,
    Path((id, action)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CaseOut>, ApiError> {
    let b = action_body(body)?;
    let action = match action.as_str() {
        "approve" => {
            b.fields::<Nothing>()?;
            ReturnAction::Approve
        }
        "reject" => ReturnAction::Reject {
            reasons: b.fields::<Reasons>()?.reasons,
        },
        "send-to-buyback" => ReturnAction::SendToBuyback {
            reasons: b.fields::<Reasons>()?.reasons,
        },
        "ship" => ReturnAction::MarkShipped {
            tracking_number: b.fields::<Tracking>()?.tracking_number,
        },
        "receive" => {
            let r: Receive = b.fields()?;
            ReturnAction::Receive {
                lines: r.lines,
                outcome: r.outcome,
            }
        }
        "pass-inspection" => {
            let inspected: Inspected = b.fields()?;
            ReturnAction::PassInspection {
                return_costs: inspected.return_costs,
                damaged: inspected.damaged,
            }
        }
        "fail-inspection" => {
            let f: Failed = b.fields()?;
            ReturnAction::FailInspection {
                reasons: f.reasons,
                photos: f.photos,
            }
        }
        "choose-send-back" => ReturnAction::ChooseSendBack {
            address: b.fields::<Address>()?.address,
        },
        "choose-buyback" => {
            b.fields::<Nothing>()?;
            ReturnAction::ChooseBuyback
        }
        _ => return Err(ApiError::NoRoute),
    };
    let case = web
        .app
        .act_on_return(&caller.actor, &id, b.version, action, b.note)
        .await?;
    Ok(case_json(&web.app, &case))
}

// ----- refunds ---------------------------------------------------------------------------------

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Grant {
    /// The return or buyback case whose result the refund pays.
    source_case: String,
}

/// `POST /api/v1/refunds` with `Idempotency-Key`: an agent grants the refund a return's
/// inspection (or a buyback's confirmation) gives. A replay answers the first answer.
pub(crate) async fn grant_refund(
    State(web): State<Web>,
    caller: Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let grant: Grant = parse_json(body)?;
    let view = web
        .app
        .grant_refund(&caller.actor, &grant.source_case, &key)
        .await?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Send {
    payment_reference: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settle {
    #[serde(default)]
    failure: Option<String>,
}

/// `POST /api/v1/refunds/{id}/send` and `/settle`, with `Idempotency-Key`.
pub(crate) async fn refund_action(
    State(web): State<Web>,
    caller: Caller,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CaseView>, ApiError> {
    let key = idempotency_key(&headers)?;
    let view = match action.as_str() {
        "send" => {
            let s: Send = parse_json(body)?;
            web.app
                .send_refund(&caller.actor, &id, &s.payment_reference, &key)
                .await?
        }
        "settle" => {
            let s: Settle = action_body(body)?.fields()?;
            web.app
                .settle_refund(&caller.actor, &id, s.failure, &key)
                .await?
        }
        _ => return Err(ApiError::NoRoute),
    };
    Ok(Json(view))
}

// ----- buyback ---------------------------------------------------------------------------------

/// `POST /api/v1/buyback`: a customer applies; the answer carries the decision and the quote.
pub(crate) async fn create_buyback(
    State(web): State<Web>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request: BuybackRequest = parse_json(body)?;
    Ok(submitted(
        &web.app,
        &web.app.apply_for_buyback(&caller.actor, &request).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Parcel {
    order_number: String,
    #[schema(value_type = Vec<crate::openapi::LineDoc>)]
    lines: Vec<ReturnLine>,
    #[serde(default)]
    photos: Vec<String>,
}

/// `POST /api/v1/buyback/parcels`: the warehouse records a parcel that arrived without an RMA;
/// it becomes a buyback case.
pub(crate) async fn parcel_without_rma(
    State(web): State<Web>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let p: Parcel = parse_json(body)?;
    let case = web
        .app
        .open_buyback_for_parcel(&caller.actor, &p.order_number, p.lines, p.photos)
        .await?;
    Ok((StatusCode::CREATED, case_json(&web.app, &case)).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuoteIn {
    /// A percentage of the price paid (e.g. "55"); default: the evaluator's.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    percent: Option<Percent>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Revise {
    amount: String,
    reasons: Vec<String>,
    #[serde(default)]
    photos: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GradeIn {
    /// The condition the warehouse found.
    #[schema(value_type = crate::openapi::ConditionDoc)]
    condition: aftercare_core::facts::Condition,
}

/// `POST /api/v1/buyback/{id}/{action}`.
pub(crate) async fn buyback_action(
    State(web): State<Web>,
    caller: Caller,
    Path((id, action)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CaseOut>, ApiError> {
    let b = action_body(body)?;
    let nothing = |a: BuybackAction| -> Result<BuybackAction, ApiError> {
        b.fields::<Nothing>()?;
        Ok(a)
    };
    let action = match action.as_str() {
        "quote" => {
            let q: QuoteIn = b.fields()?;
            BuybackAction::Quote {
                percent: q.percent,
                // The body's `note` is the quote's reason: a quote outside the usual range needs
                // one, as in the console.
                note: q.note.or_else(|| b.note.clone()),
            }
        }
        "grade" => BuybackAction::Grade {
            condition: b.fields::<GradeIn>()?.condition,
        },
        "accept" => nothing(BuybackAction::Accept)?,
        "decline" => nothing(BuybackAction::Decline)?,
        "ship" => BuybackAction::MarkShipped {
            tracking_number: b.fields::<Tracking>()?.tracking_number,
        },
        "receive" => nothing(BuybackAction::Receive)?,
        "confirm" => nothing(BuybackAction::Confirm)?,
        "revise" => {
            let r: Revise = b.fields()?;
            BuybackAction::Revise {
                amount: r.amount,
                reasons: r.reasons,
                photos: r.photos,
            }
        }
        "accept-revision" => nothing(BuybackAction::AcceptRevision)?,
        "ask-for-item-back" => BuybackAction::AskForItemBack {
            address: b.fields::<Address>()?.address,
        },
        "mark-paid" => nothing(BuybackAction::MarkPaid)?,
        "expire" => nothing(BuybackAction::Expire)?,
        _ => return Err(ApiError::NoRoute),
    };
    let case = web
        .app
        .act_on_buyback(&caller.actor, &id, b.version, action, b.note.clone())
        .await?;
    Ok(case_json(&web.app, &case))
}

// ----- appeals ---------------------------------------------------------------------------------

/// `POST /api/v1/appeals`: a customer appeals against a result within its deadline.
pub(crate) async fn create_appeal(
    State(web): State<Web>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request: AppealRequest = parse_json(body)?;
    let case = web.app.file_appeal(&caller.actor, &request).await?;
    Ok((StatusCode::CREATED, case_json(&web.app, &case)).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Opinion {
    opinion: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Change {
    opinion: String,
    correction: Value,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Mediation {
    mediator: String,
    notes: String,
}

/// `POST /api/v1/appeals/{id}/{action}`: uphold, change, mediation.
pub(crate) async fn appeal_action(
    State(web): State<Web>,
    caller: Caller,
    Path((id, action)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CaseOut>, ApiError> {
    let b = action_body(body)?;
    let command = match action.as_str() {
        "uphold" => AppealCommand::Uphold {
            opinion: b.fields::<Opinion>()?.opinion,
        },
        "change" => {
            let c: Change = b.fields()?;
            AppealCommand::Change {
                opinion: c.opinion,
                correction: c.correction,
            }
        }
        "mediation" => {
            let m: Mediation = b.fields()?;
            AppealCommand::RecordMediation {
                mediator: m.mediator,
                notes: m.notes,
            }
        }
        _ => return Err(ApiError::NoRoute),
    };
    let case = web
        .app
        .act_on_appeal(&caller.actor, &id, b.version, command)
        .await?;
    Ok(case_json(&web.app, &case))
}

// ----- orders ----------------------------------------------------------------------------------

#[derive(Serialize)]
pub(crate) struct OrderOut {
    number: String,
    customer_name: String,
    customer_email: String,
    currency: String,
    placed_at: Timestamp,
    policy_version: String,
    details: Value,
}

impl From<&OrderRecord> for OrderOut {
    fn from(o: &OrderRecord) -> Self {
        OrderOut {
            number: o.number.clone(),
            customer_name: o.customer_name.clone(),
            customer_email: o.customer_email.clone(),
            currency: o.currency.clone(),
            placed_at: o.placed_at,
            policy_version: o.policy_version.clone(),
            details: o.data.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageQuery {
    #[serde(default)]
    cursor: Option<String>,
    #[serde(default)]
    limit: Option<u32>,
}

fn bad_query(r: QueryRejection) -> ApiError {
    // serde's message names the parameter (`limit: invalid digit...`, `unknown field `x``).
    let message = r.body_text();
    let field = message
        .split_once(": ")
        .map(|(_, rest)| rest)
        .and_then(|rest| rest.split_once(':').map(|(f, _)| f.trim().to_owned()))
        .filter(|f| !f.contains(' '))
        .unwrap_or_else(|| "query".into());
    ApiError::App(AppError::Invalid { field, message })
}

fn bad_cursor() -> ApiError {
    ApiError::App(AppError::Invalid {
        field: "cursor".into(),
        message: "not a cursor this server gave out".into(),
    })
}

/// `GET /api/v1/orders`: a customer's own orders; for staff, every order by placing time, a
/// page at a time (`cursor` from `next_cursor`).
pub(crate) async fn list_orders(
    State(web): State<Web>,
    caller: Caller,
    page: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(page) = page.map_err(bad_query)?;
    if caller.is_staff() {
        let after = match &page.cursor {
            None => None,
            Some(c) => {
                let (micros, id) = c.split_once('_').ok_or_else(bad_cursor)?;
                let at = micros
                    .parse::<i64>()
                    .ok()
                    .and_then(|m| Timestamp::from_microsecond(m).ok())
                    .ok_or_else(bad_cursor)?;
                Some((at, id.to_owned()))
            }
        };
        let limit = page.limit.unwrap_or(50).clamp(1, 200);
        let orders = web.app.orders_page(&caller.actor, after, limit).await?;
        let next = (orders.len() == limit as usize)
            .then(|| orders.last())
            .flatten()
            .map(|o| format!("{}_{}", o.placed_at.as_microsecond(), o.id));
        let items: Vec<OrderOut> = orders.iter().map(OrderOut::from).collect();
        Ok(Json(json!({"items": items, "next_cursor": next})))
    } else {
        let orders = web.app.customer_orders(&caller.actor).await?;
        let items: Vec<OrderOut> = orders.iter().map(OrderOut::from).collect();
        Ok(Json(json!({"items": items, "next_cursor": null})))
    }
}

/// `GET /api/v1/orders/{number}`: the order and every case it has.
pub(crate) async fn get_order(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(number): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let (order, cases) = web.app.order_with_cases(&caller.actor, &number).await?;
    // The store's key reaches orders and their fulfilment, nothing of returns, refunds,
    // buybacks or appeals (their descriptions, evidence and payment references).
    let store_key = matches!(caller.credentials, Credentials::ApiKey { .. });
    let cases: Vec<CaseOut> = cases
        .iter()
        .filter(|c| !store_key || c.kind == CaseKind::Order)
        .map(|c| case_out(&web.app, c))
        .collect();
    Ok(Json(
        json!({"order": OrderOut::from(&order), "cases": cases}),
    ))
}

/// `GET /api/v1/orders/{number}/ledger`: the order as one account: what was paid, what each
/// case was granted, sent and settled (with appeal corrections), and where each unit is.
pub(crate) async fn get_ledger(
    State(web): State<Web>,
    caller: Caller,
    Path(number): Path<String>,
) -> Result<Json<aftercare_core::ledger::Ledger>, ApiError> {
    Ok(Json(web.app.ledger(&caller.actor, &number).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Message {
    message: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Media {
    media: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Comment {
    comment: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Sign {
    #[schema(value_type = String, format = DateTime)]
    signed_at: Timestamp,
    #[serde(default)]
    damage_noted: bool,
    #[serde(default)]
    evidence: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Returned {
    #[schema(value_type = crate::openapi::ReturnedReasonDoc)]
    reason: ReturnedReason,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settlement {
    #[schema(value_type = crate::openapi::MoneyDoc)]
    return_processing_fee: Money,
}

/// A returned parcel shipped again: the second international shipping fee the customer paid
/// (III.5).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReshipIn {
    #[schema(value_type = crate::openapi::MoneyDoc)]
    second_shipping_fee: Money,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CancelIn {
    reason: String,
}

/// `POST /api/v1/orders/{number}/{step}`: a fulfilment step, from verifying the payment to
/// signing, a parcel returned to sender, customs, cancelling.
pub(crate) async fn order_step(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path((number, step)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CaseOut>, ApiError> {
    let b = action_body(body)?;
    let nothing = |c: OrderCommand| -> Result<OrderCommand, ApiError> {
        b.fields::<Nothing>()?;
        Ok(c)
    };
    let command = match step.as_str() {
        "verify-payment" => nothing(OrderCommand::VerifyPayment)?,
        "report-shortage" => OrderCommand::ReportShortage {
            message: b.fields::<Message>()?.message,
        },
        "answer-shortage" => OrderCommand::AnswerShortage(b.fields::<ShortageAnswer>()?),
        "start-assembly" => nothing(OrderCommand::StartAssembly)?,
        "submit-assembly-media" => OrderCommand::SubmitAssemblyMedia {
            media: b.fields::<Media>()?.media,
        },
        "approve-photos" => nothing(OrderCommand::ApprovePhotos)?,
        "request-changes" => OrderCommand::RequestChanges {
            comment: b.fields::<Comment>()?.comment,
        },
        "pack" => nothing(OrderCommand::Pack)?,
        "ship" => OrderCommand::Ship(b.fields::<Shipment>()?),
        "sign" => {
            let s: Sign = b.fields()?;
            OrderCommand::Sign {
                signed_at: s.signed_at,
                damage_noted: s.damage_noted,
                evidence: s.evidence,
            }
        }
        "returned-to-sender" => OrderCommand::ReturnedToSender {
            reason: b.fields::<Returned>()?.reason,
        },
        "reship" => OrderCommand::Reship {
            second_shipping_fee: b.fields::<ReshipIn>()?.second_shipping_fee,
        },
        "settle-returned-parcel" => OrderCommand::SettleReturnedParcel {
            return_processing_fee: b.fields::<Settlement>()?.return_processing_fee,
        },
        "hold-at-customs" => OrderCommand::HoldAtCustoms {
            note: b.required_note()?,
        },
        "release-from-customs" => nothing(OrderCommand::ReleaseFromCustoms)?,
        "destroyed-at-customs" => OrderCommand::DestroyedAtCustoms {
            note: b.required_note()?,
        },
        "cancel" => OrderCommand::Cancel {
            reason: b.fields::<CancelIn>()?.reason,
        },
        _ => return Err(ApiError::NoRoute),
    };
    let case = web
        .app
        .act_on_order(&caller.actor, &number, b.version, command, b.note.clone())
        .await?;
    Ok(case_json(&web.app, &case))
}

// ----- cases, timelines, queues ------------------------------------------------------------------

/// `GET /api/v1/cases/{id}`: any case the caller may see.
pub(crate) async fn get_case(
    State(web): State<Web>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<CaseOut>, ApiError> {
    Ok(case_json(
        &web.app,
        &web.app.case(&caller.actor, &id).await?,
    ))
}

/// `GET /api/v1/{kind}/{id}` for returns, buyback, refunds, appeals: the case, when of that kind.
pub(crate) async fn get_case_of_kind(
    State(web): State<Web>,
    caller: Caller,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Json<CaseOut>, ApiError> {
    let want = match kind.as_str() {
        "returns" => CaseKind::Return,
        "buyback" => CaseKind::Buyback,
        "refunds" => CaseKind::Refund,
        "appeals" => CaseKind::Appeal,
        _ => return Err(ApiError::NoRoute),
    };
    let case = web.app.case(&caller.actor, &id).await?;
    if case.kind != want {
        return Err(ApiError::App(AppError::NotFound("case")));
    }
    Ok(case_json(&web.app, &case))
}

#[derive(Serialize)]
struct EventOut {
    seq: i64,
    kind: String,
    at: Timestamp,
    actor: Value,
    reason: Option<String>,
    data: Value,
}

/// `GET /api/v1/cases/{id}/timeline`: the case's history, oldest first. Customers see who acted
/// by role only; staff see the person's id.
pub(crate) async fn timeline(
    State(web): State<Web>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let events = web.app.timeline(&caller.actor, &id).await?;
    let staff = caller.is_staff();
    let items: Vec<EventOut> = events
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
    Ok(Json(json!({"items": items})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QueueParams {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    order_number: Option<String>,
    #[serde(default)]
    rma: Option<String>,
    #[serde(default)]
    email: Option<String>,
    /// Order number, RMA number, e-mail or part of the customer's name.
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    cursor: Option<String>,
    #[serde(default)]
    limit: Option<u32>,
}

/// `GET /api/v1/queue`: open cases, oldest deadline first, with overdue marks; filters by kind,
/// state, order number, RMA and e-mail; `cursor` from `next_cursor`.
pub(crate) async fn queue(
    State(web): State<Web>,
    caller: Caller,
    p: Result<Query<QueueParams>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    require_staff(&caller)?;
    let Query(p) = p.map_err(bad_query)?;
    let kind = match p.kind.as_deref() {
        None | Some("") => None,
        Some(k) => Some(CaseKind::parse(k).ok_or_else(|| {
            ApiError::App(AppError::Invalid {
                field: "kind".into(),
                message: "one of order, return, buyback, refund, appeal".into(),
            })
        })?),
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
    let limit = p.limit.unwrap_or(50).clamp(1, 200);
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
        ..QueueQuery::default()
    };
    let rows = web.app.queue(&caller.actor, &query).await?;
    let next = (rows.len() == limit as usize)
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
    let items: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(case_out(&web.app, &r.case)).unwrap_or(Value::Null);
            if let Some(o) = v.as_object_mut() {
                o.insert("overdue".into(), Value::Bool(r.overdue));
            }
            v
        })
        .collect();
    Ok(Json(json!({"items": items, "next_cursor": next})))
}

// ----- administration --------------------------------------------------------------------------

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewStaff {
    email: String,
    name: String,
    password: String,
    roles: Vec<String>,
}

/// `POST /api/v1/staff`: an admin creates a staff account.
pub(crate) async fn create_staff(
    State(web): State<Web>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let n: NewStaff = parse_json(body)?;
    let mut roles = Vec::new();
    for (i, r) in n.roles.iter().enumerate() {
        roles.push(aftercare_app::accounts::parse_staff_role(r).ok_or_else(|| {
            ApiError::App(AppError::Invalid {
                field: format!("roles[{i}]"),
                message: "one of agent, warehouse, finance, admin".into(),
            })
        })?);
    }
    let account = web
        .app
        .create_staff(&caller.actor, &n.email, &n.name, &n.password, &roles)
        .await?;
    Ok((StatusCode::CREATED, Json(staff_json(&account))).into_response())
}

fn staff_json(a: &aftercare_app::accounts::StaffAccount) -> Value {
    json!({
        "id": a.id,
        "email": a.email,
        "name": a.name,
        "roles": a.roles,
        "created_at": a.created_at,
        "disabled": a.disabled,
    })
}

/// `GET /api/v1/staff`: every staff account, for admins.
pub(crate) async fn list_staff(
    State(web): State<Web>,
    caller: Caller,
) -> Result<Json<Value>, ApiError> {
    let accounts = web.app.staff_accounts(&caller.actor).await?;
    let items: Vec<Value> = accounts.iter().map(staff_json).collect();
    Ok(Json(json!({"items": items})))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewKey {
    name: String,
    scopes: Vec<String>,
}

/// `POST /api/v1/api-keys`: an admin creates a key for another system; the secret is in this
/// answer and nowhere else.
pub(crate) async fn create_api_key(
    State(web): State<Web>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let k: NewKey = parse_json(body)?;
    let key = web
        .app
        .create_api_key(&caller.actor, &k.name, &k.scopes)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": key.id, "key": key.secret, "scopes": key.scopes})),
    )
        .into_response())
}

/// `DELETE /api/v1/api-keys/{id}`: an admin revokes a key.
pub(crate) async fn revoke_api_key(
    State(web): State<Web>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    web.app.revoke_api_key(&caller.actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
