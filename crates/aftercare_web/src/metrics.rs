//! Prometheus metrics at `/metrics`: requests by route, method and status, latency histograms by
//! route, and, read at each scrape, the outbox depth and the number of overdue cases. Labels are
//! route templates (`/api/v1/returns/{id}/{action}`), never ids or e-mails. With statement
//! counting on ([`crate::StatementCounter`]), the SQL statements of each request too.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use crate::ServerApp;
use crate::statements::{self, REQUEST_SPAN, STATEMENTS_HEADER};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tracing::Instrument;

/// Latency buckets in seconds, from a cached read to a slow write.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The process's recorder, installed on first use. `None` when another recorder was installed
/// first (then `/metrics` says so instead of serving nothing).
fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new();
            let builder = builder
                .set_buckets(&BUCKETS)
                .unwrap_or_else(|_| PrometheusBuilder::new());
            match builder.install_recorder() {
                Ok(h) => Some(h),
                Err(e) => {
                    tracing::warn!(error = %e, "metrics recorder not installed");
                    None
                }
            }
        })
        .as_ref()
}

/// Counts and times every request that matched a route.
pub(crate) async fn track(request: Request, next: Next) -> Response {
    // Installing here too means counting starts with the first request, not the first scrape.
    let _ = handle();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    // At TRACE so that no log layer records it; the statement counter enables it by name.
    let span = tracing::trace_span!(REQUEST_SPAN);
    let mut response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16().to_string();
    if let Some(statements) = statements::counted(&span) {
        metrics::histogram!("aftercare_sql_statements", "route" => route.clone(), "method" => method.clone())
            .record(statements as f64);
        response
            .headers_mut()
            .insert(STATEMENTS_HEADER, HeaderValue::from(statements));
    }
    metrics::counter!("http_requests_total", "route" => route.clone(), "method" => method.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route, "method" => method)
        .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: the Prometheus text format.
pub(crate) async fn render(State(app): State<Arc<ServerApp>>) -> Response {
    match app.outbox_depth().await {
        Ok(depth) => metrics::gauge!("aftercare_outbox_depth").set(depth as f64),
        Err(e) => tracing::warn!(error = %e, "outbox depth unavailable"),
    }
    match app.overdue_count().await {
        Ok(n) => metrics::gauge!("aftercare_overdue_cases").set(n as f64),
        Err(e) => tracing::warn!(error = %e, "overdue count unavailable"),
    }
    let body = handle().map_or_else(
        || "# metrics recorder unavailable in this process\n".to_owned(),
        PrometheusHandle::render,
    );
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}
