//! PostgreSQL's connections, pooled without a round trip on their way back.
//!
//! sqlx's pool pings every connection given back to it (unconditionally, in sqlx 0.9) from a task
//! it spawns: a round trip to PostgreSQL after every statement, doubling the exchanges of a
//! request (issue 17, the return flow: 7 % of the server's CPU in `return_to_pool` alone). That
//! ping is there for a connection whose use did not end cleanly: a statement dropped half-way, a
//! transaction dropped without its COMMIT, a socket that failed. This pool knows how each use
//! ended, because every statement goes through its `Executor` or its transaction, and pays the
//! round trip only then: a clean connection goes straight back to the idle list, the others are
//! pinged (or rolled back) by a task first and closed if that fails. As with sqlx's pool, a
//! connection idle past `TRUSTED_IDLE` is pinged before it is handed out again.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::TryStreamExt as _;
use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use sqlx::postgres::{
    PgConnectOptions, PgConnection, PgQueryResult, PgRow, PgStatement, PgTypeInfo,
};
use sqlx::{ConnectOptions as _, Connection as _, Either, Execute, Executor, Postgres, SqlStr};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A pool of connections to one PostgreSQL database; cloning it shares the pool.
#[derive(Clone)]
pub struct PgPool {
    inner: Arc<Inner>,
}

/// How large the pool grows and how long its connections live.
#[derive(Debug, Clone, Copy)]
pub struct PoolLimits {
    /// Connections open at most.
    pub size: u32,
    /// How long a caller waits for a connection (or for a new one to open) before giving up.
    pub acquire_timeout: Duration,
    /// How long a connection may sit idle and still be handed out without a ping.
    pub trusted_idle: Duration,
    /// An idle connection unused this long is closed, so a burst's backends do not stay.
    pub idle_timeout: Duration,
    /// A connection this old is closed when given back, so no backend grows its caches forever
    /// (sqlx's pool's defaults: 10 and 30 minutes).
    pub max_lifetime: Duration,
}

struct Inner {
    options: PgConnectOptions,
    limits: PoolLimits,
    /// The most recently used on top: under light load the same few connections stay warm.
    idle: Mutex<Vec<Idle>>,
    /// One permit per connection that may be open; a connection in use or being checked holds
    /// one, so the pool never opens more than its size.
    permits: Arc<Semaphore>,
}

struct Idle {
    conn: PgConnection,
    opened: Instant,
    since: Instant,
}

impl fmt::Debug for PgPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgPool")
            .field("idle", &self.num_idle())
            .field("available", &self.inner.permits.available_permits())
            .finish()
    }
}

/// How a connection's use ended, which decides what it needs before another may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// Every statement answered: nothing is pending on it.
    Clean,
    /// Dropped mid-use (a cancelled request): an answer may be pending, a ping drains it.
    Unsure,
    /// A transaction of ours is open on it: rolled back before it is used again.
    InTransaction,
    /// Its socket or the protocol failed: closed.
    Broken,
}

impl PgPool {
    /// A pool of at most `size` connections, one of them opened now so that a wrong address or
    /// password fails at start rather than at the first request.
    pub async fn connect(
        options: PgConnectOptions,
        limits: PoolLimits,
    ) -> Result<PgPool, sqlx::Error> {
        let size = usize::try_from(limits.size.max(1)).unwrap_or(1);
        let pool = PgPool {
            inner: Arc::new(Inner {
                options,
                limits,
                idle: Mutex::new(Vec::with_capacity(size)),
                permits: Arc::new(Semaphore::new(size)),
            }),
        };
        let mut first = pool.acquire().await?;
        first.ended = Ended::Clean;
        drop(first);
        // Closes what sat idle too long even when no use comes to give a connection back; it
        // holds the pool weakly, and ends with it.
        let inner = Arc::downgrade(&pool.inner);
        let every = (limits.idle_timeout / 2).max(Duration::from_secs(1));
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                let Some(inner) = inner.upgrade() else {
                    break;
                };
                let stale = inner.take_stale();
                retire(stale);
            }
        });
        Ok(pool)
    }

    /// A connection for the caller alone until it is dropped.
    pub async fn acquire(&self) -> Result<PooledConnection, sqlx::Error> {
        let permit = tokio::time::timeout(
            self.inner.limits.acquire_timeout,
            Arc::clone(&self.inner.permits).acquire_owned(),
        )
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?
        .map_err(|_| sqlx::Error::PoolClosed)?;
        loop {
            let idle = self.inner.lock_idle().pop();
            let Some(mut idle) = idle else {
                let conn = tokio::time::timeout(
                    self.inner.limits.acquire_timeout,
                    self.inner.options.connect(),
                )
                .await
                .map_err(|_| sqlx::Error::PoolTimedOut)??;
                return Ok(self.hand_out(conn, Instant::now(), permit));
            };
            if self.inner.stale(&idle) {
                retire(vec![idle.conn]);
                continue;
            }
            // A connection that sat idle may have been cut meanwhile (a restart, a firewall's
            // idle timeout): asked first, and replaced when it does not answer.
            if idle.since.elapsed() > self.inner.limits.trusted_idle
                && idle.conn.ping().await.is_err()
            {
                continue;
            }
            return Ok(self.hand_out(idle.conn, idle.opened, permit));
        }
    }

    fn hand_out(
        &self,
        conn: PgConnection,
        opened: Instant,
        permit: OwnedSemaphorePermit,
    ) -> PooledConnection {
        PooledConnection {
            conn: Some(conn),
            opened,
            ended: Ended::Unsure,
            pool: Arc::clone(&self.inner),
            permit: Some(permit),
        }
    }

    /// A transaction on a connection of its own: committed by `commit`, rolled back when dropped
    /// without it.
    pub async fn begin(&self) -> Result<PgTransaction, sqlx::Error> {
        let mut conn = self.acquire().await?;
        let begun = sqlx::raw_sql("BEGIN").execute(&mut *conn).await;
        conn.after(&begun);
        begun?;
        conn.ended = Ended::InTransaction;
        Ok(PgTransaction { conn })
    }

    /// Connections waiting in the pool.
    pub fn num_idle(&self) -> usize {
        self.inner.lock_idle().len()
    }

    /// Refuses new uses and closes the idle connections; one in use is closed when given back.
    pub async fn close(&self) {
        self.inner.permits.close();
        let idle = std::mem::take(&mut *self.inner.lock_idle());
        close_all(idle.into_iter().map(|i| i.conn).collect()).await;
    }

    /// Runs one use on a connection of its own and records how it ended.
    async fn on_connection<T>(
        &self,
        work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, sqlx::Error>,
    ) -> Result<T, sqlx::Error> {
        let mut conn = self.acquire().await?;
        let done = work(&mut conn).await;
        conn.after(&done);
        done
    }
}

impl Inner {
    fn lock_idle(&self) -> std::sync::MutexGuard<'_, Vec<Idle>> {
        // The list holds no invariant a panic could break half-way: a push or a pop.
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Puts a connection that is ready back on the idle list, unless the pool is closed or the
    /// connection has lived its time. The idle ones left unused past their timeout are the
    /// reaper's (`PgPool::connect`), not a scan of the list after every statement.
    fn put_back(&self, conn: PgConnection, opened: Instant) {
        if self.permits.is_closed() || opened.elapsed() > self.limits.max_lifetime {
            retire(vec![conn]);
            return;
        }
        self.lock_idle().push(Idle {
            conn,
            opened,
            since: Instant::now(),
        });
    }

    /// Takes the idle connections unused past their timeout or older than their lifetime.
    fn take_stale(&self) -> Vec<PgConnection> {
        let mut idle = self.lock_idle();
        if !idle.iter().any(|i| self.stale(i)) {
            return Vec::new();
        }
        let (stale, kept): (Vec<Idle>, Vec<Idle>) = std::mem::take(&mut *idle)
            .into_iter()
            .partition(|i| self.stale(i));
        *idle = kept;
        stale.into_iter().map(|i| i.conn).collect()
    }

    fn stale(&self, idle: &Idle) -> bool {
        idle.since.elapsed() > self.limits.idle_timeout
            || idle.opened.elapsed() > self.limits.max_lifetime
    }
}

/// Closes connections the pool no longer keeps, saying goodbye to PostgreSQL from a task when
/// there is a runtime to run it on.
fn retire(conns: Vec<PgConnection>) {
    if conns.is_empty() {
        return;
    }
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => {
            runtime.spawn(close_all(conns));
        }
        Err(_) => drop(conns),
    }
}

async fn close_all(conns: Vec<PgConnection>) {
    for conn in conns {
        // A connection that cannot say goodbye is closed all the same.
        let _ = conn.close().await;
    }
}

/// A connection taken from the pool, given back when dropped.
pub struct PooledConnection {
    conn: Option<PgConnection>,
    opened: Instant,
    ended: Ended,
    pool: Arc<Inner>,
    /// Held until the connection is back in the idle list, or closed.
    permit: Option<OwnedSemaphorePermit>,
}

impl fmt::Debug for PooledConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PooledConnection")
            .field("ended", &self.ended)
            .finish()
    }
}

impl PooledConnection {
    /// Records how a statement on the connection ended: answered (even with an error of the
    /// database, after which PostgreSQL is ready again), or failed in the socket or protocol.
    fn after<T>(&mut self, result: &Result<T, sqlx::Error>) {
        let broken = result.as_ref().err().is_some_and(|e| match e {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::WorkerCrashed => true,
            // A connection exception (08) or an operator's intervention (57P: the backend
            // terminated, the server shutting down) ends the session: the socket closes next.
            sqlx::Error::Database(e) => e
                .code()
                .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
            _ => false,
        });
        if broken {
            self.ended = Ended::Broken;
        } else if self.ended == Ended::Unsure {
            self.ended = Ended::Clean;
        }
    }
}

impl std::ops::Deref for PooledConnection {
    type Target = PgConnection;

    fn deref(&self) -> &PgConnection {
        // Taken only in `drop`.
        #[expect(
            clippy::expect_used,
            reason = "the connection is taken only when dropped"
        )]
        self.conn
            .as_ref()
            .expect("a pooled connection is present until dropped")
    }
}

impl std::ops::DerefMut for PooledConnection {
    fn deref_mut(&mut self) -> &mut PgConnection {
        #[expect(
            clippy::expect_used,
            reason = "the connection is taken only when dropped"
        )]
        self.conn
            .as_mut()
            .expect("a pooled connection is present until dropped")
    }
}

impl Drop for PooledConnection {
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        let permit = self.permit.take();
        // Anything left in the write buffer (a message half sent) must go before another use.
        let ended = match self.ended {
            Ended::Clean if conn.should_flush() => Ended::Unsure,
            ended => ended,
        };
        match ended {
            Ended::Clean => {
                self.pool.put_back(conn, self.opened);
                drop(permit);
            }
            Ended::Broken => drop((conn, permit)),
            Ended::Unsure | Ended::InTransaction => {
                let Ok(runtime) = tokio::runtime::Handle::try_current() else {
                    // No runtime to finish it on (the process is ending): closed.
                    return;
                };
                let pool = Arc::clone(&self.pool);
                let opened = self.opened;
                runtime.spawn(async move {
                    let ready = if ended == Ended::InTransaction {
                        sqlx::raw_sql("ROLLBACK").execute(&mut conn).await.map(drop)
                    } else {
                        conn.ping().await
                    };
                    match ready {
                        Ok(()) => pool.put_back(conn, opened),
                        Err(error) => tracing::warn!(%error, "a pooled connection was closed: it did not answer after an unfinished use"),
                    }
                    drop(permit);
                });
            }
        }
    }
}

/// A transaction begun by [`PgPool::begin`]; statements run on `&mut *tx`.
#[derive(Debug)]
pub struct PgTransaction {
    conn: PooledConnection,
}

impl PgTransaction {
    /// Commits the transaction and gives the connection back.
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        let committed = sqlx::raw_sql("COMMIT").execute(&mut *self.conn).await;
        // COMMIT ends the transaction whether it succeeded or the database refused it.
        self.conn.ended = Ended::Unsure;
        self.conn.after(&committed);
        committed.map(drop)
    }
}

impl std::ops::Deref for PgTransaction {
    type Target = PgConnection;

    fn deref(&self) -> &PgConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for PgTransaction {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.conn
    }
}

impl<'p> Executor<'p> for &'_ PgPool {
    type Database = Postgres;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<PgQueryResult, PgRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Postgres>,
    {
        let pool = self.clone();
        Box::pin(async_stream::try_stream! {
            let mut conn = pool.acquire().await?;
            let mut failed = None;
            {
                let mut steps = (&mut *conn).fetch_many(query);
                loop {
                    match steps.try_next().await {
                        Ok(Some(step)) => yield step,
                        Ok(None) => break,
                        Err(error) => {
                            failed = Some(error);
                            break;
                        }
                    }
                }
            }
            // A stream dropped before its end leaves the connection `Unsure`, pinged when given back.
            let ended: Result<(), sqlx::Error> = failed.map_or(Ok(()), Err);
            conn.after(&ended);
            ended?;
        })
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<PgRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Postgres>,
    {
        let pool = self.clone();
        Box::pin(async move {
            pool.on_connection(async |conn| conn.fetch_optional(query).await)
                .await
        })
    }

    fn prepare_with<'e>(
        self,
        sql: SqlStr,
        parameters: &'e [PgTypeInfo],
    ) -> BoxFuture<'e, Result<PgStatement, sqlx::Error>>
    where
        'p: 'e,
    {
        let pool = self.clone();
        Box::pin(async move {
            pool.on_connection(async |conn| conn.prepare_with(sql, parameters).await)
                .await
        })
    }

    fn describe<'e>(
        self,
        sql: SqlStr,
    ) -> BoxFuture<'e, Result<sqlx::Describe<Postgres>, sqlx::Error>> {
        let pool = self.clone();
        Box::pin(async move {
            pool.on_connection(async |conn| conn.describe(sql).await)
                .await
        })
    }
}
