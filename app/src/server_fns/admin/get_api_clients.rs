//! The departments' systems registered for the API, for `/admin/api-clients`.
use domain::api_client::ClientsPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// Every API client and the departments to register one for; operator only.
#[server(endpoint = "admin/api-clients")]
pub async fn get_api_clients() -> Result<ClientsPage, PortalError> {
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    backend::api_clients::clients_page(&state, request_lang()).await.map_err(unavailable)
}
