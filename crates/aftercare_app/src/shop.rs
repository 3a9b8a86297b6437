//! The shop as customers meet it: its name, the return warehouse every RMA sends parcels to
//! (III.2) and the address customers write to. Configured at start, changed by an admin on the
//! console; each change is kept with who made it and when.

use aftercare_core::cases::{Actor, Refusal, Role, limits};
use aftercare_store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::{App, AppError, to_json};

/// The shop's name, return warehouse and contact address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopProfile {
    pub name: String,
    /// Where returns are sent (the designated return warehouse, III.2).
    pub return_address: String,
    /// Where customers write to customer service.
    pub contact_email: String,
}

impl Default for ShopProfile {
    fn default() -> Self {
        ShopProfile {
            name: "LocksMall".into(),
            return_address: "LocksMall Returns, Warehouse 3, 88 Haigang Road, Beilun District, Ningbo, Zhejiang 315800, China".into(),
            contact_email: "locksmall1@gmail.com".into(),
        }
    }
}

impl ShopProfile {
    /// The profile trimmed, or the first field that is empty, too long or not an address.
    pub fn checked(self) -> Result<ShopProfile, AppError> {
        let invalid = |field: &str, message: String| AppError::Invalid {
            field: field.into(),
            message: message.into(),
        };
        let profile = ShopProfile {
            name: self.name.trim().to_owned(),
            return_address: self.return_address.trim().to_owned(),
            contact_email: self.contact_email.trim().to_lowercase(),
        };
        for (field, value, limit) in [
            ("name", &profile.name, limits::SHORT),
            ("return_address", &profile.return_address, limits::LINE),
            ("contact_email", &profile.contact_email, limits::SHORT),
        ] {
            if value.is_empty() {
                return Err(invalid(field, "must not be empty".into()));
            }
            if value.chars().count() > limit {
                return Err(invalid(field, format!("at most {limit} characters")));
            }
        }
        if !crate::orders::looks_like_email(&profile.contact_email) {
            return Err(invalid("contact_email", "is not an e-mail address".into()));
        }
        Ok(profile)
    }
}

/// The shop's logo: a PNG the server made from an admin's upload (or the configured file), and
/// a version that changes with it, so pages can link to it and browsers keep it for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopLogo {
    pub png: Vec<u8>,
    /// The first 16 hex digits of the PNG's SHA-256.
    pub version: String,
}

/// Largest logo kept, in bytes: the web layer shrinks uploads far below this.
pub const LOGO_BYTES: usize = 512 * 1024;

impl ShopLogo {
    pub fn new(png: Vec<u8>) -> ShopLogo {
        use sha2::Digest;
        let version = sha2::Sha256::digest(&png)
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        ShopLogo { png, version }
    }

    /// Where the server serves it: the address changes with the picture.
    pub fn path(&self) -> String {
        format!("/logo/{}.png", self.version)
    }
}

impl<S: Store> App<S> {
    /// The shop's logo now, if it has one.
    pub fn shop_logo(&self) -> Option<Arc<ShopLogo>> {
        match self.logo.read() {
            Ok(l) => l.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn swap_logo(&self, logo: Option<Arc<ShopLogo>>) {
        match self.logo.write() {
            Ok(mut l) => *l = logo,
            Err(poisoned) => *poisoned.into_inner() = logo,
        }
    }

    /// An admin sets the shop's logo (a PNG of at most [`LOGO_BYTES`]) or removes it (`None`);
    /// kept with who and when, shown from the next page on.
    pub async fn set_shop_logo(&self, actor: &Actor, png: Option<Vec<u8>>) -> Result<(), AppError> {
        if !actor.has(Role::Admin) {
            return Err(AppError::Refused(Refusal::only(
                "admin",
                "doing-change-logo",
            )));
        }
        if let Some(png) = &png
            && (!png.starts_with(b"\x89PNG\r\n\x1a\n") || png.len() > LOGO_BYTES)
        {
            return Err(AppError::Invalid {
                field: "logo".into(),
                message: format!("must be a PNG of at most {} KiB", LOGO_BYTES / 1024).into(),
            });
        }
        self.store
            .save_shop_logo(png.as_deref(), &to_json(actor)?, self.now())
            .await?;
        tracing::info!(by = %actor.id, removed = png.is_none(), "shop logo changed");
        self.swap_logo(png.map(|png| Arc::new(ShopLogo::new(png))));
        Ok(())
    }

    /// What signs the shop's e-mails now: its profile and its logo's address.
    pub(crate) fn letterhead(&self) -> crate::mail::Letterhead {
        crate::mail::Letterhead {
            shop: self.shop_profile(),
            logo_url: self
                .shop_logo()
                .map(|l| format!("{}{}", self.shop.public_url.trim_end_matches('/'), l.path())),
        }
    }

    /// Where the shop's goods leave from (the newest policy version's `ships_from`).
    pub fn ships_from(&self) -> String {
        self.policy
            .versions()
            .last()
            .map(|v| v.order.ships_from.clone())
            .unwrap_or_default()
    }

    /// The shop's name now, without copying the rest of its profile.
    pub fn shop_name(&self) -> String {
        match self.profile.read() {
            Ok(p) => p.name.clone(),
            Err(poisoned) => poisoned.into_inner().name.clone(),
        }
    }

    /// The shop's profile now.
    pub fn shop_profile(&self) -> ShopProfile {
        // A writer that panicked left a whole profile behind: the lock only guards a swap.
        match self.profile.read() {
            Ok(p) => p.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set_profile(&self, profile: ShopProfile) {
        match self.profile.write() {
            Ok(mut p) => *p = profile,
            Err(poisoned) => *poisoned.into_inner() = profile,
        }
    }

    /// Takes the profile and the logo an admin last saved, if any, over the configured ones.
    /// Run at start.
    pub async fn load_shop_profile(&self) -> Result<(), AppError> {
        if let Some(saved) = self.store.shop_profile().await? {
            let profile: ShopProfile = serde_json::from_value(saved)
                .map_err(|e| StoreError::Corrupt(format!("shop profile: {e}")))?;
            self.set_profile(profile);
        }
        // A saved removal counts too: only a shop whose admins never touched the logo keeps
        // the configured one.
        if let Some(saved) = self.store.shop_logo().await? {
            self.swap_logo(saved.map(|png| Arc::new(ShopLogo::new(png))));
        }
        Ok(())
    }

    /// An admin changes the shop's profile; kept with who and when, used from the next page,
    /// e-mail and RMA on.
    pub async fn update_shop_profile(
        &self,
        actor: &Actor,
        profile: ShopProfile,
    ) -> Result<ShopProfile, AppError> {
        if !actor.has(Role::Admin) {
            return Err(AppError::Refused(Refusal::only(
                "admin",
                "doing-change-profile",
            )));
        }
        let profile = profile.checked()?;
        self.store
            .save_shop_profile(&to_json(&profile)?, &to_json(actor)?, self.now())
            .await?;
        tracing::info!(by = %actor.id, "shop profile changed");
        self.set_profile(profile.clone());
        Ok(profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_trimmed_and_each_field_checked() {
        let good = ShopProfile {
            name: " LocksMall ".into(),
            return_address: "Warehouse 3, Ningbo".into(),
            contact_email: "Care@Shop.Example".into(),
        };
        let checked = good.clone().checked().unwrap();
        assert_eq!(checked.name, "LocksMall");
        assert_eq!(checked.contact_email, "care@shop.example");
        for (edit, field) in [
            (
                ShopProfile {
                    name: "  ".into(),
                    ..good.clone()
                },
                "name",
            ),
            (
                ShopProfile {
                    return_address: "x".repeat(1001),
                    ..good.clone()
                },
                "return_address",
            ),
            (
                ShopProfile {
                    contact_email: "care at shop".into(),
                    ..good.clone()
                },
                "contact_email",
            ),
        ] {
            match edit.checked() {
                Err(AppError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }
}
