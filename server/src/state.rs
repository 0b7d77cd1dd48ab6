//! What the running server holds: backend handles, Leptos options and configuration.
use std::sync::Arc;

use app::host::PortalState;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::config::{redact, Config};
use crate::error::StartError;

/// Shared state of every handler.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Database and file store.
    pub portal: PortalState,
    /// Where the built site lives and how Leptos renders.
    pub leptos: LeptosOptions,
    /// The configuration the server started with.
    pub config: Arc<Config>,
}

/// Opens the database (migrating it) and the file store.
pub async fn open_backend(config: &Config) -> Result<PortalState, StartError> {
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|source| StartError::DataDir { path: config.data_dir.clone(), source })?;
    let url = config.database_url();
    tracing::info!(database = %redact(&url), "opening database");
    let db = backend::Db::connect(&url).await.map_err(StartError::Database)?;
    db.migrate().await.map_err(StartError::Database)?;
    let files = backend::FileStore::local(&config.files_dir()).map_err(|e| StartError::DataDir {
        path: config.files_dir(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(PortalState::new(db, files))
}
