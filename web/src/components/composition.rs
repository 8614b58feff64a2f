//! Composition by a chosen dimension (贸易方式, 重点商品, HS类, 国别（地区）, 企业性质): a donut of the
//! additive breakdowns with the largest members, and a legend with 累计, 同比, 占比 and 拉动.

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::chart::{sector_path, series_colour, slices, squarify, Theme};
use waimao_core::composition::{composition, composition_table, CompositionRow};
use waimao_core::dashboard::measure_series;
use waimao_core::summary::composition_summary;
use waimao_core::{Dimension, Lang, Measure, Period, RegionCode, YearMonth};

use crate::app::{amount_text, unit_text};
use crate::components::keys::on_chart_key;
use crate::components::kpi::growth_view;
use crate::components::panel::Panel;
use crate::i18n::{t, T};
use crate::load;
use crate::ui::use_ui;

/// Slices drawn before the rest is gathered into "其他".
const MAX_SLICES: usize = 7;
const TREE_W: f64 = 640.0;
const TREE_H: f64 = 320.0;

/// What the donut draws: the largest members, then the rest summed.
fn donut_rows(rows: &[CompositionRow], lang: Lang) -> Vec<(String, i64)> {
    let members: Vec<&CompositionRow> = rows.iter().filter(|r| !r.is_group && r.ytd.unwrap_or(0) > 0).collect();
    let mut out: Vec<(String, i64)> =
        members.iter().take(MAX_SLICES).map(|r| (r.name(lang).to_string(), r.ytd.unwrap_or(0))).collect();
    let rest: i64 = members.iter().skip(MAX_SLICES).filter_map(|r| r.ytd).sum();
    if rest > 0 {
        out.push((t(lang, T::Others).to_string(), rest));
    }
    out
}

pub fn is_dark(theme: Theme) -> bool {
    match theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::Auto => web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches()),
    }
}

#[component]
pub fn Composition(file: Arc<OverviewFile>, region: Signal<RegionCode>, month: Signal<YearMonth>) -> impl IntoView {
    let file_for_embed = Arc::clone(&file);
    let ui = use_ui();
    let dim_file = load::fetched(move || ui.dimension.get(), load::dimension);
    let rows = Memo::new(move |_| {
        let Some(Ok(df)) = dim_file.get() else { return Vec::new() };
        let Some(rs) = file.series_of(region.get()) else { return Vec::new() };
        composition(&df, region.get(), Measure::Total, month.get(), &measure_series(rs, Measure::Total))
    });
    let active = RwSignal::new(None::<usize>);
    let title = Signal::derive(move || {
        format!("{} · {}", t(ui.lang.get(), T::Composition), ui.dimension.get().label(ui.lang.get()))
    });
    let summary = Signal::derive(move || {
        composition_summary(&rows.get(), ui.dimension.get().label(ui.lang.get()), ui.lang.get())
    });
    let table = Signal::derive(move || {
        composition_table(&rows.get(), ui.dimension.get().label(ui.lang.get()), ui.unit.get(), ui.lang.get())
    });

    let selector = move || {
        view! {
            <label class="dim-select">
                <span>{move || t(ui.lang.get(), T::Dimension)}</span>
                <select
                    data-testid="dimension-select"
                    on:change=move |ev| {
                        if let Some(d) = Dimension::parse(&event_target_value(&ev)) {
                            active.set(None);
                            ui.dimension.set(d);
                        }
                    }
                >
                    {Dimension::ALL
                        .into_iter()
                        .map(|d| {
                            view! {
                                <option value=d.code() selected=move || ui.dimension.get() == d>
                                    {move || d.label(ui.lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    };

    let treemap = move || {
        let l = ui.lang.get();
        let u = ui.unit.get();
        let dark = is_dark(ui.theme.get());
        let members: Vec<CompositionRow> =
            rows.get().into_iter().filter(|r| !r.is_group && r.ytd.unwrap_or(0) > 0).collect();
        let cells = squarify(&members.iter().map(|r| r.ytd.unwrap_or(0)).collect::<Vec<_>>(), TREE_W, TREE_H);
        let boxes = members
            .iter()
            .zip(cells)
            .enumerate()
            .map(|(i, (r, c))| {
                let share = r.share.map(|s| format!("{}%", s.percent(1))).unwrap_or_default();
                let label = (c.w > 70.0 && c.h > 34.0).then(|| {
                    view! {
                        <text x=c.x + 6.0 y=c.y + 16.0 class="cell-name">{r.name(l).to_string()}</text>
                        <text x=c.x + 6.0 y=c.y + 31.0 class="cell-value">{share.clone()}</text>
                    }
                });
                let title = format!("{} {} {} · {}", r.name(l), amount_text(r.ytd, u), unit_text(u, l), share);
                view! {
                    <g
                        class="cell"
                        class:active=move || active.get() == Some(i)
                        data-testid=format!("cell-{}", r.code)
                        on:mouseenter=move |_| active.set(Some(i))
                        on:click=move |_| active.set(Some(i))
                    >
                        <rect x=c.x y=c.y width=c.w height=c.h fill=series_colour(i, dark) />
                        {label}
                        <title>{title}</title>
                    </g>
                }
            })
            .collect_view();
        let count = members.len();
        let caption = move || {
            active.get().and_then(|i| members.get(i).cloned()).map(|r| {
                let share = r.share.map(|s| format!("{}%", s.percent(1))).unwrap_or_default();
                format!("{}：{} {} · {} {}", r.name(l), amount_text(r.ytd, u), unit_text(u, l), t(l, T::Share), share)
            })
        };
        view! {
            <figure class="treemap-box">
                <svg
                    class="chart treemap"
                    viewBox=format!("0 0 {TREE_W} {TREE_H}")
                    tabindex="0"
                    role="group"
                    aria-roledescription="chart"
                    aria-label=move || title.get()
                    aria-describedby="composition-summary composition-keys"
                    data-testid="treemap"
                    on:keydown=move |e| on_chart_key(&e, active, count)
                    on:focus=move |_| active.set(Some(0))
                    on:blur=move |_| active.set(None)
                    on:mouseleave=move |_| active.set(None)
                >
                    {boxes}
                </svg>
                <figcaption class="note" data-testid="treemap-caption" role="status" aria-live="polite">{caption}</figcaption>
            </figure>
        }
    };

    let donut = move || {
        let l = ui.lang.get();
        if !ui.dimension.get().is_additive() {
            return view! { <p class="note">{t(l, T::NotAdditive)}</p> }.into_any();
        }
        if ui.dimension.get() == Dimension::HsSection {
            return treemap().into_any();
        }
        let parts = donut_rows(&rows.get(), l);
        let total: i64 = parts.iter().map(|p| p.1).sum();
        let dark = is_dark(ui.theme.get());
        let arcs = slices(&parts.iter().map(|p| p.1).collect::<Vec<_>>());
        let paths = arcs
            .iter()
            .enumerate()
            .map(|(i, s)| {
                view! {
                    <path
                        class="slice"
                        class:active=move || active.get() == Some(i)
                        d=sector_path(100.0, 100.0, 90.0, 55.0, *s)
                        fill=series_colour(i, dark)
                        data-testid=format!("slice-{i}")
                        on:mouseenter=move |_| active.set(Some(i))
                        on:click=move |_| active.set(Some(i))
                    />
                }
            })
            .collect_view();
        let count = parts.len();
        let parts_for_centre = parts.clone();
        let centre = move || {
            let u = ui.unit.get();
            match active.get().and_then(|i| parts_for_centre.get(i).cloned()) {
                Some((name, v)) => {
                    let pct = waimao_core::indicator::share(v, total)
                        .map(|r| format!("{}%", r.percent(1)))
                        .unwrap_or_default();
                    (name, format!("{} {}", amount_text(Some(v), u), unit_text(u, l)), pct)
                }
                None => (
                    t(l, T::Total).to_string(),
                    format!("{} {}", amount_text(Some(total), u), unit_text(u, l)),
                    String::new(),
                ),
            }
        };
        let centre = Memo::new(move |_| centre());
        view! {
            <svg
                class="chart donut"
                viewBox="0 0 200 200"
                tabindex="0"
                role="group"
                aria-roledescription="chart"
                aria-label=move || title.get()
                aria-describedby="composition-summary composition-keys"
                data-testid="donut"
                on:keydown=move |e| on_chart_key(&e, active, count)
                on:focus=move |_| active.set(Some(0))
                on:blur=move |_| active.set(None)
                on:mouseleave=move |_| active.set(None)
            >
                {paths}
                <text class="donut-name" x="100" y="88" text-anchor="middle">{move || centre.get().0}</text>
                <text class="donut-value" x="100" y="108" text-anchor="middle" data-testid="donut-value">{move || centre.get().1}</text>
                <text class="donut-name" x="100" y="126" text-anchor="middle">{move || centre.get().2}</text>
            </svg>
            <p class="sr-only" role="status" aria-live="polite">
                {move || active.get().map(|_| { let (name, value, pct) = centre.get(); format!("{name} {value} {pct}") })}
            </p>
        }
        .into_any()
    };

    let legend = move || {
        let l = ui.lang.get();
        let u = ui.unit.get();
        let dark = is_dark(ui.theme.get());
        let additive = ui.dimension.get().is_additive();
        rows.get()
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let swatch = (additive && !r.is_group && i < MAX_SLICES).then(|| series_colour(i, dark));
                let share = r.share.map(|s| format!("{}%", s.percent(1))).unwrap_or_else(|| "—".into());
                let pull = r.pull.map(|p| format!("{}", p.percent(1))).unwrap_or_else(|| "—".into());
                view! {
                    <li class="legend-row" class:group=r.is_group data-testid=format!("comp-{}", r.code)>
                        <span class="swatch" style:background=swatch.unwrap_or("transparent") aria-hidden="true"></span>
                        <span class="legend-name">{r.name(l).to_string()}</span>
                        <span class="legend-value">{amount_text(r.ytd, u)}</span>
                        <span class="legend-meta">
                            {t(l, T::Yoy)} " " {growth_view(r.yoy, l, format!("comp-{}-yoy", r.code))} " · "
                            {t(l, T::Share)} " " {share} " · " {t(l, T::Pull)} " " {pull}
                        </span>
                    </li>
                }
            })
            .collect_view()
    };

    // A breakdown not yet complete for the period is said so (as the briefing does), never drawn as an
    // empty donut of 0.00亿元, with the latest period that has it one click away.
    let incomplete = move || {
        let Some(Ok(df)) = dim_file.get() else { return None };
        if rows.get().iter().any(|r| r.ytd.is_some()) {
            return None;
        }
        let l = ui.lang.get();
        let (m, d) = (month.get(), ui.dimension.get());
        let latest = waimao_core::composition::latest_complete(&df, region.get(), m).filter(|x| *x != m);
        let text = match l {
            Lang::Zh => format!("{}分{}数据尚未齐全。", Period::Ytd(m).label(l), d.label(l)),
            Lang::En => format!(
                "The {} breakdown for {} is not complete yet.",
                d.label(l).to_lowercase(),
                Period::Ytd(m).label(l)
            ),
        };
        Some(view! {
            <p class="note" role="status" data-testid="composition-incomplete">
                {text} " "
                {latest.map(|x| view! {
                    <button type="button" class="small" data-testid="composition-latest" on:click=move |_| ui.month.set(Some(x))>
                        {match l { Lang::Zh => format!("查看{}", Period::Ytd(x).label(l)), Lang::En => format!("Show {}", Period::Ytd(x).label(l)) }}
                    </button>
                })}
            </p>
        })
    };

    view! {
        <Panel
            id="composition"
            title=title
            note=Signal::derive(move || t(ui.lang.get(), T::CompositionNote).to_string())
            table=table
            summary=summary
            embed=(waimao_core::embed::EmbedChart::Composition, file_for_embed)
        >
            {selector}
            <p class="sr-only" id="composition-keys">{move || t(ui.lang.get(), T::PartKeys)}</p>
            {incomplete}
            <Show when=move || rows.get().iter().any(|r| r.ytd.is_some())>
                <div class="composition">
                    {donut}
                    <ol class="legend" data-testid="composition-legend">{legend}</ol>
                </div>
            </Show>
        </Panel>
    }
}
