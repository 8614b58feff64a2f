//! waimao-server: a thin adapter between HTTP, the SQLite store and the published files. The meaning of
//! every figure lives in `waimao-core`; this crate parses, authorises, calls, stores and serves.

pub mod accounts_setup;
pub mod api;
pub mod auth;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod data_files;
mod dataset_zip;
pub mod embed;
mod embed_page;
pub mod error;
pub mod first_view;
pub mod publisher;
pub mod rate_limit;
pub mod registry;
pub mod run;
pub mod security;
pub mod served;
pub mod service;
pub mod state;
pub mod static_files;
pub mod store;
mod xlsx;

use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;

pub use state::AppState;

/// The whole HTTP surface. Tests call this with their own state and serve it on port 0.
pub fn app(state: AppState) -> Router {
    let dist = state.config.dist.clone();
    let build = static_files::Build::new(&dist, state.served.clone(), state.clock.clone());
    let router = Router::new()
        .route("/healthz", get(health))
        .route("/data/dataset.zip", get(dataset_zip::serve))
        .route("/data/{name}", get(data_files::serve).layer(CompressionLayer::new()))
        .route("/embed/{name}", get(embed::serve).layer(CompressionLayer::new()))
        .merge(Router::from(api::routes()).layer(axum::middleware::from_fn(csrf::same_origin_only)))
        .merge(static_files::app_pages(&dist))
        .fallback_service(static_files::service(&dist))
        .layer(RequestBodyLimitLayer::new(security::BODY_LIMIT))
        .merge(Router::from(api::upload_routes()).layer(axum::middleware::from_fn(csrf::same_origin_only)))
        .layer(axum::middleware::from_fn(api::rejection::as_error_body))
        .layer(axum::middleware::from_fn(static_files::cache_control));
    let routed = security::apply(router, build.clone()).with_state(state);
    // The app's files and the published data are answered from memory before any routing.
    Router::new().fallback_service(static_files::FromMemory::new(build, routed))
}

async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<axum::Json<waimao_core::api::Health>, error::AppError> {
    state.store.ping().await?;
    Ok(axum::Json(waimao_core::api::Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}
