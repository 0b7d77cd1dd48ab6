//! The head's view of their departments: work per clerk, what is overdue per service, and how
//! long decisions take (average and 90th percentile, in working days).

use std::collections::BTreeMap;

use domain::access::Principal;
use domain::application::Refusal;
use domain::dates::format_date;
use domain::localized::Lang;
use domain::office::{average_and_p90, ClerkLoad, HeadView};

use super::page::department_staff;
use crate::db::{bind_args, with_pool, Arg};
use crate::region_rules::RegionRules;
use crate::{Db, Error, Result};

/// Processing times are measured over decisions of the last this many days.
pub const PERIOD_DAYS: i64 = 90;

/// `$first, $first+1, …` placeholders for `n` values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// The view of every department `head` heads; refused to anyone who heads none.
pub async fn head_view(db: &Db, head: &Principal, lang: Lang, rules: &RegionRules, now: i64) -> Result<HeadView> {
    let departments: Vec<String> = head.office_departments().into_iter().filter(|d| head.heads(d)).collect();
    if departments.is_empty() {
        return Err(Error::Refused(Refusal::HeadOnly));
    }
    let deps: Vec<Arg> = departments.iter().cloned().map(Arg::Text).collect();
    let n = deps.len();
    let in_deps = placeholders(1, n);

    let sql = format!(
        "SELECT assignee_id, status, COUNT(*) FROM applications WHERE department_code IN ({in_deps}) \
         AND status IN ('in_review', 'awaiting_applicant') AND assignee_id IS NOT NULL GROUP BY assignee_id, status"
    );
    let counts: Vec<(i64, String, i64)> = with_pool!(db, |p| bind_args!(sqlx::query_as(&sql), &deps).fetch_all(p).await?);
    let mut load: BTreeMap<String, ClerkLoad> = BTreeMap::new();
    for d in &departments {
        for person in department_staff(db, d).await? {
            load.entry(person.code).or_insert(ClerkLoad { name: person.title, in_review: 0, awaiting: 0 });
        }
    }
    for (assignee, status, count) in counts {
        let entry = load.entry(assignee.to_string()).or_insert_with(|| ClerkLoad { name: assignee.to_string(), in_review: 0, awaiting: 0 });
        if status == "in_review" {
            entry.in_review += count;
        } else {
            entry.awaiting += count;
        }
    }
    let mut load: Vec<ClerkLoad> = load.into_values().collect();
    load.sort_by(|a, b| (b.in_review + b.awaiting).cmp(&(a.in_review + a.awaiting)).then_with(|| a.name.cmp(&b.name)));

    let sql = format!("SELECT COUNT(*) FROM applications WHERE department_code IN ({in_deps}) AND status = 'registered'");
    let (unassigned,): (i64,) = with_pool!(db, |p| bind_args!(sqlx::query_as(&sql), &deps).fetch_one(p).await?);

    let today = format_date(rules.today(now));
    let sql = format!(
        "SELECT service_code, COUNT(*) FROM applications WHERE department_code IN ({in_deps}) \
         AND status IN ('submitted', 'registered', 'in_review', 'awaiting_applicant') AND deadline < ${} \
         GROUP BY service_code ORDER BY COUNT(*) DESC, service_code",
        n + 1
    );
    let mut args = deps.clone();
    args.push(Arg::Text(today));
    let overdue: Vec<(String, i64)> = with_pool!(db, |p| bind_args!(sqlx::query_as(&sql), &args).fetch_all(p).await?);
    let titles = db.catalog(lang).await?.service_titles().await?;
    let overdue = overdue.into_iter().map(|(code, count)| (titles.get(&code).cloned().unwrap_or(code), count)).collect();

    let sql = format!(
        "SELECT submitted_at, decided_at FROM applications WHERE department_code IN ({in_deps}) \
         AND decided_at >= ${} AND submitted_at IS NOT NULL",
        n + 1
    );
    let mut args = deps;
    args.push(Arg::Int(now - PERIOD_DAYS * 86_400_000));
    let decided: Vec<(i64, i64)> = with_pool!(db, |p| bind_args!(sqlx::query_as(&sql), &args).fetch_all(p).await?);
    let mut days: Vec<i64> =
        decided.iter().map(|(submitted, decided)| rules.calendar.working_days_between(rules.today(*submitted), rules.today(*decided))).collect();
    let (average_days, p90_days) = average_and_p90(&mut days);
    Ok(HeadView { load, unassigned, overdue, period_days: PERIOD_DAYS, decided: decided.len() as i64, average_days, p90_days })
}
