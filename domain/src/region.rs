//! The region pack (DESIGN §6): what a region provides to make the portal its own, and the rules
//! it must satisfy before anything of it is written. Files are parsed in `backend`; here they are
//! plain data plus validation.

mod catalog_pack;
mod manifest;
mod rules;

use std::collections::HashSet;
use std::fmt;

pub use catalog_pack::*;
pub use manifest::*;
pub use rules::RegionRules;

use crate::localized::{Lang, LocalizedText};

/// A whole region pack, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionPack {
    /// `region.toml`.
    pub manifest: RegionManifest,
    /// `catalog.yaml`.
    pub catalog: CatalogPack,
}

/// One thing wrong with a pack: the file, the path of the field and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// File inside the pack, e.g. `catalog.yaml` or `forms/kindergarten.json`.
    pub file: String,
    /// Line in the file, when known.
    pub line: Option<usize>,
    /// Path of the field, e.g. `services[3].department`.
    pub path: String,
    /// What is wrong, in English for the operator's terminal.
    pub problem: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file)?,
            None => f.write_str(&self.file)?,
        }
        if !self.path.is_empty() {
            write!(f, " {}", self.path)?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl RegionPack {
    /// Every problem of the pack; empty means it may be imported.
    pub fn validate(&self) -> Vec<PackError> {
        let mut errors = Vec::new();
        self.manifest.validate(&mut errors);
        self.catalog.validate(&self.manifest.locales, &mut errors);
        errors
    }

    /// What the pack claims but does not back (e.g. a stage without what it needs); importing
    /// is allowed, the operator is told.
    pub fn warnings(&self) -> Vec<PackError> {
        self.catalog.warnings()
    }
}

/// Checks codes for form and uniqueness; returns the set of well-formed ones.
pub(crate) fn unique_codes<'a>(list: &str, codes: impl Iterator<Item = &'a String>, err: &mut impl FnMut(String, String)) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, code) in codes.enumerate() {
        if let Err(p) = check_code(code) {
            err(format!("{list}[{i}].code"), p);
        } else if !seen.insert(code.as_str()) {
            err(format!("{list}[{i}].code"), format!("duplicate code \"{code}\""));
        }
    }
    seen
}

/// A code is what appears in addresses: 1 to 64 of `a-z 0-9 - _`, starting with a letter or digit.
pub fn check_code(code: &str) -> Result<(), String> {
    let well_formed = (1..=64).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && code.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric());
    if well_formed {
        Ok(())
    } else {
        Err(format!("\"{code}\" is not a code (1-64 of a-z, 0-9, - and _)"))
    }
}

pub(crate) fn missing_langs(text: &LocalizedText, locales: &[Lang]) -> Vec<String> {
    locales.iter().filter(|l| text.0.get(*l).is_none_or(|t| t.trim().is_empty())).map(|l| format!("text in \"{l}\" is missing")).collect()
}

pub(crate) fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.')
}

#[cfg(test)]
mod tests;
