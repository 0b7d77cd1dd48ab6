//! Full-text search of the catalog.
use domain::catalog::SearchPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// A page of published services matching `query` in the visitor's language, best first,
/// starting at result `offset`.
#[server(endpoint = "catalog/search")]
pub async fn search_services(query: String, offset: usize) -> Result<SearchPage, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let state = state()?;
    state.search.search(&state.db, request_lang(), &query, offset).await.map_err(unavailable)
}
