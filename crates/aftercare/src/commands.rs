//! Commands that work on the database besides `serve`: staff accounts, API keys, orders import
//! and export, recounting provisional deadlines.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aftercare_app::accounts::{StaffAccount, parse_staff_role};
use aftercare_app::csv_orders::OrdersWriter;
use aftercare_app::{App, AppError, NewApiKey, ShopSettings};
use aftercare_core::Policy;
use aftercare_core::cases::{Actor, Role};
use aftercare_store::AnyStore;
use indicatif::{ProgressBar, ProgressStyle};

use crate::database::SystemClock;
use crate::refused;

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
    let size = input.metadata().map(|m| m.len()).unwrap_or(0);
    let app = App::new(
        store,
        policy,
        Arc::new(SystemClock),
        ShopSettings::default(),
    );
    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        let bar = ProgressBar::new(size);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {percent}% {msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    // Read as a stream, a buffer at a time: a file of any size in bounded memory.
    let input = std::io::BufReader::with_capacity(1 << 16, input);
    let mut batches = 0u64;
    let report = app
        .import_csv_stream(&importer(), input, |so_far, read| {
            bar.set_position(read);
            let done = so_far.inserted + so_far.unchanged + so_far.differs;
            bar.set_message(format!("{done} orders"));
            batches += 1;
            // Plain progress lines when nobody watches a bar (CI, cron, pipes).
            if !terminal && batches.is_multiple_of(100) {
                eprintln!("{done} orders, {read} of {size} bytes");
            }
        })
        .await
        .map_err(|e| match e {
            AppError::Invalid { field, message } if field == "file" => {
                refused(format!("{}: {message}", file.display()))
            }
            other => other.into(),
        })?;
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

pub(crate) fn app_error(e: AppError) -> anyhow::Error {
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
