//! The customer's sign-in by e-mailed link, and signing out.

use std::net::SocketAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Form, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::{cleared_cookie, session_token};
use crate::pages::i18n::Words;
use crate::pages::{is_staff, see_other, signed_in};
use crate::{ApiError, PageError, Web};

#[derive(Template, WebTemplate)]
#[template(path = "portal/sign_in.html")]
pub(crate) struct PortalSignIn {
    pub(crate) sent: bool,
    pub(crate) throttled: bool,
    pub(crate) order_number: String,
    pub(crate) email: String,
    /// The message ids of what is wrong with each field.
    pub(crate) order_number_error: Option<&'static str>,
    pub(crate) email_error: Option<&'static str>,
}

#[derive(Deserialize)]
pub(crate) struct LinkForm {
    #[serde(default)]
    pub(crate) order_number: String,
    #[serde(default)]
    pub(crate) email: String,
}

/// `POST /sign-in`: asks for the e-mailed link; the page says the same whether or not the order
/// and e-mail match.
pub(crate) async fn request_link(
    State(web): State<Web>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<LinkForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form.map_err(|e| ApiError::Malformed(e.body_text()))?;
    let order_number_error = form
        .order_number
        .trim()
        .is_empty()
        .then_some("sign-in-order-number-missing");
    let email_error = (!form.email.contains('@')).then_some("sign-in-email-missing");
    let page = |order_number_error, email_error| PortalSignIn {
        sent: false,
        throttled: false,
        order_number: form.order_number.clone(),
        email: form.email.clone(),
        order_number_error,
        email_error,
    };
    if order_number_error.is_some() || email_error.is_some() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(order_number_error, email_error),
        )
            .into_response());
    }
    if !web.throttle.allow(&form.email, peer.ip()) {
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            PortalSignIn {
                throttled: true,
                ..page(None, None)
            },
        )
            .into_response());
    }
    web.app
        .request_sign_in_link(&form.order_number, &form.email)
        .await?;
    // Post/Redirect/Get: a refresh shows the notice again instead of asking for another link.
    Ok(see_other("/?sent=link"))
}

impl PortalSignIn {
    /// The empty form; `sent` says a link was asked for.
    pub(crate) fn blank(sent: bool) -> PortalSignIn {
        PortalSignIn {
            sent,
            throttled: false,
            order_number: String::new(),
            email: String::new(),
            order_number_error: None,
            email_error: None,
        }
    }
}

/// What the portal's front page was sent back with: `?sent=link` after a link was asked for.
#[derive(Deserialize)]
pub(crate) struct Sent {
    sent: Option<String>,
}

impl Sent {
    pub(crate) fn link(&self) -> bool {
        self.sent.as_deref() == Some("link")
    }
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    pub(crate) csrf: String,
}

/// `POST /sign-out`: ends the session on the server; the form carries the CSRF token.
pub(crate) async fn sign_out(
    State(web): State<Web>,
    headers: HeaderMap,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form.map_err(|e| ApiError::Malformed(e.body_text()))?;
    let staff = match (
        signed_in(&web, &headers).await,
        session_token(&headers, web.secure),
    ) {
        (Some(who), Some(token)) => {
            if who.csrf_token != form.csrf {
                return Err(ApiError::CrossSite.into());
            }
            web.app.sign_out(&token).await?;
            is_staff(&who)
        }
        _ => false,
    };
    let mut response = see_other(if staff { "/staff/sign-in" } else { "/" });
    response
        .headers_mut()
        .insert(SET_COOKIE, cleared_cookie(web.secure));
    Ok(response)
}
