//! `/robots.txt` and `/sitemap.xml` for search engines.
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;

use crate::error::AppError;
use crate::state::AppState;

/// The site's address as the visitor reached it, e.g. `https://gosuslugi.region.example`.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let scheme = if state.config.https { "https" } else { "http" };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')));
    format!("{scheme}://{}", host.map_or_else(|| state.config.listen.to_string(), str::to_owned))
}

/// `GET /robots.txt`
pub async fn robots(State(state): State<AppState>, headers: HeaderMap) -> impl IntoResponse {
    let base = base_url(&state, &headers);
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /settings/\n\nSitemap: {base}/sitemap.xml\n"),
    )
}

/// `GET /sitemap.xml`: the home page, the catalog and every published service, department and
/// life situation.
pub async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> Result<impl IntoResponse, AppError> {
    let base = base_url(&state, &headers);
    let (services, departments, situations) = state.portal.db.published_codes().await?;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut url = |path: String| xml.push_str(&format!("  <url><loc>{base}{path}</loc></url>\n"));
    url("/".into());
    url("/services".into());
    // Codes are checked on import to be `a-z 0-9 - _`, so they need no escaping.
    services.iter().for_each(|c| url(format!("/services/{c}")));
    departments.iter().for_each(|c| url(format!("/departments/{c}")));
    situations.iter().for_each(|c| url(format!("/life-situations/{c}")));
    xml.push_str("</urlset>\n");
    Ok(([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml))
}
