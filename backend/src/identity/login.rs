//! The login and logout use cases: start at the provider, come back, verify, create or update the
//! person, start a session; or end it. Every outcome is written to the audit trail.

use serde_json::json;

use super::{new_secret, secret_hash, LoginAttempt, SessionPolicy, LOGIN_ATTEMPT_MS};
use super::{LoginFailure, Provider};
use crate::store::AuditEntry;
use crate::{Db, Error, Result};

/// Where to send the browser to log in, and the secret for the cookie that ties the answer to
/// this browser.
#[derive(Debug, Clone)]
pub struct LoginStart {
    /// The provider's authorization address.
    pub redirect_url: String,
    /// Value of the short-lived login cookie.
    pub browser_secret: String,
}

/// What the provider sent the browser back with.
#[derive(Debug, Clone, Default)]
pub struct Callback {
    /// The authorization code.
    pub code: Option<String>,
    /// The `state` we sent.
    pub state: Option<String>,
    /// The provider's error code, when it refused.
    pub error: Option<String>,
}

/// A successful login.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    /// Value of the new session cookie.
    pub session_secret: String,
    /// Local path to go to now.
    pub return_to: String,
    /// Who logged in.
    pub person_id: i64,
}

/// Starts a login that returns to `return_to` (a local path, checked by the caller).
pub async fn begin_login(db: &Db, provider: &Provider, return_to: &str, now: i64, request_id: Option<String>) -> Result<LoginStart> {
    let start = match provider.start().await {
        Ok(s) => s,
        Err(failure) => return Err(refused(db, failure, now, request_id).await),
    };
    let browser_secret = new_secret();
    db.save_login_attempt(&LoginAttempt {
        state: start.state,
        browser_hash: secret_hash(&browser_secret),
        nonce: start.nonce,
        pkce_verifier: start.pkce_verifier,
        return_to: return_to.to_owned(),
        created_at: now,
    })
    .await?;
    Ok(LoginStart { redirect_url: start.url, browser_secret })
}

/// Records a refused login (audit trail and log) and returns it as the error to show.
async fn refused(db: &Db, failure: LoginFailure, now: i64, request_id: Option<String>) -> Error {
    tracing::warn!(reason = failure.reason(), detail = %failure, "login refused");
    let entry = AuditEntry::new(None, "login_failed").with(json!({ "reason": failure.reason(), "detail": failure.to_string() })).in_request(request_id);
    if let Err(e) = db.audit(&entry, now).await {
        tracing::error!(error = %e, "could not write the audit record of a refused login");
    }
    Error::Login(failure)
}

/// Completes a login from the provider's answer: the `state` must be one this browser
/// (`browser_secret`, from its login cookie) started, unused and recent; then the code is
/// exchanged and the ID token verified. Only then is anything stored: the person and a new session.
pub async fn finish_login(
    db: &Db,
    provider: &Provider,
    callback: &Callback,
    browser_secret: Option<&str>,
    policy: SessionPolicy,
    now: i64,
    request_id: Option<String>,
) -> Result<LoggedIn> {
    match verify(db, provider, callback, browser_secret, now).await {
        Ok((attempt, identity)) => {
            let person_id = db.upsert_person(&identity.subject, &identity.profile, now).await?;
            let session_secret = db.create_session(person_id, Some(&identity.id_token), policy, now).await?;
            let entry = AuditEntry::new(Some(person_id), "login").with(json!({ "assurance": identity.profile.assurance.as_str() })).in_request(request_id);
            db.audit(&entry, now).await?;
            tracing::info!(person_id, "logged in");
            Ok(LoggedIn { session_secret, return_to: attempt.return_to, person_id })
        }
        Err(Error::Login(failure)) => Err(refused(db, failure, now, request_id).await),
        Err(e) => Err(e),
    }
}

async fn verify(db: &Db, provider: &Provider, callback: &Callback, browser_secret: Option<&str>, now: i64) -> Result<(LoginAttempt, super::VerifiedIdentity)> {
    let state = callback.state.as_deref().ok_or(Error::Login(LoginFailure::BadState("the answer carries no state")))?;
    // Taken out whatever follows: a state is good for one answer only.
    let attempt = db.take_login_attempt(state).await?.ok_or(Error::Login(LoginFailure::BadState("unknown or already used state")))?;
    if browser_secret.map(secret_hash).as_deref() != Some(attempt.browser_hash.as_str()) {
        return Err(Error::Login(LoginFailure::BadState("the login was started in another browser")));
    }
    if now - attempt.created_at > LOGIN_ATTEMPT_MS {
        return Err(Error::Login(LoginFailure::BadState("the login took too long")));
    }
    match (callback.error.as_deref(), callback.code.as_deref()) {
        (Some("access_denied"), _) => Err(Error::Login(LoginFailure::Cancelled)),
        (Some(other), _) => Err(Error::Login(LoginFailure::ProviderError(other.to_owned()))),
        (None, None) => Err(Error::Login(LoginFailure::BadToken("the answer carries no code".into()))),
        (None, Some(code)) => {
            let identity = provider.complete(code, &attempt.nonce, &attempt.pkce_verifier).await.map_err(Error::Login)?;
            Ok((attempt, identity))
        }
    }
}

/// Ends the session of `session_secret` (every session of its person when `everywhere`) and
/// returns where to send the browser: the provider's end-session address, or `None` for home.
pub async fn logout(db: &Db, provider: &Provider, session_secret: &str, everywhere: bool, now: i64, request_id: Option<String>) -> Result<Option<String>> {
    let Some((person_id, id_token)) = db.end_session(session_secret).await? else { return Ok(None) };
    let ended = if everywhere { 1 + db.end_all_sessions(person_id).await? } else { 1 };
    let action = if everywhere { "logout_everywhere" } else { "logout" };
    db.audit(&AuditEntry::new(Some(person_id), action).with(json!({ "sessions": ended })).in_request(request_id), now).await?;
    Ok(provider.end_session_url(id_token.as_deref()).await)
}
