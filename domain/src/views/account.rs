//! What the account page (`/me`) shows.

use serde::{Deserialize, Serialize};

use crate::catalog::Link;
use crate::identity::{Profile, Role};
use crate::notify::EmailChoice;

/// A staff role as the person's account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleInDepartment {
    /// The role.
    pub role: Role,
    /// The department, with its name in the reader's language; `None` for the operator.
    pub department: Option<Link>,
}

/// What the account page (`/me`) shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPage {
    /// The federal profile.
    pub profile: Profile,
    /// Staff roles, if any.
    pub roles: Vec<RoleInDepartment>,
    /// Live sessions of the person (devices logged in).
    pub sessions: i64,
    /// Where the person changes their data: the provider's account page.
    pub account_url: Option<String>,
    /// Email on or off for each kind of event the person can be told of.
    pub email_choices: Vec<EmailChoice>,
}
