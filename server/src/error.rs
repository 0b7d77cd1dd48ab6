//! Errors of the server layer: what stops start-up, and what an HTTP handler answers.
use std::path::PathBuf;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Why the portal could not start or a command failed.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The configuration is wrong.
    #[error("configuration error: {0}")]
    Config(String),
    /// The database could not be opened or migrated.
    #[error("database_url: {0}")]
    Database(backend::Error),
    /// The data folder could not be used.
    #[error("data_dir {}: {source}", path.display())]
    DataDir { path: PathBuf, source: std::io::Error },
    /// The file store could not be opened.
    #[error("files.url {location}: {reason}")]
    Files { location: String, reason: String },
    /// A region pack import failed.
    #[error("import of {}: {source}", dir.display())]
    Import { dir: PathBuf, source: backend::Error },
    /// The federation cannot start (e.g. an unreadable signing key, a provider's bad keys).
    #[error("federation: {0}")]
    Federation(backend::Error),
    /// The mail settings are unusable (e.g. a bad sender address).
    #[error("mail: {0}")]
    Mail(backend::Error),
    /// The webhook deliverer's HTTP client cannot be made.
    #[error("webhooks: {0}")]
    Webhooks(String),
    /// A command's arguments are wrong.
    #[error("{0}")]
    Usage(String),
    /// The listen address could not be bound, or serving failed.
    #[error("listen {addr}: {source}")]
    Listen { addr: std::net::SocketAddr, source: std::io::Error },
}

/// What an HTTP handler outside Leptos answers when it fails.
#[derive(Debug)]
pub enum AppError {
    /// The backend failed; logged here once, the visitor gets a generic page.
    Unavailable(backend::Error),
    /// Bad input, with a message already in the visitor's language.
    BadRequest(String),
    /// More than the route takes (parts, entries, characters), with a message in the visitor's language.
    TooLarge(String),
    /// Nothing here.
    NotFound,
}

impl From<backend::Error> for AppError {
    fn from(e: backend::Error) -> Self {
        AppError::Unavailable(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Unavailable(e) => {
                tracing::error!(error = %e, "backend failure");
                (StatusCode::SERVICE_UNAVAILABLE, Html(crate::fallback_page::UNAVAILABLE)).into_response()
            }
            AppError::BadRequest(message) => (StatusCode::BAD_REQUEST, Html(crate::fallback_page::bad_request(&message))).into_response(),
            AppError::TooLarge(message) => (StatusCode::PAYLOAD_TOO_LARGE, Html(crate::fallback_page::bad_request(&message))).into_response(),
            AppError::NotFound => (StatusCode::NOT_FOUND, Html(crate::fallback_page::NOT_FOUND)).into_response(),
        }
    }
}
