//! Anonymous catalog pages (home, service lists, passports, departments, life situations, search
//! results) rendered once per catalog version, language, display mode, branding and address,
//! then served from memory. Each answer carries the request's own CSP nonce: the cached page is kept cut at
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

use backend::cache::CatalogCache;
use backend::{Db, Portal};

use crate::fallback_page;

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
    /// Its address has a query (the visitors' share of the memory).
    query: bool,
}

#[derive(Default)]
struct Store {
    version: i64,
    pages: HashMap<String, Arc<Page>>,
    plain_bytes: usize,
    query_bytes: usize,
}

/// The cache of one process, and where it reads the catalog version; cheap to clone.
#[derive(Clone)]
pub struct PageCache {
    pages: Pages,
    versions: CatalogCache,
    db: Db,
}

impl PageCache {
    /// A cache of at most `max_bytes` of pages (zero keeps none) of `portal`'s catalog.
    pub fn new(max_bytes: usize, portal: &Portal) -> PageCache {
        PageCache { pages: Pages::new(max_bytes), versions: portal.cache.clone(), db: portal.db.clone() }
    }

    /// The catalog version, as the process's catalog cache knows it.
    async fn version(&self) -> Option<i64> {
        self.versions.version(&self.db).await.ok()
    }
}

/// The pages kept, within their memory bound.
#[derive(Clone, Default)]
struct Pages {
    max_bytes: usize,
    store: Arc<RwLock<Store>>,
}

impl Pages {
    fn new(max_bytes: usize) -> Pages {
        Pages { max_bytes, store: Arc::default() }
    }

    fn get(&self, version: i64, key: &str) -> Option<Arc<Page>> {
        let store = self.store.read().unwrap_or_else(PoisonError::into_inner);
        (store.version == version).then(|| store.pages.get(key).cloned()).flatten()
    }

    fn put(&self, version: i64, key: String, page: Page) {
        let has_query = page.query;
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
            store.pages.retain(|_, page| page.query != has_query);
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
pub async fn serve(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    let Some(address) = cacheable(&req) else { return next.run(req).await };
    if cache.pages.max_bytes == 0 {
        return next.run(req).await;
    }
    // A database that does not answer: render, and let the page say so.
    let Some(version) = cache.version().await else { return next.run(req).await };
    let Some(ui) = req.extensions().get::<UiPrefs>() else { return next.run(req).await };
    // The branding as this request's settings hold it: read a moment before the version above,
    // it may still be the previous one, and then the page is kept apart from the current one.
    let Some(branding) = ui.branding.as_ref().and_then(|b| serde_json::to_vec(b).ok()) else {
        // No region read (an outage): this page is not what visitors should keep getting.
        return next.run(req).await;
    };
    let key = format!("{version}|{}|{}|{:016x}|{address}", ui.lang, ui.low_vision, fingerprint(&branding));
    let nonce = req.extensions().get::<CspNonce>().map(|n| n.0.clone()).unwrap_or_default();
    if let Some(page) = cache.pages.get(version, &key) {
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
    // Rendered across a change of the catalog: parts of it may be of either version.
    let unchanged = cache.version().await == Some(version);
    if let (true, Ok(html)) = (unchanged, std::str::from_utf8(&bytes)) {
        if html.len() <= MAX_PAGE {
            let mut headers = parts.headers.clone();
            headers.remove(header::CONTENT_LENGTH);
            headers.remove(CACHE_HEADER);
            let pieces = html.split(nonce.as_str()).map(str::to_owned).collect();
            cache.pages.put(version, key, Page { headers, pieces, bytes: html.len(), query: address.contains('?') });
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A short fingerprint of `bytes` for a cache key (collisions only cost a wrong branding for
/// pages cached in the same second as a rebrand, and the version moves on with the rebrand).
fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
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
    // The router decodes `%xx` in paths, so `/services/%74axi-permit` is the passport of
    // `taxi-permit`: such spellings would let visitors fill the plain pages' share; catalog codes
    // never need them.
    let plain = !req.uri().path().contains('%');
    (plain && address.len() <= MAX_ADDRESS && is_catalog_page(req.uri().path())).then(|| address.to_owned())
}

/// The catalog's pages: home, the list, a passport (not its application form), search, a
/// department, a life situation.
fn is_catalog_page(path: &str) -> bool {
    let one_segment = |prefix: &str| path.strip_prefix(prefix).is_some_and(|rest| !rest.is_empty() && !rest.contains('/'));
    matches!(path, "/" | "/services" | "/search") || one_segment("/services/") || one_segment("/departments/") || one_segment("/life-situations/")
}

#[cfg(test)]
mod tests {
    use app::ui::UserBadge;
    use domain::identity::AssuranceLevel;

    use super::*;

    fn page(bytes: usize) -> Page {
        Page { headers: HeaderMap::new(), pieces: vec!["x".repeat(bytes)], bytes, query: false }
    }

    fn query_page(bytes: usize) -> Page {
        Page { query: true, ..page(bytes) }
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
    fn only_plain_anonymous_gets_of_catalog_pages_are_cacheable() {
        let get = |uri: &str| Request::get(uri).body(Body::empty()).unwrap();
        assert_eq!(cacheable(&get("/services?category=family")).as_deref(), Some("/services?category=family"));
        assert_eq!(cacheable(&get("/services/%74axi-permit")), None, "another spelling of a cached page");
        assert_eq!(cacheable(&get(&format!("/search?q={}", "a".repeat(600)))), None);
        assert_eq!(cacheable(&Request::post("/services").body(Body::empty()).unwrap()), None);
        let mut logged_in = get("/services");
        let user = UserBadge { name: "Мария".into(), office: false, admin: false, assurance: AssuranceLevel::Confirmed, unread: 0 };
        logged_in.extensions_mut().insert(UiPrefs { user: Some(user), ..UiPrefs::default() });
        assert_eq!(cacheable(&logged_in), None);
    }

    #[test]
    fn a_newer_catalog_version_empties_the_cache() {
        let cache = Pages::new(1024);
        cache.put(1, "1|ru|false|/".into(), page(10));
        assert!(cache.get(1, "1|ru|false|/").is_some());
        cache.put(2, "2|ru|false|/services".into(), page(10));
        assert!(cache.get(1, "1|ru|false|/").is_none());
        assert_eq!(cache.store.read().unwrap().pages.len(), 1);
        // A late render of the old version is not kept.
        cache.put(1, "1|ru|false|/".into(), page(10));
        assert_eq!(cache.store.read().unwrap().pages.len(), 1);
    }

    #[test]
    fn pages_with_a_query_cannot_push_out_the_others() {
        let cache = Pages::new(400);
        cache.put(1, "1|ru|false|/".into(), page(200));
        for i in 0..50 {
            cache.put(1, format!("1|ru|false|/search?q={i}"), query_page(40));
            let store = cache.store.read().unwrap();
            assert!(store.query_bytes <= 100 && store.plain_bytes == 200);
        }
        assert!(cache.get(1, "1|ru|false|/").is_some());
        // The plain pages' share is bounded too: past it they start over.
        cache.put(1, "1|ru|false|/services".into(), page(200));
        let store = cache.store.read().unwrap();
        assert!(store.plain_bytes <= 300 && store.pages.values().filter(|p| !p.query).count() == 1);
    }

    #[test]
    fn the_same_page_twice_is_counted_once() {
        let cache = Pages::new(1000);
        cache.put(1, "1|ru|false|/".into(), page(100));
        cache.put(1, "1|ru|false|/".into(), page(100));
        assert_eq!(cache.store.read().unwrap().plain_bytes, 100);
    }

    #[test]
    fn a_cache_of_zero_keeps_nothing() {
        let cache = Pages::new(0);
        cache.put(1, "1|ru|false|/".into(), page(1));
        assert!(cache.get(1, "1|ru|false|/").is_none());
    }
}
