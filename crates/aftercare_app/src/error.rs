//! What a use case answers when it does not happen.

use aftercare_core::FactsError;
use aftercare_core::cases::Refusal;
use aftercare_store::StoreError;

/// Why a use case did not happen. Nothing was written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Absent, or not visible to this actor (a customer never learns that another's case exists).
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error(transparent)]
    Refused(Refusal),
    #[error("the case was changed by someone else in the meantime; reload it and try again")]
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
            message: e.message,
        }
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Invalid { field, message } => AppError::Invalid { field, message },
            other => AppError::Refused(other),
        }
    }
}
