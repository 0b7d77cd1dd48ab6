//! The file store's promises, held by a local folder and by a real S3-compatible server alike:
//! what is written reads back whole, large files go up in parts, an abandoned upload leaves
//! nothing, and a prefix keeps one installation's files apart from another's in one bucket.

use bytes::Bytes;
use futures_util::StreamExt;

use backend::testing::S3Server;
use backend::FileStore;

/// Bytes that differ at every position, so a part out of order shows.
fn content(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

async fn read_stream(store: &FileStore, key: &str) -> Vec<u8> {
    let stored = store.open(key).await.unwrap().expect("the file is there");
    let mut bytes = Vec::new();
    let mut stream = stored.stream;
    while let Some(chunk) = stream.next().await {
        bytes.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(stored.size, bytes.len() as u64);
    bytes
}

async fn keeps_its_promises(store: &FileStore) {
    assert_eq!(store.get("blanks/none.pdf").await.unwrap(), None);
    assert!(store.open("blanks/none.pdf").await.unwrap().is_none());
    assert!(!store.exists("blanks/none.pdf").await.unwrap());
    store.delete("blanks/none.pdf").await.expect("deleting what is not there is no error");

    store.put("blanks/кириллица 1.pdf", Bytes::from_static(b"%PDF-1.4 small")).await.unwrap();
    assert!(store.exists("blanks/кириллица 1.pdf").await.unwrap());
    assert_eq!(store.get("blanks/кириллица 1.pdf").await.unwrap().as_deref(), Some(&b"%PDF-1.4 small"[..]));

    // 12 MB in 1 MB pieces: three parts of an S3 multipart upload.
    let big = content(12 * 1024 * 1024);
    let mut writing = store.start_writing("attachments/scan.pdf").await.unwrap();
    for piece in big.chunks(1024 * 1024) {
        writing.write(Bytes::copy_from_slice(piece)).await.unwrap();
    }
    assert!(!store.exists("attachments/scan.pdf").await.unwrap(), "nothing shows before the upload completes");
    writing.finish().await.unwrap();
    assert!(read_stream(store, "attachments/scan.pdf").await == big, "read back whole and in order");

    let mut abandoned = store.start_writing("attachments/abandoned.pdf").await.unwrap();
    abandoned.write(Bytes::from(content(6 * 1024 * 1024))).await.unwrap();
    abandoned.abort().await.unwrap();
    assert!(!store.exists("attachments/abandoned.pdf").await.unwrap());

    let mut keys = store.keys().await.unwrap();
    keys.sort();
    assert_eq!(keys, ["attachments/scan.pdf", "blanks/кириллица 1.pdf"]);
    store.delete("blanks/кириллица 1.pdf").await.unwrap();
    assert!(!store.exists("blanks/кириллица 1.pdf").await.unwrap());
}

#[tokio::test]
async fn a_local_folder_keeps_the_promises() {
    let dir = tempfile::tempdir().unwrap();
    keeps_its_promises(&FileStore::at(dir.path().to_str().unwrap()).unwrap()).await;
}

#[tokio::test]
async fn an_s3_bucket_keeps_the_promises_and_prefixes_keep_installations_apart() {
    let s3 = S3Server::start("portal").await;
    let ours = FileStore::s3(s3.builder(), "portal", "region-a/files").unwrap();
    keeps_its_promises(&ours).await;

    let theirs = FileStore::s3(s3.builder(), "portal", "region-b").unwrap();
    theirs.put("blanks/x.pdf", Bytes::from_static(b"theirs")).await.unwrap();
    assert_eq!(ours.keys().await.unwrap(), ["attachments/scan.pdf"], "another prefix's files are not ours");
    let whole = FileStore::s3(s3.builder(), "portal", "").unwrap();
    let mut all = whole.keys().await.unwrap();
    all.sort();
    assert_eq!(all, ["region-a/files/attachments/scan.pdf", "region-b/blanks/x.pdf"]);
}

#[tokio::test]
async fn an_address_without_a_bucket_is_refused() {
    let err = FileStore::at("s3://").unwrap_err().to_string();
    assert!(err.contains("bucket"), "{err}");
}
