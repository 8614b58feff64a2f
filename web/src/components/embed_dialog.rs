//! "嵌入 / Embed": the dialog that writes the snippet for a chart widget on another site. The reader
//! chooses the chart, county, month (or always the latest), language, theme and height, sees the widget
//! live, and copies the snippet (`waimao_core::embed::EmbedSpec::snippet`).

use std::sync::Arc;

use leptos::prelude::*;
use waimao_core::api::OverviewFile;
use waimao_core::chart::Theme;
use waimao_core::dashboard::months_latest_first;
use waimao_core::embed::{EmbedChart, EmbedSpec, DEFAULT_HEIGHT, HEIGHTS};
use waimao_core::{Dimension, Lang, RegionCode, YearMonth};

use crate::ui::use_ui;

fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`, reached by name: web-sys keeps the
/// Clipboard API behind an unstable flag).
fn copy(text: &str) -> bool {
    let Some(w) = web_sys::window() else { return false };
    let clipboard = js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok();
    let write = clipboard.as_ref().and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok());
    match (clipboard, write.and_then(|f| f.dyn_into::<js_sys::Function>().ok())) {
        (Some(c), Some(f)) => f.call1(&c, &text.into()).is_ok(),
        _ => false,
    }
}

use wasm_bindgen::JsCast;

/// The button that opens the dialog for `chart`, and the dialog.
#[component]
pub fn EmbedButton(chart: EmbedChart, file: Arc<OverviewFile>) -> impl IntoView {
    let ui = use_ui();
    let open = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let spec = RwSignal::new(EmbedSpec::new(chart));
    let start = move |_| {
        spec.set(EmbedSpec {
            county: ui.county.get_untracked(),
            lang: ui.lang.get_untracked(),
            theme: ui.theme.get_untracked(),
            dimension: ui.dimension.get_untracked(),
            ..EmbedSpec::new(chart)
        });
        copied.set(false);
        open.set(true);
    };
    let file_names = Arc::clone(&file);
    let title = move |s: &EmbedSpec| {
        let l = s.lang;
        let region = s
            .county
            .and_then(|c| file_names.counties.iter().find(|r| r.code == c))
            .unwrap_or(&file_names.city)
            .name(l)
            .to_string();
        format!("{region} · {}", s.chart.label(l))
    };
    let title = StoredValue::new(title);
    let snippet = move || spec.with(|s| s.snippet(&origin(), &title.with_value(|t| t(s))));
    let counties: Vec<(RegionCode, String, String)> =
        file.counties.iter().map(|c| (c.code, c.name(Lang::Zh).to_string(), c.name(Lang::En).to_string())).collect();
    let months: Vec<YearMonth> = months_latest_first(&file);
    let (counties, months) = (StoredValue::new(counties), StoredValue::new(months));
    let close = move || open.set(false);
    let set = move |f: Box<dyn Fn(&mut EmbedSpec)>| spec.update(|s| f(s));
    view! {
        <button type="button" class="small" data-testid=format!("embed-{}", chart.code()) on:click=start>
            {move || ui.lang.get().pick("嵌入", "Embed")}
        </button>
        <Show when=move || open.get()>
            <div class="dialog-backdrop" on:click=move |_| close()></div>
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="embed-title"
                data-testid="embed-dialog"
                on:keydown=move |e| if e.key() == "Escape" { close() }
            >
                <h2 id="embed-title">{move || ui.lang.get().pick("嵌入到其他网页", "Embed in another page")}</h2>
                <div class="inline-form">
                    <label><span>{move || ui.lang.get().pick("图表", "Chart")}</span>
                        <select data-testid="embed-chart" on:change=move |e| {
                            if let Some(c) = EmbedChart::parse(&event_target_value(&e)) { set(Box::new(move |s| s.chart = c)) }
                        }>
                            {EmbedChart::ALL.into_iter().map(|c| view! {
                                <option value=c.code() selected=move || spec.with(|s| s.chart == c)>{move || c.label(ui.lang.get())}</option>
                            }).collect_view()}
                        </select></label>
                    <Show when=move || spec.with(|s| s.chart == EmbedChart::Composition)>
                        <label><span>{move || ui.lang.get().pick("构成", "Breakdown")}</span>
                            <select data-testid="embed-dimension" on:change=move |e| {
                                if let Some(d) = Dimension::parse(&event_target_value(&e)) { set(Box::new(move |s| s.dimension = d)) }
                            }>
                                {Dimension::ALL.into_iter().map(|d| view! {
                                    <option value=d.code() selected=move || spec.with(|s| s.dimension == d)>{move || d.label(ui.lang.get())}</option>
                                }).collect_view()}
                            </select></label>
                    </Show>
                    <label><span>{move || ui.lang.get().pick("地区", "Area")}</span>
                        <select data-testid="embed-county" on:change=move |e| {
                            let c = RegionCode::parse(&event_target_value(&e)).ok();
                            set(Box::new(move |s| s.county = c));
                        }>
                            <option value="" selected=move || spec.with(|s| s.county.is_none())>{move || ui.lang.get().pick("全市", "Whole city")}</option>
                            {counties.get_value().into_iter().map(|(code, zh, en)| view! {
                                <option value=code.to_string() selected=move || spec.with(|s| s.county == Some(code))>
                                    {move || ui.lang.get().pick(&zh, &en).to_string()}
                                </option>
                            }).collect_view()}
                        </select></label>
                    <label><span>{move || ui.lang.get().pick("月份", "Month")}</span>
                        <select data-testid="embed-month" on:change=move |e| {
                            let m = YearMonth::parse(&event_target_value(&e)).ok();
                            set(Box::new(move |s| s.month = m));
                        }>
                            <option value="latest">{move || ui.lang.get().pick("始终显示最新", "Always the latest")}</option>
                            {months.get_value().into_iter().map(|m| view! {
                                <option value=m.to_string()>{move || m.label(ui.lang.get())}</option>
                            }).collect_view()}
                        </select></label>
                    <label><span>{move || ui.lang.get().pick("语言", "Language")}</span>
                        <select data-testid="embed-lang" on:change=move |e| {
                            let l = if event_target_value(&e) == "en" { Lang::En } else { Lang::Zh };
                            set(Box::new(move |s| s.lang = l));
                        }>
                            <option value="zh" selected=move || spec.with(|s| s.lang == Lang::Zh)>"中文"</option>
                            <option value="en" selected=move || spec.with(|s| s.lang == Lang::En)>"English"</option>
                        </select></label>
                    <label><span>{move || ui.lang.get().pick("主题", "Theme")}</span>
                        <select data-testid="embed-theme" on:change=move |e| {
                            let t = Theme::parse(&event_target_value(&e)).unwrap_or_default();
                            set(Box::new(move |s| s.theme = t));
                        }>
                            {[(Theme::Auto, "跟随系统", "Auto"), (Theme::Light, "浅色", "Light"), (Theme::Dark, "深色", "Dark")].into_iter().map(|(t, zh, en)| view! {
                                <option value=t.code() selected=move || spec.with(|s| s.theme == t)>{move || ui.lang.get().pick(zh, en)}</option>
                            }).collect_view()}
                        </select></label>
                    <label><span>{move || ui.lang.get().pick("高度（像素）", "Height (px)")}</span>
                        <select data-testid="embed-height" on:change=move |e| {
                            let h = event_target_value(&e).parse().ok().filter(|h| HEIGHTS.contains(h)).unwrap_or(DEFAULT_HEIGHT);
                            set(Box::new(move |s| s.height = h));
                        }>
                            {[240u32, 300, 360, 420, 480, 560, 640].into_iter().map(|h| view! {
                                <option value=h.to_string() selected=move || spec.with(|s| s.height == h)>{h.to_string()}</option>
                            }).collect_view()}
                        </select></label>
                </div>
                <iframe
                    class="embed-preview"
                    data-testid="embed-preview"
                    title=move || spec.with(|s| title.with_value(|t| t(s)))
                    src=move || spec.with(|s| s.path())
                    style=move || spec.with(|s| format!("width:100%;height:{}px;border:1px solid var(--line);box-sizing:content-box", s.frame_height()))
                ></iframe>
                <label><span>{move || ui.lang.get().pick("嵌入代码", "Snippet")}</span>
                    <textarea readonly rows="4" data-testid="embed-snippet" prop:value=snippet></textarea></label>
                <p class="note">
                    {move || ui.lang.get().pick(
                        "第二行脚本可选：有它时框架随内容自动调整高度。不能运行脚本的地方可用静态图片：",
                        "The script line is optional: with it the frame follows its content's height. Where no script may run, use the static image: ",
                    )}
                    <a data-testid="embed-svg-link" href=move || spec.with(|s| s.svg_path()) target="_blank" rel="noopener">"SVG"</a>
                </p>
                <div class="dialog-actions">
                    <button type="button" class="primary" data-testid="embed-copy" on:click=move |_| copied.set(copy(&snippet()))>
                        {move || if copied.get() { ui.lang.get().pick("已复制", "Copied") } else { ui.lang.get().pick("复制代码", "Copy snippet") }}
                    </button>
                    <button type="button" data-testid="embed-close" on:click=move |_| close()>{move || ui.lang.get().pick("关闭", "Close")}</button>
                </div>
            </div>
        </Show>
    }
}
