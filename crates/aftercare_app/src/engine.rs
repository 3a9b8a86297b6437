//! How every use case runs a command: judge it with the case's machine under the order's policy
//! version, build the new state and its history (with the e-mail each step sends), and answer a
//! replayed request as the first.

use aftercare_core::cases::{Actor, Context, Machine, execute};

use aftercare_store::{
    CaseData, CaseKind, CaseRecord, Idempotency, NewEvent, OrderRecord, Store, StoreError,
};
use jiff::Timestamp;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{App, AppError, CaseView, mail, new_id};

impl<S: Store> App<S> {
    /// A new case of machine `M` after its first command, with its history; not written.
    pub(crate) fn build_case<M>(
        &self,
        actor: &Actor,
        order: &OrderRecord,
        kind: CaseKind,
        command: &M::Command,
    ) -> Result<(CaseRecord, Vec<aftercare_store::NewEvent>), AppError>
    where
        M: Machine + Default + Serialize,
    {
        let ctx = self.context(actor, order)?;
        let (machine, events) = execute(M::default(), command, &ctx)?;
        let case = CaseRecord {
            id: new_id(),
            kind,
            order_id: order.id.clone(),
            order_number: order.number.clone(),
            customer_email: order.customer_email.clone(),
            rma: None,
            state: machine.state_name().to_owned(),
            is_open: machine.is_open(),
            deadline: machine.deadline(),
            amount_minor: None,
            version: 1,
            data: case_data(&machine)?,
            created_at: ctx.now,
            updated_at: ctx.now,
            tracking_number: machine.tracking_number().map(str::to_owned),
        };
        let mut events = new_events(actor, ctx.now, None, &events)?;
        // A case opened by the customer's request is the first step they hear about.
        let head = self.letterhead();
        for event in &mut events {
            event.mail = mail::for_event(
                &case,
                order,
                event,
                &self.shop.public_url,
                ctx.version,
                &head,
            );
        }
        self.note_calendar_gaps(&ctx, &case, &mut events);
        Ok((case, events))
    }

    /// Runs a command of machine `M` on a stored case: judge, then write the new state and its
    /// events in one transaction guarded by the case's version.
    pub(crate) async fn run<M>(
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
                self.webhooks_queued.notify_one();
                Ok(next)
            }
            Err(StoreError::Conflict { .. }) => Err(AppError::Conflict),
            Err(e) => Err(e.into()),
        }
    }

    /// Judges a command of machine `M` on a stored case of `order` and builds, without writing,
    /// the case's next record and its history entries.
    pub(crate) fn prepare<M>(
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
        let machine: M = case
            .data
            .typed()
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
        next.data = case_data(&machine)?;
        next.tracking_number = machine.tracking_number().map(str::to_owned);
        amend(&mut next, &machine);
        let mut events = new_events(actor, ctx.now, reason, &events)?;
        let head = self.letterhead();
        for event in &mut events {
            event.mail = mail::for_event(
                &next,
                order,
                event,
                &self.shop.public_url,
                ctx.version,
                &head,
            );
        }
        self.attach_documents(order, &next, ctx.version, &mut events)?;
        if let (Some(due), Some(first)) = (step_due, events.first_mut())
            && let Some(data) = first.data.as_object_mut()
        {
            let done_on = ctx.now.to_zoned(ctx.version.time_zone.clone()).date();
            data.insert("step_due".into(), serde_json::json!(due));
            data.insert("on_time".into(), serde_json::json!(done_on <= due));
        }
        self.note_calendar_gaps(&ctx, &next, &mut events);
        Ok((next, events))
    }

    /// A deadline counted through a year whose official notice is not in the calendar yet is
    /// provisional: the case's history says so (`calendar_warnings` on the event that set it),
    /// with what `recount_provisional_deadlines` needs to count it again once the notice is
    /// transcribed (`provisional_deadline`: the day it was counted from and how many working days).
    pub(crate) fn note_calendar_gaps(
        &self,
        ctx: &Context<'_>,
        case: &CaseRecord,
        events: &mut [NewEvent],
    ) {
        let Some(deadline) = case.deadline else {
            return;
        };
        let today = ctx.today();
        let warnings: Vec<String> = ctx
            .calendar
            .provisional_years(today, deadline)
            .iter()
            .map(ToString::to_string)
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
                    "working_days": ctx.calendar.working_days_between(today, deadline),
                }),
            );
        }
    }

    /// Looks up a replayed money-moving request: the first answer when the key was used for the
    /// same request, a refusal when it was used for another.
    pub(crate) async fn replayed(
        &self,
        key: &str,
        fingerprint: &str,
    ) -> Result<Option<CaseView>, AppError> {
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
    pub(crate) async fn after_duplicate_key(
        &self,
        key: &str,
        fingerprint: &str,
    ) -> Result<CaseView, AppError> {
        self.replayed(key, fingerprint)
            .await?
            .ok_or(AppError::Store(StoreError::DuplicateKey(key.to_owned())))
    }
}

/// A machine as its case's data, written as JSON text straight away.
pub(crate) fn case_data<T: Serialize>(machine: &T) -> Result<CaseData, AppError> {
    CaseData::of(machine).map_err(serialising)
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<serde_json::Value, AppError> {
    serde_json::to_value(value).map_err(serialising)
}

/// A value that would not serialise: the store's data would be corrupt.
fn serialising(e: serde_json::Error) -> AppError {
    StoreError::Corrupt(format!("serialising: {e}")).into()
}

/// History entries for events: the event's `type` tag names the entry.
pub(crate) fn new_events<E: Serialize>(
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
