//! The OpenAPI 3.1 description of the internal HTTP API, served at `GET /api/openapi.json`. It is
//! generated from the `#[utoipa::path]` annotations on the handlers and the schemas of the wire types,
//! so the document changes when they do.

use axum::extract::State;
use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::OpenApi as Document;
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
            Bodies are JSON. A 4xx answer from a handler carries an `ErrorBody` with a message in Chinese \
            and English; a body the JSON extractor refuses is answered in plain text. A state-changing \
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
    doc
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
