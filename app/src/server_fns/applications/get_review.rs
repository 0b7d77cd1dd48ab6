//! The whole draft for its review before sending.
use domain::views::DraftStep;
use leptos::prelude::*;

use crate::error::PortalError;

/// The logged-in person's draft `id` whole; with `check`, every problem of the form.
#[server(endpoint = "applications/review")]
pub async fn get_review(id: String, check: bool) -> Result<DraftStep, PortalError> {
    use backend::applications::drafts::draft_review;
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    let me = require(Area::Account)?;
    let state = state()?;
    draft_review(&state, &me, &id, check, request_lang()).await.map_err(unavailable)
}
