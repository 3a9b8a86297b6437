//! The customer's orders and an order's page: where it stands, what they can do now, their
//! answers to the shop's questions.

use aftercare_app::accounts::SignedIn;
use aftercare_app::{CaseMachine, CaseState};
use aftercare_core::cases::buyback::BuybackState;
use aftercare_core::cases::order::{OrderState, Shipment};
use aftercare_core::cases::rma::ReturnState;
use aftercare_store::{CaseKind, CaseRecord, OrderRecord};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::sign_in::PortalSignIn;
use crate::pages::extract::Visitor;
use crate::pages::i18n::{self, Words};
use crate::pages::{
    StepForm, amount, case_title, code, due, is_staff, ledger, see_other, signed_in, status_for,
    words,
};
use crate::{PageError, Web};
use aftercare_core::i18n::{Arg, dated};

pub(crate) struct OrderSummary {
    pub(crate) number: String,
    pub(crate) placed: String,
    pub(crate) total: String,
    pub(crate) status: String,
    pub(crate) tracking: Option<Shipment>,
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
    Some(i18n::date(signed.to_zoned(zone).date()))
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
        let due = |id: &str| i18n::text_with(id, &dated(case.deadline));
        let here = format!("/cases/{}", case.id);
        let item = match CaseState::of(case).ok() {
            Some(CaseState::Order(OrderState::AwaitingPhotoApproval)) => Some((
                i18n::text("todo-approve-photos"),
                format!("{order_page}#photos"),
            )),
            Some(CaseState::Order(OrderState::AwaitingShortageConsent)) => Some((
                i18n::text("todo-answer-shortage"),
                format!("{order_page}#shortage"),
            )),
            Some(CaseState::Return(ReturnState::Approved)) => Some((
                i18n::text_with(
                    "todo-send-parcel",
                    &[("rma", Arg::Text(case.rma.clone().unwrap_or_default()))],
                ),
                here,
            )),
            Some(CaseState::Return(ReturnState::InspectionFailed)) => {
                Some((due("todo-choose-after-inspection"), here))
            }
            Some(CaseState::Buyback(BuybackState::Quoted | BuybackState::Revised)) => {
                Some((due("todo-answer-offer"), here))
            }
            Some(CaseState::Buyback(BuybackState::Accepted)) => {
                Some((i18n::text("todo-send-goods"), here))
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
    let mut by_day: Vec<(jiff::civil::Date, Vec<String>, String)> = Vec::new();
    for w in windows.iter().filter(|w| w.open) {
        let code = code(w.reason);
        if w.reason == aftercare_core::policy::ReturnReason::TransportDamage {
            let label = match (w.until, &zone) {
                _ if w.kept_open => i18n::text("todo-report-damage-noted"),
                (Some(t), Some((tz, name))) => i18n::text_with(
                    "todo-report-damage-until-time",
                    &[
                        ("until", Arg::Time(t.to_zoned(tz.clone()).datetime())),
                        ("zone", Arg::Text(name.clone())),
                    ],
                ),
                _ => i18n::text_with(
                    "todo-report-damage-until",
                    &[("until", Arg::Date(w.last_day))],
                ),
            };
            todo.push((
                label,
                format!("{order_page}/request?kind=return&reason={code}"),
            ));
            continue;
        }
        let reason = aftercare_core::i18n::reasons().text(i18n::lang(), w.reason.message_id());
        match by_day.iter_mut().find(|(d, _, _)| *d == w.last_day) {
            Some((_, labels, _)) => labels.push(reason),
            None => by_day.push((w.last_day, vec![reason], code)),
        }
    }
    for (day, labels, code) in by_day {
        todo.push((
            i18n::text_with(
                "todo-return-possible",
                &[
                    ("reasons", Arg::Text(labels.join(&i18n::text("todo-or")))),
                    ("until", Arg::Date(day)),
                ],
            ),
            format!("{order_page}/request?kind=return&reason={code}"),
        ));
    }
    // Return windows exist once the order is signed; so does the buyback program's offer.
    if !windows.is_empty() {
        todo.push((
            web.app.policy().version_at(order.placed_at).map_or_else(
                || i18n::text("todo-sell-back"),
                |v| {
                    i18n::text_with(
                        "todo-sell-back-range",
                        &[
                            ("min", Arg::Percent(v.buyback.min_percent)),
                            ("max", Arg::Percent(v.buyback.max_percent)),
                        ],
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

/// The order's state in words and the parcel it travels in (the last shipment: a reshipped
/// order's new one), from its fulfilment case.
pub(crate) fn order_status(
    order: &OrderRecord,
    cases: &[CaseRecord],
) -> (String, Option<Shipment>) {
    let fulfilment = cases.iter().find(|c| c.kind == CaseKind::Order);
    let tracking = fulfilment.and_then(|c| match CaseMachine::of(c) {
        Ok(Some(CaseMachine::Order(m))) => m.shipments.last().cloned(),
        _ => None,
    });
    let status = match fulfilment {
        Some(c) => words(&c.state),
        None if order.data.get("signed_at").is_some_and(|v| !v.is_null()) => words("signed"),
        None => words("placed"),
    };
    (status, tracking)
}

pub(crate) fn case_line(c: &CaseRecord) -> String {
    let title = case_title(c.kind);
    let state = words(&c.state);
    match c.deadline.filter(|_| c.is_open) {
        Some(d) => i18n::text_with(
            "case-line-due",
            &[
                ("title", Arg::Text(title)),
                ("state", Arg::Text(state)),
                ("date", Arg::Date(d)),
            ],
        ),
        None => i18n::text_with(
            "case-line",
            &[("title", Arg::Text(title)), ("state", Arg::Text(state))],
        ),
    }
}

/// `GET /`: the customer's orders, or the sign-in form.
pub(crate) async fn home(
    State(web): State<Web>,
    headers: HeaderMap,
    Query(sent): Query<super::sign_in::Sent>,
) -> Result<Response, PageError> {
    let Some(who) = signed_in(&web, &headers).await else {
        return Ok(PortalSignIn::blank(sent.link()).into_response());
    };
    if is_staff(&who) {
        return Ok(see_other("/staff"));
    }
    let mut orders = Vec::new();
    for order in web.app.customer_orders(&who.actor).await? {
        let cases = web.app.cases_of(&who.actor, &order).await?;
        let (status, tracking) = order_status(&order, &cases);
        orders.push(OrderSummary {
            placed: i18n::date(order.placed_at.to_zoned(jiff::tz::TimeZone::UTC).date()),
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

#[derive(Template, WebTemplate)]
#[template(path = "portal/order.html")]
pub(crate) struct PortalOrder {
    pub(crate) csrf: String,
    pub(crate) number: String,
    pub(crate) placed: String,
    pub(crate) total: String,
    pub(crate) status: String,
    pub(crate) tracking: Option<Shipment>,
    /// What the carrier said of the parcel.
    pub(crate) carrier_said: Vec<(String, String, String)>,
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
    pub(crate) conversation: crate::pages::conversation::ConversationView,
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
    let (order, cases) = web.app.order_with_cases(&who.actor, number).await?;
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
                        i18n::stored_amount(
                            l["unit_price"].as_str().unwrap_or_default(),
                            &order.currency,
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
    let state = fulfilment.and_then(|c| CaseState::of(c).ok());
    let photos = match fulfilment {
        Some(c) if state == Some(CaseState::Order(OrderState::AwaitingPhotoApproval)) => {
            let ids = c.data["assembly_media"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            media(web, who, ids.iter().filter_map(|v| v.as_str())).await
        }
        _ => Vec::new(),
    };
    let shortage = fulfilment
        .filter(|_| state == Some(CaseState::Order(OrderState::AwaitingShortageConsent)))
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
    let carrier_said = match cases.iter().find(|c| c.kind == CaseKind::Order) {
        Some(f) => crate::pages::tracking_rows(web, who, &f.id).await?,
        None => Vec::new(),
    };
    let conversation = crate::pages::conversation::order_conversation(web, who, &order).await?;
    let page = PortalOrder {
        conversation,
        carrier_said,
        csrf: who.csrf_token.clone(),
        placed: i18n::date(order.placed_at.to_zoned(jiff::tz::TimeZone::UTC).date()),
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
        _ => return Err(PageError::not_found()),
    };
    match web
        .app
        .act_on_order(&who.actor, &number, form.version(), command, None)
        .await
    {
        Ok(_) => Ok(see_other(&format!("/orders/{number}"))),
        Err(
            e @ (aftercare_app::AppError::Invalid { .. }
            | aftercare_app::AppError::Refused(_)
            | aftercare_app::AppError::Conflict),
        ) => render_order(&web, &who, &number, Some(e.words(i18n::lang()))).await,
        Err(e) => Err(e.into()),
    }
}
