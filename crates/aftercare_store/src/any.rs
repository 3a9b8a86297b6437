//! The store chosen by configuration: SQLite by default, PostgreSQL for a `postgres://` URL.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::{
    AccountOf, Activity, ApiKeyRecord, CaseRecord, ConnectionStatus, EventRecord, EvidenceRecord,
    Idempotency, MailRecord, MessageRecord, MessageWrite, NewEvent, NewMail, NewOrderWrite,
    OrderAccount, OrderRecord, OrderWrite, PasswordLink, PgStore, PutOrder, QueueQuery,
    SessionRecord, SignInLink, SqliteStore, StaffChangeRecord, Store, StoreError, ThreadRecord,
    TrackingEventRecord, UserChange, UserRecord, WebhookAttempt, WebhookDelivery, WebhookEndpoint,
    WebhookSummary,
};

/// Either implementation, picked at start-up from the database URL.
#[derive(Debug, Clone)]
pub enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl AnyStore {
    /// Connects to `postgres://...` or `postgresql://...`, or opens a `sqlite://` URL or file path.
    pub async fn connect(url: &str) -> Result<AnyStore, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(PgStore::connect(url).await?.into())
        } else {
            Ok(SqliteStore::connect(url).await?.into())
        }
    }

    /// "sqlite" or "postgres", for logs and figures.
    pub fn dialect(&self) -> &'static str {
        match self {
            AnyStore::Sqlite(_) => "sqlite",
            AnyStore::Postgres(_) => "postgres",
        }
    }
}

impl From<SqliteStore> for AnyStore {
    fn from(store: SqliteStore) -> Self {
        AnyStore::Sqlite(store)
    }
}

impl From<PgStore> for AnyStore {
    fn from(store: PgStore) -> Self {
        AnyStore::Postgres(store)
    }
}

macro_rules! delegate {
    ($self:ident, $s:ident => $call:expr) => {
        match $self {
            AnyStore::Sqlite($s) => $call.await,
            AnyStore::Postgres($s) => $call.await,
        }
    };
}

impl Store for AnyStore {
    async fn migrate(&self) -> Result<(), StoreError> {
        delegate!(self, s => s.migrate())
    }
    async fn migrated(&self) -> Result<bool, StoreError> {
        delegate!(self, s => s.migrated())
    }
    async fn ping(&self) -> Result<(), StoreError> {
        delegate!(self, s => s.ping())
    }
    async fn put_order(&self, order: &OrderRecord) -> Result<PutOrder, StoreError> {
        delegate!(self, s => s.put_order(order))
    }
    async fn order(&self, id: &str) -> Result<Option<OrderRecord>, StoreError> {
        delegate!(self, s => s.order(id))
    }
    async fn order_by_number(&self, number: &str) -> Result<Option<OrderRecord>, StoreError> {
        delegate!(self, s => s.order_by_number(number))
    }
    async fn orders_page(
        &self,
        after: Option<(Timestamp, String)>,
        limit: u32,
    ) -> Result<Vec<OrderRecord>, StoreError> {
        delegate!(self, s => s.orders_page(after, limit))
    }
    async fn set_customer_language(&self, email: &str, language: &str) -> Result<u64, StoreError> {
        delegate!(self, s => s.set_customer_language(email, language))
    }
    async fn orders_of_customer(
        &self,
        email: &str,
        limit: u32,
    ) -> Result<Vec<OrderRecord>, StoreError> {
        delegate!(self, s => s.orders_of_customer(email, limit))
    }
    async fn create_case(
        &self,
        case: &CaseRecord,
        events: &[NewEvent],
        idempotency: Option<&Idempotency>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.create_case(case, events, idempotency))
    }
    async fn write_order(&self, write: OrderWrite<'_>) -> Result<(), StoreError> {
        delegate!(self, s => s.write_order(write))
    }
    async fn update_case(
        &self,
        case: &CaseRecord,
        events: &[NewEvent],
        idempotency: Option<&Idempotency>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.update_case(case, events, idempotency))
    }
    async fn update_cases(
        &self,
        changes: &[(CaseRecord, Vec<NewEvent>)],
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.update_cases(changes))
    }
    async fn case(&self, id: &str) -> Result<Option<CaseRecord>, StoreError> {
        delegate!(self, s => s.case(id))
    }
    async fn cases_with_orders(
        &self,
        ids: &[&str],
    ) -> Result<Vec<(CaseRecord, OrderRecord)>, StoreError> {
        delegate!(self, s => s.cases_with_orders(ids))
    }
    async fn case_by_rma(&self, rma: &str) -> Result<Option<CaseRecord>, StoreError> {
        delegate!(self, s => s.case_by_rma(rma))
    }
    async fn account_of(
        &self,
        of: AccountOf<'_>,
    ) -> Result<Option<(OrderRecord, OrderAccount)>, StoreError> {
        delegate!(self, s => s.account_of(of))
    }
    async fn account_with_evidence(
        &self,
        of: AccountOf<'_>,
        evidence: &[String],
    ) -> Result<crate::AccountAndEvidence, StoreError> {
        delegate!(self, s => s.account_with_evidence(of, evidence))
    }
    async fn cases_of_order(&self, order_id: &str) -> Result<Vec<CaseRecord>, StoreError> {
        delegate!(self, s => s.cases_of_order(order_id))
    }
    async fn add_events(&self, case_id: &str, events: &[NewEvent]) -> Result<bool, StoreError> {
        delegate!(self, s => s.add_events(case_id, events))
    }
    async fn activity_since(&self, since: Timestamp, limit: u32) -> Result<Activity, StoreError> {
        delegate!(self, s => s.activity_since(since, limit))
    }
    async fn events(&self, case_id: &str) -> Result<Vec<EventRecord>, StoreError> {
        delegate!(self, s => s.events(case_id))
    }
    async fn queue(&self, query: &QueueQuery) -> Result<Vec<CaseRecord>, StoreError> {
        delegate!(self, s => s.queue(query))
    }
    async fn idempotency(&self, key: &str) -> Result<Option<Idempotency>, StoreError> {
        delegate!(self, s => s.idempotency(key))
    }
    async fn create_api_key(&self, key: &ApiKeyRecord) -> Result<(), StoreError> {
        delegate!(self, s => s.create_api_key(key))
    }
    async fn api_key_by_hash(&self, hash: &str) -> Result<Option<ApiKeyRecord>, StoreError> {
        delegate!(self, s => s.api_key_by_hash(hash))
    }
    async fn api_keys(&self) -> Result<Vec<ApiKeyRecord>, StoreError> {
        delegate!(self, s => s.api_keys())
    }
    async fn revoke_api_key(&self, id: &str, at: Timestamp) -> Result<bool, StoreError> {
        delegate!(self, s => s.revoke_api_key(id, at))
    }
    async fn create_user(&self, user: &UserRecord) -> Result<(), StoreError> {
        delegate!(self, s => s.create_user(user))
    }
    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        delegate!(self, s => s.user_by_email(email))
    }
    async fn user(&self, id: &str) -> Result<Option<UserRecord>, StoreError> {
        delegate!(self, s => s.user(id))
    }
    async fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
        delegate!(self, s => s.users())
    }
    async fn create_session(&self, session: &SessionRecord) -> Result<(), StoreError> {
        delegate!(self, s => s.create_session(session))
    }
    async fn session(&self, id_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        delegate!(self, s => s.session(id_hash))
    }
    async fn session_with_user(
        &self,
        id_hash: &str,
    ) -> Result<Option<(SessionRecord, Option<UserRecord>)>, StoreError> {
        delegate!(self, s => s.session_with_user(id_hash))
    }
    async fn touch_session(&self, id_hash: &str, at: Timestamp) -> Result<(), StoreError> {
        delegate!(self, s => s.touch_session(id_hash, at))
    }
    async fn delete_session(&self, id_hash: &str) -> Result<bool, StoreError> {
        delegate!(self, s => s.delete_session(id_hash))
    }
    async fn record_sign_in_failure(
        &self,
        account: &str,
        address: &str,
        at: Timestamp,
        forget_before: Timestamp,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.record_sign_in_failure(account, address, at, forget_before))
    }
    async fn sign_in_failures(
        &self,
        account: &str,
        address: &str,
        since: Timestamp,
    ) -> Result<(i64, i64), StoreError> {
        delegate!(self, s => s.sign_in_failures(account, address, since))
    }
    async fn unattached_evidence_before(
        &self,
        before: Timestamp,
        limit: u32,
    ) -> Result<Vec<EvidenceRecord>, StoreError> {
        delegate!(self, s => s.unattached_evidence_before(before, limit))
    }
    async fn mark_evidence_attached(&self, id: &str, at: Timestamp) -> Result<(), StoreError> {
        delegate!(self, s => s.mark_evidence_attached(id, at))
    }
    async fn evidence_named(
        &self,
        id: &str,
        customer_email: Option<&str>,
    ) -> Result<bool, StoreError> {
        delegate!(self, s => s.evidence_named(id, customer_email))
    }
    async fn delete_evidence(&self, id: &str) -> Result<bool, StoreError> {
        delegate!(self, s => s.delete_evidence(id))
    }
    async fn create_sign_in_link(
        &self,
        link: &SignInLink,
        mail: &NewMail,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.create_sign_in_link(link, mail))
    }
    async fn use_sign_in_link(
        &self,
        token_hash: &str,
        at: Timestamp,
    ) -> Result<Option<String>, StoreError> {
        delegate!(self, s => s.use_sign_in_link(token_hash, at))
    }
    async fn claim_mail(
        &self,
        at: Timestamp,
        lease: jiff::SignedDuration,
        limit: u32,
    ) -> Result<Vec<MailRecord>, StoreError> {
        delegate!(self, s => s.claim_mail(at, lease, limit))
    }
    async fn mail_sent(&self, ids: &[String], at: Timestamp) -> Result<(), StoreError> {
        delegate!(self, s => s.mail_sent(ids, at))
    }
    async fn mail_failed(
        &self,
        id: &str,
        retry_at: Option<Timestamp>,
        error: &str,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.mail_failed(id, retry_at, error))
    }
    async fn open_counts(
        &self,
        today: jiff::civil::Date,
    ) -> Result<Vec<crate::OpenCount>, StoreError> {
        delegate!(self, s => s.open_counts(today))
    }
    async fn count_overdue(&self, today: jiff::civil::Date) -> Result<i64, StoreError> {
        delegate!(self, s => s.count_overdue(today))
    }

    async fn compact_case_counts(&self) -> Result<u64, StoreError> {
        delegate!(self, s => s.compact_case_counts())
    }
    async fn outbox_depth(&self) -> Result<i64, StoreError> {
        delegate!(self, s => s.outbox_depth())
    }
    async fn create_evidence(&self, evidence: &EvidenceRecord) -> Result<(), StoreError> {
        delegate!(self, s => s.create_evidence(evidence))
    }
    async fn evidence(&self, id: &str) -> Result<Option<EvidenceRecord>, StoreError> {
        delegate!(self, s => s.evidence(id))
    }
    async fn shop_profile(&self) -> Result<Option<serde_json::Value>, StoreError> {
        delegate!(self, s => s.shop_profile())
    }
    async fn save_shop_profile(
        &self,
        profile: &serde_json::Value,
        actor: &serde_json::Value,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.save_shop_profile(profile, actor, at))
    }
    async fn change_user(
        &self,
        user_id: &str,
        change: &UserChange,
        actor: &serde_json::Value,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        delegate!(self, s => s.change_user(user_id, change, actor, at))
    }

    async fn shop_logo(&self) -> Result<Option<Option<Vec<u8>>>, StoreError> {
        delegate!(self, s => s.shop_logo())
    }

    async fn save_shop_logo(
        &self,
        png: Option<&[u8]>,
        actor: &serde_json::Value,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.save_shop_logo(png, actor, at))
    }

    async fn staff_changes(&self, user_id: &str) -> Result<Vec<StaffChangeRecord>, StoreError> {
        delegate!(self, s => s.staff_changes(user_id))
    }

    async fn create_password_link(
        &self,
        link: &PasswordLink,
        mail: &NewMail,
        actor: &serde_json::Value,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.create_password_link(link, mail, actor))
    }

    async fn password_link_user(
        &self,
        token_hash: &str,
        at: Timestamp,
    ) -> Result<Option<String>, StoreError> {
        delegate!(self, s => s.password_link_user(token_hash, at))
    }

    async fn use_password_link(
        &self,
        token_hash: &str,
        password_hash: &str,
        actor: &serde_json::Value,
        at: Timestamp,
    ) -> Result<Option<String>, StoreError> {
        delegate!(self, s => s.use_password_link(token_hash, password_hash, actor, at))
    }

    async fn create_webhook_endpoint(&self, endpoint: &WebhookEndpoint) -> Result<(), StoreError> {
        delegate!(self, s => s.create_webhook_endpoint(endpoint))
    }

    async fn webhook_endpoints(&self) -> Result<Vec<WebhookEndpoint>, StoreError> {
        delegate!(self, s => s.webhook_endpoints())
    }

    async fn webhook_endpoint(&self, id: &str) -> Result<Option<WebhookEndpoint>, StoreError> {
        delegate!(self, s => s.webhook_endpoint(id))
    }

    async fn set_webhook_endpoint_disabled(
        &self,
        id: &str,
        disabled: Option<(Timestamp, &str)>,
        mails: &[NewMail],
    ) -> Result<bool, StoreError> {
        delegate!(self, s => s.set_webhook_endpoint_disabled(id, disabled, mails))
    }

    async fn claim_webhook(
        &self,
        at: Timestamp,
        lease: jiff::SignedDuration,
    ) -> Result<Option<WebhookDelivery>, StoreError> {
        delegate!(self, s => s.claim_webhook(at, lease))
    }

    async fn webhook_attempted(
        &self,
        id: &str,
        attempt: &WebhookAttempt,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.webhook_attempted(id, attempt))
    }

    async fn webhook_deliveries(
        &self,
        endpoint_id: &str,
        limit: u32,
    ) -> Result<Vec<WebhookDelivery>, StoreError> {
        delegate!(self, s => s.webhook_deliveries(endpoint_id, limit))
    }

    async fn webhook_summaries(&self) -> Result<Vec<(String, WebhookSummary)>, StoreError> {
        delegate!(self, s => s.webhook_summaries())
    }

    async fn resend_webhook(&self, id: &str, at: Timestamp) -> Result<bool, StoreError> {
        delegate!(self, s => s.resend_webhook(id, at))
    }

    async fn record_tracking_event(&self, event: &TrackingEventRecord) -> Result<bool, StoreError> {
        delegate!(self, s => s.record_tracking_event(event))
    }

    async fn set_tracking_outcome(
        &self,
        source: &str,
        event_id: &str,
        outcome: &str,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.set_tracking_outcome(source, event_id, outcome))
    }

    async fn case_by_tracking_number(
        &self,
        tracking_number: &str,
    ) -> Result<Option<CaseRecord>, StoreError> {
        delegate!(self, s => s.case_by_tracking_number(tracking_number))
    }

    async fn tracking_events_of(
        &self,
        case_id: &str,
    ) -> Result<Vec<TrackingEventRecord>, StoreError> {
        delegate!(self, s => s.tracking_events_of(case_id))
    }

    async fn newest_tracking_events(
        &self,
        case_ids: &[String],
    ) -> Result<Vec<TrackingEventRecord>, StoreError> {
        delegate!(self, s => s.newest_tracking_events(case_ids))
    }

    async fn link_store_order(
        &self,
        source: &str,
        store_id: &str,
        order_number: &str,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.link_store_order(source, store_id, order_number))
    }

    async fn store_order_number(
        &self,
        source: &str,
        store_id: &str,
    ) -> Result<Option<String>, StoreError> {
        delegate!(self, s => s.store_order_number(source, store_id))
    }

    async fn set_order_payment_id(
        &self,
        order_id: &str,
        payment_id: &str,
    ) -> Result<bool, StoreError> {
        delegate!(self, s => s.set_order_payment_id(order_id, payment_id))
    }

    async fn put_orders(&self, orders: &[NewOrderWrite]) -> Result<Vec<PutOrder>, StoreError> {
        delegate!(self, s => s.put_orders(orders))
    }

    async fn refresh_statistics(&self) -> Result<(), StoreError> {
        delegate!(self, s => s.refresh_statistics())
    }

    async fn record_connection(
        &self,
        name: &str,
        at: Timestamp,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        delegate!(self, s => s.record_connection(name, at, error))
    }

    async fn connections(&self) -> Result<Vec<ConnectionStatus>, StoreError> {
        delegate!(self, s => s.connections())
    }

    async fn receive_webhook_once(
        &self,
        source: &str,
        webhook_id: &str,
        topic: &str,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        delegate!(self, s => s.receive_webhook_once(source, webhook_id, topic, at))
    }

    async fn forget_webhook(&self, source: &str, webhook_id: &str) -> Result<(), StoreError> {
        delegate!(self, s => s.forget_webhook(source, webhook_id))
    }

    async fn event(&self, case_id: &str, seq: i64) -> Result<Option<EventRecord>, StoreError> {
        delegate!(self, s => s.event(case_id, seq))
    }

    async fn thread(&self, id: &str) -> Result<Option<ThreadRecord>, StoreError> {
        delegate!(self, s => s.thread(id))
    }

    async fn threads_of_order(&self, order_id: &str) -> Result<Vec<ThreadRecord>, StoreError> {
        delegate!(self, s => s.threads_of_order(order_id))
    }

    async fn messages(
        &self,
        thread_id: &str,
        internal: bool,
    ) -> Result<Vec<MessageRecord>, StoreError> {
        delegate!(self, s => s.messages(thread_id, internal))
    }

    async fn post_message(&self, write: MessageWrite<'_>) -> Result<(), StoreError> {
        delegate!(self, s => s.post_message(write))
    }

    async fn awaiting_reply(
        &self,
        after: Option<(Option<Date>, &str)>,
        limit: u32,
    ) -> Result<Vec<ThreadRecord>, StoreError> {
        delegate!(self, s => s.awaiting_reply(after, limit))
    }

    async fn count_awaiting_reply(&self, today: Date) -> Result<(i64, i64), StoreError> {
        delegate!(self, s => s.count_awaiting_reply(today))
    }

    async fn evidence_shared_with(
        &self,
        evidence_id: &str,
        customer_email: &str,
    ) -> Result<bool, StoreError> {
        delegate!(self, s => s.evidence_shared_with(evidence_id, customer_email))
    }

    async fn message_of_evidence(&self, evidence_id: &str) -> Result<Option<String>, StoreError> {
        delegate!(self, s => s.message_of_evidence(evidence_id))
    }
}
