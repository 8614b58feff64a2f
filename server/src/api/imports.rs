//! Importing spreadsheets of monthly figures (the bureau only): upload a file, check it under a
//! mapping (preview, findings by row and column, what would change), commit it as a batch awaiting
//! review, and approve (store and publish) or reject the batch: `service::imports` does each step.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use waimao_core::api::ErrorBody;
use waimao_core::import::{BatchReview, CheckReply, CommitReply, CommitRequest, ImportBatch, Mapping};

use crate::auth::Session;
use crate::error::AppError;
use crate::service::{self, imports};
use crate::state::AppState;

/// The largest file accepted: a year of customs figures by county and partner is a few MB.
pub const UPLOAD_LIMIT: usize = 20 * 1024 * 1024;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    /// The file's name as the user chose it (its extension decides nothing: the content does).
    name: String,
}

/// Stores an uploaded file and checks it under the caller's last mapping (or one suggested from its
/// headers).
#[utoipa::path(
    post,
    path = "/api/imports/files",
    tag = "imports",
    security(("session" = [])),
    params(UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file: CSV or Excel."),
    responses(
        (status = 200, description = "Stored and checked; findings, if any, are in `report`.", body = CheckReply),
        (status = 400, description = "No name given.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 413, description = "Larger than 20 MB."),
    ),
)]
pub async fn upload(
    State(state): State<AppState>,
    s: Session,
    Query(q): Query<UploadQuery>,
    body: Bytes,
) -> Result<Json<CheckReply>, AppError> {
    let who = s.principal;
    let (file, remembered) = service::run(&state, who.clone(), move |w| imports::save(w, &q.name, &body)).await?;
    Ok(Json(imports::check(&state, &who, file, None, remembered).await?.0))
}

/// Checks a stored file under `mapping` and remembers the mapping for the caller's next file.
#[utoipa::path(
    post,
    path = "/api/imports/files/{id}/check",
    tag = "imports",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The uploaded file.")),
    request_body = Mapping,
    responses(
        (status = 200, description = "Checked; findings, if any, are in `report`.", body = CheckReply),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such file.", body = ErrorBody),
    ),
)]
pub async fn recheck(
    State(state): State<AppState>,
    s: Session,
    Path(id): Path<i64>,
    Json(mapping): Json<Mapping>,
) -> Result<Json<CheckReply>, AppError> {
    let (who, kept) = (s.principal, mapping.clone());
    let file = service::run(&state, who.clone(), move |w| imports::open(w, id, Some(&kept))).await?;
    Ok(Json(imports::check(&state, &who, file, Some(mapping), None).await?.0))
}

/// Commits a file's figures as one batch awaiting review: all of them or, if the check finds anything,
/// none (422 with the check). A file whose figures are all stored already makes no batch; committing a
/// file again while its batch is pending returns that batch.
#[utoipa::path(
    post,
    path = "/api/imports/files/{id}/commit",
    tag = "imports",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The uploaded file.")),
    request_body = CommitRequest,
    responses(
        (status = 200, description = "The batch (or none when nothing would change).", body = CommitReply),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such file.", body = ErrorBody),
        (status = 422, description = "The file has findings; nothing was stored.", body = CheckReply),
    ),
)]
pub async fn commit(
    State(state): State<AppState>,
    s: Session,
    Path(id): Path<i64>,
    Json(req): Json<CommitRequest>,
) -> Result<Json<CommitReply>, AppError> {
    let who = s.principal;
    let file = service::run(&state, who.clone(), move |w| imports::open(w, id, None)).await?;
    let name = file.name.clone();
    let (reply, figures) = imports::check(&state, &who, file, Some(req.mapping.clone()), None).await?;
    let Some(figures) = figures else { return Err(AppError::Import(Box::new(reply))) };
    let summary = reply.plan.clone().unwrap_or_default();
    if summary.changes() == 0 {
        return Ok(Json(CommitReply { batch: None, summary }));
    }
    let source = if req.source.trim().is_empty() { name } else { req.source };
    let batch =
        service::run(&state, who, move |w| imports::commit(w, id, &req.mapping, &source, &figures, &summary)).await?;
    let summary = batch.as_ref().map(|b| b.summary.clone()).unwrap_or_default();
    Ok(Json(CommitReply { batch, summary }))
}

/// Every batch, newest first.
#[utoipa::path(
    get,
    path = "/api/imports/batches",
    tag = "imports",
    security(("session" = [])),
    responses(
        (status = 200, description = "Batches, newest first.", body = Vec<ImportBatch>),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin).", body = ErrorBody),
    ),
)]
pub async fn batches(State(state): State<AppState>, s: Session) -> Result<Json<Vec<ImportBatch>>, AppError> {
    Ok(Json(service::run(&state, s.principal, imports::batches).await?))
}

/// Approves a pending batch (its figures are stored as approved observations, each a new version of
/// what was stored, and published) or rejects it with a comment (nothing is stored).
#[utoipa::path(
    post,
    path = "/api/imports/batches/{id}/review",
    tag = "imports",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The batch.")),
    request_body = BatchReview,
    responses(
        (status = 200, description = "The batch, reviewed.", body = ImportBatch),
        (status = 400, description = "Reviewed already, or rejected without a comment.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such batch.", body = ErrorBody),
    ),
)]
pub async fn review(
    State(state): State<AppState>,
    s: Session,
    Path(id): Path<i64>,
    Json(body): Json<BatchReview>,
) -> Result<Json<ImportBatch>, AppError> {
    Ok(Json(service::run(&state, s.principal, move |w| imports::review(w, id, body)).await?))
}
