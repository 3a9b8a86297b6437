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

    /// An evidence record the actor may see: staff see all; a customer only what they uploaded.
    pub async fn evidence(&self, actor: &Actor, id: &str) -> Result<EvidenceRecord, AppError> {
        match self.store.evidence(id).await? {
            Some(e) if is_staff(actor) || (actor.has(Role::Customer) && e.owner == actor.id) => {
                Ok(e)
            }
            _ => Err(AppError::NotFound("evidence")),
        }
    }
}
