//! The connections over HTTP, on both databases: refunds through a local fake of Stripe's API
//! (which also plays lost answers, timeouts, refusals and replays), Stripe's signed webhooks,
//! and the Shopify store's signed order and fulfilment webhooks. Nothing reaches the internet.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aftercare_app::connections::WebhookSecret;
use aftercare_app::payments::{Stripe, StripeSettings};
use aftercare_store::AnyStore;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::journeys::requested_return_of;
use crate::support::{Person, Shop, order_json, page, shipped_order, spawn_with};

const STRIPE_KEY: &str = "sk_test_fake";
const STRIPE_HOOK_SECRET: &str = "whsec_fake_stripe";
const SHOPIFY_SECRET: &str = "shpss_fake_shopify";
const AFTERSHIP_SECRET: &str = "aftership_fake_secret";

/// What the fake does with the next refund asked of it.
#[derive(Debug, Clone, Copy)]
enum Act {
    /// Makes it and answers.
    Answer,
    /// Answers 500 without making it.
    FailBefore,
    /// Makes it, then answers 500: the answer is lost, the money moved.
    FailAfter,
    /// Makes it, then answers after the client has given up.
    SlowAfter,
    /// Refuses it, as Stripe does a disputed charge.
    Refuse,
}

#[derive(Debug, Default)]
struct Books {
    /// Payment id: its currency.
    payments: HashMap<String, String>,
    /// Every refund made: money that moved.
    refunds: Vec<Value>,
    /// Answers kept by idempotency key, replayed as Stripe does.
    by_key: HashMap<String, Value>,
    script: VecDeque<Act>,
    /// The status of refunds made from now on.
    status: String,
    /// Refund requests received (with or without a refund made).
    asked: usize,
}

#[derive(Clone)]
struct FakeStripe {
    base: String,
    books: Arc<Mutex<Books>>,
}

impl FakeStripe {
    async fn start() -> FakeStripe {
        let books = Arc::new(Mutex::new(Books {
            status: "pending".into(),
            ..Books::default()
        }));
        let app = axum::Router::new()
            .route("/v1/payment_intents/{id}", axum::routing::get(payment))
            .route("/v1/charges/{id}", axum::routing::get(payment))
            .route(
                "/v1/refunds",
                axum::routing::get(list_refunds).post(create_refund),
            )
            .route("/v1/refunds/{id}", axum::routing::get(one_refund))
            .with_state(books.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        FakeStripe { base, books }
    }

    fn books(&self) -> std::sync::MutexGuard<'_, Books> {
        self.books.lock().unwrap()
    }

    fn refunds_of(&self, payment: &str) -> Vec<Value> {
        self.books()
            .refunds
            .iter()
            .filter(|r| r["payment_intent"] == payment)
            .cloned()
            .collect()
    }

    fn settle(&self, id: &str, status: &str, reason: Option<&str>) -> Value {
        let mut books = self.books();
        let refund = books.refunds.iter_mut().find(|r| r["id"] == id).unwrap();
        refund["status"] = json!(status);
        refund["failure_reason"] = json!(reason);
        refund.clone()
    }
}

fn stripe_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"type": "invalid_request_error", "code": code, "message": message}})),
    )
        .into_response()
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok())
        == Some(&format!("Bearer {STRIPE_KEY}"))
}

async fn payment(
    State(books): State<Arc<Mutex<Books>>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !authorised(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "api_key_invalid", "bad key");
    }
    match books.lock().unwrap().payments.get(&id) {
        Some(currency) => Json(json!({"id": id, "currency": currency})).into_response(),
        None => stripe_error(StatusCode::NOT_FOUND, "resource_missing", "No such payment"),
    }
}

async fn list_refunds(
    State(books): State<Arc<Mutex<Books>>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if !authorised(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "api_key_invalid", "bad key");
    }
    let payment = query
        .get("payment_intent")
        .or_else(|| query.get("charge"))
        .cloned()
        .unwrap_or_default();
    let data: Vec<Value> = books
        .lock()
        .unwrap()
        .refunds
        .iter()
        .filter(|r| r["payment_intent"] == payment.as_str())
        .cloned()
        .collect();
    Json(json!({"object": "list", "data": data})).into_response()
}

async fn one_refund(
    State(books): State<Arc<Mutex<Books>>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !authorised(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "api_key_invalid", "bad key");
    }
    match books
        .lock()
        .unwrap()
        .refunds
        .iter()
        .find(|r| r["id"] == id.as_str())
    {
        Some(refund) => Json(refund.clone()).into_response(),
        None => stripe_error(StatusCode::NOT_FOUND, "resource_missing", "No such refund"),
    }
}

async fn create_refund(
    State(books): State<Arc<Mutex<Books>>>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> Response {
    if !authorised(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "api_key_invalid", "bad key");
    }
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        !key.is_empty(),
        "every refund is asked with an idempotency key"
    );
    let (act, refund) = {
        let mut books = books.lock().unwrap();
        books.asked += 1;
        if let Some(kept) = books.by_key.get(&key) {
            return Json(kept.clone()).into_response();
        }
        let act = books.script.pop_front().unwrap_or(Act::Answer);
        if matches!(act, Act::FailBefore) {
            return stripe_error(StatusCode::INTERNAL_SERVER_ERROR, "api_error", "try again");
        }
        if matches!(act, Act::Refuse) {
            return stripe_error(
                StatusCode::BAD_REQUEST,
                "charge_disputed",
                "The charge is disputed and cannot be refunded.",
            );
        }
        let payment = form["payment_intent"].clone();
        let currency = books.payments[&payment].clone();
        let metadata: HashMap<String, String> = form
            .iter()
            .filter_map(|(k, v)| {
                Some((
                    k.strip_prefix("metadata[")?.strip_suffix(']')?.to_owned(),
                    v.clone(),
                ))
            })
            .collect();
        let refund = json!({
            "id": format!("re_{}", books.refunds.len() + 1),
            "object": "refund",
            "amount": form["amount"].parse::<i64>().unwrap(),
            "currency": currency,
            "status": books.status,
            "payment_intent": payment,
            "failure_reason": null,
            "metadata": metadata,
        });
        books.refunds.push(refund.clone());
        books.by_key.insert(key, refund.clone());
        (act, refund)
    };
    match act {
        Act::FailAfter => stripe_error(StatusCode::INTERNAL_SERVER_ERROR, "api_error", "try again"),
        Act::SlowAfter => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            Json(refund).into_response()
        }
        _ => Json(refund).into_response(),
    }
}

/// The server connected to the fake Stripe (answers within one second) and to Shopify.
async fn connected(store: impl Into<AnyStore>) -> (Shop, FakeStripe) {
    let stripe = FakeStripe::start().await;
    let settings = StripeSettings {
        base_url: stripe.base.clone(),
        secret_key: STRIPE_KEY.into(),
        webhook_secret: Some(STRIPE_HOOK_SECRET.into()),
        methods: vec!["card".into()],
        timeout: Duration::from_secs(1),
    };
    let shop = spawn_with(store, |app| {
        app.with_stripe(Stripe::new(settings).unwrap())
            .with_shopify(WebhookSecret(SHOPIFY_SECRET.into()))
            .with_aftership(WebhookSecret(AFTERSHIP_SECRET.into()))
    })
    .await;
    (shop, stripe)
}

/// An order paid through Stripe, returned and inspected, and the refund an agent granted.
async fn granted_refund(shop: &Shop, stripe: &FakeStripe, number: &str, payment: &str) -> String {
    stripe.books().payments.insert(payment.into(), "usd".into());
    let mut order = order_json(number, "ana@example.com");
    order["payment_id"] = json!(payment);
    let (_, id) = requested_return_of(shop, order).await;
    let agent = Person::staff(shop, "agent").await;
    let warehouse = Person::staff(shop, "warehouse").await;
    agent
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await;
    let customer = Person::customer(shop, number, "ana@example.com").await;
    customer
        .ok(
            &format!("/api/v1/returns/{id}/ship"),
            json!({"tracking_number": format!("BACK-{number}")}),
        )
        .await;
    warehouse
        .ok(
            &format!("/api/v1/returns/{id}/receive"),
            json!({"lines": [{"sku": "LK-100", "received": 1, "damaged": 0}], "outcome": "as_expected"}),
        )
        .await;
    warehouse
        .ok(&format!("/api/v1/returns/{id}/pass-inspection"), json!({}))
        .await;
    let (status, refund) = agent
        .post_keyed(
            "/api/v1/refunds",
            json!({"source_case": id}),
            Some(&format!("grant-{number}")),
        )
        .await;
    assert_eq!(status, 201, "{refund}");
    refund["id"].as_str().unwrap().to_owned()
}

async fn send(finance: &Person, refund: &str, key: &str) -> (u16, Value) {
    finance
        .post_keyed(
            &format!("/api/v1/refunds/{refund}/send"),
            json!({}),
            Some(key),
        )
        .await
}

/// Posts a body to a webhook endpoint of the server with the headers its sender signs it with.
async fn post_signed(
    shop: &Shop,
    path: &str,
    headers: &[(&str, String)],
    body: &str,
) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}{path}", shop.base))
        .header("content-type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    Person::answer(request.body(body.to_owned()).send().await.unwrap()).await
}

async fn stripe_event(shop: &Shop, event: &Value, secret: &str) -> (u16, Value) {
    let body = event.to_string();
    let at = aftercare_core::clock::Clock::now(shop.clock.as_ref()).as_second();
    let signature = aftercare_app::payments::sign(secret, body.as_bytes(), at).unwrap();
    post_signed(
        shop,
        "/api/v1/stripe/events",
        &[("stripe-signature", signature)],
        &body,
    )
    .await
}

/// A lost answer, a timeout and a client that retries with a new key of its own: Stripe is asked
/// with one idempotency key for the refund, so it pays once; its webhook settles it, once.
async fn a_refund_through_stripe_is_paid_once_whatever_fails((shop, stripe): (Shop, FakeStripe)) {
    let refund = granted_refund(&shop, &stripe, "ST-1", "pi_ST1").await;
    let finance = Person::staff(&shop, "finance").await;
    let agent = Person::staff(&shop, "agent").await;

    // Stripe's own checks come after the machine's: an agent cannot send it, and Stripe hears
    // nothing of it.
    let (status, _) = send(&agent, &refund, "agent-try").await;
    assert_eq!(status, 403);
    assert_eq!(stripe.books().asked, 0);

    stripe.books().script = [Act::FailBefore, Act::FailAfter].into();
    for (key, what) in [("send-a", "a 500"), ("send-b", "a lost answer")] {
        let (status, problem) = send(&finance, &refund, key).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (502, Some("provider_unavailable")),
            "{what}: {problem}"
        );
        let (_, case) = finance.get(&format!("/api/v1/refunds/{refund}")).await;
        assert_eq!(case["state"], "granted", "{what} records nothing");
    }
    // The refund Stripe made behind the lost answer is the one found: nothing is paid twice.
    let (status, sent) = send(&finance, &refund, "send-d").await;
    assert_eq!(
        (status, sent["state"].as_str()),
        (200, Some("sent")),
        "{sent}"
    );
    let made = stripe.refunds_of("pi_ST1");
    assert_eq!(made.len(), 1, "{made:#?}");
    // In the order's currency and its minor units: the granted amount to the cent.
    // (A substring check here would also have passed with major units: 163 in "16300".)
    let granted: aftercare_core::Money =
        serde_json::from_value(sent["data"]["amount"].clone()).unwrap();
    assert!(granted.minor() > 0);
    assert_eq!(made[0]["amount"], json!(granted.minor()), "{made:#?}");
    assert_eq!(made[0]["currency"], "usd");
    assert_eq!(sent["data"]["payment_reference"], "re_1");
    assert_eq!(made[0]["metadata"]["aftercare_refund"], refund.as_str());
    // A replay of a key answers its first answer; another send is refused by the machine.
    assert_eq!(send(&finance, &refund, "send-d").await, (200, sent.clone()));
    assert_eq!(send(&finance, &refund, "send-e").await.0, 409);
    assert_eq!(stripe.refunds_of("pi_ST1").len(), 1);

    // Stripe's webhook settles it; sent again, or late, it changes nothing; a forged one is
    // refused.
    let succeeded = stripe.settle("re_1", "succeeded", None);
    let event = json!({"id": "evt_1", "type": "refund.updated", "data": {"object": succeeded}});
    let (status, forged) = stripe_event(&shop, &event, "whsec_other").await;
    assert_eq!(
        (status, forged["code"].as_str()),
        (401, Some("bad_signature"))
    );
    let (status, moved) = stripe_event(&shop, &event, STRIPE_HOOK_SECRET).await;
    assert_eq!(
        (status, moved["outcome"].as_str()),
        (200, Some("moved")),
        "{moved}"
    );
    let (_, case) = finance.get(&format!("/api/v1/refunds/{refund}")).await;
    assert_eq!(case["state"], "settled");
    let (status, again) = stripe_event(&shop, &event, STRIPE_HOOK_SECRET).await;
    assert_eq!(
        (status, again["outcome"].as_str()),
        (200, Some("no_change"))
    );
    let other = json!({"id": "evt_2", "type": "payment_intent.succeeded", "data": {"object": {}}});
    assert_eq!(
        stripe_event(&shop, &other, STRIPE_HOOK_SECRET).await.1["outcome"],
        "no_change"
    );
    // The customer was told once, with Stripe's reference.
    let mail = shop.mail_containing("ana@example.com", "Refund sent").await;
    assert!(mail.text.contains("re_1"), "{}", mail.text);
}

/// A payment in another currency is refused before money moves; a refusal is recorded with
/// Stripe's reason and sent again under a new key; a failure the poll finds reaches finance; a
/// refund Stripe finishes at once is settled at once.
async fn stripe_refusals_and_failures_reach_finance_and_can_be_sent_again(
    (shop, stripe): (Shop, FakeStripe),
) {
    let refund = granted_refund(&shop, &stripe, "ST-2", "pi_ST2").await;
    let finance = Person::staff(&shop, "finance").await;
    let refund_path = format!("/api/v1/refunds/{refund}");

    stripe
        .books()
        .payments
        .insert("pi_ST2".into(), "eur".into());
    let (status, failed) = send(&finance, &refund, "r-1").await;
    assert_eq!(
        (status, failed["state"].as_str()),
        (200, Some("failed")),
        "{failed}"
    );
    let (_, case) = finance.get(&refund_path).await;
    let failure = case["data"]["failure"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(failure.contains("EUR") && failure.contains("USD"), "{case}");
    assert_eq!(stripe.books().asked, 0, "no refund was asked for");

    stripe
        .books()
        .payments
        .insert("pi_ST2".into(), "usd".into());
    stripe.books().script = [Act::Refuse].into();
    let (status, refused) = send(&finance, &refund, "r-2").await;
    assert_eq!((status, refused["state"].as_str()), (200, Some("failed")));
    let (_, case) = finance.get(&refund_path).await;
    assert!(
        case["data"]["failure"]
            .as_str()
            .is_some_and(|f| f.contains("charge_disputed")),
        "{case}"
    );

    // Sent again, under the refund's new version: a new request to Stripe, which makes it and
    // answers after the client gave up; sent once more, the refund made is found.
    stripe.books().script = [Act::SlowAfter].into();
    let (status, problem) = send(&finance, &refund, "r-3").await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (502, Some("provider_unavailable"))
    );
    let (status, sent) = send(&finance, &refund, "r-3b").await;
    assert_eq!(
        (status, sent["state"].as_str()),
        (200, Some("sent")),
        "{sent}"
    );
    let made = stripe.refunds_of("pi_ST2");
    assert_eq!(made.len(), 1);
    let id = made[0]["id"].as_str().unwrap().to_owned();

    // No webhook comes: the poll finds it failed, and finance sees why on the console.
    stripe.settle(&id, "failed", Some("expired_or_canceled_card"));
    assert_eq!(shop.app.poll_provider_refunds().await.unwrap(), 1);
    assert_eq!(shop.app.poll_provider_refunds().await.unwrap(), 0);
    let (_, case) = finance.get(&refund_path).await;
    assert_eq!(case["state"], "failed");
    let html = page(&finance, &format!("/staff/cases/{refund}")).await;
    assert!(html.contains("expired_or_canceled_card"), "{html}");

    // A card refund Stripe finishes at once is settled in the same send.
    stripe.books().status = "succeeded".into();
    let (status, settled) = send(&finance, &refund, "r-4").await;
    assert_eq!(
        (status, settled["state"].as_str()),
        (200, Some("settled")),
        "{settled}"
    );
    let made = stripe.refunds_of("pi_ST2");
    assert_eq!(made.len(), 2, "one failed, one paid: {made:#?}");
    assert_ne!(
        made[0]["metadata"]["aftercare_key"],
        made[1]["metadata"]["aftercare_key"]
    );

    // The admin sees Stripe's last success and last error.
    let admin = Person::staff(&shop, "admin").await;
    let (status, connections) = admin.get("/api/v1/connections").await;
    assert_eq!(status, 200, "{connections}");
    let stripe_row = connections["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "stripe")
        .cloned()
        .unwrap();
    assert!(
        stripe_row["successes"].as_i64().unwrap() >= 2,
        "{stripe_row}"
    );
    assert!(
        stripe_row["failures"].as_i64().unwrap() >= 2,
        "{stripe_row}"
    );
    assert!(stripe_row["last_error"].is_string(), "{stripe_row}");
    let html = page(&admin, "/staff/admin/webhooks").await;
    assert!(
        html.contains("Stripe") && html.contains("Shopify"),
        "{html}"
    );
    assert!(!html.contains(STRIPE_KEY) && !html.contains(STRIPE_HOOK_SECRET));
}

/// A Shopify order, in the shape its webhooks document.
fn shopify_order(name: &str, street: &str, status: &str) -> Value {
    json!({
        "id": 5_001_u64,
        "name": name,
        "email": "Lin@Example.com",
        "created_at": "2026-03-01T10:00:00+08:00",
        "currency": "USD",
        "presentment_currency": "USD",
        "financial_status": status,
        "payment_gateway_names": ["paypal"],
        "line_items": [
            {"id": 1, "sku": "LK-100", "name": "Smart lock", "quantity": 2, "price": "120.00",
             "discount_allocations": [{"amount": "20.00"}]}
        ],
        "shipping_lines": [{"price": "30.00", "discounted_price": "30.00"}],
        "shipping_address": {"name": "Lin Wei", "address1": street, "city": "Toronto",
            "zip": "M5V 2T6", "country_code": "CA", "phone": "+1 416 555 0100"},
        "customer": {"email": "lin@example.com", "first_name": "Lin", "last_name": "Wei"}
    })
}

async fn shopify(shop: &Shop, topic: &str, id: &str, body: &Value, secret: &str) -> (u16, Value) {
    let body = body.to_string();
    let hmac = aftercare_app::shopify::hmac_of(secret, body.as_bytes()).unwrap();
    let headers = [
        ("x-shopify-topic", topic.to_owned()),
        ("x-shopify-webhook-id", id.to_owned()),
        ("x-shopify-hmac-sha256", hmac),
    ];
    post_signed(shop, "/api/v1/shopify/webhooks", &headers, &body).await
}

/// Shopify's order webhooks make paid orders here once, by the same rules as the push API;
/// its fulfilment ships the parcel once.
async fn shopify_orders_and_fulfilments_come_in_once((shop, _stripe): (Shop, FakeStripe)) {
    let order = shopify_order("#SH1001", "100 King St W", "pending");
    let (status, forged) = shopify(&shop, "orders/create", "w-0", &order, "shpss_other").await;
    assert_eq!(
        (status, forged["code"].as_str()),
        (401, Some("bad_signature"))
    );
    let (_, pending) = shopify(&shop, "orders/create", "w-1", &order, SHOPIFY_SECRET).await;
    assert_eq!(pending["outcome"], "no_change", "{pending}");

    let paid = shopify_order("#SH1001", "100 King St W", "paid");
    let (status, imported) = shopify(&shop, "orders/paid", "w-2", &paid, SHOPIFY_SECRET).await;
    assert_eq!(
        (status, imported["outcome"].as_str()),
        (200, Some("imported")),
        "{imported}"
    );
    let (_, repeated) = shopify(&shop, "orders/paid", "w-2", &paid, SHOPIFY_SECRET).await;
    assert_eq!(repeated["outcome"], "repeated");
    let (_, unchanged) = shopify(&shop, "orders/updated", "w-3", &paid, SHOPIFY_SECRET).await;
    assert_eq!(unchanged["outcome"], "no_change", "a topic not applied");
    let (_, unchanged) = shopify(&shop, "orders/paid", "w-4", &paid, SHOPIFY_SECRET).await;
    assert_eq!(unchanged["outcome"], "unchanged");

    let agent = Person::staff(&shop, "agent").await;
    let (status, stored) = agent.get("/api/v1/orders/SH1001").await;
    assert_eq!(status, 200, "{stored}");
    let text = stored.to_string();
    // Two locks at 120.00 less 20.00 of discount: 110.00 each, paid by PayPal.
    assert!(
        text.contains("110.00") && text.contains("paypal"),
        "{stored}"
    );

    // The address rules of I.3 hold for Shopify's orders too: refused, with the reason, and
    // the admin sees it as the connection's last error.
    let po_box = shopify_order("#SH1002", "PO Box 42", "paid");
    let (status, refused) = shopify(&shop, "orders/paid", "w-5", &po_box, SHOPIFY_SECRET).await;
    assert_eq!(
        (status, refused["outcome"].as_str()),
        (200, Some("refused")),
        "{refused}"
    );
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains("address.street")
    );
    assert_eq!(agent.get("/api/v1/orders/SH1002").await.0, 404);

    // The order goes through its steps; Shopify's fulfilment ships it.
    let store = Person::store(&shop);
    let warehouse = Person::staff(&shop, "warehouse").await;
    let order = "/api/v1/orders/SH1001";
    store
        .ok(&format!("{order}/verify-payment"), json!({}))
        .await;
    warehouse
        .ok(&format!("{order}/start-assembly"), json!({}))
        .await;
    warehouse
        .ok(
            &format!("{order}/submit-assembly-media"),
            json!({"media": ["assembled.mp4"]}),
        )
        .await;
    Person::customer(&shop, "SH1001", "lin@example.com")
        .await
        .ok(&format!("{order}/approve-photos"), json!({}))
        .await;
    warehouse.ok(&format!("{order}/pack"), json!({})).await;
    let fulfilment = json!({
        "id": 255_858_046_u64, "order_id": 5_001_u64, "name": "#SH1001.1", "status": "success",
        "tracking_company": "UPS", "tracking_number": "1Z999AA10123456784",
        "tracking_numbers": ["1Z999AA10123456784"],
        "tracking_urls": ["https://www.ups.com/track?tracknum=1Z999AA10123456784"]
    });
    let (_, shipped) = shopify(
        &shop,
        "fulfillments/create",
        "w-6",
        &fulfilment,
        SHOPIFY_SECRET,
    )
    .await;
    assert_eq!(shipped["outcome"], "shipped", "{shipped}");
    let (_, again) = shopify(
        &shop,
        "fulfillments/update",
        "w-7",
        &fulfilment,
        SHOPIFY_SECRET,
    )
    .await;
    assert_eq!(again["outcome"], "no_change", "{again}");
    let (_, stored) = agent.get(order).await;
    assert!(
        stored.to_string().contains("1Z999AA10123456784"),
        "{stored}"
    );
    shop.mail_containing("lin@example.com", "is on its way")
        .await;

    // Paid through the shop's Stripe: the sale's transaction, even before its order, gives the
    // order the payment its refunds go back against.
    let mut by_stripe = shopify_order("#SH1003", "5 Bay St", "paid");
    by_stripe["id"] = json!(5_003_u64);
    by_stripe["payment_gateway_names"] = json!(["stripe"]);
    let sale = json!({"id": 9_001_u64, "order_id": 5_003_u64, "kind": "sale", "status": "success",
        "gateway": "stripe", "authorization": "pi_SH3", "amount": "250.00", "currency": "USD"});
    let (status, early) = shopify(
        &shop,
        "order_transactions/create",
        "w-8",
        &sale,
        SHOPIFY_SECRET,
    )
    .await;
    assert_eq!(
        (status, early["code"].as_str()),
        (503, Some("unavailable")),
        "{early}"
    );
    let (_, imported) = shopify(&shop, "orders/paid", "w-9", &by_stripe, SHOPIFY_SECRET).await;
    assert_eq!(imported["outcome"], "imported", "{imported}");
    let (_, linked) = shopify(
        &shop,
        "order_transactions/create",
        "w-8",
        &sale,
        SHOPIFY_SECRET,
    )
    .await;
    assert_eq!(
        linked["outcome"], "payment_linked",
        "Shopify's retry: {linked}"
    );
    let (_, stored) = agent.get("/api/v1/orders/SH1003").await;
    let text = stored.to_string();
    assert!(
        text.contains("pi_SH3") && text.contains("\"card\""),
        "{stored}"
    );
    let (_, again) = shopify(&shop, "orders/paid", "w-10", &by_stripe, SHOPIFY_SECRET).await;
    assert_eq!(
        again["outcome"], "unchanged",
        "the payment learnt stays: {again}"
    );
    let mut shopify_payments = sale.clone();
    shopify_payments["authorization"] = json!("53433");
    shopify_payments["gateway"] = json!("shopify_payments");
    let (_, by_hand) = shopify(
        &shop,
        "order_transactions/create",
        "w-11",
        &shopify_payments,
        SHOPIFY_SECRET,
    )
    .await;
    assert_eq!(by_hand["outcome"], "no_change", "{by_hand}");

    let admin = Person::staff(&shop, "admin").await;
    let (_, connections) = admin.get("/api/v1/connections").await;
    let row = connections["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "shopify")
        .cloned()
        .unwrap();
    assert!(
        row["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("address.street")),
        "{row}"
    );
}

async fn aftership(shop: &Shop, body: &Value, secret: &str) -> (u16, Value) {
    let body = body.to_string();
    let hmac = aftercare_app::shopify::hmac_of(secret, body.as_bytes()).unwrap();
    post_signed(
        shop,
        "/api/v1/aftership/events",
        &[("aftership-hmac-sha256", hmac)],
        &body,
    )
    .await
}

/// An AfterShip `tracking_update` of the shape its webhooks document.
fn aftership_update(event_id: &str, tag: &str, subtag: &str, message: &str, at: &str) -> Value {
    json!({
        "event": "tracking_update",
        "event_id": event_id,
        "is_tracking_first_tag": true,
        "ts": 1_773_800_000,
        "msg": {
            "id": "5b74f4958776db0e00b6f5ed",
            "tracking_number": "jd014600",
            "slug": "dhl",
            "tag": tag,
            "subtag": subtag,
            "checkpoints": [
                {"checkpoint_time": "2026-03-05T09:00:00+08:00", "message": "Shipment picked up",
                 "location": "Ningbo", "tag": "InTransit", "subtag": "InTransit_001"},
                {"checkpoint_time": at, "message": message, "location": "Lisboa",
                 "tag": tag, "subtag": subtag}
            ]
        }
    })
}

/// AfterShip's webhooks are tracking events: an incorrect address flags the order in the
/// staff's queue and tells the customer; the delivery signs it and the flag goes.
async fn aftership_events_flag_problem_parcels_and_sign_orders(
    (shop, _stripe): (Shop, FakeStripe),
) {
    shipped_order(&shop, "AS-1", "ana@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    let problem = aftership_update(
        "evt-1",
        "Exception",
        "Exception_007",
        "Incorrect address",
        "2026-03-10T15:00:00+00:00",
    );
    let (status, forged) = aftership(&shop, &problem, "other").await;
    assert_eq!(
        (status, forged["code"].as_str()),
        (401, Some("bad_signature"))
    );
    let (status, applied) = aftership(&shop, &problem, AFTERSHIP_SECRET).await;
    assert_eq!(
        (status, applied["outcome"].as_str()),
        (200, Some("applied")),
        "{applied}"
    );
    assert!(
        applied["detail"]
            .as_str()
            .unwrap()
            .contains("customer_told"),
        "{applied}"
    );
    let (_, again) = aftership(&shop, &problem, AFTERSHIP_SECRET).await;
    assert_eq!(again["outcome"], "no_change", "{again}");
    shop.mail_containing("ana@example.com", "contact").await;

    let agent = Person::staff(&shop, "agent").await;
    let (_, queue) = agent.get("/api/v1/queue?order_number=AS-1").await;
    let row = queue["items"][0].clone();
    assert!(
        row["carrier_problem"]
            .as_str()
            .is_some_and(|p| p.contains("Incorrect address")),
        "{queue}"
    );
    let html = page(&agent, "/staff/cases?q=AS-1").await;
    assert!(html.contains("Carrier problem"), "{html}");

    let pending = json!({"event": "tracking_update", "event_id": "evt-0",
        "msg": {"tracking_number": "JD014600", "tag": "Pending", "subtag": "Pending_001"}});
    assert_eq!(
        aftership(&shop, &pending, AFTERSHIP_SECRET).await.1["outcome"],
        "no_change"
    );

    let delivered = aftership_update(
        "evt-2",
        "Delivered",
        "Delivered_003",
        "Signed by customer",
        "2026-03-11T10:00:00+00:00",
    );
    let (_, signed) = aftership(&shop, &delivered, AFTERSHIP_SECRET).await;
    assert!(
        signed["detail"].as_str().unwrap().starts_with("signed"),
        "{signed}"
    );
    let html = page(&agent, "/staff/cases?q=AS-1&closed=yes").await;
    assert!(
        html.contains("AS-1") && !html.contains("Carrier problem"),
        "{html}"
    );
    let (_, order) = agent.get("/api/v1/orders/AS-1").await;
    assert!(
        order.to_string().contains("2026-03-11T10:00:00Z"),
        "{order}"
    );
}

aftercare_store::on_both_databases!(|store| connected(store).await;
    aftership_events_flag_problem_parcels_and_sign_orders,
    a_refund_through_stripe_is_paid_once_whatever_fails,
    stripe_refusals_and_failures_reach_finance_and_can_be_sent_again,
    shopify_orders_and_fulfilments_come_in_once,
);
