//! The buyback case: applied with photos (or opened by the warehouse for a parcel that came back
//! without an RMA) → quoted → accepted | declined | expired → in transit → received → confirmed
//! (pay the quote) or revised (the customer accepts the new amount or asks for the item back) →
//! paid.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Bound, Bounded, Context, Machine, Refusal, Role, limits, not_allowed, only};
use crate::evaluate::Outcome;
use crate::facts::Condition;
use crate::i18n::Said;
use crate::money::{Money, Percent};

use super::rma::ReturnLine;

/// Where a buyback case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuybackState {
    New,
    Applied,
    /// A parcel arrived without an RMA number (III.2): it is a buyback, already in the warehouse.
    ParcelWithoutRma,
    /// The goods of a return whose inspection failed, abandoned to buyback by the customer
    /// (III.3): already in the warehouse, waiting for a quote.
    GoodsHeld,
    Quoted,
    Accepted,
    Declined,
    Expired,
    InTransit,
    Received,
    Confirmed,
    Revised,
    RevisionAccepted,
    ItemReturned,
    Paid,
}

impl BuybackState {
    /// The name stored and shown.
    pub fn name(self) -> &'static str {
        match self {
            BuybackState::New => "new",
            BuybackState::Applied => "applied",
            BuybackState::ParcelWithoutRma => "parcel_without_rma",
            BuybackState::GoodsHeld => "goods_held",
            BuybackState::Quoted => "quoted",
            BuybackState::Accepted => "accepted",
            BuybackState::Declined => "declined",
            BuybackState::Expired => "expired",
            BuybackState::InTransit => "in_transit",
            BuybackState::Received => "received",
            BuybackState::Confirmed => "confirmed",
            BuybackState::Revised => "revised",
            BuybackState::RevisionAccepted => "revision_accepted",
            BuybackState::ItemReturned => "item_returned",
            BuybackState::Paid => "paid",
        }
    }
}

/// A quote: `percent` of the price paid for the lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuybackQuote {
    pub percent: Percent,
    pub amount: Money,
    pub valid_until: Date,
    /// Why staff set it outside the usual grading, when they did.
    pub note: Option<String>,
}

/// A buyback case as its events made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuybackCase {
    pub state: BuybackState,
    pub lines: Vec<ReturnLine>,
    pub condition: Option<Condition>,
    pub photos: Vec<String>,
    pub decision: crate::KeptJson,
    /// The price paid for the lines: what percentages apply to.
    pub base: Option<Money>,
    pub quote: Option<BuybackQuote>,
    pub parcel_here: bool,
    /// The return whose goods this buyback takes over after its inspection failed.
    #[serde(default)]
    pub from_return: Option<String>,
    pub tracking_number: Option<String>,
    pub revised_amount: Option<Money>,
    pub reasons: Vec<String>,
    pub revision_photos: Vec<String>,
    pub deadline: Option<Date>,
}

impl Default for BuybackCase {
    fn default() -> Self {
        BuybackCase {
            state: BuybackState::New,
            lines: Vec::new(),
            condition: None,
            photos: Vec::new(),
            decision: crate::KeptJson::null(),
            base: None,
            quote: None,
            parcel_here: false,
            from_return: None,
            tracking_number: None,
            revised_amount: None,
            reasons: Vec::new(),
            revision_photos: Vec::new(),
            deadline: None,
        }
    }
}

impl BuybackCase {
    /// The result a customer may appeal against now (IV), if the case shows one: a quote, first
    /// or revised, while it waits for their answer.
    pub fn appealable(&self) -> Option<super::appeal::AppealSubject> {
        match self.state {
            BuybackState::Quoted | BuybackState::Revised => {
                Some(super::appeal::AppealSubject::Quote)
            }
            _ => None,
        }
    }

    /// A quote of `percent` of the paid price, open from today for the policy's days.
    fn new_quote(
        &self,
        ctx: &Context<'_>,
        percent: Percent,
        note: Option<String>,
    ) -> Result<BuybackQuote, Refusal> {
        let base = self
            .base
            .ok_or_else(|| Refusal::invalid("base", "refused-no-price"))?;
        let amount = base
            .percent(percent)
            .map_err(|e| Refusal::invalid("percent", e.said()))?;
        let valid_until = ctx
            .today()
            .checked_add(jiff::Span::new().days(ctx.version.buyback.quote_valid_days))
            .map_err(|_| Refusal::invalid("percent", "refused-date-out-of-range"))?;
        Ok(BuybackQuote {
            percent,
            amount,
            valid_until,
            note,
        })
    }

    /// The price agreed with the customer: an accepted revision, or else the quote.
    pub fn agreed_price(&self) -> Option<Money> {
        self.revised_amount
            .or_else(|| self.quote.as_ref().map(|q| q.amount))
    }

    /// What the shop will pay now: the accepted revision, or else the quote.
    pub fn payable(&self) -> Option<Money> {
        match self.state {
            BuybackState::RevisionAccepted => self.revised_amount,
            BuybackState::Confirmed => self.quote.as_ref().map(|q| q.amount),
            _ => None,
        }
    }
}

/// What someone asks of a buyback case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuybackCommand {
    Apply {
        lines: Vec<ReturnLine>,
        condition: Condition,
        photos: Vec<String>,
        base: Money,
        outcome: Outcome,
        decision: serde_json::Value,
    },
    /// The warehouse opens a buyback for a parcel that came back without an RMA number.
    OpenForParcel {
        lines: Vec<ReturnLine>,
        base: Money,
        photos: Vec<String>,
    },
    /// The customer abandoned a return's goods to buyback after a failed inspection (III.3):
    /// the warehouse holds them, so there is nothing to ship.
    TakeOverReturn {
        return_case: String,
        lines: Vec<ReturnLine>,
        base: Money,
        photos: Vec<String>,
        reasons: Vec<String>,
    },
    /// The warehouse grades goods it already holds (a parcel without an RMA number, or goods
    /// taken over from a return): the policy's grading of `condition` is the quote an agent
    /// sends, or sends to manual review.
    Grade {
        condition: Condition,
        decision: serde_json::Value,
    },
    /// An agent quotes; outside the policy's range only with a note, and below it only for
    /// grades the policy sends to manual review.
    Quote {
        percent: Percent,
        note: Option<String>,
        manual_review: bool,
    },
    /// An appeal against the quote was decided in the customer's favour (IV): the case is quoted
    /// again at the corrected percentage, open for a new period.
    CorrectQuote {
        percent: Percent,
        opinion: String,
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
        amount: Money,
        reasons: Vec<String>,
        photos: Vec<String>,
    },
    AcceptRevision,
    AskForItemBack {
        address: String,
    },
    MarkPaid,
}

/// What happened to a buyback case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BuybackEvent {
    Applied {
        lines: Vec<ReturnLine>,
        condition: Condition,
        photos: Vec<String>,
        base: Money,
        decision: serde_json::Value,
        quote_by: Option<Date>,
    },
    ParcelWithoutRma {
        lines: Vec<ReturnLine>,
        base: Money,
        photos: Vec<String>,
        quote_by: Option<Date>,
    },
    ReturnTakenOver {
        return_case: String,
        lines: Vec<ReturnLine>,
        base: Money,
        photos: Vec<String>,
        reasons: Vec<String>,
        quote_by: Option<Date>,
    },
    Graded {
        condition: Condition,
        decision: serde_json::Value,
    },
    Quoted {
        quote: BuybackQuote,
    },
    QuoteCorrected {
        quote: BuybackQuote,
    },
    Accepted,
    Declined,
    Expired,
    Shipped {
        tracking_number: String,
    },
    Received {
        inspect_by: Option<Date>,
    },
    Confirmed {
        pay_by: Option<Date>,
    },
    Revised {
        amount: Money,
        reasons: Vec<String>,
        photos: Vec<String>,
    },
    RevisionAccepted {
        pay_by: Option<Date>,
    },
    ItemBackRequested {
        address: String,
    },
    Paid,
}

impl Bounded for BuybackCommand {
    fn bounds(&self) -> Vec<Bound<'_>> {
        match self {
            BuybackCommand::Apply { photos, .. } | BuybackCommand::OpenForParcel { photos, .. } => {
                Bound::texts("photos", photos, limits::SHORT)
            }
            BuybackCommand::TakeOverReturn {
                photos, reasons, ..
            }
            | BuybackCommand::Revise {
                photos, reasons, ..
            } => {
                let mut b = Bound::texts("reasons", reasons, limits::TEXT);
                b.extend(Bound::texts("photos", photos, limits::SHORT));
                b
            }
            BuybackCommand::Quote { note, .. } => note
                .as_deref()
                .map(|n| vec![Bound::text("note", n, limits::TEXT)])
                .unwrap_or_default(),
            BuybackCommand::CorrectQuote { opinion, .. } => {
                vec![Bound::text("opinion", opinion, limits::TEXT)]
            }
            BuybackCommand::MarkShipped { tracking_number } => {
                vec![Bound::text(
                    "tracking_number",
                    tracking_number,
                    limits::SHORT,
                )]
            }
            BuybackCommand::AskForItemBack { address } => {
                vec![Bound::text("address", address, limits::LINE)]
            }
            BuybackCommand::Grade { .. }
            | BuybackCommand::Accept
            | BuybackCommand::Decline
            | BuybackCommand::Expire
            | BuybackCommand::Receive
            | BuybackCommand::Confirm
            | BuybackCommand::AcceptRevision
            | BuybackCommand::MarkPaid => Vec::new(),
        }
    }
}

mod machine;

#[cfg(test)]
mod tests;
