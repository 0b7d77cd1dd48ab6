//! The periodic deadline check: every open application near or past its deadline gets one
//! warning per state (near, overdue) and deadline, queued durably in the outbox for the clerk
//! working on it and the department's heads. Running it again warns nobody twice.

use domain::application::Status;
use domain::dates::{format_date, parse_date};
use domain::office::{days_left, Urgency, NEAR_DAYS};

use crate::outbox::{Message, Notice};
use crate::{Portal, Result};

/// Warnings written per transaction.
const CHUNK: usize = 200;

/// Queues the warnings due now; returns how many were new.
pub async fn warn_deadlines(p: &Portal) -> Result<usize> {
    let (rules, now) = (p.rules().await?, p.now());
    let today = rules.today(now);
    let horizon = format_date(rules.calendar.add_working_days(today, NEAR_DAYS as u32));
    let paused = p.db.pausing_services().await?;
    let mut warnings = Vec::new();
    for row in p.db.open_due_by(&horizon).await? {
        let Some(status) = Status::parse(&row.status) else { continue };
        // While the applicant is asked, a paused clock is not running out.
        if status == Status::AwaitingApplicant && paused.contains(&row.service_code) {
            continue;
        }
        let Some(date) = parse_date(&row.deadline) else { continue };
        let urgency = match days_left(&rules.calendar, today, date, status).1 {
            Urgency::Near => "near",
            Urgency::Overdue => "overdue",
            Urgency::InTime | Urgency::Closed => continue,
        };
        let message_id = format!("{}:deadline:{urgency}:{}", row.id, row.deadline);
        let notice = Notice::Deadline { application_id: row.id.clone(), urgency: urgency.to_owned(), deadline: row.deadline };
        warnings.push(Message::Notice(notice).row(row.id, message_id));
    }
    let mut queued = 0;
    for chunk in warnings.chunks(CHUNK) {
        let mut tx = p.db.begin().await?;
        queued += tx.enqueue_once(chunk, now).await?;
        tx.commit().await?;
    }
    Ok(queued as usize)
}
