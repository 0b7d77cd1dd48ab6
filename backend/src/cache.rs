//! An in-process cache of catalog reads (region, passports, search indexes), valid for one
//! `catalog_version`. The version is re-read at most once a second, so a re-import reaches every
//! server process within a second while hot pages need no query at all.

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::{Db, Result};

/// How long a read of `catalog_version` is trusted.
const VERSION_TTL: Duration = Duration::from_secs(1);
/// Entries kept at most; past that the cache starts over (a catalog has far fewer pages).
const MAX_ENTRIES: usize = 50_000;

type Entry = (i64, Arc<dyn Any + Send + Sync>);

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
        if let Some((version, at)) = *self.version.lock().expect("cache lock") {
            if at.elapsed() < self.ttl {
                return Ok(version);
            }
        }
        let version = db.catalog_version().await?;
        *self.version.lock().expect("cache lock") = Some((version, Instant::now()));
        Ok(version)
    }

    /// The value under `key` for the current catalog version, loading it when missing or stale.
    /// `None` results are not kept, so unknown keys cannot fill the cache.
    pub async fn get_or_load<T, F>(&self, db: &Db, key: String, load: F) -> Result<Option<T>>
    where
        T: Clone + Send + Sync + 'static,
        F: Future<Output = Result<Option<T>>>,
    {
        let version = self.version(db).await?;
        if let Some((v, value)) = self.entries.read().expect("cache lock").get(&key) {
            if *v == version {
                if let Some(value) = value.downcast_ref::<T>() {
                    return Ok(Some(value.clone()));
                }
            }
        }
        let loaded = load.await?;
        if let Some(value) = &loaded {
            let mut entries = self.entries.write().expect("cache lock");
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, (version, Arc::new(value.clone())));
        }
        Ok(loaded)
    }
}
