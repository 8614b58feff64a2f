//! The leading group's meetings (each with its tasks) and the task board with progress reports.

use waimao_core::group::MeetingRecord;
use waimao_core::registry::{Listing, TaskRow};
use waimao_core::task::{Progress, Task};

use super::{get, submit, Failure, Refused};

pub async fn meetings() -> Result<Listing<MeetingRecord>, Failure> {
    get("/api/meetings").await
}

/// Stores a meeting and its task rows in one transaction.
pub async fn add_meeting(m: &MeetingRecord) -> Result<MeetingRecord, Refused> {
    submit("POST", "/api/meetings", m).await
}

/// The tasks the caller may see (a county: those assigned to it).
pub async fn tasks() -> Result<Listing<TaskRow>, Failure> {
    get("/api/tasks").await
}

/// Reports progress on the task `task`.
pub async fn progress(task: i64, p: &Progress) -> Result<Task, Refused> {
    submit("POST", &format!("/api/tasks/{task}/progress"), p).await
}
