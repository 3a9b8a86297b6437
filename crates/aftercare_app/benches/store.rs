//! End-to-end figures on both databases: return requests submitted and approved per second
//! through the app layer, and the staff queue query with 1,000,000 orders and 100,000 open
//! cases. Run with `cargo bench -p aftercare_app --bench store`; PostgreSQL is measured when
//! `TEST_DATABASE_URL` is set. `BENCH_ORDERS`, `BENCH_OPEN_CASES` and `BENCH_RETURNS` scale it.
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark stops loudly when its set-up fails"
)]

use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aftercare_app::{
    App, NewOrder, NewOrderLine, OrderAddress, ReturnAction, ReturnRequest, ShopSettings,
};
use aftercare_core::Policy;
use aftercare_core::cases::rma::ReturnLine;
use aftercare_core::cases::{Actor, Role};
use aftercare_core::clock::FixedClock;
use aftercare_core::policy::ReturnReason;
use aftercare_store::{CaseKind, PgStore, QueueCursor, QueueQuery, SqliteStore, Store};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn policy() -> Arc<Policy> {
    Arc::new(aftercare_core::testing::shipped().unwrap())
}

fn order(n: u64) -> NewOrder {
    NewOrder {
        number: format!("R-{n:07}"),
        placed_at: "2026-03-01T02:00:00Z".parse().unwrap(),
        customer_email: format!("buyer{n}@example.com"),
        customer_name: "Bench Buyer".into(),
        currency: "USD".into(),
        lines: vec![NewOrderLine {
            sku: "LK-100".into(),
            name: String::new(),
            unit_price: "120.00".into(),
            quantity: 2,
            hs_code: None,
            origin: None,
        }],
        shipping_paid: "30.00".into(),
        duties_paid: None,
        payment_method: "card".into(),
        address: OrderAddress {
            full_name: "Bench Buyer".into(),
            street: "1 Main Street".into(),
            postal_code: "10001".into(),
            city: "New York".into(),
            country: "US".into(),
            phone: "+1 212 555 0100".into(),
            email: format!("buyer{n}@example.com"),
        },
        signed_at: Some("2026-03-10T07:00:00Z".parse().unwrap()),
        damage_noted_at_signing: false,
        time_zone: None,
        payment_id: None,
    }
}

/// Submits and approves `count` returns with `concurrency` tasks; returns per second.
async fn returns_per_second<S: Store + 'static>(
    app: Arc<App<S>>,
    first: u64,
    count: u64,
    concurrency: u64,
) -> f64 {
    let system = Actor {
        id: "bench".into(),
        roles: vec![Role::System],
    };
    for n in first..first + count {
        app.import_order(&system, &order(n)).await.unwrap();
    }
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|worker| {
            let app = app.clone();
            tokio::spawn(async move {
                let agent = Actor {
                    id: "agent".into(),
                    roles: vec![Role::Agent],
                };
                let mut n = first + worker;
                while n < first + count {
                    let customer = Actor {
                        id: format!("buyer{n}@example.com"),
                        roles: vec![Role::Customer],
                    };
                    let request = ReturnRequest {
                        order_number: format!("R-{n:07}"),
                        reason: ReturnReason::QualityIssue,
                        lines: vec![ReturnLine {
                            sku: "LK-100".into(),
                            quantity: 1,
                        }],
                        description: "bench".into(),
                        evidence: vec!["photo".into()],
                        return_costs: Some("20.00".into()),
                    };
                    let case = app
                        .submit_return(&customer, &request)
                        .await
                        .unwrap()
                        .case
                        .unwrap();
                    app.act_on_return(&agent, &case.id, Some(1), ReturnAction::Approve, None)
                        .await
                        .unwrap();
                    n += concurrency;
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    count as f64 / started.elapsed().as_secs_f64()
}

/// Times a query `runs` times; returns (median, p95, slowest).
async fn time<F, Fut>(runs: usize, mut f: F) -> (Duration, Duration, Duration)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        assert!(f().await > 0, "the query found rows");
        times.push(started.elapsed());
    }
    times.sort();
    (times[runs / 2], times[runs * 95 / 100], times[runs - 1])
}

async fn queue_figures<S: Store>(store: &S) {
    let query = |q: QueueQuery| async move { store.queue(&q).await.unwrap().len() };
    let report = |name: &str, (median, p95, max): (Duration, Duration, Duration)| {
        println!(
            "  queue {name:<44} median {:>8.2} ms  p95 {:>8.2} ms  max {:>8.2} ms",
            ms(median),
            ms(p95),
            ms(max)
        );
    };
    let all = QueueQuery {
        limit: 50,
        ..Default::default()
    };
    report(
        "first page of 50, all kinds",
        time(50, || query(all.clone())).await,
    );
    let waiting = QueueQuery {
        kind: Some(CaseKind::Return),
        state: Some("requested".into()),
        limit: 50,
        ..Default::default()
    };
    report(
        "returns waiting for review, page of 50",
        time(50, || query(waiting.clone())).await,
    );
    // Filters on values that exist: those of an open case from the middle of the queue.
    let middle = QueueCursor {
        deadline: Some("2026-03-31".parse().unwrap()),
        id: String::new(),
    };
    let deep = QueueQuery {
        after: Some(middle),
        limit: 50,
        ..Default::default()
    };
    let sample = store.queue(&deep).await.unwrap().remove(0);
    let customer = QueueQuery {
        customer_email: Some(sample.customer_email.clone()),
        limit: 50,
        ..Default::default()
    };
    report(
        "one customer's open cases",
        time(50, || query(customer.clone())).await,
    );
    let order = QueueQuery {
        order_number: Some(sample.order_number.clone()),
        limit: 50,
        ..Default::default()
    };
    report("one order number", time(50, || query(order.clone())).await);
    report(
        "page of 50 from the middle (keyset)",
        time(50, || query(deep.clone())).await,
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

const SQLITE_SEED: [&str; 3] = [
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
     INSERT INTO orders (id, number, customer_email, customer_name, currency, placed_at, policy_version, data, created_at) \
     SELECT printf('o-%08d', i), printf('B-%08d', i), printf('c%06d@example.com', i % 200000), 'Bench', 'USD', 1772330400000000 + i * 1000000, '2025-01', '{}', 1772330400000000 FROM n",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
     INSERT INTO cases (id, kind, order_id, order_number, customer_email, rma, state, is_open, deadline, amount_minor, version, data, created_at, updated_at) \
     SELECT printf('x-%08d', i), CASE i % 4 WHEN 0 THEN 'return' WHEN 1 THEN 'buyback' WHEN 2 THEN 'refund' ELSE 'appeal' END, \
            printf('o-%08d', (i * 7) % $2 + 1), printf('B-%08d', (i * 7) % $2 + 1), printf('c%06d@example.com', ((i * 7) % $2 + 1) % 200000), NULL, \
            CASE WHEN i % 3 = 0 THEN 'requested' ELSE 'closed' END, CASE WHEN i % 3 = 0 THEN 1 ELSE 0 END, \
            date('2026-03-01', '+' || (i % 60) || ' days'), NULL, 1, '{}', 1772330400000000, 1772330400000000 FROM n",
    "ANALYZE",
];

const POSTGRES_SEED: [&str; 3] = [
    "INSERT INTO orders (id, number, customer_email, customer_name, currency, placed_at, policy_version, data, created_at) \
     SELECT 'o-' || lpad(i::text, 8, '0'), 'B-' || lpad(i::text, 8, '0'), 'c' || lpad((i % 200000)::text, 6, '0') || '@example.com', 'Bench', 'USD', \
            1772330400000000 + i * 1000000, '2025-01', '{}', 1772330400000000 FROM generate_series(1, $1::bigint) AS i",
    "INSERT INTO cases (id, kind, order_id, order_number, customer_email, rma, state, is_open, deadline, amount_minor, version, data, created_at, updated_at) \
     SELECT 'x-' || lpad(i::text, 8, '0'), CASE i % 4 WHEN 0 THEN 'return' WHEN 1 THEN 'buyback' WHEN 2 THEN 'refund' ELSE 'appeal' END, \
            'o-' || lpad(((i * 7) % $2 + 1)::text, 8, '0'), 'B-' || lpad(((i * 7) % $2 + 1)::text, 8, '0'), \
            'c' || lpad((((i * 7) % $2 + 1) % 200000)::text, 6, '0') || '@example.com', NULL, \
            CASE WHEN i % 3 = 0 THEN 'requested' ELSE 'closed' END, CASE WHEN i % 3 = 0 THEN 1 ELSE 0 END, \
            to_char(date '2026-03-01' + (i % 60)::int, 'YYYY-MM-DD'), NULL, 1, '{}', 1772330400000000, 1772330400000000 \
     FROM generate_series(1, $1::bigint) AS i",
    "ANALYZE",
];

/// Runs the three seeding statements of a dialect on its pool and says how long it took.
macro_rules! seed {
    ($label:expr, $statements:expr, $pool:expr, $orders:expr, $open:expr) => {{
        let started = Instant::now();
        sqlx::query($statements[0])
            .bind($orders as i64)
            .execute($pool)
            .await
            .unwrap();
        sqlx::query($statements[1])
            .bind(($open * 3) as i64)
            .bind($orders as i64)
            .execute($pool)
            .await
            .unwrap();
        sqlx::query($statements[2]).execute($pool).await.unwrap();
        println!(
            "{}: seeded in {:.1} s",
            $label,
            started.elapsed().as_secs_f64()
        );
    }};
}

/// The queue figures, then returns submitted and approved one and eight at a time.
async fn measure<S: Store + 'static>(store: S, clock: Arc<FixedClock>, returns: u64) {
    queue_figures(&store).await;
    let app = Arc::new(App::new(store, policy(), clock, ShopSettings::default()));
    println!(
        "  submit + approve a return, 1 at a time: {:>8.0} /s",
        returns_per_second(app.clone(), 0, returns, 1).await
    );
    println!(
        "  submit + approve a return, 8 at a time: {:>8.0} /s",
        returns_per_second(app, returns, returns, 8).await
    );
}

fn main() {
    let orders = env("BENCH_ORDERS", 1_000_000);
    let open = env("BENCH_OPEN_CASES", 100_000);
    let returns = env("BENCH_RETURNS", 400);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let clock = Arc::new(FixedClock("2026-03-20T02:00:00Z".parse().unwrap()));
        println!(
            "{orders} orders, {open} open cases ({} cases in all), {returns} returns per run",
            open * 3
        );

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bench.db");
        let sqlite = SqliteStore::connect(path.to_str().unwrap()).await.unwrap();
        sqlite.migrate().await.unwrap();
        // The store's own pool reads only; the seed writes through a connection of its own.
        let seeding = sqlx::SqlitePool::connect_with(
            sqlx::sqlite::SqliteConnectOptions::new()
                .filename(&path)
                .busy_timeout(Duration::from_secs(30)),
        )
        .await
        .unwrap();
        seed!(
            "sqlite (WAL, synchronous=FULL)",
            SQLITE_SEED,
            &seeding,
            orders,
            open
        );
        seeding.close().await;
        measure(sqlite, clock.clone(), returns).await;

        let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
            println!("postgres: skipped (TEST_DATABASE_URL is not set)");
            return;
        };
        // Its own schema, dropped at the end: a million rows are not left in the test database.
        let admin = PgStore::connect(&url).await.unwrap();
        let schema = format!("bench_{}", uuid::Uuid::now_v7().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(admin.pool())
            .await
            .unwrap();
        let options = sqlx::postgres::PgConnectOptions::from_str(&url)
            .unwrap()
            .options([("search_path", schema.as_str())]);
        let pg = PgStore::connect_with(options).await.unwrap();
        pg.migrate().await.unwrap();
        seed!("postgres", POSTGRES_SEED, pg.pool(), orders, open);
        measure(pg, clock, returns).await;
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
            .execute(admin.pool())
            .await
            .unwrap();
    });
}
