//! Staff sign-in with e-mail and password.

use std::net::SocketAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::session_cookie;
use crate::pages::see_other;
use crate::{ApiError, PageError, Web};

#[derive(Template, WebTemplate)]
#[template(path = "console/sign_in.html")]
pub(crate) struct StaffSignInPage {
    pub(crate) email: String,
    pub(crate) error: Option<&'static str>,
    pub(crate) notice: Option<&'static str>,
}

/// Where the person comes from: `?password=set` after a set-password link.
#[derive(Deserialize)]
pub(crate) struct Arrived {
    password: Option<String>,
}

/// `GET /staff/sign-in`.
pub(crate) async fn staff_sign_in_page(Query(arrived): Query<Arrived>) -> Response {
    StaffSignInPage {
        email: String::new(),
        error: None,
        notice: (arrived.password.as_deref() == Some("set"))
            .then_some("Your password is set. Sign in with it."),
    }
    .into_response()
}

#[derive(Deserialize)]
pub(crate) struct StaffForm {
    #[serde(default)]
    pub(crate) email: String,
    #[serde(default)]
    pub(crate) password: String,
}

/// `POST /staff/sign-in`: the same answer whether the e-mail is unknown or the password wrong.
pub(crate) async fn staff_sign_in(
    State(web): State<Web>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<StaffForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form.map_err(|e| ApiError::Malformed(e.body_text()))?;
    let again = |error| StaffSignInPage {
        email: form.email.clone(),
        error: Some(error),
        notice: None,
    };
    match web
        .app
        .sign_in_staff(&form.email, &form.password, peer.ip())
        .await?
    {
        aftercare_app::accounts::StaffSignIn::Throttled => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            again("Too many failed attempts. Wait a quarter of an hour and try again."),
        )
            .into_response()),
        aftercare_app::accounts::StaffSignIn::SignedIn(session) => {
            let mut response = see_other("/staff");
            response
                .headers_mut()
                .insert(SET_COOKIE, session_cookie(web.secure, &session.token));
            Ok(response)
        }
        aftercare_app::accounts::StaffSignIn::Refused => Ok((
            StatusCode::UNAUTHORIZED,
            again("The e-mail or the password is not right."),
        )
            .into_response()),
    }
}
