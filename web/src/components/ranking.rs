//! The county ranking: year-to-date value as horizontal bars, with 同比, 占比 and target completion.
//! Each county name is a button that filters the whole dashboard to it.

use leptos::prelude::*;
use waimao_core::chart::fixed;
use waimao_core::dashboard::CountyRow;

use crate::app::{amount_text, unit_text};
use crate::components::kpi::growth_view;
use crate::i18n::{t, T};
use crate::ui::use_ui;

#[component]
pub fn Ranking(rows: Signal<Vec<CountyRow>>) -> impl IntoView {
    let ui = use_ui();
    let max = move || rows.get().iter().filter_map(|r| r.ytd).max().unwrap_or(0).max(1);
    view! {
        <ol class="ranking" data-testid="ranking">
            {move || {
                let l = ui.lang.get();
                let u = ui.unit.get();
                let m = max();
                let selected = ui.county.get();
                rows.get()
                    .into_iter()
                    .map(|r| {
                        // Bar widths are drawing only; the figures beside them are exact.
                        let width = r.ytd.map_or(0.0, |v| v as f64 / m as f64 * 100.0);
                        let share = r.share.map(|s| format!("{}%", s.percent(1))).unwrap_or_else(|| "—".into());
                        let completion = r.target.map(|p| format!("{}%", p.completion.percent(1)));
                        let code = r.region.code;
                        let is_selected = selected == Some(code);
                        view! {
                            <li class="rank-row" class:selected=is_selected data-testid=format!("rank-{code}")>
                                <span class="rank-no">{r.rank.map(|n| n.to_string()).unwrap_or_default()}</span>
                                <button
                                    type="button"
                                    class="rank-name"
                                    aria-pressed=is_selected.to_string()
                                    on:click=move |_| ui.county.set(if is_selected { None } else { Some(code) })
                                >
                                    {r.region.name(l).to_string()}
                                </button>
                                <span class="rank-bar" aria-hidden="true">
                                    <span class="rank-fill" style:width=format!("{}%", fixed(width, 2))></span>
                                </span>
                                <span class="rank-value">{amount_text(r.ytd, u)} " " {unit_text(u, l)}</span>
                                <span class="rank-meta">
                                    {t(l, T::Yoy)} " " {growth_view(r.yoy, l, format!("rank-{code}-yoy"))}
                                    " · " {t(l, T::Share)} " " {share}
                                    {completion.map(|c| format!(" · {} {c}", t(l, T::Completion)))}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
    }
}
