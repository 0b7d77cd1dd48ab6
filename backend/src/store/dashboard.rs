//! The raw figures of the operator's dashboards (`dashboard.rs` shapes them), one query per
//! chart.

use domain::application::Status;

use super::{bind_args, with_pool, Arg};
use crate::{Db, Result};

/// Applications of one service filed on one day through one origin.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FiledDay {
    /// Days since 1970 in the region's time.
    pub day: i64,
    /// The service.
    pub service_code: String,
    /// `regional` or `federal`.
    pub origin: String,
    /// Filed.
    pub filed: i64,
    /// Of them decided.
    pub decided: i64,
    /// Milliseconds from filing to decision, summed over those decided.
    pub decision_ms: i64,
}

impl Db {
    /// Published services per electronic stage and priority: `(stage, priority, count)`.
    #[tracing::instrument(skip_all)]
    pub async fn services_per_stage(&self) -> Result<Vec<(i64, bool, i64)>> {
        Ok(with_pool!(self, |p| sqlx::query_as("SELECT CAST(stage AS BIGINT), priority, COUNT(*) FROM services WHERE published GROUP BY stage, priority")
            .fetch_all(p)
            .await?))
    }

    /// Applications submitted in `[start, end)` per day (days since 1970 shifted by `offset_ms`)
    /// and service: `(day, service, count)`.
    #[tracing::instrument(skip_all)]
    pub async fn submissions_per_day(&self, offset_ms: i64, start: i64, end: i64) -> Result<Vec<(i64, String, i64)>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT (submitted_at + $1) / 86400000 AS day, service_code, COUNT(*) FROM applications \
             WHERE submitted_at >= $2 AND submitted_at < $3 GROUP BY 1, 2"
        )
        .bind(offset_ms)
        .bind(start)
        .bind(end)
        .fetch_all(p)
        .await?))
    }

    /// Every submitted application counted per day of submission (days since 1970 shifted by
    /// `offset_ms`), service and origin.
    #[tracing::instrument(skip_all)]
    pub async fn filed_per_day(&self, offset_ms: i64) -> Result<Vec<FiledDay>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT (submitted_at + $1) / 86400000 AS day, service_code, origin, COUNT(*) AS filed, \
             CAST(COALESCE(SUM(CASE WHEN decided_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS decided, \
             CAST(COALESCE(SUM(CASE WHEN decided_at IS NOT NULL THEN decided_at - submitted_at ELSE 0 END), 0) AS BIGINT) AS decision_ms \
             FROM applications WHERE submitted_at IS NOT NULL GROUP BY 1, 2, 3"
        )
        .bind(offset_ms)
        .fetch_all(p)
        .await?))
    }

    /// When the applications decided in `[start, end)` were submitted and decided.
    #[tracing::instrument(skip_all)]
    pub async fn decided_between(&self, start: i64, end: i64) -> Result<Vec<(i64, i64)>> {
        Ok(with_pool!(self, |p| sqlx::query_as(
            "SELECT submitted_at, decided_at FROM applications WHERE decided_at >= $1 AND decided_at < $2 AND submitted_at IS NOT NULL"
        )
        .bind(start)
        .bind(end)
        .fetch_all(p)
        .await?))
    }

    /// Per department, applications in `statuses` and those of them due before `today`
    /// (`YYYY-MM-DD`): `(department, open, overdue)`.
    #[tracing::instrument(skip_all)]
    pub async fn overdue_per_department(&self, statuses: &[Status], today: &str) -> Result<Vec<(String, i64, i64)>> {
        let mut args: Vec<Arg> = vec![Arg::Text(today.to_owned())];
        args.extend(statuses.iter().map(|s| Arg::Text(s.as_str().to_owned())));
        let in_statuses = (2..2 + statuses.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT department_code, COUNT(*), COALESCE(SUM(CASE WHEN deadline < $1 THEN 1 ELSE 0 END), 0) FROM applications \
             WHERE status IN ({in_statuses}) GROUP BY department_code"
        );
        Ok(with_pool!(self, |p| bind_args!(sqlx::query_as(&sql), &args).fetch_all(p).await?))
    }
}
