//! Online forms (электронные формы заявлений): the schema a region pack provides per service, the
//! data a citizen enters, and the one validator that both the browser and the server run.

pub mod checksums;
mod date_bound;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod path;
pub mod posted;
mod schema;
mod validate;

pub use date_bound::DateBound;
pub use path::FieldPath;
pub use posted::{PostProblem, PostedStep};
pub use schema::*;
pub use validate::*;

use crate::identity::Profile;

impl FormSchema {
    /// A first draft: the fields with `prefill` filled in from the person's federal profile, and
    /// each group given as many empty entries as it needs at least.
    pub fn prefilled(&self, profile: &Profile) -> FormData {
        let mut data = FormData::default();
        for step in &self.steps {
            for field in &step.fields {
                if field.kind == FieldType::Group {
                    let entries = field.min_items.unwrap_or(0) as usize;
                    data.groups.insert(field.id.clone(), vec![Entry::new(); entries]);
                } else if let Some(value) = field.prefill.and_then(|attr| profile_value(profile, attr)) {
                    data.values.insert(field.id.clone(), value);
                }
            }
        }
        data
    }

    /// The index of step `id`.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// `data` with the values of step `step` replaced by `submitted` (a posted page of the form).
    /// A field of the step that `submitted` lacks is emptied (an unticked checkbox sends nothing).
    /// Anything in `submitted` that is not a field of this step is refused, with its path.
    pub fn with_step(&self, step: usize, data: &FormData, submitted: &FormData) -> Result<FormData, Vec<String>> {
        let Some(step) = self.steps.get(step) else { return Err(vec!["step".into()]) };
        let is_value = |id: &str| step.fields.iter().any(|f| f.id == id && !matches!(f.kind, FieldType::Group | FieldType::File));
        let group = |id: &str| step.fields.iter().find(|f| f.id == id && f.kind == FieldType::Group);
        let mut unknown: Vec<String> = submitted.values.keys().filter(|k| !is_value(k)).cloned().collect();
        for (id, entries) in &submitted.groups {
            match group(id) {
                None => unknown.push(id.clone()),
                Some(g) => {
                    // Entries past the group's limit are no entries of this form.
                    if entries.len() > g.item_limit() as usize {
                        unknown.push(format!("{id}[{}]", g.item_limit()));
                    }
                    for (i, entry) in entries.iter().enumerate().take(g.item_limit() as usize) {
                        for key in entry.keys() {
                            if !g.fields.iter().any(|f| &f.id == key && f.kind != FieldType::File) {
                                unknown.push(entry_path(id, i, key));
                            }
                        }
                    }
                }
            }
        }
        if !unknown.is_empty() {
            return Err(unknown);
        }
        let mut next = data.clone();
        for field in &step.fields {
            match field.kind {
                FieldType::File => {}
                FieldType::Group => {
                    let entries = submitted.groups.get(&field.id).cloned().unwrap_or_default();
                    next.groups.insert(field.id.clone(), entries.into_iter().map(|e| e.into_iter().filter(|(_, v)| !v.is_empty()).collect()).collect());
                }
                _ => match submitted.values.get(&field.id).filter(|v| !v.is_empty()) {
                    Some(v) => {
                        next.values.insert(field.id.clone(), v.clone());
                    }
                    None => {
                        next.values.remove(&field.id);
                    }
                },
            }
        }
        Ok(next)
    }
}

fn profile_value(p: &Profile, attr: ProfileAttr) -> Option<String> {
    let text = |s: &str| Some(s.to_owned()).filter(|s| !s.trim().is_empty());
    match attr {
        ProfileAttr::FamilyName => text(&p.family_name),
        ProfileAttr::GivenName => text(&p.given_name),
        ProfileAttr::MiddleName => p.middle_name.clone(),
        ProfileAttr::Snils => p.snils.as_ref().map(ToString::to_string),
        ProfileAttr::Birthdate => p.birthdate.clone(),
        ProfileAttr::Email => p.email.clone(),
        ProfileAttr::Phone => p.phone.clone(),
    }
}

#[cfg(test)]
mod tests;
