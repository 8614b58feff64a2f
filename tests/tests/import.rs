//! Importing a customs spreadsheet in Chromium, as the bureau does it: a broken .xlsx shows its
//! problems by row and column and nothing is stored; the corrected file is previewed, committed and
//! approved; its figures then appear on the dashboard and in the briefing, and the dashboard's table
//! downloads back as an .xlsx holding the same numbers.

use fantoccini::Locator;
use waimao_core::account::Role;
use waimao_core::dashboard::{amount_cell, trend, trend_table};
use waimao_core::import::Cell;
use waimao_core::{Amount, Lang, Measure, Period, RegionRegistry, Unit, YearMonth};
use waimao_tests::browser::{downloaded, Browser};
use waimao_tests::person::{signed_in_with, type_into, user};
use waimao_tests::server;

/// Exports of the `i`-th county in July 2021, in 万元; every county imports 3,000 万元.
fn exports_wan(i: usize) -> f64 {
    6000.0 + 100.0 * i as f64 + 0.5
}

/// The workbook customs would send for July 2021: the month as a date cell, amounts as numbers in 万元.
/// `broken` puts text in an amount (spreadsheet row 4) and an unknown county in row 6.
fn customs_xlsx(path: &std::path::Path, broken: bool) {
    let regions =
        RegionRegistry::parse_csv(include_str!("../../data/registry/regions-610300.csv")).expect("the registry");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("海关数据").unwrap();
    for (c, h) in ["期间", "县区", "进出口", "分类维度", "项目", "金额（万元）"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let month = rust_xlsxwriter::ExcelDateTime::from_ymd(2021, 7, 1).unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy年m月");
    let mut r = 1;
    for (i, c) in regions.counties.iter().enumerate() {
        for (flow, value) in [("出口", exports_wan(i)), ("进口", 3000.0)] {
            ws.write_datetime_with_format(r, 0, &month, &date).unwrap();
            ws.write_string(r, 1, if broken && r == 5 { "宝鸡新区" } else { &c.name_zh }).unwrap();
            ws.write_string(r, 2, flow).unwrap();
            if broken && r == 3 {
                ws.write_string(r, 5, "约6200").unwrap();
            } else {
                ws.write_number(r, 5, value).unwrap();
            }
            r += 1;
        }
    }
    for (mode, value) in [("一般贸易", 5000.0), ("加工贸易", 1000.5)] {
        ws.write_datetime_with_format(r, 0, &month, &date).unwrap();
        ws.write_string(r, 1, "渭滨区").unwrap();
        ws.write_string(r, 2, "出口").unwrap();
        ws.write_string(r, 3, "贸易方式").unwrap();
        ws.write_string(r, 4, mode).unwrap();
        ws.write_number(r, 5, value).unwrap();
        r += 1;
    }
    book.save(path).unwrap();
}

async fn choose_file(b: &Browser, path: &std::path::Path) {
    b.wait_for("[data-testid=import-file]").await.send_keys(&path.display().to_string()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customs_xlsx_is_checked_imported_published_and_exported_back() {
    let srv = server::start(true).await;
    user(&srv, "importer", Role::Admin, None, None).await;
    let files = tempfile::tempdir().unwrap();
    let (broken, good) = (files.path().join("海关7月-有误.xlsx"), files.path().join("海关7月.xlsx"));
    customs_xlsx(&broken, true);
    customs_xlsx(&good, false);
    let downloads = tempfile::tempdir().unwrap();
    let b = signed_in_with(&srv, "importer", "/admin", Some(downloads.path())).await;
    b.wait_for("[data-testid=import-link]").await.click().await.unwrap();

    // The broken file: its problems by row and column, no commit offered, nothing stored.
    choose_file(&b, &broken).await;
    b.wait_for("[data-testid=import-findings]").await;
    let rows = b.client.find_all(Locator::Css("[data-testid=finding]")).await.unwrap();
    let mut findings = Vec::new();
    for r in rows {
        findings.push(r.text().await.unwrap());
    }
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert!(findings[0].starts_with("4 F（金额（万元）） “约6200”不是数字"), "{findings:?}");
    assert!(findings[1].starts_with("6 B（县区） “宝鸡新区”不是本市的县区"), "{findings:?}");
    assert!(b.client.find(Locator::Css("[data-testid=import-commit]")).await.is_err());
    assert!(b.text("[data-testid=import-preview]").await.contains("约6200"), "the preview shows the file as it is");
    b.screenshot("import-findings").await;
    let before = srv.published().await.0;
    assert_eq!(before.meta.last_month, YearMonth::new(2021, 6).unwrap());

    // The corrected file: 26 figures, all new; committed with its source, then approved.
    choose_file(&b, &good).await;
    let plan = b.wait_text("[data-testid=import-plan]", |t| t.contains("新增")).await;
    assert!(plan.starts_with("共26条数据（12个县区，期间2021-07）：新增26条，修订0条"), "{plan}");
    assert!(b.text("[data-testid=import-progress-text]").await.contains("100%"));
    assert!(b.client.find(Locator::Css("[data-testid=import-findings]")).await.is_err());
    type_into(&b, "[data-testid=import-source]", "西安海关 2021年7月快报").await;
    b.screenshot("import-preview").await;
    b.wait_for("[data-testid=import-commit]").await.click().await.unwrap();
    b.wait_text("[data-testid=import-message]", |t| t.contains("已提交审核")).await;
    b.wait_for("[data-testid=batch][data-state=pending]").await;
    assert!(b.text("[data-testid=batches]").await.contains("西安海关 2021年7月快报"));
    b.wait_for("[data-testid=batch-approve]").await.click().await.unwrap();
    let said = b.wait_text("[data-testid=import-message]", |t| t.starts_with('#') || !t.contains("已提交审核")).await;
    b.screenshot("import-approved").await;
    assert!(said.contains("已通过并发布"), "{said}");
    b.wait_for("[data-testid=batch][data-state=approved]").await;
    // The batches table downloads as a workbook with the same rows.
    b.wait_for("[data-testid=batches-xlsx]").await.click().await.unwrap();
    let batches = waimao_core::import::sheet::read(
        "b.xlsx",
        &downloaded(&downloads.path().join("waimao-import-batches.xlsx")).await,
    )
    .unwrap();
    assert_eq!(batches.headers[2], "来源");
    let row: Vec<String> = batches.rows[0].iter().map(Cell::text).collect();
    assert_eq!((row[0].as_str(), row[2].as_str(), row[4].as_str()), ("1", "西安海关 2021年7月快报", "26"));
    assert_eq!(row.last().map(String::as_str), Some("已通过并发布"));

    // The dashboard's latest month is July, its exports exactly the file's sum.
    let july = YearMonth::new(2021, 7).unwrap();
    let exports: i64 = (0..12).map(|i| (exports_wan(i) * 10_000.0) as i64).sum();
    let (file, dims) = srv.published().await;
    assert_eq!(file.meta.last_month, july);
    assert_eq!(file.series_of(file.city.code).unwrap().exports.month(july), Some(exports));
    b.client.goto(&srv.url("/")).await.unwrap();
    b.wait_text("[data-testid=kpi-export-month]", |t| t == amount_cell(Some(exports), Unit::Yi)).await;
    b.wait_text("[data-testid=kpi-import-month]", |t| t == amount_cell(Some(12 * 30_000_000), Unit::Yi)).await;

    // The trend's table downloads as XLSX with the numbers the table shows, July's included.
    b.wait_for("[data-testid=trend-xlsx]").await.click().await.unwrap();
    let bytes = downloaded(&downloads.path().join("waimao-trend-zh.xlsx")).await;
    let grid = waimao_core::import::sheet::read("trend.xlsx", &bytes).unwrap();
    let points = trend(&file, file.city.code, Measure::Total, july, 18);
    let want = trend_table(&points, Measure::Total, Unit::Yi, Lang::Zh);
    assert_eq!(grid.headers, want.headers);
    assert_eq!(grid.rows.len(), want.rows.len());
    for (got, want) in grid.rows.iter().zip(&want.rows) {
        for (g, w) in got.iter().zip(want) {
            match g {
                Cell::Number(n) => {
                    let shown: f64 = w.trim_end_matches('%').replace(',', "").parse().unwrap();
                    let n = if w.ends_with('%') { n * 100.0 } else { *n };
                    assert!((n - shown).abs() < 1e-9, "{n} vs {w}");
                }
                other => assert_eq!(&other.text(), w),
            }
        }
    }
    let last = grid.rows.last().unwrap();
    let total_yi = Amount::cny(exports + 12 * 30_000_000).in_unit(Unit::Yi, 2).to_string();
    assert_eq!(last[1], Cell::Number(total_yi.parse().unwrap()), "July's total in 亿元");

    // The briefing for July opens with the same figures, as core writes them.
    b.client.goto(&srv.url("/briefing?period=2021-07")).await.unwrap();
    let want = waimao_core::briefing::write(&file, &dims, Period::Month(july), Lang::Zh);
    let opening = b.wait_text("[data-testid=briefing-totals] .briefing-text", |t| !t.is_empty()).await;
    assert_eq!(opening, want.sections[0].paragraphs[0]);
    let exports_text = format!("出口{}", Amount::cny(exports).display(Unit::Yi, 2, Lang::Zh));
    assert!(opening.contains(&exports_text), "{opening} lacks {exports_text}");
    assert!(b.text("[data-testid=briefing-title]").await.contains("快报"), "imported figures are preliminary");
    b.screenshot("import-briefing-july").await;
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}
