//! The buyback program: applications with photos, condition-based quotes, acceptance, the goods'
//! journey back, inspection and payment; parcels without an RMA and failed inspections open here.

use aftercare_core::cases::Actor;
use aftercare_core::cases::buyback::{BuybackCase, BuybackCommand};
use aftercare_core::cases::rma::ReturnLine;
use aftercare_core::evaluate::Outcome;
use aftercare_core::facts::Condition;
use aftercare_core::money::Percent;
use aftercare_core::policy::ReturnReason;
use aftercare_core::{Money, evaluate};
use aftercare_store::{CaseKind, CaseRecord, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::account::judged_again;
use crate::orders::details_with;
use crate::{App, AppError, Submitted, to_json};

/// A customer's buyback application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BuybackRequest {
    pub order_number: String,
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub lines: Vec<ReturnLine>,
    pub condition: Condition,
    /// Photos of the product's current state.
    #[serde(default)]
    pub photos: Vec<String>,
    /// A defect the customer found, so the policy can recommend a return instead.
    #[serde(default)]
    pub defect: Option<ReturnReason>,
}

/// What staff or the customer do with a buyback case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuybackAction {
    /// Quote the evaluator's percentage, or another one with a note.
    Quote {
        percent: Option<Percent>,
        note: Option<String>,
    },
    /// The warehouse grades goods it holds; the policy's grading becomes the suggested quote.
    Grade {
        condition: Condition,
    },
    Accept,
    Decline,
    Expire,
    MarkShipped {
        tracking_number: String,
    },
    Receive,
    Confirm,
    Revise {
        amount: String,
        reasons: Vec<String>,
        photos: Vec<String>,
    },
    AcceptRevision,
    AskForItemBack {
        address: String,
    },
    MarkPaid,
}

impl<S: Store> App<S> {
    /// Asks the policy about a buyback and, when the program applies, opens the case. The units
    /// are checked against the order's ledger in the write that opens the case.
    pub async fn apply_for_buyback(
        &self,
        actor: &Actor,
        request: &BuybackRequest,
    ) -> Result<Submitted, AppError> {
        judged_again(|| self.try_apply_for_buyback(actor, request)).await
    }

    async fn try_apply_for_buyback(
        &self,
        actor: &Actor,
        request: &BuybackRequest,
    ) -> Result<Submitted, AppError> {
        let (account, facts, decision) = self.judge_buyback(actor, request).await?;
        if !matches!(
            decision.outcome,
            Outcome::BuybackQuote | Outcome::BuybackManualReview
        ) {
            return Ok(Submitted {
                decision,
                case: None,
            });
        }
        let base = facts
            .order
            .paid_for(&request.lines)
            .map_err(|e| AppError::Invalid {
                field: "lines".into(),
                message: e.said().into(),
            })?;
        let command = BuybackCommand::Apply {
            lines: request.lines.clone(),
            condition: request.condition,
            photos: request.photos.clone(),
            base,
            outcome: decision.outcome,
            decision: to_json(&decision)?,
        };
        let opened =
            self.build_case::<BuybackCase>(actor, &account.order, CaseKind::Buyback, &command)?;
        let case = opened.0.clone();
        self.write_account(&account, &[opened], &[], None).await?;
        Ok(Submitted {
            decision,
            case: Some(case),
        })
    }

    /// The quote the policy would give if the application were sent now; nothing is stored.
    pub async fn preview_buyback(
        &self,
        actor: &Actor,
        request: &BuybackRequest,
    ) -> Result<aftercare_core::Decision, AppError> {
        Ok(self.judge_buyback(actor, request).await?.2)
    }

    async fn judge_buyback(
        &self,
        actor: &Actor,
        request: &BuybackRequest,
    ) -> Result<
        (
            crate::account::Account,
            aftercare_core::Facts,
            aftercare_core::Decision,
        ),
        AppError,
    > {
        let account = self
            .account_with_own_evidence(actor, &request.order_number, "photos", &request.photos)
            .await?;
        account.ledger.check_units(&request.lines)?;
        let details = &account.details;
        let now = self.now();
        let facts = details
            .facts(json!({
                "type": "buyback",
                "submitted_at": now,
                "lines": request.lines,
                "condition": request.condition,
                "defect": request.defect,
                "evidence": !request.photos.is_empty(),
            }))
            .map_err(crate::request_field)?;
        let decision =
            evaluate(&self.policy, &facts, now).map_err(|e| crate::request_field(e.into()))?;
        Ok((account, facts, decision))
    }

    /// The warehouse opens a buyback for a parcel that arrived without an RMA number (III.2).
    /// The units must be free in the order's ledger: a unit already returned or bought back
    /// cannot arrive again.
    pub async fn open_buyback_for_parcel(
        &self,
        actor: &Actor,
        order_number: &str,
        lines: Vec<ReturnLine>,
        photos: Vec<String>,
    ) -> Result<CaseRecord, AppError> {
        judged_again(|| self.try_open_buyback_for_parcel(actor, order_number, &lines, &photos))
            .await
    }

    async fn try_open_buyback_for_parcel(
        &self,
        actor: &Actor,
        order_number: &str,
        lines: &[ReturnLine],
        photos: &[String],
    ) -> Result<CaseRecord, AppError> {
        let account = self.account_by_number(actor, order_number).await?;
        account.ledger.check_units(lines)?;
        let facts = account.details.checked()?;
        let base = facts.paid_for(lines).map_err(|e| AppError::Invalid {
            field: "lines".into(),
            message: e.said().into(),
        })?;
        let command = BuybackCommand::OpenForParcel {
            lines: lines.to_vec(),
            base,
            photos: photos.to_vec(),
        };
        let opened =
            self.build_case::<BuybackCase>(actor, &account.order, CaseKind::Buyback, &command)?;
        let case = opened.0.clone();
        self.write_account(&account, &[opened], &[], None).await?;
        Ok(case)
    }

    /// Moves a buyback case on.
    pub async fn act_on_buyback(
        &self,
        actor: &Actor,
        case_id: &str,
        version: Option<i64>,
        action: BuybackAction,
        reason: Option<String>,
    ) -> Result<CaseRecord, AppError> {
        let case = self
            .case_of_kind(actor, case_id, CaseKind::Buyback, version)
            .await?;
        let current: BuybackCase = case
            .data
            .typed()
            .map_err(|e| StoreError::Corrupt(format!("buyback {}: {e}", case.id)))?;
        let currency = current.base.map(|b| b.currency());
        let command = match action {
            BuybackAction::Quote { percent, note } => {
                let decision = current.decision.value();
                let suggested = decision
                    .pointer("/quote/percent")
                    .and_then(|p| p.as_str())
                    .and_then(|p| Percent::parse(p).ok());
                let manual_review = decision.get("outcome").and_then(|o| o.as_str())
                    == Some("buyback_manual_review")
                    || current.parcel_here;
                let percent = percent.or(suggested).ok_or_else(|| AppError::Invalid {
                    field: "percent".into(),
                    message: "this product needs a percentage set by staff".into(),
                })?;
                BuybackCommand::Quote {
                    percent,
                    note,
                    manual_review,
                }
            }
            BuybackAction::Grade { condition } => {
                let order = self
                    .store
                    .order(&case.order_id)
                    .await?
                    .ok_or(AppError::NotFound("order"))?;
                let cases = self.store.cases_of_order(&order.id).await?;
                let details = details_with(&order, &cases)?;
                let facts = details
                    .facts(json!({
                        "type": "buyback",
                        "submitted_at": self.now(),
                        "lines": current.lines,
                        "condition": condition,
                        "evidence": true,
                    }))
                    .map_err(crate::request_field)?;
                let decision = evaluate(&self.policy, &facts, self.now())
                    .map_err(|e| crate::request_field(e.into()))?;
                BuybackCommand::Grade {
                    condition,
                    decision: to_json(&decision)?,
                }
            }
            BuybackAction::Accept => BuybackCommand::Accept,
            BuybackAction::Decline => BuybackCommand::Decline,
            BuybackAction::Expire => BuybackCommand::Expire,
            BuybackAction::MarkShipped { tracking_number } => {
                BuybackCommand::MarkShipped { tracking_number }
            }
            BuybackAction::Receive => BuybackCommand::Receive,
            BuybackAction::Confirm => BuybackCommand::Confirm,
            BuybackAction::Revise {
                amount,
                reasons,
                photos,
            } => {
                let currency = currency.ok_or(AppError::NotFound("buyback price"))?;
                let amount = Money::parse(&amount, currency).map_err(|e| AppError::Invalid {
                    field: "amount".into(),
                    message: e.said().into(),
                })?;
                BuybackCommand::Revise {
                    amount,
                    reasons,
                    photos,
                }
            }
            BuybackAction::AcceptRevision => BuybackCommand::AcceptRevision,
            BuybackAction::AskForItemBack { address } => BuybackCommand::AskForItemBack { address },
            BuybackAction::MarkPaid => BuybackCommand::MarkPaid,
        };
        self.run::<BuybackCase>(actor, case, &command, reason, None, |record, machine| {
            record.amount_minor = machine.payable().map(|m| m.minor());
        })
        .await
    }
}
