//! Fresh databases for tests and benchmarks (feature `testing`): a SQLite file in its own
//! temporary folder, and a PostgreSQL schema of its own in the database of `TEST_DATABASE_URL`.

use std::str::FromStr;

use sqlx::postgres::PgConnectOptions;

use crate::{PgStore, SqliteStore, Store, StoreError};

/// A migrated store and what keeps it alive (its temporary folder, for SQLite).
#[derive(Debug)]
pub struct Fresh<S> {
    pub store: S,
    _dir: Option<tempfile::TempDir>,
}

/// A new, migrated SQLite database, removed when the returned value is dropped.
pub async fn sqlite() -> Result<Fresh<SqliteStore>, StoreError> {
    let dir =
        tempfile::tempdir().map_err(|e| StoreError::Corrupt(format!("temporary folder: {e}")))?;
    let path = dir.path().join("aftercare.db");
    let store = SqliteStore::connect(&path.display().to_string()).await?;
    store.migrate().await?;
    Ok(Fresh {
        store,
        _dir: Some(dir),
    })
}

/// A new, migrated schema named `<prefix>_<uuid>` in the PostgreSQL of `TEST_DATABASE_URL`, or
/// `None` (said on stderr) when the variable is unset. CI sets it, so there an unreachable
/// server is an error, never a skip. Schemas are left for inspection; CI drops old ones.
pub async fn postgres(prefix: &str) -> Result<Option<Fresh<PgStore>>, StoreError> {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("PostgreSQL skipped: TEST_DATABASE_URL is not set");
        return Ok(None);
    };
    let admin = PgStore::connect(&url).await?;
    let schema = format!("{prefix}_{}", uuid::Uuid::now_v7().simple());
    // The name is ours (a prefix from the caller's code and a UUID), never user input.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(admin.pool())
        .await?;
    admin.pool().close().await;
    let options = PgConnectOptions::from_str(&url)?.options([("search_path", schema.as_str())]);
    let store = PgStore::connect_with(options).await?;
    store.migrate().await?;
    Ok(Some(Fresh { store, _dir: None }))
}
