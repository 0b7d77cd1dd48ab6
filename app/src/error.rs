//! The error server functions return to pages. It carries no details: pages show a localized
//! message for its kind, and the cause is logged on the server.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why a server function failed, as far as the visitor needs to know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum PortalError {
    /// The database or another part of the portal is down; try again later.
    #[error("temporarily unavailable")]
    Unavailable,
    /// Nobody is logged in, and this needs a login.
    #[error("login required")]
    LoginRequired,
    /// The logged-in person may not see or do this.
    #[error("forbidden")]
    Forbidden,
    /// There is no such thing (or it is not theirs to know of).
    #[error("not found")]
    NotFound,
    /// The request names values that do not exist or are too long (a filter, a search).
    #[error("bad request")]
    BadRequest,
    /// An action on an application was refused; the page says why.
    #[error("{0}")]
    Refused(domain::application::Refusal),
    /// The request did not reach the server function or its answer did not come back.
    #[error("transport: {0}")]
    Transport(String),
}

impl FromServerFnError for PortalError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server this is a request whose arguments cannot be read: the caller's fault (400),
        // never a server error.
        if matches!(value, ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_)) {
            crate::http_status::set_status(400);
        }
        PortalError::Transport(value.to_string())
    }
}
