//! The order as one account: its ledger read from its cases, and writes that are kept only while
//! the ledger they were judged on is still the order's.

use std::future::Future;

use aftercare_core::cases::Actor;
use aftercare_core::cases::order::OrderState;
use aftercare_core::ledger::{CaseOf, Ledger, LedgerCase};
use aftercare_core::{Money, evaluate};
use aftercare_store::{
    AccountOf, CaseKind, CaseRecord, Idempotency, NewEvent, OrderAccount, OrderRecord, OrderWrite,
    Store, StoreError,
};
use serde_json::json;

use crate::access::visible;
use crate::orders::NewOrder;
use crate::{App, AppError};

/// An order read with every case, at one version of the order, and its ledger.
#[derive(Debug, Clone)]
pub(crate) struct Account {
    pub order: OrderRecord,
    /// The order's details, with the signing its fulfilment case recorded.
    pub details: NewOrder,
    pub version: i64,
    pub cases: Vec<CaseRecord>,
    pub ledger: Ledger,
}

impl Account {
    /// The case with this id.
    pub fn case(&self, id: &str) -> Option<&CaseRecord> {
        self.cases.iter().find(|c| c.id == id)
    }
}

/// A case built with its first history entries, to be created in an order's write.
pub(crate) type NewCase = (CaseRecord, Vec<NewEvent>);

/// How many times a command judged on a ledger that changed before its write is judged again.
const ORDER_CHANGED_RETRIES: u32 = 8;

/// Runs `attempt` again while the order changed under it: each attempt reads the ledger anew.
/// After the last one the caller hears of a conflict, as when a person's form was stale.
pub(crate) async fn judged_again<T, F, Fut>(mut attempt: F) -> Result<T, AppError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let mut tries = 0;
    loop {
        match attempt().await {
            Err(AppError::Store(StoreError::OrderChanged { .. }))
                if tries < ORDER_CHANGED_RETRIES =>
            {
                tries += 1;
                // Two commands that keep meeting take turns instead of retrying in step.
                tokio::task::yield_now().await;
            }
            Err(AppError::Store(StoreError::OrderChanged { .. })) => {
                return Err(AppError::Conflict);
            }
            other => return other,
        }
    }
}

/// The case as the ledger reads it; `None` for kinds that hold no units or money.
fn ledger_case(case: &CaseRecord) -> Result<Option<LedgerCase>, AppError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("case {}: {e}", case.id));
    // Read in place: an account reads every case of the order for each command.
    let data = &case.data;
    let of = match case.kind {
        CaseKind::Order => CaseOf::Order(data.typed().map_err(corrupt)?),
        CaseKind::Return => CaseOf::Return(data.typed().map_err(corrupt)?),
        CaseKind::Buyback => CaseOf::Buyback(data.typed().map_err(corrupt)?),
        CaseKind::Refund => CaseOf::Refund(data.typed().map_err(corrupt)?),
        CaseKind::Appeal => CaseOf::Appeal(data.typed().map_err(corrupt)?),
        CaseKind::Parcel => return Ok(None),
    };
    Ok(Some(LedgerCase {
        id: case.id.clone(),
        case: of,
    }))
}

impl<S: Store> App<S> {
    /// A case the actor may see (of `kind`, when given) with its order's account, the case as
    /// the account read it, still at `version` when the actor names one.
    pub(crate) async fn case_in_account(
        &self,
        actor: &Actor,
        case_id: &str,
        kind: Option<CaseKind>,
        version: Option<i64>,
    ) -> Result<(Account, CaseRecord), AppError> {
        // The case, its order and the order's account in one read.
        let (order, read) = self
            .store
            .account_of(AccountOf::Case(case_id))
            .await?
            .ok_or(AppError::NotFound("case"))?;
        let case = read
            .cases
            .iter()
            .find(|c| c.id == case_id)
            .filter(|c| visible(actor, &c.customer_email) && kind.is_none_or(|k| c.kind == k))
            .cloned()
            .ok_or(AppError::NotFound("case"))?;
        if version.is_some_and(|v| v != case.version) {
            return Err(AppError::Conflict);
        }
        Ok((self.account_read(order, read)?, case))
    }

    /// The account of the order with this shop order number, when the actor may see the order.
    pub(crate) async fn account_by_number(
        &self,
        actor: &Actor,
        number: &str,
    ) -> Result<Account, AppError> {
        let found = self
            .store
            .account_of(AccountOf::Number(number.trim()))
            .await?;
        self.visible_account(actor, found)
    }

    /// [`Self::account_by_number`], with the evidence a customer names checked to be their own
    /// (as [`Self::check_own_evidence`] checks it) in the same read: one round trip, not two.
    pub(crate) async fn account_with_own_evidence(
        &self,
        actor: &Actor,
        number: &str,
        field: &str,
        evidence: &[String],
    ) -> Result<Account, AppError> {
        let asked = crate::evidence::evidence_to_own(actor, evidence);
        let (found, owners) = self
            .store
            .account_with_evidence(AccountOf::Number(number.trim()), asked)
            .await?;
        let account = self.visible_account(actor, found)?;
        crate::evidence::evidence_owned(actor, field, asked, &owners)?;
        Ok(account)
    }

    /// The account read, when there is such an order and the actor may see it.
    fn visible_account(
        &self,
        actor: &Actor,
        found: Option<(OrderRecord, OrderAccount)>,
    ) -> Result<Account, AppError> {
        match found {
            Some((order, read)) if visible(actor, &order.customer_email) => {
                self.account_read(order, read)
            }
            _ => Err(AppError::NotFound("order")),
        }
    }

    /// The account of an order from its cases as read at one version.
    fn account_read(&self, order: OrderRecord, read: OrderAccount) -> Result<Account, AppError> {
        let details = crate::orders::details_with(&order, &read.cases)?;
        let ledger = self.ledger_of(&details, read.cases.iter())?;
        Ok(Account {
            order,
            details,
            version: read.version,
            cases: read.cases,
            ledger,
        })
    }

    /// The ledger of an order with these cases.
    pub(crate) fn ledger_of<'a>(
        &self,
        details: &NewOrder,
        cases: impl Iterator<Item = &'a CaseRecord>,
    ) -> Result<Ledger, AppError> {
        let mut ledger_cases = Vec::new();
        for case in cases {
            if let Some(c) = ledger_case(case)? {
                ledger_cases.push(c);
            }
        }
        let returned_parcel = self.returned_parcel_refund(details, &ledger_cases)?;
        Ledger::new(&details.checked()?, &ledger_cases, returned_parcel).map_err(|e| {
            AppError::Invalid {
                field: "order".into(),
                message: e.to_string().into(),
            }
        })
    }

    /// The refund of a parcel returned for the buyer's reasons and not reshipped: the policy's
    /// product amount less the original shipping and the return processing fee (III.5).
    fn returned_parcel_refund(
        &self,
        details: &NewOrder,
        cases: &[LedgerCase],
    ) -> Result<Option<Money>, AppError> {
        let Some(order_case) = cases.iter().find_map(|c| match &c.case {
            CaseOf::Order(o) => Some(o),
            _ => None,
        }) else {
            return Ok(None);
        };
        let (OrderState::ReturnSettled, Some(returned_at), Some(fee)) = (
            order_case.state,
            order_case.returned_at,
            order_case.return_processing_fee,
        ) else {
            return Ok(None);
        };
        let mut details = details.clone();
        details.signed_at = None;
        let facts = details.facts(json!({
            "type": "undeliverable",
            "returned_at": returned_at,
            "fees": {"return_processing": fee.amount_text()},
        }))?;
        Ok(evaluate(&self.policy, &facts, self.now())?
            .refund
            .map(|r| r.total))
    }

    /// Writes cases of the account's order in one transaction, kept only while the order is
    /// still at the version its ledger was read at.
    pub(crate) async fn write_account(
        &self,
        account: &Account,
        create: &[NewCase],
        update: &[NewCase],
        idempotency: Option<&Idempotency>,
    ) -> Result<(), AppError> {
        let written = self
            .store
            .write_order(OrderWrite {
                order_id: &account.order.id,
                seen: Some(account.version),
                create,
                update,
                idempotency,
            })
            .await;
        match written {
            Ok(()) => {
                if create
                    .iter()
                    .chain(update)
                    .any(|(_, events)| events.iter().any(|e| e.mail.is_some()))
                {
                    self.mail_queued.notify_one();
                }
                self.webhooks_queued.notify_one();
                Ok(())
            }
            // A second RMA number computed from the same returns: the order changed meanwhile.
            Err(StoreError::Duplicate("RMA number" | "case or RMA number")) => {
                Err(AppError::Store(StoreError::OrderChanged {
                    expected: account.version,
                }))
            }
            // A case changed after the account was read: judged again on it, a caller's stale
            // version is then refused as a conflict.
            Err(StoreError::Conflict { .. }) => Err(AppError::Store(StoreError::OrderChanged {
                expected: account.version,
            })),
            Err(e) => Err(e.into()),
        }
    }

    /// Refuses a write whose result would break the order's ledger: a unit counted twice, more
    /// money granted than paid and confirmed, a case paid above its corrected total.
    pub(crate) fn check_ledger_after(
        &self,
        account: &Account,
        create: &[NewCase],
        update: &[CaseRecord],
    ) -> Result<Ledger, AppError> {
        let changed = account
            .cases
            .iter()
            .map(|c| update.iter().find(|u| u.id == c.id).unwrap_or(c))
            .chain(create.iter().map(|(c, _)| c));
        let ledger = self.ledger_of(&account.details, changed)?;
        if let Some(problem) = ledger.invariant_violations().into_iter().next() {
            tracing::warn!(order.number = %account.order.number, %problem, "write refused by the order's ledger");
            return Err(AppError::Invalid {
                field: "order".into(),
                message: format!("this would leave the order's account wrong: {problem}").into(),
            });
        }
        Ok(ledger)
    }

    /// The ledger of an order already read with its cases (as [`App::order_with_cases`] gives
    /// them to someone who may see them): no read of its own.
    pub fn ledger_from(
        &self,
        order: &OrderRecord,
        cases: &[CaseRecord],
    ) -> Result<Ledger, AppError> {
        let details = crate::orders::details_with(order, cases)?;
        self.ledger_of(&details, cases.iter())
    }

    /// The ledger of an order the actor may see: where each unit is, what was paid, and what
    /// was granted, sent and settled for each case.
    pub async fn ledger(&self, actor: &Actor, order_number: &str) -> Result<Ledger, AppError> {
        Ok(self.account_by_number(actor, order_number).await?.ledger)
    }
}
