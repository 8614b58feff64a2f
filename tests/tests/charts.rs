//! The chart kit in Chromium: the exports-and-imports panel in each of its styles, the long-series line
//! chart behind the bench, and the screen-reader summaries of the ranking and target panels.

use fantoccini::key::Key;
use fantoccini::Locator;
use waimao_core::api::OverviewFile;
use waimao_core::dashboard::{county_ranking, percent_cell, target_progress};
use waimao_core::flows::{flow_months, flows_summary, FlowMonth};
use waimao_core::summary::{ranking_summary, targets_summary};
use waimao_core::{Amount, Lang, Measure, Unit};
use waimao_tests::browser::Browser;
use waimao_tests::server;

async fn overview(srv: &server::Server) -> OverviewFile {
    reqwest::get(srv.url("/data/overview.json")).await.unwrap().json().await.unwrap()
}

/// The tooltip lines core's figures give for a month, as the panel prints them.
fn expected_tip(m: &FlowMonth) -> [String; 3] {
    let amount = |v: Option<i64>| Amount::cny(v.unwrap()).display(Unit::Yi, 2, Lang::Zh);
    [
        format!("出口 {} · {}%", amount(m.exports), percent_cell(m.export_share())),
        format!("进口 {} · {}%", amount(m.imports), percent_cell(m.import_share())),
        format!("贸易差额 {}", amount(m.balance())),
    ]
}

/// The month a tooltip is about, found by its heading.
fn month_of<'a>(months: &'a [FlowMonth], tip: &str) -> &'a FlowMonth {
    let head = tip.lines().next().unwrap_or_default();
    months.iter().find(|m| m.month.label(Lang::Zh) == head).unwrap_or_else(|| panic!("no month {head:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn flows_panel_draws_every_style_with_exact_tooltips() {
    let srv = server::start(true).await;
    let file = overview(&srv).await;
    let months = flow_months(&file, file.city.code, file.meta.last_month, 18);
    let b = Browser::start(1280, 900).await;
    b.client.goto(&srv.url("/")).await.unwrap();

    // Grouped columns by default: two columns a month, and the hovered month's exact figures.
    b.wait_for("[data-testid=flows-chart] .bar").await;
    let rects = b.client.find_all(Locator::Css("[data-testid=flows-chart] .bar")).await.unwrap();
    assert_eq!(rects.len(), 2 * months.len());
    b.hover("[data-testid=flows-hit-4]").await;
    let tip = b.text("[data-testid=flows-chart-tooltip]").await;
    assert_eq!(month_of(&months, &tip), &months[4]);
    for line in expected_tip(&months[4]) {
        assert!(tip.contains(&line), "{tip} lacks {line}");
    }
    let summary = b.wait_for("[data-testid=flows-chart]").await.attr("aria-label").await.unwrap().unwrap_or_default();
    assert_eq!(summary, flows_summary(&months, Unit::Yi, Lang::Zh));

    // 100% stacked: every month's two parts fill the same height.
    b.wait_for("[data-testid=flows-percent]").await.click().await.unwrap();
    b.wait_text("[data-testid=flows-chart] text.axis", |t| t == "%" || t.ends_with('%')).await;
    let heights: Vec<f64> = serde_json::from_value(
        b.client
            .execute(
                "const cols = {}; document.querySelectorAll('[data-testid=flows-chart] .bar').forEach(r => {
                   const x = Math.round(parseFloat(r.getAttribute('x')));
                   cols[x] = (cols[x] || 0) + parseFloat(r.getAttribute('height')); });
                 return Object.values(cols);",
                vec![],
            )
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(heights.len(), months.len());
    assert!(heights.iter().all(|h| (h - heights[0]).abs() < 0.01), "{heights:?}");
    assert!(b.query().await.contains("flows=percent"));
    b.screenshot("flows-percent").await;

    // Lines: the pointer picks the nearest month; the keyboard walks the months.
    b.wait_for("[data-testid=flows-line]").await.click().await.unwrap();
    let chart = b.wait_for("[data-testid=flows-chart].line-chart").await;
    assert_eq!(b.client.find_all(Locator::Css("[data-testid=flows-chart] path.line")).await.unwrap().len(), 2);
    b.hover("[data-testid=flows-chart]").await;
    let tip = b.text("[data-testid=flows-chart-tooltip]").await;
    for line in expected_tip(month_of(&months, &tip)) {
        assert!(tip.contains(&line), "{tip} lacks {line}");
    }
    b.client.execute("document.querySelector('[data-testid=flows-chart]').focus()", vec![]).await.unwrap();
    chart.send_keys(&Key::Home).await.unwrap();
    b.wait_text("[data-testid=flows-chart-tooltip] strong", |t| t == months[0].month.label(Lang::Zh)).await;
    chart.send_keys(&Key::Right).await.unwrap();
    b.wait_text("[data-testid=flows-chart-tooltip] strong", |t| t == months[1].month.label(Lang::Zh)).await;
    chart.send_keys(&Key::Escape).await.unwrap();
    let gone = b
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(5))
        .for_element(Locator::Css("[data-testid=panel-flows] .tooltip-layer:empty"))
        .await;
    assert!(gone.is_ok(), "Escape left the tooltip up");

    // The style is part of the view: a reload keeps it.
    b.wait_for("[data-testid=flows-area]").await.click().await.unwrap();
    b.wait_for("[data-testid=flows-chart] path.area").await;
    let url = b.client.current_url().await.unwrap();
    b.client.goto(url.as_str()).await.unwrap();
    b.wait_for("[data-testid=flows-chart] path.area").await;
    assert_eq!(
        b.wait_for("[data-testid=flows-area]").await.attr("aria-checked").await.unwrap().as_deref(),
        Some("true")
    );
    assert!(b.console_errors().await.is_empty());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn long_series_are_downsampled_and_still_hoverable() {
    let srv = server::start(true).await;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&srv.url("/?bench")).await.unwrap();
    // The bench page mounts no dashboard; it draws what bench_line is given.
    let drawn = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const wait = () => window.wasmBindings && window.wasmBindings.bench_line ? go() : setTimeout(wait, 50);
             const go = () => {
               const n = 166650, xs = new Float64Array(n), ys = new Float64Array(n);
               for (let i = 0; i < n; i++) { xs[i] = i; ys[i] = Math.sin(i / 900) * 100 + (i % 97); }
               ys[123456] = 5000;
               window.wasmBindings.bench_line(xs, ys);
               const d = document.querySelector('[data-testid=bench-line] path.line').getAttribute('d');
               done({ points: (d.match(/[ML]/g) || []).length, dashboard: !!document.querySelector('[data-testid=panel-trend]') });
             };
             wait();",
            vec![],
        )
        .await
        .unwrap();
    let points = drawn["points"].as_u64().unwrap();
    assert!(points > 640 && points <= 4 * 640, "{points} points drawn for 166,650");
    assert_eq!(drawn["dashboard"], false);
    // The one spike survives downsampling: the line rises above the 4,000 grid line, which nothing
    // else comes near.
    let (top, grid_4000) = {
        let v = b
            .client
            .execute(
                "const d = document.querySelector('[data-testid=bench-line] path.line').getAttribute('d');
                 const ys = [...d.matchAll(/[ML][-0-9.]+,([-0-9.]+)/g)].map(m => parseFloat(m[1]));
                 const label = [...document.querySelectorAll('[data-testid=bench-line] text.axis')]
                   .find(t => t.textContent === '4,000');
                 return [Math.min(...ys), parseFloat(label.getAttribute('y')) - 4];",
                vec![],
            )
            .await
            .unwrap();
        (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
    };
    assert!(top < grid_4000, "the spike was lost: highest point at y = {top}, 4,000 at y = {grid_4000}");
    b.hover("[data-testid=bench-line]").await;
    let tip = b.text("[data-testid=bench-line-tooltip]").await;
    assert!(tip.starts_with("x "), "{tip}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ranking_and_targets_carry_one_sentence_summaries() {
    let srv = server::start(true).await;
    let file = overview(&srv).await;
    let month = file.meta.last_month;
    let b = Browser::start(1280, 900).await;
    b.client.goto(&srv.url("/?lang=en")).await.unwrap();
    let rows = county_ranking(&file, Measure::Total, month);
    assert_eq!(b.text_content("[data-testid=ranking-summary]").await, ranking_summary(&rows, Unit::Yi, Lang::En));
    assert_eq!(b.text_content("[data-testid=map-summary]").await, ranking_summary(&rows, Unit::Yi, Lang::En));
    let targets = target_progress(&file, month);
    assert_eq!(b.text_content("[data-testid=targets-summary]").await, targets_summary(&targets, Lang::En));
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tap_on_a_phone_shows_the_tooltip_and_nothing_scrolls_sideways() {
    let srv = server::start(true).await;
    let file = overview(&srv).await;
    let months = flow_months(&file, file.city.code, file.meta.last_month, 18);
    let b = Browser::start_phone(360, 740).await;
    b.client.goto(&srv.url("/?flows=stacked")).await.unwrap();
    let hit = b.wait_for("[data-testid=flows-hit-3]").await;
    b.client.execute("document.querySelector('[data-testid=panel-flows]').scrollIntoView()", vec![]).await.unwrap();
    hit.click().await.unwrap();
    let tip = b.wait_text("[data-testid=flows-chart-tooltip] strong", |t| !t.is_empty()).await;
    assert_eq!(tip, months[3].month.label(Lang::Zh));
    let fits =
        b.client.execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![]).await.unwrap();
    assert_eq!(fits, serde_json::Value::Bool(true), "horizontal scrolling at 360 px");
    b.screenshot("flows-phone").await;
    b.close().await;
}

/// The month labels under a chart (`testid`), left to right: their text and horizontal extent on
/// screen.
async fn month_labels(b: &Browser, testid: &str) -> Vec<(String, f64, f64)> {
    let js = format!(
        "return [...document.querySelectorAll('[data-testid={testid}] text.axis[text-anchor=middle]')]
           .map(t => {{ const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right]; }})
           .sort((a, b) => a[1] - b[1]);"
    );
    let v = b.client.execute(&js, vec![]).await.unwrap();
    serde_json::from_value(v).unwrap()
}

/// Checks both time charts' month labels: some are drawn, no two overlap, and each is in `lang`.
async fn assert_month_labels(b: &Browser, lang: Lang, width: u32) {
    for testid in ["trend-chart", "flows-chart"] {
        let labels = month_labels(b, testid).await;
        assert!(labels.len() >= 2, "{testid} at {width} px: {labels:?}");
        for pair in labels.windows(2) {
            assert!(
                pair[0].2 <= pair[1].1 + 0.5,
                "{testid} at {width} px, {lang:?}: {:?} overlaps {:?}",
                pair[0],
                pair[1]
            );
        }
        for (text, _, _) in &labels {
            let chinese = text.contains('月');
            assert_eq!(chinese, lang == Lang::Zh, "{testid} at {width} px, {lang:?}: {text}");
        }
    }
}

/// The month axes of the trend and the flows charts, in both of the flows chart's families (columns
/// and line): no two labels overlap at desktop or phone width, and switching the language relabels
/// them at once, without a reload.
#[tokio::test(flavor = "multi_thread")]
async fn month_labels_never_overlap_and_follow_the_language_at_once() {
    let srv = server::start(true).await;
    for (width, height) in [(1280, 1000), (375, 812)] {
        let b =
            if width < 640 { Browser::start_phone(width, height).await } else { Browser::start(width, height).await };
        b.client.goto(&srv.url("/")).await.unwrap();
        b.wait_for("[data-testid=trend-chart] text.axis[text-anchor=middle]").await;
        b.wait_for("[data-testid=flows-chart] text.axis[text-anchor=middle]").await;
        assert_month_labels(&b, Lang::Zh, width).await;
        b.wait_for("[data-testid=lang-toggle]").await.click().await.unwrap();
        b.wait_text("[data-testid=kpi-total-title]", |t| t == "Total trade").await;
        assert_month_labels(&b, Lang::En, width).await;
        b.wait_for("[data-testid=flows-line]").await.click().await.unwrap();
        b.wait_for("[data-testid=flows-chart] path").await;
        assert_month_labels(&b, Lang::En, width).await;
        b.screenshot(&format!("month-axes-en-{width}")).await;
        b.close().await;
    }
}

/// What a drawn chart shows, read off the page: how many marks of each kind (targets apart), every
/// text in drawing order, and every target's tooltip.
async fn marks(b: &Browser, svg: &str) -> serde_json::Value {
    let js = format!(
        "const s = document.querySelector('{svg}');
         const count = sel => s.querySelectorAll(sel).length;
         return {{
           rects: count('rect:not(.hit)'), lines: count('line'), paths: count('path'), circles: count('circle'),
           texts: [...s.querySelectorAll('text')].map(t => t.textContent),
           tips: [...s.querySelectorAll('.hit')].map(h => h.getAttribute('data-tip')),
         }};"
    );
    b.client.execute(&js, vec![]).await.unwrap()
}

/// One drawing per chart: for the same view, each dashboard chart draws exactly the marks, texts and
/// tooltips of the widget another site embeds (both are core's `embed::draw`), in both languages.
#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_and_the_widgets_draw_the_same_marks() {
    use waimao_core::embed::{dashboard_height, EmbedChart};
    let srv = server::start(true).await;
    let file = overview(&srv).await;
    let b = Browser::start(1280, 1000).await;
    for lang in ["zh", "en"] {
        // Thirteen months, the widgets' span, in the widgets' 亿元.
        b.client.goto(&srv.url(&format!("/?month=2021-03&months=13&lang={lang}"))).await.unwrap();
        let mut dashboard = Vec::new();
        let charts = [EmbedChart::Trend, EmbedChart::Flows, EmbedChart::Ranking, EmbedChart::Map, EmbedChart::Targets];
        for chart in charts {
            let svg = format!("[data-testid={}-chart]", chart.code());
            b.wait_for(&format!("{svg} .hit")).await;
            dashboard.push(marks(&b, &svg).await);
        }
        for (chart, on_dashboard) in charts.into_iter().zip(dashboard) {
            let height = dashboard_height(chart, &file);
            let path = format!("/embed/{}?month=2021-03&lang={lang}&theme=auto&height={height}", chart.code());
            b.client.goto(&srv.url(&path)).await.unwrap();
            b.wait_for("svg[data-embed-chart] .hit").await;
            let in_widget = marks(&b, "svg[data-embed-chart]").await;
            assert!(in_widget["rects"].as_u64().unwrap() > 0, "{chart:?}: {in_widget}");
            assert!(in_widget["tips"].as_array().unwrap().len() >= 12, "{chart:?}: {in_widget}");
            assert_eq!(on_dashboard, in_widget, "{chart:?} in {lang}: the dashboard and the widget differ");
        }
    }
    b.close().await;
}
