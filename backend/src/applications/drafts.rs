//! Drafts: started from a service (prefilled from the federal profile), filled step by step,
//! resumable, deleted at will. One open draft per person and service.

use domain::access::{may_apply, Principal};
use domain::application::Refusal;
use domain::forms::{validate, Entry, FieldPath, FieldType, FormData, FormSchema, Scope};
use domain::localized::Lang;
use domain::views::DraftStep;

use super::attachments::files_of;
use crate::{Error, Portal, Result};

fn refused(r: Refusal) -> Error {
    Error::Refused(r)
}

/// Starts (or finds) `who`'s draft for `service`; returns its id.
pub async fn start_draft(p: &Portal, who: &Principal, service: &str) -> Result<String> {
    let db = &p.db;
    let (version, schema) = db.service_form(service).await?.ok_or(refused(Refusal::NotOnline))?;
    let terms = db.service_terms(service).await?.ok_or(refused(Refusal::NotOnline))?;
    may_apply(who.assurance, terms.assurance).map_err(|e| refused(Refusal::AssuranceTooLow(e)))?;
    if let Some(id) = db.open_draft(who.person_id, service).await? {
        return Ok(id);
    }
    if db.open_drafts(who.person_id).await? >= p.limits.open_drafts {
        return Err(refused(Refusal::TooManyDrafts));
    }
    let profile = db.profile(who.person_id).await?.ok_or(refused(Refusal::NotFound))?;
    let id = uuid::Uuid::new_v4().to_string();
    db.insert_draft(&id, service, &terms.department, version, who.person_id, &profile.full_name(), &schema.prefilled(&profile), p.now()).await?;
    // Two tabs starting at once: the one draft written is found here.
    db.open_draft(who.person_id, service).await?.ok_or_else(|| Error::Corrupt("a draft just written is missing".into()))
}

/// Step `step` of `who`'s draft `id` for its form page; with `check`, the step's problems.
pub async fn draft_step(p: &Portal, who: &Principal, id: &str, step: usize, check: bool, lang: Lang) -> Result<DraftStep> {
    draft_page(p, who, id, Some(step), check, lang).await
}

/// The whole draft `id` for its review before sending (its `step` is the number of steps); with
/// `check`, every problem of the form.
pub async fn draft_review(p: &Portal, who: &Principal, id: &str, check: bool, lang: Lang) -> Result<DraftStep> {
    draft_page(p, who, id, None, check, lang).await
}

async fn draft_page(p: &Portal, who: &Principal, id: &str, step: Option<usize>, check: bool, lang: Lang) -> Result<DraftStep> {
    let db = &p.db;
    let row = db.own_draft(who.person_id, id).await?;
    let schema = db.form_version(&row.service_code, row.form_version).await?.ok_or(refused(Refusal::NotOnline))?;
    let step = match step {
        Some(step) if step < schema.steps.len() => step,
        Some(_) => return Err(refused(Refusal::NotFound)),
        None => schema.steps.len(),
    };
    let data = row.form_data()?;
    let attachments = db.attachment_rows(id).await?;
    let today = p.rules().await?.today(p.now());
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

/// The online form of `who`'s draft `id`, asked before anything of a posted page is read: not
/// theirs is [`Refusal::NotFound`], no longer a draft [`Refusal::NotEditable`].
pub async fn draft_form(p: &Portal, who: &Principal, id: &str) -> Result<FormSchema> {
    let row = p.db.own_draft(who.person_id, id).await?;
    p.db.form_version(&row.service_code, row.form_version).await?.ok_or(refused(Refusal::NotOnline))
}

/// Replaces the values of step `step` of draft `id` with what the page sent.
pub async fn save_step(p: &Portal, who: &Principal, id: &str, step: usize, submitted: &FormData) -> Result<()> {
    let row = p.db.own_draft(who.person_id, id).await?;
    let schema = p.db.form_version(&row.service_code, row.form_version).await?.ok_or(refused(Refusal::NotOnline))?;
    let next = schema.with_step(step, &row.form_data()?, submitted).map_err(|paths| refused(Refusal::UnknownFields { paths }))?;
    p.db.store_draft_data(id, &next, None, p.now()).await
}

/// Adds an empty entry to group `group` of draft `id`, up to the group's limit.
pub async fn add_entry(p: &Portal, who: &Principal, id: &str, group: &str) -> Result<()> {
    let row = p.db.own_draft(who.person_id, id).await?;
    let schema = p.db.form_version(&row.service_code, row.form_version).await?.ok_or(refused(Refusal::NotOnline))?;
    let field = schema.field(group).filter(|f| f.kind == FieldType::Group).ok_or(refused(Refusal::UnknownFields { paths: vec![group.into()] }))?;
    let mut data = row.form_data()?;
    let entries = data.groups.entry(group.to_owned()).or_default();
    if entries.len() < field.item_limit() as usize {
        entries.push(Entry::new());
    }
    p.db.store_draft_data(id, &data, None, p.now()).await
}

/// Removes entry `index` of group `group` of draft `id`, with its files; later entries move up.
pub async fn remove_entry(p: &Portal, who: &Principal, id: &str, group: &str, index: usize) -> Result<()> {
    let row = p.db.own_draft(who.person_id, id).await?;
    let mut data = row.form_data()?;
    let entries = data.groups.get_mut(group).filter(|e| index < e.len()).ok_or(refused(Refusal::UnknownFields { paths: vec![format!("{group}[{index}]")] }))?;
    entries.remove(index);
    for a in p.db.attachment_rows(id).await? {
        let Some(FieldPath::Entry { group: g, index: i, field }) = a.field_path.as_deref().and_then(FieldPath::parse) else { continue };
        if g != group {
            continue;
        }
        if i == index {
            p.db.delete_attachment_row(&a.id).await?;
            p.files.delete(&a.file_key).await?;
        } else if i > index {
            p.db.move_attachment(&a.id, &FieldPath::Entry { group: g, index: i - 1, field }.to_string()).await?;
        }
    }
    p.db.store_draft_data(id, &data, None, p.now()).await
}

/// Deletes draft `id` and its files.
pub async fn delete_draft(p: &Portal, who: &Principal, id: &str) -> Result<()> {
    p.db.own_draft(who.person_id, id).await?;
    let attachments = p.db.attachment_rows(id).await?;
    p.db.delete_draft(id).await?;
    // The rows are gone first: a file left behind by a failure here is unreachable, never dangling.
    for a in attachments {
        p.files.delete(&a.file_key).await?;
    }
    Ok(())
}
