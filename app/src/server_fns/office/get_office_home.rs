//! The entry page of the back office.
use domain::catalog::Link;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::PortalError;

/// What the back office entry shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeHome {
    /// Departments the person works in, with their names.
    pub departments: Vec<Link>,
}

/// The departments of the logged-in clerk or head.
#[server(endpoint = "office/home")]
pub async fn get_office_home() -> Result<OfficeHome, PortalError> {
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    let me = require(Area::Office)?;
    let state = state()?;
    let names = async { state.db.catalog(request_lang()).await?.department_names().await }.await.map_err(unavailable)?;
    let departments = me
        .office_departments()
        .into_iter()
        .map(|code| Link { title: names.get(&code).cloned().unwrap_or_else(|| code.clone()), code })
        .collect();
    Ok(OfficeHome { departments })
}
