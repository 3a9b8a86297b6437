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
