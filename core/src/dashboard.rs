//! Dashboard views: the prepared figures the web app draws, computed from a published overview file by
//! the indicator engine. The browser tests compute the same views to check what the page shows.

use crate::amount::{Amount, Unit};
use crate::api::{OverviewFile, RegionSeries};
use crate::chart::Table;
use crate::flow::Measure;
use crate::indicator::{rank_desc, share, yoy, Growth, Ratio, TargetProgress};
use crate::lang::Lang;
use crate::period::{Period, YearMonth};
use crate::region::{Region, RegionCode};
use crate::series::MonthlySeries;

/// The three measures shown as KPI cards, in order.
pub const KPI_MEASURES: [Measure; 3] = [Measure::Total, Measure::Export, Measure::Import];

/// A measure's series for one region (total and balance derived from the two flows).
pub fn measure_series(series: &RegionSeries, measure: Measure) -> MonthlySeries {
    MonthlySeries::combine(measure, &series.exports, &series.imports)
}

/// One KPI card: 当月 and 累计 with their 同比.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kpi {
    pub measure: Measure,
    pub month: Option<i64>,
    pub month_yoy: Growth,
    pub ytd: Option<i64>,
    pub ytd_yoy: Growth,
}

pub fn kpis(file: &OverviewFile, region: RegionCode, month: YearMonth) -> Vec<Kpi> {
    let Some(rs) = file.series_of(region) else {
        return Vec::new();
    };
    KPI_MEASURES
        .iter()
        .map(|&measure| {
            let s = measure_series(rs, measure);
            Kpi {
                measure,
                month: s.month(month),
                month_yoy: yoy(&s, Period::Month(month)),
                ytd: s.ytd(month),
                ytd_yoy: yoy(&s, Period::Ytd(month)),
            }
        })
        .collect()
}

/// One month of a trend chart: the month value and its 同比.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendPoint {
    pub month: YearMonth,
    pub value: Option<i64>,
    pub yoy: Growth,
}

/// The `count` months ending at `last` (fewer if the file starts later).
pub fn trend(
    file: &OverviewFile,
    region: RegionCode,
    measure: Measure,
    last: YearMonth,
    count: usize,
) -> Vec<TrendPoint> {
    let Some(rs) = file.series_of(region) else {
        return Vec::new();
    };
    let s = measure_series(rs, measure);
    let first = last.add_months(1 - count as i64).max(file.meta.first_month);
    first.through(last).map(|m| TrendPoint { month: m, value: s.month(m), yoy: yoy(&s, Period::Month(m)) }).collect()
}

/// One county's line in the ranking: 累计, 同比, 占比 of the city, 排名 and target progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountyRow {
    pub region: Region,
    pub ytd: Option<i64>,
    pub yoy: Growth,
    pub share: Option<Ratio>,
    pub rank: Option<u32>,
    /// Only for total trade, where annual targets are set.
    pub target: Option<TargetProgress>,
}

/// Counties by year-to-date value of `measure` through `month`, ranked largest first.
pub fn county_ranking(file: &OverviewFile, measure: Measure, month: YearMonth) -> Vec<CountyRow> {
    let city_ytd = file.series_of(file.city.code).and_then(|rs| measure_series(rs, measure).ytd(month));
    let mut rows: Vec<CountyRow> = file
        .counties
        .iter()
        .map(|county| {
            let s = file.series_of(county.code).map(|rs| measure_series(rs, measure));
            let ytd = s.as_ref().and_then(|s| s.ytd(month));
            let target = match (measure, ytd, file.target(county.code, month.year())) {
                (Measure::Total, Some(v), Some(t)) => TargetProgress::new(v, t, month),
                _ => None,
            };
            CountyRow {
                region: county.clone(),
                ytd,
                yoy: s.as_ref().map_or(Growth::Unavailable, |s| yoy(s, Period::Ytd(month))),
                share: ytd.zip(city_ytd).and_then(|(v, c)| share(v, c)),
                rank: None,
                target,
            }
        })
        .collect();
    let ranks = rank_desc(&rows.iter().map(|r| r.ytd).collect::<Vec<_>>());
    for (row, rank) in rows.iter_mut().zip(ranks) {
        row.rank = rank;
    }
    rows.sort_by_key(|r| (r.rank.unwrap_or(u32::MAX), r.region.code));
    rows
}

/// The months the file has figures for, latest first (for the month selector).
pub fn months_latest_first(file: &OverviewFile) -> Vec<YearMonth> {
    // In a year the city's figures were released as 1—2月, January is not a month of its own: February
    // stands for the combined period.
    let combined = |y: i32| city_is_combined(file, y);
    let mut v: Vec<YearMonth> = file
        .meta
        .first_month
        .through(file.meta.last_month)
        .filter(|m| !(m.month() == 1 && combined(m.year())))
        .collect();
    v.reverse();
    v
}

fn city_is_combined(file: &OverviewFile, year: i32) -> bool {
    file.series.iter().find(|s| s.region == file.city.code).is_some_and(|s| s.exports.is_combined(year))
}

/// The period a month of the month list stands for: February of a year released as 1—2月 is 1—2月.
pub fn month_period(file: &OverviewFile, month: YearMonth) -> Period {
    if month.month() <= 2 && city_is_combined(file, month.year()) {
        Period::JanFeb(month.year())
    } else {
        Period::Month(month)
    }
}

/// The one-sentence summary of a region's year to date, as a release opens:
/// "2021年1—6月，宝鸡市进出口总值24.5亿元，同比增长8.1%。"
pub fn headline(region: &Region, kpi: &Kpi, month: YearMonth, unit: Unit, lang: Lang) -> String {
    let period = Period::Ytd(month).label(lang);
    let value = kpi.ytd.map_or_else(|| "—".to_string(), |v| Amount::cny(v).display(unit, 2, lang));
    match lang {
        Lang::Zh => {
            let growth = match kpi.ytd_yoy {
                Growth::Rate(_) => format!("，同比{}", kpi.ytd_yoy.worded(1, lang)),
                _ => String::new(),
            };
            format!("{period}，{}{}{value}{growth}。", region.name_zh, kpi.measure.label(lang))
        }
        Lang::En => {
            let growth = match kpi.ytd_yoy {
                Growth::Rate(_) => format!(", {} year on year", kpi.ytd_yoy.worded(1, lang)),
                _ => String::new(),
            };
            format!("{} of {} in {period}: {value}{growth}.", kpi.measure.label(lang), region.name_en)
        }
    }
}

/// A value as the dashboard prints it in `unit` with the unit's default decimals ("12.35", "123,457").
pub fn amount_cell(units: Option<i64>, unit: Unit) -> String {
    units.map_or_else(|| "—".to_string(), |v| Amount::cny(v).in_unit(unit, unit.display_decimals()).grouped())
}

/// A ratio as a table prints it: percent (or points) to one decimal, "—" when there is none.
pub fn percent_cell(r: Option<Ratio>) -> String {
    r.map_or_else(|| "—".to_string(), |r| r.percent(1).to_string())
}

/// The trend chart's table: month, value, 同比.
pub fn trend_table(points: &[TrendPoint], measure: Measure, unit: Unit, lang: Lang) -> Table {
    let unit_label = unit.label(crate::Currency::Cny, lang);
    Table {
        headers: vec![
            lang.pick("月份", "Month").to_string(),
            format!("{}（{unit_label}）", measure.label(lang)),
            format!("{} %", lang.pick("同比", "YoY")),
        ],
        rows: points
            .iter()
            .map(|p| {
                vec![
                    p.month.label(lang),
                    amount_cell(p.value, unit),
                    p.yoy.percent(1).map_or_else(|| p.yoy.short(1, lang), |f| f.to_string()),
                ]
            })
            .collect(),
    }
}

/// The county ranking's table: 排名, 县区, 累计, 同比, 占比, 完成率, 序时进度.
pub fn ranking_table(rows: &[CountyRow], unit: Unit, lang: Lang) -> Table {
    Table {
        headers: vec![
            lang.pick("排名", "Rank").to_string(),
            lang.pick("县区", "County").to_string(),
            format!("{}（{}）", lang.pick("累计", "Year to date"), unit.label(crate::Currency::Cny, lang)),
            format!("{} %", lang.pick("同比", "YoY")),
            format!("{} %", lang.pick("占比", "Share")),
            format!("{} %", lang.pick("完成率", "Target completion")),
            format!("{} %", lang.pick("序时进度", "Time elapsed")),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.rank.map(|n| n.to_string()).unwrap_or_default(),
                    r.region.name(lang).to_string(),
                    amount_cell(r.ytd, unit),
                    r.yoy.percent(1).map_or_else(|| r.yoy.short(1, lang), |f| f.to_string()),
                    percent_cell(r.share),
                    percent_cell(r.target.map(|t| t.completion)),
                    percent_cell(r.target.map(|t| t.time_progress)),
                ]
            })
            .collect(),
    }
}

/// One line of the target panel: year-to-date total trade against the annual target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRow {
    pub region: Region,
    pub ytd: Option<i64>,
    pub target: Option<i64>,
    pub progress: Option<TargetProgress>,
}

/// The city (its target is the sum of the counties' unless set) then the counties by completion,
/// highest first; counties without a target last.
pub fn target_progress(file: &OverviewFile, month: YearMonth) -> Vec<TargetRow> {
    let row = |region: &Region| {
        let ytd = file.series_of(region.code).and_then(|rs| measure_series(rs, Measure::Total).ytd(month));
        let target = file.target(region.code, month.year());
        let progress = ytd.zip(target).and_then(|(v, t)| TargetProgress::new(v, t, month));
        TargetRow { region: region.clone(), ytd, target, progress }
    };
    let mut counties: Vec<TargetRow> = file.counties.iter().map(row).collect();
    counties.sort_by(|a, b| match (a.progress, b.progress) {
        (Some(x), Some(y)) => {
            // Compare the exact ratios by cross-multiplication, larger first.
            (y.completion.num() * x.completion.den()).cmp(&(x.completion.num() * y.completion.den()))
        }
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.region.code.cmp(&b.region.code),
    });
    std::iter::once(row(&file.city)).chain(counties).collect()
}

/// The target panel's table: 县区, 累计, 年度目标, 完成率, 序时进度, 差距.
pub fn target_table(rows: &[TargetRow], unit: Unit, lang: Lang) -> Table {
    let unit_label = unit.label(crate::Currency::Cny, lang);
    Table {
        headers: vec![
            lang.pick("地区", "Region").to_string(),
            format!("{}（{unit_label}）", lang.pick("累计", "Year to date")),
            format!("{}（{unit_label}）", lang.pick("年度目标", "Annual target")),
            format!("{} %", lang.pick("完成率", "Completion")),
            format!("{} %", lang.pick("序时进度", "Time elapsed")),
            lang.pick("快于/慢于序时（百分点）", "Ahead (+) / behind (−), pp").to_string(),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.region.name(lang).to_string(),
                    amount_cell(r.ytd, unit),
                    amount_cell(r.target, unit),
                    percent_cell(r.progress.map(|p| p.completion)),
                    percent_cell(r.progress.map(|p| p.time_progress)),
                    percent_cell(r.progress.map(|p| p.gap())),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::tests::overview as demo_overview;

    #[test]
    fn city_target_is_the_sum_and_counties_are_ordered_by_completion() {
        let file = demo_overview();
        let month = YearMonth::new(2021, 3).unwrap();
        let rows = target_progress(&file, month);
        assert_eq!(rows.len(), 13);
        assert_eq!(rows[0].region.code, file.city.code);
        let county_targets: i64 = rows[1..].iter().map(|r| r.target.unwrap()).sum();
        let county_ytd: i64 = rows[1..].iter().map(|r| r.ytd.unwrap()).sum();
        assert_eq!(rows[0].target, Some(county_targets));
        assert_eq!(rows[0].ytd, Some(county_ytd));
        let completions: Vec<String> =
            rows[1..].iter().map(|r| r.progress.unwrap().completion.percent(4).to_string()).collect();
        let mut sorted = completions.clone();
        sorted.sort_by(|a, b| b.parse::<f64>().unwrap().total_cmp(&a.parse::<f64>().unwrap()));
        assert_eq!(completions, sorted);
        assert_eq!(rows[0].progress.unwrap().time_progress.percent(1).to_string(), "25.0");
        let table = target_table(&rows, Unit::Yi, Lang::Zh);
        assert_eq!(table.rows[0][4], "25.0");
    }
}
