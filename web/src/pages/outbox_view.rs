//! The outbox as the filer sees it: each submission queued, syncing, synced or refused. A refused one
//! goes back into the form for correction; a conflicting one shows both versions and lets the filer
//! choose (submit theirs over the current version, or take the current one). Nothing is dropped
//! without the filer's say.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::returns::{Draft, Owner, ReturnContent, Submission};
use waimao_core::{Amount, Lang, Unit, YearMonth};

use crate::local;
use crate::outbox::{Outbox, Queued, Status};
use crate::ui::use_ui;

fn figures(c: &ReturnContent, l: Lang) -> String {
    format!(
        "{} {} · {} {}",
        l.pick("出口", "Exports"),
        Amount::cny(c.exports).display(Unit::Wan, 2, l),
        l.pick("进口", "Imports"),
        Amount::cny(c.imports).display(Unit::Wan, 2, l)
    )
}

#[component]
pub fn OutboxList(
    outbox: Outbox,
    draft: RwSignal<Draft>,
    loaded_for: RwSignal<Option<YearMonth>>,
    owner: Owner,
) -> impl IntoView {
    let ui = use_ui();
    // Puts a submission's figures back into the form of its month.
    let edit = move |q: Queued, base_version: u32| {
        let m = q.submission.month;
        let d = Draft::from_submission(&q.submission, base_version, draft.get_untracked());
        spawn_local(async move {
            let key = format!("{}:{}:{m}", owner.kind(), owner.id_text());
            // The draft is stored before the item goes, so the figures exist in one place at every moment.
            if local::put(local::Store::Drafts, &key, &d).await.is_ok() {
                outbox.remove(&q.submission.id).await;
                if loaded_for.get_untracked() == Some(m) {
                    draft.set(d);
                } else {
                    loaded_for.set(None);
                    ui.month.set(Some(m));
                }
            }
        });
    };
    let item = move |q: Queued| {
        let l = ui.lang.get();
        let s = &q.submission;
        let who = match s.owner {
            Owner::County(c) => c.to_string(),
            Owner::Enterprise(e) => format!("{} {e}", l.pick("企业", "enterprise")),
        };
        let head = format!("{who} · {} · {}", s.month.label(l), figures(&s.content, l));
        let version = q.version.map(|v| format!(" · {} {v}", l.pick("版本", "version"))).unwrap_or_default();
        let findings: Vec<String> = q.findings.iter().map(|f| f.message(l)).collect();
        // The client's own notice in the reader's language, else the server's word (its side of it).
        let note = q
            .notice
            .map(|n| n.text(l).to_string())
            .or_else(|| (!q.message.is_empty()).then(|| l.side(&q.message).to_string()));
        let actions = match q.status {
            Status::Rejected => {
                let (q2, base) = (q.clone(), q.submission.base_version);
                Some(view! {
                    <button type="button" class="small" data-testid="outbox-edit" on:click=move |_| edit(q2.clone(), base)>
                        {l.pick("改正后重新提交", "Correct and resubmit")}
                    </button>
                }
                .into_any())
            }
            Status::Conflict => {
                let current = q.current.clone();
                let current_text = current.as_ref().map(|r| {
                    format!(
                        "{} {}（{}，{}）：{}",
                        l.pick("当前版本", "Current version"),
                        r.version,
                        r.submitted_by,
                        r.state.label(l),
                        figures(&r.content, l)
                    )
                });
                let mine = q.clone();
                let over = current.as_ref().map_or(0, |r| r.version);
                let resubmit = move |_| {
                    let old = mine.clone();
                    let fresh = Submission { id: local::uuid(), base_version: over, ..old.submission.clone() };
                    spawn_local(async move {
                        if outbox.enqueue(fresh).await.is_ok() {
                            outbox.remove(&old.submission.id).await;
                        }
                    });
                };
                let theirs = q.clone();
                let take = move |_| {
                    let t = theirs.clone();
                    let base = t.current.as_ref().map_or(0, |r| r.version);
                    let content = t.current.as_ref().map(|r| r.content.clone());
                    spawn_local(async move {
                        outbox.remove(&t.submission.id).await;
                        if let (Some(c), Some(m)) = (content, loaded_for.get_untracked()) {
                            if m == t.submission.month {
                                draft.set(Draft::from_content(&c, base, draft.get_untracked()));
                            }
                        }
                    });
                };
                Some(view! {
                    <div class="conflict" data-testid="conflict">
                        <p data-testid="conflict-mine">{format!("{}：{}", l.pick("您的版本", "Your version"), figures(&q.submission.content, l))}</p>
                        <p data-testid="conflict-current">{current_text}</p>
                        <button type="button" class="small" data-testid="conflict-keep-mine" on:click=resubmit>
                            {l.pick("以我的为准，在当前版本上提交", "Submit mine over the current version")}
                        </button>
                        <button type="button" class="small" data-testid="conflict-take-current" on:click=take>
                            {l.pick("放弃我的，采用当前版本", "Discard mine, keep the current version")}
                        </button>
                    </div>
                }
                .into_any())
            }
            _ => None,
        };
        view! {
            <li class="outbox-item" data-testid="outbox-item" data-status=format!("{:?}", q.status).to_lowercase() data-id=s.id.clone()>
                <span class="status">{q.status.label(l)}</span>
                <span>{head}{version}</span>
                {note.map(|n| view! { <span class="note" data-testid="outbox-note">{n}</span> })}
                {(!findings.is_empty()).then(|| view! {
                    <ul class="findings">{findings.into_iter().map(|f| view! { <li class="finding error">{f}</li> }).collect_view()}</ul>
                })}
                {actions}
            </li>
        }
    };
    let summary = move || {
        let l = ui.lang.get();
        let items = outbox.items.get();
        let waiting = items.iter().filter(|q| q.status.is_unsynced()).count();
        format!(
            "{}：{} {} · {} {}",
            l.pick("发送队列", "Outbox"),
            waiting,
            l.pick("项待处理", "waiting"),
            items.len() - waiting,
            l.pick("项已同步", "synced")
        )
    };
    view! {
        <section class="outbox" aria-live="polite" data-testid="outbox">
            <h3 data-testid="outbox-summary">{summary}</h3>
            <ul>
                {move || {
                    let mut items = outbox.items.get();
                    items.reverse();
                    items.into_iter().take(50).map(item).collect_view()
                }}
            </ul>
        </section>
    }
}
