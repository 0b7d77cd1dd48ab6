//! Federation with the federal portal (docs/federation.md). Registrations and status events leave
//! through the outbox, written in the same transaction as the change they report; a delivery
//! worker claims rows under a lease, signs and sends them, retries with backoff and parks what
//! keeps failing. An inbox poller takes applications filed on the federal portal for this
//! region's services, stores each once and acknowledges it through the same outbox.

pub mod client;
pub mod delivery;
pub mod inbound;
pub mod keyring;
pub mod signing;

pub use client::FederalClient;
pub use keyring::{Keyring, Rotation};
pub use signing::{Es256Signer, Signer};

/// How the portal talks to the federal side.
#[derive(Debug, Clone)]
pub struct FederationSettings {
    /// Base address of the federal side; its API lives under `{base}/federation/v1`.
    pub base_url: String,
    /// The federal side's JWKS, which signs inbox messages.
    pub jwks_url: String,
    /// This region's code, as the federal side knows it.
    pub region: String,
    /// Attempts before a message is parked as failed.
    pub max_attempts: i32,
    /// First retry delay; it doubles with each attempt, with jitter.
    pub backoff_base_ms: i64,
    /// Longest retry delay.
    pub backoff_max_ms: i64,
    /// How long a claimed message is reserved for the worker that claimed it.
    pub lease_ms: i64,
    /// Messages claimed at a time.
    pub batch: i64,
    /// Messages sent at once.
    pub concurrency: usize,
    /// Per-request timeout.
    pub timeout_ms: u64,
}

impl FederationSettings {
    /// Defaults for a federal side at `base_url` and region `region`.
    pub fn new(base_url: &str, region: &str) -> FederationSettings {
        let base_url = base_url.trim_end_matches('/').to_owned();
        FederationSettings {
            jwks_url: format!("{base_url}/jwks"),
            base_url,
            region: region.to_owned(),
            max_attempts: 12,
            backoff_base_ms: 1_000,
            backoff_max_ms: 3_600_000,
            lease_ms: 60_000,
            batch: 200,
            concurrency: 32,
            timeout_ms: 10_000,
        }
    }
}
