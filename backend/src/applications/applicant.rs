//! What an applicant does after submission: withdraw before a decision, and answer the clerk.

use domain::application::{Action, Actor, Refusal, UploadProblem};
use domain::office::extend_deadline_text;

use super::attachments::{record, Limits, Received};
use super::changes::{write_change, Change};
use crate::db::with_writer;
use crate::region_rules::RegionRules;
use crate::{Db, Error, Result};

/// Withdraws `person_id`'s application `id`, allowed only before a decision.
pub async fn withdraw(db: &Db, person_id: i64, id: &str, now: i64) -> Result<()> {
    let row = db.own_application(person_id, id).await?;
    let change = Change::new(id, row.status()?, Action::Withdraw, Actor::Applicant, Some(person_id), None, now)?;
    let done = with_writer!(db, |p| {
        let mut tx = p.begin().await?;
        let done = write_change!(tx, &change);
        tx.commit().await?;
        done
    });
    if !done {
        // The clerk decided in the meantime.
        return Err(Error::Refused(Refusal::Transition(domain::application::IllegalTransition {
            from: db.own_application(person_id, id).await?.status()?,
            action: Action::Withdraw,
            actor: Actor::Applicant,
        })));
    }
    Ok(())
}

/// Most files with one message.
pub const MAX_MESSAGE_FILES: usize = 10;
/// Longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 5000;

/// Refuses, before anything of the reply is read, unless application `id` is `person_id`'s and
/// waits for their answer.
pub async fn may_reply(db: &Db, person_id: i64, id: &str) -> Result<()> {
    let row = db.own_application(person_id, id).await?;
    let from = row.status()?;
    from.apply(Action::Reply, Actor::Applicant)
        .map(|_| ())
        .map_err(|_| Error::Refused(Refusal::Transition(domain::application::IllegalTransition { from, action: Action::Reply, actor: Actor::Applicant })))
}

/// What each file with a message must be.
pub fn message_file_limits() -> Limits {
    use domain::forms::FileFormat;
    Limits { max_bytes: 10 * 1024 * 1024, formats: vec![FileFormat::Pdf, FileFormat::Jpeg, FileFormat::Png, FileFormat::Odt, FileFormat::Docx] }
}

/// Answers the clerk's request on application `id` with `body` and the files already received
/// (see [`receive`](super::attachments::receive) with [`message_file_limits`]); the application goes
/// back to the clerk, and where the service's clock stopped while it waited, its deadline moves
/// by the working days it waited. Refused, the received files are deleted.
#[allow(clippy::too_many_arguments)]
pub async fn reply(db: &Db, person_id: i64, id: &str, body: &str, received: Vec<Received>, rules: &RegionRules, now: i64) -> Result<()> {
    let outcome = write_reply(db, person_id, id, body, &received, rules, now).await;
    match outcome {
        Ok(message_id) => {
            for r in received {
                record(db, id, "message", None, Some(message_id), r, now).await?;
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

async fn write_reply(db: &Db, person_id: i64, id: &str, body: &str, received: &[Received], rules: &RegionRules, now: i64) -> Result<i64> {
    let row = db.own_application(person_id, id).await?;
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
    let change = Change::new(id, from, Action::Reply, Actor::Applicant, Some(person_id), Some(body.chars().take(200).collect()), now)?;
    let pauses = db.service_terms(&row.service_code).await?.is_some_and(|t| t.pause_while_awaiting);
    let deadline = match (pauses, row.awaiting_since, &row.deadline) {
        (true, Some(asked), Some(deadline)) => Some(extend_deadline_text(&rules.calendar, deadline, rules.today(asked), rules.today(now))),
        _ => row.deadline.clone(),
    };
    Ok(with_writer!(db, |p| {
        let mut tx = p.begin().await?;
        if !write_change!(tx, &change) {
            tx.rollback().await?;
            return Err(Error::Refused(Refusal::Transition(domain::application::IllegalTransition { from, action: Action::Reply, actor: Actor::Applicant })));
        }
        sqlx::query("UPDATE applications SET awaiting_since = NULL, deadline = $1 WHERE id = $2").bind(&deadline).bind(id).execute(&mut *tx).await?;
        let (message_id,): (i64,) = sqlx::query_as("INSERT INTO messages (application_id, at, author, author_id, body) VALUES ($1, $2, 'applicant', $3, $4) RETURNING id")
            .bind(id)
            .bind(now)
            .bind(person_id)
            .bind(body)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        message_id
    }))
}
