//! Reading a region pack folder: parse, validate, read the files it names. Nothing is written.

use std::collections::HashMap;
use std::path::Path;

use bytes::Bytes;
use domain::forms::FormSchema;
use domain::region::{CatalogPack, PackError, RegionManifest, RegionPack};
use sha2::{Digest, Sha256};

use super::yaml_lines::{line_of, lines_by_path};
use super::Progress;
use crate::files::file_type::{document_type, image_type, FileType};
use crate::{Error, Result};

/// A pack read from its folder, with the files it refers to.
#[derive(Debug)]
pub struct LoadedPack {
    /// The parsed, validated pack.
    pub pack: RegionPack,
    /// The coat of arms: bytes and type.
    pub coat_of_arms: Option<(Bytes, FileType)>,
    /// Every blank form of every service, in pack order.
    pub blanks: Vec<LoadedBlank>,
    /// Claims the pack does not back; the import goes on, the operator is told.
    pub warnings: Vec<PackError>,
    /// The online forms present in `forms/`, by name, read and checked.
    pub forms: HashMap<String, LoadedForm>,
    /// Services' own result documents (`documents/<service>.txt`), by service code.
    pub templates: HashMap<String, LoadedTemplate>,
}

/// A service's result document template: tera over the layout markup of `documents::pdf`.
#[derive(Debug, Clone)]
pub struct LoadedTemplate {
    /// The template's text.
    pub source: String,
    /// Hex SHA-256 of the text.
    pub sha256: String,
}

/// An online form schema of the pack.
#[derive(Debug, Clone)]
pub struct LoadedForm {
    /// The checked schema.
    pub schema: FormSchema,
    /// Its canonical JSON, as stored.
    pub canonical: String,
    /// Hex SHA-256 of the canonical JSON: a changed form is a new version.
    pub sha256: String,
}

/// One blank form file, read and checked.
#[derive(Debug, Clone)]
pub struct LoadedBlank {
    /// Code of the service it belongs to.
    pub service: String,
    /// File name inside `blanks/`.
    pub file_name: String,
    /// Its bytes; `None` when they are in the file store already (under `blanks/<sha256>`).
    pub bytes: Option<Bytes>,
    /// Its size in bytes.
    pub size: u64,
    /// Its type, judged by content.
    pub file_type: FileType,
    /// Hex SHA-256 of the bytes.
    pub sha256: String,
}

fn problem(file: &str, line: Option<usize>, path: impl Into<String>, problem: impl Into<String>) -> PackError {
    PackError { file: file.to_owned(), line, path: path.into(), problem: problem.into() }
}

async fn read_text(dir: &Path, file: &'static str) -> Result<String> {
    let bytes = tokio::fs::read(dir.join(file)).await.map_err(|e| Error::Pack(vec![problem(file, None, "", format!("cannot read: {e}"))]))?;
    String::from_utf8(bytes).map_err(|_| Error::Pack(vec![problem(file, None, "", "is not UTF-8 text")]))
}

/// A YAML error as `file:line path: problem`, without the parser's own decorations. The line is
/// the field's own when the text parses (the deserializer reports where the enclosing item starts).
fn yaml_error(file: &'static str, source: &str, e: serde_path_to_error::Error<serde_yaml_ng::Error>) -> PackError {
    let inner = e.inner();
    let mut text = inner.to_string();
    let line = inner.location().map(|l| {
        let suffix = format!(" at line {} column {}", l.line(), l.column());
        if let Some(stripped) = text.strip_suffix(&suffix) {
            text = stripped.to_owned();
        }
        l.line()
    });
    // The parser prefixes its own path ("services[0]: "); ours is more precise.
    if let Some((prefix, rest)) = text.split_once(": ") {
        if !prefix.contains(' ') {
            text = rest.to_owned();
        }
    }
    let path = e.path().to_string();
    let line = line_of(&lines_by_path(source), &path).or(line);
    problem(file, line, path, text)
}

/// Line of a `region.toml` key such as `colours.primary` (top-level key or `[table]` then key).
fn toml_line(text: &str, path: &str) -> Option<usize> {
    let (table, key) = path.rsplit_once('.').map_or((None, path), |(t, k)| (Some(t), k));
    let mut in_table = table.is_none();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            in_table = table.is_some_and(|t| line == format!("[{t}]"));
            continue;
        }
        let is_key = line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='));
        if in_table && is_key {
            return Some(i + 1);
        }
    }
    None
}

/// Reads and validates the pack in `dir`; any problem is an [`Error::Pack`] listing them all.
pub async fn load(dir: &Path, progress: &dyn Progress) -> Result<LoadedPack> {
    let manifest_text = read_text(dir, "region.toml").await?;
    let manifest: RegionManifest = toml::from_str(&manifest_text).map_err(|e| {
        let line = e.span().map(|s| manifest_text[..s.start.min(manifest_text.len())].lines().count().max(1));
        Error::Pack(vec![problem("region.toml", line, "", e.message())])
    })?;
    let catalog_text = read_text(dir, "catalog.yaml").await?;
    let catalog: CatalogPack = serde_path_to_error::deserialize(serde_yaml_ng::Deserializer::from_str(&catalog_text))
        .map_err(|e| Error::Pack(vec![yaml_error("catalog.yaml", &catalog_text, e)]))?;
    let pack = RegionPack { manifest, catalog };

    let catalog_lines = lines_by_path(&catalog_text);
    let with_line = |mut e: PackError| {
        e.line = match e.file.as_str() {
            "catalog.yaml" => line_of(&catalog_lines, &e.path),
            _ => toml_line(&manifest_text, &e.path),
        };
        e
    };
    let mut errors: Vec<PackError> = pack.validate().into_iter().map(with_line).collect();
    let mut warnings: Vec<PackError> = pack.warnings().into_iter().map(with_line).collect();
    let mut forms: HashMap<String, LoadedForm> = HashMap::new();
    for (i, service) in pack.catalog.services.iter().enumerate() {
        let Some(name) = &service.online_form else { continue };
        if forms.contains_key(name) || errors.iter().any(|e| e.path == format!("services[{i}].online_form")) {
            continue;
        }
        let file = format!("forms/{name}.json");
        match tokio::fs::read(dir.join(&file)).await {
            Ok(bytes) => match read_form(&file, &bytes, &pack.manifest.locales) {
                Ok(form) => {
                    forms.insert(name.clone(), form);
                }
                Err(problems) => errors.extend(problems),
            },
            Err(_) => {
                let path = format!("services[{i}].online_form");
                let line = line_of(&catalog_lines, &path);
                warnings.push(problem("catalog.yaml", line, path, format!("{file} is not in the pack yet: applying online is not offered")));
            }
        }
    }

    let mut templates = HashMap::new();
    for service in &pack.catalog.services {
        let file = format!("documents/{}.txt", service.code);
        let Ok(source) = tokio::fs::read_to_string(dir.join(&file)).await else { continue };
        match crate::documents::check_template(&source) {
            Ok(()) => {
                let sha256 = Sha256::digest(source.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
                templates.insert(service.code.clone(), LoadedTemplate { source, sha256 });
            }
            Err(e) => errors.push(problem(&file, None, "", format!("the template does not compile: {e}"))),
        }
    }

    let coat_of_arms = match &pack.manifest.coat_of_arms {
        Some(name) if errors.iter().all(|e| e.path != "coat_of_arms") => {
            let line = toml_line(&manifest_text, "coat_of_arms");
            match tokio::fs::read(dir.join(name)).await {
                Ok(bytes) => match image_type(&bytes) {
                    Some(kind) => Some((Bytes::from(bytes), kind)),
                    None => {
                        errors.push(problem("region.toml", line, "coat_of_arms", format!("\"{name}\" is neither SVG nor PNG")));
                        None
                    }
                },
                Err(e) => {
                    errors.push(problem("region.toml", line, "coat_of_arms", format!("cannot read \"{name}\": {e}")));
                    None
                }
            }
        }
        _ => None,
    };

    let total = pack.catalog.services.iter().map(|s| s.blanks.len()).sum();
    progress.stage("reading blank forms", total);
    let mut blanks = Vec::with_capacity(total);
    let mut seen: HashMap<String, Bytes> = HashMap::new();
    for (i, service) in pack.catalog.services.iter().enumerate() {
        for (j, blank) in service.blanks.iter().enumerate() {
            progress.step();
            let path = format!("services[{i}].blanks[{j}].file");
            if errors.iter().any(|e| e.path == path) {
                continue;
            }
            let at = line_of(&catalog_lines, &path);
            let bytes = match seen.get(&blank.file) {
                Some(bytes) => bytes.clone(),
                None => match tokio::fs::read(dir.join(&blank.file)).await {
                    Ok(b) => {
                        let b = Bytes::from(b);
                        seen.insert(blank.file.clone(), b.clone());
                        b
                    }
                    Err(e) => {
                        errors.push(problem("catalog.yaml", at, path, format!("cannot read \"{}\": {e}", blank.file)));
                        continue;
                    }
                },
            };
            let Some(file_type) = document_type(&bytes) else {
                errors.push(problem("catalog.yaml", at, path, format!("\"{}\" is not a PDF, ODT, ODS, DOCX, XLSX, RTF or DOC document", blank.file)));
                continue;
            };
            let file_name = blank.file.trim_start_matches("blanks/").to_owned();
            if !file_name.to_lowercase().ends_with(&format!(".{}", file_type.extension)) {
                errors.push(problem(
                    "catalog.yaml",
                    at,
                    path,
                    format!("\"{}\" is a {} document; name it .{}", blank.file, file_type.extension.to_uppercase(), file_type.extension),
                ));
                continue;
            }
            let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            blanks.push(LoadedBlank { service: service.code.clone(), file_name, size: bytes.len() as u64, bytes: Some(bytes), file_type, sha256 });
        }
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(Error::Pack(errors));
    }
    Ok(LoadedPack { pack, coat_of_arms, blanks, warnings, forms, templates })
}

/// Reads an online form schema: JSON of the right shape, then [`FormSchema::check`]. Problems
/// name the file, the line where the parser knows it, and the field path.
fn read_form(file: &str, bytes: &[u8], locales: &[domain::localized::Lang]) -> std::result::Result<LoadedForm, Vec<PackError>> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let schema: FormSchema = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let line = Some(e.inner().line()).filter(|l| *l > 0);
        let message = e.inner().to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
        vec![problem(file, line, e.path().to_string().trim_start_matches('.'), message)]
    })?;
    let problems: Vec<PackError> = schema.check(locales).into_iter().map(|e| problem(file, None, e.path, e.problem)).collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let canonical = serde_json::to_string(&schema).map_err(|e| vec![problem(file, None, "", e.to_string())])?;
    let sha256 = Sha256::digest(canonical.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    Ok(LoadedForm { schema, canonical, sha256 })
}

#[cfg(test)]
mod tests {
    use super::toml_line;

    #[test]
    fn toml_keys_are_found_in_their_tables() {
        let text = "code = \"demo\"\n\n[name]\nru = \"Д\"\n\n[colours]\nprimary = \"#fff\"\naccent = \"#000\"\n";
        assert_eq!(toml_line(text, "code"), Some(1));
        assert_eq!(toml_line(text, "colours.primary"), Some(7));
        assert_eq!(toml_line(text, "colours.accent"), Some(8));
        assert_eq!(toml_line(text, "name.en"), None);
    }
}
