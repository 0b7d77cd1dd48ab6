//! The entry page of the administration.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::PortalError;

/// What the administration entry shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminHome {
    /// Published services.
    pub services: i64,
    /// People holding staff roles.
    pub staff: i64,
}

/// Figures of the portal for the operator.
#[server(endpoint = "admin/home")]
pub async fn get_admin_home() -> Result<AdminHome, PortalError> {
    use domain::access::Area;

    use crate::host::{require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    let (services, staff) = state.db.portal_counts().await.map_err(unavailable)?;
    Ok(AdminHome { services, staff })
}
