//! A policy decision as a customer or an agent reads it: the outcome in a sentence, the refund
//! breakdown or the quote line by line, the reasons, the clauses they come from in the
//! documents' words, and the deadlines of the next step. The request wizard's preview and the
//! policy simulator both show it.

use aftercare_core::evaluate::{QuoteAdjustmentKind, RefundLineKind};
use aftercare_core::i18n::Arg;
use aftercare_core::{Decision, Outcome, Policy};

use super::i18n::{self, amount, date, lang, reason};

pub(crate) struct ClauseView {
    pub id: String,
    pub title: String,
    pub text: String,
}

pub(crate) struct DecisionView {
    pub headline: String,
    /// `good` when the request can go ahead as asked, `bad` otherwise; a style hook.
    pub tone: &'static str,
    /// Label and amount of each refund line, then the total.
    pub refund: Vec<(String, String)>,
    pub refund_total: Option<String>,
    /// Label and value of each line of a quote.
    pub quote: Vec<(String, String)>,
    pub quote_total: Option<String>,
    pub reasons: Vec<String>,
    pub clauses: Vec<ClauseView>,
    pub deadlines: Vec<(String, String)>,
    pub warnings: Vec<String>,
}

/// The outcome's headline, by message id, and its tone.
fn headline(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::ReturnEligible => ("outcome-return-eligible", "good"),
        Outcome::NeedsEvidence => ("outcome-needs-evidence", "bad"),
        Outcome::BuybackOffered => ("outcome-buyback-offered", "bad"),
        Outcome::BuybackQuote => ("outcome-buyback-quote", "good"),
        Outcome::BuybackManualReview => ("outcome-buyback-manual-review", "good"),
        Outcome::ReturnRecommended => ("outcome-return-recommended", "bad"),
        Outcome::ExchangeViaReturn => ("outcome-exchange-via-return", "good"),
        Outcome::ExchangeNegotiable => ("outcome-exchange-negotiable", "good"),
        Outcome::RefundAfterDeductions => ("outcome-refund-after-deductions", "good"),
        Outcome::NoRefund => ("outcome-no-refund", "bad"),
    }
}

fn refund_label(kind: RefundLineKind) -> &'static str {
    match kind {
        RefundLineKind::Product => "refund-line-product",
        RefundLineKind::HandlingFee => "refund-line-handling-fee",
        RefundLineKind::OriginalShipping => "refund-line-original-shipping",
        RefundLineKind::Duties => "refund-line-duties",
        RefundLineKind::ReturnCosts => "refund-line-return-costs",
        RefundLineKind::DeductionShipping => "refund-line-deduction-shipping",
        RefundLineKind::DeductionProcessing => "refund-line-deduction-processing",
    }
}

fn deadline_label(name: &str) -> &'static str {
    match name {
        "review_by" => "deadline-review-by",
        "return_by" => "deadline-return-by",
        "evidence_by" => "deadline-evidence-by",
        "quote_by" => "deadline-quote-by",
        "contact_by" => "deadline-contact-by",
        "process_by" => "deadline-process-by",
        _ => "deadline-due-by",
    }
}

impl DecisionView {
    /// The decision in the words of the request's language: the reasons from their message ids
    /// (a decision kept before they were, in its stored English).
    pub(crate) fn new(decision: &Decision, policy: &Policy) -> DecisionView {
        let (headline, tone) = headline(decision.outcome);
        let version = policy.version(&decision.policy_version);
        let clauses = decision
            .clauses
            .iter()
            .map(|id| {
                let clause = version.and_then(|v| v.clause(id));
                ClauseView {
                    id: id.clone(),
                    title: clause.map(|c| c.title.clone()).unwrap_or_default(),
                    text: clause.map(|c| c.text.clone()).unwrap_or_default(),
                }
            })
            .collect();
        let refund = decision
            .refund
            .iter()
            .flat_map(|r| r.lines.iter())
            .map(|l| (i18n::text(refund_label(l.kind)), amount(l.amount)))
            .collect();
        let mut quote = Vec::new();
        let lang = lang();
        if let Some(q) = &decision.quote {
            quote.push((i18n::text("quote-line-paid"), amount(q.base)));
            quote.push((
                i18n::text("quote-line-grade"),
                lang.percent(q.grade_percent),
            ));
            for a in &q.adjustments {
                let what = match a.kind {
                    QuoteAdjustmentKind::MissingAccessories => "quote-line-missing-accessories",
                    QuoteAdjustmentKind::NoOriginalPackaging => "quote-line-no-packaging",
                };
                quote.push((i18n::text(what), format!("−{}", lang.percent(a.points))));
            }
            if q.floor_applied {
                quote.push((i18n::text("quote-line-floor"), lang.percent(q.percent)));
            }
            quote.push((i18n::text("quote-line-valid-until"), date(q.valid_until)));
        }
        let reasons = if decision.explained.is_empty() {
            decision.reasons.clone()
        } else {
            decision.explained.iter().map(reason).collect()
        };
        DecisionView {
            headline: i18n::text(headline),
            tone,
            refund,
            refund_total: decision.refund.as_ref().map(|r| amount(r.total)),
            quote,
            quote_total: decision.quote.as_ref().map(|q| {
                i18n::text_with(
                    "quote-total",
                    &[
                        ("amount", Arg::Amount(q.amount)),
                        ("percent", Arg::Percent(q.percent)),
                    ],
                )
            }),
            reasons,
            clauses,
            deadlines: decision
                .deadlines
                .iter()
                .map(|(name, d)| (i18n::text(deadline_label(name)), date(*d)))
                .collect(),
            warnings: decision.warnings.clone(),
        }
    }
}
