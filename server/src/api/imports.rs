//! Importing spreadsheets of monthly figures (the bureau only): upload a file, check it under a
//! mapping (preview, findings by row and column, what would change), commit it as a batch awaiting
//! review, and approve (store and publish) or reject the batch. The meaning lives in
//! `waimao_core::import`; this module stores files and batches and calls the publisher.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use waimao_core::api::ErrorBody;
use waimao_core::import::{
    self, BatchReview, BatchState, CheckReply, CommitReply, CommitRequest, ImportBatch, ImportedFigure, Mapping,
    SampleRow,
};

use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::imports::{self as stored, NewBatch, Upload};
use crate::store::{audit, insert_in};

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
    require(s.principal.is_admin())?;
    let name: String = q.name.trim().chars().take(200).collect();
    if name.is_empty() {
        return Err(AppError::BadRequest("请给出文件名 / Give the file's name".into()));
    }
    let sha = crate::publisher::sha256_hex(&body);
    let (by, user) = (s.principal.name.clone(), s.principal.user_id);
    let now_secs = state.clock.now_secs();
    let (id, remembered) = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let id = stored::save_upload(c, &name, &body, &sha, &by, now_secs)?;
            Ok((id, stored::remembered_mapping(c, user)?))
        })
        .await?;
    let file = load(&state, id).await?;
    Ok(Json(check(&state, file, None, remembered).await?))
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
    require(s.principal.is_admin())?;
    let file = load(&state, id).await?;
    let user = s.principal.user_id;
    let kept = mapping.clone();
    state.store.call(move |c| stored::remember_mapping(c, user, &kept)).await?;
    Ok(Json(check(&state, file, Some(mapping), None).await?))
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
    require(s.principal.is_admin())?;
    let file = load(&state, id).await?;
    let name = file.name.clone();
    let (reply, figures) = read(&state, file, Some(req.mapping.clone()), None).await?;
    let Some(figures) = figures else { return Err(AppError::Import(Box::new(reply))) };
    let summary = reply.plan.clone().unwrap_or_default();
    if summary.changes() == 0 {
        return Ok(Json(CommitReply { batch: None, summary }));
    }
    let source = if req.source.trim().is_empty() { name } else { req.source.trim().chars().take(200).collect() };
    let who = s.principal;
    let (now_secs, stamp_now) = (state.clock.now_secs(), state.clock.stamp());
    let batch = state
        .store
        .call(move |c| -> Result<_, AppError> {
            if let Some(existing) = stored::pending_for(c, id, &req.mapping)? {
                return Ok(stored::batch(c, existing)?.map(|(b, _)| b));
            }
            audit::record(c, now_secs, |tx| {
                let now = stamp_now.clone();
                let new = NewBatch {
                    file: id,
                    mapping: &req.mapping,
                    source: &source,
                    figures: &figures,
                    summary: &summary,
                    by: &who.name,
                    now: &now,
                };
                let batch_id = stored::create_batch(tx, &new)?;
                let entry = audit::Entry {
                    user_id: Some(who.user_id),
                    user_name: who.name.clone(),
                    action: "import_commit",
                    object: format!("import/{batch_id}"),
                    old_value: None,
                    new_value: Some(describe(&source, &summary)),
                };
                Ok((stored::batch(tx, batch_id)?.map(|(b, _)| b), entry))
            })
        })
        .await?;
    let summary = batch.as_ref().map(|b| b.summary.clone()).unwrap_or_default();
    Ok(Json(CommitReply { batch, summary }))
}

fn describe(source: &str, s: &import::PlanSummary) -> String {
    format!("{source}: {} new, {} revised, {} unchanged ({})", s.new, s.revised, s.unchanged, s.periods.join(" "))
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
    require(s.principal.is_admin())?;
    Ok(Json(state.store.call(|c| stored::batches(c)).await?))
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
    require(s.principal.is_admin())?;
    let comment = body.comment.trim().to_string();
    if !body.approve && comment.is_empty() {
        return Err(AppError::BadRequest("退回时请写明原因 / Say why the batch is rejected".into()));
    }
    let who = s.principal;
    let (now_secs, stamp_now) = (state.clock.now_secs(), state.clock.stamp());
    let batch = state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                let (batch, figures) = stored::batch(tx, id)?.ok_or(AppError::NotFound)?;
                let now = stamp_now.clone();
                let comment = (!comment.is_empty()).then_some(comment.as_str());
                let (state, summary) = if body.approve {
                    // Planned again now: a figure approved since the commit is the base of this one.
                    let plan = import::plan(&figures, &stored::latest_figures(tx)?);
                    insert_in(tx, &plan.observations, true, &format!("import:{id}"), &now)?;
                    (BatchState::Approved, plan.summary)
                } else {
                    (BatchState::Rejected, batch.summary.clone())
                };
                stored::review_batch(tx, id, state, &summary, &who.name, &now, comment)?;
                let entry = audit::Entry {
                    user_id: Some(who.user_id),
                    user_name: who.name.clone(),
                    action: if body.approve { "import_approve" } else { "import_reject" },
                    object: format!("import/{id}"),
                    old_value: Some("pending".into()),
                    new_value: Some(format!("{}: {}", state.code(), describe(&batch.source, &summary))),
                };
                Ok((stored::batch(tx, id)?.ok_or(AppError::NotFound)?.0, entry))
            })
        })
        .await?;
    if batch.state == BatchState::Approved {
        // As for returns: the approval stands whatever happens here, and the next one publishes again.
        if let Err(e) = crate::publisher::publish_all(&state).await {
            tracing::error!(error = %e, "publishing after an import failed");
        }
    }
    Ok(Json(batch))
}

async fn load(state: &AppState, id: i64) -> Result<Upload, AppError> {
    state.store.call(move |c| stored::upload(c, id)).await?.ok_or(AppError::NotFound)
}

async fn check(
    state: &AppState,
    file: Upload,
    mapping: Option<Mapping>,
    remembered: Option<Mapping>,
) -> Result<CheckReply, AppError> {
    Ok(read(state, file, mapping, remembered).await?.0)
}

/// Sets its flag when dropped: a handler future dropped by the timeout or a disconnect tells its
/// blocking work that nobody waits for it.
struct AbandonOnDrop(Arc<AtomicBool>);

impl Drop for AbandonOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Reads and checks `file` under `mapping` (or the remembered or suggested one), and plans it against
/// the stored figures when it has no findings. Parsing runs on the blocking pool, outside the store.
async fn read(
    state: &AppState,
    file: Upload,
    mapping: Option<Mapping>,
    remembered: Option<Mapping>,
) -> Result<(CheckReply, Option<Vec<ImportedFigure>>), AppError> {
    let (regions, classes) = (state.regions.clone(), state.classes.clone());
    // Enterprise-level rows are matched against the key-enterprise registry as it stands now.
    let firms = state.store.call(|c| crate::store::load_enterprises(c)).await?;
    // The permit goes into the blocking task and is released when the work ends, not when the request
    // does; the flag tells the work to stop between stages once nobody waits for it.
    let permit = state.checks.clone().acquire_owned().await.map_err(|e| AppError::Internal(e.to_string()))?;
    let abandoned = Arc::new(AtomicBool::new(false));
    let _abandon_on_drop = AbandonOnDrop(abandoned.clone());
    let (mut reply, figures) = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut reply = CheckReply {
            file: file.id,
            name: file.name.clone(),
            sheet: String::new(),
            headers: Vec::new(),
            mapping: mapping.clone().or(remembered.clone()).unwrap_or_default(),
            rows: 0,
            sample: Vec::new(),
            report: import::Report::default(),
            plan: None,
        };
        let grid = match import::sheet::read(&file.name, &file.bytes) {
            Ok(g) => g,
            Err(f) => {
                reply.report.push(f);
                return (reply, None);
            }
        };
        if abandoned.load(Ordering::Relaxed) {
            return (reply, None);
        }
        reply.mapping = mapping.unwrap_or_else(|| Mapping::suggest(&grid.headers, remembered.as_ref()));
        reply.sheet = grid.sheet.clone();
        reply.rows = grid.rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())).count();
        reply.sample = (0..grid.rows.len().min(import::SAMPLE_ROWS)).map(|i| SampleRow::of(&grid, i)).collect();
        let figures = match import::read_figures(&grid, &reply.mapping, &regions, &classes, &firms) {
            Ok(f) => Some(f),
            Err(report) => {
                reply.report = report;
                None
            }
        };
        reply.headers = grid.headers;
        (reply, figures)
    })
    .await
    .map_err(|e| AppError::Internal(format!("import check failed: {e}")))?;
    if let Some(f) = &figures {
        let latest = state.store.call(|c| stored::latest_figures(c)).await?;
        reply.plan = Some(import::plan(f, &latest).summary);
    }
    Ok((reply, figures))
}
