//! Columns for several series over the same categories: grouped side by side, stacked, or stacked to
//! 100%. The layout comes from `waimao_core::chart::stack` (exact integer sums); this component draws
//! it and moves a tooltip with the pointer, a tap or the arrow keys.

use std::sync::Arc;

use crate::components::keys::on_chart_key;
use leptos::ev;
use leptos::prelude::*;
use waimao_core::chart::{extent, fixed, stack, tick_text, ticks, LinearScale, Segment, Stacking};

const W: f64 = 720.0;
const H: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;

/// The plot's width in the chart's units, by which a caller spaces its axis labels.
pub fn plot_width() -> f64 {
    W - LEFT - RIGHT
}
const TOP: f64 = 32.0;
const BOTTOM: f64 = 36.0;

/// One series of columns: its name, its exact values (元) per category, its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSeries {
    pub name: String,
    pub values: Vec<Option<i64>>,
    pub colour: &'static str,
}

/// What a column chart draws: category labels (every one is a column; `x_label` says which are
/// printed) and the series.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnData {
    pub categories: Vec<String>,
    /// Whether a category's label is printed under the axis (all of them do not fit).
    pub labelled: Vec<bool>,
    pub series: Vec<ColumnSeries>,
}

/// Layout for one data, mode and unit: segments in display units (or percent) and the scales.
#[derive(Clone, PartialEq)]
struct Layout {
    segments: Vec<Vec<Option<Segment>>>,
    sy: LinearScale,
    y_ticks: waimao_core::chart::Ticks,
    band: f64,
}

impl Layout {
    fn new(data: &ColumnData, mode: Stacking, divisor: f64) -> Self {
        let values: Vec<Vec<Option<i64>>> = data.series.iter().map(|s| s.values.clone()).collect();
        let mut segments = stack(&values, mode);
        if mode != Stacking::Percent {
            for seg in segments.iter_mut().flatten().flatten() {
                *seg = Segment { lo: seg.lo / divisor, hi: seg.hi / divisor };
            }
        }
        let (lo, hi) = extent(&segments);
        let y_ticks = if mode == Stacking::Percent { ticks(0.0, 100.0, 4, true) } else { ticks(lo, hi, 5, true) };
        Self {
            segments,
            sy: LinearScale::new((y_ticks.min, y_ticks.max), (H - BOTTOM, TOP)),
            y_ticks,
            band: (W - LEFT - RIGHT) / data.categories.len().max(1) as f64,
        }
    }

    fn x(&self, i: usize) -> f64 {
        LEFT + self.band * i as f64
    }
}

#[component]
pub fn ColumnChart(
    #[prop(into)] data: Signal<Arc<ColumnData>>,
    #[prop(into)] mode: Signal<Stacking>,
    /// How many 元 one drawn unit is (10^8 for 亿元).
    #[prop(into)]
    divisor: Signal<f64>,
    /// The tooltip's lines for a category.
    tooltip: Callback<usize, Vec<String>>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] summary: Signal<String>,
    #[prop(into)] keys_hint: Signal<String>,
    #[prop(into)] y_unit: Signal<String>,
    testid: &'static str,
) -> impl IntoView {
    let active = RwSignal::new(None::<usize>);
    let layout = Memo::new(move |_| data.with(|d| Layout::new(d, mode.get(), divisor.get())));
    let len = move || data.with_untracked(|d| d.categories.len());
    let summary_id = format!("{testid}-summary");
    let keys_id = format!("{testid}-keys");
    let described_by = format!("{summary_id} {keys_id}");

    // The month labels are their own effect, following the data (and so the language) whether or not
    // the layout changes with it.
    let labels = move || {
        let lay = layout.get();
        data.with(|d| {
            d.categories
                .iter()
                .zip(&d.labelled)
                .enumerate()
                .filter(|(_, (_, shown))| **shown)
                .map(|(i, (c, _))| {
                    view! { <text class="axis" x=lay.x(i) + lay.band / 2.0 y=H - BOTTOM + 18.0 text-anchor="middle">{c.clone()}</text> }
                })
                .collect_view()
        })
    };
    let axes = move || {
        let lay = layout.get();
        let decimals = lay.y_ticks.decimals();
        let percent = mode.get() == Stacking::Percent;
        let grid = lay
            .y_ticks
            .values
            .iter()
            .map(|v| {
                let y = lay.sy.map(*v);
                let text = if percent { format!("{}%", tick_text(*v, 0)) } else { tick_text(*v, decimals) };
                view! {
                    <line class="grid" x1=LEFT x2=W - RIGHT y1=y y2=y />
                    <text class="axis" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{text}</text>
                }
            })
            .collect_view();
        view! {
            {grid}
            {labels}
            <text class="axis" x=4.0 y=TOP - 10.0>{move || if percent { "%".to_string() } else { y_unit.get() }}</text>
        }
    };

    let bars = move || {
        let lay = layout.get();
        let grouped = mode.get() == Stacking::Grouped;
        let count = lay.segments.len().max(1) as f64;
        data.with(|d| {
            d.series
                .iter()
                .zip(&lay.segments)
                .enumerate()
                .map(|(s, (series, segs))| {
                    let rects = segs
                        .iter()
                        .enumerate()
                        .filter_map(|(i, seg)| {
                            let seg = (*seg)?;
                            // Grouped columns share 80% of the band; stacked ones take 70% of it.
                            let (x, w) = if grouped {
                                let w = lay.band * 0.8 / count;
                                (lay.x(i) + lay.band * 0.1 + w * s as f64, w)
                            } else {
                                (lay.x(i) + lay.band * 0.15, lay.band * 0.7)
                            };
                            let (top, bottom) = (lay.sy.map(seg.hi), lay.sy.map(seg.lo));
                            Some(view! { <rect x=x width=w y=top height=(bottom - top).max(0.0) /> })
                        })
                        .collect_view();
                    view! { <g class="series" fill=series.colour>{rects}</g> }
                })
                .collect_view()
        })
    };

    let highlight = move || {
        let i = active.get()?;
        let lay = layout.get();
        Some(view! { <rect class="band-highlight" x=lay.x(i) width=lay.band y=TOP height=H - TOP - BOTTOM /> })
    };

    // Full-height transparent bands make a whole category hoverable and tappable.
    let hits = move || {
        let lay = layout.get();
        (0..len())
            .map(|i| {
                view! {
                    <rect
                        class="hit"
                        data-testid=format!("{testid}-hit-{i}")
                        x=lay.x(i)
                        width=lay.band
                        y=TOP
                        height=H - TOP - BOTTOM
                        on:mouseenter=move |_| active.set(Some(i))
                        on:click=move |_| active.set(Some(i))
                    />
                }
            })
            .collect_view()
    };

    let tip = move || {
        let i = active.get()?;
        let left = layout.with(|lay| (lay.x(i) + lay.band / 2.0) / W * 100.0);
        let (side, offset) = if left > 70.0 { ("right", 100.0 - left) } else { ("left", left) };
        let mut lines = tooltip.run(i).into_iter();
        let head = lines.next().unwrap_or_default();
        Some(view! {
            <div class="tooltip" data-testid=format!("{testid}-tooltip") style=format!("{side}: {}%", fixed(offset, 2))>
                <strong>{head}</strong>
                {lines.map(|l| view! { <span>{l}</span> }).collect_view()}
            </div>
        })
    };

    let on_key = move |e: ev::KeyboardEvent| on_chart_key(&e, active, len());

    view! {
        <div class="chart-box">
            <svg
                class="chart columns"
                data-testid=testid
                viewBox=format!("0 0 {W} {H}")
                preserveAspectRatio="xMidYMid meet"
                tabindex="0"
                role="group"
                aria-roledescription="chart"
                aria-label=move || title.get()
                aria-describedby=described_by
                on:keydown=on_key
                on:focus=move |_| {
                    if active.get_untracked().is_none() {
                        active.set(len().checked_sub(1));
                    }
                }
                on:blur=move |_| active.set(None)
                on:mouseleave=move |_| active.set(None)
            >
                {axes}
                {highlight}
                {bars}
                {hits}
            </svg>
            <div class="tooltip-layer" role="status" aria-live="polite">{tip}</div>
            <p class="sr-only" id=summary_id>{move || summary.get()}</p>
            <p class="sr-only" id=keys_id>{move || keys_hint.get()}</p>
        </div>
    }
}
