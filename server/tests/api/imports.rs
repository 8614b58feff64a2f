//! Importing a spreadsheet through the real server: a broken file is reported by row and column and
//! stores nothing; a good one becomes a batch that publishes only when approved; the same file twice
//! changes nothing; a revision keeps the earlier version; only the bureau may import.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use waimao_core::account::Role;
use waimao_core::api::OverviewFile;
use waimao_core::YearMonth;

use crate::helpers::{spawn_app, TestApp, PASSWORD};

/// July 2021 (the month after the demo data) for every county: exports 100 + i 万元, imports 50 万元.
fn july(exports_of_first: &str) -> String {
    let regions = waimao_core::RegionRegistry::parse_csv(include_str!("../../../data/registry/regions-610300.csv"))
        .expect("registry");
    let mut out = String::from("期间,县区,进出口,分类维度,项目,金额（万元）\n");
    for (i, c) in regions.counties.iter().enumerate() {
        let exports = if i == 0 { exports_of_first.to_string() } else { (100 + i).to_string() };
        out.push_str(&format!("2021年7月,{},出口,,,{exports}\n", c.name_zh));
        out.push_str(&format!("2021年7月,{},进口,,,50\n", c.code));
    }
    out.push_str("2021年7月,渭滨区,出口,贸易方式,一般贸易,60\n");
    out
}

async fn upload(app: &TestApp, cookie: &str, name: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let r = app
        .client
        .post(app.url(&format!("/api/imports/files?name={name}")))
        .header("origin", format!("http://{}", app.addr))
        .header("cookie", cookie)
        .header("content-type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Commits the checked file under the mapping its check used: the status and the answer.
async fn commit(app: &TestApp, cookie: &str, check: &Value) -> (StatusCode, Value) {
    let path = format!("/api/imports/files/{}/commit", check["file"]);
    app.call(Method::POST, &path, Some(cookie), Some(json!({"mapping": check["mapping"]}))).await
}

async fn overview(app: &TestApp) -> OverviewFile {
    app.client.get(app.url("/data/overview.json")).send().await.unwrap().json().await.unwrap()
}

fn july_month() -> YearMonth {
    YearMonth::new(2021, 7).unwrap()
}

#[tokio::test]
async fn a_customs_file_is_checked_committed_approved_and_published() {
    let app = spawn_app().await;
    app.add_user("boss", Role::Admin, None, None).await;
    let admin = app.sign_in("boss", PASSWORD).await.unwrap();
    let before = app.snapshot().await;

    // A broken file: text in an amount, reported at its row and column; nothing is stored.
    let (status, check) = upload(&app, &admin, "customs.csv", july("约100").into_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{check}");
    assert_eq!(check["report"]["total"], 1, "{check}");
    let finding = &check["report"]["findings"][0];
    assert_eq!((finding["row"].as_u64(), finding["column"].as_str()), (Some(2), Some("F（金额（万元））")));
    assert!(finding["zh"].as_str().unwrap().contains("不是数字"), "{finding}");
    assert!(check["plan"].is_null());
    let (status, refused) = commit(&app, &admin, &check).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(app.snapshot().await[..2], before[..2], "no observation was stored");

    // The corrected file: previewed, planned, committed as a pending batch.
    let (_, check) = upload(&app, &admin, "customs.csv", july("\"1,234.5\"").into_bytes()).await;
    assert_eq!(check["report"]["total"], 0, "{check}");
    assert_eq!(check["rows"], 25);
    assert_eq!(check["sample"][0]["cells"][1], "渭滨区");
    assert_eq!(check["plan"]["new"], 25, "{check}");
    assert_eq!(check["plan"]["periods"], json!(["2021-07"]));
    let file = check["file"].as_i64().unwrap();
    let with_source = json!({"mapping": check["mapping"], "source": "西安海关 2021年7月快报"});
    let path = format!("/api/imports/files/{file}/commit");
    let (status, committed) = app.call(Method::POST, &path, Some(&admin), Some(with_source.clone())).await;
    assert_eq!(status, StatusCode::OK, "{committed}");
    let batch = committed["batch"]["id"].as_i64().unwrap();
    assert_eq!(committed["batch"]["state"], "pending");
    assert_eq!(committed["batch"]["source"], "西安海关 2021年7月快报");
    let (_, again) = app.call(Method::POST, &path, Some(&admin), Some(with_source.clone())).await;
    assert_eq!(again["batch"]["id"].as_i64(), Some(batch), "committing again returns the pending batch");
    assert_eq!(overview(&app).await.meta.last_month, YearMonth::new(2021, 6).unwrap(), "nothing published yet");

    // Approved: stored as approved figures and published; the city is the sum of the counties.
    let review = format!("/api/imports/batches/{batch}/review");
    let (status, approved) = app.call(Method::POST, &review, Some(&admin), Some(json!({"approve": true}))).await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    assert_eq!(approved["state"], "approved");
    let o = overview(&app).await;
    assert_eq!(o.meta.last_month, july_month());
    let city = o.series_of(o.city.code).unwrap();
    let expected: i64 = 12_345_000 + (1..12).map(|i| (100 + i) * 10_000).sum::<i64>();
    assert_eq!(city.exports.month(july_month()), Some(expected));
    assert_eq!(city.imports.month(july_month()), Some(12 * 500_000));
    let (status, _) = app.call(Method::POST, &review, Some(&admin), Some(json!({"approve": true}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a batch is reviewed once");

    // The same file again changes nothing and makes no batch.
    let (_, check) = upload(&app, &admin, "customs-copy.csv", july("\"1,234.5\"").into_bytes()).await;
    assert_eq!((check["plan"]["unchanged"].as_u64(), check["plan"]["new"].as_u64()), (Some(25), Some(0)));
    let stored = app.snapshot().await;
    let (_, none) = app.call(Method::POST, &path, Some(&admin), Some(with_source)).await;
    assert!(none["batch"].is_null(), "{none}");
    assert_eq!(app.snapshot().await[..2], stored[..2]);

    // Customs revise one county's exports: version 2, marked revised; version 1 stays as history.
    let (_, check) = upload(&app, &admin, "revised.csv", july("\"1,300\"").into_bytes()).await;
    assert_eq!((check["plan"]["revised"].as_u64(), check["plan"]["unchanged"].as_u64()), (Some(1), Some(24)));
    let (_, committed) = commit(&app, &admin, &check).await;
    let batch = committed["batch"]["id"].as_i64().unwrap();
    assert_eq!(committed["batch"]["source"], "revised.csv", "the file's name when no source is given");
    app.call(
        Method::POST,
        &format!("/api/imports/batches/{batch}/review"),
        Some(&admin),
        Some(json!({"approve": true})),
    )
    .await;
    let versions: Vec<(i64, i64, String)> = app
        .state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            let mut s = c.prepare(
                "SELECT version, value, status FROM observation WHERE entity_id = '610302' AND period = '2021-07'
                 AND flow = 'export' AND dimension = '' ORDER BY version",
            )?;
            let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
        .unwrap();
    assert_eq!(versions, vec![(1, 12_345_000, "preliminary".into()), (2, 13_000_000, "revised".into())]);
    let city = overview(&app).await;
    let city = city.series_of(city.city.code).unwrap().exports.month(july_month());
    assert_eq!(city, Some(expected - 12_345_000 + 13_000_000));

    let (_, list) = app.call(Method::GET, "/api/imports/batches", Some(&admin), None).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    let audit: Vec<String> = app
        .state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            let mut s = c.prepare("SELECT action FROM audit WHERE action LIKE 'import%' ORDER BY id")?;
            let rows = s.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
        .unwrap();
    assert_eq!(audit, ["import_commit", "import_approve", "import_commit", "import_approve"]);
}

#[tokio::test]
async fn rejecting_needs_a_reason_and_stores_nothing_and_the_mapping_is_remembered() {
    let app = spawn_app().await;
    app.add_user("boss", Role::Admin, None, None).await;
    let admin = app.sign_in("boss", PASSWORD).await.unwrap();
    // Headers the suggestion cannot place: the user maps them, and the next file gets that mapping.
    let odd = july("100").replace("期间,县区,进出口,分类维度,项目,金额（万元）", "A,B,C,D,E,F");
    let (_, check) = upload(&app, &admin, "odd.csv", odd.clone().into_bytes()).await;
    assert!(check["report"]["findings"][0]["zh"].as_str().unwrap().contains("请指定“期间”所在的列"), "{check}");
    let file = check["file"].as_i64().unwrap();
    let mapping = json!({"columns": {"period": "A", "region": "B", "flow": "C", "dimension": "D", "member": "E",
        "value": "F"}, "unit": "wan", "currency": "CNY"});
    let (status, check) =
        app.call(Method::POST, &format!("/api/imports/files/{file}/check"), Some(&admin), Some(mapping.clone())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(check["report"]["total"], 0, "{check}");
    let (_, next) = upload(&app, &admin, "odd-august.csv", odd.replace("2021年7月", "2021年8月").into_bytes()).await;
    assert_eq!(next["mapping"], mapping, "the last mapping is remembered");
    assert_eq!(next["plan"]["new"], 25);

    let (_, committed) = commit(&app, &admin, &check).await;
    let review = format!("/api/imports/batches/{}/review", committed["batch"]["id"]);
    let before = app.snapshot().await;
    let (status, _) = app.call(Method::POST, &review, Some(&admin), Some(json!({"approve": false}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, rejected) =
        app.call(Method::POST, &review, Some(&admin), Some(json!({"approve": false, "comment": "口径不对"}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((rejected["state"].as_str(), rejected["comment"].as_str()), (Some("rejected"), Some("口径不对")));
    assert_eq!(app.snapshot().await[..2], before[..2], "a rejected batch stores no figure");
}

#[tokio::test]
async fn only_the_bureau_imports_and_only_the_upload_may_be_large() {
    let app = spawn_app().await;
    for (name, role, county) in [("viewer", Role::Viewer, None), ("wb", Role::County, Some("610302"))] {
        app.add_user(name, role, county, None).await;
        let cookie = app.sign_in(name, PASSWORD).await.unwrap();
        let (status, _) = upload(&app, &cookie, "x.csv", july("1").into_bytes()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{name}");
        let (status, _) = app.call(Method::GET, "/api/imports/batches", Some(&cookie), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{name}");
    }
    app.add_user("boss", Role::Admin, None, None).await;
    let admin = app.sign_in("boss", PASSWORD).await.unwrap();
    // Five MB of rows is accepted by the upload, while any other endpoint refuses a body over 1 MiB.
    let mut big = july("1");
    while big.len() < 5_000_000 {
        big.push_str("# padding the file with a comment line that is not a figure at all\n");
    }
    let (status, check) = upload(&app, &admin, "big.csv", big.into_bytes()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(check["report"]["total"].as_u64().unwrap() > 0, "the padding lines are findings, not a crash");
    let (status, _) = upload(&app, &admin, "huge.csv", vec![b'a'; 21 * 1024 * 1024]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let (status, _) =
        app.call(Method::POST, "/api/meetings", Some(&admin), Some(json!({"pad": "x".repeat(2 * 1024 * 1024)}))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn any_table_comes_back_as_a_workbook_that_reads_as_it_was_shown() {
    let app = spawn_app().await;
    let table = json!({"sheet": "各县区进出口：2021年1—6月 [万元]", "table": {
        "headers": ["县区", "进出口（万元）", "同比"],
        "rows": [["渭滨区", "12,345.67", "8.1%"], ["金台区", "—", "新增"]]
    }});
    // No session needed (the public dashboard's tables download too), but it must come from this site.
    let (status, _) = app.call(Method::POST, "/api/xlsx", None, Some(table.clone())).await;
    assert_eq!(status, StatusCode::OK);
    let res = app
        .client
        .post(app.url("/api/xlsx"))
        .header("origin", format!("http://{}", app.addr))
        .json(&table)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = res.bytes().await.unwrap();
    let grid = waimao_core::import::sheet::read("t.xlsx", &bytes).unwrap();
    assert_eq!(grid.sheet, "各县区进出口：2021年1—6月 万元", "Excel's forbidden characters are dropped");
    assert_eq!(grid.headers, ["县区", "进出口（万元）", "同比"]);
    use waimao_core::import::Cell;
    assert_eq!(grid.rows[0], [Cell::Text("渭滨区".into()), Cell::Number(12345.67), Cell::Number(0.081)]);
    assert_eq!(grid.rows[1][1], Cell::Text("—".into()));
    let res = app
        .client
        .post(app.url("/api/xlsx"))
        .header("origin", "http://elsewhere.example")
        .json(&table)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (status, body) = app
        .call(Method::POST, "/api/xlsx", None, Some(json!({"sheet": "x", "table": {"headers": [], "rows": [["1"]]}})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

/// The hostile uploads that once killed or swelled the server: a 1.6 KB workbook declaring a cell at
/// XFD1048576, and 19 MB of commas. Each is refused with the limit it breaks, with a small answer, and
/// the server goes on serving.
#[tokio::test]
async fn hostile_spreadsheets_are_refused_with_the_limit_and_the_server_stays_up() {
    let app = spawn_app().await;
    app.add_user("boss", Role::Admin, None, None).await;
    let admin = app.sign_in("boss", PASSWORD).await.unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "期间").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let bomb = book.save_to_buffer().unwrap();
    assert!(bomb.len() < 10_000, "the bomb is small: {} bytes", bomb.len());
    for (name, body, says) in
        [("bomb.xlsx", bomb, "最多100列"), ("commas.csv", vec![b','; 19 * 1024 * 1024], "一行最多")]
    {
        let r = app
            .client
            .post(app.url(&format!("/api/imports/files?name={name}")))
            .header("origin", format!("http://{}", app.addr))
            .header("cookie", &admin)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{name}: the check answers with its findings");
        let text = r.text().await.unwrap();
        assert!(text.len() < 10_000, "{name}: a {} byte answer", text.len());
        let check: Value = serde_json::from_str(&text).unwrap();
        let finding = check["report"]["findings"][0]["zh"].as_str().unwrap_or_default().to_string();
        assert!(finding.starts_with("文件过大") && finding.contains(says), "{name}: {finding}");
    }
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

/// `POST /api/xlsx` needs no session, so whatever it is sent it answers 200 or 400, never 500.
#[tokio::test]
async fn any_table_to_a_workbook_refuses_what_no_workbook_holds_and_never_fails() {
    let app = spawn_app().await;
    let post = |body: Value| {
        app.client.post(app.url("/api/xlsx")).header("origin", format!("http://{}", app.addr)).json(&body).send()
    };
    let wide: Vec<String> = (0..16_385).map(|i| format!("c{i}")).collect();
    let cases = [
        (json!({"sheet": "x", "table": {"headers": wide, "rows": []}}), StatusCode::BAD_REQUEST),
        (json!({"sheet": "x", "table": {"headers": ["a"], "rows": [["字".repeat(40_000)]]}}), StatusCode::BAD_REQUEST),
        (json!({"sheet": "'引号开头", "table": {"headers": ["a"], "rows": [["1"]]}}), StatusCode::OK),
        (json!({"sheet": "History", "table": {"headers": ["a"], "rows": [["1"]]}}), StatusCode::OK),
        (json!({"sheet": "\u{0}", "table": {"headers": ["a"], "rows": [["1"]]}}), StatusCode::OK),
        (json!({"sheet": "x", "table": {"headers": [], "rows": []}}), StatusCode::BAD_REQUEST),
    ];
    for (body, want) in cases {
        let r = post(body.clone()).await.unwrap();
        let status = r.status();
        let text = r.text().await.unwrap_or_default();
        assert_eq!(status, want, "{}: {}", body["sheet"], text.chars().take(200).collect::<String>());
    }
}

/// The open `POST /api/xlsx` costs CPU for anyone who calls it: an address gets a burst of
/// workbooks, then a 429 with `Retry-After`, while another address is served as before.
#[tokio::test]
async fn workbooks_for_anyone_are_limited_per_address() {
    let app = crate::helpers::spawn_app_with(waimao_server::auth::AuthSettings {
        trusted_proxy: Some("127.0.0.1".parse().unwrap()),
        ..Default::default()
    })
    .await;
    let post = |ip: &'static str| {
        app.client
            .post(app.url("/api/xlsx"))
            .header("origin", format!("http://{}", app.addr))
            .header("x-forwarded-for", ip)
            .json(&json!({"sheet": "x", "table": {"headers": ["a"], "rows": [["1"]]}}))
            .send()
    };
    for i in 0..waimao_server::rate_limit::XLSX_BURST {
        assert_eq!(post("203.0.113.8").await.unwrap().status(), StatusCode::OK, "workbook {i}");
    }
    let r = post("203.0.113.8").await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&wait), "one more workbook every 2 s, told to wait {wait} s");
    let body: Value = r.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("稍后再试"), "{body}");
    assert_eq!(post("198.51.100.3").await.unwrap().status(), StatusCode::OK);
}
