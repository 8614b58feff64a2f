//! The whole published dataset as plain CSV files for download, with a data dictionary that names every
//! field, its unit and its definition in Chinese and English. Values are whole 元 as published (never
//! rounded), so a spreadsheet sums them exactly; a year released as 1—2月 has one `YYYY-JF` row.

use crate::api::{DimensionFile, OverviewFile};
use crate::chart::Table;
use crate::region::RegionCode;
use crate::series::MonthlySeries;

/// One file of the download: its name and its table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    pub name: String,
    pub table: Table,
}

/// Every field of every file: (file, field, unit, definition in Chinese, definition in English). A file
/// name ending in `*` stands for all the dimension files.
pub const DICTIONARY: &[(&str, &str, &str, &str, &str)] = &[
    (
        "regions-monthly.csv",
        "region_code",
        "—",
        "行政区划代码（GB/T 2260），全市或区县",
        "Division code (GB/T 2260) of the city or a county",
    ),
    ("regions-monthly.csv", "region_name", "—", "地区名称", "Name of the city or county"),
    (
        "regions-monthly.csv",
        "period",
        "—",
        "统计期：YYYY-MM 为当月，YYYY-JF 为1—2月合并发布",
        "Period: YYYY-MM is a month, YYYY-JF January and February released together",
    ),
    ("regions-monthly.csv", "exports", "元", "出口额（当期）", "Exports in the period"),
    ("regions-monthly.csv", "imports", "元", "进口额（当期）", "Imports in the period"),
    ("regions-monthly.csv", "total", "元", "进出口总值 = 出口 + 进口", "Total trade = exports + imports"),
    (
        "regions-monthly.csv",
        "status",
        "—",
        "preliminary 为快报数，revised 为修订后数据",
        "preliminary (快报) or revised figures",
    ),
    (
        "dimension-*.csv",
        "region_code",
        "—",
        "行政区划代码（GB/T 2260），全市或区县",
        "Division code (GB/T 2260) of the city or a county",
    ),
    (
        "dimension-*.csv",
        "member_code",
        "—",
        "分类代码（贸易方式、商品类别、HS类、国别、企业性质）",
        "Code in the classification (trade mode, product category, HS section, partner, nature)",
    ),
    ("dimension-*.csv", "member_name", "—", "分类名称", "Name in the classification"),
    (
        "dimension-*.csv",
        "period",
        "—",
        "统计期：YYYY-MM 为当月，YYYY-JF 为1—2月合并发布",
        "Period: YYYY-MM is a month, YYYY-JF January and February released together",
    ),
    ("dimension-*.csv", "exports", "元", "该分类的出口额（当期）", "Exports of the member in the period"),
    ("dimension-*.csv", "imports", "元", "该分类的进口额（当期）", "Imports of the member in the period"),
    ("targets.csv", "region_code", "—", "行政区划代码（GB/T 2260）", "Division code (GB/T 2260)"),
    ("targets.csv", "region_name", "—", "地区名称", "Name of the county"),
    ("targets.csv", "year", "年", "目标年度", "Year of the target"),
    ("targets.csv", "target_total", "元", "年度进出口总值目标", "Annual total-trade target"),
];

/// The period rows of a series: `(code, month index)`, January skipped and February named `YYYY-JF` in
/// a year released as 1—2月.
fn periods(s: &MonthlySeries) -> Vec<(String, usize)> {
    (0..s.values.len())
        .filter_map(|i| {
            let m = s.start.add_months(i as i64);
            match (s.is_combined(m.year()), m.month()) {
                (true, 1) => None,
                (true, 2) => Some((format!("{}-JF", m.year()), i)),
                _ => Some((m.to_string(), i)),
            }
        })
        .collect()
}

fn cell(v: Option<i64>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

fn headers(file: &str) -> Vec<String> {
    DICTIONARY.iter().filter(|d| d.0 == file).map(|d| d.1.to_string()).collect()
}

/// The files of the download, the data dictionary last.
pub fn files(overview: &OverviewFile, dimensions: &[DimensionFile]) -> Vec<CsvFile> {
    let name = |code: RegionCode| {
        std::iter::once(&overview.city)
            .chain(&overview.counties)
            .find(|r| r.code == code)
            .map_or(String::new(), |r| r.name_zh.clone())
    };
    let mut rows = Vec::new();
    for s in &overview.series {
        for (period, i) in periods(&s.exports) {
            let month = s.exports.start.add_months(i as i64);
            let (x, m) = (s.exports.values.get(i).copied().flatten(), s.imports.values.get(i).copied().flatten());
            if x.is_none() && m.is_none() {
                continue;
            }
            let status = if overview.meta.is_preliminary(crate::period::Period::Month(month)) {
                "preliminary"
            } else {
                "revised"
            };
            let total = x.zip(m).map(|(a, b)| a + b);
            rows.push(vec![s.region.to_string(), name(s.region), period, cell(x), cell(m), cell(total), status.into()]);
        }
    }
    let mut out = vec![CsvFile {
        name: "regions-monthly.csv".into(),
        table: Table { headers: headers("regions-monthly.csv"), rows },
    }];
    for d in dimensions {
        let mut rows = Vec::new();
        for rb in &d.regions {
            for ms in &rb.members {
                let member =
                    d.members.iter().find(|m| m.code == ms.member).map_or(String::new(), |m| m.name_zh.clone());
                for (period, i) in periods(&ms.exports) {
                    let (x, m) =
                        (ms.exports.values.get(i).copied().flatten(), ms.imports.values.get(i).copied().flatten());
                    if x.is_some() || m.is_some() {
                        rows.push(vec![
                            rb.region.to_string(),
                            ms.member.clone(),
                            member.clone(),
                            period,
                            cell(x),
                            cell(m),
                        ]);
                    }
                }
            }
        }
        out.push(CsvFile {
            name: format!("dimension-{}.csv", d.dimension.code()),
            table: Table { headers: headers("dimension-*.csv"), rows },
        });
    }
    let targets = overview
        .targets
        .iter()
        .map(|t| vec![t.region.to_string(), name(t.region), t.year.to_string(), t.total.to_string()])
        .collect();
    out.push(CsvFile { name: "targets.csv".into(), table: Table { headers: headers("targets.csv"), rows: targets } });
    let dictionary =
        DICTIONARY.iter().map(|d| vec![d.0.into(), d.1.into(), d.2.into(), d.3.into(), d.4.into()]).collect();
    out.push(CsvFile {
        name: "data-dictionary.csv".into(),
        table: Table {
            headers: ["file", "field", "unit", "definition_zh", "definition_en"].map(String::from).to_vec(),
            rows: dictionary,
        },
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::tests::{dimension_file, overview};
    use crate::Dimension;

    #[test]
    fn every_field_is_in_the_dictionary_and_the_city_is_the_sum_of_its_counties() {
        let file = overview();
        let dims = vec![dimension_file(Dimension::TradeMode), dimension_file(Dimension::Partner)];
        let out = files(&file, &dims);
        let names: Vec<&str> = out.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "regions-monthly.csv",
                "dimension-trade_mode.csv",
                "dimension-partner.csv",
                "targets.csv",
                "data-dictionary.csv"
            ]
        );
        for f in &out[..out.len() - 1] {
            assert!(!f.table.headers.is_empty() && !f.table.rows.is_empty(), "{}", f.name);
            assert!(f.table.rows.iter().all(|r| r.len() == f.table.headers.len()), "{}", f.name);
        }
        // The city's row of each period equals the sum of the counties' rows, exactly.
        let regions = &out[0].table;
        let city = file.city.code.to_string();
        for row in regions.rows.iter().filter(|r| r[0] == city) {
            let sum: i64 = regions
                .rows
                .iter()
                .filter(|r| r[0] != city && r[2] == row[2])
                .map(|r| r[5].parse::<i64>().unwrap())
                .sum();
            assert_eq!(row[5].parse::<i64>().unwrap(), sum, "{}", row[2]);
        }
        // One row per region and month of the demo's 30 months.
        assert_eq!(regions.rows.len(), (1 + file.counties.len()) * 30);
        assert!(out.last().unwrap().table.to_csv().contains("进出口总值 = 出口 + 进口"));
    }

    #[test]
    fn a_combined_january_february_is_one_row() {
        let start = crate::YearMonth::new(2021, 1).unwrap();
        let mut s = MonthlySeries::new(start, vec![None, Some(30), Some(20)]);
        s.jan_feb_combined = vec![2021];
        let codes: Vec<String> = periods(&s).into_iter().map(|p| p.0).collect();
        assert_eq!(codes, ["2021-JF", "2021-03"]);
    }
}
