//! Health for load balancers and orchestrators, and metrics for Prometheus.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{ApiError, ServerApp};

/// The process is up.
///
/// Who: anyone.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, description = "`ok`", body = String, content_type = "text/plain")))]
pub(crate) async fn healthz() -> &'static str {
    "ok"
}

/// Ready to take traffic.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Ready {
    /// Always `ready`.
    status: &'static str,
}

/// The database answers and is migrated.
///
/// Who: anyone.
#[utoipa::path(get, path = "/readyz", tag = "health",
    responses(
        (status = 200, body = Ready),
        (status = 503, description = "The database is not reachable or not migrated",
            body = crate::error::Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn readyz(State(app): State<Arc<ServerApp>>) -> Response {
    match app.ready().await {
        Ok(()) => Json(Ready { status: "ready" }).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            ApiError::Unavailable("the database is not reachable or not migrated".into())
                .into_response()
        }
    }
}

/// Prometheus metrics.
///
/// Requests by route, method and status, latencies, the outbox depth and the overdue cases.
/// Who: anyone.
#[utoipa::path(get, path = "/metrics", tag = "health",
    responses((status = 200, description = "The Prometheus text format", body = String,
        content_type = "text/plain")))]
pub(crate) async fn metrics(state: State<Arc<ServerApp>>) -> Response {
    crate::metrics::render(state).await
}
