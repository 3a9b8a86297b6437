//! A policy decision as a customer or an agent reads it: the outcome in a sentence, the refund
//! breakdown or the quote line by line, the reasons, the clauses they come from in the
//! documents' words, and the deadlines of the next step. The request wizard's preview and the
//! policy simulator both show it.

use aftercare_core::evaluate::{QuoteAdjustmentKind, RefundLineKind};
use aftercare_core::{Decision, Outcome, Policy};

pub(crate) struct ClauseView {
    pub id: String,
    pub title: String,
    pub text: String,
}

pub(crate) struct DecisionView {
    pub headline: &'static str,
    /// `good` when the request can go ahead as asked, `bad` otherwise; a style hook.
    pub tone: &'static str,
    /// Label and amount of each refund line, then the total.
    pub refund: Vec<(&'static str, String)>,
    pub refund_total: Option<String>,
    /// Label and value of each line of a quote.
    pub quote: Vec<(String, String)>,
    pub quote_total: Option<String>,
    pub reasons: Vec<String>,
    pub clauses: Vec<ClauseView>,
    pub deadlines: Vec<(&'static str, String)>,
    pub warnings: Vec<String>,
}

fn headline(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::ReturnEligible => (
            "You can return these items. Once the parcel passes inspection you get the refund below.",
            "good",
        ),
        Outcome::NeedsEvidence => (
            "Add clear photos or videos of the problem: the policy needs them before a return.",
            "bad",
        ),
        Outcome::BuybackOffered => (
            "A return is no longer possible, but our buyback program can buy the items from you.",
            "bad",
        ),
        Outcome::BuybackQuote => (
            "Our buyback program can buy the items for the amount below.",
            "good",
        ),
        Outcome::BuybackManualReview => (
            "Customer service looks at your photos and sends you a quote.",
            "good",
        ),
        Outcome::ReturnRecommended => (
            "This is a defect: a return gives you more than the buyback program.",
            "bad",
        ),
        Outcome::ExchangeViaReturn => (
            "We exchange through a return: send these back for a refund, then order what you need.",
            "good",
        ),
        Outcome::ExchangeNegotiable => (
            "Customer service can agree a direct exchange with you.",
            "good",
        ),
        Outcome::RefundAfterDeductions => ("A refund after the deductions below.", "good"),
        Outcome::NoRefund => ("The policy gives no refund here.", "bad"),
    }
}

fn refund_label(kind: RefundLineKind) -> &'static str {
    match kind {
        RefundLineKind::Product => "The price of the items",
        RefundLineKind::HandlingFee => "Handling fee kept",
        RefundLineKind::OriginalShipping => "Your share of the original shipping",
        RefundLineKind::Duties => "Your share of the duties you paid",
        RefundLineKind::ReturnCosts => "What sending the parcel back cost you",
        RefundLineKind::DeductionShipping => "International shipping of the order deducted",
        RefundLineKind::DeductionProcessing => "Return processing fee deducted",
    }
}

fn deadline_label(name: &str) -> &'static str {
    match name {
        "review_by" => "We review the request by",
        "return_by" => "A return can be requested until",
        "evidence_by" => "Add photos or videos by",
        "quote_by" => "Customer service confirms the amount by",
        "contact_by" => "We contact you by",
        "process_by" => "We process the order by",
        _ => "Due by",
    }
}

fn long_date(d: jiff::civil::Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

impl DecisionView {
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
            .map(|l| (refund_label(l.kind), l.amount.to_string()))
            .collect();
        let mut quote = Vec::new();
        if let Some(q) = &decision.quote {
            quote.push((
                "Paid for the items".to_owned(),
                format!("{} {}", q.base.amount_text(), q.currency),
            ));
            quote.push((
                "Share for their condition".to_owned(),
                q.grade_percent.to_string(),
            ));
            for a in &q.adjustments {
                let what = match a.kind {
                    QuoteAdjustmentKind::MissingAccessories => "Missing accessories",
                    QuoteAdjustmentKind::NoOriginalPackaging => "Without the original packaging",
                };
                quote.push((what.to_owned(), format!("−{}", a.points)));
            }
            if q.floor_applied {
                quote.push((
                    "The program's lowest share applies".to_owned(),
                    q.percent.to_string(),
                ));
            }
            quote.push(("Offer valid until".to_owned(), long_date(q.valid_until)));
        }
        DecisionView {
            headline,
            tone,
            refund,
            refund_total: decision.refund.as_ref().map(|r| r.total.to_string()),
            quote,
            quote_total: decision
                .quote
                .as_ref()
                .map(|q| format!("{} ({} of the price paid)", q.amount, q.percent)),
            reasons: decision.reasons.clone(),
            clauses,
            deadlines: decision
                .deadlines
                .iter()
                .map(|(name, date)| (deadline_label(name), long_date(*date)))
                .collect(),
            warnings: decision.warnings.clone(),
        }
    }
}
