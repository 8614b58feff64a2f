//! The audit log for the bureau: newest first, filterable by user and action.

use axum::extract::{Query, State};
use axum::Json;

use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};

#[derive(Debug, serde::Deserialize)]
pub struct Filter {
    user: Option<String>,
    action: Option<String>,
    limit: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(f): Query<Filter>,
) -> Result<Json<Vec<AuditEntry>>, AppError> {
    require(session.principal.is_admin())?;
    let limit = f.limit.unwrap_or(200).clamp(1, 1000);
    Ok(Json(state.store.call(move |c| audit::list(c, f.user.as_deref(), f.action.as_deref(), limit)).await?))
}
