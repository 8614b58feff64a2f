//! The first dashboard: KPI cards, the monthly trend and the county ranking for a chosen month.

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::dashboard::{county_ranking, headline, kpis, months_latest_first, trend};
use waimao_core::{Lang, Measure, Period, Unit};

use crate::components::controls::MonthSelect;
use crate::components::kpi::KpiCard;
use crate::components::ranking::Ranking;
use crate::components::trend::TrendChart;
use crate::i18n::{t, T};

/// Months of history the trend chart shows.
const TREND_MONTHS: usize = 18;

#[component]
pub fn Dashboard(file: Arc<OverviewFile>, lang: RwSignal<Lang>, unit: RwSignal<Unit>) -> impl IntoView {
    let month = RwSignal::new(file.meta.last_month);
    let city = file.city.code;

    let kpi_list = {
        let file = Arc::clone(&file);
        Memo::new(move |_| kpis(&file, city, month.get()))
    };
    let trend_points = {
        let file = Arc::clone(&file);
        Memo::new(move |_| trend(&file, city, Measure::Total, month.get(), TREND_MONTHS))
    };
    let rows = {
        let file = Arc::clone(&file);
        Memo::new(move |_| county_ranking(&file, Measure::Total, month.get()))
    };
    let sentence = {
        let file = Arc::clone(&file);
        move || {
            kpi_list
                .get()
                .first()
                .map(|k| headline(&file.city, k, month.get(), Unit::Yi, lang.get()))
                .unwrap_or_default()
        }
    };
    let meta = file.meta.clone();
    let illustrative = meta.illustrative;
    let updated = meta.generated_at.get(..10).unwrap_or_default().to_string();
    let preliminary = meta.preliminary_from;
    let source = {
        let file = Arc::clone(&file);
        move || if lang.get() == Lang::Zh { file.meta.source_zh.clone() } else { file.meta.source_en.clone() }
    };

    view! {
        <Show when=move || illustrative>
            <p class="banner" role="note" data-testid="illustrative">{move || t(lang.get(), T::Illustrative)}</p>
        </Show>
        <div class="toolbar">
            <MonthSelect months=months_latest_first(&file) month=month lang=lang />
            <p class="freshness">
                {move || t(lang.get(), T::UpdatedAt)}
                " "
                {updated.clone()}
                {move || {
                    preliminary
                        .filter(|p| *p <= month.get())
                        .map(|p| format!(" · {} {}", Period::Month(p).label(lang.get()), t(lang.get(), T::Preliminary)))
                        .unwrap_or_default()
                }}
            </p>
        </div>
        <p class="headline" data-testid="headline">{sentence}</p>
        <section class="kpis" aria-label=move || t(lang.get(), T::Ytd)>
            <For
                each=move || kpi_list.get()
                key=|k| k.measure
                children=move |k| {
                    let measure = k.measure;
                    let kpi = Signal::derive(move || {
                        kpi_list.get().into_iter().find(|x| x.measure == measure).expect("measure present")
                    });
                    view! { <KpiCard kpi=kpi lang=lang unit=unit /> }
                }
            />
        </section>
        <div class="panels">
            <section class="panel" aria-labelledby="trend-title">
                <h2 id="trend-title">{move || t(lang.get(), T::Trend)}</h2>
                <p class="note">{move || t(lang.get(), T::TrendNote)}</p>
                <TrendChart points=trend_points.into() lang=lang unit=unit />
            </section>
            <section class="panel" aria-labelledby="ranking-title">
                <h2 id="ranking-title">
                    {move || t(lang.get(), T::Ranking)}
                    " · "
                    {move || Period::Ytd(month.get()).label(lang.get())}
                </h2>
                <p class="note">{move || t(lang.get(), T::RankingNote)}</p>
                <Ranking rows=rows.into() lang=lang unit=unit />
            </section>
        </div>
        <footer class="source">{move || t(lang.get(), T::Source)} {source}</footer>
    }
}
