//! Returns: the request with its evidence judged by the policy, review, the RMA number and return
//! address, the parcel, inspection unit by unit; exchanges go through the return window.

use aftercare_core::cases::buyback::{BuybackCase, BuybackCommand};
use aftercare_core::cases::rma::{
    ReceivedLine, ReceptionOutcome, ReturnCase, ReturnCommand, ReturnLine,
};
use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_core::evaluate::RefundLineKind;
use aftercare_core::i18n::Said;
use aftercare_core::policy::{DamagedUnits, ReturnReason};
use aftercare_core::{Money, Outcome, evaluate};
use aftercare_store::{CaseKind, CaseRecord, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::account::{Account, NewCase, judged_again};
use crate::{App, AppError, Submitted, to_json};

/// A customer's return request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReturnRequest {
    pub order_number: String,
    pub reason: ReturnReason,
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub lines: Vec<ReturnLine>,
    #[serde(default)]
    pub description: String,
    /// Ids of uploaded photos and videos.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// What sending the parcel back cost the customer, when they know it.
    #[serde(default)]
    pub return_costs: Option<String>,
}

/// A customer's wish to exchange units for another size, colour or model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeRequest {
    pub order_number: String,
    pub reason: ReturnReason,
    pub lines: Vec<ReturnLine>,
    /// What the customer would like instead.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// The facts' `request` object of a return; `submitted_at` is set when it is judged.
fn return_json(request: &ReturnRequest) -> serde_json::Value {
    json!({
        "type": "return",
        "reason": request.reason,
        "lines": request.lines,
        "evidence": !request.evidence.is_empty(),
        // A claim: the evaluator says how it is confirmed, and pays nothing for it yet (III.2).
        "return_costs_claimed": request.return_costs,
    })
}

/// The return an exchange is sent as, marked so that customer service sees the wish and, where
/// the policy allows, offers the negotiated exchange.
fn exchange_as_return(request: &ExchangeRequest, outcome: Outcome) -> ReturnRequest {
    let wanted = request.description.trim();
    let description = if outcome == Outcome::ExchangeNegotiable {
        format!("Exchange wanted; a direct exchange may be negotiated (III.4). {wanted}")
    } else {
        format!("Exchange wanted: return for a refund, then a new order (III.4). {wanted}")
    };
    ReturnRequest {
        order_number: request.order_number.clone(),
        reason: request.reason,
        lines: request.lines.clone(),
        description: description.trim().to_owned(),
        evidence: request.evidence.clone(),
        return_costs: None,
    }
}

/// What staff or the customer do with a return case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnAction {
    /// An agent approves: the app issues the RMA number, address and instructions.
    Approve,
    Reject {
        reasons: Vec<String>,
    },
    SendToBuyback {
        reasons: Vec<String>,
    },
    MarkShipped {
        tracking_number: String,
    },
    Receive {
        lines: Vec<ReceivedLine>,
        outcome: ReceptionOutcome,
    },
    /// The warehouse passes the inspection: the refund follows the policy for the units received
    /// undamaged, with the return costs the warehouse confirmed from the customer's receipt.
    PassInspection {
        /// The compensable return costs the shop confirms; none when absent.
        return_costs: Option<String>,
        /// Units the inspection found damaged, per line, where it judges otherwise than the
        /// reception did; lines not named keep the reception's count.
        damaged: Vec<ReturnLine>,
    },
    FailInspection {
        reasons: Vec<String>,
        photos: Vec<String>,
    },
    ChooseSendBack {
        address: String,
    },
    ChooseBuyback,
}

impl<S: Store> App<S> {
    /// Asks the policy about a return and, when it is eligible, opens the return case. The units
    /// are checked against the order's ledger in the write that opens the case.
    pub async fn submit_return(
        &self,
        actor: &Actor,
        request: &ReturnRequest,
    ) -> Result<Submitted, AppError> {
        judged_again(|| self.try_submit_return(actor, request)).await
    }

    async fn try_submit_return(
        &self,
        actor: &Actor,
        request: &ReturnRequest,
    ) -> Result<Submitted, AppError> {
        let (account, facts, decision) = self.judge_return(actor, request).await?;
        if decision.outcome != Outcome::ReturnEligible {
            return Ok(Submitted {
                decision,
                case: None,
            });
        }
        let return_costs =
            match &request.return_costs {
                Some(text) => Some(Money::parse(text, facts.order.currency).map_err(|e| {
                    AppError::Invalid {
                        field: "return_costs".into(),
                        message: e.said().into(),
                    }
                })?),
                None => None,
            };
        let command = ReturnCommand::Request {
            reason: request.reason,
            lines: request.lines.clone(),
            description: request.description.trim().to_owned(),
            evidence: request.evidence.clone(),
            return_costs,
            outcome: decision.outcome,
            decision: to_json(&decision)?,
        };
        let opened =
            self.build_case::<ReturnCase>(actor, &account.order, CaseKind::Return, &command)?;
        let case = opened.0.clone();
        self.write_account(&account, &[opened], &[], None).await?;
        Ok(Submitted {
            decision,
            case: Some(case),
        })
    }

    /// What the policy would decide on the request if it were sent now; nothing is stored.
    /// The customer sees this before sending, so it is judged exactly as `submit_return` judges.
    pub async fn preview_return(
        &self,
        actor: &Actor,
        request: &ReturnRequest,
    ) -> Result<aftercare_core::Decision, AppError> {
        Ok(self.judge_return(actor, request).await?.2)
    }

    async fn judge_return(
        &self,
        actor: &Actor,
        request: &ReturnRequest,
    ) -> Result<(Account, aftercare_core::Facts, aftercare_core::Decision), AppError> {
        description_within_bound(&request.description)?;
        let (account, mut judged) = self
            .judge(
                actor,
                &request.order_number,
                &request.lines,
                &request.evidence,
                &[return_json(request)],
            )
            .await?;
        let (facts, decision) = judged.pop().ok_or(AppError::NotFound("decision"))?;
        Ok((account, facts, decision))
    }

    /// Reads the order's account once, checks the customer's evidence and that the units are
    /// free in the order's ledger, and judges each of `requests` (the facts' `request` objects)
    /// as made now.
    async fn judge(
        &self,
        actor: &Actor,
        order_number: &str,
        lines: &[ReturnLine],
        evidence: &[String],
        requests: &[serde_json::Value],
    ) -> Result<
        (
            Account,
            Vec<(aftercare_core::Facts, aftercare_core::Decision)>,
        ),
        AppError,
    > {
        // One read of the order's account serves the signing, the units still free and whose
        // the evidence is.
        let account = self
            .account_with_own_evidence(actor, order_number, "evidence", evidence)
            .await?;
        account.ledger.check_units(lines)?;
        let details = &account.details;
        let now = self.now();
        let mut judged = Vec::with_capacity(requests.len());
        for request in requests {
            let mut request = request.clone();
            request["submitted_at"] = json!(now);
            let facts = details.facts(request).map_err(claim_field)?;
            let decision =
                evaluate(&self.policy, &facts, now).map_err(|e| claim_field(e.into()))?;
            judged.push((facts, decision));
        }
        Ok((account, judged))
    }

    /// What the policy says about exchanging the lines: an exchange goes through the return
    /// window of its reason (III.4). Since an exchange is sent as a return, a return the policy
    /// would not open yet (no photos, say) answers with the return's decision, so the customer
    /// learns what is missing before sending. Nothing is stored.
    pub async fn preview_exchange(
        &self,
        actor: &Actor,
        request: &ExchangeRequest,
    ) -> Result<aftercare_core::Decision, AppError> {
        description_within_bound(&request.description)?;
        // The exchange and the return it would become are judged on one read of the order.
        let as_return = exchange_as_return(request, Outcome::ExchangeViaReturn);
        let (_, judged) = self
            .judge(
                actor,
                &request.order_number,
                &request.lines,
                &request.evidence,
                &[
                    json!({
                        "type": "exchange",
                        "reason": request.reason,
                        "lines": request.lines,
                        "evidence": !request.evidence.is_empty(),
                    }),
                    return_json(&as_return),
                ],
            )
            .await?;
        let mut judged = judged.into_iter().map(|(_, decision)| decision);
        let (Some(exchange), Some(as_return)) = (judged.next(), judged.next()) else {
            return Err(AppError::NotFound("decision"));
        };
        if !matches!(
            exchange.outcome,
            Outcome::ExchangeViaReturn | Outcome::ExchangeNegotiable
        ) || as_return.outcome == Outcome::ReturnEligible
        {
            return Ok(exchange);
        }
        Ok(as_return)
    }

    /// Sends an exchange request. The shop does not exchange directly (III.4): the request
    /// becomes a return of the lines, marked as an exchange so that customer service can offer
    /// the negotiated exchange where the policy allows one. Outside the return window nothing
    /// is opened and the decision says why.
    pub async fn request_exchange(
        &self,
        actor: &Actor,
        request: &ExchangeRequest,
    ) -> Result<Submitted, AppError> {
        let decision = self.preview_exchange(actor, request).await?;
        if !matches!(
            decision.outcome,
            Outcome::ExchangeViaReturn | Outcome::ExchangeNegotiable
        ) {
            return Ok(Submitted {
                decision,
                case: None,
            });
        }
        self.submit_return(actor, &exchange_as_return(request, decision.outcome))
            .await
    }

    /// Moves a return case on. `version` is the version the actor saw: a stale one is refused.
    /// Every step is judged on the order's ledger and written only while it is still current, so
    /// concurrent approvals never compute one RMA number twice.
    pub async fn act_on_return(
        &self,
        actor: &Actor,
        case_id: &str,
        version: Option<i64>,
        action: ReturnAction,
        reason: Option<String>,
    ) -> Result<CaseRecord, AppError> {
        judged_again(|| self.try_act_on_return(actor, case_id, version, &action, reason.clone()))
            .await
    }

    async fn try_act_on_return(
        &self,
        actor: &Actor,
        case_id: &str,
        version: Option<i64>,
        action: &ReturnAction,
        reason: Option<String>,
    ) -> Result<CaseRecord, AppError> {
        let (account, case) = self
            .case_in_account(actor, case_id, Some(CaseKind::Return), version)
            .await?;
        let current: ReturnCase = case
            .data
            .typed()
            .map_err(|e| StoreError::Corrupt(format!("return {}: {e}", case.id)))?;
        let mut create = Vec::new();
        let command = match action.clone() {
            ReturnAction::Approve => {
                let given = account
                    .cases
                    .iter()
                    .filter(|c| c.kind == CaseKind::Return && c.rma.is_some())
                    .count();
                let rma = format!("RMA-{}-{}", case.order_number, given + 1);
                ReturnCommand::Approve {
                    instructions: format!(
                        "Write {rma} clearly on the outer box. Send the product intact and complete, with its original packaging, labels, accessories and instructions. \
                         Use a tracked and insured service and keep the shipping receipt: a parcel lost on the way back cannot be refunded. \
                         You pay the international shipping and any export declaration fee; after the goods arrive we confirm them from your receipt and compensate them according to the return reason. \
                         Enter the tracking number on your return page once the parcel is sent."
                    ),
                    return_address: self.shop_profile().return_address,
                    rma,
                }
            }
            ReturnAction::Reject { reasons } => ReturnCommand::Reject { reasons },
            ReturnAction::SendToBuyback { reasons } => ReturnCommand::SendToBuyback { reasons },
            ReturnAction::MarkShipped { tracking_number } => {
                ReturnCommand::MarkShipped { tracking_number }
            }
            ReturnAction::Receive { lines, outcome } => ReturnCommand::Receive { lines, outcome },
            ReturnAction::PassInspection {
                return_costs,
                damaged,
            } => {
                // Said before the refund is worked out, so the answer is about the role.
                if !actor.has(Role::Warehouse) {
                    return Err(AppError::Refused(Refusal::only(
                        "warehouse",
                        "doing-inspect-return",
                    )));
                }
                let (command, to_buyback) = self.inspection(
                    actor,
                    &account,
                    &case,
                    &current,
                    return_costs.as_deref(),
                    &damaged,
                )?;
                create.extend(to_buyback);
                command
            }
            ReturnAction::FailInspection { reasons, photos } => {
                ReturnCommand::FailInspection { reasons, photos }
            }
            ReturnAction::ChooseSendBack { address } => ReturnCommand::ChooseSendBack { address },
            ReturnAction::ChooseBuyback => ReturnCommand::ChooseBuyback,
        };
        let goods = units_of(&current.received, |l| l.received);
        let (next, events) = self.prepare::<ReturnCase>(
            actor,
            &account.order,
            case.clone(),
            &command,
            reason,
            |record, machine| {
                record.rma = machine.rma.clone();
            },
        )?;
        // Judged by the return first, so a refusal speaks of its role and state; then the goods
        // the warehouse holds pass to a buyback case in the same write (III.3).
        if matches!(command, ReturnCommand::ChooseBuyback) {
            create.push(self.take_over_goods(
                actor,
                &account,
                &case,
                goods,
                current.reasons.clone(),
                current.photos.clone(),
            )?);
        }
        self.check_ledger_after(&account, &create, std::slice::from_ref(&next))?;
        self.write_account(&account, &create, &[(next.clone(), events)], None)
            .await?;
        Ok(next)
    }

    /// A buyback case that takes over goods of a return the warehouse holds: after a failed
    /// inspection, or units found damaged among units that passed. Built, not written.
    fn take_over_goods(
        &self,
        actor: &Actor,
        account: &Account,
        case: &CaseRecord,
        lines: Vec<ReturnLine>,
        reasons: Vec<String>,
        photos: Vec<String>,
    ) -> Result<NewCase, AppError> {
        let order = account.details.checked()?;
        let base = order.paid_for(&lines).map_err(|e| AppError::Invalid {
            field: "lines".into(),
            message: e.said().into(),
        })?;
        let command = BuybackCommand::TakeOverReturn {
            return_case: case.id.clone(),
            lines,
            base,
            photos,
            reasons,
        };
        self.build_case::<BuybackCase>(actor, &account.order, CaseKind::Buyback, &command)
    }

    /// The refund a passed inspection gives: the policy's breakdown for the units received
    /// undamaged, judged as of the day the return was requested (its window was checked then),
    /// with the return costs the warehouse confirmed, in proportion to the units that pass when
    /// the policy says so. Units found damaged go where the policy sends them (III.2): to a
    /// buyback case built here, or refunded in part.
    fn inspection(
        &self,
        actor: &Actor,
        account: &Account,
        case: &CaseRecord,
        current: &ReturnCase,
        return_costs: Option<&str>,
        found_damaged: &[ReturnLine],
    ) -> Result<(ReturnCommand, Vec<NewCase>), AppError> {
        let version = self
            .policy
            .version(&account.order.policy_version)
            .ok_or_else(|| AppError::UnknownPolicyVersion(account.order.policy_version.clone()))?;
        let order = account.details.checked()?;
        let money = |field: &str, e: aftercare_core::money::MoneyError| AppError::Invalid {
            field: field.into(),
            message: e.said().into(),
        };
        let confirmed = match return_costs.map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => {
                Money::parse(text, order.currency).map_err(|e| money("return_costs", e))?
            }
            None => Money::zero(order.currency),
        };
        if confirmed.is_negative() {
            return Err(AppError::invalid(
                "return_costs",
                Said::new("refused-negative"),
            ));
        }
        let inspected: Vec<ReceivedLine> = found_damaged
            .iter()
            .map(|d| ReceivedLine {
                sku: d.sku.clone(),
                received: current
                    .received
                    .iter()
                    .find(|r| r.sku == d.sku)
                    .map_or(0, |r| r.received),
                damaged: d.quantity,
            })
            .collect();
        current.check_inspected(&inspected)?;
        let judged = current.judged(&inspected);
        let passed = units_of(&judged, ReceivedLine::passed);
        let damaged = units_of(&judged, ReceivedLine::damaged_units);
        if passed.is_empty() {
            return Err(AppError::Invalid {
                field: "inspection".into(),
                message: "no unit arrived undamaged: fail the inspection instead (damaged goods go to buyback)".into(),
            });
        }
        let compensable = if version.inspection.return_costs_in_proportion {
            let whole = order
                .paid_for(&current.lines)
                .map_err(|e| money("return_costs", e))?;
            let part = order
                .paid_for(&passed)
                .map_err(|e| money("return_costs", e))?;
            if whole.is_zero() {
                confirmed
            } else {
                confirmed
                    .pro_rata(part, whole)
                    .map_err(|e| money("return_costs", e))?
            }
        } else {
            confirmed
        };
        let reason = current.reason.ok_or(AppError::NotFound("return reason"))?;
        let facts = account.details.facts(json!({
            "type": "return",
            "reason": reason,
            "submitted_at": case.created_at,
            "lines": passed,
            "evidence": true,
            "return_costs": compensable.amount_text(),
        }))?;
        let decision = evaluate(&self.policy, &facts, self.now())?;
        let refund = decision.refund.ok_or_else(|| AppError::Invalid {
            field: "inspection".into(),
            message: "the policy gives no refund for this return".into(),
        })?;
        let compensated = refund
            .lines
            .iter()
            .filter(|l| l.kind == RefundLineKind::ReturnCosts)
            .map(|l| l.amount)
            .next()
            .unwrap_or(Money::zero(refund.currency));
        let mut total = refund.total;
        let mut create = Vec::new();
        if !damaged.is_empty() {
            match version.inspection.damaged_units {
                DamagedUnits::Buyback => create.push(self.take_over_goods(
                    actor,
                    account,
                    case,
                    damaged,
                    vec![format!(
                        "Found damaged at the return's inspection: handled as a buyback according to the degree of damage ({}).",
                        version.inspection.damaged_clause
                    )],
                    current.photos.clone(),
                )?),
                DamagedUnits::PartialRefund(percent) => {
                    let part = order
                        .paid_for(&damaged)
                        .and_then(|paid| paid.percent(percent))
                        .map_err(|e| money("inspection", e))?;
                    total = total
                        .checked_add(part)
                        .map_err(|e| money("inspection", e))?;
                }
            }
        }
        Ok((
            ReturnCommand::PassInspection {
                refund: total,
                compensated_return_costs: compensated,
                confirmed_return_costs: confirmed,
                inspected,
            },
            create,
        ))
    }
}

/// A request's description is bounded before anything is judged, so that a request the policy
/// would not open is refused for its length as one it would.
fn description_within_bound(description: &str) -> Result<(), AppError> {
    let max = aftercare_core::cases::limits::TEXT;
    if description.chars().count() > max {
        return Err(AppError::Invalid {
            field: "description".into(),
            message: Said::new("refused-too-long").with("max", max).into(),
        });
    }
    Ok(())
}

/// The units of received lines that `count` picks, leaving out lines with none.
fn units_of(received: &[ReceivedLine], count: impl Fn(&ReceivedLine) -> u32) -> Vec<ReturnLine> {
    received
        .iter()
        .map(|l| ReturnLine {
            sku: l.sku.clone(),
            quantity: count(l),
        })
        .filter(|l| l.quantity > 0)
        .collect()
}

/// Names a problem with a customer's request by the request's own field: the claimed return
/// costs are the request's `return_costs`.
fn claim_field(e: AppError) -> AppError {
    match crate::request_field(e) {
        AppError::Invalid { field, message } if field == "return_costs_claimed" => {
            AppError::Invalid {
                field: "return_costs".into(),
                message,
            }
        }
        other => other,
    }
}
