//! Evidence records: who uploaded which photo or video, its type and its SHA-256 for disputes.
//! The bytes are checked, cleaned and stored by the HTTP edge; here is who may see them.

use std::path::{Path, PathBuf};

use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_store::{EvidenceRecord, Store};

use crate::{App, AppError, is_staff};

/// How long an upload may wait for a case to name it (a request being written, a step about to
/// be sent) before the sweep removes it with its files.
pub const UNATTACHED_KEPT: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

/// The stored file of an evidence record under the evidence folder, and its thumbnail's.
pub fn evidence_files(dir: &Path, id: &str) -> [PathBuf; 2] {
    [dir.join(id), dir.join(format!("{id}.thumb.jpg"))]
}

impl<S: Store> App<S> {
    /// Records an uploaded file's metadata, stamped with the time of upload. Customers and staff
    /// upload; the shop's systems have no photos to give.
    pub async fn record_evidence(
        &self,
        actor: &Actor,
        mut record: EvidenceRecord,
    ) -> Result<EvidenceRecord, AppError> {
        if !(actor.has(Role::Customer) || is_staff(actor)) {
            return Err(AppError::Refused(Refusal::only(
                "customer-or-staff",
                "doing-upload-evidence",
            )));
        }
        record.created_at = self.now();
        self.store.create_evidence(&record).await?;
        Ok(record)
    }

    /// An evidence record the actor may see: staff see all; a customer what they uploaded and
    /// what the shop attached to their own orders' cases (the photos of the assembled product,
    /// inspection photos) or sent in their conversations, so they can judge a result and appeal
    /// it.
    pub async fn evidence(&self, actor: &Actor, id: &str) -> Result<EvidenceRecord, AppError> {
        let Some(record) = self.store.evidence(id).await? else {
            return Err(AppError::NotFound("evidence"));
        };
        if is_staff(actor) || (actor.has(Role::Customer) && record.owner == actor.id) {
            return Ok(record);
        }
        if actor.has(Role::Customer) {
            // The files the shop sent in their conversations.
            if self
                .store
                .evidence_shared_with(id, &actor.id.to_ascii_lowercase())
                .await?
            {
                return Ok(record);
            }
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
    /// Removes, with their files under `dir`, uploads older than [`UNATTACHED_KEPT`] that no case
    /// names (requests never sent, or refused, steps never done), at most `limit` a sweep.
    /// Evidence a case names is marked and never looked at again. Answers how many were removed.
    pub async fn sweep_unattached_evidence(
        &self,
        dir: &Path,
        limit: u32,
    ) -> Result<usize, AppError> {
        let now = self.now();
        let before = now
            .checked_sub(UNATTACHED_KEPT)
            .unwrap_or(jiff::Timestamp::MIN);
        let mut removed = 0;
        for evidence in self.store.unattached_evidence_before(before, limit).await? {
            // A customer's upload can only be named by their own cases.
            let customer =
                crate::orders::looks_like_email(&evidence.owner).then_some(evidence.owner.as_str());
            if self.store.evidence_named(&evidence.id, customer).await? {
                self.store.mark_evidence_attached(&evidence.id, now).await?;
                continue;
            }
            for file in evidence_files(dir, &evidence.id) {
                match tokio::fs::remove_file(&file).await {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    // Kept, and tried again at the next sweep.
                    Err(e) => {
                        tracing::warn!(evidence.id = %evidence.id, error = %e, "cannot remove an unattached upload");
                        return Ok(removed);
                    }
                }
            }
            if self.store.delete_evidence(&evidence.id).await? {
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// A customer may attach only photos and videos they uploaded themselves: a case that
    /// names evidence lets its customer see it, so naming another's would show it to them.
    /// Staff attach what they like; they see all evidence anyway.
    pub(crate) async fn check_own_evidence(
        &self,
        actor: &Actor,
        field: &str,
        ids: &[String],
    ) -> Result<(), AppError> {
        let asked = evidence_to_own(actor, ids);
        let mut owners = Vec::with_capacity(asked.len());
        for id in asked {
            if let Some(e) = self.store.evidence(id).await? {
                owners.push((e.id, e.owner));
            }
        }
        evidence_owned(actor, field, asked, &owners)
    }
}

/// The evidence whose owner must be the actor: all a customer names, none of staff's.
pub(crate) fn evidence_to_own<'a>(actor: &Actor, ids: &'a [String]) -> &'a [String] {
    if is_staff(actor) || actor.has(Role::System) {
        &[]
    } else {
        ids
    }
}

/// Refuses the first of `ids` that is not the actor's own by `owners` (id, owner), naming it as
/// `field[i]`; an id missing from `owners` was never uploaded (or is gone).
pub(crate) fn evidence_owned(
    actor: &Actor,
    field: &str,
    ids: &[String],
    owners: &[(String, String)],
) -> Result<(), AppError> {
    for (i, id) in ids.iter().enumerate() {
        if !owners
            .iter()
            .any(|(e, owner)| e == id && *owner == actor.id)
        {
            return Err(AppError::Invalid {
                field: format!("{field}[{i}]"),
                message: aftercare_core::i18n::Said::new("refused-not-your-evidence").into(),
            });
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, role: Role) -> Actor {
        Actor {
            id: id.into(),
            roles: vec![role],
        }
    }

    #[test]
    fn a_customer_names_only_uploads_of_their_own_and_staff_any() {
        let ana = actor("ana@example.com", Role::Customer);
        let agent = actor("u1", Role::Agent);
        let owners = vec![
            ("p1".to_owned(), "ana@example.com".to_owned()),
            ("p2".to_owned(), "bo@example.com".to_owned()),
        ];
        let ids = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let refused_at = |who: &Actor, named: &[&str]| {
            let named = ids(named);
            match evidence_owned(who, "photos", evidence_to_own(who, &named), &owners) {
                Ok(()) => None,
                Err(AppError::Invalid { field, .. }) => Some(field),
                Err(other) => panic!("{other:?}"),
            }
        };
        assert_eq!(refused_at(&ana, &[]), None);
        assert_eq!(refused_at(&ana, &["p1"]), None);
        assert_eq!(refused_at(&ana, &["p1", "p2"]), Some("photos[1]".into()));
        assert_eq!(refused_at(&ana, &["never", "p1"]), Some("photos[0]".into()));
        assert_eq!(refused_at(&agent, &["p2", "never"]), None);
        assert!(evidence_to_own(&agent, &ids(&["p2"])).is_empty());
    }
}
