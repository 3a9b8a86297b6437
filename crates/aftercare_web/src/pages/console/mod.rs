//! The staff console: sign-in, the dashboard of open cases by deadline with the weekly charts,
//! a case's page with the steps each role may take now.

pub(crate) mod admin;
pub(crate) mod cases;
mod charts;
pub(crate) mod policy;

use std::net::SocketAddr;

use aftercare_app::CaseStep;
use aftercare_app::accounts::SignedIn;
use aftercare_core::cases::Role;
use aftercare_core::cases::appeal::AppealState;
use aftercare_core::cases::buyback::BuybackState;
use aftercare_core::cases::order::OrderState;
use aftercare_core::cases::refund::RefundState;
use aftercare_core::cases::rma::ReturnState;
use aftercare_store::{CaseRecord, QueueQuery};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::{cross_site, session_cookie};
use crate::pages::extract::Staff;
use crate::pages::{
    AfterRefusal, Field, FormAction, Media, Nav, NotFoundPage, StepForm, TimelineEntry,
    case_currency, case_title, code, due, media, no_store, quote_form, read_upload_form, see_other,
    shop_time, status_for, units_in_form, words,
};
use crate::{ApiError, PageError, Web};

#[derive(Template, WebTemplate)]
#[template(path = "console/sign_in.html")]
pub(crate) struct StaffSignInPage {
    pub(crate) email: String,
    pub(crate) error: Option<&'static str>,
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
    pub(crate) email: String,
    #[serde(default)]
    pub(crate) password: String,
}

/// `POST /staff/sign-in`: the same answer whether the e-mail is unknown or the password wrong.
pub(crate) async fn staff_sign_in(
    State(web): State<Web>,
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

pub(crate) struct QueueRow {
    pub(crate) id: String,
    pub(crate) kind: &'static str,
    pub(crate) rma: Option<String>,
    pub(crate) order: String,
    pub(crate) state: String,
    pub(crate) due: String,
    pub(crate) overdue: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "console/dashboard.html")]
pub(crate) struct StaffDashboard {
    pub(crate) nav: Nav,
    pub(crate) charts: Vec<Chart>,
    /// Weekly figures were cut at the read limit.
    pub(crate) truncated: bool,
    /// Step, open, overdue, and the kind and state for the list's filter.
    pub(crate) counts: Vec<(String, usize, usize, &'static str, String)>,
    pub(crate) cases: Vec<QueueRow>,
}

pub(crate) struct Chart {
    pub(crate) title: &'static str,
    pub(crate) svg: String,
    /// The chart's figures as text, week by week, for screen readers and exact reading.
    pub(crate) rows: Vec<(String, String)>,
    pub(crate) note: Option<String>,
}

/// The dashboard's three charts over the last twelve weeks.
pub(crate) fn dashboard_charts(stats: &aftercare_app::stats::WeeklyStats) -> Vec<Chart> {
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
pub(crate) async fn staff_dashboard(
    State(web): State<Web>,
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

#[derive(Template, WebTemplate)]
#[template(path = "console/case.html")]
pub(crate) struct StaffCase {
    pub(crate) nav: Nav,
    /// What the request says: lines, reason or condition, description, amounts.
    pub(crate) facts: Vec<(String, String)>,
    pub(crate) media: Vec<Media>,
    pub(crate) id: String,
    pub(crate) version: i64,
    pub(crate) title: String,
    pub(crate) order_number: String,
    pub(crate) customer: String,
    pub(crate) state: String,
    pub(crate) deadline: Option<String>,
    pub(crate) rma: Option<String>,
    pub(crate) clauses: Vec<String>,
    pub(crate) actions: Vec<FormAction>,
    pub(crate) timeline: Vec<TimelineEntry>,
    pub(crate) error: Option<String>,
}

/// A case's history as staff read it: when, what and by whom, why, and whether it is an
/// internal note.
pub(crate) async fn staff_timeline(
    web: &Web,
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

/// Every evidence id a case's data names, in order, once.
pub(crate) fn evidence_ids(data: &serde_json::Value) -> Vec<String> {
    // The machines name their evidence lists `evidence`, `photos`, `assembly_media`,
    // `damage_evidence`, `revision_photos`...
    pub(crate) fn holds_evidence(key: &str) -> bool {
        key.ends_with("evidence") || key.ends_with("photos") || key.ends_with("media")
    }
    pub(crate) fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
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
pub(crate) fn money_text(v: &serde_json::Value) -> Option<String> {
    Some(format!(
        "{} {}",
        v.get("amount")?.as_str()?,
        v.get("currency")?.as_str()?
    ))
}

/// The request's own words and numbers, for the person deciding on it.
pub(crate) fn case_facts(case: &CaseRecord) -> Vec<(String, String)> {
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
pub(crate) fn actions_for(case: &CaseRecord, who: &SignedIn) -> Vec<FormAction> {
    let has = |r: Role| who.actor.has(r);
    let reasons = || vec![Field::textarea("reasons", "Reasons")];
    let mut out = Vec::new();
    match CaseStep::of(case).ok() {
        Some(CaseStep::Return(ReturnState::Requested)) if has(Role::Agent) => {
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
        Some(CaseStep::Return(ReturnState::Approved | ReturnState::InTransit))
            if has(Role::Warehouse) =>
        {
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
        Some(CaseStep::Return(ReturnState::Received)) if has(Role::Warehouse) => {
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
        Some(CaseStep::Return(ReturnState::InspectionPassed)) if has(Role::Agent) => {
            out.push(FormAction {
                name: "grant-refund",
                label: "Grant the refund",
                fields: vec![],
            });
        }
        Some(CaseStep::Appeal(AppealState::Filed)) if has(Role::Agent) => {
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
        Some(CaseStep::Appeal(AppealState::Upheld | AppealState::Changed)) if has(Role::Agent) => {
            out.push(FormAction {
                name: "record-mediation",
                label: "Record the mediation",
                fields: vec![
                    Field::text("mediator", "Mediator (platform or body)"),
                    Field::textarea("notes", "Notes"),
                ],
            });
        }
        Some(CaseStep::Buyback(BuybackState::ParcelWithoutRma | BuybackState::GoodsHeld))
            if has(Role::Warehouse) =>
        {
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
        Some(CaseStep::Buyback(
            BuybackState::Applied | BuybackState::ParcelWithoutRma | BuybackState::GoodsHeld,
        )) if has(Role::Agent) => {
            out.push(quote_form());
        }
        Some(CaseStep::Buyback(BuybackState::Confirmed | BuybackState::RevisionAccepted))
            if has(Role::Agent) =>
        {
            out.push(FormAction {
                name: "grant-refund",
                label: "Grant the buyback payment",
                fields: vec![],
            });
        }
        Some(CaseStep::Buyback(BuybackState::InTransit)) if has(Role::Warehouse) => {
            out.push(FormAction {
                name: "receive-buyback",
                label: "Record the goods as received",
                fields: vec![],
            });
        }
        Some(CaseStep::Buyback(BuybackState::Received)) if has(Role::Warehouse) => {
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
        Some(CaseStep::Order(state)) => {
            let field = Field::text;
            if state == OrderState::Placed && has(Role::Agent) {
                out.push(FormAction {
                    name: "verify-payment",
                    label: "Payment verified",
                    fields: vec![],
                });
            }
            if state == OrderState::PaymentVerified && (has(Role::Warehouse) || has(Role::Agent)) {
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
            if state == OrderState::Assembling && (has(Role::Warehouse) || has(Role::Agent)) {
                out.push(FormAction {
                    name: "assembly-photos",
                    label: "Send the photos for approval by the customer",
                    fields: vec![
                        field("files", "Photos or videos of the assembled product").kind("file"),
                    ],
                });
            }
            if state == OrderState::PhotosApproved && has(Role::Warehouse) {
                out.push(FormAction {
                    name: "pack",
                    label: "Packed",
                    fields: vec![],
                });
            }
            if state == OrderState::Packed && has(Role::Warehouse) {
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
            if state == OrderState::Shipped && has(Role::Agent) {
                out.push(FormAction {
                    name: "sign",
                    label: "Record the signing",
                    fields: vec![
                        field("signed_at", "Signed at (the shop's local time)")
                            .kind("datetime-local"),
                    ],
                });
            }
            if state == OrderState::Shipped && (has(Role::Warehouse) || has(Role::Agent)) {
                out.push(FormAction {
                    name: "returned-to-sender",
                    label: "The parcel came back undelivered",
                    fields: vec![field(
                        "reason",
                        "Why: wrong_address, unreachable or refused",
                    )],
                });
            }
            if state == OrderState::Shipped && has(Role::Agent) {
                out.push(FormAction {
                    name: "hold-at-customs",
                    label: "Held at customs",
                    fields: vec![Field::textarea("note", "What customs asks for")],
                });
            }
            if state == OrderState::HeldAtCustoms && has(Role::Agent) {
                out.push(FormAction {
                    name: "release-from-customs",
                    label: "Released by customs",
                    fields: vec![],
                });
            }
            if matches!(state, OrderState::Shipped | OrderState::HeldAtCustoms) && has(Role::Agent)
            {
                out.push(FormAction {
                    name: "destroyed-at-customs",
                    label: "Destroyed by customs",
                    fields: vec![Field::textarea("note", "What customs reported")],
                });
            }
            if state == OrderState::ReturnedToSender && has(Role::Agent) {
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
                OrderState::Placed
                    | OrderState::PaymentVerified
                    | OrderState::AwaitingShortageConsent
                    | OrderState::Assembling
                    | OrderState::AwaitingPhotoApproval
            ) && has(Role::Agent)
            {
                out.push(FormAction {
                    name: "cancel",
                    label: "Cancel the order",
                    fields: vec![field("reason", "Reason")],
                });
            }
        }
        Some(CaseStep::Refund(RefundState::Granted | RefundState::Failed))
            if has(Role::Finance) =>
        {
            out.push(FormAction {
                name: "send",
                label: "Send the refund",
                fields: vec![Field::text("payment_reference", "Payment reference")],
            });
        }
        Some(CaseStep::Refund(RefundState::Sent)) if has(Role::Finance) => {
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

pub(crate) async fn render_case(
    web: &Web,
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
pub(crate) async fn staff_case(
    State(web): State<Web>,
    Staff(who): Staff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    render_case(&web, &who, &id, None).await
}

/// `POST /staff/cases/{id}/files/{action}` (multipart): a step that carries photos or videos:
/// the assembly photos sent to the customer for approval (I.1), a failed inspection with its
/// photos (III.2), a revised buyback offer with its photos. Files are cleaned and stored as
/// evidence first; a refused file stops the step and is named.
pub(crate) async fn staff_step_with_files(
    State(web): State<Web>,
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
    let form = StepForm::checked(upload.fields, &who)?;
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
pub(crate) async fn staff_case_action(
    State(web): State<Web>,
    Staff(who): Staff,
    Path((id, action)): Path<(String, String)>,
    form: StepForm,
) -> Result<Response, PageError> {
    use aftercare_app::ReturnAction;
    use aftercare_core::cases::rma::{ReceivedLine, ReceptionOutcome};
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
                "reship" | "settle-returned-parcel" => {
                    // Both steps carry one amount in the order's currency.
                    let field = if step == "reship" {
                        "second_shipping_fee"
                    } else {
                        "return_processing_fee"
                    };
                    let fee = aftercare_core::Currency::parse(&case_currency(&web, &case).await)
                        .ok()
                        .and_then(|c| aftercare_core::Money::parse(&get(field), c).ok());
                    match fee {
                        Some(second_shipping_fee) if step == "reship" => OrderCommand::Reship {
                            second_shipping_fee,
                        },
                        Some(return_processing_fee) => OrderCommand::SettleReturnedParcel {
                            return_processing_fee,
                        },
                        None => {
                            return render_case(
                                &web,
                                &who,
                                &id,
                                Some(format!(
                                    "{field}: give an amount in the order's currency, like 15.00"
                                )),
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
