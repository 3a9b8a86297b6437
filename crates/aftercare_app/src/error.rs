//! What a use case answers when it does not happen.

use std::fmt;

use aftercare_core::FactsError;
use aftercare_core::cases::Refusal;
use aftercare_core::i18n::{self, Lang, Said};
use aftercare_store::StoreError;

/// Why a use case did not happen. Nothing was written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Absent, or not visible to this actor (a customer never learns that another's case exists).
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{field}: {message}")]
    Invalid { field: String, message: Wording },
    #[error(transparent)]
    Refused(Refusal),
    #[error("{}", i18n::refusals().text(Lang::En, "refused-conflict"))]
    Conflict,
    #[error("this idempotency key was already used for a different request")]
    IdempotencyMismatch,
    #[error("the order's policy version `{0}` is not in the loaded policy")]
    UnknownPolicyVersion(String),
    /// An outside service (the payment provider) did not answer, or answered to try again:
    /// nothing was recorded, and the same request may be sent again.
    #[error("{0}")]
    ProviderUnavailable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<FactsError> for AppError {
    fn from(e: FactsError) -> Self {
        AppError::Invalid {
            field: e.field,
            message: e.message.into(),
        }
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Invalid { field, message } => AppError::Invalid {
                field,
                message: Wording::Said(message),
            },
            other => AppError::Refused(other),
        }
    }
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<Wording>) -> AppError {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The error in a language, for a page that shows it: refusals and invalid values from the
    /// refusals catalog, the rest as `Display` words them in English.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            AppError::Invalid { field, message } => format!("{field}: {}", message.words(lang)),
            AppError::Refused(refusal) => refusal.words(lang),
            AppError::Conflict => i18n::refusals().text(lang, "refused-conflict"),
            other => other.to_string(),
        }
    }
}

/// What an invalid value is told: a message of the refusals catalog, which reads in every
/// language, or words the app wrote in English where only staff or other systems read them
/// (the console and the API speak English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wording {
    Said(Said),
    English(String),
}

impl Wording {
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Wording::Said(said) => i18n::refusals().say(lang, said),
            Wording::English(text) => text.clone(),
        }
    }
}

impl fmt::Display for Wording {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

impl From<Said> for Wording {
    fn from(said: Said) -> Wording {
        Wording::Said(said)
    }
}

impl From<String> for Wording {
    fn from(text: String) -> Wording {
        Wording::English(text)
    }
}

impl From<&str> for Wording {
    fn from(text: &str) -> Wording {
        Wording::English(text.to_owned())
    }
}
