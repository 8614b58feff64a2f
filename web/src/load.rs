//! Fetching the published data files.

use std::sync::Arc;

use waimao_core::api::{OverviewFile, OVERVIEW_FILE};

/// Where the dashboard stands with its data.
#[derive(Clone, Debug)]
pub enum Loaded<T> {
    Loading,
    Failed(String),
    Ready(Arc<T>),
}

pub async fn overview() -> Result<OverviewFile, String> {
    let url = format!("/data/{OVERVIEW_FILE}");
    let resp = gloo_net::http::Request::get(&url).send().await.map_err(|e| e.to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    resp.json::<OverviewFile>().await.map_err(|e| e.to_string())
}

/// A dimension's breakdown file, fetched when its panel first needs it.
pub async fn dimension(d: waimao_core::Dimension) -> Result<waimao_core::api::DimensionFile, String> {
    let url = format!("/data/{}", waimao_core::api::dimension_file(d));
    let resp = gloo_net::http::Request::get(&url).send().await.map_err(|e| e.to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    resp.json().await.map_err(|e| e.to_string())
}

/// The county boundaries named in the published metadata, if the operator configured them; `None`
/// means the map falls back to the tile grid.
pub async fn boundaries(file: Option<String>) -> Option<String> {
    let resp = gloo_net::http::Request::get(&format!("/data/{}", file?)).send().await.ok()?;
    if !resp.ok() {
        return None;
    }
    resp.text().await.ok()
}
