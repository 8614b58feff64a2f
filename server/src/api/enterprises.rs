//! The key-enterprise registry: the list with each enterprise's standing, one enterprise's page,
//! adding and editing records (the bureau), and raising problems (the bureau or the enterprise).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use waimao_core::api::ErrorBody;
use waimao_core::briefing::enterprises::EnterpriseSeries;
use waimao_core::enterprise::{Enterprise, EnterpriseRow};
use waimao_core::form::FormErrors;
use waimao_core::problem::Problem;
use waimao_core::registry::{EnterpriseDetail, Listing};

use crate::auth::Session;
use crate::error::AppError;
use crate::service;
use crate::state::AppState;

/// The key enterprises the caller may see, with their standing and open problems.
#[utoipa::path(get, path = "/api/enterprises", tag = "registries", security(("session" = [])),
    responses((status = 200, description = "Visible enterprises: all for the bureau and viewers, a county's own, an enterprise itself.", body = Listing<EnterpriseRow>),
        (status = 401, description = "No session.", body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Listing<EnterpriseRow>>, AppError> {
    Ok(Json(service::run(&state, session.principal, service::enterprises::list).await?))
}

/// Adds a key enterprise (the bureau).
#[utoipa::path(post, path = "/api/enterprises", tag = "registries", security(("session" = [])), request_body = Enterprise,
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 201, description = "Added, with its id.", body = Enterprise),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 422, description = "Findings by field, in both languages.", body = FormErrors)))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Json(e): Json<Enterprise>,
) -> Result<(StatusCode, Json<Enterprise>), AppError> {
    let e = service::run(&state, session.principal, move |w| service::enterprises::create(w, e)).await?;
    Ok((StatusCode::CREATED, Json(e)))
}

/// Edits a key enterprise (the bureau); the body names the version it was based on.
#[utoipa::path(put, path = "/api/enterprises/{id}", tag = "registries", security(("session" = [])), request_body = Enterprise,
    params(("id", description = "The enterprise.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "Saved as the next version.", body = Enterprise),
        (status = 403, description = "Not the bureau.", body = ErrorBody),
        (status = 404, description = "No such enterprise.", body = ErrorBody),
        (status = 409, description = "Changed by someone else since `version`.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Json(e): Json<Enterprise>,
) -> Result<Json<Enterprise>, AppError> {
    Ok(Json(service::run(&state, session.principal, move |w| service::enterprises::update(w, id, e)).await?))
}

/// One enterprise's page: the record, its approved months, its returns and its problems.
#[utoipa::path(get, path = "/api/enterprises/{id}", tag = "registries", security(("session" = [])),
    params(("id", description = "The enterprise.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "The enterprise's page.", body = EnterpriseDetail),
        (status = 403, description = "Not the caller's (asked of any id the caller may not see).", body = ErrorBody),
        (status = 404, description = "No such enterprise (for the bureau and viewers).", body = ErrorBody)))]
pub async fn detail(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Json<EnterpriseDetail>, AppError> {
    Ok(Json(service::run(&state, session.principal, move |w| service::enterprises::detail(w, id)).await?))
}

/// Raises a problem or demand (困难诉求) for an enterprise: the bureau, or the enterprise itself.
#[utoipa::path(post, path = "/api/enterprises/{id}/problems", tag = "registries", security(("session" = [])), request_body = Problem,
    params(("id", description = "The enterprise.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 201, description = "Raised; open.", body = Problem),
        (status = 403, description = "Neither the bureau nor this enterprise.", body = ErrorBody),
        (status = 404, description = "No such enterprise.", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn raise(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Json(problem): Json<Problem>,
) -> Result<(StatusCode, Json<Problem>), AppError> {
    let problem = service::run(&state, session.principal, move |w| service::enterprises::raise(w, id, problem)).await?;
    Ok((StatusCode::CREATED, Json(problem)))
}

/// Every key enterprise's monthly exports and imports (approved figures), for the briefing's part on
/// the key enterprises: the bureau and viewers only, since enterprise figures are never published.
#[utoipa::path(get, path = "/api/briefing/enterprises", tag = "registries", security(("session" = [])),
    responses((status = 200, description = "Each enterprise with at least one approved month.", body = Vec<EnterpriseSeries>),
        (status = 401, description = "No session.", body = ErrorBody),
        (status = 403, description = "Not the bureau or a viewer.", body = ErrorBody)))]
pub async fn briefing_series(
    State(state): State<AppState>,
    session: Session,
) -> Result<Json<Vec<EnterpriseSeries>>, AppError> {
    Ok(Json(service::run(&state, session.principal, service::enterprises::briefing_series).await?))
}
