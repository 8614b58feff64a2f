//! The dashboard: KPI cards, the monthly trend and the county ranking for the chosen month, for the
//! city or the county it is filtered to.

use std::sync::Arc;

use waimao_core::embed::EmbedChart;

use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::dashboard::{
    county_ranking, headline, kpis, month_period, months_latest_first, ranking_table, target_progress, target_table,
    trend, trend_table,
};
use waimao_core::observation::Entity;
use waimao_core::reconcile::figures_page_path;
use waimao_core::{Lang, Measure, Period, Unit};

use waimao_core::summary::{ranking_summary, targets_summary};

use crate::components::composition::Composition;
use crate::components::controls::{MonthSelect, TabToggle};
use crate::components::county_map::CountyMap;
use crate::components::flows::Flows;
use crate::components::kpi::KpiCard;
use crate::components::panel::Panel;
use crate::components::ranking::Ranking;
use crate::components::targets::Targets;
use crate::components::trend::TrendChart;
use crate::i18n::{t, T};
use crate::ui::use_ui;

/// The stage at which every panel is in.
const LAST_STAGE: u8 = 7;

/// Raises `stage` by one per browser task until it reaches `last`.
fn reveal(stage: RwSignal<u8>, last: u8) {
    if stage.get_untracked() < last {
        set_timeout(
            move || {
                stage.update(|s| *s += 1);
                reveal(stage, last);
            },
            std::time::Duration::ZERO,
        );
    }
}

#[component]
pub fn Dashboard(file: Arc<OverviewFile>) -> impl IntoView {
    let ui = use_ui();
    let (first, last) = (file.meta.first_month, file.meta.last_month);
    let month = Signal::derive(move || ui.month.get().filter(|m| (first..=last).contains(m)).unwrap_or(last));
    let region = {
        let file = Arc::clone(&file);
        Memo::new(move |_| {
            ui.county
                .get()
                .and_then(|c| file.counties.iter().find(|r| r.code == c).cloned())
                .unwrap_or(file.city.clone())
        })
    };

    let kpi_list = {
        let file = Arc::clone(&file);
        Memo::new(move |_| kpis(&file, region.get().code, month.get()))
    };
    let trend_points = {
        let file = Arc::clone(&file);
        Memo::new(move |_| {
            trend(&file, region.get().code, Measure::Total, month.get(), usize::from(ui.trend_months.get()))
        })
    };
    let rows = {
        let file = Arc::clone(&file);
        Memo::new(move |_| county_ranking(&file, Measure::Total, month.get()))
    };
    let file_for_cards = Arc::clone(&file);
    let targets = {
        let file = Arc::clone(&file);
        Memo::new(move |_| target_progress(&file, month.get()))
    };
    let sentence = Signal::derive(move || {
        kpi_list
            .get()
            .first()
            .map(|k| headline(&region.get(), k, month.get(), Unit::Yi, ui.lang.get()))
            .unwrap_or_default()
    });
    let ranking_sentence = Signal::derive(move || ranking_summary(&rows.get(), ui.unit.get(), ui.lang.get()));
    let file_for_flows = Arc::clone(&file);
    let city = file.city.code;
    let county_on_show = Signal::derive(move || Some(region.get().code).filter(|c| *c != city));
    let file_for_embeds = StoredValue::new(Arc::clone(&file));
    let file_for_composition = Arc::clone(&file);
    // The first screen (KPIs and trend) renders at once; the panels below follow in later tasks, so
    // that no single task blocks the page for long while it starts.
    let stage = RwSignal::new(1u8);
    reveal(stage, LAST_STAGE);
    // Only the whole dashboard replaces the server's first view: the panels arriving one by one would
    // move those above them while the reader sees them (measured: CLS 0.29 at 1280 px).
    Effect::new(move |_| {
        if stage.get() >= LAST_STAGE {
            crate::takeover::finish();
        }
    });
    let from_stage = move |n: u8| move || stage.get() >= n;
    let illustrative = file.meta.illustrative;
    // A newer month some counties have filed: said, not drawn (its city total would be partial).
    let pending = file.meta.pending;
    let boundaries = StoredValue::new(file.meta.boundaries.clone());
    let updated = file.meta.generated_at.get(..10).unwrap_or_default().to_string();
    let file_meta = Arc::clone(&file);
    let source = {
        let file = Arc::clone(&file);
        move || if ui.lang.get() == Lang::Zh { file.meta.source_zh.clone() } else { file.meta.source_en.clone() }
    };
    let trend_title =
        Signal::derive(move || format!("{} · {}", t(ui.lang.get(), T::Trend), region.get().name(ui.lang.get())));
    let ranking_title = Signal::derive(move || {
        format!("{} · {}", t(ui.lang.get(), T::Ranking), Period::Ytd(month.get()).label(ui.lang.get()))
    });

    // For the bureau and viewers, who may read every county's figures, the ranking's table view links
    // each county to the versions of its figures for the month on show.
    let me = crate::api::session::use_me();
    let versions_links = {
        let file = Arc::clone(&file);
        Signal::derive(move || {
            if !me.get().flatten().is_some_and(|p| p.can_read_all_returns()) {
                return Vec::new();
            }
            let period = month_period(&file, month.get());
            rows.get().iter().map(|r| figures_page_path(Entity::Region(r.region.code), period)).collect()
        })
    };
    view! {
        <Show when=move || illustrative>
            <p class="banner" role="note" data-testid="illustrative">{move || t(ui.lang.get(), T::Illustrative)}</p>
        </Show>
        <div class="toolbar">
            <MonthSelect months=months_latest_first(&file).into_iter().map(|m| (m, month_period(&file, m))).collect() current=month />
            <TabToggle />
            <p class="freshness" data-testid="freshness">
                {move || crate::load::is_offline_copy().then(|| ui.lang.get().pick("离线：显示本机保存的数据 · ", "Offline: showing the copy saved on this device · "))}
                {move || t(ui.lang.get(), T::UpdatedAt)}
                " "
                {updated.clone()}
                {move || {
                    let period = month_period(&file_meta, month.get());
                    if file_meta.meta.is_preliminary(period) {
                        format!(" · {} {}", period.label(ui.lang.get()), t(ui.lang.get(), T::Preliminary))
                    } else {
                        String::new()
                    }
                }}
            </p>
        </div>
        <Show when=move || ui.county.get().is_some()>
            <p class="filter" data-testid="filter">
                {move || t(ui.lang.get(), T::FilteredTo)}
                <strong>{move || region.get().name(ui.lang.get()).to_string()}</strong>
                " "
                <button type="button" class="small" data-testid="clear-filter" on:click=move |_| ui.county.set(None)>
                    {move || t(ui.lang.get(), T::ShowCity)}
                </button>
            </p>
        </Show>
        <p class="headline" id="headline" data-testid="headline">{sentence}</p>
        {move || pending.map(|p| view! { <p class="note" role="note" data-testid="pending-month">{p.sentence(ui.lang.get())}</p> })}
        <section class="kpis" aria-label=move || t(ui.lang.get(), T::Ytd)>
            <For
                each=move || kpi_list.get()
                key=|k| k.measure
                children=move |k| {
                    let measure = k.measure;
                    let kpi = Signal::derive(move || {
                        kpi_list.get().into_iter().find(|x| x.measure == measure).expect("measure present")
                    });
                    let file = Arc::clone(&file_for_cards);
                    let spark = Signal::derive(move || {
                        trend(&file, region.get().code, measure, month.get(), 12).into_iter().map(|p| p.value).collect()
                    });
                    view! { <KpiCard kpi=kpi spark=spark /> }
                }
            />
        </section>
        <div class="panels">
            <Show when=from_stage(2)>
                <Panel
                    id="trend"
                    title=trend_title
                    note=Signal::derive(move || t(ui.lang.get(), T::TrendNote).to_string())
                    table=Signal::derive(move || trend_table(&trend_points.get(), Measure::Total, ui.unit.get(), ui.lang.get()))
                    embed=(EmbedChart::Trend, file_for_embeds.get_value())
                >
                    <TrendChart file=file_for_embeds.get_value() county=county_on_show month=month />
                </Panel>
            </Show>
            <Show when=from_stage(3)>
                <Flows file=Arc::clone(&file_for_flows) region=Signal::derive(move || region.get().code) month=month />
            </Show>
            <Show when=from_stage(4)>
                <Panel
                    id="ranking"
                    title=ranking_title
                    note=Signal::derive(move || format!("{} {}", t(ui.lang.get(), T::RankingNote), t(ui.lang.get(), T::FilterHint)))
                    table=Signal::derive(move || ranking_table(&rows.get(), ui.unit.get(), ui.lang.get()))
                    summary=ranking_sentence
                    embed=(EmbedChart::Ranking, file_for_embeds.get_value())
                    row_links=versions_links
                >
                    <Ranking file=file_for_embeds.get_value() county=county_on_show month=month />
                </Panel>
            </Show>
            <Show when=from_stage(5)>
                <Panel
                    id="map"
                    title=Signal::derive(move || format!("{} · {}", t(ui.lang.get(), T::Map), Period::Ytd(month.get()).label(ui.lang.get())))
                    note=Signal::derive(move || format!("{} {}", t(ui.lang.get(), T::MapNote), t(ui.lang.get(), T::FilterHint)))
                    table=Signal::derive(move || ranking_table(&rows.get(), ui.unit.get(), ui.lang.get()))
                    summary=ranking_sentence
                    embed=(EmbedChart::Map, file_for_embeds.get_value())
                >
                    <CountyMap rows=rows.into() boundaries=boundaries.get_value() file=file_for_embeds.get_value() county=county_on_show month=month />
                </Panel>
            </Show>
            <Show when=from_stage(6)>
                <Panel
                    id="targets"
                    title=Signal::derive(move || format!("{} · {}", t(ui.lang.get(), T::Targets), Period::Ytd(month.get()).label(ui.lang.get())))
                    note=Signal::derive(move || t(ui.lang.get(), T::TargetsNote).to_string())
                    table=Signal::derive(move || target_table(&targets.get(), ui.unit.get(), ui.lang.get()))
                    summary=Signal::derive(move || targets_summary(&targets.get(), ui.lang.get()))
                    embed=(EmbedChart::Targets, file_for_embeds.get_value())
                >
                    <Targets file=file_for_embeds.get_value() month=month />
                </Panel>
            </Show>
            <Show when=from_stage(LAST_STAGE)>
                <Composition file=Arc::clone(&file_for_composition) region=Signal::derive(move || region.get().code) month=month />
            </Show>
        </div>
        <footer class="source">{move || t(ui.lang.get(), T::Source)} {source}</footer>
    }
}
