//! How delivery to the federal portal is going.
use domain::federation::DeliveryHealth;
use leptos::prelude::*;

use crate::error::PortalError;

/// Pending, failed and delivered messages to the federal portal and the parked ones; operator only.
#[server(endpoint = "admin/federation")]
pub async fn get_delivery_health() -> Result<DeliveryHealth, PortalError> {
    use domain::access::Area;

    use crate::host::{region_rules, require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    let rules = region_rules(&state).await?;
    state.db.delivery_health(&rules).await.map_err(unavailable)
}
