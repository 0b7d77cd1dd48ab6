//! Departments' own systems as clients of the public API (`/api/v1`): what each scope allows, the
//! principal a client acts as, and the shape of its key. A client works for one department and
//! can do what a clerk of that department does in the browser office, and no more.

use serde::{Deserialize, Serialize};

use crate::access::Principal;
use crate::identity::{AssuranceLevel, Role, StaffRole};

/// What a client may do; the operator grants any combination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// List the department's queue and read its applications with their files (audited).
    Read,
    /// Take applications into work, give them back, ask the applicant.
    Work,
    /// Approve with a result document, or refuse.
    Decide,
}

impl Scope {
    /// Every scope, in the order shown.
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Work, Scope::Decide];

    /// Its name in the database, the API reference and forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Work => "work",
            Scope::Decide => "decide",
        }
    }

    /// Reads a name written by [`Scope::as_str`].
    pub fn parse(text: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A set of scopes, written space-separated (as OAuth writes them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scopes(Vec<Scope>);

impl Scopes {
    /// These scopes, sorted, without repeats.
    pub fn new(scopes: impl IntoIterator<Item = Scope>) -> Scopes {
        let mut list: Vec<Scope> = scopes.into_iter().collect();
        list.sort();
        list.dedup();
        Scopes(list)
    }

    /// Reads `read work`; an unknown name is an error, so a typo never grants less silently.
    pub fn parse(text: &str) -> Option<Scopes> {
        text.split_whitespace().map(Scope::parse).collect::<Option<Vec<_>>>().map(Scopes::new)
    }

    /// Space-separated, as stored.
    pub fn to_text(&self) -> String {
        self.0.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// Includes `scope`.
    pub fn allow(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }

    /// The scopes.
    pub fn list(&self) -> &[Scope] {
        &self.0
    }

    /// No scope at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How a client acts: as a clerk of its department, through its technical account. Never a
/// head (it cannot hand work to people) and never the operator.
pub fn client_principal(person_id: i64, department: &str) -> Principal {
    Principal { person_id, assurance: AssuranceLevel::Confirmed, roles: vec![StaffRole { role: Role::Clerk, department: Some(department.to_owned()) }] }
}

/// The prefix of every key, so that a leaked one is recognisable (secret scanners, logs).
pub const KEY_PREFIX: &str = "rpk_";

/// The client id inside a key `rpk_<id>_<secret>`: 16 lowercase hex digits, then a 64-digit
/// secret. Anything else is not a key of ours.
pub fn key_client_id(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(KEY_PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    let hex = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (hex(id, 16) && hex(secret, 64)).then_some(id)
}

/// A client as the operator's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientView {
    /// The id in its key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The department's name.
    pub department: String,
    /// What it may do.
    pub scopes: Scopes,
    /// Registered (region time).
    pub created_at: String,
    /// Last call (region time).
    pub last_used_at: Option<String>,
    /// Revoked (region time).
    pub revoked_at: Option<String>,
    /// Where its webhook deliveries go, if anywhere.
    pub webhook_url: Option<String>,
}

/// The operator's page of clients: the clients and the departments to register one for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientsPage {
    /// Every client, newest first.
    pub clients: Vec<ClientView>,
    /// The departments.
    pub departments: Vec<crate::catalog::Link>,
}

/// Why a client cannot be registered as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ClientProblem {
    /// The name is empty or longer than [`MAX_NAME`].
    #[error("the name must have 1 to 100 characters")]
    Name,
    /// No such department.
    #[error("no such department")]
    Department,
    /// No scope chosen.
    #[error("choose at least one scope")]
    NoScope,
    /// A webhook address that is not `https://` (or `http://` to this machine), or too long.
    #[error("the webhook address must be https")]
    WebhookUrl,
}

impl ClientProblem {
    /// Its name in addresses (`?problem=`) and message keys.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientProblem::Name => "name",
            ClientProblem::Department => "department",
            ClientProblem::NoScope => "no-scope",
            ClientProblem::WebhookUrl => "webhook-url",
        }
    }

    /// Reads a name written by [`ClientProblem::as_str`].
    pub fn parse(text: &str) -> Option<ClientProblem> {
        [ClientProblem::Name, ClientProblem::Department, ClientProblem::NoScope, ClientProblem::WebhookUrl].into_iter().find(|p| p.as_str() == text)
    }
}

/// The longest client name, in characters.
pub const MAX_NAME: usize = 100;

/// Checks a new client's name and scopes (the department is checked against the catalog).
pub fn check_client(name: &str, scopes: &Scopes) -> Result<(), ClientProblem> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(ClientProblem::Name);
    }
    if scopes.is_empty() {
        return Err(ClientProblem::NoScope);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{may_enter, may_read_application, Area, Decision, Reader};

    #[test]
    fn scopes_read_back_as_written_and_refuse_unknown_names() {
        let s = Scopes::parse("decide read  read").unwrap();
        assert_eq!(s.to_text(), "read decide");
        assert!(s.allow(Scope::Read) && s.allow(Scope::Decide) && !s.allow(Scope::Work));
        assert_eq!(Scopes::parse("read admin"), None);
        assert_eq!(Scopes::parse(""), Some(Scopes::default()));
    }

    #[test]
    fn a_client_is_a_clerk_of_its_department_only() {
        let p = client_principal(7, "social");
        assert!(p.works_in("social") && !p.works_in("transport") && !p.heads("social"));
        assert_eq!(may_enter(Some(&p), Area::Admin), Decision::Deny);
        assert_eq!(may_read_application(&p, 2, "social", false), Some(Reader::Staff));
        assert_eq!(may_read_application(&p, 2, "transport", false), None);
        assert_eq!(may_read_application(&p, 2, "social", true), None, "never a draft");
    }

    #[test]
    fn only_well_formed_keys_name_a_client() {
        let key = format!("rpk_0123456789abcdef_{}", "a".repeat(64));
        assert_eq!(key_client_id(&key), Some("0123456789abcdef"));
        for bad in ["", "rpk_", "rpk_0123456789abcdef", &key[..key.len() - 1], &key.replace("rpk_", "xpk_"), &key.to_uppercase(), &format!("{key}0")] {
            assert_eq!(key_client_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_client_needs_a_name_and_a_scope() {
        let read = Scopes::new([Scope::Read]);
        assert_eq!(check_client("Система ЗАГС", &read), Ok(()));
        assert_eq!(check_client("  ", &read), Err(ClientProblem::Name));
        assert_eq!(check_client(&"я".repeat(101), &read), Err(ClientProblem::Name));
        assert_eq!(check_client("a\nb", &read), Err(ClientProblem::Name));
        assert_eq!(check_client("ok", &Scopes::default()), Err(ClientProblem::NoScope));
    }
}
