//! Whole pages of the catalog: a service passport, a department, a life situation; and the
//! blank form files behind download links.

use domain::catalog::{BlankLink, DepartmentInfo, DepartmentPage, LifeSituationPage, Link, RequiredDocument, ServicePassport};
use domain::region::{DepartmentEntry, LifeSituationEntry, ServiceEntry};
use domain::stage::Stage;

use super::{service_cards, Catalog, DbServiceCard};
use crate::store::with_pool;
use crate::{Db, Error, Result};

/// A stored blank form file, as needed to serve it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlankFile {
    /// Key in the file store.
    pub key: String,
    /// MIME type.
    pub content_type: String,
    /// Size in bytes.
    pub size: u64,
    /// Hex SHA-256 of the content, for the `ETag`.
    pub sha256: String,
    /// The blank's title per language (JSON), for the download's file name.
    pub title: domain::localized::LocalizedText,
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("{what}: {e}")))
}

/// The address of a blank form.
pub fn blank_url(service: &str, file_name: &str) -> String {
    format!("/files/blanks/{service}/{file_name}")
}

/// Format label of a MIME type, as shown next to a download.
fn format_label(content_type: &str) -> String {
    let label = match content_type {
        "application/pdf" => "PDF",
        "application/vnd.oasis.opendocument.text" => "ODT",
        "application/vnd.oasis.opendocument.spreadsheet" => "ODS",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "DOCX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "XLSX",
        "application/rtf" => "RTF",
        "application/msword" => "DOC",
        _ => "FILE",
    };
    label.to_owned()
}

impl Catalog {
    fn department_info(&self, entry: DepartmentEntry) -> DepartmentInfo {
        let text = |t: &domain::localized::LocalizedText| t.get(&self.lang, &self.fallback).to_owned();
        DepartmentInfo {
            name: text(&entry.name),
            address: entry.address.as_ref().map(text),
            hours: entry.hours.as_ref().map(text),
            code: entry.code,
            phone: entry.phone,
            email: entry.email,
            website: entry.website,
        }
    }

    /// The passport of the published service `code`.
    #[tracing::instrument(skip_all)]
    pub async fn passport(&self, code: &str) -> Result<Option<ServicePassport>> {
        let row: Option<(String, String, String, Option<String>)> = with_pool!(self.db, |p| sqlx::query_as(
            "SELECT s.source, d.source, c.title, s.online_form FROM services s \
             JOIN departments d ON d.code = s.department_code JOIN categories c ON c.code = s.category_code \
             WHERE s.code = $1 AND s.published"
        )
        .bind(code)
        .fetch_optional(p)
        .await?);
        let Some((service, department, category_title, online_form)) = row else { return Ok(None) };
        let s: ServiceEntry = parse("service source", &service)?;
        let department: DepartmentEntry = parse("department source", &department)?;
        let situations: Vec<(String, String)> = with_pool!(self.db, |p| sqlx::query_as(
            "SELECT l.code, l.title FROM service_life_situations x JOIN life_situations l ON l.code = x.life_situation_code \
             WHERE x.service_code = $1 AND l.published ORDER BY l.position"
        )
        .bind(code)
        .fetch_all(p)
        .await?);
        let municipalities: Vec<(String,)> = with_pool!(self.db, |p| sqlx::query_as(
            "SELECT m.name FROM service_municipalities x JOIN municipalities m ON m.code = x.municipality_code \
             WHERE x.service_code = $1 ORDER BY m.position"
        )
        .bind(code)
        .fetch_all(p)
        .await?);
        let blanks: Vec<(String, String, String, i64)> = with_pool!(self.db, |p| sqlx::query_as(
            "SELECT file_name, title, content_type, size FROM blanks WHERE service_code = $1 AND published ORDER BY position"
        )
        .bind(code)
        .fetch_all(p)
        .await?);
        let text = |t: &domain::localized::LocalizedText| t.get(&self.lang, &self.fallback).to_owned();
        Ok(Some(ServicePassport {
            title: text(&s.title),
            summary: text(&s.summary),
            category: Link { code: s.category.clone(), title: self.text(&category_title)? },
            department: self.department_info(department),
            life_situations: situations.into_iter().map(|(code, title)| Ok(Link { code, title: self.text(&title)? })).collect::<Result<_>>()?,
            municipalities: municipalities.into_iter().map(|(name,)| self.text(&name)).collect::<Result<_>>()?,
            applicants: text(&s.applicants),
            documents: s.documents.iter().map(|d| RequiredDocument { title: text(&d.title), interagency: d.interagency }).collect(),
            fee: text(&s.fee),
            term_days: s.term_days,
            result: text(&s.result),
            refusal_grounds: s.refusal_grounds.iter().map(text).collect(),
            legal_basis: s.legal_basis.iter().map(text).collect(),
            channels: s.channels.clone(),
            stage: s.stage,
            priority: s.priority,
            blanks: blanks
                .into_iter()
                .map(|(file_name, title, content_type, size)| {
                    Ok(BlankLink {
                        title: self.text(&title)?,
                        url: blank_url(code, &file_name),
                        format: format_label(&content_type),
                        size: u64::try_from(size).unwrap_or(0),
                    })
                })
                .collect::<Result<_>>()?,
            online: online_form.is_some() && s.stage >= Stage::ONLINE_APPLICATION,
            assurance: s.assurance.unwrap_or(domain::identity::AssuranceLevel::Simplified),
            code: s.code,
        }))
    }

    /// The published department `code` with its published services.
    #[tracing::instrument(skip_all)]
    pub async fn department_page(&self, code: &str) -> Result<Option<DepartmentPage>> {
        let row: Option<(String,)> =
            with_pool!(self.db, |p| sqlx::query_as("SELECT source FROM departments WHERE code = $1 AND published").bind(code).fetch_optional(p).await?);
        let Some((source,)) = row else { return Ok(None) };
        let rows: Vec<DbServiceCard> =
            with_pool!(self.db, |p| sqlx::query_as(service_cards!("AND s.department_code = $1 ORDER BY s.position")).bind(code).fetch_all(p).await?);
        Ok(Some(DepartmentPage { department: self.department_info(parse("department source", &source)?), services: self.cards(rows)? }))
    }

    /// The published life situation `code` with its published services.
    #[tracing::instrument(skip_all)]
    pub async fn life_situation_page(&self, code: &str) -> Result<Option<LifeSituationPage>> {
        let row: Option<(String,)> =
            with_pool!(self.db, |p| sqlx::query_as("SELECT source FROM life_situations WHERE code = $1 AND published").bind(code).fetch_optional(p).await?);
        let Some((source,)) = row else { return Ok(None) };
        let entry: LifeSituationEntry = parse("life situation source", &source)?;
        let rows: Vec<DbServiceCard> = with_pool!(self.db, |p| sqlx::query_as(service_cards!(
            "AND EXISTS (SELECT 1 FROM service_life_situations x WHERE x.service_code = s.code AND x.life_situation_code = $1) \
             ORDER BY s.position"
        ))
        .bind(code)
        .fetch_all(p)
        .await?);
        let text = |t: &domain::localized::LocalizedText| t.get(&self.lang, &self.fallback).to_owned();
        Ok(Some(LifeSituationPage { title: text(&entry.title), summary: text(&entry.summary), code: entry.code, services: self.cards(rows)? }))
    }
}

impl Db {
    /// The published blank `file_name` of the published service `service`.
    #[tracing::instrument(skip_all)]
    pub async fn blank_file(&self, service: &str, file_name: &str) -> Result<Option<BlankFile>> {
        let row: Option<(String, String, i64, String, String)> = with_pool!(self, |p| sqlx::query_as(
            "SELECT b.file_key, b.content_type, b.size, b.sha256, b.title FROM blanks b \
             JOIN services s ON s.code = b.service_code \
             WHERE b.service_code = $1 AND b.file_name = $2 AND b.published AND s.published"
        )
        .bind(service)
        .bind(file_name)
        .fetch_optional(p)
        .await?);
        row.map(|(key, content_type, size, sha256, title)| {
            Ok(BlankFile { key, content_type, size: u64::try_from(size).unwrap_or(0), sha256, title: parse("blank title", &title)? })
        })
        .transpose()
    }

    /// Codes of every published service, department and life situation, for the sitemap.
    #[tracing::instrument(skip_all)]
    pub async fn published_codes(&self) -> Result<(Vec<String>, Vec<String>, Vec<String>)> {
        let codes = |rows: Vec<(String,)>| rows.into_iter().map(|(c,)| c).collect::<Vec<_>>();
        let services = with_pool!(self, |p| sqlx::query_as("SELECT code FROM services WHERE published ORDER BY position").fetch_all(p).await?);
        let departments = with_pool!(self, |p| sqlx::query_as("SELECT code FROM departments WHERE published ORDER BY position").fetch_all(p).await?);
        let situations = with_pool!(self, |p| sqlx::query_as("SELECT code FROM life_situations WHERE published ORDER BY position").fetch_all(p).await?);
        Ok((codes(services), codes(departments), codes(situations)))
    }
}
