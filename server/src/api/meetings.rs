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

use super::context::{entry, hidden, known};
use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{audit, records};

/// Every meeting with its tasks, newest first.
#[utoipa::path(get, path = "/api/meetings", tag = "registries", security(("session" = [])),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "Meetings with their tasks.", body = Listing<MeetingRecord>),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Listing<MeetingRecord>>, AppError> {
    require(session.principal.can_read_registries())?;
    let items = state
        .store
        .call(|c| -> Result<_, AppError> {
            let tasks: Vec<Task> = records::list(c)?;
            let mut out: Vec<MeetingRecord> = records::list::<Meeting>(c)?
                .into_iter()
                .map(|m| MeetingRecord {
                    tasks: tasks.iter().filter(|t| t.meeting == m.id).cloned().collect(),
                    meeting: m,
                })
                .collect();
            out.sort_by(|a, b| b.meeting.held_on.cmp(&a.meeting.held_on).then(b.meeting.id.cmp(&a.meeting.id)));
            Ok(out)
        })
        .await?;
    Ok(Json(Listing { today: state.clock.today(), items }))
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
    Json(mut rec): Json<MeetingRecord>,
) -> Result<(StatusCode, Json<MeetingRecord>), AppError> {
    require(session.principal.is_admin())?;
    let p = session.principal;
    let s = state.clone();
    let now_secs = state.clock.now_secs();
    let rec = state
        .store
        .call(move |c| -> Result<_, AppError> {
            rec.check(&known(&s, c)?)?;
            audit::record(c, now_secs, |tx| {
                let id = records::insert(tx, &mut rec.meeting, now_secs)?;
                for t in &mut rec.tasks {
                    t.meeting = id;
                    t.progress.clear();
                    t.done_on = None;
                    t.status = Default::default();
                    records::insert(tx, t, now_secs)?;
                }
                Ok((rec.clone(), entry(&p, "record_meeting", format!("meeting/{id}"), None, &rec)))
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(rec)))
}

/// The task board: every task the caller may see, with its meeting.
#[utoipa::path(get, path = "/api/tasks", tag = "registries", security(("session" = [])),
    responses((status = 200, description = "The bureau and viewers: all tasks; a county: its own; an enterprise: none.", body = Listing<TaskRow>),
        (status = 401, description = "No session.", body = ErrorBody)))]
pub async fn tasks(State(state): State<AppState>, session: Session) -> Result<Json<Listing<TaskRow>>, AppError> {
    let p = session.principal;
    let items = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let meetings: Vec<Meeting> = records::list(c)?;
            let rows = records::list::<Task>(c)?
                .into_iter()
                .filter(|t| p.can_read_task(t.responsible.county()))
                .filter_map(|t| {
                    let m = meetings.iter().find(|m| m.id == t.meeting)?;
                    Some(TaskRow {
                        can_report: p.can_report_task(t.responsible.county()),
                        meeting_title: m.title.clone(),
                        meeting_held_on: m.held_on,
                        task: t,
                    })
                })
                .collect();
            Ok(rows)
        })
        .await?;
    Ok(Json(Listing { today: state.clock.today(), items }))
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
    Json(mut report): Json<Progress>,
) -> Result<Json<Task>, AppError> {
    let p = session.principal;
    require(p.may_report_tasks())?;
    report.by = p.name.clone();
    report.text = report.text.trim().to_string();
    let (now_secs, today) = (state.clock.now_secs(), state.clock.today());
    let task = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let mut task = records::get::<Task>(c, id)?.ok_or_else(|| hidden(&p))?;
            require(p.can_report_task(task.responsible.county()))?;
            let held_on = records::get::<Meeting>(c, task.meeting)?.map_or(task.deadline, |m| m.held_on);
            let old = serde_json::to_string(&task).ok();
            task.report(report, held_on, today)?;
            audit::record(c, now_secs, |tx| {
                let base = task.version;
                records::update(tx, &mut task, base, now_secs)?;
                Ok((task.clone(), entry(&p, "report_task", format!("task/{id}"), old, &task)))
            })
        })
        .await?;
    Ok(Json(task))
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
    require(session.principal.is_admin())?;
    let p = session.principal;
    let s = state.clone();
    let now_secs = state.clock.now_secs();
    let task = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let stored = records::get::<Task>(c, id)?.ok_or(AppError::NotFound)?;
            let held_on = records::get::<Meeting>(c, stored.meeting)?.map_or(edit.deadline, |m| m.held_on);
            edit.check(&known(&s, c)?, held_on)?;
            let mut task = Task {
                description: edit.description.trim().to_string(),
                responsible: edit.responsible,
                deadline: edit.deadline,
                supervised: edit.supervised,
                ..stored.clone()
            };
            audit::record(c, now_secs, |tx| {
                records::update(tx, &mut task, edit.version, now_secs)?;
                Ok((
                    task.clone(),
                    entry(&p, "update_task", format!("task/{id}"), serde_json::to_string(&stored).ok(), &task),
                ))
            })
        })
        .await?;
    Ok(Json(task))
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
    Json(mut meeting): Json<Meeting>,
) -> Result<Json<Meeting>, AppError> {
    require(session.principal.is_admin())?;
    let p = session.principal;
    meeting.check(state.clock.today())?;
    meeting.id = id;
    let now_secs = state.clock.now_secs();
    let meeting = state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                let base = meeting.version;
                let old = records::update(tx, &mut meeting, base, now_secs)?;
                Ok((meeting.clone(), entry(&p, "update_meeting", format!("meeting/{id}"), Some(old), &meeting)))
            })
        })
        .await?;
    Ok(Json(meeting))
}
