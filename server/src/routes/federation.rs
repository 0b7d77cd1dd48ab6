//! Federation routes: our public signing keys, the operator's retry of parked messages, and the
//! delivery figures for a metrics collector.
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use backend::outbox::Topic;
use serde::Deserialize;

use crate::error::AppError;
use crate::extract::{Operator, Posted};
use crate::state::AppState;
use crate::visitor::Visitor;

/// `GET /.well-known/jwks.json`: the keys the federal side checks our requests with (during a
/// rotation, the next key and the one it replaces as well).
pub async fn jwks(State(state): State<AppState>) -> Response {
    let body = match &state.keyring {
        Some(keyring) => keyring.jwks(),
        None => serde_json::json!({ "keys": [] }),
    };
    ([(header::CACHE_CONTROL, "public, max-age=300")], Json(body)).into_response()
}

/// The retry form: one parked message, or all of them when `id` is missing; of the federal
/// messages, or of the emails with `topic=email`.
#[derive(Deserialize)]
pub struct RetryForm {
    id: Option<i64>,
    topic: Option<String>,
}

/// `POST /admin/federation/retry`: parked messages get a fresh round of attempts; operator only.
pub async fn retry(State(state): State<AppState>, Operator(who): Operator, v: Visitor, Posted(form): Posted<RetryForm>) -> Result<Response, AppError> {
    let topic = match form.topic.as_deref() {
        None | Some("federal") => Topic::Federal,
        Some("email") => Topic::Email,
        Some(_) => return Err(AppError::BadRequest(v.i18n.t("settings-bad-form"))),
    };
    let n = state.portal.db.outbox_retry(topic.as_str(), form.id, state.portal.now()).await?;
    tracing::info!(person_id = who.person_id, topic = topic.as_str(), message = ?form.id, retried = n, "parked messages put back to delivery");
    Ok(Redirect::to(&format!("/admin/federation?retried={n}")).into_response())
}

/// `GET /metrics`: Prometheus text with the federal delivery figures; only with the configured
/// bearer token, and not served at all without one.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let Some(token) = state.config.metrics_token.as_deref() else { return Err(AppError::NotFound) };
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or_default();
    if !same(given.as_bytes(), token.as_bytes()) {
        return Ok((StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "").into_response());
    }
    let c = state.portal.db.outbox_counts(Topic::Federal.as_str()).await?;
    let oldest = c.oldest_pending_at.map_or(0, |at| (state.portal.now() - at).max(0) / 1000);
    let body = format!(
        "# HELP portal_federal_messages Messages to the federal portal by delivery state.\n\
         # TYPE portal_federal_messages gauge\n\
         portal_federal_messages{{state=\"pending\"}} {}\n\
         portal_federal_messages{{state=\"failed\"}} {}\n\
         portal_federal_messages{{state=\"delivered\"}} {}\n\
         # HELP portal_federal_oldest_pending_seconds Age of the oldest message waiting for delivery.\n\
         # TYPE portal_federal_oldest_pending_seconds gauge\n\
         portal_federal_oldest_pending_seconds {oldest}\n",
        c.pending, c.failed, c.delivered
    );
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body).into_response())
}

/// Compares secrets in time independent of where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
