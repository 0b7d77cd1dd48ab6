//! The catalog list with its filters.
use domain::catalog::{CatalogFilter, FilterOptions, ServiceCard};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::PortalError;

/// Services matching a filter, and the choices of every filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceList {
    /// Matching published services.
    pub services: Vec<ServiceCard>,
    /// Choices of each filter.
    pub options: FilterOptions,
}

/// Published services matching `filter`; a code no filter offers is a bad request (400), so
/// only real combinations are ever looked up or kept. JSON input: the filter is a nested struct,
/// which URL-encoded arguments do not carry reliably.
#[server(endpoint = "catalog/services", input = Json)]
pub async fn list_services(filter: CatalogFilter) -> Result<ServiceList, PortalError> {
    use crate::host::{request_lang, set_status, state, unavailable};
    let state = state()?;
    let lang = request_lang();
    let load_options = async { state.db.catalog(lang.clone()).await?.filter_options().await };
    let options = state.cache.get_or_build(&state.db, format!("filter-options:{lang}"), load_options).await.map_err(unavailable)?;
    if !options.offers(&filter) {
        set_status(400);
        return Err(PortalError::BadRequest);
    }
    let key = format!("services:{lang}:{filter:?}");
    let load = async {
        let services = state.db.catalog(lang.clone()).await?.services(&filter).await?;
        Ok(ServiceList { services, options: options.clone() })
    };
    state.cache.get_or_build_query(&state.db, key, load).await.map_err(unavailable)
}
