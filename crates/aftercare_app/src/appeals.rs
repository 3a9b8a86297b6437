//! Appeals against a result (IV): filed within the policy's working days, rechecked, a final
//! opinion that may change the result, and mediation.

use aftercare_core::Money;
use aftercare_core::cases::Actor;
use aftercare_core::cases::appeal::{AppealCase, AppealCommand, AppealSubject};
use aftercare_core::cases::buyback::{BuybackCase, BuybackCommand};
use aftercare_core::i18n::Said;
use aftercare_core::money::Percent;
use aftercare_store::{CaseKind, CaseRecord, Store, StoreError};
use serde::{Deserialize, Serialize};

use crate::account::judged_again;
use crate::{App, AppError};

/// A customer's appeal against a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AppealRequest {
    pub case_id: String,
    pub subject: AppealSubject,
    pub statement: String,
    pub evidence: Vec<String>,
}

/// The result a customer may appeal against on a case as it stands, read from the case's own
/// machine (IV): a rejected return, a failed inspection, a buyback quote.
pub fn appealable(case: &CaseRecord) -> Result<Option<AppealSubject>, AppError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("case {}: {e}", case.id));
    Ok(match case.kind {
        CaseKind::Return => case
            .data
            .typed::<aftercare_core::cases::rma::ReturnCase>()
            .map_err(corrupt)?
            .appealable(),
        CaseKind::Buyback => case
            .data
            .typed::<BuybackCase>()
            .map_err(corrupt)?
            .appealable(),
        _ => None,
    })
}

impl<S: Store> App<S> {
    /// Files an appeal against a case's result, within the policy's working days of receiving it.
    /// The result and its day come from the appealed case's history, never from the request; one
    /// appeal per result, and none of an appeal (IV: the recheck's opinion is final).
    pub async fn file_appeal(
        &self,
        actor: &Actor,
        request: &AppealRequest,
    ) -> Result<CaseRecord, AppError> {
        judged_again(|| self.try_file_appeal(actor, request)).await
    }

    async fn try_file_appeal(
        &self,
        actor: &Actor,
        request: &AppealRequest,
    ) -> Result<CaseRecord, AppError> {
        let (account, appealed) = self
            .case_in_account(actor, &request.case_id, None, None)
            .await?;
        self.check_own_evidence(actor, "evidence", &request.evidence)
            .await?;
        let history = self.store.events(&appealed.id).await?;
        let kinds = request.subject.result_events();
        let result = history
            .iter()
            .rev()
            .find(|e| kinds.contains(&e.kind.as_str()));
        // An appeal's own history has no result of these kinds: it is refused as an appeal.
        account
            .ledger
            .check_appeal(&appealed.id, result.map_or(0, |r| r.seq))?;
        let result = result.ok_or_else(|| AppError::Invalid {
            field: "subject".into(),
            message: Said::new("refused-no-result-to-appeal")
                .with("kinds", kinds.join(", "))
                .into(),
        })?;
        let ctx = self.context(actor, &account.order)?;
        let result_on = result.at.to_zoned(ctx.version.time_zone.clone()).date();
        let command = AppealCommand::File {
            against_case: appealed.id.clone(),
            subject: request.subject,
            result_on,
            result_seq: result.seq,
            statement: request.statement.clone(),
            evidence: request.evidence.clone(),
        };
        let filed =
            self.build_case::<AppealCase>(actor, &account.order, CaseKind::Appeal, &command)?;
        let case = filed.0.clone();
        self.write_account(&account, &[filed], &[], None).await?;
        Ok(case)
    }

    /// Gives an appeal its final opinion, or records a mediation. A change whose correction
    /// names a `quote_percent` re-quotes the appealed buyback in the same transaction; one naming
    /// a `refund` sets the appealed case's corrected total, checked against the order's ledger,
    /// and is paid through [`App::grant_refund`] on the appeal.
    pub async fn act_on_appeal(
        &self,
        actor: &Actor,
        case_id: &str,
        version: Option<i64>,
        command: AppealCommand,
    ) -> Result<CaseRecord, AppError> {
        judged_again(|| self.try_act_on_appeal(actor, case_id, version, &command)).await
    }

    async fn try_act_on_appeal(
        &self,
        actor: &Actor,
        case_id: &str,
        version: Option<i64>,
        command: &AppealCommand,
    ) -> Result<CaseRecord, AppError> {
        if matches!(command, AppealCommand::File { .. }) {
            return Err(AppError::Invalid {
                field: "command".into(),
                message: "file an appeal with file_appeal".into(),
            });
        }
        let (account, case) = self
            .case_in_account(actor, case_id, Some(CaseKind::Appeal), version)
            .await?;
        let appeal: AppealCase = case
            .data
            .typed()
            .map_err(|e| StoreError::Corrupt(format!("appeal {}: {e}", case.id)))?;
        let against = appeal
            .against_case
            .clone()
            .ok_or(AppError::NotFound("appealed case"))?;
        let correction = match command {
            AppealCommand::Change { correction, .. } => Some(correction),
            _ => None,
        };
        if let Some(refund) = correction.and_then(|c| c.get("refund")) {
            let currency = account.ledger.currency;
            let corrected = refund
                .as_str()
                .map(|text| Money::parse(text, currency))
                .ok_or_else(|| AppError::Invalid {
                    field: "correction.refund".into(),
                    message: "write the corrected refund as text, like \"150.00\"".into(),
                })?
                .map_err(|e| AppError::Invalid {
                    field: "correction.refund".into(),
                    message: e.said().into(),
                })?;
            account.ledger.check_correction(&against, corrected)?;
        }
        let quote_percent = correction.and_then(|c| c.get("quote_percent")).cloned();
        let (appeal_next, appeal_events) =
            self.prepare::<AppealCase>(actor, &account.order, case, command, None, |_, _| {})?;
        let mut update = vec![(appeal_next.clone(), appeal_events)];
        if let Some(quote_percent) = quote_percent {
            let percent = quote_percent
                .as_str()
                .map(Percent::parse)
                .and_then(Result::ok)
                .ok_or_else(|| AppError::Invalid {
                    field: "correction.quote_percent".into(),
                    message: "write the corrected percentage as text, like \"55\"".into(),
                })?;
            let buyback = account
                .case(&against)
                .filter(|c| c.kind == CaseKind::Buyback)
                .cloned()
                .ok_or(AppError::Invalid {
                    field: "correction.quote_percent".into(),
                    message: "only an appeal against a buyback's quote corrects a percentage"
                        .into(),
                })?;
            let opinion = match command {
                AppealCommand::Change { opinion, .. } => opinion.clone(),
                _ => String::new(),
            };
            let correct = BuybackCommand::CorrectQuote { percent, opinion };
            let reason = Some(format!("appeal {}", appeal_next.id));
            let (buyback_next, buyback_events) = self.prepare::<BuybackCase>(
                actor,
                &account.order,
                buyback,
                &correct,
                reason,
                |record, machine| {
                    record.amount_minor = machine.payable().map(|m| m.minor());
                },
            )?;
            update.push((buyback_next, buyback_events));
        }
        let updated: Vec<CaseRecord> = update.iter().map(|(c, _)| c.clone()).collect();
        self.check_ledger_after(&account, &[], &updated)?;
        self.write_account(&account, &[], &update, None).await?;
        Ok(appeal_next)
    }
}
