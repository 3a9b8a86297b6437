//! Returns with RMA numbers and the refunds that pay them.

use aftercare_core::cases::appeal::AppealCase;
use aftercare_core::cases::buyback::BuybackCase;
use aftercare_core::cases::order::{OrderCase, OrderState};
use aftercare_core::cases::refund::{RefundCase, RefundCommand, RefundSource};
use aftercare_core::cases::rma::{
    ReceivedLine, ReceptionOutcome, ReturnCase, ReturnCommand, ReturnLine, ReturnState,
};
use aftercare_core::cases::{Actor, Refusal, Role, execute};
use aftercare_core::evaluate::RefundLineKind;
use aftercare_core::policy::ReturnReason;
use aftercare_core::{Money, Outcome, evaluate};
use aftercare_store::{CaseKind, CaseRecord, Idempotency, Store, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::orders::NewOrder;
use crate::{App, AppError, CaseView, Submitted, new_events, new_id, to_json};

/// A customer's return request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnRequest {
    pub order_number: String,
    pub reason: ReturnReason,
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
        "return_costs": request.return_costs.clone().unwrap_or_else(|| "0".into()),
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
    /// undamaged.
    PassInspection,
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
    /// Asks the policy about a return and, when it is eligible, opens the return case.
    pub async fn submit_return(
        &self,
        actor: &Actor,
        request: &ReturnRequest,
    ) -> Result<Submitted, AppError> {
        let (order, facts, decision) = self.judge_return(actor, request).await?;
        let now = self.now();
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
                        message: e.to_string(),
                    }
                })?),
                None => None,
            };
        let ctx = self.context(actor, &order)?;
        let command = ReturnCommand::Request {
            reason: request.reason,
            lines: request.lines.clone(),
            description: request.description.trim().to_owned(),
            evidence: request.evidence.clone(),
            return_costs,
            outcome: decision.outcome,
            decision: to_json(&decision)?,
        };
        let (machine, events) = execute(ReturnCase::default(), &command, &ctx)?;
        let case = CaseRecord {
            id: new_id(),
            kind: CaseKind::Return,
            order_id: order.id.clone(),
            order_number: order.number.clone(),
            customer_email: order.customer_email.clone(),
            rma: None,
            state: machine.state.name().to_owned(),
            is_open: true,
            deadline: machine.deadline,
            amount_minor: None,
            version: 1,
            data: to_json(&machine)?,
            created_at: now,
            updated_at: now,
        };
        let mut events = new_events(actor, now, None, &events)?;
        self.note_calendar_gaps(&order, &case, &mut events);
        self.store.create_case(&case, &events, None).await?;
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
    ) -> Result<
        (
            aftercare_store::OrderRecord,
            aftercare_core::Facts,
            aftercare_core::Decision,
        ),
        AppError,
    > {
        let (order, mut judged) = self
            .judge(
                actor,
                &request.order_number,
                &request.lines,
                &request.evidence,
                &[return_json(request)],
            )
            .await?;
        let (facts, decision) = judged.pop().ok_or(AppError::NotFound("decision"))?;
        Ok((order, facts, decision))
    }

    /// Reads the order and its cases once, checks the customer's evidence and the units left
    /// to return, and judges each of `requests` (the facts' `request` objects) as made now.
    async fn judge(
        &self,
        actor: &Actor,
        order_number: &str,
        lines: &[ReturnLine],
        evidence: &[String],
        requests: &[serde_json::Value],
    ) -> Result<
        (
            aftercare_store::OrderRecord,
            Vec<(aftercare_core::Facts, aftercare_core::Decision)>,
        ),
        AppError,
    > {
        let order = self.order(actor, order_number).await?;
        self.check_own_evidence(actor, "evidence", evidence).await?;
        // One read of the order's cases serves the signing and the units left to return.
        let cases = self.store.cases_of_order(&order.id).await?;
        let details = crate::cases::details_with(&order, &cases)?;
        check_units_left(&cases, &details, lines)?;
        let now = self.now();
        let mut judged = Vec::with_capacity(requests.len());
        for request in requests {
            let mut request = request.clone();
            request["submitted_at"] = json!(now);
            let facts = details.facts(request).map_err(crate::request_field)?;
            let decision =
                evaluate(&self.policy, &facts, now).map_err(|e| crate::request_field(e.into()))?;
            judged.push((facts, decision));
        }
        Ok((order, judged))
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
    pub async fn act_on_return(
        &self,
        actor: &Actor,
        case_id: &str,
        version: Option<i64>,
        action: ReturnAction,
        reason: Option<String>,
    ) -> Result<CaseRecord, AppError> {
        let case = self
            .case_of_kind(actor, case_id, CaseKind::Return, version)
            .await?;
        let command = match action {
            ReturnAction::Approve => {
                let count = self
                    .store
                    .cases_of_order(&case.order_id)
                    .await?
                    .iter()
                    .filter(|c| c.kind == CaseKind::Return && c.rma.is_some())
                    .count();
                let rma = format!("RMA-{}-{}", case.order_number, count + 1);
                ReturnCommand::Approve {
                    instructions: format!(
                        "Write {rma} clearly on the outer box. Send the product intact and complete, with its original packaging, labels, accessories and instructions. \
                         Use a tracked and insured service and keep the shipping receipt: a parcel lost on the way back cannot be refunded. \
                         You pay the international shipping and any export declaration fee; they are compensated according to the return reason after the goods arrive. \
                         Enter the tracking number on your return page once the parcel is sent."
                    ),
                    return_address: self.shop.return_address.clone(),
                    rma,
                }
            }
            ReturnAction::Reject { reasons } => ReturnCommand::Reject { reasons },
            ReturnAction::SendToBuyback { reasons } => ReturnCommand::SendToBuyback { reasons },
            ReturnAction::MarkShipped { tracking_number } => {
                ReturnCommand::MarkShipped { tracking_number }
            }
            ReturnAction::Receive { lines, outcome } => ReturnCommand::Receive { lines, outcome },
            ReturnAction::PassInspection => {
                // Said before the refund is worked out, so the answer is about the role.
                if !actor.has(Role::Warehouse) {
                    return Err(AppError::Refused(Refusal::Role(
                        "only the warehouse can inspect a return".into(),
                    )));
                }
                self.inspection_refund(&case).await?
            }
            ReturnAction::FailInspection { reasons, photos } => {
                ReturnCommand::FailInspection { reasons, photos }
            }
            ReturnAction::ChooseSendBack { address } => ReturnCommand::ChooseSendBack { address },
            ReturnAction::ChooseBuyback => ReturnCommand::ChooseBuyback,
        };
        self.run::<ReturnCase>(actor, case, &command, reason, None, |record, machine| {
            record.rma = machine.rma.clone();
        })
        .await
    }

    /// The refund a passed inspection gives: the policy's breakdown for the units received
    /// undamaged, judged as of the day the return was requested (its window was checked then).
    async fn inspection_refund(&self, case: &CaseRecord) -> Result<ReturnCommand, AppError> {
        let current: ReturnCase = serde_json::from_value(case.data.clone())
            .map_err(|e| StoreError::Corrupt(format!("return {}: {e}", case.id)))?;
        let order = self
            .store
            .order(&case.order_id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        // With the signing recorded by the fulfilment case: the policy counts from it.
        let details = self.order_details(&order).await?;
        let lines: Vec<ReturnLine> = current
            .received
            .iter()
            .filter(|l| l.received > l.damaged)
            .map(|l| ReturnLine {
                sku: l.sku.clone(),
                quantity: l.received - l.damaged,
            })
            .collect();
        if lines.is_empty() {
            return Err(AppError::Invalid {
                field: "inspection".into(),
                message: "no unit arrived undamaged: fail the inspection instead (damaged goods go to buyback)".into(),
            });
        }
        let reason = current.reason.ok_or(AppError::NotFound("return reason"))?;
        let facts = details.facts(json!({
            "type": "return",
            "reason": reason,
            "submitted_at": case.created_at,
            "lines": lines,
            "evidence": true,
            "return_costs": current.return_costs.map_or_else(|| "0".to_owned(), |m| m.amount_text()),
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
        Ok(ReturnCommand::PassInspection {
            refund: refund.total,
            compensated_return_costs: compensated,
        })
    }

    /// An agent grants the money a case's result gives: the refund of a return whose inspection
    /// passed, or the payout of a confirmed (or revised and accepted) buyback. Idempotent by `key`;
    /// never twice for one case, never above what the order still allows.
    pub async fn grant_refund(
        &self,
        actor: &Actor,
        source_id: &str,
        key: &str,
    ) -> Result<CaseView, AppError> {
        // Another grant on the same order in between changes the cap: judge again on the new
        // refunds, a few times, before telling the caller.
        let mut attempt = 0;
        loop {
            match self.try_grant_refund(actor, source_id, key).await {
                Err(AppError::Conflict) if attempt < 3 => attempt += 1,
                other => return other,
            }
        }
    }

    async fn try_grant_refund(
        &self,
        actor: &Actor,
        source_id: &str,
        key: &str,
    ) -> Result<CaseView, AppError> {
        // Said first, so a caller without the role learns nothing about the case.
        if !actor.has(Role::Agent) {
            return Err(AppError::Refused(Refusal::Role(
                "only a service agent can grant a refund".into(),
            )));
        }
        let fingerprint = json!({"grant_refund": source_id}).to_string();
        if let Some(first) = self.replayed(key, &fingerprint).await? {
            return Ok(first);
        }
        let case = self.case(actor, source_id).await?;
        let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("case {}: {e}", case.id));
        let (source, amount) = match case.kind {
            CaseKind::Return => {
                let current: ReturnCase =
                    serde_json::from_value(case.data.clone()).map_err(corrupt)?;
                (RefundSource::Return, current.refund)
            }
            CaseKind::Buyback => {
                let current: BuybackCase =
                    serde_json::from_value(case.data.clone()).map_err(corrupt)?;
                (RefundSource::Buyback, current.payable())
            }
            CaseKind::Order => (
                RefundSource::Undeliverable,
                self.undeliverable_refund(&case).await?,
            ),
            CaseKind::Appeal => (
                RefundSource::AppealCorrection,
                self.appeal_correction(&case).await?,
            ),
            _ => (RefundSource::Return, None),
        };
        let amount = amount.ok_or_else(|| AppError::Invalid {
            field: "case".into(),
            message: "nothing is payable: a return must pass inspection, a buyback be confirmed or its revision accepted, a returned parcel be settled with something left after deductions, an appeal be changed to a higher refund".into(),
        })?;
        let siblings = self.store.cases_of_order(&case.order_id).await?;
        if siblings.iter().any(|c| {
            c.kind == CaseKind::Refund
                && c.data.get("source_case").and_then(|v| v.as_str()) == Some(source_id)
        }) {
            return Err(AppError::Invalid {
                field: "case".into(),
                message: "the money for this case was already granted".into(),
            });
        }
        let order = self
            .store
            .order(&case.order_id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        let details = NewOrder::from_record(&order)?;
        let cap = self.refund_cap(&details, &siblings)?;
        let ctx = self.context(actor, &order)?;
        let command = RefundCommand::Grant {
            source,
            source_case: Some(source_id.to_owned()),
            amount,
            method: details.payment_method.clone(),
            cap,
        };
        let (machine, events) = execute(RefundCase::default(), &command, &ctx)?;
        let data = to_json(&machine)?;
        let refund = CaseRecord {
            id: new_id(),
            kind: CaseKind::Refund,
            order_id: order.id.clone(),
            order_number: order.number.clone(),
            customer_email: order.customer_email.clone(),
            rma: None,
            state: machine.state.name().to_owned(),
            is_open: true,
            deadline: machine.deadline,
            amount_minor: Some(amount.minor()),
            version: 1,
            data,
            created_at: ctx.now,
            updated_at: ctx.now,
        };
        let view = CaseView::from(&refund);
        let idempotency = Idempotency {
            key: key.to_owned(),
            request_hash: fingerprint.clone(),
            response: to_json(&view)?,
            created_at: ctx.now,
        };
        let mut events = new_events(actor, ctx.now, None, &events)?;
        self.note_calendar_gaps(&order, &refund, &mut events);
        let refunds_seen = siblings
            .iter()
            .filter(|c| c.kind == CaseKind::Refund)
            .count();
        match self
            .store
            .create_refund_case(
                &refund,
                &events,
                Some(&idempotency),
                i64::try_from(refunds_seen).unwrap_or(i64::MAX),
            )
            .await
        {
            Ok(()) => Ok(view),
            Err(StoreError::DuplicateKey(_)) => self.after_duplicate_key(key, &fingerprint).await,
            Err(StoreError::Conflict { .. }) => Err(AppError::Conflict),
            Err(e) => Err(e.into()),
        }
    }

    /// The refund of a parcel returned for the buyer's reasons and not reshipped: the policy's
    /// product amount less the original shipping and the return processing fee (III.5).
    async fn undeliverable_refund(&self, case: &CaseRecord) -> Result<Option<Money>, AppError> {
        let order_case: OrderCase = serde_json::from_value(case.data.clone())
            .map_err(|e| StoreError::Corrupt(format!("order case {}: {e}", case.id)))?;
        let (Some(returned_at), Some(fee)) =
            (order_case.returned_at, order_case.return_processing_fee)
        else {
            return Ok(None);
        };
        if order_case.state != OrderState::ReturnSettled {
            return Ok(None);
        }
        let order = self
            .store
            .order(&case.order_id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        let mut details = self.order_details(&order).await?;
        details.signed_at = None;
        let facts = details.facts(json!({
            "type": "undeliverable",
            "returned_at": returned_at,
            "fees": {"return_processing": fee.amount_text()},
        }))?;
        Ok(evaluate(&self.policy, &facts, self.now())?
            .refund
            .map(|r| r.total))
    }

    /// What a changed appeal adds: its corrected refund less what the appealed case was granted.
    async fn appeal_correction(&self, case: &CaseRecord) -> Result<Option<Money>, AppError> {
        let appeal: AppealCase = serde_json::from_value(case.data.clone())
            .map_err(|e| StoreError::Corrupt(format!("appeal {}: {e}", case.id)))?;
        let (Some(correction), Some(against)) =
            (appeal.correction.as_ref(), appeal.against_case.as_ref())
        else {
            return Ok(None);
        };
        let Some(corrected) = correction.get("refund").and_then(|v| v.as_str()) else {
            return Ok(None);
        };
        let order = self
            .store
            .order(&case.order_id)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        let currency = aftercare_core::Currency::parse(&order.currency)
            .map_err(|e| StoreError::Corrupt(format!("order {}: {e}", order.number)))?;
        let corrected = Money::parse(corrected, currency).map_err(|e| AppError::Invalid {
            field: "correction.refund".into(),
            message: e.to_string(),
        })?;
        let granted: i64 = self
            .store
            .cases_of_order(&case.order_id)
            .await?
            .iter()
            .filter(|c| c.kind == CaseKind::Refund)
            .filter(|c| {
                let source = c.data.get("source_case").and_then(|v| v.as_str());
                source == Some(against.as_str())
            })
            .filter_map(|c| c.amount_minor)
            .sum();
        let difference = corrected.minor() - granted;
        Ok((difference > 0).then(|| Money::from_minor(difference, currency)))
    }

    /// What may still be refunded for an order: what was paid, plus the return costs the policy
    /// compensated on its inspected returns, less what earlier refunds granted.
    fn refund_cap(&self, order: &NewOrder, cases: &[CaseRecord]) -> Result<Money, AppError> {
        let paid = order.total_paid()?;
        let compensated: i64 = cases
            .iter()
            .filter(|c| c.kind == CaseKind::Return)
            .filter_map(|c| serde_json::from_value::<ReturnCase>(c.data.clone()).ok())
            .filter_map(|r| r.compensated_return_costs)
            .map(|m| m.minor())
            .sum();
        let granted: i64 = cases
            .iter()
            .filter(|c| c.kind == CaseKind::Refund && c.state != "new")
            .filter_map(|c| c.amount_minor)
            .sum();
        let overflow = || AppError::Invalid {
            field: "amount".into(),
            message: "amounts too large".into(),
        };
        let cap = paid
            .minor()
            .checked_add(compensated)
            .and_then(|v| v.checked_sub(granted))
            .ok_or_else(overflow)?;
        Ok(Money::from_minor(cap, paid.currency()))
    }

    /// Finance sends a granted (or failed) refund to the original payment method. Idempotent.
    pub async fn send_refund(
        &self,
        actor: &Actor,
        refund_id: &str,
        payment_reference: &str,
        key: &str,
    ) -> Result<CaseView, AppError> {
        self.refund_step(
            actor,
            refund_id,
            key,
            RefundCommand::Send {
                payment_reference: payment_reference.to_owned(),
            },
        )
        .await
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
        let result = self
            .run::<RefundCase>(
                actor,
                case,
                &command,
                None,
                Some((key, &fingerprint)),
                |_, _| {},
            )
            .await;
        match result {
            Ok(record) => Ok(CaseView::from(&record)),
            Err(AppError::Store(StoreError::DuplicateKey(_))) => {
                self.after_duplicate_key(key, &fingerprint).await
            }
            Err(e) => Err(e),
        }
    }
}

/// Refuses a request for more units than are left to return: units in the order's other
/// return requests count unless those were rejected or sent to buyback.
fn check_units_left(
    cases: &[CaseRecord],
    details: &NewOrder,
    lines: &[ReturnLine],
) -> Result<(), AppError> {
    let mut taken: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for case in cases {
        if case.kind != CaseKind::Return {
            continue;
        }
        let Ok(other) = serde_json::from_value::<ReturnCase>(case.data.clone()) else {
            continue;
        };
        if matches!(
            other.state,
            ReturnState::New | ReturnState::Rejected | ReturnState::SentToBuyback
        ) {
            continue;
        }
        for line in other.lines {
            *taken.entry(line.sku).or_default() += u64::from(line.quantity);
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let ordered: u64 = details
            .lines
            .iter()
            .filter(|l| l.sku == line.sku)
            .map(|l| u64::from(l.quantity))
            .sum();
        let already = taken.get(&line.sku).copied().unwrap_or(0);
        if already > 0 && already + u64::from(line.quantity) > ordered {
            return Err(AppError::Invalid {
                field: format!("lines[{i}].quantity"),
                message: format!(
                    "{} of the {ordered} units of {} can still be returned: {already} are in other return requests",
                    ordered.saturating_sub(already),
                    line.sku
                ),
            });
        }
    }
    Ok(())
}
