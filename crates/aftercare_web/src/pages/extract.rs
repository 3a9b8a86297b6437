//! Who is asking, and what they sent, as page handlers take it: extractors whose rejection is
//! the way to sign in (or the page saying the step is not theirs), and a form whose CSRF token
//! is checked against the session before the handler runs, so no handler repeats either check.

use aftercare_app::accounts::SignedIn;
use aftercare_core::cases::Role;
use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::Response;

use super::console::admin::admins_only;
use super::{StepForm, is_staff, see_other, signed_in};
use crate::{ApiError, PageError, Web};

/// Someone signed in, customer or staff; without a session the page sends them to the portal's
/// sign-in (`/`).
pub(crate) struct Visitor(pub SignedIn);

/// A staff member (agent, warehouse, finance, admin); anyone else goes to the staff sign-in.
pub(crate) struct Staff(pub SignedIn);

impl FromRequestParts<Web> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Response> {
        let who = signed_in(web, &parts.headers)
            .await
            .ok_or_else(|| see_other("/"))?;
        // The form extractor checks its token against this session.
        parts.extensions.insert(who.clone());
        Ok(Visitor(who))
    }
}

impl FromRequestParts<Web> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Response> {
        let who = signed_in(web, &parts.headers)
            .await
            .filter(is_staff)
            .ok_or_else(|| see_other("/staff/sign-in"))?;
        parts.extensions.insert(who.clone());
        Ok(Staff(who))
    }
}

/// An admin; other staff are told the page is for admins, anyone else goes to the sign-in.
pub(crate) struct Admin(pub SignedIn);

impl FromRequestParts<Web> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Response> {
        let Staff(who) = Staff::from_request_parts(parts, web).await?;
        if who.actor.has(Role::Admin) {
            Ok(Admin(who))
        } else {
            Err(admins_only(&who))
        }
    }
}

/// A form posted by someone signed in: read only once its `csrf` field matched their session's
/// token. Taken after `Visitor`, `Staff` or `Admin`, which say whose session it is.
impl FromRequest<Web> for StepForm {
    type Rejection = PageError;

    async fn from_request(request: Request, web: &Web) -> Result<Self, PageError> {
        let who = request.extensions().get::<SignedIn>().cloned();
        let form = Form::<Vec<(String, String)>>::from_request(request, web).await;
        let Some(who) = who else {
            return Err(PageError(ApiError::CrossSite));
        };
        let Form(fields) = form.map_err(|e| PageError(ApiError::Malformed(e.body_text())))?;
        StepForm::checked(fields, &who).map_err(PageError)
    }
}

/// Every page write comes from the shop's own pages: a browser's cross-site write is refused,
/// as an HTML page, before any handler reads a byte of it. Forms, uploads and the sign-in link
/// alike, so no handler repeats the check. (The CSRF token is checked on top, by the forms.)
pub(crate) async fn same_site(request: Request, next: axum::middleware::Next) -> Response {
    use axum::http::Method;
    use axum::response::IntoResponse;
    if !matches!(*request.method(), Method::GET | Method::HEAD)
        && crate::auth::cross_site(request.headers())
    {
        return PageError(ApiError::CrossSite).into_response();
    }
    next.run(request).await
}
