//! Cross-site request forgery protection: a state-changing request must come from this site. The
//! browser's `Origin` header must name this host; without it, `Sec-Fetch-Site` must say
//! `same-origin`; a request with neither is refused, because nothing then shows where it came from.

use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

pub async fn same_origin_only(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) || is_same_origin(&request) {
        next.run(request).await
    } else {
        AppError::CrossSite.into_response()
    }
}

fn is_same_origin(request: &Request) -> bool {
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()), host) {
        (Some(origin), Some(host)) => {
            let bare = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
            bare == Some(host)
        }
        (Some(_), None) => false,
        (None, _) => headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("same-origin"),
    }
}
