//! What the web tests share: the server on a random port with its own SMTP server, people
//! signed in as customers, staff or the store, files to upload, the browser.

use aftercare_app::outbox::{self, Postman};
use aftercare_app::{App, ShopSettings};
use aftercare_core::Policy;
use aftercare_core::cases::{Actor, Role};
use aftercare_core::clock::SettableClock;
use aftercare_store::AnyStore;
use mail_parser::MimeHeaders as _;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};

pub(crate) const PASSWORD: &str = "correct horse battery";

/// A message the SMTP server received.
#[derive(Debug)]
pub(crate) struct Received {
    pub(crate) to: Vec<String>,
    /// The message with quoted-printable soft line breaks joined, so links read whole.
    pub(crate) text: String,
    /// The message as sent, for a MIME parser (the joining above breaks base64 attachments).
    pub(crate) raw: String,
}

/// A small SMTP server on a local port: it speaks enough of RFC 5321 for a real client
/// (lettre) to deliver, and hands every message to the test.
pub(crate) async fn smtp_server() -> (u16, mpsc::UnboundedReceiver<Received>) {
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
                            raw: data,
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
pub(crate) fn quoted_printable(data: &str) -> String {
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

pub(crate) struct Shop {
    pub(crate) app: Arc<App<AnyStore>>,
    pub(crate) base: String,
    pub(crate) key: String,
    pub(crate) clock: Arc<SettableClock>,
    pub(crate) mail: tokio::sync::Mutex<mpsc::UnboundedReceiver<Received>>,
    pub(crate) stop: Option<oneshot::Sender<()>>,
    /// Uploaded evidence lives here until the test ends.
    pub(crate) _data: tempfile::TempDir,
}

pub(crate) fn policy() -> Arc<Policy> {
    Arc::new(aftercare_core::testing::shipped().unwrap())
}

/// The server, an outbox worker delivering to the local SMTP server, an API key for the store
/// and one staff account per role (`agent@shop.example`...).
pub(crate) async fn spawn(store: impl Into<AnyStore>) -> Shop {
    spawn_with(store, |app| app).await
}

/// The server as `spawn` starts it, with its app configured first (its connections).
pub(crate) async fn spawn_with(
    store: impl Into<AnyStore>,
    configure: impl FnOnce(App<AnyStore>) -> App<AnyStore>,
) -> Shop {
    let clock = Arc::new(SettableClock::new("2026-03-01T02:00:00Z".parse().unwrap()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shop = ShopSettings {
        public_url: base.clone(),
        // Conversations' e-mails answer to `reply+<token>@in.shop.example`.
        reply_address: Some("reply@in.shop.example".into()),
        ..ShopSettings::default()
    };
    let app = Arc::new(configure(App::new(
        store.into(),
        policy(),
        clock.clone(),
        shop,
    )));
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
    let (hooks_stop, hooks_stopped) = oneshot::channel::<()>();
    tokio::spawn(aftercare_app::webhooks::run_worker(
        app.clone(),
        aftercare_app::webhooks::client().unwrap(),
        Duration::from_millis(100),
        async {
            let _ = hooks_stopped.await;
        },
    ));
    let served = app.clone();
    tokio::spawn(async move {
        aftercare_web::serve(listener, served, options, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
        let _ = worker_stop.send(());
        let _ = hooks_stop.send(());
    });
    Shop {
        app,
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
pub(crate) struct Person {
    pub(crate) client: reqwest::Client,
    pub(crate) base: String,
    pub(crate) bearer: Option<String>,
}

impl Person {
    pub(crate) fn anonymous(shop: &Shop) -> Person {
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

    pub(crate) fn store(shop: &Shop) -> Person {
        Person::with_key(shop, &shop.key)
    }

    pub(crate) fn with_key(shop: &Shop, key: &str) -> Person {
        Person {
            bearer: Some(key.to_owned()),
            ..Person::anonymous(shop)
        }
    }

    pub(crate) async fn staff(shop: &Shop, role: &str) -> Person {
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
    pub(crate) async fn customer(shop: &Shop, order: &str, email: &str) -> Person {
        let p = Person::anonymous(shop);
        let (status, _) = p
            .post(
                "/api/v1/sign-in-links",
                json!({"order_number": order, "email": email}),
            )
            .await;
        assert_eq!(status, 202);
        let mail = shop
            .mail_containing(email, "Subject: Your sign-in link")
            .await;
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

    pub(crate) async fn answer(response: reqwest::Response) -> (u16, Value) {
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub(crate) async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.post_keyed(path, body, None).await
    }

    pub(crate) async fn post_keyed(
        &self,
        path: &str,
        body: Value,
        key: Option<&str>,
    ) -> (u16, Value) {
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
    pub(crate) async fn photo(&self) -> String {
        let (status, photo) = self
            .upload(jpeg_with_gps(), "photo.jpg", "image/jpeg")
            .await;
        assert_eq!(status, 201, "{photo}");
        photo["id"].as_str().unwrap().to_owned()
    }

    /// Uploads `bytes` as the multipart part `file`, with whatever name and type the client
    /// claims.
    pub(crate) async fn upload(
        &self,
        bytes: Vec<u8>,
        name: &str,
        claimed_type: &str,
    ) -> (u16, Value) {
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

    pub(crate) async fn get_raw(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn get(&self, path: &str) -> (u16, Value) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(b) = &self.bearer {
            request = request.bearer_auth(b);
        }
        Person::answer(request.send().await.unwrap()).await
    }

    /// POST that must succeed; answers the body.
    pub(crate) async fn ok(&self, path: &str, body: Value) -> Value {
        let (status, answer) = self.post(path, body).await;
        assert!((200..300).contains(&status), "{path}: {status} {answer}");
        answer
    }
}

impl Shop {
    /// The next e-mail to `address` that contains `needle`; others are skipped.
    pub(crate) async fn mail_containing(&self, address: &str, needle: &str) -> Received {
        loop {
            let mail = self.mail_to(address).await;
            if mail.text.contains(needle) {
                return mail;
            }
        }
    }

    /// The next e-mail to `address`; others are skipped. Fails after ten seconds.
    pub(crate) async fn mail_to(&self, address: &str) -> Received {
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

pub(crate) fn order_json(number: &str, email: &str) -> Value {
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
pub(crate) async fn shipped_order(shop: &Shop, number: &str, email: &str) -> Person {
    shipped_order_from(shop, order_json(number, email)).await
}

/// `shipped_order`, then signed for on 2026-03-12 (the clock set to that day for the signing),
/// and the clock set to 2026-03-20: a week after the signing, within the return window.
pub(crate) async fn signed_order(shop: &Shop, number: &str, email: &str) {
    signed_order_from(shop, order_json(number, email)).await;
}

/// `signed_order` of an order as given (with its `number` and `customer_email`).
pub(crate) async fn signed_order_from(shop: &Shop, order: Value) {
    let number = order["number"].as_str().unwrap().to_owned();
    shipped_order_from(shop, order).await;
    shop.clock.set("2026-03-12T02:00:00Z".parse().unwrap());
    Person::store(shop)
        .ok(
            &format!("/api/v1/orders/{number}/sign"),
            json!({"signed_at": "2026-03-12T01:00:00Z"}),
        )
        .await;
    shop.clock.set("2026-03-20T02:00:00Z".parse().unwrap());
}

/// `shipped_order` of an order as given (with its `number` and `customer_email`).
pub(crate) async fn shipped_order_from(shop: &Shop, order: Value) -> Person {
    let number = order["number"].as_str().unwrap().to_owned();
    let email = order["customer_email"].as_str().unwrap().to_owned();
    let (number, email) = (number.as_str(), email.as_str());
    let store = Person::store(shop);
    let warehouse = Person::staff(shop, "warehouse").await;
    assert_eq!(store.post("/api/v1/orders", order).await.0, 201);
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
    let mail = shop.mail_containing(email, "is on its way").await;
    assert!(
        mail.text.contains("https://www.dhl.com/track?id=JD014600"),
        "{}",
        mail.text
    );
    // The parcel's commercial invoice goes with the e-mail (II), and reads as the order.
    let message = mail_parser::MessageParser::default()
        .parse(mail.raw.as_bytes())
        .unwrap();
    let invoice = message
        .attachments()
        .find(|a| {
            a.attachment_name() == Some(format!("commercial-invoice-CI-{number}-1.pdf").as_str())
        })
        .unwrap_or_else(|| panic!("no invoice attached to {}", mail.text));
    let text = pdf_extract::extract_text_from_mem(invoice.contents()).unwrap();
    assert!(
        text.contains("COMMERCIAL INVOICE") && text.contains(number) && text.contains("JD014600"),
        "{text}"
    );
    customer
}

/// A JPEG carrying an EXIF segment with GPS coordinates, as phones write them.
pub(crate) fn jpeg_with_gps() -> Vec<u8> {
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

pub(crate) fn crc32(bytes: &[u8]) -> u32 {
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
pub(crate) fn tiny_mp4() -> Vec<u8> {
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
pub(crate) fn huge_png() -> Vec<u8> {
    png_header(20_000, 8, 0)
}

/// A PNG header of `side` x `side` pixels, `depth` bits per sample, colour `kind` (0 grey, 6
/// RGBA), with no picture data: enough for a check that reads only the header.
pub(crate) fn png_header(side: u32, depth: u8, kind: u8) -> Vec<u8> {
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

/// The versions of the fixture's cases and of A-2's fulfilment case, as staff read them.
pub(crate) async fn versions(agent: &Person, cases: &[String]) -> Vec<Value> {
    let mut v = Vec::new();
    for id in cases {
        v.push(agent.get(&format!("/api/v1/cases/{id}")).await.1["version"].clone());
    }
    v.push(agent.get("/api/v1/orders/A-2").await.1["cases"][0]["version"].clone());
    v
}

pub(crate) struct Fixture {
    pub(crate) ret: String,
    pub(crate) buyback: String,
    pub(crate) appeal: String,
    pub(crate) refund: String,
    pub(crate) evidence: String,
}

/// Chromium driven by chromedriver, headless; `None` (said on stderr) when the machine has no
/// chromium-driver, except under CI, where a missing browser fails the test.
pub(crate) struct Browser {
    pub(crate) client: fantoccini::Client,
    pub(crate) driver: std::process::Child,
    /// Whether pages run scripts: axe-core needs them, so pages are checked with them on.
    pub(crate) javascript: bool,
    /// The address and text of the page axe-core last checked, so a page waited on twice is
    /// checked once.
    pub(crate) checked: std::sync::Mutex<String>,
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

pub(crate) async fn browser(javascript: bool) -> Option<Browser> {
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
            Ok(client) => {
                return Some(Browser {
                    client,
                    driver,
                    javascript,
                    checked: std::sync::Mutex::new(String::new()),
                });
            }
            Err(e) => last_error = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not start: {last_error}");
}

pub(crate) fn screenshot_path(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.png"))
}

/// Screenshots of the page at desktop and phone width, each checked by axe-core: any
/// accessibility violation fails the test, with the rule and the elements it found.
pub(crate) async fn screenshots(b: &Browser, name: &str) {
    for (size, w, h) in [("desktop", 1280, 900), ("phone", 390, 844)] {
        b.client.set_window_size(w, h).await.unwrap();
        let png = b.client.screenshot().await.unwrap();
        std::fs::write(screenshot_path(&format!("{name}-{size}")), png).unwrap();
        assert_accessible(b, &format!("{name} at {size} width")).await;
        if b.javascript {
            // A page wider than a phone hides its right side; only a chart may scroll, inside
            // its own box.
            let wider = b
                .client
                .execute(
                    "return [document.documentElement.scrollWidth, window.innerWidth,
                       [...document.querySelectorAll('main *')]
                         .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                           && !e.closest('.chart, .scroll'))
                         .map(e => e.tagName + '.' + e.className + ' ' + (e.id || '')
                           + ' w=' + Math.round(e.getBoundingClientRect().width))]",
                    vec![],
                )
                .await
                .unwrap();
            assert!(
                wider[0].as_u64() <= wider[1].as_u64(),
                "{name} at {size} width scrolls sideways: [page, window] = {wider}"
            );
        }
    }
    b.client.set_window_size(1280, 900).await.unwrap();
}

/// axe-core's script, which `npm ci --prefix crates/aftercare_web/tests/axe` installs; `None`
/// (said on stderr) when it is missing, except under CI, where that fails the test.
fn axe_core() -> Option<&'static str> {
    static AXE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    AXE.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/axe/node_modules/axe-core/axe.min.js");
        let found = std::fs::read_to_string(&path).ok();
        if found.is_none() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the accessibility checks: npm ci --prefix crates/aftercare_web/tests/axe"
            );
            eprintln!(
                "accessibility checks SKIPPED: {} is missing (npm ci --prefix crates/aftercare_web/tests/axe)",
                path.display()
            );
        }
        found
    })
    .as_deref()
}

/// Runs axe-core's rules (WCAG 2.x A and AA, and its best practices) on the page in the
/// browser and fails on any violation. Pages are checked with scripts on; the same pages
/// without them are the same HTML.
pub(crate) async fn assert_accessible(b: &Browser, page: &str) {
    if !b.javascript {
        return;
    }
    let Some(axe) = axe_core() else {
        return;
    };
    // A page that navigates away while axe-core runs (a form sent by the step before) stops
    // the script: then the page it landed on is checked instead. A script that fails twice
    // fails the test, so a check that cannot run never passes for one that found nothing.
    let mut failure = String::new();
    let mut found = None;
    for _ in 0..2 {
        let ran = match b.client.execute(axe, vec![]).await {
            Ok(_) => b
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     axe.run(document)
                       .then(r => done(r.violations.map(v => ({
                         rule: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)
                       }))))
                       .catch(e => done([{ rule: 'axe-error', help: String(e) }]));",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match ran {
            Ok(violations) => {
                found = Some(violations);
                break;
            }
            Err(e) => {
                failure = e;
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        }
    }
    let Some(violations) = found else {
        panic!("{page}: axe-core could not run: {failure}");
    };
    assert!(
        violations.as_array().is_some_and(Vec::is_empty),
        "{page}: accessibility violations at {}:\n{violations:#}",
        b.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    );
}

pub(crate) async fn text_of(b: &Browser) -> String {
    use fantoccini::Locator;
    match b.client.find(Locator::Css("body")).await {
        Ok(body) => body.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Waits until the browser's address contains `part` (a page loads after a click); fails after
/// 10 s.
pub(crate) async fn wait_for_url(b: &Browser, part: &str) {
    let mut url = String::new();
    for _ in 0..100 {
        url = b
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        if url.contains(part) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the address never contained `{part}`: {url}");
}

/// The page's text once it contains `needle` (pages load after a click); fails after 10 s.
/// Every page a journey waits on is checked by axe-core once (see [`assert_accessible`]).
pub(crate) async fn wait_for_text(b: &Browser, needle: &str) -> String {
    let mut text = String::new();
    for _ in 0..100 {
        text = text_of(b).await;
        if text.contains(needle) {
            let url = b
                .client
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            let seen = format!("{url}\n{text}");
            let fresh = {
                let mut checked = b.checked.lock().unwrap();
                let fresh = *checked != seen;
                *checked = seen;
                fresh
            };
            if fresh {
                assert_accessible(b, &url).await;
            }
            return text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("`{needle}` never appeared; the page says:\n{text}");
}

/// How many images matching `css` have loaded, once at least one has (images load after the
/// page's text); 0 after 10 s.
pub(crate) async fn loaded_images(b: &Browser, css: &str) -> u64 {
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

pub(crate) async fn fill(b: &Browser, id: &str, value: &str) {
    use fantoccini::Locator;
    let field = b.client.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

pub(crate) async fn submit(b: &Browser) {
    use fantoccini::Locator;
    b.client
        .find(Locator::Css("main button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

pub(crate) async fn sign_in_as_staff(b: &Browser, shop: &Shop, role: &str) {
    b.client
        .goto(&format!("{}/staff/sign-in", shop.base))
        .await
        .unwrap();
    fill(b, "email", &format!("{role}@shop.example")).await;
    fill(b, "password", PASSWORD).await;
    submit(b).await;
    wait_for_text(b, "Queues").await;
}

pub(crate) async fn sign_out_in_browser(b: &Browser) {
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

pub(crate) async fn click_button(b: &Browser, label: &str) {
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

/// Signs a customer in through the portal's form and the link they receive.
pub(crate) async fn portal_sign_in(b: &Browser, shop: &Shop, order: &str, email: &str) {
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

/// The CSRF token of someone's session, which their page forms carry.
pub(crate) async fn csrf_of(who: &Person) -> String {
    who.get("/api/v1/session").await.1["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A page's HTML, which must answer 200.
pub(crate) async fn page(who: &Person, path: &str) -> String {
    let response = who.get_raw(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

/// The id of the staff account with this e-mail, as an admin reads the list.
pub(crate) async fn account_id(admin: &Person, email: &str) -> String {
    let (_, accounts) = admin.get("/api/v1/staff").await;
    accounts["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == email)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}
