//! `/data/dataset.zip`: the whole published dataset as CSV files with a data dictionary
//! (`core::dataset`), zipped from the published files on request. It reads only the read model, so it
//! always matches what the dashboard shows; its ETag is the zip's own hash.

use std::io::Write;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use waimao_core::api::{DimensionFile, OverviewFile};
use zip::write::SimpleFileOptions;

use crate::error::AppError;
use crate::publisher::sha256_hex;
use crate::state::AppState;

fn read<T: serde::de::DeserializeOwned>(
    dir: &std::path::Path,
    manifest: Option<&waimao_core::api::Manifest>,
    name: &str,
) -> Result<Option<T>, AppError> {
    match std::fs::read(crate::publisher::resolve(dir, manifest, name)) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| AppError::Internal(format!("{name}: {e}"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The zip's bytes, with fixed timestamps so the same data always give the same file (and ETag).
fn build(dir: &std::path::Path) -> Result<Vec<u8>, AppError> {
    // Every file of one publication, through one reading of its manifest.
    let manifest = crate::publisher::read_manifest(dir);
    let manifest = manifest.as_ref();
    let overview: OverviewFile = read(dir, manifest, waimao_core::api::OVERVIEW_FILE)?.ok_or(AppError::NotFound)?;
    let mut dims: Vec<DimensionFile> = Vec::new();
    for d in waimao_core::Dimension::ALL {
        if let Some(f) = read(dir, manifest, &waimao_core::api::dimension_file(d))? {
            dims.push(f);
        }
    }
    let fail = |e: zip::result::ZipError| AppError::Internal(format!("zip: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for f in waimao_core::dataset::files(&overview, &dims) {
        zip.start_file(f.name.as_str(), options).map_err(fail)?;
        zip.write_all(f.table.to_csv().as_bytes())?;
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}

pub async fn serve(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let dir = state.config.data_dir.clone();
    let bytes =
        tokio::task::spawn_blocking(move || build(&dir)).await.map_err(|e| AppError::Internal(e.to_string()))??;
    let etag = format!("\"{}\"", &sha256_hex(&bytes)[..32]);
    let etag_value = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?;
    let cache = HeaderValue::from_static("no-cache");
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        return Ok(
            (StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)]).into_response()
        );
    }
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/zip")),
            (header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"waimao-dataset.zip\"")),
            (header::ETAG, etag_value),
            (header::CACHE_CONTROL, cache),
        ],
        bytes,
    )
        .into_response())
}
