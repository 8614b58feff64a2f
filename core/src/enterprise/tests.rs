//! The enterprise registry's checks, its monthly figures with 同比 and share of the city, and the list's
//! filtering and sorting.

use super::*;
use crate::demo::tests::baoji;
use crate::period::Period;
use crate::returns::HistoryEntry;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn known() -> Known {
    let (regions, classes) = baoji();
    Known::new(&regions, &classes, d("2026-11-27"))
}

fn firm() -> Enterprise {
    Enterprise {
        id: 0,
        version: 0,
        name_zh: "示例钛业有限公司".into(),
        name_en: String::new(),
        uscc: "91350100M000100Y43".into(),
        county: RegionCode::parse("610302").unwrap(),
        nature: "private".into(),
        main_hs: "hs15".into(),
        products: "钛板".into(),
        markets: vec!["US".into(), "DE".into()],
        liaison: "赵立群".into(),
        contact: "刘洋".into(),
        phone: "0917-1234567".into(),
        status: EnterpriseStatus::Active,
        added_on: d("2024-01-15"),
        illustrative: false,
    }
}

#[test]
fn a_good_record_passes_and_each_bad_field_is_named() {
    assert_eq!(firm().check(&known()), Ok(()));
    let mut bad = firm();
    bad.name_zh = " ".into();
    bad.uscc = "91350100M000100Y44".into();
    bad.county = RegionCode::parse("610102").unwrap();
    bad.nature = "co-op".into();
    bad.main_hs = "hs99".into();
    bad.markets = vec!["US".into(), "XX".into()];
    bad.phone = "电话".into();
    bad.added_on = d("2026-11-28");
    let e = bad.check(&known()).unwrap_err();
    let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name_zh", "uscc", "county", "nature", "main_hs", "markets.1", "phone", "added_on"]);
    assert!(e.fields[1].zh.contains("校验位不符"), "{}", e.fields[1].zh);
    let mut empty = firm();
    empty.uscc = String::new();
    assert_eq!(empty.check(&known()).unwrap_err().fields[0].zh, "请填写统一社会信用代码（18位）");
}

fn history(entries: &[(&str, i64, i64)]) -> ReturnHistory {
    ReturnHistory {
        entries: entries
            .iter()
            .map(|(p, x, m)| HistoryEntry { period: Period::parse(p).unwrap(), exports: Some(*x), imports: Some(*m) })
            .collect(),
        growth_limit_pct: None,
    }
}

#[test]
fn months_show_growth_and_share_of_the_city_with_a_combined_jan_feb() {
    let h = history(&[("2020-JF", 100, 50), ("2020-03", 80, 20), ("2021-JF", 120, 60), ("2021-03", 60, 40)]);
    let start = YearMonth::new(2020, 1).unwrap();
    let city_x = MonthlySeries::new(
        start,
        vec![
            Some(600),
            Some(600),
            Some(800),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            Some(700),
            Some(700),
            Some(900),
        ],
    );
    let city = RegionSeries {
        region: RegionCode::parse("610300").unwrap(),
        exports: city_x.clone(),
        imports: MonthlySeries::new(start, vec![Some(0); 15]),
    };
    let rows = months(&h, Some(&city));
    let labels: Vec<String> = rows.iter().map(|r| r.month.to_string()).collect();
    // Newest first; the combined 1—2月 appears once, in February; the gap months have no figures.
    assert_eq!(labels.first().map(String::as_str), Some("2021-03"));
    assert_eq!(labels.iter().filter(|l| l.ends_with("-01")).count(), 0);
    let mar = &rows[0];
    assert_eq!((mar.total, mar.yoy), (Some(100), Growth::Rate(crate::indicator::Ratio::new(0, 100).unwrap())));
    assert_eq!(mar.share.unwrap().percent(2).to_string(), "11.11");
    let jf = &rows[1];
    assert_eq!(jf.total, Some(180));
    assert_eq!(jf.yoy.short(1, Lang::Zh), "20.0%");
    assert_eq!(jf.share.unwrap().percent(2).to_string(), "12.86", "180 of 1400 for 1—2月");
    let s = Standing::at(&h, YearMonth::new(2021, 3).unwrap());
    assert_eq!((s.ytd, s.ytd_base), (Some(280), Some(250)));
    assert_eq!(s.growth().short(1, Lang::En), "12.0%");
    let table = months_table(&rows, Lang::Zh);
    assert_eq!(table.headers[5], "占全市比重");
}

#[test]
fn the_list_filters_and_sorts_exactly() {
    let row = |id: i64, county: &str, ytd: Option<i64>, base: Option<i64>| {
        let mut e = firm();
        e.id = id;
        e.county = RegionCode::parse(county).unwrap();
        EnterpriseRow {
            enterprise: e,
            month: None,
            standing: Standing { ytd, ytd_base: base },
            open_problems: 0,
            overdue_problems: 0,
        }
    };
    // Growth 1/3 ≈ 33.3% and 100001/300000 ≈ 33.3334%: equal when rounded, ordered exactly.
    let rows = vec![
        row(1, "610302", Some(400), Some(300)),
        row(2, "610302", Some(400_001), Some(300_000)),
        row(3, "610303", Some(50), Some(0)),
        row(4, "610302", None, Some(10)),
        row(5, "610302", Some(900), Some(1000)),
    ];
    let ids = |v: Vec<EnterpriseRow>| v.iter().map(|r| r.enterprise.id).collect::<Vec<_>>();
    assert_eq!(ids(select(&rows, &Filter::default(), SortBy::Ytd)), [2, 5, 1, 3, 4]);
    assert_eq!(ids(select(&rows, &Filter::default(), SortBy::Growth)), [3, 2, 1, 5, 4]);
    let weibin = Filter { county: Some(RegionCode::parse("610302").unwrap()), ..Filter::default() };
    assert_eq!(ids(select(&rows, &weibin, SortBy::Ytd)), [2, 5, 1, 4]);
    let left = Filter { status: Some(EnterpriseStatus::Left), ..Filter::default() };
    assert!(select(&rows, &left, SortBy::Ytd).is_empty());
    let t = list_table(&rows, |c| c.to_string(), |h| h.to_string(), Lang::Zh);
    assert_eq!(t.rows.len(), 5);
    assert_eq!(t.rows[1][13], "40", "400001 元 shows as 40 万元, the screen's whole-万元 format");
}
