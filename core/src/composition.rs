//! Composition of trade by one dimension (trade mode, product, partner, nature) for a region and a
//! year-to-date period: each member's value, 同比, 占比 and 拉动, plus partner groups summed from members.

use crate::api::DimensionFile;
use crate::chart::Table;
use crate::dashboard::{amount_cell, percent_cell};
use crate::flow::Measure;
use crate::indicator::{pull, share, share_change_pp, yoy, Growth, Ratio};
use crate::lang::Lang;
use crate::period::{Period, YearMonth};
use crate::region::RegionCode;
use crate::series::MonthlySeries;
use crate::Unit;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompositionRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// A partner group (东盟, 欧盟…): overlaps the members, so not part of the donut.
    pub is_group: bool,
    pub ytd: Option<i64>,
    pub yoy: Growth,
    /// 占比 of the region's total for the same measure and period.
    pub share: Option<Ratio>,
    /// 拉动: percentage points this member added to the total's growth.
    pub pull: Option<Ratio>,
    /// The change of 占比 against the same period a year earlier, in percentage points.
    pub share_change: Option<Ratio>,
}

impl CompositionRow {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

/// Members sorted by value (largest first), then partner groups. `total` is the region's series for
/// `measure` (from the overview), the denominator of shares and pulls.
pub fn composition(
    file: &DimensionFile,
    region: RegionCode,
    measure: Measure,
    month: YearMonth,
    total: &MonthlySeries,
) -> Vec<CompositionRow> {
    composition_in(file, region, measure, Period::Ytd(month), total)
}

/// [`composition`] for any period within one year (a month, a quarter, 1—2月, the year to date).
pub fn composition_in(
    file: &DimensionFile,
    region: RegionCode,
    measure: Measure,
    period: Period,
    total: &MonthlySeries,
) -> Vec<CompositionRow> {
    let Some(rb) = file.regions.iter().find(|r| r.region == region) else { return Vec::new() };
    let base_period = period.same_period_last_year();
    let total_now = total.value(period);
    let total_base = total.value(base_period);
    let row = |code: &str, zh: &str, en: &str, is_group: bool, s: &MonthlySeries| {
        let now = s.value(period);
        let base = s.value(base_period);
        CompositionRow {
            code: code.to_string(),
            name_zh: zh.to_string(),
            name_en: en.to_string(),
            is_group,
            ytd: now,
            yoy: yoy(s, period),
            share: now.zip(total_now).and_then(|(v, t)| share(v, t)),
            pull: match (now, base, total_base) {
                (Some(n), Some(b), Some(tb)) => pull(n, b, tb),
                _ => None,
            },
            share_change: match (now, total_now, base, total_base) {
                (Some(n), Some(t), Some(b), Some(tb)) => share_change_pp(n, t, b, tb),
                _ => None,
            },
        }
    };
    let series_of = |code: &str| {
        rb.members.iter().find(|m| m.member == code).map(|m| MonthlySeries::combine(measure, &m.exports, &m.imports))
    };
    let mut rows: Vec<CompositionRow> = file
        .members
        .iter()
        .filter_map(|m| series_of(&m.code).map(|s| row(&m.code, &m.name_zh, &m.name_en, false, &s)))
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.ytd.unwrap_or(i64::MIN)));
    for g in &file.groups {
        let parts: Vec<MonthlySeries> =
            file.members.iter().filter(|m| m.groups.contains(&g.code)).filter_map(|m| series_of(&m.code)).collect();
        if parts.is_empty() {
            continue;
        }
        let len = parts[0].values.len();
        let sum = MonthlySeries::sum(parts[0].start, len, &parts);
        rows.push(row(&g.code, &g.name_zh, &g.name_en, true, &sum));
    }
    rows
}

/// The composition's table as the panel shows and downloads it.
pub fn composition_table(rows: &[CompositionRow], dimension_label: &str, unit: Unit, lang: Lang) -> Table {
    Table {
        headers: vec![
            dimension_label.to_string(),
            format!("{}（{}）", lang.pick("累计", "Year to date"), unit.label(crate::Currency::Cny, lang)),
            format!("{} %", lang.pick("同比", "YoY")),
            format!("{} %", lang.pick("占比", "Share")),
            lang.pick("拉动（百分点）", "Pull (pp)").to_string(),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.name(lang).to_string(),
                    amount_cell(r.ytd, unit),
                    r.yoy.percent(1).map_or_else(|| r.yoy.short(1, lang), |f| f.to_string()),
                    percent_cell(r.share),
                    percent_cell(r.pull),
                ]
            })
            .collect(),
    }
}

/// The latest month up to `month` whose year-to-date breakdown of `region` is known (some member has a
/// value): where the composition panel sends a reader when the chosen month's breakdown is incomplete.
pub fn latest_complete(file: &DimensionFile, region: RegionCode, month: YearMonth) -> Option<YearMonth> {
    let rb = file.regions.iter().find(|r| r.region == region)?;
    let known = |m: YearMonth| {
        rb.members
            .iter()
            .any(|s| MonthlySeries::combine(Measure::Total, &s.exports, &s.imports).value(Period::Ytd(m)).is_some())
    };
    let mut m = month.min(file.meta.last_month);
    while m >= file.meta.first_month {
        if known(m) {
            return Some(m);
        }
        m = m.add_months(-1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{MemberSeries, Meta, RegionBreakdown};
    use crate::dimension::{Dimension, Group, Member};

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn series(values: [i64; 13]) -> MonthlySeries {
        MonthlySeries::new(ym(2020, 1), values.iter().map(|v| Some(*v)).collect())
    }

    /// Two partners and a group holding one of them; January of 2020 and 2021, exports only.
    #[test]
    fn shares_pulls_and_groups() {
        let member = |code: &str, groups: &[&str]| Member {
            code: code.into(),
            name_zh: code.into(),
            name_en: code.into(),
            groups: groups.iter().map(|g| g.to_string()).collect(),
        };
        let zero = series([0; 13]);
        let mut a = [0; 13];
        a[0] = 60;
        a[12] = 90;
        let mut b = [0; 13];
        b[0] = 40;
        b[12] = 30;
        let file = DimensionFile {
            meta: Meta {
                schema: 1,
                generated_at: String::new(),
                illustrative: true,
                source_zh: String::new(),
                source_en: String::new(),
                currency: crate::Currency::Cny,
                first_month: ym(2020, 1),
                last_month: ym(2021, 1),
                preliminary_from: None,
                preliminary: Vec::new(),
                boundaries: None,
                pending: None,
            },
            dimension: Dimension::Partner,
            members: vec![member("A", &["g"]), member("B", &[])],
            groups: vec![Group { code: "g".into(), name_zh: "组".into(), name_en: "G".into() }],
            regions: vec![RegionBreakdown {
                region: RegionCode::parse("610302").unwrap(),
                members: vec![
                    MemberSeries { member: "A".into(), exports: series(a), imports: zero.clone() },
                    MemberSeries { member: "B".into(), exports: series(b), imports: zero.clone() },
                ],
            }],
        };
        let mut t = [0; 13];
        t[0] = 100;
        t[12] = 120;
        let rows = composition(&file, RegionCode::parse("610302").unwrap(), Measure::Total, ym(2021, 1), &series(t));
        // (code, group, ytd, yoy %, share %, pull pp): total 100 → 120 (+20%); A 60 → 90, B 40 → 30.
        let want = [
            ("A", false, 90, "50.0", "75.0", "30.0"),
            ("B", false, 30, "-25.0", "25.0", "-10.0"),
            ("g", true, 90, "50.0", "75.0", "30.0"),
        ];
        assert_eq!(rows.len(), want.len());
        for (r, (code, group, ytd, g, s, p)) in rows.iter().zip(want) {
            assert_eq!((r.code.as_str(), r.is_group, r.ytd), (code, group, Some(ytd)));
            assert_eq!(r.yoy.percent(1).unwrap().to_string(), g);
            assert_eq!(r.share.unwrap().percent(1).to_string(), s);
            assert_eq!(r.pull.unwrap().percent(1).to_string(), p);
        }
        let table = composition_table(&rows, "国别", Unit::One, Lang::Zh);
        assert_eq!(table.rows[1], ["B", "30", "-25.0", "25.0", "-10.0"]);
    }

    #[test]
    fn an_incomplete_month_points_to_the_latest_complete_one() {
        let mut file = crate::demo::tests::dimension_file(Dimension::TradeMode);
        let (city, last) = (file.regions[0].region, file.meta.last_month);
        assert_eq!(latest_complete(&file, city, last), Some(last));
        // The last month's breakdown is missing for one county: the city's sum is unknown for it.
        for m in &mut file.regions[1].members {
            m.exports.set(last, None);
        }
        let county = file.regions[1].region;
        let city_sum = |f: &DimensionFile| f.regions[0].members.iter().all(|m| m.exports.month(last).is_some());
        assert!(city_sum(&file), "the test edits a county only");
        assert_eq!(latest_complete(&file, county, last), Some(last.add_months(-1)));
        assert_eq!(latest_complete(&file, county, last.add_months(-3)), Some(last.add_months(-3)));
    }
}
