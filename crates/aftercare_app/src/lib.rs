//! Aftercare's use cases: one function per thing a person or system does (import an order,
//! request a return, approve it, receive and inspect the parcel, grant and send the refund),
//! each one transaction, each one authorized, each one recorded with who, when and why.
//!
//! The app layer owns no rules: it asks the core's evaluator and state machines, pinned to the
//! policy version each order was placed under, and stores what they answer.

mod access;
mod account;
pub mod accounts;
mod appeals;
mod buyback;
pub mod connections;
pub mod conversations;
pub mod csv_orders;
pub mod demo;
pub mod documents;
mod engine;
mod error;
pub mod evidence;
mod fulfilment;
pub mod jobs;
mod keys;
pub mod mail;
mod orders;
pub mod outbox;
pub mod payments;
mod refunds;
mod returns;
mod shop;
pub mod shopify;
pub mod staff;
pub mod stats;
pub mod tracking;
mod views;
pub mod webhooks;

use std::sync::Arc;

use aftercare_core::cases::{Actor, Context};
use aftercare_core::clock::Clock;
use aftercare_core::{Decision, Policy};
use aftercare_store::{OrderRecord, Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;

pub use access::is_staff;
pub use appeals::{AppealRequest, appealable};
pub use buyback::{BuybackAction, BuybackRequest};
pub use error::{AppError, Wording};
pub use keys::{NewApiKey, SCOPES};
pub use orders::{NewOrder, NewOrderLine, OrderAddress};
pub use returns::{ExchangeRequest, ReturnAction, ReturnRequest};
pub use shop::{LOGO_BYTES, ShopLogo, ShopProfile};
pub use views::{
    CaseDetail, CaseMachine, CaseState, CaseView, QueueItem, RmaSlip, Step, Submitted,
};

pub(crate) use access::visible;
pub(crate) use engine::{case_data, request_field, to_json};

/// The history entry of a staff member's internal note.
pub const INTERNAL_NOTE: &str = "internal_note";

/// Settings of the shop that are not policy.
#[derive(Debug, Clone)]
pub struct ShopSettings {
    /// The shop's name, return warehouse and contact address as configured; an admin's saved
    /// profile takes over once loaded (`App::load_shop_profile`).
    pub profile: ShopProfile,
    /// The shop's logo as configured (a PNG the web layer made); an admin's saved logo, or its
    /// removal, takes over once loaded.
    pub logo: Option<Vec<u8>>,
    /// Where customers reach the portal; links in e-mails start with it.
    pub public_url: String,
    /// Keys the stored hashes of session and sign-in-link tokens, and conversations' reply
    /// addresses.
    pub secret_key: accounts::SecretKey,
    /// The address conversations' e-mails give for answers by e-mail (`reply@in.shop.example`
    /// becomes `reply+<token>@in.shop.example`, one token per conversation and side); the mail
    /// that reaches it is posted to the inbound mail endpoint. `None`: answers are written on
    /// the pages only.
    pub reply_address: Option<String>,
}

impl Default for ShopSettings {
    fn default() -> Self {
        ShopSettings {
            profile: ShopProfile::default(),
            logo: None,
            public_url: "http://127.0.0.1:8080".into(),
            secret_key: accounts::SecretKey::generate(),
            reply_address: None,
        }
    }
}

/// The application: a store, the policy, a clock and the shop's settings.
pub struct App<S> {
    store: S,
    policy: Arc<Policy>,
    clock: Arc<dyn Clock>,
    shop: ShopSettings,
    /// The shop's profile now: the configured one, or the one an admin saved.
    profile: std::sync::RwLock<ShopProfile>,
    /// The shop's logo now, if it has one.
    logo: std::sync::RwLock<Option<Arc<ShopLogo>>>,
    /// Wakes the outbox worker when a use case queued e-mail.
    mail_queued: Arc<tokio::sync::Notify>,
    /// Wakes the webhook worker when events were recorded or a delivery is sent again.
    webhooks_queued: Arc<tokio::sync::Notify>,
    /// The dashboard's weekly figures, reused for a minute: they read weeks of history, and a
    /// team refreshing the dashboard needs no newer trend than that.
    weekly_stats: tokio::sync::Mutex<Option<stats::Cached>>,
    /// Held by the one request computing the weekly figures, so that concurrent requests do not
    /// each read the history.
    weekly_stats_computing: tokio::sync::Mutex<()>,
    /// The payment provider refunds go through, when one is configured.
    stripe: Option<payments::Stripe>,
    /// The Shopify app's client secret its webhooks are signed with, when connected.
    shopify_secret: Option<connections::WebhookSecret>,
    /// The secret AfterShip signs its tracking webhooks with, when connected.
    aftership_secret: Option<connections::WebhookSecret>,
}

impl<S: std::fmt::Debug> std::fmt::Debug for App<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl<S: Store> App<S> {
    /// An app over a migrated store.
    pub fn new(
        store: S,
        policy: Arc<Policy>,
        clock: Arc<dyn Clock>,
        mut shop: ShopSettings,
    ) -> Self {
        // The configured logo lives in the swappable slot only, not twice.
        let logo = shop.logo.take().map(|png| Arc::new(ShopLogo::new(png)));
        App {
            store,
            policy,
            clock,
            profile: std::sync::RwLock::new(shop.profile.clone()),
            logo: std::sync::RwLock::new(logo),
            shop,
            mail_queued: Arc::new(tokio::sync::Notify::new()),
            webhooks_queued: Arc::new(tokio::sync::Notify::new()),
            weekly_stats: tokio::sync::Mutex::new(None),
            weekly_stats_computing: tokio::sync::Mutex::new(()),
            stripe: None,
            shopify_secret: None,
            aftership_secret: None,
        }
    }

    /// Takes the shop's Shopify webhooks, signed with this secret.
    pub fn with_shopify(mut self, webhook_secret: connections::WebhookSecret) -> Self {
        self.shopify_secret = Some(webhook_secret);
        self
    }

    /// Takes AfterShip's tracking webhooks, signed with this secret.
    pub fn with_aftership(mut self, webhook_secret: connections::WebhookSecret) -> Self {
        self.aftership_secret = Some(webhook_secret);
        self
    }

    /// Checks an AfterShip webhook's `aftership-hmac-sha256`: the same base64 HMAC-SHA256 of
    /// the body as Shopify's.
    pub fn check_aftership_signature(&self, header: &str, body: &[u8]) -> Result<(), String> {
        match &self.aftership_secret {
            Some(secret) => shopify::verify_hmac(&secret.0, header, body),
            None => Err("AfterShip is not connected".into()),
        }
    }

    /// Checks a Shopify webhook's `X-Shopify-Hmac-Sha256`.
    pub fn check_shopify_signature(&self, header: &str, body: &[u8]) -> Result<(), String> {
        match &self.shopify_secret {
            Some(secret) => shopify::verify_hmac(&secret.0, header, body),
            None => Err("Shopify is not connected".into()),
        }
    }

    /// Sends the refunds of orders paid through Stripe through it.
    pub fn with_stripe(mut self, stripe: payments::Stripe) -> Self {
        self.stripe = Some(stripe);
        self
    }

    /// Notified whenever e-mail is queued, so the outbox worker need not poll often.
    pub fn mail_queued(&self) -> Arc<tokio::sync::Notify> {
        self.mail_queued.clone()
    }

    /// The shop's settings.
    pub fn shop(&self) -> &ShopSettings {
        &self.shop
    }

    /// The store, for tools that read it directly.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The loaded policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Today in the shop's time zone (the newest policy version's): deadlines are dates there.
    pub fn today(&self) -> Option<Date> {
        self.policy
            .versions()
            .last()
            .map(|v| self.now().to_zoned(v.time_zone.clone()).date())
    }

    /// The first year without an official holiday notice that counting from today up to
    /// `deadline` crosses: a deadline there is provisional and may move once the notice is in.
    pub fn provisional_year(&self, deadline: Date) -> Option<i16> {
        let version = self.policy.versions().last()?;
        let calendar = self.policy.calendar(version)?;
        let today = self.now().to_zoned(version.time_zone.clone()).date();
        calendar
            .provisional_years(today, deadline)
            .into_iter()
            .find_map(|w| match w {
                aftercare_core::Warning::CalendarYearMissing { year, .. }
                | aftercare_core::Warning::CalendarYearProvisional { year, .. } => Some(year),
                aftercare_core::Warning::BeforeFirstVersion { .. } => None,
            })
    }

    /// True when an open case's deadline is provisional (see [`App::provisional_year`]).
    pub fn deadline_provisional(&self, case: &aftercare_store::CaseRecord) -> bool {
        case.deadline
            .filter(|_| case.is_open)
            .and_then(|d| self.provisional_year(d))
            .is_some()
    }

    fn context<'a>(
        &'a self,
        actor: &'a Actor,
        order: &OrderRecord,
    ) -> Result<Context<'a>, AppError> {
        let version = self
            .policy
            .version(&order.policy_version)
            .ok_or_else(|| AppError::UnknownPolicyVersion(order.policy_version.clone()))?;
        let calendar = self
            .policy
            .calendar(version)
            .ok_or_else(|| AppError::UnknownPolicyVersion(order.policy_version.clone()))?;
        Ok(Context {
            actor,
            now: self.now(),
            version,
            calendar,
        })
    }

    /// The policy's decision on case facts given as the public JSON contract, judged now.
    /// Reads nothing stored: anyone may preview what the policy says about made-up facts.
    pub fn preview_decision(&self, facts_json: &str) -> Result<Decision, AppError> {
        let facts = aftercare_core::Facts::from_json(facts_json)?;
        Ok(aftercare_core::evaluate(&self.policy, &facts, self.now())?)
    }

    /// Ok when the database answers and every migration of this build is applied.
    pub async fn ready(&self) -> Result<(), AppError> {
        self.store.ping().await?;
        if self.store.migrated().await? {
            Ok(())
        } else {
            Err(AppError::Store(StoreError::Corrupt(
                "database migrations are not applied".into(),
            )))
        }
    }
}

/// A new id for a case, an order, an e-mail: UUIDv7, so ids sort by creation time.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
