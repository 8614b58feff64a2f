//! The OpenAPI description at `/api/openapi.json`: served without a session, OpenAPI 3.1, generated
//! from the one declaration of each route (utoipa-axum's `routes!`), and every operation it describes
//! answered by the live server as described (a session required, cross-site requests refused).

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::spawn_app;

/// Operations a client may call without a session.
const PUBLIC: [(&str, &str); 5] = [
    ("get", "/api/session"),
    ("post", "/api/session"),
    ("get", "/api/openapi.json"),
    ("get", "/healthz"),
    ("post", "/api/xlsx"),
];

/// A concrete request path for a documented one: each `{param}` filled with a value of its kind.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|seg| match seg {
            "{kind}" => "county",
            "{id}" if path.starts_with("/api/returns/") => "610302",
            "{month}" => "2021-07",
            "{code}" => "610302",
            "{year}" => "2021",
            "{file}" => "enterprises.xlsx",
            s if s.starts_with('{') => "1",
            s => s,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The schema a `$ref` points to, or the schema itself when it is inline.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("unexpected $ref {r}"));
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// Every `$ref` anywhere in the document, so none can point at a schema that is not there.
fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            m.values().for_each(|v| refs(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_document_describes_every_route_of_the_api() {
    let app = spawn_app().await;
    // No cookie: the description is public.
    let r = app.client.get(app.url("/api/openapi.json")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let doc: Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")), "{}", doc["openapi"]);

    let paths = doc["paths"].as_object().expect("paths");
    let routes: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| item.as_object().unwrap().keys().map(move |m| (m.clone(), path.clone())))
        .collect();
    assert!(routes.len() >= 40, "every route is described: {routes:?}");
    // The probe below can tell a route from none: an unrouted path and a wrong method say so.
    let probe = |method: &str, path: &str| {
        let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        app.client.request(m, app.url(path)).header("origin", format!("http://{}", app.addr)).send()
    };
    assert_eq!(probe("get", "/api/no-such-route").await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(probe("delete", "/api/me").await.unwrap().status(), StatusCode::METHOD_NOT_ALLOWED);
    for (method, path) in &routes {
        let op = &paths[path][method];
        let status = probe(method, &concrete(path)).await.unwrap().status();
        assert!(
            status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED
                || PUBLIC.contains(&(method.as_str(), path.as_str())),
            "{method} {path} is described but not routed ({status})"
        );
        let responses = op["responses"].as_object().expect("responses");
        assert!(responses.keys().any(|s| s.starts_with('2')), "{method} {path} has no success response");
        // Every `{name}` of the path is a declared path parameter.
        for name in path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')) {
            let declared = op["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == name && p["in"] == "path" && p["required"] == true));
            assert!(declared, "{method} {path} does not declare {{{name}}}");
        }
        if PUBLIC.contains(&(method.as_str(), path.as_str())) {
            continue;
        }
        assert_eq!(op["security"], serde_json::json!([{ "session": [] }]), "{method} {path} needs the session");
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} without a session");
        assert!(responses.contains_key("401"), "{method} {path} does not say it answers 401");
        if method != "get" {
            assert!(responses.contains_key("403"), "{method} {path} does not say cross-site requests get 403");
        }
    }
    let scheme = &doc["components"]["securitySchemes"]["session"];
    assert_eq!((scheme["type"].as_str(), scheme["in"].as_str()), (Some("apiKey"), Some("cookie")));
    assert_eq!(scheme["name"], "waimao_session");

    // A submission carries no state: approving is the bureau's own endpoint.
    let post = &paths["/api/returns"]["post"];
    let body = resolve(&doc, &post["requestBody"]["content"]["application/json"]["schema"]);
    let props = body["properties"].as_object().expect("the submission's properties");
    assert!(props.contains_key("id") && props.contains_key("base_version") && props.contains_key("content"), "{body}");
    assert!(!props.contains_key("state") && !props.contains_key("approved"), "{body}");
    assert_eq!(body["additionalProperties"], false, "unknown fields are refused: {body}");
    for status in ["200", "409", "422"] {
        assert!(post["responses"][status].is_object(), "POST /api/returns documents {status}");
    }

    let region = &doc["components"]["schemas"]["RegionCode"];
    assert_eq!((region["type"].as_str(), region["pattern"].as_str()), (Some("string"), Some("^[1-9][0-9]{5}$")));

    let mut all = Vec::new();
    refs(&doc, &mut all);
    for r in all {
        assert!(resolve(&doc, &serde_json::json!({ "$ref": r })).is_object(), "{r} points at nothing");
    }
}

/// A malformed path, query or body gets the same `ErrorBody` (JSON, both languages) as any handler's
/// refusal, never plain text, and a month of any characters is refused rather than breaking the
/// request (a multi-byte month once panicked the handler and dropped the connection).
#[tokio::test]
async fn every_refusal_is_an_error_body() {
    let app = spawn_app().await;
    app.add_user("boss", waimao_core::account::Role::Admin, None, None).await;
    let boss = app.sign_in("boss", crate::helpers::PASSWORD).await.unwrap();
    let origin = format!("http://{}", app.addr);
    let send = |method: reqwest::Method, path: &str, content_type: Option<&str>, body: &str| {
        let mut req = app.client.request(method, app.url(path)).header("origin", &origin).header("cookie", &boss);
        if let Some(t) = content_type {
            req = req.header("content-type", t);
        }
        req.body(body.to_string()).send()
    };
    // method, path, content type, body, the status and words of the refusal.
    type Case<'a> = (reqwest::Method, &'a str, Option<&'a str>, &'a str, StatusCode, &'a str);
    let cases: [Case; 7] = [
        (reqwest::Method::POST, "/api/returns", None, "{}", StatusCode::UNSUPPORTED_MEDIA_TYPE, "须为JSON"),
        (
            reqwest::Method::POST,
            "/api/returns",
            Some("application/json"),
            "{",
            StatusCode::BAD_REQUEST,
            "请求格式不正确",
        ),
        (
            reqwest::Method::POST,
            "/api/returns",
            Some("application/json"),
            "{}",
            StatusCode::UNPROCESSABLE_ENTITY,
            "请求内容不符合要求",
        ),
        (reqwest::Method::GET, "/api/enterprises/x", None, "", StatusCode::BAD_REQUEST, "请求格式不正确"),
        (reqwest::Method::GET, "/api/audit?limit=many", None, "", StatusCode::BAD_REQUEST, "请求格式不正确"),
        (reqwest::Method::GET, "/api/reconcile?month=m%F2%89%8B%B4%17", None, "", StatusCode::BAD_REQUEST, "不是月份"),
        (reqwest::Method::GET, "/api/completeness/%E4%B8%AD%E6%96%87", None, "", StatusCode::NOT_FOUND, "未找到"),
    ];
    for (method, path, content_type, body, status, words) in cases {
        let r = send(method.clone(), path, content_type, body).await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert_eq!(r.status(), status, "{method} {path}");
        assert_eq!(
            r.headers().get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/json"),
            "{method} {path}"
        );
        let body: serde_json::Value = r.json().await.unwrap();
        let error = body["error"].as_str().unwrap_or_default();
        assert!(error.contains(words) && error.contains(" / "), "{method} {path}: {body}");
    }
}
