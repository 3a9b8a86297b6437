//! A return or an exchange judged: the window, the evidence, the refund and its breakdown
//! (III.1 to III.4).

use super::*;

impl Evaluation<'_> {
    pub(super) fn requested_total(&self, lines: &[RequestLine]) -> Result<Money, FactsError> {
        self.facts.order.paid_for(lines).map_err(money_error)
    }

    /// The refund a passed inspection gives for these units under this reason's cost sharing.
    pub(super) fn return_refund(
        &self,
        rule: &ReasonRule,
        lines: &[RequestLine],
        (return_costs, claimed): (Money, Option<Money>),
    ) -> Result<(Refund, Vec<Said>), FactsError> {
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
        words.push(
            Said::new("refund-product")
                .with("percent", rule.product)
                .with("returned", returned)
                .with("product", product),
        );
        if rule.handling_fee > Percent::ZERO {
            let fee = returned.percent(rule.handling_fee).map_err(money_error)?;
            if !fee.is_zero() {
                lines_out.push(RefundLine {
                    kind: RefundLineKind::HandlingFee,
                    amount: fee.negated().map_err(money_error)?,
                });
                words.push(
                    Said::new("refund-handling-fee")
                        .with("percent", rule.handling_fee)
                        .with("fee", fee),
                );
            }
        }
        for (kind, fee, pct, what) in [
            (
                RefundLineKind::OriginalShipping,
                order.shipping_paid,
                rule.original_shipping,
                "shipping",
            ),
            (
                RefundLineKind::Duties,
                order.duties_paid,
                rule.duties,
                "duties",
            ),
        ] {
            if fee.is_zero() {
                continue;
            }
            if pct == Percent::ZERO {
                words.push(Said::new("refund-not-refunded").with("what", what));
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
            words.push(
                Said::new("refund-share")
                    .with("what", what)
                    .with("part", part)
                    .with("fee", fee)
                    .with("percent", pct)
                    .with("refunded", refunded),
            );
        }
        let rules = &self.version.returns;
        let cap = returned
            .percent(rules.return_costs_cap_percent)
            .map_err(money_error)?;
        if rule.return_costs == Percent::ZERO {
            if !return_costs.is_zero() || claimed.is_some_and(|c| !c.is_zero()) {
                words.push(Said::new("return-costs-not-compensated"));
            }
        } else if !return_costs.is_zero() {
            let confirmed = if return_costs.minor() > cap.minor() {
                words.push(
                    Said::new("return-costs-capped")
                        .with("cap_percent", rules.return_costs_cap_percent)
                        .with("cap", cap)
                        .with("confirmed", return_costs),
                );
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
            words.push(
                Said::new("return-costs-confirmed")
                    .with("confirmed", confirmed)
                    .with("percent", rule.return_costs)
                    .with("refunded", refunded),
            );
        } else {
            words.push(
                Said::new("return-costs-later")
                    .with("percent", rule.return_costs)
                    .with("cap", cap)
                    .with("cap_percent", rules.return_costs_cap_percent),
            );
            if let Some(c) = claimed.filter(|c| !c.is_zero()) {
                words.push(Said::new("return-costs-claimed").with("claimed", c));
            }
        }
        let refund = Refund::from_lines(currency, lines_out).map_err(money_error)?;
        Ok((refund, words))
    }

    pub(super) fn return_request(
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
        let window = self.window(rule, reason, "return", submitted)?;
        self.cite(&rule.clause);
        for said in window.said {
            self.say(said);
        }
        if !window.open {
            return self.past_window(reason, rule);
        }
        if rules.evidence_required && !evidence {
            self.decision.outcome = Outcome::NeedsEvidence;
            self.cite(&rules.evidence_clause);
            self.say(Said::new("return-needs-evidence").with("last", window.last_day));
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
        self.say(Said::new("return-estimated-refund").with("total", refund.total));
        self.decision.refund = Some(refund);
        let review_by = self.deadline(
            "review_by",
            submitted,
            &version.deadlines.return_review,
            "request.submitted_at",
        )?;
        self.cite(&rules.review_clause);
        self.cite(&rules.rma_clause);
        self.say(Said::new("return-wait-for-rma").with("review_by", review_by));
        self.cite(&rules.condition_clause);
        self.say(Said::new("return-condition"));
        Ok(())
    }

    pub(super) fn exchange(
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
        let window = self.window(rule, reason, "exchange", submitted)?;
        self.cite(&x.clause);
        self.cite(&rule.clause);
        for said in window.said {
            self.say(said);
        }
        if !window.open {
            return self.past_window(reason, rule);
        }
        match self.exchange_negotiable(lines)? {
            Ok(()) => {
                self.decision.outcome = Outcome::ExchangeNegotiable;
                self.cite(&x.negotiable_clause);
                self.say(
                    Said::new("exchange-negotiable").with("share", x.negotiable_max_shipping_share),
                );
                let review_by = self.deadline(
                    "review_by",
                    submitted,
                    &version.deadlines.return_review,
                    "request.submitted_at",
                )?;
                self.say(Said::new("exchange-contact-by").with("review_by", review_by));
                return Ok(());
            }
            Err(why) => self.say(why),
        }
        self.say(Said::new("exchange-via-return"));
        if version.returns.evidence_required && !evidence {
            self.decision.outcome = Outcome::NeedsEvidence;
            self.cite(&version.returns.evidence_clause);
            self.say(Said::new("exchange-needs-evidence").with("last", window.last_day));
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
    pub(super) fn exchange_negotiable(
        &self,
        lines: &[RequestLine],
    ) -> Result<Result<(), Said>, FactsError> {
        let order = &self.facts.order;
        let x = &self.version.exchange;
        let Some(threshold) = x.min_unit_price(order.currency) else {
            return Ok(Err(
                Said::new("exchange-not-in-currency").with("currency", order.currency.code())
            ));
        };
        if order.shipping_paid.is_zero() {
            return Ok(Err(Said::new("exchange-free-shipping")));
        }
        let units: i128 = order.lines.iter().map(|l| i128::from(l.quantity)).sum();
        let shipping = i128::from(order.shipping_paid.minor());
        let (num, den) = x.negotiable_max_shipping_share.fraction();
        for l in lines {
            let Some(line) = order.line(&l.sku) else {
                return Ok(Err(
                    Said::new("exchange-not-on-order").with("sku", l.sku.as_str())
                ));
            };
            if line.unit_price.minor() < threshold.minor() {
                return Ok(Err(Said::new("exchange-below-threshold")
                    .with("threshold", threshold)
                    .with("sku", l.sku.as_str())
                    .with("price", line.unit_price)));
            }
            let unit = i128::from(line.unit_price.minor());
            let lhs = shipping.checked_mul(den);
            let rhs = num.checked_mul(unit).and_then(|v| v.checked_mul(units));
            let (Some(lhs), Some(rhs)) = (lhs, rhs) else {
                return Err(money_error(MoneyError::Overflow));
            };
            if lhs > rhs {
                return Ok(Err(Said::new("exchange-shipping-too-large")
                    .with("sku", l.sku.as_str())
                    .with("share", x.negotiable_max_shipping_share)));
            }
        }
        Ok(Ok(()))
    }
}
