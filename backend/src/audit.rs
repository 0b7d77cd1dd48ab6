//! The audit trail: who did what to whom, when. Logins (and refused ones), logouts, role changes
//! and, later, every opening of an applicant's personal data are recorded here.

use serde_json::Value;

use crate::db::{with_pool, with_writer};
use crate::{Db, Result};

/// One record to write.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// Who acted; `None` when nobody was logged in.
    pub actor: Option<i64>,
    /// What happened, e.g. `login`, `login_failed`, `role_granted`.
    pub action: &'static str,
    /// What it concerned (an application id, a SNILS…).
    pub subject: Option<String>,
    /// The rest, as a JSON object.
    pub details: Value,
    /// The HTTP request it happened in, for finding its log lines.
    pub request_id: Option<String>,
}

impl AuditEntry {
    /// A record of `action` by `actor` with no subject or details yet.
    pub fn new(actor: Option<i64>, action: &'static str) -> AuditEntry {
        AuditEntry { actor, action, subject: None, details: Value::Object(Default::default()), request_id: None }
    }

    /// The same record about `subject`.
    pub fn about(mut self, subject: impl Into<String>) -> AuditEntry {
        self.subject = Some(subject.into());
        self
    }

    /// The same record with `details`.
    pub fn with(mut self, details: Value) -> AuditEntry {
        self.details = details;
        self
    }

    /// The same record tied to a request.
    pub fn in_request(mut self, request_id: Option<String>) -> AuditEntry {
        self.request_id = request_id;
        self
    }
}

/// A stored record, as the operator browses them.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AuditRecord {
    /// Sequence number.
    pub id: i64,
    /// When, UTC milliseconds.
    pub at: i64,
    /// Who acted.
    pub actor_id: Option<i64>,
    /// What happened.
    pub action: String,
    /// What it concerned.
    pub subject: Option<String>,
    /// JSON details.
    pub details: String,
    /// The request it happened in.
    pub request_id: Option<String>,
}

impl Db {
    /// Writes one audit record at `now`.
    pub async fn audit(&self, entry: &AuditEntry, now: i64) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query("INSERT INTO audit_log (at, actor_id, action, subject, details, request_id) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(now)
                .bind(entry.actor)
                .bind(entry.action)
                .bind(&entry.subject)
                .bind(entry.details.to_string())
                .bind(&entry.request_id)
                .execute(p)
                .await?;
        });
        Ok(())
    }

    /// The newest `limit` records of `action` (any action when `None`), newest first.
    pub async fn audit_records(&self, action: Option<&str>, limit: i64) -> Result<Vec<AuditRecord>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT id, at, actor_id, action, subject, details, request_id FROM audit_log \
             WHERE ($1 IS NULL OR action = $1) ORDER BY id DESC LIMIT $2"
        )
        .bind(action)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }
}

/// Records of the personal-data trail per page.
pub const ACCESS_PAGE: i64 = 100;

#[derive(sqlx::FromRow)]
struct DbAccess {
    id: i64,
    at: i64,
    family_name: Option<String>,
    given_name: Option<String>,
    middle_name: Option<String>,
    application_id: Option<String>,
    number: Option<String>,
    details: String,
}

impl Db {
    /// The newest openings of applicants' personal data by staff, older than record `before`.
    pub async fn personal_data_accesses(&self, before: Option<i64>, rules: &crate::region_rules::RegionRules) -> Result<Vec<domain::access::PersonalDataAccess>> {
        let rows: Vec<DbAccess> = with_pool!(self, |p| sqlx::query_as(
            "SELECT l.id, l.at, p.family_name, p.given_name, p.middle_name, a.id AS application_id, a.number, l.details \
             FROM audit_log l LEFT JOIN persons p ON p.id = l.actor_id LEFT JOIN applications a ON a.id = l.subject \
             WHERE l.action = 'personal_data_access' AND l.id < $1 ORDER BY l.id DESC LIMIT $2"
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(ACCESS_PAGE)
        .fetch_all(p)
        .await?);
        let mut list = Vec::with_capacity(rows.len());
        for r in rows {
            let what: Value = serde_json::from_str(&r.details).unwrap_or_default();
            let file = match (what["what"].as_str().and_then(|w| w.strip_prefix("file:")), &r.application_id) {
                (Some(file), Some(application)) => Some(self.attachment_file(application, file).await?.map_or_else(|| file.to_owned(), |f| f.file_name)),
                _ => None,
            };
            let staff = [r.family_name, r.given_name, r.middle_name].into_iter().flatten().collect::<Vec<_>>().join(" ");
            list.push(domain::access::PersonalDataAccess { id: r.id, at: rules.local_time(r.at), staff, application: r.number.unwrap_or_default(), file });
        }
        Ok(list)
    }
}
