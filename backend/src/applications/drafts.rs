//! Drafts: started from a service (prefilled from the federal profile), filled step by step,
//! resumable, deleted at will. One open draft per person and service.

use domain::access::{may_apply, Principal};
use domain::application::Refusal;
use domain::views::DraftStep;
use domain::forms::{validate, Entry, FieldPath, FieldType, FormData, Scope};
use domain::localized::Lang;

use super::attachments::files_of;
use crate::db::{with_pool, with_writer};
use crate::region_rules::RegionRules;
use crate::{Db, Error, FileStore, Result};

fn refused(r: Refusal) -> Error {
    Error::Refused(r)
}

/// Starts (or finds) `who`'s draft for `service`; returns its id.
pub async fn start_draft(db: &Db, who: &Principal, service: &str, now: i64) -> Result<String> {
    let (version, schema) = db.service_form(service).await?.ok_or(refused(Refusal::NotOnline))?;
    let terms = db.service_terms(service).await?.ok_or(refused(Refusal::NotOnline))?;
    may_apply(who.assurance, terms.assurance).map_err(|e| refused(Refusal::AssuranceTooLow(e)))?;
    if let Some(id) = db.open_draft(who.person_id, service).await? {
        return Ok(id);
    }
    if db.open_drafts(who.person_id).await? >= domain::application::MAX_OPEN_DRAFTS {
        return Err(refused(Refusal::TooManyDrafts));
    }
    let profile = db.profile(who.person_id).await?.ok_or(refused(Refusal::NotFound))?;
    let data = serde_json::to_string(&schema.prefilled(&profile)).map_err(|e| Error::Corrupt(e.to_string()))?;
    let id = uuid::Uuid::new_v4().to_string();
    with_writer!(db, |p| {
        // Two tabs starting at once: the unique index keeps one draft, the other finds it below.
        sqlx::query(
            "INSERT INTO applications (id, service_code, department_code, form_version, applicant_id, applicant_name, status, origin, data, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'draft', 'regional', $7, $8, $8) \
             ON CONFLICT (applicant_id, service_code) WHERE status = 'draft' DO NOTHING",
        )
        .bind(&id)
        .bind(service)
        .bind(&terms.department)
        .bind(version)
        .bind(who.person_id)
        .bind(profile.full_name())
        .bind(&data)
        .bind(now)
        .execute(p)
        .await?;
    });
    db.open_draft(who.person_id, service).await?.ok_or_else(|| Error::Corrupt("a draft just written is missing".into()))
}

impl Db {
    /// The id of the person's open draft for `service`.
    pub async fn open_draft(&self, person_id: i64, service: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = with_pool!(self, |p| sqlx::query_as(
            "SELECT id FROM applications WHERE applicant_id = $1 AND service_code = $2 AND status = 'draft'"
        )
        .bind(person_id)
        .bind(service)
        .fetch_optional(p)
        .await?);
        Ok(row.map(|(id,)| id))
    }

    /// How many drafts the person has open.
    pub async fn open_drafts(&self, person_id: i64) -> Result<i64> {
        let (n,): (i64,) = with_pool!(self, |p| sqlx::query_as("SELECT COUNT(*) FROM applications WHERE applicant_id = $1 AND status = 'draft'")
            .bind(person_id)
            .fetch_one(p)
            .await?);
        Ok(n)
    }

    async fn store_draft_data(&self, id: &str, data: &FormData, now: i64) -> Result<()> {
        let json = serde_json::to_string(data).map_err(|e| Error::Corrupt(e.to_string()))?;
        let updated = with_writer!(self, |p| sqlx::query("UPDATE applications SET data = $1, updated_at = $2 WHERE id = $3 AND status = 'draft'")
            .bind(json)
            .bind(now)
            .bind(id)
            .execute(p)
            .await?
            .rows_affected());
        if updated == 0 {
            return Err(refused(Refusal::NotEditable));
        }
        Ok(())
    }
}

/// Step `step` of the person's draft `id` for its form page; with `check`, the step's problems.
pub async fn draft_step(db: &Db, person_id: i64, id: &str, step: usize, check: bool, lang: Lang, rules: &RegionRules, now: i64) -> Result<DraftStep> {
    draft_page(db, person_id, id, Some(step), check, lang, rules, now).await
}

/// The whole draft `id` for its review before sending (its `step` is the number of steps); with
/// `check`, every problem of the form.
pub async fn draft_review(db: &Db, person_id: i64, id: &str, check: bool, lang: Lang, rules: &RegionRules, now: i64) -> Result<DraftStep> {
    draft_page(db, person_id, id, None, check, lang, rules, now).await
}

#[allow(clippy::too_many_arguments)]
async fn draft_page(db: &Db, person_id: i64, id: &str, step: Option<usize>, check: bool, lang: Lang, rules: &RegionRules, now: i64) -> Result<DraftStep> {
    let row = db.own_draft(person_id, id).await?;
    let schema = db.form_version(&row.service_code, row.form_version).await?.ok_or(refused(Refusal::NotOnline))?;
    let step = match step {
        Some(step) if step < schema.steps.len() => step,
        Some(_) => return Err(refused(Refusal::NotFound)),
        None => schema.steps.len(),
    };
    let data = row.form_data()?;
    let attachments = db.attachment_rows(id).await?;
    let today = rules.today(now);
    let scope = if step == schema.steps.len() { Scope::All } else { Scope::Step(step) };
    let errors = if check { validate(&schema, &data, &files_of(&attachments), today, scope) } else { Vec::new() };
    let title = db.catalog(lang).await?.service_title(&row.service_code).await?.unwrap_or_else(|| row.service_code.clone());
    Ok(DraftStep {
        id: row.id,
        service_code: row.service_code,
        service_title: title,
        schema,
        step,
        data,
        files: attachments.iter().filter(|a| a.kind == "form").map(|a| a.view()).collect(),
        errors,
        today: domain::dates::format_date(today),
    })
}

/// The online form of `person_id`'s draft `id`, asked before anything of a posted page is read:
/// not theirs is [`Refusal::NotFound`], no longer a draft [`Refusal::NotEditable`].
pub async fn draft_form(db: &Db, person_id: i64, id: &str) -> Result<domain::forms::FormSchema> {
    let row = db.own_draft(person_id, id).await?;
    db.form_version(&row.service_code, row.form_version).await?.ok_or(refused(Refusal::NotOnline))
}

/// Replaces the values of step `step` of draft `id` with what the page sent.
pub async fn save_step(db: &Db, person_id: i64, id: &str, step: usize, submitted: &FormData, now: i64) -> Result<()> {
    let row = db.own_draft(person_id, id).await?;
    let schema = db.form_version(&row.service_code, row.form_version).await?.ok_or(refused(Refusal::NotOnline))?;
    let next = schema.with_step(step, &row.form_data()?, submitted).map_err(|paths| refused(Refusal::UnknownFields { paths }))?;
    db.store_draft_data(id, &next, now).await
}

/// Adds an empty entry to group `group` of draft `id`, up to the group's limit.
pub async fn add_entry(db: &Db, person_id: i64, id: &str, group: &str, now: i64) -> Result<()> {
    let row = db.own_draft(person_id, id).await?;
    let schema = db.form_version(&row.service_code, row.form_version).await?.ok_or(refused(Refusal::NotOnline))?;
    let field = schema.field(group).filter(|f| f.kind == FieldType::Group).ok_or(refused(Refusal::UnknownFields { paths: vec![group.into()] }))?;
    let mut data = row.form_data()?;
    let entries = data.groups.entry(group.to_owned()).or_default();
    if entries.len() < field.item_limit() as usize {
        entries.push(Entry::new());
    }
    db.store_draft_data(id, &data, now).await
}

/// Removes entry `index` of group `group` of draft `id`, with its files; later entries move up.
pub async fn remove_entry(db: &Db, files: &FileStore, person_id: i64, id: &str, group: &str, index: usize, now: i64) -> Result<()> {
    let row = db.own_draft(person_id, id).await?;
    let mut data = row.form_data()?;
    let entries = data.groups.get_mut(group).filter(|e| index < e.len()).ok_or(refused(Refusal::UnknownFields { paths: vec![format!("{group}[{index}]")] }))?;
    entries.remove(index);
    let attachments = db.attachment_rows(id).await?;
    for a in &attachments {
        let Some(FieldPath::Entry { group: g, index: i, field }) = a.field_path.as_deref().and_then(FieldPath::parse) else { continue };
        if g != group {
            continue;
        }
        if i == index {
            db.delete_attachment_row(&a.id).await?;
            files.delete(&a.file_key).await?;
        } else if i > index {
            let moved = FieldPath::Entry { group: g, index: i - 1, field }.to_string();
            with_writer!(db, |p| {
                sqlx::query("UPDATE attachments SET field_path = $1 WHERE id = $2").bind(moved).bind(&a.id).execute(p).await?;
            });
        }
    }
    db.store_draft_data(id, &data, now).await
}

/// Deletes draft `id` and its files.
pub async fn delete_draft(db: &Db, files: &FileStore, person_id: i64, id: &str) -> Result<()> {
    db.own_draft(person_id, id).await?;
    let attachments = db.attachment_rows(id).await?;
    with_writer!(db, |p| {
        let mut tx = p.begin().await?;
        sqlx::query("DELETE FROM attachments WHERE application_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM applications WHERE id = $1 AND status = 'draft'").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
    });
    // The rows are gone first: a file left behind by a failure here is unreachable, never dangling.
    for a in attachments {
        files.delete(&a.file_key).await?;
    }
    Ok(())
}
