//! The catalog editor's forms: which fields each kind of entry has, how an entry becomes the
//! values of an HTML form and how posted values become an entry again, with a localized error
//! per field. Shared by the page (rendering) and the server (parsing), so both agree.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::localized::Lang;

/// Which list of the catalog an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Categories of services.
    Category,
    /// Life situations.
    LifeSituation,
    /// Departments (ведомства).
    Department,
    /// Municipalities.
    Municipality,
    /// Services.
    Service,
}

impl EntryKind {
    /// Every kind, in the editor's order.
    pub const ALL: [EntryKind; 5] = [EntryKind::Service, EntryKind::Department, EntryKind::Category, EntryKind::LifeSituation, EntryKind::Municipality];

    /// The kind's name in addresses, locale keys and the audit trail.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Category => "category",
            EntryKind::LifeSituation => "life_situation",
            EntryKind::Department => "department",
            EntryKind::Municipality => "municipality",
            EntryKind::Service => "service",
        }
    }

    /// The kind named `s`.
    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The fields of its form, in order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            EntryKind::Category => CATEGORY,
            EntryKind::Municipality => MUNICIPALITY,
            EntryKind::LifeSituation => LIFE_SITUATION,
            EntryKind::Department => DEPARTMENT,
            EntryKind::Service => SERVICE,
        }
    }
}

const fn f(name: &'static str, widget: Widget) -> Field {
    Field { name, widget, required: true }
}

const fn optional(name: &'static str, widget: Widget) -> Field {
    Field { name, widget, required: false }
}

const CATEGORY: &[Field] = &[f("code", Widget::Code), f("title", Widget::Text)];
const MUNICIPALITY: &[Field] = &[f("code", Widget::Code), f("name", Widget::Text)];
const LIFE_SITUATION: &[Field] = &[f("code", Widget::Code), f("title", Widget::Text), f("summary", Widget::LongText)];
const DEPARTMENT: &[Field] = &[
    f("code", Widget::Code),
    f("name", Widget::Text),
    optional("address", Widget::Text),
    optional("phone", Widget::Plain),
    optional("email", Widget::Plain),
    optional("hours", Widget::Text),
    optional("website", Widget::Plain),
];
const SERVICE: &[Field] = &[
    f("code", Widget::Code),
    f("title", Widget::Text),
    f("summary", Widget::LongText),
    f("category", Widget::Select),
    f("department", Widget::Select),
    optional("life_situations", Widget::Checks),
    optional("municipalities", Widget::Checks),
    f("applicants", Widget::LongText),
    optional("documents", Widget::Documents),
    f("fee", Widget::Text),
    f("term_days", Widget::Number),
    f("result", Widget::LongText),
    optional("refusal_grounds", Widget::TextList),
    optional("legal_basis", Widget::TextList),
    optional("channels", Widget::Checks),
    f("stage", Widget::Select),
    optional("priority", Widget::Checkbox),
    optional("assurance", Widget::Select),
    optional("pause_while_awaiting", Widget::Checkbox),
];

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Widget {
    /// The entry's code: typed when created, fixed afterwards.
    Code,
    /// One line per language.
    Text,
    /// Several lines per language.
    LongText,
    /// One line, the same in every language (a phone, an address on the web).
    Plain,
    /// A whole number.
    Number,
    /// One of a list.
    Select,
    /// Any of a list.
    Checks,
    /// Yes or no.
    Checkbox,
    /// Rows of texts per language (refusal grounds, legal basis).
    TextList,
    /// Rows of document names per language, each maybe requested by the department itself.
    Documents,
}

/// One field of an entry's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The entry's field, also the form field's name (`title.ru`, `documents.2.en`…).
    pub name: &'static str,
    /// How it is edited.
    pub widget: Widget,
    /// It must be given.
    pub required: bool,
}

/// Blank rows offered below the filled ones of a list field.
pub const SPARE_ROWS: usize = 2;

/// The values of a form: field name → values (several for checks).
pub type Values = BTreeMap<String, Vec<String>>;

/// What is wrong with one field; `problem` is a locale key (`admin-problem-…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The form field, e.g. `title.en` or `documents.1.ru`.
    pub field: String,
    /// Locale key of the message.
    pub problem: String,
    /// What the pack rules said, when they found it (English, for the operator to quote).
    #[serde(default)]
    pub detail: Option<String>,
}

/// A problem of `field` with message `admin-problem-{key}`.
pub fn problem(field: impl Into<String>, key: &str) -> FieldProblem {
    FieldProblem { field: field.into(), problem: format!("admin-problem-{key}"), detail: None }
}

/// Collects posted `(name, value)` pairs.
pub fn collect(pairs: impl IntoIterator<Item = (String, String)>) -> Values {
    let mut values = Values::new();
    for (name, value) in pairs {
        values.entry(name).or_default().push(value);
    }
    values
}

fn one<'a>(values: &'a Values, name: &str) -> &'a str {
    values.get(name).and_then(|v| v.first()).map_or("", |s| s.trim())
}

/// The values that show `entry` (its JSON) in the form of `kind`.
pub fn values_of(kind: EntryKind, entry: &Value) -> Values {
    let mut values = Values::new();
    let mut put = |name: String, value: String| values.entry(name).or_default().push(value);
    let texts = |prefix: &str, v: &Value, put: &mut dyn FnMut(String, String)| {
        if let Some(map) = v.as_object() {
            for (lang, text) in map {
                put(format!("{prefix}.{lang}"), text.as_str().unwrap_or_default().to_owned());
            }
        }
    };
    for field in kind.fields() {
        let v = &entry[field.name];
        match field.widget {
            Widget::Text | Widget::LongText => texts(field.name, v, &mut put),
            Widget::Code | Widget::Plain | Widget::Select => match v {
                Value::String(s) => put(field.name.into(), s.clone()),
                Value::Number(n) => put(field.name.into(), n.to_string()),
                _ => {}
            },
            Widget::Number => put(field.name.into(), v.as_u64().map(|n| n.to_string()).unwrap_or_default()),
            Widget::Checkbox => {
                if v.as_bool() == Some(true) {
                    put(field.name.into(), "on".into());
                }
            }
            Widget::Checks => {
                for item in v.as_array().into_iter().flatten() {
                    put(field.name.into(), item.as_str().unwrap_or_default().to_owned());
                }
            }
            Widget::TextList => {
                for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                    texts(&format!("{}.{i}", field.name), item, &mut put);
                }
            }
            Widget::Documents => {
                for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                    texts(&format!("{}.{i}", field.name), &item["title"], &mut put);
                    if item["interagency"].as_bool() == Some(true) {
                        put(format!("{}.{i}.interagency", field.name), "on".into());
                    }
                }
            }
        }
    }
    values
}

/// A list field has at most this many rows; a posted index beyond is not a row.
pub const MAX_ROWS: usize = 200;

/// Rows of a list field present in `values` (the highest index plus one, at most [`MAX_ROWS`]).
pub fn rows(values: &Values, name: &str) -> usize {
    let prefix = format!("{name}.");
    values.keys().filter_map(|k| k.strip_prefix(&prefix)?.split('.').next()?.parse::<usize>().ok()).filter(|i| *i < MAX_ROWS).map(|i| i + 1).max().unwrap_or(0)
}

/// A text in every language of `locales`, `None` when all are empty; problems for the missing
/// languages when some are given or the field is required.
fn localized(values: &Values, name: &str, locales: &[Lang], required: bool, problems: &mut Vec<FieldProblem>) -> Option<Value> {
    let texts: Vec<(&Lang, &str)> = locales.iter().map(|l| (l, one(values, &format!("{name}.{l}")))).collect();
    if texts.iter().all(|(_, t)| t.is_empty()) && !required {
        return None;
    }
    let mut map = Map::new();
    for (lang, text) in texts {
        if text.is_empty() {
            problems.push(problem(format!("{name}.{lang}"), "text-missing"));
        }
        map.insert(lang.to_string(), Value::String(text.to_owned()));
    }
    Some(Value::Object(map))
}

/// The entry (as JSON for its pack type) that the posted `values` describe, or every problem.
/// Codes of categories, departments… are checked against the catalog by the pack rules later.
pub fn parse(kind: EntryKind, values: &Values, locales: &[Lang]) -> Result<Value, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut entry = Map::new();
    for field in kind.fields() {
        let name = field.name;
        let value = match field.widget {
            Widget::Code => {
                let code = one(values, name);
                if crate::region::check_code(code).is_err() {
                    problems.push(problem(name, "code"));
                }
                Value::String(code.to_owned())
            }
            Widget::Text | Widget::LongText => localized(values, name, locales, field.required, &mut problems).unwrap_or(Value::Null),
            Widget::Plain => match one(values, name) {
                "" => Value::Null,
                text => Value::String(text.to_owned()),
            },
            Widget::Number => match one(values, name).parse::<u16>() {
                Ok(n) if n > 0 => Value::from(n),
                _ => {
                    problems.push(problem(name, "number"));
                    Value::Null
                }
            },
            Widget::Select => match (name, one(values, name)) {
                (_, "") if field.required => {
                    problems.push(problem(name, "choose"));
                    Value::Null
                }
                (_, "") => Value::Null,
                ("stage", s) => s.parse::<u8>().ok().filter(|n| (1..=5).contains(n)).map_or_else(
                    || {
                        problems.push(problem(name, "choose"));
                        Value::Null
                    },
                    Value::from,
                ),
                (_, s) => Value::String(s.to_owned()),
            },
            Widget::Checkbox => Value::Bool(!one(values, name).is_empty()),
            Widget::Checks => {
                Value::Array(values.get(name).into_iter().flatten().filter(|v| !v.trim().is_empty()).map(|v| Value::String(v.trim().to_owned())).collect())
            }
            Widget::TextList | Widget::Documents => {
                let mut items = Vec::new();
                for i in 0..rows(values, name) {
                    let row = format!("{name}.{i}");
                    let Some(text) = localized(values, &row, locales, false, &mut problems) else { continue };
                    items.push(if field.widget == Widget::Documents {
                        serde_json::json!({ "title": text, "interagency": !one(values, &format!("{row}.interagency")).is_empty() })
                    } else {
                        text
                    });
                }
                Value::Array(items)
            }
        };
        entry.insert(name.to_owned(), value);
    }
    if kind == EntryKind::Department {
        let email = one(values, "email");
        if !email.is_empty() && !email.split_once('@').is_some_and(|(u, h)| !u.is_empty() && h.contains('.')) {
            problems.push(problem("email", "email"));
        }
        let site = one(values, "website");
        if !(site.is_empty() || site.starts_with("https://") || site.starts_with("http://")) {
            problems.push(problem("website", "link"));
        }
    }
    if problems.is_empty() {
        Ok(Value::Object(entry))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_counted_up_to_the_limit_whatever_index_is_posted() {
        let mut values = Values::new();
        values.insert("links.2.url".into(), vec!["https://a.example".into()]);
        assert_eq!(rows(&values, "links"), 3);
        values.insert("links.4000000000.url".into(), vec!["x".into()]);
        assert_eq!(rows(&values, "links"), 3, "a huge index is no row");
        values.insert(format!("links.{}.url", MAX_ROWS - 1), vec!["x".into()]);
        assert_eq!(rows(&values, "links"), MAX_ROWS);
    }

    fn langs() -> Vec<Lang> {
        vec![Lang::parse("ru").unwrap(), Lang::parse("en").unwrap()]
    }

    fn pairs(list: &[(&str, &str)]) -> Values {
        collect(list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())))
    }

    #[test]
    fn a_service_form_round_trips_through_its_values() {
        let entry = serde_json::json!({
            "code": "fishing", "title": {"ru": "Рыбалка", "en": "Fishing"}, "summary": {"ru": "Кратко", "en": "Short"},
            "category": "transport", "department": "mintrans", "life_situations": ["moving"], "municipalities": [],
            "applicants": {"ru": "Граждане", "en": "Citizens"},
            "documents": [{"title": {"ru": "Паспорт", "en": "Passport"}, "interagency": false}, {"title": {"ru": "Выписка", "en": "Extract"}, "interagency": true}],
            "fee": {"ru": "Бесплатно", "en": "Free"}, "term_days": 5, "result": {"ru": "Разрешение", "en": "Licence"},
            "refusal_grounds": [{"ru": "Неполный комплект", "en": "Incomplete"}], "legal_basis": [],
            "channels": ["online", "mfc"], "stage": 3, "priority": true, "assurance": "standard", "pause_while_awaiting": false
        });
        let values = values_of(EntryKind::Service, &entry);
        assert_eq!(parse(EntryKind::Service, &values, &langs()).unwrap(), entry);
    }

    #[test]
    fn missing_languages_bad_codes_and_numbers_are_named_per_field() {
        let values = pairs(&[("code", "Bad Code"), ("title.ru", "Рыбалка"), ("term_days", "0"), ("documents.0.en", "Passport")]);
        let problems = parse(EntryKind::Service, &values, &langs()).unwrap_err();
        let has = |field: &str, key: &str| problems.iter().any(|p| p.field == field && p.problem == format!("admin-problem-{key}"));
        assert!(has("code", "code"));
        assert!(has("title.en", "text-missing"));
        assert!(!has("title.ru", "text-missing"));
        assert!(has("term_days", "number"));
        assert!(has("documents.0.ru", "text-missing"), "a half-filled row names its missing language: {problems:?}");
        assert!(has("category", "choose"));
        assert!(has("stage", "choose"));
    }

    #[test]
    fn empty_rows_and_empty_optional_texts_are_left_out() {
        let values =
            pairs(&[("code", "minx"), ("name.ru", "Минкульт"), ("name.en", "Culture"), ("address.ru", ""), ("address.en", ""), ("email", "not-an-address")]);
        let problems = parse(EntryKind::Department, &values, &langs()).unwrap_err();
        assert_eq!(problems, vec![problem("email", "email")]);
        let values = pairs(&[("code", "minx"), ("name.ru", "Минкульт"), ("name.en", "Culture")]);
        let entry = parse(EntryKind::Department, &values, &langs()).unwrap();
        assert_eq!(entry["address"], Value::Null);
    }
}
