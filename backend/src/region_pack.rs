//! Loading a region pack folder and importing it idempotently.
//!
//! Everything is read and validated before anything is written; the catalog is written in one
//! transaction. Each stored entry keeps its pack source, so a re-import writes only what changed,
//! adds what is new and unpublishes (never deletes) what vanished.

use std::collections::HashMap;
use std::path::Path;

use bytes::Bytes;
use domain::region::{CatalogPack, PackError, RegionManifest, RegionPack};
use serde::Serialize;

use crate::db::with_pool;
use crate::{Db, Error, FileStore, Result};

/// A pack read from its folder, with the files it refers to.
#[derive(Debug)]
pub struct LoadedPack {
    /// The parsed, validated pack.
    pub pack: RegionPack,
    /// The coat of arms: bytes and content type.
    pub coat_of_arms: Option<(Bytes, &'static str)>,
}

/// What an import changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Entries that were not there before.
    pub added: u32,
    /// Entries whose content, order or publication changed.
    pub updated: u32,
    /// Entries left as they were.
    pub unchanged: u32,
    /// Entries that vanished from the pack and were unpublished.
    pub unpublished: u32,
}

fn pack_error(file: &'static str, path: impl Into<String>, problem: impl Into<String>) -> Error {
    Error::Pack(vec![PackError { file, line: None, path: path.into(), problem: problem.into() }])
}

/// A YAML error as `file:line path: problem`, without the parser's own decorations.
fn yaml_error(file: &'static str, e: serde_path_to_error::Error<serde_yaml_ng::Error>) -> Error {
    let inner = e.inner();
    let mut problem = inner.to_string();
    let line = inner.location().map(|l| {
        let suffix = format!(" at line {} column {}", l.line(), l.column());
        if let Some(stripped) = problem.strip_suffix(&suffix) {
            problem = stripped.to_owned();
        }
        l.line()
    });
    // The parser prefixes its own path ("services[0]: "); ours is more precise.
    if let Some((prefix, rest)) = problem.split_once(": ") {
        if !prefix.contains(' ') {
            problem = rest.to_owned();
        }
    }
    Error::Pack(vec![PackError { file, line, path: e.path().to_string(), problem }])
}

async fn read(dir: &Path, file: &'static str) -> Result<Vec<u8>> {
    tokio::fs::read(dir.join(file)).await.map_err(|e| pack_error(file, "", format!("cannot read: {e}")))
}

/// Reads and validates the pack in `dir`; any problem is an [`Error::Pack`] listing them all.
pub async fn load(dir: &Path) -> Result<LoadedPack> {
    let manifest_text = String::from_utf8(read(dir, "region.toml").await?)
        .map_err(|_| pack_error("region.toml", "", "is not UTF-8 text"))?;
    let manifest: RegionManifest = toml::from_str(&manifest_text).map_err(|e| {
        let line = e.span().map(|s| manifest_text[..s.start.min(manifest_text.len())].lines().count().max(1));
        Error::Pack(vec![PackError { file: "region.toml", line, path: String::new(), problem: e.message().to_owned() }])
    })?;
    let catalog_text = String::from_utf8(read(dir, "catalog.yaml").await?)
        .map_err(|_| pack_error("catalog.yaml", "", "is not UTF-8 text"))?;
    let catalog: CatalogPack = serde_path_to_error::deserialize(serde_yaml_ng::Deserializer::from_str(&catalog_text))
        .map_err(|e| yaml_error("catalog.yaml", e))?;
    let pack = RegionPack { manifest, catalog };
    let errors = pack.validate();
    if !errors.is_empty() {
        return Err(Error::Pack(errors));
    }
    let coat_of_arms = match &pack.manifest.coat_of_arms {
        None => None,
        Some(name) => {
            let bytes = tokio::fs::read(dir.join(name))
                .await
                .map_err(|e| pack_error("region.toml", "coat_of_arms", format!("cannot read \"{name}\": {e}")))?;
            let kind = image_type(&bytes)
                .ok_or_else(|| pack_error("region.toml", "coat_of_arms", format!("\"{name}\" is neither SVG nor PNG")))?;
            Some((Bytes::from(bytes), kind))
        }
    };
    Ok(LoadedPack { pack, coat_of_arms })
}

/// The content type of an image, judged by its bytes rather than its name.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg"))).then_some("image/svg+xml")
}

/// One entry to be written: its code, position and canonical source.
struct Planned<'a, E> {
    entry: &'a E,
    code: &'a str,
    position: i32,
    source: String,
}

/// What to write for one table.
struct Plan<'a, E> {
    upserts: Vec<Planned<'a, E>>,
    unpublish: Vec<String>,
}

/// Compares pack entries with stored `(code, source, position, published)` rows.
fn plan<'a, E: Serialize>(
    stored: Vec<(String, String, i32, bool)>,
    entries: impl Iterator<Item = (&'a str, &'a E)>,
    report: &mut ImportReport,
) -> Plan<'a, E> {
    let mut stored: HashMap<String, (String, i32, bool)> =
        stored.into_iter().map(|(code, source, pos, published)| (code, (source, pos, published))).collect();
    let mut upserts = Vec::new();
    for (position, (code, entry)) in entries.enumerate() {
        let source = serde_json::to_string(entry).expect("pack entries serialise");
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        match stored.remove(code) {
            Some(old) if old == (source.clone(), position, true) => report.unchanged += 1,
            Some(_) => {
                report.updated += 1;
                upserts.push(Planned { entry, code, position, source });
            }
            None => {
                report.added += 1;
                upserts.push(Planned { entry, code, position, source });
            }
        }
    }
    let mut unpublish: Vec<String> = stored.into_iter().filter(|(_, (_, _, published))| *published).map(|(c, _)| c).collect();
    unpublish.sort();
    report.unpublished += unpublish.len() as u32;
    Plan { upserts, unpublish }
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("localized texts serialise")
}

/// Imports the pack in `dir`: validates all, then writes files and the catalog.
pub async fn import(db: &Db, files: &FileStore, dir: &Path) -> Result<ImportReport> {
    let loaded = load(dir).await?;
    let manifest = &loaded.pack.manifest;
    let catalog = &loaded.pack.catalog;
    let mut report = ImportReport::default();

    // The file goes first, under a stable key: if the transaction then fails, a re-import
    // finds it in place and nothing refers to a missing file.
    let mut coat_changed = false;
    let coat = match &loaded.coat_of_arms {
        Some((bytes, kind)) => {
            let key = format!("region/coat-of-arms.{}", if *kind == "image/png" { "png" } else { "svg" });
            if files.get(&key).await?.as_ref() != Some(bytes) {
                files.put(&key, bytes.clone()).await?;
                coat_changed = true;
            }
            Some((key, *kind))
        }
        None => None,
    };
    let region_source = json(manifest);

    with_pool!(db, |p| {
        let mut tx = p.begin().await?;
        let old: Option<(String,)> =
            sqlx::query_as("SELECT source FROM region WHERE id = 1").fetch_optional(&mut *tx).await?;
        match old {
            Some((s,)) if s == region_source && !coat_changed => report.unchanged += 1,
            old => {
                if old.is_some() { report.updated += 1 } else { report.added += 1 }
                sqlx::query(
                    "INSERT INTO region (id, code, name, default_locale, locales, coat_of_arms, coat_of_arms_type, \
                     colour_primary, colour_accent, phone, email, source) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, \
                     default_locale = excluded.default_locale, locales = excluded.locales, coat_of_arms = excluded.coat_of_arms, \
                     coat_of_arms_type = excluded.coat_of_arms_type, colour_primary = excluded.colour_primary, \
                     colour_accent = excluded.colour_accent, phone = excluded.phone, email = excluded.email, source = excluded.source",
                )
                .bind(&manifest.code)
                .bind(json(&manifest.name))
                .bind(manifest.default_locale.as_str())
                .bind(json(&manifest.locales))
                .bind(coat.as_ref().map(|(key, _)| key.as_str()))
                .bind(coat.as_ref().map(|(_, kind)| *kind))
                .bind(&manifest.colours.primary)
                .bind(&manifest.colours.accent)
                .bind(&manifest.contacts.phone)
                .bind(&manifest.contacts.email)
                .bind(&region_source)
                .execute(&mut *tx)
                .await?;
            }
        }

        let stored = sqlx::query_as("SELECT code, source, position, published FROM categories").fetch_all(&mut *tx).await?;
        let categories = plan(stored, catalog.categories.iter().map(|c| (c.code.as_str(), c)), &mut report);
        for c in &categories.upserts {
            sqlx::query(
                "INSERT INTO categories (code, title, position, published, source) VALUES ($1, $2, $3, TRUE, $4) \
                 ON CONFLICT (code) DO UPDATE SET title = excluded.title, position = excluded.position, \
                 published = TRUE, source = excluded.source",
            )
            .bind(c.code)
            .bind(json(&c.entry.title))
            .bind(c.position)
            .bind(&c.source)
            .execute(&mut *tx)
            .await?;
        }

        let stored = sqlx::query_as("SELECT code, source, position, published FROM departments").fetch_all(&mut *tx).await?;
        let departments = plan(stored, catalog.departments.iter().map(|d| (d.code.as_str(), d)), &mut report);
        for d in &departments.upserts {
            sqlx::query(
                "INSERT INTO departments (code, name, position, published, source) VALUES ($1, $2, $3, TRUE, $4) \
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, position = excluded.position, \
                 published = TRUE, source = excluded.source",
            )
            .bind(d.code)
            .bind(json(&d.entry.name))
            .bind(d.position)
            .bind(&d.source)
            .execute(&mut *tx)
            .await?;
        }

        let stored = sqlx::query_as("SELECT code, source, position, published FROM services").fetch_all(&mut *tx).await?;
        let services = plan(stored, catalog.services.iter().map(|s| (s.code.as_str(), s)), &mut report);
        for s in &services.upserts {
            sqlx::query(
                "INSERT INTO services (code, title, summary, category_code, department_code, stage, priority, position, published, source) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, TRUE, $9) \
                 ON CONFLICT (code) DO UPDATE SET title = excluded.title, summary = excluded.summary, \
                 category_code = excluded.category_code, department_code = excluded.department_code, stage = excluded.stage, \
                 priority = excluded.priority, position = excluded.position, published = TRUE, source = excluded.source",
            )
            .bind(s.code)
            .bind(json(&s.entry.title))
            .bind(json(&s.entry.summary))
            .bind(&s.entry.category)
            .bind(&s.entry.department)
            .bind(i32::from(s.entry.stage.number()))
            .bind(s.entry.priority)
            .bind(s.position)
            .bind(&s.source)
            .execute(&mut *tx)
            .await?;
        }

        for code in &services.unpublish {
            sqlx::query("UPDATE services SET published = FALSE WHERE code = $1").bind(code).execute(&mut *tx).await?;
        }
        for code in &departments.unpublish {
            sqlx::query("UPDATE departments SET published = FALSE WHERE code = $1").bind(code).execute(&mut *tx).await?;
        }
        for code in &categories.unpublish {
            sqlx::query("UPDATE categories SET published = FALSE WHERE code = $1").bind(code).execute(&mut *tx).await?;
        }
        if report.added + report.updated + report.unpublished > 0 {
            sqlx::query("UPDATE catalog_version SET version = version + 1 WHERE id = 1").execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    tracing::info!(region = %manifest.code, ?report, "region pack imported");
    Ok(report)
}

/// True when the database holds a region already (the pack was imported once).
pub async fn is_imported(db: &Db) -> Result<bool> {
    let row: Option<(i32,)> = with_pool!(db, |p| sqlx::query_as("SELECT id FROM region WHERE id = 1").fetch_optional(p).await?);
    Ok(row.is_some())
}

#[cfg(test)]
mod tests {
    use super::image_type;

    #[test]
    fn images_are_recognised_by_content_not_name() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_type(b"\xef\xbb\xbf  <svg xmlns='http://www.w3.org/2000/svg'/>"), Some("image/svg+xml"));
        assert_eq!(image_type(b"<?xml version='1.0'?>\n<svg/>"), Some("image/svg+xml"));
        assert_eq!(image_type(b"<html><script>"), None);
        assert_eq!(image_type(b""), None);
    }
}
