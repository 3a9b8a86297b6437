//! Aftercare's HTTP edge: the axum router, one error type that maps to RFC 9457 problem JSON,
//! health and readiness, and `serve`, which takes its listener and shutdown signal from the
//! caller so tests can bind port 0. No SQL and no policy logic here: handlers call use cases.

mod api;
mod auth;
mod error;
mod extract;
mod metrics;
mod pages;
mod statements;
mod uploads;

use aftercare_store::AnyStore;
use std::future::Future;
use std::sync::Arc;

use aftercare_app::App;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;

pub use auth::{Caller, Credentials, Throttle};
pub use error::{ApiError, PageError};
pub use statements::{STATEMENTS_HEADER, StatementCounter};
pub use uploads::{LOGO_BOX, UploadLimits, shop_logo_png};

/// What the HTTP edge needs besides the app.
#[derive(Debug, Clone)]
pub struct WebOptions {
    /// Where uploaded evidence is stored.
    pub evidence_dir: std::path::PathBuf,
    pub uploads: UploadLimits,
}

impl WebOptions {
    /// Evidence under `data_dir/evidence`, default limits.
    pub fn in_data_dir(data_dir: &std::path::Path) -> WebOptions {
        WebOptions {
            evidence_dir: data_dir.join("evidence"),
            uploads: UploadLimits::default(),
        }
    }
}

/// The app as the server runs it: over the database its configuration chose. Concrete rather
/// than generic so that each handler is one function the OpenAPI derivation can name.
pub type ServerApp = App<AnyStore>;

/// The router's state: the app and what the HTTP edge keeps beside it.
#[derive(Debug, Clone)]
pub struct Web {
    pub app: Arc<ServerApp>,
    /// Sign-in attempts per account and per address.
    pub throttle: Arc<Throttle>,
    /// True when the server is reached over TLS (`AFTERCARE_PUBLIC_URL` starts with https):
    /// cookies then get `Secure` and the `__Host-` prefix.
    pub secure: bool,
    pub evidence_dir: std::path::PathBuf,
    pub uploads: UploadLimits,
}

impl FromRef<Web> for Arc<ServerApp> {
    fn from_ref(web: &Web) -> Self {
        web.app.clone()
    }
}

/// Largest JSON body accepted; uploads get their own, larger limits.
pub const MAX_JSON_BODY: usize = 1 << 20;

/// The router over an app.
pub fn router(app: Arc<ServerApp>, options: WebOptions) -> Router {
    let upload_limit =
        usize::try_from(options.uploads.video_bytes.max(options.uploads.image_bytes))
            .unwrap_or(usize::MAX)
            .saturating_add(64 * 1024);
    let web = Web {
        secure: app.shop().public_url.starts_with("https://"),
        app,
        throttle: Arc::new(Throttle::new()),
        evidence_dir: options.evidence_dir,
        uploads: options.uploads,
    };
    let security_headers = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    let mut router = pages::router(upload_limit)
        .merge(api::router(upload_limit))
        .route_layer(axum::middleware::from_fn(metrics::track))
        .route_layer(axum::middleware::from_fn(json_writes_only))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            web.clone(),
            pages::brand::brand,
        ))
        .layer(DefaultBodyLimit::max(MAX_JSON_BODY))
        .with_state(web);
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router.layer(axum::middleware::from_fn(no_store_when_signed_in))
}

/// A write to the JSON API with a body must say the body is JSON: a page on another site can
/// send `text/plain` (or a form encoding) without asking the browser's permission first, so a
/// body of another type is refused before anything reads it. Evidence uploads are multipart;
/// answers by e-mail are `message/rfc822`.
async fn json_writes_only(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let writes = !matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let headers = request.headers();
    let has_body = headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|length| length.trim() != "0");
    if path.starts_with("/api/") && writes && has_body {
        let kind = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let json = kind == "application/json" || kind.ends_with("+json");
        let upload = path == "/api/v1/evidence" && kind == "multipart/form-data";
        // Answers by e-mail come raw, and only with an API key, which no other site's page has.
        let mail = path == "/api/v1/inbound-mail" && kind == "message/rfc822";
        if !(json || upload || mail) {
            return ApiError::Status(axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE)
                .into_response();
        }
    }
    next.run(request).await
}

/// Answers to a signed-in request (a session cookie or an API key) carry personal data: no
/// cache may keep them, unless the handler said otherwise (evidence is `private`).
async fn no_store_when_signed_in(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let signed_in = request.headers().contains_key(header::COOKIE)
        || request.headers().contains_key(header::AUTHORIZATION);
    let mut response = next.run(request).await;
    if signed_in && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Serves the router on `listener` until `shutdown` completes, then lets in-flight requests
/// finish before returning.
pub async fn serve(
    listener: TcpListener,
    app: Arc<ServerApp>,
    options: WebOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address feeds the sign-in throttle.
    axum::serve(
        listener,
        router(app, options).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// No route: problem JSON under `/api/`, where clients read JSON; an HTML page everywhere else,
/// where a person followed a link.
async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::NoRoute.into_response()
    } else {
        PageError(ApiError::NoRoute).into_response()
    }
}
