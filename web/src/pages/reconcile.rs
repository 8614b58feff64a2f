//! 数据核对 (`/reconcile`): a month's figures with each source's value side by side (customs, the
//! county's or enterprise's own return, the bureau's correction), the difference in 万元 and %, flagged
//! beyond the threshold; the bureau accepts a source or records why the rule's choice stands, and can
//! open any figure's versions. The lines and flags are `waimao_core::reconcile`'s.

use leptos::prelude::*;
use leptos::task::spawn_local;
use waimao_core::reconcile::{self, ChoiceRequest, FigureHistory, Line};
use waimao_core::source::Source;
use waimao_core::{Amount, Lang, Unit, YearMonth};

use super::figure_history::HistoryPanel;
use crate::api;
use crate::ui::use_ui;

fn wan(v: i64, l: Lang) -> String {
    Amount::cny(v).display(Unit::Wan, 2, l)
}

#[component]
pub fn ReconcilePage() -> impl IntoView {
    let ui = use_ui();
    let month = RwSignal::new(None::<YearMonth>);
    let only_flagged = RwSignal::new(true);
    let refresh = RwSignal::new(0u32);
    let message = RwSignal::new(None::<String>);
    let history = RwSignal::new(None::<FigureHistory>);
    let data = LocalResource::new(move || {
        refresh.track();
        let m = month.get();
        async move {
            match m {
                Some(m) => Some(api::reconcile::month(m).await),
                None => None,
            }
        }
    });
    // Start on last month, the one the bureau is usually settling.
    Effect::new(move |_| {
        if month.get_untracked().is_none() {
            let d = js_sys::Date::new_0();
            month.set(YearMonth::new(d.get_full_year() as i32, d.get_month() + 1).map(|m| m.add_months(-1)).ok());
        }
    });
    let decide = move |line: Line, source: Option<Source>, explanation: String, corrected: String| {
        let l = ui.lang.get_untracked();
        // A value typed with 局修正 chosen is the bureau's correction; without one, an existing
        // correction is accepted as it stands.
        let correction = match (source, corrected.trim()) {
            (Some(Source::Correction), text) if !text.is_empty() => match reconcile::parse_correction(text) {
                Ok(v) => Some(v),
                Err((zh, en)) => {
                    message.set(Some(l.pick(&zh, &en).to_string()));
                    return;
                }
            },
            _ => None,
        };
        let body = ChoiceRequest {
            entity: line.entity.clone(),
            period: line.period,
            flow: line.flow,
            dimension: line.dimension,
            member: line.member.clone(),
            source,
            explanation,
            correction,
        };
        spawn_local(async move {
            let l = ui.lang.get_untracked();
            message.set(Some(match api::reconcile::choose(&body).await {
                Ok(after) => format!(
                    "{} · {}：{}",
                    l.pick(&after.name_zh, &after.name_en),
                    l.pick("发布值来源", "published from"),
                    after.published.label(l)
                ),
                Err(f) => f.message,
            }));
            refresh.update(|n| *n += 1);
        });
    };
    let open_history = move |line: Line| {
        spawn_local(async move {
            let Some(key) = line.key() else { return };
            match api::figures::history(&key).await {
                Ok(h) => history.set(Some(h)),
                Err(f) => message.set(Some(f.message)),
            }
        });
    };

    let table = move || {
        let l = ui.lang.get();
        let rec = match data.get().flatten() {
            None => return view! { <p class="note">{l.pick("正在加载…", "Loading…")}</p> }.into_any(),
            Some(Err(f)) => {
                if f.status == 401 {
                    api::go("/login");
                }
                return view! { <p class="form-error" role="alert" data-testid="page-error">{f.message}</p> }
                    .into_any();
            }
            Some(Ok(r)) => r,
        };
        let flagged = rec.lines.iter().filter(|x| x.flagged).count();
        let multi = rec.lines.iter().filter(|x| x.values.len() > 1).count();
        let summary = match l {
            Lang::Zh => format!(
                "{}共{}项数据，{}项有两个以上来源，{}项差异超过±{}%。发布规则：{}。",
                rec.month.label(l),
                rec.lines.len(),
                multi,
                flagged,
                rec.threshold_pct,
                rec.precedence.iter().map(|s| s.label(l)).collect::<Vec<_>>().join(" ＞ ")
            ),
            Lang::En => format!(
                "{}: {} figures, {} with two or more sources, {} differing by more than ±{}%. Precedence: {}.",
                rec.month.label(l),
                rec.lines.len(),
                multi,
                flagged,
                rec.threshold_pct,
                rec.precedence.iter().map(|s| s.label(l)).collect::<Vec<_>>().join(" > ")
            ),
        };
        let lines: Vec<Line> =
            rec.lines.into_iter().filter(|x| !only_flagged.get() || x.flagged || x.choice.is_some()).collect();
        view! {
            <p class="note" data-testid="reconcile-summary">{summary}</p>
            <div class="table-wrap" tabindex="0"><table class="data-table" data-testid="reconcile">
                <thead><tr>
                    <th scope="col">{l.pick("单位", "Unit")}</th>
                    <th scope="col">{l.pick("进出口", "Flow")}</th>
                    <th scope="col">{l.pick("分项", "Item")}</th>
                    <th scope="col">{l.pick("各来源数值", "Values by source")}</th>
                    <th scope="col">{l.pick("差额（万元）", "Difference (10k CNY)")}</th>
                    <th scope="col">{l.pick("差异率", "Difference %")}</th>
                    <th scope="col">{l.pick("发布值来源", "Published from")}</th>
                    <th scope="col">{l.pick("处理", "Decision")}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|line| {
                        let reason = RwSignal::new(String::new());
                        let corrected = RwSignal::new(String::new());
                        let chosen = RwSignal::new(line.published.code().to_string());
                        let item = line.member.clone().map(|m| format!("{} · {m}", line.dimension.map(|d| d.label(l)).unwrap_or_default())).unwrap_or_else(|| l.pick("合计", "Total").to_string());
                        let values = line.values.iter().map(|v| format!("{} {}（{}）", v.source.label(l), wan(v.value, l), if v.status == waimao_core::observation::Status::Revised { l.pick("修订", "revised") } else { l.pick("快报", "preliminary") })).collect::<Vec<_>>().join("；");
                        let choice = line.choice.clone().map(|c| format!("{}：{}（{}）", c.source.map_or(l.pick("按规则", "rule"), |s| s.label(l)), c.explanation, c.by));
                        let mut sources: Vec<Source> = line.values.iter().map(|v| v.source).collect();
                        let can_correct = !sources.contains(&Source::Correction);
                        if can_correct {
                            sources.push(Source::Correction);
                        }
                        let (a, b) = (line.clone(), line.clone());
                        view! {
                            <tr data-testid="reconcile-row" data-entity=line.entity.clone() data-flow=line.flow.code() data-flagged=line.flagged.to_string()
                                class=if line.flagged { "flagged" } else { "" }>
                                <td>{l.pick(&line.name_zh, &line.name_en).to_string()}</td>
                                <td>{line.flow.label(l)}</td>
                                <td>{item}</td>
                                <td data-testid="reconcile-values">{values}</td>
                                <td>{line.difference_wan.clone().unwrap_or_default()}</td>
                                <td>{line.difference_pct.clone().map(|p| format!("{p}%")).unwrap_or_default()}
                                    {line.flagged.then(|| view! { <strong class="flag" data-testid="flag">{l.pick(" 超出阈值", " beyond threshold")}</strong> })}</td>
                                <td data-testid="published-source">{line.published.label(l)}{choice.map(|c| view! { <span class="note">{c}</span> })}</td>
                                <td>
                                    <label>
                                        <span class="sr-only">{l.pick("采用来源", "Accept source")}</span>
                                        <select data-testid="choose-source" on:change=move |e| chosen.set(event_target_value(&e))>
                                            {sources.into_iter().map(|s| {
                                                let label = if s == Source::Correction && can_correct { l.pick("局修正（填写数值）", "Bureau correction (enter a value)").to_string() } else { s.label(l).to_string() };
                                                view! { <option value=s.code() selected=s == line.published>{label}</option> }
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    {move || (chosen.get() == Source::Correction.code()).then(|| view! {
                                        <input type="text" inputmode="decimal" data-testid="correction-value" class="amount"
                                            aria-label=l.pick("更正数值（万元）", "Corrected value (10k CNY)")
                                            placeholder=l.pick("更正数值（万元）", "Value (10k CNY)")
                                            on:input=move |e| corrected.set(event_target_value(&e)) />
                                    })}
                                    <input type="text" data-testid="choose-reason" aria-label=l.pick("理由", "Reason")
                                        placeholder=l.pick("理由（必填）", "Reason (required)")
                                        on:input=move |e| reason.set(event_target_value(&e)) />
                                    <button type="button" class="small" data-testid="choose" on:click=move |_| {
                                        decide(a.clone(), Source::parse(&chosen.get_untracked()), reason.get_untracked(), corrected.get_untracked())
                                    }>{l.pick("确认", "Confirm")}</button>
                                    <button type="button" class="small" data-testid="history" on:click=move |_| open_history(b.clone())>
                                        {l.pick("版本历史", "Versions")}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
        }
        .into_any()
    };

    let history_view = move || history.get().map(|h| view! { <HistoryPanel history=h /> });

    view! {
        <section class="panel form-page wide" data-testid="reconcile-page">
            <h2>{move || ui.lang.get().pick("数据核对：各来源对照", "Reconciliation: sources side by side")}</h2>
            <p class="note" role="status" data-testid="reconcile-message">{move || message.get()}</p>
            <label class="month-select">
                <span>{move || ui.lang.get().pick("月份", "Month")}</span>
                <input type="month" data-testid="reconcile-month"
                    prop:value=move || month.get().map(|m| m.to_string()).unwrap_or_default()
                    on:change=move |e| if let Ok(m) = YearMonth::parse(&event_target_value(&e)) { month.set(Some(m)) } />
            </label>
            <label class="check">
                <input type="checkbox" data-testid="only-flagged" prop:checked=move || only_flagged.get()
                    on:change=move |e| only_flagged.set(event_target_checked(&e)) />
                {move || ui.lang.get().pick("只看有差异或已处理的", "Only differences and decisions")}
            </label>
            {table}
            {history_view}
        </section>
    }
}
