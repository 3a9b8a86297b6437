//! A buyback application judged: eligibility, the condition's grade and the quote (the buyback
//! program).

use super::*;

impl Evaluation<'_> {
    pub(super) fn buyback_quote(
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

    pub(super) fn buyback(
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
}
