//! Everyone holding a staff role, for `/admin/staff`.
use domain::staff::StaffPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// The staff roles with their holders and the departments to grant in; operator only.
#[server(endpoint = "admin/staff")]
pub async fn get_staff() -> Result<StaffPage, PortalError> {
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    backend::staff::staff_page(&state, request_lang()).await.map_err(unavailable)
}
