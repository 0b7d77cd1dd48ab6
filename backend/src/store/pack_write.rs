//! Writing a loaded pack: files first (content-addressed), then the catalog in one transaction,
//! touching only what changed.

use std::collections::HashMap;

use domain::region::ServiceEntry;
use serde::Serialize;

use super::{with_pool, with_writer};
use crate::pack_reader::{LoadedBlank, LoadedForm, LoadedPack, LoadedTemplate, Progress};
use crate::{Db, FileStore, Result};

/// What an import changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Entries that were not there before.
    pub added: u32,
    /// Entries whose content, order, files or publication changed.
    pub updated: u32,
    /// Entries left as they were.
    pub unchanged: u32,
    /// Entries that vanished from the pack and were unpublished.
    pub unpublished: u32,
}

impl ImportReport {
    fn changed(&self) -> bool {
        self.added + self.updated + self.unpublished > 0
    }
}

/// One entry to be written: its code, position and what identifies its content.
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

/// Compares pack entries `(code, entry, content)` with stored `(code, content, position, published)`.
fn plan<'a, E>(stored: Vec<(String, String, i32, bool)>, entries: impl Iterator<Item = (&'a str, &'a E, String)>, report: &mut ImportReport) -> Plan<'a, E> {
    let mut stored: HashMap<String, (String, i32, bool)> = stored.into_iter().map(|(code, source, pos, published)| (code, (source, pos, published))).collect();
    let mut upserts = Vec::new();
    for (position, (code, entry, source)) in entries.enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        match stored.remove(code) {
            Some(old) if old == (source.clone(), position, true) => report.unchanged += 1,
            old => {
                if old.is_some() {
                    report.updated += 1
                } else {
                    report.added += 1
                }
                upserts.push(Planned { entry, code, position, source });
            }
        }
    }
    let mut unpublish: Vec<String> = stored.into_iter().filter(|(_, (_, _, published))| *published).map(|(c, _)| c).collect();
    unpublish.sort();
    report.unpublished += unpublish.len() as u32;
    Plan { upserts, unpublish }
}

pub(crate) fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("pack entries serialise")
}

/// What identifies a service's content: its entry, the checksums of its files and whether its
/// online form and result template are present.
fn service_content(entry: &ServiceEntry, blanks: &[&LoadedBlank], form: Option<&LoadedForm>, template: Option<&LoadedTemplate>) -> String {
    format!("{}|{}", json(entry), files_digest(blanks, form, template))
}

fn files_digest(blanks: &[&LoadedBlank], form: Option<&LoadedForm>, template: Option<&LoadedTemplate>) -> String {
    let mut digest = blanks.iter().map(|b| b.sha256.as_str()).collect::<Vec<_>>().join(",");
    if let Some(f) = form {
        digest.push_str(&format!(";form:{}", f.sha256));
    }
    if let Some(t) = template {
        digest.push_str(&format!(";template:{}", t.sha256));
    }
    digest
}

/// Writes `loaded`: files first, under keys derived from their content, then the catalog in one
/// transaction; each stored entry keeps its pack source, so a re-import writes only what
/// changed, adds what is new and unpublishes (never deletes) what vanished. With `read_at`, the write
/// happens only if the catalog is still at that version (the editor read it then), else
/// [`crate::Error::Conflict`] and nothing is written.
#[tracing::instrument(skip_all)]
pub(crate) async fn write(db: &Db, files: &FileStore, loaded: &LoadedPack, read_at: Option<i64>, progress: &dyn Progress) -> Result<ImportReport> {
    let manifest = &loaded.pack.manifest;
    let catalog = &loaded.pack.catalog;
    let mut report = ImportReport::default();

    // Files go first, under keys derived from their content: if the transaction then fails,
    // nothing refers to them yet, and a re-import finds them in place.
    let mut coat_changed = false;
    let coat = match &loaded.coat_of_arms {
        Some((bytes, kind)) => {
            let key = format!("region/coat-of-arms.{}", kind.extension);
            if files.get(&key).await?.as_ref() != Some(bytes) {
                files.put(&key, bytes.clone()).await?;
                coat_changed = true;
            }
            Some((key, kind.mime))
        }
        None => None,
    };
    progress.stage("storing blank forms", loaded.blanks.len());
    for blank in &loaded.blanks {
        let key = format!("blanks/{}", blank.sha256);
        if let Some(bytes) = &blank.bytes {
            if !files.exists(&key).await? {
                files.put(&key, bytes.clone()).await?;
            }
        }
        progress.step();
    }
    let mut blanks_of: HashMap<&str, Vec<&LoadedBlank>> = HashMap::new();
    for blank in &loaded.blanks {
        blanks_of.entry(blank.service.as_str()).or_default().push(blank);
    }
    let region_source = json(manifest);

    let form_of = |s: &ServiceEntry| s.online_form.as_ref().and_then(|name| loaded.forms.get(name));
    progress.stage("writing the catalog", catalog.services.len());
    with_writer!(db, |p| {
        let mut tx = p.begin().await?;
        if let Some(version) = read_at {
            // Also takes the row's lock (the database's write lock on SQLite) until commit.
            let held = sqlx::query("UPDATE catalog_version SET version = version WHERE id = 1 AND version = $1").bind(version).execute(&mut *tx).await?;
            if held.rows_affected() == 0 {
                return Err(crate::Error::Conflict);
            }
        }
        let old: Option<(String,)> = sqlx::query_as("SELECT source FROM region WHERE id = 1").fetch_optional(&mut *tx).await?;
        match old {
            Some((s,)) if s == region_source && !coat_changed => report.unchanged += 1,
            old => {
                if old.is_some() {
                    report.updated += 1
                } else {
                    report.added += 1
                }
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
                .bind(coat.as_ref().map(|(_, mime)| *mime))
                .bind(&manifest.colours.primary)
                .bind(&manifest.colours.accent)
                .bind(&manifest.contacts.phone)
                .bind(&manifest.contacts.email)
                .bind(&region_source)
                .execute(&mut *tx)
                .await?;
            }
        }

        // Categories, life situations, departments and municipalities: a code, one localized
        // name and the entry as source; the same statement shape for each table.
        let named = [
            ("categories", "title", catalog.categories.iter().map(|c| (c.code.as_str(), json(&c.title), json(c))).collect::<Vec<_>>()),
            ("life_situations", "title", catalog.life_situations.iter().map(|c| (c.code.as_str(), json(&c.title), json(c))).collect()),
            ("departments", "name", catalog.departments.iter().map(|c| (c.code.as_str(), json(&c.name), json(c))).collect()),
            ("municipalities", "name", catalog.municipalities.iter().map(|c| (c.code.as_str(), json(&c.name), json(c))).collect()),
        ];
        let mut unpublish_named = Vec::new();
        for (table, text_column, rows) in &named {
            let select = format!("SELECT code, source, position, published FROM {table}");
            let stored = sqlx::query_as(&select).fetch_all(&mut *tx).await?;
            let table_plan = plan(stored, rows.iter().map(|(code, text, source)| (*code, text, source.clone())), &mut report);
            let upsert = format!(
                "INSERT INTO {table} (code, {text_column}, position, published, source) VALUES ($1, $2, $3, TRUE, $4) \
                 ON CONFLICT (code) DO UPDATE SET {text_column} = excluded.{text_column}, position = excluded.position, \
                 published = TRUE, source = excluded.source"
            );
            for row in &table_plan.upserts {
                sqlx::query(&upsert).bind(row.code).bind(row.entry.as_str()).bind(row.position).bind(&row.source).execute(&mut *tx).await?;
            }
            unpublish_named.push((*table, table_plan.unpublish));
        }

        let stored = sqlx::query_as("SELECT code, source || '|' || files_digest, position, published FROM services").fetch_all(&mut *tx).await?;
        let no_blanks = Vec::new();
        let services = plan(
            stored,
            catalog.services.iter().map(|s| {
                let blanks = blanks_of.get(s.code.as_str()).unwrap_or(&no_blanks);
                (s.code.as_str(), s, service_content(s, blanks, form_of(s), loaded.templates.get(&s.code)))
            }),
            &mut report,
        );
        for s in &services.upserts {
            let e = s.entry;
            let blanks = blanks_of.get(e.code.as_str()).unwrap_or(&no_blanks);
            sqlx::query(
                "INSERT INTO services (code, title, summary, category_code, department_code, stage, priority, position, published, source, files_digest, online_form) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, TRUE, $9, $10, $11) \
                 ON CONFLICT (code) DO UPDATE SET title = excluded.title, summary = excluded.summary, \
                 category_code = excluded.category_code, department_code = excluded.department_code, stage = excluded.stage, \
                 priority = excluded.priority, position = excluded.position, published = TRUE, source = excluded.source, \
                 files_digest = excluded.files_digest, online_form = excluded.online_form",
            )
            .bind(s.code)
            .bind(json(&e.title))
            .bind(json(&e.summary))
            .bind(&e.category)
            .bind(&e.department)
            .bind(i32::from(e.stage.number()))
            .bind(e.priority)
            .bind(s.position)
            .bind(json(e))
            .bind(files_digest(blanks, form_of(e), loaded.templates.get(&e.code)))
            .bind(e.online_form.as_ref().filter(|_| form_of(e).is_some()))
            .execute(&mut *tx)
            .await?;
            // A changed online form becomes a new version; applications keep the one they were filed with.
            let latest: Option<(i32, String)> =
                sqlx::query_as("SELECT version, schema FROM form_schemas WHERE service_code = $1 ORDER BY version DESC LIMIT 1")
                    .bind(s.code)
                    .fetch_optional(&mut *tx)
                    .await?;
            let version = match (form_of(e), latest) {
                (None, _) => None,
                (Some(form), Some((version, schema))) if schema == form.canonical => Some(version),
                (Some(form), latest) => {
                    let version = latest.map_or(1, |(v, _)| v + 1);
                    sqlx::query("INSERT INTO form_schemas (service_code, version, schema, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(s.code)
                        .bind(version)
                        .bind(&form.canonical)
                        .bind(crate::clock::now_ms())
                        .execute(&mut *tx)
                        .await?;
                    Some(version)
                }
            };
            sqlx::query("UPDATE services SET form_version = $1 WHERE code = $2").bind(version).bind(s.code).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM document_templates WHERE service_code = $1").bind(s.code).execute(&mut *tx).await?;
            if let Some(t) = loaded.templates.get(&e.code) {
                sqlx::query("INSERT INTO document_templates (service_code, template) VALUES ($1, $2)").bind(s.code).bind(&t.source).execute(&mut *tx).await?;
            }
            // Which life situations and municipalities the service belongs to: replaced whole.
            for (table, column, codes) in
                [("service_life_situations", "life_situation_code", &e.life_situations), ("service_municipalities", "municipality_code", &e.municipalities)]
            {
                let delete = format!("DELETE FROM {table} WHERE service_code = $1");
                sqlx::query(&delete).bind(s.code).execute(&mut *tx).await?;
                let insert = format!("INSERT INTO {table} (service_code, {column}) VALUES ($1, $2)");
                for code in codes {
                    sqlx::query(&insert).bind(s.code).bind(code).execute(&mut *tx).await?;
                }
            }
            // Blank rows are never deleted: a download link that was handed out keeps meaning
            // the same file, and vanished blanks are only unpublished.
            sqlx::query("UPDATE blanks SET published = FALSE WHERE service_code = $1").bind(s.code).execute(&mut *tx).await?;
            for (position, (blank, entry)) in blanks.iter().zip(&e.blanks).enumerate() {
                sqlx::query(
                    "INSERT INTO blanks (service_code, file_name, title, position, file_key, content_type, size, sha256, published) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, TRUE) \
                     ON CONFLICT (service_code, file_name) DO UPDATE SET title = excluded.title, position = excluded.position, \
                     file_key = excluded.file_key, content_type = excluded.content_type, size = excluded.size, \
                     sha256 = excluded.sha256, published = TRUE",
                )
                .bind(s.code)
                .bind(&blank.file_name)
                .bind(json(&entry.title))
                .bind(position as i32)
                .bind(format!("blanks/{}", blank.sha256))
                .bind(blank.file_type.mime)
                .bind(blank.size as i64)
                .bind(&blank.sha256)
                .execute(&mut *tx)
                .await?;
            }
            progress.step();
        }

        for code in &services.unpublish {
            sqlx::query("UPDATE services SET published = FALSE WHERE code = $1").bind(code).execute(&mut *tx).await?;
        }
        for (table, codes) in &unpublish_named {
            let update = format!("UPDATE {table} SET published = FALSE WHERE code = $1");
            for code in codes {
                sqlx::query(&update).bind(code).execute(&mut *tx).await?;
            }
        }
        if report.changed() {
            sqlx::query("UPDATE catalog_version SET version = version + 1 WHERE id = 1").execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    Ok(report)
}

/// True when the database holds a region already (a pack was imported once).
#[tracing::instrument(skip_all)]
pub async fn is_imported(db: &Db) -> Result<bool> {
    let row: Option<(i32,)> = with_pool!(db, |p| sqlx::query_as("SELECT id FROM region WHERE id = 1").fetch_optional(p).await?);
    Ok(row.is_some())
}
