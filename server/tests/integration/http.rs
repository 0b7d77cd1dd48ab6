//! The portal over HTTP, on SQLite and PostgreSQL: pages, settings, health, headers, errors.

use std::path::Path;

use crate::support::on_both;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use backend::testing::TestDb;
use backend::FileStore;
use http_body_util::BodyExt;
use portal::config::Config;
use portal::serve::router;
use portal::state::app_state;
use tower::ServiceExt;

/// A router over `t` with the demo region imported, and the folder holding its files.
async fn portal(t: &TestDb) -> (axum::Router, tempfile::TempDir) {
    let files_dir = tempfile::tempdir().unwrap();
    let files = FileStore::local(files_dir.path()).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../regions/demo");
    backend::region_pack::import(&t.db, &files, &demo).await.unwrap();
    // The demo's built-in simulator is the provider; these tests log nobody in.
    let state = app_state(Config { demo: true, ..Config::default() }, t.db.clone(), files).unwrap();
    (router(state), files_dir)
}

async fn send(app: &axum::Router, req: Request<Body>) -> (Response, String) {
    let response = app.clone().oneshot(req).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (Response::from_parts(parts, Body::empty()), String::from_utf8_lossy(&bytes).into_owned())
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).header(header::HOST, "portal.test").body(Body::empty()).unwrap()
}

fn get_with_cookie(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path).header(header::HOST, "portal.test").header(header::COOKIE, cookie).body(Body::empty()).unwrap()
}

fn post_form(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, "portal.test")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::REFERER, "http://portal.test/services?category=family")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

#[tokio::test]
async fn home_page_is_branded_russian_with_categories_and_priority_services() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let (res, html) = send(&app, get("/")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("<html lang=\"ru\""), "{html}");
        assert!(html.contains("Приозёрский край"));
        assert!(html.contains("--brand-primary:#1f4e8c"));
        assert!(html.contains("Семья и дети") && html.contains("4 услуги"));
        assert!(html.contains("Государственная регистрация рождения"));
        assert!(html.contains("action=\"/search\""), "the search box goes to the search page");
        assert!(html.contains("/branding/coat-of-arms"));
    })
    .await;
}

#[tokio::test]
async fn the_language_cookie_gives_english_and_low_vision_adds_its_class() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let (_, html) = send(&app, get_with_cookie("/", "lang=en; low_vision=1")).await;
        assert!(html.contains("<html lang=\"en\" class=\"low-vision\""), "{html}");
        assert!(html.contains("Priozyorsky Krai") && html.contains("Family and children") && html.contains("4 services"));
        let (_, html) = send(&app, get_with_cookie("/", "lang=xx")).await;
        assert!(html.contains("<html lang=\"ru\""), "unknown languages fall back to the region default");
    })
    .await;
}

#[tokio::test]
async fn settings_forms_set_cookies_and_return_to_the_page() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let (res, _) = send(&app, post_form("/settings/language", "lang=en")).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()[header::LOCATION], "/services?category=family");
        let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(cookie.starts_with("lang=en;") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");

        let (res, _) = send(&app, post_form("/settings/low-vision", "on=1")).await;
        assert!(res.headers()[header::SET_COOKIE].to_str().unwrap().starts_with("low_vision=1;"));
        let (res, _) = send(&app, post_form("/settings/low-vision", "on=0")).await;
        assert!(res.headers()[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    })
    .await;
}

#[tokio::test]
async fn bad_settings_input_gets_a_localized_400_and_sets_nothing() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let (res, html) = send(&app, post_form("/settings/language", "lang=klingon")).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(res.headers().get(header::SET_COOKIE).is_none());
        assert!(html.contains("Такой язык не поддерживается."), "{html}");
        let (res, html) = send(&app, post_form("/settings/low-vision", "garbage")).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(html.contains("Форма отправлена неверно."), "{html}");
    })
    .await;
}

#[tokio::test]
async fn cross_site_posts_and_posts_that_say_nothing_of_their_origin_are_refused() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let mut cross = post_form("/settings/language", "lang=en");
        cross.headers_mut().insert("sec-fetch-site", "cross-site".parse().unwrap());
        let mut foreign = post_form("/settings/language", "lang=en");
        foreign.headers_mut().remove("sec-fetch-site");
        foreign.headers_mut().insert("origin", "https://evil.example".parse().unwrap());
        let mut silent = post_form("/settings/language", "lang=en");
        silent.headers_mut().remove("sec-fetch-site");
        for req in [cross, foreign, silent] {
            let (res, html) = send(&app, req).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN);
            assert!(res.headers().get(header::SET_COOKIE).is_none());
            assert!(html.contains("Запрос отклонён"));
        }
        let mut same = post_form("/settings/language", "lang=en");
        same.headers_mut().remove("sec-fetch-site");
        same.headers_mut().insert("origin", "http://portal.test".parse().unwrap());
        assert_eq!(send(&app, same).await.0.status(), StatusCode::SEE_OTHER, "Origin naming this host is enough");
    })
    .await;
}

#[tokio::test]
async fn catalog_filters_by_category_and_words_and_serves_a_service_page() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let (res, html) = send(&app, get("/services?category=family")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("Найдены 4 услуги"), "{html}");
        // «паспорта»
        let (_, html) = send(&app, get("/search?q=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82%D0%B0")).await;
        assert!(html.contains("Найдены 2 услуги") && html.contains("/services/internal-passport"), "{html}");
        assert!(html.contains("<mark>паспорта</mark>"), "matches are highlighted: {html}");
        // «трактор»: nothing, and the page says what to do
        let (res, html) = send(&app, get("/search?q=%D1%82%D1%80%D0%B0%D0%BA%D1%82%D0%BE%D1%80")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("По запросу «трактор» ничего не найдено") && html.contains("href=\"/services\""), "{html}");
        let (res, html) = send(&app, get("/services/taxi-permit")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("Этап 3 из 5: Подача заявления онлайн"));
        assert!(html.contains("<title>Выдача разрешения на деятельность по перевозке пассажиров легковым такси — Приозёрский край</title>"), "{html}");
    })
    .await;
}

#[tokio::test]
async fn unknown_pages_and_services_get_a_localized_404() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        for path in ["/no/such/page", "/services/no-such-service"] {
            let (res, html) = send(&app, get(path)).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
            assert!(html.contains("Страница не найдена"), "{path}: {html}");
        }
        let (res, html) = send(&app, get_with_cookie("/nope", "lang=en")).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        assert!(html.contains("Page not found"));
    })
    .await;
}

#[tokio::test]
async fn health_readiness_and_security_headers() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let (res, body) = send(&app, get("/healthz")).await;
        assert_eq!((res.status(), body.as_str()), (StatusCode::OK, "ok"));
        let (res, _) = send(&app, get("/readyz")).await;
        assert_eq!(res.status(), StatusCode::OK);

        let (res, html) = send(&app, get("/")).await;
        let h = res.headers();
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(h[header::REFERRER_POLICY], "strict-origin-when-cross-origin");
        assert_eq!(h[header::X_FRAME_OPTIONS], "DENY");
        assert!(h.contains_key("x-request-id"));
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self' 'nonce-"), "{csp}");
        let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the page's scripts carry the nonce");
        assert!(!h.contains_key(header::CACHE_CONTROL), "a public page for nobody in particular may be cached");

        // A request id the client chose is not taken (logs and the audit trail carry ours).
        let mut forged = get("/");
        forged.headers_mut().insert("x-request-id", "forged-by-client".parse().unwrap());
        let (res, _) = send(&app, forged).await;
        assert_ne!(res.headers()["x-request-id"], "forged-by-client");

        let (res, body) = send(&app, get("/branding/coat-of-arms")).await;
        assert_eq!(res.headers()[header::CONTENT_TYPE], "image/svg+xml");
        assert!(body.starts_with("<svg"));

        t.db.close().await;
        let (res, _) = send(&app, get("/readyz")).await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "a closed database is not ready");
        let (res, _) = send(&app, get("/healthz")).await;
        assert_eq!(res.status(), StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn a_database_outage_gives_the_localized_unavailable_page_not_a_stack_trace() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        t.db.close().await;
        let (res, html) = send(&app, get("/services")).await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(html.contains("Сервис временно недоступен"), "{html}");
        assert!(!html.contains("database") && !html.contains("sqlx"), "{html}");
    })
    .await;
}

#[tokio::test]
async fn blank_forms_download_with_cyrillic_names_etags_and_304() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let url = "/files/blanks/child-birth-allowance/child-birth-allowance.odt";
        let on_disk = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../regions/demo/blanks/child-birth-allowance.odt")).unwrap();
        let response = app.clone().oneshot(get(url)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let h = response.headers().clone();
        assert_eq!(h[header::CONTENT_TYPE], "application/vnd.oasis.opendocument.text");
        assert_eq!(h[header::CONTENT_LENGTH], on_disk.len().to_string().as_str());
        let disposition = h[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(disposition.starts_with("attachment; filename=\"child-birth-allowance.odt\"; filename*=UTF-8''%D0%"), "{disposition}");
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(body.as_ref(), on_disk.as_slice(), "the bytes are the pack's file");

        let etag = h[header::ETAG].to_str().unwrap().to_owned();
        let again = Request::get(url).header(header::HOST, "portal.test").header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap();
        let (res, body) = send(&app, again).await;
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());
        let since = h[header::LAST_MODIFIED].to_str().unwrap().to_owned();
        let again = Request::get(url).header(header::HOST, "portal.test").header(header::IF_MODIFIED_SINCE, since).body(Body::empty()).unwrap();
        assert_eq!(send(&app, again).await.0.status(), StatusCode::NOT_MODIFIED);

        let english = app.clone().oneshot(get_with_cookie(url, "lang=en")).await.unwrap();
        let disposition = english.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_owned();
        assert!(disposition.contains("filename*=UTF-8''Application"), "English title in English: {disposition}");

        for missing in ["/files/blanks/child-birth-allowance/nope.odt", "/files/blanks/nope/child-birth-allowance.odt"] {
            let (res, html) = send(&app, get(missing)).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{missing}");
            assert!(html.contains("Страница не найдена"));
        }
    })
    .await;
}

#[tokio::test]
async fn passport_department_and_life_situation_pages_and_filters() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let (res, html) = send(&app, get("/services/child-birth-allowance")).await;
        assert_eq!(res.status(), StatusCode::OK);
        for expected in [
            "Необходимые документы",
            "Основания для отказа",
            "Правовые основания",
            "Бланки для скачивания",
            "href=\"/files/blanks/child-birth-allowance/child-birth-allowance.odt\"",
            "Скачать ODT",
            "href=\"/departments/minsoc\"",
            "href=\"/life-situations/birth-of-child\"",
            "<meta name=\"description\"",
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
        let (res, html) = send(&app, get("/departments/zags")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("Агентство ЗАГС Приозёрского края") && html.contains("/services/birth-registration"));
        let (res, html) = send(&app, get("/life-situations/birth-of-child")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(html.contains("/services/child-birth-allowance"));
        for missing in ["/departments/nowhere", "/life-situations/nowhere"] {
            assert_eq!(send(&app, get(missing)).await.0.status(), StatusCode::NOT_FOUND, "{missing}");
        }
        let (_, html) = send(&app, get("/services?department=zags&stage=4")).await;
        assert!(html.contains("/services/birth-registration") && !html.contains("/services/marriage-registration"), "{html}");
        assert!(html.contains("<option value=\"zags\" selected"), "the chosen filter stays selected: {html}");
    })
    .await;
}

#[tokio::test]
async fn robots_and_sitemap_list_the_published_catalog() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let (res, robots) = send(&app, get("/robots.txt")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(robots.contains("Sitemap: http://portal.test/sitemap.xml") && robots.contains("Disallow: /api/"));
        let (res, xml) = send(&app, get("/sitemap.xml")).await;
        assert_eq!(res.headers()[header::CONTENT_TYPE], "application/xml; charset=utf-8");
        for url in ["http://portal.test/services/taxi-permit", "http://portal.test/departments/zags", "http://portal.test/life-situations/birth-of-child"] {
            assert!(xml.contains(&format!("<loc>{url}</loc>")), "{url}");
        }
    })
    .await;
}

#[tokio::test]
async fn server_functions_answer_client_side_navigation() {
    on_both(async |t| {
        let (app, _files) = portal(t).await;
        let req = Request::post("/api/catalog/services")
            .header(header::HOST, "portal.test")
            .header(header::CONTENT_TYPE, "application/json")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(r#"{"filter":{"category":"family","life_situation":null,"department":null,"municipality":null,"stage":null}}"#))
            .unwrap();
        let (res, body) = send(&app, req).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert!(body.contains("\"code\":\"birth-registration\"") && !body.contains("\"code\":\"taxi-permit\""), "{body}");

        let req = Request::post("/api/catalog/search")
            .header(header::HOST, "portal.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from("query=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82%D0%B0&offset=0"))
            .unwrap();
        let (res, body) = send(&app, req).await;
        assert_eq!(res.status(), StatusCode::OK, "{body}");
        assert!(body.contains("internal-passport"), "{body}");
    })
    .await;
}

/// Two portals in one process, as in these tests: building one's router while the other renders
/// pages leaves every page answered. (Each router used to list the Leptos pages afresh, and
/// listing holds every resource of the process pending while it runs.)
#[tokio::test]
async fn building_another_router_never_stalls_pages_being_rendered() {
    let t = TestDb::sqlite().await;
    let (app, _files) = portal(&t).await;
    let other_files = tempfile::tempdir().unwrap();
    let other = app_state(Config { demo: true, ..Config::default() }, t.db.clone(), FileStore::local(other_files.path()).unwrap()).unwrap();
    let builder = tokio::task::spawn_blocking(move || {
        for _ in 0..30 {
            drop(router(other.clone()));
        }
    });
    let mut pages = 0;
    while !builder.is_finished() || pages < 10 {
        let answer = tokio::time::timeout(std::time::Duration::from_secs(10), send(&app, get("/services"))).await;
        let (res, _) = answer.expect("a page rendered while another router was built came back");
        assert_eq!(res.status(), StatusCode::OK);
        pages += 1;
    }
    builder.await.unwrap();
}
