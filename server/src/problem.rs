//! Every refusal of `/api/v1` (including the rate limiter's, which answers before any route) as
//! an RFC 9457 problem document (`application/problem+json`): a
//! stable `type` a program can switch on, and a `title` and `detail` in the caller's language
//! (`Accept-Language`, else the region's default). A failure is logged and answered with a
//! generic 503; nothing internal is ever sent.

use app::i18n::I18n;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::application::Refusal;
use serde::Serialize;
use utoipa::ToSchema;

/// Where the public API lives: its refusals are problem documents, and the CSRF guard leaves it
/// alone (no cookie ever authenticates there).
pub const API_PREFIX: &str = "/api/v1/";

/// A problem, as RFC 9457 writes it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// What kind of problem: `/api/v1/reference#problem-<kind>`; stable across versions.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short, localized summary of the kind.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What happened here, localized.
    pub detail: String,
}

/// The kinds of problem, with their status and the message keys of their title and detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// No key, or not one of ours, or revoked.
    Unauthorized,
    /// The client's scopes do not allow it.
    Forbidden,
    /// No such object for this client's department.
    NotFound,
    /// The request cannot be read (JSON, parameters, body type).
    BadRequest,
    /// The request was read but is not acceptable (empty message, no such ground…).
    Unprocessable,
    /// The application moved on (taken by another clerk, another status).
    Conflict,
    /// Over the rate limit.
    TooManyRequests,
    /// More than the operation takes.
    TooLarge,
    /// The portal cannot answer now; try again later.
    Unavailable,
}

impl Kind {
    /// Every kind, in the order of the reference page.
    pub const ALL: [Kind; 9] = [
        Kind::Unauthorized,
        Kind::Forbidden,
        Kind::NotFound,
        Kind::BadRequest,
        Kind::Unprocessable,
        Kind::Conflict,
        Kind::TooManyRequests,
        Kind::TooLarge,
        Kind::Unavailable,
    ];

    /// The part after `#problem-` in `type`.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Unauthorized => "unauthorized",
            Kind::Forbidden => "forbidden",
            Kind::NotFound => "not-found",
            Kind::BadRequest => "bad-request",
            Kind::Unprocessable => "unprocessable",
            Kind::Conflict => "conflict",
            Kind::TooManyRequests => "too-many-requests",
            Kind::TooLarge => "too-large",
            Kind::Unavailable => "unavailable",
        }
    }

    /// Its HTTP status.
    pub fn status(self) -> StatusCode {
        match self {
            Kind::Unauthorized => StatusCode::UNAUTHORIZED,
            Kind::Forbidden => StatusCode::FORBIDDEN,
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::BadRequest => StatusCode::BAD_REQUEST,
            Kind::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
            Kind::Conflict => StatusCode::CONFLICT,
            Kind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            Kind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Kind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The message key of its title (and of its usual detail: `…-detail`).
    pub fn key(self) -> String {
        format!("api-problem-{}", self.slug())
    }
}

/// A problem of `kind` ready to send, with `detail` already in the caller's language.
#[derive(Debug, Clone)]
pub struct ApiError {
    kind: Kind,
    title: String,
    detail: String,
    retry_after: Option<u64>,
}

impl ApiError {
    /// `kind` with its usual detail.
    pub fn new(i18n: I18n, kind: Kind) -> ApiError {
        ApiError::with_detail(i18n, kind, i18n.t(&format!("{}-detail", kind.key())))
    }

    /// `kind` saying `detail`.
    pub fn with_detail(i18n: I18n, kind: Kind, detail: String) -> ApiError {
        ApiError { kind, title: i18n.t(&kind.key()), detail, retry_after: None }
    }

    /// Over the rate limit: try again after `seconds`.
    pub fn too_many(i18n: I18n, seconds: u64) -> ApiError {
        ApiError { retry_after: Some(seconds), ..ApiError::new(i18n, Kind::TooManyRequests) }
    }

    /// The answer to a backend error: a refusal by its kind with its localized reason; a failure
    /// logged and answered as "unavailable".
    pub fn from_backend(i18n: I18n, e: backend::Error) -> ApiError {
        let backend::Error::Refused(refusal) = e else {
            tracing::error!(error = %e, "an API request failed");
            return ApiError::new(i18n, Kind::Unavailable);
        };
        let kind = match &refusal {
            Refusal::NotFound => return ApiError::new(i18n, Kind::NotFound),
            Refusal::TooMuch => Kind::TooLarge,
            Refusal::AlreadyTaken { .. } | Refusal::NotAssignee | Refusal::Transition(_) => Kind::Conflict,
            Refusal::HeadOnly => Kind::Forbidden,
            _ => Kind::Unprocessable,
        };
        ApiError::with_detail(i18n, kind, app::components::forms::refusal_text(i18n, &refusal))
    }

    /// Its kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.kind.status();
        let body = Problem { kind: format!("/api/v1/reference#problem-{}", self.kind.slug()), title: self.title, status: status.as_u16(), detail: self.detail };
        let mut response = (status, serde_json::to_string(&body).unwrap_or_default()).into_response();
        let h = response.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.kind == Kind::Unauthorized {
            h.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"api\""));
        }
        if let Some(seconds) = self.retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The caller's language: the first of `Accept-Language` we have, else `fallback`.
pub fn caller_lang(headers: &HeaderMap, fallback: &str) -> I18n {
    let asked = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let mut tags: Vec<(f32, &str)> = asked
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().split('-').next()?.trim();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).map_or(Some(1.0), |q| q.parse::<f32>().ok())?;
            (!tag.is_empty() && q > 0.0).then_some((q, tag))
        })
        .collect();
    tags.sort_by(|a, b| b.0.total_cmp(&a.0));
    let tag = tags.into_iter().map(|(_, t)| t.to_ascii_lowercase()).find(|t| app::i18n::is_available(t));
    I18n::new(tag.as_deref().unwrap_or(fallback))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(accept: &str) -> &'static str {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_str(accept).unwrap());
        caller_lang(&h, "ru").lang()
    }

    #[test]
    fn the_callers_language_is_the_best_one_we_have() {
        assert_eq!(lang("en-GB,en;q=0.9"), "en");
        assert_eq!(lang("de, en;q=0.5, ru;q=0.7"), "ru");
        assert_eq!(lang("de"), "ru", "else the region's default");
        assert_eq!(lang("en;q=0, ru;q=0.1"), "ru", "q=0 means not this one");
        assert_eq!(lang(";;;,"), "ru");
    }

    #[test]
    fn every_kind_has_a_title_and_a_detail_in_every_language() {
        for tag in app::i18n::available_langs() {
            let i18n = I18n::new(tag);
            for kind in Kind::ALL {
                for key in [kind.key(), format!("{}-detail", kind.key())] {
                    assert_ne!(i18n.t(&key), key, "{tag}: {key} is missing");
                }
            }
        }
    }
}
