//! The operator's staff forms: `POST /admin/staff/grant` and `POST /admin/staff/revoke`. Each
//! answers with a redirect to `/admin/staff` saying what was done (`?done=`) or why not
//! (`?problem=`, with the grant form's values to fill it again), so they work without
//! JavaScript; the checks, the last-operator rule and the audit record are `backend::staff`'s.
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use backend::staff::RoleRequest;
use domain::staff::{StaffChange, StaffProblem};
use serde::Deserialize;

use crate::error::AppError;
use crate::extract::{Operator, Posted, RequestId};
use crate::state::AppState;

const PAGE: &str = "/admin/staff";

/// The grant and revoke forms (missing fields are empty and refused as such).
#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    snils: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    department: String,
}

impl RoleForm {
    fn request(&self) -> RoleRequest<'_> {
        RoleRequest { snils: &self.snils, role: &self.role, department: &self.department }
    }
}

/// Back to the staff page with what happened.
fn answer(outcome: Result<StaffChange, StaffProblem>, form: Option<&RoleForm>) -> Response {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    match outcome {
        Ok(change) => {
            query.append_pair("done", change.as_str());
        }
        Err(problem) => {
            query.append_pair("problem", problem.as_str());
            if let Some(f) = form {
                query.append_pair("snils", f.snils.trim()).append_pair("role", &f.role).append_pair("department", &f.department);
            }
        }
    }
    Redirect::to(&format!("{PAGE}?{}", query.finish())).into_response()
}

/// `POST /admin/staff/grant`: gives a role to whoever has the SNILS, now or at their first login.
pub async fn grant(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    Posted(form): Posted<RoleForm>,
) -> Result<Response, AppError> {
    let outcome = backend::staff::grant(&state.portal, &who, &form.request(), request).await?;
    tracing::info!(person_id = who.person_id, role = %form.role, department = %form.department, outcome = ?outcome, "staff role grant");
    Ok(answer(outcome, Some(&form)))
}

/// `POST /admin/staff/revoke`: takes a role away; never the region's last operator role.
pub async fn revoke(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    Posted(form): Posted<RoleForm>,
) -> Result<Response, AppError> {
    let outcome = backend::staff::revoke(&state.portal, &who, &form.request(), request).await?;
    tracing::info!(person_id = who.person_id, role = %form.role, department = %form.department, outcome = ?outcome, "staff role revoke");
    Ok(answer(outcome, None))
}
