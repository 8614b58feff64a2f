//! What `/data/` serves, held in memory: each published file with its ETag and its brotli and gzip
//! forms, compressed once when the publisher writes it (and written beside it as `<file>.br` and
//! `<file>.gz`, for a static server or CDN), and the dataset zip built at the same time. A request
//! only picks the form the client accepts: no file is read, hashed or compressed per request.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// One published file in the forms a client may accept.
pub struct File {
    raw: Bytes,
    br: Bytes,
    gzip: Bytes,
    /// The ETags of the raw, brotli and gzip forms: the raw bytes' hash, each encoding adding its name
    /// (the forms differ), made once here rather than per request.
    etags: [HeaderValue; 3],
    content_type: &'static str,
}

fn etags(raw: &[u8]) -> [HeaderValue; 3] {
    let hash = &crate::publisher::sha256_hex(raw)[..32];
    ["", "-br", "-gzip"].map(|coding| HeaderValue::from_str(&format!("\"{hash}{coding}\"")).expect("hex is ASCII"))
}

/// Brotli quality: 9 is within a few per cent of 11 on these JSON files at a fraction of the time, and
/// every approval publishes.
const BROTLI_QUALITY: u32 = 9;

impl File {
    /// `raw` with its compressed forms (none for content that is compressed already, like a zip).
    pub fn new(raw: Vec<u8>, content_type: &'static str, compress: bool) -> std::io::Result<Self> {
        let (mut br, mut gzip) = (Vec::new(), Vec::new());
        if compress {
            {
                let mut w = brotli::CompressorWriter::new(&mut br, 64 * 1024, BROTLI_QUALITY, 22);
                w.write_all(&raw)?;
            }
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gz.write_all(&raw)?;
            gzip = gz.finish()?;
        }
        Ok(Self { etags: etags(&raw), raw: raw.into(), br: br.into(), gzip: gzip.into(), content_type })
    }

    /// A file whose compressed forms were made already (the web build's `.br` and `.gz` files); an
    /// empty form is one the client is never offered.
    pub fn from_parts(raw: Vec<u8>, br: Vec<u8>, gzip: Vec<u8>, content_type: &'static str) -> Self {
        Self { etags: etags(&raw), raw: raw.into(), br: br.into(), gzip: gzip.into(), content_type }
    }

    pub fn br(&self) -> &[u8] {
        &self.br
    }

    pub fn gzip(&self) -> &[u8] {
        &self.gzip
    }

    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// The response for a request with `headers`: the best form it accepts, or 304 when it has it. An
    /// `immutable` file (asked for by its content-addressed name) may be cached for good; any other is
    /// revalidated each time.
    pub fn respond(
        &self,
        headers: &HeaderMap,
        immutable: bool,
        extra: &[(header::HeaderName, HeaderValue)],
    ) -> Response {
        let accepts = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
        let accepts = |coding: &str| {
            accepts.split(',').any(|c| {
                let mut parts = c.split(';');
                parts.next().is_some_and(|n| n.trim().eq_ignore_ascii_case(coding))
                    && !parts.any(|p| p.trim().replace(' ', "") == "q=0")
            })
        };
        let (body, encoding, etag) = if !self.br.is_empty() && accepts("br") {
            (&self.br, Some("br"), &self.etags[1])
        } else if !self.gzip.is_empty() && accepts("gzip") {
            (&self.gzip, Some("gzip"), &self.etags[2])
        } else {
            (&self.raw, None, &self.etags[0])
        };
        let cache =
            HeaderValue::from_static(if immutable { "public, max-age=31536000, immutable" } else { "no-cache" });
        let matches = headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim().as_bytes() == etag.as_bytes() || t.trim() == "*"));
        let mut out = if matches {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let mut r = (StatusCode::OK, body.clone()).into_response();
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(self.content_type));
            if let Some(e) = encoding {
                r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
            }
            r
        };
        let h = out.headers_mut();
        h.insert(header::ETAG, etag.clone());
        h.insert(header::CACHE_CONTROL, cache);
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        for (k, v) in extra {
            h.insert(k.clone(), v.clone());
        }
        out
    }
}

/// One publication as served: its files by name (content-addressed names, the manifest, the dataset
/// zip) and the logical names (`overview.json`) that point at content-addressed ones.
#[derive(Default)]
pub struct Snapshot {
    pub files: HashMap<String, Arc<File>>,
    pub logical: HashMap<String, String>,
}

impl Snapshot {
    /// The file a request names: a logical name through the manifest, or a file by its own name.
    pub fn get(&self, name: &str) -> Option<Arc<File>> {
        let name = self.logical.get(name).map_or(name, String::as_str);
        self.files.get(name).cloned()
    }
}

/// The publication being served; replaced whole by the publisher, so a reader sees one or the other.
#[derive(Default)]
pub struct Served(RwLock<Option<Arc<Snapshot>>>);

impl Served {
    pub fn current(&self) -> Option<Arc<Snapshot>> {
        self.0.read().ok()?.clone()
    }

    pub fn replace(&self, snapshot: Snapshot) {
        if let Ok(mut s) = self.0.write() {
            *s = Some(Arc::new(snapshot));
        }
    }
}
