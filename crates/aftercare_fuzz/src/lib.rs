//! What each fuzz target does with its input, as plain functions: `fuzz/` (cargo-fuzz, nightly)
//! calls them with generated inputs, and `tests/corpus.rs` replays the corpus through them on
//! every `cargo test`, so an input that once failed stays fixed. Each function panics exactly
//! when the code under test breaks a promise: a panic, a server error, an export that does not
//! read back as itself.
#![expect(
    clippy::panic,
    reason = "a fuzz target reports a broken promise, or a harness that cannot start, by panicking"
)]

use std::sync::{Arc, OnceLock};

use aftercare_app::accounts::StaffSignIn;
use aftercare_app::{App, ShopSettings};
use aftercare_core::cases::{Actor, Role};
use aftercare_core::clock::FixedClock;
use axum::body::Body;
use axum::http::{Request, header};
use tower::ServiceExt;

/// The moment every target judges at.
fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_773_972_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// The shipped policy, loaded once for every target and the upload target's server.
fn policy() -> &'static Arc<aftercare_core::Policy> {
    static POLICY: OnceLock<Arc<aftercare_core::Policy>> = OnceLock::new();
    POLICY.get_or_init(|| match aftercare_core::testing::shipped() {
        Ok(policy) => Arc::new(policy),
        Err(e) => panic!("the shipped policy does not load: {e}"),
    })
}

/// The evaluator's facts (`aftercare policy evaluate`, `POST /api/v1/policy/evaluate`): any
/// text is refused with a reason or judged, never a panic.
pub fn facts_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(facts) = aftercare_core::Facts::from_json(text) {
        let _ = aftercare_core::evaluate(policy(), &facts, now());
    }
}

/// A policy file as a shop edits it: refused with its line and column, or loaded, never a
/// panic; a loaded one judges the shipped example facts without one.
pub fn policy_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(policy) =
        aftercare_core::testing::with_calendar(text, aftercare_core::testing::CALENDAR)
    else {
        return;
    };
    for example in EXAMPLES {
        if let Ok(facts) = aftercare_core::Facts::from_json(example) {
            let _ = aftercare_core::evaluate(&policy, &facts, now());
        }
    }
}

/// Facts of a return and of a buyback, judged by every policy the policy target loads.
const EXAMPLES: [&str; 2] = [
    include_str!("../../../examples/facts/return-quality-issue.json"),
    include_str!("../../../examples/facts/buyback.json"),
];

/// An order import (CSV): every row read or refused with its line; every order read writes out
/// and reads back as itself.
pub fn csv_import(data: &[u8]) {
    let Ok(read) = aftercare_app::csv_orders::read_orders(data) else {
        return;
    };
    for row in &read.orders {
        let mut out = Vec::new();
        let written = aftercare_app::csv_orders::OrdersWriter::new(&mut out)
            .and_then(|mut w| w.write(&row.order).and_then(|()| w.finish()));
        assert!(written.is_ok(), "an order read from CSV cannot be written");
        let again = aftercare_app::csv_orders::read_orders(out.as_slice());
        let again = again.map(|r| r.orders.into_iter().map(|o| o.order).collect::<Vec<_>>());
        assert_eq!(
            again.ok(),
            Some(vec![row.order.clone()]),
            "an exported order does not import as itself"
        );
    }
}

/// The server the upload target talks to: the real router over a fresh SQLite database, and a
/// warehouse session.
struct Server {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    cookie: String,
    _dir: tempfile::TempDir,
    _store: aftercare_store::testing::Fresh<aftercare_store::SqliteStore>,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| match start() {
        Ok(server) => server,
        Err(e) => panic!("the upload target's server does not start: {e}"),
    })
}

fn start() -> Result<Server, Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let dir = tempfile::tempdir()?;
    let (store, router, cookie) = runtime.block_on(async {
        let fresh = aftercare_store::testing::sqlite().await?;
        let app = Arc::new(App::new(
            fresh.store.clone().into(),
            policy().clone(),
            Arc::new(FixedClock(now())),
            ShopSettings::default(),
        ));
        let admin = Actor {
            id: "fuzz".into(),
            roles: vec![Role::Admin],
        };
        let (email, password) = ("fuzz@example.com", "fuzzing-the-uploads");
        app.create_staff(&admin, email, "Fuzz", password, &[Role::Warehouse])
            .await?;
        let StaffSignIn::SignedIn(session) = app
            .sign_in_staff(email, password, [127, 0, 0, 1].into())
            .await?
        else {
            return Err("the warehouse cannot sign in".into());
        };
        let options = aftercare_web::WebOptions::in_data_dir(dir.path());
        let router = aftercare_web::router(app, options);
        Ok::<_, Box<dyn std::error::Error>>((fresh, router, format!("aftercare={}", session.token)))
    })?;
    Ok(Server {
        runtime,
        router,
        cookie,
        _dir: dir,
        _store: store,
    })
}

/// The boundary the upload target's bodies are written with.
pub const BOUNDARY: &str = "aftercare-fuzz";

/// An evidence upload (`POST /api/v1/evidence`, multipart) with any body: the multipart reader,
/// the type sniffing, the image decoder and cleaner and the video check answer it, never with a
/// server error.
pub fn multipart(data: &[u8]) {
    let status = upload(data);
    assert!(status < 500, "an upload was answered {status}");
}

/// The status the server answers an upload of `data` (written with [`BOUNDARY`]) with, as the
/// warehouse.
pub fn upload(data: &[u8]) -> u16 {
    let server = server();
    let request = Request::post("/api/v1/evidence")
        .header(header::COOKIE, &server.cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::CONTENT_LENGTH, data.len())
        .body(Body::from(data.to_vec()));
    let Ok(request) = request else {
        return 400;
    };
    let response = server
        .runtime
        .block_on(server.router.clone().oneshot(request));
    match response {
        Ok(response) => response.status().as_u16(),
        Err(never) => match never {},
    }
}
