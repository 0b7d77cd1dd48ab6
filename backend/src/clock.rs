//! Time as the database stores it: UTC milliseconds since 1970. Use cases read it from the
//! portal's [`Clock`], which tests set; workers and the edges call [`now_ms`].

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// The current time in UTC milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The time use cases see: the system's, or one a test sets and moves.
#[derive(Debug, Clone, Default)]
pub struct Clock(Option<Arc<AtomicI64>>);

impl Clock {
    /// The system's time.
    pub fn system() -> Clock {
        Clock(None)
    }

    /// A time that stands at `ms` until set again.
    pub fn fixed(ms: i64) -> Clock {
        Clock(Some(Arc::new(AtomicI64::new(ms))))
    }

    /// Now, in UTC milliseconds.
    pub fn now(&self) -> i64 {
        self.0.as_ref().map_or_else(now_ms, |t| t.load(Ordering::Relaxed))
    }

    /// Sets a fixed clock to `ms` (a system clock is not changed).
    pub fn set(&self, ms: i64) {
        if let Some(t) = &self.0 {
            t.store(ms, Ordering::Relaxed);
        }
    }
}

/// Milliseconds in a minute.
pub const MINUTE_MS: i64 = 60_000;
/// Milliseconds in an hour.
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
/// Milliseconds in a day.
pub const DAY_MS: i64 = 24 * HOUR_MS;
