//! Evidence records: who uploaded which photo or video, its type and its SHA-256 for disputes.
//! The bytes are checked, cleaned and stored by the HTTP edge; here is who may see them.

use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_store::{EvidenceRecord, Store};

use crate::{App, AppError, is_staff};

impl<S: Store> App<S> {
    /// Records an uploaded file's metadata, stamped with the time of upload. Customers and staff
    /// upload; the shop's systems have no photos to give.
    pub async fn record_evidence(
        &self,
        actor: &Actor,
        mut record: EvidenceRecord,
    ) -> Result<EvidenceRecord, AppError> {
        if !(actor.has(Role::Customer) || is_staff(actor)) {
            return Err(AppError::Refused(Refusal::Role(
                "only customers and staff upload evidence".into(),
            )));
        }
        record.created_at = self.now();
        self.store.create_evidence(&record).await?;
        Ok(record)
    }

    /// An evidence record the actor may see: staff see all; a customer what they uploaded and
    /// what the shop attached to their own orders' cases (the photos of the assembled product,
    /// inspection photos), so they can judge a result and appeal it.
    pub async fn evidence(&self, actor: &Actor, id: &str) -> Result<EvidenceRecord, AppError> {
        let Some(record) = self.store.evidence(id).await? else {
            return Err(AppError::NotFound("evidence"));
        };
        if is_staff(actor) || (actor.has(Role::Customer) && record.owner == actor.id) {
            return Ok(record);
        }
        if actor.has(Role::Customer) {
            for order in self.customer_orders(actor).await? {
                for case in self.store.cases_of_order(&order.id).await? {
                    if mentions(&case.data, id) {
                        return Ok(record);
                    }
                }
            }
        }
        Err(AppError::NotFound("evidence"))
    }
}

impl<S: Store> App<S> {
    /// A customer may attach only photos and videos they uploaded themselves: a case that
    /// names evidence lets its customer see it, so naming another's would show it to them.
    /// Staff attach what they like; they see all evidence anyway.
    pub(crate) async fn check_own_evidence(
        &self,
        actor: &Actor,
        field: &str,
        ids: &[String],
    ) -> Result<(), AppError> {
        if is_staff(actor) || actor.has(Role::System) {
            return Ok(());
        }
        for (i, id) in ids.iter().enumerate() {
            match self.store.evidence(id).await? {
                Some(e) if e.owner == actor.id => {}
                _ => {
                    return Err(AppError::Invalid {
                        field: format!("{field}[{i}]"),
                        message: "is not a photo or video you uploaded; upload it first".into(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Whether `id` is one of the strings in a case's data: evidence ids sit in several fields
/// (`evidence`, `photos`, `assembly_media`, appeals' evidence), and an exact match is enough.
fn mentions(value: &serde_json::Value, id: &str) -> bool {
    match value {
        serde_json::Value::String(s) => s == id,
        serde_json::Value::Array(items) => items.iter().any(|v| mentions(v, id)),
        serde_json::Value::Object(map) => map.values().any(|v| mentions(v, id)),
        _ => false,
    }
}
