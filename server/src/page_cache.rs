//! Anonymous catalog pages (home, service lists, passports, departments, life situations, search
//! results) rendered once per catalog version, language, display mode and address, then served
//! from memory. Each answer carries the request's own CSP nonce: the cached page is kept cut at
//! the nonce it was rendered with and joined again with the new one. A change of the catalog
//! (any import or operator's edit bumps `catalog_version`) empties the cache within a second, the
//! time the version is trusted (`backend::cache`). Memory is bounded (`page_cache_mb`): pages
//! whose address has a query (visitors choose those) get a quarter of it, and a class of pages
//! past its share starts over.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use app::host::{CspNonce, CurrentSession};
use app::ui::UiPrefs;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use crate::fallback_page;
use crate::state::AppState;

/// Addresses longer than this (path and query) are rendered every time.
const MAX_ADDRESS: usize = 512;
/// A page larger than this is not kept (a catalog page is a few dozen kilobytes).
const MAX_PAGE: usize = 2 * 1024 * 1024;
/// Says whether a cacheable page came from the cache (`hit`) or was rendered (`miss`), as CDNs'
/// `X-Cache` does: for operators and the tests.
const CACHE_HEADER: &str = "x-page-cache";

/// One rendered page: its headers and its body cut where the nonce stood.
struct Page {
    headers: HeaderMap,
    pieces: Vec<String>,
    bytes: usize,
}

#[derive(Default)]
struct Store {
    version: i64,
    pages: HashMap<String, Arc<Page>>,
    plain_bytes: usize,
    query_bytes: usize,
}

/// The cache of one process; cheap to clone.
#[derive(Clone, Default)]
pub struct PageCache {
    max_bytes: usize,
    store: Arc<RwLock<Store>>,
}

impl PageCache {
    /// A cache of at most `max_bytes` of pages; zero keeps none.
    pub fn new(max_bytes: usize) -> PageCache {
        PageCache { max_bytes, store: Arc::default() }
    }

    fn get(&self, version: i64, key: &str) -> Option<Arc<Page>> {
        let store = self.store.read().unwrap_or_else(PoisonError::into_inner);
        (store.version == version).then(|| store.pages.get(key).cloned()).flatten()
    }

    fn put(&self, version: i64, key: String, has_query: bool, page: Page) {
        let mut store = self.store.write().unwrap_or_else(PoisonError::into_inner);
        if version < store.version {
            return;
        }
        if version > store.version {
            *store = Store { version, ..Store::default() };
        }
        let share = if has_query { self.max_bytes / 4 } else { self.max_bytes - self.max_bytes / 4 };
        if page.bytes > share {
            return;
        }
        let used = if has_query { store.query_bytes } else { store.plain_bytes };
        if used + page.bytes > share {
            store.pages.retain(|key, _| key_has_query(key) != has_query);
            *(if has_query { &mut store.query_bytes } else { &mut store.plain_bytes }) = 0;
        }
        let bytes = page.bytes;
        if let Some(old) = store.pages.insert(key, Arc::new(page)) {
            // Two requests rendered the same page at once: count it once.
            *(if has_query { &mut store.query_bytes } else { &mut store.plain_bytes }) -= old.bytes;
        }
        *(if has_query { &mut store.query_bytes } else { &mut store.plain_bytes }) += bytes;
    }
}

/// Middleware of the pages: answers cacheable requests from the cache, and keeps what it renders
/// for them. Everything else passes through untouched.
pub async fn serve(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(address) = cacheable(&req) else { return next.run(req).await };
    let cache = &state.page_cache;
    if cache.max_bytes == 0 {
        return next.run(req).await;
    }
    // A database that does not answer: render, and let the page say so.
    let Ok(version) = state.portal.cache.version(&state.portal.db).await else { return next.run(req).await };
    let ui = req.extensions().get::<UiPrefs>();
    let key = format!("{version}|{}|{}|{address}", ui.map_or("", |ui| ui.lang.as_str()), ui.is_some_and(|ui| ui.low_vision));
    let nonce = req.extensions().get::<CspNonce>().map(|n| n.0.clone()).unwrap_or_default();
    if let Some(page) = cache.get(version, &key) {
        let mut response = Response::new(Body::from(page.pieces.join(&nonce)));
        *response.headers_mut() = page.headers.clone();
        response.headers_mut().insert(CACHE_HEADER, HeaderValue::from_static("hit"));
        return response;
    }
    let response = next.run(req).await;
    let keep = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if !keep || nonce.is_empty() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    parts.headers.insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        tracing::error!("a catalog page failed while it was rendered");
        return (StatusCode::SERVICE_UNAVAILABLE, Html(fallback_page::UNAVAILABLE)).into_response();
    };
    if let Ok(html) = std::str::from_utf8(&bytes) {
        if html.len() <= MAX_PAGE {
            let mut headers = parts.headers.clone();
            headers.remove(header::CONTENT_LENGTH);
            headers.remove(CACHE_HEADER);
            let page = Page { headers, pieces: html.split(nonce.as_str()).map(str::to_owned).collect(), bytes: html.len() };
            cache.put(version, key, address.contains('?'), page);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The address (path and query) of a request whose page is the same for every anonymous
/// visitor with the same language and display mode; `None` for anything else.
fn cacheable(req: &Request) -> Option<String> {
    if req.method() != Method::GET || req.extensions().get::<CurrentSession>().is_some_and(|s| s.0.is_some()) {
        return None;
    }
    if req.extensions().get::<UiPrefs>().is_some_and(|ui| ui.user.is_some()) {
        return None;
    }
    let address = req.uri().path_and_query()?.as_str();
    (address.len() <= MAX_ADDRESS && is_catalog_page(req.uri().path())).then(|| address.to_owned())
}

/// The catalog's pages: home, the list, a passport (not its application form), search, a
/// department, a life situation.
fn is_catalog_page(path: &str) -> bool {
    let one_segment = |prefix: &str| path.strip_prefix(prefix).is_some_and(|rest| !rest.is_empty() && !rest.contains('/'));
    matches!(path, "/" | "/services" | "/search") || one_segment("/services/") || one_segment("/departments/") || one_segment("/life-situations/")
}

fn key_has_query(key: &str) -> bool {
    key.contains('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(bytes: usize) -> Page {
        Page { headers: HeaderMap::new(), pieces: vec!["x".repeat(bytes)], bytes }
    }

    #[test]
    fn only_catalog_pages_are_kept() {
        for path in ["/", "/services", "/search", "/services/taxi-permit", "/departments/minobr", "/life-situations/birth"] {
            assert!(is_catalog_page(path), "{path}");
        }
        for path in ["/services/taxi-permit/apply", "/services/", "/me", "/office", "/admin/catalog", "/applications/1", "/opendata", "/status"] {
            assert!(!is_catalog_page(path), "{path}");
        }
    }

    #[test]
    fn a_newer_catalog_version_empties_the_cache() {
        let cache = PageCache::new(1024);
        cache.put(1, "1|ru|false|/".into(), false, page(10));
        assert!(cache.get(1, "1|ru|false|/").is_some());
        cache.put(2, "2|ru|false|/services".into(), false, page(10));
        assert!(cache.get(1, "1|ru|false|/").is_none());
        assert_eq!(cache.store.read().unwrap().pages.len(), 1);
        // A late render of the old version is not kept.
        cache.put(1, "1|ru|false|/".into(), false, page(10));
        assert_eq!(cache.store.read().unwrap().pages.len(), 1);
    }

    #[test]
    fn pages_with_a_query_cannot_push_out_the_others() {
        let cache = PageCache::new(400);
        cache.put(1, "1|ru|false|/".into(), false, page(200));
        for i in 0..50 {
            cache.put(1, format!("1|ru|false|/search?q={i}"), true, page(40));
            let store = cache.store.read().unwrap();
            assert!(store.query_bytes <= 100 && store.plain_bytes == 200);
        }
        assert!(cache.get(1, "1|ru|false|/").is_some());
        // The plain pages' share is bounded too: past it they start over.
        cache.put(1, "1|ru|false|/services".into(), false, page(200));
        let store = cache.store.read().unwrap();
        assert!(store.plain_bytes <= 300 && store.pages.keys().filter(|k| !key_has_query(k)).count() == 1);
    }

    #[test]
    fn the_same_page_twice_is_counted_once() {
        let cache = PageCache::new(1000);
        cache.put(1, "1|ru|false|/".into(), false, page(100));
        cache.put(1, "1|ru|false|/".into(), false, page(100));
        assert_eq!(cache.store.read().unwrap().plain_bytes, 100);
    }

    #[test]
    fn a_cache_of_zero_keeps_nothing() {
        let cache = PageCache::new(0);
        cache.put(1, "1|ru|false|/".into(), false, page(1));
        assert!(cache.get(1, "1|ru|false|/").is_none());
    }
}
