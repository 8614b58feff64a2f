//! The leading group's meetings, recorded with the tasks they assign (one transaction), and the task
//! board: the tasks the caller may see, progress reports from the bureau or the responsible county,
//! and the bureau's edits.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use waimao_core::api::ErrorBody;
use waimao_core::form::FormErrors;
use waimao_core::group::{Meeting, MeetingRecord};
use waimao_core::registry::{Listing, TaskRow};
use waimao_core::task::{Progress, Task};

use crate::auth::Session;
use crate::error::AppError;
use crate::service;
use crate::state::AppState;

/// Every meeting with its tasks, newest first.
#[utoipa::path(get, path = "/api/meetings", tag = "registries", security(("session" = [])),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "Meetings with their tasks.", body = Listing<MeetingRecord>),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Listing<MeetingRecord>>, AppError> {
    Ok(Json(service::run(&state, session.principal, service::meetings::list).await?))
}

/// Records a meeting and the tasks it assigned (the bureau): all stored, or nothing.
#[utoipa::path(post, path = "/api/meetings", tag = "registries", security(("session" = [])), request_body = MeetingRecord,
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 201, description = "Recorded, with the ids of the meeting and its tasks.", body = MeetingRecord),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 422, description = "Findings by field: `meeting.<field>`, `tasks.<i>.<field>`.", body = FormErrors)))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Json(rec): Json<MeetingRecord>,
) -> Result<(StatusCode, Json<MeetingRecord>), AppError> {
    let rec = service::run(&state, session.principal, move |w| service::meetings::create(w, rec)).await?;
    Ok((StatusCode::CREATED, Json(rec)))
}

/// The task board: every task the caller may see, with its meeting.
#[utoipa::path(get, path = "/api/tasks", tag = "registries", security(("session" = [])),
    responses((status = 200, description = "The bureau and viewers: all tasks; a county: its own; an enterprise: none.", body = Listing<TaskRow>),
        (status = 401, description = "No session.", body = ErrorBody)))]
pub async fn tasks(State(state): State<AppState>, session: Session) -> Result<Json<Listing<TaskRow>>, AppError> {
    Ok(Json(service::run(&state, session.principal, service::meetings::tasks).await?))
}

/// Reports progress on a task: the bureau, or the county the task is assigned to.
#[utoipa::path(post, path = "/api/tasks/{id}/progress", tag = "registries", security(("session" = [])), request_body = Progress,
    params(("id", description = "The task.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "The task with the report applied.", body = Task),
        (status = 403, description = "Not the bureau or the task's county.", body = ErrorBody),
        (status = 404, description = "No such task (for the bureau).", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn progress(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Json(report): Json<Progress>,
) -> Result<Json<Task>, AppError> {
    Ok(Json(service::run(&state, session.principal, move |w| service::meetings::progress(w, id, report)).await?))
}

/// Edits a task's description, unit, deadline or supervision (the bureau); its progress is kept.
#[utoipa::path(put, path = "/api/tasks/{id}", tag = "registries", security(("session" = [])), request_body = Task,
    params(("id", description = "The task.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "Saved as the next version.", body = Task),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 404, description = "No such task.", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn update_task(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Json(edit): Json<Task>,
) -> Result<Json<Task>, AppError> {
    Ok(Json(service::run(&state, session.principal, move |w| service::meetings::update_task(w, id, edit)).await?))
}

/// Edits a meeting's record, e.g. to add the minutes (the bureau); its tasks are edited one by one.
#[utoipa::path(put, path = "/api/meetings/{id}", tag = "registries", security(("session" = [])), request_body = Meeting,
    params(("id", description = "The meeting.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "Saved as the next version.", body = Meeting),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 404, description = "No such meeting.", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn update_meeting(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Json(meeting): Json<Meeting>,
) -> Result<Json<Meeting>, AppError> {
    Ok(Json(service::run(&state, session.principal, move |w| service::meetings::update_meeting(w, id, meeting)).await?))
}
