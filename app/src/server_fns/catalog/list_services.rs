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

/// Published services matching `filter`; unknown codes simply match nothing. JSON input: the
/// filter is a nested struct, which URL-encoded arguments do not carry reliably.
#[server(endpoint = "catalog/services", input = Json)]
pub async fn list_services(filter: CatalogFilter) -> Result<ServiceList, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let state = state()?;
    let lang = request_lang();
    let key = format!("services:{lang}:{filter:?}");
    let load = async {
        let catalog = state.db.catalog(lang.clone()).await?;
        Ok(ServiceList { services: catalog.services(&filter).await?, options: catalog.filter_options().await? })
    };
    state.cache.get_or_build(&state.db, key, load).await.map_err(unavailable)
}
