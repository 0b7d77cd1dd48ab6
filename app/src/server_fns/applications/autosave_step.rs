//! Saving a step as the citizen types (JavaScript only; without it the page's buttons save).
use domain::forms::FormData;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::PortalError;

/// Replaces the values of step `step` of draft `id`; refused with the unknown fields' paths.
#[server(endpoint = "applications/autosave", input = Json)]
pub async fn autosave_step(id: String, step: usize, data: FormData) -> Result<(), PortalError> {
    use backend::applications::drafts::save_step;
    use domain::access::Area;

    use crate::host::{require, state, unavailable};
    let me = require(Area::Account)?;
    let state = state()?;
    save_step(&state, &me, &id, step, &data).await.map_err(unavailable)
}
