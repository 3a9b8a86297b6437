//! Aftercare's storage: orders, cases and their append-only history, behind one [`Store`] trait
//! with two implementations, SQLite (the embedded default) and PostgreSQL.
//!
//! The store decides no policy. It keeps a case's current state and its events together: every
//! write appends the events and updates the case in one transaction, guarded by the case's
//! version, so two people acting at once cannot both win. Money movements carry an idempotency
//! key that is unique in the database.

use std::future::Future;

use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::Value;

mod any;
mod sql;
#[cfg(feature = "testing")]
pub mod testing;

pub use any::AnyStore;
pub use sql::{PgStore, SqliteStore};

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The case changed since it was read: the command must be judged again on the new state.
    #[error("the case was changed by someone else in the meantime (expected version {expected})")]
    Conflict { expected: i64 },
    /// The order's cases changed since the ledger a write was judged on was read: the write must
    /// be judged again on the new ledger. Nothing was written.
    #[error(
        "the order was changed by someone else in the meantime (expected order version {expected})"
    )]
    OrderChanged { expected: i64 },
    /// The idempotency key was used before; nothing of this write was kept.
    #[error("idempotency key `{0}` was already used")]
    DuplicateKey(String),
    /// A unique value (order number, RMA number, case id) already exists.
    #[error("{0} already exists")]
    Duplicate(&'static str),
    #[error("stored data is not readable: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}

/// An order as the shop's store sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRecord {
    pub id: String,
    pub number: String,
    pub customer_email: String,
    pub customer_name: String,
    pub currency: String,
    pub placed_at: Timestamp,
    pub policy_version: String,
    /// Lines, amounts, address, signing: the order's details as JSON.
    pub data: Value,
    pub created_at: Timestamp,
}

/// What `put_order` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOrder {
    Inserted,
    /// The same order was already stored with the same details.
    Unchanged,
    /// An order with this number exists with other details; nothing was changed.
    Differs,
}

/// The kinds of case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseKind {
    Order,
    Return,
    Buyback,
    Refund,
    Appeal,
    Parcel,
}

impl CaseKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::Order => "order",
            CaseKind::Return => "return",
            CaseKind::Buyback => "buyback",
            CaseKind::Refund => "refund",
            CaseKind::Appeal => "appeal",
            CaseKind::Parcel => "parcel",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<CaseKind> {
        Some(match s {
            "order" => CaseKind::Order,
            "return" => CaseKind::Return,
            "buyback" => CaseKind::Buyback,
            "refund" => CaseKind::Refund,
            "appeal" => CaseKind::Appeal,
            "parcel" => CaseKind::Parcel,
            _ => return None,
        })
    }
}

/// A case's current state, as the queues and pages read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: String,
    pub kind: CaseKind,
    pub order_id: String,
    pub order_number: String,
    pub customer_email: String,
    pub rma: Option<String>,
    pub state: String,
    pub is_open: bool,
    /// The date by which the shop must act; `None` when the case waits for nobody.
    pub deadline: Option<Date>,
    /// The amount a refund case moves, in minor units of the order's currency.
    pub amount_minor: Option<i64>,
    /// Starts at 1 and goes up by one with every write.
    pub version: i64,
    pub data: Value,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    pub case_id: String,
    /// 1, 2, 3... in the order the events happened.
    pub seq: i64,
    pub kind: String,
    /// Who: the actor as JSON (`{"id": ..., "roles": [...]}`).
    pub actor: Value,
    pub at: Timestamp,
    pub reason: Option<String>,
    pub data: Value,
}

/// An event to append: everything but its place in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub kind: String,
    pub actor: Value,
    pub at: Timestamp,
    pub reason: Option<String>,
    pub data: Value,
    /// The e-mail this event sends, written to the outbox in the event's own transaction.
    pub mail: Option<NewMail>,
}

/// An e-mail to queue in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
}

/// An e-mail claimed from the outbox for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailRecord {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub case_id: Option<String>,
    pub created_at: Timestamp,
    /// Delivery attempts so far, this one included.
    pub attempts: i64,
}

/// A staff account as stored: an argon2id hash, never the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: String,
    /// Lowercase.
    pub email: String,
    pub name: String,
    pub password_hash: String,
    /// Role names: `agent`, `warehouse`, `finance`, `admin`.
    pub roles: Vec<String>,
    pub created_at: Timestamp,
    pub disabled_at: Option<Timestamp>,
}

/// A signed-in session, of a staff user or of a customer (by e-mail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Hex SHA-256 of the cookie's token.
    pub id_hash: String,
    pub user_id: Option<String>,
    pub customer_email: Option<String>,
    /// The token forms must echo (CSRF).
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

/// A customer's single-use sign-in link, as stored: a hash of its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInLink {
    pub token_hash: String,
    pub customer_email: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// An uploaded evidence file's record; the bytes live in the file store under `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRecord {
    pub id: String,
    /// Who uploaded it: a customer's e-mail or a staff user's id.
    pub owner: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// Hex SHA-256 of the stored bytes, kept for disputes.
    pub sha256: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub created_at: Timestamp,
}

/// The first answer to a money-moving request, kept under its idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idempotency {
    pub key: String,
    /// A hash of the request, so the same key with another body can be refused.
    pub request_hash: String,
    pub response: Value,
    pub created_at: Timestamp,
}

/// An API key of another system of the shop, as stored: never the key itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRecord {
    pub id: String,
    pub name: String,
    /// The first characters of the key, to recognise it in lists.
    pub prefix: String,
    /// Hex SHA-256 of the key.
    pub hash: String,
    pub scopes: Vec<String>,
    pub created_by: String,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

/// An order's cases as one read: the order's version and every case at that version or later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderAccount {
    /// Read before the cases: a write guarded by it fails if any case changed since.
    pub version: i64,
    pub cases: Vec<CaseRecord>,
}

/// Cases of one order written in one transaction.
#[derive(Debug, Clone, Copy)]
pub struct OrderWrite<'a> {
    pub order_id: &'a str,
    /// The order's version the change was judged on (from [`OrderAccount`]); the write is kept
    /// only while the order is still at it. `None` for a change the ledger does not constrain.
    pub seen: Option<i64>,
    /// New cases, at version 1, with their first events.
    pub create: &'a [(CaseRecord, Vec<NewEvent>)],
    /// Changed cases, each guarded by its own version as in [`Store::update_case`].
    pub update: &'a [(CaseRecord, Vec<NewEvent>)],
    /// Stored with the first case written.
    pub idempotency: Option<&'a Idempotency>,
}

/// How many open cases wait in one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCount {
    pub kind: CaseKind,
    pub state: String,
    pub open: i64,
    pub overdue: i64,
}

/// A return or buyback opened, as the dashboard counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestOpened {
    pub kind: CaseKind,
    /// A return's reason, as stored.
    pub reason: Option<String>,
    /// A return sent as an exchange.
    pub exchange: bool,
    pub at: Timestamp,
}

/// A refund sent: when, how much, in what, paying for what (`return`, `buyback`...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutSent {
    pub at: Timestamp,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub source: Option<String>,
}

/// Recent activity for the dashboard's weekly charts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    pub requests: Vec<RequestOpened>,
    /// Steps done that had a deadline: when, and whether by it.
    pub steps: Vec<(Timestamp, bool)>,
    pub payouts: Vec<PayoutSent>,
    /// One of the lists reached the limit.
    pub truncated: bool,
}

/// A staff queue: open cases, oldest deadline first, filtered, one page at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueQuery {
    pub kind: Option<CaseKind>,
    pub state: Option<String>,
    pub customer_email: Option<String>,
    pub order_number: Option<String>,
    pub rma: Option<String>,
    /// One box for staff: an order number, an RMA number or an e-mail (exactly, any case), or
    /// part of the customer's name.
    pub search: Option<String>,
    /// Only cases whose deadline is before this day (overdue on it).
    pub due_before: Option<Date>,
    /// Closed cases too.
    pub include_closed: bool,
    /// Start after this case (keyset pagination): the last row of the previous page.
    pub after: Option<QueueCursor>,
    pub limit: u32,
}

/// Where a queue page ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueCursor {
    pub deadline: Option<Date>,
    pub id: String,
}

impl QueueCursor {
    /// The cursor after a case.
    pub fn after(case: &CaseRecord) -> QueueCursor {
        QueueCursor {
            deadline: case.deadline,
            id: case.id.clone(),
        }
    }
}

/// Storage of orders and cases. Both implementations pass the same contract suite.
pub trait Store: Send + Sync {
    /// Applies pending migrations.
    fn migrate(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// True when the database answers.
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// True when every migration this build carries is applied.
    fn migrated(&self) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Stores an order once; the same order again changes nothing.
    fn put_order(
        &self,
        order: &OrderRecord,
    ) -> impl Future<Output = Result<PutOrder, StoreError>> + Send;

    /// The order with this id.
    fn order(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<OrderRecord>, StoreError>> + Send;

    /// The order with this shop order number.
    fn order_by_number(
        &self,
        number: &str,
    ) -> impl Future<Output = Result<Option<OrderRecord>, StoreError>> + Send;

    /// Orders by placing time, `limit` at a time after `after` (an order id).
    fn orders_page(
        &self,
        after: Option<(Timestamp, String)>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<OrderRecord>, StoreError>> + Send;

    /// A customer's orders (by lowercase e-mail), newest first, at most `limit`.
    fn orders_of_customer(
        &self,
        email: &str,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<OrderRecord>, StoreError>> + Send;

    /// Creates a case at version 1 with its first events, in one transaction.
    fn create_case(
        &self,
        case: &CaseRecord,
        events: &[NewEvent],
        idempotency: Option<&Idempotency>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Creates and updates cases of one order in one transaction, moving the order's version
    /// on. With `seen`, the order is locked and must still be at that version, so that two
    /// commands judged on the same ledger cannot both pass: otherwise
    /// [`StoreError::OrderChanged`] and nothing is written.
    fn write_order(
        &self,
        write: OrderWrite<'_>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Replaces a case's state and appends its events, in one transaction, if the stored case
    /// is still at `case.version - 1`; otherwise [`StoreError::Conflict`] and nothing is written.
    fn update_case(
        &self,
        case: &CaseRecord,
        events: &[NewEvent],
        idempotency: Option<&Idempotency>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Updates several cases in one transaction, each guarded by its version as in
    /// [`Store::update_case`]: all are written, or none.
    fn update_cases(
        &self,
        changes: &[(CaseRecord, Vec<NewEvent>)],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The case with this id.
    fn case(&self, id: &str)
    -> impl Future<Output = Result<Option<CaseRecord>, StoreError>> + Send;

    /// The return case with this RMA number.
    fn case_by_rma(
        &self,
        rma: &str,
    ) -> impl Future<Output = Result<Option<CaseRecord>, StoreError>> + Send;

    /// Every case of an order with the order's version, for judging a write against its ledger.
    fn order_account(
        &self,
        order_id: &str,
    ) -> impl Future<Output = Result<OrderAccount, StoreError>> + Send;

    /// Every case of an order.
    fn cases_of_order(
        &self,
        order_id: &str,
    ) -> impl Future<Output = Result<Vec<CaseRecord>, StoreError>> + Send;

    /// Appends events that do not change the case (staff's internal notes) to its history.
    /// The case's version stays, so forms open elsewhere stay valid. False when there is no
    /// such case.
    fn add_events(
        &self,
        case_id: &str,
        events: &[NewEvent],
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// What the dashboard counts from `since` on, at most `limit` rows of each kind: requests
    /// opened, steps done that had a deadline, refunds sent.
    fn activity_since(
        &self,
        since: Timestamp,
        limit: u32,
    ) -> impl Future<Output = Result<Activity, StoreError>> + Send;

    /// A case's history, oldest first.
    fn events(
        &self,
        case_id: &str,
    ) -> impl Future<Output = Result<Vec<EventRecord>, StoreError>> + Send;

    /// A page of a staff queue.
    fn queue(
        &self,
        query: &QueueQuery,
    ) -> impl Future<Output = Result<Vec<CaseRecord>, StoreError>> + Send;

    /// Open cases by kind and state: how many, and how many of those are past their deadline on
    /// `today`. Ordered by kind, then state.
    fn open_counts(
        &self,
        today: Date,
    ) -> impl Future<Output = Result<Vec<OpenCount>, StoreError>> + Send;

    /// Open cases whose deadline is before `today`.
    fn count_overdue(&self, today: Date) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// The stored answer for an idempotency key.
    fn idempotency(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<Option<Idempotency>, StoreError>> + Send;

    /// Stores a new API key.
    fn create_api_key(
        &self,
        key: &ApiKeyRecord,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The key with this hash, revoked or not.
    fn api_key_by_hash(
        &self,
        hash: &str,
    ) -> impl Future<Output = Result<Option<ApiKeyRecord>, StoreError>> + Send;

    /// Every key, newest first, revoked ones included.
    fn api_keys(&self) -> impl Future<Output = Result<Vec<ApiKeyRecord>, StoreError>> + Send;

    /// Revokes a key; true when it existed and was active.
    fn revoke_api_key(
        &self,
        id: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Stores a new staff account; [`StoreError::Duplicate`] when the e-mail is taken.
    fn create_user(&self, user: &UserRecord)
    -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The account with this (lowercase) e-mail.
    fn user_by_email(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<Option<UserRecord>, StoreError>> + Send;

    /// The account with this id.
    fn user(&self, id: &str)
    -> impl Future<Output = Result<Option<UserRecord>, StoreError>> + Send;

    /// Every account, by e-mail.
    fn users(&self) -> impl Future<Output = Result<Vec<UserRecord>, StoreError>> + Send;

    /// Stores a new session.
    fn create_session(
        &self,
        session: &SessionRecord,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The session with this token hash.
    fn session(
        &self,
        id_hash: &str,
    ) -> impl Future<Output = Result<Option<SessionRecord>, StoreError>> + Send;

    /// Records activity on a session (its idle timeout counts from here).
    fn touch_session(
        &self,
        id_hash: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Ends a session; true when it existed.
    fn delete_session(
        &self,
        id_hash: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Records a failed staff password sign-in for `account` (a lowercase e-mail) from `address`,
    /// and forgets failures from before `forget_before`.
    fn record_sign_in_failure(
        &self,
        account: &str,
        address: &str,
        at: Timestamp,
        forget_before: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Failed staff password sign-ins since `since`: for `account`, and from `address`.
    fn sign_in_failures(
        &self,
        account: &str,
        address: &str,
        since: Timestamp,
    ) -> impl Future<Output = Result<(i64, i64), StoreError>> + Send;

    /// Stores a customer's sign-in link and queues the e-mail carrying it, in one transaction.
    fn create_sign_in_link(
        &self,
        link: &SignInLink,
        mail: &NewMail,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Uses a sign-in link once: the customer's e-mail when the link exists, is unused and has
    /// not expired at `at`. A second use finds nothing, even when two arrive at once.
    fn use_sign_in_link(
        &self,
        token_hash: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// Claims the oldest e-mail due at `at` for `lease`; no other worker gets it until the lease
    /// ends or the delivery is recorded.
    fn claim_mail(
        &self,
        at: Timestamp,
        lease: jiff::SignedDuration,
    ) -> impl Future<Output = Result<Option<MailRecord>, StoreError>> + Send;

    /// Records a delivered e-mail.
    fn mail_sent(
        &self,
        id: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Records a failed delivery, to be tried again at `retry_at` (never, when `None`).
    fn mail_failed(
        &self,
        id: &str,
        retry_at: Option<Timestamp>,
        error: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// E-mails not yet delivered.
    fn outbox_depth(&self) -> impl Future<Output = Result<i64, StoreError>> + Send;

    /// Stores an evidence file's record.
    fn create_evidence(
        &self,
        evidence: &EvidenceRecord,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Evidence recorded before `before` and not yet found attached to a case, oldest first, at
    /// most `limit`.
    fn unattached_evidence_before(
        &self,
        before: Timestamp,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<EvidenceRecord>, StoreError>> + Send;

    /// True when a case's data names `id`; only the cases of orders placed with
    /// `customer_email` are looked at when it is given (customers attach only their own).
    fn evidence_named(
        &self,
        id: &str,
        customer_email: Option<&str>,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Marks evidence as named by a case, so that the sweep does not look at it again.
    fn mark_evidence_attached(
        &self,
        id: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Removes an evidence record; true when it existed.
    fn delete_evidence(&self, id: &str) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The evidence record with this id.
    fn evidence(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<EvidenceRecord>, StoreError>> + Send;
}

/// The date stored for "no deadline": sorts after every real one.
pub(crate) const NO_DEADLINE: &str = "9999-12-31";
