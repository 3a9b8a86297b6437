//! The console's case list (search and filters, oldest deadline first, page by page) and its
//! order page (the customer, the address, the lines and every case of the order, with the
//! fulfilment steps this person may take).

use aftercare_app::AppError;
use aftercare_store::{CaseKind, QueueCursor, QueueQuery};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::pages::extract::Staff;
use crate::pages::i18n::Words;
use crate::pages::{FormAction, Nav, actions_for, amount, case_name, case_title, no_store, words};
use crate::{PageError, Web};

/// The list's filters as the form sends them; all optional.
#[derive(Deserialize, Default)]
pub(crate) struct ListForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    state: String,
    /// `overdue`, `today` (due today or before) or empty.
    #[serde(default)]
    due: String,
    #[serde(default)]
    closed: Option<String>,
    /// `deadline_id` of the last row of the previous page.
    #[serde(default)]
    after: String,
}

pub(crate) struct Row {
    id: String,
    kind: String,
    rma: Option<String>,
    order: String,
    customer: String,
    state: String,
    due: String,
    overdue: bool,
    open: bool,
    carrier_problem: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "console/cases.html")]
struct CaseList {
    nav: Nav,
    form: ListForm,
    kinds: Vec<(&'static str, &'static str)>,
    rows: Vec<Row>,
    /// The query string of the next page, when there is one.
    next: Option<String>,
    error: Option<String>,
}

const PAGE: u32 = 50;

fn cursor(text: &str) -> Option<QueueCursor> {
    let (deadline, id) = text.split_once('_')?;
    let deadline = if deadline == "none" {
        None
    } else {
        Some(deadline.parse().ok()?)
    };
    Some(QueueCursor {
        deadline,
        id: id.to_owned(),
    })
}

/// `GET /staff/cases`: open (or all) cases matching the search and filters, by deadline.
pub(crate) async fn list(
    State(web): State<Web>,
    Staff(who): Staff,
    Query(form): Query<ListForm>,
) -> Result<Response, PageError> {
    let mut error = None;
    let kind = match form.kind.as_str() {
        "" => None,
        k => {
            let parsed = CaseKind::parse(k);
            if parsed.is_none() {
                error = Some(format!("kind: `{k}` is not a kind of case"));
            }
            parsed
        }
    };
    let after = match form.after.as_str() {
        "" => None,
        text => {
            let parsed = cursor(text);
            if parsed.is_none() {
                error = Some("after: not a page of this list; start again".into());
            }
            parsed
        }
    };
    let today = web.app.today();
    let due_before = match form.due.as_str() {
        "overdue" => today,
        "today" => today.and_then(|t| t.tomorrow().ok()),
        _ => None,
    };
    let query = QueueQuery {
        kind,
        state: Some(form.state.trim().to_owned()).filter(|s| !s.is_empty()),
        search: Some(form.q.trim().to_owned()).filter(|s| !s.is_empty()),
        due_before,
        include_closed: form.closed.is_some(),
        after,
        limit: PAGE,
        without_data: true,
        ..QueueQuery::default()
    };
    let items = if error.is_some() {
        Vec::new()
    } else {
        web.app.queue(&who.actor, &query).await?
    };
    let next = (items.len() == PAGE as usize)
        .then(|| items.last())
        .flatten()
        .map(|last| {
            let deadline = last
                .case
                .deadline
                .map_or_else(|| "none".to_owned(), |d| d.to_string());
            serde_urlencoded::to_string([
                ("q", form.q.as_str()),
                ("kind", form.kind.as_str()),
                ("state", form.state.as_str()),
                ("due", form.due.as_str()),
                ("closed", form.closed.as_deref().unwrap_or_default()),
                ("after", &format!("{deadline}_{}", last.case.id)),
            ])
            .unwrap_or_default()
        });
    let rows = items
        .into_iter()
        .map(|item| Row {
            id: item.case.id.clone(),
            kind: case_title(item.case.kind),
            rma: item.case.rma.clone(),
            order: item.case.order_number.clone(),
            customer: item.case.customer_email.clone(),
            state: words(&item.case.state),
            due: item
                .case
                .deadline
                .map_or_else(|| "—".to_owned(), |d| d.to_string()),
            overdue: item.overdue && item.case.is_open,
            open: item.case.is_open,
            carrier_problem: item.carrier_problem,
        })
        .collect();
    let status = crate::pages::status_for(error.is_some());
    let page = CaseList {
        nav: Nav::of(&who),
        form,
        kinds: vec![
            ("return", "Returns"),
            ("refund", "Refunds"),
            ("buyback", "Buyback"),
            ("appeal", "Appeals"),
            ("order", "Orders in fulfilment"),
        ],
        rows,
        next,
        error,
    };
    Ok(no_store((status, page).into_response()))
}

#[derive(Template, WebTemplate)]
#[template(path = "console/order.html")]
struct OrderPage {
    nav: Nav,
    number: String,
    placed: String,
    total: String,
    customer: String,
    email: String,
    payment_method: String,
    policy_version: String,
    address: Vec<String>,
    lines: Vec<(String, String, u64, String)>,
    /// Cases of the order: id, title, state, due.
    cases: Vec<(String, String, String, String)>,
    /// The fulfilment case, its version and the steps this person may take on it.
    fulfilment: Option<(String, i64)>,
    /// Every parcel the order went out in, first to last (a reshipped order has two).
    shipments: Vec<aftercare_core::cases::order::Shipment>,
    /// What carriers said of the order's parcel.
    carrier_said: Vec<(String, String, String)>,
    actions: Vec<FormAction>,
    timeline: Vec<crate::pages::TimelineEntry>,
    ledger: crate::pages::ledger::LedgerView,
    case_base: &'static str,
    conversation: crate::pages::conversation::ConversationView,
}

/// `GET /staff/orders/{number}`: the order with its customer, address and lines, every case of
/// it, and the fulfilment steps as forms.
pub(crate) async fn order(
    State(web): State<Web>,
    Staff(who): Staff,
    Path(number): Path<String>,
) -> Result<Response, PageError> {
    let (order, cases) = match web.app.order_with_cases(&who.actor, &number).await {
        Ok(found) => found,
        Err(AppError::NotFound(_)) => {
            return Err(PageError::not_found());
        }
        Err(e) => return Err(e.into()),
    };
    let d = &order.data;
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let a = &d["address"];
    let address = [
        text(&a["full_name"]),
        text(&a["street"]),
        format!("{} {}", text(&a["postal_code"]), text(&a["city"])),
        text(&a["country"]),
        text(&a["phone"]),
    ]
    .into_iter()
    .filter(|l| !l.trim().is_empty())
    .collect();
    let lines = d["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            (
                text(&l["sku"]),
                text(&l["name"]),
                l["quantity"].as_u64().unwrap_or_default(),
                format!("{} {}", text(&l["unit_price"]), order.currency),
            )
        })
        .collect();
    let ledger = web.app.ledger_from(&order, &cases)?;
    let ledger = crate::pages::ledger::LedgerView::of(&ledger, &cases);
    let fulfilment_case = cases.iter().find(|c| c.kind == CaseKind::Order);
    let (timeline, actions, shipments) = match fulfilment_case {
        Some(f) => {
            let detail = web.app.case_detail(&who.actor, &f.id).await?;
            let shipments = match &detail.machine {
                Some(aftercare_app::CaseMachine::Order(m)) => m.shipments.clone(),
                _ => Vec::new(),
            };
            (
                crate::pages::staff_timeline(&web, &who, &f.id).await?,
                actions_for(&detail),
                shipments,
            )
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let carrier_said = match fulfilment_case {
        Some(f) => crate::pages::tracking_rows(&web, &who, &f.id).await?,
        None => Vec::new(),
    };
    let conversation = crate::pages::conversation::order_conversation(&web, &who, &order).await?;
    let page = OrderPage {
        conversation,
        carrier_said,
        nav: Nav::of(&who),
        placed: order.placed_at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        total: amount(&order),
        customer: order.customer_name.clone(),
        email: order.customer_email.clone(),
        payment_method: text(&d["payment_method"]),
        policy_version: order.policy_version.clone(),
        address,
        lines,
        cases: cases
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    case_name(c.kind, c.rma.as_deref()),
                    words(&c.state),
                    c.deadline
                        .filter(|_| c.is_open)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                )
            })
            .collect(),
        fulfilment: fulfilment_case.map(|c| (c.id.clone(), c.version)),
        actions,
        shipments,
        timeline,
        ledger,
        case_base: "/staff/cases/",
        number: order.number.clone(),
    };
    Ok(no_store(page.into_response()))
}

/// `GET /staff/orders/{number}/invoices/{shipment}`: the commercial invoice of the order's
/// `shipment`-th parcel, as a PDF to print and put in the parcel (II).
pub(crate) async fn commercial_invoice(
    State(web): State<Web>,
    Staff(who): Staff,
    Path((number, shipment)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let shipment = shipment
        .strip_suffix(".pdf")
        .unwrap_or(&shipment)
        .parse::<usize>()
        .map_err(|_| PageError::not_found())?;
    let invoice = web
        .app
        .commercial_invoice(&who.actor, &number, shipment)
        .await?;
    let name = format!("commercial-invoice-{}.pdf", invoice.number);
    crate::pages::pdf_response(name, move || {
        aftercare_app::documents::commercial_invoice_pdf(&invoice)
    })
    .await
}
