//! The hook for a virus scanner: every uploaded file passes it before it is accepted. The default
//! accepts everything; a region plugs in its scanner (e.g. ClamAV over its socket) here.

use futures_util::future::BoxFuture;

/// What a scanner says about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing found.
    Clean,
    /// Refused, with the scanner's reason (for the log, not the citizen).
    Refused(String),
}

/// Looks at a file before it is accepted.
pub trait Scanner: Send + Sync + std::fmt::Debug {
    /// Scans `bytes` uploaded as `name`.
    fn scan<'a>(&'a self, name: &'a str, bytes: &'a [u8]) -> BoxFuture<'a, Verdict>;
}

/// No scanner: every file is clean.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoScanner;

impl Scanner for NoScanner {
    fn scan<'a>(&'a self, _name: &'a str, _bytes: &'a [u8]) -> BoxFuture<'a, Verdict> {
        Box::pin(async { Verdict::Clean })
    }
}
