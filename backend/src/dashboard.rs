//! The figures of the operator's progress dashboards (`/admin/dashboard`), one store query per
//! chart (`store/dashboard.rs`). Days are the region's days (its UTC offset); what
//! each chart counts is in `docs/dashboards.md`.

use std::collections::HashMap;

use domain::dashboard::{
    bucket_counts, day_number, iso_days, DailyApplications, Dashboard, DeliveryFigures, DepartmentOverdue, Period, ProcessingTimes, Series, StageFigures,
};
use domain::dates::format_date;
use domain::localized::Lang;
use domain::office::Queue;

use crate::outbox::Topic;
use crate::{Db, Error, Portal, Result};
use domain::region::RegionRules;

/// Every chart of `period`; the figures that are "now" (stages, overdue, delivery) now.
pub async fn dashboard(p: &Portal, lang: Lang, period: Period) -> Result<Dashboard> {
    let (db, now, rules) = (&p.db, p.now(), &p.rules().await?);
    Ok(Dashboard {
        from: format_date(period.from),
        to: format_date(period.to),
        today: format_date(rules.today(now)),
        stages: stage_figures(db).await?,
        applications: daily_applications(db, lang.clone(), rules, period).await?,
        processing: processing_times(db, rules, period).await?,
        overdue: overdue_by_department(db, lang, rules, now).await?,
        delivery: delivery_figures(db, rules).await?,
    })
}

/// Chart 1: published services per electronic stage, all and priority ones.
pub async fn stage_figures(db: &Db) -> Result<StageFigures> {
    let rows = db.services_per_stage().await?;
    let mut figures = StageFigures::default();
    for (stage, priority, n) in rows {
        let i = usize::try_from(stage - 1).ok().filter(|i| *i < 5).ok_or_else(|| Error::Corrupt(format!("stage {stage}")))?;
        figures.all[i] += n;
        if priority {
            figures.priority[i] += n;
        }
    }
    Ok(figures)
}

/// Chart 2: applications submitted on each day of `period` (region time), per service, the
/// services with most applications first.
pub async fn daily_applications(db: &Db, lang: Lang, rules: &RegionRules, period: Period) -> Result<DailyApplications> {
    let (start, end) = period.bounds_ms(rules.utc_offset);
    let offset_ms = i64::from(rules.utc_offset) * 3_600_000;
    let rows = db.submissions_per_day(offset_ms, start, end).await?;
    let first = day_number(period.from);
    let days = period.days() as usize;
    let mut counts: HashMap<String, Vec<i64>> = HashMap::new();
    for (day, service, n) in rows {
        let Some(i) = usize::try_from(day - first).ok().filter(|i| *i < days) else { continue };
        counts.entry(service).or_insert_with(|| vec![0; days])[i] += n;
    }
    let titles = db.catalog(lang).await?.service_titles().await?;
    let mut series: Vec<Series> =
        counts.into_iter().map(|(code, counts)| Series { title: titles.get(&code).cloned().unwrap_or_else(|| code.clone()), code, counts }).collect();
    series.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.title.cmp(&b.title)));
    Ok(DailyApplications { days: iso_days(&period), series })
}

/// Chart 3: applications decided in `period`, by working days from submission to decision
/// (the region's production calendar, as the head's figures count them).
pub async fn processing_times(db: &Db, rules: &RegionRules, period: Period) -> Result<ProcessingTimes> {
    let (start, end) = period.bounds_ms(rules.utc_offset);
    let rows = db.decided_between(start, end).await?;
    let days: Vec<i64> = rows.iter().map(|(submitted, decided)| rules.calendar.working_days_between(rules.today(*submitted), rules.today(*decided))).collect();
    Ok(ProcessingTimes { decided: rows.len() as i64, buckets: bucket_counts(&days) })
}

/// Chart 4: per department, open applications and those of them past their deadline at `now`:
/// the back office's "overdue" queue (its statuses, deadline before today in the region).
pub async fn overdue_by_department(db: &Db, lang: Lang, rules: &RegionRules, now: i64) -> Result<Vec<DepartmentOverdue>> {
    let rows = db.overdue_per_department(Queue::Overdue.statuses(), &format_date(rules.today(now))).await?;
    let names = db.catalog(lang).await?.department_names().await?;
    let mut departments: Vec<DepartmentOverdue> = rows
        .into_iter()
        .map(|(code, open, overdue)| DepartmentOverdue { name: names.get(&code).cloned().unwrap_or_else(|| code.clone()), code, open, overdue })
        .collect();
    departments.sort_by(|a, b| b.overdue.cmp(&a.overdue).then_with(|| b.open.cmp(&a.open)).then_with(|| a.name.cmp(&b.name)));
    Ok(departments)
}

/// Chart 5: messages to the federal portal by delivery state now (the outbox's counts, as on
/// `/admin/federation`).
pub async fn delivery_figures(db: &Db, rules: &RegionRules) -> Result<DeliveryFigures> {
    let c = db.outbox_counts(Topic::Federal.as_str()).await?;
    Ok(DeliveryFigures { pending: c.pending, failed: c.failed, delivered: c.delivered, oldest_pending: c.oldest_pending_at.map(|at| rules.local_time(at)) })
}
