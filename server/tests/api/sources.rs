//! Figures from several sources through the real server: a county's breakdowns reach the published
//! files; a customs import and the counties' returns are kept side by side, reconciled by the bureau
//! (audited), and the published value follows the rule or the bureau's choice; many publications at once
//! never expose a partial or an older snapshot.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use waimao_core::account::Role;
use waimao_core::api::{DimensionFile, Manifest, OverviewFile};
use waimao_core::{RegionCode, YearMonth};

use crate::helpers::{spawn_app, TestApp, PASSWORD};

const JULY: &str = "2021-07";
const WAN: i64 = 10_000;

fn july() -> YearMonth {
    YearMonth::parse(JULY).unwrap()
}

fn counties(app: &TestApp) -> Vec<String> {
    app.state.regions.counties.iter().map(|c| c.code.to_string()).collect()
}

/// Files and approves (as the bureau) every county's July return: `exports(i)` 万元 exports of which
/// 70% general trade and the rest processing, 30 万元 imports.
async fn approve_every_county(app: &TestApp, admin: &str, exports: impl Fn(usize) -> i64) {
    file_every_county(app, admin, exports).await;
    for code in counties(app) {
        let review = format!("/api/returns/county/{code}/{JULY}/review");
        let (status, r) =
            app.call(Method::POST, &review, Some(admin), Some(json!({"version": 1, "approve": true}))).await;
        assert_eq!(status, StatusCode::OK, "{r}");
    }
}

/// Files (as the bureau) every county's July return, as [`approve_every_county`] describes.
async fn file_every_county(app: &TestApp, admin: &str, exports: impl Fn(usize) -> i64) {
    for (i, code) in counties(app).iter().enumerate() {
        let x = exports(i) * WAN;
        let general = x * 7 / 10;
        let body = json!({
            "id": format!("5e1f0c3a-0000-4000-8000-{:012}", 900 + i),
            "owner": { "kind": "county", "id": code },
            "month": JULY,
            "base_version": 0,
            "content": {
                "currency": "CNY", "exports": x, "imports": 30 * WAN,
                "parts": [
                    { "dimension": "trade_mode", "member": "general", "flow": "export", "value": general },
                    { "dimension": "trade_mode", "member": "processing", "flow": "export", "value": x - general },
                ],
            },
            "explanation": "测试数据，与往年不可比",
        });
        let (status, ack) = app.call(Method::POST, "/api/returns", Some(admin), Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{ack}");
    }
}

async fn get<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str) -> T {
    app.client.get(app.url(path)).send().await.unwrap().json().await.unwrap()
}

async fn admin(app: &TestApp) -> String {
    app.add_user("boss", Role::Admin, None, None).await;
    app.sign_in("boss", PASSWORD).await.unwrap()
}

#[tokio::test]
async fn a_countys_breakdowns_reach_the_published_composition() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    approve_every_county(&app, &admin, |i| 100 + i as i64).await;
    let d: DimensionFile = get(&app, "/data/dim-trade_mode.json").await;
    let city = d.regions.iter().find(|r| r.region == app.state.regions.city.code).unwrap();
    let member = |code: &str| city.members.iter().find(|m| m.member == code).unwrap().exports.month(july());
    let n = counties(&app).len() as i64;
    let total: i64 = (0..n).map(|i| (100 + i) * WAN).sum();
    let general: i64 = (0..n).map(|i| (100 + i) * WAN * 7 / 10).sum();
    assert_eq!(member("general"), Some(general), "the sum of the returns' parts, to the yuan");
    assert_eq!(member("processing"), Some(total - general));
    // A member no county gave is not invented as zero: that breakdown is incomplete, not empty.
    assert_eq!(member("bonded"), None);
    let o: OverviewFile = get(&app, "/data/overview.json").await;
    assert_eq!(o.series_of(o.city.code).unwrap().exports.month(july()), Some(total));
}

#[tokio::test]
async fn customs_and_returns_are_kept_side_by_side_and_the_bureau_settles_the_difference() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    app.add_user("reader", Role::Viewer, None, None).await;
    let viewer = app.sign_in("reader", PASSWORD).await.unwrap();
    approve_every_county(&app, &admin, |_| 100).await;
    let weibin = RegionCode::parse("610302").unwrap();
    let published = |o: &OverviewFile| o.series_of(weibin).unwrap().exports.month(july());
    assert_eq!(published(&get(&app, "/data/overview.json").await), Some(100 * WAN));

    // Customs' figures: Weibin's exports 7% above its own return, every other county the same.
    let mut csv = String::from("期间,县区,进出口,金额（万元）\n");
    for code in counties(&app) {
        let x = if code == "610302" { 107 } else { 100 };
        csv.push_str(&format!("2021-07,{code},出口,{x}\n2021-07,{code},进口,30\n"));
    }
    let check = import_and_approve(&app, &admin, csv).await;
    assert_eq!(check["plan"]["new"], 24, "customs' figures are new to customs, not revisions: {check}");

    // Both values are kept; customs is published by the precedence rule.
    let kept: i64 = app
        .state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            Ok(c.query_row(
                "SELECT count(*) FROM observation WHERE entity_id = '610302' AND period = '2021-07' AND flow = 'export'
                 AND dimension = ''",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(kept, 2);
    assert_eq!(published(&get(&app, "/data/overview.json").await), Some(107 * WAN));

    // The reconciliation shows both, the difference in 万元 and %, and flags it (beyond ±5%).
    let (status, rec) = app.call(Method::GET, "/api/reconcile?month=2021-07", Some(&viewer), None).await;
    assert_eq!(status, StatusCode::OK, "viewers read the reconciliation");
    let lines = rec["lines"].as_array().unwrap();
    let line = |entity: &str, flow: &str| {
        lines.iter().find(|l| l["entity"] == entity && l["flow"] == flow && l["dimension"].is_null()).unwrap().clone()
    };
    let w = line("region:610302", "export");
    assert_eq!((w["published"].as_str(), w["compared"].as_str()), (Some("customs"), Some("county_return")));
    assert_eq!((w["difference"].as_i64(), w["difference_wan"].as_str()), (Some(-7 * WAN), Some("-7.00")));
    assert_eq!((w["difference_pct"].as_str(), w["flagged"].as_bool()), (Some("-6.5"), Some(true)));
    assert_eq!(line("region:610302", "import")["flagged"], false);
    let flagged = lines.iter().filter(|l| l["flagged"] == true).count();
    assert_eq!(flagged, 1, "only Weibin's exports differ");

    // Deciding is the bureau's: a viewer is refused, a reason is required.
    let choose = |source: &str, why: &str| json!({"entity": "region:610302", "period": JULY, "flow": "export", "source": source, "explanation": why});
    let (status, _) = app.call(Method::POST, "/api/reconcile", Some(&viewer), Some(choose("county_return", "x"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, e) = app.call(Method::POST, "/api/reconcile", Some(&admin), Some(choose("county_return", " "))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(e["error"].as_str().unwrap().contains("请写明理由"), "{e}");
    let (status, _) = app.call(Method::POST, "/api/reconcile", Some(&admin), Some(choose("correction", "x"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a source without a value cannot be chosen");

    // The bureau accepts the county's figure: it is published, the choice is audited.
    let why = "海关数据含区外企业在本区报关的出口";
    let (status, after) =
        app.call(Method::POST, "/api/reconcile", Some(&admin), Some(choose("county_return", why))).await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!(
        (after["published"].as_str(), after["choice"]["explanation"].as_str()),
        (Some("county_return"), Some(why))
    );
    assert_eq!(published(&get(&app, "/data/overview.json").await), Some(100 * WAN));
    let audited: String = app.scalar("SELECT new_value FROM audit WHERE action = 'reconcile_choose'").await;
    assert!(audited.starts_with("county_return: 海关数据"), "{audited}");

    // The figure's history: both versions, who approved them, which one is in force.
    let (status, h) = app
        .call(Method::GET, "/api/figures?entity=region:610302&period=2021-07&flow=export", Some(&viewer), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{h}");
    let versions: Vec<(i64, &str, i64, bool)> = h["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap(),
                v["source"].as_str().unwrap(),
                v["value"].as_i64().unwrap(),
                v["in_force"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(versions, [(2, "customs", 107 * WAN, false), (1, "county_return", 100 * WAN, true)]);
    assert!(h["versions"].as_array().unwrap().iter().all(|v| v["by"] == "boss"), "{h}");

    // The bureau corrects the figure with its own value (局修正): a third version, in force and published.
    let correct = |value: i64| json!({"entity": "region:610302", "period": JULY, "flow": "export", "correction": value, "explanation": "海关更正函"});
    let (status, e) = app.call(Method::POST, "/api/reconcile", Some(&admin), Some(correct(-1))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
    let (status, after) = app.call(Method::POST, "/api/reconcile", Some(&admin), Some(correct(105 * WAN))).await;
    assert_eq!(status, StatusCode::OK, "{after}");
    // Compared with the strongest other source (customs, 107): 2 万元, within the threshold.
    assert_eq!((after["published"].as_str(), after["compared"].as_str()), (Some("correction"), Some("customs")));
    assert_eq!((after["difference_wan"].as_str(), after["flagged"].as_bool()), (Some("+2.00"), Some(false)));
    assert_eq!(published(&get(&app, "/data/overview.json").await), Some(105 * WAN));
    let (_, h) = app
        .call(Method::GET, "/api/figures?entity=region:610302&period=2021-07&flow=export", Some(&viewer), None)
        .await;
    let newest = &h["versions"][0];
    assert_eq!((newest["version"].as_i64(), newest["source"].as_str()), (Some(3), Some("correction")));
    assert_eq!((newest["status"].as_str(), newest["in_force"].as_bool()), (Some("revised"), Some(true)));
    let audited: String =
        app.scalar("SELECT new_value FROM audit WHERE action = 'reconcile_choose' ORDER BY id DESC LIMIT 1").await;
    assert_eq!(audited, "correction 1050000 元: 海关更正函");

    // A county reads its own figures' history only.
    app.add_user("jintai", Role::County, Some("610303"), None).await;
    let other = app.sign_in("jintai", PASSWORD).await.unwrap();
    let (status, _) =
        app.call(Method::GET, "/api/figures?entity=region:610302&period=2021-07&flow=export", Some(&other), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Uploads `csv` as the bureau, commits it under the suggested mapping and approves the batch.
async fn import_and_approve(app: &TestApp, admin: &str, csv: String) -> Value {
    let r = app
        .client
        .post(app.url("/api/imports/files?name=customs.csv"))
        .header("origin", format!("http://{}", app.addr))
        .header("cookie", admin)
        .body(csv)
        .send()
        .await
        .unwrap();
    let check: Value = r.json().await.unwrap();
    assert_eq!(check["report"]["total"], 0, "{check}");
    let path = format!("/api/imports/files/{}/commit", check["file"]);
    let (status, committed) =
        app.call(Method::POST, &path, Some(admin), Some(json!({"mapping": check["mapping"]}))).await;
    assert_eq!(status, StatusCode::OK, "{committed}");
    let review = format!("/api/imports/batches/{}/review", committed["batch"]["id"]);
    let (status, _) = app.call(Method::POST, &review, Some(admin), Some(json!({"approve": true}))).await;
    assert_eq!(status, StatusCode::OK);
    check
}

#[tokio::test]
async fn an_enterprises_customs_rows_are_reconciled_against_its_own_return() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let firms = app.state.store.call(|c| waimao_server::store::load_enterprises(c)).await.unwrap();
    let firm = firms.iter().find(|e| e.status.code() == "active" && !e.uscc.is_empty()).unwrap().clone();
    let entity = format!("enterprise:{}", firm.id);
    // The enterprise's own July return: 200 万元 exports, 50 万元 imports, approved.
    let body = json!({
        "id": "5e1f0c3a-0000-4000-8000-000000000777",
        "owner": { "kind": "enterprise", "id": firm.id },
        "month": JULY,
        "base_version": 0,
        "content": { "currency": "CNY", "exports": 200 * WAN, "imports": 50 * WAN, "orders_on_hand": WAN, "outlook": "flat" },
        "explanation": "测试数据，与往年不可比",
    });
    let (status, ack) = app.call(Method::POST, "/api/returns", Some(&admin), Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{ack}");
    let review = format!("/api/returns/enterprise/{}/{JULY}/review", firm.id);
    let (status, r) = app.call(Method::POST, &review, Some(&admin), Some(json!({"version": 1, "approve": true}))).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let before: OverviewFile = get(&app, "/data/overview.json").await;

    // Customs' enterprise-level rows, by credit code: exports 7% above the return, imports equal.
    let csv =
        format!("期间,统一社会信用代码,进出口,金额（万元）\n2021-07,{0},出口,214\n2021-07,{0},进口,50\n", firm.uscc);
    let check = import_and_approve(&app, &admin, csv).await;
    assert_eq!((check["plan"]["enterprises"].as_i64(), check["plan"]["counties"].as_i64()), (Some(1), Some(0)));

    let (status, rec) = app.call(Method::GET, "/api/reconcile?month=2021-07", Some(&admin), None).await;
    assert_eq!(status, StatusCode::OK);
    let lines = rec["lines"].as_array().unwrap();
    let line = |flow: &str| lines.iter().find(|l| l["entity"] == entity.as_str() && l["flow"] == flow).unwrap();
    let x = line("export");
    assert_eq!(x["name_zh"], firm.name_zh.as_str());
    assert_eq!((x["published"].as_str(), x["compared"].as_str()), (Some("customs"), Some("enterprise_return")));
    assert_eq!((x["difference_wan"].as_str(), x["difference_pct"].as_str()), (Some("-14.00"), Some("-6.5")));
    assert_eq!((x["flagged"].as_bool(), line("import")["flagged"].as_bool()), (Some(true), Some(false)));
    // An enterprise's customs rows are its own figures: no county's published figure moves.
    let after: OverviewFile = get(&app, "/data/overview.json").await;
    assert_eq!(serde_json::to_value(&before.series).unwrap(), serde_json::to_value(&after.series).unwrap());
}

/// Every file the manifest names exists and has the hash the manifest gives.
async fn consistent(app: &TestApp) -> Result<Manifest, String> {
    let m: Manifest = get(app, "/data/manifest.json").await;
    for e in &m.files {
        let r = app.client.get(app.url(&format!("/data/{}", e.path))).send().await.unwrap();
        if r.status() != StatusCode::OK {
            return Err(format!("{} is {}", e.path, r.status()));
        }
        let bytes = r.bytes().await.unwrap();
        if waimao_server::publisher::sha256_hex(&bytes) != e.sha256 {
            return Err(format!("{} does not match its hash", e.path));
        }
    }
    Ok(m)
}

#[tokio::test]
async fn many_publications_at_once_never_show_a_partial_snapshot() {
    let app = std::sync::Arc::new(spawn_app().await);
    let admin = admin(&app).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (app, stop) = (app.clone(), stop.clone());
        tokio::spawn(async move {
            let mut seen = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                consistent(&app).await.expect("a reader sees one whole publication");
                seen += 1;
            }
            seen
        })
    };
    // Every county's July return waits for approval; the approvals and 38 target changes then arrive
    // at once, each of them publishing.
    file_every_county(&app, &admin, |i| 100 + i as i64).await;
    let codes = counties(&app);
    let mut tasks = Vec::new();
    for i in 0..50 {
        // Every fourth task approves the next county (12 in all), the others change a target.
        let approval = i % 4 == 0 && i / 4 < codes.len();
        let code = if approval { codes[i / 4].clone() } else { codes[i % codes.len()].clone() };
        let (app, admin) = (app.clone(), admin.clone());
        tasks.push(tokio::spawn(async move {
            if approval {
                let review = format!("/api/returns/county/{code}/{JULY}/review");
                let (status, r) =
                    app.call(Method::POST, &review, Some(&admin), Some(json!({"version": 1, "approve": true}))).await;
                (status, StatusCode::OK, r.to_string())
            } else {
                let path = format!("/api/targets/{code}/2021");
                let total = json!({"total": 1_000_000_000 + i as i64});
                let (status, r) = app.call(Method::PUT, &path, Some(&admin), Some(total)).await;
                (status, StatusCode::NO_CONTENT, r.to_string())
            }
        }));
    }
    for t in tasks {
        let (got, want, body) = t.await.unwrap();
        assert_eq!(got, want, "{body}");
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(reader.await.unwrap() > 0);
    // The files in force equal a fresh publication from the database (apart from its time stamp), and
    // old content-addressed files do not pile up.
    let before: OverviewFile = get(&app, "/data/overview.json").await;
    waimao_server::publisher::publish_all(&app.state).await.unwrap();
    let fresh: OverviewFile = get(&app, "/data/overview.json").await;
    assert_eq!(fresh.meta.last_month, july(), "every county approved: July is published");
    assert_eq!((before.series, before.targets), (fresh.series.clone(), fresh.targets.clone()));
    let stored: Vec<i64> = app
        .state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            let mut s = c.prepare("SELECT total FROM target WHERE year = 2021 ORDER BY region")?;
            let rows = s.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
        .unwrap();
    let published: Vec<i64> =
        fresh.targets.iter().filter(|t| t.year == 2021 && t.region != fresh.city.code).map(|t| t.total).collect();
    assert_eq!(published, stored);
    // Each published file and its .br and .gz forms, of this and the previous publication, and the manifest.
    let files = std::fs::read_dir(&app.state.config.data_dir).unwrap().count();
    let m = consistent(&app).await.unwrap();
    assert!(files <= 3 * 2 * m.files.len() + 2, "{files} files for {} published", m.files.len());
}
