//! Per-request presentation settings: language, low-vision mode and the region's branding.

use domain::catalog::Branding;
use domain::identity::AssuranceLevel;
use serde::{Deserialize, Serialize};

/// Cookie holding the chosen language tag.
pub const LANG_COOKIE: &str = "lang";
/// Cookie present (value `1`) while low-vision mode is on.
pub const LOW_VISION_COOKIE: &str = "low_vision";

/// What every page needs to know before rendering; computed on the server from the request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UiPrefs {
    /// Language tag of the page.
    pub lang: String,
    /// Low-vision mode: larger type, high contrast, no decorative images.
    pub low_vision: bool,
    /// The region's branding; `None` before a region pack was imported.
    pub branding: Option<Branding>,
    /// Who is logged in, as the header shows them; `None` for visitors.
    pub user: Option<UserBadge>,
    /// A demonstration: logins are simulated, and every page says so.
    pub demo: bool,
}

/// The address that logs in and comes back to `path` (a local path with its query).
pub fn login_href(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len() * 3);
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("/auth/login?next={encoded}")
}

/// The logged-in person as the header shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserBadge {
    /// Given and middle name.
    pub name: String,
    /// Works in the back office.
    pub office: bool,
    /// Is the region's operator.
    pub admin: bool,
    /// Their account's assurance level.
    pub assurance: AssuranceLevel,
    /// Notifications not read yet.
    pub unread: i64,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_return_path_is_encoded_into_the_login_address() {
        assert_eq!(super::login_href("/me"), "/auth/login?next=/me");
        assert_eq!(super::login_href("/services?q=паспорт&x=1"), "/auth/login?next=/services%3Fq%3D%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82%26x%3D1");
    }
}
