//! Background jobs: the deadline sweep. Buyback quotes that nobody answered before they ran out
//! expire (the quote's validity is the policy's, judged by the case machine); the sweep acts as
//! the system, so the history says who did it.

use std::sync::Arc;
use std::time::Duration;

use aftercare_core::cases::{Actor, Role};
use aftercare_store::{CaseKind, QueueCursor, QueueQuery, Store};

use crate::{App, AppError, BuybackAction};

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Quotes expired.
    pub expired_quotes: usize,
}

fn sweeper() -> Actor {
    Actor {
        id: "deadline-sweep".into(),
        roles: vec![Role::System],
    }
}

impl<S: Store> App<S> {
    /// Expires every quoted buyback whose quote ran out before today (the shop's time zone).
    pub async fn sweep_deadlines(&self) -> Result<Swept, AppError> {
        let today = self.today();
        let Some(today) = today else {
            return Ok(Swept::default());
        };
        let mut swept = Swept::default();
        let mut after: Option<QueueCursor> = None;
        loop {
            let page = self
                .store
                .queue(&QueueQuery {
                    kind: Some(CaseKind::Buyback),
                    state: Some("quoted".into()),
                    after: after.clone(),
                    limit: 200,
                    ..QueueQuery::default()
                })
                .await?;
            let Some(last) = page.last() else {
                break;
            };
            after = Some(QueueCursor::after(last));
            for case in &page {
                let ran_out = case
                    .data
                    .pointer("/quote/valid_until")
                    .and_then(|d| d.as_str())
                    .and_then(|d| d.parse::<jiff::civil::Date>().ok())
                    .is_some_and(|until| until < today);
                if !ran_out {
                    continue;
                }
                match self
                    .act_on_buyback(
                        &sweeper(),
                        &case.id,
                        Some(case.version),
                        BuybackAction::Expire,
                        Some("the quote ran out without an answer".into()),
                    )
                    .await
                {
                    Ok(_) => swept.expired_quotes += 1,
                    // Answered or changed meanwhile: the next sweep sees the new state.
                    Err(AppError::Conflict | AppError::Refused(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(swept)
    }
}

/// What a recount of provisional deadlines did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recounted {
    /// Open cases whose deadline had been counted provisionally.
    pub provisional: usize,
    /// Of those, the cases whose deadline moved: (case id, from, to).
    pub moved: Vec<(String, jiff::civil::Date, jiff::civil::Date)>,
    /// Of those, the cases whose deadline is still provisional (their year still has no notice).
    pub still_provisional: usize,
}

fn recounter() -> Actor {
    Actor {
        id: "calendar-recount".into(),
        roles: vec![Role::System],
    }
}

impl<S: Store> App<S> {
    /// Counts again every open case's deadline that was counted through a year without its
    /// official notice, with the calendar as it is now (after the notice was transcribed): from
    /// the same day, the same number of working days. A deadline that moves is written with a
    /// `deadline_recounted` event in the case's history, in the same transaction.
    pub async fn recount_provisional_deadlines(&self) -> Result<Recounted, AppError> {
        let mut done = Recounted::default();
        let mut after: Option<QueueCursor> = None;
        loop {
            let page = self
                .store
                .queue(&QueueQuery {
                    after: after.clone(),
                    limit: 200,
                    ..QueueQuery::default()
                })
                .await?;
            let Some(last) = page.last() else {
                break;
            };
            after = Some(QueueCursor::after(last));
            for case in page {
                let Some(deadline) = case.deadline else {
                    continue;
                };
                let history = self.store.events(&case.id).await?;
                let Some(counted) = history.iter().rev().find_map(|e| {
                    let p = e.data.get("provisional_deadline")?;
                    let was: jiff::civil::Date = p.get("deadline")?.as_str()?.parse().ok()?;
                    let from: jiff::civil::Date = p.get("counted_from")?.as_str()?.parse().ok()?;
                    let n = u32::try_from(p.get("working_days")?.as_u64()?).ok()?;
                    (was == deadline).then_some((from, n))
                }) else {
                    continue;
                };
                done.provisional += 1;
                let Some(order) = self.store.order(&case.order_id).await? else {
                    continue;
                };
                let Some(version) = self.policy.version(&order.policy_version) else {
                    continue;
                };
                let Some(calendar) = self.policy.calendar(version) else {
                    continue;
                };
                let Ok(answer) = calendar.add_working_days(counted.0, counted.1) else {
                    continue;
                };
                let still: Vec<String> = answer.warnings.iter().map(ToString::to_string).collect();
                if !still.is_empty() {
                    done.still_provisional += 1;
                }
                if answer.value == deadline {
                    continue;
                }
                let mut next = case.clone();
                next.version += 1;
                next.deadline = Some(answer.value);
                next.updated_at = self.now();
                let mut machine = next.data.to_value();
                if let Some(data) = machine.as_object_mut() {
                    data.insert("deadline".into(), serde_json::json!(answer.value));
                }
                next.data = machine.into();
                let mut data = serde_json::json!({
                    "type": "deadline_recounted",
                    "from": deadline,
                    "to": answer.value,
                    "counted_from": counted.0,
                    "working_days": counted.1,
                    "calendar": calendar.name(),
                });
                if !still.is_empty() {
                    data["calendar_warnings"] = serde_json::json!(still);
                    data["provisional_deadline"] = serde_json::json!({
                        "deadline": answer.value,
                        "counted_from": counted.0,
                        "working_days": counted.1,
                    });
                }
                let event = aftercare_store::NewEvent {
                    kind: "deadline_recounted".into(),
                    actor: crate::to_json(&recounter())?,
                    at: self.now(),
                    reason: Some(format!(
                        "the calendar `{}` changed: {} working days from {} now end on {}",
                        calendar.name(),
                        counted.1,
                        counted.0,
                        answer.value
                    )),
                    data,
                    mail: None,
                };
                match self.store.update_case(&next, &[event], None).await {
                    Ok(()) => done.moved.push((case.id.clone(), deadline, answer.value)),
                    // Changed meanwhile: its new step counted its own deadline with the calendar.
                    Err(aftercare_store::StoreError::Conflict { .. }) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(done)
    }
}

/// Sweeps every `every` until `shutdown` resolves; the sweep in progress finishes first. Each
/// sweep expires quotes that ran out and removes uploads nobody attached (files in
/// `evidence_dir`).
pub async fn run_sweeper<S: Store + 'static>(
    app: Arc<App<S>>,
    evidence_dir: std::path::PathBuf,
    every: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    repeat(every, None, shutdown, || async {
        match app.sweep_deadlines().await {
            Ok(s) if s.expired_quotes > 0 => {
                tracing::info!(expired_quotes = s.expired_quotes, "deadline sweep");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "deadline sweep failed"),
        }
        match app.sweep_unattached_evidence(&evidence_dir, 500).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "unattached uploads removed"),
            Err(e) => tracing::warn!(error = %e, "evidence sweep failed"),
        }
    })
    .await;
}

/// Folds the dashboards' counts rows every `every` until `shutdown` resolves, so that reading
/// the counts stays a read of one row per kind, step and deadline however many changes were made.
pub async fn run_count_compactor<S: Store + 'static>(
    app: Arc<App<S>>,
    every: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    repeat(every, None, shutdown, || async {
        if let Err(e) = app.store().compact_case_counts().await {
            tracing::warn!(error = %e, "folding the case counts failed");
        }
    })
    .await;
}

/// How long a worker woken by new work waits for more to join it: under load one claim then
/// takes many deliveries instead of one each (an e-mail or a webhook is no less timely 50 ms
/// later).
const GATHER: Duration = Duration::from_millis(50);

/// The loop of every background worker: runs `step`, then waits `every`, or less when `wake`
/// is notified (then `GATHER` more), until `shutdown` resolves. The step in hand when shutdown
/// comes is finished; what it left undone stays in the database for the next start.
pub(crate) async fn repeat<F, Fut>(
    every: Duration,
    wake: Option<Arc<tokio::sync::Notify>>,
    shutdown: impl std::future::Future<Output = ()>,
    mut step: F,
) where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    tokio::pin!(shutdown);
    loop {
        step().await;
        let woken = async {
            match &wake {
                Some(wake) => {
                    wake.notified().await;
                    tokio::time::sleep(GATHER).await;
                }
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = &mut shutdown => break,
            () = woken => {}
            () = tokio::time::sleep(every) => {}
        }
    }
}
