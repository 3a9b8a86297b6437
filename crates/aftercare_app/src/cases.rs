//! Buyback, appeals and order fulfilment.

use aftercare_core::cases::appeal::{AppealCase, AppealCommand, AppealSubject};
use aftercare_core::cases::buyback::{BuybackCase, BuybackCommand};
use aftercare_core::cases::order::{OrderCase, OrderCommand, OrderState};
use aftercare_core::cases::rma::ReturnLine;
use aftercare_core::cases::{Actor, Machine, execute};
use aftercare_core::evaluate::Outcome;
use aftercare_core::facts::Condition;
use aftercare_core::money::Percent;
use aftercare_core::policy::ReturnReason;
use aftercare_core::{Money, evaluate};
use aftercare_store::{CaseKind, CaseRecord, OrderRecord, Store, StoreError};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::account::judged_again;
use crate::orders::NewOrder;
use crate::{App, AppError, Submitted, new_events, new_id, to_json};

/// A customer's buyback application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuybackRequest {
    pub order_number: String,
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

/// A customer's appeal against a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppealRequest {
    pub case_id: String,
    pub subject: AppealSubject,
    pub statement: String,
    pub evidence: Vec<String>,
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
                message: e.to_string(),
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
        let order = self.order(actor, &request.order_number).await?;
        self.check_own_evidence(actor, "photos", &request.photos)
            .await?;
        let account = self.account(order).await?;
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
        let order = self.order(actor, order_number).await?;
        let account = self.account(order).await?;
        account.ledger.check_units(lines)?;
        let facts = account.details.checked()?;
        let base = facts.paid_for(lines).map_err(|e| AppError::Invalid {
            field: "lines".into(),
            message: e.to_string(),
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
        let current: BuybackCase = serde_json::from_value(case.data.clone())
            .map_err(|e| StoreError::Corrupt(format!("buyback {}: {e}", case.id)))?;
        let currency = current.base.map(|b| b.currency());
        let command = match action {
            BuybackAction::Quote { percent, note } => {
                let suggested = current
                    .decision
                    .pointer("/quote/percent")
                    .and_then(|p| p.as_str())
                    .and_then(|p| Percent::parse(p).ok());
                let manual_review = current.decision.get("outcome").and_then(|o| o.as_str())
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
                    message: e.to_string(),
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
        let appealed = self.case(actor, &request.case_id).await?;
        self.check_own_evidence(actor, "evidence", &request.evidence)
            .await?;
        let order = self
            .store
            .order(&appealed.order_id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        let account = self.account(order).await?;
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
            message: format!(
                "this case has no result of this kind to appeal (one of: {})",
                kinds.join(", ")
            ),
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
        let appeal: AppealCase = serde_json::from_value(case.data.clone())
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
                    message: e.to_string(),
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

    /// Moves an order's fulfilment on (payment, shortage, assembly photos, packing, shipping,
    /// signing, returned parcels, customs).
    pub async fn act_on_order(
        &self,
        actor: &Actor,
        order_number: &str,
        version: Option<i64>,
        command: OrderCommand,
        reason: Option<String>,
    ) -> Result<CaseRecord, AppError> {
        let order = self.order(actor, order_number).await?;
        let find = || async {
            Ok::<_, AppError>(
                self.store
                    .cases_of_order(&order.id)
                    .await?
                    .into_iter()
                    .find(|c| c.kind == CaseKind::Order),
            )
        };
        let case = match find().await? {
            Some(case) => case,
            // Import stores the order and then opens its fulfilment; if it stopped in between,
            // the first command opens it (the unique index keeps it to one).
            None if NewOrder::from_record(&order)?.signed_at.is_none() => {
                match self.open_fulfilment(&order, self.now()).await {
                    Ok(()) | Err(AppError::Store(StoreError::Duplicate(_))) => {}
                    Err(e) => return Err(e),
                }
                find().await?.ok_or(AppError::NotFound("fulfilment"))?
            }
            None => {
                return Err(AppError::NotFound(
                    "fulfilment of this order (it was imported already signed)",
                ));
            }
        };
        if version.is_some_and(|v| v != case.version) {
            return Err(AppError::Conflict);
        }
        self.run::<OrderCase>(actor, case, &command, reason, None, |_, _| {})
            .await
    }

    /// Opens the fulfilment case of a newly imported order that has not been signed for yet.
    pub(crate) async fn open_fulfilment(
        &self,
        order: &OrderRecord,
        at: Timestamp,
    ) -> Result<(), AppError> {
        let machine = OrderCase::default();
        let case = CaseRecord {
            id: new_id(),
            kind: CaseKind::Order,
            order_id: order.id.clone(),
            order_number: order.number.clone(),
            customer_email: order.customer_email.clone(),
            rma: None,
            state: machine.state_name().to_owned(),
            is_open: true,
            deadline: None,
            amount_minor: None,
            version: 1,
            data: to_json(&machine)?,
            created_at: at,
            updated_at: at,
        };
        let placed = aftercare_store::NewEvent {
            kind: "placed".into(),
            actor: json!({"id": "shop-store", "roles": ["system"]}),
            at,
            reason: None,
            data: json!({"type": "placed"}),
            mail: None,
        };
        Ok(self.store.create_case(&case, &[placed], None).await?)
    }

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
            data: to_json(&machine)?,
            created_at: ctx.now,
            updated_at: ctx.now,
        };
        let mut events = new_events(actor, ctx.now, None, &events)?;
        self.note_calendar_gaps(order, &case, &mut events);
        Ok((case, events))
    }
}

/// The order's details with the signing recorded by its fulfilment case, from cases already
/// loaded.
pub(crate) fn details_with(
    order: &OrderRecord,
    cases: &[CaseRecord],
) -> Result<NewOrder, AppError> {
    let mut details = NewOrder::from_record(order)?;
    if let Some(case) = cases.iter().find(|c| c.kind == CaseKind::Order) {
        let machine: OrderCase = serde_json::from_value(case.data.clone())
            .map_err(|e| StoreError::Corrupt(format!("order case {}: {e}", case.id)))?;
        if machine.state == OrderState::Signed || machine.signed_at.is_some() {
            details.signed_at = machine.signed_at;
            details.damage_noted_at_signing = machine.damage_noted_at_signing;
        }
    }
    Ok(details)
}
