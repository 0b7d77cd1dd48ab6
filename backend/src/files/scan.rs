//! The virus scanner every uploaded file passes, once stored and before it is accepted
//! (recorded): ClamAV's `clamd` when `scanner.clamd` names it ([`super::clamd`]), else none, which
//! the operator's pages say. A refused file, or one the scanner could not check, is deleted.

use futures_util::future::BoxFuture;

use crate::FileStore;

/// What a scanner says about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing found.
    Clean,
    /// Refused, with the scanner's reason (for the log, not the citizen).
    Refused(String),
    /// The scanner could not be asked; the file is not accepted unchecked.
    Unavailable(String),
}

/// Whether files are scanned, as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScannerStatus {
    /// No scanner is configured: files are taken unscanned.
    Off,
    /// A scanner at `address`, and whether it answers now.
    On {
        /// Where it listens.
        address: String,
        /// It answered just now.
        answers: bool,
    },
}

/// Looks at a stored file before it is accepted.
pub trait Scanner: Send + Sync + std::fmt::Debug {
    /// Scans the file under `key` in `files`, uploaded as `name`.
    fn scan<'a>(&'a self, files: &'a FileStore, key: &'a str, name: &'a str) -> BoxFuture<'a, Verdict>;

    /// Whether scanning is on and the scanner answers.
    fn status(&self) -> BoxFuture<'_, ScannerStatus>;
}

/// Scans `bytes` (a file not stored yet) by putting them under a scratch key for the scanner
/// and removing them again.
pub async fn scan_bytes(files: &FileStore, scanner: &dyn Scanner, bytes: bytes::Bytes, name: &str) -> Verdict {
    let key = format!("scan/{}", uuid::Uuid::new_v4());
    if let Err(e) = files.put(&key, bytes).await {
        return Verdict::Unavailable(format!("storing the file to scan: {e}"));
    }
    let verdict = scanner.scan(files, &key, name).await;
    if let Err(e) = files.delete(&key).await {
        tracing::error!(%key, error = %e, "could not delete a scanned file");
    }
    verdict
}

/// No scanner: every file is taken as it is (the operator's pages say scanning is off).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoScanner;

impl Scanner for NoScanner {
    fn scan<'a>(&'a self, _files: &'a FileStore, _key: &'a str, _name: &'a str) -> BoxFuture<'a, Verdict> {
        Box::pin(async { Verdict::Clean })
    }

    fn status(&self) -> BoxFuture<'_, ScannerStatus> {
        Box::pin(async { ScannerStatus::Off })
    }
}
