//! The inbox poller: applications filed on the federal portal for this region's services. Each
//! message is checked (signature by the federal JWKS, shape, region, service), stored once — the
//! message id is the deduplication key — as a registered application in the service's
//! department queue marked as filed on the federal portal, and acknowledged through the outbox in
//! the same transaction, ahead of its status events. A message that fails a check is rejected
//! with a logged reason and nothing stored.

use domain::application::{Action, Actor, Status};
use domain::dates::format_date;
use domain::federation::{Ack, InboundApplication, Outgoing};
use domain::identity::{AssuranceLevel, Profile, Snils};

use super::client::FederalClient;
use super::signing::JwsProblem;
use crate::applications::changes;
use crate::outbox::Message;
use crate::store::{Change, FederalApplication};
use crate::{Db, Error, Result};
use domain::region::RegionRules;

/// What one poll did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Poll {
    /// New applications stored.
    pub stored: usize,
    /// Messages already stored (re-deliveries).
    pub duplicates: usize,
    /// Messages refused.
    pub rejected: usize,
}

/// Why a message is refused.
struct Rejection(String);

/// Fetches the inbox once and takes in what it holds. Fails (to be tried again) when the federal
/// side or its keys cannot be reached, or the database fails.
pub async fn poll_inbox(db: &Db, client: &FederalClient, rules: &RegionRules, now: i64) -> std::result::Result<Poll, String> {
    let inbox = client.inbox().await?;
    let mut poll = Poll::default();
    for envelope in inbox.messages {
        if db.inbound_seen(&envelope.message_id).await.map_err(|e| e.to_string())? {
            poll.duplicates += 1;
            continue;
        }
        let message = match client.keys().verify(&envelope.jws).await {
            Err(JwsProblem::Unavailable(e)) => return Err(e),
            Err(JwsProblem::Invalid(why)) => Err(Rejection(format!("bad signature: {why}"))),
            Ok(payload) => serde_json::from_slice::<InboundApplication>(&payload).map_err(|e| Rejection(format!("malformed message: {e}"))),
        };
        let checked = match message {
            Ok(m) if m.message_id != envelope.message_id => Err(Rejection("the signed message id differs from the envelope's".into())),
            Ok(m) if m.region != client.settings().region => Err(Rejection(format!("the message is for region {}", m.region))),
            other => other,
        };
        let stored = match checked {
            Ok(message) => store(db, &message, rules, now).await.map_err(|e| e.to_string())?,
            Err(rejection) => Stored::Rejected(rejection),
        };
        match stored {
            Stored::New => poll.stored += 1,
            Stored::Duplicate => poll.duplicates += 1,
            Stored::Rejected(Rejection(reason)) => {
                poll.rejected += 1;
                tracing::warn!(message = %envelope.message_id, %reason, "inbox message rejected; nothing stored");
                // Tell the federal side so it stops offering it; if this is lost, the next
                // poll rejects it again.
                let ack = Outgoing::Ack { inbox_message_id: envelope.message_id.clone(), ack: Ack::Rejected { reason } };
                match client.send(&ack).await {
                    crate::outbox::Attempt::Delivered => {}
                    crate::outbox::Attempt::Retry(e) | crate::outbox::Attempt::Permanent(e) => {
                        tracing::info!(message = %envelope.message_id, error = %e, "the rejection was not delivered; the next poll rejects it again");
                    }
                }
            }
        }
    }
    Ok(poll)
}

enum Stored {
    New,
    Duplicate,
    Rejected(Rejection),
}

/// Stores `m` as a registered application, unless stored before.
async fn store(db: &Db, m: &InboundApplication, rules: &RegionRules, now: i64) -> Result<Stored> {
    let Some(entry) = db.service_entry(&m.service_code).await? else {
        return Ok(Stored::Rejected(Rejection(format!("unknown service {}", m.service_code))));
    };
    let Some(form_version) = db.published_form_version(&m.service_code).await? else {
        return Ok(Stored::Rejected(Rejection(format!("service {} is not offered online", m.service_code))));
    };
    let a = &m.applicant;
    let snils = match a.snils.as_deref().map(Snils::parse).transpose() {
        Ok(s) => s,
        Err(_) => return Ok(Stored::Rejected(Rejection("the applicant's SNILS is not valid".into()))),
    };
    let profile = Profile {
        family_name: a.family_name.clone(),
        given_name: a.given_name.clone(),
        middle_name: a.middle_name.clone(),
        snils,
        birthdate: a.birthdate.clone(),
        email: a.email.clone(),
        phone: a.phone.clone(),
        assurance: AssuranceLevel::parse(&a.assurance).unwrap_or(AssuranceLevel::Simplified),
    };
    // The person is the same federal account that logs in here: found by the subject, created
    // when new, never changed by a message.
    let person_id = db.person_named_by_message(&a.subject, &profile, now).await?;
    let id = uuid::Uuid::new_v4().to_string();
    let today = rules.today(now);
    let deadline = format_date(rules.calendar.add_working_days(today, u32::from(entry.term_days)));
    let submitted = Change::new(&id, Status::Draft, Action::Submit, Actor::Applicant, Some(person_id), None, now)?;
    let registered = Change::new(&id, Status::Submitted, Action::Register, Actor::System, None, None, now)?;
    let form = serde_json::to_string(&m.form).map_err(|e| Error::Corrupt(e.to_string()))?;
    let name = profile.full_name();
    let mut tx = db.begin().await?;
    if !tx.record_inbound(&m.message_id, &m.federal_id, &id, now).await? {
        return Ok(Stored::Duplicate);
    }
    tx.insert_federal_application(&FederalApplication {
        id: &id,
        service_code: &m.service_code,
        department_code: &entry.department,
        form_version,
        applicant_id: person_id,
        applicant_name: &name,
        applicant_key: &domain::office::name_key(&name),
        status: registered.to,
        submitted_at: now,
        deadline: &deadline,
        federal_form: &form,
    })
    .await?;
    // The acknowledgement goes out before the application's first status events.
    let ack = |number: &str| {
        let ack = Outgoing::Ack {
            inbox_message_id: m.message_id.clone(),
            ack: Ack::Accepted { application_id: id.clone(), number: number.to_owned(), department_code: entry.department.clone() },
        };
        Message::Federal(ack).row(id.clone(), format!("{id}:accept"))
    };
    let number = changes::write_first(&mut tx, &[&submitted, &registered], (&rules.number_prefix, today.year()), ack).await?;
    tx.commit().await?;
    tracing::info!(application = %id, %number, federal_message = %m.message_id, "application from the federal portal registered");
    Ok(Stored::New)
}

/// Polls the inbox every `every` for ever; failures are logged and the next poll tries again.
pub async fn run(db: Db, client: FederalClient, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let rules = match db.region_rules().await {
            Ok(Some(rules)) => rules,
            Ok(None) => continue,
            Err(e) => {
                tracing::warn!(error = %e, "inbox poll skipped: the database is unavailable");
                continue;
            }
        };
        match poll_inbox(&db, &client, &rules, crate::clock::now_ms()).await {
            Ok(p) if p.stored + p.rejected > 0 => tracing::info!(stored = p.stored, duplicates = p.duplicates, rejected = p.rejected, "federal inbox polled"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "federal inbox poll failed; will retry"),
        }
    }
}

/// This region's services one can apply for online, with their titles in `lang`: what the
/// federal side may offer.
pub async fn offered_services(db: &Db, lang: &domain::localized::Lang) -> Result<Vec<(String, String)>> {
    Ok(db.online_services().await?.into_iter().map(|(code, entry)| (code, entry.title.get(lang, lang).to_owned())).collect())
}
