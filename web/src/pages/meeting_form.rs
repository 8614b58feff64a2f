//! The bureau's record of a leading-group meeting (记录会议): the meeting's fields and the tasks it
//! assigned, a row each (description, a county or a department, deadline, 督办), sent together as one
//! `MeetingRecord`. The server's findings name `meeting.<field>` and `tasks.<i>.<field>` and appear
//! under those fields; nothing typed is lost on an error.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::form::Checker;
use waimao_core::group::{Meeting, MeetingKind, MeetingRecord};
use waimao_core::task::{Responsible, Task, TaskStatus};

use super::registry::{date, refused_text, Errors, FieldMessages, Refs, TextField};
use crate::api;
use crate::ui::use_ui;

const FORM: &str = "meeting";
const KINDS: [(MeetingKind, &str); 3] =
    [(MeetingKind::Plenary, "plenary"), (MeetingKind::Thematic, "thematic"), (MeetingKind::Office, "office")];

/// One task row's typed text.
#[derive(Clone, Copy)]
struct TaskDraft {
    description: RwSignal<String>,
    /// "county" or "department".
    unit_kind: RwSignal<String>,
    county: RwSignal<String>,
    department: RwSignal<String>,
    deadline: RwSignal<String>,
    supervised: RwSignal<bool>,
}

impl TaskDraft {
    fn new() -> Self {
        TaskDraft {
            description: RwSignal::new(String::new()),
            unit_kind: RwSignal::new("county".into()),
            county: RwSignal::new(String::new()),
            department: RwSignal::new(String::new()),
            deadline: RwSignal::new(String::new()),
            supervised: RwSignal::new(false),
        }
    }

    fn task(&self, i: usize, found: &mut Checker) -> Option<Task> {
        let mut c = Checker::nested(format!("tasks.{i}"));
        let responsible = if self.unit_kind.get_untracked() == "county" {
            c.county("responsible", ("责任区县", "Responsible county"), &self.county.get_untracked())
                .map(Responsible::County)
        } else {
            Some(Responsible::Department(self.department.get_untracked()))
        };
        let deadline = c.date("deadline", ("完成时限", "Deadline"), &self.deadline.get_untracked());
        found.append(c);
        Some(Task {
            id: 0,
            version: 0,
            meeting: 0,
            description: self.description.get_untracked(),
            responsible: responsible?,
            deadline: deadline?,
            status: TaskStatus::NotStarted,
            supervised: self.supervised.get_untracked(),
            progress: Vec::new(),
            done_on: None,
            illustrative: false,
        })
    }
}

#[component]
pub fn MeetingForm(refs: RwSignal<Refs>, today: String, on_saved: Callback<()>) -> impl IntoView {
    let lang = use_ui().lang;
    let today_text = today.clone();
    let held_on = RwSignal::new(today);
    let kind = RwSignal::new(MeetingKind::Plenary);
    let title = RwSignal::new(String::new());
    let presided_by = RwSignal::new(String::new());
    let attendance = RwSignal::new(String::new());
    let agenda = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let decisions = RwSignal::new(String::new());
    let tasks = RwSignal::new(Vec::<TaskDraft>::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<String>);
    let ok = RwSignal::new(None::<String>);
    let pick = move |zh: &'static str, en: &'static str| move || lang.get().pick(zh, en);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        ok.set(None);
        let mut found = Checker::new();
        let held = found.date("meeting.held_on", ("会议日期", "Meeting date"), &held_on.get_untracked());
        let count = found.whole("meeting.attendance", ("参会人数", "Attendance"), &attendance.get_untracked());
        let drafts = tasks.get_untracked();
        let list: Vec<Option<Task>> = drafts.iter().enumerate().map(|(i, d)| d.task(i, &mut found)).collect();
        let (Some(held_day), Some(people), true) = (held, count, found.is_empty()) else {
            let found = found.into_vec();
            message.set(found.first().map(|f| l.pick(&f.zh, &f.en).to_string()));
            errors.set(found);
            return;
        };
        let record = MeetingRecord {
            meeting: Meeting {
                id: 0,
                version: 0,
                held_on: held_day,
                kind: kind.get_untracked(),
                title: title.get_untracked(),
                presided_by: presided_by.get_untracked(),
                attendance: people,
                agenda: agenda.get_untracked(),
                minutes: minutes.get_untracked(),
                decisions: decisions.get_untracked(),
                illustrative: false,
            },
            tasks: list.into_iter().flatten().collect(),
        };
        // Core's own check first, so a deadline before the meeting is shown without a round trip; the
        // server checks again.
        let known = waimao_core::registry::Known {
            counties: refs.get_untracked().counties().iter().map(|c| c.code).collect(),
            today: date(&today_text).unwrap_or(held_day),
            ..Default::default()
        };
        if let Err(e) = record.check(&known) {
            message.set(e.fields.first().map(|f| l.pick(&f.zh, &f.en).to_string()));
            errors.set(e.fields);
            return;
        }
        spawn_local(async move {
            let l = lang.get_untracked();
            match api::group::add_meeting(&record).await {
                Ok(saved) => {
                    errors.set(Vec::new());
                    message.set(None);
                    ok.set(Some(format!(
                        "{}：{}（{} {}）",
                        l.pick("已记录", "Recorded"),
                        saved.meeting.title,
                        saved.tasks.len(),
                        l.pick("项任务", "tasks")
                    )));
                    for s in [title, presided_by, attendance, agenda, minutes, decisions] {
                        s.set(String::new());
                    }
                    tasks.set(Vec::new());
                    on_saved.run(());
                }
                Err(r) => {
                    message.set(Some(refused_text(&r, l)));
                    errors.set(r.fields);
                }
            }
        });
    };

    let task_rows = move || {
        tasks
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let field = move |f: &str| format!("tasks.{i}.{f}");
                let unit_id = format!("task-{i}-responsible");
                let (unit_for, county_id) = (unit_id.clone(), format!("task-{i}-county"));
                view! {
                    <fieldset class="task-row" data-testid="task-draft">
                        <legend>{move || format!("{} {}", lang.get().pick("任务", "Task"), i + 1)}</legend>
                        <TextField form=FORM name=field("description") id=format!("task-{i}-description")
                            label=("任务内容", "Task") value=d.description errors=errors multiline=true required=true />
                        <div class="inline-form">
                            <label for=unit_for><span>{pick("责任单位类型", "Responsible unit is")}</span>
                                <select id=unit_id on:change=move |e| d.unit_kind.set(event_target_value(&e))>
                                    <option value="county" selected=move || d.unit_kind.get() == "county">{pick("区县", "a county")}</option>
                                    <option value="department" selected=move || d.unit_kind.get() == "department">{pick("部门", "a department")}</option>
                                </select></label>
                            {move || if d.unit_kind.get() == "county" {
                                let (county_id, county_for) = (county_id.clone(), county_id.clone());
                                view! {
                                    <label for=county_for><span>{pick("责任区县", "County")}</span>
                                        <select id=county_id aria-describedby=super::registry::error_id(FORM, &field("responsible"))
                                            aria-invalid=super::registry::invalid(errors, field("responsible"))
                                            on:change=move |e| d.county.set(event_target_value(&e))>
                                            <option value="">{pick("请选择", "Choose")}</option>
                                            {move || { let l = lang.get(); refs.get().counties().into_iter().map(|c| {
                                                let code = c.code.to_string();
                                                let selected = d.county.get_untracked() == code;
                                                view! { <option value=code selected=selected>{c.name(l).to_string()}</option> }
                                            }).collect_view() }}
                                        </select>
                                        <FieldMessages errors=errors form=FORM field=field("responsible") />
                                    </label>
                                }.into_any()
                            } else {
                                view! {
                                    <TextField form=FORM name=field("responsible") id=format!("task-{i}-department")
                                        label=("责任部门", "Department") value=d.department errors=errors />
                                }.into_any()
                            }}
                            <TextField form=FORM name=field("deadline") id=format!("task-{i}-deadline")
                                label=("完成时限", "Deadline") value=d.deadline errors=errors kind="date" />
                            <label class="check" for=format!("task-{i}-supervised")>
                                <input type="checkbox" id=format!("task-{i}-supervised") prop:checked=move || d.supervised.get()
                                    on:change=move |e| d.supervised.set(event_target_checked(&e)) />
                                {pick("督办", "Supervised")}
                            </label>
                            <button type="button" class="small" id=format!("remove-task-{i}")
                                on:click=move |_| tasks.update(|t| { if i < t.len() { t.remove(i); } })>
                                {pick("删除此任务", "Remove this task")}
                            </button>
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    };

    view! {
        <form id="meeting-form" data-testid="meeting-form" class="registry-form" novalidate on:submit=save>
            <div class="field-grid">
                <TextField form=FORM name="meeting.held_on" id="meeting-held_on" label=("会议日期", "Meeting date") value=held_on errors=errors kind="date" />
                <label for="meeting-kind"><span>{pick("会议类型", "Kind")}</span>
                    <select id="meeting-kind" on:change=move |e| {
                        let v = event_target_value(&e);
                        if let Some(k) = KINDS.iter().find(|k| k.1 == v) { kind.set(k.0) }
                    }>
                        {KINDS.iter().map(|&(k, code)| view! {
                            <option value=code selected=move || kind.get() == k>{move || k.label(lang.get())}</option>
                        }).collect_view()}
                    </select></label>
                <TextField form=FORM name="meeting.title" id="meeting-title" label=("会议名称", "Title") value=title errors=errors required=true />
                <TextField form=FORM name="meeting.presided_by" id="meeting-presided_by" label=("主持人", "Presided by") value=presided_by errors=errors required=true />
                <TextField form=FORM name="meeting.attendance" id="meeting-attendance" label=("参会人数", "Attendance") value=attendance errors=errors kind="number" required=true />
            </div>
            <TextField form=FORM name="meeting.agenda" id="meeting-agenda" label=("议题", "Agenda") value=agenda errors=errors multiline=true required=true />
            <TextField form=FORM name="meeting.minutes" id="meeting-minutes" label=("会议纪要", "Minutes") value=minutes errors=errors multiline=true />
            <TextField form=FORM name="meeting.decisions" id="meeting-decisions" label=("议定事项", "Decisions") value=decisions errors=errors multiline=true />
            <h4>{pick("交办任务", "Tasks assigned")}</h4>
            {task_rows}
            <button type="button" id="add-task" on:click=move |_| tasks.update(|t| t.push(TaskDraft::new()))>
                {pick("添加任务", "Add a task")}
            </button>
            <p class="form-error" role="alert" data-testid="meeting-form-error">{move || message.get()}</p>
            <p class="form-ok" role="status" data-testid="meeting-form-ok">{move || ok.get()}</p>
            <button type="submit" class="primary" id="save-meeting">{pick("保存会议记录", "Save the meeting")}</button>
        </form>
    }
}
