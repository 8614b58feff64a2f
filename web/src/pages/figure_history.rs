//! A figure's versions (every source's, who approved each, what it replaced, which is in force) as a
//! panel, and the picker that opens one for a county's or an enterprise's month and flow. Used by the
//! reconciliation, the return pages and the enterprise page; the versions are
//! `waimao_core::reconcile::history`'s and the request path is `reconcile::history_path`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::observation::{Entity, FigureKey, Status};
use waimao_core::reconcile::FigureHistory;
use waimao_core::{Amount, Flow, Lang, Period, Unit, YearMonth};

use crate::api;
use crate::ui::use_ui;

fn wan(v: i64, l: Lang) -> String {
    Amount::cny(v).display(Unit::Wan, 2, l)
}

/// The versions of one figure, newest first.
#[component]
pub fn HistoryPanel(history: FigureHistory) -> impl IntoView {
    let ui = use_ui();
    let l = ui.lang.get_untracked();
    let h = history;
    let empty = h.versions.is_empty();
    view! {
        <section class="panel" data-testid="figure-history" aria-live="polite">
            <h3>{format!("{} · {} · {}", l.pick("版本历史", "Versions"), h.period.label(l), h.flow.label(l))}</h3>
            {empty.then(|| view! { <p class="note">{l.pick("该数据项还没有已审核的数值。", "No approved value of this figure yet.")}</p> })}
            <div class="table-wrap" tabindex="0">
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{l.pick("版本", "Version")}</th>
                    <th scope="col">{l.pick("来源", "Source")}</th>
                    <th scope="col">{l.pick("数值", "Value")}</th>
                    <th scope="col">{l.pick("状态", "Status")}</th>
                    <th scope="col">{l.pick("时间", "When")}</th>
                    <th scope="col">{l.pick("审核人", "Approved by")}</th>
                    <th scope="col">{l.pick("替代", "Replaces")}</th>
                </tr></thead>
                <tbody>
                    {h.versions.into_iter().map(|v| view! {
                        <tr data-testid="history-row" data-in-force=v.in_force.to_string() data-source=v.source.code()>
                            <td>{format!("v{}{}", v.version, if v.in_force { l.pick("（现行）", " (in force)") } else { "" })}</td>
                            <td>{v.source.label(l)}</td>
                            <td>{wan(v.value, l)}</td>
                            <td>{if v.status == Status::Revised { l.pick("修订", "revised") } else { l.pick("快报", "preliminary") }}</td>
                            <td>{v.at.get(..16).unwrap_or_default().replace('T', " ")}</td>
                            <td>{v.by.unwrap_or_default()}</td>
                            <td>{v.replaces.map(|r| format!("v{r}")).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// 数据版本: pick a month and a flow of `entity`'s figures and see every version of the total.
#[component]
pub fn FigureVersions(entity: Entity, #[prop(into)] month: Signal<Option<YearMonth>>) -> impl IntoView {
    let ui = use_ui();
    let picked = RwSignal::new(None::<YearMonth>);
    let flow = RwSignal::new(Flow::Export);
    let shown = RwSignal::new(None::<Result<FigureHistory, String>>);
    let open = move |_| {
        let Some(m) = picked.get_untracked().or(month.get_untracked()) else { return };
        let key = FigureKey { entity, period: Period::Month(m), flow: flow.get_untracked(), breakdown: None };
        spawn_local(async move {
            shown.set(Some(api::figures::history(&key).await.map_err(|f| f.message)));
        });
    };
    view! {
        <details class="add-box" data-testid="figure-versions">
            <summary>{move || ui.lang.get().pick("数据版本：各来源的数值与修订记录", "Figure versions: every source and revision")}</summary>
            <div class="inline-form">
                <label>
                    <span>{move || ui.lang.get().pick("月份", "Month")}</span>
                    <input type="month" data-testid="versions-month"
                        prop:value=move || picked.get().or(month.get()).map(|m| m.to_string()).unwrap_or_default()
                        on:change=move |e| picked.set(YearMonth::parse(&event_target_value(&e)).ok()) />
                </label>
                <label>
                    <span>{move || ui.lang.get().pick("进出口", "Flow")}</span>
                    <select data-testid="versions-flow" on:change=move |e| {
                        flow.set(Flow::parse(&event_target_value(&e)).unwrap_or(Flow::Export))
                    }>
                        {move || [Flow::Export, Flow::Import].map(|f| view! {
                            <option value=f.code() selected=flow.get_untracked() == f>{f.label(ui.lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" class="small" data-testid="versions-open" on:click=open>
                    {move || ui.lang.get().pick("查看", "Show")}
                </button>
            </div>
            {move || match shown.get() {
                None => ().into_any(),
                Some(Ok(h)) => view! { <HistoryPanel history=h /> }.into_any(),
                Some(Err(message)) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
            }}
        </details>
    }
}
