//! The endpoints the shop's store calls with an API key (`Authorization: Bearer ac_...`) of scope
//! `orders:write`: push orders, and push the fulfilment steps that happen on its side.

use std::sync::Arc;

use aftercare_app::{AppError, CaseView, NewOrder};
use aftercare_core::cases::order::{OrderCommand, ReturnedReason, Shipment};
use aftercare_core::cases::{Actor, Refusal};
use aftercare_store::PutOrder;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::{ApiError, ServerApp, Web};

/// A request made with an API key that carries `orders:write`.
#[derive(Debug)]
pub struct OrdersWriter(pub Actor);

impl FromRequestParts<Web> for OrdersWriter {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, ApiError> {
        let app = &web.app;
        let secret = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(ApiError::Unauthenticated)?;
        match app.authenticate_api_key(secret).await? {
            Some((actor, scopes)) if scopes.iter().any(|s| s == "orders:write") => {
                Ok(OrdersWriter(actor))
            }
            Some(_) => Err(ApiError::App(AppError::Refused(Refusal::Role(
                "this API key lacks the orders:write scope".into(),
            )))),
            None => Err(ApiError::Unauthenticated),
        }
    }
}

/// Parses a JSON body into `T`, naming the offending field on failure.
pub(crate) fn parse_json<T: DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let body = body.map_err(|r| ApiError::Status(r.status()))?;
    let de = &mut serde_json::Deserializer::from_slice(&body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let message = e.inner().to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.clone(), |i| message[..i].to_owned());
        ApiError::App(AppError::Invalid {
            field: if field == "." { String::new() } else { field },
            message,
        })
    })
}

/// `POST /api/v1/orders`: 201 when stored, 200 when the same order was already stored.
pub(crate) async fn push_order(
    State(app): State<Arc<ServerApp>>,
    OrdersWriter(actor): OrdersWriter,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let order: NewOrder = parse_json(body)?;
    match app.import_order(&actor, &order).await? {
        PutOrder::Inserted => Ok((
            StatusCode::CREATED,
            Json(serde_json::json!({"result": "inserted"})),
        )
            .into_response()),
        PutOrder::Unchanged => Ok(Json(serde_json::json!({"result": "unchanged"})).into_response()),
        PutOrder::Differs => Err(ApiError::OrderDiffers(order.number)),
    }
}

/// A fulfilment step the store reports.
#[derive(Debug, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum FulfilmentStep {
    VerifyPayment,
    Ship {
        carrier: String,
        tracking_number: String,
        tracking_url: String,
    },
    Sign {
        signed_at: Timestamp,
        #[serde(default)]
        damage_noted: bool,
        #[serde(default)]
        evidence: Vec<String>,
    },
    ReturnedToSender {
        reason: ReturnedReason,
    },
    HoldAtCustoms {
        note: String,
    },
    ReleaseFromCustoms,
}

/// The fulfilment case as the store's key sees it, with whether its deadline is provisional
/// (counted through a year whose official holiday notice is not in the calendar yet).
#[derive(serde::Serialize)]
pub(crate) struct FulfilmentOut {
    #[serde(flatten)]
    case: CaseView,
    deadline_provisional: bool,
}

/// `POST /api/v1/orders/{number}/fulfilment`: the order's fulfilment case after the step.
pub(crate) async fn push_fulfilment(
    State(app): State<Arc<ServerApp>>,
    OrdersWriter(actor): OrdersWriter,
    Path(number): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<FulfilmentOut>, ApiError> {
    let command = match parse_json::<FulfilmentStep>(body)? {
        FulfilmentStep::VerifyPayment => OrderCommand::VerifyPayment,
        FulfilmentStep::Ship {
            carrier,
            tracking_number,
            tracking_url,
        } => OrderCommand::Ship(Shipment {
            carrier,
            tracking_number,
            tracking_url,
        }),
        FulfilmentStep::Sign {
            signed_at,
            damage_noted,
            evidence,
        } => OrderCommand::Sign {
            signed_at,
            damage_noted,
            evidence,
        },
        FulfilmentStep::ReturnedToSender { reason } => OrderCommand::ReturnedToSender { reason },
        FulfilmentStep::HoldAtCustoms { note } => OrderCommand::HoldAtCustoms { note },
        FulfilmentStep::ReleaseFromCustoms => OrderCommand::ReleaseFromCustoms,
    };
    let case = app
        .act_on_order(&actor, &number, None, command, None)
        .await?;
    Ok(Json(FulfilmentOut {
        case: CaseView::from(&case),
        deadline_provisional: app.deadline_provisional(&case),
    }))
}
