//! The exports-and-imports view: for one region and a run of months, each month's 出口, 进口, the
//! export share of the total and the balance (贸易差额, exports minus imports), with their table.

use crate::amount::{Amount, Unit};
use crate::api::OverviewFile;
use crate::chart::Table;
use crate::dashboard::{amount_cell, percent_cell};
use crate::indicator::{share, Ratio};
use crate::lang::Lang;
use crate::period::YearMonth;
use crate::region::RegionCode;

/// One month of the exports-and-imports chart, in 元.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowMonth {
    pub month: YearMonth,
    pub exports: Option<i64>,
    pub imports: Option<i64>,
}

impl FlowMonth {
    /// 进出口总值, only when both flows are known.
    pub fn total(&self) -> Option<i64> {
        Some(self.exports? + self.imports?)
    }

    /// 贸易差额: positive is a surplus (顺差), negative a deficit (逆差).
    pub fn balance(&self) -> Option<i64> {
        Some(self.exports? - self.imports?)
    }

    /// The export share of the total, exactly.
    pub fn export_share(&self) -> Option<Ratio> {
        share(self.exports?, self.total()?)
    }

    /// The import share of the total, exactly; with the export share it sums to exactly 100%.
    pub fn import_share(&self) -> Option<Ratio> {
        share(self.imports?, self.total()?)
    }
}

/// The `count` months ending at `last` (fewer if the file starts later) for `region`.
pub fn flow_months(file: &OverviewFile, region: RegionCode, last: YearMonth, count: usize) -> Vec<FlowMonth> {
    let Some(rs) = file.series_of(region) else {
        return Vec::new();
    };
    let first = last.add_months(1 - count as i64).max(file.meta.first_month);
    first
        .through(last)
        .map(|m| FlowMonth { month: m, exports: rs.exports.month(m), imports: rs.imports.month(m) })
        .collect()
}

/// The chart's one-sentence summary for screen readers, about the latest month shown:
/// "2021年6月出口3.12亿元，进口1.05亿元，出口占75.0%，贸易顺差2.07亿元。"
pub fn flows_summary(months: &[FlowMonth], unit: Unit, lang: Lang) -> String {
    let Some(m) = months.iter().rev().find(|m| m.total().is_some()) else {
        return String::new();
    };
    let amount = |v: Option<i64>| v.map_or_else(|| "—".to_string(), |v| Amount::cny(v).display(unit, 2, lang));
    let share = percent_cell(m.export_share());
    let balance = m.balance().unwrap_or(0);
    let (zh_word, en_word) = if balance >= 0 { ("顺差", "surplus") } else { ("逆差", "deficit") };
    let gap = amount(Some(balance.abs()));
    match lang {
        Lang::Zh => format!(
            "{}出口{}，进口{}，出口占{share}%，贸易{zh_word}{gap}。",
            m.month.label(lang),
            amount(m.exports),
            amount(m.imports)
        ),
        Lang::En => format!(
            "{}: exports {}, imports {}, exports {share}% of the total, a {en_word} of {gap}.",
            m.month.label(lang),
            amount(m.exports),
            amount(m.imports)
        ),
    }
}

/// The chart's table: 月份, 出口, 进口, 出口占比, 贸易差额.
pub fn flows_table(months: &[FlowMonth], unit: Unit, lang: Lang) -> Table {
    let unit_label = unit.label(crate::Currency::Cny, lang);
    Table {
        headers: vec![
            lang.pick("月份", "Month").to_string(),
            format!("{}（{unit_label}）", lang.pick("出口", "Exports")),
            format!("{}（{unit_label}）", lang.pick("进口", "Imports")),
            format!("{} %", lang.pick("出口占比", "Export share")),
            format!("{}（{unit_label}）", lang.pick("贸易差额", "Balance")),
        ],
        rows: months
            .iter()
            .map(|m| {
                vec![
                    m.month.label(lang),
                    amount_cell(m.exports, unit),
                    amount_cell(m.imports, unit),
                    percent_cell(m.export_share()),
                    amount_cell(m.balance(), unit),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::{measure_series, trend};
    use crate::demo::tests::overview as demo_overview;
    use crate::flow::Measure;

    #[test]
    fn months_agree_with_the_trend_and_shares_sum_to_one_hundred() {
        let file = demo_overview();
        let last = YearMonth::new(2021, 6).unwrap();
        let months = flow_months(&file, file.city.code, last, 12);
        assert_eq!(months.len(), 12);
        assert_eq!(months[11].month, last);
        let totals = trend(&file, file.city.code, Measure::Total, last, 12);
        for (m, t) in months.iter().zip(&totals) {
            assert_eq!(m.total(), t.value, "{}", m.month.label(Lang::Zh));
            let (e, i) = (m.export_share().unwrap(), m.import_share().unwrap());
            assert_eq!(e.num() * i.den() + i.num() * e.den(), e.den() * i.den(), "shares must sum to exactly 1");
        }
        let balance = measure_series(file.series_of(file.city.code).unwrap(), Measure::Balance);
        assert_eq!(months[11].balance(), balance.month(last));
    }

    #[test]
    fn missing_flows_stay_missing() {
        let m = FlowMonth { month: YearMonth::new(2021, 1).unwrap(), exports: Some(5), imports: None };
        assert_eq!((m.total(), m.balance(), m.export_share()), (None, None, None));
        let table = flows_table(&[m], Unit::One, Lang::En);
        assert_eq!(table.rows[0][1..], ["5", "—", "—", "—"]);
        let m = FlowMonth {
            month: YearMonth::new(2021, 2).unwrap(),
            exports: Some(300_000_000),
            imports: Some(100_000_000),
        };
        let table = flows_table(&[m], Unit::Yi, Lang::Zh);
        assert_eq!(table.headers[4], "贸易差额（亿元）");
        assert_eq!(table.rows[0][1..], ["3.00", "1.00", "75.0", "2.00"]);
        assert_eq!(
            flows_summary(&[m], Unit::Yi, Lang::Zh),
            "2021年2月出口3.00亿元，进口1.00亿元，出口占75.0%，贸易顺差2.00亿元。"
        );
        let deficit = FlowMonth { exports: Some(100_000_000), imports: Some(300_000_000), ..m };
        assert_eq!(
            flows_summary(&[deficit], Unit::Yi, Lang::En),
            "Feb 2021: exports ¥100.00 mn, imports ¥300.00 mn, exports 25.0% of the total, a deficit of ¥200.00 mn."
        );
    }
}
