//! The head's view of their departments: work per clerk, what is overdue per service, and how
//! long decisions take (average and 90th percentile, in working days).

use std::collections::BTreeMap;

use domain::access::Principal;
use domain::application::Refusal;
use domain::dates::format_date;
use domain::localized::Lang;
use domain::office::{average_and_p90, ClerkLoad, HeadView};

use crate::{Error, Portal, Result};

/// Processing times are measured over decisions of the last this many days.
pub const PERIOD_DAYS: i64 = 90;

/// The view of every department `head` heads; refused to anyone who heads none.
pub async fn head_view(p: &Portal, head: &Principal, lang: Lang) -> Result<HeadView> {
    let (db, now) = (&p.db, p.now());
    let rules = p.rules().await?;
    let departments: Vec<String> = head.office_departments().into_iter().filter(|d| head.heads(d)).collect();
    if departments.is_empty() {
        return Err(Error::Refused(Refusal::HeadOnly));
    }
    let mut load: BTreeMap<String, ClerkLoad> = BTreeMap::new();
    for d in &departments {
        for person in db.department_staff(d).await? {
            load.entry(person.code).or_insert(ClerkLoad { name: person.title, in_review: 0, awaiting: 0 });
        }
    }
    for (assignee, status, count) in db.work_per_clerk(&departments).await? {
        let entry = load.entry(assignee.to_string()).or_insert_with(|| ClerkLoad { name: assignee.to_string(), in_review: 0, awaiting: 0 });
        if status == "in_review" {
            entry.in_review += count;
        } else {
            entry.awaiting += count;
        }
    }
    let mut load: Vec<ClerkLoad> = load.into_values().collect();
    load.sort_by(|a, b| (b.in_review + b.awaiting).cmp(&(a.in_review + a.awaiting)).then_with(|| a.name.cmp(&b.name)));
    let unassigned = db.unassigned(&departments).await?;
    let overdue = db.overdue_per_service(&departments, &format_date(rules.today(now))).await?;
    let titles = db.catalog(lang).await?.service_titles().await?;
    let overdue = overdue.into_iter().map(|(code, count)| (titles.get(&code).cloned().unwrap_or(code), count)).collect();
    let decided = db.decision_times(&departments, now - PERIOD_DAYS * 86_400_000).await?;
    let mut days: Vec<i64> =
        decided.iter().map(|(submitted, decided)| rules.calendar.working_days_between(rules.today(*submitted), rules.today(*decided))).collect();
    let (average_days, p90_days) = average_and_p90(&mut days);
    Ok(HeadView { load, unassigned, overdue, period_days: PERIOD_DAYS, decided: decided.len() as i64, average_days, p90_days })
}
