//! The widget page around an embedded chart: title, summary sentence, the chart, a tooltip line, and the
//! source, date and a link to the full dashboard. Its styles are inline (one request fewer); its one
//! script is `/embed/widget.js`.

use waimao_core::chart::Theme;
use waimao_core::embed::{escape, EmbedSpec, Widget};
use waimao_core::Lang;

const LIGHT: &str = "--ink:#1d2430;--muted:#5b6574;--bg:#ffffff;--line:#dfe3ea";
const DARK: &str = "--ink:#e6e9ee;--muted:#a3acb9;--bg:#1d232c;--line:#323a46";

fn css(theme: Theme) -> String {
    let vars = match theme {
        Theme::Light => format!(":root{{{LIGHT}}}"),
        Theme::Dark => format!(":root{{{DARK}}}"),
        Theme::Auto => format!(":root{{{LIGHT}}}@media (prefers-color-scheme: dark){{:root{{{DARK}}}}}"),
    };
    format!(
        "{vars}html,body{{margin:0;background:var(--bg);color:var(--ink)}}\
         body{{font:14px/1.5 \"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif}}\
         .w{{position:relative;margin:0;padding:10px 12px}}h1{{font-size:15px;margin:0}}\
         .sum{{margin:2px 0 6px;color:var(--muted);font-size:13px}}svg{{display:block;max-width:{width}px}}\
         svg:focus-visible{{outline:2px solid #0072B2;outline-offset:2px}}\
         .tip{{position:absolute;pointer-events:none;background:var(--bg);color:var(--ink);border:1px solid var(--line);\
         border-radius:4px;padding:2px 6px;font-size:12px;white-space:nowrap;box-shadow:0 1px 3px rgba(0,0,0,.2)}}\
         footer{{color:var(--muted);font-size:12px;margin-top:4px}}a{{color:inherit}}",
        // Never wider than drawn, so on a wide page the chart keeps the height its snippet gives the
        // frame (a frame no script resizes would otherwise cut its bottom off).
        width = waimao_core::embed::WIDTH,
    )
}

/// The whole widget page.
pub fn page(spec: &EmbedSpec, w: &Widget) -> String {
    let l = spec.lang;
    let more = l.pick("查看完整数据", "Full dashboard");
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{title}</title>\
         <meta name=\"description\" content=\"{summary}\"><link rel=\"icon\" href=\"/icons/icon-192.png\">\
         <style>{css}</style><script src=\"/embed/widget.js\" defer></script></head><body>\
         <main><figure class=\"w\" data-testid=\"widget\"><h1>{title}</h1><p class=\"sum\">{summary}</p>{svg}\
         <div class=\"tip\" role=\"status\" aria-live=\"polite\" hidden></div>\
         <footer><span>{source}</span> · <span>{date}</span> · \
         <a href=\"{dashboard}\" target=\"_blank\" rel=\"noopener\">{more}</a></footer></figure></main></body></html>",
        lang = if l == Lang::En { "en" } else { "zh-CN" },
        title = escape(&w.title),
        css = css(spec.theme),
        summary = escape(&w.summary),
        svg = w.svg,
        source = escape(&w.source),
        date = escape(&w.date),
        dashboard = escape(&w.dashboard_path),
        more = more,
    )
}
