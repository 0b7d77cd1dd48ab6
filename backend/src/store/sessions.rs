//! Server-side sessions and pending logins. The browser holds only a random token; the database
//! holds its SHA-256, so neither a copy of the database nor of the logs lets anyone in.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use domain::access::Principal;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{with_pool, with_writer};
use crate::clock::MINUTE_MS;
use crate::{Db, Result};

/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY_MS: i64 = MINUTE_MS;

/// How long sessions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session unused this long ends (milliseconds).
    pub idle_ms: i64,
    /// A session ends this long after login, used or not (milliseconds).
    pub absolute_ms: i64,
}

/// A login must come back from the provider within this time.
pub const LOGIN_ATTEMPT_MS: i64 = 10 * MINUTE_MS;

/// A random secret for a cookie: 32 bytes, URL-safe base64.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The hex SHA-256 of a secret, as stored.
pub fn secret_hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A session found for a request's cookie.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveSession {
    /// Who is logged in, with their roles.
    pub principal: Principal,
    /// Given and middle name, for the header.
    pub name: String,
}

/// A login on its way through the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginAttempt {
    /// The `state` sent to the provider.
    pub state: String,
    /// Hash of the cookie of the browser that started it.
    pub browser_hash: String,
    /// The `nonce` the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier of the code challenge sent.
    pub pkce_verifier: String,
    /// Local path to go to after login.
    pub return_to: String,
    /// When it started.
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct DbSession {
    person_id: i64,
    last_seen_at: i64,
    given_name: String,
    middle_name: Option<String>,
    family_name: String,
}

impl Db {
    /// Starts a session for `person_id`; returns the secret for the cookie. Always a new secret,
    /// so a session id planted before login is worthless (no fixation).
    #[tracing::instrument(skip_all)]
    pub async fn create_session(&self, person_id: i64, id_token: Option<&str>, policy: SessionPolicy, now: i64) -> Result<String> {
        let secret = new_secret();
        with_writer!(self, |p| {
            sqlx::query("INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at, id_token) VALUES ($1, $2, $3, $3, $4, $5)")
                .bind(secret_hash(&secret))
                .bind(person_id)
                .bind(now)
                .bind(now + policy.absolute_ms)
                .bind(id_token)
                .execute(p)
                .await?;
        });
        Ok(secret)
    }

    /// The live session of cookie `secret`, touching it; an expired one is deleted and `None`.
    #[tracing::instrument(skip_all)]
    pub async fn active_session(&self, secret: &str, policy: SessionPolicy, now: i64) -> Result<Option<ActiveSession>> {
        let hash = secret_hash(secret);
        let row: Option<DbSession> = with_pool!(self, |p| sqlx::query_as(
            "SELECT s.person_id, s.last_seen_at, p.given_name, p.middle_name, p.family_name FROM sessions s \
             JOIN persons p ON p.id = s.person_id WHERE s.id_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3"
        )
        .bind(&hash)
        .bind(now)
        .bind(now - policy.idle_ms)
        .fetch_optional(p)
        .await?);
        let Some(row) = row else {
            with_writer!(self, |p| {
                sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(&hash).execute(p).await?;
            });
            return Ok(None);
        };
        if now - row.last_seen_at >= TOUCH_EVERY_MS {
            with_writer!(self, |p| {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2").bind(now).bind(&hash).execute(p).await?;
            });
        }
        let Some(principal) = self.principal(row.person_id).await? else { return Ok(None) };
        let name = [Some(row.given_name.as_str()), row.middle_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let name = if name.trim().is_empty() { row.family_name } else { name };
        Ok(Some(ActiveSession { principal, name }))
    }

    /// Ends the session of cookie `secret`; returns its person and ID token (for the provider's
    /// end-session call), or `None` when there was none.
    #[tracing::instrument(skip_all)]
    pub async fn end_session(&self, secret: &str) -> Result<Option<(i64, Option<String>)>> {
        Ok(with_writer!(self, |p| sqlx::query_as("DELETE FROM sessions WHERE id_hash = $1 RETURNING person_id, id_token")
            .bind(secret_hash(secret))
            .fetch_optional(p)
            .await?))
    }

    /// Ends every session of `person_id` ("log out everywhere"); returns how many.
    #[tracing::instrument(skip_all)]
    pub async fn end_all_sessions(&self, person_id: i64) -> Result<u64> {
        Ok(with_writer!(self, |p| sqlx::query("DELETE FROM sessions WHERE person_id = $1").bind(person_id).execute(p).await?.rows_affected()))
    }

    /// Number of live sessions of `person_id`.
    #[tracing::instrument(skip_all)]
    pub async fn session_count(&self, person_id: i64, policy: SessionPolicy, now: i64) -> Result<i64> {
        let (n,): (i64,) = with_pool!(self, |p| sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE person_id = $1 AND expires_at > $2 AND last_seen_at > $3")
            .bind(person_id)
            .bind(now)
            .bind(now - policy.idle_ms)
            .fetch_one(p)
            .await?);
        Ok(n)
    }

    /// Remembers a login on its way through the provider.
    #[tracing::instrument(skip_all)]
    pub async fn save_login_attempt(&self, a: &LoginAttempt) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query("INSERT INTO login_attempts (state, browser_hash, nonce, pkce_verifier, return_to, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(&a.state)
                .bind(&a.browser_hash)
                .bind(&a.nonce)
                .bind(&a.pkce_verifier)
                .bind(&a.return_to)
                .bind(a.created_at)
                .execute(p)
                .await?;
        });
        Ok(())
    }

    /// Takes the login attempt of `state` out, so it can be used only once.
    #[tracing::instrument(skip_all)]
    pub async fn take_login_attempt(&self, state: &str) -> Result<Option<LoginAttempt>> {
        let row: Option<(String, String, String, String, String, i64)> = with_writer!(self, |p| sqlx::query_as(
            "DELETE FROM login_attempts WHERE state = $1 RETURNING state, browser_hash, nonce, pkce_verifier, return_to, created_at"
        )
        .bind(state)
        .fetch_optional(p)
        .await?);
        Ok(row.map(|(state, browser_hash, nonce, pkce_verifier, return_to, created_at)| LoginAttempt {
            state,
            browser_hash,
            nonce,
            pkce_verifier,
            return_to,
            created_at,
        }))
    }

    /// Deletes expired sessions and abandoned logins; returns how many rows went.
    #[tracing::instrument(skip_all)]
    pub async fn purge_expired_sessions(&self, policy: SessionPolicy, now: i64) -> Result<u64> {
        let sessions = with_writer!(self, |p| sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
            .bind(now)
            .bind(now - policy.idle_ms)
            .execute(p)
            .await?
            .rows_affected());
        let attempts = with_writer!(self, |p| sqlx::query("DELETE FROM login_attempts WHERE created_at <= $1")
            .bind(now - LOGIN_ATTEMPT_MS)
            .execute(p)
            .await?
            .rows_affected());
        Ok(sessions + attempts)
    }
}
