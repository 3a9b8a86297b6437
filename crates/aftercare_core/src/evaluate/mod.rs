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
use crate::i18n::{Arg, Lang, Said};
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
    /// The reasons in English words, as `explained` reads in English.
    pub reasons: Vec<String>,
    /// The reasons as message ids with their amounts and dates, for putting into the words of
    /// the customer's language (`aftercare_core::i18n::reasons`).
    pub explained: Vec<Said>,
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
            explained: Vec::new(),
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

fn money_error(e: MoneyError) -> FactsError {
    FactsError {
        field: "order".into(),
        message: format!("the amounts cannot be computed exactly: {e}"),
    }
}

impl Evaluation<'_> {
    fn cite(&mut self, clause: &ClauseRef) {
        if !self.decision.clauses.iter().any(|c| c == clause.as_str()) {
            self.decision.clauses.push(clause.as_str().to_owned());
        }
    }

    fn say(&mut self, reason: Said) {
        self.decision
            .reasons
            .push(crate::i18n::reasons().say(Lang::En, &reason));
        self.decision.explained.push(reason);
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
}

mod buyback;
mod parcels;
mod returns;
mod windows;

pub use windows::{ReturnWindow, return_windows};

#[cfg(test)]
mod tests;
