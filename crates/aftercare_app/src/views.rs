//! Cases as the API and pages show them.

use aftercare_core::Decision;

use aftercare_store::CaseRecord;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A case as the API and pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseView {
    pub id: String,
    pub kind: String,
    pub order_number: String,
    pub state: String,
    pub rma: Option<String>,
    pub deadline: Option<Date>,
    pub version: i64,
    pub data: serde_json::Value,
}

impl From<&CaseRecord> for CaseView {
    fn from(c: &CaseRecord) -> Self {
        CaseView {
            id: c.id.clone(),
            kind: c.kind.as_str().to_owned(),
            order_number: c.order_number.clone(),
            state: c.state.clone(),
            rma: c.rma.clone(),
            deadline: c.deadline,
            version: c.version,
            data: c.data.clone(),
        }
    }
}

/// A queue row: the case and whether its deadline has passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    pub case: CaseRecord,
    pub overdue: bool,
}

/// The answer to a new request: the policy's decision, and the case when one was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub decision: Decision,
    pub case: Option<CaseRecord>,
}

/// A case's step as its machine's own state. Pages decide what they offer by matching on these,
/// never on state names, so a misspelt or renamed state fails to compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStep {
    Order(aftercare_core::cases::order::OrderState),
    Return(aftercare_core::cases::rma::ReturnState),
    Refund(aftercare_core::cases::refund::RefundState),
    Buyback(aftercare_core::cases::buyback::BuybackState),
    Appeal(aftercare_core::cases::appeal::AppealState),
}

impl CaseStep {
    /// The step of a stored case; a state its machine does not know means the store is corrupt.
    pub fn of(case: &CaseRecord) -> Result<CaseStep, crate::AppError> {
        use aftercare_store::CaseKind;
        fn state<T: serde::de::DeserializeOwned>(case: &CaseRecord) -> Result<T, crate::AppError> {
            serde_json::from_value(serde_json::Value::String(case.state.clone())).map_err(|e| {
                aftercare_store::StoreError::Corrupt(format!("case {}: {e}", case.id)).into()
            })
        }
        Ok(match case.kind {
            CaseKind::Order => CaseStep::Order(state(case)?),
            CaseKind::Return => CaseStep::Return(state(case)?),
            CaseKind::Refund => CaseStep::Refund(state(case)?),
            CaseKind::Buyback => CaseStep::Buyback(state(case)?),
            CaseKind::Appeal => CaseStep::Appeal(state(case)?),
            CaseKind::Parcel => {
                return Err(aftercare_store::StoreError::Corrupt(format!(
                    "case {}: a parcel record has no machine and no steps",
                    case.id
                ))
                .into());
            }
        })
    }
}
