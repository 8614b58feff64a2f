//! Widgets on another site, in Chromium: a host page served from another origin (another port) pastes
//! two snippets. Both render; their frames follow the content's height when the window narrows; the
//! English one speaks English and the dark one is dark; tooltips answer the keyboard; the static SVG has
//! the same numbers; the dashboard refuses to be framed; and the host page logs no errors.

use std::time::Duration;

use axum::response::Html;
use axum::routing::get;
use fantoccini::Locator;
use serde_json::Value;
use waimao_core::api::OverviewFile;
use waimao_core::chart::Theme;
use waimao_core::embed::{render, EmbedChart, EmbedSpec};
use waimao_core::Lang;
use waimao_tests::browser::Browser;
use waimao_tests::server;

/// Serves `pages` (path, html) on a port of its own: another origin than the waimao server.
async fn host(pages: Vec<(&'static str, String)>) -> String {
    let mut app = axum::Router::new();
    for (path, html) in pages {
        app = app.route(path, get(move || async move { Html(html) }));
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

async fn snippet_of(b: &Browser) -> String {
    let v = b.client.execute("return document.querySelector('[data-testid=embed-snippet]').value", vec![]).await;
    v.unwrap().as_str().unwrap_or_default().to_string()
}

async fn frame_height(b: &Browser, i: usize) -> f64 {
    let v = b
        .client
        .execute("return parseFloat(document.querySelectorAll('iframe')[arguments[0]].style.height)", vec![i.into()])
        .await
        .unwrap();
    v.as_f64().unwrap_or(0.0)
}

/// The content height inside frame `i` (entered and left again).
async fn content_height(b: &Browser, i: u16) -> f64 {
    b.client.clone().enter_frame(Some(i)).await.unwrap();
    let v = b.client.execute("return document.documentElement.getBoundingClientRect().height", vec![]).await.unwrap();
    b.client.clone().enter_parent_frame().await.unwrap();
    v.as_f64().unwrap().ceil()
}

async fn wait_height_settled(b: &Browser, i: u16) -> f64 {
    let mut last = (0.0, 0.0);
    for _ in 0..100 {
        let (frame, content) = (frame_height(b, i.into()).await, content_height(b, i).await);
        if (frame - content).abs() < 1.0 {
            return frame;
        }
        last = (frame, content);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("frame {i} never followed its content: frame {} px, content {} px", last.0, last.1);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_widgets_on_another_site() {
    let srv = server::start(true).await;
    let site = srv.url("");
    let file: OverviewFile = reqwest::get(srv.url("/data/overview.json")).await.unwrap().json().await.unwrap();
    let zh = EmbedSpec::new(EmbedChart::Trend);
    let en = EmbedSpec { lang: Lang::En, theme: Theme::Dark, height: 420, ..EmbedSpec::new(EmbedChart::Flows) };
    let (w_zh, w_en) = (render(&zh, &file, None).unwrap(), render(&en, &file, None).unwrap());
    let b = Browser::start(1200, 1500).await;

    // The snippets come from the dashboard's Embed dialog, as a person would copy them.
    b.client.goto(&srv.url("/")).await.unwrap();
    b.wait_for("[data-testid=embed-trend]").await.click().await.unwrap();
    b.wait_for("[data-testid=embed-dialog]").await;
    let first = snippet_of(&b).await;
    assert_eq!(first, zh.snippet(&site, &w_zh.title));
    b.wait_for("[data-testid=embed-chart]").await.select_by_value("flows").await.unwrap();
    b.wait_for("[data-testid=embed-lang]").await.select_by_value("en").await.unwrap();
    b.wait_for("[data-testid=embed-theme]").await.select_by_value("dark").await.unwrap();
    b.wait_for("[data-testid=embed-height]").await.select_by_value("420").await.unwrap();
    let mut second = snippet_of(&b).await;
    for _ in 0..50 {
        if second.contains("height=420") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        second = snippet_of(&b).await;
    }
    assert_eq!(second, en.snippet(&site, &w_en.title));
    let preview = b.wait_for("[data-testid=embed-preview]").await.attr("src").await.unwrap().unwrap();
    assert_eq!(preview, en.path(), "the preview shows the widget being made");
    b.screenshot("embed-dialog").await;
    b.wait_for("[data-testid=embed-close]").await.click().await.unwrap();

    let page = format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>宝鸡市商务局</title></head>\
         <body><h1>宝鸡市商务局 · 外贸动态</h1>{first}\n<p>正文……</p>{second}</body></html>"
    );
    let framed = format!("<!doctype html><html><body><iframe src=\"{site}/\"></iframe></body></html>");
    let other = host(vec![("/", page), ("/framed", framed)]).await;

    b.client.goto(&format!("{other}/")).await.unwrap();
    b.wait_for("iframe[data-waimao]").await;

    // Both render, in their languages and themes.
    b.client.clone().enter_frame(Some(0)).await.unwrap();
    assert_eq!(b.text("[data-testid=widget] h1").await, w_zh.title);
    b.wait_for("svg[data-embed-chart]").await;
    // Keyboard: the chart takes focus and the arrow keys move the tooltip from month to month.
    b.client.execute("document.querySelector('svg[data-embed-chart]').focus()", vec![]).await.unwrap();
    b.client.active_element().await.unwrap().send_keys("\u{E014}").await.unwrap();
    let first_tip =
        b.client.execute("return document.querySelector('.hit').getAttribute('data-tip')", vec![]).await.unwrap();
    b.wait_text(".tip", |t| Value::String(t.to_string()) == first_tip).await;
    b.client.clone().enter_parent_frame().await.unwrap();
    b.client.clone().enter_frame(Some(1)).await.unwrap();
    assert_eq!(b.text("[data-testid=widget] h1").await, w_en.title);
    assert!(b.text(".sum").await.starts_with(&w_en.summary[..20]));
    let bg = b.client.execute("return getComputedStyle(document.body).backgroundColor", vec![]).await.unwrap();
    assert_eq!(bg, "rgb(29, 35, 44)", "the dark theme");
    b.client.clone().enter_parent_frame().await.unwrap();
    b.screenshot("embed-host-wide").await;

    // The frames follow their content, also when the window narrows.
    let wide = [wait_height_settled(&b, 0).await, wait_height_settled(&b, 1).await];
    b.client.set_window_size(520, 1500).await.unwrap();
    let mut narrow = [0.0, 0.0];
    for i in 0..2u16 {
        for _ in 0..50 {
            narrow[usize::from(i)] = wait_height_settled(&b, i).await;
            if narrow[usize::from(i)] < wide[usize::from(i)] {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert!(narrow[0] < wide[0] && narrow[1] < wide[1], "heights {wide:?} → {narrow:?}");
    println!("embed frame heights: wide {wide:?} px, narrow {narrow:?} px");
    b.screenshot("embed-host-narrow").await;
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors on the host page: {errors:?}");

    // The static image: the same numbers as the widget.
    let svg = reqwest::get(srv.url(&zh.svg_path())).await.unwrap().text().await.unwrap();
    for tip in w_zh.svg.split("data-tip=\"").skip(1).map(|s| s.split('"').next().unwrap()) {
        assert!(svg.contains(tip), "{tip}");
    }

    // The dashboard refuses to be framed.
    b.client.goto(&format!("{other}/framed")).await.unwrap();
    let mut refused = false;
    for _ in 0..50 {
        if b.console_errors().await.iter().any(|e| e.contains("frame-ancestors")) {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(refused, "the dashboard was framed");
    assert!(b.client.find(Locator::Css("iframe")).await.is_ok());
    b.close().await;
}

/// Snippets pasted where scripts are stripped (many CMSs do): without `host.js` no frame is resized,
/// so each widget must fit the height its snippet gives, on a wide page and on a phone, for every
/// chart: nothing is cut off (the last county, the source line).
#[tokio::test(flavor = "multi_thread")]
async fn widgets_fit_their_snippets_height_without_the_host_script() {
    let srv = server::start(true).await;
    let site = srv.url("");
    let mut specs: Vec<EmbedSpec> =
        [EmbedChart::Trend, EmbedChart::Flows, EmbedChart::Ranking, EmbedChart::Targets, EmbedChart::Composition]
            .into_iter()
            .map(EmbedSpec::new)
            .collect();
    // The smallest height offered, below what a chart needs: the snippet asks for what the widget takes.
    specs.push(EmbedSpec { height: 240, ..EmbedSpec::new(EmbedChart::Ranking) });
    let snippets: String = specs
        .iter()
        .map(|spec| {
            let snippet = spec.snippet(&site, spec.chart.label(Lang::Zh));
            // What a CMS leaves of it: the frame, not the script.
            snippet.split("<script").next().unwrap().to_string()
        })
        .collect();
    let page = format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>外贸动态</title></head><body>{snippets}</body></html>"
    );
    let other = host(vec![("/", page)]).await;
    for (width, phone) in [(1280, false), (375, true)] {
        let b = if phone { Browser::start_phone(width, 900).await } else { Browser::start(width, 1000).await };
        b.client.goto(&format!("{other}/")).await.unwrap();
        b.wait_for("iframe[data-waimao]").await;
        for (i, spec) in specs.iter().enumerate() {
            let chart = (spec.chart, spec.height);
            b.client.clone().enter_frame(Some(i as u16)).await.unwrap();
            b.wait_for("svg[data-embed-chart]").await;
            if !phone {
                b.assert_accessible(&format!("the {} widget", spec.chart.code())).await;
            }
            b.client.clone().enter_parent_frame().await.unwrap();
            let (frame, content) = (frame_height(&b, i).await, content_height(&b, i as u16).await);
            assert!(content <= frame + 1.0, "{chart:?} at {width} px: content {content} px in a {frame} px frame");
        }
        b.screenshot(&format!("embed-no-script-{width}")).await;
        b.close().await;
    }
}
