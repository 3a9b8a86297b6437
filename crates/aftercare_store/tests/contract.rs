//! The storage contract, written once against [`Store`] and run on both implementations:
//! SQLite always (a fresh file per test), PostgreSQL when `TEST_DATABASE_URL` is set (a fresh
//! schema per test). CI sets it; a run without it says on stderr that PostgreSQL was skipped.
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "helpers outside #[test] fail the test loudly"
)]

use aftercare_store::{
    AccountOf, ApiKeyRecord, CaseKind, CaseRecord, EvidenceRecord, Idempotency, MailAttachment,
    MailRecord, MessageRecord, MessageWrite, NewEvent, NewMail, NewOrderWrite, OrderAccount,
    OrderRecord, OrderWrite, PasswordLink, PutOrder, QueueCursor, QueueQuery, SessionRecord,
    SignInLink, Store, StoreError, ThreadRecord, TrackingEventRecord, UserChange, UserRecord,
    WebhookAttempt, WebhookEndpoint,
};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use serde_json::json;

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn order(number: &str) -> OrderRecord {
    OrderRecord {
        id: id(),
        number: number.into(),
        customer_email: "ana@example.com".into(),
        customer_name: "Ana Lima".into(),
        currency: "USD".into(),
        placed_at: at("2026-03-01T02:00:00Z"),
        policy_version: "2025-01".into(),
        data: json!({"lines": [{"sku": "LK-100", "unit_price": "120.00", "quantity": 2}]}),
        created_at: at("2026-03-01T02:00:01Z"),
        language: None,
    }
}

fn case(order: &OrderRecord, kind: CaseKind, deadline: Option<Date>) -> CaseRecord {
    CaseRecord {
        id: id(),
        kind,
        order_id: order.id.clone(),
        order_number: order.number.clone(),
        customer_email: order.customer_email.clone(),
        rma: None,
        state: "requested".into(),
        is_open: true,
        deadline,
        amount_minor: None,
        version: 1,
        data: json!({"state": "requested"}).into(),
        created_at: at("2026-03-20T02:00:00Z"),
        updated_at: at("2026-03-20T02:00:00Z"),
        tracking_number: None,
    }
}

fn event(kind: &str) -> NewEvent {
    NewEvent {
        kind: kind.into(),
        actor: json!({"id": "agent-1", "roles": ["agent"]}),
        at: at("2026-03-20T03:00:00Z"),
        reason: Some("because".into()),
        data: json!({"type": kind}),
        mail: None,
    }
}

fn key(k: &str, response: serde_json::Value) -> Idempotency {
    Idempotency {
        key: k.into(),
        request_hash: "hash-1".into(),
        response,
        created_at: at("2026-03-20T03:00:00Z"),
    }
}

fn next(mut c: CaseRecord, state: &str) -> CaseRecord {
    c.version += 1;
    c.state = state.into();
    c.data = json!({"state": state}).into();
    c
}

async fn with_order<S: Store>(s: &S, number: &str) -> OrderRecord {
    let o = order(number);
    assert_eq!(s.put_order(&o).await.unwrap(), PutOrder::Inserted);
    o
}

/// The order's account read by its id.
async fn read_account<S: Store>(s: &S, order_id: &str) -> OrderAccount {
    s.account_of(AccountOf::Order(order_id))
        .await
        .unwrap()
        .unwrap()
        .1
}

async fn an_account_is_read_by_order_number_or_case_in_one_snapshot<S: Store>(s: S) {
    let o = with_order(&s, "A-1").await;
    let bare = with_order(&s, "A-2").await;
    // An order without a case: the order, version 0, no case.
    let (order, account) = s
        .account_of(AccountOf::Number("A-2"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(order, bare);
    assert_eq!(
        account,
        OrderAccount {
            version: 0,
            cases: Vec::new()
        }
    );
    let first = case(&o, CaseKind::Return, None);
    let mut second = case(&o, CaseKind::Refund, None);
    second.created_at = first.created_at + jiff::SignedDuration::from_secs(1);
    for c in [&second, &first] {
        s.create_case(c, &[event("opened")], None).await.unwrap();
    }
    let by_number = s
        .account_of(AccountOf::Number("A-1"))
        .await
        .unwrap()
        .unwrap();
    let by_case = s
        .account_of(AccountOf::Case(&second.id))
        .await
        .unwrap()
        .unwrap();
    let by_id = s
        .account_of(AccountOf::Order(&o.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_number, by_case);
    assert_eq!(by_number, by_id);
    let (order, account) = by_number;
    assert_eq!(order, o);
    // Oldest first, every column as written, and the version each write moved on.
    assert_eq!(account.cases, vec![first, second.clone()]);
    assert_eq!(account.version, 2);
    for unknown in [
        AccountOf::Number("A-9"),
        AccountOf::Case("no-such-case"),
        AccountOf::Order("no-such-order"),
    ] {
        assert_eq!(s.account_of(unknown).await.unwrap(), None, "{unknown:?}");
    }
    // With the owners of the evidence a request names, in the same read: those that exist.
    let mut photos = Vec::new();
    for owner in ["ana@example.com", "bo@example.com"] {
        let e = photo_of(owner);
        s.create_evidence(&e).await.unwrap();
        photos.push(e);
    }
    let asked = [
        photos[0].id.clone(),
        "never-uploaded".into(),
        photos[1].id.clone(),
    ];
    let (found, mut owners) = s
        .account_with_evidence(AccountOf::Case(&second.id), &asked)
        .await
        .unwrap();
    owners.sort();
    let mut expected: Vec<(String, String)> = photos
        .iter()
        .map(|e| (e.id.clone(), e.owner.clone()))
        .collect();
    expected.sort();
    assert_eq!(owners, expected);
    assert_eq!(found, Some((o.clone(), account.clone())));
    assert_eq!(
        s.account_with_evidence(AccountOf::Number("A-2"), &asked)
            .await
            .unwrap()
            .0
            .map(|(order, _)| order),
        Some(bare)
    );
    assert_eq!(
        s.account_with_evidence(AccountOf::Number("A-9"), &asked)
            .await
            .unwrap(),
        (None, Vec::new())
    );
    assert_eq!(
        s.account_with_evidence(AccountOf::Number("A-1"), &[])
            .await
            .unwrap(),
        (Some((o, account)), Vec::new())
    );
}

async fn cases_are_read_with_their_orders_in_one_batch<S: Store>(s: S) {
    let (o1, o2) = (with_order(&s, "B-1").await, with_order(&s, "B-2").await);
    let (a, mut b) = (
        case(&o1, CaseKind::Return, None),
        case(&o2, CaseKind::Return, None),
    );
    b.created_at = a.created_at + jiff::SignedDuration::from_secs(1);
    for c in [&b, &a] {
        s.create_case(c, &[event("approved")], None).await.unwrap();
    }
    assert_eq!(s.cases_with_orders(&[]).await.unwrap(), []);
    let read = s
        .cases_with_orders(&[&b.id, "no-such-case", &a.id])
        .await
        .unwrap();
    assert_eq!(read, [(a, o1), (b, o2)]);
}

async fn orders_are_stored_once_and_a_reimport_changes_nothing<S: Store>(s: S) {
    let o = order("LM-1001");
    assert_eq!(s.put_order(&o).await.unwrap(), PutOrder::Inserted);
    let again = OrderRecord {
        id: id(),
        ..o.clone()
    };
    assert_eq!(s.put_order(&again).await.unwrap(), PutOrder::Unchanged);
    let changed = OrderRecord {
        customer_name: "Someone Else".into(),
        ..again
    };
    assert_eq!(s.put_order(&changed).await.unwrap(), PutOrder::Differs);
    let stored = s.order_by_number("LM-1001").await.unwrap().unwrap();
    assert_eq!(stored, o, "the first version is kept");
    assert_eq!(s.order(&o.id).await.unwrap(), Some(o));
}

async fn a_batch_of_orders_is_stored_once_each_with_the_cases_they_open<S: Store>(s: S) {
    let stored = with_order(&s, "LM-1").await;
    let open = |o: &OrderRecord| {
        let mut c = case(o, CaseKind::Order, None);
        c.state = "placed".into();
        Some((c, vec![event("placed"), event("paid")]))
    };
    let write = |o: OrderRecord| {
        let opens = open(&o);
        NewOrderWrite { order: o, opens }
    };
    let fresh = order("LM-2");
    let twice = OrderRecord {
        id: id(),
        customer_name: "Another".into(),
        ..fresh.clone()
    };
    let differs = OrderRecord {
        id: id(),
        customer_name: "Someone Else".into(),
        ..stored.clone()
    };
    let batch = vec![
        write(OrderRecord {
            id: id(),
            ..stored.clone()
        }),
        write(fresh.clone()),
        write(twice),
        write(differs),
        NewOrderWrite {
            order: order("LM-3"),
            opens: None,
        },
    ];
    assert_eq!(
        s.put_orders(&batch).await.unwrap(),
        [
            PutOrder::Unchanged,
            PutOrder::Inserted,
            PutOrder::Differs,
            PutOrder::Differs,
            PutOrder::Inserted
        ]
    );
    assert_eq!(
        s.order_by_number("LM-2").await.unwrap(),
        Some(fresh.clone())
    );
    assert_eq!(
        s.order_by_number("LM-1").await.unwrap(),
        Some(stored),
        "kept as stored"
    );
    let (case, _) = batch[1].opens.clone().unwrap();
    assert_eq!(s.case(&case.id).await.unwrap(), Some(case.clone()));
    let history = s.events(&case.id).await.unwrap();
    assert_eq!(
        history
            .iter()
            .map(|e| (e.seq, e.kind.as_str()))
            .collect::<Vec<_>>(),
        [(1, "placed"), (2, "paid")]
    );
    for unopened in [&batch[0], &batch[2], &batch[3]] {
        let (case, _) = unopened.opens.clone().unwrap();
        assert_eq!(
            s.case(&case.id).await.unwrap(),
            None,
            "no case for an order not stored"
        );
    }
    assert_eq!(s.put_orders(&[]).await.unwrap(), []);
    s.refresh_statistics().await.unwrap();

    // With an endpoint listening, each new case's events are queued for it in the batch.
    let hooks = endpoint(&["order.placed"]);
    s.create_webhook_endpoint(&hooks).await.unwrap();
    let next = write(order("LM-9"));
    assert_eq!(
        s.put_orders(std::slice::from_ref(&next)).await.unwrap(),
        [PutOrder::Inserted]
    );
    let queued = s.webhook_deliveries(&hooks.id, 50).await.unwrap();
    assert_eq!(queued.len(), 1, "{queued:?}");
    assert_eq!(queued[0].event_type, "order.placed");
    assert_eq!(queued[0].case_id, next.opens.unwrap().0.id);
}

async fn a_case_and_its_first_events_are_written_together<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let c = case(&o, CaseKind::Return, Some(date(2026, 3, 25)));
    s.create_case(&c, &[event("requested")], None)
        .await
        .unwrap();
    assert_eq!(s.case(&c.id).await.unwrap(), Some(c.clone()));
    let history = s.events(&c.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].seq, history[0].kind.as_str()), (1, "requested"));
    assert_eq!(history[0].actor["id"], "agent-1");
    assert_eq!(history[0].reason.as_deref(), Some("because"));
}

async fn every_write_appends_its_events_and_moves_the_version_by_one<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let c = case(&o, CaseKind::Return, None);
    s.create_case(&c, &[event("requested")], None)
        .await
        .unwrap();
    let c2 = next(c, "approved");
    s.update_case(&c2, &[event("approved")], None)
        .await
        .unwrap();
    let c3 = next(c2, "in_transit");
    s.update_case(&c3, &[event("shipped"), event("noted")], None)
        .await
        .unwrap();
    let stored = s.case(&c3.id).await.unwrap().unwrap();
    assert_eq!((stored.version, stored.state.as_str()), (3, "in_transit"));
    let seqs: Vec<i64> = s
        .events(&c3.id)
        .await
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(seqs, vec![1, 2, 3, 4]);
}

async fn a_write_on_a_stale_version_is_refused_and_writes_nothing<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let c = case(&o, CaseKind::Return, None);
    s.create_case(&c, &[event("requested")], None)
        .await
        .unwrap();
    s.update_case(&next(c.clone(), "approved"), &[event("approved")], None)
        .await
        .unwrap();
    let stale = next(c.clone(), "rejected");
    let err = s
        .update_case(&stale, &[event("rejected")], None)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { expected: 1 }), "{err}");
    assert_eq!(s.case(&c.id).await.unwrap().unwrap().state, "approved");
    assert_eq!(s.events(&c.id).await.unwrap().len(), 2);
}

async fn of_two_concurrent_commands_on_a_case_one_wins_and_one_is_refused<
    S: Store + Clone + 'static,
>(
    s: S,
) {
    let o = with_order(&s, "LM-1").await;
    let c = case(&o, CaseKind::Return, None);
    s.create_case(&c, &[event("requested")], None)
        .await
        .unwrap();
    for round in 0..5 {
        let current = s.case(&c.id).await.unwrap().unwrap();
        let tasks: Vec<_> = ["approved", "rejected"]
            .into_iter()
            .map(|state| {
                let s = s.clone();
                let proposal = next(current.clone(), state);
                tokio::spawn(async move { s.update_case(&proposal, &[event(state)], None).await })
            })
            .collect();
        let mut wins = 0;
        let mut conflicts = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => wins += 1,
                Err(StoreError::Conflict { .. }) => conflicts += 1,
                Err(e) => panic!("round {round}: {e}"),
            }
        }
        assert_eq!((wins, conflicts), (1, 1), "round {round}");
        let stored = s.case(&c.id).await.unwrap().unwrap();
        assert_eq!(stored.version, current.version + 1);
        assert_eq!(
            s.events(&c.id).await.unwrap().len() as i64,
            stored.version,
            "one entry per change"
        );
    }
}

async fn a_replayed_idempotency_key_has_one_effect_and_keeps_the_first_answer<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let c = case(&o, CaseKind::Refund, None);
    s.create_case(&c, &[event("created")], None).await.unwrap();
    let first = next(c.clone(), "granted");
    s.update_case(
        &first,
        &[event("granted")],
        Some(&key("K-1", json!({"refund": "147.50"}))),
    )
    .await
    .unwrap();
    let replay = next(first.clone(), "granted");
    let err = s
        .update_case(
            &replay,
            &[event("granted")],
            Some(&key("K-1", json!({"refund": "999"}))),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::DuplicateKey(ref k) if k == "K-1"),
        "{err}"
    );
    assert_eq!(
        s.case(&c.id).await.unwrap().unwrap().version,
        2,
        "the replay wrote nothing"
    );
    assert_eq!(s.events(&c.id).await.unwrap().len(), 2);
    let kept = s.idempotency("K-1").await.unwrap().unwrap();
    assert_eq!(kept.response, json!({"refund": "147.50"}));
    assert_eq!(s.idempotency("K-2").await.unwrap(), None);
}

async fn a_write_that_fails_half_way_leaves_no_half_written_case<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let first = case(&o, CaseKind::Refund, None);
    s.create_case(&first, &[event("created")], Some(&key("K-9", json!({}))))
        .await
        .unwrap();
    // The case row and its events are written before the key collides: all of it must go.
    let second = case(&o, CaseKind::Refund, None);
    let err = s
        .create_case(
            &second,
            &[event("created"), event("granted")],
            Some(&key("K-9", json!({}))),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::DuplicateKey(_)), "{err}");
    assert_eq!(s.case(&second.id).await.unwrap(), None);
    assert!(s.events(&second.id).await.unwrap().is_empty());
    assert_eq!(s.cases_of_order(&o.id).await.unwrap().len(), 1);
}

/// Writes arriving together (SQLite's writer commits them as one batch) are each kept or refused
/// on their own: one failing half way, or one whose caller went away, takes nothing of the others.
async fn concurrent_writes_are_each_kept_or_refused_whole<S: Store + Clone + 'static>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let taken = case(&o, CaseKind::Refund, None);
    s.create_case(
        &taken,
        &[event("created")],
        Some(&key("K-TAKEN", json!({}))),
    )
    .await
    .unwrap();
    let tasks: Vec<_> = (0..48)
        .map(|i| {
            let s = s.clone();
            let c = case(&o, CaseKind::Return, None);
            // Every fourth reuses a key: it fails after its case and events were written.
            let k = (i % 4 == 0).then(|| key("K-TAKEN", json!({})));
            tokio::spawn(async move {
                let events = [event("requested"), event("opened")];
                let write = s.create_case(&c, &events, k.as_ref());
                // Every sixth caller goes away at once, wherever its write is.
                let outcome = if i % 6 == 1 {
                    tokio::time::timeout(std::time::Duration::from_micros(1), write)
                        .await
                        .ok()
                } else {
                    Some(write.await)
                };
                (c.id, i, outcome)
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for t in tasks {
        outcomes.push(t.await.unwrap());
    }
    // A caller that went away after its command finished is not waited for: its batch commits
    // later. A write made now is answered after that commit.
    with_order(&s, "LM-2").await;
    let mut kept = 1;
    for (id, i, outcome) in outcomes {
        let stored = s.case(&id).await.unwrap();
        let events = s.events(&id).await.unwrap().len();
        match outcome {
            Some(Ok(())) => {
                assert!(
                    stored.is_some() && events == 2,
                    "write {i} acknowledged but not kept"
                );
            }
            Some(Err(StoreError::DuplicateKey(_))) => {
                assert!(
                    stored.is_none() && events == 0,
                    "write {i} refused but kept in part"
                );
            }
            Some(Err(e)) => panic!("write {i}: {e}"),
            // Gone before its answer: all of it or nothing.
            None => assert!(
                (stored.is_some() && events == 2) || (stored.is_none() && events == 0),
                "write {i} half kept"
            ),
        }
        kept += usize::from(stored.is_some());
    }
    assert_eq!(s.cases_of_order(&o.id).await.unwrap().len(), kept);
    let version = read_account(&s, &o.id).await.version;
    assert_eq!(
        version,
        i64::try_from(kept).unwrap(),
        "one order version per case kept"
    );
}

async fn rma_numbers_are_unique_and_found<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let mut a = case(&o, CaseKind::Return, None);
    a.rma = Some("RMA-7".into());
    s.create_case(&a, &[event("approved")], None).await.unwrap();
    let mut b = case(&o, CaseKind::Return, None);
    b.rma = Some("RMA-7".into());
    assert!(matches!(
        s.create_case(&b, &[event("approved")], None).await,
        Err(StoreError::Duplicate("case or RMA number"))
    ));
    // A case given an RMA number another case holds: refused, and nothing of it kept.
    let c = case(&o, CaseKind::Return, None);
    s.create_case(&c, &[event("opened")], None).await.unwrap();
    let mut approved = c.clone();
    approved.rma = Some("RMA-7".into());
    approved.version = 2;
    assert!(matches!(
        s.update_case(&approved, &[event("approved")], None).await,
        Err(StoreError::Duplicate("RMA number"))
    ));
    assert_eq!(s.case(&c.id).await.unwrap(), Some(c.clone()));
    assert_eq!(s.events(&c.id).await.unwrap().len(), 1);
    assert_eq!(
        s.case_by_rma("RMA-7").await.unwrap().map(|c| c.id),
        Some(a.id)
    );
    assert_eq!(s.case_by_rma("RMA-8").await.unwrap(), None);
}

/// Every page of a queue, following the cursor from the first.
async fn every_page<S: Store>(s: &S, query: QueueQuery) -> Vec<CaseRecord> {
    let mut all = Vec::new();
    let mut after: Option<QueueCursor> = None;
    loop {
        let page = s
            .queue(&QueueQuery {
                after: after.clone(),
                ..query.clone()
            })
            .await
            .unwrap();
        if page.is_empty() {
            return all;
        }
        after = page.last().map(QueueCursor::after);
        all.extend(page);
    }
}

async fn the_queue_lists_open_cases_by_deadline_with_filters_and_pages<S: Store>(s: S) {
    let o1 = with_order(&s, "LM-1").await;
    let mut o2 = order("LM-2");
    o2.customer_email = "bo@example.com".into();
    o2.customer_name = "Bo 100%_Chen".into();
    s.put_order(&o2).await.unwrap();
    let specs = [
        (&o1, CaseKind::Return, Some(date(2026, 3, 27)), true),
        (&o1, CaseKind::Buyback, Some(date(2026, 3, 23)), true),
        (&o2, CaseKind::Return, Some(date(2026, 3, 25)), true),
        (&o2, CaseKind::Return, None, true),
        (&o2, CaseKind::Return, Some(date(2026, 3, 20)), false),
        (&o1, CaseKind::Refund, Some(date(2026, 3, 24)), true),
    ];
    let mut ids = Vec::new();
    for (o, kind, deadline, open) in specs {
        let mut c = case(o, kind, deadline);
        c.is_open = open;
        s.create_case(&c, &[event("created")], None).await.unwrap();
        ids.push(c.id);
    }
    let all = s
        .queue(&QueueQuery {
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    let order_of: Vec<usize> = all
        .iter()
        .map(|c| ids.iter().position(|i| *i == c.id).unwrap())
        .collect();
    assert_eq!(
        order_of,
        vec![1, 5, 2, 0, 3],
        "oldest deadline first, closed left out, no deadline last"
    );
    // A list's rows: the same cases with every column but the data.
    let listed = s
        .queue(&QueueQuery {
            limit: 50,
            without_data: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.len(), all.len());
    for (row, whole) in listed.iter().zip(&all) {
        assert_eq!(*row.data, serde_json::Value::Null);
        assert_ne!(*whole.data, serde_json::Value::Null);
        let mut with_data = row.clone();
        with_data.data = whole.data.clone();
        assert_eq!(&with_data, whole);
    }
    let returns = s
        .queue(&QueueQuery {
            kind: Some(CaseKind::Return),
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(returns.len(), 3);
    let bo = s
        .queue(&QueueQuery {
            customer_email: Some("bo@example.com".into()),
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(bo.len(), 2);
    let lm1 = s
        .queue(&QueueQuery {
            order_number: Some("LM-1".into()),
            state: Some("requested".into()),
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(lm1.len(), 3);
    // Pages of two, following the cursor, give the same rows as one big page.
    let paged = every_page(
        &s,
        QueueQuery {
            limit: 2,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(paged, all);

    // The console's search box: order number, e-mail in any case, part of a name, with the
    // name's LIKE wildcards taken literally.
    let search = |text: &str, include_closed: bool| QueueQuery {
        search: Some(text.into()),
        include_closed,
        limit: 50,
        ..Default::default()
    };
    assert_eq!(s.queue(&search("LM-2", false)).await.unwrap().len(), 2);
    assert_eq!(s.queue(&search("LM-2", true)).await.unwrap().len(), 3);
    assert_eq!(
        s.queue(&search("BO@example.com", false))
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(s.queue(&search("chen", false)).await.unwrap().len(), 2);
    assert_eq!(s.queue(&search("100%_c", false)).await.unwrap().len(), 2);
    assert_eq!(s.queue(&search("100_", false)).await.unwrap().len(), 0);
    assert_eq!(s.queue(&search("lima", false)).await.unwrap().len(), 3);
    assert!(s.queue(&search("nobody", true)).await.unwrap().is_empty());
    let overdue = s
        .queue(&QueueQuery {
            due_before: Some(date(2026, 3, 25)),
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(overdue.len(), 2, "the 23rd and the 24th, not the 25th");

    // A tracking number finds its case whatever its case, as written when the case was opened
    // and after it changed.
    let mut shipped = case(&o2, CaseKind::Return, None);
    shipped.tracking_number = Some("jd014600".into());
    s.create_case(&shipped, &[event("shipped")], None)
        .await
        .unwrap();
    let found = s.queue(&search("JD014600", false)).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].tracking_number.as_deref(), Some("JD014600"));
    assert_eq!(
        s.queue(&search(" jd014600 ", false)).await.unwrap().len(),
        1
    );
    let mut again = next(shipped, "in_transit");
    again.tracking_number = Some("RR123456789CN".into());
    s.update_case(&again, &[event("shipped")], None)
        .await
        .unwrap();
    assert!(
        s.queue(&search("JD014600", false))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        s.queue(&search("rr123456789cn", false)).await.unwrap()[0].id,
        again.id
    );
}

/// A common surname matches more cases than a search sorts by reading them (SQLite then walks
/// the open cases in the page's order): the pages are the same as the queue's for the same
/// cases, with filters and the cursor, and closed cases are still found when asked for.
async fn a_search_matching_hundreds_of_cases_pages_like_the_queue<S: Store>(s: S) {
    let lima = with_order(&s, "LM-1").await;
    let mut chen = order("LM-2");
    chen.customer_name = "Bo Chen".into();
    chen.customer_email = "bo@example.com".into();
    s.put_order(&chen).await.unwrap();
    let (mut of_lima_total, mut of_chen_open) = (0, 0);
    for n in 0..620u32 {
        let o = if n % 10 == 3 { &chen } else { &lima };
        let deadline = (n % 7 != 0).then(|| date(2026, 3, 1 + i8::try_from(n % 28).unwrap()));
        let mut c = case(
            o,
            if n % 4 == 0 {
                CaseKind::Buyback
            } else {
                CaseKind::Return
            },
            deadline,
        );
        c.is_open = n % 50 != 1;
        if o.number == lima.number {
            of_lima_total += 1;
        } else if c.is_open {
            of_chen_open += 1;
        }
        s.create_case(&c, &[event("created")], None).await.unwrap();
    }
    let pages = |query: QueueQuery| every_page(&s, query);
    for kind in [None, Some(CaseKind::Buyback)] {
        let of_lima = pages(QueueQuery {
            order_number: Some("LM-1".into()),
            kind,
            limit: 50,
            ..Default::default()
        })
        .await;
        assert!(of_lima.len() > 100, "{}", of_lima.len());
        if kind.is_none() {
            assert!(
                of_lima.len() > 500,
                "more than SQLite sorts: {}",
                of_lima.len()
            );
        }
        for text in ["lima", "LM-1", "ana@example.com"] {
            let found = pages(QueueQuery {
                search: Some(text.into()),
                kind,
                limit: 50,
                ..Default::default()
            })
            .await;
            assert_eq!(found, of_lima, "{text} {kind:?}");
        }
    }
    let with_closed = pages(QueueQuery {
        search: Some("lima".into()),
        include_closed: true,
        limit: 100,
        ..Default::default()
    })
    .await;
    assert_eq!(with_closed.len(), of_lima_total, "every case of the order");
    assert_eq!(
        pages(QueueQuery {
            search: Some("chen".into()),
            limit: 50,
            ..Default::default()
        })
        .await
        .len(),
        of_chen_open,
        "the few of another name"
    );
}

async fn orders_page_by_placing_time<S: Store>(s: S) {
    for n in 0..5 {
        let mut o = order(&format!("LM-{n}"));
        o.placed_at = at(&format!("2026-03-0{}T02:00:00Z", n + 1));
        s.put_order(&o).await.unwrap();
    }
    let first = s.orders_page(None, 3).await.unwrap();
    assert_eq!(
        first.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(),
        vec!["LM-0", "LM-1", "LM-2"]
    );
    let last = first.last().map(|o| (o.placed_at, o.id.clone()));
    let rest = s.orders_page(last, 3).await.unwrap();
    assert_eq!(
        rest.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(),
        vec!["LM-3", "LM-4"]
    );
}

async fn of_two_writes_judged_on_the_same_order_version_one_is_refused<S: Store>(s: S) {
    let o = with_order(&s, "R-1").await;
    let seen = read_account(&s, &o.id).await.version;
    let a = (case(&o, CaseKind::Refund, None), vec![event("granted")]);
    let b = (case(&o, CaseKind::Refund, None), vec![event("granted")]);
    let write = |c: &(CaseRecord, Vec<NewEvent>)| {
        let create = std::slice::from_ref(c).to_vec();
        let s = &s;
        let order_id = o.id.clone();
        async move {
            s.write_order(OrderWrite {
                order_id: &order_id,
                seen: Some(seen),
                create: &create,
                update: &[],
                idempotency: None,
            })
            .await
        }
    };
    let (x, y) = tokio::join!(write(&a), write(&b));
    let results = [x, y];
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Err(StoreError::OrderChanged { expected }) if *expected == seen))
    );
    let account = read_account(&s, &o.id).await;
    assert_eq!(
        account.cases.len(),
        1,
        "nothing of the refused write was kept"
    );
    assert!(account.version > seen);
    // Judged again on the version it now reads, the next write goes through.
    let c = vec![(case(&o, CaseKind::Refund, None), vec![event("granted")])];
    s.write_order(OrderWrite {
        order_id: &o.id,
        seen: Some(account.version),
        create: &c,
        update: &[],
        idempotency: None,
    })
    .await
    .unwrap();
    // Any write to one of the order's cases moves its version on, guarded or not.
    let before = read_account(&s, &o.id).await.version;
    s.create_case(
        &case(&o, CaseKind::Return, None),
        &[event("requested")],
        None,
    )
    .await
    .unwrap();
    assert!(read_account(&s, &o.id).await.version > before);
}

async fn failed_sign_ins_are_counted_by_account_and_address_and_old_ones_forgotten<S: Store>(s: S) {
    let t = |text: &str| -> Timestamp { text.parse().unwrap() };
    for (account, address, at) in [
        ("li@shop.example", "10.0.0.1", "2026-03-20T10:00:00Z"),
        ("li@shop.example", "10.0.0.2", "2026-03-20T10:05:00Z"),
        ("bo@shop.example", "10.0.0.1", "2026-03-20T10:06:00Z"),
    ] {
        s.record_sign_in_failure(account, address, t(at), t("2026-03-19T10:00:00Z"))
            .await
            .unwrap();
    }
    assert_eq!(
        s.sign_in_failures("li@shop.example", "10.0.0.1", t("2026-03-20T09:50:00Z"))
            .await
            .unwrap(),
        (2, 2)
    );
    assert_eq!(
        s.sign_in_failures("li@shop.example", "10.0.0.1", t("2026-03-20T10:01:00Z"))
            .await
            .unwrap(),
        (1, 1),
        "only failures since the window's start"
    );
    // A day later the old failures are forgotten when a new one is recorded.
    s.record_sign_in_failure(
        "li@shop.example",
        "10.0.0.9",
        t("2026-03-21T11:00:00Z"),
        t("2026-03-20T11:00:00Z"),
    )
    .await
    .unwrap();
    assert_eq!(
        s.sign_in_failures("li@shop.example", "10.0.0.1", t("2026-03-01T00:00:00Z"))
            .await
            .unwrap(),
        (1, 0)
    );
}

async fn overdue_open_cases_are_counted<S: Store>(s: S) {
    let o = with_order(&s, "O-1").await;
    for (deadline, open) in [
        (Some(date(2026, 3, 19)), true),
        (Some(date(2026, 3, 20)), true),
        (Some(date(2026, 3, 1)), false),
        (None, true),
    ] {
        let mut c = case(&o, CaseKind::Return, deadline);
        c.is_open = open;
        s.create_case(&c, &[event("requested")], None)
            .await
            .unwrap();
    }
    assert_eq!(s.count_overdue(date(2026, 3, 20)).await.unwrap(), 1);
    assert_eq!(s.count_overdue(date(2026, 3, 21)).await.unwrap(), 2);
    let counts = s.open_counts(date(2026, 3, 20)).await.unwrap();
    assert_eq!(counts.len(), 1);
    assert_eq!(
        (
            counts[0].kind,
            counts[0].state.as_str(),
            counts[0].open,
            counts[0].overdue,
            counts[0].due_today
        ),
        (CaseKind::Return, "requested", 3, 1, 1),
        "the closed case is not counted; the case without a deadline is never overdue nor due"
    );
}

/// The counts by kind and step, computed the long way from the cases themselves.
async fn counted_the_long_way<S: Store>(
    s: &S,
    ids: &[String],
    today: Date,
) -> Vec<(CaseKind, String, i64, i64, i64)> {
    let mut counts = std::collections::BTreeMap::<(&str, String), (CaseKind, i64, i64, i64)>::new();
    for id in ids {
        let c = s.case(id).await.unwrap().unwrap();
        if !c.is_open {
            continue;
        }
        let entry = counts
            .entry((c.kind.as_str(), c.state.clone()))
            .or_insert((c.kind, 0, 0, 0));
        entry.1 += 1;
        entry.2 += i64::from(c.deadline.is_some_and(|d| d < today));
        entry.3 += i64::from(c.deadline == Some(today));
    }
    counts
        .into_iter()
        .map(|((_, state), (kind, open, overdue, due))| (kind, state, open, overdue, due))
        .collect()
}

async fn counts_read<S: Store>(s: &S, today: Date) -> Vec<(CaseKind, String, i64, i64, i64)> {
    s.open_counts(today)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.kind, c.state, c.open, c.overdue, c.due_today))
        .collect()
}

async fn the_counts_follow_every_change_and_read_the_same_once_folded<
    S: Store + Clone + 'static,
>(
    s: S,
) {
    let today = date(2026, 3, 20);
    let o = with_order(&s, "CNT-1").await;
    let mut ids = Vec::new();
    // Cases of two kinds over four deadlines, opened at once from several tasks.
    let opened: Vec<_> = (0..24)
        .map(|i| {
            let s = s.clone();
            let kind = if i % 3 == 0 {
                CaseKind::Buyback
            } else {
                CaseKind::Return
            };
            let deadline = [
                None,
                Some(date(2026, 3, 19)),
                Some(today),
                Some(date(2026, 3, 24)),
            ][i % 4];
            let c = case(&o, kind, deadline);
            tokio::spawn(async move {
                s.create_case(&c, &[event("requested")], None)
                    .await
                    .unwrap();
                c
            })
        })
        .collect();
    let mut cases = Vec::new();
    for t in opened {
        let c = t.await.unwrap();
        ids.push(c.id.clone());
        cases.push(c);
    }
    assert_eq!(
        counts_read(&s, today).await,
        counted_the_long_way(&s, &ids, today).await
    );
    // Steps move, deadlines move, cases close; a write refused on a stale version counts nothing.
    for (i, c) in cases.iter().enumerate() {
        let mut moved = next(c.clone(), ["approved", "requested", "in_transit"][i % 3]);
        match i % 4 {
            0 => moved.is_open = false,
            1 => moved.deadline = Some(date(2026, 3, 18)),
            2 => moved.deadline = None,
            _ => {}
        }
        s.update_case(&moved, &[event("moved")], None)
            .await
            .unwrap();
        if i % 5 == 0 {
            let mut stale = next(c.clone(), "rejected");
            stale.is_open = false;
            let refused = s.update_case(&stale, &[event("rejected")], None).await;
            assert!(
                matches!(refused, Err(StoreError::Conflict { .. })),
                "{refused:?}"
            );
        }
    }
    let before = counts_read(&s, today).await;
    assert_eq!(before, counted_the_long_way(&s, &ids, today).await);
    assert!(
        before.iter().all(|(_, _, open, _, _)| *open > 0),
        "no step counted at zero"
    );
    // Folding changes no figure, and a second fold finds nothing to do.
    let folded = s.compact_case_counts().await.unwrap();
    assert!(
        folded > 24,
        "every change was a row of its own before: {folded}"
    );
    assert_eq!(counts_read(&s, today).await, before);
    assert_eq!(
        s.compact_case_counts().await.unwrap(),
        0,
        "rows already folded are left alone"
    );
    assert_eq!(counts_read(&s, today).await, before);
    // Closing an open case after folding adds a -1 row beside its step's folded row, which the
    // next fold takes in.
    let still_open = s.case(&ids[3]).await.unwrap().unwrap();
    assert!(still_open.is_open);
    let mut closed = next(still_open, "rejected");
    closed.is_open = false;
    s.update_case(&closed, &[event("rejected")], None)
        .await
        .unwrap();
    assert!(s.compact_case_counts().await.unwrap() > 0);
    assert_eq!(
        counts_read(&s, today).await,
        counted_the_long_way(&s, &ids, today).await
    );
    assert_eq!(
        s.count_overdue(today).await.unwrap(),
        before
            .iter()
            .map(|(_, _, _, overdue, _)| overdue)
            .sum::<i64>()
    );
}

async fn a_customers_orders_are_listed_newest_first<S: Store>(s: S) {
    let mut old = order("C-1");
    old.placed_at = at("2026-01-01T00:00:00Z");
    s.put_order(&old).await.unwrap();
    s.put_order(&order("C-2")).await.unwrap();
    let mut other = order("C-3");
    other.customer_email = "bo@example.com".into();
    s.put_order(&other).await.unwrap();
    let numbers: Vec<String> = s
        .orders_of_customer("ana@example.com", 10)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.number)
        .collect();
    assert_eq!(numbers, ["C-2", "C-1"]);
    assert_eq!(
        s.orders_of_customer("ana@example.com", 1)
            .await
            .unwrap()
            .len(),
        1
    );
    // The language the customer chooses is kept with every order of theirs, and only theirs.
    assert_eq!(
        s.set_customer_language("ana@example.com", "fr")
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        s.set_customer_language("ana@example.com", "fr")
            .await
            .unwrap(),
        0
    );
    let languages: Vec<Option<String>> = s
        .orders_of_customer("ana@example.com", 10)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.language)
        .collect();
    assert_eq!(languages, [Some("fr".to_owned()), Some("fr".to_owned())]);
    let bo = s.order_by_number("C-3").await.unwrap().unwrap();
    assert_eq!(bo.language, None);
}

async fn api_keys_are_found_by_hash_and_revoked_once<S: Store>(s: S) {
    let key = ApiKeyRecord {
        id: id(),
        name: "shop store".into(),
        prefix: "ac_1a2b3c".into(),
        hash: "ab".repeat(32),
        scopes: vec!["orders:write".into()],
        created_by: "admin-1".into(),
        created_at: at("2026-03-01T00:00:00Z"),
        revoked_at: None,
    };
    s.create_api_key(&key).await.unwrap();
    assert_eq!(
        s.api_key_by_hash(&key.hash).await.unwrap(),
        Some(key.clone())
    );
    assert_eq!(s.api_key_by_hash("cd").await.unwrap(), None);
    assert!(matches!(
        s.create_api_key(&ApiKeyRecord {
            id: id(),
            ..key.clone()
        })
        .await,
        Err(StoreError::Duplicate(_))
    ));
    assert!(
        s.revoke_api_key(&key.id, at("2026-03-02T00:00:00Z"))
            .await
            .unwrap()
    );
    assert!(
        !s.revoke_api_key(&key.id, at("2026-03-03T00:00:00Z"))
            .await
            .unwrap(),
        "revoked once"
    );
    let stored = s.api_key_by_hash(&key.hash).await.unwrap().unwrap();
    assert_eq!(stored.revoked_at, Some(at("2026-03-02T00:00:00Z")));
    let listed = s.api_keys().await.unwrap();
    assert!(!listed.is_empty(), "every key is listed, revoked ones too");
    assert!(listed.iter().all(|k| !k.hash.is_empty()));
}

async fn several_cases_are_updated_together_or_not_at_all<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let a = case(&o, CaseKind::Appeal, None);
    let b = case(&o, CaseKind::Buyback, None);
    s.create_case(&a, &[event("filed")], None).await.unwrap();
    s.create_case(&b, &[event("quoted")], None).await.unwrap();
    s.update_cases(&[
        (next(a.clone(), "changed"), vec![event("changed")]),
        (next(b.clone(), "quoted"), vec![event("quote_corrected")]),
    ])
    .await
    .unwrap();
    assert_eq!(s.case(&a.id).await.unwrap().unwrap().version, 2);
    assert_eq!(s.case(&b.id).await.unwrap().unwrap().version, 2);
    // The second change is stale: the first, valid one must not be kept either.
    let a3 = next(next(a.clone(), "changed"), "mediation");
    let stale_b = next(b.clone(), "declined");
    let err = s
        .update_cases(&[
            (a3, vec![event("mediation")]),
            (stale_b, vec![event("declined")]),
        ])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    assert_eq!(s.case(&a.id).await.unwrap().unwrap().state, "changed");
    assert_eq!(s.events(&a.id).await.unwrap().len(), 2);
    assert_eq!(s.case(&b.id).await.unwrap().unwrap().state, "quoted");
}

async fn migrations_can_run_twice<S: Store>(s: S) {
    s.migrate().await.unwrap();
    s.ping().await.unwrap();
    assert!(s.migrated().await.unwrap());
}

fn mail(to: &str) -> NewMail {
    NewMail {
        id: id(),
        recipient: to.into(),
        subject: "Your RMA".into(),
        text_body: "text".into(),
        html_body: "<p>html</p>".into(),
        reply_to: None,
        attachments: Vec::new(),
        drawn: Vec::new(),
    }
}

async fn an_event_mail_is_queued_with_the_event_and_dropped_with_it<S: Store>(s: S) {
    let o = with_order(&s, "A-1").await;
    let c = case(&o, CaseKind::Return, None);
    s.create_case(&c, &[event("requested")], None)
        .await
        .unwrap();
    let mut approved = event("approved");
    // Every column of the e-mail, the file's bytes not text (NUL, 0xff), so that both
    // databases' write paths are held to keep them as given.
    approved.mail = Some(NewMail {
        reply_to: Some("reply+token@in.example.com".into()),
        attachments: vec![MailAttachment {
            name: "invoice.pdf".into(),
            content_type: "application/pdf".into(),
            data: vec![0x25, 0x50, 0x00, 0xff, 0x80],
        }],
        drawn: vec!["rma-slip".into()],
        ..mail("ana@example.com")
    });
    s.update_case(&next(c.clone(), "approved"), &[approved.clone()], None)
        .await
        .unwrap();
    assert_eq!(s.outbox_depth().await.unwrap(), 1);
    // A stale write is refused, and its e-mail is not queued either.
    let err = s
        .update_case(&next(c.clone(), "approved"), &[approved.clone()], None)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }));
    assert_eq!(s.outbox_depth().await.unwrap(), 1);
    let queued = s
        .claim_mail(approved.at, jiff::SignedDuration::from_secs(60), 10)
        .await
        .unwrap();
    let sent = approved.mail.unwrap();
    assert_eq!(queued.len(), 1);
    let q = &queued[0];
    assert_eq!(
        (
            &q.id,
            &q.recipient,
            &q.subject,
            &q.text_body,
            &q.html_body,
            &q.reply_to
        ),
        (
            &sent.id,
            &sent.recipient,
            &sent.subject,
            &sent.text_body,
            &sent.html_body,
            &sent.reply_to
        )
    );
    assert_eq!((&q.attachments, &q.drawn), (&sent.attachments, &sent.drawn));
    assert_eq!(
        (q.case_id.as_deref(), q.created_at),
        (Some(c.id.as_str()), approved.at),
        "queued with its case, at its event's time"
    );
}

async fn a_claimed_mail_is_not_claimed_again_until_its_lease_ends_or_it_fails<S: Store>(s: S) {
    let link = SignInLink {
        token_hash: "h1".into(),
        customer_email: "ana@example.com".into(),
        created_at: at("2026-03-20T03:00:00Z"),
        expires_at: at("2026-03-20T03:15:00Z"),
    };
    s.create_sign_in_link(&link, &mail("ana@example.com"))
        .await
        .unwrap();
    let now = at("2026-03-20T03:00:01Z");
    let lease = jiff::SignedDuration::from_secs(60);
    let claim = |at, limit| s.claim_mail(at, lease, limit);
    let first = claim(now, 10).await.unwrap();
    assert_eq!(first.len(), 1);
    let first = &first[0];
    assert_eq!(
        (first.recipient.as_str(), first.attempts),
        ("ana@example.com", 1)
    );
    assert!(claim(now, 10).await.unwrap().is_empty());
    // The worker died: after the lease another claims it.
    let later = at("2026-03-20T03:01:02Z");
    let again = claim(later, 10).await.unwrap().remove(0);
    assert_eq!((again.id.as_str(), again.attempts), (first.id.as_str(), 2));
    s.mail_failed(&again.id, Some(at("2026-03-20T03:05:00Z")), "421 try later")
        .await
        .unwrap();
    assert!(claim(later, 10).await.unwrap().is_empty());
    let retry = claim(at("2026-03-20T03:05:00Z"), 10)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(retry.attempts, 3);
    s.mail_sent(std::slice::from_ref(&retry.id), at("2026-03-20T03:05:01Z"))
        .await
        .unwrap();
    assert_eq!(s.outbox_depth().await.unwrap(), 0);
    assert!(
        claim(at("2026-03-21T00:00:00Z"), 10)
            .await
            .unwrap()
            .is_empty()
    );

    // A worker claims many in one go, up to its limit; each file goes with its
    // own e-mail; the delivered are recorded together.
    let mut queued = Vec::new();
    for (n, to) in ["bo@example.com", "cy@example.com", "di@example.com"]
        .into_iter()
        .enumerate()
    {
        let mut m = mail(to);
        m.attachments.push(MailAttachment {
            name: format!("{to}.pdf"),
            content_type: "application/pdf".into(),
            data: vec![u8::try_from(n).unwrap(); 3],
        });
        if n == 0 {
            m.drawn = vec!["rma-slip".into(), "other".into()];
        }
        let link = SignInLink {
            token_hash: format!("batch{n}"),
            customer_email: to.into(),
            created_at: at("2026-03-21T00:00:00Z"),
            expires_at: at("2026-03-21T00:15:00Z"),
        };
        s.create_sign_in_link(&link, &m).await.unwrap();
        queued.push(m);
    }
    let soon = at("2026-03-21T00:00:01Z");
    let two = claim(soon, 2).await.unwrap();
    let rest = claim(soon, 10).await.unwrap();
    assert_eq!(
        (two.len(), rest.len()),
        (2, 1),
        "the limit holds and the rest wait"
    );
    let claimed: Vec<MailRecord> = two.into_iter().chain(rest).collect();
    let mut claimed_ids: Vec<&str> = claimed.iter().map(|m| m.id.as_str()).collect();
    claimed_ids.sort_unstable();
    let mut queued_ids: Vec<&str> = queued.iter().map(|m| m.id.as_str()).collect();
    queued_ids.sort_unstable();
    assert_eq!(claimed_ids, queued_ids, "each claimed once");
    for m in &claimed {
        let sent = queued.iter().find(|q| q.id == m.id).unwrap();
        assert_eq!(
            m.attachments, sent.attachments,
            "{}'s own file",
            m.recipient
        );
    }
    assert_eq!(s.outbox_depth().await.unwrap(), 3);
    let ids: Vec<String> = claimed.iter().map(|m| m.id.clone()).collect();
    s.mail_sent(&ids, soon).await.unwrap();
    assert_eq!(s.outbox_depth().await.unwrap(), 0);
}

async fn a_sign_in_link_works_once_and_not_after_it_expires<S: Store>(s: S) {
    let link = |hash: &str| SignInLink {
        token_hash: hash.into(),
        customer_email: "ana@example.com".into(),
        created_at: at("2026-03-20T03:00:00Z"),
        expires_at: at("2026-03-20T03:15:00Z"),
    };
    s.create_sign_in_link(&link("once"), &mail("ana@example.com"))
        .await
        .unwrap();
    s.create_sign_in_link(&link("late"), &mail("ana@example.com"))
        .await
        .unwrap();
    let t = at("2026-03-20T03:10:00Z");
    let (a, b) = tokio::join!(s.use_sign_in_link("once", t), s.use_sign_in_link("once", t));
    let used: Vec<_> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
    assert_eq!(used, ["ana@example.com"]);
    assert_eq!(
        s.use_sign_in_link("late", at("2026-03-20T03:15:00Z"))
            .await
            .unwrap(),
        None
    );
    assert_eq!(s.use_sign_in_link("unknown", t).await.unwrap(), None);
}

async fn accounts_are_unique_by_email_and_sessions_end<S: Store>(s: S) {
    let user = UserRecord {
        id: id(),
        email: "li@shop.example".into(),
        name: "Li Wei".into(),
        password_hash: "$argon2id$...".into(),
        roles: vec!["agent".into(), "finance".into()],
        created_at: at("2026-03-20T03:00:00Z"),
        disabled_at: None,
    };
    s.create_user(&user).await.unwrap();
    let mut twin = user.clone();
    twin.id = id();
    assert!(matches!(
        s.create_user(&twin).await.unwrap_err(),
        StoreError::Duplicate(_)
    ));
    assert_eq!(
        s.user_by_email("li@shop.example").await.unwrap().as_ref(),
        Some(&user)
    );
    assert_eq!(s.user(&user.id).await.unwrap().as_ref(), Some(&user));
    assert_eq!(s.users().await.unwrap(), std::slice::from_ref(&user));
    let session = SessionRecord {
        id_hash: "sess".into(),
        user_id: Some(user.id.clone()),
        customer_email: None,
        csrf_token: "csrf".into(),
        created_at: at("2026-03-20T03:00:00Z"),
        last_seen_at: at("2026-03-20T03:00:00Z"),
    };
    s.create_session(&session).await.unwrap();
    s.touch_session("sess", at("2026-03-20T04:00:00Z"))
        .await
        .unwrap();
    let stored = s.session("sess").await.unwrap().unwrap();
    assert_eq!(stored.last_seen_at, at("2026-03-20T04:00:00Z"));
    assert_eq!(
        s.session_with_user("sess").await.unwrap(),
        Some((stored.clone(), Some(user.clone()))),
        "staff's session comes with its account in one read"
    );
    let customer = SessionRecord {
        id_hash: "cust".into(),
        user_id: None,
        customer_email: Some("ana@example.com".into()),
        ..stored.clone()
    };
    s.create_session(&customer).await.unwrap();
    assert_eq!(
        s.session_with_user("cust").await.unwrap(),
        Some((customer, None))
    );
    assert_eq!(s.session_with_user("none").await.unwrap(), None);
    assert!(s.delete_session("sess").await.unwrap());
    assert!(s.session("sess").await.unwrap().is_none());
    assert!(!s.delete_session("sess").await.unwrap());
}

/// An 800×600 JPEG uploaded by `owner`, with a fresh id.
fn photo_of(owner: &str) -> EvidenceRecord {
    EvidenceRecord {
        id: id(),
        owner: owner.into(),
        media_type: "image/jpeg".into(),
        size_bytes: 1234,
        sha256: "ab".repeat(32),
        width: Some(800),
        height: Some(600),
        created_at: at("2026-03-20T03:00:00Z"),
    }
}

async fn evidence_records_are_kept_with_their_hash<S: Store>(s: S) {
    let e = photo_of("ana@example.com");
    s.create_evidence(&e).await.unwrap();
    assert_eq!(s.evidence(&e.id).await.unwrap(), Some(e));
    assert_eq!(s.evidence("nope").await.unwrap(), None);
}

async fn a_note_joins_the_history_without_moving_the_version<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let c = case(&o, CaseKind::Return, Some(date(2026, 3, 25)));
    s.create_case(&c, &[event("requested")], None)
        .await
        .unwrap();
    assert!(
        s.add_events(&c.id, &[event("internal_note")])
            .await
            .unwrap()
    );
    let stored = s.case(&c.id).await.unwrap().unwrap();
    assert_eq!(
        stored.version, c.version,
        "a note is not a change of the case"
    );
    let kinds: Vec<(i64, String)> = s
        .events(&c.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.seq, e.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![(1, "requested".into()), (2, "internal_note".into())]
    );
    assert!(
        !s.add_events("no-such-case", &[event("internal_note")])
            .await
            .unwrap()
    );
    assert!(s.events("no-such-case").await.unwrap().is_empty());
}

async fn recent_activity_is_read_from_a_moment_on<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let mut old = case(&o, CaseKind::Return, None);
    old.created_at = at("2026-02-01T00:00:00Z");
    old.data = json!({"reason": "other"}).into();
    let mut early = event("requested");
    early.at = at("2026-02-01T00:00:00Z");
    s.create_case(&old, &[early], None).await.unwrap();

    let mut quality = case(&o, CaseKind::Return, None);
    quality.data = json!({"reason": "quality_issue", "description": "Sticks."}).into();
    let mut on_time = event("approved");
    on_time.data = json!({"type": "approved", "step_due": "2026-03-25", "on_time": true});
    let mut late = event("received");
    late.data = json!({"type": "received", "step_due": "2026-03-19", "on_time": false});
    s.create_case(&quality, &[event("requested"), on_time, late], None)
        .await
        .unwrap();
    let mut exchange = case(&o, CaseKind::Return, None);
    exchange.data =
        json!({"reason": "wrong_item", "description": "Exchange wanted: the black one."}).into();
    s.create_case(&exchange, &[event("requested")], None)
        .await
        .unwrap();
    s.create_case(
        &case(&o, CaseKind::Buyback, None),
        &[event("applied")],
        None,
    )
    .await
    .unwrap();
    let mut refund = case(&o, CaseKind::Refund, None);
    refund.amount_minor = Some(12_900);
    refund.data =
        json!({"amount": {"amount": "129.00", "currency": "USD"}, "source": "return"}).into();
    s.create_case(&refund, &[event("granted"), event("sent")], None)
        .await
        .unwrap();

    let activity = s
        .activity_since(at("2026-03-01T00:00:00Z"), 100)
        .await
        .unwrap();
    let requests: Vec<(CaseKind, Option<&str>, bool)> = activity
        .requests
        .iter()
        .map(|r| (r.kind, r.reason.as_deref(), r.exchange))
        .collect();
    assert_eq!(
        requests,
        [
            (CaseKind::Return, Some("quality_issue"), false),
            (CaseKind::Return, Some("wrong_item"), true),
            (CaseKind::Buyback, None, false),
        ]
    );
    let steps: Vec<bool> = activity.steps.iter().map(|(_, ok)| *ok).collect();
    assert_eq!(steps, [true, false]);
    assert_eq!(activity.payouts.len(), 1);
    let payout = &activity.payouts[0];
    assert_eq!(
        (
            payout.amount_minor,
            payout.currency.as_deref(),
            payout.source.as_deref()
        ),
        (Some(12_900), Some("USD"), Some("return"))
    );
    assert!(!activity.truncated);
    let cut = s
        .activity_since(at("2026-03-01T00:00:00Z"), 1)
        .await
        .unwrap();
    assert!(cut.truncated, "a list that reaches the limit says so");
}

async fn the_shop_profile_is_the_newest_one_saved<S: Store>(s: S) {
    assert_eq!(s.shop_profile().await.unwrap(), None);
    let admin = json!({"id": "admin-1", "roles": ["admin"]});
    s.save_shop_profile(
        &json!({"name": "LocksMall"}),
        &admin,
        at("2026-03-20T02:00:00Z"),
    )
    .await
    .unwrap();
    s.save_shop_profile(
        &json!({"name": "LocksMall EU"}),
        &admin,
        at("2026-03-21T02:00:00Z"),
    )
    .await
    .unwrap();
    assert_eq!(
        s.shop_profile().await.unwrap(),
        Some(json!({"name": "LocksMall EU"}))
    );
}

async fn the_shop_logo_is_the_newest_one_saved_until_removed<S: Store>(s: S) {
    assert_eq!(s.shop_logo().await.unwrap(), None);
    let admin = json!({"id": "admin-1", "roles": ["admin"]});
    let png = b"\x89PNG\r\n\x1a\n first".to_vec();
    s.save_shop_logo(Some(&png), &admin, at("2026-03-20T03:00:00Z"))
        .await
        .unwrap();
    let newer = b"\x89PNG\r\n\x1a\n newer".to_vec();
    s.save_shop_logo(Some(&newer), &admin, at("2026-03-20T03:00:00Z"))
        .await
        .unwrap();
    assert_eq!(s.shop_logo().await.unwrap(), Some(Some(newer)));
    s.save_shop_logo(None, &admin, at("2026-03-21T03:00:00Z"))
        .await
        .unwrap();
    assert_eq!(s.shop_logo().await.unwrap(), Some(None), "removed");
}

async fn a_deactivated_account_loses_its_sessions_and_the_change_is_recorded<S: Store>(s: S) {
    let user = UserRecord {
        id: id(),
        email: "li@shop.example".into(),
        name: "Li Wei".into(),
        password_hash: "$argon2id$...".into(),
        roles: vec!["agent".into()],
        created_at: at("2026-03-20T03:00:00Z"),
        disabled_at: None,
    };
    s.create_user(&user).await.unwrap();
    s.create_session(&SessionRecord {
        id_hash: "sess".into(),
        user_id: Some(user.id.clone()),
        customer_email: None,
        csrf_token: "csrf".into(),
        created_at: at("2026-03-20T03:00:00Z"),
        last_seen_at: at("2026-03-20T03:00:00Z"),
    })
    .await
    .unwrap();
    let admin = json!({"id": "admin-1", "roles": ["admin"]});
    let when = at("2026-03-21T03:00:00Z");
    assert!(
        !s.change_user("nobody", &UserChange::Deactivated, &admin, when)
            .await
            .unwrap()
    );
    assert!(
        s.change_user(&user.id, &UserChange::Deactivated, &admin, when)
            .await
            .unwrap()
    );
    assert_eq!(
        s.user(&user.id).await.unwrap().unwrap().disabled_at,
        Some(when)
    );
    assert_eq!(
        s.session("sess").await.unwrap(),
        None,
        "its sessions end at once"
    );
    assert!(
        s.change_user(&user.id, &UserChange::Reactivated, &admin, when)
            .await
            .unwrap()
    );
    assert_eq!(s.user(&user.id).await.unwrap().unwrap().disabled_at, None);
    let history = s.staff_changes(&user.id).await.unwrap();
    assert_eq!(
        history
            .iter()
            .map(|c| c.change.as_str())
            .collect::<Vec<_>>(),
        ["deactivated", "reactivated"]
    );
    assert_eq!(history[0].actor, admin);
    assert_eq!(history[0].at, when);
}

fn endpoint(events: &[&str]) -> WebhookEndpoint {
    WebhookEndpoint {
        id: id(),
        url: "https://erp.example/hooks".into(),
        secret: "whsec_c2VjcmV0".into(),
        events: events.iter().map(|e| (*e).to_owned()).collect(),
        description: "ERP".into(),
        created_by: "admin-1".into(),
        created_at: at("2026-03-19T03:00:00Z"),
        disabled_at: None,
        disabled_reason: None,
    }
}

/// Deliveries are queued with their events, for the endpoints that chose their type, never for
/// internal notes or disabled endpoints; a claim leases one; attempts are recorded; disabling
/// stops what waits.
async fn webhook_deliveries_are_queued_with_their_events_and_claimed_once<S: Store>(s: S) {
    let erp = endpoint(&["return.approved"]);
    let all = endpoint(&["*"]);
    let off = endpoint(&["*"]);
    for e in [&erp, &all, &off] {
        s.create_webhook_endpoint(e).await.unwrap();
    }
    assert!(
        s.set_webhook_endpoint_disabled(
            &off.id,
            Some((at("2026-03-19T04:00:00Z"), "by admin-1")),
            &[]
        )
        .await
        .unwrap()
    );
    let o = with_order(&s, "LM-1").await;
    let c = case(&o, CaseKind::Return, Some(date(2026, 3, 25)));
    s.create_case(&c, &[event("requested")], None)
        .await
        .unwrap();
    s.add_events(&c.id, &[event("internal_note")])
        .await
        .unwrap();
    s.update_case(&next(c.clone(), "approved"), &[event("approved")], None)
        .await
        .unwrap();
    let types = |d: &[aftercare_store::WebhookDelivery]| {
        let mut t: Vec<(String, i64)> = d.iter().map(|d| (d.event_type.clone(), d.seq)).collect();
        t.sort();
        t
    };
    assert_eq!(
        types(&s.webhook_deliveries(&erp.id, 50).await.unwrap()),
        [("return.approved".to_owned(), 3)]
    );
    assert_eq!(
        types(&s.webhook_deliveries(&all.id, 50).await.unwrap()),
        [
            ("return.approved".to_owned(), 3),
            ("return.requested".to_owned(), 1)
        ],
        "never the internal note (seq 2)"
    );
    assert!(s.webhook_deliveries(&off.id, 50).await.unwrap().is_empty());
    assert_eq!(
        s.event(&c.id, 3).await.unwrap().map(|e| e.kind),
        Some("approved".to_owned())
    );

    let now = at("2026-03-20T03:00:00Z");
    let lease = jiff::SignedDuration::from_mins(1);
    let mut claimed = Vec::new();
    while let Some(d) = s.claim_webhook(now, lease).await.unwrap() {
        assert_eq!(d.attempts, 1);
        claimed.push(d);
    }
    assert_eq!(claimed.len(), 3, "each once while its lease runs");
    let later = at("2026-03-20T03:02:00Z");
    let first = s.claim_webhook(later, lease).await.unwrap().unwrap();
    assert_eq!(first.attempts, 2, "a lease that ran out is claimed again");
    s.webhook_attempted(
        &first.id,
        &WebhookAttempt {
            at: later,
            status: Some(200),
            error: None,
            delivered: true,
            retry_at: None,
        },
    )
    .await
    .unwrap();
    let done = s
        .webhook_deliveries(&first.endpoint_id, 50)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.id == first.id)
        .unwrap();
    assert_eq!(
        (done.delivered_at, done.next_attempt_at, done.last_status),
        (Some(later), None, Some(200))
    );
    assert!(s.resend_webhook(&first.id, later).await.unwrap());
    assert!(!s.resend_webhook("msg_none", later).await.unwrap());
    s.set_webhook_endpoint_disabled(&all.id, Some((later, "failing")), &[])
        .await
        .unwrap();
    let far = at("2026-03-21T03:00:00Z");
    while let Some(d) = s.claim_webhook(far, lease).await.unwrap() {
        assert_ne!(
            d.endpoint_id, all.id,
            "nothing waits for a disabled endpoint"
        );
        s.webhook_attempted(
            &d.id,
            &WebhookAttempt {
                at: far,
                status: Some(200),
                error: None,
                delivered: true,
                retry_at: None,
            },
        )
        .await
        .unwrap();
    }
}

/// A tracking event is kept once per sender and id; a number finds its open case before a
/// closed one, then the newest; a case's events come back oldest first with their outcome.
async fn tracking_events_are_kept_once_and_find_the_open_case<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let mut closed = case(&o, CaseKind::Return, None);
    closed.is_open = false;
    closed.tracking_number = Some("RR1".into());
    let mut open = case(&o, CaseKind::Return, Some(date(2026, 3, 25)));
    open.tracking_number = Some("RR1".into());
    open.created_at = at("2026-03-19T02:00:00Z");
    s.create_case(&closed, &[event("requested")], None)
        .await
        .unwrap();
    s.create_case(&open, &[event("requested")], None)
        .await
        .unwrap();
    assert_eq!(
        s.case_by_tracking_number(" rr1 ")
            .await
            .unwrap()
            .map(|c| c.id),
        Some(open.id.clone()),
        "the open case, though the closed one is newer"
    );
    assert_eq!(s.case_by_tracking_number("RR2").await.unwrap(), None);
    let kept = |event_id: &str, when: &str| TrackingEventRecord {
        source: "key-1".into(),
        event_id: event_id.into(),
        tracking_number: "RR1".into(),
        status: "in_transit".into(),
        at: at(when),
        description: String::new(),
        case_id: Some(open.id.clone()),
        outcome: "received".into(),
        received_at: at("2026-03-20T05:00:00Z"),
    };
    assert!(
        s.record_tracking_event(&kept("e-2", "2026-03-20T04:00:00Z"))
            .await
            .unwrap()
    );
    assert!(
        !s.record_tracking_event(&kept("e-2", "2026-03-20T04:00:00Z"))
            .await
            .unwrap(),
        "the same sender's event again"
    );
    let other_sender = TrackingEventRecord {
        source: "key-2".into(),
        ..kept("e-2", "2026-03-20T04:00:00Z")
    };
    assert!(s.record_tracking_event(&other_sender).await.unwrap());
    assert!(
        s.record_tracking_event(&kept("e-1", "2026-03-20T03:00:00Z"))
            .await
            .unwrap()
    );
    s.set_tracking_outcome("key-1", "e-1", "recorded")
        .await
        .unwrap();
    let events: Vec<(String, String, String)> = s
        .tracking_events_of(&open.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.source, e.event_id, e.outcome))
        .collect();
    assert_eq!(
        events,
        [
            ("key-1".to_owned(), "e-1".to_owned(), "recorded".to_owned()),
            ("key-1".to_owned(), "e-2".to_owned(), "received".to_owned()),
            ("key-2".to_owned(), "e-2".to_owned(), "received".to_owned()),
        ]
    );
    // The newest of each case, by the carrier's time and then by arrival; none for a case
    // without events.
    let newest: Vec<(String, String)> = s
        .newest_tracking_events(&[open.id.clone(), closed.id.clone()])
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.source, e.event_id))
        .collect();
    assert_eq!(
        newest,
        [("key-2".to_owned(), "e-2".to_owned())],
        "of two at the same time, one"
    );
    let later_arrival = TrackingEventRecord {
        source: "key-3".into(),
        received_at: at("2026-03-20T06:00:00Z"),
        ..kept("e-9", "2026-03-20T04:00:00Z")
    };
    s.record_tracking_event(&later_arrival).await.unwrap();
    let newest = s.newest_tracking_events(&[open.id.clone()]).await.unwrap();
    assert_eq!(
        newest.iter().map(|e| e.source.as_str()).collect::<Vec<_>>(),
        ["key-3"]
    );
    assert!(s.newest_tracking_events(&[]).await.unwrap().is_empty());
}

async fn connections_count_their_successes_and_errors_and_webhooks_apply_once<S: Store>(s: S) {
    let t1 = at("2026-03-20T03:00:00Z");
    let t2 = at("2026-03-20T04:00:00Z");
    s.record_connection("stripe", t1, None).await.unwrap();
    s.record_connection("stripe", t2, Some("Stripe answered 500"))
        .await
        .unwrap();
    s.record_connection("stripe", t2, None).await.unwrap();
    s.record_connection("shopify", t1, Some("orders/paid: address.street"))
        .await
        .unwrap();
    let all = s.connections().await.unwrap();
    assert_eq!(
        all.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["shopify", "stripe"]
    );
    let stripe = &all[1];
    assert_eq!((stripe.successes, stripe.failures), (2, 1));
    assert_eq!(stripe.last_success_at, Some(t2));
    assert_eq!(
        (stripe.last_error_at, stripe.last_error.as_deref()),
        (Some(t2), Some("Stripe answered 500"))
    );
    assert_eq!(
        (all[0].successes, all[0].failures, all[0].last_success_at),
        (0, 1, None)
    );

    assert!(
        s.receive_webhook_once("shopify", "w-1", "orders/paid", t1)
            .await
            .unwrap()
    );
    assert!(
        !s.receive_webhook_once("shopify", "w-1", "orders/paid", t2)
            .await
            .unwrap()
    );
    assert!(
        s.receive_webhook_once("other", "w-1", "orders/paid", t2)
            .await
            .unwrap()
    );
    s.forget_webhook("shopify", "w-1").await.unwrap();
    assert!(
        s.receive_webhook_once("shopify", "w-1", "orders/paid", t2)
            .await
            .unwrap(),
        "a forgotten webhook is applied when sent again"
    );

    // The store's own id of an order finds it; its payment is set once.
    let o = with_order(&s, "LM-7").await;
    s.link_store_order("shopify", "5001", "LM-7").await.unwrap();
    s.link_store_order("shopify", "5001", "LM-8").await.unwrap();
    assert_eq!(
        s.store_order_number("shopify", "5001")
            .await
            .unwrap()
            .as_deref(),
        Some("LM-7"),
        "the first link stays"
    );
    assert_eq!(s.store_order_number("other", "5001").await.unwrap(), None);
    assert!(s.set_order_payment_id(&o.id, "pi_1").await.unwrap());
    assert!(
        s.set_order_payment_id(&o.id, "pi_1").await.unwrap(),
        "the same again"
    );
    assert!(
        !s.set_order_payment_id(&o.id, "pi_2").await.unwrap(),
        "another one"
    );
    assert!(
        !s.set_order_payment_id("no-such-order", "pi_1")
            .await
            .unwrap()
    );
    let stored = s.order(&o.id).await.unwrap().unwrap();
    assert_eq!(stored.data["payment_id"], "pi_1");
    let mut rest = stored.data.clone();
    rest.as_object_mut().unwrap().remove("payment_id");
    assert_eq!(rest, o.data, "nothing else of the order changed");
}

fn staff_user(email: &str) -> UserRecord {
    UserRecord {
        id: id(),
        email: email.into(),
        name: "Li Wei".into(),
        password_hash: "old-hash".into(),
        roles: vec!["agent".into()],
        created_at: at("2026-03-20T03:00:00Z"),
        disabled_at: None,
    }
}

fn staff_session(id_hash: &str, user: &UserRecord) -> SessionRecord {
    SessionRecord {
        id_hash: id_hash.into(),
        user_id: Some(user.id.clone()),
        customer_email: None,
        csrf_token: "csrf".into(),
        created_at: at("2026-03-20T03:00:00Z"),
        last_seen_at: at("2026-03-20T03:00:00Z"),
    }
}

async fn an_edit_keeps_emails_unique_and_a_new_password_ends_the_other_sessions<S: Store>(s: S) {
    let li = staff_user("li@shop.example");
    let bo = staff_user("bo@shop.example");
    s.create_user(&li).await.unwrap();
    s.create_user(&bo).await.unwrap();
    let admin = json!({"id": "admin-1", "roles": ["admin"]});
    let when = at("2026-03-21T03:00:00Z");
    let edit = |email: &str| UserChange::Edited {
        email: email.into(),
        name: "Li Wei-Chen".into(),
        roles: vec!["agent".into(), "finance".into()],
    };
    assert!(matches!(
        s.change_user(&li.id, &edit("bo@shop.example"), &admin, when)
            .await,
        Err(StoreError::Duplicate(_))
    ));
    assert_eq!(
        s.user(&li.id).await.unwrap().unwrap(),
        li,
        "nothing changed"
    );
    assert!(
        s.change_user(&li.id, &edit("li.chen@shop.example"), &admin, when)
            .await
            .unwrap()
    );
    let edited = s.user(&li.id).await.unwrap().unwrap();
    assert_eq!(
        (
            edited.email.as_str(),
            edited.name.as_str(),
            edited.roles.clone()
        ),
        (
            "li.chen@shop.example",
            "Li Wei-Chen",
            vec!["agent".to_owned(), "finance".to_owned()]
        )
    );
    s.create_session(&staff_session("here", &li)).await.unwrap();
    s.create_session(&staff_session("elsewhere", &li))
        .await
        .unwrap();
    s.create_session(&staff_session("bo's", &bo)).await.unwrap();
    let myself = json!({"id": li.id, "roles": ["agent"]});
    let change = UserChange::Password {
        hash: "new-hash".into(),
        keep_session: Some("here".into()),
    };
    assert!(s.change_user(&li.id, &change, &myself, when).await.unwrap());
    assert_eq!(
        s.user(&li.id).await.unwrap().unwrap().password_hash,
        "new-hash"
    );
    assert!(
        s.session("here").await.unwrap().is_some(),
        "this session stays"
    );
    assert_eq!(s.session("elsewhere").await.unwrap(), None);
    assert!(s.session("bo's").await.unwrap().is_some(), "others' stay");
    assert_eq!(
        s.staff_changes(&li.id)
            .await
            .unwrap()
            .iter()
            .map(|c| c.change.as_str())
            .collect::<Vec<_>>(),
        [
            "edited: name Li Wei-Chen, e-mail li.chen@shop.example, roles agent, finance",
            "password changed"
        ]
    );
}

async fn a_password_link_works_once_only_while_newest_unexpired_and_the_account_active<S: Store>(
    s: S,
) {
    let li = staff_user("li@shop.example");
    s.create_user(&li).await.unwrap();
    s.create_session(&staff_session("old", &li)).await.unwrap();
    let admin = json!({"id": "admin-1", "roles": ["admin"]});
    let myself = json!({"id": li.id, "roles": ["agent"]});
    let sent = at("2026-03-21T03:00:00Z");
    let link = |hash: &str| PasswordLink {
        token_hash: hash.into(),
        user_id: li.id.clone(),
        created_at: sent,
        expires_at: at("2026-03-22T03:00:00Z"),
    };
    let mail = NewMail {
        id: id(),
        recipient: li.email.clone(),
        subject: "Set your password".into(),
        text_body: "link".into(),
        html_body: "<p>link</p>".into(),
        reply_to: None,
        attachments: Vec::new(),
        drawn: Vec::new(),
    };
    s.create_password_link(&link("first"), &mail, &admin)
        .await
        .unwrap();
    let second = NewMail {
        id: id(),
        ..mail.clone()
    };
    s.create_password_link(&link("second"), &second, &admin)
        .await
        .unwrap();
    assert_eq!(s.outbox_depth().await.unwrap(), 2, "each link is e-mailed");
    let later = at("2026-03-21T04:00:00Z");
    assert_eq!(
        s.password_link_user("first", later).await.unwrap(),
        None,
        "replaced"
    );
    assert_eq!(
        s.password_link_user("second", later).await.unwrap(),
        Some(li.id.clone())
    );
    assert_eq!(
        s.password_link_user("second", at("2026-03-22T03:00:00Z"))
            .await
            .unwrap(),
        None,
        "expired"
    );
    assert_eq!(
        s.use_password_link("first", "h1", &myself, later)
            .await
            .unwrap(),
        None
    );
    s.change_user(&li.id, &UserChange::Deactivated, &admin, later)
        .await
        .unwrap();
    assert_eq!(s.password_link_user("second", later).await.unwrap(), None);
    assert_eq!(
        s.use_password_link("second", "h2", &myself, later)
            .await
            .unwrap(),
        None,
        "not for a deactivated account"
    );
    let later = at("2026-03-21T05:00:00Z");
    s.change_user(&li.id, &UserChange::Reactivated, &admin, later)
        .await
        .unwrap();
    s.create_session(&staff_session("old", &li)).await.unwrap();
    let later = at("2026-03-21T06:00:00Z");
    assert_eq!(
        s.use_password_link("second", "h2", &myself, later)
            .await
            .unwrap(),
        Some(li.id.clone()),
        "the refused use left the link unused"
    );
    assert_eq!(s.user(&li.id).await.unwrap().unwrap().password_hash, "h2");
    assert_eq!(s.session("old").await.unwrap(), None, "every session ends");
    assert_eq!(
        s.use_password_link("second", "h3", &myself, later)
            .await
            .unwrap(),
        None,
        "once"
    );
    assert_eq!(s.user(&li.id).await.unwrap().unwrap().password_hash, "h2");
    let history: Vec<String> = s
        .staff_changes(&li.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.change)
        .collect();
    assert_eq!(
        history,
        [
            "set-password link sent",
            "set-password link sent",
            "deactivated",
            "reactivated",
            "password set by link"
        ]
    );
}

fn thread_of(o: &OrderRecord, case_id: Option<&str>) -> ThreadRecord {
    ThreadRecord {
        id: case_id.map_or_else(|| o.id.clone(), str::to_owned),
        order_id: o.id.clone(),
        case_id: case_id.map(str::to_owned),
        order_number: o.number.clone(),
        customer_email: o.customer_email.clone(),
        messages: 0,
        last_message_at: o.created_at,
        awaiting_since: None,
        reply_due: None,
        version: 0,
    }
}

/// The thread after one more message, as the app moves it on.
fn said(
    t: &ThreadRecord,
    side: &str,
    internal: bool,
    when: &str,
    due: Option<Option<Date>>,
    files: &[&str],
) -> (ThreadRecord, MessageRecord) {
    let mut next = t.clone();
    next.messages += 1;
    next.version += 1;
    next.last_message_at = at(when);
    match due {
        Some(d) => {
            next.awaiting_since = next.awaiting_since.or(Some(at(when)));
            next.reply_due = d;
        }
        None => {
            next.awaiting_since = None;
            next.reply_due = None;
        }
    }
    let message = MessageRecord {
        id: id(),
        thread_id: t.id.clone(),
        seq: next.messages,
        side: side.into(),
        internal,
        author: json!({"id": side, "roles": [if side == "shop" { "agent" } else { "customer" }]}),
        author_name: if side == "shop" { "Li Wei" } else { "Ana Lima" }.into(),
        body: format!("{side} at {when}"),
        attachments: files.iter().map(|f| (*f).to_owned()).collect(),
        via: "portal".into(),
        at: at(when),
    };
    (next, message)
}

async fn a_conversation_keeps_its_messages_in_order_and_who_owes_a_reply<S: Store>(s: S) {
    let o = with_order(&s, "LM-1").await;
    let c = case(&o, CaseKind::Return, Some(date(2026, 3, 25)));
    s.create_case(&c, &[event("requested")], None)
        .await
        .unwrap();
    let photo = EvidenceRecord {
        id: id(),
        owner: "ana@example.com".into(),
        media_type: "image/jpeg".into(),
        size_bytes: 10,
        sha256: "ab".repeat(32),
        width: None,
        height: None,
        created_at: at("2026-03-20T03:00:00Z"),
    };
    s.create_evidence(&photo).await.unwrap();
    assert!(s.thread(&o.id).await.unwrap().is_none());

    // The customer asks on the order, with a photo; the shop is told by e-mail.
    let t0 = thread_of(&o, None);
    let due = Some(date(2026, 3, 23));
    let (t1, m1) = said(
        &t0,
        "customer",
        false,
        "2026-03-20T04:00:00Z",
        Some(due),
        &[&photo.id],
    );
    let depth = s.outbox_depth().await.unwrap();
    let told = NewMail {
        reply_to: Some("reply+token@in.example.com".into()),
        attachments: vec![
            aftercare_store::MailAttachment {
                name: "invoice.pdf".into(),
                content_type: "application/pdf".into(),
                data: vec![0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80],
            },
            aftercare_store::MailAttachment {
                name: "photo.jpg".into(),
                content_type: "image/jpeg".into(),
                data: vec![0xff, 0xd8],
            },
        ],
        ..mail("shop@example.com")
    };
    s.post_message(MessageWrite {
        thread: &t1,
        message: &m1,
        mails: std::slice::from_ref(&told),
    })
    .await
    .unwrap();
    assert_eq!(s.outbox_depth().await.unwrap(), depth + 1);
    let queued = s
        .claim_mail(
            at("2026-03-20T04:00:00Z"),
            jiff::SignedDuration::from_secs(60),
            1,
        )
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        (
            queued.id,
            queued.reply_to,
            queued.case_id,
            queued.attachments
        ),
        (told.id, told.reply_to, None, told.attachments),
        "the e-mail keeps its reply address and its files, bytes and order"
    );
    assert_eq!(s.thread(&o.id).await.unwrap(), Some(t1.clone()));
    assert_eq!(
        s.message_of_evidence(&photo.id).await.unwrap(),
        Some(m1.id.clone())
    );
    assert!(
        s.evidence_shared_with(&photo.id, "ana@example.com")
            .await
            .unwrap()
    );
    assert!(
        !s.evidence_shared_with(&photo.id, "eve@example.com")
            .await
            .unwrap()
    );
    // The sweep of unattached uploads no longer sees it.
    assert!(
        s.unattached_evidence_before(at("2030-01-01T00:00:00Z"), 10)
            .await
            .unwrap()
            .iter()
            .all(|e| e.id != photo.id)
    );

    // Two writers judged on the same thread: one wins, the other writes nothing.
    let (t2, m2) = said(&t1, "shop", true, "2026-03-20T05:00:00Z", Some(due), &[]);
    let (lost, m_lost) = said(
        &t1,
        "customer",
        false,
        "2026-03-20T05:00:01Z",
        Some(due),
        &[],
    );
    s.post_message(MessageWrite {
        thread: &t2,
        message: &m2,
        mails: &[],
    })
    .await
    .unwrap();
    let depth = s.outbox_depth().await.unwrap();
    assert!(matches!(
        s.post_message(MessageWrite {
            thread: &lost,
            message: &m_lost,
            mails: &[mail("shop@example.com")]
        })
        .await,
        Err(StoreError::Conflict { expected: 1 })
    ));
    assert_eq!(s.outbox_depth().await.unwrap(), depth);
    // A file goes with one message only.
    let (t3, m3) = said(
        &t2,
        "customer",
        false,
        "2026-03-20T06:00:00Z",
        Some(due),
        &[&photo.id],
    );
    assert!(matches!(
        s.post_message(MessageWrite {
            thread: &t3,
            message: &m3,
            mails: &[]
        })
        .await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(s.thread(&o.id).await.unwrap(), Some(t2.clone()));

    // A second thread on the case, created by the shop, awaits nothing.
    let c0 = thread_of(&o, Some(&c.id));
    let (c1, cm1) = said(&c0, "shop", false, "2026-03-21T01:00:00Z", None, &[]);
    s.post_message(MessageWrite {
        thread: &c1,
        message: &cm1,
        mails: &[],
    })
    .await
    .unwrap();
    // Creating a thread that exists already is a conflict too.
    let (again, am) = said(
        &c0,
        "customer",
        false,
        "2026-03-21T01:00:01Z",
        Some(due),
        &[],
    );
    assert!(matches!(
        s.post_message(MessageWrite {
            thread: &again,
            message: &am,
            mails: &[]
        })
        .await,
        Err(StoreError::Conflict { expected: 0 })
    ));

    let shared: Vec<String> = s
        .messages(&o.id, false)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(shared, std::slice::from_ref(&m1.id));
    let all = s.messages(&o.id, true).await.unwrap();
    assert_eq!(all, [m1.clone(), m2.clone()]);
    let threads: Vec<String> = s
        .threads_of_order(&o.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(threads, [c.id.clone(), o.id.clone()]);

    // The queue of replies owed: the order's thread only, overdue from the day after its due date.
    let waiting = s.awaiting_reply(None, 50).await.unwrap();
    assert_eq!(waiting, std::slice::from_ref(&t2));
    assert_eq!(
        s.count_awaiting_reply(date(2026, 3, 23)).await.unwrap(),
        (1, 0)
    );
    assert_eq!(
        s.count_awaiting_reply(date(2026, 3, 24)).await.unwrap(),
        (1, 1)
    );
    assert!(
        s.awaiting_reply(Some((t2.reply_due, &t2.id)), 50)
            .await
            .unwrap()
            .is_empty()
    );

    // Another order's question with no date the calendar could count sorts last; a reply ends
    // the wait.
    let o2 = with_order(&s, "LM-2").await;
    let (u1, um1) = said(
        &thread_of(&o2, None),
        "customer",
        false,
        "2026-03-22T01:00:00Z",
        Some(None),
        &[],
    );
    s.post_message(MessageWrite {
        thread: &u1,
        message: &um1,
        mails: &[],
    })
    .await
    .unwrap();
    let ids: Vec<String> = s
        .awaiting_reply(None, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, [o.id.clone(), o2.id.clone()]);
    assert_eq!(
        s.awaiting_reply(Some((t2.reply_due, &t2.id)), 50)
            .await
            .unwrap(),
        std::slice::from_ref(&u1)
    );
    let (t4, m4) = said(&t2, "shop", false, "2026-03-23T01:00:00Z", None, &[]);
    s.post_message(MessageWrite {
        thread: &t4,
        message: &m4,
        mails: &[],
    })
    .await
    .unwrap();
    assert_eq!(s.awaiting_reply(None, 50).await.unwrap(), [u1]);
    assert_eq!(
        s.count_awaiting_reply(date(2026, 3, 24)).await.unwrap(),
        (1, 0)
    );
}

aftercare_store::on_both_databases!(|store| store;
    an_account_is_read_by_order_number_or_case_in_one_snapshot,
    cases_are_read_with_their_orders_in_one_batch,
    orders_are_stored_once_and_a_reimport_changes_nothing,
    a_batch_of_orders_is_stored_once_each_with_the_cases_they_open,
    a_case_and_its_first_events_are_written_together,
    every_write_appends_its_events_and_moves_the_version_by_one,
    a_write_on_a_stale_version_is_refused_and_writes_nothing,
    of_two_concurrent_commands_on_a_case_one_wins_and_one_is_refused,
    a_replayed_idempotency_key_has_one_effect_and_keeps_the_first_answer,
    a_write_that_fails_half_way_leaves_no_half_written_case,
    concurrent_writes_are_each_kept_or_refused_whole,
    rma_numbers_are_unique_and_found,
    the_queue_lists_open_cases_by_deadline_with_filters_and_pages,
    a_search_matching_hundreds_of_cases_pages_like_the_queue,
    orders_page_by_placing_time,
    migrations_can_run_twice,
    several_cases_are_updated_together_or_not_at_all,
    api_keys_are_found_by_hash_and_revoked_once,
    an_event_mail_is_queued_with_the_event_and_dropped_with_it,
    a_claimed_mail_is_not_claimed_again_until_its_lease_ends_or_it_fails,
    a_sign_in_link_works_once_and_not_after_it_expires,
    accounts_are_unique_by_email_and_sessions_end,
    evidence_records_are_kept_with_their_hash,
    a_note_joins_the_history_without_moving_the_version,
    recent_activity_is_read_from_a_moment_on,
    a_customers_orders_are_listed_newest_first,
    overdue_open_cases_are_counted,
    the_counts_follow_every_change_and_read_the_same_once_folded,
    of_two_writes_judged_on_the_same_order_version_one_is_refused,
    failed_sign_ins_are_counted_by_account_and_address_and_old_ones_forgotten,
    the_shop_profile_is_the_newest_one_saved,
    a_deactivated_account_loses_its_sessions_and_the_change_is_recorded,
    the_shop_logo_is_the_newest_one_saved_until_removed,
    webhook_deliveries_are_queued_with_their_events_and_claimed_once,
    tracking_events_are_kept_once_and_find_the_open_case,
    an_edit_keeps_emails_unique_and_a_new_password_ends_the_other_sessions,
    a_password_link_works_once_only_while_newest_unexpired_and_the_account_active,
    connections_count_their_successes_and_errors_and_webhooks_apply_once,
    a_conversation_keeps_its_messages_in_order_and_who_owes_a_reply,
);

/// PostgreSQL compresses the large JSON and e-mail texts with lz4 where its build has lz4
/// (migration 0021), and a value written after the migration is stored with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_compresses_the_large_texts_with_lz4_where_it_can() {
    let Some(fresh) = aftercare_store::testing::postgres("t").await.unwrap() else {
        return;
    };
    let pool = fresh.store.pool();
    let lz4: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_settings \
         WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals))",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.relname::text, a.attname::text, a.attcompression::text \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
         WHERE c.relnamespace = current_schema()::regnamespace \
           AND (c.relname, a.attname) IN (('orders', 'data'), ('cases', 'data'), ('events', 'data'), \
                ('idempotency_keys', 'response'), ('outbox', 'text_body'), ('outbox', 'html_body'), \
                ('messages', 'body')) \
         ORDER BY 1, 2",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(columns.len(), 7, "{columns:?}");
    let expected = if lz4 { "l" } else { "" };
    for (table, column, compression) in &columns {
        assert_eq!(
            compression.trim_matches('\0'),
            expected,
            "{table}.{column}: {columns:?}"
        );
    }
    if lz4 {
        // A value large enough to be compressed is compressed with lz4.
        let data = serde_json::json!({"note": "lz4 ".repeat(2_000)});
        let o = OrderRecord {
            data,
            ..order("LZ4-1")
        };
        assert_eq!(fresh.store.put_order(&o).await.unwrap(), PutOrder::Inserted);
        let method: Option<String> = sqlx::query_scalar(
            "SELECT pg_column_compression(data) FROM orders WHERE number = 'LZ4-1'",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(method.as_deref(), Some("lz4"));
    }
}

/// A pooled connection used moments ago is handed out as it is; one idle longer is pinged first
/// and replaced when the database dropped it meanwhile (a restart or an idle cut in a quiet
/// hour), so the next request does not fail on it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_replaces_a_pooled_connection_it_lost_while_idle() {
    let Some(fresh) = aftercare_store::testing::postgres("t").await.unwrap() else {
        return;
    };
    let pool = fresh.store.pool();
    // Three connections, each held at once so that each is a different one.
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(pool.acquire().await.unwrap());
    }
    let mut lost = Vec::new();
    for conn in &mut held {
        let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        lost.push(pid);
    }
    let count = held.len();
    drop(held);
    // Back in the pool before they are ended (used directly, each is pinged on its way back): a
    // connection ended before that would be thrown away then, and the test would pass without
    // the check it is about.
    while pool.num_idle() < count {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let url = std::env::var("TEST_DATABASE_URL").unwrap();
    let admin = aftercare_store::PgStore::connect(&url).await.unwrap();
    let ended: Vec<bool> =
        sqlx::query_scalar("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid")
            .bind(&lost)
            .fetch_all(admin.pool())
            .await
            .unwrap();
    assert!(ended.iter().all(|e| *e), "{lost:?}: {ended:?}");
    // Past the time a connection is trusted without a ping.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    fresh.store.ping().await.unwrap();
    let now: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(!lost.contains(&now), "{now} was terminated");
}

/// A connection whose backend ended while it was in use is closed after its first failure, not
/// handed out again: the request after it gets a new one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_closes_a_pooled_connection_whose_backend_ended() {
    let Some(fresh) = aftercare_store::testing::postgres("t").await.unwrap() else {
        return;
    };
    let pool = fresh.store.pool();
    let first: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(pool)
        .await
        .unwrap();
    let url = std::env::var("TEST_DATABASE_URL").unwrap();
    let admin = aftercare_store::PgStore::connect(&url).await.unwrap();
    let ended: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1)")
        .bind(first)
        .fetch_one(admin.pool())
        .await
        .unwrap();
    assert!(ended);
    // Within the time a connection is trusted without a ping: the dead one is handed out.
    let failed = sqlx::query_scalar::<_, i32>("SELECT pg_backend_pid()")
        .fetch_one(pool)
        .await;
    assert!(failed.is_err(), "{failed:?}");
    let now: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_ne!(now, first);
    fresh.store.ping().await.unwrap();
}

/// A transaction dropped without its commit is rolled back before its connection serves anyone
/// else, and a statement abandoned half-way (a request cancelled) leaves nothing pending on it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_pool_rolls_back_a_dropped_transaction_and_drains_an_abandoned_statement() {
    let Some(fresh) = aftercare_store::testing::postgres("t").await.unwrap() else {
        return;
    };
    let pool = fresh.store.pool();
    sqlx::query("CREATE TABLE pool_probe (n INT PRIMARY KEY)")
        .execute(pool)
        .await
        .unwrap();
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("INSERT INTO pool_probe (n) VALUES (1)")
        .execute(&mut *tx)
        .await
        .unwrap();
    drop(tx);
    // The row's lock went with the rollback: the same key is free at once, on any connection.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SET LOCAL lock_timeout = '5s'")
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("INSERT INTO pool_probe (n) VALUES (1)")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pool_probe")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);

    let abandoned = tokio::time::timeout(
        std::time::Duration::from_millis(20),
        sqlx::query_scalar::<_, i32>("SELECT 7 FROM pg_sleep(0.3)").fetch_one(pool),
    )
    .await;
    assert!(
        abandoned.is_err(),
        "the statement should have been abandoned"
    );
    // Every connection answers its own statement, not the abandoned one's answer.
    for n in 0..20_i32 {
        let got: i32 = sqlx::query_scalar("SELECT $1")
            .bind(n)
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(got, n);
    }
}

/// A connection that has lived its time is closed when given back, and idle connections unused
/// past their timeout are closed, so neither an old backend nor a burst's backends stay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_pool_retires_old_and_long_idle_connections() {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        return;
    };
    let name = format!("retire_{}", uuid::Uuid::now_v7().simple());
    let options = <sqlx::postgres::PgConnectOptions as std::str::FromStr>::from_str(&url)
        .unwrap()
        .application_name(&name);
    let limits = aftercare_store::PoolLimits {
        size: 4,
        acquire_timeout: std::time::Duration::from_secs(30),
        trusted_idle: std::time::Duration::from_millis(500),
        idle_timeout: std::time::Duration::from_secs(600),
        max_lifetime: std::time::Duration::ZERO,
    };
    let admin = aftercare_store::PgStore::connect(&url).await.unwrap();
    let backends = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1",
        )
        .bind(&name)
        .fetch_one(admin.pool())
        .await
        .unwrap()
    };
    let pool = aftercare_store::PgPool::connect(options.clone(), limits)
        .await
        .unwrap();
    let first: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&pool)
        .await
        .unwrap();
    let second: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_ne!(
        first, second,
        "a connection past its lifetime was used again"
    );
    let mut waited = 0;
    while backends().await > 0 && waited < 100 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    assert_eq!(backends().await, 0, "retired connections stay open");

    let pool = aftercare_store::PgPool::connect(
        options,
        aftercare_store::PoolLimits {
            idle_timeout: std::time::Duration::ZERO,
            max_lifetime: std::time::Duration::from_secs(600),
            ..limits
        },
    )
    .await
    .unwrap();
    // Three at once, then all given back: unused past their timeout (zero here), the pool's
    // reaper (once a second here) closes them, so no more than one stays for long.
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(pool.acquire().await.unwrap());
    }
    drop(held);
    let mut waited = 0;
    while (pool.num_idle() > 1 || backends().await > 1) && waited < 100 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    assert!(pool.num_idle() <= 1, "{} idle", pool.num_idle());
    assert!(backends().await <= 1);

    // And with no use at all to give a connection back, the pool's reaper closes it.
    let mut waited = 0;
    while backends().await > 0 && waited < 100 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    assert_eq!(
        backends().await,
        0,
        "an idle connection outlived its timeout"
    );
    assert_eq!(pool.num_idle(), 0);
}

/// Waits (up to 10 s, polling) until `read` of the store answers what `done` accepts: a change
/// made behind the process's back reaches its session cache through a notification, a moment
/// after the change commits.
async fn eventually<T: std::fmt::Debug>(
    what: &str,
    mut read: impl AsyncFnMut() -> T,
    done: impl Fn(&T) -> bool,
) -> T {
    let mut last = read().await;
    for _ in 0..1000 {
        if done(&last) {
            return last;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        last = read().await;
    }
    panic!("{what}: still {last:?}");
}

/// On PostgreSQL a process keeps the sessions it read (a round trip less for each request) and
/// forgets them as soon as anything ends a session or changes a staff account, whoever does it:
/// this process at once, another process (here statements sent past the store) when its
/// notification arrives. Recording activity is no such change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_forgets_a_kept_session_when_any_process_ends_it() {
    let Some(fresh) = aftercare_store::testing::postgres("t").await.unwrap() else {
        return;
    };
    let s = &fresh.store;
    let li = staff_user("li@shop.example");
    s.create_user(&li).await.unwrap();
    for hash in ["one", "two", "three"] {
        s.create_session(&staff_session(hash, &li)).await.unwrap();
    }
    let seen = |t: &str| at(t);
    // Kept: a change that notifies nobody (activity written past the store) is not seen. The
    // listener starts with the first read, and nothing is kept until it listens.
    eventually(
        "the session kept",
        async || {
            let before = s.session_with_user("one").await.unwrap().unwrap().0;
            sqlx::query(
                "UPDATE sessions SET last_seen_at = last_seen_at + 1 WHERE id_hash = 'one'",
            )
            .execute(s.pool())
            .await
            .unwrap();
            let after = s.session_with_user("one").await.unwrap().unwrap().0;
            (before.last_seen_at, after.last_seen_at)
        },
        |(before, after)| before == after,
    )
    .await;
    // Activity recorded by this process moves what is kept.
    s.touch_session("one", seen("2026-03-20T03:05:00Z"))
        .await
        .unwrap();
    assert_eq!(
        s.session_with_user("one")
            .await
            .unwrap()
            .unwrap()
            .0
            .last_seen_at,
        seen("2026-03-20T03:05:00Z")
    );
    // Ended here: gone at once.
    assert!(s.delete_session("one").await.unwrap());
    assert_eq!(s.session_with_user("one").await.unwrap(), None);
    // Ended elsewhere: gone once the notification arrives.
    assert!(s.session_with_user("two").await.unwrap().is_some());
    sqlx::query("DELETE FROM sessions WHERE id_hash = 'two'")
        .execute(s.pool())
        .await
        .unwrap();
    eventually(
        "a session ended elsewhere",
        async || s.session_with_user("two").await.unwrap(),
        Option::is_none,
    )
    .await;
    // The account deactivated elsewhere: its session shows it.
    assert_eq!(
        s.session_with_user("three")
            .await
            .unwrap()
            .unwrap()
            .1
            .unwrap()
            .disabled_at,
        None
    );
    sqlx::query("UPDATE users SET disabled_at = 1 WHERE id = $1")
        .bind(&li.id)
        .execute(s.pool())
        .await
        .unwrap();
    eventually(
        "an account deactivated elsewhere",
        async || {
            s.session_with_user("three")
                .await
                .unwrap()
                .unwrap()
                .1
                .unwrap()
                .disabled_at
        },
        Option::is_some,
    )
    .await;
}
