//! From `notify` outbox rows to notifications and emails: which event, who hears of it, in which
//! language, with which link.

use std::time::Duration;

use domain::application::{Action, Status};
use domain::localized::Lang;
use domain::notify::{Audience, Kind};
use serde_json::Value;

use super::templates::{render, EmailVars};
use super::{TOPIC_EMAIL, TOPIC_NOTIFY};
use crate::db::{with_pool, with_writer};
use crate::federation::outbox::{Claimed, RetryPolicy};
use crate::region_rules::RegionRules;
use crate::{clock, Db, Error, Result};

/// What the fan-out needs to know of the portal.
#[derive(Debug, Clone)]
pub struct FanoutSettings {
    /// The portal's address as people reach it, for links in emails.
    pub public_url: String,
    /// Emails are queued only when mail is configured.
    pub email: bool,
}

/// An event worth telling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// What happened.
    pub kind: Kind,
    /// The application it is about.
    pub application_id: Option<String>,
}

/// The event a `notify` payload describes, if it is one that tells anybody.
pub fn event_of(payload: &str) -> Option<Event> {
    let v: Value = serde_json::from_str(payload).ok()?;
    let application_id = v["application_id"].as_str().map(str::to_owned);
    let kind = match v["type"].as_str() {
        Some("deadline") => match v["urgency"].as_str()? {
            "near" => Kind::DeadlineNear,
            _ => Kind::DeadlineOverdue,
        },
        Some("federal_failing") => Kind::FederalFailing,
        _ => Kind::of_change(Action::parse(v["action"].as_str()?)?, Status::parse(v["status"].as_str()?)?)?,
    };
    Some(Event { kind, application_id })
}

/// A person to tell.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    /// Their id.
    pub person_id: i64,
    /// Their address from the federal profile.
    pub email: Option<String>,
    /// Their last chosen portal language.
    pub lang: Option<String>,
    /// Given and middle name, for the greeting.
    pub given_name: String,
    pub middle_name: Option<String>,
}

/// The application's number, service and department, for texts and recipients.
#[derive(Debug, Clone, sqlx::FromRow)]
struct About {
    number: Option<String>,
    service_code: String,
    department_code: String,
    applicant_id: i64,
    assignee_id: Option<i64>,
    status: String,
}

const PERSON: &str = "SELECT p.id AS person_id, p.email, p.lang, p.given_name, p.middle_name FROM persons p";

impl Db {
    async fn recipients(&self, audience: Audience, about: Option<&About>) -> Result<Vec<Recipient>> {
        let rows: Vec<Recipient> = match (audience, about) {
            (Audience::Applicant, Some(a)) => with_pool!(self, |p| sqlx::query_as(&format!("{PERSON} WHERE p.id = $1")).bind(a.applicant_id).fetch_all(p).await?),
            (Audience::Assignee, Some(a)) => match a.assignee_id {
                Some(id) => with_pool!(self, |p| sqlx::query_as(&format!("{PERSON} WHERE p.id = $1")).bind(id).fetch_all(p).await?),
                None => Vec::new(),
            },
            // The clerk working on it, or every clerk of the department when nobody is; and the heads.
            (Audience::Department, Some(a)) => with_pool!(self, |p| sqlx::query_as(&format!(
                "{PERSON} WHERE p.id = $1 OR p.snils IN (SELECT snils FROM staff_roles WHERE department_code = $2 \
                 AND (role = 'head' OR (role = 'clerk' AND $1 IS NULL))) ORDER BY p.id"
            ))
            .bind(a.assignee_id)
            .bind(&a.department_code)
            .fetch_all(p)
            .await?),
            (Audience::Operators, _) => with_pool!(self, |p| sqlx::query_as(&format!(
                "{PERSON} WHERE p.snils IN (SELECT snils FROM staff_roles WHERE role = 'operator') ORDER BY p.id"
            ))
            .fetch_all(p)
            .await?),
            (_, None) => Vec::new(),
        };
        Ok(rows)
    }

    async fn about(&self, application_id: &str) -> Result<Option<About>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT number, service_code, department_code, applicant_id, assignee_id, status FROM applications WHERE id = $1"
        )
        .bind(application_id)
        .fetch_optional(p)
        .await?))
    }

    /// Kinds person `id` turned email off for.
    pub(crate) async fn email_off(&self, person_id: i64) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = with_pool!(self, |p| sqlx::query_as("SELECT kind FROM notification_settings WHERE person_id = $1 AND NOT email")
            .bind(person_id)
            .fetch_all(p)
            .await?);
        Ok(rows.into_iter().map(|(k,)| k).collect())
    }
}

/// Where a notification of `kind` about `application_id` leads (a path of the portal).
pub fn link_of(kind: Kind, application_id: Option<&str>) -> String {
    match (kind.audience(), application_id) {
        (Audience::Operators, _) | (_, None) => "/admin/federation".to_owned(),
        (Audience::Applicant, Some(id)) => format!("/applications/{id}"),
        (_, Some(id)) => format!("/office/applications/{id}"),
    }
}

/// The recipient part of an email's message id (`{event}:{person}`).
fn person_id_of(message_id: &str) -> &str {
    message_id.rsplit(':').next().unwrap_or_default()
}

/// Tells everyone `row` concerns, in one transaction; nothing new if told before.
async fn tell(db: &Db, row: &Claimed, rules: &RegionRules, settings: &FanoutSettings, now: i64) -> Result<usize> {
    let Some(event) = event_of(&row.payload) else { return Ok(0) };
    let about = match &event.application_id {
        Some(id) => db.about(id).await?,
        None => None,
    };
    if event.application_id.is_some() && about.is_none() {
        return Ok(0);
    }
    let recipients = db.recipients(event.kind.audience(), about.as_ref()).await?;
    let number = about.as_ref().and_then(|a| a.number.clone());
    let link = link_of(event.kind, event.application_id.as_deref());
    let mut emails = Vec::new();
    if settings.email {
        let catalog_title = match &about {
            Some(a) => db.service_entry(&a.service_code).await?.map(|e| e.title),
            None => None,
        };
        for r in &recipients {
            let Some(address) = r.email.as_deref().filter(|e| e.contains('@')) else { continue };
            if db.email_off(r.person_id).await?.iter().any(|k| k == event.kind.as_str()) {
                continue;
            }
            let lang = r.lang.as_deref().and_then(|l| Lang::parse(l).ok()).unwrap_or_else(|| rules.default_locale.clone());
            let vars = EmailVars {
                name: [Some(r.given_name.as_str()), r.middle_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" "),
                region: rules.name.get(&lang, &rules.default_locale).to_owned(),
                number: number.clone().unwrap_or_default(),
                service: catalog_title.as_ref().map(|t| t.get(&lang, &rules.default_locale).to_owned()).unwrap_or_default(),
                refused: about.as_ref().is_some_and(|a| a.status == Status::Refused.as_str()),
                link: format!("{}{link}", settings.public_url),
                colour: rules.colour.clone(),
            };
            let message_id = format!("{}:{}", row.message_id, r.person_id);
            let email = render(event.kind, &lang, &vars, address, &message_id)?;
            emails.push((message_id, serde_json::to_string(&email).map_err(|e| Error::Corrupt(e.to_string()))?));
        }
    }
    with_writer!(db, |p| {
        let mut tx = p.begin().await?;
        for r in &recipients {
            sqlx::query(
                "INSERT INTO notifications (person_id, event_key, kind, application_id, number, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (person_id, event_key) DO NOTHING",
            )
            .bind(r.person_id)
            .bind(&row.message_id)
            .bind(event.kind.as_str())
            .bind(&event.application_id)
            .bind(&number)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        for (message_id, payload) in &emails {
            sqlx::query(
                "INSERT INTO outbox (topic, ordering_key, message_id, payload, created_at, available_at) VALUES ($1, $2, $3, $4, $5, $5) \
                 ON CONFLICT (message_id) DO NOTHING",
            )
            .bind(TOPIC_EMAIL)
            // Each person's emails about one application go out in order; one person's refused
            // address holds back nobody else's.
            .bind(format!("{}:{}", row.ordering_key, person_id_of(message_id)))
            .bind(message_id)
            .bind(payload)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    });
    Ok(recipients.len())
}

/// A federal message waiting longer than this means delivery is failing "for long".
pub const FEDERAL_TROUBLE_AFTER_MS: i64 = 30 * 60_000;

/// Tells the operators (at most once a day) when messages to the federal portal are parked or
/// have waited longer than [`FEDERAL_TROUBLE_AFTER_MS`]. Returns whether it queued a warning.
pub async fn warn_federal_trouble(db: &Db, now: i64) -> Result<bool> {
    let c = db.outbox_counts(crate::federation::TOPIC).await?;
    let stuck = c.oldest_pending_at.is_some_and(|at| now - at > FEDERAL_TROUBLE_AFTER_MS);
    if c.failed == 0 && !stuck {
        return Ok(false);
    }
    let day = now / 86_400_000;
    let payload = serde_json::json!({ "type": "federal_failing", "failed": c.failed, "pending": c.pending }).to_string();
    let queued = with_writer!(db, |p| sqlx::query(
        "INSERT INTO outbox (topic, ordering_key, message_id, payload, created_at, available_at) VALUES ($1, 'federal-failing', $2, $3, $4, $4) \
         ON CONFLICT (message_id) DO NOTHING"
    )
    .bind(TOPIC_NOTIFY)
    .bind(format!("federal-failing:{day}"))
    .bind(payload)
    .bind(now)
    .execute(p)
    .await?
    .rows_affected());
    Ok(queued == 1)
}

/// One round: claims `notify` rows and tells everyone they concern. Returns rows handled.
pub async fn fanout_round(db: &Db, settings: &FanoutSettings, worker: &str) -> Result<usize> {
    let now = clock::now_ms();
    let rows = db.claim_outbox(TOPIC_NOTIFY, worker, now, 60_000, 100).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let Some(rules) = db.region_rules().await? else { return Ok(0) };
    let mut done = Vec::new();
    let policy = RetryPolicy { max_attempts: 20, base_ms: 1_000, max_ms: 600_000 };
    for row in &rows {
        match tell(db, row, &rules, settings, now).await {
            Ok(_) => done.push(row.id),
            Err(e) => {
                tracing::warn!(message = %row.message_id, error = %e, "notification not made yet");
                db.outbox_failed(row, worker, &e.to_string(), false, &policy, now).await?;
            }
        }
    }
    db.outbox_delivered(&done, clock::now_ms()).await?;
    Ok(rows.len())
}

/// Fans out for ever, resting half a second when there is nothing to do.
pub async fn run(db: Db, settings: FanoutSettings, worker: String) {
    loop {
        match fanout_round(&db, &settings, &worker).await {
            Ok(n) if n > 0 => {}
            Ok(_) => tokio::time::sleep(Duration::from_millis(500)).await,
            Err(e) => {
                tracing::warn!(error = %e, "notification round failed; retrying");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_name_their_events() {
        let change = r#"{"application_id":"a","seq":2,"action":"register","status":"registered","actor":"system","actor_id":null}"#;
        assert_eq!(event_of(change), Some(Event { kind: Kind::Registered, application_id: Some("a".into()) }));
        let quiet = r#"{"application_id":"a","seq":3,"action":"take","status":"in_review","actor":"clerk","actor_id":5}"#;
        assert_eq!(event_of(quiet), None);
        let deadline = r#"{"type":"deadline","application_id":"a","urgency":"overdue","deadline":"2026-12-01"}"#;
        assert_eq!(event_of(deadline).map(|e| e.kind), Some(Kind::DeadlineOverdue));
        assert_eq!(event_of(r#"{"type":"federal_failing","failed":3}"#).map(|e| e.kind), Some(Kind::FederalFailing));
        assert_eq!(event_of("not json"), None);
    }

    #[test]
    fn links_lead_each_audience_to_its_page() {
        assert_eq!(link_of(Kind::Decided, Some("x")), "/applications/x");
        assert_eq!(link_of(Kind::Replied, Some("x")), "/office/applications/x");
        assert_eq!(link_of(Kind::FederalFailing, None), "/admin/federation");
    }
}
