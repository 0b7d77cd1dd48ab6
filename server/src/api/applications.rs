//! `/api/v1/applications`: the department's queue, an application with its answers and files
//! (each reading audited as staff readings are), taking into work, giving back, asking the
//! applicant, refusing and approving with a result document. Each handler checks the key and the
//! scope before it reads a body, then calls the same use case as the browser office.

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use backend::applications::attachments::receive;
use backend::applications::queries::attachment;
use backend::office::decide::{approve as approve_application, may_decide, refuse as refuse_application, result_file_limits, ResultDocument};
use backend::office::{page::staff_page, queue::queue, work};
use domain::api_client::Scope;
use domain::application::Refusal;
use domain::localized::Lang;
use domain::office::{Cursor, QueueFilter};
use futures_util::StreamExt;

use super::model::{ApiApplication, Question, QueueItem, QueuePage, QueueParams, RefusalBody};
use super::{json_body, ApiClient, ApiQuery};
use crate::problem::{ApiError, Kind, Problem};
use crate::state::AppState;

/// The longest question, in characters.
const MAX_QUESTION: usize = 4000;
/// The most documents one question asks for.
const MAX_MISSING: usize = 20;

fn lang(client: &ApiClient) -> Lang {
    Lang::parse(client.i18n.lang()).unwrap_or_else(|_| Lang::parse(app::i18n::DEFAULT_LANG).expect("the default is a tag"))
}

/// A page of the department's queue, by deadline.
#[utoipa::path(
    get, path = "/api/v1/applications", tag = "applications", params(QueueParams),
    security(("api_key" = ["read"])),
    responses(
        (status = 200, description = "A page of the queue", body = QueuePage),
        (status = 400, description = "Unreadable parameters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the rate limit", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Try again later", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(State(state): State<AppState>, client: ApiClient, ApiQuery(params): ApiQuery<QueueParams>) -> Result<axum::Json<QueuePage>, ApiError> {
    client.need(Scope::Read)?;
    let cursor = match params.cursor.as_deref() {
        Some(text) => Some(Cursor::from_param(text).ok_or_else(|| ApiError::with_detail(client.i18n, Kind::BadRequest, client.i18n.t("api-problem-cursor")))?),
        None => None,
    };
    let filter = QueueFilter { queue: params.queue.unwrap_or_default().into(), service: params.service, ..QueueFilter::default() };
    let page = queue(&state.portal, &client.caller.principal, &filter, cursor.as_ref(), lang(&client)).await.map_err(|e| client.refused(e))?;
    Ok(axum::Json(QueuePage { items: page.rows.into_iter().map(QueueItem::from).collect(), next_cursor: page.next.map(|c| c.to_param()) }))
}

/// An application with the applicant's details, answers, files, messages and history. Every
/// reading is written to the audit trail of personal data.
#[utoipa::path(
    get, path = "/api/v1/applications/{id}", tag = "applications",
    params(("id" = String, Path, description = "The application's id", max_length = 64)),
    security(("api_key" = ["read"])),
    responses(
        (status = 200, description = "The application", body = ApiApplication),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application in the client's department", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the rate limit", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Try again later", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn read(State(state): State<AppState>, client: ApiClient, Path(id): Path<String>) -> Result<axum::Json<ApiApplication>, ApiError> {
    client.need(Scope::Read)?;
    let page = staff_page(&state.portal, &client.caller.principal, &id, lang(&client)).await.map_err(|e| client.refused(e))?;
    let mut application = ApiApplication::from(page);
    // What the client may do now: what a clerk could, within its scopes.
    let scopes = &client.caller.scopes;
    let actions = &mut application.actions;
    actions.take &= scopes.allow(Scope::Work);
    actions.give_back &= scopes.allow(Scope::Work);
    actions.ask &= scopes.allow(Scope::Work);
    actions.decide &= scopes.allow(Scope::Decide);
    Ok(axum::Json(application))
}

/// A file of the application (the form's, a message's or a result), audited.
#[utoipa::path(
    get, path = "/api/v1/applications/{id}/files/{file}", tag = "applications",
    params(("id" = String, Path, description = "The application's id", max_length = 64), ("file" = String, Path, description = "The file's id", max_length = 64)),
    security(("api_key" = ["read"])),
    responses(
        (status = 200, description = "The file's bytes", content_type = "application/octet-stream"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the rate limit", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Try again later", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn download(State(state): State<AppState>, client: ApiClient, Path((id, file)): Path<(String, String)>) -> Result<Response, ApiError> {
    client.need(Scope::Read)?;
    let p = &state.portal;
    let found = attachment(p, &client.caller.principal, &id, &file).await.map_err(|e| client.refused(e))?;
    let stored = p.files.open(&found.key).await.map_err(|e| client.refused(e))?.ok_or_else(|| {
        tracing::error!(key = %found.key, "an attachment is missing from the file store");
        ApiError::new(client.i18n, Kind::NotFound)
    })?;
    let mut response = Body::from_stream(stored.stream).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(stored.size));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

/// The answer of an action that changes the application: 204, or the refusal.
fn done(client: &ApiClient, outcome: backend::Result<()>) -> Result<StatusCode, ApiError> {
    outcome.map(|()| StatusCode::NO_CONTENT).map_err(|e| client.refused(e))
}

/// Takes a registered application into work for this client.
#[utoipa::path(
    post, path = "/api/v1/applications/{id}/take", tag = "work",
    params(("id" = String, Path, description = "The application's id", max_length = 64)),
    security(("api_key" = ["work"])),
    responses(
        (status = 204, description = "Taken"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application in the client's department", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Taken by someone else, or no longer registered", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the rate limit", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Try again later", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn take(State(state): State<AppState>, client: ApiClient, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    client.need(Scope::Work)?;
    done(&client, work::take(&state.portal, &client.caller.principal, &id).await)
}

/// Gives an application in this client's work back to the department's queue.
#[utoipa::path(
    post, path = "/api/v1/applications/{id}/return", tag = "work",
    params(("id" = String, Path, description = "The application's id", max_length = 64)),
    security(("api_key" = ["work"])),
    responses(
        (status = 204, description = "Back in the queue"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application in the client's department", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in this client's work, or another status", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the rate limit", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Try again later", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn give_back(State(state): State<AppState>, client: ApiClient, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    client.need(Scope::Work)?;
    done(&client, work::give_back(&state.portal, &client.caller.principal, &id).await)
}

/// Asks the applicant for more; the application waits for their answer (and, for services whose
/// clock stops, so does its deadline).
#[utoipa::path(
    post, path = "/api/v1/applications/{id}/questions", tag = "work",
    params(("id" = String, Path, description = "The application's id", max_length = 64)),
    request_body = Question,
    security(("api_key" = ["work"])),
    responses(
        (status = 204, description = "Asked; the applicant is notified"),
        (status = 400, description = "Not JSON, or not this shape", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application in the client's department", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in this client's work, or another status", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty or too long message, too many documents", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the rate limit", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Try again later", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn ask(State(state): State<AppState>, client: ApiClient, Path(id): Path<String>, req: Request) -> Result<StatusCode, ApiError> {
    client.need(Scope::Work)?;
    let q: Question = json_body(&client, req).await?;
    if q.message.chars().count() > MAX_QUESTION || q.missing.len() > MAX_MISSING || q.missing.iter().any(|m| m.chars().count() > 200) {
        return Err(ApiError::with_detail(client.i18n, Kind::Unprocessable, client.i18n.t("api-problem-question-too-long")));
    }
    done(&client, work::request_info(&state.portal, &client.caller.principal, &id, &q.message, &q.missing).await)
}

/// Refuses the application on one of its service's grounds, with an explanation; the refusal is
/// issued to the applicant as a document.
#[utoipa::path(
    post, path = "/api/v1/applications/{id}/refusal", tag = "decisions",
    params(("id" = String, Path, description = "The application's id", max_length = 64)),
    request_body = RefusalBody,
    security(("api_key" = ["decide"])),
    responses(
        (status = 204, description = "Refused"),
        (status = 400, description = "Not JSON, or not this shape", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application in the client's department", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in this client's work, or another status", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such ground, or no explanation", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the rate limit", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Try again later", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refuse(State(state): State<AppState>, client: ApiClient, Path(id): Path<String>, req: Request) -> Result<StatusCode, ApiError> {
    client.need(Scope::Decide)?;
    let r: RefusalBody = json_body(&client, req).await?;
    if r.comment.chars().count() > MAX_QUESTION {
        return Err(ApiError::with_detail(client.i18n, Kind::Unprocessable, client.i18n.t("api-problem-question-too-long")));
    }
    done(&client, refuse_application(&state.portal, &client.caller.principal, &id, Some(r.ground), &r.comment).await)
}

/// Approves the application and issues the result: the PDF in the body (any content type: the
/// document is judged by its bytes; at most 20 MB), or, with an empty body, a document made from the service's template.
#[utoipa::path(
    post, path = "/api/v1/applications/{id}/approval", tag = "decisions",
    params(("id" = String, Path, description = "The application's id", max_length = 64)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The result document's bytes, a PDF (judged by its content); leave the body empty to make it from the template"),
    security(("api_key" = ["decide"])),
    responses(
        (status = 204, description = "Approved; the result is issued"),
        (status = 400, description = "The body is not a PDF", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key lacks the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application in the client's department", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in this client's work, or another status", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Over 20 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The document was refused (type, virus scan)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Over the rate limit", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Try again later", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn approve(State(state): State<AppState>, client: ApiClient, Path(id): Path<String>, req: Request) -> Result<StatusCode, ApiError> {
    client.need(Scope::Decide)?;
    let (p, who) = (&state.portal, &client.caller.principal);
    may_decide(p, who, &id).await.map_err(|e| client.refused(e))?;
    let mut chunks = req.into_body().into_data_stream().peekable();
    let document = if std::pin::Pin::new(&mut chunks).peek().await.is_none() {
        ResultDocument::Generated
    } else {
        match receive(&p.files, p.scanner.as_ref(), "result.pdf", chunks, &result_file_limits()).await {
            Ok(received) => ResultDocument::Uploaded(received),
            Err(backend::Error::Refused(Refusal::Upload { problem: domain::application::UploadProblem::TooLarge { .. } })) => {
                return Err(ApiError::new(client.i18n, Kind::TooLarge));
            }
            Err(backend::Error::Refused(Refusal::Upload { problem: domain::application::UploadProblem::Interrupted })) => {
                return Err(ApiError::new(client.i18n, Kind::BadRequest));
            }
            Err(e) => return Err(client.refused(e)),
        }
    };
    done(&client, approve_application(p, who, &id, document).await)
}
