//! The endpoints the shop's store calls with an API key (`Authorization: Bearer ac_...`) of scope
//! `orders:write`: push orders, and push the fulfilment steps that happen on its side.

use std::sync::Arc;

use aftercare_app::{AppError, CaseView, NewOrder};
use aftercare_core::cases::order::{OrderCommand, ReturnedReason, Shipment};
use aftercare_core::cases::{Actor, Refusal};
use aftercare_store::PutOrder;
use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::types::OrderNumber;
use crate::extract::ApiJson;
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
            Some(_) => Err(ApiError::App(AppError::Refused(Refusal::role(
                aftercare_core::i18n::Said::new("refused-api-key-scope")
                    .with("scope", "orders:write"),
            )))),
            None => Err(ApiError::Unauthenticated),
        }
    }
}

/// What became of a pushed order.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PushResult {
    Inserted,
    Unchanged,
}

/// The answer to an order push.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Pushed {
    result: PushResult,
}

/// The store pushes an order.
///
/// 201 when stored; 200 `unchanged` when the same order was already stored alike; 409 when an
/// order of that number is stored with other details (it is left as stored). Who: the store's
/// key (`orders:write`).
#[utoipa::path(post, path = "/api/v1/orders", tag = "orders", request_body(content = NewOrder),
    responses(
        (status = 201, description = "Stored", body = Pushed),
        (status = 200, description = "Already stored with the same details: unchanged", body = Pushed),
    ),
    security(("apiKey" = ["orders:write"])))]
pub(crate) async fn push_order(
    State(app): State<Arc<ServerApp>>,
    OrdersWriter(actor): OrdersWriter,
    ApiJson(order): ApiJson<NewOrder>,
) -> Result<Response, ApiError> {
    match app.import_order(&actor, &order).await? {
        PutOrder::Inserted => Ok((
            StatusCode::CREATED,
            Json(Pushed {
                result: PushResult::Inserted,
            }),
        )
            .into_response()),
        PutOrder::Unchanged => Ok(Json(Pushed {
            result: PushResult::Unchanged,
        })
        .into_response()),
        PutOrder::Differs => Err(ApiError::OrderDiffers(order.number)),
    }
}

/// A fulfilment step the store reports, tagged by `step`.
#[derive(Debug, Deserialize, ToSchema)]
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
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FulfilmentOut {
    #[serde(flatten)]
    case: CaseView,
    deadline_provisional: bool,
}

/// The store reports a fulfilment step.
///
/// The answer is the order's fulfilment case after the step. Who: the store's key
/// (`orders:write`).
#[utoipa::path(post, path = "/api/v1/orders/{number}/fulfilment", tag = "orders",
    params(OrderNumber), request_body(content = FulfilmentStep),
    responses((status = 200, body = FulfilmentOut)),
    security(("apiKey" = ["orders:write"])))]
pub(crate) async fn push_fulfilment(
    State(app): State<Arc<ServerApp>>,
    OrdersWriter(actor): OrdersWriter,
    Path(OrderNumber { number }): Path<OrderNumber>,
    ApiJson(step): ApiJson<FulfilmentStep>,
) -> Result<Json<FulfilmentOut>, ApiError> {
    let command = match step {
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
