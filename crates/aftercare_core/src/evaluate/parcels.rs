//! Parcels that never reached the customer: returned to the sender, or destroyed by customs
//! (III.5, II).

use super::*;

impl Evaluation<'_> {
    pub(super) fn undeliverable(
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
        let mut shipping_deducted = false;
        let mut fee_deducted = false;
        if u.deduct_original_shipping && !order.shipping_paid.is_zero() {
            lines.push(RefundLine {
                kind: RefundLineKind::DeductionShipping,
                amount: order.shipping_paid.negated().map_err(money_error)?,
            });
            shipping_deducted = true;
        }
        if u.deduct_return_processing && !processing_fee.is_zero() {
            lines.push(RefundLine {
                kind: RefundLineKind::DeductionProcessing,
                amount: processing_fee.negated().map_err(money_error)?,
            });
            fee_deducted = true;
        }
        let refund = Refund::from_lines(order.currency, lines).map_err(money_error)?;
        self.say(Said::new("undeliverable-buyer-reasons"));
        let contact_by = self.deadline(
            "contact_by",
            returned_at,
            &version.deadlines.returned_parcel_contact,
            "request.returned_at",
        )?;
        self.say(
            Said::new("undeliverable-contact")
                .with("contact_by", contact_by)
                .with(
                    "second_fee",
                    Arg::yes_no(u.reship_needs_second_shipping_fee),
                ),
        );
        let deducted = match (shipping_deducted, fee_deducted) {
            (false, false) => "none",
            (true, false) => "shipping",
            (false, true) => "fee",
            (true, true) => "both",
        };
        let said = |id: &str| {
            Said::new(id)
                .with("product", product)
                .with("deducted", deducted)
                .with("shipping", order.shipping_paid)
                .with("fee", processing_fee)
        };
        if refund.total.minor() > 0 {
            self.decision.outcome = Outcome::RefundAfterDeductions;
            self.say(said("undeliverable-refund").with("total", refund.total));
            self.decision.refund = Some(refund);
        } else {
            self.decision.outcome = Outcome::NoRefund;
            self.say(said("undeliverable-no-refund"));
        }
        Ok(())
    }

    pub(super) fn customs_destroyed(&mut self, goods_returned: bool) {
        let version = self.version;
        let c = &version.customs;
        self.decision.outcome = Outcome::NoRefund;
        self.cite(&c.destroyed_clause);
        self.cite(&c.refusal_clause);
        self.say(Said::new("customs-destroyed"));
        if goods_returned && c.returned_goods_to_buyback {
            self.cite(&version.buyback.eligibility_clause);
            self.say(Said::new("customs-returned-to-buyback"));
        }
    }
}
