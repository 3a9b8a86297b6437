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

    fn tracking_number(&self) -> Option<&str> {
        self.tracking_number.as_deref()
    }
}
