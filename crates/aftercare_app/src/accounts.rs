//! Who is signed in: staff accounts with argon2id passwords, customers through a single-use link
//! e-mailed to the address of their order, and the sessions both open.
//!
//! Session tokens and link tokens are long random strings; only their SHA-256 is stored, so a
//! copy of the database opens nothing. Answers never tell whether an e-mail or order exists.

use aftercare_core::cases::{Actor, Role};
use aftercare_store::{NewMail, SessionRecord, SignInLink, Store, UserRecord};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use jiff::{SignedDuration, Timestamp};
use std::sync::OnceLock;

use crate::mail::{self, Letter};
use crate::{App, AppError, StoreError, new_id};

/// A staff session ends after this long without a request.
pub const STAFF_IDLE: SignedDuration = SignedDuration::from_mins(30);
/// A staff session ends this long after sign-in, whatever happens.
pub const STAFF_ABSOLUTE: SignedDuration = SignedDuration::from_hours(12);
/// A customer session ends after this long without a request.
pub const CUSTOMER_IDLE: SignedDuration = SignedDuration::from_mins(60);
/// A customer session ends this long after the link was opened.
pub const CUSTOMER_ABSOLUTE: SignedDuration = SignedDuration::from_hours(24);
/// A sign-in link works this long, once.
pub const LINK_VALID: SignedDuration = SignedDuration::from_mins(15);
/// Shortest password a staff account may have.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The staff roles an account may hold.
pub const STAFF_ROLES: [Role; 4] = [Role::Agent, Role::Warehouse, Role::Finance, Role::Admin];

/// A staff role from its name.
pub fn parse_staff_role(name: &str) -> Option<Role> {
    STAFF_ROLES
        .into_iter()
        .find(|r| r.id() == name.trim().to_ascii_lowercase())
}

/// A session just opened: the token goes into the cookie and exists nowhere else.
#[derive(Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

impl std::fmt::Debug for NewSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewSession { .. }")
    }
}

/// The person behind a valid session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub actor: Actor,
    /// The staff member's name, or the customer's e-mail.
    pub display_name: String,
    /// The token forms must echo.
    pub csrf_token: String,
}

/// A staff account without its hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub id: String,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub created_at: Timestamp,
    pub disabled: bool,
}

impl From<&UserRecord> for StaffAccount {
    fn from(u: &UserRecord) -> Self {
        StaffAccount {
            id: u.id.clone(),
            email: u.email.clone(),
            name: u.name.clone(),
            roles: u.roles.iter().filter_map(|r| parse_staff_role(r)).collect(),
            created_at: u.created_at,
            disabled: u.disabled_at.is_some(),
        }
    }
}

/// A random token of 244 bits from the operating system's generator, as hex.
pub(crate) fn random_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// The server's secret: session and sign-in-link tokens are stored as its HMAC, so a copy of
/// the database without the key can neither open a session nor recognise a token.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(redacted)")
    }
}

impl SecretKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> SecretKey {
        let mut key = [0u8; 32];
        key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        SecretKey(key)
    }

    /// A key written as 64 hexadecimal digits.
    pub fn from_hex(text: &str) -> Result<SecretKey, String> {
        let text = text.trim();
        if text.len() != 64 {
            return Err(format!("must be 64 hexadecimal digits, not {}", text.len()));
        }
        let mut key = [0u8; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
                .map_err(|_| "must be 64 hexadecimal digits".to_owned())?;
        }
        Ok(SecretKey(key))
    }

    /// The key as 64 hexadecimal digits, to keep in a file.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Hex HMAC-SHA256 of a token under this key.
    pub(crate) fn token_hash(&self, token: &str) -> String {
        use hmac::{KeyInit, Mac};
        let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.0) else {
            // HMAC takes keys of any length; this branch cannot be reached with 32 bytes.
            return String::new();
        };
        mac.update(token.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A trimmed, lowercased e-mail address with one `@` and something on both sides.
pub fn parse_email(field: &str, text: &str) -> Result<String, AppError> {
    let email = text.trim().to_ascii_lowercase();
    // The import's check, plus what a sign-in name must also be: one `@`, a bounded length.
    let valid = email.len() <= 254
        && crate::orders::looks_like_email(&email)
        && email.matches('@').count() == 1;
    if valid {
        Ok(email)
    } else {
        Err(AppError::Invalid {
            field: field.into(),
            message: "must be an e-mail address like name@example.com".into(),
        })
    }
}

pub(crate) async fn hash_password(password: String) -> Result<String, AppError> {
    // Argon2id takes tens of milliseconds of CPU by design: keep it off the async workers.
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| StoreError::Corrupt(format!("password hashing stopped: {e}")))?
    .map_err(|e| StoreError::Corrupt(format!("password hashing failed: {e}")).into())
}

/// Checks a password against a stored hash; with no hash (an unknown e-mail) it checks against a
/// decoy so that the answer takes as long and says the same.
pub(crate) async fn verify_password(password: String, hash: Option<String>) -> bool {
    static DECOY: OnceLock<String> = OnceLock::new();
    tokio::task::spawn_blocking(move || {
        let decoy = || {
            DECOY.get_or_init(|| {
                Argon2::default()
                    .hash_password(random_token().as_bytes())
                    .map(|h| h.to_string())
                    .unwrap_or_default()
            })
        };
        let (hash, real) = match &hash {
            Some(h) => (h.as_str(), true),
            None => (decoy().as_str(), false),
        };
        let ok = PasswordHash::new(hash).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        });
        ok && real
    })
    .await
    .unwrap_or(false)
}

/// Failed password sign-ins an account may have within [`FAILURE_WINDOW`] before its sign-in is
/// refused until the window moves on: enough for a person who mistypes, far too few to guess.
pub const FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed password sign-ins from one address within [`FAILURE_WINDOW`], over every account.
pub const FAILURES_PER_ADDRESS: i64 = 30;
/// How far back failed sign-ins count.
pub const FAILURE_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_mins(15);

/// What a staff password sign-in gave.
#[derive(Debug)]
pub enum StaffSignIn {
    SignedIn(NewSession),
    /// The e-mail or the password is wrong, or the account disabled (which, is not said).
    Refused,
    /// Too many failures for the account or from the address lately.
    Throttled,
}

impl<S: Store> App<S> {
    /// Checks a staff member's e-mail and password and opens a new session. Refused, after the
    /// same work, when either is wrong or the account is disabled; throttled, without checking
    /// the password, after [`FAILURES_PER_ACCOUNT`] failures for the account or
    /// [`FAILURES_PER_ADDRESS`] from the address within [`FAILURE_WINDOW`]. Only failures count,
    /// and they are kept in the database, so every server sharing it throttles as one.
    pub async fn sign_in_staff(
        &self,
        email: &str,
        password: &str,
        address: std::net::IpAddr,
    ) -> Result<StaffSignIn, AppError> {
        let email = email.trim().to_ascii_lowercase();
        let account: String = email.chars().take(254).collect();
        let address = address.to_string();
        let now = self.now();
        let since = now
            .checked_sub(FAILURE_WINDOW)
            .unwrap_or(jiff::Timestamp::MIN);
        let (by_account, by_address) = self
            .store
            .sign_in_failures(&account, &address, since)
            .await?;
        if by_account >= FAILURES_PER_ACCOUNT || by_address >= FAILURES_PER_ADDRESS {
            return Ok(StaffSignIn::Throttled);
        }
        let user = if email.len() <= 254 {
            self.store.user_by_email(&email).await?
        } else {
            None
        };
        let hash = user.as_ref().map(|u| u.password_hash.clone());
        let matches = password.len() <= 1024 && verify_password(password.to_owned(), hash).await;
        let Some(user) = user.filter(|u| matches && u.disabled_at.is_none()) else {
            let forget_before = now
                .checked_sub(jiff::SignedDuration::from_hours(24))
                .unwrap_or(jiff::Timestamp::MIN);
            self.store
                .record_sign_in_failure(&account, &address, now, forget_before)
                .await?;
            return Ok(StaffSignIn::Refused);
        };
        Ok(StaffSignIn::SignedIn(
            self.open_session(Some(user.id), None).await?,
        ))
    }

    /// A customer asks for a sign-in link with an order number and an e-mail. When they belong
    /// together, a link valid [`LINK_VALID`] is e-mailed; the caller learns nothing either way.
    pub async fn request_sign_in_link(
        &self,
        order_number: &str,
        email: &str,
    ) -> Result<(), AppError> {
        let number = order_number.trim();
        let email = email.trim().to_ascii_lowercase();
        if number.is_empty() || number.len() > 100 || email.len() > 254 {
            return Ok(());
        }
        let Some(order) = self.store.order_by_number(number).await? else {
            return Ok(());
        };
        if !order.customer_email.eq_ignore_ascii_case(&email) {
            return Ok(());
        }
        let token = random_token();
        let now = self.now();
        let link = SignInLink {
            token_hash: self.shop.secret_key.token_hash(&token),
            customer_email: order.customer_email.to_ascii_lowercase(),
            created_at: now,
            expires_at: now + LINK_VALID,
        };
        let url = format!(
            "{}/sign-in/{token}",
            self.shop.public_url.trim_end_matches('/')
        );
        let letter = mail::sign_in_link(
            mail::language_of(&order),
            &order.customer_name,
            &url,
            LINK_VALID,
            &self.letterhead(),
        );
        self.store
            .create_sign_in_link(&link, &letter.to_mail(new_id(), &link.customer_email))
            .await?;
        self.mail_queued.notify_one();
        Ok(())
    }

    /// Opens a customer session from a link's token; `None` when the link is unknown, used or
    /// expired.
    pub async fn open_sign_in_link(&self, token: &str) -> Result<Option<NewSession>, AppError> {
        if token.len() > 200 {
            return Ok(None);
        }
        match self
            .store
            .use_sign_in_link(&self.shop.secret_key.token_hash(token), self.now())
            .await?
        {
            Some(email) => Ok(Some(self.open_session(None, Some(email)).await?)),
            None => Ok(None),
        }
    }

    async fn open_session(
        &self,
        user_id: Option<String>,
        customer_email: Option<String>,
    ) -> Result<NewSession, AppError> {
        // A new token at every sign-in: a token planted before sign-in is never promoted.
        let token = random_token();
        let now = self.now();
        let session = SessionRecord {
            id_hash: self.shop.secret_key.token_hash(&token),
            user_id,
            customer_email,
            csrf_token: random_token(),
            created_at: now,
            last_seen_at: now,
        };
        self.store.create_session(&session).await?;
        Ok(NewSession {
            token,
            csrf_token: session.csrf_token,
        })
    }

    /// The person behind a session token, when the session is still valid; records the activity.
    pub async fn session(&self, token: &str) -> Result<Option<SignedIn>, AppError> {
        if token.len() > 200 {
            return Ok(None);
        }
        let hash = self.shop.secret_key.token_hash(token);
        let Some((session, user)) = self.store.session_with_user(&hash).await? else {
            return Ok(None);
        };
        let now = self.now();
        let (idle, absolute) = if session.user_id.is_some() {
            (STAFF_IDLE, STAFF_ABSOLUTE)
        } else {
            (CUSTOMER_IDLE, CUSTOMER_ABSOLUTE)
        };
        if now >= session.last_seen_at + idle || now >= session.created_at + absolute {
            self.store.delete_session(&hash).await?;
            return Ok(None);
        }
        let signed_in = match (&session.user_id, &session.customer_email) {
            (Some(_), _) => match user {
                Some(user) if user.disabled_at.is_none() => SignedIn {
                    actor: Actor {
                        id: user.id.clone(),
                        roles: StaffAccount::from(&user).roles,
                    },
                    display_name: user.name,
                    csrf_token: session.csrf_token.clone(),
                },
                _ => return Ok(None),
            },
            (None, Some(email)) => SignedIn {
                actor: Actor {
                    id: email.clone(),
                    roles: vec![Role::Customer],
                },
                display_name: email.clone(),
                csrf_token: session.csrf_token.clone(),
            },
            (None, None) => return Ok(None),
        };
        // Writing on every request would serialise reads on SQLite; a minute's slack is enough.
        if now >= session.last_seen_at + SignedDuration::from_mins(1) {
            self.store.touch_session(&hash, now).await?;
        }
        Ok(Some(signed_in))
    }

    /// Ends a session on the server, so a copied cookie stops working too.
    pub async fn sign_out(&self, token: &str) -> Result<(), AppError> {
        if token.len() <= 200 {
            self.store
                .delete_session(&self.shop.secret_key.token_hash(token))
                .await?;
        }
        Ok(())
    }
}

impl Letter {
    pub(crate) fn to_mail(&self, id: String, recipient: &str) -> NewMail {
        NewMail {
            id,
            recipient: recipient.to_owned(),
            subject: self.subject.clone(),
            text_body: self.text.clone(),
            html_body: self.html.clone(),
            reply_to: None,
            attachments: Vec::new(),
            drawn: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_trimmed_lowercased_and_checked() {
        assert_eq!(
            parse_email("email", "  Ana@Example.COM ").unwrap(),
            "ana@example.com"
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "a b@example.com",
            "a@b@c.com",
            "ana@.com",
        ] {
            assert!(parse_email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn secret_keys_round_trip_through_hex_and_key_the_token_hashes() {
        let key = SecretKey::generate();
        assert_eq!(SecretKey::from_hex(&key.to_hex()).unwrap(), key);
        assert!(SecretKey::from_hex("abc").is_err());
        assert!(SecretKey::from_hex(&"zz".repeat(32)).is_err());
        let other = SecretKey::generate();
        assert_ne!(key.token_hash("t"), other.token_hash("t"));
        assert_eq!(key.token_hash("t").len(), 64);
        assert_eq!(format!("{key:?}"), "SecretKey(redacted)");
    }

    #[test]
    fn staff_roles_parse_from_their_names_only() {
        assert_eq!(parse_staff_role("Finance"), Some(Role::Finance));
        assert_eq!(parse_staff_role("customer"), None);
        assert_eq!(parse_staff_role("system"), None);
    }

    #[tokio::test]
    async fn a_password_matches_its_own_hash_only_and_no_hash_matches_nothing() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), Some(hash.clone())).await);
        assert!(!verify_password("correct horse batterY".into(), Some(hash)).await);
        assert!(!verify_password("anything".into(), None).await);
    }
}
