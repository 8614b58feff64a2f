//! The bureau's review: returns awaiting review (approve, which publishes, or return with a comment),
//! and a month's completeness table (on time, late, missing) with the list to chase and reopening of an
//! approved return.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::returns::{Filing, FilingRow, Owner, Reopen, ReturnRecord, ReturnState, Review as ReviewBody};
use waimao_core::{Amount, Lang, Unit, YearMonth};

use crate::api;
use crate::components::table_files::TableFiles;
use crate::ui::use_ui;
use waimao_core::chart::Table;

fn owner_text(o: Owner, l: Lang) -> String {
    match o {
        Owner::County(c) => format!("{} {c}", l.pick("区县", "County")),
        Owner::Enterprise(e) => format!("{} {e}", l.pick("企业", "Enterprise")),
    }
}

#[component]
pub fn Review() -> impl IntoView {
    let ui = use_ui();
    let refresh = RwSignal::new(0u32);
    let message = RwSignal::new(None::<String>);
    let pending = LocalResource::new(move || {
        refresh.track();
        async move { api::returns::pending().await }
    });
    let month = RwSignal::new(None::<YearMonth>);
    let table = LocalResource::new(move || {
        refresh.track();
        let m = month.get();
        async move {
            match m {
                Some(m) => Some(api::returns::completeness(m).await),
                None => None,
            }
        }
    });
    // Start with the month of the oldest return awaiting review, else last month.
    Effect::new(move |_| {
        if month.get_untracked().is_none() {
            if let Some(Ok(list)) = pending.get() {
                let d = js_sys::Date::new_0();
                let last = YearMonth::new(d.get_full_year() as i32, d.get_month() + 1).map(|m| m.add_months(-1)).ok();
                month.set(list.first().map(|r| r.month).or(last));
            }
        }
    });
    // Filers' names, from the completeness table (which lists every county and enterprise).
    let name_of = move |o: Owner, l: Lang| {
        table
            .get()
            .flatten()
            .and_then(|r| r.ok())
            .and_then(|rows| rows.into_iter().find(|r| r.owner == o).map(|r| r.name))
            .unwrap_or_else(|| owner_text(o, l))
    };
    let done = move |r: Result<ReturnRecord, api::Failure>| {
        let l = ui.lang.get_untracked();
        let approved_county =
            r.as_ref().ok().filter(|r| r.state == ReturnState::Approved && matches!(r.owner, Owner::County(_)));
        let month = approved_county.map(|r| r.month);
        let said = match r {
            Ok(r) => {
                format!("{} {} {} · {}", name_of(r.owner, l), r.owner.id_text(), r.month.label(l), r.state.label(l))
            }
            Err(f) => f.message,
        };
        message.set(Some(said.clone()));
        refresh.update(|n| *n += 1);
        // Approving one county does not publish the month: say how far the month is.
        if let Some(m) = month {
            spawn_local(async move {
                if let Ok(rows) = api::returns::completeness(m).await {
                    let counties = rows.iter().filter(|r| matches!(r.owner, Owner::County(_)));
                    let total = counties.clone().count();
                    let approved = counties.filter(|r| r.state == Some(ReturnState::Approved)).count();
                    let sep = l.pick("；", "; ");
                    message.set(Some(format!(
                        "{said}{sep}{}",
                        waimao_core::returns::publication_note(approved, total, l)
                    )));
                }
            });
        }
    };
    let review = move |r: ReturnRecord, approve: bool, comment: String| {
        let body = ReviewBody { version: r.version, approve, comment };
        spawn_local(async move { done(api::returns::review(r.owner, r.month, &body).await) });
    };
    let reopen = move |o: Owner, m: YearMonth, reason: String| {
        spawn_local(async move { done(api::returns::reopen(o, m, &Reopen { reason }).await) });
    };

    let pending_view = move || {
        let l = ui.lang.get();
        match pending.get() {
            None => view! { <p class="note">{l.pick("正在加载…", "Loading…")}</p> }.into_any(),
            Some(Err(f)) => {
                if f.status == 401 {
                    api::go("/login");
                }
                view! { <p class="form-error" role="alert" data-testid="page-error">{f.message}</p> }.into_any()
            }
            Some(Ok(list)) if list.is_empty() => {
                view! { <p class="note" data-testid="pending-empty">{l.pick("没有待审核的月报。", "Nothing awaits review.")}</p> }.into_any()
            }
            Some(Ok(list)) => view! {
                <ul class="pending" data-testid="pending">
                    {list.into_iter().map(|r| {
                        let comment = RwSignal::new(String::new());
                        let c = &r.content;
                        let text = format!(
                            "{} {} · {} · {} {} · {} {} · {} {}",
                            name_of(r.owner, l), r.owner.id_text(), r.month.label(l),
                            l.pick("出口", "exports"), Amount::cny(c.exports).display(Unit::Wan, 2, l),
                            l.pick("进口", "imports"), Amount::cny(c.imports).display(Unit::Wan, 2, l),
                            l.pick("提交人", "by"), r.submitted_by,
                        );
                        let explanation = (!r.explanation.is_empty()).then(|| format!("{}{}", l.pick("情况说明：", "Explanation: "), r.explanation));
                        let (a, b) = (r.clone(), r.clone());
                        view! {
                            <li data-testid="pending-item" data-owner=r.owner.id_text()>
                                <span>{text}</span>
                                {explanation.map(|e| view! { <span class="note">{e}</span> })}
                                <button type="button" class="small" data-testid="approve" on:click=move |_| review(a.clone(), true, String::new())>
                                    {l.pick("审核通过", "Approve")}
                                </button>
                                <input type="text" data-testid="return-comment" aria-label=l.pick("退回意见", "Why it is returned")
                                    placeholder=l.pick("退回意见", "Why it is returned")
                                    on:input=move |e| comment.set(event_target_value(&e)) />
                                <button type="button" class="small" data-testid="send-back" on:click=move |_| review(b.clone(), false, comment.get_untracked())>
                                    {l.pick("退回修改", "Return for correction")}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        }
    };

    let table_view = move || {
        let l = ui.lang.get();
        let rows = match table.get().flatten() {
            Some(Ok(rows)) => rows,
            Some(Err(f)) => return view! { <p class="form-error">{f.message}</p> }.into_any(),
            None => return view! { <p class="note">{l.pick("正在加载…", "Loading…")}</p> }.into_any(),
        };
        let chase: Vec<String> = rows.iter().filter(|r| r.filing == Filing::Missing).map(|r| r.name.clone()).collect();
        let m = month.get_untracked();
        let heads = [("填报单位", "Filer"), ("报送情况", "Filing"), ("状态", "State")];
        let state_of = move |r: &FilingRow| {
            r.state.map(|s| format!("{} · v{}", s.label(l), r.version.unwrap_or(0))).unwrap_or_default()
        };
        let table = Table {
            headers: heads.iter().map(|h| l.pick(h.0, h.1).to_string()).collect(),
            rows: rows.iter().map(|r| vec![r.name.clone(), r.filing.label(l).to_string(), state_of(r)]).collect(),
        };
        let month_code = m.map(|m| m.to_string()).unwrap_or_default();
        let files = view! {
            <span class="downloads">
                <TableFiles id="completeness" file=format!("waimao-completeness-{month_code}")
                    sheet=format!("{}{month_code}", l.pick("报送情况", "Filing ")) table=table />
            </span>
        };
        view! {
            {files}
            <p class="note" data-testid="chase">
                {format!("{}（{}）：{}", l.pick("需催报", "To chase"), chase.len(), chase.join("、"))}
            </p>
            <table class="data-table" data-testid="completeness">
                <thead><tr>
                    <th scope="col">{l.pick("填报单位", "Filer")}</th>
                    <th scope="col">{l.pick("报送情况", "Filing")}</th>
                    <th scope="col">{l.pick("状态", "State")}</th>
                    <th scope="col">{l.pick("操作", "Action")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let state = state_of(&r);
                        let can_reopen = r.state == Some(ReturnState::Approved);
                        let owner = r.owner;
                        view! {
                            <tr data-testid="filing-row" data-owner=r.owner.id_text() data-filing=format!("{:?}", r.filing).to_lowercase()>
                                <td>{r.name.clone()}</td>
                                <td>{r.filing.label(l)}</td>
                                <td>{state}</td>
                                <td>{can_reopen.then(|| view! {
                                    <button type="button" class="small" data-testid="reopen" on:click=move |_| {
                                        let reason = web_sys::window()
                                            .and_then(|w| w.prompt_with_message(l.pick("重新开放的原因：", "Reason for reopening:")).ok().flatten())
                                            .unwrap_or_default();
                                        if let Some(m) = m { if !reason.trim().is_empty() { reopen(owner, m, reason) } }
                                    }>{l.pick("重新开放", "Reopen")}</button>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };

    view! {
        <section class="panel form-page wide" data-testid="review-page">
            <h2>{move || ui.lang.get().pick("月报审核", "Review of returns")}</h2>
            <p class="note" role="status" data-testid="review-message">{move || message.get()}</p>
            <p><a href="/reconcile" data-testid="to-reconcile">{move || ui.lang.get().pick("数据核对：海关数据与月报对照", "Reconciliation: customs data against returns")}</a></p>
            {pending_view}
            <h3>{move || ui.lang.get().pick("报送完整性与及时性", "Completeness and timeliness")}</h3>
            <label class="month-select">
                <span>{move || ui.lang.get().pick("月份", "Month")}</span>
                <input type="month" data-testid="completeness-month"
                    prop:value=move || month.get().map(|m| m.to_string()).unwrap_or_default()
                    on:change=move |e| if let Ok(m) = YearMonth::parse(&event_target_value(&e)) { month.set(Some(m)) } />
            </label>
            {table_view}
        </section>
    }
}
