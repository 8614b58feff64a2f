//! The situation briefing in Chromium: the page for a period shows the title and sentences core writes
//! from the same published files, choosing another period rewrites it and the URL, and printing it to
//! PDF gives an A4 document with a page per part (saved under `target/screenshots/` to look at).

use std::process::Command;

use waimao_core::account::Role;
use waimao_core::briefing::enterprises::EnterpriseSeries;
use waimao_core::briefing::write;
use waimao_core::{Lang, Period};
use waimao_tests::browser::Browser;
use waimao_tests::person::{signed_in, user};
use waimao_tests::server;

#[tokio::test(flavor = "multi_thread")]
async fn the_briefing_reads_as_core_writes_it_and_prints_on_a4() {
    let srv = server::start(true).await;
    let (file, dims) = srv.published().await;
    let b = Browser::start(1280, 1400).await;
    b.client.goto(&srv.url("/briefing?period=2021-YTD03")).await.unwrap();
    let want = write(&file, &dims, Period::parse("2021-YTD03").unwrap(), Lang::Zh);
    let title = b.wait_text("[data-testid=briefing-title]", |t| !t.is_empty()).await;
    assert_eq!(title, want.title);
    let opening = b.text("[data-testid=briefing-totals] .briefing-text").await;
    assert_eq!(opening, want.sections[0].paragraphs[0]);
    for s in &want.sections {
        let shown = b.text(&format!("[data-testid=briefing-{}]", s.key)).await;
        for p in &s.paragraphs {
            assert!(shown.contains(p.as_str()), "{}: {p}", s.key);
        }
    }
    let charts = b.client.find_all(fantoccini::Locator::Css("[data-testid=briefing-chart]")).await.unwrap();
    assert_eq!(charts.len(), 4, "a chart for each breakdown and for the counties");
    b.screenshot("briefing-2021-ytd03").await;
    b.assert_accessible("/briefing").await;

    // Another period: the first quarter, worded as a quarter.
    let script = "const s = document.getElementById('briefing-period'); s.value = '2021-Q1';
        s.dispatchEvent(new Event('change', { bubbles: true }));";
    b.client.execute(script, vec![]).await.unwrap();
    let q1 = write(&file, &dims, Period::parse("2021-Q1").unwrap(), Lang::Zh);
    b.wait_text("[data-testid=briefing-title]", |t| t == q1.title).await;
    assert!(b.client.current_url().await.unwrap().as_str().ends_with("/briefing?period=2021-Q1"));
    assert!(b.console_errors().await.is_empty());
    b.close().await;

    // Printed by Chromium itself: a PDF with the title page and a page for each later part.
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("briefing-2021-q1.pdf");
    let _ = std::fs::remove_file(&pdf);
    let profile = tempfile::tempdir().unwrap();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--virtual-time-budget=8000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(srv.url("/briefing?period=2021-Q1"))
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = String::from_utf8_lossy(&bytes);
    // Page objects, however the writer spaces them ("/Type /Page" or "/Type/Page", never "/Pages").
    let pages: usize = ["/Type /Page", "/Type/Page"]
        .iter()
        .map(|pat| text.match_indices(pat).filter(|(i, _)| !text[i + pat.len()..].starts_with('s')).count())
        .sum();
    // A4 is 595 × 842 points.
    assert!(text.contains("595") && text.contains("842"), "not A4");
    assert!(pages >= q1.sections.len(), "{pages} pages for {} parts", q1.sections.len());
}

/// The key enterprises' part appears for a signed-in viewer only, with the text core writes from the
/// enterprises' figures the API gives that viewer.
#[tokio::test(flavor = "multi_thread")]
async fn a_signed_in_reader_sees_the_key_enterprises_part() {
    let srv = server::start(true).await;
    let (file, dims) = srv.published().await;
    user(&srv, "leader", Role::Viewer, None, None).await;
    let b = signed_in(&srv, "leader", "/briefing?period=2021-Q1").await;
    // The same figures as the page gets, fetched in the page's session.
    let script = "const done = arguments[0]; fetch('/api/briefing/enterprises').then(r => r.text()).then(done);";
    let json = b.client.execute_async(script, vec![]).await.unwrap();
    let firms: Vec<EnterpriseSeries> = serde_json::from_str(json.as_str().unwrap()).unwrap();
    assert_eq!(firms.len(), 30);
    let q1 = Period::parse("2021-Q1").unwrap();
    let city = file.series_of(file.city.code).unwrap();
    let want = waimao_core::briefing::enterprises::section(&firms, city, q1, Lang::Zh);
    let shown = b.wait_text("[data-testid=briefing-enterprises]", |t| !t.is_empty()).await;
    assert!(shown.starts_with(&want.heading), "{shown}");
    for p in &want.paragraphs {
        assert!(shown.contains(p.as_str()), "{p}");
    }
    assert!(want.paragraphs[0].starts_with("30家重点外贸企业合计进出口"), "{}", want.paragraphs[0]);
    let rows =
        b.client.find_all(fantoccini::Locator::Css("[data-testid=briefing-enterprises] tbody tr")).await.unwrap();
    assert_eq!(rows.len(), 10);
    // The rest of the briefing is as the public reads it.
    let public = write(&file, &dims, q1, Lang::Zh);
    assert_eq!(b.text("[data-testid=briefing-title]").await, public.title);
    let scroll = "document.querySelector('[data-testid=briefing-enterprises]').scrollIntoView()";
    b.client.execute(scroll, vec![]).await.unwrap();
    b.screenshot("briefing-enterprises").await;
    b.close().await;
}
