//! Annual targets, set by the bureau only.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use waimao_core::api::{ErrorBody, TargetValue};
use waimao_core::RegionCode;

use crate::auth::Session;
use crate::error::AppError;
use crate::service;
use crate::state::AppState;

/// Sets a county's annual total-trade target (进出口总值目标) in whole 元.
#[utoipa::path(
    put,
    path = "/api/targets/{code}/{year}",
    operation_id = "set_target",
    tag = "targets",
    security(("session" = [])),
    params(
        ("code", description = "A county of the registry (GB/T 2260).", pattern = "^[1-9][0-9]{5}$",
            example = "610302"),
        ("year", description = "The target's year.", minimum = 2000, maximum = 2100, example = 2025),
    ),
    responses(
        (status = 204, description = "Set."),
        (status = 400, description = "The target is not positive (`ErrorBody`); or the year or body is malformed \
            (plain text).", content((ErrorBody = "application/json"), (String = "text/plain"))),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such county, or a year outside 2000–2100.", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`.", body = String, content_type = "text/plain"),
        (status = 422, description = "The body is not a `TargetValue`.", body = String, content_type = "text/plain"),
    ),
)]
pub async fn set(
    State(state): State<AppState>,
    session: Session,
    Path((code, year)): Path<(String, i32)>,
    Json(body): Json<TargetValue>,
) -> Result<StatusCode, AppError> {
    let code = RegionCode::parse(&code).map_err(|_| AppError::NotFound)?;
    service::run(&state, session.principal, move |w| service::targets::set(w, code, year, body.total)).await?;
    Ok(StatusCode::NO_CONTENT)
}
