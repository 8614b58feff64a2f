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

thread_local! {
    static OFFLINE_COPY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the last overview came from the service worker's copy because the server was unreachable.
pub fn is_offline_copy() -> bool {
    OFFLINE_COPY.with(|c| c.get())
}

pub async fn overview() -> Result<OverviewFile, String> {
    let url = format!("/data/{OVERVIEW_FILE}");
    let resp = gloo_net::http::Request::get(&url).send().await.map_err(|e| e.to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    // `sw.js` marks the answers it gives from its copy.
    OFFLINE_COPY.with(|c| c.set(resp.headers().get("x-waimao-offline").is_some()));
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

/// The latest result of `fetch(key())`, refetched whenever `key()` changes; `None` until the first
/// answer. A slower, older answer never overwrites a newer one.
pub fn fetched<K, T, Fut>(
    key: impl Fn() -> K + 'static,
    fetch: impl Fn(K) -> Fut + Copy + 'static,
) -> leptos::prelude::RwSignal<Option<T>>
where
    K: 'static,
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + 'static,
{
    use leptos::prelude::*;
    let out = RwSignal::new(None);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let k = key();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            let value = fetch(k).await;
            if generation.get_value() == mine {
                out.set(Some(value));
            }
        });
    });
    out
}
