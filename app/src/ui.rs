//! Per-request presentation settings: language, low-vision mode and the region's branding.

use domain::catalog::Branding;
use serde::{Deserialize, Serialize};

/// Cookie holding the chosen language tag.
pub const LANG_COOKIE: &str = "lang";
/// Cookie present (value `1`) while low-vision mode is on.
pub const LOW_VISION_COOKIE: &str = "low_vision";

/// What every page needs to know before rendering; computed on the server from the request and
/// carried to the browser inside the page, so hydration sees the same values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UiPrefs {
    /// Language tag of the page.
    pub lang: String,
    /// Low-vision mode: larger type, high contrast, no decorative images.
    pub low_vision: bool,
    /// The region's branding; `None` before a region pack was imported.
    pub branding: Option<Branding>,
}
