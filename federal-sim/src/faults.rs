//! Faults the simulator can be told to inject at run time (`/sim/control/faults`), so tests can
//! prove that the portal refuses what it must refuse.

use serde::{Deserialize, Serialize};

/// What is wrong with the ID tokens issued while the fault is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdTokenFault {
    /// The signature does not match the content.
    TamperedSignature,
    /// Signed with a key the JWKS does not publish.
    UnknownKey,
    /// `iss` is another provider's.
    WrongIssuer,
    /// `aud` is another client's.
    WrongAudience,
    /// `exp` lies in the past.
    Expired,
    /// `nonce` is not the one the client sent.
    WrongNonce,
    /// Unsigned: `alg: none` and no signature.
    AlgNone,
    /// HMAC-signed (HS256) with the client's own secret, which the client must never accept.
    Hs256ClientSecret,
}

/// Every fault currently set; the default is none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faults {
    /// Damage to ID tokens.
    #[serde(default)]
    pub id_token: Option<IdTokenFault>,
    /// Trouble on the federation API.
    #[serde(default)]
    pub federation: FederationFaults,
    /// The token endpoint is down (503), though the login page works.
    #[serde(default)]
    pub token_outage: bool,
    /// The userinfo endpoint answers with another person's subject.
    #[serde(default)]
    pub userinfo_other_subject: bool,
}

/// What goes wrong with federation requests while set: each request first waits `latency_ms`,
/// then fails unprocessed during an outage or with probability `error_rate`; a processed one
/// loses its response with probability `lost_response_rate` (the sender retries: a duplicate).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FederationFaults {
    /// Delay before every answer, in milliseconds.
    pub latency_ms: u64,
    /// Share of requests answered 503 without being processed, 0 to 1.
    pub error_rate: f64,
    /// Share of processed requests whose answer is replaced by a 502, 0 to 1.
    pub lost_response_rate: f64,
    /// Every request is answered 503 (an outage window, from setting it to clearing it).
    pub outage: bool,
    /// The inbox lists every waiting message twice and hands out acknowledged ones again.
    pub duplicate_inbox: bool,
}
