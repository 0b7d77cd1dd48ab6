//! The portal's cookies, built in one place so every one is `HttpOnly`, `SameSite=Lax` and, over
//! HTTPS, `Secure`; and reading a cookie of a request.
use axum::http::{header, HeaderMap};
use cookie::time::Duration;
use cookie::{Cookie, SameSite};

/// The session cookie's name: over HTTPS the `__Host-` prefix makes browsers refuse it from
/// sub-domains and over plain HTTP.
pub fn session_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-session"
    } else {
        "session"
    }
}

/// The name and path of the cookie tying a login's answer to the browser that started it. Over
/// plain HTTP it is sent only to the login routes; over HTTPS it carries the `__Host-` prefix,
/// which requires the path `/`.
pub fn login_cookie(https: bool) -> (&'static str, &'static str) {
    if https {
        ("__Host-login", "/")
    } else {
        ("login", "/auth")
    }
}

/// A cookie for `path` that lives `max_age` (or as long as the browser runs when `None`).
pub fn build(name: &'static str, value: String, path: &'static str, max_age: Option<Duration>, secure: bool) -> Cookie<'static> {
    let mut c = Cookie::build((name, value)).path(path).same_site(SameSite::Lax).http_only(true).secure(secure).build();
    if let Some(age) = max_age {
        c.set_max_age(age);
    }
    c
}

/// A `Set-Cookie` that deletes cookie `name` of `path`.
pub fn removal(name: &'static str, path: &'static str, secure: bool) -> Cookie<'static> {
    let mut c = build(name, String::new(), path, None, secure);
    c.make_removal();
    c
}

/// The value of cookie `name` in the request.
pub fn request_cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(k, v)| (k == name).then_some(v))
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderName, HeaderValue};

    use super::*;

    #[test]
    fn cookies_are_found_by_name() {
        let mut h = HeaderMap::new();
        h.insert(HeaderName::from_static("cookie"), HeaderValue::from_static("a=1; lang=en;low_vision=1"));
        assert_eq!(request_cookie(&h, "lang"), Some("en"));
        assert_eq!(request_cookie(&h, "low_vision"), Some("1"));
        assert_eq!(request_cookie(&h, "missing"), None);
    }
}
