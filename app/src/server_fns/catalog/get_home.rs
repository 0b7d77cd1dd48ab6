//! Data of the home page.
use domain::catalog::{CategoryCard, Link, ServiceCard};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::PortalError;

/// Categories and priority services for the home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    /// Categories with service counts.
    pub categories: Vec<CategoryCard>,
    /// The region's priority services.
    pub priority: Vec<ServiceCard>,
    /// Life situations.
    pub life_situations: Vec<Link>,
}

/// Categories, priority services and life situations in the visitor's language.
#[server(endpoint = "catalog/home")]
pub async fn get_home() -> Result<Home, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let state = state()?;
    let lang = request_lang();
    let load = async {
        let catalog = state.db.catalog(lang.clone()).await?;
        Ok(Home { categories: catalog.categories().await?, priority: catalog.priority_services().await?, life_situations: catalog.life_situations().await? })
    };
    state.cache.get_or_build(&state.db, format!("home:{lang}"), load).await.map_err(unavailable)
}
