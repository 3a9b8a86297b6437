//! The return case (RMA): requested → approved with an RMA number | rejected | sent to buyback →
//! in transit → received → inspection passed (refund) or failed (sent back at the customer's cost,
//! or abandoned to buyback). A parcel reported lost on the way back is closed without refund
//! (III.2: the shop is not responsible for returns lost in transit).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Bound, Bounded, Context, Machine, Refusal, Role, limits, not_allowed, only};
use crate::evaluate::Outcome;
use crate::i18n::Said;
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
    pub decision: crate::KeptJson,
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
            decision: crate::KeptJson::null(),
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
        Err(Refusal::invalid(field, "refused-empty"))
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
        Err(Refusal::state(
            Said::new("refused-choice-not-offered")
                .with("version", ctx.version.id.as_str())
                .with("clause", inspection.failed_clause.as_str()),
        ))
    }
}

/// Checks lines of counted units, named `field[i]`: each against what it counts (`against`
/// answers the sub-field and why not), each SKU once, no more damaged than received.
fn check_counts(
    field: &str,
    lines: &[ReceivedLine],
    against: impl Fn(&ReceivedLine) -> Result<(), (&'static str, Said)>,
) -> Result<(), Refusal> {
    for (i, line) in lines.iter().enumerate() {
        let at = |f: &str| format!("{field}[{i}].{f}");
        against(line).map_err(|(f, message)| Refusal::invalid(at(f), message))?;
        if lines[..i].iter().any(|l| l.sku == line.sku) {
            return Err(Refusal::invalid(at("sku"), "refused-listed-twice"));
        }
        if line.damaged > line.received {
            return Err(Refusal::invalid(
                at("damaged"),
                "refused-damaged-over-received",
            ));
        }
    }
    Ok(())
}

fn some_reasons(field: &str, reasons: &[String]) -> Result<(), Refusal> {
    if reasons.iter().all(|r| r.trim().is_empty()) {
        Err(Refusal::invalid(field, "refused-no-reason"))
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
                return Err((
                    "sku",
                    Said::new("refused-sku-not-received").with("sku", line.sku.as_str()),
                ));
            };
            if line.received != received.received {
                return Err((
                    "received",
                    Said::new("refused-inspected-count")
                        .with("received", received.received)
                        .with("sku", line.sku.as_str()),
                ));
            }
            Ok(())
        })
    }

    fn check_received(
        &self,
        lines: &[ReceivedLine],
        outcome: ReceptionOutcome,
    ) -> Result<(), Refusal> {
        check_counts("lines", lines, |line| {
            let Some(expected) = self.lines.iter().find(|l| l.sku == line.sku) else {
                return Err((
                    "sku",
                    Said::new("refused-sku-not-in-return").with("sku", line.sku.as_str()),
                ));
            };
            if line.received > expected.quantity {
                return Err((
                    "received",
                    Said::new("refused-received-over-rma")
                        .with("received", line.received)
                        .with("quantity", expected.quantity),
                ));
            }
            Ok(())
        })?;
        let total: u64 = lines.iter().map(|l| u64::from(l.received)).sum();
        if outcome == ReceptionOutcome::LostInTransit && total > 0 {
            return Err(Refusal::invalid("outcome", "refused-lost-with-units"));
        }
        if outcome != ReceptionOutcome::LostInTransit && total == 0 {
            return Err(Refusal::invalid("lines", "refused-no-units-received"));
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

mod machine;

#[cfg(test)]
mod tests;
