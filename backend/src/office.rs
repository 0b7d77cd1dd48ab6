//! The back office: queues, the application page for staff (every opening of personal data is
//! audited), taking into work, asking the applicant, deciding, the head's view, deadline warnings.
//! Every action checks who acts with `domain::access` and goes through the state machine of
//! `domain::application`, written with its history and outbox rows by `applications::changes`.

pub mod deadlines;
pub mod decide;
pub mod head;
pub mod page;
pub mod queue;
pub mod work;

use domain::access::{may_read_application, Principal, Reader};
use domain::application::Refusal;

use crate::store::DbApplication;
use crate::{Db, Error, Result};

/// Application `id` if `staff` works in its department; anyone else is told there is none.
pub(crate) async fn staff_application(db: &Db, staff: &Principal, id: &str) -> Result<DbApplication> {
    let row = db.application_row(id).await?.ok_or(Error::Refused(Refusal::NotFound))?;
    match may_read_application(staff, row.applicant_id, &row.department_code, row.status()? == domain::application::Status::Draft) {
        // A clerk's own application is theirs as an applicant, not as staff: no self-service.
        Some(Reader::Staff) => Ok(row),
        _ => {
            tracing::warn!(person_id = staff.person_id, application = id, "staff asked for an application outside their departments");
            Err(Error::Refused(Refusal::NotFound))
        }
    }
}
