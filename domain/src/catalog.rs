//! What catalog pages show, already resolved to the visitor's language. These travel from the
//! server to the browser, so they are plain serialisable data.

use serde::{Deserialize, Serialize};

use crate::search::Segment;
use crate::stage::Stage;

/// The region's branding and contacts in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    /// Region code, e.g. `demo`.
    pub code: String,
    /// Region name.
    pub name: String,
    /// Address of the coat of arms image, if the region has one.
    pub coat_of_arms_url: Option<String>,
    /// Primary colour `#rrggbb`.
    pub primary: String,
    /// Accent colour `#rrggbb`.
    pub accent: String,
    /// Support phone.
    pub phone: Option<String>,
    /// Support email.
    pub email: Option<String>,
}

/// A category with the number of published services in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCard {
    /// Category code.
    pub code: String,
    /// Category title.
    pub title: String,
    /// Published services in the category.
    pub services: u32,
}

/// A service as listed in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceCard {
    /// Service code.
    pub code: String,
    /// Service title.
    pub title: String,
    /// One-paragraph summary.
    pub summary: String,
    /// Responsible department's name.
    pub department: String,
    /// Code of the category.
    pub category: String,
    /// Electronic stage.
    pub stage: Stage,
    /// One of the priority services.
    pub priority: bool,
}

/// What the catalog list is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogFilter {
    /// Only this category.
    pub category: Option<String>,
}

/// A search result: the service, with its title and summary marked where they matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResult {
    /// The service found.
    pub service: ServiceCard,
    /// Its title in segments; matching words are marked.
    pub title: Vec<Segment>,
    /// Its summary in segments; matching words are marked.
    pub summary: Vec<Segment>,
}
