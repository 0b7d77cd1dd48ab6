//! `/healthz` (the process answers) and `/readyz` (the database answers too).
use axum::extract::State;
use axum::http::StatusCode;

use crate::state::AppState;

/// Always 200 while the process serves requests.
pub async fn healthz() -> &'static str {
    "ok"
}

/// 200 when the database answers, 503 when it does not.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.portal.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "not ready: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
