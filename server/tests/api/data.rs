//! Published data files, health and errors.

use reqwest::StatusCode;
use waimao_core::api::{ErrorBody, Health, Manifest, OverviewFile};
use waimao_core::dashboard::measure_series;
use waimao_core::series::MonthlySeries;
use waimao_core::Measure;

use crate::helpers::spawn_app;

#[tokio::test]
async fn healthz_reports_ok() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Health = res.json().await.unwrap();
    assert_eq!(body.status, "ok");
}

#[tokio::test]
async fn overview_has_an_etag_and_revalidates_with_304() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/data/overview.json")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let file: OverviewFile = res.json().await.unwrap();
    assert!(file.meta.illustrative);
    assert_eq!(file.counties.len(), 12);

    let again = app.client.get(app.url("/data/overview.json")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.bytes().await.unwrap().is_empty());

    let stale =
        app.client.get(app.url("/data/overview.json")).header("if-none-match", "\"other\"").send().await.unwrap();
    assert_eq!(stale.status(), StatusCode::OK);
}

#[tokio::test]
async fn published_city_is_the_sum_of_its_counties() {
    let app = spawn_app().await;
    let file: OverviewFile = app.client.get(app.url("/data/overview.json")).send().await.unwrap().json().await.unwrap();
    let city = measure_series(file.series_of(file.city.code).unwrap(), Measure::Total);
    let counties: Vec<MonthlySeries> =
        file.counties.iter().map(|c| measure_series(file.series_of(c.code).unwrap(), Measure::Total)).collect();
    for m in file.meta.first_month.through(file.meta.last_month) {
        let sum: i64 = counties.iter().map(|s| s.month(m).unwrap()).sum();
        assert_eq!(city.month(m), Some(sum), "{m}");
    }
}

#[tokio::test]
async fn manifest_lists_every_file_with_its_hash() {
    let app = spawn_app().await;
    let manifest: Manifest = app.client.get(app.url("/data/manifest.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(manifest.files.len(), 6);
    for entry in &manifest.files {
        let res = app.client.get(app.url(&format!("/data/{}", entry.file))).send().await.unwrap();
        let etag = res.headers()["etag"].to_str().unwrap().to_string();
        assert_eq!(etag, format!("\"{}\"", &entry.sha256[..32]));
        assert_eq!(res.bytes().await.unwrap().len() as u64, entry.bytes);
    }
}

#[tokio::test]
async fn data_responses_are_compressed_when_asked() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/data/dim-partner.json")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-encoding"], "gzip");
    // Brotli when accepted: the bytes compressed once at publication, the same as the `.br` file the
    // publisher wrote beside the file for a static server, and each form with an ETag of its own.
    let manifest: waimao_core::api::Manifest =
        app.client.get(app.url("/data/manifest.json")).send().await.unwrap().json().await.unwrap();
    let path = &manifest.files.iter().find(|f| f.file == "overview.json").unwrap().path;
    let get =
        |coding: &'static str| app.client.get(app.url("/data/overview.json")).header("accept-encoding", coding).send();
    let br = get("gzip, deflate, br").await.unwrap();
    assert_eq!(
        (br.headers()["content-encoding"].to_str().unwrap(), br.headers()["vary"].to_str().unwrap()),
        ("br", "accept-encoding")
    );
    let br_etag = br.headers()["etag"].clone();
    let body = br.bytes().await.unwrap();
    assert_eq!(body.as_ref(), std::fs::read(app.state.config.data_dir.join(format!("{path}.br"))).unwrap());
    let raw = get("identity").await.unwrap();
    assert!(raw.headers().get("content-encoding").is_none());
    assert_ne!(raw.headers()["etag"], br_etag);
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut brotli::Decompressor::new(body.as_ref(), 4096), &mut plain).unwrap();
    assert_eq!(plain, raw.bytes().await.unwrap().as_ref());
}

#[tokio::test]
async fn unknown_paths_are_404_with_a_json_message() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/data/nope.json")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let body: ErrorBody = res.json().await.unwrap();
    assert!(body.error.contains("未找到"), "{}", body.error);
    let res = app.client.get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn path_traversal_is_refused() {
    let app = spawn_app().await;
    for path in [
        "/../secret.txt",
        "/data/../secret.txt",
        "/data/..%2fsecret.txt",
        "/data/%2e%2e%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/data/..%5c..%5csecret.txt",
    ] {
        let res = crate::helpers::raw_get(app.addr, path).await;
        let status_line = res.lines().next().unwrap_or_default().to_string();
        assert!(!res.contains("top secret"), "{path} leaked the file");
        assert!(!status_line.contains(" 200 "), "{path}: {status_line}");
    }
}

#[tokio::test]
async fn the_dataset_downloads_as_a_zip_of_csvs_with_a_dictionary_that_matches_the_overview() {
    use std::io::Read;
    let app = spawn_app().await;
    let res = app.client.get(app.url("/data/dataset.zip")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut names: Vec<String> = zip.file_names().map(String::from).collect();
    names.sort();
    for want in [
        "regions-monthly.csv",
        "dimension-trade_mode.csv",
        "dimension-partner.csv",
        "targets.csv",
        "data-dictionary.csv",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} missing from {names:?}");
    }
    let mut text = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let regions = text("regions-monthly.csv");
    assert!(regions.starts_with("\u{feff}region_code,region_name,period,exports,imports,total,status\r\n"));
    // The city's June 2021 exports are the overview's, to the yuan.
    let overview: OverviewFile =
        app.client.get(app.url("/data/overview.json")).send().await.unwrap().json().await.unwrap();
    let city = overview.series_of(overview.city.code).unwrap();
    let june = waimao_core::YearMonth::new(2021, 6).unwrap();
    let line =
        format!("{},{},2021-06,{},", overview.city.code, overview.city.name_zh, city.exports.month(june).unwrap());
    assert!(regions.contains(&line), "{line}");
    let dictionary = text("data-dictionary.csv");
    assert!(dictionary.contains("regions-monthly.csv,total,元"), "{dictionary}");
    // The same data give the same file: a revalidation is a 304.
    let again = app.client.get(app.url("/data/dataset.zip")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}
