//! One application for the staff of its department.
use domain::office::StaffPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// Application `id` for a clerk or head of its department (audited); anyone else gets 404.
#[server(endpoint = "office/application")]
pub async fn get_staff_application(id: String) -> Result<StaffPage, PortalError> {
    use backend::office::page::staff_page;
    use domain::access::Area;

    use crate::host::{region_rules, request_lang, require, state, unavailable};
    let me = require(Area::Office)?;
    let state = state()?;
    let rules = region_rules(&state).await?;
    staff_page(&state.db, &me, &id, request_lang(), &rules, backend::clock::now_ms()).await.map_err(unavailable)
}
