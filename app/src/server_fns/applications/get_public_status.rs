//! Status by number, for `/status`: no login.
use domain::status_check::PublicStatus;
use leptos::prelude::*;

use crate::error::PortalError;

/// The status of the application numbered `number` if `code` is its receipt's; `None` otherwise
/// (whatever was wrong: so numbers cannot be probed).
#[server(endpoint = "applications/status")]
pub async fn get_public_status(number: String, code: String) -> Result<Option<PublicStatus>, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let state = state()?;
    backend::applications::status_check::public_status(&state, &number, &code, request_lang()).await.map_err(unavailable)
}
