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
use crate::i18n::{Arg, Said};
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
        Err(Refusal::role(
            Said::new("refused-roles").with("doing", Arg::Message(doing.to_owned())),
        ))
    }
}

fn text(field: &str, value: &str) -> Result<String, Refusal> {
    let v = value.trim();
    if v.is_empty() {
        Err(Refusal::invalid(field, "refused-empty"))
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

mod machine;

#[cfg(test)]
mod tests;
