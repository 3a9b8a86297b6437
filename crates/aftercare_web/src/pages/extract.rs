//! Who is asking, as page handlers take it: extractors whose rejection is the way to sign in,
//! so no handler repeats the session check.

use aftercare_app::accounts::SignedIn;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;

use super::{is_staff, see_other, signed_in};
use crate::Web;

/// Someone signed in, customer or staff; without a session the page sends them to the portal's
/// sign-in (`/`).
pub(crate) struct Visitor(pub SignedIn);

/// A staff member (agent, warehouse, finance, admin); anyone else goes to the staff sign-in.
pub(crate) struct Staff(pub SignedIn);

impl FromRequestParts<Web> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Response> {
        signed_in(web, &parts.headers)
            .await
            .map(Visitor)
            .ok_or_else(|| see_other("/"))
    }
}

impl FromRequestParts<Web> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Response> {
        signed_in(web, &parts.headers)
            .await
            .filter(is_staff)
            .map(Staff)
            .ok_or_else(|| see_other("/staff/sign-in"))
    }
}
