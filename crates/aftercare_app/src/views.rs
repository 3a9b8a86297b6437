//! Cases as the API and pages show them.

use aftercare_core::cases::appeal::AppealCase;
use aftercare_core::cases::buyback::BuybackCase;
use aftercare_core::cases::order::OrderCase;
use aftercare_core::cases::refund::RefundCase;
use aftercare_core::cases::rma::ReturnCase;
use aftercare_core::cases::steps::{
    AppealStep, BuybackStep, OrderStep, RefundStep, ReturnStep, Steps,
};
use aftercare_core::cases::{Actor, Context, Role};
use aftercare_core::{Decision, Money};

use aftercare_store::{CaseKind, CaseRecord, Store, StoreError};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{App, AppError};

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
            data: c.data.to_value(),
        }
    }
}

/// A queue row: the case, whether its deadline has passed, and what the carrier said when its
/// parcel is in trouble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    pub case: CaseRecord,
    pub overdue: bool,
    /// The newest tracking event of an open case's parcel, when it is an exception or a return
    /// to sender (I.5: the parcel's status is abnormal), in words.
    pub carrier_problem: Option<String>,
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
pub enum CaseState {
    Order(aftercare_core::cases::order::OrderState),
    Return(aftercare_core::cases::rma::ReturnState),
    Refund(aftercare_core::cases::refund::RefundState),
    Buyback(aftercare_core::cases::buyback::BuybackState),
    Appeal(aftercare_core::cases::appeal::AppealState),
}

impl CaseState {
    /// The state `state` of a case of `kind`, if its machine knows it.
    pub fn parse(kind: CaseKind, state: &str) -> Option<CaseState> {
        fn read<T: serde::de::DeserializeOwned>(state: &str) -> Option<T> {
            serde_json::from_value(serde_json::Value::String(state.to_owned())).ok()
        }
        Some(match kind {
            CaseKind::Order => CaseState::Order(read(state)?),
            CaseKind::Return => CaseState::Return(read(state)?),
            CaseKind::Refund => CaseState::Refund(read(state)?),
            CaseKind::Buyback => CaseState::Buyback(read(state)?),
            CaseKind::Appeal => CaseState::Appeal(read(state)?),
            CaseKind::Parcel => return None,
        })
    }

    /// The case's result pays money and waits, in this state, for an agent to grant it: the
    /// states whose rows the order's ledger holds payable (a passed inspection, a confirmed or
    /// accepted revised buyback, a returned parcel settled, an appeal's changed result).
    pub fn awaits_grant(self) -> bool {
        use aftercare_core::cases::appeal::AppealState;
        use aftercare_core::cases::buyback::BuybackState;
        use aftercare_core::cases::order::OrderState;
        use aftercare_core::cases::rma::ReturnState;
        matches!(
            self,
            CaseState::Return(ReturnState::InspectionPassed)
                | CaseState::Buyback(BuybackState::Confirmed | BuybackState::RevisionAccepted)
                | CaseState::Order(OrderState::ReturnSettled)
                | CaseState::Appeal(AppealState::Changed)
        )
    }

    /// A case in this state has a step for this person now that is neither the customer's own
    /// (an agent may answer for a customer, but a case waiting for the customer is not the
    /// agent's work) nor occasional (a cancellation, a parcel held by customs), as its machine
    /// judges a case in that state; or it waits for an agent's grant and the person is an agent.
    pub fn is_work_of(self, ctx: &Context<'_>) -> bool {
        let machine = match self {
            CaseState::Order(state) => CaseMachine::Order(OrderCase {
                state,
                ..OrderCase::default()
            }),
            CaseState::Return(state) => CaseMachine::Return(ReturnCase {
                state,
                ..ReturnCase::default()
            }),
            CaseState::Refund(state) => CaseMachine::Refund(RefundCase {
                state,
                ..RefundCase::default()
            }),
            CaseState::Buyback(state) => CaseMachine::Buyback(BuybackCase {
                state,
                ..BuybackCase::default()
            }),
            CaseState::Appeal(state) => CaseMachine::Appeal(AppealCase {
                state,
                ..AppealCase::default()
            }),
        };
        let customer = Actor {
            id: "customer".into(),
            roles: vec![Role::Customer],
        };
        let customers = machine.open_steps(&Context {
            actor: &customer,
            ..*ctx
        });
        let staff_step = machine.open_steps(ctx).into_iter().any(|step| {
            !customers.contains(&step)
                && !matches!(step, Step::Order(s) if s.is_occasional())
                && !matches!(step, Step::Buyback(s) if s.is_occasional())
        });
        staff_step || (self.awaits_grant() && ctx.actor.has(Role::Agent))
    }

    /// The step of a stored case; a state its machine does not know means the store is corrupt.
    pub fn of(case: &CaseRecord) -> Result<CaseState, crate::AppError> {
        fn state<T: serde::de::DeserializeOwned>(case: &CaseRecord) -> Result<T, crate::AppError> {
            serde_json::from_value(serde_json::Value::String(case.state.clone())).map_err(|e| {
                aftercare_store::StoreError::Corrupt(format!("case {}: {e}", case.id)).into()
            })
        }
        Ok(match case.kind {
            CaseKind::Order => CaseState::Order(state(case)?),
            CaseKind::Return => CaseState::Return(state(case)?),
            CaseKind::Refund => CaseState::Refund(state(case)?),
            CaseKind::Buyback => CaseState::Buyback(state(case)?),
            CaseKind::Appeal => CaseState::Appeal(state(case)?),
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

/// A case's machine, decoded once: pages read the case's own fields and states, never its JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseMachine {
    Order(OrderCase),
    Return(ReturnCase),
    Refund(RefundCase),
    Buyback(BuybackCase),
    Appeal(AppealCase),
}

impl CaseMachine {
    /// The machine of a stored case; `None` for a parcel record, which has none. Data its
    /// machine cannot read means the store is corrupt.
    pub fn of(case: &CaseRecord) -> Result<Option<CaseMachine>, AppError> {
        fn decode<T: serde::de::DeserializeOwned>(case: &CaseRecord) -> Result<T, AppError> {
            case.data
                .typed()
                .map_err(|e| StoreError::Corrupt(format!("case {}: {e}", case.id)).into())
        }
        Ok(Some(match case.kind {
            CaseKind::Order => CaseMachine::Order(decode(case)?),
            CaseKind::Return => CaseMachine::Return(decode(case)?),
            CaseKind::Refund => CaseMachine::Refund(decode(case)?),
            CaseKind::Buyback => CaseMachine::Buyback(decode(case)?),
            CaseKind::Appeal => CaseMachine::Appeal(decode(case)?),
            CaseKind::Parcel => return Ok(None),
        }))
    }

    /// The other cases this one names: the refund a return's money went to, a refund's source, an
    /// appeal's case, the return whose goods a buyback took over.
    pub fn refers_to(&self) -> Option<&str> {
        match self {
            CaseMachine::Order(_) => None,
            CaseMachine::Return(m) => m.refund_case.as_deref(),
            CaseMachine::Refund(m) => m.source_case.as_deref(),
            CaseMachine::Buyback(m) => m.from_return.as_deref(),
            CaseMachine::Appeal(m) => m.against_case.as_deref(),
        }
    }

    /// The steps the actor of `ctx` may take now, as the machine judges them.
    pub fn open_steps(&self, ctx: &Context<'_>) -> Vec<Step> {
        match self {
            CaseMachine::Order(m) => m.open_steps(ctx).into_iter().map(Step::Order).collect(),
            CaseMachine::Return(m) => m.open_steps(ctx).into_iter().map(Step::Return).collect(),
            CaseMachine::Refund(m) => m.open_steps(ctx).into_iter().map(Step::Refund).collect(),
            CaseMachine::Buyback(m) => m.open_steps(ctx).into_iter().map(Step::Buyback).collect(),
            CaseMachine::Appeal(m) => m.open_steps(ctx).into_iter().map(Step::Appeal).collect(),
        }
    }
}

/// A step of a case of any kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Order(OrderStep),
    Return(ReturnStep),
    Refund(RefundStep),
    Buyback(BuybackStep),
    Appeal(AppealStep),
}

impl Step {
    /// The step's name, as the API's paths and the console's forms write it.
    pub fn name(self) -> &'static str {
        match self {
            Step::Order(s) => s.name(),
            Step::Return(s) => s.name(),
            Step::Refund(s) => s.name(),
            Step::Buyback(s) => s.name(),
            Step::Appeal(s) => s.name(),
        }
    }

    /// The step of a case of `kind` that `name` names.
    pub fn parse(kind: CaseKind, name: &str) -> Option<Step> {
        match kind {
            CaseKind::Order => OrderStep::parse(name).map(Step::Order),
            CaseKind::Return => ReturnStep::parse(name).map(Step::Return),
            CaseKind::Refund => RefundStep::parse(name).map(Step::Refund),
            CaseKind::Buyback => BuybackStep::parse(name).map(Step::Buyback),
            CaseKind::Appeal => AppealStep::parse(name).map(Step::Appeal),
            CaseKind::Parcel => None,
        }
    }
}

/// A case as a page shows it to one person: the record, its machine decoded, and what this
/// person may do with it now.
#[derive(Debug, Clone)]
pub struct CaseDetail {
    pub case: CaseRecord,
    /// `None` for a parcel record, which has no machine.
    pub machine: Option<CaseMachine>,
    /// The steps this person may take now, as the case's machine judges them.
    pub open_steps: Vec<Step>,
    /// What granting the case's money would pay now, when this person may grant it: the order's
    /// ledger judges it (a passed inspection, a confirmed buyback, a settled returned parcel, an
    /// appeal's corrected total), never the page.
    pub grantable: Option<Money>,
    /// The cases of the same order this one names or that name it (a return and its refund,
    /// appeals and their case...), oldest first: each page links them both ways.
    pub related: Vec<CaseRecord>,
    /// The order's items by SKU: their names, for pages that list a case's lines.
    pub item_names: Vec<(String, String)>,
}

impl<S: Store> App<S> {
    /// A case the actor may see, decoded, with the steps the actor may take on it now and what a
    /// grant of its money would pay.
    pub async fn case_detail(&self, actor: &Actor, id: &str) -> Result<CaseDetail, AppError> {
        let (account, case) = self.case_in_account(actor, id, None, None).await?;
        let machine = CaseMachine::of(&case)?;
        let ctx = self.context(actor, &account.order)?;
        let open_steps = machine
            .as_ref()
            .map(|m| m.open_steps(&ctx))
            .unwrap_or_default();
        let grantable = if actor.has(Role::Agent) {
            account.ledger.grantable(&case.id).ok()
        } else {
            None
        };
        let names = machine.as_ref().and_then(CaseMachine::refers_to);
        let mut related = Vec::new();
        for other in account.cases.iter().filter(|c| c.id != case.id) {
            let named_by_other = CaseMachine::of(other)?
                .as_ref()
                .and_then(CaseMachine::refers_to)
                == Some(case.id.as_str());
            if named_by_other || names == Some(other.id.as_str()) {
                related.push(other.clone());
            }
        }
        related.sort_by_key(|c| c.created_at);
        let item_names = account
            .details
            .lines
            .iter()
            .map(|l| (l.sku.clone(), l.name.clone()))
            .collect();
        Ok(CaseDetail {
            case,
            machine,
            open_steps,
            grantable,
            related,
            item_names,
        })
    }
}

/// What the printed RMA slip carries (III.2): the RMA number, the items going back by name,
/// who sends them and where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RmaSlip {
    pub rma: String,
    pub order_number: String,
    /// Each returned line: SKU, the item's name on the order, units.
    pub items: Vec<(String, String, u32)>,
    /// The customer's name and address, as the order has them.
    pub sender: Vec<String>,
    pub return_address: String,
    pub instructions: Option<String>,
}

impl RmaSlip {
    /// The name its PDF is downloaded and attached under.
    pub fn file_name(&self) -> String {
        format!("rma-slip-{}.pdf", self.rma)
    }
}

impl<S: Store> App<S> {
    /// The slip of a return the actor may see, once it has its RMA number.
    pub async fn rma_slip(&self, actor: &Actor, id: &str) -> Result<RmaSlip, AppError> {
        let (account, case) = self
            .case_in_account(actor, id, Some(CaseKind::Return), None)
            .await?;
        let Some(CaseMachine::Return(r)) = CaseMachine::of(&case)? else {
            return Err(AppError::NotFound("RMA slip"));
        };
        slip_of(&case.order_number, &r, &account.details).ok_or(AppError::NotFound("RMA slip"))
    }
}

/// The slip of a return once it has its RMA number and return address: from the return's
/// lines and the order's names and delivery address.
pub(crate) fn slip_of(
    order_number: &str,
    r: &aftercare_core::cases::rma::ReturnCase,
    details: &crate::NewOrder,
) -> Option<RmaSlip> {
    let (rma, return_address) = (r.rma.clone()?, r.return_address.clone()?);
    let items = r
        .lines
        .iter()
        .map(|l| {
            let name = details
                .lines
                .iter()
                .find(|o| o.sku == l.sku)
                .map(|o| o.name.clone())
                .unwrap_or_default();
            (l.sku.clone(), name, l.quantity)
        })
        .collect();
    let a = &details.address;
    let sender = [
        a.full_name.clone(),
        a.street.clone(),
        format!("{} {}", a.postal_code, a.city).trim().to_owned(),
        a.country.clone(),
        a.phone.clone(),
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect();
    Some(RmaSlip {
        rma,
        order_number: order_number.to_owned(),
        items,
        sender,
        return_address,
        instructions: r.instructions.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aftercare_core::cases::appeal::AppealState;
    use aftercare_core::cases::buyback::BuybackState;
    use aftercare_core::cases::order::OrderState;
    use aftercare_core::cases::refund::RefundState;
    use aftercare_core::cases::rma::ReturnState;

    /// Each role's own work, as the dashboard puts it first: what its steps are, never what
    /// waits for the customer.
    #[test]
    fn each_role_works_on_the_states_its_steps_are_open_in() {
        let policy = aftercare_core::testing::shipped().unwrap();
        let version = &policy.versions()[0];
        let calendar = policy.calendar(version).unwrap();
        let work = |role: Role, state: CaseState| {
            let actor = Actor {
                id: "staff".into(),
                roles: vec![role],
            };
            state.is_work_of(&Context {
                actor: &actor,
                now: "2026-03-20T02:00:00Z".parse().unwrap(),
                version,
                calendar,
            })
        };
        use CaseState as C;
        for (state, agent, warehouse, finance) in [
            (C::Return(ReturnState::Requested), true, false, false),
            (C::Return(ReturnState::Approved), false, true, false),
            (C::Return(ReturnState::InTransit), false, true, false),
            (C::Return(ReturnState::Received), false, true, false),
            (C::Return(ReturnState::InspectionPassed), true, false, false),
            (
                C::Return(ReturnState::InspectionFailed),
                false,
                false,
                false,
            ),
            (C::Refund(RefundState::Granted), false, false, true),
            (C::Refund(RefundState::Sent), false, false, true),
            (C::Buyback(BuybackState::Applied), true, false, false),
            (C::Buyback(BuybackState::Quoted), false, false, false),
            (C::Order(OrderState::Shipped), false, false, false),
            (C::Buyback(BuybackState::Received), false, true, false),
            (C::Buyback(BuybackState::Confirmed), true, false, false),
            (C::Appeal(AppealState::Filed), true, false, false),
            (C::Order(OrderState::Placed), true, false, false),
            (
                C::Order(OrderState::AwaitingPhotoApproval),
                false,
                false,
                false,
            ),
            (C::Order(OrderState::Packed), false, true, false),
        ] {
            assert_eq!(
                (
                    work(Role::Agent, state),
                    work(Role::Warehouse, state),
                    work(Role::Finance, state)
                ),
                (agent, warehouse, finance),
                "{state:?}"
            );
        }
    }
}
