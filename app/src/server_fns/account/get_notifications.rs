//! The logged-in person's notification centre.
use domain::notify::NotificationPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// The person's newest notifications and how many are unread.
#[server(endpoint = "account/notifications")]
pub async fn get_notifications() -> Result<NotificationPage, PortalError> {
    use domain::access::Area;

    use crate::host::{region_rules, require, state, unavailable};
    let me = require(Area::Account)?;
    let state = state()?;
    let rules = region_rules(&state).await?;
    backend::notify::centre::notification_page(&state.db, me.person_id, &rules).await.map_err(unavailable)
}
