//! Conversations through the API: read and write the conversation of an order or a case (a
//! help desk, the shop's own app), and the staff's queue of conversations awaiting a reply.

use aftercare_app::conversations::{Conversation, ThreadOf, Via};
use aftercare_store::MessageRecord;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::types::{CaseId, OrderNumber, Page};
use super::{bad_cursor, bad_query, page_limit};
use crate::auth::{Caller, require_staff};
use crate::extract::ApiJson;
use crate::{ApiError, Web};

/// One message of a conversation.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct MessageOut {
    id: String,
    /// Its place in the conversation, from 1.
    seq: i64,
    /// `customer` or `shop`.
    side: String,
    /// A staff note the customer never sees (only staff read these).
    internal: bool,
    /// The writer as the other side sees them: the customer's name, a staff member's name.
    author_name: String,
    body: String,
    /// Evidence ids of the files it carries (`GET /api/v1/evidence/{id}`).
    attachments: Vec<String>,
    /// Where it was written: `portal`, `console`, `email` or `api`.
    via: String,
    at: Timestamp,
}

impl From<MessageRecord> for MessageOut {
    fn from(m: MessageRecord) -> Self {
        MessageOut {
            id: m.id,
            seq: m.seq,
            side: m.side,
            internal: m.internal,
            author_name: m.author_name,
            body: m.body,
            attachments: m.attachments,
            via: m.via,
            at: m.at,
        }
    }
}

/// A conversation with the messages the caller may read.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ConversationOut {
    /// The order's id for an order's conversation, the case's id for a case's.
    thread_id: String,
    order_number: String,
    case_id: Option<String>,
    /// Staff only: since when the customer waits for the shop's reply.
    awaiting_since: Option<Timestamp>,
    /// Staff only: the first-reply deadline (the policy's `first_reply` working days).
    reply_due: Option<Date>,
    messages: Vec<MessageOut>,
}

impl ConversationOut {
    fn new(c: Conversation, staff: bool) -> ConversationOut {
        let awaiting = c.awaiting().filter(|_| staff);
        ConversationOut {
            thread_id: c.id,
            order_number: c.order.number,
            case_id: c.case.map(|c| c.id),
            awaiting_since: awaiting.as_ref().map(|a| a.since),
            reply_due: awaiting.and_then(|a| a.due),
            messages: c.messages.into_iter().map(MessageOut::from).collect(),
        }
    }
}

/// A message to send.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewMessageIn {
    /// At most 4,000 characters; may be empty when files are attached.
    #[serde(default)]
    body: String,
    /// Staff only: a note the customer never sees and is not told of.
    #[serde(default)]
    internal: bool,
    /// Evidence ids from `POST /api/v1/evidence`, uploaded by the caller and not sent before;
    /// at most 10.
    #[serde(default)]
    attachments: Vec<String>,
}

async fn read(web: &Web, caller: &Caller, of: ThreadOf<'_>) -> Result<ConversationOut, ApiError> {
    let conversation = web.app.conversation(&caller.actor, of).await?;
    Ok(ConversationOut::new(conversation, caller.is_staff()))
}

async fn write(
    web: &Web,
    caller: &Caller,
    of: ThreadOf<'_>,
    m: NewMessageIn,
) -> Result<(StatusCode, Json<MessageOut>), ApiError> {
    let message = web
        .app
        .post_message(
            &caller.actor,
            of,
            &m.body,
            m.internal,
            m.attachments,
            Via::Api,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(message.into())))
}

/// An order's conversation.
///
/// The customer reads the shared messages; staff read internal notes too, and whether (and
/// until when) a reply is owed. Who: the customer whose order it is, staff.
#[utoipa::path(get, path = "/api/v1/orders/{number}/messages", tag = "conversations",
    params(OrderNumber), responses((status = 200, body = ConversationOut)),
    security(("session" = [])))]
pub(crate) async fn order_messages(
    State(web): State<Web>,
    caller: Caller,
    Path(OrderNumber { number }): Path<OrderNumber>,
) -> Result<Json<ConversationOut>, ApiError> {
    Ok(Json(read(&web, &caller, ThreadOf::Order(&number)).await?))
}

/// Write in an order's conversation.
///
/// The other side is told by e-mail (staff's internal notes excepted). A customer's message
/// starts the shop's first-reply deadline when none runs; a staff reply that is not internal
/// ends it. Who: the customer whose order it is, staff.
#[utoipa::path(post, path = "/api/v1/orders/{number}/messages", tag = "conversations",
    params(OrderNumber), request_body = NewMessageIn,
    responses((status = 201, body = MessageOut)), security(("session" = [])))]
pub(crate) async fn post_order_message(
    State(web): State<Web>,
    caller: Caller,
    Path(OrderNumber { number }): Path<OrderNumber>,
    ApiJson(m): ApiJson<NewMessageIn>,
) -> Result<(StatusCode, Json<MessageOut>), ApiError> {
    write(&web, &caller, ThreadOf::Order(&number), m).await
}

/// A case's conversation.
///
/// As an order's, for one return, buyback, refund or appeal. Who: the customer whose case it
/// is, staff.
#[utoipa::path(get, path = "/api/v1/cases/{id}/messages", tag = "conversations",
    params(CaseId), responses((status = 200, body = ConversationOut)),
    security(("session" = [])))]
pub(crate) async fn case_messages(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
) -> Result<Json<ConversationOut>, ApiError> {
    Ok(Json(read(&web, &caller, ThreadOf::Case(&id)).await?))
}

/// Write in a case's conversation.
///
/// As in an order's. Who: the customer whose case it is, staff.
#[utoipa::path(post, path = "/api/v1/cases/{id}/messages", tag = "conversations",
    params(CaseId), request_body = NewMessageIn,
    responses((status = 201, body = MessageOut)), security(("session" = [])))]
pub(crate) async fn post_case_message(
    State(web): State<Web>,
    caller: Caller,
    Path(CaseId { id }): Path<CaseId>,
    ApiJson(m): ApiJson<NewMessageIn>,
) -> Result<(StatusCode, Json<MessageOut>), ApiError> {
    write(&web, &caller, ThreadOf::Case(&id), m).await
}

/// A conversation awaiting the shop's reply.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AwaitingOut {
    thread_id: String,
    order_number: String,
    case_id: Option<String>,
    customer_email: String,
    awaiting_since: Option<Timestamp>,
    reply_due: Option<Date>,
    /// The first-reply deadline has passed.
    overdue: bool,
    messages: i64,
    last_message_at: Timestamp,
}

/// Which page of the queue.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AwaitingParams {
    /// 1 to 200, 50 when absent.
    limit: Option<u32>,
    /// `next_cursor` of the page before.
    cursor: Option<String>,
}

/// Conversations awaiting the shop's reply.
///
/// Oldest first-reply deadline first, overdue ones marked; `cursor` from `next_cursor`.
/// Who: staff.
#[utoipa::path(get, path = "/api/v1/conversations/awaiting", tag = "conversations",
    params(AwaitingParams), responses((status = 200, body = Page<AwaitingOut>)),
    security(("session" = [])))]
pub(crate) async fn awaiting(
    State(web): State<Web>,
    caller: Caller,
    params: Result<Query<AwaitingParams>, QueryRejection>,
) -> Result<Json<Page<AwaitingOut>>, ApiError> {
    require_staff(&caller)?;
    let Query(p) = params.map_err(bad_query)?;
    let limit = page_limit(p.limit)?;
    let after = match p.cursor.as_deref() {
        None => None,
        Some(cursor) => {
            let (due, id) = cursor.split_once('_').ok_or_else(bad_cursor)?;
            let due = match due {
                "none" => None,
                date => Some(date.parse::<Date>().map_err(|_| bad_cursor())?),
            };
            Some((due, id))
        }
    };
    let items = web.app.awaiting_reply(&caller.actor, after, limit).await?;
    let next_cursor = (items.len() == limit as usize)
        .then(|| items.last())
        .flatten()
        .map(|last| {
            let due = last
                .thread
                .reply_due
                .map_or_else(|| "none".to_owned(), |d| d.to_string());
            format!("{due}_{}", last.thread.id)
        });
    Ok(Json(Page {
        items: items
            .into_iter()
            .map(|a| AwaitingOut {
                thread_id: a.thread.id,
                order_number: a.thread.order_number,
                case_id: a.thread.case_id,
                customer_email: a.thread.customer_email,
                awaiting_since: a.thread.awaiting_since,
                reply_due: a.thread.reply_due,
                overdue: a.overdue,
                messages: a.thread.messages,
                last_message_at: a.thread.last_message_at,
            })
            .collect(),
        next_cursor,
    }))
}
