//! The real server on a random port, on SQLite and on PostgreSQL (when `TEST_DATABASE_URL` is
//! set), spoken to over HTTP.
#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] fail the test loudly"
)]

use std::sync::Arc;

use aftercare_app::{App, ShopSettings};
use aftercare_core::Policy;
use aftercare_core::clock::FixedClock;
use aftercare_store::AnyStore;
use serde_json::{Value, json};
use tokio::sync::oneshot;

struct TestServer {
    base: String,
    /// An `orders:write` key, as the shop's store would hold it.
    key: String,
    client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    done: tokio::task::JoinHandle<std::io::Result<()>>,
}

fn policy() -> Arc<Policy> {
    Arc::new(aftercare_core::testing::shipped().unwrap())
}

async fn spawn(store: impl Into<AnyStore>) -> TestServer {
    let clock = Arc::new(FixedClock("2026-03-20T02:00:00Z".parse().unwrap()));
    let app = Arc::new(App::new(
        store.into(),
        policy(),
        clock,
        ShopSettings::default(),
    ));
    let admin = aftercare_core::cases::Actor {
        id: "admin-1".into(),
        roles: vec![aftercare_core::cases::Role::Admin],
    };
    let key = app
        .create_api_key(&admin, "shop store", &["orders:write".to_owned()])
        .await
        .unwrap()
        .secret;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    let options =
        aftercare_web::WebOptions::in_data_dir(&std::env::temp_dir().join("aftercare-api-tests"));
    let done = tokio::spawn(aftercare_web::serve(listener, app, options, async {
        let _ = stopped.await;
    }));
    TestServer {
        base,
        key,
        client: reqwest::Client::new(),
        stop: Some(stop),
        done,
    }
}

const EXAMPLE: &str = include_str!("../../../examples/facts/return-quality-issue.json");

async fn post(server: &TestServer, body: impl Into<reqwest::Body>) -> (u16, String, Value) {
    let response = server
        .client
        .post(format!("{}/api/v1/policy/evaluate", server.base))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        status,
        content_type,
        response.json().await.unwrap_or(Value::Null),
    )
}

async fn health_and_readiness_answer_with_security_headers(server: TestServer) {
    let response = server
        .client
        .get(format!("{}/healthz", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let ready = server
        .client
        .get(format!("{}/readyz", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);
    assert_eq!(
        ready.json::<Value>().await.unwrap(),
        json!({"status": "ready"})
    );
    stop(server).await;
}

async fn the_evaluate_endpoint_serves_the_cli_contract(server: TestServer) {
    let (status, content_type, decision) = post(&server, EXAMPLE).await;
    assert_eq!((status, content_type.as_str()), (200, "application/json"));
    assert_eq!(decision["outcome"], "return_eligible");
    assert_eq!(decision["refund"]["total"], "147.50");
    assert_eq!(decision["deadlines"]["review_by"], "2026-03-25");
    // serde_json's map sorts its keys, so compare them sorted.
    let mut keys: Vec<&str> = decision
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "clauses",
            "deadlines",
            "explained",
            "outcome",
            "policy_version",
            "quote",
            "reasons",
            "refund",
            "warnings"
        ]
    );
    stop(server).await;
}

async fn bad_input_gets_problem_json_naming_the_field_never_a_5xx(server: TestServer) {
    let cases: Vec<(String, u16, &str, Option<&str>)> = vec![
        (
            EXAMPLE.replace("quality_issue", "bored"),
            422,
            "invalid_field",
            Some("request.reason"),
        ),
        (
            EXAMPLE.replace("\"quantity\": 1", "\"quantity\": -1"),
            422,
            "invalid_field",
            Some("request.lines[0].quantity"),
        ),
        (
            EXAMPLE.replace("\"quantity\": 1", "\"quantity\": 99"),
            422,
            "invalid_field",
            Some("request.lines[0].quantity"),
        ),
        (
            EXAMPLE.replace("\"40.00\"", "\"-40.00\""),
            422,
            "invalid_field",
            Some("request.return_costs"),
        ),
        (
            EXAMPLE.replace("\"120.00\"", "\"1e400\""),
            422,
            "invalid_field",
            Some("order.lines[0].unit_price"),
        ),
        ("{\"order\":".into(), 422, "invalid_field", Some("order")),
        (String::new(), 422, "invalid_field", Some("")),
    ];
    for (body, status, code, field) in cases {
        let (got, content_type, problem) = post(&server, body.clone()).await;
        assert_eq!(got, status, "{body}: {problem}");
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(problem["code"], code, "{problem}");
        assert_eq!(problem["field"].as_str(), field, "{problem}");
        assert_eq!(problem["status"], status);
        assert!(problem["type"].as_str().unwrap().ends_with(code));
    }
    let (status, _, problem) = post(&server, vec![0xff_u8, 0xfe, 0x00]).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("malformed_body"))
    );
    let (status, content_type, problem) =
        post(&server, vec![b' '; aftercare_web::MAX_JSON_BODY + 1]).await;
    assert_eq!(
        (status, content_type.as_str(), problem["code"].as_str()),
        (413, "application/problem+json", Some("body_too_large"))
    );
    let missing = server
        .client
        .get(format!("{}/api/v1/nothing", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.json::<Value>().await.unwrap()["code"], "not_found");
    stop(server).await;
}

async fn shutdown_lets_the_server_finish_and_return(server: TestServer) {
    let base = server.base.clone();
    stop(server).await;
    assert!(
        reqwest::get(format!("{base}/healthz")).await.is_err(),
        "no longer listening"
    );
}

async fn stop(mut server: TestServer) {
    if let Some(stop) = server.stop.take() {
        let _ = stop.send(());
    }
    server.done.await.unwrap().unwrap();
}

fn order_json(number: &str) -> Value {
    json!({
        "number": number,
        "placed_at": "2026-03-01T10:00:00+08:00",
        "customer_email": "ana@example.com",
        "customer_name": "Ana Lima",
        "currency": "USD",
        "lines": [{"sku": "LK-100", "name": "Smart lock", "unit_price": "120.00", "quantity": 2}],
        "shipping_paid": "30.00",
        "payment_method": "card",
        "address": {"full_name": "Ana Lima", "street": "Rua das Flores 12", "postal_code": "1200-195",
                    "city": "Lisboa", "country": "PT", "phone": "+351 912 345 678", "email": "ana@example.com"}
    })
}

async fn send(server: &TestServer, path: &str, key: Option<&str>, body: &Value) -> (u16, Value) {
    let mut request = server
        .client
        .post(format!("{}{path}", server.base))
        .json(body);
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let response = request.send().await.unwrap();
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

async fn the_store_pushes_orders_and_fulfilment_steps_with_its_key(server: TestServer) {
    let key = server.key.clone();
    let order = order_json("LM-500");
    assert_eq!(
        send(&server, "/api/v1/orders", Some(&key), &order).await,
        (201, json!({"result": "inserted"}))
    );
    assert_eq!(
        send(&server, "/api/v1/orders", Some(&key), &order).await,
        (200, json!({"result": "unchanged"}))
    );
    let mut changed = order.clone();
    changed["customer_name"] = json!("Somebody Else");
    let (status, problem) = send(&server, "/api/v1/orders", Some(&key), &changed).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("order_differs"))
    );
    let mut po_box = order_json("LM-501");
    po_box["address"]["street"] = json!("PO Box 12");
    let (status, problem) = send(&server, "/api/v1/orders", Some(&key), &po_box).await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("address.street"))
    );
    let mut bad_quantity = order_json("LM-502");
    bad_quantity["lines"][0]["quantity"] = json!(-2);
    let (status, problem) = send(&server, "/api/v1/orders", Some(&key), &bad_quantity).await;
    assert_eq!(
        (status, problem["field"].as_str()),
        (422, Some("lines[0].quantity"))
    );

    let step = |body: Value| body;
    let path = "/api/v1/orders/LM-500/fulfilment";
    let (status, case) = send(
        &server,
        path,
        Some(&key),
        &step(json!({"step": "verify_payment"})),
    )
    .await;
    assert_eq!(
        (status, case["state"].as_str()),
        (200, Some("payment_verified"))
    );
    assert_eq!(
        case["deadline"], "2026-03-25",
        "processed within 3 working days of Friday 20 March"
    );
    assert_eq!(
        case["deadline_provisional"], false,
        "2026's notice is in the calendar"
    );
    let (status, problem) = send(&server, path, Some(&key), &step(json!({"step": "ship", "carrier": "DHL", "tracking_number": "1", "tracking_url": "https://dhl.com/1"}))).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (409, Some("not_allowed_now")),
        "not packed yet"
    );
    let (status, problem) = send(
        &server,
        path,
        Some(&key),
        &step(json!({"step": "teleport"})),
    )
    .await;
    assert_eq!((status, problem["field"].as_str()), (422, Some("step")));
    let (status, _) = send(
        &server,
        "/api/v1/orders/NOPE/fulfilment",
        Some(&key),
        &step(json!({"step": "verify_payment"})),
    )
    .await;
    assert_eq!(status, 404);
    stop(server).await;
}

async fn store_endpoints_refuse_requests_without_a_valid_key(server: TestServer) {
    for key in [None, Some("ac_not-a-real-key"), Some("Basic abc"), Some("")] {
        let (status, problem) = send(&server, "/api/v1/orders", key, &order_json("LM-9")).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (401, Some("unauthenticated")),
            "{key:?}"
        );
        let (status, _) = send(
            &server,
            "/api/v1/orders/LM-9/fulfilment",
            key,
            &json!({"step": "verify_payment"}),
        )
        .await;
        assert_eq!(status, 401);
    }
    let response = server
        .client
        .post(format!("{}/api/v1/orders", server.base))
        .json(&order_json("LM-9"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    stop(server).await;
}

async fn metrics_report_requests_by_route_outbox_depth_and_overdue_cases(server: TestServer) {
    let get = |path: &str| server.client.get(format!("{}{path}", server.base)).send();
    assert_eq!(get("/healthz").await.unwrap().status(), 200);
    assert_eq!(get("/api/v1/cases/nope").await.unwrap().status(), 401);
    let response = get("/metrics").await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = response.text().await.unwrap();
    for expected in [
        "http_requests_total{",
        "route=\"/healthz\"",
        "route=\"/api/v1/cases/{id}\"",
        "status=\"401\"",
        "http_request_duration_seconds_bucket{",
        "aftercare_outbox_depth 0",
        "aftercare_overdue_cases 0",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(
        !text.contains("/nope"),
        "labels are route templates, never ids"
    );
    stop(server).await;
}

async fn the_openapi_document_describes_every_route_the_server_answers(server: TestServer) {
    let doc: Value = server
        .client
        .get(format!("{}/api/openapi.json", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The whole document, derived from the handlers and the types they read and write: any
    // change to the API shows up here for review (`INSTA_UPDATE=always` writes the new one).
    insta::assert_json_snapshot!("openapi", doc);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc["components"]["securitySchemes"]["session"].is_object());
    assert!(doc["components"]["securitySchemes"]["apiKey"].is_object());
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() > 50, "{} paths", paths.len());
    let approve = &paths["/api/v1/returns/{id}/approve"]["post"];
    assert!(approve["responses"]["403"].is_object() && approve["responses"]["409"].is_object());
    assert_eq!(
        paths["/api/v1/refunds"]["post"]["parameters"][0]["name"],
        "Idempotency-Key"
    );
    // The answers particular to an operation are documented too.
    let statuses = |path: &str| -> Vec<String> {
        paths[path]["post"]["responses"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    for (path, expected) in [
        (
            "/api/v1/session",
            ["200", "401", "413", "415", "429"].as_slice(),
        ),
        ("/api/v1/sign-in-links", &["202", "415", "429"]),
        ("/api/v1/orders", &["200", "201", "401", "409", "415"]),
        ("/api/v1/returns", &["201", "413", "415", "422"]),
        ("/api/v1/evidence", &["201", "413", "415"]),
    ] {
        let documented = statuses(path);
        for status in expected {
            assert!(
                documented.iter().any(|d| d == status),
                "{path} does not document {status}: {documented:?}"
            );
        }
    }
    // Every reference points at something the document defines.
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/").skip(1) {
        let (section, rest) = reference.split_once('/').unwrap();
        let name: String = rest.chars().take_while(|c| *c != '"').collect();
        assert!(
            doc["components"][section][&name].is_object(),
            "{section}/{name} is referenced but not defined"
        );
    }
    // Operation ids name one operation each, across resources (`returns_ship`, `buyback_ship`).
    let mut ids: Vec<&str> = paths
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .map(|op| op["operationId"].as_str().unwrap())
        .collect();
    let operations = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), operations, "operation ids repeat");
    // Every documented operation exists: called anonymously, none answers "no such route".
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let url = format!(
                "{}{}",
                server.base,
                path.replace("{id}", "01a2").replace("{number}", "LM-404")
            );
            let request = match method.as_str() {
                "get" => server.client.get(&url),
                "delete" => server.client.delete(&url),
                _ => server.client.post(&url).json(&json!({})),
            };
            let status = request.send().await.unwrap().status().as_u16();
            assert!(
                !matches!(status, 404 | 405),
                "{method} {path} is documented but answers {status}"
            );
        }
    }
    stop(server).await;
}

aftercare_store::on_both_databases!(|store| spawn(store).await;
    health_and_readiness_answer_with_security_headers,
    the_evaluate_endpoint_serves_the_cli_contract,
    bad_input_gets_problem_json_naming_the_field_never_a_5xx,
    shutdown_lets_the_server_finish_and_return,
    the_store_pushes_orders_and_fulfilment_steps_with_its_key,
    store_endpoints_refuse_requests_without_a_valid_key,
    metrics_report_requests_by_route_outbox_depth_and_overdue_cases,
    the_openapi_document_describes_every_route_the_server_answers,
);
