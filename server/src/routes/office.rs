//! Form posts of the back office: take, return, hand over, ask the applicant, approve (with an
//! uploaded result or one made from the service's template), refuse. Each answers with a redirect
//! to the application's office page saying what was done (`?done=`) or why not (`?problem=`), so
//! everything works without JavaScript. Who may do what is decided in `backend::office`.
use app::host::CurrentSession;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::FormRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use backend::applications::attachments::receive;
use backend::clock::now_ms;
use backend::office::decide::{approve as approve_application, may_decide, refuse as refuse_application, result_file_limits, ResultDocument};
use backend::office::work;
use domain::application::{Action, Refusal};
use serde::Deserialize;

use super::applications::{bad_part, i18n, person, read_form, refused, rules, unreadable, upload_refused};
use super::multipart;
use domain::forms::posted::CONTROL_BYTES;
use crate::error::AppError;
use crate::state::AppState;

fn page_of(id: &str) -> String {
    format!("/office/applications/{id}")
}

/// Where the office page goes after `action` on application `id` ended with `outcome`.
async fn answer(state: &AppState, headers: &HeaderMap, id: &str, action: Action, outcome: backend::Result<()>) -> Result<Response, AppError> {
    let page = page_of(id);
    let code = match outcome {
        Ok(()) => return Ok(Redirect::to(&format!("{page}?done={}", action.as_str())).into_response()),
        Err(backend::Error::Refused(r)) => match r {
            Refusal::AlreadyTaken { .. } => "already_taken",
            Refusal::NotAssignee => "not_assignee",
            Refusal::HeadOnly => "head_only",
            Refusal::NoGround => "no_ground",
            Refusal::NoResult => "no_result",
            Refusal::EmptyMessage => "empty_message",
            Refusal::Transition(_) => "transition",
            Refusal::Upload { problem } => return Ok(Redirect::to(&upload_refused(&page, &problem)).into_response()),
            other => return Err(refused(i18n(state, headers).await.0, backend::Error::Refused(other))),
        },
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!("{page}?problem={code}")).into_response())
}

/// `POST /office/applications/{id}/take`.
pub async fn take(State(state): State<AppState>, Extension(current): Extension<CurrentSession>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let who = match person(&current, &page_of(&id)) {
        Ok(p) => p,
        Err(login) => return Ok(login),
    };
    let outcome = work::take(&state.portal.db, &who, &id, now_ms()).await;
    answer(&state, &headers, &id, Action::Take, outcome).await
}

/// `POST /office/applications/{id}/return`.
pub async fn give_back(State(state): State<AppState>, Extension(current): Extension<CurrentSession>, Path(id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let who = match person(&current, &page_of(&id)) {
        Ok(p) => p,
        Err(login) => return Ok(login),
    };
    let outcome = work::give_back(&state.portal.db, &who, &id, now_ms()).await;
    answer(&state, &headers, &id, Action::Return, outcome).await
}

/// The hand-over form.
#[derive(Debug, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    clerk: String,
}

/// `POST /office/applications/{id}/assign`: the head hands it to a clerk.
pub async fn assign(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Result<Form<AssignForm>, FormRejection>,
) -> Result<Response, AppError> {
    let who = match person(&current, &page_of(&id)) {
        Ok(p) => p,
        Err(login) => return Ok(login),
    };
    let form = read_form(&state, &headers, form).await?;
    let Ok(clerk) = form.clerk.parse::<i64>() else { return Err(AppError::NotFound) };
    let outcome = work::assign(&state.portal.db, &who, &id, clerk, now_ms()).await;
    answer(&state, &headers, &id, Action::Assign, outcome).await
}

/// The request form: a message and the missing documents, one per line.
#[derive(Debug, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    message: String,
    #[serde(default)]
    missing: String,
}

/// `POST /office/applications/{id}/request`: ask the applicant for more.
pub async fn request(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Result<Form<RequestForm>, FormRejection>,
) -> Result<Response, AppError> {
    let who = match person(&current, &page_of(&id)) {
        Ok(p) => p,
        Err(login) => return Ok(login),
    };
    let form = read_form(&state, &headers, form).await?;
    let missing: Vec<String> = form.missing.lines().map(str::to_owned).collect();
    let outcome = work::request_info(&state.portal.db, &who, &id, &form.message, &missing, now_ms()).await;
    answer(&state, &headers, &id, Action::RequestInfo, outcome).await
}

/// The refusal form: the index of a ground of the service and an explanation.
#[derive(Debug, Deserialize)]
pub struct RefuseForm {
    #[serde(default)]
    ground: String,
    #[serde(default)]
    comment: String,
}

/// `POST /office/applications/{id}/refuse`.
pub async fn refuse(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Result<Form<RefuseForm>, FormRejection>,
) -> Result<Response, AppError> {
    let who = match person(&current, &page_of(&id)) {
        Ok(p) => p,
        Err(login) => return Ok(login),
    };
    let form = read_form(&state, &headers, form).await?;
    let rules = rules(&state).await?;
    let p = &state.portal;
    let outcome = refuse_application(&p.db, &p.files, &who, &id, form.ground.parse().ok(), &form.comment, &rules, now_ms()).await;
    answer(&state, &headers, &id, Action::Refuse, outcome).await
}

/// `POST /office/applications/{id}/approve` (multipart): `result` is `generate` or `upload`;
/// with `upload`, `file` is the result document, streamed into the store as it arrives. Whether
/// the clerk may decide it is checked before the body is read.
pub async fn approve(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Path(id): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let who = match person(&current, &page_of(&id)) {
        Ok(p) => p,
        Err(login) => return Ok(login),
    };
    let p = &state.portal;
    if let Err(e) = may_decide(&p.db, &who, &id).await {
        return answer(&state, &headers, &id, Action::Approve, Err(e)).await;
    }
    let rules = rules(&state).await?;
    let (i18n, _) = i18n(&state, &headers).await;
    let mut multipart = multipart.map_err(|e| unreadable(&i18n, e))?;
    let mut upload = false;
    // Dropped on any early return, a received file is deleted (`Received` is not kept).
    let mut received = None;
    let mut problem = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| unreadable(&i18n, e))? {
        match (field.name().unwrap_or_default(), field.file_name().map(str::to_owned)) {
            ("result", None) => upload = multipart::text(field, CONTROL_BYTES).await.map_err(|e| bad_part(&i18n, e))? == "upload",
            ("file", Some(name)) if upload && !name.is_empty() && received.is_none() => {
                match receive(&p.files, p.scanner.as_ref(), &name, field, &result_file_limits()).await {
                    Ok(r) => received = Some(r),
                    Err(backend::Error::Refused(Refusal::Upload { problem: domain::application::UploadProblem::Interrupted })) => {
                        return Err(unreadable(&i18n, "an upload broke off"));
                    }
                    Err(e) => problem = Some(e),
                }
            }
            _ => {}
        }
    }
    let outcome = match (problem, upload, received) {
        (Some(e), _, _) => Err(e),
        (None, true, None) => Err(backend::Error::Refused(Refusal::NoResult)),
        (None, true, Some(r)) => approve_application(&p.db, &p.files, &who, &id, ResultDocument::Uploaded(r), &rules, now_ms()).await,
        (None, false, received) => {
            if let Some(r) = received {
                r.discard().await;
            }
            approve_application(&p.db, &p.files, &who, &id, ResultDocument::Generated, &rules, now_ms()).await
        }
    };
    answer(&state, &headers, &id, Action::Approve, outcome).await
}
