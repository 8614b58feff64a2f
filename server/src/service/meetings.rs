//! The leading group's meetings, recorded with the tasks they assign (one transaction), and the task
//! board: the tasks a principal may see, progress reports from the bureau or the responsible county,
//! and the bureau's edits.

use waimao_core::group::{Meeting, MeetingRecord};
use waimao_core::registry::{Listing, TaskRow};
use waimao_core::task::{Progress, Task};

use super::{hidden, require, Error, Work};
use crate::store::records;

/// Every meeting with its tasks, newest first.
pub fn list(w: &mut Work) -> Result<Listing<MeetingRecord>, Error> {
    require(w.who.can_read_registries())?;
    let tasks: Vec<Task> = records::list(&w.tx)?;
    let mut items: Vec<MeetingRecord> = records::list::<Meeting>(&w.tx)?
        .into_iter()
        .map(|m| MeetingRecord { tasks: tasks.iter().filter(|t| t.meeting == m.id).cloned().collect(), meeting: m })
        .collect();
    items.sort_by(|a, b| b.meeting.held_on.cmp(&a.meeting.held_on).then(b.meeting.id.cmp(&a.meeting.id)));
    Ok(Listing { today: w.at.today, items })
}

/// Records a meeting and the tasks it assigned: all stored, or nothing. Tasks start with no progress.
pub fn create(w: &mut Work, mut rec: MeetingRecord) -> Result<MeetingRecord, Error> {
    require(w.who.can_edit_registries())?;
    rec.check(&w.known()?)?;
    let id = records::insert(&w.tx, &mut rec.meeting, w.at.secs)?;
    for t in &mut rec.tasks {
        t.meeting = id;
        t.progress.clear();
        t.done_on = None;
        t.status = Default::default();
        records::insert(&w.tx, t, w.at.secs)?;
    }
    w.audit_record("record_meeting", format!("meeting/{id}"), None, &rec)?;
    Ok(rec)
}

/// The task board: every task the caller may see, with its meeting.
pub fn tasks(w: &mut Work) -> Result<Listing<TaskRow>, Error> {
    let meetings: Vec<Meeting> = records::list(&w.tx)?;
    let items = records::list::<Task>(&w.tx)?
        .into_iter()
        .filter(|t| w.who.can_read_task(t.responsible.county()))
        .filter_map(|t| {
            let m = meetings.iter().find(|m| m.id == t.meeting)?;
            Some(TaskRow {
                can_report: w.who.can_report_task(t.responsible.county()),
                meeting_title: m.title.clone(),
                meeting_held_on: m.held_on,
                task: t,
            })
        })
        .collect();
    Ok(Listing { today: w.at.today, items })
}

/// Reports progress on task `id`, signed by the caller: the bureau, or the county it is assigned to.
pub fn progress(w: &mut Work, id: i64, mut report: Progress) -> Result<Task, Error> {
    require(w.who.may_report_tasks())?;
    report.by = w.who.name.clone();
    report.text = report.text.trim().to_string();
    let mut task = records::get::<Task>(&w.tx, id)?.ok_or_else(|| hidden(&w.who))?;
    require(w.who.can_report_task(task.responsible.county()))?;
    let held_on = records::get::<Meeting>(&w.tx, task.meeting)?.map_or(task.deadline, |m| m.held_on);
    let old = serde_json::to_string(&task).ok();
    task.report(report, held_on, w.at.today)?;
    let base = task.version;
    records::update(&w.tx, &mut task, base, w.at.secs)?;
    w.audit_record("report_task", format!("task/{id}"), old, &task)?;
    Ok(task)
}

/// Edits task `id`'s description, unit, deadline or supervision at the version `edit` names; its
/// progress is kept.
pub fn update_task(w: &mut Work, id: i64, edit: Task) -> Result<Task, Error> {
    require(w.who.can_edit_registries())?;
    let stored = records::get::<Task>(&w.tx, id)?.ok_or(Error::NotFound)?;
    let held_on = records::get::<Meeting>(&w.tx, stored.meeting)?.map_or(edit.deadline, |m| m.held_on);
    edit.check(&w.known()?, held_on)?;
    let mut task = Task {
        description: edit.description.trim().to_string(),
        responsible: edit.responsible,
        deadline: edit.deadline,
        supervised: edit.supervised,
        ..stored.clone()
    };
    records::update(&w.tx, &mut task, edit.version, w.at.secs)?;
    w.audit_record("update_task", format!("task/{id}"), serde_json::to_string(&stored).ok(), &task)?;
    Ok(task)
}

/// Edits meeting `id`'s record (e.g. to add the minutes) at the version it names; its tasks are
/// edited one by one.
pub fn update_meeting(w: &mut Work, id: i64, mut meeting: Meeting) -> Result<Meeting, Error> {
    require(w.who.can_edit_registries())?;
    meeting.check(w.at.today)?;
    meeting.id = id;
    let base = meeting.version;
    let old = records::update(&w.tx, &mut meeting, base, w.at.secs)?;
    w.audit_record("update_meeting", format!("meeting/{id}"), Some(old), &meeting)?;
    Ok(meeting)
}
