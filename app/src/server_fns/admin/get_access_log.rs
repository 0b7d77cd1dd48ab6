//! The trail of staff opening applicants' personal data.
use domain::access::PersonalDataAccess;
use leptos::prelude::*;

use crate::error::PortalError;

/// The newest openings of personal data by staff, older than record `before`; operator only.
#[server(endpoint = "admin/access-log")]
pub async fn get_access_log(before: Option<i64>) -> Result<Vec<PersonalDataAccess>, PortalError> {
    use domain::access::Area;

    use crate::host::{region_rules, require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    let rules = region_rules(&state).await?;
    state.db.personal_data_accesses(before, &rules).await.map_err(unavailable)
}
