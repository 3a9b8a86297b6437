//! The sessions PostgreSQL answered lately, kept in the process so that a request does not ask
//! again for the session it asked for a moment ago: on PostgreSQL every read is a round trip, and
//! the session read was two of the seven statements of a return's request and approval.
//!
//! Nothing stale is answered past PostgreSQL's word: triggers (migration 0022) notify the channel
//! [`CHANNEL`] whenever a session is ended or a staff account changed, by any process (another
//! server, the CLI, a hand-written statement), and the listener drops every kept session when the
//! notification arrives. This process's own changes drop them as soon as they are committed,
//! before the notification comes back. While the listener is not connected (at start, or after
//! its connection was lost and until it listens again) nothing is kept, since a notification
//! could be missed. A read that began before a drop never keeps its answer (`generation`).
//!
//! The only thing another process can change without a notification is a session's last
//! activity (its `last_seen_at`, moved at most once a minute per session), which a kept session
//! answers at most [`KEPT_FOR`] late: a session's idle timeout (30 minutes and more) can come
//! that much early for a session used only on another server meanwhile.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};

use crate::{SessionRecord, UserRecord};

/// The channel the triggers of migration 0022 notify.
const CHANNEL: &str = "aftercare_sessions";

/// How long a kept session answers before it is read again.
const KEPT_FOR: Duration = Duration::from_secs(30);

/// At most this many sessions are kept (a few hundred bytes each); past it, new ones are not.
const MOST_KEPT: usize = 4096;

/// How long the listener waits before it connects again after failing to.
const RETRY_AFTER: Duration = Duration::from_secs(1);

pub(crate) type Found = (SessionRecord, Option<UserRecord>);

#[derive(Debug)]
pub(crate) struct SessionCache {
    inner: Mutex<Inner>,
    /// Where the listener connects; it is started by the first session read, so a process that
    /// reads none (the CLI, most tests) opens no connection for it.
    options: PgConnectOptions,
    listening: std::sync::Once,
}

#[derive(Debug, Default)]
struct Inner {
    /// The listener is connected and listening: notifications are not being missed.
    live: bool,
    /// Moved on by every drop, so that a read begun before one does not keep its answer.
    generation: u64,
    kept: HashMap<String, Kept>,
}

#[derive(Debug)]
struct Kept {
    found: Found,
    at: Instant,
}

impl SessionCache {
    pub(crate) fn new(options: PgConnectOptions) -> Arc<SessionCache> {
        Arc::new(SessionCache {
            inner: Mutex::default(),
            options,
            listening: std::sync::Once::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The map is left consistent at every step, so a panic elsewhere does not spoil it.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The session kept for `id_hash`, when there is one younger than [`KEPT_FOR`].
    pub(crate) fn get(&self, id_hash: &str) -> Option<Found> {
        let inner = self.lock();
        if !inner.live {
            return None;
        }
        inner
            .kept
            .get(id_hash)
            .filter(|kept| kept.at.elapsed() < KEPT_FOR)
            .map(|kept| kept.found.clone())
    }

    /// What to hand back to [`Self::keep`] with a read's answer: `None` when nothing may be
    /// kept now. The first call starts the listener.
    pub(crate) fn generation(self: &Arc<Self>) -> Option<u64> {
        self.listening.call_once(|| {
            tokio::spawn(listen(Arc::downgrade(self), self.options.clone()));
        });
        let inner = self.lock();
        inner.live.then_some(inner.generation)
    }

    /// Keeps what a read begun at `generation` found, unless something was dropped since.
    pub(crate) fn keep(&self, generation: Option<u64>, id_hash: &str, found: &Found) {
        let mut inner = self.lock();
        if !inner.live || generation != Some(inner.generation) {
            return;
        }
        if inner.kept.len() >= MOST_KEPT {
            inner.kept.retain(|_, kept| kept.at.elapsed() < KEPT_FOR);
            if inner.kept.len() >= MOST_KEPT {
                return;
            }
        }
        inner.kept.insert(
            id_hash.to_owned(),
            Kept {
                found: found.clone(),
                at: Instant::now(),
            },
        );
    }

    /// This process recorded activity on a session.
    pub(crate) fn touched(&self, id_hash: &str, at: Timestamp) {
        if let Some(kept) = self.lock().kept.get_mut(id_hash) {
            kept.found.0.last_seen_at = at;
        }
    }

    /// A session ended or an account changed: nothing kept is answered again.
    pub(crate) fn drop_all(&self) {
        let mut inner = self.lock();
        inner.generation = inner.generation.wrapping_add(1);
        inner.kept.clear();
    }

    fn set_live(&self, live: bool) {
        let mut inner = self.lock();
        inner.live = live;
        inner.generation = inner.generation.wrapping_add(1);
        inner.kept.clear();
    }
}

/// Listens for the triggers' notifications while the cache lives, on a connection of its own
/// (opened with `options`, reopened when lost).
async fn listen(cache: Weak<SessionCache>, options: PgConnectOptions) {
    loop {
        match listening(&cache, options.clone()).await {
            Ok(()) => return,
            Err(e) => {
                let Some(live) = cache.upgrade() else {
                    return;
                };
                live.set_live(false);
                drop(live);
                tracing::warn!(error = %e, "the session cache stopped listening; sessions are read every time until it listens again");
                tokio::time::sleep(RETRY_AFTER).await;
            }
        }
    }
}

/// Connects and listens until the cache is gone (`Ok`) or the connection fails for good (`Err`).
async fn listening(
    cache: &Weak<SessionCache>,
    options: PgConnectOptions,
) -> Result<(), sqlx::Error> {
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options)
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.ignore_pool_close_event(true);
    listener.listen(CHANNEL).await?;
    match cache.upgrade() {
        Some(live) => live.set_live(true),
        None => return Ok(()),
    }
    loop {
        // Wakes at least every `KEPT_FOR` so that a listener outlives its cache by no more.
        let next = tokio::time::timeout(KEPT_FOR, listener.try_recv()).await;
        let Some(live) = cache.upgrade() else {
            return Ok(());
        };
        match next {
            Err(_elapsed) => {}
            // A notification: something changed. Or `None`: the connection was lost and opened
            // again (sqlx listens again before it answers), and whatever was notified in between
            // is unknown.
            Ok(Ok(_)) => live.drop_all(),
            Ok(Err(e)) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache whose listener is never started (the tests set it live by hand).
    fn unstarted() -> Arc<SessionCache> {
        let cache = SessionCache::new(PgConnectOptions::new());
        cache.listening.call_once(|| {});
        cache
    }

    fn found(last_seen: i64) -> Found {
        let at = Timestamp::from_second(last_seen).unwrap();
        (
            SessionRecord {
                id_hash: "h".into(),
                user_id: None,
                customer_email: Some("a@example.com".into()),
                csrf_token: "c".into(),
                created_at: at,
                last_seen_at: at,
            },
            None,
        )
    }

    #[test]
    fn nothing_is_kept_until_the_listener_listens() {
        let cache = unstarted();
        assert_eq!(cache.generation(), None);
        cache.keep(cache.generation(), "h", &found(1));
        assert_eq!(cache.get("h"), None);
        cache.set_live(true);
        cache.keep(cache.generation(), "h", &found(1));
        assert_eq!(cache.get("h"), Some(found(1)));
        cache.set_live(false);
        assert_eq!(cache.get("h"), None);
    }

    #[test]
    fn a_read_begun_before_a_drop_is_not_kept() {
        let cache = unstarted();
        cache.set_live(true);
        let before = cache.generation();
        cache.drop_all();
        cache.keep(before, "h", &found(1));
        assert_eq!(cache.get("h"), None);
        cache.keep(cache.generation(), "h", &found(1));
        cache.drop_all();
        assert_eq!(cache.get("h"), None);
    }

    #[test]
    fn activity_recorded_here_moves_the_kept_session() {
        let cache = unstarted();
        cache.set_live(true);
        cache.keep(cache.generation(), "h", &found(1));
        cache.touched("h", Timestamp::from_second(90).unwrap());
        assert_eq!(
            cache.get("h").map(|f| f.0.last_seen_at),
            Some(Timestamp::from_second(90).unwrap())
        );
    }

    #[test]
    fn no_more_than_the_most_kept_are_kept() {
        let cache = unstarted();
        cache.set_live(true);
        for i in 0..MOST_KEPT + 10 {
            cache.keep(cache.generation(), &format!("h{i}"), &found(1));
        }
        assert_eq!(cache.lock().kept.len(), MOST_KEPT);
        assert_eq!(cache.get(&format!("h{}", MOST_KEPT + 5)), None);
        assert!(cache.get("h0").is_some());
    }
}
