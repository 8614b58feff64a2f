//! The built web app: precompressed files (br, gzip), content-hashed assets cached forever, and
//! `index.html` revalidated on every load so a new release is picked up at once.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::ServeDir;

pub fn service(dist: &Path) -> ServeDir {
    ServeDir::new(dist).precompressed_br().precompressed_gzip()
}

/// The signed-in pages; each is the second bundle's `app/index.html`, which picks the page by path.
pub const APP_PAGES: [&str; 13] = [
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
