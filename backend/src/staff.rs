//! Staff roles as the operator manages them at `/admin/staff`: who holds which role (with their
//! name once they have logged in), granting and revoking with the same checks as the command
//! line (`portal grant-role`), never the region's last operator role, each change audited with
//! the operator as its actor. Roles are read from the database on every request, so a change
//! applies to the person's next request.

use domain::access::Principal;
use domain::catalog::Link;
use domain::identity::{Role, Snils, StaffRole};
use domain::localized::Lang;
use domain::staff::{GrantedBy, StaffChange, StaffMember, StaffPage, StaffProblem};
use serde_json::json;

use crate::audit::AuditEntry;
use crate::db::with_pool;
use crate::region_rules::RegionRules;
use crate::{Db, Result};

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

#[derive(sqlx::FromRow)]
struct DbStaffRole {
    snils: String,
    role: String,
    department_code: String,
    granted_at: i64,
    granted_by: String,
    family_name: Option<String>,
    given_name: Option<String>,
    middle_name: Option<String>,
    by_family: Option<String>,
    by_given: Option<String>,
    by_middle: Option<String>,
}

fn name(family: Option<String>, given: Option<String>, middle: Option<String>) -> Option<String> {
    family.map(|f| [Some(f), given, middle].into_iter().flatten().collect::<Vec<_>>().join(" "))
}

/// Every staff role with its holder's name, the departments' names in `lang`, and the
/// departments a role may be granted in.
pub async fn staff_page(db: &Db, lang: Lang, rules: &RegionRules) -> Result<StaffPage> {
    // A SNILS may belong to more than one federal account: the newest one names the person.
    let rows: Vec<DbStaffRole> = with_pool!(db, |p| sqlx::query_as(
        "SELECT r.snils, r.role, r.department_code, r.granted_at, r.granted_by, \
         p.family_name, p.given_name, p.middle_name, g.family_name AS by_family, g.given_name AS by_given, g.middle_name AS by_middle \
         FROM staff_roles r \
         LEFT JOIN persons p ON p.id = (SELECT MAX(id) FROM persons WHERE snils = r.snils) \
         LEFT JOIN persons g ON g.id = (SELECT MAX(id) FROM persons WHERE snils = r.granted_by) \
         ORDER BY r.snils, r.role, r.department_code"
    )
    .fetch_all(p)
    .await?);
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

/// The SNILS and role a request names, checked as the command line checks them; with `check_department`
/// the department must exist in the catalog.
async fn checked(db: &Db, request: &RoleRequest<'_>, check_department: bool) -> Result<std::result::Result<(Snils, StaffRole), StaffProblem>> {
    let Ok(snils) = Snils::parse(request.snils.trim()) else { return Ok(Err(StaffProblem::BadSnils)) };
    let Some(role) = Role::parse(request.role.trim()) else { return Ok(Err(StaffProblem::BadRole)) };
    let department = match role {
        Role::Operator => None,
        Role::Clerk | Role::Head => Some(request.department.trim().to_owned()).filter(|d| !d.is_empty()),
    };
    let Ok(role) = StaffRole::new(role, department) else { return Ok(Err(StaffProblem::DepartmentRequired)) };
    if let (true, Some(d)) = (check_department, &role.department) {
        if !db.department_exists(d).await? {
            return Ok(Err(StaffProblem::UnknownDepartment));
        }
    }
    Ok(Ok((snils, role)))
}

/// What `operator` is written down as in `granted_by` and the audit's `by`: their SNILS digits.
async fn operator_mark(db: &Db, operator: &Principal) -> Result<String> {
    let profile = db.profile(operator.person_id).await?;
    Ok(profile.and_then(|p| p.snils).map_or_else(|| format!("person:{}", operator.person_id), |s| s.digits().to_owned()))
}

/// The audit record of a role change by `operator`, as the command line writes it but with an actor.
fn change_entry(operator: &Principal, action: &'static str, snils: &Snils, role: &StaffRole, by: &str, request_id: Option<String>) -> AuditEntry {
    let details = json!({ "role": role.role.as_str(), "department": role.department, "by": by });
    AuditEntry::new(Some(operator.person_id), action).about(snils.to_string()).with(details).in_request(request_id)
}

/// Grants the role of `request` on behalf of `operator` (who the caller has checked is one).
pub async fn grant(
    db: &Db,
    operator: &Principal,
    request: &RoleRequest<'_>,
    request_id: Option<String>,
    now: i64,
) -> Result<std::result::Result<StaffChange, StaffProblem>> {
    let (snils, role) = match checked(db, request, true).await? {
        Ok(ok) => ok,
        Err(problem) => return Ok(Err(problem)),
    };
    let by = operator_mark(db, operator).await?;
    if !db.grant_role(&snils, &role, &by, now).await? {
        return Ok(Ok(StaffChange::AlreadyGranted));
    }
    db.audit(&change_entry(operator, "role_granted", &snils, &role, &by, request_id), now).await?;
    Ok(Ok(StaffChange::Granted))
}

/// The number of operator roles held by anyone but `snils`.
async fn other_operators(db: &Db, snils: &Snils) -> Result<i64> {
    let (n,): (i64,) = with_pool!(db, |p| sqlx::query_as("SELECT COUNT(*) FROM staff_roles WHERE role = 'operator' AND snils <> $1")
        .bind(snils.digits())
        .fetch_one(p)
        .await?);
    Ok(n)
}

/// Revokes the role of `request` on behalf of `operator`; never the region's last operator role.
pub async fn revoke(
    db: &Db,
    operator: &Principal,
    request: &RoleRequest<'_>,
    request_id: Option<String>,
    now: i64,
) -> Result<std::result::Result<StaffChange, StaffProblem>> {
    let (snils, role) = match checked(db, request, false).await? {
        Ok(ok) => ok,
        Err(problem) => return Ok(Err(problem)),
    };
    if role.role == Role::Operator && other_operators(db, &snils).await? == 0 {
        return Ok(Err(StaffProblem::LastOperator));
    }
    if !db.revoke_role(&snils, &role).await? {
        return Ok(Ok(StaffChange::NotHeld));
    }
    let by = operator_mark(db, operator).await?;
    db.audit(&change_entry(operator, "role_revoked", &snils, &role, &by, request_id), now).await?;
    Ok(Ok(StaffChange::Revoked))
}
