//! Catalog search for the portal: an in-memory index per language, rebuilt when an import
//! changed the catalog (`catalog_version`). The matching itself is `domain::search`.

use std::collections::HashMap;
use std::sync::Arc;

use domain::catalog::{CatalogFilter, SearchPage, SearchResult, ServiceCard, SEARCH_PAGE_SIZE};
use domain::localized::Lang;
use domain::search::{highlight, Field, Query, SearchIndex};

use crate::cache::CatalogCache;
use crate::{Db, Result};

/// Indexes of the published catalog, one per language, shared by all requests of a process.
#[derive(Clone, Debug, Default)]
pub struct SearchCache {
    cache: CatalogCache,
}

#[derive(Debug)]
struct LangIndex {
    index: SearchIndex,
    services: Vec<ServiceCard>,
}

impl SearchCache {
    /// One page (from `offset`, at most [`SEARCH_PAGE_SIZE`]) of the published services matching
    /// `text` in `lang`, best first, with highlights.
    pub async fn search(&self, db: &Db, lang: Lang, text: &str, offset: usize) -> Result<SearchPage> {
        let query = Query::parse(text);
        if query.is_empty() {
            return Ok(SearchPage::default());
        }
        let index = self.index(db, lang).await?;
        let hits = index.index.search(&query);
        let results = hits
            .iter()
            .skip(offset)
            .take(SEARCH_PAGE_SIZE)
            .map(|hit| {
                let service = index.services[hit.doc as usize].clone();
                SearchResult { title: highlight(&service.title, &query), summary: highlight(&service.summary, &query), service }
            })
            .collect();
        Ok(SearchPage { total: hits.len(), offset, results })
    }

    /// A search cache sharing `cache` (and its view of the catalog version).
    pub fn new(cache: CatalogCache) -> SearchCache {
        SearchCache { cache }
    }

    /// The index of `lang`, rebuilt first when the catalog changed since it was built.
    async fn index(&self, db: &Db, lang: Lang) -> Result<Arc<LangIndex>> {
        let key = format!("search:{lang}");
        self.cache.get_or_build(db, key, Self::build(db, lang)).await
    }

    async fn build(db: &Db, lang: Lang) -> Result<Arc<LangIndex>> {
        let catalog = db.catalog(lang.clone()).await?;
        let services = catalog.services(&CatalogFilter::default()).await?;
        let categories: HashMap<String, String> = catalog.categories().await?.into_iter().map(|c| (c.code, c.title)).collect();
        let index = SearchIndex::new(services.iter().map(|s| {
            let category = categories.get(&s.category).map_or("", String::as_str);
            vec![(Field::Title, s.title.as_str()), (Field::Summary, s.summary.as_str()), (Field::Rest, s.department.as_str()), (Field::Rest, category)]
        }));
        Ok(Arc::new(LangIndex { index, services }))
    }
}
