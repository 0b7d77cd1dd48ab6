//! Stored applications and attachments as read back, and the ownership checks every applicant
//! action starts with.

use domain::application::{Origin, Refusal, Status};
use domain::views::FileView;
use domain::forms::FormData;

use crate::db::with_pool;
use crate::{Db, Error, Result};

/// An application row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct DbApplication {
    pub id: String,
    pub number: Option<String>,
    pub service_code: String,
    pub department_code: String,
    pub form_version: i32,
    pub applicant_id: i64,
    pub status: String,
    pub origin: String,
    pub data: String,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub deadline: Option<String>,
    pub assignee_id: Option<i64>,
    pub awaiting_since: Option<i64>,
    /// Filed on the federal portal: its questions and answers (JSON).
    pub federal_form: Option<String>,
}

impl DbApplication {
    pub fn status(&self) -> Result<Status> {
        Status::parse(&self.status).ok_or_else(|| Error::Corrupt(format!("status {:?}", self.status)))
    }

    pub fn origin(&self) -> Result<Origin> {
        Origin::parse(&self.origin).ok_or_else(|| Error::Corrupt(format!("origin {:?}", self.origin)))
    }

    /// What the federal form asked and the applicant answered, for applications filed there.
    pub fn federal_answers(&self) -> Result<Vec<domain::federation::Answer>> {
        self.federal_form.as_deref().map_or(Ok(Vec::new()), |json| serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("federal form: {e}"))))
    }

    pub fn form_data(&self) -> Result<FormData> {
        serde_json::from_str(&self.data).map_err(|e| Error::Corrupt(format!("application data: {e}")))
    }
}

/// An attachment row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct DbAttachment {
    pub id: String,
    pub kind: String,
    pub field_path: Option<String>,
    pub message_id: Option<i64>,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub file_key: String,
}

impl DbAttachment {
    pub fn view(&self) -> FileView {
        FileView { id: self.id.clone(), name: self.file_name.clone(), size: u64::try_from(self.size).unwrap_or(0), field: self.field_path.clone() }
    }
}

pub(crate) const APPLICATION_COLUMNS: &str = "id, number, service_code, department_code, form_version, applicant_id, \
     status, origin, data, updated_at, submitted_at, deadline, assignee_id, awaiting_since, federal_form";

impl Db {
    pub(crate) async fn application_row(&self, id: &str) -> Result<Option<DbApplication>> {
        let sql = format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = $1");
        Ok(with_pool!(self, |p| sqlx::query_as(&sql).bind(id).fetch_optional(p).await?))
    }

    /// Application `id` if `person_id` applied for it; anyone else is told there is none.
    pub(crate) async fn own_application(&self, person_id: i64, id: &str) -> Result<DbApplication> {
        match self.application_row(id).await? {
            Some(row) if row.applicant_id == person_id => Ok(row),
            Some(_) => {
                tracing::warn!(person_id, application = id, "a person asked for someone else's application");
                Err(Error::Refused(Refusal::NotFound))
            }
            None => Err(Error::Refused(Refusal::NotFound)),
        }
    }

    /// The person's draft `id`: [`Refusal::NotEditable`] once it is submitted.
    pub(crate) async fn own_draft(&self, person_id: i64, id: &str) -> Result<DbApplication> {
        let row = self.own_application(person_id, id).await?;
        if row.status()? != Status::Draft {
            return Err(Error::Refused(Refusal::NotEditable));
        }
        Ok(row)
    }

    pub(crate) async fn attachment_rows(&self, application_id: &str) -> Result<Vec<DbAttachment>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT id, kind, field_path, message_id, file_name, content_type, size, sha256, file_key FROM attachments \
             WHERE application_id = $1 ORDER BY created_at, id"
        )
        .bind(application_id)
        .fetch_all(p)
        .await?))
    }
}

impl Db {
    /// Who applied for application `id`, which department handles it, and whether it is still a draft.
    pub async fn application_access(&self, id: &str) -> Result<Option<(i64, String, bool)>> {
        let row: Option<(i64, String, String)> = with_pool!(self, |p| sqlx::query_as("SELECT applicant_id, department_code, status FROM applications WHERE id = $1")
            .bind(id)
            .fetch_optional(p)
            .await?);
        Ok(row.map(|(applicant, department, status)| (applicant, department, status == "draft")))
    }

    /// The regulatory term (working days) of the service of application `id`.
    pub async fn application_term_days(&self, id: &str) -> Result<u16> {
        let row = self.application_row(id).await?.ok_or(Error::Refused(Refusal::NotFound))?;
        Ok(self.service_terms(&row.service_code).await?.map_or(0, |t| t.term_days))
    }

    /// Records that staff member `person_id` opened `what` of application `id` (its data, a file):
    /// the personal-data access trail the operator reviews.
    pub async fn record_personal_data_access(&self, person_id: i64, id: &str, what: &str, now: i64) -> Result<()> {
        let entry = crate::audit::AuditEntry::new(Some(person_id), "personal_data_access").about(id).with(serde_json::json!({ "what": what }));
        self.audit(&entry, now).await
    }
}
