//! The editor's forms as the operator posts them: each is read into one change of the stored
//! pack (or the problems that stop it), applied, and settled into what the page shows next. A
//! refused form is kept as the operator's draft, so its page shows it again with the problems.

use std::io::Write;

use bytes::Bytes;
use domain::catalog_form::{self, problem, FieldProblem, Values};
use domain::localized::{Lang, LocalizedText};
use domain::region::{Colours, Contacts, FooterLink};

use super::{
    apply, create, publish_form, put_blank, rebrand, remove_blank, set_published, store_blank, update, Actor, BrandingChange, Edited, Entry, EntryKind,
    Refusal, UploadedBlank,
};
use crate::region_pack::{pack_files, stored, StoredPack};
use crate::store::Draft;
use crate::{Error, Portal, Result};

/// How a change to the catalog ended, for the page to go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// Written; the entry's page (its code may be new).
    Saved(String),
    /// Someone else changed the catalog meanwhile: nothing was written.
    Conflict,
    /// No such entry.
    NotFound,
    /// Published services still refer to the entry.
    InUse,
    /// Another service has a blank of this name with other content.
    BlankNameTaken,
    /// A button press the pack rules refused (there is no form to show again).
    Refused,
    /// The form had problems: kept as the operator's draft for its page to show.
    Kept,
    /// An upload or text the page explains by this code (`blank`, `schema`, `too-long`).
    Problem(&'static str),
    /// An online form's text kept as a draft without publishing it.
    DraftSaved,
}

/// The catalog version a form was read at (`read_at`); a missing one never matches.
fn read_at(values: &Values) -> i64 {
    values.get("read_at").and_then(|v| v.first()).and_then(|v| v.parse().ok()).unwrap_or(-1)
}

fn langs(pack: &StoredPack) -> Vec<Lang> {
    pack.loaded.pack.manifest.locales.clone()
}

async fn stored_pack(p: &Portal) -> Result<StoredPack> {
    stored(&p.db, &p.files).await?.ok_or(Error::NoRegion)
}

/// The editor's form field a pack rule's path names (`services[3].documents[1].title` →
/// `documents.1`, `colours.primary` → `primary`).
fn field_of(path: &str) -> String {
    // The branding's footer links are rows of the form; an entry's own prefix (`services[3].`) is not.
    let path = match path.strip_prefix("footer_links[") {
        Some(link) => format!("links.{link}"),
        None => path.split_once("].").map_or(path, |(_, rest)| rest).to_owned(),
    };
    let path = path.strip_prefix("colours.").or_else(|| path.strip_prefix("contacts.")).unwrap_or(&path);
    let path = path.replace('[', ".").replace(']', "");
    path.strip_suffix(".title").map(str::to_owned).unwrap_or(path)
}

/// Keeps `payload` with `problems` as `actor`'s draft of page `key`.
async fn keep(p: &Portal, actor: &Actor, key: &str, payload: String, problems: &[FieldProblem]) -> Result<Settled> {
    let draft = Draft { payload, problems: serde_json::to_string(problems).unwrap_or_default() };
    p.db.save_editor_draft(actor.person_id, key, &draft, p.now()).await?;
    Ok(Settled::Kept)
}

/// Settles the change of form `key` (posted as `payload`; empty for a button) that `result`
/// ended with: written (the draft is dropped), refused with a reason, or kept with its problems.
async fn settle(p: &Portal, actor: &Actor, key: &str, payload: String, done: String, result: Result<std::result::Result<(), Refusal>>) -> Result<Settled> {
    let problems: Vec<FieldProblem> = match result {
        Ok(Ok(())) => {
            p.db.drop_editor_draft(actor.person_id, key).await?;
            return Ok(Settled::Saved(done));
        }
        Err(Error::Conflict) => return Ok(Settled::Conflict),
        Ok(Err(Refusal::NotFound)) => return Ok(Settled::NotFound),
        Ok(Err(Refusal::InUse(services))) => {
            tracing::info!(?services, "unpublishing refused: services refer to the entry");
            return Ok(Settled::InUse);
        }
        Ok(Err(Refusal::CodeTaken)) => vec![problem("code", "code-taken")],
        Ok(Err(Refusal::BlankNameTaken(_))) => return Ok(Settled::BlankNameTaken),
        Err(Error::Pack(errors)) if payload.is_empty() => {
            tracing::info!(?errors, "a catalog change was refused by the pack rules");
            return Ok(Settled::Refused);
        }
        Err(Error::Pack(errors)) => {
            errors.into_iter().map(|e| FieldProblem { field: field_of(&e.path), problem: "admin-problem-pack".into(), detail: Some(e.problem) }).collect()
        }
        Err(e) => return Err(e),
    };
    keep(p, actor, key, payload, &problems).await
}

/// Saves the entry of `kind` a form posted (`code` `new` creates one).
pub async fn save_entry(p: &Portal, actor: &Actor, kind: EntryKind, code: &str, mut values: Values) -> Result<Settled> {
    let at = read_at(&values);
    values.remove("read_at");
    let is_new = code == "new";
    if !is_new {
        values.insert("code".into(), vec![code.to_owned()]);
    }
    let pack = stored_pack(p).await?;
    let key = format!("{}/{code}", kind.as_str());
    let payload = serde_json::to_string(&values).unwrap_or_default();
    let json = match catalog_form::parse(kind, &values, &langs(&pack)) {
        Ok(json) => json,
        Err(problems) => return keep(p, actor, &key, payload, &problems).await,
    };
    let entry = match kind {
        EntryKind::Category => serde_json::from_value(json).map(Entry::Category),
        EntryKind::LifeSituation => serde_json::from_value(json).map(Entry::LifeSituation),
        EntryKind::Department => serde_json::from_value(json).map(Entry::Department),
        EntryKind::Municipality => serde_json::from_value(json).map(Entry::Municipality),
        EntryKind::Service => serde_json::from_value(json).map(Entry::Service),
    };
    let entry = match entry {
        Ok(e) => e,
        Err(e) => {
            let problems = [FieldProblem { field: String::new(), problem: "admin-problem-pack".into(), detail: Some(e.to_string()) }];
            return keep(p, actor, &key, payload, &problems).await;
        }
    };
    let done = format!("/admin/catalog/{}/{}", kind.as_str(), entry.code());
    let change = move |pack: &mut StoredPack| -> Edited {
        if is_new {
            create(pack, entry)
        } else {
            update(pack, entry)
        }
    };
    let result = apply(p, at, actor, change).await;
    settle(p, actor, &key, payload, done, result).await
}

/// Shows (`published`) or hides an entry for citizens.
pub async fn set_published_form(p: &Portal, actor: &Actor, kind: EntryKind, code: &str, read_at: i64, published: bool) -> Result<Settled> {
    let result = apply(p, read_at, actor, |pack| set_published(pack, kind, code, published)).await;
    settle(p, actor, "catalog", String::new(), "/admin/catalog".into(), result).await
}

/// A file name safe in a pack folder and an address: the last path part, no leading dot.
fn plain_file_name(name: &str) -> Option<String> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    (!name.is_empty() && !name.starts_with('.') && name.len() <= 128 && !name.chars().any(char::is_control)).then(|| name.to_owned())
}

/// Adds the blank a form uploaded to service `code` (a title per language and a document), or
/// replaces its blank of the same file name. The service must exist before the upload is read:
/// see [`service_exists`].
pub async fn upload_blank(p: &Portal, actor: &Actor, code: &str, values: Values, file: Option<(String, Bytes)>) -> Result<Settled> {
    let pack = stored_pack(p).await?;
    let mut problems: Vec<FieldProblem> = Vec::new();
    let mut title = LocalizedText::default();
    for lang in langs(&pack) {
        let text = values.get(&format!("title.{lang}")).and_then(|v| v.first()).map_or("", |s| s.trim());
        if text.is_empty() {
            problems.push(problem(format!("title.{lang}"), "text-missing"));
        }
        title.0.insert(lang, text.to_owned());
    }
    let checked = file.and_then(|(name, bytes)| {
        let kind = crate::files::file_type::document_type(&bytes)?;
        let name = plain_file_name(&name)?;
        // The name says what the content is, as the pack rules want.
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        Some((format!("{stem}.{}", kind.extension), kind, bytes))
    });
    let Some((file_name, file_type, bytes)) = checked.filter(|_| problems.is_empty()) else {
        tracing::info!(?problems, "a blank upload was refused");
        return Ok(Settled::Problem("blank"));
    };
    // The file is stored before anything refers to it; a refused change leaves an unused file.
    let (sha256, size) = store_blank(&p.files, bytes).await?;
    let blank = UploadedBlank { file_name, title, file_type, sha256, size };
    let result = apply(p, read_at(&values), actor, |pack| put_blank(pack, code, blank)).await;
    settle(p, actor, &format!("blank/{code}"), String::new(), format!("/admin/catalog/service/{code}"), result).await
}

/// Whether service `code` is in the stored catalog (asked before an upload for it is read).
pub async fn service_exists(p: &Portal, code: &str) -> Result<bool> {
    Ok(stored_pack(p).await?.loaded.pack.catalog.services.iter().any(|s| s.code == code))
}

/// Takes blank `file` off service `code`.
pub async fn remove_blank_form(p: &Portal, actor: &Actor, code: &str, read_at: i64, file: &str) -> Result<Settled> {
    let result = apply(p, read_at, actor, |pack| remove_blank(pack, code, file)).await;
    settle(p, actor, &format!("blank/{code}"), String::new(), format!("/admin/catalog/service/{code}"), result).await
}

/// Longest online form text accepted.
pub const MAX_SCHEMA_BYTES: usize = 256 * 1024;

/// Keeps an online form's `text` as the operator's draft for service `code`, and with `publish`
/// makes it the service's form for new applications when it has no problems.
pub async fn publish_form_text(p: &Portal, actor: &Actor, code: &str, read_at: i64, text: String, publish: bool) -> Result<Settled> {
    let pack = stored_pack(p).await?;
    if !pack.loaded.pack.catalog.services.iter().any(|s| s.code == code) {
        return Ok(Settled::NotFound);
    }
    if text.len() > MAX_SCHEMA_BYTES {
        return Ok(Settled::Problem("too-long"));
    }
    let key = format!("form/{code}");
    let schema = serde_json::from_str::<domain::forms::FormSchema>(&text).ok().filter(|s| s.check(&langs(&pack)).is_empty());
    match (publish, schema) {
        (true, Some(schema)) => {
            let result = apply(p, read_at, actor, |pack| publish_form(pack, code, schema)).await;
            settle(p, actor, &key, text, format!("/admin/catalog/service/{code}/form"), result).await
        }
        (publish, _) => {
            // The page shows the text's problems itself; the draft keeps the text.
            p.db.save_editor_draft(actor.person_id, &key, &Draft { payload: text, problems: "[]".into() }, p.now()).await?;
            Ok(if publish { Settled::Problem("schema") } else { Settled::DraftSaved })
        }
    }
}

/// The region's name, colours, contacts, footer links and, when a file was chosen, coat of arms.
pub async fn save_branding(p: &Portal, actor: &Actor, mut values: Values, file: Option<(String, Bytes)>) -> Result<Settled> {
    let at = read_at(&values);
    values.remove("read_at");
    let locales = langs(&stored_pack(p).await?);
    let payload = serde_json::to_string(&values).unwrap_or_default();
    match branding_of(&values, file, &locales) {
        Ok(change) => {
            let result = apply(p, at, actor, |pack| rebrand(pack, change)).await;
            settle(p, actor, "region/branding", payload, "/admin/branding".into(), result).await
        }
        Err(problems) => keep(p, actor, "region/branding", payload, &problems).await,
    }
}

/// The branding change a form describes, or its problems.
fn branding_of(values: &Values, file: Option<(String, Bytes)>, locales: &[Lang]) -> std::result::Result<BrandingChange, Vec<FieldProblem>> {
    let one = |name: &str| values.get(name).and_then(|v| v.first()).map_or(String::new(), |s| s.trim().to_owned());
    let mut problems = Vec::new();
    let text = |prefix: &str, problems: &mut Vec<FieldProblem>| {
        let mut t = LocalizedText::default();
        for lang in locales {
            let value = one(&format!("{prefix}.{lang}"));
            if value.is_empty() {
                problems.push(problem(format!("{prefix}.{lang}"), "text-missing"));
            }
            t.0.insert(lang.clone(), value);
        }
        t
    };
    let name = text("name", &mut problems);
    let mut footer_links = Vec::new();
    for i in 0..catalog_form::rows(values, "links") {
        let row = format!("links.{i}");
        let url = one(&format!("{row}.url"));
        if url.is_empty() && locales.iter().all(|l| one(&format!("{row}.{l}")).is_empty()) {
            continue;
        }
        let title = text(&row, &mut problems);
        if !domain::region::is_link(&url) {
            problems.push(problem(format!("{row}.url"), "link"));
        }
        footer_links.push(FooterLink { title, url });
    }
    for colour in ["primary", "accent"] {
        if domain::region::parse_hex_colour(&one(colour)).is_none() {
            problems.push(problem(colour, "colour"));
        }
    }
    let email = one("email");
    if !email.is_empty() && !email.split_once('@').is_some_and(|(u, h)| !u.is_empty() && h.contains('.')) {
        problems.push(problem("email", "email"));
    }
    let coat_of_arms = match file {
        Some((_, bytes)) => match crate::files::file_type::image_type(&bytes) {
            Some(kind) => Some((bytes, kind)),
            None => {
                problems.push(problem("coat", "coat-type"));
                None
            }
        },
        None => None,
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let optional = |s: String| (!s.is_empty()).then_some(s);
    Ok(BrandingChange {
        name,
        colours: Colours { primary: one("primary").to_lowercase(), accent: one("accent").to_lowercase() },
        contacts: Contacts { phone: optional(one("phone")), email: optional(email) },
        footer_links,
        coat_of_arms,
    })
}

/// The region pack as the portal holds it, zipped: its region code and the archive.
pub async fn pack_zip(p: &Portal) -> Result<(String, Vec<u8>)> {
    let pack = stored_pack(p).await?;
    let files = pack_files(&pack.loaded, &p.files).await?;
    let zipped = tokio::task::spawn_blocking(move || zip_files(&files)).await.map_err(|e| Error::Export(e.to_string()))??;
    Ok((pack.loaded.pack.manifest.code.clone(), zipped))
}

fn zip_files(files: &[(String, Bytes)]) -> Result<Vec<u8>> {
    let fail = |e: &dyn std::fmt::Display| Error::Export(format!("zipping the region pack: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (path, bytes) in files {
        zip.start_file(path.as_str(), options).map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn pack_paths_name_the_editor_fields() {
        assert_eq!(super::field_of("services[3].documents[1].title"), "documents.1");
        assert_eq!(super::field_of("colours.primary"), "primary");
        assert_eq!(super::field_of("footer_links[0].url"), "links.0.url");
        assert_eq!(super::field_of("footer_links[2].title"), "links.2");
        assert_eq!(super::field_of("departments[1].contacts.email"), "email");
    }
}
