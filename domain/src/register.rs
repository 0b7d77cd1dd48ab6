//! Service passports in the structure of the federal register of services (ФРГУ): what a region
//! exchanges with the register. The register keeps one language (the region's register
//! language, Russian where the region has it); a passport carries the register's sections: the
//! service's name and register number, the authority providing it, who may apply, the term in
//! working days, the fee, the result, the grounds for refusal, the legal acts, the documents (from
//! the applicant or requested between agencies), the ways to apply and the electronic stage.
//! `backend::register` writes and reads it as XML (docs/register.md).

use serde::{Deserialize, Serialize};

use crate::localized::{Lang, LocalizedText};
use crate::region::{is_register_id, Channel, DepartmentEntry, DocumentEntry, ServiceEntry};
use crate::stage::Stage;

/// Every passport of a region at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "services")]
pub struct RegisterExport {
    /// The region's code.
    #[serde(rename = "@region")]
    pub region: String,
    /// The language of every text.
    #[serde(rename = "@language")]
    pub language: String,
    /// When it was written, RFC 3339 UTC.
    #[serde(rename = "@generated")]
    pub generated: String,
    /// The passports.
    #[serde(rename = "service", default)]
    pub services: Vec<RegisterService>,
}

/// One service's passport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterService {
    /// The service's code in the region's catalog.
    #[serde(rename = "@code")]
    pub code: String,
    /// Its number in the register.
    #[serde(rename = "@registerId", default, skip_serializing_if = "Option::is_none")]
    pub register_id: Option<String>,
    /// Its name.
    pub name: String,
    /// The authority providing it.
    pub authority: Authority,
    /// Who may apply.
    pub recipients: String,
    /// The term.
    pub term: Term,
    /// The fee.
    pub fee: String,
    /// What the applicant gets.
    pub result: String,
    /// Grounds for refusal.
    #[serde(default)]
    pub refusal_grounds: Items,
    /// Legal acts.
    #[serde(default)]
    pub legal_acts: Items,
    /// Documents.
    #[serde(default)]
    pub documents: Documents,
    /// Ways to apply: `portal`, `authority`, `mfc`, `post`.
    #[serde(default)]
    pub channels: Items,
    /// Electronic stage, 1 to 5.
    pub electronic_stage: u8,
}

/// An authority: its code and name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Authority {
    /// Its code in the region's catalog.
    #[serde(rename = "@code")]
    pub code: String,
    /// Its name.
    #[serde(rename = "$text", default)]
    pub name: String,
}

/// A term in working days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// How many.
    #[serde(rename = "@days")]
    pub days: u16,
    /// Always `working-days`.
    #[serde(rename = "@unit")]
    pub unit: String,
}

/// A list of texts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Items {
    /// The texts.
    #[serde(rename = "item", default)]
    pub items: Vec<String>,
}

/// The documents of a passport.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Documents {
    /// The documents.
    #[serde(rename = "document", default)]
    pub documents: Vec<RegisterDocument>,
}

/// A document: from the applicant, or requested by the authority from another agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterDocument {
    /// `applicant` or `interagency`.
    #[serde(rename = "@source")]
    pub source: String,
    /// Its name.
    #[serde(rename = "$text", default)]
    pub name: String,
}

const TERM_UNIT: &str = "working-days";

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Online => "portal",
        Channel::Office => "authority",
        Channel::Mfc => "mfc",
        Channel::Post => "post",
    }
}

fn channel_of(name: &str) -> Option<Channel> {
    [Channel::Online, Channel::Office, Channel::Mfc, Channel::Post].into_iter().find(|c| channel_name(*c) == name)
}

fn text(t: &LocalizedText, lang: &Lang) -> String {
    t.get(lang, lang).to_owned()
}

/// The passport of `service`, provided by `authority`, with texts in `lang`.
pub fn passport(service: &ServiceEntry, authority: &DepartmentEntry, lang: &Lang) -> RegisterService {
    RegisterService {
        code: service.code.clone(),
        register_id: service.register_id.clone(),
        name: text(&service.title, lang),
        authority: Authority { code: authority.code.clone(), name: text(&authority.name, lang) },
        recipients: text(&service.applicants, lang),
        term: Term { days: service.term_days, unit: TERM_UNIT.into() },
        fee: text(&service.fee, lang),
        result: text(&service.result, lang),
        refusal_grounds: Items { items: service.refusal_grounds.iter().map(|g| text(g, lang)).collect() },
        legal_acts: Items { items: service.legal_basis.iter().map(|g| text(g, lang)).collect() },
        documents: Documents {
            documents: service
                .documents
                .iter()
                .map(|d| RegisterDocument { source: if d.interagency { "interagency" } else { "applicant" }.into(), name: text(&d.title, lang) })
                .collect(),
        },
        channels: Items { items: service.channels.iter().map(|c| channel_name(*c).to_owned()).collect() },
        electronic_stage: service.stage.number(),
    }
}

/// Why a passport cannot be taken in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassportProblem {
    /// A register number that is not one.
    #[error("\"{0}\" is not a register number")]
    RegisterId(String),
    /// A name, text or list item left empty.
    #[error("{0} is empty")]
    Empty(&'static str),
    /// A term of zero days or in other units.
    #[error("the term must be 1 or more working days")]
    Term,
    /// A stage outside 1 to 5.
    #[error("the electronic stage must be 1 to 5")]
    Stage,
    /// A way to apply the catalog does not know.
    #[error("unknown way to apply \"{0}\"")]
    Channel(String),
    /// A document source other than `applicant` or `interagency`.
    #[error("unknown document source \"{0}\"")]
    Source(String),
}

impl PassportProblem {
    /// Its message key in `locales/` and the value the message names.
    pub fn message(&self) -> (&'static str, String) {
        match self {
            PassportProblem::RegisterId(id) => ("register-passport-register-id", id.clone()),
            PassportProblem::Empty(field) => ("register-passport-empty", (*field).to_owned()),
            PassportProblem::Term => ("register-passport-term", String::new()),
            PassportProblem::Stage => ("register-passport-stage", String::new()),
            PassportProblem::Channel(c) => ("register-passport-channel", c.clone()),
            PassportProblem::Source(s) => ("register-passport-source", s.clone()),
        }
    }
}

/// What taking a passport in changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taken {
    /// The passport's fields that changed.
    pub changed: Vec<&'static str>,
    /// Fields whose texts changed in the register's language only: their other languages need
    /// a translator's look (new list items carry the register's text in every language until then).
    pub to_translate: Vec<&'static str>,
}

/// Sets `lang`'s text of `t` to `new`; whether it changed.
fn set_text(t: &mut LocalizedText, lang: &Lang, new: &str) -> bool {
    if t.0.get(lang).map(String::as_str) == Some(new) {
        return false;
    }
    t.0.insert(lang.clone(), new.to_owned());
    true
}

/// A list of texts made to read `new` in `lang`: items kept in place keep their other languages;
/// added items carry `new`'s text in every language of `langs`. Whether it changed.
fn set_list(list: &mut Vec<LocalizedText>, lang: &Lang, langs: &[Lang], new: &[String]) -> bool {
    let before = list.clone();
    list.truncate(new.len());
    for (i, item) in new.iter().enumerate() {
        match list.get_mut(i) {
            Some(t) => {
                set_text(t, lang, item);
            }
            None => list.push(LocalizedText(langs.iter().map(|l| (l.clone(), item.clone())).collect())),
        }
    }
    *list != before
}

/// Takes `passport` into `service`, texts into `lang` of `langs`; its authority must be
/// checked against the catalog by the caller. Nothing is changed when it is refused.
pub fn take(service: &mut ServiceEntry, passport: &RegisterService, lang: &Lang, langs: &[Lang]) -> Result<Taken, PassportProblem> {
    if let Some(id) = passport.register_id.as_deref().filter(|id| !is_register_id(id)) {
        return Err(PassportProblem::RegisterId(id.to_owned()));
    }
    for (field, value) in [("name", &passport.name), ("recipients", &passport.recipients), ("fee", &passport.fee), ("result", &passport.result)] {
        if value.trim().is_empty() {
            return Err(PassportProblem::Empty(field));
        }
    }
    let lists = [("refusalGrounds", &passport.refusal_grounds.items), ("legalActs", &passport.legal_acts.items)];
    if let Some((field, _)) = lists.iter().find(|(_, items)| items.iter().any(|i| i.trim().is_empty())) {
        return Err(PassportProblem::Empty(field));
    }
    if passport.documents.documents.iter().any(|d| d.name.trim().is_empty()) {
        return Err(PassportProblem::Empty("documents"));
    }
    if passport.term.days == 0 || passport.term.unit != TERM_UNIT {
        return Err(PassportProblem::Term);
    }
    let stage = Stage::try_from(passport.electronic_stage).map_err(|_| PassportProblem::Stage)?;
    let channels =
        passport.channels.items.iter().map(|c| channel_of(c.trim()).ok_or_else(|| PassportProblem::Channel(c.clone()))).collect::<Result<Vec<_>, _>>()?;
    let mut interagency = Vec::new();
    for d in &passport.documents.documents {
        match d.source.as_str() {
            "applicant" => interagency.push(false),
            "interagency" => interagency.push(true),
            other => return Err(PassportProblem::Source(other.to_owned())),
        }
    }

    let mut taken = Taken::default();
    let mut note = |field: &'static str, changed: bool, texts: bool| {
        if changed {
            taken.changed.push(field);
            if texts && langs.len() > 1 {
                taken.to_translate.push(field);
            }
        }
    };
    note("registerId", service.register_id != passport.register_id && passport.register_id.is_some(), false);
    if passport.register_id.is_some() {
        service.register_id = passport.register_id.clone();
    }
    note("name", set_text(&mut service.title, lang, passport.name.trim()), true);
    let authority = service.department != passport.authority.code;
    service.department = passport.authority.code.clone();
    note("authority", authority, false);
    note("recipients", set_text(&mut service.applicants, lang, passport.recipients.trim()), true);
    let term = service.term_days != passport.term.days;
    service.term_days = passport.term.days;
    note("term", term, false);
    note("fee", set_text(&mut service.fee, lang, passport.fee.trim()), true);
    note("result", set_text(&mut service.result, lang, passport.result.trim()), true);
    note("refusalGrounds", set_list(&mut service.refusal_grounds, lang, langs, &passport.refusal_grounds.items), true);
    note("legalActs", set_list(&mut service.legal_basis, lang, langs, &passport.legal_acts.items), true);
    let mut titles: Vec<LocalizedText> = service.documents.iter().map(|d| d.title.clone()).collect();
    let names: Vec<String> = passport.documents.documents.iter().map(|d| d.name.trim().to_owned()).collect();
    let texts_changed = set_list(&mut titles, lang, langs, &names);
    let documents: Vec<DocumentEntry> = titles.into_iter().zip(interagency).map(|(title, interagency)| DocumentEntry { title, interagency }).collect();
    let documents_changed = documents != service.documents;
    service.documents = documents;
    note("documents", documents_changed, texts_changed);
    let channels_changed = service.channels != channels;
    service.channels = channels;
    note("channels", channels_changed, false);
    let stage_changed = service.stage != stage;
    service.stage = stage;
    note("electronicStage", stage_changed, false);
    Ok(taken)
}

#[cfg(test)]
mod tests;
