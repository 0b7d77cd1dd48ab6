//! What catalog pages show, already resolved to the visitor's language. These travel from the
//! server to the browser, so they are plain serialisable data.

use serde::{Deserialize, Serialize};

use crate::identity::AssuranceLevel;
use crate::region::Channel;
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
    /// Footer links: what each says and where it goes.
    pub footer_links: Vec<(String, String)>,
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

/// What the catalog list is narrowed to; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogFilter {
    /// Only this category.
    pub category: Option<String>,
    /// Only services of this life situation.
    pub life_situation: Option<String>,
    /// Only services of this department.
    pub department: Option<String>,
    /// Only services available in this municipality (including region-wide ones).
    pub municipality: Option<String>,
    /// Only services at this electronic stage.
    pub stage: Option<Stage>,
}

/// A code with its title, for links and filter options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Code, part of the address.
    pub code: String,
    /// Title or name.
    pub title: String,
}

/// The choices of each catalog filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterOptions {
    /// Categories.
    pub categories: Vec<Link>,
    /// Life situations.
    pub life_situations: Vec<Link>,
    /// Departments.
    pub departments: Vec<Link>,
    /// Municipalities.
    pub municipalities: Vec<Link>,
}

/// Longest search query, in characters (the search box allows as many).
pub const MAX_QUERY_CHARS: usize = 200;
/// Results are paged up to this offset (no catalog has more services).
pub const MAX_SEARCH_OFFSET: usize = 10_000;

impl FilterOptions {
    /// Every code `filter` names is one of these choices.
    pub fn offers(&self, filter: &CatalogFilter) -> bool {
        let has = |choices: &[Link], code: &Option<String>| code.as_ref().is_none_or(|c| choices.iter().any(|l| &l.code == c));
        has(&self.categories, &filter.category)
            && has(&self.life_situations, &filter.life_situation)
            && has(&self.departments, &filter.department)
            && has(&self.municipalities, &filter.municipality)
    }
}

/// A department with its contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentInfo {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Postal address.
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Opening hours.
    pub hours: Option<String>,
    /// Website.
    pub website: Option<String>,
}

/// A document the applicant provides or the department obtains itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredDocument {
    /// Name of the document.
    pub title: String,
    /// The department requests it from other agencies itself.
    pub interagency: bool,
}

/// A downloadable blank form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlankLink {
    /// Title.
    pub title: String,
    /// Download address.
    pub url: String,
    /// Format label, e.g. `ODT`.
    pub format: String,
    /// Size in bytes.
    pub size: u64,
}

/// Everything the service page shows: the service passport in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePassport {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Category.
    pub category: Link,
    /// Responsible department with contacts.
    pub department: DepartmentInfo,
    /// Life situations it belongs to.
    pub life_situations: Vec<Link>,
    /// Names of the municipalities where it applies; empty means the whole region.
    pub municipalities: Vec<String>,
    /// Who may apply.
    pub applicants: String,
    /// Required documents.
    pub documents: Vec<RequiredDocument>,
    /// Fee.
    pub fee: String,
    /// Regulatory term in working days.
    pub term_days: u16,
    /// Result.
    pub result: String,
    /// Grounds for refusal.
    pub refusal_grounds: Vec<String>,
    /// Legal basis.
    pub legal_basis: Vec<String>,
    /// Ways to apply.
    pub channels: Vec<Channel>,
    /// Electronic stage.
    pub stage: Stage,
    /// Priority service.
    pub priority: bool,
    /// Blank forms.
    pub blanks: Vec<BlankLink>,
    /// It can be applied for online on this portal.
    pub online: bool,
    /// The federal account level applying online needs.
    pub assurance: AssuranceLevel,
}

/// A department's page: contacts and services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentPage {
    /// The department.
    pub department: DepartmentInfo,
    /// Its published services.
    pub services: Vec<ServiceCard>,
}

/// A life situation's page: what it covers and its services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeSituationPage {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// What it covers.
    pub summary: String,
    /// Its published services.
    pub services: Vec<ServiceCard>,
}

/// Results per page of the search page.
pub const SEARCH_PAGE_SIZE: usize = 10;

/// One page of search results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPage {
    /// How many services matched in all.
    pub total: usize,
    /// Position of the first result of this page among all.
    pub offset: usize,
    /// The results of this page, best first.
    pub results: Vec<SearchResult>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_is_offered_only_when_every_code_is_a_choice() {
        let link = |code: &str| Link { code: code.into(), title: code.into() };
        let options = FilterOptions { categories: vec![link("family")], departments: vec![link("minobr")], ..FilterOptions::default() };
        assert!(options.offers(&CatalogFilter::default()));
        assert!(options.offers(&CatalogFilter { category: Some("family".into()), department: Some("minobr".into()), ..CatalogFilter::default() }));
        assert!(!options.offers(&CatalogFilter { category: Some("x".repeat(10_000)), ..CatalogFilter::default() }));
        assert!(!options.offers(&CatalogFilter { municipality: Some("nowhere".into()), ..CatalogFilter::default() }));
    }
}
