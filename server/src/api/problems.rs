//! Enterprises' problems and demands (困难诉求) across the registry: the list the caller may see, and
//! replies (the bureau's, which may change the status and department; the enterprise's follow-ups).

use axum::extract::{Path, State};
use axum::Json;
use waimao_core::api::ErrorBody;
use waimao_core::form::FormErrors;
use waimao_core::problem::{Problem, Reply};
use waimao_core::registry::Listing;

use super::context::{entry, hidden};
use super::require;
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, audit, records};

/// Every problem the caller may see, oldest first.
#[utoipa::path(get, path = "/api/problems", tag = "registries", security(("session" = [])),
    responses((status = 200, description = "The bureau and viewers: all; a county: its enterprises'; an enterprise: its own.", body = Listing<Problem>),
        (status = 401, description = "No session.", body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, session: Session) -> Result<Json<Listing<Problem>>, AppError> {
    let p = session.principal;
    let items = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let firms = store::load_enterprises(c)?;
            let seen = |id: i64| firms.iter().any(|e| e.id == id && super::enterprises::visible(&p, e));
            Ok(records::list::<Problem>(c)?.into_iter().filter(|x| seen(x.enterprise)).collect())
        })
        .await?;
    Ok(Json(Listing { today: state.clock.today(), items }))
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
    Json(mut r): Json<Reply>,
) -> Result<Json<Problem>, AppError> {
    let p = session.principal;
    // Viewers and counties never reply; that needs no lookup.
    require(p.may_reply_to_problems())?;
    r.by = p.name.clone();
    r.text = r.text.trim().to_string();
    let (now_secs, today) = (state.clock.now_secs(), state.clock.today());
    let problem = state
        .store
        .call(move |c| -> Result<_, AppError> {
            let mut problem = records::get::<Problem>(c, id)?.ok_or_else(|| hidden(&p))?;
            require(p.can_raise_problem(problem.enterprise))?;
            if !p.can_settle_problem() {
                require(r.status == problem.status && r.department.is_none())?;
            }
            let old = serde_json::to_string(&problem).ok();
            problem.apply(r, today)?;
            audit::record(c, now_secs, |tx| {
                let base = problem.version;
                records::update(tx, &mut problem, base, now_secs)?;
                Ok((problem.clone(), entry(&p, "reply_problem", format!("problem/{id}"), old, &problem)))
            })
        })
        .await?;
    Ok(Json(problem))
}
