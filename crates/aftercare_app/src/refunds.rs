//! Refunds: granted by an agent from a case's result, sent by finance through the original
//! payment channel (III.3), settled when the money arrives; each checked against the order's
//! ledger in the write that makes it, and idempotent by its key.

use aftercare_core::cases::refund::{RefundCase, RefundCommand, RefundSource};
use aftercare_core::cases::rma::{ReturnCase, ReturnCommand};
use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_store::{CaseKind, CaseRecord, Idempotency, Store, StoreError};
use serde_json::json;

use crate::account::judged_again;
use crate::{App, AppError, CaseView, to_json};

impl<S: Store> App<S> {
    /// An agent grants the money a case's result gives: the refund of a return whose inspection
    /// passed, the payout of a confirmed (or revised and accepted) buyback, the refund of a
    /// returned parcel, or what a changed appeal's corrected total adds. Idempotent by `key`;
    /// checked against the order's ledger in the write that grants it: never twice for one
    /// case, never above the case's (corrected) total, never above what the order allows.
    pub async fn grant_refund(
        &self,
        actor: &Actor,
        source_id: &str,
        key: &str,
    ) -> Result<CaseView, AppError> {
        judged_again(|| self.try_grant_refund(actor, source_id, key)).await
    }

    async fn try_grant_refund(
        &self,
        actor: &Actor,
        source_id: &str,
        key: &str,
    ) -> Result<CaseView, AppError> {
        // Said first, so a caller without the role learns nothing about the case.
        if !actor.has(Role::Agent) {
            return Err(AppError::Refused(Refusal::only(
                "agent",
                "doing-grant-refund",
            )));
        }
        let fingerprint = json!({"grant_refund": source_id}).to_string();
        if let Some(first) = self.replayed(key, &fingerprint).await? {
            return Ok(first);
        }
        let (account, case) = self.case_in_account(actor, source_id, None, None).await?;
        let source = match case.kind {
            CaseKind::Return => RefundSource::Return,
            CaseKind::Buyback => RefundSource::Buyback,
            CaseKind::Order => RefundSource::Undeliverable,
            CaseKind::Appeal => RefundSource::AppealCorrection,
            CaseKind::Refund | CaseKind::Parcel => {
                return Err(AppError::Invalid {
                    field: "source_case".into(),
                    message: "name the return, buyback, order or appeal whose result is paid"
                        .into(),
                });
            }
        };
        let amount = account
            .ledger
            .grantable(source_id)
            .map_err(|refusal| match refusal {
                Refusal::State(message) => AppError::Invalid {
                    field: "case".into(),
                    message: message.into(),
                },
                other => other.into(),
            })?;
        let cap = account
            .ledger
            .left_to_grant()
            .map_err(|e| AppError::Invalid {
                field: "amount".into(),
                message: e.said().into(),
            })?;
        let ctx = self.context(actor, &account.order)?;
        let command = RefundCommand::Grant {
            source,
            source_case: Some(source_id.to_owned()),
            amount,
            method: account.details.payment_method.clone(),
            cap,
        };
        let (refund, events) =
            self.build_case::<RefundCase>(actor, &account.order, CaseKind::Refund, &command)?;
        let mut refund = refund;
        refund.amount_minor = Some(amount.minor());
        let view = CaseView::from(&refund);
        let idempotency = Idempotency {
            key: key.to_owned(),
            request_hash: fingerprint.clone(),
            response: to_json(&view)?,
            created_at: ctx.now,
        };
        // The return learns that its money is granted, in the same write: it leaves the queue.
        // An appeal's corrected total paid before the return's own refund covers it too.
        let paid_return = match case.kind {
            CaseKind::Return => Some(case),
            CaseKind::Appeal => case
                .data
                .get("against_case")
                .and_then(|v| v.as_str())
                .and_then(|id| account.case(id))
                .filter(|c| c.kind == CaseKind::Return && c.state == "inspection_passed")
                .cloned(),
            _ => None,
        };
        let mut update = Vec::new();
        if let Some(paid_return) = paid_return {
            let record = ReturnCommand::RecordRefundGranted {
                refund_case: refund.id.clone(),
            };
            let (next, events) = self.prepare::<ReturnCase>(
                actor,
                &account.order,
                paid_return,
                &record,
                None,
                |_, _| {},
            )?;
            update.push((next, events));
        }
        let created = [(refund, events)];
        let updated: Vec<CaseRecord> = update.iter().map(|(c, _)| c.clone()).collect();
        self.check_ledger_after(&account, &created, &updated)?;
        match self
            .write_account(&account, &created, &update, Some(&idempotency))
            .await
        {
            Ok(()) => Ok(view),
            Err(AppError::Store(StoreError::DuplicateKey(_))) => {
                self.after_duplicate_key(key, &fingerprint).await
            }
            Err(e) => Err(e),
        }
    }

    /// Finance sends a granted (or failed) refund to the original payment method: with the
    /// reference of a payment made by hand, or, without one, through the payment provider the
    /// order was paid through (see `payments`). Idempotent.
    pub async fn send_refund(
        &self,
        actor: &Actor,
        refund_id: &str,
        payment_reference: Option<&str>,
        key: &str,
    ) -> Result<CaseView, AppError> {
        match payment_reference.map(str::trim).filter(|r| !r.is_empty()) {
            Some(reference) => {
                self.refund_step(
                    actor,
                    refund_id,
                    key,
                    RefundCommand::Send {
                        payment_reference: reference.to_owned(),
                    },
                )
                .await
            }
            None => {
                self.send_refund_through_provider(actor, refund_id, key)
                    .await
            }
        }
    }

    /// Finance or the payment system records that the money arrived, or that the payment failed.
    pub async fn settle_refund(
        &self,
        actor: &Actor,
        refund_id: &str,
        failure: Option<String>,
        key: &str,
    ) -> Result<CaseView, AppError> {
        let command = match failure {
            Some(reason) => RefundCommand::Fail { reason },
            None => RefundCommand::Settle,
        };
        self.refund_step(actor, refund_id, key, command).await
    }

    async fn refund_step(
        &self,
        actor: &Actor,
        refund_id: &str,
        key: &str,
        command: RefundCommand,
    ) -> Result<CaseView, AppError> {
        let fingerprint =
            json!({"refund": refund_id, "command": format!("{command:?}")}).to_string();
        if let Some(first) = self.replayed(key, &fingerprint).await? {
            return Ok(first);
        }
        let case = self.case(actor, refund_id).await?;
        if case.kind != CaseKind::Refund {
            return Err(AppError::NotFound("refund"));
        }
        Ok(
            match self
                .write_refund_step(actor, case, &command, key, &fingerprint)
                .await?
            {
                Ok(record) => CaseView::from(&record),
                Err(first) => first,
            },
        )
    }

    /// Writes a step of a refund with its idempotency key: the case as written, or, when a
    /// concurrent request with the same key wrote first, that request's answer.
    pub(crate) async fn write_refund_step(
        &self,
        actor: &Actor,
        case: CaseRecord,
        command: &RefundCommand,
        key: &str,
        fingerprint: &str,
    ) -> Result<Result<CaseRecord, CaseView>, AppError> {
        let result = self
            .run::<RefundCase>(
                actor,
                case,
                command,
                None,
                Some((key, fingerprint)),
                |_, _| {},
            )
            .await;
        match result {
            Ok(record) => Ok(Ok(record)),
            Err(AppError::Store(StoreError::DuplicateKey(_))) => {
                Ok(Err(self.after_duplicate_key(key, fingerprint).await?))
            }
            Err(e) => Err(e),
        }
    }
}
