//! The one validator of online forms: the browser runs it as the citizen types, the server runs it
//! again and is the authority. It reads values as typed and says, per field, what is wrong.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use super::checksums::{check_inn, check_ogrn, IdError};
use super::schema::{Bound, Condition, CrossRule, Field, FieldType, FileFormat, FormSchema, IdOf};
use super::DateBound;
use crate::dates::parse_date;
use crate::identity::{Snils, SnilsError};
use crate::localized::LocalizedText;

/// One entry of a repeatable group: field id → value as typed.
pub type Entry = BTreeMap<String, String>;

/// What the citizen entered: top-level values, and the entries of each group. A ticked checkbox is
/// `"true"`; an empty or missing value is not filled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormData {
    /// Top-level field id → value.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Group id → its entries.
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<Entry>>,
}

/// An uploaded file as the validator needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    /// Size in bytes.
    pub size: u64,
    /// Its format, judged by content.
    pub format: FileFormat,
}

/// Files by field path (`scan`, `children[0].certificate`).
pub type Files = BTreeMap<String, Vec<FileInfo>>;

/// What is wrong with one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Must be filled.
    Required,
    /// Must be ticked.
    MustBeChecked,
    /// Fewer characters than `min`.
    TooShort { min: u32 },
    /// More characters than `max`.
    TooLong { max: u32 },
    /// Does not match the pattern; the schema's message.
    Pattern { message: LocalizedText },
    /// Not a number.
    NotANumber,
    /// Not a whole number.
    NotAWholeNumber,
    /// Less than `min`.
    BelowMin { min: String },
    /// More than `max`.
    AboveMax { max: String },
    /// Not a date `YYYY-MM-DD`.
    NotADate,
    /// Earlier than `min` (a date).
    DateTooEarly { min: String },
    /// Later than `max` (a date).
    DateTooLate { max: String },
    /// Not one of the options.
    UnknownOption,
    /// Not a Russian phone number.
    BadPhone,
    /// Not an email address.
    BadEmail,
    /// A SNILS needs 11 digits.
    SnilsFormat,
    /// The SNILS control sum does not match.
    SnilsControlSum,
    /// An INN needs this many digits (10 or 12; 0 means either).
    InnFormat { digits: u32 },
    /// The INN control digits do not match.
    InnControlSum,
    /// An OGRN needs this many digits (13 or 15; 0 means either).
    OgrnFormat { digits: u32 },
    /// The OGRN control digit does not match.
    OgrnControlSum,
    /// A passport is 4 digits of series and 6 of number.
    PassportFormat,
    /// An address this short cannot be delivered to.
    AddressTooShort,
    /// Fewer entries than `min`.
    TooFewEntries { min: u32 },
    /// More entries than `max`.
    TooManyEntries { max: u32 },
    /// More files than `max`.
    TooManyFiles { max: u32 },
    /// A file larger than `max_kb`.
    FileTooLarge { max_kb: u64 },
    /// A file of a format the field does not take.
    FileType { accepted: Vec<FileFormat> },
    /// Filled although the question does not apply (its condition is false).
    HiddenFilled,
    /// Not a field of this form.
    UnknownField,
    /// A cross-field rule; the schema's message.
    Rule { message: LocalizedText },
}

/// A problem at a field path (`phone`, `children[1].birthdate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// Where.
    pub path: String,
    /// What.
    pub problem: Problem,
}

/// Which part of the form to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The fields of one step (index), as the citizen moves on.
    Step(usize),
    /// Everything, before submission.
    All,
}

/// The path of a field of a group entry.
pub fn entry_path(group: &str, index: usize, field: &str) -> String {
    format!("{group}[{index}].{field}")
}

fn filled(v: Option<&String>) -> bool {
    v.is_some_and(|s| !s.trim().is_empty())
}

/// Does `condition` hold, reading its field in `entry` first (same group), else at the top?
pub fn holds(condition: &Condition, entry: Option<&Entry>, data: &FormData) -> bool {
    let value = entry.and_then(|e| e.get(&condition.field)).or_else(|| data.values.get(&condition.field));
    let value = value.map(|v| v.trim()).unwrap_or("");
    if let Some(expected) = &condition.equals {
        return value == expected;
    }
    if let Some(any) = &condition.one_of {
        return any.iter().any(|x| x == value);
    }
    if let Some(checked) = condition.checked {
        return (value == "true") == checked;
    }
    false
}

/// Is `field` shown, given the entry it belongs to (for fields of groups)?
pub fn is_visible(field: &Field, entry: Option<&Entry>, data: &FormData) -> bool {
    field.visible_if.as_ref().is_none_or(|c| holds(c, entry, data))
}

/// Every problem of `data` (and `files`) against `schema` in `scope`, when today is `today`.
pub fn validate(schema: &FormSchema, data: &FormData, files: &Files, today: Date, scope: Scope) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let steps: Vec<usize> = match scope {
        Scope::Step(i) => vec![i],
        Scope::All => (0..schema.steps.len()).collect(),
    };
    for &i in &steps {
        let Some(step) = schema.steps.get(i) else { continue };
        for field in &step.fields {
            if field.kind == FieldType::Group {
                check_group(field, data, files, today, &mut errors);
            } else {
                let visible = is_visible(field, None, data);
                check_value(field, &field.id, data.values.get(&field.id), files, visible, today, &mut errors);
            }
        }
    }
    if scope == Scope::All {
        unknown_fields(schema, data, files, &mut errors);
    }
    for rule in &schema.rules {
        let CrossRule::DateOrder { earlier, later, message } = rule;
        let in_scope =
            schema.steps.iter().enumerate().any(|(i, s)| steps.contains(&i) && s.fields.iter().any(|f| later.split('.').next() == Some(f.id.as_str())));
        if in_scope {
            date_order(schema, data, earlier, later, message, &mut errors);
        }
    }
    errors
}

fn check_group(group: &Field, data: &FormData, files: &Files, today: Date, errors: &mut Vec<FieldError>) {
    let entries = data.groups.get(&group.id).map(Vec::as_slice).unwrap_or_default();
    let visible = is_visible(group, None, data);
    if !visible {
        if entries.iter().any(|e| e.values().any(|v| !v.trim().is_empty())) {
            errors.push(FieldError { path: group.id.clone(), problem: Problem::HiddenFilled });
        }
        return;
    }
    let count = u32::try_from(entries.len()).unwrap_or(u32::MAX);
    if let Some(min) = group.min_items.filter(|m| count < *m) {
        errors.push(FieldError { path: group.id.clone(), problem: Problem::TooFewEntries { min } });
    }
    if count > group.item_limit() {
        errors.push(FieldError { path: group.id.clone(), problem: Problem::TooManyEntries { max: group.item_limit() } });
    }
    for (index, entry) in entries.iter().enumerate() {
        for field in &group.fields {
            let path = entry_path(&group.id, index, &field.id);
            let visible = is_visible(field, Some(entry), data);
            check_value(field, &path, entry.get(&field.id), files, visible, today, errors);
        }
    }
}

fn check_value(field: &Field, path: &str, value: Option<&String>, files: &Files, visible: bool, today: Date, errors: &mut Vec<FieldError>) {
    let mut fail = |problem: Problem| errors.push(FieldError { path: path.to_owned(), problem });
    if field.kind == FieldType::File {
        let uploaded = files.get(path).map(Vec::as_slice).unwrap_or_default();
        if !visible {
            if !uploaded.is_empty() {
                fail(Problem::HiddenFilled);
            }
            return;
        }
        if uploaded.is_empty() {
            if field.required {
                fail(Problem::Required);
            }
            return;
        }
        if uploaded.len() > field.file_limit() as usize {
            fail(Problem::TooManyFiles { max: field.file_limit() });
        }
        for file in uploaded {
            if file.size > field.size_limit() {
                fail(Problem::FileTooLarge { max_kb: field.size_limit() / 1024 });
            }
            if !field.formats().contains(&file.format) {
                fail(Problem::FileType { accepted: field.formats() });
            }
        }
        return;
    }
    if field.kind == FieldType::Checkbox {
        let ticked = value.is_some_and(|v| v == "true");
        if !visible {
            if ticked {
                fail(Problem::HiddenFilled);
            }
        } else if field.required && !ticked {
            fail(Problem::MustBeChecked);
        }
        return;
    }
    if !visible {
        if filled(value) {
            fail(Problem::HiddenFilled);
        }
        return;
    }
    let Some(text) = value.map(|v| v.trim()).filter(|v| !v.is_empty()) else {
        if field.required {
            fail(Problem::Required);
        }
        return;
    };
    if let Some(problem) = check_text(field, text, today) {
        fail(problem);
    }
}

/// What is wrong with a filled value `text` of `field`, if anything.
fn check_text(field: &Field, text: &str, today: Date) -> Option<Problem> {
    let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    if matches!(field.kind, FieldType::Text | FieldType::LongText | FieldType::Address) {
        if chars > field.max_chars() {
            return Some(Problem::TooLong { max: field.max_chars() });
        }
        if let Some(min) = field.min_length.filter(|m| chars < *m) {
            return Some(Problem::TooShort { min });
        }
    } else if chars > field.max_chars() {
        return Some(Problem::TooLong { max: field.max_chars() });
    }
    match field.kind {
        FieldType::Text => field.pattern.as_ref().and_then(|p| {
            let whole = format!("^(?:{})$", p.regex);
            let matches = regex_lite::Regex::new(&whole).map(|r| r.is_match(text)).unwrap_or(false);
            (!matches).then(|| Problem::Pattern { message: p.message.clone() })
        }),
        FieldType::LongText | FieldType::Checkbox | FieldType::File | FieldType::Group => None,
        FieldType::Address => (chars < 10).then_some(Problem::AddressTooShort),
        FieldType::Number => check_number(field, text),
        FieldType::Date => check_date(field, text, today),
        FieldType::Select | FieldType::Radio => (!field.options.iter().any(|o| o.value == text)).then_some(Problem::UnknownOption),
        FieldType::Phone => (!is_phone(text)).then_some(Problem::BadPhone),
        FieldType::Email => (!is_email(text)).then_some(Problem::BadEmail),
        FieldType::Snils => match Snils::parse(text) {
            Ok(_) => None,
            Err(SnilsError::Format) => Some(Problem::SnilsFormat),
            Err(SnilsError::ControlSum) => Some(Problem::SnilsControlSum),
        },
        FieldType::Inn => check_inn_of(field.of.unwrap_or_default(), text),
        FieldType::Ogrn => check_ogrn_of(field.of.unwrap_or_default(), text),
        FieldType::Passport => {
            let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            (digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit())).then_some(Problem::PassportFormat)
        }
    }
}

fn check_number(field: &Field, text: &str) -> Option<Problem> {
    let normalized = text.replace(',', ".").replace(' ', "");
    let Ok(n) = normalized.parse::<f64>() else { return Some(Problem::NotANumber) };
    if !n.is_finite() || normalized.contains(['e', 'E', 'i', 'n', 'N']) {
        return Some(Problem::NotANumber);
    }
    if field.integer && n.fract() != 0.0 {
        return Some(Problem::NotAWholeNumber);
    }
    if let Some(Bound::Number(min)) = field.min {
        if n < min {
            return Some(Problem::BelowMin { min: number_text(min) });
        }
    }
    if let Some(Bound::Number(max)) = field.max {
        if n > max {
            return Some(Problem::AboveMax { max: number_text(max) });
        }
    }
    None
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

fn date_bound(bound: &Option<Bound>, today: Date) -> Option<Date> {
    match bound {
        Some(Bound::Date(text)) => DateBound::parse(text).map(|b| b.resolve(today)),
        _ => None,
    }
}

fn check_date(field: &Field, text: &str, today: Date) -> Option<Problem> {
    let Some(date) = parse_date(text) else { return Some(Problem::NotADate) };
    if let Some(min) = date_bound(&field.min, today).filter(|m| date < *m) {
        return Some(Problem::DateTooEarly { min: crate::dates::format_date(min) });
    }
    if let Some(max) = date_bound(&field.max, today).filter(|m| date > *m) {
        return Some(Problem::DateTooLate { max: crate::dates::format_date(max) });
    }
    None
}

fn digits_only(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check_inn_of(of: IdOf, text: &str) -> Option<Problem> {
    let d = digits_only(text);
    let expected = match of {
        IdOf::Person => 12,
        IdOf::Organisation => 10,
        IdOf::Any | IdOf::Entrepreneur => 0,
    };
    let length_ok = if expected == 0 { d.len() == 10 || d.len() == 12 } else { d.len() == expected };
    if !length_ok || !d.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Problem::InnFormat { digits: expected as u32 });
    }
    match check_inn(&d) {
        Ok(()) => None,
        Err(IdError::Format) => Some(Problem::InnFormat { digits: expected as u32 }),
        Err(IdError::ControlSum) => Some(Problem::InnControlSum),
    }
}

fn check_ogrn_of(of: IdOf, text: &str) -> Option<Problem> {
    let d = digits_only(text);
    let expected = match of {
        IdOf::Organisation => 13,
        IdOf::Entrepreneur | IdOf::Person => 15,
        IdOf::Any => 0,
    };
    let length_ok = if expected == 0 { d.len() == 13 || d.len() == 15 } else { d.len() == expected };
    if !length_ok {
        return Some(Problem::OgrnFormat { digits: expected as u32 });
    }
    match check_ogrn(&d) {
        Ok(()) => None,
        Err(IdError::Format) => Some(Problem::OgrnFormat { digits: expected as u32 }),
        Err(IdError::ControlSum) => Some(Problem::OgrnControlSum),
    }
}

/// A Russian phone number: `+7` or `8` and ten digits, written with any spaces, dashes and brackets.
pub fn is_phone(text: &str) -> bool {
    if !text.chars().all(|c| c.is_ascii_digit() || " -()+".contains(c)) || text.matches('+').count() > 1 {
        return false;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if text.trim_start().starts_with('+') {
        digits.len() == 11 && digits.starts_with('7')
    } else {
        digits.len() == 11 && (digits.starts_with('8') || digits.starts_with('7'))
    }
}

/// An email address as people type them: one `@`, a name, a domain with a dot, no spaces.
pub fn is_email(text: &str) -> bool {
    let Some((user, host)) = text.split_once('@') else { return false };
    !user.is_empty()
        && !host.contains('@')
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && text.len() <= 254
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn unknown_fields(schema: &FormSchema, data: &FormData, files: &Files, errors: &mut Vec<FieldError>) {
    let top = |id: &str, group: bool| schema.field(id).is_some_and(|f| (f.kind == FieldType::Group) == group);
    for id in data.values.keys() {
        if !top(id, false) || schema.field(id).is_some_and(|f| f.kind == FieldType::File) {
            errors.push(FieldError { path: id.clone(), problem: Problem::UnknownField });
        }
    }
    for (id, entries) in &data.groups {
        let Some(group) = schema.field(id).filter(|_| top(id, true)) else {
            errors.push(FieldError { path: id.clone(), problem: Problem::UnknownField });
            continue;
        };
        for (index, entry) in entries.iter().enumerate() {
            for key in entry.keys() {
                if !group.fields.iter().any(|f| &f.id == key && f.kind != FieldType::File) {
                    errors.push(FieldError { path: entry_path(id, index, key), problem: Problem::UnknownField });
                }
            }
        }
    }
    for path in files.keys() {
        let known = match super::FieldPath::parse(path) {
            None => false,
            Some(super::FieldPath::Field(id)) => schema.field(&id).is_some_and(|f| f.kind == FieldType::File),
            Some(super::FieldPath::Entry { group, index, field }) => match schema.field(&group).filter(|g| g.kind == FieldType::Group) {
                Some(g) => index < data.groups.get(&group).map_or(0, Vec::len) && g.fields.iter().any(|f| f.id == field && f.kind == FieldType::File),
                None => false,
            },
        };
        if !known {
            errors.push(FieldError { path: path.clone(), problem: Problem::UnknownField });
        }
    }
}

/// The dates of `path` (`id` or `group.id`): one at the top, or one per group entry, with the path
/// to report at, only where visible and valid.
fn dates_at(schema: &FormSchema, data: &FormData, path: &str) -> Vec<(Option<usize>, String, Date)> {
    let Some((field, group)) = schema.resolve(path) else { return Vec::new() };
    match group {
        None => {
            let value = data.values.get(&field.id).and_then(|v| parse_date(v.trim()));
            value.filter(|_| is_visible(field, None, data)).map(|d| (None, field.id.clone(), d)).into_iter().collect()
        }
        Some(g) => data
            .groups
            .get(&g.id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(_, e)| is_visible(field, Some(e), data))
            .filter_map(|(i, e)| e.get(&field.id).and_then(|v| parse_date(v.trim())).map(|d| (Some(i), entry_path(&g.id, i, &field.id), d)))
            .collect(),
    }
}

fn date_order(schema: &FormSchema, data: &FormData, earlier: &str, later: &str, message: &LocalizedText, errors: &mut Vec<FieldError>) {
    let firsts = dates_at(schema, data, earlier);
    let seconds = dates_at(schema, data, later);
    // A date that already failed its own check says nothing about the order.
    let has_error = |errors: &Vec<FieldError>, path: &str| errors.iter().any(|e| e.path == path);
    for (i, from, a) in &firsts {
        for (j, at, b) in &seconds {
            // Fields of the same group compare within one entry; a top-level one with every entry.
            let same_entry = i.is_none() || j.is_none() || i == j;
            if same_entry && a > b && !has_error(errors, from) && !has_error(errors, at) {
                errors.push(FieldError { path: at.clone(), problem: Problem::Rule { message: message.clone() } });
            }
        }
    }
}
