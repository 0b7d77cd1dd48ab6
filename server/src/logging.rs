//! Structured logs with tracing: text for people, JSON (`PORTAL_LOG_FORMAT=json`) for collectors.
//! Request spans carry the request id, so every line logged while serving a request has it.
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

use crate::config::{Config, LogFormat};

/// Installs the global subscriber; the filter was validated with the configuration.
pub fn init(config: &Config) {
    let filter = EnvFilter::builder().parse_lossy(&config.log_level);
    let registry = tracing_subscriber::registry().with(filter);
    match config.log_format {
        LogFormat::Json => registry.with(fmt::layer().json().with_current_span(true).with_span_list(false)).init(),
        LogFormat::Text => registry.with(fmt::layer()).init(),
    }
}
