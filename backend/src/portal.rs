//! What every use case works with: the database, the file store, the catalog caches, the virus
//! scanner, the clock and the limits per person. Use cases take it with the acting person and
//! their input; they hold no SQL (that is the store's) and read the time from its clock.

use std::sync::Arc;

use crate::cache::CatalogCache;
use crate::clock::Clock;
use crate::files::scan::{NoScanner, Scanner};
use crate::search::SearchCache;
use crate::{Db, Error, FileStore, Result};
use domain::region::RegionRules;

/// What one person may do so often (docs/security.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Drafts open at once.
    pub open_drafts: i64,
    /// Applications sent within an hour.
    pub submissions_per_hour: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { open_drafts: domain::application::MAX_OPEN_DRAFTS, submissions_per_hour: domain::application::MAX_SUBMISSIONS_PER_HOUR }
    }
}

/// The context of the use cases; cheap to clone.
#[derive(Debug, Clone)]
pub struct Portal {
    /// The database.
    pub db: Db,
    /// The file store.
    pub files: FileStore,
    /// Catalog reads of this process, valid for one catalog version.
    pub cache: CatalogCache,
    /// The search indexes of this process.
    pub search: SearchCache,
    /// Checks every uploaded file before it is accepted.
    pub scanner: Arc<dyn Scanner>,
    /// The time.
    pub clock: Clock,
    /// What one person may do so often.
    pub limits: Limits,
}

impl Portal {
    /// The portal over `db` and `files`: empty caches, no scanner, the system's clock, default limits.
    pub fn new(db: Db, files: FileStore) -> Portal {
        let cache = CatalogCache::default();
        Portal { db, files, search: SearchCache::new(cache.clone()), cache, scanner: Arc::new(NoScanner), clock: Clock::system(), limits: Limits::default() }
    }

    /// With `scanner` checking uploads.
    pub fn with_scanner(mut self, scanner: Arc<dyn Scanner>) -> Portal {
        self.scanner = scanner;
        self
    }

    /// With `clock` as the time.
    pub fn with_clock(mut self, clock: Clock) -> Portal {
        self.clock = clock;
        self
    }

    /// With `limits` per person.
    pub fn with_limits(mut self, limits: Limits) -> Portal {
        self.limits = limits;
        self
    }

    /// Now, by the portal's clock.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The region's rules (numbers, time zone, calendar), read through the catalog cache.
    pub async fn rules(&self) -> Result<RegionRules> {
        self.cache.get_or_load(&self.db, "region-rules".into(), self.db.region_rules()).await?.ok_or(Error::NoRegion)
    }
}
