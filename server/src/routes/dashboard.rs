//! `GET /admin/dashboard.csv?chart=…&from=…&to=…`: the table of one chart of the operator's
//! dashboards as a CSV file (UTF-8 with a byte order mark, `;` between fields, so that Excel
//! opens Russian text in columns). The same rows as the page's table, except that the
//! applications per day have every service in its own column.
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use domain::dashboard::{csv, parse_period, Chart};
use serde::Deserialize;

use crate::error::AppError;
use crate::extract::Operator;
use crate::state::AppState;
use crate::visitor::Visitor;

/// The address's parameters; each may be missing (the period then defaults like the page's).
#[derive(Deserialize)]
pub struct CsvQuery {
    chart: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// `GET /admin/dashboard.csv`: operator only; nobody logged in is sent to log in, anyone else
/// is refused (403); an unknown chart or a bad period is a localized 400.
pub async fn dashboard_csv(
    State(state): State<AppState>,
    Operator(who): Operator,
    Visitor { i18n, lang }: Visitor,
    query: Result<Query<CsvQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let Ok(Query(query)) = query else { return Err(AppError::BadRequest(i18n.t("dash-csv-bad-chart"))) };
    let Some(chart) = query.chart.as_deref().and_then(Chart::parse) else {
        return Err(AppError::BadRequest(i18n.t("dash-csv-bad-chart")));
    };
    let rules = state.portal.rules().await?;
    let period =
        parse_period(query.from.as_deref(), query.to.as_deref(), rules.today(state.portal.now())).map_err(|e| AppError::BadRequest(i18n.t(e.message_key())))?;
    let d = backend::dashboard::dashboard(&state.portal, lang, period).await?;
    let table = d.table(chart, &d.applications, &i18n);
    let file = format!("dashboard-{}-{}-{}.csv", chart.as_str(), d.from, d.to);
    let mut response = csv(&table.lines()).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    tracing::info!(person_id = who.person_id, chart = chart.as_str(), from = %d.from, to = %d.to, "dashboard exported");
    Ok(response)
}
