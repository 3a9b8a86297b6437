//! The return case (RMA): requested → approved with an RMA number | rejected | sent to buyback →
//! in transit → received → inspection passed (refund) or failed (sent back at the customer's cost,
//! or abandoned to buyback). A parcel reported lost on the way back is closed without refund
//! (III.2: the shop is not responsible for returns lost in transit).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Bound, Bounded, Context, Machine, Refusal, Role, limits, not_allowed};
use crate::evaluate::Outcome;
use crate::money::Money;
use crate::policy::{FailedInspectionOption, ReturnReason};

/// Units of one order line in a return: the same shape as the evaluator's request lines.
pub use crate::facts::RequestLine as ReturnLine;

/// What the warehouse counted for one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceivedLine {
    pub sku: String,
    pub received: u32,
    pub damaged: u32,
}

impl ReceivedLine {
    /// Units of the line that passed: received and not damaged.
    pub fn passed(&self) -> u32 {
        self.received.saturating_sub(self.damaged)
    }

    /// Units of the line found damaged (never more than were received).
    pub fn damaged_units(&self) -> u32 {
        self.damaged.min(self.received)
    }
}

/// How the parcel arrived, compared with the RMA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReceptionOutcome {
    AsExpected,
    Short,
    WrongItemSentBack,
    LostInTransit,
}

/// Where a return case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnState {
    /// Not yet requested: only `Request` applies.
    New,
    Requested,
    Approved,
    Rejected,
    SentToBuyback,
    InTransit,
    Received,
    InspectionPassed,
    /// The refund of a passed inspection was granted: the money is the refund case's now.
    RefundGranted,
    InspectionFailed,
    SentBack,
    AbandonedToBuyback,
    Lost,
}

impl ReturnState {
    /// The name stored and shown.
    pub fn name(self) -> &'static str {
        match self {
            ReturnState::New => "new",
            ReturnState::Requested => "requested",
            ReturnState::Approved => "approved",
            ReturnState::Rejected => "rejected",
            ReturnState::SentToBuyback => "sent_to_buyback",
            ReturnState::InTransit => "in_transit",
            ReturnState::Received => "received",
            ReturnState::InspectionPassed => "inspection_passed",
            ReturnState::RefundGranted => "refund_granted",
            ReturnState::InspectionFailed => "inspection_failed",
            ReturnState::SentBack => "sent_back",
            ReturnState::AbandonedToBuyback => "abandoned_to_buyback",
            ReturnState::Lost => "lost",
        }
    }
}

/// A return case as its events made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnCase {
    pub state: ReturnState,
    pub reason: Option<ReturnReason>,
    pub lines: Vec<ReturnLine>,
    pub description: String,
    pub evidence: Vec<String>,
    /// The evaluator's decision when the request was made, kept as it was then.
    pub decision: serde_json::Value,
    pub rma: Option<String>,
    pub return_address: Option<String>,
    pub instructions: Option<String>,
    pub tracking_number: Option<String>,
    pub received: Vec<ReceivedLine>,
    pub reception: Option<ReceptionOutcome>,
    /// What the customer said the return shipping and export declaration cost them.
    pub return_costs: Option<Money>,
    pub refund: Option<Money>,
    /// The part of `refund` that compensates return costs: it may lift the order's refund cap.
    pub compensated_return_costs: Option<Money>,
    /// The return costs the shop confirmed from the customer's receipt at inspection (III.2):
    /// the customer's `return_costs` is only a claim.
    #[serde(default)]
    pub confirmed_return_costs: Option<Money>,
    /// The refund case that pays the passed inspection.
    #[serde(default)]
    pub refund_case: Option<String>,
    pub reasons: Vec<String>,
    pub photos: Vec<String>,
    pub send_back_address: Option<String>,
    pub deadline: Option<Date>,
}

impl Default for ReturnCase {
    fn default() -> Self {
        ReturnCase {
            state: ReturnState::New,
            reason: None,
            lines: Vec::new(),
            description: String::new(),
            evidence: Vec::new(),
            decision: serde_json::Value::Null,
            rma: None,
            return_address: None,
            instructions: None,
            tracking_number: None,
            received: Vec::new(),
            reception: None,
            return_costs: None,
            refund: None,
            compensated_return_costs: None,
            confirmed_return_costs: None,
            refund_case: None,
            reasons: Vec::new(),
            photos: Vec::new(),
            send_back_address: None,
            deadline: None,
        }
    }
}

/// What someone asks of a return case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnCommand {
    /// The customer (or an agent from the customer's e-mail) asks for a return.
    Request {
        reason: ReturnReason,
        lines: Vec<ReturnLine>,
        description: String,
        evidence: Vec<String>,
        return_costs: Option<Money>,
        outcome: Outcome,
        decision: serde_json::Value,
    },
    Approve {
        rma: String,
        return_address: String,
        instructions: String,
    },
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
    PassInspection {
        refund: Money,
        compensated_return_costs: Money,
        confirmed_return_costs: Money,
        /// The inspection's own count per received line, when it found damage the reception
        /// did not (or less); empty keeps the reception's counts.
        inspected: Vec<ReceivedLine>,
    },
    FailInspection {
        reasons: Vec<String>,
        photos: Vec<String>,
    },
    ChooseSendBack {
        address: String,
    },
    ChooseBuyback,
    /// The passed inspection's refund was granted as `refund_case`, in the same write.
    RecordRefundGranted {
        refund_case: String,
    },
}

/// What happened to a return case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReturnEvent {
    Requested {
        reason: ReturnReason,
        lines: Vec<ReturnLine>,
        description: String,
        evidence: Vec<String>,
        return_costs: Option<Money>,
        decision: serde_json::Value,
        review_by: Option<Date>,
    },
    Approved {
        rma: String,
        return_address: String,
        instructions: String,
    },
    Rejected {
        reasons: Vec<String>,
    },
    SentToBuyback {
        reasons: Vec<String>,
    },
    Shipped {
        tracking_number: String,
    },
    Received {
        lines: Vec<ReceivedLine>,
        outcome: ReceptionOutcome,
        inspect_by: Option<Date>,
    },
    InspectionPassed {
        refund: Money,
        compensated_return_costs: Money,
        #[serde(default)]
        confirmed_return_costs: Option<Money>,
        #[serde(default)]
        grant_by: Option<Date>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        inspected: Vec<ReceivedLine>,
    },
    InspectionFailed {
        reasons: Vec<String>,
        photos: Vec<String>,
    },
    SendBackChosen {
        address: String,
    },
    AbandonedToBuyback,
    RefundGranted {
        refund_case: String,
    },
}

fn non_empty(field: &str, value: &str) -> Result<(), Refusal> {
    if value.trim().is_empty() {
        Err(Refusal::invalid(field, "must not be empty"))
    } else {
        Ok(())
    }
}

/// The choices after a failed inspection are the policy's (III.3), not the code's.
fn offered(ctx: &Context<'_>, option: FailedInspectionOption) -> Result<(), Refusal> {
    let inspection = &ctx.version.inspection;
    if inspection.failed_options.contains(&option) {
        Ok(())
    } else {
        Err(Refusal::State(format!(
            "policy {} does not offer this choice after a failed inspection ({})",
            ctx.version.id, inspection.failed_clause
        )))
    }
}

/// Checks lines of counted units, named `field[i]`: each against what it counts (`against`
/// answers the sub-field and why not), each SKU once, no more damaged than received.
fn check_counts(
    field: &str,
    lines: &[ReceivedLine],
    against: impl Fn(&ReceivedLine) -> Result<(), (&'static str, String)>,
) -> Result<(), Refusal> {
    for (i, line) in lines.iter().enumerate() {
        let at = |f: &str| format!("{field}[{i}].{f}");
        against(line).map_err(|(f, message)| Refusal::invalid(at(f), message))?;
        if lines[..i].iter().any(|l| l.sku == line.sku) {
            return Err(Refusal::invalid(at("sku"), "is listed twice"));
        }
        if line.damaged > line.received {
            return Err(Refusal::invalid(
                at("damaged"),
                "cannot be more than the units received",
            ));
        }
    }
    Ok(())
}

fn some_reasons(field: &str, reasons: &[String]) -> Result<(), Refusal> {
    if reasons.iter().all(|r| r.trim().is_empty()) {
        Err(Refusal::invalid(field, "give at least one reason"))
    } else {
        Ok(())
    }
}

impl ReturnCase {
    /// The result a customer may appeal against now (IV), if the case shows one: the review of a
    /// rejected request, a failed inspection.
    pub fn appealable(&self) -> Option<super::appeal::AppealSubject> {
        use super::appeal::AppealSubject;
        match self.state {
            ReturnState::Rejected => Some(AppealSubject::Review),
            ReturnState::InspectionFailed => Some(AppealSubject::Inspection),
            _ => None,
        }
    }

    /// The received lines as the inspection judged them: `inspected` over the reception's.
    pub fn judged(&self, inspected: &[ReceivedLine]) -> Vec<ReceivedLine> {
        self.received
            .iter()
            .map(|r| {
                inspected
                    .iter()
                    .find(|i| i.sku == r.sku)
                    .cloned()
                    .unwrap_or_else(|| r.clone())
            })
            .collect()
    }

    /// An inspection counts the units that were received, line by line: it may judge more or
    /// fewer of them damaged, never receive others.
    pub fn check_inspected(&self, inspected: &[ReceivedLine]) -> Result<(), Refusal> {
        check_counts("inspected", inspected, |line| {
            let Some(received) = self.received.iter().find(|r| r.sku == line.sku) else {
                return Err(("sku", format!("no unit of `{}` was received", line.sku)));
            };
            if line.received != received.received {
                return Err((
                    "received",
                    format!(
                        "{} units of {} were received; the inspection judges those",
                        received.received, line.sku
                    ),
                ));
            }
            Ok(())
        })
    }

    fn require_customer_side(ctx: &Context<'_>, doing: &str) -> Result<(), Refusal> {
        if ctx.actor.has(Role::Customer) || ctx.actor.has(Role::Agent) {
            Ok(())
        } else {
            Err(Refusal::Role(format!(
                "only the customer, or an agent for them, can {doing}"
            )))
        }
    }

    fn check_received(
        &self,
        lines: &[ReceivedLine],
        outcome: ReceptionOutcome,
    ) -> Result<(), Refusal> {
        check_counts("lines", lines, |line| {
            let Some(expected) = self.lines.iter().find(|l| l.sku == line.sku) else {
                return Err(("sku", format!("`{}` is not part of this return", line.sku)));
            };
            if line.received > expected.quantity {
                return Err((
                    "received",
                    format!(
                        "{} is more than the {} units this RMA covers",
                        line.received, expected.quantity
                    ),
                ));
            }
            Ok(())
        })?;
        let total: u64 = lines.iter().map(|l| u64::from(l.received)).sum();
        if outcome == ReceptionOutcome::LostInTransit && total > 0 {
            return Err(Refusal::invalid(
                "outcome",
                "a parcel lost in transit cannot have received units",
            ));
        }
        if outcome != ReceptionOutcome::LostInTransit && total == 0 {
            return Err(Refusal::invalid(
                "lines",
                "count at least one received unit, or record the parcel as lost in transit",
            ));
        }
        Ok(())
    }
}

impl Bounded for ReturnCommand {
    fn bounds(&self) -> Vec<Bound<'_>> {
        match self {
            ReturnCommand::Request {
                description,
                evidence,
                ..
            } => {
                let mut b = vec![Bound::text("description", description, limits::TEXT)];
                b.extend(Bound::texts("evidence", evidence, limits::SHORT));
                b
            }
            ReturnCommand::Approve {
                rma,
                return_address,
                instructions,
            } => vec![
                Bound::text("rma", rma, limits::SHORT),
                Bound::text("return_address", return_address, limits::LINE),
                Bound::text("instructions", instructions, limits::TEXT),
            ],
            ReturnCommand::Reject { reasons } | ReturnCommand::SendToBuyback { reasons } => {
                Bound::texts("reasons", reasons, limits::TEXT)
            }
            ReturnCommand::MarkShipped { tracking_number } => {
                vec![Bound::text(
                    "tracking_number",
                    tracking_number,
                    limits::SHORT,
                )]
            }
            ReturnCommand::FailInspection { reasons, photos } => {
                let mut b = Bound::texts("reasons", reasons, limits::TEXT);
                b.extend(Bound::texts("photos", photos, limits::SHORT));
                b
            }
            ReturnCommand::ChooseSendBack { address } => {
                vec![Bound::text("address", address, limits::LINE)]
            }
            ReturnCommand::Receive { .. }
            | ReturnCommand::PassInspection { .. }
            | ReturnCommand::ChooseBuyback
            | ReturnCommand::RecordRefundGranted { .. } => Vec::new(),
        }
    }
}

impl Machine for ReturnCase {
    type Command = ReturnCommand;
    type Event = ReturnEvent;

    fn decide(
        &self,
        command: &ReturnCommand,
        ctx: &Context<'_>,
    ) -> Result<Vec<ReturnEvent>, Refusal> {
        super::within_bounds(command)?;
        use ReturnState as S;
        let state = self.state.name();
        match command {
            ReturnCommand::Request {
                reason,
                lines,
                description,
                evidence,
                return_costs,
                outcome,
                decision,
            } => {
                if self.state != S::New {
                    return Err(not_allowed("request a return", state, "new"));
                }
                Self::require_customer_side(ctx, "request a return")?;
                if lines.is_empty() {
                    return Err(Refusal::invalid("lines", "choose at least one line"));
                }
                if *outcome != Outcome::ReturnEligible {
                    return Err(Refusal::invalid(
                        "request",
                        format!(
                            "the policy's answer is `{}`, not `return_eligible`; see its reasons",
                            serde_json::to_value(outcome)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        ),
                    ));
                }
                let (review_by, _) = ctx.deadline(&ctx.version.deadlines.return_review);
                Ok(vec![ReturnEvent::Requested {
                    reason: *reason,
                    lines: lines.clone(),
                    description: description.clone(),
                    evidence: evidence.clone(),
                    return_costs: *return_costs,
                    decision: decision.clone(),
                    review_by,
                }])
            }
            ReturnCommand::Approve {
                rma,
                return_address,
                instructions,
            } => {
                if self.state != S::Requested {
                    return Err(not_allowed("approve", state, "requested"));
                }
                ctx.require(Role::Agent, "approve a return")?;
                non_empty("rma", rma)?;
                non_empty("return_address", return_address)?;
                non_empty("instructions", instructions)?;
                Ok(vec![ReturnEvent::Approved {
                    rma: rma.clone(),
                    return_address: return_address.clone(),
                    instructions: instructions.clone(),
                }])
            }
            ReturnCommand::Reject { reasons } => {
                if self.state != S::Requested {
                    return Err(not_allowed("reject", state, "requested"));
                }
                ctx.require(Role::Agent, "reject a return")?;
                some_reasons("reasons", reasons)?;
                Ok(vec![ReturnEvent::Rejected {
                    reasons: reasons.clone(),
                }])
            }
            ReturnCommand::SendToBuyback { reasons } => {
                if self.state != S::Requested {
                    return Err(not_allowed("send to buyback", state, "requested"));
                }
                ctx.require(Role::Agent, "send a return to buyback")?;
                some_reasons("reasons", reasons)?;
                Ok(vec![ReturnEvent::SentToBuyback {
                    reasons: reasons.clone(),
                }])
            }
            ReturnCommand::MarkShipped { tracking_number } => {
                if self.state != S::Approved {
                    return Err(not_allowed("add a tracking number", state, "approved"));
                }
                Self::require_customer_side(ctx, "add the return's tracking number")?;
                non_empty("tracking_number", tracking_number)?;
                Ok(vec![ReturnEvent::Shipped {
                    tracking_number: tracking_number.trim().to_owned(),
                }])
            }
            ReturnCommand::Receive { lines, outcome } => {
                if !matches!(self.state, S::Approved | S::InTransit) {
                    return Err(not_allowed("receive", state, "approved or in transit"));
                }
                ctx.require(Role::Warehouse, "receive a returned parcel")?;
                self.check_received(lines, *outcome)?;
                let inspect_by = if *outcome == ReceptionOutcome::LostInTransit {
                    None
                } else {
                    ctx.deadline(&ctx.version.deadlines.return_inspection).0
                };
                Ok(vec![ReturnEvent::Received {
                    lines: lines.clone(),
                    outcome: *outcome,
                    inspect_by,
                }])
            }
            ReturnCommand::PassInspection {
                refund,
                compensated_return_costs,
                confirmed_return_costs,
                inspected,
            } => {
                if self.state != S::Received {
                    return Err(not_allowed("pass the inspection", state, "received"));
                }
                ctx.require(Role::Warehouse, "inspect a return")?;
                self.check_inspected(inspected)?;
                if confirmed_return_costs.is_negative() {
                    return Err(Refusal::invalid("return_costs", "must not be negative"));
                }
                if refund.is_negative() || compensated_return_costs.is_negative() {
                    return Err(Refusal::invalid("refund", "must not be negative"));
                }
                Ok(vec![ReturnEvent::InspectionPassed {
                    refund: *refund,
                    compensated_return_costs: *compensated_return_costs,
                    confirmed_return_costs: Some(*confirmed_return_costs),
                    grant_by: ctx.deadline(&ctx.version.deadlines.refund_grant).0,
                    inspected: inspected.clone(),
                }])
            }
            ReturnCommand::FailInspection { reasons, photos } => {
                if self.state != S::Received {
                    return Err(not_allowed("fail the inspection", state, "received"));
                }
                ctx.require(Role::Warehouse, "inspect a return")?;
                some_reasons("reasons", reasons)?;
                Ok(vec![ReturnEvent::InspectionFailed {
                    reasons: reasons.clone(),
                    photos: photos.clone(),
                }])
            }
            ReturnCommand::ChooseSendBack { address } => {
                if self.state != S::InspectionFailed {
                    return Err(not_allowed(
                        "ask for the product back",
                        state,
                        "inspection_failed",
                    ));
                }
                Self::require_customer_side(ctx, "choose what happens after a failed inspection")?;
                offered(ctx, FailedInspectionOption::SendBackAtCustomerCost)?;
                non_empty("address", address)?;
                Ok(vec![ReturnEvent::SendBackChosen {
                    address: address.clone(),
                }])
            }
            ReturnCommand::ChooseBuyback => {
                if self.state != S::InspectionFailed {
                    return Err(not_allowed(
                        "abandon the product to buyback",
                        state,
                        "inspection_failed",
                    ));
                }
                Self::require_customer_side(ctx, "choose what happens after a failed inspection")?;
                offered(ctx, FailedInspectionOption::Buyback)?;
                Ok(vec![ReturnEvent::AbandonedToBuyback])
            }
            ReturnCommand::RecordRefundGranted { refund_case } => {
                if self.state != S::InspectionPassed {
                    return Err(not_allowed("record the refund", state, "inspection_passed"));
                }
                if !(ctx.actor.has(Role::Agent) || ctx.actor.has(Role::System)) {
                    return Err(Refusal::Role(
                        "only a service agent can grant a refund".into(),
                    ));
                }
                Ok(vec![ReturnEvent::RefundGranted {
                    refund_case: refund_case.clone(),
                }])
            }
        }
    }

    fn apply(mut self, event: &ReturnEvent) -> Self {
        use ReturnState as S;
        match event {
            ReturnEvent::Requested {
                reason,
                lines,
                description,
                evidence,
                return_costs,
                decision,
                review_by,
            } => {
                self.state = S::Requested;
                self.return_costs = *return_costs;
                self.reason = Some(*reason);
                self.lines = lines.clone();
                self.description = description.clone();
                self.evidence = evidence.clone();
                self.decision = decision.clone();
                self.deadline = *review_by;
            }
            ReturnEvent::Approved {
                rma,
                return_address,
                instructions,
            } => {
                self.state = S::Approved;
                self.rma = Some(rma.clone());
                self.return_address = Some(return_address.clone());
                self.instructions = Some(instructions.clone());
                self.deadline = None;
            }
            ReturnEvent::Rejected { reasons } => {
                self.state = S::Rejected;
                self.reasons = reasons.clone();
                self.deadline = None;
            }
            ReturnEvent::SentToBuyback { reasons } => {
                self.state = S::SentToBuyback;
                self.reasons = reasons.clone();
                self.deadline = None;
            }
            ReturnEvent::Shipped { tracking_number } => {
                self.state = S::InTransit;
                self.tracking_number = Some(tracking_number.clone());
            }
            ReturnEvent::Received {
                lines,
                outcome,
                inspect_by,
            } => {
                self.state = if *outcome == ReceptionOutcome::LostInTransit {
                    S::Lost
                } else {
                    S::Received
                };
                self.received = lines.clone();
                self.reception = Some(*outcome);
                self.deadline = *inspect_by;
            }
            ReturnEvent::InspectionPassed {
                refund,
                compensated_return_costs,
                confirmed_return_costs,
                grant_by,
                inspected,
            } => {
                self.state = S::InspectionPassed;
                // The inspection's judgement of each unit replaces the reception's first look;
                // the reception stays in the history as it was recorded.
                if !inspected.is_empty() {
                    self.received = inspected.clone();
                }
                self.refund = Some(*refund);
                self.compensated_return_costs = Some(*compensated_return_costs);
                self.confirmed_return_costs = *confirmed_return_costs;
                // Money is owed until the refund is granted: the return stays in the queue.
                self.deadline = *grant_by;
            }
            ReturnEvent::RefundGranted { refund_case } => {
                self.state = S::RefundGranted;
                self.refund_case = Some(refund_case.clone());
                self.deadline = None;
            }
            ReturnEvent::InspectionFailed { reasons, photos } => {
                self.state = S::InspectionFailed;
                self.reasons = reasons.clone();
                self.photos = photos.clone();
                self.deadline = None;
            }
            ReturnEvent::SendBackChosen { address } => {
                self.state = S::SentBack;
                self.send_back_address = Some(address.clone());
            }
            ReturnEvent::AbandonedToBuyback => self.state = S::AbandonedToBuyback,
        }
        self
    }

    fn state_name(&self) -> &'static str {
        self.state.name()
    }

    fn deadline(&self) -> Option<Date> {
        self.deadline
    }

    fn is_open(&self) -> bool {
        use ReturnState as S;
        matches!(
            self.state,
            S::New
                | S::Requested
                | S::Approved
                | S::InTransit
                | S::Received
                | S::InspectionPassed
                | S::InspectionFailed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::execute;
    use super::super::limits;
    use super::super::test_support::{actor, ctx};
    use super::*;
    use crate::money::Currency;
    use rstest::rstest;

    const NOW: &str = "2026-03-20T02:00:00Z";

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::parse("USD").unwrap())
    }

    fn request() -> ReturnCommand {
        ReturnCommand::Request {
            reason: ReturnReason::QualityIssue,
            lines: vec![ReturnLine {
                sku: "LK-100".into(),
                quantity: 2,
            }],
            description: "hinge cracked".into(),
            evidence: vec!["ev-1".into()],
            return_costs: Some(usd(4_000)),
            outcome: Outcome::ReturnEligible,
            decision: serde_json::json!({"outcome": "return_eligible"}),
        }
    }

    fn approve() -> ReturnCommand {
        ReturnCommand::Approve {
            rma: "RMA-1".into(),
            return_address: "Warehouse 3, Ningbo".into(),
            instructions: "Mark the RMA on the box; ship tracked and insured.".into(),
        }
    }

    fn receive(received: u32, damaged: u32) -> ReturnCommand {
        ReturnCommand::Receive {
            lines: vec![ReceivedLine {
                sku: "LK-100".into(),
                received,
                damaged,
            }],
            outcome: ReceptionOutcome::AsExpected,
        }
    }

    fn every_command() -> Vec<(&'static str, ReturnCommand, Role)> {
        vec![
            ("request", request(), Role::Customer),
            ("approve", approve(), Role::Agent),
            (
                "reject",
                ReturnCommand::Reject {
                    reasons: vec!["photos show wear".into()],
                },
                Role::Agent,
            ),
            (
                "send_to_buyback",
                ReturnCommand::SendToBuyback {
                    reasons: vec!["used".into()],
                },
                Role::Agent,
            ),
            (
                "mark_shipped",
                ReturnCommand::MarkShipped {
                    tracking_number: "1Z999".into(),
                },
                Role::Customer,
            ),
            ("receive", receive(2, 0), Role::Warehouse),
            (
                "pass",
                ReturnCommand::PassInspection {
                    refund: usd(12_000),
                    compensated_return_costs: usd(0),
                    confirmed_return_costs: usd(0),
                    inspected: vec![],
                },
                Role::Warehouse,
            ),
            (
                "fail",
                ReturnCommand::FailInspection {
                    reasons: vec!["scratched".into()],
                    photos: vec![],
                },
                Role::Warehouse,
            ),
            (
                "send_back",
                ReturnCommand::ChooseSendBack {
                    address: "1 Main St".into(),
                },
                Role::Customer,
            ),
            ("buyback", ReturnCommand::ChooseBuyback, Role::Customer),
            (
                "refund_granted",
                ReturnCommand::RecordRefundGranted {
                    refund_case: "refund-1".into(),
                },
                Role::Agent,
            ),
        ]
    }

    /// A case in `state`, reached through the machine itself.
    fn case_in(state: ReturnState) -> ReturnCase {
        let path: &[&str] = match state {
            ReturnState::New => &[],
            ReturnState::Requested => &["request"],
            ReturnState::Approved => &["request", "approve"],
            ReturnState::Rejected => &["request", "reject"],
            ReturnState::SentToBuyback => &["request", "send_to_buyback"],
            ReturnState::InTransit => &["request", "approve", "mark_shipped"],
            ReturnState::Received => &["request", "approve", "mark_shipped", "receive"],
            ReturnState::InspectionPassed => &["request", "approve", "receive", "pass"],
            ReturnState::RefundGranted => {
                &["request", "approve", "receive", "pass", "refund_granted"]
            }
            ReturnState::InspectionFailed => &["request", "approve", "receive", "fail"],
            ReturnState::SentBack => &["request", "approve", "receive", "fail", "send_back"],
            ReturnState::AbandonedToBuyback => {
                &["request", "approve", "receive", "fail", "buyback"]
            }
            ReturnState::Lost => {
                let mut case = case_in(ReturnState::Approved);
                let a = actor(&[Role::Warehouse]);
                let lost = ReturnCommand::Receive {
                    lines: vec![],
                    outcome: ReceptionOutcome::LostInTransit,
                };
                case = execute(case, &lost, &ctx(&a, NOW)).unwrap().0;
                return case;
            }
        };
        let commands = every_command();
        path.iter().fold(ReturnCase::default(), |case, step| {
            let (_, command, role) = commands.iter().find(|(n, ..)| n == step).unwrap();
            let a = actor(&[*role]);
            execute(case, command, &ctx(&a, NOW)).unwrap().0
        })
    }

    const ALL_STATES: [ReturnState; 13] = [
        ReturnState::New,
        ReturnState::Requested,
        ReturnState::Approved,
        ReturnState::Rejected,
        ReturnState::SentToBuyback,
        ReturnState::InTransit,
        ReturnState::Received,
        ReturnState::InspectionPassed,
        ReturnState::RefundGranted,
        ReturnState::InspectionFailed,
        ReturnState::SentBack,
        ReturnState::AbandonedToBuyback,
        ReturnState::Lost,
    ];

    /// The transition table: for each command, the states it is allowed in and where it leads.
    fn allowed(command: &str, from: ReturnState) -> Option<ReturnState> {
        use ReturnState as S;
        match (command, from) {
            ("request", S::New) => Some(S::Requested),
            ("approve", S::Requested) => Some(S::Approved),
            ("reject", S::Requested) => Some(S::Rejected),
            ("send_to_buyback", S::Requested) => Some(S::SentToBuyback),
            ("mark_shipped", S::Approved) => Some(S::InTransit),
            ("receive", S::Approved | S::InTransit) => Some(S::Received),
            ("pass", S::Received) => Some(S::InspectionPassed),
            ("fail", S::Received) => Some(S::InspectionFailed),
            ("send_back", S::InspectionFailed) => Some(S::SentBack),
            ("buyback", S::InspectionFailed) => Some(S::AbandonedToBuyback),
            ("refund_granted", S::InspectionPassed) => Some(S::RefundGranted),
            _ => None,
        }
    }

    #[test]
    fn every_command_in_every_state_follows_the_transition_table() {
        for state in ALL_STATES {
            for (name, command, role) in every_command() {
                let a = actor(&[role]);
                let case = case_in(state);
                assert_eq!(case.state, state);
                let result = execute(case, &command, &ctx(&a, NOW));
                match (allowed(name, state), result) {
                    (Some(to), Ok((case, events))) => {
                        assert_eq!(case.state, to, "{name} from {state:?}");
                        assert_eq!(events.len(), 1, "one history entry per change");
                    }
                    (None, Err(Refusal::State(msg))) => {
                        assert!(msg.contains(state.name()), "{msg}");
                    }
                    (expected, got) => {
                        panic!("{name} from {state:?}: expected {expected:?}, got {got:?}")
                    }
                }
            }
        }
    }

    #[rstest]
    #[case::customer_cannot_approve("approve", Role::Customer)]
    #[case::warehouse_cannot_approve("approve", Role::Warehouse)]
    #[case::agent_cannot_receive("receive", Role::Agent)]
    #[case::finance_cannot_inspect("pass", Role::Finance)]
    #[case::warehouse_cannot_request("request", Role::Warehouse)]
    #[case::customer_cannot_inspect("fail", Role::Customer)]
    #[case::warehouse_cannot_grant("refund_granted", Role::Warehouse)]
    fn each_step_belongs_to_its_role(#[case] name: &str, #[case] role: Role) {
        let (_, command, _) = every_command()
            .into_iter()
            .find(|(n, ..)| *n == name)
            .unwrap();
        let from = ALL_STATES
            .into_iter()
            .find(|s| allowed(name, *s).is_some())
            .unwrap();
        let a = actor(&[role]);
        assert!(matches!(
            case_in(from).decide(&command, &ctx(&a, NOW)),
            Err(Refusal::Role(_))
        ));
    }

    #[test]
    fn an_admin_can_act_for_any_staff_role() {
        let a = actor(&[Role::Admin]);
        assert!(
            case_in(ReturnState::Requested)
                .decide(&approve(), &ctx(&a, NOW))
                .is_ok()
        );
        assert!(
            case_in(ReturnState::InTransit)
                .decide(&receive(1, 0), &ctx(&a, NOW))
                .is_ok()
        );
    }

    #[test]
    fn only_a_rejection_and_a_failed_inspection_can_be_appealed() {
        use crate::cases::appeal::AppealSubject;
        use ReturnState as S;
        for state in [
            S::New,
            S::Requested,
            S::Approved,
            S::Rejected,
            S::SentToBuyback,
            S::InTransit,
            S::Received,
            S::InspectionPassed,
            S::RefundGranted,
            S::InspectionFailed,
            S::SentBack,
            S::AbandonedToBuyback,
            S::Lost,
        ] {
            let expected = match state {
                S::Rejected => Some(AppealSubject::Review),
                S::InspectionFailed => Some(AppealSubject::Inspection),
                _ => None,
            };
            assert_eq!(case_in(state).appealable(), expected, "{state:?}");
        }
    }

    #[test]
    fn waiting_steps_carry_working_day_deadlines_and_others_none() {
        // Friday 20 March 2026: review by Wednesday 25th; inspection 7 working days: 31 March.
        assert_eq!(
            case_in(ReturnState::Requested).deadline,
            Some(jiff::civil::date(2026, 3, 25))
        );
        assert_eq!(
            case_in(ReturnState::Received).deadline,
            Some(jiff::civil::date(2026, 3, 31))
        );
        // Passed on Friday 20 March: the refund is granted within 2 working days (III.3).
        assert_eq!(
            case_in(ReturnState::InspectionPassed).deadline,
            Some(jiff::civil::date(2026, 3, 24))
        );
        assert!(
            case_in(ReturnState::InspectionPassed).is_open(),
            "money is owed: the return stays in the queue"
        );
        for s in [
            ReturnState::Approved,
            ReturnState::RefundGranted,
            ReturnState::Rejected,
            ReturnState::Lost,
        ] {
            assert_eq!(case_in(s).deadline, None, "{s:?}");
        }
        assert!(!case_in(ReturnState::RefundGranted).is_open());
    }

    #[rstest]
    #[case::more_than_the_rma(3, 0, "lines[0].received")]
    #[case::more_damaged_than_received(1, 2, "lines[0].damaged")]
    #[case::nothing_received(0, 0, "lines")]
    fn the_warehouse_cannot_receive_impossible_quantities(
        #[case] received: u32,
        #[case] damaged: u32,
        #[case] field: &str,
    ) {
        let a = actor(&[Role::Warehouse]);
        let err = case_in(ReturnState::InTransit)
            .decide(&receive(received, damaged), &ctx(&a, NOW))
            .unwrap_err();
        assert!(
            matches!(err, Refusal::Invalid { field: ref f, .. } if f == field),
            "{err:?}"
        );
    }

    #[test]
    fn a_request_the_policy_does_not_allow_is_refused() {
        let a = actor(&[Role::Customer]);
        let ReturnCommand::Request {
            reason,
            lines,
            description,
            evidence,
            decision,
            return_costs,
            ..
        } = request()
        else {
            unreachable!()
        };
        let command = ReturnCommand::Request {
            reason,
            lines,
            description,
            evidence,
            return_costs,
            decision,
            outcome: Outcome::NeedsEvidence,
        };
        let err = ReturnCase::default()
            .decide(&command, &ctx(&a, NOW))
            .unwrap_err();
        assert!(err.to_string().contains("needs_evidence"), "{err}");
    }

    #[test]
    fn the_choices_after_a_failed_inspection_come_from_the_policy() {
        use crate::calendar::Calendar;
        use crate::policy::{Policy, PolicyFile};
        let text = include_str!("../../../../policies/default.toml").replace(
            "failed_options = [\"send_back_at_customer_cost\", \"buyback\"]",
            "failed_options = [\"buyback\"]",
        );
        let file = PolicyFile::parse("buyback-only.toml", &text).unwrap();
        let policy = Policy::new(file, vec![Calendar::weekends_only("cn-mainland")]).unwrap();
        let version = &policy.versions()[0];
        assert_eq!(
            version.inspection.failed_options,
            vec![FailedInspectionOption::Buyback]
        );
        let customer = actor(&[Role::Customer]);
        let ctx = Context {
            actor: &customer,
            now: NOW.parse().unwrap(),
            version,
            calendar: policy.calendar(version).unwrap(),
        };
        let failed = case_in(ReturnState::InspectionFailed);
        let send_back = ReturnCommand::ChooseSendBack {
            address: "1 Main St".into(),
        };
        assert!(
            matches!(failed.decide(&send_back, &ctx), Err(Refusal::State(ref m)) if m.contains("III.3.failed"))
        );
        assert!(failed.decide(&ReturnCommand::ChooseBuyback, &ctx).is_ok());
    }

    #[rstest]
    #[case::finds_one_damaged(2, 1, None)]
    #[case::finds_none_damaged(2, 0, None)]
    #[case::counts_other_units(1, 0, Some("inspected[0].received"))]
    #[case::more_damaged_than_received(2, 3, Some("inspected[0].damaged"))]
    fn the_inspection_judges_each_received_unit_again(
        #[case] received: u32,
        #[case] damaged: u32,
        #[case] refused: Option<&str>,
    ) {
        let a = actor(&[Role::Warehouse]);
        let pass = ReturnCommand::PassInspection {
            refund: usd(12_000),
            compensated_return_costs: usd(0),
            confirmed_return_costs: usd(0),
            inspected: vec![ReceivedLine {
                sku: "LK-100".into(),
                received,
                damaged,
            }],
        };
        match (
            execute(case_in(ReturnState::Received), &pass, &ctx(&a, NOW)),
            refused,
        ) {
            (Ok((case, _)), None) => assert_eq!(case.received[0].damaged, damaged),
            (Err(Refusal::Invalid { field, .. }), Some(expected)) => assert_eq!(field, expected),
            (other, _) => panic!("{other:?}"),
        }
    }

    #[rstest]
    #[case::description(ReturnCommand::Request {
        reason: ReturnReason::QualityIssue,
        lines: vec![ReturnLine { sku: "LK-100".into(), quantity: 1 }],
        description: "x".repeat(limits::TEXT + 1),
        evidence: vec!["ev-1".into()],
        return_costs: None,
        outcome: Outcome::ReturnEligible,
        decision: serde_json::Value::Null,
    }, "description")]
    #[case::too_many_reasons(ReturnCommand::Reject { reasons: vec!["worn".into(); limits::ITEMS + 1] }, "reasons")]
    #[case::one_long_reason(ReturnCommand::Reject { reasons: vec!["ok".into(), "y".repeat(limits::TEXT + 1)] }, "reasons[1]")]
    #[case::tracking_number(ReturnCommand::MarkShipped { tracking_number: "1".repeat(limits::SHORT + 1) }, "tracking_number")]
    #[case::send_back_address(ReturnCommand::ChooseSendBack { address: "a".repeat(limits::LINE + 1) }, "address")]
    fn texts_over_their_bound_are_refused_naming_the_field(
        #[case] command: ReturnCommand,
        #[case] field: &str,
    ) {
        // Judged in any state and for anyone: the bound is checked first.
        let a = actor(&[Role::Agent]);
        let err = ReturnCase::default()
            .decide(&command, &ctx(&a, NOW))
            .unwrap_err();
        assert!(
            matches!(&err, Refusal::Invalid { field: f, .. } if f == field),
            "{err:?}"
        );
    }

    #[test]
    fn a_text_exactly_at_its_bound_in_characters_is_accepted() {
        let at_bound = |text: String| {
            super::super::within_bounds(&ReturnCommand::MarkShipped {
                tracking_number: text,
            })
        };
        // 200 two-byte characters: 400 bytes, still within the bound.
        assert!(at_bound("é".repeat(limits::SHORT)).is_ok());
        assert!(at_bound("é".repeat(limits::SHORT + 1)).is_err());
    }

    #[test]
    fn a_parcel_lost_in_transit_closes_the_case_without_refund() {
        let case = case_in(ReturnState::Lost);
        assert!(!case.is_open());
        assert_eq!(case.refund, None);
    }

    #[test]
    fn events_round_trip_through_json() {
        for state in ALL_STATES {
            let case = case_in(state);
            let json = serde_json::to_string(&case).unwrap();
            assert_eq!(serde_json::from_str::<ReturnCase>(&json).unwrap(), case);
        }
        let event = ReturnEvent::InspectionPassed {
            refund: usd(14_750),
            compensated_return_costs: usd(2_000),
            confirmed_return_costs: Some(usd(4_000)),
            grant_by: None,
            inspected: vec![],
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["type"], "inspection_passed");
        assert_eq!(serde_json::from_value::<ReturnEvent>(json).unwrap(), event);
    }

    /// Who may give each command, as the model sees it.
    fn role_allowed(command: &str, role: Role) -> bool {
        match command {
            "request" | "mark_shipped" | "send_back" | "buyback" => {
                matches!(role, Role::Customer | Role::Agent)
            }
            "approve" | "reject" | "send_to_buyback" | "refund_granted" => role == Role::Agent,
            _ => role == Role::Warehouse,
        }
    }

    fn waits_for_the_shop(state: ReturnState) -> bool {
        matches!(
            state,
            ReturnState::Requested | ReturnState::Received | ReturnState::InspectionPassed
        )
    }

    proptest::proptest! {
        #[test]
        fn random_command_sequences_keep_the_invariants(
            steps in proptest::collection::vec((0usize..11, 0usize..4, 0u32..4, 0u32..4), 0..40)
        ) {
            let roles = [Role::Customer, Role::Agent, Role::Warehouse, Role::Finance];
            let mut case = ReturnCase::default();
            let mut history: Vec<ReturnEvent> = Vec::new();
            for (c, r, received, damaged) in steps {
                let (name, mut command, _) = every_command().swap_remove(c);
                if name == "receive" {
                    command = receive(received, damaged);
                }
                let role = roles[r];
                let a = actor(&[role]);
                let before = case.clone();
                let expected = allowed(name, before.state)
                    .filter(|_| role_allowed(name, role))
                    .filter(|_| name != "receive" || ((1..=2).contains(&received) && damaged <= received));
                match execute(before.clone(), &command, &ctx(&a, NOW)) {
                    Ok((after, events)) => {
                        proptest::prop_assert_eq!(Some(after.state), expected, "{} from {:?} as {:?}", name, before.state, role);
                        proptest::prop_assert_eq!(events.len(), 1, "one history entry per change");
                        history.extend(events);
                        case = after;
                    }
                    Err(_) => {
                        proptest::prop_assert_eq!(expected, None, "{} from {:?} as {:?} was refused", name, before.state, role);
                    }
                }
                // Invariants after every step, whatever happened.
                for line in &case.received {
                    let asked = case.lines.iter().find(|l| l.sku == line.sku).map_or(0, |l| l.quantity);
                    proptest::prop_assert!(line.received <= asked && line.damaged <= line.received);
                }
                proptest::prop_assert_eq!(case.deadline.is_some(), waits_for_the_shop(case.state), "deadline only on waiting steps: {:?}", case.state);
                let rebuilt = history.iter().fold(ReturnCase::default(), |c, e| c.apply(e));
                proptest::prop_assert_eq!(&rebuilt, &case, "the history rebuilds the case");
            }
        }
    }
}
