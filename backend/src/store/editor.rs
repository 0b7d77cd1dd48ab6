//! What the catalog editor keeps between a refused post and the page that shows it again.

use super::{with_pool, with_writer};
use crate::{Db, Result};

/// What an operator posted and the page shows again: the values and their problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The posted payload (form values as JSON, or a form schema's text).
    pub payload: String,
    /// JSON list of problems.
    pub problems: String,
}

impl Db {
    /// Keeps `draft` for `person` on page `key`, replacing the one before.
    #[tracing::instrument(skip_all)]
    pub async fn save_editor_draft(&self, person: i64, key: &str, draft: &Draft, now: i64) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query(
                "INSERT INTO editor_drafts (person_id, draft_key, payload, problems, saved_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (person_id, draft_key) DO UPDATE SET payload = excluded.payload, problems = excluded.problems, saved_at = excluded.saved_at",
            )
            .bind(person)
            .bind(key)
            .bind(&draft.payload)
            .bind(&draft.problems)
            .bind(now)
            .execute(p)
            .await?;
        });
        Ok(())
    }

    /// The draft of `person` on page `key`.
    #[tracing::instrument(skip_all)]
    pub async fn editor_draft(&self, person: i64, key: &str) -> Result<Option<Draft>> {
        let row: Option<(String, String)> =
            with_pool!(self, |p| sqlx::query_as("SELECT payload, problems FROM editor_drafts WHERE person_id = $1 AND draft_key = $2")
                .bind(person)
                .bind(key)
                .fetch_optional(p)
                .await?);
        Ok(row.map(|(payload, problems)| Draft { payload, problems }))
    }

    /// Forgets the draft of `person` on page `key` (it was written, or given up).
    #[tracing::instrument(skip_all)]
    pub async fn drop_editor_draft(&self, person: i64, key: &str) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query("DELETE FROM editor_drafts WHERE person_id = $1 AND draft_key = $2").bind(person).bind(key).execute(p).await?;
        });
        Ok(())
    }
}
