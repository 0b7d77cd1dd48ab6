//! The audit trail, a page at a time, for `/admin/audit`.
use domain::staff::AuditPage;
use leptos::prelude::*;

use crate::error::PortalError;

/// Audit records matching the filters (each optional), newest first, older than record
/// `before`; operator only.
#[server(endpoint = "admin/audit")]
pub async fn get_audit(
    action: Option<String>,
    actor: Option<String>,
    from: Option<String>,
    to: Option<String>,
    before: Option<i64>,
) -> Result<AuditPage, PortalError> {
    use domain::access::Area;
    use domain::staff::AuditFilter;

    use crate::host::{region_rules, require, state, unavailable};
    require(Area::Admin)?;
    let state = state()?;
    let rules = region_rules(&state).await?;
    let filter = AuditFilter { action, actor, from, to };
    state.db.audit_page(&filter, before, &rules).await.map_err(unavailable)
}
