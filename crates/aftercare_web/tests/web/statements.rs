//! The SQL statements of the main requests, counted (as Saleor's benchmarks count queries per
//! call): each answer carries its count in `x-sql-statements` once the counter is installed, and
//! each count here has a budget, so a change that adds a round trip to a hot path fails here
//! and has to raise the budget on purpose. `-- --nocapture` prints the counts (the README's
//! table). What is counted is what crosses the wire: on PostgreSQL a case write is one call of
//! `aftercare_write_order`, whatever the function does inside.

use serde_json::{Value, json};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

use crate::support::*;

/// Installs the counter for the whole test process, once; other tests' answers carry the
/// header too, which they do not look at.
fn count_statements() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // Another subscriber installed first would leave the counter out: the asserts say so.
        let _ = tracing_subscriber::registry()
            .with(aftercare_web::StatementCounter::layer())
            .try_init();
    });
}

/// Sends the request as `who` and answers its status, body and statement count.
async fn counted(who: &Person, method: &str, path: &str, body: Option<Value>) -> (u16, Value, u64) {
    let url = format!("{}{path}", who.base);
    let mut request = match method {
        "POST" => who
            .client
            .post(url)
            .json(&body.unwrap_or_else(|| json!({}))),
        _ => who.client.get(url),
    };
    if let Some(b) = &who.bearer {
        request = request.bearer_auth(b);
    }
    let response = request.send().await.unwrap();
    let statements = response
        .headers()
        .get(aftercare_web::STATEMENTS_HEADER)
        .unwrap_or_else(|| panic!("{method} {path}: no statement count"))
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let (status, body) = Person::answer(response).await;
    (status, body, statements)
}

async fn the_main_requests_run_no_more_statements_than_their_budget(shop: Shop) {
    count_statements();
    let dialect = shop.app.store().dialect();
    signed_order(&shop, "LM-1", "ana@example.com").await;
    let store = Person::store(&shop);
    let ana = Person::customer(&shop, "LM-1", "ana@example.com").await;
    let agent = Person::staff(&shop, "agent").await;
    let photo = ana.photo().await;
    let request = json!({
        "order_number": "LM-1",
        "reason": "quality_issue",
        "lines": [{"sku": "LK-100", "quantity": 1}],
        "description": "The latch sticks.",
        "evidence": [photo],
    });
    let mut counts = Vec::new();
    let (status, opened, n) = counted(&ana, "POST", "/api/v1/returns", Some(request)).await;
    assert_eq!(status, 201, "{opened}");
    counts.push(("POST /api/v1/returns (evaluated and opened)", n, (11, 3)));
    let id = opened["case"]["id"].as_str().unwrap().to_owned();
    let version = opened["case"]["version"].as_i64().unwrap();
    let (status, _, n) = counted(&ana, "GET", &format!("/api/v1/cases/{id}"), None).await;
    assert_eq!(status, 200);
    counts.push(("GET /api/v1/cases/{id} (customer)", n, (2, 1)));
    let (status, _, n) = counted(&ana, "GET", "/api/v1/orders/LM-1", None).await;
    assert_eq!(status, 200);
    counts.push(("GET /api/v1/orders/{number} (customer)", n, (3, 2)));
    let (status, approved, n) = counted(
        &agent,
        "POST",
        &format!("/api/v1/returns/{id}/approve"),
        Some(json!({"version": version})),
    )
    .await;
    assert_eq!(status, 200, "{approved}");
    counts.push((
        "POST /api/v1/returns/{id}/approve (RMA issued, e-mail queued)",
        n,
        (11, 2),
    ));
    let (status, _, n) = counted(&agent, "GET", "/api/v1/queue", None).await;
    assert_eq!(status, 200);
    counts.push(("GET /api/v1/queue (first page)", n, (2, 1)));
    let (status, _, n) = counted(&agent, "GET", "/staff", None).await;
    assert_eq!(status, 200);
    counts.push(("GET /staff (dashboard)", n, (7, 6)));
    let (status, _, n) = counted(&agent, "GET", "/staff/orders/LM-1", None).await;
    assert_eq!(status, 200);
    counts.push(("GET /staff/orders/{number}", n, (10, 9)));
    let (status, _, n) = counted(
        &store,
        "POST",
        "/api/v1/orders",
        Some(order_json("LM-2", "bo@example.com")),
    )
    .await;
    assert_eq!(status, 201);
    counts.push((
        "POST /api/v1/orders (store, opens the fulfilment case)",
        n,
        (8, 6),
    ));
    // Budgets on SQLite, then PostgreSQL. On PostgreSQL the session of a signed-in request is
    // answered by the process's session cache once its listener listens (a few milliseconds
    // after the first session read): a request before that counts the session's read too, which
    // the one statement of slack below allows. A SQLite write counts the `BEGIN IMMEDIATE` of the
    // writer's batch when it opened the batch, and one statement fewer when it joined a batch a
    // background worker's write had opened: the budget is the larger.
    for (request, n, (on_sqlite, on_postgres)) in counts {
        let budget = if dialect == "sqlite" {
            on_sqlite
        } else {
            on_postgres
        };
        eprintln!("{dialect}: {request}: {n} statements (budget {budget})");
        assert!(n > 0, "{request}: counted nothing");
        // One more is allowed: when the whole suite runs at once, a request sometimes counts one
        // statement over (seen on SQLite reads: the dashboard 8, the order page 14), most likely
        // the set-up statement of a pool connection opened during the request.
        assert!(
            n <= budget + 1,
            "{dialect}: {request}: {n} statements, budget {budget}"
        );
    }
}

aftercare_store::on_both_databases!(|store| spawn(store).await;
    the_main_requests_run_no_more_statements_than_their_budget,
);
