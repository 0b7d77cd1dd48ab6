//! `/sim/control/*`: what tests change at run time (faults, key rotation). Served only when the
//! configuration says `control = true`, never in the embedded demo.

use std::sync::{Arc, PoisonError};

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

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
