//! One life situation with its services.
use domain::catalog::LifeSituationPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// The published life situation `code` and its services, or `None` when there is none.
#[server(endpoint = "catalog/life-situation")]
pub async fn get_life_situation(code: String) -> Result<Option<LifeSituationPage>, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let catalog = state()?.db.catalog(request_lang()).await.map_err(unavailable)?;
    catalog.life_situation_page(&code).await.map_err(unavailable)
}
