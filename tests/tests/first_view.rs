//! The dashboard's first view in real Chromium: with scripts off it is the whole dashboard (KPIs, the
//! ranking and the composition equal to `waimao-core`'s computation from the published files, a month
//! form that works as a plain GET); with scripts on, the app takes the page over without a layout shift.

use std::time::Duration;

use fantoccini::Locator;
use waimao_core::api::{DimensionFile, OverviewFile};
use waimao_core::composition::{composition, composition_table};
use waimao_core::dashboard::{amount_cell, county_ranking, kpis, measure_series, ranking_table};
use waimao_core::{Lang, Measure, RegionCode, Unit, YearMonth};
use waimao_tests::browser::Browser;
use waimao_tests::server;

/// Every KPI figure of the first view against core's, for `region` and `month`.
async fn assert_first_view_kpis(b: &Browser, file: &OverviewFile, region: RegionCode, month: YearMonth, lang: Lang) {
    for k in kpis(file, region, month) {
        let code = k.measure.code();
        assert_eq!(b.text(&format!("[data-testid=fv-kpi-{code}-month]")).await, amount_cell(k.month, Unit::Yi));
        assert_eq!(b.text(&format!("[data-testid=fv-kpi-{code}-ytd]")).await, amount_cell(k.ytd, Unit::Yi));
        assert_eq!(b.text(&format!("[data-testid=fv-kpi-{code}-ytd-yoy]")).await, k.ytd_yoy.short(1, lang));
        assert_eq!(b.text(&format!("[data-testid=fv-kpi-{code}-month-yoy]")).await, k.month_yoy.short(1, lang));
    }
}

/// The cells of a table in the first view, row by row, after opening its `<details>` as a reader would.
async fn table_rows(b: &Browser, id: &str) -> Vec<Vec<String>> {
    b.wait_for(&format!("[data-testid=fv-panel-{id}] details summary")).await.click().await.unwrap();
    let mut rows = Vec::new();
    for row in b.client.find_all(Locator::Css(&format!("[data-testid=fv-{id}-table] tbody tr"))).await.unwrap() {
        let mut cells = Vec::new();
        for cell in row.find_all(Locator::Css("td")).await.unwrap() {
            cells.push(cell.text().await.unwrap().trim().to_string());
        }
        rows.push(cells);
    }
    rows
}

#[tokio::test(flavor = "multi_thread")]
async fn without_scripts_the_dashboard_is_whole_and_its_controls_work() {
    let srv = server::start(true).await;
    let (file, dims) = srv.published().await;
    let trade: &DimensionFile = &dims[0];
    let b = Browser::start_without_scripts(1280, 1000, false).await;
    b.client.goto(&srv.url("/")).await.unwrap();
    let last = file.meta.last_month;
    assert_first_view_kpis(&b, &file, file.city.code, last, Lang::Zh).await;
    assert!(b.text("[data-testid=fv-illustrative]").await.contains("示例数据"));
    assert!(b.text("[data-testid=fv-headline]").await.starts_with("2021年1—6月，宝鸡市进出口总值"));
    // Every chart is there as SVG, each with its accessible summary.
    let charts = b.client.find_all(Locator::Css("#first-view svg[role=img][aria-label]")).await.unwrap();
    assert_eq!(charts.len(), 6);
    // The ranking and the composition are core's.
    let ranking = ranking_table(&county_ranking(&file, Measure::Total, last), Unit::Yi, Lang::Zh);
    assert_eq!(table_rows(&b, "ranking").await, ranking.rows);
    let total = measure_series(file.series_of(file.city.code).unwrap(), Measure::Total);
    let parts = composition(trade, file.city.code, Measure::Total, last, &total);
    let want = composition_table(&parts, trade.dimension.label(Lang::Zh), Unit::Yi, Lang::Zh);
    assert_eq!(table_rows(&b, "composition").await, want.rows);
    b.screenshot("first-view-noscript-zh").await;
    // No script ran: the app never mounted beside the first view.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(b.client.find(Locator::Css(".taking-over, [data-testid=kpi-total-month]")).await.is_err());

    // The month and county form is a plain GET: choose, press 显示, get that view.
    let county = &file.counties[2];
    let march = YearMonth::new(2021, 3).unwrap();
    b.wait_for("[data-testid=fv-month]").await.select_by_value(&march.to_string()).await.unwrap();
    b.wait_for("[data-testid=fv-county]").await.select_by_value(&county.code.to_string()).await.unwrap();
    b.wait_for("[data-testid=fv-show]").await.click().await.unwrap();
    b.wait_text("[data-testid=fv-filter]", |t| t.contains(&county.name_zh)).await;
    assert_eq!(b.query().await, format!("?month={march}&county={}", county.code));
    assert_first_view_kpis(&b, &file, county.code, march, Lang::Zh).await;

    // The language is a link, and a shared link with the whole view opens that view.
    b.wait_for("[data-testid=fv-lang]").await.click().await.unwrap();
    b.wait_text("[data-testid=fv-kpi-total] h2", |t| t == "Total trade").await;
    assert_first_view_kpis(&b, &file, county.code, march, Lang::En).await;
    let lang = b.client.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap();
    assert_eq!(lang.as_deref(), Some("en"));
    assert_eq!(b.client.title().await.unwrap(), "Foreign Trade Monitor · Baoji Bureau of Commerce");
    b.screenshot("first-view-noscript-en").await;
    b.close().await;

    // On a phone, dark: readable, nothing wider than the screen.
    let b = Browser::start_without_scripts(375, 812, true).await;
    b.client.goto(&srv.url(&format!("/?county={}&theme=dark", county.code))).await.unwrap();
    assert_first_view_kpis(&b, &file, county.code, last, Lang::Zh).await;
    let theme = b.client.find(Locator::Css("html")).await.unwrap().attr("data-theme").await.unwrap();
    assert_eq!(theme.as_deref(), Some("dark"));
    b.screenshot("first-view-noscript-phone-dark").await;
    b.close().await;
}

/// The page the server sends for `path`, as a browser without scripts keeps it: no scripts, no
/// preloads of the app.
async fn page_without_scripts(srv: &server::Server, path: &str) -> String {
    let mut html = reqwest::get(srv.url(path)).await.unwrap().text().await.unwrap();
    while let Some(a) = html.find("<script") {
        let b = a + html[a..].find("</script>").unwrap() + "</script>".len();
        html.replace_range(a..b, "");
    }
    html.split("<link rel=\"modulepreload\"").next().unwrap().to_string() + &html[html.find("</head>").unwrap()..]
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_view_passes_axe_core() {
    // axe-core needs scripts, so the first view as a script-less browser has it is written into a
    // page of the same origin (and so under the same policy and styles) in a browser that runs them.
    let srv = server::start(true).await;
    for (path, width) in [("/", 1280), ("/?lang=en&theme=dark&tab=table", 1280), ("/?county=610302", 375)] {
        let html = page_without_scripts(&srv, path).await;
        assert!(html.contains("id=\"first-view\"") && !html.contains("<script"), "{path}");
        let b = if width < 500 { Browser::start_phone(width, 812).await } else { Browser::start(width, 1000).await };
        b.client.goto(&srv.url("/data/manifest.json")).await.unwrap();
        b.client
            // No app will take this page over: it says so, as the app does when it keeps a first view.
            .execute(
                "document.open(); document.write(arguments[0]); document.close();
                 document.documentElement.setAttribute('data-takeover', 'kept'); return true",
                vec![html.into()],
            )
            .await
            .unwrap();
        b.wait_for("[data-testid=fv-headline]").await;
        b.assert_accessible(&format!("the first view of {path} at {width} px")).await;
        // No chart text under 11 CSS px: its font size scaled as its drawing is.
        let smallest = b
            .client
            .execute(
                "let least = Infinity;
                 for (const svg of document.querySelectorAll('#first-view svg[viewBox]')) {
                   const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                   for (const t of svg.querySelectorAll('text'))
                     least = Math.min(least, parseFloat(getComputedStyle(t).fontSize) * scale);
                 }
                 return least",
                vec![],
            )
            .await
            .unwrap()
            .as_f64()
            // Infinity (no chart drawn) arrives as null: only the table view may have none.
            .unwrap_or_else(|| {
                assert!(path.contains("tab=table"), "no chart text in the first view of {path}");
                f64::INFINITY
            });
        assert!(smallest >= 11.0, "chart text of {smallest:.1} px in the first view of {path} at {width} px");
        b.screenshot(&format!("first-view-axe-{width}-{}", if path.contains("en") { "en" } else { "zh" })).await;
        b.close().await;
    }
}

/// The layout shifts so far (without recent input), summed as CLS sums a session's.
const SHIFTS: &str = "return new Promise(done => {
    let sum = 0;
    new PerformanceObserver(list => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    setTimeout(() => done(sum), 200);
})";

#[tokio::test(flavor = "multi_thread")]
async fn with_scripts_the_app_takes_the_first_view_over_without_a_shift() {
    let srv = server::start(true).await;
    let (file, _) = srv.published().await;
    for (width, height, phone) in [(1280, 1000, false), (375, 812, true)] {
        let b = if phone { Browser::start_phone(width, height).await } else { Browser::start(width, height).await };
        b.client.goto(&srv.url("/?lang=en")).await.unwrap();
        // The app's own cards replace the first view's, with the same figures.
        for k in kpis(&file, file.city.code, file.meta.last_month) {
            let want = amount_cell(k.ytd, Unit::Yi);
            b.wait_text(&format!("[data-testid=kpi-{}-ytd]", k.measure.code()), |t| t == want).await;
        }
        b.wait_for("[data-testid=panel-composition]").await;
        assert!(b.client.find(Locator::Css("#first-view")).await.is_err(), "the first view is gone");
        assert!(b.client.find(Locator::Css(".taking-over")).await.is_err(), "the app is shown");
        let cls = b.client.execute(SHIFTS, vec![]).await.unwrap().as_f64().unwrap();
        assert!(cls <= 0.05, "layout shift {cls} at {width} px");
        println!("cls at {width} px: {cls:.4}");
        b.assert_accessible(&format!("the dashboard after the takeover at {width} px")).await;
        let errors = b.console_errors().await;
        assert!(errors.is_empty(), "console errors: {errors:?}");
        b.close().await;
    }
}

/// The briefing as the server sends it: without scripts the whole briefing of the period in the URL
/// (core's sentences), with a period form that works as a GET; with scripts the app takes it over
/// and shows the same briefing.
#[tokio::test(flavor = "multi_thread")]
async fn the_briefing_reads_without_scripts_and_the_app_takes_it_over() {
    use waimao_core::Period;
    let srv = server::start(true).await;
    let (file, dims) = srv.published().await;
    let q1 = waimao_core::briefing::write(&file, &dims, Period::parse("2021-Q1").unwrap(), Lang::Zh);
    let b = Browser::start_without_scripts(1280, 1000, false).await;
    b.client.goto(&srv.url("/briefing?period=2021-Q1")).await.unwrap();
    assert_eq!(b.text("#first-view [data-testid=briefing-title]").await, q1.title);
    for s in &q1.sections {
        let shown = b.text(&format!("#first-view [data-testid=briefing-{}]", s.key)).await;
        for p in &s.paragraphs {
            assert!(shown.contains(p.as_str()), "{}: {p}", s.key);
        }
    }
    // The period is a plain GET form.
    let march = Period::parse("2021-03").unwrap();
    b.wait_for("[data-testid=fv-briefing-form] select").await.select_by_value(&march.to_string()).await.unwrap();
    b.wait_for("[data-testid=fv-briefing-form] button").await.click().await.unwrap();
    let m = waimao_core::briefing::write(&file, &dims, march, Lang::Zh);
    b.wait_text("#first-view [data-testid=briefing-title]", |t| t.starts_with(&m.title)).await;
    assert_eq!(b.query().await, "?period=2021-03");
    b.screenshot("briefing-noscript").await;
    b.close().await;

    // With scripts: the same briefing, the first view gone, and nothing of it left beside the app.
    let b = Browser::start(1280, 1000).await;
    b.client.goto(&srv.url("/briefing?period=2021-Q1&lang=en")).await.unwrap();
    let en = waimao_core::briefing::write(&file, &dims, Period::parse("2021-Q1").unwrap(), Lang::En);
    b.wait_text("[data-testid=briefing-title]", |t| t == en.title).await;
    for _ in 0..100 {
        if b.client.find(Locator::Css("#first-view")).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(b.client.find(Locator::Css("#first-view")).await.is_err(), "the first view stayed");
    assert_eq!(b.client.find_all(Locator::Css("[data-testid=briefing]")).await.unwrap().len(), 1);
    assert!(b.client.find(Locator::Css("#print-briefing")).await.is_ok(), "the app's controls");
    b.assert_accessible("the briefing after the takeover").await;
    b.close().await;
}
