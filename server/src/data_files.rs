//! `/data/…` from disk: the published files the memory does not hold, with a content ETag so that
//! clients revalidate cheaply (304). An operator may also place the county boundaries there as
//! `counties.geojson` for the choropleth map.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::publisher::sha256_hex;
use crate::state::AppState;

/// Only plain file names of published JSON files: no directories, no dots at the start, so no path can
/// leave the data directory.
pub fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && (name.ends_with(".json") || name.ends_with(".geojson"))
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !name.contains("..")
}

fn content_type(name: &str) -> HeaderValue {
    if name.ends_with(".geojson") {
        HeaderValue::from_static("application/geo+json")
    } else {
        HeaderValue::from_static("application/json; charset=utf-8")
    }
}

pub async fn serve(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if !is_safe_name(&name) {
        return Err(AppError::NotFound);
    }
    // The publication in memory is answered ahead of the router (`static_files::from_memory`); what
    // reaches here is what it does not hold: the operator's boundaries file, or files published before
    // this process started.
    // A logical name (`overview.json`) is the current publication's content-addressed file; a
    // content-addressed name never changes, so it may be cached for good.
    let immutable = crate::publisher::is_addressed(&name);
    let path = if immutable || name == crate::publisher::MANIFEST_FILE {
        state.config.data_dir.join(&name)
    } else {
        crate::publisher::published_path(&state.config.data_dir, &name)
    };
    let bytes = match tokio::fs::read(&path).await {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let etag = format!("\"{}\"", &sha256_hex(&bytes)[..32]);
    let etag_value = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?;
    // Published files change only when the publisher runs; clients keep them but ask every time.
    let cache = HeaderValue::from_static(if immutable { "public, max-age=31536000, immutable" } else { "no-cache" });
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return Ok(
            (StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)]).into_response()
        );
    }
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, content_type(&name)), (header::ETAG, etag_value), (header::CACHE_CONTROL, cache)],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::is_safe_name;

    #[test]
    fn only_plain_json_names_pass() {
        for ok in ["overview.json", "dim-trade_mode.json", "manifest.json", "counties.geojson"] {
            assert!(is_safe_name(ok), "{ok}");
        }
        for bad in ["../x.json", "..json", ".hidden.json", "a/b.json", "a\\b.json", "x.txt", "", "%2e%2e.json"] {
            assert!(!is_safe_name(bad), "{bad}");
        }
    }
}
