//! The errors of the HTTP edge. The JSON API answers RFC 9457 problem JSON with a stable
//! snake_case `code` and, for bad input, the offending `field`; the pages answer the same causes
//! as an HTML page with the stylesheet ([`PageError`]). Internal causes are logged once here and
//! never sent to the client.

use aftercare_app::AppError;
use aftercare_core::cases::Refusal;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Why a request failed, as the client sees it.
#[derive(Debug)]
pub enum ApiError {
    App(AppError),
    /// The body is not readable as the endpoint's input (not UTF-8, not JSON...).
    Malformed(String),
    /// No route for this method and path.
    NoRoute,
    /// No credentials, or ones that are unknown or revoked: the same answer for all three.
    Unauthenticated,
    /// A webhook whose signature does not verify under the configured secret; the detail
    /// says why (missing, too old, no match), never the secret.
    BadSignature(String),
    /// An order with this number is stored with other details; it was left as stored.
    OrderDiffers(String),
    /// A dependency (the database) cannot be reached.
    Unavailable(String),
    /// A cookie-authenticated write that a browser says came from another site.
    CrossSite,
    /// Too many sign-in attempts for this account or from this address.
    Throttled,
    /// The e-mail and password do not match an active staff account (which of the two is wrong
    /// is not said).
    BadCredentials,
    /// A sign-in link that is unknown, used or expired.
    LinkUnusable,
    /// A request needs a header it lacks; the header is named in `field`.
    MissingHeader(&'static str),
    /// A status decided by the framework (body too large, unsupported media type...).
    Status(StatusCode),
    /// An uploaded file, or a form's text, over its cap; the detail names the cap.
    TooLarge {
        field: String,
        detail: aftercare_app::Wording,
    },
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError::App(e)
    }
}

/// An RFC 9457 problem: `code` is stable, `field` names the offending input.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Problem {
    #[serde(rename = "type")]
    kind: String,
    title: &'static str,
    status: u16,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

impl ApiError {
    fn parts(
        &self,
    ) -> (
        StatusCode,
        &'static str,
        &'static str,
        Option<String>,
        Option<String>,
    ) {
        match self {
            ApiError::App(AppError::Invalid { field, message }) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                "A field is invalid",
                Some(message.to_string()),
                Some(field.clone()),
            ),
            ApiError::App(AppError::NotFound(what)) => (
                StatusCode::NOT_FOUND,
                "not_found",
                "Not found",
                Some(format!("{what} not found")),
                None,
            ),
            ApiError::App(AppError::Refused(refusal @ Refusal::Role(_))) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "Not allowed for your role",
                Some(refusal.to_string()),
                None,
            ),
            ApiError::App(AppError::Refused(refusal)) => (
                StatusCode::CONFLICT,
                "not_allowed_now",
                "Not possible in the case's current step",
                Some(refusal.to_string()),
                None,
            ),
            ApiError::App(AppError::Conflict) => (
                StatusCode::CONFLICT,
                "stale_version",
                "The case changed in the meantime",
                Some("reload the case and try again".into()),
                None,
            ),
            ApiError::App(AppError::IdempotencyMismatch) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "This Idempotency-Key was used for another request",
                None,
                Some("Idempotency-Key".into()),
            ),
            ApiError::App(AppError::ProviderUnavailable(why)) => (
                StatusCode::BAD_GATEWAY,
                "provider_unavailable",
                "The payment provider did not answer",
                Some(why.clone()),
                None,
            ),
            ApiError::App(AppError::UnknownPolicyVersion(_) | AppError::Store(_)) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                None,
                None,
            ),
            ApiError::Malformed(why) => (
                StatusCode::BAD_REQUEST,
                "malformed_body",
                "The request body cannot be read",
                Some(why.clone()),
                None,
            ),
            ApiError::NoRoute => (StatusCode::NOT_FOUND, "not_found", "Not found", None, None),
            ApiError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Sign in or present a valid API key",
                None,
                None,
            ),
            ApiError::BadSignature(why) => (
                StatusCode::UNAUTHORIZED,
                "bad_signature",
                "The webhook's signature does not verify",
                Some(why.clone()),
                None,
            ),
            ApiError::OrderDiffers(number) => (
                StatusCode::CONFLICT,
                "order_differs",
                "An order with this number is stored with other details",
                Some(format!("order {number} was left as stored")),
                Some("number".into()),
            ),
            ApiError::Unavailable(why) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Temporarily unavailable",
                Some(why.clone()),
                None,
            ),
            ApiError::CrossSite => (
                StatusCode::FORBIDDEN,
                "cross_site_request",
                "A signed-in write must come from this site",
                None,
                None,
            ),
            ApiError::Throttled => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                "Too many attempts; wait a minute and try again",
                None,
                None,
            ),
            ApiError::BadCredentials => (
                StatusCode::UNAUTHORIZED,
                "bad_credentials",
                "The e-mail or the password is not right",
                None,
                None,
            ),
            ApiError::LinkUnusable => (
                StatusCode::GONE,
                "link_unusable",
                "This sign-in link was used, has expired or is unknown; ask for a new one",
                None,
                None,
            ),
            ApiError::MissingHeader(name) => (
                StatusCode::BAD_REQUEST,
                "missing_header",
                "A required header is missing",
                Some(format!("send the {name} header")),
                Some((*name).to_owned()),
            ),
            ApiError::TooLarge { field, detail } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "The upload is larger than accepted",
                Some(detail.to_string()),
                Some(field.clone()),
            ),
            ApiError::Status(status) => (
                *status,
                match *status {
                    StatusCode::PAYLOAD_TOO_LARGE => "body_too_large",
                    StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
                    s if s.is_server_error() => "internal",
                    _ => "bad_request",
                },
                "The request was refused",
                status.canonical_reason().map(str::to_owned),
                None,
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, title, detail, field) = self.parts();
        if status.is_server_error() {
            // Logged once, here, with the cause; the client gets only the code.
            tracing::error!(error = ?self, code, "request failed");
        }
        let problem = Problem {
            kind: format!("/problems/{code}"),
            title,
            status: status.as_u16(),
            code,
            detail,
            field,
        };
        let unauthenticated = status == StatusCode::UNAUTHORIZED;
        let mut response = (status, Json(problem)).into_response();
        if unauthenticated {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

/// An error met in the browser: the same causes as [`ApiError`], answered as an HTML page (not
/// found, forbidden, gone, too many attempts, server error...) with the stylesheet and a way back,
/// never as problem JSON.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl PageError {
    /// Nothing here for this person: an unknown page, or a case or order that is not theirs,
    /// which must read the same as one that does not exist.
    pub fn not_found() -> PageError {
        PageError(ApiError::App(AppError::NotFound("page")))
    }
}

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        PageError(ApiError::App(e))
    }
}

#[derive(askama::Template, askama_web::WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    title: String,
    detail: Option<String>,
    home: &'static str,
    home_label: String,
    console_label: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, code, title, detail, field) = self.0.parts();
        if status.is_server_error() {
            tracing::error!(error = ?self.0, code, "page failed");
        }
        // Internal causes stay in the log; a bad field is named as the API names it; what the
        // refusals catalog says reads in the visitor's language.
        let lang = crate::pages::i18n::lang();
        let detail = if status.is_server_error() {
            Some(crate::pages::i18n::text("error-internal-detail"))
        } else {
            match (&self.0, detail, field) {
                (
                    ApiError::App(
                        e @ (AppError::Invalid { .. } | AppError::Refused(_) | AppError::Conflict),
                    ),
                    _,
                    _,
                ) => Some(e.words(lang)),
                (ApiError::TooLarge { field, detail }, _, _) => {
                    Some(format!("{field}: {}", detail.words(lang)))
                }
                (_, Some(d), Some(f)) if !d.contains(&f) => Some(format!("{f}: {d}")),
                (_, d, _) => d,
            }
        };
        let page = ErrorPage {
            title: crate::pages::i18n::error_title(code, title),
            detail,
            home: "/",
            home_label: crate::pages::i18n::text("error-home"),
            console_label: crate::pages::i18n::text("error-console"),
        };
        (status, page).into_response()
    }
}
