//! Exports and imports by month: one panel that draws the two flows as lines, areas, grouped columns,
//! stacked columns (the column is the total) or 100%-stacked columns (the export and import shares),
//! chosen by the reader and kept in the URL.

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::chart::series_colour;
use waimao_core::dashboard::percent_cell;
use waimao_core::embed::{EmbedChart, Look};
use waimao_core::flows::{flow_months, flows_summary, flows_table, FlowMonth};
use waimao_core::view::FlowChart;
use waimao_core::{Amount, Lang, Measure, RegionCode, YearMonth};

use crate::app::unit_text;
use crate::components::composition::is_dark;
use crate::components::drawn::{drawing_of, DrawnChart};
use crate::components::line::{Line, LineChart, LineData};
use crate::components::panel::Panel;
use crate::i18n::{t, T};
use crate::ui::use_ui;

/// The month labels under the axis: January of each year in full, every third month by number.
/// The colour key of columns or lines drawn in the series colours: a swatch and a name each, in order.
pub fn legend_keys(names: Vec<String>, dark: bool) -> impl IntoView {
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            view! {
                <span class="legend-key">
                    <span class="key" style:background=series_colour(i, dark) aria-hidden="true"></span>
                    {name}
                </span>
            }
        })
        .collect_view()
}

/// The month labels for `months` drawn `spacing` apart: core's one rule.
fn month_labels(months: &[FlowMonth], spacing: f64, lang: Lang) -> Vec<Option<String>> {
    let months: Vec<YearMonth> = months.iter().map(|m| m.month).collect();
    super::axis::month_labels(&months, spacing, lang)
}

#[component]
pub fn Flows(file: Arc<OverviewFile>, region: Signal<RegionCode>, month: Signal<YearMonth>) -> impl IntoView {
    let city = file.city.code;
    let ui = use_ui();
    let file_for_embed = Arc::clone(&file);
    let drawn_file = Arc::clone(&file);
    let county = Signal::derive(move || Some(region.get()).filter(|c| *c != city));
    let months = Memo::new(move |_| flow_months(&file, region.get(), month.get(), usize::from(ui.trend_months.get())));
    let title = Signal::derive(move || t(ui.lang.get(), T::Flows).to_string());
    let summary = Signal::derive(move || flows_summary(&months.get(), ui.unit.get(), ui.lang.get()));
    let keys = Signal::derive(move || t(ui.lang.get(), T::ChartKeys).to_string());
    let y_unit = Signal::derive(move || unit_text(ui.unit.get(), ui.lang.get()));
    let names = move |l: Lang| [Measure::Export.label(l).to_string(), Measure::Import.label(l).to_string()];

    // The tooltip gives the exact figures of a month whatever the chart style.
    let tooltip = Callback::new(move |i: usize| {
        let l = ui.lang.get_untracked();
        let u = ui.unit.get_untracked();
        let Some(m) = months.with_untracked(|ms| ms.get(i).copied()) else { return Vec::new() };
        let amount = |v: Option<i64>| v.map_or_else(|| "—".to_string(), |v| Amount::cny(v).display(u, 2, l));
        let [export, import] = names(l);
        vec![
            m.month.label(l),
            format!("{export} {} · {}%", amount(m.exports), percent_cell(m.export_share())),
            format!("{import} {} · {}%", amount(m.imports), percent_cell(m.import_share())),
            format!("{} {}", t(l, T::Balance), amount(m.balance())),
        ]
    });

    let line_data = Memo::new(move |_| {
        let l = ui.lang.get();
        let divisor = ui.unit.get().factor() as f64;
        let dark = is_dark(ui.theme.get());
        let ms = months.get();
        let ys = |pick: fn(&FlowMonth) -> Option<i64>| {
            ms.iter().map(|m| pick(m).map_or(f64::NAN, |v| v as f64 / divisor)).collect::<Vec<f64>>()
        };
        let [export, import] = names(l);
        Arc::new(LineData {
            xs: (0..ms.len()).map(|i| i as f64).collect(),
            lines: vec![
                Line { name: export, ys: ys(|m| m.exports), colour: series_colour(0, dark) },
                Line { name: import, ys: ys(|m| m.imports), colour: series_colour(1, dark) },
            ],
            x_ticks: month_labels(&ms, super::line::plot_width() / (ms.len().max(2) - 1) as f64, l)
                .into_iter()
                .enumerate()
                .filter_map(|(i, s)| Some((i as f64, s?)))
                .collect(),
        })
    });
    // The column styles are core's drawing, the widget's and the first view's.
    let columns = drawing_of(EmbedChart::Flows, drawn_file, county, month, move || Look {
        months: usize::from(ui.trend_months.get()),
        stacking: ui.flows.get().stacking().unwrap_or(Look::WIDGET.stacking),
        id: Some("flows"),
        ..Look::WIDGET
    });

    let style_buttons = move || {
        FlowChart::ALL
            .into_iter()
            .map(|style| {
                view! {
                    <button
                        type="button"
                        class="small"
                        role="radio"
                        data-testid=format!("flows-{}", style.code())
                        aria-checked=move || (ui.flows.get() == style).to_string()
                        class:active=move || ui.flows.get() == style
                        on:click=move |_| ui.flows.set(style)
                    >
                        {move || style.label(ui.lang.get())}
                    </button>
                }
            })
            .collect_view()
    };
    let legend = move || legend_keys(names(ui.lang.get()).to_vec(), is_dark(ui.theme.get()));

    let chart = move || {
        let style = ui.flows.get();
        match style {
            FlowChart::Line | FlowChart::Area => view! {
                <LineChart
                    data=line_data
                    area=Signal::derive(move || ui.flows.get() == FlowChart::Area)
                    tooltip=tooltip
                    title=title
                    summary=summary
                    keys_hint=keys
                    y_unit=y_unit
                    testid="flows-chart"
                />
            }
            .into_any(),
            FlowChart::Grouped | FlowChart::Stacked | FlowChart::Percent => {
                view! { <DrawnChart drawing=columns tooltip_testid="flows-chart-tooltip" /> }.into_any()
            }
        }
    };

    view! {
        <Panel
            id="flows"
            title=title
            note=Signal::derive(move || t(ui.lang.get(), T::FlowsNote).to_string())
            table=Signal::derive(move || flows_table(&months.get(), ui.unit.get(), ui.lang.get()))
            embed=(waimao_core::embed::EmbedChart::Flows, Arc::clone(&file_for_embed))
        >
            <div class="chart-controls">
                // The columns carry their own key; the lines' key is here.
                <div class="chart-legend">{move || ui.flows.get().stacking().is_none().then(legend)}</div>
                <div class="segmented wrap" role="radiogroup" aria-label=move || t(ui.lang.get(), T::ChartStyle)>
                    {style_buttons}
                </div>
            </div>
            {chart}
        </Panel>
    }
}
