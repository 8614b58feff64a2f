//! Widgets for other sites: framable by design, cacheable with an ETag, drawn from the published files
//! only; the rest of the site refuses to be framed.

use reqwest::header;
use waimao_core::api::OverviewFile;
use waimao_core::embed::{render, EmbedChart, EmbedSpec};

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_widget_page_is_framable_cacheable_and_cookieless() {
    let app = spawn_app().await;
    let r = app.client.get(app.url("/embed/trend?lang=en&theme=dark&height=400")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.ends_with("frame-ancestors *") && csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(h[header::CACHE_CONTROL], "public, max-age=300");
    assert!(h.get(header::SET_COOKIE).is_none());
    let etag = h[header::ETAG].clone();
    let body = r.text().await.unwrap();
    let file: OverviewFile = app.client.get(app.url("/data/overview.json")).send().await.unwrap().json().await.unwrap();
    let spec = EmbedSpec::from_query(EmbedChart::Trend, "lang=en&theme=dark&height=400");
    let widget = render(&spec, &file, None).unwrap();
    assert!(body.contains(&widget.svg), "the page carries core's drawing");
    assert!(body.contains("<script src=\"/embed/widget.js\" defer></script>"));
    assert!(!body.contains("<script>"), "no inline script");

    // Unchanged: 304, also across a new publication of the same figures (the tag is the bytes' own).
    let again = app
        .client
        .get(app.url("/embed/trend?lang=en&theme=dark&height=400"))
        .header(header::IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // Publication times have whole seconds: wait for the next one.
    app.state.clock.advance(chrono::Duration::seconds(1));
    waimao_server::publisher::publish_all(&app.state).await.unwrap();
    let after = app
        .client
        .get(app.url("/embed/trend?lang=en&theme=dark&height=400"))
        .header(header::IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 304, "the same figures draw the same widget");
    // Another view of the data is another widget with its own tag.
    let other = app.client.get(app.url("/embed/trend?lang=zh&theme=dark&height=400")).send().await.unwrap();
    assert_eq!(other.status(), 200);
    assert_ne!(other.headers()[header::ETAG], etag);

    // The dashboard itself and the internal pages may not be framed.
    for path in ["/", "/login", "/api/session"] {
        let r = app.client.get(app.url(path)).send().await.unwrap();
        let csp = r.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
}

#[tokio::test]
async fn the_static_image_is_the_same_chart_as_svg() {
    let app = spawn_app().await;
    let r = app.client.get(app.url("/embed/ranking.svg?month=2021-03")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()[header::CONTENT_TYPE], "image/svg+xml; charset=utf-8");
    let svg = r.text().await.unwrap();
    assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>"));
    for (open, close) in [("<text", "</text>"), ("<title", "</title>"), ("<style", "</style>")] {
        assert_eq!(svg.matches(open).count(), svg.matches(close).count(), "{open}");
    }
    assert!(svg.contains(">渭滨区<"), "Chinese as text");
    assert!(!svg.contains("<script"));
    // Alone, the image says what the widget page around it says: its title, source and date.
    assert!(svg.contains("<text class=\"t\"") && svg.contains("各县区"), "the title is drawn");
    assert!(svg.contains("数据来源：") && svg.contains("数据截至2021年3月"), "source and date are drawn");
    assert!(svg.contains(" height=\""), "a fixed size, so an <img> gets its height");

    let donut = app.client.get(app.url("/embed/composition.svg?dim=partner&lang=en")).send().await.unwrap();
    assert_eq!(donut.status(), 200);
    assert!(donut.text().await.unwrap().contains("<path class=\"c0\""), "the partner donut");
    for (path, status) in
        [("/embed/pie", 404), ("/embed/trend?county=610399", 404), ("/embed/trend?month=2030-01", 400)]
    {
        assert_eq!(app.client.get(app.url(path)).send().await.unwrap().status(), status, "{path}");
    }
    let js = app.client.get(app.url("/embed/host.js")).send().await.unwrap();
    assert_eq!(js.headers()[header::CONTENT_TYPE], "text/javascript");
    assert!(js.text().await.unwrap().contains("e.origin !== origin"));
}
