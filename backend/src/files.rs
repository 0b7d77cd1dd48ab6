//! The file store: a local folder by default, any `object_store` backend in production.

use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use object_store::local::LocalFileSystem;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::Result;

/// Where files (coats of arms, blank forms, attachments) are kept.
#[derive(Clone, Debug)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
}

impl FileStore {
    /// A store in the local folder `dir`, created when missing.
    pub fn local(dir: &Path) -> Result<FileStore> {
        std::fs::create_dir_all(dir).map_err(|e| object_store::Error::Generic { store: "local", source: Box::new(e) })?;
        Ok(FileStore { store: Arc::new(LocalFileSystem::new_with_prefix(dir)?) })
    }

    /// Writes `bytes` under `key`; the write is complete (and, locally, renamed into place) on return.
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<()> {
        self.store.put(&Key::from(key), PutPayload::from_bytes(bytes)).await?;
        Ok(())
    }

    /// Reads the whole file under `key`; `None` when there is none.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>> {
        match self.store.get(&Key::from(key)).await {
            Ok(found) => Ok(Some(found.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}
