//! A chart drawn by core (`embed::draw`: the drawing the widgets and the server's first view show),
//! made interactive. The drawing's look lives in core; this adds only the pointer, the keyboard and a
//! tooltip over the drawing's numbered targets (`.hit[data-i]`), and a pick (click, Enter) for charts
//! whose targets choose something, such as a county.

use std::sync::Arc;

use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::chart::fixed;
use waimao_core::embed::{dashboard_height, draw, Drawing, EmbedChart, EmbedSpec, Look};
use waimao_core::{RegionCode, YearMonth};
use wasm_bindgen::JsCast;

use crate::components::keys::on_chart_key;
use crate::ui::use_ui;

/// Core's drawing of `chart` for the view on show: its county (`None`, the city), month, language,
/// theme and unit, with `look` saying the rest (span, series, stacking) and the chart's name `id`.
pub fn drawing_of(
    chart: EmbedChart,
    file: Arc<OverviewFile>,
    county: Signal<Option<RegionCode>>,
    month: Signal<YearMonth>,
    look: impl Fn() -> Look + Send + Sync + 'static,
) -> Memo<Option<Drawing>> {
    let ui = use_ui();
    Memo::new(move |_| {
        let spec = EmbedSpec {
            county: county.get(),
            month: Some(month.get()),
            lang: ui.lang.get(),
            theme: ui.theme.get(),
            height: dashboard_height(chart, &file),
            ..EmbedSpec::new(chart)
        };
        draw(&spec, &Look { unit: ui.unit.get(), ..look() }, &file, None).ok()
    })
}

/// A pick that filters the dashboard to the county of the target picked, or back to the city when it
/// is the county on show.
pub fn pick_county(drawing: Memo<Option<Drawing>>) -> Callback<usize> {
    let ui = use_ui();
    Callback::new(move |i: usize| {
        let key = drawing.with_untracked(|d| d.as_ref().and_then(|d| d.tips.get(i)).and_then(|t| t.key.clone()));
        let Some(code) = key.and_then(|k| RegionCode::parse(&k).ok()) else { return };
        ui.county.set(if ui.county.get_untracked() == Some(code) { None } else { Some(code) });
    })
}

/// The number of the target an event happened on, if any.
fn target_of(e: &ev::Event) -> Option<usize> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.closest(".hit").ok()??.get_attribute("data-i")?.parse().ok()
}

/// Marks target `active` (and only it) as the one on show: the drawing's styles shade it.
fn highlight(host: &web_sys::Element, active: Option<usize>) {
    if let Ok(list) = host.query_selector_all(".hit.on") {
        for el in (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.class_list().remove_1("on");
        }
    }
    if let Some(i) = active {
        if let Ok(Some(el)) = host.query_selector(&format!(".hit[data-i=\"{i}\"]")) {
            let _ = el.class_list().add_1("on");
        }
    }
}

#[component]
pub fn DrawnChart(
    /// The drawing; `None` draws nothing (no data for the view).
    #[prop(into)]
    drawing: Signal<Option<Drawing>>,
    /// Called with a target's number when it is clicked or chosen with Enter.
    #[prop(optional)]
    on_pick: Option<Callback<usize>>,
    /// The tooltip's test id.
    #[prop(default = "tooltip")]
    tooltip_testid: &'static str,
) -> impl IntoView {
    let active = RwSignal::new(None::<usize>);
    let host = NodeRef::<Div>::new();
    let count = move || drawing.with_untracked(|d| d.as_ref().map_or(0, |d| d.tips.len()));
    // A new drawing (another month, unit, language) starts with nothing on show.
    Effect::new(move |_| {
        drawing.track();
        active.set(None);
    });
    Effect::new(move |_| {
        let a = active.get();
        drawing.track();
        if let Some(el) = host.get() {
            highlight(&el, a);
        }
    });
    let pick = move |i: usize| {
        if let Some(f) = on_pick {
            f.run(i);
        }
    };
    let on_key = move |e: ev::KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            // The focused target (a tile tabbed to), else the one on show.
            if let Some(i) = target_of(&e).or(active.get_untracked()).filter(|_| on_pick.is_some()) {
                e.prevent_default();
                pick(i);
            }
            return;
        }
        on_chart_key(&e, active, count());
    };
    let tooltip = move || {
        let i = active.get()?;
        let tip = drawing.with(|d| d.as_ref().and_then(|d| d.tips.get(i).cloned()))?;
        let left = tip.x * 100.0;
        // Keep the box inside the chart near the edges.
        let (anchor, shift) = if left > 70.0 { ("right", 100.0 - left) } else { ("left", left) };
        Some(view! {
            <div class="tooltip" data-testid=tooltip_testid style=format!("{anchor}: {}%", fixed(shift, 2))>
                <strong>{tip.head}</strong>
                {tip.lines.into_iter().map(|l| view! { <span>{l}</span> }).collect_view()}
            </div>
        })
    };
    view! {
        <div class="chart-box">
            <div
                class="drawn"
                node_ref=host
                inner_html=move || drawing.with(|d| d.as_ref().map(|d| d.svg.clone()).unwrap_or_default())
                on:pointerover=move |e| {
                    if let Some(i) = target_of(&e) {
                        active.set(Some(i));
                    }
                }
                on:pointerleave=move |_| active.set(None)
                on:click=move |e| {
                    if let Some(i) = target_of(&e) {
                        active.set(Some(i));
                        pick(i);
                    }
                }
                on:keydown=on_key
                on:focusin=move |e| {
                    // A target tabbed to is the one on show; the chart itself starts at the latest.
                    if let Some(i) = target_of(&e) {
                        active.set(Some(i));
                    } else if active.get_untracked().is_none() {
                        active.set(count().checked_sub(1));
                    }
                }
                on:focusout=move |_| active.set(None)
            ></div>
            <div class="tooltip-layer" role="status" aria-live="polite">{tooltip}</div>
        </div>
    }
}
