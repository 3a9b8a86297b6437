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
            let window = self.window(rule, defect, "buyback", submitted)?;
            let mut fails = Vec::new();
            if !b.return_first_grades.contains(&condition.grade) {
                fails.push(Said::new("return-fails-grade").with(
                    "grade",
                    Arg::Message(condition.grade.message_id().to_owned()),
                ));
            }
            if condition.missing_accessories > 0 {
                fails.push(
                    Said::new("return-fails-accessories")
                        .with("missing", condition.missing_accessories),
                );
            }
            if !condition.original_packaging {
                fails.push(Said::new("return-fails-packaging"));
            }
            if window.open && !fails.is_empty() {
                self.cite(&version.returns.condition_clause);
                for said in window.said.iter().cloned().chain(fails.iter().cloned()) {
                    self.say(said);
                }
                self.say(Said::new("buyback-better-than-return"));
            }
            if window.open && fails.is_empty() {
                self.decision.outcome = Outcome::ReturnRecommended;
                self.cite(&b.return_first_clause);
                self.cite(&rule.clause);
                for said in window.said {
                    self.say(said);
                }
                self.say(Said::new("return-better-than-buyback"));
                let (refund, words) = self.return_refund(
                    rule,
                    lines,
                    (Money::zero(self.facts.order.currency), None),
                )?;
                self.cite(&version.returns.refund_clause);
                for w in words {
                    self.say(w);
                }
                self.say(match &quote {
                    Some(q) => Said::new("return-against-quote")
                        .with("refund", refund.total)
                        .with("quote", q.amount),
                    None => Said::new("return-against-staff-quote").with("refund", refund.total),
                });
                if version.returns.evidence_required {
                    self.cite(&version.returns.evidence_clause);
                    self.say(Said::new("return-needs-photos"));
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
                self.say(
                    Said::new("buyback-past-window")
                        .with("reason", Arg::Message(defect.message_id().to_owned())),
                );
                if rule.hidden_defects_negotiable {
                    self.cite(&version.returns.past_window_clause);
                    self.say(Said::new("hidden-defects-negotiable"));
                }
            }
        }
        self.cite(&b.quote_clause);
        match quote {
            None => {
                self.decision.outcome = Outcome::BuybackManualReview;
                self.cite(&b.serious_damage_clause);
                self.say(
                    Said::new("buyback-manual-review")
                        .with(
                            "grade",
                            Arg::Message(condition.grade.message_id().to_owned()),
                        )
                        .with("min", b.min_percent)
                        .with("max", b.max_percent),
                );
            }
            Some(q) => {
                self.decision.outcome = Outcome::BuybackQuote;
                self.say(
                    Said::new("buyback-quote")
                        .with("percent", q.percent)
                        .with("base", q.base)
                        .with("amount", q.amount)
                        .with("grade_percent", q.grade_percent)
                        .with(
                            "grade",
                            Arg::Message(condition.grade.message_id().to_owned()),
                        ),
                );
                for a in &q.adjustments {
                    let points = a.points.to_string().trim_end_matches('%').to_owned();
                    self.say(match a.kind {
                        QuoteAdjustmentKind::MissingAccessories => {
                            Said::new("quote-minus-accessories")
                                .with("points", points)
                                .with("missing", condition.missing_accessories)
                        }
                        QuoteAdjustmentKind::NoOriginalPackaging => {
                            Said::new("quote-minus-packaging").with("points", points)
                        }
                    });
                }
                if q.floor_applied {
                    self.say(Said::new("quote-floor").with("min", b.min_percent));
                }
                self.say(Said::new("quote-open-until").with("until", q.valid_until));
                self.decision.quote = Some(q);
            }
        }
        if evidence == Some(false) {
            self.say(Said::new("buyback-add-photos"));
        }
        let quote_by = self.deadline(
            "quote_by",
            submitted,
            &version.deadlines.buyback_quote,
            "request.submitted_at",
        )?;
        self.say(Said::new("buyback-confirm-by").with("quote_by", quote_by));
        Ok(())
    }
}
