//! The catalog editor over HTTP: who may use it, a refused form coming back with its values and
//! localized problems, a saved change reaching the public pages (also through the page cache),
//! and the region pack download importing into an empty portal as the same catalog.

use std::io::Read;

use backend::testing::{public_catalog, TestDb};
use domain::identity::Role;

use crate::support::{everyone, on_both, portal_with_sim, staff, Browser};

#[tokio::test]
async fn only_the_operator_reaches_the_editor_pages_functions_and_forms_and_others_change_nothing() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let db = &p.state.portal.db;
        let [mut anonymous, mut citizen, mut clerk, mut head, mut operator] = everyone(&p).await;
        let before = public_catalog(db).await;
        let version = db.catalog_version().await.unwrap().to_string();

        // (page, server function with its arguments), [anonymous, citizen, clerk, head, operator]
        let pages = [
            ("/admin/catalog", "/api/admin/catalog", vec![]),
            ("/admin/catalog/service/hunting-permit", "/api/admin/catalog-entry", vec![("kind", "service"), ("code", "hunting-permit")]),
            ("/admin/catalog/department/new", "/api/admin/catalog-entry", vec![("kind", "department"), ("code", "new")]),
            ("/admin/catalog/service/hunting-permit/form", "/api/admin/catalog-form", vec![("code", "hunting-permit")]),
            ("/admin/branding", "/api/admin/branding", vec![]),
        ];
        let expected = [401, 403, 403, 403, 200];
        for (page, function, args) in &pages {
            for (who, b) in [&mut anonymous, &mut citizen, &mut clerk, &mut head, &mut operator].into_iter().enumerate() {
                assert_eq!(b.get(&format!("{}{page}", p.url)).await.status, expected[who], "{page} as person #{who}");
                assert_eq!(b.post(&format!("{}{function}", p.url), args).await.status, expected[who], "{function} as person #{who}");
            }
        }
        // The forms and the download: anonymous is sent to log in, other roles are refused the area (403).
        let title_form = [("read_at", version.as_str()), ("title.ru", "Чужое"), ("title.en", "Foreign")];
        let forms: [(&str, Vec<(&str, &str)>); 6] = [
            ("/admin/catalog/category/social", title_form.to_vec()),
            ("/admin/catalog/category/new", [("code", "x")].into_iter().chain(title_form).collect()),
            ("/admin/catalog/service/hunting-permit/publish", vec![("read_at", &version), ("published", "false")]),
            ("/admin/catalog/service/hunting-permit/blanks/remove", vec![("read_at", &version), ("file", "hunting-permit.odt")]),
            ("/admin/catalog/service/hunting-permit/form", vec![("read_at", &version), ("schema", "{}"), ("action", "save")]),
            ("/admin/region-pack.zip", vec![]),
        ];
        for (who, b) in [&mut anonymous, &mut citizen, &mut clerk, &mut head].into_iter().enumerate() {
            for (url, form) in &forms {
                let got = if url.ends_with(".zip") { b.get(&format!("{}{url}", p.url)).await } else { b.post(&format!("{}{url}", p.url), form).await };
                let want = if who == 0 { 303 } else { 403 };
                assert_eq!(got.status, want, "{url} as person #{who}");
            }
            for url in ["/admin/catalog/service/hunting-permit/blanks", "/admin/branding"] {
                let got = b
                    .post_multipart(
                        &format!("{}{url}", p.url),
                        &[("read_at", &version), ("title.ru", "Б"), ("title.en", "B")],
                        &[("file", "b.pdf", b"%PDF-1.4 x".to_vec())],
                    )
                    .await;
                assert_eq!(got.status, if who == 0 { 303 } else { 403 }, "{url} as person #{who}");
            }
        }
        assert_eq!(public_catalog(db).await, before, "nobody but the operator changed anything");
        assert_eq!(backend::testing::count_rows(db, "editor_drafts").await, 0);
    })
    .await;
}

#[tokio::test]
async fn a_refused_entry_comes_back_with_its_values_and_problems_and_a_saved_one_reaches_citizens() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let db = &p.state.portal.db;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let page = operator.get(&format!("{}/admin/catalog/department/new", p.url)).await;
        let read_at = db.catalog_version().await.unwrap().to_string();
        assert!(page.body.contains(&format!("name=\"read_at\" value=\"{read_at}\"")), "the form carries the version it was read at");

        let bad = [("read_at", read_at.as_str()), ("code", "Culture Dept"), ("name.ru", "Министерство культуры"), ("name.en", ""), ("email", "nobody")];
        let got = operator.post(&format!("{}/admin/catalog/department/new", p.url), &bad).await;
        assert_eq!((got.status, got.location.as_deref()), (303, Some("/admin/catalog/department/new")));
        let again = operator.get(&format!("{}/admin/catalog/department/new", p.url)).await;
        assert!(again.body.contains("Министерство культуры"), "the typed values come back");
        assert!(again.body.contains("Найдено 3 ошибки"), "{}", again.body);
        assert!(again.body.contains("Код: от 1 до 64 символов") && again.body.contains("Заполните это поле.") && again.body.contains("info@example.ru"));
        assert!(db.catalog(domain::localized::Lang::parse("ru").unwrap()).await.unwrap().department_page("culture").await.unwrap().is_none());

        let good = [
            ("read_at", read_at.as_str()),
            ("code", "arkhiv"),
            ("name.ru", "Архивное управление края"),
            ("name.en", "Regional Archives"),
            ("email", "arkhiv@example.ru"),
        ];
        let got = operator.post(&format!("{}/admin/catalog/department/new", p.url), &good).await;
        let why = operator.get(&format!("{}/admin/catalog/department/new", p.url)).await.body;
        let why = why.split("error-summary").nth(1).unwrap_or_default().split("</ul>").next().unwrap_or_default().to_owned();
        assert_eq!(got.location.as_deref(), Some("/admin/catalog/department/arkhiv?saved=1"), "{why}");
        let public = Browser::new().get(&format!("{}/departments/arkhiv", p.url)).await;
        assert_eq!(public.status, 200);
        assert!(public.body.contains("Архивное управление края") && public.body.contains("arkhiv@example.ru"));
        let fresh = operator.get(&format!("{}/admin/catalog/department/new", p.url)).await;
        assert!(!fresh.body.contains("Архивное управление края"), "the draft is gone once saved");

        // The same old version again: someone changed the catalog meanwhile.
        let stale =
            operator.post(&format!("{}/admin/catalog/category/social", p.url), &[("read_at", read_at.as_str()), ("title.ru", "Х"), ("title.en", "X")]).await;
        assert_eq!(stale.location.as_deref(), Some("/admin/catalog/category/social?problem=conflict"));
        let notice = operator.get(&format!("{}/admin/catalog/category/social?problem=conflict", p.url)).await;
        assert!(notice.body.contains("каталог изменил кто-то другой"));

        // A blank without a title is refused; the service's own form is untouched by it.
        let page = format!("{}/admin/catalog/service/hunting-permit", p.url);
        let version = db.catalog_version().await.unwrap().to_string();
        let got = operator
            .post_multipart(
                &format!("{page}/blanks"),
                &[("read_at", &version), ("title.ru", ""), ("title.en", "Form")],
                &[("file", "form.pdf", b"%PDF-1.4 x".to_vec())],
            )
            .await;
        assert_eq!(got.location.as_deref(), Some("/admin/catalog/service/hunting-permit?problem=blank#blanks-heading"));
        let form = operator.get(&format!("{page}?problem=blank")).await;
        assert!(form.body.contains("Бланк не загружен") && form.body.contains("Выдача разрешений на добычу охотничьих ресурсов"), "{}", form.body.len());

        let unreadable = operator.post(&format!("{}/admin/catalog/service/hunting-permit/publish", p.url), &[("read_at", "soon")]).await;
        assert_eq!(unreadable.status, 400, "a form that cannot be read is a localized 400, not a 500");
        let audit = db.audit_records(Some("catalog_changed"), 10).await.unwrap();
        assert_eq!(audit.len(), 1, "one change, one record");
    })
    .await;
}

#[tokio::test]
async fn the_downloaded_region_pack_imports_into_an_empty_portal_as_the_same_catalog() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let (status, zipped, disposition) = operator.get_bytes(&format!("{}/admin/region-pack.zip", p.url)).await;
        assert_eq!(status, 200);
        assert!(disposition.unwrap_or_default().contains("region-demo.zip"));
        let dir = tempfile::tempdir().unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zipped)).unwrap();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let path = dir.path().join(file.enclosed_name().expect("paths inside the folder"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let other = if t.url.starts_with("sqlite") { TestDb::sqlite().await } else { TestDb::postgres().await };
        let files = tempfile::tempdir().unwrap();
        let store = backend::FileStore::local(files.path()).unwrap();
        backend::region_pack::import(&other.db, &store, dir.path()).await.unwrap();
        assert_eq!(public_catalog(&other.db).await, public_catalog(&p.state.portal.db).await);
        other.cleanup().await;
    })
    .await;
}

#[tokio::test]
async fn anonymous_catalog_pages_come_from_the_cache_with_a_fresh_nonce_until_the_catalog_changes() {
    on_both(async |t| {
        let (p, _sim) = portal_with_sim(t).await;
        let passport = format!("{}/services/hunting-permit", p.url);
        let nonce_of = |html: &str| html.split("nonce=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
        let first = Browser::new().get(&passport).await;
        let second = Browser::new().get(&passport).await;
        assert_eq!((first.status, second.status), (200, 200));
        assert_eq!((first.page_cache.as_deref(), second.page_cache.as_deref()), (Some("miss"), Some("hit")));
        let (n1, n2) = (nonce_of(&first.body), nonce_of(&second.body));
        assert_ne!(n1, n2, "every answer has its own nonce");
        assert!(!second.body.contains(&n1), "no trace of the nonce the page was rendered with");
        assert_eq!(first.body.replace(&n1, "N"), second.body.replace(&n2, "N"), "the same page");

        // Language and display mode are parts of the key.
        let mut english = Browser::new();
        english.cookies.insert("lang".into(), "en".into());
        assert!(english.get(&passport).await.body.contains("<html lang=\"en\""));
        assert!(Browser::new().get(&passport).await.body.contains("<html lang=\"ru\""));

        // A logged-in person gets their own page (their name in the header), never a cached one.
        let mut operator = staff(&p, "operator", "678-901-234 38", Role::Operator, None).await;
        let own = operator.get(&passport).await;
        assert_eq!(own.page_cache, None, "not a cacheable request");
        assert!(own.body.contains("action=\"/auth/logout\""), "the operator's own header");
        assert_ne!(own.body.replace(&nonce_of(&own.body), "N"), first.body.replace(&n1, "N"));

        // Unpublished by the operator: citizens stop seeing it once the new catalog version is
        // read (it is trusted for a second).
        let list = format!("{}/services", p.url);
        Browser::new().get(&list).await;
        let cached_list = Browser::new().get(&list).await;
        assert_eq!(cached_list.page_cache.as_deref(), Some("hit"));
        assert!(cached_list.body.contains("/services/hunting-permit"));
        let version = p.state.portal.db.catalog_version().await.unwrap().to_string();
        let got = operator.post(&format!("{}/admin/catalog/service/hunting-permit/publish", p.url), &[("read_at", &version), ("published", "false")]).await;
        assert_eq!(got.status, 303);
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        assert_eq!(Browser::new().get(&passport).await.status, 404);
        let new_list = Browser::new().get(&list).await;
        assert_eq!(new_list.page_cache.as_deref(), Some("miss"), "the whole cache went with the version");
        assert!(!new_list.body.contains("/services/hunting-permit"));
    })
    .await;
}
