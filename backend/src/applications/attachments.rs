//! Files of applications: checked (size, count, type by content, the scanner) before anything is
//! stored; stored (durably) before their row is written; downloadable only by who may see them.

use bytes::Bytes;
use domain::application::{Refusal, UploadProblem};
use domain::forms::{FieldPath, FieldType, FileFormat, FileInfo, Files, FormSchema};
use domain::views::FileView;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};

use crate::files::file_type::attachment_type;
use crate::files::scan::{Scanner, Verdict};
use crate::store::{DbAttachment, NewAttachment};
use crate::{Db, Error, FileStore, Portal, Result};
use domain::access::Principal;

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
    match FieldPath::parse(path)? {
        FieldPath::Field(id) => schema.field(&id).filter(|f| f.kind == FieldType::File),
        FieldPath::Entry { group, index, field } => {
            let g = schema.field(&group).filter(|g| g.kind == FieldType::Group)?;
            (index < data.groups.get(&group).map_or(0, Vec::len)).then_some(())?;
            g.fields.iter().find(|f| f.id == field && f.kind == FieldType::File)
        }
    }
}

fn upload_refused(problem: UploadProblem) -> Error {
    Error::Refused(Refusal::Upload { problem })
}

/// What a received file must be.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest size in bytes.
    pub max_bytes: u64,
    /// Formats accepted, judged by content.
    pub formats: Vec<FileFormat>,
}

/// A file received into the store, not yet recorded. It belongs to nothing until [`Received::keep`]:
/// dropped before that (a refused, failed or broken-off request), it is deleted from the store.
#[derive(Debug)]
pub struct Received {
    /// Its key in the store.
    pub key: String,
    /// The name it came with, its extension the one of its type as judged by content.
    pub file_name: String,
    /// Its MIME type, judged by content.
    pub content_type: &'static str,
    /// Size in bytes.
    pub size: u64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    guard: Unkept,
}

/// Deletes a stored file when dropped, unless kept.
#[derive(Debug)]
struct Unkept {
    files: Option<FileStore>,
    key: String,
}

impl Unkept {
    async fn delete(mut self) {
        if let Some(files) = self.files.take() {
            if let Err(e) = files.delete(&self.key).await {
                tracing::error!(key = %self.key, error = %e, "could not delete a file that was not kept");
            }
        }
    }
}

impl Drop for Unkept {
    fn drop(&mut self) {
        // The request ended without deciding (it was cut off or panicked): delete in the background.
        let (Some(files), Ok(runtime)) = (self.files.take(), tokio::runtime::Handle::try_current()) else { return };
        let key = std::mem::take(&mut self.key);
        runtime.spawn(async move {
            if let Err(e) = files.delete(&key).await {
                tracing::error!(%key, error = %e, "could not delete a file that was not kept");
            }
        });
    }
}

impl Received {
    /// The file is now referred to (its row is written): it stays.
    pub fn keep(mut self) {
        self.guard.files = None;
    }

    /// Deletes the file now (rather than when dropped).
    pub async fn discard(self) {
        let Received { guard, .. } = self;
        guard.delete().await;
    }
}

/// Bytes read before judging a file's type.
const HEAD: usize = 64 * 1024;

/// Streams `chunks` (a file uploaded as `file_name`) into the store under a new key, checking
/// `limits` as the bytes arrive; then the scanner. Refused or broken off, nothing stays.
pub async fn receive<S, E>(files: &FileStore, scanner: &dyn Scanner, file_name: &str, mut chunks: S, limits: &Limits) -> Result<Received>
where
    S: Stream<Item = std::result::Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let broken = |e: E| {
        tracing::info!(error = %e, "an upload broke off");
        upload_refused(UploadProblem::Interrupted)
    };
    let too_large = || upload_refused(UploadProblem::TooLarge { max_kb: limits.max_bytes / 1024 });
    // The first bytes say what the file is; nothing is stored before they are judged.
    let mut head: Vec<Bytes> = Vec::new();
    let mut size: u64 = 0;
    while size < HEAD as u64 {
        match chunks.next().await {
            Some(chunk) => {
                let chunk = chunk.map_err(broken)?;
                size += chunk.len() as u64;
                head.push(chunk);
            }
            None => break,
        }
        if size > limits.max_bytes {
            return Err(too_large());
        }
    }
    if size == 0 {
        return Err(upload_refused(UploadProblem::Empty));
    }
    let first: Vec<u8> = head.iter().flat_map(|c| c.iter().copied()).take(HEAD).collect();
    let Some((_, kind)) = attachment_type(&first).filter(|(f, _)| limits.formats.contains(f)) else {
        return Err(upload_refused(UploadProblem::WrongType { accepted: limits.formats.clone() }));
    };
    let id = uuid::Uuid::new_v4().to_string();
    // Spread over 256 folders made once, rather than a new folder (and its sync) per application.
    let key = format!("attachments/{}/{id}", &id[..2]);
    let extension = kind.extension;
    let mut writing = files.start_writing(&key).await?;
    let outcome: Result<Sha256> = async {
        let mut hasher = Sha256::new();
        for chunk in head {
            hasher = hash(hasher, chunk.clone()).await?;
            writing.write(chunk).await?;
        }
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(broken)?;
            size += chunk.len() as u64;
            if size > limits.max_bytes {
                return Err(too_large());
            }
            hasher = hash(hasher, chunk.clone()).await?;
            writing.write(chunk).await?;
        }
        Ok(hasher)
    }
    .await;
    let hasher = match outcome {
        Ok(hasher) => hasher,
        Err(e) => {
            let _ = writing.abort().await;
            return Err(e);
        }
    };
    writing.finish().await?;
    let guard = Unkept { files: Some(files.clone()), key: key.clone() };
    let name = named_as(&clean_name(file_name), extension);
    match scanner.scan(files, &key, &name).await {
        Verdict::Clean => {}
        Verdict::Refused(reason) => {
            tracing::warn!(%reason, "the scanner refused an upload");
            guard.delete().await;
            return Err(upload_refused(UploadProblem::Rejected));
        }
        Verdict::Unavailable(reason) => {
            tracing::error!(%reason, "the virus scanner cannot be reached; the upload is refused");
            guard.delete().await;
            return Err(upload_refused(UploadProblem::ScanUnavailable));
        }
    }
    let sha256 = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(Received { key, file_name: name, content_type: kind.mime, size, sha256, guard })
}

/// Pieces larger than this are hashed on the blocking pool, off the async workers.
const HASH_INLINE: usize = 256 * 1024;

/// `hasher` fed `chunk`.
async fn hash(mut hasher: Sha256, chunk: Bytes) -> Result<Sha256> {
    if chunk.len() < HASH_INLINE {
        hasher.update(&chunk);
        return Ok(hasher);
    }
    tokio::task::spawn_blocking(move || {
        hasher.update(&chunk);
        hasher
    })
    .await
    .map_err(|e| Error::Corrupt(format!("hashing an upload: {e}")))
}

/// Streams a file sent for `field_path` of `who`'s draft `id` into the store and records it.
pub async fn attach_stream<S, E>(p: &Portal, who: &Principal, id: &str, field_path: &str, file_name: &str, chunks: S) -> Result<FileView>
where
    S: Stream<Item = std::result::Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let row = p.db.own_draft(who.person_id, id).await?;
    let schema = p.db.form_version(&row.service_code, row.form_version).await?.ok_or(Error::Refused(Refusal::NotOnline))?;
    let data = row.form_data()?;
    let field = file_field(&schema, &data, field_path).ok_or(upload_refused(UploadProblem::NotAFileField))?;
    let existing = p.db.attachment_rows(id).await?;
    let already = existing.iter().filter(|a| a.field_path.as_deref() == Some(field_path)).count();
    if already >= field.file_limit() as usize {
        return Err(upload_refused(UploadProblem::TooMany { max: field.file_limit() }));
    }
    let received = receive(&p.files, p.scanner.as_ref(), file_name, chunks, &Limits { max_bytes: field.size_limit(), formats: field.formats() }).await?;
    record(&p.db, id, "form", Some(field_path), None, received, p.now()).await
}

/// [`attach_stream`] for a file already in memory.
pub async fn attach(p: &Portal, who: &Principal, id: &str, upload: Upload) -> Result<FileView> {
    let chunks = futures_util::stream::iter([Ok::<_, std::convert::Infallible>(upload.bytes)]);
    attach_stream(p, who, id, &upload.field_path, &upload.file_name, chunks).await
}

impl Received {
    /// The attachment's id: the last part of its key.
    pub fn attachment_id(&self) -> &str {
        self.key.rsplit('/').next().unwrap_or(&self.key)
    }

    /// Its row, as an attachment of kind `kind` (and form field or message).
    pub(crate) fn as_attachment<'a>(&'a self, kind: &'a str, field_path: Option<&'a str>, message_id: Option<i64>) -> NewAttachment<'a> {
        NewAttachment {
            id: self.attachment_id(),
            kind,
            field_path,
            message_id,
            file_name: &self.file_name,
            content_type: self.content_type,
            size: self.size,
            sha256: &self.sha256,
            file_key: &self.key,
        }
    }

    /// How pages list it once recorded.
    pub(crate) fn view(&self, field_path: Option<&str>) -> FileView {
        FileView { id: self.attachment_id().to_owned(), name: self.file_name.clone(), size: self.size, field: field_path.map(str::to_owned) }
    }
}

/// Records a received file as an attachment of application `id`; without its row the file
/// would be unreachable, so a failed insert deletes it.
pub(crate) async fn record(db: &Db, id: &str, kind: &str, field_path: Option<&str>, message_id: Option<i64>, r: Received, now: i64) -> Result<FileView> {
    if let Err(e) = db.insert_attachment(id, &r.as_attachment(kind, field_path, message_id), now).await {
        r.discard().await;
        return Err(e);
    }
    let view = r.view(field_path);
    r.keep();
    Ok(view)
}

/// `name` with the extension of its type as judged by content (`скан.exe` of a PDF is `скан.pdf`).
fn named_as(name: &str, extension: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = if stem.trim().is_empty() { "file" } else { stem };
    format!("{stem}.{extension}")
}

/// A file name safe to show and to offer for download: no folders, no control characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base.chars().filter(|c| !c.is_control()).take(150).collect();
    if clean.trim().is_empty() {
        "file".into()
    } else {
        clean.trim().to_owned()
    }
}

/// Removes file `attachment` from `who`'s draft `id`.
pub async fn detach(p: &Portal, who: &Principal, id: &str, attachment: &str) -> Result<()> {
    p.db.own_draft(who.person_id, id).await?;
    let rows = p.db.attachment_rows(id).await?;
    let a = rows.iter().find(|a| a.id == attachment && a.kind == "form").ok_or(Error::Refused(Refusal::NotFound))?;
    p.db.delete_attachment_row(&a.id).await?;
    p.files.delete(&a.file_key).await
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

    #[test]
    fn the_extension_is_the_one_of_the_content() {
        assert_eq!(super::named_as("скан паспорта.exe", "pdf"), "скан паспорта.pdf");
        assert_eq!(super::named_as("photo", "jpg"), "photo.jpg");
        assert_eq!(super::named_as(".htaccess", "png"), "file.png");
        assert_eq!(super::named_as("a.b.html", "pdf"), "a.b.pdf");
    }
}
