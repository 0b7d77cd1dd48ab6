//! The federation endpoints regional portals call. Every request goes through the faults set at
//! run time, then its signature is checked, then the registry applies it.

use std::sync::{Arc, PoisonError};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::federation::{Ack, Inbox, InboxEnvelope, Receipt, Registration, RequestHeader, StatusEvent, SIGNATURE_HEADER};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::signature::SignatureError;
use super::Outcome;
use crate::Simulator;

/// Most inbox messages handed out per poll.
const INBOX_PAGE: usize = 100;

type Answer = (StatusCode, Receipt);

fn answer(status: StatusCode, outcome: &str, detail: Option<String>) -> Answer {
    (status, Receipt { outcome: outcome.into(), detail })
}

impl From<Outcome> for Answer {
    fn from(o: Outcome) -> Answer {
        match o {
            Outcome::Applied => answer(StatusCode::OK, "applied", None),
            Outcome::Duplicate => answer(StatusCode::OK, "duplicate", None),
            Outcome::TooEarly(why) => answer(StatusCode::CONFLICT, "too_early", Some(why.into())),
            Outcome::Conflict(why) => answer(StatusCode::UNPROCESSABLE_ENTITY, "conflict", Some(why.into())),
        }
    }
}

/// Runs `handle` on a signed request, with the faults of the moment around it.
async fn guarded<F>(sim: &Simulator, method: &str, uri: &OriginalUri, headers: &HeaderMap, body: &[u8], handle: F) -> Response
where
    F: FnOnce(&Simulator, RequestHeader) -> Response,
{
    let faults = sim.faults().federation;
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    if faults.outage || (faults.error_rate > 0.0 && rand::random::<f64>() < faults.error_rate) {
        return (StatusCode::SERVICE_UNAVAILABLE, "the federal portal is unavailable (simulated)").into_response();
    }
    sim.registry().counters.received += 1;
    let target = uri.0.path_and_query().map_or_else(|| uri.0.path().to_owned(), |pq| pq.as_str().to_owned());
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    let header = match sim.region_keys.verify(&sim.regions(), signature, method, &target, body).await {
        Ok(header) => header,
        Err(SignatureError::Invalid(why)) => {
            tracing::warn!(%target, reason = %why, "request refused: bad signature");
            sim.registry().counters.bad_signatures += 1;
            let (status, receipt) = answer(StatusCode::UNAUTHORIZED, "bad_signature", Some(why));
            return (status, Json(receipt)).into_response();
        }
        Err(SignatureError::KeysUnavailable(why)) => {
            tracing::warn!(%target, reason = %why, "request not checked: the region's keys are unavailable");
            return (StatusCode::SERVICE_UNAVAILABLE, why).into_response();
        }
    };
    *sim.registry().counters.signed_by.entry(header.kid.clone()).or_default() += 1;
    let response = handle(sim, header);
    if faults.lost_response_rate > 0.0 && rand::random::<f64>() < faults.lost_response_rate {
        sim.registry().counters.lost_responses += 1;
        return (StatusCode::BAD_GATEWAY, "the response was lost (simulated)").into_response();
    }
    response
}

fn reply(a: Answer) -> Response {
    (a.0, Json(a.1)).into_response()
}

/// The body as a `T`, or the 400 answer.
fn parse<T: DeserializeOwned>(sim: &Simulator, body: &[u8]) -> Result<T, Box<Response>> {
    serde_json::from_slice(body).map_err(|e| {
        sim.registry().counters.malformed += 1;
        Box::new(reply(answer(StatusCode::BAD_REQUEST, "malformed", Some(e.to_string()))))
    })
}

fn wrong_region() -> Response {
    reply(answer(StatusCode::FORBIDDEN, "wrong_region", Some("the message belongs to another region".into())))
}

/// `POST /federation/v1/applications`
pub(crate) async fn register(State(sim): State<Arc<Simulator>>, uri: OriginalUri, headers: HeaderMap, body: Bytes) -> Response {
    guarded(&sim, "POST", &uri, &headers, &body, |sim, header| {
        let registration: Registration = match parse(sim, &body) {
            Ok(r) => r,
            Err(response) => return *response,
        };
        if registration.region != header.region {
            return wrong_region();
        }
        reply(sim.registry().register(registration).into())
    })
    .await
}

/// `POST /federation/v1/applications/{id}/events`
pub(crate) async fn events(State(sim): State<Arc<Simulator>>, Path(id): Path<String>, uri: OriginalUri, headers: HeaderMap, body: Bytes) -> Response {
    guarded(&sim, "POST", &uri, &headers, &body, |sim, header| {
        let event: StatusEvent = match parse(sim, &body) {
            Ok(e) => e,
            Err(response) => return *response,
        };
        let mut registry = sim.registry();
        if registry.region_of(&id).is_some_and(|r| r != header.region) {
            return wrong_region();
        }
        reply(registry.event(&id, event).into())
    })
    .await
}

#[derive(Deserialize)]
pub(crate) struct InboxQuery {
    region: String,
}

/// `GET /federation/v1/inbox?region=…`
pub(crate) async fn inbox(State(sim): State<Arc<Simulator>>, Query(q): Query<InboxQuery>, uri: OriginalUri, headers: HeaderMap) -> Response {
    guarded(&sim, "GET", &uri, &headers, b"", |sim, header| {
        if q.region != header.region {
            return wrong_region();
        }
        let duplicate = sim.faults().federation.duplicate_inbox;
        let messages = sim.registry().waiting(&q.region, duplicate, INBOX_PAGE);
        Json(Inbox { messages: messages.into_iter().map(|(message_id, jws)| InboxEnvelope { message_id, jws }).collect() }).into_response()
    })
    .await
}

/// `POST /federation/v1/inbox/{message_id}/ack`
pub(crate) async fn ack(State(sim): State<Arc<Simulator>>, Path(message_id): Path<String>, uri: OriginalUri, headers: HeaderMap, body: Bytes) -> Response {
    guarded(&sim, "POST", &uri, &headers, &body, |sim, header| {
        let ack: Ack = match parse(sim, &body) {
            Ok(a) => a,
            Err(response) => return *response,
        };
        if let Ack::Rejected { reason } = &ack {
            tracing::info!(%message_id, %reason, "the region rejected an inbox message");
        }
        match sim.registry().acknowledge(&header.region, &message_id, ack) {
            Ok(outcome) => reply(outcome.into()),
            Err(why) => reply(answer(StatusCode::NOT_FOUND, "unknown_message", Some(why.into()))),
        }
    })
    .await
}

impl Simulator {
    pub(crate) fn registry(&self) -> std::sync::MutexGuard<'_, super::Registry> {
        self.registry.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
