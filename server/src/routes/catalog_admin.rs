//! The catalog editor's forms (operator only): save an entry, publish or unpublish it, upload or
//! remove a blank, save or publish an online form, rebrand, and download the region pack. This
//! file reads the posts; what each change does, and keeping a refused form as the operator's
//! draft, is `backend::catalog_editor`.
use app::i18n::I18n;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use backend::catalog_editor::{self, Actor, EntryKind, Settled};
use backend::files::scan::{scan_bytes, Verdict};
use bytes::Bytes;
use domain::catalog_form::{self, Values};
use serde::Deserialize;

use super::answers::{bad_part, unreadable};
use super::multipart;
use crate::error::AppError;
use crate::extract::{Operator, Posted, RequestId};
use crate::state::AppState;
use crate::visitor::Visitor;

/// A blank form or coat of arms may be this large.
pub const UPLOAD_LIMIT: usize = 20 * 1024 * 1024;

/// The page to go to after a change posted on `page` settled.
fn answer(page: &str, settled: Settled) -> Result<Response, AppError> {
    let to = match settled {
        Settled::Saved(done) => format!("{done}?saved=1"),
        Settled::DraftSaved => format!("{page}?saved=1"),
        Settled::Conflict => format!("{page}?problem=conflict"),
        Settled::NotFound => return Err(AppError::NotFound),
        Settled::InUse => format!("{page}?problem=in-use"),
        Settled::BlankNameTaken => format!("{page}?problem=blank-name-taken"),
        Settled::Refused => format!("{page}?problem=refused"),
        Settled::Problem("blank") => format!("{page}?problem=blank#blanks-heading"),
        Settled::Problem(code) => format!("{page}?problem={code}"),
        Settled::Kept => page.to_owned(),
    };
    Ok(Redirect::to(&to).into_response())
}

fn actor(who: &domain::access::Principal, request: Option<String>) -> Actor {
    Actor { person_id: who.person_id, request_id: request }
}

/// `POST /admin/catalog/{kind}/{code}`: saves the entry (`new` creates one).
pub async fn save_entry(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    Path((kind, code)): Path<(String, String)>,
    Posted(form): Posted<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let page = format!("/admin/catalog/{kind}/{code}");
    let kind = EntryKind::parse(&kind).ok_or(AppError::NotFound)?;
    let settled = catalog_editor::save_entry(&state.portal, &actor(&who, request), kind, &code, catalog_form::collect(form)).await?;
    answer(&page, settled)
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
    Operator(who): Operator,
    RequestId(request): RequestId,
    Path((kind, code)): Path<(String, String)>,
    Posted(form): Posted<PublishForm>,
) -> Result<Response, AppError> {
    let kind = EntryKind::parse(&kind).ok_or(AppError::NotFound)?;
    let settled = catalog_editor::set_published_form(&state.portal, &actor(&who, request), kind, &code, form.read_at, form.published).await?;
    answer("/admin/catalog", settled)
}

/// Most parts of an editor's multipart form (the branding form has a few dozen).
const MAX_PARTS: usize = 400;
/// Longest text of one part.
const MAX_TEXT_BYTES: usize = 64 * 1024;

/// The fields of a multipart form: texts, and the one file (name and bytes) if any was chosen,
/// scanned for viruses; within [`MAX_PARTS`] parts of [`MAX_TEXT_BYTES`] and one file.
pub(super) async fn multipart_fields(
    state: &AppState,
    i18n: &I18n,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(Values, Option<(String, Bytes)>), AppError> {
    let mut multipart = multipart.map_err(|e| unreadable(i18n, e))?;
    let mut values = Values::new();
    let mut file = None;
    let mut parts = 0;
    while let Some(field) = multipart.next_field().await.map_err(|e| unreadable(i18n, e))? {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::TooLarge(i18n.t("refusal-too-much")));
        }
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(_) if file.is_some() => return Err(AppError::TooLarge(i18n.t("refusal-too-much"))),
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|e| unreadable(i18n, e))?;
                if !file_name.is_empty() && !bytes.is_empty() {
                    file = Some((file_name, bytes));
                }
            }
            None => values.entry(name).or_default().push(multipart::text(field, MAX_TEXT_BYTES).await.map_err(|e| bad_part(i18n, e))?),
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

/// `POST /admin/catalog/service/{code}/blanks`: adds a blank form, or replaces the one of the
/// same file name. The service must exist before its upload is read.
pub async fn upload_blank(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    v: Visitor,
    Path(code): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    if !catalog_editor::service_exists(&state.portal, &code).await? {
        return Err(AppError::NotFound);
    }
    let (values, file) = multipart_fields(&state, &v.i18n, multipart).await?;
    let settled = catalog_editor::upload_blank(&state.portal, &actor(&who, request), &code, values, file).await?;
    answer(&format!("/admin/catalog/service/{code}"), settled)
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
    Operator(who): Operator,
    RequestId(request): RequestId,
    Path(code): Path<String>,
    Posted(form): Posted<RemoveBlankForm>,
) -> Result<Response, AppError> {
    let settled = catalog_editor::remove_blank_form(&state.portal, &actor(&who, request), &code, form.read_at, &form.file).await?;
    answer(&format!("/admin/catalog/service/{code}"), settled)
}

/// The online form editor's form.
#[derive(Deserialize)]
pub struct SchemaForm {
    read_at: i64,
    schema: String,
    action: String,
}

/// `POST /admin/catalog/service/{code}/form`: keeps the text as a draft (`action=save`) or makes
/// it the service's online form for new applications (`action=publish`) when it has no problems.
pub async fn save_form(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    Path(code): Path<String>,
    Posted(form): Posted<SchemaForm>,
) -> Result<Response, AppError> {
    let publish = form.action == "publish";
    let settled = catalog_editor::publish_form_text(&state.portal, &actor(&who, request), &code, form.read_at, form.schema, publish).await?;
    answer(&format!("/admin/catalog/service/{code}/form"), settled)
}

/// `POST /admin/branding`: the region's name, colours, contacts, footer links and, when a file
/// is chosen, coat of arms.
pub async fn save_branding(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    v: Visitor,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let (values, file) = multipart_fields(&state, &v.i18n, multipart).await?;
    let settled = catalog_editor::save_branding(&state.portal, &actor(&who, request), values, file).await?;
    answer("/admin/branding", settled)
}

/// `GET /admin/region-pack.zip`: the region pack as the portal holds it, to keep, move to
/// another portal (`portal import-region` of the unpacked folder) or edit by hand.
pub async fn download_pack(State(state): State<AppState>, Operator(who): Operator) -> Result<Response, AppError> {
    let (code, zipped) = catalog_editor::pack_zip(&state.portal).await?;
    tracing::info!(person_id = who.person_id, region = %code, bytes = zipped.len(), "region pack downloaded");
    Ok(operator_file("application/zip", &format!("region-{code}.zip"), zipped))
}

/// A file the operator downloads: saved as `file_name`, kept by no cache.
pub(super) fn operator_file(content_type: &str, file_name: &str, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}
