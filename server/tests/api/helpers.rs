//! Spawning the server for a test: a temporary directory with a database, a data directory and a small
//! stand-in for the built web app, the demo data loaded and published.

use std::net::SocketAddr;

use tempfile::TempDir;
use waimao_server::config::Config;
use waimao_server::{app, publisher, run};

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    /// The stand-in for the built web app, which a test may replace as a deployment would.
    pub dist: std::path::PathBuf,
    /// Kept so the directory lives as long as the server.
    _dir: TempDir,
}

/// A hashed asset name like the ones Trunk writes.
pub const HASHED_JS: &str = "waimao-web-0123456789abcdef.js";
pub const INLINE_LOADER: &str = "import init from '/waimao-web-0123456789abcdef.js'; init();";

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

pub async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        format!(
            "<!doctype html><html><head><script type=\"module\">{INLINE_LOADER}</script></head><body></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(dist.join(HASHED_JS), "export default function init() {}").unwrap();
    std::fs::write(dist.join(format!("{HASHED_JS}.br")), b"not-really-brotli").unwrap();
    // A file outside every served directory, which no URL may reach.
    std::fs::write(dir.path().join("secret.txt"), "top secret").unwrap();

    let config = Config {
        db: dir.path().join("waimao.db"),
        data_dir: dir.path().join("data"),
        registry_dir: None,
        dist: dist.clone(),
    };
    let state = run::open(config).expect("open state");
    assert!(run::load_demo(&state).await.expect("load demo"));
    publisher::publish_all(&state).await.expect("publish");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app(state)).await.unwrap() });
    TestApp { addr, client: reqwest::Client::new(), dist, _dir: dir }
}

/// Sends a request line exactly as written (clients normalise `..`, attackers do not).
pub async fn raw_get(addr: SocketAddr, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    out
}
