//! Server-rendered pages over the same app layer as the JSON API: the customer portal (`/`) and
//! the staff console (`/staff`). Real forms that work without JavaScript; errors shown next to
//! the field with the input kept; every signed-in POST carries the session's CSRF token.
//!
//! So far: sign-in for customers (e-mailed link) and staff, a customer's orders and an order's
//! page with its cases and timeline, the staff dashboard of open cases by deadline.

pub(crate) mod admin;
mod charts;
pub(crate) mod console;
mod decision;
mod extract;
mod ledger;
pub(crate) mod policy;
pub(crate) mod wizard;

use std::net::SocketAddr;

use aftercare_app::accounts::SignedIn;
use aftercare_core::cases::Role;
use aftercare_store::{CaseKind, CaseRecord, OrderRecord, QueueQuery, Store};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::{cleared_cookie, cross_site, session_cookie, session_token};
use crate::{ApiError, PageError, Web};
use extract::{Staff, Visitor};

/// The one stylesheet.
pub(crate) async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
        .into_response()
}

async fn signed_in<S: Store + 'static>(web: &Web<S>, headers: &HeaderMap) -> Option<SignedIn> {
    let token = session_token(headers, web.secure)?;
    web.app.session(&token).await.ok().flatten()
}

fn is_staff(who: &SignedIn) -> bool {
    aftercare_app::is_staff(&who.actor)
}

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

fn words(kind: &str) -> String {
    let text = kind.replace(['_', '-'], " ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn case_title(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Order => "Delivery",
        CaseKind::Return => "Return",
        CaseKind::Buyback => "Buyback",
        CaseKind::Refund => "Refund",
        CaseKind::Appeal => "Appeal",
        CaseKind::Parcel => "Parcel",
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/sign_in.html")]
struct PortalSignIn {
    sent: bool,
    throttled: bool,
    order_number: String,
    email: String,
    order_number_error: Option<&'static str>,
    email_error: Option<&'static str>,
}

struct OrderSummary {
    number: String,
    placed: String,
    total: String,
    status: String,
    tracking: Option<String>,
    signed: Option<String>,
    /// What the customer can or should do now: words and where to do it.
    todo: Vec<(String, String)>,
    /// Case id and a line about it.
    cases: Vec<(String, String)>,
}

/// The snake_case name the JSON contract gives an enum value (a reason, a grade).
pub(crate) fn code<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Sets `Cache-Control: no-store`: staff pages and case pages hold personal data.
pub(crate) fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The signing date in the shop's time zone, once the order is signed.
fn signing_date<S: Store + 'static>(
    web: &Web<S>,
    order: &OrderRecord,
    cases: &[CaseRecord],
) -> Option<String> {
    let signed = web.app.signed_at(order, cases).ok().flatten()?;
    let zone = web
        .app
        .policy()
        .version_at(order.placed_at)?
        .time_zone
        .clone();
    Some(signed.to_zoned(zone).strftime("%-d %B %Y").to_string())
}

/// A deadline as the pages show it, marked when it was counted through a year whose official
/// holiday notice is not in the calendar yet: it may still move.
fn due<S: Store + 'static>(web: &Web<S>, d: jiff::civil::Date) -> String {
    match web.app.provisional_year(d) {
        Some(year) => {
            format!("{d} (provisional: the official {year} holiday notice is not out yet)")
        }
        None => d.to_string(),
    }
}

/// What the customer can do now on an order, each with its deadline: the answers the shop waits
/// for, the choices of open cases, and the requests the return windows still allow.
fn what_now<S: Store + 'static>(
    web: &Web<S>,
    order: &OrderRecord,
    cases: &[CaseRecord],
) -> Vec<(String, String)> {
    let mut todo = Vec::new();
    let order_page = format!("/orders/{}", order.number);
    for case in cases {
        let due = case
            .deadline
            .map(|d| format!(" by {}", d.strftime("%-d %B")))
            .unwrap_or_default();
        let here = format!("/cases/{}", case.id);
        let item = match (case.kind, case.state.as_str()) {
            (CaseKind::Order, "awaiting_photo_approval") => Some((
                "Approve the photos of your assembled product".to_owned(),
                format!("{order_page}#photos"),
            )),
            (CaseKind::Order, "awaiting_shortage_consent") => Some((
                "Tell us what to do about a missing accessory".to_owned(),
                format!("{order_page}#shortage"),
            )),
            (CaseKind::Return, "approved") => Some((
                format!(
                    "Send the parcel with RMA number {}",
                    case.rma.clone().unwrap_or_default()
                ),
                here,
            )),
            (CaseKind::Return, "inspection_failed") => Some((
                format!("Choose what happens to the returned goods{due}"),
                here,
            )),
            (CaseKind::Buyback, "quoted" | "revised") => {
                Some((format!("Accept or decline our offer{due}"), here))
            }
            (CaseKind::Buyback, "accepted") => Some(("Send us the goods".to_owned(), here)),
            _ => None,
        };
        todo.extend(item);
    }
    let Ok(windows) = web.app.return_windows(order, cases) else {
        return todo;
    };
    let zone = web
        .app
        .policy()
        .version_at(order.placed_at)
        .map(|v| (v.time_zone.clone(), v.time_zone_name.clone()));
    // Reasons whose windows close the same day read as one line.
    let mut by_day: Vec<(jiff::civil::Date, Vec<&'static str>, String)> = Vec::new();
    for w in windows.iter().filter(|w| w.open) {
        let code = code(w.reason);
        if w.reason == aftercare_core::policy::ReturnReason::TransportDamage {
            let until = match (w.until, &zone) {
                _ if w.kept_open => "; it was noted when you signed".to_owned(),
                (Some(t), Some((tz, name))) => format!(
                    " until {} ({name} time)",
                    t.to_zoned(tz.clone()).strftime("%-d %B %H:%M")
                ),
                _ => format!(" until {}", w.last_day.strftime("%-d %B")),
            };
            todo.push((
                format!("Report damage found at signing{until}"),
                format!("{order_page}/request?kind=return&reason={code}"),
            ));
            continue;
        }
        match by_day.iter_mut().find(|(d, _, _)| *d == w.last_day) {
            Some((_, labels, _)) => labels.push(w.reason.label()),
            None => by_day.push((w.last_day, vec![w.reason.label()], code)),
        }
    }
    for (day, labels, code) in by_day {
        todo.push((
            format!(
                "Return for {} possible until {}",
                labels.join(" or "),
                day.strftime("%-d %B %Y")
            ),
            format!("{order_page}/request?kind=return&reason={code}"),
        ));
    }
    // Return windows exist once the order is signed; so does the buyback program's offer.
    if !windows.is_empty() {
        todo.push((
            "Sell it back to our buyback program (30–70% of the price paid)".to_owned(),
            format!("{order_page}/request?kind=buyback"),
        ));
    }
    todo
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/orders.html")]
struct PortalOrders {
    email: String,
    csrf: String,
    orders: Vec<OrderSummary>,
}

/// The order's state in words and its tracking link, from its fulfilment case.
fn order_status(order: &OrderRecord, cases: &[CaseRecord]) -> (String, Option<String>) {
    let fulfilment = cases.iter().find(|c| c.kind == CaseKind::Order);
    let tracking = fulfilment
        .and_then(|c| c.data.pointer("/shipment/tracking_url"))
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    let status = match fulfilment {
        Some(c) => words(&c.state),
        None if order.data.get("signed_at").is_some_and(|v| !v.is_null()) => "Signed".into(),
        None => "Placed".into(),
    };
    (status, tracking)
}

/// What the order cost in all: its lines, shipping and duties, exactly.
fn amount(order: &OrderRecord) -> String {
    use aftercare_core::{Currency, Money};
    let total = (|| {
        let currency = Currency::parse(&order.currency).ok()?;
        let money = |v: &serde_json::Value| Money::parse(v.as_str()?, currency).ok();
        let mut total = Money::zero(currency);
        for line in order.data.get("lines")?.as_array()? {
            let quantity = u32::try_from(line["quantity"].as_u64()?).ok()?;
            total = total
                .checked_add(money(&line["unit_price"])?.times(quantity).ok()?)
                .ok()?;
        }
        for extra in ["shipping_paid", "duties_paid"] {
            if let Some(m) = order.data.get(extra).and_then(money) {
                total = total.checked_add(m).ok()?;
            }
        }
        Some(total)
    })();
    total.map_or_else(|| order.currency.clone(), |t| t.to_string())
}

fn case_line(c: &CaseRecord) -> String {
    let due = c
        .deadline
        .filter(|_| c.is_open)
        .map(|d| format!(", next step due by {d}"))
        .unwrap_or_default();
    format!(
        "{}: {}{due}",
        case_title(c.kind),
        words(&c.state).to_lowercase()
    )
}

/// `GET /`: the customer's orders, or the sign-in form.
pub(crate) async fn home<S: Store + 'static>(
    State(web): State<Web<S>>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let Some(who) = signed_in(&web, &headers).await else {
        return Ok(PortalSignIn {
            sent: false,
            throttled: false,
            order_number: String::new(),
            email: String::new(),
            order_number_error: None,
            email_error: None,
        }
        .into_response());
    };
    if is_staff(&who) {
        return Ok(see_other("/staff"));
    }
    let mut orders = Vec::new();
    for order in web.app.customer_orders(&who.actor).await? {
        let cases = web.app.cases_of(&who.actor, &order).await?;
        let (status, tracking) = order_status(&order, &cases);
        orders.push(OrderSummary {
            placed: order.placed_at.strftime("%Y-%m-%d").to_string(),
            total: amount(&order),
            status,
            tracking,
            signed: signing_date(&web, &order, &cases),
            todo: what_now(&web, &order, &cases),
            cases: cases
                .iter()
                .filter(|c| c.kind != CaseKind::Order)
                .map(|c| (c.id.clone(), case_line(c)))
                .collect(),
            number: order.number,
        });
    }
    Ok(PortalOrders {
        email: who.display_name,
        csrf: who.csrf_token,
        orders,
    }
    .into_response())
}

#[derive(Deserialize)]
pub(crate) struct LinkForm {
    #[serde(default)]
    order_number: String,
    #[serde(default)]
    email: String,
}

/// `POST /sign-in`: asks for the e-mailed link; the page says the same whether or not the order
/// and e-mail match.
pub(crate) async fn request_link<S: Store + 'static>(
    State(web): State<Web<S>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: Result<Form<LinkForm>, FormRejection>,
) -> Result<Response, PageError> {
    if cross_site(&headers) {
        return Err(ApiError::CrossSite.into());
    }
    let Form(form) = form.map_err(|e| ApiError::Malformed(e.body_text()))?;
    let order_number_error = form
        .order_number
        .trim()
        .is_empty()
        .then_some("Give the order number from your order confirmation.");
    let email_error =
        (!form.email.contains('@')).then_some("Give the e-mail address you ordered with.");
    let page = |sent: bool, order_number_error, email_error| PortalSignIn {
        sent,
        throttled: false,
        order_number: form.order_number.clone(),
        email: form.email.clone(),
        order_number_error,
        email_error,
    };
    if order_number_error.is_some() || email_error.is_some() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(false, order_number_error, email_error),
        )
            .into_response());
    }
    if !web.throttle.allow(&form.email, peer.ip()) {
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            PortalSignIn {
                throttled: true,
                ..page(false, None, None)
            },
        )
            .into_response());
    }
    web.app
        .request_sign_in_link(&form.order_number, &form.email)
        .await?;
    Ok(page(true, None, None).into_response())
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /sign-out`: ends the session on the server; the form carries the CSRF token.
pub(crate) async fn sign_out<S: Store + 'static>(
    State(web): State<Web<S>>,
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

#[derive(Template, WebTemplate)]
#[template(path = "portal/order.html")]
struct PortalOrder {
    csrf: String,
    number: String,
    placed: String,
    total: String,
    status: String,
    tracking: Option<String>,
    signed: Option<String>,
    todo: Vec<(String, String)>,
    lines: Vec<(String, u64, String)>,
    cases: Vec<CaseCard>,
    timeline: Vec<(String, String)>,
    /// The fulfilment case's version, for the customer's answers.
    version: i64,
    /// Photos and videos of the assembled product waiting for the customer's approval.
    photos: Vec<Media>,
    /// The shop's question about a missing accessory, waiting for an answer.
    shortage: Option<String>,
    /// Order lines the customer may drop instead of waiting (sku, name).
    droppable: Vec<(String, String)>,
    /// What was paid, refunded and owed, and where each unit is.
    ledger: ledger::LedgerView,
    case_base: &'static str,
    error: Option<String>,
}

/// An uploaded file as a page shows it.
struct Media {
    id: String,
    video: bool,
}

async fn media<S: Store + 'static>(
    web: &Web<S>,
    who: &SignedIn,
    ids: impl Iterator<Item = &str>,
) -> Vec<Media> {
    let mut out = Vec::new();
    for id in ids {
        // Ids that do not resolve (a file removed, a made-up id), and photos without a
        // thumbnail, are left out rather than shown broken.
        if let Ok(record) = web.app.evidence(&who.actor, id).await
            && (record.media_type.starts_with("video/") || record.width.is_some())
        {
            out.push(Media {
                video: record.media_type.starts_with("video/"),
                id: record.id,
            });
        }
    }
    out
}

struct CaseCard {
    id: String,
    title: String,
    state: String,
    deadline: Option<String>,
    rma: Option<String>,
}

/// `GET /orders/{number}`: the order, its requests and its delivery timeline. Someone else's
/// order is "not found".
pub(crate) async fn order_page<S: Store + 'static>(
    State(web): State<Web<S>>,
    Visitor(who): Visitor,
    Path(number): Path<String>,
) -> Result<Response, PageError> {
    render_order(&web, &who, &number, None).await
}

async fn render_order<S: Store + 'static>(
    web: &Web<S>,
    who: &SignedIn,
    number: &str,
    error: Option<String>,
) -> Result<Response, PageError> {
    let (order, cases) = match web.app.order_with_cases(&who.actor, number).await {
        Ok(found) => found,
        Err(aftercare_app::AppError::NotFound(_)) => {
            return Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let (status, tracking) = order_status(&order, &cases);
    let account_of_order = web.app.ledger_from(&order, &cases)?;
    let lines = order
        .data
        .get("lines")
        .and_then(|l| l.as_array())
        .map(|lines| {
            lines
                .iter()
                .map(|l| {
                    (
                        l["name"].as_str().unwrap_or_default().to_owned(),
                        l["quantity"].as_u64().unwrap_or_default(),
                        format!(
                            "{} {}",
                            l["unit_price"].as_str().unwrap_or_default(),
                            order.currency
                        ),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut timeline = Vec::new();
    if let Some(fulfilment) = cases.iter().find(|c| c.kind == CaseKind::Order) {
        for e in web.app.timeline(&who.actor, &fulfilment.id).await? {
            timeline.push((
                e.at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
                words(&e.kind),
            ));
        }
    }
    let cards = cases
        .iter()
        .filter(|c| c.kind != CaseKind::Order)
        .map(|c| CaseCard {
            id: c.id.clone(),
            title: case_title(c.kind).to_owned(),
            state: words(&c.state),
            deadline: c.deadline.filter(|_| c.is_open).map(|d| due(web, d)),
            rma: c.rma.clone(),
        })
        .collect();
    let fulfilment = cases.iter().find(|c| c.kind == CaseKind::Order);
    let state = fulfilment.map_or("", |c| c.state.as_str());
    let photos = match fulfilment {
        Some(c) if state == "awaiting_photo_approval" => {
            let ids = c.data["assembly_media"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            media(web, who, ids.iter().filter_map(|v| v.as_str())).await
        }
        _ => Vec::new(),
    };
    let shortage = fulfilment
        .filter(|_| state == "awaiting_shortage_consent")
        .map(|c| c.data["shortage"].as_str().unwrap_or_default().to_owned());
    let droppable = order.data["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            (
                l["sku"].as_str().unwrap_or_default().to_owned(),
                l["name"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let status_code = status_for(error.is_some());
    let page = PortalOrder {
        csrf: who.csrf_token.clone(),
        placed: order.placed_at.strftime("%Y-%m-%d").to_string(),
        total: amount(&order),
        status,
        tracking,
        signed: signing_date(web, &order, &cases),
        todo: what_now(web, &order, &cases),
        lines,
        cases: cards,
        timeline,
        version: fulfilment.map_or(0, |c| c.version),
        photos,
        shortage,
        droppable,
        ledger: ledger::LedgerView::of(&account_of_order, &cases),
        case_base: "/cases/",
        error,
        number: order.number,
    };
    Ok((status_code, page).into_response())
}

/// `POST /orders/{number}/{answer}`: the customer approves the photos of the assembled product,
/// asks for changes, or answers the question about a missing accessory (I.1).
pub(crate) async fn order_answer<S: Store + 'static>(
    State(web): State<Web<S>>,
    Visitor(who): Visitor,
    Path((number, answer)): Path<(String, String)>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, PageError> {
    use aftercare_core::cases::order::{OrderCommand, ShortageAnswer};
    let form = StepForm::checked(form, &who)?;
    let command = match answer.as_str() {
        "approve-photos" => OrderCommand::ApprovePhotos,
        "request-changes" => OrderCommand::RequestChanges {
            comment: form.get("comment"),
        },
        "answer-shortage" => match form.get("choice").as_str() {
            "wait" => OrderCommand::AnswerShortage(ShortageAnswer::Wait),
            "substitute" => OrderCommand::AnswerShortage(ShortageAnswer::Substitute),
            "drop" => OrderCommand::AnswerShortage(ShortageAnswer::DropLine {
                sku: form.get("sku"),
            }),
            _ => {
                return render_order(
                    &web,
                    &who,
                    &number,
                    Some("choice: choose one of the answers".into()),
                )
                .await;
            }
        },
        _ => return Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response()),
    };
    match web
        .app
        .act_on_order(&who.actor, &number, form.version(), command, None)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/orders/{number}"))),
        Err(aftercare_app::AppError::NotFound(_)) => {
            Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response())
        }
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => render_order(&web, &who, &number, Some(e.to_string())).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(
    source = "{% extends \"base.html\" %}{% block title %}Not found{% endblock %}{% block main %}<h1>Not found</h1><p>There is nothing here for you. <a href=\"/\">Back to your orders</a>.</p>{% endblock %}",
    ext = "html"
)]
struct NotFoundPage {}

#[derive(Template, WebTemplate)]
#[template(path = "console/sign_in.html")]
struct StaffSignInPage {
    email: String,
    error: Option<&'static str>,
}

/// `GET /staff/sign-in`.
pub(crate) async fn staff_sign_in_page() -> Response {
    StaffSignInPage {
        email: String::new(),
        error: None,
    }
    .into_response()
}

#[derive(Deserialize)]
pub(crate) struct StaffForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `POST /staff/sign-in`: the same answer whether the e-mail is unknown or the password wrong.
pub(crate) async fn staff_sign_in<S: Store + 'static>(
    State(web): State<Web<S>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    form: Result<Form<StaffForm>, FormRejection>,
) -> Result<Response, PageError> {
    if cross_site(&headers) {
        return Err(ApiError::CrossSite.into());
    }
    let Form(form) = form.map_err(|e| ApiError::Malformed(e.body_text()))?;
    let again = |error| StaffSignInPage {
        email: form.email.clone(),
        error: Some(error),
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

struct QueueRow {
    id: String,
    kind: &'static str,
    rma: Option<String>,
    order: String,
    state: String,
    due: String,
    overdue: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "console/dashboard.html")]
struct StaffDashboard {
    nav: Nav,
    charts: Vec<Chart>,
    /// Weekly figures were cut at the read limit.
    truncated: bool,
    /// Step, open, overdue, and the kind and state for the list's filter.
    counts: Vec<(String, usize, usize, &'static str, String)>,
    cases: Vec<QueueRow>,
}

struct Chart {
    title: &'static str,
    svg: String,
    /// The chart's figures as text, week by week, for screen readers and exact reading.
    rows: Vec<(String, String)>,
    note: Option<String>,
}

/// The dashboard's three charts over the last twelve weeks.
fn dashboard_charts(stats: &aftercare_app::stats::WeeklyStats) -> Vec<Chart> {
    let week = |i: usize| {
        stats
            .weeks
            .get(i)
            .map(|d| format!("Week of {}", d.strftime("%-d %B")))
            .unwrap_or_default()
    };
    let n = stats.weeks.len();
    let requests = (0..n)
        .map(|w| {
            let parts: Vec<String> = stats
                .requests
                .iter()
                .filter(|s| s.values[w] > 0)
                .map(|s| format!("{} {}", s.name, s.values[w]))
                .collect();
            (
                week(w),
                if parts.is_empty() {
                    "none".into()
                } else {
                    parts.join(", ")
                },
            )
        })
        .collect();
    let on_time = (0..n)
        .map(|w| {
            let done = stats.steps_done[w];
            (
                week(w),
                if done == 0 {
                    "no step with a deadline done".into()
                } else {
                    format!(
                        "{}% ({} of {done})",
                        stats.steps_on_time[w] * 100 / done,
                        stats.steps_on_time[w]
                    )
                },
            )
        })
        .collect();
    let payouts = (0..n)
        .map(|w| {
            (
                week(w),
                format!(
                    "refunds {}, buyback {}",
                    charts::total(stats, &stats.refunds[w..=w]),
                    charts::total(stats, &stats.buyback[w..=w])
                ),
            )
        })
        .collect();
    vec![
        Chart {
            title: "Requests per week, by reason",
            svg: charts::requests(stats),
            rows: requests,
            note: None,
        },
        Chart {
            title: "Steps done within their deadline",
            svg: charts::on_time(stats),
            rows: on_time,
            note: None,
        },
        Chart {
            title: "Refunds and buyback payments sent per week",
            svg: charts::payouts(stats),
            rows: payouts,
            note: (!stats.other_currencies.is_empty()).then(|| {
                format!(
                    "Payouts in {} are not in this chart.",
                    stats.other_currencies.join(", ")
                )
            }),
        },
    ]
}

/// `GET /staff`: open cases by deadline with overdue ones marked, and counts by step.
pub(crate) async fn staff_dashboard<S: Store + 'static>(
    State(web): State<Web<S>>,
    Staff(who): Staff,
) -> Result<Response, PageError> {
    let rows = web
        .app
        .queue(
            &who.actor,
            &QueueQuery {
                limit: 200,
                ..QueueQuery::default()
            },
        )
        .await?;
    let mut counts: Vec<(String, usize, usize, &'static str, String)> = web
        .app
        .open_counts(&who.actor)
        .await?
        .into_iter()
        .map(|c| {
            (
                format!("{}: {}", case_title(c.kind), words(&c.state).to_lowercase()),
                usize::try_from(c.open).unwrap_or(0),
                usize::try_from(c.overdue).unwrap_or(0),
                c.kind.as_str(),
                c.state,
            )
        })
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let cases = rows
        .iter()
        .map(|r| QueueRow {
            id: r.case.id.clone(),
            kind: case_title(r.case.kind),
            rma: r.case.rma.clone(),
            order: r.case.order_number.clone(),
            state: words(&r.case.state),
            due: r
                .case
                .deadline
                .map_or_else(|| "waiting for the customer".to_owned(), |d| d.to_string()),
            overdue: r.overdue,
        })
        .collect();
    let stats = web.app.weekly_stats(&who.actor, 12).await?;
    Ok(no_store(
        StaffDashboard {
            charts: dashboard_charts(&stats),
            truncated: stats.truncated,
            nav: Nav::of(&who),
            counts,
            cases,
        }
        .into_response(),
    ))
}

/// The console's navigation: who is signed in, the token its sign-out form carries, and whether
/// the admin page is theirs to see.
pub(crate) struct Nav {
    name: String,
    csrf: String,
    admin: bool,
}

impl Nav {
    pub(crate) fn of(who: &SignedIn) -> Nav {
        Nav {
            name: who.display_name.clone(),
            csrf: who.csrf_token.clone(),
            admin: who.actor.has(Role::Admin),
        }
    }
}

/// 422 when a page is shown again with an error, 200 otherwise.
fn status_for(error: bool) -> StatusCode {
    if error {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

/// A submitted step form whose CSRF token matched the session's.
struct StepForm(Vec<(String, String)>);

impl StepForm {
    fn checked(
        form: Result<Form<Vec<(String, String)>>, FormRejection>,
        who: &SignedIn,
    ) -> Result<StepForm, ApiError> {
        let Form(fields) = form.map_err(|e| ApiError::Malformed(e.body_text()))?;
        let form = StepForm(fields);
        if form.get("csrf") == who.csrf_token {
            Ok(form)
        } else {
            Err(ApiError::CrossSite)
        }
    }

    /// A field, trimmed; empty when absent.
    fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// Every value of a field sent more than once (checkboxes), untrimmed.
    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A field as typed, untrimmed (a password's spaces are part of it).
    fn raw(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The case version the form was rendered with.
    fn version(&self) -> Option<i64> {
        self.get("version").parse().ok()
    }
}

struct FormAction {
    name: &'static str,
    label: &'static str,
    fields: Vec<Field>,
}

impl FormAction {
    /// The form sends files, so it is multipart.
    fn multipart(&self) -> bool {
        self.fields.iter().any(|f| f.kind == "file")
    }
}

/// The units per line of a form's `{prefix}{sku}` fields, or which line is not a whole number
/// of `what`.
fn units_in_form(
    form: &[(String, String)],
    prefix: &str,
    what: &str,
) -> Result<Vec<aftercare_core::cases::rma::ReturnLine>, String> {
    form.iter()
        .filter_map(|(name, value)| Some((name.strip_prefix(prefix)?, value)))
        .map(|(sku, value)| {
            value
                .trim()
                .parse::<u32>()
                .map(|quantity| aftercare_core::cases::rma::ReturnLine {
                    sku: sku.to_owned(),
                    quantity,
                })
                .map_err(|_| format!("{sku}: give a whole number of {what}"))
        })
        .collect()
}

/// An agent's quote: the policy's percentage, or another with its reason.
fn quote_form() -> FormAction {
    FormAction {
        name: "quote",
        label: "Send the quote",
        fields: vec![
            Field::text(
                "percent",
                "Percentage of the price paid (empty: the policy's)",
            )
            .optional(),
            Field::textarea("note", "Why another percentage").optional(),
        ],
    }
}

/// One input of a step's form.
struct Field {
    name: String,
    label: String,
    value: String,
    /// `text`, `textarea`, `number`, `datetime-local`, `checkbox`, `select`.
    kind: &'static str,
    required: bool,
    /// A `select`'s choices: (value, label).
    options: Vec<(String, String)>,
}

impl Field {
    fn text(name: &str, label: &str) -> Field {
        Field {
            name: name.to_owned(),
            label: label.to_owned(),
            value: String::new(),
            kind: "text",
            required: true,
            options: Vec::new(),
        }
    }

    fn select(name: &str, label: &str, options: Vec<(String, String)>) -> Field {
        Field {
            kind: "select",
            options,
            ..Field::text(name, label)
        }
    }

    fn textarea(name: &str, label: &str) -> Field {
        Field {
            kind: "textarea",
            ..Field::text(name, label)
        }
    }

    fn optional(self) -> Field {
        Field {
            required: false,
            ..self
        }
    }

    fn kind(self, kind: &'static str) -> Field {
        Field { kind, ..self }
    }

    fn value(self, value: impl Into<String>) -> Field {
        Field {
            value: value.into(),
            ..self
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "console/case.html")]
struct StaffCase {
    nav: Nav,
    /// What the request says: lines, reason or condition, description, amounts.
    facts: Vec<(String, String)>,
    media: Vec<Media>,
    id: String,
    version: i64,
    title: String,
    order_number: String,
    customer: String,
    state: String,
    deadline: Option<String>,
    rma: Option<String>,
    clauses: Vec<String>,
    actions: Vec<FormAction>,
    timeline: Vec<TimelineEntry>,
    error: Option<String>,
}

/// A case's history as staff read it: when, what and by whom, why, and whether it is an
/// internal note.
pub(crate) async fn staff_timeline<S: Store + 'static>(
    web: &Web<S>,
    who: &SignedIn,
    case_id: &str,
) -> Result<Vec<TimelineEntry>, ApiError> {
    Ok(web
        .app
        .timeline(&who.actor, case_id)
        .await?
        .into_iter()
        .map(|e| {
            (
                e.at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
                format!(
                    "{} by {}",
                    words(&e.kind),
                    e.actor["id"].as_str().unwrap_or_default()
                ),
                e.reason.unwrap_or_default(),
                e.kind == aftercare_app::INTERNAL_NOTE,
            )
        })
        .collect())
}

/// When, what and by whom, why, and whether it is an internal note.
pub(crate) type TimelineEntry = (String, String, String, bool);

/// Every evidence id a case's data names, in order, once.
fn evidence_ids(data: &serde_json::Value) -> Vec<String> {
    // The machines name their evidence lists `evidence`, `photos`, `assembly_media`,
    // `damage_evidence`, `revision_photos`...
    fn holds_evidence(key: &str) -> bool {
        key.ends_with("evidence") || key.ends_with("photos") || key.ends_with("media")
    }
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match v {
                        serde_json::Value::Array(items) if holds_evidence(k) => {
                            for id in items.iter().filter_map(|i| i.as_str()) {
                                if !out.iter().any(|o| o == id) {
                                    out.push(id.to_owned());
                                }
                            }
                        }
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(data, &mut out);
    out
}

/// Money as the case data stores it (`{"amount": "12.00", "currency": "USD"}`), in words.
fn money_text(v: &serde_json::Value) -> Option<String> {
    Some(format!(
        "{} {}",
        v.get("amount")?.as_str()?,
        v.get("currency")?.as_str()?
    ))
}

/// The request's own words and numbers, for the person deciding on it.
fn case_facts(case: &CaseRecord) -> Vec<(String, String)> {
    let d = &case.data;
    let mut out = Vec::new();
    let lines: Vec<String> = d["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            format!(
                "{} × {}",
                l["quantity"].as_u64().unwrap_or_default(),
                l["sku"].as_str().unwrap_or_default()
            )
        })
        .collect();
    if !lines.is_empty() {
        out.push(("Items".to_owned(), lines.join(", ")));
    }
    if let Some(r) = d["reason"].as_str() {
        out.push(("Reason".to_owned(), words(r)));
    }
    if let Some(c) = d.get("condition").filter(|c| c.is_object()) {
        out.push((
            "Condition".to_owned(),
            format!(
                "{}, {} accessories missing, {}",
                words(c["grade"].as_str().unwrap_or_default()),
                c["missing_accessories"].as_u64().unwrap_or_default(),
                if c["original_packaging"] == true {
                    "with the original packaging"
                } else {
                    "without the original packaging"
                }
            ),
        ));
    }
    for (key, label) in [
        ("description", "Customer says"),
        ("statement", "Customer says"),
        ("subject", "Appeal against"),
        ("tracking_number", "Return tracking"),
        ("method", "Payment method"),
        ("payment_reference", "Payment reference"),
    ] {
        if let Some(text) = d[key].as_str().filter(|t| !t.is_empty()) {
            out.push((label.to_owned(), text.to_owned()));
        }
    }
    for (key, label) in [
        ("amount", "Amount"),
        ("base", "Paid for the items"),
        ("return_costs", "Return costs"),
    ] {
        if let Some(m) = money_text(&d[key]) {
            out.push((label.to_owned(), m));
        }
    }
    if let Some(refund) = d["decision"]["refund"]["total"].as_str() {
        out.push((
            "Refund the policy gives".to_owned(),
            format!(
                "{refund} {}",
                d["decision"]["refund"]["currency"]
                    .as_str()
                    .unwrap_or_default()
            ),
        ));
    }
    out
}

/// The steps this person's roles allow on the case in its state, as forms.
fn actions_for(case: &CaseRecord, who: &SignedIn) -> Vec<FormAction> {
    let has = |r: Role| who.actor.has(r);
    let reasons = || vec![Field::textarea("reasons", "Reasons")];
    let mut out = Vec::new();
    match (case.kind, case.state.as_str()) {
        (CaseKind::Return, "requested") if has(Role::Agent) => {
            out.push(FormAction {
                name: "approve",
                label: "Approve and issue the RMA",
                fields: vec![],
            });
            out.push(FormAction {
                name: "reject",
                label: "Reject",
                fields: reasons(),
            });
            out.push(FormAction {
                name: "send-to-buyback",
                label: "Send to the buyback program",
                fields: reasons(),
            });
        }
        (CaseKind::Return, "approved" | "in_transit") if has(Role::Warehouse) => {
            let mut fields = Vec::new();
            for line in case.data["lines"].as_array().into_iter().flatten() {
                let sku = line["sku"].as_str().unwrap_or_default();
                let quantity = line["quantity"].as_u64().unwrap_or_default();
                fields.push(
                    Field::text(
                        &format!("received:{sku}"),
                        &format!("{sku}: units received"),
                    )
                    .kind("number")
                    .value(quantity.to_string()),
                );
                fields.push(
                    Field::text(
                        &format!("damaged:{sku}"),
                        &format!("{sku}: of which damaged"),
                    )
                    .kind("number")
                    .value("0"),
                );
            }
            out.push(FormAction {
                name: "receive",
                label: "Record the parcel as received",
                fields,
            });
        }
        (CaseKind::Return, "received") if has(Role::Warehouse) => {
            let mut fields = vec![
                Field::text(
                    "return_costs",
                    "Return costs confirmed from the customer's receipt (III.2)",
                )
                .optional(),
            ];
            // Each received unit is judged again: damaged ones go where the policy sends them.
            for line in case.data["received"].as_array().into_iter().flatten() {
                let sku = line["sku"].as_str().unwrap_or_default();
                fields.push(
                    Field::text(
                        &format!("damaged:{sku}"),
                        &format!(
                            "{sku}: of the {} received, found damaged",
                            line["received"].as_u64().unwrap_or_default()
                        ),
                    )
                    .kind("number")
                    .value(line["damaged"].as_u64().unwrap_or_default().to_string()),
                );
            }
            out.push(FormAction {
                name: "pass-inspection",
                label: "Inspection passed",
                fields,
            });
            out.push(FormAction {
                name: "fail-inspection",
                label: "Inspection failed",
                fields: vec![
                    Field::textarea("reasons", "What the inspection found"),
                    Field::text("files", "Photos of what was found")
                        .kind("file")
                        .optional(),
                ],
            });
        }
        (CaseKind::Return, "inspection_passed") if has(Role::Agent) => {
            out.push(FormAction {
                name: "grant-refund",
                label: "Grant the refund",
                fields: vec![],
            });
        }
        (CaseKind::Appeal, "filed") if has(Role::Agent) => {
            out.push(FormAction {
                name: "uphold",
                label: "Uphold the result",
                fields: vec![Field::textarea("opinion", "Final opinion")],
            });
            let correction = if case.data["subject"] == "quote" {
                Field::text("quote_percent", "Corrected quote, % of the price paid")
            } else {
                Field::text("refund", "Corrected refund amount")
            };
            out.push(FormAction {
                name: "change",
                label: "Change the result",
                fields: vec![
                    Field::textarea("opinion", "Final opinion"),
                    correction.optional(),
                ],
            });
        }
        (CaseKind::Appeal, "upheld" | "changed") if has(Role::Agent) => {
            out.push(FormAction {
                name: "record-mediation",
                label: "Record the mediation",
                fields: vec![
                    Field::text("mediator", "Mediator (platform or body)"),
                    Field::textarea("notes", "Notes"),
                ],
            });
        }
        (CaseKind::Buyback, "parcel_without_rma" | "goods_held") if has(Role::Warehouse) => {
            out.push(FormAction {
                name: "grade",
                label: "Record the grading",
                fields: vec![
                    Field::select(
                        "grade",
                        "Condition found",
                        aftercare_core::policy::Grade::ALL
                            .iter()
                            .map(|g| (code(g), g.label().to_owned()))
                            .collect(),
                    ),
                    Field::text("missing_accessories", "Accessories missing")
                        .kind("number")
                        .value("0"),
                    Field::text("original_packaging", "In its original packaging")
                        .kind("checkbox")
                        .optional(),
                ],
            });
            if has(Role::Agent) {
                out.push(quote_form());
            }
        }
        (CaseKind::Buyback, "applied" | "parcel_without_rma" | "goods_held")
            if has(Role::Agent) =>
        {
            out.push(quote_form());
        }
        (CaseKind::Buyback, "confirmed" | "revision_accepted") if has(Role::Agent) => {
            out.push(FormAction {
                name: "grant-refund",
                label: "Grant the buyback payment",
                fields: vec![],
            });
        }
        (CaseKind::Buyback, "in_transit") if has(Role::Warehouse) => {
            out.push(FormAction {
                name: "receive-buyback",
                label: "Record the goods as received",
                fields: vec![],
            });
        }
        (CaseKind::Buyback, "received") if has(Role::Warehouse) => {
            out.push(FormAction {
                name: "confirm",
                label: "Inspection confirms the quote",
                fields: vec![],
            });
            out.push(FormAction {
                name: "revise",
                label: "Revise the offer",
                fields: vec![
                    Field::text("amount", "New amount"),
                    Field::textarea("reasons", "Reasons"),
                    Field::text("files", "Photos of what was found")
                        .kind("file")
                        .optional(),
                ],
            });
        }
        (CaseKind::Order, state) => {
            let field = Field::text;
            if state == "placed" && has(Role::Agent) {
                out.push(FormAction {
                    name: "verify-payment",
                    label: "Payment verified",
                    fields: vec![],
                });
            }
            if state == "payment_verified" && (has(Role::Warehouse) || has(Role::Agent)) {
                out.push(FormAction {
                    name: "start-assembly",
                    label: "Start assembly",
                    fields: vec![],
                });
                out.push(FormAction {
                    name: "report-shortage",
                    label: "Ask the customer about a missing accessory",
                    fields: vec![field("message", "What is missing, and the choices")],
                });
            }
            if state == "assembling" && (has(Role::Warehouse) || has(Role::Agent)) {
                out.push(FormAction {
                    name: "assembly-photos",
                    label: "Send the photos for approval by the customer",
                    fields: vec![
                        field("files", "Photos or videos of the assembled product").kind("file"),
                    ],
                });
            }
            if state == "photos_approved" && has(Role::Warehouse) {
                out.push(FormAction {
                    name: "pack",
                    label: "Packed",
                    fields: vec![],
                });
            }
            if state == "packed" && has(Role::Warehouse) {
                out.push(FormAction {
                    name: "ship",
                    label: "Shipped",
                    fields: vec![
                        field("carrier", "Carrier"),
                        field("tracking_number", "Tracking number"),
                        field("tracking_url", "Tracking link"),
                    ],
                });
            }
            if state == "shipped" && has(Role::Agent) {
                out.push(FormAction {
                    name: "sign",
                    label: "Record the signing",
                    fields: vec![
                        field("signed_at", "Signed at (the shop's local time)")
                            .kind("datetime-local"),
                    ],
                });
            }
            if state == "shipped" && (has(Role::Warehouse) || has(Role::Agent)) {
                out.push(FormAction {
                    name: "returned-to-sender",
                    label: "The parcel came back undelivered",
                    fields: vec![field(
                        "reason",
                        "Why: wrong_address, unreachable or refused",
                    )],
                });
            }
            if state == "shipped" && has(Role::Agent) {
                out.push(FormAction {
                    name: "hold-at-customs",
                    label: "Held at customs",
                    fields: vec![Field::textarea("note", "What customs asks for")],
                });
            }
            if state == "held_at_customs" && has(Role::Agent) {
                out.push(FormAction {
                    name: "release-from-customs",
                    label: "Released by customs",
                    fields: vec![],
                });
            }
            if matches!(state, "shipped" | "held_at_customs") && has(Role::Agent) {
                out.push(FormAction {
                    name: "destroyed-at-customs",
                    label: "Destroyed by customs",
                    fields: vec![Field::textarea("note", "What customs reported")],
                });
            }
            if state == "returned_to_sender" && has(Role::Agent) {
                out.push(FormAction {
                    name: "reship",
                    label: "Reship (the customer paid the second shipping)",
                    fields: vec![field("second_shipping_fee", "Second shipping fee paid")],
                });
                out.push(FormAction {
                    name: "settle-returned-parcel",
                    label: "Not reshipped: refund after deductions",
                    fields: vec![
                        field("return_processing_fee", "Return processing fee").value("0.00"),
                    ],
                });
            }
            if matches!(
                state,
                "placed"
                    | "payment_verified"
                    | "awaiting_shortage_consent"
                    | "assembling"
                    | "awaiting_photo_approval"
            ) && has(Role::Agent)
            {
                out.push(FormAction {
                    name: "cancel",
                    label: "Cancel the order",
                    fields: vec![field("reason", "Reason")],
                });
            }
        }
        (CaseKind::Refund, "granted" | "failed") if has(Role::Finance) => {
            out.push(FormAction {
                name: "send",
                label: "Send the refund",
                fields: vec![Field::text("payment_reference", "Payment reference")],
            });
        }
        (CaseKind::Refund, "sent") if has(Role::Finance) => {
            out.push(FormAction {
                name: "settle",
                label: "The payment provider confirmed it",
                fields: vec![],
            });
            out.push(FormAction {
                name: "fail",
                label: "The payment failed",
                fields: vec![Field::text("failure", "What the payment provider said")],
            });
        }
        _ => {}
    }
    out
}

async fn render_case<S: Store + 'static>(
    web: &Web<S>,
    who: &SignedIn,
    id: &str,
    error: Option<String>,
) -> Result<Response, PageError> {
    let case = match web.app.case(&who.actor, id).await {
        Ok(c) => c,
        Err(aftercare_app::AppError::NotFound(_)) => {
            return Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let timeline = staff_timeline(web, who, &case.id).await?;
    let ids = evidence_ids(&case.data);
    let media = media(web, who, ids.iter().map(String::as_str)).await;
    // The decision kept with the case: its reasons in words, then the clauses they come from.
    let decision = &case.data["decision"];
    let mut clauses: Vec<String> = decision["reasons"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str().map(str::to_owned))
        .collect();
    let ids: Vec<&str> = decision["clauses"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c.as_str())
        .collect();
    if !ids.is_empty() {
        clauses.push(format!("Clauses: {}", ids.join(", ")));
    }
    let status = status_for(error.is_some());
    let page = StaffCase {
        nav: Nav::of(who),
        facts: case_facts(&case),
        media,
        actions: actions_for(&case, who),
        id: case.id.clone(),
        version: case.version,
        title: format!(
            "{} {}",
            case_title(case.kind),
            case.rma.clone().unwrap_or_default()
        )
        .trim()
        .to_owned(),
        order_number: case.order_number.clone(),
        customer: case.customer_email.clone(),
        state: words(&case.state),
        deadline: case.deadline.filter(|_| case.is_open).map(|d| due(web, d)),
        rma: case.rma.clone(),
        clauses,
        timeline,
        error,
    };
    Ok(no_store((status, page).into_response()))
}

/// `GET /staff/cases/{id}`: the case, its decision and history, and the forms of the steps
/// this person may take now.
pub(crate) async fn staff_case<S: Store + 'static>(
    State(web): State<Web<S>>,
    Staff(who): Staff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    render_case(&web, &who, &id, None).await
}

/// A multipart page form: its text fields, and the files of one input, each checked, cleaned
/// and stored as the signed-in person's evidence.
pub(crate) struct UploadForm {
    pub(crate) fields: Vec<(String, String)>,
    /// Ids of the evidence stored, in the order sent.
    pub(crate) files: Vec<String>,
    /// The last file refused, by name, with why.
    pub(crate) refused: Option<String>,
}

/// What to do with the files after one is refused.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum AfterRefusal {
    /// Store the others too (the wizard keeps them for the next round of the form).
    KeepStoring,
    /// Store nothing more (the step will not run).
    Stop,
}

/// Reads a multipart form whose `file_input` parts are uploads. The CSRF token must come before
/// any file, so a forged request stores nothing; an input left empty (a part without a file
/// name) is skipped.
pub(crate) async fn read_upload_form<S: Store + 'static>(
    web: &Web<S>,
    who: &SignedIn,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
    file_input: &str,
    after_refusal: AfterRefusal,
) -> Result<UploadForm, ApiError> {
    let malformed = |text: String| ApiError::Malformed(format!("multipart: {text}"));
    let mut multipart = multipart.map_err(|e| malformed(e.body_text()))?;
    let mut form = UploadForm {
        fields: Vec::new(),
        files: Vec::new(),
        refused: None,
    };
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| malformed(e.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name != file_input {
            let value = crate::evidence::form_text(&mut field).await?;
            form.fields.push((name, value));
            continue;
        }
        if !form
            .fields
            .iter()
            .any(|(k, v)| k == "csrf" && *v == who.csrf_token)
        {
            return Err(ApiError::CrossSite);
        }
        if field.file_name().is_none_or(str::is_empty)
            || (form.refused.is_some() && after_refusal == AfterRefusal::Stop)
        {
            continue;
        }
        let file = field.file_name().unwrap_or_default().to_owned();
        match crate::evidence::store_field(web, &who.actor, &mut field).await {
            Ok(record) => form.files.push(record.id),
            Err(
                ApiError::App(aftercare_app::AppError::Invalid { message, .. })
                | ApiError::TooLarge {
                    detail: message, ..
                },
            ) => {
                form.refused = Some(format!("{file}: {message}"));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(form)
}

/// `POST /staff/cases/{id}/files/{action}` (multipart): a step that carries photos or videos:
/// the assembly photos sent to the customer for approval (I.1), a failed inspection with its
/// photos (III.2), a revised buyback offer with its photos. Files are cleaned and stored as
/// evidence first; a refused file stops the step and is named.
pub(crate) async fn staff_step_with_files<S: Store + 'static>(
    State(web): State<Web<S>>,
    Staff(who): Staff,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, PageError> {
    use aftercare_app::{BuybackAction, ReturnAction};
    use aftercare_core::cases::order::OrderCommand;
    if cross_site(&headers) {
        return Err(ApiError::CrossSite.into());
    }
    if !matches!(
        action.as_str(),
        "assembly-photos" | "fail-inspection" | "revise"
    ) {
        return Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response());
    }
    let upload = read_upload_form(&web, &who, multipart, "files", AfterRefusal::Stop).await?;
    if let Some(refused) = upload.refused {
        return render_case(&web, &who, &id, Some(refused)).await;
    }
    let files = upload.files;
    let form = StepForm::checked(Ok(Form(upload.fields)), &who)?;
    let version = form.version();
    let outcome = match action.as_str() {
        "assembly-photos" => {
            if files.is_empty() {
                return render_case(
                    &web,
                    &who,
                    &id,
                    Some("files: add at least one photo or video of the assembled product".into()),
                )
                .await;
            }
            let case = web.app.case(&who.actor, &id).await?;
            web.app
                .act_on_order(
                    &who.actor,
                    &case.order_number,
                    version,
                    OrderCommand::SubmitAssemblyMedia { media: files },
                    None,
                )
                .await
        }
        "fail-inspection" => {
            web.app
                .act_on_return(
                    &who.actor,
                    &id,
                    version,
                    ReturnAction::FailInspection {
                        reasons: vec![form.get("reasons")],
                        photos: files,
                    },
                    None,
                )
                .await
        }
        _ => {
            web.app
                .act_on_buyback(
                    &who.actor,
                    &id,
                    version,
                    BuybackAction::Revise {
                        amount: form.get("amount"),
                        reasons: vec![form.get("reasons")],
                        photos: files,
                    },
                    None,
                )
                .await
        }
    };
    match outcome {
        Ok(next) => Ok(see_other(&format!("/staff/cases/{}", next.id))),
        Err(aftercare_app::AppError::NotFound(_)) => {
            Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response())
        }
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => render_case(&web, &who, &id, Some(e.to_string())).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /staff/cases/{id}/{action}`: one step, from its form. Success goes back to the case
/// (or to the refund it opened); a refusal is shown on the case page.
pub(crate) async fn staff_case_action<S: Store + 'static>(
    State(web): State<Web<S>>,
    Staff(who): Staff,
    Path((id, action)): Path<(String, String)>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, PageError> {
    use aftercare_app::ReturnAction;
    use aftercare_core::cases::rma::{ReceivedLine, ReceptionOutcome};
    let form = StepForm::checked(form, &who)?;
    let get = |name: &str| form.get(name);
    let version = form.version();
    let reasons = || vec![get("reasons")];
    let outcome = match action.as_str() {
        "approve" => web
            .app
            .act_on_return(&who.actor, &id, version, ReturnAction::Approve, None)
            .await
            .map(|c| c.id),
        "reject" => web
            .app
            .act_on_return(
                &who.actor,
                &id,
                version,
                ReturnAction::Reject { reasons: reasons() },
                None,
            )
            .await
            .map(|c| c.id),
        "pass-inspection" => {
            let damaged = match units_in_form(&form.0, "damaged:", "damaged units") {
                Ok(lines) => lines,
                Err(message) => return render_case(&web, &who, &id, Some(message)).await,
            };
            web.app
                .act_on_return(
                    &who.actor,
                    &id,
                    version,
                    ReturnAction::PassInspection {
                        return_costs: Some(get("return_costs")).filter(|t| !t.trim().is_empty()),
                        damaged,
                    },
                    None,
                )
                .await
                .map(|c| c.id)
        }
        "receive" => {
            let mut lines = Vec::new();
            let mut bad = None;
            for (name, value) in &form.0 {
                if let Some(sku) = name.strip_prefix("received:") {
                    let received = value.trim().parse::<u32>();
                    let damaged = get(&format!("damaged:{sku}")).parse::<u32>();
                    match (received, damaged) {
                        (Ok(received), Ok(damaged)) => lines.push(ReceivedLine {
                            sku: sku.to_owned(),
                            received,
                            damaged,
                        }),
                        _ => bad = Some(format!("{sku}: give whole numbers of units")),
                    }
                }
            }
            match bad {
                Some(message) => return render_case(&web, &who, &id, Some(message)).await,
                None => web
                    .app
                    .act_on_return(
                        &who.actor,
                        &id,
                        version,
                        ReturnAction::Receive {
                            lines,
                            outcome: ReceptionOutcome::AsExpected,
                        },
                        None,
                    )
                    .await
                    .map(|c| c.id),
            }
        }
        // The form's case and version make the key: a double submit grants once.
        "grant-refund" => web
            .app
            .grant_refund(
                &who.actor,
                &id,
                &format!("page-grant-{id}-{}", version.unwrap_or_default()),
            )
            .await
            .map(|v| v.id),
        "send" => web
            .app
            .send_refund(
                &who.actor,
                &id,
                &get("payment_reference"),
                &format!("page-send-{id}-{}", version.unwrap_or_default()),
            )
            .await
            .map(|v| v.id),
        "send-to-buyback" => web
            .app
            .act_on_return(
                &who.actor,
                &id,
                version,
                ReturnAction::SendToBuyback { reasons: reasons() },
                None,
            )
            .await
            .map(|c| c.id),
        "note" => web
            .app
            .add_internal_note(&who.actor, &id, &get("note"))
            .await
            .map(|()| id.clone()),
        "settle" | "fail" => web
            .app
            .settle_refund(
                &who.actor,
                &id,
                (action == "fail").then(|| get("failure")),
                &format!("page-{action}-{id}-{}", version.unwrap_or_default()),
            )
            .await
            .map(|v| v.id),
        "change" => {
            let mut correction = serde_json::Map::new();
            for key in ["refund", "quote_percent"] {
                let value = get(key);
                if !value.is_empty() {
                    correction.insert(key.to_owned(), serde_json::Value::String(value));
                }
            }
            web.app
                .act_on_appeal(
                    &who.actor,
                    &id,
                    version,
                    aftercare_core::cases::appeal::AppealCommand::Change {
                        opinion: get("opinion"),
                        correction: serde_json::Value::Object(correction),
                    },
                )
                .await
                .map(|c| c.id)
        }
        "record-mediation" => web
            .app
            .act_on_appeal(
                &who.actor,
                &id,
                version,
                aftercare_core::cases::appeal::AppealCommand::RecordMediation {
                    mediator: get("mediator"),
                    notes: get("notes"),
                },
            )
            .await
            .map(|c| c.id),
        step @ ("verify-payment"
        | "start-assembly"
        | "report-shortage"
        | "pack"
        | "ship"
        | "sign"
        | "returned-to-sender"
        | "hold-at-customs"
        | "release-from-customs"
        | "destroyed-at-customs"
        | "reship"
        | "settle-returned-parcel"
        | "cancel") => {
            use aftercare_core::cases::order::{OrderCommand, Shipment};
            let case = web.app.case(&who.actor, &id).await?;
            let command = match step {
                "verify-payment" => OrderCommand::VerifyPayment,
                "start-assembly" => OrderCommand::StartAssembly,
                "report-shortage" => OrderCommand::ReportShortage {
                    message: get("message"),
                },
                "pack" => OrderCommand::Pack,
                "sign" => match shop_time(&web, &get("signed_at")) {
                    Some(signed_at) => OrderCommand::Sign {
                        signed_at,
                        damage_noted: false,
                        evidence: vec![],
                    },
                    None => {
                        return render_case(
                            &web,
                            &who,
                            &id,
                            Some("signed_at: give the date and time, like 2026-03-12T09:30".into()),
                        )
                        .await;
                    }
                },
                "hold-at-customs" => OrderCommand::HoldAtCustoms { note: get("note") },
                "release-from-customs" => OrderCommand::ReleaseFromCustoms,
                "destroyed-at-customs" => OrderCommand::DestroyedAtCustoms { note: get("note") },
                "reship" => {
                    let fee = aftercare_core::Currency::parse(&case_currency(&web, &case).await)
                        .ok()
                        .and_then(|c| {
                            aftercare_core::Money::parse(&get("second_shipping_fee"), c).ok()
                        });
                    match fee {
                        Some(second_shipping_fee) => OrderCommand::Reship {
                            second_shipping_fee,
                        },
                        None => {
                            return render_case(
                                &web,
                                &who,
                                &id,
                                Some(
                                    "second_shipping_fee: give an amount in the order's currency, like 25.00"
                                        .into(),
                                ),
                            )
                            .await;
                        }
                    }
                }
                "settle-returned-parcel" => {
                    let fee = aftercare_core::Currency::parse(&case_currency(&web, &case).await)
                        .ok()
                        .and_then(|c| {
                            aftercare_core::Money::parse(&get("return_processing_fee"), c).ok()
                        });
                    match fee {
                        Some(return_processing_fee) => OrderCommand::SettleReturnedParcel {
                            return_processing_fee,
                        },
                        None => {
                            return render_case(
                                &web,
                                &who,
                                &id,
                                Some(
                                    "return_processing_fee: give an amount in the order's currency, like 15.00"
                                        .into(),
                                ),
                            )
                            .await;
                        }
                    }
                }
                "ship" => OrderCommand::Ship(Shipment {
                    carrier: get("carrier"),
                    tracking_number: get("tracking_number"),
                    tracking_url: get("tracking_url"),
                }),
                "returned-to-sender" => {
                    match serde_json::from_value(serde_json::Value::String(get("reason"))) {
                        Ok(reason) => OrderCommand::ReturnedToSender { reason },
                        Err(_) => {
                            return render_case(
                                &web,
                                &who,
                                &id,
                                Some("reason: one of wrong_address, unreachable, refused".into()),
                            )
                            .await;
                        }
                    }
                }
                _ => OrderCommand::Cancel {
                    reason: get("reason"),
                },
            };
            web.app
                .act_on_order(&who.actor, &case.order_number, version, command, None)
                .await
                .map(|c| c.id)
        }
        "uphold" => web
            .app
            .act_on_appeal(
                &who.actor,
                &id,
                version,
                aftercare_core::cases::appeal::AppealCommand::Uphold {
                    opinion: get("opinion"),
                },
            )
            .await
            .map(|c| c.id),
        "grade" => {
            let missing = match get("missing_accessories").trim().parse::<u32>() {
                Ok(n) => n,
                Err(_) => {
                    return render_case(
                        &web,
                        &who,
                        &id,
                        Some("missing_accessories: give a whole number".into()),
                    )
                    .await;
                }
            };
            let grade = aftercare_core::policy::Grade::ALL
                .into_iter()
                .find(|g| code(g) == get("grade"));
            let Some(grade) = grade else {
                return render_case(&web, &who, &id, Some("grade: choose a condition".into()))
                    .await;
            };
            web.app
                .act_on_buyback(
                    &who.actor,
                    &id,
                    version,
                    aftercare_app::BuybackAction::Grade {
                        condition: aftercare_core::facts::Condition {
                            grade,
                            missing_accessories: missing,
                            original_packaging: !get("original_packaging").is_empty(),
                        },
                    },
                    None,
                )
                .await
                .map(|c| c.id)
        }
        "quote" => web
            .app
            .act_on_buyback(
                &who.actor,
                &id,
                version,
                aftercare_app::BuybackAction::Quote {
                    percent: match get("percent").as_str() {
                        "" => None,
                        text => match aftercare_core::Percent::parse(text.trim_end_matches('%')) {
                            Ok(p) => Some(p),
                            Err(e) => {
                                return render_case(&web, &who, &id, Some(format!("percent: {e}")))
                                    .await;
                            }
                        },
                    },
                    note: Some(get("note")).filter(|n| !n.is_empty()),
                },
                None,
            )
            .await
            .map(|c| c.id),
        "receive-buyback" => web
            .app
            .act_on_buyback(
                &who.actor,
                &id,
                version,
                aftercare_app::BuybackAction::Receive,
                None,
            )
            .await
            .map(|c| c.id),
        "confirm" => web
            .app
            .act_on_buyback(
                &who.actor,
                &id,
                version,
                aftercare_app::BuybackAction::Confirm,
                None,
            )
            .await
            .map(|c| c.id),
        _ => return Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response()),
    };
    match outcome {
        Ok(next) => Ok(see_other(&format!("/staff/cases/{next}"))),
        Err(aftercare_app::AppError::NotFound(_)) => {
            Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response())
        }
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => render_case(&web, &who, &id, Some(e.to_string())).await,
        Err(e) => Err(e.into()),
    }
}

/// A local date and time typed in a form (`2026-03-12T09:30`), read in the shop's time zone.
fn shop_time<S: Store + 'static>(web: &Web<S>, text: &str) -> Option<jiff::Timestamp> {
    let local = jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", text.trim()).ok()?;
    let zone = web.app.policy().versions().last()?.time_zone.clone();
    local.to_zoned(zone).ok().map(|z| z.timestamp())
}

/// The currency of a case's order.
async fn case_currency<S: Store + 'static>(web: &Web<S>, case: &CaseRecord) -> String {
    web.app
        .store()
        .order(&case.order_id)
        .await
        .ok()
        .flatten()
        .map(|o| o.currency)
        .unwrap_or_default()
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/case.html")]
struct PortalCase {
    csrf: String,
    media: Vec<Media>,
    next: Vec<String>,
    id: String,
    version: i64,
    title: String,
    order_number: String,
    state: String,
    deadline: Option<String>,
    rma: Option<String>,
    return_address: Option<String>,
    instructions: Option<String>,
    reasons: Vec<String>,
    actions: Vec<FormAction>,
    timeline: Vec<(String, String)>,
    error: Option<String>,
    /// The appeal's subject when the result may be appealed.
    appeal_subject: Option<&'static str>,
    statement: String,
}

/// What an appeal against the case's current result is about, when there is a result.
fn appeal_subject(case: &CaseRecord) -> Option<&'static str> {
    match (case.kind, case.state.as_str()) {
        (CaseKind::Return, "rejected") => Some("review"),
        (CaseKind::Return, "inspection_failed") => Some("inspection"),
        (CaseKind::Buyback, "quoted" | "revised") => Some("quote"),
        _ => None,
    }
}

/// What happens next on a case, in the customer's words, with the date it is due by.
fn next_steps(case: &CaseRecord) -> Vec<String> {
    let by = case
        .deadline
        .filter(|_| case.is_open)
        .map(|d| format!(" by {}", d.strftime("%-d %B %Y")))
        .unwrap_or_default();
    let lines: &[&str] = match (case.kind, case.state.as_str()) {
        (CaseKind::Return, "requested") => &["We review your request{by}."],
        (CaseKind::Return, "approved") => &[
            "Send the parcel to the return address with the RMA number on the box, and give us its tracking number below.",
            "When it arrives we inspect the goods, then refund you to your original payment method.",
        ],
        (CaseKind::Return, "in_transit") => {
            &["We record the parcel when it arrives, then inspect the goods."]
        }
        (CaseKind::Return, "received") => &["We inspect the goods{by}."],
        (CaseKind::Return, "inspection_passed") => {
            &["We grant your refund{by}, to your original payment method."]
        }
        (CaseKind::Return, "refund_granted") => &[
            "Your refund is granted: finance sends it to your original payment method; your bank or payment provider usually takes 5-15 working days to show it.",
        ],
        (CaseKind::Return, "abandoned_to_buyback") => &[
            "The goods stay with us and are handled by the buyback program: see the buyback request on your order for our offer.",
        ],
        (CaseKind::Return, "inspection_failed") => &[
            "Choose below: the goods sent back to you at your cost, or sold to the buyback program.",
        ],
        (CaseKind::Buyback, "applied" | "parcel_without_rma" | "goods_held") => {
            &["Customer service sends you a quote{by}."]
        }
        (CaseKind::Buyback, "quoted") => &["Accept or decline the offer while it is valid."],
        (CaseKind::Buyback, "accepted") => &[
            "Send us the goods at your cost and give us the tracking number below; we inspect them on arrival.",
        ],
        (CaseKind::Buyback, "in_transit" | "received") => &["We inspect the goods{by}."],
        (CaseKind::Buyback, "revised") => &["Accept the revised offer, or ask for the goods back."],
        (CaseKind::Buyback, "confirmed" | "revision_accepted") => &["We pay you{by}."],
        (CaseKind::Refund, "granted" | "failed") => {
            &["We send the money to your original payment method{by}."]
        }
        (CaseKind::Refund, "sent") => {
            &["The money is on its way; banks usually show it within a few working days."]
        }
        (CaseKind::Appeal, "filed") => &["We recheck and send you our final opinion{by}."],
        (CaseKind::Appeal, "upheld" | "changed") => &[
            "If you still disagree, you can take the case to mediation through the platform you paid with or a consumer body.",
        ],
        _ => &[],
    };
    lines.iter().map(|l| l.replace("{by}", &by)).collect()
}

/// The customer's choices in the case's current step.
fn customer_actions(case: &CaseRecord) -> Vec<FormAction> {
    let tracking = || {
        vec![Field::text(
            "tracking_number",
            "Tracking number of your parcel",
        )]
    };
    let address = || {
        vec![Field::textarea(
            "address",
            "Address to send the goods back to",
        )]
    };
    let button = |name, label| FormAction {
        name,
        label,
        fields: vec![],
    };
    match (case.kind, case.state.as_str()) {
        (CaseKind::Return, "approved") => vec![FormAction {
            name: "ship",
            label: "I sent the parcel",
            fields: tracking(),
        }],
        (CaseKind::Return, "inspection_failed") => vec![
            button("choose-buyback", "Sell the goods to the buyback program"),
            FormAction {
                name: "choose-send-back",
                label: "Send the goods back to me, at my cost",
                fields: address(),
            },
        ],
        (CaseKind::Buyback, "quoted") => vec![
            button("accept", "Accept the offer"),
            button("decline", "Decline the offer"),
        ],
        (CaseKind::Buyback, "accepted") => vec![FormAction {
            name: "ship",
            label: "I sent the goods",
            fields: tracking(),
        }],
        (CaseKind::Buyback, "revised") => vec![
            button("accept-revision", "Accept the revised offer"),
            FormAction {
                name: "ask-for-item-back",
                label: "Decline, and send the goods back to me",
                fields: address(),
            },
        ],
        _ => Vec::new(),
    }
}

async fn render_customer_case<S: Store + 'static>(
    web: &Web<S>,
    who: &SignedIn,
    id: &str,
    error: Option<String>,
    statement: String,
) -> Result<Response, PageError> {
    let case = match web.app.case(&who.actor, id).await {
        Ok(c) => c,
        Err(aftercare_app::AppError::NotFound(_)) => {
            return Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let timeline = web
        .app
        .timeline(&who.actor, &case.id)
        .await?
        .into_iter()
        .map(|e| (e.at.strftime("%Y-%m-%d").to_string(), words(&e.kind)))
        .collect();
    let text = |key: &str| {
        case.data
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let mut reasons: Vec<String> = case.data["decision"]["reasons"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str().map(str::to_owned))
        .collect();
    if case.kind == CaseKind::Refund
        && let Some(amount) = money_text(&case.data["amount"])
    {
        reasons.push(format!(
            "{amount} to your original payment method ({}), as the policy's return rules give (III.3).",
            case.data["method"].as_str().unwrap_or("as you paid")
        ));
    }
    if let Some(quote) = case.data.get("quote").filter(|q| !q.is_null()) {
        reasons.push(format!(
            "Our offer: {} {} ({}% of the price paid), valid until {}.",
            quote["amount"]["amount"].as_str().unwrap_or_default(),
            quote["amount"]["currency"].as_str().unwrap_or_default(),
            quote["percent"].as_str().unwrap_or_default(),
            quote["valid_until"].as_str().unwrap_or_default()
        ));
    }
    let status = status_for(error.is_some());
    let ids = evidence_ids(&case.data);
    let page = PortalCase {
        media: media(web, who, ids.iter().map(String::as_str)).await,
        next: next_steps(&case),
        csrf: who.csrf_token.clone(),
        actions: customer_actions(&case),
        id: case.id.clone(),
        version: case.version,
        title: case_title(case.kind).to_owned(),
        order_number: case.order_number.clone(),
        state: words(&case.state),
        deadline: case.deadline.filter(|_| case.is_open).map(|d| due(web, d)),
        rma: case.rma.clone(),
        return_address: text("return_address"),
        instructions: text("instructions"),
        reasons,
        timeline,
        error,
        appeal_subject: appeal_subject(&case),
        statement,
    };
    Ok((status, page).into_response())
}

/// `GET /cases/{id}`: a customer's case: its steps, the RMA slip to print once approved, and
/// the choices of the current step. Someone else's case is "not found".
pub(crate) async fn customer_case<S: Store + 'static>(
    State(web): State<Web<S>>,
    Visitor(who): Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    render_customer_case(&web, &who, &id, None, String::new()).await
}

/// `POST /cases/{id}/{action}`: the customer's choice, from its form.
pub(crate) async fn customer_case_action<S: Store + 'static>(
    State(web): State<Web<S>>,
    Visitor(who): Visitor,
    Path((id, action)): Path<(String, String)>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, PageError> {
    use aftercare_app::{BuybackAction, ReturnAction};
    let form = StepForm::checked(form, &who)?;
    let get = |name: &str| form.get(name);
    let version = form.version();
    let case = match web.app.case(&who.actor, &id).await {
        Ok(c) => c,
        Err(_) => return Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response()),
    };
    let app = &web.app;
    let actor = &who.actor;
    let done = match (case.kind, action.as_str()) {
        (CaseKind::Return, "ship") => {
            app.act_on_return(
                actor,
                &id,
                version,
                ReturnAction::MarkShipped {
                    tracking_number: get("tracking_number"),
                },
                None,
            )
            .await
        }
        (CaseKind::Return, "choose-buyback") => {
            app.act_on_return(actor, &id, version, ReturnAction::ChooseBuyback, None)
                .await
        }
        (CaseKind::Return, "choose-send-back") => {
            app.act_on_return(
                actor,
                &id,
                version,
                ReturnAction::ChooseSendBack {
                    address: get("address"),
                },
                None,
            )
            .await
        }
        (CaseKind::Buyback, "accept") => {
            app.act_on_buyback(actor, &id, version, BuybackAction::Accept, None)
                .await
        }
        (CaseKind::Buyback, "decline") => {
            app.act_on_buyback(actor, &id, version, BuybackAction::Decline, None)
                .await
        }
        (CaseKind::Buyback, "ship") => {
            app.act_on_buyback(
                actor,
                &id,
                version,
                BuybackAction::MarkShipped {
                    tracking_number: get("tracking_number"),
                },
                None,
            )
            .await
        }
        (CaseKind::Buyback, "accept-revision") => {
            app.act_on_buyback(actor, &id, version, BuybackAction::AcceptRevision, None)
                .await
        }
        (CaseKind::Buyback, "ask-for-item-back") => {
            app.act_on_buyback(
                actor,
                &id,
                version,
                BuybackAction::AskForItemBack {
                    address: get("address"),
                },
                None,
            )
            .await
        }
        _ => return Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response()),
    };
    match done {
        Ok(_) => Ok(see_other(&format!("/cases/{id}"))),
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => render_customer_case(&web, &who, &id, Some(e.to_string()), String::new()).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /cases/{id}/appeal` (multipart): the customer's statement and a photo or video; the
/// appeal opens when the result is still within its appeal window.
pub(crate) async fn customer_appeal<S: Store + 'static>(
    State(web): State<Web<S>>,
    Visitor(who): Visitor,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, PageError> {
    if cross_site(&headers) {
        return Err(ApiError::CrossSite.into());
    }
    let mut multipart =
        multipart.map_err(|e| ApiError::Malformed(format!("multipart: {}", e.body_text())))?;
    let (mut csrf, mut subject, mut statement, mut evidence) =
        (String::new(), String::new(), String::new(), None);
    let mut upload_error = None;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiError::Malformed(format!("multipart: {}", e.body_text())))?
    {
        match field.name().unwrap_or_default() {
            "file" => {
                // The token comes first in the form, so a forged request stores nothing.
                if csrf != who.csrf_token {
                    return Err(ApiError::CrossSite.into());
                }
                match crate::evidence::store_field(&web, &who.actor, &mut field).await {
                    Ok(record) => evidence = Some(record.id),
                    Err(
                        ApiError::App(aftercare_app::AppError::Invalid { message, .. })
                        | ApiError::TooLarge {
                            detail: message, ..
                        },
                    ) => {
                        upload_error = Some(format!("The photo or video: {message}"));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            name => {
                let name = name.to_owned();
                let value = crate::evidence::form_text(&mut field).await?;
                match name.as_str() {
                    "csrf" => csrf = value,
                    "subject" => subject = value,
                    "statement" => statement = value,
                    _ => {}
                }
            }
        }
    }
    if csrf != who.csrf_token {
        return Err(ApiError::CrossSite.into());
    }
    if let Some(message) = upload_error {
        return render_customer_case(&web, &who, &id, Some(message), statement).await;
    }
    let subject = serde_json::from_value(serde_json::Value::String(subject))
        .map_err(|_| ApiError::Malformed("subject".into()))?;
    let request = aftercare_app::AppealRequest {
        case_id: id.clone(),
        subject,
        statement: statement.clone(),
        evidence: evidence.into_iter().collect(),
    };
    match web.app.file_appeal(&who.actor, &request).await {
        Ok(appeal) => Ok(see_other(&format!("/cases/{}", appeal.id))),
        Err(aftercare_app::AppError::NotFound(_)) => {
            Ok((StatusCode::NOT_FOUND, NotFoundPage {}).into_response())
        }
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => render_customer_case(&web, &who, &id, Some(e.to_string()), statement).await,
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn case(kind: CaseKind, state: &str, data: serde_json::Value) -> CaseRecord {
        let at: jiff::Timestamp = "2026-03-20T02:00:00Z".parse().unwrap();
        CaseRecord {
            id: "c1".into(),
            kind,
            order_id: "o1".into(),
            order_number: "LM-1".into(),
            customer_email: "ana@example.com".into(),
            rma: None,
            state: state.into(),
            is_open: true,
            deadline: Some(jiff::civil::date(2026, 3, 25)),
            amount_minor: None,
            version: 1,
            data,
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn next_steps_carry_the_deadline_of_the_step() {
        let steps = next_steps(&case(CaseKind::Return, "requested", json!({})));
        assert_eq!(steps, ["We review your request by 25 March 2026."]);
        let mut closed = case(CaseKind::Appeal, "upheld", json!({}));
        closed.is_open = false;
        assert!(next_steps(&closed)[0].contains("mediation"));
        assert!(next_steps(&case(CaseKind::Return, "sent_back", json!({}))).is_empty());
    }

    #[test]
    fn evidence_is_found_under_every_list_that_holds_it_once() {
        let data = json!({
            "evidence": ["a", "b"],
            "revision": {"revision_photos": ["c", "a"]},
            "assembly_media": ["d"],
            "lines": [{"sku": "LK-100"}],
            "description": "evidence: not a list"
        });
        let mut ids = evidence_ids(&data);
        ids.sort();
        assert_eq!(ids, ["a", "b", "c", "d"]);
    }

    #[test]
    fn case_facts_read_the_request_in_words() {
        let facts = case_facts(&case(
            CaseKind::Buyback,
            "applied",
            json!({
                "lines": [{"sku": "LK-200", "quantity": 1}],
                "condition": {"grade": "like_new", "missing_accessories": 2, "original_packaging": false},
                "base": {"amount": "60.00", "currency": "USD"}
            }),
        ));
        assert_eq!(
            facts,
            [
                ("Items".to_owned(), "1 × LK-200".to_owned()),
                (
                    "Condition".to_owned(),
                    "Like new, 2 accessories missing, without the original packaging".to_owned()
                ),
                ("Paid for the items".to_owned(), "60.00 USD".to_owned()),
            ]
        );
    }
}
