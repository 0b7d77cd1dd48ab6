//! The operator's progress dashboards (`/admin/dashboard`): the figures of five charts, the
//! period they cover, and the pure helpers that turn them into pictures and files: buckets of
//! processing times, the scale of a chart in SVG units, the table of each chart (the same rows
//! on the page and in its CSV file) and CSV itself. What each figure counts: `docs/dashboards.md`.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::dates::{add_days, format_date, parse_date};

/// Days of the period when none is chosen: the last 30, today included.
pub const DEFAULT_DAYS: i32 = 30;

/// The longest period one may choose, in days (a leap year).
pub const MAX_DAYS: i64 = 366;

/// The first day of each processing-time bucket, in working days; the last bucket is open.
pub const BUCKET_STARTS: [i64; 7] = [0, 1, 3, 6, 11, 21, 31];

/// Services of their own in the chart of applications per day; the rest are added up.
pub const CHART_SERIES: usize = 4;

/// The days a dashboard covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
}

/// Why a period cannot be shown; each has its sentence in the locales (`dash-period-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum PeriodError {
    /// `from` is not a date.
    #[error("the start of the period is not a date")]
    BadFrom,
    /// `to` is not a date.
    #[error("the end of the period is not a date")]
    BadTo,
    /// `from` is after `to`.
    #[error("the period ends before it starts")]
    Reversed,
    /// Longer than [`MAX_DAYS`].
    #[error("the period is longer than {MAX_DAYS} days")]
    TooLong,
}

impl PeriodError {
    /// The key of its sentence in the locales.
    pub fn message_key(self) -> &'static str {
        match self {
            PeriodError::BadFrom => "dash-period-bad-from",
            PeriodError::BadTo => "dash-period-bad-to",
            PeriodError::Reversed => "dash-period-reversed",
            PeriodError::TooLong => "dash-period-too-long",
        }
    }
}

/// Days since 1 January 1970.
pub fn day_number(date: Date) -> i64 {
    let epoch = Date::from_calendar_date(1970, Month::January, 1).unwrap_or(Date::MIN);
    i64::from(date.to_julian_day() - epoch.to_julian_day())
}

/// The start of `date` in a zone `utc_offset` hours ahead of UTC, in UTC milliseconds.
pub fn day_start_ms(date: Date, utc_offset: i8) -> i64 {
    day_number(date) * 86_400_000 - i64::from(utc_offset) * 3_600_000
}

impl Period {
    /// Days in it.
    pub fn days(&self) -> i64 {
        day_number(self.to) - day_number(self.from) + 1
    }

    /// Its days in order.
    pub fn dates(&self) -> Vec<Date> {
        (0..self.days()).map(|i| add_days(self.from, i as i32)).collect()
    }

    /// `[start, end)` in UTC milliseconds, for a region `utc_offset` hours ahead of UTC.
    pub fn bounds_ms(&self, utc_offset: i8) -> (i64, i64) {
        (day_start_ms(self.from, utc_offset), day_start_ms(self.to, utc_offset) + 86_400_000)
    }
}

/// The period of the address `?from=…&to=…` (`YYYY-MM-DD`; `DD.MM.YYYY` as typed where a browser
/// has no date picker). A missing or empty end is `today`; a missing or empty start is
/// [`DEFAULT_DAYS`] days back from the end.
pub fn parse_period(from: Option<&str>, to: Option<&str>, today: Date) -> Result<Period, PeriodError> {
    let given = |t: Option<&str>| t.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    let to = match given(to) {
        Some(t) => parse_date(&t).ok_or(PeriodError::BadTo)?,
        None => today,
    };
    let from = match given(from) {
        Some(f) => parse_date(&f).ok_or(PeriodError::BadFrom)?,
        None => add_days(to, 1 - DEFAULT_DAYS),
    };
    if from > to {
        return Err(PeriodError::Reversed);
    }
    let period = Period { from, to };
    if period.days() > MAX_DAYS {
        return Err(PeriodError::TooLong);
    }
    Ok(period)
}

/// Published services per electronic stage, all of them and the priority ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageFigures {
    /// Published services at stage 1, 2, … 5.
    pub all: [i64; 5],
    /// Published priority services at stage 1, 2, … 5.
    pub priority: [i64; 5],
}

impl StageFigures {
    /// Published services.
    pub fn published(&self) -> i64 {
        self.all.iter().sum()
    }

    /// Published priority services.
    pub fn priority_total(&self) -> i64 {
        self.priority.iter().sum()
    }

    /// Priority services at stage 3 (applying online) or beyond.
    pub fn priority_online(&self) -> i64 {
        self.priority[2..].iter().sum()
    }
}

/// Applications of one service per day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// The service's code; empty for "other services".
    pub code: String,
    /// Its title.
    pub title: String,
    /// One count per day of the period.
    pub counts: Vec<i64>,
}

impl Series {
    /// All its applications.
    pub fn total(&self) -> i64 {
        self.counts.iter().sum()
    }
}

/// Applications submitted per day of the period, per service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyApplications {
    /// The days, `YYYY-MM-DD`.
    pub days: Vec<String>,
    /// Services with applications in the period, most first.
    pub series: Vec<Series>,
}

impl DailyApplications {
    /// Applications per day, all services.
    pub fn totals(&self) -> Vec<i64> {
        (0..self.days.len()).map(|i| self.series.iter().map(|s| s.counts.get(i).copied().unwrap_or(0)).sum()).collect()
    }

    /// The first `keep` series as they are and the rest added up as one titled `other`.
    pub fn folded(&self, keep: usize, other: &str) -> DailyApplications {
        if self.series.len() <= keep + 1 {
            return self.clone();
        }
        let mut series: Vec<Series> = self.series[..keep].to_vec();
        let mut rest = vec![0; self.days.len()];
        for s in &self.series[keep..] {
            for (sum, n) in rest.iter_mut().zip(&s.counts) {
                *sum += n;
            }
        }
        series.push(Series { code: String::new(), title: other.to_owned(), counts: rest });
        DailyApplications { days: self.days.clone(), series }
    }
}

/// Decided applications with this many working days from submission to decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    /// The fewest days.
    pub min: i64,
    /// The most days; `None`: no limit.
    pub max: Option<i64>,
    /// Applications.
    pub count: i64,
}

impl Bucket {
    /// As on the chart's axis: `0`, `1–2`, `31+`.
    pub fn short_label(&self) -> String {
        match self.max {
            None => format!("{}+", self.min),
            Some(max) if max == self.min => self.min.to_string(),
            Some(max) => format!("{}–{max}", self.min),
        }
    }
}

/// The buckets of [`BUCKET_STARTS`] with how many of `days` fall in each; days below zero count
/// as zero.
pub fn bucket_counts(days: &[i64]) -> Vec<Bucket> {
    let mut buckets: Vec<Bucket> =
        BUCKET_STARTS.iter().enumerate().map(|(i, &min)| Bucket { min, max: BUCKET_STARTS.get(i + 1).map(|next| next - 1), count: 0 }).collect();
    for &d in days {
        let d = d.max(0);
        let i = BUCKET_STARTS.iter().rposition(|&start| d >= start).unwrap_or(0);
        buckets[i].count += 1;
    }
    buckets
}

/// How long decisions of the period took.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessingTimes {
    /// Decisions in the period.
    pub decided: i64,
    /// Those decisions by working days taken.
    pub buckets: Vec<Bucket>,
}

/// Open applications of a department and how many of them are past their deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentOverdue {
    /// The department's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Open applications (not decided, not withdrawn).
    pub open: i64,
    /// Of those, past their deadline.
    pub overdue: i64,
}

/// Messages to the federal portal by delivery state, now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryFigures {
    /// Waiting or being sent.
    pub pending: i64,
    /// Parked after their last attempt.
    pub failed: i64,
    /// Delivered.
    pub delivered: i64,
    /// Since when the oldest pending one waits, `YYYY-MM-DD HH:MM` in the region.
    pub oldest_pending: Option<String>,
}

/// Everything the dashboard page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// First day of the period, `YYYY-MM-DD`.
    pub from: String,
    /// Last day of the period.
    pub to: String,
    /// Today in the region: the day of the figures that are "now" (stages, overdue, delivery).
    pub today: String,
    /// Chart 1.
    pub stages: StageFigures,
    /// Chart 2.
    pub applications: DailyApplications,
    /// Chart 3.
    pub processing: ProcessingTimes,
    /// Chart 4: departments with open applications, most overdue first.
    pub overdue: Vec<DepartmentOverdue>,
    /// Chart 5.
    pub delivery: DeliveryFigures,
}

/// What the dashboard's server function answers: the figures, or why the period is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DashboardAnswer {
    /// The figures of the period.
    Ready(Box<Dashboard>),
    /// The period cannot be read.
    BadPeriod(PeriodError),
}

/// The charts, by their name in addresses (`?chart=stages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Chart {
    /// Services by electronic stage.
    Stages,
    /// Applications per day by service.
    Applications,
    /// Processing times.
    Processing,
    /// Overdue per department.
    Overdue,
    /// Federal delivery.
    Delivery,
}

impl Chart {
    /// Every chart, in page order.
    pub const ALL: [Chart; 5] = [Chart::Stages, Chart::Applications, Chart::Processing, Chart::Overdue, Chart::Delivery];

    /// The name in addresses and file names.
    pub fn as_str(self) -> &'static str {
        match self {
            Chart::Stages => "stages",
            Chart::Applications => "applications",
            Chart::Processing => "processing",
            Chart::Overdue => "overdue",
            Chart::Delivery => "delivery",
        }
    }

    /// The chart of a name.
    pub fn parse(text: &str) -> Option<Chart> {
        Chart::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// Texts of tables, from the visitor's locale: `key` with integer arguments.
pub trait Labels {
    /// The text of `key`.
    fn label(&self, key: &str, args: &[(&str, i64)]) -> String;
}

/// A chart's data as a table: a header row, then rows whose first cell names the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column headings.
    pub head: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Header and rows together, as a file has them.
    pub fn lines(&self) -> Vec<Vec<String>> {
        std::iter::once(self.head.clone()).chain(self.rows.iter().cloned()).collect()
    }
}

/// The text of a bucket in tables: "same day", "1–2 working days", "31 and more".
pub fn bucket_label(b: &Bucket, l: &dyn Labels) -> String {
    match b.max {
        Some(0) => l.label("dash-bucket-zero", &[]),
        Some(max) => l.label("dash-bucket-range", &[("min", b.min), ("max", max)]),
        None => l.label("dash-bucket-open", &[("min", b.min)]),
    }
}

impl Dashboard {
    /// The table of `chart`; for applications per day, of `applications` as given (the page
    /// passes the folded series, the file all of them).
    pub fn table(&self, chart: Chart, applications: &DailyApplications, l: &dyn Labels) -> Table {
        let n = |v: i64| v.to_string();
        match chart {
            Chart::Stages => Table {
                head: vec![l.label("dash-col-stage", &[]), l.label("dash-col-services", &[]), l.label("dash-col-priority", &[])],
                rows: (0..5)
                    .map(|i| vec![l.label("dash-stage-row", &[("stage", i as i64 + 1)]), n(self.stages.all[i]), n(self.stages.priority[i])])
                    .chain(std::iter::once(vec![l.label("dash-total", &[]), n(self.stages.published()), n(self.stages.priority_total())]))
                    .collect(),
            },
            Chart::Applications => {
                let totals = applications.totals();
                let mut head = vec![l.label("dash-col-day", &[])];
                head.extend(applications.series.iter().map(|s| s.title.clone()));
                head.push(l.label("dash-total", &[]));
                let rows = applications
                    .days
                    .iter()
                    .enumerate()
                    .map(|(i, day)| {
                        let mut row = vec![day.clone()];
                        row.extend(applications.series.iter().map(|s| n(s.counts.get(i).copied().unwrap_or(0))));
                        row.push(n(totals[i]));
                        row
                    })
                    .collect();
                Table { head, rows }
            }
            Chart::Processing => Table {
                head: vec![l.label("dash-col-working-days", &[]), l.label("dash-col-decided", &[])],
                rows: self
                    .processing
                    .buckets
                    .iter()
                    .map(|b| vec![bucket_label(b, l), n(b.count)])
                    .chain(std::iter::once(vec![l.label("dash-total", &[]), n(self.processing.decided)]))
                    .collect(),
            },
            Chart::Overdue => Table {
                head: vec![l.label("dash-col-department", &[]), l.label("dash-col-open", &[]), l.label("dash-col-overdue", &[])],
                rows: self.overdue.iter().map(|d| vec![d.name.clone(), n(d.open), n(d.overdue)]).collect(),
            },
            Chart::Delivery => Table {
                head: vec![l.label("dash-col-state", &[]), l.label("dash-col-messages", &[])],
                rows: vec![
                    vec![l.label("dash-delivery-delivered", &[]), n(self.delivery.delivered)],
                    vec![l.label("dash-delivery-pending", &[]), n(self.delivery.pending)],
                    vec![l.label("dash-delivery-failed", &[]), n(self.delivery.failed)],
                ],
            },
        }
    }
}

/// The dates of a period as ISO texts.
pub fn iso_days(period: &Period) -> Vec<String> {
    period.dates().into_iter().map(format_date).collect()
}

/// The top of a chart's axis: the smallest of 1, 2, 5 × 10ⁿ at least `max` (at least 1).
pub fn nice_ceiling(max: i64) -> i64 {
    let mut magnitude: i64 = 1;
    loop {
        for step in [1, 2, 5] {
            let candidate = step * magnitude;
            if candidate >= max {
                return candidate;
            }
        }
        match magnitude.checked_mul(10) {
            Some(m) => magnitude = m,
            None => return i64::MAX,
        }
    }
}

/// The grid lines of an axis up to `ceiling` (from [`nice_ceiling`]): 0, equal steps, at most
/// five of them, the last one `ceiling`.
pub fn ticks(ceiling: i64) -> Vec<i64> {
    let ceiling = ceiling.max(1);
    let mut magnitude: i64 = 1;
    let step = 'found: loop {
        for s in [1, 2, 5] {
            let step = s * magnitude;
            if ceiling % step == 0 && ceiling / step <= 5 {
                break 'found step;
            }
        }
        match magnitude.checked_mul(10) {
            Some(m) if m <= ceiling => magnitude = m,
            _ => break ceiling,
        }
    };
    (0..=ceiling / step).map(|i| i * step).collect()
}

/// The length in SVG units of a bar of `value` on an axis from 0 to `ceiling` drawn `length`
/// long; within `[0, length]`.
pub fn scale(value: i64, ceiling: i64, length: f64) -> f64 {
    if ceiling <= 0 {
        return 0.0;
    }
    (value.clamp(0, ceiling) as f64 / ceiling as f64) * length
}

/// One CSV field: quoted when it holds `separator`, a quote or a line break; for spreadsheets, a
/// text they would take for a formula (`=`, `+`, `-`, `@`, tab) gets a leading apostrophe.
fn csv_field(text: &str, separator: char, spreadsheet: bool) -> String {
    let text = if spreadsheet && text.starts_with(['=', '+', '-', '@', '\t']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The field separator: Excel in a Russian locale splits columns by semicolons.
pub const CSV_SEPARATOR: char = ';';

/// A CSV file of `lines` for people's spreadsheets (RFC 4180 with `;` between fields and CRLF
/// after each line), in UTF-8 with a byte order mark so that Excel reads Cyrillic correctly.
pub fn csv(lines: &[Vec<String>]) -> String {
    write_csv(lines, CSV_SEPARATOR, true)
}

/// RFC 4180 CSV of `lines` with `separator` and CRLF; `spreadsheet` adds the byte order mark and
/// defuses formulas (machine-read files, such as open data, get neither).
pub fn write_csv(lines: &[Vec<String>], separator: char, spreadsheet: bool) -> String {
    let mut out = if spreadsheet { String::from('\u{feff}') } else { String::new() };
    for line in lines {
        let fields: Vec<String> = line.iter().map(|f| csv_field(f, separator, spreadsheet)).collect();
        out.push_str(&fields.join(&separator.to_string()));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    struct Keys;
    impl Labels for Keys {
        fn label(&self, key: &str, args: &[(&str, i64)]) -> String {
            let args: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
            if args.is_empty() {
                key.to_owned()
            } else {
                format!("{key}({})", args.join(","))
            }
        }
    }

    /// Reads what [`csv`] writes (for the round trip).
    fn read_csv(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix('\u{feff}').expect("a byte order mark");
        let (mut lines, mut line, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ';') => line.push(std::mem::take(&mut field)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'));
                    line.push(std::mem::take(&mut field));
                    lines.push(std::mem::take(&mut line));
                }
                (false, c) => field.push(c),
            }
        }
        lines
    }

    #[test]
    fn the_default_period_is_the_last_thirty_days_with_today() {
        let p = parse_period(None, None, d("2026-11-23")).unwrap();
        assert_eq!((p.from, p.to, p.days()), (d("2026-10-25"), d("2026-11-23"), 30));
        let p = parse_period(Some(""), Some(" "), d("2026-11-23")).unwrap();
        assert_eq!(p.from, d("2026-10-25"), "empty date inputs are no choice");
        let p = parse_period(None, Some("2026-01-31"), d("2026-11-23")).unwrap();
        assert_eq!((p.from, p.to), (d("2026-01-02"), d("2026-01-31")));
        let p = parse_period(Some("01.11.2026"), Some("2026-11-01"), d("2026-11-23")).unwrap();
        assert_eq!(p.days(), 1, "one day, typed the Russian way");
    }

    #[test]
    fn bad_periods_say_what_is_wrong() {
        let today = d("2026-11-23");
        assert_eq!(parse_period(Some("2026-13-01"), None, today), Err(PeriodError::BadFrom));
        assert_eq!(parse_period(None, Some("вчера"), today), Err(PeriodError::BadTo));
        assert_eq!(parse_period(Some("2026-11-02"), Some("2026-11-01"), today), Err(PeriodError::Reversed));
        assert_eq!(parse_period(Some("2024-12-31"), Some("2026-01-01"), today), Err(PeriodError::TooLong));
        assert!(parse_period(Some("2025-01-01"), Some("2026-01-01"), today).is_ok(), "366 days");
        assert!(parse_period(Some("2025-01-01"), Some("2025-12-31"), today).is_ok());
        assert_eq!(PeriodError::Reversed.message_key(), "dash-period-reversed");
    }

    #[test]
    fn a_period_is_bounded_by_local_midnights() {
        let p = Period { from: d("2026-11-02"), to: d("2026-11-03") };
        // Midnight in Moscow (UTC+3) is 21:00 UTC the day before.
        assert_eq!(p.bounds_ms(3), (1_793_566_800_000, 1_793_566_800_000 + 2 * 86_400_000));
        assert_eq!(iso_days(&p), ["2026-11-02", "2026-11-03"]);
    }

    #[test]
    fn processing_times_fall_into_their_buckets() {
        let b = bucket_counts(&[0, 0, 1, 2, 3, 5, 6, 10, 11, 20, 21, 30, 31, 400, -2]);
        let counts: Vec<(String, i64)> = b.iter().map(|b| (b.short_label(), b.count)).collect();
        assert_eq!(
            counts,
            [("0".into(), 3), ("1–2".into(), 2), ("3–5".into(), 2), ("6–10".into(), 2), ("11–20".into(), 2), ("21–30".into(), 2), ("31+".into(), 2)]
        );
        assert_eq!(bucket_label(&b[0], &Keys), "dash-bucket-zero");
        assert_eq!(bucket_label(&b[1], &Keys), "dash-bucket-range(min=1,max=2)");
        assert_eq!(bucket_label(&b[6], &Keys), "dash-bucket-open(min=31)");
    }

    #[test]
    fn axes_end_on_round_numbers_with_few_grid_lines() {
        assert_eq!([0, 1, 2, 3, 6, 11, 20, 21, 99, 101, 4_999].map(nice_ceiling), [1, 1, 2, 5, 10, 20, 20, 50, 100, 200, 5_000]);
        assert_eq!(ticks(1), [0, 1]);
        assert_eq!(ticks(5), [0, 1, 2, 3, 4, 5]);
        assert_eq!(ticks(20), [0, 5, 10, 15, 20]);
        assert_eq!(ticks(200), [0, 50, 100, 150, 200]);
        assert_eq!(scale(5, 10, 200.0), 100.0);
        assert_eq!(scale(-1, 10, 200.0), 0.0);
    }

    #[test]
    fn small_services_are_added_up_as_others() {
        let s = |code: &str, counts: Vec<i64>| Series { code: code.into(), title: code.to_uppercase(), counts };
        let daily = DailyApplications {
            days: vec!["a".into(), "b".into()],
            series: vec![s("x", vec![5, 1]), s("y", vec![2, 2]), s("z", vec![0, 1]), s("w", vec![1, 0])],
        };
        let folded = daily.folded(1, "Другие");
        assert_eq!(folded.series.iter().map(|s| (s.title.as_str(), s.counts.clone())).collect::<Vec<_>>(), [("X", vec![5, 1]), ("Другие", vec![3, 3])]);
        assert_eq!(folded.totals(), daily.totals());
        assert_eq!(daily.folded(3, "Другие"), daily, "one left over stays itself");
    }

    #[test]
    fn tables_have_a_total_and_the_csv_has_a_bom_semicolons_and_quotes() {
        let dash = Dashboard {
            from: "2026-11-01".into(),
            to: "2026-11-02".into(),
            today: "2026-11-02".into(),
            stages: StageFigures { all: [5, 16, 21, 6, 3], priority: [0, 2, 10, 3, 2] },
            applications: DailyApplications {
                days: vec!["2026-11-01".into(), "2026-11-02".into()],
                series: vec![Series { code: "k".into(), title: "Детский сад; запись".into(), counts: vec![2, 0] }],
            },
            processing: ProcessingTimes::default(),
            overdue: vec![],
            delivery: DeliveryFigures::default(),
        };
        assert_eq!((dash.stages.priority_online(), dash.stages.priority_total(), dash.stages.published()), (15, 17, 51));
        let stages = dash.table(Chart::Stages, &dash.applications, &Keys);
        assert_eq!(stages.rows.last().unwrap(), &["dash-total", "51", "17"]);
        let file = csv(&dash.table(Chart::Applications, &dash.applications, &Keys).lines());
        assert_eq!(file, "\u{feff}dash-col-day;\"Детский сад; запись\";dash-total\r\n2026-11-01;2;2\r\n2026-11-02;0;0\r\n");
        assert_eq!(csv(&[vec!["=1+1".into(), "-2".into()]]), "\u{feff}'=1+1;'-2\r\n", "no formulas");
    }

    #[test]
    fn charts_are_named_in_addresses() {
        for c in Chart::ALL {
            assert_eq!(Chart::parse(c.as_str()), Some(c));
        }
        assert_eq!(Chart::parse("everything"), None);
    }

    proptest! {
        #[test]
        fn every_decision_is_in_exactly_one_bucket(days in proptest::collection::vec(-5i64..500, 0..200)) {
            let buckets = bucket_counts(&days);
            prop_assert_eq!(buckets.iter().map(|b| b.count).sum::<i64>(), days.len() as i64);
            for d in days {
                let d = d.max(0);
                prop_assert_eq!(buckets.iter().filter(|b| d >= b.min && b.max.is_none_or(|m| d <= m)).count(), 1);
            }
        }

        #[test]
        fn bars_fit_the_axis_and_grow_with_their_value(a in 0i64..1_000_000, b in 0i64..1_000_000, length in 1.0f64..2000.0) {
            let ceiling = nice_ceiling(a.max(b));
            prop_assert!(ceiling >= a.max(b));
            let t = ticks(ceiling);
            prop_assert!(t.len() >= 2 && t.len() <= 6);
            prop_assert_eq!(t[0], 0);
            prop_assert_eq!(*t.last().unwrap(), ceiling);
            prop_assert!(t.windows(2).all(|w| w[1] - w[0] == t[1]));
            let (sa, sb) = (scale(a, ceiling, length), scale(b, ceiling, length));
            prop_assert!((0.0..=length).contains(&sa));
            prop_assert_eq!(a <= b, sa <= sb);
        }

        #[test]
        fn a_csv_reads_back_as_written(lines in proptest::collection::vec(proptest::collection::vec("[a-zа-я0-9 ;\"\r\n,]{0,8}", 1..5), 1..5)) {
            prop_assert_eq!(read_csv(&csv(&lines)), lines);
        }

        #[test]
        fn periods_that_parse_are_ordered_and_short_enough(from in 0i32..800, len in -5i32..400) {
            let start = add_days(d("2025-01-01"), from);
            let end = add_days(start, len);
            match parse_period(Some(&format_date(start)), Some(&format_date(end)), d("2026-11-23")) {
                Ok(p) => prop_assert!(p.from <= p.to && p.days() <= MAX_DAYS && p.days() == i64::from(len) + 1),
                Err(e) => prop_assert!(matches!(e, PeriodError::Reversed | PeriodError::TooLong)),
            }
        }
    }
}
