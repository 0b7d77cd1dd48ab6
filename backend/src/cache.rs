//! An in-process cache of catalog reads (region, passports, search indexes), valid for one
//! `catalog_version`. The version is re-read at most once a second, so a re-import reaches every
//! server process within a second while hot pages need no query at all.

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
// A panic while a lock is held cannot leave the cache half-written (every write is one
// assignment), so a poisoned lock is still safe to use.
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::{Db, Result};

/// How long a read of `catalog_version` is trusted.
const VERSION_TTL: Duration = Duration::from_secs(1);
/// Entries kept at most; past that the cache starts over (a catalog has far fewer pages).
const MAX_ENTRIES: usize = 50_000;
/// Answers to queries (filtered lists) kept at most: their keys are combinations chosen by
/// visitors, so they get a small budget of their own, and past it those answers start over.
const MAX_QUERIES: usize = 256;

/// A value, the catalog version it was read at, and whether it answers a query.
type Entry = (i64, Arc<dyn Any + Send + Sync>, bool);

/// Shared by all requests of a process; cheap to clone.
#[derive(Clone)]
pub struct CatalogCache {
    ttl: Duration,
    version: Arc<Mutex<Option<(i64, Instant)>>>,
    entries: Arc<RwLock<HashMap<String, Entry>>>,
}

impl Default for CatalogCache {
    fn default() -> Self {
        CatalogCache::with_ttl(VERSION_TTL)
    }
}

impl std::fmt::Debug for CatalogCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogCache").finish_non_exhaustive()
    }
}

impl CatalogCache {
    /// A cache that trusts a read of the version for `ttl` (tests use zero: always re-read).
    pub fn with_ttl(ttl: Duration) -> CatalogCache {
        CatalogCache { ttl, version: Arc::default(), entries: Arc::default() }
    }

    /// The catalog version, read from the database at most once per `ttl`.
    pub async fn version(&self, db: &Db) -> Result<i64> {
        if let Some((version, at)) = *self.version.lock().unwrap_or_else(PoisonError::into_inner) {
            if at.elapsed() < self.ttl {
                return Ok(version);
            }
        }
        let version = db.catalog_version().await?;
        *self.version.lock().unwrap_or_else(PoisonError::into_inner) = Some((version, Instant::now()));
        Ok(version)
    }

    /// The value under `key` for the current catalog version, loading it when missing or stale.
    /// `None` results are not kept, so unknown keys cannot fill the cache.
    pub async fn get_or_load<T, F>(&self, db: &Db, key: String, load: F) -> Result<Option<T>>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<Option<T>>>,
    {
        self.get(db, key, load, false).await
    }

    async fn get<T, F>(&self, db: &Db, key: String, load: F, query: bool) -> Result<Option<T>>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<Option<T>>>,
    {
        let version = self.version(db).await?;
        if let Some((v, value, _)) = self.entries.read().unwrap_or_else(PoisonError::into_inner).get(&key) {
            if *v == version {
                if let Some(value) = value.downcast_ref::<T>() {
                    return Ok(Some(value.clone()));
                }
            }
        }
        let loaded = load.await?;
        if let Some(value) = &loaded {
            let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            if query && entries.values().filter(|(_, _, q)| *q).count() >= MAX_QUERIES {
                entries.retain(|_, (_, _, q)| !*q);
            }
            entries.insert(key, (version, Arc::new(value.clone()), query));
        }
        Ok(loaded)
    }

    /// Like [`get_or_load`](Self::get_or_load) for values that always exist (a page, an index).
    pub async fn get_or_build<T, F>(&self, db: &Db, key: String, build: F) -> Result<T>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T>>,
    {
        let loaded = self.get(db, key, async { build.await.map(Some) }, false).await?;
        // `build` gave a value, or the cache held one: never `None` here.
        loaded.ok_or_else(|| crate::Error::Corrupt("cache lost a value it was given".into()))
    }

    /// Like [`get_or_build`](Self::get_or_build) for the answer to a visitor's query (a filtered
    /// list): at most [`MAX_QUERIES`] such answers are kept.
    pub async fn get_or_build_query<T, F>(&self, db: &Db, key: String, build: F) -> Result<T>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<T>>,
    {
        let loaded = self.get(db, key, async { build.await.map(Some) }, true).await?;
        loaded.ok_or_else(|| crate::Error::Corrupt("cache lost a value it was given".into()))
    }

    /// How many answers to queries are kept now.
    pub fn queries(&self) -> usize {
        self.entries.read().unwrap_or_else(PoisonError::into_inner).values().filter(|(_, _, q)| *q).count()
    }
}
