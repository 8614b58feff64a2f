//! The registries end to end through the real server: enterprises with the USCC check and version
//! conflicts, a problem's life between an enterprise and the bureau, a meeting recorded with its tasks
//! and a county reporting progress, and the exports each role gets.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use waimao_core::account::Role;

use crate::helpers::{spawn_app, TestApp, PASSWORD};

async fn signed_in(app: &TestApp, name: &str, role: Role, county: Option<&str>, firm: Option<i64>) -> String {
    app.add_user(name, role, county, firm).await;
    app.sign_in(name, PASSWORD).await.unwrap()
}

fn new_firm(uscc: &str) -> Value {
    json!({
        "name_zh": "测试进出口有限公司", "uscc": uscc, "county": "610302", "nature": "private",
        "main_hs": "hs16", "products": "数控机床", "markets": ["US", "DE"], "liaison": "测试领导",
        "contact": "张三", "phone": "0917-1234567", "added_on": "2026-01-05"
    })
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    app.state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            let mut s = c.prepare("SELECT action || ' ' || object FROM audit ORDER BY id")?;
            let rows = s.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn enterprises_are_checked_unique_and_versioned() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "boss", Role::Admin, None, None).await;
    let (status, body) =
        app.call(Method::POST, "/api/enterprises", Some(&admin), Some(new_firm("91350100M000100Y44"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "uscc");
    assert!(body["fields"][0]["zh"].as_str().unwrap().contains("校验位不符"), "{body}");
    let (status, created) =
        app.call(Method::POST, "/api/enterprises", Some(&admin), Some(new_firm("91350100m000100y43"))).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["uscc"], "91350100M000100Y43", "stored in capitals");
    assert_eq!(created["version"], 1);
    let id = created["id"].as_i64().unwrap();
    // The same code again is refused by field.
    let (status, body) =
        app.call(Method::POST, "/api/enterprises", Some(&admin), Some(new_firm("91350100M000100Y43"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["fields"][0]["zh"].as_str().unwrap().contains("已登记"), "{body}");
    // Two edits from version 1: the first wins, the second is told to reload.
    let mut edit = created.clone();
    edit["liaison"] = json!("新包联领导");
    let (status, saved) =
        app.call(Method::PUT, &format!("/api/enterprises/{id}"), Some(&admin), Some(edit.clone())).await;
    assert_eq!((status, saved["version"].as_i64()), (StatusCode::OK, Some(2)), "{saved}");
    edit["status"] = json!("left");
    let (status, body) = app.call(Method::PUT, &format!("/api/enterprises/{id}"), Some(&admin), Some(edit)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["error"].as_str().unwrap().contains("刷新"), "{body}");
    let (_, detail) = app.call(Method::GET, &format!("/api/enterprises/{id}"), Some(&admin), None).await;
    assert_eq!(detail["enterprise"]["liaison"], "新包联领导");
    assert_eq!(detail["enterprise"]["status"], "active");
    let actions = audit_actions(&app).await;
    assert!(
        actions.contains(&format!("create_enterprise enterprise/{id}"))
            && actions.contains(&format!("update_enterprise enterprise/{id}"))
    );
    // The demo enterprises carry their standing: a year-to-date total and its base.
    let (_, list) = app.call(Method::GET, "/api/enterprises", Some(&admin), None).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 31);
    assert!(items.iter().filter(|r| r["standing"]["ytd"].is_i64()).count() >= 30, "{}", items[0]);
    assert!(items.iter().any(|r| r["overdue_problems"].as_u64() > Some(0)));
}

#[tokio::test]
async fn a_problem_goes_between_the_enterprise_and_the_bureau() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "boss", Role::Admin, None, None).await;
    let firm = signed_in(&app, "firm-five", Role::Enterprise, None, Some(5)).await;
    let other = signed_in(&app, "firm-six", Role::Enterprise, None, Some(6)).await;
    let today = crate::helpers::today().to_string();
    let raise = json!({ "category": "logistics", "description": "  集装箱短缺  ", "raised_on": today, "status": "solved", "department": "自己定" });
    let (status, p) = app.call(Method::POST, "/api/enterprises/5/problems", Some(&firm), Some(raise.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    assert_eq!(
        (p["status"].as_str(), p["department"].as_str(), p["description"].as_str()),
        (Some("open"), Some(""), Some("集装箱短缺"))
    );
    let pid = p["id"].as_i64().unwrap();
    // Another firm can neither raise for firm 5 nor reply to its problem.
    let (status, _) = app.call(Method::POST, "/api/enterprises/5/problems", Some(&other), Some(raise)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let follow = json!({ "on": today, "text": "补充说明", "status": "open" });
    let (status, _) =
        app.call(Method::POST, &format!("/api/problems/{pid}/replies"), Some(&other), Some(follow.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The firm may follow up, not change the status.
    let (status, _) = app.call(Method::POST, &format!("/api/problems/{pid}/replies"), Some(&firm), Some(follow)).await;
    assert_eq!(status, StatusCode::OK);
    let sneaky = json!({ "on": today, "text": "我说解决了", "status": "solved" });
    let (status, _) = app.call(Method::POST, &format!("/api/problems/{pid}/replies"), Some(&firm), Some(sneaky)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The bureau assigns it and moves it on; a reply before the problem was raised is refused by field.
    let early = json!({ "on": "2000-01-01", "text": "x", "status": "in_progress" });
    let (status, body) =
        app.call(Method::POST, &format!("/api/problems/{pid}/replies"), Some(&admin), Some(early)).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("on")), "{body}");
    let answer =
        json!({ "on": today, "text": "已协调铁路部门", "status": "in_progress", "department": "市交通运输局" });
    let (status, body) =
        app.call(Method::POST, &format!("/api/problems/{pid}/replies"), Some(&admin), Some(answer)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The firm sees the new status, the department and both replies; a firm never sees another's.
    let (_, mine) = app.call(Method::GET, "/api/enterprises/5", Some(&firm), None).await;
    let p = mine["problems"].as_array().unwrap().iter().find(|x| x["id"] == pid).unwrap().clone();
    assert_eq!((p["status"].as_str(), p["department"].as_str()), (Some("in_progress"), Some("市交通运输局")));
    assert_eq!(p["replies"].as_array().unwrap().len(), 2);
    assert_eq!(p["replies"][1]["by"], "boss");
    let (_, theirs) = app.call(Method::GET, "/api/problems", Some(&other), None).await;
    assert!(theirs["items"].as_array().unwrap().iter().all(|x| x["enterprise"] == 6));
    let (status, _) = app.call(Method::GET, "/api/enterprises/5", Some(&other), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(audit_actions(&app).await.contains(&format!("reply_problem problem/{pid}")));
}

#[tokio::test]
async fn a_meeting_is_recorded_with_its_tasks_and_a_county_reports_progress() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "boss", Role::Admin, None, None).await;
    let weibin = signed_in(&app, "weibin", Role::County, Some("610302"), None).await;
    let jintai = signed_in(&app, "jintai", Role::County, Some("610303"), None).await;
    let today = crate::helpers::today();
    let meeting = |deadline: &str| {
        json!({
            "meeting": { "held_on": today.to_string(), "kind": "thematic", "title": "测试专题会议", "presided_by": "测试组长",
                "attendance": 12, "agenda": "研究稳外贸措施" },
            "tasks": [
                { "description": "走访重点企业", "responsible": { "county": "610302" }, "deadline": "2099-12-31", "supervised": true },
                { "description": "落实资金", "responsible": { "department": "市财政局" }, "deadline": deadline }
            ]
        })
    };
    let before = app.snapshot().await;
    let (status, body) = app.call(Method::POST, "/api/meetings", Some(&admin), Some(meeting("2000-01-01"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "tasks.1.deadline", "{body}");
    assert_eq!(app.snapshot().await, before, "nothing of a refused meeting is stored");
    let (status, rec) = app.call(Method::POST, "/api/meetings", Some(&admin), Some(meeting("2099-06-30"))).await;
    assert_eq!(status, StatusCode::CREATED, "{rec}");
    let mid = rec["meeting"]["id"].as_i64().unwrap();
    assert!(rec["tasks"].as_array().unwrap().iter().all(|t| t["meeting"] == mid));
    let tid = rec["tasks"][0]["id"].as_i64().unwrap();
    // Each county sees only its own tasks; the new one is on Weibin's board.
    let (_, board) = app.call(Method::GET, "/api/tasks", Some(&weibin), None).await;
    let rows = board["items"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["task"]["responsible"]["county"] == "610302" && r["can_report"] == true));
    assert!(rows.iter().any(|r| r["task"]["id"] == tid && r["meeting_title"] == "测试专题会议"));
    let (_, board) = app.call(Method::GET, "/api/tasks", Some(&jintai), None).await;
    assert!(board["items"].as_array().unwrap().iter().all(|r| r["task"]["id"] != tid));
    let report = json!({ "on": today.to_string(), "text": "已走访8家企业", "status": "in_progress" });
    let (status, _) =
        app.call(Method::POST, &format!("/api/tasks/{tid}/progress"), Some(&jintai), Some(report.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, task) =
        app.call(Method::POST, &format!("/api/tasks/{tid}/progress"), Some(&weibin), Some(report)).await;
    assert_eq!(status, StatusCode::OK, "{task}");
    assert_eq!((task["status"].as_str(), task["progress"][0]["by"].as_str()), (Some("in_progress"), Some("weibin")));
    // The bureau's board shows it; counties may not read the meetings themselves.
    let (_, all) = app.call(Method::GET, "/api/tasks", Some(&admin), None).await;
    let row = all["items"].as_array().unwrap().iter().find(|r| r["task"]["id"] == tid).unwrap().clone();
    assert_eq!(row["task"]["progress"][0]["text"], "已走访8家企业");
    let (status, _) = app.call(Method::GET, "/api/meetings", Some(&weibin), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let actions = audit_actions(&app).await;
    assert!(
        actions.contains(&format!("record_meeting meeting/{mid}"))
            && actions.contains(&format!("report_task task/{tid}"))
    );
}

#[tokio::test]
async fn exports_hold_what_the_caller_may_see_in_csv_and_xlsx() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "boss", Role::Admin, None, None).await;
    let weibin = signed_in(&app, "weibin", Role::County, Some("610302"), None).await;
    let get = |path: String, cookie: String| {
        let req = app.client.get(app.url(&path)).header("cookie", cookie);
        async move { req.send().await.unwrap() }
    };
    let r = get("/api/export/enterprises.csv".into(), admin.clone()).await;
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("enterprises.csv"));
    let all = r.text().await.unwrap();
    assert!(all.starts_with("\u{feff}企业名称,统一社会信用代码,所属区县"), "{}", &all[..80]);
    assert_eq!(all.lines().count(), 31, "a header and 30 demo enterprises");
    let mine = get("/api/export/enterprises.csv".into(), weibin.clone()).await.text().await.unwrap();
    let weibin_rows = mine.lines().skip(1).count();
    assert!(weibin_rows > 0 && weibin_rows < 30);
    assert!(mine.lines().skip(1).all(|l| l.contains("渭滨区")), "{mine}");
    let en = get("/api/export/experts.csv?lang=en".into(), admin.clone()).await.text().await.unwrap();
    assert!(en.starts_with("\u{feff}Name,Title,Organisation"));
    let r = get("/api/export/tasks.xlsx".into(), admin.clone()).await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK", "an xlsx file is a zip");
    assert_eq!(get("/api/export/experts.xlsx".into(), weibin.clone()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(get("/api/export/nothing.csv".into(), admin.clone()).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(get("/api/export/experts.pdf".into(), admin).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_briefing_gets_every_key_enterprises_months_and_only_the_bureau_and_viewers_do() {
    let app = spawn_app().await;
    let viewer = signed_in(&app, "reader", Role::Viewer, None, None).await;
    let (status, list) = app.call(Method::GET, "/api/briefing/enterprises", Some(&viewer), None).await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 30, "every demo enterprise has approved months");
    // The series are the enterprise page's months: June 2021 of the first enterprise, both flows.
    let id = list[0]["id"].as_i64().unwrap();
    let (_, page) = app.call(Method::GET, &format!("/api/enterprises/{id}"), Some(&viewer), None).await;
    let series: waimao_core::briefing::enterprises::EnterpriseSeries = serde_json::from_value(list[0].clone()).unwrap();
    let june = waimao_core::YearMonth::new(2021, 6).unwrap();
    let entries = page["history"]["entries"].as_array().unwrap();
    let month = entries.iter().find(|m| m["period"] == "2021-06").expect("June on the page");
    assert_eq!(series.exports.month(june), month["exports"].as_i64(), "{month}");
    assert_eq!(series.imports.month(june), month["imports"].as_i64(), "{month}");
    let county = signed_in(&app, "wb", Role::County, Some("610302"), None).await;
    let (status, _) = app.call(Method::GET, "/api/briefing/enterprises", Some(&county), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.call(Method::GET, "/api/briefing/enterprises", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
