//! A headless Chromium session through ChromeDriver, with the flags that work as root with no network.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use tempfile::TempDir;

/// ChromeDriver's endpoint for the page console (`POST /session/{id}/se/log`), which fantoccini
/// does not wrap.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_string()))
    }
}

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: TempDir,
    /// Whether pages run their scripts (and so whether an app takes over a first view).
    scripts: bool,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

impl Browser {
    /// Starts ChromeDriver (`$CHROMEDRIVER`, default /usr/bin/chromedriver) and a Chromium session
    /// (`$CHROMIUM`, default /usr/bin/chromium) with a fresh profile and the given window size.
    pub async fn start(width: u32, height: u32) -> Browser {
        Self::start_with(width, height, None).await
    }

    /// A phone: the viewport emulated at `width` × `height` CSS pixels (desktop Chromium will not make a
    /// window narrower than 500 px), touch and a mobile user agent.
    pub async fn start_phone(width: u32, height: u32) -> Browser {
        Self::launch(width.max(500), height, None, Some((width, height)), true).await
    }

    /// A browser that runs no JavaScript (and so no WebAssembly): what a locked-down office machine or
    /// a reader with scripts off sees. `phone` emulates a phone's viewport as [`Browser::start_phone`].
    pub async fn start_without_scripts(width: u32, height: u32, phone: bool) -> Browser {
        let emulated = phone.then_some((width, height));
        Self::launch(if phone { width.max(500) } else { width }, height, None, emulated, false).await
    }

    /// Like [`Browser::start`], saving downloads into `downloads` when given.
    pub async fn start_with(width: u32, height: u32, downloads: Option<&std::path::Path>) -> Browser {
        Self::launch(width, height, downloads, None, true).await
    }

    async fn launch(
        width: u32,
        height: u32,
        downloads: Option<&std::path::Path>,
        phone: Option<(u32, u32)>,
        scripts: bool,
    ) -> Browser {
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = free_port();
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_bin}: {e} (cargo xtask test installs chromium-driver)"));
        let profile = tempfile::tempdir().expect("profile dir");
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "chrome".into());
        let mut options = serde_json::json!({ "binary": chromium, "args": args });
        let mut prefs = serde_json::Map::new();
        if let Some(dir) = downloads {
            prefs.insert("download.default_directory".into(), dir.display().to_string().into());
            prefs.insert("download.prompt_for_download".into(), false.into());
        }
        if !scripts {
            // 2 = blocked, as a managed setting (a user could not turn it back on).
            prefs.insert("profile.managed_default_content_settings.javascript".into(), 2.into());
        }
        if !prefs.is_empty() {
            options["prefs"] = prefs.into();
        }
        if let Some((w, h)) = phone {
            options["mobileEmulation"] = serde_json::json!({
                "deviceMetrics": { "width": w, "height": h, "pixelRatio": 2.0, "touch": true },
                "userAgent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36",
            });
        }
        caps.insert("goog:chromeOptions".into(), options);
        caps.insert("goog:loggingPrefs".into(), serde_json::json!({ "browser": "ALL" }));
        let url = format!("http://127.0.0.1:{port}");
        let mut last_err = String::new();
        // ChromeDriver needs a moment before it accepts sessions.
        for _ in 0..50 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&url).await {
                Ok(client) => return Browser { client, driver, _profile: profile, scripts },
                Err(e) => last_err = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("no WebDriver session with {chromium}: {last_err}");
    }

    /// Waits (up to 20 s) for an element matching `css`, and for the app to have taken over the
    /// server's first view if the page has one and runs scripts (until then the first view's elements
    /// are what a person sees, and the app's exist but are unseen): the element returned is the one on
    /// screen afterwards.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"));
        if !self.scripts {
            return found;
        }
        // `takeover` marks the page when the app has replaced the first view or given up on it.
        let pending = "html:not([data-takeover]) #first-view, .taking-over";
        let mut waited = false;
        for _ in 0..200 {
            if self.client.find(Locator::Css(pending)).await.is_err() {
                break;
            }
            waited = true;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if !waited {
            return found;
        }
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear after the takeover: {e}"))
    }

    /// The text of the element matching `css`, read again if a re-render replaced the element between
    /// finding and reading it.
    pub async fn text(&self, css: &str) -> String {
        let mut last = None;
        for _ in 0..5 {
            match self.wait_for(css).await.text().await {
                Ok(text) => return text.trim().to_string(),
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("text of {css}: {last:?}")
    }

    /// Waits until the element's text satisfies `pred`, returning it.
    pub async fn wait_text(&self, css: &str, pred: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..100 {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    last = t.trim().to_string();
                    if pred(&last) {
                        return last;
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css}: text {last:?} never matched");
    }

    /// Saves a PNG screenshot under `target/screenshots/` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let png = self.client.screenshot().await.expect("screenshot");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, &png).expect("write screenshot");
        path
    }

    /// Severe messages from the page's console (errors), to assert there are none.
    pub async fn console_errors(&self) -> Vec<String> {
        let logs = self.client.issue_cmd(BrowserLog).await;
        logs.ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Moves the mouse pointer onto the element's centre, as a person hovering would.
    pub async fn hover(&self, css: &str) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let element = self.wait_for(css).await;
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element,
            duration: Some(Duration::from_millis(50)),
            x: 0,
            y: 0,
        });
        self.client.perform_actions(mouse).await.expect("pointer move");
    }

    /// The text of an element whether or not it is visible (screen-reader-only summaries are not).
    pub async fn text_content(&self, css: &str) -> String {
        self.wait_for(css).await;
        let value = self
            .client
            .execute("return document.querySelector(arguments[0]).textContent", vec![css.into()])
            .await
            .expect("textContent");
        value.as_str().unwrap_or_default().trim().to_string()
    }

    /// The current URL's query string ("?month=…").
    pub async fn query(&self) -> String {
        self.client.current_url().await.expect("url").query().map(|q| format!("?{q}")).unwrap_or_default()
    }

    /// Runs axe-core (`$WAIMAO_AXE`, which `cargo xtask test` installs) on the page as it is now and
    /// fails with every violation it finds: rule, impact, help and the elements, under `page`'s name.
    pub async fn assert_accessible(&self, page: &str) {
        let path = std::env::var("WAIMAO_AXE").unwrap_or_else(|_| {
            panic!("WAIMAO_AXE is not set: `cargo xtask test` installs axe-core and sets it to axe.min.js")
        });
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read axe-core at {path}: {e}"));
        // Injected through WebDriver, which the page's Content-Security-Policy does not govern.
        self.client
            .execute(&format!("if (!window.axe) {{ {source}\n }} return true;"), vec![])
            .await
            .expect("inject axe-core");
        let result = self
            .client
            .execute(
                "return axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v =>
                    `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')}`))",
                vec![],
            )
            .await
            .expect("axe.run");
        let violations: Vec<String> = serde_json::from_value(result).expect("violations");
        assert!(
            violations.is_empty(),
            "axe-core on {page}: {} violations\n{}",
            violations.len(),
            violations.join("\n")
        );
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The bytes of a file the browser downloads to `path`, waiting (up to 10 s) until it is there.
pub async fn downloaded(path: &std::path::Path) -> Vec<u8> {
    for _ in 0..100 {
        if let Ok(bytes) = std::fs::read(path) {
            if !bytes.is_empty() {
                return bytes;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{} was not downloaded", path.display());
}
