//! The delivery worker: claims a batch of federal messages, sends them concurrently (at most one
//! per application at a time, so its events arrive in order), and settles each.

use std::time::Duration;

use super::client::FederalClient;
use crate::outbox::{self, Attempt, Claiming, Message, RetryPolicy, Round, Topic};
use crate::{Db, Result};

/// Sleep between claims when there was nothing to send.
const IDLE: Duration = Duration::from_millis(500);

/// How the delivery claims and retries, from its settings.
fn claiming(client: &FederalClient) -> Claiming {
    let s = client.settings();
    Claiming {
        lease_ms: s.lease_ms,
        batch: s.batch,
        concurrency: s.concurrency,
        retry: RetryPolicy { max_attempts: s.max_attempts, base_ms: s.backoff_base_ms, max_ms: s.backoff_max_ms },
    }
}

/// One round of worker `worker`: claim, send, settle.
pub async fn deliver_round(db: &Db, client: &FederalClient, worker: &str) -> Result<Round> {
    outbox::round(db, Topic::Federal, worker, &claiming(client), |claimed| async move {
        match claimed.message {
            Message::Federal(message) => client.send(&message).await,
            other => Attempt::Permanent(format!("not a federal message: {other:?}")),
        }
    })
    .await
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
