//! Spawning the server for a test: a temporary directory with a database, a data directory and a small
//! stand-in for the built web app, the demo data loaded and published.

use std::net::SocketAddr;

use tempfile::TempDir;
use waimao_server::config::Config;
use waimao_server::{app, publisher, run};

pub struct TestApp {
    pub addr: SocketAddr,
    /// The running server's state, for arranging accounts and checking the database directly.
    pub state: waimao_server::AppState,
    pub client: reqwest::Client,
    /// The stand-in for the built web app, which a test may replace as a deployment would.
    pub dist: std::path::PathBuf,
    /// Kept so the directory lives as long as the server.
    _dir: TempDir,
}

/// The instant every test server starts at (10:00 in China): tests never depend on the day they run.
pub const TEST_NOW: &str = "2026-11-20T02:00:00Z";

/// China's date at [`TEST_NOW`], for request bodies that carry today's date.
pub fn today() -> chrono::NaiveDate {
    waimao_core::period::china_time(test_now().timestamp()).date()
}

pub fn test_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(TEST_NOW).unwrap().to_utc()
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
    spawn_app_with(waimao_server::auth::AuthSettings::default()).await
}

pub async fn spawn_app_with(settings: waimao_server::auth::AuthSettings) -> TestApp {
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
    let mut state = run::open(config).expect("open state");
    state.auth = std::sync::Arc::new(waimao_server::auth::Auth { settings });
    state.clock = waimao_server::clock::Clock::set_at(test_now());
    assert!(run::load_demo(&state).await.expect("load demo"));
    publisher::publish_all(&state).await.expect("publish");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    TestApp { addr, state, client: reqwest::Client::new(), dist, _dir: dir }
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

/// A password that passes the policy, for test accounts.
pub const PASSWORD: &str = "宝鸡外贸测试专用密码";

impl TestApp {
    /// Creates an account with [`PASSWORD`] and returns its id.
    pub async fn add_user(
        &self,
        name: &str,
        role: waimao_core::account::Role,
        county: Option<&str>,
        enterprise: Option<i64>,
    ) -> i64 {
        let county = county.map(|c| waimao_core::RegionCode::parse(c).unwrap());
        waimao_server::accounts_setup::add_user(&self.state, name, role, county, enterprise, Some(PASSWORD.into()))
            .await
            .expect("add user");
        let name = name.to_string();
        self.state
            .store
            .call(move |c| {
                Ok::<_, waimao_server::store::StoreError>(
                    waimao_server::store::accounts::user_for_login(c, &name)?.unwrap().0.id,
                )
            })
            .await
            .unwrap()
    }

    /// The first column of the first row `sql` gives, read straight from the database.
    pub async fn scalar<T: rusqlite::types::FromSql + Send + 'static>(&self, sql: &'static str) -> T {
        self.state
            .store
            .call(move |c| Ok::<_, waimao_server::store::StoreError>(c.query_row(sql, [], |r| r.get::<_, T>(0))?))
            .await
            .unwrap()
    }

    /// Signs in and returns the `Cookie` header value for later requests.
    pub async fn sign_in(&self, name: &str, password: &str) -> Result<String, reqwest::StatusCode> {
        let r = self
            .client
            .post(self.url("/api/session"))
            .header("origin", format!("http://{}", self.addr))
            .json(&serde_json::json!({ "name": name, "password": password }))
            .send()
            .await
            .unwrap();
        if !r.status().is_success() {
            return Err(r.status());
        }
        let set = r.headers().get("set-cookie").expect("a session cookie").to_str().unwrap().to_string();
        Ok(set.split(';').next().unwrap().to_string())
    }

    /// A same-origin request with an optional session cookie and JSON body; the status and JSON body.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        cookie: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let mut req = self.client.request(method, self.url(path)).header("origin", format!("http://{}", self.addr));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// Everything a request could change, to compare before and after a refused one.
    pub async fn snapshot(&self) -> Vec<String> {
        self.state
            .store
            .call(|c| -> Result<_, waimao_server::store::StoreError> {
                let q = |sql: &str| c.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0)).map(|v| format!("{v:?}"));
                Ok(vec![
                    q("SELECT count(*) FROM observation")?,
                    q("SELECT coalesce(sum(approved), 0) FROM observation")?,
                    q("SELECT coalesce(sum(total), 0) FROM target")?,
                    q("SELECT count(*) FROM target")?,
                    q("SELECT count(*) FROM user")?,
                    q("SELECT coalesce(sum(disabled), 0) FROM user")?,
                    q("SELECT group_concat(password_hash || role || coalesce(county, '') || coalesce(enterprise, ''), ',') FROM user")?,
                    q("SELECT count(*) FROM session")?,
                    q("SELECT count(*) FROM audit")?,
                    q("SELECT count(*) FROM return_version")?,
                    q("SELECT coalesce(group_concat(state, ','), '') FROM return_version")?,
                    q("SELECT count(*) FROM record")?,
                    q("SELECT coalesce(group_concat(id || ':' || version || ':' || body, ','), '') FROM record")?,
                    q("SELECT count(*) FROM enterprise")?,
                    q("SELECT group_concat(id || ':' || version || ':' || coalesce(body, ''), ',') FROM enterprise")?,
                    q("SELECT count(*) FROM import_file")?,
                    q("SELECT coalesce(group_concat(id || ':' || state, ','), '') FROM import_batch")?,
                    q("SELECT coalesce(group_concat(user_id || ':' || body, ','), '') FROM import_mapping")?,
                ])
            })
            .await
            .unwrap()
    }
}
