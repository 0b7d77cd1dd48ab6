//! The `webhook-delivery` worker: claims webhook rows, reads the client's current address and
//! secret, and posts the signed event. A 2xx answer delivers it; a timeout, a refused connection,
//! 408, 425, 429 or 5xx is tried again later with backoff; any other answer (the address is wrong,
//! the system refuses the signature) and a removed webhook or revoked client park it at once for
//! the operator to replay once it is fixed.

use std::time::Duration;

use domain::webhook::{ANSWERED, REMOVED, UNREACHED};

use super::signing::{sign, ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::outbox::{self, Attempt, Claimed, Claiming, Message, RetryPolicy, Round, Topic, WebhookCall};
use crate::{clock, Db};

/// How deliveries are made and retried (the `webhooks` section of the configuration).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebhookSettings {
    /// How long a system may take to answer, in milliseconds.
    pub timeout_ms: u64,
    /// Attempts before a delivery is parked.
    pub max_attempts: i32,
    /// First retry delay in milliseconds, doubled with each attempt, with jitter.
    pub backoff_base_ms: i64,
    /// Longest retry delay in milliseconds.
    pub backoff_max_ms: i64,
    /// Webhook addresses may be on this machine or a private network (departments' systems
    /// inside the region's network, tests); off, only public `https://` addresses.
    pub allow_internal: bool,
}

impl Default for WebhookSettings {
    /// Fifteen attempts from 5 s to an hour apart: about seven hours of a system's outage.
    fn default() -> Self {
        WebhookSettings { timeout_ms: 10_000, max_attempts: 15, backoff_base_ms: 5_000, backoff_max_ms: 3_600_000, allow_internal: false }
    }
}

impl WebhookSettings {
    /// Why these settings cannot work, if they cannot.
    pub fn problem(&self) -> Option<&'static str> {
        (!(1..=120_000).contains(&self.timeout_ms) || self.max_attempts < 1 || self.backoff_base_ms < 1 || self.backoff_max_ms < self.backoff_base_ms)
            .then_some("timeout_ms must be 1 to 120000, max_attempts and backoff_base_ms at least 1, backoff_max_ms at least backoff_base_ms")
    }
}

/// Sends webhook deliveries.
#[derive(Clone)]
pub struct Deliverer {
    http: reqwest::Client,
    claiming: Claiming,
}

impl Deliverer {
    /// A deliverer per `settings`. Redirects are not followed: the operator named the address.
    pub fn new(settings: WebhookSettings) -> Result<Deliverer, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.timeout_ms))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("regional-portal-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.to_string())?;
        let retry = RetryPolicy { max_attempts: settings.max_attempts, base_ms: settings.backoff_base_ms, max_ms: settings.backoff_max_ms };
        let lease_ms = i64::try_from(settings.timeout_ms).unwrap_or(i64::MAX / 4) * 2 + 10_000;
        Ok(Deliverer { http, claiming: Claiming { lease_ms, batch: 50, concurrency: 8, retry } })
    }

    /// One attempt at `call`, whose receiver's deduplication key is `message_id`.
    async fn send(&self, db: &Db, message_id: &str, call: &WebhookCall) -> Attempt {
        let client = match db.api_client(&call.client_id).await {
            Ok(client) => client,
            Err(e) => return Attempt::Retry(e.to_string()),
        };
        let Some((url, secret)) = client.filter(|c| c.revoked_at.is_none()).and_then(|c| c.webhook_url.zip(c.webhook_secret)) else {
            return Attempt::Permanent(REMOVED.into());
        };
        // Plain data: serialising it cannot fail.
        let body = serde_json::to_vec(&call.payload).unwrap_or_default();
        let timestamp = clock::now_ms() / 1000;
        let Some(signature) = sign(&secret, message_id, timestamp, &body) else {
            return Attempt::Permanent("the stored webhook secret is unreadable".into());
        };
        let request = self
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(ID_HEADER, message_id)
            .header(TIMESTAMP_HEADER, timestamp.to_string())
            .header(SIGNATURE_HEADER, signature)
            .body(body);
        match request.send().await {
            Ok(answer) => attempt_of(answer.status().as_u16()),
            // Without the address: a token in its query must not reach the log or the page.
            Err(e) => Attempt::Retry(format!("{UNREACHED}{}", e.without_url())),
        }
    }
}

/// What an answer with `status` means for the delivery.
fn attempt_of(status: u16) -> Attempt {
    match status {
        200..=299 => Attempt::Delivered,
        408 | 425 | 429 | 500..=599 => Attempt::Retry(format!("{ANSWERED}{status}")),
        _ => Attempt::Permanent(format!("{ANSWERED}{status}")),
    }
}

/// One round: claims webhook rows and delivers them.
pub async fn delivery_round(db: &Db, deliverer: &Deliverer, worker: &str) -> crate::Result<Round> {
    outbox::round(db, Topic::Webhook, worker, &deliverer.claiming, |row: Claimed| async move {
        let Message::Webhook(call) = &row.message else { return Attempt::Permanent(format!("not a webhook: {:?}", row.message)) };
        deliverer.send(db, &row.message_id, call).await
    })
    .await
}

/// Delivers for ever, resting half a second when there is nothing to do.
pub async fn run(db: Db, deliverer: Deliverer, worker: String) {
    loop {
        match delivery_round(&db, &deliverer, &worker).await {
            Ok(round) if round.claimed > 0 => {}
            Ok(_) => tokio::time::sleep(Duration::from_millis(500)).await,
            Err(e) => {
                tracing::warn!(error = %e, "webhook delivery round failed");
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{attempt_of, Attempt};

    #[test]
    fn outages_are_retried_and_refusals_parked() {
        assert_eq!(attempt_of(204), Attempt::Delivered);
        for s in [408, 429, 500, 503] {
            assert!(matches!(attempt_of(s), Attempt::Retry(_)), "{s}");
        }
        for s in [301, 400, 401, 404, 410] {
            assert!(matches!(attempt_of(s), Attempt::Permanent(_)), "{s}");
        }
    }
}
