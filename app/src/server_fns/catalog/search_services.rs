//! Full-text search of the catalog.
use domain::catalog::SearchPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// A page of published services matching `query` in the visitor's language, best first,
/// starting at result `offset`. A query longer than [`MAX_QUERY_CHARS`] is a bad request.
#[server(endpoint = "catalog/search")]
pub async fn search_services(query: String, offset: usize) -> Result<SearchPage, PortalError> {
    use crate::host::{request_lang, set_status, state, unavailable};
    if query.chars().count() > domain::catalog::MAX_QUERY_CHARS || offset > domain::catalog::MAX_SEARCH_OFFSET {
        set_status(400);
        return Err(PortalError::BadRequest);
    }
    let state = state()?;
    state.search.search(&state.db, request_lang(), &query, offset).await.map_err(unavailable)
}
