//! `/sim/control/*`: what tests change at run time (faults, key rotation). Served only when the
//! configuration says `control = true`, never in the embedded demo.

use std::sync::{Arc, PoisonError};

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::federation::Answer;
use serde::Deserialize;

use crate::account::Spoil;
use crate::faults::Faults;
use crate::Simulator;

/// `GET /sim/control/faults`
pub(crate) async fn get_faults(State(sim): State<Arc<Simulator>>) -> Json<Faults> {
    Json(sim.faults())
}

/// `PUT /sim/control/faults`: replaces every fault setting.
pub(crate) async fn set_faults(State(sim): State<Arc<Simulator>>, Json(faults): Json<Faults>) -> Json<Faults> {
    tracing::info!(?faults, "faults set");
    *sim.faults.write().unwrap_or_else(PoisonError::into_inner) = faults.clone();
    Json(faults)
}

/// `POST /sim/control/rotate-keys`: a new signing key becomes current; the previous one stays
/// published.
pub(crate) async fn rotate_keys(State(sim): State<Arc<Simulator>>) -> Json<Value> {
    let kid = sim.keys.write().unwrap_or_else(PoisonError::into_inner).rotate();
    tracing::info!(%kid, "signing key rotated");
    Json(json!({ "kid": kid }))
}

/// `GET /sim/control/federation`: counters and every application record with its events.
pub(crate) async fn federation(State(sim): State<Arc<Simulator>>) -> Json<Value> {
    let registry = sim.registry();
    Json(json!({ "counters": registry.counters, "records": registry.records() }))
}

/// A message for a region's inbox, as a test wants it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Filing {
    region: String,
    service_code: String,
    /// The test person who files.
    subject: String,
    #[serde(default)]
    form: Vec<Answer>,
    /// Spoil the message to test the region's checks.
    #[serde(default)]
    spoil: Option<Spoil>,
}

/// `POST /sim/control/inbox`: files an application for a region, as the filing page does.
pub(crate) async fn file(State(sim): State<Arc<Simulator>>, Json(f): Json<Filing>) -> Response {
    let Some(person) = sim.person(&f.subject).cloned() else {
        return (StatusCode::BAD_REQUEST, "unknown subject").into_response();
    };
    match sim.file_application(&f.region, &f.service_code, &person, f.form, f.spoil) {
        Ok(message_id) => Json(json!({ "message_id": message_id })).into_response(),
        Err(e) => (StatusCode::BAD_REQUEST, e).into_response(),
    }
}
