//! Checking a region's request signature: a detached JWS (ES256) over the body whose protected
//! header names the region, the key, the method, the path and the time. The region's public keys
//! come from its JWKS address in the configuration, fetched again when an unknown key id appears
//! (the region rotated its key).

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use domain::federation::{RequestHeader, MAX_CLOCK_SKEW_SECONDS};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use serde_json::Value;

use crate::config::RegionConfig;

/// A region's JWKS is fetched again at most this often, however many unknown key ids arrive.
const REFETCH_PAUSE: Duration = Duration::from_secs(1);

/// Why a request's signature was not accepted.
#[derive(Debug)]
pub(crate) enum SignatureError {
    /// The signature is wrong: refuse the request.
    Invalid(String),
    /// The region's keys could not be fetched: the sender should try again later.
    KeysUnavailable(String),
}

/// A region's keys by id and when they were fetched.
type Fetched = (Instant, HashMap<String, VerifyingKey>);

/// The public keys of each region, as last fetched.
#[derive(Default)]
pub(crate) struct RegionKeys {
    /// By region: when fetched, and the keys by id.
    cache: RwLock<HashMap<String, Fetched>>,
}

impl RegionKeys {
    /// Checks `signature` of a `method` request to `target` (path and query) with `body`; the
    /// signing region's configuration comes from `regions`. Returns the checked header.
    pub(crate) async fn verify(
        &self,
        regions: &[RegionConfig],
        signature: Option<&str>,
        method: &str,
        target: &str,
        body: &[u8],
    ) -> Result<RequestHeader, SignatureError> {
        let invalid = |m: &str| SignatureError::Invalid(m.to_owned());
        let signature = signature.ok_or_else(|| invalid("no signature header"))?;
        let mut parts = signature.split('.');
        let (Some(protected), Some(""), Some(sig), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(invalid("the signature is not a detached compact JWS"));
        };
        let header: RequestHeader = URL_SAFE_NO_PAD
            .decode(protected)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(|| invalid("the protected header is not valid"))?;
        if header.alg != "ES256" {
            return Err(SignatureError::Invalid(format!("algorithm {} is not supported", header.alg)));
        }
        let region = regions.iter().find(|r| r.code == header.region).ok_or_else(|| SignatureError::Invalid(format!("unknown region {}", header.region)))?;
        let key = self.key(region, &header.kid).await?;
        let sig =
            URL_SAFE_NO_PAD.decode(sig).ok().and_then(|s| Signature::from_slice(&s).ok()).ok_or_else(|| invalid("the signature is not an ES256 signature"))?;
        let input = format!("{protected}.{}", URL_SAFE_NO_PAD.encode(body));
        key.verify(input.as_bytes(), &sig).map_err(|_| invalid("the signature does not match"))?;
        if header.htm != method || header.htu != target {
            return Err(SignatureError::Invalid(format!("signed for {} {}, sent as {method} {target}", header.htm, header.htu)));
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        if (now - header.iat).abs() > MAX_CLOCK_SKEW_SECONDS {
            return Err(invalid("the signature is too old or from the future"));
        }
        Ok(header)
    }

    async fn key(&self, region: &RegionConfig, kid: &str) -> Result<VerifyingKey, SignatureError> {
        let unknown = || SignatureError::Invalid(format!("unknown key id {kid}"));
        let fetched_at = {
            let cache = self.cache.read().unwrap_or_else(std::sync::PoisonError::into_inner);
            match cache.get(&region.code) {
                Some((_, keys)) if keys.contains_key(kid) => return Ok(keys[kid]),
                Some((at, _)) => Some(*at),
                None => None,
            }
        };
        if fetched_at.is_some_and(|at| at.elapsed() < REFETCH_PAUSE) {
            return Err(unknown());
        }
        let keys = fetch(&region.jwks_url).await.map_err(SignatureError::KeysUnavailable)?;
        let found = keys.get(kid).copied();
        self.cache.write().unwrap_or_else(std::sync::PoisonError::into_inner).insert(region.code.clone(), (Instant::now(), keys));
        found.ok_or_else(unknown)
    }
}

/// The P-256 keys of the JWKS at `url`, by key id.
async fn fetch(url: &str) -> Result<HashMap<String, VerifyingKey>, String> {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().map_err(|e| e.to_string())?;
    let response = client.get(url).send().await.map_err(|e| format!("cannot fetch the region's keys from {url}: {e}"))?;
    let body = response.bytes().await.map_err(|e| format!("cannot read the region's keys: {e}"))?;
    let jwks: Value = serde_json::from_slice(&body).map_err(|e| format!("the region's JWKS is not JSON: {e}"))?;
    let mut keys = HashMap::new();
    for jwk in jwks["keys"].as_array().into_iter().flatten() {
        if let (Some("EC"), Some("P-256"), Some(kid), Some(x), Some(y)) =
            (jwk["kty"].as_str(), jwk["crv"].as_str(), jwk["kid"].as_str(), jwk["x"].as_str(), jwk["y"].as_str())
        {
            let mut point = vec![4u8];
            point.extend(URL_SAFE_NO_PAD.decode(x).unwrap_or_default());
            point.extend(URL_SAFE_NO_PAD.decode(y).unwrap_or_default());
            if let Ok(key) = VerifyingKey::from_sec1_bytes(&point) {
                keys.insert(kid.to_owned(), key);
            }
        }
    }
    Ok(keys)
}
