//! `/healthz` (the process answers) and `/readyz` (the database and the file store answer too).
use axum::extract::State;
use axum::http::StatusCode;

use crate::state::AppState;

/// Always 200 while the process serves requests.
pub async fn healthz() -> &'static str {
    "ok"
}

/// 200 when the database and the file store answer, 503 when one does not.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if let Err(e) = state.portal.db.ping().await {
        tracing::warn!(error = %e, "not ready: database does not answer");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable");
    }
    if let Err(e) = state.portal.files.ping().await {
        tracing::warn!(error = %e, "not ready: file store does not answer");
        return (StatusCode::SERVICE_UNAVAILABLE, "file store unavailable");
    }
    (StatusCode::OK, "ready")
}
