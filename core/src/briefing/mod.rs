//! The quarterly situation briefing (外贸运行情况通报): for a month, 1—2月, a quarter or the year to
//! date, the text a bureau circulates at the leading group's meeting, every sentence generated from the
//! indicator engine: the totals with 同比, the composition by trade mode, product and partner (values,
//! 同比, 占比 and its change, 拉动), and the counties (累计, 同比, 占比, 完成率 against the annual target
//! and 序时进度, 排名), and for a signed-in reader the key enterprises ([`enterprises`]). Pure: the same
//! published files always give the same text.

mod words;

use crate::api::{DimensionFile, OverviewFile};
use crate::chart::Table;
use crate::composition::{composition_in, CompositionRow};
use crate::dashboard::measure_series;
use crate::dimension::Dimension;
use crate::flow::Measure;
use crate::indicator::Growth;
use crate::lang::Lang;
use crate::period::{Period, YearMonth};
use crate::series::MonthlySeries;

pub use words::{balance, growth, points, pull, yi, yoy, DECIMALS};

/// The briefing: a title, its sections in order, and what the reader must be told about the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Briefing {
    pub title: String,
    pub period: Period,
    /// Some of the period's months are preliminary (快报).
    pub preliminary: bool,
    pub notes: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `totals`, `trade_mode`, `product_category`, `partner`, `counties`: the page keys its charts on it.
    pub key: &'static str,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub table: Option<Table>,
}

/// The periods a briefing can cover, newest first, in groups (year to date, quarters, months) with their
/// zh/en names. In a year the city released as 1—2月 the combined period stands in for January and
/// February, so every choice is one [`effective_period`] maps to itself.
pub fn period_choices(file: &OverviewFile) -> Vec<(&'static str, &'static str, Vec<Period>)> {
    let last = file.meta.last_month;
    let city = file.series.iter().find(|s| s.region == file.city.code);
    let combined = |y: i32| city.is_some_and(|s| s.exports.is_combined(y));
    let months: Vec<YearMonth> = (0..24).map(|i| last.add_months(-i)).filter(|m| *m >= file.meta.first_month).collect();
    let quarters = months
        .iter()
        .filter(|m| m.month() % 3 == 0)
        .map(|m| Period::Quarter { year: m.year(), quarter: (m.month() / 3) as u8 });
    let ytd = months.iter().filter(|m| !(m.month() == 1 && combined(m.year()))).map(|m| Period::Ytd(*m));
    let single = months.iter().filter_map(|m| match (m.month(), combined(m.year())) {
        (1, true) => None,
        (2, true) => Some(Period::JanFeb(m.year())),
        _ => Some(Period::Month(*m)),
    });
    vec![
        ("累计", "Year to date", ytd.collect()),
        ("季度", "Quarter", quarters.collect()),
        ("月度", "Month", single.collect()),
    ]
}

/// The period actually reported: a January or February inside a year released as 1—2月 becomes 1—2月.
pub fn effective_period(series: &MonthlySeries, period: Period) -> Period {
    match period {
        Period::Month(m) if m.month() <= 2 && series.is_combined(m.year()) => Period::JanFeb(m.year()),
        // 1—1月 of such a year does not exist: its first year-to-date is 1—2月.
        Period::Ytd(m) if m.month() == 1 && series.is_combined(m.year()) => {
            Period::Ytd(YearMonth::new(m.year(), 2).unwrap_or(m))
        }
        p => p,
    }
}

/// The opening paragraph: "2021年1—3月，全市外贸进出口总值12.30亿元，同比增长8.1%。其中，出口7.60亿元，
/// 增长12.4%；进口4.70亿元，增长1.9%；贸易顺差2.90亿元。"
pub fn headline(exports: &MonthlySeries, imports: &MonthlySeries, period: Period, lang: Lang) -> String {
    let label = period.label(lang);
    let value = |s: &MonthlySeries| s.value(period);
    let g = |s: &MonthlySeries| Growth::between(s.value(period), s.value(period.same_period_last_year()));
    let (Some(x), Some(m)) = (value(exports), value(imports)) else {
        return match lang {
            Lang::Zh => format!("{label}全市外贸数据尚未齐备，暂不通报。"),
            Lang::En => format!("The city's trade figures for {label} are not complete yet."),
        };
    };
    let total = MonthlySeries::combine(Measure::Total, exports, imports);
    let (tx, tg) = (value(&total), g(&total));
    match lang {
        Lang::Zh => format!(
            "{label}，全市外贸进出口总值{}，{}。其中，出口{}，{}；进口{}，{}；{}。",
            yi(tx, lang),
            yoy(tg, lang),
            yi(Some(x), lang),
            growth(g(exports), lang),
            yi(Some(m), lang),
            growth(g(imports), lang),
            balance(x, m, lang)
        ),
        Lang::En => format!(
            "In {label} the city's foreign trade totalled {}, {}. Exports were {}, {}; imports {}, {}; {}.",
            yi(tx, lang),
            yoy(tg, lang),
            yi(Some(x), lang),
            growth(g(exports), lang),
            yi(Some(m), lang),
            growth(g(imports), lang),
            balance(x, m, lang)
        ),
    }
}

/// One member of a breakdown in a sentence: "一般贸易进出口9.80亿元，增长10.2%，占全市外贸总值的79.7%，
/// 比重提高1.2个百分点，拉动全市外贸增长8.0个百分点".
pub fn member_clause(row: &CompositionRow, dimension: Dimension, lang: Lang) -> String {
    let name = row.name(lang);
    let mut parts = vec![match (dimension, lang) {
        (Dimension::Partner, Lang::Zh) => format!("对{name}进出口{}", yi(row.ytd, lang)),
        (_, Lang::Zh) => format!("{name}进出口{}", yi(row.ytd, lang)),
        (_, Lang::En) => format!("{name} {}", yi(row.ytd, lang)),
    }];
    parts.push(growth(row.yoy, lang));
    parts.extend(words::share(row.share, lang));
    if let Some(c) = row.share_change {
        parts.push(format!("{}{}", lang.pick("比重", "share "), points(c, lang)));
    }
    parts.extend(pull(row.pull, lang));
    parts.join(lang.pick("，", ", "))
}

fn dimension_heading(d: Dimension, lang: Lang) -> (&'static str, String) {
    match d {
        Dimension::TradeMode => ("trade_mode", lang.pick("从贸易方式看", "By trade mode").into()),
        Dimension::ProductCategory => ("product_category", lang.pick("从主要商品看", "By main products").into()),
        Dimension::Partner => ("partner", lang.pick("从主要市场看", "By partner").into()),
        _ => ("other", d.label(lang).to_string()),
    }
}

/// The leading members of a breakdown (up to three, by value) in one sentence.
pub fn dimension_paragraph(rows: &[CompositionRow], dimension: Dimension, lang: Lang) -> Option<String> {
    let top: Vec<String> = rows
        .iter()
        .filter(|r| !r.is_group && r.ytd.is_some())
        .take(3)
        .map(|r| member_clause(r, dimension, lang))
        .collect();
    if top.is_empty() {
        return None;
    }
    let (_, heading) = dimension_heading(dimension, lang);
    Some(format!("{heading}{}{}{}", lang.pick("，", ": "), top.join(lang.pick("；", "; ")), lang.pick("。", ".")))
}

/// The composition's table for the period, amounts in 亿元.
fn dimension_table(rows: &[CompositionRow], dimension: Dimension, lang: Lang) -> Table {
    let h = [
        ("进出口（亿元）", "Trade (100m yuan)"),
        ("同比", "YoY"),
        ("占比", "Share"),
        ("比重变化（百分点）", "Share change (pp)"),
        ("拉动（百分点）", "Pull (pp)"),
    ];
    let pct =
        |r: Option<crate::indicator::Ratio>| r.map_or_else(|| "—".to_string(), |r| r.percent(DECIMALS).to_string());
    Table {
        headers: std::iter::once(dimension.label(lang).to_string())
            .chain(h.iter().map(|x| lang.pick(x.0, x.1).to_string()))
            .collect(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.name(lang).to_string(),
                    crate::dashboard::amount_cell(r.ytd, crate::Unit::Yi),
                    r.yoy.short(DECIMALS, lang),
                    r.share.map_or_else(|| "—".to_string(), |s| format!("{}%", s.percent(DECIMALS))),
                    pct(r.share_change),
                    pct(r.pull),
                ]
            })
            .collect(),
    }
}

mod counties;
pub mod enterprises;
pub use counties::{counties_paragraph, counties_table, CountyLine};

/// The whole briefing for `period` from the published files (the overview and the dimension files).
pub fn write(file: &OverviewFile, dimensions: &[DimensionFile], period: Period, lang: Lang) -> Briefing {
    let city = file.city.code;
    let Some(cs) = file.series_of(city) else {
        return Briefing { title: String::new(), period, preliminary: false, notes: Vec::new(), sections: Vec::new() };
    };
    let period = effective_period(&cs.exports, period);
    let label = period.label(lang);
    let title = match lang {
        Lang::Zh => format!("{}{label}外贸进出口情况", file.city.name_zh),
        Lang::En => format!("Foreign trade of {}, {label}", file.city.name_en),
    };
    let preliminary = file.meta.is_preliminary(period);
    let mut notes = Vec::new();
    if preliminary {
        notes.push(
            lang.pick(
                "注：本期含快报数据，以正式公布数据为准。",
                "Note: some figures are preliminary (快报) and may be revised.",
            )
            .to_string(),
        );
    }
    if file.meta.illustrative {
        notes.push(
            lang.pick(
                "本通报使用示例数据，不代表真实情况。",
                "This briefing uses illustrative data, not real figures.",
            )
            .to_string(),
        );
    }
    notes.push(format!(
        "{}{}",
        lang.pick("数据来源：", "Source: "),
        lang.pick(&file.meta.source_zh, &file.meta.source_en)
    ));
    let mut totals = vec![headline(&cs.exports, &cs.imports, period, lang)];
    let complete = cs.exports.value(period).is_some() && cs.imports.value(period).is_some();
    if complete {
        totals.extend(counties::target_sentence(file, period, lang));
    }
    let mut sections = vec![Section {
        key: "totals",
        heading: lang.pick("一、总体情况", "1. Overall").into(),
        paragraphs: totals,
        table: None,
    }];
    if !complete {
        return Briefing { title, period, preliminary, notes, sections };
    }
    let total = measure_series(cs, Measure::Total);
    for (i, d) in [Dimension::TradeMode, Dimension::ProductCategory, Dimension::Partner].into_iter().enumerate() {
        let Some(df) = dimensions.iter().find(|f| f.dimension == d) else { continue };
        let rows = composition_in(df, city, Measure::Total, period, &total);
        let (key, heading) = dimension_heading(d, lang);
        let numbers = ["二", "三", "四"];
        // A breakdown is published for a month only when every county's figures for it are in; until
        // then the part says so instead of showing a table of dashes.
        let known = rows.iter().any(|r| r.ytd.is_some());
        let missing = || {
            let name = d.label(lang);
            match lang {
                Lang::Zh => format!("本期分{name}数据尚未齐全，暂不分析。"),
                Lang::En => format!("The {} breakdown for this period is not complete yet.", name.to_lowercase()),
            }
        };
        sections.push(Section {
            key,
            heading: match lang {
                Lang::Zh => format!("{}、{}", numbers[i], heading.trim_start_matches('从').trim_end_matches('看')),
                Lang::En => format!("{}. {heading}", i + 2),
            },
            paragraphs: vec![dimension_paragraph(&rows, d, lang).unwrap_or_else(missing)],
            table: known.then(|| dimension_table(&rows, d, lang)),
        });
    }
    let lines = counties::lines(file, period);
    sections.push(Section {
        key: "counties",
        heading: lang.pick("五、分区县情况", "5. By county").into(),
        paragraphs: counties_paragraph(&lines, period, lang).into_iter().collect(),
        table: Some(counties_table(&lines, lang)),
    });
    Briefing { title, period, preliminary, notes, sections }
}

#[cfg(test)]
mod tests;
