//! The monthly return form of a county (区县外贸月报) or a key enterprise (重点企业月报). It works offline
//! after one visit: the filer's history and the stored version come from the browser's copy when the
//! server cannot be reached, every keystroke is saved as a draft in IndexedDB, validation is
//! `waimao_core::returns::validate` (the server's own), and submitting puts the return in the outbox.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::returns::{
    Context, Draft, Finding, Owner, ReturnHistory, ReturnRecord, ReturnState, Severity, Submission,
    DEFAULT_GROWTH_LIMIT_PCT,
};
use waimao_core::{Lang, YearMonth};

use super::entry_fields::{Fields, Members};
use super::figure_history::FigureVersions;
use super::outbox_view::OutboxList;
use crate::api;
use crate::local::{self, Store};
use crate::outbox::{self, Outbox, Queued, Status};
use crate::ui::use_ui;

/// The month of the browser's clock: only months before it can be filed.
fn current_month() -> YearMonth {
    let d = js_sys::Date::new_0();
    YearMonth::new(d.get_full_year() as i32, d.get_month() + 1).unwrap_or_else(|_| YearMonth::new(2000, 1).unwrap())
}

fn draft_key(owner: Owner, month: YearMonth) -> String {
    format!("{}:{}:{month}", owner.kind(), owner.id_text())
}

/// The month to open: the one after the last approved, but never the current one or later.
fn next_month(history: &ReturnHistory) -> YearMonth {
    let last = history.entries.iter().map(|e| e.period.last_month()).max();
    let before_now = current_month().add_months(-1);
    last.map(|m| m.add_months(1)).filter(|m| *m <= before_now).unwrap_or(before_now)
}

/// The version an edit made after `q` builds on: the one the server stored it as, or, while it waits,
/// the one it will become.
fn next_base(q: &Queued) -> u32 {
    q.version.unwrap_or(q.submission.base_version + 1)
}

/// Whether what this device sent is newer than the server's copy the form has (offline, that copy is the
/// last one cached, which may predate the submission).
fn sent_is_newer(q: &Queued, stored: Option<&ReturnRecord>) -> bool {
    match (q.status, stored) {
        (Status::Queued | Status::Syncing, _) | (_, None) => true,
        (_, Some(r)) => q.version.is_some_and(|v| v > r.version),
    }
}

/// What the form needs besides the draft.
#[derive(Clone)]
pub struct Loaded {
    pub history: ReturnHistory,
    pub record: Option<ReturnRecord>,
}

#[component]
pub fn ReturnPage(owner: Owner) -> impl IntoView {
    let ui = use_ui();
    let outbox = Outbox::get();
    let members = Members::load();
    let history = LocalResource::new(move || async move { api::returns::history(owner).await });
    // Start at the month in the URL, else the next month to file.
    Effect::new(move |_| {
        if ui.month.get_untracked().is_none() {
            if let Some(Ok(h)) = history.get() {
                ui.month.set(Some(next_month(&h)));
            }
        }
    });
    let record = LocalResource::new(move || {
        let m = ui.month.get();
        async move {
            match m {
                Some(m) => Some(api::returns::record(owner, m).await),
                None => None,
            }
        }
    });

    // The draft of the month on screen; `loaded_for` says which month it belongs to, so that a draft
    // is never saved under another month's key while the next one loads.
    let draft = RwSignal::new(Draft::default());
    let loaded_for = RwSignal::new(None::<YearMonth>);
    let restored = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    // Set before the form is filled by the program (loading, after submitting), so that only what the
    // person types becomes a draft.
    let not_typed = StoredValue::new(false);
    Effect::new(move |_| {
        let (Some(m), Some(Some(Ok(rec))), Some(modes)) = (ui.month.get(), record.get(), members.trade_modes.get())
        else {
            return;
        };
        let blank = Draft::blank(owner, &modes);
        spawn_local(async move {
            let saved: Option<Draft> = local::get(Store::Drafts, &draft_key(owner, m)).await;
            // The queue as stored, not the outbox's signal, which may not have loaded yet: a return sent
            // from this device is what the form shows until the server's copy is newer.
            let queue: Vec<Queued> = local::all(Store::Queue).await;
            restored.set(saved.is_some());
            let d = match (saved, outbox::latest_for(&queue, owner, m), &rec) {
                (Some(d), _, _) => d,
                (None, Some(q), r) if sent_is_newer(q, r.as_ref()) => {
                    Draft::from_submission(&q.submission, next_base(q), blank)
                }
                (None, _, Some(r)) => Draft::from_content(&r.content, r.version, blank),
                (None, _, None) => blank,
            };
            not_typed.set_value(true);
            draft.set(d);
            loaded_for.set(Some(m));
        });
    });
    // Every change is saved at once (IndexedDB, strict durability).
    Effect::new(move |_| {
        let d = draft.get();
        if not_typed.get_value() {
            not_typed.set_value(false);
            return;
        }
        if let Some(m) = loaded_for.get_untracked().filter(|m| Some(*m) == ui.month.get_untracked()) {
            spawn_local(async move {
                if let Err(e) = local::put(Store::Drafts, &draft_key(owner, m), &d).await {
                    notice.set(Some(format!("草稿未能保存到本地 / The draft could not be saved locally: {e}")));
                }
            });
        }
    });

    let stored = Memo::new(move |_| record.get().and_then(|r| r.and_then(|r| r.ok())).flatten());
    // This device's submission for the month on screen while it is newer than the server's copy.
    let sent = Memo::new(move |_| {
        let m = loaded_for.get()?;
        let r = stored.get();
        outbox.items.with(|v| outbox::latest_for(v, owner, m).filter(|q| sent_is_newer(q, r.as_ref())).cloned())
    });
    let hist = Memo::new(move |_| history.get().and_then(|h| h.ok()).unwrap_or_default());
    let findings = Memo::new(move |_| {
        let Some(month) = loaded_for.get() else { return Vec::new() };
        let d = draft.get();
        let h = hist.get();
        let locked = h.is_locked(stored.get().map(|r| r.state), month);
        let ctx = Context {
            owner,
            month,
            current_month: current_month(),
            history: &h,
            locked,
            growth_limit_pct: h.growth_limit_pct.unwrap_or(DEFAULT_GROWTH_LIMIT_PCT),
            known_member: None,
        };
        d.check(owner, &ctx)
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = ui.lang.get_untracked();
        let Some(month) = loaded_for.get_untracked() else { return };
        if findings.get_untracked().iter().any(|f| f.severity() == Severity::Error) {
            notice.set(Some(l.pick("请先更正标红的错误。", "Correct the errors marked in red first.").into()));
            return;
        }
        let d = draft.get_untracked();
        let (content, _) = d.to_content(owner);
        let sub = Submission {
            id: local::uuid(),
            owner,
            month,
            base_version: d.base_version,
            content,
            explanation: d.explanation.trim().to_string(),
        };
        spawn_local(async move {
            match outbox.enqueue(sub).await {
                Ok(()) => {
                    // The outbox holds it now; the next edit builds on the version it will become.
                    let _ = local::delete(Store::Drafts, &draft_key(owner, month)).await;
                    not_typed.set_value(true);
                    draft.update(|d| d.base_version += 1);
                    restored.set(false);
                    notice.set(Some(
                        l.pick(
                            "已提交，正在同步；离线时会在联网后自动发送。",
                            "Submitted: syncing now, or as soon as the network is back.",
                        )
                        .into(),
                    ));
                }
                Err(e) => notice.set(Some(format!(
                    "{}{e}",
                    l.pick("未能保存到本地，草稿仍在：", "Could not store it locally; the draft is kept: ")
                ))),
            }
        });
    };

    let title = move || {
        let l = ui.lang.get();
        let name = match owner {
            Owner::County(c) => members.county_name(c, l),
            Owner::Enterprise(e) => format!("{} {e}", l.pick("企业", "Enterprise")),
        };
        let kind = match owner {
            Owner::County(_) => l.pick("区县外贸月报", "County monthly return"),
            Owner::Enterprise(_) => l.pick("重点企业月报", "Key enterprise monthly return"),
        };
        format!("{name} · {kind}")
    };
    let page_error = move || match (history.get(), record.get().flatten()) {
        (Some(Err(f)), _) | (_, Some(Err(f))) => {
            if f.status == 401 {
                api::go("/login");
            }
            Some(view! { <p class="form-error" role="alert" data-testid="page-error">{f.message}</p> })
        }
        _ => None,
    };

    view! {
        <section class="panel form-page" data-testid="return-page">
            <h2 data-testid="return-title">{title}</h2>
            <label class="month-select">
                <span>{move || ui.lang.get().pick("月份", "Month")}</span>
                <input
                    type="month"
                    data-testid="return-month"
                    prop:value=move || ui.month.get().map(|m| m.to_string()).unwrap_or_default()
                    on:change=move |e| {
                        if let Ok(m) = YearMonth::parse(&event_target_value(&e)) {
                            loaded_for.set(None);
                            ui.month.set(Some(m));
                        }
                    }
                />
            </label>
            {page_error}
            <StoredState stored=stored sent=sent />
            <Show when=move || restored.get()>
                <p class="note" data-testid="draft-restored">
                    {move || {
                        let l = ui.lang.get();
                        if sent.get().is_some() || stored.get().is_some() {
                            l.pick(
                                "已恢复本机草稿：这是在已提交版本之后的修改，尚未提交。",
                                "Restored this device's draft: changes made after the version already submitted, not yet submitted.",
                            )
                        } else {
                            l.pick("已恢复本机保存的草稿。", "Restored the draft saved on this device.")
                        }
                    }}
                </p>
            </Show>
            <Show
                when=move || loaded_for.get().is_some()
                fallback=move || view! { <p class="note">{move || ui.lang.get().pick("正在加载…", "Loading…")}</p> }
            >
                <form on:submit=submit novalidate data-testid="return-form">
                    <Fields owner=owner draft=draft findings=findings history=hist month=loaded_for members=members />
                    <FindingList findings=findings />
                    <button type="submit" data-testid="submit-return">
                        {move || ui.lang.get().pick("提交", "Submit")}
                    </button>
                    <p class="note" role="status" data-testid="form-notice">{move || notice.get()}</p>
                </form>
            </Show>
            <OutboxList outbox=outbox draft=draft loaded_for=loaded_for owner=owner />
            {owner.entity().map(|entity| view! { <FigureVersions entity=entity month=ui.month /> })}
        </section>
    }
}

/// Where the return of the month stands: sent from this device and waiting to sync, sent and awaiting
/// review, or the server's version awaiting review, returned with the bureau's comment, approved.
#[component]
fn StoredState(stored: Memo<Option<ReturnRecord>>, sent: Memo<Option<Queued>>) -> impl IntoView {
    let lang = use_ui().lang;
    move || {
        let l = lang.get();
        if let Some(q) = sent.get() {
            let (state, text) = match q.version {
                None => (
                    "queued",
                    l.pick(
                        "已提交，待同步：联网后自动发送，无需重新填写。",
                        "Submitted, waiting to sync: it is sent as soon as the network is back; nothing to fill in again.",
                    )
                    .to_string(),
                ),
                Some(v) => (
                    "submitted",
                    format!("{} {v} · {}", l.pick("已提交版本", "Submitted version"), ReturnState::Submitted.label(l)),
                ),
            };
            return Some(view! { <p class="note" data-testid="record-state" data-state=state>{text}</p> }.into_any());
        }
        stored.get().map(|r| {
            let comment = r.review_comment.clone().map(|c| format!(" · {}{c}", l.pick("意见：", "comment: ")));
            view! {
                <p class="note" data-testid="record-state" data-state=r.state.code()>
                    {format!("{} {} · {}{}", l.pick("已存版本", "Stored version"), r.version, r.state.label(l), comment.unwrap_or_default())}
                </p>
            }
            .into_any()
        })
    }
}

/// Every error and warning, errors first, each naming its field.
#[component]
fn FindingList(findings: Memo<Vec<Finding>>) -> impl IntoView {
    let lang = use_ui().lang;
    move || {
        let l: Lang = lang.get();
        let list = findings.get();
        (!list.is_empty()).then(|| {
            view! {
                <ul class="findings" data-testid="form-findings">
                    {list
                        .into_iter()
                        .map(|f| {
                            let class = if f.severity() == Severity::Error { "finding error" } else { "finding warning" };
                            view! { <li class=class>{f.message(l)}</li> }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}
