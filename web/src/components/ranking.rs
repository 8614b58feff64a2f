//! The county ranking: year-to-date value as horizontal bars, with 同比, 占比 and target completion.

use leptos::prelude::*;
use waimao_core::dashboard::CountyRow;
use waimao_core::{Lang, Unit};

use crate::app::{amount_text, unit_text};
use crate::components::kpi::growth_view;
use crate::i18n::{t, T};

#[component]
pub fn Ranking(rows: Signal<Vec<CountyRow>>, lang: RwSignal<Lang>, unit: RwSignal<Unit>) -> impl IntoView {
    let max = move || rows.get().iter().filter_map(|r| r.ytd).max().unwrap_or(0).max(1);
    view! {
        <ol class="ranking" data-testid="ranking">
            {move || {
                let l = lang.get();
                let u = unit.get();
                let m = max();
                rows.get()
                    .into_iter()
                    .map(|r| {
                        // Bar widths are drawing only; the figures beside them are exact.
                        let width = r.ytd.map_or(0.0, |v| v as f64 / m as f64 * 100.0);
                        let share = r.share.map(|s| format!("{}%", s.percent(1))).unwrap_or_else(|| "—".into());
                        let completion = r.target.map(|p| format!("{}%", p.completion.percent(1)));
                        let code = r.region.code.to_string();
                        view! {
                            <li class="rank-row" data-testid=format!("rank-{code}")>
                                <span class="rank-no">{r.rank.map(|n| n.to_string()).unwrap_or_default()}</span>
                                <span class="rank-name">{r.region.name(l).to_string()}</span>
                                <span class="rank-bar" aria-hidden="true">
                                    <span class="rank-fill" style:width=format!("{width:.2}%")></span>
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
