//! An order from payment to signing (I): its fulfilment case, opened on import and moved on by
//! staff and the shop's store.

use aftercare_core::cases::order::{OrderCase, OrderCommand};
use aftercare_core::cases::{Actor, Machine};
use aftercare_store::{CaseKind, CaseRecord, OrderRecord, Store, StoreError};
use jiff::Timestamp;
use serde_json::json;

use crate::orders::NewOrder;
use crate::{App, AppError, case_data, new_id};

impl<S: Store> App<S> {
    /// Moves an order's fulfilment on (payment, shortage, assembly photos, packing, shipping,
    /// signing, returned parcels, customs).
    pub async fn act_on_order(
        &self,
        actor: &Actor,
        order_number: &str,
        version: Option<i64>,
        command: OrderCommand,
        reason: Option<String>,
    ) -> Result<CaseRecord, AppError> {
        let order = self.order(actor, order_number).await?;
        let find = || async {
            Ok::<_, AppError>(
                self.store
                    .cases_of_order(&order.id)
                    .await?
                    .into_iter()
                    .find(|c| c.kind == CaseKind::Order),
            )
        };
        let case = match find().await? {
            Some(case) => case,
            // Import stores the order and then opens its fulfilment; if it stopped in between,
            // the first command opens it (the unique index keeps it to one).
            None if NewOrder::from_record(&order)?.signed_at.is_none() => {
                match self.open_fulfilment(&order, self.now()).await {
                    Ok(()) | Err(AppError::Store(StoreError::Duplicate(_))) => {}
                    Err(e) => return Err(e),
                }
                find().await?.ok_or(AppError::NotFound("fulfilment"))?
            }
            None => {
                return Err(AppError::NotFound(
                    "fulfilment of this order (it was imported already signed)",
                ));
            }
        };
        if version.is_some_and(|v| v != case.version) {
            return Err(AppError::Conflict);
        }
        self.run::<OrderCase>(actor, case, &command, reason, None, |_, _| {})
            .await
    }

    /// Opens the fulfilment case of a newly imported order that has not been signed for yet.
    pub(crate) async fn open_fulfilment(
        &self,
        order: &OrderRecord,
        at: Timestamp,
    ) -> Result<(), AppError> {
        let (case, events) = fulfilment_case(order, at)?;
        Ok(self.store.create_case(&case, &events, None).await?)
    }
}

/// The fulfilment case an order opens when it comes, and its first history entry; not written.
pub(crate) fn fulfilment_case(
    order: &OrderRecord,
    at: Timestamp,
) -> Result<(CaseRecord, Vec<aftercare_store::NewEvent>), AppError> {
    {
        let machine = OrderCase::default();
        let case = CaseRecord {
            id: new_id(),
            kind: CaseKind::Order,
            order_id: order.id.clone(),
            order_number: order.number.clone(),
            customer_email: order.customer_email.clone(),
            rma: None,
            state: machine.state_name().to_owned(),
            is_open: true,
            deadline: None,
            amount_minor: None,
            version: 1,
            data: case_data(&machine)?,
            created_at: at,
            updated_at: at,
            tracking_number: None,
        };
        let placed = aftercare_store::NewEvent {
            kind: "placed".into(),
            actor: json!({"id": "shop-store", "roles": ["system"]}),
            at,
            reason: None,
            data: json!({"type": "placed"}),
            mail: None,
        };
        Ok((case, vec![placed]))
    }
}
