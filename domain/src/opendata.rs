//! Open data (`/opendata`): the catalog and aggregated figures as datasets anyone may reuse, each
//! as JSON (described by a JSON Schema generated from these types into `docs/opendata/`) and as
//! CSV (described by its data dictionary, [`Dataset::columns`]). Nothing here is about a person:
//! the figures are counts and means per service and month.

use serde::{Deserialize, Serialize};

use crate::dates::format_date;
use crate::localized::{Lang, LocalizedText};
use crate::region::{Channel, DepartmentEntry, MunicipalityEntry};
use crate::stage::Stage;

/// The datasets, in the order the page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// Published services with their passports.
    Services,
    /// Departments with their contacts.
    Departments,
    /// Municipalities.
    Municipalities,
    /// Applications per service and month.
    Figures,
}

/// The licence every dataset is published under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// Its name.
    pub name: String,
    /// Its text.
    pub url: String,
}

/// Creative Commons Attribution 4.0: reuse for any purpose, naming the region as the source.
pub fn licence() -> Licence {
    Licence { name: "CC BY 4.0".into(), url: "https://creativecommons.org/licenses/by/4.0/".into() }
}

/// One data dictionary entry: a CSV column (its description is the message
/// [`Column::message_key`] in `locales/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its header.
    pub name: &'static str,
    /// `string`, `integer`, `number`, `boolean`, `url` or `list` (values separated by `|`).
    pub format: &'static str,
}

impl Column {
    /// The message describing it, as a column of `dataset`.
    pub fn message_key(self, dataset: Dataset) -> String {
        format!("opendata-field-{}-{}", dataset.code(), self.name.replace('_', "-"))
    }
}

const fn col(name: &'static str, format: &'static str) -> Column {
    Column { name, format }
}

const SERVICE_COLUMNS: &[Column] = &[
    col("code", "string"),
    col("title", "string"),
    col("summary", "string"),
    col("category", "string"),
    col("department", "string"),
    col("municipalities", "list"),
    col("applicants", "string"),
    col("documents", "list"),
    col("interagency_documents", "list"),
    col("fee", "string"),
    col("term_days", "integer"),
    col("result", "string"),
    col("refusal_grounds", "list"),
    col("legal_basis", "list"),
    col("channels", "list"),
    col("stage", "integer"),
    col("priority", "boolean"),
    col("online", "boolean"),
    col("url", "url"),
];

const DEPARTMENT_COLUMNS: &[Column] = &[
    col("code", "string"),
    col("name", "string"),
    col("address", "string"),
    col("phone", "string"),
    col("email", "string"),
    col("hours", "string"),
    col("website", "url"),
];

const MUNICIPALITY_COLUMNS: &[Column] = &[col("code", "string"), col("name", "string")];

const FIGURE_COLUMNS: &[Column] = &[
    col("service", "string"),
    col("month", "string"),
    col("applications", "integer"),
    col("filed_online", "integer"),
    col("online_share", "number"),
    col("decided", "integer"),
    col("mean_processing_days", "number"),
];

impl Dataset {
    /// Every dataset.
    pub const ALL: [Dataset; 4] = [Dataset::Services, Dataset::Departments, Dataset::Municipalities, Dataset::Figures];

    /// Its name in addresses: `/opendata/{code}.json`.
    pub fn code(self) -> &'static str {
        match self {
            Dataset::Services => "services",
            Dataset::Departments => "departments",
            Dataset::Municipalities => "municipalities",
            Dataset::Figures => "figures",
        }
    }

    /// The dataset named `code`.
    pub fn parse(code: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.code() == code)
    }

    /// Its CSV columns: the data dictionary.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Dataset::Services => SERVICE_COLUMNS,
            Dataset::Departments => DEPARTMENT_COLUMNS,
            Dataset::Municipalities => MUNICIPALITY_COLUMNS,
            Dataset::Figures => FIGURE_COLUMNS,
        }
    }

    /// Where its JSON Schema is served.
    pub fn schema_path(self) -> String {
        format!("/opendata/{}.schema.json", self.code())
    }
}

/// A dataset as published in JSON: what it is, whose, under which licence, and its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Published<T> {
    /// Its code: `services`, `departments`, `municipalities` or `figures`.
    pub dataset: String,
    /// The region publishing it, per language.
    pub publisher: LocalizedText,
    /// Its licence.
    pub licence: Licence,
    /// When it was made, RFC 3339 UTC.
    pub generated_at: String,
    /// The address of its JSON Schema.
    pub schema: String,
    /// The records.
    pub records: Vec<T>,
}

/// A document of a service's passport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OpenDocument {
    /// Its name, per language.
    pub title: LocalizedText,
    /// The department requests it from other agencies itself.
    pub interagency: bool,
}

/// A published service with its passport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OpenService {
    /// Its code.
    pub code: String,
    /// Title, per language.
    pub title: LocalizedText,
    /// Summary, per language.
    pub summary: LocalizedText,
    /// Category code.
    pub category: String,
    /// Life situation codes.
    pub life_situations: Vec<String>,
    /// The responsible department's code.
    pub department: String,
    /// Municipality codes; empty means the whole region.
    pub municipalities: Vec<String>,
    /// Who may apply, per language.
    pub applicants: LocalizedText,
    /// Required documents.
    pub documents: Vec<OpenDocument>,
    /// Fee, per language.
    pub fee: LocalizedText,
    /// Term in working days.
    pub term_days: u16,
    /// Result, per language.
    pub result: LocalizedText,
    /// Grounds for refusal, each per language.
    pub refusal_grounds: Vec<LocalizedText>,
    /// Legal basis, each per language.
    pub legal_basis: Vec<LocalizedText>,
    /// Ways to apply.
    pub channels: Vec<Channel>,
    /// Electronic stage declared by the region.
    pub stage: Stage,
    /// A priority service.
    pub priority: bool,
    /// An application can be filed on the portal now.
    pub online: bool,
    /// Its passport on the portal.
    pub url: String,
}

/// One service's applications filed in one month (region time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MonthFigures {
    /// The service's code.
    pub service: String,
    /// `YYYY-MM`.
    pub month: String,
    /// Filed.
    pub applications: i64,
    /// Of them filed online (on this portal or the federal one).
    pub filed_online: i64,
    /// `filed_online / applications`, rounded to three places.
    pub online_share: f64,
    /// Of them decided.
    pub decided: i64,
    /// Mean calendar days from filing to decision of those decided, to one place; none while
    /// fewer than [`MIN_DECIDED_FOR_MEAN`] are (one person's case must not be read from it).
    pub mean_processing_days: Option<f64>,
}

/// Applications of one service filed on one day (region time) through one channel, as counted
/// by the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    /// Days since 1970-01-01 in the region's time.
    pub day: i64,
    /// The service's code.
    pub service: String,
    /// Filed online (every origin the portal has today is online).
    pub online: bool,
    /// Filed.
    pub applications: i64,
    /// Of them decided.
    pub decided: i64,
    /// Sum of milliseconds from filing to decision of those decided.
    pub decision_ms: i64,
}

/// The fewest decisions a month's mean processing time is published for.
pub const MIN_DECIDED_FOR_MEAN: i64 = 5;

/// Day counts added up per service and month, ordered by month then service.
pub fn month_figures(days: &[DayCount]) -> Vec<MonthFigures> {
    let mut months: std::collections::BTreeMap<(String, String), (i64, i64, i64, i64)> = Default::default();
    for d in days {
        let date = time::Date::from_julian_day(2_440_588 + d.day as i32).unwrap_or(time::Date::MIN);
        let month = format_date(date)[..7].to_owned();
        let m = months.entry((month, d.service.clone())).or_default();
        m.0 += d.applications;
        m.1 += if d.online { d.applications } else { 0 };
        m.2 += d.decided;
        m.3 += d.decision_ms;
    }
    months
        .into_iter()
        .map(|((month, service), (applications, online, decided, ms))| MonthFigures {
            service,
            month,
            applications,
            filed_online: online,
            online_share: if applications > 0 { (online as f64 / applications as f64 * 1000.0).round() / 1000.0 } else { 0.0 },
            decided,
            mean_processing_days: (decided >= MIN_DECIDED_FOR_MEAN).then(|| (ms as f64 / decided as f64 / 86_400_000.0 * 10.0).round() / 10.0),
        })
        .collect()
}

fn text(t: &LocalizedText, lang: &Lang) -> String {
    t.get(lang, lang).to_owned()
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join("|")
}

/// A record as a CSV line, texts in `lang` (another language where it has none).
pub trait CsvRecord {
    /// Its fields, in the order of its dataset's [`Dataset::columns`].
    fn fields(&self, lang: &Lang) -> Vec<String>;
}

impl CsvRecord for OpenService {
    fn fields(&self, lang: &Lang) -> Vec<String> {
        let docs = |interagency: bool| list(self.documents.iter().filter(|d| d.interagency == interagency).map(|d| text(&d.title, lang)));
        vec![
            self.code.clone(),
            text(&self.title, lang),
            text(&self.summary, lang),
            self.category.clone(),
            self.department.clone(),
            list(self.municipalities.iter().cloned()),
            text(&self.applicants, lang),
            docs(false),
            docs(true),
            text(&self.fee, lang),
            self.term_days.to_string(),
            text(&self.result, lang),
            list(self.refusal_grounds.iter().map(|g| text(g, lang))),
            list(self.legal_basis.iter().map(|g| text(g, lang))),
            list(self.channels.iter().map(|c| serde_json::to_value(c).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())),
            self.stage.number().to_string(),
            self.priority.to_string(),
            self.online.to_string(),
            self.url.clone(),
        ]
    }
}

impl CsvRecord for DepartmentEntry {
    fn fields(&self, lang: &Lang) -> Vec<String> {
        let opt = |t: &Option<LocalizedText>| t.as_ref().map(|t| text(t, lang)).unwrap_or_default();
        vec![
            self.code.clone(),
            text(&self.name, lang),
            opt(&self.address),
            self.phone.clone().unwrap_or_default(),
            self.email.clone().unwrap_or_default(),
            opt(&self.hours),
            self.website.clone().unwrap_or_default(),
        ]
    }
}

impl CsvRecord for MunicipalityEntry {
    fn fields(&self, lang: &Lang) -> Vec<String> {
        vec![self.code.clone(), text(&self.name, lang)]
    }
}

impl CsvRecord for MonthFigures {
    fn fields(&self, _: &Lang) -> Vec<String> {
        vec![
            self.service.clone(),
            self.month.clone(),
            self.applications.to_string(),
            self.filed_online.to_string(),
            self.online_share.to_string(),
            self.decided.to_string(),
            self.mean_processing_days.map(|d| d.to_string()).unwrap_or_default(),
        ]
    }
}

/// A dataset's records as CSV (RFC 4180: commas, CRLF, UTF-8), the header first.
pub fn csv<T: CsvRecord>(dataset: Dataset, records: &[T], lang: &Lang) -> String {
    let mut lines = vec![dataset.columns().iter().map(|c| c.name.to_owned()).collect::<Vec<_>>()];
    lines.extend(records.iter().map(|r| r.fields(lang)));
    crate::dashboard::write_csv(&lines, ',', false)
}

/// The data dictionary of `dataset` as CSV: one line per column, with its description in each of
/// `langs` by `describe(lang, message key)`.
pub fn structure_csv(dataset: Dataset, langs: &[&str], describe: impl Fn(&str, &str) -> String) -> String {
    let mut header = vec!["field".to_owned(), "format".to_owned()];
    header.extend(langs.iter().map(|l| format!("description_{l}")));
    let mut lines = vec![header];
    for c in dataset.columns() {
        let mut line = vec![c.name.to_owned(), c.format.to_owned()];
        line.extend(langs.iter().map(|l| describe(l, &c.message_key(dataset))));
        lines.push(line);
    }
    crate::dashboard::write_csv(&lines, ',', false)
}

#[cfg(test)]
mod tests;
