//! The real build as served: every asset `index.html` references is content-hashed, cached for a year and
//! available brotli-compressed, while `index.html` itself is revalidated.

use waimao_tests::server;

#[tokio::test(flavor = "multi_thread")]
async fn built_assets_are_immutable_and_precompressed() {
    let srv = server::start(false).await;
    let client = reqwest::Client::new();
    let index = client.get(srv.url("/")).send().await.unwrap();
    assert_eq!(index.headers()["cache-control"], "no-cache");
    let html = index.text().await.unwrap();
    let assets: Vec<String> = html
        .split(['"', '\''])
        .filter(|s| s.starts_with('/') && (s.ends_with(".js") || s.ends_with(".wasm") || s.ends_with(".css")))
        .map(String::from)
        .collect();
    assert!(assets.iter().any(|a| a.ends_with("_bg.wasm")), "no wasm in {html}");
    for asset in assets {
        let res = client.get(srv.url(&asset)).header("accept-encoding", "br").send().await.unwrap();
        assert_eq!(res.status(), 200, "{asset}");
        assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable", "{asset}");
        assert_eq!(res.headers()["content-encoding"], "br", "{asset}");
    }
}
