//! The online forms of services, by version.

use domain::forms::FormSchema;

use crate::db::with_pool;
use crate::{Db, Error, Result};

pub(crate) fn parse_schema(json: &str) -> Result<FormSchema> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("stored form schema: {e}")))
}

impl Db {
    /// The current online form of the published service `code` and its version; `None` when it
    /// cannot be applied for online.
    pub async fn service_form(&self, code: &str) -> Result<Option<(i32, FormSchema)>> {
        let row: Option<(Option<i32>,)> = with_pool!(self, |p| sqlx::query_as(
            "SELECT form_version FROM services WHERE code = $1 AND published AND online_form IS NOT NULL"
        )
        .bind(code)
        .fetch_optional(p)
        .await?);
        let Some((Some(version),)) = row else { return Ok(None) };
        Ok(self.form_version(code, version).await?.map(|schema| (version, schema)))
    }

    /// Version `version` of the online form of service `code`.
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
pub(crate) struct ServiceTerms {
    pub title: domain::localized::LocalizedText,
    pub department: String,
    pub term_days: u16,
    pub assurance: domain::identity::AssuranceLevel,
    /// The term stops while the applicant is asked for more.
    pub pause_while_awaiting: bool,
}

impl Db {
    /// Service `code` as its region pack describes it (published or not).
    pub(crate) async fn service_entry(&self, code: &str) -> Result<Option<domain::region::ServiceEntry>> {
        let row: Option<(String,)> =
            with_pool!(self, |p| sqlx::query_as("SELECT source FROM services WHERE code = $1").bind(code).fetch_optional(p).await?);
        row.map(|(source,)| serde_json::from_str(&source).map_err(|e| Error::Corrupt(format!("service source: {e}")))).transpose()
    }

    pub(crate) async fn service_terms(&self, code: &str) -> Result<Option<ServiceTerms>> {
        Ok(self.service_entry(code).await?.map(|entry| ServiceTerms {
            title: entry.title,
            department: entry.department,
            term_days: entry.term_days,
            assurance: entry.assurance.unwrap_or(domain::identity::AssuranceLevel::Simplified),
            pause_while_awaiting: entry.pause_while_awaiting,
        }))
    }
}
