//! What the API answers, and the path parameters and step bodies several resources share. Each
//! answer is built from the app's own types (`CaseView`, `Decision`, `Ledger`...), so their
//! OpenAPI schemas are derived, never restated.

use aftercare_app::{CaseView, Submitted};
use aftercare_core::evaluate::Decision;
use aftercare_store::{CaseRecord, OrderRecord};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::ServerApp;

/// The case a path names.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct CaseId {
    /// The case's id.
    pub id: String,
}

/// The order a path names.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(crate) struct OrderNumber {
    /// The order's number, as the shop's store gave it.
    pub number: String,
}

/// A case as the API answers it: its kind, step, deadline and version (send it back as
/// `version` to act on it).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CaseOut {
    #[serde(flatten)]
    pub case: CaseView,
    pub customer_email: String,
    pub is_open: bool,
    /// The deadline was counted through a year whose official holiday notice is not in the
    /// calendar yet (statutory days off only): it may still move.
    pub deadline_provisional: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl CaseOut {
    pub(crate) fn new(app: &ServerApp, c: &CaseRecord) -> CaseOut {
        CaseOut {
            case: CaseView::from(c),
            customer_email: c.customer_email.clone(),
            is_open: c.is_open,
            deadline_provisional: app.deadline_provisional(c),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }

    pub(crate) fn json(app: &ServerApp, c: &CaseRecord) -> Json<CaseOut> {
        Json(CaseOut::new(app, c))
    }
}

/// The policy's decision on a request, with the case it opened when it was eligible.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SubmittedOut {
    /// Outcome, clauses, reasons, refund breakdown or quote, deadlines: the JSON of
    /// `aftercare policy evaluate`.
    pub decision: Decision,
    pub case: Option<CaseOut>,
}

impl SubmittedOut {
    /// 201 when a case was opened, 200 when the decision alone is the answer.
    pub(crate) fn response(app: &ServerApp, s: Submitted) -> Response {
        let status = if s.case.is_some() {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        let case = s.case.as_ref().map(|c| CaseOut::new(app, c));
        (
            status,
            Json(SubmittedOut {
                decision: s.decision,
                case,
            }),
        )
            .into_response()
    }
}

/// An order as the API answers it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OrderOut {
    pub number: String,
    pub customer_name: String,
    pub customer_email: String,
    pub currency: String,
    pub placed_at: Timestamp,
    pub policy_version: String,
    /// The order as the store sent it: lines, amounts paid, address, signing.
    pub details: Value,
}

impl From<&OrderRecord> for OrderOut {
    fn from(o: &OrderRecord) -> Self {
        OrderOut {
            number: o.number.clone(),
            customer_name: o.customer_name.clone(),
            customer_email: o.customer_email.clone(),
            currency: o.currency.clone(),
            placed_at: o.placed_at,
            policy_version: o.policy_version.clone(),
            details: o.data.clone(),
        }
    }
}

/// A page of items and the cursor of the next page (`null` on the last).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// A list that comes whole.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Items<T> {
    pub items: Vec<T>,
}

/// Reasons a person can read, for a rejection or a referral.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Reasons {
    pub reasons: Vec<String>,
}

/// The tracking number of a parcel the customer sent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tracking {
    pub tracking_number: String,
}

/// Where goods go back to.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Address {
    pub address: String,
}
