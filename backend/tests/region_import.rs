//! Region pack import and catalog reading, on SQLite and PostgreSQL.

use std::path::Path;

use backend::region_pack::{self, ImportReport};
use backend::testing::{demo_pack, edited_demo_pack, on_both, TestDb};
use backend::{Error, FileStore};
use domain::catalog::CatalogFilter;
use domain::localized::Lang;

fn edited_pack(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    edited_demo_pack(edit)
}

/// 1-based line of the first occurrence of `needle` in the demo catalog after `edit`.
fn line_of(edit: impl Fn(String) -> String, needle: &str) -> usize {
    let text = edit(std::fs::read_to_string(demo_pack().join("catalog.yaml")).unwrap());
    text[..text.find(needle).expect("needle in catalog")].matches('\n').count() + 1
}

/// A minimal but complete service entry appended to the catalog.
const FISHING: &str = "  - code: fishing-licence
    title: { ru: \"Разрешение на любительское рыболовство\", en: \"Recreational fishing licence\" }
    summary: { ru: \"Любительское рыболовство на озёрах края.\", en: \"Recreational fishing on the region's lakes.\" }
    category: transport
    department: mintrans
    applicants: { ru: \"Граждане\", en: \"Citizens\" }
    fee: { ru: \"Бесплатно\", en: \"Free of charge\" }
    term_days: 5
    result: { ru: \"Разрешение\", en: \"Licence\" }
    stage: 1
";

/// A file store in a fresh folder (kept alive by the returned guard).
fn file_store() -> (tempfile::TempDir, FileStore) {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::local(dir.path()).unwrap();
    (dir, files)
}

fn ru() -> Lang {
    Lang::parse("ru").unwrap()
}

async fn import(t: &TestDb, files: &FileStore, dir: &Path) -> backend::Result<ImportReport> {
    region_pack::import(&t.db, files, dir).await
}

#[tokio::test]
async fn importing_the_demo_pack_twice_changes_nothing_the_second_time() {
    on_both(async |t| {
        let (_dir, files) = file_store();
        let first = import(t, &files, &demo_pack()).await.unwrap();
        assert_eq!(first.updated + first.unchanged + first.unpublished, 0);
        assert!(first.added > 20, "{first:?}");
        let second = import(t, &files, &demo_pack()).await.unwrap();
        assert_eq!(second, ImportReport { unchanged: first.added, ..ImportReport::default() });
        assert!(region_pack::is_imported(&t.db).await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn catalog_reads_back_in_each_language_with_counts_and_filters() {
    on_both(async |t| {
        let (_dir, files) = file_store();
        import(t, &files, &demo_pack()).await.unwrap();

        let region = t.db.region().await.unwrap().unwrap();
        let branding = region.branding(&ru());
        assert_eq!(branding.name, "Приозёрский край");
        assert_eq!(branding.primary, "#1f4e8c");
        assert_eq!(branding.coat_of_arms_url.as_deref(), Some("/branding/coat-of-arms"));
        assert_eq!(region.branding(&Lang::parse("en").unwrap()).name, "Priozyorsky Krai");
        assert_eq!(region.branding(&Lang::parse("de").unwrap()).name, "Приозёрский край", "falls back to the region default");

        let ru = t.db.catalog(ru()).await.unwrap();

        let categories = ru.categories().await.unwrap();
        assert_eq!(categories[0].code, "family");
        assert_eq!(categories[0].title, "Семья и дети");
        assert_eq!(categories[0].services, 4);

        let family = ru.services(&CatalogFilter { category: Some("family".into()), ..CatalogFilter::default() }).await.unwrap();
        assert_eq!(family.len(), 4);
        assert_eq!(family[1].code, "birth-registration");
        assert_eq!(family[1].department, "Агентство ЗАГС Приозёрского края");

        let priority = ru.priority_services().await.unwrap();
        assert!(priority.iter().all(|s| s.priority) && priority.len() == 17);
        assert_eq!(ru.service("taxi-permit").await.unwrap().unwrap().stage.number(), 3);
        assert!(ru.service("no-such-service").await.unwrap().is_none());

        let (key, kind) = t.db.coat_of_arms().await.unwrap().unwrap();
        assert_eq!(kind, "image/svg+xml");
        assert!(files.get(&key).await.unwrap().unwrap().starts_with(b"<svg"));
    })
    .await;
}

#[tokio::test]
async fn an_edited_pack_updates_changes_adds_new_and_unpublishes_vanished() {
    on_both(async |t| {
        let (_dir, files) = file_store();
        import(t, &files, &demo_pack()).await.unwrap();
        let before = t.db.catalog(ru()).await.unwrap().services(&CatalogFilter::default()).await.unwrap().len();

        let edited = edited_pack(|c| {
            let c = c.replace("Запись на приём к врачу", "Запись к врачу");
            // The disabled parking permit vanishes from the pack; a fishing licence is added.
            let start = c.find("  - code: disabled-parking-permit").unwrap();
            let end = c[start + 4..].find("  - code: ").map_or(c.len(), |i| start + 4 + i);
            format!("{}{}{FISHING}", &c[..start], &c[end..])
        });
        let report = import(t, &files, edited.path()).await.unwrap();
        assert_eq!((report.added, report.updated, report.unpublished), (1, 1, 1), "{report:?}");

        let ru = t.db.catalog(ru()).await.unwrap();
        assert_eq!(ru.service("doctor-appointment").await.unwrap().unwrap().title, "Запись к врачу");
        assert!(ru.service("disabled-parking-permit").await.unwrap().is_none(), "unpublished services are hidden");
        assert!(ru.service("fishing-licence").await.unwrap().is_some());
        assert_eq!(ru.services(&CatalogFilter::default()).await.unwrap().len(), before);

        // Bringing the service back publishes it again.
        let again = import(t, &files, &demo_pack()).await.unwrap();
        assert_eq!((again.added, again.updated, again.unpublished), (0, 2, 1), "{again:?}");
        assert!(ru.service("disabled-parking-permit").await.unwrap().is_some());
    })
    .await;
}

#[tokio::test]
async fn an_invalid_pack_is_refused_whole_with_file_line_and_field_and_writes_nothing() {
    on_both(async |t| {
        let (files_dir, files) = file_store();
        let refused = async |edit: &dyn Fn(String) -> String| {
            let pack = edited_pack(edit);
            let Err(Error::Pack(problems)) = import(t, &files, pack.path()).await else { panic!("must be refused") };
            problems.iter().map(ToString::to_string).collect::<Vec<_>>()
        };

        let edit = |c: String| c.replacen("department: minsoc", "department: nowhere", 1);
        let line = line_of(edit, "department: nowhere");
        assert_eq!(refused(&edit).await, [format!("catalog.yaml:{line} services[0].department: unknown department \"nowhere\"")]);

        let edit = |c: String| c.replacen("stage: 3", "stage: 7", 1);
        let line = line_of(edit, "stage: 7");
        assert_eq!(refused(&edit).await, [format!("catalog.yaml:{line} services[0].stage: electronic stage must be 1 to 5, not 7")]);

        let edit = |c: String| c.replacen("term_days: ", "term_days: -", 1);
        assert!(refused(&edit).await[0].contains("services[0].term_days: invalid type: integer `-"), "{:?}", refused(&edit).await);

        let edit = |c: String| c.replacen("    applicants:", "    applicant:", 1);
        assert!(refused(&edit).await[0].contains("unknown field `applicant`"), "{:?}", refused(&edit).await);

        let edit = |c: String| c.replacen("life_situations: [birth-of-child", "life_situations: [birth-of-twins", 1);
        let problems = refused(&edit).await;
        assert!(problems[0].ends_with("services[0].life_situations[0]: unknown life situation \"birth-of-twins\""), "{problems:?}");

        let edit = |c: String| c.replacen("file: blanks/child-birth-allowance.odt", "file: blanks/missing.odt", 1);
        let problems = refused(&edit).await;
        assert!(problems[0].contains("services[0].blanks[0].file: cannot read \"blanks/missing.odt\""), "{problems:?}");

        let edit = |c: String| c + "\n  - code: [unclosed\n";
        let problems = refused(&edit).await;
        assert!(problems[0].starts_with("catalog.yaml:") && problems[0].contains(".code: invalid type: sequence, expected a string"), "{problems:?}");

        assert!(!region_pack::is_imported(&t.db).await.unwrap());
        assert!(std::fs::read_dir(files_dir.path()).unwrap().next().is_none(), "no file written");
    })
    .await;
}

#[tokio::test]
async fn blank_forms_are_checked_by_content() {
    on_both(async |t| {
        let (_dir, files) = file_store();
        let pack = edited_pack(|c| c);
        std::fs::write(pack.path().join("blanks/child-birth-allowance.odt"), "MZ this is not a document").unwrap();
        let Err(Error::Pack(problems)) = import(t, &files, pack.path()).await else { panic!("must be refused") };
        assert!(problems[0].to_string().contains("\"blanks/child-birth-allowance.odt\" is not a PDF, ODT"), "{problems:?}");

        let pack = edited_pack(|c| c.replacen("file: blanks/child-birth-allowance.odt", "file: blanks/child-birth-allowance.pdf", 1));
        std::fs::rename(pack.path().join("blanks/child-birth-allowance.odt"), pack.path().join("blanks/child-birth-allowance.pdf")).unwrap();
        let Err(Error::Pack(problems)) = import(t, &files, pack.path()).await else { panic!("must be refused") };
        assert!(problems[0].to_string().contains("is a ODT document; name it .odt"), "{problems:?}");
    })
    .await;
}

#[tokio::test]
async fn stages_the_pack_does_not_back_are_warnings_not_errors() {
    on_both(async |t| {
        let (_dir, files) = file_store();
        let pack = edited_pack(|c| {
            let start = c.find("  - code: child-birth-allowance").unwrap();
            let online = start + c[start..].find("    online_form: child-birth-allowance\n").unwrap();
            format!("{}{}", &c[..online], &c[online + "    online_form: child-birth-allowance\n".len()..])
        });
        let (report, warnings) = region_pack::import_with_progress(&t.db, &files, pack.path(), &region_pack::Quiet).await.unwrap();
        assert!(report.added > 40);
        let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert!(warnings[0].ends_with("services[0].stage: stage 3 claims online applications, but the service has no online_form"), "{warnings:?}");
        assert!(
            warnings[1..].iter().all(|w| w.contains(".online_form: forms/") && w.ends_with(".json is not in the pack yet: applying online is not offered")),
            "{warnings:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn online_forms_are_checked_on_import_and_versioned_when_they_change() {
    on_both(async |t| {
        let (_dir, files) = file_store();
        import(t, &files, &demo_pack()).await.unwrap();
        let (version, schema) = t.db.service_form("kindergarten-enrolment").await.unwrap().unwrap();
        assert_eq!(version, 1);
        assert!(schema.field("children").is_some());
        import(t, &files, &demo_pack()).await.unwrap();
        assert_eq!(t.db.service_form("kindergarten-enrolment").await.unwrap().unwrap().0, 1, "unchanged: same version");

        let changed = backend::testing::edited_demo_pack(|c| c);
        let form = changed.path().join("forms/kindergarten-enrolment.json");
        let text = std::fs::read_to_string(&form).unwrap();
        std::fs::write(&form, text.replacen("\"max_items\": 5", "\"max_items\": 6", 1)).unwrap();
        let report = import(t, &files, changed.path()).await.unwrap();
        assert_eq!(report.updated, 1, "{report:?}");
        let (version, schema) = t.db.service_form("kindergarten-enrolment").await.unwrap().unwrap();
        assert_eq!((version, schema.field("children").unwrap().max_items), (2, Some(6)));
        assert_eq!(
            t.db.form_version("kindergarten-enrolment", 1).await.unwrap().unwrap().field("children").unwrap().max_items,
            Some(5),
            "old versions stay readable"
        );

        let broken = backend::testing::edited_demo_pack(|c| c);
        let form = broken.path().join("forms/hunting-permit.json");
        let text = std::fs::read_to_string(&form).unwrap();
        std::fs::write(&form, text.replacen("\"type\": \"date\"", "\"type\": \"date\", \"max_length\": 3", 1)).unwrap();
        let Err(backend::Error::Pack(problems)) = import(t, &files, broken.path()).await else { panic!("a broken form is refused") };
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("forms/hunting-permit.json steps[") && problems[0].ends_with(".max_length: does not apply to a date field"),
            "{problems:?}"
        );
        std::fs::write(&form, "{\"steps\": [ {\"id\": \"s\", \"title\": 5 } ]}").unwrap();
        let Err(backend::Error::Pack(problems)) = import(t, &files, broken.path()).await else { panic!("bad JSON is refused") };
        assert_eq!(problems[0].to_string(), "forms/hunting-permit.json:1 steps[0].title: invalid type: integer `5`, expected a map");
    })
    .await;
}

#[tokio::test]
async fn passports_departments_life_situations_and_filters_read_back() {
    on_both(async |t| {
        let (_dir, files) = file_store();
        import(t, &files, &demo_pack()).await.unwrap();
        let ru = t.db.catalog(ru()).await.unwrap();

        let p = ru.passport("child-birth-allowance").await.unwrap().unwrap();
        assert_eq!(p.department.code, "minsoc");
        assert!(p.department.phone.is_some() && p.department.address.is_some());
        assert!(p.life_situations.iter().any(|l| l.code == "birth-of-child"));
        assert!(!p.documents.is_empty() && p.term_days > 0 && !p.fee.is_empty() && !p.legal_basis.is_empty());
        assert!(p.online, "the pack provides its online form");
        let no_form = ru.passport("marriage-registration").await.unwrap().unwrap();
        assert!(!no_form.online, "the pack names an online form but has no forms/marriage-registration.json yet");
        assert_eq!(p.blanks.len(), 1);
        assert_eq!(p.blanks[0].format, "ODT");
        assert_eq!(p.blanks[0].url, "/files/blanks/child-birth-allowance/child-birth-allowance.odt");
        let on_disk = std::fs::metadata(demo_pack().join("blanks/child-birth-allowance.odt")).unwrap().len();
        assert_eq!(p.blanks[0].size, on_disk);
        assert!(ru.passport("no-such-service").await.unwrap().is_none());

        let blank = t.db.blank_file("child-birth-allowance", "child-birth-allowance.odt").await.unwrap().unwrap();
        assert_eq!(blank.content_type, "application/vnd.oasis.opendocument.text");
        assert_eq!(files.get(&blank.key).await.unwrap().unwrap().len() as u64, on_disk);
        assert!(t.db.blank_file("child-birth-allowance", "other.odt").await.unwrap().is_none());

        let department = ru.department_page("zags").await.unwrap().unwrap();
        assert!(department.services.iter().any(|s| s.code == "birth-registration"));
        assert!(department.services.iter().all(|s| s.department == department.department.name));
        let situation = ru.life_situation_page("birth-of-child").await.unwrap().unwrap();
        assert!(situation.services.iter().any(|s| s.code == "child-birth-allowance"));
        assert!(ru.department_page("nowhere").await.unwrap().is_none());

        let options = ru.filter_options().await.unwrap();
        assert!(options.departments.len() >= 8 && options.life_situations.len() >= 8 && !options.municipalities.is_empty());
        let all = ru.services(&CatalogFilter::default()).await.unwrap();
        assert!(all.len() >= 44);
        for stage in 1..=5u8 {
            let filter = CatalogFilter { stage: Some(domain::stage::Stage::try_from(stage).unwrap()), ..CatalogFilter::default() };
            let found = ru.services(&filter).await.unwrap();
            assert!(!found.is_empty() && found.iter().all(|s| s.stage.number() == stage), "stage {stage}");
        }
        let by_department = CatalogFilter { department: Some("zags".into()), ..CatalogFilter::default() };
        assert_eq!(ru.services(&by_department).await.unwrap(), department.services);
        let by_situation = CatalogFilter { life_situation: Some("birth-of-child".into()), ..CatalogFilter::default() };
        assert_eq!(ru.services(&by_situation).await.unwrap(), situation.services);
        // A municipality sees the region-wide services plus its own.
        let municipality = options.municipalities[0].code.clone();
        let local = ru.services(&CatalogFilter { municipality: Some(municipality), ..CatalogFilter::default() }).await.unwrap();
        assert!(!local.is_empty() && local.len() <= all.len());
        let none = CatalogFilter { category: Some("family".into()), department: Some("mintrans".into()), ..CatalogFilter::default() };
        assert!(ru.services(&none).await.unwrap().is_empty(), "filters combine");
    })
    .await;
}

#[tokio::test]
async fn every_pack_the_fuzzer_kept_is_read_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions/region_pack");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    for input in inputs {
        backend::testing::load_pack_bytes(&std::fs::read(&input).unwrap()).await;
    }
}
