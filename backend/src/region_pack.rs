//! Region packs: importing a pack folder idempotently, reading back the pack the database holds,
//! and writing it out as a folder again.
//!
//! Everything is read and validated before anything is written (`pack_reader`); every problem
//! names its file, line and field. The store then writes files under keys derived from their
//! content and the catalog in one transaction (`store/pack_write.rs`).

use std::collections::HashMap;
use std::path::Path;

use bytes::Bytes;

pub use crate::pack_reader::{load, FileType, LoadedBlank, LoadedForm, LoadedPack, LoadedTemplate, Progress, Quiet};
pub use crate::store::{is_imported, stored, ImportReport, StoredPack};

use crate::{Db, Error, FileStore, Result};

/// Imports the pack in `dir` quietly; see [`import_with_progress`].
pub async fn import(db: &Db, files: &FileStore, dir: &Path) -> Result<ImportReport> {
    import_with_progress(db, files, dir, &Quiet).await.map(|(report, _)| report)
}

/// Validates the whole pack in `dir`, then writes files and catalog. Returns what changed and
/// the warnings (claims the pack does not back).
pub async fn import_with_progress(db: &Db, files: &FileStore, dir: &Path, progress: &dyn Progress) -> Result<(ImportReport, Vec<domain::region::PackError>)> {
    let loaded = load(dir, progress).await?;
    let report = crate::store::write_pack(db, files, &loaded, None, progress).await?;
    tracing::info!(region = %loaded.pack.manifest.code, ?report, warnings = loaded.warnings.len(), "region pack imported");
    Ok((report, loaded.warnings))
}

/// The files of a region pack folder, path → bytes, for writing out or zipping; reads blank
/// bytes from the file store.
pub async fn pack_files(loaded: &LoadedPack, files: &FileStore) -> Result<Vec<(String, Bytes)>> {
    let mut manifest = loaded.pack.manifest.clone();
    let mut out = Vec::new();
    manifest.coat_of_arms = loaded.coat_of_arms.as_ref().map(|(bytes, kind)| {
        let name = format!("coat-of-arms.{}", kind.extension);
        out.push((name.clone(), bytes.clone()));
        name
    });
    let toml = toml::to_string_pretty(&manifest).map_err(|e| Error::Corrupt(format!("region as TOML: {e}")))?;
    out.insert(0, ("region.toml".to_owned(), Bytes::from(toml)));
    let yaml = serde_yaml_ng::to_string(&loaded.pack.catalog).map_err(|e| Error::Corrupt(format!("catalog as YAML: {e}")))?;
    out.insert(1, ("catalog.yaml".to_owned(), Bytes::from(yaml)));
    let mut seen = HashMap::new();
    for blank in &loaded.blanks {
        // A file listed by two services is one file in the folder: it must be the same file.
        match seen.insert(blank.file_name.clone(), blank.sha256.clone()) {
            Some(sha256) if sha256 == blank.sha256 => continue,
            Some(_) => return Err(Error::Export(format!("two different blanks are named {}", blank.file_name))),
            None => {}
        }
        let key = format!("blanks/{}", blank.sha256);
        let bytes = match &blank.bytes {
            Some(bytes) => bytes.clone(),
            None => files.get(&key).await?.ok_or_else(|| Error::Corrupt(format!("blank {key} is missing from the file store")))?,
        };
        out.push((format!("blanks/{}", blank.file_name), bytes));
    }
    let used: std::collections::HashSet<&str> = loaded.pack.catalog.services.iter().filter_map(|s| s.online_form.as_deref()).collect();
    let mut forms: Vec<_> = loaded.forms.iter().filter(|(name, _)| used.contains(name.as_str())).collect();
    forms.sort_by_key(|(name, _)| *name);
    for (name, form) in forms {
        let pretty = serde_json::to_string_pretty(&form.schema).map_err(|e| Error::Corrupt(e.to_string()))?;
        out.push((format!("forms/{name}.json"), Bytes::from(pretty + "\n")));
    }
    let mut templates: Vec<_> = loaded.templates.iter().filter(|(code, _)| loaded.pack.catalog.services.iter().any(|s| &s.code == *code)).collect();
    templates.sort_by_key(|(code, _)| *code);
    for (code, template) in templates {
        out.push((format!("documents/{code}.txt"), Bytes::from(template.source.clone())));
    }
    Ok(out)
}

/// Writes the published pack into the folder `dir`, which must be empty or not exist yet.
pub async fn export(db: &Db, files: &FileStore, dir: &std::path::Path) -> Result<usize> {
    let stored = stored(db, files).await?.ok_or_else(|| Error::Corrupt("no region has been imported".into()))?;
    let io = |e: std::io::Error| Error::Export(format!("{}: {e}", dir.display()));
    if let Ok(mut existing) = tokio::fs::read_dir(dir).await {
        if existing.next_entry().await.map_err(io)?.is_some() {
            return Err(Error::Export(format!("{} is not empty", dir.display())));
        }
    }
    let list = pack_files(&stored.loaded, files).await?;
    for (path, bytes) in &list {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(io)?;
        }
        tokio::fs::write(&target, bytes).await.map_err(io)?;
    }
    Ok(list.len())
}
