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
                    return Err(not_allowed("verify the payment", state, "placed"));
                }
                staff(ctx, &[Role::Agent, Role::System], "verify payments")?;
                Ok(vec![OrderEvent::PaymentVerified {
                    process_by: ctx.deadline(&ctx.version.deadlines.order_processing).0,
                }])
            }
            OrderCommand::ReportShortage { message } => {
                if !is(&[S::PaymentVerified, S::Assembling]) {
                    return Err(not_allowed(
                        "report a shortage",
                        state,
                        "payment_verified or assembling",
                    ));
                }
                staff(ctx, &[Role::Agent, Role::Warehouse], "report a shortage")?;
                Ok(vec![OrderEvent::ShortageReported {
                    message: text("message", message)?,
                    days_left: self.days_left_now(ctx),
                }])
            }
            OrderCommand::AnswerShortage(answer) => {
                if !is(&[S::AwaitingShortageConsent]) {
                    return Err(not_allowed(
                        "answer the shortage question",
                        state,
                        "awaiting_shortage_consent",
                    ));
                }
                staff(
                    ctx,
                    &[Role::Customer, Role::Agent],
                    "answer for the customer",
                )?;
                Ok(vec![OrderEvent::ShortageAnswered {
                    answer: answer.clone(),
                    process_by: self.processing_resumed(ctx),
                }])
            }
            OrderCommand::StartAssembly => {
                if !is(&[S::PaymentVerified]) {
                    return Err(not_allowed("start assembly", state, "payment_verified"));
                }
                staff(ctx, &[Role::Warehouse, Role::Agent], "start assembly")?;
                Ok(vec![OrderEvent::AssemblyStarted])
            }
            OrderCommand::SubmitAssemblyMedia { media } => {
                if !is(&[S::Assembling]) {
                    return Err(not_allowed(
                        "send photos of the assembled product",
                        state,
                        "assembling",
                    ));
                }
                staff(ctx, &[Role::Warehouse, Role::Agent], "send assembly photos")?;
                if media.is_empty() {
                    return Err(Refusal::invalid(
                        "media",
                        "attach photos or videos of the finished product",
                    ));
                }
                Ok(vec![OrderEvent::AssemblyMediaSubmitted {
                    media: media.clone(),
                    days_left: self.days_left_now(ctx),
                }])
            }
            OrderCommand::ApprovePhotos => {
                if !is(&[S::AwaitingPhotoApproval]) {
                    return Err(not_allowed(
                        "approve the photos",
                        state,
                        "awaiting_photo_approval",
                    ));
                }
                staff(
                    ctx,
                    &[Role::Customer, Role::Agent],
                    "approve for the customer",
                )?;
                Ok(vec![OrderEvent::PhotosApproved {
                    process_by: self.processing_resumed(ctx),
                }])
            }
            OrderCommand::RequestChanges { comment } => {
                if !is(&[S::AwaitingPhotoApproval]) {
                    return Err(not_allowed(
                        "ask for changes",
                        state,
                        "awaiting_photo_approval",
                    ));
                }
                staff(ctx, &[Role::Customer, Role::Agent], "ask for changes")?;
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
                    return Err(not_allowed("pack", state, "photos_approved"));
                }
                ctx.require(Role::Warehouse, "pack an order")?;
                Ok(vec![OrderEvent::Packed])
            }
            OrderCommand::Ship(shipment) => {
                if !is(&[S::Packed]) {
                    return Err(not_allowed("ship", state, "packed"));
                }
                staff(ctx, &[Role::Warehouse, Role::System], "ship")?;
                let shipment = Shipment {
                    carrier: text("carrier", &shipment.carrier)?,
                    tracking_number: text("tracking_number", &shipment.tracking_number)?,
                    tracking_url: text("tracking_url", &shipment.tracking_url)?,
                };
                if !shipment.tracking_url.starts_with("https://")
                    && !shipment.tracking_url.starts_with("http://")
                {
                    return Err(Refusal::invalid(
                        "tracking_url",
                        "must be an http(s) link to the carrier's tracking page",
                    ));
                }
                Ok(vec![OrderEvent::Shipped { shipment }])
            }
            OrderCommand::Sign {
                signed_at,
                damage_noted,
                evidence,
            } => {
                if !is(&[S::Shipped]) {
                    return Err(not_allowed("record the signing", state, "shipped"));
                }
                staff(ctx, &[Role::System, Role::Agent], "record a signing")?;
                if *signed_at > ctx.now {
                    return Err(Refusal::invalid("signed_at", "is in the future"));
                }
                if *damage_noted && evidence.is_empty() {
                    return Err(Refusal::invalid(
                        "evidence",
                        "damage noted at signing needs the carrier's record or photos (I.6)",
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
                        "record a returned parcel",
                        state,
                        "shipped or held_at_customs",
                    ));
                }
                staff(
                    ctx,
                    &[Role::Warehouse, Role::Agent],
                    "record a returned parcel",
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
                    return Err(not_allowed("reship", state, "returned_to_sender"));
                }
                ctx.require(Role::Agent, "reship a returned parcel")?;
                let needed = ctx.version.undeliverable.reship_needs_second_shipping_fee;
                if second_shipping_fee.is_negative() || (needed && second_shipping_fee.is_zero()) {
                    return Err(Refusal::invalid(
                        "second_shipping_fee",
                        format!(
                            "reshipping needs the second international shipping fee the customer paid ({})",
                            ctx.version.undeliverable.clause
                        ),
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
                        "settle the returned parcel",
                        state,
                        "returned_to_sender",
                    ));
                }
                ctx.require(Role::Agent, "settle a returned parcel")?;
                if return_processing_fee.is_negative() {
                    return Err(Refusal::invalid(
                        "return_processing_fee",
                        "must not be negative",
                    ));
                }
                Ok(vec![OrderEvent::ReturnedParcelSettled {
                    return_processing_fee: *return_processing_fee,
                }])
            }
            OrderCommand::HoldAtCustoms { note } => {
                if !is(&[S::Shipped]) {
                    return Err(not_allowed("record a customs hold", state, "shipped"));
                }
                staff(ctx, &[Role::Agent, Role::System], "record a customs hold")?;
                Ok(vec![OrderEvent::HeldAtCustoms {
                    note: text("note", note)?,
                }])
            }
            OrderCommand::ReleaseFromCustoms => {
                if !is(&[S::HeldAtCustoms]) {
                    return Err(not_allowed(
                        "release from customs",
                        state,
                        "held_at_customs",
                    ));
                }
                staff(
                    ctx,
                    &[Role::Agent, Role::System],
                    "record a customs release",
                )?;
                Ok(vec![OrderEvent::ReleasedFromCustoms])
            }
            OrderCommand::DestroyedAtCustoms { note } => {
                if !is(&[S::HeldAtCustoms, S::Shipped]) {
                    return Err(not_allowed(
                        "record destruction by customs",
                        state,
                        "shipped or held_at_customs",
                    ));
                }
                ctx.require(Role::Agent, "record destruction by customs")?;
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
                    return Err(not_allowed("cancel", state, "not yet packed"));
                }
                staff(ctx, &[Role::Agent], "cancel an order")?;
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
