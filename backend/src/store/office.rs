//! The back office as stored: queue pages (built from the clerk's filters, keyset-paginated in the
//! order of the index), deadline counts and candidates, the head's figures and department staff.

use domain::catalog::Link;
use domain::office::{Cursor, Queue, QueueFilter, QUEUE_PAGE};

use super::{bind_args, with_pool, Arg};
use crate::{Db, Result};

/// Statuses in which an application is still open (its deadline runs).
const OPEN: &str = "('submitted', 'registered', 'in_review', 'awaiting_applicant')";

/// A row of a queue page as read.
#[derive(Debug, sqlx::FromRow)]
pub struct QueueDbRow {
    pub id: String,
    pub number: Option<String>,
    pub service_code: String,
    pub applicant_name: String,
    pub submitted_at: Option<i64>,
    pub deadline: Option<String>,
    pub status: String,
    pub origin: String,
    pub assignee_family: Option<String>,
    pub assignee_given: Option<String>,
}

/// What a queue page asks for besides the clerk's filter, already checked by the use case.
#[derive(Debug, Clone)]
pub struct QueueQuery<'a> {
    /// Departments to show (the viewer's own).
    pub departments: &'a [String],
    /// The viewer, for "mine".
    pub person_id: i64,
    /// Today in the region, `YYYY-MM-DD`, for "overdue".
    pub today: &'a str,
    /// Submitted at or after (UTC ms).
    pub from: Option<i64>,
    /// Submitted before (UTC ms).
    pub until: Option<i64>,
    /// The applicant's name key (`name_key`), when searching by name.
    pub name_key: Option<&'a str>,
}

/// An open application with a deadline, for the deadline warnings.
#[derive(Debug, sqlx::FromRow)]
pub struct DeadlineRow {
    pub id: String,
    pub service_code: String,
    pub status: String,
    pub deadline: String,
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

fn texts(values: &[String]) -> impl Iterator<Item = Arg> + '_ {
    values.iter().cloned().map(Arg::Text)
}

impl Db {
    /// One page (and one row more, to know there is a next) of `filter`'s queue, after `cursor`.
    #[tracing::instrument(skip_all)]
    pub async fn queue_rows(&self, filter: &QueueFilter, query: &QueueQuery<'_>, cursor: Option<&Cursor>) -> Result<Vec<QueueDbRow>> {
        let descending = filter.queue == Queue::Decided;
        let mut q = Query::default();
        let mut sql = String::from(
            "SELECT a.id, a.number, a.service_code, a.applicant_name, a.submitted_at, a.deadline, a.status, a.origin, \
             p.family_name AS assignee_family, p.given_name AS assignee_given \
             FROM applications a LEFT JOIN persons p ON p.id = a.assignee_id WHERE ",
        );
        sql.push_str(&format!("a.department_code IN ({})", q.list(texts(query.departments))));
        let statuses = filter.queue.statuses().iter().map(|s| Arg::Text(s.as_str().to_owned()));
        sql.push_str(&format!(" AND a.status IN ({}) AND a.deadline IS NOT NULL", q.list(statuses)));
        match filter.queue {
            Queue::Mine => sql.push_str(&format!(" AND a.assignee_id = {}", q.arg(Arg::Int(query.person_id)))),
            Queue::Overdue => sql.push_str(&format!(" AND a.deadline < {}", q.arg(Arg::Text(query.today.to_owned())))),
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
        if let Some(from) = query.from {
            sql.push_str(&format!(" AND a.submitted_at >= {}", q.arg(Arg::Int(from))));
        }
        if let Some(until) = query.until {
            sql.push_str(&format!(" AND a.submitted_at < {}", q.arg(Arg::Int(until))));
        }
        match filter.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            // Names have no digits: digits and dashes are a registration number.
            Some(number) if number.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
                sql.push_str(&format!(" AND a.number = {}", q.arg(Arg::Text(number.to_owned()))));
            }
            Some(_) => {
                // `starts with`: the key's own wildcard characters are taken literally.
                let key = super::like_literal(query.name_key.unwrap_or_default());
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
        Ok(with_pool!(self, |p| bind_args!(sqlx::query_as(&sql), &args).fetch_all(p).await?))
    }

    /// Open applications of `departments` due by `horizon`: how many are not yet overdue on
    /// `today` and how many are (dates `YYYY-MM-DD`).
    #[tracing::instrument(skip_all)]
    pub async fn deadline_counts(&self, departments: &[String], today: &str, horizon: &str) -> Result<(i64, i64)> {
        let mut q = Query::default();
        let deps = q.list(texts(departments));
        let today = q.arg(Arg::Text(today.to_owned()));
        let horizon = q.arg(Arg::Text(horizon.to_owned()));
        let sql = format!(
            "SELECT COALESCE(SUM(CASE WHEN deadline >= {today} THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN deadline < {today} THEN 1 ELSE 0 END), 0) \
             FROM applications WHERE department_code IN ({deps}) AND status IN {OPEN} AND deadline <= {horizon}"
        );
        let args = q.args;
        Ok(with_pool!(self, |p| bind_args!(sqlx::query_as::<_, (i64, i64)>(&sql), &args).fetch_one(p).await?))
    }

    /// Every open application due by `horizon` (`YYYY-MM-DD`).
    #[tracing::instrument(skip_all)]
    pub async fn open_due_by(&self, horizon: &str) -> Result<Vec<DeadlineRow>> {
        let sql = format!("SELECT id, service_code, status, deadline FROM applications WHERE status IN {OPEN} AND deadline <= $1");
        Ok(with_pool!(self, |p| sqlx::query_as(&sql).bind(horizon).fetch_all(p).await?))
    }

    /// Applications of `departments` in work, per assignee and status.
    #[tracing::instrument(skip_all)]
    pub async fn work_per_clerk(&self, departments: &[String]) -> Result<Vec<(i64, String, i64)>> {
        let mut q = Query::default();
        let deps = q.list(texts(departments));
        let sql = format!(
            "SELECT assignee_id, status, COUNT(*) FROM applications WHERE department_code IN ({deps}) \
             AND status IN ('in_review', 'awaiting_applicant') AND assignee_id IS NOT NULL GROUP BY assignee_id, status"
        );
        let args = q.args;
        Ok(with_pool!(self, |p| bind_args!(sqlx::query_as(&sql), &args).fetch_all(p).await?))
    }

    /// Registered applications of `departments` nobody has taken.
    #[tracing::instrument(skip_all)]
    pub async fn unassigned(&self, departments: &[String]) -> Result<i64> {
        let mut q = Query::default();
        let deps = q.list(texts(departments));
        let sql = format!("SELECT COUNT(*) FROM applications WHERE department_code IN ({deps}) AND status = 'registered'");
        let args = q.args;
        let (n,): (i64,) = with_pool!(self, |p| bind_args!(sqlx::query_as(&sql), &args).fetch_one(p).await?);
        Ok(n)
    }

    /// Open applications of `departments` overdue on `today`, per service, most first.
    #[tracing::instrument(skip_all)]
    pub async fn overdue_per_service(&self, departments: &[String], today: &str) -> Result<Vec<(String, i64)>> {
        let mut q = Query::default();
        let deps = q.list(texts(departments));
        let today = q.arg(Arg::Text(today.to_owned()));
        let sql = format!(
            "SELECT service_code, COUNT(*) FROM applications WHERE department_code IN ({deps}) \
             AND status IN {OPEN} AND deadline < {today} GROUP BY service_code ORDER BY COUNT(*) DESC, service_code"
        );
        let args = q.args;
        Ok(with_pool!(self, |p| bind_args!(sqlx::query_as(&sql), &args).fetch_all(p).await?))
    }

    /// When the applications of `departments` decided since `since` were submitted and decided.
    #[tracing::instrument(skip_all)]
    pub async fn decision_times(&self, departments: &[String], since: i64) -> Result<Vec<(i64, i64)>> {
        let mut q = Query::default();
        let deps = q.list(texts(departments));
        let since = q.arg(Arg::Int(since));
        let sql = format!(
            "SELECT submitted_at, decided_at FROM applications WHERE department_code IN ({deps}) AND decided_at >= {since} AND submitted_at IS NOT NULL"
        );
        let args = q.args;
        Ok(with_pool!(self, |p| bind_args!(sqlx::query_as(&sql), &args).fetch_all(p).await?))
    }

    /// Clerks and heads of `department` who have logged in at least once, by name; the link's
    /// code is the person's id.
    #[tracing::instrument(skip_all)]
    pub async fn department_staff(&self, department: &str) -> Result<Vec<Link>> {
        let rows: Vec<(i64, String, String, Option<String>)> = with_pool!(self, |p| sqlx::query_as(
            "SELECT DISTINCT p.id, p.family_name, p.given_name, p.middle_name FROM staff_roles r JOIN persons p ON p.snils = r.snils \
             WHERE r.department_code = $1 AND r.role IN ('clerk', 'head') ORDER BY p.family_name, p.given_name, p.id"
        )
        .bind(department)
        .fetch_all(p)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(id, f, g, m)| Link { code: id.to_string(), title: [Some(f), Some(g), m].into_iter().flatten().collect::<Vec<_>>().join(" ") })
            .collect())
    }
}
