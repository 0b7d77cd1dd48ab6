//! The region pack (DESIGN §6): what a region provides to make the portal its own, and the rules
//! it must satisfy before anything of it is written. Files are parsed in `backend`; here they are
//! plain data plus validation.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::localized::{Lang, LocalizedText};
use crate::stage::Stage;

/// `region.toml`: identity, branding and contacts of the region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionManifest {
    /// Short machine code of the region, e.g. `demo`.
    pub code: String,
    /// Region name per language.
    pub name: LocalizedText,
    /// Language of the portal when a visitor has chosen none.
    pub default_locale: Lang,
    /// Languages the region's catalog texts are given in; every text must have them all.
    pub locales: Vec<Lang>,
    /// File name of the coat of arms inside the pack (SVG or PNG).
    pub coat_of_arms: Option<String>,
    /// Brand colours, used as CSS variables.
    pub colours: Colours,
    /// How citizens reach the portal's support.
    #[serde(default)]
    pub contacts: Contacts,
}

/// Brand colours as `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// Header and buttons; white text is drawn on it.
    pub primary: String,
    /// Links and highlights on a white page.
    pub accent: String,
}

/// Support contacts shown in the footer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// Phone number as people write it.
    pub phone: Option<String>,
    /// Support email address.
    pub email: Option<String>,
}

/// `catalog.yaml`: the region's catalog of services.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogPack {
    /// Groups of services shown on the home page.
    #[serde(default)]
    pub categories: Vec<CategoryEntry>,
    /// Authorities (ведомства) that provide services.
    #[serde(default)]
    pub departments: Vec<DepartmentEntry>,
    /// The services themselves.
    #[serde(default)]
    pub services: Vec<ServiceEntry>,
}

/// One category of services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryEntry {
    /// Machine code, unique among categories.
    pub code: String,
    /// Title per language.
    pub title: LocalizedText,
}

/// One department (ведомство).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentEntry {
    /// Machine code, unique among departments.
    pub code: String,
    /// Name per language.
    pub name: LocalizedText,
}

/// One service (услуга) with the part of its passport this version of the pack carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceEntry {
    /// Machine code, unique among services; part of the service's address.
    pub code: String,
    /// Title per language.
    pub title: LocalizedText,
    /// One-paragraph summary per language.
    pub summary: LocalizedText,
    /// Code of its category.
    pub category: String,
    /// Code of the responsible department.
    pub department: String,
    /// Electronic stage, 1 to 5.
    pub stage: Stage,
    /// One of the region's priority (первоочередные) services.
    #[serde(default)]
    pub priority: bool,
}

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
    /// File inside the pack, e.g. `catalog.yaml`.
    pub file: &'static str,
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
            None => f.write_str(self.file)?,
        }
        if !self.path.is_empty() {
            write!(f, " {}", self.path)?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// Minimum contrast of white text on the primary colour (WCAG 2.1 AA, normal text).
const MIN_CONTRAST_ON_PRIMARY: f64 = 4.5;

impl RegionPack {
    /// Every problem of the pack; empty means it may be imported.
    pub fn validate(&self) -> Vec<PackError> {
        let mut errors = Vec::new();
        self.validate_manifest(&mut errors);
        self.validate_catalog(&mut errors);
        errors
    }

    fn validate_manifest(&self, errors: &mut Vec<PackError>) {
        let m = &self.manifest;
        let mut err = |path: &str, problem: String| {
            errors.push(PackError { file: "region.toml", line: None, path: path.into(), problem })
        };
        if let Err(p) = check_code(&m.code) {
            err("code", p);
        }
        if m.locales.is_empty() {
            err("locales", "at least one language is required".into());
        }
        if !m.locales.contains(&m.default_locale) {
            err("default_locale", format!("\"{}\" is not among locales", m.default_locale));
        }
        for (path, colour) in [("colours.primary", &m.colours.primary), ("colours.accent", &m.colours.accent)] {
            match parse_hex_colour(colour) {
                None => err(path, format!("\"{colour}\" is not a colour like #1f4e8c")),
                Some(rgb) => {
                    let ratio = contrast_ratio(rgb, [255, 255, 255]);
                    if ratio < MIN_CONTRAST_ON_PRIMARY {
                        err(path, format!("contrast with white is {ratio:.2}:1, WCAG AA needs 4.5:1"));
                    }
                }
            }
        }
        if let Some(file) = &m.coat_of_arms {
            if !is_plain_file_name(file) {
                err("coat_of_arms", format!("\"{file}\" must be a file name inside the pack"));
            }
        }
        for p in missing_langs(&m.name, &m.locales) {
            err("name", p);
        }
    }

    fn validate_catalog(&self, errors: &mut Vec<PackError>) {
        let c = &self.catalog;
        let locales = &self.manifest.locales;
        let mut err = |path: String, problem: String| {
            errors.push(PackError { file: "catalog.yaml", line: None, path, problem })
        };
        let categories = unique_codes("categories", c.categories.iter().map(|x| &x.code), &mut err);
        let departments = unique_codes("departments", c.departments.iter().map(|x| &x.code), &mut err);
        unique_codes("services", c.services.iter().map(|x| &x.code), &mut err);
        for (i, cat) in c.categories.iter().enumerate() {
            for p in missing_langs(&cat.title, locales) {
                err(format!("categories[{i}].title"), p);
            }
        }
        for (i, d) in c.departments.iter().enumerate() {
            for p in missing_langs(&d.name, locales) {
                err(format!("departments[{i}].name"), p);
            }
        }
        for (i, s) in c.services.iter().enumerate() {
            for (field, text) in [("title", &s.title), ("summary", &s.summary)] {
                for p in missing_langs(text, locales) {
                    err(format!("services[{i}].{field}"), p);
                }
            }
            if !categories.contains(s.category.as_str()) {
                err(format!("services[{i}].category"), format!("unknown category \"{}\"", s.category));
            }
            if !departments.contains(s.department.as_str()) {
                err(format!("services[{i}].department"), format!("unknown department \"{}\"", s.department));
            }
        }
    }
}

/// Checks codes for form and uniqueness; returns the set of well-formed ones.
fn unique_codes<'a>(
    list: &str,
    codes: impl Iterator<Item = &'a String>,
    err: &mut impl FnMut(String, String),
) -> HashSet<&'a str> {
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

fn missing_langs(text: &LocalizedText, locales: &[Lang]) -> Vec<String> {
    locales
        .iter()
        .filter(|l| text.0.get(*l).is_none_or(|t| t.trim().is_empty()))
        .map(|l| format!("text in \"{l}\" is missing"))
        .collect()
}

fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.')
}

/// Parses `#rrggbb`.
pub fn parse_hex_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG 2.1 contrast ratio of two sRGB colours, from 1 to 21.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

fn relative_luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

#[cfg(test)]
mod tests;
