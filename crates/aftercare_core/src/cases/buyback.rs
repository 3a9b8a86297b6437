//! The buyback case: applied with photos (or opened by the warehouse for a parcel that came back
//! without an RMA) → quoted → accepted | declined | expired → in transit → received → confirmed
//! (pay the quote) or revised (the customer accepts the new amount or asks for the item back) →
//! paid.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Bound, Bounded, Context, Machine, Refusal, Role, limits, not_allowed};
use crate::evaluate::Outcome;
use crate::facts::Condition;
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
    pub decision: serde_json::Value,
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
            decision: serde_json::Value::Null,
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
            .ok_or_else(|| Refusal::invalid("base", "the case has no price to quote on"))?;
        let amount = base
            .percent(percent)
            .map_err(|e| Refusal::invalid("percent", e.to_string()))?;
        let valid_until = ctx
            .today()
            .checked_add(jiff::Span::new().days(ctx.version.buyback.quote_valid_days))
            .map_err(|e| Refusal::invalid("percent", e.to_string()))?;
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

fn customer_side(ctx: &Context<'_>, doing: &str) -> Result<(), Refusal> {
    if ctx.actor.has(Role::Customer) || ctx.actor.has(Role::Agent) {
        Ok(())
    } else {
        Err(Refusal::Role(format!(
            "only the customer, or an agent for them, can {doing}"
        )))
    }
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

impl Machine for BuybackCase {
    type Command = BuybackCommand;
    type Event = BuybackEvent;

    fn decide(
        &self,
        command: &BuybackCommand,
        ctx: &Context<'_>,
    ) -> Result<Vec<BuybackEvent>, Refusal> {
        super::within_bounds(command)?;
        use BuybackState as S;
        let state = self.state.name();
        let rules = &ctx.version.buyback;
        let quote_by = || ctx.deadline(&ctx.version.deadlines.buyback_quote).0;
        let pay_by = || ctx.deadline(&ctx.version.deadlines.buyback_payment).0;
        match command {
            BuybackCommand::Apply {
                lines,
                condition,
                photos,
                base,
                outcome,
                decision,
            } => {
                if self.state != S::New {
                    return Err(not_allowed("apply for buyback", state, "new"));
                }
                customer_side(ctx, "apply for buyback")?;
                if lines.is_empty() {
                    return Err(Refusal::invalid("lines", "choose at least one line"));
                }
                if !matches!(
                    outcome,
                    Outcome::BuybackQuote | Outcome::BuybackManualReview
                ) {
                    return Err(Refusal::invalid(
                        "request",
                        "the policy recommends another route for this product; see the decision's reasons",
                    ));
                }
                Ok(vec![BuybackEvent::Applied {
                    lines: lines.clone(),
                    condition: *condition,
                    photos: photos.clone(),
                    base: *base,
                    decision: decision.clone(),
                    quote_by: quote_by(),
                }])
            }
            BuybackCommand::OpenForParcel {
                lines,
                base,
                photos,
            } => {
                if self.state != S::New {
                    return Err(not_allowed("open a buyback for a parcel", state, "new"));
                }
                ctx.require(Role::Warehouse, "open a buyback for a parcel without RMA")?;
                if lines.is_empty() {
                    return Err(Refusal::invalid("lines", "list what the parcel contained"));
                }
                Ok(vec![BuybackEvent::ParcelWithoutRma {
                    lines: lines.clone(),
                    base: *base,
                    photos: photos.clone(),
                    quote_by: quote_by(),
                }])
            }
            BuybackCommand::TakeOverReturn {
                return_case,
                lines,
                base,
                photos,
                reasons,
            } => {
                if self.state != S::New {
                    return Err(not_allowed("take over a return's goods", state, "new"));
                }
                // The customer abandons failed goods (III.3); the warehouse hands over units it
                // found damaged among units that passed (III.2).
                if !(ctx.actor.has(Role::Customer)
                    || ctx.actor.has(Role::Agent)
                    || ctx.actor.has(Role::Warehouse))
                {
                    return Err(Refusal::Role(
                        "only the customer, an agent or the warehouse can hand a return's goods to buyback".into(),
                    ));
                }
                if lines.is_empty() {
                    return Err(Refusal::invalid("lines", "the return holds no goods"));
                }
                Ok(vec![BuybackEvent::ReturnTakenOver {
                    return_case: return_case.clone(),
                    lines: lines.clone(),
                    base: *base,
                    photos: photos.clone(),
                    reasons: reasons.clone(),
                    quote_by: quote_by(),
                }])
            }
            BuybackCommand::Grade {
                condition,
                decision,
            } => {
                if !matches!(self.state, S::ParcelWithoutRma | S::GoodsHeld) {
                    return Err(not_allowed(
                        "grade the goods",
                        state,
                        "parcel_without_rma or goods_held",
                    ));
                }
                ctx.require(Role::Warehouse, "grade goods the warehouse holds")?;
                Ok(vec![BuybackEvent::Graded {
                    condition: *condition,
                    decision: decision.clone(),
                }])
            }
            BuybackCommand::Quote {
                percent,
                note,
                manual_review,
            } => {
                if !matches!(self.state, S::Applied | S::ParcelWithoutRma | S::GoodsHeld) {
                    return Err(not_allowed(
                        "quote",
                        state,
                        "applied, parcel_without_rma or goods_held",
                    ));
                }
                ctx.require(Role::Agent, "quote a buyback")?;
                let note = note
                    .as_ref()
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty());
                let in_range = *percent >= rules.min_percent && *percent <= rules.max_percent;
                if !in_range && note.is_none() {
                    return Err(Refusal::invalid(
                        "note",
                        format!(
                            "a quote outside {}..{} needs a reason",
                            rules.min_percent, rules.max_percent
                        ),
                    ));
                }
                if *percent > rules.max_percent {
                    return Err(Refusal::invalid(
                        "percent",
                        format!("the buyback program pays at most {}", rules.max_percent),
                    ));
                }
                if *percent < rules.min_percent && !manual_review {
                    return Err(Refusal::invalid(
                        "percent",
                        format!(
                            "below {} only for seriously damaged products under manual review",
                            rules.min_percent
                        ),
                    ));
                }
                Ok(vec![BuybackEvent::Quoted {
                    quote: self.new_quote(ctx, *percent, note)?,
                }])
            }
            BuybackCommand::CorrectQuote { percent, opinion } => {
                if !matches!(self.state, S::Quoted | S::Declined | S::Expired) {
                    return Err(not_allowed(
                        "correct the quote",
                        state,
                        "quoted, declined or expired",
                    ));
                }
                ctx.require(Role::Agent, "correct a quote after an appeal")?;
                if *percent < rules.min_percent || *percent > rules.max_percent {
                    return Err(Refusal::invalid(
                        "percent",
                        format!(
                            "a corrected quote stays within {}..{}",
                            rules.min_percent, rules.max_percent
                        ),
                    ));
                }
                Ok(vec![BuybackEvent::QuoteCorrected {
                    quote: self.new_quote(ctx, *percent, Some(opinion.clone()))?,
                }])
            }
            BuybackCommand::Accept => {
                if self.state != S::Quoted {
                    return Err(not_allowed("accept the quote", state, "quoted"));
                }
                customer_side(ctx, "accept a quote")?;
                if self
                    .quote
                    .as_ref()
                    .is_some_and(|q| ctx.today() > q.valid_until)
                {
                    return Err(Refusal::State(
                        "the quote has expired; ask for a new one".into(),
                    ));
                }
                let mut events = vec![BuybackEvent::Accepted];
                if self.parcel_here {
                    events.push(BuybackEvent::Received {
                        inspect_by: ctx.deadline(&ctx.version.deadlines.return_inspection).0,
                    });
                }
                Ok(events)
            }
            BuybackCommand::Decline => {
                if self.state != S::Quoted {
                    return Err(not_allowed("decline the quote", state, "quoted"));
                }
                customer_side(ctx, "decline a quote")?;
                Ok(vec![BuybackEvent::Declined])
            }
            BuybackCommand::Expire => {
                if self.state != S::Quoted {
                    return Err(not_allowed("expire the quote", state, "quoted"));
                }
                if !(ctx.actor.has(Role::System) || ctx.actor.has(Role::Agent)) {
                    return Err(Refusal::Role(
                        "only the deadline sweep or an agent can expire a quote".into(),
                    ));
                }
                if self
                    .quote
                    .as_ref()
                    .is_some_and(|q| ctx.today() <= q.valid_until)
                {
                    return Err(Refusal::State("the quote is still valid".into()));
                }
                Ok(vec![BuybackEvent::Expired])
            }
            BuybackCommand::MarkShipped { tracking_number } => {
                if self.state != S::Accepted {
                    return Err(not_allowed("add a tracking number", state, "accepted"));
                }
                customer_side(ctx, "add the tracking number")?;
                if tracking_number.trim().is_empty() {
                    return Err(Refusal::invalid("tracking_number", "must not be empty"));
                }
                Ok(vec![BuybackEvent::Shipped {
                    tracking_number: tracking_number.trim().to_owned(),
                }])
            }
            BuybackCommand::Receive => {
                if !matches!(self.state, S::Accepted | S::InTransit) {
                    return Err(not_allowed("receive", state, "accepted or in transit"));
                }
                ctx.require(Role::Warehouse, "receive a buyback parcel")?;
                Ok(vec![BuybackEvent::Received {
                    inspect_by: ctx.deadline(&ctx.version.deadlines.return_inspection).0,
                }])
            }
            BuybackCommand::Confirm => {
                if self.state != S::Received {
                    return Err(not_allowed("confirm the quote", state, "received"));
                }
                ctx.require(Role::Warehouse, "inspect a buyback")?;
                Ok(vec![BuybackEvent::Confirmed { pay_by: pay_by() }])
            }
            BuybackCommand::Revise {
                amount,
                reasons,
                photos,
            } => {
                if self.state != S::Received {
                    return Err(not_allowed("revise the offer", state, "received"));
                }
                ctx.require(Role::Warehouse, "revise a buyback offer")?;
                if reasons.iter().all(|r| r.trim().is_empty()) {
                    return Err(Refusal::invalid("reasons", "say why the offer changes"));
                }
                let quoted = self.quote.as_ref().map(|q| q.amount);
                if amount.is_negative()
                    || quoted.is_some_and(|q| {
                        q.checked_sub(*amount)
                            .map_or(true, |d| d.is_negative() || d.is_zero())
                    })
                {
                    return Err(Refusal::invalid(
                        "amount",
                        "a revised offer is below the quote and not negative; confirm the quote otherwise",
                    ));
                }
                Ok(vec![BuybackEvent::Revised {
                    amount: *amount,
                    reasons: reasons.clone(),
                    photos: photos.clone(),
                }])
            }
            BuybackCommand::AcceptRevision => {
                if self.state != S::Revised {
                    return Err(not_allowed("accept the revised offer", state, "revised"));
                }
                customer_side(ctx, "accept a revised offer")?;
                Ok(vec![BuybackEvent::RevisionAccepted { pay_by: pay_by() }])
            }
            BuybackCommand::AskForItemBack { address } => {
                if self.state != S::Revised {
                    return Err(not_allowed("ask for the item back", state, "revised"));
                }
                customer_side(ctx, "ask for the item back")?;
                if address.trim().is_empty() {
                    return Err(Refusal::invalid("address", "must not be empty"));
                }
                Ok(vec![BuybackEvent::ItemBackRequested {
                    address: address.clone(),
                }])
            }
            BuybackCommand::MarkPaid => {
                if !matches!(self.state, S::Confirmed | S::RevisionAccepted) {
                    return Err(not_allowed(
                        "mark as paid",
                        state,
                        "confirmed or revision_accepted",
                    ));
                }
                if !(ctx.actor.has(Role::Finance) || ctx.actor.has(Role::System)) {
                    return Err(Refusal::Role(
                        "only finance can mark a buyback as paid".into(),
                    ));
                }
                Ok(vec![BuybackEvent::Paid])
            }
        }
    }

    fn apply(mut self, event: &BuybackEvent) -> Self {
        use BuybackState as S;
        match event {
            BuybackEvent::Applied {
                lines,
                condition,
                photos,
                base,
                decision,
                quote_by,
            } => {
                self.state = S::Applied;
                self.lines = lines.clone();
                self.condition = Some(*condition);
                self.photos = photos.clone();
                self.base = Some(*base);
                self.decision = decision.clone();
                self.deadline = *quote_by;
            }
            BuybackEvent::ParcelWithoutRma {
                lines,
                base,
                photos,
                quote_by,
            } => {
                self.state = S::ParcelWithoutRma;
                self.lines = lines.clone();
                self.base = Some(*base);
                self.photos = photos.clone();
                self.parcel_here = true;
                self.deadline = *quote_by;
            }
            BuybackEvent::ReturnTakenOver {
                return_case,
                lines,
                base,
                photos,
                reasons,
                quote_by,
            } => {
                self.state = S::GoodsHeld;
                self.from_return = Some(return_case.clone());
                self.lines = lines.clone();
                self.base = Some(*base);
                self.photos = photos.clone();
                self.reasons = reasons.clone();
                self.parcel_here = true;
                self.deadline = *quote_by;
            }
            BuybackEvent::Graded {
                condition,
                decision,
            } => {
                self.condition = Some(*condition);
                self.decision = decision.clone();
            }
            BuybackEvent::Quoted { quote } | BuybackEvent::QuoteCorrected { quote } => {
                self.state = S::Quoted;
                self.quote = Some(quote.clone());
                self.deadline = None;
            }
            BuybackEvent::Accepted => self.state = S::Accepted,
            BuybackEvent::Declined => self.state = S::Declined,
            BuybackEvent::Expired => self.state = S::Expired,
            BuybackEvent::Shipped { tracking_number } => {
                self.state = S::InTransit;
                self.tracking_number = Some(tracking_number.clone());
            }
            BuybackEvent::Received { inspect_by } => {
                self.state = S::Received;
                self.parcel_here = true;
                self.deadline = *inspect_by;
            }
            BuybackEvent::Confirmed { pay_by } => {
                self.state = S::Confirmed;
                self.deadline = *pay_by;
            }
            BuybackEvent::Revised {
                amount,
                reasons,
                photos,
            } => {
                self.state = S::Revised;
                self.revised_amount = Some(*amount);
                self.reasons = reasons.clone();
                self.revision_photos = photos.clone();
                self.deadline = None;
            }
            BuybackEvent::RevisionAccepted { pay_by } => {
                self.state = S::RevisionAccepted;
                self.deadline = *pay_by;
            }
            BuybackEvent::ItemBackRequested { .. } => {
                self.state = S::ItemReturned;
                self.deadline = None;
            }
            BuybackEvent::Paid => {
                self.state = S::Paid;
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
            BuybackState::Declined
                | BuybackState::Expired
                | BuybackState::ItemReturned
                | BuybackState::Paid
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::execute;
    use super::super::test_support::{actor, ctx};
    use super::*;
    use crate::money::Currency;
    use crate::policy::Grade;

    const NOW: &str = "2026-06-01T02:00:00Z";

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::parse("USD").unwrap())
    }

    fn pct(n: u8) -> Percent {
        Percent::whole(n).unwrap()
    }

    fn run(case: BuybackCase, command: BuybackCommand, role: Role) -> Result<BuybackCase, Refusal> {
        let a = actor(&[role]);
        execute(case, &command, &ctx(&a, NOW)).map(|(c, _)| c)
    }

    fn applied() -> BuybackCase {
        run(
            BuybackCase::default(),
            BuybackCommand::Apply {
                lines: vec![ReturnLine {
                    sku: "LK-100".into(),
                    quantity: 1,
                }],
                condition: Condition {
                    grade: Grade::Good,
                    missing_accessories: 0,
                    original_packaging: true,
                },
                photos: vec!["p1".into()],
                base: usd(12_000),
                outcome: Outcome::BuybackQuote,
                decision: serde_json::json!({}),
            },
            Role::Customer,
        )
        .unwrap()
    }

    fn quote(p: u8, note: Option<&str>, manual: bool) -> BuybackCommand {
        BuybackCommand::Quote {
            percent: pct(p),
            note: note.map(str::to_owned),
            manual_review: manual,
        }
    }

    fn received() -> BuybackCase {
        let c = run(applied(), quote(60, None, false), Role::Agent).unwrap();
        let c = run(c, BuybackCommand::Accept, Role::Customer).unwrap();
        let c = run(
            c,
            BuybackCommand::MarkShipped {
                tracking_number: "T1".into(),
            },
            Role::Customer,
        )
        .unwrap();
        run(c, BuybackCommand::Receive, Role::Warehouse).unwrap()
    }

    #[test]
    fn a_quote_is_the_percent_of_the_paid_price_and_stays_open_for_the_policy_days() {
        assert_eq!(
            applied().deadline,
            Some(jiff::civil::date(2026, 6, 4)),
            "quote within 3 working days"
        );
        let c = run(applied(), quote(60, None, false), Role::Agent).unwrap();
        let q = c.quote.unwrap();
        assert_eq!(
            (q.amount, q.valid_until),
            (usd(7_200), jiff::civil::date(2026, 6, 15))
        );
    }

    #[test]
    fn quotes_outside_the_range_need_a_reason_and_below_it_a_manual_review() {
        assert!(matches!(
            run(applied(), quote(75, Some("rare"), false), Role::Agent),
            Err(Refusal::Invalid { .. })
        ));
        assert!(
            matches!(run(applied(), quote(20, None, true), Role::Agent), Err(Refusal::Invalid { ref field, .. }) if field == "note")
        );
        assert!(
            matches!(run(applied(), quote(20, Some("cracked"), false), Role::Agent), Err(Refusal::Invalid { ref field, .. }) if field == "percent")
        );
        let c = run(
            applied(),
            quote(20, Some("cracked housing"), true),
            Role::Agent,
        )
        .unwrap();
        assert_eq!(c.quote.unwrap().amount, usd(2_400));
        assert!(matches!(
            run(applied(), quote(60, None, false), Role::Customer),
            Err(Refusal::Role(_))
        ));
    }

    #[test]
    fn a_confirmed_buyback_pays_the_quote_within_five_working_days() {
        let c = run(received(), BuybackCommand::Confirm, Role::Warehouse).unwrap();
        assert_eq!(c.payable(), Some(usd(7_200)));
        assert_eq!(c.deadline, Some(jiff::civil::date(2026, 6, 8)));
        let c = run(c, BuybackCommand::MarkPaid, Role::Finance).unwrap();
        assert!(!c.is_open());
    }

    #[test]
    fn a_revised_offer_is_lower_than_the_quote_and_the_customer_chooses() {
        let revise = |minor| BuybackCommand::Revise {
            amount: usd(minor),
            reasons: vec!["deep scratches".into()],
            photos: vec![],
        };
        assert!(
            run(received(), revise(7_200), Role::Warehouse).is_err(),
            "not a revision"
        );
        assert!(
            run(received(), revise(5_000), Role::Agent).is_err(),
            "the warehouse inspects"
        );
        let c = run(received(), revise(5_000), Role::Warehouse).unwrap();
        let accepted = run(c.clone(), BuybackCommand::AcceptRevision, Role::Customer).unwrap();
        assert_eq!(accepted.payable(), Some(usd(5_000)));
        let back = run(
            c,
            BuybackCommand::AskForItemBack {
                address: "1 Main St".into(),
            },
            Role::Customer,
        )
        .unwrap();
        assert_eq!(
            (back.state, back.is_open()),
            (BuybackState::ItemReturned, false)
        );
    }

    #[test]
    fn a_parcel_without_rma_is_received_as_soon_as_the_quote_is_accepted() {
        let c = run(
            BuybackCase::default(),
            BuybackCommand::OpenForParcel {
                lines: vec![ReturnLine {
                    sku: "LK-100".into(),
                    quantity: 1,
                }],
                base: usd(12_000),
                photos: vec![],
            },
            Role::Warehouse,
        )
        .unwrap();
        let c = run(c, quote(50, None, false), Role::Agent).unwrap();
        let c = run(c, BuybackCommand::Accept, Role::Customer).unwrap();
        assert_eq!(c.state, BuybackState::Received);
    }

    #[test]
    fn a_quote_can_be_accepted_until_its_last_day_and_expires_after() {
        let quoted = run(applied(), quote(60, None, false), Role::Agent).unwrap();
        let system = actor(&[Role::System]);
        let customer = actor(&[Role::Customer]);
        assert!(
            quoted
                .decide(
                    &BuybackCommand::Expire,
                    &ctx(&system, "2026-06-15T15:00:00Z")
                )
                .is_err(),
            "15 June is still valid in Shanghai"
        );
        assert!(
            quoted
                .decide(
                    &BuybackCommand::Accept,
                    &ctx(&customer, "2026-06-15T15:00:00Z")
                )
                .is_ok()
        );
        assert!(
            quoted
                .decide(
                    &BuybackCommand::Accept,
                    &ctx(&customer, "2026-06-15T16:00:00Z")
                )
                .is_err()
        );
        assert!(
            quoted
                .decide(
                    &BuybackCommand::Expire,
                    &ctx(&system, "2026-06-15T16:00:00Z")
                )
                .is_ok()
        );
    }

    /// Every command in every state: allowed exactly where the table says, refused by state
    /// everywhere else, and leading to the table's state.
    #[test]
    fn every_command_in_every_state_follows_the_transition_table() {
        use BuybackState as S;
        let quoted = run(applied(), quote(60, None, false), Role::Agent).unwrap();
        let accepted = run(quoted.clone(), BuybackCommand::Accept, Role::Customer).unwrap();
        let in_transit = run(
            accepted.clone(),
            BuybackCommand::MarkShipped {
                tracking_number: "T".into(),
            },
            Role::Customer,
        )
        .unwrap();
        let received = received();
        let confirmed = run(received.clone(), BuybackCommand::Confirm, Role::Warehouse).unwrap();
        let revise = BuybackCommand::Revise {
            amount: usd(5_000),
            reasons: vec!["worn".into()],
            photos: vec![],
        };
        let revised = run(received.clone(), revise.clone(), Role::Warehouse).unwrap();
        let parcel = run(
            BuybackCase::default(),
            BuybackCommand::OpenForParcel {
                lines: vec![ReturnLine {
                    sku: "LK-100".into(),
                    quantity: 1,
                }],
                base: usd(12_000),
                photos: vec![],
            },
            Role::Warehouse,
        )
        .unwrap();
        let cases = vec![
            BuybackCase::default(),
            applied(),
            parcel,
            quoted.clone(),
            accepted,
            run(quoted.clone(), BuybackCommand::Decline, Role::Customer).unwrap(),
            {
                let system = actor(&[Role::System]);
                execute(
                    quoted,
                    &BuybackCommand::Expire,
                    &ctx(&system, "2026-07-01T02:00:00Z"),
                )
                .unwrap()
                .0
            },
            in_transit,
            received,
            confirmed.clone(),
            revised.clone(),
            run(
                revised.clone(),
                BuybackCommand::AcceptRevision,
                Role::Customer,
            )
            .unwrap(),
            run(
                revised,
                BuybackCommand::AskForItemBack {
                    address: "1 Main St".into(),
                },
                Role::Customer,
            )
            .unwrap(),
            run(confirmed, BuybackCommand::MarkPaid, Role::Finance).unwrap(),
        ];
        let apply = BuybackCommand::Apply {
            lines: vec![ReturnLine {
                sku: "LK-100".into(),
                quantity: 1,
            }],
            condition: Condition {
                grade: Grade::Good,
                missing_accessories: 0,
                original_packaging: true,
            },
            photos: vec![],
            base: usd(12_000),
            outcome: Outcome::BuybackQuote,
            decision: serde_json::json!({}),
        };
        let open = BuybackCommand::OpenForParcel {
            lines: vec![ReturnLine {
                sku: "LK-100".into(),
                quantity: 1,
            }],
            base: usd(1),
            photos: vec![],
        };
        // (command, role, time, [(from, to)])
        type Row<'a> = (BuybackCommand, Role, &'a str, Vec<(S, S)>);
        let table: Vec<Row<'_>> = vec![
            (apply, Role::Customer, NOW, vec![(S::New, S::Applied)]),
            (
                open,
                Role::Warehouse,
                NOW,
                vec![(S::New, S::ParcelWithoutRma)],
            ),
            (
                quote(60, None, false),
                Role::Agent,
                NOW,
                vec![(S::Applied, S::Quoted), (S::ParcelWithoutRma, S::Quoted)],
            ),
            (
                BuybackCommand::CorrectQuote {
                    percent: pct(65),
                    opinion: "the photos show it like new".into(),
                },
                Role::Agent,
                NOW,
                vec![
                    (S::Quoted, S::Quoted),
                    (S::Declined, S::Quoted),
                    (S::Expired, S::Quoted),
                ],
            ),
            (
                BuybackCommand::Accept,
                Role::Customer,
                NOW,
                vec![(S::Quoted, S::Accepted)],
            ),
            (
                BuybackCommand::Decline,
                Role::Customer,
                NOW,
                vec![(S::Quoted, S::Declined)],
            ),
            (
                BuybackCommand::Expire,
                Role::System,
                "2026-07-01T02:00:00Z",
                vec![(S::Quoted, S::Expired)],
            ),
            (
                BuybackCommand::MarkShipped {
                    tracking_number: "T".into(),
                },
                Role::Customer,
                NOW,
                vec![(S::Accepted, S::InTransit)],
            ),
            (
                BuybackCommand::Receive,
                Role::Warehouse,
                NOW,
                vec![(S::Accepted, S::Received), (S::InTransit, S::Received)],
            ),
            (
                BuybackCommand::Confirm,
                Role::Warehouse,
                NOW,
                vec![(S::Received, S::Confirmed)],
            ),
            (
                revise,
                Role::Warehouse,
                NOW,
                vec![(S::Received, S::Revised)],
            ),
            (
                BuybackCommand::AcceptRevision,
                Role::Customer,
                NOW,
                vec![(S::Revised, S::RevisionAccepted)],
            ),
            (
                BuybackCommand::AskForItemBack {
                    address: "x".into(),
                },
                Role::Customer,
                NOW,
                vec![(S::Revised, S::ItemReturned)],
            ),
            (
                BuybackCommand::MarkPaid,
                Role::Finance,
                NOW,
                vec![(S::Confirmed, S::Paid), (S::RevisionAccepted, S::Paid)],
            ),
        ];
        assert_eq!(cases.len(), 14);
        for (command, role, now, allowed) in &table {
            let a = actor(&[*role]);
            for case in &cases {
                let from = case.state;
                let result = execute(case.clone(), command, &ctx(&a, now));
                match (allowed.iter().find(|(f, _)| *f == from), result) {
                    (Some((_, to)), Ok((after, _))) => {
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
