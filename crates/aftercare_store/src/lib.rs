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
mod records;
mod sql;
#[cfg(feature = "testing")]
pub mod testing;

pub use any::AnyStore;
pub use records::{
    AccountOf, Activity, ApiKeyRecord, CaseData, CaseKind, CaseRecord, ConnectionStatus,
    EventRecord, EvidenceRecord, Idempotency, MailAttachment, MailRecord, MessageRecord,
    MessageWrite, NewEvent, NewMail, NewOrderWrite, OpenCount, OrderAccount, OrderRecord,
    OrderWrite, PasswordLink, PayoutSent, PutOrder, QueueCursor, QueueQuery, RequestOpened,
    SessionRecord, SignInLink, StaffChangeRecord, ThreadRecord, TrackingEventRecord, UserChange,
    UserRecord, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookSummary,
};
pub use sql::{PgPool, PgStore, PgTransaction, PoolLimits, PooledConnection, SqliteStore};

/// What [`Store::account_with_evidence`] reads: the order and its account, when there is such an
/// order, and the (id, owner) of each evidence asked about that exists.
pub type AccountAndEvidence = (Option<(OrderRecord, OrderAccount)>, Vec<(String, String)>);

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
    /// The write was not made durable (SQLite's writer could not commit its batch); nothing of
    /// it was kept.
    #[error("the database could not commit: {0}")]
    Unavailable(String),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
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

    /// Stores orders of an import in one transaction, each as `put_order` would (once; an
    /// order already stored is left as it is), with the case each new one opens.
    fn put_orders(
        &self,
        orders: &[NewOrderWrite],
    ) -> impl Future<Output = Result<Vec<PutOrder>, StoreError>> + Send;

    /// After a bulk import: folds the case counts it added, and refreshes the query planner's
    /// statistics, without which PostgreSQL plans the queues of a grown database as if it were
    /// small (SQLite keeps none, on purpose).
    fn refresh_statistics(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

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

    /// Keeps the language a customer chose with all their orders (by lowercase e-mail); how
    /// many orders it was kept with.
    fn set_customer_language(
        &self,
        email: &str,
        language: &str,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

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

    /// The cases with these ids, each with its order, in one read (the outbox draws a batch's
    /// documents from them); ids of no case are left out.
    fn cases_with_orders(
        &self,
        ids: &[&str],
    ) -> impl Future<Output = Result<Vec<(CaseRecord, OrderRecord)>, StoreError>> + Send;

    /// The return case with this RMA number.
    fn case_by_rma(
        &self,
        rma: &str,
    ) -> impl Future<Output = Result<Option<CaseRecord>, StoreError>> + Send;

    /// The order with every case and the order's version, read in one statement so that all
    /// three come from one snapshot; `None` when there is no such order (or case).
    fn account_of(
        &self,
        of: AccountOf<'_>,
    ) -> impl Future<Output = Result<Option<(OrderRecord, OrderAccount)>, StoreError>> + Send;

    /// [`Store::account_of`] and, in the same statement, who uploaded each of the `evidence`
    /// ids that exists, as (id, owner) pairs: a customer's request names its photos, and each
    /// must be the customer's own. The owners are empty when there is no such order.
    fn account_with_evidence(
        &self,
        of: AccountOf<'_>,
        evidence: &[String],
    ) -> impl Future<Output = Result<AccountAndEvidence, StoreError>> + Send;

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

    /// Folds the counts' rows (one per change to a case) into one per kind, step and deadline,
    /// leaving out those that sum to nothing; answers how many rows it folded. The counts read
    /// the same before and after, and a case written meanwhile is counted either way.
    fn compact_case_counts(&self) -> impl Future<Output = Result<u64, StoreError>> + Send;

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

    /// The session with this token hash and, for staff's, the account it signs in (`None` when
    /// the account is gone).
    fn session_with_user(
        &self,
        id_hash: &str,
    ) -> impl Future<Output = Result<Option<(SessionRecord, Option<UserRecord>)>, StoreError>> + Send;

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

    /// Claims up to `limit` of the oldest e-mails due at `at` for `lease`, oldest first, with
    /// their attachments; no other worker gets them until the lease ends or the delivery is
    /// recorded. One statement claims them all, so a worker that finds many pays one round trip.
    fn claim_mail(
        &self,
        at: Timestamp,
        lease: jiff::SignedDuration,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<MailRecord>, StoreError>> + Send;

    /// Records the e-mails `ids` delivered, in one statement.
    fn mail_sent(
        &self,
        ids: &[String],
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

    /// The shop's profile as an admin last set it, if one ever did.
    fn shop_profile(&self) -> impl Future<Output = Result<Option<Value>, StoreError>> + Send;

    /// Keeps a new shop profile, with who set it and when; the old ones stay as its history.
    fn save_shop_profile(
        &self,
        profile: &Value,
        actor: &Value,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The shop's logo (a PNG) as an admin last set it: `None` when no admin ever did,
    /// `Some(None)` when the last one removed it.
    fn shop_logo(&self)
    -> impl Future<Output = Result<Option<Option<Vec<u8>>>, StoreError>> + Send;

    /// Keeps a new logo, or its removal (`None`), with who did it and when.
    fn save_shop_logo(
        &self,
        png: Option<&[u8]>,
        actor: &Value,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Changes a staff account ([`UserChange`]) and records who did it and when, in one
    /// transaction. False when there is no such account; [`StoreError::Duplicate`] when an
    /// edit gives an e-mail another account has.
    fn change_user(
        &self,
        user_id: &str,
        change: &UserChange,
        actor: &Value,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// What was changed on a staff account since its creation, oldest first.
    fn staff_changes(
        &self,
        user_id: &str,
    ) -> impl Future<Output = Result<Vec<StaffChangeRecord>, StoreError>> + Send;

    /// Stores a set-password link and queues its e-mail in one transaction, recording the admin
    /// who sent it; the account's earlier unused links stop working.
    fn create_password_link(
        &self,
        link: &PasswordLink,
        mail: &NewMail,
        actor: &Value,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The account a set-password link is for, while it is unused, unexpired and the account
    /// active; nothing is changed.
    fn password_link_user(
        &self,
        token_hash: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// Uses a set-password link: in one transaction marks it used, stores the new hash, ends
    /// the account's sessions and records the change. `None`, with nothing changed, when the
    /// link is unknown, used or expired, or the account deactivated.
    fn use_password_link(
        &self,
        token_hash: &str,
        password_hash: &str,
        actor: &Value,
        at: Timestamp,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// Stores a new webhook endpoint.
    fn create_webhook_endpoint(
        &self,
        endpoint: &WebhookEndpoint,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every webhook endpoint, newest first.
    fn webhook_endpoints(
        &self,
    ) -> impl Future<Output = Result<Vec<WebhookEndpoint>, StoreError>> + Send;

    /// One webhook endpoint, with its secret.
    fn webhook_endpoint(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<WebhookEndpoint>, StoreError>> + Send;

    /// Disables an endpoint (`Some((when, why))`): nothing more is queued for it and its
    /// waiting deliveries stop; or enables it again (`None`). `mails` (telling admins) are
    /// queued in the same transaction. False when there is no such endpoint.
    fn set_webhook_endpoint_disabled(
        &self,
        id: &str,
        disabled: Option<(Timestamp, &str)>,
        mails: &[NewMail],
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Takes the delivery due first at `at` for `lease`, so no other worker sends it meanwhile.
    fn claim_webhook(
        &self,
        at: Timestamp,
        lease: jiff::SignedDuration,
    ) -> impl Future<Output = Result<Option<WebhookDelivery>, StoreError>> + Send;

    /// Records an attempt at a delivery.
    fn webhook_attempted(
        &self,
        id: &str,
        attempt: &WebhookAttempt,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// An endpoint's deliveries, newest first, at most `limit`.
    fn webhook_deliveries(
        &self,
        endpoint_id: &str,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<WebhookDelivery>, StoreError>> + Send;

    /// How each endpoint's deliveries stand, by endpoint id; endpoints with none are absent.
    fn webhook_summaries(
        &self,
    ) -> impl Future<Output = Result<Vec<(String, WebhookSummary)>, StoreError>> + Send;

    /// Sends a delivery again at `at`, with the same message id. False when there is no such
    /// delivery.
    fn resend_webhook(
        &self,
        id: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Keeps a tracking event once: false, with nothing written, when its sender sent one
    /// with this id before.
    fn record_tracking_event(
        &self,
        event: &TrackingEventRecord,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// What a kept tracking event did, once it is known.
    fn set_tracking_outcome(
        &self,
        source: &str,
        event_id: &str,
        outcome: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The case whose parcel travels under this tracking number: of several, an open one
    /// first, then the newest (a number a carrier reuses years later finds the case still
    /// waiting for it).
    fn case_by_tracking_number(
        &self,
        tracking_number: &str,
    ) -> impl Future<Output = Result<Option<CaseRecord>, StoreError>> + Send;

    /// The tracking events matched to a case, oldest first.
    fn tracking_events_of(
        &self,
        case_id: &str,
    ) -> impl Future<Output = Result<Vec<TrackingEventRecord>, StoreError>> + Send;

    /// The newest tracking event of each of these cases (by the carrier's time, then by
    /// arrival, then by sender and id: one per case), for the queues' flag of parcels in
    /// trouble.
    fn newest_tracking_events(
        &self,
        case_ids: &[String],
    ) -> impl Future<Output = Result<Vec<TrackingEventRecord>, StoreError>> + Send;

    /// Remembers the shop's store's own id of an order (kept once; the first link stays).
    fn link_store_order(
        &self,
        source: &str,
        store_id: &str,
        order_number: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The number of the order the shop's store knows by this id.
    fn store_order_number(
        &self,
        source: &str,
        store_id: &str,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    /// Gives an order its payment at the provider (`payment_id` of its details), learnt after
    /// the order came: true when set, false when the order has another one or is gone. Nothing
    /// else of the order changes.
    fn set_order_payment_id(
        &self,
        order_id: &str,
        payment_id: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Counts a connection's success (`error` None) or failure, and keeps the newest of each.
    fn record_connection(
        &self,
        name: &str,
        at: Timestamp,
        error: Option<&str>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every connection that did something, by name.
    fn connections(&self)
    -> impl Future<Output = Result<Vec<ConnectionStatus>, StoreError>> + Send;

    /// Keeps a received webhook's id once: false, with nothing written, when this sender's
    /// webhook with this id was kept before.
    fn receive_webhook_once(
        &self,
        source: &str,
        webhook_id: &str,
        topic: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Forgets a received webhook's id, so that a delivery whose processing failed is applied
    /// when its sender tries again.
    fn forget_webhook(
        &self,
        source: &str,
        webhook_id: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// One event of a case's history.
    fn event(
        &self,
        case_id: &str,
        seq: i64,
    ) -> impl Future<Output = Result<Option<EventRecord>, StoreError>> + Send;

    /// A conversation's state.
    fn thread(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<ThreadRecord>, StoreError>> + Send;

    /// The conversations of an order: its own and its cases', the one with the newest message
    /// first.
    fn threads_of_order(
        &self,
        order_id: &str,
    ) -> impl Future<Output = Result<Vec<ThreadRecord>, StoreError>> + Send;

    /// A conversation's messages, oldest first; internal notes only with `internal`.
    fn messages(
        &self,
        thread_id: &str,
        internal: bool,
    ) -> impl Future<Output = Result<Vec<MessageRecord>, StoreError>> + Send;

    /// Adds a message and moves its thread to the state after it (creating the thread when
    /// `write.thread.version` is 1), marks the files it carries as sent with it, and queues the
    /// e-mails, in one transaction. [`StoreError::Conflict`] with nothing written when the
    /// thread changed since it was read, or a file was already sent with another message.
    fn post_message(
        &self,
        write: MessageWrite<'_>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The conversations awaiting the shop's reply, by first-reply deadline then id, `limit`
    /// after the one at `after` (its deadline and id).
    fn awaiting_reply(
        &self,
        after: Option<(Option<Date>, &str)>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<ThreadRecord>, StoreError>> + Send;

    /// How many conversations await the shop's reply, and how many of them are past their
    /// first-reply deadline on `today`.
    fn count_awaiting_reply(
        &self,
        today: Date,
    ) -> impl Future<Output = Result<(i64, i64), StoreError>> + Send;

    /// True when the evidence was sent with a message the customer with this (lowercase) e-mail
    /// sees: a shared message of a conversation on one of their orders.
    fn evidence_shared_with(
        &self,
        evidence_id: &str,
        customer_email: &str,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The message an evidence file was sent with, if any.
    fn message_of_evidence(
        &self,
        evidence_id: &str,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;
}

/// The date stored for "no deadline": sorts after every real one.
pub(crate) const NO_DEADLINE: &str = "9999-12-31";
