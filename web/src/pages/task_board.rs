//! The leading group's task board: every task the caller may see (a county only its own) with its
//! meeting, unit, deadline, status, 督办 mark and latest progress, overdue ones marked with the days
//! past the deadline; the progress form where the server allows it; and the completion rate by unit
//! (`task::completion_by_unit`) as horizontal bars with the table beside.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::form::Checker;
use waimao_core::registry::TaskRow;
use waimao_core::task::{completion_by_unit, Progress, Task, TaskStatus};
use waimao_core::Lang;

use super::registry::{not_ready, refused_text, Errors, Example, Exports, Refs, TextField};
use crate::api;
use crate::components::table_files::TableFiles;
use crate::ui::use_ui;
use waimao_core::chart::Table;

/// Under a task: a dated progress report that sets its status.
#[component]
fn ProgressForm(task: Task, today: String, on_change: Callback<()>) -> impl IntoView {
    let lang = use_ui().lang;
    let tid = task.id;
    let form = format!("progress-{tid}");
    let text = RwSignal::new(String::new());
    let on = RwSignal::new(today);
    let status =
        RwSignal::new(if task.status == TaskStatus::NotStarted { TaskStatus::InProgress } else { task.status });
    let errors: Errors = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let mut c = Checker::new();
        let Some(day) = c.date("on", ("报送日期", "Date reported"), &on.get_untracked()) else {
            message.set(c.first_message(l));
            return;
        };
        let p = Progress { on: day, by: String::new(), text: text.get_untracked(), status: status.get_untracked() };
        spawn_local(async move {
            match api::group::progress(tid, &p).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    message.set(None);
                    text.set(String::new());
                    on_change.run(());
                }
                Err(r) => {
                    message.set(Some(refused_text(&r, lang.get_untracked())));
                    errors.set(r.fields);
                }
            }
        });
    };
    let status_id = format!("{form}-status");
    let label_for = status_id.clone();
    view! {
        <form class="inline-form progress-form" id=form.clone() data-testid="progress-form" data-task=tid.to_string() novalidate on:submit=save>
            <TextField form=form.clone() name="text" label=("进展情况", "Progress") value=text errors=errors multiline=true />
            <TextField form=form.clone() name="on" label=("报送日期", "Date") value=on errors=errors kind="date" />
            <label for=label_for><span>{move || lang.get().pick("状态", "Status")}</span>
                <select id=status_id on:change=move |e| if let Some(s) = TaskStatus::parse(&event_target_value(&e)) { status.set(s) }>
                    {TaskStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=move || status.get() == s>{move || s.label(lang.get())}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="small" id=format!("{form}-submit") data-testid="progress-submit">
                {move || lang.get().pick("报送进展", "Report progress")}
            </button>
            <p class="form-error" role="alert">{move || message.get()}</p>
        </form>
    }
}

#[component]
pub fn TaskBoard(refs: RwSignal<Refs>, refresh: RwSignal<u32>) -> impl IntoView {
    let lang = use_ui().lang;
    let tasks = LocalResource::new(move || {
        refresh.track();
        async move { api::group::tasks().await }
    });
    let reload = Callback::new(move |_: ()| refresh.update(|n| *n += 1));
    let filter = RwSignal::new(String::new());
    let board = move || {
        let l = lang.get();
        let listing = match tasks.get() {
            Some(Ok(listing)) => listing,
            Some(Err(f)) => return not_ready(Some(&f), l),
            None => return not_ready(None, l),
        };
        let today = listing.today;
        let r = refs.get();
        let county_name = |c| r.county_name(c, l);
        let mut rows = listing.items;
        // Overdue first, then by deadline.
        rows.sort_by_key(|t| {
            (!t.task.is_overdue(today), t.task.status == TaskStatus::Done, t.task.deadline, t.task.id)
        });
        let all: Vec<Task> = rows.iter().map(|t| t.task.clone()).collect();
        let rates = completion_by_unit(&all, today);
        let f = filter.get();
        let shown: Vec<TaskRow> = rows.into_iter().filter(|t| f.is_empty() || t.task.status.code() == f).collect();
        view! {
            <div class="table-wrap">
                <table class="data registry" data-testid="task-table">
                    <thead><tr>
                        <th scope="col">{l.pick("任务内容", "Task")}</th>
                        <th scope="col">{l.pick("责任单位", "Responsible unit")}</th>
                        <th scope="col">{l.pick("完成时限", "Deadline")}</th>
                        <th scope="col">{l.pick("状态", "Status")}</th>
                        <th scope="col">{l.pick("最新进展", "Latest progress")}</th>
                        <th scope="col">{l.pick("会议", "Meeting")}</th>
                    </tr></thead>
                    <tbody>
                        {shown.into_iter().map(|row| {
                            let t = row.task.clone();
                            let overdue = t.is_overdue(today);
                            let late = -t.days_left(today);
                            let latest = t.progress.last().map(|p| format!("{} {}", p.on, p.text)).unwrap_or_else(|| "—".into());
                            let report = row.can_report.then(|| view! {
                                <details class="progress-box" data-testid="progress-toggle">
                                    <summary id=format!("progress-{}-toggle", t.id)>{l.pick("报送进展", "Report progress")}</summary>
                                    <ProgressForm task=t.clone() today=today.to_string() on_change=reload />
                                </details>
                            });
                            view! {
                                <tr class:overdue=overdue data-testid="task-row" data-id=t.id.to_string() data-status=t.status.code()>
                                    <th scope="row">
                                        {t.description.clone()}
                                        {t.supervised.then(|| view! { " " <span class="badge supervised" data-testid="supervised">{l.pick("督办", "Supervised")}</span> })}
                                        " " <Example show=t.illustrative />
                                        {report}
                                    </th>
                                    <td class="nowrap">{t.responsible.name(&county_name)}</td>
                                    <td class="nowrap">
                                        {t.deadline.to_string()}
                                        {overdue.then(|| view! {
                                            <br /><span class="overdue" data-testid="days-overdue">{match l {
                                                Lang::Zh => format!("超期 {late} 天"),
                                                Lang::En => format!("{late} days overdue"),
                                            }}</span>
                                        })}
                                    </td>
                                    <td class="nowrap">{t.status.label(l)}</td>
                                    <td class="wrap">{latest}</td>
                                    <td class="wrap">{format!("{} {}", row.meeting_held_on, row.meeting_title)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>{l.pick("各责任单位完成率", "Completion rate by unit")}</h3>
            {rates_view(&rates, &county_name, l)}
        }
        .into_any()
    };
    view! {
        <div id="task-board" data-testid="task-board">
            <div class="panel-head">
                <h3>{move || lang.get().pick("任务督办", "Task board")}</h3>
                <Exports name="tasks" />
            </div>
            <label class="month-select" for="task-status-filter">
                <span>{move || lang.get().pick("状态", "Status")}</span>
                <select id="task-status-filter" on:change=move |e| filter.set(event_target_value(&e))>
                    <option value="">{move || lang.get().pick("全部", "All")}</option>
                    {TaskStatus::ALL.into_iter().map(|s| view! { <option value=s.code()>{move || s.label(lang.get())}</option> }).collect_view()}
                </select>
            </label>
            {board}
        </div>
    }
}

/// Completion by unit: bars drawn in proportion to the rate, the exact rate printed beside each, and
/// the same figures as a table.
const BAR_W: f64 = 720.0;
const LABEL_W: f64 = 170.0;
const ROW_H: f64 = 30.0;

fn rates_view(
    rates: &[waimao_core::task::UnitRate],
    county_name: &impl Fn(waimao_core::RegionCode) -> String,
    l: Lang,
) -> impl IntoView {
    let height = ROW_H * rates.len().max(1) as f64 + 8.0;
    let track = BAR_W - LABEL_W - 70.0;
    let rows: Vec<(String, f64, String, &waimao_core::task::UnitRate)> = rates
        .iter()
        .map(|u| {
            let share = if u.total == 0 { 0.0 } else { f64::from(u.done) / f64::from(u.total) };
            let pct = u.rate().map_or("—".to_string(), |r| format!("{}%", r.percent(1)));
            (u.unit.name(county_name), share, pct, u)
        })
        .collect();
    let summary = rows.iter().map(|r| format!("{} {}", r.0, r.2)).collect::<Vec<_>>().join(l.pick("；", "; "));
    let heads = [
        ("责任单位", "Responsible unit"),
        ("任务数", "Tasks"),
        ("已完成", "Done"),
        ("按期完成", "Done on time"),
        ("超期未完成", "Overdue"),
        ("完成率", "Completion rate"),
    ];
    let table = Table {
        headers: heads.iter().map(|h| l.pick(h.0, h.1).to_string()).collect(),
        rows: rows
            .iter()
            .map(|(name, _, pct, u)| {
                vec![
                    name.clone(),
                    u.total.to_string(),
                    u.done.to_string(),
                    u.on_time.to_string(),
                    u.overdue.to_string(),
                    pct.clone(),
                ]
            })
            .collect(),
    };
    let sheet = l.pick("各责任单位完成率", "Completion by unit").to_string();
    view! {
        <figure class="completion" data-testid="completion-chart">
            <svg class="chart" viewBox=format!("0 0 {BAR_W} {height}") role="img" aria-label=summary>
                {rows.iter().enumerate().map(|(i, (name, share, pct, _))| {
                    let y = 4.0 + ROW_H * i as f64;
                    view! {
                        <g class="rate-row">
                            <text class="axis" x=LABEL_W - 8.0 y=y + 19.0 text-anchor="end">{name.clone()}</text>
                            <rect class="rate-track" x=LABEL_W y=y + 6.0 width=track height=16 rx=3 />
                            <rect class="bar" x=LABEL_W y=y + 6.0 width=track * share height=16 rx=3 />
                            <text class="rate-text" x=LABEL_W + track + 8.0 y=y + 19.0>{pct.clone()}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
        <span class="downloads">
            <TableFiles id="completion" file=format!("waimao-completion-{}", l.code()) sheet=sheet table=table />
        </span>
        <div class="table-wrap">
            <table class="data" data-testid="completion-table">
                <caption class="sr-only">{l.pick("各责任单位完成率", "Completion rate by unit")}</caption>
                <thead><tr>
                    <th scope="col">{l.pick("责任单位", "Responsible unit")}</th>
                    <th scope="col">{l.pick("任务数", "Tasks")}</th>
                    <th scope="col">{l.pick("已完成", "Done")}</th>
                    <th scope="col">{l.pick("按期完成", "Done on time")}</th>
                    <th scope="col">{l.pick("超期未完成", "Overdue")}</th>
                    <th scope="col">{l.pick("完成率", "Completion rate")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(name, _, pct, u)| view! {
                        <tr><th scope="row">{name}</th><td>{u.total}</td><td>{u.done}</td><td>{u.on_time}</td><td>{u.overdue}</td><td>{pct}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
