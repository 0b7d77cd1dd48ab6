//! `catalog.yaml`: categories, life situations, departments, municipalities and services with
//! their passports, and the rules that tie them together.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{check_code, missing_langs, unique_codes, PackError};
use crate::identity::AssuranceLevel;
use crate::localized::{Lang, LocalizedText};
use crate::stage::Stage;

/// The region's catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CatalogPack {
    /// Groups of services shown on the home page.
    #[serde(default)]
    pub categories: Vec<CategoryEntry>,
    /// Events of life that group services (birth of a child, moving house…).
    #[serde(default)]
    pub life_situations: Vec<LifeSituationEntry>,
    /// Authorities (ведомства) that provide services.
    #[serde(default)]
    pub departments: Vec<DepartmentEntry>,
    /// Municipalities of the region.
    #[serde(default)]
    pub municipalities: Vec<MunicipalityEntry>,
    /// The services themselves.
    #[serde(default)]
    pub services: Vec<ServiceEntry>,
}

/// One category of services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryEntry {
    /// Machine code, unique among categories.
    pub code: String,
    /// Title per language.
    pub title: LocalizedText,
}

/// One life situation (жизненная ситуация).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LifeSituationEntry {
    /// Machine code, unique among life situations.
    pub code: String,
    /// Title per language.
    pub title: LocalizedText,
    /// What it covers, per language.
    pub summary: LocalizedText,
}

/// One department (ведомство) with its contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DepartmentEntry {
    /// Machine code, unique among departments.
    pub code: String,
    /// Name per language.
    pub name: LocalizedText,
    /// Postal address per language.
    pub address: Option<LocalizedText>,
    /// Phone as people write it.
    pub phone: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Opening hours per language.
    pub hours: Option<LocalizedText>,
    /// Website, `https://…`.
    pub website: Option<String>,
}

/// One municipality (муниципальное образование).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MunicipalityEntry {
    /// Machine code, unique among municipalities.
    pub code: String,
    /// Name per language.
    pub name: LocalizedText,
}

/// A way to apply for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// On this portal.
    Online,
    /// In person at the department.
    Office,
    /// At a multifunctional centre (МФЦ).
    Mfc,
    /// By post.
    Post,
}

/// A document the applicant provides, or the department obtains itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    /// Name of the document per language.
    pub title: LocalizedText,
    /// The department requests it from other agencies itself (межведомственный запрос).
    #[serde(default)]
    pub interagency: bool,
}

/// A downloadable blank form (бланк).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BlankEntry {
    /// Path inside the pack, under `blanks/`, e.g. `blanks/passport-application.odt`.
    pub file: String,
    /// Title per language.
    pub title: LocalizedText,
}

/// One service (услуга) with its full passport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Codes of the life situations it belongs to.
    #[serde(default)]
    pub life_situations: Vec<String>,
    /// Code of the responsible department.
    pub department: String,
    /// Codes of the municipalities where it applies; empty means the whole region.
    #[serde(default)]
    pub municipalities: Vec<String>,
    /// Who may apply, per language.
    pub applicants: LocalizedText,
    /// Required documents.
    #[serde(default)]
    pub documents: Vec<DocumentEntry>,
    /// Fee per language (e.g. "free of charge").
    pub fee: LocalizedText,
    /// Regulatory term in working days.
    pub term_days: u16,
    /// What the applicant gets, per language.
    pub result: LocalizedText,
    /// Grounds for refusal, each per language.
    #[serde(default)]
    pub refusal_grounds: Vec<LocalizedText>,
    /// Legal basis (laws, regulations), each per language.
    #[serde(default)]
    pub legal_basis: Vec<LocalizedText>,
    /// Ways to apply.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Electronic stage, 1 to 5.
    pub stage: Stage,
    /// One of the region's priority (первоочередные) services.
    #[serde(default)]
    pub priority: bool,
    /// Downloadable blank forms.
    #[serde(default)]
    pub blanks: Vec<BlankEntry>,
    /// Name of the online form schema in `forms/`, when the service can be applied for online.
    pub online_form: Option<String>,
    /// The federal account level applying online needs; any level when omitted.
    #[serde(default)]
    pub assurance: Option<AssuranceLevel>,
    /// The regulatory term stops while the applicant is asked for more (as the service's
    /// regulation says); it runs on when omitted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pause_while_awaiting: bool,
    /// Its number in the federal register of services (ФРГУ), digits only, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_id: Option<String>,
}

/// A number in the federal register of services: 1 to 20 digits.
pub fn is_register_id(text: &str) -> bool {
    (1..=20).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

impl CatalogPack {
    /// Problems of `catalog.yaml` with texts required in `locales`.
    pub(super) fn validate(&self, locales: &[Lang], errors: &mut Vec<PackError>) {
        let mut err = |path: String, problem: String| errors.push(PackError { file: "catalog.yaml".into(), line: None, path, problem });
        let categories = unique_codes("categories", self.categories.iter().map(|x| &x.code), &mut err);
        let situations = unique_codes("life_situations", self.life_situations.iter().map(|x| &x.code), &mut err);
        let departments = unique_codes("departments", self.departments.iter().map(|x| &x.code), &mut err);
        let municipalities = unique_codes("municipalities", self.municipalities.iter().map(|x| &x.code), &mut err);
        unique_codes("services", self.services.iter().map(|x| &x.code), &mut err);

        let mut texts = |path: String, text: &LocalizedText| {
            for p in missing_langs(text, locales) {
                err(path.clone(), p);
            }
        };
        for (i, c) in self.categories.iter().enumerate() {
            texts(format!("categories[{i}].title"), &c.title);
        }
        for (i, l) in self.life_situations.iter().enumerate() {
            texts(format!("life_situations[{i}].title"), &l.title);
            texts(format!("life_situations[{i}].summary"), &l.summary);
        }
        for (i, m) in self.municipalities.iter().enumerate() {
            texts(format!("municipalities[{i}].name"), &m.name);
        }
        for (i, d) in self.departments.iter().enumerate() {
            texts(format!("departments[{i}].name"), &d.name);
            for (field, text) in [("address", &d.address), ("hours", &d.hours)] {
                if let Some(text) = text {
                    texts(format!("departments[{i}].{field}"), text);
                }
            }
        }
        for (i, s) in self.services.iter().enumerate() {
            let at = |field: &str| format!("services[{i}].{field}");
            for (field, text) in [("title", &s.title), ("summary", &s.summary), ("applicants", &s.applicants), ("fee", &s.fee), ("result", &s.result)] {
                texts(at(field), text);
            }
            for (j, d) in s.documents.iter().enumerate() {
                texts(at(&format!("documents[{j}].title")), &d.title);
            }
            for (list, items) in [("refusal_grounds", &s.refusal_grounds), ("legal_basis", &s.legal_basis)] {
                for (j, text) in items.iter().enumerate() {
                    texts(at(&format!("{list}[{j}]")), text);
                }
            }
            for (j, b) in s.blanks.iter().enumerate() {
                texts(at(&format!("blanks[{j}].title")), &b.title);
            }
        }

        let mut err = |path: String, problem: String| errors.push(PackError { file: "catalog.yaml".into(), line: None, path, problem });
        for (i, d) in self.departments.iter().enumerate() {
            if let Some(site) = &d.website {
                if !(site.starts_with("https://") || site.starts_with("http://")) {
                    err(format!("departments[{i}].website"), format!("\"{site}\" must start with https://"));
                }
            }
            if let Some(email) = &d.email {
                if !is_email(email) {
                    err(format!("departments[{i}].email"), format!("\"{email}\" is not an email address"));
                }
            }
        }
        for (i, s) in self.services.iter().enumerate() {
            let at = |field: &str| format!("services[{i}].{field}");
            if let Some(id) = s.register_id.as_deref().filter(|id| !is_register_id(id)) {
                err(at("register_id"), format!("\"{id}\" is not a federal register number (1 to 20 digits)"));
            }
            if !categories.contains(s.category.as_str()) {
                err(at("category"), format!("unknown category \"{}\"", s.category));
            }
            if !departments.contains(s.department.as_str()) {
                err(at("department"), format!("unknown department \"{}\"", s.department));
            }
            for (list, known, codes, kind) in
                [("life_situations", &situations, &s.life_situations, "life situation"), ("municipalities", &municipalities, &s.municipalities, "municipality")]
            {
                for (j, code) in codes.iter().enumerate() {
                    if !known.contains(code.as_str()) {
                        err(at(&format!("{list}[{j}]")), format!("unknown {kind} \"{code}\""));
                    }
                }
            }
            if s.term_days == 0 {
                err(at("term_days"), "the regulatory term must be at least 1 working day".into());
            }
            let mut files = HashSet::new();
            for (j, b) in s.blanks.iter().enumerate() {
                if !is_blank_path(&b.file) {
                    err(at(&format!("blanks[{j}].file")), format!("\"{}\" must be a file under blanks/", b.file));
                } else if !files.insert(b.file.as_str()) {
                    err(at(&format!("blanks[{j}].file")), format!("\"{}\" is listed twice", b.file));
                }
            }
            if let Some(form) = &s.online_form {
                if let Err(p) = check_code(form) {
                    err(at("online_form"), p);
                }
            }
        }
    }

    /// Stages the pack claims without providing what they need.
    pub(super) fn warnings(&self) -> Vec<PackError> {
        let mut warnings = Vec::new();
        for (i, s) in self.services.iter().enumerate() {
            let stage = s.stage.number();
            let mut warn = |field: &str, problem: String| {
                warnings.push(PackError { file: "catalog.yaml".into(), line: None, path: format!("services[{i}].{field}"), problem })
            };
            if stage >= 2 && s.blanks.is_empty() {
                warn("stage", format!("stage {stage} claims blank forms, but the service has none"));
            }
            if stage >= 3 && s.online_form.is_none() {
                warn("stage", format!("stage {stage} claims online applications, but the service has no online_form"));
            }
        }
        warnings
    }
}

/// `blanks/<name>` with a plain file name.
fn is_blank_path(path: &str) -> bool {
    path.strip_prefix("blanks/").is_some_and(super::is_plain_file_name)
}

fn is_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !s.contains(char::is_whitespace))
}
