//! One service.
use domain::catalog::ServiceCard;
use leptos::prelude::*;

use crate::error::PortalError;

/// The published service `code`, or `None` when there is none.
#[server(endpoint = "catalog/service")]
pub async fn get_service(code: String) -> Result<Option<ServiceCard>, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let catalog = state()?.db.catalog(request_lang()).await.map_err(unavailable)?;
    catalog.service(&code).await.map_err(unavailable)
}
