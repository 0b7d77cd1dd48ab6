//! The outbox as a work queue: rows are claimed under a lease (several processes on one
//! PostgreSQL never hold the same row at once; a crashed holder's lease runs out and the row is
//! claimed again), delivered rows are marked, failed ones wait with exponential backoff and
//! jitter, and after the last attempt they are parked for the operator. Rows with the same
//! ordering key go out one at a time, oldest first: a row is claimable only when every earlier
//! row of its key is delivered.

use rand::Rng;

use crate::db::{with_pool, with_writer, Pool};
use crate::{Db, Result};

/// A claimed outbox row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    /// Row id.
    pub id: i64,
    /// Rows with the same key go out in order (e.g. one application's events).
    pub ordering_key: String,
    /// The receiver's deduplication key.
    pub message_id: String,
    /// What to send.
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: i32,
}

/// How a delivery attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The receiver has it.
    Delivered,
    /// Try again later.
    Retry(String),
    /// Trying again cannot help (refused as invalid): park it now.
    Permanent(String),
}

/// When and how to try again.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts before a row is parked.
    pub max_attempts: i32,
    /// First delay in milliseconds, doubled with each attempt.
    pub base_ms: i64,
    /// Longest delay.
    pub max_ms: i64,
}

impl RetryPolicy {
    /// Delay before attempt `attempts + 1`: exponential, capped, with "equal jitter" (between half
    /// and all of it) so that many rows failing together do not come back together.
    pub fn delay_ms(&self, attempts: i32, rng: &mut impl Rng) -> i64 {
        let exp = self.base_ms.saturating_mul(1i64 << attempts.clamp(1, 40).saturating_sub(1).min(40));
        let capped = exp.min(self.max_ms).max(1);
        capped / 2 + rng.gen_range(0..=capped - capped / 2)
    }
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

const ELIGIBLE: &str = "o.topic = $1 AND o.state = 'pending' AND o.available_at <= $2 AND (o.lease_until IS NULL OR o.lease_until < $2) \
     AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.ordering_key = o.ordering_key AND e.topic = o.topic AND e.id < o.id AND e.state <> 'delivered')";

/// Parked messages shown to the operator at once.
pub const PARKED_PAGE: i64 = 100;

impl Db {
    /// The delivery figures and parked messages of `topic` (federal messages or emails), times in
    /// the region's local time.
    pub async fn delivery_health(&self, topic: &str, rules: &crate::region_rules::RegionRules) -> Result<domain::federation::DeliveryHealth> {
        let counts = self.outbox_counts(topic).await?;
        let parked = self.outbox_parked(topic, PARKED_PAGE).await?;
        let ids: Vec<&str> = parked.iter().map(Parked::application_id).collect();
        let numbers = self.numbers_of(&ids).await?;
        Ok(domain::federation::DeliveryHealth {
            pending: counts.pending,
            failed: counts.failed,
            delivered: counts.delivered,
            oldest_pending: counts.oldest_pending_at.map(|at| rules.local_time(at)),
            parked: parked
                .into_iter()
                .map(|p| domain::federation::ParkedMessage {
                    id: p.id,
                    kind: if topic == crate::notify::TOPIC_EMAIL { "email".to_owned() } else { domain::federation::message_kind(&p.message_id).to_owned() },
                    number: numbers.get(p.application_id()).cloned(),
                    attempts: p.attempts,
                    last_error: p.last_error.unwrap_or_default(),
                    parked_at: rules.local_time(p.done_at.unwrap_or(p.created_at)),
                })
                .collect(),
        })
    }

    /// Claims up to `limit` rows of `topic` ready at `now` for `worker`, until `now + lease_ms`;
    /// each claim counts as an attempt.
    pub async fn claim_outbox(&self, topic: &str, worker: &str, now: i64, lease_ms: i64, limit: i64) -> Result<Vec<Claimed>> {
        let returning = "RETURNING id, ordering_key, message_id, payload, attempts";
        let rows = match &self.pool {
            // Skip rows another process holds locked at this moment; its lease protects them after.
            Pool::Postgres(p) => {
                let sql = format!(
                    "UPDATE outbox SET lease_until = $3, leased_by = $4, attempts = attempts + 1 WHERE id IN \
                     (SELECT o.id FROM outbox o WHERE {ELIGIBLE} ORDER BY o.id LIMIT $5 FOR UPDATE SKIP LOCKED) {returning}"
                );
                sqlx::query_as(&sql).bind(topic).bind(now).bind(now + lease_ms).bind(worker).bind(limit).fetch_all(p).await?
            }
            // One writer at a time: the statement is atomic without row locks.
            Pool::Sqlite { write, .. } => {
                let sql = format!(
                    "UPDATE outbox SET lease_until = $3, leased_by = $4, attempts = attempts + 1 WHERE id IN \
                     (SELECT o.id FROM outbox o WHERE {ELIGIBLE} ORDER BY o.id LIMIT $5) {returning}"
                );
                sqlx::query_as(&sql).bind(topic).bind(now).bind(now + lease_ms).bind(worker).bind(limit).fetch_all(write).await?
            }
        };
        let mut rows: Vec<Claimed> = rows;
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    /// Marks rows `ids` delivered at `now`.
    pub async fn outbox_delivered(&self, ids: &[i64], now: i64) -> Result<()> {
        for chunk in ids.chunks(500) {
            let list: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
            let sql = format!(
                "UPDATE outbox SET state = 'delivered', done_at = $1, lease_until = NULL, last_error = NULL WHERE id IN ({})",
                list.join(", ")
            );
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

    /// Records a failed attempt of `row` by `worker`: it waits per `policy`, or is parked when
    /// the failure is permanent or the attempts are used up. Returns whether it was parked.
    pub async fn outbox_failed(&self, row: &Claimed, worker: &str, error: &str, permanent: bool, policy: &RetryPolicy, now: i64) -> Result<bool> {
        let park = permanent || row.attempts >= policy.max_attempts;
        let available_at = now + policy.delay_ms(row.attempts, &mut rand::thread_rng());
        let error: String = error.chars().take(1000).collect();
        with_writer!(self, |p| {
            sqlx::query(
            "UPDATE outbox SET lease_until = NULL, leased_by = NULL, last_error = $1, available_at = $2, state = $3, \
             done_at = CASE WHEN $3 = 'failed' THEN $4 ELSE NULL END WHERE id = $5 AND leased_by = $6 AND state = 'pending'"
        )
        .bind(&error)
        .bind(available_at)
        .bind(if park { "failed" } else { "pending" })
        .bind(now)
        .bind(row.id)
        .bind(worker)
        .execute(p)
        .await?;
        });
        Ok(park)
    }

    /// Counts of `topic`'s rows by state.
    pub async fn outbox_counts(&self, topic: &str) -> Result<Counts> {
        let rows: Vec<(String, i64, Option<i64>)> = with_pool!(self, |p| sqlx::query_as(
            "SELECT state, COUNT(*), MIN(created_at) FROM outbox WHERE topic = $1 GROUP BY state"
        )
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

    /// Registration numbers of the applications `ids` that have one.
    async fn numbers_of(&self, ids: &[&str]) -> Result<std::collections::HashMap<String, String>> {
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let list: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT id, number FROM applications WHERE number IS NOT NULL AND id IN ({})", list.join(", "));
        let rows: Vec<(String, String)> = with_pool!(self, |p| {
            let mut q = sqlx::query_as(&sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(p).await?
        });
        Ok(rows.into_iter().collect())
    }

    /// Puts parked row `id` of `topic` (or every parked row of it, when `None`) back to wait for
    /// a fresh round of attempts; returns how many.
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
    use super::RetryPolicy;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn delays_grow_stay_capped_and_keep_at_least_half(attempts in 1i32..100, seed in any::<u64>()) {
            use rand::SeedableRng;
            let policy = RetryPolicy { max_attempts: 10, base_ms: 1_000, max_ms: 3_600_000 };
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let d = policy.delay_ms(attempts, &mut rng);
            let full = (1_000i64 << (attempts - 1).min(40)).min(3_600_000);
            prop_assert!(d >= full / 2 && d <= full, "{} not in [{}, {}]", d, full / 2, full);
        }
    }
}
