//! An enterprise's problems and demands (困难诉求) on its page: each with its category, department,
//! status, days open and dated replies, the overdue ones marked; the form to raise one (the bureau or
//! the enterprise itself), the bureau's reply form (text, date, status, department) and the
//! enterprise's follow-up (text only, status unchanged). Every change reloads the page's record.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::form::Checker;
use waimao_core::problem::{Problem, ProblemStatus, Reply, DUE_DAYS};
use waimao_core::registry::EnterpriseDetail;
use waimao_core::returns::DifficultyCategory;
use waimao_core::Lang;

use super::registry::{date, refused_text, Errors, Example, TextField};
use crate::api;
use crate::ui::use_ui;

fn overdue_text(days_over: i64, l: Lang) -> String {
    match l {
        Lang::Zh => format!("已超期 {days_over} 天"),
        Lang::En => format!("overdue by {days_over} days"),
    }
}

/// The form to raise a problem.
#[component]
fn RaiseForm(enterprise: i64, today: String, on_change: Callback<()>) -> impl IntoView {
    let lang = use_ui().lang;
    let category = RwSignal::new(DifficultyCategory::ALL[0]);
    let description = RwSignal::new(String::new());
    let raised_on = RwSignal::new(today.clone());
    let errors: Errors = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let mut c = Checker::new();
        let on = c.date("raised_on", ("提出日期", "Date raised"), &raised_on.get_untracked());
        let (Some(on), Some(now)) = (on, date(&today)) else {
            message.set(c.first_message(l));
            return;
        };
        let p = Problem {
            id: 0,
            version: 0,
            enterprise,
            category: category.get_untracked(),
            description: description.get_untracked(),
            raised_on: on,
            department: String::new(),
            status: ProblemStatus::Open,
            replies: Vec::new(),
            finished_on: None,
            illustrative: false,
        };
        if let Err(e) = p.check(now) {
            message.set(e.fields.first().map(|f| l.pick(&f.zh, &f.en).to_string()));
            errors.set(e.fields);
            return;
        }
        spawn_local(async move {
            let l = lang.get_untracked();
            match api::enterprises::raise_problem(enterprise, &p).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    message.set(None);
                    description.set(String::new());
                    on_change.run(());
                }
                Err(r) => {
                    message.set(Some(refused_text(&r, l)));
                    errors.set(r.fields);
                }
            }
        });
    };
    view! {
        <form id="problem-form" data-testid="problem-form" class="registry-form" novalidate on:submit=save>
            <h4>{move || lang.get().pick("反映困难诉求", "Raise a problem")}</h4>
            <label for="problem-category"><span>{move || lang.get().pick("类别", "Category")}</span>
                <select id="problem-category" on:change=move |e| {
                    if let Some(c) = DifficultyCategory::parse(&event_target_value(&e)) { category.set(c) }
                }>
                    {DifficultyCategory::ALL.into_iter().map(|c| view! {
                        <option value=c.code() selected=move || category.get() == c>{move || c.label(lang.get())}</option>
                    }).collect_view()}
                </select>
            </label>
            <TextField form="problem" name="description" id="problem-description" label=("诉求内容", "Description")
                value=description errors=errors multiline=true required=true />
            <TextField form="problem" name="raised_on" id="problem-date" label=("提出日期", "Date raised")
                value=raised_on errors=errors kind="date" />
            <p class="form-error" role="alert" data-testid="problem-form-error">{move || message.get()}</p>
            <button type="submit" class="primary" id="raise-problem">{move || lang.get().pick("提交诉求", "Raise it")}</button>
        </form>
    }
}

/// Under one problem: the bureau's reply (any status, department) or the enterprise's follow-up.
#[component]
fn ReplyForm(problem: Problem, admin: bool, today: String, on_change: Callback<()>) -> impl IntoView {
    let lang = use_ui().lang;
    let pid = problem.id;
    let form = format!("reply-{pid}");
    let text = RwSignal::new(String::new());
    let on = RwSignal::new(today);
    let status = RwSignal::new(problem.status);
    let department = RwSignal::new(problem.department.clone());
    let errors: Errors = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<String>);
    let current = problem.status;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let mut c = Checker::new();
        let Some(day) = c.date("on", ("答复日期", "Date of the reply"), &on.get_untracked()) else {
            message.set(c.first_message(l));
            return;
        };
        let dept = department.get_untracked();
        let reply = Reply {
            on: day,
            by: String::new(),
            text: text.get_untracked(),
            status: if admin { status.get_untracked() } else { current },
            department: (admin && !dept.trim().is_empty()).then_some(dept),
        };
        spawn_local(async move {
            let l = lang.get_untracked();
            match api::enterprises::reply(pid, &reply).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    message.set(None);
                    text.set(String::new());
                    on_change.run(());
                }
                Err(r) => {
                    message.set(Some(refused_text(&r, l)));
                    errors.set(r.fields);
                }
            }
        });
    };
    let form_id = form.clone();
    view! {
        <form class="inline-form reply-form" id=form_id data-testid="reply-form" data-problem=pid.to_string() novalidate on:submit=save>
            <TextField form=form.clone() name="text" label=if admin { ("答复内容", "Reply") } else { ("补充说明", "Follow-up") }
                value=text errors=errors multiline=true />
            <TextField form=form.clone() name="on" label=("日期", "Date") value=on errors=errors kind="date" />
            {admin.then(|| {
                let id = format!("{form}-status");
                let label_for = id.clone();
                view! {
                    <label for=label_for><span>{move || lang.get().pick("状态", "Status")}</span>
                        <select id=id on:change=move |e| if let Some(s) = ProblemStatus::parse(&event_target_value(&e)) { status.set(s) }>
                            {ProblemStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.code() selected=move || status.get() == s>{move || s.label(lang.get())}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <TextField form=form.clone() name="department" label=("责任部门", "Responsible department") value=department errors=errors />
                }
            })}
            <button type="submit" class="small" id=format!("{form}-submit") data-testid="reply-submit">
                {move || if admin { lang.get().pick("答复", "Reply") } else { lang.get().pick("补充", "Add follow-up") }}
            </button>
            <p class="form-error" role="alert">{move || message.get()}</p>
        </form>
    }
}

#[component]
pub fn Problems(detail: EnterpriseDetail, admin: bool, on_change: Callback<()>) -> impl IntoView {
    let lang = use_ui().lang;
    let today = detail.today;
    let can_raise = detail.can_raise;
    let enterprise = detail.enterprise.id;
    let mut problems = detail.problems;
    problems.sort_by(|a, b| b.raised_on.cmp(&a.raised_on).then(b.id.cmp(&a.id)));
    let list = move || {
        let l = lang.get();
        if problems.is_empty() {
            return view! { <p class="note" data-testid="no-problems">{l.pick("没有反映的困难诉求。", "No problems raised.")}</p> }.into_any();
        }
        view! {
            <ul class="problems" data-testid="problems">
                {problems.iter().map(|p| {
                    let overdue = p.is_overdue(today);
                    let days = p.days_open(today);
                    let department = if p.department.is_empty() { l.pick("待分派", "not assigned").to_string() } else { p.department.clone() };
                    let replies = p.replies.clone();
                    view! {
                        <li class="problem" class:overdue=overdue data-testid="problem" data-id=p.id.to_string() data-status=p.status.code()>
                            <div class="problem-head">
                                <strong>{p.category.label(l)}</strong>
                                <span class="tag">{p.status.label(l)}</span>
                                {overdue.then(|| view! { <span class="overdue" data-testid="overdue">{overdue_text(days - DUE_DAYS, l)}</span> })}
                                <Example show=p.illustrative />
                            </div>
                            <p class="problem-text">{p.description.clone()}</p>
                            <p class="note">
                                {format!("{}{} · {}{} · {}{}", l.pick("提出日期：", "Raised "), p.raised_on,
                                    l.pick("责任部门：", "department: "), department,
                                    l.pick("已用天数：", "days open: "), days)}
                            </p>
                            {(!replies.is_empty()).then(|| view! {
                                <ol class="replies" aria-label=l.pick("答复", "Replies")>
                                    {replies.into_iter().map(|r| {
                                        let head = format!("{} {} · {}", r.on, r.by, r.status.label(l));
                                        let dept = r.department.map(|d| format!(" · {}{d}", l.pick("责任部门：", "department: ")));
                                        view! { <li><span class="note">{head}{dept}</span><br />{r.text}</li> }
                                    }).collect_view()}
                                </ol>
                            })}
                            {(admin || can_raise).then(|| view! {
                                <ReplyForm problem=p.clone() admin=admin today=today.to_string() on_change=on_change />
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h3>{move || lang.get().pick("困难诉求", "Problems and demands")}</h3>
        {list}
        {can_raise.then(|| view! { <RaiseForm enterprise=enterprise today=today.to_string() on_change=on_change /> })}
    }
}
