//! HTTP to the federal side: signed requests, and what their answers mean for a retry.

use std::sync::Arc;
use std::time::Duration;

use domain::federation::{Inbox, Outgoing, API_PREFIX, SIGNATURE_HEADER};

use super::keyring::Keyring;
use super::signing::{detached_jws, FederalKeys};
use super::FederationSettings;
use crate::outbox::Attempt;

/// The request path (below the federal base address) and body of `message`.
fn request(message: &Outgoing) -> (String, Vec<u8>) {
    let (path, body) = match message {
        Outgoing::Register(r) => (format!("{API_PREFIX}/applications"), serde_json::to_vec(r)),
        Outgoing::Status { application_id, event } => (format!("{API_PREFIX}/applications/{}/events", encode(application_id)), serde_json::to_vec(event)),
        Outgoing::Ack { inbox_message_id, ack } => (format!("{API_PREFIX}/inbox/{}/ack", encode(inbox_message_id)), serde_json::to_vec(ack)),
    };
    (path, body.unwrap_or_default())
}

fn encode(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}

/// A client of the federal side's federation API.
#[derive(Clone)]
pub struct FederalClient {
    http: reqwest::Client,
    settings: Arc<FederationSettings>,
    keyring: Arc<Keyring>,
    keys: Arc<FederalKeys>,
}

impl FederalClient {
    /// A client per `settings`, signing with the key of `keyring` whose time it is.
    pub fn new(settings: FederationSettings, keyring: Arc<Keyring>) -> FederalClient {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.timeout_ms))
            .pool_max_idle_per_host(settings.concurrency)
            .build()
            .unwrap_or_default();
        let keys = Arc::new(FederalKeys::new(&settings.jwks_url, http.clone()));
        FederalClient { http, settings: Arc::new(settings), keyring, keys }
    }

    /// The settings.
    pub fn settings(&self) -> &FederationSettings {
        &self.settings
    }

    /// The federal side's keys.
    pub(crate) fn keys(&self) -> &FederalKeys {
        &self.keys
    }

    /// A signed request: the signature covers the method, the full path and query, and the body.
    fn signed(&self, method: reqwest::Method, path_and_query: &str, body: Vec<u8>) -> reqwest::RequestBuilder {
        let url = format!("{}{path_and_query}", self.settings.base_url);
        let target = url::Url::parse(&url).map_or_else(
            |_| path_and_query.to_owned(),
            |u| match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_owned(),
            },
        );
        let jws = detached_jws(self.keyring.signer().as_ref(), &self.settings.region, method.as_str(), &target, &body, crate::clock::now_ms() / 1000);
        let request = self.http.request(method, url).header(SIGNATURE_HEADER, jws);
        if body.is_empty() {
            request
        } else {
            request.header(reqwest::header::CONTENT_TYPE, "application/json").body(body)
        }
    }

    /// Sends one outbox message; the answer says whether it arrived, may be retried, or never will.
    pub async fn send(&self, message: &Outgoing) -> Attempt {
        let (path, body) = request(message);
        match self.signed(reqwest::Method::POST, &path, body).send().await {
            Err(e) => Attempt::Retry(format!("no answer: {}", without_url(&e))),
            Ok(response) => {
                let status = response.status();
                if status.is_success() {
                    return Attempt::Delivered;
                }
                let text: String = response.text().await.unwrap_or_default().chars().take(300).collect();
                let error = format!("HTTP {}: {text}", status.as_u16());
                // Busy, down, not yet in order, or lost on the way: later may work. Anything
                // else is a refusal of the message itself.
                if status.is_server_error() || matches!(status.as_u16(), 408 | 409 | 425 | 429) {
                    Attempt::Retry(error)
                } else {
                    Attempt::Permanent(error)
                }
            }
        }
    }

    /// The inbox: messages filed on the federal side for this region.
    pub async fn inbox(&self) -> Result<Inbox, String> {
        let path = format!("{API_PREFIX}/inbox?region={}", encode(&self.settings.region));
        let response = self.signed(reqwest::Method::GET, &path, Vec::new()).send().await.map_err(|e| without_url(&e))?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| without_url(&e))?;
        if !status.is_success() {
            return Err(format!("HTTP {}: {}", status.as_u16(), String::from_utf8_lossy(&bytes).chars().take(300).collect::<String>()));
        }
        serde_json::from_slice(&bytes).map_err(|e| format!("the inbox is not valid: {e}"))
    }
}

/// A request error without the address (which the log line already names).
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "cannot connect"
    } else {
        "transport error"
    };
    match std::error::Error::source(e) {
        Some(source) => format!("{kind} ({source})"),
        None => kind.to_owned(),
    }
}
