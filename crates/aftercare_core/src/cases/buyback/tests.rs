use super::super::execute;
use super::super::test_support::{actor, ctx};
use super::*;
use crate::money::Currency;
use crate::policy::Grade;

const NOW: &str = "2026-06-01T02:00:00Z";

fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::parse("USD").unwrap())
}

fn pct(n: u8) -> Percent {
    Percent::whole(n).unwrap()
}

fn run(case: BuybackCase, command: BuybackCommand, role: Role) -> Result<BuybackCase, Refusal> {
    let a = actor(&[role]);
    execute(case, &command, &ctx(&a, NOW)).map(|(c, _)| c)
}

fn applied() -> BuybackCase {
    run(
        BuybackCase::default(),
        BuybackCommand::Apply {
            lines: vec![ReturnLine {
                sku: "LK-100".into(),
                quantity: 1,
            }],
            condition: Condition {
                grade: Grade::Good,
                missing_accessories: 0,
                original_packaging: true,
            },
            photos: vec!["p1".into()],
            base: usd(12_000),
            outcome: Outcome::BuybackQuote,
            decision: serde_json::json!({}),
        },
        Role::Customer,
    )
    .unwrap()
}

fn quote(p: u8, note: Option<&str>, manual: bool) -> BuybackCommand {
    BuybackCommand::Quote {
        percent: pct(p),
        note: note.map(str::to_owned),
        manual_review: manual,
    }
}

fn received() -> BuybackCase {
    let c = run(applied(), quote(60, None, false), Role::Agent).unwrap();
    let c = run(c, BuybackCommand::Accept, Role::Customer).unwrap();
    let c = run(
        c,
        BuybackCommand::MarkShipped {
            tracking_number: "T1".into(),
        },
        Role::Customer,
    )
    .unwrap();
    run(c, BuybackCommand::Receive, Role::Warehouse).unwrap()
}

#[test]
fn a_quote_is_the_percent_of_the_paid_price_and_stays_open_for_the_policy_days() {
    assert_eq!(
        applied().deadline,
        Some(jiff::civil::date(2026, 6, 4)),
        "quote within 3 working days"
    );
    let c = run(applied(), quote(60, None, false), Role::Agent).unwrap();
    let q = c.quote.unwrap();
    assert_eq!(
        (q.amount, q.valid_until),
        (usd(7_200), jiff::civil::date(2026, 6, 15))
    );
}

#[test]
fn quotes_outside_the_range_need_a_reason_and_below_it_a_manual_review() {
    assert!(matches!(
        run(applied(), quote(75, Some("rare"), false), Role::Agent),
        Err(Refusal::Invalid { .. })
    ));
    assert!(
        matches!(run(applied(), quote(20, None, true), Role::Agent), Err(Refusal::Invalid { ref field, .. }) if field == "note")
    );
    assert!(
        matches!(run(applied(), quote(20, Some("cracked"), false), Role::Agent), Err(Refusal::Invalid { ref field, .. }) if field == "percent")
    );
    let c = run(
        applied(),
        quote(20, Some("cracked housing"), true),
        Role::Agent,
    )
    .unwrap();
    assert_eq!(c.quote.unwrap().amount, usd(2_400));
    assert!(matches!(
        run(applied(), quote(60, None, false), Role::Customer),
        Err(Refusal::Role(_))
    ));
}

#[test]
fn a_confirmed_buyback_pays_the_quote_within_five_working_days() {
    let c = run(received(), BuybackCommand::Confirm, Role::Warehouse).unwrap();
    assert_eq!(c.payable(), Some(usd(7_200)));
    assert_eq!(c.deadline, Some(jiff::civil::date(2026, 6, 8)));
    let c = run(c, BuybackCommand::MarkPaid, Role::Finance).unwrap();
    assert!(!c.is_open());
}

#[test]
fn a_revised_offer_is_lower_than_the_quote_and_the_customer_chooses() {
    let revise = |minor| BuybackCommand::Revise {
        amount: usd(minor),
        reasons: vec!["deep scratches".into()],
        photos: vec![],
    };
    assert!(
        run(received(), revise(7_200), Role::Warehouse).is_err(),
        "not a revision"
    );
    assert!(
        run(received(), revise(5_000), Role::Agent).is_err(),
        "the warehouse inspects"
    );
    let c = run(received(), revise(5_000), Role::Warehouse).unwrap();
    let accepted = run(c.clone(), BuybackCommand::AcceptRevision, Role::Customer).unwrap();
    assert_eq!(accepted.payable(), Some(usd(5_000)));
    let back = run(
        c,
        BuybackCommand::AskForItemBack {
            address: "1 Main St".into(),
        },
        Role::Customer,
    )
    .unwrap();
    assert_eq!(
        (back.state, back.is_open()),
        (BuybackState::ItemReturned, false)
    );
}

#[test]
fn a_parcel_without_rma_is_received_as_soon_as_the_quote_is_accepted() {
    let c = run(
        BuybackCase::default(),
        BuybackCommand::OpenForParcel {
            lines: vec![ReturnLine {
                sku: "LK-100".into(),
                quantity: 1,
            }],
            base: usd(12_000),
            photos: vec![],
        },
        Role::Warehouse,
    )
    .unwrap();
    let c = run(c, quote(50, None, false), Role::Agent).unwrap();
    let c = run(c, BuybackCommand::Accept, Role::Customer).unwrap();
    assert_eq!(c.state, BuybackState::Received);
}

#[test]
fn a_quote_can_be_accepted_until_its_last_day_and_expires_after() {
    let quoted = run(applied(), quote(60, None, false), Role::Agent).unwrap();
    let system = actor(&[Role::System]);
    let customer = actor(&[Role::Customer]);
    assert!(
        quoted
            .decide(
                &BuybackCommand::Expire,
                &ctx(&system, "2026-06-15T15:00:00Z")
            )
            .is_err(),
        "15 June is still valid in Shanghai"
    );
    assert!(
        quoted
            .decide(
                &BuybackCommand::Accept,
                &ctx(&customer, "2026-06-15T15:00:00Z")
            )
            .is_ok()
    );
    assert!(
        quoted
            .decide(
                &BuybackCommand::Accept,
                &ctx(&customer, "2026-06-15T16:00:00Z")
            )
            .is_err()
    );
    assert!(
        quoted
            .decide(
                &BuybackCommand::Expire,
                &ctx(&system, "2026-06-15T16:00:00Z")
            )
            .is_ok()
    );
}

/// Every command in every state: allowed exactly where the table says, refused by state
/// everywhere else, and leading to the table's state.
#[test]
fn every_command_in_every_state_follows_the_transition_table() {
    use BuybackState as S;
    let quoted = run(applied(), quote(60, None, false), Role::Agent).unwrap();
    let accepted = run(quoted.clone(), BuybackCommand::Accept, Role::Customer).unwrap();
    let in_transit = run(
        accepted.clone(),
        BuybackCommand::MarkShipped {
            tracking_number: "T".into(),
        },
        Role::Customer,
    )
    .unwrap();
    let received = received();
    let confirmed = run(received.clone(), BuybackCommand::Confirm, Role::Warehouse).unwrap();
    let revise = BuybackCommand::Revise {
        amount: usd(5_000),
        reasons: vec!["worn".into()],
        photos: vec![],
    };
    let revised = run(received.clone(), revise.clone(), Role::Warehouse).unwrap();
    let parcel = run(
        BuybackCase::default(),
        BuybackCommand::OpenForParcel {
            lines: vec![ReturnLine {
                sku: "LK-100".into(),
                quantity: 1,
            }],
            base: usd(12_000),
            photos: vec![],
        },
        Role::Warehouse,
    )
    .unwrap();
    let cases = vec![
        BuybackCase::default(),
        applied(),
        parcel,
        quoted.clone(),
        accepted,
        run(quoted.clone(), BuybackCommand::Decline, Role::Customer).unwrap(),
        {
            let system = actor(&[Role::System]);
            execute(
                quoted,
                &BuybackCommand::Expire,
                &ctx(&system, "2026-07-01T02:00:00Z"),
            )
            .unwrap()
            .0
        },
        in_transit,
        received,
        confirmed.clone(),
        revised.clone(),
        run(
            revised.clone(),
            BuybackCommand::AcceptRevision,
            Role::Customer,
        )
        .unwrap(),
        run(
            revised,
            BuybackCommand::AskForItemBack {
                address: "1 Main St".into(),
            },
            Role::Customer,
        )
        .unwrap(),
        run(confirmed, BuybackCommand::MarkPaid, Role::Finance).unwrap(),
    ];
    let apply = BuybackCommand::Apply {
        lines: vec![ReturnLine {
            sku: "LK-100".into(),
            quantity: 1,
        }],
        condition: Condition {
            grade: Grade::Good,
            missing_accessories: 0,
            original_packaging: true,
        },
        photos: vec![],
        base: usd(12_000),
        outcome: Outcome::BuybackQuote,
        decision: serde_json::json!({}),
    };
    let open = BuybackCommand::OpenForParcel {
        lines: vec![ReturnLine {
            sku: "LK-100".into(),
            quantity: 1,
        }],
        base: usd(1),
        photos: vec![],
    };
    // (command, role, time, [(from, to)])
    type Row<'a> = (BuybackCommand, Role, &'a str, Vec<(S, S)>);
    let table: Vec<Row<'_>> = vec![
        (apply, Role::Customer, NOW, vec![(S::New, S::Applied)]),
        (
            open,
            Role::Warehouse,
            NOW,
            vec![(S::New, S::ParcelWithoutRma)],
        ),
        (
            quote(60, None, false),
            Role::Agent,
            NOW,
            vec![(S::Applied, S::Quoted), (S::ParcelWithoutRma, S::Quoted)],
        ),
        (
            BuybackCommand::CorrectQuote {
                percent: pct(65),
                opinion: "the photos show it like new".into(),
            },
            Role::Agent,
            NOW,
            vec![
                (S::Quoted, S::Quoted),
                (S::Declined, S::Quoted),
                (S::Expired, S::Quoted),
            ],
        ),
        (
            BuybackCommand::Accept,
            Role::Customer,
            NOW,
            vec![(S::Quoted, S::Accepted)],
        ),
        (
            BuybackCommand::Decline,
            Role::Customer,
            NOW,
            vec![(S::Quoted, S::Declined)],
        ),
        (
            BuybackCommand::Expire,
            Role::System,
            "2026-07-01T02:00:00Z",
            vec![(S::Quoted, S::Expired)],
        ),
        (
            BuybackCommand::MarkShipped {
                tracking_number: "T".into(),
            },
            Role::Customer,
            NOW,
            vec![(S::Accepted, S::InTransit)],
        ),
        (
            BuybackCommand::Receive,
            Role::Warehouse,
            NOW,
            vec![(S::Accepted, S::Received), (S::InTransit, S::Received)],
        ),
        (
            BuybackCommand::Confirm,
            Role::Warehouse,
            NOW,
            vec![(S::Received, S::Confirmed)],
        ),
        (
            revise,
            Role::Warehouse,
            NOW,
            vec![(S::Received, S::Revised)],
        ),
        (
            BuybackCommand::AcceptRevision,
            Role::Customer,
            NOW,
            vec![(S::Revised, S::RevisionAccepted)],
        ),
        (
            BuybackCommand::AskForItemBack {
                address: "x".into(),
            },
            Role::Customer,
            NOW,
            vec![(S::Revised, S::ItemReturned)],
        ),
        (
            BuybackCommand::MarkPaid,
            Role::Finance,
            NOW,
            vec![(S::Confirmed, S::Paid), (S::RevisionAccepted, S::Paid)],
        ),
    ];
    assert_eq!(cases.len(), 14);
    for (command, role, now, allowed) in &table {
        let a = actor(&[*role]);
        for case in &cases {
            let from = case.state;
            let result = execute(case.clone(), command, &ctx(&a, now));
            match (allowed.iter().find(|(f, _)| *f == from), result) {
                (Some((_, to)), Ok((after, _))) => {
                    assert_eq!(after.state, *to, "{command:?} from {from:?}")
                }
                (None, Err(Refusal::State(_))) => {}
                (expected, got) => {
                    panic!("{command:?} from {from:?}: expected {expected:?}, got {got:?}")
                }
            }
        }
    }
}
