//! The browser bundle under `/pkg` (`portal.js`, `portal.wasm`, `portal.css`), read once at start
//! and served from memory under content-hashed names with `immutable` caching, so a citizen's
//! browser downloads it once per release. The build compresses each file once
//! (`scripts/precompress-assets.sh`: brotli at its best level and gzip beside the file, and the
//! originals' SHA-256 in `precompressed.sha256`); the server only picks the encoding the browser
//! accepts, so a first visit costs no compression CPU. Compressed files made from another build
//! of the original are not used, and without them (a development build) the response
//! middleware compresses.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use sha2::{Digest, Sha256};

/// The bundle's name as cargo-leptos builds it (`output-name`).
const STEM: &str = "portal";
/// For names that carry the content's hash: the same name never changes content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For the plain names (kept for the static error page): ask again, cheaply, with `If-None-Match`.
const REVALIDATE: &str = "no-cache";

/// Where the build records what it compressed: `sha256sum` lines of the originals.
const MANIFEST: &str = "precompressed.sha256";

/// One file of the bundle with its precompressed forms.
struct Asset {
    content_type: &'static str,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
    /// The content's hash: each encoding's entity tag is made from it.
    hash: String,
}

/// The bundle in memory, and the names pages link to.
#[derive(Clone, Default)]
pub struct Bundle {
    /// Files by the name in the URL, hashed and plain; the flag says whether the name is hashed.
    files: Arc<HashMap<String, (Arc<Asset>, bool)>>,
    /// What Leptos loads as `/pkg/{output_name}.js` and `.wasm`.
    output_name: String,
    /// The stylesheet's URL.
    stylesheet: String,
}

impl Bundle {
    /// Reads the bundle from `pkg_dir`. Missing files are left out (tests run without a built
    /// site), and precompressed files not made from these originals are ignored with a warning.
    pub fn load(pkg_dir: &Path) -> Bundle {
        let compressed_from = manifest(pkg_dir);
        let read = |ext: &str| std::fs::read(pkg_dir.join(format!("{STEM}.{ext}"))).ok().map(Bytes::from);
        let (js, wasm, css) = (read("js"), read("wasm"), read("css"));
        // The glue and the module are made together by wasm-bindgen and must be loaded together,
        // so they share one hash (Leptos names both from one output name).
        let script_hash = match (&js, &wasm) {
            (Some(js), Some(wasm)) => Some(short_hash(&[js, wasm])),
            _ => None,
        };
        let css_hash = css.as_ref().map(|css| short_hash(&[css]));
        let mut files = HashMap::new();
        for (ext, content, hash) in [("js", js, &script_hash), ("wasm", wasm, &script_hash), ("css", css, &css_hash)] {
            let (Some(content), Some(hash)) = (content, hash) else { continue };
            let plain = format!("{STEM}.{ext}");
            let current = compressed_from.get(&plain).is_some_and(|recorded| *recorded == hex(&Sha256::digest(&content)));
            let (brotli, gzip) = if current {
                (read_file(pkg_dir, &format!("{plain}.br")), read_file(pkg_dir, &format!("{plain}.gz")))
            } else {
                if pkg_dir.join(format!("{plain}.br")).exists() {
                    tracing::warn!(file = %plain, "the precompressed files were made from another build: not used (run scripts/precompress-assets.sh)");
                }
                (None, None)
            };
            let asset = Arc::new(Asset { content_type: content_type(ext), identity: content, brotli, gzip, hash: hash.clone() });
            files.insert(format!("{STEM}.{hash}.{ext}"), (asset.clone(), true));
            files.insert(plain, (asset, false));
        }
        let output_name = script_hash.map_or_else(|| STEM.to_owned(), |h| format!("{STEM}.{h}"));
        let stylesheet = format!("/pkg/{STEM}{}.css", css_hash.map(|h| format!(".{h}")).unwrap_or_default());
        Bundle { files: Arc::new(files), output_name, stylesheet }
    }

    /// The name Leptos loads the script and module under (`/pkg/{name}.js`, `/pkg/{name}.wasm`).
    pub fn output_name(&self) -> &str {
        &self.output_name
    }

    /// The URL of the stylesheet.
    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }

    /// The answer to a request for `name` with the request's `headers`.
    fn respond(&self, name: &str, headers: &HeaderMap) -> Response {
        let Some((asset, hashed)) = self.files.get(name) else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let accepted = accepted_encodings(headers);
        let (body, encoding) = match (&asset.brotli, &asset.gzip) {
            (Some(br), _) if accepted.brotli => (br.clone(), Some("br")),
            (_, Some(gz)) if accepted.gzip => (gz.clone(), Some("gzip")),
            _ => (asset.identity.clone(), None),
        };
        // Each encoding is its own representation, with its own tag.
        let etag = format!("\"{}{}\"", asset.hash, encoding.map(|e| format!("-{e}")).unwrap_or_default());
        let mut response = if crate::conditional::etag_matches(headers, &etag) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let mut response = Response::new(Body::from(body));
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
            if let Some(encoding) = encoding {
                response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            response
        };
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(if *hashed { IMMUTABLE } else { REVALIDATE }));
        if let Ok(etag) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, etag);
        }
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        response
    }
}

/// `GET /pkg/{name}`: a file of the bundle; anything else under `/pkg` is not found.
pub async fn serve(State(bundle): State<Bundle>, UrlPath(name): UrlPath<String>, headers: HeaderMap) -> Response {
    bundle.respond(&name, &headers)
}

/// The first 64 bits of the SHA-256 of `parts` in a row, in hex: enough to tell releases apart.
fn short_hash(parts: &[&Bytes]) -> String {
    let mut digest = Sha256::new();
    for part in parts {
        digest.update(part);
    }
    hex(&digest.finalize()[..8])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        _ => "text/css; charset=utf-8",
    }
}

fn read_file(dir: &Path, name: &str) -> Option<Bytes> {
    std::fs::read(dir.join(name)).ok().map(Bytes::from)
}

/// The originals the precompressed files were made from: file name → SHA-256 in hex.
fn manifest(dir: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split_once(char::is_whitespace))
        .map(|(hash, name)| (name.trim().trim_start_matches('*').to_owned(), hash.to_ascii_lowercase()))
        .collect()
}

/// Which of brotli and gzip the request accepts (`Accept-Encoding`, a zero `q` refusing one).
#[derive(Debug, Default, PartialEq)]
struct Accepted {
    brotli: bool,
    gzip: bool,
}

fn accepted_encodings(headers: &HeaderMap) -> Accepted {
    let mut accepted = Accepted::default();
    for value in headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()) {
        for item in value.split(',') {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or_default().to_ascii_lowercase();
            let refused = parts.filter_map(|p| p.strip_prefix("q=")).any(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0));
            match coding.as_str() {
                "br" => accepted.brotli = !refused,
                "gzip" => accepted.gzip = !refused,
                _ => {}
            }
        }
    }
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(accept).unwrap());
        headers
    }

    #[test]
    fn reads_accept_encoding_with_weights() {
        assert_eq!(accepted_encodings(&headers("gzip, deflate, br, zstd")), Accepted { brotli: true, gzip: true });
        assert_eq!(accepted_encodings(&headers("br;q=0, GZIP;q=0.5")), Accepted { brotli: false, gzip: true });
        assert_eq!(accepted_encodings(&headers("identity")), Accepted::default());
        assert_eq!(accepted_encodings(&HeaderMap::new()), Accepted::default());
    }

    /// A built bundle in a folder, compressed as the build script does, with its manifest.
    fn built(dir: &Path) {
        for (name, content) in [("portal.js", "js"), ("portal.wasm", "wasm"), ("portal.css", "css")] {
            std::fs::write(dir.join(name), content).unwrap();
            std::fs::write(dir.join(format!("{name}.br")), format!("{content}-br")).unwrap();
            std::fs::write(dir.join(format!("{name}.gz")), format!("{content}-gz")).unwrap();
        }
        let manifest: String = ["portal.js", "portal.wasm", "portal.css"]
            .iter()
            .map(|name| format!("{}  {name}\n", hex(&Sha256::digest(std::fs::read(dir.join(name)).unwrap()))))
            .collect();
        std::fs::write(dir.join(MANIFEST), manifest).unwrap();
    }

    #[test]
    fn serves_hashed_names_immutable_and_the_best_accepted_encoding() {
        let dir = tempfile::tempdir().unwrap();
        built(dir.path());
        let bundle = Bundle::load(dir.path());
        let wasm = format!("{}.wasm", bundle.output_name());
        assert!(wasm.len() == "portal.0123456789abcdef.wasm".len() && bundle.files.contains_key(&wasm), "{wasm}");
        assert!(bundle.stylesheet().starts_with("/pkg/portal.") && bundle.stylesheet().ends_with(".css"));

        let answer = bundle.respond(&wasm, &headers("gzip, br"));
        assert_eq!(answer.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(answer.headers()[header::CACHE_CONTROL], IMMUTABLE);
        assert_eq!(answer.headers()[header::CONTENT_TYPE], "application/wasm");
        let gzip = bundle.respond(&wasm, &headers("gzip"));
        assert_eq!(gzip.headers()[header::CONTENT_ENCODING], "gzip");
        assert_ne!(gzip.headers()[header::ETAG], answer.headers()[header::ETAG], "each encoding has its own tag");
        assert!(bundle.respond(&wasm, &headers("identity")).headers().get(header::CONTENT_ENCODING).is_none());

        let plain = bundle.respond("portal.wasm", &headers("br"));
        assert_eq!(plain.headers()[header::CACHE_CONTROL], REVALIDATE);
        let tag = plain.headers()[header::ETAG].to_str().unwrap().to_owned();
        for asked in [tag.clone(), format!("\"other\", W/{tag}"), "*".to_owned()] {
            let mut again = headers("br");
            again.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&asked).unwrap());
            assert_eq!(bundle.respond("portal.wasm", &again).status(), StatusCode::NOT_MODIFIED, "{asked}");
        }
        let mut other = headers("gzip");
        other.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&tag).unwrap());
        assert_eq!(bundle.respond("portal.wasm", &other).status(), StatusCode::OK, "the brotli tag does not stand for the gzip body");

        // A name from another release is not this content: not found, never cached for a year.
        assert_eq!(bundle.respond("portal.0000000000000000.wasm", &headers("br")).status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn ignores_compressed_files_made_from_another_build() {
        let dir = tempfile::tempdir().unwrap();
        built(dir.path());
        // A new build of the stylesheet after the compression.
        std::fs::write(dir.path().join("portal.css"), "new css").unwrap();
        let bundle = Bundle::load(dir.path());
        let answer = bundle.respond("portal.css", &headers("br, gzip"));
        assert!(answer.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(bundle.respond("portal.wasm", &headers("br")).headers()[header::CONTENT_ENCODING], "br", "the others still are");
        std::fs::remove_file(dir.path().join(MANIFEST)).unwrap();
        assert!(Bundle::load(dir.path()).respond("portal.wasm", &headers("br")).headers().get(header::CONTENT_ENCODING).is_none());
    }

    #[test]
    fn without_a_built_site_links_the_plain_names() {
        let dir = tempfile::tempdir().unwrap();
        let bundle = Bundle::load(dir.path());
        assert_eq!((bundle.output_name(), bundle.stylesheet()), ("portal", "/pkg/portal.css"));
        assert_eq!(bundle.respond("portal.css", &HeaderMap::new()).status(), StatusCode::NOT_FOUND);
    }
}
