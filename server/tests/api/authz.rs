//! The role matrix: every role (and the public) × every internal endpoint × an object that is theirs
//! and one that is not. What each role may do is written out here by hand, independently of
//! `waimao_core::account`, and every refused attempt must leave the database exactly as it was.

use reqwest::{Method, StatusCode};
use serde_json::json;
use waimao_core::account::Role;

use crate::helpers::spawn_app;

const OWN_COUNTY: &str = "610302";
const OTHER_COUNTY: &str = "610303";
const OWN_FIRM: i64 = 1;
const OTHER_FIRM: i64 = 2;
const MONTH: &str = "2021-07";

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
    body: fn(usize) -> Option<serde_json::Value>,
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

fn figures(n: usize) -> Option<serde_json::Value> {
    Some(json!({ "exports": 1_000_000 + n as i64, "imports": 500_000 }))
}

fn endpoints() -> Vec<Endpoint> {
    const BOTH: &[Object] = &[Object::Own, Object::Other];
    const NONE: &[Object] = &[Object::None];
    vec![
        Endpoint {
            name: "read county return",
            method: Method::GET,
            path: |o, _| format!("/api/returns/county/{}/{MONTH}", county(o)),
            body: |_| None,
            objects: BOTH,
            allowed: |w, o| matches!(w, Who::Admin | Who::Viewer) || (w == Who::County && o == Object::Own),
        },
        Endpoint {
            name: "write county return",
            method: Method::PUT,
            path: |o, _| format!("/api/returns/county/{}/{MONTH}", county(o)),
            body: figures,
            objects: BOTH,
            allowed: |w, o| w == Who::Admin || (w == Who::County && o == Object::Own),
        },
        Endpoint {
            name: "approve county return",
            method: Method::POST,
            path: |o, _| format!("/api/returns/county/{}/{MONTH}/approve", county(o)),
            body: |_| None,
            objects: BOTH,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "read firm return",
            method: Method::GET,
            path: |o, _| format!("/api/returns/enterprise/{}/{MONTH}", firm(o)),
            body: |_| None,
            objects: BOTH,
            allowed: |w, o| matches!(w, Who::Admin | Who::Viewer) || (w == Who::Firm && o == Object::Own),
        },
        Endpoint {
            name: "write firm return",
            method: Method::PUT,
            path: |o, _| format!("/api/returns/enterprise/{}/{MONTH}", firm(o)),
            body: figures,
            objects: BOTH,
            allowed: |w, o| w == Who::Admin || (w == Who::Firm && o == Object::Own),
        },
        Endpoint {
            name: "approve firm return",
            method: Method::POST,
            path: |o, _| format!("/api/returns/enterprise/{}/{MONTH}/approve", firm(o)),
            body: |_| None,
            objects: BOTH,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "set target",
            method: Method::PUT,
            path: |o, _| format!("/api/targets/{}/2022", county(o)),
            body: |n| Some(json!({ "total": 900_000_000 + n as i64 })),
            objects: BOTH,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "list users",
            method: Method::GET,
            path: |_, _| "/api/users".into(),
            body: |_| None,
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "create user",
            method: Method::POST,
            path: |_, _| "/api/users".into(),
            body: |n| {
                Some(json!({ "name": format!("created-{n}"), "role": "viewer", "county": null, "enterprise": null }))
            },
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "disable user",
            method: Method::PATCH,
            path: |_, victim| format!("/api/users/{victim}"),
            body: |_| Some(json!({ "role": null, "county": null, "enterprise": null, "disabled": true })),
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "reset password",
            method: Method::POST,
            path: |_, victim| format!("/api/users/{victim}/password"),
            body: |_| None,
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
        Endpoint {
            name: "read audit log",
            method: Method::GET,
            path: |_, _| "/api/audit".into(),
            body: |_| None,
            objects: NONE,
            allowed: |w, _| w == Who::Admin,
        },
    ]
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
    // Every return exists before the matrix, so that an allowed approval has something to approve.
    let admin = sessions[1].1.clone();
    for path in [
        format!("/api/returns/county/{OWN_COUNTY}/{MONTH}"),
        format!("/api/returns/county/{OTHER_COUNTY}/{MONTH}"),
        format!("/api/returns/enterprise/{OWN_FIRM}/{MONTH}"),
        format!("/api/returns/enterprise/{OTHER_FIRM}/{MONTH}"),
    ] {
        let (status, _) = app.call(Method::PUT, &path, admin.as_deref(), figures(0)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }

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
                let (status, body) = app.call(e.method.clone(), &path, cookie.as_deref(), (e.body)(n)).await;
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
    assert_eq!(attempts, 5 * 19);
}

#[tokio::test]
async fn a_firm_cannot_approve_its_own_figures_through_the_figures_body() {
    let app = spawn_app().await;
    app.add_user("firm-one", Role::Enterprise, None, Some(OWN_FIRM)).await;
    let cookie = app.sign_in("firm-one", crate::helpers::PASSWORD).await.unwrap();
    let path = format!("/api/returns/enterprise/{OWN_FIRM}/{MONTH}");
    let before = app.snapshot().await;
    let (status, _) = app
        .call(Method::PUT, &path, Some(&cookie), Some(json!({ "exports": 5, "imports": 6, "approved": true })))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.snapshot().await, before);
    // The plain figures are taken, unapproved.
    let (status, body) = app.call(Method::PUT, &path, Some(&cookie), Some(json!({ "exports": 5, "imports": 6 }))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["exports"]["approved"], false);
    assert_eq!(body["exports"]["value"], 5);
    // Negative or absurd figures are refused with a message.
    let (status, body) =
        app.call(Method::PUT, &path, Some(&cookie), Some(json!({ "exports": -1, "imports": 6 }))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"].as_str().unwrap().contains("金额"), "{body}");
    // A firm id that does not exist is 404 for the bureau, 403 for another firm.
    let (status, _) =
        app.call(Method::GET, &format!("/api/returns/enterprise/9999/{MONTH}"), Some(&cookie), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
