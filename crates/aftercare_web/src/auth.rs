//! Who is calling: a staff member or a customer by session cookie, or another system of the shop
//! by API key. Sign-in and sign-out endpoints, the customer's e-mailed link, and the throttle
//! that slows down password guessing.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use aftercare_app::accounts::{NewSession, SignedIn};
use aftercare_core::cases::{Actor, Role};
use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, Path, State};
use axum::http::header::{AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::{Deserialize, Serialize};

use crate::error::Problem;
use crate::extract::ApiJson;
use crate::{ApiError, Web};

/// Sign-in attempts per account and per address, before the throttle answers 429.
#[derive(Debug)]
pub struct Throttle {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl Throttle {
    /// Sign-in link requests: five at once per e-mail, then one a minute; twenty per address,
    /// then one every ten seconds. Their own budget: asking for links naming someone's e-mail
    /// never locks that person out of a password sign-in (counted by the app, failures only).
    pub fn new() -> Throttle {
        let quota = |burst: u32, every: Duration| {
            let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
            Quota::with_period(every).map_or(Quota::per_second(burst), |q| q.allow_burst(burst))
        };
        Throttle {
            per_account: RateLimiter::hashmap(quota(5, Duration::from_secs(60))),
            per_address: RateLimiter::hashmap(quota(20, Duration::from_secs(10))),
        }
    }

    /// True when one more attempt for `account` from `address` is allowed now.
    pub fn allow(&self, account: &str, address: IpAddr) -> bool {
        // Both buckets are charged, so spreading guesses over accounts or addresses does not help.
        let by_address = self.per_address.check_key(&address).is_ok();
        let by_account = self
            .per_account
            .check_key(&account.trim().to_ascii_lowercase())
            .is_ok();
        if self.per_account.len() > 100_000 {
            self.per_account.retain_recent();
            self.per_address.retain_recent();
        }
        by_address && by_account
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::new()
    }
}

/// The session cookie's name: the `__Host-` prefix (which browsers accept only with `Secure`)
/// when the server is reached over TLS.
pub(crate) fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-aftercare"
    } else {
        "aftercare"
    }
}

pub(crate) fn session_cookie(secure: bool, token: &str) -> HeaderValue {
    let secure_attr = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax{secure_attr}",
        cookie_name(secure)
    ))
    .unwrap_or(HeaderValue::from_static("aftercare=; Path=/"))
}

pub(crate) fn cleared_cookie(secure: bool) -> HeaderValue {
    let secure_attr = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure_attr}",
        cookie_name(secure)
    ))
    .unwrap_or(HeaderValue::from_static("aftercare=; Path=/; Max-Age=0"))
}

/// The session token from the request's cookies, if any.
pub(crate) fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookie(headers, cookie_name(secure))
}

/// A cookie's value from the request's `Cookie` headers, if it has one of that name.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// How the caller proved who they are.
#[derive(Debug, Clone)]
pub enum Credentials {
    Session(SignedIn),
    ApiKey { scopes: Vec<String> },
}

/// An authenticated caller. Requests without valid credentials are refused with 401 before the
/// handler runs. A cookie-authenticated write from another site is refused with 403.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub credentials: Credentials,
}

impl Caller {
    /// True for a staff member (any staff role).
    pub fn is_staff(&self) -> bool {
        aftercare_app::is_staff(&self.actor)
    }
}

impl FromRequestParts<Web> for Caller {
    type Rejection = ApiError;

    /// A person signed in with a session. API keys are for the order endpoints only (see
    /// [`StoreCaller`]); elsewhere a key is refused, so a leaked store key reads no returns.
    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, ApiError> {
        if bearer(parts).is_some() {
            return Err(ApiError::App(aftercare_app::AppError::Refused(
                aftercare_core::cases::Refusal::role("refused-api-key-session-only"),
            )));
        }
        session_caller(parts, web).await
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

async fn session_caller(parts: &Parts, web: &Web) -> Result<Caller, ApiError> {
    let token = session_token(&parts.headers, web.secure).ok_or(ApiError::Unauthenticated)?;
    let signed_in = web
        .app
        .session(&token)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if !matches!(parts.method, Method::GET | Method::HEAD) && cross_site(&parts.headers) {
        return Err(ApiError::CrossSite);
    }
    Ok(Caller {
        actor: signed_in.actor.clone(),
        credentials: Credentials::Session(signed_in),
    })
}

/// A caller on the order endpoints: a signed-in person, or the shop's store with an API key
/// carrying `orders:write`.
#[derive(Debug, Clone)]
pub struct StoreCaller(pub Caller);

impl FromRequestParts<Web> for StoreCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, ApiError> {
        let Some(secret) = bearer(parts) else {
            return Ok(StoreCaller(session_caller(parts, web).await?));
        };
        Ok(StoreCaller(
            key_with_scope(web, secret, "orders:write").await?,
        ))
    }
}

/// A system sending tracking events: an API key carrying `tracking:write`, never a session.
#[derive(Debug, Clone)]
pub struct TrackingCaller(pub Caller);

impl FromRequestParts<Web> for TrackingCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, ApiError> {
        let secret = bearer(parts).ok_or(ApiError::Unauthenticated)?;
        Ok(TrackingCaller(
            key_with_scope(web, secret, "tracking:write").await?,
        ))
    }
}

/// A mail provider's inbound webhook posting answers by e-mail: an API key carrying
/// `mail:receive`, never a session.
#[derive(Debug, Clone)]
pub struct InboundMailCaller(pub Caller);

impl FromRequestParts<Web> for InboundMailCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, ApiError> {
        let secret = bearer(parts).ok_or(ApiError::Unauthenticated)?;
        Ok(InboundMailCaller(
            key_with_scope(web, secret, "mail:receive").await?,
        ))
    }
}

/// The caller behind an API key, when the key carries `scope`.
async fn key_with_scope(web: &Web, secret: &str, scope: &str) -> Result<Caller, ApiError> {
    match web.app.authenticate_api_key(secret).await? {
        Some((actor, scopes)) if scopes.iter().any(|s| s == scope) => Ok(Caller {
            actor,
            credentials: Credentials::ApiKey { scopes },
        }),
        Some(_) => Err(ApiError::App(aftercare_app::AppError::Refused(
            aftercare_core::cases::Refusal::role(
                aftercare_core::i18n::Said::new("refused-api-key-scope").with("scope", scope),
            ),
        ))),
        None => Err(ApiError::Unauthenticated),
    }
}

/// A browser says a request comes from another site (`Sec-Fetch-Site`), or its `Origin` is not
/// this server's: with a cookie session, such a write is a forgery attempt.
pub(crate) fn cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (
        headers.get("origin").and_then(|v| v.to_str().ok()),
        headers.get("host").and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => {
            let origin_host = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))
                .unwrap_or(origin);
            origin_host != host
        }
        _ => false,
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StaffSignIn {
    email: String,
    password: String,
}

fn signed_in_response(web_secure: bool, session: &NewSession, body: SessionOut) -> Response {
    let mut response = (StatusCode::OK, Json(body)).into_response();
    response
        .headers_mut()
        .insert(SET_COOKIE, session_cookie(web_secure, &session.token));
    response
}

/// Who a session belongs to.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct SessionOut {
    /// The staff member's id, the customer's e-mail, or the API key's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    name: Option<String>,
    roles: Vec<Role>,
    /// The token a form of the console must echo; none for an API key.
    csrf_token: Option<String>,
}

/// Staff sign-in with e-mail and password; sets the session cookie.
///
/// Failed attempts are throttled per account and per address. Who: anyone.
#[utoipa::path(post, path = "/api/v1/session", tag = "sign-in", request_body(content = StaffSignIn),
    responses(
        (status = 200, description = "Signed in; the cookie is set", body = SessionOut),
        (status = 401, description = "The e-mail or the password is not right", body = Problem,
            content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts lately", body = Problem,
            content_type = "application/problem+json"),
    ))]
pub(crate) async fn staff_sign_in(
    State(web): State<Web>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(input): ApiJson<StaffSignIn>,
) -> Result<Response, ApiError> {
    match web
        .app
        .sign_in_staff(&input.email, &input.password, peer.ip())
        .await?
    {
        aftercare_app::accounts::StaffSignIn::Throttled => Err(ApiError::Throttled),
        aftercare_app::accounts::StaffSignIn::SignedIn(session) => {
            let who = web.app.session(&session.token).await?;
            let body = SessionOut {
                id: None,
                name: who.as_ref().map(|w| w.display_name.clone()),
                roles: who.map(|w| w.actor.roles).unwrap_or_default(),
                csrf_token: Some(session.csrf_token.clone()),
            };
            Ok(signed_in_response(web.secure, &session, body))
        }
        // The same answer whether the e-mail is unknown or the password wrong.
        aftercare_app::accounts::StaffSignIn::Refused => Err(ApiError::BadCredentials),
    }
}

/// Sign out here and on the server.
///
/// Who: anyone.
#[utoipa::path(delete, path = "/api/v1/session", tag = "sign-in",
    responses((status = 204, description = "Signed out; the cookie is cleared")))]
pub(crate) async fn sign_out(
    State(web): State<Web>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = session_token(&headers, web.secure) {
        web.app.sign_out(&token).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(SET_COOKIE, cleared_cookie(web.secure));
    Ok(response)
}

/// Who the session belongs to, with its CSRF token.
///
/// Who: anyone signed in.
#[utoipa::path(get, path = "/api/v1/session", tag = "sign-in",
    responses((status = 200, body = SessionOut)), security(("session" = [])))]
pub(crate) async fn whoami(caller: Caller) -> Json<SessionOut> {
    let (name, csrf) = match &caller.credentials {
        Credentials::Session(s) => (s.display_name.clone(), Some(s.csrf_token.clone())),
        Credentials::ApiKey { .. } => (caller.actor.id.clone(), None),
    };
    Json(SessionOut {
        id: Some(caller.actor.id),
        name: Some(name),
        roles: caller.actor.roles,
        csrf_token: csrf,
    })
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LinkRequest {
    order_number: String,
    email: String,
}

/// The same words whether or not the order and e-mail exist.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct LinkRequested {
    message: &'static str,
}

/// A customer asks for a single-use sign-in link.
///
/// Always 202 with the same words, so the answer tells nobody whether the order and e-mail
/// exist. Who: anyone.
#[utoipa::path(post, path = "/api/v1/sign-in-links", tag = "sign-in", request_body(content = LinkRequest),
    responses(
        (status = 202, description = "A link is on its way if the two belong together",
            body = LinkRequested),
        (status = 429, description = "Too many link requests lately", body = Problem,
            content_type = "application/problem+json"),
    ))]
pub(crate) async fn request_link(
    State(web): State<Web>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(input): ApiJson<LinkRequest>,
) -> Result<Response, ApiError> {
    if !web.throttle.allow(&input.email, peer.ip()) {
        return Err(ApiError::Throttled);
    }
    web.app
        .request_sign_in_link(&input.order_number, &input.email)
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(LinkRequested {
            message: "If the order number and e-mail belong together, a sign-in link is on its way to that address. It works once, for 15 minutes.",
        }),
    )
        .into_response())
}

#[derive(askama::Template, askama_web::WebTemplate)]
#[template(path = "sign_in_link.html")]
struct LinkPage {
    token: String,
}

/// `GET /sign-in/{token}`: a page with one button. Opening the link does not use it, so mail
/// scanners that fetch links cannot spend it; pressing the button does.
pub(crate) async fn link_page(Path(token): Path<String>) -> Response {
    let token: String = token
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(128)
        .collect();
    LinkPage { token }.into_response()
}

/// `POST /sign-in/{token}`: uses the link once and opens the customer's session. A language
/// the visitor chose before signing in (the switch on the sign-in page) is kept with their
/// orders from now on, as if they had chosen it signed in.
pub(crate) async fn use_link(
    State(web): State<Web>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, crate::PageError> {
    match web.app.open_sign_in_link(&token).await? {
        Some(session) => {
            if let Some(lang) = crate::pages::i18n::chosen(&headers)
                && let Ok(Some(who)) = web.app.session(&session.token).await
            {
                web.app.choose_language(&who.actor, lang).await?;
            }
            let mut response = Redirect::to("/").into_response();
            *response.status_mut() = StatusCode::SEE_OTHER;
            response
                .headers_mut()
                .insert(SET_COOKIE, session_cookie(web.secure, &session.token));
            Ok(response)
        }
        None => Err(ApiError::LinkUnusable.into()),
    }
}

/// A customer-only or staff-only guard for handlers that need one.
pub(crate) fn require_staff(caller: &Caller) -> Result<(), ApiError> {
    if caller.is_staff() {
        Ok(())
    } else {
        Err(ApiError::App(aftercare_app::AppError::Refused(
            aftercare_core::cases::Refusal::only("staff", "doing-use-console"),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_throttle_allows_a_few_tries_per_account_then_refuses() {
        let t = Throttle::new();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..5 {
            assert!(t.allow("li@shop.example", ip));
        }
        assert!(
            !t.allow("LI@shop.example", ip),
            "case does not make a new account"
        );
        assert!(
            t.allow("mo@shop.example", ip),
            "another account is not slowed down"
        );
    }

    #[test]
    fn cross_site_writes_are_recognised() {
        let mut h = HeaderMap::new();
        assert!(!cross_site(&h), "a non-browser client sends neither header");
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(cross_site(&h));
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(!cross_site(&h));
        let mut h = HeaderMap::new();
        h.insert("host", HeaderValue::from_static("shop.example"));
        h.insert("origin", HeaderValue::from_static("https://evil.example"));
        assert!(cross_site(&h));
        h.insert("origin", HeaderValue::from_static("https://shop.example"));
        assert!(!cross_site(&h));
    }

    #[test]
    fn the_session_cookie_is_found_among_others_and_prefixed_only_over_tls() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, HeaderValue::from_static("a=1; aftercare=tok; b=2"));
        assert_eq!(session_token(&h, false).as_deref(), Some("tok"));
        assert_eq!(session_token(&h, true), None);
        let cookie = session_cookie(true, "x");
        let cookie = cookie.to_str().unwrap();
        assert!(cookie.starts_with("__Host-aftercare=x;"));
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("Secure")
                && cookie.contains("SameSite=Lax")
        );
    }
}
