//! What kind of file a blank form, coat of arms or attachment is, judged by its bytes rather than
//! its name.

/// A recognised file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileType {
    /// MIME type.
    pub mime: &'static str,
    /// Usual file extension, also the format label shown to citizens (upper-cased).
    pub extension: &'static str,
}

const PDF: FileType = FileType { mime: "application/pdf", extension: "pdf" };
const ODT: FileType = FileType { mime: "application/vnd.oasis.opendocument.text", extension: "odt" };
const ODS: FileType = FileType { mime: "application/vnd.oasis.opendocument.spreadsheet", extension: "ods" };
const DOCX: FileType = FileType { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx" };
const XLSX: FileType = FileType { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" };
const RTF: FileType = FileType { mime: "application/rtf", extension: "rtf" };
const DOC: FileType = FileType { mime: "application/msword", extension: "doc" };
const PNG: FileType = FileType { mime: "image/png", extension: "png" };
const SVG: FileType = FileType { mime: "image/svg+xml", extension: "svg" };

/// The known type with MIME type `mime` (as stored beside a file).
pub fn by_mime(mime: &str) -> Option<FileType> {
    [PDF, ODT, ODS, DOCX, XLSX, RTF, DOC, PNG, JPEG, SVG].into_iter().find(|t| t.mime == mime)
}

/// Document types accepted as blank forms.
pub fn document_type(bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(b"%PDF-") {
        return Some(PDF);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some(RTF);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(DOC);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // OpenDocument: the first entry is an uncompressed `mimetype` file naming the type.
        if bytes.get(30..38) == Some(b"mimetype") {
            let name_len = u16::from_le_bytes([bytes[26], bytes[27]]) as usize;
            let extra_len = u16::from_le_bytes([bytes[28], bytes[29]]) as usize;
            let start = 30 + name_len + extra_len;
            let declared = bytes.get(start..).unwrap_or_default();
            for t in [ODT, ODS] {
                if declared.starts_with(t.mime.as_bytes()) {
                    return Some(t);
                }
            }
            return None;
        }
        let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        if contains(b"[Content_Types].xml") {
            if contains(b"word/") {
                return Some(DOCX);
            }
            if contains(b"xl/") {
                return Some(XLSX);
            }
        }
    }
    None
}

const JPEG: FileType = FileType { mime: "image/jpeg", extension: "jpg" };

/// The format of an attachment to an online form, and its type, by content.
pub fn attachment_type(bytes: &[u8]) -> Option<(domain::forms::FileFormat, FileType)> {
    use domain::forms::FileFormat;
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some((FileFormat::Jpeg, JPEG));
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some((FileFormat::Png, PNG));
    }
    match document_type(bytes)? {
        t if t == PDF => Some((FileFormat::Pdf, t)),
        t if t == ODT => Some((FileFormat::Odt, t)),
        t if t == DOCX => Some((FileFormat::Docx, t)),
        _ => None,
    }
}

/// Image types accepted as a coat of arms.
pub fn image_type(bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(PNG);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg"))).then_some(SVG)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_content_not_name() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\n...."), Some(PNG));
        assert_eq!(image_type(b"\xef\xbb\xbf  <svg xmlns='http://www.w3.org/2000/svg'/>"), Some(SVG));
        assert_eq!(image_type(b"<?xml version='1.0'?>\n<svg/>"), Some(SVG));
        assert_eq!(image_type(b"<html><script>"), None);
        assert_eq!(image_type(b""), None);
    }

    #[test]
    fn documents_are_recognised_by_content_not_name() {
        assert_eq!(document_type(b"%PDF-1.7\n..."), Some(PDF));
        assert_eq!(document_type(b"{\\rtf1\\ansi"), Some(RTF));
        let mut odt = b"PK\x03\x04".to_vec();
        odt.extend_from_slice(&[0; 22]);
        odt.extend_from_slice(&8u16.to_le_bytes());
        odt.extend_from_slice(&0u16.to_le_bytes());
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(document_type(&odt), Some(ODT));
        assert_eq!(document_type(b"PK\x03\x04....[Content_Types].xml....word/document.xml"), Some(DOCX));
        assert_eq!(document_type(b"PK\x03\x04....just a zip"), None);
        assert_eq!(document_type(b"MZ\x90\x00 an executable"), None);
    }
}
