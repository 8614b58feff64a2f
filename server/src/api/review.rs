//! The bureau's side of returns: the queue awaiting review, approving (which publishes) or returning
//! with a comment, reopening an approved return (an audited action), and the completeness table of a
//! month with the filers to chase.

use axum::extract::{Path, State};
use axum::Json;
use waimao_core::api::ErrorBody;
use waimao_core::returns::{FilingRow, Reopen, ReturnRecord, Review};
use waimao_core::YearMonth;

use super::returns::ReturnPath;
use crate::auth::Session;
use crate::error::AppError;
use crate::service;
use crate::state::AppState;

/// Returns awaiting review (latest versions only), oldest first: the bureau and viewers.
#[utoipa::path(
    get,
    path = "/api/returns/pending",
    tag = "returns",
    security(("session" = [])),
    responses(
        (status = 200, description = "Returns awaiting review.", body = Vec<ReturnRecord>),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody),
    ),
)]
pub async fn pending(State(state): State<AppState>, s: Session) -> Result<Json<Vec<ReturnRecord>>, AppError> {
    Ok(Json(service::run(&state, s.principal, service::returns::pending).await?))
}

/// Approves the latest version (which publishes its totals) or returns it with a comment: the bureau.
#[utoipa::path(
    post,
    path = "/api/returns/{kind}/{id}/{month}/review",
    tag = "returns",
    security(("session" = [])),
    params(ReturnPath),
    request_body = Review,
    responses(
        (status = 200, description = "The return as reviewed.", body = ReturnRecord),
        (status = 400, description = "Not awaiting review, or returned without a comment.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "Nothing filed for that month.", body = ErrorBody),
        (status = 409, description = "A newer version was filed: review that one.",
            body = waimao_core::returns::Conflict),
    ),
)]
pub async fn review(
    State(state): State<AppState>,
    s: Session,
    Path(path): Path<ReturnPath>,
    Json(body): Json<Review>,
) -> Result<Json<ReturnRecord>, AppError> {
    let (owner, month) = path.owner_month()?;
    Ok(Json(service::run(&state, s.principal, move |w| service::returns::review(w, owner, month, body)).await?))
}

/// Reopens an approved return so that a correction can be filed: the bureau, with a reason.
#[utoipa::path(
    post,
    path = "/api/returns/{kind}/{id}/{month}/reopen",
    tag = "returns",
    security(("session" = [])),
    params(ReturnPath),
    request_body = Reopen,
    responses(
        (status = 200, description = "The return, reopened.", body = ReturnRecord),
        (status = 400, description = "Not approved, or no reason given.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin), or a cross-site request.", body = ErrorBody),
        (status = 404, description = "Nothing filed for that month.", body = ErrorBody),
    ),
)]
pub async fn reopen(
    State(state): State<AppState>,
    s: Session,
    Path(path): Path<ReturnPath>,
    Json(body): Json<Reopen>,
) -> Result<Json<ReturnRecord>, AppError> {
    let (owner, month) = path.owner_month()?;
    Ok(Json(service::run(&state, s.principal, move |w| service::returns::reopen(w, owner, month, body)).await?))
}

/// Who filed a month's return on time, late or not at all: every county, then every key enterprise.
#[utoipa::path(
    get,
    path = "/api/completeness/{month}",
    tag = "returns",
    security(("session" = [])),
    params(("month", description = "The month: `2021-07`.", example = "2021-07")),
    responses(
        (status = 200, description = "One row per county and enterprise.", body = Vec<FilingRow>),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody),
        (status = 404, description = "Not a month.", body = ErrorBody),
    ),
)]
pub async fn completeness(
    State(state): State<AppState>,
    s: Session,
    Path(month): Path<String>,
) -> Result<Json<Vec<FilingRow>>, AppError> {
    let month = YearMonth::parse(&month).map_err(|_| AppError::NotFound)?;
    Ok(Json(service::run(&state, s.principal, move |w| service::returns::completeness(w, month)).await?))
}
