//! Aftercare's pure core: exact money, working-day calendars, the shop's versioned policy and
//! the evaluator that turns case facts into an explained decision.
//!
//! Nothing here reads the clock, the disk or the network: callers hand in texts and `now`.

pub mod calendar;
pub mod cases;
pub mod clock;
pub mod conversation;
pub mod evaluate;
pub mod facts;
pub mod i18n;
pub mod kept;
pub mod ledger;
pub mod money;
pub mod policy;
pub mod source;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use calendar::{Calendar, Warning};
pub use evaluate::{Decision, Outcome, evaluate};
pub use facts::{Facts, FactsError};
pub use kept::KeptJson;
pub use money::{Currency, Money, Percent};
pub use policy::{Policy, PolicyFile};
pub use source::SourceError;
