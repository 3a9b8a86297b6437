//! The customer portal: sign-in by e-mailed link, the orders, an order's page with what the
//! customer can do now, a case's page with its choices and the appeal.

mod case;
mod orders;
mod sign_in;
pub(crate) mod slip;
pub(crate) mod wizard;

pub(crate) use case::*;
pub(crate) use orders::*;
pub(crate) use sign_in::*;
