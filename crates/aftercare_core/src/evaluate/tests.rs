//! Table tests for every rule of the default policy and its boundaries, and property tests for
//! the refund invariants.

use super::*;
use proptest::prelude::*;
use rstest::rstest;
use serde_json::{Value, json};

use crate::testing::{CALENDAR, POLICY};

fn policy_from(text: &str) -> Policy {
    crate::testing::with_calendar(text, CALENDAR).unwrap()
}

fn policy() -> &'static Policy {
    static POLICY_LOADED: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY_LOADED.get_or_init(|| policy_from(POLICY))
}

fn now() -> Timestamp {
    "2026-11-22T00:00:00Z".parse().unwrap()
}

/// An order of 2 x LK-100 at 120.00 and 1 x LK-200 at 60.00 (300.00 of products), 30.00 shipping,
/// 15.00 duties included, signed on 10 March 2026 at 15:00 Shanghai time.
fn case(request: Value) -> Value {
    json!({
        "order": {
            "placed_at": "2026-03-01T10:00:00+08:00",
            "currency": "USD",
            "lines": [
                {"sku": "LK-100", "unit_price": "120.00", "quantity": 2},
                {"sku": "LK-200", "unit_price": "60.00", "quantity": 1}
            ],
            "shipping_paid": "30.00",
            "duties_paid": "15.00"
        },
        "signed_at": "2026-03-10T15:00:00+08:00",
        "damage_noted_at_signing": false,
        "request": request
    })
}

fn return_of(reason: &str, submitted_at: &str) -> Value {
    json!({
        "type": "return",
        "reason": reason,
        "submitted_at": submitted_at,
        "lines": [{"sku": "LK-100", "quantity": 1}],
        "evidence": true,
        "return_costs": "40.00"
    })
}

/// Every decision a test makes is also put into the words of every language: a message or an
/// argument missing from any of them fails the test that reached it.
fn try_decide(facts: &Value) -> Result<Decision, FactsError> {
    let facts = Facts::from_json(&facts.to_string())?;
    let d = evaluate(policy(), &facts, now())?;
    assert_eq!(d.reasons.len(), d.explained.len());
    for lang in crate::i18n::Lang::ALL {
        for said in &d.explained {
            if let Err(e) = crate::i18n::reasons().render(lang, said) {
                panic!("{said:?} in {lang}: {e:?}");
            }
        }
    }
    Ok(d)
}

fn decide(facts: &Value) -> Decision {
    try_decide(facts).unwrap()
}

fn refund_lines(d: &Decision) -> Vec<(String, String)> {
    d.refund
        .as_ref()
        .map(|r| {
            r.lines
                .iter()
                .map(|l| {
                    (
                        serde_json::to_value(l.kind)
                            .unwrap()
                            .as_str()
                            .unwrap()
                            .to_owned(),
                        l.amount.amount_text(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn total(d: &Decision) -> Option<String> {
    d.refund.as_ref().map(|r| r.total.amount_text())
}

#[rstest]
#[case::day_14_last_second_local(
    "quality_issue",
    "2026-03-24T23:59:59+08:00",
    Outcome::ReturnEligible
)]
#[case::day_15_first_second_local(
    "quality_issue",
    "2026-03-25T00:00:00+08:00",
    Outcome::BuybackOffered
)]
#[case::day_14_last_second_given_in_utc(
    "quality_issue",
    "2026-03-24T15:59:59Z",
    Outcome::ReturnEligible
)]
// `Z` gives no local date (RFC 9557: the local offset is unknown), so the shop's dates decide:
// the 25th in Shanghai is too late.
#[case::day_15_given_in_utc_still_24th_in_utc(
    "quality_issue",
    "2026-03-24T16:00:00Z",
    Outcome::BuybackOffered
)]
// "+00:00" is a local time: the 24th there is in time.
#[case::day_15_in_shanghai_but_the_24th_at_plus_zero(
    "quality_issue",
    "2026-03-24T16:00:00+00:00",
    Outcome::ReturnEligible
)]
#[case::not_as_described_day_14(
    "not_as_described",
    "2026-03-24T12:00:00+08:00",
    Outcome::ReturnEligible
)]
#[case::not_as_described_day_15(
    "not_as_described",
    "2026-03-25T12:00:00+08:00",
    Outcome::BuybackOffered
)]
#[case::wrong_item_day_14("wrong_item", "2026-03-24T23:00:00+08:00", Outcome::ReturnEligible)]
#[case::wrong_item_day_15("wrong_item", "2026-03-25T01:00:00+08:00", Outcome::BuybackOffered)]
#[case::transport_damage_48_hours_exactly(
    "transport_damage",
    "2026-03-12T15:00:00+08:00",
    Outcome::ReturnEligible
)]
#[case::transport_damage_one_minute_over(
    "transport_damage",
    "2026-03-12T15:01:00+08:00",
    Outcome::BuybackOffered
)]
#[case::transport_damage_48_hours_in_utc(
    "transport_damage",
    "2026-03-12T07:00:00Z",
    Outcome::ReturnEligible
)]
#[case::other_day_30("other", "2026-04-09T23:59:59+08:00", Outcome::ReturnEligible)]
#[case::other_day_31("other", "2026-04-10T00:00:00+08:00", Outcome::BuybackOffered)]
#[case::on_the_signing_day("other", "2026-03-10T15:00:00+08:00", Outcome::ReturnEligible)]
fn return_windows_count_from_the_local_signing_date(
    #[case] reason: &str,
    #[case] submitted_at: &str,
    #[case] expected: Outcome,
) {
    assert_eq!(
        decide(&case(return_of(reason, submitted_at))).outcome,
        expected
    );
}

#[test]
fn the_signing_date_is_the_date_in_shanghai_not_in_utc() {
    // 16:30 UTC on the 9th is 00:30 on the 10th in Shanghai: the window runs through the 24th.
    let mut facts = case(return_of("quality_issue", "2026-03-24T15:00:00Z"));
    facts["signed_at"] = json!("2026-03-09T16:30:00Z");
    assert_eq!(decide(&facts).outcome, Outcome::ReturnEligible);
}

#[rstest]
// Signed 10 March 2026 at 15:00 (Shanghai): 48 hours without a record, 14 days with one.
#[case::within_48_hours_without_a_record(
    false,
    "2026-03-12T15:00:00+08:00",
    Outcome::ReturnEligible
)]
#[case::after_48_hours_without_a_record(
    false,
    "2026-03-12T15:00:01+08:00",
    Outcome::BuybackOffered
)]
#[case::recorded_day_14(true, "2026-03-24T23:59:59+08:00", Outcome::ReturnEligible)]
#[case::recorded_day_15(true, "2026-03-25T00:00:00+08:00", Outcome::BuybackOffered)]
#[case::recorded_13_months_later(true, "2027-04-10T10:00:00+08:00", Outcome::BuybackOffered)]
fn damage_recorded_at_signing_may_be_claimed_within_the_policy_s_longer_window(
    #[case] recorded: bool,
    #[case] submitted_at: &str,
    #[case] expected: Outcome,
) {
    let mut facts = case(return_of("transport_damage", submitted_at));
    facts["damage_noted_at_signing"] = json!(recorded);
    let d = decide(&facts);
    assert_eq!(d.outcome, expected, "{:?}", d.reasons);
    if recorded {
        assert!(
            d.reasons[1].contains("recorded with the carrier at signing"),
            "{:?}",
            d.reasons
        );
    }
}

#[rstest]
// Two free units with 30.00 shipping and 15.00 duties: one returned carries half of each.
#[case::wrong_item("wrong_item", &[("product", "0.00"), ("original_shipping", "15.00"), ("duties", "7.50")])]
#[case::transport_damage("transport_damage", &[("product", "0.00"), ("original_shipping", "15.00"), ("duties", "7.50")])]
#[case::quality_issue_half("quality_issue", &[("product", "0.00"), ("original_shipping", "7.50"), ("duties", "3.75")])]
#[case::other_none("other", &[("product", "0.00")])]
fn in_an_order_of_free_products_the_shipping_and_duties_are_shared_by_units(
    #[case] reason: &str,
    #[case] expected: &[(&str, &str)],
) {
    let mut facts = case(return_of(reason, "2026-03-11T10:00:00+08:00"));
    facts["order"]["lines"] = json!([{"sku": "LK-100", "unit_price": "0.00", "quantity": 2}]);
    facts["request"]["return_costs"] = json!("0.00");
    let d = decide(&facts);
    assert_eq!(d.outcome, Outcome::ReturnEligible, "{:?}", d.reasons);
    let lines = refund_lines(&d);
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(lines, expected);
}

#[test]
fn a_missing_photo_answer_never_asks_for_evidence_before_the_request() {
    for (recorded, submitted) in [
        (true, "2026-03-20T10:00:00+08:00"),
        (false, "2026-03-11T10:00:00+08:00"),
    ] {
        let mut request = return_of("transport_damage", submitted);
        request["evidence"] = json!(false);
        let mut facts = case(request);
        facts["damage_noted_at_signing"] = json!(recorded);
        let d = decide(&facts);
        assert_eq!(d.outcome, Outcome::NeedsEvidence);
        let by = d.deadlines["evidence_by"];
        let asked: Timestamp = submitted.parse().unwrap();
        let asked_on = asked
            .to_zoned(jiff::tz::TimeZone::get("Asia/Shanghai").unwrap())
            .date();
        assert!(by >= asked_on, "{by} before {asked_on}");
        if recorded {
            assert_eq!(by, jiff::civil::date(2026, 3, 24));
        }
    }
}

#[rstest]
#[case::quality_issue("quality_issue", &[("product", "120.00"), ("original_shipping", "6.00"), ("duties", "3.00"), ("return_costs", "20.00")], "149.00", "III.1.quality")]
#[case::not_as_described("not_as_described", &[("product", "120.00"), ("original_shipping", "6.00"), ("duties", "3.00"), ("return_costs", "20.00")], "149.00", "III.1.quality")]
#[case::wrong_item("wrong_item", &[("product", "120.00"), ("original_shipping", "12.00"), ("duties", "6.00"), ("return_costs", "40.00")], "178.00", "III.1.wrong_item")]
#[case::transport_damage("transport_damage", &[("product", "120.00"), ("original_shipping", "12.00"), ("duties", "6.00"), ("return_costs", "40.00")], "178.00", "III.1.transport_damage")]
#[case::other("other", &[("product", "120.00"), ("handling_fee", "-12.00")], "108.00", "III.1.other")]
fn each_reason_shares_the_costs_as_the_policy_says(
    #[case] reason: &str,
    #[case] lines: &[(&str, &str)],
    #[case] expected_total: &str,
    #[case] clause: &str,
) {
    // The returned unit is 120.00 of 300.00: its share of 30.00 shipping is 12.00, of 15.00 duties 6.00.
    let d = decide(&case(return_of(reason, "2026-03-11T10:00:00+08:00")));
    assert_eq!(d.outcome, Outcome::ReturnEligible);
    let expected: Vec<(String, String)> = lines
        .iter()
        .map(|(k, a)| ((*k).to_owned(), (*a).to_owned()))
        .collect();
    assert_eq!(refund_lines(&d), expected);
    assert_eq!(total(&d).as_deref(), Some(expected_total));
    assert_eq!(d.clauses[0], clause);
    assert!(d.clauses.iter().any(|c| c == "III.1.evidence"));
    assert_eq!(
        d.deadlines.get("review_by"),
        Some(&jiff::civil::date(2026, 3, 16))
    );
    assert!(d.quote.is_none());
    assert_eq!(d.policy_version, "2025-01");
}

#[test]
fn the_issue_example_refunds_half_of_the_shipping_share_and_of_the_return_costs() {
    let facts = json!({
      "order": {"placed_at": "2026-03-01T10:00:00+08:00", "currency": "USD",
                "lines": [{"sku": "LK-100", "unit_price": "120.00", "quantity": 2}],
                "shipping_paid": "30.00", "duties_paid": "0.00"},
      "signed_at": "2026-03-10T15:00:00+08:00",
      "damage_noted_at_signing": false,
      "request": {"type": "return", "reason": "quality_issue", "submitted_at": "2026-03-20T10:00:00+08:00",
                  "lines": [{"sku": "LK-100", "quantity": 1}], "evidence": true, "return_costs": "40.00"}
    });
    let d = decide(&facts);
    // One unit of two: half of 30.00 shipping is 15.00, and the policy refunds 50% of it.
    assert_eq!(
        refund_lines(&d),
        vec![
            ("product".into(), "120.00".into()),
            ("original_shipping".into(), "7.50".into()),
            ("return_costs".into(), "20.00".into())
        ]
    );
    assert_eq!(total(&d).as_deref(), Some("147.50"));
    assert_eq!(
        d.deadlines.get("review_by"),
        Some(&jiff::civil::date(2026, 3, 25))
    );
}

#[rstest]
#[case::one_of_two(1, "149.00")] // 120 + 12/2 + 6/2 + 20
#[case::both_units(2, "278.00")] // 240 + 24/2 + 12/2 + 20
fn partial_returns_refund_only_the_returned_units(#[case] quantity: u32, #[case] expected: &str) {
    let mut request = return_of("quality_issue", "2026-03-11T10:00:00+08:00");
    request["lines"] = json!([{"sku": "LK-100", "quantity": quantity}]);
    assert_eq!(total(&decide(&case(request))).as_deref(), Some(expected));
}

#[test]
fn a_return_of_every_line_refunds_the_whole_order_for_wrong_items() {
    let mut request = return_of("wrong_item", "2026-03-11T10:00:00+08:00");
    request["lines"] = json!([{"sku": "LK-100", "quantity": 2}, {"sku": "LK-200", "quantity": 1}]);
    request["return_costs"] = json!("0");
    let d = decide(&case(request));
    assert_eq!(total(&d).as_deref(), Some("345.00")); // 300 + 30 + 15: everything paid
}

#[test]
fn duties_paid_at_customs_are_not_in_the_refund() {
    let mut facts = case(return_of("wrong_item", "2026-03-11T10:00:00+08:00"));
    facts["order"]["duties_paid"] = json!("0.00");
    let d = decide(&facts);
    assert!(refund_lines(&d).iter().all(|(k, _)| k != "duties"));
    assert_eq!(total(&d).as_deref(), Some("172.00"));
    facts["order"]
        .as_object_mut()
        .unwrap()
        .remove("duties_paid");
    assert_eq!(total(&decide(&facts)).as_deref(), Some("172.00"));
}

#[test]
fn yen_amounts_round_half_away_from_zero_to_whole_yen() {
    let facts = json!({
        "order": {"placed_at": "2026-03-01T10:00:00+08:00", "currency": "JPY",
                  "lines": [{"sku": "A", "unit_price": "1001", "quantity": 1}, {"sku": "B", "unit_price": "2000", "quantity": 2}],
                  "shipping_paid": "999"},
        "signed_at": "2026-03-10T15:00:00+08:00",
        "request": {"type": "return", "reason": "quality_issue", "submitted_at": "2026-03-11T10:00:00+08:00",
                    "lines": [{"sku": "A", "quantity": 1}], "evidence": true, "return_costs": "501"}
    });
    let d = decide(&facts);
    // share 999 x 1001 / 5001 = 199.96 -> 200, half -> 100; return costs 501 (within the cap of
    // 50 % of 1001 = 500.5 -> 501) / 2 = 250.5 -> 251
    assert_eq!(
        refund_lines(&d),
        vec![
            ("product".into(), "1001".into()),
            ("original_shipping".into(), "100".into()),
            ("return_costs".into(), "251".into())
        ]
    );
    assert_eq!(total(&d).as_deref(), Some("1352"));
}

#[test]
fn dinar_amounts_keep_three_decimals_and_round_half_away() {
    let facts = json!({
        "order": {"placed_at": "2026-03-01T10:00:00+08:00", "currency": "KWD",
                  "lines": [{"sku": "A", "unit_price": "10.005", "quantity": 1}, {"sku": "B", "unit_price": "20", "quantity": 1}],
                  "shipping_paid": "3.001"},
        "signed_at": "2026-03-10T15:00:00+08:00",
        "request": {"type": "return", "reason": "quality_issue", "submitted_at": "2026-03-11T10:00:00+08:00",
                    "lines": [{"sku": "A", "quantity": 1}], "evidence": true, "return_costs": "1.001"}
    });
    let d = decide(&facts);
    // share 3.001 x 10.005 / 30.005 = 1.00067 -> 1.001, half = 0.5005 -> 0.501
    assert_eq!(
        refund_lines(&d),
        vec![
            ("product".into(), "10.005".into()),
            ("original_shipping".into(), "0.501".into()),
            ("return_costs".into(), "0.501".into())
        ]
    );
    assert_eq!(total(&d).as_deref(), Some("11.007"));
}

#[rstest]
#[case("quality_issue")]
#[case("not_as_described")]
#[case("wrong_item")]
#[case("transport_damage")]
#[case("other")]
fn every_reason_needs_evidence(#[case] reason: &str) {
    let mut request = return_of(reason, "2026-03-11T10:00:00+08:00");
    request["evidence"] = json!(false);
    let d = decide(&case(request));
    assert_eq!(d.outcome, Outcome::NeedsEvidence);
    assert!(d.clauses.iter().any(|c| c == "III.1.evidence"));
    assert!(d.refund.is_none());
    assert!(d.deadlines.contains_key("evidence_by"));
}

#[test]
fn evidence_is_due_by_the_last_day_of_the_window() {
    let mut request = return_of("quality_issue", "2026-03-11T10:00:00+08:00");
    request["evidence"] = json!(false);
    let d = decide(&case(request));
    assert_eq!(
        d.deadlines.get("evidence_by"),
        Some(&jiff::civil::date(2026, 3, 24))
    );
}

#[test]
fn a_late_quality_issue_goes_to_buyback_and_mentions_hidden_defects() {
    let d = decide(&case(return_of(
        "quality_issue",
        "2026-06-01T10:00:00+08:00",
    )));
    assert_eq!(d.outcome, Outcome::BuybackOffered);
    assert_eq!(
        d.clauses,
        vec!["III.1.quality", "III.1.past_window", "buyback.eligibility"]
    );
    assert!(
        d.reasons
            .iter()
            .any(|r| r.contains("hidden quality problem"))
    );
    assert!(d.refund.is_none() && d.quote.is_none());
}

#[test]
fn a_late_wrong_item_goes_to_buyback_without_the_hidden_defect_note() {
    let d = decide(&case(return_of("wrong_item", "2026-06-01T10:00:00+08:00")));
    assert_eq!(d.outcome, Outcome::BuybackOffered);
    assert!(
        !d.reasons
            .iter()
            .any(|r| r.contains("hidden quality problem"))
    );
}

#[test]
fn an_evidence_free_late_request_is_still_routed_to_buyback() {
    let mut request = return_of("other", "2026-06-01T10:00:00+08:00");
    request["evidence"] = json!(false);
    assert_eq!(decide(&case(request)).outcome, Outcome::BuybackOffered);
}

fn buyback(grade: &str, missing: u32, packaging: bool) -> Value {
    json!({
        "type": "buyback",
        "submitted_at": "2026-06-01T10:00:00+08:00",
        "lines": [{"sku": "LK-100", "quantity": 1}],
        "condition": {"grade": grade, "missing_accessories": missing, "original_packaging": packaging}
    })
}

#[rstest]
#[case::like_new("like_new", 0, true, "70", "84.00", false)]
#[case::good("good", 0, true, "60", "72.00", false)]
#[case::fair("fair", 0, true, "50", "60.00", false)]
#[case::worn("worn", 0, true, "40", "48.00", false)]
#[case::one_missing_accessory("good", 1, true, "55", "66.00", false)]
#[case::two_missing_and_no_box("like_new", 2, false, "55", "66.00", false)]
#[case::no_box("fair", 0, false, "45", "54.00", false)]
#[case::down_to_the_floor_exactly("worn", 1, false, "30", "36.00", false)]
#[case::below_the_floor("worn", 3, false, "30", "36.00", true)]
#[case::far_below_the_floor("fair", 40, false, "30", "36.00", true)]
fn buyback_quotes_follow_the_grade_and_the_deductions(
    #[case] grade: &str,
    #[case] missing: u32,
    #[case] packaging: bool,
    #[case] percent: &str,
    #[case] amount: &str,
    #[case] floor: bool,
) {
    let d = decide(&case(buyback(grade, missing, packaging)));
    assert_eq!(d.outcome, Outcome::BuybackQuote);
    let q = d.quote.as_ref().unwrap();
    assert_eq!(q.percent, Percent::parse(percent).unwrap());
    assert_eq!(q.amount.amount_text(), amount);
    assert_eq!(q.base.amount_text(), "120.00");
    assert_eq!(q.floor_applied, floor);
    assert_eq!(q.valid_until, jiff::civil::date(2026, 6, 15));
    assert_eq!(
        d.deadlines.get("quote_by"),
        Some(&jiff::civil::date(2026, 6, 4))
    );
    assert!(d.refund.is_none());
    assert!(d.clauses.iter().any(|c| c == "buyback.quote"));
}

#[test]
fn a_damaged_product_gets_a_manual_review_without_a_quote() {
    let d = decide(&case(buyback("damaged", 0, true)));
    assert_eq!(d.outcome, Outcome::BuybackManualReview);
    assert!(d.quote.is_none());
    assert!(d.clauses.iter().any(|c| c == "buyback.serious_damage"));
    assert!(d.deadlines.contains_key("quote_by"));
}

#[test]
fn a_defect_still_inside_its_return_window_recommends_the_return_with_both_amounts() {
    let mut request = buyback("good", 0, true);
    request["submitted_at"] = json!("2026-03-20T10:00:00+08:00");
    request["defect"] = json!("quality_issue");
    let d = decide(&case(request));
    assert_eq!(d.outcome, Outcome::ReturnRecommended);
    assert_eq!(total(&d).as_deref(), Some("129.00")); // 120 + 6 shipping + 3 duties, no return costs yet
    assert_eq!(
        d.quote.as_ref().map(|q| q.amount.amount_text()).as_deref(),
        Some("72.00")
    );
    assert!(d.clauses.iter().any(|c| c == "buyback.return_first"));
    assert_eq!(
        d.deadlines.get("return_by"),
        Some(&jiff::civil::date(2026, 3, 24))
    );
}

#[test]
fn a_defect_past_its_window_gets_the_buyback_quote() {
    let mut request = buyback("good", 0, true);
    request["defect"] = json!("quality_issue");
    let d = decide(&case(request));
    assert_eq!(d.outcome, Outcome::BuybackQuote);
    assert!(d.refund.is_none());
}

#[rstest]
#[case::worn("worn", 0, true, "in worn condition")]
#[case::fair("fair", 0, true, "in fair condition")]
#[case::missing_accessories("good", 2, true, "2 accessories are missing")]
#[case::unboxed("like_new", 0, false, "The original packaging is gone")]
fn a_defect_in_its_window_recommends_the_return_only_when_the_product_would_pass_inspection(
    #[case] grade: &str,
    #[case] missing: u32,
    #[case] boxed: bool,
    #[case] because: &str,
) {
    let mut request = buyback(grade, missing, boxed);
    request["submitted_at"] = json!("2026-03-20T10:00:00+08:00");
    request["defect"] = json!("quality_issue");
    let d = decide(&case(request));
    assert_eq!(d.outcome, Outcome::BuybackQuote, "{:?}", d.reasons);
    assert!(d.refund.is_none());
    assert!(d.clauses.iter().any(|c| c == "III.2.condition"));
    let said = d.reasons.join(" ");
    assert!(
        said.contains(because) && said.contains("would not pass inspection"),
        "{said}"
    );
}

#[test]
fn a_late_quality_issue_buyback_hears_that_hidden_defects_can_be_negotiated() {
    let mut request = buyback("good", 0, true);
    request["defect"] = json!("quality_issue");
    let d = decide(&case(request));
    assert_eq!(d.outcome, Outcome::BuybackQuote);
    assert!(
        d.reasons
            .iter()
            .any(|r| r.contains("hidden quality problem")),
        "{:?}",
        d.reasons
    );
    let mut wrong = buyback("good", 0, true);
    wrong["defect"] = json!("wrong_item");
    let d = decide(&case(wrong));
    assert!(
        !d.reasons
            .iter()
            .any(|r| r.contains("hidden quality problem"))
    );
}

#[test]
fn transport_damage_as_a_buyback_defect_uses_the_48_hour_window() {
    let mut request = buyback("damaged", 0, true);
    request["submitted_at"] = json!("2026-03-11T10:00:00+08:00");
    request["defect"] = json!("transport_damage");
    let d = decide(&case(request));
    assert_eq!(d.outcome, Outcome::ReturnRecommended);
    assert!(
        d.quote.is_none(),
        "a damaged product has no automatic quote"
    );
}

fn exchange(shipping: &str) -> Value {
    let mut facts = case(json!({
        "type": "exchange",
        "submitted_at": "2026-03-12T10:00:00+08:00",
        "lines": [{"sku": "LK-100", "quantity": 1}],
        "evidence": true
    }));
    facts["order"]["shipping_paid"] = json!(shipping);
    facts
}

#[rstest]
// Three units in the order: one LK-100 (120.00) carries a third of the shipping; 5 % of 120.00
// is 6.00, so shipping up to 18.00 leaves it negotiable.
#[case::share_exactly_5_percent("LK-100", "USD", "18.00", Outcome::ExchangeNegotiable)]
#[case::share_below_5_percent("LK-100", "USD", "3.00", Outcome::ExchangeNegotiable)]
#[case::share_a_cent_over("LK-100", "USD", "18.01", Outcome::ExchangeViaReturn)]
#[case::free_shipping("LK-100", "USD", "0.00", Outcome::ExchangeViaReturn)]
// LK-200 costs 60.00, under the 100.00 threshold, however small the shipping.
#[case::cheap_unit("LK-200", "USD", "0.30", Outcome::ExchangeViaReturn)]
#[case::currency_without_threshold("LK-100", "SEK", "3.00", Outcome::ExchangeViaReturn)]
fn exchanges_are_negotiable_only_for_dear_units_with_a_small_share_of_shipping(
    #[case] sku: &str,
    #[case] currency: &str,
    #[case] shipping: &str,
    #[case] expected: Outcome,
) {
    let mut facts = exchange(shipping);
    facts["order"]["currency"] = json!(currency);
    facts["request"]["lines"] = json!([{"sku": sku, "quantity": 1}]);
    let d = decide(&facts);
    assert_eq!(d.outcome, expected, "{:?}", d.reasons);
    assert!(d.clauses.iter().any(|c| c == "III.4.exchange"));
    assert!(d.deadlines.contains_key("review_by"));
}

#[test]
fn a_key_ring_bought_with_a_lock_is_not_negotiable() {
    let mut facts = exchange("10.00");
    facts["order"]["lines"] = json!([
        {"sku": "LOCK", "unit_price": "1000.00", "quantity": 1},
        {"sku": "RING", "unit_price": "2.00", "quantity": 1}
    ]);
    facts["request"]["lines"] = json!([{"sku": "RING", "quantity": 1}]);
    let d = decide(&facts);
    assert_eq!(d.outcome, Outcome::ExchangeViaReturn);
    assert!(
        d.reasons.iter().any(|r| r.contains("at least 100.00")),
        "{:?}",
        d.reasons
    );
    facts["request"]["lines"] = json!([{"sku": "LOCK", "quantity": 1}]);
    assert_eq!(decide(&facts).outcome, Outcome::ExchangeNegotiable);
}

#[test]
fn an_exchange_via_return_estimates_the_refund_of_a_return_for_other_reasons() {
    let d = decide(&exchange("30.00"));
    assert_eq!(
        refund_lines(&d),
        vec![
            ("product".into(), "120.00".into()),
            ("handling_fee".into(), "-12.00".into())
        ]
    );
}

#[test]
fn an_exchange_for_a_wrong_item_uses_that_reason() {
    let mut facts = exchange("30.00");
    facts["request"]["reason"] = json!("wrong_item");
    assert_eq!(total(&decide(&facts)).as_deref(), Some("138.00")); // 120 + 12 + 6
}

#[test]
fn a_late_exchange_goes_to_buyback() {
    let mut facts = exchange("15.00");
    facts["request"]["submitted_at"] = json!("2026-06-01T10:00:00+08:00");
    assert_eq!(decide(&facts).outcome, Outcome::BuybackOffered);
}

fn undeliverable(fee: &str) -> Value {
    let mut facts = case(json!({
        "type": "undeliverable",
        "returned_at": "2026-09-30T11:00:00+08:00",
        "fees": {"return_processing": fee}
    }));
    facts.as_object_mut().unwrap().remove("signed_at");
    facts
}

#[test]
fn an_undeliverable_parcel_is_refunded_after_the_deductions() {
    let d = decide(&undeliverable("20.00"));
    assert_eq!(d.outcome, Outcome::RefundAfterDeductions);
    assert_eq!(
        refund_lines(&d),
        vec![
            ("product".into(), "300.00".into()),
            ("deduction_shipping".into(), "-30.00".into()),
            ("deduction_processing".into(), "-20.00".into())
        ]
    );
    assert_eq!(total(&d).as_deref(), Some("250.00"));
    // Returned on 30 September: 1-7 October are holidays, 10 October is a make-up Saturday.
    assert_eq!(
        d.deadlines.get("contact_by"),
        Some(&jiff::civil::date(2026, 10, 10))
    );
    assert_eq!(d.clauses[0], "III.5.returned_to_sender");
}

#[rstest]
#[case::nothing_left("270.00")]
#[case::fees_above_the_product("500.00")]
fn an_undeliverable_parcel_worth_less_than_the_fees_gets_no_refund(#[case] fee: &str) {
    let d = decide(&undeliverable(fee));
    assert_eq!(d.outcome, Outcome::NoRefund);
    assert!(d.refund.is_none());
    assert!(d.deadlines.contains_key("contact_by"));
}

#[test]
fn a_parcel_destroyed_by_customs_gets_no_refund_and_returned_goods_go_to_buyback() {
    let mut facts = case(json!({"type": "customs_destroyed"}));
    facts.as_object_mut().unwrap().remove("signed_at");
    let d = decide(&facts);
    assert_eq!(d.outcome, Outcome::NoRefund);
    assert_eq!(d.clauses, vec!["III.5.customs_destroyed", "II.refusal"]);
    assert!(d.refund.is_none() && d.quote.is_none() && d.deadlines.is_empty());
    facts["request"]["goods_returned"] = json!(true);
    assert!(
        decide(&facts)
            .clauses
            .iter()
            .any(|c| c == "buyback.eligibility")
    );
}

#[rstest]
#[case::plain_week("2026-03-10", "2026-03-20T10:00:00+08:00", "2026-03-25")]
#[case::over_national_day("2026-09-20", "2026-09-30T10:00:00+08:00", "2026-10-10")]
#[case::late_evening_utc_is_next_day_in_shanghai(
    "2026-03-10",
    "2026-03-19T17:00:00Z",
    "2026-03-25"
)]
#[case::over_spring_festival_with_make_up_saturday(
    "2026-02-01",
    "2026-02-13T10:00:00+08:00",
    "2026-02-25"
)]
fn the_review_deadline_counts_working_days_of_the_chinese_calendar(
    #[case] signed_on: &str,
    #[case] submitted: &str,
    #[case] expected: &str,
) {
    let mut facts = case(return_of("other", submitted));
    facts["order"]["placed_at"] = json!("2026-01-01T10:00:00+08:00");
    facts["signed_at"] = json!(format!("{signed_on}T10:00:00+08:00"));
    let d = decide(&facts);
    assert_eq!(d.outcome, Outcome::ReturnEligible, "{:?}", d.reasons);
    assert_eq!(
        d.deadlines
            .get("review_by")
            .map(ToString::to_string)
            .as_deref(),
        Some(expected)
    );
}

#[test]
fn a_deadline_counted_into_a_year_without_its_notice_skips_new_year_and_is_provisional() {
    // Requested Tue 29 Dec 2026: 30 Dec, 31 Dec, (1 Jan 2027 is New Year's Day), 4 Jan.
    let mut facts = case(return_of("other", "2026-12-29T10:00:00+08:00"));
    facts["order"]["placed_at"] = json!("2026-12-01T10:00:00+08:00");
    facts["signed_at"] = json!("2026-12-20T10:00:00+08:00");
    let d = decide(&facts);
    assert_eq!(
        d.deadlines.get("review_by"),
        Some(&jiff::civil::date(2027, 1, 4))
    );
    assert_eq!(d.warnings.len(), 1);
    assert!(
        d.warnings[0].starts_with("provisional:") && d.warnings[0].contains("2027"),
        "{:?}",
        d.warnings
    );
}

#[test]
fn a_request_without_submitted_at_is_judged_at_now() {
    let mut request = return_of("quality_issue", "unused");
    request.as_object_mut().unwrap().remove("submitted_at");
    let facts = Facts::from_json(&case(request).to_string()).unwrap();
    let early: Timestamp = "2026-03-12T00:00:00Z".parse().unwrap();
    assert_eq!(
        evaluate(policy(), &facts, early).unwrap().outcome,
        Outcome::ReturnEligible
    );
    assert_eq!(
        evaluate(policy(), &facts, now()).unwrap().outcome,
        Outcome::BuybackOffered
    );
    let before_signing: Timestamp = "2026-03-01T00:00:00Z".parse().unwrap();
    assert_eq!(
        evaluate(policy(), &facts, before_signing)
            .unwrap_err()
            .field,
        "request.submitted_at"
    );
}

/// The default policy plus a second version from 1 June 2026 whose quality window is 7 days.
fn two_versions() -> Policy {
    let start = POLICY.find("\n[[version]]").unwrap();
    let second = POLICY[start..]
        .replace("id = \"2025-01\"", "id = \"2026-06\"")
        .replace("effective_from = 2025-01-01", "effective_from = 2026-06-01")
        .replacen("window = { days = 14 }", "window = { days = 7 }", 1);
    policy_from(&format!("{POLICY}\n{second}"))
}

#[rstest]
#[case::last_minute_of_the_old_version(
    "2026-05-31T23:59:00+08:00",
    "2025-01",
    Outcome::ReturnEligible
)]
#[case::first_minute_of_the_new_version(
    "2026-06-01T00:00:00+08:00",
    "2026-06",
    Outcome::BuybackOffered
)]
#[case::new_version_by_shanghai_date_while_still_may_in_utc(
    "2026-05-31T16:00:00Z",
    "2026-06",
    Outcome::BuybackOffered
)]
fn an_order_is_judged_by_the_version_in_force_when_it_was_placed(
    #[case] placed_at: &str,
    #[case] version: &str,
    #[case] outcome: Outcome,
) {
    let policy = two_versions();
    let mut facts = case(return_of("quality_issue", "2026-06-20T10:00:00+08:00"));
    facts["order"]["placed_at"] = json!(placed_at);
    facts["signed_at"] = json!("2026-06-10T10:00:00+08:00");
    let d = evaluate(
        &policy,
        &Facts::from_json(&facts.to_string()).unwrap(),
        now(),
    )
    .unwrap();
    assert_eq!(d.policy_version, version);
    assert_eq!(
        d.outcome, outcome,
        "10 days after signing: inside 14, outside 7"
    );
}

#[test]
fn an_order_placed_before_the_first_version_is_judged_by_it_with_a_warning() {
    let mut facts = case(return_of("quality_issue", "2026-03-20T10:00:00+08:00"));
    facts["order"]["placed_at"] = json!("2024-12-31T15:59:59Z");
    let d = decide(&facts);
    assert_eq!(d.outcome, Outcome::ReturnEligible);
    assert_eq!(d.policy_version, "2025-01");
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert!(
        d.warnings[0].contains("before policy version `2025-01`")
            && d.warnings[0].contains("2025-01-01"),
        "{:?}",
        d.warnings
    );
    // A buyback has no age limit: an order from 2019 still gets its quote.
    let mut old = case(
        json!({"type": "buyback", "submitted_at": "2026-03-20T10:00:00+08:00",
        "lines": [{"sku": "LK-100", "quantity": 1}],
        "condition": {"grade": "good", "missing_accessories": 0, "original_packaging": true}}),
    );
    old["order"]["placed_at"] = json!("2019-05-01T10:00:00+08:00");
    old["signed_at"] = json!("2019-05-20T10:00:00+08:00");
    let d = decide(&old);
    assert_eq!(d.outcome, Outcome::BuybackQuote, "{:?}", d.reasons);
    assert_eq!(d.warnings.len(), 1);
}

fn with(mut facts: Value, path: &[&str], value: Value) -> Value {
    let mut target = &mut facts;
    for (i, key) in path.iter().enumerate() {
        if i + 1 == path.len() {
            if value.is_null() {
                target.as_object_mut().unwrap().remove(*key);
            } else {
                target[*key] = value.clone();
            }
            break;
        }
        target = match key.parse::<usize>() {
            Ok(n) => &mut target[n],
            Err(_) => &mut target[*key],
        };
    }
    facts
}

fn base() -> Value {
    case(return_of("quality_issue", "2026-03-20T10:00:00+08:00"))
}

#[rstest]
#[case::unknown_reason(&["request", "reason"], json!("changed_my_mind"), "request.reason", "unknown variant")]
#[case::unknown_type(&["request", "type"], json!("refund"), "request.type", "unknown variant")]
#[case::unknown_field(&["request", "colour"], json!("red"), "request.colour", "unknown field `colour`")]
#[case::unknown_currency(&["order", "currency"], json!("ABC"), "order.currency", "ISO 4217")]
#[case::float_amount(&["order", "shipping_paid"], json!(30.5), "order.shipping_paid", "invalid type")]
#[case::too_many_decimals(&["order", "shipping_paid"], json!("30.005"), "order.shipping_paid", "decimal places")]
#[case::negative_amount(&["order", "duties_paid"], json!("-1.00"), "order.duties_paid", "negative")]
#[case::negative_return_costs(&["request", "return_costs"], json!("-1"), "request.return_costs", "negative")]
#[case::bad_unit_price(&["order", "lines", "0", "unit_price"], json!("12,00"), "order.lines[0].unit_price", "not an amount")]
#[case::zero_quantity(&["order", "lines", "0", "quantity"], json!(0), "order.lines[0].quantity", "1 to")]
#[case::negative_quantity(&["order", "lines", "0", "quantity"], json!(-1), "order.lines[0].quantity", "invalid value")]
#[case::more_than_ordered(&["request", "lines", "0", "quantity"], json!(3), "request.lines[0].quantity", "1 to 2")]
#[case::unknown_sku(&["request", "lines", "0", "sku"], json!("NOPE"), "request.lines[0].sku", "not a line")]
#[case::no_signing(&["signed_at"], Value::Null, "signed_at", "required")]
#[case::missing_evidence(&["request", "evidence"], Value::Null, "request.evidence", "required")]
#[case::missing_reason(&["request", "reason"], Value::Null, "request.reason", "required")]
#[case::timestamp_without_offset(&["signed_at"], json!("2026-03-10T15:00:00"), "signed_at", "")]
#[case::submitted_before_signing(&["request", "submitted_at"], json!("2026-03-09T15:00:00+08:00"), "request.submitted_at", "before")]
#[case::signed_before_placed(&["signed_at"], json!("2026-02-01T15:00:00+08:00"), "signed_at", "before")]
#[case::buyback_field_on_a_return(&["request", "condition"], json!({"grade": "good", "missing_accessories": 0, "original_packaging": true}), "request.condition", "not used by a return")]
#[case::no_lines(&["order", "lines"], json!([]), "order.lines", "at least one")]
#[case::huge_amount(&["order", "lines", "0", "unit_price"], json!("99999999999999999.99"), "order.lines[0].unit_price", "too large")]
fn bad_facts_are_refused_with_the_field_named(
    #[case] path: &[&str],
    #[case] value: Value,
    #[case] field: &str,
    #[case] fragment: &str,
) {
    let err = try_decide(&with(base(), path, value)).unwrap_err();
    assert_eq!(err.field, field, "{err}");
    assert!(err.message.contains(fragment), "{err}");
    assert!(!err.to_string().contains('\n'));
}

#[rstest]
#[case::not_json("{")]
#[case::empty("")]
#[case::array("[]")]
#[case::null("null")]
fn malformed_documents_are_refused(#[case] text: &str) {
    assert!(Facts::from_json(text).is_err());
}

#[test]
fn undeliverable_requests_must_not_carry_a_signing() {
    let mut facts = undeliverable("1.00");
    facts["signed_at"] = json!("2026-03-10T15:00:00+08:00");
    assert_eq!(try_decide(&facts).unwrap_err().field, "signed_at");
}

#[test]
fn the_decision_serialises_to_the_public_contract() {
    let value = serde_json::to_value(decide(&base())).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "outcome",
        "policy_version",
        "clauses",
        "reasons",
        "refund",
        "quote",
        "deadlines",
        "warnings",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    assert_eq!(value["outcome"], "return_eligible");
    assert_eq!(value["refund"]["currency"], "USD");
    assert_eq!(value["refund"]["total"], "149.00");
    assert_eq!(
        value["refund"]["lines"][0],
        json!({"kind": "product", "amount": "120.00"})
    );
    assert_eq!(value["quote"], Value::Null);
    assert_eq!(value["deadlines"], json!({"review_by": "2026-03-25"}));
}

#[test]
fn every_cited_clause_exists_in_the_policy() {
    let version = &policy().versions()[0];
    for facts in [
        base(),
        case(buyback("good", 1, false)),
        case(buyback("damaged", 0, true)),
        undeliverable("1"),
        exchange("1"),
    ] {
        for clause in decide(&facts).clauses {
            assert!(version.clause(&clause).is_some(), "{clause}");
        }
    }
}

fn arb_return() -> impl Strategy<Value = (Value, i64)> {
    let currency = prop::sample::select(vec![("USD", 2u32), ("JPY", 0), ("KWD", 3)]);
    let lines = prop::collection::vec((0i64..5_000_000, 1u32..5), 1..4);
    let reason = prop::sample::select(vec![
        "quality_issue",
        "not_as_described",
        "wrong_item",
        "transport_damage",
        "other",
    ]);
    (currency, lines, 0i64..2_000_000, 0i64..2_000_000, 0i64..2_000_000, reason, prop::collection::vec(0u32..5, 3))
        .prop_map(|((code, exp), lines, shipping, duties, costs, reason, picks)| {
            let text = |minor: i64| {
                let scale = 10i64.pow(exp);
                if exp == 0 { minor.to_string() } else { format!("{}.{:0w$}", minor / scale, minor % scale, w = exp as usize) }
            };
            let order_lines: Vec<Value> = lines
                .iter()
                .enumerate()
                .map(|(i, (price, qty))| json!({"sku": format!("S{i}"), "unit_price": text(*price), "quantity": qty}))
                .collect();
            let mut request_lines: Vec<Value> = lines
                .iter()
                .enumerate()
                .filter_map(|(i, (_, qty))| {
                    let q = picks[i] % (qty + 1);
                    (q > 0).then(|| json!({"sku": format!("S{i}"), "quantity": q}))
                })
                .collect();
            if request_lines.is_empty() {
                request_lines.push(json!({"sku": "S0", "quantity": 1}));
            }
            let facts = json!({
                "order": {"placed_at": "2026-03-01T10:00:00+08:00", "currency": code, "lines": order_lines,
                          "shipping_paid": text(shipping), "duties_paid": text(duties)},
                "signed_at": "2026-03-10T15:00:00+08:00",
                "request": {"type": "return", "reason": reason, "submitted_at": "2026-03-10T16:00:00+08:00",
                            "lines": request_lines, "evidence": true, "return_costs": text(costs)}
            });
            (facts, costs)
        })
}

proptest! {
    #[test]
    fn a_refund_is_never_negative_never_above_what_was_paid_and_adds_up((facts, return_costs) in arb_return()) {
        let parsed = Facts::from_json(&facts.to_string()).unwrap();
        let d = evaluate(policy(), &parsed, now()).unwrap();
        prop_assert_eq!(d.outcome, Outcome::ReturnEligible);
        let refund = d.refund.unwrap();
        let sum: i64 = refund.lines.iter().map(|l| l.amount.minor()).sum();
        prop_assert_eq!(sum, refund.total.minor());
        prop_assert!(refund.total.minor() >= 0);
        // What was paid for the returned units: their price and their rounded shares of the fees.
        let order = &parsed.order;
        let Request::Return { lines, .. } = &parsed.request else { unreachable!() };
        let returned = order.paid_for(lines).unwrap();
        let products = order.products_total().unwrap();
        let share = |fee: Money| if products.is_zero() { 0 } else { fee.pro_rata(returned, products).unwrap().minor() };
        let paid = returned.minor() + share(order.shipping_paid) + share(order.duties_paid);
        prop_assert!(refund.total.minor() <= paid + return_costs, "{} > {} + {}", refund.total.minor(), paid, return_costs);
    }

    #[test]
    fn an_undeliverable_refund_is_never_negative_nor_above_the_products(product in 0i64..10_000_000, shipping in 0i64..10_000_000, fee in 0i64..10_000_000) {
        let text = |m: i64| format!("{}.{:02}", m / 100, m % 100);
        let facts = json!({
            "order": {"placed_at": "2026-03-01T10:00:00+08:00", "currency": "USD",
                      "lines": [{"sku": "A", "unit_price": text(product), "quantity": 1}], "shipping_paid": text(shipping)},
            "request": {"type": "undeliverable", "returned_at": "2026-04-01T10:00:00+08:00", "fees": {"return_processing": text(fee)}}
        });
        let d = decide(&facts);
        match d.refund {
            Some(r) => {
                prop_assert_eq!(d.outcome, Outcome::RefundAfterDeductions);
                prop_assert!(r.total.minor() > 0 && r.total.minor() <= product);
                prop_assert_eq!(r.total.minor(), product - shipping - fee);
            }
            None => {
                prop_assert_eq!(d.outcome, Outcome::NoRefund);
                prop_assert!(product - shipping - fee <= 0);
            }
        }
    }

    #[test]
    fn a_buyback_quote_stays_within_the_policy_range(grade in prop::sample::select(vec!["like_new", "good", "fair", "worn"]), missing in 0u32..30, packaging: bool, price in 0i64..10_000_000) {
        let mut facts = case(buyback(grade, missing, packaging));
        facts["order"]["lines"][0]["unit_price"] = json!(format!("{}.{:02}", price / 100, price % 100));
        let d = decide(&facts);
        let q = d.quote.unwrap();
        prop_assert!(q.percent >= Percent::whole(30).unwrap() && q.percent <= Percent::whole(70).unwrap());
        prop_assert!(q.amount.minor() <= q.base.minor() && q.amount.minor() >= 0);
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in ".{0,200}") {
        let _ = Facts::from_json(&text);
    }
}

#[rstest]
// Signed 10:00 in New York on 10 March (23:00 in Shanghai, the same date); the 14th day of their
// calendar is the 24th, and 13:00 there is already the 25th in Shanghai.
#[case::new_york_last_day(
    "2026-03-10T10:00:00-04:00",
    "2026-03-24T13:00:00-04:00",
    Outcome::ReturnEligible
)]
#[case::new_york_day_after(
    "2026-03-10T10:00:00-04:00",
    "2026-03-25T00:00:00-04:00",
    Outcome::BuybackOffered
)]
// Signed 02:00 on 11 March in Auckland (21:00 on the 10th in Shanghai): their window runs to the
// 25th, the shop's to the 24th.
#[case::auckland_last_day(
    "2026-03-11T02:00:00+13:00",
    "2026-03-25T10:00:00+13:00",
    Outcome::ReturnEligible
)]
#[case::auckland_day_after(
    "2026-03-11T02:00:00+13:00",
    "2026-03-26T00:00:00+13:00",
    Outcome::BuybackOffered
)]
// Kathmandu's quarter hour: signed 23:50 on the 10th there (02:05 on the 11th in Shanghai).
#[case::kathmandu_shop_dates_are_later(
    "2026-03-10T23:50:00+05:45",
    "2026-03-25T21:00:00+05:45",
    Outcome::ReturnEligible
)]
// Shanghai's own dates keep counting: a customer whose dates are earlier loses nothing either.
#[case::shop_dates_still_count(
    "2026-03-10T10:00:00-04:00",
    "2026-03-24T11:59:00-04:00",
    Outcome::ReturnEligible
)]
fn a_request_is_in_time_by_the_shop_s_dates_or_the_customer_s_own(
    #[case] signed: &str,
    #[case] submitted: &str,
    #[case] expected: Outcome,
) {
    let mut facts = case(return_of("quality_issue", submitted));
    facts["signed_at"] = json!(signed);
    let d = decide(&facts);
    assert_eq!(d.outcome, expected, "{:?}", d.reasons);
}

#[test]
fn a_request_in_time_only_by_the_customer_s_dates_says_so() {
    let mut facts = case(return_of("quality_issue", "2026-03-24T13:00:00-04:00"));
    facts["signed_at"] = json!("2026-03-10T10:00:00-04:00");
    let d = decide(&facts);
    assert!(
        d.reasons[1].contains("By your own local dates") && d.reasons[1].contains("in time"),
        "{:?}",
        d.reasons
    );
}

#[test]
fn return_windows_in_the_customer_s_zone_end_on_their_last_day() {
    let zone = jiff::tz::TimeZone::get("Pacific/Auckland").unwrap();
    let windows = super::return_windows(
        policy(),
        "2026-03-01T10:00:00+08:00".parse().unwrap(),
        "2026-03-11T02:00:00+13:00".parse().unwrap(),
        false,
        Some(&zone),
        "2026-03-25T10:00:00+13:00".parse().unwrap(),
    );
    let quality = &windows[0];
    assert_eq!(quality.last_day, jiff::civil::date(2026, 3, 25));
    assert!(quality.open);
}

#[test]
fn return_windows_name_the_last_day_of_each_reason() {
    let windows = super::return_windows(
        policy(),
        "2026-03-01T10:00:00+08:00".parse().unwrap(),
        "2026-03-10T15:00:00+08:00".parse().unwrap(),
        false,
        None,
        "2026-03-11T00:00:00Z".parse().unwrap(),
    );
    let last: Vec<(ReturnReason, String, bool)> = windows
        .iter()
        .map(|w| (w.reason, w.last_day.to_string(), w.open))
        .collect();
    assert_eq!(
        last,
        vec![
            (ReturnReason::QualityIssue, "2026-03-24".into(), true),
            (ReturnReason::NotAsDescribed, "2026-03-24".into(), true),
            (ReturnReason::WrongItem, "2026-03-24".into(), true),
            (ReturnReason::TransportDamage, "2026-03-12".into(), true),
            (ReturnReason::Other, "2026-04-09".into(), true),
        ]
    );
    assert_eq!(
        windows[3].until,
        Some("2026-03-12T07:00:00Z".parse().unwrap())
    );
}

/// The windows shown to a customer open and close exactly where the evaluator accepts and
/// refuses a return, at every minute around each boundary.
#[rstest]
#[case::quality("quality_issue", "2026-03-24T23:58:00+08:00")]
#[case::wrong_item("wrong_item", "2026-03-24T23:58:00+08:00")]
#[case::transport_damage("transport_damage", "2026-03-12T14:58:00+08:00")]
#[case::other("other", "2026-04-09T23:58:00+08:00")]
fn return_windows_agree_with_the_evaluator(#[case] reason: &str, #[case] around: &str) {
    let start: Timestamp = around.parse().unwrap();
    let wanted: ReturnReason = serde_json::from_value(json!(reason)).unwrap();
    for minute in 0..5 {
        let at = start + jiff::SignedDuration::from_mins(minute);
        let window = super::return_windows(
            policy(),
            "2026-03-01T10:00:00+08:00".parse().unwrap(),
            "2026-03-10T15:00:00+08:00".parse().unwrap(),
            false,
            None,
            at,
        )
        .into_iter()
        .find(|w| w.reason == wanted)
        .unwrap();
        let shanghai = at.display_with_offset(jiff::tz::offset(8)).to_string();
        let accepted =
            decide(&case(return_of(reason, &shanghai))).outcome == Outcome::ReturnEligible;
        assert_eq!(window.open, accepted, "{reason} at {at}");
    }
}

#[test]
fn confirmed_return_costs_are_capped_at_the_policys_share_of_the_returned_units_price() {
    // A wrong-item return of one 120.00 unit: the cap is 50 % of 120.00 = 60.00, however much
    // was confirmed, and the reason pays 100 % of it.
    let mut request = return_of("wrong_item", "2026-03-11T10:00:00+08:00");
    request["return_costs"] = json!("99999.00");
    let d = decide(&case(request));
    let lines = refund_lines(&d);
    assert!(
        lines.contains(&("return_costs".into(), "60.00".into())),
        "{lines:?}"
    );
    assert!(d.clauses.iter().any(|c| c == "III.2.return_shipping"));
    assert!(
        d.reasons
            .iter()
            .any(|r| r.contains("up to 50% of the returned units' price (60.00 USD)")),
        "{:?}",
        d.reasons
    );
}

#[test]
fn a_customers_claimed_return_costs_are_never_paid_before_the_shop_confirms_them() {
    let mut request = return_of("quality_issue", "2026-03-11T10:00:00+08:00");
    request.as_object_mut().unwrap().remove("return_costs");
    request["return_costs_claimed"] = json!("99999.00");
    let d = decide(&case(request));
    assert!(
        refund_lines(&d).iter().all(|(k, _)| k != "return_costs"),
        "the claim is not in the estimate"
    );
    let said = d.reasons.join(" ");
    assert!(
        said.contains("compensated after we receive the goods, per your receipt: 50% of the amount we confirm, up to 60.00 USD"),
        "{said}"
    );
    assert!(
        said.contains("You told us they cost 99,999.00 USD"),
        "{said}"
    );
}

#[test]
fn return_costs_are_not_promised_where_the_reason_pays_none() {
    let mut request = return_of("other", "2026-03-11T10:00:00+08:00");
    request["return_costs"] = json!("0");
    request["return_costs_claimed"] = json!("30.00");
    let d = decide(&case(request));
    assert!(
        d.reasons
            .iter()
            .any(|r| r.contains("not compensated for this reason")),
        "{:?}",
        d.reasons
    );
    assert!(!d.clauses.iter().any(|c| c == "III.2.return_shipping"));
}
