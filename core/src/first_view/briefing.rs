//! The briefing as HTML: the article the app shows (`article`, which the app writes into its page as
//! it is) and the briefing page's first view (`render_briefing`), which the server sends for
//! `/briefing?period=…&lang=…` so that the briefing reads, prints and paints without the signed-in
//! bundle; the app takes it over like the dashboard's.

use std::fmt::Write;

use super::{bureau, header, Html, ROOT_ID};
use crate::api::{DimensionFile, OverviewFile};
use crate::briefing::{period_choices, write, Briefing, Section};
use crate::chart::{bars_svg, Table};
use crate::embed::escape;
use crate::lang::Lang;
use crate::period::Period;
use crate::view::ViewState;
use crate::words::{t, T};

use super::FirstView;

/// The briefing as an article: the title block, each part with its sentences, bars and table, and
/// the notes. `printed` is the issue date the title block shows (the caller's today).
pub fn article(b: &Briefing, bureau: &str, printed: &str, l: Lang) -> String {
    let mut h = Html::default();
    let _ = write!(h.0, "<article class=\"briefing\" data-testid=\"briefing\" data-period=\"{}\">", b.period);
    h.open("header class=\"briefing-head\"");
    h.el("p class=\"briefing-bureau\"", bureau);
    let mut title = b.title.clone();
    if b.preliminary {
        title.push_str(l.pick("（快报）", " (preliminary)"));
    }
    h.el("h1 data-testid=\"briefing-title\"", &title);
    h.el("p class=\"briefing-date\"", &format!("{}{printed}", l.pick("印发日期：", "Issued ")));
    h.close("header");
    for s in &b.sections {
        section(&mut h, s);
    }
    h.open("footer class=\"briefing-notes\"");
    for n in &b.notes {
        h.el("p class=\"note\"", n);
    }
    h.close("footer");
    h.close("article");
    h.0
}

fn section(h: &mut Html, s: &Section) {
    h.open(&format!("section class=\"briefing-part\" data-testid=\"briefing-{}\"", s.key));
    h.el("h2", &s.heading);
    for p in &s.paragraphs {
        h.el("p class=\"briefing-text\"", p);
    }
    if let Some(table) = &s.table {
        if let Some(svg) = bars_svg(table, &s.heading) {
            let _ = write!(h.0, "<div class=\"briefing-figure\">{svg}</div>");
        }
        table_html(h, table);
    }
    h.close("section");
}

/// A briefing table: the first cell of a row heads it, the figures are right-aligned.
fn table_html(h: &mut Html, table: &Table) {
    h.open("table class=\"data briefing-table\"");
    h.0.push_str("<thead><tr>");
    for c in &table.headers {
        h.el("th scope=\"col\"", c);
    }
    h.0.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        h.0.push_str("<tr>");
        let mut cells = row.iter();
        if let Some(first) = cells.next() {
            h.el("th scope=\"row\"", first);
        }
        for c in cells {
            h.el("td class=\"num\"", c);
        }
        h.0.push_str("</tr>");
    }
    h.0.push_str("</tbody>");
    h.close("table");
}

/// The period the query names (`period=2021-Q1`), else the year to date of the latest month.
fn period_of(query: &str, file: &OverviewFile) -> Period {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("period="))
        .and_then(|p| Period::parse(p).ok())
        .unwrap_or(Period::Ytd(file.meta.last_month))
}

/// The briefing page for `query` (its period, language and theme) as the server sends it: the header,
/// the period as a GET form, and the article. The key enterprises' part is internal and left to the
/// app, which adds it for a signed-in reader.
pub fn render_briefing(file: &OverviewFile, dimensions: &[DimensionFile], query: &str, today: &str) -> FirstView {
    let view = ViewState::from_query(query, ViewState::default());
    let l = view.lang;
    let b = write(file, dimensions, period_of(query, file), l);
    let lang_query = |lang: Lang| if lang == Lang::En { "&lang=en" } else { "" };
    let other = if l == Lang::Zh { Lang::En } else { Lang::Zh };
    let mut h = Html::default();
    h.open(&format!("div id=\"{ROOT_ID}\""));
    header(&mut h, file, l, &format!("/briefing?period={}{}", b.period, lang_query(other)));
    h.open("main id=\"main\"");
    h.open("div class=\"briefing-page\"");
    h.open("form class=\"briefing-controls no-print\" method=\"get\" action=\"/briefing\" data-testid=\"fv-briefing-form\"");
    let _ = write!(h.0, "<label><span>{}</span><select name=\"period\">", l.pick("通报期间", "Period"));
    for (zh, en, periods) in period_choices(file) {
        let _ = write!(h.0, "<optgroup label=\"{}\">", escape(l.pick(zh, en)));
        for p in periods {
            let selected = if p == b.period { " selected=\"\"" } else { "" };
            let _ = write!(h.0, "<option value=\"{p}\"{selected}>{}</option>", escape(&p.label(l)));
        }
        h.0.push_str("</optgroup>");
    }
    h.0.push_str("</select></label>");
    if l == Lang::En {
        h.0.push_str("<input type=\"hidden\" name=\"lang\" value=\"en\"/>");
    }
    let _ = write!(h.0, "<button type=\"submit\">{}</button>", l.pick("查看", "Show"));
    let _ = write!(
        h.0,
        "<a href=\"/data/dataset.zip\" download=\"\">{}</a>",
        escape(
            l.pick("下载全部数据（CSV压缩包，含数据字典）", "Download all data (zipped CSV with a data dictionary)")
        )
    );
    h.close("form");
    h.0.push_str(&article(&b, &bureau(&file.city, l), today, l));
    h.close("div");
    h.close("main");
    h.close("div");
    let title = if b.title.is_empty() { t(l, T::AppTitle).to_string() } else { b.title.clone() };
    let description = b.sections.first().and_then(|s| s.paragraphs.first()).cloned().unwrap_or_default();
    FirstView {
        lang: l,
        theme: view.theme,
        title: format!("{title} · {}", bureau(&file.city, l)),
        description,
        body: h.0,
    }
}
