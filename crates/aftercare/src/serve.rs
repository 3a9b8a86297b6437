//! `aftercare serve`: the server, its outbox worker and deadline sweeper, until Ctrl-C or SIGTERM.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use aftercare_app::accounts::SecretKey;
use aftercare_app::outbox::{self, Postman};
use aftercare_app::{App, ShopSettings};
use aftercare_core::Policy;
use aftercare_store::Store;
use tracing_subscriber::Layer as _;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

use crate::commands::app_error;
use crate::database::{SystemClock, open};
use crate::refused;

/// How `serve` is configured.
#[derive(Debug)]
pub struct ServeSettings {
    pub listen: String,
    pub public_url: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub data_dir: PathBuf,
    /// The shop's profile as configured; an admin's saved one wins.
    pub profile: aftercare_app::ShopProfile,
    /// The address answers by e-mail go to (see `ShopSettings::reply_address`).
    pub reply_address: Option<String>,
    /// The shop's logo as configured, already made a PNG; an admin's saved one wins.
    pub logo: Option<Vec<u8>>,
    pub demo: bool,
    pub uploads: aftercare_web::UploadLimits,
    pub secret_key: SecretKey,
    /// Stripe, when its secret key is configured.
    pub stripe: Option<aftercare_app::payments::StripeSettings>,
    /// How often refunds on their way are asked about at Stripe.
    pub stripe_poll: std::time::Duration,
    /// The Shopify app's secret, when the store's webhooks are taken.
    pub shopify_secret: Option<aftercare_app::connections::WebhookSecret>,
    /// AfterShip's webhook secret, when its tracking webhooks are taken.
    pub aftership_secret: Option<aftercare_app::connections::WebhookSecret>,
}

/// Runs the server until Ctrl-C or SIGTERM; in-flight requests finish first, then the outbox
/// worker finishes the e-mail in hand. E-mail not yet delivered stays queued in the database.
pub async fn serve(settings: ServeSettings, url: &str, policy: Arc<Policy>) -> anyhow::Result<()> {
    let listen = settings.listen.as_str();
    let filter = tracing_subscriber::EnvFilter::try_from_env("AFTERCARE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    // The SQL statements of each request, counted only when asked: counting has sqlx describe
    // every statement it runs.
    let counter = std::env::var("AFTERCARE_COUNT_STATEMENTS")
        .is_ok_and(|v| v == "1" || v.eq_ignore_ascii_case("true"))
        .then(aftercare_web::StatementCounter::layer);
    let subscriber = tracing_subscriber::registry().with(counter);
    // One JSON object per line for a log collector, when asked; otherwise plain text, with
    // colour codes only for a person at a terminal, never in a log file or a journal.
    if std::env::var("AFTERCARE_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        subscriber.with(logs.json().with_filter(filter)).init();
    } else {
        subscriber
            .with(
                logs.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
                    .with_filter(filter),
            )
            .init();
    }
    let store = open(url).await?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| refused(format!("cannot listen on {listen}: {e}")))?;
    let address = listener.local_addr()?;
    tracing::info!(%address, database = store.dialect(), "serving");
    let postman = Postman::new(
        settings.smtp_url.as_deref(),
        settings.data_dir.join("outbox"),
        &settings.mail_from,
    )
    .map_err(refused)?;
    tracing::info!(?postman, "e-mail outbox");
    let shop = ShopSettings {
        public_url: settings
            .public_url
            .unwrap_or_else(|| format!("http://{address}")),
        secret_key: settings.secret_key.clone(),
        profile: settings.profile.clone(),
        logo: settings.logo.clone(),
        reply_address: settings.reply_address.clone(),
    };
    let public_url = shop.public_url.clone();
    let mut app = App::new(store, policy, Arc::new(SystemClock), shop);
    if let Some(stripe) = settings.stripe.clone() {
        tracing::info!(?stripe, "refunds through Stripe");
        app = app.with_stripe(aftercare_app::payments::Stripe::new(stripe).map_err(refused)?);
    }
    if let Some(secret) = settings.shopify_secret.clone() {
        tracing::info!("Shopify webhooks taken at /api/v1/shopify/webhooks");
        app = app.with_shopify(secret);
    }
    if let Some(secret) = settings.aftership_secret.clone() {
        tracing::info!("AfterShip webhooks taken at /api/v1/aftership/events");
        app = app.with_aftership(secret);
    }
    let app = Arc::new(app);
    app.load_shop_profile().await.map_err(app_error)?;
    let demo = if settings.demo {
        let demo = app.seed_demo().await.map_err(app_error)?;
        let mut text = String::from("\nDemo data is loaded. Orders of ana@example.com:");
        for (number, step) in &demo.orders {
            text.push_str(&format!("\n  {number}: {step}"));
        }
        text.push_str(&format!(
            "\nStaff sign in at {}/staff/sign-in, password `{}`:",
            public_url.trim_end_matches('/'),
            aftercare_app::demo::DEMO_PASSWORD
        ));
        for (email, role) in &demo.staff {
            text.push_str(&format!("\n  {role}: {email}"));
        }
        text.push_str(&format!(
            "\nThe customer signs in at {}/ with order DEMO-1001 and ana@example.com: the sign-in link is e-mailed; without AFTERCARE_SMTP_URL the e-mail is written to {}",
            public_url.trim_end_matches('/'),
            settings.data_dir.join("outbox").display()
        ));
        text
    } else {
        String::new()
    };
    let hint = if app.store().users().await?.is_empty() {
        "\nNo staff account yet. Create the first admin with:\n  aftercare admin create-user --email you@example.com --role admin"
    } else {
        ""
    };
    // Built first and written at once, and a closed stdout is ignored: `println!` writes its
    // pieces separately and panics on a closed pipe, which killed the server when whoever
    // started it read only the first line.
    let shutdown = shutdown_signal();
    let banner = format!(
        "Aftercare listening on http://{address} ({} database){hint}{demo}\n",
        app.store().dialect()
    );
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(banner.as_bytes()).and_then(|()| out.flush()) {
        tracing::warn!(error = %e, "cannot write the start-up message to stdout");
    }
    drop(out);
    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let mut sweep_stop = stop_rx.clone();
    let mut hooks_stop = stop_rx.clone();
    let mut poll_stop = stop_rx.clone();
    let mut counts_stop = stop_rx.clone();
    let options = aftercare_web::WebOptions {
        uploads: settings.uploads,
        ..aftercare_web::WebOptions::in_data_dir(&settings.data_dir)
    };
    let sweeper = tokio::spawn(aftercare_app::jobs::run_sweeper(
        app.clone(),
        options.evidence_dir.clone(),
        std::time::Duration::from_secs(600),
        async move {
            let _ = sweep_stop.wait_for(|stop| *stop).await;
        },
    ));
    let compactor = tokio::spawn(aftercare_app::jobs::run_count_compactor(
        app.clone(),
        std::time::Duration::from_secs(30),
        async move {
            let _ = counts_stop.wait_for(|stop| *stop).await;
        },
    ));
    let worker = tokio::spawn(outbox::run_worker(
        app.clone(),
        postman,
        std::time::Duration::from_secs(5),
        app.mail_queued(),
        async move {
            let _ = stop_rx.wait_for(|stop| *stop).await;
        },
    ));
    let hooks = tokio::spawn(aftercare_app::webhooks::run_worker(
        app.clone(),
        aftercare_app::webhooks::client().map_err(app_error)?,
        std::time::Duration::from_secs(2),
        async move {
            let _ = hooks_stop.wait_for(|stop| *stop).await;
        },
    ));
    let poller = tokio::spawn(aftercare_app::payments::run_poller(
        app.clone(),
        settings.stripe_poll,
        async move {
            let _ = poll_stop.wait_for(|stop| *stop).await;
        },
    ));
    aftercare_web::serve(listener, app, options, shutdown).await?;
    let _ = stop_tx.send(true);
    if let Err(e) = worker.await {
        tracing::error!(error = %e, "outbox worker stopped abnormally");
    }
    if let Err(e) = hooks.await {
        tracing::error!(error = %e, "webhook worker stopped abnormally");
    }
    if let Err(e) = poller.await {
        tracing::error!(error = %e, "Stripe poll stopped abnormally");
    }
    if let Err(e) = compactor.await {
        tracing::error!(error = %e, "case count folding stopped abnormally");
    }
    if let Err(e) = sweeper.await {
        tracing::error!(error = %e, "deadline sweep stopped abnormally");
    }
    tracing::info!("stopped");
    Ok(())
}

/// Completes on Ctrl-C or, on Unix, SIGTERM. The SIGTERM handler is installed here, before the
/// server says it is listening: installed at the future's first poll instead, a SIGTERM sent
/// right after start-up on a busy machine met the default action and killed the process.
fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    let terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate());
    async move {
        let ctrl_c = async {
            if let Err(e) = tokio::signal::ctrl_c().await {
                tracing::error!(error = %e, "cannot listen for Ctrl-C");
                std::future::pending::<()>().await;
            }
        };
        #[cfg(unix)]
        let terminate = async {
            match terminate {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot listen for SIGTERM");
                    std::future::pending::<()>().await;
                }
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            () = ctrl_c => {},
            () = terminate => {},
        }
        tracing::info!("shutting down: finishing requests in flight");
    }
}
