//! One service's passport.
use domain::catalog::ServicePassport;
use leptos::prelude::*;

use crate::error::PortalError;

/// The passport of the published service `code`, or `None` when there is none.
#[server(endpoint = "catalog/service")]
pub async fn get_service(code: String) -> Result<Option<ServicePassport>, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let state = state()?;
    let lang = request_lang();
    let load = async { state.db.catalog(lang.clone()).await?.passport(&code).await };
    state.cache.get_or_load(&state.db, format!("passport:{lang}:{code}"), load).await.map_err(unavailable)
}
