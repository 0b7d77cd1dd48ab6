//! `/files/blanks/{service}/{file}`: blank forms, streamed from the file store with the headers
//! browsers and caches need: type, size, a Cyrillic file name (RFC 6266 / 5987), `ETag` and
//! `Last-Modified` with 304 answers. Unknown or unpublished files are 404.
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;
use crate::visitor::visitor_lang;

/// `GET /files/blanks/{service}/{file}`
pub async fn download_blank(State(state): State<AppState>, Path((service, file)): Path<(String, String)>, headers: HeaderMap) -> Result<Response, AppError> {
    let db = &state.portal.db;
    let blank = db.blank_file(&service, &file).await?.ok_or(AppError::NotFound)?;
    let stored = state.portal.files.open(&blank.key).await?.ok_or_else(|| {
        tracing::error!(key = %blank.key, "a published blank form is missing from the file store");
        AppError::NotFound
    })?;
    let etag = format!("\"{}\"", blank.sha256);
    let last_modified = httpdate::fmt_http_date(stored.last_modified);
    // If-Modified-Since counts only when If-None-Match is absent (RFC 9110 §13.1.3).
    let not_modified = if headers.contains_key(header::IF_NONE_MATCH) {
        crate::conditional::etag_matches(&headers, &etag)
    } else {
        headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .is_some_and(|since| stored.last_modified <= since + std::time::Duration::from_secs(1))
    };
    let cache = [
        (header::ETAG, etag),
        (header::LAST_MODIFIED, last_modified),
        // Re-imports may replace a blank under the same address: always revalidate (cheap 304).
        (header::CACHE_CONTROL, "no-cache".to_owned()),
    ];
    if not_modified {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    let (lang, region) = visitor_lang(&state, &headers).await;
    let fallback = region.map_or_else(|| lang.clone(), |r| r.default_locale);
    let extension = file.rsplit_once('.').map_or("", |(_, ext)| ext);
    let disposition = content_disposition(blank.title.get(&lang, &fallback), extension, &file);
    let mut response = (cache, Body::from_stream(stored.stream)).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(&blank.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(stored.size));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// `attachment` with the title as the file name (RFC 6266 with RFC 5987 `filename*` for the
/// Cyrillic name) and the ASCII pack file name as the fallback for old clients.
pub fn content_disposition(title: &str, extension: &str, ascii_fallback: &str) -> String {
    let clean: String = title
        .chars()
        .map(|c| if c.is_control() || matches!(c, '/' | '\\' | '"' | ':' | '*' | '?' | '<' | '>' | '|') { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let clean: String = clean.chars().take(150).collect();
    let name = if extension.is_empty() { clean } else { format!("{clean}.{extension}") };
    let fallback: String = ascii_fallback.chars().filter(|c| c.is_ascii_graphic() && *c != '"' && *c != '\\').collect();
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{}", rfc5987_encode(&name))
}

/// Percent-encodes everything but RFC 5987 `attr-char`.
fn rfc5987_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn cyrillic_names_are_encoded_with_an_ascii_fallback() {
        assert_eq!(
            content_disposition("Заявление о пособии", "odt", "child-benefit.odt"),
            "attachment; filename=\"child-benefit.odt\"; filename*=UTF-8''%D0%97%D0%B0%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D0%B5%20%D0%BE%20%D0%BF%D0%BE%D1%81%D0%BE%D0%B1%D0%B8%D0%B8.odt"
        );
    }

    #[test]
    fn unsafe_characters_never_reach_the_header() {
        let value = content_disposition("a/b\\c\"d\r\ne", "pdf", "x\".pdf");
        assert_eq!(value, "attachment; filename=\"x.pdf\"; filename*=UTF-8''a%20b%20c%20d%20e.pdf");
    }
}
