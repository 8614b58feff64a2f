//! The briefing's sentences for each case a release meets (rising, falling, flat, a zero base, missing
//! figures, a combined 1—2月), and the whole briefing of the demo data against the dashboard's figures.

use super::*;
use crate::demo::tests::{dimension_file, overview};
use crate::period::YearMonth;

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

/// Two years of month values from January of the first; `None` marks a month not yet reported.
fn series(values: &[Option<i64>]) -> MonthlySeries {
    MonthlySeries::new(ym(2020, 1), values.to_vec())
}

const YI: i64 = 100_000_000;

fn twelve(v: i64) -> Vec<Option<i64>> {
    vec![Some(v); 12]
}

fn two_years(last: i64, this: i64) -> MonthlySeries {
    let mut v = twelve(last);
    v.extend(twelve(this));
    series(&v)
}

#[test]
fn headline_sentences_for_each_case() {
    let q1 = Period::Quarter { year: 2021, quarter: 1 };
    // (exports last year, this year, imports last year, this year, Chinese sentence, English sentence)
    let cases = [
        (
            "rising",
            two_years(YI, 11 * YI / 10),
            two_years(YI / 2, YI / 2 * 102 / 100),
            "2021年一季度，全市外贸进出口总值4.83亿元，同比增长7.3%。其中，出口3.30亿元，增长10.0%；进口1.53亿元，增长2.0%；贸易顺差1.77亿元。",
            "In Q1 2021 the city's foreign trade totalled ¥483.0 mn, up 7.3% year on year. Exports were ¥330.0 mn, up 10.0%; imports ¥153.0 mn, up 2.0%; a surplus of ¥177.0 mn.",
        ),
        (
            "falling",
            two_years(YI, 9 * YI / 10),
            two_years(2 * YI, 2 * YI),
            "2021年一季度，全市外贸进出口总值8.70亿元，同比下降3.3%。其中，出口2.70亿元，下降10.0%；进口6.00亿元，持平；贸易逆差3.30亿元。",
            "In Q1 2021 the city's foreign trade totalled ¥870.0 mn, down 3.3% year on year. Exports were ¥270.0 mn, down 10.0%; imports ¥600.0 mn, flat; a deficit of ¥330.0 mn.",
        ),
        (
            // +0.04% rounds to 0.0%: flat, never 增长0.0%.
            "flat after rounding",
            two_years(10_000 * YI / 10_000, 10_004 * YI / 10_000),
            two_years(YI, YI),
            "2021年一季度，全市外贸进出口总值6.00亿元，同比持平。其中，出口3.00亿元，持平；进口3.00亿元，持平；贸易顺差0.00亿元。",
            "In Q1 2021 the city's foreign trade totalled ¥600.1 mn, flat year on year. Exports were ¥300.1 mn, flat; imports ¥300.0 mn, flat; a surplus of ¥120.0 k.",
        ),
        (
            "zero base",
            two_years(YI, YI),
            two_years(0, YI / 4),
            "2021年一季度，全市外贸进出口总值3.75亿元，同比增长25.0%。其中，出口3.00亿元，持平；进口0.75亿元，为新增（上年同期为零）；贸易顺差2.25亿元。",
            "In Q1 2021 the city's foreign trade totalled ¥375.0 mn, up 25.0% year on year. Exports were ¥300.0 mn, flat; imports ¥75.0 mn, new (nil a year earlier); a surplus of ¥225.0 mn.",
        ),
    ];
    for (name, x, m, zh, en) in cases {
        assert_eq!(headline(&x, &m, q1, Lang::Zh), zh, "{name}");
        assert_eq!(headline(&x, &m, q1, Lang::En), en, "{name}");
    }
}

#[test]
fn missing_figures_are_said_plainly_and_nothing_is_computed_from_them() {
    let mut v = twelve(YI);
    v.extend([Some(YI), Some(YI), None]);
    let x = series(&v);
    let m = two_years(YI, YI);
    let q1 = Period::Quarter { year: 2021, quarter: 1 };
    assert_eq!(headline(&x, &m, q1, Lang::Zh), "2021年一季度全市外贸数据尚未齐备，暂不通报。");
    assert_eq!(headline(&x, &m, q1, Lang::En), "The city's trade figures for Q1 2021 are not complete yet.");
    // A year with nothing a year earlier: the growth is said to be not comparable, not zero.
    let fresh = MonthlySeries::new(ym(2021, 1), vec![Some(YI); 3]);
    let s = headline(&fresh, &fresh, q1, Lang::Zh);
    assert!(s.contains("总值6.00亿元，上年同期无可比数据。其中"), "{s}");
}

#[test]
fn a_combined_january_february_is_reported_as_such() {
    // 2021's January and February were released together: February's slot holds 1—2月.
    let mut v = twelve(YI);
    v.extend([None, Some(3 * YI), Some(YI)]);
    let mut x = series(&v);
    x.jan_feb_combined = vec![2021];
    let mut m = two_years(0, 0);
    m.values[12] = None;
    m.values[13] = Some(0);
    m.jan_feb_combined = vec![2021];
    let feb = effective_period(&x, Period::Month(ym(2021, 2)));
    assert_eq!(feb, Period::JanFeb(2021));
    assert_eq!(effective_period(&x, Period::Month(ym(2021, 3))), Period::Month(ym(2021, 3)));
    let s = headline(&x, &m, feb, Lang::Zh);
    assert!(s.starts_with("2021年1—2月，全市外贸进出口总值3.00亿元，同比增长50.0%。"), "{s}");
    let ytd = headline(&x, &m, Period::Ytd(ym(2021, 3)), Lang::Zh);
    assert!(ytd.starts_with("2021年1—3月，全市外贸进出口总值4.00亿元，同比增长33.3%。"), "{ytd}");
}

#[test]
fn phrases_for_shares_pulls_and_points() {
    let r = |n, d| crate::indicator::Ratio::new(n, d).unwrap();
    assert_eq!(points(r(12, 1000), Lang::Zh), "提高1.2个百分点");
    assert_eq!(points(r(-4, 1000), Lang::Zh), "下降0.4个百分点");
    assert_eq!(points(r(4, 100_000), Lang::Zh), "持平");
    assert_eq!(pull(Some(r(8, 100)), Lang::Zh).unwrap(), "拉动全市外贸增长8.0个百分点");
    assert_eq!(pull(Some(r(-5, 1000)), Lang::Zh).unwrap(), "下拉全市外贸增速0.5个百分点");
    assert_eq!(pull(Some(r(1, 10_000)), Lang::Zh), None, "a pull that rounds to zero is not mentioned");
    assert_eq!(balance(5, 5, Lang::Zh), "进出口平衡");
}

#[test]
fn the_demo_first_quarter_briefing_matches_the_dashboard() {
    let file = overview();
    let dims: Vec<_> = [Dimension::TradeMode, Dimension::ProductCategory, Dimension::Partner]
        .into_iter()
        .map(dimension_file)
        .collect();
    let period = Period::Ytd(ym(2021, 3));
    let b = write(&file, &dims, period, Lang::Zh);
    assert_eq!(b.title, "宝鸡市2021年1—3月外贸进出口情况");
    let keys: Vec<&str> = b.sections.iter().map(|s| s.key).collect();
    assert_eq!(keys, ["totals", "trade_mode", "product_category", "partner", "counties"]);
    // The totals are the dashboard's KPI figures for March 2021, worded.
    let kpi = crate::dashboard::kpis(&file, file.city.code, ym(2021, 3));
    let total = kpi.iter().find(|k| k.measure == Measure::Total).unwrap();
    let opening = &b.sections[0].paragraphs[0];
    assert!(
        opening.contains(&format!("进出口总值{}，同比{}", yi(total.ytd, Lang::Zh), total.ytd_yoy.worded(1, Lang::Zh))),
        "{opening}"
    );
    assert!(b.sections[0].paragraphs[1].starts_with("全市累计完成年度目标"), "{:?}", b.sections[0].paragraphs);
    // The trade modes' pulls add up to the city's growth (an additive breakdown), exactly.
    let cs = file.series_of(file.city.code).unwrap();
    let rows = composition_in(&dims[0], file.city.code, Measure::Total, period, &measure_series(cs, Measure::Total));
    // Every pull is over the same base (last year's total), so their numerators add.
    let pulls: Vec<crate::indicator::Ratio> = rows.iter().filter(|r| !r.is_group).filter_map(|r| r.pull).collect();
    assert!(pulls.iter().all(|p| p.den() == pulls[0].den()));
    let sum = crate::indicator::Ratio::new(pulls.iter().map(|p| p.num()).sum(), pulls[0].den()).unwrap();
    let Growth::Rate(g) = total.ytd_yoy else { panic!("the demo city grows") };
    assert_eq!(sum.cmp_value(g), std::cmp::Ordering::Equal);
    let trade = &b.sections[1].paragraphs[0];
    assert!(trade.starts_with("从贸易方式看，一般贸易进出口"), "{trade}");
    let counties = &b.sections[4];
    assert_eq!(counties.table.as_ref().unwrap().rows.len(), file.counties.len());
    // Every demo county grew in 2021's first quarter: "均", not "12个区县中有12个".
    assert!(
        counties.paragraphs[0].starts_with(&format!("分区县看，{}个区县均实现同比增长。", file.counties.len())),
        "{:?}",
        counties.paragraphs
    );
    assert!(b.notes.iter().any(|n| n.contains("示例数据")));
    let en = write(&file, &dims, period, Lang::En);
    assert_eq!(en.title, "Foreign trade of Baoji, Jan–Mar 2021");
}

#[test]
fn a_breakdown_not_yet_complete_is_said_so_without_a_table() {
    let mut file = overview();
    // July's totals are in (as after an import of county totals); no breakdown for July is.
    let july = ym(2021, 7);
    for s in &mut file.series {
        assert_eq!(s.exports.end(), ym(2021, 6));
        s.exports.values.push(Some(YI));
        s.imports.values.push(Some(YI));
    }
    file.meta.last_month = july;
    let dims: Vec<_> = [Dimension::TradeMode, Dimension::ProductCategory, Dimension::Partner]
        .into_iter()
        .map(dimension_file)
        .collect();
    let b = write(&file, &dims, Period::Month(july), Lang::Zh);
    let mode = b.sections.iter().find(|s| s.key == "trade_mode").unwrap();
    assert_eq!(mode.paragraphs, ["本期分贸易方式数据尚未齐全，暂不分析。"]);
    assert!(mode.table.is_none());
    let en = write(&file, &dims, Period::Month(july), Lang::En);
    assert_eq!(en.sections[1].paragraphs, ["The trade mode breakdown for this period is not complete yet."]);
    // The months before keep their tables.
    let june = write(&file, &dims, Period::Month(ym(2021, 6)), Lang::Zh);
    assert!(june.sections[1].table.is_some());
}

fn firm(id: i64, name: &str, last: i64, this: i64) -> enterprises::EnterpriseSeries {
    let s = two_years(last, this);
    let nil = MonthlySeries::new(s.start, vec![Some(0); s.values.len()]);
    enterprises::EnterpriseSeries {
        id,
        name_zh: name.into(),
        name_en: format!("Firm {id}"),
        county: crate::RegionCode::parse("610302").unwrap(),
        exports: s,
        imports: nil,
    }
}

#[test]
fn the_key_enterprises_part_sums_them_against_the_city() {
    let mut file = overview();
    let city = file.series.remove(0);
    assert_eq!(city.region, file.city.code);
    // A city of 10亿 a month in 2020 and 12亿 in 2021 (exports only, so the total is easy to follow).
    let city = crate::api::RegionSeries {
        exports: two_years(10 * YI, 12 * YI),
        imports: MonthlySeries::new(ym(2020, 1), vec![Some(0); 24]),
        ..city
    };
    let firms = [firm(1, "甲公司", YI, 2 * YI), firm(2, "乙公司", 2 * YI, YI), firm(3, "丙公司", YI, YI)];
    let q1 = Period::Quarter { year: 2021, quarter: 1 };
    let s = enterprises::section(&firms, &city, q1, Lang::Zh);
    // 12亿 now against 12亿 a year earlier: 持平, 33.3% of the city's 36亿, no pull.
    assert_eq!(
        s.paragraphs[0],
        "3家重点外贸企业合计进出口12.00亿元，持平，占全市外贸总值的33.3%。其中，1家企业同比增长，1家下降。"
    );
    assert_eq!(
        s.paragraphs[1],
        "进出口居前3位的企业依次为：甲公司（6.00亿元，增长100.0%）、乙公司（3.00亿元，下降50.0%）、丙公司（3.00亿元，持平）。"
    );
    let t = s.table.unwrap();
    assert_eq!(t.rows[0], ["甲公司", "6.00", "100.0%", "16.7%", "10.0"]);
    assert_eq!(t.rows[1][4], "-10.0", "乙公司 pulls the city down by 3亿 of 30亿");
    // A firm without a figure a year earlier counts as nil in the group's base: 新增 for itself.
    let newcomer = firm(4, "丁公司", 0, YI);
    let s = enterprises::section(&[newcomer], &city, q1, Lang::En);
    assert_eq!(
        s.paragraphs[0],
        "The 1 key enterprise with figures traded ¥300.0 mn, new (nil a year earlier), 8.3% of the city's trade, \
         adding 10.0 points to the city's growth. Every one of them grew year on year."
    );
    // No filing for the period: said so, no table.
    let none = enterprises::section(&firms, &city, Period::Quarter { year: 2022, quarter: 1 }, Lang::Zh);
    assert_eq!((none.paragraphs.len(), none.table.is_none()), (1, true));
    assert!(none.paragraphs[0].contains("尚未齐全"));
}
