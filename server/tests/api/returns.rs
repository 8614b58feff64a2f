//! Filing returns against the real server: idempotent submissions (also when the same one arrives from
//! many tasks at once), conflicts between two editors, the review workflow, publication of complete
//! months only, and the completeness table.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use waimao_core::account::Role;
use waimao_core::api::OverviewFile;

use crate::helpers::{spawn_app, TestApp, PASSWORD};

const WEIBIN: &str = "610302";
const JULY: &str = "2021-07";

fn uuid(n: u64) -> String {
    format!("5e1f0c3a-0000-4000-8000-{n:012}")
}

/// A county's return for July 2021 of `exports_wan` 万元 exports and 30 万元 imports.
fn county_return(county: &str, n: u64, base: u32, exports_wan: i64) -> Value {
    json!({
        "id": uuid(n),
        "owner": { "kind": "county", "id": county },
        "month": JULY,
        "base_version": base,
        "content": { "currency": "CNY", "exports": exports_wan * 10_000, "imports": 300_000 },
        // The demo's counties are far larger than these figures: the warnings need a reason.
        "explanation": "测试数据，与往年不可比",
    })
}

async fn signed_in(app: &TestApp) -> (String, String) {
    app.add_user("boss", Role::Admin, None, None).await;
    app.add_user("weibin", Role::County, Some(WEIBIN), None).await;
    (app.sign_in("boss", PASSWORD).await.unwrap(), app.sign_in("weibin", PASSWORD).await.unwrap())
}

async fn rows(app: &TestApp, sql: &'static str) -> i64 {
    app.scalar(sql).await
}

#[tokio::test]
async fn the_same_submission_from_many_tasks_is_stored_once() {
    let app = spawn_app().await;
    let (_, county) = signed_in(&app).await;
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for _ in 0..40 {
        let (app, county) = (app.clone(), county.clone());
        tasks.push(tokio::spawn(async move {
            app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 1, 0, 80))).await
        }));
    }
    let mut replayed = 0;
    for t in tasks {
        let (status, ack) = t.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{ack}");
        assert_eq!(ack["version"], 1, "every answer names the one stored version");
        replayed += usize::from(ack["replayed"] == true);
    }
    assert_eq!(replayed, 39, "one stored, 39 answered as resends");
    assert_eq!(rows(&app, "SELECT count(*) FROM return_version").await, 1);
    assert_eq!(rows(&app, "SELECT count(*) FROM audit WHERE action = 'submit_return'").await, 1);

    // The same id with other content is a conflict that says so, and stores nothing.
    let (status, body) =
        app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 1, 0, 81))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["error"].as_str().unwrap().contains("已用于不同的内容"), "{body}");
    assert_eq!(body["current"]["content"]["exports"], 800_000, "the same owner's filer sees what is stored");
    assert_eq!(rows(&app, "SELECT count(*) FROM return_version").await, 1);

    // Another county reusing the id learns nothing of Weibin's return: no figures, no comment, no filer.
    app.add_user("jintai", Role::County, Some("610303"), None).await;
    let other = app.sign_in("jintai", PASSWORD).await.unwrap();
    let (status, body) =
        app.call(Method::POST, "/api/returns", Some(&other), Some(county_return("610303", 1, 0, 5))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["current"].is_null(), "{body}");
    let text = body.to_string();
    assert!(!text.contains("800000") && !text.contains("weibin") && !text.contains("测试数据"), "{text}");
}

#[tokio::test]
async fn two_editors_of_one_return_get_a_conflict_not_a_silent_overwrite() {
    let app = spawn_app().await;
    let (admin, county) = signed_in(&app).await;
    let (status, _) =
        app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 1, 0, 80))).await;
    assert_eq!(status, StatusCode::OK);
    // Both start from version 1; the bureau saves first.
    let (status, ack) =
        app.call(Method::POST, "/api/returns", Some(&admin), Some(county_return(WEIBIN, 2, 1, 85))).await;
    assert_eq!((status, ack["version"].clone()), (StatusCode::OK, json!(2)));
    let (status, conflict) =
        app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 3, 1, 90))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(conflict["current"]["version"], 2);
    assert_eq!(conflict["current"]["content"]["exports"], 850_000, "the other version is shown: {conflict}");
    assert_eq!(conflict["current"]["submitted_by"], "boss");
    // Choosing to keep one's own figures means submitting them on top of the current version.
    let (status, ack) =
        app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 3, 2, 90))).await;
    assert_eq!((status, ack["version"].clone()), (StatusCode::OK, json!(3)));
}

#[tokio::test]
async fn validation_errors_come_back_by_field_in_both_languages() {
    let app = spawn_app().await;
    let (_, county) = signed_in(&app).await;
    let mut bad = county_return(WEIBIN, 1, 0, 80);
    bad["content"]["imports"] = json!(-5);
    bad["content"]["parts"] =
        json!([{ "dimension": "trade_mode", "member": "general", "flow": "export", "value": 900_000 }]);
    let (status, report) = app.call(Method::POST, "/api/returns", Some(&county), Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let findings: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap().to_string(), f["check"].as_str().unwrap().to_string()))
        .collect();
    assert!(findings.contains(&("imports".into(), "negative".into())), "{findings:?}");
    assert!(findings.contains(&("part".into(), "parts_exceed_total".into())), "{findings:?}");
    assert!(
        report["error"].as_str().unwrap().contains("不能为负数") || report["error"].as_str().unwrap().contains("超过")
    );
    // A month not yet over, and a month the demo data already approved, are refused.
    for (month, check) in [("2099-01", "month_not_over"), ("2021-06", "already_approved")] {
        let mut body = county_return(WEIBIN, 2, 0, 80);
        body["month"] = json!(month);
        let (status, report) = app.call(Method::POST, "/api/returns", Some(&county), Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{month}");
        assert!(report["findings"].as_array().unwrap().iter().any(|f| f["check"] == check), "{report}");
    }
    // Without the explanation, the warnings block.
    let mut unexplained = county_return(WEIBIN, 3, 0, 80);
    unexplained["explanation"] = json!("");
    let (status, report) = app.call(Method::POST, "/api/returns", Some(&county), Some(unexplained)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(report["error"].as_str().unwrap().starts_with("情况说明："), "{report}");
    assert_eq!(rows(&app, "SELECT count(*) FROM return_version").await, 0, "nothing invalid was stored");
}

/// The month a return may be filed for is decided by the server's clock in China's time: at 23:59 on
/// 31 July in Baoji July is not over; a minute later (16:00 UTC, still 31 July there) it is.
#[tokio::test]
async fn the_servers_clock_in_chinas_time_decides_which_month_is_over() {
    let app = spawn_app().await;
    let (_, county) = signed_in(&app).await;
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
    let check =
        |body: &Value| body["findings"].as_array().is_some_and(|f| f.iter().any(|f| f["check"] == "month_not_over"));
    app.state.clock.set(at("2021-07-31T15:59:00Z"));
    let (status, report) =
        app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 1, 0, 80))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    assert!(check(&report), "July is not over at 23:59 in China: {report}");
    app.state.clock.advance(chrono::Duration::minutes(1));
    let (status, ack) =
        app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 2, 0, 80))).await;
    assert_eq!(status, StatusCode::OK, "from 00:00 on 1 August in China July may be filed: {ack}");
    // What is stored carries the clock's time, not the machine's.
    let stamped: String = app.scalar("SELECT submitted_at FROM return_version").await;
    assert!(stamped.starts_with("2021-07-31T16:00"), "{stamped}");
}

async fn overview(app: &TestApp) -> OverviewFile {
    app.client.get(app.url("/data/overview.json")).send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn review_locks_publishes_complete_months_and_reopening_revises() {
    let app = spawn_app().await;
    let (admin, county) = signed_in(&app).await;
    let path = format!("/api/returns/county/{WEIBIN}/{JULY}");
    app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 1, 0, 80))).await;

    // Returned with a comment, corrected, approved.
    let (status, r) = app
        .call(Method::POST, &format!("{path}/review"), Some(&admin), Some(json!({ "version": 1, "approve": false })))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "returning needs a comment: {r}");
    let (_, r) = app
        .call(
            Method::POST,
            &format!("{path}/review"),
            Some(&admin),
            Some(json!({ "version": 1, "approve": false, "comment": "请核对出口额" })),
        )
        .await;
    assert_eq!((r["state"].as_str(), r["review_comment"].as_str()), (Some("returned"), Some("请核对出口额")));
    let (_, seen) = app.call(Method::GET, &path, Some(&county), None).await;
    assert_eq!(seen["review_comment"], "请核对出口额", "the county sees why");
    app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 2, 1, 82))).await;
    let (status, r) = app
        .call(Method::POST, &format!("{path}/review"), Some(&admin), Some(json!({ "version": 2, "approve": true })))
        .await;
    assert_eq!((status, r["state"].as_str()), (StatusCode::OK, Some("approved")));

    // One county is not a month: the published files still end in June, and say that July is pending.
    let o = overview(&app).await;
    assert_eq!(o.meta.last_month.to_string(), "2021-06");
    let n = app.state.regions.counties.len() as u32;
    let pending = o.meta.pending.expect("July is pending");
    assert_eq!((pending.month.to_string(), pending.approved, pending.counties), (JULY.to_string(), 1, n));
    // Approved means locked.
    let (status, report) =
        app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 3, 2, 83))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(report["error"].as_str().unwrap().contains("已锁定"), "{report}");

    // The other eleven counties file (through the bureau) and are approved: July is published as 快报.
    let counties: Vec<String> = app.state.regions.counties.iter().map(|c| c.code.to_string()).collect();
    for (i, code) in counties.iter().filter(|c| *c != WEIBIN).enumerate() {
        let (status, ack) = app
            .call(Method::POST, "/api/returns", Some(&admin), Some(county_return(code, 100 + i as u64, 0, 50)))
            .await;
        assert_eq!(status, StatusCode::OK, "{ack}");
        let (status, _) = app
            .call(
                Method::POST,
                &format!("/api/returns/county/{code}/{JULY}/review"),
                Some(&admin),
                Some(json!({ "version": 1, "approve": true })),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let o = overview(&app).await;
    assert_eq!(o.meta.last_month.to_string(), JULY);
    assert_eq!(o.meta.pending, None, "a complete month is published, not pending");
    let july_month = waimao_core::YearMonth::parse(JULY).unwrap();
    assert!(o.meta.preliminary_from.is_some_and(|m| m <= july_month), "July is marked 快报");
    let weibin = o.series_of(waimao_core::RegionCode::parse(WEIBIN).unwrap()).unwrap();
    let july = waimao_core::YearMonth::parse(JULY).unwrap();
    assert_eq!(weibin.exports.month(july), Some(820_000), "the approved version 2, in 元");

    // Reopening is the bureau's audited action; the correction is published as 修订.
    let (status, _) =
        app.call(Method::POST, &format!("{path}/reopen"), Some(&admin), Some(json!({ "reason": " " }))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a reason is required");
    let (status, r) = app
        .call(Method::POST, &format!("{path}/reopen"), Some(&admin), Some(json!({ "reason": "海关数据更正" })))
        .await;
    assert_eq!((status, r["state"].as_str()), (StatusCode::OK, Some("reopened")));
    let (status, ack) =
        app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 4, 2, 88))).await;
    assert_eq!((status, ack["version"].clone()), (StatusCode::OK, json!(3)), "{ack}");
    app.call(Method::POST, &format!("{path}/review"), Some(&admin), Some(json!({ "version": 3, "approve": true })))
        .await;
    let weibin_now = overview(&app).await;
    let series = weibin_now.series_of(waimao_core::RegionCode::parse(WEIBIN).unwrap()).unwrap();
    assert_eq!(series.exports.month(july), Some(880_000));
    let status: String = app
        .state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            Ok(c.query_row(
                "SELECT status FROM observation WHERE entity_id = '610302' AND period = '2021-07' AND flow = 'export'
                 ORDER BY version DESC LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(status, "revised");
    assert_eq!(rows(&app, "SELECT count(*) FROM audit WHERE action = 'reopen_return'").await, 1);
}

#[tokio::test]
async fn completeness_lists_who_filed_on_time_late_or_not_at_all() {
    let app = spawn_app().await;
    let (admin, county) = signed_in(&app).await;
    app.call(Method::POST, "/api/returns", Some(&county), Some(county_return(WEIBIN, 1, 0, 80))).await;
    let (status, rows) = app.call(Method::GET, &format!("/api/completeness/{JULY}"), Some(&admin), None).await;
    assert_eq!(status, StatusCode::OK);
    let rows = rows.as_array().unwrap();
    let counties = app.state.regions.counties.len();
    assert!(rows.len() > counties, "counties and then enterprises");
    let weibin = rows.iter().find(|r| r["owner"]["id"] == WEIBIN).unwrap();
    // Filed today, years after the due date of 10 August 2021.
    assert_eq!((weibin["filing"].as_str(), weibin["state"].as_str()), (Some("late"), Some("submitted")));
    let missing = rows.iter().filter(|r| r["filing"] == "missing").count();
    assert_eq!(missing, rows.len() - 1, "everyone else is to chase");
    let (status, _) = app.call(Method::GET, &format!("/api/completeness/{JULY}"), Some(&county), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// A million-character comment or a NUL in the explanation is refused by field, and nothing is stored.
#[tokio::test]
async fn overlong_and_control_character_texts_are_refused_by_field() {
    let app = spawn_app().await;
    let (_, county) = signed_in(&app).await;
    let mut long = county_return(WEIBIN, 7, 0, 80);
    long["content"]["comment"] = json!("x".repeat(1_000_000));
    let mut nul = county_return(WEIBIN, 8, 0, 80);
    nul["explanation"] = json!("测试\u{0}数据");
    for (body, field, check) in [(long, "comment", "too_long"), (nul, "explanation", "control_characters")] {
        let (status, r) = app.call(Method::POST, "/api/returns", Some(&county), Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let found = r["findings"].as_array().unwrap();
        assert!(found.iter().any(|f| f["field"] == field && f["check"] == check), "{r}");
    }
    assert_eq!(rows(&app, "SELECT count(*) FROM return_version").await, 0);
}
