//! Filing monthly returns: reading a return and the filer's history, and submitting a version. A
//! submission is validated by `waimao_core::returns::validate` (the code the offline form runs), stored
//! in one transaction with its audit entry, and answered only after the commit.

use axum::extract::{Path, State};
use axum::Json;
use waimao_core::api::ErrorBody;
use waimao_core::returns::{Ack, Owner, ReturnHistory, ReturnRecord, Submission};
use waimao_core::YearMonth;

use crate::auth::Session;
use crate::error::AppError;
use crate::service;
use crate::state::AppState;

/// The path of a filer: `county/610302` or `enterprise/7`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct OwnerPath {
    /// `county` or `enterprise`.
    #[param(pattern = "^(county|enterprise)$", example = "county")]
    kind: String,
    /// A county's GB/T 2260 code, or an enterprise's id.
    #[param(example = "610302")]
    id: String,
}

/// The path of one return: the filer and the month.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ReturnPath {
    /// `county` or `enterprise`.
    #[param(pattern = "^(county|enterprise)$", example = "county")]
    kind: String,
    /// A county's GB/T 2260 code, or an enterprise's id.
    #[param(example = "610302")]
    id: String,
    /// The month: `2021-07` (also `2021-7` or `202107`).
    #[param(pattern = "^[0-9]{4}(-[0-9]{1,2}|[0-9]{2})$", example = "2021-07")]
    month: String,
}

// Paths are parsed first and checked against the registry only after the caller's right to the owner:
// whether enterprise 9999 exists is not for a firm to learn.
impl OwnerPath {
    fn owner(&self) -> Result<Owner, AppError> {
        Owner::parse(&self.kind, &self.id).ok_or(AppError::NotFound)
    }
}

impl ReturnPath {
    pub fn owner_month(&self) -> Result<(Owner, YearMonth), AppError> {
        let owner = Owner::parse(&self.kind, &self.id).ok_or(AppError::NotFound)?;
        Ok((owner, YearMonth::parse(&self.month).map_err(|_| AppError::NotFound)?))
    }
}

/// The latest version of a return, or null when nothing was filed.
#[utoipa::path(
    get,
    path = "/api/returns/{kind}/{id}/{month}",
    tag = "returns",
    security(("session" = [])),
    params(ReturnPath),
    responses(
        (status = 200, description = "The latest version, or null.", body = Option<ReturnRecord>),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's county or enterprise.", body = ErrorBody),
        (status = 404, description = "No such county or enterprise, or not a month.", body = ErrorBody),
    ),
)]
pub async fn read(
    State(state): State<AppState>,
    s: Session,
    Path(path): Path<ReturnPath>,
) -> Result<Json<Option<ReturnRecord>>, AppError> {
    let (owner, month) = path.owner_month()?;
    Ok(Json(service::run(&state, s.principal, move |w| service::returns::read(w, owner, month)).await?))
}

/// The filer's approved figures, which the form compares a new return with (also offline).
#[utoipa::path(
    get,
    path = "/api/returns/{kind}/{id}/history",
    tag = "returns",
    security(("session" = [])),
    params(OwnerPath),
    responses(
        (status = 200, description = "Approved totals by period, oldest first.", body = ReturnHistory),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's county or enterprise.", body = ErrorBody),
        (status = 404, description = "No such county or enterprise.", body = ErrorBody),
    ),
)]
pub async fn history(
    State(state): State<AppState>,
    s: Session,
    Path(path): Path<OwnerPath>,
) -> Result<Json<ReturnHistory>, AppError> {
    let owner = path.owner()?;
    Ok(Json(service::run(&state, s.principal, move |w| service::returns::history(w, owner)).await?))
}

/// Files a version of a return. Sending the same submission again (same id, same content) returns the
/// same answer and stores nothing new.
#[utoipa::path(
    post,
    path = "/api/returns",
    tag = "returns",
    security(("session" = [])),
    request_body = Submission,
    responses(
        (status = 200, description = "Stored (or stored before: `replayed`).", body = Ack),
        (status = 400, description = "The id is not a UUID.", body = ErrorBody),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the caller's county or enterprise, or a cross-site request.",
            body = ErrorBody),
        (status = 404, description = "No such county or enterprise.", body = ErrorBody),
        (status = 409, description = "The id was used for other content, or the edit was based on a version that \
            is no longer the latest: the body holds the current version.", body = waimao_core::returns::Conflict),
        (status = 422, description = "The return fails validation: every finding, by field.",
            body = waimao_core::returns::Report),
    ),
)]
pub async fn submit(
    State(state): State<AppState>,
    s: Session,
    Json(sub): Json<Submission>,
) -> Result<Json<Ack>, AppError> {
    Ok(Json(service::run(&state, s.principal, move |w| service::returns::submit(w, sub)).await?))
}
