//! Staff accounts as admins manage them: create, edit, deactivate and reactivate, send a
//! set-password link; and a staff member changing their own password. Every change is kept
//! with who made it and when, in the transaction that makes it.

use aftercare_core::cases::{Actor, Refusal, Role};
use aftercare_store::{PasswordLink, Store, UserChange, UserRecord};
use jiff::{SignedDuration, Timestamp};

use crate::accounts::{
    FAILURE_WINDOW, FAILURES_PER_ACCOUNT, MIN_PASSWORD_CHARS, STAFF_ROLES, StaffAccount,
    hash_password, parse_email, random_token, verify_password,
};
use crate::{App, AppError, StoreError, mail, new_id};

/// A set-password link works this long, once: a day, since the person may be away when the
/// admin sends it.
pub const PASSWORD_LINK_VALID: SignedDuration = SignedDuration::from_hours(24);

/// One line of an account's history, for the admin's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffChange {
    pub change: String,
    /// Who made it, by name, as timelines say it.
    pub by: String,
    pub at: Timestamp,
}

/// What a change of one's own password gave.
#[derive(Debug, PartialEq, Eq)]
pub enum PasswordChange {
    Changed,
    /// Too many wrong current passwords for the account lately.
    Throttled,
}

fn only_admins(actor: &Actor, what: &str) -> Result<(), AppError> {
    if actor.has(Role::Admin) || actor.has(Role::System) {
        Ok(())
    } else {
        Err(AppError::Refused(Refusal::only("admin", what)))
    }
}

fn checked_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::Invalid {
            field: "name".into(),
            message: "give the person's name (at most 200 characters)".into(),
        });
    }
    Ok(name.to_owned())
}

fn checked_password(field: &str, password: &str) -> Result<(), AppError> {
    if password.chars().count() < MIN_PASSWORD_CHARS || password.len() > 1024 {
        return Err(AppError::Invalid {
            field: field.into(),
            message: format!("must have {MIN_PASSWORD_CHARS} to 1024 characters").into(),
        });
    }
    Ok(())
}

/// The stored role names, sorted and once each.
fn checked_roles(roles: &[Role]) -> Result<Vec<String>, AppError> {
    if roles.is_empty() || roles.iter().any(|r| !STAFF_ROLES.contains(r)) {
        return Err(AppError::Invalid {
            field: "roles".into(),
            message: "give one or more of: agent, warehouse, finance, admin".into(),
        });
    }
    let mut names: Vec<String> = roles.iter().map(|r| r.id().to_owned()).collect();
    names.sort();
    names.dedup();
    Ok(names)
}

fn taken_email(e: StoreError) -> AppError {
    match e {
        StoreError::Duplicate(_) => AppError::Invalid {
            field: "email".into(),
            message: "a staff account with this e-mail already exists".into(),
        },
        e => e.into(),
    }
}

impl<S: Store> App<S> {
    /// An account as it is after a change (its history is not needed for the answer).
    async fn account_now(&self, user_id: &str) -> Result<StaffAccount, AppError> {
        self.store
            .user(user_id)
            .await?
            .map(|u| StaffAccount::from(&u))
            .ok_or(AppError::NotFound("staff account"))
    }

    /// An admin (or the command line, as the system) creates a staff account.
    pub async fn create_staff(
        &self,
        actor: &Actor,
        email: &str,
        name: &str,
        password: &str,
        roles: &[Role],
    ) -> Result<StaffAccount, AppError> {
        only_admins(actor, "doing-create-staff")?;
        let email = parse_email("email", email)?;
        let name = checked_name(name)?;
        checked_password("password", password)?;
        let roles = checked_roles(roles)?;
        let user = UserRecord {
            id: new_id(),
            email,
            name,
            password_hash: hash_password(password.to_owned()).await?,
            roles,
            created_at: self.now(),
            disabled_at: None,
        };
        self.store.create_user(&user).await.map_err(taken_email)?;
        Ok(StaffAccount::from(&user))
    }

    /// Every staff account, for admins.
    pub async fn staff_accounts(&self, actor: &Actor) -> Result<Vec<StaffAccount>, AppError> {
        only_admins(actor, "doing-see-staff")?;
        Ok(self
            .store
            .users()
            .await?
            .iter()
            .map(StaffAccount::from)
            .collect())
    }

    /// A staff member's own e-mail, for their account page.
    pub async fn own_email(&self, actor: &Actor) -> Result<String, AppError> {
        self.store
            .user(&actor.id)
            .await?
            .map(|u| u.email)
            .ok_or(AppError::NotFound("staff account"))
    }

    /// One staff account and its history since creation, for admins.
    pub async fn staff_account(
        &self,
        actor: &Actor,
        user_id: &str,
    ) -> Result<(StaffAccount, Vec<StaffChange>), AppError> {
        only_admins(actor, "doing-see-staff")?;
        let account = self.account_now(user_id).await?;
        let staff = self.store.users().await?;
        let history = self
            .store
            .staff_changes(user_id)
            .await?
            .into_iter()
            .map(|c| StaffChange {
                by: crate::access::who_did(&c.actor, &staff),
                change: c.change,
                at: c.at,
            })
            .collect();
        Ok((account, history))
    }

    /// An admin corrects a staff account's e-mail, name or roles. New roles apply to the
    /// person's next request. An admin cannot take the admin role from themselves, so the shop
    /// keeps at least the admin making the change.
    pub async fn edit_staff(
        &self,
        actor: &Actor,
        user_id: &str,
        email: &str,
        name: &str,
        roles: &[Role],
    ) -> Result<StaffAccount, AppError> {
        only_admins(actor, "doing-edit-staff")?;
        let email = parse_email("email", email)?;
        let name = checked_name(name)?;
        let roles = checked_roles(roles)?;
        if actor.id == user_id && !roles.iter().any(|r| r == Role::Admin.id()) {
            return Err(AppError::Invalid {
                field: "roles".into(),
                message: "you cannot take the admin role from yourself; ask another admin".into(),
            });
        }
        let change = UserChange::Edited { email, name, roles };
        let changed = self
            .store
            .change_user(user_id, &change, &crate::to_json(actor)?, self.now())
            .await
            .map_err(taken_email)?;
        if !changed {
            return Err(AppError::NotFound("staff account"));
        }
        tracing::info!(by = %actor.id, user = user_id, "staff account edited");
        self.account_now(user_id).await
    }

    /// An admin deactivates a staff account (its sessions end at once; it cannot sign in until
    /// reactivated) or reactivates it; recorded with who and when. An admin cannot deactivate
    /// their own account, so the shop is never left without one by mistake.
    pub async fn set_staff_active(
        &self,
        actor: &Actor,
        user_id: &str,
        active: bool,
    ) -> Result<StaffAccount, AppError> {
        only_admins(actor, "doing-deactivate-staff")?;
        if !active && actor.id == user_id {
            return Err(AppError::Invalid {
                field: "account".into(),
                message: "you cannot deactivate your own account; ask another admin".into(),
            });
        }
        let change = if active {
            UserChange::Reactivated
        } else {
            UserChange::Deactivated
        };
        let changed = self
            .store
            .change_user(user_id, &change, &crate::to_json(actor)?, self.now())
            .await?;
        if !changed {
            return Err(AppError::NotFound("staff account"));
        }
        tracing::info!(by = %actor.id, user = user_id, active, "staff account changed");
        self.account_now(user_id).await
    }

    /// An admin e-mails a staff member a link to set a new password, valid
    /// [`PASSWORD_LINK_VALID`], once; it replaces any link sent before. The admin never sees
    /// the password or the link.
    pub async fn send_password_link(
        &self,
        actor: &Actor,
        user_id: &str,
    ) -> Result<StaffAccount, AppError> {
        only_admins(actor, "doing-send-password-links")?;
        let user = self
            .store
            .user(user_id)
            .await?
            .ok_or(AppError::NotFound("staff account"))?;
        if user.disabled_at.is_some() {
            return Err(AppError::Invalid {
                field: "account".into(),
                message: "the account is deactivated: reactivate it first".into(),
            });
        }
        let token = random_token();
        let now = self.now();
        let link = PasswordLink {
            token_hash: self.shop.secret_key.token_hash(&token),
            user_id: user.id.clone(),
            created_at: now,
            expires_at: now + PASSWORD_LINK_VALID,
        };
        let url = format!(
            "{}/staff/set-password/{token}",
            self.shop.public_url.trim_end_matches('/')
        );
        let letter = mail::password_link(&user.name, &url, PASSWORD_LINK_VALID, &self.letterhead());
        self.store
            .create_password_link(
                &link,
                &letter.to_mail(new_id(), &user.email),
                &crate::to_json(actor)?,
            )
            .await?;
        self.mail_queued.notify_one();
        tracing::info!(by = %actor.id, user = user_id, "set-password link sent");
        Ok(StaffAccount::from(&user))
    }

    /// The account a set-password link is for, while it can still be used.
    pub async fn password_link_account(
        &self,
        token: &str,
    ) -> Result<Option<StaffAccount>, AppError> {
        if token.len() > 200 {
            return Ok(None);
        }
        let hash = self.shop.secret_key.token_hash(token);
        let Some(user_id) = self.store.password_link_user(&hash, self.now()).await? else {
            return Ok(None);
        };
        Ok(self
            .store
            .user(&user_id)
            .await?
            .map(|u| StaffAccount::from(&u)))
    }

    /// Sets the password a link is for and ends the account's sessions. False, with nothing
    /// changed, when the link is unknown, used, expired or its account deactivated.
    pub async fn set_password_by_link(
        &self,
        token: &str,
        password: &str,
        repeated: &str,
    ) -> Result<bool, AppError> {
        let Some(account) = self.password_link_account(token).await? else {
            return Ok(false);
        };
        checked_password("password", password)?;
        if password != repeated {
            return Err(AppError::Invalid {
                field: "repeat".into(),
                message: "is not the same as the new password".into(),
            });
        }
        let actor = Actor {
            id: account.id,
            roles: account.roles,
        };
        let hash = hash_password(password.to_owned()).await?;
        let used = self
            .store
            .use_password_link(
                &self.shop.secret_key.token_hash(token),
                &hash,
                &crate::to_json(&actor)?,
                self.now(),
            )
            .await?;
        Ok(used.is_some())
    }

    /// A staff member changes their own password, giving the current one; every other session
    /// of theirs ends, the one in use (`session_token`) stays. Wrong current passwords count as
    /// failed sign-ins, so this is no way round the sign-in's throttle.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        session_token: &str,
        current: &str,
        new: &str,
        repeated: &str,
        address: std::net::IpAddr,
    ) -> Result<PasswordChange, AppError> {
        let user = self
            .store
            .user(&actor.id)
            .await?
            .filter(|u| u.disabled_at.is_none())
            .ok_or(AppError::Refused(Refusal::role("refused-no-password")))?;
        let now = self.now();
        let since = now.checked_sub(FAILURE_WINDOW).unwrap_or(Timestamp::MIN);
        let (failures, _) = self
            .store
            .sign_in_failures(&user.email, &address.to_string(), since)
            .await?;
        if failures >= FAILURES_PER_ACCOUNT {
            return Ok(PasswordChange::Throttled);
        }
        let right = current.len() <= 1024
            && verify_password(current.to_owned(), Some(user.password_hash.clone())).await;
        if !right {
            let forget_before = now
                .checked_sub(SignedDuration::from_hours(24))
                .unwrap_or(Timestamp::MIN);
            self.store
                .record_sign_in_failure(&user.email, &address.to_string(), now, forget_before)
                .await?;
            return Err(AppError::Invalid {
                field: "current".into(),
                message: "is not your current password".into(),
            });
        }
        checked_password("password", new)?;
        if new != repeated {
            return Err(AppError::Invalid {
                field: "repeat".into(),
                message: "is not the same as the new password".into(),
            });
        }
        let change = UserChange::Password {
            hash: hash_password(new.to_owned()).await?,
            keep_session: Some(self.shop.secret_key.token_hash(session_token)),
        };
        self.store
            .change_user(&user.id, &change, &crate::to_json(actor)?, now)
            .await?;
        tracing::info!(user = %user.id, "own password changed");
        Ok(PasswordChange::Changed)
    }
}
