//! Cases as the API and pages show them.

use aftercare_core::Decision;

use aftercare_store::CaseRecord;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A case as the API and pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
