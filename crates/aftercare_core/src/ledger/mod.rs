//! The order as one account: where every unit of every line is, and what money went out for
//! which case. It is derived from the order's cases each time it is needed and never stored
//! beside them, so it cannot drift from them. Every command that moves units or money asks it
//! first; the store then writes only while the order's cases are still those it was derived
//! from (the order's version), so two commands judged on the same ledger cannot both pass.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::cases::Refusal;
use crate::cases::appeal::{AppealCase, AppealState};
use crate::cases::buyback::{BuybackCase, BuybackState};
use crate::cases::order::{OrderCase, OrderState};
use crate::cases::refund::{RefundCase, RefundState};
use crate::cases::rma::{ReturnCase, ReturnLine, ReturnState};
use crate::facts::{Order, RequestLine};
use crate::money::{Currency, Money, MoneyError};

/// One of an order's cases, as its machine holds it.
#[derive(Debug, Clone)]
pub enum CaseOf {
    Order(OrderCase),
    Return(ReturnCase),
    Buyback(BuybackCase),
    Refund(RefundCase),
    Appeal(AppealCase),
}

/// A case of the order with its id.
#[derive(Debug, Clone)]
pub struct LedgerCase {
    pub id: String,
    pub case: CaseOf,
}

/// Where the units of one order line are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineUnits {
    pub sku: String,
    pub ordered: u32,
    /// In return or buyback requests whose goods the shop has not received yet.
    pub requested: u32,
    /// At the shop: received, waiting for an inspection, a quote, a choice or a payment.
    pub at_shop: u32,
    /// Returned, passed inspection and refunded (or waiting for their refund).
    pub refunded: u32,
    /// Bought back and paid for.
    pub bought_back: u32,
    /// Sent back to the customer after a failed inspection or a declined revised offer: with the
    /// customer again.
    pub sent_back: u32,
    /// Lost on the way back (III.2): neither with the customer nor at the shop.
    pub lost: u32,
    /// Never delivered: the parcel came back to the shop or was destroyed by customs.
    pub undelivered: u32,
}

impl LineUnits {
    /// Units with the customer that no request holds: what a new return or buyback may name.
    pub fn free(&self) -> u32 {
        self.ordered.saturating_sub(self.held())
    }

    fn held(&self) -> u32 {
        self.requested
            .saturating_add(self.at_shop)
            .saturating_add(self.refunded)
            .saturating_add(self.bought_back)
            .saturating_add(self.lost)
            .saturating_add(self.undelivered)
    }
}

/// What the customer paid for the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Paid {
    pub products: Money,
    pub shipping: Money,
    pub duties: Money,
    pub total: Money,
}

/// The money of one case that pays something: a return, a buyback or a returned parcel, with
/// the corrections of the appeals against it folded in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseMoney {
    pub case_id: String,
    /// `return`, `buyback` or `order`.
    pub kind: &'static str,
    /// What the case's own result gives: a passed inspection's refund, a confirmed buyback's
    /// payment. `None` while there is no result with money.
    pub result: Option<Money>,
    /// The corrected total a changed appeal set for the case: everything granted for the case
    /// and its appeals together never exceeds it.
    pub corrected: Option<Money>,
    pub granted: Money,
    pub sent: Money,
    pub settled: Money,
    /// The case's own result may be paid now: a paid buyback keeps its price as its result,
    /// but pays nothing more.
    #[serde(skip)]
    payable: bool,
}

impl CaseMoney {
    /// A case's row before any refund is counted.
    fn of(case_id: &str, kind: &'static str, result: Option<Money>, zero: Money) -> CaseMoney {
        CaseMoney {
            case_id: case_id.to_owned(),
            kind,
            result,
            corrected: None,
            granted: zero,
            sent: zero,
            settled: zero,
            payable: result.is_some(),
        }
    }

    /// What the shop owes on the case and has not granted yet.
    pub fn owed(&self) -> Money {
        let total = self.corrected.or(self.result);
        match total.map(|t| t.checked_sub(self.granted)) {
            Some(Ok(left)) if !left.is_negative() => left,
            _ => Money::zero(self.granted.currency()),
        }
    }
}

/// The order's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ledger {
    pub currency: Currency,
    pub lines: Vec<LineUnits>,
    pub paid: Paid,
    /// Return costs the shop confirmed at inspection: they may be refunded on top of `paid`.
    pub confirmed_return_costs: Money,
    pub cases: Vec<CaseMoney>,
    /// Every refund and buyback payment granted, failed payments included (they are sent again).
    pub granted: Money,
    pub sent: Money,
    pub settled: Money,
    #[serde(skip)]
    appeals: Vec<(String, AppealCase)>,
    #[serde(skip)]
    refunds: Vec<(String, RefundCase)>,
}

/// How a case holds units of the order.
#[derive(Clone, Copy)]
enum Holding {
    Requested,
    AtShop,
    Refunded,
    BoughtBack,
    SentBack,
    Lost,
}

/// The case whose result a case's money belongs to: an appeal's money is its appealed case's.
fn root_of<'a>(appeals: &'a [(String, AppealCase)], case_id: &'a str) -> &'a str {
    appeals
        .iter()
        .find(|(id, _)| id == case_id)
        .and_then(|(_, a)| a.against_case.as_deref())
        .unwrap_or(case_id)
}

/// Adds a granted refund to (granted, sent, settled), as far as its payment went; a failed
/// payment stays granted, since it is sent again.
fn count_refund(
    (granted, sent, settled): (&mut Money, &mut Money, &mut Money),
    amount: Money,
    state: RefundState,
) -> Result<(), MoneyError> {
    *granted = granted.checked_add(amount)?;
    if matches!(state, RefundState::Sent | RefundState::Settled) {
        *sent = sent.checked_add(amount)?;
    }
    if state == RefundState::Settled {
        *settled = settled.checked_add(amount)?;
    }
    Ok(())
}

fn money_refusal(field: &str, e: MoneyError) -> Refusal {
    Refusal::invalid(field, e.said())
}

impl Ledger {
    /// The ledger of `order` with `cases`, all of them the order's. `returned_parcel_refund` is
    /// what the policy gives for a parcel that came back undelivered, when the fulfilment case
    /// has settled one (the caller asks the evaluator for it).
    pub fn new(
        order: &Order,
        cases: &[LedgerCase],
        returned_parcel_refund: Option<Money>,
    ) -> Result<Ledger, MoneyError> {
        let currency = order.currency;
        let zero = Money::zero(currency);
        let products = order.products_total()?;
        let paid = Paid {
            products,
            shipping: order.shipping_paid,
            duties: order.duties_paid,
            total: order.total_paid()?,
        };
        let mut ledger = Ledger {
            currency,
            lines: order
                .lines
                .iter()
                .map(|l| LineUnits {
                    sku: l.sku.clone(),
                    ordered: l.quantity,
                    ..LineUnits::default()
                })
                .collect(),
            paid,
            confirmed_return_costs: zero,
            cases: Vec::new(),
            granted: zero,
            sent: zero,
            settled: zero,
            appeals: Vec::new(),
            refunds: Vec::new(),
        };
        let mut appeals: Vec<(String, AppealCase)> = Vec::new();
        let mut refunds: Vec<(String, RefundCase)> = Vec::new();
        // A return whose goods a buyback took over: the buyback counts them from then on.
        let taken_over: BTreeSet<&str> = cases
            .iter()
            .filter_map(|c| match &c.case {
                CaseOf::Buyback(b) => b.from_return.as_deref(),
                _ => None,
            })
            .collect();
        for c in cases {
            match &c.case {
                CaseOf::Order(o) => {
                    if matches!(
                        o.state,
                        OrderState::Cancelled
                            | OrderState::ReturnedToSender
                            | OrderState::ReturnSettled
                            | OrderState::DestroyedAtCustoms
                    ) {
                        for line in &mut ledger.lines {
                            line.undelivered = line.ordered;
                        }
                    }
                    if o.state == OrderState::ReturnSettled {
                        let row = CaseMoney::of(&c.id, "order", returned_parcel_refund, zero);
                        ledger.cases.push(row);
                    }
                }
                CaseOf::Return(r) => {
                    ledger.count_return(r, taken_over.contains(c.id.as_str()));
                    if let Some(confirmed) = r.confirmed_return_costs {
                        ledger.confirmed_return_costs =
                            ledger.confirmed_return_costs.checked_add(confirmed)?;
                    }
                    ledger
                        .cases
                        .push(CaseMoney::of(&c.id, "return", r.refund, zero));
                }
                CaseOf::Buyback(b) => {
                    ledger.count_buyback(b);
                    // Once paid, the price agreed is still the case's result, for the record.
                    let result = b
                        .payable()
                        .or_else(|| b.agreed_price().filter(|_| b.state == BuybackState::Paid));
                    let mut row = CaseMoney::of(&c.id, "buyback", result, zero);
                    row.payable = b.payable().is_some();
                    ledger.cases.push(row);
                }
                CaseOf::Refund(r) => refunds.push((c.id.clone(), r.clone())),
                CaseOf::Appeal(a) => appeals.push((c.id.clone(), a.clone())),
            }
        }
        // A changed appeal's corrected refund is the appealed case's new total; the latest
        // changed appeal wins (there is one per result).
        for (_, appeal) in &appeals {
            let (AppealState::Changed | AppealState::Mediation, Some(against)) =
                (appeal.state, appeal.against_case.as_deref())
            else {
                continue;
            };
            let Some(corrected) = appeal
                .correction
                .as_ref()
                .and_then(|c| c.get("refund"))
                .and_then(|v| v.as_str())
                .and_then(|text| Money::parse(text, currency).ok())
            else {
                continue;
            };
            if let Some(row) = ledger.cases.iter_mut().find(|m| m.case_id == against) {
                row.corrected = Some(corrected);
            }
        }
        for (_, refund) in &refunds {
            let Some(amount) = refund.amount.filter(|_| refund.state != RefundState::New) else {
                continue;
            };
            count_refund(
                (&mut ledger.granted, &mut ledger.sent, &mut ledger.settled),
                amount,
                refund.state,
            )?;
            let root = refund
                .source_case
                .as_deref()
                .map(|id| root_of(&appeals, id));
            if let Some(row) = root.and_then(|id| ledger.cases.iter_mut().find(|m| m.case_id == id))
            {
                count_refund(
                    (&mut row.granted, &mut row.sent, &mut row.settled),
                    amount,
                    refund.state,
                )?;
            }
        }
        ledger.appeals = appeals;
        ledger.refunds = refunds;
        Ok(ledger)
    }

    fn line_mut(&mut self, sku: &str) -> Option<&mut LineUnits> {
        self.lines.iter_mut().find(|l| l.sku == sku)
    }

    fn hold(&mut self, how: Holding, sku: &str, units: u32) {
        let Some(line) = self.line_mut(sku) else {
            return;
        };
        let slot = match how {
            Holding::Requested => &mut line.requested,
            Holding::AtShop => &mut line.at_shop,
            Holding::Refunded => &mut line.refunded,
            Holding::BoughtBack => &mut line.bought_back,
            Holding::SentBack => &mut line.sent_back,
            Holding::Lost => &mut line.lost,
        };
        *slot = slot.saturating_add(units);
    }

    fn hold_lines(&mut self, how: Holding, lines: &[ReturnLine]) {
        for l in lines {
            self.hold(how, &l.sku, l.quantity);
        }
    }

    fn count_return(&mut self, r: &ReturnCase, taken_over: bool) {
        use ReturnState as S;
        match r.state {
            S::New | S::Rejected | S::SentToBuyback => {}
            S::Requested | S::Approved | S::InTransit => {
                self.hold_lines(Holding::Requested, &r.lines)
            }
            S::Lost => self.hold_lines(Holding::Lost, &r.lines),
            S::Received | S::InspectionFailed => {
                for l in &r.received {
                    self.hold(Holding::AtShop, &l.sku, l.received);
                }
            }
            S::AbandonedToBuyback => {
                if !taken_over {
                    for l in &r.received {
                        self.hold(Holding::AtShop, &l.sku, l.received);
                    }
                }
            }
            S::SentBack => {
                for l in &r.received {
                    self.hold(Holding::SentBack, &l.sku, l.received);
                }
            }
            S::InspectionPassed | S::RefundGranted => {
                for l in &r.received {
                    self.hold(Holding::Refunded, &l.sku, l.passed());
                    if !taken_over {
                        self.hold(Holding::AtShop, &l.sku, l.damaged_units());
                    }
                }
            }
        }
    }

    fn count_buyback(&mut self, b: &BuybackCase) {
        use BuybackState as S;
        let how = match b.state {
            S::New => return,
            S::Declined | S::Expired if !b.parcel_here => return,
            S::Applied | S::Quoted | S::Accepted | S::InTransit if !b.parcel_here => {
                Holding::Requested
            }
            S::ItemReturned => Holding::SentBack,
            S::Paid => Holding::BoughtBack,
            _ => Holding::AtShop,
        };
        self.hold_lines(how, &b.lines);
    }

    fn root_of<'a>(&'a self, case_id: &'a str) -> &'a str {
        root_of(&self.appeals, case_id)
    }

    /// The units of a line.
    pub fn line(&self, sku: &str) -> Option<&LineUnits> {
        self.lines.iter().find(|l| l.sku == sku)
    }

    /// The money row of a case.
    pub fn case(&self, case_id: &str) -> Option<&CaseMoney> {
        self.cases.iter().find(|c| c.case_id == case_id)
    }

    /// The most money that may ever go out for the order: what was paid and the return costs
    /// the shop confirmed.
    pub fn allowance(&self) -> Result<Money, MoneyError> {
        self.paid.total.checked_add(self.confirmed_return_costs)
    }

    /// What may still be granted for the order as a whole.
    pub fn left_to_grant(&self) -> Result<Money, MoneyError> {
        self.allowance()?.checked_sub(self.granted)
    }
}

impl LineUnits {
    /// Where the units that are not free are, in words.
    pub fn whereabouts(&self) -> String {
        let parts: Vec<String> = [
            (self.requested, "in open requests"),
            (self.at_shop, "at the shop"),
            (self.refunded, "returned and refunded"),
            (self.bought_back, "bought back"),
            (self.lost, "lost on the way back"),
            (self.undelivered, "never delivered"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if parts.is_empty() {
            "every unit is with you".into()
        } else {
            parts.join(", ")
        }
    }
}

mod checks;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::appeal::AppealSubject;
    use crate::cases::refund::RefundSource;
    use crate::cases::rma::ReceivedLine;
    use jiff::Timestamp;

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::parse("USD").unwrap())
    }

    /// LK-100 × 2 at 120.00, LK-200 × 1 at 60.00, shipping 30.00, duties 15.00: 345.00 paid.
    fn order() -> Order {
        Order {
            placed_at: Timestamp::UNIX_EPOCH,
            currency: Currency::parse("USD").unwrap(),
            lines: vec![
                crate::facts::OrderLine {
                    sku: "LK-100".into(),
                    unit_price: usd(12_000),
                    quantity: 2,
                },
                crate::facts::OrderLine {
                    sku: "LK-200".into(),
                    unit_price: usd(6_000),
                    quantity: 1,
                },
            ],
            shipping_paid: usd(3_000),
            duties_paid: usd(1_500),
        }
    }

    fn line(sku: &str, quantity: u32) -> RequestLine {
        RequestLine {
            sku: sku.into(),
            quantity,
        }
    }

    fn requested(sku: &str, quantity: u32) -> ReturnCase {
        ReturnCase {
            state: ReturnState::Requested,
            lines: vec![line(sku, quantity)],
            ..ReturnCase::default()
        }
    }

    fn passed(sku: &str, quantity: u32, damaged: u32, refund: i64) -> ReturnCase {
        ReturnCase {
            state: ReturnState::InspectionPassed,
            lines: vec![line(sku, quantity)],
            received: vec![ReceivedLine {
                sku: sku.into(),
                received: quantity,
                damaged,
            }],
            refund: Some(usd(refund)),
            ..ReturnCase::default()
        }
    }

    fn granted(source: &str, amount: i64) -> RefundCase {
        RefundCase {
            state: RefundState::Granted,
            source: Some(RefundSource::Return),
            source_case: Some(source.into()),
            amount: Some(usd(amount)),
            ..RefundCase::default()
        }
    }

    fn changed_appeal(against: &str, refund: &str, seq: i64) -> AppealCase {
        AppealCase {
            state: AppealState::Changed,
            against_case: Some(against.into()),
            subject: Some(AppealSubject::RefundAmount),
            result_seq: Some(seq),
            correction: Some(serde_json::json!({ "refund": refund })),
            ..AppealCase::default()
        }
    }

    fn case(id: &str, case: CaseOf) -> LedgerCase {
        LedgerCase {
            id: id.into(),
            case,
        }
    }

    fn ledger(cases: &[LedgerCase]) -> Ledger {
        Ledger::new(&order(), cases, None).unwrap()
    }

    #[test]
    fn units_in_an_open_return_are_not_free_and_the_refusal_says_where_they_are() {
        let l = ledger(&[case("r1", CaseOf::Return(requested("LK-100", 1)))]);
        assert_eq!(l.line("LK-100").unwrap().free(), 1);
        let err = l.check_units(&[line("LK-100", 2)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "lines[0].quantity: 1 of the 2 units of LK-100 can be requested (in open requests: 1, \
             at the shop: 0, returned and refunded: 0, bought back: 0, lost on the way back: 0, \
             never delivered: 0)"
        );
        assert!(
            l.check_units(&[line("LK-100", 1), line("LK-200", 1)])
                .is_ok()
        );
    }

    #[test]
    fn units_returned_and_refunded_cannot_be_sold_back() {
        let l = ledger(&[case("r1", CaseOf::Return(passed("LK-200", 1, 0, 6_000)))]);
        let err = l.check_units(&[line("LK-200", 1)]).unwrap_err();
        assert!(
            err.to_string()
                .contains("0 of the 1 units of LK-200 can be requested (in open requests: 0, at the shop: 0, returned and refunded: 1,"),
            "{err}"
        );
    }

    #[rstest::rstest]
    #[case::unknown_line(vec![line("XX", 1)], "lines[0].sku")]
    #[case::twice(vec![line("LK-100", 1), line("LK-100", 1)], "lines[1].sku")]
    #[case::zero(vec![line("LK-100", 0)], "lines[0].quantity")]
    #[case::nothing(vec![], "lines")]
    fn a_request_naming_impossible_lines_is_refused_by_field(
        #[case] lines: Vec<RequestLine>,
        #[case] field: &str,
    ) {
        let err = ledger(&[]).check_units(&lines).unwrap_err();
        assert!(
            matches!(&err, Refusal::Invalid { field: f, .. } if f == field),
            "{err:?}"
        );
    }

    #[test]
    fn rejected_returns_and_returns_sent_back_free_their_units() {
        let rejected = ReturnCase {
            state: ReturnState::Rejected,
            ..requested("LK-100", 2)
        };
        let sent_back = ReturnCase {
            state: ReturnState::SentBack,
            received: vec![ReceivedLine {
                sku: "LK-200".into(),
                received: 1,
                damaged: 0,
            }],
            ..requested("LK-200", 1)
        };
        let l = ledger(&[
            case("r1", CaseOf::Return(rejected)),
            case("r2", CaseOf::Return(sent_back)),
        ]);
        assert_eq!(l.line("LK-100").unwrap().free(), 2);
        assert_eq!(l.line("LK-200").unwrap().free(), 1);
        assert_eq!(l.line("LK-200").unwrap().sent_back, 1);
    }

    #[test]
    fn goods_a_buyback_took_over_from_a_return_are_counted_once() {
        let abandoned = ReturnCase {
            state: ReturnState::AbandonedToBuyback,
            received: vec![ReceivedLine {
                sku: "LK-100".into(),
                received: 2,
                damaged: 2,
            }],
            ..requested("LK-100", 2)
        };
        let buyback = BuybackCase {
            state: BuybackState::GoodsHeld,
            lines: vec![line("LK-100", 2)],
            parcel_here: true,
            from_return: Some("r1".into()),
            ..BuybackCase::default()
        };
        let alone = ledger(&[case("r1", CaseOf::Return(abandoned.clone()))]);
        assert_eq!(alone.line("LK-100").unwrap().at_shop, 2);
        let both = ledger(&[
            case("r1", CaseOf::Return(abandoned)),
            case("b1", CaseOf::Buyback(buyback)),
        ]);
        assert_eq!(both.line("LK-100").unwrap().at_shop, 2);
        assert!(both.invariant_violations().is_empty());
    }

    #[test]
    fn a_return_is_granted_its_own_refund_once() {
        let cases = [case("r1", CaseOf::Return(passed("LK-100", 1, 0, 15_000)))];
        assert_eq!(ledger(&cases).grantable("r1"), Ok(usd(15_000)));
        let mut with_refund = cases.to_vec();
        with_refund.push(case("f1", CaseOf::Refund(granted("r1", 15_000))));
        assert!(matches!(
            ledger(&with_refund).grantable("r1"),
            Err(r @ Refusal::State(_)) if r.to_string().contains("already granted")
        ));
    }

    #[test]
    fn money_is_counted_granted_sent_and_settled_as_far_as_each_payment_went() {
        let in_state = |source: &str, amount: i64, state: RefundState| RefundCase {
            state,
            ..granted(source, amount)
        };
        let l = ledger(&[
            case("r1", CaseOf::Return(passed("LK-100", 1, 0, 12_000))),
            case("r2", CaseOf::Return(passed("LK-100", 1, 0, 12_000))),
            case("r3", CaseOf::Return(passed("LK-200", 1, 0, 6_000))),
            case(
                "f1",
                CaseOf::Refund(in_state("r1", 12_000, RefundState::Settled)),
            ),
            case(
                "f2",
                CaseOf::Refund(in_state("r2", 12_000, RefundState::Sent)),
            ),
            // A failed payment is still granted: it is sent again.
            case(
                "f3",
                CaseOf::Refund(in_state("r3", 6_000, RefundState::Failed)),
            ),
        ]);
        assert_eq!(
            (l.granted, l.sent, l.settled),
            (usd(30_000), usd(24_000), usd(12_000))
        );
        let r3 = l.case("r3").unwrap();
        assert_eq!(
            (r3.granted, r3.sent, r3.owed()),
            (usd(6_000), usd(0), usd(0))
        );
        assert_eq!(
            l.left_to_grant(),
            Ok(usd(4_500)),
            "345.00 paid, 300.00 granted"
        );
    }

    #[test]
    fn a_buyback_pays_once_confirmed_and_a_paid_one_keeps_its_price_but_pays_nothing_more() {
        use crate::cases::buyback::BuybackQuote;
        let quoted = |state| BuybackCase {
            state,
            lines: vec![line("LK-200", 1)],
            quote: Some(BuybackQuote {
                percent: crate::money::Percent::whole(50).unwrap(),
                amount: usd(3_000),
                valid_until: jiff::civil::date(2026, 4, 1),
                note: None,
            }),
            ..BuybackCase::default()
        };
        let of = |state| ledger(&[case("b1", CaseOf::Buyback(quoted(state)))]);
        assert!(of(BuybackState::Quoted).grantable("b1").is_err());
        assert_eq!(of(BuybackState::Confirmed).grantable("b1"), Ok(usd(3_000)));
        let paid = of(BuybackState::Paid);
        assert_eq!(paid.case("b1").unwrap().result, Some(usd(3_000)));
        assert!(paid.grantable("b1").is_err());
    }

    #[test]
    fn an_appeals_corrected_total_bounds_both_grants_whichever_comes_first() {
        let base = vec![
            case("r1", CaseOf::Return(passed("LK-100", 1, 0, 12_563))),
            case("a1", CaseOf::Appeal(changed_appeal("r1", "150.00", 7))),
        ];
        // The return's own refund first: the appeal adds the difference.
        let mut own_first = base.clone();
        assert_eq!(ledger(&own_first).grantable("r1"), Ok(usd(12_563)));
        own_first.push(case("f1", CaseOf::Refund(granted("r1", 12_563))));
        assert_eq!(ledger(&own_first).grantable("a1"), Ok(usd(2_437)));
        // The appeal first: it pays the corrected total, and nothing is left for the return.
        let mut appeal_first = base;
        assert_eq!(ledger(&appeal_first).grantable("a1"), Ok(usd(15_000)));
        appeal_first.push(case("f1", CaseOf::Refund(granted("a1", 15_000))));
        let l = ledger(&appeal_first);
        assert!(matches!(
            l.grantable("r1"),
            Err(r @ Refusal::State(_)) if r.to_string().contains("its total is 150.00 USD, and 150.00 USD was granted")
        ));
        assert_eq!(l.case("r1").unwrap().granted, usd(15_000));
        assert_eq!(l.case("r1").unwrap().owed(), usd(0));
    }

    #[test]
    fn no_grant_takes_the_order_above_what_was_paid_and_confirmed() {
        let mut big = passed("LK-100", 2, 0, 34_000);
        big.confirmed_return_costs = Some(usd(1_000));
        let cases = vec![
            case("r1", CaseOf::Return(big)),
            case("r2", CaseOf::Return(passed("LK-200", 1, 0, 6_000))),
            case("f1", CaseOf::Refund(granted("r1", 34_000))),
        ];
        // 345.00 paid + 10.00 confirmed − 340.00 granted = 15.00 left; r2 wants 60.00.
        let err = ledger(&cases).grantable("r2").unwrap_err();
        assert!(
            err.to_string()
                .contains("60.00 USD is more than the 15.00 USD still refundable"),
            "{err}"
        );
    }

    #[test]
    fn an_appeal_cannot_set_a_total_the_order_cannot_pay() {
        let cases = [case("r1", CaseOf::Return(passed("LK-100", 1, 0, 12_000)))];
        let l = ledger(&cases);
        assert!(l.check_correction("r1", usd(34_500)).is_ok());
        let paid = [
            case("r1", CaseOf::Return(passed("LK-100", 1, 0, 12_000))),
            case("f1", CaseOf::Refund(granted("r1", 12_000))),
        ];
        assert!(
            ledger(&paid).check_correction("r1", usd(10_000)).is_err(),
            "what was granted is not taken back"
        );
        assert!(matches!(
            l.check_correction("r1", usd(10_017_150)),
            Err(Refusal::Invalid { field, .. }) if field == "correction.refund"
        ));
    }

    #[test]
    fn one_appeal_per_result_and_none_of_an_appeal() {
        let cases = [
            case("r1", CaseOf::Return(passed("LK-100", 1, 0, 12_000))),
            case("a1", CaseOf::Appeal(changed_appeal("r1", "130.00", 7))),
        ];
        let l = ledger(&cases);
        assert!(
            matches!(l.check_appeal("r1", 7), Err(r @ Refusal::State(_)) if r.to_string().contains("already appealed"))
        );
        assert!(
            matches!(l.check_appeal("a1", 1), Err(r @ Refusal::State(_)) if r.to_string().contains("final opinion"))
        );
        assert!(
            l.check_appeal("r1", 9).is_ok(),
            "a later result is a new result"
        );
    }

    #[test]
    fn a_returned_parcel_holds_every_unit_and_its_refund_is_the_policys() {
        let settled = OrderCase {
            state: OrderState::ReturnSettled,
            ..OrderCase::default()
        };
        let l = Ledger::new(
            &order(),
            &[case("o1", CaseOf::Order(settled))],
            Some(usd(28_000)),
        )
        .unwrap();
        assert_eq!(l.line("LK-100").unwrap().free(), 0);
        assert_eq!(l.grantable("o1"), Ok(usd(28_000)));
    }

    /// One step a person or system may try on the order; the ledger lets it happen or not.
    #[derive(Debug, Clone)]
    enum Step {
        Return {
            sku: usize,
            units: u32,
        },
        Buyback {
            sku: usize,
            units: u32,
        },
        Reject {
            case: usize,
        },
        Pass {
            case: usize,
            damaged: u32,
            refund: i64,
            confirmed: i64,
        },
        Grant {
            case: usize,
        },
        Appeal {
            case: usize,
            seq: i64,
            corrected: i64,
        },
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            (0usize..3, 0u32..4).prop_map(|(sku, units)| Step::Return { sku, units }),
            (0usize..3, 0u32..4).prop_map(|(sku, units)| Step::Buyback { sku, units }),
            (0usize..8).prop_map(|case| Step::Reject { case }),
            (0usize..8, 0u32..3, 0i64..40_000, 0i64..5_000).prop_map(
                |(case, damaged, refund, confirmed)| Step::Pass {
                    case,
                    damaged,
                    refund,
                    confirmed
                }
            ),
            (0usize..12).prop_map(|case| Step::Grant { case }),
            (0usize..12, 1i64..4, 0i64..60_000).prop_map(|(case, seq, corrected)| Step::Appeal {
                case,
                seq,
                corrected
            }),
        ]
    }

    proptest::proptest! {
        /// Random steps over several cases of one order, each let through only when the ledger
        /// allows it, as the app does: after every step no unit is counted twice, no more money
        /// is granted than paid plus confirmed return costs, and no case above its total.
        #[test]
        fn random_steps_never_leak_units_or_money(steps in proptest::collection::vec(step(), 0..60)) {
            let skus = ["LK-100", "LK-200", "XX-999"];
            let mut cases: Vec<LedgerCase> = Vec::new();
            for (n, step) in steps.into_iter().enumerate() {
                let l = ledger(&cases);
                let id = format!("c{n}");
                match step {
                    Step::Return { sku, units } => {
                        let lines = [line(skus[sku], units)];
                        if l.check_units(&lines).is_ok() {
                            cases.push(case(&id, CaseOf::Return(requested(skus[sku], units))));
                        }
                    }
                    Step::Buyback { sku, units } => {
                        let lines = [line(skus[sku], units)];
                        if l.check_units(&lines).is_ok() {
                            cases.push(case(&id, CaseOf::Buyback(BuybackCase {
                                state: BuybackState::Applied,
                                lines: lines.to_vec(),
                                ..BuybackCase::default()
                            })));
                        }
                    }
                    Step::Reject { case: i } => {
                        if let Some(CaseOf::Return(r)) = cases.get_mut(i).map(|c| &mut c.case)
                            && r.state == ReturnState::Requested
                        {
                            r.state = ReturnState::Rejected;
                        }
                    }
                    Step::Pass { case: i, damaged, refund, confirmed } => {
                        if let Some(CaseOf::Return(r)) = cases.get_mut(i).map(|c| &mut c.case)
                            && r.state == ReturnState::Requested
                        {
                            let units = r.lines[0].quantity;
                            r.state = ReturnState::InspectionPassed;
                            r.received = vec![ReceivedLine {
                                sku: r.lines[0].sku.clone(),
                                received: units,
                                damaged: damaged.min(units),
                            }];
                            r.refund = Some(usd(refund));
                            r.confirmed_return_costs = Some(usd(confirmed));
                        }
                    }
                    Step::Grant { case: i } => {
                        if let Some(target) = cases.get(i).map(|c| c.id.clone())
                            && let Ok(amount) = l.grantable(&target)
                        {
                            cases.push(case(&id, CaseOf::Refund(granted(&target, amount.minor()))));
                        }
                    }
                    Step::Appeal { case: i, seq, corrected } => {
                        if let Some(target) = cases.get(i).map(|c| c.id.clone())
                            && matches!(cases[i].case, CaseOf::Return(_))
                            && l.check_appeal(&target, seq).is_ok()
                            && l.check_correction(&target, usd(corrected)).is_ok()
                        {
                            let text = usd(corrected).amount_text();
                            cases.push(case(&id, CaseOf::Appeal(changed_appeal(&target, &text, seq))));
                        }
                    }
                }
                let after = ledger(&cases);
                let problems = after.invariant_violations();
                proptest::prop_assert!(problems.is_empty(), "{:?}", problems);
                proptest::prop_assert!(after.granted.minor() <= after.allowance().unwrap().minor());
                for line in &after.lines {
                    proptest::prop_assert!(line.free() <= line.ordered);
                }
            }
        }
    }
}
