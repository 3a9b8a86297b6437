//! The `aftercare` command: checks and evaluates the shop's policy, counts working days, keeps
//! the database migrated and moves orders in and out as CSV.
//!
//! Exit status: 0 on success, 2 when the input, a policy or a calendar file is refused (the
//! message names the field or the file and line), 1 when something else went wrong.

mod allocator;
mod commands;
mod database;
mod serve;

use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use aftercare_core::calendar::YearSource;
use aftercare_core::{Calendar, Facts, Policy, PolicyFile, evaluate};
use clap::{Parser, Subcommand};
use jiff::Timestamp;
use jiff::civil::Date;

/// Largest facts document read from standard input; real ones are a few kilobytes.
const MAX_FACTS_BYTES: u64 = 1 << 20;

#[derive(Parser)]
#[command(
    name = "aftercare",
    version,
    about = "After-sales for a cross-border shop"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once at start-up; boxing the server's settings would buy nothing"
)]
enum Command {
    /// Check or evaluate the shop's policy.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Working-day arithmetic on the shop's calendar.
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
    },
    /// Run the server: the JSON API under /api/v1, /healthz and /readyz, and the e-mail outbox.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "AFTERCARE_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Where people reach the server (links in e-mails start with it); `https://` makes
        /// session cookies `Secure`. Default: `http://` plus the listening address.
        #[arg(long, env = "AFTERCARE_PUBLIC_URL")]
        public_url: Option<String>,
        /// SMTP server for e-mail, e.g. `smtps://user:pass@mail.example.com` or
        /// `smtp://127.0.0.1:2525`; without it e-mails are written to `<data dir>/outbox/*.eml`.
        #[arg(long, env = "AFTERCARE_SMTP_URL", hide_env_values = true)]
        smtp_url: Option<String>,
        /// The sender of e-mails.
        #[arg(
            long,
            env = "AFTERCARE_MAIL_FROM",
            default_value = "Aftercare <aftercare@localhost>"
        )]
        mail_from: String,
        /// 64 hexadecimal digits keying the stored hashes of sessions and sign-in links; when
        /// unset, one is generated once and kept in `<data dir>/secret_key`. Changing it signs
        /// everyone out.
        #[arg(long, env = "AFTERCARE_SECRET_KEY", hide_env_values = true)]
        secret_key: Option<String>,
        /// Largest photo accepted, in megabytes.
        #[arg(long, env = "AFTERCARE_MAX_IMAGE_MB", default_value_t = 15)]
        max_image_mb: u64,
        /// Largest video accepted, in megabytes.
        #[arg(long, env = "AFTERCARE_MAX_VIDEO_MB", default_value_t = 200)]
        max_video_mb: u64,
        /// The shop's name, as e-mails sign it. An admin's change on the console wins.
        #[arg(long, env = "AFTERCARE_SHOP_NAME")]
        shop_name: Option<String>,
        /// The return warehouse every RMA sends parcels to (III.2). An admin's change wins.
        #[arg(long, env = "AFTERCARE_RETURN_ADDRESS")]
        return_address: Option<String>,
        /// Where customers write to customer service. An admin's change wins.
        #[arg(long, env = "AFTERCARE_CONTACT_EMAIL")]
        contact_email: Option<String>,
        /// An address whose inbound mail the mail provider posts to `/api/v1/inbound-mail`
        /// (an API key with `mail:receive`), e.g. `reply@in.shop.example`: conversations'
        /// e-mails then answer to `reply+<token>@in.shop.example`, and an answer by e-mail joins
        /// its conversation. Without it, answers are written on the pages.
        #[arg(long, env = "AFTERCARE_REPLY_ADDRESS")]
        reply_address: Option<String>,
        /// A JPEG, PNG or WebP file: the shop's logo beside its name on every page and slip,
        /// shrunk to fit 480x96 pixels. An admin's change (or removal) wins.
        #[arg(long, env = "AFTERCARE_SHOP_LOGO")]
        shop_logo: Option<std::path::PathBuf>,
        /// Seed demo orders at different steps and one staff account per role, and print how
        /// to sign in as each.
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        connections: ConnectionArgs,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Apply pending database migrations (they also run at every start).
    Migrate {
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Administration: API keys for the shop's other systems.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Orders from the shop's store, as CSV.
    Orders {
        #[command(subcommand)]
        command: OrdersCommand,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

/// The outside services the server talks to; each is off until its secret is given.
#[derive(clap::Args)]
struct ConnectionArgs {
    /// Stripe's secret API key (`sk_live_...` or a restricted `rk_...` allowed to read payments
    /// and write refunds): refunds of orders paid through Stripe are then sent through it.
    #[arg(long, env = "AFTERCARE_STRIPE_SECRET_KEY", hide_env_values = true)]
    stripe_secret_key: Option<String>,
    /// The signing secret (`whsec_...`) of the webhook endpoint registered at Stripe for
    /// `/api/v1/stripe/events`; without it, refunds are settled by polling only.
    #[arg(long, env = "AFTERCARE_STRIPE_WEBHOOK_SECRET", hide_env_values = true)]
    stripe_webhook_secret: Option<String>,
    /// Stripe's API address.
    #[arg(
        long,
        env = "AFTERCARE_STRIPE_API_URL",
        default_value = "https://api.stripe.com"
    )]
    stripe_api_url: String,
    /// The payment methods, as orders name them, refunded through Stripe (comma-separated).
    #[arg(
        long,
        env = "AFTERCARE_STRIPE_METHODS",
        default_value = "card",
        value_delimiter = ','
    )]
    stripe_methods: Vec<String>,
    /// How often refunds still on their way are asked about at Stripe, in seconds (at least 10).
    #[arg(long, env = "AFTERCARE_STRIPE_POLL_SECONDS", default_value_t = 300)]
    stripe_poll_seconds: u64,
    /// The client secret of the shop's Shopify app, which signs its webhooks: orders and
    /// fulfilments posted to `/api/v1/shopify/webhooks` are then taken.
    #[arg(long, env = "AFTERCARE_SHOPIFY_WEBHOOK_SECRET", hide_env_values = true)]
    shopify_webhook_secret: Option<String>,
    /// AfterShip's webhook secret: carriers' tracking events posted by AfterShip to
    /// `/api/v1/aftership/events` are then taken.
    #[arg(
        long,
        env = "AFTERCARE_AFTERSHIP_WEBHOOK_SECRET",
        hide_env_values = true
    )]
    aftership_webhook_secret: Option<String>,
}

impl ConnectionArgs {
    fn stripe(&self) -> Option<aftercare_app::payments::StripeSettings> {
        let secret_key = self
            .stripe_secret_key
            .clone()
            .filter(|k| !k.trim().is_empty())?;
        Some(aftercare_app::payments::StripeSettings {
            base_url: self.stripe_api_url.clone(),
            secret_key,
            webhook_secret: self
                .stripe_webhook_secret
                .clone()
                .filter(|s| !s.trim().is_empty()),
            methods: self
                .stripe_methods
                .iter()
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty())
                .collect(),
            timeout: aftercare_app::payments::TIMEOUT,
        })
    }
}

#[derive(clap::Args)]
struct DatabaseArgs {
    /// Where Aftercare keeps its data (SQLite database, uploads).
    #[arg(
        long,
        env = "AFTERCARE_DATA_DIR",
        default_value = "data",
        global = true
    )]
    data_dir: PathBuf,
    /// `postgres://...` for PostgreSQL; default: SQLite in the data directory.
    #[arg(long, env = "AFTERCARE_DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// The policy file.
    #[arg(
        long,
        env = "AFTERCARE_POLICY",
        default_value = "policies/default.toml",
        global = true
    )]
    policy: PathBuf,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a staff account; the password is read from the terminal (not echoed) or from the
    /// first line of standard input.
    CreateUser {
        /// The person's e-mail, used to sign in.
        #[arg(long)]
        email: String,
        /// The person's name, as colleagues see it; default: the e-mail.
        #[arg(long)]
        name: Option<String>,
        /// A role (repeatable): agent, warehouse, finance, admin.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// Create an API key; it is printed once and only its hash is kept.
    CreateApiKey {
        /// What the key is for, e.g. "shop store".
        #[arg(long)]
        name: String,
        /// A scope the key grants (repeatable): orders:write.
        #[arg(long = "scope", required = true)]
        scopes: Vec<String>,
    },
    /// Revoke an API key by its id; it stops working at once.
    RevokeApiKey {
        /// The key's id, as printed when it was created.
        id: String,
    },
}

#[derive(Subcommand)]
enum OrdersCommand {
    /// Import orders from CSV (one row per order line); bad rows are reported by line and skipped.
    Import {
        /// The CSV file.
        file: PathBuf,
    },
    /// Export every order as CSV, in the import format.
    Export {
        /// Write to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Check a policy file and the calendars it names; prints its versions.
    Check {
        /// The policy file.
        file: PathBuf,
        /// Folder of calendar files (`<name>.toml`); default: `calendars` beside the policy's folder.
        #[arg(long, env = "AFTERCARE_CALENDARS")]
        calendars: Option<PathBuf>,
    },
    /// Read case facts as JSON on stdin, print the decision as JSON on stdout.
    Evaluate {
        /// The policy file.
        #[arg(
            long,
            env = "AFTERCARE_POLICY",
            default_value = "policies/default.toml"
        )]
        policy: PathBuf,
        /// Folder of calendar files (`<name>.toml`); default: `calendars` beside the policy's folder.
        #[arg(long, env = "AFTERCARE_CALENDARS")]
        calendars: Option<PathBuf>,
        /// Judge as of this instant (RFC 3339) instead of the system clock; used when the
        /// request has no `submitted_at`.
        #[arg(long)]
        now: Option<Timestamp>,
    },
}

#[derive(Subcommand)]
enum CalendarCommand {
    /// Print the N-th working day after DATE (ISO 8601).
    Add {
        /// The start date, e.g. 2026-09-30.
        date: Date,
        /// How many working days to add.
        n: u32,
        /// The calendar file.
        #[arg(
            long,
            env = "AFTERCARE_CALENDAR",
            default_value = "calendars/cn-mainland.toml"
        )]
        calendar: PathBuf,
    },
    /// After a year's official notice is added to the calendar file: count again every open
    /// case's deadline that was counted provisionally, and record each one that moves in the
    /// case's history. Restart running servers so that they count with the new calendar too.
    Recount {
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

/// A refusal of the user's input: printed as one line, exit status 2.
#[derive(Debug)]
struct Refused(String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

pub(crate) fn refused(message: impl std::fmt::Display) -> anyhow::Error {
    Refused(message.to_string()).into()
}

fn main() -> ExitCode {
    allocator::purge_at_once();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(r) = e.downcast_ref::<Refused>() {
                eprintln!("error: {r}");
                ExitCode::from(2)
            } else {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Policy {
            command: PolicyCommand::Check { file, calendars },
        } => {
            let policy = load_policy(&file, calendars.as_deref())?;
            let mut out = io::stdout().lock();
            writeln!(out, "{}: ok", file.display())?;
            for v in policy.versions() {
                writeln!(
                    out,
                    "  version {} effective from {} ({}, calendar {}): {} clauses",
                    v.id,
                    v.effective_from,
                    v.time_zone_name,
                    v.calendar,
                    v.clauses.len()
                )?;
            }
            let this_year = Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).year();
            for calendar in policy.calendars() {
                let notices: Vec<String> = calendar.years().map(|y| y.to_string()).collect();
                writeln!(
                    out,
                    "  calendar {}: official notices for {}",
                    calendar.name(),
                    if notices.is_empty() {
                        "no year".to_owned()
                    } else {
                        notices.join(", ")
                    }
                )?;
                for year in this_year..=this_year.saturating_add(1) {
                    let days = calendar.year(year);
                    let state = match &days.source {
                        YearSource::Notice(source) => format!("from the notice ({source})"),
                        YearSource::Statutory(source) => format!(
                            "provisional: statutory days off only ({source}); deadlines counted into it are marked provisional until its notice is added"
                        ),
                        YearSource::Missing => {
                            "weekends only: no notice and no statutory days; deadlines counted into it are provisional".to_owned()
                        }
                    };
                    writeln!(out, "    {year}: {state}")?;
                    if days.is_provisional() {
                        eprintln!(
                            "warning: calendar {} has no official notice for {year}: add it to the calendar file when it is published, then run `aftercare calendar recount`",
                            calendar.name()
                        );
                    }
                }
            }
            Ok(())
        }
        Command::Policy {
            command:
                PolicyCommand::Evaluate {
                    policy,
                    calendars,
                    now,
                },
        } => {
            let policy = load_policy(&policy, calendars.as_deref())?;
            let mut input = String::new();
            io::stdin()
                .take(MAX_FACTS_BYTES + 1)
                .read_to_string(&mut input)
                .map_err(|e| refused(format!("standard input: {e}")))?;
            if input.len() as u64 > MAX_FACTS_BYTES {
                return Err(refused("standard input: the facts are larger than 1 MiB"));
            }
            let facts = Facts::from_json(&input).map_err(refused)?;
            let decision =
                evaluate(&policy, &facts, now.unwrap_or_else(Timestamp::now)).map_err(refused)?;
            for w in &decision.warnings {
                eprintln!("warning: {w}");
            }
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &decision)?;
            writeln!(out)?;
            Ok(())
        }
        Command::Serve {
            listen,
            public_url,
            smtp_url,
            mail_from,
            secret_key,
            max_image_mb,
            max_video_mb,
            shop_name,
            return_address,
            contact_email,
            reply_address,
            shop_logo,
            demo,
            connections,
            db,
        } => {
            let configured = aftercare_app::ShopProfile::default();
            let profile = aftercare_app::ShopProfile {
                name: shop_name.unwrap_or(configured.name),
                return_address: return_address.unwrap_or(configured.return_address),
                contact_email: contact_email.unwrap_or(configured.contact_email),
            }
            .checked()
            .map_err(|e| refused(format!("shop profile: {e}")))?;
            let uploads = aftercare_web::UploadLimits {
                image_bytes: max_image_mb.saturating_mul(1024 * 1024),
                video_bytes: max_video_mb.saturating_mul(1024 * 1024),
                ..aftercare_web::UploadLimits::default()
            };
            let logo = shop_logo
                .map(|path| {
                    let bytes = std::fs::read(&path)
                        .map_err(|e| refused(format!("shop logo {}: {e}", path.display())))?;
                    aftercare_web::shop_logo_png(&bytes, uploads)
                        .map_err(|e| refused(format!("shop logo {}: {e}", path.display())))
                })
                .transpose()?;
            let policy = Arc::new(load_policy(&db.policy, None)?);
            let url = database::database_url(&db.data_dir, db.database_url.as_deref())?;
            let settings = serve::ServeSettings {
                listen,
                public_url,
                smtp_url,
                mail_from,
                secret_key: database::secret_key(secret_key.as_deref(), &db.data_dir)?,
                data_dir: db.data_dir.clone(),
                profile,
                reply_address: reply_address
                    .map(|a| checked_reply_address(&a))
                    .transpose()?,
                logo,
                demo,
                uploads,
                stripe: connections.stripe(),
                shopify_secret: connections
                    .shopify_webhook_secret
                    .clone()
                    .filter(|s| !s.trim().is_empty())
                    .map(aftercare_app::connections::WebhookSecret),
                aftership_secret: connections
                    .aftership_webhook_secret
                    .clone()
                    .filter(|s| !s.trim().is_empty())
                    .map(aftercare_app::connections::WebhookSecret),
                stripe_poll: std::time::Duration::from_secs(
                    connections.stripe_poll_seconds.max(10),
                ),
            };
            runtime()?.block_on(serve::serve(settings, &url, policy))
        }
        Command::Migrate { db } => {
            let url = database::database_url(&db.data_dir, db.database_url.as_deref())?;
            runtime()?.block_on(async {
                let store = database::open(&url).await?;
                println!("{} database is up to date", store.dialect());
                Ok(())
            })
        }
        Command::Admin { command, db } => {
            let policy = Arc::new(load_policy(&db.policy, None)?);
            let url = database::database_url(&db.data_dir, db.database_url.as_deref())?;
            runtime()?.block_on(async {
                let store = database::open(&url).await?;
                match command {
                    AdminCommand::CreateUser { email, name, roles } => {
                        let password = read_password()?;
                        let account = commands::create_user(
                            store,
                            policy,
                            &email,
                            name.as_deref().unwrap_or(&email),
                            &password,
                            &roles,
                        )
                        .await?;
                        let roles: Vec<String> =
                            account.roles.iter().map(|r| r.id().to_owned()).collect();
                        println!("created {} ({}) with roles {}", account.email, account.id, roles.join(", "));
                        Ok(())
                    }
                    AdminCommand::CreateApiKey { name, scopes } => {
                        let key = commands::create_api_key(store, policy, &name, &scopes).await?;
                        println!("id:     {}", key.id);
                        println!("scopes: {}", key.scopes.join(" "));
                        println!("key:    {}", key.secret);
                        eprintln!("Store the key now: it is not shown again. Send it as `Authorization: Bearer <key>`.");
                        Ok(())
                    }
                    AdminCommand::RevokeApiKey { id } => {
                        commands::revoke_api_key(store, policy, &id).await?;
                        println!("revoked {id}");
                        Ok(())
                    }
                }
            })
        }
        Command::Orders { command, db } => {
            let policy = Arc::new(load_policy(&db.policy, None)?);
            let url = database::database_url(&db.data_dir, db.database_url.as_deref())?;
            runtime()?.block_on(async {
                let store = database::open(&url).await?;
                match command {
                    OrdersCommand::Import { file } => {
                        if commands::import(store, policy, &file).await? {
                            Ok(())
                        } else {
                            Err(refused(
                                "some rows were refused (listed above); the others were imported",
                            ))
                        }
                    }
                    OrdersCommand::Export { output } => {
                        commands::export(store, policy, output.as_deref()).await
                    }
                }
            })
        }
        Command::Calendar {
            command: CalendarCommand::Recount { db },
        } => {
            let policy = Arc::new(load_policy(&db.policy, None)?);
            let url = database::database_url(&db.data_dir, db.database_url.as_deref())?;
            runtime()?.block_on(async {
                let store = database::open(&url).await?;
                let done = commands::recount(store, policy).await?;
                for (case, from, to) in &done.moved {
                    println!("case {case}: deadline {from} -> {to}");
                }
                println!(
                    "{} open cases had a provisional deadline; {} moved; {} still provisional",
                    done.provisional,
                    done.moved.len(),
                    done.still_provisional
                );
                Ok(())
            })
        }
        Command::Calendar {
            command: CalendarCommand::Add { date, n, calendar },
        } => {
            let calendar = load_calendar(&calendar)?;
            let answer = calendar
                .add_working_days(date, n)
                .map_err(|e| refused(format!("{date} + {n} working days: {e}")))?;
            for w in &answer.warnings {
                eprintln!("warning: {w}");
            }
            println!("{}", answer.value);
            Ok(())
        }
    }
}

/// A new password: prompted without echo on a terminal, else the first line of standard input.
fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    let password = if io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Again: ")?;
        if first != again {
            return Err(refused("password: the two entries differ"));
        }
        first
    } else {
        let mut line = String::new();
        io::stdin().lock().take(4096).read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    Ok(password)
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| refused(format!("{}: {e}", path.display())))
}

fn load_calendar(path: &Path) -> anyhow::Result<Calendar> {
    let text = read(path)?;
    Calendar::from_toml(&path.display().to_string(), &text).map_err(refused)
}

/// Loads a policy file and the calendars it names from `calendars_dir`, or from the `calendars`
/// folder next to the policy's own folder (`policies/x.toml` -> `calendars/`).
fn load_policy(path: &Path, calendars_dir: Option<&Path>) -> anyhow::Result<Policy> {
    let text = read(path)?;
    let file = PolicyFile::parse(&path.display().to_string(), &text).map_err(refused)?;
    let dir = match calendars_dir {
        Some(d) => d.to_path_buf(),
        None => path
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."))
            .join("calendars"),
    };
    let mut calendars = Vec::new();
    for name in file.calendar_names() {
        let calendar_path = dir.join(format!("{name}.toml"));
        if calendar_path.exists() {
            let calendar = load_calendar(&calendar_path)?;
            if calendar.name() != name {
                return Err(refused(format!(
                    "{}: the file is named for calendar `{name}` but calls itself `{}`",
                    calendar_path.display(),
                    calendar.name()
                )));
            }
            calendars.push(calendar);
        }
    }
    Policy::new(file, calendars).map_err(|e| {
        refused(format!(
            "{e} (looked for `<name>.toml` in {})",
            dir.display()
        ))
    })
}

/// A reply address as configured: one `@`, and a local part short enough that the token fits
/// the 64 characters an address's local part may have.
fn checked_reply_address(address: &str) -> anyhow::Result<String> {
    let address = address.trim().to_ascii_lowercase();
    match address.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && local.len() <= 10
                && !local.contains('+')
                && domain.contains('.')
                && !domain.contains('@') =>
        {
            Ok(address)
        }
        _ => Err(anyhow::anyhow!(
            "reply address `{address}`: must be an address with a local part of at most 10 characters and no `+`, e.g. reply@in.shop.example"
        )),
    }
}
