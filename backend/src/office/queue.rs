//! The queues of the back office: one page at a time, by deadline (keyset pagination, so a page
//! costs the same at the first row and the hundred-thousandth).

use domain::access::Principal;
use domain::application::{Origin, Status};
use domain::catalog::Link;
use domain::dates::parse_date;
use domain::localized::Lang;
use domain::office::{days_left, name_key, Cursor, QueueFilter, QueuePage, QueueRow, NEAR_DAYS, QUEUE_PAGE};

use crate::store::QueueQuery;
use crate::{Error, Portal, Result};
use domain::region::RegionRules;

/// Start of the day `date` (`YYYY-MM-DD`, region time) in UTC milliseconds.
fn day_start_ms(date: &str, rules: &RegionRules) -> Option<i64> {
    let d = parse_date(date)?;
    let days = i64::from(d.to_julian_day() - time::Date::from_calendar_date(1970, time::Month::January, 1).ok()?.to_julian_day());
    Some(days * 86_400_000 - i64::from(rules.utc_offset) * 3_600_000)
}

/// A page of `filter`'s queue for `staff` (only their departments), after `cursor`.
pub async fn queue(p: &Portal, staff: &Principal, filter: &QueueFilter, cursor: Option<&Cursor>, lang: Lang) -> Result<QueuePage> {
    let (db, now) = (&p.db, p.now());
    let rules = &p.rules().await?;
    let mine = staff.office_departments();
    let departments: Vec<String> = match &filter.department {
        Some(d) if mine.contains(d) => vec![d.clone()],
        _ => mine.clone(),
    };
    let today = rules.today(now);
    let today_text = domain::dates::format_date(today);
    let key = filter.search.as_deref().map(name_key);
    let query = QueueQuery {
        departments: &departments,
        person_id: staff.person_id,
        today: &today_text,
        from: filter.from.as_deref().and_then(|d| day_start_ms(d, rules)),
        until: filter.to.as_deref().and_then(|d| day_start_ms(d, rules)).map(|to| to + 86_400_000),
        name_key: key.as_deref().map(str::trim),
    };
    let mut rows = db.queue_rows(filter, &query, cursor).await?;
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
                assignee: r.assignee_family.map(|f| domain::identity::full_name(f, r.assignee_given, None)),
                id: r.id,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let horizon = domain::dates::format_date(rules.calendar.add_working_days(today, NEAR_DAYS as u32));
    let (near, overdue) = db.deadline_counts(&mine, &today_text, &horizon).await?;
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
