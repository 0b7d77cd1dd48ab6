//! Files of applications: checked (size, count, type by content, the scanner) before anything is
//! stored; stored (durably) before their row is written; downloadable only by who may see them.

use bytes::Bytes;
use domain::application::{FileView, Refusal, UploadProblem};
use domain::forms::{FieldType, FileInfo, Files, FormSchema};
use sha2::{Digest, Sha256};

use super::rows::DbAttachment;
use crate::db::with_writer;
use crate::files::file_type::attachment_type;
use crate::files::scan::{Scanner, Verdict};
use crate::{Db, Error, FileStore, Result};

/// A file sent with a form page.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The form field (`scan`, `children[0].certificate`).
    pub field_path: String,
    /// The name it came with (shown back, never used as a path).
    pub file_name: String,
    /// Its bytes.
    pub bytes: Bytes,
}

/// The form's files as the validator reads them.
pub(crate) fn files_of(rows: &[DbAttachment]) -> Files {
    let mut files = Files::new();
    for a in rows.iter().filter(|a| a.kind == "form") {
        let (Some(path), Some(format)) = (&a.field_path, format_of(&a.content_type)) else { continue };
        files.entry(path.clone()).or_default().push(FileInfo { size: u64::try_from(a.size).unwrap_or(0), format });
    }
    files
}

/// The format of a stored attachment by its (content-judged) MIME type.
fn format_of(content_type: &str) -> Option<domain::forms::FileFormat> {
    use domain::forms::FileFormat::*;
    Some(match content_type {
        "application/pdf" => Pdf,
        "image/jpeg" => Jpeg,
        "image/png" => Png,
        "application/vnd.oasis.opendocument.text" => Odt,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Docx,
        _ => return None,
    })
}

/// The file field at `path` of a draft's `schema` with `data`'s groups, if there is one.
fn file_field<'s>(schema: &'s FormSchema, data: &domain::forms::FormData, path: &str) -> Option<&'s domain::forms::Field> {
    match path.split_once('[') {
        None => schema.field(path).filter(|f| f.kind == FieldType::File),
        Some((group, rest)) => {
            let (index, field) = rest.split_once("].")?;
            let index: usize = index.parse().ok()?;
            let g = schema.field(group).filter(|g| g.kind == FieldType::Group)?;
            (index < data.groups.get(group).map_or(0, Vec::len)).then_some(())?;
            g.fields.iter().find(|f| f.id == field && f.kind == FieldType::File)
        }
    }
}

fn upload_refused(problem: UploadProblem) -> Error {
    Error::Refused(Refusal::Upload { problem })
}

/// Checks a file sent for `path` of draft `id` and stores it; returns it as listed.
pub async fn attach(db: &Db, files: &FileStore, scanner: &dyn Scanner, person_id: i64, id: &str, upload: Upload, now: i64) -> Result<FileView> {
    let row = db.own_draft(person_id, id).await?;
    let schema = db.form_version(&row.service_code, row.form_version).await?.ok_or(Error::Refused(Refusal::NotOnline))?;
    let data = row.form_data()?;
    let field = file_field(&schema, &data, &upload.field_path).ok_or(upload_refused(UploadProblem::NotAFileField))?;
    if upload.bytes.is_empty() {
        return Err(upload_refused(UploadProblem::Empty));
    }
    if upload.bytes.len() as u64 > field.size_limit() {
        return Err(upload_refused(UploadProblem::TooLarge { max_kb: field.size_limit() / 1024 }));
    }
    let existing = db.attachment_rows(id).await?;
    let already = existing.iter().filter(|a| a.field_path.as_deref() == Some(upload.field_path.as_str())).count();
    if already >= field.file_limit() as usize {
        return Err(upload_refused(UploadProblem::TooMany { max: field.file_limit() }));
    }
    let accepted = field.formats();
    let Some((_, kind)) = attachment_type(&upload.bytes).filter(|(f, _)| accepted.contains(f)) else {
        return Err(upload_refused(UploadProblem::WrongType { accepted }));
    };
    store_attachment(db, files, scanner, id, "form", Some(&upload.field_path), None, &upload.file_name, kind.mime, upload.bytes, now).await
}

/// Scans, stores and records one file of application `id`. The file is written (and synced)
/// before its row: a crash in between leaves an unreferenced file, never a row without its file.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn store_attachment(
    db: &Db,
    files: &FileStore,
    scanner: &dyn Scanner,
    id: &str,
    kind: &str,
    field_path: Option<&str>,
    message_id: Option<i64>,
    file_name: &str,
    content_type: &str,
    bytes: Bytes,
    now: i64,
) -> Result<FileView> {
    let name = clean_name(file_name);
    if let Verdict::Refused(reason) = scanner.scan(&name, &bytes).await {
        tracing::warn!(application = id, %reason, "the scanner refused an upload");
        return Err(upload_refused(UploadProblem::Rejected));
    }
    let attachment_id = uuid::Uuid::new_v4().to_string();
    // Spread over 256 folders made once, rather than a new folder (and its sync) per application.
    let key = format!("attachments/{}/{attachment_id}", &attachment_id[..2]);
    // Hashing a large file is CPU work: off the async workers, like the file write itself.
    let to_hash = bytes.clone();
    let sha256: String = tokio::task::spawn_blocking(move || Sha256::digest(&to_hash).iter().map(|b| format!("{b:02x}")).collect())
        .await
        .map_err(|e| Error::Corrupt(format!("hashing an upload: {e}")))?;
    let size = bytes.len() as i64;
    files.put(&key, bytes).await?;
    let inserted = with_writer!(db, |p| sqlx::query(
        "INSERT INTO attachments (id, application_id, kind, field_path, message_id, file_name, content_type, size, sha256, file_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    )
    .bind(&attachment_id)
    .bind(id)
    .bind(kind)
    .bind(field_path)
    .bind(message_id)
    .bind(&name)
    .bind(content_type)
    .bind(size)
    .bind(&sha256)
    .bind(&key)
    .bind(now)
    .execute(p)
    .await
    .map(|_| ()));
    if let Err(e) = inserted {
        // Nothing refers to the file: take it away again.
        let _ = files.delete(&key).await;
        return Err(e.into());
    }
    Ok(FileView { id: attachment_id, name, size: u64::try_from(size).unwrap_or(0), field: field_path.map(str::to_owned) })
}

/// A file name safe to show and to offer for download: no folders, no control characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base.chars().filter(|c| !c.is_control()).take(150).collect();
    if clean.trim().is_empty() { "file".into() } else { clean.trim().to_owned() }
}

/// Removes file `attachment` from draft `id`.
pub async fn detach(db: &Db, files: &FileStore, person_id: i64, id: &str, attachment: &str) -> Result<()> {
    db.own_draft(person_id, id).await?;
    let rows = db.attachment_rows(id).await?;
    let a = rows.iter().find(|a| a.id == attachment && a.kind == "form").ok_or(Error::Refused(Refusal::NotFound))?;
    db.delete_attachment_row(&a.id).await?;
    files.delete(&a.file_key).await
}

/// A stored file to stream to its reader.
#[derive(Debug, Clone)]
pub struct AttachmentFile {
    /// Key in the file store.
    pub key: String,
    /// Name to offer.
    pub file_name: String,
    /// MIME type.
    pub content_type: String,
    /// Hex SHA-256, for the `ETag`.
    pub sha256: String,
}

impl Db {
    pub(crate) async fn delete_attachment_row(&self, id: &str) -> Result<()> {
        with_writer!(self, |p| {
            sqlx::query("DELETE FROM attachments WHERE id = $1").bind(id).execute(p).await?;
        });
        Ok(())
    }

    /// File `attachment` of application `id`, whoever asks; callers check who may see it.
    pub async fn attachment_file(&self, id: &str, attachment: &str) -> Result<Option<AttachmentFile>> {
        let rows = self.attachment_rows(id).await?;
        Ok(rows.into_iter().find(|a| a.id == attachment).map(|a| AttachmentFile {
            key: a.file_key,
            file_name: a.file_name,
            content_type: a.content_type,
            sha256: a.sha256,
        }))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn uploaded_names_lose_folders_and_control_characters() {
        assert_eq!(super::clean_name("C:\\Users\\m\\скан паспорта.pdf"), "скан паспорта.pdf");
        assert_eq!(super::clean_name("../../etc/passwd"), "passwd");
        assert_eq!(super::clean_name("a\u{0}b\nc.pdf"), "abc.pdf");
        assert_eq!(super::clean_name("/"), "file");
    }
}
