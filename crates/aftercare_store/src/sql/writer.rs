//! SQLite's one writer, with group commit.
//!
//! SQLite lets one connection write at a time, and each durable commit (`synchronous=FULL` in WAL
//! mode) waits for the disk. With a writer per request, concurrent writers queue on the lock and
//! each pays its own flush. Here every write runs on one connection: the commands waiting at a
//! moment run one after another inside one transaction, each in its own savepoint (so a command
//! that fails takes nothing of the others with it), and one `COMMIT` makes them all durable.
//! A command's caller is answered only after that commit; if it fails, every command of the batch
//! hears of it, and none of them was acknowledged.
//!
//! The batching falls out of the mutex's FIFO order: a command that finished asks the committer
//! task to commit, and the committer queues for the connection behind every command already
//! waiting, which thereby join the batch. Commands arriving while the commit flushes wait and form
//! the next one.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use sqlx::SqliteConnection;
use sqlx::migrate::Migrator;
use tokio::sync::{Mutex, OwnedMutexGuard, mpsc, watch};

use crate::StoreError;

/// How a batch ended: `None` while it is still open.
type Outcome = Option<Result<(), Arc<str>>>;

struct State {
    conn: SqliteConnection,
    /// The open transaction's batch, told its outcome at the commit.
    batch: Option<watch::Sender<Outcome>>,
    /// A command's savepoint that its caller dropped without finishing (an error, or a request
    /// that went away): rolled back before the connection is used again.
    abandoned: bool,
}

impl State {
    /// Rolls back what an abandoned command left. If that fails, the transaction is gone (SQLite
    /// rolls back a whole transaction on some errors), and so is every finished command in it.
    async fn roll_back_abandoned(&mut self) {
        if !self.abandoned {
            return;
        }
        self.abandoned = false;
        let undone = sqlx::query("ROLLBACK TO command")
            .execute(&mut self.conn)
            .await;
        let released = match undone {
            Ok(_) => sqlx::query("RELEASE command").execute(&mut self.conn).await,
            Err(e) => Err(e),
        };
        if let Err(e) = released {
            let _ = sqlx::query("ROLLBACK").execute(&mut self.conn).await;
            self.end_batch(Err(Arc::from(format!("the write batch was lost: {e}"))));
        }
    }

    fn end_batch(&mut self, outcome: Result<(), Arc<str>>) {
        if let Some(batch) = self.batch.take() {
            batch.send_replace(Some(outcome));
        }
    }

    async fn commit(&mut self) {
        self.roll_back_abandoned().await;
        if self.batch.is_none() {
            return;
        }
        let outcome = match sqlx::query("COMMIT").execute(&mut self.conn).await {
            Ok(_) => Ok(()),
            Err(e) => {
                let _ = sqlx::query("ROLLBACK").execute(&mut self.conn).await;
                Err(Arc::from(format!("the write batch was not committed: {e}")))
            }
        };
        self.end_batch(outcome);
    }
}

/// The one write connection, shared by every clone of the store.
#[derive(Clone)]
pub(crate) struct Writer {
    state: Arc<Mutex<State>>,
    commit_wanted: mpsc::UnboundedSender<()>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Writer")
    }
}

impl Writer {
    /// Takes the connection and starts its committer task; the task ends when the last clone
    /// of the writer and the last command are gone.
    pub(crate) fn new(conn: SqliteConnection) -> Writer {
        let state = Arc::new(Mutex::new(State {
            conn,
            batch: None,
            abandoned: false,
        }));
        let (commit_wanted, wanted) = mpsc::unbounded_channel();
        tokio::spawn(commit_batches(state.clone(), wanted));
        Writer {
            state,
            commit_wanted,
        }
    }

    /// Starts a command: joins the open batch, or opens one, and sets the command's savepoint.
    pub(crate) async fn begin(&self) -> Result<WriteTx, StoreError> {
        let mut state = self.state.clone().lock_owned().await;
        state.roll_back_abandoned().await;
        if state.batch.is_none() {
            sqlx::query("BEGIN IMMEDIATE")
                .execute(&mut state.conn)
                .await?;
            state.batch = Some(watch::channel(None).0);
        }
        // From here the guard's drop asks for the commit, whatever happens.
        let mut command = WriteTx {
            state,
            commit_wanted: self.commit_wanted.clone(),
        };
        sqlx::query("SAVEPOINT command")
            .execute(&mut command.state.conn)
            .await?;
        command.state.abandoned = true;
        Ok(command)
    }

    /// Applies the migrations on the connection, outside any batch (after committing the open one).
    pub(crate) async fn migrate(&self, migrator: &Migrator) -> Result<(), StoreError> {
        let mut state = self.state.lock().await;
        state.commit().await;
        // `run` would take an `Acquire` for every lifetime, which a borrowed connection is not.
        migrator.run_direct(None, &mut state.conn, false).await?;
        Ok(())
    }
}

async fn commit_batches(state: Arc<Mutex<State>>, mut wanted: mpsc::UnboundedReceiver<()>) {
    while wanted.recv().await.is_some() {
        // Requests sent before this point are all answered by the commit below.
        while wanted.try_recv().is_ok() {}
        state.lock().await.commit().await;
    }
}

/// One command on the writer: the connection inside the command's savepoint. Dropped without
/// [`WriteTx::commit`], the command is rolled back and the rest of its batch goes on.
pub(crate) struct WriteTx {
    state: OwnedMutexGuard<State>,
    commit_wanted: mpsc::UnboundedSender<()>,
}

impl WriteTx {
    /// Keeps the command in its batch and waits for the batch's durable commit.
    pub(crate) async fn commit(mut self) -> Result<(), StoreError> {
        sqlx::query("RELEASE command")
            .execute(&mut self.state.conn)
            .await?;
        self.state.abandoned = false;
        let Some(mut outcome) = self.state.batch.as_ref().map(watch::Sender::subscribe) else {
            return Err(StoreError::Unavailable(
                "the write batch ended early".into(),
            ));
        };
        drop(self);
        let ended = outcome
            .wait_for(Option::is_some)
            .await
            .map_err(|_| StoreError::Unavailable("the writer stopped".into()))?
            .clone();
        match ended {
            Some(Ok(())) => Ok(()),
            Some(Err(e)) => Err(StoreError::Unavailable(e.to_string())),
            None => Err(StoreError::Unavailable(
                "the write batch ended early".into(),
            )),
        }
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        // The committer runs once this guard has let go of the connection.
        let _ = self.commit_wanted.send(());
    }
}

impl Deref for WriteTx {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.state.conn
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.state.conn
    }
}
