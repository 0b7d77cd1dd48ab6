//! Applications, their history, messages and attachments: rows as read back, drafts kept as the
//! applicant types, and the writes of a status change (guarded by the status it starts from, so
//! two racing changes cannot both win), a submission and a reply.

use domain::application::{Action, Actor, Origin, Refusal, Status};
use domain::forms::FormData;
use domain::views::FileView;

use super::{with_pool, with_tx, with_writer, Tx};
use crate::{Db, Error, Result};

/// An application row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DbApplication {
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
    /// The receipt's code for the public status check.
    pub status_code: Option<String>,
}

impl DbApplication {
    /// Its status.
    pub fn status(&self) -> Result<Status> {
        Status::parse(&self.status).ok_or_else(|| Error::Corrupt(format!("status {:?}", self.status)))
    }

    /// Where it was filed.
    pub fn origin(&self) -> Result<Origin> {
        Origin::parse(&self.origin).ok_or_else(|| Error::Corrupt(format!("origin {:?}", self.origin)))
    }

    /// What the federal form asked and the applicant answered, for applications filed there.
    pub fn federal_answers(&self) -> Result<Vec<domain::federation::Answer>> {
        self.federal_form.as_deref().map_or(Ok(Vec::new()), |json| serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("federal form: {e}"))))
    }

    /// The answers of its online form.
    pub fn form_data(&self) -> Result<FormData> {
        serde_json::from_str(&self.data).map_err(|e| Error::Corrupt(format!("application data: {e}")))
    }
}

/// An attachment row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DbAttachment {
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
    /// How pages list it.
    pub fn view(&self) -> FileView {
        FileView { id: self.id.clone(), name: self.file_name.clone(), size: u64::try_from(self.size).unwrap_or(0), field: self.field_path.clone() }
    }
}

/// An attachment row to write: a file already in the store.
#[derive(Debug, Clone)]
pub struct NewAttachment<'a> {
    /// Its id (the last part of its key).
    pub id: &'a str,
    /// `form`, `message` or `result`.
    pub kind: &'a str,
    /// The form field, for `form` files.
    pub field_path: Option<&'a str>,
    /// The message, for `message` files.
    pub message_id: Option<i64>,
    /// The name it is offered under.
    pub file_name: &'a str,
    /// Its MIME type, judged by content.
    pub content_type: &'a str,
    /// Size in bytes.
    pub size: u64,
    /// Hex SHA-256.
    pub sha256: &'a str,
    /// Its key in the file store.
    pub file_key: &'a str,
}

/// A stored file to stream to its reader.
#[derive(Debug, Clone)]
pub struct AttachmentFile {
    /// Key in the file store.
    pub key: String,
    /// Name to offer.
    pub file_name: String,
    /// MIME type.
    pub content_type: String,
    /// Hex SHA-256, for the `ETag`.
    pub sha256: String,
}

/// A checked status change, ready to be written.
#[derive(Debug, Clone)]
pub struct Change {
    pub application_id: String,
    pub from: Status,
    pub to: Status,
    pub action: Action,
    pub actor: Actor,
    pub actor_id: Option<i64>,
    pub note: Option<String>,
    pub at: i64,
}

impl Change {
    /// `action` by `actor` on application `id` in status `from`, if the state machine allows it.
    pub fn new(id: &str, from: Status, action: Action, actor: Actor, actor_id: Option<i64>, note: Option<String>, at: i64) -> Result<Change> {
        let to = from.apply(action, actor).map_err(|e| Error::Refused(Refusal::Transition(e)))?;
        Ok(Change { application_id: id.to_owned(), from, to, action, actor, actor_id, note, at })
    }
}

/// What a submission writes: the registered application's new columns (its number comes last,
/// with [`Tx::set_number`]).
#[derive(Debug, Clone)]
pub struct Registered<'a> {
    pub id: &'a str,
    pub status: Status,
    pub submitted_at: i64,
    pub deadline: &'a str,
    pub applicant_name: &'a str,
    pub applicant_key: &'a str,
    pub municipality: Option<&'a str>,
    /// The receipt's code for the public status check.
    pub status_code: &'a str,
}

/// An application filed on the federal portal, as stored here (its number comes last, with
/// [`Tx::set_number`]).
#[derive(Debug, Clone)]
pub struct FederalApplication<'a> {
    pub id: &'a str,
    pub service_code: &'a str,
    pub department_code: &'a str,
    pub form_version: i32,
    pub applicant_id: i64,
    pub applicant_name: &'a str,
    pub applicant_key: &'a str,
    pub status: Status,
    pub submitted_at: i64,
    pub deadline: &'a str,
    /// Its questions and answers, JSON.
    pub federal_form: &'a str,
}

/// A history entry with who made it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DbEvent {
    pub at: i64,
    pub actor: String,
    pub family_name: Option<String>,
    pub given_name: Option<String>,
    pub middle_name: Option<String>,
    pub action: String,
    pub status: String,
    pub note: Option<String>,
}

/// A message between clerk and applicant.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DbMessage {
    pub id: i64,
    pub at: i64,
    pub author: String,
    pub body: String,
    pub missing: Option<String>,
}

pub(crate) const APPLICATION_COLUMNS: &str = "id, number, service_code, department_code, form_version, applicant_id, \
     status, origin, data, updated_at, submitted_at, deadline, assignee_id, awaiting_since, federal_form, status_code";

/// `INSERT` of `n` history entries in one statement.
fn events_insert(n: usize) -> String {
    let rows: Vec<String> = (0..n)
        .map(|i| {
            let b = i * 7;
            format!("(${}, ${}, ${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7)
        })
        .collect();
    format!("INSERT INTO application_events (application_id, at, actor, actor_id, action, status, note) VALUES {}", rows.join(", "))
}

impl Db {
    /// Application `id`, whoever asks; callers check who may see it.
    #[tracing::instrument(skip_all)]
    pub async fn application_row(&self, id: &str) -> Result<Option<DbApplication>> {
        let sql = format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = $1");
        Ok(with_pool!(self, |p| sqlx::query_as(&sql).bind(id).fetch_optional(p).await?))
    }

    /// The registered application numbered `number`, for the public status check.
    #[tracing::instrument(skip_all)]
    pub async fn application_by_number(&self, number: &str) -> Result<Option<DbApplication>> {
        let sql = format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE number = $1");
        Ok(with_pool!(self, |p| sqlx::query_as(&sql).bind(number).fetch_optional(p).await?))
    }

    /// Application `id` if `person_id` applied for it; anyone else is told there is none.
    #[tracing::instrument(skip_all)]
    pub async fn own_application(&self, person_id: i64, id: &str) -> Result<DbApplication> {
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
    #[tracing::instrument(skip_all)]
    pub async fn own_draft(&self, person_id: i64, id: &str) -> Result<DbApplication> {
        let row = self.own_application(person_id, id).await?;
        if row.status()? != Status::Draft {
            return Err(Error::Refused(Refusal::NotEditable));
        }
        Ok(row)
    }

    /// `person_id`'s applications in `statuses`, the latest change first, at most `limit`.
    #[tracing::instrument(skip_all)]
    pub async fn applications_of(&self, person_id: i64, statuses: &[Status], limit: i64) -> Result<Vec<DbApplication>> {
        let placeholders: Vec<String> = (0..statuses.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE applicant_id = $1 AND status IN ({}) ORDER BY updated_at DESC, id LIMIT {limit}",
            placeholders.join(", ")
        );
        Ok(with_pool!(self, |p| {
            let mut q = sqlx::query_as(&sql).bind(person_id);
            for s in statuses {
                q = q.bind(s.as_str());
            }
            q.fetch_all(p).await?
        }))
    }

    /// Who applied for application `id`, which department handles it, and whether it is still a draft.
    #[tracing::instrument(skip_all)]
    pub async fn application_access(&self, id: &str) -> Result<Option<(i64, String, bool)>> {
        let row: Option<(i64, String, String)> =
            with_pool!(self, |p| sqlx::query_as("SELECT applicant_id, department_code, status FROM applications WHERE id = $1")
                .bind(id)
                .fetch_optional(p)
                .await?);
        Ok(row.map(|(applicant, department, status)| (applicant, department, status == "draft")))
    }

    /// The history of application `id`, with the names of clerks who acted.
    #[tracing::instrument(skip_all)]
    pub async fn events_of(&self, id: &str) -> Result<Vec<DbEvent>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT e.at, e.actor, p.family_name, p.given_name, p.middle_name, e.action, e.status, e.note FROM application_events e \
             LEFT JOIN persons p ON p.id = e.actor_id AND e.actor = 'clerk' WHERE e.application_id = $1 ORDER BY e.id"
        )
        .bind(id)
        .fetch_all(p)
        .await?))
    }

    /// The messages of application `id`, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn messages_of(&self, id: &str) -> Result<Vec<DbMessage>> {
        Ok(with_pool!(self, |p| sqlx::query_as("SELECT id, at, author, body, missing FROM messages WHERE application_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(p)
            .await?))
    }

    /// Registration numbers of the applications `ids` that have one.
    #[tracing::instrument(skip_all)]
    pub async fn numbers_of(&self, ids: &[&str]) -> Result<std::collections::HashMap<String, String>> {
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let list: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT id, number FROM applications WHERE number IS NOT NULL AND id IN ({})", list.join(", "));
        let rows: Vec<(String, String)> = with_pool!(self, |p| {
            let mut q = sqlx::query_as(&sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(p).await?
        });
        Ok(rows.into_iter().collect())
    }

    /// How many applications person `person_id` sent here since `since`.
    #[tracing::instrument(skip_all)]
    pub async fn submissions_since(&self, person_id: i64, since: i64) -> Result<i64> {
        let (n,): (i64,) =
            with_pool!(self, |p| sqlx::query_as("SELECT COUNT(*) FROM applications WHERE applicant_id = $1 AND origin = 'regional' AND submitted_at >= $2")
                .bind(person_id)
                .bind(since)
                .fetch_one(p)
                .await?);
        Ok(n)
    }
}

// Drafts.
impl Db {
    /// Writes a new draft, unless the person has one for the service already (two tabs starting
    /// at once: the unique index keeps one).
    #[allow(clippy::too_many_arguments)]
    #[tracing::instrument(skip_all)]
    pub async fn insert_draft(
        &self,
        id: &str,
        service: &str,
        department: &str,
        form_version: i32,
        person_id: i64,
        name: &str,
        data: &FormData,
        now: i64,
    ) -> Result<()> {
        let data = serde_json::to_string(data).map_err(|e| Error::Corrupt(e.to_string()))?;
        with_writer!(self, |p| {
            sqlx::query(
                "INSERT INTO applications (id, service_code, department_code, form_version, applicant_id, applicant_name, status, origin, data, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'draft', 'regional', $7, $8, $8) \
                 ON CONFLICT (applicant_id, service_code) WHERE status = 'draft' DO NOTHING",
            )
            .bind(id)
            .bind(service)
            .bind(department)
            .bind(form_version)
            .bind(person_id)
            .bind(name)
            .bind(&data)
            .bind(now)
            .execute(p)
            .await?;
        });
        Ok(())
    }

    /// The id of the person's open draft for `service`.
    #[tracing::instrument(skip_all)]
    pub async fn open_draft(&self, person_id: i64, service: &str) -> Result<Option<String>> {
        let row: Option<(String,)> =
            with_pool!(self, |p| sqlx::query_as("SELECT id FROM applications WHERE applicant_id = $1 AND service_code = $2 AND status = 'draft'")
                .bind(person_id)
                .bind(service)
                .fetch_optional(p)
                .await?);
        Ok(row.map(|(id,)| id))
    }

    /// How many drafts the person has open.
    #[tracing::instrument(skip_all)]
    pub async fn open_drafts(&self, person_id: i64) -> Result<i64> {
        let (n,): (i64,) = with_pool!(self, |p| sqlx::query_as("SELECT COUNT(*) FROM applications WHERE applicant_id = $1 AND status = 'draft'")
            .bind(person_id)
            .fetch_one(p)
            .await?);
        Ok(n)
    }

    /// Replaces the answers of draft `id` (and, with `form_version`, the form it follows);
    /// [`Refusal::NotEditable`] when it is no longer a draft.
    #[tracing::instrument(skip_all)]
    pub async fn store_draft_data(&self, id: &str, data: &FormData, form_version: Option<i32>, now: i64) -> Result<()> {
        let json = serde_json::to_string(data).map_err(|e| Error::Corrupt(e.to_string()))?;
        let updated = with_writer!(self, |p| sqlx::query(
            "UPDATE applications SET data = $1, updated_at = $2, form_version = COALESCE($3, form_version) WHERE id = $4 AND status = 'draft'"
        )
        .bind(json)
        .bind(now)
        .bind(form_version)
        .bind(id)
        .execute(p)
        .await?
        .rows_affected());
        if updated == 0 {
            return Err(Error::Refused(Refusal::NotEditable));
        }
        Ok(())
    }

    /// Deletes draft `id` and its attachment rows (its files are the caller's to delete after).
    #[tracing::instrument(skip_all)]
    pub async fn delete_draft(&self, id: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        with_tx!(tx, |c| {
            sqlx::query("DELETE FROM attachments WHERE application_id = $1").bind(id).execute(&mut *c).await?;
            sqlx::query("DELETE FROM applications WHERE id = $1 AND status = 'draft'").bind(id).execute(&mut *c).await?;
        });
        tx.commit().await
    }
}

// Attachments.
impl Db {
    /// The attachments of application `application_id`, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn attachment_rows(&self, application_id: &str) -> Result<Vec<DbAttachment>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT id, kind, field_path, message_id, file_name, content_type, size, sha256, file_key FROM attachments \
             WHERE application_id = $1 ORDER BY created_at, id"
        )
        .bind(application_id)
        .fetch_all(p)
        .await?))
    }

    /// File `attachment` of application `id`, whoever asks; callers check who may see it.
    #[tracing::instrument(skip_all)]
    pub async fn attachment_file(&self, id: &str, attachment: &str) -> Result<Option<AttachmentFile>> {
        let rows = self.attachment_rows(id).await?;
        Ok(rows.into_iter().find(|a| a.id == attachment).map(|a| AttachmentFile {
            key: a.file_key,
            file_name: a.file_name,
            content_type: a.content_type,
            sha256: a.sha256,
        }))
    }

    /// Writes attachment `a` of application `application`.
    #[tracing::instrument(skip_all)]
    pub async fn insert_attachment(&self, application: &str, a: &NewAttachment<'_>, now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.insert_attachment(application, a, now).await?;
        tx.commit().await
    }

    /// Deletes attachment row `id`.
    #[tracing::instrument(skip_all)]
    pub async fn delete_attachment_row(&self, id: &str) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query("DELETE FROM attachments WHERE id = $1").bind(id).execute(p).await?;
        });
        Ok(())
    }

    /// Moves attachment `id` to form field `field_path` (its entry moved up).
    #[tracing::instrument(skip_all)]
    pub async fn move_attachment(&self, id: &str, field_path: &str) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query("UPDATE attachments SET field_path = $1 WHERE id = $2").bind(field_path).bind(id).execute(p).await?;
        });
        Ok(())
    }
}

impl Tx {
    /// Writes attachment `a` of application `application`.
    #[tracing::instrument(skip_all)]
    pub async fn insert_attachment(&mut self, application: &str, a: &NewAttachment<'_>, now: i64) -> Result<()> {
        with_tx!(self, |c| {
            sqlx::query(
                "INSERT INTO attachments (id, application_id, kind, field_path, message_id, file_name, content_type, size, sha256, file_key, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(a.id)
            .bind(application)
            .bind(a.kind)
            .bind(a.field_path)
            .bind(a.message_id)
            .bind(a.file_name)
            .bind(a.content_type)
            .bind(i64::try_from(a.size).unwrap_or(i64::MAX))
            .bind(a.sha256)
            .bind(a.file_key)
            .bind(now)
            .execute(&mut *c)
            .await?;
        });
        Ok(())
    }

    /// Writes `change` when the application is still in its `from` status: the status and the
    /// history entry. Returns the entry's number, or `None` (writing nothing) when somebody else
    /// changed the application first.
    #[tracing::instrument(skip_all)]
    pub async fn change_status(&mut self, change: &Change) -> Result<Option<i64>> {
        let updated = with_tx!(self, |c| sqlx::query("UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
            .bind(change.to.as_str())
            .bind(change.at)
            .bind(&change.application_id)
            .bind(change.from.as_str())
            .execute(&mut *c)
            .await?
            .rows_affected());
        if updated != 1 {
            return Ok(None);
        }
        let (before,): (i64,) = with_tx!(self, |c| sqlx::query_as("SELECT COUNT(*) FROM application_events WHERE application_id = $1")
            .bind(&change.application_id)
            .fetch_one(&mut *c)
            .await?);
        self.record_events(&[change]).await?;
        Ok(Some(before + 1))
    }

    /// Writes the history entries of `changes`, in order.
    #[tracing::instrument(skip_all)]
    pub async fn record_events(&mut self, changes: &[&Change]) -> Result<()> {
        let sql = events_insert(changes.len());
        with_tx!(self, |c| {
            let mut insert = sqlx::query(&sql);
            for ch in changes {
                insert = insert
                    .bind(&ch.application_id)
                    .bind(ch.at)
                    .bind(ch.actor.as_str())
                    .bind(ch.actor_id)
                    .bind(ch.action.as_str())
                    .bind(ch.to.as_str())
                    .bind(&ch.note);
            }
            insert.execute(&mut *c).await?;
        });
        Ok(())
    }

    /// Who works on application `id` (`None`: nobody), and since when it waits for its applicant.
    #[tracing::instrument(skip_all)]
    pub async fn set_work(&mut self, id: &str, assignee: Option<i64>, awaiting_since: Option<i64>) -> Result<()> {
        with_tx!(self, |c| {
            sqlx::query("UPDATE applications SET assignee_id = $1, awaiting_since = $2 WHERE id = $3")
                .bind(assignee)
                .bind(awaiting_since)
                .bind(id)
                .execute(&mut *c)
                .await?;
        });
        Ok(())
    }

    /// Application `id` waits for its applicant since `since`.
    #[tracing::instrument(skip_all)]
    pub async fn awaiting_since(&mut self, id: &str, since: i64) -> Result<()> {
        with_tx!(self, |c| {
            sqlx::query("UPDATE applications SET awaiting_since = $1 WHERE id = $2").bind(since).bind(id).execute(&mut *c).await?;
        });
        Ok(())
    }

    /// A message on application `id` by `author` (person `author_id`): a clerk's request naming the
    /// `missing` documents (JSON), or the applicant's answer. Returns its id.
    #[tracing::instrument(skip_all)]
    pub async fn insert_message(&mut self, id: &str, author: Actor, author_id: i64, body: &str, missing: Option<&str>, now: i64) -> Result<i64> {
        let (message_id,): (i64,) = with_tx!(self, |c| sqlx::query_as(
            "INSERT INTO messages (application_id, at, author, author_id, body, missing) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
        )
        .bind(id)
        .bind(now)
        .bind(if author == Actor::Clerk { "clerk" } else { "applicant" })
        .bind(author_id)
        .bind(body)
        .bind(missing)
        .fetch_one(&mut *c)
        .await?);
        Ok(message_id)
    }

    /// Sets the deadline of application `id` (moved by a paused clock) and ends its wait for the applicant.
    #[tracing::instrument(skip_all)]
    pub async fn answered(&mut self, id: &str, deadline: Option<&str>) -> Result<()> {
        with_tx!(self, |c| {
            sqlx::query("UPDATE applications SET awaiting_since = NULL, deadline = $1 WHERE id = $2").bind(deadline).bind(id).execute(&mut *c).await?;
        });
        Ok(())
    }

    /// Records when application `id` was decided.
    #[tracing::instrument(skip_all)]
    pub async fn decided(&mut self, id: &str, at: i64) -> Result<()> {
        with_tx!(self, |c| {
            sqlx::query("UPDATE applications SET decided_at = $1 WHERE id = $2").bind(at).bind(id).execute(&mut *c).await?;
        });
        Ok(())
    }

    /// The next registration number's sequence of `year` (the counter steps back if the
    /// transaction rolls back). The year's counter row stays locked until the commit, so every
    /// registration of the region waits for the one before: take it as late as possible.
    #[tracing::instrument(skip_all)]
    pub async fn next_number(&mut self, year: i32) -> Result<i64> {
        let (sequence,): (i64,) = with_tx!(self, |c| sqlx::query_as(
            "INSERT INTO registration_counters (year, last) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET last = registration_counters.last + 1 RETURNING last"
        )
        .bind(year)
        .fetch_one(&mut *c)
        .await?);
        Ok(sequence)
    }

    /// Gives registered application `id` its registration `number`.
    #[tracing::instrument(skip_all)]
    pub async fn set_number(&mut self, id: &str, number: &str) -> Result<()> {
        with_tx!(self, |c| {
            sqlx::query("UPDATE applications SET number = $1 WHERE id = $2").bind(number).bind(id).execute(&mut *c).await?;
        });
        Ok(())
    }

    /// Makes draft `r.id` a registered application, guarded by its draft status; `false` (writing
    /// nothing) when a racing request registered it first.
    #[tracing::instrument(skip_all)]
    pub async fn register(&mut self, r: &Registered<'_>) -> Result<bool> {
        let claimed = with_tx!(self, |c| sqlx::query(
            "UPDATE applications SET status = $1, submitted_at = $2, deadline = $3, applicant_name = $4, updated_at = $2, \
             applicant_key = $5, municipality_code = $6, status_code = $7 WHERE id = $8 AND status = 'draft'",
        )
        .bind(r.status.as_str())
        .bind(r.submitted_at)
        .bind(r.deadline)
        .bind(r.applicant_name)
        .bind(r.applicant_key)
        .bind(r.municipality)
        .bind(r.status_code)
        .bind(r.id)
        .execute(&mut *c)
        .await?
        .rows_affected());
        Ok(claimed == 1)
    }

    /// Writes application `a`, filed on the federal portal, as registered here.
    #[tracing::instrument(skip_all)]
    pub async fn insert_federal_application(&mut self, a: &FederalApplication<'_>) -> Result<()> {
        with_tx!(self, |c| {
            sqlx::query(
                "INSERT INTO applications (id, service_code, department_code, form_version, applicant_id, applicant_name, applicant_key, \
                 status, origin, municipality_code, submitted_at, deadline, data, federal_form, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, '{}', $12, $10, $10)",
            )
            .bind(a.id)
            .bind(a.service_code)
            .bind(a.department_code)
            .bind(a.form_version)
            .bind(a.applicant_id)
            .bind(a.applicant_name)
            .bind(a.applicant_key)
            .bind(a.status.as_str())
            .bind(Origin::Federal.as_str())
            .bind(a.submitted_at)
            .bind(a.deadline)
            .bind(a.federal_form)
            .execute(&mut *c)
            .await?;
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn multi_row_history_inserts_number_their_parameters() {
        assert!(super::events_insert(2).ends_with("VALUES ($1, $2, $3, $4, $5, $6, $7), ($8, $9, $10, $11, $12, $13, $14)"));
    }
}
