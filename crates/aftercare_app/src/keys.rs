//! API keys for the shop's other systems: created by an admin, shown once, stored as a SHA-256,
//! each with scopes. Keys are long random strings, so a fast hash is the right one here; slow
//! password hashes are for the passwords people choose.

use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_store::{ApiKeyRecord, Store};
use sha2::{Digest, Sha256};

use crate::{App, AppError, new_id};

/// The scopes a key may carry.
pub const SCOPES: [&str; 3] = ["orders:write", "tracking:write", "mail:receive"];

/// A key just created: the only moment its secret exists outside the caller's hands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiKey {
    pub id: String,
    pub secret: String,
    pub scopes: Vec<String>,
}

fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl<S: Store> App<S> {
    /// Every key, newest first, for admins; only the prefix of a key is kept to show.
    pub async fn api_keys(
        &self,
        actor: &Actor,
    ) -> Result<Vec<aftercare_store::ApiKeyRecord>, AppError> {
        if !actor.has(Role::Admin) {
            return Err(AppError::Refused(Refusal::only(
                "admin",
                "doing-list-api-keys",
            )));
        }
        Ok(self.store.api_keys().await?)
    }

    /// An admin creates a key for another system; the secret is returned once.
    pub async fn create_api_key(
        &self,
        actor: &Actor,
        name: &str,
        scopes: &[String],
    ) -> Result<NewApiKey, AppError> {
        if !actor.has(Role::Admin) {
            return Err(AppError::Refused(Refusal::only(
                "admin",
                "doing-create-api-keys",
            )));
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::Invalid {
                field: "name".into(),
                message: "name the system the key is for".into(),
            });
        }
        if name.chars().count() > aftercare_core::cases::limits::SHORT {
            return Err(AppError::Invalid {
                field: "name".into(),
                message: format!(
                    "at most {} characters",
                    aftercare_core::cases::limits::SHORT
                )
                .into(),
            });
        }
        if scopes.is_empty() {
            return Err(AppError::Invalid {
                field: "scopes".into(),
                message: format!("give at least one of: {}", SCOPES.join(", ")).into(),
            });
        }
        if let Some(unknown) = scopes.iter().find(|s| !SCOPES.contains(&s.as_str())) {
            return Err(AppError::Invalid {
                field: "scopes".into(),
                message: format!("`{unknown}` is not a scope; known: {}", SCOPES.join(", ")).into(),
            });
        }
        // Two random UUIDs: 244 bits from the operating system's generator.
        let secret = format!(
            "ac_{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        let record = ApiKeyRecord {
            id: new_id(),
            name: name.to_owned(),
            prefix: secret.chars().take(10).collect(),
            hash: hash(&secret),
            scopes: scopes.to_vec(),
            created_by: actor.id.clone(),
            created_at: self.now(),
            revoked_at: None,
        };
        self.store.create_api_key(&record).await?;
        Ok(NewApiKey {
            id: record.id,
            secret,
            scopes: record.scopes,
        })
    }

    /// The system behind a presented key, with its scopes; `None` for unknown or revoked keys.
    pub async fn authenticate_api_key(
        &self,
        secret: &str,
    ) -> Result<Option<(Actor, Vec<String>)>, AppError> {
        if !secret.starts_with("ac_") || secret.len() > 200 {
            return Ok(None);
        }
        Ok(self
            .store
            .api_key_by_hash(&hash(secret))
            .await?
            .filter(|k| k.revoked_at.is_none())
            .map(|k| {
                (
                    Actor {
                        id: format!("api-key:{}", k.id),
                        roles: vec![Role::System],
                    },
                    k.scopes,
                )
            }))
    }

    /// An admin revokes a key; it stops working at once.
    pub async fn revoke_api_key(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        if !actor.has(Role::Admin) {
            return Err(AppError::Refused(Refusal::only(
                "admin",
                "doing-revoke-api-keys",
            )));
        }
        if self.store.revoke_api_key(id, self.now()).await? {
            Ok(())
        } else {
            Err(AppError::NotFound("active API key"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_hash_is_the_hex_sha256_of_the_key() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
