//! Who asks, and what they sent, for the routes outside Leptos: each extractor refuses the request
//! before the handler runs (and before a body is read), with the answer a person understands.
//!
//! - Not logged in: a redirect to the login, which comes back to the page the request came from.
//! - Logged in, but the area is not theirs (the back office, the administration): a localized 403.
//!   The areas are no secret; saying "no access" helps a person who took a wrong turn.
//! - An object that is not theirs (someone else's application, another department's): 404, from
//!   the backend's refusal, never a hint that it exists.

use app::host::CurrentSession;
use app::i18n::I18n;
use app::ui::{login_href, LANG_COOKIE};
use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::access::{may_enter, Area, Decision, Principal};
use serde::de::DeserializeOwned;

use crate::cookies::request_cookie;
use crate::fallback_page;
use crate::state::AppState;

/// Any logged-in person.
pub struct Person(pub Principal);

/// A clerk or head of at least one department.
pub struct Staff(pub Principal);

/// The region's operator.
pub struct Operator(pub Principal);

/// The route patterns that are pages (answer a GET); put on every request by the router, so that a
/// post without a `Referer` can still be sent back to its page after the login.
#[derive(Clone, Debug, Default)]
pub struct Pages(pub Arc<HashSet<String>>);

/// The page a post's form lives on when the browser did not say: the posted address itself when it
/// is also a page (`/services/{code}/apply`), else its parent (`/admin/staff/grant` → `/admin/staff`).
fn form_page(path: &str, is_page: bool) -> String {
    match path.rsplit_once('/') {
        _ if is_page => path.to_owned(),
        Some((parent, _)) if !parent.is_empty() => parent.to_owned(),
        _ => "/me".to_owned(),
    }
}

/// The page to come back to after logging in: the page itself for a GET, the page the form was
/// on for a post (from the `Referer` when it is one of ours, else from the address).
fn back(parts: &Parts) -> String {
    if parts.method == Method::GET || parts.method == Method::HEAD {
        return parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
    }
    let referer = parts.headers.get(header::REFERER).and_then(|v| v.to_str().ok()).and_then(|r| url::Url::parse(r).ok());
    let host = parts.headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match referer {
        Some(r) if r.host_str().zip(host).is_some_and(|(h, host)| host.split(':').next() == Some(h)) => {
            let path = r.path().to_owned();
            r.query().map_or(path.clone(), |q| format!("{path}?{q}"))
        }
        _ => {
            let pages = parts.extensions.get::<Pages>();
            let is_page = parts.extensions.get::<MatchedPath>().zip(pages).is_some_and(|(m, p)| p.0.contains(m.as_str()));
            form_page(parts.uri.path(), is_page)
        }
    }
}

/// Who is logged in on this request, if anyone.
fn principal(parts: &Parts) -> Option<Principal> {
    parts.extensions.get::<CurrentSession>().and_then(|s| s.0.as_ref()).map(|s| s.principal.clone())
}

/// Lets `who` into `area`, or answers: the login for nobody, a localized 403 for others.
fn enter(parts: &Parts, area: Area) -> Result<Principal, Response> {
    let who = principal(parts);
    match (may_enter(who.as_ref(), area), who) {
        (Decision::Allow, Some(who)) => Ok(who),
        (Decision::LogIn | Decision::Allow, _) => Err(Redirect::to(&login_href(&back(parts))).into_response()),
        (Decision::Deny, who) => {
            tracing::warn!(person_id = who.map(|p| p.person_id), ?area, path = %parts.uri.path(), "access denied");
            let i18n = I18n::new(request_cookie(&parts.headers, LANG_COOKIE).unwrap_or_default());
            Err((StatusCode::FORBIDDEN, Html(fallback_page::bad_request(&i18n.t("forbidden-text")))).into_response())
        }
    }
}

impl FromRequestParts<AppState> for Person {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        enter(parts, Area::Account).map(Person)
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        enter(parts, Area::Office).map(Staff)
    }
}

impl FromRequestParts<AppState> for Operator {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        enter(parts, Area::Admin).map(Operator)
    }
}

/// The request's id as the logging middleware set it, for the audit trail.
pub struct RequestId(pub Option<String>);

/// The id the logging middleware gave the request with `headers`.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned)
}

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestId(request_id(&parts.headers)))
    }
}

/// A posted form (`application/x-www-form-urlencoded`); one that cannot be read is a localized
/// 400, its cause logged.
pub struct Posted<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Posted<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let i18n = I18n::new(request_cookie(req.headers(), LANG_COOKIE).unwrap_or_default());
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(form)) => Ok(Posted(form)),
            Err(cause) => {
                tracing::info!(%cause, "unreadable form");
                Err((StatusCode::BAD_REQUEST, Html(fallback_page::bad_request(&i18n.t("settings-bad-form")))).into_response())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::Request;

    use super::*;

    fn parts(method: &str, uri: &str, referer: Option<&str>) -> Parts {
        let mut b = Request::builder().method(method).uri(uri).header("host", "portal.example");
        if let Some(r) = referer {
            b = b.header("referer", r);
        }
        b.body(()).unwrap().into_parts().0
    }

    #[test]
    fn a_login_comes_back_to_the_page_the_request_came_from() {
        assert_eq!(back(&parts("GET", "/office?queue=new", None)), "/office?queue=new");
        assert_eq!(back(&parts("POST", "/applications/1/withdraw", Some("https://portal.example/applications/1"))), "/applications/1");
        assert_eq!(back(&parts("POST", "/applications/1/withdraw", Some("https://evil.example/x"))), "/applications/1", "never another site");
        assert_eq!(back(&parts("POST", "/admin/staff/grant", None)), "/admin/staff", "without a Referer: the page the form is on");
        assert_eq!(form_page("/services/x/apply", true), "/services/x/apply", "a post to an address that is also a page");
        assert_eq!(back(&parts("POST", "/logout", None)), "/me");
    }
}
