//! The role matrix: every role (and the public) × every internal endpoint × an object that is theirs
//! and one that is not. What each role may do is written out here by hand, independently of
//! `waimao_core::account`, and every refused attempt must leave the database exactly as it was.

use reqwest::{Method, StatusCode};
use serde_json::json;
use waimao_core::account::Role;

use crate::helpers::spawn_app;

mod bodies;
use bodies::{new_firm, reopen_body, review_body, submission, today};

const OWN_COUNTY: &str = "610302";
const OTHER_COUNTY: &str = "610303";
const OWN_FIRM: i64 = 1;
const OTHER_FIRM: i64 = 2;
const MONTH: &str = "2021-07";

/// Ids of registry records made or found before the matrix runs: a problem of each firm, a demo task of
/// each county and of a department, and a demo expert.
struct Ids {
    problem: [i64; 2],
    task: [i64; 2],
    department_task: i64,
    expert: i64,
    meeting: i64,
}

static IDS: std::sync::OnceLock<Ids> = std::sync::OnceLock::new();

fn ids() -> &'static Ids {
    IDS.get().expect("the matrix's setup fills the ids")
}

fn which(o: Object) -> usize {
    usize::from(o == Object::Other)
}

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Public,
    Admin,
    Viewer,
    County,
    Firm,
}

/// Whether the object of an attempt belongs to the county or firm user asking.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Object {
    Own,
    Other,
    /// Endpoints about no county or firm (users, audit).
    None,
}

struct Endpoint {
    name: &'static str,
    method: Method,
    path: fn(Object, i64) -> String,
    body: fn(Object, usize) -> Option<serde_json::Value>,
    objects: &'static [Object],
    /// Who may, by object.
    allowed: fn(Who, Object) -> bool,
}

fn county(o: Object) -> &'static str {
    if o == Object::Other {
        OTHER_COUNTY
    } else {
        OWN_COUNTY
    }
}

fn firm(o: Object) -> i64 {
    if o == Object::Other {
        OTHER_FIRM
    } else {
        OWN_FIRM
    }
}

fn endpoints() -> Vec<Endpoint> {
    const BOTH: &[Object] = &[Object::Own, Object::Other];
    const NONE: &[Object] = &[Object::None];
    let read_county = |w, o| matches!(w, Who::Admin | Who::Viewer) || (w == Who::County && o == Object::Own);
    let read_firm = |w, o| matches!(w, Who::Admin | Who::Viewer) || (w == Who::Firm && o == Object::Own);
    // Firm 1 is registered in the county user's county, firm 2 in another (arranged before the matrix).
    let see_firm =
        |w, o| matches!(w, Who::Admin | Who::Viewer) || (matches!(w, Who::Firm | Who::County) && o == Object::Own);
    let everyone = |_, _| true;
    let registries = |w, _| matches!(w, Who::Admin | Who::Viewer);
    let bureau = |w, _| w == Who::Admin;
    let mut registry_endpoints = vec![
        Endpoint {
            name: "list enterprises",
            method: Method::GET,
            path: |_, _| "/api/enterprises".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: everyone,
        },
        Endpoint {
            name: "read enterprise",
            method: Method::GET,
            path: |o, _| format!("/api/enterprises/{}", firm(o)),
            body: |_, _| None,
            objects: BOTH,
            allowed: see_firm,
        },
        Endpoint {
            name: "add enterprise",
            method: Method::POST,
            path: |_, _| "/api/enterprises".into(),
            body: |_, n| Some(new_firm(n)),
            objects: NONE,
            allowed: bureau,
        },
        Endpoint {
            name: "edit enterprise",
            method: Method::PUT,
            path: |o, _| format!("/api/enterprises/{}", firm(o)),
            body: |o, n| {
                let mut b = new_firm(n);
                b["version"] = json!(1);
                b["county"] = json!(county(o));
                Some(b)
            },
            objects: BOTH,
            allowed: bureau,
        },
        Endpoint {
            name: "raise problem",
            method: Method::POST,
            path: |o, _| format!("/api/enterprises/{}/problems", firm(o)),
            body: |_, _| Some(json!({ "category": "orders", "description": "订单下降", "raised_on": today() })),
            objects: BOTH,
            allowed: |w, o| w == Who::Admin || (w == Who::Firm && o == Object::Own),
        },
        Endpoint {
            name: "list problems",
            method: Method::GET,
            path: |_, _| "/api/problems".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: everyone,
        },
        Endpoint {
            name: "reply to problem",
            method: Method::POST,
            path: |o, _| format!("/api/problems/{}/replies", ids().problem[which(o)]),
            body: |_, _| Some(json!({ "on": today(), "text": "跟进", "status": "open" })),
            objects: BOTH,
            allowed: |w, o| w == Who::Admin || (w == Who::Firm && o == Object::Own),
        },
        Endpoint {
            name: "list experts",
            method: Method::GET,
            path: |_, _| "/api/registry/experts".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: registries,
        },
        Endpoint {
            name: "add member",
            method: Method::POST,
            path: |_, _| "/api/registry/members".into(),
            body: |_, n| {
                Some(
                    json!({ "name": format!("成员{n}"), "role": "member", "unit": "市商务局", "term_start": "2026-01-01" }),
                )
            },
            objects: NONE,
            allowed: bureau,
        },
        Endpoint {
            name: "edit expert",
            method: Method::PUT,
            path: |_, _| format!("/api/registry/experts/{}", ids().expert),
            body: |_, _| {
                Some(json!({ "version": 1, "name": "改名专家", "organisation": "某单位", "expertise": ["customs"],
                "appointment": { "document": "文号", "appointed_on": "2026-01-01", "term_end": "2028-12-31" } }))
            },
            objects: NONE,
            allowed: bureau,
        },
        Endpoint {
            name: "list meetings",
            method: Method::GET,
            path: |_, _| "/api/meetings".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: registries,
        },
        Endpoint {
            name: "record meeting",
            method: Method::POST,
            path: |_, _| "/api/meetings".into(),
            body: |_, n| {
                Some(json!({
                    "meeting": { "held_on": today(), "kind": "office", "title": format!("会议{n}"), "presided_by": "组长", "attendance": 5, "agenda": "议题" },
                    "tasks": [{ "description": "任务", "responsible": { "county": OWN_COUNTY }, "deadline": "2099-01-01" }]
                }))
            },
            objects: NONE,
            allowed: bureau,
        },
        Endpoint {
            name: "edit meeting",
            method: Method::PUT,
            path: |_, _| format!("/api/meetings/{}", ids().meeting),
            body: |_, _| {
                Some(json!({ "version": 1, "held_on": "2026-01-05", "kind": "plenary", "title": "改写会议",
                    "presided_by": "组长", "attendance": 9, "agenda": "议题", "minutes": "纪要" }))
            },
            objects: NONE,
            allowed: bureau,
        },
        Endpoint {
            name: "task board",
            method: Method::GET,
            path: |_, _| "/api/tasks".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: everyone,
        },
        Endpoint {
            name: "report task progress",
            method: Method::POST,
            path: |o, _| format!("/api/tasks/{}/progress", ids().task[which(o)]),
            body: |_, _| Some(json!({ "on": today(), "text": "推进中", "status": "in_progress" })),
            objects: BOTH,
            allowed: |w, o| w == Who::Admin || (w == Who::County && o == Object::Own),
        },
        Endpoint {
            name: "edit task",
            method: Method::PUT,
            path: |_, _| format!("/api/tasks/{}", ids().department_task),
            body: |_, _| {
                Some(
                    json!({ "version": 1, "description": "改写任务", "responsible": { "department": "市财政局" }, "deadline": "2099-01-01" }),
                )
            },
            objects: NONE,
            allowed: bureau,
        },
        Endpoint {
            name: "export enterprises",
            method: Method::GET,
            path: |_, _| "/api/export/enterprises.csv".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: everyone,
        },
        Endpoint {
            name: "export experts",
            method: Method::GET,
            path: |_, _| "/api/export/experts.xlsx".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: registries,
        },
        Endpoint {
            name: "key enterprises' figures for the briefing",
            method: Method::GET,
            path: |_, _| "/api/briefing/enterprises".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: registries,
        },
        Endpoint {
            name: "import batches",
            method: Method::GET,
            path: |_, _| "/api/imports/batches".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: bureau,
        },
    ];
    let mut all = vec![
        Endpoint {
            name: "read county return",
            method: Method::GET,
            path: |o, _| format!("/api/returns/county/{}/{MONTH}", county(o)),
            body: |_, _| None,
            objects: BOTH,
            allowed: read_county,
        },
        Endpoint {
            name: "read county history",
            method: Method::GET,
            path: |o, _| format!("/api/returns/county/{}/history", county(o)),
            body: |_, _| None,
            objects: BOTH,
            allowed: read_county,
        },
        Endpoint {
            name: "submit county return",
            method: Method::POST,
            path: |_, _| "/api/returns".into(),
            body: |o, n| submission(json!({ "kind": "county", "id": county(o) }), false, n),
            objects: BOTH,
            allowed: |w, o| w == Who::Admin || (w == Who::County && o == Object::Own),
        },
        Endpoint {
            name: "review county return",
            method: Method::POST,
            path: |o, _| format!("/api/returns/county/{}/{MONTH}/review", county(o)),
            body: review_body,
            objects: BOTH,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "reopen county return",
            method: Method::POST,
            path: |o, _| format!("/api/returns/county/{}/{MONTH}/reopen", county(o)),
            body: reopen_body,
            objects: BOTH,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "read firm return",
            method: Method::GET,
            path: |o, _| format!("/api/returns/enterprise/{}/{MONTH}", firm(o)),
            body: |_, _| None,
            objects: BOTH,
            allowed: read_firm,
        },
        Endpoint {
            name: "read firm history",
            method: Method::GET,
            path: |o, _| format!("/api/returns/enterprise/{}/history", firm(o)),
            body: |_, _| None,
            objects: BOTH,
            allowed: read_firm,
        },
        Endpoint {
            name: "submit firm return",
            method: Method::POST,
            path: |_, _| "/api/returns".into(),
            body: |o, n| submission(json!({ "kind": "enterprise", "id": firm(o) }), true, n),
            objects: BOTH,
            allowed: |w, o| w == Who::Admin || (w == Who::Firm && o == Object::Own),
        },
        Endpoint {
            name: "review firm return",
            method: Method::POST,
            path: |o, _| format!("/api/returns/enterprise/{}/{MONTH}/review", firm(o)),
            body: review_body,
            objects: BOTH,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "reopen firm return",
            method: Method::POST,
            path: |o, _| format!("/api/returns/enterprise/{}/{MONTH}/reopen", firm(o)),
            body: reopen_body,
            objects: BOTH,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "returns awaiting review",
            method: Method::GET,
            path: |_, _| "/api/returns/pending".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: |w, _| matches!(w, Who::Admin | Who::Viewer),
        },
        Endpoint {
            name: "completeness of a month",
            method: Method::GET,
            path: |_, _| format!("/api/completeness/{MONTH}"),
            body: |_, _| None,
            objects: NONE,
            allowed: |w, _| matches!(w, Who::Admin | Who::Viewer),
        },
        Endpoint {
            name: "set target",
            method: Method::PUT,
            path: |o, _| format!("/api/targets/{}/2022", county(o)),
            body: |_, n| Some(json!({ "total": 900_000_000 + n as i64 })),
            objects: BOTH,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "list users",
            method: Method::GET,
            path: |_, _| "/api/users".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "create user",
            method: Method::POST,
            path: |_, _| "/api/users".into(),
            body: |_, n| {
                Some(json!({ "name": format!("created-{n}"), "role": "viewer", "county": null, "enterprise": null }))
            },
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "disable user",
            method: Method::PATCH,
            path: |_, victim| format!("/api/users/{victim}"),
            body: |_, _| Some(json!({ "role": null, "county": null, "enterprise": null, "disabled": true })),
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "reset password",
            method: Method::POST,
            path: |_, victim| format!("/api/users/{victim}/password"),
            body: |_, _| None,
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "read audit log",
            method: Method::GET,
            path: |_, _| "/api/audit".into(),
            body: |_, _| None,
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
    ];
    all.append(&mut registry_endpoints);
    all
}

/// Puts firm 1 in the county user's county and firm 2 in another, raises a problem for each, and finds
/// a demo task of each county, one of a department and a demo expert.
async fn arrange_registries(app: &crate::helpers::TestApp, admin: Option<&str>) {
    app.state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            for (id, code) in [(OWN_FIRM, OWN_COUNTY), (OTHER_FIRM, OTHER_COUNTY)] {
                c.execute(
                    "UPDATE enterprise SET county = ?1, body = json_set(body, '$.county', ?1) WHERE id = ?2",
                    rusqlite::params![code, id],
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();
    let mut problem = [0; 2];
    for (i, f) in [OWN_FIRM, OTHER_FIRM].into_iter().enumerate() {
        let body = json!({ "category": "logistics", "description": "运力不足", "raised_on": today() });
        let (status, p) = app.call(Method::POST, &format!("/api/enterprises/{f}/problems"), admin, Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{p}");
        problem[i] = p["id"].as_i64().unwrap();
    }
    let (task, department_task, expert, meeting) = app
        .state
        .store
        .call(|c| -> Result<_, waimao_server::store::StoreError> {
            let one = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0));
            Ok((
                [
                    one(&format!("SELECT min(id) FROM record WHERE kind = 'task' AND county = '{OWN_COUNTY}'"))?,
                    one(&format!("SELECT min(id) FROM record WHERE kind = 'task' AND county = '{OTHER_COUNTY}'"))?,
                ],
                one("SELECT min(id) FROM record WHERE kind = 'task' AND county IS NULL")?,
                one("SELECT min(id) FROM record WHERE kind = 'expert'")?,
                one("SELECT min(id) FROM record WHERE kind = 'meeting'")?,
            ))
        })
        .await
        .unwrap();
    let _ = IDS.set(Ids { problem, task, department_task, expert, meeting });
}

#[tokio::test]
async fn every_role_reaches_exactly_its_own_objects() {
    let app = spawn_app().await;
    app.add_user("boss", Role::Admin, None, None).await;
    app.add_user("watcher", Role::Viewer, None, None).await;
    app.add_user("weibin", Role::County, Some(OWN_COUNTY), None).await;
    app.add_user("firm-one", Role::Enterprise, None, Some(OWN_FIRM)).await;
    let victim = app.add_user("victim", Role::Viewer, None, None).await;
    let pw = crate::helpers::PASSWORD;
    let mut sessions = Vec::new();
    for (who, name) in
        [(Who::Admin, "boss"), (Who::Viewer, "watcher"), (Who::County, "weibin"), (Who::Firm, "firm-one")]
    {
        sessions.push((who, Some(app.sign_in(name, pw).await.expect("sign in"))));
    }
    sessions.insert(0, (Who::Public, None));
    // A first version of every return awaits review before the matrix, so that an allowed review has
    // something to approve and an allowed reopening something to reopen.
    let admin = sessions[1].1.clone();
    for (i, owner) in [
        json!({ "kind": "county", "id": OWN_COUNTY }),
        json!({ "kind": "county", "id": OTHER_COUNTY }),
        json!({ "kind": "enterprise", "id": OWN_FIRM }),
        json!({ "kind": "enterprise", "id": OTHER_FIRM }),
    ]
    .into_iter()
    .enumerate()
    {
        let firm = owner["kind"] == "enterprise";
        let mut body = submission(owner, firm, 0).unwrap();
        body["id"] = json!(format!("11111111-0000-4000-8000-{i:012}"));
        body["month"] = json!(MONTH);
        // Far below the demo history of July: the warnings need an explanation.
        body["explanation"] = json!("测试数据");
        let (status, answer) = app.call(Method::POST, "/api/returns", admin.as_deref(), Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }

    arrange_registries(&app, admin.as_deref()).await;

    let (mut attempts, mut refused) = (0, 0);
    let mut n = 0;
    // The public and the other roles first, the bureau last: its allowed changes (disabling the
    // victim) must not be what makes another role's attempt fail.
    let bureau = sessions.remove(1);
    sessions.push(bureau);
    for (who, cookie) in &sessions {
        for e in endpoints() {
            for &object in e.objects {
                n += 1;
                attempts += 1;
                let before = app.snapshot().await;
                let path = (e.path)(object, victim);
                let (status, body) = app.call(e.method.clone(), &path, cookie.as_deref(), (e.body)(object, n)).await;
                let allowed = *who != Who::Public && (e.allowed)(*who, object);
                let context = format!("{who:?} {} ({object:?}) {path}: {status} {body}", e.name);
                if allowed {
                    assert!(status.is_success(), "should be allowed: {context}");
                } else {
                    refused += 1;
                    let want = if *who == Who::Public { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
                    assert_eq!(status, want, "should be refused: {context}");
                    assert_eq!(app.snapshot().await, before, "a refused attempt changed the database: {context}");
                }
            }
        }
    }
    println!("role matrix: {attempts} attempts, {refused} refused, {} allowed", attempts - refused);
    assert_eq!(attempts, 5 * 54);
}

#[tokio::test]
async fn a_firm_cannot_approve_its_own_return_through_the_submission_body() {
    let app = spawn_app().await;
    app.add_user("firm-one", Role::Enterprise, None, Some(OWN_FIRM)).await;
    let cookie = app.sign_in("firm-one", crate::helpers::PASSWORD).await.unwrap();
    let own = json!({ "kind": "enterprise", "id": OWN_FIRM });
    let before = app.snapshot().await;
    let mut sneaky = submission(own.clone(), true, 1).unwrap();
    sneaky["state"] = json!("approved");
    let (status, _) = app.call(Method::POST, "/api/returns", Some(&cookie), Some(sneaky)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.snapshot().await, before);
    // The plain submission is taken, awaiting review.
    let (status, ack) = app.call(Method::POST, "/api/returns", Some(&cookie), submission(own.clone(), true, 1)).await;
    assert_eq!(status, StatusCode::OK, "{ack}");
    let (_, stored) = app.call(Method::GET, "/api/returns/enterprise/1/1960-02", Some(&cookie), None).await;
    assert_eq!(stored["state"], "submitted");
    assert_eq!(stored["version"], 1);
    // The firm's own review is refused.
    let (status, _) = app
        .call(Method::POST, "/api/returns/enterprise/1/1960-02/review", Some(&cookie), review_body(Object::Own, 0))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // An enterprise id that does not exist is 403 for a firm (not theirs), whatever it is.
    let (status, _) =
        app.call(Method::GET, &format!("/api/returns/enterprise/9999/{MONTH}"), Some(&cookie), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
