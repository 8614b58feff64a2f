//! The embeddable charts over time and by breakdown (the county charts are in `counties`), drawn as SVG from the dashboard's own views (`dashboard::trend`,
//! `flows::flow_months`, `dashboard::county_ranking`) with the dashboard's scales and ticks. Pixel
//! positions are floats; every number written as text is the dashboard's exact display of the integer.

use super::counties;
use super::svg::Svg;
use super::{Drawing, EmbedChart, EmbedSpec, Look};
use crate::amount::Unit;
use crate::api::{DimensionFile, OverviewFile};
use crate::chart::{extent, stack, tick_text, ticks, LinearScale, Segment, Stacking};
use crate::dashboard::{amount_cell, headline, kpis, percent_cell, trend};
use crate::flow::Measure;
use crate::flows::{flow_months, flows_summary};
use crate::lang::Lang;
use crate::period::YearMonth;
use crate::region::Region;

/// The drawing's width in SVG units; it scales to the frame (at most 760 px wide, see the page's style),
/// so its 13 px text reads at about 9 to 17 px from a phone to a wide column.
pub const WIDTH: f64 = 560.0;
/// Space for the page around the chart (title, summary, source) in the widget's height.
pub(super) const CHROME: u32 = 120;

/// The least height a chart is drawn at, whatever height was asked for.
pub(super) const MIN_CHART: u32 = 160;

/// A value in `unit`, for drawing (a position, never a label).
pub(super) fn scaled(v: i64, unit: Unit) -> f64 {
    v as f64 / unit.factor() as f64
}

pub(super) fn unit_label(unit: Unit, l: Lang) -> String {
    unit.label(crate::amount::Currency::Cny, l)
}

/// "5.01亿元" / "5.01 CNY 100 mn": the dashboard's figure with its unit.
pub(super) fn amount(v: Option<i64>, unit: Unit, l: Lang) -> String {
    match l {
        Lang::Zh => format!("{}{}", amount_cell(v, unit), unit_label(unit, l)),
        Lang::En => format!("{} {}", amount_cell(v, unit), unit_label(unit, l)),
    }
}

/// The widgets' font size (`svg.rs`), by which the month labels are thinned.
const FONT: f64 = 13.0;

/// The labels under a month axis of `band`-wide columns, by index: the shared rule of every chart.
fn month_labels(
    months: impl Iterator<Item = YearMonth>,
    band: f64,
    l: Lang,
) -> std::collections::HashMap<usize, String> {
    let months: Vec<YearMonth> = months.collect();
    crate::chart::month_ticks(&months, band, FONT, l).into_iter().collect()
}

/// The chart `spec` names, drawn the way `look` says.
pub fn draw(
    spec: &EmbedSpec,
    look: &Look,
    file: &OverviewFile,
    breakdown: Option<&DimensionFile>,
    region: &Region,
    month: YearMonth,
) -> Drawing {
    let l = spec.lang;
    let height = f64::from(spec.height.saturating_sub(CHROME).max(MIN_CHART));
    let title = format!("{} · {}", region.name(l), spec.chart.label(l));
    let c = Canvas { spec, look, height };
    let (summary, svg) = match spec.chart {
        EmbedChart::Trend => trend_chart(&c, file, region, month),
        EmbedChart::Flows => flows_chart(&c, file, region, month),
        EmbedChart::Ranking => counties::ranking_chart(&c, file, month),
        EmbedChart::Targets => counties::targets_chart(&c, file, month),
        EmbedChart::Map => counties::map_chart(&c, file, month),
        EmbedChart::Composition => match breakdown {
            Some(b) => composition_chart(&c, file, b, region, month),
            None => (String::new(), c.svg("")),
        },
    };
    let (svg, tips) = svg.finish_with_tips();
    Drawing { title, summary, svg, height, tips }
}

/// What every chart is drawn with: the widget's spec, the look and the chart's height.
pub(super) struct Canvas<'a> {
    pub spec: &'a EmbedSpec,
    pub look: &'a Look,
    pub height: f64,
}

impl Canvas<'_> {
    pub fn svg(&self, label: &str) -> Svg {
        Svg::open(WIDTH, self.height, self.spec.theme, label, self.look.id, self.spec.lang)
    }

    pub fn amount(&self, v: Option<i64>) -> String {
        amount(v, self.look.unit, self.spec.lang)
    }

    pub fn scaled(&self, v: i64) -> f64 {
        scaled(v, self.look.unit)
    }
}

/// Frame of a vertical-axis chart: plot area and the y axis with its ticks.
struct Plot {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Plot {
    fn new(height: f64) -> Plot {
        Plot { left: 44.0, right: WIDTH - 44.0, top: 22.0, bottom: height - 26.0 }
    }

    /// The left axis in `unit`, drawn when `shown` (the scale is the same either way).
    fn y_axis(&self, svg: &mut Svg, max: f64, unit: Unit, l: Lang, shown: bool) -> LinearScale {
        let t = ticks(0.0, max.max(0.01), 4, true);
        let y = LinearScale::new((t.min, t.max), (self.bottom, self.top));
        if shown {
            for v in &t.values {
                let py = y.map(*v);
                svg.line(self.left, py, self.right, py, "g");
                svg.text(self.left - 6.0, py + 4.0, "end", "axis m", &tick_text(*v, t.decimals()));
            }
            svg.text(4.0, self.top - 10.0, "start", "m", &unit_label(unit, l));
        }
        y
    }

    fn band(&self, n: usize) -> f64 {
        (self.right - self.left) / n.max(1) as f64
    }
}

fn trend_chart(c: &Canvas, file: &OverviewFile, region: &Region, month: YearMonth) -> (String, Svg) {
    let l = c.spec.lang;
    let [bars, rates_shown] = c.look.series;
    let points = trend(file, region.code, Measure::Total, month, c.look.months);
    let kpi = kpis(file, region.code, month).into_iter().find(|k| k.measure == Measure::Total);
    let summary = kpi.map(|k| headline(region, &k, month, c.look.unit, l)).unwrap_or_default();
    let mut svg = c.svg(&summary);
    let plot = Plot::new(c.height);
    let max = points.iter().filter_map(|p| p.value).map(|v| c.scaled(v)).fold(0.0, f64::max);
    let y = plot.y_axis(&mut svg, max, c.look.unit, l, bars);
    // 同比 on its own scale at the right, as on the dashboard.
    let rates: Vec<Option<f64>> = points.iter().map(|p| p.yoy.percent(1).map(|f| f.mantissa() as f64 / 10.0)).collect();
    let (lo, hi) = rates.iter().flatten().fold((0.0f64, 0.0f64), |(a, b), v| (a.min(*v), b.max(*v)));
    let rt = ticks(lo, hi.max(lo + 1.0), 4, true);
    let yr = LinearScale::new((rt.min, rt.max), (plot.bottom, plot.top));
    if rates_shown {
        for v in &rt.values {
            let text = format!("{}%", tick_text(*v, rt.decimals()));
            svg.text(plot.right + 6.0, yr.map(*v) + 4.0, "start", "axis m", &text);
        }
        svg.text(plot.right + 6.0, plot.top - 10.0, "start", "m", l.pick("同比", "YoY"));
    }
    let band = plot.band(points.len());
    let labels = month_labels(points.iter().map(|p| p.month), band, l);
    let mut line = String::new();
    let mut dots = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let x = plot.left + band * i as f64;
        if let Some(v) = p.value.filter(|_| bars) {
            let top = y.map(c.scaled(v));
            svg.rect(x + band * 0.18, top, band * 0.64, plot.bottom - top, "bar s0");
        }
        // The line breaks where a month has no growth figure.
        if let Some(r) = rates[i].filter(|_| rates_shown) {
            let (px, py) = (x + band / 2.0, yr.map(r));
            let pen = if line.is_empty() || rates[i - 1].is_none() { "M" } else { "L" };
            line.push_str(&format!("{pen}{px:.1},{py:.1}"));
            dots.push((px, py));
        }
        if let Some(label) = labels.get(&i) {
            svg.text(x + band / 2.0, plot.bottom + 16.0, "middle", "axis m", label);
        }
    }
    if !line.is_empty() {
        svg.path(&line, "yoy-line l0");
    }
    for (px, py) in dots {
        svg.dot(px, py, "yoy-dot d0");
    }
    // The targets last, above the marks, so that the whole band is the pointer's.
    for (i, p) in points.iter().enumerate() {
        let tip = vec![c.amount(p.value), format!("{}{}", l.pick("同比", "YoY "), p.yoy.short(1, l))];
        svg.hit(plot.left + band * i as f64, plot.top, band, plot.bottom - plot.top, p.month.label(l), tip);
    }
    (summary, svg)
}

fn flows_chart(c: &Canvas, file: &OverviewFile, region: &Region, month: YearMonth) -> (String, Svg) {
    let l = c.spec.lang;
    let months = flow_months(file, region.code, month, c.look.months);
    let summary = flows_summary(&months, c.look.unit, l);
    let mut svg = c.svg(&summary);
    let plot = Plot::new(c.height);
    let shown = c.look.series;
    let mode = c.look.stacking;
    // Exact integer sums and shares (chart::stack); the segments are positions only.
    let values: Vec<Vec<Option<i64>>> = [0, 1]
        .into_iter()
        .map(|k| months.iter().map(|m| [m.exports, m.imports][k].filter(|_| shown[k])).collect())
        .collect();
    let mut segments = stack(&values, mode);
    if mode != Stacking::Percent {
        let factor = c.look.unit.factor() as f64;
        for seg in segments.iter_mut().flatten().flatten() {
            *seg = Segment { lo: seg.lo / factor, hi: seg.hi / factor };
        }
    }
    let y = if mode == Stacking::Percent {
        let t = ticks(0.0, 100.0, 4, true);
        let y = LinearScale::new((t.min, t.max), (plot.bottom, plot.top));
        for v in &t.values {
            let py = y.map(*v);
            svg.line(plot.left, py, plot.right, py, "g");
            svg.text(plot.left - 6.0, py + 4.0, "end", "axis m", &format!("{}%", tick_text(*v, t.decimals())));
        }
        y
    } else {
        plot.y_axis(&mut svg, extent(&segments).1, c.look.unit, l, true)
    };
    let band = plot.band(months.len());
    let labels = month_labels(months.iter().map(|m| m.month), band, l);
    for i in 0..months.len() {
        let x = plot.left + band * i as f64;
        for (k, series) in segments.iter().enumerate() {
            let Some(seg) = series[i] else { continue };
            // Side by side when grouped; one column of both parts when stacked.
            let (left, width) = match mode {
                Stacking::Grouped => (x + band * (0.14 + 0.36 * k as f64), band * 0.34),
                _ => (x + band * 0.2, band * 0.6),
            };
            let (top, bottom) = (y.map(seg.hi), y.map(seg.lo));
            svg.rect(left, top, width, bottom - top, &format!("bar s{k}"));
        }
        if let Some(label) = labels.get(&i) {
            svg.text(x + band / 2.0, plot.bottom + 16.0, "middle", "axis m", label);
        }
    }
    for (i, m) in months.iter().enumerate() {
        let share = |r| format!("{}%", percent_cell(r));
        let tip = vec![
            format!("{} {} · {}", Measure::Export.label(l), c.amount(m.exports), share(m.export_share())),
            format!("{} {} · {}", Measure::Import.label(l), c.amount(m.imports), share(m.import_share())),
            format!("{} {}", crate::words::t(l, crate::words::T::Balance), c.amount(m.balance())),
        ];
        svg.hit(plot.left + band * i as f64, plot.top, band, plot.bottom - plot.top, m.month.label(l), tip);
    }
    // The legend, top right.
    for (k, name) in [Measure::Export.label(l), Measure::Import.label(l)].into_iter().enumerate() {
        let x = plot.right - 120.0 + 62.0 * k as f64;
        svg.rect(x, plot.top - 19.0, 10.0, 10.0, &format!("s{k}"));
        svg.text(x + 14.0, plot.top - 10.0, "start", "t", name);
    }
    (summary, svg)
}

/// A donut of the year-to-date composition by the spec's dimension, with a legend of shares. Partner
/// groups overlap their members and are left out of the ring, as on the dashboard.
fn composition_chart(
    c: &Canvas,
    file: &OverviewFile,
    breakdown: &DimensionFile,
    region: &Region,
    month: YearMonth,
) -> (String, Svg) {
    let (spec, h, l) = (c.spec, c.height, c.spec.lang);
    let total = file.series_of(region.code).map(|rs| crate::dashboard::measure_series(rs, Measure::Total));
    let rows: Vec<_> = total
        .map(|t| crate::composition::composition(breakdown, region.code, Measure::Total, month, &t))
        .unwrap_or_default()
        .into_iter()
        .filter(|r| !r.is_group)
        .collect();
    let summary = crate::summary::composition_summary(&rows, spec.dimension.label(l), l);
    let mut svg = c.svg(&summary);
    let outer = ((h - 16.0) / 2.0).min(WIDTH * 0.22);
    let (cx, cy) = (16.0 + outer, h / 2.0);
    let values: Vec<i64> = rows.iter().map(|r| r.ytd.unwrap_or(0)).collect();
    let legend_rows = ((h - 16.0) / 20.0).floor().max(1.0) as usize;
    for (i, (r, slice)) in rows.iter().zip(crate::chart::slices(&values)).enumerate() {
        let class = format!("c{}", i % 8);
        svg.path(&crate::chart::sector_path(cx, cy, outer, outer * 0.58, slice), &class);
        let tip = vec![
            c.amount(r.ytd),
            format!("{}{}%", l.pick("占比", "share "), percent_cell(r.share)),
            format!("{}{}", l.pick("同比", "YoY "), r.yoy.short(1, l)),
        ];
        if i < legend_rows {
            let y = 12.0 + 20.0 * i as f64;
            let x = cx + outer + 24.0;
            svg.rect(x, y, 10.0, 10.0, &class);
            svg.text(x + 16.0, y + 10.0, "start", "t", &format!("{} {}%", r.name(l), percent_cell(r.share)));
            svg.hit(x - 4.0, y - 4.0, WIDTH - x, 20.0, r.name(l).to_string(), tip);
        }
    }
    (summary, svg)
}
