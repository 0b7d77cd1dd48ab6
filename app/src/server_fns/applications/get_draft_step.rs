//! One step of a draft (or its review, the step after the last).
use domain::views::DraftStep;
use leptos::prelude::*;

use crate::error::PortalError;

/// Step `step` (0-based) of the logged-in person's draft `id`; with `check`, its problems.
#[server(endpoint = "applications/step")]
pub async fn get_draft_step(id: String, step: usize, check: bool) -> Result<DraftStep, PortalError> {
    use backend::applications::drafts::draft_step;
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    let me = require(Area::Account)?;
    let state = state()?;
    draft_step(&state, &me, &id, step, check, request_lang()).await.map_err(unavailable)
}
