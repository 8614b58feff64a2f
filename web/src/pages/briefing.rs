//! The situation briefing (外贸运行情况通报) as a page to read and to print: the period chosen in the URL
//! (`?period=2021-YTD03`, `2021-Q1`, `2021-03`), every sentence and table from `core::briefing`, a bar
//! chart per part drawn as SVG (so it prints as vectors), and an A4 print layout with the bureau's title
//! block and a page break between parts.

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::DimensionFile;
use waimao_core::briefing::{period_choices as choices, write, Section};
use waimao_core::first_view::article;
use waimao_core::{Dimension, Period};

use crate::components::table_files::TableFiles;

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

/// Each part's table as CSV and XLSX, in the controls (the article itself is core's HTML).
fn table_files(sections: &[Section], period: Period) -> impl IntoView {
    sections
        .iter()
        .filter_map(|s| s.table.clone().map(|t| (s.key, s.heading.clone(), t)))
        .map(|(key, heading, table)| {
            view! {
                <span class="downloads">
                    <span class="note">{heading.clone()}</span>
                    <TableFiles id=format!("briefing-{key}") file=format!("waimao-briefing-{period}-{key}")
                        sheet=heading table=table />
                </span>
            }
        })
        .collect_view()
}

#[component]
pub fn BriefingPage() -> impl IntoView {
    let ui = use_ui();
    let lang = ui.lang;
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
            Some(Err(e)) => {
                // The server's first view, if any, holds the briefing: it stays.
                crate::takeover::abandon();
                return view! { <p class="form-error" role="alert">{e}</p> }.into_any();
            }
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
            <div class="briefing-tables no-print">{table_files(&b.sections, b.period)}</div>
            // The article is core's, the HTML the server sends before this app starts.
            <div class="briefing-article" inner_html=article(&b, &waimao_core::first_view::bureau(&file.city, l), &printed, l)></div>
        }
        .into_any()
    };
    // The server's first view gives way once the app's briefing is on screen.
    // It waits for the key enterprises' part too (answered at once for the public), so that the
    // article is whole when it shows and is not written again under the reader.
    Effect::new(move |_| {
        if let Some(Ok((file, _))) = data.get() {
            ui.city.set(Some(file.city.clone()));
        }
        if matches!(data.get(), Some(Ok(_))) && firms.get().is_some() {
            request_animation_frame(crate::takeover::finish);
        }
    });
    view! { <div class="briefing-page" id="briefing-page">{body}</div> }
}
