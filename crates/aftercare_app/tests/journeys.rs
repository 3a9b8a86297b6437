//! Whole journeys through the app layer on a real database: SQLite always, PostgreSQL when
//! `TEST_DATABASE_URL` is set (each test in its own schema).
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "helpers outside #[test] fail the test loudly"
)]

use std::sync::Arc;

use aftercare_app::accounts::StaffSignIn;
use aftercare_app::{
    App, AppError, AppealRequest, BuybackAction, BuybackRequest, NewOrder, NewOrderLine,
    OrderAddress, ReturnAction, ReturnRequest, ShopSettings,
};
use aftercare_core::cases::appeal::{AppealCommand, AppealSubject};
use aftercare_core::cases::order::{OrderCommand, ReturnedReason, Shipment};
use aftercare_core::cases::rma::{ReceivedLine, ReceptionOutcome, ReturnLine};
use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_core::clock::SettableClock;
use aftercare_core::facts::Condition;
use aftercare_core::policy::Grade;
use aftercare_core::policy::ReturnReason;
use aftercare_core::{Calendar, Outcome, Policy, PolicyFile};
use aftercare_store::{CaseKind, PutOrder, QueueQuery, Store};
use jiff::SignedDuration;

/// The app on a test clock, with the photos and videos Ana's requests name already uploaded:
/// customers may attach only their own evidence.
async fn app<S: Store>(store: S) -> (App<S>, Arc<SettableClock>) {
    app_with(store, policy()).await
}

/// A postman that writes each e-mail as a file into `folder`.
fn files_postman(folder: &tempfile::TempDir) -> aftercare_app::outbox::Postman {
    aftercare_app::outbox::Postman::new(None, folder.path().to_path_buf(), "care@shop.example")
        .unwrap()
}

/// The shipped policy.
fn policy() -> Arc<Policy> {
    Arc::new(aftercare_core::testing::shipped().unwrap())
}

/// The shipped policy with an edit of its text, as a shop would change a rule.
fn policy_edited(edit: impl FnOnce(String) -> String) -> Arc<Policy> {
    Arc::new(aftercare_core::testing::shipped_with(|text| edit(text.to_owned())).unwrap())
}

/// [`app`] under another policy.
async fn app_with<S: Store>(store: S, policy: Arc<Policy>) -> (App<S>, Arc<SettableClock>) {
    let clock = Arc::new(SettableClock::new("2026-03-20T02:00:00Z".parse().unwrap()));
    let app = App::new(store, policy, clock.clone(), ShopSettings::default());
    for (id, media_type) in [
        ("photo-1", "image/jpeg"),
        ("video.mp4", "video/mp4"),
        ("receipt.pdf", "image/png"),
        ("closeup.jpg", "image/jpeg"),
        ("now.jpg", "image/jpeg"),
    ] {
        app.record_evidence(
            &ana(),
            aftercare_store::EvidenceRecord {
                id: id.into(),
                owner: ana().id,
                media_type: media_type.into(),
                size_bytes: 1,
                sha256: "00".into(),
                width: None,
                height: None,
                created_at: "2026-03-20T02:00:00Z".parse().unwrap(),
            },
        )
        .await
        .unwrap();
    }
    (app, clock)
}

fn person(id: &str, roles: &[Role]) -> Actor {
    Actor {
        id: id.into(),
        roles: roles.to_vec(),
    }
}

fn store_system() -> Actor {
    person("shop-store", &[Role::System])
}

fn ana() -> Actor {
    person("ana@example.com", &[Role::Customer])
}

fn new_order(number: &str) -> NewOrder {
    NewOrder {
        number: number.into(),
        placed_at: "2026-03-01T02:00:00Z".parse().unwrap(),
        customer_email: "Ana@Example.com".into(),
        customer_name: "Ana Lima".into(),
        currency: "USD".into(),
        lines: vec![
            NewOrderLine {
                sku: "LK-100".into(),
                name: "Smart lock".into(),
                unit_price: "120.00".into(),
                quantity: 2,
                hs_code: None,
                origin: None,
            },
            NewOrderLine {
                sku: "LK-200".into(),
                name: "Keypad".into(),
                unit_price: "60.00".into(),
                quantity: 1,
                hs_code: None,
                origin: None,
            },
        ],
        shipping_paid: "30.00".into(),
        duties_paid: Some("15.00".into()),
        payment_method: "card".into(),
        address: OrderAddress {
            full_name: "Ana Lima".into(),
            street: "Rua das Flores 12".into(),
            postal_code: "1200-195".into(),
            city: "Lisboa".into(),
            country: "PT".into(),
            phone: "+351 912 345 678".into(),
            email: "ana@example.com".into(),
        },
        signed_at: Some("2026-03-10T07:00:00Z".parse().unwrap()),
        damage_noted_at_signing: false,
        time_zone: None,
        payment_id: None,
    }
}

fn quality_return(number: &str) -> ReturnRequest {
    ReturnRequest {
        order_number: number.into(),
        reason: ReturnReason::QualityIssue,
        lines: vec![ReturnLine {
            sku: "LK-100".into(),
            quantity: 1,
        }],
        description: "The latch sticks.".into(),
        evidence: vec!["photo-1".into()],
        return_costs: Some("40.00".into()),
    }
}

async fn orders_are_imported_once_and_bad_ones_name_the_field<S: Store>(s: S) {
    let (app, _) = app(s).await;
    assert_eq!(
        app.import_order(&store_system(), &new_order("LM-1"))
            .await
            .unwrap(),
        PutOrder::Inserted
    );
    assert_eq!(
        app.import_order(&store_system(), &new_order("LM-1"))
            .await
            .unwrap(),
        PutOrder::Unchanged
    );
    let mut po_box = new_order("LM-2");
    po_box.address.street = "P.O. Box 44".into();
    let mut bad_price = new_order("LM-3");
    bad_price.lines[1].unit_price = "6O.00".into();
    let mut no_phone = new_order("LM-4");
    no_phone.address.phone = " ".into();
    for (order, field) in [
        (po_box, "address.street"),
        (bad_price, "lines[1].unit_price"),
        (no_phone, "address.phone"),
    ] {
        match app.import_order(&store_system(), &order).await {
            Err(AppError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert!(matches!(
        app.import_order(&ana(), &new_order("LM-5")).await,
        Err(AppError::Refused(_))
    ));
    let stored = app.store().order_by_number("LM-1").await.unwrap().unwrap();
    assert_eq!(
        (
            stored.customer_email.as_str(),
            stored.policy_version.as_str()
        ),
        ("ana@example.com", "2025-01")
    );
}

async fn a_return_goes_from_request_to_refund_sent_by_three_roles<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let submitted = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap();
    assert_eq!(submitted.decision.outcome, Outcome::ReturnEligible);
    let case = submitted.case.unwrap();
    assert_eq!(
        (case.state.as_str(), case.deadline.map(|d| d.to_string())),
        ("requested", Some("2026-03-25".into()))
    );

    let agent = person("agent-1", &[Role::Agent]);
    let warehouse = person("wh-1", &[Role::Warehouse]);
    let finance = person("fin-1", &[Role::Finance]);
    let approved = app
        .act_on_return(
            &agent,
            &case.id,
            Some(1),
            ReturnAction::Approve,
            Some("photos show the defect".into()),
        )
        .await
        .unwrap();
    assert_eq!(approved.rma.as_deref(), Some("RMA-LM-1-1"));
    assert_eq!(
        approved.deadline, None,
        "waiting for the customer, not the shop"
    );
    app.act_on_return(
        &ana(),
        &case.id,
        None,
        ReturnAction::MarkShipped {
            tracking_number: "1Z999AA1".into(),
        },
        None,
    )
    .await
    .unwrap();
    clock.advance(SignedDuration::from_hours(24 * 6));
    let received = app
        .act_on_return(
            &warehouse,
            &case.id,
            None,
            ReturnAction::Receive {
                lines: vec![ReceivedLine {
                    sku: "LK-100".into(),
                    received: 1,
                    damaged: 0,
                }],
                outcome: ReceptionOutcome::AsExpected,
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        received.deadline.map(|d| d.to_string()).as_deref(),
        Some("2026-04-07"),
        "7 working days, Qingming holidays skipped"
    );
    let inspected = app
        .act_on_return(
            &warehouse,
            &case.id,
            None,
            // The customer claimed 40.00; the warehouse confirms it from the receipt.
            ReturnAction::PassInspection {
                return_costs: Some("40.00".into()),
                damaged: vec![],
            },
            None,
        )
        .await
        .unwrap();
    // 120.00 + half of its 12.00 shipping share + half of its 6.00 duties share + half of 40.00.
    assert_eq!(inspected.data["refund"]["amount"], "149.00");
    assert_eq!(inspected.state, "inspection_passed");
    assert!(
        inspected.is_open && inspected.deadline.is_some(),
        "money is owed: the return stays in the agents' queue with a deadline (III.3)"
    );

    let refund = app.grant_refund(&agent, &case.id, "grant-1").await.unwrap();
    let paid = app.case(&agent, &case.id).await.unwrap();
    assert_eq!(
        (paid.state.as_str(), paid.is_open),
        ("refund_granted", false),
        "the grant closes the return in the same write"
    );
    assert_eq!(
        (
            refund.state.as_str(),
            refund.data["amount"]["amount"].as_str()
        ),
        ("granted", Some("149.00"))
    );
    assert!(
        matches!(
            app.send_refund(&agent, &refund.id, Some("PAY-1"), "send-0")
                .await,
            Err(AppError::Refused(_))
        ),
        "an agent cannot send"
    );
    let sent = app
        .send_refund(&finance, &refund.id, Some("PAY-1"), "send-1")
        .await
        .unwrap();
    assert_eq!(sent.state, "sent");
    let settled = app
        .settle_refund(&finance, &refund.id, None, "settle-1")
        .await
        .unwrap();
    assert_eq!(settled.state, "settled");

    let history = app.timeline(&ana(), &case.id).await.unwrap();
    let kinds: Vec<&str> = history.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec![
            "requested",
            "approved",
            "shipped",
            "received",
            "inspection_passed",
            "refund_granted"
        ]
    );
    assert_eq!(history[1].actor["id"], "agent-1");
    assert_eq!(history[1].reason.as_deref(), Some("photos show the defect"));
    assert_eq!(
        app.store().events(&refund.id).await.unwrap().len(),
        3,
        "granted, sent, settled"
    );
}

async fn a_replayed_grant_gives_one_refund_and_the_same_answer<S: Store>(s: S) {
    let (app, _) = app(s).await;
    let case_id = inspected_return(&app, "LM-1").await;
    let agent = person("agent-1", &[Role::Agent]);
    let first = app.grant_refund(&agent, &case_id, "K-1").await.unwrap();
    let again = app.grant_refund(&agent, &case_id, "K-1").await.unwrap();
    assert_eq!(first, again);
    let order = app.store().order_by_number("LM-1").await.unwrap().unwrap();
    let refunds = app
        .store()
        .cases_of_order(&order.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.kind == CaseKind::Refund)
        .count();
    assert_eq!(refunds, 1);
    assert!(
        matches!(
            app.grant_refund(&agent, &case_id, "K-2").await,
            Err(AppError::Invalid { .. })
        ),
        "a second grant for the same return"
    );
    let other = inspected_return(&app, "LM-2").await;
    assert!(matches!(
        app.grant_refund(&agent, &other, "K-1").await,
        Err(AppError::IdempotencyMismatch)
    ));
}

async fn inspected_return<S: Store>(app: &App<S>, number: &str) -> String {
    app.import_order(&store_system(), &new_order(number))
        .await
        .unwrap();
    let id = received_return(app, number, 1, 0).await;
    app.act_on_return(
        &person("wh-1", &[Role::Warehouse]),
        &id,
        None,
        ReturnAction::PassInspection {
            return_costs: Some("40.00".into()),
            damaged: vec![],
        },
        None,
    )
    .await
    .unwrap();
    id
}

async fn the_rma_slip_is_drawn_when_its_email_is_delivered<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    let now = aftercare_core::clock::Clock::now(&*clock);
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let case = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap()
        .case
        .unwrap();
    let agent = person("agent-1", &[Role::Agent]);
    app.act_on_return(&agent, &case.id, None, ReturnAction::Approve, None)
        .await
        .unwrap();
    // A second approval in the same batch: each e-mail carries its own case's slip.
    app.import_order(&store_system(), &new_order("LM-2"))
        .await
        .unwrap();
    let second = app
        .submit_return(&ana(), &quality_return("LM-2"))
        .await
        .unwrap()
        .case
        .unwrap();
    app.act_on_return(&agent, &second.id, None, ReturnAction::Approve, None)
        .await
        .unwrap();
    // An e-mail naming a document the outbox does not know is not sent without it.
    let unknown = aftercare_store::NewMail {
        id: "mail-unknown".into(),
        recipient: "ana@example.com".into(),
        subject: "?".into(),
        text_body: "?".into(),
        html_body: "?".into(),
        reply_to: None,
        attachments: Vec::new(),
        drawn: vec!["a-document-nobody-draws".into()],
    };
    let link = aftercare_store::SignInLink {
        token_hash: "h".into(),
        customer_email: "ana@example.com".into(),
        created_at: now,
        expires_at: now + SignedDuration::from_mins(15),
    };
    app.store()
        .create_sign_in_link(&link, &unknown)
        .await
        .unwrap();
    let folder = tempfile::tempdir().unwrap();
    let postman = files_postman(&folder);
    // Each request's e-mail and each approval's; the unknown document's waits for a retry.
    assert_eq!(app.deliver_due_mail(&postman).await.unwrap(), 4);
    assert_eq!(app.outbox_depth().await.unwrap(), 1);
    let emails: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    for order in ["LM-1", "LM-2"] {
        let with_slip: Vec<&String> = emails
            .iter()
            .filter(|e| e.contains(&format!("rma-slip-RMA-{order}-1.pdf")))
            .collect();
        assert_eq!(
            with_slip.len(),
            1,
            "only the approval's e-mail carries the slip"
        );
        assert!(with_slip[0].contains("Content-Type: application/pdf"));
        assert!(
            with_slip[0].contains(&format!("RMA-{order}-1 for order {order}")),
            "the slip of {order} went with another e-mail: {}",
            with_slip[0]
        );
    }
}

async fn customers_see_only_their_own_cases_and_stale_versions_are_refused<S: Store>(s: S) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let case = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap()
        .case
        .unwrap();
    let bo = person("bo@example.com", &[Role::Customer]);
    assert!(matches!(
        app.case(&bo, &case.id).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        app.timeline(&bo, &case.id).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        app.submit_return(&bo, &quality_return("LM-1")).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        app.act_on_return(&bo, &case.id, None, ReturnAction::ChooseBuyback, None)
            .await,
        Err(AppError::NotFound(_))
    ));
    let agent = person("agent-1", &[Role::Agent]);
    app.act_on_return(&agent, &case.id, Some(1), ReturnAction::Approve, None)
        .await
        .unwrap();
    assert!(matches!(
        app.act_on_return(
            &agent,
            &case.id,
            Some(1),
            ReturnAction::Reject {
                reasons: vec!["late".into()]
            },
            None
        )
        .await,
        Err(AppError::Conflict)
    ));
    assert!(
        matches!(
            app.act_on_return(
                &agent,
                &case.id,
                None,
                ReturnAction::Reject {
                    reasons: vec!["late".into()]
                },
                None
            )
            .await,
            Err(AppError::Refused(_))
        ),
        "approved cases cannot be rejected"
    );
}

async fn requests_the_policy_does_not_allow_open_no_case<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let mut no_photos = quality_return("LM-1");
    no_photos.evidence.clear();
    let answer = app.submit_return(&ana(), &no_photos).await.unwrap();
    assert_eq!(
        (answer.decision.outcome, answer.case.is_none()),
        (Outcome::NeedsEvidence, true)
    );
    clock.set("2026-05-01T02:00:00Z".parse().unwrap());
    let late = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap();
    assert_eq!(
        (late.decision.outcome, late.case.is_none()),
        (Outcome::BuybackOffered, true)
    );
    let mut too_many = quality_return("LM-1");
    too_many.lines[0].quantity = 3;
    match app.submit_return(&ana(), &too_many).await {
        Err(AppError::Invalid { field, .. }) => assert_eq!(field, "lines[0].quantity"),
        other => panic!("{other:?}"),
    }
}

async fn the_queue_marks_overdue_cases<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let case = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap()
        .case
        .unwrap();
    let agent = person("agent-1", &[Role::Agent]);
    let query = QueueQuery {
        kind: Some(CaseKind::Return),
        limit: 10,
        ..Default::default()
    };
    let before = app.queue(&agent, &query).await.unwrap();
    assert_eq!(
        (before.len(), before[0].overdue, before[0].case.id.clone()),
        (1, false, case.id.clone())
    );
    clock.set("2026-03-26T02:00:00Z".parse().unwrap());
    assert!(
        app.queue(&agent, &query).await.unwrap()[0].overdue,
        "review was due on 25 March"
    );
    assert!(matches!(
        app.queue(&ana(), &query).await,
        Err(AppError::Refused(_))
    ));
}

async fn a_buyback_with_a_revised_offer_accepted_is_paid_out<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    clock.set("2026-06-01T02:00:00Z".parse().unwrap());
    let request = BuybackRequest {
        order_number: "LM-1".into(),
        lines: vec![ReturnLine {
            sku: "LK-100".into(),
            quantity: 1,
        }],
        condition: Condition {
            grade: Grade::Good,
            missing_accessories: 1,
            original_packaging: true,
        },
        photos: vec!["now.jpg".into()],
        defect: None,
    };
    let submitted = app.apply_for_buyback(&ana(), &request).await.unwrap();
    assert_eq!(submitted.decision.outcome, Outcome::BuybackQuote);
    let case = submitted.case.unwrap();
    assert_eq!(
        case.deadline.map(|d| d.to_string()).as_deref(),
        Some("2026-06-04")
    );
    let agent = person("agent-1", &[Role::Agent]);
    let warehouse = person("wh-1", &[Role::Warehouse]);
    let finance = person("fin-1", &[Role::Finance]);
    let quoted = app
        .act_on_buyback(
            &agent,
            &case.id,
            None,
            BuybackAction::Quote {
                percent: None,
                note: None,
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        quoted.data["quote"]["amount"]["amount"], "66.00",
        "55% of 120.00, as the evaluator said"
    );
    app.act_on_buyback(&ana(), &case.id, None, BuybackAction::Accept, None)
        .await
        .unwrap();
    app.act_on_buyback(
        &ana(),
        &case.id,
        None,
        BuybackAction::MarkShipped {
            tracking_number: "EMS123".into(),
        },
        None,
    )
    .await
    .unwrap();
    app.act_on_buyback(&warehouse, &case.id, None, BuybackAction::Receive, None)
        .await
        .unwrap();
    assert!(
        app.grant_refund(&agent, &case.id, "early").await.is_err(),
        "nothing payable before inspection"
    );
    let revise = BuybackAction::Revise {
        amount: "50.00".into(),
        reasons: vec!["deep scratches on the cover".into()],
        photos: vec!["cover.jpg".into()],
    };
    app.act_on_buyback(&warehouse, &case.id, None, revise, None)
        .await
        .unwrap();
    let accepted = app
        .act_on_buyback(&ana(), &case.id, None, BuybackAction::AcceptRevision, None)
        .await
        .unwrap();
    assert_eq!(accepted.amount_minor, Some(5_000));
    let payout = app
        .grant_refund(&agent, &case.id, "payout-1")
        .await
        .unwrap();
    assert_eq!(payout.data["amount"]["amount"], "50.00");
    assert_eq!(payout.data["source"], "buyback");
    app.send_refund(&finance, &payout.id, Some("PAYPAL-9"), "payout-send-1")
        .await
        .unwrap();
    let paid = app
        .act_on_buyback(&finance, &case.id, None, BuybackAction::MarkPaid, None)
        .await
        .unwrap();
    assert_eq!((paid.state.as_str(), paid.is_open), ("paid", false));
}

async fn an_appeal_is_filed_in_time_and_upheld_with_a_final_opinion<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let case = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap()
        .case
        .unwrap();
    let agent = person("agent-1", &[Role::Agent]);
    app.act_on_return(
        &agent,
        &case.id,
        None,
        ReturnAction::Reject {
            reasons: vec!["the photos show wear, not a defect".into()],
        },
        None,
    )
    .await
    .unwrap();
    let appeal = AppealRequest {
        case_id: case.id.clone(),
        subject: AppealSubject::Review,
        statement: "The latch was stiff from day one.".into(),
        evidence: vec!["video.mp4".into()],
    };
    clock.set("2026-04-01T02:00:00Z".parse().unwrap());
    assert!(
        matches!(
            app.file_appeal(&ana(), &appeal).await,
            Err(AppError::Refused(_))
        ),
        "7 working days after 20 March is 31 March"
    );
    clock.set("2026-03-31T02:00:00Z".parse().unwrap());
    let filed = app.file_appeal(&ana(), &appeal).await.unwrap();
    assert_eq!(
        (filed.state.as_str(), filed.deadline.map(|d| d.to_string())),
        ("filed", Some("2026-04-08".into())),
        "recheck within 5 working days, Qingming skipped"
    );
    let bo = person("bo@example.com", &[Role::Customer]);
    assert!(matches!(
        app.file_appeal(
            &bo,
            &AppealRequest {
                case_id: case.id.clone(),
                ..appeal.clone()
            }
        )
        .await,
        Err(AppError::NotFound(_))
    ));
    let upheld = app
        .act_on_appeal(
            &agent,
            &filed.id,
            Some(1),
            AppealCommand::Uphold {
                opinion: "A second look confirms wear from use.".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!((upheld.state.as_str(), upheld.is_open), ("upheld", false));
    let mediation = AppealCommand::RecordMediation {
        mediator: "Consumer Arbitration Board".into(),
        notes: "case no. 77".into(),
    };
    assert_eq!(
        app.act_on_appeal(&agent, &filed.id, None, mediation)
            .await
            .unwrap()
            .state,
        "mediation"
    );
}

/// Runs an imported, unsigned order through payment, assembly, the customer's photo approval,
/// packing and shipping, each step by the role it belongs to.
async fn ship_unsigned_order<S: Store>(app: &App<S>, number: &str) {
    let warehouse = person("wh-1", &[Role::Warehouse]);
    let ship = OrderCommand::Ship(Shipment {
        carrier: "DHL".into(),
        tracking_number: "JD01".into(),
        tracking_url: "https://www.dhl.com/track?id=JD01".into(),
    });
    for (who, command) in [
        (store_system(), OrderCommand::VerifyPayment),
        (warehouse.clone(), OrderCommand::StartAssembly),
        (
            warehouse.clone(),
            OrderCommand::SubmitAssemblyMedia {
                media: vec!["assembled.mp4".into()],
            },
        ),
        (ana(), OrderCommand::ApprovePhotos),
        (warehouse.clone(), OrderCommand::Pack),
        (warehouse, ship),
    ] {
        app.act_on_order(&who, number, None, command, None)
            .await
            .unwrap();
    }
}

async fn an_order_is_fulfilled_to_signing_and_its_return_window_counts_from_it<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    let mut unsigned = new_order("LM-9");
    unsigned.signed_at = None;
    app.import_order(&store_system(), &unsigned).await.unwrap();
    clock.set("2026-03-02T02:00:00Z".parse().unwrap());
    ship_unsigned_order(&app, "LM-9").await;
    let bo = person("bo@example.com", &[Role::Customer]);
    assert!(matches!(
        app.act_on_order(&bo, "LM-9", None, OrderCommand::ApprovePhotos, None)
            .await,
        Err(AppError::NotFound(_))
    ));
    // Before signing there is nothing to return.
    clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    assert!(matches!(
        app.submit_return(&ana(), &quality_return("LM-9")).await,
        Err(AppError::Invalid { .. })
    ));
    let signed = OrderCommand::Sign {
        signed_at: "2026-03-12T01:00:00Z".parse().unwrap(),
        damage_noted: false,
        evidence: vec![],
    };
    let case = app
        .act_on_order(&store_system(), "LM-9", None, signed, None)
        .await
        .unwrap();
    assert_eq!(case.state, "signed");
    clock.set("2026-03-26T15:00:00Z".parse().unwrap());
    let late_evening = app
        .submit_return(&ana(), &quality_return("LM-9"))
        .await
        .unwrap();
    assert_eq!(
        late_evening.decision.outcome,
        Outcome::ReturnEligible,
        "signed 12 March: open through 26 March, Shanghai time"
    );
}

async fn a_parcel_returned_to_sender_is_refunded_after_deductions<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    let mut unsigned = new_order("LM-7");
    unsigned.signed_at = None;
    app.import_order(&store_system(), &unsigned).await.unwrap();
    let warehouse = person("wh-1", &[Role::Warehouse]);
    let agent = person("agent-1", &[Role::Agent]);
    ship_unsigned_order(&app, "LM-7").await;
    clock.set("2026-09-30T03:00:00Z".parse().unwrap());
    let returned = app
        .act_on_order(
            &warehouse,
            "LM-7",
            None,
            OrderCommand::ReturnedToSender {
                reason: ReturnedReason::WrongAddress,
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        returned.deadline.map(|d| d.to_string()).as_deref(),
        Some("2026-10-10"),
        "contact within 3 working days, National Day skipped"
    );
    let fee =
        aftercare_core::Money::parse("20.00", aftercare_core::Currency::parse("USD").unwrap())
            .unwrap();
    let settled = app
        .act_on_order(
            &agent,
            "LM-7",
            None,
            OrderCommand::SettleReturnedParcel {
                return_processing_fee: fee,
            },
            Some("customer did not answer".into()),
        )
        .await
        .unwrap();
    let refund = app
        .grant_refund(&agent, &settled.id, "undeliverable-1")
        .await
        .unwrap();
    // 300.00 of products, less 30.00 original shipping and 20.00 processing.
    assert_eq!(
        (
            refund.data["amount"]["amount"].as_str(),
            refund.data["source"].as_str()
        ),
        (Some("250.00"), Some("undeliverable"))
    );
}

async fn an_appeal_changed_to_a_higher_refund_pays_the_difference<S: Store>(s: S) {
    let (app, _) = app(s).await;
    let case_id = inspected_return(&app, "LM-1").await;
    let agent = person("agent-1", &[Role::Agent]);
    app.grant_refund(&agent, &case_id, "grant-1").await.unwrap();
    let appeal = AppealRequest {
        case_id: case_id.clone(),
        subject: AppealSubject::RefundAmount,
        statement: "The return shipping cost 60.00, here is the receipt.".into(),
        evidence: vec!["receipt.pdf".into()],
    };
    let filed = app.file_appeal(&ana(), &appeal).await.unwrap();
    assert!(
        matches!(
            app.file_appeal(&ana(), &appeal).await,
            Err(AppError::Refused(r @ Refusal::State(_))) if r.to_string().contains("already appealed")
        ),
        "one appeal per result (IV)"
    );
    assert!(
        app.grant_refund(&agent, &filed.id, "early").await.is_err(),
        "nothing to pay before the final opinion"
    );
    // The order paid 345.00 and the warehouse confirmed 40.00 of return costs: no corrected
    // total above 385.00 can be set for the return.
    let too_much = AppealCommand::Change {
        opinion: "typo".into(),
        correction: serde_json::json!({"refund": "400.00"}),
    };
    match app.act_on_appeal(&agent, &filed.id, None, too_much).await {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "correction.refund");
            assert!(message.to_string().contains("385.00"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let change = AppealCommand::Change {
        opinion: "The receipt shows 60.00; half of it is compensated.".into(),
        correction: serde_json::json!({"refund": "159.00"}),
    };
    app.act_on_appeal(&agent, &filed.id, None, change)
        .await
        .unwrap();
    let extra = app
        .grant_refund(&agent, &filed.id, "appeal-1")
        .await
        .unwrap();
    assert_eq!(
        (
            extra.data["amount"]["amount"].as_str(),
            extra.data["source"].as_str()
        ),
        (Some("10.00"), Some("appeal_correction"))
    );
    assert!(
        app.grant_refund(&agent, &filed.id, "appeal-2")
            .await
            .is_err(),
        "a correction is paid once"
    );
    let of_the_appeal = AppealRequest {
        case_id: filed.id.clone(),
        subject: AppealSubject::RefundAmount,
        statement: "Still not enough.".into(),
        evidence: vec!["receipt.pdf".into()],
    };
    assert!(
        matches!(
            app.file_appeal(&ana(), &of_the_appeal).await,
            Err(AppError::Refused(r @ Refusal::State(_))) if r.to_string().contains("final opinion")
        ),
        "the recheck's opinion is final: mediation, not another appeal"
    );
    let ledger = app.ledger(&ana(), "LM-1").await.unwrap();
    let row = ledger.case(&case_id).unwrap();
    assert_eq!(
        (
            row.granted.amount_text(),
            row.corrected.map(|m| m.amount_text())
        ),
        ("159.00".into(), Some("159.00".into()))
    );
}

async fn an_appeals_corrected_refund_granted_first_leaves_nothing_to_pay_twice<S: Store>(s: S) {
    let (app, _) = app(s).await;
    let case_id = inspected_return(&app, "LM-1").await;
    let agent = person("agent-1", &[Role::Agent]);
    let filed = app
        .file_appeal(
            &ana(),
            &AppealRequest {
                case_id: case_id.clone(),
                subject: AppealSubject::Inspection,
                statement: "The inspection missed the receipt.".into(),
                evidence: vec!["receipt.pdf".into()],
            },
        )
        .await
        .unwrap();
    app.act_on_appeal(
        &agent,
        &filed.id,
        None,
        AppealCommand::Change {
            opinion: "Corrected.".into(),
            correction: serde_json::json!({"refund": "170.00"}),
        },
    )
    .await
    .unwrap();
    // The appeal is paid before the return's own refund: the whole corrected total...
    let extra = app.grant_refund(&agent, &filed.id, "a-1").await.unwrap();
    assert_eq!(extra.data["amount"]["amount"], "170.00");
    let covered = app.case(&agent, &case_id).await.unwrap();
    assert_eq!(
        (covered.state.as_str(), covered.is_open),
        ("refund_granted", false),
        "the corrected total paid covers the return: it leaves the queue"
    );
    // ...and then the return's own refund finds nothing left, naming what was granted.
    match app.grant_refund(&agent, &case_id, "r-1").await {
        Err(AppError::Invalid { message, .. }) => {
            assert!(
                message
                    .to_string()
                    .contains("its total is 170.00 USD, and 170.00 USD was granted"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

async fn a_parcel_without_rma_becomes_a_buyback_the_customer_can_accept<S: Store>(s: S) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let warehouse = person("wh-1", &[Role::Warehouse]);
    let agent = person("agent-1", &[Role::Agent]);
    let lines = vec![ReturnLine {
        sku: "LK-200".into(),
        quantity: 1,
    }];
    let too_many = vec![ReturnLine {
        sku: "LK-200".into(),
        quantity: 2,
    }];
    match app
        .open_buyback_for_parcel(&warehouse, "LM-1", too_many, vec![])
        .await
    {
        Err(AppError::Invalid { field, .. }) => assert_eq!(field, "lines[0].quantity"),
        other => panic!("{other:?}"),
    }
    let case = app
        .open_buyback_for_parcel(&warehouse, "LM-1", lines, vec!["box.jpg".into()])
        .await
        .unwrap();
    assert_eq!(
        (case.state.as_str(), case.kind),
        ("parcel_without_rma", CaseKind::Buyback)
    );
    assert!(
        app.act_on_buyback(
            &agent,
            &case.id,
            None,
            BuybackAction::Quote {
                percent: None,
                note: None
            },
            None
        )
        .await
        .is_err(),
        "no evaluator quote: staff set it"
    );
    let quote = BuybackAction::Quote {
        percent: Some(aftercare_core::Percent::whole(50).unwrap()),
        note: None,
    };
    let quoted = app
        .act_on_buyback(&agent, &case.id, None, quote, None)
        .await
        .unwrap();
    assert_eq!(quoted.data["quote"]["amount"]["amount"], "30.00");
    let accepted = app
        .act_on_buyback(&ana(), &case.id, None, BuybackAction::Accept, None)
        .await
        .unwrap();
    assert_eq!(
        accepted.state, "received",
        "the parcel is already in the warehouse"
    );
}

async fn an_appeal_against_a_quote_re_quotes_the_buyback_in_the_same_step<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    clock.set("2026-06-01T02:00:00Z".parse().unwrap());
    let request = BuybackRequest {
        order_number: "LM-1".into(),
        lines: vec![ReturnLine {
            sku: "LK-100".into(),
            quantity: 1,
        }],
        condition: Condition {
            grade: Grade::Worn,
            missing_accessories: 0,
            original_packaging: true,
        },
        photos: vec!["now.jpg".into()],
        defect: None,
    };
    let case = app
        .apply_for_buyback(&ana(), &request)
        .await
        .unwrap()
        .case
        .unwrap();
    let agent = person("agent-1", &[Role::Agent]);
    app.act_on_buyback(
        &agent,
        &case.id,
        None,
        BuybackAction::Quote {
            percent: None,
            note: None,
        },
        None,
    )
    .await
    .unwrap();
    app.act_on_buyback(
        &ana(),
        &case.id,
        None,
        BuybackAction::Decline,
        Some("too low".into()),
    )
    .await
    .unwrap();
    let appeal = AppealRequest {
        case_id: case.id.clone(),
        subject: AppealSubject::Quote,
        statement: "It is barely used; see the photos.".into(),
        evidence: vec!["closeup.jpg".into()],
    };
    let filed = app.file_appeal(&ana(), &appeal).await.unwrap();
    let change = AppealCommand::Change {
        opinion: "The photos show a product in good condition.".into(),
        correction: serde_json::json!({"quote_percent": "60"}),
    };
    let changed = app
        .act_on_appeal(&agent, &filed.id, None, change)
        .await
        .unwrap();
    assert_eq!(changed.state, "changed");
    let requoted = app.case(&ana(), &case.id).await.unwrap();
    assert_eq!(
        (
            requoted.state.as_str(),
            requoted.data["quote"]["amount"]["amount"].as_str()
        ),
        ("quoted", Some("72.00"))
    );
    let history = app.timeline(&ana(), &case.id).await.unwrap();
    assert_eq!(history.last().unwrap().kind, "quote_corrected");
    assert_eq!(
        history.last().unwrap().reason.as_deref(),
        Some(format!("appeal {}", filed.id).as_str())
    );
    assert_eq!(
        app.act_on_buyback(&ana(), &case.id, None, BuybackAction::Accept, None)
            .await
            .unwrap()
            .state,
        "accepted"
    );
}

async fn a_customer_signs_in_once_through_the_emailed_link_and_staff_with_a_password<S: Store>(
    s: S,
) {
    let (app, clock) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    // A wrong pairing queues nothing and answers the same.
    app.request_sign_in_link("LM-1", "eve@example.com")
        .await
        .unwrap();
    app.request_sign_in_link("LM-404", "ana@example.com")
        .await
        .unwrap();
    assert_eq!(app.outbox_depth().await.unwrap(), 0);
    app.request_sign_in_link(" LM-1 ", "ANA@example.com")
        .await
        .unwrap();
    assert_eq!(app.outbox_depth().await.unwrap(), 1);

    let folder = tempfile::tempdir().unwrap();
    let postman = aftercare_app::outbox::Postman::new(
        None,
        folder.path().to_path_buf(),
        "Shop <care@shop.example>",
    )
    .unwrap();
    assert_eq!(app.deliver_due_mail(&postman).await.unwrap(), 1);
    assert_eq!(app.outbox_depth().await.unwrap(), 0);
    let file = std::fs::read_dir(folder.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    // Bodies are quoted-printable: join its soft line breaks to read the link.
    let eml = std::fs::read_to_string(&file).unwrap().replace("=\r\n", "");
    assert!(eml.contains("To: ana@example.com"), "{eml}");
    let token = eml
        .split("/sign-in/")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect::<String>();
    assert_eq!(token.len(), 64);

    let session = app.open_sign_in_link(&token).await.unwrap().unwrap();
    assert!(
        app.open_sign_in_link(&token).await.unwrap().is_none(),
        "single use"
    );
    let who = app.session(&session.token).await.unwrap().unwrap();
    assert_eq!(who.actor, ana());
    // An hour without a request ends a customer session.
    clock.advance(SignedDuration::from_hours(1));
    assert!(app.session(&session.token).await.unwrap().is_none());

    // A link not opened within 15 minutes no longer works.
    app.request_sign_in_link("LM-1", "ana@example.com")
        .await
        .unwrap();
    let later = tempfile::tempdir().unwrap();
    let postman = files_postman(&later);
    assert_eq!(app.deliver_due_mail(&postman).await.unwrap(), 1);
    let file = std::fs::read_dir(later.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let eml = std::fs::read_to_string(file).unwrap().replace("=\r\n", "");
    let late_token: String = eml
        .split("/sign-in/")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    clock.advance(SignedDuration::from_mins(15));
    assert!(
        app.open_sign_in_link(&late_token).await.unwrap().is_none(),
        "15 minutes after it was sent the link has expired"
    );

    let cli = person("cli", &[Role::System]);
    let staff = app
        .create_staff(
            &cli,
            "Li@Shop.example",
            "Li Wei",
            "correct horse battery",
            &[Role::Agent, Role::Finance],
        )
        .await
        .unwrap();
    assert_eq!(staff.email, "li@shop.example");
    assert!(matches!(
        app.create_staff(&cli, "li@shop.example", "Li", "correct horse battery", &[Role::Agent]).await,
        Err(AppError::Invalid { field, .. }) if field == "email"
    ));
    assert!(matches!(
        app.create_staff(&cli, "mo@shop.example", "Mo", "short", &[Role::Agent]).await,
        Err(AppError::Invalid { field, .. }) if field == "password"
    ));
    assert!(matches!(
        app.create_staff(
            &ana(),
            "mo@shop.example",
            "Mo",
            "correct horse battery",
            &[Role::Admin]
        )
        .await,
        Err(AppError::Refused(_))
    ));
    let here: std::net::IpAddr = "192.0.2.1".parse().unwrap();
    let signed_in = |result: Result<StaffSignIn, AppError>| match result.unwrap() {
        StaffSignIn::SignedIn(session) => Some(session),
        _ => None,
    };
    assert!(matches!(
        app.sign_in_staff("li@shop.example", "wrong password!", here)
            .await
            .unwrap(),
        StaffSignIn::Refused
    ));
    assert!(matches!(
        app.sign_in_staff("nobody@shop.example", "correct horse battery", here)
            .await
            .unwrap(),
        StaffSignIn::Refused
    ));
    let staff_session = signed_in(
        app.sign_in_staff(" LI@shop.example", "correct horse battery", here)
            .await,
    )
    .unwrap();
    let who = app.session(&staff_session.token).await.unwrap().unwrap();
    assert_eq!(who.actor.roles, [Role::Agent, Role::Finance]);
    assert_eq!(who.display_name, "Li Wei");
    app.sign_out(&staff_session.token).await.unwrap();
    assert!(app.session(&staff_session.token).await.unwrap().is_none());
    // Twelve hours after sign-in a staff session ends even when it was used all along.
    let again = signed_in(
        app.sign_in_staff("li@shop.example", "correct horse battery", here)
            .await,
    )
    .unwrap();
    // Successful sign-ins never count toward a lockout; failures do, in the database.
    for _ in 0..10 {
        assert!(
            signed_in(
                app.sign_in_staff("li@shop.example", "correct horse battery", here)
                    .await
            )
            .is_some()
        );
    }
    for _ in 0..4 {
        app.sign_in_staff("li@shop.example", "still wrong", here)
            .await
            .unwrap();
    }
    assert!(
        matches!(
            app.sign_in_staff("li@shop.example", "correct horse battery", here)
                .await
                .unwrap(),
            StaffSignIn::Throttled
        ),
        "five failures in a quarter of an hour: the right password waits too"
    );
    for _ in 0..47 {
        assert!(app.session(&again.token).await.unwrap().is_some());
        clock.advance(SignedDuration::from_mins(15));
    }
    clock.advance(SignedDuration::from_mins(15));
    assert!(app.session(&again.token).await.unwrap().is_none());
}

async fn customer_facing_steps_queue_one_email_each<S: Store>(s: S) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let case = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap()
        .case
        .unwrap();
    assert_eq!(
        app.outbox_depth().await.unwrap(),
        1,
        "the customer hears that the request arrived"
    );
    let folder = tempfile::tempdir().unwrap();
    let postman = files_postman(&folder);
    let delivered = |folder: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(folder)
            .unwrap()
            .map(|f| {
                std::fs::read_to_string(f.unwrap().path())
                    .unwrap()
                    .replace("=\r\n", "")
            })
            .collect()
    };
    app.deliver_due_mail(&postman).await.unwrap();
    let received = delivered(folder.path());
    assert_eq!(received.len(), 1);
    assert!(
        received[0].contains("Return request received for order LM-1")
            && received[0].contains("review it by"),
        "{}",
        received[0]
    );
    let agent = person("agent-1", &[Role::Agent]);
    app.act_on_return(
        &agent,
        &case.id,
        Some(case.version),
        ReturnAction::Approve,
        None,
    )
    .await
    .unwrap();
    assert_eq!(app.outbox_depth().await.unwrap(), 1);
    app.deliver_due_mail(&postman).await.unwrap();
    let eml = delivered(folder.path())
        .into_iter()
        .find(|m| m.contains("Return approved"))
        .unwrap();
    let rma = app.case(&agent, &case.id).await.unwrap().rma.unwrap();
    assert!(eml.contains(&rma), "{eml}");
    assert!(
        eml.contains("Haigang Road"),
        "the return address is in the e-mail"
    );
    assert!(eml.contains("text/html"), "{eml}");
}

async fn units_in_other_return_requests_cannot_be_asked_for_again<S: Store>(s: S) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let mut both = quality_return("LM-1");
    both.lines[0].quantity = 2;
    let first = app
        .submit_return(&ana(), &both)
        .await
        .unwrap()
        .case
        .unwrap();
    match app.submit_return(&ana(), &quality_return("LM-1")).await {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "lines[0].quantity");
            assert!(
                message.to_string().contains("0 of the 2 units"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    let agent = person("agent-1", &[Role::Agent]);
    app.act_on_return(
        &agent,
        &first.id,
        None,
        ReturnAction::Reject {
            reasons: vec!["wear".into()],
        },
        None,
    )
    .await
    .unwrap();
    assert!(
        app.submit_return(&ana(), &quality_return("LM-1"))
            .await
            .unwrap()
            .case
            .is_some(),
        "units of a rejected request are free again"
    );
}

async fn a_notice_transcribed_later_recounts_the_provisional_deadlines<S: Store + Clone>(s: S) {
    let (app, clock) = app(s.clone()).await;
    let mut order = new_order("LM-1");
    order.placed_at = "2026-12-01T02:00:00Z".parse().unwrap();
    order.signed_at = Some("2026-12-20T02:00:00Z".parse().unwrap());
    app.import_order(&store_system(), &order).await.unwrap();
    // Tue 29 Dec 2026: 30 Dec, 31 Dec, (1 Jan 2027 off by statute), Mon 4 Jan.
    clock.set("2026-12-29T02:00:00Z".parse().unwrap());
    let case = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap()
        .case
        .unwrap();
    assert_eq!(case.deadline, Some(jiff::civil::date(2027, 1, 4)));
    assert_eq!(
        app.provisional_year(jiff::civil::date(2027, 1, 4)),
        Some(2027)
    );
    assert!(
        app.deadline_provisional(&case),
        "what the API and pages mark"
    );
    let first = &app.store().events(&case.id).await.unwrap()[0];
    assert_eq!(first.data["provisional_deadline"]["working_days"], 3);
    // The 2027 notice arrives: it also gives Mon 4 January off.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let cal = std::fs::read_to_string(format!("{root}/calendars/cn-mainland.toml")).unwrap()
        + "\n[[year]]\nyear = 2027\nsource = \"test notice\"\ndays = [\n  { date = 2027-01-01, kind = \"off\", name = \"New Year's Day\" },\n  { date = 2027-01-04, kind = \"off\", name = \"New Year's Day (bridge)\" },\n]\n";
    let text = std::fs::read_to_string(format!("{root}/policies/default.toml")).unwrap();
    let transcribed = Arc::new(
        Policy::new(
            PolicyFile::parse("default.toml", &text).unwrap(),
            vec![Calendar::from_toml("cn-mainland.toml", &cal).unwrap()],
        )
        .unwrap(),
    );
    let later = App::new(
        s,
        transcribed,
        Arc::new(SettableClock::new("2026-12-30T02:00:00Z".parse().unwrap())),
        ShopSettings::default(),
    );
    let done = later.recount_provisional_deadlines().await.unwrap();
    assert_eq!(done.provisional, 1);
    assert_eq!(done.still_provisional, 0);
    assert_eq!(
        done.moved,
        vec![(
            case.id.clone(),
            jiff::civil::date(2027, 1, 4),
            jiff::civil::date(2027, 1, 5)
        )]
    );
    let now = later.store().case(&case.id).await.unwrap().unwrap();
    assert_eq!(now.deadline, Some(jiff::civil::date(2027, 1, 5)));
    assert_eq!(now.data["deadline"], "2027-01-05");
    assert!(!later.deadline_provisional(&now), "2027 has its notice now");
    let history = later.store().events(&case.id).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.kind, "deadline_recounted");
    assert_eq!(last.actor["id"], "calendar-recount");
    assert!(
        last.reason
            .as_deref()
            .unwrap()
            .contains("now end on 2027-01-05")
    );
    // Counting again finds nothing provisional left.
    let again = later.recount_provisional_deadlines().await.unwrap();
    assert_eq!((again.provisional, again.moved.len()), (0, 0));
}

async fn a_customer_in_new_york_is_in_time_on_the_last_day_of_their_own_calendar<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    // Signed at 10:00 in New York on 10 March (22:00 in Shanghai); the request comes at 13:00
    // on 24 March there, already the 25th in Shanghai.
    let mut far = new_order("LM-1");
    far.signed_at = Some("2026-03-10T14:00:00Z".parse().unwrap());
    far.time_zone = Some("America/New_York".into());
    let mut unknown = far.clone();
    unknown.number = "LM-2".into();
    unknown.time_zone = None;
    app.import_order(&store_system(), &far).await.unwrap();
    app.import_order(&store_system(), &unknown).await.unwrap();
    clock.set("2026-03-24T17:00:00Z".parse().unwrap());
    let windows = app
        .return_windows(&app.order(&ana(), "LM-1").await.unwrap(), &[])
        .unwrap();
    assert!(windows[0].open);
    assert_eq!(windows[0].last_day, jiff::civil::date(2026, 3, 24));
    let in_time = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap();
    assert!(in_time.case.is_some(), "{:?}", in_time.decision.reasons);
    let late = app
        .submit_return(&ana(), &quality_return("LM-2"))
        .await
        .unwrap();
    assert!(
        late.case.is_none(),
        "without the zone the shop's dates alone count"
    );
    // A zone that does not exist is refused, naming the field.
    let mut bad = new_order("LM-3");
    bad.time_zone = Some("Mars/Olympus_Mons".into());
    let err = app.import_order(&store_system(), &bad).await.unwrap_err();
    assert!(err.to_string().contains("time_zone"), "{err}");
}

async fn a_deadline_in_a_year_without_holiday_data_is_flagged_in_the_history<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let cal = std::fs::read_to_string(format!("{root}/calendars/cn-mainland.toml")).unwrap();
    let last = Calendar::from_toml("cn", &cal)
        .unwrap()
        .years()
        .max()
        .unwrap();
    // The last covered year's final days: the review deadline runs into the next year.
    let mut order = new_order("LM-1");
    order.placed_at = format!("{last}-12-01T02:00:00Z").parse().unwrap();
    order.signed_at = Some(format!("{last}-12-20T02:00:00Z").parse().unwrap());
    app.import_order(&store_system(), &order).await.unwrap();
    clock.set(format!("{last}-12-30T02:00:00Z").parse().unwrap());
    let case = app
        .submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap()
        .case
        .unwrap();
    assert_eq!(case.deadline.map(|d| d.year()), Some(last + 1));
    let history = app.store().events(&case.id).await.unwrap();
    let warnings = history[0].data["calendar_warnings"].to_string();
    assert!(
        warnings.contains(&format!("for {}", last + 1)),
        "{warnings}"
    );
    // A deadline inside the data carries no warning.
    clock.set(format!("{last}-12-21T02:00:00Z").parse().unwrap());
    let mut other = new_order("LM-2");
    other.placed_at = format!("{last}-12-01T02:00:00Z").parse().unwrap();
    other.signed_at = Some(format!("{last}-12-20T02:00:00Z").parse().unwrap());
    app.import_order(&store_system(), &other).await.unwrap();
    let calm = app
        .submit_return(&ana(), &quality_return("LM-2"))
        .await
        .unwrap()
        .case
        .unwrap();
    let history = app.store().events(&calm.id).await.unwrap();
    assert!(history[0].data.get("calendar_warnings").is_none());
}

async fn the_deadline_sweep_expires_quotes_that_ran_out_and_only_those<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    clock.set("2026-06-01T02:00:00Z".parse().unwrap());
    let request = BuybackRequest {
        order_number: "LM-1".into(),
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
        defect: None,
    };
    let agent = person("agent-1", &[Role::Agent]);
    let quote = BuybackAction::Quote {
        percent: None,
        note: None,
    };
    let case = app
        .apply_for_buyback(&ana(), &request)
        .await
        .unwrap()
        .case
        .unwrap();
    let quoted = app
        .act_on_buyback(&agent, &case.id, None, quote, None)
        .await
        .unwrap();
    let until = quoted.data["quote"]["valid_until"]
        .as_str()
        .unwrap()
        .to_owned();
    clock.set(format!("{until}T02:00:00Z").parse().unwrap());
    assert_eq!(
        app.sweep_deadlines().await.unwrap().expired_quotes,
        0,
        "valid through its last day"
    );
    clock.advance(SignedDuration::from_hours(24));
    assert_eq!(app.sweep_deadlines().await.unwrap().expired_quotes, 1);
    let expired = app.case(&agent, &case.id).await.unwrap();
    assert_eq!(
        (expired.state.as_str(), expired.is_open),
        ("expired", false)
    );
    let history = app.store().events(&case.id).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.actor["id"], "deadline-sweep");
    assert_eq!(
        app.sweep_deadlines().await.unwrap().expired_quotes,
        0,
        "once"
    );
}

/// The dashboard's weekly figures: requests by reason in the week they were opened, steps done
/// by their deadline or late, refunds sent; reused for a minute, then counted afresh; staff only.
async fn weekly_figures_count_requests_steps_and_refunds<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    let agent = person("agent-1", &[Role::Agent]);
    let finance = person("fin-1", &[Role::Finance]);
    assert!(matches!(
        app.weekly_stats(&ana(), 12).await,
        Err(AppError::Refused(_))
    ));
    // Friday 20 March 2026: the return is requested, approved, received and passed that day.
    let id = inspected_return(&app, "LM-1").await;
    let refund = app.grant_refund(&agent, &id, "g-1").await.unwrap();
    // III.3: the money goes back to the original payment method. With no payment provider
    // connected for it, a send without the reference of the payment made is refused at its
    // field and records nothing.
    match app.send_refund(&finance, &refund.id, None, "s-0").await {
        Err(AppError::Invalid { field, .. }) => assert_eq!(field, "payment_reference"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.case(&finance, &refund.id).await.unwrap().state,
        "granted"
    );
    app.send_refund(&finance, &refund.id, Some("PSP-1"), "s-1")
        .await
        .unwrap();
    let stats = app.weekly_stats(&agent, 4).await.unwrap();
    assert_eq!(
        stats.weeks.last().map(ToString::to_string).as_deref(),
        Some("2026-03-16"),
        "weeks start on Monday"
    );
    assert_eq!(stats.requests.len(), 1);
    assert_eq!(stats.requests[0].name, "Quality issue");
    assert_eq!(stats.requests[0].values, [0, 0, 0, 1]);
    let done = stats.steps_done[3];
    assert!(done >= 3, "approve, receive, inspect, grant: {done}");
    assert_eq!(stats.steps_on_time[3], done, "all on the day");
    assert_eq!(stats.currency.as_deref(), Some("USD"));
    assert_eq!(
        stats.refunds[3], 14_900,
        "120 + 6 + 3 + 20 of the return costs"
    );
    assert_eq!(stats.buyback, [0, 0, 0, 0]);

    // A second request within the minute reads the same figures; after it, the new one counts.
    app.import_order(&store_system(), &new_order("LM-2"))
        .await
        .unwrap();
    let late = app
        .submit_return(&ana(), &quality_return("LM-2"))
        .await
        .unwrap()
        .case
        .unwrap()
        .id;
    assert_eq!(
        app.weekly_stats(&agent, 4).await.unwrap().requests[0].values,
        [0, 0, 0, 1]
    );
    clock.advance(SignedDuration::from_mins(2));
    assert_eq!(
        app.weekly_stats(&agent, 4).await.unwrap().requests[0].values,
        [0, 0, 0, 2]
    );

    // The review of the second return was due by 25 March; done on Tuesday 31 March, it counts
    // as late in the week of 30 March, and the earlier week keeps its figures.
    clock.set("2026-03-31T02:00:00Z".parse().unwrap());
    let agent = person("agent-1", &[Role::Agent]);
    app.act_on_return(&agent, &late, None, ReturnAction::Approve, None)
        .await
        .unwrap();
    let stats = app.weekly_stats(&agent, 4).await.unwrap();
    assert_eq!(
        stats.weeks.last().map(ToString::to_string).as_deref(),
        Some("2026-03-30")
    );
    assert_eq!((stats.steps_done[3], stats.steps_on_time[3]), (1, 0));
    assert_eq!(stats.steps_on_time[1], stats.steps_done[1]);
    assert!(stats.steps_done[1] >= 3);
}

/// A customer may name only evidence they uploaded: another's, or an id that was never
/// uploaded, is refused by its place in the request, and nothing is opened.
async fn customers_attach_only_their_own_evidence<S: Store>(s: S) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let bo = person("bo@example.com", &[Role::Customer]);
    app.record_evidence(
        &bo,
        aftercare_store::EvidenceRecord {
            id: "bo-photo".into(),
            owner: bo.id.clone(),
            media_type: "image/jpeg".into(),
            size_bytes: 1,
            sha256: "00".into(),
            width: Some(10),
            height: Some(10),
            created_at: "2026-03-20T02:00:00Z".parse().unwrap(),
        },
    )
    .await
    .unwrap();
    for id in ["bo-photo", "never-uploaded"] {
        let mut request = quality_return("LM-1");
        request.evidence = vec!["photo-1".into(), id.into()];
        match app.submit_return(&ana(), &request).await {
            Err(AppError::Invalid { field, .. }) => assert_eq!(field, "evidence[1]"),
            other => panic!("{id}: {other:?}"),
        }
    }
    let agent = person("agent-1", &[Role::Agent]);
    let (_, cases) = app.order_with_cases(&agent, "LM-1").await.unwrap();
    assert!(cases.is_empty(), "nothing was opened");
    // Staff see every file, so they may attach any; the customer whose case names it sees it
    // then, and nobody else.
    assert!(app.evidence(&ana(), "bo-photo").await.is_err());
    let mut request = quality_return("LM-1");
    request.evidence = vec!["bo-photo".into()];
    assert!(
        app.submit_return(&agent, &request)
            .await
            .unwrap()
            .case
            .is_some()
    );
    assert!(app.evidence(&ana(), "bo-photo").await.is_ok());
    let carl = person("carl@example.com", &[Role::Customer]);
    assert!(matches!(
        app.evidence(&carl, "bo-photo").await,
        Err(AppError::NotFound(_))
    ));
    assert!(app.evidence(&carl, "photo-1").await.is_err());
}

/// A return of `units` of LK-100 requested, approved and received with `damaged` of them damaged.
async fn received_return<S: Store>(app: &App<S>, number: &str, units: u32, damaged: u32) -> String {
    let mut request = quality_return(number);
    request.lines[0].quantity = units;
    let case = app
        .submit_return(&ana(), &request)
        .await
        .unwrap()
        .case
        .unwrap();
    let agent = person("agent-1", &[Role::Agent]);
    let warehouse = person("wh-1", &[Role::Warehouse]);
    app.act_on_return(&agent, &case.id, None, ReturnAction::Approve, None)
        .await
        .unwrap();
    app.act_on_return(
        &warehouse,
        &case.id,
        None,
        ReturnAction::Receive {
            lines: vec![ReceivedLine {
                sku: "LK-100".into(),
                received: units,
                damaged,
            }],
            outcome: ReceptionOutcome::AsExpected,
        },
        None,
    )
    .await
    .unwrap();
    case.id
}

async fn the_customers_return_costs_are_a_claim_and_the_refund_uses_what_the_shop_confirms<
    S: Store,
>(
    s: S,
) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let mut request = quality_return("LM-1");
    request.reason = ReturnReason::WrongItem;
    request.return_costs = Some("99999.00".into());
    let submitted = app.submit_return(&ana(), &request).await.unwrap();
    let estimate = submitted.decision.refund.unwrap();
    assert_eq!(
        estimate.total.amount_text(),
        "138.00",
        "120.00 + 12.00 + 6.00: the claim is not in the estimate"
    );
    assert!(
        submitted
            .decision
            .reasons
            .iter()
            .any(|r| r.contains("compensated after we receive the goods, per your receipt")),
        "{:?}",
        submitted.decision.reasons
    );
    let case = submitted.case.unwrap();
    let agent = person("agent-1", &[Role::Agent]);
    let warehouse = person("wh-1", &[Role::Warehouse]);
    app.act_on_return(&agent, &case.id, None, ReturnAction::Approve, None)
        .await
        .unwrap();
    app.act_on_return(
        &warehouse,
        &case.id,
        None,
        ReturnAction::Receive {
            lines: vec![ReceivedLine {
                sku: "LK-100".into(),
                received: 1,
                damaged: 0,
            }],
            outcome: ReceptionOutcome::AsExpected,
        },
        None,
    )
    .await
    .unwrap();
    match app
        .act_on_return(
            &warehouse,
            &case.id,
            None,
            ReturnAction::PassInspection {
                return_costs: Some("-5.00".into()),
                damaged: vec![],
            },
            None,
        )
        .await
    {
        Err(AppError::Invalid { field, .. }) => assert_eq!(field, "return_costs"),
        other => panic!("{other:?}"),
    }
    // The receipt shows 25.00: wrong item, so all of it (within the cap of 60.00).
    let passed = app
        .act_on_return(
            &warehouse,
            &case.id,
            None,
            ReturnAction::PassInspection {
                return_costs: Some("25.00".into()),
                damaged: vec![],
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(passed.data["refund"]["amount"], "163.00");
    assert_eq!(passed.data["confirmed_return_costs"]["amount"], "25.00");
    let refund = app.grant_refund(&agent, &case.id, "g-1").await.unwrap();
    assert_eq!(refund.data["amount"]["amount"], "163.00");
}

async fn a_return_with_a_damaged_unit_refunds_the_good_one_and_the_damaged_one_goes_to_buyback<
    S: Store,
>(
    s: S,
) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let case_id = received_return(&app, "LM-1", 2, 1).await;
    let warehouse = person("wh-1", &[Role::Warehouse]);
    let passed = app
        .act_on_return(
            &warehouse,
            &case_id,
            None,
            ReturnAction::PassInspection {
                return_costs: Some("40.00".into()),
                damaged: vec![],
            },
            None,
        )
        .await
        .unwrap();
    // One good unit: 120.00 + half of its 12.00 shipping share + half of its 6.00 duties share +
    // half of its share of the return costs (40.00 × 120 / 240 = 20.00) = 139.00.
    assert_eq!(passed.data["refund"]["amount"], "139.00");
    let cases = app
        .queue(
            &warehouse,
            &aftercare_store::QueueQuery {
                order_number: Some("LM-1".into()),
                kind: Some(aftercare_store::CaseKind::Buyback),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(cases.len(), 1, "a buyback took the damaged unit over");
    let buyback = &cases[0].case;
    assert_eq!(buyback.state, "goods_held");
    assert_eq!(buyback.data["from_return"], case_id.as_str());
    assert_eq!(buyback.data["lines"][0]["quantity"], 1);
    let ledger = app.ledger(&ana(), "LM-1").await.unwrap();
    let units = ledger.line("LK-100").unwrap();
    assert_eq!(
        (units.refunded, units.at_shop, units.free()),
        (1, 1, 0),
        "each unit counted once: one refunded, one at the shop in the buyback"
    );
}

async fn the_inspection_judges_each_unit_again<S: Store>(s: S) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    // Both units looked fine at reception; the inspection finds one damaged.
    let case_id = received_return(&app, "LM-1", 2, 0).await;
    let warehouse = person("wh-1", &[Role::Warehouse]);
    let damaged = |sku: &str, quantity: u32| {
        vec![ReturnLine {
            sku: sku.into(),
            quantity,
        }]
    };
    for (wrong, field) in [
        (damaged("LK-100", 3), "inspected[0].damaged"),
        (damaged("LK-200", 1), "inspected[0].sku"),
    ] {
        match app
            .act_on_return(
                &warehouse,
                &case_id,
                None,
                ReturnAction::PassInspection {
                    return_costs: None,
                    damaged: wrong,
                },
                None,
            )
            .await
        {
            Err(AppError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
    }
    let passed = app
        .act_on_return(
            &warehouse,
            &case_id,
            None,
            ReturnAction::PassInspection {
                return_costs: None,
                damaged: damaged("LK-100", 1),
            },
            None,
        )
        .await
        .unwrap();
    // One good unit: 120.00 + 6.00 + 3.00; the damaged one is the buyback's.
    assert_eq!(passed.data["refund"]["amount"], "129.00");
    assert_eq!(passed.data["received"][0]["damaged"], 1);
    let units = app.ledger(&ana(), "LM-1").await.unwrap();
    let line = units.line("LK-100").unwrap();
    assert_eq!((line.refunded, line.at_shop), (1, 1));
}

/// The documents' other reading of damaged goods (III.2, "provide only a partial refund"),
/// chosen in the policy file: the damaged unit is refunded in part, and no buyback opens.
async fn a_policy_may_refund_damaged_units_in_part_instead<S: Store>(s: S) {
    let partial = policy_edited(|text| {
        text.replace(
            "damaged_units = \"buyback\"",
            "damaged_units = { partial_refund = 50 }",
        )
    });
    let (app, _) = app_with(s, partial).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let case_id = received_return(&app, "LM-1", 2, 1).await;
    let passed = app
        .act_on_return(
            &person("wh-1", &[Role::Warehouse]),
            &case_id,
            None,
            ReturnAction::PassInspection {
                return_costs: None,
                damaged: vec![],
            },
            None,
        )
        .await
        .unwrap();
    // The good unit: 120.00 + 6.00 + 3.00; the damaged one: 50 % of 120.00.
    assert_eq!(passed.data["refund"]["amount"], "189.00");
    let ledger = app.ledger(&ana(), "LM-1").await.unwrap();
    assert!(
        ledger.cases.iter().all(|c| c.kind != "buyback"),
        "no buyback for the damaged unit"
    );
    let line = ledger.line("LK-100").unwrap();
    assert_eq!((line.refunded, line.at_shop, line.free()), (1, 1, 0));
}

async fn goods_abandoned_after_a_failed_inspection_become_a_buyback_without_shipping<S: Store>(
    s: S,
) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    let case_id = received_return(&app, "LM-1", 1, 0).await;
    let warehouse = person("wh-1", &[Role::Warehouse]);
    let agent = person("agent-1", &[Role::Agent]);
    app.act_on_return(
        &warehouse,
        &case_id,
        None,
        ReturnAction::FailInspection {
            reasons: vec!["Used: scratches on the face plate".into()],
            photos: vec![],
        },
        None,
    )
    .await
    .unwrap();
    let abandoned = app
        .act_on_return(&ana(), &case_id, None, ReturnAction::ChooseBuyback, None)
        .await
        .unwrap();
    assert_eq!(abandoned.state, "abandoned_to_buyback");
    let mine = app
        .queue(
            &agent,
            &aftercare_store::QueueQuery {
                order_number: Some("LM-1".into()),
                kind: Some(aftercare_store::CaseKind::Buyback),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    let buyback = mine[0].case.clone();
    assert_eq!(
        (buyback.state.as_str(), buyback.deadline.is_some()),
        ("goods_held", true),
        "waiting for the agent's quote, with a deadline"
    );
    assert!(
        app.case(&ana(), &buyback.id).await.is_ok(),
        "the customer sees it"
    );
    assert!(
        app.act_on_buyback(&warehouse, &buyback.id, None, BuybackAction::Accept, None)
            .await
            .is_err(),
        "nothing to accept before a quote"
    );
    // The warehouse grades what it holds; the policy's grading is the quote the agent sends.
    let graded = app
        .act_on_buyback(
            &warehouse,
            &buyback.id,
            None,
            BuybackAction::Grade {
                condition: Condition {
                    grade: Grade::Worn,
                    missing_accessories: 0,
                    original_packaging: true,
                },
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(graded.state, "goods_held");
    assert_eq!(graded.data["decision"]["quote"]["percent"], "40");
    let quoted = app
        .act_on_buyback(
            &agent,
            &buyback.id,
            None,
            BuybackAction::Quote {
                percent: None,
                note: None,
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(quoted.data["quote"]["amount"]["amount"], "48.00");
    let accepted = app
        .act_on_buyback(&ana(), &buyback.id, None, BuybackAction::Accept, None)
        .await
        .unwrap();
    assert_eq!(
        accepted.state, "received",
        "the warehouse holds the goods: nothing to ship"
    );
    app.act_on_buyback(&warehouse, &buyback.id, None, BuybackAction::Confirm, None)
        .await
        .unwrap();
    let payout = app.grant_refund(&agent, &buyback.id, "b-1").await.unwrap();
    assert_eq!(payout.data["amount"]["amount"], "48.00");
    let units = app.ledger(&ana(), "LM-1").await.unwrap();
    assert_eq!(units.line("LK-100").unwrap().free(), 1);
}

async fn units_returned_and_refunded_cannot_be_sold_back<S: Store>(s: S) {
    let (app, _) = app(s).await;
    let _ = inspected_return(&app, "LM-1").await;
    let request = BuybackRequest {
        order_number: "LM-1".into(),
        lines: vec![ReturnLine {
            sku: "LK-100".into(),
            quantity: 2,
        }],
        condition: Condition {
            grade: Grade::Good,
            missing_accessories: 0,
            original_packaging: true,
        },
        photos: vec!["photo-1".into()],
        defect: None,
    };
    match app.apply_for_buyback(&ana(), &request).await {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "lines[0].quantity");
            assert!(
                message.to_string().contains(
                    "1 of the 2 units of LK-100 can be requested (in open requests: 0, at the \
                     shop: 0, returned and refunded: 1,"
                ),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

async fn concurrent_requests_never_take_a_unit_twice_nor_approvals_one_rma_twice<S: Store>(s: S) {
    let (app, _) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    // Two units of LK-100; four customers' tabs ask for one each at the same moment.
    let one = quality_return("LM-1");
    let ana = ana();
    let (a, b, c, d) = tokio::join!(
        app.submit_return(&ana, &one),
        app.submit_return(&ana, &one),
        app.submit_return(&ana, &one),
        app.submit_return(&ana, &one)
    );
    let mut opened = Vec::new();
    for result in [a, b, c, d] {
        match result {
            Ok(submitted) => opened.push(submitted.case.unwrap().id),
            Err(AppError::Invalid { field, .. }) => assert_eq!(field, "lines[0].quantity"),
            Err(AppError::Conflict) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(opened.len(), 2, "two units, two returns");
    let agent = person("agent-1", &[Role::Agent]);
    let (x, y) = tokio::join!(
        app.act_on_return(&agent, &opened[0], None, ReturnAction::Approve, None),
        app.act_on_return(&agent, &opened[1], None, ReturnAction::Approve, None)
    );
    let mut rmas = vec![x.unwrap().rma.unwrap(), y.unwrap().rma.unwrap()];
    rmas.sort();
    assert_eq!(rmas, vec!["RMA-LM-1-1", "RMA-LM-1-2"]);
    let ledger = app.ledger(&ana, "LM-1").await.unwrap();
    assert!(ledger.invariant_violations().is_empty());
    assert_eq!(ledger.line("LK-100").unwrap().requested, 2);
}

async fn two_grants_at_once_never_pay_one_result_twice<S: Store>(s: S) {
    let (app, _) = app(s).await;
    let case_id = inspected_return(&app, "LM-1").await;
    let agent = person("agent-1", &[Role::Agent]);
    let (x, y) = tokio::join!(
        app.grant_refund(&agent, &case_id, "k-1"),
        app.grant_refund(&agent, &case_id, "k-2")
    );
    let granted = [&x, &y].iter().filter(|r| r.is_ok()).count();
    assert_eq!(granted, 1, "{x:?} {y:?}");
    let ledger = app.ledger(&ana(), "LM-1").await.unwrap();
    assert_eq!(ledger.granted.amount_text(), "149.00");
    assert!(ledger.invariant_violations().is_empty());
}

async fn an_order_pushed_with_nanoseconds_exports_and_imports_back_unchanged<S: Store>(s: S) {
    let (app, _) = app(s).await;
    let mut order = new_order("LM-1");
    order.placed_at = "2026-03-01T02:00:00.123456789Z".parse().unwrap();
    order.address.phone = "+351 912 345 678".into();
    order.customer_name = "=HYPERLINK(\"http://evil.example\")".into();
    app.import_order(&store_system(), &order).await.unwrap();
    let stored = app.store().order_by_number("LM-1").await.unwrap().unwrap();
    let again: NewOrder = serde_json::from_value(stored.data).unwrap();
    let mut csv = Vec::new();
    let mut writer = aftercare_app::csv_orders::OrdersWriter::new(&mut csv).unwrap();
    writer.write(&again).unwrap();
    writer.finish().unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    let read = aftercare_app::csv_orders::read_orders(csv.as_slice()).unwrap();
    let report = app
        .import_csv(&store_system(), &read, |_, _| {})
        .await
        .unwrap();
    assert_eq!(
        (report.inserted, report.unchanged, report.differs),
        (0, 1, 0),
        "{report:?}"
    );
}

async fn two_servers_on_one_database_throttle_sign_ins_as_one<S: Store + Clone>(s: S) {
    let (first, _) = app(s.clone()).await;
    let second = App::new(
        s,
        policy(),
        Arc::new(SettableClock::new("2026-03-20T02:00:00Z".parse().unwrap())),
        ShopSettings::default(),
    );
    first
        .create_staff(
            &person("admin", &[Role::Admin]),
            "li@shop.example",
            "Li Wei",
            "correct horse battery",
            &[Role::Agent],
        )
        .await
        .unwrap();
    let here: std::net::IpAddr = "192.0.2.7".parse().unwrap();
    for server in [&first, &second, &first, &second, &first] {
        assert!(matches!(
            server
                .sign_in_staff("li@shop.example", "guess", here)
                .await
                .unwrap(),
            StaffSignIn::Refused
        ));
    }
    assert!(matches!(
        second
            .sign_in_staff("li@shop.example", "correct horse battery", here)
            .await
            .unwrap(),
        StaffSignIn::Throttled
    ));
}

async fn one_address_guessing_over_many_accounts_is_throttled_and_others_are_not<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    let guesser: std::net::IpAddr = "198.51.100.9".parse().unwrap();
    let other: std::net::IpAddr = "198.51.100.10".parse().unwrap();
    for i in 0..aftercare_app::accounts::FAILURES_PER_ADDRESS {
        let account = format!("nobody{i}@shop.example");
        assert!(matches!(
            app.sign_in_staff(&account, "guess", guesser).await.unwrap(),
            StaffSignIn::Refused
        ));
    }
    assert!(matches!(
        app.sign_in_staff("fresh@shop.example", "guess", guesser)
            .await
            .unwrap(),
        StaffSignIn::Throttled
    ));
    assert!(matches!(
        app.sign_in_staff("fresh@shop.example", "guess", other)
            .await
            .unwrap(),
        StaffSignIn::Refused
    ));
    // Once the window has moved on, the address may try again.
    clock.advance(SignedDuration::from_mins(16));
    assert!(matches!(
        app.sign_in_staff("fresh@shop.example", "guess", guesser)
            .await
            .unwrap(),
        StaffSignIn::Refused
    ));
}

async fn uploads_nobody_attached_are_removed_after_a_day_with_their_files<S: Store>(s: S) {
    let (app, clock) = app(s).await;
    app.import_order(&store_system(), &new_order("LM-1"))
        .await
        .unwrap();
    // The return names photo-1; the other uploads of `app` were never attached to anything.
    app.submit_return(&ana(), &quality_return("LM-1"))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ids = [
        "photo-1",
        "video.mp4",
        "receipt.pdf",
        "closeup.jpg",
        "now.jpg",
    ];
    for id in ids {
        for file in aftercare_app::evidence::evidence_files(dir.path(), id) {
            std::fs::write(file, b"x").unwrap();
        }
    }
    assert_eq!(
        app.sweep_unattached_evidence(dir.path(), 100)
            .await
            .unwrap(),
        0,
        "a day to attach an upload"
    );
    clock.advance(SignedDuration::from_hours(25));
    assert_eq!(
        app.sweep_unattached_evidence(dir.path(), 100)
            .await
            .unwrap(),
        4
    );
    for id in ids {
        let kept = id == "photo-1";
        assert_eq!(
            app.store().evidence(id).await.unwrap().is_some(),
            kept,
            "{id}"
        );
        for file in aftercare_app::evidence::evidence_files(dir.path(), id) {
            assert_eq!(file.exists(), kept, "{}", file.display());
        }
    }
    assert_eq!(
        app.sweep_unattached_evidence(dir.path(), 100)
            .await
            .unwrap(),
        0,
        "attached evidence is not looked at again"
    );
}

async fn the_shop_profile_is_kept_and_read_back_at_start<S: Store>(s: S) {
    let (app, _) = app(s).await;
    let admin = person("admin-1", &[Role::Admin]);
    let agent = person("agent-1", &[Role::Agent]);
    let profile = aftercare_app::ShopProfile {
        name: "Locks & Co".into(),
        return_address: "1 Dock Road, Shenzhen".into(),
        contact_email: "care@locks.example".into(),
    };
    assert!(matches!(
        app.update_shop_profile(&agent, profile.clone()).await,
        Err(AppError::Refused(_))
    ));
    assert_eq!(app.shop_profile(), aftercare_app::ShopProfile::default());
    app.update_shop_profile(&admin, profile.clone())
        .await
        .unwrap();
    assert_eq!(app.shop_profile(), profile);
    let saved: aftercare_app::ShopProfile =
        serde_json::from_value(app.store().shop_profile().await.unwrap().unwrap()).unwrap();
    assert_eq!(saved, profile, "a restarted server loads this one");
    app.load_shop_profile().await.unwrap();
    assert_eq!(app.shop_profile(), profile);
}

aftercare_store::on_both_databases!(|store| store;
    orders_are_imported_once_and_bad_ones_name_the_field,
    a_return_goes_from_request_to_refund_sent_by_three_roles,
    a_replayed_grant_gives_one_refund_and_the_same_answer,
    customers_see_only_their_own_cases_and_stale_versions_are_refused,
    requests_the_policy_does_not_allow_open_no_case,
    the_queue_marks_overdue_cases,
    a_buyback_with_a_revised_offer_accepted_is_paid_out,
    an_appeal_is_filed_in_time_and_upheld_with_a_final_opinion,
    an_order_is_fulfilled_to_signing_and_its_return_window_counts_from_it,
    a_parcel_returned_to_sender_is_refunded_after_deductions,
    an_appeal_changed_to_a_higher_refund_pays_the_difference,
    an_appeals_corrected_refund_granted_first_leaves_nothing_to_pay_twice,
    a_parcel_without_rma_becomes_a_buyback_the_customer_can_accept,
    an_appeal_against_a_quote_re_quotes_the_buyback_in_the_same_step,
    a_customer_signs_in_once_through_the_emailed_link_and_staff_with_a_password,
    the_rma_slip_is_drawn_when_its_email_is_delivered,
    customer_facing_steps_queue_one_email_each,
    units_in_other_return_requests_cannot_be_asked_for_again,
    a_deadline_in_a_year_without_holiday_data_is_flagged_in_the_history,
    a_customer_in_new_york_is_in_time_on_the_last_day_of_their_own_calendar,
    a_notice_transcribed_later_recounts_the_provisional_deadlines,
    the_deadline_sweep_expires_quotes_that_ran_out_and_only_those,
    weekly_figures_count_requests_steps_and_refunds,
    customers_attach_only_their_own_evidence,
    the_customers_return_costs_are_a_claim_and_the_refund_uses_what_the_shop_confirms,
    a_return_with_a_damaged_unit_refunds_the_good_one_and_the_damaged_one_goes_to_buyback,
    goods_abandoned_after_a_failed_inspection_become_a_buyback_without_shipping,
    the_inspection_judges_each_unit_again,
    a_policy_may_refund_damaged_units_in_part_instead,
    an_order_pushed_with_nanoseconds_exports_and_imports_back_unchanged,
    two_servers_on_one_database_throttle_sign_ins_as_one,
    uploads_nobody_attached_are_removed_after_a_day_with_their_files,
    one_address_guessing_over_many_accounts_is_throttled_and_others_are_not,
    units_returned_and_refunded_cannot_be_sold_back,
    concurrent_requests_never_take_a_unit_twice_nor_approvals_one_rma_twice,
    two_grants_at_once_never_pay_one_result_twice,
    the_shop_profile_is_kept_and_read_back_at_start,
);
