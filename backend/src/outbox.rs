//! The outbox: a table-backed work queue, written in the same transaction as the change that
//! causes the work, so nothing is lost between "done" and "sent". Workers claim rows under a lease
//! (several processes on one PostgreSQL never hold the same row at once; a crashed holder's lease
//! runs out and the row is claimed again), delivered rows are marked, failed ones wait with
//! exponential backoff and jitter, and after the last attempt they are parked for the operator,
//! who may put them back. Rows with the same ordering key go out one at a time, oldest first.
//!
//! Three workers use it (see `workers.rs`): federal delivery, the notification fan-out and mail.
//! The SQL is `store/outbox.rs`; the messages are typed ([`message`]).

pub mod message;

use std::future::Future;

use futures_util::stream::{self, StreamExt};
use rand::Rng;

pub use message::{Email, Message, Notice, Topic, WebhookCall};

use crate::{clock, Db, Result};
use domain::region::RegionRules;

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

/// How a worker takes its rows.
#[derive(Debug, Clone, Copy)]
pub struct Claiming {
    /// Reserved this long for the worker that claims them.
    pub lease_ms: i64,
    /// Rows claimed at a time.
    pub batch: i64,
    /// Rows worked on at once.
    pub concurrency: usize,
    /// Retries and parking.
    pub retry: RetryPolicy,
}

/// A claimed row with its message.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// Row id.
    pub id: i64,
    /// Rows with the same key go out in order.
    pub ordering_key: String,
    /// The receiver's deduplication key.
    pub message_id: String,
    /// Attempts so far, this one included.
    pub attempts: i32,
    /// What to do.
    pub message: Message,
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Rows claimed.
    pub claimed: usize,
    /// Done.
    pub delivered: usize,
    /// Waiting for another attempt.
    pub retrying: usize,
    /// Parked for the operator.
    pub parked: usize,
}

/// A name for this process's worker, unique so that the leases of several processes on one
/// database are told apart.
pub fn worker_id() -> String {
    format!("{}-{}", std::process::id(), &uuid::Uuid::new_v4().simple().to_string()[..8])
}

/// One round of worker `worker` on `topic`: claims a batch, hands each message to `work` (up to
/// `claiming.concurrency` at once; one per ordering key, as claims are), and settles each by how
/// its attempt ended. A row whose message cannot be read is parked at once.
pub async fn round<F, Fut>(db: &Db, topic: Topic, worker: &str, claiming: &Claiming, work: F) -> Result<Round>
where
    F: Fn(Claimed) -> Fut,
    Fut: Future<Output = Attempt>,
{
    let rows = db.claim_outbox(topic.as_str(), worker, clock::now_ms(), claiming.lease_ms, claiming.batch, topic.parked_blocks()).await?;
    let mut round = Round { claimed: rows.len(), ..Round::default() };
    if rows.is_empty() {
        return Ok(round);
    }
    let work = &work;
    let attempts: Vec<_> = stream::iter(rows)
        .map(|row| async move {
            let attempt = match Message::read(topic, &row.payload) {
                Ok(message) => {
                    work(Claimed { id: row.id, ordering_key: row.ordering_key.clone(), message_id: row.message_id.clone(), attempts: row.attempts, message })
                        .await
                }
                Err(e) => Attempt::Permanent(e),
            };
            (row, attempt)
        })
        .buffer_unordered(claiming.concurrency.max(1))
        .collect()
        .await;
    let now = clock::now_ms();
    let delivered: Vec<i64> = attempts.iter().filter(|(_, a)| *a == Attempt::Delivered).map(|(r, _)| r.id).collect();
    db.outbox_delivered(&delivered, now).await?;
    round.delivered = delivered.len();
    for (row, attempt) in &attempts {
        let (error, permanent) = match attempt {
            Attempt::Delivered => continue,
            Attempt::Retry(e) => (e, false),
            Attempt::Permanent(e) => (e, true),
        };
        let park = permanent || row.attempts >= claiming.retry.max_attempts;
        let available_at = now + claiming.retry.delay_ms(row.attempts, &mut rand::thread_rng());
        db.outbox_failed(row.id, worker, error, park, available_at, now).await?;
        if park {
            round.parked += 1;
            tracing::warn!(topic = topic.as_str(), message = %row.message_id, attempts = row.attempts, %error, "outbox message parked as failed");
        } else {
            round.retrying += 1;
            tracing::debug!(topic = topic.as_str(), message = %row.message_id, attempts = row.attempts, %error, "outbox message will be retried");
        }
    }
    Ok(round)
}

/// Parked messages shown to the operator at once.
pub const PARKED_PAGE: i64 = 100;

/// The delivery figures and parked messages of `topic` (federal messages or emails), times in
/// the region's local time.
pub async fn health(db: &Db, topic: Topic, rules: &RegionRules) -> Result<domain::federation::DeliveryHealth> {
    let counts = db.outbox_counts(topic.as_str()).await?;
    let parked = db.outbox_parked(topic.as_str(), PARKED_PAGE).await?;
    let ids: Vec<&str> = parked.iter().map(|p| p.application_id()).collect();
    let numbers = db.numbers_of(&ids).await?;
    Ok(domain::federation::DeliveryHealth {
        pending: counts.pending,
        failed: counts.failed,
        delivered: counts.delivered,
        oldest_pending: counts.oldest_pending_at.map(|at| rules.local_time(at)),
        parked: parked
            .into_iter()
            .map(|p| domain::federation::ParkedMessage {
                id: p.id,
                kind: if topic == Topic::Email { "email".to_owned() } else { domain::federation::message_kind(&p.message_id).to_owned() },
                number: numbers.get(p.application_id()).cloned(),
                attempts: p.attempts,
                last_error: p.last_error.unwrap_or_default(),
                parked_at: rules.local_time(p.done_at.unwrap_or(p.created_at)),
            })
            .collect(),
    })
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
