use super::super::execute;
use super::super::test_support::{actor, ctx};
use super::*;

const NOW: &str = "2026-03-02T02:00:00Z";

fn fee() -> Money {
    Money::from_minor(2_000, crate::money::Currency::parse("USD").unwrap())
}

fn step(case: OrderCase, command: OrderCommand, role: Role) -> Result<OrderCase, Refusal> {
    let a = actor(&[role]);
    execute(case, &command, &ctx(&a, NOW)).map(|(c, _)| c)
}

fn ship() -> OrderCommand {
    OrderCommand::Ship(Shipment {
        carrier: "DHL".into(),
        tracking_number: "JD0146".into(),
        tracking_url: "https://www.dhl.com/track?id=JD0146".into(),
    })
}

fn shipped() -> OrderCase {
    let mut c = OrderCase::default();
    for (command, role) in [
        (OrderCommand::VerifyPayment, Role::System),
        (OrderCommand::StartAssembly, Role::Warehouse),
        (
            OrderCommand::SubmitAssemblyMedia {
                media: vec!["lock.mp4".into()],
            },
            Role::Warehouse,
        ),
        (OrderCommand::ApprovePhotos, Role::Customer),
        (OrderCommand::Pack, Role::Warehouse),
        (ship(), Role::Warehouse),
    ] {
        c = step(c, command, role).unwrap();
    }
    c
}

#[test]
fn an_order_goes_from_payment_to_signing_with_the_customers_approval() {
    let c = step(
        OrderCase::default(),
        OrderCommand::VerifyPayment,
        Role::System,
    )
    .unwrap();
    assert_eq!(
        c.deadline,
        Some(jiff::civil::date(2026, 3, 5)),
        "processed within 3 working days"
    );
    let c = shipped();
    assert_eq!(c.shipments[0].carrier, "DHL");
    let c = step(
        c,
        OrderCommand::Sign {
            signed_at: "2026-03-01T10:00:00Z".parse().unwrap(),
            damage_noted: false,
            evidence: vec![],
        },
        Role::System,
    )
    .unwrap();
    assert_eq!((c.state, c.is_open()), (OrderState::Signed, false));
}

#[test]
fn packing_waits_for_the_photo_approval_and_changes_go_back_to_assembly() {
    let mut c = OrderCase::default();
    for (command, role) in [
        (OrderCommand::VerifyPayment, Role::System),
        (OrderCommand::StartAssembly, Role::Warehouse),
        (
            OrderCommand::SubmitAssemblyMedia {
                media: vec!["a.jpg".into()],
            },
            Role::Warehouse,
        ),
    ] {
        c = step(c, command, role).unwrap();
    }
    assert!(matches!(
        step(c.clone(), OrderCommand::Pack, Role::Warehouse),
        Err(Refusal::State(_))
    ));
    let c = step(
        c,
        OrderCommand::RequestChanges {
            comment: "Brass finish please".into(),
        },
        Role::Customer,
    )
    .unwrap();
    assert_eq!(
        (c.state, c.change_requests.len()),
        (OrderState::Assembling, 1)
    );
}

#[test]
fn the_processing_time_stops_while_the_customer_decides_and_runs_on_with_what_was_left() {
    let a = |roles: &[Role]| actor(roles);
    let at = |c: OrderCase, command: OrderCommand, role: Role, now: &str| {
        execute(c, &command, &ctx(&a(&[role]), now))
            .map(|(c, _)| c)
            .unwrap()
    };
    // Payment verified Mon 2 March 2026: 3 working days, due Thu 5 March.
    let c = at(
        OrderCase::default(),
        OrderCommand::VerifyPayment,
        Role::System,
        "2026-03-02T02:00:00Z",
    );
    assert_eq!(c.deadline, Some(jiff::civil::date(2026, 3, 5)));
    // Tue 3 March: a shortage; 2 working days are left, and no deadline runs meanwhile.
    let c = at(
        c,
        OrderCommand::ReportShortage {
            message: "Key blank out of stock".into(),
        },
        Role::Agent,
        "2026-03-03T02:00:00Z",
    );
    assert_eq!((c.deadline, c.processing_days_left), (None, Some(2)));
    // The customer answers on Mon 9 March: the 2 days run from there, to Wed 11 March.
    let c = at(
        c,
        OrderCommand::AnswerShortage(ShortageAnswer::Wait),
        Role::Customer,
        "2026-03-09T02:00:00Z",
    );
    assert_eq!(c.deadline, Some(jiff::civil::date(2026, 3, 11)));
    // Photos sent Tue 10 March (1 day left); approved Fri 13 March: due Mon 16 March.
    let c = at(
        c,
        OrderCommand::SubmitAssemblyMedia {
            media: vec!["a.jpg".into()],
        },
        Role::Warehouse,
        "2026-03-10T02:00:00Z",
    );
    assert_eq!((c.deadline, c.processing_days_left), (None, Some(1)));
    let changes = at(
        c.clone(),
        OrderCommand::RequestChanges {
            comment: "Brass".into(),
        },
        Role::Customer,
        "2026-03-13T02:00:00Z",
    );
    assert_eq!(changes.deadline, Some(jiff::civil::date(2026, 3, 16)));
    let c = at(
        c,
        OrderCommand::ApprovePhotos,
        Role::Customer,
        "2026-03-13T02:00:00Z",
    );
    assert_eq!(
        (c.deadline, c.processing_days_left),
        (Some(jiff::civil::date(2026, 3, 16)), None)
    );
}

#[test]
fn a_shortage_waits_for_the_customers_consent() {
    let c = step(
        OrderCase::default(),
        OrderCommand::VerifyPayment,
        Role::System,
    )
    .unwrap();
    let c = step(
        c,
        OrderCommand::ReportShortage {
            message: "Spare key blank out of stock".into(),
        },
        Role::Agent,
    )
    .unwrap();
    assert_eq!(c.state, OrderState::AwaitingShortageConsent);
    assert!(matches!(
        step(c.clone(), OrderCommand::StartAssembly, Role::Warehouse),
        Err(Refusal::State(_))
    ));
    let c = step(
        c,
        OrderCommand::AnswerShortage(ShortageAnswer::DropLine {
            sku: "KEY-1".into(),
        }),
        Role::Customer,
    )
    .unwrap();
    assert_eq!(c.state, OrderState::Assembling);
}

#[test]
fn a_parcel_returned_to_sender_is_contacted_within_three_working_days_then_reshipped_or_settled() {
    let c = step(
        shipped(),
        OrderCommand::ReturnedToSender {
            reason: ReturnedReason::WrongAddress,
        },
        Role::Warehouse,
    )
    .unwrap();
    assert_eq!(c.deadline, Some(jiff::civil::date(2026, 3, 5)));
    let zero = Money::zero(fee().currency());
    assert!(
        matches!(
            step(c.clone(), OrderCommand::Reship { second_shipping_fee: zero }, Role::Agent),
            Err(Refusal::Invalid { field, .. }) if field == "second_shipping_fee"
        ),
        "III.5: a reship needs the second shipping fee"
    );
    let again = step(
        c.clone(),
        OrderCommand::Reship {
            second_shipping_fee: fee(),
        },
        Role::Agent,
    )
    .unwrap();
    assert_eq!(again.reship_fees, vec![fee()]);
    assert!(step(again, ship(), Role::Warehouse).is_ok());
    let settled = step(
        c,
        OrderCommand::SettleReturnedParcel {
            return_processing_fee: fee(),
        },
        Role::Agent,
    )
    .unwrap();
    assert!(!settled.is_open());
}

#[test]
fn customs_can_hold_release_or_destroy_a_parcel() {
    let held = step(
        shipped(),
        OrderCommand::HoldAtCustoms {
            note: "duties unpaid".into(),
        },
        Role::Agent,
    )
    .unwrap();
    assert_eq!(
        step(held.clone(), OrderCommand::ReleaseFromCustoms, Role::System)
            .unwrap()
            .state,
        OrderState::Shipped
    );
    let gone = step(
        held,
        OrderCommand::DestroyedAtCustoms {
            note: "refused duties".into(),
        },
        Role::Agent,
    )
    .unwrap();
    assert!(!gone.is_open());
}

#[test]
fn damage_noted_at_signing_needs_evidence_and_a_packed_order_cannot_be_cancelled() {
    let sign = |evidence: Vec<String>| OrderCommand::Sign {
        signed_at: "2026-03-01T10:00:00Z".parse().unwrap(),
        damage_noted: true,
        evidence,
    };
    assert!(matches!(
        step(shipped(), sign(vec![]), Role::System),
        Err(Refusal::Invalid { .. })
    ));
    assert!(
        step(
            shipped(),
            sign(vec!["carrier-record.pdf".into()]),
            Role::System
        )
        .unwrap()
        .damage_noted_at_signing
    );
    assert!(matches!(
        step(
            shipped(),
            OrderCommand::Cancel { reason: "x".into() },
            Role::Agent
        ),
        Err(Refusal::State(_))
    ));
    let bad_link = OrderCommand::Ship(Shipment {
        carrier: "DHL".into(),
        tracking_number: "1".into(),
        tracking_url: "javascript:alert(1)".into(),
    });
    let packed = {
        let mut c = shipped();
        c.state = OrderState::Packed;
        c
    };
    assert!(matches!(
        step(packed, bad_link, Role::Warehouse),
        Err(Refusal::Invalid { .. })
    ));
}

#[test]
fn every_command_in_every_state_follows_the_transition_table() {
    use OrderState as S;
    let path = |steps: &[(OrderCommand, Role)]| {
        steps
            .iter()
            .fold(OrderCase::default(), |c, (command, role)| {
                step(c, command.clone(), *role).unwrap()
            })
    };
    let verify = (OrderCommand::VerifyPayment, Role::System);
    let start = (OrderCommand::StartAssembly, Role::Warehouse);
    let media = (
        OrderCommand::SubmitAssemblyMedia {
            media: vec!["m".into()],
        },
        Role::Warehouse,
    );
    let approve = (OrderCommand::ApprovePhotos, Role::Customer);
    let pack = (OrderCommand::Pack, Role::Warehouse);
    let shortage = (
        OrderCommand::ReportShortage {
            message: "m".into(),
        },
        Role::Agent,
    );
    let sign = OrderCommand::Sign {
        signed_at: "2026-03-01T10:00:00Z".parse().unwrap(),
        damage_noted: false,
        evidence: vec![],
    };
    let returned = (
        OrderCommand::ReturnedToSender {
            reason: ReturnedReason::Refused,
        },
        Role::Warehouse,
    );
    let hold = (
        OrderCommand::HoldAtCustoms { note: "n".into() },
        Role::Agent,
    );
    let shipped_path = vec![
        verify.clone(),
        start.clone(),
        media.clone(),
        approve.clone(),
        pack.clone(),
        (ship(), Role::Warehouse),
    ];
    let with = |extra: &[(OrderCommand, Role)]| {
        let mut p = shipped_path.clone();
        p.extend_from_slice(extra);
        path(&p)
    };
    let cases = vec![
        OrderCase::default(),
        path(std::slice::from_ref(&verify)),
        path(&[verify.clone(), shortage.clone()]),
        path(&[verify.clone(), start.clone()]),
        path(&[verify.clone(), start.clone(), media.clone()]),
        path(&[
            verify.clone(),
            start.clone(),
            media.clone(),
            approve.clone(),
        ]),
        path(&[
            verify.clone(),
            start.clone(),
            media.clone(),
            approve.clone(),
            pack.clone(),
        ]),
        path(&shipped_path),
        with(&[(sign.clone(), Role::System)]),
        path(&[(OrderCommand::Cancel { reason: "r".into() }, Role::Agent)]),
        with(std::slice::from_ref(&returned)),
        with(&[
            returned.clone(),
            (
                OrderCommand::SettleReturnedParcel {
                    return_processing_fee: fee(),
                },
                Role::Agent,
            ),
        ]),
        with(std::slice::from_ref(&hold)),
        with(&[
            hold.clone(),
            (
                OrderCommand::DestroyedAtCustoms { note: "n".into() },
                Role::Agent,
            ),
        ]),
    ];
    type Row = (OrderCommand, Role, Vec<(S, S)>);
    let table: Vec<Row> = vec![
        (verify.0, verify.1, vec![(S::Placed, S::PaymentVerified)]),
        (
            shortage.0,
            shortage.1,
            vec![
                (S::PaymentVerified, S::AwaitingShortageConsent),
                (S::Assembling, S::AwaitingShortageConsent),
            ],
        ),
        (
            OrderCommand::AnswerShortage(ShortageAnswer::Wait),
            Role::Customer,
            vec![(S::AwaitingShortageConsent, S::Assembling)],
        ),
        (start.0, start.1, vec![(S::PaymentVerified, S::Assembling)]),
        (
            media.0,
            media.1,
            vec![(S::Assembling, S::AwaitingPhotoApproval)],
        ),
        (
            approve.0,
            approve.1,
            vec![(S::AwaitingPhotoApproval, S::PhotosApproved)],
        ),
        (
            OrderCommand::RequestChanges {
                comment: "c".into(),
            },
            Role::Customer,
            vec![(S::AwaitingPhotoApproval, S::Assembling)],
        ),
        (pack.0, pack.1, vec![(S::PhotosApproved, S::Packed)]),
        (ship(), Role::Warehouse, vec![(S::Packed, S::Shipped)]),
        (sign, Role::System, vec![(S::Shipped, S::Signed)]),
        (
            returned.0,
            returned.1,
            vec![
                (S::Shipped, S::ReturnedToSender),
                (S::HeldAtCustoms, S::ReturnedToSender),
            ],
        ),
        (
            OrderCommand::Reship {
                second_shipping_fee: fee(),
            },
            Role::Agent,
            vec![(S::ReturnedToSender, S::Packed)],
        ),
        (
            OrderCommand::SettleReturnedParcel {
                return_processing_fee: fee(),
            },
            Role::Agent,
            vec![(S::ReturnedToSender, S::ReturnSettled)],
        ),
        (hold.0, hold.1, vec![(S::Shipped, S::HeldAtCustoms)]),
        (
            OrderCommand::ReleaseFromCustoms,
            Role::System,
            vec![(S::HeldAtCustoms, S::Shipped)],
        ),
        (
            OrderCommand::DestroyedAtCustoms { note: "n".into() },
            Role::Agent,
            vec![
                (S::Shipped, S::DestroyedAtCustoms),
                (S::HeldAtCustoms, S::DestroyedAtCustoms),
            ],
        ),
        (
            OrderCommand::Cancel { reason: "r".into() },
            Role::Agent,
            vec![
                (S::Placed, S::Cancelled),
                (S::PaymentVerified, S::Cancelled),
                (S::AwaitingShortageConsent, S::Cancelled),
                (S::Assembling, S::Cancelled),
                (S::AwaitingPhotoApproval, S::Cancelled),
            ],
        ),
    ];
    assert_eq!(cases.len(), 14, "one case per state");
    for (command, role, allowed) in &table {
        for case in &cases {
            let from = case.state;
            match (
                allowed.iter().find(|(f, _)| *f == from),
                step(case.clone(), command.clone(), *role),
            ) {
                (Some((_, to)), Ok(after)) => {
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
