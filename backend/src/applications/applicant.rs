//! What an applicant does after submission: withdraw before a decision, and answer the clerk.

use domain::access::Principal;
use domain::application::{Action, Actor, IllegalTransition, Refusal, UploadProblem};
use domain::office::extend_deadline_text;

use super::attachments::{record, Limits, Received};
use super::changes;
use crate::store::Change;
use crate::{Error, Portal, Result};

/// Withdraws `who`'s application `id`, allowed only before a decision.
pub async fn withdraw(p: &Portal, who: &Principal, id: &str) -> Result<()> {
    let row = p.db.own_application(who.person_id, id).await?;
    let change = Change::new(id, row.status()?, Action::Withdraw, Actor::Applicant, Some(who.person_id), None, p.now())?;
    let mut tx = p.db.begin().await?;
    if !changes::write(&mut tx, &change).await? {
        // The clerk decided in the meantime.
        drop(tx);
        let from = p.db.own_application(who.person_id, id).await?.status()?;
        return Err(Error::Refused(Refusal::Transition(IllegalTransition { from, action: Action::Withdraw, actor: Actor::Applicant })));
    }
    tx.commit().await
}

/// Most files with one message.
pub const MAX_MESSAGE_FILES: usize = 10;
/// Longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 5000;

/// What each file with a message must be.
pub fn message_file_limits() -> Limits {
    use domain::forms::FileFormat;
    Limits { max_bytes: 10 * 1024 * 1024, formats: vec![FileFormat::Pdf, FileFormat::Jpeg, FileFormat::Png, FileFormat::Odt, FileFormat::Docx] }
}

/// Refuses, before anything of the reply is read, unless application `id` is `who`'s and waits
/// for their answer.
pub async fn may_reply(p: &Portal, who: &Principal, id: &str) -> Result<()> {
    let row = p.db.own_application(who.person_id, id).await?;
    let from = row.status()?;
    from.apply(Action::Reply, Actor::Applicant)
        .map(|_| ())
        .map_err(|_| Error::Refused(Refusal::Transition(IllegalTransition { from, action: Action::Reply, actor: Actor::Applicant })))
}

/// Answers the clerk's request on `who`'s application `id` with `body` and the files already
/// received (see [`receive`](super::attachments::receive) with [`message_file_limits`]); the
/// application goes back to the clerk, and where the service's clock stopped while it waited, its
/// deadline moves by the working days it waited. Refused, the received files are deleted.
pub async fn reply(p: &Portal, who: &Principal, id: &str, body: &str, received: Vec<Received>) -> Result<()> {
    match write_reply(p, who, id, body, &received).await {
        Ok(message_id) => {
            for r in received {
                record(&p.db, id, "message", None, Some(message_id), r, p.now()).await?;
            }
            Ok(())
        }
        Err(e) => {
            for r in received {
                r.discard().await;
            }
            Err(e)
        }
    }
}

async fn write_reply(p: &Portal, who: &Principal, id: &str, body: &str, received: &[Received]) -> Result<i64> {
    let now = p.now();
    let row = p.db.own_application(who.person_id, id).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(Error::Refused(Refusal::EmptyMessage));
    }
    if body.chars().count() > MAX_MESSAGE_CHARS {
        return Err(Error::Refused(Refusal::TooMuch));
    }
    if received.len() > MAX_MESSAGE_FILES {
        return Err(Error::Refused(Refusal::Upload { problem: UploadProblem::TooMany { max: MAX_MESSAGE_FILES as u32 } }));
    }
    let from = row.status()?;
    let change = Change::new(id, from, Action::Reply, Actor::Applicant, Some(who.person_id), Some(body.chars().take(200).collect()), now)?;
    let pauses = p.db.service_terms(&row.service_code).await?.is_some_and(|t| t.pause_while_awaiting);
    let rules = p.rules().await?;
    let deadline = match (pauses, row.awaiting_since, &row.deadline) {
        (true, Some(asked), Some(deadline)) => Some(extend_deadline_text(&rules.calendar, deadline, rules.today(asked), rules.today(now))),
        _ => row.deadline.clone(),
    };
    let mut tx = p.db.begin().await?;
    if !changes::write(&mut tx, &change).await? {
        return Err(Error::Refused(Refusal::Transition(IllegalTransition { from, action: Action::Reply, actor: Actor::Applicant })));
    }
    tx.answered(id, deadline.as_deref()).await?;
    let message_id = tx.insert_message(id, Actor::Applicant, who.person_id, body, None, now).await?;
    tx.commit().await?;
    Ok(message_id)
}
