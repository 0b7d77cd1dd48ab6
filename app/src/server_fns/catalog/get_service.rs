//! One service's passport.
use domain::catalog::ServicePassport;
use leptos::prelude::*;

use crate::error::PortalError;

/// The passport of the published service `code`, or `None` when there is none.
#[server(endpoint = "catalog/service")]
pub async fn get_service(code: String) -> Result<Option<ServicePassport>, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let catalog = state()?.db.catalog(request_lang()).await.map_err(unavailable)?;
    catalog.passport(&code).await.map_err(unavailable)
}
