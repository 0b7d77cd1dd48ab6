//! What an applicant does after submission: withdraw before a decision, and answer the clerk.

use bytes::Bytes;
use domain::application::{Action, Actor, Refusal};

use super::attachments::store_attachment;
use super::changes::{write_change, Change};
use crate::db::with_writer;
use crate::files::file_type::attachment_type;
use crate::files::scan::Scanner;
use crate::{Db, Error, FileStore, Result};

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
/// Largest file with a message.
pub const MAX_MESSAGE_FILE: usize = 10 * 1024 * 1024;

/// A file sent with a message: name and bytes.
pub type MessageFile = (String, Bytes);

/// Answers the clerk's request on application `id` with `body` and `files`; the application goes
/// back to the clerk. Files must be PDF, JPEG, PNG, ODT or DOCX, each up to 10 MB.
pub async fn reply(db: &Db, files: &FileStore, scanner: &dyn Scanner, person_id: i64, id: &str, body: &str, attached: Vec<MessageFile>, now: i64) -> Result<()> {
    let row = db.own_application(person_id, id).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(Error::Refused(Refusal::EmptyMessage));
    }
    let change = Change::new(id, row.status()?, Action::Reply, Actor::Applicant, Some(person_id), Some(body.chars().take(200).collect()), now)?;
    check_message_files(&attached)?;
    let message_id = with_writer!(db, |p| {
        let mut tx = p.begin().await?;
        if !write_change!(tx, &change) {
            tx.rollback().await?;
            return Err(Error::Refused(Refusal::Transition(domain::application::IllegalTransition { from: row.status()?, action: Action::Reply, actor: Actor::Applicant })));
        }
        let (message_id,): (i64,) = sqlx::query_as("INSERT INTO messages (application_id, at, author, author_id, body) VALUES ($1, $2, 'applicant', $3, $4) RETURNING id")
            .bind(id)
            .bind(now)
            .bind(person_id)
            .bind(body)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        message_id
    });
    for (name, bytes) in attached {
        let mime = attachment_type(&bytes).map_or("application/octet-stream", |(_, t)| t.mime);
        store_attachment(db, files, scanner, id, "message", None, Some(message_id), &name, mime, bytes, now).await?;
    }
    Ok(())
}

/// Files of a message are checked before anything is written.
pub(crate) fn check_message_files(attached: &[MessageFile]) -> Result<()> {
    use domain::application::UploadProblem;
    use domain::forms::FileFormat;
    let refuse = |problem| Err(Error::Refused(Refusal::Upload { problem }));
    if attached.len() > MAX_MESSAGE_FILES {
        return refuse(UploadProblem::TooMany { max: MAX_MESSAGE_FILES as u32 });
    }
    for (_, bytes) in attached {
        if bytes.is_empty() {
            return refuse(UploadProblem::Empty);
        }
        if bytes.len() > MAX_MESSAGE_FILE {
            return refuse(UploadProblem::TooLarge { max_kb: (MAX_MESSAGE_FILE / 1024) as u64 });
        }
        if attachment_type(bytes).is_none() {
            return refuse(UploadProblem::WrongType { accepted: vec![FileFormat::Pdf, FileFormat::Jpeg, FileFormat::Png, FileFormat::Odt, FileFormat::Docx] });
        }
    }
    Ok(())
}
