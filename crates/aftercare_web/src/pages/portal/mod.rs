//! The customer portal: sign-in by e-mailed link, the orders, an order's page with what the
//! customer can do now, a case's page with its choices and the appeal.

pub(crate) mod wizard;

use std::net::SocketAddr;

use aftercare_app::CaseStep;
use aftercare_app::accounts::SignedIn;
use aftercare_core::cases::appeal::AppealState;
use aftercare_core::cases::buyback::BuybackState;
use aftercare_core::cases::order::OrderState;
use aftercare_core::cases::refund::RefundState;
use aftercare_core::cases::rma::ReturnState;
use aftercare_store::{CaseKind, CaseRecord, OrderRecord};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::{cleared_cookie, cross_site, session_token};
use crate::pages::extract::Visitor;
use crate::pages::{
    Field, FormAction, NotFoundPage, StepForm, amount, case_title, code, due, evidence_ids,
    is_staff, ledger, money_text, see_other, signed_in, status_for, words,
};
use crate::{ApiError, PageError, Web};

#[derive(Template, WebTemplate)]
#[template(path = "portal/sign_in.html")]
pub(crate) struct PortalSignIn {
    pub(crate) sent: bool,
    pub(crate) throttled: bool,
    pub(crate) order_number: String,
    pub(crate) email: String,
    pub(crate) order_number_error: Option<&'static str>,
    pub(crate) email_error: Option<&'static str>,
}

pub(crate) struct OrderSummary {
    pub(crate) number: String,
    pub(crate) placed: String,
    pub(crate) total: String,
    pub(crate) status: String,
    pub(crate) tracking: Option<String>,
    pub(crate) signed: Option<String>,
    /// What the customer can or should do now: words and where to do it.
    pub(crate) todo: Vec<(String, String)>,
    /// Case id and a line about it.
    pub(crate) cases: Vec<(String, String)>,
}

/// The signing date in the shop's time zone, once the order is signed.
pub(crate) fn signing_date(web: &Web, order: &OrderRecord, cases: &[CaseRecord]) -> Option<String> {
    let signed = web.app.signed_at(order, cases).ok().flatten()?;
    let zone = web
        .app
        .policy()
        .version_at(order.placed_at)?
        .time_zone
        .clone();
    Some(signed.to_zoned(zone).strftime("%-d %B %Y").to_string())
}

/// What the customer can do now on an order, each with its deadline: the answers the shop waits
/// for, the choices of open cases, and the requests the return windows still allow.
pub(crate) fn what_now(
    web: &Web,
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
        let item = match CaseStep::of(case).ok() {
            Some(CaseStep::Order(OrderState::AwaitingPhotoApproval)) => Some((
                "Approve the photos of your assembled product".to_owned(),
                format!("{order_page}#photos"),
            )),
            Some(CaseStep::Order(OrderState::AwaitingShortageConsent)) => Some((
                "Tell us what to do about a missing accessory".to_owned(),
                format!("{order_page}#shortage"),
            )),
            Some(CaseStep::Return(ReturnState::Approved)) => Some((
                format!(
                    "Send the parcel with RMA number {}",
                    case.rma.clone().unwrap_or_default()
                ),
                here,
            )),
            Some(CaseStep::Return(ReturnState::InspectionFailed)) => Some((
                format!("Choose what happens to the returned goods{due}"),
                here,
            )),
            Some(CaseStep::Buyback(BuybackState::Quoted | BuybackState::Revised)) => {
                Some((format!("Accept or decline our offer{due}"), here))
            }
            Some(CaseStep::Buyback(BuybackState::Accepted)) => {
                Some(("Send us the goods".to_owned(), here))
            }
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
            web.app.policy().version_at(order.placed_at).map_or_else(
                || "Sell it back to our buyback program".to_owned(),
                |v| {
                    format!(
                        "Sell it back to our buyback program ({} to {} of the price paid)",
                        v.buyback.min_percent, v.buyback.max_percent
                    )
                },
            ),
            format!("{order_page}/request?kind=buyback"),
        ));
    }
    todo
}

#[derive(Template, WebTemplate)]
#[template(path = "portal/orders.html")]
pub(crate) struct PortalOrders {
    pub(crate) email: String,
    pub(crate) csrf: String,
    pub(crate) orders: Vec<OrderSummary>,
}

/// The order's state in words and its tracking link, from its fulfilment case.
pub(crate) fn order_status(order: &OrderRecord, cases: &[CaseRecord]) -> (String, Option<String>) {
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

pub(crate) fn case_line(c: &CaseRecord) -> String {
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
pub(crate) async fn home(
    State(web): State<Web>,
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
    pub(crate) order_number: String,
    #[serde(default)]
    pub(crate) email: String,
}

/// `POST /sign-in`: asks for the e-mailed link; the page says the same whether or not the order
/// and e-mail match.
pub(crate) async fn request_link(
    State(web): State<Web>,
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

#[derive(Template, WebTemplate)]
#[template(path = "portal/order.html")]
pub(crate) struct PortalOrder {
    pub(crate) csrf: String,
    pub(crate) number: String,
    pub(crate) placed: String,
    pub(crate) total: String,
    pub(crate) status: String,
    pub(crate) tracking: Option<String>,
    pub(crate) signed: Option<String>,
    pub(crate) todo: Vec<(String, String)>,
    pub(crate) lines: Vec<(String, u64, String)>,
    pub(crate) cases: Vec<CaseCard>,
    pub(crate) timeline: Vec<(String, String)>,
    /// The fulfilment case's version, for the customer's answers.
    pub(crate) version: i64,
    /// Photos and videos of the assembled product waiting for the customer's approval.
    pub(crate) photos: Vec<Media>,
    /// The shop's question about a missing accessory, waiting for an answer.
    pub(crate) shortage: Option<String>,
    /// Order lines the customer may drop instead of waiting (sku, name).
    pub(crate) droppable: Vec<(String, String)>,
    /// What was paid, refunded and owed, and where each unit is.
    pub(crate) ledger: ledger::LedgerView,
    pub(crate) case_base: &'static str,
    pub(crate) error: Option<String>,
}

/// An uploaded file as a page shows it.
pub(crate) struct Media {
    pub(crate) id: String,
    pub(crate) video: bool,
}

pub(crate) async fn media(
    web: &Web,
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

pub(crate) struct CaseCard {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) state: String,
    pub(crate) deadline: Option<String>,
    pub(crate) rma: Option<String>,
}

/// `GET /orders/{number}`: the order, its requests and its delivery timeline. Someone else's
/// order is "not found".
pub(crate) async fn order_page(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(number): Path<String>,
) -> Result<Response, PageError> {
    render_order(&web, &who, &number, None).await
}

pub(crate) async fn render_order(
    web: &Web,
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
    let state = fulfilment.and_then(|c| CaseStep::of(c).ok());
    let photos = match fulfilment {
        Some(c) if state == Some(CaseStep::Order(OrderState::AwaitingPhotoApproval)) => {
            let ids = c.data["assembly_media"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            media(web, who, ids.iter().filter_map(|v| v.as_str())).await
        }
        _ => Vec::new(),
    };
    let shortage = fulfilment
        .filter(|_| state == Some(CaseStep::Order(OrderState::AwaitingShortageConsent)))
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
pub(crate) async fn order_answer(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path((number, answer)): Path<(String, String)>,
    form: StepForm,
) -> Result<Response, PageError> {
    use aftercare_core::cases::order::{OrderCommand, ShortageAnswer};
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
#[template(path = "portal/case.html")]
pub(crate) struct PortalCase {
    pub(crate) csrf: String,
    pub(crate) media: Vec<Media>,
    pub(crate) next: Vec<String>,
    pub(crate) id: String,
    pub(crate) version: i64,
    pub(crate) title: String,
    pub(crate) order_number: String,
    pub(crate) state: String,
    pub(crate) deadline: Option<String>,
    pub(crate) rma: Option<String>,
    pub(crate) return_address: Option<String>,
    pub(crate) instructions: Option<String>,
    pub(crate) reasons: Vec<String>,
    pub(crate) actions: Vec<FormAction>,
    pub(crate) timeline: Vec<(String, String)>,
    pub(crate) error: Option<String>,
    /// The appeal's subject when the result may be appealed.
    pub(crate) appeal_subject: Option<String>,
    pub(crate) statement: String,
}

/// What happens next on a case, in the customer's words, with the date it is due by.
/// `refund_arrival_days` is the policy's "usually" for a refund to reach the customer (III.3).
pub(crate) fn next_steps(case: &CaseRecord, refund_arrival_days: u32) -> Vec<String> {
    let by = case
        .deadline
        .filter(|_| case.is_open)
        .map(|d| format!(" by {}", d.strftime("%-d %B %Y")))
        .unwrap_or_default();
    let lines: &[&str] = match CaseStep::of(case).ok() {
        Some(CaseStep::Return(ReturnState::Requested)) => &["We review your request{by}."],
        Some(CaseStep::Return(ReturnState::Approved)) => &[
            "Send the parcel to the return address with the RMA number on the box, and give us its tracking number below.",
            "When it arrives we inspect the goods, then refund you to your original payment method.",
        ],
        Some(CaseStep::Return(ReturnState::InTransit)) => {
            &["We record the parcel when it arrives, then inspect the goods."]
        }
        Some(CaseStep::Return(ReturnState::Received)) => &["We inspect the goods{by}."],
        Some(CaseStep::Return(ReturnState::InspectionPassed)) => {
            &["We grant your refund{by}, to your original payment method."]
        }
        Some(CaseStep::Return(ReturnState::RefundGranted)) => &[
            "Your refund is granted: finance sends it to your original payment method; your bank or payment provider usually takes up to {arrival} working days to show it.",
        ],
        Some(CaseStep::Return(ReturnState::AbandonedToBuyback)) => &[
            "The goods stay with us and are handled by the buyback program: see the buyback request on your order for our offer.",
        ],
        Some(CaseStep::Return(ReturnState::InspectionFailed)) => &[
            "Choose below: the goods sent back to you at your cost, or sold to the buyback program.",
        ],
        Some(CaseStep::Buyback(
            BuybackState::Applied | BuybackState::ParcelWithoutRma | BuybackState::GoodsHeld,
        )) => &["Customer service sends you a quote{by}."],
        Some(CaseStep::Buyback(BuybackState::Quoted)) => {
            &["Accept or decline the offer while it is valid."]
        }
        Some(CaseStep::Buyback(BuybackState::Accepted)) => &[
            "Send us the goods at your cost and give us the tracking number below; we inspect them on arrival.",
        ],
        Some(CaseStep::Buyback(BuybackState::InTransit | BuybackState::Received)) => {
            &["We inspect the goods{by}."]
        }
        Some(CaseStep::Buyback(BuybackState::Revised)) => {
            &["Accept the revised offer, or ask for the goods back."]
        }
        Some(CaseStep::Buyback(BuybackState::Confirmed | BuybackState::RevisionAccepted)) => {
            &["We pay you{by}."]
        }
        Some(CaseStep::Refund(RefundState::Granted | RefundState::Failed)) => {
            &["We send the money to your original payment method{by}."]
        }
        Some(CaseStep::Refund(RefundState::Sent)) => &[
            "The money is on its way; how long it takes to arrive depends on your bank or payment provider: usually up to {arrival} working days.",
        ],
        Some(CaseStep::Appeal(AppealState::Filed)) => {
            &["We recheck and send you our final opinion{by}."]
        }
        Some(CaseStep::Appeal(AppealState::Upheld | AppealState::Changed)) => &[
            "If you still disagree, you can take the case to mediation through the platform you paid with or a consumer body.",
        ],
        _ => &[],
    };
    lines
        .iter()
        .map(|l| {
            l.replace("{by}", &by)
                .replace("{arrival}", &refund_arrival_days.to_string())
        })
        .collect()
}

/// The customer's choices in the case's current step.
pub(crate) fn customer_actions(case: &CaseRecord) -> Vec<FormAction> {
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
    match CaseStep::of(case).ok() {
        Some(CaseStep::Return(ReturnState::Approved)) => vec![FormAction {
            name: "ship",
            label: "I sent the parcel",
            fields: tracking(),
        }],
        Some(CaseStep::Return(ReturnState::InspectionFailed)) => vec![
            button("choose-buyback", "Sell the goods to the buyback program"),
            FormAction {
                name: "choose-send-back",
                label: "Send the goods back to me, at my cost",
                fields: address(),
            },
        ],
        Some(CaseStep::Buyback(BuybackState::Quoted)) => vec![
            button("accept", "Accept the offer"),
            button("decline", "Decline the offer"),
        ],
        Some(CaseStep::Buyback(BuybackState::Accepted)) => vec![FormAction {
            name: "ship",
            label: "I sent the goods",
            fields: tracking(),
        }],
        Some(CaseStep::Buyback(BuybackState::Revised)) => vec![
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

pub(crate) async fn render_customer_case(
    web: &Web,
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
    let order = web.app.order(&who.actor, &case.order_number).await?;
    let refund_arrival_days = web
        .app
        .policy()
        .version(&order.policy_version)
        .map_or(15, |v| v.deadlines.refund_arrival.working_days);
    let page = PortalCase {
        media: media(web, who, ids.iter().map(String::as_str)).await,
        next: next_steps(&case, refund_arrival_days),
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
        appeal_subject: aftercare_app::appealable(&case)?.map(code),
        statement,
    };
    Ok((status, page).into_response())
}

/// `GET /cases/{id}`: a customer's case: its steps, the RMA slip to print once approved, and
/// the choices of the current step. Someone else's case is "not found".
pub(crate) async fn customer_case(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    render_customer_case(&web, &who, &id, None, String::new()).await
}

/// `POST /cases/{id}/{action}`: the customer's choice, from its form.
pub(crate) async fn customer_case_action(
    State(web): State<Web>,
    Visitor(who): Visitor,
    Path((id, action)): Path<(String, String)>,
    form: StepForm,
) -> Result<Response, PageError> {
    use aftercare_app::{BuybackAction, ReturnAction};
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
pub(crate) async fn customer_appeal(
    State(web): State<Web>,
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
                match crate::uploads::store_field(&web, &who.actor, &mut field).await {
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
                let value = crate::uploads::form_text(&mut field).await?;
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
