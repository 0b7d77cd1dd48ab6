//! Region packs: loading a pack folder and importing it idempotently.
//!
//! Everything is read and validated before anything is written; every problem names its file,
//! line and field. Files are stored under keys derived from their content, then the catalog is
//! written in one transaction. Each stored entry keeps its pack source, so a re-import writes
//! only what changed, adds what is new and unpublishes (never deletes) what vanished.

mod load;
mod stored;
pub(crate) mod write;
mod yaml_lines;

use std::path::Path;

pub use crate::files::file_type::FileType;
pub use load::{load, LoadedBlank, LoadedForm, LoadedPack, LoadedTemplate};
pub use stored::{export, pack_files, stored, StoredPack};
pub use write::{is_imported, ImportReport};

use crate::{Db, FileStore, Result};

/// Where a long import is, for a progress bar; the default does nothing.
pub trait Progress: Send + Sync {
    /// A stage of `total` steps begins.
    fn stage(&self, _name: &'static str, _total: usize) {}
    /// One step of the current stage is done.
    fn step(&self) {}
}

/// No progress reporting.
pub struct Quiet;
impl Progress for Quiet {}

/// Imports the pack in `dir` quietly; see [`import_with_progress`].
pub async fn import(db: &Db, files: &FileStore, dir: &Path) -> Result<ImportReport> {
    import_with_progress(db, files, dir, &Quiet).await.map(|(report, _)| report)
}

/// Validates the whole pack in `dir`, then writes files and catalog. Returns what changed and
/// the warnings (claims the pack does not back).
pub async fn import_with_progress(
    db: &Db,
    files: &FileStore,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<(ImportReport, Vec<domain::region::PackError>)> {
    let loaded = load(dir, progress).await?;
    let report = write::write(db, files, &loaded, None, progress).await?;
    tracing::info!(region = %loaded.pack.manifest.code, ?report, warnings = loaded.warnings.len(), "region pack imported");
    Ok((report, loaded.warnings))
}
