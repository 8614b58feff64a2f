//! The monthly trend: columns for the month value (left axis) and a line for 同比 (right axis), with a
//! tooltip and crosshair that follow the pointer, a tap, or the arrow keys. Scales and ticks come from
//! `waimao_core::chart`; this component only draws and handles interaction.

use leptos::ev;
use leptos::prelude::*;
use waimao_core::chart::{fixed, push_fixed, tick_text, ticks, LinearScale, Ticks};
use waimao_core::dashboard::TrendPoint;
use waimao_core::{Amount, Measure, Unit, YearMonth};

use crate::app::{amount_text, unit_text};
use crate::components::keys::on_chart_key;
use crate::i18n::{t, T};
use crate::ui::use_ui;

const W: f64 = 720.0;
const H: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 48.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 40.0;

/// Where everything goes, computed once per data or unit change.
#[derive(Clone, PartialEq)]
struct Layout {
    n: usize,
    values: Ticks,
    growth: Ticks,
    sy: LinearScale,
    sp: LinearScale,
    band: f64,
    heights: Vec<Option<f64>>,
    pcts: Vec<Option<f64>>,
}

impl Layout {
    fn new(pts: &[TrendPoint], unit: Unit) -> Self {
        // Drawing positions may be floating point; the labels of values are exact strings.
        let heights: Vec<Option<f64>> =
            pts.iter().map(|p| p.value.map(|v| Amount::cny(v).in_unit(unit, 4).to_f64_for_drawing())).collect();
        let max_v = heights.iter().flatten().fold(0.0, |a: f64, b| a.max(*b));
        let values = ticks(0.0, max_v, 5, true);
        let pcts: Vec<Option<f64>> = pts.iter().map(|p| p.yoy.percent(1).map(|f| f.to_f64_for_drawing())).collect();
        let (lo, hi) = pcts.iter().flatten().fold((0.0f64, 0.0f64), |(a, b), v| (a.min(*v), b.max(*v)));
        let growth = ticks(lo, hi, 5, true);
        Self {
            n: pts.len().max(1),
            sy: LinearScale::new((values.min, values.max), (H - BOTTOM, TOP)),
            sp: LinearScale::new((growth.min, growth.max), (H - BOTTOM, TOP)),
            band: (W - LEFT - RIGHT) / pts.len().max(1) as f64,
            values,
            growth,
            heights,
            pcts,
        }
    }

    fn x(&self, i: usize) -> f64 {
        LEFT + self.band * (i as f64 + 0.5)
    }
}

#[component]
pub fn TrendChart(points: Signal<Vec<TrendPoint>>, title: Signal<String>, summary: Signal<String>) -> impl IntoView {
    let ui = use_ui();
    let active = RwSignal::new(None::<usize>);
    let show_bars = RwSignal::new(true);
    let show_line = RwSignal::new(true);
    let layout = Memo::new(move |_| Layout::new(&points.get(), ui.unit.get()));

    let on_key = move |e: ev::KeyboardEvent| on_chart_key(&e, active, points.with_untracked(Vec::len));

    let axes = move || {
        let lay = layout.get();
        let l = ui.lang.get();
        let pts = points.get();
        let grid = lay
            .values
            .values
            .iter()
            .filter(|_| show_bars.get())
            .map(|v| {
                let y = lay.sy.map(*v);
                view! {
                    <line class="grid" x1=LEFT x2=W - RIGHT y1=y y2=y />
                    <text class="axis" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{tick_text(*v, lay.values.decimals())}</text>
                }
            })
            .collect_view();
        let right = lay
            .growth
            .values
            .iter()
            .filter(|_| show_line.get())
            .map(|v| {
                view! {
                    <text class="axis" x=W - RIGHT + 6.0 y=lay.sp.map(*v) + 4.0>
                        {format!("{}%", tick_text(*v, lay.growth.decimals()))}
                    </text>
                }
            })
            .collect_view();
        let months: Vec<YearMonth> = pts.iter().map(|p| p.month).collect();
        let labels = super::axis::month_labels(&months, lay.band, l)
            .into_iter()
            .enumerate()
            .filter_map(|(i, text)| {
                let text = text?;
                Some(view! { <text class="axis" x=lay.x(i) y=H - BOTTOM + 18.0 text-anchor="middle">{text}</text> })
            })
            .collect_view();
        let zero = lay.sp.map(0.0);
        view! {
            {grid}
            <line class="zero" x1=LEFT x2=W - RIGHT y1=zero y2=zero />
            {right}
            {labels}
            <text class="axis" x=4.0 y=TOP - 8.0>{unit_text(ui.unit.get(), l)}</text>
            <text class="axis" x=W - 4.0 y=TOP - 8.0 text-anchor="end">{t(l, T::YoyAxis)}</text>
        }
    };

    let marks = move || {
        let lay = layout.get();
        let base = lay.sy.map(0.0);
        let bars = lay
            .heights
            .iter()
            .enumerate()
            .filter(|_| show_bars.get())
            .map(|(i, h)| {
                let top = h.map_or(base, |h| lay.sy.map(h));
                view! {
                    <rect
                        class="bar"
                        class:active=move || active.get() == Some(i)
                        x=lay.x(i) - lay.band * 0.35
                        width=lay.band * 0.7
                        y=top
                        height=(base - top).max(0.0)
                    />
                }
            })
            .collect_view();
        // The YoY line breaks where a month has no growth figure.
        let mut path = String::new();
        let mut pen_down = false;
        for (i, p) in lay.pcts.iter().enumerate().filter(|_| show_line.get()) {
            match p {
                Some(v) => {
                    path.push(if pen_down { 'L' } else { 'M' });
                    push_fixed(&mut path, lay.x(i), 1);
                    path.push(',');
                    push_fixed(&mut path, lay.sp.map(*v), 1);
                    path.push(' ');
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let dots = lay
            .pcts
            .iter()
            .enumerate()
            .filter(|_| show_line.get())
            .filter_map(|(i, p)| p.map(|v| view! { <circle class="yoy-dot" cx=lay.x(i) cy=lay.sp.map(v) r=3.0 /> }))
            .collect_view();
        // Full-height transparent columns make the whole band hoverable and tappable.
        let hits = (0..lay.n)
            .map(|i| {
                view! {
                    <rect
                        class="hit"
                        data-testid=format!("trend-hit-{i}")
                        x=LEFT + lay.band * i as f64
                        width=lay.band
                        y=TOP
                        height=H - TOP - BOTTOM
                        on:mouseenter=move |_| active.set(Some(i))
                        on:click=move |_| active.set(Some(i))
                    />
                }
            })
            .collect_view();
        view! { {bars} <path class="yoy-line" d=path fill="none" /> {dots} {hits} }
    };

    let crosshair = move || {
        active.get().map(|i| {
            let x = layout.with(|l| l.x(i));
            view! { <line class="crosshair" x1=x x2=x y1=TOP y2=H - BOTTOM /> }
        })
    };

    let tooltip = move || {
        let i = active.get()?;
        let p = points.with(|pts| pts.get(i).cloned())?;
        let l = ui.lang.get();
        let u = ui.unit.get();
        let left = layout.with(|lay| lay.x(i) / W * 100.0);
        // Keep the box inside the chart near the edges.
        let (anchor, shift) = if left > 70.0 { ("right", 100.0 - left) } else { ("left", left) };
        Some(view! {
            <div class="tooltip" data-testid="tooltip" style=format!("{anchor}: {}%", fixed(shift, 2))>
                <strong>{p.month.label(l)}</strong>
                <span>{format!("{} {} {}", Measure::Total.label(l), amount_text(p.value, u), unit_text(u, l))}</span>
                <span>{format!("{} {}", t(l, T::Yoy), p.yoy.short(1, l))}</span>
            </div>
        })
    };

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
                            active.set(None);
                            ui.trend_months.set(n);
                        }
                    }
                />
                <output>{move || format!("{} {}", ui.trend_months.get(), t(ui.lang.get(), T::MonthsUnit))}</output>
            </label>
        </div>
        <div class="chart-box">
            <svg
                class="chart trend"
                data-testid="trend-chart"
                viewBox=format!("0 0 {W} {H}")
                preserveAspectRatio="xMidYMid meet"
                tabindex="0"
                role="group"
                aria-roledescription="chart"
                aria-label=move || title.get()
                aria-describedby="trend-summary trend-keys"
                on:keydown=on_key
                on:focus=move |_| {
                    if active.get_untracked().is_none() {
                        active.set(Some(points.with_untracked(Vec::len).saturating_sub(1)));
                    }
                }
                on:blur=move |_| active.set(None)
                on:mouseleave=move |_| active.set(None)
            >
                {axes}
                {crosshair}
                {marks}
            </svg>
            <div class="tooltip-layer" role="status" aria-live="polite">{tooltip}</div>
            <p class="sr-only" id="trend-summary">{move || summary.get()}</p>
            <p class="sr-only" id="trend-keys">{move || t(ui.lang.get(), T::ChartKeys)}</p>
        </div>
    }
}
