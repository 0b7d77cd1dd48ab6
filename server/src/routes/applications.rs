//! Form posts and files of online applications: start a draft, save a step (with its files and
//! the buttons of the page), send, delete, withdraw, reply; the receipt PDF and attachments.
//! Every post answers with a redirect to a page, so it all works without JavaScript. The use
//! cases are `backend::applications`; this file only reads requests and picks the next page.
use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use backend::applications::applicant::{self, message_file_limits, MAX_MESSAGE_CHARS, MAX_MESSAGE_FILES};
use backend::applications::attachments::{attach_stream, detach, receive};
use backend::applications::drafts::{add_entry, delete_draft, draft_form, draft_step, remove_entry, save_step, start_draft};
use backend::applications::queries::attachment;
use backend::applications::submit::{receipt_document, submit as submit_draft};
use backend::store::AttachmentFile;
use domain::access::Principal;
use domain::application::{Refusal, UploadProblem};
use domain::forms::posted::CONTROL_BYTES;
use domain::forms::{PostProblem, PostedStep};

use super::answers::{bad_part, refused, unreadable, upload_refused};
use super::downloads::content_disposition;
use super::multipart::{self, PartError};
use crate::error::AppError;
use crate::extract::Person;
use crate::state::AppState;
use crate::visitor::Visitor;

/// Requests with files may be this large (several scans of a few MB each).
pub const UPLOAD_LIMIT: usize = 100 * 1024 * 1024;

/// `POST /services/{code}/apply`: start (or find) the draft and open its first step.
pub async fn start(State(state): State<AppState>, Person(who): Person, v: Visitor, Path(code): Path<String>) -> Result<Response, AppError> {
    match start_draft(&state.portal, &who, &code).await {
        Ok(id) => Ok(Redirect::to(&format!("/applications/{id}/edit/1")).into_response()),
        // The start page explains a too-low account itself.
        Err(backend::Error::Refused(Refusal::AssuranceTooLow(_))) => Ok(Redirect::to(&format!("/services/{code}/apply")).into_response()),
        Err(e) => Err(refused(&v.i18n, e)),
    }
}

/// `POST /applications/{id}/edit/{step}`: save the step, take its files, then go where the
/// button pressed says: next (if the step is complete), back, stay, add or remove an entry or a file.
/// Whose draft it is and what its page may send are known before a byte of the body is read.
pub async fn save_page(
    State(state): State<AppState>,
    Person(who): Person,
    Visitor { i18n, lang }: Visitor,
    Path((id, step)): Path<(String, usize)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let p = &state.portal;
    let here = format!("/applications/{id}/edit/{step}");
    let index = step.checked_sub(1).ok_or(AppError::NotFound)?;
    let schema = match draft_form(p, &who, &id).await {
        Ok(schema) => schema,
        Err(backend::Error::Refused(Refusal::NotEditable)) => return Ok(Redirect::to(&format!("/applications/{id}")).into_response()),
        Err(e) => return Err(refused(&i18n, e)),
    };
    let mut post = schema.posted_step(index).ok_or(AppError::NotFound)?;
    let mut multipart = multipart.map_err(|e| unreadable(&i18n, e))?;
    // Files taken from this post: a post refused after them leaves none of them behind.
    let mut attached: Vec<String> = Vec::new();
    let read = read_page(&state, &who, &id, &mut post, &mut multipart, &mut attached).await;
    let data = read.and_then(|go| post.finish().map(|data| (go, data)).map_err(PageProblem::Post));
    let (go, refused_upload, data) = match data {
        Ok(((go, refused_upload), data)) => (go, refused_upload, data),
        Err(problem) => {
            for file in attached {
                if let Err(e) = detach(p, &who, &id, &file).await {
                    tracing::error!(application = %id, error = %e, "could not take back a file of a refused post");
                }
            }
            return match problem {
                PageProblem::Part(e) => Err(bad_part(&i18n, e)),
                PageProblem::Post(PostProblem::TooMuch) => Err(AppError::TooLarge(i18n.t("refusal-too-much"))),
                PageProblem::Post(PostProblem::Unknown(paths)) => Err(refused(&i18n, backend::Error::Refused(Refusal::UnknownFields { paths }))),
                PageProblem::NotEditable => Ok(Redirect::to(&format!("/applications/{id}")).into_response()),
                PageProblem::Backend(e) => Err(refused(&i18n, e)),
            };
        }
    };
    match save_step(p, &who, &id, index, &data).await {
        Ok(()) => {}
        Err(backend::Error::Refused(Refusal::NotEditable)) => return Ok(Redirect::to(&format!("/applications/{id}")).into_response()),
        Err(e) => return Err(refused(&i18n, e)),
    }
    if let Some(problem) = refused_upload {
        return Ok(Redirect::to(&upload_refused(&here, &problem)).into_response());
    }
    let next = match go.split(':').collect::<Vec<_>>().as_slice() {
        ["back"] => format!("/applications/{id}/edit/{}", step.saturating_sub(1).max(1)),
        ["save"] => format!("{here}?saved=1"),
        ["add", group] => {
            add_entry(p, &who, &id, group).await.map_err(|e| refused(&i18n, e))?;
            format!("{here}#f-{group}")
        }
        ["remove", group, entry] => {
            let entry = entry.parse().map_err(|_| AppError::BadRequest(i18n.t("settings-bad-form")))?;
            remove_entry(p, &who, &id, group, entry).await.map_err(|e| refused(&i18n, e))?;
            format!("{here}#f-{group}")
        }
        ["detach", file] => {
            detach(p, &who, &id, file).await.map_err(|e| refused(&i18n, e))?;
            here.clone()
        }
        _ => {
            let checked = draft_step(p, &who, &id, index, true, lang).await.map_err(|e| refused(&i18n, e))?;
            if !checked.errors.is_empty() {
                format!("{here}?check=1")
            } else if step >= checked.schema.steps.len() {
                format!("/applications/{id}/review")
            } else {
                format!("/applications/{id}/edit/{}", step + 1)
            }
        }
    };
    Ok(Redirect::to(&next).into_response())
}

/// Why a posted page was not taken.
enum PageProblem {
    Part(PartError),
    Post(PostProblem),
    NotEditable,
    Backend(backend::Error),
}

/// Reads the parts of a posted page into `post`, streaming its files into the draft (their ids
/// into `attached`); the button pressed and the first refused file, if any.
async fn read_page(
    state: &AppState,
    who: &Principal,
    id: &str,
    post: &mut PostedStep<'_>,
    multipart: &mut Multipart,
    attached: &mut Vec<String>,
) -> Result<(String, Option<UploadProblem>), PageProblem> {
    let p = &state.portal;
    let mut go = String::new();
    let mut refused_upload: Option<UploadProblem> = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| PageProblem::Part(e.into()))? {
        post.part().map_err(PageProblem::Post)?;
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(file_name) = field.file_name().map(str::to_owned) {
            // A file input with nothing chosen sends an empty part with no name; after a refused
            // file the rest are not taken either.
            if file_name.is_empty() || refused_upload.is_some() {
                continue;
            }
            // Streamed into the store as it arrives, checked on the way.
            match attach_stream(p, who, id, &name, &file_name, field).await {
                Ok(file) => attached.push(file.id),
                Err(backend::Error::Refused(Refusal::Upload { problem: UploadProblem::Interrupted })) => {
                    return Err(PageProblem::Part(PartError::Unreadable("an upload broke off".into())));
                }
                Err(backend::Error::Refused(Refusal::Upload { problem })) => refused_upload = Some(problem),
                Err(backend::Error::Refused(Refusal::NotEditable)) => return Err(PageProblem::NotEditable),
                Err(e) => return Err(PageProblem::Backend(e)),
            }
            continue;
        }
        if name == "go" {
            go = multipart::text(field, CONTROL_BYTES).await.map_err(PageProblem::Part)?;
        } else if let Some(group) = name.strip_prefix("__count.") {
            let count = multipart::text(field, CONTROL_BYTES).await.map_err(PageProblem::Part)?;
            post.count(group, &count).map_err(PageProblem::Post)?;
        } else {
            let value = multipart::text(field, post.value_limit(&name)).await.map_err(PageProblem::Part)?;
            post.value(&name, value).map_err(PageProblem::Post)?;
        }
    }
    Ok((go, refused_upload))
}

/// `POST /applications/{id}/submit`: send the draft; its page greets it with the receipt.
pub async fn submit(State(state): State<AppState>, Person(who): Person, v: Visitor, Path(id): Path<String>) -> Result<Response, AppError> {
    let review = format!("/applications/{id}/review");
    match submit_draft(&state.portal, &who, &id).await {
        Ok(_) => Ok(Redirect::to(&format!("/applications/{id}?submitted=1")).into_response()),
        Err(backend::Error::Refused(Refusal::Invalid { .. })) => Ok(Redirect::to(&format!("{review}?check=1")).into_response()),
        Err(backend::Error::Refused(Refusal::FormChanged)) => Ok(Redirect::to(&format!("{review}?changed=1&check=1")).into_response()),
        Err(e) => Err(refused(&v.i18n, e)),
    }
}

/// `POST /applications/{id}/delete`: delete the draft.
pub async fn delete(State(state): State<AppState>, Person(who): Person, v: Visitor, Path(id): Path<String>) -> Result<Response, AppError> {
    delete_draft(&state.portal, &who, &id).await.map_err(|e| refused(&v.i18n, e))?;
    Ok(Redirect::to("/me/applications?shown=drafts").into_response())
}

/// `POST /applications/{id}/withdraw`.
pub async fn withdraw(State(state): State<AppState>, Person(who): Person, v: Visitor, Path(id): Path<String>) -> Result<Response, AppError> {
    let page = format!("/applications/{id}");
    match applicant::withdraw(&state.portal, &who, &id).await {
        // Decided meanwhile: the page shows the decision.
        Ok(()) | Err(backend::Error::Refused(Refusal::Transition(_))) => Ok(Redirect::to(&page).into_response()),
        Err(e) => Err(refused(&v.i18n, e)),
    }
}

/// `POST /applications/{id}/reply`: the applicant answers the clerk, with files. Whose
/// application it is, and that it waits for their answer, is checked before the body is read.
pub async fn reply(
    State(state): State<AppState>,
    Person(who): Person,
    Visitor { i18n, .. }: Visitor,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let page = format!("/applications/{id}");
    let p = &state.portal;
    match applicant::may_reply(p, &who, &id).await {
        Ok(()) => {}
        // Answered or decided meanwhile: the page shows where it stands.
        Err(backend::Error::Refused(Refusal::Transition(_))) => return Ok(Redirect::to(&page).into_response()),
        Err(e) => return Err(refused(&i18n, e)),
    }
    let mut multipart = multipart.map_err(|e| unreadable(&i18n, e))?;
    let mut body = String::new();
    // Dropped on any early return, files received here are deleted (`Received` is not kept).
    let mut received = Vec::new();
    let mut refused_upload = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| unreadable(&i18n, e))? {
        match (field.name().unwrap_or_default().to_owned(), field.file_name().map(str::to_owned)) {
            (_, Some(name)) if name.is_empty() || refused_upload.is_some() => {}
            (_, Some(_)) if received.len() >= MAX_MESSAGE_FILES => {
                refused_upload = Some(UploadProblem::TooMany { max: MAX_MESSAGE_FILES as u32 });
            }
            (_, Some(name)) => match receive(&p.files, p.scanner.as_ref(), &name, field, &message_file_limits()).await {
                Ok(r) => received.push(r),
                Err(backend::Error::Refused(Refusal::Upload { problem: UploadProblem::Interrupted })) => {
                    return Err(unreadable(&i18n, "an upload broke off"));
                }
                Err(backend::Error::Refused(Refusal::Upload { problem })) => refused_upload = Some(problem),
                Err(e) => return Err(refused(&i18n, e)),
            },
            // Four bytes per character at most.
            (n, None) if n == "body" => body = multipart::text(field, MAX_MESSAGE_CHARS * 4).await.map_err(|e| bad_part(&i18n, e))?,
            _ => {}
        }
    }
    if let Some(problem) = refused_upload {
        for r in received {
            r.discard().await;
        }
        return Ok(Redirect::to(&format!("{}#reply", upload_refused(&page, &problem))).into_response());
    }
    match applicant::reply(p, &who, &id, &body, received).await {
        Ok(()) => Ok(Redirect::to(&page).into_response()),
        Err(backend::Error::Refused(Refusal::EmptyMessage)) => Ok(Redirect::to(&format!("{page}?message=empty#reply")).into_response()),
        Err(e) => Err(refused(&i18n, e)),
    }
}

/// The response streaming a stored file as a download named `name`.
async fn stream(state: &AppState, file: AttachmentFile) -> Result<Response, AppError> {
    let stored = state.portal.files.open(&file.key).await?.ok_or_else(|| {
        tracing::error!(key = %file.key, "an attachment is missing from the file store");
        AppError::NotFound
    })?;
    // The extension says what the content is (judged when it was stored), whatever the name says.
    let extension = backend::files::file_type::by_mime(&file.content_type).map_or("bin", |t| t.extension);
    let stem = file.file_name.rsplit_once('.').map_or(file.file_name.as_str(), |(stem, _)| stem);
    let ascii = format!("file.{extension}");
    let mut response = Body::from_stream(stored.stream).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(&file.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(stored.size));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(v) = HeaderValue::from_str(&content_disposition(stem, extension, &ascii)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `GET /applications/{id}/files/{file}`: a file of the application, for its applicant or (audited)
/// its department's staff; anyone else gets 404.
pub async fn download(State(state): State<AppState>, Person(who): Person, v: Visitor, Path((id, file)): Path<(String, String)>) -> Result<Response, AppError> {
    let found = attachment(&state.portal, &who, &id, &file).await.map_err(|e| refused(&v.i18n, e))?;
    stream(&state, found).await
}

/// `GET /applications/{id}/receipt.pdf`: the receipt, in the visitor's language.
pub async fn receipt_file(
    State(state): State<AppState>,
    Person(who): Person,
    Visitor { i18n, lang }: Visitor,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let link = format!("{}/applications/{id}", state.config.public_url());
    let (number, pdf) = receipt_document(&state.portal, &who, &id, lang, link).await.map_err(|e| refused(&i18n, e))?;
    let name = format!("{}-{number}", i18n.t("application-receipt-file"));
    let disposition = content_disposition(&name, "pdf", &format!("receipt-{number}.pdf"));
    let mut response = pdf.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}
