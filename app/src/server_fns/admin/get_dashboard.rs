//! The figures of the operator's progress dashboards.
use domain::dashboard::DashboardAnswer;
use leptos::prelude::*;

use crate::error::PortalError;

/// Every chart of the period `from`–`to` (`YYYY-MM-DD`, both optional: the last 30 days in the
/// region), or why the period cannot be read; operator only.
#[server(endpoint = "admin/dashboard")]
pub async fn get_dashboard(from: Option<String>, to: Option<String>) -> Result<DashboardAnswer, PortalError> {
    use domain::access::Area;
    use domain::dashboard::parse_period;

    use crate::host::{region_rules, request_lang, require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    let rules = region_rules(&state).await?;
    let now = state.now();
    let period = match parse_period(from.as_deref(), to.as_deref(), rules.today(now)) {
        Ok(period) => period,
        Err(problem) => return Ok(DashboardAnswer::BadPeriod(problem)),
    };
    let dashboard = backend::dashboard::dashboard(&state, request_lang(), period).await.map_err(unavailable)?;
    Ok(DashboardAnswer::Ready(Box::new(dashboard)))
}
