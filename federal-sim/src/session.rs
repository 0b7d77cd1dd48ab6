//! The simulator's own login for its personal account and filing pages: a person signs in by
//! picking a test person (on `/lk`, or by logging in to a relying party through `/authorize`),
//! and a cookie holds a random token of that sign-in. Without it, or for another person, the
//! account pages send the browser to `/lk` to sign in; logging out at the provider ends it.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

use crate::random::random_token;

/// The cookie's name.
const COOKIE: &str = "fedsim_session";
/// A sign-in lasts this long.
const LIFETIME: Duration = Duration::from_secs(8 * 3600);
/// At most this many sign-ins are kept; the oldest go first.
const MAX_SESSIONS: usize = 10_000;

/// Sign-ins by token.
#[derive(Default)]
pub(crate) struct Sessions {
    by_token: Mutex<HashMap<String, (String, Instant)>>,
}

impl Sessions {
    /// Signs `sub` in; the token for the cookie.
    pub(crate) fn start(&self, sub: &str) -> String {
        let token = random_token();
        let mut map = self.by_token.lock().unwrap_or_else(PoisonError::into_inner);
        map.retain(|_, (_, at)| at.elapsed() < LIFETIME);
        if map.len() >= MAX_SESSIONS {
            if let Some(oldest) = map.iter().min_by_key(|(_, (_, at))| *at).map(|(k, _)| k.clone()) {
                map.remove(&oldest);
            }
        }
        map.insert(token.clone(), (sub.to_owned(), Instant::now()));
        token
    }

    /// Who the request's cookie signs in, if anyone.
    pub(crate) fn signed_in(&self, headers: &HeaderMap) -> Option<String> {
        let token = cookie(headers)?;
        let map = self.by_token.lock().unwrap_or_else(PoisonError::into_inner);
        map.get(token).filter(|(_, at)| at.elapsed() < LIFETIME).map(|(sub, _)| sub.clone())
    }

    /// Ends the request's sign-in.
    pub(crate) fn end(&self, headers: &HeaderMap) {
        if let Some(token) = cookie(headers) {
            self.by_token.lock().unwrap_or_else(PoisonError::into_inner).remove(token);
        }
    }
}

fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(k, v)| (k == COOKIE).then_some(v))
}

/// The path of the issuer address, where the cookie applies (`/` for a bare host).
fn cookie_path(issuer: &str) -> String {
    url::Url::parse(issuer).map(|u| u.path().trim_end_matches('/').to_owned()).ok().filter(|p| !p.is_empty()).unwrap_or_else(|| "/".into())
}

/// Adds the cookie carrying `token` (or, with `None`, its removal) to `response`.
pub(crate) fn set_cookie(response: &mut Response, issuer: &str, token: Option<&str>) {
    let secure = if issuer.starts_with("https://") { "; Secure" } else { "" };
    let line = match token {
        Some(t) => format!("{COOKIE}={t}; Path={}; HttpOnly; SameSite=Lax{secure}", cookie_path(issuer)),
        None => format!("{COOKIE}=; Path={}; HttpOnly; SameSite=Lax; Max-Age=0{secure}", cookie_path(issuer)),
    };
    if let Ok(value) = HeaderValue::from_str(&line) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_in_is_found_by_its_cookie_and_ended() {
        let sessions = Sessions::default();
        let token = sessions.start("demo-ivanova");
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(&format!("a=b; {COOKIE}={token}")).unwrap());
        assert_eq!(sessions.signed_in(&headers).as_deref(), Some("demo-ivanova"));
        sessions.end(&headers);
        assert_eq!(sessions.signed_in(&headers), None);
        assert_eq!(sessions.signed_in(&HeaderMap::new()), None);
    }

    #[test]
    fn the_cookie_applies_under_the_issuer_path() {
        assert_eq!(cookie_path("http://127.0.0.1:3000/federal"), "/federal");
        assert_eq!(cookie_path("http://127.0.0.1:4000"), "/");
    }
}
