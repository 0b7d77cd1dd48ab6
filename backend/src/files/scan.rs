//! The hook for a virus scanner: every uploaded file passes it, once stored and before it is
//! accepted (recorded). The default accepts everything; a region plugs in its scanner (e.g.
//! ClamAV reading the file from the store) here. A refused file is deleted.

use futures_util::future::BoxFuture;

use crate::FileStore;

/// What a scanner says about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing found.
    Clean,
    /// Refused, with the scanner's reason (for the log, not the citizen).
    Refused(String),
}

/// Looks at a stored file before it is accepted.
pub trait Scanner: Send + Sync + std::fmt::Debug {
    /// Scans the file under `key` in `files`, uploaded as `name`.
    fn scan<'a>(&'a self, files: &'a FileStore, key: &'a str, name: &'a str) -> BoxFuture<'a, Verdict>;
}

/// No scanner: every file is clean.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoScanner;

impl Scanner for NoScanner {
    fn scan<'a>(&'a self, _files: &'a FileStore, _key: &'a str, _name: &'a str) -> BoxFuture<'a, Verdict> {
        Box::pin(async { Verdict::Clean })
    }
}
