//! The operator's catalog editor and the region pack export, on SQLite and PostgreSQL.

use std::collections::BTreeMap;
use std::path::Path;

use backend::catalog_editor::{self, Actor, BrandingChange, Entry, EntryKind, Refusal};
use backend::region_pack::{self, stored};
use backend::testing::{count_rows, demo_pack, on_both, public_catalog, TestDb, TestPortal};
use backend::{Error, Portal};
use domain::localized::Lang;

/// The portal's clock; the audit trail records this time.
const NOW: i64 = 1_795_417_200_000;

fn ru() -> Lang {
    Lang::parse("ru").unwrap()
}

/// Who the operator is on the federal side.
fn operator_profile() -> domain::identity::Profile {
    domain::identity::Profile {
        family_name: "Операторова".into(),
        given_name: "Анна".into(),
        middle_name: None,
        snils: None,
        birthdate: None,
        email: None,
        phone: None,
        assurance: domain::identity::AssuranceLevel::Confirmed,
    }
}

/// The operator making the changes (person 1 of a fresh database).
fn actor() -> Actor {
    Actor { person_id: 1, request_id: Some("req-1".into()) }
}

/// Every file of a pack folder, path → bytes.
fn folder(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

async fn demo(t: &TestDb) -> TestPortal {
    let p = t.portal(NOW);
    region_pack::import(&p.db, &p.files, &demo_pack()).await.unwrap();
    let profile = operator_profile();
    assert_eq!(p.db.upsert_person("operator", &profile, 0).await.unwrap(), actor().person_id);
    p
}

async fn read_at(p: &Portal) -> i64 {
    stored(&p.db, &p.files).await.unwrap().unwrap().version
}

#[tokio::test]
async fn an_exported_pack_imported_into_an_empty_portal_reproduces_the_catalog() {
    on_both(async |t| {
        let p = &demo(t).await;
        // Edited in the browser first, so the export carries more than the original pack.
        let at = read_at(p).await;
        catalog_editor::apply(p, at, &actor(), |p| catalog_editor::set_published(p, EntryKind::Service, "hunting-permit", false)).await.unwrap().unwrap();
        let out = tempfile::tempdir().unwrap();
        let written = region_pack::export(&p.db, &p.files, out.path()).await.unwrap();
        assert!(written > 40, "region.toml, catalog.yaml, coat of arms, blanks, forms: {written}");
        assert!(!out.path().join("blanks/hunting-permit.odt").exists(), "an unpublished service is not exported");

        let other = if t.url.starts_with("sqlite") { TestDb::sqlite().await } else { TestDb::postgres().await };
        let p2 = other.portal(NOW);
        region_pack::import(&p2.db, &p2.files, out.path()).await.unwrap();
        assert_eq!(public_catalog(&other.db).await, public_catalog(&t.db).await);
        let again = tempfile::tempdir().unwrap();
        region_pack::export(&p2.db, &p2.files, again.path()).await.unwrap();
        assert_eq!(folder(again.path()), folder(out.path()), "the second export is the same, byte for byte");

        let refused = region_pack::export(&p.db, &p.files, out.path()).await;
        assert!(matches!(refused, Err(Error::Export(_))), "a folder that is not empty is never overwritten");
        other.cleanup().await;
    })
    .await;
}

#[tokio::test]
async fn an_edited_service_title_reaches_the_passport_and_the_audit_trail_holds_before_and_after() {
    on_both(async |t| {
        let p = &demo(t).await;
        let pack = stored(&p.db, &p.files).await.unwrap().unwrap();
        let Some(Entry::Service(mut service)) = catalog_editor::find(&pack.loaded.pack.catalog, EntryKind::Service, "kindergarten-enrolment") else {
            panic!("the demo has the kindergarten service")
        };
        let old_title = service.title.0[&ru()].clone();
        service.title.0.insert(ru(), "Запись ребёнка в детский сад (новое)".into());
        service.blanks.clear(); // the editor keeps blanks whatever the form sends
        catalog_editor::apply(p, pack.version, &actor(), |p| catalog_editor::update(p, Entry::Service(service))).await.unwrap().unwrap();
        let catalog = t.db.catalog(ru()).await.unwrap();
        let passport = catalog.passport("kindergarten-enrolment").await.unwrap().unwrap();
        assert_eq!(passport.title, "Запись ребёнка в детский сад (новое)");
        assert!(!passport.blanks.is_empty(), "its blanks stay");
        assert!(t.db.service_form("kindergarten-enrolment").await.unwrap().is_some(), "its online form stays");

        let audit = t.db.audit_records(Some("catalog_changed"), 5).await.unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!((audit[0].actor_id, audit[0].subject.as_deref()), (Some(1), Some("service:kindergarten-enrolment")));
        let details: serde_json::Value = serde_json::from_str(&audit[0].details).unwrap();
        assert_eq!(details["before"]["title"]["ru"], old_title.as_str());
        assert_eq!(details["after"]["title"]["ru"], "Запись ребёнка в детский сад (новое)");
        assert_eq!(read_at(p).await, pack.version + 1, "the catalog version moves on, so every server's cache renews");
    })
    .await;
}

#[tokio::test]
async fn a_change_made_from_a_stale_page_or_breaking_a_rule_writes_nothing() {
    on_both(async |t| {
        let p = &demo(t).await;
        let at = read_at(p).await;
        let before = public_catalog(&t.db).await;
        let audit = count_rows(&t.db, "audit_log").await;

        let stale = catalog_editor::apply(p, at - 1, &actor(), |p| catalog_editor::set_published(p, EntryKind::Service, "hunting-permit", false)).await;
        assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");

        let in_use = catalog_editor::apply(p, at, &actor(), |p| catalog_editor::set_published(p, EntryKind::Department, "minobr", false)).await;
        let Ok(Err(Refusal::InUse(services))) = in_use else { panic!("{in_use:?}") };
        assert!(services.contains(&"kindergarten-enrolment".to_owned()));

        let pack = stored(&p.db, &p.files).await.unwrap().unwrap();
        let Some(Entry::Department(mut department)) = catalog_editor::find(&pack.loaded.pack.catalog, EntryKind::Department, "minobr") else { panic!() };
        department.name.0.remove(&Lang::parse("en").unwrap());
        let broken = catalog_editor::apply(p, at, &actor(), |p| catalog_editor::update(p, Entry::Department(department))).await;
        let Err(Error::Pack(problems)) = broken else { panic!("{broken:?}") };
        assert!(problems.iter().any(|p| p.path.ends_with(".name") && p.problem.contains("\"en\"")), "{problems:?}");

        let taken = catalog_editor::apply(p, at, &actor(), |p| {
            let first = p.loaded.pack.catalog.categories[0].clone();
            catalog_editor::create(p, Entry::Category(first))
        })
        .await;
        assert!(matches!(taken, Ok(Err(Refusal::CodeTaken))), "{taken:?}");

        assert_eq!(public_catalog(&t.db).await, before, "nothing changed");
        assert_eq!(count_rows(&t.db, "audit_log").await, audit, "nothing recorded");
        assert_eq!(read_at(p).await, at);
    })
    .await;
}

#[tokio::test]
async fn unpublished_entries_leave_the_public_catalog_and_come_back() {
    on_both(async |t| {
        let p = &demo(t).await;
        let hide = |published| async move {
            let at = read_at(p).await;
            catalog_editor::apply(p, at, &actor(), |p| catalog_editor::set_published(p, EntryKind::Service, "hunting-permit", published))
                .await
                .unwrap()
                .unwrap();
        };
        hide(false).await;
        let catalog = t.db.catalog(ru()).await.unwrap();
        assert!(catalog.passport("hunting-permit").await.unwrap().is_none());
        let pack = stored(&p.db, &p.files).await.unwrap().unwrap();
        assert!(pack.unpublished.services.iter().any(|s| s.code == "hunting-permit"));
        hide(true).await;
        let passport = catalog.passport("hunting-permit").await.unwrap().expect("published again");
        assert!(!passport.blanks.is_empty(), "with its blanks");
    })
    .await;
}

#[tokio::test]
async fn a_published_form_is_a_new_version_for_new_applications_only() {
    on_both(async |t| {
        let p = &demo(t).await;
        let (version, mut schema) = t.db.service_form("kindergarten-enrolment").await.unwrap().unwrap();
        schema.steps[0].title.0.insert(ru(), "Сведения о ребёнке (уточнено)".into());
        let at = read_at(p).await;
        catalog_editor::apply(p, at, &actor(), |p| catalog_editor::publish_form(p, "kindergarten-enrolment", schema.clone())).await.unwrap().unwrap();
        let (new_version, current) = t.db.service_form("kindergarten-enrolment").await.unwrap().unwrap();
        assert_eq!((new_version, current), (version + 1, schema));
        let old = t.db.form_version("kindergarten-enrolment", version).await.unwrap().unwrap();
        assert_ne!(old.steps[0].title.0[&ru()], "Сведения о ребёнке (уточнено)", "the old version is kept for applications filed with it");
    })
    .await;
}

#[tokio::test]
async fn an_uploaded_blank_is_stored_listed_and_replaced_by_name() {
    on_both(async |t| {
        let p = &demo(t).await;
        let upload = |bytes: &'static [u8]| async move {
            let (sha256, size) = catalog_editor::store_blank(&p.files, bytes::Bytes::from_static(bytes)).await.unwrap();
            let file_type = backend::region_pack::FileType { mime: "application/pdf", extension: "pdf" };
            let title = serde_json::from_str(r#"{"ru": "Заявление", "en": "Application"}"#).unwrap();
            let blank = catalog_editor::UploadedBlank { file_name: "zayavlenie.pdf".into(), title, file_type, sha256, size };
            let at = read_at(p).await;
            catalog_editor::apply(p, at, &actor(), |p| catalog_editor::put_blank(p, "hunting-permit", blank)).await.unwrap().unwrap();
        };
        upload(b"%PDF-1.4 first").await;
        upload(b"%PDF-1.4 second version").await;
        let catalog = t.db.catalog(ru()).await.unwrap();
        let passport = catalog.passport("hunting-permit").await.unwrap().unwrap();
        let ours: Vec<_> = passport.blanks.iter().filter(|b| b.title == "Заявление").collect();
        assert_eq!(ours.len(), 1, "replaced, not added twice: {:?}", passport.blanks);
        let blank = t.db.blank_file("hunting-permit", "zayavlenie.pdf").await.unwrap().unwrap();
        assert_eq!(p.files.get(&blank.key).await.unwrap().unwrap().as_ref(), b"%PDF-1.4 second version");
    })
    .await;
}

#[tokio::test]
async fn branding_changes_apply_and_a_colour_white_text_cannot_be_read_on_is_refused() {
    on_both(async |t| {
        let p = &demo(t).await;
        let pack = stored(&p.db, &p.files).await.unwrap().unwrap();
        let m = pack.loaded.pack.manifest.clone();
        let change = |primary: &str| BrandingChange {
            name: m.name.clone(),
            colours: domain::region::Colours { primary: primary.into(), accent: m.colours.accent.clone() },
            contacts: m.contacts.clone(),
            footer_links: vec![domain::region::FooterLink {
                title: serde_json::from_str(r#"{"ru": "Правительство края", "en": "Regional government"}"#).unwrap(),
                url: "https://example.ru".into(),
            }],
            coat_of_arms: None,
        };
        let pale = catalog_editor::apply(p, pack.version, &actor(), |p| catalog_editor::rebrand(p, change("#ffee00"))).await;
        assert!(matches!(&pale, Err(Error::Pack(p)) if p[0].path == "colours.primary"), "{pale:?}");
        catalog_editor::apply(p, pack.version, &actor(), |p| catalog_editor::rebrand(p, change("#7a1f3d"))).await.unwrap().unwrap();
        let branding = t.db.region().await.unwrap().unwrap().branding(&ru());
        assert_eq!(branding.primary, "#7a1f3d");
        assert_eq!(branding.footer_links, vec![("Правительство края".to_owned(), "https://example.ru".to_owned())]);
        assert!(branding.coat_of_arms_url.is_some(), "the coat of arms stays");
        let audit = t.db.audit_records(Some("branding_changed"), 5).await.unwrap();
        assert_eq!(audit.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_fresh_region_is_set_up_from_the_empty_pack_with_the_editor_alone() {
    on_both(async |t| {
        let p = &t.portal(NOW);
        region_pack::import(&p.db, &p.files, &demo_pack().parent().unwrap().join("empty")).await.unwrap();
        let profile = operator_profile();
        t.db.upsert_person("operator", &profile, 0).await.unwrap();
        let text = |ru: &str, en: &str| serde_json::json!({ "ru": ru, "en": en });
        let entries = [
            Entry::Department(serde_json::from_value(serde_json::json!({ "code": "minsoc", "name": text("Минсоц", "Social ministry") })).unwrap()),
            Entry::Category(serde_json::from_value(serde_json::json!({ "code": "social", "title": text("Социальная защита", "Social support") })).unwrap()),
            Entry::Service(
                serde_json::from_value(serde_json::json!({
                    "code": "allowance", "title": text("Пособие", "Allowance"), "summary": text("Кратко", "Short"),
                    "category": "social", "department": "minsoc", "applicants": text("Граждане", "Citizens"),
                    "fee": text("Бесплатно", "Free"), "term_days": 10, "result": text("Решение", "Decision"), "stage": 1
                }))
                .unwrap(),
            ),
        ];
        for entry in entries {
            let at = read_at(p).await;
            catalog_editor::apply(p, at, &actor(), |p| catalog_editor::create(p, entry)).await.unwrap().unwrap();
        }
        let passport = t.db.catalog(ru()).await.unwrap().passport("allowance").await.unwrap().expect("published");
        assert_eq!(passport.title, "Пособие");
        assert_eq!(passport.department.name, "Минсоц");
    })
    .await;
}
