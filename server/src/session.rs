//! Finds the session of each request's cookie and hands it to pages, server functions and
//! routes as [`CurrentSession`]; a cookie whose session has ended is deleted from the browser.
use app::host::CurrentSession;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use backend::clock::now_ms;

use crate::cookies::request_cookie;
use crate::cookies::{removal, session_cookie_name};
use crate::state::AppState;

/// Looks up the session; a failing database leaves the request anonymous (and logged).
pub async fn current_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let https = state.config.https;
    let name = session_cookie_name(https);
    let mut stale = false;
    let session = match request_cookie(req.headers(), name) {
        None => None,
        Some(secret) => match state.portal.db.active_session(secret, state.portal.sessions, now_ms()).await {
            Ok(found) => {
                stale = found.is_none();
                found
            }
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed; serving the request as anonymous");
                None
            }
        },
    };
    let logged_in = session.is_some();
    req.extensions_mut().insert(CurrentSession(session));
    let mut response = next.run(req).await;
    // What a logged-in person is shown names them: no shared cache or browser history keeps it.
    if logged_in && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    }
    if stale && !response.headers().contains_key(header::SET_COOKIE) {
        if let Ok(value) = removal(name, "/", https).to_string().parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
