//! The dashboard's first view as HTML: what the server puts inside `index.html` for `/` and any view
//! URL, so that a reader without JavaScript or WebAssembly gets the whole dashboard (KPIs, headline,
//! every chart as SVG with its table, the 示例数据 mark) and one with them sees it at once, before the
//! app takes the page over. The figures, sentences and drawings are the ones the app and the embed
//! widgets use (`dashboard`, `summary`, `embed`); the controls are a GET form and plain links.

use std::fmt::Write;

use crate::api::{DimensionFile, OverviewFile};
use crate::chart::{Table, Theme};
use crate::composition::composition_table;
use crate::dashboard::{
    county_ranking, headline, kpis, month_period, months_latest_first, ranking_table, target_progress, target_table,
    trend, trend_table, Kpi,
};
use crate::embed::{draw, escape, EmbedChart, EmbedSpec, Look};
use crate::flow::Measure;
use crate::flows::{flow_months, flows_table};
use crate::lang::Lang;
use crate::period::{Period, YearMonth};
use crate::region::Region;
use crate::view::{Tab, ViewState};
use crate::words::{t, T};
use crate::Currency;

/// The element the app looks for to take over, and removes once its own view is on screen.
pub const ROOT_ID: &str = "first-view";

/// A rendered first view: the page's language, theme and title, and the body's HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstView {
    pub lang: Lang,
    pub theme: Theme,
    pub title: String,
    /// The page's `<meta name="description">`.
    pub description: String,
    pub body: String,
}

/// The bureau's name as the header shows it: the city's own bureau of commerce.
pub fn bureau(city: &Region, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}商务局", city.name(lang)),
        Lang::En => format!("{} Bureau of Commerce", city.short_name(lang)),
    }
}

/// The page's title: the app and the bureau ("外贸运行监测 · 宝鸡市商务局").
pub fn page_title(city: &Region, lang: Lang) -> String {
    format!("{} · {}", t(lang, T::AppTitle), bureau(city, lang))
}

/// What the dashboard is, for search engines and link previews.
pub fn description(city: &Region, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}外贸运行监测：进出口总值、出口、进口的当月与累计数据及同比增速。", city.name(lang)),
        Lang::En => format!(
            "{} foreign-trade monitor: exports, imports and total trade by month and year to date, with year-on-year growth.",
            city.short_name(lang)
        ),
    }
}

/// The first view of `view` over the published overview (and the file of the view's dimension, for the
/// composition). A month outside the published range shows the latest, as the app does.
pub fn render_view(file: &OverviewFile, breakdown: Option<&DimensionFile>, view: &ViewState) -> FirstView {
    let l = view.lang;
    let (first, last) = (file.meta.first_month, file.meta.last_month);
    let month = view.month.filter(|m| (first..=last).contains(m)).unwrap_or(last);
    let region = view.county.and_then(|c| file.counties.iter().find(|r| r.code == c)).unwrap_or(&file.city);
    let mut h = Html::default();
    h.open(&format!("div id=\"{ROOT_ID}\""));
    let other = ViewState { lang: if l == Lang::Zh { Lang::En } else { Lang::Zh }, ..view.clone() };
    header(&mut h, file, l, &format!("/{}", other.to_query()));
    h.open("main id=\"main\"");
    if file.meta.illustrative {
        h.el("p class=\"banner\" role=\"note\" data-testid=\"fv-illustrative\"", t(l, T::Illustrative));
    }
    controls(&mut h, file, view, month);
    if view.county.is_some() && region.code != file.city.code {
        let back = ViewState { county: None, ..view.clone() };
        let _ = write!(
            h.0,
            "<p class=\"filter\" data-testid=\"fv-filter\">{}<strong>{}</strong> <a href=\"/{}\">{}</a></p>",
            escape(t(l, T::FilteredTo)),
            escape(region.name(l)),
            escape(&back.to_query()),
            escape(t(l, T::ShowCity)),
        );
    }
    let cards = kpis(file, region.code, month);
    let sentence = cards.first().map(|k| headline(region, k, month, view.unit, l)).unwrap_or_default();
    h.el("p class=\"headline\" data-testid=\"fv-headline\"", &sentence);
    if let Some(p) = file.meta.pending {
        h.el("p class=\"note\" role=\"note\"", &p.sentence(l));
    }
    let _ = write!(h.0, "<section class=\"kpis\" aria-label=\"{}\">", escape(t(l, T::Ytd)));
    for k in &cards {
        kpi_card(&mut h, k, view);
    }
    h.close("section");
    h.open("div class=\"panels\"");
    panels(&mut h, file, breakdown, view, region, month);
    h.close("div");
    let source = match l {
        Lang::Zh => &file.meta.source_zh,
        Lang::En => &file.meta.source_en,
    };
    h.el("footer class=\"source\"", &format!("{}{source}", t(l, T::Source)));
    h.close("main");
    h.close("div");
    FirstView {
        lang: l,
        theme: view.theme,
        title: page_title(&file.city, l),
        description: description(&file.city, l),
        body: h.0,
    }
}

/// The header: the bureau, the title, sign-in and the language link to `other_href` (the app's
/// switches, as links).
fn header(h: &mut Html, file: &OverviewFile, l: Lang, other_href: &str) {
    let other = if l == Lang::Zh { Lang::En } else { Lang::Zh };
    let _ = write!(
        h.0,
        "<header class=\"top\"><div class=\"brand\"><span class=\"bureau\">{}</span>\
         <h1><a class=\"home\" href=\"/\">{}</a></h1></div><div class=\"switches\">\
         <a class=\"button-link\" href=\"/login\">{}</a>\
         <a class=\"button-link toggle\" href=\"{}\" hreflang=\"{}\" lang=\"{}\" data-testid=\"fv-lang\">{}</a>\
         </div></header>",
        escape(&bureau(&file.city, l)),
        escape(t(l, T::AppTitle)),
        l.pick("登录", "Sign in"),
        escape(other_href),
        other.html_tag(),
        other.html_tag(),
        if l == Lang::Zh { "English" } else { "中文" },
    );
}

/// The month and county choices as a GET form to `/`, keeping the rest of the view in hidden fields.
fn controls(h: &mut Html, file: &OverviewFile, view: &ViewState, month: YearMonth) {
    let l = view.lang;
    h.open("form class=\"toolbar first-view-form\" method=\"get\" action=\"/\" data-testid=\"fv-form\"");
    let _ = write!(h.0, "<label>{}<select name=\"month\" data-testid=\"fv-month\">", l.pick("月份 ", "Month "));
    for m in months_latest_first(file) {
        let selected = if m == month { " selected=\"\"" } else { "" };
        let _ = write!(h.0, "<option value=\"{m}\"{selected}>{}</option>", escape(&month_period(file, m).label(l)));
    }
    h.0.push_str("</select></label>");
    let _ = write!(h.0, "<label>{}<select name=\"county\" data-testid=\"fv-county\">", l.pick("地区 ", "Area "));
    let _ = write!(h.0, "<option value=\"\">{}</option>", escape(file.city.name(l)));
    for c in &file.counties {
        let selected = if view.county == Some(c.code) { " selected=\"\"" } else { "" };
        let _ = write!(h.0, "<option value=\"{}\"{selected}>{}</option>", c.code, escape(c.name(l)));
    }
    h.0.push_str("</select></label>");
    // The rest of the view, as the app writes it into the URL: only what differs from the defaults.
    let rest = ViewState { month: None, county: None, ..view.clone() }.to_query();
    for pair in rest.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let _ = write!(h.0, "<input type=\"hidden\" name=\"{}\" value=\"{}\"/>", escape(k), escape(v));
    }
    let _ = write!(h.0, "<button type=\"submit\" data-testid=\"fv-show\">{}</button>", l.pick("显示", "Show"));
    let mut updated = format!("{} {}", t(l, T::UpdatedAt), file.meta.generated_at.get(..10).unwrap_or_default());
    let period = month_period(file, month);
    if file.meta.is_preliminary(period) {
        updated.push_str(&format!(" · {} {}", period.label(l), t(l, T::Preliminary)));
    }
    h.el("p class=\"freshness\"", &updated);
    h.close("form");
}

/// A KPI card with the app's structure and classes, so the page looks the same before and after.
fn kpi_card(h: &mut Html, k: &Kpi, view: &ViewState) {
    let l = view.lang;
    let code = k.measure.code();
    let unit = view.unit.label(Currency::Cny, l);
    let _ = write!(
        h.0,
        "<article class=\"kpi\" data-testid=\"fv-kpi-{code}\"><div class=\"kpi-head\"><h2>{}</h2></div>",
        escape(k.measure.label(l))
    );
    for (label, value, growth, suffix) in
        [(T::MonthValue, k.month, k.month_yoy, "month"), (T::Ytd, k.ytd, k.ytd_yoy, "ytd")]
    {
        let (class, arrow) = growth.mark(1);
        let _ = write!(
            h.0,
            "<div class=\"kpi-row\"><span class=\"kpi-label\">{}</span>\
             <span class=\"kpi-value\" data-testid=\"fv-kpi-{code}-{suffix}\">{}</span>\
             <span class=\"kpi-unit\">{}</span><span class=\"kpi-yoy\"><span class=\"kpi-yoy-label\">{}</span>\
             <span class=\"growth {class}\"><span aria-hidden=\"true\">{arrow}</span>\
             <span data-testid=\"fv-kpi-{code}-{suffix}-yoy\">{}</span></span></span></div>",
            escape(t(l, label)),
            crate::dashboard::amount_cell(value, view.unit),
            escape(&unit),
            escape(t(l, T::Yoy)),
            escape(&growth.short(1, l)),
        );
    }
    h.close("article");
}

/// One panel per chart, in the app's order: the chart drawn as its widget draws it, and its table.
fn panels(
    h: &mut Html,
    file: &OverviewFile,
    breakdown: Option<&DimensionFile>,
    view: &ViewState,
    region: &Region,
    month: YearMonth,
) {
    let l = view.lang;
    let (u, ytd) = (view.unit, Period::Ytd(month).label(l));
    let ranking = county_ranking(file, Measure::Total, month);
    let breakdown = breakdown.filter(|b| b.dimension == view.dimension);
    let composition = breakdown.map(|b| {
        let total = file.series_of(region.code).map(|rs| crate::dashboard::measure_series(rs, Measure::Total));
        let rows = total
            .map(|t| crate::composition::composition(b, region.code, Measure::Total, month, &t))
            .unwrap_or_default();
        composition_table(&rows, view.dimension.label(l), u, l)
    });
    let list: [(EmbedChart, String, &str, Option<Table>); 6] = [
        (
            EmbedChart::Trend,
            format!("{} · {}", t(l, T::Trend), region.name(l)),
            t(l, T::TrendNote),
            Some(trend_table(
                &trend(file, region.code, Measure::Total, month, usize::from(view.trend_months)),
                Measure::Total,
                u,
                l,
            )),
        ),
        (
            EmbedChart::Flows,
            format!("{} · {}", t(l, T::Flows), region.name(l)),
            t(l, T::FlowsNote),
            Some(flows_table(&flow_months(file, region.code, month, usize::from(view.trend_months)), u, l)),
        ),
        (
            EmbedChart::Ranking,
            format!("{} · {ytd}", t(l, T::Ranking)),
            t(l, T::RankingNote),
            Some(ranking_table(&ranking, u, l)),
        ),
        (EmbedChart::Map, format!("{} · {ytd}", t(l, T::Map)), t(l, T::MapNote), Some(ranking_table(&ranking, u, l))),
        (
            EmbedChart::Targets,
            format!("{} · {ytd}", t(l, T::Targets)),
            t(l, T::TargetsNote),
            Some(target_table(&target_progress(file, month), u, l)),
        ),
        (
            EmbedChart::Composition,
            format!("{} · {} · {ytd}", t(l, T::Composition), view.dimension.label(l)),
            t(l, T::CompositionNote),
            composition,
        ),
    ];
    for (chart, title, note, table) in list {
        let spec = EmbedSpec {
            chart,
            county: view.county.filter(|_| region.code != file.city.code),
            month: Some(month),
            lang: l,
            theme: view.theme,
            height: crate::embed::dashboard_height(chart, file),
            dimension: view.dimension,
        };
        // Drawn as the dashboard draws it for this view (unit, span), so the app takes it over unchanged.
        // (The lines and areas of the flows chart are the app's alone: the first view shows its columns.)
        let stacking = view.flows.stacking().unwrap_or(Look::WIDGET.stacking);
        let look = Look { unit: view.unit, months: usize::from(view.trend_months), stacking, ..Look::WIDGET };
        let Ok(widget) = draw(&spec, &look, file, breakdown) else { continue };
        let id = chart.code();
        let _ = write!(
            h.0,
            "<section class=\"panel\" aria-labelledby=\"fv-{id}-title\" data-testid=\"fv-panel-{id}\">\
             <div class=\"panel-head\"><h2 id=\"fv-{id}-title\">{}</h2></div><p class=\"note\">{}</p>",
            escape(&title),
            escape(note),
        );
        if view.tab == Tab::Chart {
            // On a phone the drawing keeps a width at which its text is 11 px or more and scrolls
            // sideways (see the style sheet), so it takes the keyboard too.
            let _ = write!(h.0, "<div class=\"fv-chart\" tabindex=\"0\">{}</div>", widget.svg);
        }
        if let Some(table) = table {
            let open = if view.tab == Tab::Table { " open=\"\"" } else { "" };
            let _ = write!(h.0, "<details class=\"fv-table\"{open}><summary>{}</summary>", l.pick("数据表", "Table"));
            table_html(h, &table, &title, &format!("fv-{id}-table"));
            h.0.push_str("</details>");
        }
        h.close("section");
    }
}

fn table_html(h: &mut Html, table: &Table, title: &str, testid: &str) {
    // A region that may scroll sideways on a phone: focusable, so a keyboard can scroll it too.
    let _ = write!(
        h.0,
        "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"data\" data-testid=\"{testid}\">\
         <caption class=\"sr-only\">{}</caption><thead><tr>",
        escape(title)
    );
    for c in &table.headers {
        h.el("th scope=\"col\"", c);
    }
    h.0.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        h.0.push_str("<tr>");
        for c in row {
            h.el("td", c);
        }
        h.0.push_str("</tr>");
    }
    h.0.push_str("</tbody></table></div>");
}

/// Just enough of an HTML writer: every text goes through [`escape`].
#[derive(Default)]
struct Html(String);

impl Html {
    /// `<tag attrs>`: `open` is the tag name and its attributes, written by this module only.
    fn open(&mut self, open: &str) {
        let _ = write!(self.0, "<{open}>");
    }

    fn close(&mut self, tag: &str) {
        let _ = write!(self.0, "</{tag}>");
    }

    /// An element holding escaped text.
    fn el(&mut self, open: &str, text: &str) {
        let tag = open.split(' ').next().unwrap_or(open);
        let _ = write!(self.0, "<{open}>{}</{tag}>", escape(text));
    }
}

mod briefing;
pub use briefing::{article, render_briefing};

#[cfg(test)]
mod tests;
