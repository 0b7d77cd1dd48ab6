//! "My applications".
use domain::application::Shown;
use domain::views::ApplicationSummary;
use leptos::prelude::*;

use crate::error::PortalError;

/// The logged-in person's applications that `shown` selects, the latest change first.
#[server(endpoint = "applications/list")]
pub async fn list_applications(shown: Shown) -> Result<Vec<ApplicationSummary>, PortalError> {
    use backend::applications::queries::my_applications;
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    let me = require(Area::Account)?;
    let state = state()?;
    my_applications(&state, &me, shown, request_lang()).await.map_err(unavailable)
}
