//! The OpenAPI description at `/api/openapi.json`: served without a session, OpenAPI 3.1, and covering
//! every route the API router registers, so a route added without an annotation fails here.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::spawn_app;

/// The router's source: the routes are read from it, not listed again here, so this test cannot fall
/// behind the router.
const API_ROUTER: &str = include_str!("../../src/api/mod.rs");

/// Operations a client may call without a session.
const PUBLIC: [(&str, &str); 5] = [
    ("get", "/api/session"),
    ("post", "/api/session"),
    ("get", "/api/openapi.json"),
    ("get", "/healthz"),
    ("post", "/api/xlsx"),
];

/// Every `(method, path)` in the `.route("path", get(..).post(..))` calls of the router's source.
fn routed() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = API_ROUTER;
    while let Some(at) = rest.find(".route(\"") {
        rest = &rest[at + ".route(\"".len()..];
        let end = rest.find('"').expect("the path's closing quote");
        let path = &rest[..end];
        // The route's handlers run to the parenthesis that closes `.route(`.
        let mut depth = 1;
        let len = rest
            .char_indices()
            .find_map(|(i, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                (depth == 0).then_some(i)
            })
            .expect("the route's closing parenthesis");
        let handlers = &rest[end + 1..len];
        let methods: Vec<_> = ["get", "post", "put", "patch", "delete"]
            .into_iter()
            .filter(|m| handlers.contains(&format!(" {m}(")) || handlers.contains(&format!(".{m}(")))
            .collect();
        assert!(!methods.is_empty(), "no method found for {path} in {handlers:?}");
        out.extend(methods.into_iter().map(|m| (m.to_string(), path.to_string())));
        rest = &rest[len..];
    }
    out
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

    let routes = routed();
    assert!(routes.len() >= 18, "the router's routes were not all found: {routes:?}");
    let paths = doc["paths"].as_object().expect("paths");
    for (method, path) in &routes {
        let op = &paths.get(path).unwrap_or_else(|| panic!("{path} is not described"))[method];
        assert!(op.is_object(), "{} {path} is not described", method.to_uppercase());
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
        assert!(responses.contains_key("401"), "{method} {path} does not say it answers 401");
        if method != "get" {
            assert!(responses.contains_key("403"), "{method} {path} does not say cross-site requests get 403");
        }
    }
    // The other way round: nothing is described that the server does not route.
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let known = routes.iter().any(|(m, p)| m == method && p == path)
                || (method.as_str(), path.as_str()) == ("get", "/healthz");
            assert!(known, "{method} {path} is described but not routed");
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
