//! Login through the federal provider and logout: `/auth/login`, `/auth/callback`,
//! `/auth/logout` and `/auth/logout-everywhere`. Thin: the use cases are `backend::identity`.
use app::host::CurrentSession;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use backend::clock::now_ms;
use backend::identity::{begin_login, finish_login, logout as end_session, Callback};
use cookie::time::Duration;
use cookie::Cookie;
use serde::Deserialize;

use super::settings::is_local_path;
use crate::cookies::request_cookie;
use crate::cookies::{build, login_cookie, removal, session_cookie_name};
use crate::error::AppError;
use crate::extract::request_id;
use crate::state::AppState;

/// Where a login goes when it was not started from a page.
const DEFAULT_RETURN: &str = "/me";

/// Query of `GET /auth/login`.
#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

/// Query of `GET /auth/callback`, as the provider sends it.
#[derive(Deserialize, Default)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// A 303 to `location` that also sets `cookies`.
fn redirect_with(location: &str, cookies: &[Cookie<'static>]) -> Response {
    let mut response = Redirect::to(location).into_response();
    for c in cookies {
        if let Ok(value) = HeaderValue::from_str(&c.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The page that explains a refused login.
fn failure_page(reason: &str) -> String {
    format!("/login/error?reason={reason}")
}

/// `GET /auth/login?next=/path`: off to the provider.
pub async fn login(State(state): State<AppState>, headers: HeaderMap, query: Result<Query<LoginQuery>, QueryRejection>) -> Result<Response, AppError> {
    let next = query.ok().and_then(|q| q.0.next).filter(|n| is_local_path(n)).unwrap_or_else(|| DEFAULT_RETURN.to_owned());
    let p = &state.portal;
    match begin_login(&p.db, &p.identity, &next, now_ms(), request_id(&headers)).await {
        Ok(start) => {
            let https = state.config.https;
            let (name, path) = login_cookie(https);
            let binding = build(name, start.browser_secret, path, Some(Duration::minutes(10)), https);
            Ok(redirect_with(&start.redirect_url, &[binding]))
        }
        Err(backend::Error::Login(failure)) => Ok(Redirect::to(&failure_page(failure.reason())).into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `GET /auth/callback?code=…&state=…`: the provider's answer.
pub async fn callback(State(state): State<AppState>, headers: HeaderMap, query: Result<Query<CallbackQuery>, QueryRejection>) -> Result<Response, AppError> {
    let q = query.map(|q| q.0).unwrap_or_default();
    let callback = Callback { code: q.code, state: q.state, error: q.error };
    let https = state.config.https;
    let (binding, path) = login_cookie(https);
    let forget_binding = removal(binding, path, https);
    let p = &state.portal;
    let browser = request_cookie(&headers, binding);
    match finish_login(&p.db, &p.identity, &callback, browser, p.sessions, now_ms(), request_id(&headers)).await {
        Ok(done) => {
            let session = build(session_cookie_name(https), done.session_secret, "/", None, https);
            Ok(redirect_with(&done.return_to, &[session, forget_binding]))
        }
        Err(backend::Error::Login(failure)) => Ok(redirect_with(&failure_page(failure.reason()), &[forget_binding])),
        Err(e) => Err(e.into()),
    }
}

async fn end(state: &AppState, headers: &HeaderMap, everywhere: bool) -> Result<Response, AppError> {
    let https = state.config.https;
    let name = session_cookie_name(https);
    let forget = removal(name, "/", https);
    let Some(secret) = request_cookie(headers, name) else { return Ok(redirect_with("/", &[forget])) };
    let p = &state.portal;
    let next = end_session(&p.db, &p.identity, secret, everywhere, now_ms(), request_id(headers)).await?;
    Ok(redirect_with(next.as_deref().unwrap_or("/"), &[forget]))
}

/// `POST /auth/logout`: ends this session and the provider's.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    end(&state, &headers, false).await
}

/// `POST /auth/logout-everywhere`: ends every session of the person, on every device.
pub async fn logout_everywhere(State(state): State<AppState>, Extension(current): Extension<CurrentSession>, headers: HeaderMap) -> Result<Response, AppError> {
    if current.0.is_none() {
        return Ok(redirect_with("/", &[]));
    }
    end(&state, &headers, true).await
}
