//! One application for the staff of its department.
use domain::office::StaffPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// Application `id` for a clerk or head of its department (audited); anyone else gets 404.
#[server(endpoint = "office/application")]
pub async fn get_staff_application(id: String) -> Result<StaffPage, PortalError> {
    use backend::office::page::staff_page;
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    let me = require(Area::Office)?;
    let state = state()?;
    staff_page(&state, &me, &id, request_lang()).await.map_err(unavailable)
}
