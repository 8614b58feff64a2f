//! The composition panel in Chromium: for every dimension the legend shows the figures core computes
//! from the published breakdown file, and partner groups appear after the members.

use fantoccini::key::Key;
use waimao_core::api::{dimension_file, DimensionFile, OverviewFile};
use waimao_core::composition::composition;
use waimao_core::dashboard::{amount_cell, measure_series};
use waimao_core::summary::composition_summary;
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

/// The city's composition by `d` for the latest month, as core computes it from the served files.
async fn city_composition(srv: &server::Server, d: Dimension) -> Vec<waimao_core::composition::CompositionRow> {
    let file: OverviewFile = reqwest::get(srv.url("/data/overview.json")).await.unwrap().json().await.unwrap();
    let total = measure_series(file.series_of(file.city.code).unwrap(), Measure::Total);
    let df: DimensionFile =
        reqwest::get(srv.url(&format!("/data/{}", dimension_file(d)))).await.unwrap().json().await.unwrap();
    composition(&df, file.city.code, Measure::Total, file.meta.last_month, &total)
}

#[tokio::test(flavor = "multi_thread")]
async fn hs_sections_show_as_a_treemap() {
    let srv = server::start(true).await;
    let rows = city_composition(&srv, Dimension::HsSection).await;
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

    // Keyboard: focusing the treemap names the largest section, arrows step to the next ones.
    let chart = b.wait_for("[data-testid=treemap]").await;
    b.client.execute("document.querySelector('[data-testid=treemap]').focus()", vec![]).await.unwrap();
    b.wait_text("[data-testid=treemap-caption]", |t| t.starts_with(&shown[0].name_zh)).await;
    chart.send_keys(&Key::Right).await.unwrap();
    chart.send_keys(&Key::Right).await.unwrap();
    b.wait_text("[data-testid=treemap-caption]", |t| t.starts_with(&shown[2].name_zh)).await;
    chart.send_keys(&Key::Escape).await.unwrap();
    b.wait_text("[data-testid=treemap-caption]", str::is_empty).await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn donut_takes_the_keyboard_and_has_a_summary() {
    let srv = server::start(true).await;
    let rows = city_composition(&srv, Dimension::TradeMode).await;
    let b = Browser::start(1280, 1400).await;
    b.client.goto(&srv.url("/")).await.unwrap();

    let summary = b.text_content("[data-testid=composition-summary]").await;
    assert_eq!(summary, composition_summary(&rows, "贸易方式", Lang::Zh));
    // Focus selects the largest part; the arrow keys walk the slices in order of size.
    let donut = b.wait_for("[data-testid=donut]").await;
    b.client.execute("document.querySelector('[data-testid=donut]').focus()", vec![]).await.unwrap();
    let value = |i: usize| format!("{} 亿元", amount_cell(rows[i].ytd, Unit::Yi));
    b.wait_text("[data-testid=donut-value]", |t| t == value(0)).await;
    donut.send_keys(&Key::Right).await.unwrap();
    b.wait_text("[data-testid=donut-value]", |t| t == value(1)).await;
    donut.send_keys(&Key::End).await.unwrap();
    b.wait_text("[data-testid=donut-value]", |t| t == value(rows.len() - 1)).await;
    donut.send_keys(&Key::Escape).await.unwrap();
    let whole: i64 = rows.iter().filter_map(|r| r.ytd).sum();
    b.wait_text("[data-testid=donut-value]", |t| t == format!("{} 亿元", amount_cell(Some(whole), Unit::Yi))).await;
    b.close().await;
}
