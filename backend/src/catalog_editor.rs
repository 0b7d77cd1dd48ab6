//! The operator's changes to the catalog and branding in the browser. Each change is made to
//! the pack the database holds ([`crate::region_pack::stored`]), checked by the same rules as a
//! pack import, written by the importer (so a new online form becomes a new version, blanks are
//! content-addressed, only what changed is touched) and recorded in the audit trail with the
//! entry before and after.

use bytes::Bytes;
use domain::forms::FormSchema;
use domain::region::{CatalogPack, RegionManifest};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

mod forms;

use crate::files::file_type::FileType;
use crate::region_pack::{stored, LoadedBlank, LoadedForm, Quiet, StoredPack};
use crate::store::AuditEntry;
use crate::{Error, FileStore, Portal, Result};

pub use domain::catalog_form::EntryKind;
pub use forms::{
    pack_zip, publish_form_text, remove_blank_form, save_branding, save_entry, service_exists, set_published_form, upload_blank, Settled, MAX_SCHEMA_BYTES,
};

/// Who changes, for the audit trail.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The operator's person id.
    pub person_id: i64,
    /// The HTTP request.
    pub request_id: Option<String>,
}

/// What one change did, for the audit trail: which entry, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    /// `catalog_changed` or `branding_changed`.
    pub action: &'static str,
    /// `service`, `department`…, `region`, `form` or `blank`.
    pub kind: &'static str,
    /// The entry's code (the region's code for branding).
    pub code: String,
    /// The entry before, `null` when new.
    pub before: Value,
    /// The entry after, `null` when removed.
    pub after: Value,
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// A rule of the editor that a change broke; the page says which in the operator's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// An entry of this kind with this code exists already.
    CodeTaken,
    /// No published entry of this kind with this code.
    NotFound,
    /// Published services still refer to the entry: their codes.
    InUse(Vec<String>),
    /// Another service's blank has this file name with other content.
    BlankNameTaken(String),
}

/// Result of a change the editor may refuse.
pub type Edited = std::result::Result<Changed, Refusal>;

/// Reads the stored pack, lets `change` make one change to it, checks the whole pack and writes
/// it if the catalog is still at `read_at`. [`Error::Pack`] lists broken pack rules,
/// [`Error::Conflict`] says someone else changed the catalog meanwhile; nothing is written then.
pub async fn apply(p: &Portal, read_at: i64, actor: &Actor, change: impl FnOnce(&mut StoredPack) -> Edited) -> Result<std::result::Result<(), Refusal>> {
    let (db, files) = (&p.db, &p.files);
    let mut pack = stored(db, files).await?.ok_or_else(|| Error::Corrupt("no region has been imported".into()))?;
    if pack.version != read_at {
        return Err(Error::Conflict);
    }
    let changed = match change(&mut pack) {
        Ok(c) => c,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let errors = pack.loaded.pack.validate();
    if !errors.is_empty() {
        return Err(Error::Pack(errors));
    }
    crate::store::write_pack(db, files, &pack.loaded, Some(read_at), &Quiet).await?;
    let entry = AuditEntry::new(Some(actor.person_id), changed.action)
        .about(format!("{}:{}", changed.kind, changed.code))
        .with(serde_json::json!({ "kind": changed.kind, "code": changed.code, "before": changed.before, "after": changed.after }))
        .in_request(actor.request_id.clone());
    db.audit(&entry, p.now()).await?;
    tracing::info!(person_id = actor.person_id, kind = changed.kind, code = %changed.code, "catalog changed in the editor");
    Ok(Ok(()))
}

/// A catalog entry of any kind.
// One entry at a time is edited: boxing the large service variant would save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A category.
    Category(domain::region::CategoryEntry),
    /// A life situation.
    LifeSituation(domain::region::LifeSituationEntry),
    /// A department.
    Department(domain::region::DepartmentEntry),
    /// A municipality.
    Municipality(domain::region::MunicipalityEntry),
    /// A service.
    Service(domain::region::ServiceEntry),
}

impl Entry {
    /// Its kind.
    pub fn kind(&self) -> EntryKind {
        match self {
            Entry::Category(_) => EntryKind::Category,
            Entry::LifeSituation(_) => EntryKind::LifeSituation,
            Entry::Department(_) => EntryKind::Department,
            Entry::Municipality(_) => EntryKind::Municipality,
            Entry::Service(_) => EntryKind::Service,
        }
    }

    /// Its code.
    pub fn code(&self) -> &str {
        match self {
            Entry::Category(e) => &e.code,
            Entry::LifeSituation(e) => &e.code,
            Entry::Department(e) => &e.code,
            Entry::Municipality(e) => &e.code,
            Entry::Service(e) => &e.code,
        }
    }

    fn value(&self) -> Value {
        match self {
            Entry::Category(e) => to_value(e),
            Entry::LifeSituation(e) => to_value(e),
            Entry::Department(e) => to_value(e),
            Entry::Municipality(e) => to_value(e),
            Entry::Service(e) => to_value(e),
        }
    }
}

/// The published entry `code` of `kind`.
pub fn find(catalog: &CatalogPack, kind: EntryKind, code: &str) -> Option<Entry> {
    match kind {
        EntryKind::Category => catalog.categories.iter().find(|e| e.code == code).cloned().map(Entry::Category),
        EntryKind::LifeSituation => catalog.life_situations.iter().find(|e| e.code == code).cloned().map(Entry::LifeSituation),
        EntryKind::Department => catalog.departments.iter().find(|e| e.code == code).cloned().map(Entry::Department),
        EntryKind::Municipality => catalog.municipalities.iter().find(|e| e.code == code).cloned().map(Entry::Municipality),
        EntryKind::Service => catalog.services.iter().find(|e| e.code == code).cloned().map(Entry::Service),
    }
}

/// Replaces the entry with the same code in its list, or adds it at the end; the old one.
fn put_in(catalog: &mut CatalogPack, entry: Entry) -> Option<Entry> {
    fn put<T: Clone>(list: &mut Vec<T>, code: &str, entry: T, code_of: impl Fn(&T) -> &str) -> Option<T> {
        match list.iter_mut().find(|e| code_of(e) == code) {
            Some(slot) => Some(std::mem::replace(slot, entry)),
            None => {
                list.push(entry);
                None
            }
        }
    }
    let code = entry.code().to_owned();
    match entry {
        Entry::Category(e) => put(&mut catalog.categories, &code, e, |e| &e.code).map(Entry::Category),
        Entry::LifeSituation(e) => put(&mut catalog.life_situations, &code, e, |e| &e.code).map(Entry::LifeSituation),
        Entry::Department(e) => put(&mut catalog.departments, &code, e, |e| &e.code).map(Entry::Department),
        Entry::Municipality(e) => put(&mut catalog.municipalities, &code, e, |e| &e.code).map(Entry::Municipality),
        Entry::Service(e) => put(&mut catalog.services, &code, e, |e| &e.code).map(Entry::Service),
    }
}

/// Takes the entry `code` of `kind` out of its list.
fn take_from(catalog: &mut CatalogPack, kind: EntryKind, code: &str) -> Option<Entry> {
    fn take<T>(list: &mut Vec<T>, code: &str, code_of: impl Fn(&T) -> &str) -> Option<T> {
        list.iter().position(|e| code_of(e) == code).map(|i| list.remove(i))
    }
    match kind {
        EntryKind::Category => take(&mut catalog.categories, code, |e| &e.code).map(Entry::Category),
        EntryKind::LifeSituation => take(&mut catalog.life_situations, code, |e| &e.code).map(Entry::LifeSituation),
        EntryKind::Department => take(&mut catalog.departments, code, |e| &e.code).map(Entry::Department),
        EntryKind::Municipality => take(&mut catalog.municipalities, code, |e| &e.code).map(Entry::Municipality),
        EntryKind::Service => take(&mut catalog.services, code, |e| &e.code).map(Entry::Service),
    }
}

/// Published services that refer to entry `code` of `kind`.
fn users(catalog: &CatalogPack, kind: EntryKind, code: &str) -> Vec<String> {
    let refers = |s: &domain::region::ServiceEntry| match kind {
        EntryKind::Category => s.category == code,
        EntryKind::Department => s.department == code,
        EntryKind::LifeSituation => s.life_situations.iter().any(|c| c == code),
        EntryKind::Municipality => s.municipalities.iter().any(|c| c == code),
        EntryKind::Service => false,
    };
    catalog.services.iter().filter(|s| refers(s)).map(|s| s.code.clone()).collect()
}

/// Creates entry `entry` (published), refused when its code is taken (published or not).
pub fn create(pack: &mut StoredPack, entry: Entry) -> Edited {
    let kind = entry.kind();
    if find(&pack.loaded.pack.catalog, kind, entry.code()).is_some() || find(&pack.unpublished, kind, entry.code()).is_some() {
        return Err(Refusal::CodeTaken);
    }
    let after = entry.value();
    let code = entry.code().to_owned();
    put_in(&mut pack.loaded.pack.catalog, entry);
    Ok(Changed { action: "catalog_changed", kind: kind.as_str(), code, before: Value::Null, after })
}

/// Replaces the published entry with `entry`'s code. A service keeps its blanks and online form
/// (they have editors of their own) and its federal register number (the register's upload sets
/// it, the editor's form does not show it).
pub fn update(pack: &mut StoredPack, mut entry: Entry) -> Edited {
    let kind = entry.kind();
    let Some(old) = find(&pack.loaded.pack.catalog, kind, entry.code()) else { return Err(Refusal::NotFound) };
    if let (Entry::Service(new), Entry::Service(old)) = (&mut entry, &old) {
        new.blanks = old.blanks.clone();
        new.online_form = old.online_form.clone();
        new.register_id = old.register_id.clone();
    }
    let (before, after) = (old.value(), entry.value());
    let code = entry.code().to_owned();
    put_in(&mut pack.loaded.pack.catalog, entry);
    Ok(Changed { action: "catalog_changed", kind: kind.as_str(), code, before, after })
}

/// Publishes (from the unpublished entries) or unpublishes entry `code` of `kind`. An entry that
/// published services refer to cannot be unpublished; a service whose category or department is
/// unpublished cannot be published (the pack check says which).
pub fn set_published(pack: &mut StoredPack, kind: EntryKind, code: &str, published: bool) -> Edited {
    if published {
        let entry = take_from(&mut pack.unpublished, kind, code).ok_or(Refusal::NotFound)?;
        put_in(&mut pack.loaded.pack.catalog, entry);
        if kind == EntryKind::Service {
            let (theirs, others) = std::mem::take(&mut pack.unpublished_blanks).into_iter().partition(|b| b.service == code);
            pack.unpublished_blanks = others;
            pack.loaded.blanks.extend::<Vec<_>>(theirs);
        }
    } else {
        let in_use = users(&pack.loaded.pack.catalog, kind, code);
        if !in_use.is_empty() {
            return Err(Refusal::InUse(in_use));
        }
        take_from(&mut pack.loaded.pack.catalog, kind, code).ok_or(Refusal::NotFound)?;
        pack.loaded.blanks.retain(|b| !(kind == EntryKind::Service && b.service == code));
    }
    let state = |p: bool| serde_json::json!({ "published": p });
    Ok(Changed { action: "catalog_changed", kind: kind.as_str(), code: code.to_owned(), before: state(!published), after: state(published) })
}

/// Makes `schema` the service's online form: a new version that applications filed from now on
/// use (those filed before keep theirs). The caller has checked it ([`FormSchema::check`]).
pub fn publish_form(pack: &mut StoredPack, service: &str, schema: FormSchema) -> Edited {
    let shared = |name: &str| pack.loaded.pack.catalog.services.iter().filter(|s| s.online_form.as_deref() == Some(name)).count() > 1;
    let own_name = match pack.loaded.pack.catalog.services.iter().find(|s| s.code == service).ok_or(Refusal::NotFound)?.online_form.as_deref() {
        // A form several services share stays theirs; this service gets one of its own.
        Some(name) if !shared(name) => name.to_owned(),
        _ => service.to_owned(),
    };
    let entry = pack.loaded.pack.catalog.services.iter_mut().find(|s| s.code == service).ok_or(Refusal::NotFound)?;
    let name = entry.online_form.insert(own_name).clone();
    let canonical = serde_json::to_string(&schema).map_err(|_| Refusal::NotFound)?;
    let sha256 = Sha256::digest(canonical.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let before = pack.loaded.forms.get(&name).map_or(Value::Null, |f| to_value(&f.schema));
    let after = to_value(&schema);
    pack.loaded.forms.insert(name, LoadedForm { schema, canonical, sha256 });
    Ok(Changed { action: "catalog_changed", kind: "form", code: service.to_owned(), before, after })
}

/// A blank form file the operator uploaded, checked and stored under its content's key.
#[derive(Debug, Clone)]
pub struct UploadedBlank {
    /// File name, e.g. `application.odt`.
    pub file_name: String,
    /// Title per language.
    pub title: domain::localized::LocalizedText,
    /// Its type, judged by content.
    pub file_type: FileType,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// Stores an uploaded blank's bytes under `blanks/<sha256>` before anything refers to them.
pub async fn store_blank(files: &FileStore, bytes: Bytes) -> Result<(String, u64)> {
    let sha256: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let key = format!("blanks/{sha256}");
    let size = bytes.len() as u64;
    if !files.exists(&key).await? {
        files.put(&key, bytes).await?;
    }
    Ok((sha256, size))
}

/// Adds the blank to the service, or replaces the service's blank of the same file name.
pub fn put_blank(pack: &mut StoredPack, service: &str, blank: UploadedBlank) -> Edited {
    let taken = pack.loaded.blanks.iter().find(|b| b.service != service && b.file_name == blank.file_name && b.sha256 != blank.sha256);
    if let Some(other) = taken {
        return Err(Refusal::BlankNameTaken(other.service.clone()));
    }
    let entry = pack.loaded.pack.catalog.services.iter_mut().find(|s| s.code == service).ok_or(Refusal::NotFound)?;
    let file = format!("blanks/{}", blank.file_name);
    let before = entry.blanks.iter().find(|b| b.file == file).map_or(Value::Null, to_value);
    let listed = domain::region::BlankEntry { file: file.clone(), title: blank.title };
    let after = to_value(&listed);
    match entry.blanks.iter_mut().find(|b| b.file == file) {
        Some(slot) => *slot = listed,
        None => entry.blanks.push(listed),
    }
    let loaded = LoadedBlank {
        service: service.to_owned(),
        file_name: blank.file_name.clone(),
        bytes: None,
        size: blank.size,
        file_type: blank.file_type,
        sha256: blank.sha256.clone(),
    };
    // The importer pairs a service's blanks with its entry's list in order.
    pack.loaded.blanks.retain(|b| !(b.service == service && b.file_name == blank.file_name));
    let position = entry.blanks.iter().position(|b| b.file == file).unwrap_or(0);
    let start = pack.loaded.blanks.iter().position(|b| b.service == service).unwrap_or(pack.loaded.blanks.len());
    pack.loaded.blanks.insert((start + position).min(pack.loaded.blanks.len()), loaded);
    Ok(Changed { action: "catalog_changed", kind: "blank", code: format!("{service}/{}", blank.file_name), before, after })
}

/// Takes blank `file_name` off the service (the file stays stored: links handed out keep working
/// until the row is unpublished).
pub fn remove_blank(pack: &mut StoredPack, service: &str, file_name: &str) -> Edited {
    let entry = pack.loaded.pack.catalog.services.iter_mut().find(|s| s.code == service).ok_or(Refusal::NotFound)?;
    let file = format!("blanks/{file_name}");
    let i = entry.blanks.iter().position(|b| b.file == file).ok_or(Refusal::NotFound)?;
    let before = to_value(&entry.blanks.remove(i));
    pack.loaded.blanks.retain(|b| !(b.service == service && b.file_name == file_name));
    Ok(Changed { action: "catalog_changed", kind: "blank", code: format!("{service}/{file_name}"), before, after: Value::Null })
}

/// The region's identity and branding as the operator edits them.
#[derive(Debug, Clone, PartialEq)]
pub struct BrandingChange {
    /// Name per language.
    pub name: domain::localized::LocalizedText,
    /// Brand colours.
    pub colours: domain::region::Colours,
    /// Support contacts.
    pub contacts: domain::region::Contacts,
    /// Footer links.
    pub footer_links: Vec<domain::region::FooterLink>,
    /// A new coat of arms (SVG or PNG), when one was uploaded.
    pub coat_of_arms: Option<(Bytes, FileType)>,
}

/// Changes the region's name, colours, contacts, footer links and, when given, coat of arms.
pub fn rebrand(pack: &mut StoredPack, change: BrandingChange) -> Edited {
    let manifest: &mut RegionManifest = &mut pack.loaded.pack.manifest;
    let before = to_value(&*manifest);
    manifest.name = change.name;
    manifest.colours = change.colours;
    manifest.contacts = change.contacts;
    manifest.footer_links = change.footer_links;
    if let Some((bytes, kind)) = change.coat_of_arms {
        manifest.coat_of_arms = Some(format!("coat-of-arms.{}", kind.extension));
        pack.loaded.coat_of_arms = Some((bytes, kind));
    }
    let after = to_value(&*manifest);
    Ok(Changed { action: "branding_changed", kind: "region", code: manifest.code.clone(), before, after })
}
