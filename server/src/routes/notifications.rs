//! The notification forms: mark read (one or all) and the email choice per kind of event. Plain
//! form posts answered with a redirect, so they work without JavaScript.
use std::collections::HashMap;

use app::host::CurrentSession;
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use backend::clock::now_ms;
use domain::identity::Role;
use domain::notify::Kind;
use serde::Deserialize;

use super::applications::{person, read_form};
use crate::error::AppError;
use crate::state::AppState;

/// One notification (`id`), or all when missing.
#[derive(Deserialize)]
pub struct ReadForm {
    id: Option<i64>,
}

/// `POST /notifications/read`
pub async fn mark_read(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    headers: HeaderMap,
    form: Result<Form<ReadForm>, FormRejection>,
) -> Result<Response, AppError> {
    let who = match person(&current, "/notifications") {
        Ok(p) => p,
        Err(login) => return Ok(login),
    };
    let form = read_form(&state, &headers, form).await?;
    state.portal.db.mark_read(who.person_id, form.id, now_ms()).await?;
    Ok(Redirect::to("/notifications").into_response())
}

/// `POST /me/notifications`: a checkbox per kind, named by it; unchecked ones are absent.
pub async fn email_choices(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    headers: HeaderMap,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Result<Response, AppError> {
    let who = match person(&current, "/me") {
        Ok(p) => p,
        Err(login) => return Ok(login),
    };
    let form = read_form(&state, &headers, form).await?;
    let staff = who.roles.iter().any(|r| r.role != Role::Operator);
    let kinds = Kind::for_person(staff, who.has_role(Role::Operator));
    let on: Vec<Kind> = kinds.iter().copied().filter(|k| form.contains_key(k.as_str())).collect();
    state.portal.db.set_email_choices(who.person_id, &kinds, &on).await?;
    Ok(Redirect::to("/me?saved=notifications#notifications").into_response())
}
