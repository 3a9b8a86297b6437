//! How a return moves: each command judged against the case's state, the actor's roles and the
//! policy, then folded into the case as events.

use super::*;

impl Machine for ReturnCase {
    type Command = ReturnCommand;
    type Event = ReturnEvent;

    fn decide(
        &self,
        command: &ReturnCommand,
        ctx: &Context<'_>,
    ) -> Result<Vec<ReturnEvent>, Refusal> {
        super::super::within_bounds(command)?;
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
                    return Err(not_allowed("doing-request-return", state, &["new"]));
                }
                ctx.require_customer_side("doing-request-return")?;
                if lines.is_empty() {
                    return Err(Refusal::invalid("lines", "refused-no-lines"));
                }
                if *outcome != Outcome::ReturnEligible {
                    return Err(Refusal::invalid(
                        "request",
                        Said::new("refused-not-return-eligible").with(
                            "outcome",
                            serde_json::to_value(outcome)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default(),
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
                    return Err(not_allowed("doing-approve-return", state, &["requested"]));
                }
                ctx.require(Role::Agent, "doing-approve-return")?;
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
                    return Err(not_allowed("doing-reject-return", state, &["requested"]));
                }
                ctx.require(Role::Agent, "doing-reject-return")?;
                some_reasons("reasons", reasons)?;
                Ok(vec![ReturnEvent::Rejected {
                    reasons: reasons.clone(),
                }])
            }
            ReturnCommand::SendToBuyback { reasons } => {
                if self.state != S::Requested {
                    return Err(not_allowed(
                        "doing-send-return-to-buyback",
                        state,
                        &["requested"],
                    ));
                }
                ctx.require(Role::Agent, "doing-send-return-to-buyback")?;
                some_reasons("reasons", reasons)?;
                Ok(vec![ReturnEvent::SentToBuyback {
                    reasons: reasons.clone(),
                }])
            }
            ReturnCommand::MarkShipped { tracking_number } => {
                if self.state != S::Approved {
                    return Err(not_allowed(
                        "doing-add-return-tracking",
                        state,
                        &["approved"],
                    ));
                }
                ctx.require_customer_side("doing-add-return-tracking")?;
                non_empty("tracking_number", tracking_number)?;
                Ok(vec![ReturnEvent::Shipped {
                    tracking_number: tracking_number.trim().to_owned(),
                }])
            }
            ReturnCommand::Receive { lines, outcome } => {
                if !matches!(self.state, S::Approved | S::InTransit) {
                    return Err(not_allowed(
                        "doing-receive-return",
                        state,
                        &["approved", "in_transit"],
                    ));
                }
                ctx.require(Role::Warehouse, "doing-receive-return")?;
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
                    return Err(not_allowed("doing-pass-inspection", state, &["received"]));
                }
                ctx.require(Role::Warehouse, "doing-inspect-return")?;
                self.check_inspected(inspected)?;
                if confirmed_return_costs.is_negative() {
                    return Err(Refusal::invalid("return_costs", "refused-negative"));
                }
                if refund.is_negative() || compensated_return_costs.is_negative() {
                    return Err(Refusal::invalid("refund", "refused-negative"));
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
                    return Err(not_allowed("doing-fail-inspection", state, &["received"]));
                }
                ctx.require(Role::Warehouse, "doing-inspect-return")?;
                some_reasons("reasons", reasons)?;
                Ok(vec![ReturnEvent::InspectionFailed {
                    reasons: reasons.clone(),
                    photos: photos.clone(),
                }])
            }
            ReturnCommand::ChooseSendBack { address } => {
                if self.state != S::InspectionFailed {
                    return Err(not_allowed(
                        "doing-ask-product-back",
                        state,
                        &["inspection_failed"],
                    ));
                }
                ctx.require_customer_side("doing-choose-after-failed-inspection")?;
                offered(ctx, FailedInspectionOption::SendBackAtCustomerCost)?;
                non_empty("address", address)?;
                Ok(vec![ReturnEvent::SendBackChosen {
                    address: address.clone(),
                }])
            }
            ReturnCommand::ChooseBuyback => {
                if self.state != S::InspectionFailed {
                    return Err(not_allowed(
                        "doing-abandon-to-buyback",
                        state,
                        &["inspection_failed"],
                    ));
                }
                ctx.require_customer_side("doing-choose-after-failed-inspection")?;
                offered(ctx, FailedInspectionOption::Buyback)?;
                Ok(vec![ReturnEvent::AbandonedToBuyback])
            }
            ReturnCommand::RecordRefundGranted { refund_case } => {
                if self.state != S::InspectionPassed {
                    return Err(not_allowed(
                        "doing-record-refund",
                        state,
                        &["inspection_passed"],
                    ));
                }
                if !(ctx.actor.has(Role::Agent) || ctx.actor.has(Role::System)) {
                    return Err(only(Role::Agent.id(), "doing-grant-refund"));
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
                self.decision = crate::KeptJson::from(decision);
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

    fn tracking_number(&self) -> Option<&str> {
        self.tracking_number.as_deref()
    }
}
