//! The operator's forms for API clients: `POST /admin/api-clients` registers one and answers with
//! a page showing its key once (a key never travels in an address, where histories and logs would
//! keep it); `POST /admin/api-clients/{id}/revoke` revokes one and redirects back;
//! `POST /admin/api-clients/{id}/webhook` gives one a webhook address and shows its signing
//! secret once, `…/webhook/remove` takes it away; `POST /admin/webhooks/{id}/replay` sends a
//! delivery again. All work without JavaScript; the checks and the audit records are
//! `backend::api_clients`'s and `backend::webhooks`'s.
use axum::extract::{Path, RawForm, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::api_client::{Scope, Scopes};

use crate::error::AppError;
use crate::extract::{Operator, RequestId};
use crate::fallback_page::{escape_html, styled};
use crate::state::AppState;
use crate::visitor::Visitor;

const PAGE: &str = "/admin/api-clients";
const LOG: &str = "/admin/webhooks";

/// `POST /admin/api-clients`: `name`, `department` and one `scope` per ticked box.
pub async fn register(
    State(state): State<AppState>,
    Operator(who): Operator,
    v: Visitor,
    RequestId(request): RequestId,
    RawForm(form): RawForm,
) -> Result<Response, AppError> {
    let (mut name, mut department, mut scopes) = (String::new(), String::new(), Vec::new());
    for (key, value) in url::form_urlencoded::parse(&form) {
        match &*key {
            "name" => name = value.into_owned(),
            "department" => department = value.into_owned(),
            // An unknown scope is ignored, as an unticked box would be: the list is ours.
            "scope" => scopes.extend(Scope::parse(&value)),
            _ => {}
        }
    }
    let scopes = Scopes::new(scopes);
    let outcome = backend::api_clients::register(&state.portal, &who, &department, &name, &scopes, request).await?;
    let (id, key) = match outcome {
        Ok(registered) => registered,
        Err(problem) => return Ok(Redirect::to(&format!("{PAGE}?problem={}", problem.as_str())).into_response()),
    };
    tracing::info!(person_id = who.person_id, client = %id, %department, "API client registered");
    let i18n = &v.i18n;
    let done = i18n.t_with("api-clients-done-registered", &[("name", name.trim().to_owned().into())]);
    Ok(shown_once(&v, &done, "api-clients-key", &key, "api-clients-key-once", "api-clients-key-usage"))
}

/// A page that shows `secret` once after `done`, with the messages `label`, `once` (keep it now)
/// and `usage`; never cached.
fn shown_once(v: &Visitor, done: &str, label: &str, secret: &str, once: &str, usage: &str) -> Response {
    let i18n = &v.i18n;
    let body = format!(
        "<div class=\"notice success\" role=\"status\"><p>{done}</p></div>\
         <p><label for=\"secret\">{label}</label></p><p><input id=\"secret\" class=\"api-key\" type=\"text\" readonly value=\"{secret}\" size=\"90\" aria-describedby=\"secret-once\"></p>\
         <p id=\"secret-once\"><strong>{once}</strong></p><p>{usage}</p>\
         <p><a href=\"/api/v1/reference\">{reference}</a></p><p><a href=\"{PAGE}\">← {back}</a></p>",
        done = escape_html(done),
        label = escape_html(&i18n.t(label)),
        secret = escape_html(secret),
        once = escape_html(&i18n.t(once)),
        usage = escape_html(&i18n.t(usage)),
        reference = escape_html(&i18n.t("api-reference-title")),
        back = escape_html(&i18n.t("api-clients-title")),
    );
    let mut response = Html(styled(i18n.lang(), &i18n.t("api-clients-key-title"), &i18n.t("skip-to-content"), &body)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `POST /admin/api-clients/{id}/revoke`: its key stops working at once.
pub async fn revoke(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    if !backend::api_clients::revoke(&state.portal, &who, &id, request).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(person_id = who.person_id, client = %id, "API client revoked");
    Ok(Redirect::to(&format!("{PAGE}?done=revoked")).into_response())
}

/// `POST /admin/api-clients/{id}/webhook` with `url`: deliveries go there from now on, signed
/// with a new secret shown once.
pub async fn set_webhook(
    State(state): State<AppState>,
    Operator(who): Operator,
    v: Visitor,
    RequestId(request): RequestId,
    Path(id): Path<String>,
    RawForm(form): RawForm,
) -> Result<Response, AppError> {
    let url = url::form_urlencoded::parse(&form).find(|(k, _)| k == "url").map(|(_, v)| v.into_owned()).unwrap_or_default();
    let secret = match backend::webhooks::set(&state.portal, &who, &id, &url, state.config.webhooks.allow_internal, request).await? {
        None => return Err(AppError::NotFound),
        Some(Err(problem)) => return Ok(Redirect::to(&format!("{PAGE}?problem={}", problem.as_str())).into_response()),
        Some(Ok(secret)) => secret,
    };
    tracing::info!(person_id = who.person_id, client = %id, "webhook set");
    Ok(shown_once(&v, &v.i18n.t("webhooks-done-set"), "webhooks-secret", &secret, "webhooks-secret-once", "webhooks-secret-usage"))
}

/// `POST /admin/api-clients/{id}/webhook/remove`: no more deliveries to that client.
pub async fn remove_webhook(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    if !backend::webhooks::remove(&state.portal, &who, &id, request).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("{PAGE}?done=webhook-removed")).into_response())
}

/// `POST /admin/webhooks/{id}/replay`: the delivery goes out again.
pub async fn replay(
    State(state): State<AppState>,
    Operator(who): Operator,
    RequestId(request): RequestId,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let Ok(id) = id.parse::<i64>() else { return Err(AppError::NotFound) };
    if !backend::webhooks::replay(&state.portal, &who, id, request).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(person_id = who.person_id, delivery = id, "webhook delivery replayed");
    Ok(Redirect::to(&format!("{LOG}?done=replayed")).into_response())
}
