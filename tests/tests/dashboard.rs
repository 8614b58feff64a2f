//! The dashboard in real Chromium: the figures on screen are the ones `waimao-core` computes from the
//! same published file; the language switch relabels everything; a failed load offers a retry.

use waimao_core::api::OverviewFile;
use waimao_core::dashboard::{county_ranking, kpis, KPI_MEASURES};
use waimao_core::{Amount, Lang, Measure, Unit, YearMonth};
use waimao_tests::browser::Browser;
use waimao_tests::server;

fn amount(v: Option<i64>, unit: Unit) -> String {
    v.map(|v| Amount::cny(v).in_unit(unit, unit.display_decimals()).grouped()).unwrap_or_else(|| "—".into())
}

/// Reads every KPI figure on the page and compares it with core's computation for `month`.
async fn assert_kpis_match(b: &Browser, file: &OverviewFile, month: YearMonth, unit: Unit, lang: Lang) {
    let expected = kpis(file, file.city.code, month);
    assert_eq!(expected.len(), KPI_MEASURES.len());
    for k in expected {
        let code = k.measure.code();
        let want_month = amount(k.month, unit);
        let got = b.wait_text(&format!("[data-testid=kpi-{code}-month]"), |t| t == want_month).await;
        assert_eq!(got, want_month, "{code} month");
        assert_eq!(b.text(&format!("[data-testid=kpi-{code}-ytd]")).await, amount(k.ytd, unit), "{code} ytd");
        assert_eq!(b.text(&format!("[data-testid=kpi-{code}-month-yoy]")).await, k.month_yoy.short(1, lang));
        assert_eq!(b.text(&format!("[data-testid=kpi-{code}-ytd-yoy]")).await, k.ytd_yoy.short(1, lang));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn dashboard_shows_the_figures_core_computes() {
    let srv = server::start(true).await;
    let file: OverviewFile = reqwest::get(srv.url("/data/overview.json")).await.unwrap().json().await.unwrap();
    let b = Browser::start(1280, 1000).await;
    b.client.goto(&srv.url("/")).await.unwrap();

    // Chinese by default, in 亿元, for the latest month.
    let last = file.meta.last_month;
    assert_kpis_match(&b, &file, last, Unit::Yi, Lang::Zh).await;
    assert_eq!(b.text("[data-testid=kpi-total-title]").await, "进出口总值");
    assert!(b.text("[data-testid=illustrative]").await.contains("示例数据"));
    let top = &county_ranking(&file, Measure::Total, last)[0];
    // The ranking's first row is the top county, and it is a button that names it.
    let first_row = b.wait_for("[data-testid=ranking-hit-0]").await.attr("aria-label").await.unwrap().unwrap();
    assert!(first_row.starts_with(&format!("1 {}：", top.region.name_zh)), "{first_row}");
    let headline = b.text("[data-testid=headline]").await;
    assert!(headline.starts_with("2021年1—6月，宝鸡市进出口总值"), "{headline}");
    b.screenshot("dashboard-zh").await;
    b.assert_accessible("the dashboard (zh)").await;

    // Another month and another unit.
    let month = YearMonth::new(2020, 2).unwrap();
    b.wait_for("[data-testid=month-select]").await.select_by_value(&month.to_string()).await.unwrap();
    b.wait_for("[data-testid=unit-wan]").await.click().await.unwrap();
    assert_kpis_match(&b, &file, month, Unit::Wan, Lang::Zh).await;

    // English labels; the choice (and the month and unit, which the URL holds) survives a reload.
    b.wait_for("[data-testid=lang-toggle]").await.click().await.unwrap();
    b.wait_text("[data-testid=kpi-total-title]", |t| t == "Total trade").await;
    assert_eq!(b.text("[data-testid=kpi-export-title]").await, "Exports");
    assert_eq!(b.text("[data-testid=kpi-import-title]").await, "Imports");
    assert!(b.text("[data-testid=illustrative]").await.starts_with("Illustrative data"));
    assert_eq!(b.text("[data-testid=lang-toggle]").await, "中文");
    b.client.refresh().await.unwrap();
    b.wait_text("[data-testid=kpi-total-title]", |t| t == "Total trade").await;
    assert_kpis_match(&b, &file, month, Unit::Wan, Lang::En).await;
    let html_lang = b.client.execute("return document.documentElement.lang", vec![]).await.unwrap();
    assert_eq!(html_lang, "en");
    b.screenshot("dashboard-en").await;
    b.assert_accessible("the dashboard (en)").await;

    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_load_shows_a_message_and_retry_recovers() {
    // No data published yet: the data request fails with 404.
    let srv = server::start(false).await;
    let b = Browser::start_phone(375, 812).await;
    b.client.goto(&srv.url("/")).await.unwrap();
    let message = b.text("[data-testid=load-error]").await;
    assert!(message.contains("数据加载失败"), "{message}");
    b.screenshot("load-error-phone").await;

    srv.publish_demo().await;
    b.wait_for("[data-testid=retry]").await.click().await.unwrap();
    b.wait_for("[data-testid=kpi-total-ytd]").await;
    // Phone width: the page must not scroll sideways.
    let overflow =
        b.client.execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    assert_eq!(overflow, serde_json::Value::Bool(true), "horizontal scrolling at 375 px");
    let width = b.client.execute("return window.innerWidth", vec![]).await.unwrap();
    assert_eq!(width, 375, "the phone viewport is not 375 px wide");
    // The header's switches sit on one row under the title, in both languages.
    // (The spread of the switches' tops: under 8 px is one row.)
    let rows = "const tops = [...document.querySelectorAll('header.top .switches > *')]
                  .filter(e => e.getBoundingClientRect().height > 0).map(e => e.getBoundingClientRect().top);
                return Math.max(...tops) - Math.min(...tops) < 8";
    assert_eq!(b.client.execute(rows, vec![]).await.unwrap(), true, "the Chinese header's switches wrap");
    b.screenshot("dashboard-phone").await;
    b.wait_for("[data-testid=lang-toggle]").await.click().await.unwrap();
    b.wait_text("[data-testid=kpi-total-title]", |t| t == "Total trade").await;
    assert_eq!(b.client.execute(rows, vec![]).await.unwrap(), true, "the English header's switches wrap");
    b.screenshot("dashboard-phone-en").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn target_panel_shows_completion_against_time_progress() {
    use waimao_core::dashboard::target_progress;
    let srv = server::start(true).await;
    let file: OverviewFile = reqwest::get(srv.url("/data/overview.json")).await.unwrap().json().await.unwrap();
    let month = YearMonth::new(2021, 3).unwrap();
    let b = Browser::start(1280, 1000).await;
    b.client.goto(&srv.url("/?month=2021-03")).await.unwrap();
    // Row by row in core's order (the city first, then the counties by completion), each with its
    // completion and 序时进度 in its tooltip.
    for (i, r) in target_progress(&file, month).into_iter().enumerate() {
        let p = r.progress.unwrap();
        let tip = b.wait_for(&format!("[data-testid=targets-hit-{i}]")).await.attr("data-tip").await.unwrap().unwrap();
        let want = format!(
            "{}：完成率{}% · 序时进度{}%",
            r.region.name_zh,
            p.completion.percent(1),
            p.time_progress.percent(1)
        );
        assert_eq!(tip, want);
    }
    b.close().await;
}
