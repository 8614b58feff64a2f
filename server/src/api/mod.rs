//! The internal HTTP API under `/api/`: sessions, accounts, returns and their review, targets, the
//! registries (enterprises, problems, experts, activities, members, meetings, tasks, exports) and the audit log. Every
//! handler takes the signed-in [`Session`](crate::auth::Session) and checks the principal against the
//! object it touches with `waimao_core::account`; ids in the URL or body are never trusted.

mod audit;
mod context;
mod enterprises;
mod export;
mod imports;
mod meetings;
mod openapi;
mod problems;
mod reconcile;
mod registry;
mod returns;
mod review;
mod session;
mod targets;
mod users;

pub(crate) use users::check_binding;

use axum::routing::{get, patch, post, put};
use axum::Router;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/session", get(session::current).post(session::sign_in).delete(session::sign_out))
        .route("/api/me", get(session::me))
        .route("/api/me/password", post(session::change_password))
        .route("/api/users", get(users::list).post(users::create))
        .route("/api/users/{id}", patch(users::update))
        .route("/api/users/{id}/password", post(users::reset_password))
        .route("/api/audit", get(audit::list))
        .route("/api/returns", post(returns::submit))
        .route("/api/returns/pending", get(review::pending))
        .route("/api/returns/{kind}/{id}/history", get(returns::history))
        .route("/api/returns/{kind}/{id}/{month}", get(returns::read))
        .route("/api/returns/{kind}/{id}/{month}/review", post(review::review))
        .route("/api/returns/{kind}/{id}/{month}/reopen", post(review::reopen))
        .route("/api/completeness/{month}", get(review::completeness))
        .route("/api/targets/{code}/{year}", put(targets::set))
        .route("/api/enterprises", get(enterprises::list).post(enterprises::create))
        .route("/api/enterprises/{id}", get(enterprises::detail).put(enterprises::update))
        .route("/api/enterprises/{id}/problems", post(enterprises::raise))
        .route("/api/briefing/enterprises", get(enterprises::briefing_series))
        .route("/api/problems", get(problems::list))
        .route("/api/problems/{id}/replies", post(problems::reply))
        .route("/api/registry/{kind}", get(registry::list).post(registry::create))
        .route("/api/registry/{kind}/{id}", put(registry::update))
        .route("/api/meetings", get(meetings::list).post(meetings::create))
        .route("/api/meetings/{id}", put(meetings::update_meeting))
        .route("/api/tasks", get(meetings::tasks))
        .route("/api/tasks/{id}", put(meetings::update_task))
        .route("/api/tasks/{id}/progress", post(meetings::progress))
        .route("/api/export/{file}", get(export::download))
        .route("/api/xlsx", post(export::table_xlsx))
        .route("/api/imports/files/{id}/check", post(imports::recheck))
        .route("/api/imports/files/{id}/commit", post(imports::commit))
        .route("/api/imports/batches", get(imports::batches))
        .route("/api/imports/batches/{id}/review", post(imports::review))
        .route("/api/reconcile", get(reconcile::month).post(reconcile::choose))
        .route("/api/figures", get(reconcile::figure))
        .route("/api/openapi.json", get(openapi::document))
}

/// The upload of a spreadsheet: the one route whose body may be larger than [`crate::security::BODY_LIMIT`].
pub fn upload_routes() -> Router<AppState> {
    Router::new().route("/api/imports/files", post(imports::upload)).layer((
        axum::extract::DefaultBodyLimit::max(imports::UPLOAD_LIMIT),
        tower_http::limit::RequestBodyLimitLayer::new(imports::UPLOAD_LIMIT),
    ))
}

/// Refuses unless `allowed`; a 403 says the object exists but is not the caller's.
fn require(allowed: bool) -> Result<(), crate::error::AppError> {
    if allowed {
        Ok(())
    } else {
        Err(crate::error::AppError::Forbidden)
    }
}
