//! The built web app: precompressed files (br, gzip), content-hashed assets cached forever, and
//! `index.html` revalidated on every load so a new release is picked up at once.
//!
//! The whole build is held in memory with the compressed forms the web build made, and served from
//! there: a request costs a lookup and the two index files' `stat`, by which a new build deployed under
//! the running server is noticed and loaded whole. Paths the build does not hold go on to the router.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::ServeDir;

use crate::served::File;

pub fn service(dist: &Path) -> ServeDir {
    ServeDir::new(dist).precompressed_br().precompressed_gzip()
}

/// The build in memory, by request path (`/index.html`, `/app/index.html`, `/waimao-web-….js`).
#[derive(Clone)]
pub struct Build {
    dist: Arc<PathBuf>,
    loaded: Arc<RwLock<(Stamp, Files)>>,
    /// The publication, answered here too: `/data/` needs no routing either.
    served: Arc<crate::served::Served>,
}

/// A build's files by request path.
type Files = Arc<HashMap<String, Arc<File>>>;

/// The index files' modification times: a new build rewrites them.
pub type Stamp = [Option<SystemTime>; 2];

/// The two pages that start the app: the public dashboard and the signed-in pages' bundle.
pub fn index_files(dist: &Path) -> [PathBuf; 2] {
    [dist.join("index.html"), dist.join(APP_DIR).join("index.html")]
}

/// The build's stamp, by which the build cache and the CSP notice a new build.
pub fn stamp(dist: &Path) -> Stamp {
    index_files(dist).map(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok())
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Every file under `dir` (but the compressed forms, which go with their file) by its request path.
fn load(dist: &Path) -> HashMap<String, Arc<File>> {
    fn walk(dir: &Path, base: &Path, out: &mut HashMap<String, Arc<File>>) {
        let Ok(listing) = std::fs::read_dir(dir) else { return };
        for entry in listing.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, base, out);
                continue;
            }
            let name = path.to_string_lossy().to_string();
            if name.ends_with(".br") || name.ends_with(".gz") {
                continue;
            }
            let Ok(raw) = std::fs::read(&path) else { continue };
            let br = std::fs::read(format!("{name}.br")).unwrap_or_default();
            let gz = std::fs::read(format!("{name}.gz")).unwrap_or_default();
            let Ok(rel) = path.strip_prefix(base) else { continue };
            let key = format!("/{}", rel.to_string_lossy().replace('\\', "/"));
            out.insert(key.clone(), Arc::new(File::from_parts(raw, br, gz, content_type(&key))));
        }
    }
    let mut out = HashMap::new();
    walk(dist, dist, &mut out);
    out
}

impl Build {
    pub fn new(dist: &Path, served: Arc<crate::served::Served>) -> Self {
        let files = Arc::new(load(dist));
        Self { dist: Arc::new(dist.to_path_buf()), loaded: Arc::new(RwLock::new((stamp(dist), files))), served }
    }

    /// The current build's files, loaded again first when its index files changed.
    fn files(&self) -> Files {
        let now = stamp(&self.dist);
        {
            let loaded = self.loaded.read().unwrap_or_else(std::sync::PoisonError::into_inner);
            if loaded.0 == now {
                return loaded.1.clone();
            }
        }
        let files = Arc::new(load(&self.dist));
        *self.loaded.write().unwrap_or_else(std::sync::PoisonError::into_inner) = (now, files.clone());
        files
    }
}

/// Serves the app's files and the published data from memory; anything else (the API, the widgets,
/// unknown paths) goes on to the router.
pub async fn from_memory(State(build): State<Build>, req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let path = req.uri().path();
    if let Some(name) = path.strip_prefix("/data/") {
        // The same answer `data_files::serve` gives for a published file, without the router.
        let file =
            crate::data_files::is_safe_name(name).then(|| build.served.current()).flatten().and_then(|s| s.get(name));
        return match file {
            Some(f) => f.respond(req.headers(), crate::publisher::is_addressed(name), &[]),
            None => next.run(req).await,
        };
    }
    let key = if path == "/" {
        "/index.html".to_string()
    } else if is_app_page(path) {
        format!("/{APP_DIR}/index.html")
    } else {
        path.to_string()
    };
    match build.files().get(&key) {
        Some(file) => {
            let mut res = file.respond(req.headers(), is_content_hashed(&key), &[]);
            if req.method() == Method::HEAD {
                *res.body_mut() = axum::body::Body::empty();
            }
            res
        }
        None => next.run(req).await,
    }
}

/// Whether `path` is one of [`APP_PAGES`] (a `{param}` matches one segment).
fn is_app_page(path: &str) -> bool {
    let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    APP_PAGES.iter().any(|p| {
        let pat: Vec<&str> = p.split('/').collect();
        pat.len() == segs.len() && pat.iter().zip(&segs).all(|(a, b)| a.starts_with('{') && !b.is_empty() || a == b)
    })
}

/// The signed-in pages; each is the second bundle's `app/index.html`, which picks the page by path.
pub const APP_PAGES: [&str; 14] = [
    "/login",
    "/account",
    "/admin",
    "/review",
    "/county/{code}",
    "/enterprise/{id}",
    "/enterprises",
    "/enterprises/{id}",
    "/experts",
    "/group",
    "/briefing",
    "/import",
    "/reconcile",
    "/figures",
];

/// Where Trunk writes the signed-in pages' bundle, inside dist.
pub const APP_DIR: &str = "app";

pub fn app_pages<S: Clone + Send + Sync + 'static>(dist: &Path) -> axum::Router<S> {
    let index = tower_http::services::ServeFile::new(dist.join(APP_DIR).join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    APP_PAGES.iter().fold(axum::Router::new(), |r, path| r.route_service(path, index.clone()))
}

/// Trunk names assets `name-<hash>.ext` (or `…_bg.wasm`), the hash a 64-bit number in hex without leading
/// zeros (so sometimes fewer than 16 digits): such a name never changes content.
pub fn is_content_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file).trim_end_matches("_bg");
    stem.rsplit_once('-').is_some_and(|(_, h)| (12..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Sets `Cache-Control` on the app's files by name.
pub async fn cache_control(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    if path.starts_with("/data/") || res.headers().contains_key(header::CACHE_CONTROL) {
        return res;
    }
    let value = if res.status().is_success() && is_content_hashed(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    res
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_content_hashed("/waimao-web-0123456789abcdef.js"));
        assert!(is_content_hashed("/waimao-web-0123456789abcdef_bg.wasm"));
        assert!(is_content_hashed("/style-0123456789abcdef.css"));
        assert!(is_content_hashed("/waimao-web-a0fd24e96798405_bg.wasm"));
        assert!(!is_content_hashed("/waimao-web-2021.js"));
        assert!(!is_content_hashed("/index.html"));
        assert!(!is_content_hashed("/"));
        assert!(!is_content_hashed("/favicon.svg"));
    }
}
