//! The two SQL implementations. The statements are the same text on both dialects (`$n`
//! placeholders, BIGINT/INTEGER epoch microseconds, ISO dates as text); what differs is how a
//! connection is opened and how a write transaction begins, so one macro writes both impls.

use std::str::FromStr;
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::Value;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row};

use crate::{
    Activity, ApiKeyRecord, CaseKind, CaseRecord, EventRecord, EvidenceRecord, Idempotency,
    MailRecord, NO_DEADLINE, NewEvent, NewMail, OpenCount, OrderAccount, OrderRecord, OrderWrite,
    PayoutSent, PutOrder, QueueQuery, RequestOpened, SessionRecord, SignInLink, Store, StoreError,
    UserRecord,
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, because it holds money.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at a `sqlite://` URL or a file path.
    pub async fn connect(url_or_path: &str) -> Result<SqliteStore, StoreError> {
        let options = if url_or_path.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url_or_path)?
        } else {
            SqliteConnectOptions::new().filename(url_or_path)
        };
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Ok(SqliteStore { pool })
    }

    /// The pool, for tests and tools that manage the database itself.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

/// The shared store: PostgreSQL, for several `aftercare serve` processes.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to a `postgres://` URL.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        Self::connect_with(PgConnectOptions::from_str(url)?).await
    }

    /// Connects with explicit options (tests use them to give each test its own schema).
    pub async fn connect_with(options: PgConnectOptions) -> Result<PgStore, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await?;
        Ok(PgStore { pool })
    }

    /// The pool, for tests and tools that manage the database itself.
    pub fn pool(&self) -> &PgPool {
        &self.pool
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
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("JSON: {e}")))
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

// Macros rather than consts so that `concat!` keeps every statement a `&'static str`, which
// sqlx 0.9 requires of SQL text (no statement is ever built from data).
macro_rules! order_columns {
    () => {
        "id, number, customer_email, customer_name, currency, placed_at, policy_version, data, created_at"
    };
}
macro_rules! case_columns {
    () => {
        "id, kind, order_id, order_number, customer_email, rma, state, is_open, deadline, amount_minor, version, data, created_at, updated_at"
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
}

macro_rules! pg_json {
    ($col:literal, $key:literal) => {
        concat!("(", $col, "::json ->> '", $key, "')")
    };
    ($col:literal, $outer:literal, $inner:literal) => {
        concat!("(", $col, "::json -> '", $outer, "' ->> '", $inner, "')")
    };
}

macro_rules! impl_store {
    ($store:ty, $db:ty, $row:ty, $migrator:expr, $skip_locked:literal, $for_update:literal, $json:ident, |$pool:ident| $begin:expr) => {
        impl $store {
            fn order_from(row: &$row) -> Result<OrderRecord, StoreError> {
                Ok(OrderRecord {
                    id: row.try_get("id")?,
                    number: row.try_get("number")?,
                    customer_email: row.try_get("customer_email")?,
                    customer_name: row.try_get("customer_name")?,
                    currency: row.try_get("currency")?,
                    placed_at: timestamp(row.try_get("placed_at")?)?,
                    policy_version: row.try_get("policy_version")?,
                    data: json(row.try_get::<&str, _>("data")?)?,
                    created_at: timestamp(row.try_get("created_at")?)?,
                })
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
                    data: json(row.try_get::<&str, _>("data")?)?,
                    created_at: timestamp(row.try_get("created_at")?)?,
                    updated_at: timestamp(row.try_get("updated_at")?)?,
                })
            }

            async fn append_events(
                tx: &mut sqlx::Transaction<'static, $db>,
                case_id: &str,
                events: &[NewEvent],
                idempotency: Option<&Idempotency>,
            ) -> Result<(), StoreError> {
                let last: Option<i64> =
                    sqlx::query_scalar("SELECT MAX(seq) FROM events WHERE case_id = $1")
                        .bind(case_id)
                        .fetch_one(&mut **tx)
                        .await?;
                let mut seq = last.unwrap_or(0);
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
                tx: &mut sqlx::Transaction<'static, $db>,
                mail: &NewMail,
                case_id: Option<&str>,
                at: Timestamp,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO outbox (id, recipient, subject, text_body, html_body, case_id, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                )
                .bind(&mail.id)
                .bind(&mail.recipient)
                .bind(&mail.subject)
                .bind(&mail.text_body)
                .bind(&mail.html_body)
                .bind(case_id)
                .bind(micros(at))
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            async fn insert_case(
                tx: &mut sqlx::Transaction<'static, $db>,
                case: &CaseRecord,
            ) -> Result<(), StoreError> {
                sqlx::query(concat!("INSERT INTO cases (", case_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $13)"))
                .bind(&case.id)
                .bind(case.kind.as_str())
                .bind(&case.order_id)
                .bind(&case.order_number)
                .bind(&case.customer_email)
                .bind(&case.rma)
                .bind(&case.state)
                .bind(i64::from(case.is_open))
                .bind(deadline_text(case.deadline))
                .bind(case.amount_minor)
                .bind(json_text(&case.data))
                .bind(micros(case.created_at))
                .bind(micros(case.updated_at))
                .execute(&mut **tx)
                .await
                .map_err(|e| if unique_violation(&e) { StoreError::Duplicate("case or RMA number") } else { e.into() })?;
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
                tx: &mut sqlx::Transaction<'static, $db>,
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
                tx: &mut sqlx::Transaction<'static, $db>,
                case: &CaseRecord,
                events: &[NewEvent],
                idempotency: Option<&Idempotency>,
            ) -> Result<(), StoreError> {
                let expected = case.version - 1;
                let updated = sqlx::query(
                    "UPDATE cases SET rma = $1, state = $2, is_open = $3, deadline = $4, amount_minor = $5, version = $6, data = $7, updated_at = $8 WHERE id = $9 AND version = $10",
                )
                .bind(&case.rma)
                .bind(&case.state)
                .bind(i64::from(case.is_open))
                .bind(deadline_text(case.deadline))
                .bind(case.amount_minor)
                .bind(case.version)
                .bind(json_text(&case.data))
                .bind(micros(case.updated_at))
                .bind(&case.id)
                .bind(expected)
                .execute(&mut **tx)
                .await
                .map_err(|e| if unique_violation(&e) { StoreError::Duplicate("RMA number") } else { e.into() })?;
                if updated.rows_affected() != 1 {
                    return Err(StoreError::Conflict { expected });
                }
                Self::append_events(tx, &case.id, events, idempotency).await
            }
        }

        impl Store for $store {
            async fn migrate(&self) -> Result<(), StoreError> {
                $migrator.run(&self.pool).await?;
                Ok(())
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

            async fn put_order(&self, order: &OrderRecord) -> Result<PutOrder, StoreError> {
                let $pool = &self.pool;
                let mut tx = $begin;
                let existing = sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE number = $1"))
                    .bind(&order.number)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(row) = existing {
                    let stored = Self::order_from(&row)?;
                    let same = stored.customer_email == order.customer_email
                        && stored.customer_name == order.customer_name
                        && stored.currency == order.currency
                        && stored.placed_at == order.placed_at
                        && stored.data == order.data;
                    tx.rollback().await?;
                    return Ok(if same { PutOrder::Unchanged } else { PutOrder::Differs });
                }
                sqlx::query(concat!("INSERT INTO orders (", order_columns!(), ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"))
                .bind(&order.id)
                .bind(&order.number)
                .bind(&order.customer_email)
                .bind(&order.customer_name)
                .bind(&order.currency)
                .bind(micros(order.placed_at))
                .bind(&order.policy_version)
                .bind(json_text(&order.data))
                .bind(micros(order.created_at))
                .execute(&mut *tx)
                .await
                .map_err(|e| if unique_violation(&e) { StoreError::Duplicate("order") } else { e.into() })?;
                tx.commit().await?;
                Ok(PutOrder::Inserted)
            }

            async fn order(&self, id: &str) -> Result<Option<OrderRecord>, StoreError> {
                sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| Self::order_from(&r))
                    .transpose()
            }

            async fn order_by_number(&self, number: &str) -> Result<Option<OrderRecord>, StoreError> {
                sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE number = $1"))
                    .bind(number)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| Self::order_from(&r))
                    .transpose()
            }

            async fn orders_page(
                &self,
                after: Option<(Timestamp, String)>,
                limit: u32,
            ) -> Result<Vec<OrderRecord>, StoreError> {
                let (at, id) = after.map_or((i64::MIN, String::new()), |(t, id)| (micros(t), id));
                sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE (placed_at, id) > ($1, $2) ORDER BY placed_at, id LIMIT $3"))
                .bind(at)
                .bind(id)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::order_from)
                .collect()
            }

            async fn orders_of_customer(&self, email: &str, limit: u32) -> Result<Vec<OrderRecord>, StoreError> {
                sqlx::query(concat!("SELECT ", order_columns!(), " FROM orders WHERE customer_email = $1 ORDER BY placed_at DESC, id DESC LIMIT $2"))
                    .bind(email)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(Self::order_from)
                    .collect()
            }

            async fn create_case(
                &self,
                case: &CaseRecord,
                events: &[NewEvent],
                idempotency: Option<&Idempotency>,
            ) -> Result<(), StoreError> {
                let $pool = &self.pool;
                let mut tx = $begin;
                Self::move_order_on(&mut tx, &case.order_id, None).await?;
                Self::insert_case(&mut tx, case).await?;
                Self::append_events(&mut tx, &case.id, events, idempotency).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn write_order(&self, write: OrderWrite<'_>) -> Result<(), StoreError> {
                let $pool = &self.pool;
                let mut tx = $begin;
                Self::move_order_on(&mut tx, write.order_id, write.seen).await?;
                let mut idempotency = write.idempotency;
                for (case, events) in write.create {
                    Self::insert_case(&mut tx, case).await?;
                    Self::append_events(&mut tx, &case.id, events, idempotency.take()).await?;
                }
                for (case, events) in write.update {
                    Self::write_case(&mut tx, case, events, idempotency.take()).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn update_case(
                &self,
                case: &CaseRecord,
                events: &[NewEvent],
                idempotency: Option<&Idempotency>,
            ) -> Result<(), StoreError> {
                let $pool = &self.pool;
                let mut tx = $begin;
                Self::move_order_on(&mut tx, &case.order_id, None).await?;
                Self::write_case(&mut tx, case, events, idempotency).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_cases(&self, changes: &[(CaseRecord, Vec<NewEvent>)]) -> Result<(), StoreError> {
                let $pool = &self.pool;
                let mut tx = $begin;
                let mut orders: Vec<&str> = changes.iter().map(|(c, _)| c.order_id.as_str()).collect();
                // Always in the same order, so two writers never wait for each other's locks.
                orders.sort_unstable();
                orders.dedup();
                for order_id in orders {
                    Self::move_order_on(&mut tx, order_id, None).await?;
                }
                for (case, events) in changes {
                    Self::write_case(&mut tx, case, events, None).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn case(&self, id: &str) -> Result<Option<CaseRecord>, StoreError> {
                sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| Self::case_from(&r))
                    .transpose()
            }

            async fn case_by_rma(&self, rma: &str) -> Result<Option<CaseRecord>, StoreError> {
                sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE rma = $1"))
                    .bind(rma)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| Self::case_from(&r))
                    .transpose()
            }

            async fn order_account(&self, order_id: &str) -> Result<OrderAccount, StoreError> {
                // The version first: a case written after this read moves it on, so a write
                // guarded by it can only fail safe, never pass on cases it did not see.
                let version: Option<i64> = sqlx::query_scalar("SELECT ledger_version FROM orders WHERE id = $1")
                    .bind(order_id)
                    .fetch_optional(&self.pool)
                    .await?;
                let cases = self.cases_of_order(order_id).await?;
                Ok(OrderAccount { version: version.unwrap_or(0), cases })
            }

            async fn cases_of_order(&self, order_id: &str) -> Result<Vec<CaseRecord>, StoreError> {
                sqlx::query(concat!("SELECT ", case_columns!(), " FROM cases WHERE order_id = $1 ORDER BY created_at, id"))
                .bind(order_id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::case_from)
                .collect()
            }

            async fn add_events(&self, case_id: &str, events: &[NewEvent]) -> Result<bool, StoreError> {
                let $pool = &self.pool;
                let mut tx = $begin;
                // The lock orders concurrent appends to one case's history.
                let found = sqlx::query(concat!("SELECT id FROM cases WHERE id = $1", $for_update))
                    .bind(case_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if found.is_none() {
                    return Ok(false);
                }
                Self::append_events(&mut tx, case_id, events, None).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn events(&self, case_id: &str) -> Result<Vec<EventRecord>, StoreError> {
                sqlx::query(
                    "SELECT case_id, seq, kind, actor, at, reason, data FROM events WHERE case_id = $1 ORDER BY seq",
                )
                .bind(case_id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::event_from)
                .collect()
            }

            async fn activity_since(&self, since: Timestamp, limit: u32) -> Result<Activity, StoreError> {
                // Only the fields the dashboard counts are read; the databases pick them out of
                // the JSON, so no case's whole data crosses the wire.
                let requests = sqlx::query(concat!(
                    "SELECT kind, ", $json!("data", "reason"), " AS reason, CASE WHEN ",
                    $json!("data", "description"), " LIKE 'Exchange wanted%' THEN 1 ELSE 0 END AS exchange, created_at",
                    " FROM cases WHERE created_at >= $1 AND kind IN ('return', 'buyback') ORDER BY created_at, id LIMIT $2"
                ))
                .bind(micros(since))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                let steps = sqlx::query(concat!(
                    "SELECT at, CASE WHEN CAST(", $json!("data", "on_time"), " AS TEXT) IN ('true', '1') THEN 1 ELSE 0 END AS on_time",
                    " FROM events WHERE at >= $1 AND ", $json!("data", "on_time"), " IS NOT NULL ORDER BY at LIMIT $2"
                ))
                .bind(micros(since))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                let payouts = sqlx::query(concat!(
                    "SELECT e.at, c.amount_minor, ", $json!("c.data", "amount", "currency"), " AS currency, ",
                    $json!("c.data", "source"), " AS source FROM events e JOIN cases c ON c.id = e.case_id",
                    " WHERE e.at >= $1 AND e.kind = 'sent' AND c.kind = 'refund' ORDER BY e.at LIMIT $2"
                ))
                .bind(micros(since))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                let full = |n: usize| n == limit as usize;
                let truncated = full(requests.len()) || full(steps.len()) || full(payouts.len());
                Ok(Activity {
                    requests: requests
                        .iter()
                        .map(|r| {
                            Ok(RequestOpened {
                                kind: CaseKind::parse(r.try_get("kind")?)
                                    .ok_or_else(|| StoreError::Corrupt("case kind".into()))?,
                                reason: r.try_get("reason")?,
                                exchange: r.try_get::<i32, _>("exchange")? == 1,
                                at: timestamp(r.try_get("created_at")?)?,
                            })
                        })
                        .collect::<Result<_, StoreError>>()?,
                    steps: steps
                        .iter()
                        .map(|r| Ok((timestamp(r.try_get("at")?)?, r.try_get::<i32, _>("on_time")? == 1)))
                        .collect::<Result<_, StoreError>>()?,
                    payouts: payouts
                        .iter()
                        .map(|r| {
                            Ok(PayoutSent {
                                at: timestamp(r.try_get("at")?)?,
                                amount_minor: r.try_get("amount_minor")?,
                                currency: r.try_get("currency")?,
                                source: r.try_get("source")?,
                            })
                        })
                        .collect::<Result<_, StoreError>>()?,
                    truncated,
                })
            }

            async fn queue(&self, query: &QueueQuery) -> Result<Vec<CaseRecord>, StoreError> {
                let mut q = QueryBuilder::<$db>::new(concat!("SELECT ", case_columns!(), " FROM cases WHERE "));
                q.push(if query.include_closed { "1 = 1" } else { "is_open = 1" });
                if let Some(text) = query.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                    // Exact matches use their indexes; the name is a substring of the order's.
                    let pattern = format!(
                        "%{}%",
                        text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
                    );
                    q.push(" AND (order_number = ")
                        .push_bind(text.to_owned())
                        .push(" OR rma = ")
                        .push_bind(text.to_uppercase())
                        .push(" OR customer_email = ")
                        .push_bind(text.to_lowercase())
                        .push(" OR order_id IN (SELECT id FROM orders WHERE LOWER(customer_name) LIKE ")
                        .push_bind(pattern)
                        .push(" ESCAPE '\\'))");
                }
                if let Some(day) = query.due_before {
                    q.push(" AND deadline < ").push_bind(deadline_text(Some(day)));
                }
                if let Some(kind) = query.kind {
                    q.push(" AND kind = ").push_bind(kind.as_str());
                }
                if let Some(state) = &query.state {
                    q.push(" AND state = ").push_bind(state.clone());
                }
                if let Some(email) = &query.customer_email {
                    q.push(" AND customer_email = ").push_bind(email.clone());
                }
                if let Some(number) = &query.order_number {
                    q.push(" AND order_number = ").push_bind(number.clone());
                }
                if let Some(rma) = &query.rma {
                    q.push(" AND rma = ").push_bind(rma.clone());
                }
                if let Some(after) = &query.after {
                    q.push(" AND (deadline, id) > (")
                        .push_bind(deadline_text(after.deadline))
                        .push(", ")
                        .push_bind(after.id.clone())
                        .push(")");
                }
                q.push(" ORDER BY deadline, id LIMIT ")
                    .push_bind(i64::from(query.limit.clamp(1, 500)));
                q.build()
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(Self::case_from)
                    .collect()
            }

            async fn idempotency(&self, key: &str) -> Result<Option<Idempotency>, StoreError> {
                let row = sqlx::query(
                    "SELECT key, request_hash, response, created_at FROM idempotency_keys WHERE key = $1",
                )
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|row| {
                    Ok(Idempotency {
                        key: row.try_get("key")?,
                        request_hash: row.try_get("request_hash")?,
                        response: json(row.try_get::<&str, _>("response")?)?,
                        created_at: timestamp(row.try_get("created_at")?)?,
                    })
                })
                .transpose()
            }

            async fn create_api_key(&self, key: &ApiKeyRecord) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO api_keys (id, name, prefix, hash, scopes, created_by, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&key.id)
                .bind(&key.name)
                .bind(&key.prefix)
                .bind(&key.hash)
                .bind(key.scopes.join(" "))
                .bind(&key.created_by)
                .bind(micros(key.created_at))
                .bind(key.revoked_at.map(micros))
                .execute(&self.pool)
                .await
                .map_err(|e| if unique_violation(&e) { StoreError::Duplicate("API key") } else { e.into() })?;
                Ok(())
            }

            async fn api_key_by_hash(&self, hash: &str) -> Result<Option<ApiKeyRecord>, StoreError> {
                let row = sqlx::query(
                    "SELECT id, name, prefix, hash, scopes, created_by, created_at, revoked_at FROM api_keys WHERE hash = $1",
                )
                .bind(hash)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(Self::api_key_from).transpose()
            }

            async fn api_keys(&self) -> Result<Vec<ApiKeyRecord>, StoreError> {
                sqlx::query(
                    "SELECT id, name, prefix, hash, scopes, created_by, created_at, revoked_at FROM api_keys ORDER BY created_at DESC, id",
                )
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::api_key_from)
                .collect()
            }

            async fn revoke_api_key(&self, id: &str, at: Timestamp) -> Result<bool, StoreError> {
                let done = sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                    .bind(micros(at))
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn create_user(&self, user: &UserRecord) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO users (id, email, name, password_hash, roles, created_at, disabled_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&user.id)
                .bind(&user.email)
                .bind(&user.name)
                .bind(&user.password_hash)
                .bind(user.roles.join(" "))
                .bind(micros(user.created_at))
                .bind(user.disabled_at.map(micros))
                .execute(&self.pool)
                .await
                .map_err(|e| if unique_violation(&e) { StoreError::Duplicate("an account with this e-mail") } else { e.into() })?;
                Ok(())
            }

            async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
                sqlx::query(concat!("SELECT ", user_columns!(), " FROM users WHERE email = $1"))
                    .bind(email)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| Self::user_from(&r))
                    .transpose()
            }

            async fn user(&self, id: &str) -> Result<Option<UserRecord>, StoreError> {
                sqlx::query(concat!("SELECT ", user_columns!(), " FROM users WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .map(|r| Self::user_from(&r))
                    .transpose()
            }

            async fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
                sqlx::query(concat!("SELECT ", user_columns!(), " FROM users ORDER BY email"))
                    .fetch_all(&self.pool)
                    .await?
                    .iter()
                    .map(Self::user_from)
                    .collect()
            }

            async fn create_session(&self, session: &SessionRecord) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO sessions (id_hash, user_id, customer_email, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&session.id_hash)
                .bind(&session.user_id)
                .bind(&session.customer_email)
                .bind(&session.csrf_token)
                .bind(micros(session.created_at))
                .bind(micros(session.last_seen_at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session(&self, id_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
                let row = sqlx::query(
                    "SELECT id_hash, user_id, customer_email, csrf_token, created_at, last_seen_at FROM sessions WHERE id_hash = $1",
                )
                .bind(id_hash)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|row| {
                    Ok(SessionRecord {
                        id_hash: row.try_get("id_hash")?,
                        user_id: row.try_get("user_id")?,
                        customer_email: row.try_get("customer_email")?,
                        csrf_token: row.try_get("csrf_token")?,
                        created_at: timestamp(row.try_get("created_at")?)?,
                        last_seen_at: timestamp(row.try_get("last_seen_at")?)?,
                    })
                })
                .transpose()
            }

            async fn touch_session(&self, id_hash: &str, at: Timestamp) -> Result<(), StoreError> {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
                    .bind(micros(at))
                    .bind(id_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_session(&self, id_hash: &str) -> Result<bool, StoreError> {
                let done = sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
                    .bind(id_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn record_sign_in_failure(
                &self,
                account: &str,
                address: &str,
                at: Timestamp,
                forget_before: Timestamp,
            ) -> Result<(), StoreError> {
                let $pool = &self.pool;
                let mut tx = $begin;
                sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
                    .bind(micros(forget_before))
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("INSERT INTO sign_in_failures (account, address, at) VALUES ($1, $2, $3)")
                    .bind(account)
                    .bind(address)
                    .bind(micros(at))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn sign_in_failures(
                &self,
                account: &str,
                address: &str,
                since: Timestamp,
            ) -> Result<(i64, i64), StoreError> {
                let by_account: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM sign_in_failures WHERE account = $1 AND at >= $2",
                )
                .bind(account)
                .bind(micros(since))
                .fetch_one(&self.pool)
                .await?;
                let by_address: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM sign_in_failures WHERE address = $1 AND at >= $2",
                )
                .bind(address)
                .bind(micros(since))
                .fetch_one(&self.pool)
                .await?;
                Ok((by_account, by_address))
            }

            async fn create_sign_in_link(&self, link: &SignInLink, mail: &NewMail) -> Result<(), StoreError> {
                let $pool = &self.pool;
                let mut tx = $begin;
                sqlx::query(
                    "INSERT INTO sign_in_links (token_hash, customer_email, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(&link.token_hash)
                .bind(&link.customer_email)
                .bind(micros(link.created_at))
                .bind(micros(link.expires_at))
                .execute(&mut *tx)
                .await?;
                Self::queue_mail(&mut tx, mail, None, link.created_at).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn use_sign_in_link(&self, token_hash: &str, at: Timestamp) -> Result<Option<String>, StoreError> {
                // One statement, so two clicks at once cannot both find the link unused.
                Ok(sqlx::query_scalar(
                    "UPDATE sign_in_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING customer_email",
                )
                .bind(micros(at))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn claim_mail(&self, at: Timestamp, lease: jiff::SignedDuration) -> Result<Option<MailRecord>, StoreError> {
                let now = micros(at);
                let until = now.saturating_add(lease.as_micros().try_into().unwrap_or(i64::MAX));
                let row = sqlx::query(concat!(
                    "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id = (",
                    "SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2) ",
                    "ORDER BY next_attempt_at, id LIMIT 1", $skip_locked, ") ",
                    "RETURNING id, recipient, subject, text_body, html_body, case_id, created_at, attempts",
                ))
                .bind(until)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|row| {
                    Ok(MailRecord {
                        id: row.try_get("id")?,
                        recipient: row.try_get("recipient")?,
                        subject: row.try_get("subject")?,
                        text_body: row.try_get("text_body")?,
                        html_body: row.try_get("html_body")?,
                        case_id: row.try_get("case_id")?,
                        created_at: timestamp(row.try_get("created_at")?)?,
                        attempts: row.try_get("attempts")?,
                    })
                })
                .transpose()
            }

            async fn mail_sent(&self, id: &str, at: Timestamp) -> Result<(), StoreError> {
                sqlx::query("UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL WHERE id = $2")
                    .bind(micros(at))
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn mail_failed(&self, id: &str, retry_at: Option<Timestamp>, error: &str) -> Result<(), StoreError> {
                sqlx::query("UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2 WHERE id = $3")
                    .bind(retry_at.map_or(i64::MAX, micros))
                    .bind(error)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn open_counts(&self, today: Date) -> Result<Vec<OpenCount>, StoreError> {
                let rows = sqlx::query(
                    "SELECT kind, state, COUNT(*) AS open, SUM(CASE WHEN deadline < $1 THEN 1 ELSE 0 END) AS overdue FROM cases WHERE is_open = 1 GROUP BY kind, state ORDER BY kind, state",
                )
                .bind(today.to_string())
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        let kind: &str = row.try_get("kind")?;
                        Ok(OpenCount {
                            kind: CaseKind::parse(kind)
                                .ok_or_else(|| StoreError::Corrupt(format!("case kind {kind}")))?,
                            state: row.try_get("state")?,
                            open: row.try_get("open")?,
                            overdue: row.try_get::<Option<i64>, _>("overdue")?.unwrap_or(0),
                        })
                    })
                    .collect()
            }

            async fn count_overdue(&self, today: Date) -> Result<i64, StoreError> {
                // Uses the partial queue index: open cases ordered by deadline.
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE is_open = 1 AND deadline < $1")
                    .bind(today.to_string())
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn outbox_depth(&self) -> Result<i64, StoreError> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn create_evidence(&self, e: &EvidenceRecord) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO evidence (id, owner, media_type, size_bytes, sha256, width, height, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&e.id)
                .bind(&e.owner)
                .bind(&e.media_type)
                .bind(e.size_bytes)
                .bind(&e.sha256)
                .bind(e.width)
                .bind(e.height)
                .bind(micros(e.created_at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn evidence(&self, id: &str) -> Result<Option<EvidenceRecord>, StoreError> {
                let row = sqlx::query(
                    "SELECT id, owner, media_type, size_bytes, sha256, width, height, created_at FROM evidence WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|row| Self::evidence_from(&row)).transpose()
            }

            async fn unattached_evidence_before(
                &self,
                before: Timestamp,
                limit: u32,
            ) -> Result<Vec<EvidenceRecord>, StoreError> {
                sqlx::query(
                    "SELECT id, owner, media_type, size_bytes, sha256, width, height, created_at FROM evidence WHERE created_at < $1 AND attached_at IS NULL ORDER BY created_at, id LIMIT $2",
                )
                .bind(micros(before))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(Self::evidence_from)
                .collect()
            }

            async fn evidence_named(
                &self,
                id: &str,
                customer_email: Option<&str>,
            ) -> Result<bool, StoreError> {
                // Ids are UUIDs: no LIKE wildcard in them. A longer string that contains one
                // keeps the file, which errs on the safe side.
                let pattern = format!("%{id}%");
                let found = match customer_email {
                    Some(email) => sqlx::query_scalar::<_, i64>(
                        "SELECT CAST(1 AS BIGINT) FROM cases WHERE customer_email = $1 AND data LIKE $2 LIMIT 1",
                    )
                    .bind(email)
                    .bind(&pattern)
                    .fetch_optional(&self.pool)
                    .await?,
                    None => sqlx::query_scalar::<_, i64>(
                        "SELECT CAST(1 AS BIGINT) FROM cases WHERE data LIKE $1 LIMIT 1",
                    )
                    .bind(&pattern)
                    .fetch_optional(&self.pool)
                    .await?,
                };
                Ok(found.is_some())
            }

            async fn mark_evidence_attached(&self, id: &str, at: Timestamp) -> Result<(), StoreError> {
                sqlx::query("UPDATE evidence SET attached_at = $1 WHERE id = $2")
                    .bind(micros(at))
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_evidence(&self, id: &str) -> Result<bool, StoreError> {
                let deleted = sqlx::query("DELETE FROM evidence WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(deleted.rows_affected() > 0)
            }
        }
    };
}

// SQLite takes the write lock at BEGIN so a read-then-write transaction never fails to upgrade.
impl_store!(
    SqliteStore,
    sqlx::Sqlite,
    sqlx::sqlite::SqliteRow,
    SQLITE_MIGRATIONS,
    "",
    // BEGIN IMMEDIATE already holds the database's one write lock.
    "",
    sqlite_json,
    |pool| pool.begin_with("BEGIN IMMEDIATE").await?
);
impl_store!(
    PgStore,
    sqlx::Postgres,
    sqlx::postgres::PgRow,
    POSTGRES_MIGRATIONS,
    // Several servers may share PostgreSQL: a row another worker holds is skipped, not waited on.
    " FOR UPDATE SKIP LOCKED",
    " FOR UPDATE",
    pg_json,
    |pool| pool.begin().await?
);
