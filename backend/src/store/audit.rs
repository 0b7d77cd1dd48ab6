//! The audit trail as stored: records written, the operator's filtered pages of it, and the
//! trail of openings of personal data (one statement each on both databases).

use domain::staff::{shown_details, AccessLogFilter, Actor, AuditFilter, AuditPage, AuditRow, AUDIT_PAGE};
use serde_json::Value;

use super::{with_pool, with_writer};
use crate::{Db, Result};
use domain::region::RegionRules;

/// One record to write.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// Who acted; `None` when nobody was logged in.
    pub actor: Option<i64>,
    /// What happened, e.g. `login`, `login_failed`, `role_granted`.
    pub action: &'static str,
    /// What it concerned (an application id, a SNILS…).
    pub subject: Option<String>,
    /// The rest, as a JSON object.
    pub details: Value,
    /// The HTTP request it happened in, for finding its log lines.
    pub request_id: Option<String>,
}

impl AuditEntry {
    /// A record of `action` by `actor` with no subject or details yet.
    pub fn new(actor: Option<i64>, action: &'static str) -> AuditEntry {
        AuditEntry { actor, action, subject: None, details: Value::Object(Default::default()), request_id: None }
    }

    /// The same record about `subject`.
    pub fn about(mut self, subject: impl Into<String>) -> AuditEntry {
        self.subject = Some(subject.into());
        self
    }

    /// The same record with `details`.
    pub fn with(mut self, details: Value) -> AuditEntry {
        self.details = details;
        self
    }

    /// The same record tied to a request.
    pub fn in_request(mut self, request_id: Option<String>) -> AuditEntry {
        self.request_id = request_id;
        self
    }
}

/// A stored record, as the operator browses them.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AuditRecord {
    /// Sequence number.
    pub id: i64,
    /// When, UTC milliseconds.
    pub at: i64,
    /// Who acted.
    pub actor_id: Option<i64>,
    /// What happened.
    pub action: String,
    /// What it concerned.
    pub subject: Option<String>,
    /// JSON details.
    pub details: String,
    /// The request it happened in.
    pub request_id: Option<String>,
}

impl Db {
    /// Writes one audit record at `now`.
    #[tracing::instrument(skip_all)]
    pub async fn audit(&self, entry: &AuditEntry, now: i64) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query("INSERT INTO audit_log (at, actor_id, action, subject, details, request_id) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(now)
                .bind(entry.actor)
                .bind(entry.action)
                .bind(&entry.subject)
                .bind(entry.details.to_string())
                .bind(&entry.request_id)
                .execute(p)
                .await?;
        });
        Ok(())
    }

    /// The newest `limit` records of `action` (any action when `None`), newest first.
    #[tracing::instrument(skip_all)]
    pub async fn audit_records(&self, action: Option<&str>, limit: i64) -> Result<Vec<AuditRecord>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT id, at, actor_id, action, subject, details, request_id FROM audit_log \
             WHERE ($1 IS NULL OR action = $1) ORDER BY id DESC LIMIT $2"
        )
        .bind(action)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }
}

impl Db {
    /// Records that staff member `person_id` opened `what` of application `id` (its data, a file):
    /// the personal-data access trail the operator reviews.
    #[tracing::instrument(skip_all)]
    pub async fn record_personal_data_access(&self, person_id: i64, id: &str, what: &str, now: i64) -> Result<()> {
        let entry = AuditEntry::new(Some(person_id), "personal_data_access").about(id).with(serde_json::json!({ "what": what }));
        self.audit(&entry, now).await
    }
}

/// Records of the personal-data trail per page.
pub const ACCESS_PAGE: i64 = 100;

/// The full name of person `p` in SQL (NULL without a person), the same on both databases.
const PERSON_NAME: &str = "TRIM(p.family_name || ' ' || p.given_name || COALESCE(' ' || p.middle_name, ''))";

/// `LIKE` patterns for "the person's name or SNILS contains `text`", bound as four values:
/// three spellings of a name (as typed, lower case, capitalized: SQLite folds only ASCII case,
/// PostgreSQL none) or SNILS digits. Unused ones are `NULL`.
#[derive(Debug, Default, PartialEq)]
struct WhoPatterns {
    names: [Option<String>; 3],
    snils: Option<String>,
}

/// `%text%` with `LIKE`'s own wildcards taken literally (`ESCAPE '\'`).
fn contains_pattern(text: &str) -> String {
    format!("%{}%", super::like_literal(text))
}

impl WhoPatterns {
    fn of(text: Option<&str>) -> WhoPatterns {
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return WhoPatterns::default() };
        // Digits with the usual separators are a SNILS (stored as digits only).
        if text.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            return WhoPatterns { names: Default::default(), snils: Some(contains_pattern(&digits)) };
        }
        let lower = text.to_lowercase();
        let mut chars = lower.chars();
        let capitalized = chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default();
        WhoPatterns { names: [Some(contains_pattern(text)), Some(contains_pattern(&lower)), Some(contains_pattern(&capitalized))], snils: None }
    }
}

/// The SQL condition on person `p` for patterns bound at `$first` and the three after it.
fn who_condition(first: usize) -> String {
    let [a, b, c, d] = [first, first + 1, first + 2, first + 3];
    format!(
        "(${a} IS NULL OR {PERSON_NAME} LIKE ${a} ESCAPE '\\' OR {PERSON_NAME} LIKE ${b} ESCAPE '\\' OR {PERSON_NAME} LIKE ${c} ESCAPE '\\') \
         AND (${d} IS NULL OR p.snils LIKE ${d} ESCAPE '\\')"
    )
}

/// Start of the day `date` (`YYYY-MM-DD`, region time) in UTC milliseconds.
fn day_start_ms(date: Option<&str>, rules: &RegionRules) -> Option<i64> {
    let d = domain::dates::parse_date(date?.trim())?;
    let epoch = time::Date::from_calendar_date(1970, time::Month::January, 1).ok()?;
    let days = i64::from(d.to_julian_day() - epoch.to_julian_day());
    Some(days * 86_400_000 - i64::from(rules.utc_offset) * 3_600_000)
}

/// `[from, to)` in UTC milliseconds for the days `from`..=`to` in the region; unreadable dates
/// are no limit.
fn period_ms(from: Option<&str>, to: Option<&str>, rules: &RegionRules) -> (Option<i64>, Option<i64>) {
    (day_start_ms(from, rules), day_start_ms(to, rules).map(|t| t + 86_400_000))
}

fn full_name(family: Option<String>, given: Option<String>, middle: Option<String>) -> String {
    [family, given, middle].into_iter().flatten().collect::<Vec<_>>().join(" ")
}

#[derive(sqlx::FromRow)]
struct DbAccess {
    id: i64,
    at: i64,
    family_name: Option<String>,
    given_name: Option<String>,
    middle_name: Option<String>,
    application_id: Option<String>,
    number: Option<String>,
    details: String,
}

impl Db {
    /// The newest openings of applicants' personal data by staff, older than record `before`,
    /// that match `filter`: one statement on both databases.
    #[tracing::instrument(skip_all)]
    pub async fn personal_data_accesses(
        &self,
        before: Option<i64>,
        filter: &AccessLogFilter,
        rules: &RegionRules,
    ) -> Result<Vec<domain::access::PersonalDataAccess>> {
        let who = WhoPatterns::of(filter.staff.as_deref());
        let number = filter.number.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(contains_pattern);
        let (from, to) = period_ms(filter.from.as_deref(), filter.to.as_deref(), rules);
        let sql = format!(
            "SELECT l.id, l.at, p.family_name, p.given_name, p.middle_name, a.id AS application_id, a.number, l.details \
             FROM audit_log l LEFT JOIN persons p ON p.id = l.actor_id LEFT JOIN applications a ON a.id = l.subject \
             WHERE l.action = 'personal_data_access' AND l.id < $1 AND {} \
             AND ($6 IS NULL OR a.number LIKE $6 ESCAPE '\\') AND ($7 IS NULL OR l.at >= $7) AND ($8 IS NULL OR l.at < $8) \
             ORDER BY l.id DESC LIMIT $9",
            who_condition(2)
        );
        let [n1, n2, n3] = &who.names;
        let rows: Vec<DbAccess> = with_pool!(self, |p| sqlx::query_as(&sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(n1)
            .bind(n2)
            .bind(n3)
            .bind(&who.snils)
            .bind(&number)
            .bind(from)
            .bind(to)
            .bind(ACCESS_PAGE)
            .fetch_all(p)
            .await?);
        let mut list = Vec::with_capacity(rows.len());
        for r in rows {
            let what: Value = serde_json::from_str(&r.details).unwrap_or_default();
            let file = match (what["what"].as_str().and_then(|w| w.strip_prefix("file:")), &r.application_id) {
                (Some(file), Some(application)) => Some(self.attachment_file(application, file).await?.map_or_else(|| file.to_owned(), |f| f.file_name)),
                _ => None,
            };
            let staff = full_name(r.family_name, r.given_name, r.middle_name);
            list.push(domain::access::PersonalDataAccess { id: r.id, at: rules.local_time(r.at), staff, application: r.number.unwrap_or_default(), file });
        }
        Ok(list)
    }
}

#[derive(sqlx::FromRow)]
struct DbAuditRow {
    id: i64,
    at: i64,
    actor_id: Option<i64>,
    family_name: Option<String>,
    given_name: Option<String>,
    middle_name: Option<String>,
    action: String,
    subject: Option<String>,
    details: String,
}

impl Db {
    /// A page of the audit trail matching `filter`, newest first, older than record `before`,
    /// with every action present (for the filter's choices).
    #[tracing::instrument(skip_all)]
    pub async fn audit_page(&self, filter: &AuditFilter, before: Option<i64>, rules: &RegionRules) -> Result<AuditPage> {
        let who = WhoPatterns::of(filter.actor.as_deref());
        let action = filter.action.as_deref().map(str::trim).filter(|a| !a.is_empty());
        let (from, to) = period_ms(filter.from.as_deref(), filter.to.as_deref(), rules);
        let sql = format!(
            "SELECT l.id, l.at, l.actor_id, p.family_name, p.given_name, p.middle_name, l.action, l.subject, l.details \
             FROM audit_log l LEFT JOIN persons p ON p.id = l.actor_id \
             WHERE l.id < $1 AND ($2 IS NULL OR l.action = $2) AND {} AND ($7 IS NULL OR l.at >= $7) AND ($8 IS NULL OR l.at < $8) \
             ORDER BY l.id DESC LIMIT $9",
            who_condition(3)
        );
        let [n1, n2, n3] = &who.names;
        let mut rows: Vec<DbAuditRow> = with_pool!(self, |p| sqlx::query_as(&sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(action)
            .bind(n1)
            .bind(n2)
            .bind(n3)
            .bind(&who.snils)
            .bind(from)
            .bind(to)
            .bind(AUDIT_PAGE as i64 + 1)
            .fetch_all(p)
            .await?);
        let next = (rows.len() > AUDIT_PAGE).then(|| {
            rows.truncate(AUDIT_PAGE);
            rows.last().map(|r| r.id)
        });
        let actions: Vec<(String,)> = with_pool!(self, |p| sqlx::query_as("SELECT DISTINCT action FROM audit_log ORDER BY action").fetch_all(p).await?);
        let rows = rows
            .into_iter()
            .map(|r| {
                let details: Value = serde_json::from_str(&r.details).unwrap_or(Value::Null);
                let actor = match r.actor_id {
                    Some(_) => Actor::Person(full_name(r.family_name, r.given_name, r.middle_name)),
                    None if details["by"] == "cli" => Actor::CommandLine,
                    None => Actor::System,
                };
                AuditRow { id: r.id, at: rules.local_time(r.at), actor, details: shown_details(&r.action, &details), action: r.action, subject: r.subject }
            })
            .collect();
        Ok(AuditPage { rows, actions: actions.into_iter().map(|(a,)| a).collect(), next: next.flatten() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_is_a_snils_or_three_spellings_of_a_name() {
        assert_eq!(WhoPatterns::of(Some(" 678-901 ")).snils.as_deref(), Some("%678901%"));
        let name = WhoPatterns::of(Some("соКОЛова"));
        assert_eq!(name.names, [Some("%соКОЛова%".into()), Some("%соколова%".into()), Some("%Соколова%".into())]);
        assert_eq!(WhoPatterns::of(Some("   ")), WhoPatterns::default());
        assert_eq!(contains_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
