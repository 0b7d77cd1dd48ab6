//! Exchange with the federal register of services (docs/register.md): every published service's
//! passport written as XML in the register's structure (`domain::register`), and such a file read
//! back: each passport updates the service with its code, in the register's language, through the
//! catalog editor (so the whole pack is checked, the write is refused if the catalog moved on,
//! and the audit trail has it). A file is taken whole or not at all.

use domain::localized::Lang;
use domain::region::PackError;
use domain::register::{passport, take, PassportProblem, RegisterExport};
use serde_json::json;

use crate::catalog_editor::{apply, Actor, Changed};
use crate::region_pack::stored;
use crate::{Error, Portal, Result};

/// The largest file taken in.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// The language the register keeps: Russian where the region has it, else its default.
fn register_lang(locales: &[Lang], default: &Lang) -> Lang {
    locales.iter().find(|l| l.as_str() == "ru").cloned().unwrap_or_else(|| default.clone())
}

/// Every published service's passport as XML, and the region's code (for the file's name).
pub async fn export(p: &Portal) -> Result<(String, String)> {
    let pack = stored(&p.db, &p.files).await?.ok_or(Error::NoRegion)?.loaded.pack;
    let lang = register_lang(&pack.manifest.locales, &pack.manifest.default_locale);
    let catalog = &pack.catalog;
    let services = catalog.services.iter().filter_map(|s| catalog.departments.iter().find(|d| d.code == s.department).map(|d| passport(s, d, &lang))).collect();
    let export =
        RegisterExport { region: pack.manifest.code.clone(), language: lang.as_str().to_owned(), generated: domain::dates::utc_rfc3339(p.now()), services };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let mut serializer = quick_xml::se::Serializer::new(&mut xml);
    serializer.indent(' ', 2);
    serde::Serialize::serialize(&export, serializer).map_err(|e| Error::Corrupt(format!("register export: {e}")))?;
    xml.push('\n');
    Ok((pack.manifest.code, xml))
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Services whose passport changed, with the fields that did.
    pub updated: Vec<(String, Vec<&'static str>)>,
    /// Passports that changed nothing.
    pub unchanged: usize,
    /// Codes in the file that the catalog has no published service for: left out.
    pub unknown: Vec<String>,
    /// Services whose texts changed in the register's language only, with those fields.
    pub to_translate: Vec<(String, Vec<&'static str>)>,
}

/// Why a file was not taken in (nothing was changed).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportProblem {
    /// Not XML in the register's structure, or larger than [`MAX_BYTES`].
    Unreadable(String),
    /// Written for another region (its code).
    Region(String),
    /// In another language than the register's.
    Language(String),
    /// A service's passport twice (its code).
    Repeated(String),
    /// A passport that cannot be taken in.
    Passport(String, PassportProblem),
    /// A passport naming an authority the catalog has no published department for.
    Authority(String, String),
    /// The catalog's own rules, after the change (e.g. a stage the service does not offer).
    Pack(Vec<PackError>),
    /// The catalog changed meanwhile: try again.
    Conflict,
}

/// Reads `bytes` as register XML and takes its passports in on behalf of `actor`.
pub async fn import(p: &Portal, actor: &Actor, bytes: &[u8]) -> Result<std::result::Result<ImportReport, ImportProblem>> {
    if bytes.len() > MAX_BYTES {
        return Ok(Err(ImportProblem::Unreadable(format!("larger than {MAX_BYTES} bytes"))));
    }
    let file: RegisterExport = match std::str::from_utf8(bytes).map_err(|e| e.to_string()).and_then(|t| quick_xml::de::from_str(t).map_err(|e| e.to_string())) {
        Ok(file) => file,
        Err(e) => return Ok(Err(ImportProblem::Unreadable(e))),
    };
    let pack = stored(&p.db, &p.files).await?.ok_or(Error::NoRegion)?;
    let manifest = &pack.loaded.pack.manifest;
    let lang = register_lang(&manifest.locales, &manifest.default_locale);
    if file.region != manifest.code {
        return Ok(Err(ImportProblem::Region(file.region)));
    }
    if file.language != lang.as_str() {
        return Ok(Err(ImportProblem::Language(file.language)));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(repeated) = file.services.iter().find(|s| !seen.insert(s.code.as_str())) {
        return Ok(Err(ImportProblem::Repeated(repeated.code.clone())));
    }
    let catalog = &pack.loaded.pack.catalog;
    let mut services = catalog.services.clone();
    let mut report = ImportReport::default();
    for passport in &file.services {
        let Some(service) = services.iter_mut().find(|s| s.code == passport.code) else {
            report.unknown.push(passport.code.clone());
            continue;
        };
        if !catalog.departments.iter().any(|d| d.code == passport.authority.code) {
            return Ok(Err(ImportProblem::Authority(passport.code.clone(), passport.authority.code.clone())));
        }
        match take(service, passport, &lang, &manifest.locales) {
            Ok(taken) if taken.changed.is_empty() => report.unchanged += 1,
            Ok(taken) => {
                if !taken.to_translate.is_empty() {
                    report.to_translate.push((passport.code.clone(), taken.to_translate));
                }
                report.updated.push((passport.code.clone(), taken.changed));
            }
            Err(problem) => return Ok(Err(ImportProblem::Passport(passport.code.clone(), problem))),
        }
    }
    if report.updated.is_empty() {
        return Ok(Ok(report));
    }
    let summary = json!({ "updated": report.updated, "unknown": report.unknown });
    let written = apply(p, pack.version, actor, move |pack| {
        pack.loaded.pack.catalog.services = services;
        Ok(Changed { action: "catalog_changed", kind: "register", code: "import".into(), before: serde_json::Value::Null, after: summary })
    })
    .await;
    match written {
        Ok(_) => Ok(Ok(report)),
        Err(Error::Pack(errors)) => Ok(Err(ImportProblem::Pack(errors))),
        Err(Error::Conflict) => Ok(Err(ImportProblem::Conflict)),
        Err(e) => Err(e),
    }
}
