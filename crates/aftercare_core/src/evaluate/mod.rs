//! The evaluator: `evaluate(policy, facts, now) -> Decision`.
//!
//! A pure function. It picks the policy version in force when the order was placed, applies its
//! rules, and explains the result: the outcome, the clauses applied, reasons a customer can read,
//! the refund breakdown or buyback quote, and the deadlines of the next step.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Serialize, Serializer};

use crate::calendar::{Calendar, Warning};
use crate::facts::{Condition, Facts, FactsError, Request, RequestLine};
use crate::money::{Currency, Money, MoneyError, Percent};
use crate::policy::{
    ClauseRef, GradeRule, Policy, PolicyVersion, ReasonRule, ReturnReason, ServiceTime, Window,
    ZeroValueFees,
};

/// What the policy says about a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    ReturnEligible,
    NeedsEvidence,
    BuybackOffered,
    BuybackQuote,
    BuybackManualReview,
    ReturnRecommended,
    ExchangeViaReturn,
    ExchangeNegotiable,
    RefundAfterDeductions,
    NoRefund,
}

/// The kind of a refund breakdown line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundLineKind {
    Product,
    HandlingFee,
    OriginalShipping,
    Duties,
    ReturnCosts,
    DeductionShipping,
    DeductionProcessing,
}

/// One line of a refund breakdown; deductions are negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundLine {
    pub kind: RefundLineKind,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    #[serde(serialize_with = "amount")]
    pub amount: Money,
}

/// A refund and how it is made up; `total` is the sum of the lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Refund {
    pub currency: Currency,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    #[serde(serialize_with = "amount")]
    pub total: Money,
    pub lines: Vec<RefundLine>,
}

impl Refund {
    fn from_lines(currency: Currency, lines: Vec<RefundLine>) -> Result<Refund, MoneyError> {
        let total = lines
            .iter()
            .try_fold(Money::zero(currency), |sum, l| sum.checked_add(l.amount))?;
        Ok(Refund {
            currency,
            total,
            lines,
        })
    }
}

/// A condition adjustment of a buyback quote, in percentage points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteAdjustment {
    pub kind: QuoteAdjustmentKind,
    pub points: Percent,
}

/// Why a quote's percentage went down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuoteAdjustmentKind {
    MissingAccessories,
    NoOriginalPackaging,
}

/// A buyback quote: `percent` of the paid price of the lines (`base`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub currency: Currency,
    pub percent: Percent,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    #[serde(serialize_with = "amount")]
    pub amount: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    #[serde(serialize_with = "amount")]
    pub base: Money,
    pub grade_percent: Percent,
    pub adjustments: Vec<QuoteAdjustment>,
    /// The policy's lowest percentage was applied because the adjustments went below it.
    pub floor_applied: bool,
    pub valid_until: Date,
}

/// The evaluator's answer. This JSON is a public contract: the CLI and the HTTP API serve it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub outcome: Outcome,
    pub policy_version: String,
    pub clauses: Vec<String>,
    pub reasons: Vec<String>,
    pub refund: Option<Refund>,
    pub quote: Option<Quote>,
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, Date>))]
    pub deadlines: BTreeMap<&'static str, Date>,
    pub warnings: Vec<String>,
}

fn amount<S: Serializer>(m: &Money, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&m.amount_text())
}

/// Judges `facts` under the policy version in force when the order was placed. A request without
/// `submitted_at` is judged as made at `now`.
pub fn evaluate(policy: &Policy, facts: &Facts, now: Timestamp) -> Result<Decision, FactsError> {
    let (version, before_first) =
        policy
            .version_for(facts.order.placed_at)
            .ok_or_else(|| FactsError {
                field: String::new(),
                message: "the policy has no version".into(),
            })?;
    let calendar = policy.calendar(version).ok_or_else(|| FactsError {
        field: String::new(),
        message: format!("the policy's calendar `{}` is not loaded", version.calendar),
    })?;
    let mut ev = Evaluation {
        version,
        calendar,
        facts,
        decision: Decision {
            outcome: Outcome::NoRefund,
            policy_version: version.id.clone(),
            clauses: Vec::new(),
            reasons: Vec::new(),
            refund: None,
            quote: None,
            deadlines: BTreeMap::new(),
            warnings: Vec::new(),
        },
        warnings: before_first.into_iter().collect(),
    };
    match &facts.request {
        Request::Return {
            reason,
            submitted_at,
            lines,
            evidence,
            return_costs,
            return_costs_claimed,
        } => {
            let at = ev.submitted_at(*submitted_at, now)?;
            ev.return_request(
                *reason,
                at,
                lines,
                *evidence,
                (*return_costs, *return_costs_claimed),
            )?;
        }
        Request::Buyback {
            submitted_at,
            lines,
            condition,
            defect,
            evidence,
        } => {
            let at = ev.submitted_at(*submitted_at, now)?;
            ev.buyback(at, lines, condition, *defect, *evidence)?;
        }
        Request::Exchange {
            submitted_at,
            lines,
            reason,
            evidence,
        } => {
            let at = ev.submitted_at(*submitted_at, now)?;
            ev.exchange(at, lines, *reason, *evidence)?;
        }
        Request::Undeliverable {
            returned_at,
            return_processing_fee,
        } => ev.undeliverable(*returned_at, *return_processing_fee)?,
        Request::CustomsDestroyed { goods_returned } => ev.customs_destroyed(*goods_returned),
    }
    let mut decision = ev.decision;
    ev.warnings.sort();
    ev.warnings.dedup();
    decision.warnings = ev.warnings.iter().map(ToString::to_string).collect();
    Ok(decision)
}

struct Evaluation<'a> {
    version: &'a PolicyVersion,
    calendar: &'a Calendar,
    facts: &'a Facts,
    decision: Decision,
    warnings: Vec<Warning>,
}

/// Whether a return window was open when the request was made, and until when.
/// Where a return window closes: its last local day, and for windows in hours the exact moment.
struct WindowClose {
    last_day: Date,
    end: Option<Timestamp>,
}

fn window_close(version: &PolicyVersion, window: Window, signed: Timestamp) -> Option<WindowClose> {
    match window {
        Window::Days(days) => Some(WindowClose {
            last_day: signed
                .to_zoned(version.time_zone.clone())
                .date()
                .checked_add(jiff::Span::new().days(days))
                .ok()?,
            end: None,
        }),
        Window::Hours(hours) => {
            let end = signed
                .checked_add(SignedDuration::from_hours(i64::from(hours)))
                .ok()?;
            Some(WindowClose {
                last_day: end.to_zoned(version.time_zone.clone()).date(),
                end: Some(end),
            })
        }
    }
}

/// How long a return for one reason may still be requested, for telling a customer what they
/// can do now ("Return for a quality issue possible until 24 March").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnWindow {
    pub reason: ReturnReason,
    pub clause: String,
    /// The last local day a request is accepted.
    pub last_day: Date,
    /// For windows counted in hours, the exact moment it closes.
    pub until: Option<Timestamp>,
    pub open: bool,
    /// Damage was recorded with the carrier at signing, so this window is the longer one the
    /// policy gives such claims (I.6).
    pub kept_open: bool,
}

/// The window a reason gives this order: the reason's own, or the longer one for damage recorded
/// with the carrier at signing.
fn effective_window(rule: &ReasonRule, damage_noted_at_signing: bool) -> (Window, bool) {
    match rule.noted_at_signing_window {
        Some(longer) if damage_noted_at_signing => (longer, true),
        _ => (rule.window, false),
    }
}

/// The return windows of an order signed at `signed_at`, under the version in force when it was
/// placed, as they stand at `now`. Computed exactly as the evaluator computes them.
/// `customer_zone` is the customer's own time zone, when known: a window in days is open while
/// it is open by the shop's dates or by the customer's, and its last day is the later of the two.
pub fn return_windows(
    policy: &Policy,
    placed_at: Timestamp,
    signed_at: Timestamp,
    damage_noted_at_signing: bool,
    customer_zone: Option<&jiff::tz::TimeZone>,
    now: Timestamp,
) -> Vec<ReturnWindow> {
    let Some(version) = policy.version_at(placed_at) else {
        return Vec::new();
    };
    let today = now.to_zoned(version.time_zone.clone()).date();
    ReturnReason::ALL
        .iter()
        .filter_map(|&reason| {
            let rule = version.returns.reason.get(reason);
            let (window, kept_open) = effective_window(rule, damage_noted_at_signing);
            let close = window_close(version, window, signed_at)?;
            let mut open = match close.end {
                Some(end) => now <= end,
                None => today <= close.last_day,
            };
            let mut last_day = close.last_day;
            if let (Window::Days(days), Some(zone), true) = (
                window,
                customer_zone,
                version.returns.windows_in_customer_dates,
            ) {
                let their_today = now.to_zoned(zone.clone()).date();
                if let Ok(their_last) = signed_at
                    .to_zoned(zone.clone())
                    .date()
                    .checked_add(jiff::Span::new().days(days))
                {
                    open |= their_today <= their_last;
                    last_day = last_day.max(their_last);
                }
            }
            Some(ReturnWindow {
                reason,
                clause: rule.clause.as_str().to_owned(),
                last_day,
                until: close.end,
                open,
                kept_open,
            })
        })
        .collect()
}

struct WindowCheck {
    open: bool,
    /// The last local day of the window.
    last_day: Date,
    /// How the window reads to a customer.
    description: String,
}

fn money_error(e: MoneyError) -> FactsError {
    FactsError {
        field: "order".into(),
        message: format!("the amounts cannot be computed exactly: {e}"),
    }
}

fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

impl Evaluation<'_> {
    fn cite(&mut self, clause: &ClauseRef) {
        if !self.decision.clauses.iter().any(|c| c == clause.as_str()) {
            self.decision.clauses.push(clause.as_str().to_owned());
        }
    }

    fn say(&mut self, reason: impl Into<String>) {
        self.decision.reasons.push(reason.into());
    }

    fn local_date(&self, t: Timestamp) -> Date {
        t.to_zoned(self.version.time_zone.clone()).date()
    }

    fn submitted_at(
        &self,
        submitted: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<Timestamp, FactsError> {
        let at = submitted.unwrap_or(now);
        match self.facts.signed_at {
            Some(signed) if at < signed => Err(FactsError {
                field: "request.submitted_at".into(),
                message: if submitted.is_some() {
                    "is before signed_at".into()
                } else {
                    "is missing, and now is before signed_at".into()
                },
            }),
            _ => Ok(at),
        }
    }

    /// Sets `deadlines[key]` to the given service time after `from`, counted in working days.
    fn deadline(
        &mut self,
        key: &'static str,
        from: Timestamp,
        time: &ServiceTime,
        field: &str,
    ) -> Result<Date, FactsError> {
        let start = self.local_date(from);
        let counted = self
            .calendar
            .add_working_days(start, time.working_days)
            .map_err(|e| FactsError {
                field: field.to_owned(),
                message: e.to_string(),
            })?;
        self.warnings.extend(counted.warnings);
        self.cite(&time.clause);
        self.decision.deadlines.insert(key, counted.value);
        Ok(counted.value)
    }

    fn signed_at(&self) -> Result<Timestamp, FactsError> {
        self.facts.signed_at.ok_or_else(|| FactsError {
            field: "signed_at".into(),
            message: "is required: return windows count from signing".into(),
        })
    }

    fn window(&self, rule: &ReasonRule, submitted: Timestamp) -> Result<WindowCheck, FactsError> {
        let signed = self.signed_at()?;
        let signed_local = signed.to_zoned(self.version.time_zone.clone());
        let out_of_range = || FactsError {
            field: "signed_at".into(),
            message: "is too close to the end of the supported date range".into(),
        };
        let (window, noted) = effective_window(rule, self.facts.damage_noted_at_signing);
        let close = window_close(self.version, window, signed).ok_or_else(out_of_range)?;
        let mut check = match window {
            Window::Days(days) => {
                let last_day = close.last_day;
                let mut check = WindowCheck {
                    open: self.local_date(submitted) <= last_day,
                    last_day,
                    description: format!(
                        "within {days} days of signing; you signed on {}, so the window is open until the end of {}",
                        long_date(signed_local.date()),
                        long_date(last_day)
                    ),
                };
                // The customer's own dates count too: a window is open while it is open on
                // either calendar, so a time zone never costs a customer a day.
                let dates = self.facts.customer_dates;
                if self.version.returns.windows_in_customer_dates
                    && let (Some(signed_on), Some(submitted_on)) =
                        (dates.signed_on, dates.submitted_on)
                    && let Ok(their_last) = signed_on.checked_add(jiff::Span::new().days(days))
                {
                    let in_time_for_them = !check.open && submitted_on <= their_last;
                    if their_last != last_day || in_time_for_them {
                        check.description.push_str(&format!(
                            "; by your own local dates (signed on {}, asked on {}) it runs until the end of {}",
                            long_date(signed_on),
                            long_date(submitted_on),
                            long_date(their_last)
                        ));
                    }
                    if in_time_for_them {
                        check.open = true;
                        check.description.push_str(", so your request is in time");
                    }
                    check.last_day = check.last_day.max(their_last);
                }
                check
            }
            Window::Hours(hours) => {
                let end = close.end.ok_or_else(out_of_range)?;
                let end_local = end.to_zoned(self.version.time_zone.clone());
                WindowCheck {
                    open: submitted <= end,
                    last_day: end_local.date(),
                    description: format!(
                        "within {hours} hours of signing; you signed on {}, so the window is open until {} ({} time)",
                        signed_local.strftime("%-d %B %Y at %H:%M"),
                        end_local.strftime("%-d %B %Y at %H:%M"),
                        self.version.time_zone_name
                    ),
                }
            }
        };
        if noted {
            check.description = format!(
                "{}, because the damage was recorded with the carrier at signing ({} for damage found later)",
                check.description, rule.window
            );
        }
        Ok(check)
    }

    fn requested_total(&self, lines: &[RequestLine]) -> Result<Money, FactsError> {
        self.facts.order.paid_for(lines).map_err(money_error)
    }

    /// The refund a passed inspection gives for these units under this reason's cost sharing.
    fn return_refund(
        &self,
        rule: &ReasonRule,
        lines: &[RequestLine],
        (return_costs, claimed): (Money, Option<Money>),
    ) -> Result<(Refund, Vec<String>), FactsError> {
        let order = &self.facts.order;
        let currency = order.currency;
        let returned = self.requested_total(lines)?;
        let order_products = order.products_total().map_err(money_error)?;
        let units = |lines: &[RequestLine]| -> i64 {
            lines
                .iter()
                .filter(|l| order.line(&l.sku).is_some())
                .map(|l| i64::from(l.quantity))
                .sum()
        };
        let order_units: i64 = order.lines.iter().map(|l| i64::from(l.quantity)).sum();
        let share = |fee: Money| -> Result<Money, MoneyError> {
            if !order_products.is_zero() {
                return fee.pro_rata(returned, order_products);
            }
            match self.version.returns.zero_value_order_fees {
                ZeroValueFees::ByUnits if order_units > 0 => fee.pro_rata(
                    Money::from_minor(units(lines), currency),
                    Money::from_minor(order_units, currency),
                ),
                _ => Ok(Money::zero(currency)),
            }
        };
        let mut lines_out = Vec::new();
        let mut words = Vec::new();
        let product = returned.percent(rule.product).map_err(money_error)?;
        lines_out.push(RefundLine {
            kind: RefundLineKind::Product,
            amount: product,
        });
        words.push(format!(
            "Product: {} of the price paid for the returned units ({returned}) = {product}.",
            rule.product
        ));
        if rule.handling_fee > Percent::ZERO {
            let fee = returned.percent(rule.handling_fee).map_err(money_error)?;
            if !fee.is_zero() {
                lines_out.push(RefundLine {
                    kind: RefundLineKind::HandlingFee,
                    amount: fee.negated().map_err(money_error)?,
                });
                words.push(format!(
                    "Handling fee: {} of the product amount ({fee}) is kept.",
                    rule.handling_fee
                ));
            }
        }
        for (kind, fee, pct, what) in [
            (
                RefundLineKind::OriginalShipping,
                order.shipping_paid,
                rule.original_shipping,
                "the original international shipping",
            ),
            (
                RefundLineKind::Duties,
                order.duties_paid,
                rule.duties,
                "the duties and taxes included in the order",
            ),
        ] {
            if fee.is_zero() {
                continue;
            }
            if pct == Percent::ZERO {
                words.push(format!(
                    "{}: not refunded for this reason.",
                    capitalize(what)
                ));
                continue;
            }
            let part = share(fee).map_err(money_error)?;
            let refunded = part.percent(pct).map_err(money_error)?;
            if !refunded.is_zero() {
                lines_out.push(RefundLine {
                    kind,
                    amount: refunded,
                });
            }
            words.push(format!(
                "{}: the returned units' share is {part} of {fee}; {pct} of it is refunded = {refunded}.",
                capitalize(what)
            ));
        }
        let rules = &self.version.returns;
        let cap = returned
            .percent(rules.return_costs_cap_percent)
            .map_err(money_error)?;
        if rule.return_costs == Percent::ZERO {
            if !return_costs.is_zero() || claimed.is_some_and(|c| !c.is_zero()) {
                words.push(
                    "Your return shipping and export declaration costs: not compensated for this reason.".into(),
                );
            }
        } else if !return_costs.is_zero() {
            let confirmed = if return_costs.minor() > cap.minor() {
                words.push(format!(
                    "Return costs are compensated up to {} of the returned units' price ({cap}); {return_costs} was confirmed, so {cap} counts.",
                    rules.return_costs_cap_percent
                ));
                cap
            } else {
                return_costs
            };
            let refunded = confirmed.percent(rule.return_costs).map_err(money_error)?;
            if !refunded.is_zero() {
                lines_out.push(RefundLine {
                    kind: RefundLineKind::ReturnCosts,
                    amount: refunded,
                });
            }
            words.push(format!(
                "Your return shipping and export declaration costs, as confirmed from your receipt ({confirmed}): {} compensated = {refunded}.",
                rule.return_costs
            ));
        } else {
            let told = claimed
                .filter(|c| !c.is_zero())
                .map(|c| format!(" You told us they cost {c}; keep the receipt."))
                .unwrap_or_default();
            words.push(format!(
                "Your return shipping and export declaration costs are compensated after we receive the goods, per your receipt: {} of the amount we confirm, up to {cap} ({} of the returned units' price).{told}",
                rule.return_costs, rules.return_costs_cap_percent
            ));
        }
        let refund = Refund::from_lines(currency, lines_out).map_err(money_error)?;
        Ok((refund, words))
    }

    fn return_request(
        &mut self,
        reason: ReturnReason,
        submitted: Timestamp,
        lines: &[RequestLine],
        evidence: bool,
        return_costs: (Money, Option<Money>),
    ) -> Result<(), FactsError> {
        let version = self.version;
        let rules = &version.returns;
        let rule = rules.reason.get(reason);
        let window = self.window(rule, submitted)?;
        self.cite(&rule.clause);
        self.say(format!(
            "A return for {} can be requested {}.",
            reason.label(),
            window.description
        ));
        if !window.open {
            return self.past_window(reason, rule);
        }
        if rules.evidence_required && !evidence {
            self.decision.outcome = Outcome::NeedsEvidence;
            self.cite(&rules.evidence_clause);
            self.say(format!(
                "Every return request needs clear photos or videos of the problem; add them before the window closes ({}).",
                long_date(window.last_day)
            ));
            self.decision
                .deadlines
                .insert("evidence_by", window.last_day);
            return Ok(());
        }
        self.decision.outcome = Outcome::ReturnEligible;
        if rules.evidence_required {
            self.cite(&rules.evidence_clause);
        }
        let (refund, words) = self.return_refund(rule, lines, return_costs)?;
        self.cite(&rules.refund_clause);
        if rule.return_costs != Percent::ZERO {
            self.cite(&rules.return_costs_clause);
        }
        for w in words {
            self.say(w);
        }
        self.say(format!(
            "Estimated refund: {}, paid back to the account you paid with once the returned goods pass inspection.",
            refund.total
        ));
        self.decision.refund = Some(refund);
        let review_by = self.deadline(
            "review_by",
            submitted,
            &version.deadlines.return_review,
            "request.submitted_at",
        )?;
        self.cite(&rules.review_clause);
        self.cite(&rules.rma_clause);
        self.say(format!(
            "Do not send the product back yet: customer service reviews the request by {} and e-mails an RMA number, the return address and instructions. Parcels without an RMA number are handled as buybacks.",
            long_date(review_by)
        ));
        self.cite(&rules.condition_clause);
        self.say(
            "The goods must come back intact, unused and complete with their original packaging and accessories; otherwise they may be handled as a buyback or refunded only in part.",
        );
        Ok(())
    }

    fn past_window(&mut self, reason: ReturnReason, rule: &ReasonRule) -> Result<(), FactsError> {
        let version = self.version;
        self.decision.outcome = Outcome::BuybackOffered;
        self.cite(&version.returns.past_window_clause);
        self.cite(&version.buyback.eligibility_clause);
        self.say(format!(
            "The return period for {} has passed, so the request is handled by the buyback program: you can sell the product back for part of its price, based on its condition.",
            reason.label()
        ));
        if rule.hidden_defects_negotiable {
            self.say(
                "If you found a hidden quality problem only after use, contact customer service: such special cases can be negotiated.",
            );
        }
        Ok(())
    }

    fn buyback_quote(
        &mut self,
        submitted: Timestamp,
        lines: &[RequestLine],
        condition: &Condition,
    ) -> Result<Option<Quote>, FactsError> {
        let b = &self.version.buyback;
        let base = self.requested_total(lines)?;
        let GradeRule::Percent(grade_percent) = b.grade.get(condition.grade) else {
            return Ok(None);
        };
        let mut adjustments = Vec::new();
        if condition.missing_accessories > 0 {
            adjustments.push(QuoteAdjustment {
                kind: QuoteAdjustmentKind::MissingAccessories,
                points: b
                    .missing_accessory_points
                    .times(condition.missing_accessories),
            });
        }
        if !condition.original_packaging {
            adjustments.push(QuoteAdjustment {
                kind: QuoteAdjustmentKind::NoOriginalPackaging,
                points: b.no_original_packaging_points,
            });
        }
        let points = adjustments
            .iter()
            .fold(Percent::ZERO, |sum, a| sum.plus(a.points));
        let percent = grade_percent
            .minus_points_floored(points, b.min_percent)
            .min(b.max_percent);
        let floor_applied = points > Percent::ZERO
            && percent == b.min_percent
            && grade_percent.minus_points_floored(points, Percent::ZERO) < b.min_percent;
        let amount = base.percent(percent).map_err(money_error)?;
        let valid_until = self
            .local_date(submitted)
            .checked_add(jiff::Span::new().days(b.quote_valid_days))
            .map_err(|_| FactsError {
                field: "request.submitted_at".into(),
                message: "is too close to the end of the supported date range".into(),
            })?;
        Ok(Some(Quote {
            currency: base.currency(),
            percent,
            amount,
            base,
            grade_percent,
            adjustments,
            floor_applied,
            valid_until,
        }))
    }

    fn buyback(
        &mut self,
        submitted: Timestamp,
        lines: &[RequestLine],
        condition: &Condition,
        defect: Option<ReturnReason>,
        evidence: Option<bool>,
    ) -> Result<(), FactsError> {
        let version = self.version;
        let b = &version.buyback;
        self.cite(&b.eligibility_clause);
        let quote = self.buyback_quote(submitted, lines, condition)?;
        if let Some(defect) = defect {
            let rule = version.returns.reason.get(defect);
            let window = self.window(rule, submitted)?;
            let mut fails = Vec::new();
            if !b.return_first_grades.contains(&condition.grade) {
                fails.push(format!("it is in {} condition", condition.grade.label()));
            }
            if condition.missing_accessories > 0 {
                fails.push(format!(
                    "{} accessor{} missing",
                    condition.missing_accessories,
                    if condition.missing_accessories == 1 {
                        "y is"
                    } else {
                        "ies are"
                    }
                ));
            }
            if !condition.original_packaging {
                fails.push("the original packaging is gone".to_owned());
            }
            if window.open && !fails.is_empty() {
                self.cite(&version.returns.condition_clause);
                self.say(format!(
                    "You report {}, and a return for it can still be requested {}. But a return needs the product intact, unused and complete in its original packaging, and {}: it would not pass inspection, so the buyback program is the better way.",
                    defect.label(),
                    window.description,
                    fails.join(", ")
                ));
            }
            if window.open && fails.is_empty() {
                self.decision.outcome = Outcome::ReturnRecommended;
                self.cite(&b.return_first_clause);
                self.cite(&rule.clause);
                self.say(format!(
                    "You report {}, and a return for it can still be requested {}. A return gives you more than a buyback, so we recommend it.",
                    defect.label(),
                    window.description
                ));
                let (refund, words) = self.return_refund(
                    rule,
                    lines,
                    (Money::zero(self.facts.order.currency), None),
                )?;
                self.cite(&version.returns.refund_clause);
                for w in words {
                    self.say(w);
                }
                self.say(format!(
                    "Estimated return refund: {} (before compensation of your return shipping), against a buyback of {}.",
                    refund.total,
                    quote
                        .as_ref()
                        .map_or_else(|| "an amount set by staff".to_owned(), |q| q.amount.to_string())
                ));
                if version.returns.evidence_required {
                    self.cite(&version.returns.evidence_clause);
                    self.say("A return needs clear photos or videos of the problem.");
                }
                self.decision.refund = Some(refund);
                self.decision.quote = quote;
                self.decision.deadlines.insert("return_by", window.last_day);
                self.deadline(
                    "review_by",
                    submitted,
                    &version.deadlines.return_review,
                    "request.submitted_at",
                )?;
                return Ok(());
            }
            if !window.open {
                self.say(format!(
                    "The return period for {} has passed, so the buyback program applies.",
                    defect.label()
                ));
                if rule.hidden_defects_negotiable {
                    self.cite(&version.returns.past_window_clause);
                    self.say(
                        "If it is a hidden quality problem you found only after use, contact customer service: such special cases can be negotiated.",
                    );
                }
            }
        }
        self.cite(&b.quote_clause);
        match quote {
            None => {
                self.decision.outcome = Outcome::BuybackManualReview;
                self.cite(&b.serious_damage_clause);
                self.say(format!(
                    "A {} product needs a look from staff: they set the buyback amount from your photos, and it may be below the usual {} to {} of the price.",
                    condition.grade.label(),
                    b.min_percent,
                    b.max_percent
                ));
            }
            Some(q) => {
                self.decision.outcome = Outcome::BuybackQuote;
                let mut parts = vec![format!(
                    "{} for a product in {} condition",
                    q.grade_percent,
                    condition.grade.label()
                )];
                for a in &q.adjustments {
                    parts.push(match a.kind {
                        QuoteAdjustmentKind::MissingAccessories => format!(
                            "minus {} points for {} missing accessor{}",
                            a.points.to_string().trim_end_matches('%'),
                            condition.missing_accessories,
                            if condition.missing_accessories == 1 {
                                "y"
                            } else {
                                "ies"
                            }
                        ),
                        QuoteAdjustmentKind::NoOriginalPackaging => format!(
                            "minus {} points without the original packaging",
                            a.points.to_string().trim_end_matches('%')
                        ),
                    });
                }
                self.say(format!(
                    "Buyback quote: {} of the price paid ({}) = {}; {}.",
                    q.percent,
                    q.base,
                    q.amount,
                    parts.join(", ")
                ));
                if q.floor_applied {
                    self.say(format!(
                        "The quote never goes below {} of the price paid.",
                        b.min_percent
                    ));
                }
                self.say(format!(
                    "The quote is open until {}. If you accept, send the product back at your own cost; we pay after it arrives and passes inspection.",
                    long_date(q.valid_until)
                ));
                self.decision.quote = Some(q);
            }
        }
        if evidence == Some(false) {
            self.say("Add photos of the product's current state (signs of use, packaging): staff confirm the quote from them.");
        }
        let quote_by = self.deadline(
            "quote_by",
            submitted,
            &version.deadlines.buyback_quote,
            "request.submitted_at",
        )?;
        self.say(format!(
            "Customer service confirms the amount by {}.",
            long_date(quote_by)
        ));
        Ok(())
    }

    fn exchange(
        &mut self,
        submitted: Timestamp,
        lines: &[RequestLine],
        reason: Option<ReturnReason>,
        evidence: bool,
    ) -> Result<(), FactsError> {
        let version = self.version;
        let x = &version.exchange;
        let reason = reason.unwrap_or(x.default_reason);
        let rule = version.returns.reason.get(reason);
        let window = self.window(rule, submitted)?;
        self.cite(&x.clause);
        self.cite(&rule.clause);
        self.say(format!(
            "An exchange goes through the return window: a return for {} can be requested {}.",
            reason.label(),
            window.description
        ));
        if !window.open {
            return self.past_window(reason, rule);
        }
        match self.exchange_negotiable(lines)? {
            Ok(()) => {
                self.decision.outcome = Outcome::ExchangeNegotiable;
                self.cite(&x.negotiable_clause);
                self.say(format!(
                    "The product's unit price is high and its share of the shipping small (at most {} of its price), so customer service can negotiate a direct exchange with you.",
                    x.negotiable_max_shipping_share
                ));
                let review_by = self.deadline(
                    "review_by",
                    submitted,
                    &version.deadlines.return_review,
                    "request.submitted_at",
                )?;
                self.say(format!(
                    "Customer service contacts you by {}.",
                    long_date(review_by)
                ));
                return Ok(());
            }
            Err(why) => self.say(why),
        }
        self.say("Cross-border shipping is costly and slow, so we do not exchange directly: return the product for a refund, then order the one you need.");
        if version.returns.evidence_required && !evidence {
            self.decision.outcome = Outcome::NeedsEvidence;
            self.cite(&version.returns.evidence_clause);
            self.say(format!(
                "The return needs clear photos or videos of the product; add them before the window closes ({}).",
                long_date(window.last_day)
            ));
            self.decision
                .deadlines
                .insert("evidence_by", window.last_day);
            return Ok(());
        }
        self.decision.outcome = Outcome::ExchangeViaReturn;
        let (refund, words) =
            self.return_refund(rule, lines, (Money::zero(self.facts.order.currency), None))?;
        self.cite(&version.returns.refund_clause);
        for w in words {
            self.say(w);
        }
        self.decision.refund = Some(refund);
        self.deadline(
            "review_by",
            submitted,
            &version.deadlines.return_review,
            "request.submitted_at",
        )?;
        Ok(())
    }

    /// Whether a direct exchange of these units can be negotiated (III.4), judged per unit: its
    /// price at least the policy's threshold for the currency, and its own share of the original
    /// shipping (the shipping over the order's units) at most the policy's share of its price.
    /// Compared exactly: `shipping / units ≤ num / den × price` is
    /// `shipping × den ≤ num × price × units`. `Err` says why not, for the customer.
    fn exchange_negotiable(&self, lines: &[RequestLine]) -> Result<Result<(), String>, FactsError> {
        let order = &self.facts.order;
        let x = &self.version.exchange;
        let Some(threshold) = x.min_unit_price(order.currency) else {
            return Ok(Err(format!(
                "Direct exchanges are not negotiated for orders in {}.",
                order.currency.code()
            )));
        };
        if order.shipping_paid.is_zero() {
            return Ok(Err(
                "The order's shipping was free, so an exchange's logistics would be the shop's cost: it is not negotiated."
                    .into(),
            ));
        }
        let units: i128 = order.lines.iter().map(|l| i128::from(l.quantity)).sum();
        let shipping = i128::from(order.shipping_paid.minor());
        let (num, den) = x.negotiable_max_shipping_share.fraction();
        for l in lines {
            let Some(line) = order.line(&l.sku) else {
                return Ok(Err(format!("`{}` is not on the order.", l.sku)));
            };
            if line.unit_price.minor() < threshold.minor() {
                return Ok(Err(format!(
                    "A direct exchange is negotiated only for units of at least {threshold}; {} costs {}.",
                    l.sku, line.unit_price
                )));
            }
            let unit = i128::from(line.unit_price.minor());
            let lhs = shipping.checked_mul(den);
            let rhs = num.checked_mul(unit).and_then(|v| v.checked_mul(units));
            let (Some(lhs), Some(rhs)) = (lhs, rhs) else {
                return Err(money_error(MoneyError::Overflow));
            };
            if lhs > rhs {
                return Ok(Err(format!(
                    "Shipping is too large a part of {}'s price for a direct exchange: its share of the original shipping is more than {} of its price.",
                    l.sku, x.negotiable_max_shipping_share
                )));
            }
        }
        Ok(Ok(()))
    }

    fn undeliverable(
        &mut self,
        returned_at: Timestamp,
        processing_fee: Money,
    ) -> Result<(), FactsError> {
        let version = self.version;
        let u = &version.undeliverable;
        let order = &self.facts.order;
        self.cite(&u.clause);
        self.cite(&u.address_clause);
        let product = order.products_total().map_err(money_error)?;
        let mut lines = vec![RefundLine {
            kind: RefundLineKind::Product,
            amount: product,
        }];
        let mut deductions = Vec::new();
        if u.deduct_original_shipping && !order.shipping_paid.is_zero() {
            lines.push(RefundLine {
                kind: RefundLineKind::DeductionShipping,
                amount: order.shipping_paid.negated().map_err(money_error)?,
            });
            deductions.push(format!(
                "the original international shipping ({})",
                order.shipping_paid
            ));
        }
        if u.deduct_return_processing && !processing_fee.is_zero() {
            lines.push(RefundLine {
                kind: RefundLineKind::DeductionProcessing,
                amount: processing_fee.negated().map_err(money_error)?,
            });
            deductions.push(format!("the return processing fee ({processing_fee})"));
        }
        let refund = Refund::from_lines(order.currency, lines).map_err(money_error)?;
        self.say("The parcel came back for the buyer's reasons (wrong or incomplete address, no contact, or refusal), which the buyer is responsible for.");
        let contact_by = self.deadline(
            "contact_by",
            returned_at,
            &version.deadlines.returned_parcel_contact,
            "request.returned_at",
        )?;
        let reship = if u.reship_needs_second_shipping_fee {
            " (a second international shipping fee is needed)"
        } else {
            ""
        };
        self.say(format!(
            "We contact you by {} to ask whether to reship the parcel{reship} or refund it.",
            long_date(contact_by)
        ));
        let deducted = if deductions.is_empty() {
            String::new()
        } else {
            format!(" less {}", deductions.join(" and "))
        };
        if refund.total.minor() > 0 {
            self.decision.outcome = Outcome::RefundAfterDeductions;
            self.say(format!(
                "Without reshipping, the refund is the product amount ({product}){deducted} = {}.",
                refund.total
            ));
            self.decision.refund = Some(refund);
        } else {
            self.decision.outcome = Outcome::NoRefund;
            self.say(format!(
                "Without reshipping there is no refund: the product amount ({product}){deducted} leaves nothing."
            ));
        }
        Ok(())
    }

    fn customs_destroyed(&mut self, goods_returned: bool) {
        let version = self.version;
        let c = &version.customs;
        self.decision.outcome = Outcome::NoRefund;
        self.cite(&c.destroyed_clause);
        self.cite(&c.refusal_clause);
        self.say("The destination's customs held or destroyed the parcel for the buyer's reasons (duties refused or clearance documents missing); the buyer bears the losses and no refund is given.");
        if goods_returned && c.returned_goods_to_buyback {
            self.cite(&version.buyback.eligibility_clause);
            self.say("The goods that came back are handled by the buyback program.");
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
