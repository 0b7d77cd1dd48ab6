//! Full-text search of the catalog.
use domain::catalog::SearchResult;
use leptos::prelude::*;

use crate::error::PortalError;

/// Published services matching `query` in the visitor's language, best first.
#[server(endpoint = "catalog/search")]
pub async fn search_services(query: String) -> Result<Vec<SearchResult>, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let state = state()?;
    state.search.search(&state.db, request_lang(), &query).await.map_err(unavailable)
}
