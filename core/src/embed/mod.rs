//! Embeddable widgets: what a widget on another site shows (an [`EmbedSpec`], read from and written to its
//! URL) and the widget itself, drawn from the published overview as standalone SVG text with its title,
//! summary sentence, source line and date. The server sends the SVG inside a small page (or alone, as
//! the fallback image); the numbers come from the same `dashboard`, `flows` and `summary` functions the
//! dashboard uses, and the layout from the same scales and ticks.

mod charts;
mod counties;
mod svg;

pub use charts::WIDTH;
pub use counties::rows_height;
pub use svg::{escape, Tip};

use crate::amount::Unit;
use crate::api::DimensionFile;
use crate::api::OverviewFile;
use crate::chart::{coord, Stacking, Theme};
use crate::dimension::Dimension;
use crate::lang::Lang;
use crate::period::YearMonth;
use crate::region::RegionCode;

/// The charts a site can embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedChart {
    /// 进出口总值 by month (columns) with 同比 (line).
    Trend,
    /// Exports and imports by month, grouped columns.
    Flows,
    /// Counties by year-to-date total, bars.
    Ranking,
    /// The city's and each county's completion of its annual target against 序时进度.
    Targets,
    /// The counties on the tile-grid map, shaded by year-to-date total.
    Map,
    /// The year-to-date composition by a dimension (trade mode, products, partners…), as a donut.
    Composition,
}

impl EmbedChart {
    pub const ALL: [EmbedChart; 6] = [
        EmbedChart::Trend,
        EmbedChart::Flows,
        EmbedChart::Ranking,
        EmbedChart::Targets,
        EmbedChart::Map,
        EmbedChart::Composition,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EmbedChart::Trend => "trend",
            EmbedChart::Flows => "flows",
            EmbedChart::Ranking => "ranking",
            EmbedChart::Targets => "targets",
            EmbedChart::Map => "map",
            EmbedChart::Composition => "composition",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            EmbedChart::Trend => lang.pick("月度进出口走势", "Monthly trade"),
            EmbedChart::Flows => lang.pick("出口与进口", "Exports and imports"),
            EmbedChart::Ranking => lang.pick("各县区进出口累计", "Counties, year to date"),
            EmbedChart::Targets => lang.pick("年度目标完成情况", "Annual targets"),
            EmbedChart::Map => lang.pick("各县区分布", "Counties on the map"),
            EmbedChart::Composition => lang.pick("进出口构成", "Composition"),
        }
    }
}

/// The height the dashboard (and its first view) draws `chart` at: the county charts give every
/// region a row of its own, the others take [`DASHBOARD_HEIGHT`].
pub fn dashboard_height(chart: EmbedChart, file: &OverviewFile) -> u32 {
    match chart {
        EmbedChart::Ranking => rows_height(file.counties.len()),
        EmbedChart::Targets => rows_height(file.counties.len() + 1),
        _ => DASHBOARD_HEIGHT,
    }
}

/// Heights a widget may ask for, in CSS pixels.
pub const HEIGHTS: std::ops::RangeInclusive<u32> = 200..=900;
pub const DEFAULT_HEIGHT: u32 = 360;
/// The height the dashboard and its first view draw each chart at (as a widget's height, the chart's
/// own space and its title's).
pub const DASHBOARD_HEIGHT: u32 = 400;

/// One widget: which chart, for which county (or the city), which month (or the latest), in which
/// language and theme, at which height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbedSpec {
    pub chart: EmbedChart,
    pub county: Option<RegionCode>,
    /// `None`: always the latest published month.
    pub month: Option<YearMonth>,
    pub lang: Lang,
    pub theme: Theme,
    pub height: u32,
    /// The breakdown of a composition widget (ignored by the others).
    pub dimension: Dimension,
}

impl EmbedSpec {
    pub fn new(chart: EmbedChart) -> Self {
        Self {
            chart,
            county: None,
            month: None,
            lang: Lang::Zh,
            theme: Theme::Auto,
            height: DEFAULT_HEIGHT,
            dimension: Dimension::TradeMode,
        }
    }

    /// Reads `county=…&month=…|latest&lang=…&theme=…&height=…`; anything unreadable keeps its default.
    pub fn from_query(chart: EmbedChart, query: &str) -> Self {
        let mut s = Self::new(chart);
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "county" => s.county = RegionCode::parse(v).ok(),
                "month" => s.month = YearMonth::parse(v).ok(),
                "lang" => s.lang = if v == "en" { Lang::En } else { Lang::Zh },
                "theme" => s.theme = Theme::parse(v).unwrap_or_default(),
                "dim" => s.dimension = Dimension::parse(v).unwrap_or(Dimension::TradeMode),
                "height" => {
                    s.height = v.parse().ok().filter(|h| HEIGHTS.contains(h)).unwrap_or(DEFAULT_HEIGHT);
                }
                _ => {}
            }
        }
        s
    }

    pub fn to_query(&self) -> String {
        let mut q = Vec::new();
        if let Some(c) = self.county {
            q.push(format!("county={c}"));
        }
        q.push(format!("month={}", self.month.map_or_else(|| "latest".to_string(), |m| m.to_string())));
        q.push(format!("lang={}", if self.lang == Lang::En { "en" } else { "zh" }));
        q.push(format!("theme={}", self.theme.code()));
        q.push(format!("height={}", self.height));
        if self.chart == EmbedChart::Composition {
            q.push(format!("dim={}", self.dimension.code()));
        }
        q.join("&")
    }

    /// The widget page's path and query: `/embed/trend?…`.
    pub fn path(&self) -> String {
        format!("/embed/{}?{}", self.chart.code(), self.to_query())
    }

    /// The height of the widget's page, and so of its frame: the chosen height, or more when that
    /// leaves the chart less than its least height (a frame of 240 px holds a 280 px widget).
    pub fn frame_height(&self) -> u32 {
        self.height.max(charts::CHROME + charts::MIN_CHART)
    }

    /// The snippet a site pastes: the frame (which works alone, at the chosen height) and the optional
    /// one-line script that makes it follow its content's height. `site` is waimao's origin.
    pub fn snippet(&self, site: &str, title: &str) -> String {
        let site = site.trim_end_matches('/');
        format!(
            "<iframe src=\"{site}{}\" data-waimao title=\"{}\" style=\"width:100%;height:{}px;border:0\" \
             loading=\"lazy\"></iframe>\n<script src=\"{site}/embed/host.js\" async></script>",
            svg::escape(&self.path()),
            svg::escape(title),
            self.frame_height()
        )
    }

    /// The static image's path and query: `/embed/trend.svg?…`.
    pub fn svg_path(&self) -> String {
        format!("/embed/{}.svg?{}", self.chart.code(), self.to_query())
    }
}

/// How a chart is drawn beyond what a widget's URL says. A widget is drawn with [`Look::WIDGET`]; the
/// dashboard draws the same charts with the reader's unit, span and series, and names them so that
/// its pointer and keyboard handling finds their targets. Both are one drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub unit: Unit,
    /// Months in the charts over time.
    pub months: usize,
    /// Which of a chart's two series are drawn: the trend's columns and its 同比 line, the flows'
    /// exports and imports.
    pub series: [bool; 2],
    /// How the flows chart puts exports and imports in a month's column.
    pub stacking: Stacking,
    /// The dashboard's name of the chart (`trend`): the drawing is then a focusable group
    /// `{id}-chart` with targets `{id}-hit-{i}`; `None` for a widget's image.
    pub id: Option<&'static str>,
}

impl Look {
    pub const WIDGET: Look =
        Look { unit: Unit::Yi, months: 13, series: [true, true], stacking: Stacking::Grouped, id: None };
}

/// One chart drawn: its title and summary sentence, the SVG, its height in its own units (its width
/// is [`WIDTH`]) and what each target's tooltip says, by target number (`data-i`).
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub title: String,
    pub summary: String,
    pub svg: String,
    pub height: f64,
    pub tips: Vec<Tip>,
}

/// A widget, ready to be written into a page or sent as an image.
#[derive(Debug, Clone, PartialEq)]
pub struct Widget {
    pub title: String,
    /// One sentence saying what the chart shows, for everyone and for screen readers.
    pub summary: String,
    /// "数据来源：宝鸡市商务局".
    pub source: String,
    /// "数据截至2021年6月" (with 快报 when preliminary).
    pub date: String,
    /// The chart: an `<svg>` element with its styles inside, usable alone.
    pub svg: String,
    /// The chart's height in its own units (its width is [`charts::WIDTH`]).
    pub height: f64,
    pub theme: Theme,
    pub lang: Lang,
    /// The dashboard view of the same chart, relative to the site root.
    pub dashboard_path: String,
}

/// Room above the chart in the image file for its title, and below it for the source and date.
const IMAGE_HEAD: f64 = 34.0;
const IMAGE_FOOT: f64 = 28.0;

impl Widget {
    /// The chart as an image file on its own (`/embed/<chart>.svg`), for pages that take no scripts or
    /// only images: the title above and the source and date below as the widget page shows them, the
    /// summary as the image's `<title>` for screen readers.
    pub fn image(&self) -> String {
        let (w, h) = (charts::WIDTH, self.height + IMAGE_HEAD + IMAGE_FOOT);
        let label = format!("{}{}{}", self.title, self.lang.pick("：", ": "), self.summary);
        let mut frame = svg::Svg::new(w, h, self.theme, &label).finish();
        frame.truncate(frame.len() - "</svg>".len());
        // The chart inside at its own size, below the title.
        let chart = self.svg.replacen(
            " width=\"100%\"",
            &format!(" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"", coord(IMAGE_HEAD), coord(w), coord(self.height)),
            1,
        );
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}<title>{}</title>\
             <text class=\"t\" x=\"12\" y=\"23\" style=\"font-size:16px;font-weight:600\">{}</text>{chart}\
             <text class=\"m\" x=\"12\" y=\"{}\" style=\"font-size:12px\">{} · {}</text></svg>",
            frame.replacen(" width=\"100%\"", &format!(" width=\"{}\" height=\"{}\"", coord(w), coord(h)), 1),
            svg::escape(&label),
            svg::escape(&self.title),
            coord(h - 10.0),
            svg::escape(&self.source),
            svg::escape(&self.date),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmbedError {
    #[error("no such county in the published data")]
    UnknownCounty,
    #[error("no published figures for that month")]
    NoData,
}

/// Draws the chart `spec` asks for, the way `look` says, from the published overview (and, for a
/// composition, the published file of its dimension).
pub fn draw(
    spec: &EmbedSpec,
    look: &Look,
    file: &OverviewFile,
    breakdown: Option<&DimensionFile>,
) -> Result<Drawing, EmbedError> {
    let region = match spec.county {
        Some(c) => file.counties.iter().find(|r| r.code == c).ok_or(EmbedError::UnknownCounty)?,
        None => &file.city,
    };
    let month = spec.month.unwrap_or(file.meta.last_month);
    if month < file.meta.first_month || month > file.meta.last_month {
        return Err(EmbedError::NoData);
    }
    if spec.chart == EmbedChart::Composition && breakdown.is_none_or(|b| b.dimension != spec.dimension) {
        return Err(EmbedError::NoData);
    }
    Ok(charts::draw(spec, look, file, breakdown, region, month))
}

/// Draws the widget `spec` asks for from the published overview (and, for a composition, the published
/// file of its dimension).
pub fn render(spec: &EmbedSpec, file: &OverviewFile, breakdown: Option<&DimensionFile>) -> Result<Widget, EmbedError> {
    let Drawing { title, summary, svg, height, .. } = draw(spec, &Look::WIDGET, file, breakdown)?;
    let l = spec.lang;
    let month = spec.month.unwrap_or(file.meta.last_month);
    let mut date = match l {
        Lang::Zh => format!("数据截至{}", month.label(l)),
        Lang::En => format!("Data to {}", month.label(l)),
    };
    if file.meta.is_preliminary(crate::period::Period::Month(month)) {
        date.push_str(l.pick("（快报）", " (preliminary)"));
    }
    let mut dashboard = format!("/?month={month}&lang={}", if l == Lang::En { "en" } else { "zh" });
    if let Some(c) = spec.county {
        dashboard.push_str(&format!("&county={c}"));
    }
    Ok(Widget {
        title,
        summary,
        source: match l {
            Lang::Zh => format!("数据来源：{}", file.meta.source_zh),
            Lang::En => format!("Source: {}", file.meta.source_en),
        },
        date,
        svg,
        height,
        theme: spec.theme,
        lang: l,
        dashboard_path: dashboard,
    })
}

#[cfg(test)]
mod tests;
