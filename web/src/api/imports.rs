//! The bureau's spreadsheet imports: the upload's address (sent by `pages::upload` for its progress),
//! checking a stored file under a mapping, committing it as a batch, and reviewing batches.

use waimao_core::import::{BatchReview, CheckReply, CommitReply, CommitRequest, ImportBatch, Mapping};

use super::{get, send, Failure};

/// Where a file named `name` is uploaded (`POST` with the bytes as the body).
pub fn upload_url(name: &str) -> String {
    format!("/api/imports/files?name={}", js_sys::encode_uri_component(name))
}

/// Reads the stored upload `file` under `mapping`: findings, preview and plan.
pub async fn check(file: i64, mapping: &Mapping) -> Result<CheckReply, Failure> {
    send("POST", &format!("/api/imports/files/{file}/check"), mapping).await
}

/// Commits the stored upload `file` as a batch awaiting review (none when nothing would change).
pub async fn commit(file: i64, body: &CommitRequest) -> Result<CommitReply, Failure> {
    send("POST", &format!("/api/imports/files/{file}/commit"), body).await
}

pub async fn batches() -> Result<Vec<ImportBatch>, Failure> {
    get("/api/imports/batches").await
}

/// Approves (writes the figures and republishes) or rejects the batch `batch`.
pub async fn review(batch: i64, body: &BatchReview) -> Result<ImportBatch, Failure> {
    send("POST", &format!("/api/imports/batches/{batch}/review"), body).await
}
