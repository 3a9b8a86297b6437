//! The two SQL implementations. The statements are the same text on both dialects (`$n`
//! placeholders, BIGINT/INTEGER epoch microseconds, ISO dates as text); what differs is how a
//! connection is opened and how a write transaction begins, so one macro writes both impls.

use std::str::FromStr;
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::Value;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection as _, QueryBuilder, Row, SqliteConnection};

use crate::{
    AccountOf, Activity, ApiKeyRecord, CaseData, CaseKind, CaseRecord, ConnectionStatus,
    EventRecord, EvidenceRecord, Idempotency, MailAttachment, MailRecord, MessageRecord,
    MessageWrite, NO_DEADLINE, NewEvent, NewMail, NewOrderWrite, OpenCount, OrderAccount,
    OrderRecord, OrderWrite, PasswordLink, PayoutSent, PutOrder, QueueQuery, RequestOpened,
    SessionRecord, SignInLink, StaffChangeRecord, Store, StoreError, ThreadRecord,
    TrackingEventRecord, UserChange, UserRecord, WebhookAttempt, WebhookDelivery, WebhookEndpoint,
    WebhookSummary,
};

mod writer;
use writer::{WriteTx, Writer};
mod pg_pool;
pub use pg_pool::{PgPool, PgTransaction, PoolLimits, PooledConnection};
mod session_cache;
use session_cache::SessionCache;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Most matches of a search that SQLite sorts by reading them; past this it walks the queue
/// (`queue`): 500 rows read cost about what walking 1,000 open cases does.
const SORT_AT_MOST: i64 = 500;

/// How long a pooled connection may sit idle and still be handed out without a ping. sqlx pings
/// every connection it hands out by default: a round trip before each statement, which under load
/// was a third of the server's exchanges with PostgreSQL (issue 17, the return flow). A connection
/// used moments ago is as good as its last answer; one idle longer (a database restarted or a
/// firewall's idle cut in a quiet hour) is pinged first and replaced if it does not answer. Half
/// a second is HikariCP's `aliveBypassWindowMs`, the same trade made by the JVM's common pool.
const TRUSTED_IDLE: Duration = Duration::from_millis(500);

/// SQLite's read pool's check of an idle connection before it is handed out (`TRUSTED_IDLE`;
/// PostgreSQL's pool, `pg_pool`, does the same itself): `Ok(true)` hands it out, an error makes
/// the pool close it and take or open another.
async fn ping_when_idle<C: sqlx::Connection>(
    conn: &mut C,
    meta: sqlx::pool::PoolConnectionMetadata,
) -> Result<bool, sqlx::Error> {
    if meta.idle_for > TRUSTED_IDLE {
        conn.ping().await?;
    }
    Ok(true)
}

/// The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, because it holds money.
/// Reads go to a pool of read-only connections; every write goes through the one [`Writer`],
/// which commits the commands waiting at a moment together.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    writer: Writer,
}

impl SqliteStore {
    // SQLite keeps no sessions: a read is a call within the process, not a round trip, and a
    // CLI process beside the server could not tell it what changed.
    fn session_cache(&self) -> Option<&std::sync::Arc<SessionCache>> {
        None
    }

    /// Opens (creating if needed) the database at a `sqlite://` URL or a file path.
    pub async fn connect(url_or_path: &str) -> Result<SqliteStore, StoreError> {
        let options = if url_or_path.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url_or_path)?
        } else {
            SqliteConnectOptions::new().filename(url_or_path)
        };
        // Another process (the CLI beside a running server) may hold the write lock a while.
        let options = options.busy_timeout(Duration::from_secs(30));
        // The writer opens the file first, so that it exists and is in WAL mode before any
        // reader opens it read-only.
        let writer = SqliteConnection::connect_with(
            &options
                .clone()
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true),
        )
        .await?;
        // Each reader caches at most 512 KB of pages (SQLite's default is 2 MB), which also bounds
        // its sorter: eight readers kept up to 16 MB of a file the system caches anyway (issue 17,
        // the server's memory after the load test; reads were no slower).
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .before_acquire(|conn, meta| Box::pin(ping_when_idle(conn, meta)))
            .connect_with(options.read_only(true).pragma("cache_size", "-512"))
            .await?;
        Ok(SqliteStore {
            pool,
            writer: Writer::new(writer),
        })
    }

    /// The read-only pool, for tests and tools that read the database themselves.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    async fn run_migrations(&self) -> Result<(), StoreError> {
        self.writer.migrate(&SQLITE_MIGRATIONS).await
    }

    /// One statement that writes, as a command of its own.
    async fn execute_write(
        &self,
        query: sqlx::query::Query<'_, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
    ) -> Result<sqlx::sqlite::SqliteQueryResult, StoreError> {
        let mut tx = self.writer.begin().await?;
        let done = query.execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(done)
    }

    /// The counts' rows folded in the writer's transaction, which no other write shares: the
    /// rows up to the newest are summed into new rows, then removed.
    async fn compact_counts(&self) -> Result<u64, StoreError> {
        let mut tx = self.writer.begin().await?;
        let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(rowid) FROM case_counts")
            .fetch_one(&mut *tx)
            .await?;
        let Some(newest) = newest else {
            return Ok(0);
        };
        sqlx::query("INSERT INTO case_counts (kind, state, deadline, n) SELECT kind, state, deadline, SUM(n) FROM case_counts WHERE rowid <= $1 GROUP BY kind, state, deadline HAVING SUM(n) <> 0")
            .bind(newest)
            .execute(&mut *tx)
            .await?;
        let folded = sqlx::query("DELETE FROM case_counts WHERE rowid <= $1")
            .bind(newest)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(folded)
    }

    /// One statement that writes and answers a row (`RETURNING`), as a command of its own.
    async fn fetch_optional_write(
        &self,
        query: sqlx::query::Query<'_, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
    ) -> Result<Option<sqlx::sqlite::SqliteRow>, StoreError> {
        let mut tx = self.writer.begin().await?;
        let row = query.fetch_optional(&mut *tx).await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn fetch_all_write(
        &self,
        query: sqlx::query::Query<'_, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
    ) -> Result<Vec<sqlx::sqlite::SqliteRow>, StoreError> {
        let mut tx = self.writer.begin().await?;
        let rows = query.fetch_all(&mut *tx).await?;
        tx.commit().await?;
        Ok(rows)
    }
}

/// The shared store: PostgreSQL, for several `aftercare serve` processes.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    sessions: std::sync::Arc<SessionCache>,
}

impl PgStore {
    /// Connects to a `postgres://` URL.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        Self::connect_with(PgConnectOptions::from_str(url)?).await
    }

    /// Connects with explicit options (tests use them to give each test its own schema).
    pub async fn connect_with(options: PgConnectOptions) -> Result<PgStore, StoreError> {
        let sessions = SessionCache::new(options.clone());
        let pool = PgPool::connect(
            options,
            PoolLimits {
                size: 16,
                acquire_timeout: Duration::from_secs(30),
                trusted_idle: TRUSTED_IDLE,
                idle_timeout: Duration::from_secs(10 * 60),
                max_lifetime: Duration::from_secs(30 * 60),
            },
        )
        .await?;
        Ok(PgStore { pool, sessions })
    }

    /// The pool, for tests and tools that manage the database itself.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    // The sessions this process keeps (`session_cache.rs`), as the shared `Store` methods use
    // them.
    fn session_cache(&self) -> Option<&std::sync::Arc<SessionCache>> {
        Some(&self.sessions)
    }

    async fn run_migrations(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        // What `run` does with a pool's connection; `run` itself wants sqlx's `Acquire`, which a
        // connection borrowed from our pool meets only for one lifetime, not for all.
        POSTGRES_MIGRATIONS
            .run_direct(None, &mut *conn, false)
            .await?;
        Ok(())
    }

    /// One statement that writes, committed on its own.
    async fn execute_write(
        &self,
        query: sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments>,
    ) -> Result<sqlx::postgres::PgQueryResult, StoreError> {
        Ok(query.execute(&self.pool).await?)
    }

    /// The counts' rows folded in one statement: it deletes the rows its snapshot sees and adds
    /// their sums, so rows that concurrent case writes add meanwhile stay as they are. Two
    /// servers compacting at once fold disjoint rows.
    async fn compact_counts(&self) -> Result<u64, StoreError> {
        let folded: i64 = sqlx::query_scalar(concat!(
            "WITH gone AS (DELETE FROM case_counts RETURNING kind, state, deadline, n), ",
            "kept AS (INSERT INTO case_counts (kind, state, deadline, n) ",
            "SELECT kind, state, deadline, SUM(n) FROM gone GROUP BY kind, state, deadline HAVING SUM(n) <> 0) ",
            "SELECT COUNT(*) FROM gone",
        ))
        .fetch_one(&self.pool)
        .await?;
        Ok(u64::try_from(folded).unwrap_or(0))
    }

    /// One statement that writes and answers a row (`RETURNING`), committed on its own.
    async fn fetch_optional_write(
        &self,
        query: sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments>,
    ) -> Result<Option<sqlx::postgres::PgRow>, StoreError> {
        Ok(query.fetch_optional(&self.pool).await?)
    }

    async fn fetch_all_write(
        &self,
        query: sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments>,
    ) -> Result<Vec<sqlx::postgres::PgRow>, StoreError> {
        Ok(query.fetch_all(&self.pool).await?)
    }
}

fn micros(t: Timestamp) -> i64 {
    t.as_microsecond()
}

fn timestamp(us: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_microsecond(us).map_err(|e| StoreError::Corrupt(format!("timestamp {us}: {e}")))
}

fn json_text(v: &Value) -> String {
    v.to_string()
}

fn json(text: &str) -> Result<Value, StoreError> {
    serde_json::from_str(text).map_err(corrupt_json)
}

/// Each row of a long answer read into `T` as it arrives, instead of holding every row first
/// (`fetch_all`): the weekly figures read up to 50,000 rows a query, and only their few fields
/// need keeping, so the memory a computation takes no longer grows with whole rows.
async fn each_row<R, T>(
    mut rows: impl futures_util::Stream<Item = Result<R, sqlx::Error>> + Unpin,
    read: impl Fn(&R) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    use futures_util::TryStreamExt as _;
    let mut read_all = Vec::new();
    while let Some(row) = rows.try_next().await? {
        read_all.push(read(&row)?);
    }
    Ok(read_all)
}

fn corrupt_json(e: serde_json::Error) -> StoreError {
    StoreError::Corrupt(format!("JSON: {e}"))
}

fn deadline_text(d: Option<Date>) -> String {
    d.map_or_else(|| NO_DEADLINE.to_owned(), |d| d.to_string())
}

fn deadline(text: &str) -> Result<Option<Date>, StoreError> {
    if text == NO_DEADLINE {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|e| StoreError::Corrupt(format!("deadline {text}: {e}")))
}

fn unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// A write's error, named `what` when it broke a unique constraint.
fn duplicate(e: StoreError, what: &'static str) -> StoreError {
    match e {
        StoreError::Database(db) if unique_violation(&db) => StoreError::Duplicate(what),
        other => other,
    }
}

// Macros rather than consts so that `concat!` keeps every statement a `&'static str`, which
// sqlx 0.9 requires of SQL text (no statement is ever built from data).
/// The orders' columns, named once: `order_columns!()` lists them as they are, and
/// `joined_order_columns!()` as the table aliased `o` with each named `o_*` (read by
/// `order_row!(row, "o_")`), for reads that join an order with its cases.
macro_rules! with_order_columns {
    ($then:ident) => {
        $then!(
            id,
            number,
            customer_email,
            customer_name,
            currency,
            placed_at,
            policy_version,
            data,
            created_at,
            language
        )
    };
}
macro_rules! order_column_list {
    ($first:ident $(, $column:ident)*) => {
        concat!(stringify!($first) $(, ", ", stringify!($column))*)
    };
}
macro_rules! joined_order_column_list {
    ($first:ident $(, $column:ident)*) => {
        concat!("o.", stringify!($first), " AS o_", stringify!($first) $(, ", o.", stringify!($column), " AS o_", stringify!($column))*)
    };
}
macro_rules! order_columns {
    () => {
        with_order_columns!(order_column_list)
    };
}
macro_rules! joined_order_columns {
    () => {
        with_order_columns!(joined_order_column_list)
    };
}

/// An order read from a row whose order columns are named with `$prefix`.
macro_rules! order_row {
    ($row:expr, $prefix:literal) => {
        Ok(OrderRecord {
            id: $row.try_get(concat!($prefix, "id"))?,
            number: $row.try_get(concat!($prefix, "number"))?,
            customer_email: $row.try_get(concat!($prefix, "customer_email"))?,
            customer_name: $row.try_get(concat!($prefix, "customer_name"))?,
            currency: $row.try_get(concat!($prefix, "currency"))?,
            placed_at: timestamp($row.try_get(concat!($prefix, "placed_at"))?)?,
            policy_version: $row.try_get(concat!($prefix, "policy_version"))?,
            data: json($row.try_get::<&str, _>(concat!($prefix, "data"))?)?,
            created_at: timestamp($row.try_get(concat!($prefix, "created_at"))?)?,
            language: $row.try_get(concat!($prefix, "language"))?,
        })
    };
}

macro_rules! case_columns {
    () => {
        "id, kind, order_id, order_number, customer_email, rma, state, is_open, deadline, amount_minor, version, data, created_at, updated_at, tracking_number"
    };
}

/// `case_columns!` for a list: the same columns, with `data` left out as JSON null.
macro_rules! case_list_columns {
    () => {
        "id, kind, order_id, order_number, customer_email, rma, state, is_open, deadline, amount_minor, version, 'null' AS data, created_at, updated_at, tracking_number"
    };
}

macro_rules! user_columns {
    () => {
        "id, email, name, password_hash, roles, created_at, disabled_at"
    };
}

/// A text field of a JSON column, in each dialect: `json!(column, "key")` or
/// `json!(column, "outer", "inner")`. Case data is stored as JSON text in both databases.
macro_rules! sqlite_json {
    ($col:literal, $key:literal) => {
        concat!("json_extract(", $col, ", '$.", $key, "')")
    };
    ($col:literal, $outer:literal, $inner:literal) => {
        concat!("json_extract(", $col, ", '$.", $outer, ".", $inner, "')")
    };
    // The owners of the uploads whose ids the JSON array `$ids` lists, as one JSON object.
    (owners_of $ids:literal) => {
        concat!(
            "(SELECT json_group_object(id, owner) FROM evidence WHERE id IN (SELECT value FROM json_each(",
            $ids,
            ")))"
        )
    };
}

macro_rules! pg_json {
    ($col:literal, $key:literal) => {
        concat!("(", $col, "::json ->> '", $key, "')")
    };
    ($col:literal, $outer:literal, $inner:literal) => {
        concat!("(", $col, "::json -> '", $outer, "' ->> '", $inner, "')")
    };
    (owners_of $ids:literal) => {
        concat!(
            "(SELECT json_object_agg(id, owner)::text FROM evidence WHERE id IN (SELECT jsonb_array_elements_text(",
            $ids,
            "::jsonb)))"
        )
    };
}

// The trait's methods by subject; each file holds one macro, used inside `impl_store!`.
#[macro_use]
mod conversations;
#[macro_use]
mod orders;
#[macro_use]
mod outbox;
#[macro_use]
mod people;
#[macro_use]
mod webhooks;
// After the column macros, which it uses.
mod case_writes;
use case_writes::CaseWrites;

macro_rules! impl_store {
    ($store:ty, $db:ty, $tx:ty, $row:ty, $migrator:expr, $skip_locked:literal, $for_update:literal, $json:ident, |$pool:ident| $begin:expr) => {
        impl $store {
            fn order_from(row: &$row) -> Result<OrderRecord, StoreError> {
                order_row!(row, "")
            }

            /// The order of a row that joins it with its cases (`joined_order_columns!`).
            fn joined_order_from(row: &$row) -> Result<OrderRecord, StoreError> {
                order_row!(row, "o_")
            }

            fn case_from(row: &$row) -> Result<CaseRecord, StoreError> {
                let kind: String = row.try_get("kind")?;
                Ok(CaseRecord {
                    id: row.try_get("id")?,
                    kind: CaseKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("case kind {kind}")))?,
                    order_id: row.try_get("order_id")?,
                    order_number: row.try_get("order_number")?,
                    customer_email: row.try_get("customer_email")?,
                    rma: row.try_get("rma")?,
                    state: row.try_get("state")?,
                    is_open: row.try_get::<i64, _>("is_open")? != 0,
                    deadline: deadline(row.try_get::<&str, _>("deadline")?)?,
                    amount_minor: row.try_get("amount_minor")?,
                    version: row.try_get("version")?,
                    data: CaseData::from_text(row.try_get("data")?)
                        .map_err(corrupt_json)?,
                    created_at: timestamp(row.try_get("created_at")?)?,
                    updated_at: timestamp(row.try_get("updated_at")?)?,
                    tracking_number: row.try_get("tracking_number")?,
                })
            }

            fn webhook_endpoint_from(row: &$row) -> Result<WebhookEndpoint, StoreError> {
                Ok(WebhookEndpoint {
                    id: row.try_get("id")?,
                    url: row.try_get("url")?,
                    secret: row.try_get("secret")?,
                    events: row.try_get::<&str, _>("events")?.split_whitespace().map(str::to_owned).collect(),
                    description: row.try_get("description")?,
                    created_by: row.try_get("created_by")?,
                    created_at: timestamp(row.try_get("created_at")?)?,
                    disabled_at: row.try_get::<Option<i64>, _>("disabled_at")?.map(timestamp).transpose()?,
                    disabled_reason: row.try_get("disabled_reason")?,
                })
            }

            fn webhook_delivery_from(row: &$row) -> Result<WebhookDelivery, StoreError> {
                let at = |column: &str| -> Result<Option<Timestamp>, StoreError> {
                    row.try_get::<Option<i64>, _>(column)?.map(timestamp).transpose()
                };
                Ok(WebhookDelivery {
                    id: row.try_get("id")?,
                    endpoint_id: row.try_get("endpoint_id")?,
                    case_id: row.try_get("case_id")?,
                    seq: row.try_get("seq")?,
                    event_type: row.try_get("event_type")?,
                    created_at: timestamp(row.try_get("created_at")?)?,
                    attempts: row.try_get::<i64, _>("attempts")?,
                    next_attempt_at: at("next_attempt_at")?,
                    delivered_at: at("delivered_at")?,
                    last_attempt_at: at("last_attempt_at")?,
                    last_status: row.try_get::<Option<i64>, _>("last_status")?,
                    last_error: row.try_get("last_error")?,
                })
            }

            /// Queues one delivery of each event to every enabled endpoint that chose its type,
            /// in the events' transaction: an event is never recorded without its messages.
            async fn queue_webhooks(
                tx: &mut $tx,
                case_id: &str,
                kind: CaseKind,
                first_seq: i64,
                events: &[NewEvent],
            ) -> Result<(), StoreError> {
                let endpoints: Vec<(String, String)> =
                    sqlx::query_as("SELECT id, events FROM webhook_endpoints WHERE disabled_at IS NULL")
                        .fetch_all(&mut **tx)
                        .await?;
                if endpoints.is_empty() {
                    return Ok(());
                }
                for (i, event) in events.iter().enumerate() {
                    let event_type = format!("{}.{}", kind.as_str(), event.kind);
                    let seq = first_seq + i64::try_from(i).unwrap_or(i64::MAX);
                    for (endpoint, chosen) in &endpoints {
                        if !chosen.split_whitespace().any(|e| e == "*" || e == event_type) {
                            continue;
                        }
                        sqlx::query(
                            "INSERT INTO webhook_deliveries (id, endpoint_id, case_id, seq, event_type, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
                        )
                        .bind(format!("msg_{}", uuid::Uuid::new_v4().simple()))
                        .bind(endpoint)
                        .bind(case_id)
                        .bind(seq)
                        .bind(&event_type)
                        .bind(micros(event.at))
                        .execute(&mut **tx)
                        .await?;
                    }
                }
                Ok(())
            }

            /// Appends events to a case's history, with their e-mails and, when the case is
            /// announced (`kind`; internal notes are not), their webhook deliveries. `new_case`:
            /// the case was inserted in this transaction, so its history starts at 1 without a
            /// read.
            async fn append_events(
                tx: &mut $tx,
                case_id: &str,
                new_case: bool,
                announce: Option<CaseKind>,
                events: &[NewEvent],
                idempotency: Option<&Idempotency>,
            ) -> Result<(), StoreError> {
                let last: Option<i64> = if new_case {
                    None
                } else {
                    sqlx::query_scalar("SELECT MAX(seq) FROM events WHERE case_id = $1")
                        .bind(case_id)
                        .fetch_one(&mut **tx)
                        .await?
                };
                let mut seq = last.unwrap_or(0);
                let first_seq = seq + 1;
                for event in events {
                    seq += 1;
                    sqlx::query(
                        "INSERT INTO events (case_id, seq, kind, actor, at, reason, data) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(case_id)
                    .bind(seq)
                    .bind(&event.kind)
                    .bind(json_text(&event.actor))
                    .bind(micros(event.at))
                    .bind(&event.reason)
                    .bind(json_text(&event.data))
                    .execute(&mut **tx)
                    .await?;
                    if let Some(mail) = &event.mail {
                        Self::queue_mail(tx, mail, Some(case_id), event.at).await?;
                    }
                }
                if let Some(kind) = announce {
                    Self::queue_webhooks(tx, case_id, kind, first_seq, events).await?;
                }
                if let Some(idem) = idempotency {
                    let inserted = sqlx::query(
                        "INSERT INTO idempotency_keys (key, request_hash, response, created_at) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&idem.key)
                    .bind(&idem.request_hash)
                    .bind(json_text(&idem.response))
                    .bind(micros(idem.created_at))
                    .execute(&mut **tx)
                    .await;
                    match inserted {
                        Err(e) if unique_violation(&e) => {
                            return Err(StoreError::DuplicateKey(idem.key.clone()));
                        }
                        other => {
                            other?;
                        }
                    }
                }
                Ok(())
            }

            async fn queue_mail(
                tx: &mut $tx,
                mail: &NewMail,
                case_id: Option<&str>,
                at: Timestamp,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO outbox (id, recipient, subject, text_body, html_body, case_id, created_at, next_attempt_at, reply_to, drawn) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9)",
                )
                .bind(&mail.id)
                .bind(&mail.recipient)
                .bind(&mail.subject)
                .bind(&mail.text_body)
                .bind(&mail.html_body)
                .bind(case_id)
                .bind(micros(at))
                .bind(&mail.reply_to)
                .bind(mail.drawn.join(" "))
                .execute(&mut **tx)
                .await?;
                for (position, file) in mail.attachments.iter().enumerate() {
                    sqlx::query("INSERT INTO outbox_attachments (mail_id, position, name, content_type, data) VALUES ($1, $2, $3, $4, $5)")
                        .bind(&mail.id)
                        .bind(i64::try_from(position).unwrap_or(i64::MAX))
                        .bind(&file.name)
                        .bind(&file.content_type)
                        .bind(&file.data)
                        .execute(&mut **tx)
                        .await?;
                }
                Ok(())
            }

            async fn record_staff_change(
                tx: &mut $tx,
                user_id: &str,
                change: &str,
                actor: &Value,
                at: Timestamp,
            ) -> Result<(), StoreError> {
                sqlx::query("INSERT INTO staff_changes (user_id, change, actor, at) VALUES ($1, $2, $3, $4)")
                    .bind(user_id)
                    .bind(change)
                    .bind(json_text(actor))
                    .bind(micros(at))
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            }

            fn event_from(row: &$row) -> Result<EventRecord, StoreError> {
                Ok(EventRecord {
                    case_id: row.try_get("case_id")?,
                    seq: row.try_get("seq")?,
                    kind: row.try_get("kind")?,
                    actor: json(row.try_get::<&str, _>("actor")?)?,
                    at: timestamp(row.try_get("at")?)?,
                    reason: row.try_get("reason")?,
                    data: json(row.try_get::<&str, _>("data")?)?,
                })
            }

            fn evidence_from(row: &$row) -> Result<EvidenceRecord, StoreError> {
                Ok(EvidenceRecord {
                    id: row.try_get("id")?,
                    owner: row.try_get("owner")?,
                    media_type: row.try_get("media_type")?,
                    size_bytes: row.try_get("size_bytes")?,
                    sha256: row.try_get("sha256")?,
                    width: row.try_get("width")?,
                    height: row.try_get("height")?,
                    created_at: timestamp(row.try_get("created_at")?)?,
                })
            }

            fn api_key_from(row: &$row) -> Result<ApiKeyRecord, StoreError> {
                Ok(ApiKeyRecord {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    prefix: row.try_get("prefix")?,
                    hash: row.try_get("hash")?,
                    scopes: row
                        .try_get::<&str, _>("scopes")?
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect(),
                    created_by: row.try_get("created_by")?,
                    created_at: timestamp(row.try_get("created_at")?)?,
                    revoked_at: row.try_get::<Option<i64>, _>("revoked_at")?.map(timestamp).transpose()?,
                })
            }

            fn user_from(row: &$row) -> Result<UserRecord, StoreError> {
                Ok(UserRecord {
                    id: row.try_get("id")?,
                    email: row.try_get("email")?,
                    name: row.try_get("name")?,
                    password_hash: row.try_get("password_hash")?,
                    roles: row.try_get::<&str, _>("roles")?.split_whitespace().map(str::to_owned).collect(),
                    created_at: timestamp(row.try_get("created_at")?)?,
                    disabled_at: row.try_get::<Option<i64>, _>("disabled_at")?.map(timestamp).transpose()?,
                })
            }

            /// Moves the order's version on, locking its row until the transaction ends; with
            /// `seen`, only while it is still at that version.
            async fn move_order_on(
                tx: &mut $tx,
                order_id: &str,
                seen: Option<i64>,
            ) -> Result<(), StoreError> {
                let moved = match seen {
                    Some(seen) => sqlx::query("UPDATE orders SET ledger_version = ledger_version + 1 WHERE id = $1 AND ledger_version = $2")
                        .bind(order_id)
                        .bind(seen)
                        .execute(&mut **tx)
                        .await?,
                    None => sqlx::query("UPDATE orders SET ledger_version = ledger_version + 1 WHERE id = $1")
                        .bind(order_id)
                        .execute(&mut **tx)
                        .await?,
                };
                match seen {
                    Some(expected) if moved.rows_affected() != 1 => Err(StoreError::OrderChanged { expected }),
                    _ => Ok(()),
                }
            }

            /// Replaces a case's state if it is still at `case.version - 1` and appends its
            /// events; on a stale version nothing is written and the caller's transaction is
            /// dropped, rolling back whatever it held.
            async fn write_case(
                tx: &mut $tx,
                case: &CaseRecord,
                events: &[NewEvent],
                idempotency: Option<&Idempotency>,
            ) -> Result<(), StoreError> {
                let expected = case.version - 1;
                let row = case_writes::CaseColumns::of(case);
                let updated = sqlx::query(
                    "UPDATE cases SET rma = $1, state = $2, is_open = $3, deadline = $4, amount_minor = $5, version = $6, data = $7, updated_at = $8, tracking_number = $11 WHERE id = $9 AND version = $10",
                )
                .bind(row.rma)
                .bind(row.state)
                .bind(row.is_open)
                .bind(row.deadline)
                .bind(row.amount_minor)
                .bind(row.version)
                .bind(row.data)
                .bind(row.updated_at)
                .bind(row.id)
                .bind(expected)
                .bind(row.tracking_number)
                .execute(&mut **tx)
                .await
                .map_err(|e| if unique_violation(&e) { StoreError::Duplicate("RMA number") } else { e.into() })?;
                if updated.rows_affected() != 1 {
                    return Err(StoreError::Conflict { expected });
                }
                Self::append_events(tx, &case.id, false, Some(case.kind), events, idempotency).await
            }
        }

        impl Store for $store {
            async fn migrate(&self) -> Result<(), StoreError> {
                self.run_migrations().await
            }

            async fn migrated(&self) -> Result<bool, StoreError> {
                let latest = $migrator.iter().map(|m| m.version).max().unwrap_or(0);
                let applied: Option<i64> = sqlx::query_scalar(
                    "SELECT MAX(version) FROM _sqlx_migrations WHERE success",
                )
                .fetch_one(&self.pool)
                .await
                .unwrap_or(None);
                Ok(applied.is_some_and(|v| v >= latest))
            }

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            store_orders!($db, $row, $skip_locked, $for_update, $json, |$pool| $begin);
            store_people!($db, $row, $skip_locked, $for_update, $json, |$pool| $begin);
            store_outbox!($db, $row, $skip_locked, $for_update, $json, |$pool| $begin);
            store_webhooks!($db, $row, $skip_locked, $for_update, $json, |$pool| $begin);
            store_conversations!($db, $row, $skip_locked, $for_update, $json, |$pool| $begin);
        }
    };
}

// SQLite's commands go to its one writer, whose batch holds the write lock from its BEGIN
// IMMEDIATE, so a read-then-write command never fails to upgrade.
impl_store!(
    SqliteStore,
    sqlx::Sqlite,
    WriteTx,
    sqlx::sqlite::SqliteRow,
    SQLITE_MIGRATIONS,
    "",
    // BEGIN IMMEDIATE already holds the database's one write lock.
    "",
    sqlite_json,
    |store| store.writer.begin().await?
);
impl_store!(
    PgStore,
    sqlx::Postgres,
    PgTransaction,
    sqlx::postgres::PgRow,
    POSTGRES_MIGRATIONS,
    // Several servers may share PostgreSQL: a row another worker holds is skipped, not waited on.
    " FOR UPDATE SKIP LOCKED",
    " FOR UPDATE",
    pg_json,
    |store| store.pool.begin().await?
);
