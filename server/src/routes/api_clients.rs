//! The operator's forms for API clients: `POST /admin/api-clients` registers one and answers with
//! a page showing its key once (a key never travels in an address, where histories and logs would
//! keep it); `POST /admin/api-clients/{id}/revoke` revokes one and redirects back. Both work
//! without JavaScript; the checks and the audit records are `backend::api_clients`'s.
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
    let body = format!(
        "<div class=\"notice success\" role=\"status\"><p>{registered}</p></div>\
         <p><label for=\"api-key\">{label}</label></p><p><input id=\"api-key\" class=\"api-key\" type=\"text\" readonly value=\"{key}\" size=\"90\" aria-describedby=\"api-key-once\"></p>\
         <p id=\"api-key-once\"><strong>{once}</strong></p><p>{usage}</p>\
         <p><a href=\"/api/v1/reference\">{reference}</a></p><p><a href=\"{PAGE}\">← {back}</a></p>",
        registered = escape_html(&i18n.t_with("api-clients-done-registered", &[("name", name.trim().to_owned().into())])),
        label = escape_html(&i18n.t("api-clients-key")),
        once = escape_html(&i18n.t("api-clients-key-once")),
        usage = escape_html(&i18n.t("api-clients-key-usage")),
        reference = escape_html(&i18n.t("api-reference-title")),
        back = escape_html(&i18n.t("api-clients-title")),
    );
    let mut response = Html(styled(i18n.lang(), &i18n.t("api-clients-key-title"), &i18n.t("skip-to-content"), &body)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
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
