//! Annual targets, set by the bureau only.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use waimao_core::api::{ErrorBody, TargetValue};
use waimao_core::RegionCode;

use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, audit};

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
    require(session.principal.is_admin())?;
    let code = RegionCode::parse(&code).map_err(|_| AppError::NotFound)?;
    if state.regions.county(code).is_none() || !(2000..=2100).contains(&year) {
        return Err(AppError::NotFound);
    }
    if body.total <= 0 {
        return Err(AppError::BadRequest("目标须为正数 / A target must be positive".into()));
    }
    let admin = session.principal;
    let now_secs = state.clock.now_secs();
    state
        .store
        .call(move |c| -> Result<_, AppError> {
            audit::record(c, now_secs, |tx| {
                let old = store::set_target(tx, &code.to_string(), year, body.total)?.map(|v| v.to_string());
                let entry = audit::Entry {
                    user_id: Some(admin.user_id),
                    user_name: admin.name.to_string(),
                    action: "set_target",
                    object: format!("target/{code}/{year}"),
                    old_value: old.as_deref().map(ToString::to_string),
                    new_value: Some(body.total.to_string().to_string()),
                };
                Ok(((), entry))
            })
        })
        .await?;
    // Completion rates are computed at publication: publish so the dashboard shows the new target.
    if let Err(e) = crate::publisher::publish_all(&state).await {
        tracing::error!(error = %e, "publishing after a target change failed");
    }
    Ok(StatusCode::NO_CONTENT)
}
