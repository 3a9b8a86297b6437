//! The console's "awaiting our reply" queue: every conversation in which the customer waits for
//! the shop, oldest first-reply deadline first, overdue ones marked.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::pages::extract::Staff;
use crate::pages::{Nav, due, no_store};
use crate::{PageError, Web};

const PAGE: u32 = 50;

#[derive(Deserialize, Default)]
pub(crate) struct AwaitingForm {
    /// `deadline_id` of the last row of the previous page.
    #[serde(default)]
    after: String,
}

pub(crate) struct Row {
    /// The page the conversation is on.
    link: String,
    about: String,
    order: String,
    customer: String,
    since: String,
    due: String,
    overdue: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "console/conversations.html")]
struct AwaitingPage {
    nav: Nav,
    rows: Vec<Row>,
    next: Option<String>,
    error: Option<String>,
}

/// `GET /staff/conversations`: the conversations awaiting the shop's reply.
pub(crate) async fn awaiting(
    State(web): State<Web>,
    Staff(who): Staff,
    Query(form): Query<AwaitingForm>,
) -> Result<Response, PageError> {
    let after = match form.after.split_once('_') {
        None if form.after.is_empty() => Ok(None),
        Some(("none", id)) => Ok(Some((None, id))),
        Some((date, id)) => date.parse().map(|d| Some((Some(d), id))).map_err(|_| ()),
        None => Err(()),
    };
    let Ok(after) = after else {
        let page = AwaitingPage {
            nav: Nav::of(&who),
            rows: Vec::new(),
            next: None,
            error: Some("That page link is not valid; start again from the first page.".into()),
        };
        return Ok(no_store(
            (StatusCode::UNPROCESSABLE_ENTITY, page).into_response(),
        ));
    };
    let items = web.app.awaiting_reply(&who.actor, after, PAGE).await?;
    let next = (items.len() == PAGE as usize)
        .then(|| items.last())
        .flatten()
        .map(|last| {
            let d = last
                .thread
                .reply_due
                .map_or_else(|| "none".to_owned(), |d| d.to_string());
            format!("after={d}_{}", last.thread.id)
        });
    let rows = items
        .into_iter()
        .map(|item| {
            let t = item.thread;
            let (link, about) = match &t.case_id {
                Some(case) => (
                    format!("/staff/cases/{case}#conversation"),
                    "Case".to_owned(),
                ),
                None => (
                    format!("/staff/orders/{}#conversation", t.order_number),
                    "Order".to_owned(),
                ),
            };
            Row {
                link,
                about,
                order: t.order_number,
                customer: t.customer_email,
                since: t
                    .awaiting_since
                    .map(|s| s.strftime("%Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_default(),
                due: t.reply_due.map(|d| due(&web, d)).unwrap_or_default(),
                overdue: item.overdue,
            }
        })
        .collect();
    let page = AwaitingPage {
        nav: Nav::of(&who),
        rows,
        next,
        error: None,
    };
    Ok(no_store(page.into_response()))
}
