//! Who sees which cases: staff and the shop's systems every case, a customer only their own;
//! the history and the staff queues.

use aftercare_core::cases::{Actor, Refusal, Role};

use aftercare_store::{CaseKind, CaseRecord, EventRecord, NewEvent, QueueQuery, Store};

use crate::{App, AppError, INTERNAL_NOTE, QueueItem, to_json};

impl<S: Store> App<S> {
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

    /// A case's history as staff read it: each entry with who did it by name (a staff member's
    /// name, "the customer", the shop's system by its name), never a bare id.
    pub async fn timeline_by_name(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Vec<(EventRecord, String)>, AppError> {
        let events = self.timeline(actor, id).await?;
        let staff = self.store.users().await?;
        Ok(events
            .into_iter()
            .map(|event| {
                let by = who_did(&event.actor, &staff);
                (event, by)
            })
            .collect())
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
            return Err(AppError::Refused(aftercare_core::cases::Refusal::only(
                "staff",
                "doing-write-internal-note",
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
            return Err(AppError::Refused(Refusal::only(
                "staff",
                "doing-see-queues",
            )));
        }
        let rows = self.store.queue(query).await?;
        let today = self.today();
        // One read for the page: the newest tracking event of each open case.
        let open: Vec<String> = rows
            .iter()
            .filter(|c| c.is_open && c.tracking_number.is_some())
            .map(|c| c.id.clone())
            .collect();
        let troubles: Vec<aftercare_store::TrackingEventRecord> = self
            .store
            .newest_tracking_events(&open)
            .await?
            .into_iter()
            .filter(|e| matches!(e.status.as_str(), "exception" | "returned_to_sender"))
            .collect();
        Ok(rows
            .into_iter()
            .map(|case| QueueItem {
                overdue: matches!((case.deadline, today), (Some(d), Some(t)) if d < t),
                carrier_problem: troubles
                    .iter()
                    .find(|e| e.case_id.as_deref() == Some(case.id.as_str()))
                    .map(|e| {
                        let status = e.status.replace('_', " ");
                        if e.description.is_empty() {
                            status
                        } else {
                            format!("{status}: {}", e.description)
                        }
                    }),
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
            return Err(AppError::Refused(Refusal::only(
                "staff",
                "doing-see-queues",
            )));
        }
        let today = self.today();
        match today {
            Some(today) => Ok(self.store.open_counts(today).await?),
            None => Ok(Vec::new()),
        }
    }

    /// Which of the open-case counts are this person's own work: the states where a step is
    /// open to their roles (as the machines judge them, under the newest policy version), or a
    /// grant waits for an agent.
    pub fn own_work(&self, actor: &Actor, counts: &[aftercare_store::OpenCount]) -> Vec<bool> {
        let Some(version) = self.policy.versions().last() else {
            return vec![false; counts.len()];
        };
        let Some(calendar) = self.policy.calendar(version) else {
            return vec![false; counts.len()];
        };
        let ctx = aftercare_core::cases::Context {
            actor,
            now: self.now(),
            version,
            calendar,
        };
        counts
            .iter()
            .map(|c| crate::CaseState::parse(c.kind, &c.state).is_some_and(|s| s.is_work_of(&ctx)))
            .collect()
    }

    /// Open cases past their deadline, shop-wide, for monitoring.
    pub async fn overdue_count(&self) -> Result<i64, AppError> {
        let today = self.today();
        match today {
            Some(today) => Ok(self.store.count_overdue(today).await?),
            None => Ok(0),
        }
    }
}

/// Staff and the shop's own systems see every case; a customer only the cases of orders placed
/// with their e-mail.
pub(crate) fn visible(actor: &Actor, customer_email: &str) -> bool {
    is_staff(actor)
        || actor.has(Role::System)
        || (actor.has(Role::Customer) && actor.id.eq_ignore_ascii_case(customer_email))
}

/// True for a staff member: any of agent, warehouse, finance, admin.
pub fn is_staff(actor: &Actor) -> bool {
    actor.is_staff()
}

/// Who did a recorded step, by name.
pub(crate) fn who_did(actor: &serde_json::Value, staff: &[aftercare_store::UserRecord]) -> String {
    let id = actor["id"].as_str().unwrap_or_default();
    let has = |role: &str| {
        actor["roles"]
            .as_array()
            .is_some_and(|roles| roles.iter().any(|r| r == role))
    };
    if let Some(user) = staff.iter().find(|u| u.id == id) {
        user.name.clone()
    } else if has("customer") {
        "the customer".to_owned()
    } else if has("system") {
        format!("the shop's systems ({id})")
    } else if id.is_empty() {
        "someone unknown".to_owned()
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn steps_are_told_by_who_did_them() {
        let at: jiff::Timestamp = "2026-03-20T02:00:00Z".parse().unwrap();
        let staff = [aftercare_store::UserRecord {
            id: "01a22f80".into(),
            email: "lin@shop.example".into(),
            name: "Lin Wei".into(),
            password_hash: String::new(),
            roles: vec!["agent".into()],
            created_at: at,
            disabled_at: None,
        }];
        for (actor, by) in [
            (json!({"id": "01a22f80", "roles": ["agent"]}), "Lin Wei"),
            (
                json!({"id": "ana@example.com", "roles": ["customer"]}),
                "the customer",
            ),
            (
                json!({"id": "deadline-sweep", "roles": ["system"]}),
                "the shop's systems (deadline-sweep)",
            ),
            (json!({"id": "gone-user", "roles": ["agent"]}), "gone-user"),
            (json!({}), "someone unknown"),
        ] {
            assert_eq!(who_did(&actor, &staff), by, "{actor}");
        }
    }
}
