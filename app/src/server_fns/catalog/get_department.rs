//! One department with its services.
use domain::catalog::DepartmentPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// The published department `code` and its services, or `None` when there is none.
#[server(endpoint = "catalog/department")]
pub async fn get_department(code: String) -> Result<Option<DepartmentPage>, PortalError> {
    use crate::host::{request_lang, state, unavailable};
    let catalog = state()?.db.catalog(request_lang()).await.map_err(unavailable)?;
    catalog.department_page(&code).await.map_err(unavailable)
}
