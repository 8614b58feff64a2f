//! The audit log for the bureau: newest first, filterable by user and action.

use axum::extract::{Query, State};
use axum::Json;
use waimao_core::api::ErrorBody;

use crate::auth::Session;
use crate::error::AppError;
use crate::service;
use crate::state::AppState;
use crate::store::audit::AuditEntry;

/// Which entries to list; every filter is optional.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct Filter {
    /// Only the entries of this user name.
    #[param(value_type = String, required = false)]
    user: Option<String>,
    /// Only the entries of this action, e.g. `sign_in_failed`.
    #[param(value_type = String, required = false)]
    action: Option<String>,
    /// At most this many entries (1 to 1000, 200 when absent; others are clamped).
    #[param(value_type = i64, required = false, minimum = 1, maximum = 1000)]
    limit: Option<i64>,
}

/// The audit log, newest first.
#[utoipa::path(
    get,
    path = "/api/audit",
    operation_id = "list_audit",
    tag = "audit",
    security(("session" = [])),
    params(Filter),
    responses(
        (status = 200, description = "The matching entries, newest first.", body = [AuditEntry]),
        (status = 400, description = "A malformed query, e.g. a `limit` that is not an integer.", body = String,
            content_type = "text/plain"),
        (status = 401, description = "No session, or it has ended.", body = ErrorBody),
        (status = 403, description = "Not the bureau (admin).", body = ErrorBody),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(f): Query<Filter>,
) -> Result<Json<Vec<AuditEntry>>, AppError> {
    Ok(Json(service::run(&state, session.principal, move |w| service::log::list(w, f.user, f.action, f.limit)).await?))
}
