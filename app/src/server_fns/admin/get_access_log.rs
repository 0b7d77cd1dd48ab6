//! The trail of staff opening applicants' personal data.
use domain::access::PersonalDataAccess;
use leptos::prelude::*;

use crate::error::PortalError;

/// The newest openings of personal data by staff matching the filters (each optional), older
/// than record `before`; operator only.
#[server(endpoint = "admin/access-log")]
pub async fn get_access_log(
    before: Option<i64>,
    staff: Option<String>,
    number: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Vec<PersonalDataAccess>, PortalError> {
    use domain::access::Area;
    use domain::staff::AccessLogFilter;

    use crate::host::{region_rules, require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    let rules = region_rules(&state).await?;
    let filter = AccessLogFilter { staff, number, from, to };
    state.db.personal_data_accesses(before, &filter, &rules).await.map_err(unavailable)
}
