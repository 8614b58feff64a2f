//! `/embed/…`: the chart widgets other sites frame. A widget page is the chart as SVG (drawn by
//! `waimao_core::embed` from the published overview, never from the database) with its title, summary,
//! source and date, plus one small script for tooltips and the frame's height. `/embed/<chart>.svg` is
//! the same chart alone, for places that run no scripts. Only these routes may be framed: by any site,
//! or by the origins in `WAIMAO_EMBED_ORIGINS`. Answers carry an ETag and a short max-age, so a new
//! publication shows within minutes and unchanged widgets cost a 304.

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use waimao_core::api::{dimension_file, DimensionFile, OverviewFile, OVERVIEW_FILE};
use waimao_core::embed::{render, EmbedChart, EmbedError, EmbedSpec, Widget};
use waimao_core::Lang;

use crate::embed_page::page;
use crate::error::AppError;
use crate::publisher::sha256_hex;
use crate::state::AppState;

const WIDGET_JS: &str = include_str!("../assets/widget.js");
const HOST_JS: &str = include_str!("../assets/host.js");

/// How long a browser or CDN may reuse a widget without asking.
const MAX_AGE: &str = "public, max-age=300";

/// The published overview, parsed once per publication (keyed by the file's modification time).
type Cached = Option<(SystemTime, Arc<OverviewFile>, String)>;
static OVERVIEW: Mutex<Cached> = Mutex::new(None);

async fn overview(state: &AppState) -> Result<(Arc<OverviewFile>, String), AppError> {
    let path = crate::publisher::published_path(&state.config.data_dir, OVERVIEW_FILE);
    let modified = tokio::fs::metadata(&path).await.and_then(|m| m.modified()).map_err(|_| AppError::NotFound)?;
    if let Some((at, file, hash)) = OVERVIEW.lock().map_err(|_| AppError::Internal("poisoned".into()))?.as_ref() {
        if *at == modified {
            return Ok((file.clone(), hash.clone()));
        }
    }
    let bytes = tokio::fs::read(&path).await?;
    let file: OverviewFile = serde_json::from_slice(&bytes).map_err(|e| AppError::Internal(e.to_string()))?;
    let (file, hash) = (Arc::new(file), sha256_hex(&bytes));
    *OVERVIEW.lock().map_err(|_| AppError::Internal("poisoned".into()))? = Some((modified, file.clone(), hash.clone()));
    Ok((file, hash))
}

/// `frame-ancestors` of widget pages: `WAIMAO_EMBED_ORIGINS` (space-separated origins), else any site.
pub fn frame_ancestors() -> String {
    frame_ancestors_from(std::env::var("WAIMAO_EMBED_ORIGINS").ok())
}

/// The origins of a configured list that are plain `http(s)://` origins; any site when none is.
pub fn frame_ancestors_from(setting: Option<String>) -> String {
    setting
        .map(|v| {
            v.split_whitespace()
                .filter(|o| o.starts_with("https://") || o.starts_with("http://"))
                .filter(|o| o.bytes().all(|b| b.is_ascii_graphic() && b != b';' && b != b','))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "*".into())
}

fn policy() -> String {
    format!(
        // connect-src: the widget fetches nothing, but a browser's tools (and Lighthouse reading
        // robots.txt) fetch from the page.
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors {}",
        frame_ancestors()
    )
}

/// The widget's and the host page's scripts, compressed once.
static SCRIPTS: std::sync::LazyLock<[Option<crate::served::File>; 2]> = std::sync::LazyLock::new(|| {
    [WIDGET_JS, HOST_JS].map(|js| crate::served::File::new(js.as_bytes().to_vec(), "text/javascript", true).ok())
});

fn problem(e: EmbedError, lang: Lang) -> AppError {
    match e {
        EmbedError::UnknownCounty => AppError::NotFound,
        EmbedError::NoData => AppError::BadRequest(
            lang.pick(
                "该月份没有已发布的数据 / No published figures for that month",
                "No published figures for that month",
            )
            .into(),
        ),
    }
}

/// `/embed/trend`, `/embed/trend.svg`, and the widget's and host page's scripts.
pub async fn serve(
    State(state): State<AppState>,
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let script = match name.as_str() {
        "widget.js" => Some(&SCRIPTS[0]),
        "host.js" => Some(&SCRIPTS[1]),
        _ => None,
    };
    if let Some(script) = script {
        let file = script.as_ref().ok_or_else(|| AppError::Internal("compressing a widget script failed".into()))?;
        return Ok(respond(file, &headers));
    }
    let (chart, svg_only) = match name.strip_suffix(".svg") {
        Some(c) => (c, true),
        None => (name.as_str(), false),
    };
    let chart = EmbedChart::parse(chart).ok_or(AppError::NotFound)?;
    let spec = EmbedSpec::from_query(chart, query.as_deref().unwrap_or_default());
    let (file, hash) = overview(&state).await?;
    // Rendered once per publication and widget: the key names both, as the spec reads them back.
    let key = format!("{name}?{}", spec.to_query());
    if let Some(hit) = rendered(&hash, &key) {
        return Ok(respond(&hit, &headers));
    }
    // A composition also reads its dimension's file, published together with the overview.
    let breakdown = if chart == EmbedChart::Composition {
        let path = crate::publisher::published_path(&state.config.data_dir, &dimension_file(spec.dimension));
        let bytes = tokio::fs::read(&path).await.map_err(|_| AppError::NotFound)?;
        Some(serde_json::from_slice::<DimensionFile>(&bytes).map_err(|e| AppError::Internal(e.to_string()))?)
    } else {
        None
    };
    let widget: Widget = render(&spec, &file, breakdown.as_ref()).map_err(|e| problem(e, spec.lang))?;
    let (body, content_type) = if svg_only {
        (widget.image(), "image/svg+xml; charset=utf-8")
    } else {
        (page(&spec, &widget), "text/html; charset=utf-8")
    };
    let file = Arc::new(crate::served::File::new(body.into_bytes(), content_type, true)?);
    remember(&hash, key, file.clone());
    Ok(respond(&file, &headers))
}

/// The widgets rendered for the current publication (by its overview's hash), at most
/// [`RENDERED_MAX`] of them: the query strings a stranger may invent cannot grow it without bound.
type Rendered = Option<(String, std::collections::HashMap<String, Arc<crate::served::File>>)>;
static RENDERED: Mutex<Rendered> = Mutex::new(None);
const RENDERED_MAX: usize = 512;

fn rendered(hash: &str, key: &str) -> Option<Arc<crate::served::File>> {
    let cache = RENDERED.lock().ok()?;
    cache.as_ref().filter(|(h, _)| h == hash)?.1.get(key).cloned()
}

fn remember(hash: &str, key: String, file: Arc<crate::served::File>) {
    let Ok(mut cache) = RENDERED.lock() else { return };
    if cache.as_ref().is_none_or(|(h, _)| h != hash) {
        *cache = Some((hash.to_string(), Default::default()));
    }
    if let Some((_, map)) = cache.as_mut().filter(|(_, m)| m.len() < RENDERED_MAX) {
        map.insert(key, file);
    }
}

/// A rendered widget with the widget routes' own headers: framable by the configured origins, shared
/// caches for a few minutes.
fn respond(file: &crate::served::File, headers: &HeaderMap) -> Response {
    let csp = HeaderValue::from_str(&policy()).unwrap_or(HeaderValue::from_static("frame-ancestors 'none'"));
    file.respond(
        headers,
        false,
        &[
            (header::CACHE_CONTROL, HeaderValue::from_static(MAX_AGE)),
            (header::CONTENT_SECURITY_POLICY, csp),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*")),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::frame_ancestors_from;

    #[test]
    fn configured_origins_limit_framing() {
        assert_eq!(frame_ancestors_from(None), "*");
        assert_eq!(
            frame_ancestors_from(Some("https://swj.baoji.gov.cn  http://intranet.local:8080".into())),
            "https://swj.baoji.gov.cn http://intranet.local:8080"
        );
        // Anything that could end the directive or add a source keyword is dropped.
        assert_eq!(frame_ancestors_from(Some("https://a.cn;script-src * 'self' javascript:x".into())), "*");
    }
}
