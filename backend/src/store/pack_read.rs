//! The region pack the database holds: every published entry as its pack source, with its
//! files. The catalog editor changes this pack and writes it back through the importer; the
//! export writes it out as a folder (`region_pack.rs`).

use std::collections::HashMap;

use domain::region::{CatalogPack, DepartmentEntry, MunicipalityEntry, RegionManifest, RegionPack, ServiceEntry};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::catalog::parse_schema;
use super::with_pool;
use crate::files::file_type::by_mime;
use crate::pack_reader::{LoadedBlank, LoadedForm, LoadedPack, LoadedTemplate};
use crate::{Db, Error, FileStore, Result};

/// The pack stored in the database, with the catalog version it was read at.
#[derive(Debug)]
pub struct StoredPack {
    /// Published entries and their files; blank bytes stay in the file store.
    pub loaded: LoadedPack,
    /// Entries that were unpublished, kept so they can be published again.
    pub unpublished: CatalogPack,
    /// The blanks of unpublished services.
    pub unpublished_blanks: Vec<LoadedBlank>,
    /// `catalog_version` when it was read: a write made from it fails if the catalog moved on.
    pub version: i64,
}

fn parse<T: DeserializeOwned>(what: &str, source: &str) -> Result<T> {
    serde_json::from_str(source).map_err(|e| Error::Corrupt(format!("stored {what}: {e}")))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Published and unpublished entries of `table`, each in catalog order.
async fn entries<T: DeserializeOwned>(db: &Db, table: &str) -> Result<(Vec<T>, Vec<T>)> {
    let select = format!("SELECT source, published FROM {table} ORDER BY position, code");
    let rows: Vec<(String, bool)> = with_pool!(db, |p| sqlx::query_as(&select).fetch_all(p).await?);
    let (mut published, mut hidden) = (Vec::new(), Vec::new());
    for (source, is_published) in rows {
        let entry = parse(table, &source)?;
        if is_published {
            published.push(entry)
        } else {
            hidden.push(entry)
        }
    }
    Ok((published, hidden))
}

/// The published departments, municipalities and services, in catalog order (for open data).
pub async fn published_catalog(db: &Db) -> Result<(Vec<DepartmentEntry>, Vec<MunicipalityEntry>, Vec<ServiceEntry>)> {
    Ok((entries(db, "departments").await?.0, entries(db, "municipalities").await?.0, entries(db, "services").await?.0))
}

#[derive(sqlx::FromRow)]
struct DbBlank {
    service_code: String,
    file_name: String,
    content_type: String,
    size: i64,
    sha256: String,
}

/// Reads the stored pack; `None` before any region was imported.
#[tracing::instrument(skip_all)]
pub async fn stored(db: &Db, files: &FileStore) -> Result<Option<StoredPack>> {
    let version = db.catalog_version().await?;
    let region: Option<(String, Option<String>, Option<String>)> =
        with_pool!(db, |p| sqlx::query_as("SELECT source, coat_of_arms, coat_of_arms_type FROM region WHERE id = 1").fetch_optional(p).await?);
    let Some((source, coat_key, coat_type)) = region else { return Ok(None) };
    let manifest: RegionManifest = parse("region", &source)?;
    let coat_of_arms = match (coat_key, coat_type.as_deref().and_then(by_mime)) {
        (Some(key), Some(kind)) => files.get(&key).await?.map(|bytes| (bytes, kind)),
        _ => None,
    };

    let (categories, hidden_categories) = entries(db, "categories").await?;
    let (life_situations, hidden_situations) = entries(db, "life_situations").await?;
    let (departments, hidden_departments) = entries(db, "departments").await?;
    let (municipalities, hidden_municipalities) = entries(db, "municipalities").await?;
    let (services, hidden_services) = entries::<domain::region::ServiceEntry>(db, "services").await?;

    let rows: Vec<DbBlank> = with_pool!(db, |p| sqlx::query_as("SELECT service_code, file_name, content_type, size, sha256 FROM blanks").fetch_all(p).await?);
    let mut blank_rows: HashMap<(String, String), DbBlank> = rows.into_iter().map(|b| ((b.service_code.clone(), b.file_name.clone()), b)).collect();
    let (mut blanks, mut unpublished_blanks) = (Vec::new(), Vec::new());
    for (published, service) in services.iter().map(|s| (true, s)).chain(hidden_services.iter().map(|s| (false, s))) {
        let list = if published { &mut blanks } else { &mut unpublished_blanks };
        for entry in &service.blanks {
            let file_name = entry.file.trim_start_matches("blanks/").to_owned();
            let row = blank_rows
                .remove(&(service.code.clone(), file_name.clone()))
                .ok_or_else(|| Error::Corrupt(format!("service {} lists {} but no such blank is stored", service.code, entry.file)))?;
            let file_type = by_mime(&row.content_type).ok_or_else(|| Error::Corrupt(format!("blank type {}", row.content_type)))?;
            list.push(LoadedBlank {
                service: service.code.clone(),
                file_name,
                bytes: None,
                size: u64::try_from(row.size).unwrap_or_default(),
                file_type,
                sha256: row.sha256,
            });
        }
    }

    // The current version of each service's online form, under the name the service gives it.
    let rows: Vec<(String, String, String)> = with_pool!(db, |p| sqlx::query_as(
        "SELECT s.code, s.online_form, f.schema FROM services s \
         JOIN form_schemas f ON f.service_code = s.code AND f.version = s.form_version \
         WHERE s.online_form IS NOT NULL"
    )
    .fetch_all(p)
    .await?);
    let mut forms = HashMap::new();
    for (_, name, canonical) in rows {
        let schema = parse_schema(&canonical)?;
        forms.insert(name, LoadedForm { schema, sha256: sha256_hex(canonical.as_bytes()), canonical });
    }
    let rows: Vec<(String, String)> = with_pool!(db, |p| sqlx::query_as("SELECT service_code, template FROM document_templates").fetch_all(p).await?);
    let templates = rows.into_iter().map(|(code, source)| (code, LoadedTemplate { sha256: sha256_hex(source.as_bytes()), source })).collect();

    let catalog = CatalogPack { categories, life_situations, departments, municipalities, services };
    let unpublished = CatalogPack {
        categories: hidden_categories,
        life_situations: hidden_situations,
        departments: hidden_departments,
        municipalities: hidden_municipalities,
        services: hidden_services,
    };
    Ok(Some(StoredPack {
        loaded: LoadedPack { pack: RegionPack { manifest, catalog }, coat_of_arms, blanks, warnings: Vec::new(), forms, templates },
        unpublished,
        unpublished_blanks,
        version,
    }))
}
