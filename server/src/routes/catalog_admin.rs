//! The catalog editor's forms (operator only): save an entry, publish or unpublish it, upload or
//! remove a blank, save or publish an online form, rebrand, and download the region pack. A
//! refused form is kept as the operator's draft and its page shows it again with the problems.
use std::io::Write;

use app::host::CurrentSession;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::FormRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use backend::catalog_editor::{self, Actor, BrandingChange, Draft, Edited, Entry, EntryKind, Refusal};
use backend::clock::now_ms;
use backend::region_pack::StoredPack;
use bytes::Bytes;
use domain::catalog_form::{self, problem, FieldProblem, Values};
use domain::localized::Lang;
use serde::Deserialize;

use super::applications::{bad_part, i18n, operator, read_form, unreadable};
use super::multipart;
use backend::files::scan::{scan_bytes, Verdict};
use crate::error::AppError;
use crate::state::AppState;

/// A blank form or coat of arms may be this large.
pub const UPLOAD_LIMIT: usize = 20 * 1024 * 1024;

macro_rules! operator_or_return {
    ($current:expr, $back:expr) => {
        match operator(&$current, $back)? {
            Ok(who) => who.person_id,
            Err(login) => return Ok(login),
        }
    };
}

async fn stored(state: &AppState) -> Result<StoredPack, AppError> {
    backend::region_pack::stored(&state.portal.db, &state.portal.files).await?.ok_or(AppError::NotFound)
}

fn read_at(values: &Values) -> i64 {
    values.get("read_at").and_then(|v| v.first()).and_then(|v| v.parse().ok()).unwrap_or(-1)
}

/// The editor's form field a pack rule's path names (`services[3].documents[1].title` →
/// `documents.1`, `colours.primary` → `primary`).
fn field_of(path: &str) -> String {
    let path = path.split_once("].").map_or(path, |(_, rest)| rest);
    let path = path.strip_prefix("colours.").or_else(|| path.strip_prefix("contacts.")).unwrap_or(path);
    let path = path.replace("footer_links[", "links.").replace('[', ".").replace(']', "");
    path.strip_suffix(".title").map(str::to_owned).unwrap_or(path)
}

/// How a change went, as the page to go to; a refused one is kept as the operator's draft.
async fn outcome(state: &AppState, person: i64, key: &str, payload: String, page: &str, done: &str, result: backend::Result<Result<(), Refusal>>) -> Result<Response, AppError> {
    let db = &state.portal.db;
    let problems: Vec<FieldProblem> = match result {
        Ok(Ok(())) => {
            db.drop_editor_draft(person, key).await?;
            return Ok(Redirect::to(&format!("{done}?saved=1")).into_response());
        }
        Err(backend::Error::Conflict) => return Ok(Redirect::to(&format!("{page}?problem=conflict")).into_response()),
        Ok(Err(Refusal::NotFound)) => return Err(AppError::NotFound),
        Ok(Err(Refusal::InUse(services))) => {
            tracing::info!(?services, "unpublishing refused: services refer to the entry");
            return Ok(Redirect::to(&format!("{page}?problem=in-use")).into_response());
        }
        Ok(Err(Refusal::CodeTaken)) => vec![problem("code", "code-taken")],
        Ok(Err(Refusal::BlankNameTaken(_))) => return Ok(Redirect::to(&format!("{page}?problem=blank-name-taken")).into_response()),
        // A button press has no form to show again: the page says what was refused.
        Err(backend::Error::Pack(errors)) if payload.is_empty() => {
            tracing::info!(?errors, "a catalog change was refused by the pack rules");
            return Ok(Redirect::to(&format!("{page}?problem=refused")).into_response());
        }
        Err(backend::Error::Pack(errors)) => errors
            .into_iter()
            .map(|e| FieldProblem { field: field_of(&e.path), problem: "admin-problem-pack".into(), detail: Some(e.problem) })
            .collect(),
        Err(e) => return Err(e.into()),
    };
    keep(state, person, key, payload, &problems).await?;
    Ok(Redirect::to(page).into_response())
}

async fn keep(state: &AppState, person: i64, key: &str, payload: String, problems: &[FieldProblem]) -> Result<(), AppError> {
    let draft = Draft { payload, problems: serde_json::to_string(problems).unwrap_or_default() };
    state.portal.db.save_editor_draft(person, key, &draft, now_ms()).await?;
    Ok(())
}

fn actor(person_id: i64) -> Actor {
    Actor { person_id, request_id: None }
}

fn langs(pack: &StoredPack) -> Vec<Lang> {
    pack.loaded.pack.manifest.locales.clone()
}

/// `POST /admin/catalog/{kind}/{code}`: saves the entry (`new` creates one).
pub async fn save_entry(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Path((kind, code)): Path<(String, String)>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let page = format!("/admin/catalog/{kind}/{code}");
    let person = operator_or_return!(current, &page);
    let kind = EntryKind::parse(&kind).ok_or(AppError::NotFound)?;
    let mut values = catalog_form::collect(read_form(&state, &headers, form).await?);
    let at = read_at(&values);
    values.remove("read_at");
    let is_new = code == "new";
    if !is_new {
        values.insert("code".into(), vec![code.clone()]);
    }
    let pack = stored(&state).await?;
    let key = format!("{}/{code}", kind.as_str());
    let payload = serde_json::to_string(&values).unwrap_or_default();
    let json = match catalog_form::parse(kind, &values, &langs(&pack)) {
        Ok(json) => json,
        Err(problems) => {
            keep(&state, person, &key, payload, &problems).await?;
            return Ok(Redirect::to(&page).into_response());
        }
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
            keep(&state, person, &key, payload, &problems).await?;
            return Ok(Redirect::to(&page).into_response());
        }
    };
    let done = format!("/admin/catalog/{}/{}", kind.as_str(), entry.code());
    let change = move |p: &mut StoredPack| -> Edited { if is_new { catalog_editor::create(p, entry) } else { catalog_editor::update(p, entry) } };
    let result = catalog_editor::apply(&state.portal.db, &state.portal.files, at, &actor(person), change).await;
    outcome(&state, person, &key, payload, &page, &done, result).await
}

/// The publish form.
#[derive(Deserialize)]
pub struct PublishForm {
    read_at: i64,
    published: bool,
}

/// `POST /admin/catalog/{kind}/{code}/publish`: shows or hides the entry for citizens.
pub async fn set_published(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Path((kind, code)): Path<(String, String)>,
    headers: HeaderMap,
    form: Result<Form<PublishForm>, FormRejection>,
) -> Result<Response, AppError> {
    let person = operator_or_return!(current, "/admin/catalog");
    let kind = EntryKind::parse(&kind).ok_or(AppError::NotFound)?;
    let form = read_form(&state, &headers, form).await?;
    let result = catalog_editor::apply(&state.portal.db, &state.portal.files, form.read_at, &actor(person), |p| {
        catalog_editor::set_published(p, kind, &code, form.published)
    })
    .await;
    outcome(&state, person, "catalog", String::new(), "/admin/catalog", "/admin/catalog", result).await
}

/// Most parts of an editor's multipart form (the branding form has a few dozen).
const MAX_PARTS: usize = 400;
/// Longest text of one part.
const MAX_TEXT_BYTES: usize = 64 * 1024;

/// The fields of a multipart form: texts, and the one file (name and bytes) if any was chosen,
/// scanned for viruses; within [`MAX_PARTS`] parts of [`MAX_TEXT_BYTES`] and one file.
async fn multipart_fields(state: &AppState, headers: &HeaderMap, multipart: Result<Multipart, MultipartRejection>) -> Result<(Values, Option<(String, Bytes)>), AppError> {
    let (i18n, _) = i18n(state, headers).await;
    let mut multipart = multipart.map_err(|e| unreadable(&i18n, e))?;
    let mut values = Values::new();
    let mut file = None;
    let mut parts = 0;
    while let Some(field) = multipart.next_field().await.map_err(|e| unreadable(&i18n, e))? {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::TooLarge(i18n.t("refusal-too-much")));
        }
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(_) if file.is_some() => return Err(AppError::TooLarge(i18n.t("refusal-too-much"))),
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|e| unreadable(&i18n, e))?;
                if !file_name.is_empty() && !bytes.is_empty() {
                    file = Some((file_name, bytes));
                }
            }
            None => values.entry(name).or_default().push(multipart::text(field, MAX_TEXT_BYTES).await.map_err(|e| bad_part(&i18n, e))?),
        }
    }
    if let Some((name, bytes)) = &file {
        let p = &state.portal;
        match scan_bytes(&p.files, p.scanner.as_ref(), bytes.clone(), name).await {
            Verdict::Clean => {}
            Verdict::Refused(reason) => {
                tracing::warn!(%reason, "the scanner refused an operator's upload");
                return Err(AppError::BadRequest(i18n.t("upload-rejected")));
            }
            Verdict::Unavailable(reason) => {
                tracing::error!(%reason, "the virus scanner cannot be reached; the upload is refused");
                return Err(AppError::BadRequest(i18n.t("upload-scan-unavailable")));
            }
        }
    }
    Ok((values, file))
}

/// A file name safe in a pack folder and an address: the last path part, no leading dot.
fn plain_file_name(name: &str) -> Option<String> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    (!name.is_empty() && !name.starts_with('.') && name.len() <= 128 && !name.chars().any(char::is_control)).then(|| name.to_owned())
}

/// `POST /admin/catalog/service/{code}/blanks`: adds a blank form, or replaces the one of the
/// same file name.
pub async fn upload_blank(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Path(code): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let page = format!("/admin/catalog/service/{code}");
    let person = operator_or_return!(current, &page);
    // The service must exist before its upload is read.
    let pack = stored(&state).await?;
    if !pack.loaded.pack.catalog.services.iter().any(|s| s.code == code) {
        return Err(AppError::NotFound);
    }
    let (values, file) = multipart_fields(&state, &headers, multipart).await?;
    let mut problems: Vec<FieldProblem> = Vec::new();
    let mut title = domain::localized::LocalizedText::default();
    for lang in langs(&pack) {
        let text = values.get(&format!("title.{lang}")).and_then(|v| v.first()).map_or("", |s| s.trim());
        if text.is_empty() {
            problems.push(problem(format!("title.{lang}"), "text-missing"));
        }
        title.0.insert(lang, text.to_owned());
    }
    let checked = file.and_then(|(name, bytes)| {
        let kind = backend::files::file_type::document_type(&bytes)?;
        let name = plain_file_name(&name)?;
        // The name says what the content is, as the pack rules want.
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        Some((format!("{stem}.{}", kind.extension), kind, bytes))
    });
    let Some((file_name, file_type, bytes)) = checked.filter(|_| problems.is_empty()) else {
        tracing::info!(?problems, "a blank upload was refused");
        return Ok(Redirect::to(&format!("{page}?problem=blank#blanks-heading")).into_response());
    };
    // The file is stored before anything refers to it; a refused change leaves an unused file.
    let (sha256, size) = catalog_editor::store_blank(&state.portal.files, bytes).await?;
    let blank = catalog_editor::UploadedBlank { file_name, title, file_type, sha256, size };
    let result = catalog_editor::apply(&state.portal.db, &state.portal.files, read_at(&values), &actor(person), |p| {
        catalog_editor::put_blank(p, &code, blank)
    })
    .await;
    outcome(&state, person, &format!("blank/{code}"), String::new(), &page, &page, result).await
}

/// The remove form.
#[derive(Deserialize)]
pub struct RemoveBlankForm {
    read_at: i64,
    file: String,
}

/// `POST /admin/catalog/service/{code}/blanks/remove`: takes a blank off the service.
pub async fn remove_blank(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Path(code): Path<String>,
    headers: HeaderMap,
    form: Result<Form<RemoveBlankForm>, FormRejection>,
) -> Result<Response, AppError> {
    let page = format!("/admin/catalog/service/{code}");
    let person = operator_or_return!(current, &page);
    let form = read_form(&state, &headers, form).await?;
    let result = catalog_editor::apply(&state.portal.db, &state.portal.files, form.read_at, &actor(person), |p| {
        catalog_editor::remove_blank(p, &code, &form.file)
    })
    .await;
    outcome(&state, person, &format!("blank/{code}"), String::new(), &page, &page, result).await
}

/// The online form editor's form.
#[derive(Deserialize)]
pub struct SchemaForm {
    read_at: i64,
    schema: String,
    action: String,
}

/// Longest schema text accepted.
const MAX_SCHEMA_BYTES: usize = 256 * 1024;

/// `POST /admin/catalog/service/{code}/form`: keeps the text as a draft (`action=save`) or makes
/// it the service's online form for new applications (`action=publish`) when it has no problems.
pub async fn save_form(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Path(code): Path<String>,
    headers: HeaderMap,
    form: Result<Form<SchemaForm>, FormRejection>,
) -> Result<Response, AppError> {
    let page = format!("/admin/catalog/service/{code}/form");
    let person = operator_or_return!(current, &page);
    let form = read_form(&state, &headers, form).await?;
    let pack = stored(&state).await?;
    if !pack.loaded.pack.catalog.services.iter().any(|s| s.code == code) {
        return Err(AppError::NotFound);
    }
    if form.schema.len() > MAX_SCHEMA_BYTES {
        return Ok(Redirect::to(&format!("{page}?problem=too-long")).into_response());
    }
    let key = format!("form/{code}");
    let db = &state.portal.db;
    let schema = serde_json::from_str::<domain::forms::FormSchema>(&form.schema).ok().filter(|s| s.check(&langs(&pack)).is_empty());
    match (form.action.as_str(), schema) {
        ("publish", Some(schema)) => {
            let result = catalog_editor::apply(db, &state.portal.files, form.read_at, &actor(person), |p| catalog_editor::publish_form(p, &code, schema)).await;
            outcome(&state, person, &key, form.schema, &page, &page, result).await
        }
        ("publish", None) => {
            // The page shows the text's problems itself; the draft keeps the text.
            db.save_editor_draft(person, &key, &Draft { payload: form.schema, problems: "[]".into() }, now_ms()).await?;
            Ok(Redirect::to(&format!("{page}?problem=schema")).into_response())
        }
        _ => {
            db.save_editor_draft(person, &key, &Draft { payload: form.schema, problems: "[]".into() }, now_ms()).await?;
            Ok(Redirect::to(&format!("{page}?saved=1")).into_response())
        }
    }
}

/// `POST /admin/branding`: the region's name, colours, contacts, footer links and, when a file
/// is chosen, coat of arms.
pub async fn save_branding(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let page = "/admin/branding";
    let person = operator_or_return!(current, page);
    let (mut values, file) = multipart_fields(&state, &headers, multipart).await?;
    let at = read_at(&values);
    values.remove("read_at");
    let pack = stored(&state).await?;
    let locales = langs(&pack);
    let one = |name: &str| values.get(name).and_then(|v| v.first()).map_or(String::new(), |s| s.trim().to_owned());
    let mut problems = Vec::new();
    let text = |prefix: &str, problems: &mut Vec<FieldProblem>| {
        let mut t = domain::localized::LocalizedText::default();
        for lang in &locales {
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
    for i in 0..catalog_form::rows(&values, "links") {
        let row = format!("links.{i}");
        let url = one(&format!("{row}.url"));
        let empty = url.is_empty() && locales.iter().all(|l| one(&format!("{row}.{l}")).is_empty());
        if empty {
            continue;
        }
        let title = text(&row, &mut problems);
        if !domain::region::is_link(&url) {
            problems.push(problem(format!("{row}.url"), "link"));
        }
        footer_links.push(domain::region::FooterLink { title, url });
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
        Some((_, bytes)) => match backend::files::file_type::image_type(&bytes) {
            Some(kind) => Some((bytes, kind)),
            None => {
                problems.push(problem("coat", "coat-type"));
                None
            }
        },
        None => None,
    };
    let payload = serde_json::to_string(&values).unwrap_or_default();
    if !problems.is_empty() {
        keep(&state, person, "region/branding", payload, &problems).await?;
        return Ok(Redirect::to(page).into_response());
    }
    let optional = |s: String| (!s.is_empty()).then_some(s);
    let change = BrandingChange {
        name,
        colours: domain::region::Colours { primary: one("primary").to_lowercase(), accent: one("accent").to_lowercase() },
        contacts: domain::region::Contacts { phone: optional(one("phone")), email: optional(email) },
        footer_links,
        coat_of_arms,
    };
    let result = catalog_editor::apply(&state.portal.db, &state.portal.files, at, &actor(person), |p| catalog_editor::rebrand(p, change)).await;
    outcome(&state, person, "region/branding", payload, page, page, result).await
}

/// `GET /admin/region-pack.zip`: the region pack as the portal holds it, to keep, move to
/// another portal (`portal import-region` of the unpacked folder) or edit by hand.
pub async fn download_pack(State(state): State<AppState>, Extension(current): Extension<CurrentSession>) -> Result<Response, AppError> {
    let person = operator_or_return!(current, "/admin/catalog");
    let pack = stored(&state).await?;
    let files = backend::region_pack::pack_files(&pack.loaded, &state.portal.files).await?;
    let zipped = tokio::task::spawn_blocking(move || zip_files(&files)).await.map_err(|e| AppError::Unavailable(backend::Error::Export(e.to_string())))??;
    let code = pack.loaded.pack.manifest.code.clone();
    tracing::info!(person_id = person, region = %code, bytes = zipped.len(), "region pack downloaded");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"region-{code}.zip\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        zipped,
    )
        .into_response())
}

fn zip_files(files: &[(String, Bytes)]) -> Result<Vec<u8>, AppError> {
    let fail = |e: &dyn std::fmt::Display| AppError::Unavailable(backend::Error::Export(format!("zipping the region pack: {e}")));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (path, bytes) in files {
        zip.start_file(path.as_str(), options).map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}
