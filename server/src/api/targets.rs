//! Annual targets, set by the bureau only.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use waimao_core::api::TargetValue;
use waimao_core::RegionCode;

use super::require;
use crate::auth::{self, Session};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, audit};

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
    state
        .store
        .call(move |c| {
            let tx = c.transaction()?;
            let old = store::set_target(&tx, &code.to_string(), year, body.total)?.map(|v| v.to_string());
            let change = audit::Change {
                user_id: Some(admin.user_id),
                user_name: &admin.name,
                action: "set_target",
                object: &format!("target/{code}/{year}"),
                old_value: old.as_deref(),
                new_value: Some(&body.total.to_string()),
            };
            audit::append(&tx, &change, auth::now_secs())?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
