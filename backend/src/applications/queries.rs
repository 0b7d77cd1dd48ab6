//! What an applicant reads: their applications, and one application whole.

pub use domain::application::Shown;
use domain::application::{Action, Actor, Status};
use domain::views::{ApplicationPage, ApplicationSummary, HistoryEntry, MessageView};
use domain::localized::Lang;

use super::rows::{DbApplication, APPLICATION_COLUMNS};
use crate::db::with_pool;
use crate::region_rules::RegionRules;
use crate::{Db, Error, Result};

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

/// `person_id`'s applications that `shown` selects, the latest change first.
pub async fn my_applications(db: &Db, person_id: i64, shown: Shown, lang: Lang, rules: &RegionRules) -> Result<Vec<ApplicationSummary>> {
    let statuses: Vec<&str> = shown.statuses().into_iter().map(Status::as_str).collect();
    let placeholders: Vec<String> = (0..statuses.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT {APPLICATION_COLUMNS} FROM applications WHERE applicant_id = $1 AND status IN ({}) ORDER BY updated_at DESC, id LIMIT {LIST_LIMIT}",
        placeholders.join(", ")
    );
    let rows: Vec<DbApplication> = with_pool!(db, |p| {
        let mut q = sqlx::query_as(&sql).bind(person_id);
        for s in &statuses {
            q = q.bind(*s);
        }
        q.fetch_all(p).await?
    });
    let catalog = db.catalog(lang).await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in &rows {
        let title = catalog.service_title(&row.service_code).await?.unwrap_or_else(|| row.service_code.clone());
        list.push(summary(row, title, rules)?);
    }
    Ok(list)
}

#[derive(sqlx::FromRow)]
struct DbEvent {
    at: i64,
    actor: String,
    family_name: Option<String>,
    given_name: Option<String>,
    middle_name: Option<String>,
    action: String,
    status: String,
    note: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DbMessage {
    id: i64,
    at: i64,
    author: String,
    body: String,
    missing: Option<String>,
}

/// Application `id` whole, for its applicant `person_id`.
pub async fn application_page(db: &Db, person_id: i64, id: &str, lang: Lang, rules: &RegionRules) -> Result<ApplicationPage> {
    let row = db.own_application(person_id, id).await?;
    page_of(db, &row, lang, rules).await
}

/// The page of an application row, whoever was allowed to read it.
pub(crate) async fn page_of(db: &Db, row: &DbApplication, lang: Lang, rules: &RegionRules) -> Result<ApplicationPage> {
    let status = row.status()?;
    let schema = db.form_version(&row.service_code, row.form_version).await?.ok_or_else(|| Error::Corrupt("form of an application is missing".into()))?;
    let catalog = db.catalog(lang).await?;
    let title = catalog.service_title(&row.service_code).await?.unwrap_or_else(|| row.service_code.clone());
    let department = catalog.department_names().await?.remove(&row.department_code).unwrap_or_else(|| row.department_code.clone());
    let events: Vec<DbEvent> = with_pool!(db, |p| sqlx::query_as(
        "SELECT e.at, e.actor, p.family_name, p.given_name, p.middle_name, e.action, e.status, e.note FROM application_events e \
         LEFT JOIN persons p ON p.id = e.actor_id AND e.actor = 'clerk' WHERE e.application_id = $1 ORDER BY e.id"
    )
    .bind(&row.id)
    .fetch_all(p)
    .await?);
    let history = events
        .into_iter()
        .map(|e| {
            Ok(HistoryEntry {
                at: rules.local_time(e.at),
                action: Action::parse(&e.action).ok_or_else(|| Error::Corrupt(format!("action {:?}", e.action)))?,
                actor: Actor::parse(&e.actor).ok_or_else(|| Error::Corrupt(format!("actor {:?}", e.actor)))?,
                by: e.family_name.map(|f| [Some(f), e.given_name, e.middle_name].into_iter().flatten().collect::<Vec<_>>().join(" ")),
                status: Status::parse(&e.status).ok_or_else(|| Error::Corrupt(format!("status {:?}", e.status)))?,
                note: e.note,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let attachments = db.attachment_rows(&row.id).await?;
    let messages: Vec<DbMessage> = with_pool!(db, |p| sqlx::query_as(
        "SELECT id, at, author, body, missing FROM messages WHERE application_id = $1 ORDER BY id"
    )
    .bind(&row.id)
    .fetch_all(p)
    .await?);
    let messages = messages
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
    })
}
