//! Aftercare's use cases: one function per thing a person or system does (import an order,
//! request a return, approve it, receive and inspect the parcel, grant and send the refund),
//! each one transaction, each one authorized, each one recorded with who, when and why.
//!
//! The app layer owns no rules: it asks the core's evaluator and state machines, pinned to the
//! policy version each order was placed under, and stores what they answer.

mod account;
pub mod accounts;
mod cases;
pub mod csv_orders;
pub mod demo;
pub mod evidence;
pub mod jobs;
mod keys;
pub mod mail;
mod orders;
pub mod outbox;
mod returns;
pub mod stats;

use std::sync::Arc;

use aftercare_core::cases::{Actor, Context, Machine, Refusal, Role, execute};
use aftercare_core::clock::Clock;
use aftercare_core::{Decision, FactsError, Policy};
use aftercare_store::{
    CaseKind, CaseRecord, EventRecord, Idempotency, NewEvent, OrderRecord, QueueQuery, Store,
    StoreError,
};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use cases::{AppealRequest, BuybackAction, BuybackRequest};
pub use keys::{NewApiKey, SCOPES};
pub use orders::{NewOrder, NewOrderLine, OrderAddress};
pub use returns::{ExchangeRequest, ReturnAction, ReturnRequest};

/// Why a use case did not happen. Nothing was written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Absent, or not visible to this actor (a customer never learns that another's case exists).
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error(transparent)]
    Refused(Refusal),
    #[error("the case was changed by someone else in the meantime; reload it and try again")]
    Conflict,
    #[error("this idempotency key was already used for a different request")]
    IdempotencyMismatch,
    #[error("the order's policy version `{0}` is not in the loaded policy")]
    UnknownPolicyVersion(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<FactsError> for AppError {
    fn from(e: FactsError) -> Self {
        AppError::Invalid {
            field: e.field,
            message: e.message,
        }
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Invalid { field, message } => AppError::Invalid { field, message },
            other => AppError::Refused(other),
        }
    }
}

/// The history entry of a staff member's internal note.
pub const INTERNAL_NOTE: &str = "internal_note";

/// Settings of the shop that are not policy.
#[derive(Debug, Clone)]
pub struct ShopSettings {
    /// Where returns are sent (the designated return warehouse, III.2).
    pub return_address: String,
    /// Where customers reach the portal; links in e-mails start with it.
    pub public_url: String,
    /// Keys the stored hashes of session and sign-in-link tokens.
    pub secret_key: accounts::SecretKey,
}

impl Default for ShopSettings {
    fn default() -> Self {
        ShopSettings {
            return_address: "LocksMall Returns, Warehouse 3, 88 Haigang Road, Beilun District, Ningbo, Zhejiang 315800, China".into(),
            public_url: "http://127.0.0.1:8080".into(),
            secret_key: accounts::SecretKey::generate(),
        }
    }
}

/// A case as the API and pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub id: String,
    pub kind: String,
    pub order_number: String,
    pub state: String,
    pub rma: Option<String>,
    pub deadline: Option<Date>,
    pub version: i64,
    pub data: serde_json::Value,
}

impl From<&CaseRecord> for CaseView {
    fn from(c: &CaseRecord) -> Self {
        CaseView {
            id: c.id.clone(),
            kind: c.kind.as_str().to_owned(),
            order_number: c.order_number.clone(),
            state: c.state.clone(),
            rma: c.rma.clone(),
            deadline: c.deadline,
            version: c.version,
            data: c.data.clone(),
        }
    }
}

/// A queue row: the case and whether its deadline has passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    pub case: CaseRecord,
    pub overdue: bool,
}

/// The answer to a new request: the policy's decision, and the case when one was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub decision: Decision,
    pub case: Option<CaseRecord>,
}

/// The application: a store, the policy, a clock and the shop's settings.
pub struct App<S> {
    store: S,
    policy: Arc<Policy>,
    clock: Arc<dyn Clock>,
    shop: ShopSettings,
    /// Wakes the outbox worker when a use case queued e-mail.
    mail_queued: Arc<tokio::sync::Notify>,
    /// The dashboard's weekly figures, reused for a minute: they read weeks of history, and a
    /// team refreshing the dashboard needs no newer trend than that.
    /// Held while they are computed, so that concurrent requests wait for one computation
    /// instead of each reading the history.
    weekly_stats: tokio::sync::Mutex<Option<stats::Cached>>,
}

impl<S: std::fmt::Debug> std::fmt::Debug for App<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl<S: Store> App<S> {
    /// An app over a migrated store.
    pub fn new(store: S, policy: Arc<Policy>, clock: Arc<dyn Clock>, shop: ShopSettings) -> Self {
        App {
            store,
            policy,
            clock,
            shop,
            mail_queued: Arc::new(tokio::sync::Notify::new()),
            weekly_stats: tokio::sync::Mutex::new(None),
        }
    }

    /// Notified whenever e-mail is queued, so the outbox worker need not poll often.
    pub fn mail_queued(&self) -> Arc<tokio::sync::Notify> {
        self.mail_queued.clone()
    }

    /// The shop's settings.
    pub fn shop(&self) -> &ShopSettings {
        &self.shop
    }

    /// The store, for tools that read it directly.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The loaded policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Today in the shop's time zone (the newest policy version's): deadlines are dates there.
    pub fn today(&self) -> Option<Date> {
        self.policy
            .versions()
            .last()
            .map(|v| self.now().to_zoned(v.time_zone.clone()).date())
    }

    /// The first year without an official holiday notice that counting from today up to
    /// `deadline` crosses: a deadline there is provisional and may move once the notice is in.
    pub fn provisional_year(&self, deadline: Date) -> Option<i16> {
        let version = self.policy.versions().last()?;
        let calendar = self.policy.calendar(version)?;
        let today = self.now().to_zoned(version.time_zone.clone()).date();
        (today.year()..=deadline.year()).find(|year| {
            calendar
                .year_warning(*year)
                .is_some_and(|w| w.is_provisional_date())
        })
    }

    fn context<'a>(
        &'a self,
        actor: &'a Actor,
        order: &OrderRecord,
    ) -> Result<Context<'a>, AppError> {
        let version = self
            .policy
            .version(&order.policy_version)
            .ok_or_else(|| AppError::UnknownPolicyVersion(order.policy_version.clone()))?;
        let calendar = self
            .policy
            .calendar(version)
            .ok_or_else(|| AppError::UnknownPolicyVersion(order.policy_version.clone()))?;
        Ok(Context {
            actor,
            now: self.now(),
            version,
            calendar,
        })
    }

    /// The policy's decision on case facts given as the public JSON contract, judged now.
    /// Reads nothing stored: anyone may preview what the policy says about made-up facts.
    pub fn preview_decision(&self, facts_json: &str) -> Result<Decision, AppError> {
        let facts = aftercare_core::Facts::from_json(facts_json)?;
        Ok(aftercare_core::evaluate(&self.policy, &facts, self.now())?)
    }

    /// Ok when the database answers and every migration of this build is applied.
    pub async fn ready(&self) -> Result<(), AppError> {
        self.store.ping().await?;
        if self.store.migrated().await? {
            Ok(())
        } else {
            Err(AppError::Store(StoreError::Corrupt(
                "database migrations are not applied".into(),
            )))
        }
    }

    /// A case the actor may see: staff see every case, a customer only their own.
    pub async fn case(&self, actor: &Actor, id: &str) -> Result<CaseRecord, AppError> {
        match self.store.case(id).await? {
            Some(case) if visible(actor, &case.customer_email) => Ok(case),
            _ => Err(AppError::NotFound("case")),
        }
    }

    /// A case of one kind the actor may see, still at `version` when the actor names one.
    pub(crate) async fn case_of_kind(
        &self,
        actor: &Actor,
        id: &str,
        kind: CaseKind,
        version: Option<i64>,
    ) -> Result<CaseRecord, AppError> {
        let case = self.case(actor, id).await?;
        if case.kind != kind {
            return Err(AppError::NotFound("case"));
        }
        if version.is_some_and(|v| v != case.version) {
            return Err(AppError::Conflict);
        }
        Ok(case)
    }

    /// A case's history, oldest first. Staff's internal notes are left out for anyone else.
    pub async fn timeline(&self, actor: &Actor, id: &str) -> Result<Vec<EventRecord>, AppError> {
        let case = self.case(actor, id).await?;
        let mut events = self.store.events(&case.id).await?;
        if !is_staff(actor) {
            events.retain(|e| e.kind != INTERNAL_NOTE);
        }
        Ok(events)
    }

    /// Adds a staff member's internal note to a case's history. Customers never see it; the
    /// case's state and version stay as they are.
    pub async fn add_internal_note(
        &self,
        actor: &Actor,
        id: &str,
        note: &str,
    ) -> Result<(), AppError> {
        if !is_staff(actor) {
            return Err(AppError::Refused(aftercare_core::cases::Refusal::Role(
                "only staff write internal notes".into(),
            )));
        }
        let note = note.trim();
        if note.is_empty() || note.chars().count() > 4000 {
            return Err(AppError::Invalid {
                field: "note".into(),
                message: "must be 1 to 4000 characters".into(),
            });
        }
        let case = self.case(actor, id).await?;
        let event = NewEvent {
            kind: INTERNAL_NOTE.into(),
            actor: to_json(actor)?,
            at: self.now(),
            reason: Some(note.to_owned()),
            data: serde_json::json!({}),
            mail: None,
        };
        if self.store.add_events(&case.id, &[event]).await? {
            Ok(())
        } else {
            Err(AppError::NotFound("case"))
        }
    }

    /// A page of a staff queue, oldest deadline first, with overdue cases marked.
    pub async fn queue(
        &self,
        actor: &Actor,
        query: &QueueQuery,
    ) -> Result<Vec<QueueItem>, AppError> {
        if !is_staff(actor) {
            return Err(AppError::Refused(Refusal::Role(
                "only staff can see the queues".into(),
            )));
        }
        let rows = self.store.queue(query).await?;
        let today = self.today();
        Ok(rows
            .into_iter()
            .map(|case| QueueItem {
                overdue: matches!((case.deadline, today), (Some(d), Some(t)) if d < t),
                case,
            })
            .collect())
    }

    /// Open cases by kind and step, with how many are overdue, for the staff dashboard.
    pub async fn open_counts(
        &self,
        actor: &Actor,
    ) -> Result<Vec<aftercare_store::OpenCount>, AppError> {
        if !is_staff(actor) {
            return Err(AppError::Refused(Refusal::Role(
                "only staff can see the queues".into(),
            )));
        }
        let today = self.today();
        match today {
            Some(today) => Ok(self.store.open_counts(today).await?),
            None => Ok(Vec::new()),
        }
    }

    /// Open cases past their deadline, shop-wide, for monitoring.
    pub async fn overdue_count(&self) -> Result<i64, AppError> {
        let today = self.today();
        match today {
            Some(today) => Ok(self.store.count_overdue(today).await?),
            None => Ok(0),
        }
    }

    /// Runs a command of machine `M` on a stored case: judge, then write the new state and its
    /// events in one transaction guarded by the case's version.
    async fn run<M>(
        &self,
        actor: &Actor,
        case: CaseRecord,
        command: &M::Command,
        reason: Option<String>,
        idempotency: Option<(&str, &str)>,
        amend: impl FnOnce(&mut CaseRecord, &M),
    ) -> Result<CaseRecord, AppError>
    where
        M: Machine + Serialize + DeserializeOwned,
    {
        let order = self
            .store
            .order(&case.order_id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        let (next, events) = self.prepare(actor, &order, case, command, reason, amend)?;
        // The key is stored with the change itself, holding the answer a replay gets.
        let idempotency = match idempotency {
            Some((key, fingerprint)) => Some(Idempotency {
                key: key.to_owned(),
                request_hash: fingerprint.to_owned(),
                response: to_json(&CaseView::from(&next))?,
                created_at: next.updated_at,
            }),
            None => None,
        };
        match self
            .store
            .update_case(&next, &events, idempotency.as_ref())
            .await
        {
            Ok(()) => {
                if events.iter().any(|e| e.mail.is_some()) {
                    self.mail_queued.notify_one();
                }
                Ok(next)
            }
            Err(StoreError::Conflict { .. }) => Err(AppError::Conflict),
            Err(e) => Err(e.into()),
        }
    }

    /// Judges a command of machine `M` on a stored case of `order` and builds, without writing,
    /// the case's next record and its history entries.
    fn prepare<M>(
        &self,
        actor: &Actor,
        order: &OrderRecord,
        case: CaseRecord,
        command: &M::Command,
        reason: Option<String>,
        amend: impl FnOnce(&mut CaseRecord, &M),
    ) -> Result<(CaseRecord, Vec<NewEvent>), AppError>
    where
        M: Machine + Serialize + DeserializeOwned,
    {
        let ctx = self.context(actor, order)?;
        let machine: M = serde_json::from_value(case.data.clone())
            .map_err(|e| StoreError::Corrupt(format!("case {}: {e}", case.id)))?;
        let (machine, events) = execute(machine, command, &ctx)?;
        // The step this command finishes was due on the case's deadline: whether it was done in
        // time is kept with the event, for the dashboard's share of steps done within deadline.
        let step_due = case.deadline.filter(|_| case.is_open);
        let mut next = case;
        next.version += 1;
        next.state = machine.state_name().to_owned();
        next.is_open = machine.is_open();
        next.deadline = machine.deadline();
        next.updated_at = ctx.now;
        next.data = to_json(&machine)?;
        amend(&mut next, &machine);
        let mut events = new_events(actor, ctx.now, reason, &events)?;
        for event in &mut events {
            event.mail = mail::for_event(&next, order, event, &self.shop.public_url);
        }
        if let (Some(due), Some(first)) = (step_due, events.first_mut())
            && let Some(data) = first.data.as_object_mut()
        {
            let done_on = ctx.now.to_zoned(ctx.version.time_zone.clone()).date();
            data.insert("step_due".into(), serde_json::json!(due));
            data.insert("on_time".into(), serde_json::json!(done_on <= due));
        }
        self.note_calendar_gaps(order, &next, &mut events);
        Ok((next, events))
    }

    /// A deadline counted through a year whose official notice is not in the calendar yet is
    /// provisional: the case's history says so (`calendar_warnings` on the event that set it),
    /// with what `recount_provisional_deadlines` needs to count it again once the notice is
    /// transcribed (`provisional_deadline`: the day it was counted from and how many working days).
    pub(crate) fn note_calendar_gaps(
        &self,
        order: &OrderRecord,
        case: &CaseRecord,
        events: &mut [NewEvent],
    ) {
        let Some(deadline) = case.deadline else {
            return;
        };
        let Some(version) = self.policy.version(&order.policy_version) else {
            return;
        };
        let Some(calendar) = self.policy.calendar(version) else {
            return;
        };
        let today = self.now().to_zoned(version.time_zone.clone()).date();
        let warnings: Vec<String> = (today.year()..=deadline.year())
            .filter_map(|year| calendar.year_warning(year))
            .map(|w| w.to_string())
            .collect();
        if warnings.is_empty() {
            return;
        }
        tracing::warn!(case.id = %case.id, %deadline, "deadline counted without the notice of its year: provisional");
        if let Some(data) = events.last_mut().and_then(|e| e.data.as_object_mut()) {
            data.insert("calendar_warnings".into(), serde_json::json!(warnings));
            data.insert(
                "provisional_deadline".into(),
                serde_json::json!({
                    "deadline": deadline,
                    "counted_from": today,
                    "working_days": calendar.working_days_between(today, deadline),
                }),
            );
        }
    }

    /// Looks up a replayed money-moving request: the first answer when the key was used for the
    /// same request, a refusal when it was used for another.
    async fn replayed(&self, key: &str, fingerprint: &str) -> Result<Option<CaseView>, AppError> {
        match self.store.idempotency(key).await? {
            None => Ok(None),
            Some(stored) if stored.request_hash == fingerprint => {
                serde_json::from_value(stored.response)
                    .map(Some)
                    .map_err(|e| StoreError::Corrupt(format!("idempotent response: {e}")).into())
            }
            Some(_) => Err(AppError::IdempotencyMismatch),
        }
    }

    /// Resolves a write that hit an already used key (a concurrent replay): answer as the first.
    async fn after_duplicate_key(
        &self,
        key: &str,
        fingerprint: &str,
    ) -> Result<CaseView, AppError> {
        self.replayed(key, fingerprint)
            .await?
            .ok_or(AppError::Store(StoreError::DuplicateKey(key.to_owned())))
    }
}

/// Staff and the shop's own systems see every case; a customer only the cases of orders placed
/// with their e-mail.
fn visible(actor: &Actor, customer_email: &str) -> bool {
    is_staff(actor)
        || actor.has(Role::System)
        || (actor.has(Role::Customer) && actor.id.eq_ignore_ascii_case(customer_email))
}

/// True for a staff member: any of agent, warehouse, finance, admin.
pub fn is_staff(actor: &Actor) -> bool {
    [Role::Agent, Role::Warehouse, Role::Finance, Role::Admin]
        .iter()
        .any(|r| actor.roles.contains(r))
}

fn to_json<T: Serialize>(value: &T) -> Result<serde_json::Value, AppError> {
    serde_json::to_value(value).map_err(|e| StoreError::Corrupt(format!("serialising: {e}")).into())
}

/// History entries for events: the event's `type` tag names the entry.
fn new_events<E: Serialize>(
    actor: &Actor,
    at: Timestamp,
    reason: Option<String>,
    events: &[E],
) -> Result<Vec<NewEvent>, AppError> {
    let actor = to_json(actor)?;
    events
        .iter()
        .map(|e| {
            let data = to_json(e)?;
            Ok(NewEvent {
                kind: data
                    .get("type")
                    .and_then(|t| t.as_str())
                    .unwrap_or("event")
                    .to_owned(),
                actor: actor.clone(),
                at,
                reason: reason.clone(),
                data,
                mail: None,
            })
        })
        .collect()
}

/// Names a problem with a customer's request by the request's own field (`lines[0].quantity`),
/// not by its place in the evaluator's facts (`request.lines[0].quantity`).
pub(crate) fn request_field(e: AppError) -> AppError {
    match e {
        AppError::Invalid { field, message } => AppError::Invalid {
            field: field
                .strip_prefix("request.")
                .map_or(field.clone(), str::to_owned),
            message,
        },
        other => other,
    }
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
