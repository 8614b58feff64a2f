//! The county map as a tile grid: one square per county, placed by hand in the region file to keep
//! neighbours near, shaded by year-to-date value. Clicking (or Enter on) a tile filters the dashboard.

use leptos::ev;
use leptos::prelude::*;
use waimao_core::chart::sequential;
use waimao_core::dashboard::CountyRow;

use crate::app::{amount_text, unit_text};
use crate::components::composition::is_dark;
use crate::ui::use_ui;

const TILE_W: f64 = 120.0;
const TILE_H: f64 = 76.0;
const GAP: f64 = 6.0;

#[component]
pub fn CountyMap(rows: Signal<Vec<CountyRow>>) -> impl IntoView {
    let ui = use_ui();
    let tiles = move || {
        let l = ui.lang.get();
        let u = ui.unit.get();
        let dark = is_dark(ui.theme.get());
        let selected = ui.county.get();
        let list = rows.get();
        let max = list.iter().filter_map(|r| r.ytd).max().unwrap_or(1).max(1);
        list.into_iter()
            .filter_map(|r| {
                let [col, row] = r.region.tile?;
                let (x, y) = (f64::from(col) * (TILE_W + GAP), f64::from(row) * (TILE_H + GAP));
                // Shading is drawing only; the figure printed on the tile is exact.
                let t = r.ytd.map_or(0.0, |v| (v as f64 / max as f64).sqrt());
                let ink = if (t > 0.55) != dark { "#ffffff" } else { "#1d2430" };
                let code = r.region.code;
                let is_selected = selected == Some(code);
                let toggle = move || ui.county.set(if is_selected { None } else { Some(code) });
                let label = format!("{} {} {}", r.region.name(l), amount_text(r.ytd, u), unit_text(u, l));
                Some(view! {
                    <g
                        class="tile"
                        class:selected=is_selected
                        role="button"
                        tabindex="0"
                        aria-pressed=is_selected.to_string()
                        aria-label=label
                        data-testid=format!("tile-{code}")
                        on:click=move |_| toggle()
                        on:keydown=move |e: ev::KeyboardEvent| {
                            if e.key() == "Enter" || e.key() == " " {
                                e.prevent_default();
                                toggle();
                            }
                        }
                    >
                        <rect x=x y=y width=TILE_W height=TILE_H rx=6.0 fill=sequential(t, dark) />
                        <text x=x + TILE_W / 2.0 y=y + 30.0 text-anchor="middle" fill=ink class="tile-name">
                            {r.region.short_name(l).to_string()}
                        </text>
                        <text x=x + TILE_W / 2.0 y=y + 52.0 text-anchor="middle" fill=ink class="tile-value">
                            {amount_text(r.ytd, u)}
                        </text>
                    </g>
                })
            })
            .collect_view()
    };
    let size = move || {
        let (cols, rows_n) = rows
            .get()
            .iter()
            .filter_map(|r| r.region.tile)
            .fold((1u8, 1u8), |(c, r), [x, y]| (c.max(x + 1), r.max(y + 1)));
        format!("-4 -4 {} {}", f64::from(cols) * (TILE_W + GAP) + 2.0, f64::from(rows_n) * (TILE_H + GAP) + 2.0)
    };
    view! {
        <svg class="chart tiles" viewBox=size data-testid="county-map" role="group">
            {tiles}
        </svg>
    }
}
