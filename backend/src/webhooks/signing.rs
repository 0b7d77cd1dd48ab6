//! Signatures of webhook deliveries, as the Standard Webhooks specification has them (so that a
//! department can verify them with any of its libraries): the secret is `whsec_` and base64 of 32
//! random bytes; each delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
//! `webhook-signature: v1,<base64 of HMAC-SHA256(secret, "{id}.{timestamp}.{body}")>`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// The headers of a delivery.
pub const ID_HEADER: &str = "webhook-id";
/// Unix seconds of the attempt.
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";
/// `v1,<signature>` (several, space-separated, while a secret is being changed).
pub const SIGNATURE_HEADER: &str = "webhook-signature";

const SECRET_PREFIX: &str = "whsec_";

/// A new secret.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{SECRET_PREFIX}{}", STANDARD.encode(bytes))
}

fn mac(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Option<Hmac<Sha256>> {
    let key = STANDARD.decode(secret.strip_prefix(SECRET_PREFIX)?).ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    Some(mac)
}

/// The `webhook-signature` value of a delivery; `None` for a secret not of ours.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Option<String> {
    Some(format!("v1,{}", STANDARD.encode(mac(secret, id, timestamp, body)?.finalize().into_bytes())))
}

/// Whether `signatures` (a `webhook-signature` value) holds a valid signature of the delivery,
/// compared in constant time: what a receiving system does before it believes one.
pub fn verify(secret: &str, id: &str, timestamp: i64, body: &[u8], signatures: &str) -> bool {
    signatures
        .split_whitespace()
        .filter_map(|s| s.strip_prefix("v1,"))
        .filter_map(|s| STANDARD.decode(s).ok())
        .any(|candidate| mac(secret, id, timestamp, body).is_some_and(|m| m.verify_slice(&candidate).is_ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_specification_example_verifies() {
        // The example of the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = br#"{"test": 2432232314}"#;
        let signature = sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body).unwrap();
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assert!(verify(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, &format!("v1,other {signature}")));
    }

    proptest! {
        #[test]
        fn any_change_breaks_the_signature(body in proptest::collection::vec(any::<u8>(), 0..200), flip in 0usize..200, ts in 0i64..4_000_000_000) {
            let secret = new_secret();
            let signature = sign(&secret, "m1", ts, &body).unwrap();
            prop_assert!(verify(&secret, "m1", ts, &body, &signature));
            prop_assert!(!verify(&secret, "m2", ts, &body, &signature));
            prop_assert!(!verify(&secret, "m1", ts + 1, &body, &signature));
            prop_assert!(!verify(&new_secret(), "m1", ts, &body, &signature));
            if !body.is_empty() {
                let mut changed = body.clone();
                changed[flip % body.len()] ^= 1;
                prop_assert!(!verify(&secret, "m1", ts, &changed, &signature));
            }
        }
    }
}
