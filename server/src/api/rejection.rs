//! One shape for every refusal under `/api/`: axum's extractors and the body limit answer a bad path,
//! query or body in plain text; this layer rewrites those answers as the `ErrorBody` every handler
//! sends, with a message in both languages, so a client (and the OpenAPI document) meets one format.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use waimao_core::api::ErrorBody;

/// The most of a rejection's text kept: axum's are a line or two, and nothing longer is worth showing.
const DETAIL_MAX_BYTES: usize = 4096;

/// What a refusal of this status says in Chinese, before the extractor's English detail.
fn summary(status: StatusCode) -> &'static str {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => "请求内容过大 / The request body is too large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "请求内容须为JSON（Content-Type: application/json） / The body must be JSON"
        }
        StatusCode::UNPROCESSABLE_ENTITY => "请求内容不符合要求 / The body does not have the expected fields",
        StatusCode::METHOD_NOT_ALLOWED => "不支持此请求方法 / This method is not allowed here",
        _ => "请求格式不正确 / The request is malformed",
    }
}

/// Rewrites a plain-text 4xx answer to an `/api/` request as an `ErrorBody`.
pub async fn as_error_body(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    if !api || !res.status().is_client_error() || !plain {
        return res;
    }
    let (parts, body) = res.into_parts();
    let detail = axum::body::to_bytes(body, DETAIL_MAX_BYTES).await.unwrap_or_default();
    let detail = String::from_utf8_lossy(&detail);
    let error = match detail.trim() {
        "" => summary(parts.status).to_string(),
        d => format!("{}: {d}", summary(parts.status)),
    };
    let mut out = (parts.status, Json(ErrorBody { error })).into_response();
    // Keep what the refusal said besides its body (`Allow` on a 405, `Retry-After`).
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    out
}
