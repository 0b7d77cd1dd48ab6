//! Reading `multipart/form-data` within bounds: a text part is read up to a limit and refused past
//! it, and a form that cannot be read is told apart from one that asks for too much, so a post can
//! never make the server hold more than the route allows.
use axum::extract::multipart::{Field, MultipartError};

/// Why a part could not be taken.
#[derive(Debug)]
pub enum PartError {
    /// Longer than the route allows.
    TooLong,
    /// Broken off or malformed (the cause, for the log).
    Unreadable(String),
}

impl From<MultipartError> for PartError {
    fn from(e: MultipartError) -> Self {
        PartError::Unreadable(e.to_string())
    }
}

/// The text of `field`, at most `limit` bytes of UTF-8.
pub async fn text(mut field: Field<'_>, limit: usize) -> Result<String, PartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        if bytes.len() + chunk.len() > limit {
            return Err(PartError::TooLong);
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|e| PartError::Unreadable(e.to_string()))
}
