//! The web edge from outside: whole journeys over HTTP against the real server on a random port,
//! on SQLite and on PostgreSQL (when `TEST_DATABASE_URL` is set): the store with its API key,
//! customers through the e-mailed sign-in link (delivered by a real SMTP conversation with a
//! server on a local port), and staff signed in with their passwords, each doing only their own
//! steps; and the pages in a real browser.
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "helpers outside #[test] fail the test loudly"
)]

mod browser;
mod connections;
mod conversations;
mod documents;
mod journeys;
mod languages;
mod shop;
mod staff;
mod statements;
mod support;
mod webhooks;
