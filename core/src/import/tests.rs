//! The import's checks on good files and on broken ones: every broken file gives a clear finding with
//! its row and column and no figure at all.

use std::collections::BTreeMap;
use std::io::Cursor;

use super::sheet;
use super::*;
use crate::amount::{Amount, Currency, Unit};
use crate::demo::tests::baoji;
use crate::observation::{Entity, Status};
use crate::period::{Period, YearMonth};
use crate::region::RegionCode;
use crate::Dimension;

const HEADER: &str = "期间,县区,进出口,分类维度,项目,金额（万元）,数据状态";

fn good_csv() -> String {
    [
        HEADER,
        "2021年7月,渭滨区,出口,,,\"1,234.5\",快报",
        "202107,610302,进口,,,200,",
        "2021-07,渭滨,出口,贸易方式,一般贸易,1000,",
        "2021-07,Weibin District,出口,trade_mode,processing,234.5,",
        "2021年1—2月,金台区,export,,,88.0001,修订",
    ]
    .join("\n")
}

fn check(name: &str, bytes: &[u8]) -> Result<Vec<ImportedFigure>, Report> {
    let (regions, classes) = baoji();
    let grid = sheet::read(name, bytes).map_err(|f| Report { findings: vec![f], total: 1 })?;
    let mapping = Mapping::suggest(&grid.headers, None);
    read_figures(&grid, &mapping, &regions, &classes, &[])
}

fn findings(r: Result<Vec<ImportedFigure>, Report>) -> Vec<Finding> {
    match r {
        Ok(f) => panic!("expected findings, got {} figures", f.len()),
        Err(report) => report.findings,
    }
}

fn month(y: i32, m: u32) -> Period {
    Period::Month(YearMonth::new(y, m).unwrap())
}

#[test]
fn a_good_csv_gives_exact_figures() {
    let figures = check("7月.csv", format!("\u{feff}{}", good_csv()).as_bytes()).unwrap();
    assert_eq!(figures.len(), 5);
    let weibin = RegionCode::parse("610302").unwrap();
    assert_eq!((figures[0].region, figures[0].period, figures[0].row), (weibin, month(2021, 7), 2));
    assert_eq!(figures[0].value, Amount::cny(12_345_000));
    assert_eq!(figures[0].status, Some(Status::Preliminary));
    assert_eq!((figures[1].flow, figures[1].value.units, figures[1].status), (crate::Flow::Import, 2_000_000, None));
    let b = figures[3].breakdown.as_ref().unwrap();
    assert_eq!(
        (b.dimension, b.member.as_str(), figures[3].value.units),
        (Dimension::TradeMode, "processing", 2_345_000)
    );
    assert_eq!((figures[4].period, figures[4].value.units), (Period::JanFeb(2021), 880_001));
}

#[test]
fn a_gb18030_csv_reads_like_utf8() {
    let text = good_csv();
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    assert!(std::str::from_utf8(&gbk).is_err(), "the test file must not be valid UTF-8");
    assert_eq!(check("7月.csv", &gbk).unwrap(), check("7月.csv", good_csv().as_bytes()).unwrap());
}

/// An .xlsx written the way customs send them: numbers as numbers, the month as a date cell.
fn xlsx(rows: &[(&str, &str, &str, &str, f64)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["期间", "县区", "进出口", "分类维度", "项目", "金额（万元）"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm");
    for (r, (_, region, flow, dim, value)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2021, 7, 1).unwrap();
        ws.write_datetime_with_format(r, 0, &d, &date).unwrap();
        ws.write_string(r, 1, *region).unwrap();
        ws.write_string(r, 2, *flow).unwrap();
        if !dim.is_empty() {
            let (d, m) = dim.split_once('/').unwrap();
            ws.write_string(r, 3, d).unwrap();
            ws.write_string(r, 4, m).unwrap();
        }
        ws.write_number(r, 5, *value).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_good_xlsx_gives_the_same_figures_as_typed() {
    let bytes = xlsx(&[
        ("", "渭滨区", "出口", "", 1234.5678),
        ("", "610303", "进口", "", 0.0),
        ("", "陈仓区", "出口", "国别（地区）/美国", 12.3),
    ]);
    let figures = check("customs.xlsx", &bytes).unwrap();
    assert_eq!(figures.len(), 3);
    assert!(figures.iter().all(|f| f.period == month(2021, 7)), "date cells are read as their month");
    assert_eq!(figures[0].value.units, 12_345_678, "1234.5678万元 is exact, not a float");
    assert_eq!(figures[1].value.units, 0);
    assert_eq!(figures[2].breakdown.as_ref().unwrap().member, "US");
    assert_eq!(figures[2].value.units, 123_000);
}

#[test]
fn wrong_columns_name_what_is_missing_and_what_is_there() {
    let f = findings(check("x.csv", "月份,地区,进出口,备注\n2021-07,渭滨区,出口,1".as_bytes()));
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].row, &f[0].column), (None, &None));
    assert!(f[0].zh.contains("“金额”") && f[0].zh.contains("备注"), "{}", f[0].zh);
    assert!(f[0].en.contains("Amount"), "{}", f[0].en);
}

#[test]
fn text_in_a_number_cell_is_reported_at_its_row_and_column_and_nothing_is_read() {
    let text = format!(
        "{}\n2021-08,金台区,出口,,,约100,\n2021-08,金台区,进口,,,-5,\n2021-08,金台区,出口,,,1.00001,",
        good_csv()
    );
    let f = findings(check("x.csv", text.as_bytes()));
    assert_eq!(f.len(), 3);
    assert_eq!((f[0].row, f[0].column.as_deref()), (Some(7), Some("F（金额（万元））")));
    assert!(f[0].zh.contains("“约100”不是数字"), "{}", f[0].zh);
    assert!(f[0].en.contains("is not a number"));
    assert!(f[1].zh.contains("负数"), "{}", f[1].zh);
    assert!(f[2].zh.contains("小数位多于4位"), "{}", f[2].zh);
}

#[test]
fn bad_names_are_reported_in_both_languages() {
    let text = format!(
        "{HEADER}\n2021-13,渭滨区,出口,,,1,\n2021-Q3,渭滨区,出口,,,1,\n2021-07,西安,出口,,,1,\n2021-07,610300,出口,,,1,\n\
         2021-07,渭滨区,转口,,,1,\n2021-07,渭滨区,出口,贸易方式,易货,1,\n2021-07,渭滨区,出口,,,1,初步"
    );
    let f = findings(check("x.csv", text.as_bytes()));
    let got: Vec<(Option<u32>, &str)> = f.iter().map(|f| (f.row, f.column.as_deref().unwrap_or(""))).collect();
    assert_eq!(
        got,
        vec![
            (Some(2), "A（期间）"),
            (Some(3), "A（期间）"),
            (Some(4), "B（县区）"),
            (Some(5), "B（县区）"),
            (Some(6), "C（进出口）"),
            (Some(7), "E（项目）"),
            (Some(8), "G（数据状态）"),
        ]
    );
    assert!(f[1].zh.contains("季度或累计"), "{}", f[1].zh);
    assert!(f[3].zh.contains("全市数由各县区相加得出"), "{}", f[3].zh);
    assert!(f.iter().all(|f| !f.zh.is_empty() && !f.en.is_empty()));
}

#[test]
fn a_duplicate_row_names_the_first() {
    let text = format!("{}\n2021-07,610302,出口,,,5,", good_csv());
    let f = findings(check("x.csv", text.as_bytes()));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].row, Some(7));
    assert!(f[0].zh.contains("与第2行重复"), "{}", f[0].zh);
}

#[test]
fn empty_files_say_so() {
    for (name, bytes) in [("a.csv", &b""[..]), ("a.csv", b"\n\n"), ("a.xlsx", b"")] {
        let f = findings(check(name, bytes));
        assert!(f[0].zh.contains("文件是空的"), "{name}: {}", f[0].zh);
    }
    let f = findings(check("a.csv", HEADER.as_bytes()));
    assert!(f[0].zh.contains("没有数据行"), "{}", f[0].zh);
    let f = findings(check("a.xlsx", b"not a workbook at all"));
    assert!(f[0].zh.contains("不是有效的Excel文件"), "{}", f[0].zh);
}

#[test]
fn breakdowns_may_not_exceed_their_total() {
    let text = format!("{HEADER}\n2021-07,渭滨区,出口,,,100,\n2021-07,渭滨区,出口,贸易方式,一般贸易,80,\n2021-07,渭滨区,出口,贸易方式,加工贸易,30,\n2021-07,渭滨区,出口,重点商品,机电产品,101,");
    let f = findings(check("x.csv", text.as_bytes()));
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].row, Some(5));
    assert_eq!(f[1].row, Some(2));
    assert!(f[1].zh.contains("各贸易方式合计110万元，大于本行总值100万元"), "{}", f[1].zh);
}

#[test]
fn usd_files_are_refused_until_converted() {
    let (regions, classes) = baoji();
    let grid = sheet::read("x.csv", good_csv().replace("金额（万元）", "金额（万美元）").as_bytes()).unwrap();
    let mapping = Mapping::suggest(&grid.headers, None);
    assert_eq!((mapping.unit, mapping.currency), (Unit::Wan, Currency::Usd), "the header states 万美元");
    let f = read_figures(&grid, &mapping, &regions, &classes, &[]).unwrap_err().findings;
    assert!(f[0].zh.contains("人民币"), "{}", f[0].zh);
}

/// Rows of every county, flow and breakdown member for `months` months from January 2000.
fn big_csv(months: i64) -> String {
    let (regions, classes) = baoji();
    let mut out = String::from(HEADER);
    let start = YearMonth::new(2000, 1).unwrap();
    for m in 0..months {
        let ym = start.add_months(m);
        for c in &regions.counties {
            for flow in ["出口", "进口"] {
                out.push_str(&format!("\n{ym},{},{flow},,,100000,", c.code));
                for d in [Dimension::TradeMode, Dimension::HsSection, Dimension::Partner] {
                    for member in classes.members(d) {
                        out.push_str(&format!("\n{ym},{},{flow},{},{},{},", c.code, d.code(), member.code, 1));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn a_ten_megabyte_file_is_read_whole_or_not_at_all() {
    let mut text = big_csv(240);
    assert!(text.len() > 10_000_000, "the file is {} bytes", text.len());
    let rows = text.lines().count() - 1;
    assert_eq!(check("big.csv", text.as_bytes()).unwrap().len(), rows);
    text.push_str("\n2021-07,渭滨区,出口,,,十万,");
    let f = check("big.csv", text.as_bytes()).unwrap_err();
    assert_eq!(f.total, 1);
    assert_eq!(f.findings[0].row, Some(rows as u32 + 2));
}

#[test]
fn a_file_with_many_errors_lists_the_first_and_counts_them_all() {
    let text = format!("{HEADER}\n{}", vec!["2021-07,渭滨区,出口,,,x,"; 500].join("\n"));
    let r = check("x.csv", text.as_bytes()).unwrap_err();
    assert_eq!((r.findings.len(), r.total), (MAX_FINDINGS, 500));
}

#[test]
fn the_plan_stores_what_changes_and_importing_twice_changes_nothing() {
    let figures = check("7月.csv", good_csv().as_bytes()).unwrap();
    let first = plan(&figures, &BTreeMap::new());
    assert_eq!((first.summary.new, first.summary.revised, first.summary.unchanged), (5, 0, 0));
    assert_eq!(first.summary.periods, vec!["2021-JF", "2021-07"]);
    assert_eq!(first.summary.counties, 2);
    assert!(first.observations.iter().all(|o| o.version == 1));
    // As stored after the first import was approved.
    let mut stored: BTreeMap<_, _> = first
        .observations
        .iter()
        .map(|o| (o.key(), plan::Stored { customs: Some(o.value), version: o.version }))
        .collect();
    let again = plan(&figures, &stored);
    assert_eq!((again.summary.changes(), again.summary.unchanged), (0, 5));
    assert!(again.observations.is_empty());
    // Customs revise one figure: only it is stored, as version 2 marked 修订.
    let key = figures[1].key();
    stored.insert(key.clone(), plan::Stored { customs: Some(Amount::cny(1)), version: 1 });
    let revised = plan(&figures, &stored);
    assert_eq!((revised.summary.new, revised.summary.revised, revised.summary.unchanged), (0, 1, 4));
    let o = &revised.observations[0];
    assert_eq!((o.key(), o.version, o.status, o.value.units), (key, 2, Status::Revised, 2_000_000));
}

#[test]
fn the_mapping_is_suggested_from_headers_and_the_remembered_one_wins() {
    let headers: Vec<String> =
        ["统计月份", "县（区）", "进出口", "金额（亿元）", "备注"].iter().map(|s| s.to_string()).collect();
    let m = Mapping::suggest(&headers, None);
    assert_eq!(m.columns[&Field::Period], "统计月份");
    assert_eq!(m.columns[&Field::Region], "县（区）");
    assert_eq!(m.columns[&Field::Value], "金额（亿元）");
    assert_eq!(m.unit, Unit::Yi);
    assert!(!m.columns.contains_key(&Field::Dimension));
    let mut remembered = m.clone();
    remembered.columns.insert(Field::Value, "备注".into());
    remembered.columns.insert(Field::Status, "不在此文件".into());
    remembered.unit = Unit::One;
    let again = Mapping::suggest(&headers, Some(&remembered));
    assert_eq!(again.columns[&Field::Value], "备注");
    assert_eq!(again.unit, Unit::One, "the remembered unit is kept");
    assert!(!again.columns.contains_key(&Field::Status), "a column the file lacks is dropped");
}

#[test]
fn column_letters_follow_the_spreadsheet() {
    let got: Vec<String> = [0, 5, 25, 26, 27, 701, 702].iter().map(|&i| column_letter(i)).collect();
    assert_eq!(got, ["A", "F", "Z", "AA", "AB", "ZZ", "AAA"]);
}

#[test]
fn a_header_states_its_unit_and_currency() {
    use super::mapping::stated_unit;
    let cases: &[(&str, Option<Unit>, Option<Currency>)] = &[
        ("金额（亿元）", Some(Unit::Yi), Some(Currency::Cny)),
        ("金额(万元)", Some(Unit::Wan), Some(Currency::Cny)),
        ("金额（元）", Some(Unit::One), Some(Currency::Cny)),
        ("金额（万美元）", Some(Unit::Wan), Some(Currency::Usd)),
        ("当月金额 亿美元", Some(Unit::Yi), Some(Currency::Usd)),
        ("Value (CNY 10k)", Some(Unit::Wan), Some(Currency::Cny)),
        ("Value (USD)", None, Some(Currency::Usd)),
        ("人民币", None, Some(Currency::Cny)),
        ("金额", None, None),
        ("amount", None, None),
    ];
    for &(header, unit, currency) in cases {
        assert_eq!(stated_unit(header), (unit, currency), "{header}");
    }
}

/// A file's figures read under the mapping suggested from `remembered`.
fn check_remembered(text: &str, remembered: &Mapping) -> Result<Vec<ImportedFigure>, Report> {
    let (regions, classes) = baoji();
    let grid = sheet::read("x.csv", text.as_bytes()).unwrap();
    read_figures(&grid, &Mapping::suggest(&grid.headers, Some(remembered)), &regions, &classes, &[])
}

#[test]
fn the_unit_a_header_states_wins_over_the_remembered_one() {
    // Last month's file was in 亿元; this month's says 万元 (and the reverse): the header decides.
    let yi = Mapping::suggest(&["期间", "县区", "进出口", "金额（亿元）"].map(String::from), None);
    assert_eq!(yi.unit, Unit::Yi);
    let wan_file = "期间,县区,进出口,金额（万元）\n2021-05,610302,出口,1234.5";
    let figures = check_remembered(wan_file, &yi).unwrap();
    assert_eq!(figures[0].value, Amount::cny(12_345_000), "1234.5 万元 is 12,345,000 元, not ×10,000");
    let wan = Mapping::suggest(&["期间", "县区", "进出口", "金额（万元）"].map(String::from), None);
    let yi_file = "期间,县区,进出口,金额（亿元）\n2021-05,610302,出口,1.5";
    assert_eq!(check_remembered(yi_file, &wan).unwrap()[0].value, Amount::cny(150_000_000));
    // A remembered mapping whose value column states nothing keeps its unit.
    let plain = Mapping {
        unit: Unit::Yi,
        ..Mapping::suggest(&["期间", "县区", "进出口", "金额"].map(String::from), None)
    };
    let plain_file = "期间,县区,进出口,金额\n2021-05,610302,出口,2";
    assert_eq!(check_remembered(plain_file, &plain).unwrap()[0].value, Amount::cny(200_000_000));
}

#[test]
fn a_unit_chosen_against_the_header_stops_the_check() {
    let (regions, classes) = baoji();
    let grid = sheet::read("x.csv", "期间,县区,进出口,金额（万元）\n2021-05,610302,出口,1234.5".as_bytes()).unwrap();
    let mapping = Mapping { unit: Unit::Yi, ..Mapping::suggest(&grid.headers, None) };
    let f = read_figures(&grid, &mapping, &regions, &classes, &[]).unwrap_err().findings;
    assert_eq!(f.len(), 1);
    assert!(f[0].zh.contains("写明单位为万元") && f[0].zh.contains("所选单位为亿元"), "{}", f[0].zh);
    assert!(f[0].en.ends_with("choose CNY 10k"), "{}", f[0].en);
}

#[test]
fn a_row_with_more_cells_than_the_header_is_an_error() {
    let text =
        "期间,县区,进出口,金额（万元）\n2021-05,610302,进口,20\n2021-05,610302,出口,1,234.5\n2021-06,610302,出口,5,";
    let f = findings(check("x.csv", text.as_bytes()));
    assert_eq!(f.len(), 1, "a trailing empty cell is no error: {f:?}");
    assert_eq!((f[0].row, f[0].column.as_deref()), (Some(3), Some("E")));
    assert!(f[0].zh.contains("千位分隔符") && f[0].zh.contains("“234.5”"), "{}", f[0].zh);
}

#[test]
fn an_import_keeps_a_countys_return_beside_it() {
    // The county's own return gave 7月 figures (versions 1 and 2); customs' first import of the same
    // figures is new to customs: 快报 unless the file says otherwise, stored as the next version.
    let figures = check("7月.csv", good_csv().as_bytes()).unwrap();
    let stored: BTreeMap<_, _> =
        figures.iter().map(|f| (f.key(), plan::Stored { customs: None, version: 2 })).collect();
    let p = plan(&figures, &stored);
    assert_eq!((p.summary.new, p.summary.revised, p.summary.unchanged), (5, 0, 0));
    assert!(p.observations.iter().all(|o| o.version == 3));
    let statuses: Vec<Status> = p.observations.iter().map(|o| o.status).collect();
    assert_eq!(
        statuses,
        [Status::Preliminary, Status::Preliminary, Status::Preliminary, Status::Preliminary, Status::Revised]
    );
}

/// Customs' enterprise-level rows: each row is a key enterprise's figure, found by credit code or
/// registered name; its county comes from the registry and, when the file gives one, must agree.
#[test]
fn enterprise_rows_are_the_enterprises_figures() {
    let (regions, classes) = baoji();
    let firms = crate::demo::generate(&regions, &classes, 7).enterprises;
    let (a, b) = (&firms[0], &firms[1]);
    let other_county = regions.counties.iter().find(|c| c.code != a.county).unwrap();
    let unknown = format!("91610300MA6X00000{}", crate::uscc::check_character(b"91610300MA6X00000").unwrap());
    let mut bad_check = a.uscc.clone();
    let last = bad_check.pop().unwrap();
    bad_check.push(if last == '0' { '1' } else { '0' });
    let rows = [
        "期间,县区,企业,进出口,金额（万元）".to_string(),
        format!("2021-07,,{},出口,12.5", a.uscc.to_lowercase()),
        format!("2021-07,{},{},进口,3", b.county, b.name_zh),
        "2021-07,渭滨区,,出口,100".to_string(),
    ];
    let grid = sheet::read("企业.csv", rows.join("\n").as_bytes()).unwrap();
    let mapping = Mapping::suggest(&grid.headers, None);
    assert_eq!(mapping.columns[&Field::Enterprise], "企业");
    let figures = read_figures(&grid, &mapping, &regions, &classes, &firms).unwrap();
    let entities: Vec<String> = figures.iter().map(|f| f.entity().to_string()).collect();
    assert_eq!(entities, [format!("enterprise:{}", a.id), format!("enterprise:{}", b.id), "region:610302".into()]);
    assert_eq!((figures[0].region, figures[0].value.units), (a.county, 125_000));
    let summary = plan(&figures, &BTreeMap::new()).summary;
    assert_eq!((summary.counties, summary.enterprises), (1, 2));
    assert!(summary.sentence(crate::Lang::Zh).contains("1个县区、2家企业"), "{}", summary.sentence(crate::Lang::Zh));

    // Each bad enterprise cell is reported at its row, in the enterprise or county column.
    let cases: [(String, &str, &str); 4] = [
        (format!("2021-07,{},{},出口,1", other_county.code, a.uscc), "C", "与该企业登记的县区"),
        (format!("2021-07,,{unknown},出口,1"), "C", "统一社会信用代码"),
        (format!("2021-07,,{bad_check},出口,1"), "C", "校验"),
        ("2021-07,,不存在的公司,出口,1".into(), "C", "不是已登记的重点企业"),
    ];
    for (row, column, says) in cases {
        let text = format!("{}\n{row}", rows[0]);
        let grid = sheet::read("企业.csv", text.as_bytes()).unwrap();
        let f = read_figures(&grid, &mapping, &regions, &classes, &firms).unwrap_err().findings;
        assert_eq!(f.len(), 1, "{row}: {f:?}");
        let expected_column = if says.contains("县区") { "B" } else { column };
        assert!(f[0].column.as_deref().unwrap_or_default().starts_with(expected_column), "{row}: {f:?}");
        assert!(f[0].zh.contains(says), "{row}: {}", f[0].zh);
        assert_eq!(f[0].row, Some(2));
    }

    // Without a county column, a file of enterprise rows is complete.
    let text = format!("期间,统一社会信用代码,进出口,金额（万元）\n2021-07,{},出口,1", a.uscc);
    let grid = sheet::read("企业.csv", text.as_bytes()).unwrap();
    let mapping = Mapping::suggest(&grid.headers, None);
    let figures = read_figures(&grid, &mapping, &regions, &classes, &firms).unwrap();
    assert_eq!(figures[0].entity(), Entity::Enterprise(a.id as u32));
}

/// A workbook whose only other value is at `(row, col)`, as a hostile upload makes it.
fn sparse_xlsx(row: u32, col: u16) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "期间").unwrap();
    ws.write_string(row, col, "x").unwrap();
    book.save_to_buffer().unwrap()
}

/// A zip that looks like a workbook and unpacks to `mb` megabytes of spaces.
fn whitespace_bomb(mb: usize) -> Vec<u8> {
    use std::io::Write;
    let mut out = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", deflate).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("xl/sharedStrings.xml", deflate).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..mb {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// Hostile and oversized files are refused with the limit they break, before they are held whole: a
/// 1.6 KB workbook declaring the whole sheet, a cell a million rows down, a small zip of gigabytes, a
/// line of commas, too many columns or rows.
#[test]
fn files_over_the_limits_are_refused_with_the_limit_named() {
    let wide_csv = format!("{}\n", (0..150).map(|i| format!("c{i}")).collect::<Vec<_>>().join(","));
    let long_rows = format!("期间,金额\n{}", "2021-07,1\n".repeat(sheet::limits::ROWS + 1));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bomb.xlsx", sparse_xlsx(1_048_575, 16_383), "最多100列"),
        ("tall.xlsx", sparse_xlsx(1_048_575, 1), "最多500,000行"),
        ("wide.xlsx", sparse_xlsx(1, 120), "最多100列"),
        ("zip.xlsx", whitespace_bomb(80), "解压后超过64 MB"),
        ("commas.csv", ",".repeat(1 << 20).into_bytes(), "一行最多65,536个字符"),
        ("wide.csv", wide_csv.into_bytes(), "最多100列"),
        ("long.csv", long_rows.into_bytes(), "最多500,000行"),
    ];
    for (name, bytes, says) in cases {
        let f = sheet::read(name, &bytes).err().unwrap_or_else(|| panic!("{name} was read"));
        assert!(f.zh.starts_with("文件过大：") && f.zh.contains(says), "{name}: {}", f.zh);
        assert!(f.en.starts_with("The file is too large"), "{name}: {}", f.en);
    }
    // Just under the limits, a file is read: the same code path, not a blanket refusal.
    let fits = format!("期间,金额\n{}", "2021-07,1\n".repeat(1_000));
    assert_eq!(sheet::read("fits.csv", fits.as_bytes()).unwrap().rows.len(), 1_000);
    assert_eq!(sheet::read("fits.xlsx", &sparse_xlsx(5_000, 99)).unwrap().rows.len(), 5_000);
}
