//! Installing the dashboard and learning of a new version: the web app manifest with its icons and
//! theme colours, and the notice an open page shows when a new build is deployed under it.

use std::time::Duration;

use fantoccini::Locator;
use waimao_tests::browser::Browser;
use waimao_tests::server;

/// A PNG's width and height, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_manifest_names_the_app_and_its_icons_exist_at_their_sizes() {
    let srv = server::start(true).await;
    let res = reqwest::get(srv.url("/manifest.webmanifest")).await.unwrap();
    assert_eq!(res.headers()["content-type"], "application/manifest+json");
    let manifest: serde_json::Value = res.json().await.unwrap();
    assert_eq!(manifest["name"], "外贸运行监测");
    assert_eq!(manifest["start_url"], "/");
    assert!(manifest["short_name"].as_str().is_some_and(|s| s.chars().count() <= 12));
    let icons = manifest["icons"].as_array().unwrap();
    assert!(icons.iter().any(|i| i["purpose"] == "maskable"), "a maskable icon");
    for icon in icons {
        let bytes = reqwest::get(srv.url(icon["src"].as_str().unwrap())).await.unwrap().bytes().await.unwrap();
        let (w, h) = png_size(&bytes);
        assert_eq!(icon["sizes"], format!("{w}x{h}"), "{icon}");
    }
    assert!(icons.iter().any(|i| i["sizes"] == "512x512") && icons.iter().any(|i| i["sizes"] == "192x192"));
    // Both pages link it and give the browser's frame a colour for each theme.
    for page in ["/", "/login"] {
        let html = reqwest::get(srv.url(page)).await.unwrap().text().await.unwrap();
        assert!(html.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\""), "{page}");
        for scheme in ["light", "dark"] {
            assert!(html.contains(&format!("media=\"(prefers-color-scheme: {scheme})\"")), "{page} {scheme}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_open_page_offers_a_reload_when_a_new_build_is_deployed() {
    let dist = tempfile::tempdir().unwrap();
    server::copy_dist(dist.path());
    let srv = server::start_with_dist(true, dist.path().to_path_buf()).await;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&srv.url("/")).await.unwrap();
    b.wait_for("[data-testid=kpi-total-ytd]").await;
    let running =
        b.client.execute("return document.querySelector('link[rel=modulepreload]').href", vec![]).await.unwrap();
    let running = running.as_str().unwrap().rsplit('/').next().unwrap().to_string();
    // Coming back to the tab with the same build deployed: nothing to say.
    b.client.execute("document.dispatchEvent(new Event('visibilitychange'))", vec![]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(b.client.find(Locator::Css("[data-testid=update-notice]")).await.is_err());

    // A new build: the same program under a new content-hashed name, as a release would name it.
    let (stem, _) = running.split_once('-').unwrap();
    let renamed = format!("{stem}-web-0123456789abcdef.js");
    std::fs::copy(dist.path().join(&running), dist.path().join(&renamed)).unwrap();
    // A release rewrites every form of its files: the precompressed copies of the old page and
    // script (which `cargo xtask test` makes) would otherwise be served for the new ones.
    for old in ["index.html.br", "index.html.gz"]
        .map(String::from)
        .into_iter()
        .chain([format!("{running}.br"), format!("{running}.gz")])
    {
        let _ = std::fs::remove_file(dist.path().join(old));
    }
    let index = std::fs::read_to_string(dist.path().join("index.html")).unwrap();
    std::fs::write(dist.path().join("index.html"), index.replace(&running, &renamed)).unwrap();
    // The server picks the build up within its watch interval; the page looks when it is shown again.
    tokio::time::sleep(waimao_server::static_files::WATCH_INTERVAL * 3).await;
    b.client.execute("document.dispatchEvent(new Event('visibilitychange'))", vec![]).await.unwrap();
    let notice = b.text("[data-testid=update-notice]").await;
    assert!(notice.contains("有新版本可用"), "{notice}");
    b.screenshot("update-notice").await;
    b.wait_for("[data-testid=update-reload]").await.click().await.unwrap();
    b.wait_text("[data-testid=kpi-total-title]", |t| t == "进出口总值").await;
    let now = b.client.execute("return document.querySelector('link[rel=modulepreload]').href", vec![]).await.unwrap();
    assert!(now.as_str().unwrap().ends_with(&renamed), "the reload runs the new build: {now}");
    assert!(b.client.find(Locator::Css("[data-testid=update-notice]")).await.is_err());
    b.close().await;
}
