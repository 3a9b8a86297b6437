//! The staff console: sign-in, the dashboard of open cases by deadline with the weekly charts,
//! a case's page with the steps each role may take now.

pub(crate) mod admin;
mod case;
pub(crate) mod cases;
mod charts;
pub(crate) mod conversations;
mod dashboard;
mod forms;
pub(crate) mod policy;
mod sign_in;
pub(crate) mod staff;
mod steps;
pub(crate) mod webhooks;

pub(crate) use case::*;
pub(crate) use dashboard::*;
pub(crate) use forms::*;
pub(crate) use sign_in::*;
pub(crate) use steps::*;
