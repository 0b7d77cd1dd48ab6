//! One application, whole, for its applicant.
use domain::views::ApplicationPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// The logged-in person's application `id`; anyone else's is 404.
#[server(endpoint = "applications/page")]
pub async fn get_application(id: String) -> Result<ApplicationPage, PortalError> {
    use backend::applications::queries::application_page;
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    let me = require(Area::Account)?;
    let state = state()?;
    application_page(&state, &me, &id, request_lang()).await.map_err(unavailable)
}
