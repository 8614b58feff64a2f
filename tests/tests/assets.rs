//! The real build as served: every asset `index.html` references is content-hashed, cached for a year and
//! available brotli-compressed (wasm-bindgen's snippets, whose names carry no content hash, are
//! revalidated), while `index.html` itself is revalidated.

use waimao_tests::server;

#[tokio::test(flavor = "multi_thread")]
async fn built_assets_are_immutable_and_precompressed() {
    let srv = server::start(false).await;
    // The public dashboard and the signed-in pages are separate bundles.
    for (page, bundle) in
        [("/", "/waimao-web-"), ("/login", "/app/waimao-internal-"), ("/county/610302", "/app/waimao-internal-")]
    {
        check_page(&srv, page, bundle).await;
    }
}

async fn check_page(srv: &server::Server, page: &str, bundle: &str) {
    let client = reqwest::Client::new();
    let index = client.get(srv.url(page)).send().await.unwrap();
    assert_eq!(index.headers()["cache-control"], "no-cache", "{page}");
    let html = index.text().await.unwrap();
    let assets: Vec<String> = html
        .split(['"', '\''])
        .filter(|s| s.starts_with('/') && (s.ends_with(".js") || s.ends_with(".wasm") || s.ends_with(".css")))
        .map(String::from)
        .collect();
    assert!(
        assets.iter().any(|a| a.starts_with(bundle) && a.ends_with("_bg.wasm")),
        "{page}: no {bundle} wasm in {html}"
    );
    for asset in assets {
        let res = client.get(srv.url(&asset)).header("accept-encoding", "br").send().await.unwrap();
        assert_eq!(res.status(), 200, "{asset}");
        // wasm-bindgen's snippets (the IndexedDB helpers) keep their name when their content changes, so
        // they are revalidated like index.html rather than kept for a year.
        let want = if asset.contains("/snippets/") { "no-cache" } else { "public, max-age=31536000, immutable" };
        assert_eq!(res.headers()["cache-control"], want, "{asset}");
        assert_eq!(res.headers()["content-encoding"], "br", "{asset}");
    }
}
