//! The federal inbox as stored: which inbox messages were taken in, once each.

use super::{with_pool, with_tx, Tx};
use crate::{Db, Result};

impl Db {
    /// Whether inbox message `message_id` was stored before.
    #[tracing::instrument(skip_all)]
    pub async fn inbound_seen(&self, message_id: &str) -> Result<bool> {
        let row: Option<(String,)> =
            with_pool!(self, |p| sqlx::query_as("SELECT message_id FROM federal_inbox WHERE message_id = $1").bind(message_id).fetch_optional(p).await?);
        Ok(row.is_some())
    }
}

impl Tx {
    /// Records inbox message `message_id` (federal id `federal_id`) as stored as application
    /// `application_id`; `false` (writing nothing) when it was stored before.
    #[tracing::instrument(skip_all)]
    pub async fn record_inbound(&mut self, message_id: &str, federal_id: &str, application_id: &str, now: i64) -> Result<bool> {
        let fresh = with_tx!(self, |c| sqlx::query(
            "INSERT INTO federal_inbox (message_id, federal_id, application_id, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT (message_id) DO NOTHING"
        )
        .bind(message_id)
        .bind(federal_id)
        .bind(application_id)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
        Ok(fresh == 1)
    }
}
