//! How an order's fulfilment moves: each command judged against the case's state and the actor's
//! roles, then folded into the case as events.

use super::*;

impl Machine for OrderCase {
    type Command = OrderCommand;
    type Event = OrderEvent;

    fn decide(
        &self,
        command: &OrderCommand,
        ctx: &Context<'_>,
    ) -> Result<Vec<OrderEvent>, Refusal> {
        super::super::within_bounds(command)?;
        use OrderState as S;
        let state = self.state.name();
        let is = |allowed: &[S]| allowed.contains(&self.state);
        match command {
            OrderCommand::VerifyPayment => {
                if !is(&[S::Placed]) {
                    return Err(not_allowed("doing-verify-payment", state, &["placed"]));
                }
                staff(ctx, &[Role::Agent, Role::System], "doing-verify-payment")?;
                Ok(vec![OrderEvent::PaymentVerified {
                    process_by: ctx.deadline(&ctx.version.deadlines.order_processing).0,
                }])
            }
            OrderCommand::ReportShortage { message } => {
                if !is(&[S::PaymentVerified, S::Assembling]) {
                    return Err(not_allowed(
                        "doing-report-shortage",
                        state,
                        &["payment_verified", "assembling"],
                    ));
                }
                staff(
                    ctx,
                    &[Role::Agent, Role::Warehouse],
                    "doing-report-shortage",
                )?;
                Ok(vec![OrderEvent::ShortageReported {
                    message: text("message", message)?,
                    days_left: self.days_left_now(ctx),
                }])
            }
            OrderCommand::AnswerShortage(answer) => {
                if !is(&[S::AwaitingShortageConsent]) {
                    return Err(not_allowed(
                        "doing-answer-shortage",
                        state,
                        &["awaiting_shortage_consent"],
                    ));
                }
                staff(ctx, &[Role::Customer, Role::Agent], "doing-answer-shortage")?;
                Ok(vec![OrderEvent::ShortageAnswered {
                    answer: answer.clone(),
                    process_by: self.processing_resumed(ctx),
                }])
            }
            OrderCommand::StartAssembly => {
                if !is(&[S::PaymentVerified]) {
                    return Err(not_allowed(
                        "doing-start-assembly",
                        state,
                        &["payment_verified"],
                    ));
                }
                staff(ctx, &[Role::Warehouse, Role::Agent], "doing-start-assembly")?;
                Ok(vec![OrderEvent::AssemblyStarted])
            }
            OrderCommand::SubmitAssemblyMedia { media } => {
                if !is(&[S::Assembling]) {
                    return Err(not_allowed(
                        "doing-send-assembly-photos",
                        state,
                        &["assembling"],
                    ));
                }
                staff(
                    ctx,
                    &[Role::Warehouse, Role::Agent],
                    "doing-send-assembly-photos",
                )?;
                if media.is_empty() {
                    return Err(Refusal::invalid("media", "refused-assembly-photos-missing"));
                }
                Ok(vec![OrderEvent::AssemblyMediaSubmitted {
                    media: media.clone(),
                    days_left: self.days_left_now(ctx),
                }])
            }
            OrderCommand::ApprovePhotos => {
                if !is(&[S::AwaitingPhotoApproval]) {
                    return Err(not_allowed(
                        "doing-approve-photos",
                        state,
                        &["awaiting_photo_approval"],
                    ));
                }
                staff(ctx, &[Role::Customer, Role::Agent], "doing-approve-photos")?;
                Ok(vec![OrderEvent::PhotosApproved {
                    process_by: self.processing_resumed(ctx),
                }])
            }
            OrderCommand::RequestChanges { comment } => {
                if !is(&[S::AwaitingPhotoApproval]) {
                    return Err(not_allowed(
                        "doing-ask-for-changes",
                        state,
                        &["awaiting_photo_approval"],
                    ));
                }
                staff(ctx, &[Role::Customer, Role::Agent], "doing-ask-for-changes")?;
                Ok(vec![OrderEvent::ChangesRequested {
                    comment: text("comment", comment)?,
                    process_by: self.processing_resumed(ctx),
                }])
            }
            OrderCommand::Pack => {
                let approval_needed = ctx.version.order.assembly_approval_required;
                let ready: &[S] = if approval_needed {
                    &[S::PhotosApproved]
                } else {
                    &[S::Assembling, S::PhotosApproved]
                };
                if !is(ready) {
                    return Err(not_allowed("doing-pack", state, &["photos_approved"]));
                }
                ctx.require(Role::Warehouse, "doing-pack")?;
                Ok(vec![OrderEvent::Packed])
            }
            OrderCommand::Ship(shipment) => {
                if !is(&[S::Packed]) {
                    return Err(not_allowed("doing-ship", state, &["packed"]));
                }
                staff(ctx, &[Role::Warehouse, Role::System], "doing-ship")?;
                let shipment = Shipment {
                    carrier: text("carrier", &shipment.carrier)?,
                    tracking_number: text("tracking_number", &shipment.tracking_number)?,
                    tracking_url: text("tracking_url", &shipment.tracking_url)?,
                };
                if !shipment.tracking_url.starts_with("https://")
                    && !shipment.tracking_url.starts_with("http://")
                {
                    return Err(Refusal::invalid("tracking_url", "refused-tracking-url"));
                }
                Ok(vec![OrderEvent::Shipped { shipment }])
            }
            OrderCommand::Sign {
                signed_at,
                damage_noted,
                evidence,
            } => {
                if !is(&[S::Shipped]) {
                    return Err(not_allowed("doing-record-signing", state, &["shipped"]));
                }
                staff(ctx, &[Role::System, Role::Agent], "doing-record-signing")?;
                if *signed_at > ctx.now {
                    return Err(Refusal::invalid("signed_at", "refused-in-future"));
                }
                if *damage_noted && evidence.is_empty() {
                    return Err(Refusal::invalid(
                        "evidence",
                        "refused-damage-needs-evidence",
                    ));
                }
                Ok(vec![OrderEvent::Signed {
                    signed_at: *signed_at,
                    damage_noted: *damage_noted,
                    evidence: evidence.clone(),
                }])
            }
            OrderCommand::ReturnedToSender { reason } => {
                if !is(&[S::Shipped, S::HeldAtCustoms]) {
                    return Err(not_allowed(
                        "doing-record-returned-parcel",
                        state,
                        &["shipped", "held_at_customs"],
                    ));
                }
                staff(
                    ctx,
                    &[Role::Warehouse, Role::Agent],
                    "doing-record-returned-parcel",
                )?;
                Ok(vec![OrderEvent::ReturnedToSender {
                    reason: *reason,
                    returned_at: ctx.now,
                    contact_by: ctx
                        .deadline(&ctx.version.deadlines.returned_parcel_contact)
                        .0,
                }])
            }
            OrderCommand::Reship {
                second_shipping_fee,
            } => {
                if !is(&[S::ReturnedToSender]) {
                    return Err(not_allowed("doing-reship", state, &["returned_to_sender"]));
                }
                ctx.require(Role::Agent, "doing-reship")?;
                let needed = ctx.version.undeliverable.reship_needs_second_shipping_fee;
                if second_shipping_fee.is_negative() || (needed && second_shipping_fee.is_zero()) {
                    return Err(Refusal::invalid(
                        "second_shipping_fee",
                        Said::new("refused-reship-needs-fee")
                            .with("clause", ctx.version.undeliverable.clause.as_str()),
                    ));
                }
                Ok(vec![OrderEvent::Reshipped {
                    second_shipping_fee: Some(*second_shipping_fee),
                }])
            }
            OrderCommand::SettleReturnedParcel {
                return_processing_fee,
            } => {
                if !is(&[S::ReturnedToSender]) {
                    return Err(not_allowed(
                        "doing-settle-returned-parcel",
                        state,
                        &["returned_to_sender"],
                    ));
                }
                ctx.require(Role::Agent, "doing-settle-returned-parcel")?;
                if return_processing_fee.is_negative() {
                    return Err(Refusal::invalid(
                        "return_processing_fee",
                        "refused-negative",
                    ));
                }
                Ok(vec![OrderEvent::ReturnedParcelSettled {
                    return_processing_fee: *return_processing_fee,
                }])
            }
            OrderCommand::HoldAtCustoms { note } => {
                if !is(&[S::Shipped]) {
                    return Err(not_allowed(
                        "doing-record-customs-hold",
                        state,
                        &["shipped"],
                    ));
                }
                staff(
                    ctx,
                    &[Role::Agent, Role::System],
                    "doing-record-customs-hold",
                )?;
                Ok(vec![OrderEvent::HeldAtCustoms {
                    note: text("note", note)?,
                }])
            }
            OrderCommand::ReleaseFromCustoms => {
                if !is(&[S::HeldAtCustoms]) {
                    return Err(not_allowed(
                        "doing-release-from-customs",
                        state,
                        &["held_at_customs"],
                    ));
                }
                staff(
                    ctx,
                    &[Role::Agent, Role::System],
                    "doing-release-from-customs",
                )?;
                Ok(vec![OrderEvent::ReleasedFromCustoms])
            }
            OrderCommand::DestroyedAtCustoms { note } => {
                if !is(&[S::HeldAtCustoms, S::Shipped]) {
                    return Err(not_allowed(
                        "doing-record-customs-destruction",
                        state,
                        &["shipped", "held_at_customs"],
                    ));
                }
                ctx.require(Role::Agent, "doing-record-customs-destruction")?;
                Ok(vec![OrderEvent::DestroyedAtCustoms {
                    note: text("note", note)?,
                }])
            }
            OrderCommand::Cancel { reason } => {
                if !is(&[
                    S::Placed,
                    S::PaymentVerified,
                    S::AwaitingShortageConsent,
                    S::Assembling,
                    S::AwaitingPhotoApproval,
                ]) {
                    return Err(not_allowed(
                        "doing-cancel-order",
                        state,
                        &[
                            "placed",
                            "payment_verified",
                            "awaiting_shortage_consent",
                            "assembling",
                            "awaiting_photo_approval",
                        ],
                    ));
                }
                staff(ctx, &[Role::Agent], "doing-cancel-order")?;
                Ok(vec![OrderEvent::Cancelled {
                    reason: text("reason", reason)?,
                }])
            }
        }
    }

    fn apply(mut self, event: &OrderEvent) -> Self {
        use OrderState as S;
        match event {
            OrderEvent::PaymentVerified { process_by } => {
                self.state = S::PaymentVerified;
                self.deadline = *process_by;
            }
            OrderEvent::ShortageReported { message, days_left } => {
                self.state = S::AwaitingShortageConsent;
                self.shortage = Some(message.clone());
                self.pause(*days_left);
            }
            OrderEvent::ShortageAnswered { answer, process_by } => {
                self.state = S::Assembling;
                self.shortage_answer = Some(answer.clone());
                self.resume(*process_by);
            }
            OrderEvent::AssemblyStarted => self.state = S::Assembling,
            OrderEvent::AssemblyMediaSubmitted { media, days_left } => {
                self.state = S::AwaitingPhotoApproval;
                self.assembly_media = media.clone();
                self.pause(*days_left);
            }
            OrderEvent::PhotosApproved { process_by } => {
                self.state = S::PhotosApproved;
                self.resume(*process_by);
            }
            OrderEvent::ChangesRequested {
                comment,
                process_by,
            } => {
                self.state = S::Assembling;
                self.change_requests.push(comment.clone());
                self.resume(*process_by);
            }
            OrderEvent::Packed => self.state = S::Packed,
            OrderEvent::Shipped { shipment } => {
                self.state = S::Shipped;
                self.shipments.push(shipment.clone());
                self.deadline = None;
            }
            OrderEvent::Signed {
                signed_at,
                damage_noted,
                evidence,
            } => {
                self.state = S::Signed;
                self.signed_at = Some(*signed_at);
                self.damage_noted_at_signing = *damage_noted;
                self.damage_evidence = evidence.clone();
                self.deadline = None;
            }
            OrderEvent::ReturnedToSender {
                reason,
                returned_at,
                contact_by,
            } => {
                self.state = S::ReturnedToSender;
                self.returned = Some(*reason);
                self.returned_at = Some(*returned_at);
                self.deadline = *contact_by;
            }
            OrderEvent::Reshipped {
                second_shipping_fee,
            } => {
                self.state = S::Packed;
                self.deadline = None;
                self.reship_fees.extend(*second_shipping_fee);
            }
            OrderEvent::ReturnedParcelSettled {
                return_processing_fee,
            } => {
                self.state = S::ReturnSettled;
                self.return_processing_fee = Some(*return_processing_fee);
                self.deadline = None;
            }
            OrderEvent::HeldAtCustoms { .. } => self.state = S::HeldAtCustoms,
            OrderEvent::ReleasedFromCustoms => self.state = S::Shipped,
            OrderEvent::DestroyedAtCustoms { .. } => {
                self.state = S::DestroyedAtCustoms;
                self.deadline = None;
            }
            OrderEvent::Cancelled { reason } => {
                self.state = S::Cancelled;
                self.cancelled_because = Some(reason.clone());
                self.deadline = None;
            }
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
        !matches!(
            self.state,
            OrderState::Signed
                | OrderState::Cancelled
                | OrderState::ReturnSettled
                | OrderState::DestroyedAtCustoms
        )
    }

    fn tracking_number(&self) -> Option<&str> {
        self.shipments.last().map(|s| s.tracking_number.as_str())
    }
}
