//! The latest webhook deliveries, for `/admin/webhooks`.
use domain::webhook::DeliveryView;
use leptos::prelude::*;

use crate::error::PortalError;

/// The latest deliveries to departments' systems, newest first; operator only.
#[server(endpoint = "admin/webhooks")]
pub async fn get_webhooks() -> Result<Vec<DeliveryView>, PortalError> {
    use domain::access::Area;

    use crate::host::{require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    backend::webhooks::log(&state).await.map_err(unavailable)
}
