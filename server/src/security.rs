//! Response headers and limits every route gets: a Content-Security-Policy that admits the WASM app and
//! nothing else, no framing, no MIME sniffing, bounded request bodies and time.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::timeout::TimeoutLayer;

use crate::static_files::Build;

/// Largest request body accepted (a monthly return is a few KB); only a spreadsheet upload may be larger
/// (`api::upload_routes`).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The `sha256-…` sources for the inline scripts of `index.html` (Trunk's loader), so the policy can
/// allow exactly those and no other inline script.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else { break };
        let body = &after[body_start..body_start + close];
        if !tag.contains("src=") && !body.trim().is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            out.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &after[body_start + close..];
    }
    out
}

/// The policy for a build whose index pages are `pages`: its own inline loaders and nothing else.
pub fn content_security_policy(pages: &[String]) -> String {
    let mut hashes: Vec<String> = pages.iter().flat_map(|page| inline_script_hashes(page)).collect();
    hashes.dedup();
    let hashes = hashes.join(" ");
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The headers every response carries, whatever answered it.
const HEADERS: [(HeaderName, HeaderValue); 3] = [
    (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
    (header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin")),
    (HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin")),
];

/// Puts the security headers on a response: the fixed ones, and the build's policy unless the
/// answer set its own (the embed widgets, which may be framed).
pub fn insert_headers(headers: &mut HeaderMap, csp: &HeaderValue) {
    for (name, value) in &HEADERS {
        headers.insert(name.clone(), value.clone());
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
    }
}

async fn set_headers(State(build): State<Build>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    insert_headers(res.headers_mut(), &build.current().csp);
    res
}

/// The security headers, a time limit and a panic guard around every route of `router`. (What
/// [`crate::static_files::FromMemory`] answers ahead of it gets the same headers from the same list.)
pub fn apply<S: Clone + Send + Sync + 'static>(router: Router<S>, build: Build) -> Router<S> {
    router
        .layer(axum::middleware::from_fn_with_state(build, set_headers))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
        // A bug that panics in a handler answers that one request with a 500 (the cause logged), instead
        // of closing its connection without a word.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_answer))
}

fn panic_answer(cause: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let what = cause.downcast_ref::<String>().map(String::as_str).or(cause.downcast_ref::<&str>().copied());
    tracing::error!(panic = what.unwrap_or("(not text)"), "a request handler panicked");
    let body = waimao_core::api::ErrorBody { error: "服务器内部错误 / Internal server error".into() };
    axum::response::IntoResponse::into_response((axum::http::StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)))
}

#[cfg(test)]
mod tests {
    use super::inline_script_hashes;

    #[test]
    fn hashes_only_inline_scripts() {
        let html = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        let h = inline_script_hashes(html);
        assert_eq!(h.len(), 1);
        assert!(h[0].starts_with("'sha256-") && h[0].ends_with('\''));
    }
}
