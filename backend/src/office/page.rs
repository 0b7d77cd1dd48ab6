//! An application as its department's staff see it: everything the applicant sees, who applied,
//! the deadline, and what the viewer may do now. Every opening is written to the audit trail.

use domain::access::Principal;
use domain::application::Status;
use domain::dates::parse_date;
use domain::localized::Lang;
use domain::office::{days_left, ApplicantCard, StaffActions, StaffPage, Urgency};

use super::staff_application;
use crate::applications::queries::page_of;
use crate::{Error, Portal, Result};

/// Application `id` for `staff` of its department; audited as an opening of personal data.
pub async fn staff_page(p: &Portal, staff: &Principal, id: &str, lang: Lang) -> Result<StaffPage> {
    let (db, now) = (&p.db, p.now());
    let rules = &p.rules().await?;
    let row = staff_application(db, staff, id).await?;
    db.record_personal_data_access(staff.person_id, id, "application", now).await?;
    let status = row.status()?;
    let entry = db.service_entry(&row.service_code).await?.ok_or_else(|| Error::Corrupt(format!("service {} is gone", row.service_code)))?;
    let profile = db.profile(row.applicant_id).await?;
    let (days_left, urgency) = match row.deadline.as_deref().and_then(parse_date) {
        Some(deadline) => days_left(&rules.calendar, rules.today(now), deadline, status),
        None => (0, Urgency::Closed),
    };
    let assignee = match row.assignee_id {
        Some(a) => Some(db.person_name(a).await?),
        None => None,
    };
    let works_on = row.assignee_id == Some(staff.person_id) || staff.heads(&row.department_code);
    let in_review = status == Status::InReview;
    let assign_to = if staff.heads(&row.department_code) && matches!(status, Status::Registered | Status::InReview) {
        let current = row.assignee_id.map(|a| a.to_string());
        db.department_staff(&row.department_code).await?.into_iter().filter(|l| Some(&l.code) != current.as_ref()).collect()
    } else {
        Vec::new()
    };
    Ok(StaffPage {
        page: page_of(db, &row, lang.clone(), rules).await?,
        applicant: ApplicantCard {
            name: db.person_name(row.applicant_id).await?,
            snils: profile.as_ref().and_then(|p| p.snils.as_ref()).map(|s| s.to_string()),
            phone: profile.as_ref().and_then(|p| p.phone.clone()),
            email: profile.as_ref().and_then(|p| p.email.clone()),
        },
        assignee,
        days_left,
        urgency,
        actions: StaffActions {
            take: status == Status::Registered,
            give_back: in_review && works_on,
            request: in_review && works_on,
            decide: in_review && works_on,
            assign_to,
        },
        refusal_grounds: entry.refusal_grounds.iter().map(|g| g.get(&lang, &rules.default_locale).to_owned()).collect(),
        clock_stops: entry.pause_while_awaiting,
    })
}
