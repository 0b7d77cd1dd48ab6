//! The file store: a local folder by default, any `object_store` backend in production.

pub mod clamd;
pub mod file_type;
pub mod scan;

use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};

use crate::Result;

/// A stored file being read: its bytes arrive as a stream.
pub struct StoredFile {
    /// Size in bytes.
    pub size: u64,
    /// When it was written.
    pub last_modified: std::time::SystemTime,
    /// The content.
    pub stream: BoxStream<'static, object_store::Result<Bytes>>,
}

/// Pieces of a file being written go out in parts of this size (object stores want 5 MB parts).
const WRITE_CHUNK: usize = 5 * 1024 * 1024;
/// Parts written at once, at most: a slow store slows the sender instead of filling memory.
const PARTS_IN_FLIGHT: usize = 2;

/// A file being written; see [`FileStore::start_writing`].
pub struct Writing {
    inner: WriteMultipart,
}

impl Writing {
    /// Appends `bytes`, waiting when the store is behind.
    pub async fn write(&mut self, bytes: Bytes) -> Result<()> {
        self.inner.wait_for_capacity(PARTS_IN_FLIGHT).await?;
        self.inner.put(bytes);
        Ok(())
    }

    /// Completes the file.
    pub async fn finish(self) -> Result<()> {
        self.inner.finish().await?;
        Ok(())
    }

    /// Gives up: nothing of the file stays.
    pub async fn abort(self) -> Result<()> {
        self.inner.abort().await?;
        Ok(())
    }
}

/// Where files (coats of arms, blank forms, attachments) are kept.
#[derive(Clone, Debug)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
}

impl FileStore {
    /// A store in the local folder `dir`, created when missing.
    pub fn local(dir: &Path) -> Result<FileStore> {
        std::fs::create_dir_all(dir).map_err(|e| object_store::Error::Generic { store: "local", source: Box::new(e) })?;
        // fsync files and their folders: an attachment is on disk before we answer "done".
        Ok(FileStore { store: Arc::new(LocalFileSystem::new_with_prefix(dir)?.with_fsync(true)) })
    }

    /// Writes `bytes` under `key`; the write is complete (and, locally, renamed into place) on return.
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<()> {
        self.store.put(&Key::from(key), PutPayload::from_bytes(bytes)).await?;
        Ok(())
    }

    /// Starts writing a file under `key` piece by piece; it appears (synced) only on
    /// [`Writing::finish`], and nothing is left by [`Writing::abort`].
    pub async fn start_writing(&self, key: &str) -> Result<Writing> {
        let upload = self.store.put_multipart(&Key::from(key)).await?;
        Ok(Writing { inner: WriteMultipart::new_with_chunk_size(upload, WRITE_CHUNK) })
    }

    /// Deletes the file under `key`; a missing file is no error.
    pub async fn delete(&self, key: &str) -> Result<()> {
        match self.store.delete(&Key::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// True when a file is stored under `key`.
    pub async fn exists(&self, key: &str) -> Result<bool> {
        match self.store.head(&Key::from(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Opens the file under `key` for streaming; `None` when there is none.
    pub async fn open(&self, key: &str) -> Result<Option<StoredFile>> {
        match self.store.get(&Key::from(key)).await {
            Ok(found) => Ok(Some(StoredFile { size: found.meta.size, last_modified: found.meta.last_modified.into(), stream: found.into_stream().boxed() })),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
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
