//! The shop's name and logo at the top of every page. Every page extends one base template, and
//! most are rendered where no shop is at hand (error pages, sign-in pages), so the name and logo
//! are set for the request by a layer and read by the template from there.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::{PageError, Web};

/// What the header shows.
#[derive(Debug, Clone)]
pub(crate) struct Brand {
    name: String,
    /// The logo's version, its address's name.
    logo: Option<String>,
}

tokio::task_local! {
    static BRAND: Brand;
}

/// The layer: the shop's name and logo for everything this request renders.
pub(crate) async fn brand(State(web): State<Web>, request: Request, next: Next) -> Response {
    let brand = Brand {
        name: web.app.shop_profile().name,
        logo: web.app.shop_logo().map(|l| l.version.clone()),
    };
    BRAND.scope(brand, next.run(request)).await
}

/// The shop's name, for the page header.
pub(crate) fn name() -> String {
    BRAND
        .try_with(|b| b.name.clone())
        .unwrap_or_else(|_| "Aftercare".into())
}

/// The logo's address, when the shop has one.
pub(crate) fn logo() -> Option<String> {
    BRAND
        .try_with(|b| b.logo.clone())
        .ok()
        .flatten()
        .map(|v| format!("/logo/{v}.png"))
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
        .filter(|l| file.strip_suffix(".png") == Some(l.version.as_str()))
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
