//! From `notify` outbox rows to notifications and emails: which event, who hears of it, in which
//! language, with which link.

use std::time::Duration;

use domain::application::Status;
use domain::localized::Lang;
use domain::notify::{Audience, Kind};

use super::templates::{render, EmailVars};
use crate::outbox::{self, Attempt, Claimed, Claiming, Message, Notice, RetryPolicy, Round, Topic};
use crate::store::About;
use crate::{clock, Db, Result};
use domain::region::RegionRules;

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

/// The event a notice describes, if it is one that tells anybody.
pub fn event_of(notice: &Notice) -> Option<Event> {
    match notice {
        Notice::StatusChanged { application_id, action, status, .. } => {
            Some(Event { kind: Kind::of_change(*action, *status)?, application_id: Some(application_id.clone()) })
        }
        Notice::Deadline { application_id, urgency, .. } => {
            let kind = if urgency == "near" { Kind::DeadlineNear } else { Kind::DeadlineOverdue };
            Some(Event { kind, application_id: Some(application_id.clone()) })
        }
        Notice::FederalFailing { .. } => Some(Event { kind: Kind::FederalFailing, application_id: None }),
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

/// Tells everyone `row`'s notice (about application `about`, when it names one) concerns, in one
/// transaction; nothing new if told before.
async fn tell(db: &Db, row: &Claimed, notice: &Notice, about: Option<&About>, rules: &RegionRules, settings: &FanoutSettings, now: i64) -> Result<usize> {
    let Some(event) = event_of(notice) else { return Ok(0) };
    if event.application_id.is_some() && about.is_none() {
        return Ok(0);
    }
    let recipients = db.recipients(event.kind.audience(), about).await?;
    let number = about.and_then(|a| a.number.clone());
    let link = link_of(event.kind, event.application_id.as_deref());
    let mut emails = Vec::new();
    if settings.email {
        let catalog_title = match about {
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
                refused: about.is_some_and(|a| a.status == Status::Refused.as_str()),
                link: format!("{}{link}", settings.public_url),
                colour: rules.colour.clone(),
            };
            let message_id = format!("{}:{}", row.message_id, r.person_id);
            let email = render(event.kind, &lang, &vars, address, &message_id)?;
            // Each person's emails about one application go out in order; one person's refused
            // address holds back nobody else's.
            emails.push(Message::Email(email).row(format!("{}:{}", row.ordering_key, r.person_id), message_id));
        }
    }
    let people: Vec<i64> = recipients.iter().map(|r| r.person_id).collect();
    let mut tx = db.begin().await?;
    tx.notify(&people, &row.message_id, event.kind, event.application_id.as_deref(), number.as_deref(), now).await?;
    tx.enqueue_once(&emails, now).await?;
    tx.commit().await?;
    Ok(recipients.len())
}

/// A federal message waiting longer than this means delivery is failing "for long".
pub const FEDERAL_TROUBLE_AFTER_MS: i64 = 30 * 60_000;

/// Tells the operators (at most once a day) when messages to the federal portal are parked or
/// have waited longer than [`FEDERAL_TROUBLE_AFTER_MS`]. Returns whether it queued a warning.
pub async fn warn_federal_trouble(db: &Db, now: i64) -> Result<bool> {
    let c = db.outbox_counts(Topic::Federal.as_str()).await?;
    let stuck = c.oldest_pending_at.is_some_and(|at| now - at > FEDERAL_TROUBLE_AFTER_MS);
    if c.failed == 0 && !stuck {
        return Ok(false);
    }
    let day = now / clock::DAY_MS;
    let notice = Message::Notice(Notice::FederalFailing { failed: c.failed, pending: c.pending });
    let mut tx = db.begin().await?;
    let queued = tx.enqueue_once(&[notice.row("federal-failing", format!("federal-failing:{day}"))], now).await?;
    tx.commit().await?;
    Ok(queued == 1)
}

/// How the fan-out claims and retries.
const CLAIMING: Claiming = Claiming { lease_ms: 60_000, batch: 100, concurrency: 1, retry: RetryPolicy { max_attempts: 20, base_ms: 1_000, max_ms: 600_000 } };

/// One round: claims `notify` rows, queues their webhook deliveries and tells everyone they
/// concern.
pub async fn fanout_round(db: &Db, settings: &FanoutSettings, worker: &str) -> Result<Round> {
    let Some(rules) = db.region_rules().await? else { return Ok(Round::default()) };
    let rules = &rules;
    outbox::round(db, Topic::Notify, worker, &CLAIMING, |row| async move {
        let Message::Notice(notice) = &row.message else { return Attempt::Permanent(format!("not a notice: {:?}", row.message)) };
        let now = clock::now_ms();
        // Departments' systems first: a notice told to people but not to them would be retried
        // whole, and neither queues anything twice.
        let told = async {
            let about = match notice.application_id() {
                Some(id) => db.about(id).await?,
                None => None,
            };
            crate::webhooks::queue(db, &row, notice, about.as_ref(), now).await?;
            tell(db, &row, notice, about.as_ref(), rules, settings, now).await
        };
        match told.await {
            Ok(_) => Attempt::Delivered,
            Err(e) => {
                tracing::warn!(message = %row.message_id, error = %e, "notification not made yet");
                Attempt::Retry(e.to_string())
            }
        }
    })
    .await
}

/// Fans out for ever, resting half a second when there is nothing to do.
pub async fn run(db: Db, settings: FanoutSettings, worker: String) {
    loop {
        match fanout_round(&db, &settings, &worker).await {
            Ok(round) if round.claimed > 0 => {}
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
    fn notices_name_their_events() {
        use domain::application::{Action, Actor};
        let change = |action, status| Notice::StatusChanged { application_id: "a".into(), seq: 2, action, status, actor: Actor::System, actor_id: None };
        assert_eq!(event_of(&change(Action::Register, Status::Registered)), Some(Event { kind: Kind::Registered, application_id: Some("a".into()) }));
        assert_eq!(event_of(&change(Action::Take, Status::InReview)), None, "taking into work tells nobody");
        let deadline = Notice::Deadline { application_id: "a".into(), urgency: "overdue".into(), deadline: "2026-12-01".into() };
        assert_eq!(event_of(&deadline).map(|e| e.kind), Some(Kind::DeadlineOverdue));
        assert_eq!(event_of(&Notice::FederalFailing { failed: 3, pending: 0 }).map(|e| e.kind), Some(Kind::FederalFailing));
    }

    #[test]
    fn links_lead_each_audience_to_its_page() {
        assert_eq!(link_of(Kind::Decided, Some("x")), "/applications/x");
        assert_eq!(link_of(Kind::Replied, Some("x")), "/office/applications/x");
        assert_eq!(link_of(Kind::FederalFailing, None), "/admin/federation");
    }
}
