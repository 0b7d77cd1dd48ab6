//! The whole middleware stack, built in one place ([`apply`]).
use std::sync::Arc;
use std::time::Duration;

use app::host::{CspNonce, CurrentSession};
use app::i18n::I18n;
use app::ui::{UiPrefs, UserBadge, LANG_COOKIE, LOW_VISION_COOKIE};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::EMBEDDED_FEDERAL_PATH;
use crate::cookies::request_cookie;
use crate::fallback_page;
use crate::state::AppState;
use crate::visitor::visitor_lang;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Largest request body outside the upload routes (which have their own limit): forms and
/// server function calls carry some text.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Wraps `router` in every cross-cutting concern. Outermost first: request id, tracing, panic
/// catching, security headers, compression, a 30 s timeout (504), rate limit, CSRF check, CSP
/// nonce, session. Pages and server functions also get [`ui_prefs`] (see `serve::router`).
pub fn apply(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    let hsts = state.config.https.then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    let form_action: Arc<str> = form_action_sources(&state.config).into();
    router
        .layer(from_fn_with_state(state.clone(), crate::session::current_session))
        .layer(from_fn_with_state(form_action, csp_nonce))
        .layer(from_fn(csrf_guard))
        .layer(from_fn_with_state(state.limits.clone(), crate::rate_limit::limit))
        .layer(
            ServiceBuilder::new()
                .layer(from_fn_with_state(state.config.behind_proxy, untrusted_request_id))
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(|req: &Request<Body>| {
                            let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                            tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path(), api_client = tracing::field::Empty)
                        })
                        // One access line per request, inside the span, so it carries the request id.
                        .on_response(DefaultOnResponse::new().level(Level::INFO)),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(CatchPanicLayer::custom(|_| {
                    tracing::error!("a request handler panicked");
                    (StatusCode::INTERNAL_SERVER_ERROR, Html(fallback_page::UNAVAILABLE)).into_response()
                }))
                .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
                .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin")))
                .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
                .layer(SetResponseHeaderLayer::if_not_present(
                    HeaderName::from_static("permissions-policy"),
                    HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(header::STRICT_TRANSPORT_SECURITY, hsts))
                .layer(CompressionLayer::new())
                .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::GATEWAY_TIMEOUT, Duration::from_secs(30))),
        )
}

/// Drops a request id the client chose, unless it comes from our own proxy (`behind_proxy`) and
/// looks like one: logs and the audit trail carry ids this server (or its proxy) made.
async fn untrusted_request_id(State(behind_proxy): State<bool>, mut req: Request, next: Next) -> Response {
    let trusted = behind_proxy && req.headers().get(REQUEST_ID).is_some_and(|v| v.len() <= 128 && v.as_bytes().iter().all(|b| b.is_ascii_graphic()));
    if !trusted {
        req.headers_mut().remove(REQUEST_ID);
    }
    next.run(req).await
}

/// Works out language, low-vision mode and branding for pages and server functions, from the
/// cached region: a failing database leaves the defaults and the page shows its own error.
pub async fn ui_prefs(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let (lang, region) = visitor_lang(&state, req.headers()).await;
    let branding = region.map(|region| region.branding(&lang));
    let low_vision = request_cookie(req.headers(), LOW_VISION_COOKIE) == Some("1");
    let session = req.extensions().get::<CurrentSession>().and_then(|s| s.0.clone());
    let user = match session {
        Some(s) => Some(UserBadge {
            // A failing count shows none; the page itself reports the database.
            unread: state.portal.db.unread_count(s.principal.person_id).await.unwrap_or(0),
            name: s.name,
            office: s.principal.is_office_staff(),
            admin: s.principal.has_role(domain::identity::Role::Operator),
            assurance: s.principal.assurance,
        }),
        None => None,
    };
    let demo = state.embedded_federal.is_some();
    req.extensions_mut().insert(UiPrefs { lang: lang.as_str().to_owned(), low_vision, branding, user, demo });
    next.run(req).await
}

/// Where forms may lead: this site, and the identity provider (logout is a form whose answer
/// redirects there, and browsers apply `form-action` to that redirect).
fn form_action_sources(config: &crate::config::Config) -> String {
    let provider = config.oidc.issuer_url.as_deref().and_then(|u| url::Url::parse(u).ok()).map(|u| u.origin().ascii_serialization());
    match provider {
        Some(origin) if origin != "null" => format!("'self' {origin}"),
        _ => "'self'".to_owned(),
    }
}

/// Gives every response a Content-Security-Policy whose nonce the page's own scripts carry.
async fn csp_nonce(State(form_action): State<Arc<str>>, mut req: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(req).await;
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'nonce-{nonce}'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action {form_action}; frame-ancestors 'none'; \
         base-uri 'none'; object-src 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.headers_mut().entry(header::CONTENT_SECURITY_POLICY).or_insert(value);
    }
    response
}

/// Refuses state-changing requests unless the browser says they come from this site (Fetch
/// Metadata, then Origin); a request that says neither is refused too. The built-in federal
/// simulator of the demo is another site mounted here, called by this server's own workers: its
/// forms carry no session of ours and its cookie is `SameSite=Lax`.
async fn csrf_guard(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let simulator = req.uri().path().starts_with(EMBEDDED_FEDERAL_PATH) && req.uri().path()[EMBEDDED_FEDERAL_PATH.len()..].starts_with('/');
    // The API authenticates by a key in a header, never by a cookie: a page elsewhere cannot make
    // a browser send it.
    let api = req.uri().path().starts_with(crate::problem::API_PREFIX);
    if !safe && !simulator && !api && !is_same_origin(req.headers()) {
        tracing::warn!("cross-site request refused");
        let i18n = I18n::new(request_cookie(req.headers(), LANG_COOKIE).unwrap_or_default());
        return (StatusCode::FORBIDDEN, Html(fallback_page::bad_request(&i18n.t("request-forbidden")))).into_response();
    }
    next.run(req).await
}

/// The request says it comes from this site: `Sec-Fetch-Site: same-origin` (or `none`, typed by
/// the person), else an `Origin` naming this host. Saying nothing is not enough.
fn is_same_origin(headers: &HeaderMap) -> bool {
    let get = |name: HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = get(HeaderName::from_static("sec-fetch-site")) {
        return matches!(site, "same-origin" | "none");
    }
    match (get(header::ORIGIN), get(header::HOST)) {
        (Some(origin), Some(host)) => origin.split_once("://").is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn only_requests_saying_they_come_from_this_site_pass() {
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_same_origin(&headers(&[("origin", "https://evil.example"), ("host", "portal.example")])));
        assert!(is_same_origin(&headers(&[("origin", "https://portal.example"), ("host", "portal.example")])));
        assert!(!is_same_origin(&headers(&[("origin", "null"), ("host", "portal.example")])));
        assert!(!is_same_origin(&headers(&[("host", "portal.example")])), "saying nothing is refused");
        assert!(!is_same_origin(&headers(&[])));
    }
}
