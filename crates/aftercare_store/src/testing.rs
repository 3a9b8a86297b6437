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

/// Declares each named async test function once per database: `on_sqlite::NAME` on a fresh
/// SQLite file, `on_postgres::NAME` on a fresh PostgreSQL schema (said and skipped without
/// `TEST_DATABASE_URL`; an unreachable server fails). `|store| EXPR` turns the fresh store into
/// what the test function takes: the store itself, an app, a running server.
///
/// ```ignore
/// on_both_databases!(|store| spawn(store).await; a_return_is_refunded, an_appeal_is_upheld);
/// ```
#[macro_export]
macro_rules! on_both_databases {
    (|$store:ident| $prepare:expr; $($name:ident),* $(,)?) => {
        mod on_sqlite {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let fresh = $crate::testing::sqlite().await.unwrap();
                    let $store = fresh.store.clone();
                    super::$name($prepare).await;
                }
            )*
        }
        mod on_postgres {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(fresh) = $crate::testing::postgres("t").await.unwrap() {
                        let $store = fresh.store.clone();
                        super::$name($prepare).await;
                    }
                }
            )*
        }
    };
}
