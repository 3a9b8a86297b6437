//! The order's account as people read it: what was paid, what each case was granted, sent and
//! settled, what is still owed, and where each unit is. Read from the core's ledger; nothing is
//! added up here.

use aftercare_core::Money;
use aftercare_core::ledger::Ledger;
use aftercare_store::{CaseKind, CaseRecord};

/// The ledger as the staff order page and the customer's order page show it.
pub(crate) struct LedgerView {
    /// (what, amount) lines of what the customer paid.
    pub paid: Vec<(String, String)>,
    pub confirmed_return_costs: Option<String>,
    pub granted: String,
    pub sent: String,
    pub settled: String,
    /// What may still go out for the order as a whole.
    pub left: String,
    pub units: Vec<UnitsRow>,
    pub cases: Vec<MoneyRow>,
}

pub(crate) struct UnitsRow {
    pub sku: String,
    pub ordered: u32,
    pub with_customer: u32,
    pub requested: u32,
    pub at_shop: u32,
    pub refunded: u32,
    pub bought_back: u32,
    pub elsewhere: String,
}

pub(crate) struct MoneyRow {
    pub id: String,
    pub title: String,
    pub result: String,
    pub corrected: String,
    pub granted: String,
    pub sent: String,
    pub settled: String,
    pub owed: String,
}

fn text(m: Money) -> String {
    super::i18n::amount(m)
}

fn words(id: &str) -> String {
    super::i18n::text(id)
}

fn units(id: &str, n: u32) -> String {
    super::i18n::text_with(id, &[("n", aftercare_core::i18n::Arg::Count(i64::from(n)))])
}

impl LedgerView {
    /// The view of `ledger`, naming cases as `cases` do (RMA numbers).
    pub(crate) fn of(ledger: &Ledger, cases: &[CaseRecord]) -> LedgerView {
        let p = &ledger.paid;
        let dash = || "–".to_owned();
        LedgerView {
            paid: vec![
                (words("ledger-products"), text(p.products)),
                (words("ledger-shipping"), text(p.shipping)),
                (words("ledger-duties"), text(p.duties)),
                (words("ledger-total-paid"), text(p.total)),
            ],
            confirmed_return_costs: (!ledger.confirmed_return_costs.is_zero())
                .then(|| text(ledger.confirmed_return_costs)),
            granted: text(ledger.granted),
            sent: text(ledger.sent),
            settled: text(ledger.settled),
            left: ledger.left_to_grant().map_or_else(|_| dash(), text),
            units: ledger
                .lines
                .iter()
                .map(|l| {
                    let mut elsewhere = Vec::new();
                    if l.sent_back > 0 {
                        elsewhere.push(units("ledger-sent-back", l.sent_back));
                    }
                    if l.lost > 0 {
                        elsewhere.push(units("ledger-lost", l.lost));
                    }
                    if l.undelivered > 0 {
                        elsewhere.push(units("ledger-undelivered", l.undelivered));
                    }
                    UnitsRow {
                        sku: l.sku.clone(),
                        ordered: l.ordered,
                        with_customer: l.free(),
                        requested: l.requested,
                        at_shop: l.at_shop,
                        refunded: l.refunded,
                        bought_back: l.bought_back,
                        elsewhere: elsewhere.join(", "),
                    }
                })
                .collect(),
            cases: ledger
                .cases
                .iter()
                .filter(|c| c.result.is_some() || !c.granted.is_zero() || c.corrected.is_some())
                .map(|c| {
                    let record = cases.iter().find(|r| r.id == c.case_id);
                    let title = match record {
                        Some(r) if r.kind == CaseKind::Order => words("ledger-returned-parcel"),
                        Some(r) => super::case_name(r.kind, r.rma.as_deref()),
                        None => c.kind.to_owned(),
                    };
                    MoneyRow {
                        id: c.case_id.clone(),
                        title,
                        result: c.result.map_or_else(dash, text),
                        corrected: c.corrected.map_or_else(dash, text),
                        granted: text(c.granted),
                        sent: text(c.sent),
                        settled: text(c.settled),
                        owed: text(c.owed()),
                    }
                })
                .collect(),
        }
    }
}
