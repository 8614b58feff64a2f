//! The OpenAPI 3.1 description of the internal HTTP API, served at `GET /api/openapi.json`. It is
//! generated from the `#[utoipa::path]` annotations on the handlers and the schemas of the wire types,
//! so the document changes when they do.

use axum::extract::State;
use axum::Json;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{AnyOf, Ref, Schema};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, RefOr, Response};
use utoipa::OpenApi;

use crate::state::AppState;

/// The name under which operations refer to the session cookie's security scheme (their
/// `security(("session" = []))`, which must be a literal).
pub const SESSION_SCHEME: &str = "session";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "waimao internal API",
        description = "The internal HTTP API behind the sign-in, account, return and target pages. \
            Bodies are JSON. Every 4xx answer carries an `ErrorBody` with a message in Chinese and English \
            (or the richer body an operation names, such as a form's findings), a malformed path, query or \
            body included. A state-changing \
            request (POST, PUT, PATCH, DELETE) must come from this site (an `Origin` naming this host, or \
            `Sec-Fetch-Site: same-origin`), or it is refused with 403. Any request may also be answered \
            413 (a body over 1 MiB; 20 MiB for a spreadsheet upload) or 500 (`ErrorBody` without details)."
    ),
    // Every route's description comes from the router (`super::routes`), which declares each once;
    // only `/healthz`, routed in the crate root, is listed here.
    paths(health),
    tags(
        (name = "session", description = "Signing in and out, the current user, one's own password."),
        (name = "users", description = "The bureau's account administration."),
        (name = "audit", description = "The append-only audit log."),
        (name = "returns", description = "Monthly returns (月报) of counties and enterprises."),
        (name = "targets", description = "Annual total-trade targets."),
        (name = "registries", description = "Key enterprises and their problems, the expert think tank, the leading group's members, meetings and tasks, and their exports."),
        (name = "exports", description = "Any table a page shows, as an Excel workbook."),
        (name = "imports", description = "Spreadsheets of monthly figures: upload, check, commit, review."),
        (name = "reconcile", description = "Figures from every source side by side, the bureau's choice between them, and a figure's versions."),
        (name = "meta", description = "Health and this description."),
    )
)]
struct ApiDoc;

/// The document, with the session cookie named as this server names it: `waimao_session`, or
/// `__Host-waimao_session` when the server sets secure cookies.
pub fn document_for(cookie_name: &str) -> Document {
    let (_, mut doc) = utoipa_axum::router::OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi())
        .merge(super::routes())
        .merge(super::upload_routes())
        .split_for_parts();
    let scheme = SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
        cookie_name,
        "The session started by `POST /api/session`: an HttpOnly, SameSite=Strict cookie that ends after \
         30 minutes unused or 12 hours after sign-in.",
    )));
    doc.components.get_or_insert_with(Default::default).security_schemes.insert(SESSION_SCHEME.into(), scheme);
    for item in doc.paths.paths.values_mut() {
        let ops = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for op in ops.into_iter().flatten() {
            document_refusals(op);
        }
    }
    doc
}

/// The refusals every operation can meet before its handler runs, written once here rather than on
/// each handler: a malformed path or query (400), a body that is not JSON, too large, of another type
/// or without the expected fields (400, 413, 415, 422), all answered as an `ErrorBody` by
/// [`super::rejection`]; a 4xx a handler documents with a richer body may also be that `ErrorBody`.
fn document_refusals(op: &mut Operation) {
    let params = op.parameters.as_deref().unwrap_or_default();
    let mut refusals = Vec::new();
    if params.iter().any(|p| p.parameter_in == ParameterIn::Path) {
        refusals.push(("400", "A path parameter is malformed."));
        refusals.push(("404", "No such object."));
    }
    if params.iter().any(|p| p.parameter_in == ParameterIn::Query) {
        refusals.push(("400", "A query parameter is malformed."));
    }
    if let Some(body) = &op.request_body {
        refusals.push(("413", "The body is larger than the limit."));
        if body.content.contains_key("application/json") {
            refusals.push(("400", "The body is not valid JSON."));
            refusals.push(("415", "The body is not `application/json`."));
            refusals.push(("422", "The body's JSON does not have the expected fields."));
        }
    }
    let responses = &mut op.responses.responses;
    for (status, description) in refusals {
        responses.entry(status.to_string()).or_insert_with(|| Response::new(description).into());
    }
    for (status, response) in responses.iter_mut() {
        let RefOr::T(response) = response else { continue };
        if !status.starts_with('4') {
            continue;
        }
        response.content.shift_remove("text/plain");
        let json = response.content.entry("application/json".to_string()).or_insert_with(|| Content::new(None::<Ref>));
        json.schema = Some(match json.schema.take() {
            None => error_body(),
            Some(RefOr::Ref(r)) if r.ref_location.ends_with("/ErrorBody") => RefOr::Ref(r),
            Some(other) => Schema::AnyOf(AnyOf::builder().item(other).item(error_body()).build()).into(),
        });
    }
}

fn error_body() -> RefOr<Schema> {
    Ref::from_schema_name("ErrorBody").into()
}

/// This description of the API (OpenAPI 3.1).
///
/// It needs no session: it says what the API accepts, not what the store holds.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    operation_id = "openapi",
    tag = "meta",
    responses((status = 200, description = "This OpenAPI 3.1 document.", body = Object)),
)]
pub async fn document(State(state): State<AppState>) -> Json<Document> {
    // Built per request: it is asked for rarely, and the cookie's name depends on the settings.
    Json(document_for(state.auth.cookie_name()))
}

// `GET /healthz` is routed in the crate root beside the API, so its description is written here,
// against a stand-in that is never called.
/// Whether the server and its database answer.
#[utoipa::path(
    get,
    path = "/healthz",
    operation_id = "health",
    tag = "meta",
    responses(
        (status = 200, description = "The server and its database answer.", body = waimao_core::api::Health),
        (status = 500, description = "The database does not answer.", body = waimao_core::api::ErrorBody),
    ),
)]
#[allow(dead_code, reason = "a stand-in that only carries the description")]
fn health() {}
