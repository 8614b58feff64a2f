//! The internal HTTP API under `/api/`: sessions, accounts, returns and their review, targets, the
//! registries (enterprises, problems, experts, activities, members, meetings, tasks, exports) and the audit log. Every
//! handler takes the signed-in [`Session`](crate::auth::Session), parses its path and body, and hands
//! the principal and the typed arguments to one command of [`crate::service`], which checks the
//! principal against the object with `waimao_core::account`; ids in the URL or body are never trusted.

mod audit;
mod enterprises;
mod export;
mod imports;
mod meetings;
mod openapi;
mod problems;
mod reconcile;
mod registry;
pub mod rejection;
mod returns;
mod review;
mod session;
mod targets;
mod users;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// Every API route, declared once: utoipa-axum's `routes!` takes each handler's path and method from its
/// `#[utoipa::path]`, so the router and the OpenAPI document cannot disagree. Handlers of one path go
/// in one `routes!`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session::current, session::sign_in, session::sign_out))
        .routes(routes!(session::me))
        .routes(routes!(session::change_password))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::update))
        .routes(routes!(users::reset_password))
        .routes(routes!(audit::list))
        .routes(routes!(returns::submit))
        .routes(routes!(review::pending))
        .routes(routes!(returns::history))
        .routes(routes!(returns::read))
        .routes(routes!(review::review))
        .routes(routes!(review::reopen))
        .routes(routes!(review::completeness))
        .routes(routes!(targets::set))
        .routes(routes!(enterprises::list, enterprises::create))
        .routes(routes!(enterprises::detail, enterprises::update))
        .routes(routes!(enterprises::raise))
        .routes(routes!(enterprises::briefing_series))
        .routes(routes!(problems::list))
        .routes(routes!(problems::reply))
        .routes(routes!(registry::list, registry::create))
        .routes(routes!(registry::update))
        .routes(routes!(meetings::list, meetings::create))
        .routes(routes!(meetings::update_meeting))
        .routes(routes!(meetings::tasks))
        .routes(routes!(meetings::update_task))
        .routes(routes!(meetings::progress))
        .routes(routes!(export::download))
        .routes(routes!(export::table_xlsx))
        .routes(routes!(imports::recheck))
        .routes(routes!(imports::commit))
        .routes(routes!(imports::batches))
        .routes(routes!(imports::review))
        .routes(routes!(reconcile::month, reconcile::choose))
        .routes(routes!(reconcile::figure))
        .routes(routes!(openapi::document))
}

/// The upload of a spreadsheet: the one route whose body may be larger than [`crate::security::BODY_LIMIT`].
pub fn upload_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(imports::upload)).layer((
        axum::extract::DefaultBodyLimit::max(imports::UPLOAD_LIMIT),
        tower_http::limit::RequestBodyLimitLayer::new(imports::UPLOAD_LIMIT),
    ))
}
