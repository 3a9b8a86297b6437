//! Journeys over HTTP: each role doing only its own steps, on both databases.

use serde_json::{Value, json};

use crate::support::*;

async fn a_return_goes_from_the_customers_request_to_the_refund_sent(shop: Shop) {
    signed_order(&shop, "LM-1", "ana@example.com").await;
    // A week later the customer signs in again: sessions end after an hour without use.
    let ana = Person::customer(&shop, "LM-1", "ana@example.com").await;
    let (status, photo) = ana.upload(jpeg_with_gps(), "latch.jpg", "image/jpeg").await;
    assert_eq!(status, 201, "{photo}");
    let (status, submitted) = ana
        .post(
            "/api/v1/returns",
            json!({
                "order_number": "LM-1",
                "reason": "quality_issue",
                "lines": [{"sku": "LK-100", "quantity": 1}],
                "description": "The latch sticks.",
                "evidence": [photo["id"]],
                "return_costs": "40.00"
            }),
        )
        .await;
    assert_eq!(status, 201, "{submitted}");
    assert_eq!(submitted["decision"]["outcome"], "return_eligible");
    assert!(
        submitted["decision"]["clauses"]
            .as_array()
            .is_some_and(|c| !c.is_empty())
    );
    let id = submitted["case"]["id"].as_str().unwrap().to_owned();
    let version = submitted["case"]["version"].as_i64().unwrap();

    // The customer cannot approve their own return; another customer cannot even see it.
    let (status, problem) = ana
        .post(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("forbidden")));
    let bo = shipped_order(&shop, "LM-2", "bo@example.com").await;
    assert_eq!(bo.get(&format!("/api/v1/cases/{id}")).await.0, 404);

    let agent = Person::staff(&shop, "agent").await;
    let warehouse = Person::staff(&shop, "warehouse").await;
    let finance = Person::staff(&shop, "finance").await;
    let approved = agent
        .ok(
            &format!("/api/v1/returns/{id}/approve"),
            json!({"version": version}),
        )
        .await;
    let rma = approved["rma"].as_str().unwrap().to_owned();
    let mail = shop
        .mail_containing("ana@example.com", "Return approved")
        .await;
    assert!(
        mail.text.contains(&rma) && mail.text.contains("Haigang Road"),
        "{}",
        mail.text
    );
    let (status, stale) = agent
        .post(
            &format!("/api/v1/returns/{id}/reject"),
            json!({"version": version, "reasons": ["x"]}),
        )
        .await;
    assert_eq!(
        (status, stale["code"].as_str()),
        (409, Some("stale_version"))
    );

    ana.ok(
        &format!("/api/v1/returns/{id}/ship"),
        json!({"tracking_number": "CN123"}),
    )
    .await;
    warehouse
        .ok(
            &format!("/api/v1/returns/{id}/receive"),
            json!({"lines": [{"sku": "LK-100", "received": 1, "damaged": 0}], "outcome": "as_expected"}),
        )
        .await;
    let (status, problem) = agent
        .post(&format!("/api/v1/returns/{id}/pass-inspection"), json!({}))
        .await;
    assert_eq!(status, 403, "inspection is the warehouse's step: {problem}");
    warehouse
        .ok(&format!("/api/v1/returns/{id}/pass-inspection"), json!({}))
        .await;
    let mail = shop
        .mail_containing("ana@example.com", "Inspection passed")
        .await;
    assert!(mail.text.contains("Inspection passed"), "{}", mail.text);

    let (status, problem) = agent
        .post("/api/v1/refunds", json!({"source_case": id}))
        .await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (400, Some("Idempotency-Key"))
    );
    let (status, refund) = agent
        .post_keyed(
            "/api/v1/refunds",
            json!({"source_case": id}),
            Some("grant-LM-1"),
        )
        .await;
    assert_eq!(status, 201, "{refund}");
    let (replay_status, replay) = agent
        .post_keyed(
            "/api/v1/refunds",
            json!({"source_case": id}),
            Some("grant-LM-1"),
        )
        .await;
    assert_eq!(
        (replay_status, &replay),
        (201, &refund),
        "a replay answers the first answer"
    );
    let (status, problem) = agent
        .post_keyed(
            "/api/v1/refunds",
            json!({"source_case": "other"}),
            Some("grant-LM-1"),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (422, Some("idempotency_key_reused"))
    );
    let refund_id = refund["id"].as_str().unwrap().to_owned();
    let (status, _) = agent
        .post_keyed(
            &format!("/api/v1/refunds/{refund_id}/send"),
            json!({"payment_reference": "PSP-1"}),
            Some("send-1"),
        )
        .await;
    assert_eq!(status, 403, "sending money is finance's step");
    let sent = finance
        .post_keyed(
            &format!("/api/v1/refunds/{refund_id}/send"),
            json!({"payment_reference": "PSP-1"}),
            Some("send-1"),
        )
        .await;
    assert_eq!(
        (sent.0, sent.1["state"].as_str()),
        (200, Some("sent")),
        "{}",
        sent.1
    );
    let mail = shop.mail_containing("ana@example.com", "Refund sent").await;
    assert!(mail.text.contains("Refund sent"), "{}", mail.text);

    // One refund on the order, whatever the replays.
    let (_, order) = ana.get("/api/v1/orders/LM-1").await;
    let refunds = order["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "refund")
        .count();
    assert_eq!(refunds, 1);
    let (_, timeline) = ana.get(&format!("/api/v1/cases/{id}/timeline")).await;
    let kinds: Vec<&str> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds[..5],
        [
            "requested",
            "approved",
            "shipped",
            "received",
            "inspection_passed"
        ]
    );
    assert!(
        timeline["items"][1]["actor"].get("id").is_none(),
        "customers see roles, not staff ids"
    );
    let (_, queue) = agent.get("/api/v1/queue?kind=refund").await;
    assert!(
        queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == refund_id.as_str())
    );
    assert_eq!(ana.get("/api/v1/queue").await.0, 403);
}

/// The order as one account over HTTP: the customer's return costs are a claim, the warehouse
/// confirms them, a passed return waits in the agents' queue until its refund is granted, the
/// ledger says where the money and every unit are, approvals at once get different RMA numbers,
/// and a quote below the range carries its reason through the API.
async fn the_order_is_one_account_across_its_cases(shop: Shop) {
    signed_order(&shop, "LM-1", "ana@example.com").await;
    let ana = Person::customer(&shop, "LM-1", "ana@example.com").await;
    let photo = ana.photo().await;
    let ask = |reason: &str, costs: &str| {
        json!({
            "order_number": "LM-1",
            "reason": reason,
            "lines": [{"sku": "LK-100", "quantity": 1}],
            "description": "Not the model I ordered.",
            "evidence": [photo],
            "return_costs": costs
        })
    };
    let (status, first) = ana
        .post("/api/v1/returns", ask("wrong_item", "99999.00"))
        .await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(
        first["decision"]["refund"]["total"], "138.00",
        "the claimed 99999.00 is not in the estimate"
    );
    let said = first["decision"]["reasons"].to_string();
    assert!(said.contains("per your receipt"), "{said}");
    let (status, second) = ana
        .post("/api/v1/returns", ask("quality_issue", "10.00"))
        .await;
    assert_eq!(status, 201, "{second}");
    let (status, third) = ana
        .post("/api/v1/returns", ask("quality_issue", "10.00"))
        .await;
    assert_eq!(
        (status, third["field"].as_str()),
        (422, Some("lines[0].quantity")),
        "both units of LK-100 are in requests: {third}"
    );
    assert!(
        third["detail"]
            .as_str()
            .is_some_and(|d| d.contains("0 of the 2 units of LK-100")),
        "{third}"
    );

    let agent = Person::staff(&shop, "agent").await;
    let warehouse = Person::staff(&shop, "warehouse").await;
    let ids = [
        first["case"]["id"].as_str().unwrap().to_owned(),
        second["case"]["id"].as_str().unwrap().to_owned(),
    ];
    let paths = ids
        .clone()
        .map(|id| format!("/api/v1/returns/{id}/approve"));
    let (a, b) = tokio::join!(
        agent.post(&paths[0], json!({})),
        agent.post(&paths[1], json!({}))
    );
    assert_eq!((a.0, b.0), (200, 200), "{} {}", a.1, b.1);
    assert_ne!(a.1["rma"], b.1["rma"], "one RMA number each");

    let id = &ids[0];
    warehouse
        .ok(
            &format!("/api/v1/returns/{id}/receive"),
            json!({"lines": [{"sku": "LK-100", "received": 1, "damaged": 0}], "outcome": "as_expected"}),
        )
        .await;
    let (status, problem) = warehouse
        .post(
            &format!("/api/v1/returns/{id}/pass-inspection"),
            json!({"return_costs": "lots"}),
        )
        .await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("return_costs"))
    );
    let passed = warehouse
        .ok(
            &format!("/api/v1/returns/{id}/pass-inspection"),
            json!({"return_costs": "25.00"}),
        )
        .await;
    assert_eq!(passed["data"]["refund"]["amount"], "163.00");
    let (_, queue) = agent.get("/api/v1/queue?kind=return").await;
    assert!(
        queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str() && c["state"] == "inspection_passed"),
        "a passed return stays in the queue while its refund is owed: {queue}"
    );
    let (_, ledger) = ana.get("/api/v1/orders/LM-1/ledger").await;
    let row = ledger["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case_id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (
            row["result"]["amount"].as_str(),
            row["granted"]["amount"].as_str()
        ),
        (Some("163.00"), Some("0.00"))
    );
    assert_eq!(ledger["confirmed_return_costs"]["amount"], "25.00");
    let (status, refund) = agent
        .post_keyed(
            "/api/v1/refunds",
            json!({"source_case": id}),
            Some("grant-1"),
        )
        .await;
    assert_eq!(status, 201, "{refund}");
    let (_, case) = agent.get(&format!("/api/v1/cases/{id}")).await;
    assert_eq!(
        (case["state"].as_str(), case["is_open"].as_bool()),
        (Some("refund_granted"), Some(false))
    );
    let (status, again) = agent
        .post_keyed(
            "/api/v1/refunds",
            json!({"source_case": id}),
            Some("grant-2"),
        )
        .await;
    assert_eq!(status, 422, "never twice for one result: {again}");
    let (_, ledger) = ana.get("/api/v1/orders/LM-1/ledger").await;
    assert_eq!(ledger["granted"]["amount"], "163.00");
    let units = &ledger["lines"][0];
    assert_eq!(
        (
            units["sku"].as_str(),
            units["refunded"].as_u64(),
            units["requested"].as_u64()
        ),
        (Some("LK-100"), Some(1), Some(1))
    );
    // The store's key reaches the order and its fulfilment, not the returns or the money.
    let store = Person::store(&shop);
    let (status, seen) = store.get("/api/v1/orders/LM-1").await;
    assert_eq!(status, 200, "{seen}");
    assert!(
        seen["cases"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] == "order"),
        "{seen}"
    );
    assert_eq!(store.get("/api/v1/orders/LM-1/ledger").await.0, 403);
    // The pages show the same account.
    let page = ana.get_raw("/orders/LM-1").await.text().await.unwrap();
    assert!(page.contains("Account of the order") && page.contains("163.00 USD"));
    let page = agent
        .get_raw("/staff/orders/LM-1")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Where each unit is") && page.contains("163.00 USD"));

    // A seriously damaged keypad goes to manual review; the quote below 30 % carries its reason.
    let (status, applied) = ana
        .post(
            "/api/v1/buyback",
            json!({"order_number": "LM-1", "lines": [{"sku": "LK-200", "quantity": 1}],
                   "condition": {"grade": "damaged", "missing_accessories": 0, "original_packaging": false},
                   "photos": [photo]}),
        )
        .await;
    assert_eq!(status, 201, "{applied}");
    let bid = applied["case"]["id"].as_str().unwrap();
    let (status, problem) = agent
        .post(
            &format!("/api/v1/buyback/{bid}/quote"),
            json!({"percent": "15"}),
        )
        .await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("note")));
    let quoted = agent
        .ok(
            &format!("/api/v1/buyback/{bid}/quote"),
            json!({"percent": "15", "note": "Cracked housing: parts value only"}),
        )
        .await;
    assert_eq!(
        quoted["data"]["quote"]["note"],
        "Cracked housing: parts value only"
    );
    assert_eq!(quoted["data"]["quote"]["amount"]["amount"], "9.00");
}

/// A cross-site form can send `text/plain` without the browser asking first: the JSON API
/// takes writes only as JSON, and nothing a signed-in person reads may be kept by a cache.
async fn json_writes_must_say_they_are_json_and_signed_in_answers_are_not_cached(shop: Shop) {
    let ana = shipped_order(&shop, "LM-1", "ana@example.com").await;
    let before = ana.get("/api/v1/orders/LM-1").await.1["cases"]
        .as_array()
        .map(Vec::len);
    let body = json!({"order_number": "LM-1", "reason": "other",
                      "lines": [{"sku": "LK-100", "quantity": 1}], "evidence": []})
    .to_string();
    for kind in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let response = ana
            .client
            .post(format!("{}/api/v1/returns", shop.base))
            .header("content-type", kind)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        let (status, problem) = Person::answer(response).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (415, Some("unsupported_media_type")),
            "{kind}: {problem}"
        );
    }
    let (status, problem) = ana
        .post(
            "/api/v1/returns",
            json!({"order_number": "LM-1", "reason": "other", "description": "x".repeat(5000),
                   "lines": [{"sku": "LK-100", "quantity": 1}], "evidence": []}),
        )
        .await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("description")),
        "{problem}"
    );
    // A page form that may carry files still bounds its text fields on their own.
    let csrf = csrf_of(&ana).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("kind", "return")
        .text("description", "x".repeat(100 * 1024));
    let response = ana
        .client
        .post(format!("{}/orders/LM-1/request", shop.base))
        .header("origin", shop.base.clone())
        .multipart(form)
        .send()
        .await
        .unwrap();
    // A page's error is a page: HTML with the stylesheet, naming the field and its cap.
    assert_eq!(response.status(), 413);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"))
    );
    let page = response.text().await.unwrap();
    assert!(
        page.contains("/static/app.css") && page.contains("description: is longer than the 64 KiB"),
        "{page}"
    );
    // Unknown paths: a page for people, problem JSON under /api/.
    let icon = ana.get_raw("/favicon.ico").await;
    assert_eq!(
        (
            icon.status().as_u16(),
            icon.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
        ),
        (200, Some("image/svg+xml"))
    );
    let lost = ana.get_raw("/no/such/page").await;
    assert_eq!(lost.status(), 404);
    assert!(lost.text().await.unwrap().contains("<h1>Not found</h1>"));
    let (status, problem) = ana.get("/api/v1/no-such-thing").await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("not_found")));
    let after = ana.get("/api/v1/orders/LM-1").await.1["cases"]
        .as_array()
        .map(Vec::len);
    assert_eq!(before, after, "nothing was stored");
    // An action without a body needs no type.
    let agent = Person::staff(&shop, "agent").await;
    let empty = agent
        .client
        .post(format!("{}/api/v1/orders/LM-1/verify-payment", shop.base))
        .send()
        .await
        .unwrap();
    assert_ne!(empty.status(), 415);

    for (who, path) in [
        (&ana, "/api/v1/orders/LM-1"),
        (&ana, "/orders/LM-1"),
        (&agent, "/api/v1/queue"),
        (&agent, "/staff"),
    ] {
        let response = who.get_raw(path).await;
        assert_eq!(
            response
                .headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store"),
            "{path}"
        );
    }
    let photo = ana.photo().await;
    let evidence = ana.get_raw(&format!("/api/v1/evidence/{photo}")).await;
    assert!(
        evidence
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("private")),
        "evidence keeps its own caching"
    );
}

async fn a_buyback_with_a_revised_offer_is_accepted_and_paid(shop: Shop) {
    shipped_order(&shop, "LM-3", "ana@example.com").await;
    shop.clock.set("2026-03-05T02:00:00Z".parse().unwrap());
    Person::store(&shop)
        .ok(
            "/api/v1/orders/LM-3/sign",
            json!({"signed_at": "2026-03-05T01:00:00Z"}),
        )
        .await;
    shop.clock.set("2026-06-01T02:00:00Z".parse().unwrap());
    // The customer comes back later and signs in again: sessions end after an idle hour.
    let ana = Person::customer(&shop, "LM-3", "ana@example.com").await;
    let (status, submitted) = ana
        .post(
            "/api/v1/buyback",
            json!({
                "order_number": "LM-3",
                "lines": [{"sku": "LK-100", "quantity": 1}],
                "condition": {"grade": "good", "missing_accessories": 1, "original_packaging": true},
                "photos": [ana.photo().await]
            }),
        )
        .await;
    assert_eq!(
        (status, submitted["decision"]["outcome"].as_str()),
        (201, Some("buyback_quote")),
        "{submitted}"
    );
    let id = submitted["case"]["id"].as_str().unwrap().to_owned();
    let agent = Person::staff(&shop, "agent").await;
    let warehouse = Person::staff(&shop, "warehouse").await;
    let finance = Person::staff(&shop, "finance").await;
    let quoted = agent
        .ok(&format!("/api/v1/buyback/{id}/quote"), json!({}))
        .await;
    assert_eq!(quoted["data"]["quote"]["amount"]["amount"], "66.00");
    let mail = shop
        .mail_containing("ana@example.com", "Buyback quote")
        .await;
    assert!(mail.text.contains("Buyback quote"), "{}", mail.text);
    ana.ok(&format!("/api/v1/buyback/{id}/accept"), json!({}))
        .await;
    ana.ok(
        &format!("/api/v1/buyback/{id}/ship"),
        json!({"tracking_number": "EMS1"}),
    )
    .await;
    warehouse
        .ok(&format!("/api/v1/buyback/{id}/receive"), json!({}))
        .await;
    warehouse
        .ok(
            &format!("/api/v1/buyback/{id}/revise"),
            json!({"amount": "50.00", "reasons": ["deep scratches on the cover"], "photos": ["cover.jpg"]}),
        )
        .await;
    let mail = shop
        .mail_containing("ana@example.com", "Revised buyback offer")
        .await;
    assert!(mail.text.contains("Revised buyback offer"), "{}", mail.text);
    let accepted = ana
        .ok(&format!("/api/v1/buyback/{id}/accept-revision"), json!({}))
        .await;
    assert_eq!(accepted["state"], "revision_accepted", "{accepted}");
    let (status, payout) = agent
        .post_keyed(
            "/api/v1/refunds",
            json!({"source_case": id}),
            Some("payout-LM-3"),
        )
        .await;
    assert_eq!(
        (status, payout["data"]["amount"]["amount"].as_str()),
        (201, Some("50.00"))
    );
    let payout_id = payout["id"].as_str().unwrap();
    let (status, _) = finance
        .post_keyed(
            &format!("/api/v1/refunds/{payout_id}/send"),
            json!({"payment_reference": "PAYPAL-9"}),
            Some("payout-send"),
        )
        .await;
    assert_eq!(status, 200);
    let paid = finance
        .ok(&format!("/api/v1/buyback/{id}/mark-paid"), json!({}))
        .await;
    assert_eq!(
        (paid["state"].as_str(), paid["is_open"].as_bool()),
        (Some("paid"), Some(false))
    );
}

async fn an_undeliverable_parcel_is_refunded_after_deductions(shop: Shop) {
    shipped_order(&shop, "LM-7", "ana@example.com").await;
    shop.clock.set("2026-03-10T03:00:00Z".parse().unwrap());
    let warehouse = Person::staff(&shop, "warehouse").await;
    let agent = Person::staff(&shop, "agent").await;
    let returned = warehouse
        .ok(
            "/api/v1/orders/LM-7/returned-to-sender",
            json!({"reason": "wrong_address"}),
        )
        .await;
    assert_eq!(returned["state"], "returned_to_sender");
    let settled = agent
        .ok(
            "/api/v1/orders/LM-7/settle-returned-parcel",
            json!({"return_processing_fee": {"amount": "20.00", "currency": "USD"}, "note": "customer did not answer"}),
        )
        .await;
    let (status, refund) = agent
        .post_keyed(
            "/api/v1/refunds",
            json!({"source_case": settled["id"]}),
            Some("undeliverable-LM-7"),
        )
        .await;
    assert_eq!(status, 201, "{refund}");
    // 300.00 of products, less 30.00 original shipping and 20.00 processing.
    assert_eq!(refund["data"]["amount"]["amount"], "250.00");
    assert_eq!(refund["data"]["source"], "undeliverable");
}

async fn an_appeal_against_a_rejection_is_upheld_with_a_final_opinion(shop: Shop) {
    signed_order(&shop, "LM-5", "ana@example.com").await;
    // The customer comes back later and signs in again: sessions end after an idle hour.
    let ana = Person::customer(&shop, "LM-5", "ana@example.com").await;
    let (_, submitted) = ana
        .post(
            "/api/v1/returns",
            json!({"order_number": "LM-5", "reason": "quality_issue",
                   "lines": [{"sku": "LK-100", "quantity": 1}], "description": "Stiff latch.", "evidence": [ana.photo().await]}),
        )
        .await;
    let id = submitted["case"]["id"].as_str().unwrap().to_owned();
    let agent = Person::staff(&shop, "agent").await;
    agent
        .ok(
            &format!("/api/v1/returns/{id}/reject"),
            json!({"reasons": ["the photos show wear, not a defect"]}),
        )
        .await;
    shop.clock.set("2026-03-31T02:00:00Z".parse().unwrap());
    let ana = Person::customer(&shop, "LM-5", "ana@example.com").await;
    let agent = Person::staff(&shop, "agent").await;
    let (status, appeal) = ana
        .post(
            "/api/v1/appeals",
            json!({"case_id": id, "subject": "review", "statement": "Stiff from day one.", "evidence": [ana.photo().await]}),
        )
        .await;
    assert_eq!(
        (status, appeal["deadline"].as_str()),
        (201, Some("2026-04-08")),
        "{appeal}"
    );
    let appeal_id = appeal["id"].as_str().unwrap().to_owned();
    let (status, _) = ana
        .post(
            &format!("/api/v1/appeals/{appeal_id}/uphold"),
            json!({"opinion": "mine"}),
        )
        .await;
    assert_eq!(status, 403);
    let upheld = agent
        .ok(
            &format!("/api/v1/appeals/{appeal_id}/uphold"),
            json!({"opinion": "A second look confirms wear from use."}),
        )
        .await;
    assert_eq!(upheld["state"], "upheld");
    let mail = shop
        .mail_containing("ana@example.com", "result upheld")
        .await;
    assert!(
        mail.text.contains("result upheld") && mail.text.contains("second look"),
        "{}",
        mail.text
    );
    let (_, read) = ana.get(&format!("/api/v1/appeals/{appeal_id}")).await;
    assert_eq!(read["state"], "upheld");
}

async fn staff_sign_in_is_throttled_and_says_the_same_for_unknown_accounts(shop: Shop) {
    let p = Person::anonymous(&shop);
    // Link requests have their own budget: anyone asking for links in the admin's name, until
    // they are throttled, does not lock the admin out; nor do successful sign-ins count.
    let mut link_statuses = Vec::new();
    for _ in 0..7 {
        link_statuses.push(
            p.post(
                "/api/v1/sign-in-links",
                json!({"order_number": "NOPE", "email": "admin@shop.example"}),
            )
            .await
            .0,
        );
    }
    assert_eq!(link_statuses.last(), Some(&429), "{link_statuses:?}");
    for _ in 0..6 {
        Person::staff(&shop, "admin").await;
    }
    let wrong = p
        .post(
            "/api/v1/session",
            json!({"email": "agent@shop.example", "password": "nope nope nope"}),
        )
        .await;
    let unknown = p
        .post(
            "/api/v1/session",
            json!({"email": "ghost@shop.example", "password": "nope nope nope"}),
        )
        .await;
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.0, 401);
    let mut last = 0;
    for _ in 0..6 {
        last = p
            .post(
                "/api/v1/session",
                json!({"email": "agent@shop.example", "password": "wrong again!"}),
            )
            .await
            .0;
    }
    assert_eq!(last, 429);
    // The throttle holds even for the right password until it recovers.
    let (status, _) = p
        .post(
            "/api/v1/session",
            json!({"email": "agent@shop.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 429);
    // Other accounts are not slowed down by someone guessing this one.
    let finance = Person::staff(&shop, "finance").await;
    let (status, me) = finance.get("/api/v1/session").await;
    assert_eq!((status, me["roles"].clone()), (200, json!(["finance"])));
    let signed_out = finance
        .client
        .delete(format!("{}/api/v1/session", shop.base))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), 204);
    assert_eq!(finance.get("/api/v1/session").await.0, 401);
    // A sign-in link request answers the same whether or not the order and e-mail match.
    let a = p
        .post(
            "/api/v1/sign-in-links",
            json!({"order_number": "NOPE", "email": "x@example.com"}),
        )
        .await;
    assert_eq!(a.0, 202);
}

async fn evidence_is_judged_by_content_cleaned_and_shown_only_to_its_owner_and_staff(shop: Shop) {
    let ana = shipped_order(&shop, "LM-8", "ana@example.com").await;
    let (status, photo) = ana
        .upload(jpeg_with_gps(), "IMG_0001.jpg", "image/jpeg")
        .await;
    assert_eq!(status, 201, "{photo}");
    assert_eq!(
        (photo["width"].as_i64(), photo["height"].as_i64()),
        (Some(80), Some(60))
    );
    let id = photo["id"].as_str().unwrap().to_owned();
    let stored = ana.get_raw(&format!("/api/v1/evidence/{id}")).await;
    assert_eq!(stored.status(), 200);
    assert_eq!(stored.headers()["content-type"], "image/jpeg");
    assert_eq!(stored.headers()["x-content-type-options"], "nosniff");
    assert!(
        stored.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline; filename=")
    );
    let bytes = stored.bytes().await.unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("Exif") && !text.contains("GPS"),
        "EXIF and GPS are dropped"
    );
    let hash: String = {
        use sha2::Digest;
        sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    assert_eq!(
        photo["sha256"].as_str(),
        Some(hash.as_str()),
        "the hash is of the stored bytes"
    );
    let thumb = ana
        .get_raw(&format!("/api/v1/evidence/{id}/thumbnail"))
        .await;
    assert_eq!(
        (
            thumb.status().as_u16(),
            thumb.headers()["content-type"].to_str().unwrap()
        ),
        (200, "image/jpeg")
    );

    for (bytes, name, claimed) in [
        (b"<?php system($_GET['c']); ?>".to_vec(), "cat.jpg", "image/jpeg"),
        (
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>".to_vec(),
            "logo.svg",
            "image/svg+xml",
        ),
        (huge_png(), "bomb.png", "image/png"),
        // 36 megapixels, within the pixel cap, but 16-bit RGBA decodes to 275 MiB.
        (png_header(6_000, 16, 6), "deep.png", "image/png"),
        (Vec::new(), "empty.jpg", "image/jpeg"),
    ] {
        let (status, problem) = ana.upload(bytes, name, claimed).await;
        assert_eq!((status, problem["field"].as_str()), (422, Some("file")), "{name}: {problem}");
    }
    let mut too_big = jpeg_with_gps();
    too_big.resize(3 * 1024 * 1024, 0);
    let (status, problem) = ana.upload(too_big, "big.jpg", "image/jpeg").await;
    assert_eq!(
        (status, problem["code"].as_str(), problem["field"].as_str()),
        (413, Some("body_too_large"), Some("file")),
        "{problem}"
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("larger than the 2 MB"),
        "{problem}"
    );

    // A video over its cap is refused the same way. It stays within the route's body limit (the
    // cap and 64 KiB): past that, the server answers and closes while the client still sends,
    // and the client sees a broken connection instead of the answer.
    let mut huge = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec();
    huge.resize(4 * 1024 * 1024 + 16 * 1024, 0);
    let (status, problem) = ana.upload(huge, "long.mp4", "video/mp4").await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (413, Some("body_too_large")),
        "{problem}"
    );
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("4 MB")),
        "{problem}"
    );

    // An MP4 signature in front of a web page is not a video: its boxes do not read.
    let mut forged = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec();
    forged.extend_from_slice(b"<html><script>alert(1)</script></html><?php system($_GET['c']); ?>");
    forged.extend_from_slice(&[b' '; 600]);
    let (status, problem) = ana.upload(forged, "clip.mp4", "video/mp4").await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("file")),
        "{problem}"
    );
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("not a readable MP4 or MOV video")),
        "{problem}"
    );
    let (status, video) = ana
        .upload(tiny_mp4(), "unboxing.bin", "application/octet-stream")
        .await;
    assert_eq!(
        (status, video["media_type"].as_str()),
        (201, Some("video/mp4")),
        "{video}"
    );
    assert!(video["thumbnail_url"].is_null());

    let bo = shipped_order(&shop, "LM-9", "bo@example.com").await;
    assert_eq!(
        bo.get_raw(&format!("/api/v1/evidence/{id}")).await.status(),
        404
    );
    assert_eq!(
        Person::anonymous(&shop)
            .get_raw(&format!("/api/v1/evidence/{id}"))
            .await
            .status(),
        401
    );
    let agent = Person::staff(&shop, "agent").await;
    assert_eq!(
        agent
            .get_raw(&format!("/api/v1/evidence/{id}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        agent
            .get_raw("/api/v1/evidence/../../etc/passwd")
            .await
            .status(),
        404
    );
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    OtherCustomer,
    Owner,
    Agent,
    Warehouse,
    Finance,
    Admin,
    Store,
}

const EVERYONE: [Who; 8] = [
    Who::Anonymous,
    Who::OtherCustomer,
    Who::Owner,
    Who::Agent,
    Who::Warehouse,
    Who::Finance,
    Who::Admin,
    Who::Store,
];

/// The role table of the README, as data: who may call each endpoint on Ana's objects.
fn role_table(ids: &Fixture) -> Vec<(&'static str, String, Value, Vec<Who>)> {
    use Who::*;
    let staff = vec![Agent, Warehouse, Finance, Admin];
    let mut seeing = vec![Owner];
    seeing.extend(staff.iter().copied());
    let (r, b, a, f, e) = (
        &ids.ret,
        &ids.buyback,
        &ids.appeal,
        &ids.refund,
        &ids.evidence,
    );
    let o = "/api/v1/orders/A-2";
    let mut t: Vec<(&'static str, String, Value, Vec<Who>)> = vec![
        (
            "GET",
            "/api/v1/orders/A-1".into(),
            Value::Null,
            [seeing.clone(), vec![Store]].concat(),
        ),
        (
            "GET",
            "/api/v1/orders/A-1/ledger".into(),
            Value::Null,
            seeing.clone(),
        ),
        (
            "GET",
            "/api/v1/orders".into(),
            Value::Null,
            [vec![Owner, OtherCustomer], staff.clone()].concat(),
        ),
        (
            "GET",
            format!("/api/v1/cases/{r}"),
            Value::Null,
            seeing.clone(),
        ),
        (
            "GET",
            format!("/api/v1/cases/{r}/timeline"),
            Value::Null,
            seeing.clone(),
        ),
        (
            "GET",
            format!("/api/v1/returns/{r}"),
            Value::Null,
            seeing.clone(),
        ),
        (
            "GET",
            format!("/api/v1/buyback/{b}"),
            Value::Null,
            seeing.clone(),
        ),
        (
            "GET",
            format!("/api/v1/appeals/{a}"),
            Value::Null,
            seeing.clone(),
        ),
        (
            "GET",
            format!("/api/v1/refunds/{f}"),
            Value::Null,
            seeing.clone(),
        ),
        (
            "GET",
            format!("/api/v1/evidence/{e}"),
            Value::Null,
            seeing.clone(),
        ),
        (
            "GET",
            format!("/api/v1/evidence/{e}/thumbnail"),
            Value::Null,
            seeing.clone(),
        ),
        ("GET", "/api/v1/queue".into(), Value::Null, staff.clone()),
        (
            "GET",
            "/api/v1/orders/A-1/messages".into(),
            Value::Null,
            seeing.clone(),
        ),
        (
            "POST",
            "/api/v1/orders/A-1/messages".into(),
            json!({"body": "Hello"}),
            seeing.clone(),
        ),
        (
            "GET",
            format!("/api/v1/cases/{r}/messages"),
            Value::Null,
            seeing.clone(),
        ),
        (
            "POST",
            format!("/api/v1/cases/{r}/messages"),
            json!({"body": "Hello"}),
            seeing.clone(),
        ),
        (
            "GET",
            "/api/v1/conversations/awaiting".into(),
            Value::Null,
            staff.clone(),
        ),
        ("GET", "/api/v1/staff".into(), Value::Null, vec![Admin]),
        (
            "POST",
            "/api/v1/staff".into(),
            json!({"email": "new@shop.example", "name": "New", "password": PASSWORD, "roles": ["agent"]}),
            vec![Admin],
        ),
        (
            "POST",
            "/api/v1/api-keys".into(),
            json!({"name": "erp", "scopes": ["orders:write"]}),
            vec![Admin],
        ),
        (
            "POST",
            format!("/api/v1/returns/{r}/approve"),
            json!({}),
            vec![Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/returns/{r}/reject"),
            json!({"reasons": ["x"]}),
            vec![Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/returns/{r}/send-to-buyback"),
            json!({"reasons": ["x"]}),
            vec![Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/returns/{r}/ship"),
            json!({"tracking_number": "T"}),
            vec![Owner, Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/returns/{r}/receive"),
            json!({"lines": [{"sku": "LK-100", "received": 1, "damaged": 0}], "outcome": "as_expected"}),
            vec![Warehouse, Admin],
        ),
        (
            "POST",
            format!("/api/v1/returns/{r}/pass-inspection"),
            json!({}),
            vec![Warehouse, Admin],
        ),
        (
            "POST",
            format!("/api/v1/returns/{r}/fail-inspection"),
            json!({"reasons": ["x"]}),
            vec![Warehouse, Admin],
        ),
        (
            "POST",
            format!("/api/v1/returns/{r}/choose-send-back"),
            json!({"address": "x"}),
            vec![Owner, Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/returns/{r}/choose-buyback"),
            json!({}),
            vec![Owner, Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/refunds/{f}/send"),
            json!({"payment_reference": "P"}),
            vec![Finance, Admin],
        ),
        (
            "POST",
            format!("/api/v1/refunds/{f}/settle"),
            json!({}),
            vec![Finance, Admin],
        ),
        (
            "POST",
            format!("/api/v1/buyback/{b}/grade"),
            json!({"condition": {"grade": "fair", "missing_accessories": 0, "original_packaging": true}}),
            vec![Warehouse, Admin],
        ),
        (
            "POST",
            format!("/api/v1/buyback/{b}/quote"),
            json!({}),
            vec![Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/buyback/{b}/accept"),
            json!({}),
            vec![Owner, Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/buyback/{b}/decline"),
            json!({}),
            vec![Owner, Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/buyback/{b}/receive"),
            json!({}),
            vec![Warehouse, Admin],
        ),
        (
            "POST",
            format!("/api/v1/buyback/{b}/confirm"),
            json!({}),
            vec![Warehouse, Admin],
        ),
        (
            "POST",
            format!("/api/v1/buyback/{b}/revise"),
            json!({"amount": "1.00", "reasons": ["x"]}),
            vec![Warehouse, Admin],
        ),
        (
            "POST",
            format!("/api/v1/buyback/{b}/mark-paid"),
            json!({}),
            vec![Finance, Admin],
        ),
        (
            "POST",
            format!("/api/v1/appeals/{a}/uphold"),
            json!({"opinion": "x"}),
            vec![Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/appeals/{a}/change"),
            json!({"opinion": "x", "correction": {}}),
            vec![Agent, Admin],
        ),
        (
            "POST",
            format!("/api/v1/appeals/{a}/mediation"),
            json!({"mediator": "m", "notes": "n"}),
            vec![Agent, Admin],
        ),
        (
            "POST",
            format!("{o}/verify-payment"),
            json!({}),
            vec![Agent, Admin, Store],
        ),
        (
            "POST",
            format!("{o}/pack"),
            json!({}),
            vec![Warehouse, Admin],
        ),
        (
            "POST",
            format!("{o}/approve-photos"),
            json!({}),
            vec![Owner, Agent, Admin],
        ),
        (
            "POST",
            format!("{o}/cancel"),
            json!({"reason": "x"}),
            vec![Agent, Admin],
        ),
        (
            "POST",
            format!("{o}/sign"),
            json!({"signed_at": "2026-03-01T01:00:00Z"}),
            vec![Agent, Admin, Store],
        ),
        (
            "POST",
            format!("{o}/settle-returned-parcel"),
            json!({"return_processing_fee": {"amount": "1.00", "currency": "USD"}}),
            vec![Agent, Admin],
        ),
    ];
    t.push((
        "POST",
        "/api/v1/refunds".into(),
        json!({"source_case": r}),
        vec![Agent, Admin],
    ));
    t
}

async fn every_endpoint_refuses_everyone_outside_the_role_table(shop: Shop) {
    // Ana's order A-1 (signed) with a return, a buyback, an appeal and a refund; A-2 shipped.
    let ana = shipped_order(&shop, "A-1", "ana@example.com").await;
    shipped_order(&shop, "A-2", "ana@example.com").await;
    let bo = shipped_order(&shop, "B-1", "bo@example.com").await;
    shop.clock.set("2026-03-05T02:00:00Z".parse().unwrap());
    let store = Person::store(&shop);
    store
        .ok(
            "/api/v1/orders/A-1/sign",
            json!({"signed_at": "2026-03-05T01:00:00Z"}),
        )
        .await;
    let ana = {
        let _ = ana;
        Person::customer(&shop, "A-1", "ana@example.com").await
    };
    let agent = Person::staff(&shop, "agent").await;
    let warehouse = Person::staff(&shop, "warehouse").await;
    let finance = Person::staff(&shop, "finance").await;
    let admin = Person::staff(&shop, "admin").await;
    let bo = {
        let _ = bo;
        Person::customer(&shop, "B-1", "bo@example.com").await
    };
    let photo = ana.photo().await;
    let new_return = |desc: &'static str| {
        json!({"order_number": "A-1", "reason": "quality_issue", "lines": [{"sku": "LK-100", "quantity": 1}],
               "description": desc, "evidence": [&photo]})
    };
    let ret = ana.ok("/api/v1/returns", new_return("sticks")).await["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let rejected = ana.ok("/api/v1/returns", new_return("rattles")).await["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    agent
        .ok(
            &format!("/api/v1/returns/{rejected}/reject"),
            json!({"reasons": ["wear"]}),
        )
        .await;
    let appeal = ana
        .ok(
            "/api/v1/appeals",
            json!({"case_id": rejected, "subject": "review", "statement": "no", "evidence": [ana.photo().await]}),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let paid = ana.ok("/api/v1/returns", new_return("broken")).await["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    agent
        .ok(&format!("/api/v1/returns/{paid}/approve"), json!({}))
        .await;
    ana.ok(
        &format!("/api/v1/returns/{paid}/ship"),
        json!({"tracking_number": "T1"}),
    )
    .await;
    warehouse.ok(&format!("/api/v1/returns/{paid}/receive"),
        json!({"lines": [{"sku": "LK-100", "received": 1, "damaged": 0}], "outcome": "as_expected"})).await;
    warehouse
        .ok(
            &format!("/api/v1/returns/{paid}/pass-inspection"),
            json!({}),
        )
        .await;
    let (_, refund) = agent
        .post_keyed(
            "/api/v1/refunds",
            json!({"source_case": paid}),
            Some("fixture-grant"),
        )
        .await;
    let refund = refund["id"].as_str().unwrap().to_owned();
    let buyback = ana
        .ok(
            "/api/v1/buyback",
            json!({"order_number": "A-1", "lines": [{"sku": "LK-200", "quantity": 1}],
            "condition": {"grade": "good", "missing_accessories": 0, "original_packaging": true}}),
        )
        .await["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, photo) = ana.upload(jpeg_with_gps(), "p.jpg", "image/jpeg").await;
    let evidence = photo["id"].as_str().unwrap().to_owned();
    let fixture = Fixture {
        ret,
        buyback,
        appeal,
        refund,
        evidence,
    };
    let cases = [
        fixture.ret.clone(),
        fixture.buyback.clone(),
        fixture.appeal.clone(),
        fixture.refund.clone(),
    ];
    let before = versions(&agent, &cases).await;

    let anonymous = Person::anonymous(&shop);
    let person = |who: Who| match who {
        Who::Anonymous => &anonymous,
        Who::OtherCustomer => &bo,
        Who::Owner => &ana,
        Who::Agent => &agent,
        Who::Warehouse => &warehouse,
        Who::Finance => &finance,
        Who::Admin => &admin,
        Who::Store => &store,
    };
    let call = |p: &Person, method: &str, path: &str, body: &Value| {
        let request = match method {
            "GET" => p.client.get(format!("{}{path}", p.base)),
            _ => p
                .client
                .post(format!("{}{path}", p.base))
                .header("Idempotency-Key", format!("authz-{path}"))
                .json(body),
        };
        let request = match &p.bearer {
            Some(b) => request.bearer_auth(b),
            None => request,
        };
        async move { Person::answer(request.send().await.unwrap()).await }
    };
    let table = role_table(&fixture);
    let mut leaks = Vec::new();
    for (method, path, body, allowed) in &table {
        for who in EVERYONE.into_iter().filter(|w| !allowed.contains(w)) {
            let (status, answer) = call(person(who), method, path, body).await;
            let refused = match who {
                Who::Anonymous => status == 401,
                // Another customer does not learn that Ana's things exist.
                Who::OtherCustomer => {
                    status == 404
                        || (status == 403 && !path.contains(&fixture.ret) && !path.contains("A-"))
                }
                _ => status == 403 || (status == 409 && answer["code"] == "not_allowed_now"),
            };
            if !refused {
                leaks.push(format!("{who:?} {method} {path}: {status} {answer}"));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "access outside the role table:\n{}",
        leaks.join("\n")
    );
    assert_eq!(
        versions(&agent, &cases).await,
        before,
        "no refused request changed anything"
    );

    // And the table is not vacuous: each endpoint lets its roles through authorization.
    let mut refused_wrongly = Vec::new();
    for (method, path, body, allowed) in &table {
        for who in allowed {
            let (status, answer) = call(person(*who), method, path, body).await;
            if matches!(status, 401 | 403 | 404) {
                refused_wrongly.push(format!("{who:?} {method} {path}: {status} {answer}"));
            }
        }
    }
    assert!(
        refused_wrongly.is_empty(),
        "refused although the table allows:\n{}",
        refused_wrongly.join("\n")
    );

    // Where the store's key is let through, it reads orders and fulfilment, nothing else.
    for (method, path, body, allowed) in &table {
        if *method != "GET" || !allowed.contains(&Who::Store) {
            continue;
        }
        let (status, answer) = call(person(Who::Store), method, path, body).await;
        assert_eq!(status, 200, "{path}: {answer}");
        let text = answer.to_string();
        for secret in [
            &fixture.ret,
            &fixture.buyback,
            &fixture.appeal,
            &fixture.refund,
        ] {
            assert!(
                !text.contains(secret.as_str()),
                "the store's key read case {secret} at {path}: {text}"
            );
        }
        assert!(
            answer["cases"]
                .as_array()
                .is_none_or(|cases| cases.iter().all(|c| c["kind"] == "order")),
            "{path}: {text}"
        );
    }
}

async fn bad_input_on_case_endpoints_gets_a_4xx_naming_the_field_never_a_5xx(shop: Shop) {
    shipped_order(&shop, "LM-6", "ana@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    Person::store(&shop)
        .ok(
            "/api/v1/orders/LM-6/sign",
            json!({"signed_at": "2026-03-12T01:00:00Z"}),
        )
        .await;
    let ana = Person::customer(&shop, "LM-6", "ana@example.com").await;
    let agent = Person::staff(&shop, "agent").await;
    let warehouse = Person::staff(&shop, "warehouse").await;
    let good = json!({"order_number": "LM-6", "reason": "quality_issue",
        "lines": [{"sku": "LK-100", "quantity": 1}], "description": "x", "evidence": [ana.photo().await]});
    let (_, submitted) = ana.post("/api/v1/returns", good.clone()).await;
    let id = submitted["case"]["id"].as_str().unwrap().to_owned();
    let with = |path: &str, value: Value| {
        let mut body = good.clone();
        let mut target = &mut body;
        let parts: Vec<&str> = path.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            target = match part.parse::<usize>() {
                Ok(i) => &mut target[i],
                Err(_) => &mut target[*part],
            };
        }
        target[parts[parts.len() - 1]] = value;
        body
    };
    let cases: Vec<(&Person, String, Value, &str)> = vec![
        (
            &ana,
            "/api/v1/returns".into(),
            with("reason", json!("bored")),
            "reason",
        ),
        (
            &ana,
            "/api/v1/returns".into(),
            with("lines.0.quantity", json!(-1)),
            "lines[0].quantity",
        ),
        (
            &ana,
            "/api/v1/returns".into(),
            with("lines.0.quantity", json!(99)),
            "lines[0].quantity",
        ),
        (
            &ana,
            "/api/v1/returns".into(),
            with("lines.0.quantity", json!(1e30)),
            "lines[0].quantity",
        ),
        (
            &ana,
            "/api/v1/returns".into(),
            with("return_costs", json!("-5.00")),
            "return_costs",
        ),
        (
            &ana,
            "/api/v1/returns".into(),
            with("return_costs", json!("1e400")),
            "return_costs",
        ),
        (
            &ana,
            "/api/v1/returns".into(),
            with("surprise", json!(true)),
            "surprise",
        ),
        (
            &ana,
            "/api/v1/buyback".into(),
            json!({"order_number": "LM-6", "lines": [{"sku": "LK-100", "quantity": 1}],
                   "condition": {"grade": "shiny", "missing_accessories": 0, "original_packaging": true}}),
            "condition.grade",
        ),
        (
            &ana,
            "/api/v1/appeals".into(),
            json!({"case_id": id, "subject": "everything", "statement": "x", "evidence": ["e"]}),
            "subject",
        ),
        (
            &agent,
            format!("/api/v1/returns/{id}/approve"),
            json!({"version": -3}),
            "version",
        ),
        (
            &agent,
            format!("/api/v1/returns/{id}/reject"),
            json!({"reasons": "not a list"}),
            "reasons",
        ),
        (
            &agent,
            format!("/api/v1/returns/{id}/approve"),
            json!({"extra": 1}),
            "extra",
        ),
        (
            &warehouse,
            format!("/api/v1/returns/{id}/receive"),
            json!({"lines": [{"sku": "LK-100", "received": -1, "damaged": 0}], "outcome": "as_expected"}),
            "lines[0].received",
        ),
        (
            &warehouse,
            format!("/api/v1/returns/{id}/receive"),
            json!({"lines": [{"sku": "LK-100", "received": 1, "damaged": 0}], "outcome": "teleported"}),
            "outcome",
        ),
        (
            &agent,
            "/api/v1/orders/LM-6/settle-returned-parcel".into(),
            json!({"return_processing_fee": {"amount": "99999999999999999999.00", "currency": "USD"}}),
            "return_processing_fee",
        ),
        (
            &agent,
            "/api/v1/orders/LM-6/returned-to-sender".into(),
            json!({"reason": "aliens"}),
            "reason",
        ),
        (
            &agent,
            "/api/v1/orders/LM-6/sign".into(),
            json!({"signed_at": "yesterday"}),
            "signed_at",
        ),
    ];
    for (who, path, body, field) in cases {
        let (status, problem) = who.post(&path, body.clone()).await;
        assert!(
            (400..500).contains(&status),
            "{path} {body}: {status} {problem}"
        );
        assert_eq!(
            problem["field"].as_str(),
            Some(field),
            "{path} {body}: {problem}"
        );
    }
    // Bodies that are not JSON at all.
    let raw = agent
        .client
        .post(format!("{}/api/v1/refunds", shop.base))
        .header("Idempotency-Key", "k")
        .header("content-type", "application/json")
        .body("{\"source_case\": ")
        .send()
        .await
        .unwrap();
    assert!((400..500).contains(&raw.status().as_u16()));
    let (status, problem) = agent.get("/api/v1/queue?limit=lots").await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("limit")),
        "{problem}"
    );
    for limit in ["0", "201"] {
        let (status, problem) = agent.get(&format!("/api/v1/queue?limit={limit}")).await;
        assert_eq!(
            (status, problem["field"].as_str()),
            (422, Some("limit")),
            "limit={limit}: {problem}"
        );
    }
    let (status, problem) = agent.get("/api/v1/queue?cursor=garbage").await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("cursor")),
        "{problem}"
    );
    let (status, problem) = agent.get("/api/v1/queue?kind=spaceship").await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("kind")),
        "{problem}"
    );
    let admin = Person::staff(&shop, "admin").await;
    let (status, problem) = admin
        .post(
            "/api/v1/api-keys",
            json!({"name": "k".repeat(201), "scopes": ["orders:write"]}),
        )
        .await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("name")),
        "{problem}"
    );
}

/// The portal's request wizard over plain HTTP: another customer's order is "not found", a
/// form without the session's token is refused, a bad quantity is named next to its field with
/// the other answers kept, a preview opens nothing, and sending an exchange opens a return
/// marked as an exchange.
async fn the_request_wizard_checks_every_answer_and_opens_nothing_until_sent(shop: Shop) {
    shipped_order(&shop, "LM-W1", "ana@example.com").await;
    shipped_order(&shop, "LM-W2", "bo@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    for n in ["LM-W1", "LM-W2"] {
        Person::store(&shop)
            .ok(
                &format!("/api/v1/orders/{n}/sign"),
                json!({"signed_at": "2026-03-12T01:00:00Z"}),
            )
            .await;
    }
    // An hour after signing, the portal offers the transport-damage report with the exact end
    // of its 48 hours in the shop's time (signed 09:00 on 12 March in Shanghai).
    let early = Person::customer(&shop, "LM-W1", "ana@example.com").await;
    let orders = early.get_raw("/").await.text().await.unwrap();
    assert!(
        orders.contains(
            "Report damage found at signing until 14 March 2026 at 09:00 (Asia/Shanghai time)"
        ) && orders.contains("reason=transport_damage"),
        "{orders}"
    );
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
    let ana = Person::customer(&shop, "LM-W1", "ana@example.com").await;
    let orders = ana.get_raw("/").await.text().await.unwrap();
    assert!(
        !orders.contains("Report damage") && orders.contains("possible until 26 March 2026"),
        "past 48 hours the damage report is gone, the 14-day return stays: {orders}"
    );
    assert_eq!(ana.get_raw("/orders/LM-W2/request").await.status(), 404);
    let html = ana
        .get_raw("/orders/LM-W1/request")
        .await
        .text()
        .await
        .unwrap();
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let send = |fields: Vec<(&'static str, String)>| {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k, v);
        }
        ana.client
            .post(format!("{}/orders/LM-W1/request", shop.base))
            .multipart(form)
            .send()
    };
    let answers = |csrf: &str, qty: &str, kind: &str, step: &str| {
        vec![
            ("csrf", csrf.to_owned()),
            ("kind", kind.to_owned()),
            ("qty:LK-100", qty.to_owned()),
            ("qty:LK-200", "0".to_owned()),
            ("reason", "wrong_item".to_owned()),
            ("description", "I ordered the black one.".to_owned()),
            ("step", step.to_owned()),
        ]
    };
    let forged = send(answers("", "1", "return", "send")).await.unwrap();
    assert_eq!(forged.status(), 403, "no token, no request");

    let bad = send(answers(&csrf, "5", "return", "preview"))
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let body = bad.text().await.unwrap();
    assert!(
        body.contains("id=\"lines-error\"") && body.contains("from 0 to 2"),
        "{body}"
    );
    assert!(body.contains("I ordered the black one."), "answers kept");
    assert!(body.contains("value=\"5\""), "the bad value is shown");

    let before = Person::staff(&shop, "agent")
        .await
        .get("/api/v1/orders/LM-W1")
        .await
        .1["cases"]
        .as_array()
        .unwrap()
        .len();
    // A buyback applicant who reports a quality problem inside its window, with the product
    // intact and boxed, hears that a return gives more; worn and unboxed, the quote stands.
    let buyback = |grade: &str, boxed: bool| {
        let mut fields = answers(&csrf, "1", "buyback", "preview");
        fields.push(("grade", grade.to_owned()));
        fields.push(("missing_accessories", "0".to_owned()));
        fields.push(("defect", "quality_issue".to_owned()));
        if boxed {
            fields.push(("original_packaging", "yes".to_owned()));
        }
        fields
    };
    let body = send(buyback("good", true))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("Ask for a return instead") && body.contains("A return gives you more"),
        "{body}"
    );
    let body = send(buyback("worn", false))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("would not pass inspection") && !body.contains("Ask for a return instead"),
        "{body}"
    );
    // Without photos, the exchange's return could not open: the preview says what is missing.
    let preview = send(answers(&csrf, "1", "exchange", "preview"))
        .await
        .unwrap();
    let body = preview.text().await.unwrap();
    assert!(body.contains("Add clear photos or videos"), "{body}");
    assert!(!body.contains("value=\"send\""), "no send button: {body}");
    let (status, photo) = ana.upload(jpeg_with_gps(), "latch.jpg", "image/jpeg").await;
    assert_eq!(status, 201, "{photo}");
    let photo = photo["id"].as_str().unwrap().to_owned();
    let with_photo = |step: &str| {
        let mut fields = answers(&csrf, "1", "exchange", step);
        fields.push(("evidence", photo.clone()));
        fields
    };
    let preview = send(with_photo("preview")).await.unwrap();
    assert_eq!(preview.status(), 200);
    let body = preview.text().await.unwrap();
    assert!(
        body.contains("What the policy decides") && body.contains("value=\"send\""),
        "{body}"
    );
    let agent = Person::staff(&shop, "agent").await;
    let after_preview = agent.get("/api/v1/orders/LM-W1").await.1["cases"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(after_preview, before, "a preview opens nothing");

    let sent = send(with_photo("send")).await.unwrap();
    assert_eq!(sent.status(), 303);
    let location = sent.headers()["location"].to_str().unwrap().to_owned();
    let id = location.strip_prefix("/cases/").unwrap();
    let (_, case) = agent.get(&format!("/api/v1/cases/{id}")).await;
    assert_eq!(case["kind"], "return", "{case}");
    assert!(
        case["data"]["description"]
            .as_str()
            .unwrap()
            .starts_with("Exchange wanted"),
        "{case}"
    );
    assert_eq!(case["data"]["evidence"][0], photo.as_str(), "{case}");
}

/// A page write from another site is refused before its handler runs, whatever the page: the
/// sign-ins, a signed-in step, an upload. The browser meets an HTML page, and nothing changes.
async fn page_writes_from_another_site_are_refused_as_a_page(shop: Shop) {
    let ana = shipped_order(&shop, "LM-1", "ana@example.com").await;
    let agent = Person::staff(&shop, "agent").await;
    let case = ana.get("/api/v1/orders/LM-1").await.1["cases"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = agent.get(&format!("/api/v1/cases/{case}")).await.1["version"].clone();
    for (who, path) in [
        (&ana, "/sign-in".to_owned()),
        (&agent, "/staff/sign-in".to_owned()),
        (&ana, "/sign-in/some-token".to_owned()),
        (&agent, format!("/staff/cases/{case}/cancel")),
        (
            &agent,
            format!("/staff/cases/{case}/files/submit-assembly-media"),
        ),
        (&ana, format!("/cases/{case}/appeal")),
        (&agent, "/staff/admin/import".to_owned()),
    ] {
        for (header, value) in [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://elsewhere.example"),
        ] {
            let response = who
                .client
                .post(format!("{}{path}", shop.base))
                .header(header, value)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("reason=gone")
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            let kind = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let page = response.text().await.unwrap();
            assert_eq!(status, 403, "{path} with {header}: {page}");
            assert!(kind.starts_with("text/html"), "{path}: {kind}");
            assert!(page.contains("<link rel=\"stylesheet\""), "{path}: {page}");
        }
    }
    let after = agent.get(&format!("/api/v1/cases/{case}")).await.1["version"].clone();
    assert_eq!(before, after, "nothing was changed");
}

/// Order LM-1 shipped and signed on 12 March; on 20 March its customer, signed in again,
/// requests a return of one LK-100 with a photo. Answers the customer and the return's id.
pub(crate) async fn requested_return(shop: &Shop) -> (Person, String) {
    requested_return_of(shop, order_json("LM-1", "ana@example.com")).await
}

/// `requested_return` of an order as given (its customer is ana@example.com).
pub(crate) async fn requested_return_of(shop: &Shop, order: Value) -> (Person, String) {
    let number = order["number"].as_str().unwrap().to_owned();
    signed_order_from(shop, order).await;
    let ana = Person::customer(shop, &number, "ana@example.com").await;
    let (status, photo) = ana.upload(jpeg_with_gps(), "latch.jpg", "image/jpeg").await;
    assert_eq!(status, 201, "{photo}");
    let submitted = ana
        .ok(
            "/api/v1/returns",
            json!({"order_number": number, "reason": "quality_issue",
                   "lines": [{"sku": "LK-100", "quantity": 1}],
                   "description": "The latch sticks.", "evidence": [photo["id"]]}),
        )
        .await;
    let id = submitted["case"]["id"].as_str().unwrap().to_owned();
    (ana, id)
}

/// Tracking numbers, outbound and back, show on both sides and find their case in the console.
async fn tracking_numbers_show_on_both_sides_and_find_their_case(shop: Shop) {
    let (ana, id) = requested_return(&shop).await;
    let agent = Person::staff(&shop, "agent").await;
    // Outbound: the customer's order page and the staff's, and the console's search.
    for (who, path) in [
        (&ana, "/orders/LM-1"),
        (&ana, "/"),
        (&agent, "/staff/orders/LM-1"),
    ] {
        let html = page(who, path).await;
        assert!(
            html.contains("JD014600") && html.contains("https://www.dhl.com/track?id=JD014600"),
            "{path}: {html}"
        );
    }
    let found = page(&agent, "/staff/cases?q=jd014600&closed=yes").await;
    assert!(found.contains("LM-1"), "{found}");
    // Back: the customer's return parcel.
    agent
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await;
    ana.ok(
        &format!("/api/v1/returns/{id}/ship"),
        json!({"tracking_number": "rr123456789cn"}),
    )
    .await;
    let case_page = page(&ana, &format!("/cases/{id}")).await;
    assert!(case_page.contains("rr123456789cn"), "{case_page}");
    assert!(
        case_page.contains("1 × Smart lock (LK-100)")
            && case_page.contains("You wrote")
            && case_page.contains("The latch sticks."),
        "the customer's case shows the items by name and their own words: {case_page}"
    );
    let found = page(&agent, "/staff/cases?q=RR123456789CN").await;
    assert!(found.contains(&format!("/staff/cases/{id}")), "{found}");
    let staff_case = page(&agent, &format!("/staff/cases/{id}")).await;
    assert!(
        staff_case.contains("rr123456789cn")
            && staff_case.contains("1 × Smart lock (LK-100)")
            && staff_case.contains("Customer says"),
        "{staff_case}"
    );
}

/// A refused staff step comes back as its form, with what was typed and the reason at the field
/// it concerns, in plain words; the page answers 422 and nothing was recorded.
async fn a_refused_staff_step_shows_its_reason_at_the_field_and_keeps_the_input(shop: Shop) {
    let (ana, id) = requested_return(&shop).await;
    Person::staff(&shop, "agent")
        .await
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await;
    let warehouse = Person::staff(&shop, "warehouse").await;
    let csrf = csrf_of(&warehouse).await;
    let version = warehouse.get(&format!("/api/v1/cases/{id}")).await.1["version"]
        .as_i64()
        .unwrap()
        .to_string();
    let response = warehouse
        .client
        .post(format!("{}/staff/cases/{id}/receive", shop.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("received:LK-100", "1"),
            ("damaged:LK-100", "5"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(r#"id="receive-damaged:LK-100" name="damaged:LK-100" type="number" value="5""#)
            && page.contains(r#"aria-invalid="true" aria-describedby="receive-damaged:LK-100-error""#)
            && page.contains(r#"<p class="error" id="receive-damaged:LK-100-error">Cannot be more than the units received</p>"#),
        "{page}"
    );
    assert!(!page.contains("lines[0]"), "no internal paths: {page}");
    let after = warehouse.get(&format!("/api/v1/cases/{id}")).await.1;
    assert_eq!(after["state"], "approved", "nothing was recorded");

    // The printable RMA slip: the customer's and staff's, nobody else's.
    let rma = after["rma"].as_str().unwrap().to_owned();
    let slip = self::page(&ana, &format!("/cases/{id}/slip")).await;
    for needle in [
        rma.as_str(),
        &format!(r#"<svg role="img" aria-label="QR code of {rma}""#),
        "Haigang Road",
        "Ana Lima",
        "Rua das Flores 12",
        "LK-100",
        "Smart lock",
        "Returned goods",
    ] {
        assert!(slip.contains(needle), "{needle}: {slip}");
    }
    assert_eq!(
        warehouse
            .get_raw(&format!("/cases/{id}/slip"))
            .await
            .status(),
        200
    );
    let bo = shipped_order(&shop, "LM-2", "bo@example.com").await;
    assert_eq!(bo.get_raw(&format!("/cases/{id}/slip")).await.status(), 404);
}

/// A step that cannot be undone asks to be confirmed, server-side too; a step that went through
/// says so on the page the person lands on.
async fn irreversible_steps_are_confirmed_and_every_step_says_it_is_done(shop: Shop) {
    let (_, id) = requested_return(&shop).await;
    let agent = Person::staff(&shop, "agent").await;
    let csrf = csrf_of(&agent).await;
    let reject = |confirm: bool| {
        let mut form = vec![
            ("csrf", csrf.clone()),
            ("reasons", "Worn by use".to_owned()),
        ];
        if confirm {
            form.push(("confirm", "yes".to_owned()));
        }
        agent
            .client
            .post(format!("{}/staff/cases/{id}/reject", shop.base))
            .form(&form)
            .send()
    };
    // Each role's dashboard puts its own work first: the request is the agent's, not the
    // warehouse's.
    let your_work = |html: &str| {
        html.split("<h2>Your work</h2>")
            .nth(1)
            .and_then(|rest| rest.split("<h2>").next())
            .unwrap_or_default()
            .to_owned()
    };
    let agents = your_work(&page(&agent, "/staff").await);
    assert!(
        agents.contains("Return: requested") && agents.contains("<strong>0</strong> due today"),
        "{agents}"
    );
    // On the review's last day the request is due today, in the total and on its step.
    let due = agent.get(&format!("/api/v1/cases/{id}")).await.1["deadline"]
        .as_str()
        .unwrap()
        .to_owned();
    shop.clock.set(format!("{due}T02:00:00Z").parse().unwrap());
    let on_the_day = your_work(&page(&Person::staff(&shop, "agent").await, "/staff").await);
    assert!(
        on_the_day.contains("<strong>1</strong> due today")
            && on_the_day.contains(r#"<span class="badge">1 due today</span>"#),
        "{on_the_day}"
    );
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
    let warehouse = Person::staff(&shop, "warehouse").await;
    let theirs = page(&warehouse, "/staff").await;
    assert!(
        !your_work(&theirs).contains("Return: requested") && theirs.contains("Other open cases"),
        "{theirs}"
    );
    let unconfirmed = reject(false).await.unwrap();
    assert_eq!(unconfirmed.status(), 422);
    let refused = unconfirmed.text().await.unwrap();
    assert!(
        refused.contains(r#"<p class="error" id="reject-confirm-error">Tick the box to confirm; this cannot be undone</p>"#)
            && refused.contains("Worn by use"),
        "{refused}"
    );
    assert_eq!(
        agent.get(&format!("/api/v1/cases/{id}")).await.1["state"],
        "requested"
    );
    let done = reject(true).await.unwrap();
    assert_eq!(done.status(), 303, "Post/Redirect/Get");
    let location = done.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("/staff/cases/{id}?done=reject"));
    let landed = page(&agent, &location).await;
    assert!(
        landed.contains(r#"<p class="notice" role="status">Done: Reject.</p>"#),
        "{landed}"
    );
    assert_eq!(
        agent.get(&format!("/api/v1/cases/{id}")).await.1["state"],
        "rejected"
    );
}

/// An admin sets the shop's name, return warehouse and contact address on the console: a
/// refusal sits at its field; once saved, new RMAs send parcels to the new warehouse and
/// e-mails are signed with the new name.
async fn the_shop_profile_is_set_by_an_admin_and_used_by_new_rmas_and_e_mails(shop: Shop) {
    let admin = Person::staff(&shop, "admin").await;
    let csrf = csrf_of(&admin).await;
    let save = |email: &str| {
        admin
            .client
            .post(format!("{}/staff/admin/shop", shop.base))
            .form(&[
                ("csrf", csrf.as_str()),
                ("name", "Locks & Co"),
                (
                    "return_address",
                    "Locks & Co Returns, 1 Dock Road, Shenzhen, China",
                ),
                ("contact_email", email),
            ])
            .send()
    };
    let refused = save("care at locks").await.unwrap();
    assert_eq!(refused.status(), 422);
    let form = refused.text().await.unwrap();
    assert!(
        form.contains(
            r#"<p class="error" id="shop-contact_email-error">Is not an e-mail address</p>"#
        ) && form.contains("1 Dock Road"),
        "{form}"
    );
    let saved = save("care@locks.example").await.unwrap();
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()["location"], "/staff/admin?saved=shop");
    let landed = page(&admin, "/staff/admin?saved=shop").await;
    assert!(
        landed.contains("profile is saved: pages, e-mails and new RMAs use it"),
        "{landed}"
    );
    let agent = Person::staff(&shop, "agent").await;
    assert_eq!(
        agent.get_raw("/staff/admin").await.status(),
        403,
        "only admins set the profile"
    );

    let (_, id) = requested_return(&shop).await;
    // Eight days on, the agent signs in again.
    let approved = Person::staff(&shop, "agent")
        .await
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await;
    assert_eq!(
        approved["data"]["return_address"],
        "Locks & Co Returns, 1 Dock Road, Shenzhen, China"
    );
    let mail = shop
        .mail_containing("ana@example.com", "Return approved")
        .await;
    assert!(
        mail.text.contains("1 Dock Road")
            && mail.text.contains("Locks & Co customer service")
            && mail.text.contains("care@locks.example"),
        "{}",
        mail.text
    );
}

/// An admin deactivates a staff account (confirmed; never their own): its session ends and it
/// cannot sign in; reactivated, it can again.
async fn an_admin_deactivates_and_reactivates_a_staff_account(shop: Shop) {
    let admin = Person::staff(&shop, "admin").await;
    let agent = Person::staff(&shop, "agent").await;
    let csrf = csrf_of(&admin).await;
    let (agent_id, admin_id) = (
        account_id(&admin, "agent@shop.example").await,
        account_id(&admin, "admin@shop.example").await,
    );
    let change = |id: &str, change: &str, confirm: bool| {
        let mut form = vec![("csrf", csrf.clone())];
        if confirm {
            form.push(("confirm", "yes".to_owned()));
        }
        admin
            .client
            .post(format!("{}/staff/admin/staff/{id}/{change}", shop.base))
            .form(&form)
            .send()
    };
    assert_eq!(
        change(&agent_id, "deactivate", false)
            .await
            .unwrap()
            .status(),
        422
    );
    let own = change(&admin_id, "deactivate", true).await.unwrap();
    assert_eq!(own.status(), 422);
    assert!(
        own.text()
            .await
            .unwrap()
            .contains("cannot deactivate your own account")
    );
    assert_eq!(agent.get("/api/v1/session").await.0, 200, "still signed in");

    let done = change(&agent_id, "deactivate", true).await.unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(
        done.headers()["location"],
        format!("/staff/admin/staff/{agent_id}?saved=deactivated")
    );
    assert_eq!(
        agent.get("/api/v1/session").await.0,
        401,
        "its session ended"
    );
    let again = Person::anonymous(&shop)
        .post(
            "/api/v1/session",
            json!({"email": "agent@shop.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(again.0, 401, "{}", again.1);
    let listed = page(
        &admin,
        &format!("/staff/admin/staff/{agent_id}?saved=deactivated"),
    )
    .await;
    assert!(
        listed.contains("The account is deactivated") && listed.contains("agent (deactivated)"),
        "{listed}"
    );

    assert_eq!(
        change(&agent_id, "reactivate", false)
            .await
            .unwrap()
            .status(),
        303
    );
    Person::staff(&shop, "agent").await;

    // A refused new key: the reason at its field, the scopes as they were ticked.
    let long_name = "x".repeat(201);
    let refused = admin
        .client
        .post(format!("{}/staff/admin/api-keys", shop.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("key_name", long_name.as_str()),
            ("scopes", "orders:write"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let form = refused.text().await.unwrap();
    assert!(
        form.contains(r#"aria-describedby="key_name-error""#)
            && form.contains(r#"<p class="error" id="key_name-error">"#)
            && form.contains(r#"value="orders:write" checked"#),
        "{form}"
    );
}

aftercare_store::on_both_databases!(|store| spawn(store).await;
    a_return_goes_from_the_customers_request_to_the_refund_sent,
    the_order_is_one_account_across_its_cases,
    json_writes_must_say_they_are_json_and_signed_in_answers_are_not_cached,
    a_buyback_with_a_revised_offer_is_accepted_and_paid,
    an_undeliverable_parcel_is_refunded_after_deductions,
    an_appeal_against_a_rejection_is_upheld_with_a_final_opinion,
    staff_sign_in_is_throttled_and_says_the_same_for_unknown_accounts,
    evidence_is_judged_by_content_cleaned_and_shown_only_to_its_owner_and_staff,
    every_endpoint_refuses_everyone_outside_the_role_table,
    bad_input_on_case_endpoints_gets_a_4xx_naming_the_field_never_a_5xx,
    the_request_wizard_checks_every_answer_and_opens_nothing_until_sent,
    page_writes_from_another_site_are_refused_as_a_page,
    tracking_numbers_show_on_both_sides_and_find_their_case,
    a_refused_staff_step_shows_its_reason_at_the_field_and_keeps_the_input,
    irreversible_steps_are_confirmed_and_every_step_says_it_is_done,
    the_shop_profile_is_set_by_an_admin_and_used_by_new_rmas_and_e_mails,
    an_admin_deactivates_and_reactivates_a_staff_account,
);
