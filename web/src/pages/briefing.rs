//! The situation briefing (外贸运行情况通报) as a page to read and to print: the period chosen in the URL
//! (`?period=2021-YTD03`, `2021-Q1`, `2021-03`), every sentence and table from `core::briefing`, a bar
//! chart per part drawn as SVG (so it prints as vectors), and an A4 print layout with the bureau's title
//! block and a page break between parts.

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::DimensionFile;
use waimao_core::briefing::{period_choices as choices, write, Section};
use waimao_core::chart::Table;
use waimao_core::{Dimension, Period};

use crate::components::table_files::TableFiles;

use crate::i18n::{t, T};
use crate::ui::use_ui;

fn period_in_url() -> Option<Period> {
    let search = web_sys::window()?.location().search().ok()?;
    let code = search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("period="))?;
    Period::parse(code).ok()
}

fn set_period_in_url(p: Period) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("/briefing?period={p}")));
    }
}

/// Horizontal bars of a table's first figure column, as `core` draws them for every place that shows
/// a briefing.
fn bars(table: &Table, title: String) -> impl IntoView {
    waimao_core::chart::bars_svg(table, &title).map(|svg| view! { <div class="briefing-figure" inner_html=svg></div> })
}

fn table_view(t: &Table) -> impl IntoView {
    view! {
        <table class="data briefing-table">
            <thead><tr>{t.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
            <tbody>
                {t.rows.iter().map(|r| {
                    let mut cells = r.iter();
                    let first = cells.next().cloned().unwrap_or_default();
                    view! { <tr><th scope="row">{first}</th>{cells.map(|c| view! { <td class="num">{c.clone()}</td> }).collect_view()}</tr> }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn section_view(s: Section, period: Period) -> impl IntoView {
    let chart = s.table.as_ref().map(|t| bars(t, s.heading.clone()));
    let key = s.key;
    let files = s.table.clone().map(|t| {
        view! {
            <span class="downloads no-print">
                <TableFiles id=format!("briefing-{key}") file=format!("waimao-briefing-{period}-{key}")
                    sheet=s.heading.clone() table=t />
            </span>
        }
    });
    view! {
        <section class="briefing-part" data-testid=format!("briefing-{}", s.key)>
            <h2>{s.heading.clone()}</h2>
            {s.paragraphs.into_iter().map(|p| view! { <p class="briefing-text">{p}</p> }).collect_view()}
            {chart}
            {s.table.as_ref().map(table_view)}
            {files}
        </section>
    }
}

#[component]
pub fn BriefingPage() -> impl IntoView {
    let lang = use_ui().lang;
    let data = LocalResource::new(|| async {
        let o = crate::load::overview().await?;
        let mut dims: Vec<DimensionFile> = Vec::new();
        for d in [Dimension::TradeMode, Dimension::ProductCategory, Dimension::Partner] {
            if let Ok(f) = crate::load::dimension(d).await {
                dims.push(f);
            }
        }
        Ok::<_, String>((Arc::new(o), Arc::new(dims)))
    });
    // The key enterprises' figures are internal: a signed-in bureau or viewer gets them, anyone else
    // reads the briefing without that part.
    let firms = LocalResource::new(|| async {
        if !crate::api::session::me().await.is_some_and(|p| p.can_read_registries()) {
            return None;
        }
        crate::api::enterprises::briefing_series().await.ok()
    });
    let chosen = RwSignal::new(period_in_url());
    let body = move || {
        let l = lang.get();
        let (file, dims) = match data.get() {
            Some(Ok(d)) => d,
            Some(Err(e)) => return view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
            None => return view! { <p class="note">{l.pick("正在载入…", "Loading…")}</p> }.into_any(),
        };
        let period = chosen.get().unwrap_or(Period::Ytd(file.meta.last_month));
        let mut b = write(&file, &dims, period, l);
        if let (Some(Some(firms)), Some(city)) = (firms.get(), file.series_of(file.city.code)) {
            if b.sections.len() > 1 {
                b.sections.push(waimao_core::briefing::enterprises::section(&firms, city, b.period, l));
            }
        }
        let today = js_sys::Date::new_0();
        let printed = format!("{}-{:02}-{:02}", today.get_full_year(), today.get_month() + 1, today.get_date());
        let options = choices(&file);
        view! {
            <div class="briefing-controls no-print">
                <label><span>{l.pick("通报期间", "Period")}</span>
                    <select id="briefing-period" on:change=move |e| {
                        if let Ok(p) = Period::parse(&event_target_value(&e)) {
                            set_period_in_url(p);
                            chosen.set(Some(p));
                        }
                    }>
                        {options.into_iter().map(|(zh, en, ps)| view! {
                            <optgroup label=l.pick(zh, en)>
                                {ps.into_iter().map(|p| view! {
                                    <option value=p.to_string() selected=p == b.period>{p.label(l)}</option>
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </label>
                <a href="/data/dataset.zip" download="" data-testid="dataset-download">
                    {l.pick("下载全部数据（CSV压缩包，含数据字典）", "Download all data (zipped CSV with a data dictionary)")}
                </a>
                <button type="button" class="primary" id="print-briefing"
                    on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>
                    {l.pick("打印 / 存为PDF", "Print / save as PDF")}
                </button>
            </div>
            <article class="briefing" data-testid="briefing" data-period=b.period.to_string()>
                <header class="briefing-head">
                    <p class="briefing-bureau">{t(l, T::Bureau)}</p>
                    <h1 data-testid="briefing-title">{b.title.clone()}{b.preliminary.then(|| l.pick("（快报）", " (preliminary)"))}</h1>
                    <p class="briefing-date">{format!("{}{printed}", l.pick("印发日期：", "Issued "))}</p>
                </header>
                {b.sections.into_iter().map(|s| section_view(s, b.period)).collect_view()}
                <footer class="briefing-notes">
                    {b.notes.into_iter().map(|n| view! { <p class="note">{n}</p> }).collect_view()}
                </footer>
            </article>
        }
        .into_any()
    };
    view! { <div class="briefing-page" id="briefing-page">{body}</div> }
}
