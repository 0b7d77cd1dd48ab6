//! A posted page of an online form, read part by part within what the schema allows: only the
//! step's own fields, a group's entries up to its `max_items`, each value up to a length its
//! field allows, and no more parts than the page can send. A post asking for more is refused as a
//! whole, so a small request can never make the server build something large.

use std::collections::BTreeMap;

use super::path::FieldPath;
use super::{Entry, Field, FieldType, FormData, FormSchema, Step};

/// A value may be this many times its field's `max_length` (the validator then names the
/// problem at the field); beyond that the post is refused.
const OVERRUN: usize = 2;
/// Unknown names are collected up to this many (to name them), then the post is refused.
const MAX_UNKNOWN: usize = 20;
/// Parts besides the fields: buttons and whatever a browser adds.
const SPARE_PARTS: usize = 8;
/// Longest value of a part that is no field (a button's `go`, a count).
pub const CONTROL_BYTES: usize = 200;

/// Why a posted page is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostProblem {
    /// More parts, entries or characters than the page can send.
    TooMuch,
    /// Names the step does not have.
    Unknown(Vec<String>),
}

/// A posted step being read.
#[derive(Debug)]
pub struct PostedStep<'s> {
    step: &'s Step,
    data: FormData,
    counts: BTreeMap<String, usize>,
    unknown: Vec<String>,
    parts: usize,
    max_parts: usize,
}

impl FormSchema {
    /// Reads a post of step `step` (from 0); `None` when the form has no such step.
    pub fn posted_step(&self, step: usize) -> Option<PostedStep<'_>> {
        let step = self.steps.get(step)?;
        let max_parts = step.fields.iter().map(parts_of).sum::<usize>() + SPARE_PARTS;
        Some(PostedStep { step, data: FormData::default(), counts: BTreeMap::new(), unknown: Vec::new(), parts: 0, max_parts })
    }
}

/// How many parts a browser may send for `field`: one per value, one per file it takes (an
/// empty file input sends one too), and for a group, its count and every entry's parts.
fn parts_of(field: &Field) -> usize {
    match field.kind {
        FieldType::File => field.file_limit() as usize + 1,
        FieldType::Group => 1 + field.item_limit() as usize * field.fields.iter().map(parts_of).sum::<usize>(),
        _ => 1,
    }
}

impl<'s> PostedStep<'s> {
    /// Counts one part of the post (a value, a file or a button); more than the page can send is
    /// refused.
    pub fn part(&mut self) -> Result<(), PostProblem> {
        self.parts += 1;
        if self.parts > self.max_parts {
            return Err(PostProblem::TooMuch);
        }
        Ok(())
    }

    /// The most bytes worth reading for the value of part `name`: its field's limit (in UTF-8, with
    /// room for the validator to name an overrun), or a little for anything else.
    pub fn value_limit(&self, name: &str) -> usize {
        match self.value_field(name) {
            Some(f) => f.max_chars() as usize * OVERRUN * 4,
            None => CONTROL_BYTES,
        }
    }

    /// The text field a name refers to, if it is one of this step.
    fn value_field(&self, name: &str) -> Option<&'s Field> {
        let is_value = |f: &&Field| !matches!(f.kind, FieldType::Group | FieldType::File);
        match FieldPath::parse(name)? {
            FieldPath::Field(id) => self.step.fields.iter().find(|f| f.id == id).filter(is_value),
            FieldPath::Entry { group, index, field } => {
                let g = self.group(&group)?;
                (index < g.item_limit() as usize).then_some(())?;
                g.fields.iter().find(|f| f.id == field).filter(is_value)
            }
        }
    }

    fn group(&self, id: &str) -> Option<&'s Field> {
        self.step.fields.iter().find(|f| f.id == id && f.kind == FieldType::Group)
    }

    /// Takes the value of part `name`.
    pub fn value(&mut self, name: &str, value: String) -> Result<(), PostProblem> {
        let Some(field) = self.value_field(name) else { return self.unknown(name) };
        if value.chars().count() > field.max_chars() as usize * OVERRUN {
            return Err(PostProblem::TooMuch);
        }
        match FieldPath::parse(name) {
            Some(FieldPath::Entry { group, index, field }) => {
                let entries = self.data.groups.entry(group).or_default();
                if entries.len() <= index {
                    entries.resize(index + 1, Entry::new());
                }
                entries[index].insert(field, value);
            }
            _ => {
                self.data.values.insert(name.to_owned(), value);
            }
        }
        Ok(())
    }

    /// Takes a group's count of entries (`__count.group`): an entry whose fields were all left
    /// empty still counts.
    pub fn count(&mut self, group: &str, value: &str) -> Result<(), PostProblem> {
        let Some(g) = self.group(group) else { return self.unknown(&format!("__count.{group}")) };
        let n: usize = value.trim().parse().map_err(|_| PostProblem::TooMuch)?;
        if n > g.item_limit() as usize {
            return Err(PostProblem::TooMuch);
        }
        self.counts.insert(group.to_owned(), n);
        Ok(())
    }

    /// Notes a name the step does not have; many of them refuse the post.
    pub fn unknown(&mut self, name: &str) -> Result<(), PostProblem> {
        if self.unknown.len() >= MAX_UNKNOWN {
            return Err(PostProblem::TooMuch);
        }
        self.unknown.push(name.chars().take(100).collect());
        Ok(())
    }

    /// The posted data, or the unknown names.
    pub fn finish(mut self) -> Result<FormData, PostProblem> {
        if !self.unknown.is_empty() {
            return Err(PostProblem::Unknown(self.unknown));
        }
        for (group, count) in self.counts {
            let entries = self.data.groups.entry(group).or_default();
            if entries.len() < count {
                entries.resize(count, Entry::new());
            }
        }
        Ok(self.data)
    }
}
