//! Growing up: copying a whole installation from the embedded default (SQLite and a local
//! folder) to PostgreSQL and an object store, so a region that started small keeps its history.
//!
//! The target must be empty, or hold an unfinished copy of the same source: then the copy
//! resumes. Each table goes over in one transaction (whole or not at all); a table already
//! holding the source's rows is left as it is, and so is a file already in the target store
//! (stores write a file whole or not at all). At the end every table is compared by row count
//! and a digest of its rows, and every file by its SHA-256, before the copy is marked finished;
//! a finished copy is only checked again, never written to. The source is only read (after its
//! own migrations are brought up to date); the portal must be stopped while it runs.

use futures_util::StreamExt;
use sha2::{Digest, Sha256};

use crate::store::copy::{self, DataMigration, SEEDED};
use crate::{Db, Error, FileStore, Result};

/// One side of the copy.
pub struct Installation<'a> {
    /// Its database.
    pub db: &'a Db,
    /// Its file store.
    pub files: &'a FileStore,
}

/// What the copy is doing, for a progress display.
pub trait Progress {
    /// A step's outcome, one line of text.
    fn said(&self, line: &str);
}

/// What was copied and checked.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Whether an unfinished copy was picked up.
    pub resumed: bool,
    /// Tables checked equal at the end.
    pub tables: usize,
    /// Rows in them.
    pub rows: u64,
    /// Files checked equal at the end.
    pub files: usize,
    /// Bytes in them.
    pub bytes: u64,
}

/// Copies `source` into `target`, naming the source `source_name` (its database URL without
/// secrets) so that a rerun knows its own unfinished copy; `now` is the time to record.
pub async fn migrate(source: Installation<'_>, target: Installation<'_>, source_name: &str, now: i64, progress: &dyn Progress) -> Result<Report> {
    let tables = copy::tables(target.db).await?;
    let resumed = match copy::data_migration(target.db).await? {
        DataMigration::None => {
            refuse_unless_empty(&target, &tables).await?;
            copy::start_data_migration(target.db, source_name, now).await?;
            false
        }
        DataMigration::Started { source } | DataMigration::Finished { source } if source != source_name => {
            return Err(Error::DataMigration(format!("the target holds a copy of {source}, not of {source_name}")));
        }
        DataMigration::Finished { .. } => {
            progress.said("the target holds a finished copy of this installation: checking it again, copying nothing");
            return check(&source, &target, &tables, true, progress).await;
        }
        DataMigration::Started { .. } => {
            progress.said("the target holds a copy of this installation under way: resuming, then checking everything");
            true
        }
    };

    for table in &tables {
        if copy::fingerprint(source.db, table).await? == copy::fingerprint(target.db, table).await? {
            continue;
        }
        let seeded = SEEDED.iter().any(|(name, _)| *name == table.name);
        if !seeded && copy::count(target.db, table).await? > 0 {
            return Err(Error::DataMigration(format!(
                "table {} in the target holds other rows than the source's: was the portal running while copying?",
                table.name
            )));
        }
        let rows = copy::copy_table(source.db, target.db, table).await?;
        progress.said(&format!("table {}: {rows} rows copied", table.name));
    }

    let keys = source.files.keys().await?;
    let mut copied = 0usize;
    for key in &keys {
        if !target.files.exists(key).await? {
            copy_file(source.files, target.files, key).await?;
            copied += 1;
        }
    }
    progress.said(&format!("files: {copied} copied, {} were there already", keys.len() - copied));
    let report = check(&source, &target, &tables, resumed, progress).await?;
    copy::finish_data_migration(target.db, crate::clock::now_ms()).await?;
    Ok(report)
}

/// Compares every table and file of `source` and `target`; the first difference is the error.
async fn check(source: &Installation<'_>, target: &Installation<'_>, tables: &[copy::Table], resumed: bool, progress: &dyn Progress) -> Result<Report> {
    let mut report = Report { resumed, ..Report::default() };
    for table in tables {
        let (ours, theirs) = (copy::fingerprint(source.db, table).await?, copy::fingerprint(target.db, table).await?);
        if ours != theirs {
            return Err(Error::DataMigration(format!("table {}: {} rows here, {} in the target, or different ones", table.name, ours.rows, theirs.rows)));
        }
        report.tables += 1;
        report.rows += ours.rows;
    }
    let mut target_keys = target.files.keys().await?;
    let mut source_keys = source.files.keys().await?;
    target_keys.sort();
    source_keys.sort();
    if target_keys != source_keys {
        let extra: Vec<&String> = target_keys.iter().filter(|k| source_keys.binary_search(k).is_err()).take(5).collect();
        return Err(Error::DataMigration(format!("the target store holds files the source does not: {extra:?}")));
    }
    for key in &source_keys {
        let (ours, size) = digest(source.files, key).await?;
        let (theirs, _) = digest(target.files, key).await?;
        if ours != theirs {
            return Err(Error::DataMigration(format!("file {key} differs in the target")));
        }
        report.files += 1;
        report.bytes += size;
    }
    progress.said(&format!("checked: {} tables with {} rows, {} files with {} bytes", report.tables, report.rows, report.files, report.bytes));
    Ok(report)
}

/// An empty target holds no rows but what migrations put there, and no files.
async fn refuse_unless_empty(target: &Installation<'_>, tables: &[copy::Table]) -> Result<()> {
    let mut holding = Vec::new();
    for table in tables {
        let seeded = SEEDED.iter().find(|(name, _)| *name == table.name).map_or(0, |(_, rows)| *rows);
        if copy::count(target.db, table).await? > seeded {
            holding.push(table.name.clone());
        }
    }
    if !holding.is_empty() {
        return Err(Error::DataMigration(format!("the target database is not empty (tables {}); nothing was copied", holding.join(", "))));
    }
    if let Some(key) = target.files.keys().await?.first() {
        return Err(Error::DataMigration(format!("the target file store is not empty (it holds {key}); nothing was copied")));
    }
    Ok(())
}

/// Streams one file across; it appears in the target only when whole.
async fn copy_file(from: &FileStore, to: &FileStore, key: &str) -> Result<()> {
    let Some(stored) = from.open(key).await? else {
        return Err(Error::DataMigration(format!("file {key} vanished from the source while copying: is the portal running?")));
    };
    let mut writing = to.start_writing(key).await?;
    let mut stream = stored.stream;
    while let Some(chunk) = stream.next().await {
        let written = match chunk {
            Ok(bytes) => writing.write(bytes).await,
            Err(e) => Err(e.into()),
        };
        if let Err(e) = written {
            // Nothing half-written is left behind; the error that stopped the copy is the one told.
            let _ = writing.abort().await;
            return Err(e);
        }
    }
    writing.finish().await
}

/// The SHA-256 of a file and its size.
async fn digest(store: &FileStore, key: &str) -> Result<(Vec<u8>, u64)> {
    let Some(stored) = store.open(key).await? else { return Err(Error::DataMigration(format!("file {key} is missing"))) };
    let mut hash = Sha256::new();
    let mut size = 0;
    let mut stream = stored.stream;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        size += chunk.len() as u64;
        hash.update(&chunk);
    }
    Ok((hash.finalize().to_vec(), size))
}
