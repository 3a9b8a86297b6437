use super::super::execute;
use super::super::limits;
use super::super::test_support::{actor, ctx};
use super::*;
use crate::money::Currency;
use rstest::rstest;

const NOW: &str = "2026-03-20T02:00:00Z";

fn usd(minor: i64) -> Money {
    Money::from_minor(minor, Currency::parse("USD").unwrap())
}

fn request() -> ReturnCommand {
    ReturnCommand::Request {
        reason: ReturnReason::QualityIssue,
        lines: vec![ReturnLine {
            sku: "LK-100".into(),
            quantity: 2,
        }],
        description: "hinge cracked".into(),
        evidence: vec!["ev-1".into()],
        return_costs: Some(usd(4_000)),
        outcome: Outcome::ReturnEligible,
        decision: serde_json::json!({"outcome": "return_eligible"}),
    }
}

fn approve() -> ReturnCommand {
    ReturnCommand::Approve {
        rma: "RMA-1".into(),
        return_address: "Warehouse 3, Ningbo".into(),
        instructions: "Mark the RMA on the box; ship tracked and insured.".into(),
    }
}

fn receive(received: u32, damaged: u32) -> ReturnCommand {
    ReturnCommand::Receive {
        lines: vec![ReceivedLine {
            sku: "LK-100".into(),
            received,
            damaged,
        }],
        outcome: ReceptionOutcome::AsExpected,
    }
}

fn every_command() -> Vec<(&'static str, ReturnCommand, Role)> {
    vec![
        ("request", request(), Role::Customer),
        ("approve", approve(), Role::Agent),
        (
            "reject",
            ReturnCommand::Reject {
                reasons: vec!["photos show wear".into()],
            },
            Role::Agent,
        ),
        (
            "send_to_buyback",
            ReturnCommand::SendToBuyback {
                reasons: vec!["used".into()],
            },
            Role::Agent,
        ),
        (
            "mark_shipped",
            ReturnCommand::MarkShipped {
                tracking_number: "1Z999".into(),
            },
            Role::Customer,
        ),
        ("receive", receive(2, 0), Role::Warehouse),
        (
            "pass",
            ReturnCommand::PassInspection {
                refund: usd(12_000),
                compensated_return_costs: usd(0),
                confirmed_return_costs: usd(0),
                inspected: vec![],
            },
            Role::Warehouse,
        ),
        (
            "fail",
            ReturnCommand::FailInspection {
                reasons: vec!["scratched".into()],
                photos: vec![],
            },
            Role::Warehouse,
        ),
        (
            "send_back",
            ReturnCommand::ChooseSendBack {
                address: "1 Main St".into(),
            },
            Role::Customer,
        ),
        ("buyback", ReturnCommand::ChooseBuyback, Role::Customer),
        (
            "refund_granted",
            ReturnCommand::RecordRefundGranted {
                refund_case: "refund-1".into(),
            },
            Role::Agent,
        ),
    ]
}

/// A case in `state`, reached through the machine itself.
fn case_in(state: ReturnState) -> ReturnCase {
    let path: &[&str] = match state {
        ReturnState::New => &[],
        ReturnState::Requested => &["request"],
        ReturnState::Approved => &["request", "approve"],
        ReturnState::Rejected => &["request", "reject"],
        ReturnState::SentToBuyback => &["request", "send_to_buyback"],
        ReturnState::InTransit => &["request", "approve", "mark_shipped"],
        ReturnState::Received => &["request", "approve", "mark_shipped", "receive"],
        ReturnState::InspectionPassed => &["request", "approve", "receive", "pass"],
        ReturnState::RefundGranted => &["request", "approve", "receive", "pass", "refund_granted"],
        ReturnState::InspectionFailed => &["request", "approve", "receive", "fail"],
        ReturnState::SentBack => &["request", "approve", "receive", "fail", "send_back"],
        ReturnState::AbandonedToBuyback => &["request", "approve", "receive", "fail", "buyback"],
        ReturnState::Lost => {
            let mut case = case_in(ReturnState::Approved);
            let a = actor(&[Role::Warehouse]);
            let lost = ReturnCommand::Receive {
                lines: vec![],
                outcome: ReceptionOutcome::LostInTransit,
            };
            case = execute(case, &lost, &ctx(&a, NOW)).unwrap().0;
            return case;
        }
    };
    let commands = every_command();
    path.iter().fold(ReturnCase::default(), |case, step| {
        let (_, command, role) = commands.iter().find(|(n, ..)| n == step).unwrap();
        let a = actor(&[*role]);
        execute(case, command, &ctx(&a, NOW)).unwrap().0
    })
}

const ALL_STATES: [ReturnState; 13] = [
    ReturnState::New,
    ReturnState::Requested,
    ReturnState::Approved,
    ReturnState::Rejected,
    ReturnState::SentToBuyback,
    ReturnState::InTransit,
    ReturnState::Received,
    ReturnState::InspectionPassed,
    ReturnState::RefundGranted,
    ReturnState::InspectionFailed,
    ReturnState::SentBack,
    ReturnState::AbandonedToBuyback,
    ReturnState::Lost,
];

/// The transition table: for each command, the states it is allowed in and where it leads.
fn allowed(command: &str, from: ReturnState) -> Option<ReturnState> {
    use ReturnState as S;
    match (command, from) {
        ("request", S::New) => Some(S::Requested),
        ("approve", S::Requested) => Some(S::Approved),
        ("reject", S::Requested) => Some(S::Rejected),
        ("send_to_buyback", S::Requested) => Some(S::SentToBuyback),
        ("mark_shipped", S::Approved) => Some(S::InTransit),
        ("receive", S::Approved | S::InTransit) => Some(S::Received),
        ("pass", S::Received) => Some(S::InspectionPassed),
        ("fail", S::Received) => Some(S::InspectionFailed),
        ("send_back", S::InspectionFailed) => Some(S::SentBack),
        ("buyback", S::InspectionFailed) => Some(S::AbandonedToBuyback),
        ("refund_granted", S::InspectionPassed) => Some(S::RefundGranted),
        _ => None,
    }
}

#[test]
fn every_command_in_every_state_follows_the_transition_table() {
    for state in ALL_STATES {
        for (name, command, role) in every_command() {
            let a = actor(&[role]);
            let case = case_in(state);
            assert_eq!(case.state, state);
            let result = execute(case, &command, &ctx(&a, NOW));
            match (allowed(name, state), result) {
                (Some(to), Ok((case, events))) => {
                    assert_eq!(case.state, to, "{name} from {state:?}");
                    assert_eq!(events.len(), 1, "one history entry per change");
                }
                (None, Err(refusal @ Refusal::State(_))) => {
                    let msg = refusal.to_string();
                    assert!(msg.contains(state.name()), "{msg}");
                }
                (expected, got) => {
                    panic!("{name} from {state:?}: expected {expected:?}, got {got:?}")
                }
            }
        }
    }
}

#[rstest]
#[case::customer_cannot_approve("approve", Role::Customer)]
#[case::warehouse_cannot_approve("approve", Role::Warehouse)]
#[case::agent_cannot_receive("receive", Role::Agent)]
#[case::finance_cannot_inspect("pass", Role::Finance)]
#[case::warehouse_cannot_request("request", Role::Warehouse)]
#[case::customer_cannot_inspect("fail", Role::Customer)]
#[case::warehouse_cannot_grant("refund_granted", Role::Warehouse)]
fn each_step_belongs_to_its_role(#[case] name: &str, #[case] role: Role) {
    let (_, command, _) = every_command()
        .into_iter()
        .find(|(n, ..)| *n == name)
        .unwrap();
    let from = ALL_STATES
        .into_iter()
        .find(|s| allowed(name, *s).is_some())
        .unwrap();
    let a = actor(&[role]);
    assert!(matches!(
        case_in(from).decide(&command, &ctx(&a, NOW)),
        Err(Refusal::Role(_))
    ));
}

#[test]
fn an_admin_can_act_for_any_staff_role() {
    let a = actor(&[Role::Admin]);
    assert!(
        case_in(ReturnState::Requested)
            .decide(&approve(), &ctx(&a, NOW))
            .is_ok()
    );
    assert!(
        case_in(ReturnState::InTransit)
            .decide(&receive(1, 0), &ctx(&a, NOW))
            .is_ok()
    );
}

#[test]
fn only_a_rejection_and_a_failed_inspection_can_be_appealed() {
    use crate::cases::appeal::AppealSubject;
    use ReturnState as S;
    for state in [
        S::New,
        S::Requested,
        S::Approved,
        S::Rejected,
        S::SentToBuyback,
        S::InTransit,
        S::Received,
        S::InspectionPassed,
        S::RefundGranted,
        S::InspectionFailed,
        S::SentBack,
        S::AbandonedToBuyback,
        S::Lost,
    ] {
        let expected = match state {
            S::Rejected => Some(AppealSubject::Review),
            S::InspectionFailed => Some(AppealSubject::Inspection),
            _ => None,
        };
        assert_eq!(case_in(state).appealable(), expected, "{state:?}");
    }
}

#[test]
fn waiting_steps_carry_working_day_deadlines_and_others_none() {
    // Friday 20 March 2026: review by Wednesday 25th; inspection 7 working days: 31 March.
    assert_eq!(
        case_in(ReturnState::Requested).deadline,
        Some(jiff::civil::date(2026, 3, 25))
    );
    assert_eq!(
        case_in(ReturnState::Received).deadline,
        Some(jiff::civil::date(2026, 3, 31))
    );
    // Passed on Friday 20 March: the refund is granted within 2 working days (III.3).
    assert_eq!(
        case_in(ReturnState::InspectionPassed).deadline,
        Some(jiff::civil::date(2026, 3, 24))
    );
    assert!(
        case_in(ReturnState::InspectionPassed).is_open(),
        "money is owed: the return stays in the queue"
    );
    for s in [
        ReturnState::Approved,
        ReturnState::RefundGranted,
        ReturnState::Rejected,
        ReturnState::Lost,
    ] {
        assert_eq!(case_in(s).deadline, None, "{s:?}");
    }
    assert!(!case_in(ReturnState::RefundGranted).is_open());
}

#[rstest]
#[case::more_than_the_rma(3, 0, "lines[0].received")]
#[case::more_damaged_than_received(1, 2, "lines[0].damaged")]
#[case::nothing_received(0, 0, "lines")]
fn the_warehouse_cannot_receive_impossible_quantities(
    #[case] received: u32,
    #[case] damaged: u32,
    #[case] field: &str,
) {
    let a = actor(&[Role::Warehouse]);
    let err = case_in(ReturnState::InTransit)
        .decide(&receive(received, damaged), &ctx(&a, NOW))
        .unwrap_err();
    assert!(
        matches!(err, Refusal::Invalid { field: ref f, .. } if f == field),
        "{err:?}"
    );
}

#[test]
fn a_request_the_policy_does_not_allow_is_refused() {
    let a = actor(&[Role::Customer]);
    let ReturnCommand::Request {
        reason,
        lines,
        description,
        evidence,
        decision,
        return_costs,
        ..
    } = request()
    else {
        unreachable!()
    };
    let command = ReturnCommand::Request {
        reason,
        lines,
        description,
        evidence,
        return_costs,
        decision,
        outcome: Outcome::NeedsEvidence,
    };
    let err = ReturnCase::default()
        .decide(&command, &ctx(&a, NOW))
        .unwrap_err();
    assert!(err.to_string().contains("needs_evidence"), "{err}");
}

#[test]
fn the_choices_after_a_failed_inspection_come_from_the_policy() {
    use crate::calendar::Calendar;
    use crate::policy::{Policy, PolicyFile};
    let text = include_str!("../../../../../policies/default.toml").replace(
        "failed_options = [\"send_back_at_customer_cost\", \"buyback\"]",
        "failed_options = [\"buyback\"]",
    );
    let file = PolicyFile::parse("buyback-only.toml", &text).unwrap();
    let policy = Policy::new(file, vec![Calendar::weekends_only("cn-mainland")]).unwrap();
    let version = &policy.versions()[0];
    assert_eq!(
        version.inspection.failed_options,
        vec![FailedInspectionOption::Buyback]
    );
    let customer = actor(&[Role::Customer]);
    let ctx = Context {
        actor: &customer,
        now: NOW.parse().unwrap(),
        version,
        calendar: policy.calendar(version).unwrap(),
    };
    let failed = case_in(ReturnState::InspectionFailed);
    let send_back = ReturnCommand::ChooseSendBack {
        address: "1 Main St".into(),
    };
    assert!(
        matches!(failed.decide(&send_back, &ctx), Err(ref r @ Refusal::State(_)) if r.to_string().contains("III.3.failed"))
    );
    assert!(failed.decide(&ReturnCommand::ChooseBuyback, &ctx).is_ok());
}

#[rstest]
#[case::finds_one_damaged(2, 1, None)]
#[case::finds_none_damaged(2, 0, None)]
#[case::counts_other_units(1, 0, Some("inspected[0].received"))]
#[case::more_damaged_than_received(2, 3, Some("inspected[0].damaged"))]
fn the_inspection_judges_each_received_unit_again(
    #[case] received: u32,
    #[case] damaged: u32,
    #[case] refused: Option<&str>,
) {
    let a = actor(&[Role::Warehouse]);
    let pass = ReturnCommand::PassInspection {
        refund: usd(12_000),
        compensated_return_costs: usd(0),
        confirmed_return_costs: usd(0),
        inspected: vec![ReceivedLine {
            sku: "LK-100".into(),
            received,
            damaged,
        }],
    };
    match (
        execute(case_in(ReturnState::Received), &pass, &ctx(&a, NOW)),
        refused,
    ) {
        (Ok((case, _)), None) => assert_eq!(case.received[0].damaged, damaged),
        (Err(Refusal::Invalid { field, .. }), Some(expected)) => assert_eq!(field, expected),
        (other, _) => panic!("{other:?}"),
    }
}

#[rstest]
#[case::description(ReturnCommand::Request {
    reason: ReturnReason::QualityIssue,
    lines: vec![ReturnLine { sku: "LK-100".into(), quantity: 1 }],
    description: "x".repeat(limits::TEXT + 1),
    evidence: vec!["ev-1".into()],
    return_costs: None,
    outcome: Outcome::ReturnEligible,
    decision: serde_json::Value::Null,
}, "description")]
#[case::too_many_reasons(ReturnCommand::Reject { reasons: vec!["worn".into(); limits::ITEMS + 1] }, "reasons")]
#[case::one_long_reason(ReturnCommand::Reject { reasons: vec!["ok".into(), "y".repeat(limits::TEXT + 1)] }, "reasons[1]")]
#[case::tracking_number(ReturnCommand::MarkShipped { tracking_number: "1".repeat(limits::SHORT + 1) }, "tracking_number")]
#[case::send_back_address(ReturnCommand::ChooseSendBack { address: "a".repeat(limits::LINE + 1) }, "address")]
fn texts_over_their_bound_are_refused_naming_the_field(
    #[case] command: ReturnCommand,
    #[case] field: &str,
) {
    // Judged in any state and for anyone: the bound is checked first.
    let a = actor(&[Role::Agent]);
    let err = ReturnCase::default()
        .decide(&command, &ctx(&a, NOW))
        .unwrap_err();
    assert!(
        matches!(&err, Refusal::Invalid { field: f, .. } if f == field),
        "{err:?}"
    );
}

#[test]
fn a_text_exactly_at_its_bound_in_characters_is_accepted() {
    let at_bound = |text: String| {
        super::super::within_bounds(&ReturnCommand::MarkShipped {
            tracking_number: text,
        })
    };
    // 200 two-byte characters: 400 bytes, still within the bound.
    assert!(at_bound("é".repeat(limits::SHORT)).is_ok());
    assert!(at_bound("é".repeat(limits::SHORT + 1)).is_err());
}

#[test]
fn a_parcel_lost_in_transit_closes_the_case_without_refund() {
    let case = case_in(ReturnState::Lost);
    assert!(!case.is_open());
    assert_eq!(case.refund, None);
}

#[test]
fn events_round_trip_through_json() {
    for state in ALL_STATES {
        let case = case_in(state);
        let json = serde_json::to_string(&case).unwrap();
        assert_eq!(serde_json::from_str::<ReturnCase>(&json).unwrap(), case);
    }
    let event = ReturnEvent::InspectionPassed {
        refund: usd(14_750),
        compensated_return_costs: usd(2_000),
        confirmed_return_costs: Some(usd(4_000)),
        grant_by: None,
        inspected: vec![],
    };
    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(json["type"], "inspection_passed");
    assert_eq!(serde_json::from_value::<ReturnEvent>(json).unwrap(), event);
}

/// Who may give each command, as the model sees it.
fn role_allowed(command: &str, role: Role) -> bool {
    match command {
        "request" | "mark_shipped" | "send_back" | "buyback" => {
            matches!(role, Role::Customer | Role::Agent)
        }
        "approve" | "reject" | "send_to_buyback" | "refund_granted" => role == Role::Agent,
        _ => role == Role::Warehouse,
    }
}

fn waits_for_the_shop(state: ReturnState) -> bool {
    matches!(
        state,
        ReturnState::Requested | ReturnState::Received | ReturnState::InspectionPassed
    )
}

proptest::proptest! {
    #[test]
    fn random_command_sequences_keep_the_invariants(
        steps in proptest::collection::vec((0usize..11, 0usize..4, 0u32..4, 0u32..4), 0..40)
    ) {
        let roles = [Role::Customer, Role::Agent, Role::Warehouse, Role::Finance];
        let mut case = ReturnCase::default();
        let mut history: Vec<ReturnEvent> = Vec::new();
        for (c, r, received, damaged) in steps {
            let (name, mut command, _) = every_command().swap_remove(c);
            if name == "receive" {
                command = receive(received, damaged);
            }
            let role = roles[r];
            let a = actor(&[role]);
            let before = case.clone();
            let expected = allowed(name, before.state)
                .filter(|_| role_allowed(name, role))
                .filter(|_| name != "receive" || ((1..=2).contains(&received) && damaged <= received));
            match execute(before.clone(), &command, &ctx(&a, NOW)) {
                Ok((after, events)) => {
                    proptest::prop_assert_eq!(Some(after.state), expected, "{} from {:?} as {:?}", name, before.state, role);
                    proptest::prop_assert_eq!(events.len(), 1, "one history entry per change");
                    history.extend(events);
                    case = after;
                }
                Err(_) => {
                    proptest::prop_assert_eq!(expected, None, "{} from {:?} as {:?} was refused", name, before.state, role);
                }
            }
            // Invariants after every step, whatever happened.
            for line in &case.received {
                let asked = case.lines.iter().find(|l| l.sku == line.sku).map_or(0, |l| l.quantity);
                proptest::prop_assert!(line.received <= asked && line.damaged <= line.received);
            }
            proptest::prop_assert_eq!(case.deadline.is_some(), waits_for_the_shop(case.state), "deadline only on waiting steps: {:?}", case.state);
            let rebuilt = history.iter().fold(ReturnCase::default(), |c, e| c.apply(e));
            proptest::prop_assert_eq!(&rebuilt, &case, "the history rebuilds the case");
        }
    }
}
