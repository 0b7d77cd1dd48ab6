//! The public API `/api/v1` for departments' own case-management systems: a client registered by
//! the operator for one department works its queue as a clerk of that department would in the
//! browser office, through the same use cases, and no more. Clients authenticate with a bearer
//! API key (see `backend::api_clients` for why a key and not OAuth client credentials); every
//! refusal is a problem document (`crate::problem`); the OpenAPI document is generated from these
//! handlers (`openapi.rs`). `/api/v1` never breaks: a change that would goes into `/api/v2`.
pub mod applications;
pub mod model;
pub mod openapi;

use app::i18n::I18n;
use axum::extract::{FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use backend::api_clients::{authenticate, Caller};
use domain::api_client::Scope;
use serde::de::DeserializeOwned;

use crate::problem::{caller_lang, ApiError, Kind};
use crate::route_table::RouteTable;
use crate::state::AppState;
use crate::visitor::visitor_lang;

/// Where the API lives.
pub use crate::problem::API_PREFIX as PREFIX;

/// The largest JSON body an operation takes.
pub const MAX_JSON_BYTES: usize = 64 * 1024;

/// The client calling, recognised by its key, and the caller's language for problems.
pub struct ApiClient {
    /// Who it is and what it may do.
    pub caller: Caller,
    /// The language of its problem documents.
    pub i18n: I18n,
}

impl ApiClient {
    /// Refused with 403 unless the client has `scope`.
    pub fn need(&self, scope: Scope) -> Result<(), ApiError> {
        if self.caller.scopes.allow(scope) {
            Ok(())
        } else {
            tracing::warn!(client = %self.caller.client_id, scope = scope.as_str(), "API scope missing");
            Err(ApiError::with_detail(self.i18n, Kind::Forbidden, self.i18n.t_with("api-problem-scope", &[("scope", scope.as_str().into())])))
        }
    }

    /// A backend error as a problem in the caller's language.
    pub fn refused(&self, e: backend::Error) -> ApiError {
        ApiError::from_backend(self.i18n, e)
    }
}

/// The language of a request's problems (`Accept-Language`, else the region's default).
pub async fn request_lang(state: &AppState, parts: &Parts) -> I18n {
    let (default, _) = visitor_lang(state, &axum::http::HeaderMap::new()).await;
    caller_lang(&parts.headers, default.as_str())
}

impl FromRequestParts<AppState> for ApiClient {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let i18n = request_lang(state, parts).await;
        let key = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).map(str::trim);
        let Some(key) = key else { return Err(ApiError::new(i18n, Kind::Unauthorized)) };
        match authenticate(&state.portal, key).await {
            Ok(Some(caller)) => {
                tracing::Span::current().record("api_client", caller.client_id.as_str());
                Ok(ApiClient { caller, i18n })
            }
            Ok(None) => {
                tracing::warn!("API call with an unknown or revoked key");
                Err(ApiError::new(i18n, Kind::Unauthorized))
            }
            Err(e) => Err(ApiError::from_backend(i18n, e)),
        }
    }
}

/// Query parameters; unreadable ones are a 400 problem.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequestParts<AppState> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let unreadable = match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(t)) => return Ok(ApiQuery(t)),
            Err(e) => e.body_text(),
        };
        Err(ApiError::with_detail(request_lang(state, parts).await, Kind::BadRequest, unreadable))
    }
}

/// The JSON body of `req`, at most [`MAX_JSON_BYTES`], read only once the handler has checked the
/// client's scope; anything else is a 400 or 413 problem.
pub async fn json_body<T: DeserializeOwned>(client: &ApiClient, req: Request) -> Result<T, ApiError> {
    let i18n = client.i18n;
    let json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json")));
    if !json {
        return Err(ApiError::with_detail(i18n, Kind::BadRequest, i18n.t("api-problem-json-expected")));
    }
    let bytes = axum::body::to_bytes(req.into_body(), MAX_JSON_BYTES).await.map_err(|_| ApiError::new(i18n, Kind::TooLarge))?;
    serde_json::from_slice(&bytes).map_err(|e| ApiError::with_detail(i18n, Kind::BadRequest, format!("{}: {e}", i18n.t("api-problem-bad-json"))))
}

/// The API's routes that take at most [`MAX_JSON_BYTES`]; the approval, which takes a document, is
/// routed with the uploads' limit.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .get("/api/v1/openapi.json", openapi::document)
        .get("/api/v1/reference", openapi::reference)
        .get("/api/v1/applications", applications::list)
        .get("/api/v1/applications/{id}", applications::read)
        .get("/api/v1/applications/{id}/files/{file}", applications::download)
        .post("/api/v1/applications/{id}/take", applications::take)
        .post("/api/v1/applications/{id}/return", applications::give_back)
        .post("/api/v1/applications/{id}/questions", applications::ask)
        .post("/api/v1/applications/{id}/refusal", applications::refuse)
        .get("/api/v1/{*rest}", nothing_here)
        .post("/api/v1/{*rest}", nothing_here)
}

/// Any other address under the API: a problem, not the page of a server function.
async fn nothing_here(headers: HeaderMap) -> ApiError {
    ApiError::new(caller_lang(&headers, app::i18n::DEFAULT_LANG), Kind::NotFound)
}

/// Turns what axum and tower answer by themselves under the API (a path parameter it cannot read,
/// a body over the route's limit, a wrong method) into problem documents like every other refusal.
pub async fn problems_only(req: Request, next: Next) -> Response {
    let i18n = caller_lang(req.headers(), app::i18n::DEFAULT_LANG);
    let response = next.run(req).await;
    let status = response.status();
    let problem = response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t == "application/problem+json");
    if problem || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let kind = match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => Kind::NotFound,
        StatusCode::PAYLOAD_TOO_LARGE => Kind::TooLarge,
        StatusCode::TOO_MANY_REQUESTS => Kind::TooManyRequests,
        s if s.is_server_error() => Kind::Unavailable,
        _ => Kind::BadRequest,
    };
    ApiError::new(i18n, kind).into_response()
}
