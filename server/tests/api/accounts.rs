//! Sessions and the server-wide protections: sign-in and sign-out, cookie flags, password changes
//! ending other sessions, idle expiry, throttling that a forged `X-Forwarded-For` cannot escape,
//! same-origin checks on every change, security headers on every kind of response, the audit log.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use waimao_core::account::Role;
use waimao_core::throttle::{ADDRESS_FAILURES, NAME_CHARS, PAIR_FAILURES};
use waimao_server::auth::AuthSettings;

use crate::helpers::{spawn_app, spawn_app_with, PASSWORD};

#[tokio::test]
async fn sign_in_sets_a_locked_down_cookie_and_sign_out_ends_the_session() {
    let app = spawn_app().await;
    app.add_user("weibin", Role::County, Some("610302"), None).await;
    let r = app
        .client
        .post(app.url("/api/session"))
        .header("origin", format!("http://{}", app.addr))
        .json(&json!({ "name": "weibin", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(flag), "{set} lacks {flag}");
    }
    assert!(!set.contains("Secure") && set.starts_with("waimao_session="), "plain-HTTP localhost: {set}");
    let me: serde_json::Value = r.json().await.unwrap();
    assert_eq!((me["role"].as_str(), me["county"].as_str()), (Some("county"), Some("610302")));

    let cookie = set.split(';').next().unwrap().to_string();
    assert_eq!(app.call(Method::GET, "/api/me", Some(&cookie), None).await.0, StatusCode::OK);
    assert_eq!(app.call(Method::DELETE, "/api/session", Some(&cookie), None).await.0, StatusCode::NO_CONTENT);
    // The same token, replayed after sign-out, is dead on the server.
    assert_eq!(app.call(Method::GET, "/api/me", Some(&cookie), None).await.0, StatusCode::UNAUTHORIZED);
    // Wrong passwords and unknown names get the same answer.
    assert_eq!(app.sign_in("weibin", "wrong password!!").await, Err(StatusCode::UNAUTHORIZED));
    assert_eq!(app.sign_in("nobody", PASSWORD).await, Err(StatusCode::UNAUTHORIZED));
}

#[tokio::test]
async fn behind_https_the_cookie_is_secure_with_the_host_prefix() {
    let app = spawn_app_with(AuthSettings { secure_cookies: true, ..AuthSettings::default() }).await;
    app.add_user("boss", Role::Admin, None, None).await;
    let r = app
        .client
        .post(app.url("/api/session"))
        .header("origin", format!("http://{}", app.addr))
        .json(&json!({ "name": "boss", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let set = r.headers()["set-cookie"].to_str().unwrap();
    assert!(set.starts_with("__Host-waimao_session=") && set.contains("; Secure") && set.contains("Path=/"), "{set}");
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = spawn_app().await;
    app.add_user("watcher", Role::Viewer, None, None).await;
    let laptop = app.sign_in("watcher", PASSWORD).await.unwrap();
    let phone = app.sign_in("watcher", PASSWORD).await.unwrap();
    let new = "一个全新的长密码短句";
    // A weak new password is refused with the reason, and nothing changes.
    let (status, body) = app
        .call(
            Method::POST,
            "/api/me/password",
            Some(&laptop),
            Some(json!({ "current": PASSWORD, "new": "1234567890" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"].as_str().unwrap().contains("常见密码"), "{body}");
    // The current password is required.
    let (status, _) = app
        .call(Method::POST, "/api/me/password", Some(&laptop), Some(json!({ "current": "not it at all", "new": new })))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .call(Method::POST, "/api/me/password", Some(&laptop), Some(json!({ "current": PASSWORD, "new": new })))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.call(Method::GET, "/api/me", Some(&laptop), None).await.0, StatusCode::OK);
    assert_eq!(app.call(Method::GET, "/api/me", Some(&phone), None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.sign_in("watcher", PASSWORD).await, Err(StatusCode::UNAUTHORIZED));
    assert!(app.sign_in("watcher", new).await.is_ok());
}

#[tokio::test]
async fn an_idle_session_expires() {
    // The server's clock is the test's: 29 minutes of quiet keep a session, 31 end it.
    let app = spawn_app_with(AuthSettings { idle: Duration::from_secs(30 * 60), ..AuthSettings::default() }).await;
    app.add_user("watcher", Role::Viewer, None, None).await;
    let cookie = app.sign_in("watcher", PASSWORD).await.unwrap();
    assert_eq!(app.call(Method::GET, "/api/me", Some(&cookie), None).await.0, StatusCode::OK);
    app.state.clock.advance(chrono::Duration::minutes(29));
    assert_eq!(app.call(Method::GET, "/api/me", Some(&cookie), None).await.0, StatusCode::OK, "used within 30 min");
    app.state.clock.advance(chrono::Duration::minutes(31));
    assert_eq!(app.call(Method::GET, "/api/me", Some(&cookie), None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_session_ends_after_its_absolute_lifetime_even_when_used() {
    let app = spawn_app_with(AuthSettings { absolute: Duration::from_secs(60 * 60), ..AuthSettings::default() }).await;
    app.add_user("watcher", Role::Viewer, None, None).await;
    let cookie = app.sign_in("watcher", PASSWORD).await.unwrap();
    // Used every 20 minutes, so never idle: still over after an hour.
    for _ in 0..3 {
        assert_eq!(app.call(Method::GET, "/api/me", Some(&cookie), None).await.0, StatusCode::OK);
        app.state.clock.advance(chrono::Duration::minutes(20));
    }
    app.state.clock.advance(chrono::Duration::minutes(1));
    assert_eq!(app.call(Method::GET, "/api/me", Some(&cookie), None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_is_counted_apart() {
    // The test client connects from 127.0.0.1, which plays the proxy here.
    let app =
        spawn_app_with(AuthSettings { trusted_proxy: Some("127.0.0.1".parse().unwrap()), ..AuthSettings::default() })
            .await;
    app.add_user("innocent", Role::Viewer, None, None).await;
    let attempt = |name: String, ip: &'static str, pw: &'static str| {
        app.client
            .post(app.url("/api/session"))
            .header("origin", format!("http://{}", app.addr))
            .header("x-forwarded-for", ip)
            .json(&json!({ "name": name, "password": pw }))
            .send()
    };
    let per_account = PAIR_FAILURES - 1;
    for i in 0..ADDRESS_FAILURES.div_ceil(per_account) {
        app.add_user(&format!("user{i}"), Role::Viewer, None, None).await;
        for _ in 0..per_account {
            let r = attempt(format!("user{i}"), "203.0.113.5", "wrong password").await.unwrap();
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        }
    }
    // The guessing client is stopped; another client behind the same proxy is not.
    let r = attempt("innocent".into(), "203.0.113.5", PASSWORD).await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let r = attempt("innocent".into(), "198.51.100.8", PASSWORD).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

/// The lockout a stranger could once cause: five wrong passwords from anywhere locked the admin out for
/// good. Now the stranger's address waits, longer each time; the owner, from an address with no
/// failures, signs in; the counts are in the database (they survive a restart).
#[tokio::test]
async fn a_strangers_wrong_passwords_slow_the_stranger_and_never_lock_out_the_owner() {
    let app =
        spawn_app_with(AuthSettings { trusted_proxy: Some("127.0.0.1".parse().unwrap()), ..AuthSettings::default() })
            .await;
    app.add_user("target", Role::Admin, None, None).await;
    let attempt = |ip: &'static str, pw: String| {
        app.client
            .post(app.url("/api/session"))
            .header("origin", format!("http://{}", app.addr))
            .header("x-forwarded-for", ip)
            .json(&json!({ "name": "TARGET", "password": pw }))
            .send()
    };
    for i in 0..PAIR_FAILURES {
        let r = attempt("203.0.113.5", format!("wrong guess {i}")).await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // The stranger waits, even with the right password; the wait doubles with each further failure.
    let r = attempt("203.0.113.5", PASSWORD.into()).await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "30");
    app.state.clock.advance(chrono::Duration::seconds(31));
    assert_eq!(attempt("203.0.113.5", "again wrong".into()).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let r = attempt("203.0.113.5", PASSWORD.into()).await.unwrap();
    assert_eq!((r.status(), r.headers()["retry-after"].to_str().unwrap()), (StatusCode::TOO_MANY_REQUESTS, "60"));
    // The owner, from its own address, is not affected at all.
    assert_eq!(attempt("198.51.100.77", PASSWORD.into()).await.unwrap().status(), StatusCode::OK);
    let stored: i64 =
        app.scalar("SELECT failures FROM sign_in_failure WHERE account = 'target' AND address = '203.0.113.5'").await;
    assert_eq!(stored, i64::from(PAIR_FAILURES) + 1, "kept in the database, not in the process");
    // After the window, the stranger's address starts afresh.
    app.state.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(attempt("203.0.113.5", PASSWORD.into()).await.unwrap().status(), StatusCode::OK);
}

/// Guessing spread over many addresses, each under the pair's limit, once went unchecked: 4 tries
/// from each of a thousand addresses. Once the account has `ACCOUNT_FAILURES` failures in the window,
/// an address that failed at it once must wait; the owner, from an address with no failures, still
/// signs in.
#[tokio::test]
async fn guesses_spread_over_many_addresses_get_one_try_each_and_the_owner_still_signs_in() {
    let app =
        spawn_app_with(AuthSettings { trusted_proxy: Some("127.0.0.1".parse().unwrap()), ..AuthSettings::default() })
            .await;
    app.add_user("target", Role::Admin, None, None).await;
    let attempt = |ip: String, pw: &'static str| {
        app.client
            .post(app.url("/api/session"))
            .header("origin", format!("http://{}", app.addr))
            .header("x-forwarded-for", ip)
            .json(&json!({ "name": "target", "password": pw }))
            .send()
    };
    let ip = |i: u32| format!("203.0.{}.{}", i / 200, i % 200 + 1);
    for i in 0..waimao_core::throttle::ACCOUNT_FAILURES {
        assert_eq!(attempt(ip(i), "a guess").await.unwrap().status(), StatusCode::UNAUTHORIZED, "guess {i}");
    }
    // Each guessing address has failed once, far under the pair's limit, and must now wait.
    for i in [0, 17, waimao_core::throttle::ACCOUNT_FAILURES - 1] {
        let r = attempt(ip(i), "another guess").await.unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "address {}", ip(i));
    }
    // A new address still has its first try (and no more), and the owner signs in from its own.
    assert_eq!(attempt("198.51.100.9".into(), "a guess").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(attempt("198.51.100.9".into(), "a guess").await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(attempt("198.51.100.77".into(), PASSWORD).await.unwrap().status(), StatusCode::OK);
}

/// Failed sign-ins with enormous names add a counter, not an audit row each with the name in it.
#[tokio::test]
async fn a_flood_of_failed_sign_ins_with_huge_names_adds_bounded_records() {
    let app = spawn_app().await;
    let audit_before: i64 = app.scalar("SELECT count(*) FROM audit").await;
    for i in 0..60 {
        let name = format!("{i}{}", "名".repeat(100_000));
        let r = app
            .client
            .post(app.url("/api/session"))
            .header("origin", format!("http://{}", app.addr))
            .json(&json!({ "name": name, "password": "x" }))
            .send()
            .await
            .unwrap();
        assert!([StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS].contains(&r.status()), "{}", r.status());
    }
    let added: i64 = app.scalar("SELECT count(*) FROM audit").await;
    assert!(added - audit_before <= 2, "{} audit entries for 60 failed sign-ins", added - audit_before);
    let longest: i64 = app.scalar("SELECT coalesce(max(length(user_name)), 0) FROM audit").await;
    assert!(longest <= NAME_CHARS as i64, "a name is kept to {NAME_CHARS} characters, not {longest}");
    let rows: i64 = app.scalar("SELECT count(*) FROM sign_in_failure").await;
    assert_eq!(rows, 1, "names no account has share one row per address");
}

#[tokio::test]
async fn one_address_guessing_many_accounts_is_stopped() {
    let app = spawn_app().await;
    app.add_user("innocent", Role::Viewer, None, None).await;
    // Below each account's limit, but across accounts the address reaches its own.
    let per_account = PAIR_FAILURES - 1;
    for i in 0..ADDRESS_FAILURES.div_ceil(per_account) {
        app.add_user(&format!("user{i}"), Role::Viewer, None, None).await;
        for _ in 0..per_account {
            assert_eq!(app.sign_in(&format!("user{i}"), "wrong password").await, Err(StatusCode::UNAUTHORIZED));
        }
    }
    assert_eq!(app.sign_in("innocent", PASSWORD).await, Err(StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn changes_from_another_site_are_refused() {
    let app = spawn_app().await;
    app.add_user("boss", Role::Admin, None, None).await;
    let cookie = app.sign_in("boss", PASSWORD).await.unwrap();
    let path = app.url("/api/targets/610302/2022");
    let body = json!({ "total": 123_456_789 });
    let before = app.snapshot().await;
    let cases: [(&str, Option<&str>, Option<&str>); 4] = [
        ("foreign Origin", Some("http://evil.example"), None),
        ("Origin of another port", Some("http://127.0.0.1:1"), None),
        ("no Origin, cross-site fetch", None, Some("cross-site")),
        ("no Origin, no fetch metadata", None, None),
    ];
    for (case, origin, site) in cases {
        let mut req = app.client.put(&path).header("cookie", &cookie).json(&body);
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{case}");
        assert_eq!(app.snapshot().await, before, "{case} changed the database");
    }
    // Same-origin by fetch metadata alone is accepted, and the change is audited with old → new.
    let r = app
        .client
        .put(&path)
        .header("cookie", &cookie)
        .header("sec-fetch-site", "same-origin")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (status, log) = app.call(Method::GET, "/api/audit?action=set_target", Some(&cookie), None).await;
    assert_eq!(status, StatusCode::OK);
    let entry = &log[0];
    assert_eq!(entry["object"], "target/610302/2022");
    assert_eq!(entry["new_value"], "123456789");
    assert_eq!(entry["user_name"], "boss");
    // A form post (not JSON) is refused too.
    let r = app
        .client
        .put(&path)
        .header("cookie", &cookie)
        .header("origin", format!("http://{}", app.addr))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("total=1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/data/overview.json", "/healthz", "/api/me", "/api/users", "/no/such/page", "/data/missing.json"]
    {
        let r = app.client.get(app.url(path)).send().await.unwrap();
        let h = r.headers();
        let csp = h.get("content-security-policy").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        for part in
            ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]
        {
            assert!(csp.contains(part), "{path}: CSP lacks {part}: {csp}");
        }
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
    }
    // An error body never carries internals.
    let r = app.client.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.text().await.unwrap(), r#"{"error":"请先登录 / Please sign in"}"#);
}

/// The only active admin cannot be demoted or disabled, by itself or anyone: nobody would be left to
/// administer. With a second admin, the change goes through.
#[tokio::test]
async fn the_last_active_admin_stays_an_admin() {
    let app = spawn_app().await;
    let admins: i64 = app.scalar("SELECT count(*) FROM user WHERE role = 'admin' AND disabled = 0").await;
    assert_eq!(admins, 0, "the test server starts without accounts");
    let boss = app.add_user("boss", Role::Admin, None, None).await;
    let cookie = app.sign_in("boss", PASSWORD).await.unwrap();
    let path = format!("/api/users/{boss}");
    let (status, body) = app.call(Method::PATCH, &path, Some(&cookie), Some(json!({ "role": "viewer" }))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"].as_str().unwrap().contains("至少要保留一个可用的管理员账号"), "{body}");
    let role: String = app.scalar("SELECT role FROM user WHERE name = 'boss'").await;
    assert_eq!(role, "admin", "nothing changed");

    let deputy = app.add_user("deputy", Role::Admin, None, None).await;
    let (status, _) = app
        .call(Method::PATCH, &format!("/api/users/{deputy}"), Some(&cookie), Some(json!({ "disabled": true })))
        .await;
    assert_eq!(status, StatusCode::OK, "another admin may be disabled while one remains");
    let (status, body) = app.call(Method::PATCH, &path, Some(&cookie), Some(json!({ "role": "viewer" }))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the disabled deputy does not count: {body}");
    let (status, _) = app
        .call(Method::PATCH, &format!("/api/users/{deputy}"), Some(&cookie), Some(json!({ "disabled": false })))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = app.call(Method::PATCH, &path, Some(&cookie), Some(json!({ "role": "viewer" }))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
