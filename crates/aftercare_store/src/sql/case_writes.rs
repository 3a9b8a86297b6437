//! The one write behind `create_case`, `update_case` and `write_order`: an order's version moved
//! on, its new and changed cases, their history, e-mails, webhook messages and the request's
//! idempotency key, in one transaction.
//!
//! On SQLite each statement is a call into the writer's thread, so the write is the Rust of
//! `impl_store!`'s helpers. On PostgreSQL each statement is a round trip to the server, and the
//! return flow's requests were bound by their round trips, not their work: there the whole write
//! is one call of `aftercare_write_order` (migrations 0020 and 0023), which does the same
//! statements in the server, its long texts sent beside the JSON that names them. The store
//! contract's tests hold both to the same behaviour.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;

use super::{PgStore, SqliteStore, WriteTx, deadline_text, json_text, micros, unique_violation};
use crate::{CaseRecord, Idempotency, NewEvent, StoreError};

/// A command's cases of one order, however the store was asked to write them.
pub(super) struct CaseWrites<'a> {
    pub order_id: &'a str,
    /// The order's version the command was judged on; `None`: any version.
    pub seen: Option<i64>,
    /// New cases, at version 1, with their first events.
    pub create: Vec<(&'a CaseRecord, &'a [NewEvent])>,
    /// Changed cases, each kept only while still at the version before its own.
    pub update: Vec<(&'a CaseRecord, &'a [NewEvent])>,
    pub idempotency: Option<&'a Idempotency>,
}

/// An [`OrderWrite`](crate::OrderWrite)'s cases as `CaseWrites` holds them.
pub(super) fn pairs(list: &[(CaseRecord, Vec<NewEvent>)]) -> Vec<(&CaseRecord, &[NewEvent])> {
    list.iter()
        .map(|(case, events)| (case, events.as_slice()))
        .collect()
}

impl SqliteStore {
    pub(super) async fn write_cases(&self, writes: CaseWrites<'_>) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        Self::move_order_on(&mut tx, writes.order_id, writes.seen).await?;
        // Stored with the first case written.
        let mut idempotency = writes.idempotency;
        for (case, events) in writes.create {
            Self::insert_case(&mut tx, case).await?;
            Self::append_events(
                &mut tx,
                &case.id,
                true,
                Some(case.kind),
                events,
                idempotency.take(),
            )
            .await?;
        }
        for (case, events) in writes.update {
            Self::write_case(&mut tx, case, events, idempotency.take()).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn insert_case(tx: &mut WriteTx, case: &CaseRecord) -> Result<(), StoreError> {
        let row = CaseColumns::of(case);
        sqlx::query(concat!(
            "INSERT INTO cases (",
            case_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $13, $14)"
        ))
        .bind(row.id)
        .bind(row.kind)
        .bind(row.order_id)
        .bind(row.order_number)
        .bind(row.customer_email)
        .bind(row.rma)
        .bind(row.state)
        .bind(row.is_open)
        .bind(row.deadline)
        .bind(row.amount_minor)
        .bind(row.data)
        .bind(row.created_at)
        .bind(row.updated_at)
        .bind(row.tracking_number)
        .execute(&mut **tx)
        .await
        .map_err(|e| {
            if unique_violation(&e) {
                StoreError::Duplicate("case or RMA number")
            } else {
                e.into()
            }
        })?;
        Ok(())
    }
}

impl PgStore {
    pub(super) async fn write_cases(&self, writes: CaseWrites<'_>) -> Result<(), StoreError> {
        let mut texts = Texts::default();
        let call = Call::of(&writes, &mut texts);
        let text = serde_json::to_string(&call)
            .map_err(|e| StoreError::Corrupt(format!("a write that is not JSON: {e}")))?;
        let texts: Vec<&str> = texts.0.iter().map(AsRef::as_ref).collect();
        // Alone, the statement is its own transaction: a refusal raised in it leaves nothing.
        sqlx::query("SELECT aftercare_write_order($1::jsonb, $2)")
            .bind(text)
            .bind(texts)
            .execute(&self.pool)
            .await
            .map_err(|e| refusal(e, &writes))?;
        Ok(())
    }
}

/// The store's error for what `aftercare_write_order` refused, as the Rust path names it.
fn refusal(e: sqlx::Error, writes: &CaseWrites<'_>) -> StoreError {
    let sqlx::Error::Database(db) = &e else {
        return e.into();
    };
    let pg = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>();
    match db.code().as_deref() {
        Some("AC001") => {
            if let Some(expected) = writes.seen {
                return StoreError::OrderChanged { expected };
            }
        }
        Some("AC002") => {
            let detail = pg.and_then(|pg| pg.detail());
            if let Some((case, _)) = writes
                .update
                .iter()
                .find(|(case, _)| Some(case.id.as_str()) == detail)
            {
                return StoreError::Conflict {
                    expected: case.version - 1,
                };
            }
        }
        _ => {}
    }
    if unique_violation(&e) {
        match (db.table(), db.constraint()) {
            (_, Some("idempotency_keys_pkey")) => {
                if let Some(idempotency) = writes.idempotency {
                    return StoreError::DuplicateKey(idempotency.key.clone());
                }
            }
            // Named as the Rust path names it: only an RMA number can collide when a case
            // changes, a new case's id too when one is inserted. The error's context is the
            // function's statement that broke the constraint.
            (Some("cases"), _) => {
                let in_update = pg
                    .and_then(|pg| pg.r#where())
                    .is_some_and(|context| context.contains("UPDATE cases"));
                return StoreError::Duplicate(if in_update {
                    "RMA number"
                } else {
                    "case or RMA number"
                });
            }
            _ => {}
        }
    }
    e.into()
}

/// The long texts of a write (cases' and events' data, e-mails' bodies, responses), sent as
/// `aftercare_write_order`'s `text[]`: inside the JSON, PostgreSQL parsed them a character at a
/// time. The JSON names each by its position in PostgreSQL's 1-based array.
#[derive(Default)]
struct Texts<'a>(Vec<std::borrow::Cow<'a, str>>);

impl<'a> Texts<'a> {
    fn put(&mut self, text: impl Into<std::borrow::Cow<'a, str>>) -> usize {
        self.0.push(text.into());
        self.0.len()
    }
}

/// `aftercare_write_order`'s argument: the columns as the Rust path binds them.
#[derive(Serialize)]
struct Call<'a> {
    order: &'a str,
    seen: Option<i64>,
    create: Vec<CaseRow<'a>>,
    update: Vec<CaseRow<'a>>,
    idempotency: Option<IdempotencyRow<'a>>,
}

#[derive(Serialize)]
struct CaseRow<'a> {
    #[serde(flatten)]
    columns: CaseColumns<'a>,
    /// The case's data, in [`Texts`].
    data: usize,
    events: Vec<EventRow<'a>>,
    /// How many of the events carry an e-mail, and how many files those have: the function
    /// skips the inserts a case has nothing for.
    mails: usize,
    attachments: usize,
}

/// A case's columns as both databases store them: the one place a [`CaseRecord`] becomes
/// column values, for SQLite's binds and PostgreSQL's function alike.
#[derive(Serialize)]
pub(super) struct CaseColumns<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub order_id: &'a str,
    pub order_number: &'a str,
    pub customer_email: &'a str,
    pub rma: Option<&'a str>,
    pub state: &'a str,
    pub is_open: i64,
    pub deadline: String,
    pub amount_minor: Option<i64>,
    pub version: i64,
    /// Sent apart from the other columns to PostgreSQL ([`Texts`]).
    #[serde(skip)]
    pub data: std::borrow::Cow<'a, str>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Uppercase, as searches look it up.
    pub tracking_number: Option<String>,
}

#[derive(Serialize)]
struct EventRow<'a> {
    kind: &'a str,
    actor: String,
    at: i64,
    reason: Option<&'a str>,
    /// In [`Texts`].
    data: usize,
    mail: Option<MailRow<'a>>,
}

#[derive(Serialize)]
struct MailRow<'a> {
    id: &'a str,
    recipient: &'a str,
    subject: &'a str,
    /// In [`Texts`], as the body below.
    text_body: usize,
    html_body: usize,
    reply_to: Option<&'a str>,
    drawn: String,
    attachments: Vec<AttachmentRow<'a>>,
}

#[derive(Serialize)]
struct AttachmentRow<'a> {
    name: &'a str,
    content_type: &'a str,
    /// In [`Texts`], in base64: the function decodes it into the BYTEA column.
    data: usize,
}

#[derive(Serialize)]
struct IdempotencyRow<'a> {
    key: &'a str,
    request_hash: &'a str,
    /// In [`Texts`].
    response: usize,
    created_at: i64,
}

impl<'a> Call<'a> {
    fn of(writes: &CaseWrites<'a>, texts: &mut Texts<'a>) -> Call<'a> {
        let mut cases = |list: &[(&'a CaseRecord, &'a [NewEvent])]| {
            list.iter()
                .map(|&(case, events)| CaseRow::of(case, events, texts))
                .collect()
        };
        let create = cases(&writes.create);
        let update = cases(&writes.update);
        Call {
            order: writes.order_id,
            seen: writes.seen,
            create,
            update,
            idempotency: writes.idempotency.map(|i| IdempotencyRow {
                key: &i.key,
                request_hash: &i.request_hash,
                response: texts.put(json_text(&i.response)),
                created_at: micros(i.created_at),
            }),
        }
    }
}

impl<'a> CaseRow<'a> {
    fn of(case: &'a CaseRecord, events: &'a [NewEvent], texts: &mut Texts<'a>) -> CaseRow<'a> {
        let mut columns = CaseColumns::of(case);
        // Moved, not copied: the JSON leaves the columns' data out.
        let data = texts.put(std::mem::take(&mut columns.data));
        let mails = events.iter().filter(|e| e.mail.is_some()).count();
        let attachments = events
            .iter()
            .filter_map(|e| e.mail.as_ref())
            .map(|mail| mail.attachments.len())
            .sum();
        CaseRow {
            columns,
            data,
            events: events.iter().map(|e| EventRow::of(e, texts)).collect(),
            mails,
            attachments,
        }
    }
}

impl<'a> CaseColumns<'a> {
    pub(super) fn of(case: &'a CaseRecord) -> CaseColumns<'a> {
        CaseColumns {
            id: &case.id,
            kind: case.kind.as_str(),
            order_id: &case.order_id,
            order_number: &case.order_number,
            customer_email: &case.customer_email,
            rma: case.rma.as_deref(),
            state: &case.state,
            is_open: i64::from(case.is_open),
            deadline: deadline_text(case.deadline),
            amount_minor: case.amount_minor,
            version: case.version,
            data: case.data.text(),
            created_at: micros(case.created_at),
            updated_at: micros(case.updated_at),
            tracking_number: case.tracking_number.as_deref().map(str::to_uppercase),
        }
    }
}

impl<'a> EventRow<'a> {
    fn of(event: &'a NewEvent, texts: &mut Texts<'a>) -> EventRow<'a> {
        EventRow {
            kind: &event.kind,
            actor: json_text(&event.actor),
            at: micros(event.at),
            reason: event.reason.as_deref(),
            data: texts.put(json_text(&event.data)),
            mail: event.mail.as_ref().map(|mail| MailRow {
                id: &mail.id,
                recipient: &mail.recipient,
                subject: &mail.subject,
                text_body: texts.put(mail.text_body.as_str()),
                html_body: texts.put(mail.html_body.as_str()),
                reply_to: mail.reply_to.as_deref(),
                drawn: mail.drawn.join(" "),
                attachments: mail
                    .attachments
                    .iter()
                    .map(|file| AttachmentRow {
                        name: &file.name,
                        content_type: &file.content_type,
                        data: texts.put(BASE64.encode(&file.data)),
                    })
                    .collect(),
            }),
        }
    }
}
