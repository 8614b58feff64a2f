//! Interacting with the dashboard in Chromium: tooltips by pointer and keyboard, the table view and its
//! CSV download, filtering by county, the URL restoring the view, and the dark theme.

use std::time::Duration;

use fantoccini::key::Key;
use waimao_core::api::OverviewFile;
use waimao_core::dashboard::{amount_cell, kpis, trend, trend_table};
use waimao_core::{Lang, Measure, Unit};
use waimao_tests::browser::{downloaded, Browser};
use waimao_tests::server;

async fn overview(srv: &server::Server) -> OverviewFile {
    reqwest::get(srv.url("/data/overview.json")).await.unwrap().json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn tooltips_follow_pointer_and_keyboard() {
    let srv = server::start(true).await;
    let file = overview(&srv).await;
    let points = trend(&file, file.city.code, Measure::Total, file.meta.last_month, 18);
    let b = Browser::start(1280, 900).await;
    b.client.goto(&srv.url("/")).await.unwrap();

    // Hovering a month shows its exact value and growth.
    b.hover("[data-testid=trend-hit-5]").await;
    let tip = b.text("[data-testid=tooltip]").await;
    let p = &points[5];
    assert!(tip.contains(&p.month.label(Lang::Zh)), "{tip}");
    assert!(tip.contains(&format!("{}亿元", amount_cell(p.value, Unit::Yi))), "{tip}");
    assert!(tip.contains(&p.yoy.short(1, Lang::Zh)), "{tip}");
    b.screenshot("trend-tooltip").await;

    // Keyboard: focus the chart, End jumps to the latest month, arrows move the tooltip, Escape hides it.
    let chart = b.wait_for("[data-testid=trend-chart]").await;
    b.client.execute("document.querySelector('[data-testid=trend-chart]').focus()", vec![]).await.unwrap();
    chart.send_keys(&Key::End).await.unwrap();
    let last = points.last().unwrap();
    b.wait_text("[data-testid=tooltip] strong", |t| t == last.month.label(Lang::Zh)).await;
    chart.send_keys(&Key::Left).await.unwrap();
    chart.send_keys(&Key::Left).await.unwrap();
    let two_back = &points[points.len() - 3];
    b.wait_text("[data-testid=tooltip] strong", |t| t == two_back.month.label(Lang::Zh)).await;
    chart.send_keys(&Key::Escape).await.unwrap();
    for _ in 0..50 {
        if b.client.find(fantoccini::Locator::Css("[data-testid=tooltip]")).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(b.client.find(fantoccini::Locator::Css("[data-testid=tooltip]")).await.is_err(), "tooltip stayed");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn table_view_and_csv_hold_the_same_numbers() {
    let srv = server::start(true).await;
    let file = overview(&srv).await;
    let points = trend(&file, file.city.code, Measure::Total, file.meta.last_month, 18);
    let expected = trend_table(&points, Measure::Total, Unit::Yi, Lang::Zh);
    let downloads = tempfile::tempdir().unwrap();
    let b = Browser::start_with(1280, 900, Some(downloads.path())).await;
    b.client.goto(&srv.url("/")).await.unwrap();

    b.wait_for("[data-testid=tab-table]").await.click().await.unwrap();
    b.wait_for("[data-testid=trend-table]").await;
    let rows = b.client.find_all(fantoccini::Locator::Css("[data-testid=trend-table] tbody tr")).await.unwrap();
    assert_eq!(rows.len(), expected.rows.len());
    for (row, want) in rows.iter().zip(&expected.rows) {
        let cells = row.find_all(fantoccini::Locator::Css("td")).await.unwrap();
        let mut got = Vec::new();
        for c in cells {
            got.push(c.text().await.unwrap());
        }
        assert_eq!(&got, want);
    }
    assert!(b.query().await.contains("tab=table"));
    b.screenshot("table-view").await;

    b.wait_for("[data-testid=trend-csv]").await.click().await.unwrap();
    let csv = String::from_utf8(downloaded(&downloads.path().join("waimao-trend-zh.csv")).await).unwrap();
    assert_eq!(csv, expected.to_csv(), "CSV download differs from the table");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn county_click_filters_and_the_url_restores_the_view() {
    let srv = server::start(true).await;
    let file = overview(&srv).await;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&srv.url("/")).await.unwrap();

    let county = &file.counties[2];
    let row = format!("[data-testid=ranking-chart] [data-key=\"{}\"]", county.code);
    b.wait_for(&row).await.click().await.unwrap();
    b.wait_text("[data-testid=filter] strong", |t| t == county.name_zh).await;
    let k = &kpis(&file, county.code, file.meta.last_month)[0];
    b.wait_text("[data-testid=kpi-total-ytd]", |t| t == amount_cell(k.ytd, Unit::Yi)).await;
    assert!(b.text("[data-testid=headline]").await.contains(&county.name_zh));

    // Pick a month, the 万元 unit and English; the URL holds it all and a reload restores it.
    b.wait_for("[data-testid=month-select]").await.select_by_value("2020-09").await.unwrap();
    b.wait_for("[data-testid=unit-wan]").await.click().await.unwrap();
    b.wait_for("[data-testid=lang-toggle]").await.click().await.unwrap();
    b.wait_text("[data-testid=kpi-total-title]", |t| t == "Total trade").await;
    let q = b.query().await;
    for part in [format!("county={}", county.code), "month=2020-09".into(), "unit=wan".into(), "lang=en".into()] {
        assert!(q.contains(&part), "{q} lacks {part}");
    }
    // A fresh browser (no remembered preferences) opening the shared link sees the same view.
    let shared = srv.url(&format!("/{q}"));
    b.close().await;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&shared).await.unwrap();
    let month = waimao_core::YearMonth::new(2020, 9).unwrap();
    let k = &kpis(&file, county.code, month)[0];
    b.wait_text("[data-testid=kpi-total-ytd]", |t| t == amount_cell(k.ytd, Unit::Wan)).await;
    assert_eq!(b.text("[data-testid=filter] strong").await, county.name_en);
    assert_eq!(b.text("[data-testid=kpi-total-title]").await, "Total trade");

    // Back to the whole city.
    b.wait_for("[data-testid=clear-filter]").await.click().await.unwrap();
    let city = &kpis(&file, file.city.code, month)[0];
    b.wait_text("[data-testid=kpi-total-ytd]", |t| t == amount_cell(city.ytd, Unit::Wan)).await;
    assert!(!b.query().await.contains("county="));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dark_theme_applies_and_survives_reload() {
    let srv = server::start(true).await;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&srv.url("/")).await.unwrap();
    b.wait_for("[data-testid=kpi-total-ytd]").await;
    let toggle = b.wait_for("[data-testid=theme-toggle]").await;
    toggle.click().await.unwrap(); // auto → light
    toggle.click().await.unwrap(); // light → dark
    b.wait_text("[data-testid=theme-toggle]", |t| t.contains("深色")).await;
    let bg = "return getComputedStyle(document.body).backgroundColor";
    assert_eq!(b.client.execute(bg, vec![]).await.unwrap(), "rgb(20, 24, 31)");
    assert!(b.query().await.contains("theme=dark"));
    b.client.refresh().await.unwrap();
    b.wait_for("[data-testid=kpi-total-ytd]").await;
    assert_eq!(b.client.execute(bg, vec![]).await.unwrap(), "rgb(20, 24, 31)");
    b.screenshot("dashboard-dark").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn map_tiles_filter_by_click_and_keyboard() {
    let srv = server::start(true).await;
    let file = overview(&srv).await;
    let b = Browser::start(1280, 1400).await;
    b.client.goto(&srv.url("/")).await.unwrap();
    let county = &file.counties[5];
    let tile = format!("[data-testid=map-chart] [data-key=\"{}\"]", county.code);
    b.wait_for(&tile).await.click().await.unwrap();
    b.wait_text("[data-testid=filter] strong", |t| t == county.name_zh).await;
    assert_eq!(b.wait_for(&tile).await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    b.screenshot("map-filtered").await;
    // Enter on the focused tile clears the filter again.
    b.client.execute(&format!("document.querySelector('{tile}').focus()"), vec![]).await.unwrap();
    b.wait_for(&tile).await.send_keys(&Key::Enter).await.unwrap();
    for _ in 0..50 {
        if !b.query().await.contains("county=") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!b.query().await.contains("county="), "filter not cleared");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn legend_toggles_series_and_the_slider_sets_the_span() {
    let srv = server::start(true).await;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&srv.url("/")).await.unwrap();
    let count = |css: &'static str| {
        let b = &b;
        async move { b.client.find_all(fantoccini::Locator::Css(css)).await.unwrap().len() }
    };
    b.wait_for("[data-testid=trend-chart] .bar").await;
    assert_eq!(count("[data-testid=trend-chart] .bar").await, 18);
    assert_eq!(count("[data-testid=trend-chart] .yoy-dot").await, 18);

    // Legend: hide the columns, then the YoY line; show the columns again.
    b.wait_for("[data-testid=legend-bars]").await.click().await.unwrap();
    assert_eq!(count("[data-testid=trend-chart] .bar").await, 0);
    assert_eq!(
        b.wait_for("[data-testid=legend-bars]").await.attr("aria-pressed").await.unwrap().as_deref(),
        Some("false")
    );
    b.wait_for("[data-testid=legend-line]").await.click().await.unwrap();
    assert_eq!(count("[data-testid=trend-chart] .yoy-dot").await, 0);
    b.wait_for("[data-testid=legend-bars]").await.click().await.unwrap();
    assert_eq!(count("[data-testid=trend-chart] .bar").await, 18);

    // Time slider: one step right shows 24 months, and the URL keeps it.
    b.wait_for("[data-testid=trend-span]").await.send_keys(&Key::Right).await.unwrap();
    for _ in 0..50 {
        if count("[data-testid=trend-chart] .bar").await == 24 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(count("[data-testid=trend-chart] .bar").await, 24);
    assert!(b.query().await.contains("months=24"));
    b.close().await;
}

/// Waits for a downloaded file to appear complete.

#[tokio::test(flavor = "multi_thread")]
async fn charts_download_as_svg_and_png() {
    let srv = server::start(true).await;
    let downloads = tempfile::tempdir().unwrap();
    let b = Browser::start_with(1280, 900, Some(downloads.path())).await;
    b.client.goto(&srv.url("/")).await.unwrap();
    b.wait_for("[data-testid=trend-chart] .bar").await;

    b.wait_for("[data-testid=trend-svg]").await.click().await.unwrap();
    let svg = String::from_utf8(downloaded(&downloads.path().join("waimao-trend-zh.svg")).await).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""), "{}", &svg[..80]);
    assert_eq!(svg.matches("class=\"bar").count(), 18);
    // Labels stay text, in Chinese, with the page's styles inlined.
    assert!(svg.contains("2021年1月") && svg.contains("亿元"));
    assert!(svg.contains("fill:"));

    b.wait_for("[data-testid=trend-png]").await.click().await.unwrap();
    let png = downloaded(&downloads.path().join("waimao-trend-zh.png")).await;
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let chart_width = b
        .client
        .execute("return document.querySelector('[data-testid=trend-chart]').getBoundingClientRect().width", vec![])
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert_eq!(width, (chart_width * 2.0) as u32, "PNG is drawn at twice the chart's size");
    std::fs::copy(downloads.path().join("waimao-trend-zh.png"), "../target/screenshots/trend-export.png").unwrap();
    b.close().await;
}

/// The county boundaries from the shared reference data, read in place (their licence keeps them out
/// of the repository): `$WAIMAO_GEOJSON`, else `../shared/` beside the repository, else `/work/shared/`.
fn shared_boundaries() -> Option<std::path::PathBuf> {
    let repo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let relative = "shared/data/geo/baoji_610300_counties.geojson";
    std::env::var_os("WAIMAO_GEOJSON")
        .map(std::path::PathBuf::from)
        .into_iter()
        .chain([repo.join("..").join(relative), std::path::Path::new("/work").join(relative)])
        .find(|p| p.exists())
}

/// Writes the boundaries into the data directory: the real ones when this machine has them, otherwise
/// one square per county at its tile position, so the choropleth path is exercised either way.
fn install_boundaries(file: &OverviewFile, data_dir: &std::path::Path) {
    let target = data_dir.join("counties.geojson");
    if let Some(real) = shared_boundaries() {
        std::fs::copy(real, target).unwrap();
        return;
    }
    eprintln!("note: no shared county boundaries on this machine; using squares at the tile positions");
    let features: Vec<serde_json::Value> = file
        .counties
        .iter()
        .map(|c| {
            let [x, y] = c.tile.unwrap().map(f64::from);
            let ring = [[x, -y], [x + 0.9, -y], [x + 0.9, -y - 0.9], [x, -y - 0.9], [x, -y]];
            serde_json::json!({"type": "Feature", "properties": {"adcode": c.code.to_string()},
                "geometry": {"type": "Polygon", "coordinates": [ring]}})
        })
        .collect();
    let doc = serde_json::json!({"type": "FeatureCollection", "features": features});
    std::fs::write(target, doc.to_string()).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn configured_boundaries_turn_the_map_into_a_choropleth() {
    let srv = server::start(true).await;
    let file = overview(&srv).await;
    let b = Browser::start(1280, 1400).await;
    b.client.goto(&srv.url("/")).await.unwrap();
    // Without boundaries: the tile grid.
    b.wait_for("[data-testid=map-chart] .hit[data-key]").await;

    // The operator drops the boundaries into the data directory; the next publication announces them.
    install_boundaries(&file, &srv.state.config.data_dir);
    waimao_server::publisher::publish_all(&srv.state).await.unwrap();
    b.client.refresh().await.unwrap();
    b.wait_for("[data-testid=county-map][data-kind=choropleth]").await;
    let areas = b.client.find_all(fantoccini::Locator::Css("[data-testid=county-map] .area")).await.unwrap();
    assert_eq!(areas.len(), 12);
    let county = &file.counties[1];
    b.wait_for(&format!("[data-testid=area-{}]", county.code)).await.click().await.unwrap();
    b.wait_text("[data-testid=filter] strong", |t| t == county.name_zh).await;
    b.screenshot("map-choropleth").await;
    b.close().await;
}
