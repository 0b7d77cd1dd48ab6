//! Signing keys (RS256), their rotation and the JWKS that publishes them.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use sha2::Sha256;

/// RSA modulus size of generated keys.
const KEY_BITS: usize = 2048;
/// Keys kept in the JWKS: the current one and the one before, so tokens signed just before a
/// rotation still verify.
const PUBLISHED_KEYS: usize = 2;

/// One RSA key with its key id.
pub struct Key {
    kid: String,
    private: RsaPrivateKey,
}

impl Key {
    /// A fresh key named `kid`.
    pub fn generate(kid: String) -> Key {
        let private = RsaPrivateKey::new(&mut rand::rngs::OsRng, KEY_BITS).expect("RSA key generation");
        Key { kid, private }
    }

    /// The key id.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// `header.payload.signature` of a compact JWS (RS256) over `claims`.
    pub fn sign(&self, claims: &Value) -> String {
        let header = json!({ "alg": "RS256", "typ": "JWT", "kid": self.kid });
        let signing_input = format!("{}.{}", b64(&header.to_string()), b64(&claims.to_string()));
        let signature = SigningKey::<Sha256>::new(self.private.clone()).sign(signing_input.as_bytes());
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
    }

    fn jwk(&self) -> Value {
        let public = self.private.to_public_key();
        json!({
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid,
            "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
            "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
        })
    }
}

fn b64(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(text.as_bytes())
}

/// The provider's keys: the newest signs, the newest few are published.
pub struct KeyRing {
    keys: Vec<Key>,
    generation: u32,
}

impl Default for KeyRing {
    fn default() -> Self {
        KeyRing { keys: vec![Key::generate("sim-key-1".into())], generation: 1 }
    }
}

impl KeyRing {
    /// The key that signs now.
    pub fn current(&self) -> &Key {
        self.keys.last().expect("a key ring always holds a key")
    }

    /// Makes a new key current; returns its id.
    pub fn rotate(&mut self) -> String {
        self.generation += 1;
        self.keys.push(Key::generate(format!("sim-key-{}", self.generation)));
        if self.keys.len() > PUBLISHED_KEYS {
            self.keys.remove(0);
        }
        self.current().kid.clone()
    }

    /// The JWKS document.
    pub fn jwks(&self) -> Value {
        json!({ "keys": self.keys.iter().map(Key::jwk).collect::<Vec<_>>() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_publishes_the_new_key_and_keeps_the_previous_one() {
        let mut ring = KeyRing::default();
        let first = ring.current().kid().to_owned();
        let second = ring.rotate();
        let kids = |ring: &KeyRing| ring.jwks()["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(kids(&ring), [first.clone(), second.clone()]);
        let third = ring.rotate();
        assert_eq!(kids(&ring), [second, third.clone()]);
        assert_eq!(ring.current().kid(), third);
    }

    #[test]
    fn tokens_have_three_parts_and_name_their_key() {
        let ring = KeyRing::default();
        let token = ring.current().sign(&json!({ "sub": "x" }));
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["kid"], "sim-key-1");
        assert_eq!(header["alg"], "RS256");
    }
}
