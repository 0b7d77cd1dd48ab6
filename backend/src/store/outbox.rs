//! The outbox table: claiming rows under a lease (only rows whose earlier rows of the same key
//! are delivered), settling them, counting them, and writing new ones inside a transaction.

use super::{with_pool, with_tx, with_writer, Pool, Tx};
use crate::{Db, Result};

/// A row to write into the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutboxRow {
    /// Its queue.
    pub topic: &'static str,
    /// Rows with the same key go out in order (e.g. one application's events).
    pub ordering_key: String,
    /// The receiver's deduplication key; unique in the table.
    pub message_id: String,
    /// The message, as JSON.
    pub payload: String,
}

/// A claimed row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedRow {
    /// Row id.
    pub id: i64,
    /// Ordering key.
    pub ordering_key: String,
    /// Message id.
    pub message_id: String,
    /// The message, as JSON.
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: i32,
}

/// Counts of one topic's rows by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Waiting or being sent.
    pub pending: i64,
    /// Parked after their last attempt.
    pub failed: i64,
    /// Sent.
    pub delivered: i64,
    /// Created at of the oldest pending row, if any.
    pub oldest_pending_at: Option<i64>,
}

/// A parked row, for the operator.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Parked {
    /// Row id.
    pub id: i64,
    /// Ordering key (the application id).
    pub ordering_key: String,
    /// Message id.
    pub message_id: String,
    /// Attempts made.
    pub attempts: i32,
    /// The last error.
    pub last_error: Option<String>,
    /// Written at.
    pub created_at: i64,
    /// Parked at.
    pub done_at: Option<i64>,
}

impl Parked {
    /// The application it is about: every message id of an application begins with its id.
    pub fn application_id(&self) -> &str {
        self.message_id.split(':').next().unwrap_or_default()
    }
}

/// A row of any state, for a delivery log.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoggedRow {
    /// Row id.
    pub id: i64,
    /// `pending`, `delivered` or `failed`.
    pub state: String,
    /// Attempts made.
    pub attempts: i32,
    /// The last error.
    pub last_error: Option<String>,
    /// The message, as JSON.
    pub payload: String,
    /// Written at.
    pub created_at: i64,
    /// Delivered or parked at.
    pub done_at: Option<i64>,
}

/// Rows of topic `$1` ready at `$2` and not leased, whose earlier rows of the same key are
/// `{settled}`: delivered, or with `parked_blocks` off, delivered or parked.
fn eligible(parked_blocks: bool) -> String {
    let settled = if parked_blocks { "e.state <> 'delivered'" } else { "e.state = 'pending'" };
    format!(
        "o.topic = $1 AND o.state = 'pending' AND o.available_at <= $2 AND (o.lease_until IS NULL OR o.lease_until < $2) \
         AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.ordering_key = o.ordering_key AND e.topic = o.topic AND e.id < o.id AND {settled})"
    )
}

/// `INSERT` of `n` outbox rows in one statement (parameters: topic, key, message id, payload per
/// row, then the time); with `once`, a row whose message id is already there is skipped.
fn insert_sql(n: usize, once: bool) -> String {
    let at = n * 4 + 1;
    let rows: Vec<String> = (0..n)
        .map(|i| {
            let b = i * 4;
            format!("(${}, ${}, ${}, ${}, ${at}, ${at})", b + 1, b + 2, b + 3, b + 4)
        })
        .collect();
    let conflict = if once { " ON CONFLICT (message_id) DO NOTHING" } else { "" };
    format!("INSERT INTO outbox (topic, ordering_key, message_id, payload, created_at, available_at) VALUES {}{conflict}", rows.join(", "))
}

impl Tx {
    /// Queues `rows` at `now`, in this order.
    #[tracing::instrument(skip_all)]
    pub async fn enqueue(&mut self, rows: &[NewOutboxRow], now: i64) -> Result<()> {
        self.insert_outbox(rows, now, false).await.map(|_| ())
    }

    /// Queues those of `rows` whose message id is new; returns how many.
    #[tracing::instrument(skip_all)]
    pub async fn enqueue_once(&mut self, rows: &[NewOutboxRow], now: i64) -> Result<u64> {
        self.insert_outbox(rows, now, true).await
    }

    async fn insert_outbox(&mut self, rows: &[NewOutboxRow], now: i64, once: bool) -> Result<u64> {
        let mut inserted = 0;
        for chunk in rows.chunks(500) {
            let sql = insert_sql(chunk.len(), once);
            inserted += with_tx!(self, |c| {
                let mut q = sqlx::query(&sql);
                for r in chunk {
                    q = q.bind(r.topic).bind(&r.ordering_key).bind(&r.message_id).bind(&r.payload);
                }
                q.bind(now).execute(&mut *c).await?.rows_affected()
            });
        }
        Ok(inserted)
    }
}

impl Db {
    /// Claims up to `limit` rows of `topic` ready at `now` for `worker`, until `now + lease_ms`;
    /// each claim counts as an attempt. A row waits for the earlier rows of its key to be
    /// delivered, or with `parked_blocks` off only for those still pending.
    #[tracing::instrument(skip_all, fields(topic))]
    pub async fn claim_outbox(&self, topic: &str, worker: &str, now: i64, lease_ms: i64, limit: i64, parked_blocks: bool) -> Result<Vec<ClaimedRow>> {
        let eligible = eligible(parked_blocks);
        let returning = "RETURNING id, ordering_key, message_id, payload, attempts";
        let mut rows: Vec<ClaimedRow> = match &self.pool {
            // Skip rows another process holds locked at this moment; its lease protects them after.
            Pool::Postgres(p) => {
                let sql = format!(
                    "UPDATE outbox SET lease_until = $3, leased_by = $4, attempts = attempts + 1 WHERE id IN \
                     (SELECT o.id FROM outbox o WHERE {eligible} ORDER BY o.id LIMIT $5 FOR UPDATE SKIP LOCKED) {returning}"
                );
                sqlx::query_as(&sql).bind(topic).bind(now).bind(now + lease_ms).bind(worker).bind(limit).fetch_all(p).await?
            }
            // One writer at a time: the statement is atomic without row locks.
            Pool::Sqlite { write, .. } => {
                let sql = format!(
                    "UPDATE outbox SET lease_until = $3, leased_by = $4, attempts = attempts + 1 WHERE id IN \
                     (SELECT o.id FROM outbox o WHERE {eligible} ORDER BY o.id LIMIT $5) {returning}"
                );
                sqlx::query_as(&sql).bind(topic).bind(now).bind(now + lease_ms).bind(worker).bind(limit).fetch_all(write).await?
            }
        };
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    /// Marks rows `ids` delivered at `now`.
    #[tracing::instrument(skip_all)]
    pub async fn outbox_delivered(&self, ids: &[i64], now: i64) -> Result<()> {
        for chunk in ids.chunks(500) {
            let list: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
            let sql = format!("UPDATE outbox SET state = 'delivered', done_at = $1, lease_until = NULL, last_error = NULL WHERE id IN ({})", list.join(", "));
            with_writer!(self, |p| {
                let mut q = sqlx::query(&sql).bind(now);
                for id in chunk {
                    q = q.bind(id);
                }
                q.execute(p).await?;
            });
        }
        Ok(())
    }

    /// Records a failed attempt at row `id` by `worker`: it waits until `available_at`, or with
    /// `park` is parked for the operator. A row no longer held by the worker is left alone.
    #[tracing::instrument(skip_all)]
    pub async fn outbox_failed(&self, id: i64, worker: &str, error: &str, park: bool, available_at: i64, now: i64) -> Result<()> {
        let error: String = error.chars().take(1000).collect();
        with_writer!(self, |p| {
            sqlx::query(
                "UPDATE outbox SET lease_until = NULL, leased_by = NULL, last_error = $1, available_at = $2, state = $3, \
                 done_at = CASE WHEN $3 = 'failed' THEN $4 ELSE NULL END WHERE id = $5 AND leased_by = $6 AND state = 'pending'",
            )
            .bind(&error)
            .bind(available_at)
            .bind(if park { "failed" } else { "pending" })
            .bind(now)
            .bind(id)
            .bind(worker)
            .execute(p)
            .await?;
        });
        Ok(())
    }

    /// Counts of `topic`'s rows by state.
    #[tracing::instrument(skip_all)]
    pub async fn outbox_counts(&self, topic: &str) -> Result<Counts> {
        let rows: Vec<(String, i64, Option<i64>)> =
            with_pool!(self, |p| sqlx::query_as("SELECT state, COUNT(*), MIN(created_at) FROM outbox WHERE topic = $1 GROUP BY state")
                .bind(topic)
                .fetch_all(p)
                .await?);
        let mut counts = Counts::default();
        for (state, n, oldest) in rows {
            match state.as_str() {
                "pending" => {
                    counts.pending = n;
                    counts.oldest_pending_at = oldest;
                }
                "failed" => counts.failed = n,
                _ => counts.delivered = n,
            }
        }
        Ok(counts)
    }

    /// Parked rows of `topic`, most recently parked first.
    #[tracing::instrument(skip_all)]
    pub async fn outbox_parked(&self, topic: &str, limit: i64) -> Result<Vec<Parked>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT id, ordering_key, message_id, attempts, last_error, created_at, done_at FROM outbox \
             WHERE topic = $1 AND state = 'failed' ORDER BY done_at DESC, id DESC LIMIT $2"
        )
        .bind(topic)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }

    /// The latest `limit` rows of `topic` whose ordering key begins with `key_prefix`, newest
    /// first.
    #[tracing::instrument(skip_all)]
    pub async fn outbox_log(&self, topic: &str, key_prefix: &str, limit: i64) -> Result<Vec<LoggedRow>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT id, state, attempts, last_error, payload, created_at, done_at FROM outbox \
             WHERE topic = $1 AND ordering_key LIKE $2 ESCAPE '\\' ORDER BY id DESC LIMIT $3"
        )
        .bind(topic)
        .bind(format!("{}%", super::like_literal(key_prefix)))
        .bind(limit)
        .fetch_all(p)
        .await?))
    }

    /// Sends row `id` of `topic` again, delivered or parked, with a fresh round of attempts;
    /// false when there is no such row or it is still waiting.
    #[tracing::instrument(skip_all)]
    pub async fn outbox_replay(&self, topic: &str, id: i64, now: i64) -> Result<bool> {
        let done = with_writer!(self, |p| sqlx::query(
            "UPDATE outbox SET state = 'pending', attempts = 0, available_at = $1, done_at = NULL, last_error = NULL \
             WHERE topic = $2 AND id = $3 AND state IN ('delivered', 'failed')"
        )
        .bind(now)
        .bind(topic)
        .bind(id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(done == 1)
    }

    /// Puts parked row `id` of `topic` (or every parked row of it, when `None`) back to wait for
    /// a fresh round of attempts; returns how many.
    #[tracing::instrument(skip_all)]
    pub async fn outbox_retry(&self, topic: &str, id: Option<i64>, now: i64) -> Result<u64> {
        let done = with_writer!(self, |p| sqlx::query(
            "UPDATE outbox SET state = 'pending', attempts = 0, available_at = $1, done_at = NULL \
             WHERE topic = $2 AND state = 'failed' AND ($3 IS NULL OR id = $3)"
        )
        .bind(now)
        .bind(topic)
        .bind(id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn multi_row_inserts_number_their_parameters() {
        assert_eq!(
            super::insert_sql(2, false),
            "INSERT INTO outbox (topic, ordering_key, message_id, payload, created_at, available_at) VALUES ($1, $2, $3, $4, $9, $9), ($5, $6, $7, $8, $9, $9)"
        );
        assert!(super::insert_sql(1, true).ends_with("ON CONFLICT (message_id) DO NOTHING"));
    }
}
