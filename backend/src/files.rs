//! The file store: a local folder by default, an S3-compatible object store (MinIO, Ceph, a
//! cloud's object storage) when the portal runs on several machines.

pub mod clamd;
pub mod file_type;
pub mod scan;

use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as Key;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use percent_encoding::percent_decode_str;

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
    /// The store at `location`: `s3://bucket` or `s3://bucket/prefix`, reached with the standard
    /// `AWS_*` variables (`AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_REGION`, `AWS_ALLOW_HTTP`), or else a local folder.
    pub fn at(location: &str) -> Result<FileStore> {
        match location.strip_prefix("s3://") {
            Some(rest) => {
                let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
                FileStore::s3(AmazonS3Builder::from_env(), bucket, prefix)
            }
            None => FileStore::local(Path::new(location.strip_prefix("file://").unwrap_or(location))),
        }
    }

    /// A store in `bucket` of the S3 service `builder` describes, with every key under `prefix`
    /// (none when empty), so one bucket can hold several installations.
    pub fn s3(builder: AmazonS3Builder, bucket: &str, prefix: &str) -> Result<FileStore> {
        if bucket.is_empty() {
            return Err(object_store::Error::Generic { store: "S3", source: "the address names no bucket: s3://bucket/prefix".into() }.into());
        }
        // reqwest 0.13 (object_store's client) wants rustls's provider installed; ring is the
        // only one compiled in. Err means some caller installed it first, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let s3 = builder.with_bucket_name(bucket).build()?;
        let prefix = prefix.trim_matches('/');
        let store: Arc<dyn ObjectStore> = if prefix.is_empty() { Arc::new(s3) } else { Arc::new(PrefixStore::new(s3, prefix)) };
        Ok(FileStore { store })
    }

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

    /// Succeeds when the store answers (for readiness checks): asks for a key nobody writes.
    pub async fn ping(&self) -> Result<()> {
        self.exists(".ping").await.map(drop)
    }

    /// Every key in the store, in no particular order (for copying and checking a whole store).
    pub async fn keys(&self) -> Result<Vec<String>> {
        let mut keys = Vec::new();
        let mut listing = self.store.list(None);
        while let Some(meta) = listing.next().await {
            // A key's parts are stored percent-encoded (see `Key::from`); give back what was put.
            let parts: Vec<String> = meta?.location.parts().map(|part| percent_decode_str(part.as_ref()).decode_utf8_lossy().into_owned()).collect();
            keys.push(parts.join("/"));
        }
        Ok(keys)
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
