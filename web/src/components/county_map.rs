//! The county map, shaded by year-to-date value: a choropleth when county boundaries are configured
//! (`counties.geojson` in the data directory), otherwise the tile grid placed by hand in the region
//! file, which is core's drawing (the widget's).
//! Clicking (or Enter on) a county filters the dashboard.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::dashboard::CountyRow;
use waimao_core::embed::{EmbedChart, Look};
use waimao_core::{RegionCode, YearMonth};

use crate::app::{amount_text, unit_text};
use crate::components::composition::is_dark;
use crate::components::drawn::{drawing_of, pick_county, DrawnChart};
use crate::load;
use crate::ui::use_ui;

const GEO_W: f64 = 480.0;
const GEO_H: f64 = 400.0;

#[component]
pub fn CountyMap(
    rows: Signal<Vec<CountyRow>>,
    boundaries: Option<String>,
    file: Arc<OverviewFile>,
    county: Signal<Option<RegionCode>>,
    month: Signal<YearMonth>,
) -> impl IntoView {
    let geo = load::fetched(move || boundaries.clone(), load::boundaries);
    let shapes = Memo::new(move |_| {
        geo.get().flatten().and_then(|text| waimao_core::geo::project(&text, GEO_W, GEO_H).ok()).unwrap_or_default()
    });
    view! {
        {move || {
            if shapes.with(Vec::is_empty) {
                view! { <TileGrid file=Arc::clone(&file) county=county month=month /> }.into_any()
            } else {
                view! { <Choropleth rows=rows shapes=shapes.into() /> }.into_any()
            }
        }}
    }
}

/// Fill and ink for one county (core's rule, which the embeddable map shares); both map forms use it.
fn shading(r: &CountyRow, max: i64, dark: bool) -> (String, &'static str) {
    waimao_core::chart::shade(r.ytd, max, dark)
}

/// One county as a toggle button: click, Enter or Space filters the dashboard to it (or back).
fn county_button(r: &CountyRow, class: &'static str, testid: String, body: impl IntoView + 'static) -> impl IntoView {
    let ui = use_ui();
    let (l, u) = (ui.lang.get_untracked(), ui.unit.get_untracked());
    let code = r.region.code;
    let is_selected = ui.county.get_untracked() == Some(code);
    let toggle = move || ui.county.set(if is_selected { None } else { Some(code) });
    // The name starts with what the tile shows (short name, figure), as speech input expects; the
    // full name follows where it is longer.
    let (short, full) = (r.region.short_name(l), r.region.name(l));
    let mut label = format!("{short} {} {}", amount_text(r.ytd, u), unit_text(u, l));
    if short != full {
        label.push_str(&format!(" ({full})"));
    }
    view! {
        <g
            class=class
            class:selected=is_selected
            role="button"
            tabindex="0"
            aria-pressed=is_selected.to_string()
            aria-label=label
            data-testid=testid
            on:click=move |_| toggle()
            on:keydown=move |e: ev::KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    toggle();
                }
            }
        >
            {body}
        </g>
    }
}

#[component]
fn Choropleth(rows: Signal<Vec<CountyRow>>, shapes: Signal<Vec<waimao_core::geo::Shape>>) -> impl IntoView {
    let ui = use_ui();
    let areas = move || {
        let l = ui.lang.get();
        let u = ui.unit.get();
        let dark = is_dark(ui.theme.get());
        // The buttons read the filter untracked; tracking it here redraws them when it changes.
        ui.county.track();
        let list = rows.get();
        let max = list.iter().filter_map(|r| r.ytd).max().unwrap_or(1).max(1);
        shapes
            .get()
            .into_iter()
            .filter_map(|s| {
                let r = list.iter().find(|r| r.region.code == s.code)?.clone();
                let (fill, ink) = shading(&r, max, dark);
                let body = view! {
                    <path d=s.path fill=fill />
                    <text x=s.label.0 y=s.label.1 text-anchor="middle" fill=ink class="area-name">
                        {format!("{} ", r.region.short_name(l))}
                    </text>
                    <text x=s.label.0 y=s.label.1 + 14.0 text-anchor="middle" fill=ink class="area-value">
                        {amount_text(r.ytd, u)}
                    </text>
                };
                Some(county_button(&r, "tile area", format!("area-{}", r.region.code), body))
            })
            .collect_view()
    };
    view! {
        <svg class="chart geo" viewBox=format!("0 0 {GEO_W} {GEO_H}") data-testid="county-map" data-kind="choropleth" role="group" aria-labelledby="map-title" aria-describedby="map-summary">
            {areas}
        </svg>
    }
}

/// The tile grid: core's drawing of the map (the widget's and the first view's), each tile a toggle
/// that filters the dashboard to its county.
#[component]
fn TileGrid(file: Arc<OverviewFile>, county: Signal<Option<RegionCode>>, month: Signal<YearMonth>) -> impl IntoView {
    let drawing = drawing_of(EmbedChart::Map, file, county, month, || Look { id: Some("map"), ..Look::WIDGET });
    view! { <DrawnChart drawing=drawing on_pick=pick_county(drawing) /> }
}
