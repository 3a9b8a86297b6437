//! The clock as a dependency: the core never reads the time itself.

use jiff::Timestamp;

/// Tells the current time. The binary passes the system clock; tests pass a fixed one.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// A clock stopped at one instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

/// A clock a test or a demo moves by hand.
#[derive(Debug)]
pub struct SettableClock(std::sync::Mutex<Timestamp>);

impl SettableClock {
    /// A clock showing `at`.
    pub fn new(at: Timestamp) -> SettableClock {
        SettableClock(std::sync::Mutex::new(at))
    }

    /// Sets the time.
    pub fn set(&self, at: Timestamp) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = at;
    }

    /// Moves the time on (or back, with a negative duration); stays put at the end of the range.
    pub fn advance(&self, by: jiff::SignedDuration) {
        let mut now = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Ok(later) = now.checked_add(by) {
            *now = later;
        }
    }
}

impl Clock for SettableClock {
    fn now(&self) -> Timestamp {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
