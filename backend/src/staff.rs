//! Staff roles as the operator manages them at `/admin/staff`: who holds which role (with their
//! name once they have logged in), and granting and revoking: one implementation for the
//! browser and the command line (`portal grant-role`), never the region's last operator role,
//! never an operator's own roles, each change audited with its actor. Roles are read from the
//! database on every request, so a change applies to the person's next request.

use domain::access::Principal;
use domain::catalog::Link;
use domain::identity::{Role, Snils, StaffRole};
use domain::localized::Lang;
use domain::staff::{GrantedBy, StaffChange, StaffMember, StaffPage, StaffProblem};
use serde_json::json;

use crate::store::{AuditEntry, Revoked};
use crate::{Db, Portal, Result};

/// What the grant or revoke form sent, as typed.
#[derive(Debug, Clone, Default)]
pub struct RoleRequest<'a> {
    /// SNILS, with or without separators.
    pub snils: &'a str,
    /// `clerk`, `head` or `operator`.
    pub role: &'a str,
    /// Department code; required for clerks and heads, ignored for the operator.
    pub department: &'a str,
}

fn name(family: Option<String>, given: Option<String>, middle: Option<String>) -> Option<String> {
    family.map(|f| domain::identity::full_name(f, given, middle))
}

/// Every staff role with its holder's name, the departments' names in `lang`, and the
/// departments a role may be granted in.
pub async fn staff_page(p: &Portal, lang: Lang) -> Result<StaffPage> {
    let (db, rules) = (&p.db, &p.rules().await?);
    let rows = db.staff_roles_named().await?;
    let names = db.catalog(lang).await?.department_names().await?;
    let mut members = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(role) = Role::parse(&r.role) else { return Err(crate::Error::Corrupt(format!("staff role {:?}", r.role))) };
        let snils = Snils::parse(&r.snils).map(|s| s.to_string()).unwrap_or_else(|_| r.snils.clone());
        let department_code = (!r.department_code.is_empty()).then_some(r.department_code);
        let granted_by = match (r.granted_by.as_str(), name(r.by_family, r.by_given, r.by_middle)) {
            ("cli", _) => GrantedBy::CommandLine,
            (_, Some(n)) => GrantedBy::Person(n),
            (other, None) => GrantedBy::Other(other.to_owned()),
        };
        members.push(StaffMember {
            snils,
            snils_digits: r.snils,
            name: name(r.family_name, r.given_name, r.middle_name),
            role,
            department: department_code.as_ref().map(|c| names.get(c).cloned().unwrap_or_else(|| c.clone())),
            department_code,
            granted_at: rules.local_time(r.granted_at),
            granted_by,
        });
    }
    members.sort_by_cached_key(|m| (m.name.is_none(), m.name.as_deref().map(str::to_lowercase), m.snils.clone(), m.role, m.department.clone()));
    let mut departments: Vec<Link> = names.into_iter().map(|(code, title)| Link { code, title }).collect();
    departments.sort_by_cached_key(|d| (d.title.to_lowercase(), d.code.clone()));
    Ok(StaffPage { members, departments })
}

/// Who changes a role: an operator in the browser, or the installer at the command line.
#[derive(Debug, Clone, Copy)]
pub enum RoleActor<'a> {
    /// An operator (the caller has checked that they are one).
    Operator(&'a Principal),
    /// `portal grant-role` / `revoke-role`.
    CommandLine,
}

/// The SNILS and role a form names, or what is wrong with them.
fn parse_request(request: &RoleRequest<'_>) -> std::result::Result<(Snils, StaffRole), StaffProblem> {
    let snils = Snils::parse(request.snils.trim()).map_err(|_| StaffProblem::BadSnils)?;
    let role = Role::parse(request.role.trim()).ok_or(StaffProblem::BadRole)?;
    let department = match role {
        Role::Operator => None,
        Role::Clerk | Role::Head => Some(request.department.trim().to_owned()).filter(|d| !d.is_empty()),
    };
    let role = StaffRole::new(role, department).map_err(|_| StaffProblem::DepartmentRequired)?;
    Ok((snils, role))
}

/// What `actor` is written down as in `granted_by` and the audit's `by`: an operator's SNILS
/// digits, or `cli`.
async fn actor_mark(db: &Db, actor: RoleActor<'_>) -> Result<String> {
    let RoleActor::Operator(operator) = actor else { return Ok("cli".into()) };
    let profile = db.profile(operator.person_id).await?;
    Ok(profile.and_then(|p| p.snils).map_or_else(|| format!("person:{}", operator.person_id), |s| s.digits().to_owned()))
}

/// The audit record of a role change by `actor`.
fn change_entry(actor: RoleActor<'_>, action: &'static str, snils: &Snils, role: &StaffRole, by: &str, request_id: Option<String>) -> AuditEntry {
    let details = json!({ "role": role.role.as_str(), "department": role.department, "by": by });
    let person = match actor {
        RoleActor::Operator(operator) => Some(operator.person_id),
        RoleActor::CommandLine => None,
    };
    AuditEntry::new(person, action).about(snils.to_string()).with(details).in_request(request_id)
}

/// Grants the role of a form on behalf of `operator`.
pub async fn grant(p: &Portal, operator: &Principal, request: &RoleRequest<'_>, request_id: Option<String>) -> Result<Outcome> {
    match parse_request(request) {
        Ok((snils, role)) => grant_role(&p.db, RoleActor::Operator(operator), &snils, &role, request_id, p.now()).await,
        Err(problem) => Ok(Err(problem)),
    }
}

/// Revokes the role of a form on behalf of `operator`; never the region's last operator role.
pub async fn revoke(p: &Portal, operator: &Principal, request: &RoleRequest<'_>, request_id: Option<String>) -> Result<Outcome> {
    match parse_request(request) {
        Ok((snils, role)) => revoke_role(&p.db, RoleActor::Operator(operator), &snils, &role, request_id, p.now()).await,
        Err(problem) => Ok(Err(problem)),
    }
}

/// What a grant or revoke did, or why nothing was done.
pub type Outcome = std::result::Result<StaffChange, StaffProblem>;

/// Grants `role` to whoever has `snils` (now or at their first login), on behalf of `actor`: the
/// department must exist, and nobody grants themselves a role. Audited when something changed.
pub async fn grant_role(db: &Db, actor: RoleActor<'_>, snils: &Snils, role: &StaffRole, request_id: Option<String>, now: i64) -> Result<Outcome> {
    if let Some(department) = &role.department {
        if !db.department_exists(department).await? {
            return Ok(Err(StaffProblem::UnknownDepartment));
        }
    }
    let by = actor_mark(db, actor).await?;
    if matches!(actor, RoleActor::Operator(_)) && by == snils.digits() {
        return Ok(Err(StaffProblem::OwnRoles));
    }
    if !db.grant_role(snils, role, &by, now).await? {
        return Ok(Ok(StaffChange::AlreadyGranted));
    }
    db.audit(&change_entry(actor, "role_granted", snils, role, &by, request_id), now).await?;
    Ok(Ok(StaffChange::Granted))
}

/// Takes `role` away from `snils` on behalf of `actor`; never the region's last operator role.
/// Audited when something changed.
pub async fn revoke_role(db: &Db, actor: RoleActor<'_>, snils: &Snils, role: &StaffRole, request_id: Option<String>, now: i64) -> Result<Outcome> {
    match db.revoke_role(snils, role).await? {
        Revoked::LastOperator => Ok(Err(StaffProblem::LastOperator)),
        Revoked::NotHeld => Ok(Ok(StaffChange::NotHeld)),
        Revoked::Yes => {
            let by = actor_mark(db, actor).await?;
            db.audit(&change_entry(actor, "role_revoked", snils, role, &by, request_id), now).await?;
            Ok(Ok(StaffChange::Revoked))
        }
    }
}
