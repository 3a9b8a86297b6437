//! Outbound webhooks from outside: an admin registers endpoints, case steps reach a receiver on
//! a local port signed as Standard Webhooks says, a failed attempt is retried with the same
//! message id, an endpoint that never answers is disabled after the last retry with the admins
//! told, and a delivery is sent again from the log.

use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::journeys::requested_return;
use crate::support::*;

/// One message as the receiver got it.
#[derive(Debug)]
pub(crate) struct Received {
    pub(crate) id: String,
    timestamp: i64,
    signature: String,
    pub(crate) body: String,
}

/// A receiver on a local port: records every message, answers the status `answer` holds.
pub(crate) async fn receiver() -> (String, Arc<AtomicU16>, mpsc::UnboundedReceiver<Received>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let answer = Arc::new(AtomicU16::new(200));
    let status = answer.clone();
    let app = axum::Router::new().route(
        "/hooks",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: String| {
            let tx = tx.clone();
            let status = status.clone();
            async move {
                // Decided before the test can see the message, so a test that changes the
                // answer after reading one never changes the answer to that one.
                let answer = status.load(Ordering::SeqCst);
                let header = |name: &str| {
                    headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned()
                };
                let _ = tx.send(Received {
                    id: header("webhook-id"),
                    timestamp: header("webhook-timestamp").parse().unwrap_or(0),
                    signature: header("webhook-signature"),
                    body,
                });
                axum::http::StatusCode::from_u16(answer).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, answer, rx)
}

pub(crate) async fn next(rx: &mut mpsc::UnboundedReceiver<Received>) -> Received {
    match tokio::time::timeout(Duration::from_secs(10), rx.recv()).await {
        Ok(Some(message)) => message,
        _ => panic!("no message within 10 s"),
    }
}

/// The message's signature checks out under the endpoint's secret.
fn verify(secret: &str, m: &Received) {
    let expected = aftercare_app::webhooks::signature(secret, &m.id, m.timestamp, &m.body).unwrap();
    assert_eq!(m.signature, expected, "{}", m.body);
    assert!(m.id.starts_with("msg_"), "{}", m.id);
}

/// The endpoint's deliveries once `done` holds for them; fails after 10 s. An admin signs in
/// for each look, since the tests move the clock by hours.
async fn deliveries_when(
    shop: &Shop,
    endpoint: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let admin = Person::staff(shop, "admin").await;
    let mut items = Vec::new();
    for _ in 0..100 {
        let (status, page) = admin
            .get(&format!("/api/v1/webhooks/{endpoint}/deliveries"))
            .await;
        assert_eq!(status, 200, "{page}");
        items = page["items"].as_array().cloned().unwrap_or_default();
        if done(&items) {
            return items;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the deliveries never got there: {items:#?}");
}

async fn webhooks_are_signed_retried_disabled_and_sent_again(shop: Shop) {
    let admin = Person::staff(&shop, "admin").await;
    let (url, answer, mut received) = receiver().await;

    for (body, field) in [
        (json!({"url": "ftp://erp.example", "events": ["*"]}), "url"),
        (
            json!({"url": url, "events": ["returns.approved"]}),
            "events",
        ),
        (json!({"url": url, "events": []}), "events"),
    ] {
        let (status, problem) = admin.post("/api/v1/webhooks", body).await;
        assert_eq!(status, 422, "{problem}");
        assert!(problem.to_string().contains(field), "{problem}");
    }
    let agent = Person::staff(&shop, "agent").await;
    assert_eq!(
        agent
            .post("/api/v1/webhooks", json!({"url": url, "events": ["*"]}))
            .await
            .0,
        403
    );

    let (status, created) = admin
        .post(
            "/api/v1/webhooks",
            json!({"url": url, "events": ["return.requested", "return.approved"], "description": "ERP"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    let erp = created["endpoint"]["id"].as_str().unwrap().to_owned();
    let (_, listed) = admin.get("/api/v1/webhooks").await;
    assert!(
        !listed.to_string().contains(&secret),
        "the secret is shown once: {listed}"
    );
    // A second endpoint, for every event, where nothing ever answers.
    let dead = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/gone", listener.local_addr().unwrap())
    };
    let (status, created) = admin
        .post(
            "/api/v1/webhooks",
            json!({"url": dead, "events": ["*"], "description": "old CRM"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let crm = created["endpoint"]["id"].as_str().unwrap().to_owned();

    // The order's own steps are not what the ERP chose; the return's request is.
    let (_, case) = requested_return(&shop).await;
    let first = next(&mut received).await;
    verify(&secret, &first);
    let message: Value = serde_json::from_str(&first.body).unwrap();
    assert_eq!(message["type"], "return.requested", "{message}");
    assert_eq!(message["data"]["case"]["id"], case.as_str());
    assert_eq!(message["data"]["case"]["order_number"], "LM-1");
    assert_eq!(message["data"]["event"]["kind"], "requested");

    // The approval's first attempt meets a 500: retried 5 s later, with the same message id.
    answer.store(500, Ordering::SeqCst);
    let agent = Person::staff(&shop, "agent").await;
    agent
        .ok(&format!("/api/v1/returns/{case}/approve"), json!({}))
        .await;
    let refused = next(&mut received).await;
    let approval = |d: &[Value]| {
        d.iter()
            .find(|d| d["event_type"] == "return.approved")
            .cloned()
    };
    let log = deliveries_when(&shop, &erp, |d| {
        approval(d).is_some_and(|d| d["attempts"] == 1 && d["last_status"] == 500)
    })
    .await;
    assert!(
        approval(&log).unwrap()["next_attempt_at"].is_string(),
        "{log:#?}"
    );
    answer.store(200, Ordering::SeqCst);
    shop.clock.advance(jiff::SignedDuration::from_secs(6));
    let retried = next(&mut received).await;
    assert_eq!(
        retried.id, refused.id,
        "a retry is the same message: {} then {}",
        refused.body, retried.body
    );
    verify(&secret, &retried);
    let log = deliveries_when(&shop, &erp, |d| {
        approval(d).is_some_and(|d| d["delivered_at"].is_string())
    })
    .await;
    let approved = approval(&log).unwrap();
    assert_eq!(approved["attempts"], 2);
    assert!(approved.get("next_attempt_at").is_none(), "{log:#?}");

    // The CRM never answers: after the last of the seven retries it is disabled, admins told.
    // The clock moves by the longest delay at a time, each time once every due attempt is made.
    use aftercare_core::clock::Clock;
    let mut disabled = false;
    for _ in 0..12 {
        let now = shop.clock.now();
        deliveries_when(&shop, &crm, |d| {
            !d.is_empty()
                && d.iter().all(|d| {
                    d["next_attempt_at"]
                        .as_str()
                        .is_none_or(|t| t.parse::<jiff::Timestamp>().unwrap() > now)
                })
        })
        .await;
        let admin = Person::staff(&shop, "admin").await;
        let (_, endpoints) = admin.get("/api/v1/webhooks").await;
        disabled = endpoints.to_string().contains("failed 8 times");
        if disabled {
            break;
        }
        shop.clock
            .advance(jiff::SignedDuration::from_hours(10) + jiff::SignedDuration::from_secs(1));
    }
    assert!(disabled, "the CRM is disabled after its last retry");
    let admin = Person::staff(&shop, "admin").await;
    let (_, endpoints) = admin.get("/api/v1/webhooks").await;
    let crm_now = endpoints["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == crm.as_str())
        .unwrap()
        .clone();
    assert!(crm_now["disabled_at"].is_string(), "{crm_now}");
    assert!(
        crm_now["deliveries"]["given_up"].as_i64().unwrap() >= 1
            && crm_now["deliveries"]["delivered"] == 0
            && crm_now["deliveries"]["last_failed_at"].is_string(),
        "{crm_now}"
    );
    let erp_now = endpoints["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == erp.as_str())
        .unwrap()
        .clone();
    assert_eq!(erp_now["deliveries"]["delivered"], 2, "{erp_now}");
    assert_eq!(erp_now["deliveries"]["waiting"], 0, "{erp_now}");
    assert!(
        crm_now["disabled_reason"]
            .as_str()
            .unwrap()
            .contains("failed 8 times"),
        "{crm_now}"
    );
    let mail = shop
        .mail_containing("admin@shop.example", "Webhook endpoint disabled")
        .await;
    assert!(mail.text.contains(&dead), "{}", mail.text);

    // Sent again from the log: the same message, once more.
    let delivered = approved["id"].as_str().unwrap().to_owned();
    let (status, _) = admin
        .post(
            &format!("/api/v1/webhook-deliveries/{delivered}/resend"),
            json!({}),
        )
        .await;
    assert_eq!(status, 202);
    let again = next(&mut received).await;
    assert_eq!(again.id, delivered, "{}", again.body);
    verify(&secret, &again);
    assert_eq!(
        admin
            .post("/api/v1/webhook-deliveries/msg_nothing/resend", json!({}))
            .await
            .0,
        404
    );
}

/// A tracking service's events: "delivered" on an order's parcel records its signing once;
/// the same event again is a duplicate, a late "in transit" changes nothing, an unknown number
/// is kept as unmatched; only keys with `tracking:write` may send.
async fn tracking_events_sign_an_order_once(shop: Shop) {
    shipped_order(&shop, "LM-1", "ana@example.com").await;
    let admin = Person::staff(&shop, "admin").await;
    let (status, key) = admin
        .post(
            "/api/v1/api-keys",
            json!({"name": "17TRACK bridge", "scopes": ["tracking:write"]}),
        )
        .await;
    assert_eq!(status, 201, "{key}");
    let tracker = Person::with_key(&shop, key["key"].as_str().unwrap());
    assert_eq!(
        Person::store(&shop)
            .post("/api/v1/tracking-events", json!({"events": []}))
            .await
            .0,
        403,
        "the store's key lacks tracking:write"
    );
    let (status, problem) = tracker
        .post("/api/v1/tracking-events", json!({"events": []}))
        .await;
    assert_eq!(status, 422, "{problem}");

    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    let delivered = json!({"id": "evt-1", "tracking_number": "jd014600", "status": "delivered",
        "at": "2026-03-12T01:00:00Z", "description": "Berlin, signed by A. Lima"});
    let (status, answer) = tracker
        .post(
            "/api/v1/tracking-events",
            json!({"events": [
                delivered,
                {"id": "evt-0", "tracking_number": "JD014600", "status": "in_transit", "at": "2026-03-11T08:00:00Z"},
                {"id": "evt-x", "tracking_number": "ZZ999", "status": "exception", "at": "2026-03-11T09:00:00Z"},
            ]}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let outcomes: Vec<(&str, &str)> = answer["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap(), o["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("evt-1", "signed"),
            ("evt-0", "recorded"),
            ("evt-x", "unmatched")
        ],
        "answered in the order sent, handled oldest first"
    );
    let agent = Person::staff(&shop, "agent").await;
    let (_, order) = agent.get("/api/v1/orders/LM-1").await;
    assert!(
        order.to_string().contains("2026-03-12T01:00:00Z"),
        "the signing is the carrier's time: {order}"
    );
    let (_, again) = tracker
        .post(
            "/api/v1/tracking-events",
            json!({"events": [delivered,
                {"id": "evt-2", "tracking_number": "JD014600", "status": "delivered", "at": "2026-03-12T01:30:00Z"}]}),
        )
        .await;
    assert_eq!(again["items"][0]["outcome"], "duplicate", "{again}");
    assert_eq!(again["items"][1]["outcome"], "no_change", "{again}");
    let (_, timeline) = agent
        .get(&format!(
            "/api/v1/cases/{}/timeline",
            again["items"][1]["case_id"].as_str().unwrap()
        ))
        .await;
    let signings = timeline
        .to_string()
        .matches("delivered per the carrier's tracking")
        .count();
    assert_eq!(signings, 1, "signed once: {timeline}");

    // Both sides read what the carrier said.
    let staff_page = page(&agent, "/staff/orders/LM-1").await;
    let ana = Person::customer(&shop, "LM-1", "ana@example.com").await;
    let portal_page = page(&ana, "/orders/LM-1").await;
    for html in [&staff_page, &portal_page] {
        assert!(
            html.contains("What the carrier said")
                && html.contains("In transit")
                && html.contains("Delivered: Berlin, signed by A. Lima"),
            "{html}"
        );
    }

    // A customs hold and its release are the order's customs steps; the customer is told.
    shipped_order(&shop, "LM-2", "bo@example.com").await;
    let (_, order) = agent.get("/api/v1/orders/LM-2").await;
    let number = order.to_string();
    let tracking = number
        .split("\"tracking_number\":\"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .unwrap()
        .to_owned();
    let (_, held) = tracker
        .post(
            "/api/v1/tracking-events",
            json!({"events": [{"id": "evt-h", "tracking_number": tracking, "status": "held_at_customs",
                "at": "2026-03-12T01:40:00Z", "description": "Frankfurt customs: invoice needed"}]}),
        )
        .await;
    assert_eq!(held["items"][0]["outcome"], "held_at_customs", "{held}");
    let mail = shop.mail_containing("bo@example.com", "customs").await;
    assert!(mail.text.contains("LM-2"), "{}", mail.text);
    let (_, released) = tracker
        .post(
            "/api/v1/tracking-events",
            json!({"events": [{"id": "evt-r", "tracking_number": tracking, "status": "released_from_customs",
                "at": "2026-03-12T01:50:00Z"}]}),
        )
        .await;
    assert_eq!(
        released["items"][0]["outcome"], "released_from_customs",
        "{released}"
    );

    // A carrier's exception on a parcel still on its way: the customer is told to contact
    // customer service (I.5); on a parcel already signed for it is only kept.
    let (_, problem) = tracker
        .post(
            "/api/v1/tracking-events",
            json!({"events": [{"id": "evt-e", "tracking_number": tracking, "status": "exception",
                "at": "2026-03-12T01:55:00Z", "description": "Address incomplete"}]}),
        )
        .await;
    assert_eq!(problem["items"][0]["outcome"], "customer_told", "{problem}");
    let mail = shop
        .mail_containing(
            "bo@example.com",
            "A problem with the delivery of order LM-2",
        )
        .await;
    assert!(
        mail.text.contains("Address incomplete")
            && mail.text.contains("contact our customer service"),
        "{}",
        mail.text
    );
    let (_, late) = tracker
        .post(
            "/api/v1/tracking-events",
            json!({"events": [
                {"id": "evt-d", "tracking_number": tracking, "status": "delivered", "at": "2026-03-12T01:57:00Z"},
                {"id": "evt-l", "tracking_number": tracking, "status": "exception", "at": "2026-03-12T01:58:00Z"},
            ]}),
        )
        .await;
    assert_eq!(late["items"][0]["outcome"], "signed", "{late}");
    assert_eq!(late["items"][1]["outcome"], "recorded", "{late}");
}

/// A return's parcel back: the carrier's events show on the return, on both sides, and change
/// nothing on it (the warehouse records what arrived).
async fn a_return_parcels_tracking_shows_on_the_return(shop: Shop) {
    let (ana, id) = requested_return(&shop).await;
    let agent = Person::staff(&shop, "agent").await;
    agent
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
        .await;
    ana.ok(
        &format!("/api/v1/returns/{id}/ship"),
        json!({"tracking_number": "rr123456789cn"}),
    )
    .await;
    let admin = Person::staff(&shop, "admin").await;
    let (_, key) = admin
        .post(
            "/api/v1/api-keys",
            json!({"name": "tracking", "scopes": ["tracking:write"]}),
        )
        .await;
    let tracker = Person::with_key(&shop, key["key"].as_str().unwrap());
    let (_, before) = agent.get(&format!("/api/v1/cases/{id}")).await;
    let (status, answer) = tracker
        .post(
            "/api/v1/tracking-events",
            json!({"events": [{"id": "t-1", "tracking_number": "RR123456789CN", "status": "delivered",
                "at": "2026-03-20T01:30:00Z", "description": "Ningbo, warehouse 3"}]}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["items"][0]["outcome"], "recorded", "{answer}");
    assert_eq!(answer["items"][0]["case_id"], id.as_str());
    let (_, after) = agent.get(&format!("/api/v1/cases/{id}")).await;
    assert_eq!(
        after["version"], before["version"],
        "the return is unchanged"
    );
    for (who, path) in [
        (&ana, format!("/cases/{id}")),
        (&agent, format!("/staff/cases/{id}")),
    ] {
        let html = page(who, &path).await;
        assert!(
            html.contains("What the carrier said")
                && html.contains("Delivered: Ningbo, warehouse 3"),
            "{path}: {html}"
        );
    }
}

/// The figure in the README: a receiver down for ten minutes (answering 503) gets every event
/// once after it is back, at the retry 30 minutes after the one at 5 minutes, and none twice.
/// The shop's clock is moved, so the 35 minutes take seconds.
async fn a_receiver_down_for_ten_minutes_gets_every_event_once_after(shop: Shop) {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::sync::atomic::AtomicBool;
    let up = Arc::new(AtomicBool::new(false));
    // Message id: how many times it was answered 2xx, and how many times at all.
    let seen: Arc<Mutex<HashMap<String, (u32, u32)>>> = Arc::default();
    let app = {
        let (up, seen) = (up.clone(), seen.clone());
        axum::Router::new().route(
            "/hooks",
            axum::routing::post(move |headers: axum::http::HeaderMap| {
                let (up, seen) = (up.clone(), seen.clone());
                async move {
                    let id = headers
                        .get("webhook-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned();
                    let ok = up.load(Ordering::SeqCst);
                    let mut seen = seen.lock().unwrap();
                    let entry = seen.entry(id).or_default();
                    entry.1 += 1;
                    if ok {
                        entry.0 += 1;
                        axum::http::StatusCode::NO_CONTENT
                    } else {
                        axum::http::StatusCode::SERVICE_UNAVAILABLE
                    }
                }
            }),
        )
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let admin = Person::staff(&shop, "admin").await;
    let (status, created) = admin
        .post("/api/v1/webhooks", json!({"url": url, "events": ["*"]}))
        .await;
    assert_eq!(status, 201, "{created}");
    let endpoint = created["endpoint"]["id"].as_str().unwrap().to_owned();

    let start: jiff::Timestamp = "2026-03-01T02:00:00Z".parse().unwrap();
    shop.clock.set(start);
    let store = Person::store(&shop);
    for n in 0..20 {
        let (status, _) = store
            .post(
                "/api/v1/orders",
                order_json(&format!("DOWN-{n}"), "ana@example.com"),
            )
            .await;
        assert_eq!(status, 201);
    }
    // A delivery counts its attempt when it is claimed, before the request goes out; it is
    // through with it once its next attempt is set after the shop's clock. Moving the clock
    // (or bringing the receiver back) before then would change the attempt under way.
    let tried = |d: &Value, attempts: i64, now: jiff::Timestamp| {
        d["attempts"] == attempts
            && d["next_attempt_at"]
                .as_str()
                .and_then(|t| t.parse::<jiff::Timestamp>().ok())
                .is_some_and(|next| next > now)
    };
    let all = deliveries_when(&shop, &endpoint, |d| {
        d.len() >= 20 && d.iter().all(|d| tried(d, 1, start))
    })
    .await;
    let events = all.len();
    // Down: the retries at 5 s and 5 min fail too.
    for (after, attempts) in [(10, 2), (5 * 60 + 10, 3)] {
        let now = start + jiff::SignedDuration::from_secs(after);
        shop.clock.set(now);
        deliveries_when(&shop, &endpoint, |d| {
            d.len() == events && d.iter().all(|d| tried(d, attempts, now))
        })
        .await;
    }
    // Back after ten minutes: nothing is due until the retry 30 minutes after the last one,
    // which delivers every event.
    shop.clock.set(start + jiff::SignedDuration::from_mins(10));
    up.store(true, Ordering::SeqCst);
    shop.clock
        .set(start + jiff::SignedDuration::from_secs(35 * 60 + 10));
    deliveries_when(&shop, &endpoint, |d| {
        d.len() == events && d.iter().all(|d| d["delivered_at"].is_string())
    })
    .await;
    // A day later nothing more comes.
    shop.clock.set(start + jiff::SignedDuration::from_hours(30));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), events, "{seen:?}");
    assert!(
        seen.values().all(|(ok, tries)| *ok == 1 && *tries == 4),
        "every event answered once, on its fourth attempt: {seen:?}"
    );
}

aftercare_store::on_both_databases!(|store| spawn(store).await;
    a_receiver_down_for_ten_minutes_gets_every_event_once_after,
    webhooks_are_signed_retried_disabled_and_sent_again,
    tracking_events_sign_an_order_once,
    a_return_parcels_tracking_shows_on_the_return,
);
