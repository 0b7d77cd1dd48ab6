//! Conditional requests: whether the browser's cached copy is still the current one, for the
//! static bundle and for downloads alike.
use axum::http::{header, HeaderMap};

/// Whether `If-None-Match` names `etag` (or is `*`); lists and repeated headers count, and weak
/// tags compare by their value (a `GET` may use the weak comparison).
pub fn etag_matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(header::IF_NONE_MATCH, v.parse().expect("a header value"));
        }
        headers
    }

    #[test]
    fn a_tag_matches_alone_in_a_list_weak_or_as_a_star() {
        assert!(etag_matches(&asking(&["\"a\""]), "\"a\""));
        assert!(etag_matches(&asking(&["\"x\", W/\"a\""]), "\"a\""));
        assert!(etag_matches(&asking(&["\"x\"", "\"a\""]), "\"a\""));
        assert!(etag_matches(&asking(&["*"]), "\"a\""));
        assert!(!etag_matches(&asking(&["\"x\", \"ab\""]), "\"a\""));
        assert!(!etag_matches(&HeaderMap::new(), "\"a\""));
    }
}
