//! Commands that work on the database: `serve`, `migrate`, `orders import`, `orders export`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aftercare_app::accounts::{SecretKey, StaffAccount, parse_staff_role};
use aftercare_app::csv_orders::{OrdersWriter, read_orders};
use aftercare_app::outbox::{self, Postman};
use aftercare_app::{App, AppError, NewApiKey, ShopSettings};
use aftercare_core::Policy;
use aftercare_core::cases::{Actor, Role};
use aftercare_core::clock::Clock;
use aftercare_store::{AnyStore, Store};
use indicatif::{ProgressBar, ProgressStyle};
use jiff::Timestamp;

use crate::refused;

/// The system clock: the one place Aftercare reads the time.
#[derive(Debug)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// Where the data lives: `AFTERCARE_DATABASE_URL`, or SQLite in the data directory.
pub fn database_url(data_dir: &Path, url: Option<&str>) -> anyhow::Result<String> {
    match url {
        Some(url) => Ok(url.to_owned()),
        None => {
            std::fs::create_dir_all(data_dir)
                .map_err(|e| anyhow::anyhow!("{}: {e}", data_dir.display()))?;
            Ok(data_dir.join("aftercare.db").display().to_string())
        }
    }
}

/// How `serve` is configured.
#[derive(Debug)]
pub struct ServeSettings {
    pub listen: String,
    pub public_url: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub data_dir: PathBuf,
    pub demo: bool,
    pub uploads: aftercare_web::UploadLimits,
    pub secret_key: SecretKey,
}

/// The secret key: given, or read from `<data dir>/secret_key`, or generated into it (readable
/// by its owner only) on the first start.
pub fn secret_key(given: Option<&str>, data_dir: &Path) -> anyhow::Result<SecretKey> {
    if let Some(text) = given {
        return SecretKey::from_hex(text)
            .map_err(|e| refused(format!("AFTERCARE_SECRET_KEY: {e}")));
    }
    let path = data_dir.join("secret_key");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            SecretKey::from_hex(&text).map_err(|e| refused(format!("{}: {e}", path.display())))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(data_dir)?;
            let key = SecretKey::generate();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options
                .open(&path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            file.write_all(key.to_hex().as_bytes())?;
            Ok(key)
        }
        Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
    }
}

/// Runs the server until Ctrl-C or SIGTERM; in-flight requests finish first, then the outbox
/// worker finishes the e-mail in hand. E-mail not yet delivered stays queued in the database.
pub async fn serve(settings: ServeSettings, url: &str, policy: Arc<Policy>) -> anyhow::Result<()> {
    let listen = settings.listen.as_str();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("AFTERCARE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
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
        ..ShopSettings::default()
    };
    let app = Arc::new(App::new(store, policy, Arc::new(SystemClock), shop));
    let demo = if settings.demo {
        let demo = app.seed_demo().await.map_err(app_error)?;
        let mut text = String::from("\nDemo data is loaded. Orders of ana@example.com:");
        for (number, step) in &demo.orders {
            text.push_str(&format!("\n  {number}: {step}"));
        }
        text.push_str(&format!(
            "\nStaff sign in with POST /api/v1/session, password `{}`:",
            aftercare_app::demo::DEMO_PASSWORD
        ));
        for (email, role) in &demo.staff {
            text.push_str(&format!("\n  {role}: {email}"));
        }
        text.push_str(&format!(
            "\nThe customer asks for a sign-in link with POST /api/v1/sign-in-links {{\"order_number\": \"DEMO-1001\", \"email\": \"ana@example.com\"}}; without AFTERCARE_SMTP_URL the e-mail is written to {}",
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
    let worker = tokio::spawn(outbox::run_worker(
        app.clone(),
        postman,
        std::time::Duration::from_secs(5),
        app.mail_queued(),
        async move {
            let _ = stop_rx.wait_for(|stop| *stop).await;
        },
    ));
    aftercare_web::serve(listener, app, options, shutdown_signal()).await?;
    let _ = stop_tx.send(true);
    if let Err(e) = worker.await {
        tracing::error!(error = %e, "outbox worker stopped abnormally");
    }
    if let Err(e) = sweeper.await {
        tracing::error!(error = %e, "deadline sweep stopped abnormally");
    }
    tracing::info!("stopped");
    Ok(())
}

/// Creates a staff account from the command line.
pub async fn create_user(
    store: AnyStore,
    policy: Arc<Policy>,
    email: &str,
    name: &str,
    password: &str,
    roles: &[String],
) -> anyhow::Result<StaffAccount> {
    let mut parsed = Vec::new();
    for r in roles {
        parsed.push(parse_staff_role(r).ok_or_else(|| {
            refused(format!(
                "--role: `{r}` is not a staff role; use agent, warehouse, finance or admin"
            ))
        })?);
    }
    let app = App::new(
        store,
        policy,
        Arc::new(SystemClock),
        ShopSettings::default(),
    );
    app.create_staff(&cli_system(), email, name, password, &parsed)
        .await
        .map_err(app_error)
}

/// The person at the command line runs the server: they act as the system itself.
fn cli_system() -> Actor {
    Actor {
        id: "cli".into(),
        roles: vec![Role::System],
    }
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
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

/// Connects and applies pending migrations (they run at every start, too).
pub async fn open(url: &str) -> anyhow::Result<AnyStore> {
    let store = AnyStore::connect(url).await?;
    store.migrate().await?;
    Ok(store)
}

fn importer() -> Actor {
    Actor {
        id: "cli:orders-import".into(),
        roles: vec![Role::System],
    }
}

/// Imports orders from a CSV file: bad rows are reported with their line numbers and skipped,
/// good ones kept; an order already stored identically is left alone.
pub async fn import(store: AnyStore, policy: Arc<Policy>, file: &PathBuf) -> anyhow::Result<bool> {
    let input =
        std::fs::File::open(file).map_err(|e| refused(format!("{}: {e}", file.display())))?;
    let read = read_orders(input).map_err(|e| refused(format!("{}: {e}", file.display())))?;
    let app = App::new(
        store,
        policy,
        Arc::new(SystemClock),
        ShopSettings::default(),
    );
    let total = read.orders.len() as u64;
    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        let bar = ProgressBar::new(total);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} orders {msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let report = app
        .import_csv(&importer(), &read, |done, _| {
            bar.inc(1);
            // Plain progress lines when nobody watches a bar (CI, cron, pipes).
            if !terminal && done % 1000 == 0 {
                eprintln!("{done} of {total} orders");
            }
        })
        .await?;
    bar.finish_and_clear();
    for problem in &report.problems {
        eprintln!("{}:{}: {}", file.display(), problem.line, problem.message);
    }
    println!(
        "{} orders imported, {} already stored, {} stored with other details, {} rows refused",
        report.inserted,
        report.unchanged,
        report.differs,
        report.problems.len()
    );
    Ok(report.problems.is_empty())
}

/// The command line is run by whoever runs the server: it acts as an admin.
fn cli_admin() -> Actor {
    Actor {
        id: "cli:admin".into(),
        roles: vec![Role::Admin],
    }
}

fn app_error(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid { field, message } => refused(format!("--{field}: {message}")),
        AppError::NotFound(what) => refused(format!("{what} not found")),
        other => other.into(),
    }
}

/// Creates an API key; the caller prints the secret once.
pub async fn create_api_key(
    store: AnyStore,
    policy: Arc<Policy>,
    name: &str,
    scopes: &[String],
) -> anyhow::Result<NewApiKey> {
    let app = App::new(
        store,
        policy,
        Arc::new(SystemClock),
        ShopSettings::default(),
    );
    app.create_api_key(&cli_admin(), name, scopes)
        .await
        .map_err(app_error)
}

/// Revokes an API key.
pub async fn revoke_api_key(store: AnyStore, policy: Arc<Policy>, id: &str) -> anyhow::Result<()> {
    let app = App::new(
        store,
        policy,
        Arc::new(SystemClock),
        ShopSettings::default(),
    );
    app.revoke_api_key(&cli_admin(), id)
        .await
        .map_err(app_error)
}

/// Writes every order as CSV to `output`, or to stdout, a page at a time.
pub async fn export(
    store: AnyStore,
    policy: Arc<Policy>,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let app = App::new(
        store,
        policy,
        Arc::new(SystemClock),
        ShopSettings::default(),
    );
    let sink: Box<dyn Write> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| refused(format!("{}: {e}", path.display())))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let mut writer = OrdersWriter::new(sink)?;
    let mut count = 0usize;
    let mut after = None;
    loop {
        let (page, next) = app.export_page(&importer(), after, 500).await?;
        if page.is_empty() {
            break;
        }
        for order in &page {
            writer.write(order)?;
        }
        count += page.len();
        after = next;
    }
    writer.finish()?;
    eprintln!("{count} orders exported");
    Ok(())
}

/// Counts provisional deadlines of open cases again with the calendar as it is now.
pub async fn recount(
    store: AnyStore,
    policy: Arc<Policy>,
) -> anyhow::Result<aftercare_app::jobs::Recounted> {
    let app = App::new(
        store,
        policy,
        Arc::new(SystemClock),
        ShopSettings::default(),
    );
    Ok(app.recount_provisional_deadlines().await?)
}
