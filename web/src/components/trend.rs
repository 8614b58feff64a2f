//! The monthly trend: columns for the month value (left axis) and a line for 同比 (right axis), as
//! core draws it for the widgets and the first view (`embed::draw`), with the legend's toggles and the
//! time slider around it; pointer and keyboard come from `DrawnChart`.

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::embed::{EmbedChart, Look};
use waimao_core::region::RegionCode;
use waimao_core::YearMonth;

use crate::components::drawn::{drawing_of, DrawnChart};
use crate::i18n::{t, T};
use crate::ui::use_ui;

#[component]
pub fn TrendChart(
    file: Arc<OverviewFile>,
    /// The county on show, `None` for the city.
    #[prop(into)]
    county: Signal<Option<RegionCode>>,
    #[prop(into)] month: Signal<YearMonth>,
) -> impl IntoView {
    let ui = use_ui();
    let show_bars = RwSignal::new(true);
    let show_line = RwSignal::new(true);
    let drawing = drawing_of(EmbedChart::Trend, file, county, month, move || Look {
        months: usize::from(ui.trend_months.get()),
        series: [show_bars.get(), show_line.get()],
        id: Some("trend"),
        ..Look::WIDGET
    });

    let legend_item = move |shown: RwSignal<bool>, label: T, class: &'static str, id: &'static str| {
        view! {
            <button
                type="button"
                class="legend-toggle"
                data-testid=id
                aria-pressed=move || shown.get().to_string()
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                <span class=format!("key {class}") aria-hidden="true"></span>
                {move || t(ui.lang.get(), label)}
            </button>
        }
    };
    let (_, min_months, max_months) = waimao_core::view::TREND_MONTHS;

    view! {
        <div class="chart-controls">
            <div class="chart-legend">
                {legend_item(show_bars, T::MonthValue, "key-bar", "legend-bars")}
                {legend_item(show_line, T::Yoy, "key-line", "legend-line")}
            </div>
            <label class="span-slider">
                <span>{move || t(ui.lang.get(), T::Span)}</span>
                <input
                    type="range"
                    data-testid="trend-span"
                    min=min_months
                    max=max_months
                    step="6"
                    prop:value=move || ui.trend_months.get().to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u8>() {
                            ui.trend_months.set(n);
                        }
                    }
                />
                <output>{move || format!("{} {}", ui.trend_months.get(), t(ui.lang.get(), T::MonthsUnit))}</output>
            </label>
        </div>
        <DrawnChart drawing=drawing />
    }
}
