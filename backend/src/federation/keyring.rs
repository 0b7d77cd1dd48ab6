//! The installation's signing keys in one file that every process reads: which key signs now,
//! which are published in our JWKS, and rotation with overlap. A new key is published a while
//! before it signs (so the federal side, however it caches our JWKS, knows it by then), and the
//! key it replaces stays published for a grace period after (so messages signed with it and
//! still on their way verify). Processes agree by the clock, not by talking to each other, and
//! read the file again when it changes: a rotation needs no restart.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::signing::{Es256Signer, Signer};
use crate::{Error, Result};

/// The key file as stored (mode 0600). A file of one key without times (`{"kid", "d"}`, as
/// `create-signing-key` wrote before rotation) reads as a key that signs from the start.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum KeyFile {
    Ring { keys: Vec<StoredKey> },
    Single(StoredKey),
}

#[derive(Clone, Serialize, Deserialize)]
struct StoredKey {
    kid: String,
    /// Private scalar, base64url.
    d: String,
    /// Unix seconds from which this key signs (it is published from the moment it is stored).
    #[serde(default)]
    signs_from: i64,
    /// Unix seconds from which this key is no longer published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retired_from: Option<i64>,
}

/// One key of the ring and its times.
struct RingKey {
    signer: Arc<dyn Signer>,
    signs_from: i64,
    retired_from: Option<i64>,
}

struct Loaded {
    keys: Vec<RingKey>,
    /// Which version of the file was read, to notice a rotation.
    version: Option<Version>,
}

/// What tells one version of the key file from the next: a rotation writes a new file and
/// renames it into place (a new inode), an edit in place changes the time or the length, and a
/// `chmod` or `chown` that makes an unreadable file readable changes its status time.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Version {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
    changed: i64,
}

impl Version {
    fn of(path: &Path) -> Option<Version> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), meta.ctime() * 1_000_000_000 + meta.ctime_nsec())
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, 0);
        Some(Version { modified: meta.modified().ok(), len: meta.len(), inode, changed })
    }
}

/// The signing keys of the installation.
pub struct Keyring {
    /// The file the keys come from; `None` for a ring held in memory only.
    path: Option<PathBuf>,
    loaded: RwLock<Loaded>,
}

/// What [`Keyring::rotate`] did.
#[derive(Debug)]
pub struct Rotation {
    /// The new key's id.
    pub kid: String,
    /// Unix seconds from which it signs.
    pub signs_from: i64,
    /// Unix seconds from which the keys it replaces are no longer published.
    pub old_retired_from: i64,
}

impl Keyring {
    /// One key held in memory, signing from the start (tests, a provider other than ES256).
    pub fn single(signer: Arc<dyn Signer>) -> Keyring {
        let keys = vec![RingKey { signer, signs_from: 0, retired_from: None }];
        Keyring { path: None, loaded: RwLock::new(Loaded { keys, version: None }) }
    }

    /// The keys stored at `path`; a missing, shared, unreadable or empty file is an error naming it.
    pub fn load(path: &Path) -> Result<Keyring> {
        let loaded = read(path)?;
        Ok(Keyring { path: Some(path.to_owned()), loaded: RwLock::new(loaded) })
    }

    /// The keys stored at `path`, with one made and stored there first when the file is missing
    /// (one process doing everything; processes that share the work share a file made beforehand).
    pub fn load_or_create(path: &Path) -> Result<Keyring> {
        if !path.exists() {
            Self::create(path)?;
        }
        Self::load(path)
    }

    /// A new file at `path` with one key that signs at once; an existing file is left alone and
    /// refused (replacing a key in use would break every signature the federal side checks).
    /// Returns the key's id.
    pub fn create(path: &Path) -> Result<String> {
        let key = stored(&Es256Signer::generate(), 0);
        let kid = key.kid.clone();
        let bytes = serde_json::to_vec_pretty(&KeyFile::Ring { keys: vec![key] }).unwrap_or_default();
        write_new(path, &bytes).map_err(|e| file_error(path, e.to_string()))?;
        tracing::info!(path = %path.display(), %kid, "federation signing key created");
        Ok(kid)
    }

    /// Adds a new key to the file at `path`, published at once and signing `publish_for` seconds
    /// after `now`; the keys it replaces stay published `grace` seconds after that. Keys retired
    /// before `now` are dropped from the file. Every process picks the change up by itself.
    pub fn rotate(path: &Path, now: i64, publish_for: i64, grace: i64) -> Result<Rotation> {
        let bytes = std::fs::read(path).map_err(|e| file_error(path, e.to_string()))?;
        refuse_if_shared(path).map_err(|e| file_error(path, e))?;
        let mut keys = parse(&bytes).map_err(|e| file_error(path, e))?;
        let signs_from = now + publish_for.max(0);
        let old_retired_from = signs_from + grace.max(0);
        keys.retain(|k| k.retired_from.is_none_or(|at| at > now));
        for key in &mut keys {
            key.retired_from = Some(key.retired_from.map_or(old_retired_from, |at| at.min(old_retired_from)));
        }
        let new = stored(&Es256Signer::generate(), signs_from);
        let kid = new.kid.clone();
        keys.push(new);
        let bytes = serde_json::to_vec_pretty(&KeyFile::Ring { keys }).unwrap_or_default();
        replace(path, &bytes).map_err(|e| file_error(path, e.to_string()))?;
        tracing::info!(path = %path.display(), %kid, signs_from, old_retired_from, "federation signing key rotated");
        Ok(Rotation { kid, signs_from, old_retired_from })
    }

    /// The key that signs at `now` (unix seconds): of the keys whose time has come, the newest;
    /// before any has come, the first.
    pub fn signer_at(&self, now: i64) -> Arc<dyn Signer> {
        self.refresh();
        let loaded = self.loaded.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let due = loaded.keys.iter().filter(|k| k.signs_from <= now).max_by_key(|k| k.signs_from);
        let key = due.or_else(|| loaded.keys.iter().min_by_key(|k| k.signs_from));
        // A loaded ring is never empty (`read` refuses an empty file).
        key.map(|k| k.signer.clone()).unwrap_or_else(|| Arc::new(Es256Signer::generate()))
    }

    /// The key that signs now.
    pub fn signer(&self) -> Arc<dyn Signer> {
        self.signer_at(crate::clock::now_ms() / 1000)
    }

    /// Our JWKS document at `now`: every key not yet retired, the ones still to sign included.
    pub fn jwks_at(&self, now: i64) -> Value {
        self.refresh();
        let loaded = self.loaded.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let keys: Vec<Value> = loaded.keys.iter().filter(|k| k.retired_from.is_none_or(|at| at > now)).map(|k| k.signer.public_jwk()).collect();
        json!({ "keys": keys })
    }

    /// Our JWKS document now.
    pub fn jwks(&self) -> Value {
        self.jwks_at(crate::clock::now_ms() / 1000)
    }

    /// Reads the file again when it changed since; a file that became unreadable keeps the keys
    /// already read (and says so), as signing must not stop over a half-done edit.
    fn refresh(&self) {
        let Some(path) = &self.path else { return };
        let version = Version::of(path);
        if version == self.loaded.read().unwrap_or_else(std::sync::PoisonError::into_inner).version {
            return;
        }
        match read(path) {
            Ok(loaded) => *self.loaded.write().unwrap_or_else(std::sync::PoisonError::into_inner) = loaded,
            Err(error) => {
                tracing::error!(%error, "the signing key file changed but cannot be read: signing on with the keys read before");
                self.loaded.write().unwrap_or_else(std::sync::PoisonError::into_inner).version = version;
            }
        }
    }
}

fn file_error(path: &Path, what: String) -> Error {
    Error::Federation(format!("signing key {}: {what}", path.display()))
}

fn stored(signer: &Es256Signer, signs_from: i64) -> StoredKey {
    StoredKey { kid: signer.kid().to_owned(), d: URL_SAFE_NO_PAD.encode(signer.scalar()), signs_from, retired_from: None }
}

fn parse(bytes: &[u8]) -> std::result::Result<Vec<StoredKey>, String> {
    let keys = match serde_json::from_slice(bytes).map_err(|e| e.to_string())? {
        KeyFile::Ring { keys } => keys,
        KeyFile::Single(key) => vec![key],
    };
    if keys.is_empty() {
        return Err("holds no key".into());
    }
    Ok(keys)
}

fn read(path: &Path) -> Result<Loaded> {
    let bad = |what: String| file_error(path, what);
    let version = Version::of(path);
    let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    refuse_if_shared(path).map_err(bad)?;
    let mut keys = Vec::new();
    for key in parse(&bytes).map_err(bad)? {
        let d = URL_SAFE_NO_PAD.decode(&key.d).map_err(|e| bad(format!("key {}: {e}", key.kid)))?;
        let signer = Es256Signer::from_scalar(&d, key.kid.clone()).ok_or_else(|| bad(format!("key {}: not a P-256 private key", key.kid)))?;
        keys.push(RingKey { signer: Arc::new(signer), signs_from: key.signs_from, retired_from: key.retired_from });
    }
    Ok(Loaded { keys, version })
}

/// A private key that other users of the machine may read is no longer private: refused, with
/// the command that mends it.
fn refuse_if_shared(path: &Path) -> std::result::Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_err(|e| e.to_string())?.permissions().mode() & 0o777;
        if mode & 0o007 != 0 {
            return Err(format!("readable by other users (mode {mode:o}); make it private: chmod 600 {}", path.display()));
        }
    }
    Ok(())
}

/// Writes a new owner-only file at `path`, synced; an existing file is an error.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    std::io::Write::write_all(&mut file, bytes)?;
    file.sync_all()
}

/// Replaces the file at `path` whole: readers see the old keys or the new, never half a file.
/// The new file keeps the old one's owner and group (a rotation run as root must leave the key
/// readable by the portal's user).
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let next = path.with_extension("next");
    match std::fs::remove_file(&next) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    write_new(&next, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let old = std::fs::metadata(path)?;
        let new = std::fs::metadata(&next)?;
        if (old.uid(), old.gid()) != (new.uid(), new.gid()) {
            std::os::unix::fs::chown(&next, Some(old.uid()), Some(old.gid()))?;
        }
        // The old file's mode, never readable by others (a shared key is refused on reading).
        std::fs::set_permissions(&next, std::os::unix::fs::PermissionsExt::from_mode(old.mode() & 0o770))?;
    }
    std::fs::rename(&next, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kids(jwks: &Value) -> Vec<String> {
        jwks["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap().to_owned()).collect()
    }

    #[test]
    fn a_new_key_is_published_before_it_signs_and_the_old_one_after_it_stops() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/federation-key.json");
        let ring = Keyring::load_or_create(&path).unwrap();
        let first = ring.signer_at(1_000).kid().to_owned();
        assert_eq!(kids(&ring.jwks_at(1_000)), [first.as_str()]);

        let rotation = Keyring::rotate(&path, 1_000, 100, 50).unwrap();
        assert_eq!((rotation.signs_from, rotation.old_retired_from), (1_100, 1_150));
        let second = rotation.kid;
        assert_ne!(first, second);
        assert_eq!(kids(&ring.jwks_at(1_000)), [first.clone(), second.clone()], "the running ring reads the change: both published");
        assert_eq!(ring.signer_at(1_099).kid(), first, "the old key signs until the new one's time");
        assert_eq!(ring.signer_at(1_100).kid(), second);
        assert_eq!(kids(&ring.jwks_at(1_149)), [first.clone(), second.clone()], "the old key stays published for the grace");
        assert_eq!(kids(&ring.jwks_at(1_150)), [second.as_str()]);

        let third = Keyring::rotate(&path, 1_200, 0, 10).unwrap().kid;
        let again = Keyring::load(&path).unwrap();
        assert_eq!(kids(&again.jwks_at(1_200)), [second.clone(), third.clone()], "retired keys leave the file");
        assert_eq!(again.signer_at(1_200).kid(), third, "no publication time: signs at once");
        assert_eq!(kids(&again.jwks_at(1_210)), [third]);
    }

    #[test]
    fn a_rotation_before_the_last_one_signs_retires_each_key_a_grace_after_it_stopped_signing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        Keyring::create(&path).unwrap();
        let first = Keyring::load(&path).unwrap().signer_at(0).kid().to_owned();
        let second = Keyring::rotate(&path, 0, 100, 10).unwrap().kid;
        let third = Keyring::rotate(&path, 50, 100, 10).unwrap().kid;
        let ring = Keyring::load(&path).unwrap();
        assert_eq!(ring.signer_at(60).kid(), first, "the second key's time had not come");
        assert_eq!(ring.signer_at(100).kid(), second);
        assert_eq!(ring.signer_at(150).kid(), third);
        assert_eq!(kids(&ring.jwks_at(109)), [first, second.clone(), third.clone()]);
        assert_eq!(kids(&ring.jwks_at(110)), [second.clone(), third.clone()], "each key retires a grace after it stopped signing");
        assert_eq!(kids(&ring.jwks_at(159)), [second, third.clone()]);
        assert_eq!(kids(&ring.jwks_at(160)), [third]);
    }

    #[test]
    fn the_key_file_is_private_made_once_and_read_back_and_the_old_format_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/federation-key.json");
        let first = Keyring::load_or_create(&path).unwrap().signer();
        let again = Keyring::load_or_create(&path).unwrap().signer();
        assert_eq!((first.kid(), first.public_jwk()), (again.kid(), again.public_jwk()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            Keyring::rotate(&path, 0, 0, 0).unwrap();
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600, "a rotation keeps it private");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let refused = Keyring::load(&path).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(refused.contains("readable by other users (mode 644)") && refused.contains("chmod 600"), "{refused}");
            assert!(Keyring::rotate(&path, 0, 0, 0).is_err(), "nor rotated");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let refused = Keyring::create(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refused.contains("exists"), "an existing key is never replaced: {refused}");

        let old = dir.path().join("old.json");
        let signer = Es256Signer::generate();
        let single = format!(r#"{{"kid":"{}","d":"{}"}}"#, signer.kid(), URL_SAFE_NO_PAD.encode(signer.scalar()));
        write_new(&old, single.as_bytes()).unwrap();
        let ring = Keyring::load(&old).unwrap();
        assert_eq!(ring.signer().public_jwk(), signer.public_jwk());

        for (bad, says) in [("{}", "federation-key"), (r#"{"keys":[]}"#, "holds no key"), (r#"{"kid":"k","d":"AAAA"}"#, "not a P-256")] {
            std::fs::remove_file(&path).unwrap();
            write_new(&path, bad.as_bytes()).unwrap();
            let error = Keyring::load(&path).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains(says), "{bad}: {error}");
        }
        let missing = Keyring::load(&dir.path().join("none.json")).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(missing.contains("none.json"), "{missing}");
        assert!(!dir.path().join("none.json").exists(), "loading makes nothing");
    }

    #[cfg(unix)]
    #[test]
    fn a_rotation_keeps_the_files_mode_and_a_mended_file_is_read_again() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        let ring = Keyring::load_or_create(&path).unwrap();
        let first = ring.signer_at(10).kid().to_owned();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let next = Keyring::rotate(&path, 10, 0, 100).unwrap().kid;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640, "the group that reads the key still does");

        // Shared by mistake before any process read it: refused, the keys read before sign on.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(ring.signer_at(10).kid(), first);
        // Mended (only the file's status time changes): read again.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(ring.signer_at(10).kid(), next);
    }

    #[test]
    fn an_unreadable_change_keeps_the_keys_read_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        let ring = Keyring::load_or_create(&path).unwrap();
        let kid = ring.signer().kid().to_owned();
        std::fs::write(&path, "half a fi").unwrap();
        assert_eq!(ring.signer().kid(), kid);
        assert_eq!(kids(&ring.jwks()), [kid]);
    }
}
