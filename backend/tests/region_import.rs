//! Region pack import and catalog reading, on SQLite and PostgreSQL.

use std::path::{Path, PathBuf};

use backend::region_pack::{self, ImportReport};
use backend::testing::{on_both, TestDb};
use backend::{Error, FileStore};
use domain::catalog::CatalogFilter;
use domain::localized::Lang;

fn demo_pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../regions/demo")
}

/// A copy of the demo pack with `edit` applied to its catalog.
fn edited_pack(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(demo_pack()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let catalog = dir.path().join("catalog.yaml");
    std::fs::write(&catalog, edit(std::fs::read_to_string(&catalog).unwrap())).unwrap();
    dir
}

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

        let family = ru.services(&CatalogFilter { category: Some("family".into()) }).await.unwrap();
        assert_eq!(family.len(), 4);
        assert_eq!(family[1].code, "birth-registration");
        assert_eq!(family[1].department, "Агентство ЗАГС Приозёрского края");

        let priority = ru.priority_services().await.unwrap();
        assert!(priority.iter().all(|s| s.priority) && priority.len() == 14);
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
            // Remove the last service (taxi permit is kept; disabled parking vanishes).
            let cut = c.find("  - code: disabled-parking-permit").unwrap();
            let mut c = c[..cut].to_owned();
            c.push_str(
                "  - code: fishing-permit\n    title: { ru: \"Разрешение на рыбалку\", en: \"Fishing permit\" }\n    \
                 summary: { ru: \"Любительское рыболовство.\", en: \"Recreational fishing.\" }\n    \
                 category: transport\n    department: mintrans\n    stage: 1\n",
            );
            c
        });
        let report = import(t, &files, edited.path()).await.unwrap();
        assert_eq!((report.added, report.updated, report.unpublished), (1, 1, 1), "{report:?}");

        let ru = t.db.catalog(ru()).await.unwrap();
        assert_eq!(ru.service("doctor-appointment").await.unwrap().unwrap().title, "Запись к врачу");
        assert!(ru.service("disabled-parking-permit").await.unwrap().is_none(), "unpublished services are hidden");
        assert!(ru.service("fishing-permit").await.unwrap().is_some());
        assert_eq!(ru.services(&CatalogFilter::default()).await.unwrap().len(), before);

        // Bringing the service back publishes it again.
        let again = import(t, &files, &demo_pack()).await.unwrap();
        assert_eq!((again.added, again.updated, again.unpublished), (0, 2, 1), "{again:?}");
        assert!(ru.service("disabled-parking-permit").await.unwrap().is_some());
    })
    .await;
}

#[tokio::test]
async fn an_invalid_pack_is_refused_whole_and_writes_nothing() {
    on_both(async |t| {
        let (files_dir, files) = file_store();
        let broken = edited_pack(|c| c.replacen("department: minsoc", "department: nowhere", 1));
        let Err(Error::Pack(problems)) = import(t, &files, broken.path()).await else { panic!("must be refused") };
        assert_eq!(problems.iter().map(ToString::to_string).collect::<Vec<_>>(), [
            "catalog.yaml services[0].department: unknown department \"nowhere\""
        ]);
        assert!(!region_pack::is_imported(&t.db).await.unwrap());
        assert!(std::fs::read_dir(files_dir.path()).unwrap().next().is_none(), "no file written");

        let bad_stage = edited_pack(|c| c.replacen("stage: 3", "stage: 7", 1));
        let Err(Error::Pack(problems)) = import(t, &files, bad_stage.path()).await else { panic!("must be refused") };
        assert_eq!(problems[0].to_string(), "catalog.yaml:39 services[0].stage: electronic stage must be 1 to 5, not 7");

        let syntax = edited_pack(|c| c + "\n  - code: [unclosed\n");
        let Err(Error::Pack(problems)) = import(t, &files, syntax.path()).await else { panic!("must be refused") };
        assert_eq!(problems[0].to_string(), "catalog.yaml:166 services[18].code: invalid type: sequence, expected a string");
        assert!(!region_pack::is_imported(&t.db).await.unwrap());
    })
    .await;
}
