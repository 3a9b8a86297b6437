//! The shipped policy and calendar, embedded, for the tests and benchmarks of every crate
//! (feature `testing`): one loader instead of a copy per test file.

use crate::calendar::Calendar;
use crate::policy::{Policy, PolicyFile};
use crate::source::SourceError;

/// `policies/default.toml` as shipped.
pub const POLICY: &str = include_str!("../../../policies/default.toml");
/// `calendars/cn-mainland.toml` as shipped.
pub const CALENDAR: &str = include_str!("../../../calendars/cn-mainland.toml");

/// The shipped policy with the shipped calendar.
pub fn shipped() -> Result<Policy, SourceError> {
    shipped_with(str::to_owned)
}

/// The shipped policy after an edit of its text, as a shop would change a rule.
pub fn shipped_with(edit: impl FnOnce(&str) -> String) -> Result<Policy, SourceError> {
    with_calendar(&edit(POLICY), CALENDAR)
}

/// A policy text with a calendar text (both named as shipped in error messages).
pub fn with_calendar(policy: &str, calendar: &str) -> Result<Policy, SourceError> {
    let file = PolicyFile::parse("default.toml", policy)?;
    let calendar = Calendar::from_toml("cn-mainland.toml", calendar)?;
    Policy::new(file, vec![calendar])
}
