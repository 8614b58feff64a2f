//! Monthly returns: a county's or an enterprise's exports and imports for a month. Reading and
//! writing are checked against the principal's binding; approving is the bureau's alone, and the
//! figures body has no approval field (unknown fields are refused).

use axum::extract::{Path, State};
use axum::Json;
use waimao_core::account::Principal;
use waimao_core::api::{ErrorBody, ReturnFigures};
use waimao_core::{Period, RegionCode, YearMonth};

use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::audit;
use crate::store::returns::{self, Owner, Return};

/// The path of a county's return: which county, which month. One definition serves the handlers and
/// the OpenAPI document.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CountyMonth {
    /// A county of the registry (GB/T 2260).
    #[param(pattern = "^[1-9][0-9]{5}$", example = "610302")]
    code: String,
    /// The month: `2024-03` (also `2024-3` or `202403`).
    #[param(pattern = "^[0-9]{4}(-[0-9]{1,2}|[0-9]{2})$", example = "2024-03")]
    month: String,
}

/// The path of an enterprise's return: which enterprise, which month.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct FirmMonth {
    /// The enterprise's id.
    id: i64,
    /// The month: `2024-03` (also `2024-3` or `202403`).
    #[param(pattern = "^[0-9]{4}(-[0-9]{1,2}|[0-9]{2})$", example = "2024-03")]
    month: String,
}

/// The largest figure a form accepts: 10^15 元, the store's invariant.
const MAX_FIGURE: i64 = 1_000_000_000_000_000;

fn month(text: &str) -> Result<String, AppError> {
    let ym = YearMonth::parse(text).map_err(|_| AppError::NotFound)?;
    Ok(Period::Month(ym).to_string())
}

fn county(state: &AppState, text: &str) -> Result<RegionCode, AppError> {
    let code = RegionCode::parse(text).map_err(|_| AppError::NotFound)?;
    state.regions.county(code).map(|r| r.code).ok_or(AppError::NotFound)
}

async fn enterprise(state: &AppState, id: i64) -> Result<i64, AppError> {
    if state.store.call(move |c| returns::enterprise_exists(c, id)).await? {
        Ok(id)
    } else {
        Err(AppError::NotFound)
    }
}

fn check(figures: &ReturnFigures) -> Result<(), AppError> {
    for v in [figures.exports, figures.imports] {
        if !(0..=MAX_FIGURE).contains(&v) {
            return Err(AppError::BadRequest(
                "金额须为0至10^15元之间的整数 / Amounts are whole 元 between 0 and 10^15".into(),
            ));
        }
    }
    Ok(())
}

async fn read(state: AppState, owner: Owner, id: String, period: String) -> Result<Json<Return>, AppError> {
    Ok(Json(state.store.call(move |c| returns::read(c, owner, &id, &period)).await?))
}

async fn write(
    state: AppState,
    who: Principal,
    owner: Owner,
    id: String,
    period: String,
    figures: ReturnFigures,
) -> Result<Json<Return>, AppError> {
    check(&figures)?;
    let now = chrono::Utc::now().to_rfc3339();
    state
        .store
        .call(move |c| {
            audit::record(c, |tx| {
                let saving = returns::Saving { owner, id: &id, period: &period, source: &who.name, now: &now };
                let before = returns::write(tx, &saving, figures.exports, figures.imports)?;
                let old = serde_json::to_string(&before).ok();
                let new = format!("exports={} imports={}", figures.exports, figures.imports);
                let object = format!("return/{}/{id}/{period}", kind(owner));
                let entry = audit::Entry {
                    user_id: Some(who.user_id),
                    user_name: who.name.to_string(),
                    action: "write_return",
                    object: object.to_string(),
                    old_value: old.as_deref().map(ToString::to_string),
                    new_value: Some(new.to_string()),
                };
                let after = returns::read(tx, owner, &id, &period)?;
                Ok((Json(after), entry))
            })
        })
        .await
}

async fn approve(
    state: AppState,
    who: Principal,
    owner: Owner,
    id: String,
    period: String,
) -> Result<Json<Return>, AppError> {
    state
        .store
        .call(move |c| {
            audit::record(c, |tx| {
                if !returns::approve(tx, owner, &id, &period)? {
                    return Err(AppError::NotFound);
                }
                let object = format!("return/{}/{id}/{period}", kind(owner));
                let entry = audit::Entry {
                    user_id: Some(who.user_id),
                    user_name: who.name.to_string(),
                    action: "approve_return",
                    object: object.to_string(),
                    old_value: None,
                    new_value: Some("approved".into()),
                };
                let after = returns::read(tx, owner, &id, &period)?;
                Ok((Json(after), entry))
            })
        })
        .await
}

fn kind(owner: Owner) -> &'static str {
    match owner {
        Owner::County => "county",
        Owner::Enterprise => "enterprise",
    }
}

/// A county's return for a month.
///
/// The bureau and viewers read every county's, a county its own.
#[utoipa::path(
    get,
    path = "/api/returns/county/{code}/{month}",
    tag = "returns",
    security(("session" = [])),
    params(CountyMonth),
    responses(
        (status = 200, description = "The return; a flow never entered is null.", body = Return),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's county.", body = ErrorBody),
        (status = 404, description = "No such county, or not a month.", body = ErrorBody),
    ),
)]
pub async fn read_county(
    State(state): State<AppState>,
    s: Session,
    Path(CountyMonth { code, month: m }): Path<CountyMonth>,
) -> Result<Json<Return>, AppError> {
    let code = county(&state, &code)?;
    require(s.principal.can_read_county(code))?;
    read(state, Owner::County, code.to_string(), month(&m)?).await
}

/// Saves a county's figures for a month as new, unapproved versions: the bureau or that county.
///
/// The body has no approval field, and an unknown field is refused.
#[utoipa::path(
    put,
    path = "/api/returns/county/{code}/{month}",
    tag = "returns",
    security(("session" = [])),
    params(CountyMonth),
    responses(
        (status = 200, description = "The return as saved.", body = Return),
        (status = 400, description = "A figure outside 0 to 10^15 元 (`ErrorBody`); or the body is not JSON \
            (plain text).", content((ErrorBody = "application/json"), (String = "text/plain"))),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's county, or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such county, or not a month.", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`.", body = String, content_type = "text/plain"),
        (status = 422, description = "The body is not a `ReturnFigures` (a missing, mistyped or unknown field, \
            such as `approved`).", body = String, content_type = "text/plain"),
    ),
)]
pub async fn write_county(
    State(state): State<AppState>,
    s: Session,
    Path(CountyMonth { code, month: m }): Path<CountyMonth>,
    Json(figures): Json<ReturnFigures>,
) -> Result<Json<Return>, AppError> {
    let code = county(&state, &code)?;
    require(s.principal.can_write_county(code))?;
    write(state, s.principal, Owner::County, code.to_string(), month(&m)?, figures).await
}

/// Approves the latest figures of a county's return: the bureau only.
#[utoipa::path(
    post,
    path = "/api/returns/county/{code}/{month}/approve",
    tag = "returns",
    security(("session" = [])),
    params(CountyMonth),
    responses(
        (status = 200, description = "The return as approved.", body = Return),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such county, not a month, or nothing entered to approve.", body = ErrorBody),
    ),
)]
pub async fn approve_county(
    State(state): State<AppState>,
    s: Session,
    Path(CountyMonth { code, month: m }): Path<CountyMonth>,
) -> Result<Json<Return>, AppError> {
    let code = county(&state, &code)?;
    require(s.principal.is_admin())?;
    approve(state, s.principal, Owner::County, code.to_string(), month(&m)?).await
}

/// An enterprise's return for a month.
///
/// The bureau and viewers read every enterprise's, an enterprise its own.
#[utoipa::path(
    get,
    path = "/api/returns/enterprise/{id}/{month}",
    tag = "returns",
    security(("session" = [])),
    params(FirmMonth),
    responses(
        (status = 200, description = "The return; a flow never entered is null.", body = Return),
        (status = 400, description = "The id is not an integer.", body = String, content_type = "text/plain"),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's enterprise.", body = ErrorBody),
        (status = 404, description = "No such enterprise, or not a month.", body = ErrorBody),
    ),
)]
pub async fn read_enterprise(
    State(state): State<AppState>,
    s: Session,
    Path(FirmMonth { id, month: m }): Path<FirmMonth>,
) -> Result<Json<Return>, AppError> {
    require(s.principal.can_read_enterprise(id))?;
    let id = enterprise(&state, id).await?;
    read(state, Owner::Enterprise, id.to_string(), month(&m)?).await
}

/// Saves an enterprise's figures for a month as new, unapproved versions.
///
/// The bureau or that enterprise may; the body has no approval field, and an unknown field is refused.
#[utoipa::path(
    put,
    path = "/api/returns/enterprise/{id}/{month}",
    tag = "returns",
    security(("session" = [])),
    params(FirmMonth),
    responses(
        (status = 200, description = "The return as saved.", body = Return),
        (status = 400, description = "A figure outside 0 to 10^15 元 (`ErrorBody`); or the id or body is malformed \
            (plain text).", content((ErrorBody = "application/json"), (String = "text/plain"))),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's enterprise, or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such enterprise, or not a month.", body = ErrorBody),
        (status = 415, description = "The body is not `application/json`.", body = String, content_type = "text/plain"),
        (status = 422, description = "The body is not a `ReturnFigures` (a missing, mistyped or unknown field, \
            such as `approved`).", body = String, content_type = "text/plain"),
    ),
)]
pub async fn write_enterprise(
    State(state): State<AppState>,
    s: Session,
    Path(FirmMonth { id, month: m }): Path<FirmMonth>,
    Json(figures): Json<ReturnFigures>,
) -> Result<Json<Return>, AppError> {
    require(s.principal.can_write_enterprise(id))?;
    let id = enterprise(&state, id).await?;
    write(state, s.principal, Owner::Enterprise, id.to_string(), month(&m)?, figures).await
}

/// Approves the latest figures of an enterprise's return: the bureau only.
#[utoipa::path(
    post,
    path = "/api/returns/enterprise/{id}/{month}/approve",
    tag = "returns",
    security(("session" = [])),
    params(FirmMonth),
    responses(
        (status = 200, description = "The return as approved.", body = Return),
        (status = 400, description = "The id is not an integer.", body = String, content_type = "text/plain"),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "No such enterprise, not a month, or nothing entered to approve.",
            body = ErrorBody),
    ),
)]
pub async fn approve_enterprise(
    State(state): State<AppState>,
    s: Session,
    Path(FirmMonth { id, month: m }): Path<FirmMonth>,
) -> Result<Json<Return>, AppError> {
    require(s.principal.is_admin())?;
    let id = enterprise(&state, id).await?;
    approve(state, s.principal, Owner::Enterprise, id.to_string(), month(&m)?).await
}
