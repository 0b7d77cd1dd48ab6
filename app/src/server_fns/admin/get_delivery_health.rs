//! How delivery to the federal portal is going.
use domain::federation::DeliveryHealth;
use leptos::prelude::*;

use crate::error::PortalError;

/// Pending, failed and delivered messages to the federal portal and emails, with the parked
/// ones; operator only.
#[server(endpoint = "admin/federation")]
pub async fn get_delivery_health() -> Result<(DeliveryHealth, DeliveryHealth), PortalError> {
    use backend::outbox::Topic;
    use domain::access::Area;

    use crate::host::{region_rules, require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    let rules = region_rules(&state).await?;
    let federal = backend::outbox::health(&state.db, Topic::Federal, &rules).await.map_err(unavailable)?;
    let email = backend::outbox::health(&state.db, Topic::Email, &rules).await.map_err(unavailable)?;
    Ok((federal, email))
}
