//! The foreign-trade leading group (外贸发展促进领导小组): its members (and the bureau's form to add
//! one), its meetings with their decisions and minutes, the form to record a meeting with the tasks it
//! assigned, and the task board. A county sees only the task board with its own tasks.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::form::{Checker, FieldError};
use waimao_core::group::{GroupRole, Member};

use super::meeting_form::MeetingForm;
use super::registry::{load_refs, not_ready, refused_text, Errors, Example, Exports, TextField};
use super::task_board::TaskBoard;
use crate::api;
use crate::ui::use_ui;

const ROLES: [(GroupRole, &str); 3] =
    [(GroupRole::Leader, "leader"), (GroupRole::Deputy, "deputy"), (GroupRole::Member, "member")];

#[component]
fn MemberForm(today: String, on_saved: Callback<()>) -> impl IntoView {
    const FORM: &str = "member";
    let lang = use_ui().lang;
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(GroupRole::Member);
    let unit = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let term_start = RwSignal::new(today);
    let term_end = RwSignal::new(String::new());
    let errors: Errors = RwSignal::new(Vec::new());
    let message = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let fail = |found: Vec<FieldError>| {
            message.set(found.first().map(|f| l.pick(&f.zh, &f.en).to_string()));
            errors.set(found);
        };
        let mut c = Checker::new();
        let start = c.date("term_start", ("任期开始日期", "Start of the term"), &term_start.get_untracked());
        let end = c.optional_date("term_end", ("任期结束日期", "End of the term"), &term_end.get_untracked());
        let (Some(start), Some(end)) = (start, end) else { return fail(c.into_vec()) };
        let member = Member {
            id: 0,
            version: 0,
            name: name.get_untracked(),
            role: role.get_untracked(),
            unit: unit.get_untracked(),
            position: position.get_untracked(),
            term_start: start,
            term_end: end,
            illustrative: false,
        };
        if let Err(e) = member.check() {
            return fail(e.fields);
        }
        spawn_local(async move {
            match api::registry::add_member(&member).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    message.set(None);
                    for s in [name, unit, position, term_end] {
                        s.set(String::new());
                    }
                    on_saved.run(());
                }
                Err(r) => {
                    message.set(Some(refused_text(&r, lang.get_untracked())));
                    errors.set(r.fields);
                }
            }
        });
    };
    view! {
        <form id="member-form" data-testid="member-form" class="registry-form" novalidate on:submit=save>
            <div class="field-grid">
                <TextField form=FORM name="name" label=("姓名", "Name") value=name errors=errors required=true />
                <label for="member-role"><span>{move || lang.get().pick("职务（领导小组）", "Role in the group")}</span>
                    <select id="member-role" on:change=move |e| {
                        let v = event_target_value(&e);
                        if let Some(r) = ROLES.iter().find(|r| r.1 == v) { role.set(r.0) }
                    }>
                        {ROLES.iter().map(|&(r, code)| view! {
                            <option value=code selected=move || role.get() == r>{move || r.label(lang.get())}</option>
                        }).collect_view()}
                    </select></label>
                <TextField form=FORM name="unit" label=("成员单位", "Member unit") value=unit errors=errors required=true />
                <TextField form=FORM name="position" label=("职务", "Position") value=position errors=errors />
                <TextField form=FORM name="term_start" label=("任期开始", "Term start") value=term_start errors=errors kind="date" />
                <TextField form=FORM name="term_end" label=("任期截止（可空）", "Term end (optional)") value=term_end errors=errors kind="date" />
            </div>
            <p class="form-error" role="alert" data-testid="member-form-error">{move || message.get()}</p>
            <button type="submit" class="primary" id="save-member">{move || lang.get().pick("添加成员", "Add member")}</button>
        </form>
    }
}

#[component]
pub fn Group() -> impl IntoView {
    let ui = use_ui();
    let lang = ui.lang;
    let refs = load_refs(false, false);
    let me = api::session::use_me();
    let refresh = RwSignal::new(0u32);
    let task_refresh = RwSignal::new(0u32);
    // Members and meetings are the bureau's and viewers'; a county reads only its tasks.
    let reads_all = Memo::new(move |_| me.get().map(|p| p.is_some_and(|p| p.can_read_registries())));
    let members = LocalResource::new(move || {
        refresh.track();
        let all = reads_all.get();
        async move {
            match all {
                Some(true) => Some(api::registry::members().await),
                _ => None,
            }
        }
    });
    let meetings = LocalResource::new(move || {
        refresh.track();
        let all = reads_all.get();
        async move {
            match all {
                Some(true) => Some(api::group::meetings().await),
                _ => None,
            }
        }
    });
    let saved = Callback::new(move |_: ()| {
        refresh.update(|n| *n += 1);
        task_refresh.update(|n| *n += 1);
    });
    let pick = move |zh: &'static str, en: &'static str| move || lang.get().pick(zh, en);
    let admin_today = super::registry::admin_today(me, move || {
        members.get().flatten().and_then(Result::ok).map(|l| l.today.to_string())
    });

    let member_table = move || {
        let l = lang.get();
        let listing = match members.get().flatten() {
            Some(Ok(listing)) => listing,
            Some(Err(f)) => return not_ready(Some(&f), l),
            None => return not_ready(None, l),
        };
        let today = listing.today;
        let mut items = listing.items;
        items.sort_by_key(|m| (m.role, m.term_start, m.id));
        view! {
            <div class="table-wrap" tabindex="0">
                <table class="data registry" data-testid="members-table">
                    <thead><tr>
                        <th scope="col">{l.pick("姓名", "Name")}</th>
                        <th scope="col">{l.pick("职务（领导小组）", "Role")}</th>
                        <th scope="col">{l.pick("成员单位", "Member unit")}</th>
                        <th scope="col">{l.pick("职务", "Position")}</th>
                        <th scope="col">{l.pick("任期", "Term")}</th>
                        <th scope="col">{l.pick("状态", "Status")}</th>
                    </tr></thead>
                    <tbody>
                        {items.into_iter().map(|m| {
                            let term = format!("{} — {}", m.term_start, m.term_end.map(|d| d.to_string()).unwrap_or_default());
                            let serving = m.is_serving(today);
                            view! {
                                <tr data-testid="member-row">
                                    <th scope="row">{m.name.clone()} " " <Example show=m.illustrative /></th>
                                    <td>{m.role.label(l)}</td>
                                    <td>{m.unit.clone()}</td>
                                    <td>{m.position.clone()}</td>
                                    <td>{term}</td>
                                    <td>{if serving { l.pick("在任", "Serving") } else { l.pick("离任", "Former") }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };

    let meeting_list = move || {
        let l = lang.get();
        let listing = match meetings.get().flatten() {
            Some(Ok(listing)) => listing,
            Some(Err(f)) => return not_ready(Some(&f), l),
            None => return not_ready(None, l),
        };
        let mut items = listing.items;
        items.sort_by_key(|a| std::cmp::Reverse(a.meeting.held_on));
        view! {
            <ul class="meetings" data-testid="meetings">
                {items.into_iter().map(|rec| {
                    let m = rec.meeting;
                    let head = format!("{} · {} · {}{} · {}{}", m.held_on, m.kind.label(l),
                        l.pick("主持：", "presided by "), m.presided_by, l.pick("参会人数：", "attendance "), m.attendance);
                    let tasks = rec.tasks.len();
                    view! {
                        <li class="meeting" data-testid="meeting" data-id=m.id.to_string()>
                            <h4>{m.title.clone()} " " <Example show=m.illustrative /></h4>
                            <p class="note">{head}{(tasks > 0).then(|| format!(" · {tasks} {}", l.pick("项任务", "tasks")))}</p>
                            <p><strong>{l.pick("议题：", "Agenda: ")}</strong>{m.agenda.clone()}</p>
                            {(!m.decisions.is_empty()).then(|| view! { <p><strong>{l.pick("议定事项：", "Decisions: ")}</strong>{m.decisions.clone()}</p> })}
                            {(!m.minutes.is_empty()).then(|| view! {
                                <details data-testid="minutes"><summary>{l.pick("会议纪要", "Minutes")}</summary><p class="minutes">{m.minutes.clone()}</p></details>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };

    let registries = move || {
        reads_all.get().unwrap_or(false).then(|| {
            view! {
                <div class="panel-head">
                    <h3>{pick("领导小组成员", "Members")}</h3>
                    <Exports name="members" />
                </div>
                {member_table}
                {move || admin_today.get().map(|today| view! {
                    <details class="add-box" open data-testid="add-member">
                        <summary>{pick("添加成员", "Add a member")}</summary>
                        <MemberForm today=today on_saved=saved />
                    </details>
                })}
                <div class="panel-head">
                    <h3>{pick("会议", "Meetings")}</h3>
                    <Exports name="meetings" />
                </div>
                {meeting_list}
                {move || admin_today.get().map(|today| view! {
                    <details class="add-box" open data-testid="record-meeting">
                        <summary>{pick("记录会议", "Record a meeting")}</summary>
                        <MeetingForm refs=refs today=today on_saved=saved />
                    </details>
                })}
            }
        })
    };

    view! {
        <section class="panel form-page wide" id="group-page" data-testid="group-page">
            <h2>{pick("外贸发展促进领导小组", "Foreign-trade leading group")}</h2>
            {registries}
            <TaskBoard refs=refs refresh=task_refresh />
        </section>
    }
}
