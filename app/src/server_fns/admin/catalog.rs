//! What the catalog editor's pages show: the lists, one entry's form, a service's online form
//! and the branding, each with the operator's last refused submission when there is one.
use std::collections::BTreeMap;

use domain::catalog_form::{EntryKind, FieldProblem, Values};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::PortalError;

/// One entry in the editor's lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRow {
    /// Code.
    pub code: String,
    /// Title in the operator's language.
    pub title: String,
    /// Shown to citizens.
    pub published: bool,
}

/// The editor's start page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogAdmin {
    /// The catalog version the page was read at; changes made from it carry it.
    pub read_at: i64,
    /// Every kind with its entries, published first.
    pub lists: Vec<(EntryKind, Vec<EntryRow>)>,
}

/// One entry's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryEditor {
    /// Its kind.
    pub kind: EntryKind,
    /// Its code; `None` for a new entry.
    pub code: Option<String>,
    /// The catalog version the page was read at.
    pub read_at: i64,
    /// The region's languages: every text is asked for in each.
    pub locales: Vec<String>,
    /// The values to show.
    pub values: Values,
    /// Problems of the last submission.
    pub problems: Vec<FieldProblem>,
    /// Choices of select and check fields: field → (value, label).
    pub options: BTreeMap<String, Vec<(String, String)>>,
    /// A service's blank forms: file name, title, download address.
    pub blanks: Vec<(String, String, String)>,
    /// A service has an online form.
    pub has_form: bool,
}

/// A service's online form being edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormEditor {
    /// The service's code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// The catalog version the page was read at.
    pub read_at: i64,
    /// The schema's text: the draft, else the current version, else a starting point.
    pub text: String,
    /// The draft differs from what citizens fill in now.
    pub is_draft: bool,
    /// The current version's number, if any.
    pub version: Option<i32>,
    /// The region's languages.
    pub locales: Vec<String>,
}

/// The branding form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandingEditor {
    /// The catalog version the page was read at.
    pub read_at: i64,
    /// The region's languages.
    pub locales: Vec<String>,
    /// The values to show (`name.ru`, `primary`, `links.0.url`…).
    pub values: Values,
    /// Problems of the last submission.
    pub problems: Vec<FieldProblem>,
    /// The region has a coat of arms.
    pub has_coat_of_arms: bool,
}

/// A draft's values and problems, if the operator has one on page `key`.
#[cfg(feature = "ssr")]
async fn draft(state: &crate::host::PortalState, person: i64, key: &str) -> Result<Option<(Values, Vec<FieldProblem>)>, PortalError> {
    let Some(d) = state.db.editor_draft(person, key).await.map_err(crate::host::unavailable)? else { return Ok(None) };
    Ok(Some((serde_json::from_str(&d.payload).unwrap_or_default(), serde_json::from_str(&d.problems).unwrap_or_default())))
}

#[cfg(feature = "ssr")]
async fn stored(state: &crate::host::PortalState) -> Result<backend::region_pack::StoredPack, PortalError> {
    backend::region_pack::stored(&state.db, &state.files).await.map_err(crate::host::unavailable)?.ok_or(PortalError::NotFound)
}

/// The entries of every kind; operator only.
#[server(endpoint = "admin/catalog")]
pub async fn get_catalog_admin() -> Result<CatalogAdmin, PortalError> {
    use backend::catalog_editor::Entry;
    use domain::access::Area;

    use crate::host::{request_lang, require, state};
    require(Area::Admin)?;
    let state = state()?;
    let pack = stored(&state).await?;
    let lang = request_lang();
    let fallback = pack.loaded.pack.manifest.default_locale.clone();
    let row = |entry: Entry, published: bool| {
        let title = match &entry {
            Entry::Category(e) => &e.title,
            Entry::LifeSituation(e) => &e.title,
            Entry::Department(e) => &e.name,
            Entry::Municipality(e) => &e.name,
            Entry::Service(e) => &e.title,
        };
        EntryRow { code: entry.code().to_owned(), title: title.get(&lang, &fallback).to_owned(), published }
    };
    let entries = |catalog: &domain::region::CatalogPack, kind: EntryKind| -> Vec<Entry> {
        match kind {
            EntryKind::Category => catalog.categories.iter().cloned().map(Entry::Category).collect(),
            EntryKind::LifeSituation => catalog.life_situations.iter().cloned().map(Entry::LifeSituation).collect(),
            EntryKind::Department => catalog.departments.iter().cloned().map(Entry::Department).collect(),
            EntryKind::Municipality => catalog.municipalities.iter().cloned().map(Entry::Municipality).collect(),
            EntryKind::Service => catalog.services.iter().cloned().map(Entry::Service).collect(),
        }
    };
    let lists = EntryKind::ALL
        .into_iter()
        .map(|kind| {
            let mut rows: Vec<EntryRow> = entries(&pack.loaded.pack.catalog, kind).into_iter().map(|e| row(e, true)).collect();
            rows.extend(entries(&pack.unpublished, kind).into_iter().map(|e| row(e, false)));
            (kind, rows)
        })
        .collect();
    Ok(CatalogAdmin { read_at: pack.version, lists })
}

/// The form of entry `code` of `kind` (`new` for a new one); operator only.
#[server(endpoint = "admin/catalog-entry")]
pub async fn get_catalog_entry(kind: String, code: String) -> Result<EntryEditor, PortalError> {
    use backend::catalog_editor::{find, Entry};
    use domain::access::Area;
    use domain::catalog_form::values_of;

    use crate::host::{request_lang, require, state};
    let who = require(Area::Admin)?;
    let kind = EntryKind::parse(&kind).ok_or(PortalError::NotFound)?;
    let state = state()?;
    let pack = stored(&state).await?;
    let catalog = &pack.loaded.pack.catalog;
    let manifest = &pack.loaded.pack.manifest;
    let is_new = code == "new";
    let current = if is_new { None } else { Some(find(catalog, kind, &code).ok_or(PortalError::NotFound)?) };
    let json = |e: &Entry| {
        match e {
            Entry::Category(e) => serde_json::to_value(e),
            Entry::LifeSituation(e) => serde_json::to_value(e),
            Entry::Department(e) => serde_json::to_value(e),
            Entry::Municipality(e) => serde_json::to_value(e),
            Entry::Service(e) => serde_json::to_value(e),
        }
        .unwrap_or_default()
    };
    let (values, problems) = match draft(&state, who.person_id, &format!("{}/{code}", kind.as_str())).await? {
        Some(d) => d,
        None => (current.as_ref().map(|e| values_of(kind, &json(e))).unwrap_or_default(), Vec::new()),
    };
    let lang = request_lang();
    let text = |t: &domain::localized::LocalizedText| t.get(&lang, &manifest.default_locale).to_owned();
    let mut options = BTreeMap::new();
    if kind == EntryKind::Service {
        options.insert("category".into(), catalog.categories.iter().map(|c| (c.code.clone(), text(&c.title))).collect());
        options.insert("department".into(), catalog.departments.iter().map(|c| (c.code.clone(), text(&c.name))).collect());
        options.insert("life_situations".into(), catalog.life_situations.iter().map(|c| (c.code.clone(), text(&c.title))).collect());
        options.insert("municipalities".into(), catalog.municipalities.iter().map(|c| (c.code.clone(), text(&c.name))).collect());
    }
    let (blanks, has_form) = match &current {
        Some(Entry::Service(s)) => (
            s.blanks
                .iter()
                .map(|b| {
                    let name = b.file.trim_start_matches("blanks/").to_owned();
                    let url = format!("/files/blanks/{}/{name}", s.code);
                    (name, text(&b.title), url)
                })
                .collect(),
            s.online_form.as_ref().is_some_and(|f| pack.loaded.forms.contains_key(f)),
        ),
        _ => (Vec::new(), false),
    };
    Ok(EntryEditor {
        kind,
        code: (!is_new).then_some(code),
        read_at: pack.version,
        locales: manifest.locales.iter().map(ToString::to_string).collect(),
        values,
        problems,
        options,
        blanks,
        has_form,
    })
}

/// The online form editor of service `code`; operator only.
#[server(endpoint = "admin/catalog-form")]
pub async fn get_form_editor(code: String) -> Result<FormEditor, PortalError> {
    use domain::access::Area;

    use crate::host::{request_lang, require, state, unavailable};
    let who = require(Area::Admin)?;
    let state = state()?;
    let pack = stored(&state).await?;
    let manifest = &pack.loaded.pack.manifest;
    let service = pack.loaded.pack.catalog.services.iter().find(|s| s.code == code).ok_or(PortalError::NotFound)?;
    let current = state.db.service_form(&code).await.map_err(unavailable)?;
    let draft = state.db.editor_draft(who.person_id, &format!("form/{code}")).await.map_err(unavailable)?;
    let pretty = |s: &domain::forms::FormSchema| serde_json::to_string_pretty(s).unwrap_or_default();
    let text = match (&draft, &current) {
        (Some(d), _) => d.payload.clone(),
        (None, Some((_, schema))) => pretty(schema),
        (None, None) => STARTER_FORM.to_owned(),
    };
    Ok(FormEditor {
        title: service.title.get(&request_lang(), &manifest.default_locale).to_owned(),
        code,
        read_at: pack.version,
        is_draft: draft.is_some(),
        version: current.map(|(v, _)| v),
        text,
        locales: manifest.locales.iter().map(ToString::to_string).collect(),
    })
}

/// A first online form to start from: one step, one field.
#[cfg(feature = "ssr")]
const STARTER_FORM: &str = r#"{
  "steps": [
    {
      "id": "applicant",
      "title": { "ru": "Заявитель", "en": "Applicant" },
      "fields": [
        { "id": "full_name", "type": "text", "label": { "ru": "Фамилия, имя, отчество", "en": "Full name" }, "required": true }
      ]
    }
  ]
}"#;

/// The branding form; operator only.
#[server(endpoint = "admin/branding")]
pub async fn get_branding_editor() -> Result<BrandingEditor, PortalError> {
    use domain::access::Area;

    use crate::host::{require, state};
    let who = require(Area::Admin)?;
    let state = state()?;
    let pack = stored(&state).await?;
    let m = &pack.loaded.pack.manifest;
    let (values, problems) = match draft(&state, who.person_id, "region/branding").await? {
        Some(d) => d,
        None => {
            let mut values = Values::new();
            let mut put = |k: String, v: String| values.entry(k).or_default().push(v);
            for (lang, name) in &m.name.0 {
                put(format!("name.{lang}"), name.clone());
            }
            put("primary".into(), m.colours.primary.clone());
            put("accent".into(), m.colours.accent.clone());
            put("phone".into(), m.contacts.phone.clone().unwrap_or_default());
            put("email".into(), m.contacts.email.clone().unwrap_or_default());
            for (i, link) in m.footer_links.iter().enumerate() {
                for (lang, title) in &link.title.0 {
                    put(format!("links.{i}.{lang}"), title.clone());
                }
                put(format!("links.{i}.url"), link.url.clone());
            }
            (values, Vec::new())
        }
    };
    Ok(BrandingEditor {
        read_at: pack.version,
        locales: m.locales.iter().map(ToString::to_string).collect(),
        values,
        problems,
        has_coat_of_arms: pack.loaded.coat_of_arms.is_some(),
    })
}
