//! The monthly trend: columns for the month value (left axis) and a line for 同比 (right axis).
//! Layout comes from `waimao_core::chart`; this component only draws.

use leptos::prelude::*;
use waimao_core::chart::{ticks, LinearScale};
use waimao_core::dashboard::TrendPoint;
use waimao_core::{Amount, Fixed, Lang, Unit};

use crate::app::{amount_text, unit_text};
use crate::i18n::{t, T};

const W: f64 = 720.0;
const H: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 48.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 40.0;

/// A tick value with thousands separators ("60,000", "2.5").
fn tick_label(v: f64, decimals: u8) -> String {
    let scale = 10i128.pow(u32::from(decimals));
    Fixed::from_ratio((v * scale as f64).round() as i128, scale, decimals).grouped()
}

#[component]
pub fn TrendChart(points: Signal<Vec<TrendPoint>>, lang: RwSignal<Lang>, unit: RwSignal<Unit>) -> impl IntoView {
    let chart = move || {
        let pts = points.get();
        let l = lang.get();
        let u = unit.get();
        let n = pts.len().max(1);
        // Drawing positions may be floating point; the labels of values are exact strings.
        let in_unit = |v: i64| Amount::cny(v).in_unit(u, 4).to_f64_for_drawing();
        let max_v = pts.iter().filter_map(|p| p.value).map(in_unit).fold(0.0, f64::max);
        let yv = ticks(0.0, max_v, 5, true);
        let pcts: Vec<Option<f64>> = pts.iter().map(|p| p.yoy.percent(1).map(|f| f.to_f64_for_drawing())).collect();
        let (pmin, pmax) = pcts.iter().flatten().fold((0.0f64, 0.0f64), |(a, b), v| (a.min(*v), b.max(*v)));
        let yp = ticks(pmin, pmax, 5, true);
        let sy = LinearScale::new((yv.min, yv.max), (H - BOTTOM, TOP));
        let sp = LinearScale::new((yp.min, yp.max), (H - BOTTOM, TOP));
        let band = (W - LEFT - RIGHT) / n as f64;
        let x = |i: usize| LEFT + band * (i as f64 + 0.5);

        let grid = yv
            .values
            .iter()
            .map(|v| {
                let y = sy.map(*v);
                view! {
                    <line class="grid" x1=LEFT x2=W - RIGHT y1=y y2=y />
                    <text class="axis" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{tick_label(*v, yv.decimals())}</text>
                }
            })
            .collect_view();
        let right_axis = yp
            .values
            .iter()
            .map(|v| {
                view! {
                    <text class="axis yoy-axis" x=W - RIGHT + 6.0 y=sp.map(*v) + 4.0>{format!("{}%", tick_label(*v, yp.decimals()))}</text>
                }
            })
            .collect_view();
        let bars = pts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let top = p.value.map_or(sy.map(0.0), |v| sy.map(in_unit(v)));
                let label = format!(
                    "{}: {} {} · {} {}",
                    p.month.label(l),
                    amount_text(p.value, u),
                    unit_text(u, l),
                    t(l, T::Yoy),
                    p.yoy.short(1, l)
                );
                view! {
                    <rect class="bar" x=x(i) - band * 0.35 width=band * 0.7 y=top height=(sy.map(0.0) - top).max(0.0)>
                        <title>{label}</title>
                    </rect>
                }
            })
            .collect_view();
        // The YoY line breaks where a month has no growth figure.
        let mut path = String::new();
        let mut pen_down = false;
        for (i, p) in pcts.iter().enumerate() {
            match p {
                Some(v) => {
                    path.push_str(&format!("{}{:.1},{:.1} ", if pen_down { "L" } else { "M" }, x(i), sp.map(*v)));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let dots = pcts
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|v| view! { <circle class="yoy-dot" cx=x(i) cy=sp.map(v) r=3.0 /> }))
            .collect_view();
        let labels = pts
            .iter()
            .enumerate()
            .filter(|(i, p)| p.month.month() == 1 || i % 3 == 0)
            .map(|(i, p)| {
                let text = if p.month.month() == 1 || i == 0 {
                    p.month.label(l)
                } else {
                    match l {
                        Lang::Zh => format!("{}月", p.month.month()),
                        Lang::En => p.month.label(l).split(' ').next().unwrap_or_default().to_string(),
                    }
                };
                view! { <text class="axis" x=x(i) y=H - BOTTOM + 18.0 text-anchor="middle">{text}</text> }
            })
            .collect_view();
        let zero = sp.map(0.0);
        view! {
            {grid}
            <line class="zero yoy-zero" x1=LEFT x2=W - RIGHT y1=zero y2=zero />
            {bars}
            <path class="yoy-line" d=path fill="none" />
            {dots}
            {right_axis}
            {labels}
            <text class="axis unit-label" x=4.0 y=TOP - 14.0>{unit_text(u, l)}</text>
            <text class="axis unit-label" x=W - 4.0 y=TOP - 14.0 text-anchor="end">{t(l, T::YoyAxis)}</text>
        }
    };
    view! {
        <svg
            class="chart trend"
            data-testid="trend-chart"
            viewBox=format!("0 0 {W} {H}")
            role="img"
            aria-label=move || t(lang.get(), T::Trend)
            preserveAspectRatio="xMidYMid meet"
        >
            {chart}
        </svg>
    }
}
