//! What an applicant reads: their applications, one application whole, and its files (which
//! its department's staff may open too, each opening audited).

use domain::access::{may_read_application, Principal, Reader};
pub use domain::application::Shown;
use domain::application::{Action, Actor, Refusal, Status};
use domain::localized::Lang;
use domain::region::RegionRules;
use domain::views::{ApplicationPage, ApplicationSummary, HistoryEntry, MessageView};

use crate::store::{AttachmentFile, DbApplication};
use crate::{Db, Error, Portal, Result};

/// Most applications a list shows.
const LIST_LIMIT: i64 = 500;

fn summary(row: &DbApplication, title: String, rules: &RegionRules) -> Result<ApplicationSummary> {
    Ok(ApplicationSummary {
        id: row.id.clone(),
        number: row.number.clone(),
        service_code: row.service_code.clone(),
        service_title: title,
        status: row.status()?,
        updated_at: rules.local_time(row.updated_at),
        deadline: row.deadline.clone(),
    })
}

/// `who`'s applications that `shown` selects, the latest change first.
pub async fn my_applications(p: &Portal, who: &Principal, shown: Shown, lang: Lang) -> Result<Vec<ApplicationSummary>> {
    let rows = p.db.applications_of(who.person_id, &shown.statuses(), LIST_LIMIT).await?;
    let rules = p.rules().await?;
    let catalog = p.db.catalog(lang).await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in &rows {
        let title = catalog.service_title(&row.service_code).await?.unwrap_or_else(|| row.service_code.clone());
        list.push(summary(row, title, &rules)?);
    }
    Ok(list)
}

/// Application `id` whole, for its applicant `who`.
pub async fn application_page(p: &Portal, who: &Principal, id: &str, lang: Lang) -> Result<ApplicationPage> {
    let row = p.db.own_application(who.person_id, id).await?;
    let page = page_of(&p.db, &row, lang, &p.rules().await?).await?;
    Ok(ApplicationPage { status_code: row.status_code.as_deref().map(domain::status_check::display_code), ..page })
}

/// The page of an application row, whoever was allowed to read it.
pub(crate) async fn page_of(db: &Db, row: &DbApplication, lang: Lang, rules: &RegionRules) -> Result<ApplicationPage> {
    let status = row.status()?;
    let schema = db.form_version(&row.service_code, row.form_version).await?.ok_or_else(|| Error::Corrupt("form of an application is missing".into()))?;
    let catalog = db.catalog(lang).await?;
    let title = catalog.service_title(&row.service_code).await?.unwrap_or_else(|| row.service_code.clone());
    let department = catalog.department_names().await?.remove(&row.department_code).unwrap_or_else(|| row.department_code.clone());
    let history = db
        .events_of(&row.id)
        .await?
        .into_iter()
        .map(|e| {
            Ok(HistoryEntry {
                at: rules.local_time(e.at),
                action: Action::parse(&e.action).ok_or_else(|| Error::Corrupt(format!("action {:?}", e.action)))?,
                actor: Actor::parse(&e.actor).ok_or_else(|| Error::Corrupt(format!("actor {:?}", e.actor)))?,
                by: e.family_name.map(|f| domain::identity::full_name(f, e.given_name, e.middle_name)),
                status: Status::parse(&e.status).ok_or_else(|| Error::Corrupt(format!("status {:?}", e.status)))?,
                note: e.note,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let attachments = db.attachment_rows(&row.id).await?;
    let messages = db
        .messages_of(&row.id)
        .await?
        .into_iter()
        .map(|m| MessageView {
            at: rules.local_time(m.at),
            from_clerk: m.author == "clerk",
            body: m.body,
            missing: m.missing.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default(),
            files: attachments.iter().filter(|a| a.message_id == Some(m.id)).map(|a| a.view()).collect(),
        })
        .collect();
    Ok(ApplicationPage {
        summary: summary(row, title, rules)?,
        department,
        origin: row.origin()?,
        registered_at: row.submitted_at.map(|at| rules.local_time(at)),
        schema,
        data: row.form_data()?,
        federal_answers: row.federal_answers()?,
        files: attachments.iter().filter(|a| a.kind == "form").map(|a| a.view()).collect(),
        history,
        messages,
        results: attachments.iter().filter(|a| a.kind == "result").map(|a| a.view()).collect(),
        can_withdraw: status.apply(Action::Withdraw, Actor::Applicant).is_ok(),
        can_reply: status == Status::AwaitingApplicant,
        status_code: None,
    })
}

/// File `file` of application `id` for `who`: its applicant, or its department's staff (the
/// opening is written to the personal-data trail first); anyone else is told there is none.
pub async fn attachment(p: &Portal, who: &Principal, id: &str, file: &str) -> Result<AttachmentFile> {
    let not_found = || Error::Refused(Refusal::NotFound);
    let (applicant_id, department, draft) = p.db.application_access(id).await?.ok_or_else(not_found)?;
    let reader = may_read_application(who, applicant_id, &department, draft).ok_or_else(not_found)?;
    let found = p.db.attachment_file(id, file).await?.ok_or_else(not_found)?;
    if reader == Reader::Staff {
        p.db.record_personal_data_access(who.person_id, id, &format!("file:{file}"), p.now()).await?;
    }
    Ok(found)
}
