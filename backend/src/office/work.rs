//! Taking an application into work, giving it back, handing it to a clerk (heads), and asking
//! the applicant for more.

use domain::access::Principal;
use domain::application::{Action, Actor, Refusal, Status};

use super::staff_application;
use crate::applications::changes;
use crate::store::{Change, DbApplication};
use crate::{Db, Error, Portal, Result};

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
                Error::Refused(Refusal::AlreadyTaken { by: db.person_name(by).await.unwrap_or_default() })
            }
            (Ok(from), _) => Error::Refused(Refusal::Transition(domain::application::IllegalTransition { from, action, actor: Actor::Clerk })),
            (Err(e), _) => e,
        },
        Ok(None) => Error::Refused(Refusal::NotFound),
        Err(e) => e,
    }
}

/// Writes `change` and sets the assignee (and, asking the applicant, since when) in one
/// transaction; refused with the reason when somebody else changed the application first.
async fn change_with(db: &Db, change: &Change, assignee: Option<i64>, awaiting_since: Option<i64>) -> Result<()> {
    let mut tx = db.begin().await?;
    if !changes::write(&mut tx, change).await? {
        drop(tx);
        return Err(lost_race(db, &change.application_id, change.action).await);
    }
    tx.set_work(&change.application_id, assignee, awaiting_since).await?;
    tx.commit().await
}

/// `staff` takes registered application `id` into work. Two clerks at once: one wins, the other
/// is told who has it.
pub async fn take(p: &Portal, staff: &Principal, id: &str) -> Result<()> {
    let row = staff_application(&p.db, staff, id).await?;
    let from = row.status()?;
    if from != Status::Registered {
        return Err(lost_race(&p.db, id, Action::Take).await);
    }
    let change = Change::new(id, from, Action::Take, Actor::Clerk, Some(staff.person_id), None, p.now())?;
    change_with(&p.db, &change, Some(staff.person_id), None).await
}

/// Puts application `id` back into its department's queue (its clerk or the head).
pub async fn give_back(p: &Portal, staff: &Principal, id: &str) -> Result<()> {
    let row = staff_application(&p.db, staff, id).await?;
    must_work_on(staff, &row)?;
    let change = Change::new(id, row.status()?, Action::Return, Actor::Clerk, Some(staff.person_id), None, p.now())?;
    change_with(&p.db, &change, None, None).await
}

/// The head hands application `id` to `clerk`, a clerk or head of its department.
pub async fn assign(p: &Portal, head: &Principal, id: &str, clerk: i64) -> Result<()> {
    let row = staff_application(&p.db, head, id).await?;
    if !head.heads(&row.department_code) {
        return Err(Error::Refused(Refusal::HeadOnly));
    }
    let to = p.db.principal(clerk).await?.filter(|c| c.works_in(&row.department_code)).ok_or(Error::Refused(Refusal::NotFound))?;
    let name = p.db.person_name(to.person_id).await?;
    let change = Change::new(id, row.status()?, Action::Assign, Actor::Clerk, Some(head.person_id), Some(name), p.now())?;
    change_with(&p.db, &change, Some(to.person_id), None).await
}

/// The clerk asks the applicant for more: `message` and the documents `missing`. The application
/// waits for the applicant; for services whose clock stops, so does the deadline.
pub async fn request_info(p: &Portal, staff: &Principal, id: &str, message: &str, missing: &[String]) -> Result<()> {
    let now = p.now();
    let row = staff_application(&p.db, staff, id).await?;
    must_work_on(staff, &row)?;
    let message = message.trim();
    if message.is_empty() {
        return Err(Error::Refused(Refusal::EmptyMessage));
    }
    let missing: Vec<&str> = missing.iter().map(|m| m.trim()).filter(|m| !m.is_empty()).collect();
    let missing = serde_json::to_string(&missing).map_err(|e| Error::Corrupt(e.to_string()))?;
    let change = Change::new(id, row.status()?, Action::RequestInfo, Actor::Clerk, Some(staff.person_id), Some(message.chars().take(200).collect()), now)?;
    let mut tx = p.db.begin().await?;
    if !changes::write(&mut tx, &change).await? {
        drop(tx);
        return Err(lost_race(&p.db, id, Action::RequestInfo).await);
    }
    tx.awaiting_since(id, now).await?;
    tx.insert_message(id, Actor::Clerk, staff.person_id, message, Some(&missing), now).await?;
    tx.commit().await
}
