//! The catalog list with its filters.
use domain::catalog::{CategoryCard, ServiceCard};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::PortalError;

/// Services matching a filter, and the categories to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceList {
    /// Matching published services.
    pub services: Vec<ServiceCard>,
    /// Every category, for the filter.
    pub categories: Vec<CategoryCard>,
}

/// Published services in `category` (all when empty).
#[server(endpoint = "catalog/services")]
pub async fn list_services(category: Option<String>) -> Result<ServiceList, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    use domain::catalog::CatalogFilter;
    let catalog = state()?.db.catalog(request_lang()).await.map_err(unavailable)?;
    let filter = CatalogFilter { category: category.filter(|c| !c.is_empty()) };
    Ok(ServiceList {
        services: catalog.services(&filter).await.map_err(unavailable)?,
        categories: catalog.categories().await.map_err(unavailable)?,
    })
}
