//! The think tank's experts and activities and the leading group's members: read by the bureau and
//! viewers, added and edited by the bureau. One handler per verb serves the three kinds.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::Value;
use waimao_core::api::ErrorBody;
use waimao_core::form::FormErrors;

use crate::auth::Session;
use crate::error::AppError;
use crate::service::{self, registries::Kind};
use crate::state::AppState;

/// The records of a kind: experts (with appointment terms), activities, or leading-group members.
#[utoipa::path(get, path = "/api/registry/{kind}", tag = "registries", security(("session" = [])),
    params(("kind" = inline(Kind), Path, description = "experts, activities or members")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "`Listing` of `Expert`, `Activity` or `Member`.", body = Object),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Path(kind): Path<Kind>,
) -> Result<Json<Value>, AppError> {
    let today = state.clock.today();
    let items = service::run(&state, session.principal, move |w| service::registries::list(w, kind)).await?;
    Ok(Json(serde_json::json!({ "today": today, "items": items })))
}

/// Adds a record (the bureau).
#[utoipa::path(post, path = "/api/registry/{kind}", tag = "registries", security(("session" = [])), request_body = Object,
    params(("kind" = inline(Kind), Path, description = "experts, activities or members")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 201, description = "Added, with its id and version 1.", body = Object),
        (status = 400, description = "Not a record of this kind.", body = ErrorBody),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Path(kind): Path<Kind>,
    Json(body): Json<Value>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    let saved =
        service::run(&state, session.principal, move |w| service::registries::save(w, kind, body, None)).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Edits a record (the bureau); the body names the version it was based on.
#[utoipa::path(put, path = "/api/registry/{kind}/{id}", tag = "registries", security(("session" = [])), request_body = Object,
    params(("kind" = inline(Kind), Path, description = "experts, activities or members"), ("id", description = "The record.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "Saved as the next version.", body = Object),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 404, description = "No such record.", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path((kind, id)): Path<(Kind, i64)>,
    Json(body): Json<Value>,
) -> Result<Json<Value>, AppError> {
    Ok(Json(
        service::run(&state, session.principal, move |w| service::registries::save(w, kind, body, Some(id))).await?,
    ))
}
