//! The periodic deadline check: every open application near or past its deadline gets one
//! warning per state (near, overdue) and deadline, queued durably in the outbox for the clerk
//! working on it and the department's heads. Running it again warns nobody twice.

use std::collections::HashSet;

use domain::application::Status;
use domain::dates::{format_date, parse_date};
use domain::office::{days_left, Urgency, NEAR_DAYS};
use serde_json::json;

use crate::applications::TOPIC_NOTIFY;
use crate::db::{with_pool, with_writer};
use crate::region_rules::RegionRules;
use crate::{Db, Result};

/// Queues the warnings due at `now`; returns how many were new.
pub async fn warn_deadlines(db: &Db, rules: &RegionRules, now: i64) -> Result<usize> {
    let today = rules.today(now);
    let horizon = format_date(rules.calendar.add_working_days(today, NEAR_DAYS as u32));
    let rows: Vec<(String, String, String, String, String, Option<i64>)> = with_pool!(db, |p| sqlx::query_as(
        "SELECT id, service_code, department_code, status, deadline, assignee_id FROM applications \
         WHERE status IN ('submitted', 'registered', 'in_review', 'awaiting_applicant') AND deadline <= $1"
    )
    .bind(&horizon)
    .fetch_all(p)
    .await?);
    let paused = pausing_services(db).await?;
    let mut warnings = Vec::new();
    for (id, service, department, status, deadline, assignee) in rows {
        let Some(status) = Status::parse(&status) else { continue };
        // While the applicant is asked, a paused clock is not running out.
        if status == Status::AwaitingApplicant && paused.contains(&service) {
            continue;
        }
        let Some(date) = parse_date(&deadline) else { continue };
        let urgency = match days_left(&rules.calendar, today, date, status).1 {
            Urgency::Near => "near",
            Urgency::Overdue => "overdue",
            Urgency::InTime | Urgency::Closed => continue,
        };
        let payload = json!({
            "type": "deadline", "application_id": id, "urgency": urgency, "deadline": deadline,
            "department_code": department, "assignee_id": assignee,
        });
        warnings.push((format!("{id}:deadline:{urgency}:{deadline}"), id, payload.to_string()));
    }
    let mut queued = 0;
    for chunk in warnings.chunks(200) {
        queued += with_writer!(db, |p| {
            let mut tx = p.begin().await?;
            let mut n = 0;
            for (message_id, id, payload) in chunk {
                n += sqlx::query(
                    "INSERT INTO outbox (topic, ordering_key, message_id, payload, created_at, available_at) VALUES ($1, $2, $3, $4, $5, $5) \
                     ON CONFLICT (message_id) DO NOTHING",
                )
                .bind(TOPIC_NOTIFY)
                .bind(id)
                .bind(message_id)
                .bind(payload)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected() as usize;
            }
            tx.commit().await?;
            n
        });
    }
    Ok(queued)
}

/// Codes of services whose clock stops while the applicant is asked for more.
async fn pausing_services(db: &Db) -> Result<HashSet<String>> {
    let codes: Vec<(String,)> = with_pool!(db, |p| sqlx::query_as("SELECT code FROM services").fetch_all(p).await?);
    let mut paused = HashSet::new();
    for (code,) in codes {
        if db.service_terms(&code).await?.is_some_and(|t| t.pause_while_awaiting) {
            paused.insert(code);
        }
    }
    Ok(paused)
}
