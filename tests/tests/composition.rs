//! The composition panel in Chromium: for every dimension the legend shows the figures core computes
//! from the published breakdown file, and partner groups appear after the members.

use waimao_core::api::{dimension_file, DimensionFile, OverviewFile};
use waimao_core::composition::composition;
use waimao_core::dashboard::{amount_cell, measure_series};
use waimao_core::{Dimension, Lang, Measure, Unit};
use waimao_tests::browser::Browser;
use waimao_tests::server;

#[tokio::test(flavor = "multi_thread")]
async fn legend_matches_core_for_every_dimension() {
    let srv = server::start(true).await;
    let file: OverviewFile = reqwest::get(srv.url("/data/overview.json")).await.unwrap().json().await.unwrap();
    let total = measure_series(file.series_of(file.city.code).unwrap(), Measure::Total);
    let b = Browser::start(1280, 1200).await;
    b.client.goto(&srv.url("/")).await.unwrap();

    for d in [Dimension::Partner, Dimension::ProductCategory, Dimension::Nature, Dimension::TradeMode] {
        let df: DimensionFile =
            reqwest::get(srv.url(&format!("/data/{}", dimension_file(d)))).await.unwrap().json().await.unwrap();
        let rows = composition(&df, file.city.code, Measure::Total, file.meta.last_month, &total);
        b.wait_for("[data-testid=dimension-select]").await.select_by_value(d.code()).await.unwrap();
        let first = &rows[0];
        let sel = format!("[data-testid=comp-{}] .legend-value", first.code);
        b.wait_text(&sel, |t| t == amount_cell(first.ytd, Unit::Yi)).await;
        for r in &rows {
            let yoy = b.text(&format!("[data-testid=comp-{}-yoy]", r.code)).await;
            assert_eq!(yoy, r.yoy.short(1, Lang::Zh), "{d:?} {}", r.code);
            let meta = b.text(&format!("[data-testid=comp-{}] .legend-meta", r.code)).await;
            let share = r.share.map(|s| format!("占比 {}%", s.percent(1))).unwrap();
            assert!(meta.contains(&share), "{d:?} {}: {meta} lacks {share}", r.code);
        }
        if d == Dimension::Partner {
            assert!(rows.iter().any(|r| r.is_group && r.code == "asean"));
            assert!(b.text("[data-testid=comp-asean] .legend-name").await.contains("东盟"));
            b.screenshot("composition-partner").await;
        }
    }
    assert!(b.query().await.contains("dim=trade_mode") || !b.query().await.contains("dim="));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hs_sections_show_as_a_treemap() {
    let srv = server::start(true).await;
    let file: OverviewFile = reqwest::get(srv.url("/data/overview.json")).await.unwrap().json().await.unwrap();
    let total = measure_series(file.series_of(file.city.code).unwrap(), Measure::Total);
    let df: DimensionFile = reqwest::get(srv.url(&format!("/data/{}", dimension_file(Dimension::HsSection))))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rows = composition(&df, file.city.code, Measure::Total, file.meta.last_month, &total);
    let shown: Vec<_> = rows.iter().filter(|r| r.ytd.unwrap_or(0) > 0).collect();
    let b = Browser::start(1280, 1400).await;
    b.client.goto(&srv.url("/?dim=hs_section")).await.unwrap();
    b.wait_for("[data-testid=panel-composition] svg.treemap .cell").await;
    let cells = b.client.find_all(fantoccini::Locator::Css("svg.treemap .cell")).await.unwrap();
    assert_eq!(cells.len(), shown.len());
    // The largest section comes first; hovering it names it with its share.
    b.hover(&format!("[data-testid=cell-{}]", shown[0].code)).await;
    let caption = b.text("[data-testid=treemap-caption]").await;
    assert!(caption.starts_with(&shown[0].name_zh), "{caption}");
    assert!(caption.contains(&format!("{}%", shown[0].share.unwrap().percent(1))), "{caption}");
    b.screenshot("treemap-hs").await;
    b.close().await;
}
