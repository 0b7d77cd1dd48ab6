//! The operator's administration of people and their traces: who holds a staff role, why a role
//! change was refused, and the audit trail and the personal-data trail as the operator browses
//! them (filters and rows). Only view models and rules here; the queries live in `backend`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

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
pub const KNOWN_ACTIONS: &[&str] =
    &["login", "login_failed", "logout", "logout_everywhere", "role_granted", "role_revoked", "personal_data_access", "catalog_changed", "branding_changed"];

/// Actions whose details are `{kind, code, before, after}` of an administrative change.
const CHANGE_ACTIONS: [&str; 2] = ["catalog_changed", "branding_changed"];

/// The details of a record of `action` as the audit page shows them.
pub fn shown_details(action: &str, details: &Value) -> AuditDetails {
    if CHANGE_ACTIONS.contains(&action) {
        if let (Some(kind), Some(code)) = (details["kind"].as_str(), details["code"].as_str()) {
            return AuditDetails::Change { kind: kind.to_owned(), code: code.to_owned(), fields: changed_fields(&details["before"], &details["after"]) };
        }
    }
    match details {
        Value::Object(map) => AuditDetails::Plain(map.iter().map(|(k, v)| (k.clone(), if v.is_null() { "—".to_owned() } else { compact(v) })).collect()),
        Value::Null => AuditDetails::Plain(Vec::new()),
        other => AuditDetails::Plain(vec![(String::new(), compact(other))]),
    }
}

/// A value for reading: text as it is, anything else as compact JSON.
fn compact(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The top-level fields that differ between `before` and `after` (objects; `null` for a thing
/// created or deleted), in the order of `before`'s fields, then `after`'s new ones. Values that
/// are not objects compare as one field named `""`.
pub fn changed_fields(before: &Value, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let as_map = |v: &Value| -> Option<serde_json::Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m.clone()),
            Value::Null => Some(empty.clone()),
            _ => None,
        }
    };
    let (Some(b), Some(a)) = (as_map(before), as_map(after)) else {
        let shown = |v: &Value| (!v.is_null()).then(|| compact(v));
        return if before == after { Vec::new() } else { vec![FieldChange { field: String::new(), before: shown(before), after: shown(after) }] };
    };
    let mut fields: Vec<&String> = b.keys().collect();
    fields.extend(a.keys().filter(|k| !b.contains_key(*k)));
    fields
        .into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| FieldChange { field: k.clone(), before: b.get(k).map(compact), after: a.get(k).map(compact) })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_changed_top_level_fields_are_listed() {
        let before = json!({ "title": { "ru": "А" }, "phone": "1", "same": [1, 2], "gone": true });
        let after = json!({ "title": { "ru": "Б" }, "phone": "1", "same": [1, 2], "new": 5 });
        let fields = changed_fields(&before, &after);
        let mut names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["gone", "new", "title"]);
        let title = fields.iter().find(|f| f.field == "title").unwrap();
        assert_eq!((title.before.as_deref(), title.after.as_deref()), (Some(r#"{"ru":"А"}"#), Some(r#"{"ru":"Б"}"#)));
        let gone = fields.iter().find(|f| f.field == "gone").unwrap();
        assert_eq!((gone.before.as_deref(), gone.after.as_deref()), (Some("true"), None));
        let created = changed_fields(&Value::Null, &json!({ "code": "x" }));
        assert_eq!(created, vec![FieldChange { field: "code".into(), before: None, after: Some("x".into()) }]);
        assert_eq!(changed_fields(&json!("a"), &json!("b")), vec![FieldChange { field: String::new(), before: Some("a".into()), after: Some("b".into()) }]);
    }

    #[test]
    fn change_records_are_shown_as_comparisons_and_others_as_pairs() {
        let change = json!({ "kind": "service", "code": "k", "before": { "a": 1 }, "after": { "a": 2 } });
        assert!(
            matches!(shown_details("catalog_changed", &change), AuditDetails::Change { ref kind, ref fields, .. } if kind == "service" && fields.len() == 1)
        );
        assert_eq!(shown_details("login", &json!({ "assurance": "confirmed" })), AuditDetails::Plain(vec![("assurance".into(), "confirmed".into())]));
    }

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
