//! The built web app: caching rules, precompressed assets and security headers.

use reqwest::StatusCode;

use crate::helpers::{spawn_app, HASHED_JS, INLINE_LOADER};

#[tokio::test]
async fn index_is_served_and_revalidated() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res.text().await.unwrap().contains(INLINE_LOADER));
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_precompressed() {
    let app = spawn_app().await;
    let res = app.client.get(app.url(&format!("/{HASHED_JS}"))).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"not-really-brotli");
}

#[tokio::test]
async fn security_headers_allow_exactly_the_app() {
    use base64::Engine;
    use sha2::Digest;
    let app = spawn_app().await;
    let res = app.client.get(app.url("/")).send().await.unwrap();
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(INLINE_LOADER.as_bytes()));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(csp.contains("object-src 'none'"));
    assert!(!csp.contains("'unsafe-eval'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.contains_key("referrer-policy"));
}

#[tokio::test]
async fn a_new_build_under_a_running_server_gets_a_matching_policy() {
    use base64::Engine;
    use sha2::Digest;
    let app = spawn_app().await;
    let loader = "import init from '/waimao-web-fedcba9876543210.js'; init();";
    let page = format!("<script type=\"module\">{loader}</script>");
    std::fs::write(app.dist.join("index.html"), &page).unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader.as_bytes()));
    // The server notices a new build within its watch interval, off the request path; until then it
    // serves the old page with the old page's policy, never a mix of the two.
    let deadline = std::time::Instant::now() + waimao_server::static_files::WATCH_INTERVAL * 5;
    loop {
        let res = app.client.get(app.url("/")).send().await.unwrap();
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
        let body = res.text().await.unwrap();
        let new = body == page;
        assert_eq!(new, csp.contains(&format!("'sha256-{hash}'")), "page and policy from one build: {csp}");
        if new {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the new build was not noticed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
