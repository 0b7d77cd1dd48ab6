//! The region pack on an installation's first start: imported by one process (a portal doing
//! everything, or `portal migrate` before web replicas start together), waited for by the rest.
use crate::config::Config;
use crate::error::StartError;

/// Imports the configured region pack into a portal that holds none yet: on the first start of
/// a portal doing everything in one process, or by `portal migrate` before web replicas start
/// together (they wait for it, see [`until_imported`], rather than race to import).
pub async fn import_region(config: &Config, db: &backend::Db, files: &backend::FileStore) -> Result<(), StartError> {
    if !backend::region_pack::is_imported(db).await.map_err(StartError::Database)? {
        tracing::info!(region = %config.region.display(), "first start: importing the region pack");
        backend::region_pack::import(db, files, &config.region).await.map_err(|source| StartError::Import { dir: config.region.clone(), source })?;
    }
    Ok(())
}

/// Waits until some process (`portal migrate`, `portal import-region`, a portal doing everything)
/// has imported the region pack: what web-only replicas and workers do on a first install.
pub async fn until_imported(db: &backend::Db) -> Result<(), StartError> {
    let mut told = false;
    while !backend::region_pack::is_imported(db).await.map_err(StartError::Database)? {
        if !told {
            tracing::info!("waiting for the region pack to be imported (portal migrate or portal import-region)");
            told = true;
        }
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    }
    Ok(())
}
