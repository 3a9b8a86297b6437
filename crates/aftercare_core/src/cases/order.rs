//! The order (section I): placed → payment verified → (accessory shortage: the customer consents
//! to wait, substitute or drop the line) → assembling → the customer approves photos or videos of
//! the assembled product (or asks for changes) → packed → shipped → signed, with damage noted at
//! signing or not. Side paths: cancelled; returned to sender for the buyer's reasons (contact
//! within the policy's working days, then reship for a second fee or refund after deductions);
//! held or destroyed at customs for the buyer's reasons.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Bound, Bounded, Context, Machine, Refusal, Role, limits, not_allowed};
use crate::money::Money;

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    Placed,
    PaymentVerified,
    AwaitingShortageConsent,
    Assembling,
    AwaitingPhotoApproval,
    PhotosApproved,
    Packed,
    Shipped,
    Signed,
    Cancelled,
    ReturnedToSender,
    ReturnSettled,
    HeldAtCustoms,
    DestroyedAtCustoms,
}

impl OrderState {
    /// The name stored and shown.
    pub fn name(self) -> &'static str {
        match self {
            OrderState::Placed => "placed",
            OrderState::PaymentVerified => "payment_verified",
            OrderState::AwaitingShortageConsent => "awaiting_shortage_consent",
            OrderState::Assembling => "assembling",
            OrderState::AwaitingPhotoApproval => "awaiting_photo_approval",
            OrderState::PhotosApproved => "photos_approved",
            OrderState::Packed => "packed",
            OrderState::Shipped => "shipped",
            OrderState::Signed => "signed",
            OrderState::Cancelled => "cancelled",
            OrderState::ReturnedToSender => "returned_to_sender",
            OrderState::ReturnSettled => "return_settled",
            OrderState::HeldAtCustoms => "held_at_customs",
            OrderState::DestroyedAtCustoms => "destroyed_at_customs",
        }
    }
}

/// The customer's answer to an accessory shortage (I.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "choice", rename_all = "snake_case")]
pub enum ShortageAnswer {
    Wait,
    Substitute,
    DropLine { sku: String },
}

/// Why a parcel came back (III.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnedReason {
    WrongAddress,
    Unreachable,
    Refused,
}

/// A shipment with its carrier and tracking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Shipment {
    pub carrier: String,
    pub tracking_number: String,
    pub tracking_url: String,
}

/// An order's fulfilment as its events made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderCase {
    pub state: OrderState,
    pub shortage: Option<String>,
    pub shortage_answer: Option<ShortageAnswer>,
    pub assembly_media: Vec<String>,
    pub change_requests: Vec<String>,
    pub shipments: Vec<Shipment>,
    pub signed_at: Option<Timestamp>,
    pub damage_noted_at_signing: bool,
    pub damage_evidence: Vec<String>,
    pub returned: Option<ReturnedReason>,
    /// When the returned parcel reached the shop: its contact deadline and refund count from it.
    pub returned_at: Option<Timestamp>,
    /// The return processing fee deducted when the parcel is not reshipped (III.5).
    pub return_processing_fee: Option<Money>,
    pub cancelled_because: Option<String>,
    pub deadline: Option<Date>,
    /// Working days of the processing time left when the shop began waiting for the customer
    /// (a shortage answer, the photo approval): the clock stops while the customer decides and
    /// runs on with what was left once they answer.
    #[serde(default)]
    pub processing_days_left: Option<u32>,
    /// The second international shipping fee of each reship (III.5).
    #[serde(default)]
    pub reship_fees: Vec<Money>,
}

impl Default for OrderCase {
    fn default() -> Self {
        OrderCase {
            state: OrderState::Placed,
            shortage: None,
            shortage_answer: None,
            assembly_media: Vec::new(),
            change_requests: Vec::new(),
            shipments: Vec::new(),
            signed_at: None,
            damage_noted_at_signing: false,
            damage_evidence: Vec::new(),
            returned: None,
            returned_at: None,
            return_processing_fee: None,
            cancelled_because: None,
            deadline: None,
            processing_days_left: None,
            reship_fees: Vec::new(),
        }
    }
}

/// What someone asks of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderCommand {
    VerifyPayment,
    ReportShortage {
        message: String,
    },
    AnswerShortage(ShortageAnswer),
    StartAssembly,
    SubmitAssemblyMedia {
        media: Vec<String>,
    },
    ApprovePhotos,
    RequestChanges {
        comment: String,
    },
    Pack,
    Ship(Shipment),
    Sign {
        signed_at: Timestamp,
        damage_noted: bool,
        evidence: Vec<String>,
    },
    ReturnedToSender {
        reason: ReturnedReason,
    },
    Reship {
        /// The second international shipping fee the customer paid (III.5).
        second_shipping_fee: Money,
    },
    /// Not reshipped: the order is refunded after deductions (see the evaluator's undeliverable rule).
    SettleReturnedParcel {
        return_processing_fee: Money,
    },
    HoldAtCustoms {
        note: String,
    },
    ReleaseFromCustoms,
    DestroyedAtCustoms {
        note: String,
    },
    Cancel {
        reason: String,
    },
}

/// What happened to an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OrderEvent {
    PaymentVerified {
        process_by: Option<Date>,
    },
    ShortageReported {
        message: String,
        /// Working days of processing time left, kept while the customer decides.
        #[serde(default)]
        days_left: Option<u32>,
    },
    ShortageAnswered {
        answer: ShortageAnswer,
        /// The processing deadline again, counted on from the answer.
        #[serde(default)]
        process_by: Option<Date>,
    },
    AssemblyStarted,
    AssemblyMediaSubmitted {
        media: Vec<String>,
        #[serde(default)]
        days_left: Option<u32>,
    },
    PhotosApproved {
        #[serde(default)]
        process_by: Option<Date>,
    },
    ChangesRequested {
        comment: String,
        #[serde(default)]
        process_by: Option<Date>,
    },
    Packed,
    Shipped {
        shipment: Shipment,
    },
    Signed {
        signed_at: Timestamp,
        damage_noted: bool,
        evidence: Vec<String>,
    },
    ReturnedToSender {
        reason: ReturnedReason,
        returned_at: Timestamp,
        contact_by: Option<Date>,
    },
    Reshipped {
        #[serde(default)]
        second_shipping_fee: Option<Money>,
    },
    ReturnedParcelSettled {
        return_processing_fee: Money,
    },
    HeldAtCustoms {
        note: String,
    },
    ReleasedFromCustoms,
    DestroyedAtCustoms {
        note: String,
    },
    Cancelled {
        reason: String,
    },
}

fn staff(ctx: &Context<'_>, roles: &[Role], doing: &str) -> Result<(), Refusal> {
    if roles.iter().any(|r| ctx.actor.has(*r)) {
        Ok(())
    } else {
        Err(Refusal::Role(format!(
            "your roles do not allow you to {doing}"
        )))
    }
}

fn text(field: &str, value: &str) -> Result<String, Refusal> {
    let v = value.trim();
    if v.is_empty() {
        Err(Refusal::invalid(field, "must not be empty"))
    } else {
        Ok(v.to_owned())
    }
}

impl Bounded for OrderCommand {
    fn bounds(&self) -> Vec<Bound<'_>> {
        match self {
            OrderCommand::ReportShortage { message } => {
                vec![Bound::text("message", message, limits::TEXT)]
            }
            OrderCommand::AnswerShortage(ShortageAnswer::DropLine { sku }) => {
                vec![Bound::text("sku", sku, limits::SHORT)]
            }
            OrderCommand::SubmitAssemblyMedia { media } => {
                Bound::texts("media", media, limits::SHORT)
            }
            OrderCommand::RequestChanges { comment } => {
                vec![Bound::text("comment", comment, limits::TEXT)]
            }
            OrderCommand::Ship(shipment) => vec![
                Bound::text("carrier", &shipment.carrier, limits::SHORT),
                Bound::text("tracking_number", &shipment.tracking_number, limits::SHORT),
                Bound::text("tracking_url", &shipment.tracking_url, limits::LINE),
            ],
            OrderCommand::Sign { evidence, .. } => {
                Bound::texts("evidence", evidence, limits::SHORT)
            }
            OrderCommand::HoldAtCustoms { note } | OrderCommand::DestroyedAtCustoms { note } => {
                vec![Bound::text("note", note, limits::TEXT)]
            }
            OrderCommand::Cancel { reason } => vec![Bound::text("reason", reason, limits::TEXT)],
            OrderCommand::VerifyPayment
            | OrderCommand::AnswerShortage(_)
            | OrderCommand::StartAssembly
            | OrderCommand::ApprovePhotos
            | OrderCommand::Pack
            | OrderCommand::ReturnedToSender { .. }
            | OrderCommand::Reship { .. }
            | OrderCommand::SettleReturnedParcel { .. }
            | OrderCommand::ReleaseFromCustoms => Vec::new(),
        }
    }
}

impl OrderCase {
    /// The working days of processing time left today, when a processing deadline runs.
    fn days_left_now(&self, ctx: &Context<'_>) -> Option<u32> {
        self.deadline
            .map(|due| ctx.calendar.working_days_between(ctx.today(), due))
    }

    /// The processing deadline once the customer has answered: what was left when the shop
    /// began waiting (or, for a case paused before that was kept, what is left now), from today.
    fn processing_resumed(&self, ctx: &Context<'_>) -> Option<Date> {
        let left = self
            .processing_days_left
            .or_else(|| self.days_left_now(ctx))?;
        ctx.calendar
            .add_working_days(ctx.today(), left)
            .ok()
            .map(|c| c.value)
    }

    /// The shop waits for the customer: no deadline of the shop's runs meanwhile.
    fn pause(&mut self, days_left: Option<u32>) {
        if days_left.is_some() {
            self.processing_days_left = days_left;
        }
        self.deadline = None;
    }

    fn resume(&mut self, process_by: Option<Date>) {
        if process_by.is_some() {
            self.deadline = process_by;
        }
        self.processing_days_left = None;
    }
}

impl Machine for OrderCase {
    type Command = OrderCommand;
    type Event = OrderEvent;

    fn decide(
        &self,
        command: &OrderCommand,
        ctx: &Context<'_>,
    ) -> Result<Vec<OrderEvent>, Refusal> {
        super::within_bounds(command)?;
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
}

#[cfg(test)]
mod tests {
    use super::super::execute;
    use super::super::test_support::{actor, ctx};
    use super::*;

    const NOW: &str = "2026-03-02T02:00:00Z";

    fn fee() -> Money {
        Money::from_minor(2_000, crate::money::Currency::parse("USD").unwrap())
    }

    fn step(case: OrderCase, command: OrderCommand, role: Role) -> Result<OrderCase, Refusal> {
        let a = actor(&[role]);
        execute(case, &command, &ctx(&a, NOW)).map(|(c, _)| c)
    }

    fn ship() -> OrderCommand {
        OrderCommand::Ship(Shipment {
            carrier: "DHL".into(),
            tracking_number: "JD0146".into(),
            tracking_url: "https://www.dhl.com/track?id=JD0146".into(),
        })
    }

    fn shipped() -> OrderCase {
        let mut c = OrderCase::default();
        for (command, role) in [
            (OrderCommand::VerifyPayment, Role::System),
            (OrderCommand::StartAssembly, Role::Warehouse),
            (
                OrderCommand::SubmitAssemblyMedia {
                    media: vec!["lock.mp4".into()],
                },
                Role::Warehouse,
            ),
            (OrderCommand::ApprovePhotos, Role::Customer),
            (OrderCommand::Pack, Role::Warehouse),
            (ship(), Role::Warehouse),
        ] {
            c = step(c, command, role).unwrap();
        }
        c
    }

    #[test]
    fn an_order_goes_from_payment_to_signing_with_the_customers_approval() {
        let c = step(
            OrderCase::default(),
            OrderCommand::VerifyPayment,
            Role::System,
        )
        .unwrap();
        assert_eq!(
            c.deadline,
            Some(jiff::civil::date(2026, 3, 5)),
            "processed within 3 working days"
        );
        let c = shipped();
        assert_eq!(c.shipments[0].carrier, "DHL");
        let c = step(
            c,
            OrderCommand::Sign {
                signed_at: "2026-03-01T10:00:00Z".parse().unwrap(),
                damage_noted: false,
                evidence: vec![],
            },
            Role::System,
        )
        .unwrap();
        assert_eq!((c.state, c.is_open()), (OrderState::Signed, false));
    }

    #[test]
    fn packing_waits_for_the_photo_approval_and_changes_go_back_to_assembly() {
        let mut c = OrderCase::default();
        for (command, role) in [
            (OrderCommand::VerifyPayment, Role::System),
            (OrderCommand::StartAssembly, Role::Warehouse),
            (
                OrderCommand::SubmitAssemblyMedia {
                    media: vec!["a.jpg".into()],
                },
                Role::Warehouse,
            ),
        ] {
            c = step(c, command, role).unwrap();
        }
        assert!(matches!(
            step(c.clone(), OrderCommand::Pack, Role::Warehouse),
            Err(Refusal::State(_))
        ));
        let c = step(
            c,
            OrderCommand::RequestChanges {
                comment: "Brass finish please".into(),
            },
            Role::Customer,
        )
        .unwrap();
        assert_eq!(
            (c.state, c.change_requests.len()),
            (OrderState::Assembling, 1)
        );
    }

    #[test]
    fn the_processing_time_stops_while_the_customer_decides_and_runs_on_with_what_was_left() {
        let a = |roles: &[Role]| actor(roles);
        let at = |c: OrderCase, command: OrderCommand, role: Role, now: &str| {
            execute(c, &command, &ctx(&a(&[role]), now))
                .map(|(c, _)| c)
                .unwrap()
        };
        // Payment verified Mon 2 March 2026: 3 working days, due Thu 5 March.
        let c = at(
            OrderCase::default(),
            OrderCommand::VerifyPayment,
            Role::System,
            "2026-03-02T02:00:00Z",
        );
        assert_eq!(c.deadline, Some(jiff::civil::date(2026, 3, 5)));
        // Tue 3 March: a shortage; 2 working days are left, and no deadline runs meanwhile.
        let c = at(
            c,
            OrderCommand::ReportShortage {
                message: "Key blank out of stock".into(),
            },
            Role::Agent,
            "2026-03-03T02:00:00Z",
        );
        assert_eq!((c.deadline, c.processing_days_left), (None, Some(2)));
        // The customer answers on Mon 9 March: the 2 days run from there, to Wed 11 March.
        let c = at(
            c,
            OrderCommand::AnswerShortage(ShortageAnswer::Wait),
            Role::Customer,
            "2026-03-09T02:00:00Z",
        );
        assert_eq!(c.deadline, Some(jiff::civil::date(2026, 3, 11)));
        // Photos sent Tue 10 March (1 day left); approved Fri 13 March: due Mon 16 March.
        let c = at(
            c,
            OrderCommand::SubmitAssemblyMedia {
                media: vec!["a.jpg".into()],
            },
            Role::Warehouse,
            "2026-03-10T02:00:00Z",
        );
        assert_eq!((c.deadline, c.processing_days_left), (None, Some(1)));
        let changes = at(
            c.clone(),
            OrderCommand::RequestChanges {
                comment: "Brass".into(),
            },
            Role::Customer,
            "2026-03-13T02:00:00Z",
        );
        assert_eq!(changes.deadline, Some(jiff::civil::date(2026, 3, 16)));
        let c = at(
            c,
            OrderCommand::ApprovePhotos,
            Role::Customer,
            "2026-03-13T02:00:00Z",
        );
        assert_eq!(
            (c.deadline, c.processing_days_left),
            (Some(jiff::civil::date(2026, 3, 16)), None)
        );
    }

    #[test]
    fn a_shortage_waits_for_the_customers_consent() {
        let c = step(
            OrderCase::default(),
            OrderCommand::VerifyPayment,
            Role::System,
        )
        .unwrap();
        let c = step(
            c,
            OrderCommand::ReportShortage {
                message: "Spare key blank out of stock".into(),
            },
            Role::Agent,
        )
        .unwrap();
        assert_eq!(c.state, OrderState::AwaitingShortageConsent);
        assert!(matches!(
            step(c.clone(), OrderCommand::StartAssembly, Role::Warehouse),
            Err(Refusal::State(_))
        ));
        let c = step(
            c,
            OrderCommand::AnswerShortage(ShortageAnswer::DropLine {
                sku: "KEY-1".into(),
            }),
            Role::Customer,
        )
        .unwrap();
        assert_eq!(c.state, OrderState::Assembling);
    }

    #[test]
    fn a_parcel_returned_to_sender_is_contacted_within_three_working_days_then_reshipped_or_settled()
     {
        let c = step(
            shipped(),
            OrderCommand::ReturnedToSender {
                reason: ReturnedReason::WrongAddress,
            },
            Role::Warehouse,
        )
        .unwrap();
        assert_eq!(c.deadline, Some(jiff::civil::date(2026, 3, 5)));
        let zero = Money::zero(fee().currency());
        assert!(
            matches!(
                step(c.clone(), OrderCommand::Reship { second_shipping_fee: zero }, Role::Agent),
                Err(Refusal::Invalid { field, .. }) if field == "second_shipping_fee"
            ),
            "III.5: a reship needs the second shipping fee"
        );
        let again = step(
            c.clone(),
            OrderCommand::Reship {
                second_shipping_fee: fee(),
            },
            Role::Agent,
        )
        .unwrap();
        assert_eq!(again.reship_fees, vec![fee()]);
        assert!(step(again, ship(), Role::Warehouse).is_ok());
        let settled = step(
            c,
            OrderCommand::SettleReturnedParcel {
                return_processing_fee: fee(),
            },
            Role::Agent,
        )
        .unwrap();
        assert!(!settled.is_open());
    }

    #[test]
    fn customs_can_hold_release_or_destroy_a_parcel() {
        let held = step(
            shipped(),
            OrderCommand::HoldAtCustoms {
                note: "duties unpaid".into(),
            },
            Role::Agent,
        )
        .unwrap();
        assert_eq!(
            step(held.clone(), OrderCommand::ReleaseFromCustoms, Role::System)
                .unwrap()
                .state,
            OrderState::Shipped
        );
        let gone = step(
            held,
            OrderCommand::DestroyedAtCustoms {
                note: "refused duties".into(),
            },
            Role::Agent,
        )
        .unwrap();
        assert!(!gone.is_open());
    }

    #[test]
    fn damage_noted_at_signing_needs_evidence_and_a_packed_order_cannot_be_cancelled() {
        let sign = |evidence: Vec<String>| OrderCommand::Sign {
            signed_at: "2026-03-01T10:00:00Z".parse().unwrap(),
            damage_noted: true,
            evidence,
        };
        assert!(matches!(
            step(shipped(), sign(vec![]), Role::System),
            Err(Refusal::Invalid { .. })
        ));
        assert!(
            step(
                shipped(),
                sign(vec!["carrier-record.pdf".into()]),
                Role::System
            )
            .unwrap()
            .damage_noted_at_signing
        );
        assert!(matches!(
            step(
                shipped(),
                OrderCommand::Cancel { reason: "x".into() },
                Role::Agent
            ),
            Err(Refusal::State(_))
        ));
        let bad_link = OrderCommand::Ship(Shipment {
            carrier: "DHL".into(),
            tracking_number: "1".into(),
            tracking_url: "javascript:alert(1)".into(),
        });
        let packed = {
            let mut c = shipped();
            c.state = OrderState::Packed;
            c
        };
        assert!(matches!(
            step(packed, bad_link, Role::Warehouse),
            Err(Refusal::Invalid { .. })
        ));
    }

    #[test]
    fn every_command_in_every_state_follows_the_transition_table() {
        use OrderState as S;
        let path = |steps: &[(OrderCommand, Role)]| {
            steps
                .iter()
                .fold(OrderCase::default(), |c, (command, role)| {
                    step(c, command.clone(), *role).unwrap()
                })
        };
        let verify = (OrderCommand::VerifyPayment, Role::System);
        let start = (OrderCommand::StartAssembly, Role::Warehouse);
        let media = (
            OrderCommand::SubmitAssemblyMedia {
                media: vec!["m".into()],
            },
            Role::Warehouse,
        );
        let approve = (OrderCommand::ApprovePhotos, Role::Customer);
        let pack = (OrderCommand::Pack, Role::Warehouse);
        let shortage = (
            OrderCommand::ReportShortage {
                message: "m".into(),
            },
            Role::Agent,
        );
        let sign = OrderCommand::Sign {
            signed_at: "2026-03-01T10:00:00Z".parse().unwrap(),
            damage_noted: false,
            evidence: vec![],
        };
        let returned = (
            OrderCommand::ReturnedToSender {
                reason: ReturnedReason::Refused,
            },
            Role::Warehouse,
        );
        let hold = (
            OrderCommand::HoldAtCustoms { note: "n".into() },
            Role::Agent,
        );
        let shipped_path = vec![
            verify.clone(),
            start.clone(),
            media.clone(),
            approve.clone(),
            pack.clone(),
            (ship(), Role::Warehouse),
        ];
        let with = |extra: &[(OrderCommand, Role)]| {
            let mut p = shipped_path.clone();
            p.extend_from_slice(extra);
            path(&p)
        };
        let cases = vec![
            OrderCase::default(),
            path(std::slice::from_ref(&verify)),
            path(&[verify.clone(), shortage.clone()]),
            path(&[verify.clone(), start.clone()]),
            path(&[verify.clone(), start.clone(), media.clone()]),
            path(&[
                verify.clone(),
                start.clone(),
                media.clone(),
                approve.clone(),
            ]),
            path(&[
                verify.clone(),
                start.clone(),
                media.clone(),
                approve.clone(),
                pack.clone(),
            ]),
            path(&shipped_path),
            with(&[(sign.clone(), Role::System)]),
            path(&[(OrderCommand::Cancel { reason: "r".into() }, Role::Agent)]),
            with(std::slice::from_ref(&returned)),
            with(&[
                returned.clone(),
                (
                    OrderCommand::SettleReturnedParcel {
                        return_processing_fee: fee(),
                    },
                    Role::Agent,
                ),
            ]),
            with(std::slice::from_ref(&hold)),
            with(&[
                hold.clone(),
                (
                    OrderCommand::DestroyedAtCustoms { note: "n".into() },
                    Role::Agent,
                ),
            ]),
        ];
        type Row = (OrderCommand, Role, Vec<(S, S)>);
        let table: Vec<Row> = vec![
            (verify.0, verify.1, vec![(S::Placed, S::PaymentVerified)]),
            (
                shortage.0,
                shortage.1,
                vec![
                    (S::PaymentVerified, S::AwaitingShortageConsent),
                    (S::Assembling, S::AwaitingShortageConsent),
                ],
            ),
            (
                OrderCommand::AnswerShortage(ShortageAnswer::Wait),
                Role::Customer,
                vec![(S::AwaitingShortageConsent, S::Assembling)],
            ),
            (start.0, start.1, vec![(S::PaymentVerified, S::Assembling)]),
            (
                media.0,
                media.1,
                vec![(S::Assembling, S::AwaitingPhotoApproval)],
            ),
            (
                approve.0,
                approve.1,
                vec![(S::AwaitingPhotoApproval, S::PhotosApproved)],
            ),
            (
                OrderCommand::RequestChanges {
                    comment: "c".into(),
                },
                Role::Customer,
                vec![(S::AwaitingPhotoApproval, S::Assembling)],
            ),
            (pack.0, pack.1, vec![(S::PhotosApproved, S::Packed)]),
            (ship(), Role::Warehouse, vec![(S::Packed, S::Shipped)]),
            (sign, Role::System, vec![(S::Shipped, S::Signed)]),
            (
                returned.0,
                returned.1,
                vec![
                    (S::Shipped, S::ReturnedToSender),
                    (S::HeldAtCustoms, S::ReturnedToSender),
                ],
            ),
            (
                OrderCommand::Reship {
                    second_shipping_fee: fee(),
                },
                Role::Agent,
                vec![(S::ReturnedToSender, S::Packed)],
            ),
            (
                OrderCommand::SettleReturnedParcel {
                    return_processing_fee: fee(),
                },
                Role::Agent,
                vec![(S::ReturnedToSender, S::ReturnSettled)],
            ),
            (hold.0, hold.1, vec![(S::Shipped, S::HeldAtCustoms)]),
            (
                OrderCommand::ReleaseFromCustoms,
                Role::System,
                vec![(S::HeldAtCustoms, S::Shipped)],
            ),
            (
                OrderCommand::DestroyedAtCustoms { note: "n".into() },
                Role::Agent,
                vec![
                    (S::Shipped, S::DestroyedAtCustoms),
                    (S::HeldAtCustoms, S::DestroyedAtCustoms),
                ],
            ),
            (
                OrderCommand::Cancel { reason: "r".into() },
                Role::Agent,
                vec![
                    (S::Placed, S::Cancelled),
                    (S::PaymentVerified, S::Cancelled),
                    (S::AwaitingShortageConsent, S::Cancelled),
                    (S::Assembling, S::Cancelled),
                    (S::AwaitingPhotoApproval, S::Cancelled),
                ],
            ),
        ];
        assert_eq!(cases.len(), 14, "one case per state");
        for (command, role, allowed) in &table {
            for case in &cases {
                let from = case.state;
                match (
                    allowed.iter().find(|(f, _)| *f == from),
                    step(case.clone(), command.clone(), *role),
                ) {
                    (Some((_, to)), Ok(after)) => {
                        assert_eq!(after.state, *to, "{command:?} from {from:?}")
                    }
                    (None, Err(Refusal::State(_))) => {}
                    (expected, got) => {
                        panic!("{command:?} from {from:?}: expected {expected:?}, got {got:?}")
                    }
                }
            }
        }
    }
}
