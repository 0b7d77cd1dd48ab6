//! The notification forms: mark read (one or all) and the email choice per kind of event. Plain
//! form posts answered with a redirect, so they work without JavaScript.
use std::collections::HashMap;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::identity::Role;
use domain::notify::Kind;
use serde::Deserialize;

use crate::error::AppError;
use crate::extract::{Person, Posted};
use crate::state::AppState;

/// One notification (`id`), or all when missing.
#[derive(Deserialize)]
pub struct ReadForm {
    id: Option<i64>,
}

/// `POST /notifications/read`
pub async fn mark_read(State(state): State<AppState>, Person(who): Person, Posted(form): Posted<ReadForm>) -> Result<Response, AppError> {
    state.portal.db.mark_read(who.person_id, form.id, state.portal.now()).await?;
    Ok(Redirect::to("/notifications").into_response())
}

/// `POST /me/notifications`: a checkbox per kind, named by it; unchecked ones are absent.
pub async fn email_choices(State(state): State<AppState>, Person(who): Person, Posted(form): Posted<HashMap<String, String>>) -> Result<Response, AppError> {
    let staff = who.roles.iter().any(|r| r.role != Role::Operator);
    let kinds = Kind::for_person(staff, who.has_role(Role::Operator));
    let on: Vec<Kind> = kinds.iter().copied().filter(|k| form.contains_key(k.as_str())).collect();
    state.portal.db.set_email_choices(who.person_id, &kinds, &on).await?;
    Ok(Redirect::to("/me?saved=notifications#notifications").into_response())
}
