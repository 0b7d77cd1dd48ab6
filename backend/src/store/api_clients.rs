//! Clients of the public API as stored: registered with their technical account in one
//! transaction, found by the id in their key, listed for the operator, revoked.

use super::{with_pool, with_tx, with_writer};
use crate::{Db, Result};

/// A client as stored.
#[derive(Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApiClientRow {
    /// The id written in its key.
    pub id: String,
    /// Its technical account: what history and the audit trail name.
    pub person_id: i64,
    /// The department it works for.
    pub department_code: String,
    /// The name the operator gave it.
    pub name: String,
    /// Space-separated scopes.
    pub scopes: String,
    /// SHA-256 of its key, hex.
    pub key_hash: String,
    /// When it was registered, UTC milliseconds.
    pub created_at: i64,
    /// When it last called the API (to the minute), if ever.
    pub last_used_at: Option<i64>,
    /// When the operator revoked it.
    pub revoked_at: Option<i64>,
    /// Where its webhook deliveries go.
    pub webhook_url: Option<String>,
    /// The secret they are signed with (`whsec_…`).
    pub webhook_secret: Option<String>,
}

// Written out so that its key's hash and webhook secret never reach a log.
impl std::fmt::Debug for ApiClientRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClientRow")
            .field("id", &self.id)
            .field("department_code", &self.department_code)
            .field("scopes", &self.scopes)
            .field("revoked_at", &self.revoked_at)
            .field("webhook_url", &self.webhook_url)
            .finish_non_exhaustive()
    }
}

/// A client to register.
pub struct NewApiClient<'a> {
    /// The id written in its key.
    pub id: &'a str,
    /// The department it works for.
    pub department_code: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Space-separated scopes.
    pub scopes: &'a str,
    /// SHA-256 of its key, hex.
    pub key_hash: &'a str,
    /// The operator registering it.
    pub created_by: i64,
}

const COLUMNS: &str = "id, person_id, department_code, name, scopes, key_hash, created_at, last_used_at, revoked_at, webhook_url, webhook_secret";

impl Db {
    /// Registers `client` and its technical account (subject `api:<id>`, confirmed, named like
    /// the client) in one transaction.
    #[tracing::instrument(skip_all)]
    pub async fn insert_api_client(&self, client: &NewApiClient<'_>, now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        let subject = format!("api:{}", client.id);
        let (person_id,): (i64,) = with_tx!(tx, |c| sqlx::query_as(
            "INSERT INTO persons (subject, family_name, given_name, assurance, created_at, updated_at) \
             VALUES ($1, $2, '', 'confirmed', $3, $3) RETURNING id"
        )
        .bind(&subject)
        .bind(client.name)
        .bind(now)
        .fetch_one(c)
        .await?);
        with_tx!(tx, |c| sqlx::query(
            "INSERT INTO api_clients (id, person_id, department_code, name, scopes, key_hash, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(client.id)
        .bind(person_id)
        .bind(client.department_code)
        .bind(client.name)
        .bind(client.scopes)
        .bind(client.key_hash)
        .bind(now)
        .bind(client.created_by)
        .execute(c)
        .await
        .map(drop)?);
        tx.commit().await
    }

    /// Client `id`, revoked or not.
    #[tracing::instrument(skip_all)]
    pub async fn api_client(&self, id: &str) -> Result<Option<ApiClientRow>> {
        let sql = format!("SELECT {COLUMNS} FROM api_clients WHERE id = $1");
        Ok(with_pool!(self, |p| sqlx::query_as(&sql).bind(id).fetch_optional(p).await?))
    }

    /// Every client, newest first.
    #[tracing::instrument(skip_all)]
    pub async fn api_clients(&self) -> Result<Vec<ApiClientRow>> {
        let sql = format!("SELECT {COLUMNS} FROM api_clients ORDER BY created_at DESC, id");
        Ok(with_pool!(self, |p| sqlx::query_as(&sql).fetch_all(p).await?))
    }

    /// Revokes client `id` at `now`; false when there is no such client or it was revoked.
    #[tracing::instrument(skip_all)]
    pub async fn revoke_api_client(&self, id: &str, now: i64) -> Result<bool> {
        // Its webhook goes with it: nothing is delivered to a revoked client, and its secret is not kept.
        let done = with_writer!(self, |p| sqlx::query(
            "UPDATE api_clients SET revoked_at = $1, webhook_url = NULL, webhook_secret = NULL WHERE id = $2 AND revoked_at IS NULL"
        )
        .bind(now)
        .bind(id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(done == 1)
    }

    /// Notes that client `id` called at `now`, at most once a minute (a write per call would
    /// make every read a write).
    #[tracing::instrument(skip_all)]
    pub async fn touch_api_client(&self, id: &str, now: i64) -> Result<()> {
        with_writer!(self, |p| sqlx::query("UPDATE api_clients SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)")
            .bind(now)
            .bind(id)
            .bind(now - 60_000)
            .execute(p)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Sets (with `Some`) or removes the webhook of client `id`, unless it is revoked; false
    /// when there is no such client.
    #[tracing::instrument(skip_all)]
    pub async fn set_webhook(&self, id: &str, webhook: Option<(&str, &str)>) -> Result<bool> {
        let (url, secret) = webhook.unzip();
        let done = with_writer!(self, |p| sqlx::query("UPDATE api_clients SET webhook_url = $1, webhook_secret = $2 WHERE id = $3 AND revoked_at IS NULL")
            .bind(url)
            .bind(secret)
            .bind(id)
            .execute(p)
            .await?
            .rows_affected());
        Ok(done == 1)
    }

    /// The ids and scopes of `department`'s clients that have a webhook and are not revoked.
    #[tracing::instrument(skip_all)]
    pub async fn webhook_clients(&self, department: &str) -> Result<Vec<(String, String)>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT id, scopes FROM api_clients WHERE department_code = $1 AND webhook_url IS NOT NULL AND revoked_at IS NULL ORDER BY id"
        )
        .bind(department)
        .fetch_all(p)
        .await?))
    }
}
