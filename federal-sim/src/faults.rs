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
}

/// Every fault currently set; the default is none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faults {
    /// Damage to ID tokens.
    #[serde(default)]
    pub id_token: Option<IdTokenFault>,
}
