//! The operator's administration of people and their traces: who holds a staff role, why a role
//! change was refused, and the audit trail and the personal-data trail as the operator browses
//! them (filters and rows). Only view models and rules here; the queries live in `backend`.

use serde::{Deserialize, Serialize};

use crate::catalog::Link;
use crate::identity::Role;

/// One staff role held by someone, as `/admin/staff` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    /// SNILS as written (`123-456-789 64`).
    pub snils: String,
    /// SNILS digits only, as the revoke form sends it back.
    pub snils_digits: String,
    /// Their full name, or `None` when they have not logged in yet.
    pub name: Option<String>,
    /// The role.
    pub role: Role,
    /// Department code for clerks and heads.
    pub department_code: Option<String>,
    /// The department's name in the reader's language (the code when it has none).
    pub department: Option<String>,
    /// When it was granted (the region's local time, `YYYY-MM-DD HH:MM`).
    pub granted_at: String,
    /// Who granted it: a name, or what was stored (`cli`, a SNILS) when nobody by that name is known.
    pub granted_by: GrantedBy,
}

/// Who granted a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GrantedBy {
    /// The command line (`portal grant-role`).
    CommandLine,
    /// A person (an operator on the staff page), by name.
    Person(String),
    /// Something else, as stored.
    Other(String),
}

/// What `/admin/staff` shows: the roles and the departments a role may be granted in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPage {
    /// Every role held, by name (people who have not logged in last), then role.
    pub members: Vec<StaffMember>,
    /// Departments of the catalog (published or not), by name.
    pub departments: Vec<Link>,
}

/// Why a role was not granted or revoked; each has a localized sentence `staff-problem-<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum StaffProblem {
    /// The SNILS is malformed or its control sum is wrong.
    #[error("not a SNILS")]
    BadSnils,
    /// Not clerk, head or operator.
    #[error("no such role")]
    BadRole,
    /// Clerks and heads need a department.
    #[error("the role needs a department")]
    DepartmentRequired,
    /// No department with that code in the catalog.
    #[error("no such department")]
    UnknownDepartment,
    /// This is the region's last operator role: nobody could administer the portal any more.
    #[error("the last operator role of the region")]
    LastOperator,
    /// An operator asked for a role for themselves: roles are given by someone else.
    #[error("one's own roles are granted by someone else")]
    OwnRoles,
}

impl StaffProblem {
    /// Every problem.
    pub const ALL: [StaffProblem; 6] = [
        StaffProblem::BadSnils,
        StaffProblem::BadRole,
        StaffProblem::DepartmentRequired,
        StaffProblem::UnknownDepartment,
        StaffProblem::LastOperator,
        StaffProblem::OwnRoles,
    ];

    /// The code in the address (`?problem=`) and in the message key.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffProblem::BadSnils => "bad_snils",
            StaffProblem::BadRole => "bad_role",
            StaffProblem::DepartmentRequired => "department_required",
            StaffProblem::UnknownDepartment => "unknown_department",
            StaffProblem::LastOperator => "last_operator",
            StaffProblem::OwnRoles => "own_roles",
        }
    }

    /// The problem of a code, `None` for anything else.
    pub fn parse(code: &str) -> Option<StaffProblem> {
        StaffProblem::ALL.into_iter().find(|p| p.as_str() == code)
    }
}

/// What a grant or revoke did; each has a localized sentence `staff-done-<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffChange {
    /// The role was granted.
    Granted,
    /// They had it already.
    AlreadyGranted,
    /// The role was taken away.
    Revoked,
    /// They did not have it.
    NotHeld,
}

impl StaffChange {
    /// Every outcome.
    pub const ALL: [StaffChange; 4] = [StaffChange::Granted, StaffChange::AlreadyGranted, StaffChange::Revoked, StaffChange::NotHeld];

    /// The code in the address (`?done=`) and in the message key.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffChange::Granted => "granted",
            StaffChange::AlreadyGranted => "already_granted",
            StaffChange::Revoked => "revoked",
            StaffChange::NotHeld => "not_held",
        }
    }

    /// The outcome of a code, `None` for anything else.
    pub fn parse(code: &str) -> Option<StaffChange> {
        StaffChange::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// Filters of `/admin/audit`; every one optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Exactly this action.
    pub action: Option<String>,
    /// Part of the actor's name or SNILS.
    pub actor: Option<String>,
    /// From this day (`YYYY-MM-DD`, region time), inclusive.
    pub from: Option<String>,
    /// Up to this day (`YYYY-MM-DD`, region time), inclusive.
    pub to: Option<String>,
}

/// Filters of `/admin/access-log`; every one optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLogFilter {
    /// Part of the staff member's name or SNILS.
    pub staff: Option<String>,
    /// The application's registration number (exactly, or part of it).
    pub number: Option<String>,
    /// From this day (`YYYY-MM-DD`, region time), inclusive.
    pub from: Option<String>,
    /// Up to this day (`YYYY-MM-DD`, region time), inclusive.
    pub to: Option<String>,
}

/// Who did what an audit record tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// A logged-in person, by name.
    Person(String),
    /// The command line (`portal grant-role`…).
    CommandLine,
    /// Nobody logged in: the portal itself (e.g. a refused login).
    System,
}

/// One top-level field that an administrative change changed; values are compact JSON (text
/// as it is), `None` where the field was absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's name.
    pub field: String,
    /// Before the change.
    pub before: Option<String>,
    /// After the change.
    pub after: Option<String>,
}

/// The details of an audit record, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditDetails {
    /// Any record: its details as `name: value` pairs.
    Plain(Vec<(String, String)>),
    /// A change of the catalog or the branding: what was changed and the changed fields.
    Change {
        /// What kind of thing (`service`, `department`, `region`, `form`, `blank`…).
        kind: String,
        /// Its code.
        code: String,
        /// The top-level fields that differ.
        fields: Vec<FieldChange>,
    },
}

/// One audit record as the operator reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Sequence number.
    pub id: i64,
    /// When (the region's local time, `YYYY-MM-DD HH:MM`).
    pub at: String,
    /// Who.
    pub actor: Actor,
    /// The action's code (`role_granted`…).
    pub action: String,
    /// What it concerned.
    pub subject: Option<String>,
    /// The rest.
    pub details: AuditDetails,
}

/// Records of the audit trail per page.
pub const AUDIT_PAGE: usize = 50;

/// A page of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Newest first.
    pub rows: Vec<AuditRow>,
    /// Every action present in the trail, for the filter.
    pub actions: Vec<String>,
    /// The id to go on from (`before=`) when there are older records.
    pub next: Option<i64>,
}

/// Actions the pages name in words (`audit-action-<code>`); others are shown as their code.
pub const KNOWN_ACTIONS: &[&str] = &[
    "login",
    "login_failed",
    "logout",
    "logout_everywhere",
    "role_granted",
    "role_revoked",
    "personal_data_access",
    "catalog_changed",
    "branding_changed",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for p in StaffProblem::ALL {
            assert_eq!(StaffProblem::parse(p.as_str()), Some(p));
        }
        for c in StaffChange::ALL {
            assert_eq!(StaffChange::parse(c.as_str()), Some(c));
        }
        assert_eq!(StaffProblem::parse("whatever"), None);
        assert_eq!(StaffChange::parse(""), None);
    }
}
