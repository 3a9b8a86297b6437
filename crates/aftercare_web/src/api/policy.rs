//! The policy's evaluator over HTTP: the contract of `aftercare policy evaluate`.

use std::sync::Arc;

use aftercare_core::evaluate::Decision;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;

use crate::{ApiError, ServerApp};

/// The policy's decision on made-up facts.
///
/// The facts and the decision are the JSON of `aftercare policy evaluate` (the README's facts
/// format). Who: anyone.
#[utoipa::path(post, path = "/api/v1/policy/evaluate", tag = "policy",
    request_body(content = Object, description = "The facts: order, request, evidence"),
    responses((status = 200, body = Decision)))]
pub(crate) async fn evaluate(
    State(app): State<Arc<ServerApp>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Decision>, ApiError> {
    // A rejected body (too large, unreadable) answers in problem JSON like every other error.
    let body = body.map_err(|r| ApiError::Status(r.status()))?;
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::Malformed("the body is not UTF-8 text".into()))?;
    Ok(Json(app.preview_decision(text)?))
}
