//! Identity: persons from the federal provider, their staff roles, sessions, and the login and
//! logout use cases that tie them to the provider.

pub mod account;
mod login;
pub mod oidc;

pub use crate::store::sessions::{new_secret, secret_hash, ActiveSession, LoginAttempt, SessionPolicy, LOGIN_ATTEMPT_MS};
pub use login::{begin_login, finish_login, logout, Callback, LoggedIn, LoginStart};
pub use oidc::{ClaimNames, OidcSettings, Provider, VerifiedIdentity};

/// Why a login was refused. Each has its own localized page; the detail goes to the log and the
/// audit trail, never to the browser.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginFailure {
    /// The person declined at the provider.
    #[error("cancelled at the provider")]
    Cancelled,
    /// The provider answered with another error.
    #[error("the provider answered with an error: {0}")]
    ProviderError(String),
    /// The answer does not belong to a login this browser started (unknown, reused, expired or
    /// foreign `state`).
    #[error("state refused: {0}")]
    BadState(&'static str),
    /// The code could not be exchanged or the ID token failed verification.
    #[error("{0}")]
    BadToken(String),
    /// The provider could not be reached.
    #[error("provider unavailable: {0}")]
    ProviderUnavailable(String),
}

impl LoginFailure {
    /// Short name of the kind of failure, for addresses, pages and the audit trail.
    pub fn reason(&self) -> &'static str {
        match self {
            LoginFailure::Cancelled => "cancelled",
            LoginFailure::ProviderError(_) => "provider_error",
            LoginFailure::BadState(_) => "bad_state",
            LoginFailure::BadToken(_) => "bad_token",
            LoginFailure::ProviderUnavailable(_) => "unavailable",
        }
    }
}
