//! Evaluations per second: parsing the facts JSON and evaluating, as the CLI and API do, and
//! evaluating already-parsed facts. Run with `cargo bench -p aftercare_core`.
#![expect(
    clippy::expect_used,
    reason = "a benchmark of the shipped policy stops loudly if it does not load"
)]

use std::hint::black_box;

use aftercare_core::{Calendar, Facts, Policy, PolicyFile, evaluate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::Timestamp;

use aftercare_core::testing::{CALENDAR, POLICY};

const RETURN: &str = r#"{
  "order": {"placed_at": "2026-03-01T10:00:00+08:00", "currency": "USD",
            "lines": [{"sku": "LK-100", "unit_price": "120.00", "quantity": 2}, {"sku": "LK-200", "unit_price": "60.00", "quantity": 1}],
            "shipping_paid": "30.00", "duties_paid": "15.00"},
  "signed_at": "2026-03-10T15:00:00+08:00",
  "request": {"type": "return", "reason": "quality_issue", "submitted_at": "2026-03-20T10:00:00+08:00",
              "lines": [{"sku": "LK-100", "quantity": 1}], "evidence": true, "return_costs": "40.00"}
}"#;

const BUYBACK: &str = r#"{
  "order": {"placed_at": "2026-03-01T10:00:00+08:00", "currency": "USD",
            "lines": [{"sku": "LK-100", "unit_price": "120.00", "quantity": 2}],
            "shipping_paid": "30.00"},
  "signed_at": "2026-03-10T15:00:00+08:00",
  "request": {"type": "buyback", "submitted_at": "2026-09-28T10:00:00+08:00",
              "lines": [{"sku": "LK-100", "quantity": 2}],
              "condition": {"grade": "good", "missing_accessories": 1, "original_packaging": false}}
}"#;

fn policy() -> Policy {
    let file = PolicyFile::parse("default.toml", POLICY).expect("shipped policy parses");
    let calendar =
        Calendar::from_toml("cn-mainland.toml", CALENDAR).expect("shipped calendar parses");
    Policy::new(file, vec![calendar]).expect("calendar attaches")
}

fn bench(c: &mut Criterion) {
    let policy = policy();
    let now: Timestamp = "2026-11-22T00:00:00Z".parse().expect("valid timestamp");
    let mut group = c.benchmark_group("evaluate");
    group.throughput(Throughput::Elements(1));
    for (name, json) in [("return", RETURN), ("buyback_over_national_day", BUYBACK)] {
        group.bench_function(format!("{name}/json_in_json_out"), |b| {
            b.iter(|| {
                let facts = Facts::from_json(black_box(json)).expect("valid facts");
                let decision = evaluate(&policy, &facts, now).expect("decision");
                serde_json::to_string(&decision).expect("serialises")
            })
        });
        let facts = Facts::from_json(json).expect("valid facts");
        group.bench_function(format!("{name}/evaluate_only"), |b| {
            b.iter(|| evaluate(&policy, black_box(&facts), now).expect("decision"))
        });
    }
    group.finish();
    c.bench_function("policy/parse_default_toml", |b| {
        b.iter(|| PolicyFile::parse("default.toml", black_box(POLICY)).expect("parses"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
