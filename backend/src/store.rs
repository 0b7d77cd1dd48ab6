//! The store: every SQL statement of the portal, one file per area, each written once for SQLite
//! and PostgreSQL.
//!
//! Most SQL we write is valid in both dialects (`$1` placeholders, `ON CONFLICT`, `RETURNING`), so
//! queries are written once inside [`with_pool!`], which expands the same body for each driver.
//! Every query thus runs with its driver's native types; where the dialects differ, the body
//! matches on the pool itself. Writes that must happen together go through a [`Tx`], whose
//! methods are the writes use cases combine. Migrations are kept per dialect in
//! `migrations/{sqlite,postgres}`. Every public call is traced (`tracing::instrument`), so a slow
//! query shows in the logs with its name.

mod api_clients;
mod applications;
mod audit;
pub mod catalog;
pub mod copy;
mod dashboard;
mod editor;
mod federation;
mod identity;
mod notify;
mod office;
mod outbox;
mod pack_read;
mod pack_write;
pub mod sessions;
#[cfg(feature = "testing")]
pub mod testing;

pub use api_clients::{ApiClientRow, NewApiClient};
pub use applications::{AttachmentFile, Change, DbApplication, DbAttachment, DbEvent, DbMessage, FederalApplication, NewAttachment, Registered};
pub use audit::{AuditEntry, AuditRecord, ACCESS_PAGE};
pub use catalog::{Catalog, Region, ServiceTerms};
pub use dashboard::FiledDay;
pub use editor::Draft;
pub use identity::{Revoked, StaffRoleRow};
pub use notify::{About, DbNotification, Recipient};
pub use office::{DeadlineRow, QueueDbRow, QueueQuery};
pub use outbox::{ClaimedRow, Counts, LoggedRow, NewOutboxRow, Parked};
pub use pack_read::{published_catalog, stored, StoredPack};
pub(crate) use pack_write::write as write_pack;
pub use pack_write::{is_imported, ImportReport};

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use crate::Result;

/// The connection pool of whichever database the URL named.
#[derive(Clone, Debug)]
pub enum Pool {
    /// Embedded default: one file, one process. Readers share several connections; writers take
    /// turns on one, queueing in the pool rather than sleeping in SQLite's busy handler.
    Sqlite {
        /// For reading (and writes that are rare).
        read: SqlitePool,
        /// The one connection that writes.
        write: SqlitePool,
    },
    /// Production: several replicas may share it.
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the active pool; the body is compiled once per driver.
macro_rules! with_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match &$db.pool {
            $crate::store::Pool::Sqlite { read: $pool, .. } => $body,
            $crate::store::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_pool;

/// Like [`with_pool!`] for transactions and statements that write: on SQLite they take turns on
/// the writing connection.
macro_rules! with_writer {
    ($db:expr, |$pool:ident| $body:expr) => {
        match &$db.pool {
            $crate::store::Pool::Sqlite { write: $pool, .. } => $body,
            $crate::store::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_writer;

/// A value for a query built at run time (filters): bound with its native type on each driver.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
}

/// Binds `$args` (a slice of [`Arg`]) to query `$q`, in order.
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for arg in $args {
            q = match arg {
                $crate::store::Arg::Text(t) => q.bind(t.clone()),
                $crate::store::Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }};
}
pub(crate) use bind_args;

/// `text` with `LIKE`'s own wildcards taken literally, for patterns with `ESCAPE '\'`.
fn like_literal(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Creates the SQLite file readable by this user only (its journal files inherit the mode);
/// an existing file is left as it is.
fn create_private(path: &std::path::Path) -> Result<()> {
    if path.as_os_str().is_empty() || path.as_os_str() == ":memory:" || path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(sqlx::Error::Io(e).into()),
    }
}

/// A write transaction on whichever database; dropped without [`Tx::commit`], it rolls back. On
/// SQLite it holds the one writing connection, so writes take turns.
pub struct Tx {
    inner: TxInner,
}

enum TxInner {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs `$body` with `$conn` bound to the transaction's connection; the body is compiled once per
/// driver, like [`with_pool!`].
macro_rules! with_tx {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match &mut $tx.inner {
            $crate::store::TxInner::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::store::TxInner::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use with_tx;

impl Db {
    /// Starts a write transaction.
    #[tracing::instrument(skip_all)]
    pub async fn begin(&self) -> Result<Tx> {
        let inner = match &self.pool {
            Pool::Sqlite { write, .. } => TxInner::Sqlite(write.begin().await?),
            Pool::Postgres(p) => TxInner::Postgres(p.begin().await?),
        };
        Ok(Tx { inner })
    }
}

impl Tx {
    /// Makes every write of the transaction durable.
    #[tracing::instrument(skip_all)]
    pub async fn commit(self) -> Result<()> {
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    /// Which database this is.
    pub(crate) fn backend(&self) -> Backend {
        match self.inner {
            TxInner::Sqlite(_) => Backend::Sqlite,
            TxInner::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite:` URLs.
    Sqlite,
    /// `postgres:` and `postgresql:` URLs.
    Postgres,
}

impl Backend {
    /// The backend a database URL names, or `None` for any other scheme.
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Online form versions by (service, version), parsed once: a version never changes.
pub(crate) type FormVersions = std::sync::Arc<std::sync::RwLock<std::collections::HashMap<(String, i32), std::sync::Arc<domain::forms::FormSchema>>>>;

/// Handle to the portal's database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pub(crate) pool: Pool,
    /// Online form versions already read: a version never changes, so it is parsed once.
    pub(crate) forms: FormVersions,
}

impl Db {
    /// Connects to `url` (`sqlite:…` or `postgres://…`); SQLite files are created when missing.
    #[tracing::instrument(skip_all)]
    pub async fn connect(url: &str) -> Result<Db> {
        let pool = match Backend::of_url(url) {
            Some(Backend::Sqlite) => {
                let options = SqliteConnectOptions::from_str(url)?;
                create_private(options.get_filename())?;
                // FULL, not WAL's usual NORMAL: a commit we answered "done" for survives a power cut.
                let options = options
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                let write = SqlitePoolOptions::new().max_connections(1).connect_with(options.clone()).await?;
                let read = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
                Pool::Sqlite { read, write }
            }
            Some(Backend::Postgres) => {
                let options = PgConnectOptions::from_str(url)?;
                Pool::Postgres(PgPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(5)).connect_with(options).await?)
            }
            None => return Err(sqlx::Error::Configuration(format!("unsupported database URL scheme in {url:?}").into()).into()),
        };
        Ok(Db { pool, forms: Default::default() })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite { .. } => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations of this backend that are not applied yet.
    #[tracing::instrument(skip_all)]
    pub async fn migrate(&self) -> Result<()> {
        match &self.pool {
            Pool::Sqlite { write, .. } => sqlx::migrate!("../migrations/sqlite").run(write).await?,
            Pool::Postgres(p) => sqlx::migrate!("../migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// Checks that the database answers.
    #[tracing::instrument(skip_all)]
    pub async fn ping(&self) -> Result<()> {
        with_pool!(self, |p| {
            sqlx::query("SELECT 1").execute(p).await?;
        });
        Ok(())
    }

    /// Closes every connection; waits for queries in flight.
    #[tracing::instrument(skip_all)]
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Pool::Postgres(p) => p.close().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_sqlite_connection_syncs_each_commit_in_full() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite:{}", dir.path().join("portal.db").display())).await.unwrap();
        let Pool::Sqlite { read, write } = &db.pool else { unreachable!("a sqlite: url") };
        for pool in [read, write] {
            let level: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(pool).await.unwrap();
            assert_eq!(level, 2, "2 is FULL");
        }
    }
}
