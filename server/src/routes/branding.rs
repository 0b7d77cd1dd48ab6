//! The region's coat of arms, served from the file store.
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;

/// `GET /branding/coat-of-arms`
pub async fn coat_of_arms(State(state): State<AppState>) -> Result<Response, AppError> {
    let (key, content_type) = state.portal.db.coat_of_arms().await?.ok_or(AppError::NotFound)?;
    let bytes = state.portal.files.get(&key).await?.ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600".to_owned()),
            // An SVG opened directly must not run scripts.
            (header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
