//! The checks every movement of money or units passes against the order as a whole: units
//! never requested twice, never more granted than paid, an appeal's correction within bounds.

use super::*;
use crate::i18n::Said;

impl Ledger {
    /// Refuses a request naming units that are not free, naming the line and how many are.
    pub fn check_units(&self, lines: &[RequestLine]) -> Result<(), Refusal> {
        if lines.is_empty() {
            return Err(Refusal::invalid("lines", "refused-no-lines"));
        }
        for (i, l) in lines.iter().enumerate() {
            let Some(units) = self.line(&l.sku) else {
                return Err(Refusal::invalid(
                    format!("lines[{i}].sku"),
                    Said::new("refused-not-order-line").with("sku", l.sku.as_str()),
                ));
            };
            if lines[..i].iter().any(|o| o.sku == l.sku) {
                return Err(Refusal::invalid(
                    format!("lines[{i}].sku"),
                    "refused-listed-twice",
                ));
            }
            if l.quantity == 0 {
                return Err(Refusal::invalid(
                    format!("lines[{i}].quantity"),
                    "refused-at-least-one",
                ));
            }
            let free = units.free();
            if l.quantity > free {
                return Err(Refusal::invalid(
                    format!("lines[{i}].quantity"),
                    Said::new("refused-units-not-free")
                        .with("free", free)
                        .with("ordered", units.ordered)
                        .with("sku", units.sku.as_str())
                        .with("requested", units.requested)
                        .with("at_shop", units.at_shop)
                        .with("refunded", units.refunded)
                        .with("bought_back", units.bought_back)
                        .with("lost", units.lost)
                        .with("undelivered", units.undelivered),
                ));
            }
        }
        Ok(())
    }

    /// The amount a grant for `case_id` gives, checked against the case and the whole order:
    /// a return's, buyback's or returned parcel's own result, or what a changed appeal's
    /// corrected total adds. Refused with the amount left when nothing, or not that much, may be
    /// granted.
    pub fn grantable(&self, case_id: &str) -> Result<Money, Refusal> {
        if self
            .refunds
            .iter()
            .any(|(_, r)| r.source_case.as_deref() == Some(case_id) && r.state != RefundState::New)
        {
            return Err(Refusal::state("refused-already-granted"));
        }
        let root = self.root_of(case_id);
        let is_appeal = root != case_id;
        let row = self
            .case(root)
            .ok_or_else(|| Refusal::state("refused-no-paying-result"))?;
        let corrected = row.corrected;
        let target = if is_appeal {
            corrected.ok_or_else(|| Refusal::state("refused-appeal-no-correction"))?
        } else {
            row.result
                .filter(|_| row.payable)
                .ok_or_else(|| Refusal::state("refused-nothing-payable-yet"))?
        };
        let left_for_case = corrected
            .unwrap_or(target)
            .checked_sub(row.granted)
            .map_err(|e| money_refusal("amount", e))?;
        // An appeal pays what its corrected total adds; a case's own grant pays its result, or
        // less when an appeal's payment already covered part of the corrected total.
        let amount = if is_appeal || left_for_case.minor() < target.minor() {
            left_for_case
        } else {
            target
        };
        if amount.minor() <= 0 {
            return Err(Refusal::state(
                Said::new("refused-nothing-left-for-case")
                    .with("total", corrected.unwrap_or(target))
                    .with("granted", row.granted),
            ));
        }
        let left = self
            .left_to_grant()
            .map_err(|e| money_refusal("amount", e))?;
        if amount.minor() > left.minor() {
            return Err(Refusal::invalid(
                "amount",
                Said::new("refused-grant-over-order")
                    .with("amount", amount)
                    .with("left", left)
                    .with("paid", self.paid.total)
                    .with("return_costs", self.confirmed_return_costs)
                    .with("granted", self.granted),
            ));
        }
        Ok(amount)
    }

    /// Refuses a corrected refund an appeal cannot set: above what the order allows for the
    /// case besides what other cases were granted.
    pub fn check_correction(&self, against: &str, corrected: Money) -> Result<(), Refusal> {
        if corrected.is_negative() {
            return Err(Refusal::invalid("correction.refund", "refused-negative"));
        }
        let row = self.case(against);
        let granted_here = row.map_or(Money::zero(self.currency), |r| r.granted);
        if corrected.minor() < granted_here.minor() {
            return Err(Refusal::invalid(
                "correction.refund",
                Said::new("refused-correction-below-granted").with("granted", granted_here),
            ));
        }
        let others = self
            .granted
            .checked_sub(granted_here)
            .map_err(|e| money_refusal("correction.refund", e))?;
        let most = self
            .allowance()
            .and_then(|a| a.checked_sub(others))
            .map_err(|e| money_refusal("correction.refund", e))?;
        if corrected.minor() > most.minor() {
            return Err(Refusal::invalid(
                "correction.refund",
                Said::new("refused-correction-over-order")
                    .with("corrected", corrected)
                    .with("most", most)
                    .with("allowance", self.allowance().unwrap_or(most))
                    .with("others", others),
            ));
        }
        Ok(())
    }

    /// Refuses an appeal the policy does not allow (IV): of an appeal (the recheck's opinion is
    /// final), or a second one of the same result. `result_seq` is the history entry that
    /// produced the appealed result.
    pub fn check_appeal(&self, against: &str, result_seq: i64) -> Result<(), Refusal> {
        if self.appeals.iter().any(|(id, _)| id == against) {
            return Err(Refusal::state("refused-appeal-of-appeal"));
        }
        if self.appeals.iter().any(|(_, a)| {
            a.against_case.as_deref() == Some(against)
                && a.result_seq.is_none_or(|seq| seq == result_seq)
        }) {
            return Err(Refusal::state("refused-already-appealed"));
        }
        Ok(())
    }

    /// Checks the ledger's own invariants: no unit counted twice, no more money out than the
    /// order allows, no case paid above its corrected total. Used by tests after every step,
    /// and cheap enough to assert in debug builds.
    pub fn invariant_violations(&self) -> Vec<String> {
        let mut found = Vec::new();
        for l in &self.lines {
            if u64::from(l.requested)
                + u64::from(l.at_shop)
                + u64::from(l.refunded)
                + u64::from(l.bought_back)
                + u64::from(l.lost)
                + u64::from(l.undelivered)
                > u64::from(l.ordered)
            {
                found.push(format!("{}: more units held than ordered ({l:?})", l.sku));
            }
        }
        match self.allowance() {
            Ok(allowance) if self.granted.minor() > allowance.minor() => found.push(format!(
                "granted {} is more than paid plus confirmed return costs {allowance}",
                self.granted
            )),
            Ok(_) => {}
            Err(e) => found.push(e.to_string()),
        }
        for c in &self.cases {
            if let Some(total) = c.corrected.or(c.result)
                && c.granted.minor() > total.minor()
            {
                found.push(format!(
                    "case {}: granted {} is more than its total {total}",
                    c.case_id, c.granted
                ));
            }
        }
        found
    }
}
