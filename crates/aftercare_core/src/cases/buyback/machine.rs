//! How a buyback moves: each command judged against the case's state, the actor's roles and the
//! program's rules, then folded into the case as events.

use super::*;

impl Machine for BuybackCase {
    type Command = BuybackCommand;
    type Event = BuybackEvent;

    fn decide(
        &self,
        command: &BuybackCommand,
        ctx: &Context<'_>,
    ) -> Result<Vec<BuybackEvent>, Refusal> {
        super::super::within_bounds(command)?;
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
                    return Err(not_allowed("doing-apply-buyback", state, &["new"]));
                }
                ctx.require_customer_side("doing-apply-buyback")?;
                if lines.is_empty() {
                    return Err(Refusal::invalid("lines", "refused-no-lines"));
                }
                if !matches!(
                    outcome,
                    Outcome::BuybackQuote | Outcome::BuybackManualReview
                ) {
                    return Err(Refusal::invalid("request", "refused-not-buyback-route"));
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
                    return Err(not_allowed(
                        "doing-open-buyback-for-parcel",
                        state,
                        &["new"],
                    ));
                }
                ctx.require(Role::Warehouse, "doing-open-buyback-for-parcel")?;
                if lines.is_empty() {
                    return Err(Refusal::invalid("lines", "refused-parcel-contents"));
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
                    return Err(not_allowed("doing-take-over-goods", state, &["new"]));
                }
                // The customer abandons failed goods (III.3); the warehouse hands over units it
                // found damaged among units that passed (III.2).
                if !(ctx.actor.has(Role::Customer)
                    || ctx.actor.has(Role::Agent)
                    || ctx.actor.has(Role::Warehouse))
                {
                    return Err(only("goods-holders", "doing-take-over-goods"));
                }
                if lines.is_empty() {
                    return Err(Refusal::invalid("lines", "refused-return-holds-no-goods"));
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
                        "doing-grade-goods",
                        state,
                        &["parcel_without_rma", "goods_held"],
                    ));
                }
                ctx.require(Role::Warehouse, "doing-grade-goods")?;
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
                        "doing-quote-buyback",
                        state,
                        &["applied", "parcel_without_rma", "goods_held"],
                    ));
                }
                ctx.require(Role::Agent, "doing-quote-buyback")?;
                let note = note
                    .as_ref()
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty());
                let in_range = *percent >= rules.min_percent && *percent <= rules.max_percent;
                if !in_range && note.is_none() {
                    return Err(Refusal::invalid(
                        "note",
                        Said::new("refused-quote-outside-needs-reason")
                            .with("min", rules.min_percent)
                            .with("max", rules.max_percent),
                    ));
                }
                if *percent > rules.max_percent {
                    return Err(Refusal::invalid(
                        "percent",
                        Said::new("refused-quote-over-max").with("max", rules.max_percent),
                    ));
                }
                if *percent < rules.min_percent && !manual_review {
                    return Err(Refusal::invalid(
                        "percent",
                        Said::new("refused-quote-below-min").with("min", rules.min_percent),
                    ));
                }
                Ok(vec![BuybackEvent::Quoted {
                    quote: self.new_quote(ctx, *percent, note)?,
                }])
            }
            BuybackCommand::CorrectQuote { percent, opinion } => {
                if !matches!(self.state, S::Quoted | S::Declined | S::Expired) {
                    return Err(not_allowed(
                        "doing-correct-quote",
                        state,
                        &["quoted", "declined", "expired"],
                    ));
                }
                ctx.require(Role::Agent, "doing-correct-quote")?;
                if *percent < rules.min_percent || *percent > rules.max_percent {
                    return Err(Refusal::invalid(
                        "percent",
                        Said::new("refused-corrected-quote-range")
                            .with("min", rules.min_percent)
                            .with("max", rules.max_percent),
                    ));
                }
                Ok(vec![BuybackEvent::QuoteCorrected {
                    quote: self.new_quote(ctx, *percent, Some(opinion.clone()))?,
                }])
            }
            BuybackCommand::Accept => {
                if self.state != S::Quoted {
                    return Err(not_allowed("doing-accept-quote", state, &["quoted"]));
                }
                ctx.require_customer_side("doing-accept-quote")?;
                if self
                    .quote
                    .as_ref()
                    .is_some_and(|q| ctx.today() > q.valid_until)
                {
                    return Err(Refusal::state("refused-quote-expired"));
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
                    return Err(not_allowed("doing-decline-quote", state, &["quoted"]));
                }
                ctx.require_customer_side("doing-decline-quote")?;
                Ok(vec![BuybackEvent::Declined])
            }
            BuybackCommand::Expire => {
                if self.state != S::Quoted {
                    return Err(not_allowed("doing-expire-quote", state, &["quoted"]));
                }
                if !(ctx.actor.has(Role::System) || ctx.actor.has(Role::Agent)) {
                    return Err(only("sweep-or-agent", "doing-expire-quote"));
                }
                if self
                    .quote
                    .as_ref()
                    .is_some_and(|q| ctx.today() <= q.valid_until)
                {
                    return Err(Refusal::state("refused-quote-still-valid"));
                }
                Ok(vec![BuybackEvent::Expired])
            }
            BuybackCommand::MarkShipped { tracking_number } => {
                if self.state != S::Accepted {
                    return Err(not_allowed(
                        "doing-add-buyback-tracking",
                        state,
                        &["accepted"],
                    ));
                }
                ctx.require_customer_side("doing-add-buyback-tracking")?;
                if tracking_number.trim().is_empty() {
                    return Err(Refusal::invalid("tracking_number", "refused-empty"));
                }
                Ok(vec![BuybackEvent::Shipped {
                    tracking_number: tracking_number.trim().to_owned(),
                }])
            }
            BuybackCommand::Receive => {
                if !matches!(self.state, S::Accepted | S::InTransit) {
                    return Err(not_allowed(
                        "doing-receive-buyback",
                        state,
                        &["accepted", "in_transit"],
                    ));
                }
                ctx.require(Role::Warehouse, "doing-receive-buyback")?;
                Ok(vec![BuybackEvent::Received {
                    inspect_by: ctx.deadline(&ctx.version.deadlines.return_inspection).0,
                }])
            }
            BuybackCommand::Confirm => {
                if self.state != S::Received {
                    return Err(not_allowed("doing-confirm-quote", state, &["received"]));
                }
                ctx.require(Role::Warehouse, "doing-confirm-quote")?;
                Ok(vec![BuybackEvent::Confirmed { pay_by: pay_by() }])
            }
            BuybackCommand::Revise {
                amount,
                reasons,
                photos,
            } => {
                if self.state != S::Received {
                    return Err(not_allowed("doing-revise-offer", state, &["received"]));
                }
                ctx.require(Role::Warehouse, "doing-revise-offer")?;
                if reasons.iter().all(|r| r.trim().is_empty()) {
                    return Err(Refusal::invalid(
                        "reasons",
                        "refused-revision-needs-reasons",
                    ));
                }
                let quoted = self.quote.as_ref().map(|q| q.amount);
                if amount.is_negative()
                    || quoted.is_some_and(|q| {
                        q.checked_sub(*amount)
                            .map_or(true, |d| d.is_negative() || d.is_zero())
                    })
                {
                    return Err(Refusal::invalid("amount", "refused-revision-amount"));
                }
                Ok(vec![BuybackEvent::Revised {
                    amount: *amount,
                    reasons: reasons.clone(),
                    photos: photos.clone(),
                }])
            }
            BuybackCommand::AcceptRevision => {
                if self.state != S::Revised {
                    return Err(not_allowed("doing-accept-revision", state, &["revised"]));
                }
                ctx.require_customer_side("doing-accept-revision")?;
                Ok(vec![BuybackEvent::RevisionAccepted { pay_by: pay_by() }])
            }
            BuybackCommand::AskForItemBack { address } => {
                if self.state != S::Revised {
                    return Err(not_allowed("doing-ask-item-back", state, &["revised"]));
                }
                ctx.require_customer_side("doing-ask-item-back")?;
                if address.trim().is_empty() {
                    return Err(Refusal::invalid("address", "refused-empty"));
                }
                Ok(vec![BuybackEvent::ItemBackRequested {
                    address: address.clone(),
                }])
            }
            BuybackCommand::MarkPaid => {
                if !matches!(self.state, S::Confirmed | S::RevisionAccepted) {
                    return Err(not_allowed(
                        "doing-mark-buyback-paid",
                        state,
                        &["confirmed", "revision_accepted"],
                    ));
                }
                if !(ctx.actor.has(Role::Finance) || ctx.actor.has(Role::System)) {
                    return Err(only(Role::Finance.id(), "doing-mark-buyback-paid"));
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
                self.decision = crate::KeptJson::from(decision);
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
                self.decision = crate::KeptJson::from(decision);
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

    fn tracking_number(&self) -> Option<&str> {
        self.tracking_number.as_deref()
    }
}
