//! The shop's name and logo at the top of every page. Every page extends one base template, and
//! most are rendered where no shop is at hand (error pages, sign-in pages), so a layer sets the
//! app for the request and the template reads the name and logo from it.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use std::sync::Arc;

use crate::{PageError, ServerApp, Web};

tokio::task_local! {
    /// The app whose shop the request's pages show: an `Arc`, so the layer copies nothing of
    /// the profile for requests that render no page (the API, metrics).
    static SHOP: Arc<ServerApp>;
}

/// The layer: the shop for everything this request renders.
pub(crate) async fn brand(State(web): State<Web>, request: Request, next: Next) -> Response {
    SHOP.scope(web.app.clone(), next.run(request)).await
}

/// The shop's name, for the page header.
pub(crate) fn name() -> String {
    SHOP.try_with(|app| app.shop_name())
        .unwrap_or_else(|_| "Aftercare".into())
}

/// The logo's address, when the shop has one.
pub(crate) fn logo() -> Option<String> {
    SHOP.try_with(|app| app.shop_logo().map(|l| l.path()))
        .ok()
        .flatten()
}

/// `GET /logo/{version}.png`: the shop's logo. Its address changes with it, so browsers and
/// caches may keep it for a year; an old address is "not found".
pub(crate) async fn logo_file(
    State(web): State<Web>,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let logo = web
        .app
        .shop_logo()
        .filter(|l| l.path() == format!("/logo/{file}"))
        .ok_or_else(PageError::not_found)?;
    let mut response = logo.png.clone().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
