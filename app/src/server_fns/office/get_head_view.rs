//! The head's figures.
use domain::office::HeadView;
use leptos::prelude::*;

use crate::error::PortalError;

/// Load, overdue applications and processing times of the departments the person heads;
/// clerks who head none are refused.
#[server(endpoint = "office/head")]
pub async fn get_head_view() -> Result<HeadView, PortalError> {
    use backend::office::head::head_view;
    use domain::access::Area;
    use domain::application::Refusal;

    use crate::host::{request_lang, require, set_status, state, unavailable};
    let me = require(Area::Office)?;
    let state = state()?;
    match head_view(&state, &me, request_lang()).await {
        Err(backend::Error::Refused(Refusal::HeadOnly)) => {
            set_status(403);
            Err(PortalError::Forbidden)
        }
        other => other.map_err(unavailable),
    }
}
