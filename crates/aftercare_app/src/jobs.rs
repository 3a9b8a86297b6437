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

/// Sweeps every `every` until `shutdown` resolves; the sweep in progress finishes first. Each
/// sweep expires quotes that ran out and removes uploads nobody attached (files in
/// `evidence_dir`).
pub async fn run_sweeper<S: Store + 'static>(
    app: Arc<App<S>>,
    evidence_dir: std::path::PathBuf,
    every: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    loop {
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
        tokio::select! {
            () = &mut shutdown => break,
            () = tokio::time::sleep(every) => {}
        }
    }
}
