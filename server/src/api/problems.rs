//! Enterprises' problems and demands (困难诉求) across the registry: the list the caller may see, and
//! replies (the bureau's, which may change the status and department; the enterprise's follow-ups).

use axum::extract::{Path, State};
use axum::Json;
use waimao_core::api::ErrorBody;
use waimao_core::form::FormErrors;
use waimao_core::problem::{Problem, Reply};
use waimao_core::registry::Listing;

use crate::auth::Session;
use crate::error::AppError;
use crate::service;
use crate::state::AppState;

/// Every problem the caller may see, oldest first.
#[utoipa::path(get, path = "/api/problems", tag = "registries", security(("session" = [])),
    responses((status = 200, description = "The bureau and viewers: all; a county: its enterprises'; an enterprise: its own.", body = Listing<Problem>),
        (status = 401, description = "No session.", body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Listing<Problem>>, AppError> {
    Ok(Json(service::run(&state, session.principal, service::problems::list).await?))
}

/// Replies to a problem. The bureau may set the status and the responsible department; the
/// enterprise itself may add a follow-up that leaves both as they are.
#[utoipa::path(post, path = "/api/problems/{id}/replies", tag = "registries", security(("session" = [])), request_body = Reply,
    params(("id", description = "The problem.")),
    responses((status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 200, description = "The problem with the reply applied.", body = Problem),
        (status = 403, description = "Neither the bureau nor the problem's enterprise, or a status change by the enterprise.", body = ErrorBody),
        (status = 404, description = "No such problem (for the bureau and viewers).", body = ErrorBody),
        (status = 422, description = "Findings by field.", body = FormErrors)))]
pub async fn reply(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Json(r): Json<Reply>,
) -> Result<Json<Problem>, AppError> {
    Ok(Json(service::run(&state, session.principal, move |w| service::problems::reply(w, id, r)).await?))
}
