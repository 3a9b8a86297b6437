//! Whole journeys over HTTP against the real server on a random port, on SQLite and on
//! PostgreSQL (when `TEST_DATABASE_URL` is set): the store with its API key, customers through
//! the e-mailed sign-in link (delivered by a real SMTP conversation with a server on a local
//! port), and staff signed in with their passwords, each doing only their own steps.
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "helpers outside #[test] fail the test loudly"
)]

use std::sync::Arc;
use std::time::Duration;

use aftercare_app::outbox::{self, Postman};
use aftercare_app::{App, ShopSettings};
use aftercare_core::Policy;
use aftercare_core::cases::{Actor, Role};
use aftercare_core::clock::SettableClock;
use aftercare_store::{Store, testing};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};

/// A message the SMTP server received.
#[derive(Debug)]
struct Received {
    to: Vec<String>,
    /// The message with quoted-printable soft line breaks joined, so links read whole.
    text: String,
}

/// A small SMTP server on a local port: it speaks enough of RFC 5321 for a real client
/// (lettre) to deliver, and hands every message to the test.
async fn smtp_server() -> (u16, mpsc::UnboundedReceiver<Received>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut to = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-test\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        to.push(
                            line[8..]
                                .trim()
                                .trim_matches(['<', '>'])
                                .to_ascii_lowercase(),
                        );
                        b"250 OK\r\n"
                    } else if upper.starts_with("DATA") {
                        write.write_all(b"354 go ahead\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        let text = quoted_printable(&data);
                        tx.send(Received {
                            to: std::mem::take(&mut to),
                            text,
                        })
                        .unwrap();
                        b"250 queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, rx)
}

/// Reads quoted-printable bodies as text: soft line breaks joined, `=XX` decoded. Headers and
/// other parts pass through unchanged, which is enough to search the message.
fn quoted_printable(data: &str) -> String {
    let joined = data.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

struct Shop {
    base: String,
    key: String,
    clock: Arc<SettableClock>,
    mail: tokio::sync::Mutex<mpsc::UnboundedReceiver<Received>>,
    stop: Option<oneshot::Sender<()>>,
    /// Uploaded evidence lives here until the test ends.
    _data: tempfile::TempDir,
}

fn policy() -> Arc<Policy> {
    Arc::new(aftercare_core::testing::shipped().unwrap())
}

const PASSWORD: &str = "correct horse battery";

/// The server, an outbox worker delivering to the local SMTP server, an API key for the store
/// and one staff account per role (`agent@shop.example`...).
async fn spawn<S: Store + 'static>(store: S) -> Shop {
    let clock = Arc::new(SettableClock::new("2026-03-01T02:00:00Z".parse().unwrap()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shop = ShopSettings {
        public_url: base.clone(),
        ..ShopSettings::default()
    };
    let app = Arc::new(App::new(store, policy(), clock.clone(), shop));
    let system = Actor {
        id: "test-setup".into(),
        roles: vec![Role::System],
    };
    let admin = Actor {
        id: "admin".into(),
        roles: vec![Role::Admin],
    };
    for (name, role) in [
        ("agent", Role::Agent),
        ("warehouse", Role::Warehouse),
        ("finance", Role::Finance),
        ("admin", Role::Admin),
    ] {
        app.create_staff(
            &system,
            &format!("{name}@shop.example"),
            name,
            PASSWORD,
            &[role],
        )
        .await
        .unwrap();
    }
    let key = app
        .create_api_key(&admin, "shop store", &["orders:write".to_owned()])
        .await
        .unwrap()
        .secret;
    let (port, mail) = smtp_server().await;
    let postman = Postman::new(
        Some(&format!("smtp://127.0.0.1:{port}")),
        std::env::temp_dir(),
        "Shop <care@shop.example>",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let options = aftercare_web::WebOptions {
        evidence_dir: data.path().join("evidence"),
        // Small caps, so the test of the cap sends little.
        uploads: aftercare_web::UploadLimits {
            image_bytes: 2 * 1024 * 1024,
            video_bytes: 4 * 1024 * 1024,
            ..aftercare_web::UploadLimits::default()
        },
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let (worker_stop, worker_stopped) = oneshot::channel::<()>();
    tokio::spawn(outbox::run_worker(
        app.clone(),
        postman,
        Duration::from_millis(200),
        app.mail_queued(),
        async {
            let _ = worker_stopped.await;
        },
    ));
    tokio::spawn(async move {
        aftercare_web::serve(listener, app, options, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
        let _ = worker_stop.send(());
    });
    Shop {
        base,
        key,
        clock,
        mail: tokio::sync::Mutex::new(mail),
        stop: Some(stop),
        _data: data,
    }
}

impl Drop for Shop {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Someone with their own cookie jar.
struct Person {
    client: reqwest::Client,
    base: String,
    bearer: Option<String>,
}

impl Person {
    fn anonymous(shop: &Shop) -> Person {
        Person {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: shop.base.clone(),
            bearer: None,
        }
    }

    fn store(shop: &Shop) -> Person {
        Person::with_key(shop, &shop.key)
    }

    fn with_key(shop: &Shop, key: &str) -> Person {
        Person {
            bearer: Some(key.to_owned()),
            ..Person::anonymous(shop)
        }
    }

    async fn staff(shop: &Shop, role: &str) -> Person {
        let p = Person::anonymous(shop);
        let (status, body) = p
            .post(
                "/api/v1/session",
                json!({"email": format!("{role}@shop.example"), "password": PASSWORD}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        p
    }

    /// Signs in as a customer the way a customer does: asks for the link, receives it by
    /// e-mail, opens it.
    async fn customer(shop: &Shop, order: &str, email: &str) -> Person {
        let p = Person::anonymous(shop);
        let (status, _) = p
            .post(
                "/api/v1/sign-in-links",
                json!({"order_number": order, "email": email}),
            )
            .await;
        assert_eq!(status, 202);
        let mail = shop.mail_to(email).await;
        assert!(
            mail.text.contains("Subject: Your sign-in link"),
            "{}",
            mail.text
        );
        let link = mail
            .text
            .split(&format!("{}/sign-in/", shop.base))
            .nth(1)
            .unwrap()
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect::<String>();
        let page = p
            .client
            .get(format!("{}/sign-in/{link}", p.base))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "opening the link does not use it");
        let used = p
            .client
            .post(format!("{}/sign-in/{link}", p.base))
            .send()
            .await
            .unwrap();
        assert_eq!(used.status(), 303);
        let again = Person::anonymous(shop)
            .client
            .post(format!("{}/sign-in/{link}", p.base))
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 410, "a link works once");
        let page = again.text().await.unwrap();
        assert!(
            page.contains("/static/app.css") && page.contains("ask for a new one"),
            "a used link answers a styled page, not JSON: {page}"
        );
        p
    }

    async fn answer(response: reqwest::Response) -> (u16, Value) {
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.post_keyed(path, body, None).await
    }

    async fn post_keyed(&self, path: &str, body: Value, key: Option<&str>) -> (u16, Value) {
        let mut request = self.client.post(format!("{}{path}", self.base)).json(&body);
        if let Some(b) = &self.bearer {
            request = request.bearer_auth(b);
        }
        if let Some(k) = key {
            request = request.header("Idempotency-Key", k);
        }
        Person::answer(request.send().await.unwrap()).await
    }

    /// Uploads a photo and answers its id: customers may attach only their own evidence.
    async fn photo(&self) -> String {
        let (status, photo) = self
            .upload(jpeg_with_gps(), "photo.jpg", "image/jpeg")
            .await;
        assert_eq!(status, 201, "{photo}");
        photo["id"].as_str().unwrap().to_owned()
    }

    /// Uploads `bytes` as the multipart part `file`, with whatever name and type the client
    /// claims.
    async fn upload(&self, bytes: Vec<u8>, name: &str, claimed_type: &str) -> (u16, Value) {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str(claimed_type)
            .unwrap();
        let form = reqwest::multipart::Form::new().part("file", part);
        let response = self
            .client
            .post(format!("{}/api/v1/evidence", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap();
        Person::answer(response).await
    }

    async fn get_raw(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(b) = &self.bearer {
            request = request.bearer_auth(b);
        }
        Person::answer(request.send().await.unwrap()).await
    }

    /// POST that must succeed; answers the body.
    async fn ok(&self, path: &str, body: Value) -> Value {
        let (status, answer) = self.post(path, body).await;
        assert!((200..300).contains(&status), "{path}: {status} {answer}");
        answer
    }
}

impl Shop {
    /// The next e-mail to `address` that contains `needle`; others are skipped.
    async fn mail_containing(&self, address: &str, needle: &str) -> Received {
        loop {
            let mail = self.mail_to(address).await;
            if mail.text.contains(needle) {
                return mail;
            }
        }
    }

    /// The next e-mail to `address`; others are skipped. Fails after ten seconds.
    async fn mail_to(&self, address: &str) -> Received {
        let mut rx = self.mail.lock().await;
        loop {
            let mail = tokio::time::timeout(Duration::from_secs(10), rx.recv())
                .await
                .unwrap_or_else(|_| panic!("no e-mail to {address} within 10 s"))
                .unwrap();
            if mail.to.iter().any(|t| t == address) {
                return mail;
            }
        }
    }
}

fn order_json(number: &str, email: &str) -> Value {
    json!({
        "number": number,
        "placed_at": "2026-03-01T10:00:00+08:00",
        "customer_email": email,
        "customer_name": "Ana Lima",
        "currency": "USD",
        "lines": [
            {"sku": "LK-100", "name": "Smart lock", "unit_price": "120.00", "quantity": 2},
            {"sku": "LK-200", "name": "Keypad", "unit_price": "60.00", "quantity": 1}
        ],
        "shipping_paid": "30.00",
        "duties_paid": "15.00",
        "payment_method": "card",
        "address": {"full_name": "Ana Lima", "street": "Rua das Flores 12", "postal_code": "1200-195",
                    "city": "Lisboa", "country": "PT", "phone": "+351 912 345 678", "email": email}
    })
}

/// The store pushes an order; the order is paid, assembled (the customer approves the photos),
/// packed and shipped, each step by whom it belongs to. Answers the customer's session.
async fn shipped_order(shop: &Shop, number: &str, email: &str) -> Person {
    let store = Person::store(shop);
    let warehouse = Person::staff(shop, "warehouse").await;
    assert_eq!(
        store
            .post("/api/v1/orders", order_json(number, email))
            .await
            .0,
        201
    );
    let order = format!("/api/v1/orders/{number}");
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
    let customer = Person::customer(shop, number, email).await;
    customer
        .ok(&format!("{order}/approve-photos"), json!({}))
        .await;
    warehouse.ok(&format!("{order}/pack"), json!({})).await;
    let shipped = store
        .ok(
            &format!("{order}/ship"),
            json!({"carrier": "DHL", "tracking_number": "JD014600", "tracking_url": "https://www.dhl.com/track?id=JD014600"}),
        )
        .await;
    assert_eq!(shipped["state"], "shipped");
    let mail = shop.mail_to(email).await;
    assert!(
        mail.text.contains("https://www.dhl.com/track?id=JD014600"),
        "{}",
        mail.text
    );
    customer
}

async fn a_return_goes_from_the_customers_request_to_the_refund_sent(shop: Shop) {
    shipped_order(&shop, "LM-1", "ana@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    Person::store(&shop)
        .ok(
            "/api/v1/orders/LM-1/sign",
            json!({"signed_at": "2026-03-12T01:00:00Z"}),
        )
        .await;
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
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
    let mail = shop.mail_to("ana@example.com").await;
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
    let mail = shop.mail_to("ana@example.com").await;
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
    let mail = shop.mail_to("ana@example.com").await;
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
    shipped_order(&shop, "LM-1", "ana@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    Person::store(&shop)
        .ok(
            "/api/v1/orders/LM-1/sign",
            json!({"signed_at": "2026-03-12T01:00:00Z"}),
        )
        .await;
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
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
    let csrf = ana.get("/api/v1/session").await.1["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
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
    let mail = shop.mail_to("ana@example.com").await;
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
    let mail = shop.mail_to("ana@example.com").await;
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
    shipped_order(&shop, "LM-5", "ana@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    Person::store(&shop)
        .ok(
            "/api/v1/orders/LM-5/sign",
            json!({"signed_at": "2026-03-12T01:00:00Z"}),
        )
        .await;
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
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
    let mail = shop.mail_to("ana@example.com").await;
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

/// A JPEG carrying an EXIF segment with GPS coordinates, as phones write them.
fn jpeg_with_gps() -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::DynamicImage::new_rgb8(80, 60)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut jpeg, 90,
        ))
        .unwrap();
    let exif = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 48.8584 N GPSLongitude 2.2945 E";
    let mut tagged = vec![0xFF, 0xD8, 0xFF, 0xE1];
    tagged.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap().to_be_bytes());
    tagged.extend_from_slice(exif);
    tagged.extend_from_slice(&jpeg[2..]);
    tagged
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A real, tiny MP4: one H.264 video track of one sample, written by the `mp4` crate.
fn tiny_mp4() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let config = mp4::Mp4Config {
        major_brand: "isom".parse().unwrap(),
        minor_version: 512,
        compatible_brands: vec!["isom".parse().unwrap(), "mp42".parse().unwrap()],
        timescale: 1000,
    };
    let mut writer = mp4::Mp4Writer::write_start(&mut out, &config).unwrap();
    writer
        .add_track(&mp4::TrackConfig::from(mp4::MediaConfig::AvcConfig(
            mp4::AvcConfig {
                width: 16,
                height: 16,
                seq_param_set: vec![0x67, 0x42, 0x00, 0x0a, 0xf8, 0x41, 0xa2],
                pic_param_set: vec![0x68, 0xce, 0x38, 0x80],
            },
        )))
        .unwrap();
    writer
        .write_sample(
            1,
            &mp4::Mp4Sample {
                start_time: 0,
                duration: 1000,
                rendering_offset: 0,
                is_sync: true,
                bytes: axum::body::Bytes::from_static(&[0, 0, 0, 1, 0x65, 0x88]),
            },
        )
        .unwrap();
    writer.write_end().unwrap();
    drop(writer);
    out.into_inner()
}

/// A PNG that says it is 20000 x 20000 pixels: a decompression bomb's header.
fn huge_png() -> Vec<u8> {
    png_header(20_000, 8, 0)
}

/// A PNG header of `side` x `side` pixels, `depth` bits per sample, colour `kind` (0 grey, 6
/// RGBA), with no picture data: enough for a check that reads only the header.
fn png_header(side: u32, depth: u8, kind: u8) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[depth, kind, 0, 0, 0]);
    png.extend_from_slice(&13_u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    png.extend_from_slice(&[0, 0, 0, 0]);
    png.extend_from_slice(b"IEND");
    png.extend_from_slice(&crc32(b"IEND").to_be_bytes());
    png
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

/// The versions of the fixture's cases and of A-2's fulfilment case, as staff read them.
async fn versions(agent: &Person, cases: &[String]) -> Vec<Value> {
    let mut v = Vec::new();
    for id in cases {
        v.push(agent.get(&format!("/api/v1/cases/{id}")).await.1["version"].clone());
    }
    v.push(agent.get("/api/v1/orders/A-2").await.1["cases"][0]["version"].clone());
    v
}

struct Fixture {
    ret: String,
    buyback: String,
    appeal: String,
    refund: String,
    evidence: String,
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
        orders.contains("Report damage found at signing until 14 March 09:00 (Asia/Shanghai time)")
            && orders.contains("reason=transport_damage"),
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

/// Chromium driven by chromedriver, headless; `None` (said on stderr) when the machine has no
/// chromium-driver, except under CI, where a missing browser fails the test.
struct Browser {
    client: fantoccini::Client,
    driver: std::process::Child,
}

impl Drop for Browser {
    /// Chromedriver and every Chromium process it started share one process group: killing
    /// only chromedriver left the browsers running, and a few test runs filled the machine's
    /// memory with them.
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &group])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

async fn browser(javascript: bool) -> Option<Browser> {
    use std::os::unix::process::CommandExt;
    let driver_path = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(driver_path) = driver_path else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser tests: install chromium and chromium-driver"
        );
        eprintln!(
            "browser test SKIPPED: chromedriver not found (apt-get install chromium chromium-driver)"
        );
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let driver = std::process::Command::new(driver_path)
        .process_group(0)
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut args = vec![
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
    ];
    let mut prefs = serde_json::Map::new();
    if !javascript {
        prefs.insert(
            "profile.managed_default_content_settings.javascript".into(),
            json!(2),
        );
        args.push("--blink-settings=scriptEnabled=false");
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({"args": args, "binary": "/usr/bin/chromium", "prefs": prefs}),
    );
    let mut last_error = String::new();
    for _ in 0..50 {
        match fantoccini::ClientBuilder::new(
            hyper_util::client::legacy::connect::HttpConnector::new(),
        )
        .capabilities(caps.clone())
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        {
            Ok(client) => return Some(Browser { client, driver }),
            Err(e) => last_error = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not start: {last_error}");
}

fn screenshot_path(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.png"))
}

async fn screenshots(b: &Browser, name: &str) {
    for (size, w, h) in [("desktop", 1280, 900), ("phone", 390, 844)] {
        b.client.set_window_size(w, h).await.unwrap();
        let png = b.client.screenshot().await.unwrap();
        std::fs::write(screenshot_path(&format!("{name}-{size}")), png).unwrap();
    }
    b.client.set_window_size(1280, 900).await.unwrap();
}

async fn text_of(b: &Browser) -> String {
    use fantoccini::Locator;
    match b.client.find(Locator::Css("body")).await {
        Ok(body) => body.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The page's text once it contains `needle` (pages load after a click); fails after 10 s.
async fn wait_for_text(b: &Browser, needle: &str) -> String {
    let mut text = String::new();
    for _ in 0..100 {
        text = text_of(b).await;
        if text.contains(needle) {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("`{needle}` never appeared; the page says:\n{text}");
}

/// How many images matching `css` have loaded, once at least one has (images load after the
/// page's text); 0 after 10 s.
async fn loaded_images(b: &Browser, css: &str) -> u64 {
    let script = format!(
        "return [...document.querySelectorAll('{css}')].filter(i => i.complete && i.naturalWidth > 0).length"
    );
    for _ in 0..100 {
        let n = b
            .client
            .execute(&script, vec![])
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(0);
        if n > 0 {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    0
}

async fn fill(b: &Browser, id: &str, value: &str) {
    use fantoccini::Locator;
    let field = b.client.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

async fn submit(b: &Browser) {
    use fantoccini::Locator;
    b.client
        .find(Locator::Css("main button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// A customer signs in through the portal's form and the e-mailed link, sees their orders and
/// an order's page; another customer's order is "not found". Runs with JavaScript on and off.
async fn portal_sign_in_and_orders_in_a_real_browser(shop: Shop, javascript: bool) {
    use fantoccini::Locator;
    let Some(b) = browser(javascript).await else {
        return;
    };
    shipped_order(&shop, "LM-B1", "ana@example.com").await;
    shipped_order(&shop, "LM-B2", "bo@example.com").await;
    let c = &b.client;
    let suffix = if javascript { "" } else { "-nojs" };
    if javascript {
        // With the browser's own checks off, the server's answer shows next to the field.
        c.goto(&format!("{}/", shop.base)).await.unwrap();
        fill(&b, "order_number", "LM-B1").await;
        fill(&b, "email", "not-an-address").await;
        c.execute(
            "document.querySelector('main form').noValidate = true",
            vec![],
        )
        .await
        .unwrap();
        submit(&b).await;
        wait_for_text(&b, "Give the e-mail address you ordered with").await;
        let kept = c
            .find(Locator::Id("order_number"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(kept.as_deref(), Some("LM-B1"), "the other input is kept");
        let described = c
            .find(Locator::Id("email"))
            .await
            .unwrap()
            .attr("aria-describedby")
            .await
            .unwrap();
        assert_eq!(described.as_deref(), Some("email-error"));
        screenshots(&b, "portal-sign-in-error").await;
    }
    c.goto(&format!("{}/", shop.base)).await.unwrap();
    fill(&b, "order_number", "LM-B1").await;
    fill(&b, "email", "ana@example.com").await;
    submit(&b).await;
    wait_for_text(&b, "a sign-in link is on its way").await;
    let mail = shop.mail_to("ana@example.com").await;
    let link = mail
        .text
        .split(&format!("{}/sign-in/", shop.base))
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect::<String>();
    c.goto(&format!("{}/sign-in/{link}", shop.base))
        .await
        .unwrap();
    c.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Your orders").await;
    assert!(page.contains("Order LM-B1"), "{page}");
    assert!(
        !page.contains("LM-B2"),
        "another customer's order is not listed"
    );
    screenshots(&b, &format!("portal-orders{suffix}")).await;
    c.find(Locator::LinkText("Order LM-B1"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Timeline").await;
    assert!(
        page.contains("Smart lock") && page.contains("Shipped"),
        "{page}"
    );
    screenshots(&b, &format!("portal-order{suffix}")).await;
    c.goto(&format!("{}/orders/LM-B2", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Not found").await;
}

async fn portal_in_a_real_browser_with_javascript(shop: Shop) {
    portal_sign_in_and_orders_in_a_real_browser(shop, true).await;
}

async fn portal_in_a_real_browser_without_javascript(shop: Shop) {
    portal_sign_in_and_orders_in_a_real_browser(shop, false).await;
}

/// The server keeps what was typed and puts the error next to the field.
async fn a_bad_form_value_is_shown_next_to_its_field_with_the_input_kept(shop: Shop) {
    let response = Person::anonymous(&shop)
        .client
        .post(format!("{}/sign-in", shop.base))
        .form(&[("order_number", "LM-77"), ("email", "not-an-address")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"LM-77\""), "the order number is kept");
    assert!(html.contains("id=\"email-error\""), "{html}");
    assert!(html.contains("aria-describedby=\"email-error\""), "{html}");
}

async fn staff_sign_in_and_dashboard_in_a_real_browser(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    // Two weeks of activity: a quality return refunded, a wrong item waiting for review.
    shipped_order(&shop, "LM-S1", "ana@example.com").await;
    shipped_order(&shop, "LM-S2", "bo@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    let store = Person::store(&shop);
    for n in ["LM-S1", "LM-S2"] {
        store
            .ok(
                &format!("/api/v1/orders/{n}/sign"),
                json!({"signed_at": "2026-03-12T01:00:00Z"}),
            )
            .await;
    }
    shop.clock.set("2026-03-13T02:00:00Z".parse().unwrap());
    let ana = Person::customer(&shop, "LM-S1", "ana@example.com").await;
    let id = ana
        .ok(
            "/api/v1/returns",
            json!({"order_number": "LM-S1", "reason": "quality_issue",
            "lines": [{"sku": "LK-100", "quantity": 1}], "evidence": [ana.photo().await]}),
        )
        .await["case"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Sessions end with time: staff sign in on the day they act.
    shop.clock.set("2026-03-16T02:00:00Z".parse().unwrap());
    let agent = Person::staff(&shop, "agent").await;
    let warehouse = Person::staff(&shop, "warehouse").await;
    let finance = Person::staff(&shop, "finance").await;
    agent
        .ok(&format!("/api/v1/returns/{id}/approve"), json!({}))
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
    let (_, refund) = agent
        .post_keyed("/api/v1/refunds", json!({"source_case": id}), Some("g-S1"))
        .await;
    let refund_id = refund["id"].as_str().unwrap().to_owned();
    finance
        .post_keyed(
            &format!("/api/v1/refunds/{refund_id}/send"),
            json!({"payment_reference": "PSP-9"}),
            Some("s-S1"),
        )
        .await;
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
    let bo = Person::customer(&shop, "LM-S2", "bo@example.com").await;
    bo.ok(
        "/api/v1/returns",
        json!({"order_number": "LM-S2", "reason": "wrong_item",
        "lines": [{"sku": "LK-200", "quantity": 1}], "evidence": [bo.photo().await]}),
    )
    .await;

    let c = &b.client;
    c.goto(&format!("{}/staff", shop.base)).await.unwrap();
    fill(&b, "email", "agent@shop.example").await;
    fill(&b, "password", "wrong password").await;
    submit(&b).await;
    wait_for_text(&b, "The e-mail or the password is not right").await;
    let email = c
        .find(Locator::Id("email"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        email.as_deref(),
        Some("agent@shop.example"),
        "the e-mail is kept"
    );
    fill(&b, "password", PASSWORD).await;
    submit(&b).await;
    let page = wait_for_text(&b, "Queues").await;
    assert!(page.contains("LM-S2"), "{page}");
    assert_eq!(
        c.find_all(Locator::Css("figure.chart svg"))
            .await
            .unwrap()
            .len(),
        3,
        "three charts drawn on the server"
    );
    // The figures behind the charts: requests by reason per week, steps on time, money sent.
    let figures = c
        .execute(
            "return [...document.querySelectorAll('figure.chart table')].map(t => t.textContent).join('\\n')",
            vec![],
        )
        .await
        .unwrap();
    let figures = figures.as_str().unwrap();
    for expected in [
        "Week of 9 March",
        "Quality issue 1",
        "Week of 16 March",
        "Wrong item 1",
        "100% (",
        "refunds 129.00 USD",
    ] {
        assert!(figures.contains(expected), "`{expected}` in {figures}");
    }
    screenshots(&b, "staff-dashboard").await;

    // The search box finds a customer's cases by part of the name or the order number.
    c.find(Locator::LinkText("Cases"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Order number, RMA number, e-mail or name").await;
    fill(&b, "q", "LM-S2").await;
    click_button(&b, "Search").await;
    let page = wait_for_text(&b, "bo@example.com").await;
    assert!(!page.contains("ana@example.com"), "{page}");
    screenshots(&b, "staff-cases").await;
    c.find(Locator::LinkText("LM-S2"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Delivery timeline").await;
    assert!(
        page.contains("Rua das Flores 12") && page.contains("Keypad") && page.contains("card"),
        "{page}"
    );
    screenshots(&b, "staff-order").await;

    // An internal note joins the case's history for staff only.
    c.find(Locator::XPath(
        "//main//a[starts-with(normalize-space(), 'Return')]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    wait_for_text(&b, "Internal note").await;
    fill(&b, "note", "Called the customer; photos to follow.").await;
    click_button(&b, "Add the note").await;
    wait_for_text(&b, "Called the customer; photos to follow.").await;
    let case_id = c
        .current_url()
        .await
        .unwrap()
        .path()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let (_, timeline) = bo.get(&format!("/api/v1/cases/{case_id}/timeline")).await;
    assert!(
        !timeline.to_string().contains("Called the customer"),
        "customers never see internal notes: {timeline}"
    );
    let agent = Person::staff(&shop, "agent").await;
    let (_, timeline) = agent
        .get(&format!("/api/v1/cases/{case_id}/timeline"))
        .await;
    assert!(timeline.to_string().contains("Called the customer"));
}

async fn sign_in_as_staff(b: &Browser, shop: &Shop, role: &str) {
    b.client
        .goto(&format!("{}/staff/sign-in", shop.base))
        .await
        .unwrap();
    fill(b, "email", &format!("{role}@shop.example")).await;
    fill(b, "password", PASSWORD).await;
    submit(b).await;
    wait_for_text(b, "Queues").await;
}

async fn sign_out_in_browser(b: &Browser) {
    use fantoccini::Locator;
    b.client
        .find(Locator::Css("header form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(b, "Staff console").await;
}

async fn click_button(b: &Browser, label: &str) {
    use fantoccini::Locator;
    b.client
        .find(Locator::XPath(&format!(
            "//main//button[normalize-space()=\"{label}\"]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// A whole return in the browser. The customer signs in, follows "what you can do now" into the
/// request wizard, picks one unit, adds a photo, sees the decision with its refund breakdown and
/// sends it. An agent approves, the warehouse receives and passes the inspection, an agent grants
/// the refund and finance sends it, each in the console. The customer then sees the refund sent.
/// Runs with JavaScript on and off.
async fn a_customer_return_from_the_wizard_to_the_refund_sent(shop: Shop, javascript: bool) {
    use fantoccini::Locator;
    let Some(b) = browser(javascript).await else {
        return;
    };
    let suffix = if javascript { "" } else { "-nojs" };
    shipped_order(&shop, "LM-C1", "ana@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    Person::store(&shop)
        .ok(
            "/api/v1/orders/LM-C1/sign",
            json!({"signed_at": "2026-03-12T01:00:00Z"}),
        )
        .await;
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());

    portal_sign_in(&b, &shop, "LM-C1", "ana@example.com").await;
    let page = wait_for_text(&b, "What you can do now").await;
    assert!(
        page.contains("Return for a quality issue")
            && page.contains("possible until 26 March 2026"),
        "{page}"
    );
    b.client
        .find(Locator::XPath(
            "//a[starts-with(normalize-space(), 'Return for a quality issue')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Which items, and how many").await;
    let reason = b
        .client
        .find(Locator::Id("reason"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        reason.as_deref(),
        Some("quality_issue"),
        "the link chose it"
    );
    // Nothing chosen yet: the error sits next to the items, the reason is kept.
    click_button(&b, "See what the policy decides").await;
    wait_for_text(&b, "Choose at least one item.").await;
    let reason = b
        .client
        .find(Locator::Id("reason"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(reason.as_deref(), Some("quality_issue"), "input kept");

    fill(&b, "qty-LK-100", "1").await;
    fill(&b, "description", "The latch sticks when it is cold.").await;
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), jpeg_with_gps()).unwrap();
    b.client
        .find(Locator::Id("files"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    click_button(&b, "See what the policy decides").await;
    let page = wait_for_text(&b, "What the policy decides").await;
    for expected in [
        "You can return these items",
        "The price of the items",
        "120.00 USD",
        "Your share of the original shipping",
        "You get",
        "129.00 USD",
        "We review the request by",
        "within 14 days of signing",
    ] {
        assert!(page.contains(expected), "`{expected}` missing:\n{page}");
    }
    assert!(
        b.client.find(Locator::Css(".gallery img")).await.is_ok(),
        "the photo is shown as added"
    );
    screenshots(&b, &format!("portal-request-preview{suffix}")).await;
    click_button(&b, "Send the request").await;
    let page = wait_for_text(&b, "Steps so far").await;
    assert!(page.contains("Requested"), "{page}");
    let case_url = b.client.current_url().await.unwrap().to_string();
    let id = case_url.rsplit('/').next().unwrap().to_owned();
    let staff_url = format!("{}/staff/cases/{id}", shop.base);

    sign_in_as_staff(&b, &shop, "agent").await;
    b.client
        .find(Locator::LinkText("Return"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "What you can do now").await;
    assert!(
        page.contains("within 14 days of signing") && page.contains("III.1.quality"),
        "{page}"
    );
    assert!(
        b.client.find(Locator::Css(".gallery img")).await.is_ok(),
        "the agent sees the customer's photo"
    );
    screenshots(&b, &format!("staff-case{suffix}")).await;
    click_button(&b, "Approve and issue the RMA").await;
    // "RMA" is on the page before the click too: wait for the step's own line.
    wait_for_text(&b, "Approved by").await;
    sign_out_in_browser(&b).await;

    sign_in_as_staff(&b, &shop, "warehouse").await;
    b.client.goto(&staff_url).await.unwrap();
    wait_for_text(&b, "units received").await;
    click_button(&b, "Record the parcel as received").await;
    wait_for_text(&b, "Inspection passed").await;
    click_button(&b, "Inspection passed").await;
    wait_for_text(&b, "Inspection passed by").await;
    sign_out_in_browser(&b).await;

    sign_in_as_staff(&b, &shop, "agent").await;
    b.client.goto(&staff_url).await.unwrap();
    click_button(&b, "Grant the refund").await;
    wait_for_text(&b, "Granted by").await;
    let refund_url = b.client.current_url().await.unwrap().to_string();
    sign_out_in_browser(&b).await;

    sign_in_as_staff(&b, &shop, "finance").await;
    b.client.goto(&refund_url).await.unwrap();
    fill(&b, "send-payment_reference", "PSP-7781").await;
    click_button(&b, "Send the refund").await;
    let page = wait_for_text(&b, "Sent by").await;
    assert!(page.contains("Sent"), "{page}");
    let mail = shop
        .mail_containing("ana@example.com", "Refund sent for order LM-C1")
        .await;
    assert!(mail.text.contains("129.00"), "{}", mail.text);
    sign_out_in_browser(&b).await;

    portal_sign_in(&b, &shop, "LM-C1", "ana@example.com").await;
    b.client
        .find(Locator::XPath(
            "//a[starts-with(normalize-space(), 'Refund: sent')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Steps so far").await;
    assert!(
        page.contains("129.00 USD") && page.contains("original payment method"),
        "{page}"
    );
}

async fn a_customer_return_in_the_browser_with_javascript(shop: Shop) {
    a_customer_return_from_the_wizard_to_the_refund_sent(shop, true).await;
}

async fn a_customer_return_in_the_browser_without_javascript(shop: Shop) {
    a_customer_return_from_the_wizard_to_the_refund_sent(shop, false).await;
}

/// The policy page's simulator and the admin page, in the browser: a what-if decision with its
/// breakdown, a bad date named next to its field; a staff account refused then created; an API
/// key shown once and revoked; orders exported and imported as CSV with a refused row by line.
async fn policy_and_admin_pages_in_a_real_browser(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    shipped_order(&shop, "LM-P1", "ana@example.com").await;
    let c = &b.client;

    sign_in_as_staff(&b, &shop, "agent").await;
    c.goto(&format!("{}/staff/admin", shop.base)).await.unwrap();
    wait_for_text(&b, "This page is for admins").await;
    c.find(Locator::LinkText("Policy"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Simulator").await;
    assert!(page.contains("Version 2025-01"), "{page}");
    c.find(Locator::LinkText("Calendar"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "Working-day calendar").await;
    assert!(
        page.contains("General Office of the State Council, notice of 2025-11-04")
            && page.contains("National Day (adjusted working day)"),
        "{page}"
    );
    screenshots(&b, "staff-calendar").await;
    c.find(Locator::LinkText("Policy"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Simulator").await;
    click_button(&b, "Run the evaluator").await;
    let page = wait_for_text(&b, "What the policy decides").await;
    assert!(
        page.contains("You can return these items") && page.contains("129.00 USD"),
        "{page}"
    );
    screenshots(&b, "staff-policy-simulator").await;
    c.find(Locator::Css("#request option[value=buyback]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&b, "Run the evaluator").await;
    let page = wait_for_text(&b, "Buyback quote").await;
    assert!(page.contains("Our offer"), "{page}");
    fill(&b, "placed_at", "").await;
    c.execute(
        "document.getElementById('placed_at').value = ''; document.getElementById('placed_at').type = 'text'; document.getElementById('placed_at').value = 'last Tuesday'",
        vec![],
    )
    .await
    .unwrap();
    click_button(&b, "Run the evaluator").await;
    wait_for_text(&b, "placed_at: give a date and time").await;
    sign_out_in_browser(&b).await;

    sign_in_as_staff(&b, &shop, "admin").await;
    c.find(Locator::LinkText("Admin"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Staff accounts").await;
    fill(&b, "staff-email", "not an address").await;
    fill(&b, "staff-name", "Wei Zhang").await;
    fill(&b, "staff-password", "a long enough password").await;
    c.find(Locator::Css("input[name=roles][value=warehouse]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&b, "Add the account").await;
    wait_for_text(&b, "Add a staff member").await;
    let error = c
        .find(Locator::Id("staff-email-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!error.is_empty(), "the error sits next to the e-mail");
    let kept = c
        .find(Locator::Id("staff-name"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("Wei Zhang"));
    fill(&b, "staff-email", "wei@shop.example").await;
    fill(&b, "staff-password", "a long enough password").await;
    click_button(&b, "Add the account").await;
    wait_for_text(&b, "Wei Zhang can now sign in as wei@shop.example").await;

    fill(&b, "key_name", "Shopify bridge").await;
    click_button(&b, "Create the key").await;
    wait_for_text(&b, "it is not shown again").await;
    let secret = c
        .find(Locator::Css("code.secret"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let system = Person::with_key(&shop, &secret);
    let (status, _) = system.get("/api/v1/orders/LM-P1").await;
    assert_eq!(status, 200, "the new key works");
    screenshots(&b, "staff-admin").await;
    c.find(Locator::XPath(
        "//tr[td[normalize-space()='Shopify bridge']]//button",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    wait_for_text(&b, "The key is revoked").await;
    let (status, _) = system.get("/api/v1/orders/LM-P1").await;
    assert_eq!(status, 401, "a revoked key is refused");

    // The export, as the admin's browser session downloads it.
    let cookie = c.get_named_cookie("aftercare").await.unwrap();
    let csv = reqwest::Client::new()
        .get(format!("{}/staff/admin/orders.csv", shop.base))
        .header("Cookie", format!("aftercare={}", cookie.value()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("order_number,"), "{csv}");
    assert!(csv.contains("LM-P1"), "{csv}");
    // The same rows under a new number import; a row with a bad price is refused by its line.
    let header = csv.lines().next().unwrap();
    let rows: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.replacen("LM-P1", "LM-P9", 1))
        .collect();
    let bad = rows[0]
        .replacen("LM-P9", "LM-P8", 1)
        .replace(",120.00,", ",lots,");
    let file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::fs::write(
        file.path(),
        format!("{header}\n{}\n{bad}\n", rows.join("\n")),
    )
    .unwrap();
    c.find(Locator::Id("import-file"))
        .await
        .unwrap()
        .send_keys(&file.path().display().to_string())
        .await
        .unwrap();
    click_button(&b, "Import").await;
    let page = wait_for_text(&b, "Import done").await;
    assert!(
        page.contains("1 orders imported") && page.contains("1 rows refused"),
        "{page}"
    );
    assert!(page.contains(&format!("Line {}", rows.len() + 2)), "{page}");
    let (status, _) = Person::staff(&shop, "agent")
        .await
        .get("/api/v1/orders/LM-P9")
        .await;
    assert_eq!(status, 200);
}

/// Signs a customer in through the portal's form and the link they receive.
async fn portal_sign_in(b: &Browser, shop: &Shop, order: &str, email: &str) {
    use fantoccini::Locator;
    b.client.goto(&format!("{}/", shop.base)).await.unwrap();
    fill(b, "order_number", order).await;
    fill(b, "email", email).await;
    submit(b).await;
    wait_for_text(b, "a sign-in link is on its way").await;
    let mail = shop
        .mail_containing(email, "Subject: Your sign-in link")
        .await;
    let link = mail
        .text
        .split(&format!("{}/sign-in/", shop.base))
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect::<String>();
    b.client
        .goto(&format!("{}/sign-in/{link}", shop.base))
        .await
        .unwrap();
    b.client
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(b, "Your orders").await;
}

/// A return's RMA slip and tracking number in the portal, then a whole buyback in the browser:
/// the customer applies in the wizard and sees the quote first, an agent quotes, the customer
/// accepts and sends the goods, the warehouse revises the offer, the customer accepts it, an
/// agent grants the payment and finance sends it.
async fn customer_cases_in_a_real_browser(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    // Staff work in their own browser, as they would, while the customer stays signed in.
    let Some(staff) = browser(true).await else {
        return;
    };
    shipped_order(&shop, "LM-D1", "ana@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    let store = Person::store(&shop);
    store
        .ok(
            "/api/v1/orders/LM-D1/sign",
            json!({"signed_at": "2026-03-12T01:00:00Z"}),
        )
        .await;
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
    let ana = Person::customer(&shop, "LM-D1", "ana@example.com").await;
    let ret = ana
        .ok("/api/v1/returns", json!({"order_number": "LM-D1", "reason": "quality_issue",
            "lines": [{"sku": "LK-100", "quantity": 1}], "description": "Sticks.", "evidence": [ana.photo().await]}))
        .await["case"]["id"].as_str().unwrap().to_owned();
    let agent = Person::staff(&shop, "agent").await;
    let rma = agent
        .ok(&format!("/api/v1/returns/{ret}/approve"), json!({}))
        .await["rma"]
        .as_str()
        .unwrap()
        .to_owned();
    // The e-mails so far (RMA) are not what this test reads.
    portal_sign_in(&b, &shop, "LM-D1", "ana@example.com").await;

    b.client
        .find(Locator::XPath(
            "//a[starts-with(normalize-space(), 'Return: approved')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for_text(&b, "tape it on the box").await;
    assert!(
        page.contains(&rma) && page.contains("Haigang Road"),
        "{page}"
    );
    screenshots(&b, "portal-case-rma").await;
    fill(&b, "ship-tracking_number", "CN123456789").await;
    click_button(&b, "I sent the parcel").await;
    wait_for_text(&b, "In transit").await;

    // The buyback: applied for in the wizard, quoted by an agent, the goods sent, a revised
    // offer from the warehouse accepted, the payment granted by an agent and sent by finance.
    b.client.goto(&format!("{}/", shop.base)).await.unwrap();
    b.client
        .find(Locator::XPath(
            "//a[starts-with(normalize-space(), 'Sell it back to our buyback program')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&b, "Its condition (for a buyback)").await;
    fill(&b, "qty-LK-100", "0").await;
    fill(&b, "qty-LK-200", "1").await;
    b.client
        .find(Locator::Css("#grade option[value=good]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&b, "See what the policy decides").await;
    let page = wait_for_text(&b, "What the policy decides").await;
    assert!(
        page.contains("Our buyback program can buy the items") && page.contains("Our offer"),
        "{page}"
    );
    screenshots(&b, "portal-request-buyback-preview").await;
    click_button(&b, "Send the request").await;
    wait_for_text(&b, "Steps so far").await;
    let buyback_url = b.client.current_url().await.unwrap().to_string();
    let buyback = buyback_url.rsplit('/').next().unwrap().to_owned();
    let staff_url = format!("{}/staff/cases/{buyback}", shop.base);

    sign_in_as_staff(&staff, &shop, "agent").await;
    staff.client.goto(&staff_url).await.unwrap();
    click_button(&staff, "Send the quote").await;
    wait_for_text(&staff, "Quoted by").await;
    sign_out_in_browser(&staff).await;

    b.client.goto(&buyback_url).await.unwrap();
    let page = wait_for_text(&b, "Our offer").await;
    assert!(page.contains("valid until"), "{page}");
    click_button(&b, "Accept the offer").await;
    wait_for_text(&b, "I sent the goods").await;
    fill(&b, "ship-tracking_number", "EMS42").await;
    click_button(&b, "I sent the goods").await;
    wait_for_text(&b, "In transit").await;

    sign_in_as_staff(&staff, &shop, "warehouse").await;
    staff.client.goto(&staff_url).await.unwrap();
    click_button(&staff, "Record the goods as received").await;
    wait_for_text(&staff, "Revise the offer").await;
    fill(&staff, "revise-amount", "20.00").await;
    fill(&staff, "revise-reasons", "scratched cover").await;
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), jpeg_with_gps()).unwrap();
    staff
        .client
        .find(Locator::Id("revise-files"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    click_button(&staff, "Revise the offer").await;
    wait_for_text(&staff, "Revised by").await;
    sign_out_in_browser(&staff).await;

    b.client.goto(&buyback_url).await.unwrap();
    wait_for_text(&b, "Accept the revised offer").await;
    assert_eq!(
        loaded_images(&b, ".gallery img").await,
        1,
        "the customer sees the warehouse's photo behind the revision"
    );
    click_button(&b, "Accept the revised offer").await;
    wait_for_text(&b, "Revision accepted").await;

    sign_in_as_staff(&b, &shop, "agent").await;
    b.client.goto(&staff_url).await.unwrap();
    click_button(&b, "Grant the buyback payment").await;
    wait_for_text(&b, "Granted by").await;
    let payment_url = b.client.current_url().await.unwrap().to_string();
    sign_out_in_browser(&b).await;
    sign_in_as_staff(&b, &shop, "finance").await;
    b.client.goto(&payment_url).await.unwrap();
    fill(&b, "send-payment_reference", "PSP-BB-1").await;
    click_button(&b, "Send the refund").await;
    let page = wait_for_text(&b, "Sent by").await;
    assert!(
        page.contains("20.00 USD"),
        "the revised amount is paid: {page}"
    );
    sign_out_in_browser(&b).await;
    portal_sign_in(&b, &shop, "LM-D1", "ana@example.com").await;

    // Another customer's case is "not found".
    let bo_case = {
        shipped_order(&shop, "LM-D2", "bo@example.com").await;
        let (_, order) = agent.get("/api/v1/orders/LM-D2").await;
        order["cases"][0]["id"].as_str().unwrap().to_owned()
    };
    b.client
        .goto(&format!("{}/cases/{bo_case}", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Not found").await;
}

/// A customer appeals in the portal with a photo; an agent upholds it in the console.
async fn an_appeal_filed_in_the_portal_is_upheld_in_the_console(shop: Shop) {
    use fantoccini::Locator;
    let Some(b) = browser(true).await else {
        return;
    };
    shipped_order(&shop, "LM-E1", "ana@example.com").await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    Person::store(&shop)
        .ok(
            "/api/v1/orders/LM-E1/sign",
            json!({"signed_at": "2026-03-12T01:00:00Z"}),
        )
        .await;
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
    let ana = Person::customer(&shop, "LM-E1", "ana@example.com").await;
    let ret = ana
        .ok("/api/v1/returns", json!({"order_number": "LM-E1", "reason": "quality_issue",
            "lines": [{"sku": "LK-100", "quantity": 1}], "description": "Sticks.", "evidence": [ana.photo().await]}))
        .await["case"]["id"].as_str().unwrap().to_owned();
    let agent = Person::staff(&shop, "agent").await;
    agent
        .ok(
            &format!("/api/v1/returns/{ret}/reject"),
            json!({"reasons": ["the photos show wear"]}),
        )
        .await;
    portal_sign_in(&b, &shop, "LM-E1", "ana@example.com").await;
    b.client
        .goto(&format!("{}/cases/{ret}", shop.base))
        .await
        .unwrap();
    wait_for_text(&b, "Appeal against this result").await;
    fill(
        &b,
        "statement",
        "The latch was stiff from the first day; see the photo.",
    )
    .await;
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), jpeg_with_gps()).unwrap();
    b.client
        .find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    click_button(&b, "Send the appeal").await;
    let page = wait_for_text(&b, "Appeal").await;
    assert!(page.contains("Filed"), "{page}");
    let appeal_url = b.client.current_url().await.unwrap().to_string();
    let appeal_id = appeal_url.rsplit('/').next().unwrap().to_owned();

    sign_in_as_staff(&b, &shop, "agent").await;
    b.client
        .goto(&format!("{}/staff/cases/{appeal_id}", shop.base))
        .await
        .unwrap();
    fill(
        &b,
        "uphold-opinion",
        "A second look confirms wear from use.",
    )
    .await;
    click_button(&b, "Uphold the result").await;
    wait_for_text(&b, "Upheld by").await;
    let mail = shop
        .mail_containing("ana@example.com", "result upheld")
        .await;
    assert!(mail.text.contains("second look"), "{}", mail.text);
    // The appeal carries the photo, stored without its GPS data.
    let (_, appeal) = agent.get(&format!("/api/v1/appeals/{appeal_id}")).await;
    let evidence = appeal["data"]["evidence"][0].as_str().unwrap().to_owned();
    let stored = agent
        .get_raw(&format!("/api/v1/evidence/{evidence}"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(!String::from_utf8_lossy(&stored).contains("GPS"));
}

/// The console's fulfilment steps: payment, the shortage question, the assembly photos uploaded,
/// packing and shipping, by the roles they belong to. The customer, in a second browser, answers
/// the shortage question and approves the photos in the portal, and gets the tracking link.
async fn staff_fulfil_an_order_in_a_real_browser(shop: Shop) {
    let Some(b) = browser(true).await else {
        return;
    };
    let store = Person::store(&shop);
    assert_eq!(
        store
            .post("/api/v1/orders", order_json("LM-F1", "ana@example.com"))
            .await
            .0,
        201
    );
    let agent = Person::staff(&shop, "agent").await;
    let (_, order) = agent.get("/api/v1/orders/LM-F1").await;
    let case_url = format!(
        "{}/staff/cases/{}",
        shop.base,
        order["cases"][0]["id"].as_str().unwrap()
    );

    use fantoccini::Locator;
    let Some(customer) = browser(true).await else {
        return;
    };
    sign_in_as_staff(&b, &shop, "agent").await;
    b.client.goto(&case_url).await.unwrap();
    click_button(&b, "Payment verified").await;
    wait_for_text(&b, "Start assembly").await;
    fill(
        &b,
        "report-shortage-message",
        "The spare key fob is out of stock until May.",
    )
    .await;
    click_button(&b, "Ask the customer about a missing accessory").await;
    wait_for_text(&b, "Shortage reported by").await;
    sign_out_in_browser(&b).await;

    // The customer answers in the portal: what-now leads to the question.
    portal_sign_in(&customer, &shop, "LM-F1", "ana@example.com").await;
    customer
        .client
        .find(Locator::LinkText(
            "Tell us what to do about a missing accessory",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(&customer, "The spare key fob is out of stock until May.").await;
    customer
        .client
        .find(Locator::Css("input[name=choice][value=substitute]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_button(&customer, "Send my answer").await;
    wait_for_text(&customer, "Shortage answered").await;

    sign_in_as_staff(&b, &shop, "warehouse").await;
    b.client.goto(&case_url).await.unwrap();
    wait_for_text(&b, "Send the photos").await;
    let photo = tempfile::Builder::new().suffix(".jpg").tempfile().unwrap();
    std::fs::write(photo.path(), jpeg_with_gps()).unwrap();
    b.client
        .find(Locator::Id("assembly-photos-files"))
        .await
        .unwrap()
        .send_keys(&photo.path().display().to_string())
        .await
        .unwrap();
    click_button(&b, "Send the photos for approval by the customer").await;
    wait_for_text(&b, "Awaiting photo approval").await;

    // The customer sees the photo the warehouse took, and approves it.
    customer
        .client
        .goto(&format!("{}/orders/LM-F1", shop.base))
        .await
        .unwrap();
    wait_for_text(&customer, "Photos of your assembled product").await;
    let src = customer
        .client
        .find(Locator::Css("#photos .gallery img"))
        .await
        .unwrap()
        .attr("src")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        loaded_images(&customer, "#photos .gallery img").await,
        1,
        "the thumbnail {src} is served to the customer"
    );
    screenshots(&customer, "portal-photo-approval").await;
    click_button(&customer, "Approve the photos").await;
    wait_for_text(&customer, "Photos approved").await;
    b.client.goto(&case_url).await.unwrap();
    click_button(&b, "Packed").await;
    wait_for_text(&b, "Tracking link").await;
    fill(&b, "ship-carrier", "DHL").await;
    fill(&b, "ship-tracking_number", "JD777").await;
    fill(
        &b,
        "ship-tracking_url",
        "https://www.dhl.com/track?id=JD777",
    )
    .await;
    click_button(&b, "Shipped").await;
    wait_for_text(&b, "came back undelivered").await;
    screenshots(&b, "staff-order").await;
    let mail = shop
        .mail_containing("ana@example.com", "is on its way")
        .await;
    assert!(
        mail.text.contains("https://www.dhl.com/track?id=JD777"),
        "{}",
        mail.text
    );
}

/// Pages in a real browser, on SQLite: the pages read through the same app as the API, whose
/// storage is covered on both databases above.
mod in_the_browser {
    use super::*;
    macro_rules! case {
        ($name:ident) => {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let fresh = testing::sqlite().await.unwrap();
                super::$name(spawn(fresh.store.clone()).await).await;
            }
        };
    }
    case!(portal_in_a_real_browser_with_javascript);
    case!(portal_in_a_real_browser_without_javascript);
    case!(a_bad_form_value_is_shown_next_to_its_field_with_the_input_kept);
    case!(staff_sign_in_and_dashboard_in_a_real_browser);
    case!(a_customer_return_in_the_browser_with_javascript);
    case!(a_customer_return_in_the_browser_without_javascript);
    case!(customer_cases_in_a_real_browser);
    case!(an_appeal_filed_in_the_portal_is_upheld_in_the_console);
    case!(staff_fulfil_an_order_in_a_real_browser);
    case!(policy_and_admin_pages_in_a_real_browser);
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
);
