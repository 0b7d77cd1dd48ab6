//! Signatures of the federation protocol. Our requests carry a detached JWS over their body made
//! by a [`Signer`]; the algorithm sits behind that trait so a national cryptography provider
//! (GOST) can replace the default ES256. Inbox messages from the federal side are compact JWS
//! checked against its JWKS, fetched again when an unknown key id appears.

use std::sync::RwLock;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use domain::federation::RequestHeader;
use openidconnect::core::{CoreJsonWebKey, CoreJsonWebKeySet, CoreJwsSigningAlgorithm};
use openidconnect::JsonWebKey;
use p256::ecdsa::signature::Signer as _;
use p256::ecdsa::{Signature, SigningKey};
use rand::RngCore;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Makes signatures for our requests and publishes the key that checks them.
pub trait Signer: Send + Sync {
    /// JWS `alg`, e.g. `ES256`.
    fn alg(&self) -> &str;
    /// Key id, as published in our JWKS.
    fn kid(&self) -> &str;
    /// The signature of `input`, in the encoding JWS prescribes for the algorithm.
    fn sign(&self, input: &[u8]) -> Vec<u8>;
    /// The public key as a JWK, for `/.well-known/jwks.json`.
    fn public_jwk(&self) -> Value;
}

/// The detached JWS (`header..signature`) of a `method` request to `target` (path and query)
/// with `body`, signed by `signer` for `region` at `now_secs`.
pub fn detached_jws(signer: &dyn Signer, region: &str, method: &str, target: &str, body: &[u8], now_secs: i64) -> String {
    let header = RequestHeader {
        alg: signer.alg().to_owned(),
        kid: signer.kid().to_owned(),
        region: region.to_owned(),
        htm: method.to_owned(),
        htu: target.to_owned(),
        iat: now_secs,
    };
    let protected = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).unwrap_or_default());
    let input = format!("{protected}.{}", URL_SAFE_NO_PAD.encode(body));
    format!("{protected}..{}", URL_SAFE_NO_PAD.encode(signer.sign(input.as_bytes())))
}

/// ECDSA P-256 with SHA-256, the default.
pub struct Es256Signer {
    key: SigningKey,
    kid: String,
}

impl Es256Signer {
    /// A fresh random key.
    pub fn generate() -> Es256Signer {
        loop {
            let mut d = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut d);
            // A random 256-bit string is a valid scalar with overwhelming probability.
            if let Ok(key) = SigningKey::from_slice(&d) {
                let kid = Self::thumbprint(&key);
                return Es256Signer { key, kid };
            }
        }
    }

    /// The key with private scalar `d` (big-endian bytes) and id `kid`; `None` if `d` is not one.
    pub fn from_scalar(d: &[u8], kid: String) -> Option<Es256Signer> {
        SigningKey::from_slice(d).ok().map(|key| Es256Signer { key, kid })
    }

    /// The private scalar, for storing the key.
    pub fn scalar(&self) -> Vec<u8> {
        self.key.to_bytes().to_vec()
    }

    fn point(key: &SigningKey) -> Vec<u8> {
        key.verifying_key().to_sec1_point(false).as_bytes().to_vec()
    }

    /// A key id derived from the public key, so a new key gets a new id.
    fn thumbprint(key: &SigningKey) -> String {
        URL_SAFE_NO_PAD.encode(&Sha256::digest(Self::point(key))[..12])
    }
}

impl Signer for Es256Signer {
    fn alg(&self) -> &str {
        "ES256"
    }

    fn kid(&self) -> &str {
        &self.kid
    }

    fn sign(&self, input: &[u8]) -> Vec<u8> {
        let signature: Signature = self.key.sign(input);
        signature.to_bytes().to_vec()
    }

    fn public_jwk(&self) -> Value {
        let point = Self::point(&self.key);
        json!({
            "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": self.kid,
            "x": URL_SAFE_NO_PAD.encode(&point[1..33]), "y": URL_SAFE_NO_PAD.encode(&point[33..65]),
        })
    }
}

/// The federal side's JWKS is fetched again at most this often for unknown key ids.
const REFETCH_PAUSE: Duration = Duration::from_secs(5);

/// The federal side's public keys, for checking inbox messages.
pub struct FederalKeys {
    url: String,
    http: reqwest::Client,
    cache: RwLock<Option<(Instant, CoreJsonWebKeySet)>>,
}

/// Why an inbox message's signature is not accepted.
#[derive(Debug)]
pub enum JwsProblem {
    /// The message is not what it claims: reject it.
    Invalid(String),
    /// The keys could not be fetched: try again later.
    Unavailable(String),
}

impl FederalKeys {
    /// Keys published at `url`.
    pub fn new(url: &str, http: reqwest::Client) -> FederalKeys {
        FederalKeys { url: url.to_owned(), http, cache: RwLock::new(None) }
    }

    /// The payload of compact JWS `token` if a published key signed it.
    pub async fn verify(&self, token: &str) -> std::result::Result<Vec<u8>, JwsProblem> {
        let invalid = |m: &str| JwsProblem::Invalid(m.to_owned());
        let parts: Vec<&str> = token.split('.').collect();
        let [header_b64, payload, signature] = parts[..] else { return Err(invalid("not a compact JWS")) };
        let header: Value =
            URL_SAFE_NO_PAD.decode(header_b64).ok().and_then(|h| serde_json::from_slice(&h).ok()).ok_or_else(|| invalid("the JWS header is not valid"))?;
        let alg: CoreJwsSigningAlgorithm = serde_json::from_value(header["alg"].clone()).map_err(|_| invalid("the JWS names an unknown algorithm"))?;
        let kid = header["kid"].as_str().ok_or_else(|| invalid("the JWS names no key"))?;
        let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| invalid("the signature is not base64url"))?;
        let key = self.key(kid).await?;
        key.verify_signature(&alg, format!("{header_b64}.{payload}").as_bytes(), &signature)
            .map_err(|e| JwsProblem::Invalid(format!("the signature does not verify: {e}")))?;
        URL_SAFE_NO_PAD.decode(payload).map_err(|_| invalid("the payload is not base64url"))
    }

    async fn key(&self, kid: &str) -> std::result::Result<CoreJsonWebKey, JwsProblem> {
        let find = |set: &CoreJsonWebKeySet| set.keys().iter().find(|k| k.key_id().is_some_and(|id| id.as_str() == kid)).cloned();
        let fetched_at = {
            let cache = self.cache.read().unwrap_or_else(std::sync::PoisonError::into_inner);
            match cache.as_ref() {
                Some((at, set)) => match find(set) {
                    Some(key) => return Ok(key),
                    None => Some(*at),
                },
                None => None,
            }
        };
        if fetched_at.is_some_and(|at| at.elapsed() < REFETCH_PAUSE) {
            return Err(JwsProblem::Invalid(format!("unknown key id {kid}")));
        }
        let unavailable = |e: String| JwsProblem::Unavailable(format!("federal keys at {}: {e}", self.url));
        let response = self.http.get(&self.url).send().await.map_err(|e| unavailable(e.to_string()))?;
        if !response.status().is_success() {
            return Err(unavailable(format!("HTTP {}", response.status())));
        }
        let bytes = response.bytes().await.map_err(|e| unavailable(e.to_string()))?;
        let set: CoreJsonWebKeySet = serde_json::from_slice(&bytes).map_err(|e| unavailable(e.to_string()))?;
        let key = find(&set);
        *self.cache.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((Instant::now(), set));
        key.ok_or_else(|| JwsProblem::Invalid(format!("unknown key id {kid}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detached_signature_verifies_with_the_published_key_and_names_the_request() {
        use p256::ecdsa::signature::Verifier;
        use p256::ecdsa::VerifyingKey;
        let signer = Es256Signer::generate();
        let body = br#"{"a":1}"#;
        let jws = detached_jws(&signer, "demo", "POST", "/federation/v1/applications", body, 1_700_000_000);
        let parts: Vec<&str> = jws.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[1], "", "the payload is detached");
        let header: RequestHeader = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!((header.alg.as_str(), header.region.as_str(), header.htu.as_str()), ("ES256", "demo", "/federation/v1/applications"));
        let jwk = signer.public_jwk();
        let mut point = vec![4u8];
        point.extend(URL_SAFE_NO_PAD.decode(jwk["x"].as_str().unwrap()).unwrap());
        point.extend(URL_SAFE_NO_PAD.decode(jwk["y"].as_str().unwrap()).unwrap());
        let key = VerifyingKey::from_sec1_bytes(&point).unwrap();
        let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
        let input = format!("{}.{}", parts[0], URL_SAFE_NO_PAD.encode(body));
        assert!(key.verify(input.as_bytes(), &signature).is_ok());
        assert!(key.verify(format!("{}.{}", parts[0], URL_SAFE_NO_PAD.encode(b"{}")).as_bytes(), &signature).is_err());
    }
}
