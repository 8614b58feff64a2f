//! Starts the real server with the built web app from `dist/`, a fresh SQLite file and, when asked, the
//! demo data published.

use std::net::SocketAddr;
use std::path::PathBuf;

use tempfile::TempDir;
use waimao_core::api::{DimensionFile, OverviewFile};
use waimao_core::Dimension;
use waimao_server::config::Config;
use waimao_server::{app, publisher, run, AppState};

pub struct Server {
    pub addr: SocketAddr,
    pub state: AppState,
    _dir: TempDir,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// The published overview and the breakdown files the briefing reads, as a browser would fetch them.
    pub async fn published(&self) -> (OverviewFile, Vec<DimensionFile>) {
        let get = |name: String| {
            let url = self.url(&format!("/data/{name}"));
            async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
        };
        let overview = serde_json::from_str(&get("overview.json".into()).await).unwrap();
        let mut dims = Vec::new();
        for d in [Dimension::TradeMode, Dimension::ProductCategory, Dimension::Partner] {
            dims.push(serde_json::from_str(&get(format!("dim-{}.json", d.code())).await).unwrap());
        }
        (overview, dims)
    }

    /// Loads and publishes the demo data (for a server started empty).
    pub async fn publish_demo(&self) {
        assert!(run::load_demo(&self.state).await.expect("load demo"), "database was not empty");
        publisher::publish_all(&self.state).await.expect("publish");
    }
}

/// The built web app: `$WAIMAO_DIST`, else `dist/` at the workspace root. `cargo xtask test` builds it.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("WAIMAO_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    assert!(
        dir.join("index.html").exists(),
        "no built web app in {}: run `cargo xtask test`, which builds it with trunk first",
        dir.display()
    );
    dir
}

/// Starts a server; with `demo`, the demo data is loaded and published before the first request.
pub async fn start(demo: bool) -> Server {
    start_with_dist(demo, dist_dir()).await
}

/// [`start`] serving the web app in `dist` (a copy a test may replace with a new build).
pub async fn start_with_dist(demo: bool, dist: PathBuf) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let config =
        Config { db: dir.path().join("waimao.db"), data_dir: dir.path().join("data"), registry_dir: None, dist };
    let state = run::open(config).expect("open");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let router = app(state.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    let server = Server { addr, state, _dir: dir };
    if demo {
        server.publish_demo().await;
    }
    server
}

/// A copy of the built web app in `into`, for a test that deploys a new build under a running server.
pub fn copy_dist(into: &std::path::Path) {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("dist copy");
        for entry in std::fs::read_dir(from).expect("dist") {
            let entry = entry.expect("dist entry");
            let target = to.join(entry.file_name());
            if entry.file_type().expect("file type").is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).expect("copy");
            }
        }
    }
    copy(&dist_dir(), into);
}
