//! What the store keeps: orders, cases and their history, people, sessions, evidence, mail,
//! keys, and the rows the dashboards and queues read.

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::OnceLock;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

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
    /// The language the customer chose for the e-mails about it (a BCP 47 tag); `None` until
    /// they choose. Not a detail of the order: an import neither sets nor compares it.
    pub language: Option<String>,
}

/// An order of an import, with the fulfilment case it opens when it is new (none for an order
/// imported already signed).
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrderWrite {
    pub order: OrderRecord,
    pub opens: Option<(CaseRecord, Vec<NewEvent>)>,
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
    pub data: CaseData,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// The tracking number the case's parcel travels under: the order's last shipment, a
    /// return's or a buyback's parcel back. Kept upper-cased in its own column so staff find a
    /// case by it.
    pub tracking_number: Option<String>,
}

/// A case's data: its state machine as JSON. A case read from the store keeps the text it was
/// stored as and parses it only as far as it is asked: into a typed machine straight from the
/// text ([`CaseData::typed`]), or into a `Value` on first use ([`CaseData::value`], also through
/// `Deref`). Every command reads all of its order's cases for the ledger, and building each
/// case's `Value` tree only to read a typed machine out of it and drop it was a tenth of the
/// server's CPU in the return flow.
#[derive(Clone)]
pub struct CaseData(Repr);

#[derive(Clone)]
enum Repr {
    /// Valid JSON as stored, with its `Value` once something asked for it.
    Text(String, OnceLock<Value>),
    Value(Value),
}

impl CaseData {
    /// Data read back as stored: checked to be JSON (without building anything), so that a
    /// corrupt row is refused where it is read, as before.
    pub fn from_text(text: String) -> Result<Self, serde_json::Error> {
        serde_json::from_str::<serde::de::IgnoredAny>(&text)?;
        Ok(Self(Repr::Text(text, OnceLock::new())))
    }

    /// A machine's data, written as text straight away: a case written is stored as text.
    pub fn of<T: Serialize>(machine: &T) -> Result<Self, serde_json::Error> {
        Ok(Self(Repr::Text(
            serde_json::to_string(machine)?,
            OnceLock::new(),
        )))
    }

    /// The data as a `Value`, parsed from the text the first time.
    pub fn value(&self) -> &Value {
        match &self.0 {
            Repr::Value(v) => v,
            // The text was checked when it was read or written, so it parses; `Null` only
            // stands for what cannot happen.
            Repr::Text(text, value) => {
                value.get_or_init(|| serde_json::from_str(text).unwrap_or(Value::Null))
            }
        }
    }

    /// The data as an owned `Value`: read afresh from the text unless it was read already, so
    /// a case answered once is parsed once and not kept twice.
    pub fn to_value(&self) -> Value {
        match &self.0 {
            Repr::Value(v) => v.clone(),
            Repr::Text(text, read) => read
                .get()
                .cloned()
                .unwrap_or_else(|| serde_json::from_str(text).unwrap_or(Value::Null)),
        }
    }

    /// The data read as `T`, from the text itself where there is one.
    pub fn typed<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        match &self.0 {
            Repr::Text(text, _) => serde_json::from_str(text),
            Repr::Value(v) => T::deserialize(v),
        }
    }

    /// The data as the store writes it.
    pub fn text(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Text(text, _) => Cow::Borrowed(text),
            Repr::Value(v) => Cow::Owned(v.to_string()),
        }
    }
}

impl From<Value> for CaseData {
    fn from(value: Value) -> Self {
        Self(Repr::Value(value))
    }
}

impl Deref for CaseData {
    type Target = Value;

    fn deref(&self) -> &Value {
        self.value()
    }
}

/// Equal when they say the same, however each is held.
impl PartialEq for CaseData {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
}

impl Eq for CaseData {}

impl std::fmt::Debug for CaseData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value().fmt(f)
    }
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
    /// Where an answer goes, when not to the sender: a conversation's reply address.
    pub reply_to: Option<String>,
    /// Files sent with it (the commercial invoice with the "shipped" e-mail).
    pub attachments: Vec<MailAttachment>,
    /// Documents the outbox draws from the e-mail's case when it delivers it, sent after
    /// `attachments` (`rma-slip`: the RMA slip of an approved return).
    pub drawn: Vec<String>,
}

/// A file sent with an e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAttachment {
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// An e-mail claimed from the outbox for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailRecord {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub reply_to: Option<String>,
    pub attachments: Vec<MailAttachment>,
    /// Documents to draw from the case and send after `attachments`.
    pub drawn: Vec<String>,
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

/// A staff member's single-use link to set a password, as stored: a hash of its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordLink {
    pub token_hash: String,
    pub user_id: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// One line of a staff account's history: what changed, who changed it, when.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffChangeRecord {
    pub change: String,
    pub actor: serde_json::Value,
    pub at: Timestamp,
}

/// A change to a staff account after its creation, kept with who made it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserChange {
    /// Its sessions end at once and it cannot sign in.
    Deactivated,
    Reactivated,
    /// An admin corrected the e-mail (lowercase), the name or the role names.
    Edited {
        email: String,
        name: String,
        roles: Vec<String>,
    },
    /// A new password hash; every session of the account ends but the one kept (the session
    /// of the person who changed their own password).
    Password {
        hash: String,
        keep_session: Option<String>,
    },
}

impl UserChange {
    /// The change as the account's history says it.
    pub fn describe(&self) -> String {
        match self {
            UserChange::Deactivated => "deactivated".into(),
            UserChange::Reactivated => "reactivated".into(),
            UserChange::Edited { email, name, roles } => {
                format!(
                    "edited: name {name}, e-mail {email}, roles {}",
                    roles.join(", ")
                )
            }
            UserChange::Password { .. } => "password changed".into(),
        }
    }
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

/// What an order's account is read by: the order's id, its shop order number, or one of its
/// cases' ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountOf<'a> {
    Order(&'a str),
    Number(&'a str),
    Case(&'a str),
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
    /// Due before today.
    pub overdue: i64,
    /// Due today.
    pub due_today: i64,
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
    /// One box for staff: an order number, an RMA number, a tracking number (outbound or back) or
    /// an e-mail (exactly, any case), or part of the customer's name.
    pub search: Option<String>,
    /// Only cases whose deadline is before this day (overdue on it).
    pub due_before: Option<Date>,
    /// Closed cases too.
    pub include_closed: bool,
    /// Start after this case (keyset pagination): the last row of the previous page.
    pub after: Option<QueueCursor>,
    pub limit: u32,
    /// Only what a list shows: each case's `data` (its decision and details) is left out and
    /// reads as JSON null, so a page of a large queue stays light to read and to hold.
    pub without_data: bool,
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

/// An endpoint of one of the shop's other systems that hears about case steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEndpoint {
    pub id: String,
    pub url: String,
    /// The signing secret, `whsec_` and base64, as Standard Webhooks writes it.
    pub secret: String,
    /// The event types it chose (`return.approved`); `*` for every one.
    pub events: Vec<String>,
    pub description: String,
    /// The admin's id.
    pub created_by: String,
    pub created_at: Timestamp,
    pub disabled_at: Option<Timestamp>,
    pub disabled_reason: Option<String>,
}

impl WebhookEndpoint {
    /// Whether it chose events of this type (`return.approved`).
    pub fn wants(&self, event_type: &str) -> bool {
        self.events.iter().any(|e| e == "*" || e == event_type)
    }
}

/// One message to one endpoint: a case event, and how its delivery went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    /// The message id (`webhook-id`): the same for every attempt, so receivers drop repeats.
    pub id: String,
    pub endpoint_id: String,
    pub case_id: String,
    pub seq: i64,
    /// `{case kind}.{event kind}`: `return.approved`.
    pub event_type: String,
    pub created_at: Timestamp,
    pub attempts: i64,
    /// When it is tried next; `None` once delivered or given up.
    pub next_attempt_at: Option<Timestamp>,
    pub delivered_at: Option<Timestamp>,
    pub last_attempt_at: Option<Timestamp>,
    /// The receiver's HTTP status at the last attempt.
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
}

/// How one delivery attempt went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookAttempt {
    pub at: Timestamp,
    pub status: Option<i64>,
    pub error: Option<String>,
    /// The receiver answered 2xx.
    pub delivered: bool,
    /// When to try again; `None`: delivered, or given up.
    pub retry_at: Option<Timestamp>,
}

/// How an endpoint's deliveries stand: counts, and its last success and failure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookSummary {
    pub delivered: i64,
    /// Waiting for their next attempt.
    pub waiting: i64,
    /// Given up after the last retry, or stopped by a disabled endpoint.
    pub given_up: i64,
    pub last_delivered_at: Option<Timestamp>,
    pub last_failed_at: Option<Timestamp>,
}

/// What a connection (the payment provider, the shop's store, tracking) last did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionStatus {
    pub name: String,
    pub successes: i64,
    pub failures: i64,
    pub last_success_at: Option<Timestamp>,
    pub last_error_at: Option<Timestamp>,
    pub last_error: Option<String>,
}

/// A tracking event as kept: who sent it, its id there, what it says, and what it did here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingEventRecord {
    /// The sender: its API key's id.
    pub source: String,
    /// The sender's own id of the event: the same event sent again is recognised by it.
    pub event_id: String,
    /// Upper-cased, as cases keep theirs.
    pub tracking_number: String,
    pub status: String,
    pub at: Timestamp,
    pub description: String,
    /// The case it matched by tracking number.
    pub case_id: Option<String>,
    /// What it did: `signed`, `recorded`, `unmatched`, `no_change: ...`.
    pub outcome: String,
    pub received_at: Timestamp,
}

/// A conversation's state: one per order (its id is the order's id) and one per case (its id is
/// the case's id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadRecord {
    pub id: String,
    pub order_id: String,
    /// The case it is about; `None` for the order's own thread.
    pub case_id: Option<String>,
    pub order_number: String,
    pub customer_email: String,
    /// How many messages it holds, internal notes included.
    pub messages: i64,
    pub last_message_at: Timestamp,
    /// While the shop owes the customer a reply: since when.
    pub awaiting_since: Option<Timestamp>,
    /// While the shop owes a reply: the first-reply deadline (`None` when the calendar could not
    /// count one).
    pub reply_due: Option<Date>,
    /// 1 when created; each message moves it on by one.
    pub version: i64,
}

/// One message of a conversation as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRecord {
    pub id: String,
    pub thread_id: String,
    /// Its place in the thread, from 1.
    pub seq: i64,
    /// "customer" or "shop".
    pub side: String,
    /// A staff note the customer never sees.
    pub internal: bool,
    /// The actor who wrote it, as the history records actors.
    pub author: Value,
    /// How the other side sees the writer named: the customer's name, a staff member's name.
    pub author_name: String,
    pub body: String,
    /// Evidence ids of the files it carries.
    pub attachments: Vec<String>,
    /// Where it was written: "portal", "console", "email" or "api".
    pub via: String,
    pub at: Timestamp,
}

/// A message and its thread's state after it, written together with the e-mails telling the
/// other side.
#[derive(Debug, Clone, Copy)]
pub struct MessageWrite<'a> {
    /// The thread after the message; its `version` is the stored one plus one (1 creates it).
    pub thread: &'a ThreadRecord,
    pub message: &'a MessageRecord,
    pub mails: &'a [NewMail],
}

#[cfg(test)]
mod case_data_tests {
    use super::CaseData;
    use serde_json::{Value, json};

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Machine {
        state: String,
        units: u32,
    }

    #[test]
    fn data_read_as_text_says_what_it_said_as_a_value() {
        let value = json!({"state": "approved", "units": 2, "reasons": ["a", {"b": null}]});
        let read = CaseData::from_text(value.to_string()).unwrap();
        assert_eq!(*read, value);
        assert_eq!(read, CaseData::from(value.clone()));
        assert_eq!(read.text(), value.to_string());
        // Whatever it is held as, the store writes text that reads back the same.
        let written = CaseData::from(value.clone());
        assert_eq!(
            CaseData::from_text(written.text().into_owned()).unwrap(),
            read
        );
    }

    #[test]
    fn a_machine_is_read_from_the_text_itself_and_written_as_text() {
        let machine = Machine {
            state: "requested".into(),
            units: 3,
        };
        let data = CaseData::of(&machine).unwrap();
        assert_eq!(data.typed::<Machine>().unwrap(), machine);
        assert_eq!(data["units"], json!(3));
        let read = CaseData::from_text(data.text().into_owned()).unwrap();
        assert_eq!(read.typed::<Machine>().unwrap(), machine);
        assert!(read.typed::<Vec<u8>>().is_err());
    }

    #[test]
    fn an_owned_value_is_the_same_read_before_or_after_it_was_asked_for() {
        let value = json!({"state": "inspected", "lines": [{"sku": "A", "units": 1}]});
        let fresh = CaseData::from_text(value.to_string()).unwrap();
        assert_eq!(fresh.to_value(), value);
        let asked = CaseData::from_text(value.to_string()).unwrap();
        assert_eq!(*asked, value);
        assert_eq!(asked.to_value(), value);
        assert_eq!(CaseData::from(value.clone()).to_value(), value);
    }

    #[test]
    fn text_that_is_not_json_is_refused_where_it_is_read() {
        for bad in ["", "{", "{\"a\": }", "null null", "[1,]"] {
            assert!(CaseData::from_text(bad.into()).is_err(), "{bad:?}");
        }
        assert_eq!(*CaseData::from_text("null".into()).unwrap(), Value::Null);
    }
}
