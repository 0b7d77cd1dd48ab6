//! Catalog search over the database, on SQLite and PostgreSQL: same results on both, and the
//! index follows re-imports.

use backend::cache::CatalogCache;
use backend::search::SearchCache;
use backend::testing::{demo_pack, edited_demo_pack, on_both};
use backend::FileStore;
use domain::localized::Lang;

fn codes(page: &domain::catalog::SearchPage) -> Vec<&str> {
    page.results.iter().map(|r| r.service.code.as_str()).collect()
}

#[tokio::test]
async fn search_finds_word_forms_in_both_languages_and_follows_reimports() {
    on_both(async |t| {
        let dir = tempfile::tempdir().unwrap();
        let files = FileStore::local(dir.path()).unwrap();
        backend::region_pack::import(&t.db, &files, &demo_pack()).await.unwrap();
        let cache = SearchCache::new(CatalogCache::with_ttl(std::time::Duration::ZERO));
        let ru = Lang::parse("ru").unwrap();
        let en = Lang::parse("en").unwrap();

        let found = cache.search(&t.db, ru.clone(), "паспорта ", 0).await.unwrap();
        assert_eq!(codes(&found), ["internal-passport", "residence-registration"], "title before category");
        let found = cache.search(&t.db, ru.clone(), "пособия ", 0).await.unwrap();
        assert_eq!(codes(&found), ["child-birth-allowance"]);
        let found = cache.search(&t.db, ru.clone(), "Ребёнка", 0).await.unwrap();
        assert_eq!(codes(&found)[0], "child-birth-allowance", "title matches rank first: {:?}", codes(&found));
        let found = cache.search(&t.db, en.clone(), "permits ", 0).await.unwrap();
        assert_eq!(codes(&found), ["construction-permit", "hunting-permit", "taxi-permit", "disabled-parking-permit"]);
        let found = cache.search(&t.db, en.clone(), "kinderg", 0).await.unwrap();
        assert_eq!(codes(&found), ["kindergarten-enrolment"]);
        assert!(cache.search(&t.db, ru.clone(), "   ", 0).await.unwrap().results.is_empty());

        // A re-import that renames a service is seen by the next search.
        let edited = edited_demo_pack(|c| c.replace("Запись на приём к врачу", "Запись к терапевту"));
        backend::region_pack::import(&t.db, &files, edited.path()).await.unwrap();
        let found = cache.search(&t.db, ru, "терапевт", 0).await.unwrap();
        assert_eq!(codes(&found), ["doctor-appointment"]);
    })
    .await;
}

#[tokio::test]
async fn results_come_in_pages() {
    on_both(async |t| {
        let dir = tempfile::tempdir().unwrap();
        let files = FileStore::local(dir.path()).unwrap();
        backend::region_pack::import(&t.db, &files, &demo_pack()).await.unwrap();
        let cache = SearchCache::default();
        let ru = Lang::parse("ru").unwrap();
        // Department names end in «Приозёрского края», so most services match.
        let first = cache.search(&t.db, ru.clone(), "приозерского ", 0).await.unwrap();
        assert!(first.total > domain::catalog::SEARCH_PAGE_SIZE, "{}", first.total);
        assert_eq!(first.results.len(), domain::catalog::SEARCH_PAGE_SIZE);
        let second = cache.search(&t.db, ru, "приозерского ", domain::catalog::SEARCH_PAGE_SIZE).await.unwrap();
        assert_eq!(second.total, first.total);
        assert_eq!(second.offset, domain::catalog::SEARCH_PAGE_SIZE);
        assert!(second.results.iter().all(|r| !codes(&first).contains(&r.service.code.as_str())), "pages do not overlap");
    })
    .await;
}
