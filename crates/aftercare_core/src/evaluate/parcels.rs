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

    pub(super) fn customs_destroyed(&mut self, goods_returned: bool) {
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
