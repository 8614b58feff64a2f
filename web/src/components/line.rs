//! A line or area chart for series of any length: each line is downsampled to the pixel width (M4 in
//! `waimao_core::chart`), so 166,650 points draw as a path of a few thousand; the pointer, a tap or the
//! arrow keys pick the nearest data point for the crosshair and tooltip (drawn by `pointer.rs`).
//!
//! The component knows nothing about trade: the caller gives the points, the axis labels and the
//! tooltip's lines, which is what lets the bench page draw it without the dashboard around it.

use std::sync::Arc;

use crate::components::keys::chart_key;
use crate::components::pointer::{Marker, PointerLayer};
use leptos::ev;
use leptos::prelude::*;
use waimao_core::chart::{area_path, line_path, nearest, tick_text, ticks, y_extent, LinearScale, Ticks};
use wasm_bindgen::JsCast;

pub const W: f64 = 720.0;
pub const H: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;

/// The plot's width in the chart's units, by which a caller spaces its axis labels.
pub fn plot_width() -> f64 {
    W - LEFT - RIGHT
}
const TOP: f64 = 32.0;
const BOTTOM: f64 = 36.0;

/// One line: its name for the legend and tooltip, its values (`NaN` for a gap) and its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub ys: Vec<f64>,
    pub colour: &'static str,
}

/// What a line chart draws: shared x positions (sorted), the lines over them, and the x-axis labels
/// as (position, text).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineData {
    pub xs: Vec<f64>,
    pub lines: Vec<Line>,
    pub x_ticks: Vec<(f64, String)>,
}

/// Scales and ticks, computed once per data change; hovering never recomputes them.
#[derive(Clone, PartialEq)]
struct Frame {
    sx: LinearScale,
    sy: LinearScale,
    y_ticks: Ticks,
}

impl Frame {
    fn new(data: &LineData, zero: bool) -> Self {
        let x0 = data.xs.first().copied().unwrap_or(0.0);
        let x1 = data.xs.last().copied().unwrap_or(1.0);
        let (lo, hi) = data
            .lines
            .iter()
            .filter_map(|l| y_extent(&l.ys))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (lo, hi)| (a.min(lo), b.max(hi)));
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        let y_ticks = ticks(lo, hi, 5, zero);
        Self {
            sx: LinearScale::new((x0, x1), (LEFT, W - RIGHT)),
            sy: LinearScale::new((y_ticks.min, y_ticks.max), (H - BOTTOM, TOP)),
            y_ticks,
        }
    }

    /// The pixel columns of the plot, which is how finely lines are downsampled.
    fn columns() -> usize {
        (W - LEFT - RIGHT) as usize
    }
}

#[component]
pub fn LineChart(
    #[prop(into)] data: Signal<Arc<LineData>>,
    /// Fill the area under each line (and start the axis at zero).
    #[prop(into)]
    area: Signal<bool>,
    /// The tooltip's lines for the point at an index.
    tooltip: Callback<usize, Vec<String>>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] summary: Signal<String>,
    #[prop(into)] keys_hint: Signal<String>,
    /// The unit over the value axis ("亿元").
    #[prop(into)]
    y_unit: Signal<String>,
    testid: &'static str,
) -> impl IntoView {
    let frame = Memo::new(move |_| data.with(|d| Frame::new(d, area.get())));
    let len = move || data.with_untracked(|d| d.xs.len());
    let summary_id = format!("{testid}-summary");
    let keys_id = format!("{testid}-keys");
    let described_by = format!("{summary_id} {keys_id}");

    let axes = move || {
        let f = frame.get();
        let decimals = f.y_ticks.decimals();
        let grid = f
            .y_ticks
            .values
            .iter()
            .map(|v| {
                let y = f.sy.map(*v);
                view! {
                    <line class="grid" x1=LEFT x2=W - RIGHT y1=y y2=y />
                    <text class="axis" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{tick_text(*v, decimals)}</text>
                }
            })
            .collect_view();
        let labels = data.with(|d| {
            d.x_ticks
                .iter()
                .map(|(x, text)| {
                    view! { <text class="axis" x=f.sx.map(*x) y=H - BOTTOM + 18.0 text-anchor="middle">{text.clone()}</text> }
                })
                .collect_view()
        });
        view! {
            {grid}
            {labels}
            <text class="axis" x=4.0 y=TOP - 10.0>{move || y_unit.get()}</text>
        }
    };

    // The paths depend on the data and the frame only, so moving the pointer never rebuilds them.
    let paths = move || {
        let f = frame.get();
        let base = f.sy.map(0.0f64.clamp(f.y_ticks.min, f.y_ticks.max));
        let filled = area.get();
        data.with(|d| {
            d.lines
                .iter()
                .map(|l| {
                    let fill = filled.then(|| {
                        let shape = area_path(&d.xs, &l.ys, Frame::columns(), f.sx, f.sy, base);
                        view! { <path class="area" d=shape fill=l.colour /> }
                    });
                    let stroke = line_path(&d.xs, &l.ys, Frame::columns(), f.sx, f.sy);
                    view! {
                        {fill}
                        <path class="line" d=stroke stroke=l.colour fill="none" />
                    }
                })
                .collect_view()
        })
    };

    // The active point lives outside the reactive graph: see `pointer.rs`.
    let current = StoredValue::new(None::<usize>);
    let marker_ref = NodeRef::<leptos::svg::G>::new();
    let layer_ref = NodeRef::<leptos::html::Div>::new();
    // Built on first use, after mounting, and again when new data brings another number of lines.
    let pointer = StoredValue::new_local(None::<(usize, PointerLayer)>);
    let with_layer = move |f: &dyn Fn(&PointerLayer)| {
        let lines = data.with_untracked(|d| d.lines.len());
        if pointer.with_value(|p| p.as_ref().map(|(n, _)| *n)) != Some(lines) {
            let (Some(marker), Some(layer)) = (marker_ref.get_untracked(), layer_ref.get_untracked()) else { return };
            let built = PointerLayer::new(marker.unchecked_into(), layer.unchecked_into(), W, testid);
            pointer.set_value(Some((lines, built)));
        }
        pointer.with_value(|p| p.as_ref().map(|(_, layer)| f(layer)));
    };
    let marker_at = move |i: usize| {
        let (sx, sy) = frame.with_untracked(|f| (f.sx, f.sy));
        let (x, ys) = data.with_untracked(|d| {
            let x = sx.map(*d.xs.get(i)?);
            let ys = d.lines.iter().map(|l| l.ys.get(i).filter(|y| !y.is_nan()).map(|y| sy.map(*y))).collect();
            Some((x, ys))
        })?;
        Some(Marker { x, ys, lines: tooltip.run(i) })
    };
    let draw = move |i: Option<usize>| with_layer(&|layer| layer.show(i.and_then(marker_at)));
    let set_active = move |i: Option<usize>| {
        if current.get_value() != i {
            current.set_value(i);
            draw(i);
        }
    };
    // New data or scales (another unit, language or span) redraw the active point, or drop it when
    // it no longer exists.
    Effect::new(move |_| {
        frame.track();
        let n = data.with(|d| d.xs.len());
        let i = current.get_value().filter(|i| *i < n);
        current.set_value(i);
        // The dots were drawn anew with the data, so the layer finds them again.
        pointer.set_value(None);
        draw(i);
    });
    let dots = move || {
        data.with(|d| d.lines.iter().map(|l| view! { <circle class="dot" r=4.0 fill=l.colour /> }).collect_view())
    };

    // The element's on-screen box, read once per visit of the pointer: reading it on every move
    // would force a layout each time. Scrolling while hovering is rare and corrected on the next
    // visit.
    let rect = StoredValue::new(None::<(f64, f64)>);
    let pick = move |e: ev::MouseEvent| {
        let (left, width) = match rect.get_value() {
            Some(r) => r,
            None => {
                let Some(el) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
                let r = el.get_bounding_client_rect();
                rect.set_value(Some((r.left(), r.width())));
                (r.left(), r.width())
            }
        };
        if width <= 0.0 {
            return;
        }
        let px = (f64::from(e.client_x()) - left) / width * W;
        let x = frame.with_untracked(|f| f.sx.invert(px));
        set_active(data.with_untracked(|d| nearest(&d.xs, x)));
    };
    let on_key = move |e: ev::KeyboardEvent| {
        if let Some(to) = chart_key(&e, current.get_value(), len()) {
            set_active(to);
        }
    };

    view! {
        <div class="chart-box">
            <svg
                class="chart line-chart"
                data-testid=testid
                viewBox=format!("0 0 {W} {H}")
                preserveAspectRatio="xMidYMid meet"
                tabindex="0"
                role="group"
                aria-roledescription="chart"
                aria-label=move || title.get()
                aria-describedby=described_by
                on:mousemove=pick
                on:click=pick
                on:mouseleave=move |_| {
                    rect.set_value(None);
                    set_active(None);
                }
                on:keydown=on_key
                on:focus=move |_| {
                    if current.get_value().is_none() {
                        set_active(len().checked_sub(1));
                    }
                }
                on:blur=move |_| set_active(None)
            >
                {axes}
                {paths}
                <g class="marker" node_ref=marker_ref visibility="hidden" transform="translate(0 0)">
                    <line class="crosshair" x1=0.0 x2=0.0 y1=TOP y2=H - BOTTOM />
                    {dots}
                </g>
            </svg>
            <div class="tooltip-layer" role="status" aria-live="polite" node_ref=layer_ref></div>
            <p class="sr-only" id=summary_id>{move || summary.get()}</p>
            <p class="sr-only" id=keys_id>{move || keys_hint.get()}</p>
        </div>
    }
}
