//! Form posts of the back office: take, return, hand over, ask the applicant, approve (with an
//! uploaded result or one made from the service's template), refuse. Each answers with a redirect
//! to the application's office page saying what was done (`?done=`) or why not (`?problem=`), so
//! everything works without JavaScript. Who may do what is decided in `backend::office`.
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use backend::applications::attachments::receive;
use backend::office::decide::{approve as approve_application, may_decide, refuse as refuse_application, result_file_limits, ResultDocument};
use backend::office::work;
use domain::application::{Action, Refusal};
use domain::forms::posted::CONTROL_BYTES;
use serde::Deserialize;

use super::answers::{bad_part, refused, unreadable, upload_refused};
use super::multipart;
use crate::error::AppError;
use crate::extract::{Posted, Staff};
use crate::state::AppState;
use crate::visitor::Visitor;

/// Where the office page goes after `action` on application `id` ended with `outcome`.
fn answer(v: &Visitor, id: &str, action: Action, outcome: backend::Result<()>) -> Result<Response, AppError> {
    let page = format!("/office/applications/{id}");
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
            other => return Err(refused(&v.i18n, backend::Error::Refused(other))),
        },
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!("{page}?problem={code}")).into_response())
}

/// `POST /office/applications/{id}/take`.
pub async fn take(State(state): State<AppState>, Staff(who): Staff, v: Visitor, Path(id): Path<String>) -> Result<Response, AppError> {
    answer(&v, &id, Action::Take, work::take(&state.portal, &who, &id).await)
}

/// `POST /office/applications/{id}/return`.
pub async fn give_back(State(state): State<AppState>, Staff(who): Staff, v: Visitor, Path(id): Path<String>) -> Result<Response, AppError> {
    answer(&v, &id, Action::Return, work::give_back(&state.portal, &who, &id).await)
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
    Staff(who): Staff,
    v: Visitor,
    Path(id): Path<String>,
    Posted(form): Posted<AssignForm>,
) -> Result<Response, AppError> {
    let Ok(clerk) = form.clerk.parse::<i64>() else { return Err(AppError::NotFound) };
    answer(&v, &id, Action::Assign, work::assign(&state.portal, &who, &id, clerk).await)
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
    Staff(who): Staff,
    v: Visitor,
    Path(id): Path<String>,
    Posted(form): Posted<RequestForm>,
) -> Result<Response, AppError> {
    let missing: Vec<String> = form.missing.lines().map(str::to_owned).collect();
    answer(&v, &id, Action::RequestInfo, work::request_info(&state.portal, &who, &id, &form.message, &missing).await)
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
    Staff(who): Staff,
    v: Visitor,
    Path(id): Path<String>,
    Posted(form): Posted<RefuseForm>,
) -> Result<Response, AppError> {
    let outcome = refuse_application(&state.portal, &who, &id, form.ground.parse().ok(), &form.comment).await;
    answer(&v, &id, Action::Refuse, outcome)
}

/// `POST /office/applications/{id}/approve` (multipart): `result` is `generate` or `upload`;
/// with `upload`, `file` is the result document, streamed into the store as it arrives. Whether
/// the clerk may decide it is checked before the body is read.
pub async fn approve(
    State(state): State<AppState>,
    Staff(who): Staff,
    v: Visitor,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let p = &state.portal;
    if let Err(e) = may_decide(p, &who, &id).await {
        return answer(&v, &id, Action::Approve, Err(e));
    }
    let i18n = &v.i18n;
    let mut multipart = multipart.map_err(|e| unreadable(i18n, e))?;
    let mut upload = false;
    // Dropped on any early return, a received file is deleted (`Received` is not kept).
    let mut received = None;
    let mut problem = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| unreadable(i18n, e))? {
        match (field.name().unwrap_or_default(), field.file_name().map(str::to_owned)) {
            ("result", None) => upload = multipart::text(field, CONTROL_BYTES).await.map_err(|e| bad_part(i18n, e))? == "upload",
            ("file", Some(name)) if upload && !name.is_empty() && received.is_none() => {
                match receive(&p.files, p.scanner.as_ref(), &name, field, &result_file_limits()).await {
                    Ok(r) => received = Some(r),
                    Err(backend::Error::Refused(Refusal::Upload { problem: domain::application::UploadProblem::Interrupted })) => {
                        return Err(unreadable(i18n, "an upload broke off"));
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
        (None, true, Some(r)) => approve_application(p, &who, &id, ResultDocument::Uploaded(r)).await,
        (None, false, received) => {
            if let Some(r) = received {
                r.discard().await;
            }
            approve_application(p, &who, &id, ResultDocument::Generated).await
        }
    };
    answer(&v, &id, Action::Approve, outcome)
}
