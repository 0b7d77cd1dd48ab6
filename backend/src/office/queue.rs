//! The queues of the back office: one page at a time, by deadline (keyset pagination, so a page
//! costs the same at the first row and the hundred-thousandth).

use domain::access::Principal;
use domain::application::{Origin, Status};
use domain::catalog::Link;
use domain::dates::parse_date;
use domain::localized::Lang;
use domain::office::{days_left, Cursor, Queue, QueueFilter, QueuePage, QueueRow, NEAR_DAYS, QUEUE_PAGE};

use super::name_key;
use crate::db::{bind_args, with_pool, Arg};
use crate::region_rules::RegionRules;
use crate::{Db, Error, Result};

#[derive(sqlx::FromRow)]
struct DbQueueRow {
    id: String,
    number: Option<String>,
    service_code: String,
    applicant_name: String,
    submitted_at: Option<i64>,
    deadline: Option<String>,
    status: String,
    origin: String,
    assignee_family: Option<String>,
    assignee_given: Option<String>,
}

/// The values of a query built from filters, numbered `$1, $2, …` as they are added.
#[derive(Default)]
struct Query {
    args: Vec<Arg>,
}

impl Query {
    /// Adds `value`; its placeholder.
    fn arg(&mut self, value: Arg) -> String {
        self.args.push(value);
        format!("${}", self.args.len())
    }

    /// Adds `values`; their placeholders, comma-separated.
    fn list(&mut self, values: impl Iterator<Item = Arg>) -> String {
        values.map(|v| self.arg(v)).collect::<Vec<_>>().join(", ")
    }
}

/// Start of the day `date` (`YYYY-MM-DD`, region time) in UTC milliseconds.
fn day_start_ms(date: &str, rules: &RegionRules) -> Option<i64> {
    let d = parse_date(date)?;
    let days = i64::from(d.to_julian_day() - time::Date::from_calendar_date(1970, time::Month::January, 1).ok()?.to_julian_day());
    Some(days * 86_400_000 - i64::from(rules.utc_offset) * 3_600_000)
}

/// A page of `filter`'s queue for `staff` (only their departments), after `cursor`.
pub async fn queue(db: &Db, staff: &Principal, filter: &QueueFilter, cursor: Option<&Cursor>, lang: Lang, rules: &RegionRules, now: i64) -> Result<QueuePage> {
    let mine = staff.office_departments();
    let departments: Vec<String> = match &filter.department {
        Some(d) if mine.contains(d) => vec![d.clone()],
        _ => mine.clone(),
    };
    let today = rules.today(now);
    let today_text = domain::dates::format_date(today);
    let descending = filter.queue == Queue::Decided;
    let mut q = Query::default();
    let mut sql = String::from(
        "SELECT a.id, a.number, a.service_code, a.applicant_name, a.submitted_at, a.deadline, a.status, a.origin, \
         p.family_name AS assignee_family, p.given_name AS assignee_given \
         FROM applications a LEFT JOIN persons p ON p.id = a.assignee_id WHERE ",
    );
    sql.push_str(&format!("a.department_code IN ({})", q.list(departments.into_iter().map(Arg::Text))));
    let statuses = filter.queue.statuses().iter().map(|s| Arg::Text(s.as_str().to_owned()));
    sql.push_str(&format!(" AND a.status IN ({}) AND a.deadline IS NOT NULL", q.list(statuses)));
    match filter.queue {
        Queue::Mine => sql.push_str(&format!(" AND a.assignee_id = {}", q.arg(Arg::Int(staff.person_id)))),
        Queue::Overdue => sql.push_str(&format!(" AND a.deadline < {}", q.arg(Arg::Text(today_text)))),
        _ => {}
    }
    if let Some(service) = &filter.service {
        sql.push_str(&format!(" AND a.service_code = {}", q.arg(Arg::Text(service.clone()))));
    }
    if let Some(m) = &filter.municipality {
        sql.push_str(&format!(" AND a.municipality_code = {}", q.arg(Arg::Text(m.clone()))));
    }
    if let Some(o) = filter.origin {
        sql.push_str(&format!(" AND a.origin = {}", q.arg(Arg::Text(o.as_str().to_owned()))));
    }
    if let Some(from) = filter.from.as_deref().and_then(|d| day_start_ms(d, rules)) {
        sql.push_str(&format!(" AND a.submitted_at >= {}", q.arg(Arg::Int(from))));
    }
    if let Some(to) = filter.to.as_deref().and_then(|d| day_start_ms(d, rules)) {
        sql.push_str(&format!(" AND a.submitted_at < {}", q.arg(Arg::Int(to + 86_400_000))));
    }
    match filter.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        // Names have no digits: digits and dashes are a registration number.
        Some(number) if number.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
            sql.push_str(&format!(" AND a.number = {}", q.arg(Arg::Text(number.to_owned()))));
        }
        Some(name) => {
            // `starts with`: the key's own wildcard characters are taken literally.
            let key = name_key(name).replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            sql.push_str(&format!(" AND a.applicant_key LIKE {} ESCAPE '\\'", q.arg(Arg::Text(format!("{key}%")))));
        }
        None => {}
    }
    if let Some(c) = cursor {
        let op = if descending { "<" } else { ">" };
        sql.push_str(&format!(" AND (a.deadline, a.id) {op} ({}, {})", q.arg(Arg::Text(c.deadline.clone())), q.arg(Arg::Text(c.id.clone()))));
    }
    // The order of the index (department, status, deadline, id): a page reads only its own rows.
    let dir = if descending { "DESC" } else { "ASC" };
    sql.push_str(&format!(" ORDER BY a.deadline {dir}, a.id {dir} LIMIT {}", QUEUE_PAGE + 1));
    let args = q.args;
    let mut rows: Vec<DbQueueRow> = with_pool!(db, |p| bind_args!(sqlx::query_as(&sql), &args).fetch_all(p).await?);
    let next = (rows.len() > QUEUE_PAGE).then(|| {
        rows.truncate(QUEUE_PAGE);
        rows.last().and_then(|r| Some(Cursor { deadline: r.deadline.clone()?, id: r.id.clone() }))
    });
    let catalog = db.catalog(lang).await?;
    let titles = catalog.service_titles().await?;
    let names = catalog.department_names().await?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let status = Status::parse(&r.status).ok_or_else(|| Error::Corrupt(format!("status {:?}", r.status)))?;
            let (left, urgency) = match r.deadline.as_deref().and_then(parse_date) {
                Some(deadline) => days_left(&rules.calendar, today, deadline, status),
                None => (0, domain::office::Urgency::Closed),
            };
            Ok(QueueRow {
                service_title: titles.get(&r.service_code).cloned().unwrap_or_else(|| r.service_code.clone()),
                number: r.number.unwrap_or_default(),
                applicant: r.applicant_name,
                submitted_at: r.submitted_at.map(|at| rules.local_time(at)).unwrap_or_default(),
                deadline: r.deadline,
                days_left: left,
                urgency,
                status,
                origin: Origin::parse(&r.origin).unwrap_or(Origin::Regional),
                assignee: r.assignee_family.map(|f| format!("{f} {}", r.assignee_given.unwrap_or_default()).trim().to_owned()),
                id: r.id,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let (near, overdue) = deadline_counts(db, &mine, rules, now).await?;
    Ok(QueuePage {
        rows,
        next: next.flatten(),
        departments: mine.iter().map(|code| Link { title: names.get(code).cloned().unwrap_or_else(|| code.clone()), code: code.clone() }).collect(),
        services: catalog.services_of(&mine).await?,
        municipalities: catalog.filter_options().await?.municipalities,
        heads: mine.iter().any(|d| staff.heads(d)),
        near,
        overdue,
    })
}

/// Open applications of `departments` near their deadline and past it.
async fn deadline_counts(db: &Db, departments: &[String], rules: &RegionRules, now: i64) -> Result<(i64, i64)> {
    let today = rules.today(now);
    let mut q = Query::default();
    let deps = q.list(departments.iter().cloned().map(Arg::Text));
    let today = q.arg(Arg::Text(domain::dates::format_date(today)));
    let horizon = q.arg(Arg::Text(domain::dates::format_date(rules.calendar.add_working_days(rules.today(now), NEAR_DAYS as u32))));
    let sql = format!(
        "SELECT COALESCE(SUM(CASE WHEN deadline >= {today} THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN deadline < {today} THEN 1 ELSE 0 END), 0) \
         FROM applications WHERE department_code IN ({deps}) AND status IN ('submitted', 'registered', 'in_review', 'awaiting_applicant') \
         AND deadline <= {horizon}"
    );
    let args = q.args;
    Ok(with_pool!(db, |p| bind_args!(sqlx::query_as::<_, (i64, i64)>(&sql), &args).fetch_one(p).await?))
}
