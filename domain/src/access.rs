//! Who may do what: the one place where access rules live. The server asks these functions for
//! every page, server function and download; nothing else decides access.

use serde::{Deserialize, Serialize};

use crate::identity::{AssuranceLevel, Role, StaffRole};

/// A logged-in person as the access rules see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    /// The person's id in the portal.
    pub person_id: i64,
    /// How well their identity is proven.
    pub assurance: AssuranceLevel,
    /// Their staff roles; empty for citizens.
    pub roles: Vec<StaffRole>,
}

/// A part of the portal behind a login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Area {
    /// The person's own profile, applications and notifications (`/me`).
    Account,
    /// The back office of clerks and heads (`/office`).
    Office,
    /// The operator's administration (`/admin`).
    Admin,
}

/// The answer to "may they come in?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Yes.
    Allow,
    /// Nobody is logged in: log in first.
    LogIn,
    /// Logged in, but this is not for them.
    Deny,
}

impl Principal {
    /// Person `person_id` with the staff roles granted to their SNILS. Roles take effect only for
    /// an account at the confirmed level: a SNILS alone, which a lower-level account merely
    /// declares, opens nothing.
    pub fn new(person_id: i64, assurance: AssuranceLevel, granted: Vec<StaffRole>) -> Principal {
        let roles = if assurance == AssuranceLevel::Confirmed { granted } else { Vec::new() };
        Principal { person_id, assurance, roles }
    }

    /// Has this role in any department (or region-wide for the operator).
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|r| r.role == role)
    }

    /// Is a clerk or the head of `department`.
    pub fn works_in(&self, department: &str) -> bool {
        self.roles.iter().any(|r| matches!(r.role, Role::Clerk | Role::Head) && r.department.as_deref() == Some(department))
    }

    /// Is the head of `department`.
    pub fn heads(&self, department: &str) -> bool {
        self.roles.iter().any(|r| r.role == Role::Head && r.department.as_deref() == Some(department))
    }

    /// Departments whose applications they work on, sorted, without repeats.
    pub fn office_departments(&self) -> Vec<String> {
        let mut departments: Vec<String> =
            self.roles.iter().filter(|r| matches!(r.role, Role::Clerk | Role::Head)).filter_map(|r| r.department.clone()).collect();
        departments.sort();
        departments.dedup();
        departments
    }

    /// Works in the back office of at least one department.
    pub fn is_office_staff(&self) -> bool {
        !self.office_departments().is_empty()
    }
}

/// May `who` (nobody when `None`) enter `area`?
pub fn may_enter(who: Option<&Principal>, area: Area) -> Decision {
    let Some(who) = who else { return Decision::LogIn };
    let allowed = match area {
        Area::Account => true,
        Area::Office => who.is_office_staff(),
        Area::Admin => who.has_role(Role::Operator),
    };
    if allowed {
        Decision::Allow
    } else {
        Decision::Deny
    }
}

/// In what capacity someone reads an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reader {
    /// The person who applied.
    Applicant,
    /// A clerk or head of the application's department (their reading is audited).
    Staff,
}

/// May `who` read an application of person `applicant` for department `department`? A draft
/// (not yet submitted) is its applicant's alone: the department sees it once it is filed.
pub fn may_read_application(who: &Principal, applicant: i64, department: &str, draft: bool) -> Option<Reader> {
    if who.person_id == applicant {
        Some(Reader::Applicant)
    } else if who.works_in(department) && !draft {
        Some(Reader::Staff)
    } else {
        None
    }
}

/// One opening of an applicant's personal data by staff, as the operator reviews them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalDataAccess {
    /// The record's number; pages go on from the oldest shown.
    pub id: i64,
    /// When (the region's local time, `YYYY-MM-DD HH:MM`).
    pub at: String,
    /// Who opened it.
    pub staff: String,
    /// The application's registration number.
    pub application: String,
    /// The file opened, or `None` for the application itself.
    pub file: Option<String>,
}

/// Why a person may not apply for a service online yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("the service needs a {required:?} account; this one is {actual:?}")]
pub struct AssuranceTooLow {
    /// What the service needs.
    pub required: AssuranceLevel,
    /// What the person's account has.
    pub actual: AssuranceLevel,
}

/// May a person whose account has `actual` apply for a service that needs `required`?
pub fn may_apply(actual: AssuranceLevel, required: AssuranceLevel) -> Result<(), AssuranceTooLow> {
    if actual >= required {
        Ok(())
    } else {
        Err(AssuranceTooLow { required, actual })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(roles: &[(Role, Option<&str>)]) -> Principal {
        Principal {
            person_id: 1,
            assurance: AssuranceLevel::Standard,
            roles: roles.iter().map(|(r, d)| StaffRole { role: *r, department: d.map(str::to_owned) }).collect(),
        }
    }

    #[test]
    fn areas_by_role() {
        let citizen = person(&[]);
        let clerk = person(&[(Role::Clerk, Some("social"))]);
        let head = person(&[(Role::Head, Some("social"))]);
        let operator = person(&[(Role::Operator, None)]);
        let table = [
            (None, [Decision::LogIn, Decision::LogIn, Decision::LogIn]),
            (Some(&citizen), [Decision::Allow, Decision::Deny, Decision::Deny]),
            (Some(&clerk), [Decision::Allow, Decision::Allow, Decision::Deny]),
            (Some(&head), [Decision::Allow, Decision::Allow, Decision::Deny]),
            (Some(&operator), [Decision::Allow, Decision::Deny, Decision::Allow]),
        ];
        for (who, expected) in table {
            let got = [Area::Account, Area::Office, Area::Admin].map(|a| may_enter(who, a));
            assert_eq!(got, expected, "{who:?}");
        }
    }

    #[test]
    fn staff_roles_take_effect_only_for_confirmed_accounts() {
        let clerk = StaffRole::new(Role::Clerk, Some("social".into())).unwrap();
        assert_eq!(Principal::new(1, AssuranceLevel::Confirmed, vec![clerk.clone()]).roles, std::slice::from_ref(&clerk));
        for level in [AssuranceLevel::Standard, AssuranceLevel::Simplified] {
            let p = Principal::new(1, level, vec![clerk.clone()]);
            assert!(p.roles.is_empty() && may_enter(Some(&p), Area::Office) == Decision::Deny, "{level:?}");
        }
    }

    #[test]
    fn staff_work_only_in_their_departments() {
        let p = person(&[(Role::Clerk, Some("social")), (Role::Head, Some("transport")), (Role::Clerk, Some("social"))]);
        assert!(p.works_in("social") && p.works_in("transport") && !p.works_in("health"));
        assert!(p.heads("transport") && !p.heads("social"));
        assert_eq!(p.office_departments(), ["social", "transport"]);
        let operator = person(&[(Role::Operator, None)]);
        assert!(!operator.works_in("social") && operator.office_departments().is_empty());
    }

    #[test]
    fn an_application_is_read_by_its_applicant_and_its_department_only() {
        let clerk = person(&[(Role::Clerk, Some("social"))]);
        let other_clerk = person(&[(Role::Clerk, Some("transport"))]);
        let operator = person(&[(Role::Operator, None)]);
        assert_eq!(may_read_application(&clerk, 1, "social", false), Some(Reader::Applicant), "their own application first");
        assert_eq!(may_read_application(&clerk, 1, "social", true), Some(Reader::Applicant), "and their own draft");
        assert_eq!(may_read_application(&clerk, 2, "social", false), Some(Reader::Staff));
        assert_eq!(may_read_application(&clerk, 2, "social", true), None, "a citizen's draft is theirs alone");
        assert_eq!(may_read_application(&other_clerk, 2, "social", false), None);
        assert_eq!(may_read_application(&operator, 2, "social", false), None, "the operator runs the portal, not the departments");
    }

    #[test]
    fn a_service_needing_a_confirmed_account_refuses_lower_ones() {
        use AssuranceLevel::*;
        assert!(may_apply(Confirmed, Confirmed).is_ok());
        assert!(may_apply(Confirmed, Simplified).is_ok());
        assert_eq!(may_apply(Standard, Confirmed), Err(AssuranceTooLow { required: Confirmed, actual: Standard }));
        assert!(may_apply(Simplified, Standard).is_err());
    }
}
