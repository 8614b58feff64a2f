//! The built web app: precompressed files (br, gzip), content-hashed assets cached forever, and
//! `index.html` revalidated on every load so a new release is picked up at once.
//!
//! The whole build is held in memory with the compressed forms the web build made and the CSP its
//! pages need, and served from there ahead of the router ([`FromMemory`]): a request costs a lookup.
//! A watcher looks at the index files every second, off the request path, and loads a new build
//! deployed under the running server whole. Paths the build does not hold go on to the router.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Ready;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use arc_swap::ArcSwap;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::future::Either;
use tower_http::services::ServeDir;

use crate::served::File;

pub fn service(dist: &Path) -> ServeDir {
    ServeDir::new(dist).precompressed_br().precompressed_gzip()
}

/// The build in memory, by request path (`/index.html`, `/app/index.html`, `/waimao-web-….js`), and
/// the publication, answered here too: neither needs routing.
#[derive(Clone)]
pub struct Build {
    dist: Arc<PathBuf>,
    current: Arc<ArcSwap<Deployed>>,
    served: Arc<crate::served::Served>,
    /// For the briefing's issue date.
    clock: crate::clock::Clock,
}

/// One build as deployed: its files and the Content-Security-Policy its index pages need, made
/// together when the build is loaded, so a page and its policy always belong to one build.
pub struct Deployed {
    stamp: Stamp,
    pub files: HashMap<String, Arc<File>>,
    pub csp: HeaderValue,
}

/// The index files' modification times: a new build rewrites them.
pub type Stamp = [Option<SystemTime>; 2];

/// How often the running server looks for a new build on disk (two `stat`s each time).
pub const WATCH_INTERVAL: Duration = Duration::from_secs(1);

/// The two pages that start the app: the public dashboard and the signed-in pages' bundle.
pub fn index_files(dist: &Path) -> [PathBuf; 2] {
    [dist.join("index.html"), dist.join(APP_DIR).join("index.html")]
}

/// The build's stamp, by which a new build is noticed.
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
fn load_files(dist: &Path) -> HashMap<String, Arc<File>> {
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

impl Deployed {
    /// The build in `dist` now, stamped before it is read: a build written meanwhile has a newer
    /// stamp and is loaded again at the next look.
    fn load(dist: &Path) -> Self {
        let stamp = stamp(dist);
        let files = load_files(dist);
        let pages: Vec<String> = ["/index.html", APP_INDEX]
            .iter()
            .filter_map(|k| files.get(*k))
            .map(|f| String::from_utf8_lossy(f.raw()).into_owned())
            .collect();
        let csp = crate::security::content_security_policy(&pages);
        let csp = HeaderValue::from_str(&csp).expect("the policy is ASCII");
        Self { stamp, files, csp }
    }
}

impl Build {
    /// The build in `dist`, watched for a new one from then on (when a Tokio runtime is running).
    pub fn new(dist: &Path, served: Arc<crate::served::Served>, clock: crate::clock::Clock) -> Self {
        let build = Self {
            dist: Arc::new(dist.to_path_buf()),
            current: Arc::new(ArcSwap::from_pointee(Deployed::load(dist))),
            served,
            clock,
        };
        build.watch();
        build
    }

    /// The build being served: a lock-free read, no file touched.
    pub fn current(&self) -> Arc<Deployed> {
        self.current.load_full()
    }

    /// Loads the build again if its index files changed since it was loaded.
    pub fn refresh(&self) {
        refresh(&self.dist, &self.current);
    }

    /// Looks for a new build every [`WATCH_INTERVAL`], off the request path, until the app is gone.
    fn watch(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let (dist, current) = (self.dist.clone(), Arc::downgrade(&self.current));
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(WATCH_INTERVAL);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let Some(current) = current.upgrade() else { return };
                let dist = dist.clone();
                if tokio::task::spawn_blocking(move || refresh(&dist, &current)).await.is_err() {
                    return;
                }
            }
        });
    }

    /// The answer from memory for `req`, if it is a GET or HEAD of an app file or a published file.
    fn answer(&self, req: &Request) -> Option<Response> {
        if !matches!(*req.method(), Method::GET | Method::HEAD) {
            return None;
        }
        let path = req.uri().path();
        let deployed = self.current();
        let mut res = if let Some(name) = path.strip_prefix("/data/") {
            // The same answer `data_files::serve` gives for a published file, without the router.
            if !crate::data_files::is_safe_name(name) {
                return None;
            }
            let file = self.served.current()?.get(name)?;
            file.respond(req.headers(), crate::publisher::is_addressed(name), &[])
        } else if let Some(res) = first_view_page(path).and_then(|page| {
            let query = req.uri().query().unwrap_or_default();
            let today = self.clock.today().to_string();
            crate::first_view::answer(&deployed, self.served.current(), page, query, &today, req.headers())
        }) {
            res
        } else {
            let file = if first_view_page(path).is_some() {
                deployed.files.get("/index.html")
            } else if is_app_page(path) {
                deployed.files.get(APP_INDEX)
            } else {
                deployed.files.get(path)
            }?;
            file.respond(req.headers(), is_content_hashed(path), &[])
        };
        if req.method() == Method::HEAD {
            *res.body_mut() = axum::body::Body::empty();
        }
        crate::security::insert_headers(res.headers_mut(), &deployed.csp);
        Some(res)
    }
}

/// Swaps in the build in `dist` if its index files changed since `current` was loaded.
fn refresh(dist: &Path, current: &ArcSwap<Deployed>) {
    if current.load().stamp != stamp(dist) {
        current.store(Arc::new(Deployed::load(dist)));
    }
}

/// The pages sent with their first view in them.
fn first_view_page(path: &str) -> Option<crate::first_view::Page> {
    match path {
        "/" => Some(crate::first_view::Page::Dashboard),
        "/briefing" => Some(crate::first_view::Page::Briefing),
        _ => None,
    }
}

/// The request path of the signed-in pages' `index.html`.
const APP_INDEX: &str = "/app/index.html";

/// The app's files and the published data answered from memory ahead of everything else (no
/// routing, no middleware: a lookup and a few headers, as a static server does); anything else (the
/// API, the widgets, unknown paths) goes on to `inner`, the router.
#[derive(Clone)]
pub struct FromMemory<S> {
    build: Build,
    inner: S,
}

impl<S> FromMemory<S> {
    pub fn new(build: Build, inner: S) -> Self {
        Self { build, inner }
    }
}

impl<S> tower::Service<Request> for FromMemory<S>
where
    S: tower::Service<Request, Response = Response, Error = Infallible>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Either<Ready<Result<Response, Infallible>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        match self.build.answer(&req) {
            Some(res) => Either::Left(std::future::ready(Ok(res))),
            None => Either::Right(self.inner.call(req)),
        }
    }
}

/// Whether `path` is one of [`APP_PAGES`] (a `{param}` matches one segment).
fn is_app_page(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    APP_PAGES.iter().any(|p| {
        let (mut pat, mut segs) = (p.split('/'), path.split('/'));
        loop {
            match (pat.next(), segs.next()) {
                (None, None) => return true,
                (Some(a), Some(b)) if a == b || (a.starts_with('{') && !b.is_empty()) => {}
                _ => return false,
            }
        }
    })
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
