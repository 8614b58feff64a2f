//! The embeddable county charts: the ranking bars, the target bullets and the tile-grid map, drawn from
//! the dashboard's views (`county_ranking`, `target_progress`) with its scales and shading.

use super::charts::{Canvas, WIDTH};
use super::svg::Svg;
use crate::api::OverviewFile;
use crate::chart::LinearScale;
use crate::dashboard::{amount_cell, county_ranking, percent_cell, target_progress};
use crate::flow::Measure;
use crate::period::YearMonth;
use crate::summary::{ranking_summary, targets_summary};

/// The height a county chart needs on the dashboard to give each row [`ROW`] units (rank, name, bar,
/// figure and 同比 on one line), as a widget height (so with the widget's room for its text).
pub fn rows_height(rows: usize) -> u32 {
    (ROW * rows as f64 + 32.0).ceil() as u32 + super::charts::CHROME
}

/// A county row's height on the dashboard.
const ROW: f64 = 28.0;

/// The counties by year-to-date total: rank, name, bar, figure and 同比 on each row; on the dashboard
/// each row filters the page to its county.
pub(super) fn ranking_chart(c: &Canvas, file: &OverviewFile, month: YearMonth) -> (String, Svg) {
    let (spec, h, l) = (c.spec, c.height, c.spec.lang);
    let rows = county_ranking(file, Measure::Total, month);
    let summary = ranking_summary(&rows, c.look.unit, l);
    let mut svg = c.svg(&summary);
    let (left, right, top) = (110.0, WIDTH - 150.0, 24.0);
    let row_h = ((h - top - 8.0) / rows.len().max(1) as f64).max(8.0);
    let max = rows.iter().filter_map(|r| r.ytd).map(|v| c.scaled(v)).fold(0.0, f64::max).max(0.01);
    let x = LinearScale::new((0.0, max), (left, right));
    let yoy = l.pick("同比", "YoY ");
    // The unit and 同比 head their columns once, so that every row has room in both languages.
    svg.text(left, 14.0, "start", "m", &super::charts::unit_label(c.look.unit, l));
    svg.text(WIDTH - 8.0, 14.0, "end", "m", yoy.trim_end());
    for (i, r) in rows.iter().enumerate() {
        let y0 = top + row_h * i as f64;
        let base = y0 + row_h * 0.5 + 4.0;
        let class = if spec.county.is_some_and(|c| c != r.region.code) { "bar s1" } else { "bar s0" };
        svg.text(8.0, base, "start", "m", &r.rank.map(|n| n.to_string()).unwrap_or_default());
        svg.text(left - 8.0, base, "end", "t", r.region.short_name(l));
        if let Some(v) = r.ytd {
            let end = x.map(c.scaled(v));
            svg.rect(left, y0 + row_h * 0.2, end - left, row_h * 0.6, class);
            svg.text(end + 6.0, base, "start", "m", &amount_cell(Some(v), c.look.unit));
        }
        let (class, arrow) = r.yoy.mark(1);
        svg.text(WIDTH - 8.0, base, "end", class, &format!("{arrow}{}", r.yoy.short(1, l)));
        let head = format!("{} {}", r.rank.map(|n| n.to_string()).unwrap_or_default(), r.region.name(l));
        let mut tip = vec![c.amount(r.ytd), format!("{yoy}{}", r.yoy.short(1, l))];
        tip.push(format!("{}{}%", l.pick("占比", "share "), percent_cell(r.share)));
        if let Some(t) = r.target {
            tip.push(format!("{}{}%", l.pick("完成率", "completed "), percent_cell(Some(t.completion))));
        }
        let picked = spec.county == Some(r.region.code);
        svg.pick(0.0, y0, WIDTH, row_h, head, tip, r.region.code.to_string(), picked);
    }
    (summary, svg)
}

/// Bullet bars: each region's completion of its annual target, with a tick at 序时进度 (months elapsed ÷ 12).
pub(super) fn targets_chart(c: &Canvas, file: &OverviewFile, month: YearMonth) -> (String, Svg) {
    let (h, l) = (c.height, c.spec.lang);
    let rows = target_progress(file, month);
    let summary = targets_summary(&rows, l);
    let mut svg = c.svg(&summary);
    let (left, right, top) = (96.0, WIDTH - 70.0, 8.0);
    let row_h = ((h - top - 8.0) / rows.len().max(1) as f64).max(8.0);
    // The scale runs to 100% (or further when a region is past its target).
    let percent = |r: crate::indicator::Ratio| r.num() as f64 / r.den() as f64 * 100.0;
    let max = rows.iter().filter_map(|r| r.progress).map(|p| percent(p.completion)).fold(100.0, f64::max);
    let x = LinearScale::new((0.0, max), (left, right));
    for (i, r) in rows.iter().enumerate() {
        let y0 = top + row_h * i as f64;
        svg.text(left - 8.0, y0 + row_h * 0.5 + 4.0, "end", "t", r.region.short_name(l));
        svg.rect(left, y0 + row_h * 0.3, x.map(100.0) - left, row_h * 0.4, "g0");
        let tip = match r.progress {
            Some(p) => {
                let done = format!("{}%", percent_cell(Some(p.completion)));
                svg.rect(left, y0 + row_h * 0.3, x.map(percent(p.completion)) - left, row_h * 0.4, "s0");
                let t = x.map(percent(p.time_progress));
                svg.line(t, y0 + row_h * 0.15, t, y0 + row_h * 0.85, "tk");
                svg.text(right + 6.0, y0 + row_h * 0.5 + 4.0, "start", "m", &done);
                vec![
                    format!("{}{done}", l.pick("完成率", "completed ")),
                    format!("{}{}%", l.pick("序时进度", "time elapsed "), percent_cell(Some(p.time_progress))),
                ]
            }
            None => vec![l.pick("未设目标", "no target").to_string()],
        };
        svg.hit(0.0, y0, WIDTH, row_h, r.region.name(l).to_string(), tip);
    }
    (summary, svg)
}

/// The tile-grid map: each county where the region file places it, shaded by its year-to-date total
/// with the map's own rule. Both themes' colours are drawn; the image's styles show the right ones.
pub(super) fn map_chart(c: &Canvas, file: &OverviewFile, month: YearMonth) -> (String, Svg) {
    let (h, l) = (c.height, c.spec.lang);
    let rows = county_ranking(file, Measure::Total, month);
    let summary = ranking_summary(&rows, c.look.unit, l);
    let mut svg = c.svg(&summary);
    let placed: Vec<_> = rows.iter().filter_map(|r| r.region.tile.map(|t| (r, t))).collect();
    let cols = placed.iter().map(|(_, [c, _])| usize::from(*c) + 1).max().unwrap_or(1);
    let lines = placed.iter().map(|(_, [_, r])| usize::from(*r) + 1).max().unwrap_or(1);
    let gap = 4.0;
    let tile_w = ((WIDTH - 16.0) / cols as f64 - gap).min(150.0);
    let tile_h = ((h - 16.0) / lines as f64 - gap).min(tile_w * 0.7);
    let x0 = (WIDTH - (tile_w + gap) * cols as f64) / 2.0;
    let max = rows.iter().filter_map(|r| r.ytd).max().unwrap_or(1);
    for (r, [col, row]) in &placed {
        let (x, y) = (x0 + f64::from(*col) * (tile_w + gap), 8.0 + f64::from(*row) * (tile_h + gap));
        for (dark, class) in [(false, "lt"), (true, "dk")] {
            let (fill, ink) = crate::chart::shade(r.ytd, max, dark);
            svg.tile(
                x,
                y,
                tile_w,
                tile_h,
                class,
                &fill,
                ink,
                [r.region.short_name(l), &amount_cell(r.ytd, c.look.unit)],
            );
        }
        let tip = vec![c.amount(r.ytd), format!("{}{}", l.pick("同比", "YoY "), r.yoy.short(1, l))];
        let picked = c.spec.county == Some(r.region.code);
        svg.pick(x, y, tile_w, tile_h, r.region.name(l).to_string(), tip, r.region.code.to_string(), picked);
    }
    (summary, svg)
}
