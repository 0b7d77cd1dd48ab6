//! What the fuzz targets (`fuzz/`, `./x fuzz`) run, kept here so the unit tests replay every input
//! the fuzzer ever found (`fuzz/regressions/`) through the same code on each test run. Each takes
//! arbitrary bytes and must neither panic nor build more than the limits allow.

use super::{validate, FieldType, Files, FormData, FormSchema, PostProblem, Scope};
use crate::localized::Lang;

/// Bytes as an online form schema: read, checked in two languages and, when usable, a form
/// filled with the schema's own choices validated step by step and whole.
pub fn form_schema(data: &[u8]) {
    let Ok(schema) = serde_json::from_slice::<FormSchema>(data) else { return };
    let locales: Vec<Lang> = ["ru", "en"].iter().filter_map(|l| Lang::parse(l).ok()).collect();
    let problems = schema.check(&locales);
    if !problems.is_empty() {
        return;
    }
    let mut filled = FormData::default();
    for (field, group) in schema.all_fields() {
        let value = field.options.first().map_or_else(|| "1".to_owned(), |o| o.value.clone());
        match group {
            None if field.kind != FieldType::Group => {
                filled.values.insert(field.id.clone(), value);
            }
            Some(g) => {
                filled.groups.entry(g.id.clone()).or_default().resize(1, Default::default());
                if let Some(entry) = filled.groups.get_mut(&g.id).and_then(|e| e.first_mut()) {
                    entry.insert(field.id.clone(), value);
                }
            }
            None => {}
        }
    }
    let Ok(today) = time::Date::from_calendar_date(2026, time::Month::December, 2) else { return };
    for step in 0..schema.steps.len() {
        validate(&schema, &filled, &Files::new(), today, Scope::Step(step));
    }
    validate(&schema, &filled, &Files::new(), today, Scope::All);
}

/// Bytes as a posted page of `schema`'s first step, one `name=value` part per line: whatever is
/// posted, what is built stays within the schema.
pub fn posted_form(schema: &FormSchema, data: &[u8]) {
    let Some(mut post) = schema.posted_step(0) else { return };
    for line in String::from_utf8_lossy(data).split('\n') {
        let (name, value) = line.split_once('=').unwrap_or((line, ""));
        let taken = post.part().and_then(|()| match name.strip_prefix("__count.") {
            Some(group) => post.count(group, value),
            None if value.len() > post.value_limit(name) => Err(PostProblem::TooMuch),
            None => post.value(name, value.to_owned()),
        });
        if taken.is_err() {
            return;
        }
    }
    if let Ok(data) = post.finish() {
        for (group, entries) in &data.groups {
            let limit = schema.field(group).map_or(0, |g| g.item_limit() as usize);
            assert!(entries.len() <= limit, "{group}: {} entries, at most {limit}", entries.len());
        }
        for (id, value) in &data.values {
            let field = schema.field(id).expect("only fields of the form are taken");
            assert!(value.chars().count() <= field.max_chars() as usize * 2, "{id} is longer than its form allows");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every input kept under `fuzz/regressions/<target>/`.
    pub(crate) fn regressions(target: &str) -> Vec<Vec<u8>> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions").join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir).map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
        files.sort();
        files.into_iter().map(|f| std::fs::read(f).expect("a regression input")).collect()
    }

    fn kindergarten() -> super::FormSchema {
        let json = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../regions/demo/forms/kindergarten-enrolment.json")).unwrap();
        serde_json::from_slice(&json).unwrap()
    }

    #[test]
    fn every_schema_the_fuzzer_kept_is_handled() {
        let inputs = regressions("form_schema");
        assert!(!inputs.is_empty(), "fuzz/regressions/form_schema holds the kept inputs");
        for input in inputs {
            super::form_schema(&input);
        }
    }

    #[test]
    fn every_post_the_fuzzer_kept_is_handled() {
        let inputs = regressions("posted_form");
        assert!(!inputs.is_empty(), "fuzz/regressions/posted_form holds the kept inputs");
        let schema = kindergarten();
        for input in inputs {
            super::posted_form(&schema, &input);
        }
    }
}
