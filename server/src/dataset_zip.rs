//! `/data/dataset.zip`: the whole published dataset as CSV files with a data dictionary
//! (`core::dataset`), zipped by the publisher from the files it publishes, so it always matches what
//! the dashboard shows; its ETag is the zip's own hash.

use std::io::Write;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use waimao_core::api::{DimensionFile, OverviewFile};
use zip::write::SimpleFileOptions;

use crate::error::AppError;
use crate::state::AppState;

/// The zip's bytes from one publication's files, with fixed timestamps so the same data always give
/// the same file (and ETag). The publisher builds it beside the JSON files.
pub fn build(overview: &OverviewFile, dims: &[DimensionFile]) -> Result<Vec<u8>, AppError> {
    let fail = |e: zip::result::ZipError| AppError::Internal(format!("zip: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for f in waimao_core::dataset::files(overview, dims) {
        zip.start_file(f.name.as_str(), options).map_err(fail)?;
        zip.write_all(f.table.to_csv().as_bytes())?;
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}

/// The zip of the publication being served; nothing is built per request.
pub async fn serve(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let file = state.served.current().and_then(|s| s.get(crate::publisher::DATASET_ZIP)).ok_or(AppError::NotFound)?;
    let disposition = HeaderValue::from_static("attachment; filename=\"waimao-dataset.zip\"");
    Ok(file.respond(&headers, false, &[(header::CONTENT_DISPOSITION, disposition)]))
}
