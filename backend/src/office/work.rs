//! Taking an application into work, giving it back, handing it to a clerk (heads), and asking
//! the applicant for more.

use domain::access::Principal;
use domain::application::{Action, Actor, Refusal, Status};
use serde_json::json;

use super::staff_application;
use crate::applications::changes::{write_change, Change};
use crate::applications::rows::DbApplication;
use crate::db::{with_pool, with_writer};
use crate::{Db, Error, Result};

/// The full name of person `id`.
pub(crate) async fn person_name(db: &Db, id: i64) -> Result<String> {
    let row: Option<(String, String, Option<String>)> =
        with_pool!(db, |p| sqlx::query_as("SELECT family_name, given_name, middle_name FROM persons WHERE id = $1").bind(id).fetch_optional(p).await?);
    Ok(row.map(|(f, g, m)| [Some(f), Some(g), m].into_iter().flatten().collect::<Vec<_>>().join(" ")).unwrap_or_default())
}

/// Refused unless `staff` works on `row` (its assignee) or heads its department.
pub(crate) fn must_work_on(staff: &Principal, row: &DbApplication) -> Result<()> {
    if row.assignee_id == Some(staff.person_id) || staff.heads(&row.department_code) {
        Ok(())
    } else {
        Err(Error::Refused(Refusal::NotAssignee))
    }
}

/// Why a guarded change found the application moved on: taken by someone, or another status.
pub(super) async fn lost_race(db: &Db, id: &str, action: Action) -> Error {
    match db.application_row(id).await {
        Ok(Some(now)) => match (now.status(), now.assignee_id) {
            (Ok(Status::InReview | Status::AwaitingApplicant), Some(by)) if action == Action::Take => {
                Error::Refused(Refusal::AlreadyTaken { by: person_name(db, by).await.unwrap_or_default() })
            }
            (Ok(from), _) => Error::Refused(Refusal::Transition(domain::application::IllegalTransition { from, action, actor: Actor::Clerk })),
            (Err(e), _) => e,
        },
        Ok(None) => Error::Refused(Refusal::NotFound),
        Err(e) => e,
    }
}

/// Writes `change` and sets the assignee (and, asking the applicant, when) in one transaction.
async fn change_with(db: &Db, change: &Change, assignee: Option<i64>, awaiting_since: Option<i64>) -> Result<bool> {
    Ok(with_writer!(db, |p| {
        let mut tx = p.begin().await?;
        if write_change!(tx, change) {
            sqlx::query("UPDATE applications SET assignee_id = $1, awaiting_since = $2 WHERE id = $3")
                .bind(assignee)
                .bind(awaiting_since)
                .bind(&change.application_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            true
        } else {
            tx.rollback().await?;
            false
        }
    }))
}

/// `staff` takes registered application `id` into work. Two clerks at once: one wins, the other
/// is told who has it.
pub async fn take(db: &Db, staff: &Principal, id: &str, now: i64) -> Result<()> {
    let row = staff_application(db, staff, id).await?;
    let from = row.status()?;
    if from != Status::Registered {
        return Err(lost_race(db, id, Action::Take).await);
    }
    let change = Change::new(id, from, Action::Take, Actor::Clerk, Some(staff.person_id), None, now)?;
    if !change_with(db, &change, Some(staff.person_id), None).await? {
        return Err(lost_race(db, id, Action::Take).await);
    }
    Ok(())
}

/// Puts application `id` back into its department's queue (its clerk or the head).
pub async fn give_back(db: &Db, staff: &Principal, id: &str, now: i64) -> Result<()> {
    let row = staff_application(db, staff, id).await?;
    must_work_on(staff, &row)?;
    let change = Change::new(id, row.status()?, Action::Return, Actor::Clerk, Some(staff.person_id), None, now)?;
    if !change_with(db, &change, None, None).await? {
        return Err(lost_race(db, id, Action::Return).await);
    }
    Ok(())
}

/// The head hands application `id` to `clerk`, a clerk or head of its department.
pub async fn assign(db: &Db, head: &Principal, id: &str, clerk: i64, now: i64) -> Result<()> {
    let row = staff_application(db, head, id).await?;
    if !head.heads(&row.department_code) {
        return Err(Error::Refused(Refusal::HeadOnly));
    }
    let to = db.principal(clerk).await?.filter(|p| p.works_in(&row.department_code)).ok_or(Error::Refused(Refusal::NotFound))?;
    let name = person_name(db, to.person_id).await?;
    let change = Change::new(id, row.status()?, Action::Assign, Actor::Clerk, Some(head.person_id), Some(name), now)?;
    if !change_with(db, &change, Some(to.person_id), None).await? {
        return Err(lost_race(db, id, Action::Assign).await);
    }
    Ok(())
}

/// The clerk asks the applicant for more: `message` and the documents `missing`. The application
/// waits for the applicant; for services whose clock stops, so does the deadline.
pub async fn request_info(db: &Db, staff: &Principal, id: &str, message: &str, missing: &[String], now: i64) -> Result<()> {
    let row = staff_application(db, staff, id).await?;
    must_work_on(staff, &row)?;
    let message = message.trim();
    if message.is_empty() {
        return Err(Error::Refused(Refusal::EmptyMessage));
    }
    let missing: Vec<&str> = missing.iter().map(|m| m.trim()).filter(|m| !m.is_empty()).collect();
    let change = Change::new(id, row.status()?, Action::RequestInfo, Actor::Clerk, Some(staff.person_id), Some(message.chars().take(200).collect()), now)?;
    let done = with_writer!(db, |p| {
        let mut tx = p.begin().await?;
        if !write_change!(tx, &change) {
            tx.rollback().await?;
            false
        } else {
            sqlx::query("UPDATE applications SET awaiting_since = $1 WHERE id = $2").bind(now).bind(id).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO messages (application_id, at, author, author_id, body, missing) VALUES ($1, $2, 'clerk', $3, $4, $5)")
                .bind(id)
                .bind(now)
                .bind(staff.person_id)
                .bind(message)
                .bind(json!(missing).to_string())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            true
        }
    });
    if !done {
        return Err(lost_race(db, id, Action::RequestInfo).await);
    }
    Ok(())
}
