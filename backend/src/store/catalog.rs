//! The catalog as stored: read for public pages (resolved to the visitor's language), and the
//! services' online forms and terms for applying.

mod pages;

use domain::catalog::{Branding, CatalogFilter, CategoryCard, FilterOptions, Link, ServiceCard};
use domain::forms::FormSchema;
use domain::localized::{Lang, LocalizedText};
use domain::stage::Stage;

use super::with_pool;
use crate::{Db, Error, Result};

/// Address under which the coat of arms is served.
pub const COAT_OF_ARMS_URL: &str = "/branding/coat-of-arms";

/// The region as stored: identity and branding in every language.
#[derive(Debug, Clone)]
pub struct Region {
    /// Region code.
    pub code: String,
    /// Name per language.
    pub name: LocalizedText,
    /// Language used when a text lacks the visitor's.
    pub default_locale: Lang,
    has_coat_of_arms: bool,
    primary: String,
    accent: String,
    phone: Option<String>,
    email: Option<String>,
    footer_links: Vec<domain::region::FooterLink>,
}

impl Region {
    /// Branding and contacts in `lang` (falling back to the region's default language).
    pub fn branding(&self, lang: &Lang) -> Branding {
        Branding {
            code: self.code.clone(),
            name: self.name.get(lang, &self.default_locale).to_owned(),
            coat_of_arms_url: self.has_coat_of_arms.then(|| COAT_OF_ARMS_URL.to_owned()),
            primary: self.primary.clone(),
            accent: self.accent.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            footer_links: self.footer_links.iter().map(|l| (l.title.get(lang, &self.default_locale).to_owned(), l.url.clone())).collect(),
        }
    }
}

#[derive(sqlx::FromRow)]
struct DbRegion {
    code: String,
    name: String,
    default_locale: String,
    coat_of_arms: Option<String>,
    colour_primary: String,
    colour_accent: String,
    phone: Option<String>,
    email: Option<String>,
    source: String,
}

#[derive(sqlx::FromRow)]
struct DbCategoryCard {
    code: String,
    title: String,
    services: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct DbServiceCard {
    code: String,
    title: String,
    summary: String,
    department: String,
    category_code: String,
    stage: i32,
    priority: bool,
}

/// Parses a localized text column.
pub(crate) fn localized(json: &str) -> Result<LocalizedText> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("localized text {json:?}: {e}")))
}

/// Reads the catalog in one language, falling back to the region's default language.
pub struct Catalog {
    pub(crate) db: Db,
    pub(crate) lang: Lang,
    pub(crate) fallback: Lang,
}

impl Db {
    /// The region's default language, or `None` before any region pack was imported.
    #[tracing::instrument(skip_all)]
    pub async fn region_default_locale(&self) -> Result<Option<Lang>> {
        let row: Option<(String,)> = with_pool!(self, |p| sqlx::query_as("SELECT default_locale FROM region WHERE id = 1").fetch_optional(p).await?);
        row.map(|(l,)| Lang::parse(&l).map_err(|e| Error::Corrupt(e.to_string()))).transpose()
    }

    /// The imported region in one query, or `None` before any region pack was imported.
    #[tracing::instrument(skip_all)]
    pub async fn region(&self) -> Result<Option<Region>> {
        let row: Option<DbRegion> = with_pool!(self, |p| sqlx::query_as(
            "SELECT code, name, default_locale, coat_of_arms, colour_primary, colour_accent, phone, email, source \
             FROM region WHERE id = 1"
        )
        .fetch_optional(p)
        .await?);
        let Some(r) = row else { return Ok(None) };
        let manifest: domain::region::RegionManifest = serde_json::from_str(&r.source).map_err(|e| Error::Corrupt(format!("region source: {e}")))?;
        Ok(Some(Region {
            footer_links: manifest.footer_links,
            name: localized(&r.name)?,
            default_locale: Lang::parse(&r.default_locale).map_err(|e| Error::Corrupt(e.to_string()))?,
            code: r.code,
            has_coat_of_arms: r.coat_of_arms.is_some(),
            primary: r.colour_primary,
            accent: r.colour_accent,
            phone: r.phone,
            email: r.email,
        }))
    }

    /// The catalog as seen in `lang`.
    #[tracing::instrument(skip_all)]
    pub async fn catalog(&self, lang: Lang) -> Result<Catalog> {
        let fallback = self.region_default_locale().await?.unwrap_or_else(|| lang.clone());
        Ok(Catalog { db: self.clone(), lang, fallback })
    }
}

/// `SELECT` of published service cards; callers append conditions and order with `concat!`.
macro_rules! service_cards {
    ($rest:literal) => {
        concat!(
            "SELECT s.code, s.title, s.summary, d.name AS department, s.category_code, s.stage, s.priority \
             FROM services s JOIN departments d ON d.code = s.department_code WHERE s.published ",
            $rest
        )
    };
}
pub(crate) use service_cards;

impl Catalog {
    /// Resolves a localized text column to the reader's language.
    pub(crate) fn text(&self, json: &str) -> Result<String> {
        Ok(localized(json)?.get(&self.lang, &self.fallback).to_owned())
    }

    /// Categories in pack order, each with its number of published services.
    #[tracing::instrument(skip_all)]
    pub async fn categories(&self) -> Result<Vec<CategoryCard>> {
        let rows: Vec<DbCategoryCard> = with_pool!(self.db, |p| sqlx::query_as(
            "SELECT c.code, c.title, COUNT(s.code) AS services FROM categories c \
             LEFT JOIN services s ON s.category_code = c.code AND s.published \
             WHERE c.published GROUP BY c.code, c.title, c.position ORDER BY c.position"
        )
        .fetch_all(p)
        .await?);
        rows.into_iter()
            .map(|r| Ok(CategoryCard { title: self.text(&r.title)?, code: r.code, services: u32::try_from(r.services).unwrap_or(u32::MAX) }))
            .collect()
    }

    /// The language texts are read in.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// Published services matching `filter`, in pack order.
    #[tracing::instrument(skip_all)]
    pub async fn services(&self, filter: &CatalogFilter) -> Result<Vec<ServiceCard>> {
        let stage = filter.stage.map(|s| i32::from(s.number()));
        let rows: Vec<DbServiceCard> = with_pool!(self.db, |p| sqlx::query_as(service_cards!(
            "AND ($1 IS NULL OR s.category_code = $1) \
             AND ($2 IS NULL OR s.department_code = $2) \
             AND ($3 IS NULL OR s.stage = $3) \
             AND ($4 IS NULL OR EXISTS (SELECT 1 FROM service_life_situations x \
                  WHERE x.service_code = s.code AND x.life_situation_code = $4)) \
             AND ($5 IS NULL OR NOT EXISTS (SELECT 1 FROM service_municipalities m WHERE m.service_code = s.code) \
                  OR EXISTS (SELECT 1 FROM service_municipalities m WHERE m.service_code = s.code AND m.municipality_code = $5)) \
             ORDER BY s.position"
        ))
        .bind(&filter.category)
        .bind(&filter.department)
        .bind(stage)
        .bind(&filter.life_situation)
        .bind(&filter.municipality)
        .fetch_all(p)
        .await?);
        self.cards(rows)
    }

    /// The choices of every catalog filter, in pack order.
    #[tracing::instrument(skip_all)]
    pub async fn filter_options(&self) -> Result<FilterOptions> {
        Ok(FilterOptions {
            categories: self.links("SELECT code, title FROM categories WHERE published ORDER BY position").await?,
            life_situations: self.links("SELECT code, title FROM life_situations WHERE published ORDER BY position").await?,
            departments: self.links("SELECT code, name FROM departments WHERE published ORDER BY position").await?,
            municipalities: self.links("SELECT code, name FROM municipalities WHERE published ORDER BY position").await?,
        })
    }

    /// Published life situations, in pack order.
    #[tracing::instrument(skip_all)]
    pub async fn life_situations(&self) -> Result<Vec<Link>> {
        self.links("SELECT code, title FROM life_situations WHERE published ORDER BY position").await
    }

    /// `(code, localized text)` rows of a fixed query as links in the reader's language.
    async fn links(&self, sql: &'static str) -> Result<Vec<Link>> {
        let rows: Vec<(String, String)> = with_pool!(self.db, |p| sqlx::query_as(sql).fetch_all(p).await?);
        rows.into_iter().map(|(code, title)| Ok(Link { code, title: self.text(&title)? })).collect()
    }

    /// The title of service `code`, published or not (applications outlive publication).
    #[tracing::instrument(skip_all)]
    pub async fn service_title(&self, code: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = with_pool!(self.db, |p| sqlx::query_as("SELECT title FROM services WHERE code = $1").bind(code).fetch_optional(p).await?);
        row.map(|(title,)| self.text(&title)).transpose()
    }

    /// Titles of every service (published or not) by code, in the reader's language.
    #[tracing::instrument(skip_all)]
    pub async fn service_titles(&self) -> Result<std::collections::HashMap<String, String>> {
        let rows: Vec<(String, String)> = with_pool!(self.db, |p| sqlx::query_as("SELECT code, title FROM services").fetch_all(p).await?);
        rows.into_iter().map(|(code, title)| Ok((code, self.text(&title)?))).collect()
    }

    /// Services of `departments` (published or not), in pack order, as links.
    #[tracing::instrument(skip_all)]
    pub async fn services_of(&self, departments: &[String]) -> Result<Vec<Link>> {
        let rows: Vec<(String, String, String)> =
            with_pool!(self.db, |p| sqlx::query_as("SELECT code, title, department_code FROM services ORDER BY position").fetch_all(p).await?);
        rows.into_iter().filter(|(_, _, d)| departments.contains(d)).map(|(code, title, _)| Ok(Link { code, title: self.text(&title)? })).collect()
    }

    /// Names of every department (published or not) by code, in the reader's language.
    #[tracing::instrument(skip_all)]
    pub async fn department_names(&self) -> Result<std::collections::HashMap<String, String>> {
        let rows: Vec<(String, String)> = with_pool!(self.db, |p| sqlx::query_as("SELECT code, name FROM departments").fetch_all(p).await?);
        rows.into_iter().map(|(code, name)| Ok((code, self.text(&name)?))).collect()
    }

    /// The region's published priority services.
    #[tracing::instrument(skip_all)]
    pub async fn priority_services(&self) -> Result<Vec<ServiceCard>> {
        let rows: Vec<DbServiceCard> = with_pool!(self.db, |p| sqlx::query_as(service_cards!("AND s.priority ORDER BY s.position")).fetch_all(p).await?);
        self.cards(rows)
    }

    /// One published service by code.
    #[tracing::instrument(skip_all)]
    pub async fn service(&self, code: &str) -> Result<Option<ServiceCard>> {
        let row: Option<DbServiceCard> = with_pool!(self.db, |p| sqlx::query_as(service_cards!("AND s.code = $1")).bind(code).fetch_optional(p).await?);
        Ok(self.cards(row.into_iter().collect())?.pop())
    }

    pub(crate) fn cards(&self, rows: Vec<DbServiceCard>) -> Result<Vec<ServiceCard>> {
        rows.into_iter()
            .map(|r| {
                Ok(ServiceCard {
                    title: self.text(&r.title)?,
                    summary: self.text(&r.summary)?,
                    department: self.text(&r.department)?,
                    stage: Stage::try_from(i64::from(r.stage)).map_err(|e| Error::Corrupt(e.to_string()))?,
                    code: r.code,
                    category: r.category_code,
                    priority: r.priority,
                })
            })
            .collect()
    }
}

impl Db {
    /// The stored key and content type of the coat of arms, if any.
    #[tracing::instrument(skip_all)]
    pub async fn coat_of_arms(&self) -> Result<Option<(String, String)>> {
        let row: Option<(Option<String>, Option<String>)> =
            with_pool!(self, |p| sqlx::query_as("SELECT coat_of_arms, coat_of_arms_type FROM region WHERE id = 1").fetch_optional(p).await?);
        Ok(row.and_then(|(key, ty)| key.zip(ty)))
    }
}

pub(crate) fn parse_schema(json: &str) -> Result<FormSchema> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("stored form schema: {e}")))
}

impl Db {
    /// The current online form of the published service `code` and its version; `None` when it
    /// cannot be applied for online.
    #[tracing::instrument(skip_all)]
    pub async fn service_form(&self, code: &str) -> Result<Option<(i32, FormSchema)>> {
        let row: Option<(Option<i32>,)> =
            with_pool!(self, |p| sqlx::query_as("SELECT form_version FROM services WHERE code = $1 AND published AND online_form IS NOT NULL")
                .bind(code)
                .fetch_optional(p)
                .await?);
        let Some((Some(version),)) = row else { return Ok(None) };
        Ok(self.form_version(code, version).await?.map(|schema| (version, schema)))
    }

    /// Version `version` of the online form of service `code`.
    #[tracing::instrument(skip_all)]
    pub async fn form_version(&self, code: &str, version: i32) -> Result<Option<FormSchema>> {
        let key = (code.to_owned(), version);
        if let Some(schema) = self.forms.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(&key) {
            return Ok(Some(schema.as_ref().clone()));
        }
        let row: Option<(String,)> = with_pool!(self, |p| sqlx::query_as("SELECT schema FROM form_schemas WHERE service_code = $1 AND version = $2")
            .bind(code)
            .bind(version)
            .fetch_optional(p)
            .await?);
        let Some((json,)) = row else { return Ok(None) };
        let schema = parse_schema(&json)?;
        self.forms.write().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key, std::sync::Arc::new(schema.clone()));
        Ok(Some(schema))
    }
}

/// What applying for a service takes: its department, regulatory term and account level.
#[derive(Debug, Clone)]
pub struct ServiceTerms {
    pub title: domain::localized::LocalizedText,
    pub department: String,
    pub term_days: u16,
    pub assurance: domain::identity::AssuranceLevel,
    /// The term stops while the applicant is asked for more.
    pub pause_while_awaiting: bool,
}

impl Db {
    /// Service `code` as its region pack describes it (published or not).
    #[tracing::instrument(skip_all)]
    pub async fn service_entry(&self, code: &str) -> Result<Option<domain::region::ServiceEntry>> {
        let row: Option<(String,)> = with_pool!(self, |p| sqlx::query_as("SELECT source FROM services WHERE code = $1").bind(code).fetch_optional(p).await?);
        row.map(|(source,)| serde_json::from_str(&source).map_err(|e| Error::Corrupt(format!("service source: {e}")))).transpose()
    }

    #[tracing::instrument(skip_all)]
    pub async fn service_terms(&self, code: &str) -> Result<Option<ServiceTerms>> {
        Ok(self.service_entry(code).await?.map(|entry| ServiceTerms {
            title: entry.title,
            department: entry.department,
            term_days: entry.term_days,
            assurance: entry.assurance.unwrap_or(domain::identity::AssuranceLevel::Simplified),
            pause_while_awaiting: entry.pause_while_awaiting,
        }))
    }
}

impl Db {
    /// The current online form version of the published service `code`, if it has one.
    #[tracing::instrument(skip_all)]
    pub async fn published_form_version(&self, code: &str) -> Result<Option<i32>> {
        let row: Option<(Option<i32>,)> =
            with_pool!(self, |p| sqlx::query_as("SELECT form_version FROM services WHERE code = $1 AND published").bind(code).fetch_optional(p).await?);
        Ok(row.and_then(|(v,)| v))
    }

    /// The published services one can apply for online, in pack order, as their packs describe them.
    #[tracing::instrument(skip_all)]
    pub async fn online_services(&self) -> Result<Vec<(String, domain::region::ServiceEntry)>> {
        let rows: Vec<(String, String)> =
            with_pool!(self, |p| sqlx::query_as("SELECT code, source FROM services WHERE published AND online_form IS NOT NULL ORDER BY position, code")
                .fetch_all(p)
                .await?);
        rows.into_iter().map(|(code, source)| Ok((code, serde_json::from_str(&source).map_err(|e| Error::Corrupt(format!("service source: {e}")))?))).collect()
    }
}

impl Db {
    /// The service's own result template from its region pack, if it has one.
    #[tracing::instrument(skip_all)]
    pub async fn service_template(&self, service: &str) -> Result<Option<String>> {
        let row: Option<(String,)> =
            with_pool!(self, |p| sqlx::query_as("SELECT template FROM document_templates WHERE service_code = $1").bind(service).fetch_optional(p).await?);
        Ok(row.map(|(t,)| t))
    }

    /// Codes of services whose clock stops while the applicant is asked for more.
    #[tracing::instrument(skip_all)]
    pub async fn pausing_services(&self) -> Result<std::collections::HashSet<String>> {
        let rows: Vec<(String, String)> = with_pool!(self, |p| sqlx::query_as("SELECT code, source FROM services").fetch_all(p).await?);
        let mut paused = std::collections::HashSet::new();
        for (code, source) in rows {
            let entry: domain::region::ServiceEntry = serde_json::from_str(&source).map_err(|e| Error::Corrupt(format!("service source: {e}")))?;
            if entry.pause_while_awaiting {
                paused.insert(code);
            }
        }
        Ok(paused)
    }
}

impl Db {
    /// The imported region's rules, or `None` before any region pack was imported.
    #[tracing::instrument(skip_all)]
    pub async fn region_rules(&self) -> Result<Option<domain::region::RegionRules>> {
        let row: Option<(String,)> = with_pool!(self, |p| sqlx::query_as("SELECT source FROM region WHERE id = 1").fetch_optional(p).await?);
        let Some((source,)) = row else { return Ok(None) };
        let manifest: domain::region::RegionManifest = serde_json::from_str(&source).map_err(|e| Error::Corrupt(format!("region source: {e}")))?;
        Ok(Some(manifest.into()))
    }
}

impl Db {
    /// A number that changes whenever an import changes the catalog.
    #[tracing::instrument(skip_all)]
    pub async fn catalog_version(&self) -> Result<i64> {
        let (version,): (i64,) = with_pool!(self, |p| sqlx::query_as("SELECT version FROM catalog_version WHERE id = 1").fetch_one(p).await?);
        Ok(version)
    }
}
