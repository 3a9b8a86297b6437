//! Orders as people read them: a customer's own, every order for staff a page at a time, one
//! order with its cases, and its account (the ledger).

use aftercare_core::ledger::Ledger;
use aftercare_store::CaseKind;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::types::{CaseOut, OrderNumber, OrderOut, Page};
use super::{bad_cursor, bad_query, page_limit};
use crate::auth::{Caller, Credentials, StoreCaller};
use crate::{ApiError, Web};

/// Which page of a list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PageQuery {
    /// The `next_cursor` of the page before.
    #[serde(default)]
    cursor: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    #[serde(default)]
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// A customer's orders, or every order for staff.
///
/// Staff read every order by placing time, a page at a time (`cursor` from `next_cursor`); a
/// customer reads their own, in one page. Who: customer (own), staff.
#[utoipa::path(get, path = "/api/v1/orders", tag = "orders", params(PageQuery),
    responses((status = 200, body = Page<OrderOut>)), security(("session" = [])))]
pub(crate) async fn list(
    State(web): State<Web>,
    caller: Caller,
    page: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<Page<OrderOut>>, ApiError> {
    let Query(page) = page.map_err(bad_query)?;
    let limit = page_limit(page.limit)?;
    if !caller.is_staff() {
        let orders = web.app.customer_orders(&caller.actor).await?;
        return Ok(Json(Page {
            items: orders.iter().map(OrderOut::from).collect(),
            next_cursor: None,
        }));
    }
    let after = match &page.cursor {
        None => None,
        Some(c) => {
            let (micros, id) = c.split_once('_').ok_or_else(bad_cursor)?;
            let at = micros
                .parse::<i64>()
                .ok()
                .and_then(|m| Timestamp::from_microsecond(m).ok())
                .ok_or_else(bad_cursor)?;
            Some((at, id.to_owned()))
        }
    };
    let orders = web.app.orders_page(&caller.actor, after, limit).await?;
    let next_cursor = (orders.len() == limit as usize)
        .then(|| orders.last())
        .flatten()
        .map(|o| format!("{}_{}", o.placed_at.as_microsecond(), o.id));
    Ok(Json(Page {
        items: orders.iter().map(OrderOut::from).collect(),
        next_cursor,
    }))
}

/// An order with its cases.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OrderWithCases {
    order: OrderOut,
    /// Every case of the order; for the store's key, its fulfilment only.
    cases: Vec<CaseOut>,
}

/// An order and all its cases.
///
/// The store's key reads the order and its fulfilment case only. Who: customer (own), staff,
/// the store's key.
#[utoipa::path(get, path = "/api/v1/orders/{number}", tag = "orders", params(OrderNumber),
    responses((status = 200, body = OrderWithCases)),
    security(("session" = []), ("apiKey" = ["orders:write"])))]
pub(crate) async fn get(
    State(web): State<Web>,
    StoreCaller(caller): StoreCaller,
    Path(OrderNumber { number }): Path<OrderNumber>,
) -> Result<Json<OrderWithCases>, ApiError> {
    let (order, cases) = web.app.order_with_cases(&caller.actor, &number).await?;
    // The store's key reaches orders and their fulfilment, nothing of returns, refunds,
    // buybacks or appeals (their descriptions, evidence and payment references).
    let store_key = matches!(caller.credentials, Credentials::ApiKey { .. });
    let cases = cases
        .iter()
        .filter(|c| !store_key || c.kind == CaseKind::Order)
        .map(|c| CaseOut::new(&web.app, c))
        .collect();
    Ok(Json(OrderWithCases {
        order: OrderOut::from(&order),
        cases,
    }))
}

/// The order's account.
///
/// What was paid, what each case was granted, sent and settled (with appeal corrections), and
/// where each unit is. Who: customer (own), staff.
#[utoipa::path(get, path = "/api/v1/orders/{number}/ledger", tag = "orders", params(OrderNumber),
    responses((status = 200, body = Ledger)), security(("session" = [])))]
pub(crate) async fn ledger(
    State(web): State<Web>,
    caller: Caller,
    Path(OrderNumber { number }): Path<OrderNumber>,
) -> Result<Json<Ledger>, ApiError> {
    Ok(Json(web.app.ledger(&caller.actor, &number).await?))
}
