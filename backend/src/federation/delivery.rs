//! The delivery worker: claims a batch of federal messages, sends them concurrently (at most one
//! per application at a time, so its events arrive in order), and settles each.

use std::time::Duration;

use futures_util::stream::{self, StreamExt};

use super::client::{FederalClient, Outgoing};
use super::outbox::{Attempt, RetryPolicy};
use crate::applications::changes::TOPIC_FEDERAL;
use crate::{clock, Db, Result};

/// Sleep between claims when there was nothing to send.
const IDLE: Duration = Duration::from_millis(500);

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Rows claimed.
    pub claimed: usize,
    /// Received by the federal side.
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

/// One round of worker `worker`: claim, send, settle.
pub async fn deliver_round(db: &Db, client: &FederalClient, worker: &str) -> Result<Round> {
    let settings = client.settings();
    let rows = db.claim_outbox(TOPIC_FEDERAL, worker, clock::now_ms(), settings.lease_ms, settings.batch).await?;
    let mut round = Round { claimed: rows.len(), ..Round::default() };
    if rows.is_empty() {
        return Ok(round);
    }
    let attempts: Vec<_> = stream::iter(rows)
        .map(|row| async move {
            let attempt = match serde_json::from_str::<Outgoing>(&row.payload) {
                Ok(message) => client.send(&message).await,
                Err(e) => Attempt::Permanent(format!("the stored message is unreadable: {e}")),
            };
            (row, attempt)
        })
        .buffer_unordered(settings.concurrency.max(1))
        .collect()
        .await;
    let now = clock::now_ms();
    let delivered: Vec<i64> = attempts.iter().filter(|(_, a)| *a == Attempt::Delivered).map(|(r, _)| r.id).collect();
    db.outbox_delivered(&delivered, now).await?;
    round.delivered = delivered.len();
    let policy = RetryPolicy { max_attempts: settings.max_attempts, base_ms: settings.backoff_base_ms, max_ms: settings.backoff_max_ms };
    for (row, attempt) in &attempts {
        let (error, permanent) = match attempt {
            Attempt::Delivered => continue,
            Attempt::Retry(e) => (e, false),
            Attempt::Permanent(e) => (e, true),
        };
        if db.outbox_failed(row, worker, error, permanent, &policy, now).await? {
            round.parked += 1;
            tracing::warn!(message = %row.message_id, attempts = row.attempts, %error, "federal message parked as failed");
        } else {
            round.retrying += 1;
            tracing::debug!(message = %row.message_id, attempts = row.attempts, %error, "federal message will be retried");
        }
    }
    Ok(round)
}

/// Delivers for ever: rounds back to back while there is work, a short sleep when there is none
/// or the database is unreachable (the rows wait; nothing is lost).
pub async fn run(db: Db, client: FederalClient, worker: String) {
    tracing::info!(%worker, federal = %client.settings().base_url, "federal delivery worker started");
    loop {
        match deliver_round(&db, &client, &worker).await {
            Ok(round) if round.claimed > 0 => {
                if round.retrying + round.parked == round.claimed {
                    // Nothing got through: do not spin against a failing receiver.
                    tokio::time::sleep(IDLE).await;
                }
            }
            Ok(_) => tokio::time::sleep(IDLE).await,
            Err(e) => {
                tracing::warn!(error = %e, "federal delivery round failed; retrying");
                tokio::time::sleep(IDLE).await;
            }
        }
    }
}
