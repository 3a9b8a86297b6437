//! Where the data lives: the database URL (SQLite in the data folder unless one is given), the
//! secret key that keys stored token hashes, the system clock.

use std::io::Write;
use std::path::Path;

use aftercare_app::accounts::SecretKey;
use aftercare_core::clock::Clock;
use aftercare_store::{AnyStore, Store};
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

/// Connects and applies pending migrations (they run at every start, too).
pub async fn open(url: &str) -> anyhow::Result<AnyStore> {
    let store = AnyStore::connect(url).await?;
    store.migrate().await?;
    Ok(store)
}
