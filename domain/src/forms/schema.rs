//! The online form schema (`forms/<name>.json` in a region pack): steps of fields, their rules,
//! conditional visibility, prefill from the federal profile, and cross-field rules. A field is one
//! flat JSON object whose `type` says which of the optional attributes apply; [`FormSchema::check`]
//! tells a schema author exactly what is wrong.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::DateBound;
use crate::localized::{Lang, LocalizedText};
use crate::region::missing_langs;

/// A whole online form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSchema {
    /// Steps in order; the citizen fills one per page.
    pub steps: Vec<Step>,
    /// Rules across fields, checked after each field's own.
    #[serde(default)]
    pub rules: Vec<CrossRule>,
}

/// One step (page) of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Machine id, unique in the form.
    pub id: String,
    /// Title per language.
    pub title: LocalizedText,
    /// Fields in order.
    pub fields: Vec<Field>,
}

/// What kind of value a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A number (`min`, `max`, `integer`).
    Number,
    /// A calendar date `YYYY-MM-DD` (`min`, `max`: a date or `today±N d|m|y`).
    Date,
    /// One of `options`, as a drop-down list.
    Select,
    /// One of `options`, as radio buttons.
    Radio,
    /// Yes or no.
    Checkbox,
    /// A Russian phone number.
    Phone,
    /// An email address.
    Email,
    /// A SNILS with its control sum.
    Snils,
    /// An INN with its control sum (`of`: `person`, `organisation` or `any`).
    Inn,
    /// An OGRN (13 digits) or OGRNIP (15) with its control sum (`of`: `organisation`, `entrepreneur` or `any`).
    Ogrn,
    /// Series and number of a Russian passport: `1234 567890`.
    Passport,
    /// A postal address.
    Address,
    /// Uploaded files (`max_files`, `max_size_kb`, `accept`).
    File,
    /// A group of `fields` the citizen may repeat (`min_items`, `max_items`), e.g. children.
    Group,
}

/// One choice of a select or radio field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The value stored.
    pub value: String,
    /// What the citizen reads.
    pub label: LocalizedText,
}

/// A pattern a text must match, with the message to show when it does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// A regular expression the whole text must match.
    pub regex: String,
    /// What to tell the citizen, per language.
    pub message: LocalizedText,
}

/// A federal profile attribute a field can be prefilled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileAttr {
    /// Family name.
    FamilyName,
    /// Given name.
    GivenName,
    /// Middle name.
    MiddleName,
    /// SNILS.
    Snils,
    /// Birth date.
    Birthdate,
    /// Email.
    Email,
    /// Phone.
    Phone,
}

/// Which INN a field accepts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdOf {
    /// Either.
    #[default]
    Any,
    /// A person's (12 digits INN, or OGRNIP for an individual entrepreneur).
    Person,
    /// An organisation's (10 digits INN, 13 digits OGRN).
    Organisation,
    /// An individual entrepreneur (OGRNIP, 15 digits).
    Entrepreneur,
}

/// File formats an upload may be, recognised by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    /// PDF document.
    Pdf,
    /// JPEG photo or scan.
    Jpeg,
    /// PNG image.
    Png,
    /// OpenDocument text.
    Odt,
    /// Word document (DOCX).
    Docx,
}

impl FileFormat {
    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Pdf => "pdf",
            FileFormat::Jpeg => "jpg",
            FileFormat::Png => "png",
            FileFormat::Odt => "odt",
            FileFormat::Docx => "docx",
        }
    }
}

/// When a field is shown (and filled): another field of the same entry or of the form has a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Id of the field it depends on (in the same group entry, else at the top of the form).
    pub field: String,
    /// Shown when that field has this value (a select, radio or text).
    #[serde(default)]
    pub equals: Option<String>,
    /// Shown when that field has one of these values.
    #[serde(default)]
    pub one_of: Option<Vec<String>>,
    /// Shown when that checkbox is ticked (`true`) or not (`false`).
    #[serde(default)]
    pub checked: Option<bool>,
}

/// One field. Attributes that do not apply to its `type` are refused by [`FormSchema::check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Machine id, unique in its form or group; the name in addresses and stored data.
    pub id: String,
    /// The kind of value.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// The question, per language.
    pub label: LocalizedText,
    /// A hint under the question, per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<LocalizedText>,
    /// Must be filled (for a checkbox: must be ticked).
    #[serde(default)]
    pub required: bool,
    /// Shown only when this holds; a hidden field must stay empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Condition>,
    /// Filled in from the federal profile when the draft starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<ProfileAttr>,
    /// Text: fewest characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    /// Text: most characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Text: a pattern to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Pattern>,
    /// Number: least value; date: earliest date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Bound>,
    /// Number: greatest value; date: latest date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Bound>,
    /// Number: whole numbers only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub integer: bool,
    /// Select and radio: the choices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// INN and OGRN: whose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<IdOf>,
    /// File: most files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_files: Option<u32>,
    /// File: largest file in KB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_size_kb: Option<u32>,
    /// File: formats accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<FileFormat>,
    /// Group: fewest entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u32>,
    /// Group: most entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// Group: the fields of each entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// A number bound, or a date bound (a date or `today`, `today-18y`, `today+30d`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Bound {
    /// For numbers.
    Number(f64),
    /// For dates.
    Date(String),
}

/// A rule across two fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum CrossRule {
    /// The date in `earlier` must not be after the date in `later`. Either may be a field of a
    /// group (`children.birthdate`): then the rule holds for every entry.
    DateOrder {
        /// Path of the earlier date.
        earlier: String,
        /// Path of the later date.
        later: String,
        /// What to tell the citizen, per language; shown at `later`.
        message: LocalizedText,
    },
}

/// Fields with no more than this many characters unless the schema says otherwise, so no field
/// takes unbounded text.
pub const DEFAULT_MAX_LENGTH: u32 = 500;
/// Long text fields: the same.
pub const DEFAULT_MAX_LONG_TEXT: u32 = 5000;
/// Files of a field unless the schema says otherwise.
pub const DEFAULT_MAX_FILES: u32 = 5;
/// Largest file unless the schema says otherwise (KB).
pub const DEFAULT_MAX_SIZE_KB: u32 = 10 * 1024;
/// No file larger than this, whatever the schema says (KB).
pub const MAX_SIZE_KB_LIMIT: u32 = 50 * 1024;
/// Group entries unless the schema says otherwise.
pub const DEFAULT_MAX_ITEMS: u32 = 10;

impl Field {
    /// Most characters of a text value.
    pub fn max_chars(&self) -> u32 {
        let default = if self.kind == FieldType::LongText { DEFAULT_MAX_LONG_TEXT } else { DEFAULT_MAX_LENGTH };
        self.max_length.unwrap_or(default)
    }

    /// Most files of a file field.
    pub fn file_limit(&self) -> u32 {
        self.max_files.unwrap_or(DEFAULT_MAX_FILES)
    }

    /// Largest file of a file field, in bytes.
    pub fn size_limit(&self) -> u64 {
        u64::from(self.max_size_kb.unwrap_or(DEFAULT_MAX_SIZE_KB)) * 1024
    }

    /// Formats a file field accepts: its `accept`, else PDF, JPEG and PNG.
    pub fn formats(&self) -> Vec<FileFormat> {
        if self.accept.is_empty() {
            vec![FileFormat::Pdf, FileFormat::Jpeg, FileFormat::Png]
        } else {
            self.accept.clone()
        }
    }

    /// Most entries of a group.
    pub fn item_limit(&self) -> u32 {
        self.max_items.unwrap_or(DEFAULT_MAX_ITEMS)
    }
}

/// One thing wrong with a schema: where and what, for the schema author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// JSON path, e.g. `steps[1].fields[0].max_length`.
    pub path: String,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

impl FormSchema {
    /// Every field, with its path and the group it is in (`None` at the top).
    pub fn all_fields(&self) -> impl Iterator<Item = (&Field, Option<&Field>)> {
        self.steps.iter().flat_map(|s| &s.fields).flat_map(|f| std::iter::once((f, None)).chain(f.fields.iter().map(move |inner| (inner, Some(f)))))
    }

    /// The top-level field (or group) `id`.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.steps.iter().flat_map(|s| &s.fields).find(|f| f.id == id)
    }

    /// Every problem of the schema with texts required in `locales`; empty means usable.
    pub fn check(&self, locales: &[Lang]) -> Vec<SchemaError> {
        let mut errors = Vec::new();
        let mut err = |path: String, problem: String| errors.push(SchemaError { path, problem });
        if self.steps.is_empty() {
            err("steps".into(), "a form needs at least one step".into());
        }
        let mut step_ids = HashSet::new();
        let mut top_ids: HashMap<&str, &Field> = HashMap::new();
        for (i, step) in self.steps.iter().enumerate() {
            let at = format!("steps[{i}]");
            check_id(&format!("{at}.id"), &step.id, &mut err);
            if !step_ids.insert(step.id.as_str()) {
                err(format!("{at}.id"), format!("step id \"{}\" is used twice", step.id));
            }
            for p in missing_langs(&step.title, locales) {
                err(format!("{at}.title"), p);
            }
            if step.fields.is_empty() {
                err(format!("{at}.fields"), "a step needs at least one field".into());
            }
            for (j, field) in step.fields.iter().enumerate() {
                if top_ids.insert(field.id.as_str(), field).is_some() {
                    err(format!("{at}.fields[{j}].id"), format!("field id \"{}\" is used twice in the form", field.id));
                }
            }
        }
        for (i, step) in self.steps.iter().enumerate() {
            for (j, field) in step.fields.iter().enumerate() {
                check_field(&format!("steps[{i}].fields[{j}]"), field, None, &top_ids, locales, &mut err);
            }
        }
        for (i, rule) in self.rules.iter().enumerate() {
            let CrossRule::DateOrder { earlier, later, message } = rule;
            let at = format!("rules[{i}]");
            let mut groups = Vec::new();
            for (name, path) in [("earlier", earlier), ("later", later)] {
                match self.resolve(path) {
                    Some((field, group)) if field.kind == FieldType::Date => groups.push(group.map(|g| g.id.clone())),
                    Some(_) => err(format!("{at}.{name}"), format!("\"{path}\" is not a date field")),
                    None => err(format!("{at}.{name}"), format!("no field \"{path}\" (write group.field for a field of a group)")),
                }
            }
            if let [Some(a), Some(b)] = groups.as_slice() {
                if a != b {
                    err(at.to_string(), "two fields of different groups cannot be compared".into());
                }
            }
            for p in missing_langs(message, locales) {
                err(format!("{at}.message"), p);
            }
        }
        errors
    }

    /// The field at `path` (`id` or `group.id`) and its group.
    pub fn resolve(&self, path: &str) -> Option<(&Field, Option<&Field>)> {
        match path.split_once('.') {
            None => self.field(path).filter(|f| f.kind != FieldType::Group).map(|f| (f, None)),
            Some((group, id)) => {
                let g = self.field(group).filter(|g| g.kind == FieldType::Group)?;
                g.fields.iter().find(|f| f.id == id).map(|f| (f, Some(g)))
            }
        }
    }
}

fn check_id(path: &str, id: &str, err: &mut impl FnMut(String, String)) {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && id.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    if !ok {
        err(path.to_owned(), format!("\"{id}\" is not an id (a-z, 0-9 and _, starting with a letter)"));
    }
}

/// Which optional attributes each type takes.
fn allowed(kind: FieldType) -> &'static [&'static str] {
    use FieldType::*;
    match kind {
        Text => &["min_length", "max_length", "pattern", "prefill"],
        LongText => &["min_length", "max_length"],
        Number => &["min", "max", "integer"],
        Date => &["min", "max", "prefill"],
        Select | Radio => &["options"],
        Checkbox => &[],
        Phone | Email | Snils => &["prefill"],
        Inn | Ogrn => &["of"],
        Passport => &[],
        Address => &["max_length"],
        File => &["max_files", "max_size_kb", "accept"],
        Group => &["min_items", "max_items", "fields"],
    }
}

fn present(f: &Field) -> Vec<&'static str> {
    let mut set = Vec::new();
    let mut put = |name: &'static str, yes: bool| {
        if yes {
            set.push(name);
        }
    };
    put("min_length", f.min_length.is_some());
    put("max_length", f.max_length.is_some());
    put("pattern", f.pattern.is_some());
    put("min", f.min.is_some());
    put("max", f.max.is_some());
    put("integer", f.integer);
    put("options", !f.options.is_empty());
    put("of", f.of.is_some());
    put("max_files", f.max_files.is_some());
    put("max_size_kb", f.max_size_kb.is_some());
    put("accept", !f.accept.is_empty());
    put("min_items", f.min_items.is_some());
    put("max_items", f.max_items.is_some());
    put("fields", !f.fields.is_empty());
    put("prefill", f.prefill.is_some());
    set
}

fn check_field(at: &str, f: &Field, group: Option<&Field>, top: &HashMap<&str, &Field>, locales: &[Lang], err: &mut impl FnMut(String, String)) {
    check_id(&format!("{at}.id"), &f.id, err);
    for p in missing_langs(&f.label, locales) {
        err(format!("{at}.label"), p);
    }
    if let Some(hint) = &f.hint {
        for p in missing_langs(hint, locales) {
            err(format!("{at}.hint"), p);
        }
    }
    let kind_name = type_name(f.kind);
    for attr in present(f) {
        if !allowed(f.kind).contains(&attr) {
            err(format!("{at}.{attr}"), format!("does not apply to a {kind_name} field"));
        }
    }
    if f.kind == FieldType::Group {
        if group.is_some() {
            err(format!("{at}.type"), "a group cannot be inside a group".into());
        }
        if f.fields.is_empty() {
            err(format!("{at}.fields"), "a group needs at least one field".into());
        }
        if f.required {
            err(format!("{at}.required"), "a group is required through min_items".into());
        }
        let (min, max) = (f.min_items.unwrap_or(0), f.item_limit());
        if max == 0 || min > max {
            err(format!("{at}.max_items"), format!("must be at least 1 and at least min_items ({min})"));
        }
        let mut ids = HashSet::new();
        for (k, inner) in f.fields.iter().enumerate() {
            if !ids.insert(inner.id.as_str()) {
                err(format!("{at}.fields[{k}].id"), format!("field id \"{}\" is used twice in the group", inner.id));
            }
            check_field(&format!("{at}.fields[{k}]"), inner, Some(f), top, locales, err);
        }
    }
    if let (Some(min), Some(max)) = (f.min_length, f.max_length) {
        if min > max {
            err(format!("{at}.min_length"), format!("is more than max_length ({max})"));
        }
    }
    if let Some(p) = &f.pattern {
        if let Err(e) = regex_lite::Regex::new(&p.regex) {
            err(format!("{at}.pattern.regex"), format!("not a regular expression: {e}"));
        }
        for problem in missing_langs(&p.message, locales) {
            err(format!("{at}.pattern.message"), problem);
        }
    }
    for (name, bound) in [("min", &f.min), ("max", &f.max)] {
        match (f.kind, bound) {
            (FieldType::Number, Some(Bound::Date(_))) => err(format!("{at}.{name}"), "must be a number".into()),
            (FieldType::Date, Some(Bound::Number(_))) => err(format!("{at}.{name}"), "must be a date or today±N d|m|y".into()),
            (FieldType::Date, Some(Bound::Date(d))) if DateBound::parse(d).is_none() => {
                err(format!("{at}.{name}"), format!("\"{d}\" is not YYYY-MM-DD, today, or today±N d|m|y"))
            }
            _ => {}
        }
    }
    if let (Some(Bound::Number(min)), Some(Bound::Number(max))) = (&f.min, &f.max) {
        if min > max {
            err(format!("{at}.min"), format!("is more than max ({max})"));
        }
    }
    if matches!(f.kind, FieldType::Select | FieldType::Radio) {
        if f.options.is_empty() {
            err(format!("{at}.options"), format!("a {kind_name} field needs options"));
        }
        let mut values = HashSet::new();
        for (k, o) in f.options.iter().enumerate() {
            if o.value.is_empty() || !values.insert(o.value.as_str()) {
                err(format!("{at}.options[{k}].value"), format!("\"{}\" is empty or used twice", o.value));
            }
            for p in missing_langs(&o.label, locales) {
                err(format!("{at}.options[{k}].label"), p);
            }
        }
    }
    if f.kind == FieldType::Inn && matches!(f.of, Some(IdOf::Entrepreneur)) {
        err(format!("{at}.of"), "an INN is of a person, an organisation or any".into());
    }
    if f.kind == FieldType::File {
        if f.file_limit() == 0 {
            err(format!("{at}.max_files"), "must be at least 1".into());
        }
        let size = f.max_size_kb.unwrap_or(DEFAULT_MAX_SIZE_KB);
        if size == 0 || size > MAX_SIZE_KB_LIMIT {
            err(format!("{at}.max_size_kb"), format!("must be 1 to {MAX_SIZE_KB_LIMIT}"));
        }
    }
    if f.kind == FieldType::Checkbox && f.prefill.is_some() {
        err(format!("{at}.prefill"), "a checkbox cannot be prefilled".into());
    }
    if let Some(c) = &f.visible_if {
        let given = [c.equals.is_some(), c.one_of.is_some(), c.checked.is_some()].iter().filter(|x| **x).count();
        if given != 1 {
            err(format!("{at}.visible_if"), "give exactly one of equals, one_of, checked".into());
        }
        let target = group.and_then(|g| g.fields.iter().find(|x| x.id == c.field)).or_else(|| top.get(c.field.as_str()).copied());
        match target {
            None => err(format!("{at}.visible_if.field"), format!("no field \"{}\" in the same group or at the top", c.field)),
            Some(t) if t.id == f.id => err(format!("{at}.visible_if.field"), "a field cannot depend on itself".into()),
            Some(t) if matches!(t.kind, FieldType::Group | FieldType::File) => {
                err(format!("{at}.visible_if.field"), format!("cannot depend on a {} field", type_name(t.kind)))
            }
            Some(t) if c.checked.is_some() && t.kind != FieldType::Checkbox => {
                err(format!("{at}.visible_if.checked"), format!("\"{}\" is not a checkbox", t.id))
            }
            Some(t) if t.visible_if.is_some() => {
                err(format!("{at}.visible_if.field"), format!("\"{}\" is itself conditional; depend on a field that is always shown", t.id))
            }
            _ => {}
        }
    }
}

/// The `type` name of a field type as written in schemas.
pub fn type_name(kind: FieldType) -> &'static str {
    use FieldType::*;
    match kind {
        Text => "text",
        LongText => "long_text",
        Number => "number",
        Date => "date",
        Select => "select",
        Radio => "radio",
        Checkbox => "checkbox",
        Phone => "phone",
        Email => "email",
        Snils => "snils",
        Inn => "inn",
        Ogrn => "ogrn",
        Passport => "passport",
        Address => "address",
        File => "file",
        Group => "group",
    }
}
